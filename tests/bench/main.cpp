// SPDX-License-Identifier: GPL-3.0-or-later
// hiscrm-bench: measures the store on data from demo::Generator. Figures go to stdout; with --json
// the last line of stdout is one JSON object summing the run up.

#include "BenchCommon.h"
#include "Workloads.h"

#include "common/EventDispatcher.h"
#include "protocol/Protocol.h"

#include <sqlite3.h>

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstring>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace hiscrm::bench;

namespace {

struct Workload
{
    QString name;
    QString description;
    std::function<JsonLine(const Options &)> run;
};

const QList<Workload> &workloads()
{
    static const QList<Workload> list = {
        {u"ingest"_s, u"batches into a fresh store vs a bare SQLite insert; --messages (100000)"_s,
         runIngest},
        {u"search"_s, u"query mix vs a LIKE scan; --messages (100000), --queries (600)"_s, runSearch},
        {u"list"_s, u"conversation list pages per filter; --conversations (20000), --calls (2000)"_s,
         runList},
        {u"open"_s, u"newest and 20 older pages of one conversation; --messages (100000), --calls (1000)"_s,
         runOpen},
        {u"worker-ingest"_s,
         u"an external worker over loopback WebSocket into hiscrm-master vs in-process ingest; --messages (100000), --clients C (none) to run it again with C paired clients receiving, over --accounts (100); --runs N (1) for medians"_s,
         runWorkerIngest},
        {u"startup"_s,
         u"the desktop app on a prepared history: first window and peak RSS; --messages (100000), --calls runs (5)"_s,
         runStartup},
        {u"fanout"_s,
         u"live pushes to paired clients of hiscrm-master while a worker ingests; --clients (1000), "
         u"--accounts (100), --rate deliveries/s (20000), --seconds (10)"_s,
         runFanout},
        {u"feed"_s,
         u"the master's reading and encoding of the change feed, without sockets: changesFor pages and "
         u"push rounds (a scope per account) vs a bare SQLite scan; --messages (100000)"_s,
         runFeed},
        {u"sync"_s,
         u"a desktop's first catch-up from hiscrm-master into a fresh replica, until searchable, vs "
         u"in-process ingest; --messages (100000)"_s,
         runSync},
        {u"e2e"_s,
         u"a worker's messages through hiscrm-master into the replicas of paired desktops (SyncEngine): send "
         u"to committed in each; --clients desktops (50), --rate messages/s (1000), --seconds (10)"_s,
         runE2e},
        {u"search-typing"_s,
         u"typing into the real search panel, keystroke to results and to paint, vs Store::search; "
         u"--messages (100000), --queries (100), --interval ms (100)"_s,
         runSearchTyping},
    };
    return list;
}

void printError(const QString &message)
{
    QTextStream err(stderr);
    err << "hiscrm-bench: " << message << Qt::endl;
}

// Reads a whole-number option in [1, max] into *out when it is given; false (and *error) if invalid.
bool positive(const QCommandLineParser &parser, const QString &option, qint64 max, qint64 *out,
              QString *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qint64 v = parser.value(option).toLongLong(&ok);
    if (!ok || v <= 0 || v > max) {
        *error = u"--%1 needs a whole number from 1 to %2, not \"%3\""_s.arg(option).arg(max).arg(
            parser.value(option));
        return false;
    }
    *out = v;
    return true;
}

} // namespace

// Whether the command line names a workload that drives widgets.
bool wantsWidgets(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "search-typing") == 0)
            return true;
    }
    return false;
}

// Whether the command line names a workload whose main thread holds a fleet of clients (a thousand
// sockets): it polls them with epoll, as the master's clients thread does, so that what the bench
// measures is the master rather than poll() over a thousand of its own sockets at every wake-up.
bool wantsFleet(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "fanout") == 0 || std::strcmp(argv[i], "worker-ingest") == 0)
            return true;
    }
    return false;
}

