// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/hostresolver.h"

#include <QStandardPaths>
#include <QTest>

using namespace Formwork;

// Every row of the OLLAMA_HOST table, reference/ollama-api.md section 7.
class TestHostResolver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void ollamaHost_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unset") << QString() << QStringLiteral("http://127.0.0.1:11434");
        QTest::newRow("empty-spaces") << QStringLiteral("   ") << QStringLiteral("http://127.0.0.1:11434");
        QTest::newRow("ip") << QStringLiteral("1.2.3.4") << QStringLiteral("http://1.2.3.4:11434");
        QTest::newRow("ip-port") << QStringLiteral("1.2.3.4:1234") << QStringLiteral("http://1.2.3.4:1234");
        QTest::newRow("name-port") << QStringLiteral("example.com:1234") << QStringLiteral("http://example.com:1234");
        QTest::newRow("name") << QStringLiteral("example.com") << QStringLiteral("http://example.com:11434");
        QTest::newRow("port-only") << QStringLiteral(":1234") << QStringLiteral("http://127.0.0.1:1234");
        QTest::newRow("ipv6-bracket") << QStringLiteral("[::1]") << QStringLiteral("http://[::1]:11434");
        QTest::newRow("ipv6-bare") << QStringLiteral("::1") << QStringLiteral("http://[::1]:11434");
        QTest::newRow("ipv6-port") << QStringLiteral("[::1]:1234") << QStringLiteral("http://[::1]:1234");
        QTest::newRow("bind-all-v4") << QStringLiteral("0.0.0.0") << QStringLiteral("http://127.0.0.1:11434");
        QTest::newRow("bind-all-v4-port") << QStringLiteral("0.0.0.0:8080") << QStringLiteral("http://127.0.0.1:8080");
        QTest::newRow("bind-all-v6") << QStringLiteral("[::]") << QStringLiteral("http://[::1]:11434");
        QTest::newRow("http-no-port") << QStringLiteral("http://1.2.3.4") << QStringLiteral("http://1.2.3.4:80");
        QTest::newRow("https-no-port") << QStringLiteral("https://1.2.3.4") << QStringLiteral("https://1.2.3.4:443");
        QTest::newRow("https-path") << QStringLiteral("https://example.com/ollama")
                                    << QStringLiteral("https://example.com:443/ollama");
        QTest::newRow("http-port-path") << QStringLiteral("http://example.com:8080/a/b/")
                                        << QStringLiteral("http://example.com:8080/a/b");
        QTest::newRow("ollama.com") << QStringLiteral("ollama.com") << QStringLiteral("https://ollama.com:443");
        QTest::newRow("bad-port-high") << QStringLiteral(":66000") << QStringLiteral("http://127.0.0.1:11434");
        QTest::newRow("bad-port-negative") << QStringLiteral("1.2.3.4:-1") << QStringLiteral("http://1.2.3.4:11434");
        QTest::newRow("quoted") << QStringLiteral(" \"1.2.3.4:1234\" ") << QStringLiteral("http://1.2.3.4:1234");
        QTest::newRow("single-quoted") << QStringLiteral("'example.com'") << QStringLiteral("http://example.com:11434");
    }

    void ollamaHost()
    {
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QCOMPARE(connectableOllamaUrl(value).toString(), expected);
    }

    void settingsValue_winsOverEnvironment()
    {
        QCOMPARE(resolveBaseUrl(QStringLiteral("http://10.0.0.2:9000"), QStringLiteral("1.2.3.4")).toString(),
                 QStringLiteral("http://10.0.0.2:9000"));
    }

    void emptySettings_usesEnvironment()
    {
        QCOMPARE(resolveBaseUrl(QString(), QStringLiteral("1.2.3.4")).toString(),
                 QStringLiteral("http://1.2.3.4:11434"));
    }

    void nothingSet_usesDefault()
    {
        QCOMPARE(resolveBaseUrl(QString(), QString()).toString(), QStringLiteral("http://127.0.0.1:11434"));
    }

    void processEnvironment_isRead()
    {
        qputenv("OLLAMA_HOST", "example.org:4321");
        QCOMPARE(resolveBaseUrl(QString()).toString(), QStringLiteral("http://example.org:4321"));
        qunsetenv("OLLAMA_HOST");
        QCOMPARE(resolveBaseUrl(QString()).toString(), QStringLiteral("http://127.0.0.1:11434"));
    }
};

QTEST_GUILESS_MAIN(TestHostResolver)
#include "tst_hostresolver.moc"
