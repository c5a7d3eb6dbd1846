// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// store/: the message history on SQLite: schema and migrations, idempotent ingest of worker
// batches, operator commands, list/thread/profile queries, full-text search and the change feed.
// Depends on model/, search/ and common/; never on Qt Widgets or the network.
//
// Store implements StoreReader (store/StoreReader.h), the read side that the UI holds; the rest of
// Store (ingest, commands, the journal) is for the master.
//
// A Store owns one SQLite connection and belongs to the thread that uses it (one connection per
// thread; open one Store per thread). Writers take BEGIN IMMEDIATE; readers see WAL snapshots, so a
// reader never waits for the writer.
//
// Every write to a synced row takes a new revision from one counter (the change feed's cursor);
// deletions leave tombstones. Unread counts are derived and updated in the same transaction.

#include "common/Error.h"
#include "model/Model.h"
#include "store/Devices.h"
#include "store/StoreReader.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace hiscrm::store {

// Longest texts the store keeps, in UTF-16 code units (docs/protocol.md, "Limits").
inline constexpr int kMaxTextChars = 64 * 1024; // a message's or comment's text, a reply's
inline constexpr int kMaxTagNameChars = 40;

struct IngestResult
{
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    qint64 revision = 0; // the store's revision after the batch
    // What the batch touched, for change announcements.
    QList<qint64> accountIds;
    QList<qint64> conversationIds;
    QList<qint64> contentIds;
};

// What setAccountsStatus changed: the revision after its commit and the accounts whose state changed.
struct AccountStatusResult
{
    qint64 revision = 0;
    QList<qint64> accountIds;
};

// Where a command is journaled: its command id and op. A journaled command looks the id up in
// the journal (table command_log) inside its own write transaction: when it is there, the command
// returns the recorded result (repeated = true) and changes nothing; when not, the command takes
// effect and its result is recorded in the same commit. An empty id journals nothing.
struct Journal
{
    QString commandId;
    QString op;
};

// A command's effect: the revision after it and what it touched.
struct CommandResult
{
    qint64 revision = 0;
    bool changed = false;  // false: the state already was what the command asked for
    qint64 itemId = 0;     // for commands that create or address an item
    qint64 tagId = 0;      // for createTag
    bool repeated = false; // the command id was already journaled: this is the recorded result
    QList<qint64> conversationIds;
    QList<qint64> contentIds;

    QJsonObject toJson() const;
    static CommandResult fromJson(const QJsonObject &o);
};

class Store final : public StoreReader
{
    Q_DECLARE_TR_FUNCTIONS(Store)

public:
    enum class Access
    {
        ReadWrite,
        ReadOnly
    };
    enum class Durability
    {
        Full,  // master: an acknowledged batch survives power loss
        Normal // replica or cache: may lose the last commits on power loss, never corrupts
    };
    struct Options
    {
        Access access = Access::ReadWrite;
        Durability durability = Durability::Full;
        int busyTimeoutMs = 10000;
        int migrateTo = -1; // tests: stop migrating at this schema version
        // ReadWrite on an existing file: how long open() waits for the file's integrity check
        // (PRAGMA quick_check, about 0.4 s at 1M messages). -1: until it is done, so a damaged
        // file is refused here. Otherwise the check goes on in the background after that many
        // ms; the first write waits for it, and damage found then refuses that write and every
        // later one (damage(), setDamageListener()).
        int integrityWaitMs = -1;
    };

    static Result<std::unique_ptr<Store>> open(const QString &path, const Options &options);
    static Result<std::unique_ptr<Store>> open(const QString &path) { return open(path, Options()); }
    // A read-only Store for a thread that only reads a file another Store writes (searches, the
    // master's paired-device server, its pushes).
    static Result<std::unique_ptr<Store>> openReader(const QString &path);
    ~Store();
    Q_DISABLE_COPY_MOVE(Store)

    static int latestSchemaVersion();
    // The page cache of each SQLite connection that stores, their readers and their search
    // indexers open from then on, in KiB: at most this much of the file's pages is kept in memory
    // per connection (it fills as pages are read). Default kDefaultPageCacheKib; a process that
    // must stay small lowers it before it opens anything (hiscrm-master --cache-mb).
    static constexpr int kDefaultPageCacheKib = 16000;
    static void setPageCacheKib(int kib);
    static int pageCacheKib();
    // How far below the writer's priority the search indexers of read-write stores opened from then
    // on run (nice steps on Linux, Qt's LowPriority elsewhere; 0, the default: the same). A team
    // server (hiscrm-master) lowers it, so that a flood's commits take the cores first; the index
    // catches up after, and a search waits for it as always.
    static void setIndexerNice(int steps);
    static int indexerNice();
    // The bytes this store's own connection holds in its page cache now.
    qint64 pageCacheBytes() const;
    int schemaVersion();
    QString path() const;

