// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The fast path for the frame a worker sends most: a data_sync read from its UTF-8 text straight
// into a Batch, without building a QJsonDocument and a QJsonObject per record on the way (those
// took a quarter of the master thread's time in worker ingest).

#include "model/Model.h"

#include <QByteArrayView>
#include <QJsonValue>

#include <optional>

namespace hiscrm::protocol {

struct DataSyncFrame
{
    QJsonValue id = QJsonValue(QJsonValue::Undefined); // a string or an integer; Undefined when absent
    model::Batch batch;
};

// Decodes {"type":"data_sync","id":...,"v":1,"batch":{...}}. It accepts only frames that
// parseFrame and batchFromJson accept, and then yields exactly what they would. Anything else
// returns nothing and the caller takes the general path, which accepts or words the error: another
// type, a frame with any error, a field other than type, id, v and batch at the top, a duplicate
// field, an escape in a field name, a number written other than as a plain integer (1.0, 1e3), an
// id that is not a string or such an integer.
std::optional<DataSyncFrame> decodeDataSync(QByteArrayView utf8);

} // namespace hiscrm::protocol
