// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to store/: the state behind Store and the helpers its parts share.

#include "common/Clock.h"
#include "store/Checkpointer.h"
#include "store/Health.h"
#include "store/SearchIndexer.h"
#include "store/Sqlite.h"
#include "store/Store.h"

#include <QDateTime>

namespace hiscrm::store {

// Column lists and their readers stay side by side so they cannot drift apart.
#define HISCRM_ACCOUNT_COLS                                                                                  \
    "a.id, a.platform, a.platform_id, a.name, a.avatar, a.user_id, a.login_state, a.last_error, "            \
    "a.last_sync_at, a.rev"
#define HISCRM_USER_COLS                                                                                     \
    "u.id, u.platform, u.platform_id, u.name, u.avatar, u.signature, u.followers, u.following, "             \
    "u.videos, u.verified, u.rev"
#define HISCRM_CONTENT_COLS                                                                                  \
    "t.id, t.account_id, t.platform_id, t.title, t.url, t.cover, t.published_at, t.comment_count, "          \
    "t.unread_comments, t.last_comment_at, t.rev"
#define HISCRM_CONVERSATION_COLS                                                                             \
    "c.id, c.account_id, c.platform_id, c.peer_user_id, c.last_item_id, c.last_at, "                         \
    "c.last_preview, c.last_direction, c.read_upto, c.unread_count, c.marked_unread, c.pinned, "             \
    "c.archived, c.muted_until, c.rev"
#define HISCRM_ITEM_COLS                                                                                     \
    "i.id, i.kind, i.account_id, i.platform_id, i.thread_id, i.parent_id, i.sender_id, "                     \
    "i.direction, i.type, i.text, i.media, i.created_at, i.edited_at, i.recalled, i.delivery, "              \
    "i.error, i.client_ref, i.read, i.rev"

// "PRAGMA cache_size = ..." for Store::pageCacheKib(), run on each connection opened.
QByteArray pageCachePragma();

model::Account readAccount(const Statement &s, int c = 0);
model::User readUser(const Statement &s, int c = 0);
model::Content readContent(const Statement &s, int c = 0);
model::Conversation readConversation(const Statement &s, int c = 0); // without tags
model::Item readItem(const Statement &s, int c = 0);

// Filter tokens of an item for the facets column of items_fts.
QByteArray itemFacets(int kind, qint64 accountId, qint64 threadId, qint64 senderId);

// Item ids are created_at * 1024 + n; a millisecond whose 1024 slots are taken spills into the
// next ones, at most kMaxIdSpillMs on (Store::Impl::allocateItemId). Every id must stay exact in a
// JSON number (at most 2^53 - 1, JavaScript's largest safe integer), spills included, so the
// latest accepted time is a round date well below that: 2199-12-31T23:59:59.999Z. (The last
// millisecond whose every slot and spill stays below 2^53 would be 8796093021208, in 2248; a
// bound at the edge would leave replies, which are placed after a thread's last item, no room.)
constexpr int kIdSlotsPerMs = 1024;
constexpr int kMaxIdSpillMs = 1000;
constexpr qint64 kMaxItemId = (qint64(1) << 53) - 1;
constexpr qint64 kMaxTimestampMs = 7258118399999; // 2200-01-01T00:00:00Z minus 1 ms
static_assert((kMaxTimestampMs + kMaxIdSpillMs) * kIdSlotsPerMs - 1 <= kMaxItemId); // the last spill slot

// Longest strings a batch record may carry, in UTF-16 code units (docs/protocol.md, "Limits").
constexpr int kMaxIdChars = 256;   // every platform id
constexpr int kMaxNameChars = 256; // account and user names
constexpr int kMaxSignatureChars = 1024;
constexpr int kMaxTitleChars = 4096; // video titles (descriptions, with hashtags)
constexpr int kMaxUrlChars = 8192;   // avatar, url, cover, media (signed CDN links run long)
// kMaxTextChars (texts) is in Store.h: commands check it too.
constexpr int kMaxClientRefChars = 128; // a command id (a reply's client ref)

// A platform's id for a row, as a hash key. Qt 6.4 hashes a QString with its seeded AES hash, which
// costs about 150 ns per short id on the x86 machines measured (12 ns unseeded); with thousands of
// lookups per batch that was 5-9% of ingest CPU. This hash reads 4 UTF-16 units per step and mixes
// in QHash's per-process seed; collisions cost time, never correctness (equality decides).
struct PlatformKey
{
    qint64 scope = 0; // the account for per-account ids (contents, conversations), else 0
    QString id;

    friend bool operator==(const PlatformKey &a, const PlatformKey &b) noexcept
    {
        return a.scope == b.scope && a.id == b.id;
    }
};
size_t qHash(const PlatformKey &key, size_t seed) noexcept;

// Rows the writer has seen, so a batch that repeats profiles and threads does not look them up
// again. Valid only while no other connection wrote: see Store::Impl::cacheRev. Keyed by the
// platform's ids as they come (no key strings built per lookup).
struct WriteCache
{
    struct Platform
    {
        QHash<PlatformKey, model::User> users;       // by platform id
        QHash<PlatformKey, model::Account> accounts; // by platform id
    };

