// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Master.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace hiscrm::master {

// The one way clients act on a master and hear about its changes: in-process now
// (LocalMasterLink), over WebSocket in team mode. Lives in the client's thread; callbacks and
// signals arrive there.
class MasterLink : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const Result<QJsonObject> &result)>;
    using QObject::QObject;

    // Sends a command. An empty commandId gets a fresh one (a UUID); pass the same id again to
    // retry without a second effect. `done` may be empty.
    virtual void command(const QString &op, const QJsonObject &args, Done done = {},
                         const QString &commandId = QString()) = 0;

    static QString newCommandId();

    // Opens the master's port for external workers (Master::openWorkerPort); `done` gets where they
    // connect and the token they present.
    using EndpointDone = std::function<void(const Result<WorkerEndpoint> &endpoint)>;
    virtual void openWorkerPort(quint16 port, const QString &token, EndpointDone done) = 0;

signals:
    void changed(const hiscrm::master::ChangeNotice &notice);
    // The master found its database damaged and has stopped writing to it (Master::storeDamaged).
    // A new link also says so once when the damage was found before the link existed.
    void storeDamaged(const QString &message);
};

class LocalMasterLink final : public MasterLink
{
    Q_OBJECT

public:
    LocalMasterLink(Master *master, QObject *parent = nullptr);
    void command(const QString &op, const QJsonObject &args, Done done = {},
                 const QString &commandId = QString()) override;
    void openWorkerPort(quint16 port, const QString &token, EndpointDone done) override;

private:
    // Runs fn in the master thread; its result comes back to `done` in this link's thread, never
    // waited for.
    using MasterCall = std::function<Result<QJsonObject>(Master &master)>;
    void call(MasterCall fn, Done done);
    void onExecuted(quintptr requester, quint64 token, const QJsonObject &result, int errorCode,
                    const QString &errorMessage);
    QPointer<Master> m_master;
    QHash<quint64, Done> m_pending;
    quint64 m_nextToken = 0;
};

} // namespace hiscrm::master
