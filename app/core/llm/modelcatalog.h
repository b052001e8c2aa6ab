// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/backenderror.h"
#include "llm/llmtypes.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Formwork {

class LlmBackend;
class ModelListJob;

// The models of one server for the model picker. Embedding-only models are hidden; models whose
// server ignores a schema (MLX/safetensors, cloud) are flagged. An unreachable server is a state
// with a message (state() == Failed), not an empty list.
class ModelCatalog final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelCatalog)

public:
    enum Column {
        NameColumn,
        SizeColumn,
        ParametersColumn,
        QuantizationColumn,
        FamilyColumn,
        ContextColumn,
        CapabilitiesColumn,
        LoadedColumn,
        ColumnCount
    };
    enum Role {
        ModelInfoRole = Qt::UserRole + 1, // Formwork::ModelInfo
        NameRole, // QString
        SchemaNotEnforcedRole, // bool
        CapabilitiesRole, // QStringList
        LoadedRole, // bool
        SizeBytesRole, // qint64
        ContextLengthRole, // qint64
    };
    enum class State { Empty, Loading, Ready, Failed };
    Q_ENUM(State)

    explicit ModelCatalog(QObject *parent = nullptr);
    ~ModelCatalog() override;

    // The backend to list (not owned). Clears the list.
    void setBackend(LlmBackend *backend);
    LlmBackend *backend() const { return m_backend; }
    // Asks the server again; a refresh in flight is cancelled.
    void refresh();

    State state() const { return m_state; }
    // Set when state() == Failed.
    const BackendError &lastError() const { return m_error; }
    // One line for a status label: loading, the error, or how many models.
    QString statusMessage() const;

    ModelInfo modelAt(int row) const;
    int rowOfModel(const QString &name) const;

    // "2.0 GB" (decimal units, as Ollama prints them).
    static QString formatSize(qint64 bytes);
    // "128K" for 131072.
    static QString formatContext(qint64 tokens);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void stateChanged(Formwork::ModelCatalog::State state);
    void refreshed();
    void refreshFailed(const Formwork::BackendError &error);

private:
    void setState(State state);
    void onListed(const QList<ModelInfo> &models);
    void onFailed(const BackendError &error);

    QPointer<LlmBackend> m_backend;
    QPointer<ModelListJob> m_job;
    QList<ModelInfo> m_models;
    State m_state = State::Empty;
    BackendError m_error;
};

} // namespace Formwork
