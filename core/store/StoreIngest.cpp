// SPDX-License-Identifier: GPL-3.0-or-later
// Ingest: one worker batch, one write transaction. Rows are keyed by the platform's ids; a row
// that is already stored and unchanged is left alone (no new revision), so re-sending a batch is
// harmless. Conversation and content counters are updated once per batch, not once per item.

#include "common/Log.h"
#include "store/StoreImpl.h"

#include <QCoreApplication>
#include <QSet>
#include <QVarLengthArray>

#include <sqlite3.h>

namespace hiscrm::store {

using namespace model;

namespace {

constexpr int kMaxBatchRecords = 50000;

struct ConversationDelta
{
    qint64 readUpTo = 0;   // as stored before the batch
    qint64 lastItemId = 0; // as stored before the batch
    qint64 newestId = 0;   // newest item inserted by this batch
    Item newest;
    qint64 newReadUpTo = 0;             // raised by our own messages sent on the platform
    QVarLengthArray<qint64, 8> inbound; // unread-capable items this batch inserted
    bool refresh = false;               // recount everything at the end (edits, recalls)
};

struct ContentDelta
{
    qint64 added = 0;
    qint64 unreadAdded = 0;
    qint64 lastAt = 0;
    bool refresh = false;
};

class Ingestor
{
public:
    Ingestor(Store::Impl &d, const QString &platform)
        : d(d)
        , platform(platform)
    {}

    IngestResult run(const Batch &b)
    {
        for (const AccountRecord &r : b.accounts)
            upsertAccount(r, true);
        for (const UserRecord &r : b.users)
            upsertUser(r, true);
        for (const ContentRecord &r : b.contents)
            upsertContent(r, true);
        for (const ConversationRecord &r : b.conversations)
            upsertConversation(accountId(r.accountId), r.platformId, r.peerId, true);
        for (const MessageRecord &r : b.messages)
            ingestMessage(r);
        for (const CommentRecord &r : b.comments)
            ingestComment(r);
        finishConversations();
        finishContents();
        result.revision = d.rev;
        return result;
    }

private:
    Store::Impl &d;
    QString platform;
    IngestResult result;
    QHash<qint64, ConversationDelta> convDeltas;
    QHash<qint64, ContentDelta> contentDeltas;
    QSet<qint64> touchedAccounts;
    WriteCache &cache = d.cache;
    WriteCache::Platform &known = cache.platforms[platform];
    static PlatformKey key(const QString &pid) { return {0, pid}; }
    static PlatformKey key(qint64 account, const QString &pid) { return {account, pid}; }

    // Takes the new value when the record provides one ("" and -1 mean "not reported").
    static bool merge(QString &stored, const QString &reported)
    {
        if (reported.isEmpty() || stored == reported)
            return false;
        stored = reported;
        return true;
    }
    static bool merge(qint64 &stored, qint64 reported)
    {
        if (reported < 0 || stored == reported)
            return false;
        stored = reported;
        return true;
    }

    // A profile's own fields, in the column order the INSERT and the UPDATE of users share,
    // bound from parameter `at` on.
    static Cached &bindProfile(Cached &q, int at, const User &u)
    {
        return q.bind(at, u.name)
            .bind(at + 1, u.avatar)
            .bind(at + 2, u.signature)
            .bind(at + 3, u.followers)
            .bind(at + 4, u.following)
            .bind(at + 5, u.videos)
            .bind(at + 6, u.verified);
    }

    // Likewise a content's own fields for the INSERT and the UPDATE of contents.
    static Cached &bindContent(Cached &q, int at, const Content &c)
    {
        return q.bind(at, c.title).bind(at + 1, c.url).bind(at + 2, c.cover).bind(at + 3, c.publishedAt);
    }

    // A row the write cache does not hold yet, read from its table: sql selects it by ?1 (the
    // platform, or the account's row id) and ?2 (its platform id).
    template <typename Row, typename Scope>
    std::optional<Row> readStored(const char *sql, const Scope &scope, const QString &platformId,
                                  Row (*read)(const Statement &, int))
    {
        auto q = d.db.cached(sql);
        q.bind(1, scope).bind(2, platformId);
        if (!q.next())
            return std::nullopt;
        return read(q, 0);
    }

