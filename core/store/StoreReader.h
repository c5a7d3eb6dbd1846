// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>

// The read side of the store: what a reader of the history may ask, and nothing that writes.
// Store implements it; the desktop's UI holds a `const StoreReader *`, so the compiler refuses
// any ingest or command from there (every change goes through the master as a command). The
// value types of the queries live here too, so a reader needs no more than this header.
//
// Like Store, a StoreReader belongs to the thread that opened it: one connection, one thread.

#include "common/Error.h"
#include "model/Model.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <limits>
#include <optional>

namespace hiscrm::store {

enum class ArchivedFilter
{
    Exclude,
    Only,
    Any
};

struct ConversationFilter
{
    QList<qint64> accountIds; // empty: all accounts
    QString platform;         // empty: all platforms
    bool unreadOnly = false;
    bool pinnedOnly = false;
    ArchivedFilter archived = ArchivedFilter::Exclude;
    bool mutedOnly = false;
    bool awaitingReplyOnly = false; // the last message is inbound
    qint64 tagId = 0;               // 0: any
    qint64 peerUserId = 0;          // 0: any
    qint64 nowMs = 0;               // for muted; 0 = current time
};

// Keyset cursor of the conversation list: (pinned, last activity, id) of the last row seen.
struct ConversationCursor
{
    bool pinned = true;
    qint64 lastAt = std::numeric_limits<qint64>::max();
    qint64 id = std::numeric_limits<qint64>::max();

    QString toString() const;
    static std::optional<ConversationCursor> fromString(const QString &s);
};

struct ConversationPage
{
    QList<model::Conversation> conversations;
    std::optional<ConversationCursor> next; // absent: no more rows
};

// A page of a thread (a conversation's messages or a content's comments), oldest first.
struct ItemPage
{
    QList<model::Item> items;
    bool hasOlder = false;
    bool hasNewer = false;
};

struct UnreadSummary
{
    qint64 total = 0;                      // badges of all conversations + unread comments
    qint64 totalUnmuted = 0;               // the same without muted conversations (for the tray)
    qint64 comments = 0;                   // unread comments
    QHash<qint64, qint64> perAccount;      // account id -> unread (DM badges + comments)
    QHash<qint64, qint64> perConversation; // conversation id -> badge, only non-zero
};

// Badges of the inbox's views. Muted chats are never counted; a chat counts once per view.
struct ViewCounts
{
    qint64 unreadChats = 0;              // not archived, unread (or marked unread)
    qint64 awaitingReply = 0;            // not archived, the last message is inbound
    qint64 pinnedUnread = 0;             // pinned, not archived, unread
    qint64 archivedUnread = 0;           // archived, unread
    qint64 unreadComments = 0;           // comments not read yet
    QHash<qint64, qint64> tagUnread;     // tag id -> unread chats (not archived) with that tag
    QHash<qint64, qint64> accountUnread; // account id -> unread chats (not archived) + unread comments
};

// A reply the platform refused, as the inbox marks it on its chat or video.
struct FailedReply
{
    model::ItemKind kind = model::ItemKind::Message;
    qint64 threadId = 0; // conversation or content
    qint64 itemId = 0;
    QString error;
};

enum class SearchOrder
{
    Newest,
    Relevance
};

struct SearchQuery
{
    QString text;
    QList<qint64> accountIds;
    QString platform;
    qint64 conversationId = 0;
    qint64 contentId = 0;
    qint64 senderId = 0;
    std::optional<model::ItemKind> kind;
    std::optional<model::Direction> direction;
    qint64 fromMs = 0; // created_at >= fromMs (0: no bound)
    qint64 toMs = 0;   // created_at < toMs (0: no bound)
    qint64 tagId = 0;
    bool unreadOnly = false;
    SearchOrder order = SearchOrder::Newest;
    int limit = 50;
    QString cursor; // from SearchPage::next
    int snippetChars = 64;
};

// Conversations found by the name of the person on the other side (FTS over profile names), for
// finding a chat by whom it is with rather than by its words. Every filter narrows; unset ones
// don't.
struct PeerNameQuery
{
    QString text;
    QList<qint64> accountIds; // empty: every account
    qint64 tagId = 0;         // only conversations with this tag
    bool unreadOnly = false;  // only conversations with unread messages or marked unread
    qint64 fromMs = 0;        // last activity at or after (0: no bound)
    qint64 toMs = 0;          // last activity before (0: no bound)
    int limit = 50;           // 1..500
};

struct SearchHit
{
    model::Item item;
    QString snippet;  // hits wrapped in search::kHighlightOpen / kHighlightClose
    double score = 0; // relevance order only: lower is better
};

struct SearchPage
{
    QList<SearchHit> hits;
    QString next; // empty: no more results
};

struct Change
{
    qint64 rev = 0;
    QString entity; // account, user, content, conversation, item, tag
    qint64 id = 0;
    bool deleted = false;
    QJsonObject data; // the row as it is now (absent for deletions)
    // Deletions only: the account the row belonged to; 0 for a row of no account (a tag), -1 when
    // unknown (deleted before the store kept it).
    qint64 accountId = 0;
    // changesFor() gives the row as JSON text here instead (the same object as data would be):
    // its callers send it on, and building a QJsonObject per row cost more than the reading.
    QByteArray dataJson;
};

// What a paired device may see and act on: the rows of these accounts (every account when the list
// is empty). Profiles are seen where they appear (a sender, a conversation's peer, an account's own
// profile); tag definitions are the team's and seen everywhere.
struct AccountScope
{
    QList<qint64> accounts; // sorted, no duplicates; empty: all

