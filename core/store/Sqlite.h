// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A thin RAII layer over the SQLite C API, private to store/. Unexpected SQLite errors are thrown
// as SqlError inside store/ and turned into hiscrm::Error at the Store's public boundary, so the
// many small statements of a write transaction read straight and every failure rolls back.
//
// One Database per thread; a Database and its statements are never shared between threads.

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace hiscrm::store {

struct SqlError
{
    int rc = 0; // SQLite (extended) result code
    QString message;
    // Met reading the search index's own file: damage there is the index's, which is rebuilt,
    // not the store's.
    bool inSearchIndex = false;
};

// Opens a connection to the file at path with sqlite3_open_v2 flags; throws SqlError (and leaves
// nothing open) when SQLite refuses.
sqlite3 *openConnection(const QString &path, int flags);

class Statement
{
public:
    Statement() = default;
    Statement(sqlite3 *db, sqlite3_stmt *stmt)
        : m_db(db)
        , m_stmt(stmt)
    {}
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Q_DISABLE_COPY(Statement)

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, bool value) { return bind(index, qint64(value ? 1 : 0)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value); // a null QString binds ''
    Statement &bindUtf8(int index, const QByteArray &value);
    Statement &bindNull(int index);

    // Steps once: true when a row is available, false when done. Throws SqlError on failure.
    bool next();
    // Steps until done (for statements that return no rows).
    void run();
    // Resets for the next use and clears bindings; cached statements are reset on acquire too.
    void reset();

    bool isNull(int col) const;
    qint64 int64(int col) const;
    double real(int col) const;
    QString text(int col) const;
    QByteArray utf8(int col) const;

    sqlite3_stmt *handle() const { return m_stmt; }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

// A cached statement in use; resets it when it goes out of scope, so a half-read query never keeps
// a read snapshot (or the write lock) open.
class Cached
{
public:
    explicit Cached(Statement *s)
        : m_s(s)
    {}
    ~Cached() { m_s->reset(); }
    Q_DISABLE_COPY_MOVE(Cached)

    template <typename T> Cached &bind(int index, const T &value)
    {
        m_s->bind(index, value);
        return *this;
    }
    Cached &bindUtf8(int index, const QByteArray &value)
    {
        m_s->bindUtf8(index, value);
        return *this;
    }
    Cached &bindNull(int index)
    {
        m_s->bindNull(index);
        return *this;
    }
    bool next() { return m_s->next(); }
    void run() { m_s->run(); }
    bool isNull(int col) const { return m_s->isNull(col); }
    qint64 int64(int col) const { return m_s->int64(col); }
    double real(int col) const { return m_s->real(col); }
    QString text(int col) const { return m_s->text(col); }
    QByteArray utf8(int col) const { return m_s->utf8(col); }
    const Statement &statement() const { return *m_s; }
    operator const Statement &() const { return *m_s; }

private:
    Statement *m_s;
};

class Database
{
public:
    enum class Access
    {
        ReadWrite,
        ReadOnly
    };

    // Opens (creating it when ReadWrite) the file. Throws SqlError.
    Database(const QString &path, Access access, int busyTimeoutMs);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    sqlite3 *handle() const { return m_db; }

    // A prepared statement kept for the connection's lifetime, keyed by the SQL text's address:
    // pass string literals. Reset and unbound when the returned handle goes out of scope.
    Cached cached(const char *sql);
    // A one-off statement.
    Statement prepare(const QByteArray &sql);
    // Runs SQL without results (may hold several statements).
    void exec(const char *sql);
    qint64 scalar(const char *sql); // first column of the first row, 0 when none

    qint64 lastInsertId() const;
    int changes() const;
    void interrupt();

    [[noreturn]] void fail(int rc, const char *what) const;

    // For a connection with another database attached that a different connection writes (the
    // store's writer has the search index attached for its searches; the indexer's thread writes
    // it): BEGIN IMMEDIATE would take the write lock of every attached database, so each writer
    // would wait out the other's whole transaction. With this set, WriteTransaction begins a
    // deferred transaction and runs `sql` (a string literal: a write to main that changes no row),
    // which takes main's write lock alone, with the same busy waiting.
    void setMainWriteLock(const char *sql) { m_mainWriteLock = sql; }
    const char *mainWriteLock() const { return m_mainWriteLock; }

private:
    sqlite3 *m_db = nullptr;
    QHash<const char *, Statement *> m_cache;
    const char *m_mainWriteLock = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT (or main's lock alone: Database::setMainWriteLock), rolled back unless
// commit() ran. The busy timeout makes BEGIN wait for another writer; we retry past it a few times
// so SQLITE_BUSY never reaches the caller while the other writer is making progress.
class WriteTransaction
{
public:
    explicit WriteTransaction(Database &db);
    ~WriteTransaction();
    Q_DISABLE_COPY_MOVE(WriteTransaction)
    void commit();

private:
    Database &m_db;
    bool m_open = false;
};

// A deferred read transaction: every statement inside sees one snapshot.
class ReadTransaction
{
public:
    explicit ReadTransaction(Database &db);
    ~ReadTransaction();
    Q_DISABLE_COPY_MOVE(ReadTransaction)

private:
    Database &m_db;
    sqlite3_stmt *m_commit = nullptr; // the connection's cached COMMIT: ending a read parses nothing
    bool m_open = false;
};

} // namespace hiscrm::store
