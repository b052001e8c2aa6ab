// SPDX-License-Identifier: GPL-3.0-or-later
// GUI-thread time of the Source view (issue 13): showing a document of about 1 MB, then its
// grounding with 1,000 highlighted values, then the first paint (run with QT_QPA_PLATFORM=offscreen).
// A long document is laid out on a worker, and many spans are placed on one: for each step the
// figures are the call and the longest the GUI thread went without returning to its event loop
// until the step's result was shown (the stall a user feels; the goal is under 16 ms, one frame),
// and the wall time until then; then a jump to the last value and its paint, then replacing the
// document (clear()).
//   build/<preset>/tests/bench/bench_sourceview [megabytes] [values] [rounds]
#include "documents/sourceview.h"
#include "grounding/grounder.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

// Sentences of lines about 80 characters long, paragraphs every few lines.
QString document(qsizetype size)
{
    QRandomGenerator random(7);
    static const QStringList words
        = { QStringLiteral("contract"), QStringLiteral("buyer"),     QStringLiteral("seller"),
            QStringLiteral("Zürich"),   QStringLiteral("warehouse"), QStringLiteral("robot"),
            QStringLiteral("delivery"), QStringLiteral("the"),       QStringLiteral("of") };
    QString doc;
    doc.reserve(size + 100);
    qsizetype lineStart = 0;
    while (doc.size() < size) {
        doc.append(words[qsizetype(random.bounded(quint32(words.size())))]);
        if (random.bounded(30) == 0)
            doc.append(QStringLiteral(" %1").arg(random.bounded(100000)));
        if (doc.size() - lineStart > 80) {
            doc.append(random.bounded(6) == 0 ? QStringLiteral("\n\n") : QStringLiteral("\n"));
            lineStart = doc.size();
        } else {
            doc.append(u' ');
        }
    }
    return doc;
}

// `count` values cut out of the document, so each is found.
Json valuesOf(const QString &doc, int count)
{
    Json values = Json::array();
    const qsizetype step = doc.size() / (count + 1);
    for (int i = 1; i <= count; ++i) {
        qsizetype at = step * i;
        while (at > 0 && doc[at - 1] != u' ' && doc[at - 1] != u'\n')
            --at;
        qsizetype end = doc.indexOf(u' ', at + 1);
        end = doc.indexOf(u' ', end + 1);
        values.push_back(doc.mid(at, end - at).toStdString());
    }
    return Json { { "values", values } };
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// Runs the event loop until `signal` of `sender` (when `pending`), and returns the longest the
// GUI thread went without coming back to it, `before` (the call that started the step) included.
template<typename Signal> double longestStall(const Ui::SourceView &sender, Signal signal, bool pending, double before)
{
    double longest = before;
    if (!pending)
        return longest;
    QEventLoop loop;
    QObject::connect(&sender, signal, &loop, &QEventLoop::quit);
    QElapsedTimer gap;
    gap.start();
    QTimer tick;
    tick.setInterval(0);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        longest = std::max(longest, msSince(gap));
        gap.restart();
    });
    tick.start();
    loop.exec();
    return std::max(longest, msSince(gap)); // the step that showed it
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const double megabytes = args.size() > 1 ? args[1].toDouble() : 1.0;
    const int count = args.size() > 2 ? args[2].toInt() : 1000;
    const int rounds = args.size() > 3 ? args[3].toInt() : 5;
    const QString doc = document(qsizetype(megabytes * 1024 * 1024));
    const Grounding grounding = Grounder(doc, {}).ground(valuesOf(doc, count));

    std::vector<double> called, stalls, shownAfter, grounded, groundStalls, groundedAfter, painted, jumped, cleared,
        plain;
    const std::string lastPointer = grounding.values().back().pointer;
    for (int round = 0; round < rounds; ++round) {
        Ui::SourceView view;
        view.resize(600, 800);
        view.show();
        QElapsedTimer timer;
        timer.start();
        view.setDocument(doc);
        called.push_back(msSince(timer));
        stalls.push_back(longestStall(view, &Ui::SourceView::documentShown, view.isLoading(), called.back()));
        shownAfter.push_back(msSince(timer));

        timer.restart();
        view.setGrounding(grounding);
        grounded.push_back(msSince(timer));
        groundStalls.push_back(
            longestStall(view, &Ui::SourceView::highlightsShown, view.isPlacingHighlights(), grounded.back()));
        groundedAfter.push_back(msSince(timer));
        timer.restart();
        view.grab();
        painted.push_back(msSince(timer));

        // The result tree asks for the last value: the view jumps there and paints it.
        timer.restart();
        view.selectPointer(QString::fromStdString(lastPointer));
        view.grab();
        jumped.push_back(msSince(timer));

        timer.restart();
        view.clear();
        cleared.push_back(msSince(timer));
        QCoreApplication::processEvents();

        // For comparison: what setDocument() did before (the text set on the GUI thread).
        QPlainTextEdit edit;
        edit.resize(600, 800);
        edit.show();
        timer.restart();
        edit.setPlainText(doc);
        plain.push_back(msSince(timer));
    }
    QTextStream out(stdout);
    std::size_t spans = 0;
    for (const GroundedValue &v : grounding.values())
        spans += v.spans.size();
    const auto ms = [](const std::vector<double> &v) -> QString {
        return QString::number(median(v), 'f', 1) + QStringLiteral(" ms");
    };
    out << "document: " << doc.size() << " characters, " << grounding.size() << " values, " << spans
        << " highlighted spans" << Qt::endl;
    out << "QPlainTextEdit::setPlainText on the GUI thread (the old setDocument): median " << ms(plain) << Qt::endl;
    out << "setDocument call: median " << ms(called) << Qt::endl;
    out << "longest GUI-thread step until shown: median " << ms(stalls) << Qt::endl;
    out << "shown after (wall): median " << ms(shownAfter) << Qt::endl;
    out << "setGrounding call (lists; spans placed on a worker): median " << ms(grounded) << Qt::endl;
    out << "longest GUI-thread step until highlighted: median " << ms(groundStalls) << Qt::endl;
    out << "highlighted after (wall): median " << ms(groundedAfter) << Qt::endl;
    out << "first paint: median " << ms(painted) << Qt::endl;
    out << "selectPointer(last value) and paint: median " << ms(jumped) << Qt::endl;
    out << "clear (the long document freed on a worker): median " << ms(cleared) << Qt::endl;
    const double worst
        = std::max({ median(stalls), median(groundStalls), median(painted), median(jumped), median(cleared) });
    out << "longest GUI-thread stall of any step: median " << QString::number(worst, 'f', 1) << " ms"
        << (worst <= 16.0 ? " (within one 16 ms frame)" : " (over one 16 ms frame)") << Qt::endl;
    return 0;
}
