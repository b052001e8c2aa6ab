// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editor/codeeditor.h"
#include "schema/schema.h"

#include <QWidget>

#include <nlohmann/json.hpp>

#include <memory>

class QAction;
class QLabel;
class QModelIndex;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace Formwork {
namespace Ui {

class ResultTreeModel;
class RunSession;

// The result viewer: the value of the current run as a tree (key, value, type; failing values
// flagged) and as highlighted read-only JSON, a verdict line in words, copy actions, "Accept
// anyway" for a failed run that still produced a value, and export to JSON or CSV. It only reads
// the RunSession and listens to it: a run that starts clears it, a run that ends fills it.
// File dialogs live in the export actions only; exportTo() does the work, so tests drive that.
class ResultPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultPane)

public:
    enum class ExportFormat {
        Json, // the value, pretty, key order kept
        Csv, // one header row and one row, nested objects as dotted columns in schema order
    };
    Q_ENUM(ExportFormat)

    explicit ResultPane(RunSession *session, QWidget *parent = nullptr);
    ~ResultPane() override;

    // A value is shown (a valid result, or an accepted invalid one).
    bool hasValue() const;
    QString verdictText() const;

    // Writes the shown value to `path` atomically. On failure returns false and sets `error` to
    // a sentence for the user (no value, or the file could not be written).
    bool exportTo(const QString &path, ExportFormat format, QString *error = nullptr);

    // The JSON Pointer of the selected node ("" is the root; the root when nothing is selected).
    QString selectedPointer() const;
    // Selects and reveals the node at `pointer` in the tree; false when the value has none.
    bool selectPointer(const QString &pointer);

    // Clipboard actions on the selected node (the root when nothing is selected).
    void copyValue();
    void copyPointer();
    void copyJson();
    // Accepts the failed run's last value (RunSession::acceptAnyway()); false when there is none.
    bool acceptAnyway();

    ResultTreeModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    CodeEditor *jsonView() const { return m_json; }

Q_SIGNALS:
    void exported(const QString &path);
    // The selected node changed (its JSON Pointer), e.g. to show the matching schema node.
    void currentPointerChanged(const QString &pointer);
    // The JSON tab got its text (at once for small values, from a worker thread for large ones).
    void jsonViewUpdated();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct JsonViewText {
        QString text; // the pretty JSON, or its first lines
        qsizetype shownBytes = 0;
        qsizetype totalBytes = 0;
        QList<CodeEditor::ErrorMark> marks;
    };
    static JsonViewText renderJsonView(const std::shared_ptr<const nlohmann::ordered_json> &value,
                                       const QList<ValidationError> &errors);
    void applyJsonView(const JsonViewText &view);
    void createActions();
    void showFromSession();
    void showValue();
    void clearValue();
    void updateConflicts();
    void updateVerdict();
    void updateActions();
    void fillJsonIfShown();
    void showTreeContextMenu(const QPoint &position);
    void exportWithDialog(ExportFormat format);
    QModelIndex currentOrRoot() const;
    QByteArray exportBytes(ExportFormat format) const;

    RunSession *m_session;
    ResultTreeModel *m_model;
    QLabel *m_verdict;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    CodeEditor *m_json;
    QLabel *m_jsonNotice; // says when the JSON view shows only the beginning of a large value
    QLabel *m_conflicts; // a run of chunks: the scalars the chunks disagreed on (issue 13)
    QWidget *m_jsonPage = nullptr;
    QToolButton *m_exportButton;
    QAction *m_copyValueAction = nullptr;
    QAction *m_copyPointerAction = nullptr;
    QAction *m_copyJsonAction = nullptr;
    QAction *m_acceptAction = nullptr;
    QAction *m_exportJsonAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    bool m_jsonStale = false; // the JSON tab's text is filled when it is first shown
    quint64 m_jsonGeneration = 0; // drops a worker's text for a value no longer shown
    QString m_lastExportDir;
};

} // namespace Ui
} // namespace Formwork