    // ---- damage -------------------------------------------------------------------------------
    // Once the file is found damaged (by the start-up check, or SQLITE_CORRUPT / SQLITE_NOTADB
    // from any statement of any Store of it in this process), every write returns this error
    // (ErrorCode::Corrupt) without touching the file; reads go on while they can. None while
    // the file is not known to be damaged. The search index's own damage is not the store's: it
    // is rebuilt.
    Error damage() const;
    // Called once, in whichever thread found the damage; it must not call into any Store (post
    // to your own thread instead). Replaces the previous listener; empty removes it.
    void setDamageListener(std::function<void(const Error &)> listener);
    Result<qint64> revision() const override;
    // PRAGMA integrity_check and the FTS index check; "ok" when healthy.
    Result<QString> integrityCheck();

    // ---- ingest -------------------------------------------------------------------------------
    // Upserts a worker batch in one transaction. Re-sending a batch changes nothing. Invalid input
    // (missing ids, bad timestamps, oversized text) rejects the whole batch and changes nothing.
    Result<IngestResult> ingest(const model::Batch &batch);
    // Several batches in one transaction (group commit: one fsync for all), each as ingest would
    // take it alone, in order: its own result and revision, or its own error. An invalid batch is
    // refused alone; if the commit fails, every batch that was not refused gets that error and
    // none is applied. Answers as many results as batches, in their order.
    std::vector<Result<IngestResult>> ingestAll(const QList<const model::Batch *> &batches);
    static Error validate(const model::Batch &batch);

    // ---- commands ----------------------------------------------------------------------------
    // Each takes the Journal of the operator's command that asks for it (see Journal); callers
    // that are no operator's command (tests, the master's own bookkeeping) leave it empty.
    Result<CommandResult> markRead(qint64 conversationId, qint64 upToItemId = 0, // 0: up to the last
                                   const Journal &journal = {});
    Result<CommandResult> markUnread(qint64 conversationId, const Journal &journal = {});
    Result<CommandResult> markCommentsRead(qint64 contentId, const QList<qint64> &commentIds = {},
                                           const Journal &journal = {});
    Result<CommandResult> markCommentsUnread(const QList<qint64> &commentIds, const Journal &journal = {});
    Result<CommandResult> setPinned(qint64 conversationId, bool pinned, const Journal &journal = {});
    Result<CommandResult> setArchived(qint64 conversationId, bool archived, const Journal &journal = {});
    Result<CommandResult> setMutedUntil(qint64 conversationId, qint64 untilMs, // 0 unmutes
                                        const Journal &journal = {});
    Result<CommandResult> createTag(const QString &name, const QString &color, const Journal &journal = {});
    Result<CommandResult> updateTag(qint64 tagId, const QString &name, const QString &color,
                                    const Journal &journal = {});
    Result<CommandResult> deleteTag(qint64 tagId, const Journal &journal = {});
    Result<CommandResult> tagConversation(qint64 conversationId, qint64 tagId, const Journal &journal = {});
    Result<CommandResult> untagConversation(qint64 conversationId, qint64 tagId, const Journal &journal = {});
    // An outgoing reply, pending until setReplyResult. kind Message: threadId is the conversation;
    // kind Comment: threadId is the content and parentId the comment answered (0: top level).
    // clientRef (the command id) makes it idempotent: the same clientRef returns the same item.
    Result<CommandResult> recordReply(model::ItemKind kind, qint64 threadId, qint64 parentId,
                                      const QString &text, const QString &clientRef, qint64 createdAtMs = 0,
                                      const Journal &journal = {});
    Result<CommandResult> setReplyResult(qint64 itemId, model::Delivery delivery, const QString &platformId,
                                         const QString &error, const Journal &journal = {});
    Result<CommandResult> recallItem(qint64 itemId, const Journal &journal = {});
    Result<CommandResult> deleteItem(qint64 itemId, const Journal &journal = {});
    Result<CommandResult> setAccountStatus(qint64 accountId, model::LoginState state, const QString &error,
                                           qint64 lastSyncAt);
    // Sets the login state of those of these accounts (platform ids on `platform`) that exist, all in
    // one transaction. Accounts the store does not hold are skipped, never created: a worker naming
    // an account is no evidence that it exists, and one commit per account would stall the writer.
    Result<AccountStatusResult> setAccountsStatus(const QString &platform, const QStringList &platformIds,
                                                  model::LoginState state, const QString &error);

