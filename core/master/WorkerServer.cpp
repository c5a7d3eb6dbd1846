// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/WorkerServer.h"

#include "common/EventDispatcher.h"
#include "master/ClientHub.h"
#include "master/DirectSender.h"
#include "protocol/DataSyncDecoder.h"

#include <QAbstractEventDispatcher>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <cstring>
#include <limits>

#ifdef Q_OS_UNIX
#include <cerrno>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcWorkerServer, "hiscrm.master.workers", QtInfoMsg)

namespace hiscrm::master {

namespace {

using namespace protocol;

// Qt refuses (and closes with 1009) anything beyond this. It sits above the protocol limit so that
// a frame a little too large is answered with a too_large error the worker can act on, while a
// runaway one is cut off before it is buffered whole.
constexpr qsizetype kHardFrameBytes = 2 * kMaxFrameBytes;
// Qt's WebSocket layer waits for a frame's whole payload in the socket's read buffer, so the buffer
// must hold the largest frame allowed; beyond that, unread data waits in the kernel, and TCP flow
// control slows the sender down.
constexpr qint64 kTrustedReadBufferBytes = kHardFrameBytes + 64 * 1024;
// Output queued beyond this means the peer is not reading: stop feeding it, then drop it.
constexpr qint64 kMaxBacklogBytes = 4 * kMaxFrameBytes;
#ifdef Q_OS_UNIX // the connections accepted by WorkerServer::acceptPending
// A plain TCP connection whose writes go straight to the kernel while nothing of Qt's is queued
// ahead of them; only what the kernel does not take at once is queued in Qt's buffer, which then
// sends it, reports errors and counts the backlog as before. Qt's own buffer would otherwise keep,
// for the life of every connection, the block it reserved for the first small write (the
// handshake's answer): 16-32 KiB a connection, about half of the master's memory with 1,000
// devices (heaptrack). It also spares each answer a copy and a turn of the event loop.
class DirectTcpSocket final : public QTcpSocket
{
public:
    using QTcpSocket::QTcpSocket;

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        if (size <= 0 || bytesToWrite() > 0 || state() != QAbstractSocket::ConnectedState)
            return QTcpSocket::writeData(data, size);
        const qsizetype sent = DirectSender::sendNow(int(socketDescriptor()), QByteArrayView(data, size));
        if (sent == size)
            return size;
        // The rest (all of it when the kernel took nothing, or on an error, which Qt then meets
        // and reports).
        const qint64 queued = QTcpSocket::writeData(data + sent, size - sent);
        return queued < 0 ? queued : sent + queued;
    }
};
#endif

// Errors an unregistered connection may earn before it is closed: enough to debug a worker by hand,
// too few to use an open port as a free JSON parser.
constexpr int kMaxStrikes = 5;
// Token bucket: a sustained 200 frames/s, with bursts of as many.
constexpr double kRateFramesPerSecond = 200;
constexpr double kRateBurst = 200;
// Connections accepted in one turn of the event loop, at most.
constexpr int kAcceptsPerTurn = 64;
// The frames of one turn of the event loop are processed for at most about this long (plus the last
// frame's own time).
constexpr qint64 kPumpSliceMs = 5;
// Batches waiting on one connection committed together (WorkerServer::ingestWaiting), at most, and
// the characters of the frames added to the first: a group holds the writer for a few batches' time.
constexpr int kMaxGroupFrames = 4;
constexpr qsizetype kMaxGroupChars = kMaxFrameBytes;
// Accept failures, or connections closed at once, after this long without one start a new burst,
// which is logged again: a burst is logged once, however many attempts it takes.
constexpr qint64 kQuietMs = 10000;
// A peer whose close handshake does not finish in this time is cut off.
constexpr int kCloseGraceMs = 1000;
constexpr int kMaxWorkerIdChars = 128;
constexpr int kMaxPlatformChars = 64;
constexpr int kMaxAccountIdChars = 256;
constexpr int kMaxAccounts = 10000;

// Pings (and the heartbeat a worker is told to send) come often enough that a live peer is heard
// from several times per timeout, however short a test makes it.
int pingIntervalMs(int timeoutMs)
{
    return std::max(10, std::min(kHeartbeatIntervalMs, timeoutMs / 3));
}

// Compares digests rather than the tokens themselves so that neither the contents nor the length of
// the secret shows in how long a wrong guess takes.
bool sameToken(const QString &given, const QString &expected)
{
    if (expected.isEmpty())
        return false;
    const QByteArray a = QCryptographicHash::hash(given.toUtf8(), QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash(expected.toUtf8(), QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// Envelope fields of the worker messages (protocol::readString). Absent optional fields keep their
// defaults; unknown fields are ignored (only batch records are strict, where a misspelt field would
// lose data).

} // namespace

TextFrame::TextFrame(qsizetype reserve)
{
    if (reserve == 0)
        return; // bytes() allocates when the message begins
    m_buf.reserve(kHeaderRoom + reserve);
    m_buf.fill('\0', kHeaderRoom);
}

QByteArray TextFrame::take()
{
    bytes(); // an empty message is a frame too
    const auto n = quint64(messageSize());
    char header[kHeaderRoom];
    qsizetype h = 0;
    header[h++] = char(0x81); // FIN, text
    if (n < 126) {
        header[h++] = char(n);
    } else if (n <= 0xFFFF) { // the shortest form that holds the length (RFC 6455 5.2)
        header[h++] = char(126);
        header[h++] = char(n >> 8);
        header[h++] = char(n & 0xFF);
    } else {
        header[h++] = char(127);
        for (int shift = 56; shift >= 0; shift -= 8)
            header[h++] = char((n >> shift) & 0xFF);
    }
    std::memcpy(m_buf.data() + kHeaderRoom - h, header, size_t(h));
    m_buf.remove(0, kHeaderRoom - h); // Qt moves the start of the array: nothing is copied
    QByteArray frame = std::move(m_buf);
    m_buf = QByteArray(); // bytes() makes room for the next message
    return frame;
}

QByteArrayView sharedFramePayload(const QByteArray &wsFrame)
{
    const quint8 len = quint8(wsFrame.at(1));
    const qsizetype header = len < 126 ? 2 : len == 126 ? 4 : 10;
    return QByteArrayView(wsFrame).sliced(header);
}

// Frames a paired desktop's connection received between its move to the clients thread and the
// clients server taking it over (WorkerServer::adopt).
struct EarlyFrames final : public QObject
{
    explicit EarlyFrames(QObject *parent)
        : QObject(parent)
    {}
    QList<std::pair<QString, bool>> frames; // text, binary
};

struct WorkerServer::Session final : public Peer
{
    // A frame as it arrived: to be processed, or refused on arrival and answered in its turn (so
    // that answers keep the order of the requests).
    enum class Arrival
    {
        Text,
        Binary,
        Throttled, // over the rate limit
        QueueFull  // over the input queue's bounds
    };
    struct Inbound
    {
        Arrival arrival;
        QString text;
    };

    WorkerServer *server = nullptr;
    QWebSocket *socket = nullptr;
    QPointer<QTcpSocket> tcp;   // the connection under socket
    bool tls = false;           // tcp is a QSslSocket: only Qt may write into it
    bool authenticated = false; // by the upgrade request's Authorization header
    bool trusted = false;       // authenticated or registered: frames up to the hard limit
    bool registered = false;
    bool client = false;   // a paired desktop (path /client): its frames go to the ClientHub
    bool replaced = false; // a newer connection of the same worker took over: leave its route alone
    bool dead = false;     // dropped; waiting for the socket to go
    // An answer could not be queued (the peer stopped reading). Workers match answers to requests
    // by their order, so after one is missing no later one may go out: the connection is dropped
    // at the next check instead.
    bool stalled = false;
    bool ready = false; // listed in server->m_ready
    bool held = false;  // its frames wait (Peer::hold)
    int strikes = 0;
    QWebSocketProtocol::CloseCode closeCode = QWebSocketProtocol::CloseCodeNormal;
    QElapsedTimer since; // since the connection was accepted: register must come in time
    QElapsedTimer lastActivity;
    QElapsedTimer lastPing;
    QElapsedTimer bucketClock;
    double tokens = kRateBurst;
    QList<Inbound> inbox; // received and not yet answered, oldest first
    int queuedFrames = 0; // frames of inbox to be processed, and their characters
    qint64 queuedChars = 0;
    QString workerId; // once registered

    QString routeId() const { return Master::workerRoute(workerId); }
    Master *master() const { return server->m_master; }

    // Whether more may be queued for the peer: not when it was dropped or stopped reading.
    bool canSend()
    {
        if (dead || stalled)
            return false;
        if (socket->bytesToWrite() > kMaxBacklogBytes) {
            stalled = true; // checkHeartbeats() drops a peer that stopped reading
            return false;
        }
        return true;
    }

    // A frame of ours (UTF-8 JSON), framed here whole: QWebSocket would write its header and its
    // payload as two writes, which go out as two packets.
    void sendBytes(const QByteArray &bytes)
    {
        TextFrame f(bytes.size());
        f.bytes() += bytes;
        sendShared(f.take());
    }

    void send(QJsonObject reply, const QJsonValue &re, const char *type)
    {
        reply.insert(QStringLiteral("type"), str(type));
        reply.insert(QStringLiteral("v"), kVersion);
        if (!re.isUndefined())
            reply.insert(QStringLiteral("re"), re);
        sendBytes(frame(reply));
    }

    // Answers with an error frame. Before register, errors add up and the last one costs the
    // connection, so callers return right after.
    void rejectWith(const QJsonValue &re, const QString &code, const QString &message,
                    const QJsonObject &extra = {})
    {
        sendBytes(errorFrame(re, code, message, extra));
        if (registered || ++strikes < kMaxStrikes)
            return;
        closeCode = QWebSocketProtocol::CloseCodePolicyViolated;
        server->drop(this, QStringLiteral("%1 errors before register").arg(strikes));
    }
    void reject(const QJsonValue &re, const char *code, const QString &message)
    {
        rejectWith(re, str(code), message);
    }

    // Peer (the client side speaks through these)
    void send(const QByteArray &bytes) override { sendBytes(bytes); }
    void sendShared(const QByteArray &wsFrame) override
    {
        if (!canSend())
            return;
        // Straight into the connection under the WebSocket: QWebSocket writes its own frames (pings,
        // pongs, close) in this thread, into the same socket, so whole frames never interleave; a
        // plain connection hands them to the kernel at once (DirectTcpSocket), and what waits in Qt's
        // buffer shares the bytes rather than copying them. Once the WebSocket is closing, nothing
        // more goes out this way.
        if (!tcp)
            socket->sendTextMessage(QString::fromUtf8(sharedFramePayload(wsFrame)));
        else if (socket->state() == QAbstractSocket::ConnectedState &&
                 tcp->state() == QAbstractSocket::ConnectedState)
            tcp->write(wsFrame);
    }
    int directSocket() override
    {
#if defined(Q_OS_LINUX)
        // Nothing queued in the connection is nothing queued in the WebSocket over it (canSend()'s
        // backlog): asked once, since a push round asks this of every device.
        if (!tls && tcp && !dead && !stalled && tcp->bytesToWrite() == 0 &&
            tcp->state() == QAbstractSocket::ConnectedState &&
            socket->state() == QAbstractSocket::ConnectedState)
            return int(tcp->socketDescriptor());
#endif
        return -1;
    }
    void flush() override
    {
        if (!dead)
            socket->flush();
    }
    void answer(QJsonObject body, const QJsonValue &re, const char *type) override
    {
        send(std::move(body), re, type);
    }
    void reject(const QJsonValue &re, const QString &code, const QString &message,
                const QJsonObject &extra = {}) override
    {
        rejectWith(re, code, message, extra);
    }
    void close(int code, const QString &why) override
    {
        closeCode = QWebSocketProtocol::CloseCode(code);
        server->drop(this, why);
    }
    void markAuthenticated() override
    {
        registered = true;
        strikes = 0;
        trust();
        server->publishCounts();
    }
    void hold(bool h) override
    {
        held = h;
        if (held || dead || ready || inbox.isEmpty())
            return;
        ready = true;
        server->m_ready.append(this);
        server->schedulePump();
    }
    bool takeFrames(double n) override
    {
        return takeTokens(n);
    }
    qint64 backlog() const override
    {
        return socket->bytesToWrite();
    }
    QString address() const override
    {
        return socket->peerAddress().toString();
    }

    void refuseToken(const QJsonValue &re, const QString &message)
    {
        sendBytes(errorFrame(re, str(code::Unauthorized), message));
        closeCode = QWebSocketProtocol::CloseCodePolicyViolated;
        server->drop(this, message);
    }

    // The bucket refills with the time that passed, not with the frames processed: a peer whose
    // frames are slow to serve must not earn tokens from its own slowness.
    bool takeTokens(double n)
    {
        const double elapsedS = double(bucketClock.restart()) / 1000.0;
        tokens = std::min(kRateBurst, tokens + elapsedS * kRateFramesPerSecond);
        if (tokens < n)
            return false;
        tokens -= n;
        return true;
    }

    // The peer proved it holds the token: it may send frames up to the hard limit from now on.
    void trust()
    {
        if (trusted)
            return;
        trusted = true;
        socket->setMaxAllowedIncomingFrameSize(quint64(kHardFrameBytes));
        socket->setMaxAllowedIncomingMessageSize(quint64(kHardFrameBytes));
        socket->setReadBufferSize(kTrustedReadBufferBytes);
    }

    void answer(const Inbound &in);
    void onRegister(const Envelope &e);
    void onDataSync(const Envelope &e);
    void ingest(const QJsonValue &id, const model::Batch &batch); // a decoded data_sync
    // Decoded data_syncs, committed together and answered in order, each on its own.
    void ingest(const std::vector<DataSyncFrame> &frames);
    void onAccountStatus(const Envelope &e);
    void onReplyResult(const Envelope &e);
};

void WorkerServer::Session::onRegister(const Envelope &e)
{
    // The token first: a peer without it learns nothing about what else it got wrong.
    const QJsonValue token = e.body.value(QLatin1String("token"));
    const QString expected = master()->workerToken();
    if (token.isUndefined() || token.isNull()) {
        if (!authenticated)
            return refuseToken(e.id,
                               QStringLiteral("register needs the worker token (\"token\", or an "
                                              "\"Authorization: Bearer\" header on the upgrade request)."));
    } else if (!token.isString() || !sameToken(token.toString(), expected)) {
        return refuseToken(e.id, QStringLiteral("The worker token is wrong."));
    }

    QString error;
    QString workerId;
    QString platform;
    if (!readString(e.body, "worker_id", &workerId, true, &error) ||
        !readString(e.body, "platform", &platform, true, &error)) {
        reject(e.id, code::BadRequest, error);
        return;
    }
    if (workerId.isEmpty() || workerId.size() > kMaxWorkerIdChars) {
        reject(e.id, code::BadRequest,
               QStringLiteral("worker_id must have 1 to %1 characters").arg(kMaxWorkerIdChars));
        return;
    }
    if (platform.isEmpty() || platform.size() > kMaxPlatformChars) {
        reject(e.id, code::BadRequest,
               QStringLiteral("platform must have 1 to %1 characters").arg(kMaxPlatformChars));
        return;
    }
    const QJsonValue list = e.body.value(QLatin1String("accounts"));
    if (!list.isArray()) {
        reject(e.id, code::BadRequest, QStringLiteral("accounts must be an array of account ids"));
        return;
    }
    const QJsonArray array = list.toArray();
    if (array.size() > kMaxAccounts) {
        reject(e.id, code::TooLarge,
               QStringLiteral("register at most %1 accounts per worker").arg(kMaxAccounts));
        return;
    }
    QStringList accounts;
    QSet<QString> seen; // a list lookup per id would make a register of 10000 ids take seconds
    seen.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString a = array.at(i).toString();
        if (!array.at(i).isString() || a.isEmpty() || a.size() > kMaxAccountIdChars) {
            reject(e.id, code::BadRequest,
                   QStringLiteral("accounts[%1] must be an account id of 1 to %2 characters")
                       .arg(i)
                       .arg(kMaxAccountIdChars));
            return;
        }
        if (!seen.contains(a)) {
            seen.insert(a);
            accounts << a;
        }
    }
    if (registered && workerId != this->workerId) {
        reject(e.id, code::Conflict,
               QStringLiteral("This connection is registered as worker %1; open a new connection for %2.")
                   .arg(this->workerId, workerId));
        return;
    }

    // One live connection per worker id: a worker that reconnects before its old connection timed
    // out must not have its replies sent down the dead one.
    const QList<Session *> others = server->m_sessions;
    for (Session *other : others) {
        if (other != this && other->registered && other->workerId == workerId) {
            other->replaced = true;
            other->closeCode = QWebSocketProtocol::CloseCodeNormal;
            server->drop(other, QStringLiteral("replaced by a new connection of worker %1").arg(workerId));
        }
    }

    registered = true;
    strikes = 0;
    trust();
    this->workerId = workerId;
    qCInfo(lcWorkerServer) << "worker" << workerId << "registered for" << platform << accounts.size()
                           << "accounts";

    // Registered goes out before the route exists, because adding the route may at once send this
    // worker the replies that waited for it: the worker hears "registered" first.
    send(
        QJsonObject{{QStringLiteral("worker_id"), workerId},
                    {QStringLiteral("heartbeat_ms"), pingIntervalMs(master()->options().heartbeatTimeoutMs)}},
        e.id, "registered");

    // The route outlives neither the server nor this worker's connection: it finds the worker's
    // current session by id at send time.
    QPointer<WorkerServer> self(server);
    master()->workerRegistered(workerId, platform, accounts, [self, workerId](const worker::ReplyRequest &r) {
        if (!self)
            return;
        for (Session *s : std::as_const(self->m_sessions)) {
            if (!s->registered || s->workerId != workerId)
                continue;
            s->send(frame(QJsonObject{
                {QStringLiteral("type"), QStringLiteral("reply_request")},
                {QStringLiteral("id"), QStringLiteral("rr-%1").arg(r.itemId)},
                {QStringLiteral("v"), kVersion},
                {QStringLiteral("item_id"), r.itemId},
                {QStringLiteral("command_id"), r.commandId},
                {QStringLiteral("platform"), r.platform},
                {QStringLiteral("account_id"), r.accountId},
                {QStringLiteral("kind"), model::toString(r.kind)},
                {QStringLiteral("thread_id"), r.threadId},
                {QStringLiteral("parent_id"), r.parentId},
                {QStringLiteral("text"), r.text},
            }));
            return;
        }
        qCWarning(lcWorkerServer) << "reply" << r.itemId << "has no connection of worker" << workerId;
    });
}

void WorkerServer::Session::onDataSync(const Envelope &e)
{
    const QJsonValue batchJson = e.body.value(QLatin1String("batch"));
    if (!batchJson.isObject()) {
        reject(e.id, code::BadRequest, QStringLiteral("batch must be an object"));
        return;
    }
    auto parsed = batchFromJson(batchJson.toObject());
    if (auto *error = std::get_if<ProtocolError>(&parsed)) {
        master()->workerError(workerId, error->message);
        reject(e.id, error->code, QStringLiteral("batch: ") + error->message);
        return;
    }
    ingest(e.id, std::get<model::Batch>(parsed));
}

void WorkerServer::Session::ingest(const QJsonValue &id, const model::Batch &batch)
{
    std::vector<DataSyncFrame> one(1);
    one.front().id = id;
    one.front().batch = batch;
    ingest(one);
}

void WorkerServer::Session::ingest(const std::vector<DataSyncFrame> &frames)
{
    // The master checks that each batch speaks only for the accounts this worker registered, and
    // counts it in the worker's status.
    QList<const model::Batch *> batches;
    batches.reserve(qsizetype(frames.size()));
    for (const DataSyncFrame &f : frames)
        batches << &f.batch;
    const std::vector<Result<store::IngestResult>> results = master()->ingestFrom(routeId(), batches);
    for (size_t i = 0; i < frames.size(); ++i) {
        const Result<store::IngestResult> &r = results[i];
        if (!r) {
            reject(frames[i].id, codeFor(r.error()), r.error().message);
            continue;
        }
        // Only now, after the commit: an acknowledged batch is durable, so the worker may forget it.
        send(QJsonObject{{QStringLiteral("inserted"), r->inserted},
                         {QStringLiteral("updated"), r->updated},
                         {QStringLiteral("unchanged"), r->unchanged},
                         {QStringLiteral("revision"), r->revision}},
             frames[i].id, "data_sync_ack");
    }
}

void WorkerServer::Session::onAccountStatus(const Envelope &e)
{
    QString error;
    QString account;
    QString stateName;
    QString message;
    if (!readString(e.body, "account_id", &account, true, &error) ||
        !readString(e.body, "state", &stateName, true, &error) ||
        !readString(e.body, "error", &message, false, &error)) {
        reject(e.id, code::BadRequest, error);
        return;
    }
    model::LoginState state = model::LoginState::Unknown;
    if (!model::fromString(stateName, &state)) {
        reject(e.id, code::BadRequest,
               QStringLiteral("state must be one of: logged_in, logged_out, error, unknown (got \"%1\")")
                   .arg(stateName));
        return;
    }
    if (message.size() > kMaxErrorTextChars) {
        reject(e.id, code::Invalid,
               QStringLiteral("error has %1 characters; at most %2 are accepted")
                   .arg(message.size())
                   .arg(kMaxErrorTextChars));
        return;
    }
    if (Error refused = master()->accountStatusFrom(routeId(), account, state, message)) {
        reject(e.id, codeFor(refused), refused.message);
        return;
    }
    send(QJsonObject(), e.id, "ack");
}

void WorkerServer::Session::onReplyResult(const Envelope &e)
{
    worker::ReplyResult result;
    // Item ids stay below 2^53 (docs/protocol.md): a larger number is a malformed request, not a
    // reply that happens not to exist.
    if (!safeInteger(e.body.value(QLatin1String("item_id")), &result.itemId) || result.itemId <= 0) {
        reject(e.id, code::BadRequest,
               QStringLiteral("item_id must be the positive integer of the reply_request (at most 2^53)"));
        return;
    }
    const QJsonValue sent = e.body.value(QLatin1String("sent"));
    if (!sent.isBool()) {
        reject(e.id, code::BadRequest, QStringLiteral("sent must be true or false"));
        return;
    }
    result.sent = sent.toBool();
    QString error;
    if (!readString(e.body, "platform_id", &result.platformId, false, &error) ||
        !readString(e.body, "error", &result.error, false, &error)) {
        reject(e.id, code::BadRequest, error);
        return;
    }
    if (result.platformId.size() > kMaxPlatformIdChars || result.error.size() > kMaxErrorTextChars) {
        reject(e.id, code::Invalid,
               result.platformId.size() > kMaxPlatformIdChars
                   ? QStringLiteral("platform_id has %1 characters; at most %2 are accepted")
                         .arg(result.platformId.size())
                         .arg(kMaxPlatformIdChars)
                   : QStringLiteral("error has %1 characters; at most %2 are accepted")
                         .arg(result.error.size())
                         .arg(kMaxErrorTextChars));
        return;
    }
    if (Error refused = master()->replyResultFrom(routeId(), result)) {
        reject(e.id, codeFor(refused), refused.message);
        return;
    }
    send(QJsonObject(), e.id, "ack");
}

WorkerServer::WorkerServer(Master *master, QObject *parent)
    : QObject(parent)
    , m_master(master)
    , m_role(Role::Port)
    , m_limits(master->options().workerLimits)
    , m_devices(std::make_shared<ConnectedDevices>())
{
    // The server accepts connections itself and hands them to a QWebSocketServer that never
    // listens: so it sees every connection from its first moment (to count and cap those not yet
    // registered, and time out their handshake) and handles accept errors.
    m_upgrader = new QWebSocketServer(QStringLiteral("hiscrm-master"), QWebSocketServer::NonSecureMode, this);
    connect(m_upgrader, &QWebSocketServer::newConnection, this, &WorkerServer::onUpgraded);
    startTimeoutTimer();
    startClientServer();
    m_master->setDeviceLister([devices = m_devices] { return devices->list(); });
}

WorkerServer::WorkerServer(Master *master, Role role, QObject *masterSide,
                           const std::shared_ptr<ConnectedDevices> &devices, const QString &dbPath)
    : QObject(nullptr)
    , m_master(master)
    , m_role(role)
    , m_limits(master->options().workerLimits)
    , m_devices(devices)
{
    m_clients = new ClientHub(master, dbPath, masterSide, devices, this);
    startTimeoutTimer();
}

void WorkerServer::startTimeoutTimer()
{
    auto *timer = new QTimer(this);
    const int timeout = m_master->options().heartbeatTimeoutMs;
    timer->setInterval(std::max(10, std::min({1000, timeout / 4, m_limits.registerTimeoutMs / 4})));
    // A tick that comes late means this thread was busy (a long commit, a slow disk): the peers'
    // pongs sat unread in their sockets meanwhile, so that silence is ours, not theirs.
    connect(timer, &QTimer::timeout, this, [this, timeout, tick = QElapsedTimer()]() mutable {
        const bool late = tick.isValid() && tick.elapsed() > timeout / 2;
        if (late) {
            for (Session *s : std::as_const(m_sessions))
                s->lastActivity.restart();
        }
        tick.start();
        if (!late)
            checkTimeouts();
    });
    timer->start();
}

void WorkerServer::startClientServer()
{
    m_clientThread = new QThread;
    m_clientThread->setObjectName(QStringLiteral("clients"));
    // A thousand devices' sockets: epoll rather than poll() over all of them at every wake-up.
    if (QAbstractEventDispatcher *dispatcher = createScalableEventDispatcher())
        m_clientThread->setEventDispatcher(dispatcher);
    m_clientAnchor = new QObject;
    m_clientAnchor->moveToThread(m_clientThread);
    QObject::connect(m_clientThread, &QThread::finished, m_clientAnchor, &QObject::deleteLater);
    m_clientThread->start();
    // Made in its thread, so that its timers, sockets and store connection belong there. This thread
    // waits meanwhile; the clients thread never waits for this one, so neither can deadlock.
    const QString dbPath = m_master->store() ? m_master->store()->path() : QString();
    QMetaObject::invokeMethod(
        m_clientAnchor,
        [this, dbPath] {
            m_clientServer = new WorkerServer(m_master, Role::Clients, this, m_devices, dbPath);
        },
        Qt::BlockingQueuedConnection);
}

void WorkerServer::stopClientServer()
{
    if (!m_clientThread)
        return;
    WorkerServer *server = m_clientServer;
    QMetaObject::invokeMethod(
        m_clientAnchor, [server] { delete server; }, Qt::BlockingQueuedConnection);
    m_clientServer = nullptr;
    m_clientThread->quit();
    m_clientThread->wait();
    delete m_clientThread;
    m_clientThread = nullptr;
    m_clientAnchor = nullptr; // deleted with its thread
    m_devices->set({});
}

WorkerServer::~WorkerServer()
{
    // The paired desktops first: their server, in its thread, closes them and stops.
    stopClientServer();
    // The master may be half destroyed by now (it owns this server), so nothing here calls it; its
    // routes to these sessions find no session and send nothing. Frames still queued go unanswered:
    // nothing of them was committed, and the worker sends again what was not acknowledged.
    m_ready.clear();
    for (Session *s : std::as_const(m_sessions)) {
        s->socket->disconnect();
        // The close frame goes out with what was already answered, as far as the socket takes it
        // without waiting; the worker learns that the master is going, not that the line broke.
        s->socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("master shutting down"));
        s->socket->flush(); // into the kernel before abort() drops Qt's buffer
        s->socket->abort();
        delete s->socket;
        delete s;
    }
    m_sessions.clear();
    delete m_clients; // after the sessions: it tells the master nothing more
    m_clients = nullptr;
    // In this order, while the members are alive: the upgrader lets go of the sockets it watches,
    // then the sockets still in their handshake close with the listening socket.
    delete m_upgrader;
    m_upgrader = nullptr;
    delete m_acceptNotifier;
    m_acceptNotifier = nullptr;
    delete m_tcp;
    m_tcp = nullptr;
    m_handshakes.clear();
}

Error WorkerServer::listen(const QHostAddress &address, quint16 port, bool allowNonLoopback)
{
    if (!allowNonLoopback && !address.isLoopback() && !m_master->options().tls)
        return Error{
            ErrorCode::InvalidArgument,
            tr("Refusing to listen for workers on %1: without encryption the master listens only on "
               "this computer (127.0.0.1 or ::1). Serve TLS (--tls auto, or a certificate), or allow "
               "other addresses explicitly if the network is trusted.")
                .arg(address.toString())};
#ifndef Q_OS_UNIX
    // TLS is wired into this server's own accept loop, which is Unix only for now: elsewhere the
    // connections would come from QTcpServer unencrypted. Refuse rather than serve plain text.
    if (m_master->options().tls)
        return Error{ErrorCode::InvalidArgument,
                     tr("TLS is not available on this platform yet; put the master behind a TLS proxy.")};
#endif
    delete m_acceptNotifier; // before its socket closes
    m_acceptNotifier = nullptr;
    if (m_tcp) {
        m_tcp->close();
    } else {
        m_tcp = new QTcpServer(this);
        connect(m_tcp, &QTcpServer::newConnection, this, &WorkerServer::onTcpConnection);
        connect(m_tcp, &QTcpServer::acceptError, this, &WorkerServer::onAcceptError);
    }
    if (!m_tcp->listen(address, port))
        return Error{ErrorCode::Io, tr("Cannot listen for workers on %1 port %2: %3")
                                        .arg(address.toString())
                                        .arg(port)
                                        .arg(m_tcp->errorString())};
#ifdef Q_OS_UNIX
    // QTcpServer sets the socket up; accepting is done here. Qt 6.4's socket engine keeps the first
    // error it ever saw: once an accept loop has ended on "try again" (every loop does), running out
    // of descriptors counts as "try again" too, and Qt calls accept() in a busy loop, at 100 % CPU,
    // without a word; had running out come first, Qt would pause accepting for good instead.
    m_tcp->pauseAccepting();
    m_acceptNotifier = new QSocketNotifier(m_tcp->socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &WorkerServer::acceptPending);
#endif
    qCInfo(lcWorkerServer) << "listening for workers on" << address.toString() << m_tcp->serverPort();
    return {};
}

quint16 WorkerServer::port() const
{
    return m_tcp && m_tcp->isListening() ? m_tcp->serverPort() : 0;
}

int WorkerServer::sessionCount() const
{
    return int(m_sessions.size()) + (m_clientServer ? m_clientServer->m_sessionsPublished.load() : 0);
}

int WorkerServer::unregisteredCount() const
{
    int n = int(m_handshakes.size());
    for (const Session *s : m_sessions)
        n += s->registered ? 0 : 1;
    return n + (m_clientServer ? m_clientServer->m_unregisteredPublished.load() : 0);
}

void WorkerServer::acceptPending()
{
#ifdef Q_OS_UNIX
    const int listener = int(m_tcp->socketDescriptor());
    // A bounded number per turn of the event loop: a flood of connections must not keep the master
    // accepting (and closing) while everything else waits. The rest is still there next turn.
    for (int turn = 0; turn < kAcceptsPerTurn; ++turn) {
#ifdef Q_OS_LINUX
        const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
#else
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd >= 0)
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
#endif
        if (fd < 0) {
            const int error = errno;
            if (error == EAGAIN || error == EWOULDBLOCK)
                return; // all accepted
            if (error == EINTR || error == ECONNABORTED || error == EPROTO || error == ENETDOWN ||
                error == ENETUNREACH || error == EHOSTDOWN || error == EHOSTUNREACH || error == EOPNOTSUPP ||
                error == ENOPROTOOPT)
                continue; // that connection went away before it was accepted; the next one may not
            // Out of descriptors or memory (or worse): the backlog stays readable, so watching it now
            // would spin. Watch it again shortly, for as long as it takes. The first retries come
            // quickly, because the connections that just closed free their descriptors as soon as
            // the event loop has seen them go.
            m_acceptNotifier->setEnabled(false);
            const int delay = std::min(m_limits.acceptRetryMs, 25 << std::min(m_acceptRetries++, 4));
            QTimer::singleShot(delay, m_acceptNotifier, [n = m_acceptNotifier] { n->setEnabled(true); });
            acceptFailed(qt_error_string(error));
            return;
        }
        m_acceptRetries = 0;
        if (unregisteredCount() >= m_limits.maxUnregistered) {
            refuseConnection();
            ::close(fd);
            continue;
        }
        // With TLS, the connection is encrypted before the WebSocket handshake (admit()).
        QTcpSocket *tcp = m_master->options().tls ? static_cast<QTcpSocket *>(new QSslSocket(m_tcp))
                                                  : new DirectTcpSocket(m_tcp);
        if (!tcp->setSocketDescriptor(fd)) {
            ::close(fd);
            delete tcp;
            continue;
        }
        admit(tcp);
    }
#endif
}

