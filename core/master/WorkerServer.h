// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Master.h"
#include "protocol/DataSyncDecoder.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <atomic>
#include <memory>

class QSocketNotifier;
class QThread;
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
//
// Paired desktops (path /client) are served beside the master's thread: once upgraded, each such
// connection is moved, with its socket, to a second WorkerServer in a thread of its own ("clients",
// Role::Clients), which runs the same per-connection limits and hands the frames to the ClientHub
// living there. So the pushes to a thousand devices and their requests never wait for the master
// thread's commits, nor hold it up.
class ClientHub;
struct ConnectedDevices;
struct EarlyFrames;

// The path of the master's port where paired desktops connect; every other path is for workers.
inline constexpr char kClientPath[] = "/client";

class WorkerServer final : public QObject
{
    Q_OBJECT

public:
    enum class Role
    {
        Port,   // listens; serves workers; hands paired desktops to its Clients server
        Clients // serves the paired desktops' connections that the Port server hands it
    };

    // A Port server, in the master's thread; it starts its Clients server.
    explicit WorkerServer(Master *master, QObject *parent = nullptr);
    ~WorkerServer() override;

    // Listens on address:port (port 0: any). Refuses a non-loopback address unless allowed.
    Error listen(const QHostAddress &address, quint16 port, bool allowNonLoopback);
    quint16 port() const;
    int sessionCount() const;
    // Connections that have not registered: in the WebSocket handshake, or upgraded and unregistered.
    int unregisteredCount() const;

private:
    struct Session;
    // A Clients server, made in its own thread by the Port server. masterSide: an object of the
    // master's thread for the calls that must run there.
    WorkerServer(Master *master, Role role, QObject *masterSide,
                 const std::shared_ptr<ConnectedDevices> &devices, const QString &dbPath);
    // Clients server: takes over an upgraded connection (already moved to this thread).
    void adopt(QWebSocket *socket, QTcpSocket *tcp, EarlyFrames *early, QElapsedTimer since);
    Session *openSession(QWebSocket *socket, QTcpSocket *tcp, QElapsedTimer since);
    void startTimeoutTimer();
    void startClientServer();
    void stopClientServer();
    void publishCounts();
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
    void ingestWaiting(Session *s, protocol::DataSyncFrame first);
    void drop(Session *s, const QString &why);
    void checkTimeouts();
    QByteArray statusFrame(const QJsonValue &re);

    Master *m_master;
    const Role m_role;
    const WorkerLimits m_limits;
    ClientHub *m_clients = nullptr; // Clients server: the client side (path /client)
    // Port server: the Clients server, its thread and an object of that thread to call it through.
    QThread *m_clientThread = nullptr;
    QObject *m_clientAnchor = nullptr;
    WorkerServer *m_clientServer = nullptr;
    // The devices connected, as the master's status lists them (shared with the Clients server).
    std::shared_ptr<ConnectedDevices> m_devices;
    // Clients server: its connections and those not authenticated, for the Port server's caps.
    std::atomic<int> m_sessionsPublished{0};
    std::atomic<int> m_unregisteredPublished{0};
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
