// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakeollamaprocess.h"

#include <QFile>
#include <QStandardPaths>

namespace Formwork::Test {

FakeOllamaProcess::FakeOllamaProcess(const QString &program)
    : m_program(program)
{
}

FakeOllamaProcess::~FakeOllamaProcess()
{
    if (m_process) {
        m_process->kill();
        m_process->waitForFinished();
    }
}

bool FakeOllamaProcess::start(const QString &scriptPath, int lifetimeMs)
{
    m_process = std::make_unique<QProcess>();
    m_process->start(m_program, { scriptPath, QString::number(lifetimeMs) });
    if (!m_process->waitForStarted(10000))
        return false;
    while (!m_process->canReadLine()) {
        if (!m_process->waitForReadyRead(10000))
            return false;
    }
    const QByteArray port = m_process->readLine().trimmed();
    m_host = QStringLiteral("http://127.0.0.1:%1").arg(QString::fromLatin1(port));
    return true;
}

QProcess::ProcessState FakeOllamaProcess::state() const
{
    return m_process ? m_process->state() : QProcess::NotRunning;
}

QList<nlohmann::ordered_json> readJsonLines(const QString &path)
{
    QList<nlohmann::ordered_json> lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (!line.isEmpty())
            lines.append(nlohmann::ordered_json::parse(line.toStdString(), nullptr, false));
    }
    return lines;
}

QString writeTestFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return QString();
    return path;
}

void setUpCliTestEnvironment()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("FORMWORK_BACKOFF_BASE_MS", "5");
    qputenv("LC_ALL", "C.UTF-8");
    qputenv("LANGUAGE", "");
    qunsetenv("OLLAMA_HOST");
}

} // namespace Formwork::Test
