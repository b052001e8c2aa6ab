// SPDX-License-Identifier: GPL-3.0-or-later
#include "prompt/runoptionsform.h"

#include "run/chunkingform.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Formwork {
namespace Ui {

namespace {
constexpr double TemperatureUnset = -0.05; // one step below 0: "default"
constexpr int SeedUnset = -1;
constexpr int MaxAttempts = 50;

QLabel *hintLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setVisible(false);
    return label;
}

const ExtractionMode AllModes[]
    = { ExtractionMode::Schema, ExtractionMode::Json, ExtractionMode::MdJson, ExtractionMode::Tools };
} // namespace

RunOptionsForm::RunOptionsForm(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_modeExplanation(new QLabel(this))
    , m_modeHint(hintLabel(this, QStringLiteral("modeHint")))
    , m_attempts(new QSpinBox(this))
    , m_temperature(new QDoubleSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_numCtx(new QSpinBox(this))
    , m_numCtxHint(hintLabel(this, QStringLiteral("numCtxHint")))
    , m_numPredict(new QSpinBox(this))
    , m_think(new QComboBox(this))
    , m_thinkHint(hintLabel(this, QStringLiteral("thinkHint")))
    , m_deadline(new QDoubleSpinBox(this))
    , m_tokenBudget(new QSpinBox(this))
    , m_chunking(new ChunkingForm(this))
{
    setObjectName(QStringLiteral("optionsForm"));

    m_mode->setObjectName(QStringLiteral("modeCombo"));
    for (ExtractionMode mode : AllModes)
        m_mode->addItem(extractionModeName(mode), int(mode));
    m_mode->setToolTip(tr("How the schema reaches the model.\n"
                          "schema: format:<schema> on /api/chat, response_format json_schema on /v1 (grammar-"
                          "constrained).\n"
                          "json: format:\"json\" / response_format json_object, the schema in the system prompt.\n"
                          "md-json: no constraint; the schema in the system prompt, the answer in a ```json fence.\n"
                          "tools: one tool whose parameters are the schema (tools, and tool_choice on /v1)."));
    m_modeExplanation->setObjectName(QStringLiteral("modeExplanation"));
    m_modeExplanation->setWordWrap(true);
    m_modeExplanation->setForegroundRole(QPalette::PlaceholderText);

    m_attempts->setObjectName(QStringLiteral("attemptsSpin"));
    m_attempts->setRange(1, MaxAttempts);
    m_attempts->setToolTip(tr("The most requests the run sends for this prompt, the first one included. After a "
                              "reply that fails to parse or validate, the next attempt echoes it and quotes the "
                              "errors (reask). Resends after connection failures are not counted. Not sent to the "
                              "server."));

    m_temperature->setObjectName(QStringLiteral("temperatureSpin"));
    m_temperature->setRange(TemperatureUnset, 2.0);
    m_temperature->setSingleStep(0.05);
    m_temperature->setDecimals(2);
    m_temperature->setSpecialValueText(tr("default"));
    m_temperature->setToolTip(tr("options.temperature on /api/chat; temperature on /v1. Lower is more deterministic "
                                 "(0 always takes the likeliest token). default: not sent, so the server decides "
                                 "(Ollama: the model's value, usually 0.8; Ollama's /v1 uses 1.0 when it is "
                                 "absent)."));

    m_seed->setObjectName(QStringLiteral("seedSpin"));
    m_seed->setRange(SeedUnset, std::numeric_limits<int>::max());
    m_seed->setSpecialValueText(tr("default"));
    m_seed->setToolTip(tr("options.seed on /api/chat; seed on /v1. The same seed, prompt and options give the same "
                          "reply. default: not sent (a random seed each time)."));

    m_numCtx->setObjectName(QStringLiteral("numCtxSpin"));
    m_numCtx->setRange(0, 4 * 1024 * 1024);
    m_numCtx->setSingleStep(1024);
    m_numCtx->setSpecialValueText(tr("default"));
    m_numCtx->setSuffix(tr(" tokens"));
    m_numCtx->setToolTip(tr("options.num_ctx on /api/chat: the context window in tokens (prompt and reply). /v1 "
                            "cannot set it and Formwork does not send it there. default: not sent (Ollama picks "
                            "4096 to 262144 by free VRAM, or the Modelfile's value)."));

    m_numPredict->setObjectName(QStringLiteral("numPredictSpin"));
    m_numPredict->setRange(0, 1024 * 1024);
    m_numPredict->setSingleStep(256);
    m_numPredict->setSpecialValueText(tr("auto"));
    m_numPredict->setSuffix(tr(" tokens"));
    m_numPredict->setToolTip(tr("options.num_predict on /api/chat; max_tokens on /v1: the most tokens the reply may "
                                "have. auto: a few times the schema's size (more for thinking models), so a "
                                "runaway reply stops. A reply cut off at this limit raises it for the next "
                                "attempt."));

    m_think->setObjectName(QStringLiteral("thinkCombo"));
    m_think->addItem(tr("model default"), int(ThinkMode::Default));
    m_think->addItem(tr("off"), int(ThinkMode::Off));
    m_think->addItem(tr("on"), int(ThinkMode::On));
    m_think->addItem(tr("low"), int(ThinkMode::Low));
    m_think->addItem(tr("medium"), int(ThinkMode::Medium));
    m_think->addItem(tr("high"), int(ThinkMode::High));
    m_think->addItem(tr("max"), int(ThinkMode::Max));
    m_think->setToolTip(tr("Only for thinking models (capability `thinking`). think on /api/chat: false, true or "
                           "\"low\"/\"medium\"/\"high\"/\"max\", sent only when the model lists `thinking`. "
                           "reasoning_effort on /v1: off becomes \"none\", on is not sent. model default: not "
                           "sent (thinking models then think). The thinking text is kept apart and never "
                           "validated."));

    m_deadline->setObjectName(QStringLiteral("deadlineSpin"));
    m_deadline->setRange(0, 24 * 3600);
    m_deadline->setDecimals(1);
    m_deadline->setSingleStep(5);
    m_deadline->setSpecialValueText(tr("none"));
    m_deadline->setSuffix(tr(" s"));
    m_deadline->setToolTip(tr("Wall-clock limit of the whole run (all attempts, resends and pauses). When it "
                              "passes, the request in flight is aborted and the run fails. Not sent to the "
                              "server."));

    m_tokenBudget->setObjectName(QStringLiteral("tokenBudgetSpin"));
    m_tokenBudget->setRange(0, std::numeric_limits<int>::max());
    m_tokenBudget->setSingleStep(1000);
    m_tokenBudget->setSpecialValueText(tr("none"));
    m_tokenBudget->setSuffix(tr(" tokens"));
    m_tokenBudget->setToolTip(tr("Prompt plus reply tokens over all attempts, as the server counts them "
                                 "(prompt_eval_count + eval_count). No further attempt starts once it is spent. "
                                 "Not sent to the server."));

    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Mode:"), m_mode);
    form->addRow(m_modeExplanation);
    form->addRow(m_modeHint);
    form->addRow(tr("&Attempts:"), m_attempts);
    auto *attemptsNote = new QLabel(tr("attempts, the first included"), this);
    attemptsNote->setObjectName(QStringLiteral("attemptsNote"));
    attemptsNote->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), attemptsNote);
    form->addRow(tr("&Temperature:"), m_temperature);
    form->addRow(tr("S&eed:"), m_seed);
    form->addRow(tr("num_&ctx:"), m_numCtx);
    form->addRow(m_numCtxHint);
    form->addRow(tr("num_&predict:"), m_numPredict);
    form->addRow(tr("T&hink:"), m_think);
    form->addRow(m_thinkHint);
    form->addRow(tr("&Deadline:"), m_deadline);
    form->addRow(tr("Token &budget:"), m_tokenBudget);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_chunking);
    layout->addStretch(1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateModeExplanation();
        updateHints();
        Q_EMIT modeChanged(mode());
        onEdited();
    });
    connect(m_attempts, &QSpinBox::valueChanged, this, &RunOptionsForm::onEdited);
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this, &RunOptionsForm::onEdited);
    connect(m_seed, &QSpinBox::valueChanged, this, &RunOptionsForm::onEdited);
    connect(m_numCtx, &QSpinBox::valueChanged, this, [this] {
        updateHints();
        onEdited();
    });
    connect(m_numPredict, &QSpinBox::valueChanged, this, &RunOptionsForm::onEdited);
    connect(m_think, &QComboBox::currentIndexChanged, this, [this] {
        updateHints();
        onEdited();
    });
    connect(m_deadline, &QDoubleSpinBox::valueChanged, this, &RunOptionsForm::onEdited);
    connect(m_tokenBudget, &QSpinBox::valueChanged, this, &RunOptionsForm::onEdited);
    connect(m_chunking, &ChunkingForm::changed, this, &RunOptionsForm::onEdited);

    load(PromptSettings());
}

