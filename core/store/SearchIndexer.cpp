// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SearchIndexer.h"

#include "common/Log.h"
#include "common/Threads.h"
#include "search/TextAnalysis.h"
#include "store/Health.h"
#include "store/StoreImpl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>

namespace hiscrm::store {

namespace {

constexpr int kIndexSchemaVersion = 1;
// Items per index transaction: large enough that the index flushes big segments, small enough
// that a search waiting behind a backlog (after an upgrade) sees progress.
constexpr int kRoundItems = 20000;
constexpr int kBusyTimeoutMs = 5000;

struct IndexChange
{
    qint64 id = 0;
    int kind = 0;
    qint64 accountId = 0;
    qint64 threadId = 0;
    qint64 senderId = 0;
    QByteArray text; // empty: not (or no longer) searchable
};

// A round's error met reading the store, as opposed to writing (or reading) the index.
struct StoreReadError
{
    SqlError error;
};

// Rebuilds in a row that meet damage again before a round succeeds: beyond this, the damage is
// coming back (a failing disk?) and rebuilding again would only spin.
constexpr int kMaxRebuildsInARow = 2;

void configure(Database &db)
{
    QString error;
    if (!search::registerTokenizer(db.handle(), &error))
        throw SqlError{SQLITE_ERROR, error};
}

} // namespace

QString searchIndexPath(const QString &storePath)
{
    const QFileInfo info(storePath);
    const QString suffix = info.suffix();
    const QString base = suffix.isEmpty() ? info.fileName() : info.completeBaseName();
    return info.dir().filePath(base + QStringLiteral("-search") +
                               (suffix.isEmpty() ? QString() : u'.' + suffix));
}

void prepareSearchIndex(Database &index, qint64 storeId)
{
    // WAL outside a transaction; persistent in the file. Losing the newest index commits in a
    // power cut is harmless: they are redone from the store, so NORMAL is enough.
    index.exec("PRAGMA journal_mode = WAL");
    index.exec("PRAGMA synchronous = NORMAL");
    index.exec("PRAGMA secure_delete = FAST");
    WriteTransaction txn(index);
    const qint64 version = index.scalar("PRAGMA user_version");
    if (version == 0) {
        index.exec(R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES('store_id', 0), ('indexed_rev', 0);
-- The text is kept here too (not contentless): a changed or removed item is taken out by rowid,
-- without the text it was indexed with.
CREATE VIRTUAL TABLE items_fts USING fts5(text, facets, tokenize='hiscrm');
INSERT INTO items_fts(items_fts, rank) VALUES('automerge', 8);
)sql");
        index.exec(
            QByteArray("PRAGMA user_version = " + QByteArray::number(kIndexSchemaVersion)).constData());
    } else if (version != kIndexSchemaVersion) {
        throw SqlError{
            SQLITE_MISMATCH,
            QStringLiteral("search index schema %1 is not %2").arg(version).arg(kIndexSchemaVersion)};
    }
    if (index.scalar("SELECT value FROM meta WHERE key = 'store_id'") != storeId) {
        // Built for another store, or new: start over.
        index.exec("DELETE FROM items_fts");
        index.cached("UPDATE meta SET value = ?1 WHERE key = 'store_id'").bind(1, storeId).run();
        index.exec("UPDATE meta SET value = 0 WHERE key = 'indexed_rev'");
    }
    txn.commit();
}

bool removeSearchIndex(const QString &storePath)
{
    const QString index = searchIndexPath(storePath);
    bool removed = true;
    for (const QString &file : {index + QStringLiteral("-wal"), index + QStringLiteral("-shm"), index})
        removed &= !QFileInfo::exists(file) || QFile::remove(file);
    return removed;
}

qint64 indexedRevision(Database &index, const char *schema)
{
    const QByteArray sql = QByteArray("SELECT value FROM ") + schema + ".meta WHERE key = 'indexed_rev'";
    try {
        Statement s = index.prepare(sql);
        return s.next() ? s.int64(0) : -1;
    } catch (const SqlError &) {
        return -1;
    }
}

SearchIndexer::SearchIndexer(const QString &storePath, qint64 storeId, std::shared_ptr<FileHealth> health,
                             int niceSteps)
    : m_indexPath(searchIndexPath(storePath))
    , m_storeId(storeId)
    , m_niceSteps(niceSteps)
    , m_health(std::move(health))
    , m_store(storePath, Database::Access::ReadOnly, kBusyTimeoutMs)
    , m_index(m_indexPath, Database::Access::ReadWrite, kBusyTimeoutMs)
{
    configure(m_index);
    prepareSearchIndex(m_index, storeId);
    m_index.exec(pageCachePragma());
    m_indexedRev = indexedRevision(m_index, "main");
    m_thread = std::thread([this] { run(); });
}

SearchIndexer::~SearchIndexer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void SearchIndexer::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_pending = true;
    }
    m_wake.notify_one();
}