    bool all() const { return accounts.isEmpty(); }
    bool contains(qint64 accountId) const
    {
        return all() || std::binary_search(accounts.cbegin(), accounts.cend(), accountId);
    }
    friend bool operator==(const AccountScope &a, const AccountScope &b) { return a.accounts == b.accounts; }
};

struct ChangePage
{
    QList<Change> changes;
    qint64 next = 0; // the cursor to pass next time
    bool hasMore = false;
};

// Whose a change is: the accounts it belongs to (a row of one account; a profile, of each account it
// was seen in), or everyone's (a tag), or only for devices that see every account (a deletion whose
// account is unknown).
struct ChangeAccounts
{
    enum class Kind
    {
        Accounts,
        Everyone,
        AllAccountsOnly
    };
    Kind kind = Kind::Accounts;
    QList<qint64> accounts;

    bool visibleTo(const AccountScope &scope) const
    {
        if (scope.all() || kind == Kind::Everyone)
            return true;
        if (kind == Kind::AllAccountsOnly)
            return false;
        return std::any_of(accounts.cbegin(), accounts.cend(), [&](qint64 a) { return scope.contains(a); });
    }
};

// A page of the change feed with whose each change is (StoreReader::changesFor).
struct OwnedChangePage
{
    QList<Change> changes;
    QList<ChangeAccounts> owners; // one per change
    qint64 next = 0;              // the cursor to pass next time
    bool hasMore = false;
};

// A command a paired desktop's operator gave, in its replica's outbox until the team master has
// answered it (Store::queueCommand). While it waits, the window shows its effect.
struct OutboxEntry
{
    enum class State
    {
        Waiting = 0,  // not sent yet, or sent and not answered (sent again after a reconnect)
        Answered = 1, // done by the master; kept until the replica has the master's rows up to doneRev
        Refused = 2   // the master refused it (error): no effect; kept until the operator dismisses it
    };
    qint64 seq = 0; // the order the operator gave them in, and the order they are sent in
    QString commandId;
    QString op;
    QJsonObject args;
    qint64 conversationId = 0; // the conversation it acts on; 0 for none
    qint64 createdAt = 0;      // ms since 1970
    State state = State::Waiting;
    qint64 doneRev = 0; // Answered: the master's revision that has its effect
    QString error;      // Refused: the master's reason
};

class StoreReader
{
public:
    // The revision of the last commit (the change feed's cursor).
    virtual Result<qint64> revision() const = 0;

