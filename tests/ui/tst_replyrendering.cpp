// SPDX-License-Identifier: GPL-3.0-or-later
//
// Golden-file test of what the attempt timeline's reply view renders (conventions.md rule 11):
// for recorded runs against FakeOllama, every attempt's reply text, its marked spans (UTF-16
// begin+length, kind, covered text, message) and its attempt number are serialised and compared
// with tests/data/timeline/<scenario>.ref.
//
// To regenerate the references on purpose after an intended change, run
//     FORMWORK_REGENERATE_REFERENCES=1 build/ci/tests/ui/tst_replyrendering
// which rewrites the .ref files in the source tree; review them with `git diff` before committing.

#include "runtestsupport.h"
#include "testdata.h"
#include "timeline/replyview.h"
#include "timeline/timelinepane.h"

#include <QFile>
#include <QStandardPaths>

using namespace Formwork;
using namespace Formwork::Ui;
using Formwork::Test::FakeReply;
using Formwork::Test::FakeToolCall;
using Formwork::Test::q;

namespace {

const char *const validPerson = "{'name': 'Ada', 'age': 36}";

bool regenerating()
{
    return qEnvironmentVariableIntValue("FORMWORK_REGENERATE_REFERENCES") == 1;
}

} // namespace

class TestReplyRendering final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::RunFixture> m_fx;

    // Runs the scripted replies and serialises every attempt as the pane's reply view shows it.
    QString renderRun(const ExtractionConfig &config)
    {
        RunSession session;
        TimelinePane pane(&session);
        if (!m_fx->runToEnd(session, config))
            return QStringLiteral("the run did not finish");
        QString out;
        for (const AttemptRecord &attempt : session.attempts()) {
            if (!pane.selectAttempt(attempt.number))
                return QStringLiteral("attempt %1 cannot be selected").arg(attempt.number);
            const ReplyRendering &shown = pane.replyView()->rendering();
            if (pane.replyView()->toPlainText() != shown.text)
                return QStringLiteral("the view does not show the rendering's text");
            out += shown.serialize() + u'\n';
        }
        return out;
    }

    void compareWithReference(const QString &name, const QString &actual)
    {
        const QString path = Test::testDataPath(QStringLiteral("timeline/%1.ref").arg(name));
        if (regenerating()) {
            QFile file(path);
            QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
            file.write(actual.toUtf8());
            qInfo("regenerated %s", qPrintable(path));
            return;
        }
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly),
                 qPrintable(QStringLiteral("%1 is missing; run with FORMWORK_REGENERATE_REFERENCES=1").arg(path)));
        const QString expected = QString::fromUtf8(file.readAll());
        if (actual != expected) {
            const QStringList a = actual.split(u'\n');
            const QStringList e = expected.split(u'\n');
            for (int i = 0; i < std::max(a.size(), e.size()); ++i) {
                const QString al = a.value(i);
                const QString el = e.value(i);
                if (al != el)
                    QFAIL(qPrintable(QStringLiteral("%1 line %2 differs:\n  actual:   %3\n  expected: %4")
                                         .arg(name)
                                         .arg(i + 1)
                                         .arg(al, el)));
            }
        }
    }

private Q_SLOTS:
    void initTestCase() { Test::initRunTestCase(); }

    void init() { m_fx = std::make_unique<Test::RunFixture>(); }
    void cleanup() { m_fx.reset(); }

    void invalidThenValid_matchesReference()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q("{'name': 7, "), q("'age': -1, 'email': 'ada@example.org'}") }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        compareWithReference(QStringLiteral("invalid-then-valid"), renderRun(m_fx->config()));
    }

    void nonAsciiPrefix_matchesReference()
    {
        m_fx->fake->enqueueChat(FakeReply::text(
            { QStringLiteral("Voilà 😀 «Zoë» — résumé:\n```json\n"), q("{\n  'name': 'Zoë 😀',\n  'age': -3\n}\n```") }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        compareWithReference(QStringLiteral("non-ascii-prefix"), renderRun(m_fx->config(ExtractionMode::MdJson)));
    }

    void thinkPrefix_matchesReference()
    {
        m_fx->fake->enqueueChat(
            FakeReply::text({ q("<think>Âge? {'age': 5} non…</think>\n"), q("{'name': 'Ada', 'age': 'thirty-six'}") }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        compareWithReference(QStringLiteral("think-prefix"), renderRun(m_fx->config(ExtractionMode::Json)));
    }

    void parseFailure_matchesReference()
    {
        m_fx->fake->enqueueChat(FakeReply::text({ q("Sure! {'name': 'Ada ✓', 'age': 36,, }") }));
        m_fx->fake->enqueueChat(FakeReply::text({ q(validPerson) }));
        compareWithReference(QStringLiteral("parse-failure"), renderRun(m_fx->config(ExtractionMode::Json)));
    }

    void toolArguments_matchesReference()
    {
        FakeReply call;
        call.toolCalls = { FakeToolCall { QStringLiteral("call_1"), QStringLiteral("Person"),
                                          QByteArray("{\"name\":\"Zoë\",\"age\":-2}") } };
        m_fx->fake->enqueueChat(call);
        FakeReply fixed;
        fixed.toolCalls = { FakeToolCall { QStringLiteral("call_2"), QStringLiteral("Person"),
                                           QByteArray("{\"name\":\"Zoë\",\"age\":2}") } };
        m_fx->fake->enqueueChat(fixed);
        compareWithReference(QStringLiteral("tool-arguments"), renderRun(m_fx->config(ExtractionMode::Tools)));
    }
};

QTEST_MAIN(TestReplyRendering)
#include "tst_replyrendering.moc"
