// SPDX-License-Identifier: GPL-3.0-or-later
// worker-ingest: an external worker streams data_sync frames over loopback WebSocket into a
// hiscrm-master process; the baseline is the same batches ingested in-process in the same run.
// With --clients C, the stream runs a second time into a master with C paired clients receiving the
// pushes (each scoped to one of --accounts A accounts, default 100), and its figure is compared
// with the first. The worker streams from a thread of its own and the clients read in the main
// thread, as they would in processes of their own; they share the machine's cores with the master.

#include "BenchClients.h"
#include "BenchData.h"
#include "BenchMaster.h"
#include "Workloads.h"

#include "protocol/Protocol.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTextStream>
#include <QThread>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <exception>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;
using model::Batch;

namespace {

constexpr int kInFlight = 4; // frames sent ahead of their acknowledgement, as a real worker would

QByteArray frameOf(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// What streaming the batches through a worker took, and what the clients received meanwhile.
struct Stream
{
    double seconds = 0;
    qint64 pushes = 0;
    qint64 pushBytes = 0;
    double pushTailSeconds = 0; // from the last acknowledgement to the last push's arrival
};

// The worker: connects to the master on `port`, registers, sends the directory and streams
// `frames`, kInFlight ahead of the acknowledgements. Returns the seconds from the first frame to the
// last acknowledgement. Runs on a thread of its own, as a worker is a process of its own: the
// clients' reads in this process's main thread do not hold up its acknowledgements.
double streamFrames(quint16 port, const QJsonObject &registerFrame, const QList<Batch> &directory,
                    const QList<QByteArray> &frames)
{
    QWebSocket socket;
    QList<QJsonObject> replies;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, [&](const QString &text) {
        replies.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    socket.setMaxAllowedIncomingMessageSize(protocol::kMaxFrameBytes);
    // One WebSocket frame per protocol frame: Qt would cut larger messages into 512 KiB fragments
    // without regard to UTF-8, which the master's Qt 6.4 refuses (docs/protocol.md, "Frames").
    socket.setOutgoingFrameSize(quint64(protocol::kMaxFrameBytes));
    socket.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
    waitUntil([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000, u"the connection"_s);
    const auto roundTrip = [&](const QJsonObject &o) {
        replies.clear();
        socket.sendTextMessage(QString::fromUtf8(frameOf(o)));
        waitUntil([&] { return !replies.isEmpty(); }, 60000,
                  o.value(u"type"_s).toString() + u" "_s + o.value(u"id"_s).toString() + u" (connection "_s +
                      (socket.state() == QAbstractSocket::ConnectedState
                           ? u"open"_s
                           : u"closed: "_s + socket.closeReason()) +
                      u")"_s);
        const QJsonObject r = replies.takeFirst();
        if (r.value(u"type"_s).toString() == u"error")
            fail(u"master refused %1: %2"_s.arg(o.value(u"type"_s).toString(),
                                                r.value(u"message"_s).toString()));
        return r;
    };
    roundTrip(registerFrame);
    for (const Batch &b : std::as_const(directory))
        roundTrip({{u"type"_s, u"data_sync"_s},
                   {u"id"_s, u"d"_s},
                   {u"v"_s, 1},
                   {u"batch"_s, protocol::batchToJson(b)}});

    replies.clear();
    QElapsedTimer timer;
    timer.start();
    qsizetype sent = 0, acked = 0;
    while (acked < frames.size()) {
        while (sent < frames.size() && sent - acked < kInFlight)
            socket.sendTextMessage(QString::fromUtf8(frames[sent++]));
        waitUntil([&] { return !replies.isEmpty(); }, 60000, u"an acknowledgement"_s);
        while (!replies.isEmpty()) {
            const QJsonObject r = replies.takeFirst();
            if (r.value(u"type"_s).toString() != u"data_sync_ack")
                fail(u"master refused a batch: %1"_s.arg(QString::fromUtf8(frameOf(r))));
            ++acked;
        }
    }
    const double elapsed = seconds(timer);
    socket.close();
    return elapsed;
}

// Starts a master on db, connects the clients of `tokens` (none: no clients) and streams the
// frames through a worker (streamFrames) while this thread reads the clients' pushes. With
// clients, the run then waits for their pushes to stop and fails if any client was dropped.
Stream streamThroughWorker(const QString &db, const QJsonObject &registerFrame, const QList<Batch> &directory,
                           const QList<QByteArray> &frames, const QStringList &tokens)
{
    MasterProcess master(db);
    qint64 lastPushNs = 0;
    std::unique_ptr<ClientFleet> fleet;
    if (!tokens.isEmpty()) {
        fleet = std::make_unique<ClientFleet>(
            master.port, [&lastPushNs](int, QByteArrayView, WireSocket::Times at) { lastPushNs = at.read; });
        QElapsedTimer connecting;
        connecting.start();
        fleet->connectAll(tokens);
        QTextStream(stdout) << "clients:  " << tokens.size() << " paired clients caught up in "
                            << seconds(connecting) << " s" << Qt::endl;
    }

    Stream result;
    const qint64 pushesBefore = fleet ? fleet->pushes() : 0;
    const qint64 bytesBefore = fleet ? fleet->pushBytes() : 0;
    std::exception_ptr workerFailed;
    std::atomic<bool> workerDone = false;
    qint64 lastAckNs = 0; // on the clients' clock
    QObject waker;        // lives in this thread: an event posted to it ends the wait below
    std::unique_ptr<QThread> worker(QThread::create([&] {
        try {
            result.seconds = streamFrames(master.port, registerFrame, directory, frames);
            if (fleet)
                lastAckNs = fleet->clock().nsecsElapsed();
        } catch (...) {
            workerFailed = std::current_exception();
        }
        workerDone = true;
        QMetaObject::invokeMethod(
            &waker, [] {}, Qt::QueuedConnection);
    }));
    worker->setObjectName(u"worker"_s);
    worker->start();
    while (!workerDone)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    worker->wait();
    if (workerFailed)
        std::rethrow_exception(workerFailed);
    if (fleet) {
        // The pushes of the last commits: until a second passes without one.
        waitUntil([&] { return fleet->clock().nsecsElapsed() - lastPushNs > 1000000000; }, 120000,
                  u"the pushes to end"_s);
        if (fleet->connected() != fleet->size())
            fail(
                u"%1 of %2 clients were dropped while they received"_s.arg(fleet->size() - fleet->connected())
                    .arg(fleet->size()));
        result.pushes = fleet->pushes() - pushesBefore;
        result.pushBytes = fleet->pushBytes() - bytesBefore;
        result.pushTailSeconds = std::max<qint64>(0, lastPushNs - lastAckNs) / 1e9;
    }
    return result;
}

// A fresh database at `path` holding the directory and `clients` paired devices, device i scoped to
// account i % A of `accounts`. Returns the devices' tokens.
QStringList pairedClientsStore(const QString &path, const QList<Batch> &directory, const QString &platform,
                               const QStringList &accounts, int clients)
{
    removeDatabase(path);
    const auto store = openStore(path, store::Store::Durability::Normal);
    QList<qint64> ids;
    for (const Batch &b : directory)
        check(store->ingest(b), u"ingesting the directory"_s);
    for (const QString &a : accounts)
        ids << check(store->accountByPlatformId(platform, a), u"reading an account"_s).value().id;
    return ClientFleet::pairDevices(*store, ids, clients);
}

} // namespace

JsonLine runWorkerIngest(const Options &options)
{
    const qint64 items = options.messages > 0 ? options.messages : 100000;
    const int clients = std::max(options.clients, 0);
    demo::GeneratorConfig config = benchConfig(options.seed, items, options.conversations);
    if (clients > 0) // the fanout's shape: a thousand clients over a hundred accounts
        config.accounts = options.accounts > 0 ? options.accounts : 100;
    if (config.accounts > std::max(clients, 1) && clients > 0)
        fail(u"--accounts (%1) must not exceed --clients (%2)"_s.arg(config.accounts).arg(clients));
    QTextStream out(stdout);
    out << "data: " << items << " items; " << describe(config) << Qt::endl;

    demo::Generator generator(config);
    QList<Batch> directory = directoryBatches(generator);
    QList<Batch> batches;
    generateItems(
        generator, items, [&](Batch &&b) { batches.append(std::move(b)); }, options.batch);
    // A batch's items bring their senders, conversations and videos along; the protocol counts
    // them all (docs/protocol.md, "Limits"), so a large --batch can make frames the master refuses.
    for (const Batch &b : std::as_const(batches)) {
        if (b.size() > protocol::kMaxBatchRecords)
            fail(u"--batch %1 makes batches of %2 records with the people, conversations and "
                 u"videos they bring, over the %3 a data_sync may hold; use a smaller --batch"_s
                     .arg(itemCount(b))
                     .arg(b.size())
                     .arg(protocol::kMaxBatchRecords));
    }
    QStringList accounts;
    for (int i = 0; i < config.accounts; ++i)
        accounts << generator.accountId(i);
    // The worker's JSON encoding happens before the clock starts: this measures the master.
    QList<QByteArray> frames;
    for (qsizetype i = 0; i < batches.size(); ++i)
        frames << frameOf({{u"type"_s, u"data_sync"_s},
                           {u"id"_s, qint64(i)},
                           {u"v"_s, 1},
                           {u"batch"_s, protocol::batchToJson(batches[i])}});

    const QJsonObject registerFrame{{u"type"_s, u"register"_s},
                                    {u"id"_s, u"r"_s},
                                    {u"v"_s, 1},
                                    {u"token"_s, u"bench"_s},
                                    {u"worker_id"_s, u"bench-worker"_s},
                                    {u"platform"_s, config.platform},
                                    {u"accounts"_s, QJsonArray::fromStringList(accounts)}};

    Workspace workspace(options);
    const int runs = std::max(options.runs, 1);
    std::vector<double> wsRates, clientsRates, clientsRatios, pushTails, baseRates, ratios;
    for (int run = 1; run <= runs; ++run) {
        if (runs > 1)
            out << "run " << run << " of " << runs << ":" << Qt::endl;
        const QString db = workspace.storePath();
        removeDatabase(db);
        const double wsSeconds = streamThroughWorker(db, registerFrame, directory, frames, {}).seconds;
        const double wsRate = double(items) / wsSeconds;
        wsRates.push_back(wsRate);
        out << "worker:   " << items << " items over WebSocket in " << wsSeconds << " s = " << wsRate
            << " msgs/s" << Qt::endl;

        // The same with paired clients receiving.
        if (clients > 0) {
            const QString clientsDb = workspace.sidePath(u"clients.sqlite"_s);
            const QStringList tokens =
                pairedClientsStore(clientsDb, directory, config.platform, accounts, clients);
            const Stream s = streamThroughWorker(clientsDb, registerFrame, directory, frames, tokens);
            const double clientsRate = double(items) / s.seconds;
            clientsRates.push_back(clientsRate);
            clientsRatios.push_back(clientsRate / wsRate);
            pushTails.push_back(s.pushTailSeconds * 1000);
            out << "clients:  " << items << " items over WebSocket in " << s.seconds << " s = " << clientsRate
                << " msgs/s while " << clients << " clients received " << s.pushes << " pushes ("
                << s.pushBytes / 1048576.0 << " MiB); " << clientsRate / wsRate << " of the figure without"
                << Qt::endl;
            out << "clients:  the last push arrived " << s.pushTailSeconds * 1000
                << " ms after the last acknowledgement" << Qt::endl;
        }

        // The baseline: the same batches in-process, with the master's durability.
        const double baseSeconds = inProcessSeconds(workspace.sidePath(u"inprocess.sqlite"_s), directory,
                                                    batches, store::Store::Durability::Full);
        const double baseRate = double(items) / baseSeconds;
        baseRates.push_back(baseRate);
        ratios.push_back(wsRate / baseRate);
        out << "baseline: " << items << " items in-process in " << baseSeconds << " s = " << baseRate
            << " msgs/s" << Qt::endl;
        out << "ratio:    " << wsRate / baseRate << " (worker over WebSocket / in-process)" << Qt::endl;
    }
    if (runs > 1) {
        out << "medians of " << runs << " runs: " << median(wsRates) << " msgs/s, ratio " << median(ratios);
        if (clients > 0)
            out << "; with clients " << median(clientsRates) << " msgs/s, " << median(clientsRatios)
                << " of the figure without (runs "
                << *std::min_element(clientsRatios.begin(), clientsRatios.end()) << " to "
                << *std::max_element(clientsRatios.begin(), clientsRatios.end()) << ")";
        out << Qt::endl;
    }

    // Each figure is the median of the runs, a ratio the median of the runs' own ratios.
    JsonLine line = JsonLine()
                        .add(u"workload"_s, u"worker-ingest"_s)
                        .add(u"messages"_s, items)
                        .add(u"runs"_s, qint64(runs))
                        .add(u"msgs_per_s"_s, median(wsRates))
                        .add(u"baseline_msgs_per_s"_s, median(baseRates))
                        .add(u"ratio"_s, median(ratios));
    if (clients > 0) {
        line.add(u"clients"_s, qint64(clients))
            .add(u"msgs_per_s_with_clients"_s, median(clientsRates))
            .add(u"clients_ratio"_s, median(clientsRatios))
            .add(u"push_tail_ms"_s, median(pushTails));
    }
    return line;
}

} // namespace hiscrm::bench
