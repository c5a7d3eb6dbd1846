// SPDX-License-Identifier: GPL-3.0-or-later
// hiscrm-master under abuse and overload, as a real process: file descriptors running out, many
// unfinished frames from strangers, a status flood beside a working worker, SIGTERM with full input
// queues, a worker that names 10,000 accounts and leaves. The assertions are properties (accepting
// again, bounded memory, every batch acknowledged, a clean exit, no phantom rows); the figures
// (times, memory) are printed with qInfo for the record, not asserted.

#include "TestUtil.h"

#include "protocol/Protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QtEndian>

#include <algorithm>
#include <memory>
#include <vector>

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace testutil;

namespace {

const QString kToken = u"s3cret"_s;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Runs the event loop until pred() holds or ms pass. Unlike QTest::qWaitFor it never sleeps, so
// timers and answers are handled when they come, and the times measured mean something.
template <typename F> bool waitUntil(F pred, int ms)
{
    QElapsedTimer clock;
    clock.start();
    QTimer tick; // wakes the loop to notice the deadline
    tick.start(20);
    while (!pred()) {
        if (clock.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// One worker connection, driven from the test; answers pings by itself.
class Client : public QObject
{
public:
    QWebSocket socket;
    QList<QJsonObject> received;
    QList<qint64> receivedAt; // ms on `clock` when each frame arrived
    QElapsedTimer clock;

    Client()
    {
        clock.start();
        // One WebSocket frame per protocol frame (docs/protocol.md, "Transport").
        socket.setOutgoingFrameSize(quint64(protocol::kMaxFrameBytes));
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            received.append(QJsonDocument::fromJson(text.toUtf8()).object());
            receivedAt.append(clock.elapsed());
        });
    }

    bool open(quint16 port, const QByteArray &authorization = {})
    {
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        socket.open(request);
        return waitUntil([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000);
    }

    void send(const QJsonObject &o) { socket.sendTextMessage(QString::fromUtf8(compact(o))); }

    // The answer to request `id`, taken off the list; empty after ms without it.
    QJsonObject waitFor(const QJsonValue &id, int ms = 10000)
    {
        QJsonObject out;
        (void)waitUntil(
            [&] {
                for (qsizetype i = 0; i < received.size(); ++i) {
                    if (received[i].value(u"re"_s) == id) {
                        out = received.takeAt(i);
                        receivedAt.removeAt(i);
                        return true;
                    }
                }
                return socket.state() != QAbstractSocket::ConnectedState;
            },
            ms);
        return out;
    }

    bool registerAs(const QString &workerId, const QStringList &accounts, bool withToken = true)
    {
        QJsonObject o{{u"type"_s, u"register"_s},
                      {u"id"_s, u"reg"_s},
                      {u"v"_s, 1},
                      {u"worker_id"_s, workerId},
                      {u"platform"_s, u"demo"_s},
                      {u"accounts"_s, QJsonArray::fromStringList(accounts)}};
        if (withToken)
            o.insert(u"token"_s, kToken);
        send(o);
        return waitFor(u"reg"_s).value(u"type"_s).toString() == u"registered";
    }
};

// hiscrm-master on a free port, its stderr collected.
class MasterProcess
{
public:
    QProcess process;
    quint16 port = 0;
    QByteArray err;

    bool start(const QString &db)
    {
        process.setProgram(QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s);
        process.setArguments({u"--db"_s, db, u"--listen"_s, u"127.0.0.1:0"_s, u"--token"_s, kToken,
                              u"--log-level"_s, u"warning"_s});
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start();
        if (!process.waitForStarted(10000))
            return false;
        static const QRegularExpression re(u"ws://127\\.0\\.0\\.1:(\\d+)/"_s);
        QByteArray out;
        (void)waitUntil(
            [&] {
                out += process.readAllStandardOutput();
                return re.match(QString::fromUtf8(out)).hasMatch() || process.state() == QProcess::NotRunning;
            },
            15000);
        const auto m = re.match(QString::fromUtf8(out));
        if (!m.hasMatch()) {
            qWarning() << "master did not start:" << out << process.readAllStandardError();
            return false;
        }
        port = quint16(m.captured(1).toUInt());
        return true;
    }

    ~MasterProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(10000);
        }
    }

    pid_t pid() const { return pid_t(process.processId()); }

    const QByteArray &stderrText()
    {
        err += process.readAllStandardError();
        return err;
    }

    int openDescriptors() const
    {
        DIR *dir = opendir(QByteArray("/proc/" + QByteArray::number(pid()) + "/fd").constData());
        if (!dir)
            return -1;
        int n = 0;
        while (const dirent *e = readdir(dir))
            n += e->d_name[0] == '.' ? 0 : 1;
        closedir(dir);
        return n;
    }

    // CPU time the process has used (user and system), in ms.
    qint64 cpuMs() const
    {
        QFile f(u"/proc/%1/stat"_s.arg(pid()));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray stat = f.readAll();
        // Fields after the command name, which is in parentheses and may hold spaces.
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        const qint64 ticks = fields.value(11).toLongLong() + fields.value(12).toLongLong(); // utime, stime
        return ticks * 1000 / sysconf(_SC_CLK_TCK);
    }

    // A field of /proc/<pid>/status in kB (VmRSS, VmHWM), -1 when unreadable.
    qint64 statusKb(const char *field) const
    {
        QFile f(u"/proc/%1/status"_s.arg(pid()));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.startsWith(QByteArray(field) + ':'))
                return line.mid(qstrlen(field) + 1).trimmed().split(' ').first().toLongLong();
        }
        return -1;
    }
};