    QHash<QString, Platform> platforms;
    QHash<qint64, qint64> accountUsers;                          // account id -> its own user id
    QHash<PlatformKey, model::Content> contents;                 // by (account, platform id)
    QHash<PlatformKey, std::pair<qint64, qint64>> conversations; // (account, platform id) -> (id, peer)
    QSet<std::pair<qint64, qint64>> userAccounts;                // (user, account) in user_accounts

    qsizetype size() const
    {
        qsizetype n = contents.size() + conversations.size();
        for (const Platform &p : platforms)
            n += p.users.size() + p.accounts.size();
        return n;
    }
    void clear() { *this = WriteCache(); }
};

template <typename T> struct AsResult
{
    using type = Result<T>;
};
template <typename T> struct AsResult<Result<T>>
{
    using type = Result<T>;
};

struct Store::Impl
{
    Impl(const QString &path, Access access, int busyTimeoutMs);
    ~Impl();

    QString path;
    Access access;
    Database db;
    std::shared_ptr<FileHealth> health; // shared with every Store of the file in this process
    int damageListener = 0;
    std::unique_ptr<SearchIndexer> indexer;     // read-write stores: keeps search.items_fts current
    std::unique_ptr<Checkpointer> checkpointer; // declared after db and indexer: stops first
    bool searchAttached = false;                // the index database is attached as "search"
    bool searchVerified = false;                // ... and is this store's (read-only stores check)
    // The file has user_accounts (schema 8). Only tests open a file at an older schema (Options::
    // migrateTo); ingest there notes nothing, and the migration to 8 fills the table from the items.
    bool notesUserAccounts = true;
    // Profiles written (inserted or updated, so with a new revision) in the current write
    // transaction: noting them in a new account needs no second revision.
    QSet<qint64> writtenUsers;
    // A device scoped to some accounts is paired (read at the start of each write transaction).
    bool scopedDevices = false;
    qint64 rev = 0; // valid inside a write transaction, between loadRev() and saveRev()
    WriteCache cache;
    // The revision this connection committed last. When a write transaction starts at another
    // revision, someone else wrote in between and the cache may be stale.
    qint64 cacheRev = -1;
    // An upper bound of the items' ids, valid inside one write transaction (-1: not loaded yet).
    // New messages arrive in time order, so their id slot is almost always above it and free.
    qint64 maxItemId = -1;
    void beginWrite()
    {
        maxItemId = -1;
        writtenUsers.clear();
        loadRev();
        if (notesUserAccounts) {
            auto q = db.cached("SELECT 1 FROM devices WHERE accounts != '' AND revoked_at = 0 LIMIT 1");
            scopedDevices = q.next();
        }
        if (rev != cacheRev || cache.size() > 200000)
            cache.clear();
        // The (profile, account) pairs grow with every new fan: a bound of their own, so that they
        // never empty the rows' cache (which counting them there did, every batch beyond 200,000).
        if (cache.userAccounts.size() > 500000)
            cache.userAccounts.clear();
    }
    void endWrite() { cacheRev = rev; }
    void abandonWrite()
    {
        cache.clear();
        cacheRev = -1;
    }

    void loadRev()
    {
        auto q = db.cached("SELECT value FROM meta WHERE key = 'rev'");
        rev = q.next() ? q.int64(0) : 0;
    }
    qint64 nextRev() { return ++rev; }
    void saveRev() { db.cached("UPDATE meta SET value = ?1 WHERE key = 'rev'").bind(1, rev).run(); }
    // A deletion for the change feed; accountId: the account the row belonged to (0: a row of no
    // account, such as a tag), so that a device scoped to other accounts is not told of it.
    void tombstone(const char *entity, qint64 id, qint64 accountId = 0);
    // Notes that a user profile appears in an account (as a sender or a conversation's peer). The
    // first time it does, the profile takes a new revision: a device scoped to that account has not
    // been sent it yet.
    void noteUserInAccount(qint64 userId, qint64 accountId);
    qint64 allocateItemId(qint64 createdAtMs);

    // Shared by ingest and commands.
    std::optional<model::Item> loadItem(qint64 id);
    std::optional<model::Conversation> loadConversation(qint64 id);
    QList<qint64> tagsOf(qint64 conversationId);
    // Recomputes a conversation's last item and unread count from its items; bumps its revision.
    void refreshConversation(qint64 conversationId);
    // Recomputes a content's comment counters; bumps its revision.
    void refreshContent(qint64 contentId);
    void touchConversation(qint64 conversationId); // new revision, nothing else changed

    // Read-only connections, and every write once the file is found damaged, are refused; a write
    // before the start-up check has passed waits for it.
    Error checkWritable() const;
    // The Error for a caught SqlError. Damage of the store's file puts it into the refused state
    // (FileHealth); damage of the search index asks the indexer to rebuild it.
    Error fail(const SqlError &e);
    // Runs f, turning a SqlError into an Error a person can act on (fail()).
    template <typename F> auto guarded(F &&f) -> typename AsResult<decltype(f())>::type
    {
        try {
            return f();
        } catch (const SqlError &e) {
            return fail(e);
        }
    }
    void attachSearchIndex(); // a damaged index stays detached
    // Waits until the search index holds everything committed so far.
    Error awaitSearchIndex(int timeoutMs);
};

// The Error for a SqlError, without looking at what it means for the store (see Impl::fail).
Error toError(const SqlError &e);

QString previewOf(const model::Item &item);

} // namespace hiscrm::store
