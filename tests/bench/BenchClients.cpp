// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchClients.h"

#include "BenchMaster.h"

#include "common/Clock.h"
#include "store/Store.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QRandomGenerator>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

namespace hiscrm::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr int kGroup = 50; // clients connecting at once (the master admits 64 unauthenticated)
constexpr char kAcceptGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

enum Opcode : quint8
{
    Continuation = 0x0,
    Text = 0x1,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA
};

// A client's frame: FIN, the opcode, masked (RFC 6455 5.3) with a fresh key.
QByteArray clientFrame(quint8 opcode, QByteArrayView payload)
{
    QByteArray f;
    f.reserve(payload.size() + 14);
    f.append(char(0x80 | opcode));
    const qsizetype n = payload.size();
    if (n < 126) {
        f.append(char(0x80 | n));
    } else if (n <= 0xFFFF) {
        f.append(char(0x80 | 126));
        f.append(char(n >> 8));
        f.append(char(n & 0xFF));
    } else {
        f.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            f.append(char((quint64(n) >> shift) & 0xFF));
    }
    const quint32 key = QRandomGenerator::global()->generate();
    const char mask[4] = {char(key >> 24), char(key >> 16), char(key >> 8), char(key)};
    f.append(mask, 4);
    for (qsizetype i = 0; i < n; ++i)
        f.append(char(payload[i] ^ mask[i % 4]));
    return f;
}

// One socket per client needs the descriptors: raise the soft limit to the hard one (inherited by
// a master started afterwards).
void raiseDescriptorLimit()
{
#ifdef Q_OS_UNIX
    rlimit l{};
    if (getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < l.rlim_max) {
        l.rlim_cur = l.rlim_max;
        setrlimit(RLIMIT_NOFILE, &l);
    }
#endif
}

} // namespace

struct ClientFleet::Client
{
    int index = 0;
    QTcpSocket socket;
    QByteArray key; // Sec-WebSocket-Key
    bool upgraded = false;
    bool closed = false;
    bool live = false; // its sync said has_more: false
    QByteArray in;     // received, not yet parsed from `at`
    qsizetype at = 0;
    QByteArray message; // a fragmented message being put together
    QByteArray pending; // frames to send once upgraded
};

QStringList ClientFleet::pairDevices(store::Store &store, const QList<qint64> &accountIds, int clients)
{
    raiseDescriptorLimit(); // before the master starts
    QStringList tokens;
    for (int c = 0; c < clients; ++c) {
        store::PairingRequest request;
        request.name = u"bench device %1"_s.arg(c);
        if (!accountIds.isEmpty())
            request.accounts = {accountIds[c % accountIds.size()]};
        const store::Pairing p = check(store.createPairing(request, nowMs()), u"making a pairing code"_s);
        tokens << check(store.redeemPairing(p.code, nowMs()), u"pairing a device"_s).token;
    }
    return tokens;
}

QStringList ClientFleet::addAccounts(store::Store &store, int count, QList<qint64> *ids)
{
    model::Batch directory;
    directory.platform = u"demo"_s;
    QStringList accounts;
    for (int a = 0; a < count; ++a) {
        model::AccountRecord r;
        r.platformId = u"acc-%1"_s.arg(a);
        r.name = u"账号 %1"_s.arg(a);
        directory.accounts << r;
        accounts << r.platformId;
    }
    check(store.ingest(directory), u"ingesting the accounts"_s);
    if (ids) {
        for (const QString &a : std::as_const(accounts))
            *ids << check(store.accountByPlatformId(u"demo"_s, a), u"reading an account"_s).value().id;
    }
    return accounts;
}

model::Batch ClientFleet::fanMessages(const QStringList &accounts, qint64 first, int n, int chatsPerAccount,
                                      const std::function<QString(int i)> &idOf)
{
    const qsizetype size = accounts.size();
    model::Batch b;
    b.platform = u"demo"_s;
    for (int i = 0; i < n; ++i) {
        const qint64 m = first + i;
        const QString &account = accounts[qsizetype(m % size)];
        model::MessageRecord r;
        r.accountId = account;
        r.conversationId = u"%1-c%2"_s.arg(account).arg(m / size % chatsPerAccount);
        r.platformId = idOf(i);
        r.senderId = u"%1-fan%2"_s.arg(account).arg(m / size % chatsPerAccount);
        r.text = u"第%1条：请问这款什么时候发货？"_s.arg(m);
        r.createdAt = nowMs();
        b.messages << r;
    }
    return b;
}

ClientFleet::ClientFleet(quint16 port, PushHandler onPush)
    : m_port(port)
    , m_onPush(std::move(onPush))
{
    m_clock.start();
}

ClientFleet::~ClientFleet()
{
    for (auto &c : m_clients) {
        c->socket.disconnect();
        c->socket.abort();
    }
}

