// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schemaregistry.h"
#include "schema/uri.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>

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

std::shared_ptr<const nlohmann::ordered_json> SchemaRegistry::find(const std::string &uri) const
{
    const auto it = m_documents.find(Uri::withoutFragment(uri));
    return it == m_documents.end() ? nullptr : it->second;
}

} // namespace Formwork
