// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/Commands.h"

#include "common/Clock.h"
#include "master/Master.h"
#include "store/SearchService.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace hiscrm::master {

using namespace model;
using Type = ArgSpec::Type;

namespace {

constexpr double kTwoTo53 = 9007199254740992.0;
constexpr qsizetype kMaxIdListSize = 10000;
constexpr int kMaxColorChars = 7;     // #rrggbb
constexpr int kMaxPlatformChars = 64; // as the worker protocol limits a platform's name
constexpr int kMaxCursorChars = 256;  // a search cursor is a few numbers

Error badArg(const QString &message)
{
    return {ErrorCode::InvalidArgument, message};
}

// A JSON number that is a whole number within ±2^53, checked before any conversion to an integer
// (1e300 or NaN converted would be undefined behaviour).
bool wholeNumber(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && std::abs(d) <= kTwoTo53 && std::floor(d) == d;
}

bool isId(const QJsonValue &v)
{
    return wholeNumber(v) && v.toDouble() >= 1 && v.toDouble() < kTwoTo53;
}

Error checkArgument(const ArgSpec &a, const QJsonValue &v)
{
    const QLatin1String name(a.name);
    switch (a.type) {
    case Type::Id:
        if (!isId(v))
            return badArg(
                Master::tr("The argument “%1” must be an id: a whole number from 1 to 2^53 − 1.").arg(name));
        return {};
    case Type::IdList:
        if (!v.isArray() || v.toArray().size() > kMaxIdListSize)
            return badArg(Master::tr("The argument “%1” must be a list of ids.").arg(name));
        for (const QJsonValue &x : v.toArray()) {
            if (!isId(x))
                return badArg(Master::tr("The argument “%1” must be a list of ids.").arg(name));
        }
        return {};
    case Type::Integer:
        if (!wholeNumber(v))
            return badArg(Master::tr("The argument “%1” must be a whole number.").arg(name));
        return {};
    case Type::Bool:
        if (!v.isBool())
            return badArg(Master::tr("The argument “%1” must be true or false.").arg(name));
        return {};
    case Type::String:
    case Type::Enum:
        break;
    }
    if (!v.isString())
        return badArg(Master::tr("The argument “%1” must be text.").arg(name));
    // Half a surrogate pair would be stored as "?": two different tag names would become one, a
    // reply would go out altered. Refused, as the protocol refuses it (docs/protocol.md).
    const QString s = v.toString();
    if (!QStringView(s).isValidUtf16())
        return badArg(Master::tr("The argument “%1” contains an unpaired UTF-16 surrogate; text must be "
                                 "valid Unicode.")
                          .arg(name));
    if (a.type == Type::Enum && !a.choices.contains(s))
        return badArg(Master::tr("The argument “%1” must be one of: %2.").arg(name, a.choices.join(u", ")));
    if (a.type == Type::String && s.size() > a.maxChars)
        return badArg(Master::tr("The argument “%1” has %2 characters; at most %3 are accepted.")
                          .arg(name)
                          .arg(s.size())
                          .arg(a.maxChars));
    return {};
}

// ---- handlers -----------------------------------------------------------------------------------
// Journaled ops run one store command under the call's journal and answer through call.answer().

Result<QJsonObject> markRead(const CommandCall &c)
{
    return c.answer(
        c.store().markRead(c.id("conversation_id"), c.optionalInt("up_to").value_or(0), c.journal()));
}

Result<QJsonObject> markUnread(const CommandCall &c)
{
    return c.answer(c.store().markUnread(c.id("conversation_id"), c.journal()));
}

Result<QJsonObject> markCommentsRead(const CommandCall &c)
{
    return c.answer(c.store().markCommentsRead(
        c.id("content_id"), c.idList("comment_ids").value_or(QList<qint64>()), c.journal()));
}

Result<QJsonObject> markCommentsUnread(const CommandCall &c)
{
    return c.answer(c.store().markCommentsUnread(*c.idList("comment_ids"), c.journal()));
}

template <bool On> Result<QJsonObject> pin(const CommandCall &c)
{
    return c.answer(c.store().setPinned(c.id("conversation_id"), On, c.journal()));
}

template <bool On> Result<QJsonObject> archive(const CommandCall &c)
{
    return c.answer(c.store().setArchived(c.id("conversation_id"), On, c.journal()));
}

Result<QJsonObject> mute(const CommandCall &c)
{
    const qint64 until = c.id("until");
    if (until != -1 && until <= nowMs())
        return badArg(Master::tr("A mute needs a time in the future, or -1 for until unmuted."));
    return c.answer(
        c.store().setMutedUntil(c.id("conversation_id"), until == -1 ? kMutedForever : until, c.journal()));
}

Result<QJsonObject> unmute(const CommandCall &c)
{
    return c.answer(c.store().setMutedUntil(c.id("conversation_id"), 0, c.journal()));
}

Result<QJsonObject> createTag(const CommandCall &c)
{
    return c.answer(
        c.store().createTag(*c.string("name"), c.string("color").value_or(QString()), c.journal()));
}

Result<QJsonObject> updateTag(const CommandCall &c)
{
    return c.answer(c.store().updateTag(c.id("tag_id"), *c.string("name"),
                                        c.string("color").value_or(QString()), c.journal()));
}

Result<QJsonObject> deleteTag(const CommandCall &c)
{
    return c.answer(c.store().deleteTag(c.id("tag_id"), c.journal()));
}

Result<QJsonObject> tag(const CommandCall &c)
{
    return c.answer(c.store().tagConversation(c.id("conversation_id"), c.id("tag_id"), c.journal()));
}

Result<QJsonObject> untag(const CommandCall &c)
{
    return c.answer(c.store().untagConversation(c.id("conversation_id"), c.id("tag_id"), c.journal()));
}

Result<QJsonObject> reply(const CommandCall &c)
{
    const auto conversation = c.optionalInt("conversation_id");
    const auto content = c.optionalInt("content_id");
    if (conversation.has_value() == content.has_value())
        return badArg(
            Master::tr("A reply goes to a conversation (conversation_id) or under a video (content_id)."));
    // The command id makes the reply idempotent; a caller without one gets a fresh one.
    const QString ref =
        c.commandId().isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : c.commandId();
    const QString text = *c.string("text");
    auto r = conversation
                 ? c.store().recordReply(ItemKind::Message, *conversation, 0, text, ref, 0, c.journal())
                 : c.store().recordReply(ItemKind::Comment, *content, c.optionalInt("parent_id").value_or(0),
                                         text, ref, 0, c.journal());
    auto out = c.answer(r);
    if (r && r->changed)
        c.routeReply(r->itemId);
    return out;
}

Result<QJsonObject> retryReply(const CommandCall &c)
{
    const qint64 itemId = c.id("item_id");
    auto item = c.store().item(itemId);
    if (!item)
        return item.error();
    if (!item.value() || item.value()->clientRef.isEmpty())
        return Error{ErrorCode::NotFound, Master::tr("There is no reply %1 to retry.").arg(itemId)};
    if (item.value()->delivery == Delivery::Sent)
        return Error{ErrorCode::Conflict, Master::tr("The reply was already sent.")};
    auto r = c.store().setReplyResult(itemId, Delivery::Pending, QString(), QString(), c.journal());
    auto out = c.answer(r);
    if (r && r->changed)
        c.routeReply(itemId);
    return out;
}

Result<QJsonObject> recall(const CommandCall &c)
{
    return c.answer(c.store().recallItem(c.id("item_id"), c.journal()));
}

Result<QJsonObject> deleteItem(const CommandCall &c)
{
    return c.answer(c.store().deleteItem(c.id("item_id"), c.journal()));
}

QJsonObject hitJson(const store::NamedHit &h)
{
    const auto name = [](const QString &n) {
        return n.isEmpty() ? QJsonValue() : QJsonValue(n);
    };
    QJsonObject o = toJson(h.item);
    o.insert(QStringLiteral("snippet"), h.snippet);
    o.insert(QStringLiteral("score"), h.score);
    o.insert(QStringLiteral("sender_name"), name(h.senderName));
    o.insert(QStringLiteral("conversation_title"), name(h.conversationTitle));
    o.insert(QStringLiteral("account_name"), name(h.accountName));
    return o;
}

// The search op on the master's store (the query fields as docs/protocol.md lists them): the
// search service's one search, so a client finds what the desktop's search panel finds, names
// included.
Result<QJsonObject> search(const CommandCall &c)
{
    store::SearchQuery q;
    q.text = *c.string("text");
    q.accountIds = c.idList("account_ids").value_or(QList<qint64>());
    q.platform = c.string("platform").value_or(QString());
    q.conversationId = c.optionalInt("conversation_id").value_or(0);
    q.contentId = c.optionalInt("content_id").value_or(0);
    q.senderId = c.optionalInt("sender_id").value_or(0);
    q.fromMs = c.optionalInt("from").value_or(0);
    q.toMs = c.optionalInt("to").value_or(0);
    q.tagId = c.optionalInt("tag_id").value_or(0);
    // The store takes 1 to 200; the clamp only keeps an absurd number from wrapping around.
    q.limit = int(std::clamp<qint64>(c.optionalInt("limit").value_or(50), -1, 1000));
    q.cursor = c.string("cursor").value_or(QString());
    if (const auto kind = c.string("kind")) {
        ItemKind k = ItemKind::Message;
        fromString(*kind, &k);
        q.kind = k;
    }
    if (const auto direction = c.string("direction")) {
        Direction d = Direction::In;
        fromString(*direction, &d);
        q.direction = d;
    }
    q.order = c.string("order").value_or(QStringLiteral("newest")) == u"relevance"
                  ? store::SearchOrder::Relevance
                  : store::SearchOrder::Newest;
    q.unreadOnly = c.flag("unread").value_or(false);
    auto r = store::SearchService::run(c.store(), q);
    if (!r)
        return r.error();
    QJsonArray hits;
    for (const store::NamedHit &h : r->hits)
        hits.append(hitJson(h));
    return QJsonObject{{QStringLiteral("hits"), hits},
                       {QStringLiteral("next"), r->next.isEmpty() ? QJsonValue() : QJsonValue(r->next)}};
}

Result<QJsonObject> userProfile(const CommandCall &c)
{
    const auto one = c.optionalInt("user_id");
    const auto many = c.idList("user_ids");
    if (one.has_value() == many.has_value())
        return badArg(Master::tr("Ask for one user (user_id) or several (user_ids)."));
    auto users = c.store().users(one ? QList<qint64>{*one} : *many);
    if (!users)
        return users.error();
    if (one) {
        if (users->isEmpty())
            return Error{ErrorCode::NotFound, Master::tr("There is no user %1.").arg(*one)};
        return QJsonObject{{QStringLiteral("user"), toJson(users->first())}};
    }
    QJsonArray a;
    for (const User &u : *users)
        a.append(toJson(u));
    return QJsonObject{{QStringLiteral("users"), a}};
}

Result<QJsonObject> unreadSummary(const CommandCall &c)
{
    auto r = c.store().unreadSummary();
    if (!r)
        return r.error();
    QJsonObject perAccount, perConversation;
    for (auto it = r->perAccount.cbegin(); it != r->perAccount.cend(); ++it)
        perAccount.insert(QString::number(it.key()), it.value());
    for (auto it = r->perConversation.cbegin(); it != r->perConversation.cend(); ++it)
        perConversation.insert(QString::number(it.key()), it.value());
    return QJsonObject{{QStringLiteral("total"), r->total},
                       {QStringLiteral("total_unmuted"), r->totalUnmuted},
                       {QStringLiteral("comments"), r->comments},
                       {QStringLiteral("per_account"), perAccount},
                       {QStringLiteral("per_conversation"), perConversation}};
}

Result<QJsonObject> status(const CommandCall &c)
{
    // Counting every table is the expensive part (tens of milliseconds at a million messages); a
    // window that only shows who is connected asks without it.
    return c.master().status(c.flag("counts").value_or(true));
}

ArgSpec required(const char *name, Type type)
{
    return {name, type, true, 0, {}};
}

ArgSpec optional(const char *name, Type type)
{
    return {name, type, false, 0, {}};
}

ArgSpec text(const char *name, bool isRequired, int maxChars)
{
    return {name, Type::String, isRequired, maxChars, {}};
}

ArgSpec oneOf(const char *name, QStringList choices)
{
    return {name, Type::Enum, false, 0, std::move(choices)};
}

QList<CommandSpec> makeCommands()
{
    const ArgSpec conversation = required("conversation_id", Type::Id);
    const ArgSpec item = required("item_id", Type::Id);
    const ArgSpec tagId = required("tag_id", Type::Id);
    const ArgSpec color = text("color", false, kMaxColorChars);
    const ArgSpec tagName = text("name", true, store::kMaxTagNameChars);
    constexpr bool journaled = true;
    constexpr bool readOnly = false;
    return {
        {op::MarkRead, {conversation, optional("up_to", Type::Id)}, journaled, false, markRead},
        {op::MarkUnread, {conversation}, journaled, false, markUnread},
        {op::MarkCommentsRead,
         {required("content_id", Type::Id), optional("comment_ids", Type::IdList)},
         journaled,
         false,
         markCommentsRead},
        {op::MarkCommentsUnread,
         {required("comment_ids", Type::IdList)},
         journaled,
         false,
         markCommentsUnread},
        {op::Pin, {conversation}, journaled, false, pin<true>},
        {op::Unpin, {conversation}, journaled, false, pin<false>},
        {op::Archive, {conversation}, journaled, false, archive<true>},
        {op::Unarchive, {conversation}, journaled, false, archive<false>},
        {op::Mute, {conversation, required("until", Type::Integer)}, journaled, false, mute},
        {op::Unmute, {conversation}, journaled, false, unmute},
        {op::CreateTag, {tagName, color}, journaled, false, createTag},
        {op::UpdateTag, {tagId, tagName, color}, journaled, false, updateTag},
        {op::DeleteTag, {tagId}, journaled, false, deleteTag},
        {op::Tag, {conversation, tagId}, journaled, false, tag},
        {op::Untag, {conversation, tagId}, journaled, false, untag},
        {op::Reply,
         {optional("conversation_id", Type::Id), optional("content_id", Type::Id),
          optional("parent_id", Type::Id), text("text", true, store::kMaxTextChars)},
         journaled,
         false,
         reply},
        {op::RetryReply, {item}, journaled, false, retryReply},
        {op::Recall, {item}, journaled, false, recall},
        {op::DeleteItem, {item}, journaled, false, deleteItem},
        {op::Search,
         {text("text", true, store::kMaxTextChars), optional("account_ids", Type::IdList),
          text("platform", false, kMaxPlatformChars), optional("conversation_id", Type::Id),
          optional("content_id", Type::Id), optional("sender_id", Type::Id),
          oneOf("kind", {QStringLiteral("message"), QStringLiteral("comment")}),
          oneOf("direction", {QStringLiteral("in"), QStringLiteral("out")}), optional("from", Type::Integer),
          optional("to", Type::Integer), optional("tag_id", Type::Id), optional("unread", Type::Bool),
          oneOf("order", {QStringLiteral("newest"), QStringLiteral("relevance")}),
          optional("limit", Type::Integer), text("cursor", false, kMaxCursorChars)},
         readOnly,
         false,
         search},
        {op::UserProfile,
         {optional("user_id", Type::Id), optional("user_ids", Type::IdList)},
         readOnly,
         false,
         userProfile},
        {op::UnreadSummary, {}, readOnly, false, unreadSummary},
        {op::Status, {optional("counts", Type::Bool)}, readOnly, true, status},
    };
}

} // namespace

