// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/promptsettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace Formwork {

namespace {

// Images larger than this are refused: base64 makes them a third bigger again, and no vision
// model takes more than a few megapixels anyway.
constexpr qint64 MaxImageBytes = 64 * 1024 * 1024;

const QRegularExpression &placeholderPattern()
{
    // Anything between {{ and }} without braces or line breaks; the name is taken verbatim, as
    // fillTemplate() replaces it.
    static const QRegularExpression pattern(QStringLiteral("\\{\\{([^{}\\n]+)\\}\\}"));
    return pattern;
}

// One pass over the text, so a value that itself contains `{{x}}` (a document quoting a template)
// is inserted verbatim and never filled again. Placeholders without a variable stay as they are.
QString fillVariables(const QString &text, const QList<PromptVariable> &variables)
{
    QString out;
    out.reserve(text.size());
    qsizetype from = 0;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString name = match.captured(1);
        const auto variable = std::find_if(variables.cbegin(), variables.cend(),
                                           [&name](const PromptVariable &v) { return v.name == name; });
        if (variable == variables.cend())
            continue;
        out.append(QStringView(text).mid(from, match.capturedStart() - from));
        out.append(variable->value);
        from = match.capturedEnd();
    }
    out.append(QStringView(text).mid(from));
    return out;
}

Result<QByteArray, QString> readImage(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    const QFileInfo info(path);
    if (path.isEmpty())
        return QCoreApplication::translate("Formwork::PromptSettings", "An image has an empty path.");
    if (!info.exists())
        return QCoreApplication::translate("Formwork::PromptSettings", "The image %1 does not exist.").arg(shown);
    if (!info.isFile())
        return QCoreApplication::translate("Formwork::PromptSettings", "The image %1 is not a file.").arg(shown);
    if (info.size() > MaxImageBytes)
        return QCoreApplication::translate("Formwork::PromptSettings", "The image %1 is larger than %2 MB.")
            .arg(shown)
            .arg(MaxImageBytes / (1024 * 1024));
    if (!file.open(QIODevice::ReadOnly))
        return QCoreApplication::translate("Formwork::PromptSettings", "The image %1 cannot be read: %2")
            .arg(shown, file.errorString());
    QByteArray bytes = file.readAll();
    if (bytes.isEmpty())
        return QCoreApplication::translate("Formwork::PromptSettings", "The image %1 is empty.").arg(shown);
    return bytes;
}

} // namespace

QStringList templateVariableNames(const QString &text)
{
    QStringList names;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

void applyRunControls(const PromptSettings &settings, ExtractionConfig &config)
{
    config.mode = settings.mode;
    config.limits.maxAttempts = settings.maxAttempts;
    config.limits.deadlineMs = settings.deadlineMs;
    config.limits.tokenBudget = settings.tokenBudget;
    config.options = settings.options;
    config.think = settings.think;
}

Result<ExtractionConfig, QString> buildExtractionConfig(const PromptSettings &settings, const QString &model,
                                                        const Schema &schema, const ModelInfo &modelInfo)
{
    if (settings.userPrompt.trimmed().isEmpty())
        return QCoreApplication::translate("Formwork::PromptSettings",
                                           "The user prompt is empty: write what the model should extract from.");
    const QString user = fillVariables(settings.userPrompt, settings.variables);
    if (user.trimmed().isEmpty())
        return QCoreApplication::translate("Formwork::PromptSettings",
                                           "The user prompt is empty once its variables are filled in: give %1 a "
                                           "value.")
            .arg(templateVariableNames(settings.userPrompt).join(QStringLiteral(", ")));

    ChatMessage userMessage;
    userMessage.role = QStringLiteral("user");
    userMessage.content = user;
    for (const QString &path : settings.imagePaths) {
        auto image = readImage(path);
        if (!image)
            return image.error();
        userMessage.images.append(std::move(image).value());
    }

    ExtractionConfig config;
    config.model = model;
    config.schema = schema;
    applyRunControls(settings, config);
    const QString system = fillVariables(settings.systemPrompt, settings.variables);
    if (!system.trimmed().isEmpty()) {
        ChatMessage systemMessage;
        systemMessage.role = QStringLiteral("system");
        systemMessage.content = system;
        config.messages.append(systemMessage);
    }
    config.messages.append(userMessage);
    config.templates = settings.templates;
    config.modelInfo = modelInfo;
    return config;
}

} // namespace Formwork
