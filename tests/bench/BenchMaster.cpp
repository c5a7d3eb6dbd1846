// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchMaster.h"

#include <QFile>
#include <QRegularExpression>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>

#include <csignal>
#endif

namespace hiscrm::bench {

using namespace Qt::StringLiterals;

MasterProcess::MasterProcess(const QString &db)
{
    m_p.setProgram(QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s);
    // The master's warnings (a refused batch, a dropped worker) belong in the bench's output.
    m_p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_p.setArguments({u"--db"_s, db, u"--listen"_s, u"127.0.0.1:0"_s, u"--token"_s, u"bench"_s,
                      u"--log-level"_s, qEnvironmentVariable("HISCRM_BENCH_MASTER_LOG", u"warning"_s)});
#ifdef Q_OS_LINUX
    // A bench stopped by a signal (a timeout, Ctrl+C) takes its master with it: the destructor
    // below runs only on a normal exit, and an orphaned master would hold its port and database.
    // (Linux sends it when the thread that started the master ends: workloads start it in the main
    // thread.)
    m_p.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_p.start();
    if (!m_p.waitForStarted(10000))
        fail(u"cannot start %1 (build the hiscrm-master target)"_s.arg(m_p.program()));
    static const QRegularExpression re(u"ws://127\\.0\\.0\\.1:(\\d+)/"_s);
    QByteArray out;
    waitUntil(
        [&] {
            out += m_p.readAllStandardOutput();
            return re.match(QString::fromUtf8(out)).hasMatch() || m_p.state() == QProcess::NotRunning;
        },
        15000, u"hiscrm-master to listen"_s);
    const auto m = re.match(QString::fromUtf8(out));
    if (!m.hasMatch())
        fail(u"hiscrm-master did not start: %1"_s.arg(QString::fromUtf8(m_p.readAllStandardError())));
    port = quint16(m.captured(1).toUInt());
}

MasterProcess::~MasterProcess()
{
    m_p.terminate();
    if (!m_p.waitForFinished(20000))
        m_p.kill();
}

qint64 MasterProcess::statusKb(const char *field) const
{
    QFile f(u"/proc/%1/status"_s.arg(m_p.processId()));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace hiscrm::bench
