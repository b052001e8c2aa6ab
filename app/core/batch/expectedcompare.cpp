// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/expectedcompare.h"

#include "json/jsondiff.h"

#include <algorithm>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

std::string escaped(const std::string &key)
{
    std::string out;
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

void collectLeaves(const Json &value, const std::string &pointer, std::vector<RowAgreement::Leaf> &out)
{
    if (value.is_object() && !value.empty()) {
        for (const auto &[key, member] : value.items())
            collectLeaves(member, pointer + '/' + escaped(key), out);
    } else if (value.is_array() && !value.empty()) {
        for (size_t i = 0; i < value.size(); ++i)
            collectLeaves(value[i], pointer + '/' + std::to_string(i), out);
    } else {
        out.push_back(RowAgreement::Leaf { pointer, true });
    }
}

// `prefix` equals `pointer` or is one of its ancestors (or the other way round).
bool related(const std::string &a, const std::string &b)
{
    const std::string &shorter = a.size() <= b.size() ? a : b;
    const std::string &longer = a.size() <= b.size() ? b : a;
    return longer.compare(0, shorter.size(), shorter) == 0
        && (longer.size() == shorter.size() || longer[shorter.size()] == '/');
}

} // namespace

int RowAgreement::agreed() const
{
    return int(std::count_if(leaves.begin(), leaves.end(), [](const Leaf &leaf) { return leaf.agrees; }));
}

RowAgreement compareWithExpected(const nlohmann::ordered_json &expected, const nlohmann::ordered_json &actual)
{
    RowAgreement result;
    collectLeaves(expected, std::string(), result.leaves);
    if (actual.is_null() && !expected.is_null()) {
        for (RowAgreement::Leaf &leaf : result.leaves)
            leaf.agrees = false;
        return result;
    }
    for (const JsonChange &change : diffJson(expected, actual)) {
        // Something the result adds where the expected value has nothing is not a disagreement
        // of any expected field, unless it lands inside one.
        for (RowAgreement::Leaf &leaf : result.leaves) {
            if (change.kind == JsonChange::Kind::Added && !related(leaf.pointer, change.pointer))
                continue;
            if (related(leaf.pointer, change.pointer))
                leaf.agrees = false;
        }
    }
    return result;
}

std::string fieldOfPointer(const std::string &pointer)
{
    std::string out;
    size_t from = 0;
    while (from < pointer.size()) {
        size_t end = pointer.find('/', from + 1);
        if (end == std::string::npos)
            end = pointer.size();
        const std::string segment = pointer.substr(from + 1, end - from - 1);
        const bool index = !segment.empty()
            && std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
        out += '/';
        out += index ? std::string("*") : segment;
        from = end;
    }
    return out;
}

void AgreementReport::add(const RowAgreement &row)
{
    for (const RowAgreement::Leaf &leaf : row.leaves) {
        const std::string field = fieldOfPointer(leaf.pointer);
        auto [it, inserted] = fields.try_emplace(field);
        if (inserted)
            fieldOrder.push_back(field);
        it->second.total += 1;
        it->second.agreed += leaf.agrees ? 1 : 0;
        leaves.total += 1;
        leaves.agreed += leaf.agrees ? 1 : 0;
    }
    rows.total += 1;
    rows.agreed += row.allAgree() ? 1 : 0;
}

nlohmann::ordered_json AgreementReport::toJson() const
{
    Json out = Json::object();
    const auto count = [](const Count &c) {
        return Json { { "agreed", c.agreed }, { "total", c.total }, { "ratio", c.ratio() } };
    };
    out["rows"] = count(rows);
    out["fields_overall"] = count(leaves);
    Json perField = Json::object();
    for (const std::string &field : fieldOrder)
        perField[field.empty() ? std::string("/") : field] = count(fields.at(field));
    out["fields"] = std::move(perField);
    return out;
}

} // namespace Formwork
