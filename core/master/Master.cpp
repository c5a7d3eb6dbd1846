// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/Master.h"

#include "common/Clock.h"
#include "common/Log.h"
#include "master/Commands.h"
#include "master/WorkerServer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMaster, "hiscrm.master", QtInfoMsg)

namespace hiscrm::master {

using namespace model;

Master::Master(MasterOptions options, QObject *parent)
    : QObject(parent)
    , m_opt(std::move(options))
{
    qRegisterMetaType<hiscrm::master::ChangeNotice>();
    if (m_opt.workerToken.isEmpty()) {
        // 128 random bits, printable: what a worker must present to connect.
        QByteArray raw(16, Qt::Uninitialized);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 4);
        m_opt.workerToken = QString::fromLatin1(raw.toHex());
    }
}

Master::~Master()
{
    close();
}

Error Master::open()
{
    m_uptime.start();
    store::Store::Options o;
    o.durability = m_opt.durability;
    o.integrityWaitMs = m_opt.integrityWaitMs;
    auto s = store::Store::open(m_opt.dbPath, o);
    if (!s)
        return s.error();
    m_store = std::move(s.value());
    // Damage found later (the rest of the start-up check, a statement here, the indexer, another
    // Store of the file) is told from whichever thread found it; announce it from ours. The
    // store removes the listener before it closes, so no call outlives this object.
    m_store->setDamageListener([this](const Error &e) {
        QMetaObject::invokeMethod(
            this, [this, message = e.message] { onStoreDamaged(message); }, Qt::QueuedConnection);
    });
    if (!m_opt.listenAddress.isEmpty()) {
        if (Error e = listen(m_opt.listenAddress, m_opt.port))
            return e;
    }
    // Keep the command journal from growing without bound: a client retries within minutes.
    auto *prune = new QTimer(this);
    prune->setInterval(3600 * 1000);
    connect(prune, &QTimer::timeout, this, [this] {
        if (m_store)
            m_store->pruneCommandLog(nowMs() - 7LL * 24 * 3600 * 1000);
    });
    prune->start();
    return {};
}

Error Master::listen(const QString &addressText, quint16 port)
{
    if (m_server)
        return {};
    QHostAddress address;
    if (addressText == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(addressText))
        return Error{ErrorCode::InvalidArgument,
                     Master::tr("“%1” is not an IP address to listen on.").arg(addressText)};
    auto server = std::make_unique<WorkerServer>(this);
    if (Error e = server->listen(address, port, m_opt.allowNonLoopback))
        return e;
    m_server = std::move(server);
    m_opt.listenAddress = addressText;
    qCInfo(lcMaster) << "workers connect to" << workerUrl();
    return {};
}

void Master::setWorkerToken(const QString &token)
{
    if (!token.isEmpty())
        m_opt.workerToken = token;
}

Result<WorkerEndpoint> Master::openWorkerPort(quint16 port, const QString &token)
{
    setWorkerToken(token);
    const QString loopback = QStringLiteral("127.0.0.1");
    Error e = listen(loopback, port);
    if (e && port != 0) // taken by another program: any free port beats none
        e = listen(loopback, 0);
    if (e)
        return e;
    return WorkerEndpoint{workerUrl(), workerToken(), listeningPort()};
}

QString Master::workerUrl() const
{
    return m_server ? QStringLiteral("%1://%2:%3/")
                          .arg(m_opt.tls ? QStringLiteral("wss") : QStringLiteral("ws"), m_opt.listenAddress)
                          .arg(m_server->port())
                    : QString();
}

Error Master::damage() const
{
    return m_store ? m_store->damage() : Error{};
}

void Master::onStoreDamaged(const QString &message)
{
    if (m_damageAnnounced)
        return;
    m_damageAnnounced = true;
    // The store logged the damage itself; this says what the master does about it.
    qCCritical(lcMaster) << "the master refuses every batch and command from now on; stop it, then restore "
                            "the database from a backup or move it aside";
    emit storeDamaged(message);
}

void Master::close()
{
    m_server.reset();
    m_routes.clear();
    m_store.reset();
}

