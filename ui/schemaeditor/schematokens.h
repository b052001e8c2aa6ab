// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"

#include <QString>

namespace Formwork {
namespace Ui {

// What the schema adds to the prompt of a run in one mode: the base request of an empty
// conversation (buildBaseRequest) measured with estimateTokens. Plain data, thread-safe to compute.
struct SchemaTokenEstimate {
    bool valid = false;
    qint64 tokens = 0; // messageTokens + toolTokens
    qint64 messageTokens = 0; // the system message with the schema (md-json: and the fence request)
    qint64 toolTokens = 0; // tools mode: the tool definition as the server renders it into the prompt
    QString error; // why there is no estimate (buildBaseRequest's refusal)
};

SchemaTokenEstimate estimateSchemaTokens(const Schema &schema, ExtractionMode mode, BackendApi api);

} // namespace Ui
} // namespace Formwork
