// SPDX-License-Identifier: GPL-3.0-or-later
// Read queries: accounts, profiles, the conversation list, threads, contents, unread summary.
// Lists use keyset paging over indexed orders, so a page costs the same at any depth.

#include "search/TextAnalysis.h"
#include "store/StoreImpl.h"

#include <sqlite3.h>

#include <QCoreApplication>

namespace hiscrm::store {

using namespace model;

namespace {

// The row a bound query finds, read by `read` (readAccount, readUser, ...); nullopt when none.
template <typename Query, typename Read>
auto firstRow(Query &q, Read read) -> std::optional<decltype(read(q, 0))>
{
    if (!q.next())
        return std::nullopt;
    return read(q, 0);
}

// Every row a bound query finds, in its order, read by `read`.
template <typename Query, typename Read> auto allRows(Query &q, Read read) -> QList<decltype(read(q, 0))>
{
    QList<decltype(read(q, 0))> out;
    while (q.next())
        out.append(read(q, 0));
    return out;
}

// The one row `sql` selects with ?1 bound to `id`, read by `read`; nullopt when there is none.
template <typename Read> auto rowById(Database &db, const char *sql, qint64 id, Read read)
{
    auto q = db.cached(sql);
    q.bind(1, id);
    return firstRow(q, read);
}

} // namespace

Result<QList<Account>> Store::accounts() const
{
    return d->guarded([&] {
        auto q =
            d->db.cached("SELECT " HISCRM_ACCOUNT_COLS " FROM accounts a ORDER BY a.platform, a.name, a.id");
        return allRows(q, readAccount);
    });
}

Result<std::optional<Account>> Store::account(qint64 id) const
{
    return d->guarded([&] {
        return rowById(d->db, "SELECT " HISCRM_ACCOUNT_COLS " FROM accounts a WHERE a.id = ?1", id,
                       readAccount);
    });
}

Result<std::optional<Account>> Store::accountByPlatformId(const QString &platform, const QString &platformId)
{
    return d->guarded([&]() -> std::optional<Account> {
        auto q = d->db.cached("SELECT " HISCRM_ACCOUNT_COLS
                              " FROM accounts a WHERE a.platform = ?1 AND a.platform_id = ?2");
        q.bind(1, platform).bind(2, platformId);
        return firstRow(q, readAccount);
    });
}

Result<std::optional<User>> Store::user(qint64 id) const
{
    return d->guarded([&] {
        return rowById(d->db, "SELECT " HISCRM_USER_COLS " FROM users u WHERE u.id = ?1", id, readUser);
    });
}

Result<QList<User>> Store::users(const QList<qint64> &ids) const
{
    return d->guarded([&] {
        QList<User> out;
        out.reserve(ids.size());
        for (qint64 id : ids) {
            auto q = d->db.cached("SELECT " HISCRM_USER_COLS " FROM users u WHERE u.id = ?1");
            q.bind(1, id);
            if (q.next())
                out.append(readUser(q));
        }
        return out;
    });
}

Result<std::optional<User>> Store::userByPlatformId(const QString &platform, const QString &platformId)
{
    return d->guarded([&]() -> std::optional<User> {
        auto q = d->db.cached("SELECT " HISCRM_USER_COLS
                              " FROM users u WHERE u.platform = ?1 AND u.platform_id = ?2");
        q.bind(1, platform).bind(2, platformId);
        return firstRow(q, readUser);
    });
}

Result<std::optional<Conversation>> Store::conversation(qint64 id) const
{
    return d->guarded([&] { return d->loadConversation(id); });
}

Result<std::optional<Conversation>> Store::conversationByPlatformId(qint64 accountId,
                                                                    const QString &platformId)
{
    return d->guarded([&]() -> std::optional<Conversation> {
        qint64 id = 0;
        {
            auto q = d->db.cached("SELECT id FROM conversations WHERE account_id = ?1 AND platform_id = ?2");
            q.bind(1, accountId).bind(2, platformId);
            if (!q.next())
                return std::nullopt;
            id = q.int64(0);
        }
        return d->loadConversation(id);
    });
}

Result<ConversationPage> Store::conversations(const ConversationFilter &f, int limit,
                                              const std::optional<ConversationCursor> &after) const
{
    limit = qBound(1, limit, 500);
    return d->guarded([&] {
        // Built from fixed fragments only; every value is bound.
        QByteArray sql = "SELECT " HISCRM_CONVERSATION_COLS " FROM conversations c";
        // A chat the connector announced but nobody has written in yet is not in the inbox.
        QList<QByteArray> where{"c.last_item_id <> 0"};
        if (f.archived == ArchivedFilter::Exclude)
            where << "c.archived = 0";
        else if (f.archived == ArchivedFilter::Only)
            where << "c.archived = 1";
        if (!f.accountIds.isEmpty()) {
            QByteArray in = "c.account_id IN (";
            for (qsizetype i = 0; i < f.accountIds.size(); ++i)
                in += (i ? ",?" : "?");
            where << in + ')';
        }
        if (!f.platform.isEmpty())
            where << "c.account_id IN (SELECT id FROM accounts WHERE platform = :platform)";
        if (f.unreadOnly)
            where << "(c.unread_count > 0 OR c.marked_unread = 1)";
        if (f.pinnedOnly)
            where << "c.pinned = 1";
        if (f.mutedOnly)
            where << "c.muted_until > :now";
        if (f.awaitingReplyOnly)
            where << "(c.last_item_id <> 0 AND c.last_direction = 0)";
        if (f.tagId != 0)
            where << "c.id IN (SELECT conversation_id FROM conversation_tags WHERE tag_id = :tag)";
        if (f.peerUserId != 0)
            where << "c.peer_user_id = :peer";
        if (after)
            where << "(c.pinned, c.last_at, c.id) < (:cp, :cl, :ci)";
        if (!where.isEmpty())
            sql += " WHERE " + where.join(" AND ");
        sql += " ORDER BY c.pinned DESC, c.last_at DESC, c.id DESC LIMIT :limit";

        Statement s = d->db.prepare(sql);
        int i = 1;
        for (qint64 a : f.accountIds)
            s.bind(i++, a);
        const auto bindNamed = [&s](const char *name, auto value) {
            const int idx = sqlite3_bind_parameter_index(s.handle(), name);
            if (idx > 0)
                s.bind(idx, value);
        };
        bindNamed(":platform", f.platform);
        bindNamed(":now", f.nowMs ? f.nowMs : nowMs());
        bindNamed(":tag", f.tagId);
        bindNamed(":peer", f.peerUserId);
        if (after) {
            bindNamed(":cp", qint64(after->pinned ? 1 : 0));
            bindNamed(":cl", after->lastAt);
            bindNamed(":ci", after->id);
        }
        bindNamed(":limit", qint64(limit + 1));

        ConversationPage page;
        while (s.next()) {
            if (page.conversations.size() == limit) {
                const Conversation &last = page.conversations.constLast();
                page.next = ConversationCursor{last.pinned, last.lastAt, last.id};
                break;
            }
            page.conversations.append(readConversation(s));
        }
        s.reset();
        for (Conversation &c : page.conversations)
            c.tagIds = d->tagsOf(c.id);
        return page;
    });
}

Result<QList<Conversation>> Store::conversationsByPeerName(const PeerNameQuery &query) const
{
    const search::MatchPlan plan = search::buildMatch(query.text);
    return d->guarded([&] {
        QList<Conversation> out;
        if (plan.match.isEmpty())
            return out;
        // The index finds the profiles; each filter is one more condition on their conversations.
        // A conversation with no message yet is in no list, and not found here either.
        QByteArray sql =
            "SELECT c.id FROM users_fts f CROSS JOIN conversations c ON c.peer_user_id = f.rowid "
            "WHERE users_fts MATCH ?1 AND c.last_item_id <> 0";
        if (!query.accountIds.isEmpty()) {
            QByteArrayList ids;
            for (qint64 a : query.accountIds)
                ids << QByteArray::number(a);
            sql += " AND c.account_id IN (" + ids.join(',') + ')';
        }
        if (query.tagId)
            sql += " AND EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id "
                   "AND t.tag_id = ?2)";
        if (query.unreadOnly)
            sql += " AND (c.unread_count > 0 OR c.marked_unread)";
        if (query.fromMs)
            sql += " AND c.last_at >= ?3";
        if (query.toMs)
            sql += " AND c.last_at < ?4";
        sql += " ORDER BY c.last_at DESC, c.id DESC LIMIT ?5";
        QList<qint64> ids;
        {
            Statement s = d->db.prepare(sql);
            s.bindUtf8(1, plan.match).bind(5, qBound(1, query.limit, 500));
            if (query.tagId)
                s.bind(2, query.tagId);
            if (query.fromMs)
                s.bind(3, query.fromMs);
            if (query.toMs)
                s.bind(4, query.toMs);
            while (s.next())
                ids.append(s.int64(0));
        }
        for (qint64 id : ids) {
            if (auto c = d->loadConversation(id))
                out.append(*c);
        }
        return out;
    });
}

Result<std::optional<Item>> Store::item(qint64 id) const
{
    return d->guarded([&] { return d->loadItem(id); });
}

Result<std::optional<Item>> Store::itemByPlatformId(qint64 accountId, ItemKind kind,
                                                    const QString &platformId)
{
    return d->guarded([&]() -> std::optional<Item> {
        auto q =
            d->db.cached("SELECT " HISCRM_ITEM_COLS " FROM items i WHERE i.account_id = ?1 AND i.kind = ?2 "
                         "AND i.platform_id = ?3");
        q.bind(1, accountId).bind(2, int(kind)).bind(3, platformId);
        return firstRow(q, readItem);
    });
}

namespace {

// Reads up to limit items walking away from a boundary; reports whether more exist that way.
bool readPage(Cached &q, int limit, QList<Item> &out)
{
    while (q.next()) {
        if (out.size() == limit)
            return true;
        out.append(readItem(q));
    }
    return false;
}

bool existsBefore(Database &db, ItemKind kind, qint64 threadId, qint64 id)
{
    auto q = db.cached("SELECT 1 FROM items WHERE kind = ?1 AND thread_id = ?2 AND id < ?3 LIMIT 1");
    q.bind(1, int(kind)).bind(2, threadId).bind(3, id);
    return q.next();
}

bool existsAfter(Database &db, ItemKind kind, qint64 threadId, qint64 id)
{
    auto q = db.cached("SELECT 1 FROM items WHERE kind = ?1 AND thread_id = ?2 AND id > ?3 LIMIT 1");
    q.bind(1, int(kind)).bind(2, threadId).bind(3, id);
    return q.next();
}

} // namespace

Result<ItemPage> Store::thread(ItemKind kind, qint64 threadId, int limit, qint64 beforeId) const
{
    limit = qBound(1, limit, 1000);
    return d->guarded([&] {
        ReadTransaction snapshot(d->db);
        ItemPage page;
        {
            auto q = d->db.cached("SELECT " HISCRM_ITEM_COLS
                                  " FROM items i WHERE i.kind = ?1 AND i.thread_id = ?2 "
                                  "AND i.id < ?3 ORDER BY i.id DESC LIMIT ?4");
            q.bind(1, int(kind))
                .bind(2, threadId)
                .bind(3, beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max());
            q.bind(4, limit + 1);
            page.hasOlder = readPage(q, limit, page.items);
        }
        std::reverse(page.items.begin(), page.items.end());
        page.hasNewer = beforeId > 0 && existsAfter(d->db, kind, threadId, beforeId - 1);
        return page;
    });
}

Result<ItemPage> Store::threadAfter(ItemKind kind, qint64 threadId, qint64 afterId, int limit) const
{
    limit = qBound(1, limit, 1000);
    return d->guarded([&] {
        ReadTransaction snapshot(d->db);
        ItemPage page;
        {
            auto q = d->db.cached("SELECT " HISCRM_ITEM_COLS
                                  " FROM items i WHERE i.kind = ?1 AND i.thread_id = ?2 "
                                  "AND i.id > ?3 ORDER BY i.id ASC LIMIT ?4");
            q.bind(1, int(kind)).bind(2, threadId).bind(3, afterId).bind(4, limit + 1);
            page.hasNewer = readPage(q, limit, page.items);
        }
        page.hasOlder = existsBefore(d->db, kind, threadId, afterId + 1);
        return page;
    });
}

Result<ItemPage> Store::threadAround(qint64 itemId, int limit) const
{
    limit = qBound(2, limit, 1000);
    return d->guarded([&]() -> Result<ItemPage> {
        ReadTransaction snapshot(d->db);
        const auto centre = d->loadItem(itemId);
        if (!centre)
            return Error{ErrorCode::NotFound, Store::tr("The message no longer exists.")};
        ItemPage page;
        const int before = limit / 2;
        {
            auto q = d->db.cached("SELECT " HISCRM_ITEM_COLS
                                  " FROM items i WHERE i.kind = ?1 AND i.thread_id = ?2 "
                                  "AND i.id < ?3 ORDER BY i.id DESC LIMIT ?4");
            q.bind(1, int(centre->kind)).bind(2, centre->threadId).bind(3, itemId).bind(4, before + 1);
            page.hasOlder = readPage(q, before, page.items);
        }
        std::reverse(page.items.begin(), page.items.end());
        page.items.append(*centre);
        QList<Item> after;
        {
            auto q = d->db.cached("SELECT " HISCRM_ITEM_COLS
                                  " FROM items i WHERE i.kind = ?1 AND i.thread_id = ?2 "
                                  "AND i.id > ?3 ORDER BY i.id ASC LIMIT ?4");
            const int n = limit - before - 1;
            q.bind(1, int(centre->kind)).bind(2, centre->threadId).bind(3, itemId).bind(4, n + 1);
            page.hasNewer = readPage(q, n, after);
        }
        page.items.append(after);
        return page;
    });
}

Result<QList<ItemHistory>> Store::history(qint64 itemId) const
{
    return d->guarded([&] {
        QList<ItemHistory> out;
        auto q =
            d->db.cached("SELECT item_id, old_text, changed_at, recall FROM item_history WHERE item_id = ?1 "
                         "ORDER BY changed_at, rowid");
        q.bind(1, itemId);
        while (q.next())
            out.append(ItemHistory{q.int64(0), q.text(1), q.int64(2), q.int64(3) != 0});
        return out;
    });
}

Result<QList<Content>> Store::contents(qint64 accountId, bool unreadOnly, int limit,
                                       qint64 beforeLastCommentAt) const
{
    limit = qBound(1, limit, 500);
    return d->guarded([&] {
        auto q =
            d->db.cached("SELECT " HISCRM_CONTENT_COLS " FROM contents t WHERE (?1 = 0 OR t.account_id = ?1) "
                         "AND (?2 = 0 OR t.unread_comments > 0) AND t.comment_count > 0 "
                         "AND t.last_comment_at < ?3 ORDER BY t.last_comment_at DESC, t.id DESC LIMIT ?4");
        q.bind(1, accountId)
            .bind(2, unreadOnly)
            .bind(3, beforeLastCommentAt > 0 ? beforeLastCommentAt : std::numeric_limits<qint64>::max());
        q.bind(4, limit);
        return allRows(q, readContent);
    });
}

Result<std::optional<Content>> Store::content(qint64 id) const
{
    return d->guarded([&] {
        return rowById(d->db, "SELECT " HISCRM_CONTENT_COLS " FROM contents t WHERE t.id = ?1", id,
                       readContent);
    });
}

namespace {

// Adds each account's unread comments to perAccount; returns them all together.
qint64 addUnreadComments(Database &db, QHash<qint64, qint64> &perAccount)
{
    qint64 total = 0;
    auto q = db.cached("SELECT account_id, sum(unread_comments) FROM contents WHERE unread_comments > 0 "
                       "GROUP BY account_id");
    while (q.next()) {
        perAccount[q.int64(0)] += q.int64(1);
        total += q.int64(1);
    }
    return total;
}

} // namespace

Result<UnreadSummary> Store::unreadSummary(qint64 now) const
{
    if (now == 0)
        now = nowMs();
    return d->guarded([&] {
        ReadTransaction snapshot(d->db);
        UnreadSummary s;
        {
            auto q = d->db.cached(
                "SELECT id, account_id, unread_count, marked_unread, muted_until FROM conversations "
                "WHERE unread_count > 0 OR marked_unread = 1");
            while (q.next()) {
                const qint64 count = q.int64(2);
                const qint64 badge = count > 0 ? count : 1;
                s.perConversation.insert(q.int64(0), badge);
                s.perAccount[q.int64(1)] += badge;
                s.total += badge;
                if (q.int64(4) <= now)
                    s.totalUnmuted += badge;
            }
        }
        s.comments = addUnreadComments(d->db, s.perAccount);
        s.total += s.comments;
        s.totalUnmuted += s.comments;
        return s;
    });
}

Result<ViewCounts> Store::viewCounts(qint64 now) const
{
    if (now == 0)
        now = nowMs();
    return d->guarded([&] {
        ReadTransaction snapshot(d->db);
        ViewCounts v;
        {
            // Only rows that count somewhere: unread ones, and inbound-last ones of the inbox.
            auto q = d->db.cached(
                "SELECT account_id, archived, pinned, (unread_count > 0 OR marked_unread = 1), "
                "(archived = 0 AND last_direction = 0) FROM conversations "
                "WHERE last_item_id <> 0 AND muted_until <= ?1 AND "
                "(unread_count > 0 OR marked_unread = 1 OR (archived = 0 AND last_direction = 0))");
            q.bind(1, now);
            while (q.next()) {
                const bool archived = q.int64(1) != 0;
                const bool unread = q.int64(3) != 0;
                if (q.int64(4) != 0)
                    ++v.awaitingReply;
                if (!unread)
                    continue;
                if (archived) {
                    ++v.archivedUnread;
                    continue;
                }
                ++v.unreadChats;
                ++v.accountUnread[q.int64(0)];
                if (q.int64(2) != 0)
                    ++v.pinnedUnread;
            }
        }
        {
            auto q = d->db.cached(
                "SELECT t.tag_id, count(*) FROM conversation_tags t JOIN conversations c "
                "ON c.id = t.conversation_id WHERE c.archived = 0 AND c.last_item_id <> 0 "
                "AND (c.unread_count > 0 OR c.marked_unread = 1) AND c.muted_until <= ?1 GROUP BY t.tag_id");
            q.bind(1, now);
            while (q.next())
                v.tagUnread.insert(q.int64(0), q.int64(1));
        }
        v.unreadComments = addUnreadComments(d->db, v.accountUnread);
        return v;
    });
}

Result<qint64> Store::awaitingSince(qint64 conversationId) const
{
    return d->guarded([&] {
        // Bounded, so a chat of 100k unanswered messages costs what a short one does.
        auto q = d->db.cached(
            "WITH recent AS (SELECT id, direction, created_at FROM items WHERE kind = 0 AND thread_id = ?1 "
            "ORDER BY id DESC LIMIT 200) "
            "SELECT coalesce(min(created_at), 0) FROM recent WHERE direction = 0 AND "
            "id > coalesce((SELECT max(id) FROM recent WHERE direction = 1), 0)");
        q.bind(1, conversationId);
        return q.next() ? q.int64(0) : qint64(0);
    });
}

Result<QList<FailedReply>> Store::failedReplies(int limit) const
{
    limit = qBound(1, limit, 10000);
    return d->guarded([&] {
        QList<FailedReply> out;
        // Without statistics the planner prefers walking all items backwards by id (80 ms at 1M
        // messages) to the few rows of the partial index and a sort (microseconds).
        auto q = d->db.cached("SELECT kind, thread_id, id, error FROM items INDEXED BY items_failed "
                              "WHERE delivery = 3 ORDER BY id DESC LIMIT ?1");
        q.bind(1, limit);
        while (q.next())
            out.append(FailedReply{ItemKind(q.int64(0)), q.int64(1), q.int64(2), q.text(3)});
        return out;
    });
}

Result<QList<Tag>> Store::tags() const
{
    return d->guarded([&] {
        QList<Tag> out;
        auto q = d->db.cached("SELECT id, name, color, rev FROM tags ORDER BY name COLLATE NOCASE, id");
        while (q.next())
            out.append(Tag{q.int64(0), q.text(1), q.text(2), q.int64(3)});
        return out;
    });
}

Result<QList<Item>> Store::pendingReplies(qint64 accountId)
{
    return d->guarded([&] {
        auto q = d->db.cached("SELECT " HISCRM_ITEM_COLS
                              " FROM items i WHERE i.account_id = ?1 AND i.delivery = 1 "
                              "ORDER BY i.id");
        q.bind(1, accountId);
        return allRows(q, readItem);
    });
}

Result<QJsonObject> Store::counts() const
{
    return d->guarded([&] {
        ReadTransaction snapshot(d->db);
        QJsonObject o;
        const auto count = [&](const char *sql) {
            auto q = d->db.cached(sql);
            return q.next() ? q.int64(0) : qint64(0);
        };
        o.insert(QStringLiteral("accounts"), count("SELECT count(*) FROM accounts"));
        o.insert(QStringLiteral("users"), count("SELECT count(*) FROM users"));
        o.insert(QStringLiteral("contents"), count("SELECT count(*) FROM contents"));
        o.insert(QStringLiteral("conversations"), count("SELECT count(*) FROM conversations"));
        o.insert(QStringLiteral("messages"), count("SELECT count(*) FROM items WHERE kind = 0"));
        o.insert(QStringLiteral("comments"), count("SELECT count(*) FROM items WHERE kind = 1"));
        o.insert(QStringLiteral("tags"), count("SELECT count(*) FROM tags"));
        o.insert(QStringLiteral("pending_replies"), count("SELECT count(*) FROM items WHERE delivery = 1"));
        o.insert(QStringLiteral("revision"), count("SELECT value FROM meta WHERE key = 'rev'"));
        return o;
    });
}

} // namespace hiscrm::store
