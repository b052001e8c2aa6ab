// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/chatlinescanner.h"
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Formwork;
using Formwork::Test::readTestData;

namespace {

QByteArray line(const QByteArray &message, const QByteArray &done = "false")
{
    return "{\"model\":\"qwen3:8b\",\"created_at\":\"2026-11-26T10:00:00.1Z\",\"message\":" + message
        + ",\"done\":" + done + "}";
}

} // namespace

class TestChatLineScanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commonLine_readsModelAndContent()
    {
        const auto read = scanCommonChatLine(line("{\"role\":\"assistant\",\"content\":\"{\\\"name\"}"));
        QVERIFY(read);
        QCOMPARE(read->model, QStringLiteral("qwen3:8b"));
        QCOMPARE(read->content, QStringLiteral("{\"name"));
        QVERIFY(read->thinking.isEmpty());
    }

    void thinkingLine_readsThinking()
    {
        const auto read
            = scanCommonChatLine(line("{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Let me see\"}"));
        QVERIFY(read);
        QVERIFY(read->content.isEmpty());
        QCOMPARE(read->thinking, QStringLiteral("Let me see"));
    }

    void escapes_decodedAsJsonDoes()
    {
        const QByteArray text = "a\\nb\\t\\\"q\\\"\\\\\\/ \\u00e9 \\ud83d\\ude00 \\u4e2d \\b\\f\\r";
        const auto read = scanCommonChatLine(line("{\"role\":\"assistant\",\"content\":\"" + text + "\"}"));
        QVERIFY(read);
        const QJsonDocument reference = QJsonDocument::fromJson("[\"" + text + "\"]");
        QCOMPARE(read->content, reference.array().at(0).toString());
        QVERIFY(read->content.contains(QStringLiteral("é 😀 中")));
    }

    void spacingAndKeyOrder_doNotMatter()
    {
        const QByteArray text
            = " { \"done\" : false ,\r\n \"message\" : { \"content\" : \"x\" , \"role\" : \"assistant\" } ,"
              " \"model\" : \"m\" } \r\n";
        const auto read = scanCommonChatLine(text);
        QVERIFY(read);
        QCOMPARE(read->content, QStringLiteral("x"));
        QCOMPARE(read->model, QStringLiteral("m"));
    }

    void otherLines_leftToTheFullDecoder_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("final line") << line("{\"role\":\"assistant\",\"content\":\"\"}", "true");
        QTest::newRow("final line with statistics") << QByteArray(
            "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":false,\"eval_count\":3}");
        QTest::newRow("tool calls") << line("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{"
                                            "\"name\":\"f\",\"arguments\":{}}}]}");
        QTest::newRow("images") << line("{\"role\":\"assistant\",\"content\":\"\",\"images\":[]}");
        QTest::newRow("error") << QByteArray("{\"error\":\"model not found\"}");
        QTest::newRow("no message") << QByteArray("{\"model\":\"m\",\"done\":false}");
        QTest::newRow("two messages") << QByteArray(
            "{\"message\":{\"content\":\"a\"},\"message\":{\"content\":\"b\"},\"done\":false}");
        QTest::newRow("content not a string") << line("{\"role\":\"assistant\",\"content\":5}");
        QTest::newRow("lone high surrogate") << line("{\"role\":\"assistant\",\"content\":\"\\ud83d x\"}");
        QTest::newRow("lone low surrogate") << line("{\"role\":\"assistant\",\"content\":\"\\ude00\"}");
        QTest::newRow("bad escape") << line("{\"role\":\"assistant\",\"content\":\"\\q\"}");
        QTest::newRow("short unicode escape") << line("{\"role\":\"assistant\",\"content\":\"\\u12\"}");
        QTest::newRow("raw control character") << line("{\"role\":\"assistant\",\"content\":\"a\tb\"}");
        QTest::newRow("broken UTF-8") << line("{\"role\":\"assistant\",\"content\":\"caf\xE9\"}");
        QTest::newRow("garbage after") << line("{\"role\":\"assistant\",\"content\":\"a\"}") + " x";
        QTest::newRow("cut off") << line("{\"role\":\"assistant\",\"content\":\"a\"}").chopped(3);
        QTest::newRow("not an object") << QByteArray("[1, 2]");
        QTest::newRow("empty") << QByteArray();
    }

    void otherLines_leftToTheFullDecoder()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!scanCommonChatLine(text));
    }

    // Every line of the recorded streams that the scanner takes reads as Qt's parser reads it.
    void recordedStreams_readAsTheFullParserReadsThem()
    {
        int taken = 0;
        for (const char *name :
             { "llm/native-stream.ndjson", "llm/native-tools.ndjson", "llm/native-midstream-error.ndjson" }) {
            const QByteArray stream = readTestData(QString::fromLatin1(name));
            for (const QByteArray &text : stream.split('\n')) {
                const auto read = scanCommonChatLine(text);
                if (!read)
                    continue;
                ++taken;
                const QJsonObject object = QJsonDocument::fromJson(text).object();
                const QJsonObject message = object.value(QLatin1String("message")).toObject();
                QCOMPARE(read->content, message.value(QLatin1String("content")).toString());
                QCOMPARE(read->thinking, message.value(QLatin1String("thinking")).toString());
                QCOMPARE(read->model, object.value(QLatin1String("model")).toString());
                QCOMPARE(object.value(QLatin1String("done")).toBool(), false);
            }
        }
        // native-stream: four token lines and the final one; native-tools: a tool call and the
        // final one; native-midstream-error: a token line and the error.
        QCOMPARE(taken, 5);
    }
};

QTEST_GUILESS_MAIN(TestChatLineScanner)
#include "tst_chatlinescanner.moc"
