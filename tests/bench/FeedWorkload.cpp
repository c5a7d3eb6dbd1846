// SPDX-License-Identifier: GPL-3.0-or-later
// feed: the master's own cost of the change feed, without sockets. On a store of N generated
// messages, on a read-only connection as the master's clients thread has:
//   - all:    Store::changesFor pages of 1000 from revision 0 to the end, every row wanted (what a
//             device that sees every account catches up with);
//   - scoped: the same pages for a device that sees one account (the accounts' first), whose
//             catch-up skips every other account's rows;
//   - pushes: PushEncoder::read rounds over the same feed for one scope per account (what live pushes
//             read and encode, each change encoded once and framed once per scope that sees it).
// Baseline: a bare sqlite3 scan of the same tables in revision order, reading every column (text as
// UTF-8) and nothing more, in the same run. Each is timed over the whole feed, best of three passes
// (the passes after the first find the pages in the page cache, as the master does).

#include "BenchData.h"
#include "Workloads.h"

#include "master/PushEncoder.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTextStream>

#include <sqlite3.h>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr int kPasses = 3;
constexpr int kPageSize = 1000; // as the master's pushes read

// The baseline: every row of the synced tables by revision, every column read. Returns the rows.
qint64 bareScan(const QString &path, qint64 *bytes)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        fail(u"cannot open %1 for the baseline"_s.arg(path));
    qint64 rows = 0;
    *bytes = 0;
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (const char *table :
         {"accounts", "users", "contents", "conversations", "items", "tags", "tombstones"}) {
        sqlite3_stmt *s = nullptr;
        const QByteArray sql = QByteArray("SELECT * FROM ") + table + " ORDER BY rev";
        if (sqlite3_prepare_v2(db, sql.constData(), -1, &s, nullptr) != SQLITE_OK)
            fail(u"the baseline cannot read %1: %2"_s.arg(QLatin1String(table),
                                                          QString::fromUtf8(sqlite3_errmsg(db))));
        const int columns = sqlite3_column_count(s);
        while (sqlite3_step(s) == SQLITE_ROW) {
            ++rows;
            for (int c = 0; c < columns; ++c) {
                if (sqlite3_column_type(s, c) == SQLITE_TEXT)
                    *bytes += sqlite3_column_bytes(s, c) + (sqlite3_column_text(s, c) != nullptr);
                else
                    *bytes += sqlite3_column_int64(s, c) & 1;
            }
        }
        sqlite3_finalize(s);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rows;
}

// The whole feed through changesFor, the rows `wanted` (every row: null). Returns the changes kept;
// `bytes` their JSON.
qint64 readAll(const store::Store &store, const std::function<bool(const store::ChangeAccounts &)> &wanted,
               qint64 *bytes, QByteArray *firstRow)
{
    qint64 changes = 0;
    *bytes = 0;
    for (qint64 since = 0;;) {
        const store::OwnedChangePage page =
            check(store.changesFor(since, kPageSize, wanted), u"changesFor"_s);
        for (const store::Change &c : page.changes) {
            ++changes;
            *bytes += c.dataJson.size();
            if (firstRow->isEmpty() && c.entity == u"item")
                *firstRow = c.dataJson;
        }
        since = page.next;
        if (!page.hasMore)
            return changes;
    }
}

// The whole feed through the push encoder, one scope per account. Returns the frames' bytes.
qint64 readPushes(const store::Store &store, const QList<qint64> &accounts, qint64 *frames)
{
    QList<master::PushFeed> feeds;
    for (qint64 a : accounts)
        feeds.append(master::PushFeed{u"a%1"_s.arg(a), store::AccountScope{{a}}, 0, 0});
    qint64 bytes = 0;
    *frames = 0;
    for (;;) {
        const master::PushRound round = master::PushEncoder::read(store, feeds);
        if (!round.error.isEmpty())
            fail(u"a push round failed: "_s + round.error);
        for (const master::PushFrames &f : round.feeds) {
            *frames += f.frames.size();
            for (const QByteArray &frame : f.frames)
                bytes += frame.size();
        }
        bool moved = false;
        for (master::PushFeed &f : feeds) {
            moved = moved || round.to > f.scanned;
            f.scanned = round.to;
        }
        if (!moved)
            return bytes;
    }
}

