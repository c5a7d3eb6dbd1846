// SPDX-License-Identifier: GPL-3.0-or-later
// fanout: C paired clients on a real hiscrm-master, each scoped to one of A accounts, receive live
// pushes while a worker ingests messages so that R deliveries per second reach them (a message of
// an account is delivered to each client of that account: R = messages/s × C / A). The protocol
// does not say when the master committed, so latency is given as two bounds: p50_ms/p99_ms from
// the worker sending the batch to each client's receipt (the master's parse and its fsync'd commit
// included: an upper bound of commit -> receipt), and spread_p50_ms/spread_p99_ms from the batch's
// first delivery to each delivery (a lower bound: the commit, encoding and one loopback hop left
// out). The clients live in this process, in one thread. The clients live in this process, in one thread.

#include "BenchData.h"
#include "BenchMaster.h"
#include "Workloads.h"

#include "common/Clock.h"
#include "protocol/Protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QWebSocket>

#include <memory>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

namespace hiscrm::bench {

using namespace Qt::StringLiterals;
using namespace model;

namespace {

constexpr int kTickMs = 10;                        // the worker sends a batch this often
constexpr int kMaxInFlight = 8;                    // batches sent ahead of their acknowledgement
const QByteArray kMarker = "\"platform_id\":\"fx"; // the messages of the run: fx<batch>-<n>

QByteArray frameOf(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// One socket per client needs the descriptors: raise the soft limit to the hard one (inherited by
// the master this process starts).
void raiseDescriptorLimit()
{
#ifdef Q_OS_UNIX
    rlimit l{};
    if (getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < l.rlim_max) {
        l.rlim_cur = l.rlim_max;
        setrlimit(RLIMIT_NOFILE, &l);
    }
#endif
}

struct Client
{
    QWebSocket socket;
    int answers = 0;       // frames with "re"
    bool live = false;     // its sync said has_more: false
    qint64 deliveries = 0; // run messages received
};

} // namespace

JsonLine runFanout(const Options &options)
{
    const int clients = options.clients > 0 ? options.clients : 1000;
    const int accountCount = options.accounts > 0 ? options.accounts : 100;
    const double rate = options.rate > 0 ? options.rate : 20000;
    const int runSeconds = options.seconds > 0 ? options.seconds : 10;
    if (accountCount > clients)
        fail(u"--accounts (%1) must not exceed --clients (%2)"_s.arg(accountCount).arg(clients));
    const double perAccount = double(clients) / accountCount; // clients per account (rounded below)
    const double messagesPerSecond = rate / perAccount;
    QTextStream out(stdout);
    out << "fanout: " << clients << " clients over " << accountCount << " accounts, target " << rate
        << " deliveries/s (" << messagesPerSecond << " messages/s) for " << runSeconds << " s" << Qt::endl;
    raiseDescriptorLimit();

    // The master's database: the accounts, and one device per client scoped to one account.
    Workspace workspace(options);
    const QString db = workspace.storePath();
    removeDatabase(db);
    QStringList accounts;
    QStringList tokens;
    {
        const auto store = openStore(db, store::Store::Durability::Full);
        Batch directory;
        directory.platform = u"demo"_s;
        for (int a = 0; a < accountCount; ++a) {
            AccountRecord r;
            r.platformId = u"acc-%1"_s.arg(a);
            r.name = u"账号 %1"_s.arg(a);
            directory.accounts << r;
            accounts << r.platformId;
        }
        check(store->ingest(directory), u"ingesting the accounts"_s);
        QList<qint64> ids;
        for (const QString &a : std::as_const(accounts))
            ids << check(store->accountByPlatformId(u"demo"_s, a), u"reading an account"_s).value().id;
        for (int c = 0; c < clients; ++c) {
            store::PairingRequest request;
            request.name = u"bench device %1"_s.arg(c);
            request.accounts = {ids[c % accountCount]};
            const store::Pairing p =
                check(store->createPairing(request, nowMs()), u"making a pairing code"_s);
            tokens << check(store->redeemPairing(p.code, nowMs()), u"pairing a device"_s).token;
        }
    }
    MasterProcess master(db);

    // The clients: hello, catch up, then live.
    std::vector<std::unique_ptr<Client>> all;
    QHash<qint64, qint64> sentAt;              // batch -> ns on the bench's clock
    QHash<qint64, qint64> ackedAt;             // batch -> ns
    QList<std::pair<qint64, qint64>> receipts; // (batch, ns) of every delivery
    QElapsedTimer clock;
    clock.start();
    for (int c = 0; c < clients; ++c) {
        auto client = std::make_unique<Client>();
        Client *cl = client.get();
        QObject::connect(
            &cl->socket, &QWebSocket::textMessageReceived, [cl, &clock, &receipts](const QString &text) {
                const QByteArray utf8 = text.toUtf8();
                if (utf8.contains("\"re\":")) {
                    ++cl->answers;
                    if (utf8.contains("\"has_more\":false"))
                        cl->live = true;
                    return;
                }
                const qint64 now = clock.nsecsElapsed();
                // Pushes: find the run's messages without parsing the whole frame (the clients
                // must not take the CPU the master needs).
                for (qsizetype at = utf8.indexOf(kMarker); at >= 0; at = utf8.indexOf(kMarker, at + 1)) {
                    const qsizetype from = at + kMarker.size();
                    const qsizetype dash = utf8.indexOf('-', from);
                    const qint64 batch = utf8.mid(from, dash - from).toLongLong();
                    ++cl->deliveries;
                    receipts.append({batch, now});
                }
            });
        cl->socket.open(QUrl(u"ws://127.0.0.1:%1/client"_s.arg(master.port)));
        all.push_back(std::move(client));
        if (c % 50 == 49 ||
            c == clients - 1) { // connect in groups: the master takes 64 unauthenticated at once
            const int first = c - (c % 50);
            waitUntil(
                [&] {
                    for (int k = first; k <= c; ++k) {
                        if (all[k]->socket.state() != QAbstractSocket::ConnectedState)
                            return false;
                    }
                    return true;
                },
                30000, u"clients to connect"_s);
            for (int k = first; k <= c; ++k) {
                all[k]->socket.sendTextMessage(QString::fromUtf8(
                    frameOf({{u"type"_s, u"hello"_s}, {u"id"_s, 1}, {u"token"_s, tokens[k]}})));
                all[k]->socket.sendTextMessage(
                    QString::fromUtf8(frameOf({{u"type"_s, u"sync"_s}, {u"id"_s, 2}, {u"since"_s, 0}})));
            }
            waitUntil(
                [&] {
                    for (int k = first; k <= c; ++k) {
                        if (!all[k]->live)
                            return false;
                    }
                    return true;
                },
                30000, u"clients to catch up"_s);
        }
    }
    const qint64 rssClientsKb = master.statusKb("VmRSS");
    out << "clients:  " << clients << " live; master RSS " << rssClientsKb / 1024.0 << " MB" << Qt::endl;

    // The worker.
    QWebSocket worker;
    worker.setOutgoingFrameSize(quint64(protocol::kMaxFrameBytes));
    int acked = 0;
    int refused = 0;
    QObject::connect(&worker, &QWebSocket::textMessageReceived, [&](const QString &text) {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        if (o.value(u"type"_s).toString() == u"error")
            ++refused;
        ++acked;
    });
    worker.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(master.port)));
    waitUntil([&] { return worker.state() == QAbstractSocket::ConnectedState; }, 10000, u"the worker"_s);
    worker.sendTextMessage(
        QString::fromUtf8(frameOf({{u"type"_s, u"register"_s},
                                   {u"id"_s, u"r"_s},
                                   {u"token"_s, u"bench"_s},
                                   {u"worker_id"_s, u"bench-worker"_s},
                                   {u"platform"_s, u"demo"_s},
                                   {u"accounts"_s, QJsonArray::fromStringList(accounts)}})));
    waitUntil([&] { return acked == 1; }, 10000, u"the worker to register"_s);
    acked = 0;
    if (refused)
        fail(u"the master refused the worker's register"_s);

