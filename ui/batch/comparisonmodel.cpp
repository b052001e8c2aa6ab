// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/comparisonmodel.h"

#include "checks/judgeusage.h"
#include "timeline/timelinecolors.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <cmath>

namespace Formwork {
namespace Ui {

ComparisonModel::ComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ComparisonModel::~ComparisonModel() = default;

void ComparisonModel::reset(const QList<BatchVariant> &variants)
{
    beginResetModel();
    m_columns.clear();
    for (const BatchVariant &variant : variants)
        m_columns.append(Column { variant, State::Pending, {}, {} });
    endResetModel();
}

void ComparisonModel::setRunning(int variant, const BatchProgress &progress)
{
    if (variant < 0 || variant >= m_columns.size())
        return;
    m_columns[variant].state = State::Running;
    m_columns[variant].progress = progress;
    Q_EMIT dataChanged(index(0, variant), index(FigureCount - 1, variant));
    Q_EMIT headerDataChanged(Qt::Horizontal, variant, variant);
}

void ComparisonModel::setStats(int variant, const VariantStats &stats)
{
    if (variant < 0 || variant >= m_columns.size())
        return;
    Column &column = m_columns[variant];
    column.stats = stats;
    column.state = stats.outcome == BatchSummary::Outcome::Finished ? State::Done : State::Stopped;
    // A finished column can change which value is best in every column.
    Q_EMIT dataChanged(index(0, 0), index(FigureCount - 1, columnCount() - 1));
    Q_EMIT headerDataChanged(Qt::Horizontal, variant, variant);
}

int ComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FigureCount;
}

int ComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

int ComparisonModel::direction(Figure figure)
{
    switch (figure) {
    case ValidFirstTry:
    case FieldAgreement:
        return 1;
    case ValidAfterReasks: // more rescued rows is neither better nor worse than more valid at once
        return 0;
    case Failed:
    case Attempts:
    case Tokens:
    case MeanLatency:
        return -1;
    case FigureCount:
        break;
    }
    return 0;
}

std::optional<double> ComparisonModel::value(const Column &column, Figure figure) const
{
    if (column.state == State::Pending)
        return std::nullopt;
    if (column.state == State::Running) {
        const BatchProgress &p = column.progress;
        if (figure == ValidFirstTry)
            return p.validFirstTry;
        if (figure == ValidAfterReasks)
            return p.validAfterReasks;
        if (figure == Failed)
            return p.failed;
        return std::nullopt;
    }
    const VariantStats &s = column.stats;
    switch (figure) {
    case ValidFirstTry:
        return s.validFirstTry;
    case ValidAfterReasks:
        return s.validAfterReasks;
    case Failed:
        return s.failed;
    case Attempts:
        return s.attempts;
    case Tokens:
        return double(s.promptTokens + s.completionTokens);
    case MeanLatency: // to the millisecond shown, so two equal figures are both best or neither
        return std::round(s.meanLatencyMs);
    case FieldAgreement:
        if (s.agreement.leaves.total == 0)
            return std::nullopt;
        return s.agreement.leaves.ratio();
    case FigureCount:
        break;
    }
    return std::nullopt;
}

QString ComparisonModel::text(const Column &column, Figure figure) const
{
    const std::optional<double> v = value(column, figure);
    if (!v) {
        if (column.state == State::Running)
            return tr("running\u2026");
        if (figure == FieldAgreement && column.state != State::Pending)
            return QStringLiteral("\u2014"); // the tooltip says why
        return {};
    }
    const int rows = column.state == State::Running ? column.progress.total : column.stats.rows;
    switch (figure) {
    case ValidFirstTry:
    case ValidAfterReasks:
    case Failed:
        if (rows <= 0)
            return QString::number(qint64(*v));
        return tr("%1 (%2%)").arg(qint64(*v)).arg(std::lround(*v * 100.0 / rows));
    case Attempts:
    case Tokens:
        return QString::number(qint64(*v));
    case MeanLatency:
        return *v < 1000 ? tr("%1 ms").arg(std::lround(*v)) : tr("%1 s").arg(*v / 1000.0, 0, 'f', 1);
    case FieldAgreement: {
        const AgreementReport::Count &leaves = column.stats.agreement.leaves;
        return tr("%1% (%2/%3)").arg(*v * 100.0, 0, 'f', 1).arg(leaves.agreed).arg(leaves.total);
    }
    case FigureCount:
        break;
    }
    return {};
}

QString ComparisonModel::toolTip(const Column &column, Figure figure) const
{
    if (column.state != State::Done && column.state != State::Stopped)
        return {};
    const VariantStats &s = column.stats;
    if (figure == Tokens) {
        QString tip
            = tr("%1 prompt + %2 completion tokens over every attempt").arg(s.promptTokens).arg(s.completionTokens);
        if (s.judges.requests > 0)
            tip += u'\n' + tr("Model-judged rules, not counted above: %1").arg(judgeUsageText(s.judges));
        return tip;
    }
    if (figure == MeanLatency)
        return tr("Wall time per finished row, reasks included");
    if (figure == FieldAgreement) {
        QStringList lines;
        for (const std::string &field : s.agreement.fieldOrder) {
            const AgreementReport::Count &count = s.agreement.fields.at(field);
            lines.append(tr("%1: %2 of %3").arg(QString::fromStdString(field)).arg(count.agreed).arg(count.total));
        }
        return lines.isEmpty() ? tr("Give an expected column to compare the values") : lines.join(u'\n');
    }
    return {};
}

// The best among the variants that ran every row; nothing when fewer than two did or all tie.
bool ComparisonModel::isBest(int variant, Figure figure) const
{
    const int dir = direction(figure);
    if (dir == 0 || m_columns.at(variant).state != State::Done)
        return false;
    std::optional<double> best;
    bool allSame = true;
    int done = 0;
    for (const Column &column : m_columns) {
        if (column.state != State::Done)
            continue;
        const std::optional<double> v = value(column, figure);
        if (!v)
            continue;
        ++done;
        if (best && *best != *v)
            allSame = false;
        if (!best || (dir > 0 ? *v > *best : *v < *best))
            best = v;
    }
    const std::optional<double> mine = value(m_columns.at(variant), figure);
    return done >= 2 && !allSame && mine && *mine == *best;
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Column &column = m_columns.at(index.column());
    const auto figure = Figure(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return text(column, figure);
    case Qt::ToolTipRole:
        return toolTip(column, figure);
    case ValueRole: {
        const std::optional<double> v = value(column, figure);
        return v ? QVariant(*v) : QVariant();
    }
    case BestRole:
        return isBest(index.column(), figure);
    case Qt::FontRole:
        if (isBest(index.column(), figure)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (isBest(index.column(), figure))
            return timelineSuccessColor(QGuiApplication::palette());
        if (column.state == State::Running || column.state == State::Stopped)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= FigureCount)
            return {};
        static const char *const names[] = {
            QT_TR_NOOP("Valid first try"), QT_TR_NOOP("Valid after reasks"),
            QT_TR_NOOP("Failed"),          QT_TR_NOOP("Attempts"),
            QT_TR_NOOP("Tokens"),          QT_TR_NOOP("Mean latency"),
            QT_TR_NOOP("Field agreement"),
        };
        if (role == Qt::DisplayRole)
            return tr(names[section]);
        if (role == Qt::ToolTipRole) {
            const int dir = direction(Figure(section));
            return dir > 0 ? tr("Higher is better; the best is in bold")
                : dir < 0  ? tr("Lower is better; the best is in bold")
                           : tr("Rows made valid by reasking (neither better nor worse: compare with the rows above "
                                 "and below)");
        }
        return {};
    }
    if (section < 0 || section >= m_columns.size())
        return {};
    const Column &column = m_columns.at(section);
    if (role == Qt::DisplayRole) {
        const QString name = column.variant.displayName();
        switch (column.state) {
        case State::Pending:
        case State::Done:
            return name;
        case State::Running:
            return tr("%1 (%2/%3)").arg(name).arg(column.progress.done).arg(column.progress.total);
        case State::Stopped:
            return tr("%1 (stopped)").arg(name);
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = tr("Model %1, %2 mode").arg(column.variant.model, extractionModeName(column.variant.mode));
        if (column.variant.userPrompt)
            tip += u'\n' + tr("User prompt: %1").arg(*column.variant.userPrompt);
        return tip;
    }
    return {};
}

} // namespace Ui
} // namespace Formwork
