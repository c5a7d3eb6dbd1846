// SPDX-License-Identifier: GPL-3.0-or-later
// ingest: worker batches into a fresh master store, against a bare SQLite insert of the same rows.

#include "BenchData.h"
#include "Workloads.h"

#include <QHash>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;
using model::Batch;

namespace {

struct Generated
{
    QList<Batch> directory;
    QList<Batch> items;
    QList<QList<qint64>> baselineIds; // per item batch: messages, then comments
};

// Ids as the store makes them (created_at * 1024 + the next free slot of that millisecond), so the
// baseline's primary key sees the same values in the same order.
QList<qint64> baselineIds(const Batch &batch, QHash<qint64, qint64> &nextSlot)
{
    QList<qint64> ids;
    ids.reserve(itemCount(batch));
    const auto add = [&](qint64 createdAt) {
        ids.append(createdAt * 1024 + nextSlot[createdAt]++);
    };
    for (const model::MessageRecord &m : batch.messages)
        add(m.createdAt);
    for (const model::CommentRecord &c : batch.comments)
        add(c.createdAt);
    return ids;
}

Generated generate(const demo::GeneratorConfig &config, qint64 items, int perBatch)
{
    Generated g;
    demo::Generator generator(config);
    g.directory = directoryBatches(generator);
    g.items.reserve(items / perBatch + 1);
    generateItems(
        generator, items, [&](Batch &&batch) { g.items.append(std::move(batch)); }, perBatch);
    QHash<qint64, qint64> nextSlot;
    nextSlot.reserve(items);
    for (const Batch &batch : std::as_const(g.items))
        g.baselineIds.append(baselineIds(batch, nextSlot));
    return g;
}

struct StoreTimes
{
    double directory = 0;
    double items = 0;      // until the last batch is committed and searchable
    double committed = 0;  // until the last batch is committed
    double itemsCpu = -1;  // CPU time of the ingesting thread (checkpoints run on another)
    QList<qint64> batchNs; // per item batch
};

StoreTimes ingestStore(const QString &path, const Generated &g)
{
    const auto store = openStore(path, store::Store::Durability::Full);
    StoreTimes t;
    QElapsedTimer timer;
    timer.start();
    for (const Batch &batch : g.directory)
        check(store->ingest(batch), u"ingesting the directory"_s);
    t.directory = seconds(timer);
    timer.restart();
    const double cpuBefore = threadCpuSeconds();
    t.batchNs.reserve(g.items.size());
    for (qsizetype i = 0; i < g.items.size(); ++i) {
        qint64 ns = 0;
        measure(&ns, u"ingesting item batch %1"_s.arg(i), [&] { return store->ingest(g.items[i]); });
        t.batchNs.append(ns);
    }
    t.committed = seconds(timer);
    // Searchable too: the index is written by a thread of its own and may be a batch behind.
    if (const Error e = store->waitForSearchIndex())
        fail(u"waiting for the search index failed: "_s + e.message);
    t.items = seconds(timer);
    if (cpuBefore >= 0)
        t.itemsCpu = threadCpuSeconds() - cpuBefore;
    return t;
}

// Throughput per tenth of the run: shows whether ingest slows down as the store grows.
void printTenths(const Generated &g, const QList<qint64> &batchNs)
{
    Table table({u"items"_s, u"msgs/s"_s, u"batch p50 ms"_s, u"batch max ms"_s});
    const qsizetype n = batchNs.size();
    qint64 itemsBefore = 0;
    for (qsizetype tenth = 0; tenth < 10; ++tenth) {
        const qsizetype from = n * tenth / 10, to = n * (tenth + 1) / 10;
        if (from == to)
            continue;
        Samples samples;
        qint64 items = 0;
        double ns = 0;
        for (qsizetype i = from; i < to; ++i) {
            samples.add(batchNs[i]);
            items += itemCount(g.items[i]);
            ns += double(batchNs[i]);
        }
        table.addRow({u"%1-%2"_s.arg(itemsBefore).arg(itemsBefore + items), fixed3(double(items) / ns * 1e9),
                      fixed3(samples.percentileMs(50)), fixed3(samples.maxMs())});
        itemsBefore += items;
    }
    table.print();
}

void insertRow(RawStatement &insert, qint64 id, const QString &account, const QString &thread,
               const QString &platformId, const QString &sender, const QString &text, qint64 createdAt)
{
    insert.bind(1, id).bind(2, account).bind(3, thread).bind(4, platformId).bind(5, sender).bind(6, text);
    insert.bind(7, createdAt);
    insert.step();
    insert.reset();
}

// The same rows into one plain table: no other index, no FTS, one transaction per batch.
double ingestBaseline(const QString &path, const Generated &g)
{
    removeDatabase(path);
    RawDb db(path, false);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("CREATE TABLE items(id INTEGER PRIMARY KEY, account TEXT, conversation TEXT, platform_id TEXT, "
            "sender TEXT, text TEXT, created_at INTEGER)");
    RawStatement begin(db, "BEGIN IMMEDIATE");
    RawStatement commit(db, "COMMIT");
    RawStatement insert(db,
                        "INSERT INTO items(id, account, conversation, platform_id, sender, text, created_at) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    QElapsedTimer timer;
    timer.start();
    for (qsizetype b = 0; b < g.items.size(); ++b) {
        const Batch &batch = g.items[b];
        const QList<qint64> &ids = g.baselineIds[b];
        qsizetype k = 0;
        begin.step();
        begin.reset();
        for (const model::MessageRecord &m : batch.messages)
            insertRow(insert, ids[k++], m.accountId, m.conversationId, m.platformId, m.senderId, m.text,
                      m.createdAt);
        for (const model::CommentRecord &c : batch.comments)
            insertRow(insert, ids[k++], c.accountId, c.contentId, c.platformId, c.authorId, c.text,
                      c.createdAt);
        commit.step();
        commit.reset();
    }
    return seconds(timer);
}

} // namespace

JsonLine runIngest(const Options &options)
{
    const qint64 items = options.messages > 0 ? options.messages : 100'000;
    const demo::GeneratorConfig config = benchConfig(options.seed, items, options.conversations);
    Workspace workspace(options);
    say(u"data: %1 items in batches of %2; %3"_s.arg(items).arg(options.batch).arg(describe(config)));

    QElapsedTimer timer;
    timer.start();
    const Generated g = generate(config, items, options.batch);
    qsizetype directoryRecords = 0;
    for (const Batch &batch : g.directory)
        directoryRecords += batch.size();
    say(u"data: generated %1 directory records in %2 batches and %3 item batches in %4 s (not part of the "
        "figures)"_s.arg(directoryRecords)
            .arg(g.directory.size())
            .arg(g.items.size())
            .arg(fixed3(seconds(timer))));

    // The sidecar marks the --db file as ours, so the next run may replace it.
    workspace.clearStore();
    const QString storePath = workspace.storePath();
    say(u"store: ingesting into %1 (durability Full)"_s.arg(storePath));
    const StoreTimes store = ingestStore(storePath, g);
    printTenths(g, store.batchNs);
    expectItemCount(storePath, items);
    if (workspace.isUserPath())
        workspace.writeParams(u"format=hiscrm-bench-data-1\nsetup=ingest\n"_s);

    const QString baselinePath = workspace.sidePath(u"baseline.sqlite"_s);
    say(u"baseline: inserting into %1 (plain table, WAL, synchronous FULL)"_s.arg(baselinePath));
    const double baseline = ingestBaseline(baselinePath, g);

    const double rate = double(items) / store.items;
    const double rateWithDirectory = double(items) / (store.items + store.directory);
    const double baselineRate = double(items) / baseline;
    const double ratio = rate / baselineRate;
    say(u"store:    %1 items in %2 s = %3 msgs/s (directory: %4 records in %5 s, not included; with it "
        "%6 msgs/s)"_s.arg(items)
            .arg(fixed3(store.items), fixed3(rate))
            .arg(directoryRecords)
            .arg(fixed3(store.directory), fixed3(rateWithDirectory)));
    say(u"store:    searchable after %1 s; the last batch was committed after %2 s (%3 msgs/s)"_s.arg(
        fixed3(store.items), fixed3(store.committed), fixed3(double(items) / store.committed)));
    if (store.itemsCpu >= 0)
        say(u"store:    the ingesting thread used %1 s of CPU (%2 msgs per CPU second)"_s.arg(
            fixed3(store.itemsCpu), fixed3(double(items) / store.itemsCpu)));
    say(u"baseline: %1 items in %2 s = %3 msgs/s"_s.arg(items).arg(fixed3(baseline), fixed3(baselineRate)));
    say(u"ratio:    %1 (store / baseline throughput)"_s.arg(fixed3(ratio)));

    return JsonLine()
        .add(u"workload"_s, u"ingest"_s)
        .add(u"messages"_s, items)
        .add(u"batch"_s, qint64(options.batch))
        .add(u"msgs_per_s"_s, rate)
        .add(u"baseline_msgs_per_s"_s, baselineRate)
        .add(u"ratio"_s, ratio)
        .add(u"store_s"_s, store.items)
        .add(u"store_committed_s"_s, store.committed)
        .add(u"store_cpu_s"_s, store.itemsCpu)
        .add(u"directory_s"_s, store.directory)
        .add(u"msgs_per_s_incl_directory"_s, rateWithDirectory)
        .add(u"baseline_s"_s, baseline);
}

} // namespace hiscrm::bench