RunOptionsForm::~RunOptionsForm() = default;

void RunOptionsForm::onEdited()
{
    if (!m_loading)
        Q_EMIT changed();
}

QString RunOptionsForm::modeExplanation(ExtractionMode mode)
{
    switch (mode) {
    case ExtractionMode::Schema:
        return tr("The server's grammar holds the reply to the schema; the schema is in the system prompt too.");
    case ExtractionMode::Json:
        return tr("The server only makes the reply JSON; the schema is in the system prompt.");
    case ExtractionMode::MdJson:
        return tr("No constraint: the schema is in the system prompt, the answer comes in a ```json fence.");
    case ExtractionMode::Tools:
        return tr("The model calls one tool whose parameters are the schema (needs a model with `tools`).");
    }
    return {};
}

void RunOptionsForm::updateModeExplanation()
{
    m_modeExplanation->setText(modeExplanation(mode()));
}

ExtractionMode RunOptionsForm::mode() const
{
    return ExtractionMode(m_mode->currentData().toInt());
}

void RunOptionsForm::setMode(ExtractionMode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
}

int RunOptionsForm::maxAttempts() const
{
    return m_attempts->value();
}

void RunOptionsForm::setMaxAttempts(int attempts)
{
    m_attempts->setValue(attempts);
}