void WorkerServer::onTcpConnection()
{
    // Where accepting is left to QTcpServer (not on Unix).
    while (QTcpSocket *tcp = m_tcp->nextPendingConnection()) {
        if (unregisteredCount() >= m_limits.maxUnregistered) {
            refuseConnection();
            tcp->abort();
            tcp->deleteLater();
            continue;
        }
        admit(tcp);
    }
}

void WorkerServer::onAcceptError(QAbstractSocket::SocketError error)
{
    // Where accepting is left to QTcpServer: it pauses after an error it deems lasting (out of
    // descriptors, out of memory) and never resumes by itself, so the port would stay open with a
    // full backlog and accept nothing again. Resume shortly, for as long as it takes.
    QTimer::singleShot(m_limits.acceptRetryMs, m_tcp, [tcp = m_tcp] {
        if (tcp->isListening())
            tcp->resumeAccepting();
    });
    acceptFailed(QStringLiteral("%1 (socket error %2)").arg(m_tcp->errorString()).arg(int(error)));
}

void WorkerServer::acceptFailed(const QString &why)
{
    // Descriptors come back as connections close and unregistered ones time out; meanwhile the
    // failure is logged once per burst, not at every attempt.
    if (!m_acceptFailing.isValid() || m_lastAcceptFailure.elapsed() > kQuietMs) {
        m_acceptFailing.start();
        m_acceptFailures = 0;
        m_acceptRecovered = false;
        qCWarning(lcWorkerServer).noquote()
            << QStringLiteral("cannot accept worker connections: %1; trying again every %2 ms")
                   .arg(why)
                   .arg(m_limits.acceptRetryMs);
    }
    ++m_acceptFailures;
    m_lastAcceptFailure.start();
}

