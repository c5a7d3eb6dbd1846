// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Model.h"

#include <QJsonArray>

#include <array>

namespace hiscrm::model {

namespace {

// One table per enum: the wire names are part of the protocol, so they live in one place.
template <typename E, std::size_t N> QString nameOf(const std::array<const char *, N> &names, E v)
{
    const auto i = std::size_t(v);
    return i < N ? QString::fromLatin1(names[i]) : QString();
}

template <typename E, std::size_t N>
bool parse(const std::array<const char *, N> &names, const QString &s, E *out)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (s == QLatin1String(names[i])) {
            *out = E(i);
            return true;
        }
    }
    return false;
}

constexpr std::array<const char *, 2> kKinds{"message", "comment"};
constexpr std::array<const char *, 2> kDirections{"in", "out"};
constexpr std::array<const char *, 5> kTypes{"text", "image", "video", "file", "sticker"};
constexpr std::array<const char *, 4> kDelivery{"none", "pending", "sent", "failed"};
constexpr std::array<const char *, 4> kLogin{"unknown", "logged_in", "logged_out", "error"};

} // namespace

QString toString(ItemKind v)
{
    return nameOf(kKinds, v);
}
QString toString(Direction v)
{
    return nameOf(kDirections, v);
}
QString toString(MessageType v)
{
    return nameOf(kTypes, v);
}
QString toString(Delivery v)
{
    return nameOf(kDelivery, v);
}
QString toString(LoginState v)
{
    return nameOf(kLogin, v);
}
bool fromString(const QString &s, ItemKind *out)
{
    return parse(kKinds, s, out);
}
bool fromString(const QString &s, Direction *out)
{
    return parse(kDirections, s, out);
}
bool fromString(const QString &s, MessageType *out)
{
    return parse(kTypes, s, out);
}
bool fromString(const QString &s, Delivery *out)
{
    return parse(kDelivery, s, out);
}
bool fromString(const QString &s, LoginState *out)
{
    return parse(kLogin, s, out);
}

QJsonObject toJson(const Account &v)
{
    return QJsonObject{
        {QStringLiteral("id"), v.id},
        {QStringLiteral("platform"), v.platform},
        {QStringLiteral("platform_id"), v.platformId},
        {QStringLiteral("name"), v.name},
        {QStringLiteral("avatar"), v.avatar},
        {QStringLiteral("user_id"), v.userId},
        {QStringLiteral("login_state"), toString(v.loginState)},
        {QStringLiteral("last_error"), v.lastError},
        {QStringLiteral("last_sync_at"), v.lastSyncAt},
        {QStringLiteral("rev"), v.rev},
    };
}

QJsonObject toJson(const User &v)
{
    return QJsonObject{
        {QStringLiteral("id"), v.id},
        {QStringLiteral("platform"), v.platform},
        {QStringLiteral("platform_id"), v.platformId},
        {QStringLiteral("name"), v.name},
        {QStringLiteral("avatar"), v.avatar},
        {QStringLiteral("signature"), v.signature},
        {QStringLiteral("followers"), v.followers},
        {QStringLiteral("following"), v.following},
        {QStringLiteral("videos"), v.videos},
        {QStringLiteral("verified"), v.verified},
        {QStringLiteral("rev"), v.rev},
    };
}

QJsonObject toJson(const Content &v)
{
    return QJsonObject{
        {QStringLiteral("id"), v.id},
        {QStringLiteral("account_id"), v.accountId},
        {QStringLiteral("platform_id"), v.platformId},
        {QStringLiteral("title"), v.title},
        {QStringLiteral("url"), v.url},
        {QStringLiteral("cover"), v.cover},
        {QStringLiteral("published_at"), v.publishedAt},
        {QStringLiteral("comment_count"), v.commentCount},
        {QStringLiteral("unread_comments"), v.unreadComments},
        {QStringLiteral("last_comment_at"), v.lastCommentAt},
        {QStringLiteral("rev"), v.rev},
    };
}

