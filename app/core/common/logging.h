// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// One category per core module; log text stays untranslated.
Q_DECLARE_LOGGING_CATEGORY(lcJson)
Q_DECLARE_LOGGING_CATEGORY(lcSchema)
Q_DECLARE_LOGGING_CATEGORY(lcLlm)
Q_DECLARE_LOGGING_CATEGORY(lcExtraction)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