quint16 Master::listeningPort() const
{
    return m_server ? m_server->port() : 0;
}

void Master::announce(const ChangeNotice &notice)
{
    emit changed(notice);
}

Result<store::IngestResult> Master::ingest(const QString &source, const Batch &batch)
{
    return ingestAll(source, QList<const Batch *>{&batch}).front();
}

std::vector<Result<store::IngestResult>> Master::ingestAll(const QString &source,
                                                           const QList<const Batch *> &batches)
{
    if (!m_store)
        return std::vector<Result<store::IngestResult>>(
            size_t(batches.size()), Error{ErrorCode::Io, Master::tr("The master is not running.")});
    std::vector<Result<store::IngestResult>> results = m_store->ingestAll(batches);
    // One notice for the commit: its devices' pushes go out in one round, not one per batch.
    ChangeNotice notice;
    int changedBatches = 0;
    bool damaged = false;
    for (qsizetype i = 0; i < batches.size(); ++i) {
        const Result<store::IngestResult> &r = results[size_t(i)];
        if (!r) {
            if (r.error().code != ErrorCode::Corrupt)
                qCWarning(lcMaster) << "batch from" << source << "rejected:" << r.error().message;
            else if (!damaged) // logged once, not once per batch
                onStoreDamaged(r.error().message);
            damaged = damaged || r.error().code == ErrorCode::Corrupt;
            continue;
        }
        const qint64 items = batches[i]->messages.size() + batches[i]->comments.size();
        ++m_batches;
        m_items += items;
        m_rate.append({nowMs(), items});
        if (r->inserted + r->updated > 0) {
            ++changedBatches;
            notice.revision = r->revision;
            notice.conversationIds += r->conversationIds;
            notice.accountIds += r->accountIds;
            notice.contentIds += r->contentIds;
        }
    }
    if (changedBatches > 1) { // each id once
        for (QList<qint64> *ids : {&notice.conversationIds, &notice.accountIds, &notice.contentIds}) {
            std::sort(ids->begin(), ids->end());
            ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
        }
    }
    if (changedBatches > 0)
        announce(notice);
    while (!m_rate.isEmpty() && m_rate.first().first < nowMs() - 10000)
        m_rate.removeFirst();
    // Outgoing messages the connector saw may be our replies: routes are unaffected.
    return results;
}

QString Master::connectorRoute(const QString &connectorId)
{
    return QStringLiteral("connector:") + connectorId;
}

QString Master::workerRoute(const QString &workerId)
{
    return QStringLiteral("ws:") + workerId;
}

void Master::addRoute(const QString &routeId, Route route)
{
    const QString platform = route.platform;
    const QStringList accounts = route.accounts;
    route.accountSet = QSet<QString>(accounts.cbegin(), accounts.cend());
    m_routes.insert(routeId, std::move(route));
    dispatchPendingReplies(platform, accounts);
}

std::optional<Master::Route> Master::routeOf(const QString &routeId, Error *error) const
{
    // A copy: what the caller does next may announce changes, and a slot may change the routes.
    const auto it = m_routes.constFind(routeId);
    if (it != m_routes.cend())
        return *it;
    *error = {ErrorCode::Conflict, QStringLiteral("%1 serves no accounts now.").arg(routeId)};
    return std::nullopt;
}

// What the route may speak for. Messages are English, for the developer of the worker or
// connector (docs/protocol.md, "Errors").
QString Master::Route::whose() const
{
    return external ? QStringLiteral("this worker registered")
                    : QStringLiteral("connector %1 serves").arg(source);
}

