// SPDX-License-Identifier: GPL-3.0-or-later
#include "grounding/numbertext.h"

#include <QDate>
#include <QString>

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

} // namespace

std::vector<NumberInText> findNumbers(QStringView text)
{
    std::vector<NumberInText> numbers;
    for (qsizetype i = 0; i < text.size();) {
        if (!isDigit(text[i]) || (i > 0 && (text[i - 1].isLetterOrNumber() || text[i - 1] == u'.'))) {
            ++i;
            continue;
        }
        const bool negative = i > 0 && (text[i - 1] == u'-' || text[i - 1] == u'\u2212')
            && (i < 2 || !text[i - 2].isLetterOrNumber());
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
    static constexpr std::array<const char16_t *, 12> english { u"January", u"February", u"March",     u"April",
                                                                u"May",     u"June",     u"July",      u"August",
                                                                u"September", u"October", u"November", u"December" };
    static constexpr std::array<const char16_t *, 12> german { u"Januar", u"Februar", u"M\u00e4rz",    u"April",
                                                               u"Mai",    u"Juni",    u"Juli",         u"August",
                                                               u"September", u"Oktober", u"November", u"Dezember" };
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
    for (const QString &name : { QString::fromUtf16(english[std::size_t(m - 1)]),
                                 QString::fromUtf16(english[std::size_t(m - 1)]).left(3),
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
