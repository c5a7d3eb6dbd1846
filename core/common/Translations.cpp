// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace hiscrm {

QStringList availableLanguages()
{
    return {QStringLiteral("zh_CN"), QStringLiteral("en")};
}

QString installTranslations(const QLocale &locale)
{
    static QPointer<QTranslator> ours;
    static QPointer<QTranslator> qt;
    for (QTranslator *t : {ours.data(), qt.data()}) {
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    // Chinese of any region reads Simplified Chinese best among what we ship.
    const QString code =
        locale.language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
    ours = new QTranslator(QCoreApplication::instance());
    if (ours->load(QStringLiteral(":/i18n/hiscrm_%1.qm").arg(code)))
        QCoreApplication::installTranslator(ours);
    qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return code;
}

} // namespace hiscrm
