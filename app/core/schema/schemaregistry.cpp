// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schemaregistry.h"
#include "schema/uri.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace Formwork {

void SchemaRegistry::add(const std::string &uri, nlohmann::ordered_json document)
{
    m_documents[Uri::withoutFragment(uri)] = std::make_shared<const nlohmann::ordered_json>(std::move(document));
}

bool SchemaRegistry::addFile(const std::string &uri, const QString &path, QString *errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = QCoreApplication::translate("schema", "cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    nlohmann::ordered_json document
        = nlohmann::ordered_json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (document.is_discarded()) {
        if (errorMessage)
            *errorMessage = QCoreApplication::translate("schema", "%1 is not valid JSON").arg(path);
        return false;
    }
    add(uri, std::move(document));
    return true;
}

int SchemaRegistry::addDirectory(const std::string &baseUri, const QString &directory, QString *errorMessage)
{
    const QDir root(directory);
    int count = 0;
    QDirIterator it(directory, { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const std::string relative = root.relativeFilePath(path).toStdString();
        if (addFile(baseUri + relative, path, errorMessage))
            ++count;
    }
    return count;
}

namespace {

// python3-jsonschema-specifications' folders (Debian 13) rather than python3-jsonschema's files.
bool holdsSpecificationFolders(const QString &directory)
{
    return !QFileInfo::exists(directory + QStringLiteral("/draft2020-12.json"))
        && QFileInfo::exists(directory + QStringLiteral("/draft202012/metaschema.json"));
}

} // namespace

QString SchemaRegistry::defaultMetaschemaDirectory()
{
    const QString jsonschema = QStringLiteral("/usr/lib/python3/dist-packages/jsonschema/schemas");
    const QString specifications = QStringLiteral("/usr/lib/python3/dist-packages/jsonschema_specifications/schemas");
    return !QFileInfo::exists(jsonschema + QStringLiteral("/draft2020-12.json"))
            && holdsSpecificationFolders(specifications)
        ? specifications
        : jsonschema;
}

int SchemaRegistry::addSpecificationFolders(const QString &directory, QString *errorMessage)
{
    int count = 0;
    if (addFile("http://json-schema.org/draft-07/schema", directory + QStringLiteral("/draft7/metaschema.json"),
                errorMessage))
        ++count;
    if (addFile("https://json-schema.org/draft/2020-12/schema",
                directory + QStringLiteral("/draft202012/metaschema.json"), errorMessage))
        ++count;
    // The vocabulary files have no suffix; each names its URI in $id.
    for (const QString &draft : { QStringLiteral("draft202012"), QStringLiteral("draft201909") }) {
        QDirIterator it(directory + u'/' + draft + QStringLiteral("/vocabularies"), QDir::Files);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = file.readAll();
            auto vocabulary = nlohmann::ordered_json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
            if (!vocabulary.is_object() || !vocabulary.contains("$id") || !vocabulary["$id"].is_string())
                continue;
            const std::string id = vocabulary["$id"].get<std::string>();
            add(id, std::move(vocabulary));
            ++count;
        }
    }
    return count;
}

int SchemaRegistry::addMetaschemas(const QString &directory, QString *errorMessage)
{
    if (holdsSpecificationFolders(directory))
        return addSpecificationFolders(directory, errorMessage);
    int count = 0;
    if (addFile("http://json-schema.org/draft-07/schema", directory + QStringLiteral("/draft7.json"), errorMessage))
        ++count;
    if (addFile("https://json-schema.org/draft/2020-12/schema", directory + QStringLiteral("/draft2020-12.json"),
                errorMessage))
        ++count;
    QFile file(directory + QStringLiteral("/vocabularies.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage
                = QCoreApplication::translate("schema", "cannot read %1: %2").arg(file.fileName(), file.errorString());
        return count;
    }
    const QByteArray bytes = file.readAll();
    const auto vocabularies = nlohmann::ordered_json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (!vocabularies.is_object()) {
        if (errorMessage)
            *errorMessage = QCoreApplication::translate("schema", "%1 is not valid JSON").arg(file.fileName());
        return count;
    }
    for (const auto &[uri, schema] : vocabularies.items()) {
        add(uri, schema);
        ++count;
    }
    return count;
}

std::shared_ptr<const nlohmann::ordered_json> SchemaRegistry::find(const std::string &uri) const
{
    const auto it = m_documents.find(Uri::withoutFragment(uri));
    return it == m_documents.end() ? nullptr : it->second;
}

} // namespace Formwork
