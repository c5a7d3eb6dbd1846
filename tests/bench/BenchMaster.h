// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A real hiscrm-master process for the workloads that drive it over WebSocket (worker-ingest,
// fanout), and a wait that sleeps in the event loop.

#include "BenchCommon.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTimer>

namespace hiscrm::bench {

// Pumps the event loop until done() or the timeout; a Failure on timeout. Sleeps until something
// happens (processEvents with a time limit would return at once when nothing is pending: a busy
// loop that took a core from the master on a 2-core machine).
template <typename F> void waitUntil(F done, int ms, const QString &what)
{
    QElapsedTimer t;
    t.start();
    QTimer tick;
    tick.start(50); // to notice the timeout
    while (!done()) {
        if (t.elapsed() > ms)
            fail(QStringLiteral("timed out waiting for %1").arg(what));
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
}

class MasterProcess
{
public:
    // Starts hiscrm-master on the database at a free loopback port, worker token "bench".
    explicit MasterProcess(const QString &db);
    ~MasterProcess();
    Q_DISABLE_COPY_MOVE(MasterProcess)

    quint16 port = 0;
    // A field of /proc/<pid>/status in kB (VmRSS, VmHWM); -1 where there is none.
    qint64 statusKb(const char *field) const;

private:
    QProcess m_p;
};

} // namespace hiscrm::bench
