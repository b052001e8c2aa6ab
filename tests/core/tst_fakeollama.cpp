// SPDX-License-Identifier: GPL-3.0-or-later
// The test fake refuses what the real server refuses (reference/ollama-api.md 3.4, 4, 5.1): a test
// that sends what Ollama would refuse must see the refusal, not a reply.
#include "extractiontestsupport.h"
#include "fakeollama.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using Formwork::Test::FakeOllama;
using Formwork::Test::q;
using Json = nlohmann::ordered_json;

namespace {

constexpr int Wait = 5000;

struct Answer {
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

} // namespace

class TestFakeOllama final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    FakeOllama m_fake;

    Answer post(const QByteArray &path, const QByteArray &body)
    {
        QUrl url = m_fake.baseUrl();
        url.setPath(QString::fromLatin1(path));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_nam.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(Wait))
            return {};
        Answer answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                        reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), reply->readAll() };
        reply->deleteLater();
        return answer;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_fake.listen());
        m_fake.addModel(QStringLiteral("embed"), { QStringLiteral("embedding") });
        m_fake.addModel(QStringLiteral("plain"), { QStringLiteral("completion") });
        m_fake.addModel(QStringLiteral("thinker:8b"), { QStringLiteral("completion"), QStringLiteral("thinking") });
    }

    // Native routes: {"error":"..."} with the status of reference 3.4.
    void nativeRefusal_statusAndErrorText_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        const QByteArray chat("/api/chat");
        QTest::newRow("unknown-model") << chat << q("{'model':'x','messages':[]}") << 404
                                       << QStringLiteral("model 'x' not found");
        QTest::newRow("unknown-model-generate") << QByteArray("/api/generate") << q("{'model':'nope:1b','prompt':'hi'}")
                                                << 404 << QStringLiteral("model 'nope:1b' not found");
        QTest::newRow("empty-body") << chat << QString() << 400 << QStringLiteral("missing request body");
        QTest::newRow("no-model") << chat << q("{'messages':[]}") << 400 << QStringLiteral("model is required");
        QTest::newRow("not-json") << chat << QStringLiteral("hello") << 400
                                  << QStringLiteral("invalid character 'h' looking for beginning of value");
        QTest::newRow("stream-string") << chat << q("{'model':'llama3.2','stream':'yes'}") << 400
                                       << QStringLiteral("json: cannot unmarshal string into Go struct field "
                                                         "ChatRequest.stream of type bool");
        QTest::newRow("model-number") << chat << q("{'model':3}") << 400
                                      << QStringLiteral("json: cannot unmarshal number into Go struct field "
                                                        "ChatRequest.model of type string");
        QTest::newRow("content-object") << chat << q("{'model':'llama3.2','messages':[{'role':'user','content':{}}]}")
                                        << 400
                                        << QStringLiteral("json: cannot unmarshal object into Go struct field "
                                                          "ChatRequest.messages.content of type string");
        QTest::newRow("format-xml") << chat << q("{'model':'llama3.2','format':'xml'}") << 500
                                    << q("invalid format: '\\'xml\\''; expected 'json' or a valid JSON Schema object");
        QTest::newRow("think-bad") << chat << q("{'model':'thinker:8b','think':'lots'}") << 400
                                   << q("invalid think value: 'lots' (must be 'high', 'medium', 'low', 'max', true, "
                                        "or false)");
        QTest::newRow("think-unsupported")
            << chat << q("{'model':'llama3.2','think':true}") << 400 << q("'llama3.2' does not support thinking");
        QTest::newRow("tools-unsupported")
            << chat << q("{'model':'plain','tools':[{'type':'function','function':{'name':'f'}}]}") << 400
            << QStringLiteral("registry.ollama.ai/library/plain:latest does not support tools");
        QTest::newRow("embedding-only") << chat << q("{'model':'embed'}") << 400 << q("'embed' does not support chat");
        QTest::newRow("option-type") << chat << q("{'model':'llama3.2','options':{'temperature':'hot'}}") << 500
                                     << q("option 'temperature' must be of type float32");
    }
    void nativeRefusal_statusAndErrorText()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, body);
        QFETCH(int, status);
        QFETCH(QString, error);
        const int chats = int(m_fake.requests().size());
        const Answer answer = post(path, body.toUtf8());
        QCOMPARE(answer.status, status);
        QVERIFY(answer.contentType.startsWith("application/json"));
        const Json json = Json::parse(answer.body.toStdString(), nullptr, false);
        QVERIFY2(json.is_object() && json.value("error", Json()).is_string(), answer.body.constData());
        QCOMPARE(QString::fromStdString(json["error"].get<std::string>()), error);
        QCOMPARE(m_fake.requests().size(), chats + 1); // recorded all the same
    }

    // /v1: the OpenAI envelope, its type named from the status (reference 5.1).
    void openAiRefusal_envelope_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("type");
        QTest::newRow("unknown-model") << q("{'model':'x','messages':[{'role':'user','content':'hi'}]}") << 404
                                       << QStringLiteral("model 'x' not found") << QStringLiteral("not_found_error");
        QTest::newRow("no-messages") << q("{'model':'llama3.2','messages':[]}") << 400
                                     << QStringLiteral("[] is too short - 'messages'")
                                     << QStringLiteral("invalid_request_error");
        QTest::newRow("stream-number") << q(
            "{'model':'llama3.2','stream':1,'messages':[{'role':'user','content':'hi'}]}")
                                       << 400
                                       << QStringLiteral("json: cannot unmarshal number into Go struct field "
                                                         "ChatCompletionRequest.stream of type bool")
                                       << QStringLiteral("invalid_request_error");
        QTest::newRow("bad-effort") << q(
            "{'model':'llama3.2','reasoning_effort':'lots','messages':[{'role':'user','content':'hi'}]}")
                                    << 400 << q("invalid reasoning_effort value: 'lots'")
                                    << QStringLiteral("invalid_request_error");
    }
    void openAiRefusal_envelope()
    {
        QFETCH(QString, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        QFETCH(QString, type);
        const Answer answer = post("/v1/chat/completions", body.toUtf8());
        QCOMPARE(answer.status, status);
        const Json json = Json::parse(answer.body.toStdString(), nullptr, false);
        QVERIFY2(json.is_object() && json.value("error", Json()).is_object(), answer.body.constData());
        const Json &error = json["error"];
        QCOMPARE(QString::fromStdString(error.value("message", std::string())), message);
        QCOMPARE(QString::fromStdString(error.value("type", std::string())), type);
        QVERIFY(error.contains("param") && error["param"].is_null());
        QVERIFY(error.contains("code") && error["code"].is_null());
    }

    // What the real server accepts, the fake accepts: tag defaults to latest, case ignored,
    // null fields unset, "json" and schema formats, a thinking model asked to think.
    void accepted_requestsGetAReply_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QByteArray>("contentType");
        const QByteArray ndjson("application/x-ndjson");
        QTest::newRow("tag-default") << QByteArray("/api/chat") << q("{'model':'llama3.2','messages':[]}") << ndjson;
        QTest::newRow("case") << QByteArray("/api/chat") << q("{'model':'LLAMA3.1:8B','messages':[]}") << ndjson;
        QTest::newRow("nulls") << QByteArray("/api/chat") << q("{'model':'llama3.2','format':null,'think':null}")
                               << ndjson;
        QTest::newRow("format-json") << QByteArray("/api/chat") << q("{'model':'llama3.2','format':'json'}") << ndjson;
        QTest::newRow("format-schema") << QByteArray("/api/chat")
                                       << q("{'model':'llama3.2','format':{'type':'object'},'stream':false}")
                                       << QByteArray("application/json");
        QTest::newRow("thinking") << QByteArray("/api/chat") << q("{'model':'thinker:8b','think':'high'}") << ndjson;
        QTest::newRow("think-false") << QByteArray("/api/chat") << q("{'model':'llama3.2','think':false}") << ndjson;
        QTest::newRow("v1") << QByteArray("/v1/chat/completions")
                            << q("{'model':'llama3.2','messages':[{'role':'user','content':'hi'}]}")
                            << QByteArray("application/json");
    }
    void accepted_requestsGetAReply()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, body);
        QFETCH(QByteArray, contentType);
        const Answer answer = post(path, body.toUtf8());
        QCOMPARE(answer.status, 200);
        QVERIFY2(answer.contentType.startsWith(contentType), answer.contentType.constData());
    }

    // /api/generate is advertised, so it answers, with "response" in place of "message" (reference 4).
    void generate_streamsResponseLines()
    {
        m_fake.enqueueChat(Formwork::Test::FakeReply::text({ QStringLiteral("{\"a\""), QStringLiteral(":1}") }));
        const Answer answer = post("/api/generate", q("{'model':'llama3.2','prompt':'hi'}").toUtf8());
        QCOMPARE(answer.status, 200);
        const QList<QByteArray> lines = answer.body.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        std::string text;
        for (const QByteArray &line : lines) {
            const Json json = Json::parse(line.toStdString());
            QVERIFY(!json.contains("message"));
            text += json.at("response").get<std::string>();
        }
        QCOMPARE(QString::fromStdString(text), QStringLiteral("{\"a\":1}"));
        QCOMPARE(Json::parse(lines.last().toStdString()).at("done").get<bool>(), true);
    }

    // addModel() pulls a model: it is listed and then answers.
    void addModel_isListedAndAnswers()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.addModel(QStringLiteral("mine:2b"));
        QUrl url = fake.baseUrl();
        url.setPath(QStringLiteral("/api/tags"));
        QNetworkReply *reply = m_nam.get(QNetworkRequest(url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(Wait));
        const Json tags = Json::parse(reply->readAll().toStdString());
        reply->deleteLater();
        QStringList names;
        for (const Json &model : tags.at("models"))
            names.append(QString::fromStdString(model.at("name").get<std::string>()));
        QCOMPARE(names,
                 QStringList(
                     { QStringLiteral("llama3.2:latest"), QStringLiteral("llama3.1:8b"), QStringLiteral("mine:2b") }));
    }
};

QTEST_GUILESS_MAIN(TestFakeOllama)
#include "tst_fakeollama.moc"
