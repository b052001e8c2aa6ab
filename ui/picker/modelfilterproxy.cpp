// SPDX-License-Identifier: GPL-3.0-or-later
#include "picker/modelfilterproxy.h"

#include "llm/llmbackend.h" // before modelcatalog.h, whose QPointer<LlmBackend> needs the class
#include "llm/modelcatalog.h"

#include <algorithm>

namespace Formwork {
namespace Ui {

ModelFilterProxy::ModelFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

ModelFilterProxy::~ModelFilterProxy() = default;

void ModelFilterProxy::setFilterText(const QString &text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 9, 0)
    beginFilterChange();
    m_words = words;
    endFilterChange(QSortFilterProxyModel::Direction::Rows);
#else
    m_words = words;
    invalidateFilter();
#endif
}

bool ModelFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, ModelCatalog::NameColumn, sourceParent);
    const auto model = index.data(ModelCatalog::ModelInfoRole).value<ModelInfo>();
    const QStringList haystack
        = QStringList { model.name, model.family, model.parameterSize, model.quantization } + model.capabilities;
    for (const QString &word : m_words) {
        const bool found = std::any_of(haystack.cbegin(), haystack.cend(), [&word](const QString &field) {
            return field.contains(word, Qt::CaseInsensitive);
        });
        if (!found)
            return false;
    }
    return true;
}

double ModelFilterProxy::parameterCount(const QString &text)
{
    if (text.isEmpty())
        return 0;
    const QChar unit = text.back().toUpper();
    double scale = 1;
    if (unit == u'K')
        scale = 1e3;
    else if (unit == u'M')
        scale = 1e6;
    else if (unit == u'B')
        scale = 1e9;
    else if (unit == u'T')
        scale = 1e12;
    bool ok = false;
    const double value = (scale == 1 ? text : text.chopped(1)).toDouble(&ok);
    return ok ? value * scale : 0;
}

bool ModelFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    switch (left.column()) {
    case ModelCatalog::SizeColumn:
        return left.data(ModelCatalog::SizeBytesRole).toLongLong()
            < right.data(ModelCatalog::SizeBytesRole).toLongLong();
    case ModelCatalog::ContextColumn:
        return left.data(ModelCatalog::ContextLengthRole).toLongLong()
            < right.data(ModelCatalog::ContextLengthRole).toLongLong();
    case ModelCatalog::ParametersColumn:
        return parameterCount(left.data().toString()) < parameterCount(right.data().toString());
    case ModelCatalog::LoadedColumn:
        return left.data(ModelCatalog::LoadedRole).toBool() < right.data(ModelCatalog::LoadedRole).toBool();
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace Ui
} // namespace Formwork
