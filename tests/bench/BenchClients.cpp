// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchClients.h"

#include "BenchMaster.h"

#include "common/Clock.h"
#include "store/Store.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

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
    rlimit l{};
    if (getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < l.rlim_max) {
        l.rlim_cur = l.rlim_max;
        setrlimit(RLIMIT_NOFILE, &l);
    }
}

qint64 realtimeNs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

WireSocket::WireSocket(quint16 port, const QByteArray &path, const QElapsedTimer &clock, TextHandler onText)
    : m_clock(clock)
    , m_realtimeOffset(realtimeNs() - clock.nsecsElapsed())
    , m_onText(std::move(onText))
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        fail(u"cannot make a socket: %1"_s.arg(QString::fromLocal8Bit(strerror(errno))));
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // On loopback the kernel completes the handshake itself, before the master accepts.
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0) {
        const int error = errno;
        closeSocket();
        fail(u"cannot connect to the master: %1"_s.arg(QString::fromLocal8Bit(strerror(error))));
    }
    const int on = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
#ifdef SO_TIMESTAMPNS
    setsockopt(m_fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
#endif
    fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_readNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    QObject::connect(m_readNotifier.get(), &QSocketNotifier::activated, [this] { readable(); });
    m_writeNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    QObject::connect(m_writeNotifier.get(), &QSocketNotifier::activated, [this] { flush(); });

    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::global()->generate(nonce.begin(), nonce.end());
    m_key = nonce.toBase64();
    send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
         "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key +
         "\r\nSec-WebSocket-Version: 13\r\n\r\n");
}

WireSocket::~WireSocket()
{
    closeSocket();
}

void WireSocket::closeSocket()
{
    m_readNotifier.reset();
    m_writeNotifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

void WireSocket::sendText(QByteArrayView text)
{
    if (m_upgraded)
        send(clientFrame(Text, text));
    else
        m_early += clientFrame(Text, text);
}

void WireSocket::send(const QByteArray &frame)
{
    m_out += frame;
    flush();
}

void WireSocket::flush()
{
    qsizetype sent = 0;
    while (m_fd >= 0 && sent < m_out.size()) {
        const ssize_t n = ::send(m_fd, m_out.constData() + sent, size_t(m_out.size() - sent), MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            closeSocket();
            return;
        }
    }
    m_out.remove(0, sent);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_out.isEmpty());
}

void WireSocket::readable()
{
    // One read per wake-up (the notifier is level-triggered): the kernel's time of the last bytes
    // read comes with them. The read goes into a buffer shared by this thread's sockets, whose
    // whole frames are handled from there; only an unfinished frame's bytes stay with the socket.
    // A thousand sockets read this way cost the machine they share with the master little more
    // than the kernel's copy (growing and shrinking a buffer per read took a quarter of this
    // thread's time, in page faults and malloc).
    constexpr qsizetype kChunk = 64 * 1024;
    static thread_local std::array<char, kChunk> scratch;
    iovec iov{scratch.data(), size_t(kChunk)};
    std::array<char, CMSG_SPACE(sizeof(timespec))> control{};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    const ssize_t n = ::recvmsg(m_fd, &msg, 0);
    const qint64 readNs = m_clock.nsecsElapsed();
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        closeSocket();
        return;
    }
    if (n < 0)
        return;
    Times at{readNs, readNs};
#ifdef SO_TIMESTAMPNS
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            timespec ts{};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            at.arrived = std::min(readNs, qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec - m_realtimeOffset);
        }
    }
