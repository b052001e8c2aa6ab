// SPDX-License-Identifier: GPL-3.0-or-later
// fake-ollama: serves a scripted reply file (FakeOllama::loadScript) on a free loopback port and
// prints the port on the first line of stdout, for tests that start formwork-cli with QProcess.
#include "fakeollama.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <QTimer>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        err << "usage: fake-ollama <script.json> [lifetime-ms]" << Qt::endl;
        return 2;
    }
    QFile file(arguments.at(1));
    if (!file.open(QIODevice::ReadOnly)) {
        err << "fake-ollama: cannot read " << file.fileName() << Qt::endl;
        return 2;
    }
    Formwork::Test::FakeOllama server;
    QString error;
    if (!server.loadScript(file.readAll(), &error)) {
        err << "fake-ollama: " << error << Qt::endl;
        return 2;
    }
    if (!server.listen()) {
        err << "fake-ollama: cannot listen" << Qt::endl;
        return 1;
    }
    out << server.port() << Qt::endl;
    // Never outlive a test that forgot to stop us.
    const int lifetimeMs = arguments.value(2, QStringLiteral("120000")).toInt();
    QTimer::singleShot(lifetimeMs, &app, &QCoreApplication::quit);
    return app.exec();
}