bool SearchIndexer::waitFor(qint64 rev, int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    return m_progress.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] {
        return m_indexedRev >= rev || m_halted;
    }) && m_indexedRev >= rev;
}

void SearchIndexer::run()
{
    nameThisThread("index");
    if (m_niceSteps > 0)
        lowerThisThreadPriority(m_niceSteps);
    std::unique_lock lock(m_mutex);
    int rebuilds = 0; // in a row, without a successful round between them
    for (;;) {
        // A commit wakes us; the timeout covers writers of other Store objects and processes.
        m_wake.wait_for(lock, std::chrono::milliseconds(250), [this] { return m_stop || m_pending; });
        const bool stopping = m_stop;
        m_pending = false;
        if (!m_halted && m_health->isDamaged()) {
            // Another connection found the store damaged: nothing more will be committed to index.
            m_halted = true;
            m_progress.notify_all();
        }
        if (m_halted) {
            if (stopping)
                return;
            continue; // idle until destroyed: no retries, no warnings
        }
        lock.unlock();
        bool more = true;
        bool failed = false;
        bool halt = false;
        while (more) {
            try {
                if (m_health->takeIndexRebuildRequest()) {
                    ++rebuilds;
                    rebuild(QStringLiteral("a search met damage in it"));
                }
                more = round();
                rebuilds = 0;
                if (!m_problem.isEmpty()) {
                    qCInfo(lcStore) << "search index: indexing again";
                    m_problem.clear();
                }
            } catch (const StoreReadError &e) {
                more = false;
                if (isDamage(e.error.rc)) {
                    m_health->markDamaged(e.error.message); // logs it, once
                    halt = true;
                } else {
                    failed = true;
                    if (e.error.message != m_problem)
                        qCWarning(lcStore)
                            << "search index: cannot read new messages now:" << e.error.message;
                    m_problem = e.error.message;
                }
            } catch (const SqlError &e) {
                more = false;
                if (isDamage(e.rc) && rebuilds < kMaxRebuildsInARow) {
                    try {
                        ++rebuilds;
                        rebuild(e.message);
                        more = true;
                    } catch (const SqlError &again) {
                        qCCritical(lcStore)
                            << "search index" << m_indexPath << "is damaged and cannot be "
                            << "rebuilt:" << again.message << "- it is rebuilt at the next start";
                        halt = true;
                    }
                } else if (isDamage(e.rc)) {
                    qCCritical(lcStore) << "search index" << m_indexPath << "is damaged again after"
                                        << rebuilds << "rebuilds:" << e.message
                                        << "- check the disk; the index is rebuilt at the next start";
                    halt = true;
                } else {
                    failed = true;
                    if (e.message != m_problem)
                        qCWarning(lcStore) << "search index: cannot index new messages now:" << e.message;
                    m_problem = e.message;
                }
            }
        }
        lock.lock();
        if (halt) {
            m_halted = true;
            m_progress.notify_all();
        }
        if (stopping)
            return;
        if (failed) // e.g. the disk is full: try again later, not in a tight loop
            m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stop; });
    }
}

