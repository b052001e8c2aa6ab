// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/checkdefinition.h"
#include "common/result.h"
#include "extraction/promptsettings.h"
#include "llm/llmtypes.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace Formwork {

// Which server a workspace talks to. Never holds the API key (that lives in the keyring).
struct ServerSettings {
    QUrl host; // empty: the OLLAMA_HOST rules decide
    BackendApi api = BackendApi::Ollama;
    QString model;
};

// A `*.formwork.json` file (design.md section 2, "Store"): everything needed to run an extraction
// again, in a form a person can read, diff and keep in git.
struct Workspace {
    QString schemaText; // the schema editor's text, verbatim
    PromptSettings prompt;
    ServerSettings server;
    CheckList checks; // checks beyond the schema (issue 14), stored beside it
};

// Where a workspace file stops making sense: the file, and line and column when it is not JSON.
struct WorkspaceError {
    QString path;
    int line = 0; // 1-based; 0 when the error is not about a place in the text
    int column = 0;
    QString message;
    // "path:line:column: message" (or "path: message").
    QString text() const;
};

// The file's JSON text (UTF-8, indented, keys in a fixed order). Image paths are written as given.
QByteArray serializeWorkspace(const Workspace &workspace);
// The same, for a file at `filePath`: images near it are written relative to its folder.
QByteArray serializeWorkspace(const Workspace &workspace, const QString &filePath);
// Reads the JSON text of a workspace file; `path` names the file in errors, and relative image
// paths are resolved against its folder (left relative when `path` is empty).
Result<Workspace, WorkspaceError> parseWorkspace(const QByteArray &bytes, const QString &path);

// Atomic (QSaveFile): the old file stays intact when writing fails (a full disk, say).
// Returns the error, or nothing on success.
std::optional<WorkspaceError> saveWorkspace(const Workspace &workspace, const QString &path);
Result<Workspace, WorkspaceError> loadWorkspace(const QString &path);

// "default", "off", "on", "low", ...: the think mode as workspace files and the history write it.
QString thinkModeName(ThinkMode mode);

} // namespace Formwork
