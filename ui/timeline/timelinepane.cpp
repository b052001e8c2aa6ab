// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/timelinepane.h"

#include "common/backgroundwork.h"
#include "common/compactjson.h"
#include "editor/codeeditor.h"
#include "extraction/extractionrequest.h"
#include "run/runsession.h"
#include "timeline/attempterrormodel.h"
#include "timeline/attempttimelinemodel.h"
#include "timeline/replyview.h"
#include "timeline/timelinecolors.h"
#include "json/jsonparser.h"
#include "json/textpositions.h"

#include <QDataStream>
#include <QEvent>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

namespace {

using Json = nlohmann::ordered_json;

// At most this many nodes in the value tree: a reply of megabytes is read in the reply view.
constexpr int maxTreeItems = 5000;
// Entries per group of the Changes tab; the counts are always complete.
constexpr int maxChangeItems = 1000;
// The stream redraws at most this often (about 30 times a second).
constexpr int streamIntervalMs = 33;
// The value tree grows less often than the text: inserting rows repaints the whole tree.
constexpr int treeIntervalMs = 200;
constexpr quint32 layoutMagic = 0x464d544c; // "FMTL"

QString scalarText(const Json &value)
{
    if (value.is_object())
        return TimelinePane::tr("{%n member(s)}", nullptr, int(value.size()));
    if (value.is_array())
        return TimelinePane::tr("[%n item(s)]", nullptr, int(value.size()));
    return compactJsonText(value);
}

QString shortValue(const Json &value)
{
    QString text = compactJsonText(value);
    if (text.size() > 200)
        text = text.left(199) + QChar(0x2026);
    return text;
}

} // namespace

TimelinePane::TimelinePane(RunSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_timelineModel(new AttemptTimelineModel(session, this))
    , m_errorModel(new AttemptErrorModel(this))
{
    setObjectName(QStringLiteral("timelinePane"));
    buildUi();

    m_streamTimer.setSingleShot(true);
    connect(&m_streamTimer, &QTimer::timeout, this, &TimelinePane::applyPendingStream);
    m_treeTimer.setSingleShot(true);
    connect(&m_treeTimer, &QTimer::timeout, this, &TimelinePane::applyPendingTree);

    connect(session, &RunSession::cleared, this, &TimelinePane::onCleared);
    connect(session, &RunSession::stateChanged, this, &TimelinePane::updateVerdict);
    connect(session, &RunSession::attemptStarted, this, &TimelinePane::onAttemptStarted);
    connect(session, &RunSession::attemptFinished, this, &TimelinePane::onAttemptFinished);
    connect(session, &RunSession::streamProgressed, this, &TimelinePane::onStreamProgressed);
    connect(session, &RunSession::transportRetryScheduled, this, &TimelinePane::updateVerdict);
    connect(session, &RunSession::finished, this, &TimelinePane::updateVerdict);
    connect(session, &RunSession::accepted, this, &TimelinePane::updateVerdict);
    connect(m_replyView, &ReplyView::coloursChanged, this, &TimelinePane::recolour);

    // A session that already ran shows its last attempt.
    updateVerdict();
    if (m_timelineModel->rowCount() > 0)
        m_attemptList->setCurrentIndex(m_timelineModel->index(m_timelineModel->rowCount() - 1, 0));
}

TimelinePane::~TimelinePane() = default;

void TimelinePane::buildUi()
{
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("runVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setVisible(false);

    // A run reopened from the history says so, so nobody takes it for the run just made.
    m_storedLabel = new QLabel(this);
    m_storedLabel->setObjectName(QStringLiteral("timelineStoredLabel"));
    m_storedLabel->setWordWrap(true);
    m_storedLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_storedLabel->setAutoFillBackground(true);
    m_storedLabel->setBackgroundRole(QPalette::ToolTipBase);
    m_storedLabel->setForegroundRole(QPalette::ToolTipText);
    m_storedLabel->setMargin(4);
    m_storedLabel->setVisible(false);

    m_attemptList = new QTreeView;
    m_attemptList->setObjectName(QStringLiteral("attemptList"));
    m_attemptList->setModel(m_timelineModel);
    m_attemptList->setRootIsDecorated(false);
    m_attemptList->setUniformRowHeights(true);
    m_attemptList->setAllColumnsShowFocus(true);
    m_attemptList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_attemptList->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_attemptList->setToolTip(tr("One entry per attempt: outcome, resends after transport failures, tokens in "
                                 "and out, time and time to the first token"));
    connect(m_attemptList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TimelinePane::onCurrentRowChanged);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("attemptTabs"));
    m_tabs->addTab(buildReplyTab(), tr("Reply"));

    m_errorList = new QTreeView;
    m_errorList->setObjectName(QStringLiteral("errorList"));
    m_errorList->setModel(m_errorModel);
    m_errorList->setRootIsDecorated(false);
    m_errorList->setUniformRowHeights(true);
    m_errorList->setAllColumnsShowFocus(true);
    m_errorList->setToolTip(tr("Click an error to select its value in the reply and its keyword in the schema; "
                               "double-click to show the reply"));
    connect(m_errorList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showError(current.row());
            });
    connect(m_errorList, &QTreeView::activated, this, [this](const QModelIndex &index) {
        showError(index.row());
        m_tabs->setCurrentIndex(0);
    });
    m_tabs->addTab(m_errorList, tr("Errors"));
    m_requestTab = buildRequestTab();
    m_tabs->addTab(m_requestTab, tr("Request"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_requestTab)
            ensureRequestShown();
    });

    m_changesView = new QTreeWidget;
    m_changesView->setObjectName(QStringLiteral("changesView"));
    m_changesView->setHeaderLabels({ tr("Change"), tr("Where"), tr("Before"), tr("After") });
    m_changesView->setUniformRowHeights(true);
    m_changesView->setToolTip(tr("What changed since the previous attempt: the value and the errors"));
    m_tabs->addTab(m_changesView, tr("Changes"));

    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->setObjectName(QStringLiteral("timelineSplitter"));
    m_mainSplitter->addWidget(m_attemptList);
    m_mainSplitter->addWidget(m_tabs);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setSizes({ 350, 570 }); // room for "invalid, 2 errors" and the numbers beside it
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_storedLabel);
    layout->addWidget(m_verdict);
    layout->addWidget(m_mainSplitter, 1);
}

