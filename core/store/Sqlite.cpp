// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Sqlite.h"

#include "common/Log.h"

#include <sqlite3.h>

#include <QStringEncoder>

#include <QThread>

namespace hiscrm::store {

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db)
    , m_stmt(other.m_stmt)
{
    other.m_stmt = nullptr;
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        other.m_stmt = nullptr;
    }
    return *this;
}

static void checkBind(sqlite3 *db, int rc)
{
    if (rc != SQLITE_OK)
        throw SqlError{rc, QString::fromUtf8(sqlite3_errmsg(db))};
}

Statement &Statement::bind(int index, qint64 value)
{
    checkBind(m_db, sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    checkBind(m_db, sqlite3_bind_double(m_stmt, index, value));
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    // A null QString binds '' (our text columns are NOT NULL); bindNull() says NULL explicitly.
    // Qt's vectorised UTF-8 encoder beats SQLite's per-character UTF-16 translation by far. Short
    // values (ids, names, most messages) are encoded on the stack: SQLite copies them anyway.
    constexpr qsizetype kStackChars = 200;
    if (value.size() > kStackChars)
        return bindUtf8(index, value.toUtf8());
    char buffer[kStackChars * 3];
    QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
    const char *end = encoder.appendToBuffer(buffer, value);
    checkBind(m_db, sqlite3_bind_text(m_stmt, index, buffer, int(end - buffer), SQLITE_TRANSIENT));
    return *this;
}

Statement &Statement::bindUtf8(int index, const QByteArray &value)
{
    checkBind(m_db, sqlite3_bind_text(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT));
    return *this;
}

Statement &Statement::bindNull(int index)
{
    checkBind(m_db, sqlite3_bind_null(m_stmt, index));
    return *this;
}

bool Statement::next()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString msg = QString::fromUtf8(sqlite3_errmsg(m_db));
    const int ext = sqlite3_extended_errcode(m_db);
    sqlite3_reset(m_stmt);
    throw SqlError{ext ? ext : rc, msg};
}

void Statement::run()
{
    while (next()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

qint64 Statement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

double Statement::real(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}

QString Statement::text(int col) const
{
    // The database holds UTF-8: Qt's vectorised decoder beats SQLite's per-character translation
    // to UTF-16 (which also allocates a buffer of its own for each value).
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    if (!p)
        return QString();
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col));
}

QByteArray Statement::utf8(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    return QByteArray(p ? p : "", sqlite3_column_bytes(m_stmt, col));
}

sqlite3 *openConnection(const QString &path, int flags)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString();
        sqlite3_close_v2(db);
        throw SqlError{rc, msg};
    }
    return db;
}

Database::Database(const QString &path, Access access, int busyTimeoutMs)
{
    const int flags =
        (access == Access::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    // Memory statistics put a global mutex around every allocation; we never read them. This only
    // takes effect before SQLite's first use in the process, and is harmless afterwards.
    static const int memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    Q_UNUSED(memstatus);
    m_db = openConnection(path, flags);
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
}

Database::~Database()
{
    qDeleteAll(m_cache);
    m_cache.clear();
    if (m_db)
        sqlite3_close_v2(m_db);
}

Cached Database::cached(const char *sql)
{
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        sqlite3_stmt *stmt = nullptr;
        const int rc = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK)
            fail(rc, sql);
        it = m_cache.insert(sql, new Statement(m_db, stmt));
    }
    return Cached(*it);
}

Statement Database::prepare(const QByteArray &sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(rc, sql.constData());
    return Statement(m_db, stmt);
}

void Database::exec(const char *sql)
{
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        const QString msg = QString::fromUtf8(err ? err : sqlite3_errmsg(m_db));
        sqlite3_free(err);
        throw SqlError{sqlite3_extended_errcode(m_db), msg};
    }
}

qint64 Database::scalar(const char *sql)
{
    Statement s = prepare(QByteArray(sql));
    return s.next() ? s.int64(0) : 0;
}

qint64 Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

void Database::interrupt()
{
    sqlite3_interrupt(m_db);
}

void Database::fail(int rc, const char *what) const
{
    const int ext = sqlite3_extended_errcode(m_db);
    throw SqlError{ext ? ext : rc,
                   QStringLiteral("%1 (in: %2)")
                       .arg(QString::fromUtf8(sqlite3_errmsg(m_db)), QString::fromUtf8(what).left(120))};
}

static bool isBusy(int rc)
{
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

WriteTransaction::WriteTransaction(Database &db)
    : m_db(db)
{
    // The busy handler already waits up to the busy timeout; a writer that keeps the lock longer
    // than that is still making progress, so wait again rather than fail the caller's batch.
    for (int attempt = 0;; ++attempt) {
        try {
            if (const char *lock = m_db.mainWriteLock()) {
                m_db.cached("BEGIN").run();
                m_open = true;
                m_db.cached(lock).run(); // nothing read yet: as BEGIN IMMEDIATE, for main alone
            } else {
                m_db.cached("BEGIN IMMEDIATE").run();
                m_open = true;
            }
            return;
        } catch (const SqlError &e) {
            if (m_open) {
                sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
                m_open = false;
            }
            if (!isBusy(e.rc) || attempt >= 5)
                throw;
            qCInfo(lcStore) << "database busy, waiting for the other writer";
            QThread::msleep(50);
        }
    }
}

WriteTransaction::~WriteTransaction()
{
    if (m_open)
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void WriteTransaction::commit()
{
    m_db.cached("COMMIT").run();
    m_open = false;
}

ReadTransaction::ReadTransaction(Database &db)
    : m_db(db)
{
    m_commit = m_db.cached("COMMIT").statement().handle(); // kept by the connection; prepared once
    m_db.cached("BEGIN").run();
    m_open = true;
}

ReadTransaction::~ReadTransaction()
{
    if (!m_open)
        return;
    sqlite3_step(m_commit); // never throws, as a destructor must not
    sqlite3_reset(m_commit);
    // Store::interrupt() from another thread can land on the COMMIT itself; the snapshot would
    // then stay open and the next BEGIN on this connection fail. Ending a read never loses data.
    for (int attempt = 0; attempt < 3 && !sqlite3_get_autocommit(m_db.handle()); ++attempt)
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

} // namespace hiscrm::store
