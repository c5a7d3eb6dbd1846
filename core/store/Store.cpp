// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Store.h"

#include "common/Log.h"
#include "search/TextAnalysis.h"
#include "store/Schema.h"
#include "store/StoreImpl.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstring>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QThread>

namespace hiscrm::store {

using namespace model;

namespace {

void facetsFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    Q_UNUSED(argc);
    const QByteArray facets = itemFacets(sqlite3_value_int(argv[0]), sqlite3_value_int64(argv[1]),
                                         sqlite3_value_int64(argv[2]), sqlite3_value_int64(argv[3]));
    sqlite3_result_text(ctx, facets.constData(), int(facets.size()), SQLITE_TRANSIENT);
}

// WAL needs to create the -wal and -shm files next to the database: a folder that refuses that
// would fail at the first read or write, with an error that does not say why.
Error checkFolderWritable(const QString &path)
{
    const QDir folder = QFileInfo(path).absoluteDir();
    if (!folder.exists())
        return {}; // opening says the folder is missing
    QTemporaryFile probe(folder.filePath(QStringLiteral(".hiscrm-write-test-XXXXXX")));
    if (probe.open())
        return {};
    return {
        ErrorCode::Io,
        Store::tr("HisCRM cannot create files in the folder %1, but it keeps the database's write-ahead log "
                  "there (%2-wal and %2-shm). Make the folder writable, or choose another data folder.")
            .arg(QDir::toNativeSeparators(folder.absolutePath()), QFileInfo(path).fileName())};
}

// Whether the file is in WAL mode already (the question changes nothing).
bool walMode(Database &db)
{
    Statement s = db.prepare("PRAGMA journal_mode");
    return s.next() && s.text(0).compare(u"wal", Qt::CaseInsensitive) == 0;
}

} // namespace

Error toError(const SqlError &e)
{
    switch (e.rc & 0xff) {
    case SQLITE_FULL:
        return {ErrorCode::Io,
                Store::tr("The disk is full; nothing was saved. Free some space and try again.")};
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return {ErrorCode::Io,
                Store::tr("The database cannot be written (%1). Check the data folder's permissions.")
                    .arg(e.message)};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return {ErrorCode::Io,
                Store::tr("The database stayed busy for too long; nothing was changed. Try again.")};
    case SQLITE_CORRUPT:
        return {ErrorCode::Corrupt,
                Store::tr("The database file is damaged (%1). Restore a backup or move the file away.")
                    .arg(e.message)};
    case SQLITE_NOTADB:
        return {ErrorCode::NotADatabase, Store::tr("The file is not a HisCRM database.")};
    case SQLITE_INTERRUPT:
        return {ErrorCode::Conflict, Store::tr("The search was cancelled.")};
    case SQLITE_CONSTRAINT:
        return {ErrorCode::Conflict, Store::tr("The change conflicts with existing data: %1").arg(e.message)};
    default:
        qCWarning(lcStore) << "SQLite error" << e.rc << e.message;
        return {ErrorCode::Internal, Store::tr("Unexpected database error: %1").arg(e.message)};
    }
}

size_t qHash(const PlatformKey &key, size_t seed) noexcept
{
    // Multiply-xorshift rounds over 8 bytes (4 UTF-16 units) at a time.
    constexpr quint64 kMul1 = 0x9e3779b97f4a7c15ULL;
    constexpr quint64 kMul2 = 0xbf58476d1ce4e5b9ULL;
    const auto mix = [](quint64 h, quint64 word) {
        h = (h ^ word) * kMul2;
        return h ^ (h >> 31);
    };
    quint64 h = mix(quint64(seed) ^ (quint64(key.id.size()) * kMul1), quint64(key.scope));
    const QChar *p = key.id.constData();
    qsizetype left = key.id.size();
    for (; left >= 4; left -= 4, p += 4) {
        quint64 word;
        std::memcpy(&word, p, sizeof word);
        h = mix(h, word);
    }
    quint64 tail = 0;
    std::memcpy(&tail, p, size_t(left) * sizeof(QChar));
    h = mix(h, tail) * kMul1;
    return size_t(h ^ (h >> 29));
}

