// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoFixtures.h"
#include "StoreFixtures.h"
#include "TestUtil.h"

#include "worker/DemoConnector.h"
#include "worker/WorkerHost.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QPointer>
#include <QSet>
#include <QSignalSpy>
#include <QThread>

#include <atomic>

using namespace testutil;
using namespace hiscrm::worker;
using demofixtures::demoReply;

namespace {

// The sink the master would be: commits into a real store opened in the test thread and records
// everything else it is told.
class RecordingSink : public QObject, public ConnectorSink
{
    Q_OBJECT

public:
    explicit RecordingSink(Store *store)
        : m_store(store)
    {}

    QString ingestFromConnector(const QString &, const Batch &batch) override
    {
        ingestThread = QThread::currentThread();
        auto r = m_store->ingest(batch);
        if (!r)
            return r.error().message;
        ++batches;
        return {};
    }
    void accountStatusFromConnector(const QString &, const QString &platform, const QString &accountId,
                                    LoginState state, const QString &) override
    {
        loginPlatforms.insert(platform);
        logins.insert(accountId, state);
    }
    void replyResultFromConnector(const QString &connectorId, const ReplyResult &result) override
    {
        replyConnectors.append(connectorId);
        replies.append(result);
    }
    void connectorOnline(const QString &connectorId, const QString &platform,
                         const QStringList &accounts) override
    {
        events.append(u"online %1 %2 %3"_s.arg(connectorId, platform, accounts.join(u',')));
    }
    void connectorOffline(const QString &connectorId) override { events.append(u"offline "_s + connectorId); }

    QThread *ingestThread = nullptr;
    int batches = 0;
    QHash<QString, LoginState> logins;
    QSet<QString> loginPlatforms;
    QList<ReplyResult> replies;
    QStringList replyConnectors;
    QStringList events;

private:
    Store *m_store;
};

// What a connector saw of its own life, written from its thread and read from the test's.
struct Probe
{
    QMutex mutex;
    QThread *startThread = nullptr;
    QThread *batchThread = nullptr;
    QPointer<QThread> thread;
    QThread *destroyThread = nullptr;
    std::atomic<int> destroyed{0};
};

class ProbedDemoConnector : public DemoConnector
{
public:
    ProbedDemoConnector(Options options, std::shared_ptr<Probe> probe)
        : DemoConnector(std::move(options))
        , m_probe(std::move(probe))
    {
        connect(
            this, &Connector::batchReady, this,
            [this] {
                QMutexLocker lock(&m_probe->mutex);
                m_probe->batchThread = QThread::currentThread();
            },
            Qt::DirectConnection);
    }
    ~ProbedDemoConnector() override
    {
        QMutexLocker lock(&m_probe->mutex);
        m_probe->destroyThread = QThread::currentThread();
        ++m_probe->destroyed;
    }

    void start() override
    {
        {
            QMutexLocker lock(&m_probe->mutex);
            m_probe->startThread = QThread::currentThread();
            m_probe->thread = QThread::currentThread();
        }
        DemoConnector::start();
    }

private:
    std::shared_ptr<Probe> m_probe;
};

// Fails in start() for its first `failures` instances (counted across restarts), then serves one
// account and posts one message (in a batch the store rejects when `invalid`).
class FlakyConnector : public Connector
{
    Q_OBJECT

public:
    FlakyConnector(std::shared_ptr<std::atomic<int>> starts, int failures, bool invalid = false)
        : m_starts(std::move(starts))
        , m_failures(failures)
        , m_invalid(invalid)
    {}

    QString id() const override { return u"flaky"_s; }
    QString platform() const override { return u"demo"_s; }
    QStringList accounts() const override { return {u"acc-1"_s}; }

    void start() override
    {
        const int n = ++*m_starts;
        if (n <= m_failures) {
            emit failed(u"boom %1"_s.arg(n));
            return;
        }
        emit accountStatus(u"acc-1"_s, LoginState::LoggedIn, QString());
        Batch b = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m-%1"_s.arg(n), u"u-1"_s, u"hello"_s, kT0)});
        if (m_invalid)
            b.messages.first().createdAt = -1;
        emit batchReady(1, b);
    }
    void stop() override {}
    void sendReply(const ReplyRequest &request) override
    {
        ReplyResult r;
        r.itemId = request.itemId;
        r.sent = true;
        r.platformId = u"flaky-reply"_s;
        emit replyFinished(r);
    }

private:
    std::shared_ptr<std::atomic<int>> m_starts;
    int m_failures;
    bool m_invalid;
};

DemoConnector::Options fastDemo(qint64 maxItems)
{
    DemoConnector::Options o;
    o.generator = {.seed = 11, .accounts = 3, .users = 200, .conversations = 80, .contents = 6};
    o.itemsPerSecond = 2000;
    o.maxBatch = 100;
    o.maxItems = maxItems;
    o.replyLatencyMs = 5;
    return o;
}

ConnectorStatus onlyStatus(const WorkerHost &host)
{
    const QList<ConnectorStatus> all = host.status();
    return all.size() == 1 ? all.first() : ConnectorStatus();
}

qsizetype storedItems(Store &store)
{
    auto rows = store.exportEntity(u"item"_s);
    return rows ? rows->size() : -1;
}

} // namespace