int main(int argc, char *argv[])
{
    // search-typing shows a real SearchPanel and needs a QApplication, offscreen unless a platform
    // is chosen; the other workloads need no GUI, nor a display.
    const bool widgets = wantsWidgets(argc, argv);
    // Searches are measured on varied text: the fortune files when installed (the demo itself uses
    // only its built-in lines unless asked). HISCRM_DEMO_CORPUS=builtin gives the same data on
    // every machine.
    if (qEnvironmentVariableIsEmpty("HISCRM_DEMO_CORPUS"))
        qputenv("HISCRM_DEMO_CORPUS", "fortunes");
    if (widgets && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!widgets && wantsFleet(argc, argv)) {
        if (QAbstractEventDispatcher *dispatcher = hiscrm::createScalableEventDispatcher())
            QCoreApplication::setEventDispatcher(dispatcher);
    }
    const std::unique_ptr<QCoreApplication> app =
        widgets ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(u"hiscrm-bench"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HISCRM_VERSION));

    QString description = u"Benchmarks the HisCRM store on deterministic demo data.\n\nWorkloads:\n"_s;
    for (const Workload &w : workloads())
        description += u"  %1  %2\n"_s.arg(w.name.leftJustified(7), w.description);
    description +=
        u"\nWith --db PATH the prepared store is kept at PATH and reused while PATH.params matches."_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"workload"_s, u"ingest, search, list or open"_s);
    parser.addOptions({
        {u"messages"_s, u"Messages and comments to generate."_s, u"N"_s},
        {u"conversations"_s, u"Conversations to generate."_s, u"N"_s},
        {u"seed"_s, u"Seed of the generator and the query mix (default 1)."_s, u"S"_s, u"1"_s},
        {u"queries"_s, u"search: timed queries (default 600); search-typing: queries typed (100)."_s, u"Q"_s},
        {u"calls"_s, u"list, open: timed calls (defaults 2000, 1000)."_s, u"N"_s},
        {u"batch"_s, u"ingest, worker-ingest: items per worker batch (default 1000, at most 5000)."_s,
         u"N"_s},
        {u"interval"_s, u"search-typing: milliseconds between keystrokes (default 100)."_s, u"MS"_s},
        {u"clients"_s,
         u"fanout: paired clients (default 1000); worker-ingest: paired clients receiving while the worker streams, in a second run (default none)."_s,
         u"C"_s},
        {u"accounts"_s,
         u"fanout, worker-ingest with clients: accounts; each client sees one (default 100)."_s, u"A"_s},
        {u"rate"_s, u"fanout: deliveries per second aimed at (default 20000)."_s, u"R"_s},
        {u"seconds"_s, u"fanout: length of the run (default 10)."_s, u"S"_s},
        {u"runs"_s,
         u"worker-ingest: run the streams (and the baseline) N times, alternated, and report the medians (default 1)."_s,
         u"N"_s},
        {u"db"_s, u"Keep the prepared store at PATH; reuse it when it holds the same data."_s, u"PATH"_s},
        {u"keep"_s, u"Keep the temporary directory."_s},
        {u"json"_s, u"End stdout with one line of JSON."_s},
    });
    parser.process(*app);

    const QStringList args = parser.positionalArguments();
    const Workload *workload = nullptr;
    for (const Workload &w : workloads()) {
        if (args.size() == 1 && args.first() == w.name)
            workload = &w;
    }
    if (!workload) {
        printError(args.isEmpty()
                       ? u"name a workload: ingest, search, list or open (see --help)"_s
                       : u"unknown workload \"%1\"; use ingest, search, list or open"_s.arg(args.join(u' ')));
        return 2;
    }

    Options options;
    options.workload = workload->name;
    qint64 queries = options.queries, calls = options.calls, batch = options.batch,
           interval = options.interval, clients = -1, accounts = -1, rate = -1, secs = -1, runs = -1;
    QString error;
    bool seedOk = false;
    options.seed = parser.value(u"seed"_s).toULongLong(&seedOk);
    if (!seedOk)
        error = u"--seed needs a whole number, not \"%1\""_s.arg(parser.value(u"seed"_s));
    constexpr qint64 kMaxCount = 1'000'000'000;
    if (!seedOk || !positive(parser, u"messages"_s, kMaxCount, &options.messages, &error) ||
        !positive(parser, u"conversations"_s, 10'000'000, &options.conversations, &error) ||
        !positive(parser, u"queries"_s, kMaxCount, &queries, &error) ||
        !positive(parser, u"calls"_s, kMaxCount, &calls, &error) ||
        !positive(parser, u"batch"_s, hiscrm::protocol::kMaxBatchRecords, &batch, &error) ||
        !positive(parser, u"interval"_s, 60'000, &interval, &error) ||
        !positive(parser, u"clients"_s, 20'000, &clients, &error) ||
        !positive(parser, u"accounts"_s, 10'000, &accounts, &error) ||
        !positive(parser, u"rate"_s, 10'000'000, &rate, &error) ||
        !positive(parser, u"seconds"_s, 3600, &secs, &error) ||
        !positive(parser, u"runs"_s, 100, &runs, &error)) {
        printError(error);
        return 2;
    }
    options.queries = int(queries);
    options.calls = int(calls);
    options.batch = int(batch);
    options.interval = int(interval);
    options.clients = int(clients);
    options.accounts = int(accounts);
    options.rate = double(rate);
    options.seconds = int(secs);
    options.runs = int(runs);
    options.db = parser.value(u"db"_s);
    options.keep = parser.isSet(u"keep"_s);
    options.json = parser.isSet(u"json"_s);

    say(u"hiscrm-bench %1: %2, seed %3 (Qt %4, SQLite %5)"_s
            .arg(QCoreApplication::applicationVersion(), workload->name)
            .arg(options.seed)
            .arg(QString::fromLatin1(qVersion()), QString::fromLatin1(sqlite3_libversion())));
    try {
        const JsonLine result = workload->run(options);
        if (options.json)
            say(result.toString());
    } catch (const Failure &f) {
        printError(f.message);
        return 1;
    }
    return 0;
}