QWidget *TimelinePane::buildReplyTab()
{
    auto *tab = new QWidget;
    m_thinkingToggle = new QToolButton;
    m_thinkingToggle->setObjectName(QStringLiteral("thinkingToggle"));
    m_thinkingToggle->setCheckable(true);
    m_thinkingToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_thinkingToggle->setArrowType(Qt::RightArrow);
    m_thinkingToggle->setAutoRaise(true);
    m_thinkingToggle->setToolTip(tr("Show or hide the model's thinking, kept apart from the reply"));
    m_thinkingToggle->setVisible(false);

    m_thinkingView = new QPlainTextEdit;
    m_thinkingView->setObjectName(QStringLiteral("thinkingView"));
    m_thinkingView->setReadOnly(true);
    m_thinkingView->setVisible(false);
    connect(m_thinkingToggle, &QToolButton::toggled, this, [this](bool open) {
        m_thinkingToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_thinkingView->setVisible(open);
    });

    m_replyView = new ReplyView;
    m_replyView->setObjectName(QStringLiteral("replyView"));
    connect(m_replyView, &ReplyView::loaded, this, [this] { setThinking(m_replyView->rendering().thinking); });
    m_replyView->setToolTip(QString()); // the tooltip is the error under the mouse

    m_partialTree = new QTreeWidget;
    m_partialTree->setObjectName(QStringLiteral("partialTree"));
    m_partialTree->setHeaderLabels({ tr("Field"), tr("Value") });
    m_partialTree->setUniformRowHeights(true);
    m_partialTree->setToolTip(tr("The value as it arrives: a field turns green or red once it is complete and "
                                 "checked against the schema"));

    m_valueSplitter = new QSplitter(Qt::Horizontal);
    m_valueSplitter->setObjectName(QStringLiteral("replyValueSplitter"));
    m_valueSplitter->addWidget(m_replyView);
    m_valueSplitter->addWidget(m_partialTree);
    m_valueSplitter->setStretchFactor(0, 3);
    m_valueSplitter->setStretchFactor(1, 1);

    m_replySplitter = new QSplitter(Qt::Vertical);
    m_replySplitter->setObjectName(QStringLiteral("replySplitter"));
    m_replySplitter->addWidget(m_thinkingView);
    m_replySplitter->addWidget(m_valueSplitter);
    m_replySplitter->setStretchFactor(0, 1);
    m_replySplitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_thinkingToggle, 0, Qt::AlignLeft);
    layout->addWidget(m_replySplitter, 1);
    return tab;
}

