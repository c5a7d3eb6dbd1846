// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// master/: the hub. Master owns the master database's write connection in its own thread,
// ingests what connectors and external workers send, executes operators' commands (idempotent by
// command id), routes replies to the connector that owns the account, and announces every change.
// WorkerServer (same thread) speaks the worker side of the WebSocket protocol. Depends on store/,
// protocol/, worker/ (for the connector sink and reply types).

#include "common/Error.h"
#include "master/Commands.h"
#include "master/WorkerLimits.h"
#include "protocol/Protocol.h"
#include "store/Store.h"
#include "worker/WorkerHost.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QThread>

#include <functional>
#include <memory>

namespace hiscrm::master {

class WorkerServer;

struct MasterOptions
{
    QString dbPath;
    store::Store::Durability durability = store::Store::Durability::Full;
    // Where external workers connect. Empty: listen on nothing (the desktop's embedded default).
    QString listenAddress;                 // e.g. "127.0.0.1"
    quint16 port = protocol::kDefaultPort; // 0: any free port (tests)
    QString workerToken;                   // required from every worker; generated when empty
    bool allowNonLoopback = false;         // plain ws beyond loopback only when explicitly allowed
    // Serve wss:// with this certificate and key (master/Tls.h); unset: plain ws://. With TLS the
    // master may listen on any address.
    std::optional<QSslConfiguration> tls;
    int heartbeatTimeoutMs = protocol::kHeartbeatTimeoutMs;
    // How long open() waits for the database's integrity check (store::Store::Options): -1, all of
    // it (hiscrm-master: a damaged file is refused at start); the desktop waits a short budget.
    int integrityWaitMs = -1;
    WorkerLimits workerLimits; // what the worker port allows a peer (docs/protocol.md, "Limits")
};

// What changed, announced after every commit that changed something.
struct ChangeNotice
{
    qint64 revision = 0;
    QList<qint64> conversationIds;
    QList<qint64> accountIds;
    QList<qint64> contentIds;
};

// A worker or connector as the status op reports it.
struct WorkerInfo
{
    QString id;
    QString platform;
    QStringList accounts;
    QString kind;  // "connector" (in-process) or "external" (WebSocket)
    QString state; // running, backoff, failed, stopped, connected
    qint64 lastSeenMs = 0;
    qint64 lastSyncMs = 0;
    quint64 batches = 0;
    quint64 messages = 0;
    quint64 errors = 0;
    QString lastError;
};

// Where external workers connect and what they present.
struct WorkerEndpoint
{
    QString url; // ws://address:port/
    QString token;
    quint16 port = 0;
};

class Master final : public QObject, public worker::ConnectorSink
{
    Q_OBJECT

public:
    explicit Master(MasterOptions options, QObject *parent = nullptr);
    ~Master() override;

    // ---- master thread only ---------------------------------------------------------------------
    Error open(); // opens the store, starts listening when asked
    void close();
    store::Store *store() const { return m_store.get(); }
    const MasterOptions &options() const { return m_opt; }
    quint16 listeningPort() const; // 0 when not listening
    // Starts serving external workers (no-op when already listening). Loopback only unless the
    // options allow more.
    Error listen(const QString &address, quint16 port);
    QString workerUrl() const; // ws://address:port/, empty when not listening
    QString workerToken() const { return m_opt.workerToken; }
    // Replaces the token workers present from now on (the desktop keeps one across restarts, so a
    // worker set up once keeps working). Connected workers stay connected. Ignores an empty token.
    void setWorkerToken(const QString &token);
    // The desktop's "connect your own crawler": listens on loopback at `port`, or at any free port
    // when another program holds it (the endpoint says which), with `token` (empty: the one in
    // use). Already listening, the address stays and a token given replaces the one in use.
    Result<WorkerEndpoint> openWorkerPort(quint16 port, const QString &token);

