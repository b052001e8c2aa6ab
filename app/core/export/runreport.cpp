// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/runreport.h"

#include "common/compactjson.h"
#include "json/sourcemap.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

#include <algorithm>
#include <map>
#include <set>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString esc(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

QString fieldOf(const std::string &pointer)
{
    QStringList tokens = QString::fromStdString(pointer).split(u'/');
    for (QString &token : tokens) {
        bool number = false;
        token.toLongLong(&number);
        if (number)
            token = QStringLiteral("*");
    }
    return tokens.join(u'/');
}

const char *const style = R"css(
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #ffffff; --muted: #6e6e73; --line: #d2d2d7; --sel: #0a64d2; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ed; --bg: #1c1c1e; --muted: #a1a1a6; --line: #3a3a3c; --sel: #4ea1ff; } }
body { font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 1200px; padding: 16px 24px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.verdict.ok { color: #1a7f37; } .verdict.bad { color: #c62828; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; } tr[data-pointer] { cursor: pointer; } tr.sel { outline: 2px solid var(--sel); }
code, pre { font: 12.5px/1.5 ui-monospace, monospace; } pre { white-space: pre-wrap; word-wrap: break-word; border: 1px solid var(--line); padding: 10px; border-radius: 6px; }
#document { max-height: 70vh; overflow: auto; }
mark { color: inherit; border-radius: 2px; cursor: pointer; } mark.sel { outline: 2px solid var(--sel); }
.k-absent { color: #c62828; font-weight: 600; } .k-fuzzy, .k-ambiguous { color: #b26a00; }
.chip { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: middle; }
.meta td:first-child { color: var(--muted); width: 14em; } details { margin: 6px 0; } .muted { color: var(--muted); }
)css";

const char *const script = R"js(
(function () {
  'use strict';
  function marksOf(pointer) {
    return Array.prototype.filter.call(document.querySelectorAll('mark[data-p]'), function (m) {
      return m.getAttribute('data-p').split(' ').indexOf(encodeURIComponent(pointer)) >= 0;
    });
  }
  function clear() {
    document.querySelectorAll('.sel').forEach(function (e) { e.classList.remove('sel'); });
  }
  function select(pointer, scrollTo) {
    clear();
    var row = document.querySelector('tr[data-pointer="' + CSS.escape(pointer) + '"]');
    if (row) row.classList.add('sel');
    var marks = marksOf(pointer);
    marks.forEach(function (m) { m.classList.add('sel'); });
    if (scrollTo && marks.length) marks[0].scrollIntoView({ block: 'center' });
    document.body.setAttribute('data-selected', pointer);
    document.body.setAttribute('data-selected-spans', String(marks.length));
    return marks.length;
  }
  document.querySelectorAll('tr[data-pointer]').forEach(function (row) {
    row.addEventListener('click', function () { select(row.getAttribute('data-pointer'), true); });
  });
  document.querySelectorAll('mark[data-p]').forEach(function (mark) {
    mark.addEventListener('click', function () {
      var pointer = decodeURIComponent(mark.getAttribute('data-p').split(' ')[0]);
      select(pointer, false);
      var row = document.querySelector('tr[data-pointer="' + CSS.escape(pointer) + '"]');
      if (row) row.scrollIntoView({ block: 'nearest' });
    });
  });
  var hash = decodeURIComponent(location.hash || '');
  if (hash.indexOf('#select=') === 0) { // a link to one value: as if its row were clicked
    var wanted = document.querySelector('tr[data-pointer="' + CSS.escape(hash.substring(8)) + '"]');
    if (wanted) wanted.click(); else select(hash.substring(8), true);
  }
  window.formworkSelect = select;
})();
)js";

struct Segment {
    qsizetype begin = 0;
    qsizetype end = 0;
    std::vector<std::size_t> values; // indices into grounding.values()
};

// The document cut where spans begin and end, each piece with the values covering it, so that
// overlapping spans become a run of non-overlapping marks.
std::vector<Segment> segments(const QString &document, const Grounding &grounding)
{
    std::map<qsizetype, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> events; // starts, ends
    for (std::size_t i = 0; i < grounding.values().size(); ++i)
        for (const TextSpan &span : grounding.values()[i].spans)
            if (span.begin >= 0 && span.end <= document.size() && span.begin < span.end) {
                events[span.begin].first.push_back(i);
                events[span.end].second.push_back(i);
            }
    std::vector<Segment> out;
    std::multiset<std::size_t> open;
    qsizetype at = 0;
    for (const auto &[offset, change] : events) {
        if (offset > at)
            out.push_back({ at, offset, std::vector<std::size_t>(open.begin(), open.end()) });
        for (const std::size_t i : change.second)
            open.erase(open.find(i));
        for (const std::size_t i : change.first)
            open.insert(i);
        at = offset;
    }
    if (at < document.size())
        out.push_back({ at, document.size(), {} });
    return out;
}

int pageOf(const RunReport &report, qsizetype offset)
{
    int page = 0;
    for (const auto &[start, number] : report.pageStarts)
        if (start <= offset)
            page = number;
    return page;
}

QString valueText(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : compactJsonText(value);
}

// Every scalar of the value with its pointer, in document order.
void scalars(const Json &value, const std::string &pointer, std::vector<std::pair<std::string, const Json *>> &out)
{
    if (value.is_object()) {
        for (const auto &[key, member] : value.items())
            scalars(member, SourceMap::appendToken(pointer, key), out);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            scalars(value[i], SourceMap::appendToken(pointer, std::to_string(i)), out);
    } else {
        out.emplace_back(pointer, &value);
    }
}

} // namespace

