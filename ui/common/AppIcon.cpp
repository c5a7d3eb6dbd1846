// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/AppIcon.h"

#include <QString>

// The resource is compiled into this static library: its initializer must be called by name, or
// the linker may leave it out of the app.
static void initResources()
{
    Q_INIT_RESOURCE(hiscrm);
}

namespace hiscrm::ui {

const QList<int> &appIconSizes()
{
    static const QList<int> sizes{16, 22, 24, 32, 48, 64, 128, 256, 512};
    return sizes;
}

QIcon appIcon()
{
    static const QIcon icon = [] {
        initResources();
        QIcon i;
        for (int size : appIconSizes())
            i.addFile(QStringLiteral(":/icons/hiscrm-%1.png").arg(size), QSize(size, size));
        return i;
    }();
    return icon;
}

} // namespace hiscrm::ui
