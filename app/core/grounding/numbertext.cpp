// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/numbertext.h"

#include <QDate>
#include <QString>

#include <algorithm>
#include <array>

namespace Formwork {

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isSpaceSeparator(QChar c)
{
    return c == u' ' || c == u'\u00a0' || c == u'\u202f' || c == u'\u2009';
}

bool isGroupSeparator(QChar c)
{
    return c == u',' || c == u'.' || c == u'\'' || c == u'\u2019' || isSpaceSeparator(c);
}

qsizetype digitsEnd(QStringView text, qsizetype i)
{
    while (i < text.size() && isDigit(text[i]))
        ++i;
    return i;
}

struct Parts {
    QStringList digits; // the digit runs
    QList<QChar> separators; // between them
};

// The values `parts` may mean: all separators grouping thousands, or the last one a decimal point.
std::vector<double> readings(const Parts &parts, bool negative)
{
    std::vector<double> values;
    const qsizetype groups = parts.separators.size();
    auto add = [&](const QString &number) {
        bool ok = false;
        const double value = number.toDouble(&ok);
        if (ok)
            values.push_back(negative ? -value : value + 0.0);
    };
    auto groupsValid = [&](qsizetype count) {
        for (qsizetype i = 0; i < count; ++i)
            if (parts.separators[i] != parts.separators[0] || parts.digits[i + 1].size() != 3)
                return false;
        return true;
    };
    if (groupsValid(groups))
        add(parts.digits.join(QString()));
    if (groups > 0) {
        const QChar decimal = parts.separators.last();
        const bool decimalPoint = decimal == u'.' || decimal == u',';
        if (decimalPoint && groupsValid(groups - 1) && (groups == 1 || parts.separators[0] != decimal))
            add(parts.digits.mid(0, groups).join(QString()) + u'.' + parts.digits.last());
    }
    return values;
}

// An English number word: a value below 100, or a multiplier.
struct NumberWord {
    const char16_t *word;
    int value;
    bool multiplier; // hundred, thousand, million
};

constexpr std::array<NumberWord, 31> numberWords { {
    { u"zero", 0, false },     { u"one", 1, false },        { u"two", 2, false },          { u"three", 3, false },
    { u"four", 4, false },     { u"five", 5, false },       { u"six", 6, false },          { u"seven", 7, false },
    { u"eight", 8, false },    { u"nine", 9, false },       { u"ten", 10, false },         { u"eleven", 11, false },
    { u"twelve", 12, false },  { u"thirteen", 13, false },  { u"fourteen", 14, false },    { u"fifteen", 15, false },
    { u"sixteen", 16, false }, { u"seventeen", 17, false }, { u"eighteen", 18, false },    { u"nineteen", 19, false },
    { u"twenty", 20, false },  { u"thirty", 30, false },    { u"forty", 40, false },       { u"fifty", 50, false },
    { u"sixty", 60, false },   { u"seventy", 70, false },   { u"eighty", 80, false },      { u"ninety", 90, false },
    { u"hundred", 100, true }, { u"thousand", 1000, true }, { u"million", 1000000, true },
} };

// Called for every word of the document, so most words are turned away by length and first letter.
const NumberWord *numberWord(QStringView word)
{
    if (word.size() < 3 || word.size() > 9)
        return nullptr;
    const char16_t first = word[0].toLower().unicode();
    for (const NumberWord &entry : numberWords)
        if (entry.word[0] == first && word.compare(QStringView(entry.word), Qt::CaseInsensitive) == 0)
            return &entry;
    return nullptr;
}

qsizetype wordEnd(QStringView text, qsizetype i)
{
    while (i < text.size() && text[i].isLetter())
        ++i;
    return i;
}

// Adds one word to a number being read ("two hundred forty-five thousand"): `group` is the part
// below the last thousand/million, `total` what lies above it. False when the word cannot follow.
bool addNumberWord(const NumberWord &word, qint64 &total, qint64 &group, bool &afterUnit)
{
    if (!word.multiplier) {
        // "twenty five" and "forty-two" join; "five two" is two numbers.
        if (afterUnit && (group % 100 >= 20 ? group % 10 != 0 || word.value >= 10 : true))
            return false;
        group += word.value;
        afterUnit = true;
        return true;
    }
    if (group == 0)
        return false; // "hundred" alone or twice: not a number here
    if (word.value == 100) {
        if (group >= 100)
            return false;
        group *= 100;
    } else {
        total += group * word.value;
        group = 0;
    }
    afterUnit = false;
    return true;
}

// Numbers written in English words ("two", "forty-two", "one hundred and five", "three thousand").
void findNumberWords(QStringView text, std::vector<NumberInText> &numbers)
{
    for (qsizetype i = 0; i < text.size();) {
        if (!text[i].isLetter() || (i > 0 && text[i - 1].isLetterOrNumber())) {
            ++i;
            continue;
        }
        qint64 total = 0;
        qint64 group = 0;
        bool afterUnit = false;
        qsizetype end = -1;
        qsizetype at = i;
        while (at < text.size()) {
            const qsizetype stop = wordEnd(text, at);
            const NumberWord *word = numberWord(text.sliced(at, stop - at));
            if (!word || !addNumberWord(*word, total, group, afterUnit))
                break;
            end = stop;
            // The next word after a space or hyphen, skipping an "and" ("one hundred and five").
            qsizetype next = end;
            if (next + 1 < text.size() && (text[next] == u' ' || text[next] == u'-'))
                ++next;
            const bool afterMultiplier = group > 0 ? group % 100 == 0 : total > 0;
            if (afterMultiplier && text.sliced(next).startsWith(u"and ", Qt::CaseInsensitive))
                next += 4;
            if (next == end)
                break;
            at = next;
        }
        if (end < 0) {
            i = wordEnd(text, i);
            continue;
        }
        numbers.push_back({ { i, end }, { double(total + group) } });
        i = end;
    }
}

} // namespace

