// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one search of the history, for every reader: the desktop's search panel and the master's
// `search` command run the same code, so they find the same hits with the same names.
//
// A search is StoreReader::search plus the names a result shows beside its snippet (who wrote it,
// the conversation's peer or the video's title, the account), read in a few queries per page on
// the connection that searched (SearchService::run).
//
// A SearchService object runs searches off its owner's thread, for search as you type: a pool of
// its own threads (two by default), each with its own read-only Store on the database file, opened
// at its first search and kept until the service is destroyed. Searches belong to generations:
// supersede() begins a new one and cancels every search of an older one. A cancelled search that
// has not started never runs; one that is running is interrupted through the connection running
// it (Store::interrupt, only while that connection runs that search), so it stops at its next row;
// and its outcome is never delivered, neither results nor an error.

#include "common/Error.h"
#include "store/StoreReader.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace hiscrm::store {

// One search hit with the names a result row shows; an empty name is unknown.
struct NamedHit
{
    model::Item item;
    QString snippet; // with search::kHighlightOpen / kHighlightClose markers
    double score = 0;
    QString senderName;        // the sender's profile; for a reply from here, the account's name
    QString conversationTitle; // the peer (message) or the video's title (comment)
    QString accountName;
};

// A conversation whose peer's name matches the search text, with the names its row shows.
struct NamedChat
{
    model::Conversation conversation;
    QString peerName;
    QString accountName;
};

struct NamedSearchPage
{
    QList<NamedHit> hits;
    QString next;           // empty: no more results
    QList<NamedChat> chats; // only when asked for, on the first page (see SearchService::run)
};

class SearchService final : public QObject
{
    Q_OBJECT

public:
    // Searches `databasePath` on `threads` threads of its own. Lives in the thread that creates it,
    // which is where outcomes are delivered.
    explicit SearchService(QString databasePath, int threads = 2, QObject *parent = nullptr);
    // Cancels every search, waits for the running ones to stop, and closes the threads' stores.
    ~SearchService() override;
    Q_DISABLE_COPY_MOVE(SearchService)

    // The search and its names, on `reader`, in the calling thread. Every search of the pool runs
    // this on its thread's store; the master runs it on its own store for the `search` command.
    //
    // With chatLimit > 0, the first page (no cursor) also lists up to that many conversations
    // whose peer's name matches the text, under the query's account, tag, unread and date filters
    // (the date bounds their latest activity). A query that can only find comments, or is narrowed
    // to one conversation, video, sender, platform or direction, lists none.
    static Result<NamedSearchPage> run(const StoreReader &reader, const SearchQuery &query,
                                       int chatLimit = 0);

    // Begins a new generation and cancels every search of the older ones. Returns the generation
    // search() now runs under.
    quint64 supersede();
    quint64 generation() const;

    using Done = std::function<void(const Result<NamedSearchPage> &)>;
    // Runs `query` on a pool thread under the current generation; `done` gets its outcome in this
    // object's thread, unless the generation was superseded meanwhile (then never).
    void search(const SearchQuery &query, Done done, int chatLimit = 0);

    // What became of the searches handed to the pool so far.
    struct Stats
    {
        quint64 delivered = 0;   // their outcome (results or an error) went to `done`
        quint64 skipped = 0;     // superseded before they started: no SQL ran
        quint64 interrupted = 0; // superseded while running, and stopped by the interrupt
        quint64 dropped = 0;     // superseded, but ran to their end: the outcome was thrown away
    };
    Stats stats() const;
    // Waits until no search runs or waits to run (tests). Outcomes still queued for delivery
    // arrive when this thread's event loop runs.
    void waitForIdle();

    struct State;

private:
    void deliver(quint64 generation, const Result<NamedSearchPage> &outcome, const Done &done);

    QString m_path;
    std::shared_ptr<State> m_state;
    // Last member: its threads, and with them their stores, end before the state they use.
    QThreadPool m_pool;
};

} // namespace hiscrm::store