    // ---- queries ------------------------------------------------------------------------------
    virtual Result<QList<model::Account>> accounts() const = 0;
    virtual Result<std::optional<model::Account>> account(qint64 id) const = 0;
    virtual Result<std::optional<model::User>> user(qint64 id) const = 0;
    // In the order asked, missing skipped.
    virtual Result<QList<model::User>> users(const QList<qint64> &ids) const = 0;
    virtual Result<std::optional<model::Conversation>> conversation(qint64 id) const = 0;
    virtual Result<ConversationPage>
    conversations(const ConversationFilter &filter, int limit = 50,
                  const std::optional<ConversationCursor> &after = {}) const = 0;
    // Conversations whose peer's name matches, latest activity first (see PeerNameQuery).
    virtual Result<QList<model::Conversation>> conversationsByPeerName(const PeerNameQuery &query) const = 0;
    virtual Result<std::optional<model::Item>> item(qint64 id) const = 0;
    // Newest page (beforeId = 0), or the page before beforeId, oldest first.
    virtual Result<ItemPage> thread(model::ItemKind kind, qint64 threadId, int limit = 50,
                                    qint64 beforeId = 0) const = 0;
    // The page after afterId (towards the newest), oldest first.
    virtual Result<ItemPage> threadAfter(model::ItemKind kind, qint64 threadId, qint64 afterId,
                                         int limit = 50) const = 0;
    // A page centred on an item (for jump-to from search).
    virtual Result<ItemPage> threadAround(qint64 itemId, int limit = 50) const = 0;
    virtual Result<QList<model::ItemHistory>> history(qint64 itemId) const = 0;
    // Contents with comments, latest comment first ("comment threads grouped by content").
    virtual Result<QList<model::Content>> contents(qint64 accountId = 0, bool unreadOnly = false,
                                                   int limit = 50, qint64 beforeLastCommentAt = 0) const = 0;
    virtual Result<std::optional<model::Content>> content(qint64 id) const = 0;
    virtual Result<UnreadSummary> unreadSummary(qint64 nowMs = 0) const = 0;
    virtual Result<ViewCounts> viewCounts(qint64 nowMs = 0) const = 0;
    // When the fan's unanswered messages began: created_at of the first inbound message after the
    // last outgoing one (looking back at most 200 messages); 0 when the last message is outgoing.
    virtual Result<qint64> awaitingSince(qint64 conversationId) const = 0;
    // Replies whose delivery failed and that were not retried, newest first (at most limit).
    virtual Result<QList<FailedReply>> failedReplies(int limit = 1000) const = 0;
    virtual Result<QList<model::Tag>> tags() const = 0;
    // Rows per table, for status reports.
    virtual Result<QJsonObject> counts() const = 0;

    // ---- search -------------------------------------------------------------------------------
    // Finds everything committed before the call: it first waits (up to 15 s) for the search index,
    // which a thread of its own keeps (store/SearchIndexer.h). Names are not resolved here; the
    // search service (store/SearchService.h) adds them.
    virtual Result<SearchPage> search(const SearchQuery &query) const = 0;

    // ---- change feed --------------------------------------------------------------------------
    virtual Result<ChangePage> changes(qint64 since, int limit = 1000) const = 0;
    // Those of these changes (a page of changes()) that a device of this scope may see, in order.
    virtual Result<QList<Change>> visibleChanges(const QList<Change> &changes,
                                                 const AccountScope &scope) const = 0;
    // The accounts each change belongs to (ChangeAccounts), read once for any number of scopes.
    virtual Result<QList<ChangeAccounts>> accountsOfChanges(const QList<Change> &changes) const = 0;
    // The page of the feed after `since` that changes() would read (the same `next` and `hasMore`),
    // keeping only the changes `wanted` accepts (all when it is empty), with whose each one is. The
    // rows of the others are never read: for a device that sees one account of a hundred, that is
    // almost all of a page's cost.
    virtual Result<OwnedChangePage>
    changesFor(qint64 since, int limit, const std::function<bool(const ChangeAccounts &)> &wanted) const = 0;
    // The accounts (among all) a user profile appears in; empty for an unknown user.
    virtual Result<QList<qint64>> accountsOfUser(qint64 userId) const = 0;

    // A paired desktop's replica: the outbox, in order (empty in a master's store).
    virtual Result<QList<OutboxEntry>> outbox() const = 0;

protected:
    StoreReader() = default;
    // Readers do not own what they read: nobody deletes a Store through this interface.
    ~StoreReader() = default;
    Q_DISABLE_COPY_MOVE(StoreReader)
};

} // namespace hiscrm::store