std::vector<NumberInText> findNumbers(QStringView text)
{
    std::vector<NumberInText> numbers;
    findNumberWords(text, numbers);
    for (qsizetype i = 0; i < text.size();) {
        if (!isDigit(text[i]) || (i > 0 && (text[i - 1].isLetterOrNumber() || text[i - 1] == u'.'))) {
            ++i;
            continue;
        }
        const bool negative
            = i > 0 && (text[i - 1] == u'-' || text[i - 1] == u'\u2212') && (i < 2 || !text[i - 2].isLetterOrNumber());
        const qsizetype begin = negative ? i - 1 : i;
        Parts parts;
        qsizetype end = digitsEnd(text, i);
        parts.digits.append(text.sliced(i, end - i).toString());
        std::vector<qsizetype> partEnds { end };
        while (end + 1 < text.size() && isGroupSeparator(text[end]) && isDigit(text[end + 1])) {
            const qsizetype runEnd = digitsEnd(text, end + 1);
            parts.separators.append(text[end]);
            parts.digits.append(text.sliced(end + 1, runEnd - end - 1).toString());
            end = runEnd;
            partEnds.push_back(end);
            if (parts.digits.last().size() != 3)
                break;
        }
        numbers.push_back({ { begin, end }, readings(parts, negative) });
        // A space may separate thousands or two numbers ("in 2024 100 people"): keep both.
        for (qsizetype k = 1; k < parts.separators.size() + 1; ++k) {
            if (!isSpaceSeparator(parts.separators[k - 1]))
                break;
            Parts prefix { parts.digits.mid(0, k), parts.separators.mid(0, k - 1) };
            numbers.push_back({ { begin, partEnds[std::size_t(k - 1)] }, readings(prefix, negative) });
        }
        i = end;
    }
    std::stable_sort(numbers.begin(), numbers.end(),
                     [](const NumberInText &a, const NumberInText &b) { return a.span.begin < b.span.begin; });
    return numbers;
}

std::optional<double> plainNumber(QStringView text)
{
    qsizetype i = text.startsWith(u'-') ? 1 : 0;
    const qsizetype intEnd = digitsEnd(text, i);
    if (intEnd == i)
        return std::nullopt;
    qsizetype end = intEnd;
    if (end < text.size() && text[end] == u'.') {
        end = digitsEnd(text, end + 1);
        if (end == intEnd + 1)
            return std::nullopt;
    }
    if (end != text.size())
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

QStringList dateForms(QStringView text)
{
    if (text.size() != 10)
        return {};
    const QDate date = QDate::fromString(text.toString(), Qt::ISODate);
    if (!date.isValid())
        return {};
    static constexpr std::array<const char16_t *, 12> english { u"January",   u"February", u"March",    u"April",
                                                                u"May",       u"June",     u"July",     u"August",
                                                                u"September", u"October",  u"November", u"December" };
    static constexpr std::array<const char16_t *, 12> german { u"Januar",    u"Februar", u"M\u00e4rz", u"April",
                                                               u"Mai",       u"Juni",    u"Juli",      u"August",
                                                               u"September", u"Oktober", u"November",  u"Dezember" };
    const int d = date.day();
    const int m = date.month();
    const QString y = QString::number(date.year());
    const QString day = QString::number(d);
    const QString dd = QStringLiteral("%1").arg(d, 2, 10, QLatin1Char('0'));
    const QString mm = QStringLiteral("%1").arg(m, 2, 10, QLatin1Char('0'));
    const QString month = QString::number(m);
    const char16_t *suffix = (d % 10 == 1 && d != 11) ? u"st"
        : (d % 10 == 2 && d != 12)                    ? u"nd"
        : (d % 10 == 3 && d != 13)                    ? u"rd"
                                                      : u"th";
    const QString ordinal = day + QString::fromUtf16(suffix);
    QStringList forms;
    for (const QString &name :
         { QString::fromUtf16(english[std::size_t(m - 1)]), QString::fromUtf16(english[std::size_t(m - 1)]).left(3),
           QString::fromUtf16(german[std::size_t(m - 1)]) }) {
        forms << day + u' ' + name + u' ' + y << name + u' ' + day + u' ' + y << ordinal + u' ' + name + u' ' + y
              << name + u' ' + ordinal + u' ' + y << ordinal + QStringLiteral(" of ") + name + u' ' + y;
    }
    forms << dd + u'.' + mm + u'.' + y << day + u'.' + month + u'.' + y << mm + u'/' + dd + u'/' + y
          << month + u'/' + day + u'/' + y;
    forms.removeDuplicates();
    return forms;
}

} // namespace Formwork
