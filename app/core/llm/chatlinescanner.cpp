// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/chatlinescanner.h"

#include <QUtf8StringView>

#include <utility>

namespace Formwork {

namespace {

// A forward-only reader over one line; every read returns false on anything unexpected, which
// sends the line to the full decoder.
class LineReader
{
public:
    explicit LineReader(QByteArrayView line)
        : m_at(line.data())
        , m_end(line.data() + line.size())
    {
    }

    void skipSpace()
    {
        while (m_at < m_end && (*m_at == ' ' || *m_at == '\t' || *m_at == '\r' || *m_at == '\n'))
            ++m_at;
    }
    bool atEnd()
    {
        skipSpace();
        return m_at == m_end;
    }
    bool take(char c)
    {
        skipSpace();
        if (m_at == m_end || *m_at != c)
            return false;
        ++m_at;
        return true;
    }
    bool takeWord(QByteArrayView word)
    {
        skipSpace();
        if (m_end - m_at < word.size() || QByteArrayView(m_at, word.size()) != word)
            return false;
        m_at += word.size();
        return true;
    }
    // A key: a string without escapes (every key of the common line is one).
    bool key(QByteArrayView *out)
    {
        if (!take('"'))
            return false;
        const char *begin = m_at;
        while (m_at < m_end && *m_at != '"' && *m_at != '\\')
            ++m_at;
        if (m_at == m_end || *m_at != '"')
            return false;
        *out = QByteArrayView(begin, m_at - begin);
        ++m_at;
        return take(':');
    }
    // A string's text; with `out` null it is only read past (nothing is allocated).
    bool string(QString *out);

private:
    static bool finish(QByteArrayView utf8, QString *out);
    bool escape(QByteArray &utf8);
    bool hex4(char16_t *out);

    const char *m_at;
    const char *m_end;
};

bool LineReader::string(QString *out)
{
    if (!take('"'))
        return false;
    const char *begin = m_at;
    while (m_at < m_end && *m_at != '"' && *m_at != '\\' && static_cast<unsigned char>(*m_at) >= 0x20)
        ++m_at;
    if (m_at == m_end || static_cast<unsigned char>(*m_at) < 0x20)
        return false; // cut off, or a raw control character: not JSON
    if (*m_at == '"') {
        // The common case, a token without escapes: converted straight from the line.
        const QByteArrayView text(begin, m_at - begin);
        ++m_at;
        return finish(text, out);
    }
    QByteArray utf8(begin, m_at - begin);
    while (m_at < m_end) {
        const auto c = static_cast<unsigned char>(*m_at++);
        if (c == '"')
            return finish(utf8, out);
        if (c < 0x20)
            return false;
        if (c != '\\')
            utf8.append(char(c));
        else if (!escape(utf8))
            return false;
    }
    return false;
}

bool LineReader::finish(QByteArrayView utf8, QString *out)
{
    // Broken UTF-8 is the full decoder's to replace, the way it always has.
    if (!QUtf8StringView(utf8).isValidUtf8())
        return false;
    if (out)
        *out = QString::fromUtf8(utf8);
    return true;
}

bool LineReader::escape(QByteArray &utf8)
{
    if (m_at == m_end)
        return false;
    const char c = *m_at++;
    switch (c) {
    case '"':
        utf8.append('"');
        return true;
    case '\\':
        utf8.append('\\');
        return true;
    case '/':
        utf8.append('/');
        return true;
    case 'b':
        utf8.append('\b');
        return true;
    case 'f':
        utf8.append('\f');
        return true;
    case 'n':
        utf8.append('\n');
        return true;
    case 'r':
        utf8.append('\r');
        return true;
    case 't':
        utf8.append('\t');
        return true;
    case 'u':
        break;
    default:
        return false;
    }
    char16_t units[2] = {};
    if (!hex4(&units[0]))
        return false;
    qsizetype count = 1;
    if (QChar::isHighSurrogate(units[0])) {
        // Only a whole pair is taken here; a lone half is the full decoder's business.
        if (!takeWord("\\u") || !hex4(&units[1]) || !QChar::isLowSurrogate(units[1]))
            return false;
        count = 2;
    } else if (QChar::isLowSurrogate(units[0])) {
        return false;
    }
    utf8.append(QStringView(units, count).toUtf8());
    return true;
}

bool LineReader::hex4(char16_t *out)
{
    if (m_end - m_at < 4)
        return false;
    char16_t value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = *m_at++;
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return false;
        value = char16_t(value * 16 + digit);
    }
    *out = value;
    return true;
}

bool readMessage(LineReader &reader, CommonChatLine &line)
{
    if (!reader.take('{'))
        return false;
    if (reader.take('}'))
        return true;
    do {
        QByteArrayView name;
        if (!reader.key(&name))
            return false;
        if (name == "content") {
            if (!reader.string(&line.content))
                return false;
        } else if (name == "thinking") {
            if (!reader.string(&line.thinking))
                return false;
        } else if (name != "role" || !reader.string(nullptr)) {
            return false; // tool calls, images or anything new: the full decoder
        }
    } while (reader.take(','));
    return reader.take('}');
}

} // namespace

std::optional<CommonChatLine> scanCommonChatLine(QByteArrayView text, bool wantModel)
{
    LineReader reader(text);
    CommonChatLine line;
    if (!reader.take('{'))
        return std::nullopt;
    bool sawMessage = false;
    bool sawDone = false;
    do {
        QByteArrayView name;
        if (!reader.key(&name))
            return std::nullopt;
        bool ok = false;
        if (name == "model")
            ok = reader.string(wantModel ? &line.model : nullptr);
        else if (name == "created_at")
            ok = reader.string(nullptr);
        else if (name == "message")
            ok = !std::exchange(sawMessage, true) && readMessage(reader, line);
        else if (name == "done")
            ok = !std::exchange(sawDone, true) && reader.takeWord("false"); // the final line has statistics
        if (!ok)
            return std::nullopt;
    } while (reader.take(','));
    if (!reader.take('}') || !reader.atEnd() || !sawMessage || !sawDone)
        return std::nullopt;
    return line;
}

} // namespace Formwork