    void indexUserName(qint64 id, const QString &name)
    {
        d.db.cached("INSERT INTO users_fts(rowid, name) VALUES(?1, ?2)").bind(1, id).bind(2, name).run();
    }

    qint64 upsertUser(const UserRecord &r, bool full)
    {
        const PlatformKey k = key(r.platformId);
        std::optional<User> old;
        if (auto it = known.users.constFind(k); it != known.users.cend()) {
            if (!full)
                return it->id;
            old = *it;
        } else {
            old = readStored("SELECT " HISCRM_USER_COLS
                             " FROM users u WHERE u.platform = ?1 AND u.platform_id = ?2",
                             platform, r.platformId, readUser);
        }
        qint64 id = 0;
        if (!old) {
            User u;
            u.platform = platform;
            u.platformId = r.platformId;
            u.name = r.name;
            u.avatar = r.avatar;
            u.signature = r.signature;
            u.followers = r.followers;
            u.following = r.following;
            u.videos = r.videos;
            u.verified = r.verified;
            auto q = d.db.cached(
                "INSERT INTO users(platform, platform_id, name, avatar, signature, followers, following, "
                "videos, verified, rev) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
            q.bind(1, platform).bind(2, r.platformId);
            bindProfile(q, 3, u).bind(10, d.nextRev()).run();
            id = d.db.lastInsertId();
            d.writtenUsers.insert(id);
            if (!r.name.isEmpty())
                indexUserName(id, r.name);
            ++result.inserted;
            u.id = id;
            known.users.insert(k, u);
        } else {
            id = old->id;
            if (full) {
                User u = *old;
                bool changed = merge(u.name, r.name);
                changed |= merge(u.avatar, r.avatar);
                changed |= merge(u.signature, r.signature);
                changed |= merge(u.followers, r.followers);
                changed |= merge(u.following, r.following);
                changed |= merge(u.videos, r.videos);
                if (u.verified != r.verified) {
                    u.verified = r.verified;
                    changed = true;
                }
                if (changed) {
                    auto q = d.db.cached(
                        "UPDATE users SET name = ?2, avatar = ?3, signature = ?4, followers = ?5, "
                        "following = ?6, videos = ?7, verified = ?8, rev = ?9 WHERE id = ?1");
                    q.bind(1, id);
                    bindProfile(q, 2, u).bind(9, d.nextRev()).run();
                    d.writtenUsers.insert(id);
                    if (u.name != old->name) {
                        if (!old->name.isEmpty())
                            d.db.cached(
                                    "INSERT INTO users_fts(users_fts, rowid, name) VALUES('delete', ?1, ?2)")
                                .bind(1, id)
                                .bind(2, old->name)
                                .run();
                        indexUserName(id, u.name);
                    }
                    known.users.insert(k, u);
                    ++result.updated;
                } else {
                    ++result.unchanged;
                }
            }
        }
        if (old && !known.users.contains(k))
            known.users.insert(k, *old);
        return id;
    }

    qint64 userId(const QString &platformId)
    {
        if (platformId.isEmpty())
            return 0;
        if (auto it = known.users.constFind(key(platformId)); it != known.users.cend())
            return it->id;
        UserRecord ref; // only the id: a profile the batch refers to without sending it
        ref.platformId = platformId;
        return upsertUser(ref, false);
    }

    qint64 upsertAccount(const AccountRecord &r, bool full)
    {
        const PlatformKey k = key(r.platformId);
        std::optional<Account> old;
        if (auto it = known.accounts.constFind(k); it != known.accounts.cend()) {
            if (!full) {
                touchedAccounts.insert(it->id);
                return it->id;
            }
            old = *it;
        } else {
            old = readStored("SELECT " HISCRM_ACCOUNT_COLS
                             " FROM accounts a WHERE a.platform = ?1 AND a.platform_id = ?2",
                             platform, r.platformId, readAccount);
        }
        UserRecord self;
        self.platformId = r.platformId;
        self.name = r.name;
        self.avatar = r.avatar;
        qint64 id = 0;
        if (!old) {
            const qint64 uid = upsertUser(self, full);
            d.db.cached("INSERT INTO accounts(platform, platform_id, name, avatar, user_id, rev) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
                .bind(1, platform)
                .bind(2, r.platformId)
                .bind(3, r.name)
                .bind(4, r.avatar)
                .bind(5, uid)
                .bind(6, d.nextRev())
                .run();
            id = d.db.lastInsertId();
            Account a;
            a.id = id;
            a.platform = platform;
            a.platformId = r.platformId;
            a.name = r.name;
            a.avatar = r.avatar;
            a.userId = uid;
            known.accounts.insert(k, a);
            cache.accountUsers.insert(id, uid);
            d.noteUserInAccount(uid, id);
            ++result.inserted;
        } else {
            id = old->id;
            cache.accountUsers.insert(id, old->userId);
            known.accounts.insert(k, *old);
            if (full) {
                upsertUser(self, true);
                Account a = *old;
                bool changed = merge(a.name, r.name);
                changed |= merge(a.avatar, r.avatar);
                if (changed) {
                    d.db.cached("UPDATE accounts SET name = ?2, avatar = ?3, rev = ?4 WHERE id = ?1")
                        .bind(1, id)
                        .bind(2, a.name)
                        .bind(3, a.avatar)
                        .bind(4, d.nextRev())
                        .run();
                    known.accounts.insert(k, a);
                    ++result.updated;
                } else {
                    ++result.unchanged;
                }
            }
        }
        touchedAccounts.insert(id);
        return id;
    }

    qint64 accountId(const QString &platformId)
    {
        if (auto it = known.accounts.constFind(key(platformId)); it != known.accounts.cend()) {
            touchedAccounts.insert(it->id);
            return it->id;
        }
        AccountRecord ref;
        ref.platformId = platformId;
        return upsertAccount(ref, false);
    }

    qint64 accountUser(qint64 accountId)
    {
        auto it = cache.accountUsers.constFind(accountId);
        return it == cache.accountUsers.cend() ? 0 : *it;
    }

    qint64 upsertContent(const ContentRecord &r, bool full)
    {
        const qint64 acc = accountId(r.accountId);
        const PlatformKey k = key(acc, r.platformId);
        std::optional<Content> old;
        if (auto it = cache.contents.constFind(k); it != cache.contents.cend()) {
            if (!full)
                return it->id;
            old = *it;
        } else {
            old = readStored("SELECT " HISCRM_CONTENT_COLS
                             " FROM contents t WHERE t.account_id = ?1 AND t.platform_id = ?2",
                             acc, r.platformId, readContent);
        }
        qint64 id = 0;
        if (!old) {
            Content c;
            c.accountId = acc;
            c.platformId = r.platformId;
            c.title = r.title;
            c.url = r.url;
            c.cover = r.cover;
            c.publishedAt = r.publishedAt;
            auto q =
                d.db.cached("INSERT INTO contents(account_id, platform_id, title, url, cover, published_at, "
                            "rev) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
            q.bind(1, acc).bind(2, r.platformId);
            bindContent(q, 3, c).bind(7, d.nextRev()).run();
            id = d.db.lastInsertId();
            c.id = id;
            cache.contents.insert(k, c);
            ++result.inserted;
        } else {
            id = old->id;
            cache.contents.insert(k, *old);
            if (full) {
                Content c = *old;
                bool changed = merge(c.title, r.title);
                changed |= merge(c.url, r.url);
                changed |= merge(c.cover, r.cover);
                if (r.publishedAt > 0 && r.publishedAt != c.publishedAt) {
                    c.publishedAt = r.publishedAt;
                    changed = true;
                }
                if (changed) {
                    auto q = d.db.cached(
                        "UPDATE contents SET title = ?2, url = ?3, cover = ?4, published_at = ?5, "
                        "rev = ?6 "
                        "WHERE id = ?1");
                    q.bind(1, id);
                    bindContent(q, 2, c).bind(6, d.nextRev()).run();
                    cache.contents.insert(k, c);
                    ++result.updated;
                } else {
                    ++result.unchanged;
                }
            }
        }
        return id;
    }

    qint64 upsertConversation(qint64 acc, const QString &platformId, const QString &peerPid, bool full)
    {
        const PlatformKey k = key(acc, platformId);
        qint64 id = 0;
        qint64 oldPeer = 0;
        bool found = false;
        if (auto it = cache.conversations.constFind(k); it != cache.conversations.cend()) {
            // A known peer only changes when the platform says so in full.
            if (!full && (it->second != 0 || peerPid.isEmpty())) {
                touchedAccounts.insert(acc);
                return it->first;
            }
            found = true;
            id = it->first;
            oldPeer = it->second;
        } else {
            auto q = d.db.cached(
                "SELECT id, peer_user_id FROM conversations WHERE account_id = ?1 AND platform_id = ?2");
            q.bind(1, acc).bind(2, platformId);
            if (q.next()) {
                found = true;
                id = q.int64(0);
                oldPeer = q.int64(1);
            }
        }
        const qint64 peer = userId(peerPid);
        qint64 newPeer = oldPeer;
        if (!found) {
            newPeer = peer;
            d.db.cached("INSERT INTO conversations(account_id, platform_id, peer_user_id, rev) VALUES(?1, "
                        "?2, ?3, ?4)")
                .bind(1, acc)
                .bind(2, platformId)
                .bind(3, peer)
                .bind(4, d.nextRev())
                .run();
            id = d.db.lastInsertId();
            ++result.inserted;
        } else if (peer != 0 && peer != oldPeer && (full || oldPeer == 0)) {
            newPeer = peer;
            d.db.cached("UPDATE conversations SET peer_user_id = ?2, rev = ?3 WHERE id = ?1")
                .bind(1, id)
                .bind(2, peer)
                .bind(3, d.nextRev())
                .run();
            if (full)
                ++result.updated;
        } else if (full) {
            ++result.unchanged;
        }
        if (newPeer != oldPeer)
            d.noteUserInAccount(newPeer, acc);
        cache.conversations.insert(k, {id, newPeer});
        touchedAccounts.insert(acc);
        return id;
    }

    ConversationDelta &convDelta(qint64 convId)
    {
        auto it = convDeltas.find(convId);
        if (it == convDeltas.end()) {
            ConversationDelta delta;
            auto q = d.db.cached("SELECT read_upto, last_item_id FROM conversations WHERE id = ?1");
            q.bind(1, convId);
            if (q.next()) {
                delta.readUpTo = q.int64(0);
                delta.lastItemId = q.int64(1);
            }
            delta.newReadUpTo = delta.readUpTo;
            it = convDeltas.insert(convId, delta);
        }
        return *it;
    }

    std::optional<Item> existingItem(qint64 acc, ItemKind kind, const QString &platformId)
    {
        auto q =
            d.db.cached("SELECT " HISCRM_ITEM_COLS " FROM items i WHERE i.account_id = ?1 AND i.kind = ?2 "
                        "AND i.platform_id = ?3");
        q.bind(1, acc).bind(2, int(kind)).bind(3, platformId);
        if (!q.next())
            return std::nullopt;
        return readItem(q);
    }

    // Inserts a new item; returns false, changing nothing, when the platform id is already stored.
    bool insertItem(Item &it)
    {
        it.id = d.allocateItemId(it.createdAt);
        it.rev = d.rev + 1;
        d.db.cached("INSERT INTO items(id, kind, account_id, platform_id, thread_id, parent_id, sender_id, "
                    "direction, type, text, media, created_at, recalled, read, rev) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
                    "ON CONFLICT DO NOTHING")
            .bind(1, it.id)
            .bind(2, int(it.kind))
            .bind(3, it.accountId)
            .bind(4, it.platformId)
            .bind(5, it.threadId)
            .bind(6, it.parentId)
            .bind(7, it.senderId)
            .bind(8, int(it.direction))
            .bind(9, int(it.type))
            .bind(10, it.text)
            .bind(11, it.media)
            .bind(12, it.createdAt)
            .bind(13, it.recalled)
            .bind(14, it.read)
            .bind(15, it.rev)
            .run();
        if (d.db.changes() == 0)
            return false;
        d.nextRev();
        ++result.inserted;
        d.noteUserInAccount(it.senderId, it.accountId);
        return true;
    }

    // A record whose platform id is stored already: apply edits and recalls.
    bool updateExisting(qint64 acc, ItemKind kind, const QString &platformId, const QString &text,
                        MessageType type, const QString *media, bool recalled)
    {
        std::optional<Item> old = existingItem(acc, kind, platformId);
        if (!old)
            throw SqlError{SQLITE_CONSTRAINT,
                           QStringLiteral("item %1 conflicts with a stored one").arg(platformId)};
        if (updateItem(*old, text, type, media ? *media : old->media, recalled))
            return true;
        ++result.unchanged;
        return false;
    }

    // Keeps the text an item had before an edit or a recall.
    void keepHistory(const Item &old, qint64 when, bool recall)
    {
        d.db.cached(
                recall
                    ? "INSERT INTO item_history(item_id, changed_at, old_text, recall) VALUES(?1, ?2, ?3, 1)"
                    : "INSERT INTO item_history(item_id, changed_at, old_text, recall) VALUES(?1, ?2, ?3, 0)")
            .bind(1, old.id)
            .bind(2, when)
            .bind(3, old.text)
            .run();
    }

    // Applies what the platform now reports about a stored item. Returns true when it changed.
    bool updateItem(const Item &old, const QString &text, MessageType type, const QString &media,
                    bool recalled)
    {
        Item now = old;
        if (old.recalled) {
            // A recall is final; whatever the platform shows afterwards is a placeholder.
            return false;
        }
        const qint64 when = nowMs();
        if (recalled) {
            keepHistory(old, when, true);
            now.recalled = true;
            now.text = QString();
        } else if (text != old.text || type != old.type || media != old.media) {
            if (text != old.text) {
                keepHistory(old, when, false);
                now.editedAt = when;
            }
            now.text = text;
            now.type = type;
            now.media = media;
        } else {
            return false;
        }
        d.db.cached(
                "UPDATE items SET text = ?2, type = ?3, media = ?4, edited_at = ?5, recalled = ?6, rev = ?7 "
                "WHERE id = ?1")
            .bind(1, old.id)
            .bind(2, now.text)
            .bind(3, int(now.type))
            .bind(4, now.media)
            .bind(5, now.editedAt)
            .bind(6, now.recalled)
            .bind(7, d.nextRev())
            .run();
        ++result.updated;
        return true;
    }

    void ingestMessage(const MessageRecord &r)
    {
        const qint64 acc = accountId(r.accountId);
        const QString peer = r.direction == Direction::In ? r.senderId : QString();
        const qint64 conv = upsertConversation(acc, r.conversationId, peer, false);
        Item it;
        it.kind = ItemKind::Message;
        it.accountId = acc;
        it.platformId = r.platformId;
        it.threadId = conv;
        it.senderId =
            r.senderId.isEmpty() && r.direction == Direction::Out ? accountUser(acc) : userId(r.senderId);
        it.direction = r.direction;
        it.type = r.type;
        it.text = r.recalled ? QString() : r.text;
        it.media = r.media;
        it.createdAt = r.createdAt;
        it.recalled = r.recalled;
        if (!insertItem(it)) {
            if (updateExisting(acc, ItemKind::Message, r.platformId, r.text, r.type, &r.media, r.recalled))
                convDelta(conv).refresh = true;
            return;
        }

        ConversationDelta &delta = convDelta(conv);
        if (it.id > delta.newestId) {
            delta.newestId = it.id;
            delta.newest = it;
        }
        if (it.direction == Direction::Out) {
            // The operator answered on the platform itself: everything before is read.
            delta.newReadUpTo = qMax(delta.newReadUpTo, it.id);
        } else if (!it.recalled) {
            delta.inbound.append(it.id);
        }
    }

    void ingestComment(const CommentRecord &r)
    {
        ContentRecord cr;
        cr.accountId = r.accountId;
        cr.platformId = r.contentId;
        const qint64 content = upsertContent(cr, false);
        const qint64 acc = accountId(r.accountId);
        Item it;
        it.kind = ItemKind::Comment;
        it.accountId = acc;
        it.platformId = r.platformId;
        it.threadId = content;
        if (!r.parentId.isEmpty()) {
            if (std::optional<Item> parent = existingItem(acc, ItemKind::Comment, r.parentId))
                it.parentId = parent->id;
        }
        const bool own = r.authorId.isEmpty() || r.authorId == r.accountId;
        it.direction = own ? Direction::Out : Direction::In;
        it.senderId = own ? accountUser(acc) : userId(r.authorId);
        it.text = r.recalled ? QString() : r.text;
        it.media = QString();
        it.createdAt = r.createdAt;
        it.recalled = r.recalled;
        it.read = own; // our own comments are never unread
        if (!insertItem(it)) {
            if (updateExisting(acc, ItemKind::Comment, r.platformId, r.text, MessageType::Text, nullptr,
                               r.recalled))
                contentDeltas[content].refresh = true;
            return;
        }

        ContentDelta &delta = contentDeltas[content];
        ++delta.added;
        if (!it.read && !it.recalled)
            ++delta.unreadAdded;
        delta.lastAt = qMax(delta.lastAt, it.createdAt);
    }

    void finishConversations()
    {
        for (auto it = convDeltas.cbegin(); it != convDeltas.cend(); ++it) {
            const qint64 conv = it.key();
            const ConversationDelta &delta = it.value();
            result.conversationIds.append(conv);
            const bool readMoved = delta.newReadUpTo != delta.readUpTo;
            // Items stored before the batch but newer than the new read marker (a backfilled
            // reply) must be counted from the table; so must edits and recalls.
            if (delta.refresh || (readMoved && delta.lastItemId > delta.newReadUpTo)) {
                if (readMoved)
                    d.db.cached("UPDATE conversations SET read_upto = ?2, marked_unread = 0 WHERE id = ?1")
                        .bind(1, conv)
                        .bind(2, delta.newReadUpTo)
                        .run();
                d.refreshConversation(conv);
                continue;
            }
            // Unread: the new inbound items after the read marker, plus (while the marker did not
            // move) what was unread before.
            qint64 unreadNew = 0;
            for (qint64 id : delta.inbound) {
                if (id > delta.newReadUpTo)
                    ++unreadNew;
            }
            if (delta.newestId == 0 && !readMoved)
                continue;
            const bool newLast = delta.newestId > delta.lastItemId;
            const Item &n = delta.newest;
            d.db.cached("UPDATE conversations SET "
                        "last_item_id = CASE WHEN ?2 THEN ?3 ELSE last_item_id END, "
                        "last_at = CASE WHEN ?2 THEN max(last_at, ?4) ELSE last_at END, "
                        "last_preview = CASE WHEN ?2 THEN ?5 ELSE last_preview END, "
                        "last_direction = CASE WHEN ?2 THEN ?6 ELSE last_direction END, "
                        "read_upto = ?7, marked_unread = CASE WHEN ?8 THEN 0 ELSE marked_unread END, "
                        "unread_count = CASE WHEN ?8 THEN ?9 ELSE unread_count + ?9 END, rev = ?10 "
                        "WHERE id = ?1")
                .bind(1, conv)
                .bind(2, newLast)
                .bind(3, n.id)
                .bind(4, n.createdAt)
                .bind(5, newLast ? previewOf(n) : QString())
                .bind(6, int(n.direction))
                .bind(7, delta.newReadUpTo)
                .bind(8, readMoved)
                .bind(9, unreadNew)
                .bind(10, d.nextRev())
                .run();
        }
    }

    void finishContents()
    {
        for (auto it = contentDeltas.cbegin(); it != contentDeltas.cend(); ++it) {
            result.contentIds.append(it.key());
            const ContentDelta &delta = it.value();
            if (delta.refresh) {
                d.refreshContent(it.key());
                continue;
            }
            d.db.cached("UPDATE contents SET comment_count = comment_count + ?2, "
                        "unread_comments = unread_comments + ?3, last_comment_at = max(last_comment_at, ?4), "
                        "rev = ?5 WHERE id = ?1")
                .bind(1, it.key())
                .bind(2, delta.added)
                .bind(3, delta.unreadAdded)
                .bind(4, delta.lastAt)
                .bind(5, d.nextRev())
                .run();
        }
        result.accountIds = QList<qint64>(touchedAccounts.cbegin(), touchedAccounts.cend());
        std::sort(result.accountIds.begin(), result.accountIds.end());
        std::sort(result.conversationIds.begin(), result.conversationIds.end());
        std::sort(result.contentIds.begin(), result.contentIds.end());
    }
};

// One string of one record: required ids present, within its limit, and valid UTF-16. A QString
// may hold half a surrogate pair (a connector that cut a string inside an emoji); SQLite would
// store it as "?", so two different ids would become one row and an unchanged text would read back
// as an edit. Such strings are refused, as the protocol refuses them (docs/protocol.md).
class RecordChecker
{
public:
    RecordChecker(const char *list, qsizetype index)
        : m_list(list)
        , m_index(index)
    {}

    // A platform id: 1 to kMaxIdChars units when required, else at most kMaxIdChars.
    RecordChecker &id(const QString &v, const char *field, bool required = true)
    {
        if (!m_error && required && v.isEmpty())
            m_error = {ErrorCode::InvalidArgument,
                       Store::tr("%1[%2].%3 is missing; every record needs its platform ids.")
                           .arg(QString::fromLatin1(m_list))
                           .arg(m_index)
                           .arg(QString::fromLatin1(field))};
        return string(v, field, kMaxIdChars);
    }

    RecordChecker &string(const QString &v, const char *field, qsizetype maxChars)
    {
        if (m_error)
            return *this;
        if (v.size() > maxChars)
            m_error = {ErrorCode::InvalidArgument,
                       Store::tr("%1[%2].%3 has %4 characters; at most %5 are accepted.")
                           .arg(QString::fromLatin1(m_list))
                           .arg(m_index)
                           .arg(QString::fromLatin1(field))
                           .arg(v.size())
                           .arg(maxChars)};
        else if (!QStringView(v).isValidUtf16())
            m_error = {
                ErrorCode::InvalidArgument,
                Store::tr("%1[%2].%3 contains an unpaired UTF-16 surrogate; text must be valid Unicode.")
                    .arg(QString::fromLatin1(m_list))
                    .arg(m_index)
                    .arg(QString::fromLatin1(field))};
        return *this;
    }

    RecordChecker &time(qint64 createdAt)
    {
        if (!m_error && (createdAt <= 0 || createdAt > kMaxTimestampMs))
            m_error = {ErrorCode::InvalidArgument,
                       Store::tr("%1[%2].created_at (%3) is not a time in milliseconds since 1970 before the "
                                 "year 2200 (1 to %4).")
                           .arg(QString::fromLatin1(m_list))
                           .arg(m_index)
                           .arg(createdAt)
                           .arg(kMaxTimestampMs)};
        return *this;
    }

    Error error() const { return m_error; }

private:
    const char *m_list;
    qsizetype m_index;
    Error m_error;
};

// The first refusal among one list of a batch's records; `check` runs a record's checks.
template <typename Record, typename Check>
Error checkRecords(const QList<Record> &records, const char *list, Check check)
{
    for (qsizetype i = 0; i < records.size(); ++i) {
        RecordChecker c(list, i);
        check(c, records[i]);
        if (Error e = c.error())
            return e;
    }
    return {};
}

} // namespace

Error Store::validate(const Batch &b)
{
    if (b.platform.isEmpty() || b.platform.size() > 64 || !QStringView(b.platform).isValidUtf16())
        return {ErrorCode::InvalidArgument,
                Store::tr("The batch must name its platform in 1 to 64 characters of valid Unicode.")};
    if (b.size() > kMaxBatchRecords)
        return {ErrorCode::InvalidArgument,
                Store::tr("The batch holds %1 records; send at most %2 per batch.")
                    .arg(b.size())
                    .arg(kMaxBatchRecords)};
    Error e = checkRecords(b.accounts, "accounts", [](RecordChecker &c, const AccountRecord &r) {
        c.id(r.platformId, "platform_id").string(r.name, "name", kMaxNameChars);
        c.string(r.avatar, "avatar", kMaxUrlChars);
    });
    if (!e)
        e = checkRecords(b.users, "users", [](RecordChecker &c, const UserRecord &r) {
            c.id(r.platformId, "platform_id").string(r.name, "name", kMaxNameChars);
            c.string(r.avatar, "avatar", kMaxUrlChars).string(r.signature, "signature", kMaxSignatureChars);
        });
    if (!e)
        e = checkRecords(b.contents, "contents", [](RecordChecker &c, const ContentRecord &r) {
            c.id(r.accountId, "account_id").id(r.platformId, "platform_id");
            c.string(r.title, "title", kMaxTitleChars).string(r.url, "url", kMaxUrlChars);
            c.string(r.cover, "cover", kMaxUrlChars);
        });
    if (!e)
        e = checkRecords(b.conversations, "conversations", [](RecordChecker &c, const ConversationRecord &r) {
            c.id(r.accountId, "account_id").id(r.platformId, "platform_id").id(r.peerId, "peer_id", false);
        });
    if (!e)
        e = checkRecords(b.messages, "messages", [](RecordChecker &c, const MessageRecord &r) {
            c.id(r.accountId, "account_id")
                .id(r.conversationId, "conversation_id")
                .id(r.platformId, "platform_id");
            c.id(r.senderId, "sender_id", r.direction == Direction::In);
            c.time(r.createdAt).string(r.text, "text", kMaxTextChars).string(r.media, "media", kMaxUrlChars);
        });
    if (!e)
        e = checkRecords(b.comments, "comments", [](RecordChecker &c, const CommentRecord &r) {
            c.id(r.accountId, "account_id").id(r.contentId, "content_id").id(r.platformId, "platform_id");
            c.id(r.parentId, "parent_id", false).id(r.authorId, "author_id", false);
            c.time(r.createdAt).string(r.text, "text", kMaxTextChars);
        });
    return e;
}

Result<IngestResult> Store::ingest(const Batch &batch)
{
    return ingestAll(QList<const Batch *>{&batch}).front();
}

std::vector<Result<IngestResult>> Store::ingestAll(const QList<const Batch *> &batches)
{
    std::vector<Result<IngestResult>> results;
    results.reserve(size_t(batches.size()));
    const Error writable = d->checkWritable();
    bool any = false;
    for (const Batch *b : batches) {
        Error e = writable ? writable : validate(*b);
        any = any || !e;
        results.push_back(e ? Result<IngestResult>(std::move(e)) : Result<IngestResult>(IngestResult{}));
    }
    if (!any)
        return results;
    try {
        WriteTransaction txn(d->db);
        d->beginWrite();
        for (qsizetype i = 0; i < batches.size(); ++i) {
            if (results[size_t(i)])
                results[size_t(i)] = Ingestor(*d, batches[i]->platform).run(*batches[i]);
        }
        d->saveRev();
        txn.commit();
        d->endWrite();
    } catch (const SqlError &e) {
        d->abandonWrite(); // the cache may hold rows the rollback took away
        const Error failed = d->fail(e);
        for (Result<IngestResult> &r : results) {
            if (r)
                r = failed;
        }
    }
    return results;
}

} // namespace hiscrm::store