    // Every client operation (docs/protocol.md, "Commands"): op + args -> result object.
    // A command id already executed returns the recorded result without a second effect. Read-only
    // ops (search, user_profile, unread_summary, status, ...) may pass an empty id.
    Result<QJsonObject> execute(const QString &commandId, const QString &op, const QJsonObject &args);
    // The same for a paired device: its role and scope are checked first (checkCaller), and its
    // command ids are its own (another device's id never answers for it).
    Result<QJsonObject> executeAs(const Caller &caller, const QString &commandId, const QString &op,
                                  QJsonObject args);
    // Connected devices for status (set by the client side of the port).
    void setDeviceLister(std::function<QJsonArray()> lister) { m_deviceLister = std::move(lister); }

    // Commits a batch as it is, unchecked: for what the master itself trusts (tests seeding a
    // database). What connectors and workers send goes through ingestFrom. `source` names the
    // batch's origin in logs.
    Result<store::IngestResult> ingest(const QString &source, const model::Batch &batch);
    // Several batches in one transaction (store::Store::ingestAll): a result per batch, in order.
    std::vector<Result<store::IngestResult>> ingestAll(const QString &source,
                                                       const QList<const model::Batch *> &batches);
    // The store's damage (store::Store::damage()): from then on every batch and every command but
    // status is refused with it. None while the database is not known to be damaged.
    Error damage() const;

    // ---- sources: connectors (in-process) and external workers (WorkerServer) -------------------
    // One ownership policy for both. A source speaks through its route, and only for the platform
    // and the accounts the route serves: a batch naming another platform or another account, the
    // login state of an account not its own, the result of a reply not routed to it are refused
    // (InvalidArgument; NotFound for a reply that does not exist) and change nothing.
    static QString connectorRoute(const QString &connectorId); // "connector:<id>"
    static QString workerRoute(const QString &workerId);       // "ws:<worker_id>"
    Result<store::IngestResult> ingestFrom(const QString &routeId, const model::Batch &batch);
    // Batches a source sent one after another, committed together (one fsync): each checked and
    // answered on its own, as ingestFrom would; a result per batch, in order.
    std::vector<Result<store::IngestResult>> ingestFrom(const QString &routeId,
                                                        const QList<const model::Batch *> &batches);
    // An account's login state. An account the store does not hold yet is created, so that one
    // waiting for a login (a QR code to scan) shows before it has synced anything.
    Error accountStatusFrom(const QString &routeId, const QString &accountId, model::LoginState state,
                            const QString &error);
    // Settles a reply: sent (with the platform's id) or failed (with the reason). A result the
    // store cannot apply is logged; the source is not told.
    Error replyResultFrom(const QString &routeId, const worker::ReplyResult &result);

    // Replies go out through routes: one per connector or worker session, for the accounts it serves.
    using ReplySender = std::function<void(const worker::ReplyRequest &)>;
    // An external worker registered (or registered again) for these accounts: adds its route, which
    // at once sends it the replies that waited for them, and lists it in status as connected. Its
    // counters carry on across a new connection that takes over while it is connected.
    void workerRegistered(const QString &workerId, const QString &platform, const QStringList &accounts,
                          ReplySender send);
    // Its connection is gone: removes its route, marks its accounts unknown with the reason
    // (setAccountsOffline), and lists it as disconnected for WorkerLimits::keepDisconnectedMs; only
    // the newest maxDisconnectedWorkers are kept.
    void workerDisconnected(const QString &workerId, const QString &why);
    // A frame of the worker refused before it reached the master (a batch that does not parse):
    // counted in its status like a refused batch.
    void workerError(const QString &workerId, const QString &message);

    void setConnectorHost(worker::WorkerHost *host) { m_host = host; }

    // Forgets workers disconnected for too long first. withCounts: rows per table (O(rows)).
    QJsonObject status(bool withCounts = true);