Batch batchNo(int k, int size, const QString &account = u"acc-1"_s)
{
    QList<MessageRecord> ms;
    for (int i = 0; i < size; ++i)
        ms << dm(account, QStringLiteral("conv-%1").arg(i % 17), QStringLiteral("b%1-m%2").arg(k).arg(i),
                 QStringLiteral("u-%1").arg(i % 17),
                 QStringLiteral("第%1批第%2条：请问什么时候发货？").arg(k).arg(i), kT0 + k * 10000 + i);
    return batch(ms);
}

QJsonObject dataSync(int k, int size, const QString &account = u"acc-1"_s)
{
    return {{u"type"_s, u"data_sync"_s},
            {u"id"_s, k},
            {u"v"_s, 1},
            {u"batch"_s, protocol::batchToJson(batchNo(k, size, account))}};
}

// The WebSocket upgrade request of a client without a token.
QByteArray upgradeRequest()
{
    return "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

// A master beside a worker that works (acc-1) and a peer that floods it, on the database db.
struct FloodScene
{
    QString db;
    MasterProcess master;
    Client worker;
    Client flooder;
};

} // namespace

class TestMasterLimits : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    // Messages in the history the heavy tests start from: enough that counting the rows (what status
    // does) takes several milliseconds, as it does for an operator with a busy history.
    static constexpr int kHistory = 200000;

    // A copy of the history built in initTestCase (the database and its search index), at path.
    bool copyHistory(const QString &path)
    {
        const QString from = m_dir.filePath(u"history"_s);
        const QString to = path.chopped(3); // without ".db"
        for (const QString &suffix : {u".db"_s, u".db-wal"_s, u"-search.db"_s, u"-search.db-wal"_s}) {
            if (QFile::exists(from + suffix) && !QFile::copy(from + suffix, to + suffix))
                return false;
        }
        return true;
    }

    // A master on a copy of the history (the file `name` in the test folder), with two registered
    // peers: a worker for acc-1 and one that sends no data (it floods the master). Check
    // QTest::currentTestFailed() afterwards.
    void startWithFlooder(FloodScene &scene, const QString &name, const QString &flooderId)
    {
        scene.db = m_dir.filePath(name);
        QVERIFY(copyHistory(scene.db));
        QVERIFY(scene.master.start(scene.db));
        QVERIFY(scene.worker.open(scene.master.port));
        QVERIFY(scene.worker.registerAs(u"worker"_s, {u"acc-1"_s}));
        QVERIFY(scene.flooder.open(scene.master.port));
        QVERIFY(scene.flooder.registerAs(flooderId, {}));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QElapsedTimer t;
        t.start();
        Store::Options o;
        o.durability = Store::Durability::Normal;
        auto s = openStore(m_dir.filePath(u"history.db"_s), o);
        QVERIFY(s);
        for (int k = 0; k < kHistory / 1000; ++k)
            QVERIFY(s->ingest(batchNo(100000 + k, 1000)));
        QVERIFY(!s->waitForSearchIndex());
        qInfo("history of %d messages built in %lld ms", kHistory, t.elapsed());
    }

    // Out of descriptors, accept() fails. Left to itself, Qt 6.4 then either stops accepting for
    // good or calls accept() in a busy loop, depending on which error its socket engine saw first.
    // The master must neither give up nor spin, say so once, and accept again as soon as
    // descriptors are back.
    void acceptsAgainAfterDescriptorsRunOut()
    {
        MasterProcess m;
        QVERIFY(m.start(m_dir.filePath(u"fd.db"_s)));
        const int open = m.openDescriptors();
        QVERIFY(open > 0);
        // The limit is set on the running process (prlimit), so that start-up has what it needs:
        // room for a few connections only, far below the cap on unregistered connections.
        rlimit limit{};
        QCOMPARE(prlimit(m.pid(), RLIMIT_NOFILE, nullptr, &limit), 0);
        limit.rlim_cur = rlim_t(open + 8);
        QCOMPARE(prlimit(m.pid(), RLIMIT_NOFILE, &limit, nullptr), 0);

        std::vector<std::unique_ptr<QTcpSocket>> flood;
        for (int i = 0; i < 40; ++i) {
            flood.push_back(std::make_unique<QTcpSocket>());
            flood.back()->connectToHost(QHostAddress::LocalHost, m.port);
        }
        QVERIFY2(waitUntil([&] { return m.openDescriptors() >= open + 8; }, 10000),
                 qPrintable(u"%1 descriptors open"_s.arg(m.openDescriptors())));
        // accept() fails on the backlog meanwhile.
        const qint64 cpuBefore = m.cpuMs();
        QTest::qWait(1000);
        const qint64 cpu = m.cpuMs() - cpuBefore;
        QVERIFY2(cpu < 500, qPrintable(u"%1 ms of CPU in 1 s without descriptors"_s.arg(cpu)));

        QElapsedTimer resumed;
        resumed.start();
        for (const auto &s : flood)
            s->abort();
        flood.clear();
        Client w;
        QVERIFY2(w.open(m.port), "no WebSocket handshake after the flood ended");
        QVERIFY(w.registerAs(u"w1"_s, {u"acc-1"_s}));
        qInfo("descriptors: %d at start, limit %d; %lld ms of CPU in 1 s without descriptors; a worker "
              "registered %lld ms after the flood closed",
              open, open + 8, cpu, resumed.elapsed());
        QCOMPARE(m.stderrText().count("cannot accept worker connections"), 1); // once per burst
        w.send(dataSync(0, 10));
        QCOMPARE(w.waitFor(0).value(u"type"_s).toString(), u"data_sync_ack"_s);
    }

    // A stranger may not make the master buffer a large frame: before authentication frames are
    // small, and connections that have not registered are capped. 100 connections each sending all
    // but the last byte of a 2 MiB frame leave the master's peak memory bounded.
    void unfinishedFramesLeaveMemoryBounded()
    {
        MasterProcess m;
        QVERIFY(m.start(m_dir.filePath(u"memory.db"_s)));
        const qint64 before = m.statusKb("VmHWM");
        QVERIFY(before > 0);

        constexpr int n = 100;
        constexpr quint64 frameBytes = 2 * 1024 * 1024;
        QByteArray header;
        header.append(char(0x81));       // FIN, text
        header.append(char(0x80 | 127)); // masked, 64-bit length
        header.append(8, '\0');
        qToBigEndian<quint64>(frameBytes, header.data() + 2);
        header.append(4, '\0');                                   // masking key 0: the payload goes as it is
        const QByteArray payload(qsizetype(frameBytes) - 1, 'x'); // shared by every write

        std::vector<std::unique_ptr<QTcpSocket>> peers;
        for (int i = 0; i < n; ++i) {
            peers.push_back(std::make_unique<QTcpSocket>());
            peers.back()->connectToHost(QHostAddress::LocalHost, m.port);
        }
        for (const auto &p : peers) {
            if (p->waitForConnected(5000))
                p->write(upgradeRequest());
        }
        // Each is upgraded, or closed at once beyond the cap.
        QVERIFY(waitUntil(
            [&] {
                return std::all_of(peers.cbegin(), peers.cend(), [](const auto &p) {
                    return p->state() != QAbstractSocket::ConnectedState || p->bytesAvailable() > 0;
                });
            },
            15000));
        int upgraded = 0;
        for (const auto &p : peers) {
            if (p->state() == QAbstractSocket::ConnectedState && p->peek(12) == "HTTP/1.1 101") {
                ++upgraded;
                p->readAll();
                p->write(header);
                p->write(payload);
            }
        }
        // Until every byte is sent or the master cut the connection.
        QVERIFY(waitUntil(
            [&] {
                return std::all_of(peers.cbegin(), peers.cend(), [](const auto &p) {
                    return p->state() != QAbstractSocket::ConnectedState || p->bytesToWrite() == 0;
                });
            },
            30000));
        QTest::qWait(500); // the master reads what it got
        const qint64 peak = m.statusKb("VmHWM");
        const qint64 now = m.statusKb("VmRSS");
        qInfo("%d connections upgraded of %d; master VmHWM %lld kB before, %lld kB after; VmRSS %lld kB",
              upgraded, n, before, peak, now);
        QVERIFY2(peak < 64 * 1024, qPrintable(u"peak %1 kB"_s.arg(peak)));

        peers.clear();
        Client w;
        QVERIFY(w.open(m.port));
        QVERIFY(w.registerAs(u"w1"_s, {u"acc-1"_s}));
    }

    // One connection floods status (every 5 ms, as a monitoring script gone wrong might) while
    // another worker ingests: every batch of the worker is acknowledged, and the flooder is told
    // to slow down.
    void statusFloodLeavesOtherWorkersServed()
    {
        FloodScene scene;
        startWithFlooder(scene, u"flood.db"_s, u"monitor"_s);
        if (QTest::currentTestFailed())
            return;

        int asked = 0;
        QTimer flood;
        flood.setTimerType(Qt::PreciseTimer);
        QObject::connect(&flood, &QTimer::timeout, [&] {
            scene.flooder.send({{u"type"_s, u"status"_s}, {u"id"_s, ++asked}});
        });
        flood.start(5);

        constexpr int batches = 100;
        constexpr int inFlight = 4;
        QHash<int, qint64> sentAt;
        QList<qint64> waits;
        int next = 0;
        while (waits.size() < batches) {
            while (next < batches && next - waits.size() < inFlight) {
                sentAt.insert(next, scene.worker.clock.elapsed());
                scene.worker.send(dataSync(next++, 500));
            }
            const QJsonObject ack = scene.worker.waitFor(qint64(waits.size()));
            QCOMPARE(ack.value(u"type"_s).toString(), u"data_sync_ack"_s);
            waits << scene.worker.clock.elapsed() - sentAt.value(ack.value(u"re"_s).toInt());
        }
        flood.stop();
        QTest::qWait(300);
        int answered = 0;
        int limited = 0;
        for (const QJsonObject &f : std::as_const(scene.flooder.received)) {
            answered += f.value(u"type"_s).toString() == u"status" ? 1 : 0;
            limited += f.value(u"code"_s).toString() == u"rate_limited" ? 1 : 0;
        }
        std::sort(waits.begin(), waits.end());
        qInfo("status flood: %d asked, %d answered, %d rate_limited; the worker's %d acknowledgements waited "
              "%lld ms at most, %lld ms median",
              asked, answered, limited, batches, waits.last(), waits.at(waits.size() / 2));
        QVERIFY(answered > 0);
        QVERIFY(limited > 0);
        QVERIFY(scene.flooder.socket.state() == QAbstractSocket::ConnectedState);
        scene.master.process.terminate();
        QVERIFY(scene.master.process.waitForFinished(10000));
    }

    // SIGTERM while a worker's input queue is full and another peer floods: the master stops
    // reading, answers nothing more, exits 0 promptly, and every acknowledged batch is on disk,
    // none half-way.
    void sigtermWithFullQueuesExitsCleanly()
    {
        FloodScene scene;
        startWithFlooder(scene, u"sigterm.db"_s, u"flooder"_s);
        if (QTest::currentTestFailed())
            return;

        // The flood first: each status counts the history's rows, which takes milliseconds.
        for (int i = 0; i < 20000; ++i)
            scene.flooder.send({{u"type"_s, u"status"_s}, {u"id"_s, i}});
        constexpr int batches = 60;
        constexpr int size = 1000;
        qint64 sent = 0;
        for (int k = 0; k < batches; ++k) {
            const QJsonObject frame = dataSync(k, size);
            sent += compact(frame).size();
            scene.worker.send(frame);
        }
        // Some batches acknowledged (or a while passed): the signal comes in the middle of the work.
        (void)waitUntil(
            [&] {
                return std::count_if(scene.worker.received.cbegin(), scene.worker.received.cend(),
                                     [](const QJsonObject &f) {
                                         return f.value(u"type"_s).toString() == u"data_sync_ack";
                                     }) >= 3;
            },
            2000);

        QElapsedTimer exit;
        exit.start();
        scene.master.process.terminate();
        // The worker goes on reading meanwhile, as a real one does: the master's close frame is read
        // as it arrives, not left in the socket until the master's exit resets the connection
        // (it still holds the unread batches, so its kernel answers with a reset).
        QVERIFY(waitUntil([&] { return scene.master.process.state() == QProcess::NotRunning; }, 10000));
        const qint64 ms = exit.elapsed();
        QCOMPARE(scene.master.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(scene.master.process.exitCode(), 0);
        QVERIFY(waitUntil([&] { return scene.worker.socket.state() == QAbstractSocket::UnconnectedState; },
                          5000));
        // Told (1001), as a rule. Known gap: the master exits still holding this worker's unread
        // batches, so its kernel resets the connection, and under heavy load the close frame is
        // then sometimes not seen (Qt reports 1000, no frame); draining the input before exit
        // (a lingering close) would close that gap. The worker is disconnected promptly either way.
        const auto code = scene.worker.socket.closeCode();
        QVERIFY2(code == QWebSocketProtocol::CloseCodeGoingAway ||
                     code == QWebSocketProtocol::CloseCodeNormal,
                 qPrintable(QString::number(code)));
        if (code != QWebSocketProtocol::CloseCodeGoingAway)
            qWarning("the close frame was lost in the connection reset (close code %d)", int(code));
        QList<int> acked;
        int refused = 0;
        for (const QJsonObject &f : std::as_const(scene.worker.received)) {
            if (f.value(u"type"_s).toString() == u"data_sync_ack")
                acked << f.value(u"re"_s).toInt();
            else
                refused += f.value(u"code"_s).toString() == u"rate_limited" ? 1 : 0;
        }
        qInfo("SIGTERM with %d batches sent (%lld bytes, over the input queue's bound), %d acknowledged, %d "
              "refused: exit 0 after %lld ms",
              batches, sent, int(acked.size()), refused, ms);

        auto s = openStore(scene.db);
        QVERIFY(s);
        QCOMPARE(*s->integrityCheck(), u"ok"_s);
        const qint64 acc = s->accountByPlatformId(u"demo"_s, u"acc-1"_s).value()->id;
        for (int k : std::as_const(acked)) {
            for (int i : {0, size / 2, size - 1}) {
                auto it =
                    s->itemByPlatformId(acc, ItemKind::Message, QStringLiteral("b%1-m%2").arg(k).arg(i));
                QVERIFY2(it && it.value(), qPrintable(u"acknowledged batch %1 lost item %2"_s.arg(k).arg(i)));
            }
        }
        const qint64 messages = s->counts()->value(u"messages"_s).toInteger() - kHistory;
        QCOMPARE(messages % size, 0); // whole batches only
        QVERIFY(messages >= qint64(acked.size()) * size);
    }

    // A worker registering 10,000 accounts and leaving creates no rows and holds the master thread
    // only briefly: another worker's batch right after is acknowledged.
    void manyNamedAccountsLeaveNoRows()
    {
        const QString db = m_dir.filePath(u"accounts.db"_s);
        MasterProcess m;
        QVERIFY(m.start(db));
        Client other;
        QVERIFY(other.open(m.port));
        QVERIFY(other.registerAs(u"other"_s, {u"acc-1"_s}));
        other.send(dataSync(0, 10));
        QCOMPARE(other.waitFor(0).value(u"type"_s).toString(), u"data_sync_ack"_s);

        QStringList many;
        for (int i = 0; i < 10000; ++i)
            many << u"acc-n%1"_s.arg(i, 5, 10, QLatin1Char('0'));
        Client big;
        // A register this large needs the token in the upgrade request (docs/protocol.md, "Limits").
        QVERIFY(big.open(m.port, "Bearer " + kToken.toUtf8()));
        QElapsedTimer t;
        t.start();
        QVERIFY(big.registerAs(u"big"_s, many, false));
        const qint64 registerMs = t.elapsed();
        big.socket.close();
        QVERIFY(waitUntil([&] { return big.socket.state() == QAbstractSocket::UnconnectedState; }, 5000));
        t.restart();
        other.send(dataSync(1, 10));
        QCOMPARE(other.waitFor(1).value(u"type"_s).toString(), u"data_sync_ack"_s);
        qInfo(
            "register of 10000 accounts answered in %lld ms; after the disconnect another worker's batch was "
            "acknowledged in %lld ms",
            registerMs, t.elapsed());

        m.process.terminate();
        QVERIFY(m.process.waitForFinished(10000));
        auto s = openStore(db);
        QVERIFY(s);
        QCOMPARE(s->accounts()->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMasterLimits)
#include "TestMasterLimits.moc"