QWidget *TimelinePane::buildRequestTab()
{
    auto *tab = new QWidget;
    m_goToReask = new QPushButton(tr("&Go to reask"));
    m_goToReask->setObjectName(QStringLiteral("goToReask"));
    m_goToReask->setToolTip(tr("Select the message that asked the model to fix the previous attempt's errors "
                               "(the last user or tool message sent)"));
    m_goToReask->setEnabled(false);
    connect(m_goToReask, &QPushButton::clicked, this, &TimelinePane::goToReask);
    m_requestNote = new QLabel;
    m_requestNote->setObjectName(QStringLiteral("requestNote"));
    m_requestNote->setWordWrap(true);

    m_requestView = new CodeEditor;
    m_requestView->setObjectName(QStringLiteral("requestView"));
    m_requestView->setReadOnly(true);
    m_requestView->setToolTip(tr("The request body sent for this attempt, indented"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_goToReask);
    bar->addWidget(m_requestNote, 1);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_requestView, 1);
    return tab;
}

// --- session signals ---

void TimelinePane::onCleared()
{
    updateStoredLabel();
    m_selected = 0;
    m_followLive = true;
    stopStreaming();
    clearDetails();
    updateVerdict();
}

void TimelinePane::onAttemptStarted(int attempt)
{
    updateVerdict();
    if (m_followLive || m_selected == 0)
        selectAttempt(attempt);
}

void TimelinePane::onAttemptFinished(const AttemptRecord &attempt)
{
    updateVerdict();
    if (m_selected != attempt.number)
        return;
    // The rows were updated by the model already; show the finished record in place.
    stopStreaming();
    showFinished(attempt);
}

void TimelinePane::onStreamProgressed(const StreamProgress &progress)
{
    if (progress.attempt != m_selected || !m_session || m_session->liveAttempt() != progress.attempt)
        return;
    // The session keeps the latest progress; applyPendingStream() reads it there (no copy).
    m_streamPending = true;
    if (!m_lastStreamUpdate.isValid() || m_lastStreamUpdate.elapsed() >= streamIntervalMs)
        applyPendingStream();
    else if (!m_streamTimer.isActive())
        m_streamTimer.start(int(streamIntervalMs - m_lastStreamUpdate.elapsed()));
}

void TimelinePane::updateVerdict()
{
    if (!m_session)
        return;
    updateStoredLabel();
    const QString text = AttemptTimelineModel::verdictText(*m_session);
    m_verdict->setText(text);
    m_verdict->setVisible(!text.isEmpty());
    QPalette p = m_verdict->palette();
    const bool failed = m_session->state() == RunSession::State::Failed;
    const bool succeeded = m_session->state() == RunSession::State::Succeeded;
    p.setColor(QPalette::WindowText,
               failed          ? m_replyView->errorColor()
                   : succeeded ? timelineSuccessColor(palette())
                               : palette().color(QPalette::WindowText));
    m_verdict->setPalette(p);
}

void TimelinePane::updateStoredLabel()
{
    const bool stored = m_session && m_session->isStored();
    m_storedLabel->setVisible(stored);
    if (!stored) {
        m_storedLabel->clear();
        return;
    }
    const RunSession &session = *m_session;
    m_storedLabel->setText(tr("Stored run #%1 of %2 (%3, %4 mode), reopened from the history: read-only. Nothing "
                              "was sent; Run (Ctrl+Return) starts a new run.")
                               .arg(session.storedRunId())
                               .arg(QLocale().toString(session.storedRunTime().toLocalTime(), QLocale::ShortFormat),
                                    session.config().model, extractionModeName(session.config().mode)));
}

QString TimelinePane::storedRunText() const
{
    return m_storedLabel->isHidden() ? QString() : m_storedLabel->text();
}

QString TimelinePane::verdict() const
{
    return m_verdict->text();
}

// --- selection ---

