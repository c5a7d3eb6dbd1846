// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SearchService.h"

#include "store/Store.h"

#include <QHash>
#include <QSet>

#include <atomic>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace hiscrm::store {

// What the service shares with the searches it hands to its pool. Each pool thread searches on a
// store of its own, so a newer generation can only stop an older search through that store's
// interrupt(): a search registers its store while it runs, and supersede() interrupts the
// registered stores of older generations. Registering, unregistering and interrupting all hold
// the mutex, and a search closes its store only after unregistering, so a store is never closed
// while it is interrupted, and never interrupted while it runs another generation's search.
struct SearchService::State
{
    std::atomic<quint64> latest{0}; // the newest generation
    std::mutex mutex;
    std::vector<std::pair<Store *, quint64>> running; // guarded by mutex

    std::atomic<quint64> delivered{0};
    std::atomic<quint64> skipped{0};
    std::atomic<quint64> interrupted{0};
    std::atomic<quint64> dropped{0};

    bool superseded(quint64 generation) const { return latest.load() != generation; }

    quint64 supersede()
    {
        const std::lock_guard lock(mutex);
        const quint64 generation = latest.load() + 1;
        latest.store(generation);
        for (const auto &[store, g] : running) {
            if (g != generation)
                store->interrupt();
        }
        return generation;
    }

    // Registers a running search for its scope.
    class Registration
    {
    public:
        Registration(State &state, Store *store, quint64 generation)
            : m_state(state)
            , m_store(store)
        {
            const std::lock_guard lock(m_state.mutex);
            m_state.running.emplace_back(store, generation);
        }
        ~Registration()
        {
            const std::lock_guard lock(m_state.mutex);
            std::erase_if(m_state.running, [this](const auto &r) { return r.first == m_store; });
        }
        Q_DISABLE_COPY_MOVE(Registration)

    private:
        State &m_state;
        Store *m_store;
    };
};

namespace {

// SQLite connections belong to one thread: every pool thread keeps its own read-only store, opened
// at its first search and closed when the thread ends (with the pool, see ~SearchService).
thread_local std::unique_ptr<Store> t_store;
thread_local QString t_storePath;

Result<Store *> threadStore(const QString &path)
{
    if (t_store && t_storePath == path)
        return t_store.get();
    t_store.reset();
    auto opened = Store::openReader(path);
    if (!opened)
        return opened.error();
    t_store = std::move(opened.value());
    t_storePath = path;
    return t_store.get();
}

Result<QHash<qint64, QString>> accountNames(const StoreReader &s)
{
    auto accounts = s.accounts();
    if (!accounts)
        return accounts.error();
    QHash<qint64, QString> names;
    for (const model::Account &a : std::as_const(accounts.value()))
        names.insert(a.id, a.name.isEmpty() ? a.platformId : a.name);
    return names;
}

Result<QHash<qint64, QString>> userNames(const StoreReader &s, const QList<qint64> &ids)
{
    auto users = s.users(ids);
    if (!users)
        return users.error();
    QHash<qint64, QString> names;
    for (const model::User &u : std::as_const(users.value()))
        names.insert(u.id, u.name.isEmpty() ? u.platformId : u.name);
    return names;
}

// The names the rows show, in a few queries per page rather than one per row.
Error resolveNames(const StoreReader &s, QList<NamedHit> &hits)
{
    if (hits.isEmpty())
        return {};
    auto accounts = accountNames(s);
    if (!accounts)
        return accounts.error();
    QHash<qint64, qint64> peerOfConversation;
    QHash<qint64, QString> contentTitles;
    QList<qint64> userIds;
    QSet<qint64> seenUsers;
    const auto wantUser = [&](qint64 id) {
        if (id && !seenUsers.contains(id)) {
            seenUsers.insert(id);
            userIds << id;
        }
    };
    for (const NamedHit &h : std::as_const(hits)) {
        wantUser(h.item.senderId);
        if (h.item.kind == model::ItemKind::Message) {
            if (!peerOfConversation.contains(h.item.threadId)) {
                auto c = s.conversation(h.item.threadId);
                if (!c)
                    return c.error();
                const qint64 peer = c.value() ? c.value()->peerUserId : 0;
                peerOfConversation.insert(h.item.threadId, peer);
                wantUser(peer);
            }
        } else if (!contentTitles.contains(h.item.threadId)) {
            auto c = s.content(h.item.threadId);
            if (!c)
                return c.error();
            contentTitles.insert(h.item.threadId, c.value() ? c.value()->title : QString());
        }
    }
    auto users = userNames(s, userIds);
    if (!users)
        return users.error();
    for (NamedHit &h : hits) {
        h.accountName = accounts->value(h.item.accountId);
        h.senderName = users->value(h.item.senderId);
        // A reply sent from here has no sender profile: the account itself spoke.
        if (h.senderName.isEmpty() && h.item.direction == model::Direction::Out)
            h.senderName = h.accountName;
        h.conversationTitle = h.item.kind == model::ItemKind::Message
                                  ? users->value(peerOfConversation.value(h.item.threadId))
                                  : contentTitles.value(h.item.threadId);
    }
    return {};
}

// Conversations by their peer's name, where the query could find that conversation's messages.
Result<QList<NamedChat>> findChats(const StoreReader &s, const SearchQuery &query, int limit)
{
    QList<NamedChat> chats;
    if (limit <= 0 || !query.cursor.isEmpty() || query.kind == model::ItemKind::Comment ||
        query.conversationId || query.contentId || query.senderId || !query.platform.isEmpty() ||
        query.direction)
        return chats;
    auto found = s.conversationsByPeerName(
        {query.text, query.accountIds, query.tagId, query.unreadOnly, query.fromMs, query.toMs, limit});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return chats;
    QList<qint64> peers;
    for (const model::Conversation &c : std::as_const(found.value()))
        peers << c.peerUserId;
    auto accounts = accountNames(s);
    if (!accounts)
        return accounts.error();
    auto users = userNames(s, peers);
    if (!users)
        return users.error();
    for (const model::Conversation &c : std::as_const(found.value()))
        chats.append(NamedChat{c, users->value(c.peerUserId), accounts->value(c.accountId)});
    return chats;
}

} // namespace

