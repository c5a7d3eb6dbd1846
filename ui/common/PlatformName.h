// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace hiscrm::ui {

// How a platform is named to the operator: the demo's in the operator's language, a real one by
// its id as the connector reports it.
inline QString platformName(const QString &platform)
{
    if (platform == u"demo")
        return QCoreApplication::translate("hiscrm::ui::Sidebar", "Demo");
    return platform;
}

} // namespace hiscrm::ui