bool TimelinePane::selectAttempt(int number)
{
    const int row = m_timelineModel->rowOfAttempt(number);
    if (row < 0)
        return false;
    const QModelIndex index = m_timelineModel->index(row, 0);
    if (m_attemptList->currentIndex() == index && m_selected == number)
        return true;
    m_attemptList->setCurrentIndex(index); // -> onCurrentRowChanged
    if (m_selected != number)
        showAttempt(number);
    return true;
}

void TimelinePane::onCurrentRowChanged()
{
    const QModelIndex current = m_attemptList->currentIndex();
    if (!current.isValid())
        return;
    const int number = current.data(AttemptTimelineModel::AttemptNumberRole).toInt();
    // Picking the newest entry (or one under way: with chunks running at once, the live attempt
    // is followed by the other chunks' attempts) follows the run; picking an older one stays there.
    m_followLive = current.row() == m_timelineModel->rowCount() - 1 || m_timelineModel->isLiveRow(current.row())
        || m_timelineModel->isRunningRow(current.row());
    if (number != m_selected)
        showAttempt(number);
}

void TimelinePane::showAttempt(int number)
{
    m_selected = number;
    stopStreaming();
    const int row = m_timelineModel->rowOfAttempt(number);
    if (const AttemptRecord *attempt = m_timelineModel->attemptAt(row))
        showFinished(*attempt);
    else if (m_timelineModel->isLiveRow(row))
        showLive();
    Q_EMIT attemptSelected(number);
}

void TimelinePane::clearDetails()
{
    m_replyView->clearReply();
    setThinking(QString());
    m_errorModel->clear();
    m_requestView->setPlainText(QString());
    m_requestNote->clear();
    m_goToReask->setEnabled(false);
    m_reaskBegin = -1;
    m_requestAttempt = 0;
    m_requestShown = true;
    m_changesView->clear();
    m_comparison = AttemptComparison();
    resetTree();
}

void TimelinePane::showFinished(const AttemptRecord &attempt)
{
    const ExtractionConfig &config = m_session->config();
    const QString toolName = config.mode == ExtractionMode::Tools ? extractionToolName(config) : QString();
    m_replyView->setAttempt(attempt, config.mode, toolName);
    setThinking(m_replyView->isLoading() ? attempt.thinking : m_replyView->rendering().thinking);
    m_errorModel->setAttempt(attempt);
    // The request (which echoes every earlier reply) is laid out only when its tab is opened.
    m_requestAttempt = attempt.number;
    m_requestShown = false;
    if (m_tabs->currentWidget() == m_requestTab)
        ensureRequestShown();
    showChanges(attempt);

    // The value tree of a finished attempt: every field is complete, its state from the errors.
    ++m_treeGeneration;
    m_validateAgain = false;
    // The tree that grew while this attempt streamed is kept and finished in place (no flicker).
    if (m_treeAttempt != attempt.number)
        resetTree();
    m_treeAttempt = attempt.number;
    if (attempt.parsed) {
        m_treeGrowth.clear(); // the final value is walked whole, in case it differs from the stream's
        growTree(attempt.value, {}, true);
        colourTree(attempt.errors);
    }
}

void TimelinePane::showLive()
{
    clearDetails();
    m_treeAttempt = m_selected;
    m_requestNote->setText(tr("The request is shown when the attempt ends."));
    m_streamPending = true;
    applyPendingStream();
}

void TimelinePane::applyPendingStream()
{
    if (!m_streamPending)
        return;
    m_streamPending = false;
    m_lastStreamUpdate.start();
    if (!m_session)
        return;
    const StreamProgress &progress = m_session->liveProgress();
    m_replyView->setStreamText(progress.content);
    setThinking(progress.thinking);
    if (!progress.hasPartialValue || m_treeTimer.isActive())
        return;
    // Half a text interval later at the soonest, so text and tree never share one busy period.
    m_treePending = true;
    const qint64 due = m_lastTreeUpdate.isValid() ? treeIntervalMs - m_lastTreeUpdate.elapsed() : 0;
    m_treeTimer.start(int(std::max<qint64>(due, streamIntervalMs / 2)));
}