void WorkerServer::refuseConnection()
{
    // Connections that never register (a flood, a port scanner, a stuck client) must not take the
    // descriptors and the memory that workers need: beyond the cap they are closed at once.
    noteAccepted();
    if (!m_lastRefusal.isValid() || m_lastRefusal.elapsed() > kQuietMs) {
        qCWarning(lcWorkerServer) << "closing new worker connections at once:" << m_limits.maxUnregistered
                                  << "connections have not registered yet";
    }
    m_lastRefusal.start();
}

void WorkerServer::noteAccepted()
{
    if (m_acceptFailing.isValid() && !m_acceptRecovered) {
        qCInfo(lcWorkerServer).nospace()
            << "accepting worker connections again after " << m_acceptFailing.elapsed() << " ms ("
            << m_acceptFailures << " failed attempts)";
        m_acceptRecovered = true;
    }
}

void WorkerServer::admit(QTcpSocket *tcp)
{
    noteAccepted();
    // Before authentication nothing larger than a small frame is read ahead from the peer.
    tcp->setReadBufferSize(2 * m_limits.preAuthFrameBytes);
    // Answers and pushes are small and go out at once: without this, Nagle's algorithm holds a
    // small write until the peer acknowledges the previous one, which a delayed ACK puts off by up
    // to 40 ms (measured with hiscrm-bench fanout: p99 34 ms -> see docs/architecture.md).
    tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QElapsedTimer since;
    since.start();
    m_handshakes.insert(tcp, since);
    connect(tcp, &QObject::destroyed, this, [this, tcp] { m_handshakes.remove(tcp); });
    auto *ssl = qobject_cast<QSslSocket *>(tcp);
    if (!ssl) {
        m_upgrader->handleConnection(tcp);
        return;
    }
    // wss://: the TLS handshake first (within the same time limit as the rest), then the WebSocket
    // one over the encrypted stream. A peer that fails it (plain ws:// to a TLS port, a client that
    // refuses the certificate) is cut off.
    ssl->setSslConfiguration(*m_master->options().tls);
    connect(ssl, &QSslSocket::encrypted, this, [this, ssl] { m_upgrader->handleConnection(ssl); });
    connect(ssl, &QAbstractSocket::errorOccurred, ssl, [ssl](QAbstractSocket::SocketError) {
        if (!ssl->isEncrypted()) {
            qCDebug(lcWorkerServer) << "TLS handshake failed with" << ssl->peerAddress().toString()
                                    << ssl->errorString();
            ssl->abort();
            ssl->deleteLater();
        }
    });
    ssl->startServerEncryption();
}

