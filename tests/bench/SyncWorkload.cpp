// SPDX-License-Identifier: GPL-3.0-or-later
// sync: a desktop's first catch-up from a team master. A real hiscrm-master serves a store of N
// generated messages; a fresh replica is filled by the desktop's SyncEngine (sync pages over
// loopback WebSocket, each page applied in one transaction, search index built beside it), timed
// from the engine's start until it is live and everything is searchable in the replica. Baseline:
// the same data ingested in-process into a fresh store of the replica's durability, also until
// searchable, in the same run.

#include "BenchClients.h"
#include "BenchData.h"
#include "BenchMaster.h"
#include "Workloads.h"

#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;
using model::Batch;

JsonLine runSync(const Options &options)
{
    const qint64 items = options.messages > 0 ? options.messages : 100000;
    const demo::GeneratorConfig config = benchConfig(options.seed, items, options.conversations);
    QTextStream out(stdout);
    out << "data: " << items << " items; " << describe(config) << Qt::endl;

    // The master's store (kept with --db), and a device that sees every account.
    Workspace workspace(options);
    const DataSpec spec{.setup = u"sync: none"_s, .config = config, .items = items};
    const QString masterDb = prepareStore(workspace, spec);
    QString token;
    {
        const auto store = openStore(masterDb, store::Store::Durability::Normal);
        token = ClientFleet::pairDevices(*store, {}, 1).value(0);
    }
    MasterProcess master(masterDb);

    const QString replica = workspace.sidePath(u"replica.sqlite"_s);
    removeDatabase(replica);
    double syncSeconds = 0;
    {
        sync::SyncEngine engine(replica, {QUrl(u"ws://127.0.0.1:%1/client"_s.arg(master.port)), token, {}});
        bool live = false;
        QString refused;
        QObject::connect(
            &engine, &sync::SyncEngine::stateChanged, [&](sync::SyncEngine::State s, const QString &detail) {
                live = live || s == sync::SyncEngine::State::Live;
                if (s == sync::SyncEngine::State::Refused || s == sync::SyncEngine::State::Offline)
                    refused = detail;
            });
        QElapsedTimer timer;
        timer.start();
        if (const Error e = engine.start())
            fail(u"the replica could not be opened: "_s + e.message);
        waitUntil([&] { return live || !refused.isEmpty(); }, 3600 * 1000, u"the catch-up"_s);
        if (!refused.isEmpty())
            fail(u"the sync stopped: "_s + refused);
        const double caughtUp = seconds(timer);
        store::Store::Options ro;
        ro.access = store::Store::Access::ReadOnly;
        const auto reader = check(store::Store::open(replica, ro), u"opening the replica"_s);
        if (const Error e = reader->waitForSearchIndex(3600 * 1000))
            fail(u"the replica's search index: "_s + e.message);
        syncSeconds = seconds(timer);
        const QJsonObject counts = check(reader->counts(), u"counting the replica"_s);
        const qint64 synced =
            counts.value(u"messages"_s).toInteger() + counts.value(u"comments"_s).toInteger();
        if (synced != items)
            fail(u"the replica holds %1 messages and comments, not %2"_s.arg(synced).arg(items));
        out << "sync:     " << items << " items caught up in " << caughtUp << " s, searchable after "
            << syncSeconds << " s = " << double(items) / syncSeconds << " msgs/s" << Qt::endl;
    }

    // Baseline: the same data in-process into a fresh store, until searchable.
    demo::Generator generator(config);
    const QList<Batch> directory = directoryBatches(generator);
    QList<Batch> batches;
    generateItems(
        generator, items, [&](Batch &&b) { batches.append(std::move(b)); }, options.batch);
    const double baseSeconds = inProcessSeconds(workspace.sidePath(u"inprocess.sqlite"_s), directory, batches,
                                                store::Store::Durability::Normal);
    const double rate = double(items) / syncSeconds;
    const double baseRate = double(items) / baseSeconds;
    out << "baseline: " << items << " items in-process in " << baseSeconds << " s = " << baseRate << " msgs/s"
        << Qt::endl;
    out << "ratio:    " << rate / baseRate << " (sync from a master / in-process ingest)" << Qt::endl;
    return JsonLine()
        .add(u"workload"_s, u"sync"_s)
        .add(u"messages"_s, items)
        .add(u"msgs_per_s"_s, rate)
        .add(u"baseline_msgs_per_s"_s, baseRate)
        .add(u"ratio"_s, rate / baseRate);
}

} // namespace hiscrm::bench
