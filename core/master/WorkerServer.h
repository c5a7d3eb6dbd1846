// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Master.h"

#include <QHostAddress>
#include <QObject>

class QWebSocketServer;
class QWebSocket;

namespace hiscrm::master {

// The worker side of the protocol (docs/protocol.md): external connectors connect over WebSocket,
// authenticate with the worker token, register the accounts they serve, send heartbeats,
// data_sync batches (acknowledged only after commit), account_status, and answer reply_request
// with reply_result. Lives in the master's thread and calls the Master directly.
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

private:
    struct Session;
    void onNewConnection();
    void onText(Session *s, const QString &text);
    void onBinary(Session *s, const QByteArray &data);
    void drop(Session *s, const QString &why);
    void checkHeartbeats();

    Master *m_master;
    QWebSocketServer *m_server = nullptr;
    QList<Session *> m_sessions;
};

} // namespace hiscrm::master
