// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Master.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>

class QSocketNotifier;
class QTcpServer;
class QTcpSocket;
class QWebSocketServer;
class QWebSocket;

namespace hiscrm::master {

// The worker side of the protocol (docs/protocol.md): external connectors connect over WebSocket,
// authenticate with the worker token, register the accounts they serve, send heartbeats,
// data_sync batches (acknowledged only after commit), account_status, and answer reply_request
// with reply_result. Lives in the master's thread and calls the Master directly.
//
// Frames are not processed where they arrive: each connection queues what it receives (bounded,
// see WorkerLimits) and the server processes the queues a frame at a time, taking the connections
// in turn, for a few milliseconds per turn of the event loop. So no peer holds the master thread
// for longer than that and one frame, whatever it sends, and a shutdown never waits behind a
// backlog.
class ClientHub;

// The path of the master's port where paired desktops connect; every other path is for workers.
inline constexpr char kClientPath[] = "/client";

class WorkerServer final : public QObject
{
    Q_OBJECT

public:
    WorkerServer(Master *master, QObject *parent = nullptr);
    ~WorkerServer() override;

    // Listens on address:port (port 0: any). Refuses a non-loopback address unless allowed.
    Error listen(const QHostAddress &address, quint16 port, bool allowNonLoopback);
    quint16 port() const;
    int sessionCount() const;
    // Connections that have not registered: in the WebSocket handshake, or upgraded and unregistered.
    int unregisteredCount() const;

private:
    struct Session;
    void acceptPending();
    void onTcpConnection();
    void onAcceptError(QAbstractSocket::SocketError error);
    void acceptFailed(const QString &why);
    void refuseConnection();
    void noteAccepted();
    void admit(QTcpSocket *tcp);
    void onUpgraded();
    void receive(Session *s, const QString &text, bool binary);
    void schedulePump();
    void pump();
    void process(Session *s, const QString &text);
    void drop(Session *s, const QString &why);
    void checkTimeouts();
    QByteArray statusFrame(const QJsonValue &re);

    Master *m_master;
    const WorkerLimits m_limits;
    ClientHub *m_clients = nullptr; // the client side (path /client)
    QTcpServer *m_tcp = nullptr;
    QSocketNotifier *m_acceptNotifier = nullptr; // on Unix: the listening socket, accepted from here
    QWebSocketServer *m_upgrader = nullptr;      // does the handshake of the connections m_tcp accepts
    QList<Session *> m_sessions;
    QHash<QTcpSocket *, QElapsedTimer> m_handshakes; // accepted, not yet upgraded; since acceptance
    QList<Session *> m_ready;                        // sessions with queued frames, in turn
    bool m_pumpScheduled = false;
    // A burst of accept failures (out of descriptors), logged once: since when, the last one, how
    // many, and whether accepting worked again since.
    QElapsedTimer m_acceptFailing;
    QElapsedTimer m_lastAcceptFailure;
    int m_acceptFailures = 0;
    bool m_acceptRecovered = false;
    int m_acceptRetries = 0; // since the last connection accepted: the retries come less often
    // The last connection closed at once because too many have not registered.
    QElapsedTimer m_lastRefusal;
    // The status object, serialised, and its age: status frames are answered from it.
    QByteArray m_status;
    QElapsedTimer m_statusAge;
};

} // namespace hiscrm::master