QJsonObject toJson(const Conversation &v)
{
    QJsonArray tags;
    for (qint64 t : v.tagIds)
        tags.append(t);
    return QJsonObject{
        {QStringLiteral("id"), v.id},
        {QStringLiteral("account_id"), v.accountId},
        {QStringLiteral("platform_id"), v.platformId},
        {QStringLiteral("peer_user_id"), v.peerUserId},
        {QStringLiteral("last_item_id"), v.lastItemId},
        {QStringLiteral("last_at"), v.lastAt},
        {QStringLiteral("last_preview"), v.lastPreview},
        {QStringLiteral("last_direction"), toString(v.lastDirection)},
        {QStringLiteral("read_upto"), v.readUpTo},
        {QStringLiteral("unread_count"), v.unreadCount},
        {QStringLiteral("marked_unread"), v.markedUnread},
        {QStringLiteral("pinned"), v.pinned},
        {QStringLiteral("archived"), v.archived},
        // Muted "until unmuted" is INT64_MAX, which a JSON number cannot carry exactly.
        {QStringLiteral("muted_until"),
         v.mutedUntil == kMutedForever ? QJsonValue(-1) : QJsonValue(v.mutedUntil)},
        {QStringLiteral("tags"), tags},
        {QStringLiteral("rev"), v.rev},
    };
}

QJsonObject toJson(const Item &v)
{
    return QJsonObject{
        {QStringLiteral("id"), v.id},
        {QStringLiteral("kind"), toString(v.kind)},
        {QStringLiteral("account_id"), v.accountId},
        {QStringLiteral("platform_id"), v.platformId.isNull() ? QJsonValue() : QJsonValue(v.platformId)},
        {QStringLiteral("thread_id"), v.threadId},
        {QStringLiteral("parent_id"), v.parentId},
        {QStringLiteral("sender_id"), v.senderId},
        {QStringLiteral("direction"), toString(v.direction)},
        {QStringLiteral("type"), toString(v.type)},
        {QStringLiteral("text"), v.text},
        {QStringLiteral("media"), v.media},
        {QStringLiteral("created_at"), v.createdAt},
        {QStringLiteral("edited_at"), v.editedAt},
        {QStringLiteral("recalled"), v.recalled},
        {QStringLiteral("delivery"), toString(v.delivery)},
        {QStringLiteral("error"), v.error},
        {QStringLiteral("client_ref"), v.clientRef.isNull() ? QJsonValue() : QJsonValue(v.clientRef)},
        {QStringLiteral("read"), v.read},
        {QStringLiteral("rev"), v.rev},
    };
}

QJsonObject toJson(const ItemHistory &v)
{
    return QJsonObject{
        {QStringLiteral("item_id"), v.itemId},
        {QStringLiteral("old_text"), v.oldText},
        {QStringLiteral("changed_at"), v.changedAt},
        {QStringLiteral("recall"), v.recall},
    };
}

QJsonObject toJson(const Tag &v)
{
    return QJsonObject{
        {QStringLiteral("id"), v.id},
        {QStringLiteral("name"), v.name},
        {QStringLiteral("color"), v.color},
        {QStringLiteral("rev"), v.rev},
    };
}

namespace {

// Reads the fields of one row; the first missing or mistyped one is the error.
class RowReader
{
public:
    RowReader(const QJsonObject &o, QString *error)
        : m_o(o)
        , m_error(error)
    {}
    bool ok() const { return m_ok; }

    qint64 integer(const char *key, qint64 min = 0)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        const double d = v.toDouble(-1e300);
        if (!v.isDouble() || d != double(qint64(d)) || qint64(d) < min || d >= 9007199254740992.0)
            return failed(key, "an integer");
        return qint64(d);
    }
    QString string(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isString())
            return failed(key, "a string"), QString();
        return v.toString();
    }
    QString stringOrNull(const char *key) // null stays a null QString
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isNull())
            return QString();
        return string(key);
    }
    bool boolean(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isBool())
            return failed(key, "true or false");
        return v.toBool();
    }
    template <typename E> E enumeration(const char *key, E fallback)
    {
        E out = fallback;
        if (!fromString(string(key), &out) && m_ok)
            failed(key, "one of its names");
        return out;
    }
    QList<qint64> ids(const char *key)
    {
        QList<qint64> out;
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isArray())
            return failed(key, "an array of ids"), out;
        for (const QJsonValue &e : v.toArray()) {
            const double d = e.toDouble(-1);
            if (!e.isDouble() || d < 1 || d != double(qint64(d)) || d >= 9007199254740992.0)
                return failed(key, "an array of ids"), out;
            out.append(qint64(d));
        }
        return out;
    }

private:
    int failed(const char *key, const char *what)
    {
        if (m_ok && m_error)
            *m_error = QStringLiteral("%1 must be %2").arg(QLatin1String(key), QLatin1String(what));
        m_ok = false;
        return 0;
    }
    const QJsonObject &m_o;
    QString *m_error;
    bool m_ok = true;
};

} // namespace