    // worker::ConnectorSink (called in this thread by WorkerHost)
    QString ingestFromConnector(const QString &connectorId, const model::Batch &batch) override;
    void accountStatusFromConnector(const QString &connectorId, const QString &platform,
                                    const QString &accountId, model::LoginState state,
                                    const QString &error) override;
    void replyResultFromConnector(const QString &connectorId, const worker::ReplyResult &result) override;
    void connectorOnline(const QString &connectorId, const QString &platform,
                         const QStringList &accounts) override;
    void connectorOffline(const QString &connectorId) override;

signals:
    void changed(const hiscrm::master::ChangeNotice &notice);
    // Once, when the database is found damaged while the master runs (the background part of the
    // start-up check, or a statement that met damage): it has stopped writing to it.
    void storeDamaged(const QString &message);
    void workersChanged();
    // The outcome of a command or other call a LocalMasterLink sent (requester identifies the link).
    void commandExecuted(quintptr requester, quint64 token, const QJsonObject &result, int errorCode,
                         const QString &errorMessage);

private:
    friend class CommandCall; // the command handlers (master/Commands.cpp) announce and route replies
    struct Route
    {
        QString source; // the connector's or the worker's id, for logs and status
        bool external = false;
        QString platform;
        QStringList accounts; // in the order given, for dispatching
        QSet<QString> accountSet;
        ReplySender send;
        QString whose() const; // "this worker registered", "connector <id> serves"
    };
    Result<QJsonObject> dispatch(const QString &commandId, const QString &op, const QJsonObject &args);
    void announce(const ChangeNotice &notice);
    void onStoreDamaged(const QString &message);
    void addRoute(const QString &routeId, Route route);
    void dispatchPendingReplies(const QString &platform, const QStringList &accounts);
    bool routeReply(qint64 itemId);
    Error checkBatch(const Route &route, const model::Batch &batch) const;
    Error checkReply(const Route &route, qint64 itemId) const;
    void applyReplyResult(const QString &source, const worker::ReplyResult &result);
    void setAccountStatus(const QString &source, const QString &platform, const QString &accountId,
                          model::LoginState state, const QString &error);
    // Marks these accounts unknown (their worker or connector is gone), in one transaction, and only
    // those the store holds: a worker that merely named accounts leaves no rows behind.
    void setAccountsOffline(const QString &source, const QString &platform, const QStringList &accounts,
                            const QString &error);
    std::optional<Route> routeOf(const QString &routeId, Error *error) const;
    // The status entry of an external worker's route (null for connectors: WorkerHost counts those).
    WorkerInfo *workerOf(const Route &route);
    void publishWorker(WorkerInfo &info);
    void forgetOldWorkers();

    MasterOptions m_opt;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<WorkerServer> m_server;
    worker::WorkerHost *m_host = nullptr;
    QHash<QString, Route> m_routes;
    QHash<QString, WorkerInfo> m_workers; // external workers
    QElapsedTimer m_uptime;
    // Ingest rate over the last seconds: (time ms, items) samples.
    QList<std::pair<qint64, qint64>> m_rate;
    quint64 m_batches = 0;
    quint64 m_items = 0;
    bool m_damageAnnounced = false;
    std::function<QJsonArray()> m_deviceLister;
};

// Runs a Master in a thread of its own and, optionally, a WorkerHost whose connectors feed it.
// Destroying it stops the connectors, closes the master and joins the thread.
class MasterThread final
{
public:
    explicit MasterThread(MasterOptions options);
    ~MasterThread();
    Q_DISABLE_COPY_MOVE(MasterThread)

    Error start();                              // blocks until the master is open (or failed to open)
    Master *master() const { return m_master; } // lives in thread(): call it through MasterLink or runSync
    QThread *thread() const { return m_thread.get(); }
    worker::WorkerHost *workers() const { return m_host; } // lives in thread() too

    // Runs fn in the master thread and waits for it.
    void runSync(const std::function<void()> &fn) const;

private:
    MasterOptions m_opt;
    std::unique_ptr<QThread> m_thread;
    QObject *m_context = nullptr; // lives in m_thread: the target of runSync
    Master *m_master = nullptr;
    worker::WorkerHost *m_host = nullptr;
};

} // namespace hiscrm::master

Q_DECLARE_METATYPE(hiscrm::master::ChangeNotice)
