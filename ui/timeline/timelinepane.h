// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "timeline/attemptcomparison.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <set>
#include <string>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QToolButton;
class QTreeView;
class QTreeWidget;
class QTreeWidgetItem;

namespace Formwork {
namespace Ui {

class AttemptErrorModel;
class AttemptTimelineModel;
class CodeEditor;
class ReplyView;
class RunSession;

// The attempt timeline (design.md section 3): one entry per attempt of the session's run, live
// while it runs; the selected attempt's raw reply with every failing value underlined, its
// errors, its request as sent and what changed since the attempt before.
class TimelinePane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelinePane)

public:
    enum class FieldStatus {
        Missing, // no such field in the value tree
        Pending, // still arriving, or not checked yet
        Valid,
        Invalid,
    };
    Q_ENUM(FieldStatus)

    explicit TimelinePane(RunSession *session, QWidget *parent = nullptr);
    ~TimelinePane() override;

    // Shows attempt `number` (1-based; the attempt under way too). Returns false when there is none.
    bool selectAttempt(int number);
    // The attempt shown, 0 when none.
    int selectedAttempt() const { return m_selected; }
    // Selects the problem in row `row` of the error list: its span in the reply is selected and
    // schemaLocationRequested() is emitted for a validation error.
    void showError(int row);
    // Selects the last user or tool message of the request (the reask). False when there is none.
    bool goToReask();

    // Splitter sizes and the thinking section's state, for the window to keep between sessions.
    QByteArray saveLayout() const;
    bool restoreLayout(const QByteArray &state);

    // Accessors for the window and the tests.
    AttemptTimelineModel *timelineModel() const { return m_timelineModel; }
    AttemptErrorModel *errorModel() const { return m_errorModel; }
    ReplyView *replyView() const { return m_replyView; }
    QString verdict() const;
    // The note shown above the attempts of a run reopened from the history; empty otherwise.
    QString storedRunText() const;
    // The request of the attempt shown, indented (laid out on first use).
    QString requestText();
    const AttemptComparison &comparison() const { return m_comparison; }
    // The state of a field of the value tree of the attempt shown, by JSON Pointer ("/age").
    FieldStatus fieldStatus(const QString &pointer) const;

Q_SIGNALS:
    // A validation error was picked: the schema editor should reveal its keyword.
    void schemaLocationRequested(const QString &keywordLocation, const QString &absoluteKeywordLocation);
    // The attempt shown changed.
    void attemptSelected(int number);

private:
    void buildUi();
    QWidget *buildReplyTab();
    QWidget *buildRequestTab();
    void onCurrentRowChanged();
    void onAttemptStarted(int attempt);
    void onAttemptFinished(const AttemptRecord &attempt);
    void onStreamProgressed(const StreamProgress &progress);
    void onCleared();
    void updateVerdict();
    void updateStoredLabel();
    void showAttempt(int number);
    void showFinished(const AttemptRecord &attempt);
    void showLive();
    void applyPendingStream();
    void applyPendingTree();
    void stopStreaming();
    void setThinking(const QString &thinking);
    void showRequest(const AttemptRecord &attempt);
    void ensureRequestShown();
    void showChanges(const AttemptRecord &attempt);
    void clearDetails();

    // value tree
    void resetTree();
    void growTree(const nlohmann::ordered_json &value, const std::set<std::string, std::less<>> &complete, bool all);
    bool growTreeNode(const nlohmann::ordered_json &value, const std::string &pointer, QTreeWidgetItem *parent,
                      const QString &name, const std::set<std::string, std::less<>> &complete, bool all);
    bool growTreeChildren(const nlohmann::ordered_json &value, const std::string &pointer, QTreeWidgetItem *item,
                          const std::set<std::string, std::less<>> &complete, bool all);
    void colourTree(const QList<ValidationError> &errors);
    void recolour();
    void validatePartial();

    QPointer<RunSession> m_session;
    AttemptTimelineModel *m_timelineModel;
    AttemptErrorModel *m_errorModel;

    QLabel *m_verdict = nullptr;
    QLabel *m_storedLabel = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_replySplitter = nullptr;
    QSplitter *m_valueSplitter = nullptr;
    QTreeView *m_attemptList = nullptr;
    QTabWidget *m_tabs = nullptr;
    QToolButton *m_thinkingToggle = nullptr;
    QPlainTextEdit *m_thinkingView = nullptr;
    ReplyView *m_replyView = nullptr;
    QTreeWidget *m_partialTree = nullptr;
    QTreeView *m_errorList = nullptr;
    CodeEditor *m_requestView = nullptr;
    QPushButton *m_goToReask = nullptr;
    QLabel *m_requestNote = nullptr;
    QWidget *m_requestTab = nullptr;
    QTreeWidget *m_changesView = nullptr;

    int m_selected = 0;
    bool m_followLive = true;
    AttemptComparison m_comparison;
    int m_requestAttempt = 0;
    bool m_requestShown = true;
    qsizetype m_reaskBegin = -1;
    qsizetype m_reaskLength = 0;

    // streaming
    bool m_streamPending = false;
    QTimer m_streamTimer;
    QElapsedTimer m_lastStreamUpdate;
    bool m_treePending = false;
    QTimer m_treeTimer;
    QElapsedTimer m_lastTreeUpdate;

    // value tree: items by JSON Pointer, the complete pointers and their checked state
    QHash<QString, QTreeWidgetItem *> m_treeItems;
    // How far each container's rows are final: a complete value never changes, so the tree's
    // growth skips what is done (the root is the null item).
    struct TreeGrowth {
        bool done = false; // the value and all below it are complete and shown
        int doneChildren = 0; // the leading children that are done
    };
    QHash<const QTreeWidgetItem *, TreeGrowth> m_treeGrowth;
    QHash<QString, bool> m_completeItems; // pointer -> validated (true) or waiting for a check
    QHash<QString, FieldStatus> m_fieldStatus;
    nlohmann::ordered_json m_treeValue; // the streaming partial value the worker checks
    QList<ValidationError> m_treeErrors; // the errors the tree was last coloured with
    int m_treeGeneration = 0;
    int m_treeAttempt = 0; // the attempt whose value the tree shows
    bool m_validating = false;
    bool m_validateAgain = false;
};

} // namespace Ui
} // namespace Formwork
