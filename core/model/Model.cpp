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

} // namespace hiscrm::model
