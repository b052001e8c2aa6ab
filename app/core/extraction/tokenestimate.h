// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

namespace Formwork {

// A rough count of the tokens `text` costs a model, for warnings and meters only (never for
// limits). No tokenizer is at hand for an arbitrary local model, so this uses the rule of thumb
// of BPE vocabularies such as Llama 3's and Qwen's: about four characters of English per token.
// JSON and code split into more, shorter tokens, so punctuation is counted on its own.
qint64 estimateTokens(QStringView text);

} // namespace Formwork
