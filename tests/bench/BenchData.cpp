// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchData.h"

#include "store/SearchIndexer.h"

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;
using model::Batch;

demo::GeneratorConfig benchConfig(quint64 seed, qint64 items, qint64 conversations)
{
    constexpr qint64 kMaxUsers = 200'000;
    constexpr qint64 kMaxConversations = 10'000'000;
    demo::GeneratorConfig c;
    c.seed = seed;
    c.accounts = 20;
    c.users = int(std::clamp<qint64>(items / 20, 1, kMaxUsers));
    c.conversations =
        int(std::clamp<qint64>(conversations > 0 ? conversations : items / 50, 1, kMaxConversations));
    c.contents = 200;
    c.commentShare = 0.2;
    return c;
}

QString describe(const demo::GeneratorConfig &c)
{
    return u"seed %1, %2 accounts, %3 users, %4 conversations, %5 videos, comment share %6"_s.arg(c.seed)
        .arg(c.accounts)
        .arg(c.users)
        .arg(c.conversations)
        .arg(c.contents)
        .arg(c.commentShare);
}

namespace {

// Moves the records of one list into batches of at most kDirectoryChunk records.
template <typename T>
void chunk(QList<T> &from, QList<T> Batch::*to, QList<Batch> &out, const QString &platform)
{
    for (T &record : from) {
        if (out.isEmpty() || out.constLast().size() >= kDirectoryChunk) {
            out.append(Batch{});
            out.last().platform = platform;
        }
        (out.last().*to).append(std::move(record));
    }
    from.clear();
}

// Prints a line at every tenth of the way.
class Progress
{
public:
    Progress(QString label, qint64 total)
        : m_label(std::move(label))
        , m_total(total)
    {
        m_timer.start();
    }
    void update(qint64 done)
    {
        if (m_total <= 0)
            return;
        const qint64 tenth = done * 10 / m_total;
        if (tenth <= m_lastTenth)
            return;
        m_lastTenth = tenth;
        say(u"  %1 %2/%3 (%4 s)"_s.arg(m_label).arg(done).arg(m_total).arg(fixed3(seconds(m_timer))));
    }

private:
    QString m_label;
    qint64 m_total;
    qint64 m_lastTenth = 0;
    QElapsedTimer m_timer;
};

QString corpusDescription()
{
    const demo::Corpus &corpus = demo::Corpus::instance();
    return u"%1 (%2 Chinese, %3 English lines)"_s.arg(corpus.description())
        .arg(corpus.chinese().size())
        .arg(corpus.english().size());
}

// Everything the prepared data depends on; a --db store is reused only when this matches.
QString paramsOf(const DataSpec &spec)
{
    const demo::GeneratorConfig &c = spec.config;
    QStringList lines = {
        u"format=hiscrm-bench-data-1"_s,
        u"setup=%1"_s.arg(spec.setup),
        u"schema=%1"_s.arg(store::Store::latestSchemaVersion()),
        u"items=%1"_s.arg(spec.items),
        u"batch=%1"_s.arg(kItemsPerBatch),
        u"seed=%1"_s.arg(c.seed),
        u"platform=%1"_s.arg(c.platform),
        u"accounts=%1"_s.arg(c.accounts),
        u"users=%1"_s.arg(c.users),
        u"conversations=%1"_s.arg(c.conversations),
        u"contents=%1"_s.arg(c.contents),
        u"commentShare=%1"_s.arg(c.commentShare, 0, 'g', 17),
        u"zipfS=%1"_s.arg(c.zipfS, 0, 'g', 17),
        u"startMs=%1"_s.arg(c.startMs),
        u"stepMs=%1"_s.arg(c.stepMs),
        u"corpus=%1"_s.arg(corpusDescription()),
    };
    return lines.join(u'\n') + u'\n';
}

} // namespace

QList<Batch> directoryBatches(demo::Generator &generator)
{
    Batch directory = generator.directory();
    QList<Batch> out;
    // The store handles a batch's accounts, users, videos and conversations in this order, so
    // every record finds what it refers to in an earlier batch or earlier in its own.
    chunk(directory.accounts, &Batch::accounts, out, directory.platform);
    chunk(directory.users, &Batch::users, out, directory.platform);
    chunk(directory.contents, &Batch::contents, out, directory.platform);
    chunk(directory.conversations, &Batch::conversations, out, directory.platform);
    return out;
}

