// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/chunkingform.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

#include <algorithm>
#include <initializer_list>

namespace Formwork {
namespace Ui {

namespace {
constexpr int MaxChunkChars = 10 * 1000 * 1000;
constexpr int MaxPasses = 10;
constexpr int MaxConcurrency = 16;
} // namespace

ChunkingForm::ChunkingForm(QWidget *parent)
    : QGroupBox(tr("Long documents"), parent)
    , m_mode(new QComboBox(this))
    , m_chars(new QSpinBox(this))
    , m_overlap(new QSpinBox(this))
    , m_passes(new QSpinBox(this))
    , m_concurrency(new QSpinBox(this))
    , m_mergeKey(new QLineEdit(this))
{
    setObjectName(QStringLiteral("chunkingForm"));
    m_mode->setObjectName(QStringLiteral("chunkingCombo"));
    m_mode->addItem(tr("off"), int(ChunkingMode::Off));
    m_mode->addItem(tr("auto (when the prompt does not fit the context)"), int(ChunkingMode::Auto));
    m_mode->addItem(tr("always"), int(ChunkingMode::Always));
    m_mode->setToolTip(tr("Split a long document into chunks, extract each chunk (validated and reasked as usual) "
                          "and merge the results.\noff: the whole prompt in one run.\nauto: only when the prompt "
                          "and schema come to more tokens than the model's context (num_ctx, the loaded runner's, "
                          "else the trained length); the chunks are made small enough to fit.\nalways: whenever "
                          "the document is longer than the chunk size.\nThe document is the longest {{variable}} "
                          "value that makes up most of the user prompt, else the whole user prompt."));

    m_chars->setObjectName(QStringLiteral("chunkCharsSpin"));
    m_chars->setRange(16, MaxChunkChars);
    m_chars->setSingleStep(1000);
    m_chars->setSuffix(tr(" characters"));
    m_chars->setToolTip(tr("The most characters of the document in one chunk. Chunks end at paragraph and sentence "
                           "ends. About four characters of English are one token."));

    m_overlap->setObjectName(QStringLiteral("chunkOverlapSpin"));
    m_overlap->setRange(0, MaxChunkChars);
    m_overlap->setSingleStep(100);
    m_overlap->setSuffix(tr(" characters"));
    m_overlap->setToolTip(tr("The text two neighbouring chunks share, so a fact on a chunk's edge is seen whole. "
                             "Items found twice in the overlap are merged into one."));

    m_passes->setObjectName(QStringLiteral("chunkPassesSpin"));
    m_passes->setRange(1, MaxPasses);
    m_passes->setToolTip(tr("Recall passes: each chunk is extracted this many times, one pass after another. The "
                            "passes after the first add only items not found before; they never change a value "
                            "an earlier pass gave."));

    m_concurrency->setObjectName(QStringLiteral("chunkConcurrencySpin"));
    m_concurrency->setRange(1, MaxConcurrency);
    m_concurrency->setToolTip(tr("How many chunks are extracted at the same time. The server must serve that many "
                                 "requests at once to gain from it (Ollama: OLLAMA_NUM_PARALLEL; llama-server: "
                                 "--parallel); otherwise they wait in its queue. Cancel stops them all."));

    m_mergeKey->setObjectName(QStringLiteral("mergeKeyEdit"));
    m_mergeKey->setPlaceholderText(tr("equal items are one item"));
    m_mergeKey->setToolTip(tr("When merging the chunks, array items with the same value of this member (e.g. id or "
                              "name) are one item, merged member by member. Empty: only equal items are one item."));

    auto *form = new QFormLayout(this);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Split into &chunks:"), m_mode);
    form->addRow(tr("Chunk si&ze:"), m_chars);
    form->addRow(tr("O&verlap:"), m_overlap);
    form->addRow(tr("Recall &passes:"), m_passes);
    form->addRow(tr("At the same &time:"), m_concurrency);
    form->addRow(tr("Merge &key:"), m_mergeKey);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        onEdited();
    });
    connect(m_chars, &QSpinBox::valueChanged, this, &ChunkingForm::onEdited);
    connect(m_overlap, &QSpinBox::valueChanged, this, &ChunkingForm::onEdited);
    connect(m_passes, &QSpinBox::valueChanged, this, &ChunkingForm::onEdited);
    connect(m_concurrency, &QSpinBox::valueChanged, this, &ChunkingForm::onEdited);
    connect(m_mergeKey, &QLineEdit::textEdited, this, &ChunkingForm::onEdited);
    load(ChunkSettings());
}

ChunkingForm::~ChunkingForm() = default;

void ChunkingForm::load(const ChunkSettings &settings)
{
    m_loading = true;
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(settings.mode))));
    m_chars->setValue(settings.maxChars);
    m_overlap->setValue(settings.overlapChars);
    m_passes->setValue(settings.passes);
    m_concurrency->setValue(settings.concurrency);
    m_mergeKey->setText(settings.mergeKey);
    updateEnabled();
    m_loading = false;
}

ChunkSettings ChunkingForm::settings() const
{
    ChunkSettings settings;
    settings.mode = ChunkingMode(m_mode->currentData().toInt());
    settings.maxChars = m_chars->value();
    settings.overlapChars = m_overlap->value();
    settings.passes = m_passes->value();
    settings.concurrency = m_concurrency->value();
    settings.mergeKey = m_mergeKey->text().trimmed();
    return settings;
}

void ChunkingForm::setMode(ChunkingMode mode)
{
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(mode))));
}

void ChunkingForm::onEdited()
{
    if (!m_loading)
        Q_EMIT changed();
}

void ChunkingForm::updateEnabled()
{
    const bool on = ChunkingMode(m_mode->currentData().toInt()) != ChunkingMode::Off;
    for (QWidget *field : std::initializer_list<QWidget *> { m_chars, m_overlap, m_passes, m_concurrency, m_mergeKey })
        field->setEnabled(on);
}

} // namespace Ui
} // namespace Formwork