#endif
    // The bytes to parse: the read alone, or after what an earlier read left unfinished.
    const bool kept = !m_in.isEmpty() || !m_upgraded;
    if (kept)
        m_in.append(scratch.data(), qsizetype(n));
    const QByteArrayView in = kept ? QByteArrayView(m_in) : QByteArrayView(scratch.data(), qsizetype(n));
    qsizetype used = 0;
    if (!m_upgraded) {
        const qsizetype end = in.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = in.first(end).toByteArray();
        const QByteArray accept =
            QCryptographicHash::hash(m_key + kAcceptGuid, QCryptographicHash::Sha1).toBase64();
        if (!head.startsWith("HTTP/1.1 101") || !head.contains("Sec-WebSocket-Accept: " + accept))
            fail(u"%1: the upgrade was refused: %2"_s.arg(m_name, QString::fromUtf8(head)));
        used = end + 4;
        m_upgraded = true;
        send(m_early);
        m_early.clear();
    }
    for (;;) {
        const qsizetype avail = in.size() - used;
        if (avail < 2)
            break;
        const auto *p = reinterpret_cast<const uchar *>(in.data() + used);
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
            fail(u"%1: the master sent a masked frame"_s.arg(m_name));
        if (quint64(avail - header) < length)
            break;
        const QByteArrayView payload = in.sliced(used + header, qsizetype(length));
        used += header + qsizetype(length);
        switch (opcode) {
        case Text:
        case Continuation:
            if (fin && m_message.isEmpty()) {
                m_onText(payload, at);
            } else {
                m_message += payload;
                if (fin) {
                    m_onText(m_message, at);
                    m_message.clear();
                }
            }
            break;
        case Ping:
            send(clientFrame(Pong, payload));
            break;
        case Close:
            closeSocket();
            return;
        default:
            break; // pongs
        }
        if (m_fd < 0)
            return;
    }
    // What is left is the start of a frame: kept for the next read.
    if (kept && used == m_in.size())
        m_in.clear(); // its memory too: a backlog's frames are up to a MiB, a thousand sockets
    else if (kept)
        m_in.remove(0, used);
    else if (used < in.size())
        m_in = in.sliced(used).toByteArray();
}

struct ClientFleet::Client
{
    int index = 0;
    std::unique_ptr<WireSocket> socket;
    bool live = false; // its sync said has_more: false
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

ClientFleet::~ClientFleet() = default;

int ClientFleet::connected() const
{
    int n = 0;
    for (const auto &c : m_clients)
        n += c->socket->isOpen() ? 1 : 0;
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
            c->socket = std::make_unique<WireSocket>(
                m_port, "/client", m_clock,
                [this, c](QByteArrayView text, WireSocket::Times at) { message(*c, text, at); });
            c->socket->setName(u"client %1"_s.arg(i));
            c->socket->sendText(R"({"type":"hello","id":1,"token":")" + tokens[i].toUtf8() + "\"}");
            c->socket->sendText(R"({"type":"sync","id":2,"since":0})");
            m_clients.push_back(std::move(client));
        }
        waitUntil(
            [&] {
                for (qsizetype i = first; i < last; ++i) {
                    if (!m_clients[i]->socket->isOpen())
                        fail(u"client %1 was closed while it connected"_s.arg(i));
                    if (!m_clients[i]->live)
                        return false;
                }
                return true;
            },
            30000, u"clients to connect and catch up"_s);
    }
}

void ClientFleet::message(Client &c, QByteArrayView text, WireSocket::Times at)
{
    // An answer carries "re" among its top-level fields, which the master writes before the
    // "changes" array: only that head is looked at, not the 7 KB of rows a push may hold (searching
    // those took a fifth of a core from the master's machine). A quote in a string is escaped, so
    // the first "changes":[ is the top-level one.
    const qsizetype rows = text.indexOf("\"changes\":[");
    const QByteArrayView head = rows < 0 ? text : text.first(rows);
    if (head.contains("\"re\":")) {
        if (text.contains(R"("type":"error")"))
            fail(u"client %1 was refused: %2"_s.arg(c.index).arg(QString::fromUtf8(text)));
        if (text.contains("\"has_more\":false"))
            c.live = true;
        else if (text.contains("\"has_more\":true")) { // catch up page by page
            const QByteArrayView rest = text.sliced(text.lastIndexOf("\"next\":") + 7);
            c.socket->sendText(R"({"type":"sync","id":2,"since":)" +
                               rest.first(rest.indexOf(',')).toByteArray() + "}");
        }
        return;
    }
    ++m_pushes;
    m_pushBytes += text.size();
    if (m_onPush)
        m_onPush(c.index, text, at);
}

} // namespace hiscrm::bench
