// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop's SyncEngine against a real hiscrm-master process over loopback: the replica it
// writes is compared with the master's rows (a checksum of every synced table), through catch-up,
// live pushes, commands from two desktops, a master killed during ingest and restarted, a desktop
// restarted mid-catch-up, a revoked device and a master restored from an older backup.

#include "TeamFixture.h"
#include "TestUtil.h"

#include "protocol/Protocol.h"
#include "sync/SyncEngine.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QWebSocket>

using namespace testutil;
using namespace teamfixture;
using hiscrm::sync::RemoteMaster;
using hiscrm::sync::SyncEngine;

namespace {

// A worker of the protocol's worker side, as any connector speaks it.
class Worker
{
public:
    bool open(quint16 port, const QStringList &accounts)
    {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString &t) {
            m_answers.append(QJsonDocument::fromJson(t.toUtf8()).object());
        });
        m_socket.setOutgoingFrameSize(quint64(protocol::kMaxFrameBytes));
        m_socket.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
        if (!QTest::qWaitFor([&] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 10000))
            return false;
        const auto r = call({{u"type"_s, u"register"_s},
                             {u"token"_s, u"s3cret"_s},
                             {u"worker_id"_s, u"w1"_s},
                             {u"platform"_s, u"demo"_s},
                             {u"accounts"_s, QJsonArray::fromStringList(accounts)}});
        return r.value(u"type"_s).toString() == u"registered";
    }
    // Sends a batch without waiting (answers are counted in acked()).
    void send(const QList<MessageRecord> &ms)
    {
        const QJsonObject o{
            {u"type"_s, u"data_sync"_s}, {u"id"_s, ++m_id}, {u"batch"_s, protocol::batchToJson(batch(ms))}};
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    }
    bool ingest(const QList<MessageRecord> &ms)
    {
        send(ms);
        return QTest::qWaitFor([&] { return acked() == m_id; }, 30000);
    }
    int acked() const
    {
        int n = 0;
        for (const QJsonObject &a : m_answers)
            n += a.value(u"type"_s).toString() == u"data_sync_ack" ? 1 : 0;
        return n;
    }
    int sent() const { return m_id; }

private:
    QJsonObject call(const QJsonObject &o)
    {
        m_answers.clear();
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        static_cast<void>(QTest::qWaitFor([&] { return !m_answers.isEmpty(); }, 10000));
        const QJsonObject r = m_answers.value(0);
        m_answers.clear();
        return r;
    }
    QWebSocket m_socket;
    QList<QJsonObject> m_answers;
    int m_id = 0;
};

SyncEngine::State lastState(const QSignalSpy &states)
{
    return states.isEmpty() ? SyncEngine::State::Stopped : states.last().value(0).value<SyncEngine::State>();
}