const QList<CommandSpec> &commands()
{
    static const QList<CommandSpec> all = makeCommands();
    return all;
}

const CommandSpec *findCommand(QStringView name)
{
    for (const CommandSpec &c : commands()) {
        if (name == c.name)
            return &c;
    }
    return nullptr;
}

Error checkArguments(const CommandSpec &spec, const QJsonObject &args)
{
    for (const ArgSpec &a : spec.args) {
        const QJsonValue v = args.value(QLatin1String(a.name));
        if (v.isUndefined() || v.isNull()) {
            if (a.required)
                return badArg(Master::tr("The argument “%1” is missing.").arg(QLatin1String(a.name)));
            continue;
        }
        if (Error e = checkArgument(a, v))
            return e;
    }
    return {};
}

// ---- CommandCall --------------------------------------------------------------------------------

CommandCall::CommandCall(Master &master, const CommandSpec &spec, const QString &commandId,
                         const QJsonObject &args)
    : m_master(master)
    , m_spec(spec)
    , m_commandId(commandId)
    , m_args(args)
{}

QJsonValue CommandCall::value(const char *name) const
{
    Q_ASSERT(std::any_of(m_spec.args.cbegin(), m_spec.args.cend(),
                         [name](const ArgSpec &a) { return qstrcmp(a.name, name) == 0; }));
    const QJsonValue v = m_args.value(QLatin1String(name));
    return v.isNull() ? QJsonValue(QJsonValue::Undefined) : v;
}