void WorkerServer::onUpgraded()
{
    while (QWebSocket *socket = m_upgrader->nextPendingConnection()) {
        // The same TCP connection, now upgraded: its clock runs on towards register.
        QElapsedTimer since;
        QTcpSocket *tcp = nullptr;
        for (auto it = m_handshakes.begin(); it != m_handshakes.end(); ++it) {
            if (it.key()->peerPort() == socket->peerPort() &&
                it.key()->peerAddress() == socket->peerAddress()) {
                since = it.value();
                tcp = it.key();
                m_handshakes.erase(it);
                break;
            }
        }
        if (!since.isValid())
            since.start();

        // Paired desktops connect to /client; every other path is the worker side.
        const bool client = socket->requestUrl().path() == QLatin1String(kClientPath);
        // A web page may open a WebSocket anywhere, and its browser sends the page's Origin: no web
        // page is a client of the master.
        if (client && !socket->origin().isEmpty()) {
            Session *s = openSession(socket, tcp, since);
            s->client = true;
            s->sendBytes(
                errorFrame(QJsonValue(QJsonValue::Undefined), str(code::Unauthorized),
                           QStringLiteral("Connections from web pages (with an Origin) are refused.")));
            s->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("origin refused"));
            continue;
        }
        if (client && m_clientServer) {
            // To the clients thread, with its socket. Nothing of this thread may refer to either any
            // more: the upgrader's connections to the TCP socket (its handshake and disconnect slots,
            // which would run here on a socket of another thread) and ours are cut first. What the
            // peer sends before the clients server takes it over is kept for it (EarlyFrames moves
            // along, as the socket's child).
            socket->disconnect(this);
            socket->disconnect(m_upgrader);
            if (tcp) {
                tcp->disconnect(this);
                tcp->disconnect(m_upgrader);
                if (tcp->parent() != socket)
                    tcp->setParent(socket);
            }
            auto *early = new EarlyFrames(socket);
            connect(socket, &QWebSocket::textMessageReceived, early, [early](const QString &text) {
                early->frames.append({text, false});
            });
            connect(socket, &QWebSocket::binaryMessageReceived, early, [early](const QByteArray &) {
                early->frames.append({QString(), true});
            });
            socket->setParent(nullptr);
            socket->moveToThread(m_clientThread);
            WorkerServer *server = m_clientServer;
            QMetaObject::invokeMethod(
                server, [server, socket, tcp, early, since] { server->adopt(socket, tcp, early, since); },
                Qt::QueuedConnection);
            continue;
        }
        Session *s = openSession(socket, tcp, since);
        // A token in the upgrade request settles authentication at once; without one, register
        // must carry it.
        const QByteArray header = socket->request().rawHeader("Authorization").trimmed();
        if (!header.isEmpty()) {
            const qsizetype space = header.indexOf(' ');
            const bool bearer = space > 0 && header.left(space).compare("bearer", Qt::CaseInsensitive) == 0;
            if (!bearer ||
                !sameToken(QString::fromUtf8(header.mid(space + 1).trimmed()), m_master->workerToken())) {
                s->refuseToken(QJsonValue(QJsonValue::Undefined),
                               QStringLiteral("The worker token in the Authorization header is wrong."));
                continue;
            }
            s->authenticated = true;
            s->trust();
        }
        qCDebug(lcWorkerServer) << "worker connection from" << socket->peerAddress().toString();
    }
}

