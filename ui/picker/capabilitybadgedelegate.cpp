// SPDX-License-Identifier: GPL-3.0-or-later
#include "picker/capabilitybadgedelegate.h"

#include "highlighting/colormix.h"

#include "highlighting/jsonhighlighter.h"
#include "llm/llmbackend.h" // before modelcatalog.h, whose QPointer<LlmBackend> needs the class
#include "llm/modelcatalog.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace Formwork {
namespace Ui {

namespace {

constexpr int Padding = 4; // inside a badge, left and right
constexpr int Gap = 4; // between badges

QPalette::ColorRole roleOf(const QString &badge)
{
    if (badge == u"tools")
        return QPalette::Highlight;
    if (badge == u"thinking")
        return QPalette::Link;
    return QPalette::LinkVisited;
}

const QString SchemaIgnored = QStringLiteral("schema ignored");

QColor accentOf(const QString &badge, const QPalette &palette)
{
    // The one error colour of the UI (see codeeditor.cpp), for the one badge that is a warning.
    if (badge == SchemaIgnored)
        return JsonColorScheme::forPalette(palette).error.foreground().color();
    return palette.color(roleOf(badge));
}

QFont badgeFont(const QFont &base)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    else if (font.pixelSize() > 0)
        font.setPixelSize(std::max(8, font.pixelSize() * 85 / 100));
    return font;
}

} // namespace

CapabilityBadgeDelegate::CapabilityBadgeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

CapabilityBadgeDelegate::~CapabilityBadgeDelegate() = default;

QStringList CapabilityBadgeDelegate::badges(const QModelIndex &index)
{
    return badges(index.data(ModelCatalog::CapabilitiesRole).toStringList(),
                  index.data(ModelCatalog::SchemaNotEnforcedRole).toBool());
}

QStringList CapabilityBadgeDelegate::badges(const QStringList &capabilities, bool schemaNotEnforced)
{
    QStringList out;
    if (capabilities.contains(u"tools"))
        out.append(QStringLiteral("tools"));
    if (capabilities.contains(u"thinking"))
        out.append(QStringLiteral("thinking"));
    if (capabilities.contains(u"vision") || capabilities.contains(u"multimodal"))
        out.append(QStringLiteral("vision"));
    if (schemaNotEnforced)
        out.append(SchemaIgnored);
    return out;
}

void CapabilityBadgeDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // The badges replace the text; the accessible text stays the model's display text.
    option->text.clear();
}

void CapabilityBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QStringList names = badges(index);
    if (names.isEmpty())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = badgeFont(option.font);
    painter->setFont(font);
    const QFontMetrics metrics(font);
    const QPalette &palette = option.palette;
    const int height = metrics.height() + 2;
    int x = option.rect.left() + Gap;
    const int y = option.rect.center().y() - height / 2;
    for (const QString &name : names) {
        const int width = metrics.horizontalAdvance(name) + 2 * Padding;
        if (x + width > option.rect.right())
            break;
        const QRect badge(x, y, width, height);
        const QColor accent = accentOf(name, palette);
        painter->setPen(accent);
        painter->setBrush(mixColors(palette.color(QPalette::Base), accent, 0.22));
        painter->drawRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        painter->setPen(palette.color(QPalette::Text));
        painter->drawText(badge, Qt::AlignCenter, name);
        x += width + Gap;
    }
    painter->restore();
}

QSize CapabilityBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(badgeFont(option.font));
    int width = Gap;
    for (const QString &name : badges(index))
        width += metrics.horizontalAdvance(name) + 2 * Padding + Gap;
    size.setWidth(std::max(width, metrics.horizontalAdvance(QStringLiteral("tools thinking vision")) / 2));
    size.setHeight(std::max(size.height(), metrics.height() + 6));
    return size;
}

bool CapabilityBadgeDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                        const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QStringList names = badges(index);
    QStringList lines;
    if (names.contains(u"tools"))
        lines.append(tr("tools: can call a tool (tools mode)"));
    if (names.contains(u"thinking"))
        lines.append(tr("thinking: reasons before it answers (the Think setting)"));
    if (names.contains(u"vision"))
        lines.append(tr("vision: reads images"));
    if (names.contains(SchemaIgnored))
        lines.append(tr("schema ignored: the server accepts a schema for this model but does not enforce it"));
    if (lines.isEmpty()) {
        QToolTip::hideText();
        return true;
    }
    QToolTip::showText(event->globalPos(), lines.join(QLatin1Char('\n')), view->viewport(), view->visualRect(index));
    return true;
}

} // namespace Ui
} // namespace Formwork
