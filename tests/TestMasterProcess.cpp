// SPDX-License-Identifier: GPL-3.0-or-later
// The hiscrm-master process as a worker sees it: killed with SIGKILL in the middle of a long
// ingest, restarted, and still holding every batch it acknowledged.

#include "TestUtil.h"

#include "protocol/Protocol.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QWebSocket>

using namespace testutil;

namespace {

// One worker connection, driven synchronously from the test.
class TestWorker : public QObject
{
public:
    QWebSocket socket;
    QList<QJsonObject> received;

    explicit TestWorker(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            received.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }

    bool open(quint16 port)
    {
        socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000);
    }

    void send(const QJsonObject &o)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    }

    // Waits for the reply to frame `id`.
    std::optional<QJsonObject> waitFor(const QJsonValue &id, int ms = 10000)
    {
        std::optional<QJsonObject> out;
        static_cast<void>(QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < received.size(); ++i) {
                    if (received[i].value(u"re"_s) == id) {
                        out = received.takeAt(i);
                        return true;
                    }
                }
                return socket.state() != QAbstractSocket::ConnectedState;
            },
            ms));
        return out;
    }

    bool registerAs(const QString &token)
    {
        send({{u"type"_s, u"register"_s},
              {u"id"_s, u"reg"_s},
              {u"v"_s, 1},
              {u"token"_s, token},
              {u"worker_id"_s, u"crawler-1"_s},
              {u"platform"_s, u"demo"_s},
              {u"accounts"_s, QJsonArray{u"acc-1"_s}}});
        const auto r = waitFor(u"reg"_s);
        return r && r->value(u"type"_s).toString() == u"registered";
    }
};

Batch batchNo(int k)
{
    QList<MessageRecord> ms;
    for (int i = 0; i < 200; ++i)
        ms << dm(u"acc-1"_s, QStringLiteral("conv-%1").arg(i % 17), QStringLiteral("b%1-m%2").arg(k).arg(i),
                 QStringLiteral("u-%1").arg(i % 17),
                 QStringLiteral("第%1批第%2条：请问什么时候发货？").arg(k).arg(i), kT0 + k * 1000 + i);
    return batch(ms);
}

QJsonObject dataSync(int k)
{
    return {{u"type"_s, u"data_sync"_s},
            {u"id"_s, k},
            {u"v"_s, 1},
            {u"batch"_s, protocol::batchToJson(batchNo(k))}};
}

} // namespace

class TestMasterProcess : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Starts hiscrm-master on a free port; returns the port (0 on failure).
    quint16 startMaster(QProcess &p, const QString &db)
    {
        p.setProgram(QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s);
        p.setArguments({u"--db"_s, db, u"--listen"_s, u"127.0.0.1:0"_s, u"--token"_s, u"s3cret"_s,
                        u"--log-level"_s, u"warning"_s});
        p.setProcessChannelMode(QProcess::SeparateChannels);
        p.start();
        if (!p.waitForStarted(10000))
            return 0;
        static const QRegularExpression re(u"ws://127\\.0\\.0\\.1:(\\d+)/"_s);
        QByteArray out;
        static_cast<void>(QTest::qWaitFor(
            [&] {
                out += p.readAllStandardOutput();
                return re.match(QString::fromUtf8(out)).hasMatch() || p.state() == QProcess::NotRunning;
            },
            15000));
        const auto m = re.match(QString::fromUtf8(out));
        if (!m.hasMatch())
            qWarning() << "master did not start:" << out << p.readAllStandardError();
        return m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
    }

    // Starts hiscrm-master on db and connects w to it (not registered yet); false, with a warning,
    // when either fails.
    bool startWithWorker(QProcess &master, const QString &db, TestWorker &w)
    {
        const quint16 port = startMaster(master, db);
        if (!port)
            return false;
        if (!w.open(port)) {
            qWarning() << "the worker could not connect to port" << port;
            return false;
        }
        return true;
    }

