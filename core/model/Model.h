// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// model/: plain value types of the domain, and their JSON form (used by the change feed and the
// wire protocol). Depends on Qt Core only.
//
// Two families:
//  - *Record: what a connector (worker) reports, keyed by the platform's own ids (strings).
//  - Account, User, Content, Conversation, Item, Tag: what the store holds, keyed by our ids.
//
// An Item is either a DM message (kind Message, thread = conversation) or a comment under a posted
// video (kind Comment, thread = content, parent = the comment it answers). They share one table and
// one search index so that a search spans both and "newest first" is one order.

#include <QJsonObject>
#include <QList>
#include <QString>

#include <limits>

namespace hiscrm::model {

enum class ItemKind : int
{
    Message = 0,
    Comment = 1
};
enum class Direction : int
{
    In = 0,
    Out = 1
};
enum class MessageType : int
{
    Text = 0,
    Image = 1,
    Video = 2,
    File = 3,
    Sticker = 4
};
// Delivery of an outgoing item. Inbound items and outgoing ones observed on the platform are None.
enum class Delivery : int
{
    None = 0,
    Pending = 1,
    Sent = 2,
    Failed = 3
};
enum class LoginState : int
{
    Unknown = 0,
    LoggedIn = 1,
    LoggedOut = 2,
    Error = 3
};

QString toString(ItemKind v);
QString toString(Direction v);
QString toString(MessageType v);
QString toString(Delivery v);
QString toString(LoginState v);
bool fromString(const QString &s, ItemKind *out);
bool fromString(const QString &s, Direction *out);
bool fromString(const QString &s, MessageType *out);
bool fromString(const QString &s, Delivery *out);
bool fromString(const QString &s, LoginState *out);

// ---- What connectors report (platform ids) ------------------------------------------------------

struct AccountRecord
{
    QString platformId; // the monitored account's own id on the platform
    QString name;
    QString avatar;

    bool operator==(const AccountRecord &) const = default;
};

struct UserRecord
{
    QString platformId;
    QString name;
    QString avatar;
    QString signature;
    qint64 followers = -1; // -1: unknown
    qint64 following = -1;
    qint64 videos = -1;
    bool verified = false;

    bool operator==(const UserRecord &) const = default;
};

struct ContentRecord
{
    QString accountId; // platform id of the owning account
    QString platformId;
    QString title;
    QString url;
    QString cover;
    qint64 publishedAt = 0; // ms since epoch, UTC

    bool operator==(const ContentRecord &) const = default;
};

struct ConversationRecord
{
    QString accountId;
    QString platformId;
    QString peerId; // platform id of the other user

    bool operator==(const ConversationRecord &) const = default;
};

struct MessageRecord
{
    QString accountId;
    QString conversationId;
    QString platformId;
    QString senderId; // platform user id; for outgoing messages the account itself may be given
    Direction direction = Direction::In;
    MessageType type = MessageType::Text;
    QString text;
    QString media; // URL or platform media reference for non-text messages
    qint64 createdAt = 0;
    bool recalled = false;

    bool operator==(const MessageRecord &) const = default;
};

struct CommentRecord
{
    QString accountId;
    QString contentId;
    QString platformId;
    QString parentId; // the comment this one answers, empty for a top-level comment
    QString authorId;
    QString text;
    qint64 createdAt = 0;
    bool recalled = false;

    bool operator==(const CommentRecord &) const = default;
};

// One worker batch. Everything in it belongs to accounts of one platform.
struct Batch
{
    QString platform;
    QList<AccountRecord> accounts;
    QList<UserRecord> users;
    QList<ContentRecord> contents;
    QList<ConversationRecord> conversations;
    QList<MessageRecord> messages;
    QList<CommentRecord> comments;

    qsizetype size() const
    {
        return accounts.size() + users.size() + contents.size() + conversations.size() + messages.size() +
               comments.size();
    }

    bool operator==(const Batch &) const = default; // field by field; a null and an empty string are equal
};

// ---- What the store holds (our ids) --------------------------------------------------------------

struct Account
{
    qint64 id = 0;
    QString platform;
    QString platformId;
    QString name;
    QString avatar;
    qint64 userId = 0; // the account's own profile in users
    LoginState loginState = LoginState::Unknown;
    QString lastError;
    qint64 lastSyncAt = 0;
    qint64 rev = 0;
};

struct User
{
    qint64 id = 0;
    QString platform;
    QString platformId;
    QString name;
    QString avatar;
    QString signature;
    qint64 followers = -1;
    qint64 following = -1;
    qint64 videos = -1;
    bool verified = false;
    qint64 rev = 0;
};

struct Content
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString platformId;
    QString title;
    QString url;
    QString cover;
    qint64 publishedAt = 0;
    qint64 commentCount = 0;
    qint64 unreadComments = 0;
    qint64 lastCommentAt = 0;
    qint64 rev = 0;
};

