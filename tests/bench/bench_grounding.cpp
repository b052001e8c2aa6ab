// SPDX-License-Identifier: GPL-3.0-or-later
// Source grounding time: a generated document of about 1 MB and 1,000 extracted values (exact,
// case-changed, numbers, with a typo, absent), aligned with the document.
//   build/<preset>/tests/bench/bench_grounding [megabytes] [values] [rounds]
#include "grounding/grounder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStringList>
#include <QTextStream>

#include <algorithm>

using namespace Formwork;
using Json = nlohmann::ordered_json;

namespace {

QString word(QRandomGenerator &random)
{
    static const QString letters = QStringLiteral("abcdefghijklmnoprstuvwyz\u00e9");
    QString w;
    const int length = 2 + int(random.bounded(9));
    for (int i = 0; i < length; ++i)
        w.append(letters[qsizetype(random.bounded(quint32(letters.size())))]);
    return w;
}

QString document(QRandomGenerator &random, qsizetype size, const QStringList &vocabulary)
{
    QString doc;
    doc.reserve(size + 100);
    int inSentence = 0;
    while (doc.size() < size) {
        QString w = vocabulary[qsizetype(random.bounded(quint32(vocabulary.size())))];
        if (inSentence == 0)
            w[0] = w[0].toUpper();
        doc.append(w);
        if (random.bounded(40) == 0)
            doc.append(QStringLiteral(" %L1").arg(random.bounded(100000) / 100.0, 0, 'f', 2));
        if (++inSentence > 8 + int(random.bounded(12))) {
            doc.append(random.bounded(5) == 0 ? QStringLiteral(".\n\n") : QStringLiteral(". "));
            inSentence = 0;
        } else {
            doc.append(u' ');
        }
    }
    return doc;
}

// A run of 1 to 4 words starting at a word start near `at`.
QString phraseAt(const QString &doc, qsizetype at, int words)
{
    while (at > 0 && doc[at - 1] != u' ')
        --at;
    qsizetype end = at;
    for (int i = 0; i < words && end < doc.size(); ++i) {
        end = doc.indexOf(u' ', end + 1);
        if (end < 0)
            end = doc.size();
    }
    return doc.mid(at, end - at).remove(u'.').remove(u'\n').trimmed();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const double megabytes = args.size() > 1 ? args[1].toDouble() : 1.0;
    const int valueCount = args.size() > 2 ? args[2].toInt() : 1000;
    const int rounds = args.size() > 3 ? args[3].toInt() : 5;
    QTextStream out(stdout);

    QRandomGenerator random(13);
    QStringList vocabulary;
    for (int i = 0; i < 20000; ++i)
        vocabulary.append(word(random));
    const QString doc = document(random, qsizetype(megabytes * 1024 * 1024), vocabulary);

    Json values = Json::array();
    for (int i = 0; i < valueCount; ++i) {
        const qsizetype at = qsizetype(random.bounded(quint32(doc.size())));
        QString phrase = phraseAt(doc, at, 1 + int(random.bounded(4)));
        switch (i % 20) {
        case 0: // a number
            values.push_back(random.bounded(100000) / 100.0);
            continue;
        case 1:
        case 2: // case changed
            phrase = phrase.toUpper();
            break;
        case 3:
        case 4: // a typo
            if (phrase.size() > 4)
                phrase[phrase.size() / 2] = u'x';
            break;
        case 5: // absent
            phrase = word(random) + u' ' + word(random) + QStringLiteral("qq");
            break;
        default:
            break;
        }
        values.push_back(Json { { "text", phrase.toStdString() } });
    }

    std::vector<qint64> indexTimes;
    std::vector<qint64> groundTimes;
    Grounding grounding;
    for (int round = 0; round < rounds; ++round) {
        QElapsedTimer timer;
        timer.start();
        Grounder grounder(doc);
        indexTimes.push_back(timer.nsecsElapsed() / 1000);
        timer.restart();
        grounding = grounder.ground(values);
        groundTimes.push_back(timer.nsecsElapsed() / 1000);
    }
    std::sort(indexTimes.begin(), indexTimes.end());
    std::sort(groundTimes.begin(), groundTimes.end());
    const auto median = [](const std::vector<qint64> &v) { return v[v.size() / 2]; };
    out << QStringLiteral("document: %1 UTF-16 units (%2 MB as UTF-8), values: %3, rounds: %4\n")
               .arg(doc.size())
               .arg(double(doc.toUtf8().size()) / 1024.0 / 1024.0, 0, 'f', 2)
               .arg(grounding.size())
               .arg(rounds);
    out << QStringLiteral("fold + index the document: median %1 ms\n")
               .arg(double(median(indexTimes)) / 1000.0, 0, 'f', 1);
    out << QStringLiteral("ground %1 values: median %2 ms\n")
               .arg(grounding.size())
               .arg(double(median(groundTimes)) / 1000.0, 0, 'f', 1);
    out << QStringLiteral("total: median %1 ms\n")
               .arg(double(median(indexTimes) + median(groundTimes)) / 1000.0, 0, 'f', 1);
    out << QStringLiteral("kinds: exact %1, tolerant %2, fuzzy %3, ambiguous %4, absent %5\n")
               .arg(grounding.count(MatchKind::Exact))
               .arg(grounding.count(MatchKind::Tolerant))
               .arg(grounding.count(MatchKind::Fuzzy))
               .arg(grounding.count(MatchKind::Ambiguous))
               .arg(grounding.count(MatchKind::Absent));
    return 0;
}
