// SPDX-License-Identifier: GPL-3.0-or-later
#include "documents/sourcepane.h"

#include "common/backgroundwork.h"
#include "documents/sourceview.h"
#include "grounding/grounder.h"
#include "run/runsession.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QVBoxLayout>

namespace Formwork {
namespace Ui {

SourcePane::SourcePane(RunSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_view(new SourceView(this))
{
    m_view->setObjectName(QStringLiteral("sourceView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(m_session, &RunSession::cleared, this, &SourcePane::clearView);
    connect(m_session, &RunSession::started, this, &SourcePane::clearView);
    connect(m_session, &RunSession::finished, this, &SourcePane::showFromSession);
    connect(m_session, &RunSession::accepted, this, &SourcePane::showFromSession);
}

SourcePane::~SourcePane() = default;

QString SourcePane::documentOf(const ExtractionConfig &config)
{
    for (auto it = config.messages.crbegin(); it != config.messages.crend(); ++it) {
        if (it->role == u"user") {
            QString text = it->content;
            text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
            text.replace(u'\r', u'\n');
            return text;
        }
    }
    return QString();
}

Grounding SourcePane::groundValue(const QString &document, const nlohmann::ordered_json &value,
                                  const nlohmann::ordered_json &schema)
{
    GroundingOptions options;
    options.scope = GroundingScope(schema);
    Grounder grounder(document, options);
    return grounder.ground(value);
}

void SourcePane::clearView()
{
    ++m_generation;
    m_pending = false;
    m_view->clear();
}

void SourcePane::showFromSession()
{
    if (const ChunkedResult *chunked = m_session->chunkedResult()) {
        showChunked(*chunked);
        return;
    }
    const RunResult &result = m_session->result();
    const QString document = documentOf(m_session->config());
    ++m_generation;
    if (!result.hasValue || document.isEmpty()) {
        m_pending = false;
        m_view->clear();
        return;
    }
    m_view->setDocument(document);
    m_pending = true;
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<Grounding>(this);
    connect(watcher, &QFutureWatcher<Grounding>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_pending = false;
        m_view->setGrounding(watcher->result());
        Q_EMIT groundingShown();
    });
    const nlohmann::ordered_json schema
        = m_session->config().schema ? m_session->config().schema->document() : nlohmann::ordered_json();
    watcher->setFuture(QtConcurrent::run(backgroundPool(), &SourcePane::groundValue, document, result.value, schema));
}

// A run of chunks grounded each chunk as it came; the merge moved the spans to whole-document
// offsets, so nothing is left to compute.
void SourcePane::showChunked(const ChunkedResult &chunked)
{
    ++m_generation;
    m_pending = false;
    if (!chunked.hasValue || m_session->chunkedDocument().isEmpty()) {
        m_view->clear();
        return;
    }
    m_view->setDocument(m_session->chunkedDocument());
    m_view->setGrounding(chunked.merged.grounding);
    Q_EMIT groundingShown();
}

} // namespace Ui
} // namespace Formwork
