// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The full-text index of messages and comments lives in a database file of its own next to the
// store (searchIndexPath()) and is written by a thread of its own, so indexing runs on a second
// core while the writer stores the next batch. One writer thread doing both tops out near 30,000
// messages/s at 1M messages on 2 cores; split, the store's side alone decides (docs/architecture.md
// "Search index").
//
// What keeps it exact:
//  - The store is the truth. Every change of an item bumps its revision (and a deleted item leaves
//    a tombstone), in the same transaction as the change. The index records the store revision it
//    has caught up to, in the same transaction as the index writes; each round indexes the items
//    changed after it. A crash between the two commits leaves the index behind, never wrong: the
//    next round redoes the rest (writes are idempotent: replace by rowid).
//  - Store::search() first waits until the index has caught up with the store revision it sees, so
//    a search finds everything committed before it started, as if both were one transaction.
//  - An index built for another store (the store file was replaced) is emptied and rebuilt.
//  - Damage: an index found damaged (by a round, or by a search: FileHealth) is emptied in place
//    and rebuilt from the store. A store found damaged (SQLITE_CORRUPT or SQLITE_NOTADB reading
//    it) is reported to its FileHealth, which refuses every write; the indexer then stops trying
//    until it is destroyed, and waitFor() returns at once.

#include "store/Sqlite.h"

#include <QString>

#include <memory>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace hiscrm::store {

class FileHealth;

// "<dir>/<name>-search.<suffix>" next to the store file ("hiscrm.sqlite" -> "hiscrm-search.sqlite").
QString searchIndexPath(const QString &storePath);

// Creates the index database at `path` for the store `storeId` if it is missing, or empties an
// index of another store. Safe against a concurrent caller (it runs in a write transaction).
// Throws SqlError.
void prepareSearchIndex(Database &index, qint64 storeId);

// Deletes the index of the store at storePath (with its -wal and -shm files); false if one stays.
bool removeSearchIndex(const QString &storePath);

// The store revision the index at `index` has caught up to (-1: no index there yet).
qint64 indexedRevision(Database &index, const char *schema);

class SearchIndexer
{
public:
    // Opens connections of its own to the store and its index (creating the index) and starts the
    // thread, which catches up at once; the thread runs niceSteps below the caller's priority
    // (lowerThisThreadPriority; 0: the same). Throws SqlError.
    SearchIndexer(const QString &storePath, qint64 storeId, std::shared_ptr<FileHealth> health,
                  int niceSteps = 0);
    // Indexes what is committed, then stops the thread.
    ~SearchIndexer();
    SearchIndexer(const SearchIndexer &) = delete;
    SearchIndexer &operator=(const SearchIndexer &) = delete;

    // Something was committed to the store: index it soon.
    void wake();
    // Blocks until the index has caught up with store revision `rev` or timeoutMs passed; true
    // when it has. Returns false at once once indexing has stopped for good (damage).
    bool waitFor(qint64 rev, int timeoutMs);

private:
    bool round();                     // one transaction of index writes; true when more is pending
    void rebuild(const QString &why); // empties a damaged index in place; throws SqlError
    void run();

    const QString m_indexPath;
    const qint64 m_storeId;
    const int m_niceSteps;
    const std::shared_ptr<FileHealth> m_health;
    Database m_store;
    Database m_index;
    QString m_problem;     // the last error a round met, so a lasting one is logged once (indexer thread)
    bool m_halted = false; // stopped for good: the store is damaged, or the index cannot be rebuilt
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_progress;
    bool m_stop = false;
    bool m_pending = true;
    qint64 m_indexedRev = 0; // the store revision the index has caught up to
    std::thread m_thread;
};

} // namespace hiscrm::store