private slots:
    void killedDuringIngestKeepsEveryAckedBatch()
    {
        const QString db = m_dir.filePath(u"killed.db"_s);
        QProcess master;
        TestWorker w;
        QVERIFY(startWithWorker(master, db, w));
        QVERIFY(w.registerAs(u"s3cret"_s));

        // Keep a few batches in flight so the kill lands in the middle of the work.
        QList<int> acked;
        int next = 0;
        const int inFlight = 4;
        for (; next < inFlight; ++next)
            w.send(dataSync(next));
        while (acked.size() < 25) {
            const auto ack = w.waitFor(qint64(acked.size()));
            QVERIFY2(ack, "no acknowledgement");
            QCOMPARE(ack->value(u"type"_s).toString(), u"data_sync_ack"_s);
            acked.append(ack->value(u"re"_s).toInt());
            w.send(dataSync(next++));
        }
        master.kill(); // SIGKILL: no clean shutdown, no final checkpoint
        QVERIFY(master.waitForFinished(10000));
        // Acknowledgements that were already on the wire also count.
        for (const QJsonObject &o : std::as_const(w.received)) {
            if (o.value(u"type"_s).toString() == u"data_sync_ack")
                acked.append(o.value(u"re"_s).toInt());
        }

        {
            auto s = openStore(db);
            QVERIFY(s);
            QCOMPARE(*s->integrityCheck(), u"ok"_s);
            const qint64 acc = s->accountByPlatformId(u"demo"_s, u"acc-1"_s).value()->id;
            for (int k : std::as_const(acked)) {
                for (int i : {0, 99, 199}) {
                    auto it =
                        s->itemByPlatformId(acc, ItemKind::Message, QStringLiteral("b%1-m%2").arg(k).arg(i));
                    QVERIFY2(it && it.value(),
                             qPrintable(QStringLiteral("acked batch %1 lost item %2").arg(k).arg(i)));
                }
            }
        }

        // Restart and send everything again, acked or not: nothing is applied twice.
        QProcess again;
        TestWorker w2;
        QVERIFY(startWithWorker(again, db, w2));
        QVERIFY(w2.registerAs(u"s3cret"_s));
        for (int k = 0; k < next; ++k) {
            w2.send(dataSync(k));
            const auto ack = w2.waitFor(qint64(k));
            QVERIFY(ack);
            QCOMPARE(ack->value(u"type"_s).toString(), u"data_sync_ack"_s);
            if (acked.contains(k))
                QCOMPARE(ack->value(u"inserted"_s).toInt(), 0);
        }
        // The status frame reports what the master holds.
        w2.send({{u"type"_s, u"status"_s}, {u"id"_s, u"st"_s}});
        const auto st = w2.waitFor(u"st"_s);
        QVERIFY(st);
        const QJsonObject status = st->value(u"status"_s).toObject();
        QCOMPARE(status.value(u"counts"_s).toObject().value(u"messages"_s).toInteger(), qint64(next) * 200);
        QCOMPARE(status.value(u"workers"_s).toArray().first().toObject().value(u"id"_s).toString(),
                 u"crawler-1"_s);
        QVERIFY(status.value(u"uptime_s"_s).toInteger() >= 0);

        again.terminate(); // SIGTERM: the orderly path
        QVERIFY(again.waitForFinished(10000));
        QCOMPARE(again.exitStatus(), QProcess::NormalExit);
        QCOMPARE(again.exitCode(), 0);

        auto s = openStore(db);
        QCOMPARE(*s->integrityCheck(), u"ok"_s);
        QCOMPARE(s->counts()->value(u"messages"_s).toInteger(), qint64(next) * 200);
    }

    // A team server's search index yields to its commits: the indexer thread runs 10 nice steps
    // below the master's thread (Linux), and the index still catches up.
    void searchIndexRunsBelowTheMasterThread()
    {
#ifndef Q_OS_LINUX
        QSKIP("thread nice values are read from /proc");
#else
        QProcess master;
        TestWorker w;
        const QString db = m_dir.filePath(u"nice.db"_s);
        QVERIFY(startWithWorker(master, db, w));
        const qint64 pid = master.processId();
        QTRY_COMPARE(niceOfThreads("master", pid).size(), 1);
        const int masterNice = niceOfThreads("master", pid).first();
        QTRY_COMPARE(niceOfThreads("index", pid), QList<int>{std::min(19, masterNice + 10)});
        QVERIFY(masterNice == 19 || niceOfThreads("index", pid).first() > masterNice);

        // What it ingests is indexed by that thread: a reader's search waits for it and finds it.
        QVERIFY(w.registerAs(u"s3cret"_s));
        w.send(dataSync(0));
        const auto ack = w.waitFor(0);
        QVERIFY(ack);
        QCOMPARE(ack->value(u"type"_s).toString(), u"data_sync_ack"_s);
        auto reader = openStore(db, Store::Options{Store::Access::ReadOnly});
        QVERIFY(reader);
        SearchQuery q;
        q.text = u"第0批第7条"_s;
        const auto found = reader->search(q);
        QVERIFY2(found, found ? "" : qPrintable(found.error().message));
        QCOMPARE(found->hits.size(), 1);
        master.terminate();
        QVERIFY(master.waitForFinished(10000));
#endif
    }

    void wrongTokenIsRefused()
    {
        QProcess master;
        TestWorker w;
        QVERIFY(startWithWorker(master, m_dir.filePath(u"token.db"_s), w));
        QVERIFY(!w.registerAs(u"guess"_s));
        master.terminate();
        QVERIFY(master.waitForFinished(10000));
    }

    void badCommandLineIsExplained()
    {
        QProcess p;
        p.start(QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s, {u"--listen"_s, u"nonsense"_s});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("--listen"));
        // The page cache takes megabytes from 1 to 1024; anything else is refused before the
        // database is opened.
        for (const QString &bad : {u"0"_s, u"abc"_s, u"1025"_s, u"-4"_s}) {
            p.start(
                QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s,
                {u"--db"_s, m_dir.filePath(u"never.db"_s), u"--listen"_s, u"none"_s, u"--cache-mb="_s + bad});
            QVERIFY(p.waitForFinished(10000));
            QCOMPARE(p.exitCode(), 2);
            QVERIFY(p.readAllStandardError().contains("--cache-mb"));
            QVERIFY(!QFile::exists(m_dir.filePath(u"never.db"_s)));
        }
        p.start(QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s, {u"--version"_s});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains(HISCRM_VERSION));
    }
};

QTEST_GUILESS_MAIN(TestMasterProcess)
#include "TestMasterProcess.moc"
