// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

namespace Formwork {

// Schema documents known by URI, for `$ref`s that leave the schema being compiled (the official
// metaschemas, the test suite's remotes, a workspace's shared definitions). Never fetches.
class SchemaRegistry
{
public:
    // Registers `document` under its retrieval `uri` (no fragment).
    void add(const std::string &uri, nlohmann::ordered_json document);
    // Reads a JSON file and registers it under `uri`; false (with `errorMessage`) on failure.
    bool addFile(const std::string &uri, const QString &path, QString *errorMessage = nullptr);
    // Registers every *.json file below `directory` under `baseUri` + its relative path.
    int addDirectory(const std::string &baseUri, const QString &directory, QString *errorMessage = nullptr);

    // Registers the official draft-07 and 2020-12 metaschemas (and the vocabularies) from either of
    // the layouts Debian ships them in: python3-jsonschema's data files up to Debian 12 (draft7.json,
    // draft2020-12.json and vocabularies.json, a map URI -> schema), or, from Debian 13,
    // python3-jsonschema-specifications' folders (draft7/metaschema.json,
    // draft202012/metaschema.json, draft202012/vocabularies/* each under its $id). Returns how
    // many documents were added.
    int addMetaschemas(const QString &directory = defaultMetaschemaDirectory(), QString *errorMessage = nullptr);
    // The first of the two Debian folders that holds metaschemas (the older one when neither does).
    static QString defaultMetaschemaDirectory();

    std::shared_ptr<const nlohmann::ordered_json> find(const std::string &uri) const;
    bool isEmpty() const { return m_documents.empty(); }

private:
    int addSpecificationFolders(const QString &directory, QString *errorMessage);

    std::map<std::string, std::shared_ptr<const nlohmann::ordered_json>> m_documents;
};

} // namespace Formwork
