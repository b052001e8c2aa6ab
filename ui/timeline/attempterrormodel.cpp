// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/attempterrormodel.h"

namespace Formwork {
namespace Ui {

AttemptErrorModel::AttemptErrorModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

AttemptErrorModel::~AttemptErrorModel() = default;

void AttemptErrorModel::setAttempt(const AttemptRecord &attempt)
{
    beginResetModel();
    m_errors = attempt.errors;
    m_rows.clear();
    for (int i = 0; i < m_errors.size(); ++i)
        m_rows.append(Row { RowKind::Validation, i, m_errors.at(i).message });
    if (attempt.outcome == AttemptOutcome::ParseError) {
        m_rows.append(Row { RowKind::Parse, -1, attempt.parseError });
    } else if (m_rows.isEmpty() && !attempt.isValid()) {
        QString message = attempt.backendError ? userMessage(*attempt.backendError) : attempt.errorText;
        if (message.isEmpty() && !attempt.notes.isEmpty())
            message = attempt.notes.constLast();
        if (!message.isEmpty())
            m_rows.append(Row { RowKind::Other, -1, message });
    }
    m_softErrors = attempt.softErrors;
    for (int i = 0; i < m_softErrors.size(); ++i)
        m_rows.append(Row { RowKind::Other, -1, m_softErrors.at(i).message, i });
    endResetModel();
}

void AttemptErrorModel::clear()
{
    beginResetModel();
    m_errors.clear();
    m_softErrors.clear();
    m_rows.clear();
    endResetModel();
}

int AttemptErrorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AttemptErrorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

AttemptErrorModel::RowKind AttemptErrorModel::rowKind(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).kind : RowKind::Other;
}

int AttemptErrorModel::errorIndex(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).errorIndex : -1;
}

QVariant AttemptErrorModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const ValidationError *error = errorOf(row);
    switch (role) {
    case ErrorIndexRole:
        return row.errorIndex;
    case KeywordLocationRole:
        return error ? error->keywordLocation : QString();
    case AbsoluteKeywordLocationRole:
        return error ? error->absoluteKeywordLocation : QString();
    case Qt::ToolTipRole:
        if (error)
            return tr("%1\nSchema: %2").arg(error->text(), error->keywordLocation);
        return row.message;
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case PathColumn:
        if (error)
            return error->instancePath.isEmpty() ? QStringLiteral("/") : error->instancePath;
        return row.kind == RowKind::Parse ? tr("(reply)") : QString();
    case MessageColumn:
        return row.message;
    case KeywordColumn:
        if (error)
            return error->keyword;
        return row.kind == RowKind::Parse ? tr("parse") : QString();
    case KindColumn:
        if (!error)
            return {};
        return row.softIndex >= 0 ? tr("%1 (soft)").arg(kindText(error->kind)) : kindText(error->kind);
    default:
        return {};
    }
}

const ValidationError *AttemptErrorModel::errorOf(const Row &row) const
{
    if (row.errorIndex >= 0)
        return &m_errors.at(row.errorIndex);
    return row.softIndex >= 0 ? &m_softErrors.at(row.softIndex) : nullptr;
}

// What found an error: the schema, or a check beyond it (issue 14).
QString AttemptErrorModel::kindText(const QString &kind)
{
    if (kind.isEmpty())
        return tr("schema");
    if (kind == u"expression")
        return tr("expression");
    if (kind == u"grounding")
        return tr("grounding");
    if (kind == u"rule")
        return tr("rule");
    return kind;
}

QVariant AttemptErrorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PathColumn:
        return tr("Instance path");
    case MessageColumn:
        return tr("Message");
    case KeywordColumn:
        return tr("Keyword");
    case KindColumn:
        return tr("Kind");
    default:
        return {};
    }
}

} // namespace Ui
} // namespace Formwork