    // Forgets journal entries older than this (ms since epoch).
    Result<int> pruneCommandLog(qint64 olderThanMs);

    // ---- queries (the StoreReader side; documented there) ----------------------------------------
    Result<QList<model::Account>> accounts() const override;
    Result<std::optional<model::Account>> account(qint64 id) const override;
    Result<std::optional<model::User>> user(qint64 id) const override;
    Result<QList<model::User>> users(const QList<qint64> &ids) const override;
    Result<std::optional<model::Conversation>> conversation(qint64 id) const override;
    Result<ConversationPage>
    conversations(const ConversationFilter &filter, int limit = 50,
                  const std::optional<ConversationCursor> &after = {}) const override;
    Result<QList<model::Conversation>> conversationsByPeerName(const PeerNameQuery &query) const override;
    Result<std::optional<model::Item>> item(qint64 id) const override;
    Result<ItemPage> thread(model::ItemKind kind, qint64 threadId, int limit = 50,
                            qint64 beforeId = 0) const override;
    Result<ItemPage> threadAfter(model::ItemKind kind, qint64 threadId, qint64 afterId,
                                 int limit = 50) const override;
    Result<ItemPage> threadAround(qint64 itemId, int limit = 50) const override;
    Result<QList<model::ItemHistory>> history(qint64 itemId) const override;
    Result<QList<model::Content>> contents(qint64 accountId = 0, bool unreadOnly = false, int limit = 50,
                                           qint64 beforeLastCommentAt = 0) const override;
    Result<std::optional<model::Content>> content(qint64 id) const override;
    Result<UnreadSummary> unreadSummary(qint64 nowMs = 0) const override;
    Result<ViewCounts> viewCounts(qint64 nowMs = 0) const override;
    Result<qint64> awaitingSince(qint64 conversationId) const override;
    Result<QList<FailedReply>> failedReplies(int limit = 1000) const override;
    Result<QList<OutboxEntry>> outbox() const override;
    Result<QList<model::Tag>> tags() const override;
    Result<QJsonObject> counts() const override;

    // ---- queries of the master and of ingest ----------------------------------------------------
    Result<std::optional<model::Account>> accountByPlatformId(const QString &platform,
                                                              const QString &platformId);
    Result<std::optional<model::User>> userByPlatformId(const QString &platform, const QString &platformId);
    Result<std::optional<model::Conversation>> conversationByPlatformId(qint64 accountId,
                                                                        const QString &platformId);
    Result<std::optional<model::Item>> itemByPlatformId(qint64 accountId, model::ItemKind kind,
                                                        const QString &platformId);
    // Outgoing replies still pending, oldest first (for the connector that serves the account).
    Result<QList<model::Item>> pendingReplies(qint64 accountId);

    // ---- search -------------------------------------------------------------------------------
    Result<SearchPage> search(const SearchQuery &query) const override;
    // Waits until the search index holds everything committed so far; an Io error after timeoutMs.
    Error waitForSearchIndex(int timeoutMs = 60000);
    // Thread-safe: aborts a search running on this store's connection from another thread.
    void interrupt();
    // Tests only: called in the searching thread for every row the index query yields, while that
    // query runs, so a test can hold a search exactly where interrupt() aborts it (the search
    // service cancels superseded searches so). Null by default: one relaxed load per row.
    using SearchRowHook = void (*)(const SearchQuery &query);
    static void setSearchRowHookForTesting(SearchRowHook hook);

    // ---- paired devices (store/Devices.h) ----------------------------------------------------------
    // A one-time pairing code for a new device (only its digest is stored). NotFound: an account of
    // the scope does not exist.
    Result<Pairing> createPairing(const PairingRequest &request, qint64 nowMs);
    // Exchanges a code for a device and its token, once. NotFound: no such code; Conflict: used or
    // expired (the message says which, and so does *refusal when given).
    Result<PairedDevice> redeemPairing(const QString &code, qint64 nowMs, PairingRefusal *refusal = nullptr);
    // The device holding this token, revoked or not (callers check revokedAt).
    Result<std::optional<Device>> deviceByToken(const QString &token) const;
    Result<std::optional<Device>> device(qint64 id) const;
    Result<QList<Device>> devices() const;
    Result<Device> revokeDevice(qint64 id, qint64 nowMs); // revoking twice keeps the first time
    Result<Device> renameDevice(qint64 id, const QString &name);
    // Last seen times (device id -> ms), all in one transaction.
    Error touchDevices(const QHash<qint64, qint64> &lastSeen);
    // Grows with every change to a device (pairing, revocation, renaming), by any process.
    Result<qint64> devicesVersion() const;
    // The store's identity (random, made with the file): a replica of another store is not of this.
    Result<qint64> storeId() const;
    // What the running master tells the admin commands (its client URL, its certificate's
    // fingerprint); empty when unset.
    Result<QString> serverSetting(const QString &key) const;
    Error setServerSetting(const QString &key, const QString &value);

