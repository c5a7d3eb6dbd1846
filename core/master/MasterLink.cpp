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
}

void LocalMasterLink::command(const QString &op, const QJsonObject &args, Done done, const QString &commandId)
{
    const QString id = commandId.isEmpty() ? newCommandId() : commandId;
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
        [master, requester, token, id, op, args] {
            const Result<QJsonObject> r = master->execute(id, op, args);
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
