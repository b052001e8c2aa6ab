// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace Formwork {
namespace Ui {

// The model picker's view of a ModelCatalog: filtered by what the user types and sorted by the
// real values (bytes, tokens, parameter counts) rather than by their display text.
// Every whitespace-separated word of the filter must occur (case-insensitively) in the name,
// family, parameter size, quantization or a capability, so "qwen tools" finds qwen models with tools.
class ModelFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelFilterProxy)

public:
    explicit ModelFilterProxy(QObject *parent = nullptr);
    ~ModelFilterProxy() override;

    void setFilterText(const QString &text);
    QString filterText() const { return m_words.join(QLatin1Char(' ')); }

    // "3.2B" -> 3.2e9, "270M" -> 2.7e8; 0 when it is not such a number.
    static double parameterCount(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QStringList m_words;
};

} // namespace Ui
} // namespace Formwork
