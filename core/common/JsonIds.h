// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Our ids as a JSON array (exact: they stay below 2^53).

#include <QJsonArray>
#include <QList>

namespace hiscrm {

inline QJsonArray idsToJson(const QList<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(id);
    return a;
}

} // namespace hiscrm
