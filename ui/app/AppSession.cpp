// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/AppSession.h"

#include "store/SearchIndexer.h"
#include "store/Store.h"
#include "sync/RemoteMasterLink.h"
#include "worker/DemoConnector.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QStandardPaths>

#include <utility>

namespace hiscrm::ui {

AppSession::AppSession(QObject *parent)
    : QObject(parent)
{}

AppSession::~AppSession()
{
    // The link and the UI's connection go first; then the master stops its connectors, commits
    // nothing half-way and closes the database (or the sync engine its replica).
    m_link.reset();
    m_store.reset();
    m_master.reset();
    m_engine.reset();
}

QString AppSession::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

const store::StoreReader *AppSession::store() const
{
    return m_store.get();
}

QString AppSession::databasePath() const
{
    if (m_engine)
        return m_pairing.replicaPath();
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
    o.integrityWaitMs = kIntegrityWaitMs;
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
    const auto reportDamage = [this](const QString &message) {
        if (std::exchange(m_damageReported, true))
            return;
        emit historyDamaged(message);
    };
    connect(m_link.get(), &master::MasterLink::storeDamaged, this, reportDamage);
    // Damage found before the link was connected: the link tells it once it is (queued, so the
    // caller has connected historyDamaged by then).
    qRegisterMetaType<hiscrm::worker::ConnectorStatus>();
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
    return {};
}

Error AppSession::startRemote(const QString &dataDir, const TeamPairing &pairing)
{
    m_dataDir = dataDir.isEmpty() ? defaultDataDir() : dataDir;
    m_pairing = pairing;
    auto engine = std::make_unique<sync::SyncEngine>(pairing.replicaPath(), pairing.remote);
    connect(engine.get(), &sync::SyncEngine::stateChanged, this,
            [this](sync::SyncEngine::State state, const QString &detail) {
                // Offline since the connection was last up, whatever the attempts since.
                if (state == sync::SyncEngine::State::Offline && !m_offlineSince.isValid())
                    m_offlineSince = QDateTime::currentDateTime();
                else if (state == sync::SyncEngine::State::CatchingUp ||
                         state == sync::SyncEngine::State::Live)
                    m_offlineSince = QDateTime();
                m_syncState = state;
                m_syncDetail = detail;
                emit syncStateChanged();
            });
    connect(engine.get(), &sync::SyncEngine::progress, this, [this](qint64 cursor, qint64 revision) {
        m_syncCursor = cursor;
        m_masterRevision = revision;
        emit syncStateChanged();
    });
    connect(engine.get(), &sync::SyncEngine::outboxChanged, this, [this](int waiting, int refused) {
        m_outboxWaiting = waiting;
        m_outboxRefused = refused;
        emit syncStateChanged();
    });
    // The replica was made anew: the window and its models hold the old one, so the session starts
    // over on the same source (main() makes a new session and window).
    connect(engine.get(), &sync::SyncEngine::replicaReset, this, [this] { requestSource(m_pairing.id); });
    if (Error e = engine->start())
        return e;
    auto s = store::Store::openReader(pairing.replicaPath());
    if (!s)
        return s.error();
    m_store = std::move(s.value());
    m_engine = std::move(engine);
    m_link = std::make_unique<sync::RemoteMasterLink>(m_engine.get());
    connect(m_link.get(), &master::MasterLink::changed, this, &AppSession::changed);
    return {};
}

void AppSession::dismissRefusedCommands()
{
    if (m_engine)
        m_engine->dismissRefused();
}

void AppSession::requestSource(const QString &pairingId)
{
    m_requestedSource = pairingId;
    emit sourceChangeRequested();
}

bool AppSession::isDamage(const Error &error)
{
    return error.code == ErrorCode::Corrupt || error.code == ErrorCode::NotADatabase;
}

Result<QStringList> AppSession::moveDamagedHistoryAside(const QString &dataDir)
{
    const QDir dir(dataDir);
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString db = QStringLiteral("hiscrm.db");
    const QString index = QFileInfo(store::searchIndexPath(dir.filePath(db))).fileName();
    // The log files first and back last: a -wal left behind would be replayed into the new,
    // empty database of the same name.
    QList<std::pair<QString, QString>> moves; // (from, to), relative to dir
    QString suffix = QStringLiteral(".damaged-") + stamp;
    for (int n = 2; dir.exists(db + suffix) || dir.exists(index + suffix); ++n)
        suffix = QStringLiteral(".damaged-%1-%2").arg(stamp).arg(n);
    for (const QString &file : {db, index}) {
        for (const QString &log : {QStringLiteral("-wal"), QStringLiteral("-shm")})
            moves.append({file + log, file + suffix + log});
    }
    moves.append({db, db + suffix});
    moves.append({index, index + suffix});
    moves.append({QStringLiteral("drafts.json"), QStringLiteral("drafts.json") + suffix});

    QList<std::pair<QString, QString>> done;
    for (const auto &[from, to] : std::as_const(moves)) {
        if (!dir.exists(from))
            continue;
        if (!QFile::rename(dir.filePath(from), dir.filePath(to))) {
            for (auto it = done.crbegin(); it != done.crend(); ++it)
                QFile::rename(dir.filePath(it->second), dir.filePath(it->first));
            return Error{ErrorCode::Io, tr("Cannot move %1 aside in the folder %2. Check that no other "
                                           "program uses it and that the folder is writable.")
                                            .arg(from, QDir::toNativeSeparators(dir.absolutePath()))};
        }
        done.append({from, to});
    }
    QStringList moved;
    for (const auto &[from, to] : std::as_const(done))
        moved << dir.filePath(to);
    return moved;
}

void AppSession::startDemo(double itemsPerSecond, qint64 maxItems)
{
    if (!m_master || m_demo)
        return;
    m_demo = true;
    // A backlog on the demo's first start in this data folder only.
    const auto stored = store()->accounts();
    const int backlog =
        maxItems >= 0 || !stored ? 0 : worker::DemoConnector::initialBacklogFor(stored.value(), 400);
    // Queued into the master thread, where the connectors' host lives; nothing waits for it.
    worker::WorkerHost *host = m_master->workers();
    QMetaObject::invokeMethod(
        host,
        [host, itemsPerSecond, maxItems, backlog] {
            host->add([itemsPerSecond, maxItems, backlog] {
                worker::DemoConnector::Options d;
                d.itemsPerSecond = itemsPerSecond;
                d.maxItems = maxItems;
                d.live = true;
                d.initialBacklog = backlog;
                return std::make_unique<worker::DemoConnector>(d);
            });
        },
        Qt::QueuedConnection);
}

void AppSession::enableExternalWorkers(quint16 port, const QString &token, ListenDone done)
{
    if (!m_link) {
        if (done)
            done(Error{ErrorCode::Io, tr("The inbox is not running.")});
        return;
    }
    QPointer<AppSession> self(this);
    m_link->openWorkerPort(port, token, [self, done](const Result<master::WorkerEndpoint> &e) {
        if (!self)
            return;
        if (e) {
            self->m_workerUrl = e->url;
            self->m_workerToken = e->token;
            self->m_workerPort = e->port;
            emit self->workerEndpointChanged();
        }
        if (done)
            done(e ? Result<QString>(e->url) : Result<QString>(e.error()));
    });
}

} // namespace hiscrm::ui
