// SPDX-License-Identifier: GPL-3.0-or-later
#include "extractiontestsupport.h"

#include "testdata.h"

#include <QMetaType>
#include <QStandardPaths>

namespace Formwork::Test {

QString q(const char *text)
{
    return QString::fromUtf8(text).replace(u'\'', u'"');
}

nlohmann::ordered_json parseQ(const char *text)
{
    return nlohmann::ordered_json::parse(q(text).toStdString());
}

Schema personSchema()
{
    const QByteArray bytes = readTestData(QStringLiteral("extraction/person.schema.json"));
    return Schema::compile(nlohmann::ordered_json::parse(bytes.toStdString())).value();
}

ExtractionConfig personRunConfig(ExtractionMode mode)
{
    ExtractionConfig c;
    c.model = QStringLiteral("llama3.1:8b");
    c.schema = personSchema();
    c.mode = mode;
    ChatMessage user;
    user.role = QStringLiteral("user");
    user.content = QStringLiteral("Ada Lovelace is 36 years old.");
    c.messages = { user };
    c.limits.backoffBaseMs = 5;
    c.limits.backoffMaxMs = 20;
    c.random = [] { return 0.5; };
    return c;
}

void registerRunMetaTypes()
{
    qRegisterMetaType<RunResult>();
    qRegisterMetaType<AttemptRecord>();
    qRegisterMetaType<StreamProgress>();
    qRegisterMetaType<TransportRetry>();
    qRegisterMetaType<RunStartInfo>();
}

void initRunTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    registerRunMetaTypes();
}

QString threePeopleDocument()
{
    return QString::fromUtf8(readTestData(QStringLiteral("extraction/three-people.txt")));
}

ExtractionConfig peopleRunConfig()
{
    ExtractionConfig c = personRunConfig();
    const QByteArray schema = readTestData(QStringLiteral("extraction/people.schema.json"));
    c.schema = Schema::compile(nlohmann::ordered_json::parse(schema.toStdString())).value();
    c.messages.last().content = QStringLiteral("People in this text:\n\n") + threePeopleDocument();
    return c;
}

} // namespace Formwork::Test
