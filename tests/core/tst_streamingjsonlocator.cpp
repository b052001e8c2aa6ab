// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/extractionrequest.h"
#include "extraction/streamprogresstracker.h"
#include "jsontestsupport.h"
#include "testdata.h"
#include "json/streamingjsonlocator.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Formwork;

namespace {

std::vector<std::string> replies()
{
    const std::string all = Formwork::Test::readTestData(QStringLiteral("json/streaming-replies.txt")).toStdString();
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

std::string describe(const std::optional<SourceRange> &range)
{
    return range ? "[" + std::to_string(range->begin) + ", " + std::to_string(range->end) + ")" : "none";
}

} // namespace

class TestStreamingJsonLocator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fencedReply_endsBeforeTheClosingFence()
    {
        const std::string reply = "Here:\n```json\n{\"a\": 1}\n```\nbye";
        const auto range = streamingJsonRange(reply);
        QVERIFY(range);
        QCOMPARE(reply.substr(std::size_t(range->begin), std::size_t(range->length())), std::string("{\"a\": 1}\n"));
    }

    void trailingBackticks_areHeldBackInAFence()
    {
        QCOMPARE(streamingJsonRange("```json\n[1]`"), std::optional(SourceRange { 8, 11 }));
        QCOMPARE(streamingJsonRange("```json\n[1]``"), std::optional(SourceRange { 8, 11 }));
        QCOMPARE(streamingJsonRange("[1]``"), std::optional(SourceRange { 0, 5 })); // no fence: all of it
    }

    void openThinking_hidesEverything()
    {
        QVERIFY(!streamingJsonRange("{\"a\": 1} <think> {\"b\""));
        QCOMPARE(streamingJsonRange("<think>{x}</think> [2]"), std::optional(SourceRange { 19, 22 }));
    }

    void incrementalLocator_equalsTheWholeTextRule()
    {
        QRandomGenerator random(15);
        for (const std::string &reply : replies()) {
            for (int round = 0; round < 100; ++round) {
                StreamingJsonLocator locator;
                std::size_t at = 0;
                while (at < reply.size()) {
                    // Byte by byte in the first round, then random pieces.
                    at = std::min(reply.size(), at + 1 + (round == 0 ? 0 : std::size_t(random.bounded(9))));
                    const std::string_view prefix = std::string_view(reply).substr(0, at);
                    locator.update(prefix);
                    const auto expected = streamingJsonRange(prefix);
                    QVERIFY2(
                        locator.range() == expected,
                        (std::string(prefix) + ": " + describe(locator.range()) + " instead of " + describe(expected))
                            .c_str());
                }
            }
        }
    }

    void tracker_equalsTheWholeTextProgress()
    {
        QRandomGenerator random(15);
        for (const std::string &reply : replies()) {
            const QString text = QString::fromStdString(reply);
            for (const ExtractionMode mode : { ExtractionMode::Json, ExtractionMode::Tools }) {
                StreamProgressTracker tracker(mode);
                qsizetype at = 0;
                while (at < text.size()) {
                    const qsizetype next = std::min(text.size(), at + 1 + random.bounded(7));
                    tracker.append(QStringView(text).mid(at, next - at));
                    at = next;
                    tracker.refresh();
                    const QString prefix = text.left(at);
                    const StreamProgress expected = streamProgressFor(mode, prefix, prefix);
                    const auto value = tracker.value();
                    const QByteArray where = prefix.toUtf8();
                    QVERIFY2(bool(value) == expected.hasPartialValue, where.constData());
                    if (!value)
                        continue;
                    QVERIFY2(value->value == expected.partialValue(), where.constData());
                    QVERIFY2(value->completePointers == expected.completePointers(), where.constData());
                    QCOMPARE(tracker.isComplete(), expected.complete);
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestStreamingJsonLocator)
#include "tst_streamingjsonlocator.moc"