qint64 CommandCall::id(const char *name) const
{
    return qint64(value(name).toDouble());
}

std::optional<qint64> CommandCall::optionalInt(const char *name) const
{
    const QJsonValue v = value(name);
    return v.isUndefined() ? std::nullopt : std::optional<qint64>(qint64(v.toDouble()));
}

std::optional<QList<qint64>> CommandCall::idList(const char *name) const
{
    const QJsonValue v = value(name);
    if (v.isUndefined())
        return std::nullopt;
    QList<qint64> out;
    for (const QJsonValue &x : v.toArray())
        out.append(qint64(x.toDouble()));
    return out;
}

std::optional<QString> CommandCall::string(const char *name) const
{
    const QJsonValue v = value(name);
    return v.isUndefined() ? std::nullopt : std::optional<QString>(v.toString());
}

std::optional<bool> CommandCall::flag(const char *name) const
{
    const QJsonValue v = value(name);
    return v.isUndefined() ? std::nullopt : std::optional<bool>(v.toBool());
}

store::Journal CommandCall::journal() const
{
    Q_ASSERT(m_spec.journaled);
    return {m_commandId, QString(m_spec.name)};
}

store::Store &CommandCall::store() const
{
    return *m_master.store();
}

} // namespace hiscrm::master

namespace hiscrm::master {

namespace {

Error forbidden(const QString &message)
{
    return {ErrorCode::Forbidden, message};
}

// The account a row belongs to: nullopt when the row does not exist (the op then says not_found).
std::optional<qint64> accountOfArg(const store::Store &store, QLatin1String name, qint64 id)
{
    if (name == QLatin1String("conversation_id")) {
        auto c = store.conversation(id);
        return c && *c ? std::optional<qint64>((*c)->accountId) : std::nullopt;
    }
    if (name == QLatin1String("content_id")) {
        auto c = store.content(id);
        return c && *c ? std::optional<qint64>((*c)->accountId) : std::nullopt;
    }
    auto it = store.item(id); // item_id, up_to, parent_id, comment_ids
    return it && *it ? std::optional<qint64>((*it)->accountId) : std::nullopt;
}

bool userInScope(const store::Store &store, const store::AccountScope &scope, qint64 userId)
{
    auto accounts = store.accountsOfUser(userId);
    if (!accounts || accounts->isEmpty())
        return true; // unknown: user_profile says not_found
    for (qint64 a : *accounts) {
        if (scope.contains(a))
            return true;
    }
    return false;
}

QList<qint64> idsOf(const QJsonValue &v)
{
    QList<qint64> out;
    if (v.isArray()) {
        for (const QJsonValue &x : v.toArray())
            out << x.toInteger();
    } else if (v.isDouble()) {
        out << v.toInteger();
    }
    return out;
}

} // namespace

Error checkCaller(const Caller &caller, const CommandSpec &spec, QJsonObject *args, const store::Store &store)
{
    const QString name(spec.name);
    if (caller.role == store::DeviceRole::Viewer && spec.journaled)
        return forbidden(Master::tr("This device may only read: “%1” changes something.").arg(name));
    if (spec.name == op::Status && caller.role != store::DeviceRole::Admin)
        return forbidden(Master::tr("Only an admin device may ask for the master's status."));
    if (caller.scope.all())
        return {};
    if (spec.name == op::UnreadSummary)
        return forbidden(Master::tr("unread_summary counts every account; a device that sees some of them "
                                    "counts its own replica instead."));
    for (const ArgSpec &a : spec.args) {
        const QLatin1String argName(a.name);
        const QJsonValue v = args->value(argName);
        if (v.isUndefined() || v.isNull())
            continue;
        if (argName == QLatin1String("account_ids")) {
            for (qint64 id : idsOf(v)) {
                if (!caller.scope.contains(id))
                    return forbidden(Master::tr("Account %1 is outside this device's accounts.").arg(id));
            }
        } else if (argName == QLatin1String("user_id") || argName == QLatin1String("user_ids") ||
                   argName == QLatin1String("sender_id")) {
            for (qint64 id : idsOf(v)) {
                if (!userInScope(store, caller.scope, id))
                    return forbidden(Master::tr("User %1 is not seen in this device's accounts.").arg(id));
            }
        } else if (a.type == ArgSpec::Type::Id || a.type == ArgSpec::Type::IdList) {
            if (argName == QLatin1String("tag_id"))
                continue; // tags are the team's
            for (qint64 id : idsOf(v)) {
                const std::optional<qint64> account = accountOfArg(store, argName, id);
                if (account && !caller.scope.contains(*account))
                    return forbidden(Master::tr("%1 %2 belongs to an account outside this device's accounts.")
                                         .arg(argName)
                                         .arg(id));
            }
        }
    }
    // A search names no accounts (absent, null or an empty list: all of them): those of the scope.
    if (const QJsonValue ids = args->value(QLatin1String("account_ids"));
        spec.name == op::Search && idsOf(ids).isEmpty()) {
        QJsonArray scope;
        for (qint64 a : caller.scope.accounts)
            scope.append(a);
        args->insert(QStringLiteral("account_ids"), scope);
    }
    return {};
}

} // namespace hiscrm::master
