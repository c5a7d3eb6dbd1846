// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/MasterLink.h"

#include <QUuid>

namespace hiscrm::master {

QString MasterLink::newCommandId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

LocalMasterLink::LocalMasterLink(Master *master, QObject *parent)
    : MasterLink(parent)
    , m_master(master)
{
    // Signals cross the thread boundary queued, and their connections die with either object, so a
    // result never reaches a link that is gone.
    connect(master, &Master::changed, this, &MasterLink::changed);
    connect(master, &Master::storeDamaged, this, &MasterLink::storeDamaged);
    connect(master, &Master::commandExecuted, this, &LocalMasterLink::onExecuted);
    // Damage found before this link was connected is told once too (a listener that heard it
    // already may hear it again).
    call(
        [](Master &m) -> Result<QJsonObject> {
            if (Error e = m.damage())
                return e;
            return QJsonObject();
        },
        [this](const Result<QJsonObject> &r) {
            if (!r)
                emit storeDamaged(r.error().message);
        });
}

void LocalMasterLink::command(const QString &op, const QJsonObject &args, Done done, const QString &commandId)
{
    const QString id = commandId.isEmpty() ? newCommandId() : commandId;
    call([id, op, args](Master &master) { return master.execute(id, op, args); }, std::move(done));
}

void LocalMasterLink::openWorkerPort(quint16 port, const QString &token, EndpointDone done)
{
    call(
        [port, token](Master &master) -> Result<QJsonObject> {
            const auto e = master.openWorkerPort(port, token);
            if (!e)
                return e.error();
            return QJsonObject{{QStringLiteral("url"), e->url},
                               {QStringLiteral("token"), e->token},
                               {QStringLiteral("port"), int(e->port)}};
        },
        [done = std::move(done)](const Result<QJsonObject> &r) {
            if (!done)
                return;
            if (!r)
                return done(r.error());
            done(WorkerEndpoint{r->value(QStringLiteral("url")).toString(),
                                r->value(QStringLiteral("token")).toString(),
                                quint16(r->value(QStringLiteral("port")).toInt())});
        });
}

void LocalMasterLink::call(MasterCall fn, Done done)
{
    Master *master = m_master.data();
    if (!master) {
        if (done)
            done(Error{ErrorCode::Io, tr("The master has stopped.")});
        return;
    }
    const quint64 token = ++m_nextToken;
    if (done)
        m_pending.insert(token, std::move(done));
    const auto requester = reinterpret_cast<quintptr>(this);
    QMetaObject::invokeMethod(
        master,
        [master, requester, token, fn = std::move(fn)] {
            const Result<QJsonObject> r = fn(*master);
            emit master->commandExecuted(requester, token, r ? *r : QJsonObject(),
                                         int(r ? ErrorCode::None : r.error().code),
                                         r ? QString() : r.error().message);
        },
        Qt::QueuedConnection);
}

void LocalMasterLink::onExecuted(quintptr requester, quint64 token, const QJsonObject &result, int errorCode,
                                 const QString &errorMessage)
{
    if (requester != reinterpret_cast<quintptr>(this))
        return;
    const Done done = m_pending.take(token);
    if (!done)
        return;
    if (errorCode != int(ErrorCode::None))
        done(Error{ErrorCode(errorCode), errorMessage});
    else
        done(result);
}

} // namespace hiscrm::master