void TimelinePane::applyPendingTree()
{
    if (!m_treePending)
        return;
    m_treePending = false;
    m_lastTreeUpdate.start();
    if (!m_session)
        return;
    const StreamProgress &progress = m_session->liveProgress();
    if (!progress.hasPartialValue || progress.attempt != m_treeAttempt)
        return;
    growTree(progress.partialValue(), progress.completePointers(), progress.complete);
    // Kept for the check on a worker thread; a finished attempt's tree is coloured from its own
    // errors, so its value (megabytes, maybe) is never copied.
    m_treeValue = progress.partialValue();
    validatePartial();
}

void TimelinePane::stopStreaming()
{
    m_streamTimer.stop();
    m_streamPending = false;
    m_treeTimer.stop();
    m_treePending = false;
}

void TimelinePane::setThinking(const QString &thinking)
{
    if (m_thinkingView->document()->characterCount() - 1 != thinking.size()
        || m_thinkingView->toPlainText() != thinking)
        m_thinkingView->setPlainText(thinking);
    m_thinkingToggle->setVisible(!thinking.isEmpty());
    m_thinkingToggle->setText(tr("Thinking (%n character(s))", nullptr, int(thinking.size())));
    m_thinkingView->setVisible(!thinking.isEmpty() && m_thinkingToggle->isChecked());
}

// --- request ---

void TimelinePane::showRequest(const AttemptRecord &attempt)
{
    m_reaskBegin = -1;
    m_reaskLength = 0;
    m_goToReask->setEnabled(false);
    if (attempt.requestJson.isEmpty()) {
        m_requestView->setPlainText(QString());
        m_requestNote->setText(tr("No request was sent for this attempt."));
        return;
    }
    const Json body = Json::parse(attempt.requestJson.toStdString(), nullptr, false);
    if (body.is_discarded()) {
        m_requestView->setPlainText(QString::fromUtf8(attempt.requestJson));
        m_requestNote->setText(tr("The request body is shown as sent (it is not valid JSON)."));
        return;
    }
    const std::string pretty = body.dump(2, ' ', false, Json::error_handler_t::replace);
    m_requestView->setPlainText(QString::fromStdString(pretty));

    // The reask is the last user or tool message, when this request has more messages than the first.
    const Json *messages = body.contains("messages") && body["messages"].is_array() ? &body["messages"] : nullptr;
    std::size_t baseCount = 0;
    if (m_session && !m_session->attempts().isEmpty()) {
        const Json first = Json::parse(m_session->attempts().constFirst().requestJson.toStdString(), nullptr, false);
        if (!first.is_discarded() && first.contains("messages") && first["messages"].is_array())
            baseCount = first["messages"].size();
    }
    if (!messages || attempt.number <= 1 || messages->size() <= baseCount) {
        m_requestNote->setText(attempt.number <= 1 ? tr("The first attempt: the base conversation, no reask.")
                                                   : tr("Resent without a reask."));
        return;
    }
    std::size_t last = messages->size();
    for (std::size_t i = messages->size(); i-- > 0;) {
        const Json &m = (*messages)[i];
        const std::string role = m.value("role", std::string());
        if (role == "user" || role == "tool") {
            last = i;
            break;
        }
    }
    if (last == messages->size())
        return;
    auto parsed = parseJson(pretty);
    if (!parsed)
        return;
    const std::string pointer = "/messages/" + std::to_string(last) + "/content";
    const auto range = parsed->sourceMap.valueRange(pointer);
    if (!range)
        return;
    const TextPositions positions(pretty);
    m_reaskBegin = positions.toUtf16(range->begin);
    m_reaskLength = positions.toUtf16(range->end) - m_reaskBegin;
    m_goToReask->setEnabled(true);
    m_requestNote->setText(tr("Message %1 asks the model to fix attempt %2.").arg(last + 1).arg(attempt.number - 1));
}

void TimelinePane::ensureRequestShown()
{
    if (m_requestShown || !m_session)
        return;
    m_requestShown = true;
    for (const AttemptRecord &a : m_session->attempts()) {
        if (a.number == m_requestAttempt) {
            showRequest(a);
            return;
        }
    }
}

bool TimelinePane::goToReask()
{
    ensureRequestShown();
    if (m_reaskBegin < 0)
        return false;
    QTextCursor cursor(m_requestView->document());
    cursor.setPosition(int(m_reaskBegin));
    cursor.setPosition(int(m_reaskBegin + m_reaskLength), QTextCursor::KeepAnchor);
    m_requestView->setTextCursor(cursor);
    m_requestView->ensureCursorVisible();
    m_tabs->setCurrentWidget(m_requestTab);
    return true;
}

