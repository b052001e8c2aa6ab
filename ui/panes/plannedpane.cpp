// SPDX-License-Identifier: GPL-3.0-or-later
#include "panes/plannedpane.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

PlannedPane::PlannedPane(const QString &title, const QString &whatItWillDo, QWidget *parent)
    : QWidget(parent)
{
    auto *label = new QLabel(this);
    label->setObjectName(QStringLiteral("plannedPaneText"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    label->setTextFormat(Qt::RichText);
    label->setText(
        QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
            .arg(title.toHtmlEscaped(), whatItWillDo.toHtmlEscaped(), tr("Not implemented yet.").toHtmlEscaped()));
    label->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(label);
    layout->addStretch();
}

PlannedPane::~PlannedPane() = default;

} // namespace Ui
} // namespace Formwork
