// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schema.h"
#include "store/workspace.h"
#include "json/jsonparser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <limits>

#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

Workspace everyField(const QString &folder)
{
    Workspace w;
    w.schemaText = QStringLiteral("{\n  \"type\": \"object\",\n  \"properties\": {\n    \"name\": {\n      \"type\": "
                                  "\"string\"\n    }\n  }\n}");
    PromptSettings &p = w.prompt;
    p.systemPrompt = QStringLiteral("You extract data. Ünïcode ✓");
    p.userPrompt = QStringLiteral("Read {{doc}} and {{other}}.\nSecond line \"quoted\"");
    p.variables = { { QStringLiteral("doc"), QStringLiteral("Some text\twith a tab") },
                    { QStringLiteral("other"), QString() } };
    p.imagePaths = { folder + QStringLiteral("/images/a.png"), QStringLiteral("/elsewhere/far/away/b.jpg") };
    p.mode = ExtractionMode::Tools;
    p.maxAttempts = 5;
    p.deadlineMs = 60000;
    p.tokenBudget = 12345;
    p.options.temperature = 0.25;
    p.options.seed = 42;
    p.options.numCtx = 8192;
    p.options.numPredict = -1;
    p.options.topP = 0.9;
    p.options.topK = 40;
    p.options.stop = { QStringLiteral("</end>"), QStringLiteral("\n\n") };
    p.think = ThinkMode::High;
    p.templates.reaskJson = QStringLiteral("Fix these: {{errors}}");
    w.server.host = QUrl(QStringLiteral("http://gpu-box:11434"));
    w.server.api = BackendApi::OpenAi;
    w.server.model = QStringLiteral("qwen3:8b");
    return w;
}

void compareWorkspaces(const Workspace &a, const Workspace &b)
{
    QCOMPARE(a.schemaText, b.schemaText);
    QCOMPARE(a.prompt.systemPrompt, b.prompt.systemPrompt);
    QCOMPARE(a.prompt.userPrompt, b.prompt.userPrompt);
    QCOMPARE(a.prompt.variables, b.prompt.variables);
    QCOMPARE(a.prompt.imagePaths, b.prompt.imagePaths);
    QCOMPARE(a.prompt.mode, b.prompt.mode);
    QCOMPARE(a.prompt.maxAttempts, b.prompt.maxAttempts);
    QCOMPARE(a.prompt.deadlineMs, b.prompt.deadlineMs);
    QCOMPARE(a.prompt.tokenBudget, b.prompt.tokenBudget);
    QCOMPARE(a.prompt.options.temperature, b.prompt.options.temperature);
    QCOMPARE(a.prompt.options.seed, b.prompt.options.seed);
    QCOMPARE(a.prompt.options.numCtx, b.prompt.options.numCtx);
    QCOMPARE(a.prompt.options.numPredict, b.prompt.options.numPredict);
    QCOMPARE(a.prompt.options.topP, b.prompt.options.topP);
    QCOMPARE(a.prompt.options.topK, b.prompt.options.topK);
    QCOMPARE(a.prompt.options.stop, b.prompt.options.stop);
    QCOMPARE(a.prompt.think, b.prompt.think);
    QCOMPARE(a.prompt.templates.schemaPrompt, b.prompt.templates.schemaPrompt);
    QCOMPARE(a.prompt.templates.markdownRequest, b.prompt.templates.markdownRequest);
    QCOMPARE(a.prompt.templates.reaskJson, b.prompt.templates.reaskJson);
    QCOMPARE(a.prompt.templates.reaskMarkdown, b.prompt.templates.reaskMarkdown);
    QCOMPARE(a.prompt.templates.reaskTools, b.prompt.templates.reaskTools);
    QCOMPARE(a.server.host, b.server.host);
    QCOMPARE(a.server.api, b.server.api);
    QCOMPARE(a.server.model, b.server.model);
}

Json fileJson(const QByteArray &bytes)
{
    auto parsed = parseJson(std::string_view(bytes.constData(), size_t(bytes.size())));
    if (!parsed)
        return Json();
    return parsed->value;
}

