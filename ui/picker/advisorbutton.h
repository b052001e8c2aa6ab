// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "picker/capabilityadvisor.h"

#include <QToolButton>

class QAction;
class QFrame;
class QLabel;

namespace Formwork {
namespace Ui {

// "advisor: 2 warnings" in the run bar. The tooltip lists the advice; a click opens a popup with
// the same list (word-wrapped, most severe first). Greyed out with "advisor: no warnings" when
// there is nothing to say.
class AdvisorButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdvisorButton)

public:
    explicit AdvisorButton(QWidget *parent = nullptr);
    ~AdvisorButton() override;

    void setAdvice(const QList<Advice> &advice);
    const QList<Advice> &advice() const { return m_advice; }

    // The popup's list (objectName "advisorPopup"); created on first use.
    QFrame *popup();
    void showPopup();

    // An action the popup offers as a button below the advice while it is enabled (e.g. "Split
    // into Chunks" when the prompt does not fit the context). Not owned.
    void addOfferedAction(QAction *action);

    // The advice as an HTML list (tooltip and popup).
    static QString adviceHtml(const QList<Advice> &advice);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateLook();
    void addOfferedButton(QAction *action);

    QList<Advice> m_advice;
    QFrame *m_popup = nullptr;
    QLabel *m_popupText = nullptr;
    QList<QAction *> m_offered;
};

} // namespace Ui
} // namespace Formwork