Result<NamedSearchPage> SearchService::run(const StoreReader &reader, const SearchQuery &query, int chatLimit)
{
    auto page = reader.search(query);
    if (!page)
        return page.error();
    NamedSearchPage out;
    out.next = page->next;
    out.hits.reserve(page->hits.size());
    for (const SearchHit &hit : std::as_const(page->hits))
        out.hits.append(NamedHit{hit.item, hit.snippet, hit.score, {}, {}, {}});
    if (Error e = resolveNames(reader, out.hits))
        return e;
    auto chats = findChats(reader, query, chatLimit);
    if (!chats)
        return chats.error();
    out.chats = std::move(chats.value());
    return out;
}

SearchService::SearchService(QString databasePath, int threads, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
    , m_state(std::make_shared<State>())
{
    // Two threads by default: a new search can start while a superseded one is still finishing.
    m_pool.setMaxThreadCount(qMax(1, threads));
    // Keep the threads, and with them their open stores and page caches: after the pool's default
    // 30 s of idleness the first keystroke would pay for opening a store and reading cold pages.
    m_pool.setExpiryTimeout(-1);
}

SearchService::~SearchService()
{
    // Queued searches skip their work and running ones are interrupted; no outcome is posted to
    // this object once the pool is done, and those already posted die with it.
    m_state->supersede();
    m_pool.waitForDone();
}

quint64 SearchService::supersede()
{
    return m_state->supersede();
}

quint64 SearchService::generation() const
{
    return m_state->latest.load();
}

SearchService::Stats SearchService::stats() const
{
    return {m_state->delivered.load(), m_state->skipped.load(), m_state->interrupted.load(),
            m_state->dropped.load()};
}

void SearchService::waitForIdle()
{
    m_pool.waitForDone();
}

void SearchService::deliver(quint64 generation, const Result<NamedSearchPage> &outcome, const Done &done)
{
    // A newer generation may have begun while the outcome waited in the queue.
    if (m_state->superseded(generation)) {
        ++m_state->dropped;
        return;
    }
    ++m_state->delivered;
    done(outcome);
}

void SearchService::search(const SearchQuery &query, Done done, int chatLimit)
{
    const quint64 generation = m_state->latest.load();
    m_pool.start([this, state = m_state, path = m_path, query, generation, chatLimit,
                  done = std::move(done)] {
        if (state->superseded(generation)) {
            ++state->skipped;
            return;
        }
        auto store = threadStore(path);
        std::optional<Result<NamedSearchPage>> outcome;
        if (store) {
            const State::Registration registration(*state, *store, generation);
            // A supersede() that came before the registration could not interrupt this search.
            if (state->superseded(generation)) {
                ++state->skipped;
                return;
            }
            outcome = run(**store, query, chatLimit);
        } else {
            outcome = store.error();
        }
        if (state->superseded(generation)) {
            // Store::search reports its interrupt as "cancelled" (ErrorCode::Conflict).
            const bool stopped = store && !*outcome && outcome->error().code == ErrorCode::Conflict;
            ++(stopped ? state->interrupted : state->dropped);
            return;
        }
        // The file may have been replaced or damaged: open it afresh next time (the store is no
        // longer registered, so nobody interrupts it while it closes).
        if (!*outcome && outcome->error().code != ErrorCode::InvalidArgument)
            t_store.reset();
        QMetaObject::invokeMethod(
            this,
            [this, generation, outcome = std::move(*outcome), done] { deliver(generation, outcome, done); },
            Qt::QueuedConnection);
    });
}

} // namespace hiscrm::store
