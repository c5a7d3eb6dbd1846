// SPDX-License-Identifier: GPL-3.0-or-later
// A desktop's replica of a team master (see Store::applyChanges): the master's rows written as they
// are, with the master's ids and revisions, so that the window's queries and the search index work
// on it exactly as on a master's own store. Only the SyncEngine writes here.

#include "store/StoreImpl.h"

#include <QJsonDocument>
#include <QSet>

#include <sqlite3.h>

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

#define HISCRM_OUTBOX_COLS "seq, command_id, op, args, conversation_id, created_at, state, done_rev, error"

// A replica's outbox (Store::queueCommand). A waiting command's effect is shown over the master's
// own version of its conversation, kept aside in outbox_shadow: recompute() writes the master's
// version back, then the effects of the commands still waiting on it, in order. Pages and pushes
// that bring a new version of such a conversation update the version kept aside instead.
class Outbox
{
public:
    Outbox(Store::Impl &d, Applier &applier, Touched &t)
        : m_d(d)
        , m_applier(applier)
        , m_t(t)
    {}

    bool inUse()
    {
        return m_d.db.scalar("SELECT EXISTS(SELECT 1 FROM outbox) OR EXISTS(SELECT 1 FROM outbox_shadow)") !=
               0;
    }

    bool shadowed(qint64 conversationId)
    {
        auto q = m_d.db.cached("SELECT 1 FROM outbox_shadow WHERE conversation_id = ?1");
        q.bind(1, conversationId);
        return q.next();
    }

    // The master sent a new version of a conversation a waiting command shows changed.
    void keepMasterVersion(const Change &c)
    {
        if (c.deleted) {
            m_d.db.cached("DELETE FROM outbox_shadow WHERE conversation_id = ?1").bind(1, c.id).run();
            return;
        }
        m_d.db.cached("UPDATE outbox_shadow SET data = ?2 WHERE conversation_id = ?1")
            .bind(1, c.id)
            .bindUtf8(2, QJsonDocument(c.data).toJson(QJsonDocument::Compact))
            .run();
    }

    // Before the first effect on a conversation: its row as it is (the master's) is kept aside.
    void keepAside(qint64 conversationId)
    {
        if (shadowed(conversationId))
            return;
        auto c = m_d.loadConversation(conversationId);
        if (!c)
            return;
        c->tagIds = m_d.tagsOf(conversationId);
        m_d.db.cached("INSERT INTO outbox_shadow(conversation_id, data) VALUES(?1, ?2)")
            .bind(1, conversationId)
            .bindUtf8(2, QJsonDocument(toJson(*c)).toJson(QJsonDocument::Compact))
            .run();
    }

    // The conversation as the master has it, with the effects of the commands still waiting on it.
    Error recompute(qint64 conversationId)
    {
        QByteArray data;
        {
            auto q = m_d.db.cached("SELECT data FROM outbox_shadow WHERE conversation_id = ?1");
            q.bind(1, conversationId);
            if (!q.next())
                return {};
            data = q.utf8(0);
        }
        Change master;
        master.entity = QStringLiteral("conversation");
        master.id = conversationId;
        master.data = QJsonDocument::fromJson(data).object();
        master.rev = master.data.value(QLatin1String("rev")).toInteger();
        if (Error e = m_applier.apply(master))
            return e;
        QList<OutboxEntry> active;
        {
            auto q = m_d.db.cached("SELECT " HISCRM_OUTBOX_COLS
                                   " FROM outbox WHERE conversation_id = ?1 AND state != "
                                   "2 ORDER BY seq");
            q.bind(1, conversationId);
            while (q.next())
                active.append(readEntry(q));
        }
        if (active.isEmpty()) {
            m_d.db.cached("DELETE FROM outbox_shadow WHERE conversation_id = ?1")
                .bind(1, conversationId)
                .run();
            return {};
        }
        for (const OutboxEntry &e : std::as_const(active))
            showEffect(e);
        return {};
    }