QByteArray renderRunReport(const RunReport &report)
{
    const Grounding &grounding = report.grounding;
    std::map<QString, int> fields;
    for (const GroundedValue &v : grounding.values())
        fields.emplace(fieldOf(v.pointer), int(fields.size()));
    QString css = QString::fromUtf8(style);
    for (const auto &[field, index] : fields) {
        const int hue = int(index * 137.508) % 360;
        css += QStringLiteral(".f%1 { background: hsl(%2, 85%, 82%); } @media (prefers-color-scheme: dark) { .f%1 { "
                              "background: hsl(%2, 45%, 32%); } }\n")
                   .arg(index)
                   .arg(hue);
    }

    QString html;
    html += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                           "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">");
    html += QStringLiteral("<title>%1</title><style>%2</style></head><body>\n")
                .arg(esc(QCoreApplication::translate("RunReport", "Formwork report: %1").arg(report.title)), css);
    html += QStringLiteral("<h1>%1</h1>\n<p class=\"verdict %2\">%3</p>\n")
                .arg(esc(QCoreApplication::translate("RunReport", "Formwork report: %1").arg(report.title)),
                     report.valid ? u"ok" : u"bad", esc(report.verdict));

    // Run facts.
    html += QStringLiteral("<table class=\"meta\">");
    auto fact = [&html](const QString &name, const QString &value) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(esc(name), esc(value));
    };
    fact(QCoreApplication::translate("RunReport", "Model"), report.model);
    fact(QCoreApplication::translate("RunReport", "Mode"), report.mode);
    fact(QCoreApplication::translate("RunReport", "Attempts"), QString::number(report.attempts.size()));
    fact(QCoreApplication::translate("RunReport", "Tokens (prompt + completion)"),
         QStringLiteral("%1 + %2").arg(report.promptTokens).arg(report.completionTokens));
    fact(QCoreApplication::translate("RunReport", "Wall time"),
         QCoreApplication::translate("RunReport", "%1 s").arg(double(report.wallTimeMs) / 1000.0, 0, 'f', 2));
    if (!report.settings.is_null() && !report.settings.empty())
        fact(QCoreApplication::translate("RunReport", "Settings"), QString::fromStdString(report.settings.dump()));
    if (!report.sourceName.isEmpty())
        fact(QCoreApplication::translate("RunReport", "Source"), report.sourceName);
    fact(QCoreApplication::translate("RunReport", "Found in the source"),
         QCoreApplication::translate("RunReport", "%1 of %2 values")
             .arg(grounding.size() - grounding.count(MatchKind::Absent))
             .arg(grounding.size()));
    html += QStringLiteral("</table>\n");

    // Values.
    html += QStringLiteral(
                "<h2>%1</h2>\n<table id=\"values\"><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>\n")
                .arg(esc(QCoreApplication::translate("RunReport", "Values")),
                     esc(QCoreApplication::translate("RunReport", "Field")),
                     esc(QCoreApplication::translate("RunReport", "Value")),
                     esc(QCoreApplication::translate("RunReport", "In the source")),
                     esc(QCoreApplication::translate("RunReport", "Score")),
                     esc(QCoreApplication::translate("RunReport", "Page")));
    std::vector<std::pair<std::string, const Json *>> leaves;
    scalars(report.value, std::string(), leaves);
    for (const auto &[pointer, value] : leaves) {
        const GroundedValue *g = grounding.find(pointer);
        const QString kind = g ? matchKindName(g->kind) : QCoreApplication::translate("RunReport", "not looked for");
        QString chip;
        if (g && g->isGrounded())
            chip = QStringLiteral("<span class=\"chip f%1\"></span>").arg(fields[fieldOf(pointer)]);
        const QString page = g && !g->spans.empty() && !report.pageStarts.empty()
            ? QString::number(pageOf(report, g->spans.front().begin))
            : QString();
        html
            += QStringLiteral("<tr data-pointer=\"%1\" tabindex=\"0\"><td>%2<code>%1</code></td><td>%3</td>"
                              "<td class=\"k-%4\">%5</td><td>%6</td><td>%7</td></tr>\n")
                   .arg(esc(pointer), chip, esc(valueText(*value)), g ? matchKindName(g->kind) : QStringLiteral("none"),
                        esc(kind), g ? QString::number(g->score, 'f', 2) : QString(), page);
    }
    html += QStringLiteral("</table>\n");

    if (!report.conflicts.empty()) {
        html += QStringLiteral("<h2>%1</h2>\n<ul id=\"conflicts\">")
                    .arg(esc(QCoreApplication::translate("RunReport", "Conflicts between chunks")));
        for (const MergeConflict &c : report.conflicts) {
            QStringList values;
            for (std::size_t v = 0; v < c.values.size(); ++v)
                values.append(esc(QString::fromStdString(c.values[v].dump()))
                              + (v == c.chosen ? esc(QCoreApplication::translate("RunReport", " (kept)")) : QString()));
            html += QStringLiteral("<li><code>%1</code>: %2</li>")
                        .arg(esc(c.pointer), values.join(QStringLiteral(" / ")));
        }
        html += QStringLiteral("</ul>\n");
    }

    // The document with its marks.
    html += QStringLiteral("<h2>%1</h2>\n<pre id=\"document\">")
                .arg(esc(QCoreApplication::translate("RunReport", "Source")));
    for (const Segment &s : segments(report.document, grounding)) {
        const QString text = esc(report.document.mid(s.begin, s.end - s.begin));
        if (s.values.empty()) {
            html += text;
            continue;
        }
        QStringList pointers;
        for (const std::size_t i : s.values)
            pointers.append(
                QString::fromUtf8(QUrl::toPercentEncoding(QString::fromStdString(grounding.values()[i].pointer))));
        const GroundedValue &first = grounding.values()[s.values.back()];
        html += QStringLiteral("<mark class=\"f%1\" data-p=\"%2\" title=\"%3\">%4</mark>")
                    .arg(fields[fieldOf(first.pointer)])
                    .arg(esc(pointers.join(u' ')), esc(QString::fromStdString(first.pointer)), text);
    }
    html += QStringLiteral("</pre>\n");

    // Attempts.
    html += QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("RunReport", "Attempts")));
    for (const AttemptRecord &a : report.attempts) {
        html += QStringLiteral("<details%1><summary>%2</summary>")
                    .arg(a.isValid() ? QString() : QStringLiteral(" open"),
                         esc(QCoreApplication::translate("RunReport", "Attempt %1: %2, %3 + %4 tokens, %5 ms")
                                 .arg(a.number)
                                 .arg(attemptOutcomeName(a.outcome))
                                 .arg(a.usage.promptTokens)
                                 .arg(a.usage.completionTokens)
                                 .arg(a.wallTimeMs)));
        if (!a.errors.isEmpty() || !a.parseError.isEmpty()) {
            html += QStringLiteral("<ul class=\"errors\">");
            if (!a.parseError.isEmpty())
                html += QStringLiteral("<li>%1</li>").arg(esc(a.parseError));
            for (const ValidationError &e : a.errors)
                html += QStringLiteral("<li><code>%1</code> %2</li>")
                            .arg(esc(e.instancePath.isEmpty() ? QStringLiteral("/") : e.instancePath), esc(e.message));
            html += QStringLiteral("</ul>");
        }
        if (!a.errorText.isEmpty() && !a.isValid())
            html += QStringLiteral("<p class=\"muted\">%1</p><pre>%2</pre>")
                        .arg(esc(QCoreApplication::translate("RunReport", "Reask:")), esc(a.errorText));
        html += QStringLiteral("<pre>%1</pre></details>\n").arg(esc(a.content));
    }
    html += QStringLiteral("<p class=\"muted\">%1</p>\n")
                .arg(esc(QCoreApplication::translate("RunReport", "Made by Formwork; this page needs no network.")));
    html += QStringLiteral("<script>%1</script>\n</body></html>\n").arg(QString::fromUtf8(script));
    return html.toUtf8();
}

} // namespace Formwork
