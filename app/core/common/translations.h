// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QCoreApplication;
class QLocale;

namespace Formwork {

// Installs Formwork's catalogue and Qt's own for the locale on the application.
// Returns false when there is no Formwork translation for that locale (English is built in).
bool installTranslations(QCoreApplication *app, const QLocale &locale);

} // namespace Formwork
