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
    // The padding is an annotation (each line a string of "examples"), not fields: the lint of a
    // long text stays quick enough for a Debug build under the sanitizers.
    QString text = QStringLiteral("{\n  \"type\": \"object\",\n  \"required\": [\"name\", \"age\"],\n"
                                  "  \"properties\": {\n    \"name\": { \"type\": \"string\" },\n"
                                  "    \"age\": { \"type\": \"integer\", \"minimum\": 0 }\n  },\n"
                                  "  \"examples\": [\n    \"padding line 0\"");
    const QString filler(80, u'.');
    for (int line = 1; text.size() < minChars; ++line)
        text += QStringLiteral(",\n    \"padding line %1 %2\"").arg(line).arg(filler);
    return text + QStringLiteral("\n  ]\n}\n");
}

} // namespace Formwork::Test
