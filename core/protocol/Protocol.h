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
// Integers travel as JSON numbers, which many worker languages (JavaScript first) hold as doubles:
// beyond 2^53 they silently lose precision, so such values are refused instead of rounded.
constexpr qint64 kMaxSafeInteger = qint64(1) << 53;
constexpr int kMaxPlatformChars = 64;    // batch.platform (and register's platform)
constexpr int kMaxPlatformIdChars = 256; // a platform id outside a batch (reply_result.platform_id)
constexpr int kMaxErrorTextChars = 1024; // account_status.error, reply_result.error: shown to operators

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
inline constexpr char Forbidden[] = "forbidden";          // outside the device's role or scope (clients)
inline constexpr char ResetRequired[] = "reset_required"; // the client's cursor is not of this history
} // namespace code

// WebSocket close codes of the master beyond RFC 6455's (docs/protocol.md, "Connection lifetime").
namespace closecode {
inline constexpr int TooSlow = 4002; // the peer did not read its pushes: reconnect and catch up
inline constexpr int Revoked = 4003; // the device was revoked: pair again
} // namespace closecode

// The stable code for a store/master Error.
const char *codeFor(const Error &error);

struct ProtocolError
{
    QString code; // one of code::*
    QString message;
    // What the error answers: the frame's id when parseFrame could read a usable one, else
    // Undefined (sent as "re": null).
    QJsonValue re = QJsonValue(QJsonValue::Undefined);
};

// A parsed frame: {"type": "...", "id": ..., "v": 1, ...}. `id` is a string or number (may be
// absent for notifications); replies carry it back as "re".
struct Envelope
{
    QString type;
    QJsonValue id;    // Undefined when absent
    QJsonObject body; // the whole object
};

// Parses one text frame (its UTF-8 bytes as received). Checks size, UTF-8, JSON object, numbers
// a double can hold, no unpaired UTF-16 surrogate escape in any string, "type" string, "v" (if
// present) == 1, and "id" (if present) string or number. Errors after the JSON was read carry
// the frame's id in `re` when it is usable.
std::variant<Envelope, ProtocolError> parseFrame(const QByteArray &utf8);

// An optional or required string field of a frame. Absent or null: `out` is left as it is, and it
// is an error ("<key> is required") only when required; any other type is an error ("<key> must be
// a string").
bool readString(const QJsonObject &o, const char *key, QString *out, bool required, QString *error);

// A JSON number that is an integer within ±2^53 (kMaxSafeInteger); false for anything else.
bool safeInteger(const QJsonValue &v, qint64 *out);

QByteArray errorFrame(const QJsonValue &re, const QString &code, const QString &message,
                      const QJsonObject &extra = {});
QByteArray frame(const QJsonObject &object); // compact JSON

// Strict conversions: every field has the right JSON type or the call fails with a message that
// names the field ("messages[3].created_at must be an integer").
std::variant<model::Batch, ProtocolError> batchFromJson(const QJsonObject &object);
QJsonObject batchToJson(const model::Batch &batch);

} // namespace hiscrm::protocol
