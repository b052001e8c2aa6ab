// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/backgroundwork.h"
#include "schema/schema.h"

#include <QDate>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Formwork {

class HistoryDatabase;
struct StoredRun;

namespace Ui {

class HistoryRunsModel;

// The History pane: the stored runs, searched and filtered by status, model, schema and date;
// reopening one into the attempt timeline; delete; and re-validation
// of the stored replies against the schema being edited, without calling a model, showing which
// verdicts change. A history that cannot be opened (newer, damaged) is named in the pane and the
// rest of the window goes on.
class HistoryPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPane)

public:
    using SchemaProvider = std::function<std::optional<Schema>()>;

    explicit HistoryPane(QWidget *parent = nullptr);
    ~HistoryPane() override;

    void setHistoryPath(const QString &path);
    void setSchemaProvider(SchemaProvider provider) { m_schemaProvider = std::move(provider); }
    // Asked before the schema is used (the "this schema" filter, re-validation); none: always ready.
    void setReadyGate(ReadyGate gate) { m_readyGate = std::move(gate); }

    // Date filter choices of the date combo.
    enum class DateRange { Any, Today, Last7Days, Last30Days, Custom };
    Q_ENUM(DateRange)

    void refresh();
    // Chooses the date filter; `from` and `to` (inclusive days) count for Custom.
    void setDateRange(DateRange range, const QDate &from = {}, const QDate &to = {});
    // Loads the current run with its attempts and emits storedRunOpened(). False (the reason in
    // the pane) when no run is selected or it cannot be read.
    bool openSelected();
    QAction *openAction() const { return m_openAction; }
    bool deleteSelected();
    // Returns the number of runs whose verdict changes, or -1 when there was no schema / history
    // (or when it waits for the schema's check, and re-validates after).
    int revalidate();

    HistoryRunsModel *runsModel() const { return m_model; }
    QString message() const;

Q_SIGNALS:
    // A run to show in the attempt timeline (with its attempts).
    void storedRunOpened(const Formwork::StoredRun &run);

private:
    bool ensureOpen();
    void refreshModels();
    void updateDateEdits();
    void showMessage(const QString &text);

    QString m_path;
    std::unique_ptr<HistoryDatabase> m_history;
    SchemaProvider m_schemaProvider;
    ReadyGate m_readyGate;

    QLineEdit *m_search;
    QComboBox *m_status;
    QComboBox *m_modelFilter;
    QCheckBox *m_thisSchema;
    QComboBox *m_date;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QAction *m_openAction;
    QPushButton *m_refresh;
    QPushButton *m_delete;
    QPushButton *m_revalidate;
    QLabel *m_message;
    QTableView *m_table;
    HistoryRunsModel *m_model;
};

} // namespace Ui
} // namespace Formwork
