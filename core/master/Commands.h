// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The command registry: every operation a client may ask of the master (docs/protocol.md,
// "Commands"), each with its name, its argument schema, whether it is journaled, and its handler.
// Master::execute dispatches through it; MasterLink's typed helpers send the ops under these names;
// tests/TestCommandRegistry.cpp checks that protocol.md lists exactly these ops and arguments.
// To add an op: a name in `op`, a row in commands() (Commands.cpp) with its handler, a row in the
// table of docs/protocol.md, and a typed helper in MasterLink.

#include "common/Error.h"
#include "store/Store.h"

#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QStringList>

#include <optional>

namespace hiscrm::master {

class Master;

// The op names, in one place.
namespace op {
inline constexpr QLatin1String MarkRead("mark_read");
inline constexpr QLatin1String MarkUnread("mark_unread");
inline constexpr QLatin1String MarkCommentsRead("mark_comments_read");
inline constexpr QLatin1String MarkCommentsUnread("mark_comments_unread");
inline constexpr QLatin1String Pin("pin");
inline constexpr QLatin1String Unpin("unpin");
inline constexpr QLatin1String Archive("archive");
inline constexpr QLatin1String Unarchive("unarchive");
inline constexpr QLatin1String Mute("mute");
inline constexpr QLatin1String Unmute("unmute");
inline constexpr QLatin1String CreateTag("create_tag");
inline constexpr QLatin1String UpdateTag("update_tag");
inline constexpr QLatin1String DeleteTag("delete_tag");
inline constexpr QLatin1String Tag("tag");
inline constexpr QLatin1String Untag("untag");
inline constexpr QLatin1String Reply("reply");
inline constexpr QLatin1String RetryReply("retry_reply");
inline constexpr QLatin1String Recall("recall");
inline constexpr QLatin1String DeleteItem("delete_item");
inline constexpr QLatin1String Search("search");
inline constexpr QLatin1String UserProfile("user_profile");
inline constexpr QLatin1String UnreadSummary("unread_summary");
inline constexpr QLatin1String Status("status");
} // namespace op

// One argument of an op.
struct ArgSpec
{
    enum class Type
    {
        Id,      // one of the master's ids: an integral JSON number in 1 .. 2^53 - 1
        IdList,  // an array of at most 10000 ids
        Integer, // an integral JSON number within ±2^53 (times in ms, -1 for "until unmuted", limits)
        String,  // text of valid Unicode (no unpaired surrogate), at most maxChars UTF-16 units
        Bool,
        Enum // a string among choices
    };
    const char *name;
    Type type;
    bool required;
    int maxChars = 0;    // String: its limit
    QStringList choices; // Enum: the names it takes
};

struct CommandSpec;

// One execution of a command: its validated arguments, read by type, and what a handler may do.
// Lives on the master's thread for the length of one call.
class CommandCall
{
public:
    CommandCall(Master &master, const CommandSpec &spec, const QString &commandId, const QJsonObject &args);

    // Arguments, already checked against the spec (a name the spec does not list is a bug).
    qint64 id(const char *name) const;                         // required Id or Integer
    std::optional<qint64> optionalInt(const char *name) const; // Id or Integer, absent: nullopt
    std::optional<QList<qint64>> idList(const char *name) const;
    std::optional<QString> string(const char *name) const; // String or Enum
    std::optional<bool> flag(const char *name) const;

    const QString &commandId() const { return m_commandId; }
    // The journal entry for the store command (journaled ops only).
    store::Journal journal() const;
    store::Store &store() const;
    Master &master() const { return m_master; }
    // A journaled op's answer: revision, changed, item_id / tag_id, repeated; announces the change.
    Result<QJsonObject> answer(const Result<store::CommandResult> &result) const;
    // Hands a pending reply to a route that serves its account (reply, retry_reply).
    void routeReply(qint64 itemId) const;

private:
    QJsonValue value(const char *name) const;
    Master &m_master;
    const CommandSpec &m_spec;
    const QString &m_commandId;
    const QJsonObject &m_args;
};

struct CommandSpec
{
    QLatin1String name;
    QList<ArgSpec> args;
    // Journaled ops change data and are recorded under their command id (a repeated id has no
    // second effect); read-only ops change nothing and are not recorded.
    bool journaled;
    // Answered even when the database is damaged (status, to say what the master is doing).
    bool whileDamaged = false;
    Result<QJsonObject> (*handler)(const CommandCall &call) = nullptr;
};

// Who asks, when it is a paired device (team mode). The desktop's own window is no device: it may
// do everything.
struct Caller
{
    qint64 deviceId = 0;
    store::DeviceRole role = store::DeviceRole::Operator;
    store::AccountScope scope;
};

// Checks that the device may run the op with these arguments: a viewer changes nothing; status is
// for admins; unread_summary is for devices that see every account; every id argument names a row
// of the device's scope (a row that does not exist is left to the op, which says not_found). A
// search without account_ids is narrowed to the scope (args is changed). Forbidden when not.
Error checkCaller(const Caller &caller, const CommandSpec &spec, QJsonObject *args,
                  const store::Store &store);

// Every op, in the order docs/protocol.md lists them.
const QList<CommandSpec> &commands();
// The op of that name, or null.
const CommandSpec *findCommand(QStringView name);
// Checks args against the op's schema: every required argument present, every argument given of
// its type and within its range. Arguments the schema does not name are ignored.
Error checkArguments(const CommandSpec &spec, const QJsonObject &args);

} // namespace hiscrm::master