QString TimelinePane::requestText()
{
    ensureRequestShown();
    return m_requestView->toPlainText();
}

// --- changes ---

void TimelinePane::showChanges(const AttemptRecord &attempt)
{
    const AttemptRecord *previous = nullptr;
    if (m_session) {
        for (const AttemptRecord &a : m_session->attempts()) {
            if (a.number == attempt.number - 1)
                previous = &a;
        }
    }
    m_comparison = AttemptComparison::compare(previous, attempt);
    m_changesView->clear();
    if (!m_comparison.hasPrevious) {
        new QTreeWidgetItem(m_changesView, { tr("The first attempt: nothing to compare.") });
        return;
    }
    const QColor error = m_replyView->errorColor(); // the underline's colour: the theme's with KF6
    const QColor success = timelineSuccessColor(palette());

    auto *values = new QTreeWidgetItem(m_changesView);
    if (!m_comparison.valuesCompared) {
        values->setText(0,
                        tr("Value: not compared (attempt %1 or %2 has no parsed value)")
                            .arg(attempt.number - 1)
                            .arg(attempt.number));
    } else {
        values->setText(0, tr("Value: %n change(s)", nullptr, int(m_comparison.valueChanges.size())));
        int shown = 0;
        for (const JsonChange &change : m_comparison.valueChanges) {
            if (++shown > maxChangeItems) {
                new QTreeWidgetItem(
                    values, { tr("... %n more", nullptr, int(m_comparison.valueChanges.size()) - maxChangeItems) });
                break;
            }
            auto *item = new QTreeWidgetItem(values);
            item->setText(0,
                          change.kind == JsonChange::Kind::Added         ? tr("added")
                              : change.kind == JsonChange::Kind::Removed ? tr("removed")
                                                                         : tr("changed"));
            item->setText(1, change.pointer.empty() ? QStringLiteral("/") : QString::fromStdString(change.pointer));
            if (change.kind != JsonChange::Kind::Added)
                item->setText(2, shortValue(change.oldValue));
            if (change.kind != JsonChange::Kind::Removed)
                item->setText(3, shortValue(change.newValue));
        }
    }
    const auto addErrors = [this](const QString &title, const QList<ValidationError> &errors, const QColor &colour) {
        auto *group = new QTreeWidgetItem(m_changesView, { title });
        int shown = 0;
        for (const ValidationError &e : errors) {
            if (++shown > maxChangeItems) {
                new QTreeWidgetItem(group, { tr("... %n more", nullptr, int(errors.size()) - maxChangeItems) });
                break;
            }
            auto *item = new QTreeWidgetItem(group);
            item->setText(0, e.keyword);
            item->setText(1, e.instancePath.isEmpty() ? QStringLiteral("/") : e.instancePath);
            item->setText(2, e.message);
            if (colour.isValid())
                item->setForeground(0, colour);
        }
    };
    if (m_comparison.parseFailureFixed)
        new QTreeWidgetItem(m_changesView, { tr("Fixed: the reply parses now") });
    addErrors(tr("Fixed errors: %1").arg(m_comparison.fixedErrors.size()), m_comparison.fixedErrors, success);
    addErrors(tr("New errors: %1").arg(m_comparison.newErrors.size()), m_comparison.newErrors, error);
    addErrors(tr("Still failing: %1").arg(m_comparison.remainingErrors.size()), m_comparison.remainingErrors, QColor());
    for (int i = 0; i < m_changesView->topLevelItemCount(); ++i)
        m_changesView->topLevelItem(i)->setExpanded(true);
    m_changesView->resizeColumnToContents(0);
}

// --- errors ---

void TimelinePane::showError(int row)
{
    if (row < 0 || row >= m_errorModel->rowCount())
        return;
    if (m_errorModel->rowKind(row) == AttemptErrorModel::RowKind::Parse) {
        m_replyView->selectParseError();
        return;
    }
    const int index = m_errorModel->errorIndex(row);
    if (index < 0)
        return;
    m_replyView->selectError(index);
    const ValidationError &error = m_errorModel->errors().at(index);
    Q_EMIT schemaLocationRequested(error.keywordLocation, error.absoluteKeywordLocation);
}

