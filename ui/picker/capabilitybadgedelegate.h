// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QStyledItemDelegate>

namespace Formwork {
namespace Ui {

// Paints a model's capabilities (ModelCatalog::CapabilitiesRole) as small badges: tools, thinking,
// vision. Colours come from the palette (a role colour blended into the base), so the badges read
// in light and dark themes alike.
class CapabilityBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CapabilityBadgeDelegate)

public:
    explicit CapabilityBadgeDelegate(QObject *parent = nullptr);
    ~CapabilityBadgeDelegate() override;

    // The badges painted for `capabilities`, in order (llama-server's `multimodal` shows as vision);
    // `schemaNotEnforced` adds "schema ignored" (MLX/safetensors and cloud models).
    static QStringList badges(const QStringList &capabilities, bool schemaNotEnforced = false);
    static QStringList badges(const QModelIndex &index);

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Ui
} // namespace Formwork
