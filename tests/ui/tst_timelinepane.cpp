// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/backgroundwork.h"
#include "runtestsupport.h"
#include "timeline/attempterrormodel.h"
#include "timeline/attempttimelinemodel.h"
#include "timeline/replyview.h"
#include "timeline/timelinecolors.h"
#include "timeline/timelinepane.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTextBlock>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeReply;
using Formwork::Test::q;

namespace {

const char *const validPerson = "{'name': 'Ada', 'age': 36}";
const char *const negativeAge = "{'name': 'Ada', 'age': -1}";

QString outcomeOfRow(const TimelinePane &pane, int row)
{
    const auto *model = pane.timelineModel();
    return model->index(row, AttemptTimelineModel::OutcomeColumn).data().toString();
}

// The one error span of the reply shown, and the text it covers.
QString underlinedText(const TimelinePane &pane)
{
    const ReplyRendering &r = pane.replyView()->rendering();
    QStringList covered;
    for (const ReplySpan &span : r.spans) {
        if (span.kind == ReplySpan::Kind::Error)
            covered.append(r.text.mid(span.begin, span.length));
    }
    return covered.join(u'|');
}

// Whether the view's own block formats carry a wavy underline over exactly [begin, begin+length).
bool viewUnderlines(ReplyView *view, qsizetype begin, qsizetype length)
{
    const QTextBlock block = view->document()->findBlock(int(begin));
    const QList<QTextLayout::FormatRange> formats = view->blockFormats(block.blockNumber());
    for (const QTextLayout::FormatRange &range : formats) {
        if (range.format.underlineStyle() == QTextCharFormat::WaveUnderline
            && range.start == int(begin) - block.position() && range.length == int(length)
            && range.format.underlineColor() == view->errorColor())
            return true;
    }
    return false;
}

} // namespace

class TestTimelinePane final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::RunFixture> m_fx;

    void checkUnderlineOfNegativeAge(TimelinePane &pane)
    {
        QVERIFY(pane.selectAttempt(1));
        QCOMPARE(underlinedText(pane), QStringLiteral("-1"));
        const auto span = pane.replyView()->rendering().errorSpan(0);
        QVERIFY(span);
        QVERIFY(viewUnderlines(pane.replyView(), span->begin, span->length));
        QVERIFY(pane.replyView()->problemsToolTip(int(span->begin)).contains(QStringLiteral("minimum")));
        QVERIFY(pane.replyView()->problemsToolTip(0).isEmpty() || span->begin == 0);
    }

