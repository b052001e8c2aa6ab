// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/extractionrequest.h"
#include "schema/schema.h"
#include "timeline/replyfolding.h"
#include "timeline/replyview.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace Formwork;
using namespace Formwork::Ui;

namespace {

// One line of compact JSON, `items` objects long, with a string that holds commas and spaces.
QString compactJson(int items)
{
    QString text = QStringLiteral("{\"items\": [");
    for (int i = 0; i < items; ++i)
        text += QStringLiteral("%1{\"id\": %2, \"note\": \"a, b, c and d, all in one string\"}")
                    .arg(i == 0 ? QString() : QStringLiteral(", "))
                    .arg(i);
    return text + QStringLiteral("]}");
}

QString unfold(const QString &shown, const ReplyFolding &folding)
{
    QString content;
    for (qsizetype i = 0; i < shown.size(); ++i) {
        if (folding.toContent(i) == folding.toContent(i + 1) && shown.at(i) == u'\n')
            continue; // a fold: the next shown position maps to the same character
        content.append(shown.at(i));
    }
    return content;
}

// Whether display position `position` lies inside a JSON string of `shown` (scanning its line).
bool insideString(const QString &content, qsizetype contentPosition)
{
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < contentPosition; ++i) {
        const QChar c = content.at(i);
        if (escaped)
            escaped = false;
        else if (inString && c == u'\\')
            escaped = true;
        else if (c == u'"')
            inString = !inString;
    }
    return inString;
}

} // namespace

