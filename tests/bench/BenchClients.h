// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Paired clients of a hiscrm-master for the workloads that measure its fan-out (fanout, and
// worker-ingest with --clients). A thousand of them share this process and its 2-core machine with
// the master, so they read lean: each speaks the WebSocket handshake and framing (RFC 6455) itself
// over a QTcpSocket and hands over every text message as the UTF-8 bytes it arrived in, with no
// conversion to QString and no JSON parse. What the clients cost the machine then is mostly the
// kernel's receiving, as on a desktop.

#include "model/Model.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QElapsedTimer>
#include <QList>
#include <QStringList>
#include <QTcpSocket>

#include <functional>
#include <memory>
#include <vector>

namespace hiscrm::store {
class Store;
}

namespace hiscrm::bench {

class ClientFleet
{
public:
    // A push (a "changes" frame without "re") of client `client`, received at `ns` on the fleet's
    // clock.
    using PushHandler = std::function<void(int client, QByteArrayView frame, qint64 ns)>;

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
    void receive(Client &c);
    void message(Client &c, QByteArrayView text);

    quint16 m_port;
    PushHandler m_onPush;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Client>> m_clients;
    qint64 m_pushes = 0;
    qint64 m_pushBytes = 0;
};

} // namespace hiscrm::bench
