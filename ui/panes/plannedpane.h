// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace Formwork {
namespace Ui {

// Stands in for a pane that is not built yet and says so, instead of showing made-up content.
class PlannedPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlannedPane)

public:
    PlannedPane(const QString &title, const QString &whatItWillDo, QWidget *parent = nullptr);
    ~PlannedPane() override;
};

} // namespace Ui
} // namespace Formwork
