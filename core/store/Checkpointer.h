// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Copies the writer's WAL back into the database file on a thread of its own, so a write
// transaction never pays for a checkpoint (copying tens of megabytes and syncing the database
// file). Replaces SQLite's automatic checkpoint on the writer connection.
//
// A checkpoint that runs while the writer goes on can copy only the frames committed when it
// started, and the WAL starts over from its beginning only once every frame is copied. So after
// each background round the writer copies the few frames committed meanwhile itself, right after
// one of its commits; the next write transaction then reuses the WAL from the start. If the
// background thread falls far behind, the writer checkpoints itself, so the WAL stays bounded.

#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

struct sqlite3;

namespace hiscrm::store {

class Checkpointer
{
public:
    struct Limits
    {
        int startFrames = 8000; // wake the background thread at this WAL size (4 KiB pages)
        int tailFrames = 2000;  // the writer copies a rest of at most this many frames (or 3 commits) itself
        int hardFrames = 40000; // beyond this the writer checkpoints whatever the thread does
    };

    // Opens a connection of its own to `path` (the writer's database, in WAL mode) and starts the
    // thread. Throws SqlError when the connection cannot be opened.
    Checkpointer(const QString &path, sqlite3 *writer, Limits limits);
    ~Checkpointer(); // stops the thread; detaches from the writer
    Checkpointer(const Checkpointer &) = delete;
    Checkpointer &operator=(const Checkpointer &) = delete;

    struct Stats
    {
        qint64 backgroundRounds = 0;
        qint64 backgroundFrames = 0;
        qint64 writerRounds = 0;
        qint64 writerFrames = 0;
    };
    Stats stats() const;

    // Called on the writer's thread after each of its commits (set before the writer commits).
    void setCommitListener(std::function<void()> listener) { m_listener = std::move(listener); }
    // Asked before every checkpoint, on either thread; false: copy nothing (the file was found
    // damaged). Set before the writer commits.
    void setGate(std::function<bool()> mayCopy) { m_gate = std::move(mayCopy); }

private:
    static int walHook(void *self, sqlite3 *db, const char *schema, int frames);
    void afterCommit(int frames);
    void run();

    sqlite3 *m_writer = nullptr;
    sqlite3 *m_db = nullptr;
    Limits m_limits;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_requested = false;
    bool m_running = false;
    int m_copiedUpTo = 0; // WAL frames the last background round had copied (0: none since restart)
    int m_lastFrames = 0; // the WAL's size after the previous commit (writer's thread only)
    Stats m_stats;
    std::function<void()> m_listener;
    std::function<bool()> m_gate;
    std::thread m_thread;
};

} // namespace hiscrm::store