QByteArray itemFacets(int kind, qint64 accountId, qint64 threadId, qint64 senderId)
{
    // Only selective filters are index tokens (see search/TextAnalysis.h for the mark): a token
    // most items carry (kind, direction) would cost every insert and help no query.
    char buf[96];
    const int n = std::snprintf(buf, sizeof buf, "%ca%lld %c%c%lld %cs%lld", search::kFacetMark,
                                static_cast<long long>(accountId), search::kFacetMark,
                                kind == int(ItemKind::Message) ? 'c' : 'v', static_cast<long long>(threadId),
                                search::kFacetMark, static_cast<long long>(senderId));
    return QByteArray(buf, n);
}

Account readAccount(const Statement &s, int c)
{
    Account a;
    a.id = s.int64(c);
    a.platform = s.text(c + 1);
    a.platformId = s.text(c + 2);
    a.name = s.text(c + 3);
    a.avatar = s.text(c + 4);
    a.userId = s.int64(c + 5);
    a.loginState = LoginState(s.int64(c + 6));
    a.lastError = s.text(c + 7);
    a.lastSyncAt = s.int64(c + 8);
    a.rev = s.int64(c + 9);
    return a;
}

User readUser(const Statement &s, int c)
{
    User u;
    u.id = s.int64(c);
    u.platform = s.text(c + 1);
    u.platformId = s.text(c + 2);
    u.name = s.text(c + 3);
    u.avatar = s.text(c + 4);
    u.signature = s.text(c + 5);
    u.followers = s.int64(c + 6);
    u.following = s.int64(c + 7);
    u.videos = s.int64(c + 8);
    u.verified = s.int64(c + 9) != 0;
    u.rev = s.int64(c + 10);
    return u;
}

Content readContent(const Statement &s, int c)
{
    Content t;
    t.id = s.int64(c);
    t.accountId = s.int64(c + 1);
    t.platformId = s.text(c + 2);
    t.title = s.text(c + 3);
    t.url = s.text(c + 4);
    t.cover = s.text(c + 5);
    t.publishedAt = s.int64(c + 6);
    t.commentCount = s.int64(c + 7);
    t.unreadComments = s.int64(c + 8);
    t.lastCommentAt = s.int64(c + 9);
    t.rev = s.int64(c + 10);
    return t;
}

Conversation readConversation(const Statement &s, int c)
{
    Conversation v;
    v.id = s.int64(c);
    v.accountId = s.int64(c + 1);
    v.platformId = s.text(c + 2);
    v.peerUserId = s.int64(c + 3);
    v.lastItemId = s.int64(c + 4);
    v.lastAt = s.int64(c + 5);
    v.lastPreview = s.text(c + 6);
    v.lastDirection = Direction(s.int64(c + 7));
    v.readUpTo = s.int64(c + 8);
    v.unreadCount = s.int64(c + 9);
    v.markedUnread = s.int64(c + 10) != 0;
    v.pinned = s.int64(c + 11) != 0;
    v.archived = s.int64(c + 12) != 0;
    v.mutedUntil = s.int64(c + 13);
    v.rev = s.int64(c + 14);
    return v;
}

Item readItem(const Statement &s, int c)
{
    Item i;
    i.id = s.int64(c);
    i.kind = ItemKind(s.int64(c + 1));
    i.accountId = s.int64(c + 2);
    i.platformId = s.text(c + 3);
    i.threadId = s.int64(c + 4);
    i.parentId = s.int64(c + 5);
    i.senderId = s.int64(c + 6);
    i.direction = Direction(s.int64(c + 7));
    i.type = MessageType(s.int64(c + 8));
    i.text = s.text(c + 9);
    i.media = s.text(c + 10);
    i.createdAt = s.int64(c + 11);
    i.editedAt = s.int64(c + 12);
    i.recalled = s.int64(c + 13) != 0;
    i.delivery = Delivery(s.int64(c + 14));
    i.error = s.text(c + 15);
    i.clientRef = s.text(c + 16);
    i.read = s.int64(c + 17) != 0;
    i.rev = s.int64(c + 18);
    return i;
}

