// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtil.h"

#include "master/Master.h"
#include "master/WorkerServer.h"
#include "protocol/Protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QWebSocket>
#include <QtEndian>

using namespace testutil;
using namespace hiscrm::master;

namespace {

const QString kToken = u"secret"_s;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A worker on a real QWebSocket in the test thread. It answers the master's pings by itself
// whenever the event loop runs, as any WebSocket library does.
class Peer : public QObject
{
public:
    QWebSocket ws;
    QList<QJsonObject> frames; // received, not yet taken
    bool closed = false;
    bool wasConnected = false;
    int nextId = 1;

    Peer()
    {
        connect(&ws, &QWebSocket::textMessageReceived, this,
                [this](const QString &t) { frames << QJsonDocument::fromJson(t.toUtf8()).object(); });
        connect(&ws, &QWebSocket::connected, this, [this] { wasConnected = true; });
        connect(&ws, &QWebSocket::disconnected, this, [this] { closed = true; });
    }

    // True once the upgrade succeeded, even if the master closed the connection right after.
    bool open(quint16 port, const QByteArray &authorization = {})
    {
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        ws.open(request);
        return QTest::qWaitFor([this] { return wasConnected || closed; }, 5000) && wasConnected;
    }

    // Sends a request with a fresh id (unless it has one) and returns that id.
    QJsonValue send(QJsonObject o)
    {
        if (!o.contains(u"id"_s))
            o.insert(u"id"_s, nextId++);
        ws.sendTextMessage(QString::fromUtf8(compact(o)));
        return o.value(u"id"_s);
    }

    // The first received frame that matches, taken off the queue; empty after 5 s without one.
    template <typename Pred> QJsonObject take(Pred pred, int timeoutMs = 5000)
    {
        QJsonObject found;
        (void)QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < frames.size(); ++i) {
                    if (pred(frames.at(i))) {
                        found = frames.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }

    QJsonObject answer(const QJsonValue &id)
    {
        return take([&](const QJsonObject &f) { return f.value(u"re"_s) == id; });
    }

    QJsonObject request(const QJsonObject &o) { return answer(send(o)); }

    // Sends n frames of this type in one go, with the ids prefix-0, prefix-1, ...; true once n
    // frames have come in (within 5 s).
    bool sendBurst(const QString &type, const QString &prefix, int n)
    {
        for (int i = 0; i < n; ++i)
            send(QJsonObject{{u"type"_s, type}, {u"id"_s, u"%1-%2"_s.arg(prefix).arg(i)}});
        return QTest::qWaitFor([&] { return frames.size() == n; }, 5000);
    }

    QJsonObject ofType(const QString &type, int timeoutMs = 5000)
    {
        return take([&](const QJsonObject &f) { return f.value(u"type"_s).toString() == type; }, timeoutMs);
    }

    QJsonObject registerAs(const QString &workerId, const QStringList &accounts,
                           const QString &platform = u"demo"_s, const QString &token = kToken)
    {
        QJsonObject o{{u"type"_s, u"register"_s},
                      {u"v"_s, 1},
                      {u"worker_id"_s, workerId},
                      {u"platform"_s, platform},
                      {u"accounts"_s, QJsonArray::fromStringList(accounts)}};
        if (!token.isNull())
            o.insert(u"token"_s, token);
        return request(o);
    }

    QJsonObject sync(const Batch &b)
    {
        return request(
            QJsonObject{{u"type"_s, u"data_sync"_s}, {u"v"_s, 1}, {u"batch"_s, protocol::batchToJson(b)}});
    }

    bool waitClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return closed; }, timeoutMs);
    }
};

// A worker that speaks WebSocket by hand over a plain TCP socket. Unlike QWebSocket it does not
// answer pings, which makes it the one way to play a worker that hangs with its connection open
// (aborting a QWebSocket would instead close the TCP connection, which the master notices at once).
class RawPeer
{
public:
    QTcpSocket tcp;
    QByteArray in;

    // An empty token sends no Authorization header.
    bool handshake(quint16 port, const QByteArray &token)
    {
        tcp.connectToHost(QHostAddress::LocalHost, port);
        if (!tcp.waitForConnected(5000))
            return false;
        tcp.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
                  (token.isEmpty() ? QByteArray() : "Authorization: Bearer " + token + "\r\n") + "\r\n");
        if (!QTest::qWaitFor([this] { return read().contains("\r\n\r\n"); }, 5000))
            return false;
        const qsizetype end = in.indexOf("\r\n\r\n") + 4;
        const bool upgraded = in.startsWith("HTTP/1.1 101");
        in.remove(0, end);
        return upgraded;
    }

    const QByteArray &read()
    {
        in += tcp.readAll();
        return in;
    }

    // Clients mask every frame (RFC 6455 5.3); the key need not be secret here.
    void sendText(const QByteArray &payload) { sendFrame(0x1, true, payload); }

    // opcode 1 text, 0 continuation; fin false leaves the message open for continuations.
    void sendFrame(int opcode, bool fin, const QByteArray &payload)
    {
        QByteArray f;
        f.append(char((fin ? 0x80 : 0) | opcode));
        if (payload.size() < 126) {
            f.append(char(0x80 | payload.size()));
        } else if (payload.size() < 65536) {
            f.append(char(0x80 | 126));
            f.append(char(payload.size() >> 8));
            f.append(char(payload.size() & 0xff));
        } else {
            f.append(char(0x80 | 127));
            for (int shift = 56; shift >= 0; shift -= 8)
                f.append(char((quint64(payload.size()) >> shift) & 0xff));
        }
        const char key[4] = {0x12, 0x34, 0x56, 0x78};
        f.append(key, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            f.append(char(payload[i] ^ key[i % 4]));
        tcp.write(f);
    }

    // The next whole frame from the master (which never masks), if one is buffered: opcode, payload.
    // *fin tells whether it ends its message (large messages come in fragments).
    std::optional<std::pair<int, QByteArray>> frame(bool *fin = nullptr)
    {
        read();
        if (in.size() < 2)
            return std::nullopt;
        const int opcode = in[0] & 0x0f;
        if (fin)
            *fin = (in[0] & 0x80) != 0;
        qint64 len = in[1] & 0x7f;
        qsizetype head = 2;
        if (len == 126) {
            if (in.size() < 4)
                return std::nullopt;
            len = qFromBigEndian<quint16>(in.constData() + 2);
            head = 4;
        } else if (len == 127) {
            if (in.size() < 10)
                return std::nullopt;
            len = qint64(qFromBigEndian<quint64>(in.constData() + 2));
            head = 10;
        }
        if (in.size() < head + len)
            return std::nullopt;
        std::pair<int, QByteArray> out{opcode, in.mid(head, len)};
        in.remove(0, head + len);
        return out;
    }

    // The payload of the next frame with this opcode, waiting up to 5 s and dropping the frames
    // before it (pings, which this peer ignores on purpose); nullopt when none came.
    std::optional<QByteArray> nextPayload(int opcode)
    {
        std::optional<QByteArray> payload;
        (void)QTest::qWaitFor(
            [&] {
                while (auto f = frame()) {
                    if (f->first == opcode) {
                        payload = f->second;
                        return true;
                    }
                }
                return false;
            },
            5000);
        return payload;
    }

    // The next text frame as JSON; an empty object when none came.
    QJsonObject nextJson()
    {
        const std::optional<QByteArray> text = nextPayload(1);
        return text ? QJsonDocument::fromJson(*text).object() : QJsonObject();
    }

    // The payload of the master's close frame (the close code first).
    std::optional<QByteArray> nextClose() { return nextPayload(8); }

    // Registers for one account on the demo platform (the token went with the handshake): the type
    // of the answer, empty when none came.
    QString registerAs(const QString &workerId, const QString &account)
    {
        sendText(compact({{u"type"_s, u"register"_s},
                          {u"id"_s, 1},
                          {u"worker_id"_s, workerId},
                          {u"platform"_s, u"demo"_s},
                          {u"accounts"_s, QJsonArray{account}}}));
        return nextJson().value(u"type"_s).toString();
    }
};

Batch smallBatch()
{
    Batch b = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"你好，请问还有货吗？"_s, kT0 + 1000),
                     dm(u"acc-1"_s, u"conv-1"_s, u"m2"_s, u"u-1"_s, u"在吗"_s, kT0 + 2000)},
                    {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-3"_s, u"好看！"_s, kT0 + 500)});
    AccountRecord a;
    a.platformId = u"acc-1"_s;
    a.name = u"官方旗舰店"_s;
    b.accounts << a;
    return b;
}

QJsonObject workerStatus(Master &m, const QString &id)
{
    const auto s = m.execute(QString(), u"status"_s, {});
    if (!s)
        return {};
    for (const QJsonValue &w : s->value(u"workers"_s).toArray()) {
        if (w.toObject().value(u"id"_s).toString() == id)
            return w.toObject();
    }
    return {};
}

std::optional<Account> account(Master &m, const QString &platformId)
{
    auto a = m.store()->accountByPlatformId(u"demo"_s, platformId);
    return a ? a.value() : std::nullopt;
}

} // namespace

