// SPDX-License-Identifier: GPL-3.0-or-later
#include "picker/advisorbutton.h"

#include <QAction>
#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QScreen>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Formwork {
namespace Ui {

AdvisorButton::AdvisorButton(QWidget *parent)
    : QToolButton(parent)
{
    setObjectName(QStringLiteral("advisorButton"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(this, &QToolButton::clicked, this, &AdvisorButton::showPopup);
    updateLook();
}

AdvisorButton::~AdvisorButton() = default;

void AdvisorButton::setAdvice(const QList<Advice> &advice)
{
    if (advice == m_advice)
        return;
    m_advice = advice;
    updateLook();
}

QString AdvisorButton::adviceHtml(const QList<Advice> &advice)
{
    QString html = QStringLiteral("<ul style=\"margin-left:0px; -qt-list-indent:1\">");
    for (const Advice &item : advice) {
        QString prefix;
        switch (item.severity) {
        case Advice::Severity::Error:
            prefix = tr("Problem:");
            break;
        case Advice::Severity::Warning:
            prefix = tr("Warning:");
            break;
        case Advice::Severity::Info:
            prefix = tr("Note:");
            break;
        }
        html += QStringLiteral("<li><b>%1</b> %2</li>").arg(prefix, item.text.toHtmlEscaped());
    }
    html += QStringLiteral("</ul>");
    return html;
}

void AdvisorButton::updateLook()
{
    const bool any = !m_advice.isEmpty();
    setEnabled(any);
    // Two explicit forms: right in English without a translation file, and enough for German.
    if (!any)
        setText(tr("advisor: no warnings"));
    else if (m_advice.size() == 1)
        setText(tr("advisor: 1 warning"));
    else
        setText(tr("advisor: %1 warnings").arg(m_advice.size()));
    const bool serious = std::any_of(m_advice.cbegin(), m_advice.cend(),
                                     [](const Advice &a) { return a.severity != Advice::Severity::Info; });
    setIcon(any ? style()->standardIcon(serious ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation)
                : QIcon());
    setToolTip(any ? tr("<p>What the advisor noticed about the model, the mode and the schema (click for the "
                        "list):</p>%1")
                         .arg(adviceHtml(m_advice))
                   : tr("The advisor checks the model's capabilities, the mode and the schema before a run; "
                        "nothing to report."));
    if (m_popupText)
        m_popupText->setText(adviceHtml(m_advice));
}

QFrame *AdvisorButton::popup()
{
    if (m_popup)
        return m_popup;
    m_popup = new QFrame(this, Qt::Popup);
    m_popup->setObjectName(QStringLiteral("advisorPopup"));
    m_popup->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(m_popup);
    m_popupText = new QLabel(m_popup);
    m_popupText->setObjectName(QStringLiteral("advisorPopupText"));
    m_popupText->setWordWrap(true);
    m_popupText->setTextFormat(Qt::RichText);
    m_popupText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_popupText->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_popupText->setText(adviceHtml(m_advice));
    layout->addWidget(m_popupText);
    for (QAction *action : std::as_const(m_offered))
        addOfferedButton(action);
    return m_popup;
}

void AdvisorButton::addOfferedAction(QAction *action)
{
    m_offered.append(action);
    if (m_popup)
        addOfferedButton(action);
}

// A button for an offered action in the popup, shown while the action is enabled.
void AdvisorButton::addOfferedButton(QAction *action)
{
    auto *button = new QToolButton(m_popup);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setVisible(action->isEnabled());
    m_popup->layout()->addWidget(button);
    connect(action, &QAction::changed, button, [button, action] { button->setVisible(action->isEnabled()); });
    connect(action, &QAction::triggered, m_popup, &QWidget::hide);
}

void AdvisorButton::showPopup()
{
    if (m_advice.isEmpty())
        return;
    QFrame *frame = popup();
    frame->adjustSize();
    QPoint position = mapToGlobal(QPoint(width() - frame->width(), height()));
    if (const QScreen *screen = this->screen()) {
        const QRect area = screen->availableGeometry();
        position.setX(std::clamp(position.x(), area.left(), std::max(area.left(), area.right() - frame->width())));
    }
    frame->move(position);
    frame->show();
}

void AdvisorButton::changeEvent(QEvent *event)
{
    QToolButton::changeEvent(event);
    if (event->type() == QEvent::StyleChange || event->type() == QEvent::LanguageChange)
        updateLook();
}

} // namespace Ui
} // namespace Formwork