void generateItems(demo::Generator &generator, qint64 items, const std::function<void(Batch &&)> &sink,
                   int perBatch)
{
    for (qint64 done = 0; done < items;) {
        const int n = int(std::min<qint64>(perBatch, items - done));
        Batch batch = generator.next(n);
        if (itemCount(batch) != n)
            fail(u"the generator made %1 items when asked for %2 (check the generator config: %3)"_s
                     .arg(itemCount(batch))
                     .arg(n)
                     .arg(describe(generator.config())));
        done += n;
        sink(std::move(batch));
    }
}

// ---- Workspace -----------------------------------------------------------------------------------

Workspace::Workspace(const Options &options)
    : m_keep(options.keep)
{
    if (!options.db.isEmpty()) {
        const QFileInfo info(options.db);
        if (!info.absoluteDir().exists())
            fail(u"the folder of --db %1 does not exist"_s.arg(options.db));
        m_userPath = info.absoluteFilePath();
        return;
    }
    m_tmp = std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"hiscrm-bench-XXXXXX"_s));
    if (!m_tmp->isValid())
        fail(u"cannot create a temporary directory: %1"_s.arg(m_tmp->errorString()));
    m_tmp->setAutoRemove(!m_keep);
}

Workspace::~Workspace()
{
    if (m_tmp && m_keep)
        say(u"kept the files in %1"_s.arg(m_tmp->path()));
}

QString Workspace::storePath() const
{
    return isUserPath() ? m_userPath : m_tmp->filePath(u"store.sqlite"_s);
}

QString Workspace::sidePath(const QString &suffix) const
{
    return storePath() + u'.' + suffix;
}

void Workspace::clearStore() const
{
    const QString path = storePath();
    if (QFileInfo::exists(path) && !QFileInfo::exists(sidePath(u"params"_s)))
        fail(u"%1 exists and was not made by hiscrm-bench (there is no %1.params); choose another "
             "--db path or remove the file"_s.arg(path));
    removeDatabase(path);
    QFile::remove(sidePath(u"params"_s));
}

