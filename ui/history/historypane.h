// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema/schema.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Formwork {

class HistoryDatabase;

namespace Ui {

class HistoryRunsModel;

// The History pane: the stored runs, searched and filtered by status; delete; and re-validation
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

    void refresh();
    bool deleteSelected();
    // Returns the number of runs whose verdict changes, or -1 when there was no schema / history.
    int revalidate();

    HistoryRunsModel *runsModel() const { return m_model; }
    QString message() const;

private:
    bool ensureOpen();
    void showMessage(const QString &text);

    QString m_path;
    std::unique_ptr<HistoryDatabase> m_history;
    SchemaProvider m_schemaProvider;

    QLineEdit *m_search;
    QComboBox *m_status;
    QPushButton *m_refresh;
    QPushButton *m_delete;
    QPushButton *m_revalidate;
    QLabel *m_message;
    QTableView *m_table;
    HistoryRunsModel *m_model;
};

} // namespace Ui
} // namespace Formwork