bool fromJson(const QJsonObject &o, Account *out, QString *error)
{
    RowReader r(o, error);
    Account v;
    v.id = r.integer("id", 1);
    v.platform = r.string("platform");
    v.platformId = r.string("platform_id");
    v.name = r.string("name");
    v.avatar = r.string("avatar");
    v.userId = r.integer("user_id");
    v.loginState = r.enumeration("login_state", LoginState::Unknown);
    v.lastError = r.string("last_error");
    v.lastSyncAt = r.integer("last_sync_at");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

bool fromJson(const QJsonObject &o, User *out, QString *error)
{
    RowReader r(o, error);
    User v;
    v.id = r.integer("id", 1);
    v.platform = r.string("platform");
    v.platformId = r.string("platform_id");
    v.name = r.string("name");
    v.avatar = r.string("avatar");
    v.signature = r.string("signature");
    v.followers = r.integer("followers", -1);
    v.following = r.integer("following", -1);
    v.videos = r.integer("videos", -1);
    v.verified = r.boolean("verified");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

bool fromJson(const QJsonObject &o, Content *out, QString *error)
{
    RowReader r(o, error);
    Content v;
    v.id = r.integer("id", 1);
    v.accountId = r.integer("account_id", 1);
    v.platformId = r.string("platform_id");
    v.title = r.string("title");
    v.url = r.string("url");
    v.cover = r.string("cover");
    v.publishedAt = r.integer("published_at");
    v.commentCount = r.integer("comment_count");
    v.unreadComments = r.integer("unread_comments");
    v.lastCommentAt = r.integer("last_comment_at");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

bool fromJson(const QJsonObject &o, Conversation *out, QString *error)
{
    RowReader r(o, error);
    Conversation v;
    v.id = r.integer("id", 1);
    v.accountId = r.integer("account_id", 1);
    v.platformId = r.string("platform_id");
    v.peerUserId = r.integer("peer_user_id");
    v.lastItemId = r.integer("last_item_id");
    v.lastAt = r.integer("last_at");
    v.lastPreview = r.string("last_preview");
    v.lastDirection = r.enumeration("last_direction", Direction::In);
    v.readUpTo = r.integer("read_upto");
    v.unreadCount = r.integer("unread_count");
    v.markedUnread = r.boolean("marked_unread");
    v.pinned = r.boolean("pinned");
    v.archived = r.boolean("archived");
    const qint64 muted = r.integer("muted_until", -1);
    v.mutedUntil = muted == -1 ? kMutedForever : muted;
    v.tagIds = r.ids("tags");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

bool fromJson(const QJsonObject &o, Item *out, QList<ItemHistory> *history, QString *error)
{
    RowReader r(o, error);
    Item v;
    v.id = r.integer("id", 1);
    v.kind = r.enumeration("kind", ItemKind::Message);
    v.accountId = r.integer("account_id", 1);
    v.platformId = r.stringOrNull("platform_id");
    v.threadId = r.integer("thread_id", 1);
    v.parentId = r.integer("parent_id");
    v.senderId = r.integer("sender_id");
    v.direction = r.enumeration("direction", Direction::In);
    v.type = r.enumeration("type", MessageType::Text);
    v.text = r.string("text");
    v.media = r.string("media");
    v.createdAt = r.integer("created_at");
    v.editedAt = r.integer("edited_at");
    v.recalled = r.boolean("recalled");
    v.delivery = r.enumeration("delivery", Delivery::None);
    v.error = r.string("error");
    v.clientRef = r.stringOrNull("client_ref");
    v.read = r.boolean("read");
    v.rev = r.integer("rev");
    QList<ItemHistory> h;
    const QJsonValue hv = o.value(QLatin1String("history"));
    if (!hv.isUndefined() && r.ok()) {
        if (!hv.isArray()) {
            if (error)
                *error = QStringLiteral("history must be an array");
            return false;
        }
        for (const QJsonValue &e : hv.toArray()) {
            const QJsonObject eo = e.toObject();
            RowReader er(eo, error);
            ItemHistory one;
            one.itemId = er.integer("item_id", 1);
            one.oldText = er.string("old_text");
            one.changedAt = er.integer("changed_at");
            one.recall = er.boolean("recall");
            if (!er.ok())
                return false;
            h.append(one);
        }
    }
    if (!r.ok())
        return false;
    *out = v;
    if (history)
        *history = h;
    return true;
}

bool fromJson(const QJsonObject &o, Tag *out, QString *error)
{
    RowReader r(o, error);
    Tag v;
    v.id = r.integer("id", 1);
    v.name = r.string("name");
    v.color = r.string("color");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

} // namespace hiscrm::model