void WorkerServer::adopt(QWebSocket *socket, QTcpSocket *tcp, EarlyFrames *early, QElapsedTimer since)
{
    const QList<std::pair<QString, bool>> frames = std::move(early->frames);
    delete early; // and its connections
    Session *s = openSession(socket, tcp, since);
    s->client = true;
    publishCounts();
    for (const auto &[text, binary] : std::as_const(frames))
        receive(s, text, binary);
    if (socket->state() != QAbstractSocket::ConnectedState) // it went before it got here
        drop(s, QStringLiteral("client disconnected"));
    qCDebug(lcWorkerServer) << "client connection from" << socket->peerAddress().toString();
}

WorkerServer::Session *WorkerServer::openSession(QWebSocket *socket, QTcpSocket *tcp, QElapsedTimer since)
{
    socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.preAuthFrameBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.preAuthFrameBytes));
    // Each message in one frame (docs/protocol.md, "Transport"): Qt would cut those over 512 KiB
    // into fragments without regard to UTF-8, which Qt 6.4 clients cannot decode.
    socket->setOutgoingFrameSize(quint64(protocol::kMaxFrameBytes));

    // Ours, so that sockets still closing when the server goes are deleted with it.
    socket->setParent(this);
    auto *s = new Session;
    s->server = this;
    s->socket = socket;
    s->tcp = tcp;
    s->tls = qobject_cast<QSslSocket *>(tcp) != nullptr;
    s->since = since;
    s->lastActivity.start();
    s->lastPing.start();
    s->bucketClock.start();
    m_sessions.append(s);

    connect(socket, &QWebSocket::textMessageReceived, socket,
            [this, s](const QString &text) { receive(s, text, false); });
    connect(socket, &QWebSocket::binaryMessageReceived, socket,
            [this, s](const QByteArray &) { receive(s, QString(), true); });
    connect(socket, &QWebSocket::pong, socket, [s] { s->lastActivity.restart(); });
    // Each fragment of a large message is a sign of life too: the worker's pongs queue behind
    // the rest of the message, which may take a while on a slow link.
    connect(socket, &QWebSocket::textFrameReceived, socket, [s] { s->lastActivity.restart(); });
    connect(socket, &QWebSocket::binaryFrameReceived, socket, [s] { s->lastActivity.restart(); });
    connect(socket, &QWebSocket::disconnected, socket, [this, s] {
        drop(s, s->client       ? QStringLiteral("client disconnected")
                : s->registered ? QStringLiteral("worker %1 disconnected").arg(s->workerId)
                                : QStringLiteral("disconnected before register"));
    });
    return s;
}

