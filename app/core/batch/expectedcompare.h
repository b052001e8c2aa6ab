// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace Formwork {

// How one result compares with the expected value of its row, leaf by leaf of the expected value.
struct RowAgreement {
    struct Leaf {
        std::string pointer; // JSON Pointer of the leaf in the expected value
        bool agrees = false;
    };
    std::vector<Leaf> leaves;
    int agreed() const;
    bool allAgree() const { return agreed() == int(leaves.size()); }
};

// Every scalar (and empty object / array) of `expected`, and whether `actual` holds the same
// value there (jsondiff's structural comparison). `actual` null (no result) disagrees everywhere.
RowAgreement compareWithExpected(const nlohmann::ordered_json &expected, const nlohmann::ordered_json &actual);

// The pointer of a leaf with array indices replaced by "*": "/items/*/price", a field of the report.
std::string fieldOfPointer(const std::string &pointer);

// Agreement over a batch: per field (pointers with "*" for indices) and overall.
struct AgreementReport {
    struct Count {
        int agreed = 0;
        int total = 0;
        double ratio() const { return total > 0 ? double(agreed) / total : 0.0; }
    };
    std::map<std::string, Count> fields;
    std::vector<std::string> fieldOrder; // fields in the order first seen
    Count leaves; // every compared leaf
    Count rows; // rows whose every leaf agrees
    void add(const RowAgreement &row);
    nlohmann::ordered_json toJson() const;
};

} // namespace Formwork
