// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to store/: whether a database file is known to be sound, and what is done once it is
// found damaged. One FileHealth per file per process, shared by every Store of that file (the
// master's writer, the desktop's read-only stores) and by the writer's helper threads (search
// indexer, checkpointer), so damage any of them meets stops every write at once.
//
// The start-up check: a writer opening an existing file starts PRAGMA quick_check on a read-only
// connection of its own, in a thread of its own. Nothing is written to the file before the check
// has passed: every write waits for it (one atomic load once it has passed). The opener decides
// how long it waits itself: hiscrm-master waits for the whole check, the desktop for a short time
// budget so its first window is not late; the check then goes on beside the running app, and the
// first write waits for what is left of it.

#include "common/Error.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace hiscrm::store {

// SQLITE_CORRUPT or SQLITE_NOTADB, extended codes included: the file, not the call, is at fault.
bool isDamage(int sqliteCode);

class FileHealth
{
public:
    enum class State
    {
        Unchecked, // no writer has checked it in this process yet
        Checking,  // the start-up check is running
        Sound,     // the check found nothing: writes go ahead
        Damaged,   // the check or a statement found damage: every write is refused
    };

    // The health of the file at path, shared while any Store of it is open in this process.
    static std::shared_ptr<FileHealth> of(const QString &path);
    explicit FileHealth(const QString &path);
    ~FileHealth(); // stops a check still running
    FileHealth(const FileHealth &) = delete;
    FileHealth &operator=(const FileHealth &) = delete;

    State state() const { return m_state.load(std::memory_order_acquire); }
    bool isDamaged() const { return state() == State::Damaged; }
    // The error every refused write returns (ErrorCode::Corrupt); none while not damaged.
    Error damage() const;
    // Records damage met by a statement, or found by the check. Thread-safe; the first report is
    // logged and told to the listeners, later ones change nothing.
    void markDamaged(const QString &detail);
    // A file made just now holds nothing to check.
    void markNew();

    // Starts the start-up check unless it ran or runs already.
    void startCheck();
    // Waits until the check is done, at most timeoutMs (-1: no limit); true when it is done.
    bool waitForCheck(int timeoutMs);
    // For writers: waits for a running check, then says whether writing may go on.
    Error awaitWritable();

    // Called once, in the thread that found the damage, when the file is found damaged; under
    // this object's lock, so it must not call into it (post to your own thread instead).
    int addListener(std::function<void(const Error &)> listener);
    void removeListener(int id);

    // The search index (a file of its own, rebuilt from the store) was found damaged by a reader:
    // the writer's indexer rebuilds it.
    void requestIndexRebuild() { m_indexRebuild.store(true, std::memory_order_release); }
    bool takeIndexRebuildRequest() { return m_indexRebuild.exchange(false, std::memory_order_acq_rel); }

    // Tests only: called in the check's thread before it reads the file (null by default).
    using CheckHook = void (*)(const QString &path);
    static void setCheckHookForTesting(CheckHook hook);

private:
    void runCheck();
    void setDamagedLocked(const QString &detail);

    const QString m_path;
    std::atomic<State> m_state{State::Unchecked};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_indexRebuild{false};
    mutable std::mutex m_mutex;
    std::condition_variable m_checked;
    QString m_detail; // what SQLite or the check said, for the message
    std::map<int, std::function<void(const Error &)>> m_listeners;
    int m_nextListener = 0;
    std::thread m_thread;
};

} // namespace hiscrm::store
