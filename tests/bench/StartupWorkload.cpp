// SPDX-License-Identifier: GPL-3.0-or-later
// startup: the real desktop app (build/bin/hiscrm) launched on a prepared history of N messages;
// time to the first interactive window and the process's peak resident memory.

#include "../DesktopProgram.h"
#include "BenchData.h"
#include "Workloads.h"
#include "store/SearchIndexer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>
#include <QThread>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;

namespace {

// Peak resident set size of a running process in MB (Linux: VmHWM), 0 when unknown.
double peakRssMb(qint64 pid)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    static const QRegularExpression re(u"VmHWM:\\s+(\\d+) kB"_s);
    const auto m = re.match(QString::fromLatin1(f.readAll()));
    return m.hasMatch() ? m.captured(1).toDouble() / 1024.0 : 0;
}

} // namespace

JsonLine runStartup(const Options &options)
{
    const qint64 items = options.messages > 0 ? options.messages : 100000;
    const int runs = options.calls > 0 ? options.calls : 5;
    const DataSpec spec{.setup = u"startup: none"_s,
                        .config = benchConfig(options.seed, items, options.conversations),
                        .items = items};
    Workspace workspace(options);
    const QString path = prepareStore(workspace, spec);

    // The app keeps its history as hiscrm.db in its data folder.
    const QString dataDir = workspace.sidePath(u"appdata"_s);
    QDir().mkpath(dataDir);
    const QString appDb = QDir(dataDir).filePath(u"hiscrm.db"_s);
    // The search index next to it too, or the app would start by building it.
    for (const auto &[from, to] :
         {std::pair{path, appDb}, std::pair{store::searchIndexPath(path), store::searchIndexPath(appDb)}}) {
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(to + suffix);
        if (!QFile::link(QFileInfo(from).absoluteFilePath(), to) && !QFile::copy(from, to))
            fail(u"cannot place the prepared history at %1"_s.arg(to));
    }

    QTextStream out(stdout);
    const QString app = desktopProgram();
    Samples windowMs;
    double rss = 0;
    for (int run = 0; run < runs; ++run) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(u"QT_QPA_PLATFORM"_s) && !env.contains(u"DISPLAY"_s))
            env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        p.setProcessEnvironment(env);
        p.start(app, {u"--data-dir"_s, dataDir, u"--measure-startup"_s});
        if (!p.waitForStarted(10000))
            fail(u"cannot start %1 (build the hiscrm target)"_s.arg(app));
        double peak = 0;
        QByteArray output;
        QElapsedTimer guard;
        guard.start();
        while (p.state() != QProcess::NotRunning) {
            peak = qMax(peak, peakRssMb(p.processId()));
            p.waitForFinished(20);
            output += p.readAllStandardOutput();
            if (guard.elapsed() > 60000) {
                p.kill();
                fail(u"the app did not finish its start-up run within a minute"_s);
            }
        }
        output += p.readAllStandardOutput();
        static const QRegularExpression re(u"first_window_ms (\\d+)"_s);
        const auto m = re.match(QString::fromUtf8(output));
        if (!m.hasMatch())
            fail(u"the app printed no start-up time: %1 %2"_s.arg(
                QString::fromUtf8(output), QString::fromUtf8(p.readAllStandardError())));
        const qint64 ms = m.captured(1).toLongLong();
        windowMs.add(ms * 1'000'000);
        rss = qMax(rss, peak);
        out << "run " << run + 1 << ": first window " << ms << " ms, peak RSS " << peak << " MB" << Qt::endl;
    }
    const double p50 = windowMs.percentileMs(50);
    out << "startup: " << items << " messages: first window p50 " << p50 << " ms, peak RSS " << rss << " MB ("
        << runs << " runs)" << Qt::endl;
    return JsonLine()
        .add(u"workload"_s, u"startup"_s)
        .add(u"messages"_s, items)
        .add(u"first_window_ms"_s, p50)
        .add(u"rss_mb"_s, rss);
}

} // namespace hiscrm::bench