// A host that hands its batches and reply results to a recording sink over a fresh store.
// Members are destroyed host first, so no connector outlives the sink or the store; a test that
// checks what destroying the host does resets `owner` itself.
struct Rig
{
    explicit Rig(std::unique_ptr<Store> s)
        : store(std::move(s))
        , sink(store.get())
    {
        host.setSink(&sink, &sink);
    }
    std::unique_ptr<Store> store;
    RecordingSink sink;
    std::unique_ptr<WorkerHost> owner = std::make_unique<WorkerHost>();
    WorkerHost &host = *owner;
};

class TestWorkerHost : public QObject
{
    Q_OBJECT

private:
    FreshStores m_stores;
    std::unique_ptr<Store> freshStore() { return m_stores.open(); }

private slots:
    void initTestCase() { QVERIFY(m_stores.isValid()); }

    void stateNames()
    {
        QCOMPARE(toString(ConnectorStatus::State::Stopped), u"stopped"_s);
        QCOMPARE(toString(ConnectorStatus::State::Starting), u"starting"_s);
        QCOMPARE(toString(ConnectorStatus::State::Running), u"running"_s);
        QCOMPARE(toString(ConnectorStatus::State::Backoff), u"backoff"_s);
        QCOMPARE(toString(ConnectorStatus::State::Failed), u"failed"_s);
    }

    void runsDemoConnectorInItsOwnThreadAndItemsReachTheStore()
    {
        Rig rig(freshStore());
        QVERIFY(rig.store);
        auto &[store, sink, owner, host] = rig;
        auto probe = std::make_shared<Probe>();
        QSignalSpy changes(&host, &WorkerHost::statusChanged);
        host.add([probe] { return std::make_unique<ProbedDemoConnector>(fastDemo(200), probe); });

        QTRY_COMPARE_WITH_TIMEOUT(storedItems(*store), qsizetype(200), 15000);
        {
            QMutexLocker lock(&probe->mutex);
            QVERIFY(probe->startThread);
            QVERIFY(probe->startThread != QThread::currentThread());
            QCOMPARE(probe->batchThread, probe->startThread);
        }
        // The sink runs where its context object lives: here.
        QCOMPARE(sink.ingestThread, QThread::currentThread());

        QTRY_VERIFY_WITH_TIMEOUT(onlyStatus(host).messages >= 200, 5000);
        const ConnectorStatus s = onlyStatus(host);
        QCOMPARE(s.id, u"demo-1"_s);
        QCOMPARE(s.platform, u"demo"_s);
        QCOMPARE(s.accounts, (QStringList{u"acc-0"_s, u"acc-1"_s, u"acc-2"_s}));
        QCOMPARE(toString(s.state), u"running"_s);
        QVERIFY(s.batches > 0);
        QVERIFY(s.lastSyncMs > 0);
        QVERIFY(s.loggedIn);
        QCOMPARE(s.errors, quint64(0));
        QCOMPARE(s.restarts, 0);
        QCOMPARE(sink.logins.size(), 3);
        QVERIFY(sink.logins.value(u"acc-1"_s) == LoginState::LoggedIn);
        QCOMPARE(sink.loginPlatforms, QSet<QString>{u"demo"_s});
        QVERIFY(!changes.isEmpty());
        QCOMPARE(changes.last().at(0).value<ConnectorStatus>().messages, s.messages);
    }

