// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractiontypes.h"
#include "json/incrementaljsonparser.h"
#include "json/streamingjsonlocator.h"

#include <QString>

#include <memory>
#include <string>

namespace Formwork {

// The partial value of one attempt's reply, kept up to date as the reply streams. A refresh costs
// time in proportion to the text that arrived since the previous one: the text is converted to
// UTF-8 piece by piece, the JSON part is located incrementally (StreamingJsonLocator) and parsed
// incrementally (IncrementalJsonParser). After each refresh the result equals what
// streamProgressFor() makes of the whole text.
class StreamProgressTracker
{
public:
    explicit StreamProgressTracker(ExtractionMode mode);

    // More of the text the JSON is read from: the reply's content, or in tools mode the first
    // call's arguments. Only stored; read at the next refresh().
    void append(QStringView text) { m_pending += text; }
    void refresh();

    // The value so far, shared and updated in place by later refreshes; null while no JSON began.
    std::shared_ptr<const PartialJsonValue> value() const;
    bool isComplete() const;

private:
    void restartParser(std::size_t begin);

    ExtractionMode m_mode;
    QString m_pending; // UTF-16 text not converted yet
    std::string m_utf8; // the whole text so far
    StreamingJsonLocator m_locator;
    std::unique_ptr<IncrementalJsonParser> m_parser;
    std::size_t m_parsedBegin = 0; // where the parser's text starts in m_utf8
    std::size_t m_parsedEnd = 0; // how far it has been fed
    int m_locatorRestarts = 0;
};

} // namespace Formwork
