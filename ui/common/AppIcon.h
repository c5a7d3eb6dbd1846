// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The application's icon (resources/icons/hiscrm.svg, embedded as PNGs through
// resources/hiscrm.qrc): the window, the tray at rest and the About page show it.

#include <QIcon>

namespace hiscrm::ui {

QIcon appIcon();
// The sizes embedded, smallest first.
const QList<int> &appIconSizes();

} // namespace hiscrm::ui