Error Master::checkBatch(const Route &route, const Batch &batch) const
{
    const QString who = route.whose();
    if (batch.platform != route.platform)
        return {ErrorCode::InvalidArgument, QStringLiteral("The batch is for platform %1, but %2 %3.")
                                                .arg(batch.platform, who, route.platform)};
    QString refusal;
    auto check = [&](const QString &account, const char *list, qsizetype i, const char *field) {
        if (refusal.isEmpty() && !route.accountSet.contains(account))
            refusal = QStringLiteral("%1[%2].%3 \"%4\" is not among the accounts %5.")
                          .arg(QLatin1String(list))
                          .arg(i)
                          .arg(QLatin1String(field), account, who);
    };
    for (qsizetype i = 0; i < batch.accounts.size(); ++i)
        check(batch.accounts[i].platformId, "accounts", i, "platform_id");
    for (qsizetype i = 0; i < batch.contents.size(); ++i)
        check(batch.contents[i].accountId, "contents", i, "account_id");
    for (qsizetype i = 0; i < batch.conversations.size(); ++i)
        check(batch.conversations[i].accountId, "conversations", i, "account_id");
    for (qsizetype i = 0; i < batch.messages.size(); ++i)
        check(batch.messages[i].accountId, "messages", i, "account_id");
    for (qsizetype i = 0; i < batch.comments.size(); ++i)
        check(batch.comments[i].accountId, "comments", i, "account_id");
    if (!refusal.isEmpty())
        return {ErrorCode::InvalidArgument, refusal};
    return {};
}

// Only the replies of its own accounts: a source must not settle another one's replies.
Error Master::checkReply(const Route &route, qint64 itemId) const
{
    const auto item = m_store->item(itemId);
    const auto account = item && item.value() ? m_store->account(item.value()->accountId)
                                              : Result<std::optional<Account>>(std::nullopt);
    if (!item || !account)
        return {ErrorCode::Internal, (!item ? item.error() : account.error()).message};
    if (!item.value() || item.value()->clientRef.isEmpty())
        return {ErrorCode::NotFound, QStringLiteral("There is no reply %1.").arg(itemId)};
    if (!account.value() || account.value()->platform != route.platform ||
        !route.accountSet.contains(account.value()->platformId))
        return {ErrorCode::InvalidArgument,
                QStringLiteral("Reply %1 belongs to an account %2.")
                    .arg(itemId)
                    .arg(route.external ? QStringLiteral("this worker did not register")
                                        : QStringLiteral("connector %1 does not serve").arg(route.source))};
    return {};
}

WorkerInfo *Master::workerOf(const Route &route)
{
    if (!route.external)
        return nullptr;
    const auto it = m_workers.find(route.source);
    return it == m_workers.end() ? nullptr : &*it;
}

Result<store::IngestResult> Master::ingestFrom(const QString &routeId, const Batch &batch)
{
    return ingestFrom(routeId, QList<const Batch *>{&batch}).front();
}

std::vector<Result<store::IngestResult>> Master::ingestFrom(const QString &routeId,
                                                            const QList<const Batch *> &batches)
{
    Error e;
    const std::optional<Route> route = routeOf(routeId, &e);
    if (!route)
        return std::vector<Result<store::IngestResult>>(size_t(batches.size()), e);
    // The batches the route may send go into one transaction; the others are refused on their own.
    std::vector<Result<store::IngestResult>> results;
    results.reserve(size_t(batches.size()));
    QList<const Batch *> allowed;
    for (const Batch *b : batches) {
        e = checkBatch(*route, *b);
        results.push_back(e ? Result<store::IngestResult>(e)
                            : Result<store::IngestResult>(store::IngestResult{}));
        if (!e)
            allowed << b;
    }
    if (!allowed.isEmpty()) {
        std::vector<Result<store::IngestResult>> ingested = ingestAll(route->source, allowed);
        auto next = ingested.begin();
        for (Result<store::IngestResult> &r : results) {
            if (r)
                r = std::move(*next++);
        }
    }
    if (WorkerInfo *worker = workerOf(*route)) {
        for (qsizetype i = 0; i < batches.size(); ++i) {
            const Result<store::IngestResult> &r = results[size_t(i)];
            if (r) {
                ++worker->batches;
                worker->messages += quint64(batches[i]->messages.size() + batches[i]->comments.size());
                worker->lastSyncMs = nowMs();
            } else {
                ++worker->errors;
                worker->lastError = r.error().message;
            }
        }
        publishWorker(*worker);
    }
    return results;
}