class TestWorkerServer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Master> m_master;

    quint16 port() const { return m_master->listeningPort(); }
    qint64 revision() const
    {
        auto r = m_master->store()->revision();
        return r ? *r : -1;
    }

    // A fresh master on a fresh database, with these limits on its worker port.
    void start(const WorkerLimits &limits = WorkerLimits())
    {
        m_master.reset();
        MasterOptions o;
        o.dbPath = m_dir.filePath(u"m%1.db"_s.arg(++m_n));
        o.listenAddress = u"127.0.0.1"_s;
        o.port = 0;
        o.workerToken = kToken;
        o.heartbeatTimeoutMs = 400;
        o.workerLimits = limits;
        m_master = std::make_unique<Master>(o);
        const Error e = m_master->open();
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(port() != 0);
    }

    // Opens p on the worker port and registers it: the type of the answer ("registered" when all
    // went well), or "(no connection)" when the upgrade failed.
    QString openAndRegister(Peer &p, const QString &workerId, const QStringList &accounts)
    {
        if (!p.open(port()))
            return u"(no connection)"_s;
        return p.registerAs(workerId, accounts).value(u"type"_s).toString();
    }

    QJsonArray workers()
    {
        const auto s = m_master->execute(QString(), u"status"_s, {});
        return s ? s->value(u"workers"_s).toArray() : QJsonArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Every test starts a master: its start-up lines would bury the failures.
        QLoggingCategory::setFilterRules(u"hiscrm.master.info=false\nhiscrm.master.workers.info=false"_s);
    }

    void init() { start(); }

    void cleanup() { m_master.reset(); }

    void registerAndSync()
    {
        Peer w;
        QVERIFY(w.open(port()));
        const QJsonObject reg = w.registerAs(u"w1"_s, {u"acc-1"_s});
        QCOMPARE(reg.value(u"type"_s).toString(), u"registered"_s);
        QCOMPARE(reg.value(u"worker_id"_s).toString(), u"w1"_s);
        QCOMPARE(reg.value(u"v"_s).toInt(), 1);
        QVERIFY(reg.value(u"heartbeat_ms"_s).toInt() > 0);
        QCOMPARE(workerStatus(*m_master, u"w1"_s).value(u"state"_s).toString(), u"connected"_s);
        QCOMPARE(workerStatus(*m_master, u"w1"_s).value(u"kind"_s).toString(), u"external"_s);

        const QJsonObject ack = w.sync(smallBatch());
        QCOMPARE(ack.value(u"type"_s).toString(), u"data_sync_ack"_s);
        QVERIFY(ack.value(u"inserted"_s).toInt() > 0);
        QCOMPARE(ack.value(u"updated"_s).toInt(), 0);
        QCOMPARE(ack.value(u"revision"_s).toInteger(), revision());

        // The rows are in the master's store.
        Store &s = *m_master->store();
        const qint64 c = convId(s, u"conv-1"_s);
        QVERIFY(c > 0);
        auto page = s.thread(ItemKind::Message, c);
        QVERIFY(page);
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items.at(0).text, u"你好，请问还有货吗？"_s);
        QCOMPARE(account(*m_master, u"acc-1"_s)->name, u"官方旗舰店"_s);
        const QJsonObject st = workerStatus(*m_master, u"w1"_s);
        QCOMPARE(st.value(u"batches"_s).toInt(), 1);
        QCOMPARE(st.value(u"messages"_s).toInt(), 3);
        QVERIFY(st.value(u"last_sync_at"_s).toInteger() > 0);

        // Heartbeat.
        const QJsonObject hb = w.request(QJsonObject{{u"type"_s, u"heartbeat"_s}});
        QCOMPARE(hb.value(u"type"_s).toString(), u"heartbeat_ack"_s);

        // The same batch again, from a new connection after a disconnect: nothing is duplicated.
        w.ws.close();
        QVERIFY(w.waitClosed());
        QTRY_COMPARE(workerStatus(*m_master, u"w1"_s).value(u"state"_s).toString(), u"disconnected"_s);
        const qint64 before = revision();
        Peer again;
        QCOMPARE(openAndRegister(again, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        const QJsonObject ack2 = again.sync(smallBatch());
        QCOMPARE(ack2.value(u"type"_s).toString(), u"data_sync_ack"_s);
        QCOMPARE(ack2.value(u"inserted"_s).toInt(), 0);
        QCOMPARE(ack2.value(u"updated"_s).toInt(), 0);
        QVERIFY(ack2.value(u"unchanged"_s).toInt() > 0);
        QCOMPARE(revision(), before);
        page = s.thread(ItemKind::Message, c);
        QCOMPARE(page->items.size(), 2);
    }

    // Frames sent in one go wait together on the master, which commits the data_syncs among them in
    // one transaction (group commit): each is still checked and answered on its own, in order.
    void batchesSentTogetherAreAnsweredEachInOrder()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        const qint64 before = revision();
        const auto dataSync = [](const QString &id, const Batch &b) {
            return QJsonObject{{u"type"_s, u"data_sync"_s},
                               {u"id"_s, id},
                               {u"v"_s, 1},
                               {u"batch"_s, protocol::batchToJson(b)}};
        };
        const Batch other =
            batch({dm(u"acc-2"_s, u"conv-9"_s, u"m9"_s, u"u-9"_s, u"不是我的"_s, kT0 + 3000)});
        Batch tooLong =
            batch({dm(u"acc-1"_s, u"conv-1"_s, u"m5"_s, u"u-1"_s, QString(70000, u'长'), kT0 + 3000)});
        const Batch third = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m3"_s, u"u-1"_s, u"第三条"_s, kT0 + 3000)});
        const Batch fourth = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m4"_s, u"u-1"_s, u"第四条"_s, kT0 + 4000)});
        const QList<QJsonObject> sent{
            dataSync(u"a"_s, smallBatch()), dataSync(u"b"_s, other), // an account w1 did not register
            dataSync(u"c"_s, smallBatch()),                          // the first again: nothing twice
            dataSync(u"d"_s, tooLong),                               // the store refuses it
            dataSync(u"e"_s, third),        {{u"type"_s, u"heartbeat"_s}, {u"id"_s, u"f"_s}},
            dataSync(u"g"_s, fourth)};
        for (const QJsonObject &f : sent)
            w.send(f);
        QVERIFY(QTest::qWaitFor([&] { return w.frames.size() == sent.size(); }, 10000));
        QStringList order, types;
        for (const QJsonObject &f : std::as_const(w.frames)) {
            order << f.value(u"re"_s).toString();
            types << f.value(u"type"_s).toString();
        }
        QCOMPARE(order, (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s, u"g"_s}));
        QCOMPARE(types, (QStringList{u"data_sync_ack"_s, u"error"_s, u"data_sync_ack"_s, u"error"_s,
                                     u"data_sync_ack"_s, u"heartbeat_ack"_s, u"data_sync_ack"_s}));
        const QJsonObject a = w.frames[0], b = w.frames[1], c = w.frames[2], d = w.frames[3];
        const QJsonObject e = w.frames[4], g = w.frames[6];
        QCOMPARE(b.value(u"code"_s).toString(), u"invalid"_s);
        QVERIFY(b.value(u"message"_s).toString().contains(u"acc-2"_s));
        QCOMPARE(d.value(u"code"_s).toString(), u"invalid"_s);
        QVERIFY(a.value(u"inserted"_s).toInt() > 0);
        QCOMPARE(c.value(u"inserted"_s).toInt(), 0);
        QCOMPARE(c.value(u"updated"_s).toInt(), 0);
        QCOMPARE(c.value(u"revision"_s).toInteger(), a.value(u"revision"_s).toInteger());
        QCOMPARE(e.value(u"inserted"_s).toInt(), 1);
        QCOMPARE(g.value(u"inserted"_s).toInt(), 1);
        QVERIFY(a.value(u"revision"_s).toInteger() > before);
        QVERIFY(e.value(u"revision"_s).toInteger() > a.value(u"revision"_s).toInteger());
        QVERIFY(g.value(u"revision"_s).toInteger() > e.value(u"revision"_s).toInteger());
        QCOMPARE(revision(), g.value(u"revision"_s).toInteger());

        // What was acknowledged is there, once; what was refused is not.
        Store &s = *m_master->store();
        const auto page = s.thread(ItemKind::Message, convId(s, u"conv-1"_s));
        QVERIFY(page);
        QStringList texts;
        for (const auto &item : page->items)
            texts << item.text;
        QCOMPARE(texts, (QStringList{u"你好，请问还有货吗？"_s, u"在吗"_s, u"第三条"_s, u"第四条"_s}));
        QVERIFY(!account(*m_master, u"acc-2"_s));
        const QJsonObject st = workerStatus(*m_master, u"w1"_s);
        QCOMPARE(st.value(u"batches"_s).toInt(), 4);
        QCOMPARE(st.value(u"errors"_s).toInt(), 2);
    }

    void tokenInTheUpgradeRequest()
    {
        Peer w;
        QVERIFY(w.open(port(), "Bearer " + kToken.toUtf8()));
        // Authenticated already: register needs no token.
        QCOMPARE(w.registerAs(u"w1"_s, {u"acc-1"_s}, u"demo"_s, QString()).value(u"type"_s).toString(),
                 u"registered"_s);

        Peer wrong;
        QVERIFY(wrong.open(port(), "Bearer nope"));
        const QJsonObject e = wrong.ofType(u"error"_s);
        QCOMPARE(e.value(u"code"_s).toString(), u"unauthorized"_s);
        QVERIFY(wrong.waitClosed());
        QCOMPARE(wrong.ws.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

        Peer basic;
        QVERIFY(basic.open(port(), "Basic c2VjcmV0"));
        QCOMPARE(basic.ofType(u"error"_s).value(u"code"_s).toString(), u"unauthorized"_s);
        QVERIFY(basic.waitClosed());
    }

    void badTokenInRegister_data()
    {
        QTest::addColumn<QJsonValue>("token");
        QTest::newRow("wrong") << QJsonValue(u"secreT"_s);
        QTest::newRow("a prefix of the right one") << QJsonValue(u"secre"_s);
        QTest::newRow("empty") << QJsonValue(QString());
        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("not a string") << QJsonValue(42);
    }

    void badTokenInRegister()
    {
        QFETCH(QJsonValue, token);
        const qint64 before = revision();
        Peer w;
        QVERIFY(w.open(port()));
        QJsonObject reg{{u"type"_s, u"register"_s},
                        {u"id"_s, u"r1"_s},
                        {u"worker_id"_s, u"w1"_s},
                        {u"platform"_s, u"demo"_s},
                        {u"accounts"_s, QJsonArray{u"acc-1"_s}}};
        if (!token.isUndefined())
            reg.insert(u"token"_s, token);
        const QJsonObject e = w.request(reg);
        QCOMPARE(e.value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(e.value(u"code"_s).toString(), u"unauthorized"_s);
        QVERIFY(w.waitClosed());
        QCOMPARE(w.ws.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QVERIFY(workerStatus(*m_master, u"w1"_s).isEmpty());
        QCOMPARE(revision(), before);
    }

    void badFrames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QJsonValue>("re"); // what the error answers; Undefined: not checked
        QTest::addColumn<bool>("registered");

        const QJsonValue none(QJsonValue::Undefined);
        const auto sync = [](const QJsonObject &batch) {
            return compact(QJsonObject{{u"type"_s, u"data_sync"_s}, {u"id"_s, u"s1"_s}, {u"batch"_s, batch}});
        };
        // A valid message record with some fields replaced or (Undefined) removed.
        const auto message = [](const QList<std::pair<QString, QJsonValue>> &patch) {
            QJsonObject m{{u"account_id"_s, u"acc-1"_s}, {u"conversation_id"_s, u"conv-1"_s},
                          {u"platform_id"_s, u"m1"_s},   {u"sender_id"_s, u"u-1"_s},
                          {u"text"_s, u"hi"_s},          {u"created_at"_s, kT0}};
            for (const auto &[key, value] : patch) {
                if (value.isUndefined())
                    m.remove(key);
                else
                    m.insert(key, value);
            }
            return QJsonObject{{u"platform"_s, u"demo"_s}, {u"messages"_s, QJsonArray{m}}};
        };

        QTest::newRow("not JSON") << "hello"_ba << u"bad_json"_s << QJsonValue() << true;
        QTest::newRow("JSON array") << "[1,2]"_ba << u"bad_json"_s << QJsonValue() << true;
        QTest::newRow("no type") << compact({{u"id"_s, 3}}) << u"bad_request"_s << QJsonValue(3) << true;
        QTest::newRow("type is a number")
            << compact({{u"type"_s, 1}, {u"id"_s, 4}}) << u"bad_request"_s << QJsonValue(4) << true;
        QTest::newRow("id is an object") << compact({{u"type"_s, u"heartbeat"_s}, {u"id"_s, QJsonObject()}})
                                         << u"bad_request"_s << none << true;
        QTest::newRow("version 2") << compact({{u"type"_s, u"heartbeat"_s}, {u"id"_s, u"h"_s}, {u"v"_s, 2}})
                                   << u"unsupported"_s << QJsonValue(u"h"_s) << true;
        QTest::newRow("unknown type") << compact({{u"type"_s, u"teleport"_s}, {u"id"_s, 5}})
                                      << u"unknown_type"_s << QJsonValue(5) << true;
        QTest::newRow("data_sync without batch") << compact({{u"type"_s, u"data_sync"_s}, {u"id"_s, 6}})
                                                 << u"bad_request"_s << QJsonValue(6) << true;
        QTest::newRow("batch is an array")
            << compact({{u"type"_s, u"data_sync"_s}, {u"id"_s, 7}, {u"batch"_s, QJsonArray()}})
            << u"bad_request"_s << QJsonValue(7) << true;
        QTest::newRow("batch without platform") << sync(QJsonObject{{u"messages"_s, QJsonArray()}})
                                                << u"bad_request"_s << QJsonValue(u"s1"_s) << true;
        QTest::newRow("created_at is a string") << sync(message({{u"created_at"_s, u"1767225600000"_s}}))
                                                << u"bad_request"_s << QJsonValue(u"s1"_s) << true;
        QTest::newRow("created_at has a fraction")
            << sync(message({{u"created_at"_s, 1767225600000.5}})) << u"bad_request"_s << none << true;
        QTest::newRow("platform_id missing")
            << sync(message({{u"platform_id"_s, QJsonValue(QJsonValue::Undefined)}})) << u"bad_request"_s
            << none << true;
        QTest::newRow("unknown direction")
            << sync(message({{u"direction"_s, u"up"_s}})) << u"bad_request"_s << none << true;
        QTest::newRow("unknown record field")
            << sync(message({{u"colour"_s, u"red"_s}})) << u"bad_request"_s << none << true;
        QTest::newRow("empty platform id (the store refuses it)")
            << sync(message({{u"platform_id"_s, QString()}})) << u"invalid"_s << QJsonValue(u"s1"_s) << true;
        QTest::newRow("time before 1970 (the store refuses it)")
            << sync(message({{u"created_at"_s, -5}})) << u"invalid"_s << none << true;
        QJsonObject other = message({});
        other.insert(u"platform"_s, u"douyin"_s);
        QTest::newRow("platform mismatch") << sync(other) << u"invalid"_s << QJsonValue(u"s1"_s) << true;
        QTest::newRow("account not registered")
            << sync(message({{u"account_id"_s, u"acc-2"_s}})) << u"invalid"_s << none << true;
        QJsonArray users;
        for (int i = 0; i <= protocol::kMaxBatchRecords; ++i)
            users.append(QJsonObject{{u"platform_id"_s, u"u-%1"_s.arg(i)}});
        QTest::newRow("too many records")
            << sync(QJsonObject{{u"platform"_s, u"demo"_s}, {u"users"_s, users}}) << u"too_large"_s << none
            << true;
        QTest::newRow("account_status with unknown state") << compact({{u"type"_s, u"account_status"_s},
                                                                       {u"id"_s, 8},
                                                                       {u"account_id"_s, u"acc-1"_s},
                                                                       {u"state"_s, u"asleep"_s}})
                                                           << u"bad_request"_s << QJsonValue(8) << true;
        QTest::newRow("account_status for another account") << compact({{u"type"_s, u"account_status"_s},
                                                                        {u"id"_s, 9},
                                                                        {u"account_id"_s, u"acc-2"_s},
                                                                        {u"state"_s, u"logged_in"_s}})
                                                            << u"invalid"_s << QJsonValue(9) << true;
        QTest::newRow("account_status without account")
            << compact({{u"type"_s, u"account_status"_s}, {u"id"_s, 10}, {u"state"_s, u"logged_in"_s}})
            << u"bad_request"_s << QJsonValue(10) << true;
        QTest::newRow("reply_result without item_id")
            << compact({{u"type"_s, u"reply_result"_s}, {u"id"_s, 11}, {u"sent"_s, true}}) << u"bad_request"_s
            << QJsonValue(11) << true;
        QTest::newRow("reply_result with sent as a string")
            << compact(
                   {{u"type"_s, u"reply_result"_s}, {u"id"_s, 12}, {u"item_id"_s, 5}, {u"sent"_s, u"yes"_s}})
            << u"bad_request"_s << QJsonValue(12) << true;
        QTest::newRow("reply_result for an unknown item")
            << compact(
                   {{u"type"_s, u"reply_result"_s}, {u"id"_s, 17}, {u"item_id"_s, 123456}, {u"sent"_s, true}})
            << u"not_found"_s << QJsonValue(17) << true;
        QTest::newRow("register without worker_id") << compact({{u"type"_s, u"register"_s},
                                                                {u"id"_s, 13},
                                                                {u"token"_s, kToken},
                                                                {u"platform"_s, u"demo"_s},
                                                                {u"accounts"_s, QJsonArray()}})
                                                    << u"bad_request"_s << QJsonValue(13) << false;
        QTest::newRow("register with accounts as a string") << compact({{u"type"_s, u"register"_s},
                                                                        {u"id"_s, 14},
                                                                        {u"token"_s, kToken},
                                                                        {u"worker_id"_s, u"w1"_s},
                                                                        {u"platform"_s, u"demo"_s},
                                                                        {u"accounts"_s, u"acc-1"_s}})
                                                            << u"bad_request"_s << QJsonValue(14) << false;
        QTest::newRow("register as another worker on a registered connection")
            << compact({{u"type"_s, u"register"_s},
                        {u"id"_s, 15},
                        {u"token"_s, kToken},
                        {u"worker_id"_s, u"w2"_s},
                        {u"platform"_s, u"demo"_s},
                        {u"accounts"_s, QJsonArray()}})
            << u"conflict"_s << QJsonValue(15) << true;
        QTest::newRow("data_sync before register")
            << sync(message({})) << u"not_registered"_s << QJsonValue(u"s1"_s) << false;
        QTest::newRow("heartbeat before register") << compact({{u"type"_s, u"heartbeat"_s}, {u"id"_s, 16}})
                                                   << u"not_registered"_s << QJsonValue(16) << false;
        QTest::newRow("not JSON before register") << "{"_ba << u"bad_json"_s << QJsonValue() << false;

        // Half a surrogate pair, escaped as JavaScript writes a string cut inside an emoji: refused
        // wherever it is, before anything is stored (docs/protocol.md, "Strings").
        const auto rawSync = [](const QByteArray &messageFields) {
            return "{\"type\":\"data_sync\",\"id\":\"s1\",\"batch\":{\"platform\":\"demo\",\"messages\":[{"
                   "\"account_id\":\"acc-1\",\"conversation_id\":\"conv-1\",\"sender_id\":\"u-1\"," +
                   messageFields + "}]}}";
        };
        QTest::newRow("unpaired surrogate in a platform id")
            << rawSync("\"platform_id\":\"m\\ud800\",\"created_at\":1767225600000") << u"bad_request"_s
            << QJsonValue(u"s1"_s) << true;
        QTest::newRow("unpaired surrogate in a text")
            << rawSync("\"platform_id\":\"m1\",\"text\":\"cut \\ud83d\",\"created_at\":1767225600000")
            << u"bad_request"_s << QJsonValue(u"s1"_s) << true;
        QTest::newRow("unpaired surrogate in account_status")
            << "{\"type\":\"account_status\",\"id\":20,\"account_id\":\"acc-1\",\"state\":\"error\","
               "\"error\":\"\\udc00\"}"_ba
            << u"bad_request"_s << QJsonValue(20) << true;
        QTest::newRow("unpaired surrogate in reply_result")
            << "{\"type\":\"reply_result\",\"id\":21,\"item_id\":5,\"sent\":false,\"error\":\"\\ud800\"}"_ba
            << u"bad_request"_s << QJsonValue(21) << true;
        QTest::newRow("unpaired surrogate in register's worker_id")
            << "{\"type\":\"register\",\"id\":22,\"token\":\"secret\",\"worker_id\":\"w\\ud800\","
               "\"platform\":\"demo\",\"accounts\":[]}"_ba
            << u"bad_request"_s << QJsonValue(22) << false;
        QTest::newRow("unpaired surrogate in register's accounts")
            << "{\"type\":\"register\",\"id\":23,\"token\":\"secret\",\"worker_id\":\"w1\",\"platform\":"
               "\"demo\","
               "\"accounts\":[\"acc-\\udbff\"]}"_ba
            << u"bad_request"_s << QJsonValue(23) << false;
        QTest::newRow("unpaired surrogate in the id")
            << "{\"type\":\"heartbeat\",\"id\":\"h\\ud800\"}"_ba << u"bad_request"_s << QJsonValue() << true;

        // Numbers: beyond 2^53, or beyond what a double holds, are bad requests naming the field.
        QTest::newRow("reply_result item_id beyond 2^53")
            << "{\"type\":\"reply_result\",\"id\":24,\"item_id\":9007199254740993,\"sent\":true}"_ba
            << u"bad_request"_s << QJsonValue(24) << true;
        QTest::newRow("reply_result item_id 1e400")
            << "{\"type\":\"reply_result\",\"id\":25,\"item_id\":1e400,\"sent\":true}"_ba << u"bad_request"_s
            << QJsonValue(25) << true;
        QTest::newRow("reply_result item_id with a fraction")
            << "{\"type\":\"reply_result\",\"id\":26,\"item_id\":5.5,\"sent\":true}"_ba << u"bad_request"_s
            << QJsonValue(26) << true;
        QTest::newRow("created_at 1e400") << rawSync("\"platform_id\":\"m1\",\"created_at\":1e400")
                                          << u"bad_request"_s << QJsonValue(u"s1"_s) << true;
        QTest::newRow("created_at of 400 digits")
            << rawSync("\"platform_id\":\"m1\",\"created_at\":" + QByteArray(400, '7')) << u"bad_request"_s
            << QJsonValue(u"s1"_s) << true;
        QTest::newRow("created_at after 2199 (the store refuses it)")
            << rawSync("\"platform_id\":\"m1\",\"created_at\":7258118400000") << u"invalid"_s
            << QJsonValue(u"s1"_s) << true;

        // Every string has a limit: shape is bad_request, content (length) is invalid.
        QTest::newRow("batch platform of 65 characters")
            << sync(QJsonObject{{u"platform"_s, QString(65, u'p')}}) << u"bad_request"_s
            << QJsonValue(u"s1"_s) << true;
        QTest::newRow("media of 8193 characters (the store refuses it)")
            << sync(message({{u"media"_s, QString(8193, u'm')}})) << u"invalid"_s << QJsonValue(u"s1"_s)
            << true;
        QJsonObject longName = message({});
        longName.insert(u"users"_s, QJsonArray{QJsonObject{{u"platform_id"_s, u"u-1"_s},
                                                           {u"name"_s, QString(257, u'名')}}});
        QTest::newRow("user name of 257 characters (the store refuses it)")
            << sync(longName) << u"invalid"_s << QJsonValue(u"s1"_s) << true;
        QTest::newRow("account_status error of 1025 characters")
            << compact({{u"type"_s, u"account_status"_s},
                        {u"id"_s, 27},
                        {u"account_id"_s, u"acc-1"_s},
                        {u"state"_s, u"error"_s},
                        {u"error"_s, QString(1025, u'e')}})
            << u"invalid"_s << QJsonValue(27) << true;
        QTest::newRow("reply_result platform_id of 257 characters")
            << compact({{u"type"_s, u"reply_result"_s},
                        {u"id"_s, 28},
                        {u"item_id"_s, 5},
                        {u"sent"_s, true},
                        {u"platform_id"_s, QString(257, u'p')}})
            << u"invalid"_s << QJsonValue(28) << true;
        QTest::newRow("reply_result error of 1025 characters") << compact({{u"type"_s, u"reply_result"_s},
                                                                           {u"id"_s, 29},
                                                                           {u"item_id"_s, 5},
                                                                           {u"sent"_s, false},
                                                                           {u"error"_s, QString(1025, u'e')}})
                                                               << u"invalid"_s << QJsonValue(29) << true;
    }

    // Every bad frame gets an error with the right code, changes nothing and costs no connection.
    void badFrames()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, code);
        QFETCH(QJsonValue, re);
        QFETCH(bool, registered);

        Peer w;
        QVERIFY(w.open(port()));
        if (registered)
            QCOMPARE(w.registerAs(u"w1"_s, {u"acc-1"_s}).value(u"type"_s).toString(), u"registered"_s);
        const qint64 before = revision();

        w.ws.sendTextMessage(QString::fromUtf8(frame));
        const QJsonObject e = w.ofType(u"error"_s);
        QCOMPARE(e.value(u"code"_s).toString(), code);
        QVERIFY(!e.value(u"message"_s).toString().isEmpty());
        QVERIFY(e.contains(u"re"_s));
        if (!re.isUndefined())
            QCOMPARE(e.value(u"re"_s), re);
        QCOMPARE(revision(), before);
        QVERIFY(w.frames.isEmpty());

        // Still connected and served.
        const QJsonObject hb = w.request(QJsonObject{{u"type"_s, u"heartbeat"_s}});
        QCOMPARE(hb.value(u"type"_s).toString(), registered ? u"heartbeat_ack"_s : u"error"_s);
        QVERIFY(!w.closed);
        if (registered)
            QCOMPARE(w.sync(smallBatch()).value(u"type"_s).toString(), u"data_sync_ack"_s);
    }

    void oversizedFrame()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        const qint64 before = revision();

        // Over the protocol limit but under the transport's hard one: an error, and the
        // connection stays.
        QByteArray big = compact(QJsonObject{{u"type"_s, u"data_sync"_s},
                                             {u"id"_s, u"big"_s},
                                             {u"pad"_s, QString(protocol::kMaxFrameBytes, u'x')}});
        QVERIFY(big.size() > protocol::kMaxFrameBytes);
        w.ws.sendTextMessage(QString::fromUtf8(big));
        // A MiB through both WebSocket layers: on a machine busy building (CI) its answer took
        // over 5 s once. The bound is for a hang, not a measure.
        const QJsonObject e = w.ofType(u"error"_s, 60000);
        QCOMPARE(e.value(u"code"_s).toString(), u"too_large"_s);
        QCOMPARE(revision(), before);
        QCOMPARE(w.request(QJsonObject{{u"type"_s, u"heartbeat"_s}}).value(u"type"_s).toString(),
                 u"heartbeat_ack"_s);

        // Far over: the WebSocket layer cuts the connection before buffering it whole.
        big = QByteArray(3 * protocol::kMaxFrameBytes, 'x');
        w.ws.sendTextMessage(QString::fromLatin1(big));
        QVERIFY(w.waitClosed(60000));
        QCOMPARE(w.ws.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QTRY_COMPARE(workerStatus(*m_master, u"w1"_s).value(u"state"_s).toString(), u"disconnected"_s);
    }

    void binaryFrame()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        w.ws.sendBinaryMessage(compact(QJsonObject{{u"type"_s, u"heartbeat"_s}, {u"id"_s, 1}}));
        const QJsonObject e = w.ofType(u"error"_s);
        QCOMPARE(e.value(u"code"_s).toString(), u"unsupported"_s);
        QVERIFY(e.value(u"re"_s).isNull());
        QCOMPARE(w.request(QJsonObject{{u"type"_s, u"heartbeat"_s}}).value(u"type"_s).toString(),
                 u"heartbeat_ack"_s);
    }

    // A fragmented text message is reassembled. Qt 6.4's WebSocket layer decodes each fragment on
    // its own, so a fragment that ends inside a UTF-8 sequence fails the connection with 1007 and
    // nothing of the message is applied (docs/protocol.md, "Frames"); senders keep frames whole.
    void fragmentedText()
    {
        RawPeer raw;
        QVERIFY(raw.handshake(port(), kToken.toUtf8()));
        const QByteArray reg = compact({{u"type"_s, u"register"_s},
                                        {u"id"_s, 1},
                                        {u"token"_s, kToken},
                                        {u"worker_id"_s, u"w-frag"_s},
                                        {u"platform"_s, u"demo"_s},
                                        {u"accounts"_s, QJsonArray{u"acc-1"_s}}});
        const int cut = int(reg.indexOf("demo")) + 2;
        raw.sendFrame(0x1, false, reg.left(cut));
        raw.sendFrame(0x0, true, reg.mid(cut));
        QCOMPARE(raw.nextJson().value(u"type"_s).toString(), u"registered"_s);

        const auto frameWith = [](const QString &id) {
            const QJsonObject m{{u"account_id"_s, u"acc-1"_s},    {u"conversation_id"_s, u"conv-frag"_s},
                                {u"platform_id"_s, id},           {u"sender_id"_s, u"u-1"_s},
                                {u"text"_s, u"分片的中文消息"_s}, {u"created_at"_s, kT0}};
            return compact(
                {{u"type"_s, u"data_sync"_s},
                 {u"id"_s, id},
                 {u"batch"_s, QJsonObject{{u"platform"_s, u"demo"_s}, {u"messages"_s, QJsonArray{m}}}}});
        };
        // Split between characters, in three fragments.
        QByteArray frame = frameWith(u"frag-1"_s);
        qsizetype at = frame.indexOf("\xe4\xb8\xad"_ba); // 中
        QVERIFY(at > 0);
        raw.sendFrame(0x1, false, frame.left(at));
        raw.sendFrame(0x0, false, frame.mid(at, 3));
        raw.sendFrame(0x0, true, frame.mid(at + 3));
        const QJsonObject ack = raw.nextJson();
        QCOMPARE(ack.value(u"type"_s).toString(), u"data_sync_ack"_s);
        const qint64 before = revision();
        QVERIFY(before > 0);

        // Split one byte into a character.
        frame = frameWith(u"frag-2"_s);
        at = frame.indexOf("\xe4\xb8\xad"_ba);
        raw.sendFrame(0x1, false, frame.left(at + 1));
        raw.sendFrame(0x0, true, frame.mid(at + 1));
        const std::optional<QByteArray> close = raw.nextClose();
        QVERIFY(close);
        QCOMPARE(qFromBigEndian<quint16>(close->constData()), quint16(1007));
        // The worker's accounts may go offline; no item arrived.
        const auto changes = m_master->store()->changes(before);
        QVERIFY(changes);
        for (const Change &c : changes->changes)
            QVERIFY2(c.entity != u"item" && c.entity != u"conversation", qPrintable(c.entity));
    }

    void invalidUtf8ClosesWith1007()
    {
        RawPeer raw;
        QVERIFY(raw.handshake(port(), kToken.toUtf8()));
        raw.sendText("{\"type\":\"\xff\"}");
        const std::optional<QByteArray> close = raw.nextClose();
        QVERIFY(close);
        QVERIFY(close->size() >= 2);
        QCOMPARE(qFromBigEndian<quint16>(close->constData()), quint16(1007));
    }

    void tooManyErrorsBeforeRegister()
    {
        Peer w;
        QVERIFY(w.open(port()));
        for (int i = 0; i < 5; ++i)
            w.send(QJsonObject{{u"type"_s, u"heartbeat"_s}});
        QVERIFY(w.waitClosed());
        QCOMPARE(w.ws.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(w.frames.size(), 5);
        for (const QJsonObject &f : std::as_const(w.frames))
            QCOMPARE(f.value(u"code"_s).toString(), u"not_registered"_s);
    }

    void rateLimit()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        // Sent in one go, they reach the master far faster than 200/s.
        constexpr int n = 1000;
        for (int i = 0; i < n; ++i)
            w.send(QJsonObject{{u"type"_s, u"heartbeat"_s}});
        QVERIFY(QTest::qWaitFor([&] { return w.frames.size() == n; }, 10000));
        int acks = 0;
        int limited = 0;
        for (const QJsonObject &f : std::as_const(w.frames)) {
            if (f.value(u"type"_s).toString() == u"heartbeat_ack")
                ++acks;
            else if (f.value(u"code"_s).toString() == u"rate_limited")
                ++limited;
        }
        QCOMPARE(acks + limited, n);
        QVERIFY2(acks >= 150 && acks < n * 3 / 4, qPrintable(QString::number(acks)));
        QVERIFY(!w.closed);
        w.frames.clear();
        // The bucket refills: within moments a frame goes through again.
        QTRY_COMPARE(w.request(QJsonObject{{u"type"_s, u"heartbeat"_s}}).value(u"type"_s).toString(),
                     u"heartbeat_ack"_s);
    }

    // Ids and texts compare equal exactly when the worker sent equal strings: an escaped pair
    // (Python's json.dumps) is the same text as its UTF-8, sent again it changes nothing, and half a
    // pair never reaches the store (it would read back as "?", an edit on every resend).
    void textsCompareAsSent()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        const auto frameWith = [](const QByteArray &id, const QByteArray &platformId,
                                  const QByteArray &text) {
            return "{\"type\":\"data_sync\",\"id\":\"" + id +
                   "\",\"batch\":{\"platform\":\"demo\",\"messages\":[{\"account_id\":\"acc-1\","
                   "\"conversation_id\":\"conv-1\",\"sender_id\":\"u-1\",\"platform_id\":\"" +
                   platformId + "\",\"text\":\"" + text + "\",\"created_at\":1767225600000}]}}";
        };
        const auto send = [&](const QByteArray &bytes) {
            const QJsonValue id = QJsonDocument::fromJson(bytes).object().value(u"id"_s);
            w.ws.sendTextMessage(QString::fromUtf8(bytes));
            return w.answer(id);
        };

        QJsonObject a = send(frameWith("1", "m\\ud83d\\ude00", "hi \\ud83d\\ude00"));
        QCOMPARE(a.value(u"type"_s).toString(), u"data_sync_ack"_s);
        QVERIFY(a.value(u"inserted"_s).toInt() > 0);
        const qint64 rev = revision();
        for (const QByteArray &again : {frameWith("2", "m\\ud83d\\ude00", "hi \\ud83d\\ude00"),
                                        frameWith("3", "m\xf0\x9f\x98\x80", "hi \xf0\x9f\x98\x80"),
                                        frameWith("4", "m\\uD83D\\uDE00", "hi \\uD83D\\uDE00")}) {
            a = send(again);
            QCOMPARE(a.value(u"type"_s).toString(), u"data_sync_ack"_s);
            QCOMPARE(a.value(u"inserted"_s).toInt(), 0);
            QCOMPARE(a.value(u"updated"_s).toInt(), 0);
            QVERIFY(a.value(u"unchanged"_s).toInt() > 0);
        }
        QCOMPARE(revision(), rev);

        // The same record with its emoji cut in half, twice, and two ids that differ only in a
        // lone half: refused, the stored text untouched.
        for (const QByteArray &bad : {frameWith("5", "m\\ud83d\\ude00", "hi \\ud83d"),
                                      frameWith("6", "m\\ud83d\\ude00", "hi \\ud83d"),
                                      frameWith("7", "n\\ud800", "x"), frameWith("8", "n\\udbff", "y")}) {
            a = send(bad);
            QCOMPARE(a.value(u"code"_s).toString(), u"bad_request"_s);
            QVERIFY2(a.value(u"message"_s).toString().contains(u"batch.messages[0]."_s),
                     qPrintable(a.value(u"message"_s).toString()));
        }
        QCOMPARE(revision(), rev);
        Store &s = *m_master->store();
        auto page = s.thread(ItemKind::Message, convId(s, u"conv-1"_s));
        QCOMPARE(page->items.size(), 1);
        QCOMPARE(page->items.at(0).platformId, u"m😀"_s);
        QCOMPARE(page->items.at(0).text, u"hi 😀"_s);
        QCOMPARE(s.history(page->items.at(0).id)->size(), 0);
    }

    // A worker matches answers to requests by counting: the n-th answer is the n-th request's, and
    // an error that cannot name its request (re: null) still takes its place. Checked under a
    // burst that the rate limit cuts into, with every kind of refusal mixed in.
    void answersComeInRequestOrder()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        w.frames.clear();

        struct Expected
        {
            QString type; // an answer's type, or an error's code
            QJsonValue re;
        };
        QList<Expected> expected;
        const QJsonValue none(QJsonValue::Null);
        // Sends a text frame and notes the answer it must get.
        const auto sendText = [&](const QString &text, const QString &type, const QJsonValue &re) {
            w.ws.sendTextMessage(text);
            expected << Expected{type, re};
        };
        constexpr int n = 600;
        for (int i = 0; i < n; ++i) {
            const QByteArray id = QByteArray::number(i);
            switch (i % 9) {
            case 0:
            case 1:
                sendText(u"{\"type\":\"heartbeat\",\"id\":%1}"_s.arg(i), u"heartbeat_ack"_s, i);
                break;
            case 2:
                sendText(u"{\"type\":"_s, u"bad_json"_s, none);
                break;
            case 3:
                sendText(u"{\"type\":\"teleport\",\"id\":%1}"_s.arg(i), u"unknown_type"_s, i);
                break;
            case 4:
                sendText(
                    u"{\"type\":\"reply_result\",\"id\":%1,\"item_id\":9007199254740993,\"sent\":true}"_s.arg(
                        i),
                    u"bad_request"_s, i);
                break;
            case 5:
                sendText(u"{\"type\":\"heartbeat\",\"id\":%1,\"x\":\"\\ud800\"}"_s.arg(i), u"bad_request"_s,
                         i);
                break;
            case 6:
                sendText(u"{\"type\":\"heartbeat\",\"id\":%1,\"x\":1e400}"_s.arg(i), u"bad_request"_s, i);
                break;
            case 7:
                w.ws.sendBinaryMessage("{}");
                expected << Expected{u"unsupported"_s, none};
                break;
            case 8:
                if (i == 8 || i == 305) { // a few large ones; most frames stay small to outrun the bucket
                    sendText(QString(protocol::kMaxFrameBytes + 1, u' '), u"too_large"_s, none);
                } else if (i == 17 || i == 404) {
                    Batch b = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m"_s + QString::number(i), u"u-1"_s,
                                        u"hi"_s, kT0 + i)});
                    sendText(QString::fromUtf8(compact({{u"type"_s, u"data_sync"_s},
                                                        {u"id"_s, i},
                                                        {u"batch"_s, protocol::batchToJson(b)}})),
                             u"data_sync_ack"_s, i);
                } else {
                    sendText(u"{\"type\":\"status\",\"id\":\"s-%1\"}"_s.arg(i), u"status"_s,
                             u"s-%1"_s.arg(i));
                }
                break;
            }
        }
        QVERIFY2(QTest::qWaitFor([&] { return w.frames.size() >= n; }, 20000),
                 qPrintable(QString::number(w.frames.size())));
        QTest::qWait(200); // nothing more comes: exactly one answer per frame
        QCOMPARE(w.frames.size(), n);

        int limited = 0;
        for (int i = 0; i < n; ++i) {
            const QJsonObject &f = w.frames.at(i);
            const QString what = f.value(u"type"_s).toString() == u"error"_s ? f.value(u"code"_s).toString()
                                                                             : f.value(u"type"_s).toString();
            QVERIFY(f.contains(u"re"_s));
            if (what == u"rate_limited"_s) {
                // Refused on arrival: not read, so re is null. A status read but over its cost
                // answers its own id (docs/protocol.md, "Limits").
                const bool statusOverCost =
                    expected.at(i).type == u"status"_s && f.value(u"re"_s) == expected.at(i).re;
                QVERIFY2(f.value(u"re"_s).isNull() || statusOverCost, qPrintable(QString::number(i)));
                ++limited;
                continue;
            }
            QVERIFY2(what == expected.at(i).type,
                     qPrintable(u"answer %1 is %2, expected %3"_s.arg(i).arg(what, expected.at(i).type)));
            QCOMPARE(f.value(u"re"_s), expected.at(i).re);
        }
        QVERIFY2(limited > 0 && limited < n, qPrintable(QString::number(limited)));
        QVERIFY(!w.closed);
    }

    // Large frames (a worker's batches, a few hundred kB each) sent back to back, between small
    // ones: their answers come in the order of the requests, each with its own error; a refused
    // batch changes nothing.
    void largeFramesKeepTheirOrderAndErrors()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        w.frames.clear();
        const QString pad(20000, u' '); // whitespace: the same JSON
        const auto bigSync = [&](int id, int first, int n) {
            QList<MessageRecord> ms;
            for (int i = first; i < first + n; ++i)
                ms << dm(u"acc-1"_s, u"conv-big"_s, u"big-%1"_s.arg(i), u"u-1"_s, u"长消息 %1"_s.arg(i),
                         kT0 + i);
            return QString::fromUtf8(compact({{u"type"_s, u"data_sync"_s},
                                              {u"id"_s, id},
                                              {u"batch"_s, protocol::batchToJson(batch(ms))}})) +
                   pad;
        };
        QString wrongType = bigSync(3, 5000, 5);
        wrongType.replace(u"\"created_at\":"_s + QString::number(kT0 + 5000), u"\"created_at\":\"soon\""_s);
        QVERIFY(wrongType.contains(u"\"soon\""_s));
        QString otherAccount = bigSync(4, 6000, 5);
        otherAccount.replace(u"\"acc-1\""_s, u"\"acc-9\""_s);
        const QList<std::pair<QString, QString>> sent{
            {bigSync(1, 0, 1000), u"data_sync_ack"_s},
            {u"{\"type\":\"heartbeat\",\"id\":2}"_s, u"heartbeat_ack"_s},
            {wrongType, u"bad_request"_s},
            {otherAccount, u"invalid"_s},
            {u"{\"type\":\"data_sync\",\"id\":5,\"batch\":{"_s + pad, u"bad_json"_s},
            {bigSync(6, 1000, 1000), u"data_sync_ack"_s},
            {u"{\"type\":\"heartbeat\",\"id\":7}"_s, u"heartbeat_ack"_s},
            {bigSync(8, 2000, 1000), u"data_sync_ack"_s},
        };
        for (const auto &[text, type] : sent)
            w.ws.sendTextMessage(text);
        QVERIFY2(QTest::qWaitFor([&] { return w.frames.size() >= sent.size(); }, 20000),
                 qPrintable(QString::number(w.frames.size())));
        for (qsizetype i = 0; i < sent.size(); ++i) {
            const QJsonObject &f = w.frames.at(i);
            const QString what = f.value(u"type"_s).toString() == u"error"_s ? f.value(u"code"_s).toString()
                                                                             : f.value(u"type"_s).toString();
            QVERIFY2(what == sent.at(i).second,
                     qPrintable(u"answer %1 is %2: %3"_s.arg(i).arg(what, QString::fromUtf8(compact(f)))));
            if (what != u"bad_json"_s)
                QCOMPARE(f.value(u"re"_s).toInt(), int(i + 1));
        }
        const QJsonObject refused = w.frames.at(2);
        QVERIFY2(refused.value(u"message"_s).toString().startsWith(u"batch: messages[0].created_at"_s),
                 qPrintable(refused.value(u"message"_s).toString()));
        // The three good batches, and nothing of
        // the refused ones.
        Store &st = *m_master->store();
        const auto items = st.exportEntity(u"item"_s);
        QVERIFY(items);
        QSet<QString> ids;
        for (const QJsonObject &o : *items)
            ids.insert(o.value(u"platform_id"_s).toString());
        QCOMPARE(ids.size(), 3000);
        QVERIFY(ids.contains(u"big-0"_s) && ids.contains(u"big-2999"_s) && !ids.contains(u"big-5000"_s));
        QVERIFY(!account(*m_master, u"acc-9"_s));
        QVERIFY(!w.closed);
    }

    // A worker that stops reading stalls its answers. Once one answer could not be queued, none
    // after it may go out (the worker would pair later answers with the wrong requests): the
    // worker sees a prefix of its answers, then the connection closes, and it resends the rest.
    void stalledWorkerGetsNoLaterAnswer()
    {
        // A master that checks its peers once a second (the fixture's checks every 100 ms): the
        // worker below catches up between two checks.
        MasterOptions o;
        o.dbPath = m_dir.filePath(u"stall.db"_s);
        o.listenAddress = u"127.0.0.1"_s;
        o.port = 0;
        o.workerToken = kToken;
        o.heartbeatTimeoutMs = 60000;
        Master master(o);
        QVERIFY(!master.open());

        RawPeer raw;
        QVERIFY(raw.handshake(master.listeningPort(), kToken.toUtf8()));
        QCOMPARE(raw.registerAs(u"w-slow"_s, u"acc-1"_s), u"registered"_s);

        // Stop reading, and send batches whose errors echo a 3.5 MiB field name: their answers
        // pile up on the master's side, past its 16 MiB backlog (and the kernel's buffers) after
        // a few. Each one the master processes counts in its status as an error.
        raw.tcp.setReadBufferSize(64 * 1024);
        constexpr int kFrames = 16;
        QList<QJsonValue> sent;
        const QString huge(3584 * 1024, u'x');
        for (int i = 0; i < kFrames; ++i) {
            raw.sendText(compact({{u"type"_s, u"data_sync"_s},
                                  {u"id"_s, i},
                                  {u"batch"_s, QJsonObject{{u"platform"_s, u"demo"_s}, {huge, 1}}}}));
            sent << QJsonValue(i);
        }
        // Until the master has processed every frame (it answers a stalled worker no more, so it
        // does not process its frames either), or has dropped the worker.
        const auto state = [&] {
            return workerStatus(master, u"w-slow"_s);
        };
        QVERIFY(QTest::qWaitFor(
            [&] {
                return state().value(u"errors"_s).toInt() == kFrames ||
                       state().value(u"state"_s).toString() == u"disconnected"_s;
            },
            20000));

        // Read again, and ask once more.
        raw.tcp.setReadBufferSize(0);
        raw.sendText(compact({{u"type"_s, u"heartbeat"_s}, {u"id"_s, u"h"_s}}));
        sent << QJsonValue(u"h"_s);
        QList<QJsonValue> answered;
        bool closed = false;
        QByteArray message; // the fragments of a text message so far
        (void)QTest::qWaitFor(
            [&] {
                bool fin = false;
                while (auto f = raw.frame(&fin)) {
                    if (f->first == 1 || f->first == 0) {
                        message += f->second;
                        if (fin) {
                            answered << QJsonDocument::fromJson(message).object().value(u"re"_s);
                            message.clear();
                        }
                    } else if (f->first == 8) {
                        closed = true;
                    }
                }
                // A peer that does not read its close frame in time is cut off without one.
                closed = closed || raw.tcp.state() != QAbstractSocket::ConnectedState;
                return closed || answered.size() == sent.size();
            },
            10000);
        QVERIFY2(answered.size() < sent.size(), "the backlog never built up");
        // What arrived answers the first requests, in order; then the connection closed.
        for (qsizetype i = 0; i < answered.size(); ++i)
            QCOMPARE(answered.at(i), sent.at(i));
        QVERIFY(closed);
        QCOMPARE(state().value(u"state"_s).toString(), u"disconnected"_s);
    }

    void accountStatus()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        const QJsonObject ack = w.request(QJsonObject{{u"type"_s, u"account_status"_s},
                                                      {u"account_id"_s, u"acc-1"_s},
                                                      {u"state"_s, u"logged_out"_s},
                                                      {u"error"_s, u"scan the QR code"_s}});
        QCOMPARE(ack.value(u"type"_s).toString(), u"ack"_s);
        const auto a = account(*m_master, u"acc-1"_s);
        QVERIFY(a);
        QCOMPARE(int(a->loginState), int(LoginState::LoggedOut));
        QCOMPARE(a->lastError, u"scan the QR code"_s);
    }

    // A worker that hangs with its connection open answers no ping: dropped after the timeout, its
    // accounts shown offline. A live worker beside it stays.
    void silentWorkerIsDropped()
    {
        Peer live;
        QCOMPARE(openAndRegister(live, u"w-live"_s, {u"acc-1"_s}), u"registered"_s);

        RawPeer raw;
        QVERIFY(raw.handshake(port(), kToken.toUtf8()));
        QCOMPARE(raw.registerAs(u"w-silent"_s, u"acc-9"_s), u"registered"_s);
        raw.sendText(compact({{u"type"_s, u"account_status"_s},
                              {u"id"_s, 2},
                              {u"account_id"_s, u"acc-9"_s},
                              {u"state"_s, u"logged_in"_s}}));
        QCOMPARE(raw.nextJson().value(u"type"_s).toString(), u"ack"_s);
        QCOMPARE(int(account(*m_master, u"acc-9"_s)->loginState), int(LoginState::LoggedIn));

        // From now on the raw peer reads (so its socket stays open) but never answers.
        QTRY_COMPARE_WITH_TIMEOUT(workerStatus(*m_master, u"w-silent"_s).value(u"state"_s).toString(),
                                  u"disconnected"_s, 5000);
        const auto a = account(*m_master, u"acc-9"_s);
        QCOMPARE(int(a->loginState), int(LoginState::Unknown));
        QVERIFY2(a->lastError.contains(u"w-silent"_s), qPrintable(a->lastError));

        // The live worker, connected as long as the silent one, answered the pings all along: it
        // outlived the same timeout that dropped the silent one.
        QVERIFY(!live.closed);
        QCOMPARE(live.request(QJsonObject{{u"type"_s, u"heartbeat"_s}}).value(u"type"_s).toString(),
                 u"heartbeat_ack"_s);
        QCOMPARE(workerStatus(*m_master, u"w-live"_s).value(u"state"_s).toString(), u"connected"_s);
    }

    void replyRouting()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        QCOMPARE(w.sync(smallBatch()).value(u"type"_s).toString(), u"data_sync_ack"_s);
        const qint64 c = convId(*m_master->store(), u"conv-1"_s);

        auto r = m_master->execute(u"cmd-1"_s, u"reply"_s, {{u"conversation_id"_s, c}, {u"text"_s, u"hi"_s}});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        const qint64 itemId = r->value(u"item_id"_s).toInteger();
        QVERIFY(itemId > 0);

        const QJsonObject req = w.ofType(u"reply_request"_s);
        QCOMPARE(req.value(u"item_id"_s).toInteger(), itemId);
        QCOMPARE(req.value(u"id"_s).toString(), u"rr-%1"_s.arg(itemId));
        QCOMPARE(req.value(u"command_id"_s).toString(), u"cmd-1"_s);
        QCOMPARE(req.value(u"platform"_s).toString(), u"demo"_s);
        QCOMPARE(req.value(u"account_id"_s).toString(), u"acc-1"_s);
        QCOMPARE(req.value(u"kind"_s).toString(), u"message"_s);
        QCOMPARE(req.value(u"thread_id"_s).toString(), u"conv-1"_s);
        QCOMPARE(req.value(u"text"_s).toString(), u"hi"_s);

        const QJsonObject ack = w.request(QJsonObject{{u"type"_s, u"reply_result"_s},
                                                      {u"item_id"_s, itemId},
                                                      {u"sent"_s, true},
                                                      {u"platform_id"_s, u"pm-1"_s},
                                                      {u"error"_s, QString()}});
        QCOMPARE(ack.value(u"type"_s).toString(), u"ack"_s);
        auto item = m_master->store()->item(itemId);
        QVERIFY(item && item.value());
        QCOMPARE(int(item.value()->delivery), int(Delivery::Sent));
        QCOMPARE(item.value()->platformId, u"pm-1"_s);

        // A reply made while the worker is away goes out when it registers again, after
        // "registered".
        w.ws.close();
        QVERIFY(w.waitClosed());
        QTRY_COMPARE(workerStatus(*m_master, u"w1"_s).value(u"state"_s).toString(), u"disconnected"_s);
        r = m_master->execute(u"cmd-2"_s, u"reply"_s,
                              {{u"conversation_id"_s, c}, {u"text"_s, u"still there?"_s}});
        QVERIFY(r);
        const qint64 second = r->value(u"item_id"_s).toInteger();
        Peer back;
        QVERIFY(back.open(port()));
        back.send(QJsonObject{{u"type"_s, u"register"_s},
                              {u"token"_s, kToken},
                              {u"worker_id"_s, u"w1"_s},
                              {u"platform"_s, u"demo"_s},
                              {u"accounts"_s, QJsonArray{u"acc-1"_s}}});
        QVERIFY(QTest::qWaitFor([&] { return back.frames.size() >= 2; }, 5000));
        QCOMPARE(back.frames.at(0).value(u"type"_s).toString(), u"registered"_s);
        QCOMPARE(back.frames.at(1).value(u"type"_s).toString(), u"reply_request"_s);
        QCOMPARE(back.frames.at(1).value(u"item_id"_s).toInteger(), second);

        const QJsonObject failed = back.request(QJsonObject{{u"type"_s, u"reply_result"_s},
                                                            {u"item_id"_s, second},
                                                            {u"sent"_s, false},
                                                            {u"error"_s, u"the user blocked us"_s}});
        QCOMPARE(failed.value(u"type"_s).toString(), u"ack"_s);
        item = m_master->store()->item(second);
        QCOMPARE(int(item.value()->delivery), int(Delivery::Failed));
        QCOMPARE(item.value()->error, u"the user blocked us"_s);

        // Another worker cannot settle it.
        Peer intruder;
        QCOMPARE(openAndRegister(intruder, u"w2"_s, {u"acc-2"_s}), u"registered"_s);
        const QJsonObject refused = intruder.request(
            QJsonObject{{u"type"_s, u"reply_result"_s}, {u"item_id"_s, second}, {u"sent"_s, true}});
        QCOMPARE(refused.value(u"code"_s).toString(), u"invalid"_s);
        QCOMPARE(int(m_master->store()->item(second).value()->delivery), int(Delivery::Failed));
    }

    // A worker that reconnects before its old connection timed out takes over at once.
    void newConnectionReplacesTheOld()
    {
        Peer first;
        QCOMPARE(openAndRegister(first, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        QCOMPARE(first.sync(smallBatch()).value(u"type"_s).toString(), u"data_sync_ack"_s);
        QCOMPARE(first
                     .request(QJsonObject{{u"type"_s, u"account_status"_s},
                                          {u"account_id"_s, u"acc-1"_s},
                                          {u"state"_s, u"logged_in"_s}})
                     .value(u"type"_s)
                     .toString(),
                 u"ack"_s);

        Peer second;
        QCOMPARE(openAndRegister(second, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        QVERIFY(first.waitClosed());
        QCOMPARE(workerStatus(*m_master, u"w1"_s).value(u"state"_s).toString(), u"connected"_s);
        QCOMPARE(int(account(*m_master, u"acc-1"_s)->loginState), int(LoginState::LoggedIn));

        const qint64 c = convId(*m_master->store(), u"conv-1"_s);
        auto r = m_master->execute(u"cmd-1"_s, u"reply"_s, {{u"conversation_id"_s, c}, {u"text"_s, u"hi"_s}});
        QVERIFY(r);
        QCOMPARE(second.ofType(u"reply_request"_s).value(u"item_id"_s).toInteger(),
                 r->value(u"item_id"_s).toInteger());
    }

    // Before authentication a frame is small (docs/protocol.md, "Limits"): a larger one is refused
    // from its header, before anything of it is buffered, and costs the connection (1009). The
    // token, by register or in the upgrade request, lifts the limit to the normal one.
    void preAuthenticationFramesAreSmall()
    {
        const qint64 before = revision();
        const QString pad(100 * 1024, u'x');
        const QJsonObject padded{{u"type"_s, u"heartbeat"_s}, {u"pad"_s, pad}};
        Peer stranger;
        QVERIFY(stranger.open(port()));
        stranger.send(padded);
        QVERIFY(stranger.waitClosed());
        QCOMPARE(stranger.ws.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QVERIFY(stranger.frames.isEmpty());

        // A register fits; after it the same frame is served.
        Peer worker;
        QCOMPARE(openAndRegister(worker, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        QCOMPARE(worker.request(padded).value(u"type"_s).toString(), u"heartbeat_ack"_s);

        // With the token in the upgrade request it is read at once (a register of thousands of
        // accounts is large), and answered like any frame before register.
        Peer header;
        QVERIFY(header.open(port(), "Bearer " + kToken.toUtf8()));
        QCOMPARE(header.request(padded).value(u"code"_s).toString(), u"not_registered"_s);
        QVERIFY(!header.closed);
        QCOMPARE(revision(), before);
    }

    // Connections that have not registered are capped: beyond the cap a new one is closed as soon
    // as it is accepted. Registered workers do not count.
    void unregisteredConnectionsAreCapped()
    {
        start({.maxUnregistered = 4});
        // The kernel completes these connections; the master accepts them in order when the event
        // loop runs, and closes the fifth.
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 5; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, port());
            QVERIFY(idle.back()->waitForConnected(5000));
        }
        QTRY_COMPARE(idle.back()->state(), QAbstractSocket::UnconnectedState);
        idle.pop_back();
        for (const auto &socket : idle)
            QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);

        // While the cap is full a worker cannot get in either; once a slot is free it can, and
        // once registered it leaves its slot.
        Peer refused;
        QVERIFY(!refused.open(port()));
        idle.front()->abort();
        idle.erase(idle.begin());
        std::unique_ptr<Peer> worker;
        // Until the master has seen the slot free.
        QVERIFY(QTest::qWaitFor(
            [&] {
                worker = std::make_unique<Peer>();
                return worker->open(port());
            },
            5000));
        QCOMPARE(worker->registerAs(u"w1"_s, {u"acc-1"_s}).value(u"type"_s).toString(), u"registered"_s);
        Peer another;
        QVERIFY(another.open(port()));
        QVERIFY(!another.closed);
    }

    // A connection must register within the register timeout, counted from its acceptance: one
    // that never completes the WebSocket handshake is closed, one that upgraded and never
    // registers is closed with 1008. A registered worker stays.
    void unregisteredConnectionsTimeOut()
    {
        start({.registerTimeoutMs = 300});
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, port());
        QVERIFY(silent.waitForConnected(5000));
        Peer upgraded;
        QVERIFY(upgraded.open(port()));
        Peer worker;
        QCOMPARE(openAndRegister(worker, u"w1"_s, {u"acc-1"_s}), u"registered"_s);

        QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 5000);
        QVERIFY(upgraded.waitClosed());
        QCOMPARE(upgraded.ws.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QTest::qWait(400);
        QVERIFY(!worker.closed);
        QCOMPARE(worker.request(QJsonObject{{u"type"_s, u"heartbeat"_s}}).value(u"type"_s).toString(),
                 u"heartbeat_ack"_s);
    }

    // status frames share a snapshot at most statusCacheMs old, and each costs statusCost frames of
    // the rate limit: a burst of them is partly refused, in order, each refusal naming its request.
    void statusIsCachedAndCostsMore()
    {
        start({.statusCacheMs = 500});
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        const auto messages = [&] {
            const QJsonObject st = w.request(QJsonObject{{u"type"_s, u"status"_s}});
            return st.value(u"type"_s).toString() == u"status" ? st.value(u"status"_s)
                                                                     .toObject()
                                                                     .value(u"counts"_s)
                                                                     .toObject()
                                                                     .value(u"messages"_s)
                                                                     .toInt()
                                                               : -1;
        };
        QCOMPARE(messages(), 0);
        QCOMPARE(w.sync(smallBatch()).value(u"type"_s).toString(), u"data_sync_ack"_s);
        QCOMPARE(messages(), 0); // the snapshot
        QTRY_COMPARE_WITH_TIMEOUT(messages(), 2, 5000);

        Peer burst;
        QCOMPARE(openAndRegister(burst, u"w2"_s, {u"acc-2"_s}), u"registered"_s);
        constexpr int n = 30;
        QVERIFY(burst.sendBurst(u"status"_s, u"st"_s, n));
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < n; ++i) {
            const QJsonObject f = burst.frames.at(i);
            QCOMPARE(f.value(u"re"_s).toString(), u"st-%1"_s.arg(i));
            if (f.value(u"type"_s).toString() == u"status") {
                ++answered;
                QCOMPARE(f.value(u"status"_s)
                             .toObject()
                             .value(u"counts"_s)
                             .toObject()
                             .value(u"messages"_s)
                             .toInt(),
                         2);
            } else {
                QCOMPARE(f.value(u"code"_s).toString(), u"rate_limited"_s);
                ++refused;
            }
        }
        QVERIFY2(answered > 0 && refused > 0,
                 qPrintable(u"%1 answered, %2 refused"_s.arg(answered).arg(refused)));
        QVERIFY(!burst.closed);
    }

    // Frames received and not yet processed are bounded per connection: beyond the bound a frame
    // is answered rate_limited without being processed, in its turn; a peer that sends more than
    // maxUnanswered frames ahead of their answers is closed (1008).
    void inputQueueIsBounded()
    {
        start({.maxQueuedFrames = 2, .maxUnanswered = 40});
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s}), u"registered"_s);
        constexpr int n = 30;
        QVERIFY(w.sendBurst(u"heartbeat"_s, u"h"_s, n));
        int refused = 0;
        for (int i = 0; i < n; ++i) {
            const QJsonObject f = w.frames.at(i);
            if (f.value(u"type"_s).toString() == u"heartbeat_ack") {
                QCOMPARE(f.value(u"re"_s).toString(), u"h-%1"_s.arg(i)); // answers keep the order
            } else {
                QCOMPARE(f.value(u"code"_s).toString(), u"rate_limited"_s);
                QVERIFY(f.value(u"re"_s).isNull());
                ++refused;
            }
        }
        QVERIFY(refused > 0);
        QVERIFY(refused < n);
        QVERIFY(!w.closed);
        w.frames.clear();

        for (int i = 0; i < 50; ++i)
            w.send(QJsonObject{{u"type"_s, u"heartbeat"_s}});
        QVERIFY(w.waitClosed());
        QCOMPARE(w.ws.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    }

    // A disconnected worker stays in status for keepDisconnectedMs, and only the newest
    // maxDisconnectedWorkers of them; connected workers always show.
    void disconnectedWorkersAgeOut()
    {
        start({.keepDisconnectedMs = 1000, .maxDisconnectedWorkers = 2});
        Peer live;
        QCOMPARE(openAndRegister(live, u"live"_s, {u"acc-1"_s}), u"registered"_s);
        for (int i = 1; i <= 4; ++i) {
            Peer p;
            QCOMPARE(openAndRegister(p, u"w%1"_s.arg(i), {u"acc-1"_s}), u"registered"_s);
            p.ws.close();
            QVERIFY(p.waitClosed());
            QTRY_COMPARE(workerStatus(*m_master, u"w%1"_s.arg(i)).value(u"state"_s).toString(),
                         u"disconnected"_s);
        }
        const auto ids = [&] {
            QStringList out;
            for (const QJsonValue &w : workers())
                out << w.toObject().value(u"id"_s).toString();
            out.sort();
            return out;
        };
        // The two newest at most (one may have aged out already on a slow machine).
        const QStringList kept = ids();
        QVERIFY2(kept.contains(u"live"_s) && kept.size() <= 3 && !kept.contains(u"w1"_s) &&
                     !kept.contains(u"w2"_s),
                 qPrintable(kept.join(u' ')));
        QTRY_COMPARE_WITH_TIMEOUT(ids(), QStringList{u"live"_s}, 10000);
        QCOMPARE(workerStatus(*m_master, u"live"_s).value(u"state"_s).toString(), u"connected"_s);
    }

    // Naming accounts in register creates no rows, and neither does their worker going away: only
    // accounts that exist (from data the worker sent) are marked offline, in one transaction.
    void namingAccountsCreatesNoRows()
    {
        Peer w;
        QCOMPARE(openAndRegister(w, u"w1"_s, {u"acc-1"_s, u"acc-2"_s, u"acc-3"_s}), u"registered"_s);
        QCOMPARE(m_master->store()->accounts()->size(), 0);
        QCOMPARE(w.sync(smallBatch()).value(u"type"_s).toString(), u"data_sync_ack"_s); // acc-1 only
        w.ws.close();
        QVERIFY(w.waitClosed());
        QTRY_COMPARE(workerStatus(*m_master, u"w1"_s).value(u"state"_s).toString(), u"disconnected"_s);
        QCOMPARE(m_master->store()->accounts()->size(), 1);
        const auto a = account(*m_master, u"acc-1"_s);
        QVERIFY(a);
        QCOMPARE(int(a->loginState), int(LoginState::Unknown));
        QVERIFY2(a->lastError.contains(u"w1"_s), qPrintable(a->lastError));
        QVERIFY(!account(*m_master, u"acc-2"_s));
    }

    void listenRefusesOtherAddresses()
    {
        WorkerServer server(m_master.get());
        Error e = server.listen(QHostAddress(u"192.0.2.1"_s), 0, false);
        QCOMPARE(e.code, ErrorCode::InvalidArgument);
        QVERIFY(e.message.contains(u"192.0.2.1"_s));
        e = server.listen(QHostAddress::Any, 0, false);
        QCOMPARE(e.code, ErrorCode::InvalidArgument);
        QCOMPARE(server.port(), quint16(0));

        e = server.listen(QHostAddress::LocalHost, 0, false);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(server.port() != 0);
        QCOMPARE(server.sessionCount(), 0);
        Peer w;
        QVERIFY(w.open(server.port()));
        QTRY_COMPARE(server.sessionCount(), 1);
        w.ws.close();
        QTRY_COMPARE(server.sessionCount(), 0);

        MasterOptions o;
        o.dbPath = m_dir.filePath(u"any.db"_s);
        o.listenAddress = u"0.0.0.0"_s;
        o.port = 0;
        Master exposed(o);
        QCOMPARE(exposed.open().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestWorkerServer)
#include "TestWorkerServer.moc"
