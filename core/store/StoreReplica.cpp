// SPDX-License-Identifier: GPL-3.0-or-later
// A desktop's replica of a team master (see Store::applyChanges): the master's rows written as they
// are, with the master's ids and revisions, so that the window's queries and the search index work
// on it exactly as on a master's own store. Only the SyncEngine writes here.

#include "store/StoreImpl.h"

#include <QSet>

namespace hiscrm::store {

using namespace model;

namespace {

Error unreadable(const Change &c, const QString &why)
{
    return Error{ErrorCode::InvalidArgument,
                 Store::tr("The team master sent a %1 (id %2, revision %3) that cannot be read: %4.")
                     .arg(c.entity)
                     .arg(c.id)
                     .arg(c.rev)
                     .arg(why)};
}

// What one change touches, as Store::Applied reports it.
struct Touched
{
    QSet<qint64> conversations, contents, accounts;
    bool others = false;
};

class Applier
{
public:
    Applier(Store::Impl &d, Touched &t)
        : m_d(d)
        , m_t(t)
    {}

    Error apply(const Change &c)
    {
        QString why;
        if (c.deleted)
            return remove(c);
        if (c.entity == u"account") {
            Account v;
            if (!fromJson(c.data, &v, &why))
                return unreadable(c, why);
            m_d.db
                .cached("INSERT OR REPLACE INTO accounts(id, platform, platform_id, name, avatar, user_id, "
                        "login_state, last_error, last_sync_at, rev) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                        "?9, ?10)")
                .bind(1, v.id)
                .bind(2, v.platform)
                .bind(3, v.platformId)
                .bind(4, v.name)
                .bind(5, v.avatar)
                .bind(6, v.userId)
                .bind(7, qint64(v.loginState))
                .bind(8, v.lastError)
                .bind(9, v.lastSyncAt)
                .bind(10, v.rev)
                .run();
            m_t.accounts.insert(v.id);
        } else if (c.entity == u"user") {
            User v;
            if (!fromJson(c.data, &v, &why))
                return unreadable(c, why);
            unindexUser(v.id);
            m_d.db
                .cached("INSERT OR REPLACE INTO users(id, platform, platform_id, name, avatar, signature, "
                        "followers, following, videos, verified, rev) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .bind(1, v.id)
                .bind(2, v.platform)
                .bind(3, v.platformId)
                .bind(4, v.name)
                .bind(5, v.avatar)
                .bind(6, v.signature)
                .bind(7, v.followers)
                .bind(8, v.following)
                .bind(9, v.videos)
                .bind(10, qint64(v.verified))
                .bind(11, v.rev)
                .run();
            if (!v.name.isEmpty())
                m_d.db.cached("INSERT INTO users_fts(rowid, name) VALUES(?1, ?2)")
                    .bind(1, v.id)
                    .bind(2, v.name)
                    .run();
            m_t.others = true;
        } else if (c.entity == u"content") {
            Content v;
            if (!fromJson(c.data, &v, &why))
                return unreadable(c, why);
            m_d.db
                .cached("INSERT OR REPLACE INTO contents(id, account_id, platform_id, title, url, cover, "
                        "published_at, comment_count, unread_comments, last_comment_at, rev) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .bind(1, v.id)
                .bind(2, v.accountId)
                .bind(3, v.platformId)
                .bind(4, v.title)
                .bind(5, v.url)
                .bind(6, v.cover)
                .bind(7, v.publishedAt)
                .bind(8, v.commentCount)
                .bind(9, v.unreadComments)
                .bind(10, v.lastCommentAt)
                .bind(11, v.rev)
                .run();
            m_t.contents.insert(v.id);
        } else if (c.entity == u"conversation") {
            Conversation v;
            if (!fromJson(c.data, &v, &why))
                return unreadable(c, why);
            m_d.db
                .cached("INSERT OR REPLACE INTO conversations(id, account_id, platform_id, peer_user_id, "
                        "last_item_id, last_at, last_preview, last_direction, read_upto, unread_count, "
                        "marked_unread, pinned, archived, muted_until, rev) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
                .bind(1, v.id)
                .bind(2, v.accountId)
                .bind(3, v.platformId)
                .bind(4, v.peerUserId)
                .bind(5, v.lastItemId)
                .bind(6, v.lastAt)
                .bind(7, v.lastPreview)
                .bind(8, qint64(v.lastDirection))
                .bind(9, v.readUpTo)
                .bind(10, v.unreadCount)
                .bind(11, qint64(v.markedUnread))
                .bind(12, qint64(v.pinned))
                .bind(13, qint64(v.archived))
                .bind(14, v.mutedUntil)
                .bind(15, v.rev)
                .run();
            m_d.db.cached("DELETE FROM conversation_tags WHERE conversation_id = ?1").bind(1, v.id).run();
            for (qint64 tag : std::as_const(v.tagIds))
                m_d.db
                    .cached("INSERT OR IGNORE INTO conversation_tags(conversation_id, tag_id) VALUES(?1, ?2)")
                    .bind(1, v.id)
                    .bind(2, tag)
                    .run();
            m_t.conversations.insert(v.id);
        } else if (c.entity == u"item") {
            Item v;
            QList<ItemHistory> history;
            if (!fromJson(c.data, &v, &history, &why))
                return unreadable(c, why);
            auto insert = m_d.db.cached(
                "INSERT OR REPLACE INTO items(id, kind, account_id, platform_id, thread_id, parent_id, "
                "sender_id, direction, type, text, media, created_at, edited_at, recalled, delivery, "
                "error, client_ref, read, rev) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
            // A reply not sent yet has no platform id, and an item no client made has no client
            // ref: NULL, as in the master (both are unique where not NULL).
            if (v.platformId.isNull())
                insert.bindNull(4);
            else
                insert.bind(4, v.platformId);
            if (v.clientRef.isNull())
                insert.bindNull(17);
            else
                insert.bind(17, v.clientRef);
            insert.bind(1, v.id)
                .bind(2, qint64(v.kind))
                .bind(3, v.accountId)
                .bind(5, v.threadId)
                .bind(6, v.parentId)
                .bind(7, v.senderId)
                .bind(8, qint64(v.direction))
                .bind(9, qint64(v.type))
                .bind(10, v.text)
                .bind(11, v.media)
                .bind(12, v.createdAt)
                .bind(13, v.editedAt)
                .bind(14, qint64(v.recalled))
                .bind(15, qint64(v.delivery))
                .bind(16, v.error)
                .bind(18, qint64(v.read))
                .bind(19, v.rev)
                .run();
            // An item has a history only once edited or recalled, and keeps it from then on: one that
            // never was has none to replace.
            if (v.editedAt != 0 || v.recalled || !history.isEmpty())
                m_d.db.cached("DELETE FROM item_history WHERE item_id = ?1").bind(1, v.id).run();
            for (const ItemHistory &h : std::as_const(history))
                m_d.db
                    .cached("INSERT INTO item_history(item_id, changed_at, old_text, recall) VALUES(?1, ?2, "
                            "?3, ?4)")
                    .bind(1, v.id)
                    .bind(2, h.changedAt)
                    .bind(3, h.oldText)
                    .bind(4, qint64(h.recall))
                    .run();
            (v.kind == ItemKind::Message ? m_t.conversations : m_t.contents).insert(v.threadId);
        } else if (c.entity == u"tag") {
            Tag v;
            if (!fromJson(c.data, &v, &why))
                return unreadable(c, why);
            // Another tag of this name (renamed and the name given to another meanwhile) goes: the
            // master has no two tags of one name either.
            m_d.db.cached("INSERT OR REPLACE INTO tags(id, name, color, rev) VALUES(?1, ?2, ?3, ?4)")
                .bind(1, v.id)
                .bind(2, v.name)
                .bind(3, v.color)
                .bind(4, v.rev)
                .run();
            m_t.others = true;
        } else {
            return unreadable(c, QStringLiteral("unknown entity"));
        }
        return {};
    }

private:
    Error remove(const Change &c)
    {
        if (c.entity == u"account") {
            m_d.db.cached("DELETE FROM accounts WHERE id = ?1").bind(1, c.id).run();
            m_t.accounts.insert(c.id);
        } else if (c.entity == u"user") {
            unindexUser(c.id);
            m_d.db.cached("DELETE FROM users WHERE id = ?1").bind(1, c.id).run();
            m_t.others = true;
        } else if (c.entity == u"content") {
            m_d.db.cached("DELETE FROM contents WHERE id = ?1").bind(1, c.id).run();
            m_t.contents.insert(c.id);
        } else if (c.entity == u"conversation") {
            m_d.db.cached("DELETE FROM conversations WHERE id = ?1").bind(1, c.id).run();
            m_d.db.cached("DELETE FROM conversation_tags WHERE conversation_id = ?1").bind(1, c.id).run();
            m_t.conversations.insert(c.id);
        } else if (c.entity == u"item") {
            auto q = m_d.db.cached("SELECT kind, thread_id FROM items WHERE id = ?1");
            q.bind(1, c.id);
            if (q.next())
                (q.int64(0) == qint64(ItemKind::Message) ? m_t.conversations : m_t.contents)
                    .insert(q.int64(1));
            m_d.db.cached("DELETE FROM items WHERE id = ?1").bind(1, c.id).run();
            m_d.db.cached("DELETE FROM item_history WHERE item_id = ?1").bind(1, c.id).run();
            // The search index drops it (SearchIndexer reads the tombstones).
            m_d.db
                .cached("INSERT OR REPLACE INTO tombstones(rev, entity, id, account_id) VALUES(?1, 'item', "
                        "?2, ?3)")
                .bind(1, c.rev)
                .bind(2, c.id)
                .bind(3, c.accountId)
                .run();
        } else if (c.entity == u"tag") {
            m_d.db.cached("DELETE FROM tags WHERE id = ?1").bind(1, c.id).run();
            m_d.db.cached("DELETE FROM conversation_tags WHERE tag_id = ?1").bind(1, c.id).run();
            m_t.others = true;
        } else {
            return unreadable(c, QStringLiteral("unknown entity"));
        }
        return {};
    }

    // The profile's name leaves the name index (contentless: it must be given the old name).
    void unindexUser(qint64 id)
    {
        QString old;
        {
            auto q = m_d.db.cached("SELECT name FROM users WHERE id = ?1");
            q.bind(1, id);
            if (!q.next())
                return;
            old = q.text(0);
        }
        if (!old.isEmpty())
            m_d.db.cached("INSERT INTO users_fts(users_fts, rowid, name) VALUES('delete', ?1, ?2)")
                .bind(1, id)
                .bind(2, old)
                .run();
    }

    Store::Impl &m_d;
    Touched &m_t;
};

QList<qint64> sorted(const QSet<qint64> &s)
{
    QList<qint64> out(s.cbegin(), s.cend());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

Result<Store::ReplicaState> Store::replicaState() const
{
    return d->guarded([&] {
        ReadTransaction snapshot(d->db);
        ReplicaState st;
        auto q = d->db.cached("SELECT key, value FROM meta WHERE key IN ('rev', 'replica_of')");
        while (q.next()) {
            if (q.text(0) == u"rev")
                st.cursor = q.int64(1);
            else
                st.masterStoreId = q.int64(1);
        }
        return st;
    });
}

Result<Store::Applied> Store::applyChanges(const QList<Change> &changes, qint64 next, qint64 masterStoreId)
{
    if (Error e = d->checkWritable())
        return e;
    try {
        // The feed orders rows by revision, not by reference: a conversation may come pages before
        // its account, whose last change is newer. The master keeps the references; the replica
        // takes its rows as they come.
        d->db.exec("PRAGMA foreign_keys = OFF");
        WriteTransaction txn(d->db);
        d->loadRev();
        const qint64 cursor = d->rev;
        if (next < cursor)
            return Error{ErrorCode::InvalidArgument,
                         Store::tr("The team master's changes go back to revision %1; this copy is at %2.")
                             .arg(next)
                             .arg(cursor)};
        Touched touched;
        Applier applier(*d, touched);
        for (const Change &c : changes) {
            if (c.rev <= cursor)
                continue; // applied already (a page and a push overlap)
            if (c.rev > next)
                return Error{
                    ErrorCode::InvalidArgument,
                    Store::tr("The team master sent a change (revision %1) beyond the page's end (%2).")
                        .arg(c.rev)
                        .arg(next)};
            if (Error e = applier.apply(c))
                return e; // the transaction rolls back
        }
        d->rev = next;
        d->saveRev();
        d->db.cached("INSERT OR REPLACE INTO meta(key, value) VALUES('replica_of', ?1)")
            .bind(1, masterStoreId)
            .run();
        txn.commit();
        d->abandonWrite(); // the ingest caches know nothing of these rows
        Applied a;
        a.cursor = next;
        a.conversationIds = sorted(touched.conversations);
        a.contentIds = sorted(touched.contents);
        a.accountIds = sorted(touched.accounts);
        a.others = touched.others;
        return a;
    } catch (const SqlError &e) {
        d->abandonWrite();
        return d->fail(e);
    }
}

} // namespace hiscrm::store