    // Answered commands whose revision the replica has reached leave the outbox (their effect is
    // in the master's rows now).
    Error settle(qint64 cursor)
    {
        QList<OutboxEntry> done;
        {
            auto q =
                m_d.db.cached("SELECT " HISCRM_OUTBOX_COLS " FROM outbox WHERE state = 1 AND done_rev <= ?1");
            q.bind(1, cursor);
            while (q.next())
                done.append(readEntry(q));
        }
        for (const OutboxEntry &e : std::as_const(done)) {
            dropPendingItem(e);
            m_d.db.cached("DELETE FROM outbox WHERE seq = ?1").bind(1, e.seq).run();
        }
        for (const OutboxEntry &e : std::as_const(done)) {
            if (Error err = recompute(e.conversationId))
                return err;
        }
        return {};
    }

    // A reply's pending item, when the master's own item has not replaced it.
    void dropPendingItem(const OutboxEntry &e)
    {
        if (e.op != u"reply")
            return;
        auto q = m_d.db.cached("SELECT id, kind, thread_id FROM items WHERE client_ref = ?1 AND rev = 0");
        q.bind(1, e.commandId);
        if (!q.next())
            return;
        (q.int64(1) == qint64(ItemKind::Message) ? m_t.conversations : m_t.contents).insert(q.int64(2));
        m_d.db.cached("DELETE FROM items WHERE id = ?1").bind(1, q.int64(0)).run();
    }

    static OutboxEntry readEntry(const Cached &q)
    {
        OutboxEntry e;
        e.seq = q.int64(0);
        e.commandId = q.text(1);
        e.op = q.text(2);
        e.args = QJsonDocument::fromJson(q.utf8(3)).object();
        e.conversationId = q.int64(4);
        e.createdAt = q.int64(5);
        e.state = OutboxEntry::State(q.int64(6));
        e.doneRev = q.int64(7);
        e.error = q.text(8);
        return e;
    }

    // What the command does to its conversation's row, as the master would do it.
    void showEffect(const OutboxEntry &e)
    {
        const qint64 id = e.conversationId;
        m_t.conversations.insert(id);
        const QString &op = e.op;
        if (op == u"mark_read") {
            read(id, e.args.value(QLatin1String("up_to")).toInteger());
        } else if (op == u"mark_unread") {
            setColumn("UPDATE conversations SET marked_unread = ?2 WHERE id = ?1", id, 1);
        } else if (op == u"pin" || op == u"unpin") {
            setColumn("UPDATE conversations SET pinned = ?2 WHERE id = ?1", id, op == u"pin");
        } else if (op == u"archive" || op == u"unarchive") {
            setColumn("UPDATE conversations SET archived = ?2 WHERE id = ?1", id, op == u"archive");
        } else if (op == u"mute") {
            const qint64 until = e.args.value(QLatin1String("until")).toInteger();
            setColumn("UPDATE conversations SET muted_until = ?2 WHERE id = ?1", id,
                      until == -1 ? kMutedForever : until);
        } else if (op == u"unmute") {
            setColumn("UPDATE conversations SET muted_until = ?2 WHERE id = ?1", id, 0);
        } else if (op == u"tag" || op == u"untag") {
            m_d.db
                .cached(op == u"tag"
                            ? "INSERT OR IGNORE INTO conversation_tags(conversation_id, tag_id) "
                              "VALUES(?1, ?2)"
                            : "DELETE FROM conversation_tags WHERE conversation_id = ?1 AND tag_id = ?2")
                .bind(1, id)
                .bind(2, e.args.value(QLatin1String("tag_id")).toInteger())
                .run();
        } else if (op == u"reply") {
            auto q = m_d.db.cached("SELECT id, rev, created_at, text FROM items WHERE client_ref = ?1");
            q.bind(1, e.commandId);
            if (!q.next())
                return;
            const qint64 itemId = q.int64(0);
            if (q.int64(1) == 0) { // still the pending item: it is the conversation's latest
                Item it;
                it.text = q.text(3);
                m_d.db
                    .cached("UPDATE conversations SET last_item_id = ?2, last_at = max(last_at, ?3), "
                            "last_preview = ?4, last_direction = 1 WHERE id = ?1 AND last_item_id < ?2")
                    .bind(1, id)
                    .bind(2, itemId)
                    .bind(3, q.int64(2))
                    .bind(4, previewOf(it))
                    .run();
            }
            read(id, itemId); // answering a chat means having read it
        }
    }

private:
    void setColumn(const char *sql, qint64 id, qint64 value)
    {
        m_d.db.cached(sql).bind(1, id).bind(2, value).run();
    }