struct Conversation
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString platformId;
    qint64 peerUserId = 0;
    qint64 lastItemId = 0;
    qint64 lastAt = 0; // last activity, ms
    QString lastPreview;
    Direction lastDirection = Direction::In;
    qint64 readUpTo = 0;    // id of the last item the operator has read
    qint64 unreadCount = 0; // inbound items after readUpTo
    bool markedUnread = false;
    bool pinned = false;
    bool archived = false;
    qint64 mutedUntil = 0; // ms; 0 = not muted; kMutedForever = until unmuted
    QList<qint64> tagIds;  // sorted
    qint64 rev = 0;

    // What a badge shows: the real count, or 1 for a chat marked unread by hand.
    qint64 unreadBadge() const { return unreadCount > 0 ? unreadCount : (markedUnread ? 1 : 0); }
    bool isMuted(qint64 nowMs) const { return mutedUntil > nowMs; }
    bool awaitingReply() const { return lastItemId != 0 && lastDirection == Direction::In; }
};

constexpr qint64 kMutedForever = std::numeric_limits<qint64>::max();

struct Item
{
    qint64 id = 0; // time-ordered: created_at(ms) * 1024 + tie-breaker, so id order is time order
    ItemKind kind = ItemKind::Message;
    qint64 accountId = 0;
    QString platformId;  // empty for an outgoing reply not yet sent
    qint64 threadId = 0; // conversation id (Message) or content id (Comment)
    qint64 parentId = 0; // Comment only: the comment it answers
    qint64 senderId = 0; // users.id
    Direction direction = Direction::In;
    MessageType type = MessageType::Text;
    QString text;
    QString media;
    qint64 createdAt = 0;
    qint64 editedAt = 0; // 0 = never edited
    bool recalled = false;
    Delivery delivery = Delivery::None;
    QString error;     // why a reply failed
    QString clientRef; // command id that created an outgoing reply
    bool read = false; // Comment only: read state (DM read state lives on the conversation)
    qint64 rev = 0;
};

struct ItemHistory
{
    qint64 itemId = 0;
    QString oldText;
    qint64 changedAt = 0;
    bool recall = false; // true: recorded when the item was recalled, false: an edit
};

struct Tag
{
    qint64 id = 0;
    QString name;
    QString color; // #rrggbb
    qint64 rev = 0;
};

// ---- JSON --------------------------------------------------------------------------------------
// Ids are JSON numbers: every id we make stays below 2^53.

QJsonObject toJson(const Account &v);
QJsonObject toJson(const User &v);
QJsonObject toJson(const Content &v);
QJsonObject toJson(const Conversation &v);
QJsonObject toJson(const Item &v);
QJsonObject toJson(const ItemHistory &v);
QJsonObject toJson(const Tag &v);

// The same objects as toJson, appended to out as compact JSON text (UTF-8). The change feed writes
// its pages and pushes this way, without a QJsonObject per row.
void appendJson(QByteArray &out, const Account &v);
void appendJson(QByteArray &out, const User &v);
void appendJson(QByteArray &out, const Content &v);
void appendJson(QByteArray &out, const Conversation &v);
void appendJson(QByteArray &out, const Item &v);
void appendJson(QByteArray &out, const ItemHistory &v);
void appendJson(QByteArray &out, const Tag &v);
// s as a JSON string (quoted and escaped), appended to out as UTF-8.
void appendJsonString(QByteArray &out, QStringView s);

// The inverse of toJson, for rows a master sent (team mode: a desktop's replica). Every field must
// be present with its type (an id a non-negative integer below 2^53, an enum one of its names);
// otherwise false, and *error names the field. A conversation's "tags" and an item's "history"
// (present only when the item was edited or recalled) are read too.
bool fromJson(const QJsonObject &o, Account *out, QString *error);
bool fromJson(const QJsonObject &o, User *out, QString *error);
bool fromJson(const QJsonObject &o, Content *out, QString *error);
bool fromJson(const QJsonObject &o, Conversation *out, QString *error);
bool fromJson(const QJsonObject &o, Item *out, QList<ItemHistory> *history, QString *error);
bool fromJson(const QJsonObject &o, Tag *out, QString *error);

} // namespace hiscrm::model