qint64 revisionOf(const QString &db)
{
    auto s = openStore(db, Store::Options{Store::Access::ReadOnly});
    return s ? s->revision().value_or(-1) : -1;
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString path(const QString &what) { return m_dir.filePath(u"%1-%2.db"_s.arg(what).arg(++m_n)); }

    RemoteMaster remote(MasterProcess &m, const QStringList &extra = {})
    {
        RemoteMaster p;
        p.url = QUrl(u"ws://127.0.0.1:%1/client"_s.arg(m.port));
        p.token = pairDevice(m.port, pairingCode(m.db, extra));
        return p;
    }
    // Until the replica has caught up with the master and holds exactly the rows of the scope.
    static bool converged(const QString &replica, const QString &master, int ms = 60000,
                          const QList<qint64> &scope = {})
    {
        return QTest::qWaitFor(
            [&] {
                if (revisionOf(replica) < revisionOf(master))
                    return false;
                const QByteArray sum = rowsChecksum(replica);
                return !sum.isEmpty() && sum == rowsChecksum(master, scope);
            },
            ms);
    }

    // A master with a worker's first messages and a desktop caught up with it, for the outbox tests.
    struct Desk
    {
        QString db, replica;
        quint16 port = 0;
        std::unique_ptr<MasterProcess> master;
        Worker worker;
        std::unique_ptr<SyncEngine> engine;
        std::unique_ptr<QSignalSpy> states, outbox;
        std::unique_ptr<Store> reader;
    };
    bool startDesk(Desk &d, int messageCount)
    {
        d.db = path(u"master"_s);
        d.master = std::make_unique<MasterProcess>();
        if (!d.master->start(d.db))
            return false;
        d.port = d.master->port;
        if (!d.worker.open(d.port, {u"acc-1"_s}) || !d.worker.ingest(messages(u"acc-1"_s, 0, messageCount)))
            return false;
        d.replica = path(u"replica"_s);
        d.engine = std::make_unique<SyncEngine>(d.replica, remote(*d.master));
        d.states = std::make_unique<QSignalSpy>(d.engine.get(), &SyncEngine::stateChanged);
        d.outbox = std::make_unique<QSignalSpy>(d.engine.get(), &SyncEngine::outboxChanged);
        if (d.engine->start() || !converged(d.replica, d.db))
            return false;
        d.reader = openStore(d.replica, Store::Options{Store::Access::ReadOnly});
        return bool(d.reader);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Catch-up of 100,000 messages, then live pushes; the replica equals the master's rows and its
    // search finds what was synced.
    void catchUpThenLive()
    {
        MasterProcess m;
        QVERIFY(m.start(path(u"master"_s)));
        Worker w;
        QVERIFY(w.open(m.port, {u"acc-1"_s, u"acc-2"_s}));
        const int total = qEnvironmentVariableIntValue("HISCRM_TEAM_MESSAGES") > 0
                              ? qEnvironmentVariableIntValue("HISCRM_TEAM_MESSAGES")
                              : 100000;
        for (int i = 0; i < total; i += 5000)
            QVERIFY(
                w.ingest(messages(i % 10000 < 5000 ? u"acc-1"_s : u"acc-2"_s, i, std::min(5000, total - i))));
        const QString replica = path(u"replica"_s);
        SyncEngine engine(replica, remote(m));
        QSignalSpy states(&engine, &SyncEngine::stateChanged);
        QElapsedTimer t;
        t.start();
        QVERIFY(!engine.start());
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !states.isEmpty() &&
                       states.last().value(0).value<SyncEngine::State>() == SyncEngine::State::Live;
            },
            120000));
        qInfo("caught up %d messages in %lld ms", total, t.elapsed());
        QCOMPARE(rowsChecksum(replica), rowsChecksum(m.db));

        // Live: what the worker sends appears in the replica, searchable.
        QSignalSpy changed(&engine, &SyncEngine::changed);
        QVERIFY(w.ingest(messages(u"acc-2"_s, total, 10, u"live"_s)));
        QVERIFY(converged(replica, m.db));
        QVERIFY(!changed.isEmpty());
        auto r = openStore(replica, Store::Options{Store::Access::ReadOnly});
        SearchQuery q;
        q.text = u"order %1"_s.arg(total + 3);
        const auto found = r->search(q);
        QVERIFY(found);
        QVERIFY(!found->hits.isEmpty());
    }

    // Two desktops: a command from one reaches the other; the same command id twice has one effect;
    // a command while offline fails at once and can be sent again later with its id.
    void twoDesktopsSeeEachOthersCommands()
    {
        MasterProcess m;
        QVERIFY(m.start(path(u"master"_s)));
        Worker w;
        QVERIFY(w.open(m.port, {u"acc-1"_s}));
        QVERIFY(w.ingest(messages(u"acc-1"_s, 0, 200)));
        const QString ra = path(u"replica-a"_s), rb = path(u"replica-b"_s);
        SyncEngine a(ra, remote(m));
        SyncEngine b(rb, remote(m));
        QVERIFY(!a.start());
        QVERIFY(!b.start());
        QVERIFY(converged(ra, m.db));
        QVERIFY(converged(rb, m.db));

        auto ra0 = openStore(ra, Store::Options{Store::Access::ReadOnly});
        const qint64 conv = ra0->conversations(ConversationFilter{}).value().conversations.value(0).id;
        QVERIFY(conv > 0);
        int answers = 0;
        QJsonObject first;
        a.command(u"pin"_s, {{u"conversation_id"_s, conv}}, u"pin-1"_s, [&](const Result<QJsonObject> &r) {
            QVERIFY(r);
            first = *r;
            ++answers;
        });
        QVERIFY(QTest::qWaitFor([&] { return answers == 1; }, 10000));
        QVERIFY(first.value(u"changed"_s).toBool());
        a.command(u"pin"_s, {{u"conversation_id"_s, conv}}, u"pin-1"_s, [&](const Result<QJsonObject> &r) {
            QVERIFY(r);
            QVERIFY(r->value(u"repeated"_s).toBool());
            ++answers;
        });
        QVERIFY(QTest::qWaitFor([&] { return answers == 2; }, 10000));
        // B sees the pin, and both equal the master.
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto s = openStore(rb, Store::Options{Store::Access::ReadOnly});
                const auto c = s->conversation(conv);
                return c && *c && (*c)->pinned;
            },
            10000));
        QVERIFY(converged(ra, m.db));
        QVERIFY(converged(rb, m.db));

        // A refused command says why.
        a.command(u"pin"_s, {{u"conversation_id"_s, 999999}}, u"pin-2"_s, [&](const Result<QJsonObject> &r) {
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::NotFound);
            ++answers;
        });
        QVERIFY(QTest::qWaitFor([&] { return answers == 3; }, 10000));
        // One the master refuses is told in the desktop's own words (translated), not in the
        // master's English message.
        a.command(u"update_tag"_s, {{u"tag_id"_s, 999999}, {u"name"_s, u"VIP"_s}}, u"tag-gone"_s,
                  [&](const Result<QJsonObject> &r) {
                      QVERIFY(!r);
                      QCOMPARE(r.error().code, ErrorCode::NotFound);
                      QVERIFY2(r.error().message.startsWith(u"The team master does not have it"_s),
                               qPrintable(r.error().message));
                      ++answers;
                  });
        QVERIFY(QTest::qWaitFor([&] { return answers == 4; }, 10000));
    }

    // Commands given while the master is down are kept in the replica's outbox, shown at once, and
    // reach the master in order and once each when it is back (sent twice: once before a dropped
    // connection, once after). The master's rows then are what the replica shows.
    void offlineCommandsReachTheMasterOnceInOrder()
    {
        Desk desk;
        QVERIFY(startDesk(desk, 200));
        const QString &db = desk.db, &replica = desk.replica;
        const quint16 port = desk.port;
        auto &m = desk.master;
        SyncEngine &engine = *desk.engine;
        QSignalSpy &states = *desk.states, &outbox = *desk.outbox;
        auto &r = desk.reader;
        const auto list = r->conversations(ConversationFilter{}).value().conversations;
        QVERIFY(list.size() >= 3);
        const qint64 pinned = list.at(0).id, read = list.at(1).id, answered = list.at(2).id;
        QVERIFY(!list.at(0).pinned);
        QVERIFY(list.at(1).unreadCount > 0);

        m->process.kill();
        m->process.waitForFinished(5000);
        QVERIFY(QTest::qWaitFor([&] { return lastState(states) == SyncEngine::State::Offline; }, 10000));

        int answers = 0;
        QJsonObject last;
        auto done = [&](const Result<QJsonObject> &res) {
            QVERIFY(res);
            last = *res;
            ++answers;
        };
        engine.command(u"pin"_s, {{u"conversation_id"_s, pinned}}, u"off-1"_s, done);
        engine.command(u"unpin"_s, {{u"conversation_id"_s, pinned}}, u"off-2"_s, done);
        engine.command(u"pin"_s, {{u"conversation_id"_s, pinned}}, u"off-3"_s, done);
        engine.command(u"mark_read"_s, {{u"conversation_id"_s, read}}, u"off-4"_s, done);
        engine.command(u"reply"_s, {{u"conversation_id"_s, answered}, {u"text"_s, u"离线时写的回复"_s}},
                       u"off-5"_s, done);
        engine.command(u"pin"_s, {{u"conversation_id"_s, pinned}}, u"off-3"_s, done); // the same id again
        QVERIFY(QTest::qWaitFor([&] { return answers == 6; }, 10000));
        QVERIFY(last.value(u"queued"_s).toBool());
        QVERIFY(
            QTest::qWaitFor([&] { return !outbox.isEmpty() && outbox.last().value(0).toInt() == 5; }, 5000));

        // Shown at once: pinned, read, the reply pending at the end of its chat.
        QCOMPARE(r->conversation(pinned).value()->pinned, true);
        QCOMPARE(r->conversation(read).value()->unreadCount, 0);
        const auto conv = r->conversation(answered).value();
        QCOMPARE(conv->lastPreview, u"离线时写的回复"_s);
        QCOMPARE(conv->unreadCount, 0);
        const auto thread = r->thread(ItemKind::Message, answered, 5).value();
        QCOMPARE(thread.items.constLast().text, u"离线时写的回复"_s);
        QVERIFY(thread.items.constLast().delivery == Delivery::Pending);
        QCOMPARE(r->outbox().value().size(), 5);

        // A new message for the read chat meanwhile stays unread: the mark covers what was seen.
        m = std::make_unique<MasterProcess>();
        QVERIFY(m->start(db, {u"--listen"_s, u"127.0.0.1:%1"_s.arg(port)}));
        Worker w2;
        QVERIFY(w2.open(port, {u"acc-1"_s}));
        QVERIFY(w2.ingest({dm(u"acc-1"_s, r->conversation(read).value()->platformId, u"late-1"_s,
                              u"acc-1-fan-late"_s, u"刚到的消息"_s, kT0 + 100000)}));
        // Dropped once after the commands went out, so some are sent twice.
        QVERIFY(QTest::qWaitFor([&] { return lastState(states) == SyncEngine::State::Live; }, 20000));
        engine.reconnect();
        QVERIFY(QTest::qWaitFor([&] { return r->outbox().value().isEmpty(); }, 20000));
        QVERIFY(converged(replica, db));

        auto master = openStore(db, Store::Options{Store::Access::ReadOnly});
        QCOMPARE(master->conversation(pinned).value()->pinned, true);
        QCOMPARE(master->conversation(read).value()->unreadCount, 1);
        int replies = 0;
        const ItemPage masterThread = master->thread(ItemKind::Message, answered, 500).value();
        for (const Item &it : masterThread.items)
            replies += it.text == u"离线时写的回复" ? 1 : 0;
        QCOMPARE(replies, 1);
        QCOMPARE(outbox.last().value(0).toInt(), 0);
    }

    // A command the master refuses (a mute that ended while it waited) leaves the master's state in
    // the replica and stays in the outbox, refused with the reason, until dismissed.
    void refusedOfflineCommandShowsTheMastersState()
    {
        Desk desk;
        QVERIFY(startDesk(desk, 20));
        const QString &db = desk.db, &replica = desk.replica;
        const quint16 port = desk.port;
        auto &m = desk.master;
        SyncEngine &engine = *desk.engine;
        QSignalSpy &states = *desk.states, &outbox = *desk.outbox;
        auto &r = desk.reader;
        const qint64 conv = r->conversations(ConversationFilter{}).value().conversations.value(0).id;
        m->process.kill();
        m->process.waitForFinished(5000);
        QVERIFY(QTest::qWaitFor([&] { return lastState(states) == SyncEngine::State::Offline; }, 10000));

        const qint64 until = QDateTime::currentMSecsSinceEpoch() + 300;
        bool given = false;
        engine.command(u"mute"_s, {{u"conversation_id"_s, conv}, {u"until"_s, until}}, u"mute-1"_s,
                       [&](const Result<QJsonObject> &res) { given = bool(res); });
        QVERIFY(QTest::qWaitFor([&] { return given; }, 5000));
        QCOMPARE(r->conversation(conv).value()->mutedUntil, until);
        // A bad command is refused here, and kept nowhere.
        bool refusedHere = false;
        engine.command(u"pin"_s, {{u"conversation_id"_s, 424242}}, u"bad-1"_s,
                       [&](const Result<QJsonObject> &res) {
                           refusedHere = !res && res.error().code == ErrorCode::NotFound;
                       });
        QVERIFY(QTest::qWaitFor([&] { return refusedHere; }, 5000));
        bool needsMaster = false;
        engine.command(
            u"create_tag"_s, {{u"name"_s, u"VIP"_s}}, u"tag-1"_s,
            [&](const Result<QJsonObject> &res) { needsMaster = !res && res.error().code == ErrorCode::Io; });
        QVERIFY(QTest::qWaitFor([&] { return needsMaster; }, 5000));
        QCOMPARE(r->outbox().value().size(), 1);

        // The mute's time passes while the master is down.
        QVERIFY(QTest::qWaitFor([&] { return QDateTime::currentMSecsSinceEpoch() > until + 50; }, 5000));
        m = std::make_unique<MasterProcess>();
        QVERIFY(m->start(db, {u"--listen"_s, u"127.0.0.1:%1"_s.arg(port)}));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !outbox.isEmpty() && outbox.last().value(0).toInt() == 0 &&
                       outbox.last().value(1).toInt() == 1;
            },
            20000));
        const auto entries = r->outbox().value();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.at(0).state, OutboxEntry::State::Refused);
        QVERIFY(!entries.at(0).error.isEmpty());
        QCOMPARE(r->conversation(conv).value()->mutedUntil, 0);
        QVERIFY(converged(replica, db));
        engine.dismissRefused();
        QVERIFY(QTest::qWaitFor([&] { return r->outbox().value().isEmpty(); }, 5000));
    }

    // kill -9 of the master while a worker streams; it restarts on the same database and port: the
    // replica converges to the master, nothing acknowledged lost, nothing doubled.
    void masterKilledDuringIngestConverges()
    {
        const QString db = path(u"master"_s);
        auto m = std::make_unique<MasterProcess>();
        QVERIFY(m->start(db));
        const quint16 port = m->port;
        Worker w;
        QVERIFY(w.open(port, {u"acc-1"_s}));
        QVERIFY(w.ingest(messages(u"acc-1"_s, 0, 1000)));
        const QString replica = path(u"replica"_s);
        SyncEngine engine(replica, remote(*m));
        QSignalSpy states(&engine, &SyncEngine::stateChanged);
        QVERIFY(!engine.start());
        QVERIFY(converged(replica, db));
        const int ackedBefore = w.acked(); // the first batch's
        for (int i = 0; i < 20; ++i)
            w.send(messages(u"acc-1"_s, 1000 + i * 100, 100));
        // Killed once a few are acknowledged, the rest in flight.
        QVERIFY(QTest::qWaitFor([&] { return w.acked() - ackedBefore >= 3; }, 10000));
        m->process.kill(); // SIGKILL
        m->process.waitForFinished(5000);
        const int acked = w.acked() - ackedBefore; // of the 20 batches of 100
        qInfo("killed with %d of 20 batches acknowledged", acked);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !states.isEmpty() &&
                       states.last().value(0).value<SyncEngine::State>() == SyncEngine::State::Offline;
            },
            10000));
        // The same port again (the pairing's URL).
        m = std::make_unique<MasterProcess>();
        QVERIFY(m->start(db, {u"--listen"_s, u"127.0.0.1:%1"_s.arg(port)}));
        QCOMPARE(m->port, port);
        QVERIFY(converged(replica, db, 60000));
        // Every acknowledged batch is there, once.
        auto r = openStore(replica, Store::Options{Store::Access::ReadOnly});
        const qint64 items = r->counts().value().value(u"messages"_s).toInteger();
        QVERIFY2(items >= 1000 + acked * 100,
                 qPrintable(u"%1 messages, %2 batches acknowledged"_s.arg(items).arg(acked)));
        QCOMPARE(rowsChecksum(replica), rowsChecksum(db));
    }

    // The desktop quits mid-catch-up (the engine destroyed) and starts again: it resumes from its
    // cursor and ends equal, with no gap and no double.
    void desktopRestartResumesFromItsCursor()
    {
        MasterProcess m;
        QVERIFY(m.start(path(u"master"_s)));
        Worker w;
        QVERIFY(w.open(m.port, {u"acc-1"_s}));
        for (int i = 0; i < 30000; i += 5000)
            QVERIFY(w.ingest(messages(u"acc-1"_s, i, 5000)));
        const QString replica = path(u"replica"_s);
        const RemoteMaster p = remote(m);
        qint64 cursorAtStop = 0;
        {
            SyncEngine engine(replica, p);
            QSignalSpy progress(&engine, &SyncEngine::progress);
            QVERIFY(!engine.start());
            QVERIFY(QTest::qWaitFor([&] { return progress.size() >= 3; }, 30000));
        }
        cursorAtStop = revisionOf(replica);
        QVERIFY(cursorAtStop > 0);
        QVERIFY(cursorAtStop < revisionOf(m.db));
        SyncEngine again(replica, p);
        QSignalSpy progress(&again, &SyncEngine::progress);
        QVERIFY(!again.start());
        QVERIFY(converged(replica, m.db));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(rowsChecksum(replica), rowsChecksum(m.db));
    }

    // A device scoped to one account never holds another's rows.
    void scopedReplicaHoldsOnlyItsAccount()
    {
        MasterProcess m;
        QVERIFY(m.start(path(u"master"_s)));
        Worker w;
        QVERIFY(w.open(m.port, {u"acc-1"_s, u"acc-2"_s}));
        QVERIFY(w.ingest(messages(u"acc-1"_s, 0, 300) + messages(u"acc-2"_s, 0, 300, u"other"_s)));
        auto ms = openStore(m.db, Store::Options{Store::Access::ReadOnly});
        const qint64 acc1 = ms->accountByPlatformId(u"demo"_s, u"acc-1"_s).value().value().id;
        const QString replica = path(u"replica"_s);
        SyncEngine engine(replica, remote(m, {u"--accounts"_s, QString::number(acc1)}));
        QVERIFY(!engine.start());
        QVERIFY(converged(replica, m.db, 30000, {acc1}));
        auto r = openStore(replica, Store::Options{Store::Access::ReadOnly});
        QCOMPARE(r->counts().value().value(u"messages"_s).toInteger(), 300);
        QVERIFY(!r->accountByPlatformId(u"demo"_s, u"acc-2"_s).value().has_value());
    }

    // Revoked: the engine stops within a second and says so; it does not retry.
    void revokedDeviceStopsAndSaysSo()
    {
        MasterProcess m;
        QVERIFY(m.start(path(u"master"_s)));
        Worker w;
        QVERIFY(w.open(m.port, {u"acc-1"_s}));
        QVERIFY(w.ingest(messages(u"acc-1"_s, 0, 10)));
        const QString replica = path(u"replica"_s);
        SyncEngine engine(replica, remote(m));
        QSignalSpy states(&engine, &SyncEngine::stateChanged);
        QVERIFY(!engine.start());
        QVERIFY(converged(replica, m.db));
        const QString list = admin({u"devices"_s, u"list"_s, u"--db"_s, m.db});
        static const QRegularExpression id(u"^\\s*(\\d+)"_s, QRegularExpression::MultilineOption);
        const QString deviceId = id.match(list).captured(1);
        QVERIFY2(!deviceId.isEmpty(), qPrintable(list));
        QElapsedTimer t;
        int exitCode = -1;
        admin({u"devices"_s, u"revoke"_s, deviceId, u"--db"_s, m.db}, &exitCode);
        t.start();
        QCOMPARE(exitCode, 0);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !states.isEmpty() &&
                       states.last().value(0).value<SyncEngine::State>() == SyncEngine::State::Refused;
            },
            1000));
        qInfo("refused %lld ms after the revoke: %s", t.elapsed(),
              qPrintable(states.last().value(1).toString()));
        // No retry: the engine stays refused (its backoff would have tried again within a second).
        QVERIFY(!states.wait(1500));
        QCOMPARE(states.last().value(0).value<SyncEngine::State>(), SyncEngine::State::Refused);
    }

    // The master restored from an older backup: the replica is ahead of it, is rebuilt (saying so)
    // and ends equal to the restored master; a command waiting in the outbox survives the rebuild.
    void replicaAheadOfRestoredMasterIsRebuilt()
    {
        const QString db = path(u"master"_s);
        const QString backup = path(u"backup"_s);
        const QString replica = path(u"replica"_s);
        RemoteMaster p;
        qint64 pinned = 0;
        {
            MasterProcess m;
            QVERIFY(m.start(db));
            Worker w;
            QVERIFY(w.open(m.port, {u"acc-1"_s}));
            QVERIFY(w.ingest(messages(u"acc-1"_s, 0, 100)));
            p = remote(m); // the device exists in the backup
            int exitCode = -1;
            admin({u"backup"_s, backup, u"--db"_s, db}, &exitCode);
            QCOMPARE(exitCode, 0);
            QVERIFY(w.ingest(messages(u"acc-1"_s, 100, 100)));
            SyncEngine engine(replica, p);
            QSignalSpy states(&engine, &SyncEngine::stateChanged);
            QVERIFY(!engine.start());
            QVERIFY(converged(replica, db));
            // The master goes down; the operator pins a chat meanwhile, and closes the app.
            m.process.kill();
            m.process.waitForFinished(5000);
            QVERIFY(QTest::qWaitFor([&] { return lastState(states) == SyncEngine::State::Offline; }, 10000));
            auto r = openStore(replica, Store::Options{Store::Access::ReadOnly});
            pinned = r->conversations(ConversationFilter{}).value().conversations.constLast().id;
            bool queued = false;
            engine.command(
                u"pin"_s, {{u"conversation_id"_s, pinned}}, u"before-restore"_s,
                [&](const Result<QJsonObject> &res) { queued = res && res->value(u"queued"_s).toBool(); });
            QVERIFY(QTest::qWaitFor([&] { return queued; }, 5000));
        }
        // Restore: the backup replaces the database.
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(db + suffix);
        QVERIFY(QFile::copy(backup, db));
        MasterProcess m;
        QVERIFY(m.start(db, {u"--listen"_s, u"127.0.0.1:%1"_s.arg(p.url.port())}));
        SyncEngine engine(replica, p);
        QSignalSpy reset(&engine, &SyncEngine::replicaReset);
        QVERIFY(!engine.start());
        QVERIFY(converged(replica, db));
        QCOMPARE(reset.size(), 1);
        auto r = openStore(replica, Store::Options{Store::Access::ReadOnly});
        QCOMPARE(r->counts().value().value(u"messages"_s).toInteger(), 100);
        // The command given before the rebuild survived it and reached the restored master.
        QVERIFY(QTest::qWaitFor([&] { return r->outbox().value().isEmpty(); }, 10000));
        QVERIFY(converged(replica, db));
        auto master = openStore(db, Store::Options{Store::Access::ReadOnly});
        QVERIFY(master->conversation(pinned).value()->pinned);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "TestSyncEngine.moc"
