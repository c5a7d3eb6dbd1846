// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/PushEncoder.h"

#include "common/Threads.h"
#include "master/Peer.h"
#include "store/Store.h"

#include <QHash>
#include <QJsonDocument>
#include <QThread>

#include <algorithm>
#include <climits>
#include <span>
#include <utility>
#include <vector>

namespace hiscrm::master {

void appendChange(QByteArray &out, const store::Change &c)
{
    out.append("{\"rev\":").append(QByteArray::number(c.rev)).append(",\"entity\":");
    model::appendJsonString(out, c.entity);
    out.append(",\"id\":").append(QByteArray::number(c.id));
    if (c.deleted)
        out.append(",\"deleted\":true}");
    else if (!c.dataJson.isEmpty()) // changesFor: the row is text already
        out.append(",\"data\":").append(c.dataJson).append('}');
    else
        out.append(",\"data\":").append(QJsonDocument(c.data).toJson(QJsonDocument::Compact)).append('}');
}

QByteArray encodeChange(const store::Change &c)
{
    QByteArray out;
    out.reserve(64 + c.dataJson.size());
    appendChange(out, c);
    return out;
}

namespace {

// One feed's frames as a round builds them. Most scopes have nothing in a live round (a commit
// touches a few accounts): a scope costs no allocation until its first change.
struct Building
{
    // A scope's push of one commit is a few KiB: room for it at once, rather than growing by steps.
    static constexpr qsizetype kFirstReserve = 4096;

    PushFeed feed;
    QList<QByteArray> frames;
    TextFrame frame; // the one being built, once `open`
    bool open = false;
    qsizetype bodyStart = 0; // where its changes begin in frame.bytes()
    qint64 chunkFrom;        // its `from`
    qint64 lastRev;          // the revision of its last change
    bool any = false;        // the round had something for the scope

    explicit Building(const PushFeed &f)
        : feed(f)
        , chunkFrom(f.lastTo)
        , lastRev(f.lastTo)
    {}

    // {"type":"changes","v":1,"from":F,"changes":[...],"to":T}: `to` last, once known.
    void start()
    {
        frame = TextFrame(kFirstReserve);
        QByteArray &b = frame.bytes();
        b.append("{\"type\":\"changes\",\"v\":1,\"from\":")
            .append(QByteArray::number(chunkFrom))
            .append(",\"changes\":[");
        bodyStart = b.size();
        open = true;
    }

    void close(qint64 to)
    {
        if (!open)
            start(); // a frame without changes: the scope's cursor moves on
        frame.bytes().append("],\"to\":").append(QByteArray::number(to)).append('}');
        frames.append(frame.take());
        open = false;
        chunkFrom = to;
    }

    void add(const QByteArray &change, qint64 rev)
    {
        if (open && frame.bytes().size() > bodyStart &&
            frame.bytes().size() - bodyStart + change.size() > PushEncoder::kFrameBytes)
            close(lastRev);
        if (!open)
            start();
        QByteArray &b = frame.bytes();
        if (b.size() > bodyStart)
            b += ',';
        b += change;
        lastRev = rev;
        any = true;
    }
};

// Which of a round's scopes see a change, by its accounts: a hundred scopes of one account each
// would otherwise be asked one by one about each change, twice. Built each round in a couple of
// allocations: (account, scope) pairs sorted by account, and the per-scope marks.
class ScopeIndex
{
public:
    explicit ScopeIndex(const QList<Building> &building)
        : m_scopes(int(building.size()))
        , m_marks(building.size(), 0)
    {
        qsizetype pairs = 0;
        for (const Building &b : building)
            pairs += b.feed.scope.accounts.size();
        m_byAccount.reserve(size_t(pairs));
        for (qsizetype i = 0; i < building.size(); ++i) {
            const store::AccountScope &scope = building[i].feed.scope;
            if (scope.all())
                m_all.push_back(int(i));
            for (qint64 a : scope.accounts)
                m_byAccount.push_back({a, int(i)});
        }
        std::sort(m_byAccount.begin(), m_byAccount.end());
    }

    // Whether any scope sees a change of these owners.
    bool any(const store::ChangeAccounts &owners) const
    {
        using Kind = store::ChangeAccounts::Kind;
        if (!m_all.empty())
            return true;
        if (owners.kind != Kind::Accounts)
            return owners.kind == Kind::Everyone && m_scopes > 0;
        return std::any_of(owners.accounts.cbegin(), owners.accounts.cend(),
                           [this](qint64 a) { return !scopesOf(a).empty(); });
    }