    void read(qint64 id, qint64 upTo)
    {
        m_d.db
            .cached(
                "UPDATE conversations SET read_upto = max(read_upto, ?2), marked_unread = 0 WHERE id = ?1")
            .bind(1, id)
            .bind(2, upTo)
            .run();
        m_d.db
            .cached("UPDATE conversations SET unread_count = (SELECT count(*) FROM items WHERE kind = 0 AND "
                    "thread_id = ?1 AND id > conversations.read_upto AND direction = 0 AND recalled = 0) "
                    "WHERE id = ?1")
            .bind(1, id)
            .run();
    }

    Store::Impl &m_d;
    Applier &m_applier;
    Touched &m_t;
};

QList<qint64> sorted(const QSet<qint64> &s)
{
    QList<qint64> out(s.cbegin(), s.cend());
    std::sort(out.begin(), out.end());
    return out;
}

Store::Applied appliedOf(qint64 cursor, const Touched &t)
{
    Store::Applied a;
    a.cursor = cursor;
    a.conversationIds = sorted(t.conversations);
    a.contentIds = sorted(t.contents);
    a.accountIds = sorted(t.accounts);
    a.others = t.others;
    return a;
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
        Outbox outbox(*d, applier, touched);
        const bool outboxInUse = outbox.inUse();
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
            if (outboxInUse && c.entity == u"conversation" && outbox.shadowed(c.id))
                outbox.keepMasterVersion(c);
        }
        if (outboxInUse) {
            // The master's new versions of conversations that waiting commands change, with those
            // effects shown again; and the commands the master did up to here leave the outbox.
            for (qint64 id : QSet<qint64>(touched.conversations)) {
                if (Error e = outbox.recompute(id))
                    return e;
            }
            if (Error e = outbox.settle(next))
                return e;
        }
        d->rev = next;
        d->saveRev();
        d->db.cached("INSERT OR REPLACE INTO meta(key, value) VALUES('replica_of', ?1)")
            .bind(1, masterStoreId)
            .run();
        txn.commit();
        d->abandonWrite(); // the ingest caches know nothing of these rows
        return appliedOf(next, touched);
    } catch (const SqlError &e) {
        d->abandonWrite();
        return d->fail(e);
    }
}