    // ---- backup -------------------------------------------------------------------------------
    // Copies the database, consistent as of one commit, to a new file at `destination` while
    // writers go on (store/StoreBackup.cpp); returns the revision the copy holds. The search index
    // is not copied: a store opened on the copy rebuilds it. Refuses an existing destination.
    Result<qint64> backupTo(const QString &destination);

    // ---- change feed --------------------------------------------------------------------------
    Result<ChangePage> changes(qint64 since, int limit = 1000) const override;
    Result<QList<Change>> visibleChanges(const QList<Change> &changes,
                                         const AccountScope &scope) const override;
    Result<QList<qint64>> accountsOfUser(qint64 userId) const override;
    Result<QList<ChangeAccounts>> accountsOfChanges(const QList<Change> &changes) const override;
    Result<OwnedChangePage>
    changesFor(qint64 since, int limit,
               const std::function<bool(const ChangeAccounts &)> &wanted) const override;
    // Every live row of an entity in the change feed's form (for checks and full exports).
    Result<QList<QJsonObject>> exportEntity(const QString &entity);

    // ---- replica (team mode: a desktop's copy of what its device may see) -----------------------
    // store/StoreReplica.cpp. A replica is a store with the same schema whose rows are the master's
    // rows (same ids, the master's revisions), written only by applyChanges(). Its revision() is
    // the sync cursor: the master revision it has applied up to.
    struct ReplicaState
    {
        qint64 cursor = 0;        // revision()
        qint64 masterStoreId = 0; // the master's store id it follows; 0: none yet
    };
    Result<ReplicaState> replicaState() const;
    // Applies changes of the master's feed (those at or below the cursor again are skipped: pages
    // and pushes may overlap it) and moves the cursor to `next`, in one transaction: a crash keeps
    // both or neither. A row that does not read (model::fromJson) or a cursor going back refuses
    // the whole call (ErrorCode::InvalidArgument) and changes nothing. Returns what changed, for
    // the window to refresh.
    struct Applied
    {
        qint64 cursor = 0;
        QList<qint64> conversationIds; // conversations changed, or whose messages did
        QList<qint64> contentIds;      // contents changed, or whose comments did
        QList<qint64> accountIds;
        bool others = false; // profiles or tags
    };
    Result<Applied> applyChanges(const QList<Change> &changes, qint64 next, qint64 masterStoreId);

    // ---- outbox (a replica's commands on their way to the master; store/StoreReplica.cpp) ------
    // The ops a desktop may give while offline: the marks, pin, archive, mute, tags on a
    // conversation, and replies. The others (creating, renaming or deleting tags, recall, delete,
    // retry) need the master's answer and are sent only when connected.
    static bool isQueueable(QStringView op);
    // Keeps the command (the same command id again: nothing new) and shows its effect in the
    // replica at once: the conversation's own row is kept aside as the master sent it, and the
    // command's effect is shown over it until the master answers. A reply shows as a pending item
    // (revision 0, never indexed) that the master's own item replaces. `mark_read` without `up_to`
    // gets the conversation's last message as it is now: what the operator saw is what gets read.
    // An op that is not queueable, or args that do not name a row of the replica, are refused
    // (ErrorCode::InvalidArgument / NotFound) and nothing is kept.
    Result<Applied> queueCommand(const QString &commandId, const QString &op, const QJsonObject &args,
                                 qint64 nowMs);
    // The master did the command: at `revision` (its answer). Once the replica's cursor reaches it,
    // the command leaves the outbox and the master's rows are what the window shows.
    Result<Applied> commandDone(const QString &commandId, qint64 revision);
    // The master refused the command: its effect goes at once (the master's version of the rows
    // comes back) and, when `keep`, the entry stays, Refused with the reason, until
    // dismissRefused() (otherwise the operator was told and it goes).
    Result<Applied> commandRefused(const QString &commandId, const QString &reason, bool keep = true);
    Result<int> dismissRefused();
    // A rebuilt replica takes back the outbox of the one it replaces: the commands still to be
    // done, waiting again (the master answers a command it has already done with its first result),
    // and the refused ones. Their effects show again as the master's rows come back and it answers.
    Error restoreOutbox(const QList<OutboxEntry> &entries);

    struct Impl;

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace hiscrm::store
