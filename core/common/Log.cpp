// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Log.h"

#include "common/Error.h"

Q_LOGGING_CATEGORY(lcStore, "hiscrm.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSearch, "hiscrm.search", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "hiscrm.demo", QtInfoMsg)

namespace hiscrm {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return QStringLiteral("none");
    case ErrorCode::InvalidArgument:
        return QStringLiteral("invalid_argument");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::NotADatabase:
        return QStringLiteral("not_a_database");
    case ErrorCode::ForeignDatabase:
        return QStringLiteral("foreign_database");
    case ErrorCode::TooNew:
        return QStringLiteral("too_new");
    case ErrorCode::Corrupt:
        return QStringLiteral("corrupt");
    case ErrorCode::Io:
        return QStringLiteral("io");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    case ErrorCode::Forbidden:
        return QStringLiteral("forbidden");
    }
    return QStringLiteral("internal");
}

} // namespace hiscrm
