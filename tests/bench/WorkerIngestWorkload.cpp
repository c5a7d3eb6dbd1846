// SPDX-License-Identifier: GPL-3.0-or-later
// worker-ingest: an external worker streams data_sync frames over loopback WebSocket into a
// hiscrm-master process; the baseline is the same batches ingested in-process in the same run.

#include "BenchData.h"
#include "Workloads.h"

#include "protocol/Protocol.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>
#include <QTimer>
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

// Pumps the event loop until done() or the timeout; a Failure on timeout.
template <typename F> void waitUntil(F done, int ms, const QString &what)
{
    QElapsedTimer t;
    t.start();
    // Sleeps until something happens (processEvents with a time limit would return at once when
    // nothing is pending: a busy loop that took a core from the master on a 2-core machine).
    QTimer tick;
    tick.start(50); // to notice the timeout
    while (!done()) {
        if (t.elapsed() > ms)
            fail(u"timed out waiting for %1"_s.arg(what));
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
}

class MasterProcess
{
public:
    explicit MasterProcess(const QString &db)
    {
        m_p.setProgram(QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s);
        // The master's warnings (a refused batch, a dropped worker) belong in the bench's output.
        m_p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_p.setArguments({u"--db"_s, db, u"--listen"_s, u"127.0.0.1:0"_s, u"--token"_s, u"bench"_s,
                          u"--log-level"_s, qEnvironmentVariable("HISCRM_BENCH_MASTER_LOG", u"warning"_s)});
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
    ~MasterProcess()
    {
        m_p.terminate();
        if (!m_p.waitForFinished(20000))
            m_p.kill();
    }
    quint16 port = 0;

private:
    QProcess m_p;
};

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
