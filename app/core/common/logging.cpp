// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/logging.h"

Q_LOGGING_CATEGORY(lcJson, "formwork.core.json", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSchema, "formwork.core.schema", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLlm, "formwork.core.llm", QtWarningMsg)
Q_LOGGING_CATEGORY(lcExtraction, "formwork.core.extraction", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "formwork.core.store", QtWarningMsg)