Error Master::accountStatusFrom(const QString &routeId, const QString &accountId, LoginState state,
                                const QString &error)
{
    Error e;
    const std::optional<Route> route = routeOf(routeId, &e);
    if (!route)
        return e;
    if (!route->accountSet.contains(accountId))
        return {
            ErrorCode::InvalidArgument,
            QStringLiteral("Account \"%1\" is not among the accounts %2.").arg(accountId, route->whose())};
    setAccountStatus(route->source, route->platform, accountId, state, error);
    return {};
}

Error Master::replyResultFrom(const QString &routeId, const worker::ReplyResult &result)
{
    Error e;
    const std::optional<Route> route = routeOf(routeId, &e);
    if (!route)
        return e;
    if (!m_store)
        return {ErrorCode::Io, Master::tr("The master is not running.")};
    if (Error refused = checkReply(*route, result.itemId))
        return refused;
    if (WorkerInfo *worker = workerOf(*route); worker && !result.sent) {
        ++worker->errors;
        worker->lastError = result.error;
        publishWorker(*worker);
    }
    applyReplyResult(route->source, result);
    return {};
}

void Master::workerRegistered(const QString &workerId, const QString &platform, const QStringList &accounts,
                              ReplySender send)
{
    WorkerInfo &info = m_workers[workerId];
    if (info.state != u"connected")
        info = WorkerInfo(); // counted from this connection on
    info.id = workerId;
    info.kind = QStringLiteral("external");
    info.state = QStringLiteral("connected");
    info.platform = platform;
    info.accounts = accounts;
    addRoute(workerRoute(workerId), Route{workerId, true, platform, accounts, {}, std::move(send)});
    publishWorker(m_workers[workerId]); // addRoute may have sent replies; the entry is still there
}

void Master::workerDisconnected(const QString &workerId, const QString &why)
{
    const auto route = m_routes.constFind(workerRoute(workerId));
    if (route != m_routes.cend()) {
        const Route gone = *route;
        m_routes.erase(route);
        // Nobody watches these accounts any more; say so rather than leave them looking online.
        setAccountsOffline(workerId, gone.platform, gone.accounts, why);
    }
    const auto it = m_workers.find(workerId);
    if (it == m_workers.end())
        return;
    it->state = QStringLiteral("disconnected");
    it->lastError = why;
    publishWorker(*it);
}

void Master::workerError(const QString &workerId, const QString &message)
{
    const auto it = m_workers.find(workerId);
    if (it == m_workers.end())
        return;
    ++it->errors;
    it->lastError = message;
    publishWorker(*it);
}

bool Master::routeReply(qint64 itemId)
{
    auto item = m_store->item(itemId);
    if (!item || !item.value() || item.value()->delivery != Delivery::Pending)
        return false;
    const Item &it = *item.value();
    auto account = m_store->account(it.accountId);
    if (!account || !account.value())
        return false;
    worker::ReplyRequest req;
    req.itemId = it.id;
    req.commandId = it.clientRef;
    req.platform = account.value()->platform;
    req.accountId = account.value()->platformId;
    req.kind = it.kind;
    req.text = it.text;
    if (it.kind == ItemKind::Message) {
        auto c = m_store->conversation(it.threadId);
        if (!c || !c.value())
            return false;
        req.threadId = c.value()->platformId;
    } else {
        auto c = m_store->content(it.threadId);
        if (!c || !c.value())
            return false;
        req.threadId = c.value()->platformId;
        if (it.parentId) {
            auto p = m_store->item(it.parentId);
            if (p && p.value())
                req.parentId = p.value()->platformId;
        }
    }
    for (auto r = m_routes.cbegin(); r != m_routes.cend(); ++r) {
        if (r->platform == req.platform && r->accounts.contains(req.accountId)) {
            qCDebug(lcMaster) << "reply" << itemId << "goes out through" << r.key();
            r->send(req);
            return true;
        }
    }
    qCInfo(lcMaster) << "reply" << itemId << "waits: no connector serves" << req.platform << req.accountId;
    return false;
}