void SearchIndexer::rebuild(const QString &why)
{
    qCWarning(lcStore) << "search index" << m_indexPath << "is damaged (" << why
                       << "); rebuilding it from the store";
    // SQLite's documented way to empty even a badly damaged database in place. In place, not by
    // deleting the file: the writer's connection and the desktop's read-only stores have it
    // attached, and a new file under the same name would leave them reading the old one through
    // the new one's -wal and -shm.
    sqlite3_db_config(m_index.handle(), SQLITE_DBCONFIG_RESET_DATABASE, 1, nullptr);
    const int rc = sqlite3_exec(m_index.handle(), "VACUUM", nullptr, nullptr, nullptr);
    sqlite3_db_config(m_index.handle(), SQLITE_DBCONFIG_RESET_DATABASE, 0, nullptr);
    if (rc != SQLITE_OK)
        throw SqlError{sqlite3_extended_errcode(m_index.handle()),
                       QString::fromUtf8(sqlite3_errmsg(m_index.handle()))};
    prepareSearchIndex(m_index, m_storeId);
    m_index.exec(pageCachePragma());
    // Searches that met the damage before the index was emptied asked for this very rebuild.
    m_health->takeIndexRebuildRequest();
    std::lock_guard lock(m_mutex);
    m_indexedRev = 0;
}

bool SearchIndexer::round()
{
    WriteTransaction txn(m_index);
    const qint64 from = m_index.scalar("SELECT value FROM meta WHERE key = 'indexed_rev'");
    qint64 head = 0;
    qint64 to = 0;
    QList<IndexChange> changes;
    QList<qint64> gone;
    try {
        ReadTransaction snapshot(m_store);
        head = m_store.scalar("SELECT value FROM meta WHERE key = 'rev'");
        auto q = m_store.cached("SELECT id, kind, account_id, thread_id, sender_id, "
                                "CASE WHEN recalled = 0 THEN text ELSE '' END, rev FROM items "
                                "WHERE rev > ?1 AND rev <= ?2 ORDER BY rev LIMIT ?3");
        q.bind(1, from).bind(2, head).bind(3, kRoundItems);
        to = head;
        while (q.next()) {
            changes.append({q.int64(0), int(q.int64(1)), q.int64(2), q.int64(3), q.int64(4), q.utf8(5)});
            if (changes.size() == kRoundItems)
                to = q.int64(6); // the rest in the next round
        }
        auto t = m_store.cached("SELECT id FROM tombstones WHERE entity = 'item' AND rev > ?1 AND rev <= ?2");
        t.bind(1, from).bind(2, to);
        while (t.next())
            gone.append(t.int64(0));
    } catch (const SqlError &e) {
        throw StoreReadError{e};
    }
    if (to <= from) {
        std::lock_guard lock(m_mutex);
        m_indexedRev = from;
        m_progress.notify_all();
        return false;
    }

    // Deleted items first: a deleted item's id may be in use again by a newer item below.
    for (qint64 id : std::as_const(gone))
        m_index.cached("DELETE FROM items_fts WHERE rowid = ?1").bind(1, id).run();
    // In rowid order: the index starts a new segment whenever a rowid is not above the last one.
    std::sort(changes.begin(), changes.end(),
              [](const IndexChange &a, const IndexChange &b) { return a.id < b.id; });
    for (const IndexChange &c : std::as_const(changes)) {
        if (c.text.isEmpty()) {
            m_index.cached("DELETE FROM items_fts WHERE rowid = ?1").bind(1, c.id).run();
            continue;
        }
        m_index.cached("INSERT OR REPLACE INTO items_fts(rowid, text, facets) VALUES(?1, ?2, ?3)")
            .bind(1, c.id)
            .bindUtf8(2, c.text)
            .bindUtf8(3, itemFacets(c.kind, c.accountId, c.threadId, c.senderId))
            .run();
    }
    m_index.cached("UPDATE meta SET value = ?1 WHERE key = 'indexed_rev'").bind(1, to).run();
    txn.commit();

    std::lock_guard lock(m_mutex);
    m_indexedRev = to;
    m_progress.notify_all();
    return to < head;
}

} // namespace hiscrm::store
