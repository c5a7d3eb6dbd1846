// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one wall clock of the product: milliseconds since the Unix epoch (UTC), the unit of every
// stored time (created_at, read/muted-until, last-seen). Elapsed time is measured with
// QElapsedTimer instead, which never jumps with the system clock.

#include <QDateTime>

namespace hiscrm {

inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace hiscrm
