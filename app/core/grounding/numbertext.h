// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "grounding/grounding.h"

#include <QStringList>
#include <QStringView>

#include <optional>
#include <vector>

namespace Formwork {

// A number as a document writes it ("1,250.00", "1.250,00", "10 000", "-3.5") and the values it
// may stand for: "1,250" is 1250 in English and 1.25 in German, so both are kept.
struct NumberInText {
    TextSpan span;
    std::vector<double> values;
};

// Every number written in the text, in order. Thousands separators: , . ' and (narrow, no-break)
// spaces followed by exactly three digits; the decimal separator: . or ,. Digits glued to letters
// ("A37", "3rd") are not numbers of their own. English number words count too ("two", "forty-two",
// "one hundred and five", "twelve thousand"), so a quantity the model wrote as digits is found.
std::vector<NumberInText> findNumbers(QStringView text);

// The value of a string that is a plain number ("1250", "-3.5"), else nullopt.
std::optional<double> plainNumber(QStringView text);

// Other ways a document may write an ISO date (YYYY-MM-DD): "5 March 2024", "March 5, 2024",
// "05.03.2024", "3/5/2024", "5. März 2024", ...; empty when `text` is not an ISO date.
QStringList dateForms(QStringView text);

} // namespace Formwork
