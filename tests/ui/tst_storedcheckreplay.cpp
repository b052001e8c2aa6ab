// SPDX-License-Identifier: GPL-3.0-or-later
// A stored run opened again (History pane -> timeline): the errors of the checks beyond the schema
// come back with their kind and softness in the timeline's error list (issue 14).
#include "store/historydatabase.h"
#include "store/storederrors.h"
#include "store/storedrunreplay.h"
#include "timeline/attempterrormodel.h"

#include <QAbstractItemModelTester>
#include <QStandardPaths>
#include <QTest>

using namespace Formwork;
using namespace Formwork::Ui;
using Json = nlohmann::ordered_json;

namespace {

ValidationError checkError(const char *path, const char *kind, const char *name, const char *message)
{
    ValidationError error;
    error.instancePath = QString::fromLatin1(path);
    error.kind = QString::fromLatin1(kind);
    error.keyword = QString::fromLatin1(name);
    error.message = QString::fromLatin1(message);
    return error;
}

// A finished run as the history returns it: one schema-valid attempt that failed a hard
// expression check and a soft grounding check, and (version 1 style) a bare schema error.
StoredRun storedRun()
{
    StoredRun run;
    run.id = 1;
    run.mode = QStringLiteral("json");
    run.status = QStringLiteral("invalid");
    run.schemaJson = QStringLiteral("{\"type\":\"object\"}");
    run.settingsJson = QStringLiteral("{\"max_attempts\":1}");
    StoredAttempt attempt;
    attempt.number = 1;
    attempt.outcome = QStringLiteral("schema-invalid");
    attempt.content = QStringLiteral("{\"total\": 5, \"buyer\": \"Zed\"}");
    AttemptRecord record;
    record.errors = { checkError("/total", "expression", "sum", "total must be the sum") };
    record.softErrors = { checkError("/buyer", "grounding", "buyer-in-text", "not found in the input") };
    attempt.errorsJson = storedErrorsJson(record);
    attempt.judgePromptTokens = 12;
    run.attempts = { attempt };
    return run;
}

} // namespace

class TestStoredCheckReplay final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void replayedAttempt_errorListShowsEachKindAndSoftness()
    {
        const ReplayedRun replay = replayStoredRun(storedRun());
        QCOMPARE(replay.attempts.size(), 1);
        AttemptErrorModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAttempt(replay.attempts.first());
        QCOMPARE(model.rowCount(), 2);
        const auto cell = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, AttemptErrorModel::PathColumn), QStringLiteral("/total"));
        QCOMPARE(cell(0, AttemptErrorModel::KindColumn), QStringLiteral("expression"));
        QCOMPARE(cell(1, AttemptErrorModel::KindColumn), QStringLiteral("grounding (soft)"));
        QCOMPARE(replay.attempts.first().judgeUsage.promptTokens, 12);
    }

    void versionOneErrors_showAsSchemaErrors()
    {
        StoredRun run = storedRun();
        run.schemaJson = QStringLiteral("not a schema"); // the stored errors are shown as they are
        run.attempts.first().errorsJson = QStringLiteral(
            "[{\"instancePath\":\"/age\",\"keywordLocation\":\"/minimum\",\"message\":\"too small\"}]");
        const ReplayedRun replay = replayStoredRun(run);
        AttemptErrorModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAttempt(replay.attempts.first());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, AttemptErrorModel::KindColumn).data().toString(), QStringLiteral("schema"));
        QCOMPARE(model.index(0, AttemptErrorModel::MessageColumn).data().toString(), QStringLiteral("too small"));
    }
};

QTEST_MAIN(TestStoredCheckReplay)
#include "tst_storedcheckreplay.moc"