int ClientFleet::connected() const
{
    int n = 0;
    for (const auto &c : m_clients)
        n += c->closed || c->socket.state() != QAbstractSocket::ConnectedState ? 0 : 1;
    return n;
}

void ClientFleet::connectAll(const QStringList &tokens)
{
    for (qsizetype first = 0; first < tokens.size(); first += kGroup) {
        const qsizetype last = std::min(tokens.size(), first + kGroup);
        for (qsizetype i = first; i < last; ++i) {
            auto client = std::make_unique<Client>();
            Client *c = client.get();
            c->index = int(i);
            QByteArray nonce(16, Qt::Uninitialized);
            QRandomGenerator::global()->generate(nonce.begin(), nonce.end());
            c->key = nonce.toBase64();
            c->pending =
                clientFrame(Text, R"({"type":"hello","id":1,"token":")" + tokens[i].toUtf8() + "\"}") +
                clientFrame(Text, R"({"type":"sync","id":2,"since":0})");
            QObject::connect(&c->socket, &QTcpSocket::connected, [this, c] {
                c->socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
                c->socket.write("GET /client HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) +
                                "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " +
                                c->key + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
            });
            QObject::connect(&c->socket, &QTcpSocket::readyRead, [this, c] { receive(*c); });
            QObject::connect(&c->socket, &QTcpSocket::disconnected, [c] { c->closed = true; });
            c->socket.connectToHost(QHostAddress::LocalHost, m_port);
            m_clients.push_back(std::move(client));
        }
        waitUntil(
            [&] {
                for (qsizetype i = first; i < last; ++i) {
                    if (m_clients[i]->closed)
                        fail(u"client %1 was closed while it connected"_s.arg(i));
                    if (!m_clients[i]->live)
                        return false;
                }
                return true;
            },
            30000, u"clients to connect and catch up"_s);
    }
}

void ClientFleet::receive(Client &c)
{
    c.in += c.socket.readAll();
    if (!c.upgraded) {
        const qsizetype end = c.in.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = c.in.left(end);
        const QByteArray accept =
            QCryptographicHash::hash(c.key + kAcceptGuid, QCryptographicHash::Sha1).toBase64();
        if (!head.startsWith("HTTP/1.1 101") || !head.contains("Sec-WebSocket-Accept: " + accept))
            fail(u"client %1: the upgrade was refused: %2"_s.arg(c.index).arg(QString::fromUtf8(head)));
        c.in.remove(0, end + 4);
        c.upgraded = true;
        c.socket.write(c.pending);
        c.pending.clear();
    }
    for (;;) {
        const qsizetype avail = c.in.size() - c.at;
        if (avail < 2)
            break;
        const auto *p = reinterpret_cast<const uchar *>(c.in.constData() + c.at);
        const bool fin = p[0] & 0x80;
        const quint8 opcode = p[0] & 0x0F;
        quint64 length = p[1] & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (avail < 4)
                break;
            length = (quint64(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            if (avail < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | p[2 + i];
            header = 10;
        }
        if (p[1] & 0x80)
            fail(u"client %1: the master sent a masked frame"_s.arg(c.index));
        if (quint64(avail - header) < length)
            break;
        const QByteArrayView payload(c.in.constData() + c.at + header, qsizetype(length));
        c.at += header + qsizetype(length);
        switch (opcode) {
        case Text:
        case Continuation:
            if (fin && c.message.isEmpty()) {
                message(c, payload);
            } else {
                c.message += payload;
                if (fin) {
                    message(c, c.message);
                    c.message.clear();
                }
            }
            break;
        case Ping:
            c.socket.write(clientFrame(Pong, payload));
            break;
        case Close:
            c.closed = true;
            c.socket.abort();
            return;
        default:
            break; // pongs
        }
    }
    if (c.at > 0 && c.at * 2 >= c.in.size()) {
        c.in.remove(0, c.at);
        c.at = 0;
    }
}

void ClientFleet::message(Client &c, QByteArrayView text)
{
    if (text.contains("\"re\":")) {
        if (text.contains(R"("type":"error")"))
            fail(u"client %1 was refused: %2"_s.arg(c.index).arg(QString::fromUtf8(text)));
        if (text.contains("\"has_more\":false"))
            c.live = true;
        else if (text.contains("\"has_more\":true")) { // catch up page by page
            const QByteArrayView rest = text.sliced(text.lastIndexOf("\"next\":") + 7);
            c.socket.write(clientFrame(Text, R"({"type":"sync","id":2,"since":)" +
                                                 rest.first(rest.indexOf(',')).toByteArray() + "}"));
        }
        return;
    }
    ++m_pushes;
    m_pushBytes += text.size();
    if (m_onPush)
        m_onPush(c.index, text, m_clock.nsecsElapsed());
}

} // namespace hiscrm::bench