void WorkerServer::publishCounts()
{
    if (m_role != Role::Clients)
        return;
    int unregistered = 0;
    for (const Session *s : std::as_const(m_sessions))
        unregistered += s->registered ? 0 : 1;
    m_sessionsPublished.store(int(m_sessions.size()));
    m_unregisteredPublished.store(unregistered);
}

void WorkerServer::receive(Session *s, const QString &text, bool binary)
{
    if (s->dead || s->stalled) // its answer could not go out: the frame is not processed either
        return;
    s->lastActivity.restart();
    using Arrival = Session::Arrival;
    Arrival arrival = binary ? Arrival::Binary : Arrival::Text;
    // Frames are queued, not processed here: Qt delivers every frame already buffered in one go,
    // and processing them on the spot would hold this thread for as long as the peer likes. The
    // queue is bounded (one frame always gets in); beyond it, and beyond the rate, a frame is
    // refused without being read, in its turn.
    const qint64 chars = text.size();
    if (s->queuedFrames > 0 &&
        (s->queuedFrames >= m_limits.maxQueuedFrames || s->queuedChars + chars > m_limits.maxQueuedChars))
        arrival = Arrival::QueueFull;
    else if (!s->takeTokens(1))
        arrival = Arrival::Throttled;
    if (arrival == Arrival::Text || arrival == Arrival::Binary) {
        ++s->queuedFrames;
        s->queuedChars += chars;
        s->inbox.append({arrival, text});
    } else {
        s->inbox.append({arrival, QString()});
    }
    if (s->inbox.size() > m_limits.maxUnanswered) {
        s->closeCode = QWebSocketProtocol::CloseCodePolicyViolated;
        drop(s, QStringLiteral("%1 frames sent ahead of their answers").arg(s->inbox.size()));
        return;
    }
    if (!s->ready && !s->held) {
        s->ready = true;
        m_ready.append(s);
    }
    schedulePump();
}

