// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by every workload of hiscrm-bench: the options, failures, timing, percentiles, the
// human-readable tables on stdout and the one-line JSON summary.

#include "common/Error.h"

#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace hiscrm::bench {

struct Options
{
    QString workload;
    qint64 messages = -1;      // -1: the workload's default
    qint64 conversations = -1; // -1: the workload's default
    quint64 seed = 1;
    int queries = -1;  // search, search-typing; -1: the workload's default
    int calls = -1;    // list, open; -1: the workload's default
    int batch = 1000;  // ingest, worker-ingest: items per batch
    int interval = -1; // search-typing: ms between keystrokes; -1: the default
    int clients = -1;  // fanout: paired clients (1000)
    int accounts = -1; // fanout: accounts, each client scoped to one (100)
    double rate = -1;  // fanout: deliveries per second aimed at (20000)
    int seconds = -1;  // fanout: length of the run (10)
    int runs = -1;     // worker-ingest: runs, alternated, whose medians are reported (1)
    QString db;        // empty: a temporary directory
    bool keep = false;
    bool json = false;
};

// Thrown for anything that makes a run meaningless (a store error, a missing file); main() prints
// the message and exits non-zero. An exception, so temporary directories are still cleaned up.
struct Failure
{
    QString message;
};

[[noreturn]] void fail(const QString &message);

// The value of a store call, or a Failure naming what was attempted and the store's error.
template <typename T> T check(Result<T> &&result, const QString &what)
{
    if (!result)
        fail(QStringLiteral("%1 failed: %2: %3")
                 .arg(what, errorCodeName(result.error().code), result.error().message));
    return std::move(result.value());
}

// Human-readable output (stdout, flushed per line).
void say(const QString &line);

// Runs f once and stores its duration in *ns; returns what f returned.
template <typename F> auto timeNs(qint64 *ns, F &&f)
{
    QElapsedTimer timer;
    timer.start();
    auto result = f();
    *ns = timer.nsecsElapsed();
    return result;
}

double seconds(const QElapsedTimer &timer);
// CPU time the calling thread has used so far, in seconds; -1 where the OS does not say. Steadier
// than wall time on a machine whose disk speed varies, for comparing two builds.
double threadCpuSeconds();

// The median of a few figures (of repeated runs): the middle one, or the mean of the middle two for
// an even count; 0 for none.
double median(std::vector<double> figures);

// Latency samples in nanoseconds; figures in milliseconds.
class Samples
{
public:
    void add(qint64 ns) { m_ns.append(ns); }
    qsizetype count() const { return m_ns.size(); }
    bool isEmpty() const { return m_ns.isEmpty(); }
    // Nearest-rank percentile (p in (0, 100]); 0 for no samples.
    double percentileMs(double p) const;
    double maxMs() const;
    double meanMs() const;

private:
    QList<qint64> m_ns;
};

// Times one store call, and fails with `what` if it returned an error; returns its value.
template <typename F> auto measure(qint64 *ns, const QString &what, F &&call)
{
    return check(timeNs(ns, std::forward<F>(call)), what);
}

// "12.345": every figure is printed with 3 decimals.
QString fixed3(double v);
// "p50 1.234 ms, p90 ..., p99 ..., max ... (n calls)"
QString summary(const Samples &samples);
// Columns for a latency table: count, p50, p90, p99, max (ms).
QStringList figureHeader();
QStringList figures(const Samples &samples);

// A left-aligned text table for stdout.
class Table
{
public:
    explicit Table(QStringList header)
        : m_rows{std::move(header)}
    {}
    void addRow(QStringList cells) { m_rows.append(std::move(cells)); }
    void print() const;

private:
    QList<QStringList> m_rows;
};

// Latency samples of one kind of call, with the rows (hits, conversations) its pages held.
struct Group
{
    Samples samples;
    qint64 rows = 0;

    void add(qint64 ns, qsizetype pageRows)
    {
        samples.add(ns);
        rows += pageRows;
    }
    double averageRows() const { return samples.isEmpty() ? 0 : double(rows) / double(samples.count()); }
};

// One table row per group: name, the latency figures, the average rows per call.
template <typename Map, typename NameOf>
void printGroups(const QString &column, const QString &rowsColumn, const Map &groups, NameOf nameOf)
{
    Table table(QStringList{column} + figureHeader() + QStringList{rowsColumn});
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        table.addRow(QStringList{nameOf(it.key())} + figures(it->samples) +
                     QStringList{fixed3(it->averageRows())});
    table.print();
}

// A compact JSON object whose keys keep the order they were added in.
class JsonLine
{
public:
    JsonLine &add(const QString &key, const QString &value);
    JsonLine &add(const QString &key, qint64 value);
    JsonLine &add(const QString &key, double value); // 3 decimals; null when not finite
    QString toString() const;

private:
    QStringList m_members;
};

} // namespace hiscrm::bench