    // Batches on a clock, sized to the target; a master that falls behind holds them back
    // (kMaxInFlight), so the figure is what it sustains.
    qint64 batches = 0;
    qint64 messages = 0;
    double owed = 0;
    qint64 lastTick = clock.nsecsElapsed();
    const qint64 runEnd = qint64(runSeconds) * 1000000000 + lastTick;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    bool tick = false; // a batch goes out on the clock only: the worker's rate limit is 200 frames/s
    QObject::connect(&ticker, &QTimer::timeout, [&tick] { tick = true; });
    ticker.start(kTickMs);
    const qint64 start = clock.nsecsElapsed();
    while (clock.nsecsElapsed() < runEnd) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        const qint64 now = clock.nsecsElapsed();
        owed += messagesPerSecond * double(now - lastTick) / 1e9;
        lastTick = now;
        if (!tick || owed < 1 || batches - acked >= kMaxInFlight)
            continue;
        tick = false;
        const int n = std::min(int(owed), protocol::kMaxBatchRecords);
        owed -= n;
        Batch b;
        b.platform = u"demo"_s;
        for (int i = 0; i < n; ++i) {
            const qint64 m = messages + i;
            const QString account = accounts[int(m % accountCount)];
            MessageRecord r;
            r.accountId = account;
            r.conversationId = u"%1-c%2"_s.arg(account).arg(m / accountCount % 20);
            r.platformId = u"fx%1-%2"_s.arg(batches).arg(i);
            r.senderId = u"%1-fan%2"_s.arg(account).arg(m / accountCount % 20);
            r.text = u"第%1条：请问这款什么时候发货？"_s.arg(m);
            r.createdAt = nowMs();
            b.messages << r;
        }
        messages += n;
        const QByteArray frame = frameOf(
            {{u"type"_s, u"data_sync"_s}, {u"id"_s, batches}, {u"batch"_s, protocol::batchToJson(b)}});
        sentAt.insert(batches, clock.nsecsElapsed());
        worker.sendTextMessage(QString::fromUtf8(frame));
        ++batches;
    }
    // Everything sent is acknowledged, then delivered.
    waitUntil([&] { return acked >= batches; }, 60000, u"the last acknowledgements"_s);
    if (refused)
        fail(u"the master refused %1 batches"_s.arg(refused));
    const qint64 expected = [&] {
        qint64 e = 0;
        for (qint64 m = 0; m < messages; ++m)
            e += clients / accountCount + (int(m % accountCount) < clients % accountCount ? 1 : 0);
        return e;
    }();
    qint64 delivered = 0;
    const auto countDelivered = [&] {
        delivered = 0;
        for (const auto &c : all)
            delivered += c->deliveries;
        return delivered >= expected;
    };
    try {
        waitUntil(countDelivered, 60000, u"every delivery"_s);
    } catch (const Failure &f) {
        int connected = 0;
        for (const auto &c : all)
            connected += c->socket.state() == QAbstractSocket::ConnectedState ? 1 : 0;
        fail(u"%1: %2 of %3 deliveries arrived; %4 of %5 clients still connected"_s.arg(f.message)
                 .arg(delivered)
                 .arg(expected)
                 .arg(connected)
                 .arg(clients));
    }
    const double elapsed = double(clock.nsecsElapsed() - start) / 1e9;
    const double deliveriesPerSecond = double(delivered) / elapsed;
    const qint64 peakKb = master.statusKb("VmHWM");

    out << "sent:     " << messages << " messages in " << batches << " batches" << Qt::endl;
    out << "delivered " << delivered << " in " << elapsed << " s = " << deliveriesPerSecond << " deliveries/s"
        << Qt::endl;
    Samples endToEnd; // send -> receipt
    Samples spread;   // the batch's first delivery -> this delivery
    QHash<qint64, qint64> firstAt;
    for (const auto &[batch, at] : std::as_const(receipts)) {
        auto it = firstAt.find(batch);
        if (it == firstAt.end() || at < *it)
            firstAt.insert(batch, at);
    }
    for (const auto &[batch, at] : std::as_const(receipts)) {
        endToEnd.add(at - sentAt.value(batch, at));
        spread.add(at - firstAt.value(batch));
    }
    out << "latency (send -> receipt):           " << summary(endToEnd) << Qt::endl;
    out << "spread (first delivery -> delivery): " << summary(spread) << Qt::endl;
    out << "master peak RSS " << peakKb / 1024.0 << " MB" << Qt::endl;
    return JsonLine()
        .add(u"workload"_s, u"fanout"_s)
        .add(u"clients"_s, qint64(clients))
        .add(u"accounts"_s, qint64(accountCount))
        .add(u"rate"_s, rate)
        .add(u"deliveries_per_s"_s, deliveriesPerSecond)
        .add(u"p50_ms"_s, endToEnd.percentileMs(50))
        .add(u"p99_ms"_s, endToEnd.percentileMs(99))
        .add(u"spread_p50_ms"_s, spread.percentileMs(50))
        .add(u"spread_p99_ms"_s, spread.percentileMs(99))
        .add(u"server_rss_mb"_s, double(peakKb) / 1024.0);
}

} // namespace hiscrm::bench