// --- value tree ---

void TimelinePane::resetTree()
{
    m_partialTree->clear();
    m_treeItems.clear();
    m_treeGrowth.clear();
    m_completeItems.clear();
    m_fieldStatus.clear();
    m_treeErrors.clear();
    m_treeValue = Json();
    m_treeAttempt = 0;
}

void TimelinePane::growTree(const Json &value, const std::set<std::string, std::less<>> &complete, bool all)
{
    if (value.is_object() || value.is_array())
        growTreeChildren(value, std::string(), nullptr, complete, all);
    else
        growTreeNode(value, std::string(), nullptr, tr("(value)"), complete, all);
}

// Returns whether the node is done: complete, and shown with everything below it.
bool TimelinePane::growTreeNode(const Json &value, const std::string &pointer, QTreeWidgetItem *parent,
                                const QString &name, const std::set<std::string, std::less<>> &complete, bool all)
{
    const QString key = QString::fromStdString(pointer);
    QTreeWidgetItem *item = m_treeItems.value(key);
    if (!item) {
        if (m_treeItems.size() >= maxTreeItems)
            return false;
        item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_partialTree);
        item->setText(0, name);
        item->setData(0, Qt::UserRole, key);
        if (value.is_object() || value.is_array())
            item->setExpanded(m_treeItems.size() < 200);
        m_treeItems.insert(key, item);
        m_fieldStatus.insert(key, FieldStatus::Pending);
    } else if (m_treeGrowth.value(item).done) {
        return true;
    }
    // Only rows whose text changed are touched: no flicker while the value grows. A container's
    // text only depends on its size, kept in the item to skip formatting it again.
    if (value.is_object() || value.is_array()) {
        const int size = int(value.size());
        if (item->data(1, Qt::UserRole).toInt() != size + 1) {
            item->setData(1, Qt::UserRole, size + 1);
            item->setText(1, scalarText(value));
        }
    } else {
        const QString text = scalarText(value);
        if (item->text(1) != text)
            item->setText(1, text);
    }
    const bool isComplete = all || complete.count(pointer) > 0;
    if (isComplete && !m_completeItems.contains(key))
        m_completeItems.insert(key, false);
    const bool childrenDone
        = !(value.is_object() || value.is_array()) || growTreeChildren(value, pointer, item, complete, all);
    const bool done = isComplete && childrenDone;
    if (done)
        m_treeGrowth[item].done = true;
    return done;
}

// Grows the children of `item` (the root for null), skipping the leading ones that are done.
// Returns whether all of them are done.
bool TimelinePane::growTreeChildren(const Json &value, const std::string &pointer, QTreeWidgetItem *item,
                                    const std::set<std::string, std::less<>> &complete, bool all)
{
    int doneChildren = m_treeGrowth.value(item).doneChildren;
    bool leading = true;
    int index = 0;
    const int shownChildren = item ? item->childCount() : m_partialTree->topLevelItemCount();
    for (auto it = value.begin(); it != value.end(); ++it, ++index) {
        if (index < doneChildren)
            continue;
        if (index >= shownChildren && m_treeItems.size() >= maxTreeItems)
            return false; // the tree is full: no new rows, and no time spent on what they would hold
        const bool isArray = value.is_array();
        const std::string token = isArray ? std::to_string(index) : it.key();
        const QString name = isArray ? QStringLiteral("[%1]").arg(index) : QString::fromStdString(token);
        const bool done = growTreeNode(it.value(), SourceMap::appendToken(pointer, token), item, name, complete, all);
        leading = leading && done;
        if (leading)
            doneChildren = index + 1;
    }
    m_treeGrowth[item].doneChildren = doneChildren;
    return doneChildren == int(value.size());
}

// Colours come from the palette and the reply view's theme. The reply view reports both kinds of
// change (a palette change reaches it after this pane, so its colours are the new ones by then):
// recolour every decided field and the verdict.
void TimelinePane::recolour()
{
    for (auto it = m_fieldStatus.begin(); it != m_fieldStatus.end(); ++it)
        it.value() = FieldStatus::Pending;
    colourTree(m_treeErrors);
    updateVerdict();
}

