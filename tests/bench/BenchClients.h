// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Paired clients of a hiscrm-master for the workloads that measure its fan-out (fanout, and
// worker-ingest with --clients). A thousand of them share this process and its 2-core machine with
// the master, so they read lean: each speaks the WebSocket handshake and framing (RFC 6455) itself
// over a plain socket (WireSocket) and hands over every text message as the UTF-8 bytes it arrived
// in, with no conversion to QString and no JSON parse. What the clients cost the machine then is
// mostly the kernel's receiving, as on a desktop.
//
// Two times come with each message: when its last bytes reached the client's socket (the kernel's
// receive timestamp, SO_TIMESTAMPNS, where the system has it) and when this process read it. A
// thousand desktops each read their own socket at once; here one thread reads them one after
// another, so the second time also holds the wait behind the other clients' reads.

#include "model/Model.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QElapsedTimer>
#include <QList>
#include <QSocketNotifier>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace hiscrm::store {
class Store;
}

namespace hiscrm::bench {

// A WebSocket client over a plain non-blocking socket to the master on 127.0.0.1 (Unix sockets API).
class WireSocket
{
public:
    struct Times
    {
        qint64 arrived; // ns on the clock: the kernel's receive time of the message's last bytes
        qint64 read;    // ns on the clock: when this process read them
    };
    using TextHandler = std::function<void(QByteArrayView text, Times at)>;

    // Connects and asks to upgrade on `path`; fails the run when the connection is refused.
    WireSocket(quint16 port, const QByteArray &path, const QElapsedTimer &clock, TextHandler onText);
    ~WireSocket();
    Q_DISABLE_COPY_MOVE(WireSocket)

    // Sends a text message (masked, one frame); before the upgrade is answered, kept until it is.
    void sendText(QByteArrayView text);
    bool isOpen() const { return m_fd >= 0; }
    bool isUpgraded() const { return m_upgraded; }
    // A label for failures ("client 12").
    void setName(const QString &name) { m_name = name; }

private:
    void readable();
    void send(const QByteArray &frame);
    void flush();
    void closeSocket();

    int m_fd = -1;
    const QElapsedTimer &m_clock;
    qint64 m_realtimeOffset = 0; // CLOCK_REALTIME ns minus the clock's ns
    TextHandler m_onText;
    QString m_name;
    QByteArray m_key; // Sec-WebSocket-Key
    bool m_upgraded = false;
    QByteArray m_in;      // received and not yet parsed: the start of a frame, or of the upgrade's answer
    QByteArray m_message; // a fragmented message being put together
    QByteArray m_out;     // not yet taken by the kernel
    QByteArray m_early;   // frames to send once upgraded
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
};

class ClientFleet
{
public:
    // A push (a "changes" frame without "re") of client `client`, received at `at` on the fleet's
    // clock.
    using PushHandler = std::function<void(int client, QByteArrayView frame, WireSocket::Times at)>;

    // Before the master starts: pairs `clients` devices in its store, device i scoped to
    // accountIds[i % accountIds.size()] (every account when accountIds is empty). Returns their tokens.
    static QStringList pairDevices(store::Store &store, const QList<qint64> &accountIds, int clients);
    // Before the master starts: `count` accounts "acc-0".."acc-<count-1>" on platform "demo".
    // Returns their platform ids; *ids (when given) gets their store ids.
    static QStringList addAccounts(store::Store &store, int count, QList<qint64> *ids = nullptr);
    // A worker's batch of n new messages from fans, numbered from `first`: message m goes to
    // accounts[m % size] in one of chatsPerAccount chats of it; the batch's i-th message has the
    // platform id idOf(i).
    static model::Batch fanMessages(const QStringList &accounts, qint64 first, int n, int chatsPerAccount,
                                    const std::function<QString(int i)> &idOf);

    ClientFleet(quint16 port, PushHandler onPush);
    ~ClientFleet();
    Q_DISABLE_COPY_MOVE(ClientFleet)

    // Connects a client per token, says hello and syncs from 0 until live, a group at a time (the
    // master admits a bounded number of unauthenticated connections). Fails the run on a timeout.
    void connectAll(const QStringList &tokens);

    const QElapsedTimer &clock() const { return m_clock; }
    int size() const { return int(m_clients.size()); }
    // Clients whose connection is still open.
    int connected() const;
    // Push frames received by all clients, and their bytes.
    qint64 pushes() const { return m_pushes; }
    qint64 pushBytes() const { return m_pushBytes; }

private:
    struct Client;
    void message(Client &c, QByteArrayView text, WireSocket::Times at);

    quint16 m_port;
    PushHandler m_onPush;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Client>> m_clients;
    qint64 m_pushes = 0;
    qint64 m_pushBytes = 0;
};

} // namespace hiscrm::bench