namespace {

Error notInReplica(const char *what, qint64 id)
{
    return Error{ErrorCode::NotFound, Store::tr("There is no %1 %2 in this desktop's copy of the team inbox.")
                                          .arg(Store::tr(what))
                                          .arg(id)};
}

// What the operator did and has not reached the master yet: a replica commits with
// synchronous = NORMAL (everything else it holds the master has too), which survives the app
// crashing but not the machine losing power. A write that holds the only copy of an operator's
// command commits with FULL, which also makes every earlier commit durable.
class DurableCommit
{
public:
    DurableCommit(Database &db, bool on)
        : m_db(db)
        , m_on(on && db.scalar("PRAGMA synchronous") < 2) // 2: FULL already
    {
        if (m_on)
            m_db.exec("PRAGMA synchronous = FULL");
    }
    ~DurableCommit()
    {
        if (m_on) // sets a flag of the connection: cannot fail, and a destructor must not throw
            sqlite3_exec(m_db.handle(), "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
    }
    Q_DISABLE_COPY_MOVE(DurableCommit)

private:
    Database &m_db;
    bool m_on;
};

enum class OnlyCopy : bool
{
    No, // what the master has or will send again
    Yes // an operator's command that has not reached the master
};

// Runs f in a write transaction of the replica, with the outbox at hand.
template <typename F> Result<Store::Applied> outboxWrite(Store::Impl &d, OnlyCopy onlyCopy, F &&f)
{
    if (Error e = d.checkWritable())
        return e;
    try {
        d.db.exec("PRAGMA foreign_keys = OFF");
        DurableCommit durable(d.db, onlyCopy == OnlyCopy::Yes);
        WriteTransaction txn(d.db);
        d.loadRev();
        Touched touched;
        Applier applier(d, touched);
        Outbox outbox(d, applier, touched);
        if (Error e = f(outbox, touched))
            return e; // rolls back
        txn.commit();
        d.abandonWrite();
        return appliedOf(d.rev, touched);
    } catch (const SqlError &e) {
        d.abandonWrite();
        return d.fail(e);
    }
}

qint64 idArg(const QJsonObject &args, const char *name)
{
    const QJsonValue v = args.value(QLatin1String(name));
    return v.isDouble() && v.toDouble() >= 1 && v.toDouble() <= 9007199254740991.0 &&
                   double(v.toInteger()) == v.toDouble()
               ? v.toInteger()
               : 0;
}

// A reply waiting for the master shows as a pending item with revision 0 (the search index and
// the change feed skip it). Its id follows the thread's items like the master's own would, in the
// last slot of its millisecond; the master's item, carrying the same client ref, replaces it.
Error placePendingReply(Store::Impl &d, const QString &commandId, const QJsonObject &a, qint64 now,
                        Touched &touched)
{
    const QString text = a.value(QLatin1String("text")).toString();
    if (text.trimmed().isEmpty() || text.size() > kMaxTextChars)
        return Error{ErrorCode::InvalidArgument,
                     Store::tr("A reply needs 1 to %1 characters of text.").arg(kMaxTextChars)};
    const bool toConversation = a.contains(QLatin1String("conversation_id"));
    const ItemKind kind = toConversation ? ItemKind::Message : ItemKind::Comment;
    const qint64 threadId = idArg(a, toConversation ? "conversation_id" : "content_id");
    qint64 accountId = 0;
    {
        auto q = d.db.cached(toConversation ? "SELECT account_id FROM conversations WHERE id = ?1"
                                            : "SELECT account_id FROM contents WHERE id = ?1");
        q.bind(1, threadId);
        if (!q.next())
            return notInReplica(toConversation ? QT_TRANSLATE_NOOP("Store", "conversation")
                                               : QT_TRANSLATE_NOOP("Store", "video"),
                                threadId);
        accountId = q.int64(0);
    }
    const qint64 parentId = toConversation ? 0 : idArg(a, "parent_id");
    qint64 senderId = 0;
    {
        auto q = d.db.cached("SELECT user_id FROM accounts WHERE id = ?1");
        q.bind(1, accountId);
        if (q.next())
            senderId = q.int64(0);
    }
    qint64 createdAt = now;
    {
        auto q = d.db.cached("SELECT max(id) FROM items WHERE kind = ?1 AND thread_id = ?2");
        q.bind(1, int(kind)).bind(2, threadId);
        if (q.next() && !q.isNull(0))
            createdAt = qMax(createdAt, q.int64(0) / kIdSlotsPerMs + 1);
    }
    qint64 id = createdAt * kIdSlotsPerMs + kIdSlotsPerMs - 1;
    for (;; id += kIdSlotsPerMs) { // a master's item in that very slot: the next millisecond's
        auto q = d.db.cached("SELECT 1 FROM items WHERE id = ?1");
        q.bind(1, id);
        if (!q.next())
            break;
    }
    d.db.cached("INSERT INTO items(id, kind, account_id, platform_id, thread_id, parent_id, sender_id, "
                "direction, "
                "type, text, created_at, delivery, client_ref, read, rev) "
                "VALUES(?1, ?2, ?3, NULL, ?4, ?5, ?6, 1, 0, ?7, ?8, ?9, ?10, 1, 0)")
        .bind(1, id)
        .bind(2, int(kind))
        .bind(3, accountId)
        .bind(4, threadId)
        .bind(5, parentId)
        .bind(6, senderId)
        .bind(7, text)
        .bind(8, id / kIdSlotsPerMs)
        .bind(9, int(Delivery::Pending))
        .bind(10, commandId)
        .run();
    (toConversation ? touched.conversations : touched.contents).insert(threadId);
    return {};
}

} // namespace

bool Store::isQueueable(QStringView op)
{
    static const QStringList ops{QStringLiteral("mark_read"),
                                 QStringLiteral("mark_unread"),
                                 QStringLiteral("mark_comments_read"),
                                 QStringLiteral("mark_comments_unread"),
                                 QStringLiteral("pin"),
                                 QStringLiteral("unpin"),
                                 QStringLiteral("archive"),
                                 QStringLiteral("unarchive"),
                                 QStringLiteral("mute"),
                                 QStringLiteral("unmute"),
                                 QStringLiteral("tag"),
                                 QStringLiteral("untag"),
                                 QStringLiteral("reply")};
    return ops.contains(op);
}

Result<Store::Applied> Store::queueCommand(const QString &commandId, const QString &op,
                                           const QJsonObject &args, qint64 now)
{
    if (!isQueueable(op))
        return Error{
            ErrorCode::InvalidArgument,
            Store::tr("“%1” needs the team master's answer: connect first, then try again.").arg(op)};
    if (commandId.isEmpty() || commandId.size() > kMaxClientRefChars)
        return Error{ErrorCode::InvalidArgument,
                     Store::tr("A command needs an id of 1 to %1 characters.").arg(kMaxClientRefChars)};
    return outboxWrite(*d, OnlyCopy::Yes, [&](Outbox &outbox, Touched &touched) -> Error {
        {
            auto q = d->db.cached("SELECT 1 FROM outbox WHERE command_id = ?1");
            q.bind(1, commandId);
            if (q.next())
                return {}; // the same command again: kept once
        }
        QJsonObject a = args;
        const bool onConversation = op != u"mark_comments_read" && op != u"mark_comments_unread" &&
                                    !(op == u"reply" && !a.contains(QLatin1String("conversation_id")));
        const qint64 conversationId = onConversation ? idArg(a, "conversation_id") : 0;
        if (onConversation) {
            auto c = d->loadConversation(conversationId);
            if (!c)
                return notInReplica(QT_TRANSLATE_NOOP("Store", "conversation"), idArg(a, "conversation_id"));
        }
        if (op == u"mark_read" && !a.contains(QLatin1String("up_to"))) {
            // What the operator saw: the master's last message here now (not a pending reply).
            auto q = d->db.cached("SELECT max(id) FROM items WHERE kind = 0 AND thread_id = ?1 AND rev > 0");
            q.bind(1, conversationId);
            if (q.next() && !q.isNull(0))
                a.insert(QStringLiteral("up_to"), q.int64(0));
        } else if (op == u"mute") {
            const QJsonValue until = a.value(QLatin1String("until"));
            if (!until.isDouble() || (until.toInteger() != -1 && until.toInteger() <= now))
                return Error{ErrorCode::InvalidArgument,
                             Store::tr("A mute needs a time in the future, or -1 for until unmuted.")};
        } else if (op == u"tag" || op == u"untag") {
            auto q = d->db.cached("SELECT 1 FROM tags WHERE id = ?1");
            q.bind(1, idArg(a, "tag_id"));
            if (!q.next())
                return notInReplica(QT_TRANSLATE_NOOP("Store", "tag"), idArg(a, "tag_id"));
        } else if (op == u"mark_comments_read") {
            auto q = d->db.cached("SELECT 1 FROM contents WHERE id = ?1");
            q.bind(1, idArg(a, "content_id"));
            if (!q.next())
                return notInReplica(QT_TRANSLATE_NOOP("Store", "video"), idArg(a, "content_id"));
        } else if (op == u"reply") {
            if (Error e = placePendingReply(*d, commandId, a, now, touched))
                return e;
        }
        d->db
            .cached("INSERT INTO outbox(command_id, op, args, conversation_id, created_at) VALUES(?1, ?2, "
                    "?3, ?4, "
                    "?5)")
            .bind(1, commandId)
            .bind(2, op)
            .bindUtf8(3, QJsonDocument(a).toJson(QJsonDocument::Compact))
            .bind(4, conversationId)
            .bind(5, now)
            .run();
        if (conversationId != 0) {
            outbox.keepAside(conversationId);
            return outbox.recompute(conversationId);
        }
        if (op == u"mark_comments_read")
            touched.contents.insert(idArg(a, "content_id"));
        return {};
    });
}

Result<Store::Applied> Store::commandDone(const QString &commandId, qint64 revision)
{
    return outboxWrite(*d, OnlyCopy::No, [&](Outbox &outbox, Touched &) -> Error {
        d->db.cached("UPDATE outbox SET state = 1, done_rev = ?2 WHERE command_id = ?1 AND state = 0")
            .bind(1, commandId)
            .bind(2, revision)
            .run();
        return outbox.settle(d->rev);
    });
}

Result<Store::Applied> Store::commandRefused(const QString &commandId, const QString &reason, bool keep)
{
    return outboxWrite(*d, OnlyCopy::No, [&](Outbox &outbox, Touched &) -> Error {
        auto q =
            d->db.cached("SELECT " HISCRM_OUTBOX_COLS " FROM outbox WHERE command_id = ?1 AND state = 0");
        q.bind(1, commandId);
        if (!q.next())
            return {};
        const OutboxEntry e = Outbox::readEntry(q);
        if (keep)
            d->db.cached("UPDATE outbox SET state = 2, error = ?2 WHERE seq = ?1")
                .bind(1, e.seq)
                .bind(2, reason)
                .run();
        else
            d->db.cached("DELETE FROM outbox WHERE seq = ?1").bind(1, e.seq).run();
        outbox.dropPendingItem(e);
        return outbox.recompute(e.conversationId);
    });
}

Result<int> Store::dismissRefused()
{
    int dismissed = 0;
    auto r = outboxWrite(*d, OnlyCopy::No, [&](Outbox &, Touched &) -> Error {
        d->db.exec("DELETE FROM outbox WHERE state = 2");
        dismissed = int(d->db.changes());
        return {};
    });
    if (!r)
        return r.error();
    return dismissed;
}

Error Store::restoreOutbox(const QList<OutboxEntry> &entries)
{
    auto r = outboxWrite(*d, OnlyCopy::Yes, [&](Outbox &, Touched &) -> Error {
        for (const OutboxEntry &e : entries) {
            const bool refused = e.state == OutboxEntry::State::Refused;
            d->db
                .cached(
                    "INSERT OR IGNORE INTO outbox(command_id, op, args, conversation_id, created_at, state, "
                    "error) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .bind(1, e.commandId)
                .bind(2, e.op)
                .bindUtf8(3, QJsonDocument(e.args).toJson(QJsonDocument::Compact))
                .bind(4, e.conversationId)
                .bind(5, e.createdAt)
                .bind(6, refused ? 2 : 0)
                .bind(7, refused ? e.error : QString())
                .run();
        }
        return {};
    });
    return r ? Error{} : r.error();
}

Result<QList<OutboxEntry>> Store::outbox() const
{
    return d->guarded([&] {
        QList<OutboxEntry> out;
        auto q = d->db.cached("SELECT " HISCRM_OUTBOX_COLS " FROM outbox ORDER BY seq");
        while (q.next())
            out.append(Outbox::readEntry(q));
        return out;
    });
}

} // namespace hiscrm::store
