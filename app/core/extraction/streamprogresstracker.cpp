// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/streamprogresstracker.h"

namespace Formwork {

StreamProgressTracker::StreamProgressTracker(ExtractionMode mode)
    : m_mode(mode)
{
}

void StreamProgressTracker::refresh()
{
    // Half of a surrogate pair waits for its other half, or it would become U+FFFD.
    const bool splitPair = !m_pending.isEmpty() && m_pending.back().isHighSurrogate();
    const QStringView ready = QStringView(m_pending).chopped(splitPair ? 1 : 0);
    const QByteArray utf8 = ready.toUtf8();
    m_utf8.append(utf8.constData(), std::size_t(utf8.size()));
    m_pending.remove(0, ready.size());

    std::optional<SourceRange> range = SourceRange { 0, qsizetype(m_utf8.size()) }; // tools: all of it
    if (m_mode != ExtractionMode::Tools) {
        m_locator.update(m_utf8);
        range = m_locator.range();
        if (m_locator.restarts() != m_locatorRestarts) {
            m_locatorRestarts = m_locator.restarts();
            m_parser.reset();
        }
    }
    if (!range) {
        m_parser.reset();
        return;
    }
    if (!m_parser || m_parsedBegin != std::size_t(range->begin))
        restartParser(std::size_t(range->begin));
    const std::size_t end = std::size_t(range->end);
    if (end > m_parsedEnd) {
        m_parser->append(std::string_view(m_utf8).substr(m_parsedEnd, end - m_parsedEnd));
        m_parsedEnd = end;
    }
}

std::shared_ptr<const PartialJsonValue> StreamProgressTracker::value() const
{
    if (!m_parser || !m_parser->hasValue())
        return nullptr;
    return m_parser->shared();
}

bool StreamProgressTracker::isComplete() const
{
    return m_parser && m_parser->isComplete();
}

void StreamProgressTracker::restartParser(std::size_t begin)
{
    JsonParseOptions options;
    options.recordSourceMap = false;
    m_parser = std::make_unique<IncrementalJsonParser>(options);
    m_parsedBegin = m_parsedEnd = begin;
}

} // namespace Formwork
