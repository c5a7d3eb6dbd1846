// SPDX-License-Identifier: GPL-3.0-or-later
// fanout: C paired clients on a real hiscrm-master, each scoped to one of A accounts, receive live
// pushes while a worker ingests messages so that R deliveries per second reach them (a message of
// an account is delivered to each client of that account: R = messages/s × C / A).
//
// Latency. The protocol does not say when the master committed, but the master acknowledges a
// batch to its worker right after the commit and before it pushes, so the batch's commit is seen
// here one loopback hop later: at the acknowledgement's arrival, or at the batch's first delivery if
// that arrives first. p50_ms/p99_ms run from there to each client's receipt: the arrival of the push
// at the client's socket, by the kernel's receive timestamps on both sides (WireSocket), as a
// desktop on its own machine would have it. The clients (ClientFleet) and the worker live in this
// process, in one thread, which reads a thousand sockets one after another; read_p50_ms/read_p99_ms
// measure to when that thread read each push, and so add its queue. Two more bounds:
// send_p50_ms/send_p99_ms from the worker sending the batch (the master's parse and its fsync'd
// commit included), and spread_p50_ms/spread_p99_ms from the batch's first arrival.

#include "BenchClients.h"
#include "BenchData.h"
#include "BenchMaster.h"
#include "Workloads.h"

#include "common/Clock.h"
#include "protocol/Protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <memory>

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

    // The master's database: the accounts, and one device per client scoped to one account.
    Workspace workspace(options);
    const QString db = workspace.storePath();
    removeDatabase(db);
    QStringList accounts;
    QStringList tokens;
    {
        const auto store = openStore(db, store::Store::Durability::Normal);
        QList<qint64> ids;
        accounts = ClientFleet::addAccounts(*store, accountCount, &ids);
        tokens = ClientFleet::pairDevices(*store, ids, clients);
    }
    MasterProcess master(db);

    // The clients: hello, catch up, then live.
    QHash<qint64, qint64> sentAt; // batch -> ns on the fleet's clock
    struct Receipt
    {
        qint64 batch;
        WireSocket::Times at;
    };
    QList<Receipt> receipts; // every delivery
    std::vector<qint64> deliveries(size_t(clients), 0);
    ClientFleet fleet(master.port, [&](int client, QByteArrayView frame, WireSocket::Times now) {
        // The run's messages, found without parsing the frame.
        for (qsizetype at = frame.indexOf(kMarker); at >= 0; at = frame.indexOf(kMarker, at + 1)) {
            const qsizetype from = at + kMarker.size();
            const qsizetype dash = frame.indexOf('-', from);
            ++deliveries[size_t(client)];
            receipts.append({frame.sliced(from, dash - from).toLongLong(), now});
        }
    });
    const QElapsedTimer &clock = fleet.clock();
    fleet.connectAll(tokens);
    const qint64 rssClientsKb = master.statusKb("VmRSS");
    out << "clients:  " << clients << " live; master RSS " << rssClientsKb / 1024.0 << " MB" << Qt::endl;

    // The worker, on a socket like the clients' (the acknowledgements' arrival times).
    int acked = 0;
    int refused = 0;
    QHash<qint64, qint64> ackedAt; // batch -> ns on the fleet's clock
    WireSocket worker(master.port, "/", clock, [&](QByteArrayView text, WireSocket::Times at) {
        const QJsonObject o = QJsonDocument::fromJson(text.toByteArray()).object();
        if (o.value(u"type"_s).toString() == u"error")
            ++refused;
        else if (o.value(u"re"_s).isDouble())
            ackedAt.insert(o.value(u"re"_s).toInteger(), at.arrived);
        ++acked;
    });
    worker.setName(u"the worker"_s);
    worker.sendText(frameOf({{u"type"_s, u"register"_s},
                             {u"id"_s, u"r"_s},
                             {u"token"_s, u"bench"_s},
                             {u"worker_id"_s, u"bench-worker"_s},
                             {u"platform"_s, u"demo"_s},
                             {u"accounts"_s, QJsonArray::fromStringList(accounts)}}));
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
        const Batch b = ClientFleet::fanMessages(accounts, messages, n, 20, [&](int i) {
            return u"fx%1-%2"_s.arg(batches).arg(i); // the marker the fleet's handler looks for
        });
        messages += n;
        const QByteArray frame = frameOf(
            {{u"type"_s, u"data_sync"_s}, {u"id"_s, batches}, {u"batch"_s, protocol::batchToJson(b)}});
        sentAt.insert(batches, clock.nsecsElapsed());
        worker.sendText(frame);
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
        for (qint64 d : deliveries)
            delivered += d;
        return delivered >= expected;
    };
    try {
        waitUntil(countDelivered, 60000, u"every delivery"_s);
    } catch (const Failure &f) {
        const int connected = fleet.connected();
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
    Samples fromCommit; // the commit seen (acknowledgement or first delivery) -> arrival
    Samples toRead;     // the commit seen -> read by this process
    Samples fromSend;   // send -> arrival
    Samples spread;     // the batch's first arrival -> this arrival
    QHash<qint64, qint64> firstAt;
    for (const Receipt &r : std::as_const(receipts)) {
        auto it = firstAt.find(r.batch);
        if (it == firstAt.end() || r.at.arrived < *it)
            firstAt.insert(r.batch, r.at.arrived);
    }
    for (const Receipt &r : std::as_const(receipts)) {
        const qint64 first = firstAt.value(r.batch);
        const qint64 commit = std::min(first, ackedAt.value(r.batch, first));
        fromCommit.add(r.at.arrived - commit);
        toRead.add(r.at.read - commit);
        fromSend.add(r.at.arrived - sentAt.value(r.batch, r.at.arrived));
        spread.add(r.at.arrived - first);
    }
    out << "latency (commit seen -> arrival):  " << summary(fromCommit) << Qt::endl;
    out << "latency (commit seen -> read):     " << summary(toRead) << Qt::endl;
    out << "latency (send -> arrival):         " << summary(fromSend) << Qt::endl;
    out << "spread (first arrival -> arrival): " << summary(spread) << Qt::endl;
    out << "master peak RSS " << peakKb / 1024.0 << " MB" << Qt::endl;
    return JsonLine()
        .add(u"workload"_s, u"fanout"_s)
        .add(u"clients"_s, qint64(clients))
        .add(u"accounts"_s, qint64(accountCount))
        .add(u"rate"_s, rate)
        .add(u"deliveries_per_s"_s, deliveriesPerSecond)
        .add(u"p50_ms"_s, fromCommit.percentileMs(50))
        .add(u"p99_ms"_s, fromCommit.percentileMs(99))
        .add(u"read_p50_ms"_s, toRead.percentileMs(50))
        .add(u"read_p99_ms"_s, toRead.percentileMs(99))
        .add(u"send_p50_ms"_s, fromSend.percentileMs(50))
        .add(u"send_p99_ms"_s, fromSend.percentileMs(99))
        .add(u"spread_p50_ms"_s, spread.percentileMs(50))
        .add(u"spread_p99_ms"_s, spread.percentileMs(99))
        .add(u"server_rss_mb"_s, double(peakKb) / 1024.0);
}

} // namespace hiscrm::bench
