// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/hostresolver.h"

#include <QProcessEnvironment>

namespace Formwork {

namespace {

constexpr int OllamaPort = 11434;

QString trimQuotes(QString value)
{
    value = value.trimmed();
    while (!value.isEmpty() && (value.front() == u'"' || value.front() == u'\''))
        value.remove(0, 1);
    while (!value.isEmpty() && (value.back() == u'"' || value.back() == u'\''))
        value.chop(1);
    return value.trimmed();
}

} // namespace

QUrl defaultOllamaUrl()
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(OllamaPort);
    return url;
}

QUrl connectableOllamaUrl(const QString &rawValue)
{
    QString value = trimQuotes(rawValue);
    if (value.isEmpty())
        return defaultOllamaUrl();

    QString scheme = QStringLiteral("http");
    int defaultPort = OllamaPort;
    const qsizetype schemeEnd = value.indexOf(QLatin1String("://"));
    if (schemeEnd >= 0) {
        scheme = value.left(schemeEnd).toLower();
        value = value.mid(schemeEnd + 3);
        defaultPort = scheme == u"https" ? 443 : 80;
    }

    QString path;
    const qsizetype slash = value.indexOf(u'/');
    if (slash >= 0) {
        path = value.mid(slash);
        value.truncate(slash);
    }

    QString host = value;
    QString portText;
    if (value.startsWith(u'[')) {
        const qsizetype close = value.indexOf(u']');
        host = value.mid(1, close > 0 ? close - 1 : -1);
        if (close > 0 && value.mid(close + 1).startsWith(u':'))
            portText = value.mid(close + 2);
    } else if (value.count(u':') == 1) {
        const qsizetype colon = value.indexOf(u':');
        host = value.left(colon);
        portText = value.mid(colon + 1);
    } // more than one colon without brackets: a bare IPv6 address

    if (schemeEnd < 0 && host.compare(QLatin1String("ollama.com"), Qt::CaseInsensitive) == 0) {
        scheme = QStringLiteral("https");
        defaultPort = 443;
    }

    int port = defaultPort;
    if (!portText.isEmpty()) {
        bool ok = false;
        const int parsed = portText.toInt(&ok);
        if (ok && parsed >= 0 && parsed <= 65535)
            port = parsed;
    }

    if (host.isEmpty() || host == u"0.0.0.0")
        host = QStringLiteral("127.0.0.1");
    else if (host == u"::")
        host = QStringLiteral("::1");

    QUrl url;
    url.setScheme(scheme);
    url.setHost(host);
    url.setPort(port);
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}

QUrl resolveBaseUrl(const QString &settingsValue, const QString &environmentValue)
{
    if (!trimQuotes(settingsValue).isEmpty())
        return connectableOllamaUrl(settingsValue);
    return connectableOllamaUrl(environmentValue);
}

QUrl resolveBaseUrl(const QString &settingsValue)
{
    return resolveBaseUrl(settingsValue, QProcessEnvironment::systemEnvironment().value(QStringLiteral("OLLAMA_HOST")));
}

} // namespace Formwork
