// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// protocol/: the WebSocket wire protocol (docs/protocol.md is normative): frame parsing with hard
// limits, strict JSON <-> model conversion, stable error codes. Depends on model/ and common/.

#include "common/Error.h"
#include "model/Model.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <variant>

namespace hiscrm::protocol {

constexpr int kVersion = 1;
constexpr quint16 kDefaultPort = 7788;                // hiscrm-master listens on 127.0.0.1:7788
constexpr qsizetype kMaxFrameBytes = 4 * 1024 * 1024; // a larger frame is refused (too_large)
constexpr int kMaxBatchRecords = 5000;                // records in one data_sync
constexpr int kHeartbeatTimeoutMs = 30000;            // a peer silent this long is dropped
constexpr int kHeartbeatIntervalMs = 10000;           // pings / heartbeats every 10 s

// Stable error codes sent as "code" in error frames.
namespace code {
inline constexpr char BadJson[] = "bad_json";             // not a JSON object / not UTF-8 text
inline constexpr char BadRequest[] = "bad_request";       // wrong shape, missing field, wrong type
inline constexpr char UnknownType[] = "unknown_type";     // a type this version does not know
inline constexpr char UnknownOp[] = "unknown_op";         // a command op this version does not know
inline constexpr char TooLarge[] = "too_large";           // frame or batch over the limits
inline constexpr char Unauthorized[] = "unauthorized";    // missing or wrong token
inline constexpr char NotRegistered[] = "not_registered"; // worker message before register
inline constexpr char Unsupported[] = "unsupported";      // binary frame, wrong protocol version
inline constexpr char NotFound[] = "not_found";
inline constexpr char Conflict[] = "conflict";
inline constexpr char Invalid[] = "invalid"; // the store refused the content
inline constexpr char Internal[] = "internal";
inline constexpr char RateLimited[] = "rate_limited";
} // namespace code

// The stable code for a store/master Error.
const char *codeFor(const Error &error);

struct ProtocolError
{
    QString code; // one of code::*
    QString message;
};

// A parsed frame: {"type": "...", "id": ..., "v": 1, ...}. `id` is a string or number (may be
// absent for notifications); replies carry it back as "re".
struct Envelope
{
    QString type;
    QJsonValue id;    // Undefined when absent
    QJsonObject body; // the whole object
};

// Parses one text frame (its UTF-8 bytes as received). Checks size, UTF-8, JSON object, "type"
// string, "v" (if present) == 1, and "id" (if present) string or number.
std::variant<Envelope, ProtocolError> parseFrame(const QByteArray &utf8);

QByteArray errorFrame(const QJsonValue &re, const QString &code, const QString &message);
QByteArray frame(const QJsonObject &object); // compact JSON

// Strict conversions: every field has the right JSON type or the call fails with a message that
// names the field ("messages[3].created_at must be an integer").
std::variant<model::Batch, ProtocolError> batchFromJson(const QJsonObject &object);
QJsonObject batchToJson(const model::Batch &batch);

} // namespace hiscrm::protocol