QString previewOf(const Item &item)
{
    if (item.recalled)
        return QString();
    QString p = item.text.left(120);
    for (QChar &ch : p) {
        if (ch == u'\n' || ch == u'\r' || ch == u'\t')
            ch = u' ';
    }
    return p;
}

Store::Impl::Impl(const QString &p, Access a, int busyTimeoutMs)
    : path(p)
    , access(a)
    , db(p, a == Access::ReadOnly ? Database::Access::ReadOnly : Database::Access::ReadWrite, busyTimeoutMs)
    , health(FileHealth::of(p)) // after db: the file exists now, so links resolve to one entry
{
    if (a == Access::ReadWrite) {
        // When the last connection to a file closes, SQLite copies the WAL into the database file.
        // A file not known to be sound must not be written so: open() found it damaged, or its
        // check had not finished. ~Impl allows it again once the check has passed.
        sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    }
}

Store::Impl::~Impl()
{
    if (damageListener)
        health->removeListener(damageListener);
    if (access == Access::ReadWrite && health->state() == FileHealth::State::Sound)
        sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
}

Error Store::Impl::fail(const SqlError &e)
{
    if (!isDamage(e.rc))
        return toError(e);
    if (e.inSearchIndex) {
        // The index holds nothing the store does not: the writer's indexer builds it anew.
        health->requestIndexRebuild();
        if (indexer)
            indexer->wake();
        return {ErrorCode::Io, Store::tr("The search index is damaged and is being rebuilt from the history; "
                                         "search again in a moment.")};
    }
    health->markDamaged(e.message);
    return health->damage();
}

void Store::Impl::attachSearchIndex()
{
    const QString index = searchIndexPath(path);
    if (access == Access::ReadOnly && !QFileInfo::exists(index))
        return; // not built yet; search() says so
    try {
        db.cached("ATTACH DATABASE ?1 AS search").bind(1, index).run();
        searchAttached = true;
        // The indexer's thread writes the index: this connection's transactions lock main only.
        db.setMainWriteLock("UPDATE main.meta SET value = value WHERE 0");
    } catch (const SqlError &e) {
        // Damaged: the writer builds it anew; until then search() says the index is not ready.
        qCWarning(lcStore) << "cannot use the search index" << index << e.message;
    }
}

Error Store::Impl::awaitSearchIndex(int timeoutMs)
{
    if (Error e = health->damage())
        return e; // the index would never catch up with a store it cannot read
    const auto notReady = [] {
        return Error{ErrorCode::Io,
                     Store::tr("The search index is still being built; search again in a moment. "
                               "(It is built by the master: is it running?)")};
    };
    if (!searchAttached) {
        if (access == Access::ReadOnly && QFileInfo::exists(searchIndexPath(path)))
            attachSearchIndex();
        if (!searchAttached)
            return notReady();
    }
    if (!indexer && !searchVerified) {
        // An index of another store (until its writer opens and rebuilds it) must not answer.
        qint64 indexOf = -1;
        try {
            indexOf = db.scalar("SELECT value FROM search.meta WHERE key = 'store_id'");
        } catch (const SqlError &) {
            return notReady(); // damaged, or being created right now
        }
        if (db.scalar("SELECT value FROM meta WHERE key = 'store_id'") != indexOf)
            return notReady();
        searchVerified = true;
    }
    const qint64 target = db.scalar("SELECT value FROM meta WHERE key = 'rev'");
    if (indexer) {
        indexer->wake();
        if (!indexer->waitFor(target, timeoutMs)) {
            if (Error e = health->damage())
                return e; // found while we waited
            return notReady();
        }
        return {};
    }
    // Another Store (or process) indexes: watch its progress.
    QElapsedTimer waited;
    waited.start();
    while (indexedRevision(db, "search") < target) {
        if (Error e = health->damage())
            return e;
        if (waited.elapsed() >= timeoutMs)
            return notReady();
        QThread::msleep(2);
    }
    return {};
}