// Root ignores file permissions; for as long as this lives, this thread does not (tests run as root
// in containers, and a read-only folder must still refuse the write).
class PermissionChecksOn
{
public:
    PermissionChecksOn()
    {
        m_header.version = _LINUX_CAPABILITY_VERSION_3;
        m_header.pid = 0;
        if (syscall(SYS_capget, &m_header, m_saved) != 0)
            return;
        __user_cap_data_struct reduced[2] = { m_saved[0], m_saved[1] };
        reduced[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH) | (1u << CAP_FOWNER));
        m_dropped = syscall(SYS_capset, &m_header, reduced) == 0;
    }
    ~PermissionChecksOn()
    {
        if (m_dropped)
            syscall(SYS_capset, &m_header, m_saved);
    }
    Q_DISABLE_COPY_MOVE(PermissionChecksOn)

private:
    __user_cap_header_struct m_header {};
    __user_cap_data_struct m_saved[2] {};
    bool m_dropped = false;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class TestWorkspace final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyField_roundTripsThroughAFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("test.formwork.json"));
        const Workspace original = everyField(dir.path());
        QVERIFY(!saveWorkspace(original, path));
        auto loaded = loadWorkspace(path);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().text()));
        compareWorkspaces(*loaded, original);

        // Readable: the schema is JSON in the file, the nearby image is relative, defaults are left out.
        const Json file = fileJson(readAll(path));
        QCOMPARE(file["formwork"].get<int>(), 1);
        QVERIFY(file["schema"].is_object());
        QVERIFY(!file.contains("schemaText"));
        QCOMPARE(file["prompt"]["images"][0].get<std::string>(), std::string("images/a.png"));
        QCOMPARE(file["prompt"]["images"][1].get<std::string>(), std::string("/elsewhere/far/away/b.jpg"));
        QCOMPARE(file["server"]["api"].get<std::string>(), std::string("openai"));
        QCOMPARE(file["mode"].get<std::string>(), std::string("tools"));
        QCOMPARE(file["think"].get<std::string>(), std::string("high"));
        QCOMPARE(file["templates"].size(), size_t(1));
        QVERIFY(file["templates"].contains("reaskJson"));
        QCOMPARE(file["options"]["num_ctx"].get<int>(), 8192);
    }

    void defaults_writeOnlySetOptions()
    {
        Workspace w;
        const Json file = fileJson(serializeWorkspace(w));
        QVERIFY(file["options"].is_object());
        QVERIFY(file["options"].empty());
        QVERIFY(file["templates"].empty());
        QVERIFY(!file.contains("schema"));
        auto back = parseWorkspace(serializeWorkspace(w), QString());
        QVERIFY(back);
        compareWorkspaces(*back, w);
    }

    void schemaText_isKeptVerbatim_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("storesText");
        QTest::newRow("canonical") << QStringLiteral("{\n  \"type\": \"string\"\n}") << false;
        QTest::newRow("canonical + newline") << QStringLiteral("{\n  \"type\": \"string\"\n}\n") << false;
        QTest::newRow("compact") << QStringLiteral("{\"type\":\"string\"}") << true;
        QTest::newRow("four spaces") << QStringLiteral("{\n    \"type\": \"string\"\n}") << true;
        QTest::newRow("exponent") << QStringLiteral("{\n  \"maximum\": 1e3\n}") << true;
        QTest::newRow("duplicate key") << QStringLiteral("{\n  \"a\": 1,\n  \"a\": 2\n}") << true;
        QTest::newRow("escape") << QStringLiteral("{\n  \"title\": \"\\u00e9\"\n}") << true;
        QTest::newRow("not JSON") << QStringLiteral("{ \"type\": \"obj") << true;
        QTest::newRow("two newlines") << QStringLiteral("{\n  \"type\": \"string\"\n}\n\n") << true;
        QTest::newRow("unicode") << QStringLiteral("{\n  \"title\": \"Größe ✓\"\n}") << false;
        QTest::newRow("float") << QStringLiteral("{\n  \"minimum\": 0.1\n}") << false;
        QTest::newRow("boolean schema") << QStringLiteral("true") << false;
    }

    void schemaText_isKeptVerbatim()
    {
        QFETCH(QString, text);
        QFETCH(bool, storesText);
        Workspace w;
        w.schemaText = text;
        const QByteArray bytes = serializeWorkspace(w);
        QCOMPARE(fileJson(bytes).contains("schemaText"), storesText);
        auto back = parseWorkspace(bytes, QStringLiteral("x.formwork.json"));
        QVERIFY2(back, qPrintable(back ? QString() : back.error().text()));
        QCOMPARE(back->schemaText, text);
    }

    void schemaEditedByHand_winsOverStaleText()
    {
        Workspace w;
        w.schemaText = QStringLiteral("{\"type\":\"string\"}");
        Json file = fileJson(serializeWorkspace(w));
        QVERIFY(file.contains("schemaText"));
        file["schema"]["type"] = "integer";
        const std::string edited = file.dump(2);
        auto back = parseWorkspace(QByteArray(edited.data(), qsizetype(edited.size())), QString());
        QVERIFY(back);
        QCOMPARE(back->schemaText, QStringLiteral("{\n  \"type\": \"integer\"\n}"));
    }

    void everyModeAndThinkValue_roundTrips()
    {
        for (ExtractionMode mode :
             { ExtractionMode::Schema, ExtractionMode::Json, ExtractionMode::MdJson, ExtractionMode::Tools }) {
            for (ThinkMode think : { ThinkMode::Default, ThinkMode::Off, ThinkMode::On, ThinkMode::Low,
                                     ThinkMode::Medium, ThinkMode::High, ThinkMode::Max }) {
                Workspace w;
                w.prompt.mode = mode;
                w.prompt.think = think;
                w.server.api = think == ThinkMode::On ? BackendApi::OpenAi : BackendApi::Ollama;
                auto back = parseWorkspace(serializeWorkspace(w), QString());
                QVERIFY(back);
                QCOMPARE(back->prompt.mode, mode);
                QCOMPARE(back->prompt.think, think);
                QCOMPARE(back->server.api, w.server.api);
            }
        }
    }

    void nonFiniteOptions_areLeftOut()
    {
        Workspace w;
        w.prompt.options.temperature = std::numeric_limits<double>::quiet_NaN();
        w.prompt.options.topP = std::numeric_limits<double>::infinity();
        auto back = parseWorkspace(serializeWorkspace(w), QString());
        QVERIFY(back);
        QVERIFY(!back->prompt.options.temperature);
        QVERIFY(!back->prompt.options.topP);
    }

    void password_isNeverWritten()
    {
        Workspace w;
        w.server.host = QUrl(QStringLiteral("http://user:s3cret@host:8080"));
        const QByteArray bytes = serializeWorkspace(w);
        QVERIFY(!bytes.contains("s3cret"));
        QVERIFY(bytes.contains("host:8080"));
    }

    // A path prefix with a space (a reverse proxy, say) must not make the file unreadable.
    void hostWithSpaceInPath_roundTrips()
    {
        Workspace w;
        w.server.host = QUrl(QStringLiteral("http://127.0.0.1:8080/my proxy/"));
        auto back = parseWorkspace(serializeWorkspace(w), QStringLiteral("space.formwork.json"));
        QVERIFY2(back, back ? "" : qPrintable(back.error().text()));
        QCOMPARE(back->server.host, w.server.host);
    }

    void brokenFile_givesLineAndColumn()
    {
        const QByteArray bytes = "{\n  \"formwork\": 1,\n  \"mode\": \"json\"\n  \"think\": \"on\"\n}\n";
        auto result = parseWorkspace(bytes, QStringLiteral("/tmp/broken.formwork.json"));
        QVERIFY(!result);
        QCOMPARE(result.error().line, 4);
        QCOMPARE(result.error().column, 3);
        QVERIFY2(result.error().text().startsWith(QStringLiteral("/tmp/broken.formwork.json:4:3: ")),
                 qPrintable(result.error().text()));
    }

    void chunking_roundTripsAndIsLeftOutWhenDefault()
    {
        Workspace w;
        QVERIFY(!fileJson(serializeWorkspace(w)).contains("chunking"));
        w.prompt.chunking.mode = ChunkingMode::Auto;
        w.prompt.chunking.maxChars = 8000;
        w.prompt.chunking.overlapChars = 400;
        w.prompt.chunking.passes = 2;
        w.prompt.chunking.concurrency = 3;
        w.prompt.chunking.mergeKey = QStringLiteral("id");
        const Json file = fileJson(serializeWorkspace(w));
        QCOMPARE(file["chunking"]["mode"].get<std::string>(), std::string("auto"));
        QCOMPARE(file["chunking"]["passes"].get<int>(), 2);
        QCOMPARE(file["chunking"]["concurrency"].get<int>(), 3);
        auto back = parseWorkspace(serializeWorkspace(w), QString());
        QVERIFY(back);
        QVERIFY(back->prompt.chunking == w.prompt.chunking);
    }

    void wrongType_namesTheField_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("line");
        QTest::newRow("system") << QByteArray("{\"formwork\": 1,\n\"prompt\": {\"system\": 3}}")
                                << QStringLiteral("prompt.system") << 2;
        QTest::newRow("variable") << QByteArray(
            "{\"formwork\": 1, \"prompt\": {\"variables\": [{\"name\": \"a\"},\n {\"name\": []}]}}")
                                  << QStringLiteral("prompt.variables[1].name") << 2;
        QTest::newRow("attempts") << QByteArray("{\"formwork\": 1, \"limits\": {\"maxAttempts\": \"3\"}}")
                                  << QStringLiteral("limits.maxAttempts") << 1;
        QTest::newRow("temperature") << QByteArray("{\"formwork\": 1, \"options\": {\"temperature\": true}}")
                                     << QStringLiteral("options.temperature") << 1;
        QTest::newRow("server") << QByteArray("{\"formwork\": 1, \"server\": \"localhost\"}")
                                << QStringLiteral("server") << 1;
        QTest::newRow("mode") << QByteArray("{\"formwork\": 1, \"mode\": \"yaml\"}") << QStringLiteral("mode") << 1;
        QTest::newRow("api") << QByteArray("{\"formwork\": 1, \"server\": {\"api\": \"grpc\"}}")
                             << QStringLiteral("server.api") << 1;
        QTest::newRow("images") << QByteArray("{\"formwork\": 1, \"prompt\": {\"images\": [1]}}")
                                << QStringLiteral("prompt.images[0]") << 1;
        QTest::newRow("chunking mode") << QByteArray("{\"formwork\": 1, \"chunking\": {\"mode\": \"sometimes\"}}")
                                       << QStringLiteral("chunking.mode") << 1;
        QTest::newRow("chunking chars") << QByteArray("{\"formwork\": 1, \"chunking\": {\"chars\": \"many\"}}")
                                        << QStringLiteral("chunking.chars") << 1;
    }

    void wrongType_namesTheField()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, field);
        QFETCH(int, line);
        auto result = parseWorkspace(bytes, QStringLiteral("w.formwork.json"));
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(QLatin1Char('"') + field + QLatin1Char('"')),
                 qPrintable(result.error().text()));
        QCOMPARE(result.error().line, line);
        QVERIFY(result.error().column > 1);
    }

    void unknownFields_areIgnored()
    {
        auto result = parseWorkspace(
            "{\"formwork\": 1, \"future\": {\"x\": 1}, \"prompt\": {\"user\": \"hi\", \"extra\": 2}}", QString());
        QVERIFY(result);
        QCOMPARE(result->prompt.userPrompt, QStringLiteral("hi"));
    }

    void notAWorkspace_isRefused()
    {
        auto schemaOnly = parseWorkspace("{\"type\": \"object\"}", QStringLiteral("s.json"));
        QVERIFY(!schemaOnly);
        QVERIFY(schemaOnly.error().message.contains(QStringLiteral("formwork")));
        auto newer = parseWorkspace("{\"formwork\": 7}", QStringLiteral("n.formwork.json"));
        QVERIFY(!newer);
        QVERIFY(newer.error().message.contains(QStringLiteral("7")));
        auto array = parseWorkspace("[]", QStringLiteral("a.formwork.json"));
        QVERIFY(!array);
    }

    void nonUtf8_isAnErrorNamingTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("latin1.formwork.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"formwork\": 1,\n \"prompt\": {\"user\": \"Gr\xF6\xDF"
                   "e\"}}");
        file.close();
        auto result = loadWorkspace(path);
        QVERIFY(!result);
        QCOMPARE(result.error().path, path);
        QVERIFY(result.error().text().startsWith(path + QStringLiteral(":2:")));
        QVERIFY2(result.error().message.contains(QStringLiteral("UTF-8")), qPrintable(result.error().message));
    }

    void byteOrderMark_isAccepted()
    {
        auto result = parseWorkspace("\xEF\xBB\xBF{\"formwork\": 1, \"server\": {\"model\": \"m\"}}", QString());
        QVERIFY(result);
        QCOMPARE(result->server.model, QStringLiteral("m"));
    }

    void missingFile_andFolder_giveMessages()
    {
        QTemporaryDir dir;
        auto missing = loadWorkspace(dir.filePath(QStringLiteral("nope.formwork.json")));
        QVERIFY(!missing);
        QVERIFY(!missing.error().message.isEmpty());
        auto folder = loadWorkspace(dir.path());
        QVERIFY(!folder);
        QVERIFY(folder.error().message.contains(QStringLiteral("folder")));
    }

    void saveIntoReadOnlyFolder_failsAndKeepsOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.formwork.json"));
        Workspace old;
        old.schemaText = QStringLiteral("{\n  \"title\": \"old\"\n}");
        QVERIFY(!saveWorkspace(old, path));
        const QByteArray before = readAll(path);
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        Workspace fresh;
        fresh.schemaText = QStringLiteral("{\n  \"title\": \"new\"\n}");
        std::optional<WorkspaceError> error;
        {
            PermissionChecksOn permissions;
            error = saveWorkspace(fresh, path);
        }
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(error);
        QCOMPARE(error->path, path);
        QVERIFY(!error->message.isEmpty());
        QVERIFY(error->text().startsWith(path + QStringLiteral(": ")));
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void writeFailsHalfway_keepsOldFile()
    {
        // A full disk, simulated by a file size limit: the write fails after the temporary file exists.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("full.formwork.json"));
        Workspace old;
        QVERIFY(!saveWorkspace(old, path));
        const QByteArray before = readAll(path);
        Workspace big;
        big.prompt.userPrompt = QString(200000, QLatin1Char('x'));
        rlimit saved {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = saved;
        limit.rlim_cur = 4096;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limit), 0);
        const auto error = saveWorkspace(big, path);
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY(error);
        QVERIFY(!error->message.isEmpty());
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void examples_loadAndTheirSchemasCompile()
    {
        const QDir examples(QStringLiteral(FORMWORK_EXAMPLES_DIR));
        const QStringList files = examples.entryList({ QStringLiteral("*.formwork.json") }, QDir::Files);
        QVERIFY(files.size() >= 4);
        for (const QString &name : files) {
            auto loaded = loadWorkspace(examples.filePath(name));
            QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().text()));
            const QByteArray schemaBytes = loaded->schemaText.toUtf8();
            auto json = parseJson(std::string_view(schemaBytes.constData(), size_t(schemaBytes.size())));
            QVERIFY2(json, qPrintable(name));
            auto schema = Schema::compile(json->value);
            QVERIFY2(schema, qPrintable(name));
            QVERIFY2(!loaded->prompt.systemPrompt.isEmpty(), qPrintable(name));
            QVERIFY2(!loaded->prompt.userPrompt.isEmpty(), qPrintable(name));
            QCOMPARE(loaded->server.model, QStringLiteral("llama3.1:8b"));
            QCOMPARE(loaded->prompt.mode, ExtractionMode::Schema);
            // Every {{variable}} of the prompts has a value.
            for (const PromptVariable &variable : loaded->prompt.variables)
                QVERIFY2(!variable.value.isEmpty(), qPrintable(name + QLatin1Char(' ') + variable.name));
            // A good answer to the example validates; the same answer without its first required field does not.
            const QString answerPath = QStringLiteral(FORMWORK_TEST_DATA_DIR "/examples/")
                + name.chopped(int(qstrlen(".formwork.json"))) + QStringLiteral(".answer.json");
            const QByteArray answerBytes = readAll(answerPath);
            auto answer = parseJson(std::string_view(answerBytes.constData(), size_t(answerBytes.size())));
            QVERIFY2(answer, qPrintable(answerPath));
            const QList<ValidationError> errors = schema->validate(answer->value);
            QVERIFY2(errors.isEmpty(),
                     qPrintable(name + QLatin1Char(' ') + (errors.isEmpty() ? QString() : errors.constFirst().text())));
            Json broken = answer->value;
            broken.erase(json->value["required"][0].get<std::string>());
            QVERIFY2(!schema->isValid(broken), qPrintable(name));
            // The example file is what Formwork itself writes (so saving it makes no diff).
            QCOMPARE(QString::fromUtf8(serializeWorkspace(*loaded, examples.filePath(name))),
                     QString::fromUtf8(readAll(examples.filePath(name))));
        }
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