    // The scopes that see a change of these owners, each once, in no particular order.
    template <typename F> void forEach(const store::ChangeAccounts &owners, F &&f)
    {
        using Kind = store::ChangeAccounts::Kind;
        if (owners.kind == Kind::Everyone) {
            for (int i = 0; i < m_scopes; ++i)
                f(i);
            return;
        }
        for (int i : m_all) // never among m_byAccount: their scopes name no account
            f(i);
        if (owners.kind != Kind::Accounts)
            return;
        ++m_stamp; // a scope that sees several of the accounts is called once
        for (qint64 a : owners.accounts) {
            for (const auto &[account, i] : scopesOf(a)) {
                if (m_marks[std::size_t(i)] != m_stamp) {
                    m_marks[std::size_t(i)] = m_stamp;
                    f(i);
                }
            }
        }
    }

private:
    using Pair = std::pair<qint64, int>; // an account, a scope that names it

    std::span<const Pair> scopesOf(qint64 account) const
    {
        // Scope numbers run from 0 to below INT_MAX: these two pairs bound the account's.
        const auto from = std::lower_bound(m_byAccount.cbegin(), m_byAccount.cend(), Pair{account, 0});
        const auto to = std::upper_bound(from, m_byAccount.cend(), Pair{account, INT_MAX});
        return {from, to};
    }

    int m_scopes;
    std::vector<Pair> m_byAccount;
    std::vector<int> m_all;       // the scopes of every account
    std::vector<quint64> m_marks; // per scope: the stamp of the change that last called it
    quint64 m_stamp = 0;
};

} // namespace

PushRound PushEncoder::read(const store::StoreReader &store, const QList<PushFeed> &feeds)
{
    PushRound round;
    QList<Building> building;
    building.reserve(feeds.size());
    qint64 from = -1;
    for (const PushFeed &f : feeds) {
        building.append(Building(f));
        from = from < 0 ? f.scanned : std::min(from, f.scanned);
    }
    round.to = std::max<qint64>(from, 0);
    ScopeIndex scopes(building);
    // The rows no live scope may see are not read.
    const auto wanted = [&scopes](const store::ChangeAccounts &owners) {
        return scopes.any(owners);
    };
    for (int pages = 0; pages < kPagesPerRound && !building.isEmpty(); ++pages) {
        const Result<store::OwnedChangePage> page = store.changesFor(round.to, 1000, wanted);
        if (!page) {
            round.error = page.error().message;
            return round;
        }
        for (qsizetype i = 0; i < page->changes.size(); ++i) {
            const store::Change &c = page->changes[i];
            QByteArray encoded; // made when a scope first needs it
            scopes.forEach(page->owners[i], [&](int k) {
                Building &b = building[k];
                if (c.rev <= b.feed.scanned)
                    return;
                if (encoded.isEmpty())
                    encoded = encodeChange(c);
                b.add(encoded, c.rev);
            });
        }
        round.to = page->next;
        if (!page->hasMore)
            break;
    }
    round.feeds.reserve(building.size());
    for (Building &b : building) {
        if (b.any)
            b.close(round.to);
        round.feeds.append(PushFrames{b.feed, std::move(b.frames)});
    }
    return round;
}

struct PushEncoder::Worker final : public QObject
{
    QString path;
    QObject *owner;
    std::function<void(const PushRound &)> done;
    std::unique_ptr<store::Store> store; // opened at the first round, in this thread

    Worker(const QString &dbPath, QObject *o, std::function<void(const PushRound &)> d)
        : path(dbPath)
        , owner(o)
        , done(std::move(d))
    {}

    void deliver(const PushRound &round)
    {
        QMetaObject::invokeMethod(
            owner, [round, f = done] { f(round); }, Qt::QueuedConnection);
    }

    void run(const QList<PushFeed> &feeds)
    {
        if (!store) {
            auto opened = store::Store::openReader(path);
            if (!opened)
                return deliver(PushRound{0, {}, opened.error().message});
            store = std::move(opened.value());
        }
        deliver(read(*store, feeds));
    }
};

PushEncoder::PushEncoder(const QString &dbPath, QObject *owner, std::function<void(const PushRound &)> done)
    : m_thread(new QThread)
    , m_worker(new Worker(dbPath, owner, std::move(done)))
{
    m_thread->setObjectName(QStringLiteral("pushes"));
    // A backlog's rounds yield the cores to the master's thread: while a worker floods the master,
    // its commits (and their acknowledgements) go first and the devices get larger rounds a little
    // later. A commit's few changes never come here (ClientHub reads them itself), so live pushes
    // keep their latency.
    QObject::connect(
        m_thread, &QThread::started, m_thread, [] { lowerThisThreadPriority(kBacklogNice); },
        Qt::DirectConnection);
    m_worker->moveToThread(m_thread);
    // The worker, with its connection, goes in its own thread once that has stopped.
    QObject::connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

PushEncoder::~PushEncoder()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void PushEncoder::encode(const QList<PushFeed> &feeds)
{
    Worker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, feeds] { w->run(feeds); }, Qt::QueuedConnection);
}

} // namespace hiscrm::master