void WorkerServer::schedulePump()
{
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(
        this, [this] { pump(); }, Qt::QueuedConnection);
}

void WorkerServer::pump()
{
    m_pumpScheduled = false;
    // Frames of the connections in turn, for a slice of time, then back to the event loop, which
    // reads the sockets and runs whatever else waits (a shutdown among it): another worker's batch
    // waits for at most a slice and one frame of each connection.
    QElapsedTimer slice;
    slice.start();
    while (!m_ready.isEmpty() && slice.elapsed() < kPumpSliceMs) {
        Session *s = m_ready.takeFirst();
        if (s->held || s->inbox.isEmpty()) { // back in turn when it is let go, or sends again
            s->ready = false;
            continue;
        }
        const Session::Inbound in = s->inbox.takeFirst();
        if (in.arrival == Session::Arrival::Text || in.arrival == Session::Arrival::Binary) {
            --s->queuedFrames;
            s->queuedChars -= in.text.size();
        }
        if (s->inbox.isEmpty())
            s->ready = false;
        else
            m_ready.append(s);
        s->answer(in);
    }
    if (!m_ready.isEmpty())
        schedulePump();
}

void WorkerServer::Session::answer(const Inbound &in)
{
    const QJsonValue none(QJsonValue::Undefined);
    switch (in.arrival) {
    case Arrival::Text:
        server->process(this, in.text);
        break;
    case Arrival::Binary:
        reject(none, code::Unsupported,
               QStringLiteral("Binary frames are not part of the protocol: send JSON in text frames."));
        break;
    case Arrival::Throttled:
        reject(none, code::RateLimited,
               QStringLiteral("More than %1 frames per second: this frame was not processed.")
                   .arg(int(kRateFramesPerSecond)));
        break;
    case Arrival::QueueFull:
        reject(none, code::RateLimited,
               QStringLiteral("Too many frames wait to be processed on this connection (at most %1, "
                              "%2 characters): this frame was not processed. Wait for answers before "
                              "sending more.")
                   .arg(server->m_limits.maxQueuedFrames)
                   .arg(server->m_limits.maxQueuedChars));
        break;
    }
}

