// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

namespace hiscrm {

// Installs the app's message catalogue for `locale` (Simplified Chinese or English; any other
// language falls back to English) and Qt's own, replacing what an earlier call installed. Returns
// the catalogue's language code ("zh_CN" or "en").
QString installTranslations(const QLocale &locale);

// The languages we ship, as codes for installTranslations / QLocale.
QStringList availableLanguages();

} // namespace hiscrm
