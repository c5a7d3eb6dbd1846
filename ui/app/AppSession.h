// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// ui/: the desktop's widgets, models and dialogs. Depends on core (hiscrm_core) and Qt Widgets.
// AppSession is the desktop's handle on the embedded master: it runs the master in its own
// thread on the user's data folder, opens the UI thread's read-only connection to the same
// database, which the UI reads through a StoreReader (it cannot write), and hands out the
// MasterLink through which every action is sent.

#include "common/Error.h"
#include "master/MasterLink.h"
#include "store/StoreReader.h"
#include "sync/SyncEngine.h"
#include "ui/app/TeamPairings.h"
#include "worker/WorkerHost.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace hiscrm::store {
class Store;
}

namespace hiscrm::ui {

class AppSession final : public QObject
{
    Q_OBJECT

public:
    explicit AppSession(QObject *parent = nullptr);
    ~AppSession() override;

    // The data folder: QStandardPaths::AppDataLocation unless given.
    static QString defaultDataDir();
    // Opens the history. A damaged one (isDamage()) is refused when the integrity check finds it
    // within kIntegrityWaitMs; on a bigger history the check goes on beside the window, and
    // historyDamaged() tells when it finds damage.
    Error start(const QString &dataDir);
    // How long start() waits for the integrity check of the history before it lets the window
    // come: the desktop's first window at 1M messages must stay well within 1 s, and the whole
    // check takes about 0.4 s there. A history of up to about 250,000 messages is checked within
    // this time on the reference machine; the check of a bigger one ends beside the window.
    static constexpr int kIntegrityWaitMs = 100;
    bool isRunning() const { return bool(m_master) || bool(m_engine); }

    // ---- team mode ----------------------------------------------------------------------------
    // Shows the inbox of a paired team master instead of the local one: its SyncEngine keeps the
    // replica in the pairing's folder, the UI reads the replica, commands go to the master. The
    // demo and external workers belong to a local master and are not offered.
    Error startRemote(const QString &dataDir, const TeamPairing &pairing);
    bool isRemote() const { return bool(m_engine); }
    const TeamPairing &pairing() const { return m_pairing; }
    sync::SyncEngine::State syncState() const { return m_syncState; }
    QString syncDetail() const { return m_syncDetail; }
    qint64 syncCursor() const { return m_syncCursor; }
    qint64 masterRevision() const { return m_masterRevision; }
    QDateTime offlineSince() const { return m_offlineSince; }
    // The replica's outbox: the operator's commands on their way to the master, and those it
    // refused (store::OutboxEntry; syncStateChanged() tells when these change).
    int outboxWaiting() const { return m_outboxWaiting; }
    int outboxRefused() const { return m_outboxRefused; }
    // The operator has seen the refused commands: they leave the outbox.
    void dismissRefusedCommands();
    // What the window's "Inbox source" asks for next: the event loop ends and main() starts a new
    // session on it (a pairing id; empty: the local inbox).
    void requestSource(const QString &pairingId);
    std::optional<QString> requestedSource() const { return m_requestedSource; }
    // "Disconnect": main() deletes the pairing's folder (token and replica) once this session,
    // which has them open, is gone.
    void forgetPairingWhenDone() { m_forgetPairing = true; }
    bool forgetPairing() const { return m_forgetPairing; }

    QString dataDir() const { return m_dataDir; }
    // The history the window reads: the local master's database, or the team master's replica.
    QString databasePath() const;
    // The UI thread's read-only connection: queries only, no ingest or command (those go through
    // link()).
    const store::StoreReader *store() const;
    master::MasterLink *link() const { return m_link.get(); }
    // The master's own thread, for tests that act on the master directly; the window reaches the
    // master only through link() and never waits for it.
    master::MasterThread *masterThread() const { return m_master.get(); }

    // The demo connector: a simulated platform that fills the inbox.
    // maxItems >= 0 stops it after that many items (tests).
    void startDemo(double itemsPerSecond, qint64 maxItems = -1);
    // At demoRate(): what the window's "Start the demo" uses, so --demo-rate holds there too.
    void startDemo() { startDemo(m_demoRate); }
    static constexpr double kDefaultDemoRate = 2.0; // items per second
    void setDemoRate(double itemsPerSecond) { m_demoRate = itemsPerSecond; }
    double demoRate() const { return m_demoRate; }
    bool demoRunning() const { return m_demo; }
    // Lets external workers connect on loopback at this port, with this token (empty: the
    // master's own). When the port is taken, any free port is used instead: the URL says which.
    // Nothing waits for the master: `done` gets the URL (or why not) later, in this thread, and
    // workerEndpointChanged() tells that workerUrl() and workerToken() changed.
    using ListenDone = std::function<void(const Result<QString> &url)>;
    void enableExternalWorkers(quint16 port = 0, const QString &token = QString(), ListenDone done = {});
    // Where workers connect and the token they present; empty while not listening.
    QString workerUrl() const { return m_workerUrl; }
    QString workerToken() const { return m_workerToken; }
    quint16 workerPort() const { return m_workerPort; }

    QList<worker::ConnectorStatus> connectors() const { return m_connectors; }

    // The error says the history cannot be used because its file is damaged (or not a database
    // any more): what moveDamagedHistoryAside() is for.
    static bool isDamage(const Error &error);
    // With no session running on dataDir: renames the history (hiscrm.db and its -wal and -shm
    // files), its search index and the drafts, which name its chats, to
    // "<name>.damaged-<yyyyMMdd-HHmmss>" (the log files keep SQLite's "-wal"/"-shm" after the new
    // name, so the copy opens as it was), so the next start() begins an empty history. All or
    // nothing; returns the new paths.
    static Result<QStringList> moveDamagedHistoryAside(const QString &dataDir);

signals:
    void changed(const hiscrm::master::ChangeNotice &notice);
    void connectorsChanged();
    // Once: the master found the history damaged after start() (the rest of the integrity check,
    // or a statement that met damage) and writes nothing more to it.
    void historyDamaged(const QString &message);
    void workerEndpointChanged();
    // Team mode: the connection's state, and the catch-up's progress.
    void syncStateChanged();
    // requestSource() was called (or the replica was rebuilt): main() ends this session and
    // starts the requested one.
    void sourceChangeRequested();

private:
    QString m_dataDir;
    std::unique_ptr<master::MasterThread> m_master;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<master::MasterLink> m_link;
    std::unique_ptr<sync::SyncEngine> m_engine;
    TeamPairing m_pairing;
    sync::SyncEngine::State m_syncState = sync::SyncEngine::State::Stopped;
    QString m_syncDetail;
    qint64 m_syncCursor = 0;
    qint64 m_masterRevision = 0;
    QDateTime m_offlineSince;
    int m_outboxWaiting = 0;
    int m_outboxRefused = 0;
    std::optional<QString> m_requestedSource;
    bool m_forgetPairing = false;
    QList<worker::ConnectorStatus> m_connectors;
    bool m_demo = false;
    // Cached when the master says it listens, so status updates never ask the master's thread.
    QString m_workerUrl;
    QString m_workerToken;
    quint16 m_workerPort = 0;
    double m_demoRate = kDefaultDemoRate;
    bool m_damageReported = false;
};

} // namespace hiscrm::ui
