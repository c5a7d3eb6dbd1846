// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/RemoteMasterLink.h"

namespace hiscrm::sync {

RemoteMasterLink::RemoteMasterLink(SyncEngine *engine, QObject *parent)
    : MasterLink(parent)
    , m_engine(engine)
{
    connect(engine, &SyncEngine::changed, this, &MasterLink::changed);
}

void RemoteMasterLink::command(const QString &op, const QJsonObject &args, Done done,
                               const QString &commandId)
{
    if (!m_engine) {
        if (done)
            done(Error{ErrorCode::Io, SyncEngine::tr("Not connected to the team master.")});
        return;
    }
    m_engine->command(op, args, commandId.isEmpty() ? newCommandId() : commandId, std::move(done));
}

void RemoteMasterLink::openWorkerPort(quint16, const QString &, EndpointDone done)
{
    if (done)
        done(Error{ErrorCode::Conflict,
                   SyncEngine::tr("This desktop shows a team master's inbox: crawlers connect to the team "
                                  "master, not to this desktop. Ask the admin.")});
}

} // namespace hiscrm::sync