void WorkerServer::process(Session *s, const QString &text)
{
    if (s->dead || s->stalled) // its answer could not go out: the frame is not processed either
        return;
    // UTF-8 never takes fewer bytes than UTF-16 code units, so this spares encoding a frame that is
    // too large anyway.
    if (text.size() > kMaxFrameBytes) {
        s->reject(QJsonValue(QJsonValue::Undefined), code::TooLarge,
                  QStringLiteral("The frame is larger than %1 bytes.").arg(kMaxFrameBytes));
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    // A registered worker's batch is read straight into the model, without a QJsonDocument on the
    // way; the decoder takes only frames the general path would accept, and leaves the rest (and
    // every error's wording) to it.
    if (s->registered && !s->client) {
        if (std::optional<DataSyncFrame> batch = decodeDataSync(utf8))
            return ingestWaiting(s, std::move(*batch));
    }
    auto parsed = parseFrame(utf8);
    if (auto *error = std::get_if<ProtocolError>(&parsed)) {
        s->reject(error->re, error->code, error->message); // re: the frame's id when it has a usable one
        return;
    }
    const Envelope &e = std::get<Envelope>(parsed);
    if (s->client) {
        if (m_clients)
            m_clients->frame(s, e);
        return;
    }

    if (e.type == u"register")
        return s->onRegister(e);
    if (!s->registered) {
        s->reject(e.id, code::NotRegistered,
                  QStringLiteral("Send register (with the worker token) before %1.").arg(e.type));
        return;
    }
    if (e.type == u"heartbeat")
        return s->send(QJsonObject(), e.id, "heartbeat_ack");
    if (e.type == u"data_sync")
        return s->onDataSync(e);
    if (e.type == u"account_status")
        return s->onAccountStatus(e);
    if (e.type == u"reply_result")
        return s->onReplyResult(e);
    if (e.type == u"status") { // operators' scripts and monitoring ask with the worker token
        // It counts every table: it costs several frames of the rate limit (one paid on arrival).
        if (!s->takeTokens(m_limits.statusCost - 1)) {
            s->reject(e.id, code::RateLimited,
                      QStringLiteral("A status costs %1 frames of the rate limit (%2 frames per second): "
                                     "this one was not answered.")
                          .arg(m_limits.statusCost)
                          .arg(int(kRateFramesPerSecond)));
            return;
        }
        return s->send(statusFrame(e.id));
    }
    s->reject(e.id, code::UnknownType,
              QStringLiteral("Unknown frame type \"%1\" for protocol v1.").arg(e.type));
}

void WorkerServer::ingestWaiting(Session *s, DataSyncFrame first)
{
    // Group commit: the data_syncs already waiting behind this one on the connection go into the
    // same transaction, so that a worker catching up pays one fsync for several batches (a worker
    // that keeps a few frames in flight has them waiting while the previous commit syncs). Each is
    // still checked and answered on its own, in order. A frame that is not a data_sync the fast
    // decoder takes (another type, an error to word) ends the group and is answered in its turn.
    std::vector<DataSyncFrame> group;
    group.push_back(std::move(first));
    qsizetype chars = 0;
    while (group.size() < size_t(kMaxGroupFrames) && !s->inbox.isEmpty()) {
        const Session::Inbound &next = s->inbox.first();
        if (next.arrival != Session::Arrival::Text || chars + next.text.size() > kMaxGroupChars)
            break;
        std::optional<DataSyncFrame> batch = decodeDataSync(next.text.toUtf8());
        if (!batch)
            break;
        chars += next.text.size();
        --s->queuedFrames;
        s->queuedChars -= next.text.size();
        s->inbox.removeFirst();
        group.push_back(std::move(*batch));
    }
    s->ingest(group);
}

QByteArray WorkerServer::statusFrame(const QJsonValue &re)
{
    // Every connection shares one snapshot, at most statusCacheMs old: counting the rows costs
    // milliseconds per hundred thousand, and monitoring scripts ask often.
    if (!m_statusAge.isValid() || m_statusAge.elapsed() >= m_limits.statusCacheMs) {
        m_status = QJsonDocument(m_master->status()).toJson(QJsonDocument::Compact);
        m_statusAge.start();
    }
    // Only `re` differs between the answers: the snapshot is spliced in, not encoded again.
    QByteArray out = "{\"type\":\"status\",\"v\":" + QByteArray::number(kVersion);
    if (!re.isUndefined()) {
        const QByteArray array = QJsonDocument(QJsonArray{re}).toJson(QJsonDocument::Compact);
        out += ",\"re\":" + array.mid(1, array.size() - 2);
    }
    return out + ",\"status\":" + m_status + '}';
}

void WorkerServer::drop(Session *s, const QString &why)
{
    if (s->dead)
        return;
    s->dead = true;
    m_sessions.removeOne(s);
    // What it sent and was not answered is dropped unanswered: the worker sends it again.
    if (s->ready)
        m_ready.removeOne(s);
    s->ready = false;
    s->inbox.clear();
    s->queuedFrames = 0;
    s->queuedChars = 0;

    if (s->client && m_clients)
        m_clients->gone(s);
    publishCounts();
    if (s->registered && !s->replaced && !s->client) {
        qCInfo(lcWorkerServer) << "worker" << s->workerId << "dropped:" << why;
        m_master->workerDisconnected(s->workerId, why);
    }

    // The session lives as long as its socket, which may still be sending the close frame.
    QWebSocket *socket = s->socket;
    socket->disconnect();
    connect(socket, &QObject::destroyed, [s] { delete s; });
    if (socket->state() == QAbstractSocket::ConnectedState) {
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kCloseGraceMs, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        socket->close(s->closeCode, why.left(40)); // the reason may take 123 bytes of UTF-8
    } else {
        socket->deleteLater();
    }
}

void WorkerServer::checkTimeouts()
{
    // Connections still in the WebSocket handshake when they should have registered already.
    for (auto it = m_handshakes.begin(); it != m_handshakes.end();) {
        if (it.value().elapsed() > m_limits.registerTimeoutMs) {
            QTcpSocket *tcp = it.key();
            it = m_handshakes.erase(it);
            qCDebug(lcWorkerServer) << "no WebSocket handshake from" << tcp->peerAddress().toString()
                                    << "in time";
            tcp->abort();
            tcp->deleteLater();
        } else {
            ++it;
        }
    }

    const int timeout = m_master->options().heartbeatTimeoutMs;
    const int pingEvery = pingIntervalMs(timeout);
    const QList<Session *> sessions = m_sessions; // drop() edits the list
    for (Session *s : sessions) {
        if (!s->registered && !s->held && s->inbox.isEmpty() &&
            s->since.elapsed() > m_limits.registerTimeoutMs) {
            // Nothing of it waits to be processed (a register may): it had its time.
            s->closeCode = QWebSocketProtocol::CloseCodePolicyViolated;
            drop(s, QStringLiteral("no register within %1 ms").arg(m_limits.registerTimeoutMs));
        } else if (s->lastActivity.elapsed() > timeout) {
            s->closeCode = QWebSocketProtocol::CloseCodeGoingAway;
            drop(s, s->registered ? QStringLiteral("worker %1 went silent").arg(s->workerId)
                                  : QStringLiteral("silent before register"));
        } else if (s->stalled || s->socket->bytesToWrite() > kMaxBacklogBytes) {
            // A device that does not read its pushes catches up when it connects again.
            s->closeCode = s->client ? QWebSocketProtocol::CloseCode(closecode::TooSlow)
                                     : QWebSocketProtocol::CloseCodePolicyViolated;
            drop(s, s->registered ? QStringLiteral("worker %1 stopped reading").arg(s->workerId)
                    : s->client   ? QStringLiteral("a paired device stopped reading its pushes")
                                  : QStringLiteral("stopped reading before register"));
        } else if (s->lastPing.elapsed() >= pingEvery) {
            s->socket->ping();
            s->lastPing.restart();
        }
    }
}

} // namespace hiscrm::master
