// SPDX-License-Identifier: GPL-3.0-or-later
// `hostname` and `idn-hostname`. The IDNA2008 label tests (derived property of every code point,
// CONTEXTJ and CONTEXTO rules, leading combining marks, NFC, hyphen rules, the per-label Bidi
// rule, the A-label round trip through Punycode) come from libidn2, which implements RFC 5891
// section 4 (registration) and 5 (lookup) from its own Unicode tables. The rules that concern the
// whole name are here: label separators, lengths, and RFC 5893's rule that every label of a name
// with right-to-left characters satisfies the Bidi rule.
#include "schema/formatparts.h"

#include <QChar>
#include <QList>
#include <QString>

#include <idn2.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace Formwork::FormatParts {

namespace {

constexpr std::size_t maxLabelOctets = 63;
constexpr std::size_t maxNameOctets = 253;

struct IdnFree {
    void operator()(void *p) const { idn2_free(p); }
};
using IdnString = std::unique_ptr<char, IdnFree>;

struct Label {
    std::u32string text; // the U-label's code points (the label itself when it is ASCII)
    std::size_t aceOctets = 0; // length of the A-label (or NR-LDH label) form
};

constexpr bool isLdh(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

bool isAscii(std::u32string_view s)
{
    for (char32_t c : s) {
        if (c > 0x7f)
            return false;
    }
    return true;
}

bool startsWithAcePrefix(std::u32string_view s)
{
    return s.size() >= 4 && (s[0] == 'x' || s[0] == 'X') && (s[1] == 'n' || s[1] == 'N') && s[2] == '-' && s[3] == '-';
}

std::string toUtf8(std::u32string_view s)
{
    return QString::fromUcs4(s.data(), qsizetype(s.size())).toStdString();
}

std::u32string toUcs4(const char *utf8)
{
    const QList<uint> points = QString::fromUtf8(utf8).toUcs4();
    return std::u32string(points.cbegin(), points.cend());
}

// RFC 1123 / RFC 5890 NR-LDH label: letters, digits, hyphens, no hyphen at either end, and no
// "--" in the third and fourth positions (reserved for A-labels and other tagged labels).
bool validLdhLabel(std::u32string_view label)
{
    if (label.front() == '-' || label.back() == '-')
        return false;
    for (char32_t c : label) {
        if (!isLdh(c))
            return false;
    }
    return !(label.size() >= 4 && label[2] == '-' && label[3] == '-');
}

// An A-label: registrable after decoding, and the U-label encodes back to exactly the same
// (lower-cased) A-label.
bool readALabel(std::u32string_view label, Label &out)
{
    std::string ace = toUtf8(label);
    for (char &c : ace)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    char *encoded = nullptr;
    if (idn2_register_u8(nullptr, reinterpret_cast<const uint8_t *>(ace.c_str()),
                         reinterpret_cast<uint8_t **>(&encoded), 0)
        != IDN2_OK)
        return false;
    const IdnString encodedOwner(encoded);
    char *decoded = nullptr;
    if (idn2_to_unicode_8z8z(ace.c_str(), &decoded, 0) != IDN2_OK)
        return false;
    const IdnString decodedOwner(decoded);
    out.text = toUcs4(decoded);
    out.aceOctets = ace.size();
    // An A-label that decodes to ASCII only is not the encoding of any U-label.
    return ace == encoded && !isAscii(out.text);
}

bool readULabel(std::u32string_view label, bool lookup, Label &out)
{
    QString text = QString::fromUcs4(label.data(), qsizetype(label.size()));
    if (lookup)
        text = text.normalized(QString::NormalizationForm_C);
    const QByteArray utf8 = text.toUtf8();
    char *encoded = nullptr;
    if (idn2_register_u8(reinterpret_cast<const uint8_t *>(utf8.constData()), nullptr,
                         reinterpret_cast<uint8_t **>(&encoded), 0)
        != IDN2_OK)
        return false;
    const IdnString encodedOwner(encoded);
    out.aceOctets = std::char_traits<char>::length(encoded);
    out.text = toUcs4(utf8.constData());
    return true;
}

bool readLabel(std::u32string_view label, bool allowUnicode, bool lookup, Label &out)
{
    if (label.empty())
        return false;
    if (!isAscii(label))
        return allowUnicode && readULabel(label, lookup, out);
    if (startsWithAcePrefix(label))
        return readALabel(label, out);
    out.text = label;
    out.aceOctets = label.size();
    return validLdhLabel(label);
}

QChar::Direction direction(char32_t c)
{
    return QChar::direction(c);
}

bool isRtl(QChar::Direction d)
{
    return d == QChar::DirR || d == QChar::DirAL;
}

// RFC 5893 section 2, rules 1 to 6, for one label of a Bidi domain name.
bool satisfiesBidiRule(std::u32string_view label)
{
    const QChar::Direction first = direction(label.front());
    if (first != QChar::DirL && !isRtl(first))
        return false;
    const bool rtl = isRtl(first);
    bool hasEn = false;
    bool hasAn = false;
    for (char32_t c : label) {
        const QChar::Direction d = direction(c);
        hasEn = hasEn || d == QChar::DirEN;
        hasAn = hasAn || d == QChar::DirAN;
        const bool common = d == QChar::DirEN || d == QChar::DirES || d == QChar::DirCS || d == QChar::DirET
            || d == QChar::DirON || d == QChar::DirBN || d == QChar::DirNSM;
        if (!common && !(rtl ? isRtl(d) || d == QChar::DirAN : d == QChar::DirL))
            return false;
    }
    std::size_t end = label.size();
    while (end > 0 && direction(label[end - 1]) == QChar::DirNSM)
        --end;
    if (end == 0)
        return false;
    const QChar::Direction last = direction(label[end - 1]);
    if (rtl)
        return (isRtl(last) || last == QChar::DirEN || last == QChar::DirAN) && !(hasEn && hasAn);
    return last == QChar::DirL || last == QChar::DirEN;
}

// A "Bidi domain name" has a character of class R, AL or AN in some label; then every label must
// satisfy the Bidi rule (RFC 5893 section 1.4 and 2).
bool satisfiesBidiRule(const std::vector<Label> &labels)
{
    bool bidiName = false;
    for (const Label &label : labels) {
        for (char32_t c : label.text) {
            const QChar::Direction d = direction(c);
            bidiName = bidiName || isRtl(d) || d == QChar::DirAN;
        }
    }
    if (!bidiName)
        return true;
    for (const Label &label : labels) {
        if (!satisfiesBidiRule(label.text))
            return false;
    }
    return true;
}

bool isLabelSeparator(char32_t c, bool allowUnicode)
{
    // RFC 3490 section 3.1, kept by RFC 5890 section 2.3.2.5 for IDNA-aware applications.
    return c == '.' || (allowUnicode && (c == 0x3002 || c == 0xff0e || c == 0xff61));
}

bool validName(std::string_view utf8, bool allowUnicode, bool lookup)
{
    if (utf8.empty())
        return false;
    const QList<uint> points = QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).toUcs4();
    const std::u32string name(points.cbegin(), points.cend());
    std::vector<Label> labels;
    std::size_t aceOctets = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i < name.size() && !isLabelSeparator(name[i], allowUnicode))
            continue;
        Label label;
        if (!readLabel(std::u32string_view(name).substr(start, i - start), allowUnicode, lookup, label)
            || label.aceOctets > maxLabelOctets)
            return false;
        aceOctets += label.aceOctets + (labels.empty() ? 0 : 1);
        labels.push_back(std::move(label));
        start = i + 1;
    }
    return aceOctets <= maxNameOctets && satisfiesBidiRule(labels);
}

