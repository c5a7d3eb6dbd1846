// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Checkpointer.h"

#include "common/Log.h"
#include "common/Threads.h"
#include "store/Sqlite.h"

#include <sqlite3.h>

#include <cstring>

namespace hiscrm::store {

Checkpointer::Checkpointer(const QString &path, sqlite3 *writer, Limits limits)
    : m_writer(writer)
    , m_limits(limits)
{
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    m_db = openConnection(path, flags);
    // A checkpoint syncs the WAL before it copies and the database file after, as the writer's
    // own automatic checkpoint would.
    sqlite3_exec(m_db, "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr);
    m_thread = std::thread([this] { run(); });
    sqlite3_wal_hook(m_writer, &Checkpointer::walHook, this); // replaces the automatic checkpoint
}

Checkpointer::~Checkpointer()
{
    sqlite3_wal_hook(m_writer, nullptr, nullptr);
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
    sqlite3_close_v2(m_db);
}

Checkpointer::Stats Checkpointer::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

int Checkpointer::walHook(void *self, sqlite3 *, const char *schema, int frames)
{
    if (std::strcmp(schema, "main") != 0)
        return SQLITE_OK; // an attached database (the search index is written elsewhere)
    auto *checkpointer = static_cast<Checkpointer *>(self);
    checkpointer->afterCommit(frames);
    if (checkpointer->m_listener)
        checkpointer->m_listener();
    return SQLITE_OK;
}

// On the writer's thread, right after it committed; `frames` is the WAL's size now.
void Checkpointer::afterCommit(int frames)
{
    // The frames this commit added (the WAL may just have started over). The rest a background
    // round leaves is what the writer committed meanwhile, a commit or a few: a tail smaller than
    // one commit would never be reached.
    const int added = frames > m_lastFrames ? frames - m_lastFrames : frames;
    m_lastFrames = frames;
    const int tail = qMax(m_limits.tailFrames, 3 * added);
    if (frames < m_limits.startFrames || (m_gate && !m_gate()))
        return;
    bool finish = false;
    bool wake = false;
    int before = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_running || m_requested) {
            finish = false; // a round is on its way; the writer goes on
        } else if (m_copiedUpTo > 0 && frames - m_copiedUpTo <= tail) {
            finish = true;
        } else if (frames >= m_limits.hardFrames) {
            finish = true; // the thread cannot keep up: copy here rather than let the WAL grow
        } else {
            m_requested = true;
            wake = true;
        }
        before = m_copiedUpTo;
    }
    if (wake) {
        m_wake.notify_one();
        return;
    }
    if (!finish)
        return;
    int log = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(m_writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    std::lock_guard lock(m_mutex);
    m_copiedUpTo = 0; // the next write transaction starts the WAL over (or we try again later)
    if (rc == SQLITE_OK) {
        ++m_stats.writerRounds;
        m_stats.writerFrames += qMax(0, copied - before);
    } else {
        qCDebug(lcStore) << "writer checkpoint:" << sqlite3_errstr(rc);
    }
}

void Checkpointer::run()
{
    nameThisThread("checkpoint");
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || m_requested; });
        if (m_stop)
            return;
        m_requested = false;
        if (m_gate && !m_gate())
            continue;
        m_running = true;
        const int before = m_copiedUpTo;
        lock.unlock();
        int log = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
        lock.lock();
        m_running = false;
        if (rc == SQLITE_OK && copied > 0) {
            m_copiedUpTo = copied;
            ++m_stats.backgroundRounds;
            m_stats.backgroundFrames += qMax(0, copied - before);
        } else if (rc != SQLITE_OK) {
            qCDebug(lcStore) << "background checkpoint:" << sqlite3_errstr(rc);
        }
    }
}

} // namespace hiscrm::store