void Master::dispatchPendingReplies(const QString &platform, const QStringList &accounts)
{
    if (!m_store)
        return;
    for (const QString &pid : accounts) {
        auto a = m_store->accountByPlatformId(platform, pid);
        if (!a || !a.value())
            continue;
        auto pending = m_store->pendingReplies(a.value()->id);
        if (!pending)
            continue;
        for (const Item &it : *pending)
            routeReply(it.id);
    }
}

void Master::applyReplyResult(const QString &source, const worker::ReplyResult &result)
{
    if (!m_store)
        return;
    auto r = m_store->setReplyResult(result.itemId, result.sent ? Delivery::Sent : Delivery::Failed,
                                     result.platformId, result.sent ? QString() : result.error);
    if (!r) {
        if (r.error().code == ErrorCode::Corrupt)
            onStoreDamaged(r.error().message);
        else
            qCWarning(lcMaster) << "reply result from" << source << "for item" << result.itemId
                                << "not applied:" << r.error().message;
        return;
    }
    if (r->changed)
        announce({r->revision, r->conversationIds, {}, r->contentIds});
}

void Master::setAccountStatus(const QString &source, const QString &platform, const QString &accountId,
                              LoginState state, const QString &error)
{
    if (!m_store)
        return;
    auto a = m_store->accountByPlatformId(platform, accountId);
    if (a && !a.value()) {
        // First word of an account we have no data of yet: create it so its state can show.
        Batch b;
        b.platform = platform;
        b.accounts.append(AccountRecord{accountId, QString(), QString()});
        if (!ingest(source, b))
            return;
        a = m_store->accountByPlatformId(platform, accountId);
    }
    if (!a || !a.value())
        return;
    const qint64 lastSync = state == LoginState::LoggedIn ? nowMs() : 0;
    auto r = m_store->setAccountStatus(a.value()->id, state, error, lastSync);
    if (r && r->changed)
        announce({r->revision, {}, {a.value()->id}, {}});
}

void Master::setAccountsOffline(const QString &source, const QString &platform, const QStringList &accounts,
                                const QString &error)
{
    if (!m_store || accounts.isEmpty())
        return;
    auto r = m_store->setAccountsStatus(platform, accounts, LoginState::Unknown, error);
    if (!r) {
        qCWarning(lcMaster) << "accounts of" << source << "not marked offline:" << r.error().message;
        return;
    }
    if (!r->accountIds.isEmpty())
        announce({r->revision, {}, r->accountIds, {}});
}

void Master::publishWorker(WorkerInfo &info)
{
    info.lastSeenMs = nowMs();
    forgetOldWorkers();
    emit workersChanged();
}

void Master::forgetOldWorkers()
{
    // Workers come and go under new ids (a crawler per browser profile, per run, ...): without
    // this, every worker ever connected would stay in status, with its accounts, for good.
    const WorkerLimits &limits = m_opt.workerLimits;
    const qint64 before = nowMs() - limits.keepDisconnectedMs;
    QList<std::pair<qint64, QString>> disconnected;
    bool forgot = false;
    for (auto it = m_workers.begin(); it != m_workers.end();) {
        if (it->state != u"disconnected") {
            ++it;
        } else if (it->lastSeenMs < before) {
            it = m_workers.erase(it);
            forgot = true;
        } else {
            disconnected.append({it->lastSeenMs, it.key()});
            ++it;
        }
    }
    if (disconnected.size() > limits.maxDisconnectedWorkers) {
        std::sort(disconnected.begin(), disconnected.end());
        for (qsizetype i = 0; i < disconnected.size() - limits.maxDisconnectedWorkers; ++i)
            m_workers.remove(disconnected.at(i).second);
        forgot = true;
    }
    if (forgot)
        emit workersChanged();
}

QString Master::ingestFromConnector(const QString &connectorId, const Batch &batch)
{
    auto r = ingestFrom(connectorRoute(connectorId), batch);
    return r ? QString() : r.error().message;
}

void Master::accountStatusFromConnector(const QString &connectorId, const QString &platform,
                                        const QString &accountId, LoginState state, const QString &error)
{
    Q_UNUSED(platform); // the route's: a connector serves one platform
    if (Error e = accountStatusFrom(connectorRoute(connectorId), accountId, state, error))
        qCWarning(lcMaster) << "login state from" << connectorId << "refused:" << e.message;
}

