// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

namespace Formwork {

// The text of an HTML document: tags removed, the content of <script>, <style>, <head> and
// comments dropped, block ends (p, div, li, br, headings, table rows) as line breaks, runs of
// spaces folded to one, character references (&amp; &#233; &#x4E2D; and the common named ones)
// decoded. No Gui: a small scanner, not a browser, enough to extract from saved pages.
QString htmlToText(QStringView html);

} // namespace Formwork
