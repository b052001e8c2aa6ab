// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontestsupport.h"
#include "testdata.h"
#include "timebudget.h"
#include "json/incrementaljsonparser.h"
#include "json/jsonparser.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

// The documents of a tests/data file, separated by "----8<----" lines.
std::vector<std::string> documents(const QString &file)
{
    const std::string all = Formwork::Test::readTestData(file).toStdString();
    const std::string separator = "\n----8<----\n";
    std::vector<std::string> result;
    std::size_t from = 0;
    while (true) {
        const std::size_t at = all.find(separator, from);
        result.push_back(all.substr(from, at == std::string::npos ? std::string::npos : at - from));
        if (at == std::string::npos)
            return result;
        from = at + separator.size();
    }
}

// Empty when the incremental state equals the whole-prefix parse, else what differs.
std::string difference(const IncrementalJsonParser &parser, std::string_view prefix)
{
    const PartialJson reference = parsePartialJson(prefix);
    if (parser.hasValue() != reference.hasValue)
        return "hasValue";
    if (parser.value() != reference.value)
        return "value " + parser.value().dump() + " instead of " + reference.value.dump();
    if (parser.isComplete() != reference.complete)
        return "complete";
    if (parser.completePointers() != reference.completePointers)
        return "completePointers";
    if (parser.error().has_value() != reference.error.has_value())
        return "error presence";
    if (parser.error()
        && (parser.error()->kind != reference.error->kind || parser.error()->offset != reference.error->offset
            || parser.error()->line != reference.error->line || parser.error()->message != reference.error->message))
        return "error " + parser.error()->message.toStdString() + " instead of "
            + reference.error->message.toStdString();
    return {};
}

// Feeds `document` in pieces ending at `cuts` and compares after every piece.
void checkSplits(const std::string &document, const std::vector<std::size_t> &cuts)
{
    IncrementalJsonParser parser;
    std::size_t fed = 0;
    for (const std::size_t cut : cuts) {
        parser.append(std::string_view(document).substr(fed, cut - fed));
        fed = cut;
        const std::string diff = difference(parser, std::string_view(document).substr(0, fed));
        QVERIFY2(diff.empty(), ("after " + std::to_string(fed) + " bytes of " + document + ": " + diff).c_str());
    }
}

} // namespace

class TestIncrementalJsonParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPrefix_equalsTheWholePrefixParse()
    {
        // One byte at a time: every prefix, so every cut inside strings, escapes, surrogate pairs,
        // UTF-8 sequences, numbers and literals.
        for (const std::string &document : documents(QStringLiteral("json/incremental-documents.txt"))) {
            std::vector<std::size_t> cuts;
            for (std::size_t i = 1; i <= document.size(); ++i)
                cuts.push_back(i);
            checkSplits(document, cuts);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void randomSplits_equalTheWholePrefixParse()
    {
        QRandomGenerator random(15);
        for (const std::string &document : documents(QStringLiteral("json/incremental-documents.txt"))) {
            for (int round = 0; round < 200; ++round) {
                std::vector<std::size_t> cuts;
                std::size_t at = 0;
                while (at < document.size()) {
                    at = std::min(document.size(), at + 1 + std::size_t(random.bounded(12)));
                    cuts.push_back(at);
                }
                checkSplits(document, cuts);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }

    void openString_growsInPlace()
    {
        IncrementalJsonParser parser;
        parser.append("{\"name\": \"Ad");
        const auto shared = parser.shared();
        COMPARE_JSON(shared->value, Formwork::Test::json("{\"name\": \"Ad\"}"));
        parser.append("a\", \"age\": 3");
        // The same object, updated: nothing was rebuilt or copied.
        QCOMPARE(parser.shared().get(), shared.get());
        COMPARE_JSON(shared->value, Formwork::Test::json("{\"name\": \"Ada\"}"));
        QCOMPARE(shared->completePointers, (std::set<std::string, std::less<>> { "/name" }));
        parser.append("6}");
        QVERIFY(parser.isComplete());
        COMPARE_JSON(shared->value, Formwork::Test::json("{\"name\": \"Ada\", \"age\": 36}"));
    }

    void bytesAfterAnError_areIgnored()
    {
        IncrementalJsonParser parser;
        parser.append("[1, x");
        QVERIFY(parser.error());
        QCOMPARE(parser.error()->offset, 4);
        parser.append(", 2]");
        QCOMPARE(parser.error()->offset, 4);
        COMPARE_JSON(parser.value(), Formwork::Test::json("[1]"));
    }

    void appendCost_doesNotGrowWithTheDocument()
    {
        // A 4 MB string then 1000 appends of 8 bytes: if an append re-read the document this
        // would take minutes, not milliseconds.
        IncrementalJsonParser parser;
        parser.append("{\"long\": \"" + std::string(4 << 20, 'x'));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 1000; ++i)
            parser.append("yyyyyyyy");
        QCOMPARE_LT(timer.elapsed(), Test::timeBudgetMs(2000));
        QCOMPARE(parser.value()["long"].get_ref<const std::string &>().size(), std::size_t((4 << 20) + 8000));
    }
};

QTEST_GUILESS_MAIN(TestIncrementalJsonParser)
#include "tst_incrementaljsonparser.moc"