void Store::Impl::tombstone(const char *entity, qint64 id, qint64 accountId)
{
    db.cached("INSERT INTO tombstones(rev, entity, id, account_id) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, nextRev())
        .bindUtf8(2, QByteArray(entity))
        .bind(3, id)
        .bind(4, accountId)
        .run();
}

void Store::Impl::noteUserInAccount(qint64 userId, qint64 accountId)
{
    if (userId <= 0 || accountId <= 0 || !notesUserAccounts)
        return;
    const std::pair<qint64, qint64> key{userId, accountId};
    if (cache.userAccounts.contains(key))
        return;
    db.cached("INSERT OR IGNORE INTO user_accounts(user_id, account_id) VALUES(?1, ?2)")
        .bind(1, userId)
        .bind(2, accountId)
        .run();
    // A profile written in this transaction has its new revision already (and a device reading the
    // feed after the commit sees the pair): only one last written before needs another, and only
    // while a device scoped to some accounts may have synced past it (a device paired later starts
    // from revision 0 and sees the pair then). Without such a device (the desktop's own master, a
    // team whose devices see every account) the bump, a fifth of ingest's time, is not paid.
    if (db.changes() > 0 && scopedDevices && !writtenUsers.contains(userId))
        db.cached("UPDATE users SET rev = ?2 WHERE id = ?1").bind(1, userId).bind(2, nextRev()).run();
    cache.userAccounts.insert(key);
}

qint64 Store::Impl::allocateItemId(qint64 createdAtMs)
{
    // Ids are time-ordered so "newest first" is rowid order everywhere (threads, search). Items of
    // the same millisecond take the next free slot; a full millisecond spills into the next one.
    if (maxItemId < 0) {
        auto q = db.cached("SELECT max(id) FROM items");
        maxItemId = q.next() && !q.isNull(0) ? q.int64(0) : 0;
    }
    qint64 base = createdAtMs * kIdSlotsPerMs;
    if (base > maxItemId && base <= kMaxItemId) {
        maxItemId = base; // the caller inserts it; a failed insert only leaves the bound high
        return base;
    }
    for (int spill = 0; spill < kMaxIdSpillMs; ++spill, base += kIdSlotsPerMs) {
        auto q = db.cached("SELECT max(id) FROM items WHERE id >= ?1 AND id < ?2");
        q.bind(1, base).bind(2, base + kIdSlotsPerMs);
        qint64 id = base;
        if (q.next() && !q.isNull(0)) {
            id = q.int64(0) + 1;
            if (id >= base + kIdSlotsPerMs)
                continue;
        }
        if (id > kMaxItemId) // unreachable within kMaxTimestampMs; never hand out an inexact id
            break;
        maxItemId = qMax(maxItemId, id);
        return id;
    }
    // Not SQLITE_FULL: that would tell the operator the disk is full.
    throw SqlError{SQLITE_RANGE, QStringLiteral("no free item id near %1").arg(createdAtMs)};
}

std::optional<Item> Store::Impl::loadItem(qint64 id)
{
    auto q = db.cached("SELECT " HISCRM_ITEM_COLS " FROM items i WHERE i.id = ?1");
    q.bind(1, id);
    if (!q.next())
        return std::nullopt;
    return readItem(q);
}

QList<qint64> Store::Impl::tagsOf(qint64 conversationId)
{
    QList<qint64> tags;
    auto q = db.cached("SELECT tag_id FROM conversation_tags WHERE conversation_id = ?1 ORDER BY tag_id");
    q.bind(1, conversationId);
    while (q.next())
        tags.append(q.int64(0));
    return tags;
}

std::optional<Conversation> Store::Impl::loadConversation(qint64 id)
{
    std::optional<Conversation> c;
    {
        auto q = db.cached("SELECT " HISCRM_CONVERSATION_COLS " FROM conversations c WHERE c.id = ?1");
        q.bind(1, id);
        if (!q.next())
            return std::nullopt;
        c = readConversation(q);
    }
    c->tagIds = tagsOf(id);
    return c;
}

void Store::Impl::refreshConversation(qint64 conversationId)
{
    qint64 readUpTo = 0;
    {
        auto q = db.cached("SELECT read_upto FROM conversations WHERE id = ?1");
        q.bind(1, conversationId);
        if (!q.next())
            return;
        readUpTo = q.int64(0);
    }
    Item last;
    {
        auto q = db.cached("SELECT " HISCRM_ITEM_COLS " FROM items i WHERE i.kind = 0 AND i.thread_id = ?1 "
                           "ORDER BY i.id DESC LIMIT 1");
        q.bind(1, conversationId);
        if (q.next())
            last = readItem(q);
    }
    qint64 unread = 0;
    {
        auto q = db.cached("SELECT count(*) FROM items WHERE kind = 0 AND thread_id = ?1 AND id > ?2 "
                           "AND direction = 0 AND recalled = 0");
        q.bind(1, conversationId).bind(2, readUpTo);
        if (q.next())
            unread = q.int64(0);
    }
    db.cached("UPDATE conversations SET last_item_id = ?2, last_at = max(last_at, ?3), last_preview = ?4, "
              "last_direction = ?5, unread_count = ?6, rev = ?7 WHERE id = ?1")
        .bind(1, conversationId)
        .bind(2, last.id)
        .bind(3, last.createdAt)
        .bind(4, previewOf(last))
        .bind(5, int(last.direction))
        .bind(6, unread)
        .bind(7, nextRev())
        .run();
}

void Store::Impl::refreshContent(qint64 contentId)
{
    db.cached("UPDATE contents SET "
              "comment_count = (SELECT count(*) FROM items WHERE kind = 1 AND thread_id = ?1), "
              "unread_comments = (SELECT count(*) FROM items WHERE kind = 1 AND thread_id = ?1 "
              "  AND read = 0 AND direction = 0 AND recalled = 0), "
              "last_comment_at = max(last_comment_at, (SELECT coalesce(max(created_at), 0) FROM items "
              "  WHERE kind = 1 AND thread_id = ?1)), "
              "rev = ?2 WHERE id = ?1")
        .bind(1, contentId)
        .bind(2, nextRev())
        .run();
}

void Store::Impl::touchConversation(qint64 conversationId)
{
    db.cached("UPDATE conversations SET rev = ?2 WHERE id = ?1")
        .bind(1, conversationId)
        .bind(2, nextRev())
        .run();
}

Error Store::Impl::checkWritable() const
{
    if (access == Access::ReadOnly)
        return {ErrorCode::InvalidArgument,
                Store::tr("This connection is read-only; send changes through the master.")};
    return health->awaitWritable();
}

// ---- Store ------------------------------------------------------------------------------------

Store::Store(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{}
Store::~Store() = default;

namespace {
std::atomic<int> pageCacheKibSetting{Store::kDefaultPageCacheKib};
std::atomic<int> indexerNiceSetting{0};
} // namespace

void Store::setIndexerNice(int steps)
{
    indexerNiceSetting = std::clamp(steps, 0, 19);
}

int Store::indexerNice()
{
    return indexerNiceSetting;
}

void Store::setPageCacheKib(int kib)
{
    pageCacheKibSetting = std::max(kib, 1);
}

int Store::pageCacheKib()
{
    return pageCacheKibSetting;
}

QByteArray pageCachePragma()
{
    return "PRAGMA cache_size = -" + QByteArray::number(Store::pageCacheKib());
}

int Store::latestSchemaVersion()
{
    return schema::latestVersion();
}

Result<std::unique_ptr<Store>> Store::openReader(const QString &path)
{
    Options options;
    options.access = Access::ReadOnly;
    options.durability = Durability::Normal;
    return open(path, options);
}

Result<std::unique_ptr<Store>> Store::open(const QString &path, const Options &options)
{
    const bool readWrite = options.access == Access::ReadWrite;
    const bool existed = QFileInfo::exists(path);
    if (!readWrite && !existed)
        return Error{ErrorCode::NotFound, Store::tr("The database %1 does not exist yet.").arg(path)};
    if (readWrite) {
        if (Error e = checkFolderWritable(path))
            return e;
    }
    std::unique_ptr<Impl> impl;
    try {
        impl = std::make_unique<Impl>(path, options.access, options.busyTimeoutMs);
    } catch (const SqlError &e) {
        return Error{ErrorCode::Io, Store::tr("Cannot open the database %1: %2. Check that the folder exists "
                                              "and is writable.")
                                        .arg(path, e.message)};
    }
    Database &db = impl->db;
    // SQLite opens a file it may not write read-only without a word; every batch would then fail.
    if (readWrite && sqlite3_db_readonly(db.handle(), "main") == 1)
        return Error{ErrorCode::Io,
                     Store::tr("The database file %1 is read-only, but HisCRM must write to it. "
                               "Make it writable (its permissions, or its Read-only "
                               "attribute), or choose another data folder.")
                         .arg(path)};

    QString tokErr;
    if (!search::registerTokenizer(db.handle(), &tokErr))
        return Error{ErrorCode::Internal, Store::tr("Full-text search is unavailable: %1").arg(tokErr)};
    sqlite3_create_function_v2(db.handle(), "hiscrm_facets", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                               facetsFunction, nullptr, nullptr, nullptr);

    int version = 0;
    if (Error e = schema::identify(db, &version))
        return e;

    FileHealth &health = *impl->health;
    if (readWrite) {
        if (Error e = health.damage())
            return e; // another Store of this file in this process found it damaged
        // Nothing is written to an existing file before its check has passed (store/Health.h).
        // It runs on a thread of its own from here on, beside the rest of the opening.
        if (existed)
            health.startCheck();
        else
            health.markNew();
    }
    QElapsedTimer sinceCheck;
    sinceCheck.start();
    const auto checked = [&](int timeoutMs) -> Error {
        health.waitForCheck(timeoutMs);
        return health.damage();
    };

    try {
        if (readWrite) {
            // Switching an existing file to WAL writes its header: only once it is known sound.
            // (Files of ours are in WAL mode from their first transaction.)
            if (existed && !walMode(db)) {
                if (Error e = checked(-1))
                    return e;
            }
            // WAL first: later writers and readers rely on it, and it is persistent in the file.
            Statement wal = db.prepare("PRAGMA journal_mode = WAL");
            if (!wal.next() || wal.text(0).compare(u"wal", Qt::CaseInsensitive) != 0)
                return Error{ErrorCode::Io,
                             Store::tr("The database %1 cannot use write-ahead logging; is it on a "
                                       "network drive? Choose a local data folder.")
                                 .arg(path)};
        }
        db.exec(options.durability == Durability::Full ? "PRAGMA synchronous = FULL"
                                                       : "PRAGMA synchronous = NORMAL");
        db.exec("PRAGMA foreign_keys = ON");
        db.exec("PRAGMA temp_store = MEMORY");
        // Debian builds SQLite with secure_delete on, which also writes every freed page (the
        // search index frees many when it merges). FAST still zeroes deleted content in the pages
        // a write touches anyway, without the extra page writes (8% fewer WAL frames at ingest).
        db.exec("PRAGMA secure_delete = FAST");
        db.exec(pageCachePragma());

        if (readWrite) {
            if (version < schema::latestVersion()) {
                if (Error e = checked(-1))
                    return e; // a migration writes
            }
            schema::migrate(db, options.migrateTo);
            impl->notesUserAccounts = db.scalar("PRAGMA user_version") >= 8;
            // Checkpoints run on a thread of their own (store/Checkpointer.h), and seldom: the
            // ingest rewrites the same index pages batch after batch, and each checkpoint copies
            // them into the database file once.
            impl->checkpointer = std::make_unique<Checkpointer>(path, db.handle(), Checkpointer::Limits{});
            // The search index has a database and a thread of its own (store/SearchIndexer.h).
            const qint64 storeId = db.scalar("SELECT value FROM meta WHERE key = 'store_id'");
            try {
                impl->indexer = std::make_unique<SearchIndexer>(path, storeId, impl->health, indexerNice());
            } catch (const SqlError &e) {
                // The index holds nothing the store does not: a damaged one is built anew.
                qCWarning(lcStore) << "search index unusable, rebuilding it:" << e.message;
                removeSearchIndex(path);
                impl->indexer = std::make_unique<SearchIndexer>(path, storeId, impl->health, indexerNice());
            }
            SearchIndexer *indexer = impl->indexer.get();
            impl->checkpointer->setCommitListener([indexer] { indexer->wake(); });
            // A damaged file gets no more checkpoints (nor does a commit that was on its way).
            impl->checkpointer->setGate([h = impl->health] { return !h->isDamaged(); });
        } else if (version != schema::latestVersion()) {
            return Error{ErrorCode::Conflict,
                         Store::tr("The database has not been upgraded yet (schema %1 of %2); "
                                   "start the master first.")
                             .arg(version)
                             .arg(schema::latestVersion())};
        }
        impl->attachSearchIndex();
    } catch (const SqlError &e) {
        return impl->fail(e);
    }
    if (readWrite) {
        // The rest of the check's time budget (-1: all of it). What is left of the check goes on
        // in the background; the first write waits for it.
        if (options.integrityWaitMs != 0) {
            const int left = options.integrityWaitMs < 0
                                 ? -1
                                 : int(qMax<qint64>(0, options.integrityWaitMs - sinceCheck.elapsed()));
            if (Error e = checked(left))
                return e;
        }
        if (Error e = health.damage())
            return e;
    }
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Error Store::damage() const
{
    return d->health->damage();
}

void Store::setDamageListener(std::function<void(const Error &)> listener)
{
    if (d->damageListener)
        d->health->removeListener(d->damageListener);
    d->damageListener = listener ? d->health->addListener(std::move(listener)) : 0;
}

qint64 Store::pageCacheBytes() const
{
    int used = 0;
    int highwater = 0;
    sqlite3_db_status(d->db.handle(), SQLITE_DBSTATUS_CACHE_USED, &used, &highwater, 0);
    return used;
}

int Store::schemaVersion()
{
    try {
        return int(d->db.scalar("PRAGMA user_version"));
    } catch (const SqlError &) {
        return -1;
    }
}

QString Store::path() const
{
    return d->path;
}

Result<qint64> Store::revision() const
{
    return d->guarded([&] {
        auto q = d->db.cached("SELECT value FROM meta WHERE key = 'rev'");
        return q.next() ? q.int64(0) : qint64(0);
    });
}

Result<QString> Store::integrityCheck()
{
    return d->guarded([&] {
        QStringList problems;
        Statement s = d->db.prepare("PRAGMA integrity_check");
        while (s.next()) {
            if (s.text(0) != u"ok")
                problems << s.text(0);
        }
        if (schemaVersion() >= 2) {
            try {
                if (d->searchAttached)
                    d->db.exec("INSERT INTO search.items_fts(items_fts, rank) VALUES('integrity-check', 1)");
                d->db.exec("INSERT INTO users_fts(users_fts, rank) VALUES('integrity-check', 0)");
            } catch (const SqlError &e) {
                problems << QStringLiteral("fts: ") + e.message;
            }
        }
        return problems.isEmpty() ? QStringLiteral("ok") : problems.join(u'\n');
    });
}

void Store::interrupt()
{
    d->db.interrupt();
}

QString ConversationCursor::toString() const
{
    return QStringLiteral("%1:%2:%3").arg(pinned ? 1 : 0).arg(lastAt).arg(id);
}

std::optional<ConversationCursor> ConversationCursor::fromString(const QString &s)
{
    const QStringList parts = s.split(u':');
    if (parts.size() != 3)
        return std::nullopt;
    bool ok1 = false, ok2 = false, ok3 = false;
    ConversationCursor c;
    const int p = parts[0].toInt(&ok1);
    c.pinned = p != 0;
    c.lastAt = parts[1].toLongLong(&ok2);
    c.id = parts[2].toLongLong(&ok3);
    if (!ok1 || !ok2 || !ok3 || (p != 0 && p != 1))
        return std::nullopt;
    return c;
}

} // namespace hiscrm::store
