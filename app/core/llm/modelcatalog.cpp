// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/modelcatalog.h"

#include "llm/llmbackend.h"

namespace Formwork {

ModelCatalog::ModelCatalog(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ModelCatalog::~ModelCatalog()
{
    if (m_job)
        m_job->cancel();
}

void ModelCatalog::setBackend(LlmBackend *backend)
{
    if (m_job)
        m_job->cancel();
    m_backend = backend;
    beginResetModel();
    m_models.clear();
    endResetModel();
    m_error = {};
    setState(State::Empty);
}

void ModelCatalog::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ModelCatalog::refresh()
{
    if (m_job)
        m_job->cancel();
    if (!m_backend)
        return;
    m_job = m_backend->listModels();
    connect(m_job, &ModelListJob::finished, this, &ModelCatalog::onListed);
    connect(m_job, &ModelListJob::failed, this, &ModelCatalog::onFailed);
    setState(State::Loading);
}

void ModelCatalog::onListed(const QList<ModelInfo> &models)
{
    beginResetModel();
    m_models.clear();
    for (const ModelInfo &model : models) {
        if (!model.isEmbeddingOnly())
            m_models.append(model);
    }
    endResetModel();
    m_error = {};
    setState(State::Ready);
    Q_EMIT refreshed();
}

void ModelCatalog::onFailed(const BackendError &error)
{
    beginResetModel();
    m_models.clear();
    endResetModel();
    m_error = error;
    setState(State::Failed);
    Q_EMIT refreshFailed(error);
}

QString ModelCatalog::statusMessage() const
{
    switch (m_state) {
    case State::Empty:
        return tr("No server selected.");
    case State::Loading:
        return tr("Asking the server for its models…");
    case State::Ready:
        if (m_models.isEmpty())
            return tr("The server has no chat models. Download one with `ollama pull <name>`.");
        return tr("%n model(s)", nullptr, int(m_models.size()));
    case State::Failed:
        if (m_error.kind == BackendError::Kind::Unreachable && m_backend)
            return tr("No server at %1: start it with `ollama serve` or change the address.")
                .arg(m_backend->baseUrl().toDisplayString());
        return userMessage(m_error);
    }
    return {};
}

ModelInfo ModelCatalog::modelAt(int row) const
{
    return m_models.value(row);
}

int ModelCatalog::rowOfModel(const QString &name) const
{
    for (qsizetype i = 0; i < m_models.size(); ++i) {
        if (m_models[i].name == name)
            return int(i);
    }
    return -1;
}

QString ModelCatalog::formatSize(qint64 bytes)
{
    if (bytes < 0)
        return {};
    if (bytes >= 1000LL * 1000 * 1000)
        return QStringLiteral("%1 GB").arg(double(bytes) / 1e9, 0, 'f', 1);
    if (bytes >= 1000LL * 1000)
        return QStringLiteral("%1 MB").arg(double(bytes) / 1e6, 0, 'f', 0);
    if (bytes >= 1000)
        return QStringLiteral("%1 KB").arg(double(bytes) / 1e3, 0, 'f', 0);
    return QStringLiteral("%1 B").arg(bytes);
}

QString ModelCatalog::formatContext(qint64 tokens)
{
    if (tokens <= 0)
        return {};
    if (tokens % 1024 == 0)
        return QStringLiteral("%1K").arg(tokens / 1024);
    return QString::number(tokens);
}

int ModelCatalog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int ModelCatalog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelCatalog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelInfo &model = m_models.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return model.name;
        case SizeColumn:
            return formatSize(model.sizeBytes);
        case ParametersColumn:
            return model.parameterSize;
        case QuantizationColumn:
            return model.quantization;
        case FamilyColumn:
            return model.family;
        case ContextColumn:
            return formatContext(model.contextLength);
        case CapabilitiesColumn:
            return model.capabilities.join(QStringLiteral(", "));
        case LoadedColumn:
            return model.loaded ? tr("loaded") : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && model.schemaNotEnforced())
            return tr("This server accepts a JSON schema for %1 but does not enforce it; Formwork still "
                      "validates every answer.")
                .arg(model.name);
        if (index.column() == ContextColumn && model.contextLength > 0)
            return tr("%1 tokens (trained maximum)").arg(model.contextLength);
        return {};
    case ModelInfoRole:
        return QVariant::fromValue(model);
    case NameRole:
        return model.name;
    case SchemaNotEnforcedRole:
        return model.schemaNotEnforced();
    case CapabilitiesRole:
        return model.capabilities;
    case LoadedRole:
        return model.loaded;
    case SizeBytesRole:
        return model.sizeBytes;
    case ContextLengthRole:
        return model.contextLength;
    }
    return {};
}

QVariant ModelCatalog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ParametersColumn:
        return tr("Parameters");
    case QuantizationColumn:
        return tr("Quantization");
    case FamilyColumn:
        return tr("Family");
    case ContextColumn:
        return tr("Context");
    case CapabilitiesColumn:
        return tr("Capabilities");
    case LoadedColumn:
        return tr("Loaded");
    }
    return {};
}

QHash<int, QByteArray> ModelCatalog::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ModelInfoRole, "modelInfo");
    names.insert(NameRole, "name");
    names.insert(SchemaNotEnforcedRole, "schemaNotEnforced");
    names.insert(CapabilitiesRole, "capabilities");
    names.insert(LoadedRole, "loaded");
    names.insert(SizeBytesRole, "sizeBytes");
    names.insert(ContextLengthRole, "contextLength");
    return names;
}

} // namespace Formwork
