// SPDX-License-Identifier: GPL-3.0-or-later
// e2e: a worker sends R messages a second into a real hiscrm-master with D paired desktops, each a
// real SyncEngine (its own thread, replica and search indexer) in this process. Latency runs from
// the worker's send of a batch to that batch being committed in each replica: the master's
// acknowledgement gives the batch's revision, and a replica holds the batch once its cursor (the
// engine's progress) reaches it. The search index of a replica follows its commits on its own
// thread and is not waited for here.

#include "BenchClients.h"
#include "BenchData.h"
#include "BenchMaster.h"
#include "Workloads.h"

#include "common/Clock.h"
#include "protocol/Protocol.h"
#include "sync/SyncEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>
#include <QWebSocket>

#include <memory>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;
using namespace model;

JsonLine runE2e(const Options &options)
{
    const int desktops = options.clients > 0 ? options.clients : 50;
    const double rate = options.rate > 0 ? options.rate : 1000;
    const int runSeconds = options.seconds > 0 ? options.seconds : 10;
    constexpr int kTickMs = 10; // a batch this often (the worker's rate limit is 200 frames/s)
    constexpr int kAccounts = 8;
    QTextStream out(stdout);
    out << "e2e: " << desktops << " desktops, " << rate << " messages/s for " << runSeconds << " s"
        << Qt::endl;

    Workspace workspace(options);
    const QString db = workspace.storePath();
    removeDatabase(db);
    QStringList accounts;
    QStringList tokens;
    {
        const auto store = openStore(db, store::Store::Durability::Normal);
        accounts = ClientFleet::addAccounts(*store, kAccounts);
        tokens = ClientFleet::pairDevices(*store, {}, desktops);
    }
    MasterProcess master(db);

    // The desktops, each caught up (live) before the stream starts.
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<sync::SyncEngine>> engines;
    std::vector<qint64> cursors(size_t(desktops), 0);
    QList<std::pair<qint64, qint64>> progress; // (revision, ns) as the replicas reach them
    QList<QList<std::pair<qint64, qint64>>> perDesktop(desktops);
    int live = 0;
    for (int d = 0; d < desktops; ++d) {
        auto e = std::make_unique<sync::SyncEngine>(
            workspace.sidePath(u"replica-%1.sqlite"_s.arg(d)),
            sync::RemoteMaster{QUrl(u"ws://127.0.0.1:%1/client"_s.arg(master.port)), tokens[d], {}});
        QObject::connect(e.get(), &sync::SyncEngine::stateChanged,
                         [&live](sync::SyncEngine::State s, const QString &) {
                             live += s == sync::SyncEngine::State::Live ? 1 : 0;
                         });
        QObject::connect(e.get(), &sync::SyncEngine::progress,
                         [&perDesktop, &clock, d](qint64 cursor, qint64) {
                             perDesktop[d].append({cursor, clock.nsecsElapsed()});
                         });
        if (const Error err = e->start())
            fail(u"a replica could not be opened: "_s + err.message);
        engines.push_back(std::move(e));
    }
    waitUntil([&] { return live >= desktops; }, 120000, u"the desktops to catch up"_s);
    out << "desktops: " << desktops << " live" << Qt::endl;

    // The worker.
    QWebSocket worker;
    worker.setOutgoingFrameSize(quint64(protocol::kMaxFrameBytes));
    QHash<qint64, qint64> sentAt;   // batch -> ns
    QHash<qint64, qint64> revision; // batch -> the revision its commit made
    int answers = 0;
    QObject::connect(&worker, &QWebSocket::textMessageReceived, [&](const QString &text) {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        ++answers;
        if (o.value(u"type"_s).toString() == u"data_sync_ack")
            revision.insert(o.value(u"re"_s).toInteger(), o.value(u"revision"_s).toInteger());
        else if (o.value(u"type"_s).toString() == u"error")
            fail(u"the master refused: "_s + o.value(u"message"_s).toString());
    });
    worker.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(master.port)));
    waitUntil([&] { return worker.state() == QAbstractSocket::ConnectedState; }, 10000, u"the worker"_s);
    worker.sendTextMessage(
        QString::fromUtf8(QJsonDocument(QJsonObject{{u"type"_s, u"register"_s},
                                                    {u"id"_s, u"r"_s},
                                                    {u"token"_s, u"bench"_s},
                                                    {u"worker_id"_s, u"e2e"_s},
                                                    {u"platform"_s, u"demo"_s},
                                                    {u"accounts"_s, QJsonArray::fromStringList(accounts)}})
                              .toJson(QJsonDocument::Compact)));
    waitUntil([&] { return answers == 1; }, 10000, u"the worker to register"_s);

    qint64 batches = 0;
    qint64 messages = 0;
    double owed = 0;
    bool tick = false;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&tick] { tick = true; });
    ticker.start(kTickMs);
    qint64 last = clock.nsecsElapsed();
    const qint64 end = last + qint64(runSeconds) * 1000000000;
    while (clock.nsecsElapsed() < end) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        const qint64 now = clock.nsecsElapsed();
        owed += rate * double(now - last) / 1e9;
        last = now;
        if (!tick || owed < 1)
            continue;
        tick = false;
        const int n = std::min(int(owed), protocol::kMaxBatchRecords);
        owed -= n;
        const Batch b = ClientFleet::fanMessages(accounts, messages, n, 50,
                                                 [&](int i) { return u"e2e-%1"_s.arg(messages + i); });
        messages += n;
        const QJsonObject frame{
            {u"type"_s, u"data_sync"_s}, {u"id"_s, batches}, {u"batch"_s, protocol::batchToJson(b)}};
        sentAt.insert(batches, clock.nsecsElapsed());
        worker.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        ++batches;
    }
    waitUntil([&] { return revision.size() >= batches; }, 60000, u"the last acknowledgements"_s);
    const qint64 lastRevision = revision.value(batches - 1);
    waitUntil(
        [&] {
            for (const auto &p : std::as_const(perDesktop)) {
                if (p.isEmpty() || p.last().first < lastRevision)
                    return false;
            }
            return true;
        },
        120000, u"every replica to hold every batch"_s);

    // Each batch in each replica: the first progress at or past its revision.
    Samples latency;
    for (const auto &p : std::as_const(perDesktop)) {
        for (qint64 b = 0; b < batches; ++b) {
            const qint64 rev = revision.value(b);
            const auto it =
                std::lower_bound(p.cbegin(), p.cend(), rev,
                                 [](const std::pair<qint64, qint64> &x, qint64 r) { return x.first < r; });
            if (it == p.cend())
                fail(u"a replica never reached batch %1"_s.arg(b));
            latency.add(it->second - sentAt.value(b));
        }
    }
    out << "sent:     " << messages << " messages in " << batches << " batches" << Qt::endl;
    out << "latency (send -> committed in each replica): " << summary(latency) << Qt::endl;
    out << "master peak RSS " << master.statusKb("VmHWM") / 1024.0 << " MB" << Qt::endl;
    engines.clear();
    return JsonLine()
        .add(u"workload"_s, u"e2e"_s)
        .add(u"desktops"_s, qint64(desktops))
        .add(u"rate"_s, rate)
        .add(u"messages"_s, messages)
        .add(u"p50_ms"_s, latency.percentileMs(50))
        .add(u"p99_ms"_s, latency.percentileMs(99));
}

} // namespace hiscrm::bench
