// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/promptsettings.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Formwork {
namespace Ui {

// The request the first attempt of a run will send, built the way the run builds it:
// buildExtractionConfig -> buildBaseRequest -> the backend's buildChatBody.
struct RequestPreview {
    QString json; // pretty-printed, key order kept; empty when it cannot be built
    QString displayJson; // `json` with image data shortened, for showing
    QString problem; // why there is no request (no schema, no model, an empty prompt...)
    QStringList warnings; // what buildBaseRequest warns about
    QString endpoint; // "POST /api/chat" or "POST /v1/chat/completions"

    bool isValid() const { return problem.isEmpty(); }
};

RequestPreview buildRequestPreview(const PromptSettings &settings, const std::optional<Schema> &schema,
                                   const QString &model, const ModelInfo &info, BackendApi api);

} // namespace Ui
} // namespace Formwork
