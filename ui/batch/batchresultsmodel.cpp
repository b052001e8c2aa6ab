// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/batchresultsmodel.h"

#include "common/compactjson.h"
#include "timeline/timelinecolors.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace Formwork {
namespace Ui {

namespace {

using Json = nlohmann::ordered_json;

} // namespace

QString batchStatusText(BatchRowStatus status)
{
    switch (status) {
    case BatchRowStatus::Pending:
        return BatchResultsModel::tr("pending");
    case BatchRowStatus::Running:
        return BatchResultsModel::tr("running");
    case BatchRowStatus::Valid:
        return BatchResultsModel::tr("valid");
    case BatchRowStatus::Invalid:
        return BatchResultsModel::tr("invalid");
    case BatchRowStatus::Error:
        return BatchResultsModel::tr("error");
    case BatchRowStatus::Cancelled:
        return BatchResultsModel::tr("cancelled");
    }
    return {};
}

BatchResultsModel::BatchResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

BatchResultsModel::~BatchResultsModel() = default;

void BatchResultsModel::reset(const BatchInput &input, const nlohmann::ordered_json &schema)
{
    beginResetModel();
    m_rows.clear();
    m_generations.clear();
    m_grounding.clear();
    m_fields.clear();
    if (schema.is_object() && schema.contains("properties") && schema["properties"].is_object()) {
        for (const auto &[key, property] : schema["properties"].items())
            m_fields.push_back(key);
    }
    for (qsizetype i = 0; i < input.rows.size(); ++i) {
        BatchRowResult row;
        row.index = int(i);
        row.rowId = input.rows.at(i).id;
        row.reference = input.rows.at(i).reference;
        m_rows.append(row);
        m_generations.append(m_nextGeneration++);
        m_grounding.append(RowGrounding());
    }
    endResetModel();
}

void BatchResultsModel::updateRow(const BatchRowResult &row)
{
    if (row.index < 0 || row.index >= m_rows.size())
        return;
    m_rows[row.index] = row;
    m_generations[row.index] = m_nextGeneration++;
    const bool hadGrounding = !m_grounding.at(row.index).empty();
    m_grounding[row.index].clear();
    Q_EMIT dataChanged(index(row.index, 0), index(row.index, columnCount() - 1));
    if (hadGrounding && !m_fields.empty())
        Q_EMIT headerDataChanged(Qt::Horizontal, FirstFieldColumn, messageColumn() - 1);
}

void BatchResultsModel::setRowGrounding(int row, quint64 generation, const RowGrounding &grounding)
{
    if (row < 0 || row >= m_rows.size() || m_generations.at(row) != generation)
        return;
    m_grounding[row] = grounding;
    if (!m_fields.empty())
        Q_EMIT headerDataChanged(Qt::Horizontal, FirstFieldColumn, messageColumn() - 1);
}

std::optional<BatchResultsModel::FieldGrounding> BatchResultsModel::fieldGrounding(const std::string &field) const
{
    FieldGrounding sum;
    for (const RowGrounding &row : m_grounding) {
        if (const auto it = row.find(field); it != row.end()) {
            sum.grounded += it->second.grounded;
            sum.total += it->second.total;
        }
    }
    if (sum.total == 0)
        return std::nullopt;
    return sum;
}

int BatchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BatchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : messageColumn() + 1;
}

QString BatchResultsModel::fieldText(const BatchRowResult &row, const std::string &field) const
{
    if (!row.hasValue || !row.value.is_object() || !row.value.contains(field))
        return {};
    const Json &value = row.value[field];
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return compactJsonText(value);
}

namespace {

int softChecks(const BatchRowResult &row)
{
    return int(std::count_if(row.checkFailures.cbegin(), row.checkFailures.cend(),
                             [](const CheckFailure &failure) { return failure.soft; }));
}

} // namespace

QString BatchResultsModel::errorsText(const BatchRowResult &row) const
{
    const QString errors = row.lastErrors.isEmpty() ? row.message : row.lastErrors.join(QStringLiteral("; "));
    const int soft = softChecks(row);
    if (soft == 0)
        return errors;
    // Soft checks are reported, never reasked: apart from the errors that decided the row.
    if (errors.isEmpty())
        return tr("%n soft check(s) failed", nullptr, soft);
    return tr("%1 (+%n soft)", nullptr, soft).arg(errors);
}

