// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <QAbstractTableModel>

namespace Formwork {
namespace Ui {

// The problems of one attempt: every validation error (instance path, message, keyword), or the
// one reason there is no value to validate (parse failure, no JSON, cut off, backend failure).
class AttemptErrorModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptErrorModel)

public:
    enum Column { PathColumn, MessageColumn, KeywordColumn, KindColumn, ColumnCount };
    enum class RowKind {
        Validation, // errors().at(errorIndex(row))
        Parse, // the parse error, at AttemptRecord::parseErrorOffset
        Other, // no JSON, cut off, backend failure, cancelled: the attempt's own sentence
    };
    enum Role {
        ErrorIndexRole = Qt::UserRole + 1, // int: index into AttemptRecord::errors, -1 for other rows
        KeywordLocationRole, // QString
        AbsoluteKeywordLocationRole, // QString
    };

    explicit AttemptErrorModel(QObject *parent = nullptr);
    ~AttemptErrorModel() override;

    void setAttempt(const AttemptRecord &attempt);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    RowKind rowKind(int row) const;
    int errorIndex(int row) const; // -1 unless a Validation row
    const QList<ValidationError> &errors() const { return m_errors; }
    // "schema", "expression", "grounding", "rule" for ValidationError::kind, translated.
    static QString kindText(const QString &kind);

private:
    struct Row {
        RowKind kind = RowKind::Validation;
        int errorIndex = -1;
        QString message;
        int softIndex = -1; // into m_softErrors: a failed soft check (reported, not reasked)
    };
    const ValidationError *errorOf(const Row &row) const;

    QList<ValidationError> m_errors;
    QList<ValidationError> m_softErrors;
    QList<Row> m_rows;
};

} // namespace Ui
} // namespace Formwork