void RunOptionsForm::load(const PromptSettings &settings)
{
    m_loading = true;
    // The mode signal is wanted (the toolbar follows it); changed() is not: nothing was edited.
    setMode(settings.mode);
    m_attempts->setValue(settings.maxAttempts);
    const ChatOptions &o = settings.options;
    m_temperature->setValue(o.temperature ? *o.temperature : TemperatureUnset);
    m_seed->setValue(o.seed ? int(std::clamp<qint64>(*o.seed, 0, std::numeric_limits<int>::max())) : SeedUnset);
    m_numCtx->setValue(o.numCtx.value_or(0));
    m_numPredict->setValue(o.numPredict.value_or(0));
    m_think->setCurrentIndex(std::max(0, m_think->findData(int(settings.think))));
    m_deadline->setValue(double(settings.deadlineMs) / 1000.0);
    m_tokenBudget->setValue(int(std::clamp<qint64>(settings.tokenBudget, 0, std::numeric_limits<int>::max())));
    m_otherOptions = o;
    m_chunking->load(settings.chunking);
    updateModeExplanation();
    updateHints();
    m_loading = false;
}

void RunOptionsForm::store(PromptSettings &settings) const
{
    settings.mode = mode();
    settings.maxAttempts = m_attempts->value();
    ChatOptions o = m_otherOptions;
    o.temperature
        = m_temperature->value() > TemperatureUnset / 2 ? std::optional<double>(m_temperature->value()) : std::nullopt;
    o.seed = m_seed->value() == SeedUnset ? std::nullopt : std::optional<qint64>(m_seed->value());
    o.numCtx = m_numCtx->value() == 0 ? std::nullopt : std::optional<int>(m_numCtx->value());
    o.numPredict = m_numPredict->value() == 0 ? std::nullopt : std::optional<int>(m_numPredict->value());
    settings.options = o;
    settings.think = ThinkMode(m_think->currentData().toInt());
    settings.deadlineMs = qint64(std::llround(m_deadline->value() * 1000.0));
    settings.tokenBudget = m_tokenBudget->value();
    settings.chunking = m_chunking->settings();
}

void RunOptionsForm::setContext(BackendApi api, const ModelInfo &info)
{
    m_api = api;
    m_model = info;
    updateHints();
}

void RunOptionsForm::updateHints()
{
    // What the chosen model makes of the chosen mode (capabilities from /api/show).
    QString modeHint;
    if (m_model.capabilitiesKnown && mode() == ExtractionMode::Tools && !m_model.hasCapability(u"tools"))
        modeHint = tr("%1 does not support tools: a run in this mode is refused. Choose another mode or model.")
                       .arg(m_model.name);
    else if (mode() == ExtractionMode::Schema && m_model.schemaNotEnforced())
        modeHint = tr("%1 ignores the schema format (MLX, safetensors or cloud model): the reply is still "
                      "validated, but json or md-json may do as well.")
                       .arg(m_model.name);
    m_modeHint->setText(modeHint);
    m_modeHint->setVisible(!modeHint.isEmpty());

    const bool openAi = m_api == BackendApi::OpenAi;
    m_numCtxHint->setText(tr("Not sent: /v1 cannot set the context size (set it in a Modelfile or on the server)."));
    m_numCtxHint->setVisible(openAi && m_numCtx->value() != 0);
    const bool noThinking = m_model.capabilitiesKnown && !m_model.hasCapability(u"thinking");
    m_thinkHint->setText(tr("%1 is not a thinking model: think is not sent.").arg(m_model.name));
    m_thinkHint->setVisible(noThinking && ThinkMode(m_think->currentData().toInt()) != ThinkMode::Default);
}

} // namespace Ui
} // namespace Formwork