private Q_SLOTS:
    void initTestCase() { Test::initRunTestCase(); }

    void init() { m_fx = std::make_unique<Test::RunFixture>(); }
    void cleanup() { m_fx.reset(); }

    void invalidThenValid_twoEntriesAndVerdict()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        QAbstractItemModelTester tester(pane.timelineModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester errorTester(pane.errorModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *verdict = pane.findChild<QLabel *>(QStringLiteral("runVerdict"));
        QVERIFY(verdict);
        QVERIFY2(verdict->text().startsWith(QStringLiteral("No run yet.")), qPrintable(verdict->text()));
        QVERIFY(!verdict->isHidden()); // the empty list explains itself
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QCOMPARE(pane.timelineModel()->rowCount(), 2);
        QCOMPARE(outcomeOfRow(pane, 0), QStringLiteral("invalid, 1 error(s)"));
        QCOMPARE(outcomeOfRow(pane, 1), QStringLiteral("valid"));
        QCOMPARE(pane.timelineModel()->index(0, AttemptTimelineModel::TokensInColumn).data().toInt(), 26);
        QCOMPARE(pane.timelineModel()->index(1, AttemptTimelineModel::TokensOutColumn).data().toInt(), 12);
        // The newest attempt is followed while the run goes.
        QCOMPARE(pane.selectedAttempt(), 2);
        QCOMPARE(verdict->text(), QStringLiteral("Valid on attempt 2 of 3."));
        QVERIFY(pane.findChild<QTreeView *>(QStringLiteral("attemptList")));
        QVERIFY(pane.findChild<QTabWidget *>(QStringLiteral("attemptTabs")));
    }

    void invalidAttempt_underlinesTheFailingValue()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        checkUnderlineOfNegativeAge(pane);
        QCOMPARE(pane.replyView()->toPlainText(), q(negativeAge));
        // The extracted JSON is marked too.
        QVERIFY(pane.replyView()->rendering().jsonSpan());
    }

    void nonAsciiPrefix_underlineNotShifted()
    {
        m_fx->fake->enqueueChat(
            FakeReply::text({ QStringLiteral("Voilà, the résumé 😀 of «Zoë»:\n"), q("{'name': 'Zoë 😀', 'age': -1}") }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        QVERIFY(m_fx->runToEnd(session, m_fx->config(ExtractionMode::Json)));
        checkUnderlineOfNegativeAge(pane);
    }

    void thinkPrefix_underlineNotShiftedAndThinkingShown()
    {
        m_fx->fake->enqueueChat(
            FakeReply::text({ q("<think>L'âge: {'age': 5} — non.</think>\n"), q("{'name': 'Ada', 'age': -1}") }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        QVERIFY(m_fx->runToEnd(session, m_fx->config(ExtractionMode::Json)));
        checkUnderlineOfNegativeAge(pane);
        const ReplyRendering &r = pane.replyView()->rendering();
        bool thinkingMarked = false;
        for (const ReplySpan &span : r.spans)
            thinkingMarked = thinkingMarked || (span.kind == ReplySpan::Kind::Thinking && span.begin == 0);
        QVERIFY(thinkingMarked);
        auto *thinking = pane.findChild<QPlainTextEdit *>(QStringLiteral("thinkingView"));
        QVERIFY(thinking);
        QVERIFY(thinking->toPlainText().contains(QStringLiteral("L\"âge")));
    }

    void thinkingField_shownInThinkingView()
    {
        FakeReply reply = FakeReply::text({ q(validPerson) });
        reply.thinking = { QStringLiteral("Let me see"), QStringLiteral(" the age.") };
        m_fx->fake->enqueueChat(reply);
        RunSession session;
        TimelinePane pane(&session);
        pane.show();
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        auto *thinking = pane.findChild<QPlainTextEdit *>(QStringLiteral("thinkingView"));
        QCOMPARE(thinking->toPlainText(), QStringLiteral("Let me see the age."));
        QVERIFY(!thinking->isVisible()); // folded until asked for
        auto *toggle = pane.findChild<QToolButton *>(QStringLiteral("thinkingToggle"));
        QVERIFY(toggle && toggle->isVisible());
        toggle->click();
        QVERIFY(thinking->isVisible());
    }

    void clickingError_emitsKeywordLocationAndSelectsSpan()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ QStringLiteral("Résumé: ") + q(negativeAge) }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        pane.resize(900, 500);
        pane.show();
        QVERIFY(m_fx->runToEnd(session, m_fx->config(ExtractionMode::Json)));
        QVERIFY(pane.selectAttempt(1));
        QSignalSpy located(&pane, &TimelinePane::schemaLocationRequested);
        auto *tabs = pane.findChild<QTabWidget *>(QStringLiteral("attemptTabs"));
        auto *errors = pane.findChild<QTreeView *>(QStringLiteral("errorList"));
        QVERIFY(tabs && errors);
        tabs->setCurrentWidget(errors);
        QCOMPARE(errors->model()->rowCount(), 1);
        QCOMPARE(errors->model()->index(0, AttemptErrorModel::PathColumn).data().toString(), QStringLiteral("/age"));
        QCOMPARE(errors->model()->index(0, AttemptErrorModel::KeywordColumn).data().toString(),
                 QStringLiteral("minimum"));
        const QRect rect = errors->visualRect(errors->model()->index(0, 1));
        QVERIFY(rect.isValid());
        QTest::mouseClick(errors->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(located.count(), 1);
        QCOMPARE(located.first().at(0).toString(), QStringLiteral("/properties/age/minimum"));
        QCOMPARE(pane.replyView()->textCursor().selectedText(), QStringLiteral("-1"));
    }

    void secondAttempt_changesListFixedPathsAndErrors()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q("{'name': 5, 'age': -1, 'nick': 'A'}") }));
        m_fx->fake->enqueueChat(FakeReply::text({ q("{'name': 'Ada', 'age': 36}") }));
        RunSession session;
        TimelinePane pane(&session);
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QVERIFY(pane.selectAttempt(2));
        const AttemptComparison &c = pane.comparison();
        QVERIFY(c.hasPrevious);
        QVERIFY(c.valuesCompared);
        QCOMPARE(int(c.valueChanges.size()), 3);
        QCOMPARE(c.valueChanges.at(0).pointer, std::string("/name"));
        QCOMPARE(c.valueChanges.at(0).kind, JsonChange::Kind::Changed);
        QCOMPARE(c.valueChanges.at(1).pointer, std::string("/age"));
        QCOMPARE(c.valueChanges.at(1).kind, JsonChange::Kind::Changed);
        QCOMPARE(c.valueChanges.at(2).pointer, std::string("/nick"));
        QCOMPARE(c.valueChanges.at(2).kind, JsonChange::Kind::Removed);
        QCOMPARE(c.fixedErrors.size(), 2);
        QCOMPARE(c.fixedErrors.at(0).instancePath, QStringLiteral("/name"));
        QCOMPARE(c.fixedErrors.at(0).keyword, QStringLiteral("type"));
        QCOMPARE(c.fixedErrors.at(1).instancePath, QStringLiteral("/age"));
        QCOMPARE(c.fixedErrors.at(1).keyword, QStringLiteral("minimum"));
        QVERIFY(c.newErrors.isEmpty());
        auto *view = pane.findChild<QTreeWidget *>(QStringLiteral("changesView"));
        QVERIFY(view);
        const auto ageRows = view->findItems(QStringLiteral("/age"), Qt::MatchExactly | Qt::MatchRecursive, 1);
        QCOMPARE(ageRows.size(), 2); // the value change and the fixed error
        QCOMPARE(ageRows.first()->text(2), QStringLiteral("-1"));
        QCOMPARE(ageRows.first()->text(3), QStringLiteral("36"));
        // The first attempt has nothing to compare with.
        QVERIFY(pane.selectAttempt(1));
        QVERIFY(!pane.comparison().hasPrevious);
    }

    void requestTab_showsRequestAndGoesToReask()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QVERIFY(pane.selectAttempt(1));
        auto *button = pane.findChild<QPushButton *>(QStringLiteral("goToReask"));
        QVERIFY(button);
        QVERIFY(!button->isEnabled());
        QVERIFY(!pane.goToReask());
        QVERIFY(pane.requestText().contains(QStringLiteral("\"model\": \"llama3.1:8b\"")));
        QVERIFY(pane.selectAttempt(2));
        auto *tabs = pane.findChild<QTabWidget *>(QStringLiteral("attemptTabs"));
        tabs->setCurrentIndex(2); // Request: laid out when opened
        QVERIFY(button->isEnabled());
        button->click();
        auto *request = pane.findChild<QPlainTextEdit *>(QStringLiteral("requestView"));
        QVERIFY(request);
        const QString selected = request->textCursor().selectedText();
        QVERIFY2(selected.startsWith(QStringLiteral("\"Recall the function correctly")), qPrintable(selected));
        QVERIFY(selected.contains(QStringLiteral("/age")));
    }

    void doneReasonLength_showsTruncated()
    {
        FakeReply cut = FakeReply::text({ q("{'name': 'Ada Lov") });
        cut.doneReason = QStringLiteral("length");
        m_fx->fake->enqueueChat(cut);
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        ExtractionConfig c = m_fx->config();
        c.options.numPredict = 100;
        QVERIFY(m_fx->runToEnd(session, c));
        QCOMPARE(outcomeOfRow(pane, 0), QStringLiteral("truncated"));
        QVERIFY(
            pane.timelineModel()->index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("num_predict")));
    }

    void loadingModel500_resendShownOnItsAttempt()
    {
        m_fx->fake->enqueueChat(FakeReply::error(500, QByteArray("{\"error\":\"llm server loading model\"}")));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        QAbstractItemModelTester tester(pane.timelineModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QCOMPARE(pane.timelineModel()->rowCount(), 1);
        QCOMPARE(pane.timelineModel()->index(0, AttemptTimelineModel::ResendsColumn).data().toInt(), 1);
        QCOMPARE(outcomeOfRow(pane, 0), QStringLiteral("valid"));
    }

    void failedRun_verdictSaysWhy()
    {
        for (int i = 0; i < 2; ++i)
            m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        RunSession session;
        TimelinePane pane(&session);
        ExtractionConfig c = m_fx->config();
        c.limits.maxAttempts = 2;
        QVERIFY(m_fx->runToEnd(session, c));
        QVERIFY2(pane.verdict().startsWith(QStringLiteral("Failed (all attempts used).")), qPrintable(pane.verdict()));
        QVERIFY(session.acceptAnyway());
        QVERIFY(pane.verdict().contains(QStringLiteral("accepted anyway")));
    }

    void parseFailure_pointsAtOffset()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q("Here: {'name': 'Zoë', 'age': }") }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        QVERIFY(m_fx->runToEnd(session, m_fx->config(ExtractionMode::Json)));
        QVERIFY(pane.selectAttempt(1));
        QCOMPARE(outcomeOfRow(pane, 0), QStringLiteral("parse failure"));
        const auto span = pane.replyView()->rendering().parseErrorSpan();
        QVERIFY(span);
        QCOMPARE(pane.replyView()->rendering().text.mid(span->begin, span->length), QStringLiteral("}"));
        QCOMPARE(pane.errorModel()->rowCount(), 1);
        QCOMPARE(pane.errorModel()->rowKind(0), AttemptErrorModel::RowKind::Parse);
        pane.showError(0);
        QCOMPARE(pane.replyView()->textCursor().selectedText(), QStringLiteral("}"));
    }

    void cancelMidStream_leavesCancelledEntryAndPartialTree()
    {
        FakeReply stalled = FakeReply::text({ q("{'name': "), q("'Ada', 'age': -4, 'em") });
        stalled.stallMidStream = true;
        m_fx->fake->enqueueChat(stalled);
        RunSession session;
        TimelinePane pane(&session);
        pane.show();
        QAbstractItemModelTester tester(pane.timelineModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&session, &RunSession::finished);
        session.start(m_fx->backend.get(), m_fx->config());
        QTRY_COMPARE_WITH_TIMEOUT(pane.replyView()->toPlainText(), q("{'name': 'Ada', 'age': -4, 'em"), 5000);
        QCOMPARE(pane.timelineModel()->rowCount(), 1);
        QCOMPARE(outcomeOfRow(pane, 0), QStringLiteral("streaming..."));
        QVERIFY(pane.timelineModel()->index(0, 0).data(AttemptTimelineModel::IsLiveRole).toBool());
        // Complete fields are checked as they arrive: green or red; the cut key is not there yet.
        QTRY_COMPARE_WITH_TIMEOUT(pane.fieldStatus(QStringLiteral("/name")), TimelinePane::FieldStatus::Valid, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(pane.fieldStatus(QStringLiteral("/age")), TimelinePane::FieldStatus::Invalid, 5000);
        QCOMPARE(pane.fieldStatus(QStringLiteral("/em")), TimelinePane::FieldStatus::Missing);
        auto *tree = pane.findChild<QTreeWidget *>(QStringLiteral("partialTree"));
        QVERIFY(tree);
        QCOMPARE(tree->topLevelItemCount(), 2);
        QTreeWidgetItem *ageItem = tree->topLevelItem(1);
        QCOMPARE(ageItem->text(0), QStringLiteral("age"));
        QCOMPARE(ageItem->foreground(0).color(), timelineErrorColorForTest(pane));

        session.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(pane.timelineModel()->rowCount(), 1);
        QCOMPARE(outcomeOfRow(pane, 0), QStringLiteral("cancelled"));
        QCOMPARE(pane.verdict(), QStringLiteral("Cancelled."));
        // The cancelled attempt keeps what had arrived.
        QCOMPARE(pane.replyView()->toPlainText(), q("{'name': 'Ada', 'age': -4, 'em"));
    }

    void streamingReply_appendsWithoutReplacingTheText()
    {
        FakeReply slow = FakeReply::text({ q("{'name': "), q("'Ada', "), q("'age': 36}") });
        slow.pieceDelayMs = 60;
        m_fx->fake->enqueueChat(slow);
        RunSession session;
        TimelinePane pane(&session);
        pane.show();
        int resets = 0;
        // setPlainText() would remove everything; an append only ever adds.
        connect(pane.replyView()->document(), &QTextDocument::contentsChange, this,
                [&resets](int, int removed, int) { resets += removed > 0 ? 1 : 0; });
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        QCOMPARE(pane.replyView()->toPlainText(), q(validPerson));
        QCOMPARE(resets, 0);
        QCOMPARE(pane.fieldStatus(QStringLiteral("/age")), TimelinePane::FieldStatus::Valid);
    }

    void olderAttemptSelected_staysWhileRunGoesOn()
    {
        FakeReply second = FakeReply::text({ q(validPerson) });
        second.firstByteDelayMs = 300;
        m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fx->fake->enqueueChat(second);
        RunSession session;
        TimelinePane pane(&session);
        QSignalSpy finished(&session, &RunSession::finished);
        QSignalSpy attemptDone(&session, &RunSession::attemptFinished);
        session.start(m_fx->backend.get(), m_fx->config());
        QTRY_COMPARE_WITH_TIMEOUT(pane.timelineModel()->rowCount(), 2, 5000); // #1 done, #2 live
        QVERIFY(pane.selectAttempt(1));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(pane.selectedAttempt(), 1);
        QCOMPARE(underlinedText(pane), QStringLiteral("-1"));
    }

    void longReply_laidOutOffThreadThenMarked()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q(negativeAge) }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        RunSession session;
        TimelinePane pane(&session);
        pane.show();
        QVERIFY(m_fx->runToEnd(session, m_fx->config()));
        pane.replyView()->setAsyncLoadThreshold(10); // every reply counts as long
        QSignalSpy loaded(pane.replyView(), &ReplyView::loaded);
        QVERIFY(pane.selectAttempt(1));
        QVERIFY(pane.replyView()->isLoading());
        QVERIFY(pane.replyView()->toPlainText().isEmpty());
        pane.showError(0); // selected once the text is there
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 5000);
        QVERIFY(!pane.replyView()->isLoading());
        QCOMPARE(pane.replyView()->toPlainText(), q(negativeAge));
        QCOMPARE(pane.replyView()->textCursor().selectedText(), QStringLiteral("-1"));
        const auto span = pane.replyView()->rendering().errorSpan(0);
        QVERIFY(span);
        QVERIFY(viewUnderlines(pane.replyView(), span->begin, span->length));
        // Switching away before a load ends drops it.
        QVERIFY(pane.selectAttempt(2));
        QVERIFY(pane.selectAttempt(1));
        QVERIFY(pane.selectAttempt(2));
        QTRY_VERIFY_WITH_TIMEOUT(!pane.replyView()->isLoading(), 5000);
        QVERIFY(Formwork::Test::settleBackgroundWork(Formwork::Ui::backgroundPool())); // every dropped load has ended
        QCOMPARE(pane.replyView()->toPlainText(), q(validPerson));
    }

    void validateJson_shownWithoutModelAndRecolouredOnPaletteChange()
    {
        RunSession session;
        TimelinePane pane(&session);
        QAbstractItemModelTester tester(pane.timelineModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        session.showValidation(q(negativeAge), Test::personSchema());
        QCOMPARE(pane.timelineModel()->rowCount(), 1);
        QCOMPARE(pane.selectedAttempt(), 1);
        QCOMPARE(underlinedText(pane), QStringLiteral("-1"));
        QCOMPARE(pane.fieldStatus(QStringLiteral("/age")), TimelinePane::FieldStatus::Invalid);
        QCOMPARE(pane.fieldStatus(QStringLiteral("/name")), TimelinePane::FieldStatus::Valid);
        auto *tree = pane.findChild<QTreeWidget *>(QStringLiteral("partialTree"));
        QTreeWidgetItem *age = tree->topLevelItem(1);
        const QColor lightError = pane.replyView()->errorColor();
        QCOMPARE(age->foreground(0).color(), lightError);

        QPalette dark = pane.palette();
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Window, QColor(0x30, 0x30, 0x30));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        pane.setPalette(dark);
        // A colour of the dark theme (built-in scheme or KF6 theme), used by the tree and the underline alike.
        QVERIFY(pane.replyView()->errorColor() != lightError);
        QCOMPARE(age->foreground(0).color(), pane.replyView()->errorColor());
    }

    void layout_savedAndRestored()
    {
        RunSession session;
        TimelinePane pane(&session);
        pane.resize(800, 400);
        pane.show();
        const QByteArray state = pane.saveLayout();
        QVERIFY(pane.restoreLayout(state));
        QVERIFY(!pane.restoreLayout(QByteArray("junk")));
    }

private:
    static QColor timelineErrorColorForTest(const TimelinePane &pane);
};

QColor TestTimelinePane::timelineErrorColorForTest(const TimelinePane &pane)
{
    // The same colour as the reply view's underline: one home for the error colour.
    return pane.replyView()->errorColor();
}

QTEST_MAIN(TestTimelinePane)
#include "tst_timelinepane.moc"
