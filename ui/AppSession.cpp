// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/AppSession.h"

#include "worker/DemoConnector.h"

#include <QDir>
#include <QStandardPaths>

namespace hiscrm::ui {

AppSession::AppSession(QObject *parent)
    : QObject(parent)
{}

AppSession::~AppSession()
{
    // The link and the UI's connection go first; then the master stops its connectors, commits
    // nothing half-way and closes the database.
    m_link.reset();
    m_store.reset();
    m_master.reset();
}

QString AppSession::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString AppSession::databasePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("hiscrm.db"));
}

Error AppSession::start(const QString &dataDir)
{
    m_dataDir = dataDir.isEmpty() ? defaultDataDir() : dataDir;
    if (!QDir().mkpath(m_dataDir))
        return {ErrorCode::Io, tr("Cannot create the data folder %1. Choose a folder you can write to in "
                                  "Settings, or start with --data-dir.")
                                   .arg(m_dataDir)};
    master::MasterOptions o;
    o.dbPath = databasePath();
    auto master = std::make_unique<master::MasterThread>(o);
    if (Error e = master->start())
        return e;
    store::Store::Options ro;
    ro.access = store::Store::Access::ReadOnly;
    auto s = store::Store::open(o.dbPath, ro);
    if (!s)
        return s.error();
    m_store = std::move(s.value());
    m_master = std::move(master);
    m_link = std::make_unique<master::LocalMasterLink>(m_master->master());
    connect(m_link.get(), &master::MasterLink::changed, this, &AppSession::changed);
    qRegisterMetaType<hiscrm::worker::ConnectorStatus>();
    m_master->runSync([this] {
        // statusChanged comes from the master's thread; the queued connection brings it here.
        connect(
            m_master->workers(), &worker::WorkerHost::statusChanged, this,
            [this](const worker::ConnectorStatus &s) {
                bool found = false;
                for (worker::ConnectorStatus &c : m_connectors) {
                    if (c.id == s.id) {
                        c = s;
                        found = true;
                    }
                }
                if (!found)
                    m_connectors.append(s);
                emit connectorsChanged();
            },
            Qt::QueuedConnection);
    });
    return {};
}

void AppSession::startDemo(double itemsPerSecond, qint64 maxItems)
{
    if (!m_master || m_demo)
        return;
    m_demo = true;
    m_master->runSync([this, itemsPerSecond, maxItems] {
        m_master->workers()->add([itemsPerSecond, maxItems] {
            worker::DemoConnector::Options d;
            d.itemsPerSecond = itemsPerSecond;
            d.maxItems = maxItems;
            d.live = true;
            d.initialBacklog = maxItems >= 0 ? 0 : 400;
            return std::make_unique<worker::DemoConnector>(d);
        });
    });
}

Result<QString> AppSession::enableExternalWorkers(quint16 port, const QString &token)
{
    if (!m_master)
        return Error{ErrorCode::Io, tr("The inbox is not running.")};
    Error e;
    if (!m_workerUrl.isEmpty()) {
        // Already listening: the address stays, a token given from now on is the one to present.
        if (!token.isEmpty() && token != m_workerToken) {
            m_master->runSync([&] { m_master->master()->setWorkerToken(token); });
            m_workerToken = token;
        }
        return m_workerUrl;
    }
    m_master->runSync([&] {
        master::Master *m = m_master->master();
        m->setWorkerToken(token);
        e = m->listen(QStringLiteral("127.0.0.1"), port);
        if (e && port != 0) // taken by another program: any free port beats none
            e = m->listen(QStringLiteral("127.0.0.1"), 0);
        m_workerUrl = m->workerUrl();
        m_workerToken = m->workerToken();
        m_workerPort = m->listeningPort();
    });
    if (e)
        return e;
    return m_workerUrl;
}

} // namespace hiscrm::ui
