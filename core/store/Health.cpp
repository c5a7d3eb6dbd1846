// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Health.h"

#include "common/Log.h"
#include "common/Threads.h"
#include "store/Sqlite.h"
#include "store/Store.h"

#include <sqlite3.h>

#include <QFileInfo>
#include <QHash>
#include <QStringList>

#include <chrono>

namespace hiscrm::store {

namespace {

std::atomic<FileHealth::CheckHook> g_checkHook{nullptr};

// Lines of quick_check output kept for the message and the log: the first few say where.
constexpr int kMaxProblems = 3;

Error damageError(const QString &path, const QString &detail)
{
    return {
        ErrorCode::Corrupt,
        Store::tr("The database file %1 is damaged (%2), so HisCRM does not write to it. Restore it from a "
                  "backup, or move it aside (with its -wal and -shm files) to start with an empty "
                  "history.")
            .arg(path, detail)};
}

QString registryKey(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath(); // one entry through links and "..", when it exists
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

} // namespace

bool isDamage(int sqliteCode)
{
    const int primary = sqliteCode & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

std::shared_ptr<FileHealth> FileHealth::of(const QString &path)
{
    static std::mutex mutex;
    static QHash<QString, std::weak_ptr<FileHealth>> registry;
    const QString key = registryKey(path);
    std::lock_guard lock(mutex);
    for (auto it = registry.begin(); it != registry.end();) {
        if (it->expired())
            it = registry.erase(it);
        else
            ++it;
    }
    if (auto existing = registry.value(key).lock())
        return existing;
    auto health = std::make_shared<FileHealth>(path);
    registry.insert(key, health);
    return health;
}

FileHealth::FileHealth(const QString &path)
    : m_path(path)
{}

FileHealth::~FileHealth()
{
    // The check's progress handler sees this within a few thousand steps.
    m_stop.store(true, std::memory_order_release);
    if (m_thread.joinable())
        m_thread.join();
}

Error FileHealth::damage() const
{
    if (!isDamaged())
        return {};
    std::lock_guard lock(m_mutex);
    return damageError(m_path, m_detail);
}

void FileHealth::markDamaged(const QString &detail)
{
    std::lock_guard lock(m_mutex);
    setDamagedLocked(detail);
}

void FileHealth::setDamagedLocked(const QString &detail)
{
    if (m_state.load(std::memory_order_acquire) == State::Damaged)
        return; // reported already: once is enough, however many statements meet it
    m_detail = detail.left(300);
    m_state.store(State::Damaged, std::memory_order_release);
    qCCritical(lcStore).noquote() << "the database" << m_path << "is damaged:" << m_detail
                                  << "- every write to it is refused from now on";
    m_checked.notify_all();
    const Error error = damageError(m_path, m_detail);
    // Under the mutex, so a listener removed (its owner gone) is never called afterwards.
    for (const auto &[id, listener] : m_listeners)
        listener(error);
}

void FileHealth::markNew()
{
    std::lock_guard lock(m_mutex);
    State expected = State::Unchecked;
    m_state.compare_exchange_strong(expected, State::Sound, std::memory_order_acq_rel);
    m_checked.notify_all();
}

void FileHealth::startCheck()
{
    std::lock_guard lock(m_mutex);
    State expected = State::Unchecked;
    if (!m_state.compare_exchange_strong(expected, State::Checking, std::memory_order_acq_rel))
        return; // running, or its result is known
    if (m_thread.joinable())
        m_thread.join(); // an earlier check that was stopped: it has ended
    m_thread = std::thread([this] { runCheck(); });
}

bool FileHealth::waitForCheck(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    const auto done = [this] {
        return state() != State::Checking;
    };
    if (timeoutMs < 0) {
        m_checked.wait(lock, done);
        return true;
    }
    return m_checked.wait_for(lock, std::chrono::milliseconds(timeoutMs), done);
}

Error FileHealth::awaitWritable()
{
    if (state() == State::Sound)
        return {}; // every write after the check: one atomic load
    startCheck();  // only if no check ran yet
    waitForCheck(-1);
    return damage();
}

int FileHealth::addListener(std::function<void(const Error &)> listener)
{
    std::lock_guard lock(m_mutex);
    const int id = ++m_nextListener;
    m_listeners.emplace(id, std::move(listener));
    return id;
}

void FileHealth::removeListener(int id)
{
    std::lock_guard lock(m_mutex);
    m_listeners.erase(id);
}

void FileHealth::setCheckHookForTesting(CheckHook hook)
{
    g_checkHook.store(hook);
}

void FileHealth::runCheck()
{
    nameThisThread("check");
    QStringList problems;
    bool done = false;
    try {
        // A connection of its own, read-only: the check never writes, and it runs while the
        // opener goes on with its own connection.
        Database probe(m_path, Database::Access::ReadOnly, 10000);
        sqlite3_progress_handler(
            probe.handle(), 1000,
            [](void *self) {
                return static_cast<FileHealth *>(self)->m_stop.load(std::memory_order_acquire) ? 1 : 0;
            },
            this);
        if (const CheckHook hook = g_checkHook.load())
            hook(m_path);
        // quick_check reads every page and checks the b-trees, free list and record formats; it
        // leaves out only the cross-checks of indexes against their tables (integrity_check's
        // O(N log N) part). 0.4 s at 1M messages (181 MB) on the reference machine.
        Statement check = probe.prepare("PRAGMA quick_check(" + QByteArray::number(kMaxProblems) + ")");
        while (check.next()) {
            // A row may hold several lines, the first naming the schema ("*** in database main
            // ***"): only the pages and what is wrong with them say anything to a person.
            for (const QString &line : check.text(0).split(u'\n', Qt::SkipEmptyParts)) {
                if (line != u"ok" && !line.startsWith(u"***") && problems.size() < kMaxProblems)
                    problems << line.trimmed();
            }
        }
        done = true;
    } catch (const SqlError &e) {
        if (isDamage(e.rc))
            problems << e.message;
        else if (!m_stop.load(std::memory_order_acquire))
            // Not damage (an I/O error, say): nothing proves the file unsound, and the writes that
            // follow meet the same error and report it themselves.
            qCWarning(lcStore) << "cannot check the database" << m_path << ":" << e.message;
        done = !m_stop.load(std::memory_order_acquire);
    }

    std::lock_guard lock(m_mutex);
    if (!problems.isEmpty()) {
        setDamagedLocked(problems.join(QStringLiteral("; ")));
        return;
    }
    State expected = State::Checking;
    m_state.compare_exchange_strong(expected, done ? State::Sound : State::Unchecked,
                                    std::memory_order_acq_rel);
    if (done)
        qCDebug(lcStore) << "database" << m_path << "checked: sound";
    m_checked.notify_all();
}

} // namespace hiscrm::store