void Master::replyResultFromConnector(const QString &connectorId, const worker::ReplyResult &result)
{
    if (Error e = replyResultFrom(connectorRoute(connectorId), result))
        qCWarning(lcMaster) << "reply result from" << connectorId << "refused:" << e.message;
}

void Master::connectorOnline(const QString &connectorId, const QString &platform, const QStringList &accounts)
{
    QPointer<worker::WorkerHost> host = m_host;
    addRoute(
        connectorRoute(connectorId),
        Route{
            connectorId, false, platform, accounts, {}, [host, connectorId](const worker::ReplyRequest &req) {
                if (host)
                    host->sendReply(connectorId, req);
            }});
}

void Master::connectorOffline(const QString &connectorId)
{
    const auto it = m_routes.constFind(connectorRoute(connectorId));
    if (it == m_routes.cend())
        return;
    const Route route = *it;
    m_routes.erase(it);
    setAccountsOffline(connectorId, route.platform, route.accounts,
                       Master::tr("The connector %1 stopped; it is being restarted.").arg(connectorId));
}

QJsonObject Master::status(bool withCounts)
{
    forgetOldWorkers();
    QJsonObject o;
    if (m_store && withCounts) {
        if (auto c = m_store->counts())
            o.insert(QStringLiteral("counts"), *c);
    }
    QJsonArray workers;
    if (m_host) {
        for (const worker::ConnectorStatus &s : m_host->status()) {
            workers.append(QJsonObject{{QStringLiteral("id"), s.id},
                                       {QStringLiteral("kind"), QStringLiteral("connector")},
                                       {QStringLiteral("platform"), s.platform},
                                       {QStringLiteral("accounts"), QJsonArray::fromStringList(s.accounts)},
                                       {QStringLiteral("state"), worker::toString(s.state)},
                                       {QStringLiteral("logged_in"), s.loggedIn},
                                       {QStringLiteral("last_sync_at"), s.lastSyncMs},
                                       {QStringLiteral("batches"), qint64(s.batches)},
                                       {QStringLiteral("messages"), qint64(s.messages)},
                                       {QStringLiteral("errors"), qint64(s.errors)},
                                       {QStringLiteral("restarts"), s.restarts},
                                       {QStringLiteral("last_error"), s.lastError}});
        }
    }
    for (const WorkerInfo &w : m_workers) {
        workers.append(QJsonObject{{QStringLiteral("id"), w.id},
                                   {QStringLiteral("kind"), w.kind},
                                   {QStringLiteral("platform"), w.platform},
                                   {QStringLiteral("accounts"), QJsonArray::fromStringList(w.accounts)},
                                   {QStringLiteral("state"), w.state},
                                   {QStringLiteral("last_seen_at"), w.lastSeenMs},
                                   {QStringLiteral("last_sync_at"), w.lastSyncMs},
                                   {QStringLiteral("batches"), qint64(w.batches)},
                                   {QStringLiteral("messages"), qint64(w.messages)},
                                   {QStringLiteral("errors"), qint64(w.errors)},
                                   {QStringLiteral("last_error"), w.lastError}});
    }
    o.insert(QStringLiteral("workers"), workers);
    const QJsonArray devices = m_deviceLister ? m_deviceLister() : QJsonArray();
    o.insert(QStringLiteral("clients"), devices.size());
    o.insert(QStringLiteral("devices"), devices);
    qint64 recent = 0;
    for (const auto &s : m_rate) {
        if (s.first >= nowMs() - 10000)
            recent += s.second;
    }
    o.insert(QStringLiteral("ingest_per_s"), double(recent) / 10.0);
    o.insert(QStringLiteral("batches"), qint64(m_batches));
    o.insert(QStringLiteral("items"), qint64(m_items));
    o.insert(QStringLiteral("uptime_s"), m_uptime.isValid() ? m_uptime.elapsed() / 1000 : 0);
    o.insert(QStringLiteral("listening"), listeningPort() ? QJsonValue(listeningPort()) : QJsonValue());
    o.insert(QStringLiteral("version"), QStringLiteral(HISCRM_VERSION));
    return o;
}