    void restartsAFailingConnectorWithBackoff()
    {
        Rig rig(freshStore());
        QVERIFY(rig.store);
        auto &[store, sink, owner, host] = rig;
        auto starts = std::make_shared<std::atomic<int>>(0);
        host.setBackoff(20, 200);
        QSignalSpy changes(&host, &WorkerHost::statusChanged);
        QElapsedTimer clock;
        clock.start();
        host.add([starts] { return std::make_unique<FlakyConnector>(starts, 3); });

        QTRY_COMPARE_WITH_TIMEOUT(toString(onlyStatus(host).state), u"running"_s, 10000);
        // Three waits of 20, 40 and 80 ms came first.
        QVERIFY(clock.elapsed() >= 140);
        QCOMPARE(starts->load(), 4);
        const ConnectorStatus s = onlyStatus(host);
        QCOMPARE(s.restarts, 3);
        QCOMPARE(s.lastError, u"boom 3"_s);
        QVERIFY(s.errors >= 3);
        QCOMPARE(s.nextStartMs, qint64(0));

        int backoffs = 0;
        for (const QList<QVariant> &args : std::as_const(changes)) {
            const ConnectorStatus c = args.at(0).value<ConnectorStatus>();
            if (c.state == ConnectorStatus::State::Backoff) {
                ++backoffs;
                QVERIFY(c.nextStartMs > 0);
                QVERIFY(!c.loggedIn);
            }
        }
        QCOMPARE(backoffs, 3);

        // Running now: its batch lands.
        QTRY_COMPARE_WITH_TIMEOUT(sink.batches, 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(onlyStatus(host).loggedIn, 5000);
        QVERIFY(storedItem(*store));
    }

    void rejectedBatchCountsAsAnError()
    {
        Rig rig(freshStore());
        QVERIFY(rig.store);
        auto &[store, sink, owner, host] = rig;
        auto starts = std::make_shared<std::atomic<int>>(0);
        host.add([starts] { return std::make_unique<FlakyConnector>(starts, 0, true); });
        QTRY_COMPARE_WITH_TIMEOUT(onlyStatus(host).errors, quint64(1), 10000);
        const ConnectorStatus s = onlyStatus(host);
        QVERIFY(!s.lastError.isEmpty());
        QCOMPARE(s.batches, quint64(0));
        QCOMPARE(s.messages, quint64(0));
        QCOMPARE(s.lastSyncMs, qint64(0));
        // A rejected batch is the batch's fault, not the connector's: it keeps running.
        QCOMPARE(toString(s.state), u"running"_s);
        QCOMPARE(s.restarts, 0);
        QCOMPARE(sink.batches, 0);
    }

    void announcesOnlineAndOfflineInOrder()
    {
        Rig rig(freshStore());
        QVERIFY(rig.store);
        auto &[store, sink, owner, host] = rig;
        auto starts = std::make_shared<std::atomic<int>>(0);
        host.setBackoff(20, 200);
        host.add([starts] { return std::make_unique<FlakyConnector>(starts, 2); });
        QTRY_COMPARE_WITH_TIMEOUT(toString(onlyStatus(host).state), u"running"_s, 10000);
        host.stopAll();

        const QString online = u"online flaky demo acc-1"_s;
        const QString offline = u"offline flaky"_s;
        QTRY_COMPARE_WITH_TIMEOUT(sink.events.size(), qsizetype(6), 5000);
        QCOMPARE(sink.events, (QStringList{online, offline, online, offline, online, offline}));
    }

    void sendReplyReachesTheConnectorAndTheResultTheSink()
    {
        Rig rig(freshStore());
        QVERIFY(rig.store);
        auto &[store, sink, owner, host] = rig;
        QVERIFY(!host.sendReply(u"demo-1"_s, demoReply(1, u"too early #ok"_s)));
        host.add([] { return std::make_unique<DemoConnector>(fastDemo(20)); });
        QTRY_VERIFY_WITH_TIMEOUT(onlyStatus(host).batches > 0, 10000);

        QVERIFY(!host.sendReply(u"no-such-connector"_s, demoReply(1, u"lost #ok"_s)));

        QVERIFY(host.sendReply(u"demo-1"_s, demoReply(7, u"亲，已经发货了 #ok"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(sink.replies.size(), qsizetype(1), 5000);
        const ReplyResult ok = sink.replies.first();
        QCOMPARE(sink.replyConnectors.first(), u"demo-1"_s);
        QCOMPARE(ok.itemId, qint64(7));
        QVERIFY(ok.sent);
        QVERIFY(ok.platformId.startsWith(u"demo-reply-"_s));
        // The platform then shows it as the account's own message.
        // (An init-capture: Clang 14 cannot capture a structured binding itself.)
        auto outgoing = [&, &st = store]() -> std::optional<Item> {
            auto account = st->accountByPlatformId(u"demo"_s, u"acc-0"_s);
            if (!account || !account.value())
                return std::nullopt;
            auto item = st->itemByPlatformId(account.value()->id, ItemKind::Message, ok.platformId);
            return item ? item.value() : std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(outgoing().has_value(), 5000);
        QVERIFY(outgoing()->direction == Direction::Out);
        QCOMPARE(outgoing()->text, u"亲，已经发货了 #ok"_s);

        const quint64 errorsBefore = onlyStatus(host).errors;
        QVERIFY(host.sendReply(u"demo-1"_s, demoReply(8, u"稍等 #fail"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(sink.replies.size(), qsizetype(2), 5000);
        const ReplyResult failed = sink.replies.last();
        QCOMPARE(failed.itemId, qint64(8));
        QVERIFY(!failed.sent);
        QVERIFY(!failed.error.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(onlyStatus(host).errors, errorsBefore + 1, 5000);
        QCOMPARE(onlyStatus(host).lastError, failed.error);
    }

    void stopAllJoinsThreadsAndIsSafeTwice()
    {
        Rig rig(freshStore());
        QVERIFY(rig.store);
        auto &[store, sink, owner, host] = rig;
        auto probe = std::make_shared<Probe>();
        host.add([probe] { return std::make_unique<ProbedDemoConnector>(fastDemo(-1), probe); });
        QTRY_COMPARE_WITH_TIMEOUT(toString(onlyStatus(host).state), u"running"_s, 10000);
        {
            QMutexLocker lock(&probe->mutex);
            QVERIFY(probe->thread);
            QVERIFY(probe->thread->isRunning());
        }

        host.stopAll();
        QCOMPARE(probe->destroyed.load(), 1);
        {
            QMutexLocker lock(&probe->mutex);
            QVERIFY(probe->thread.isNull()); // joined and deleted
            // Deleted in its own thread, where whatever it owns was made.
            QVERIFY(probe->destroyThread);
            QVERIFY(probe->destroyThread != QThread::currentThread());
        }
        const ConnectorStatus s = onlyStatus(host);
        QCOMPARE(toString(s.state), u"stopped"_s);
        QVERIFY(!s.loggedIn);
        QVERIFY(!host.sendReply(u"demo-1"_s, demoReply(1, u"after stop #ok"_s)));

        host.stopAll();
        QCOMPARE(toString(onlyStatus(host).state), u"stopped"_s);
        owner.reset();
        QCOMPARE(probe->destroyed.load(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.events.size(), qsizetype(2), 5000);
        QCOMPARE(sink.events.last(), u"offline demo-1"_s);
    }

    void destructorStopsRunningConnectors()
    {
        Rig rig(freshStore());
        QVERIFY(rig.store);
        auto &[store, sink, owner, host] = rig;
        auto probe = std::make_shared<Probe>();
        host.add([probe] { return std::make_unique<ProbedDemoConnector>(fastDemo(-1), probe); });
        QTRY_VERIFY_WITH_TIMEOUT(onlyStatus(host).batches > 1, 10000);
        owner.reset();
        QCOMPARE(probe->destroyed.load(), 1);
        QMutexLocker lock(&probe->mutex);
        QVERIFY(probe->thread.isNull());
        // Batches still queued for the sink are delivered; their status updates are dropped.
        QCoreApplication::processEvents();
    }

    void destructorDuringBackoffCancelsTheRestart()
    {
        RecordingSink sink(nullptr);
        auto starts = std::make_shared<std::atomic<int>>(0);
        auto host = std::make_unique<WorkerHost>();
        host->setBackoff(60000, 60000);
        host->setSink(&sink, &sink);
        host->add([starts] { return std::make_unique<FlakyConnector>(starts, 100); });
        QTRY_COMPARE_WITH_TIMEOUT(toString(onlyStatus(*host).state), u"backoff"_s, 5000);
        QVERIFY(onlyStatus(*host).nextStartMs > QDateTime::currentMSecsSinceEpoch() + 30000);
        host.reset();
        QCOMPARE(starts->load(), 1);
    }

private:
    static bool storedItem(Store &store)
    {
        auto account = store.accountByPlatformId(u"demo"_s, u"acc-1"_s);
        if (!account || !account.value())
            return false;
        auto item = store.itemByPlatformId(account.value()->id, ItemKind::Message, u"m-4"_s);
        return item && item.value();
    }
};

QTEST_GUILESS_MAIN(TestWorkerHost)
#include "TestWorkerHost.moc"