class TestReplyFolding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortLines_areNotFolded()
    {
        ReplyFolding folding;
        const QString text = QStringLiteral("{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n");
        QCOMPARE(folding.append(text), text);
        QCOMPARE(folding.foldCount(), 0);
        QCOMPARE(folding.toDisplay(5), qsizetype(5));
        QCOMPARE(folding.toContent(5), qsizetype(5));
    }

    void longLine_isFoldedOutsideStringsIntoShortBlocks()
    {
        ReplyFolding folding;
        const QString content = compactJson(600);
        const QString shown = folding.append(content);
        QVERIFY(folding.foldCount() > content.size() / ReplyFolding::maximumLineLength);
        QCOMPARE(shown.size(), content.size() + folding.foldCount());
        for (const QStringView line : QStringView(shown).split(u'\n'))
            QVERIFY2(line.size() <= ReplyFolding::maximumLineLength, qPrintable(QString::number(line.size())));
        QCOMPARE(unfold(shown, folding), content);
        // Every fold comes after a comma, bracket or space outside a string.
        for (qsizetype i = 0; i < shown.size(); ++i) {
            if (shown.at(i) != u'\n')
                continue;
            const qsizetype at = folding.toContent(i);
            QVERIFY(!insideString(content, at));
            QVERIFY(QStringLiteral(",{[ ").contains(content.at(at - 1)));
            QVERIFY(content.at(at) != u' '); // a folded line starts with its token
        }
    }

    void positions_mapBothWays()
    {
        ReplyFolding folding;
        const QString content = compactJson(300);
        const QString shown = folding.append(content);
        for (qsizetype c = 0; c < content.size(); ++c) {
            const qsizetype d = folding.toDisplay(c);
            QCOMPARE(shown.at(d), content.at(c));
            QCOMPARE(folding.toContent(d), c);
        }
        QCOMPARE(folding.toDisplay(content.size()), shown.size());
        QCOMPARE(folding.toContent(shown.size()), content.size());
    }

    void appendInPieces_foldsAsAppendAtOnce()
    {
        const QString content = compactJson(400);
        ReplyFolding whole;
        const QString shownWhole = whole.append(content);
        ReplyFolding pieces;
        QString shownPieces;
        for (qsizetype i = 0; i < content.size(); i += 7)
            shownPieces += pieces.append(QStringView(content).mid(i, 7));
        QCOMPARE(shownPieces, shownWhole);
        QCOMPARE(pieces.foldCount(), whole.foldCount());
    }

    void lineWithoutFoldPoints_isFoldedAtMaximumButNeverInsideASurrogatePair()
    {
        // An emoji (two UTF-16 units) per position: a forced fold must not split one.
        QString content;
        while (content.size() < 3 * ReplyFolding::maximumLineLength + 5)
            content += QStringLiteral("x😀");
        ReplyFolding folding;
        const QString shown = folding.append(content);
        QVERIFY(folding.foldCount() >= 2);
        for (const QStringView line : QStringView(shown).split(u'\n')) {
            QVERIFY(line.size() <= ReplyFolding::maximumLineLength + 1);
            QVERIFY(!line.front().isLowSurrogate());
            QVERIFY(!line.back().isHighSurrogate());
        }
    }

    void replyView_showsAFoldedLongLineButKeepsTheReply()
    {
        ReplyView view;
        view.resize(800, 400);
        const QString content = compactJson(800);
        // Streamed in pieces, as a run does.
        for (qsizetype i = 0; i <= content.size(); i += 500)
            view.setStreamText(content.left(i));
        view.setStreamText(content);
        QCOMPARE(view.replyText(), content);
        QVERIFY(view.document()->blockCount() > 10);
        for (QTextBlock b = view.document()->begin(); b.isValid(); b = b.next())
            QVERIFY(b.length() <= ReplyFolding::maximumLineLength + 1);

        // A span in reply positions is selected on the right characters.
        const qsizetype begin = content.indexOf(QStringLiteral("{\"id\": 700,"));
        QVERIFY(begin > 0);
        const QString item = QStringLiteral("{\"id\": 700, \"note\": \"a, b, c and d, all in one string\"}");
        view.selectSpan(begin, item.size());
        QCOMPARE(view.textCursor().selectedText().remove(QChar::ParagraphSeparator), item);

        // Copying the whole text gives the reply without the folds.
        view.selectAll();
        view.copy();
        QCOMPARE(QApplication::clipboard()->text(), content);
    }

    void replyView_underlinesAnErrorSpanAfterFolds()
    {
        const QString content = compactJson(500);
        ReplyRendering rendering;
        rendering.text = content;
        const QString bad = QStringLiteral("\"id\": 450");
        const qsizetype at = content.indexOf(bad) + 6;
        ReplySpan error;
        error.begin = at;
        error.length = 3;
        error.kind = ReplySpan::Kind::Error;
        error.message = QStringLiteral("450 is too large");
        error.errorIndex = 0;
        rendering.spans.append(error);

        ReplyView view;
        view.setRendering(rendering);
        QVERIFY(view.folding().foldCount() > 0);
        QCOMPARE(view.problemsToolTip(int(at + 1)), error.message);
        const qsizetype shownAt = view.folding().toDisplay(at);
        const QTextBlock block = view.document()->findBlock(int(shownAt));
        bool underlined = false;
        for (const QTextLayout::FormatRange &range : view.blockFormats(block.blockNumber())) {
            if (range.format.underlineStyle() == QTextCharFormat::WaveUnderline)
                underlined = block.text().mid(range.start, range.length) == QStringLiteral("450");
        }
        QVERIFY(underlined);
        QVERIFY(view.selectError(0));
        QCOMPARE(view.textCursor().selectedText(), QStringLiteral("450"));
    }

    // A long reply is laid out on a worker thread with several lines to a text block (fewer
    // blocks to relayout on the GUI thread); the text, positions, marks and copy are unchanged.
    void loadedReply_linesGroupedIntoBlocks_positionsKept()
    {
        QString content = QStringLiteral("{\n  \"items\": [\n");
        for (int i = 0; i < 100; ++i)
            content += QStringLiteral("    {\"id\": %1},\n").arg(i);
        content += QStringLiteral("    {\"id\": \"last\"}\n  ]\n}");
        const auto schema = Schema::compile(nlohmann::ordered_json::parse(
            "{\"properties\": {\"items\": {\"items\": {\"properties\": {\"id\": {\"type\": \"integer\"}}}}}}"));
        QVERIFY(schema);
        AttemptRecord attempt;
        attempt.number = 1;
        attempt.content = content;
        evaluateReply(attempt, ExtractionMode::Json, *schema, QString());
        QCOMPARE(attempt.errors.size(), 1);

        ReplyView view;
        view.setAsyncLoadThreshold(0);
        QSignalSpy loaded(&view, &ReplyView::loaded);
        view.setAttempt(attempt, ExtractionMode::Json);
        QVERIFY(loaded.wait());
        QVERIFY2(view.document()->blockCount() < 20, qPrintable(QString::number(view.document()->blockCount())));
        QCOMPARE(view.toPlainText(), content);
        QVERIFY(view.selectError(0));
        QCOMPARE(view.textCursor().selectedText(), QStringLiteral("\"last\""));
        view.selectAll();
        view.copy();
        QCOMPARE(QApplication::clipboard()->text(), content);
    }
};

QTEST_MAIN(TestReplyFolding)
#include "tst_replyfolding.moc"
