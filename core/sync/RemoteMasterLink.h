// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/MasterLink.h"
#include "sync/SyncEngine.h"

#include <QPointer>

namespace hiscrm::sync {

// The MasterLink of a desktop paired with a team master: commands go to the master as `cmd`
// frames through the SyncEngine's connection, and the replica's changes come back as the same
// change notices a local master sends, so the window works the same in both modes.
class RemoteMasterLink final : public master::MasterLink
{
    Q_OBJECT

public:
    explicit RemoteMasterLink(SyncEngine *engine, QObject *parent = nullptr);
    void command(const QString &op, const QJsonObject &args, Done done = {},
                 const QString &commandId = QString()) override;
    // Workers connect to the team master, never to a paired desktop: refused.
    void openWorkerPort(quint16 port, const QString &token, EndpointDone done) override;

private:
    QPointer<SyncEngine> m_engine;
};

} // namespace hiscrm::sync