Result<QJsonObject> Master::execute(const QString &commandId, const QString &op, const QJsonObject &args)
{
    if (commandId.size() > 128)
        return Error{ErrorCode::InvalidArgument, Master::tr("A command id has at most 128 characters.")};
    return dispatch(commandId, op, args);
}

Result<QJsonObject> Master::dispatch(const QString &commandId, const QString &op, const QJsonObject &args)
{
    if (!m_store)
        return Error{ErrorCode::Io, Master::tr("The master is not running.")};
    const CommandSpec *spec = findCommand(op);
    // A damaged database answers nothing reliably; status still says what the master is doing.
    if (Error e = m_store->damage(); e && !(spec && spec->whileDamaged))
        return e;
    if (!spec)
        return Error{ErrorCode::NotFound, Master::tr("Unknown operation “%1”.").arg(op)};
    if (Error e = checkArguments(*spec, args))
        return e;
    return spec->handler(CommandCall(*this, *spec, commandId, args));
}

Result<QJsonObject> Master::executeAs(const Caller &caller, const QString &commandId, const QString &op,
                                      QJsonObject args)
{
    if (!m_store)
        return Error{ErrorCode::Io, Master::tr("The master is not running.")};
    if (commandId.size() > 128)
        return Error{ErrorCode::InvalidArgument, Master::tr("A command id has at most 128 characters.")};
    const CommandSpec *spec = findCommand(op);
    if (spec && !m_store->damage()) {
        if (Error e = checkArguments(*spec, args))
            return e;
        if (Error e = checkCaller(caller, *spec, &args, *m_store))
            return e;
    }
    // Each device's ids live apart in the one journal.
    const QString id =
        commandId.isEmpty() ? QString() : QStringLiteral("d%1:%2").arg(caller.deviceId).arg(commandId);
    return dispatch(id, op, args);
}

// Write ops: one store command each; the result says what changed, and is announced.
Result<QJsonObject> CommandCall::answer(const Result<store::CommandResult> &r) const
{
    if (!r)
        return r.error();
    if (r->changed)
        m_master.announce({r->revision, r->conversationIds, {}, r->contentIds});
    QJsonObject o{{QStringLiteral("revision"), r->revision}, {QStringLiteral("changed"), r->changed}};
    if (r->itemId)
        o.insert(QStringLiteral("item_id"), r->itemId);
    if (r->tagId)
        o.insert(QStringLiteral("tag_id"), r->tagId);
    if (r->repeated)
        o.insert(QStringLiteral("repeated"), true);
    return o;
}

void CommandCall::routeReply(qint64 itemId) const
{
    m_master.routeReply(itemId);
}

// ---- MasterThread -------------------------------------------------------------------------------

MasterThread::MasterThread(MasterOptions options)
    : m_opt(std::move(options))
    , m_thread(std::make_unique<QThread>())
{
    m_thread->setObjectName(QStringLiteral("master"));
    m_context = new QObject;
    m_context->moveToThread(m_thread.get());
    m_thread->start();
}

MasterThread::~MasterThread()
{
    runSync([this] {
        if (m_host)
            m_host->stopAll();
        delete m_host;
        m_host = nullptr;
        delete m_master; // closes the store and the worker server
        m_master = nullptr;
    });
    m_thread->quit();
    m_thread->wait();
    delete m_context;
}

void MasterThread::runSync(const std::function<void()> &fn) const
{
    if (QThread::currentThread() == m_thread.get())
        fn();
    else
        QMetaObject::invokeMethod(m_context, fn, Qt::BlockingQueuedConnection);
}

Error MasterThread::start()
{
    Error error;
    runSync([&] {
        m_master = new Master(m_opt);
        error = m_master->open();
        if (error) {
            delete m_master;
            m_master = nullptr;
            return;
        }
        m_host = new worker::WorkerHost;
        m_host->setSink(m_master, m_master);
        m_master->setConnectorHost(m_host);
    });
    return error;
}

} // namespace hiscrm::master