void TimelinePane::colourTree(const QList<ValidationError> &errors)
{
    m_treeErrors = errors;
    const QColor error = m_replyView->errorColor(); // the underline's colour: the theme's with KF6
    const QColor success = timelineSuccessColor(palette());
    // Every error path and its ancestors: a field is invalid when an error is at or below it.
    QSet<QString> failing;
    for (const ValidationError &e : errors) {
        QString path = e.instancePath;
        while (!path.isEmpty() && !failing.contains(path)) {
            failing.insert(path);
            path.truncate(path.lastIndexOf(u'/'));
        }
    }
    for (auto it = m_completeItems.begin(); it != m_completeItems.end(); ++it) {
        const QString &pointer = it.key();
        const bool invalid = failing.contains(pointer);
        it.value() = true;
        const FieldStatus status = invalid ? FieldStatus::Invalid : FieldStatus::Valid;
        auto known = m_fieldStatus.find(pointer);
        if (known != m_fieldStatus.end() && known.value() == status)
            continue; // unchanged: the row is not touched
        m_fieldStatus.insert(pointer, status);
        if (QTreeWidgetItem *item = m_treeItems.value(pointer)) {
            const QBrush brush(invalid ? error : success);
            for (int column = 0; column < 2; ++column) {
                if (item->foreground(column) != brush)
                    item->setForeground(column, brush);
            }
            const QString tip = invalid ? tr("Fails the schema") : tr("Valid");
            if (item->toolTip(0) != tip)
                item->setToolTip(0, tip);
        }
    }
}

void TimelinePane::validatePartial()
{
    if (!m_session || !m_session->config().schema || m_completeItems.isEmpty())
        return;
    const bool unchecked
        = std::any_of(m_completeItems.cbegin(), m_completeItems.cend(), [](bool checked) { return !checked; });
    if (!unchecked)
        return;
    if (m_validating) {
        m_validateAgain = true;
        return;
    }
    // Validation of a large value can take a while: off the GUI thread, one check at a time.
    m_validating = true;
    m_validateAgain = false;
    const int generation = m_treeGeneration;
    const QStringList checking = m_completeItems.keys();
    auto *watcher = new QFutureWatcher<QList<ValidationError>>(this);
    connect(watcher, &QFutureWatcher<QList<ValidationError>>::finished, this, [this, watcher, generation, checking] {
        watcher->deleteLater();
        m_validating = false;
        if (generation != m_treeGeneration)
            return;
        const QList<ValidationError> errors = watcher->result();
        // Only the pointers that were complete when the check started are decided; errors at
        // incomplete values ("required" on an object still arriving) are not shown.
        QHash<QString, bool> decided;
        for (const QString &p : checking)
            decided.insert(p, m_completeItems.value(p));
        const QHash<QString, bool> all = m_completeItems;
        m_completeItems = decided;
        colourTree(errors);
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            if (!m_completeItems.contains(it.key()))
                m_completeItems.insert(it.key(), false);
        }
        if (m_validateAgain)
            validatePartial();
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), [schema = *m_session->config().schema, value = m_treeValue] {
        return schema.validate(value);
    }));
}

TimelinePane::FieldStatus TimelinePane::fieldStatus(const QString &pointer) const
{
    return m_fieldStatus.value(pointer, FieldStatus::Missing);
}

// --- layout ---

QByteArray TimelinePane::saveLayout() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << layoutMagic << m_mainSplitter->saveState() << m_replySplitter->saveState() << m_valueSplitter->saveState()
        << m_thinkingToggle->isChecked();
    return state;
}

bool TimelinePane::restoreLayout(const QByteArray &state)
{
    QDataStream in(state);
    quint32 magic = 0;
    QByteArray main;
    QByteArray reply;
    QByteArray value;
    bool thinkingOpen = false;
    in >> magic >> main >> reply >> value >> thinkingOpen;
    if (in.status() != QDataStream::Ok || magic != layoutMagic)
        return false;
    const bool ok = m_mainSplitter->restoreState(main) && m_replySplitter->restoreState(reply)
        && m_valueSplitter->restoreState(value);
    m_thinkingToggle->setChecked(thinkingOpen);
    return ok;
}

} // namespace Ui
} // namespace Formwork