constexpr auto ldhBytes = [] {
    std::array<bool, 256> table {};
    for (int c = 0; c < 256; ++c)
        table[std::size_t(c)] = isLdh(char32_t(c));
    return table;
}();

// The common case in one pass without allocations: an ASCII name of NR-LDH labels. Sets
// `needsIdna` and returns false when the name has A-labels or non-ASCII text (U-labels, IDNA
// dots), which need the full check.
bool validLdhName(std::string_view s, bool &needsIdna)
{
    needsIdna = false;
    if (s.empty() || s.size() > maxNameOctets)
        return false;
    std::size_t start = 0;
    for (std::size_t i = 0;; ++i) {
        if (i < s.size() && s[i] != '.') {
            const auto c = static_cast<unsigned char>(s[i]);
            if (ldhBytes[c])
                continue;
            needsIdna = c >= 0x80;
            return false;
        }
        const std::size_t length = i - start;
        if (length == 0 || length > maxLabelOctets || s[start] == '-' || s[i - 1] == '-')
            return false;
        if (length >= 4 && s[start + 2] == '-' && s[start + 3] == '-') {
            // Reserved for tagged labels; "xn--" starts an A-label.
            needsIdna = (s[start] | 0x20) == 'x' && (s[start + 1] | 0x20) == 'n';
            return false;
        }
        if (i == s.size())
            return true;
        start = i + 1;
    }
}

} // namespace

bool validHostname(std::string_view s)
{
    bool needsIdna = false;
    return validLdhName(s, needsIdna) || (needsIdna && validName(s, false, false));
}

bool validIdnHostname(std::string_view s, bool lookup)
{
    bool needsIdna = false;
    return validLdhName(s, needsIdna) || (needsIdna && validName(s, true, lookup));
}

} // namespace Formwork::FormatParts