QString Workspace::readParams() const
{
    QFile file(sidePath(u"params"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

void Workspace::writeParams(const QString &params) const
{
    QSaveFile file(sidePath(u"params"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(params.toUtf8()) < 0 || !file.commit())
        fail(u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
}

void removeDatabase(const QString &path)
{
    for (const QString &file : {path, path + u"-wal"_s, path + u"-shm"_s}) {
        if (QFileInfo::exists(file) && !QFile::remove(file))
            fail(u"cannot remove %1"_s.arg(file));
    }
    if (!store::removeSearchIndex(path))
        fail(u"cannot remove the search index %1"_s.arg(store::searchIndexPath(path)));
}

std::unique_ptr<store::Store> openStore(const QString &path, store::Store::Durability durability)
{
    store::Store::Options options;
    options.durability = durability;
    return check(store::Store::open(path, options), u"opening the store %1"_s.arg(path));
}

double inProcessSeconds(const QString &path, const QList<model::Batch> &directory,
                        const QList<model::Batch> &batches, store::Store::Durability durability)
{
    removeDatabase(path);
    const auto store = openStore(path, durability);
    for (const model::Batch &b : directory)
        check(store->ingest(b), u"ingesting the directory in-process"_s);
    QElapsedTimer timer;
    timer.start();
    for (const model::Batch &b : batches)
        check(store->ingest(b), u"ingesting in-process"_s);
    if (const Error e = store->waitForSearchIndex())
        fail(u"waiting for the search index failed: "_s + e.message);
    return seconds(timer);
}

// ---- Prepared stores -----------------------------------------------------------------------------

QString prepareStore(Workspace &workspace, const DataSpec &spec)
{
    const QString path = workspace.storePath();
    const QString params = paramsOf(spec);
    say(u"data: %1 items; %2; corpus %3"_s.arg(spec.items).arg(describe(spec.config), corpusDescription()));
    if (workspace.isUserPath() && QFileInfo::exists(path) && workspace.readParams() == params) {
        say(u"data: reusing %1 (its %2 matches)"_s.arg(path, workspace.sidePath(u"params"_s)));
        return path;
    }
    workspace.clearStore();
    say(u"data: building %1"_s.arg(path));
    QElapsedTimer timer;
    timer.start();
    {
        // Building is not measured: the replica setting saves an fsync per batch.
        const auto store = openStore(path, store::Store::Durability::Normal);
        demo::Generator generator(spec.config);
        for (const Batch &batch : directoryBatches(generator))
            check(store->ingest(batch), u"ingesting the directory"_s);
        Progress progress(u"ingested"_s, spec.items);
        qint64 done = 0;
        generateItems(generator, spec.items, [&](Batch &&batch) {
            check(store->ingest(batch), u"ingesting items %1..%2"_s.arg(done).arg(done + itemCount(batch)));
            done += itemCount(batch);
            progress.update(done);
        });
        if (spec.prepare) {
            QElapsedTimer setup;
            setup.start();
            spec.prepare(*store);
            say(u"  setup (%1) done in %2 s"_s.arg(spec.setup, fixed3(seconds(setup))));
        }
    }
    expectItemCount(path, spec.items);
    if (workspace.isUserPath())
        workspace.writeParams(params);
    say(u"data: built in %1 s (not part of the figures)"_s.arg(fixed3(seconds(timer))));
    return path;
}

QList<qint64> allConversationIds(store::Store &store)
{
    store::ConversationFilter filter;
    filter.archived = store::ArchivedFilter::Any;
    std::optional<store::ConversationCursor> after;
    QList<qint64> ids;
    for (;;) {
        const store::ConversationPage page =
            check(store.conversations(filter, 500, after), u"listing all conversations"_s);
        for (const model::Conversation &c : page.conversations)
            ids.append(c.id);
        if (!page.next)
            break;
        after = page.next;
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<qint64> allAccountIds(store::Store &store)
{
    QList<qint64> ids;
    for (const model::Account &a : check(store.accounts(), u"listing accounts"_s))
        ids.append(a.id);
    return ids;
}

void expectItemCount(const QString &path, qint64 items)
{
    RawDb db(path, true);
    const qint64 stored = db.scalar("SELECT count(*) FROM items");
    if (stored != items)
        fail(u"the store %1 holds %2 messages and comments after ingesting %3"_s.arg(path).arg(stored).arg(
            items));
}

// ---- Raw SQLite ----------------------------------------------------------------------------------

RawDb::RawDb(const QString &path, bool readOnly)
    : m_path(path)
{
    const int flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        const QString message = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : u"out of memory"_s;
        sqlite3_close(m_db);
        m_db = nullptr;
        fail(u"cannot open %1 with SQLite: %2"_s.arg(path, message));
    }
    sqlite3_busy_timeout(m_db, 10000);
}

RawDb::~RawDb()
{
    sqlite3_close(m_db);
}

void RawDb::exec(const char *sql)
{
    char *error = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const QString message = QString::fromUtf8(error ? error : "unknown error");
        sqlite3_free(error);
        fail(u"SQLite error on %1 running \"%2\": %3"_s.arg(m_path, QString::fromUtf8(sql), message));
    }
}

qint64 RawDb::scalar(const char *sql)
{
    RawStatement s(*this, sql);
    if (!s.step())
        fail(u"SQLite query on %1 returned no row: %2"_s.arg(m_path, QString::fromUtf8(sql)));
    return s.int64(0);
}

void RawDb::failSql(const QString &what) const
{
    fail(u"SQLite error on %1 (%2): %3"_s.arg(m_path, what, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

RawStatement::RawStatement(RawDb &db, const char *sql)
    : m_db(db)
{
    if (sqlite3_prepare_v2(db.handle(), sql, -1, &m_stmt, nullptr) != SQLITE_OK)
        db.failSql(u"preparing \"%1\""_s.arg(QString::fromUtf8(sql)));
}

RawStatement::~RawStatement()
{
    sqlite3_finalize(m_stmt);
}

RawStatement &RawStatement::bind(int index, qint64 value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        m_db.failSql(u"binding parameter %1"_s.arg(index));
    return *this;
}

RawStatement &RawStatement::bind(int index, const QString &value)
{
    if (sqlite3_bind_text16(m_stmt, index, value.utf16(), int(value.size() * 2), SQLITE_STATIC) != SQLITE_OK)
        m_db.failSql(u"binding parameter %1"_s.arg(index));
    return *this;
}

bool RawStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_db.failSql(u"running \"%1\""_s.arg(QString::fromUtf8(sqlite3_sql(m_stmt))));
    return false;
}

void RawStatement::reset()
{
    sqlite3_reset(m_stmt);
}

qint64 RawStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString RawStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QString englishSubstring(demo::Rng &rng)
{
    const demo::Corpus &corpus = demo::Corpus::instance();
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString word = corpus.englishWord(rng);
        if (word.size() < 5)
            continue;
        const qsizetype len = word.size() >= 6 ? 3 + qsizetype(rng.below(2)) : 3;
        const qsizetype start = 1 + qsizetype(rng.below(quint64(word.size() - len - 1)));
        return word.mid(start, len);
    }
    return corpus.englishWord(rng).left(3);
}

} // namespace hiscrm::bench
