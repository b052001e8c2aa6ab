// SPDX-License-Identifier: GPL-3.0-or-later
#include "testdata.h"

#include <QFile>
#include <QTest>

namespace Formwork::Test {

QString testDataPath(const QString &relativePath)
{
    return QStringLiteral(FORMWORK_TEST_DATA_DIR "/") + relativePath;
}

QByteArray readTestData(const QString &relativePath)
{
    QFile file(testDataPath(relativePath));
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::qFail(
            qPrintable(QStringLiteral("cannot read test data %1: %2").arg(file.fileName(), file.errorString())),
            __FILE__, __LINE__);
        return {};
    }
    return file.readAll();
}

QString longPersonSchema(qsizetype minChars)
{
    QString text = QStringLiteral("{\n  \"type\": \"object\",\n  \"required\": [\"name\", \"age\"],\n"
                                  "  \"properties\": {\n    \"name\": { \"type\": \"string\" },\n"
                                  "    \"age\": { \"type\": \"integer\", \"minimum\": 0 }");
    for (int padding = 0; text.size() < minChars; ++padding)
        text += QStringLiteral(",\n    \"note_%1\": { \"type\": \"string\" }").arg(padding);
    return text + QStringLiteral("\n  }\n}\n");
}

} // namespace Formwork::Test
