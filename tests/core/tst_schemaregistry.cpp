// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schemaregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Formwork;

class TestSchemaRegistry final : public QObject
{
    Q_OBJECT

private:
    static void write(const QString &path, const QByteArray &content)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

private Q_SLOTS:
    void addDirectory_registersRelativePathsUnderBase()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        write(dir.filePath(QStringLiteral("integer.json")), "{\"type\": \"integer\"}");
        write(dir.filePath(QStringLiteral("nested/string.json")), "{\"type\": \"string\"}");
        write(dir.filePath(QStringLiteral("notes.txt")), "not json");
        SchemaRegistry registry;
        QCOMPARE(registry.addDirectory("http://localhost:1234/", dir.path()), 2);
        const auto nested = registry.find("http://localhost:1234/nested/string.json");
        QVERIFY(nested);
        QCOMPARE((*nested)["type"].get<std::string>(), std::string("string"));
        // A fragment does not matter for the lookup.
        QVERIFY(registry.find("http://localhost:1234/integer.json#/type"));
        QVERIFY(!registry.find("http://localhost:1234/missing.json"));
    }

    void addFile_invalidJsonReportsTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        write(path, "{\"type\": ");
        SchemaRegistry registry;
        QString error;
        QVERIFY(!registry.addFile("http://x/broken.json", path, &error));
        QVERIFY(error.contains(path));
        QVERIFY(registry.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSchemaRegistry)
#include "tst_schemaregistry.moc"
