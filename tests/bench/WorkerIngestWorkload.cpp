// SPDX-License-Identifier: GPL-3.0-or-later
// worker-ingest: an external worker streams data_sync frames over loopback WebSocket into a
// hiscrm-master process; the baseline is the same batches ingested in-process in the same run.

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
#include <QWebSocket>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;
using model::Batch;

namespace {

constexpr int kInFlight = 4; // frames sent ahead of their acknowledgement, as a real worker would

QByteArray frameOf(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

JsonLine runWorkerIngest(const Options &options)
{
    const qint64 items = options.messages > 0 ? options.messages : 100000;
    const demo::GeneratorConfig config = benchConfig(options.seed, items, options.conversations);
    QTextStream out(stdout);
    out << "data: " << items << " items; " << describe(config) << Qt::endl;

    demo::Generator generator(config);
    QList<Batch> directory = directoryBatches(generator);
    QList<Batch> batches;
    generateItems(
        generator, items, [&](Batch &&b) { batches.append(std::move(b)); }, options.batch);
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

    Workspace workspace(options);
    const QString db = workspace.storePath();
    removeDatabase(db);
    MasterProcess master(db);
    QWebSocket socket;
    QList<QJsonObject> replies;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, [&](const QString &text) {
        replies.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    socket.setMaxAllowedIncomingMessageSize(protocol::kMaxFrameBytes);
    // One WebSocket frame per protocol frame: Qt would cut larger messages into 512 KiB fragments
    // without regard to UTF-8, which the master's Qt 6.4 refuses (docs/protocol.md, "Frames").
    socket.setOutgoingFrameSize(quint64(protocol::kMaxFrameBytes));
    socket.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(master.port)));
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
    roundTrip({{u"type"_s, u"register"_s},
               {u"id"_s, u"r"_s},
               {u"v"_s, 1},
               {u"token"_s, u"bench"_s},
               {u"worker_id"_s, u"bench-worker"_s},
               {u"platform"_s, config.platform},
               {u"accounts"_s, QJsonArray::fromStringList(accounts)}});
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
    const double wsSeconds = seconds(timer);
    socket.close();
    const double wsRate = double(items) / wsSeconds;
    out << "worker:   " << items << " items over WebSocket in " << wsSeconds << " s = " << wsRate << " msgs/s"
        << Qt::endl;

    // Baseline: the same batches, in-process, into a fresh store with the master's durability.
    const QString basePath = workspace.sidePath(u"inprocess.sqlite"_s);
    removeDatabase(basePath);
    const auto store = openStore(basePath, store::Store::Durability::Full);
    for (const Batch &b : std::as_const(directory))
        check(store->ingest(b), u"ingesting the directory in-process"_s);
    timer.restart();
    for (const Batch &b : std::as_const(batches))
        check(store->ingest(b), u"ingesting in-process"_s);
    if (const Error e = store->waitForSearchIndex()) // as the ingest workload: searchable too
        fail(u"waiting for the search index failed: "_s + e.message);
    const double baseSeconds = seconds(timer);
    const double baseRate = double(items) / baseSeconds;
    out << "baseline: " << items << " items in-process in " << baseSeconds << " s = " << baseRate << " msgs/s"
        << Qt::endl;
    out << "ratio:    " << wsRate / baseRate << " (worker over WebSocket / in-process)" << Qt::endl;

    return JsonLine()
        .add(u"workload"_s, u"worker-ingest"_s)
        .add(u"messages"_s, items)
        .add(u"msgs_per_s"_s, wsRate)
        .add(u"baseline_msgs_per_s"_s, baseRate)
        .add(u"ratio"_s, wsRate / baseRate);
}

} // namespace hiscrm::bench
