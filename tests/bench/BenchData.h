// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The benchmark's data: generator settings, batches from demo::Generator (the one source of
// synthetic data), where the files live, prepared stores (reused across runs with --db), and a raw
// SQLite connection for baselines and statistics.

#include "BenchCommon.h"

#include "demo/Generator.h"
#include "model/Model.h"
#include "store/Store.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace hiscrm::bench {

constexpr int kItemsPerBatch = 1000;
// The store takes at most 50k records per batch; the directory of a large run holds more.
constexpr int kDirectoryChunk = 5000;

// 20 accounts, a fan per 20 items (at most 200k), a conversation per 50 items unless given
// (conversations > 0), 200 videos, a fifth of the items comments.
demo::GeneratorConfig benchConfig(quint64 seed, qint64 items, qint64 conversations);
QString describe(const demo::GeneratorConfig &config);

inline qsizetype itemCount(const model::Batch &b)
{
    return b.messages.size() + b.comments.size();
}

// The generator's directory (accounts, users, videos, conversations) cut into accepted batches.
QList<model::Batch> directoryBatches(demo::Generator &generator);
// Hands sink the generator's item batches, `perBatch` items each, until `items` are made.
void generateItems(demo::Generator &generator, qint64 items, const std::function<void(model::Batch &&)> &sink,
                   int perBatch = kItemsPerBatch);

// Where a run keeps its files: a temporary directory, removed at exit unless --keep; or --db PATH.
class Workspace
{
public:
    explicit Workspace(const Options &options);
    ~Workspace();
    Q_DISABLE_COPY_MOVE(Workspace)

    bool isUserPath() const { return !m_userPath.isEmpty(); }
    QString storePath() const;                     // --db PATH, or store.sqlite in the temporary dir
    QString sidePath(const QString &suffix) const; // storePath() + '.' + suffix
    // Makes storePath() free for a new store: removes a store this tool made earlier (one with a
    // .params sidecar) and refuses to touch any other file.
    void clearStore() const;
    QString readParams() const;
    void writeParams(const QString &params) const;

private:
    QString m_userPath;
    std::unique_ptr<QTemporaryDir> m_tmp;
    bool m_keep = false;
};

// Removes a store (a SQLite database and its -wal and -shm files) and its search index.
void removeDatabase(const QString &path);

std::unique_ptr<store::Store> openStore(const QString &path,
                                        store::Store::Durability durability = store::Store::Durability::Full);

// The in-process baseline of worker-ingest and sync: `directory`, then `batches` (timed) into a
// fresh store at `path`, until searchable too. Returns the seconds.
double inProcessSeconds(const QString &path, const QList<model::Batch> &directory,
                        const QList<model::Batch> &batches, store::Store::Durability durability);

// A store for a read workload: generated data plus what `prepare` adds (tags, pins, ...).
struct DataSpec
{
    QString setup; // names what prepare does; part of the --db sidecar
    demo::GeneratorConfig config;
    qint64 items = 0;
    std::function<void(store::Store &)> prepare = nullptr; // none: the generated data alone
};

// Builds spec's store at workspace.storePath(), or reuses it when the --db sidecar says it already
// holds exactly this data. Prints the build time (never part of the figures). Returns the path.
QString prepareStore(Workspace &workspace, const DataSpec &spec);

// Every conversation id (archived too), through the store's list API.
// A 3-4 letter slice from inside an English word ("shipping" -> "ppi"), as people search for
// part of a word; never the whole of a short one.
QString englishSubstring(demo::Rng &rng);

// The kinds of query the search workloads ask, in turn: Chinese words of 1 to 4 characters, an
// English word, part of one (englishSubstring), and Chinese with an English word.
enum class QueryKind
{
    Cjk1,
    Cjk2,
    Cjk3,
    Cjk4,
    EnglishWord,
    EnglishSubstring,
    Mixed,
    Count
};

QList<qint64> allConversationIds(store::Store &store);
QList<qint64> allAccountIds(store::Store &store);

// Fails unless the store file holds `items` messages and comments.
void expectItemCount(const QString &path, qint64 items);

// A plain SQLite connection (no custom tokenizer: it must never touch the FTS tables).
class RawDb
{
public:
    RawDb(const QString &path, bool readOnly);
    ~RawDb();
    Q_DISABLE_COPY_MOVE(RawDb)

    sqlite3 *handle() const { return m_db; }
    void exec(const char *sql);
    qint64 scalar(const char *sql);
    [[noreturn]] void failSql(const QString &what) const;

private:
    QString m_path;
    sqlite3 *m_db = nullptr;
};

class RawStatement
{
public:
    RawStatement(RawDb &db, const char *sql);
    ~RawStatement();
    Q_DISABLE_COPY_MOVE(RawStatement)

    RawStatement &bind(int index, qint64 value);
    // The text is not copied: it must stay alive until the statement is reset.
    RawStatement &bind(int index, const QString &value);
    bool step(); // true: a row is ready
    void reset();
    qint64 int64(int column) const;
    QString text(int column) const;

private:
    RawDb &m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace hiscrm::bench