template <typename F> double bestSeconds(F &&pass)
{
    qint64 best = std::numeric_limits<qint64>::max();
    for (int i = 0; i < kPasses; ++i) {
        QElapsedTimer t;
        t.start();
        pass();
        best = std::min(best, t.nsecsElapsed());
    }
    return double(best) / 1e9;
}

} // namespace

JsonLine runFeed(const Options &options)
{
    const qint64 items = options.messages > 0 ? options.messages : 100'000;
    const DataSpec spec{.setup = u"feed: none"_s,
                        .config = benchConfig(options.seed, items, options.conversations),
                        .items = items};
    Workspace workspace(options);
    const QString path = prepareStore(workspace, spec);
    auto reader = check(store::Store::openReader(path), u"opening the store read-only"_s);
    QList<qint64> accounts;
    for (const model::Account &a : check(reader->accounts(), u"listing the accounts"_s))
        accounts.append(a.id);

    qint64 rows = 0, rowBytes = 0;
    const double bareS = bestSeconds([&] { rows = bareScan(path, &rowBytes); });
    qint64 changes = 0, jsonBytes = 0;
    QByteArray firstRow;
    const double allS = bestSeconds([&] { changes = readAll(*reader, nullptr, &jsonBytes, &firstRow); });
    if (changes != rows)
        fail(u"changesFor gave %1 changes for %2 rows"_s.arg(changes).arg(rows));
    if (!QJsonDocument::fromJson(firstRow).isObject())
        fail(u"an item's row is not a JSON object: "_s + QString::fromUtf8(firstRow.left(200)));
    const store::AccountScope one{{accounts.value(0)}};
    qint64 scopedChanges = 0, scopedBytes = 0;
    const double scopedS = bestSeconds([&] {
        scopedChanges = readAll(
            *reader, [&one](const store::ChangeAccounts &owners) { return owners.visibleTo(one); },
            &scopedBytes, &firstRow);
    });
    qint64 frames = 0, pushBytes = 0;
    const double pushS = bestSeconds([&] { pushBytes = readPushes(*reader, accounts, &frames); });

    QTextStream out(stdout);
    out << "feed: " << rows << " rows (" << rowBytes / 1024 / 1024 << " MiB of columns), " << accounts.size()
        << " accounts" << Qt::endl;
    out << "baseline (bare sqlite3 scan): " << fixed3(bareS * 1000) << " ms, " << qint64(rows / bareS)
        << " rows/s" << Qt::endl;
    out << "changesFor, all rows:         " << fixed3(allS * 1000) << " ms, " << qint64(changes / allS)
        << " rows/s, " << jsonBytes / 1024 / 1024 << " MiB of JSON" << Qt::endl;
    out << "changesFor, one account:      " << fixed3(scopedS * 1000) << " ms, " << qint64(changes / scopedS)
        << " rows/s looked at, " << scopedChanges << " kept" << Qt::endl;
    out << "push rounds, a scope each:    " << fixed3(pushS * 1000) << " ms, " << qint64(changes / pushS)
        << " changes/s, " << frames << " frames, " << pushBytes / 1024 / 1024 << " MiB" << Qt::endl;

    return JsonLine()
        .add(u"workload"_s, u"feed"_s)
        .add(u"messages"_s, items)
        .add(u"rows"_s, rows)
        .add(u"rows_per_s"_s, double(changes) / allS)
        .add(u"scoped_rows_per_s"_s, double(changes) / scopedS)
        .add(u"push_changes_per_s"_s, double(changes) / pushS)
        .add(u"baseline_rows_per_s"_s, double(rows) / bareS)
        .add(u"ratio"_s, bareS / allS)
        .add(u"scoped_ratio"_s, bareS / scopedS)
        .add(u"push_ratio"_s, bareS / pushS);
}

} // namespace hiscrm::bench