QString BatchResultsModel::errorsToolTip(const BatchRowResult &row) const
{
    QStringList lines = row.lastErrors;
    if (lines.isEmpty() && !row.message.isEmpty() && !row.checkFailures.isEmpty())
        lines.append(row.message);
    if (row.checkFailures.isEmpty())
        return lines.join(u'\n');
    if (!lines.isEmpty())
        lines.append(QString());
    lines.append(tr("Failed checks:"));
    const auto severity = [](bool soft) { return soft ? tr("soft, not reasked") : tr("hard"); };
    if (row.checkFailureDetails.isEmpty()) { // a row resumed from a history without the errors' kinds
        for (const CheckFailure &failure : row.checkFailures)
            lines.append(tr("%1 (%2, %3)").arg(failure.name, failure.kind, severity(failure.soft)));
    }
    for (const CheckFailureDetail &detail : row.checkFailureDetails)
        lines.append(tr("%1 (%2, %3) at %4: %5")
                         .arg(detail.name, detail.kind, severity(detail.soft),
                              detail.path.isEmpty() ? QStringLiteral("/") : detail.path, detail.message));
    return lines.join(u'\n');
}

QString BatchResultsModel::usageToolTip(const BatchRowResult &row) const
{
    if (row.attempts == 0)
        return {};
    QString tip = tr("Extraction: %1 tokens (%2 prompt, %3 completion), %4 s")
                      .arg(row.promptTokens + row.completionTokens)
                      .arg(row.promptTokens)
                      .arg(row.completionTokens)
                      .arg(double(row.wallMs) / 1000.0, 0, 'f', 1);
    if (!row.judges.isEmpty())
        tip += u'\n' + tr("Model-judged rules: %1").arg(judgeUsageText(row.judges));
    return tip;
}

QVariant BatchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const BatchRowResult &row = m_rows.at(index.row());
    switch (role) {
    case StatusRole:
        return int(row.status);
    case AttemptsRole:
        return row.attempts;
    case DisagreesRole:
        return row.agreement.has_value() && !row.agreement->allAgree();
    case Qt::DisplayRole: {
        const int column = index.column();
        if (column == RowIdColumn)
            return row.rowId;
        if (column == StatusColumn)
            return batchStatusText(row.status);
        if (column == AttemptsColumn)
            return row.attempts > 0 ? QVariant(row.attempts) : QVariant();
        if (column == messageColumn())
            return errorsText(row);
        return fieldText(row, m_fields.at(size_t(column - FirstFieldColumn)));
    }
    case Qt::ToolTipRole:
        if (index.column() == RowIdColumn)
            return row.reference;
        if (index.column() == AttemptsColumn) {
            const QString tip = usageToolTip(row);
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        if (index.column() == messageColumn()) {
            const QString tip = errorsToolTip(row);
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() != StatusColumn)
            return {};
        if (row.status == BatchRowStatus::Valid)
            return timelineSuccessColor(QGuiApplication::palette());
        if (row.status == BatchRowStatus::Invalid || row.status == BatchRowStatus::Error)
            return timelineErrorColor(QGuiApplication::palette());
        return {};
    default:
        return {};
    }
}

QVariant BatchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section >= FirstFieldColumn && section < messageColumn()
        && (role == Qt::DisplayRole || role == Qt::ToolTipRole)) {
        const std::string &field = m_fields.at(size_t(section - FirstFieldColumn));
        const QString name = QString::fromStdString(field);
        const std::optional<FieldGrounding> g = fieldGrounding(field);
        if (role == Qt::ToolTipRole)
            return g ? tr("%1 of %2 values of %3 were found in their row's input text")
                           .arg(g->grounded)
                           .arg(g->total)
                           .arg(name)
                     : QVariant();
        if (!g)
            return name;
        return tr("%1 (%2% grounded)").arg(name).arg(std::lround(100.0 * g->grounded / g->total));
    }
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section == RowIdColumn)
        return tr("Row");
    if (section == StatusColumn)
        return tr("Status");
    if (section == AttemptsColumn)
        return tr("Attempts");
    if (section == messageColumn())
        return tr("Errors");
    if (section > AttemptsColumn && section < messageColumn())
        return QString::fromStdString(m_fields.at(size_t(section - FirstFieldColumn)));
    return {};
}

} // namespace Ui
} // namespace Formwork
