// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/Master.h"

#include "common/Log.h"
#include "master/WorkerServer.h"
#include "store/SearchService.h"

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

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Error badArg(const QString &message)
{
    return {ErrorCode::InvalidArgument, message};
}

// Reads an integer argument; JSON numbers carry our ids exactly (all below 2^53).
std::optional<qint64> intArg(const QJsonObject &args, const char *name, Error *error, bool required = true)
{
    const QJsonValue v = args.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            *error = badArg(Master::tr("The argument “%1” is missing.").arg(QLatin1String(name)));
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d)) || std::abs(d) > 9007199254740992.0) {
        *error = badArg(Master::tr("The argument “%1” must be a whole number.").arg(QLatin1String(name)));
        return std::nullopt;
    }
    return qint64(d);
}

std::optional<QString> stringArg(const QJsonObject &args, const char *name, Error *error,
                                 bool required = true)
{
    const QJsonValue v = args.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            *error = badArg(Master::tr("The argument “%1” is missing.").arg(QLatin1String(name)));
        return std::nullopt;
    }
    if (!v.isString()) {
        *error = badArg(Master::tr("The argument “%1” must be text.").arg(QLatin1String(name)));
        return std::nullopt;
    }
    // Half a surrogate pair would be stored as "?": two different tag names would become one, a
    // reply would go out altered. Refused, as the protocol refuses it (docs/protocol.md).
    const QString s = v.toString();
    if (!QStringView(s).isValidUtf16()) {
        *error = badArg(Master::tr("The argument “%1” contains an unpaired UTF-16 surrogate; text must be "
                                   "valid Unicode.")
                            .arg(QLatin1String(name)));
        return std::nullopt;
    }
    return s;
}

std::optional<QList<qint64>> idListArg(const QJsonObject &args, const char *name, Error *error, bool required)
{
    const QJsonValue v = args.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            *error = badArg(Master::tr("The argument “%1” is missing.").arg(QLatin1String(name)));
        return std::nullopt;
    }
    if (!v.isArray() || v.toArray().size() > 10000) {
        *error = badArg(Master::tr("The argument “%1” must be a list of ids.").arg(QLatin1String(name)));
        return std::nullopt;
    }
    QList<qint64> out;
    for (const QJsonValue &x : v.toArray()) {
        const double d = x.toDouble();
        if (!x.isDouble() || d != double(qint64(d))) {
            *error = badArg(Master::tr("The argument “%1” must be a list of ids.").arg(QLatin1String(name)));
            return std::nullopt;
        }
        out.append(qint64(d));
    }
    return out;
}

QJsonObject hitJson(const store::NamedHit &h)
{
    const auto name = [](const QString &n) {
        return n.isEmpty() ? QJsonValue() : QJsonValue(n);
    };
    QJsonObject o = toJson(h.item);
    o.insert(QStringLiteral("snippet"), h.snippet);
    o.insert(QStringLiteral("score"), h.score);
    o.insert(QStringLiteral("sender_name"), name(h.senderName));
    o.insert(QStringLiteral("conversation_title"), name(h.conversationTitle));
    o.insert(QStringLiteral("account_name"), name(h.accountName));
    return o;
}

// The `search` command: the arguments checked strictly, then the search service's one search, on
// the master's own store, so a client finds what the desktop's search panel finds.
Result<QJsonObject> searchCommand(const store::StoreReader &reader, const QJsonObject &args)
{
    Error e;
    store::SearchQuery q;
    q.text = stringArg(args, "text", &e).value_or(QString());
    if (const auto ids = idListArg(args, "account_ids", &e, false))
        q.accountIds = *ids;
    q.platform = stringArg(args, "platform", &e, false).value_or(QString());
    q.conversationId = intArg(args, "conversation_id", &e, false).value_or(0);
    q.contentId = intArg(args, "content_id", &e, false).value_or(0);
    q.senderId = intArg(args, "sender_id", &e, false).value_or(0);
    q.fromMs = intArg(args, "from", &e, false).value_or(0);
    q.toMs = intArg(args, "to", &e, false).value_or(0);
    q.tagId = intArg(args, "tag_id", &e, false).value_or(0);
    // The store takes at most a page of 200; clamped here first, so a huge limit cannot wrap.
    q.limit = int(std::clamp<qint64>(intArg(args, "limit", &e, false).value_or(50), 0, 1000));
    q.cursor = stringArg(args, "cursor", &e, false).value_or(QString());
    if (const auto kind = stringArg(args, "kind", &e, false)) {
        ItemKind k;
        if (!fromString(*kind, &k))
            return badArg(Master::tr("“kind” is message or comment."));
        q.kind = k;
    }
    if (const auto dir = stringArg(args, "direction", &e, false)) {
        Direction d;
        if (!fromString(*dir, &d))
            return badArg(Master::tr("“direction” is in or out."));
        q.direction = d;
    }
    if (const auto order = stringArg(args, "order", &e, false)) {
        if (*order != u"newest" && *order != u"relevance")
            return badArg(Master::tr("“order” is newest or relevance."));
        q.order = *order == u"newest" ? store::SearchOrder::Newest : store::SearchOrder::Relevance;
    }
    const QJsonValue unread = args.value(QStringLiteral("unread"));
    if (!unread.isUndefined() && !unread.isNull() && !unread.isBool())
        return badArg(Master::tr("“unread” is true or false."));
    q.unreadOnly = unread.toBool();
    if (e)
        return e;
    auto r = store::SearchService::run(reader, q);
    if (!r)
        return r.error();
    QJsonArray hits;
    for (const store::NamedHit &h : std::as_const(r->hits))
        hits.append(hitJson(h));
    return QJsonObject{{QStringLiteral("hits"), hits},
                       {QStringLiteral("next"), r->next.isEmpty() ? QJsonValue() : QJsonValue(r->next)}};
}

} // namespace

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
            m_store->pruneCommandLog(now() - 7LL * 24 * 3600 * 1000);
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
        return badArg(Master::tr("“%1” is not an IP address to listen on.").arg(addressText));
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

QString Master::workerUrl() const
{
    return m_server ? QStringLiteral("ws://%1:%2/").arg(m_opt.listenAddress).arg(m_server->port())
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
    if (!m_store)
        return Error{ErrorCode::Io, Master::tr("The master is not running.")};
    auto r = m_store->ingest(batch);
    if (!r) {
        if (r.error().code == ErrorCode::Corrupt)
            onStoreDamaged(r.error().message); // logged once, not once per batch
        else
            qCWarning(lcMaster) << "batch from" << source << "rejected:" << r.error().message;
        return r;
    }
    const qint64 items = batch.messages.size() + batch.comments.size();
    ++m_batches;
    m_items += items;
    m_rate.append({now(), items});
    while (!m_rate.isEmpty() && m_rate.first().first < now() - 10000)
        m_rate.removeFirst();
    if (r->inserted + r->updated > 0)
        announce({r->revision, r->conversationIds, r->accountIds, r->contentIds});
    // Outgoing messages the connector saw may be our replies: routes are unaffected.
    return r;
}

void Master::addRoute(const QString &routeId, const QString &platform, const QStringList &accounts,
                      ReplySender send)
{
    m_routes.insert(routeId, Route{platform, accounts, std::move(send)});
    dispatchPendingReplies(platform, accounts);
}

void Master::removeRoute(const QString &routeId)
{
    m_routes.remove(routeId);
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

void Master::applyReplyResult(const QString &routeId, const worker::ReplyResult &result)
{
    if (!m_store)
        return;
    auto r = m_store->setReplyResult(result.itemId, result.sent ? Delivery::Sent : Delivery::Failed,
                                     result.platformId, result.sent ? QString() : result.error);
    if (!r) {
        if (r.error().code == ErrorCode::Corrupt)
            onStoreDamaged(r.error().message);
        else
            qCWarning(lcMaster) << "reply result from" << routeId << "for item" << result.itemId
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
    const qint64 lastSync = state == LoginState::LoggedIn ? now() : 0;
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

void Master::updateWorker(const WorkerInfo &info)
{
    m_workers.insert(info.id, info);
    forgetOldWorkers();
    emit workersChanged();
}

void Master::forgetOldWorkers()
{
    // Workers come and go under new ids (a crawler per browser profile, per run, ...): without
    // this, every worker ever connected would stay in status, with its accounts, for good.
    const WorkerLimits &limits = m_opt.workerLimits;
    const qint64 before = now() - limits.keepDisconnectedMs;
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

void Master::removeWorker(const QString &id)
{
    if (m_workers.remove(id))
        emit workersChanged();
}

QString Master::ingestFromConnector(const QString &connectorId, const Batch &batch)
{
    auto r = ingest(connectorId, batch);
    return r ? QString() : r.error().message;
}

void Master::accountStatusFromConnector(const QString &connectorId, const QString &platform,
                                        const QString &accountId, LoginState state, const QString &error)
{
    setAccountStatus(connectorId, platform, accountId, state, error);
}

void Master::replyResultFromConnector(const QString &connectorId, const worker::ReplyResult &result)
{
    applyReplyResult(QStringLiteral("connector:") + connectorId, result);
}

void Master::connectorOnline(const QString &connectorId, const QString &platform, const QStringList &accounts)
{
    QPointer<worker::WorkerHost> host = m_host;
    addRoute(QStringLiteral("connector:") + connectorId, platform, accounts,
             [host, connectorId](const worker::ReplyRequest &req) {
                 if (host)
                     host->sendReply(connectorId, req);
             });
}

void Master::connectorOffline(const QString &connectorId)
{
    const QString routeId = QStringLiteral("connector:") + connectorId;
    const auto it = m_routes.constFind(routeId);
    if (it == m_routes.cend())
        return;
    const Route route = *it;
    removeRoute(routeId);
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
    o.insert(QStringLiteral("clients"), m_clients);
    qint64 recent = 0;
    for (const auto &s : m_rate) {
        if (s.first >= now() - 10000)
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
    if (!m_store)
        return Error{ErrorCode::Io, Master::tr("The master is not running.")};
    if (commandId.size() > 128)
        return badArg(Master::tr("A command id has at most 128 characters."));
    // A damaged database answers nothing reliably; status still says what the master is doing.
    if (Error e = m_store->damage(); e && op != u"status")
        return e;
    m_store->setNextCommandId(commandId, op);
    auto r = run(commandId, op, args);
    m_store->setNextCommandId(QString(), QString()); // ops that wrote nothing must not leave it set
    return r;
}

Result<QJsonObject> Master::run(const QString &commandId, const QString &op, const QJsonObject &args)
{
    Error e;
    // Write ops: one store command each; the result says what changed, and is announced.
    const auto done = [this](const Result<store::CommandResult> &r) -> Result<QJsonObject> {
        if (!r)
            return r.error();
        if (r->changed)
            announce({r->revision, r->conversationIds, {}, r->contentIds});
        QJsonObject o{{QStringLiteral("revision"), r->revision}, {QStringLiteral("changed"), r->changed}};
        if (r->itemId)
            o.insert(QStringLiteral("item_id"), r->itemId);
        if (r->tagId)
            o.insert(QStringLiteral("tag_id"), r->tagId);
        if (r->repeated)
            o.insert(QStringLiteral("repeated"), true);
        return o;
    };
    const auto conv = [&] {
        return intArg(args, "conversation_id", &e);
    };

    if (op == u"mark_read") {
        const auto c = conv();
        const auto upTo = intArg(args, "up_to", &e, false);
        if (e)
            return e;
        return done(m_store->markRead(*c, upTo.value_or(0)));
    }
    if (op == u"mark_unread") {
        const auto c = conv();
        if (e)
            return e;
        return done(m_store->markUnread(*c));
    }
    if (op == u"mark_comments_read") {
        const auto content = intArg(args, "content_id", &e);
        const auto ids = idListArg(args, "comment_ids", &e, false);
        if (e)
            return e;
        return done(m_store->markCommentsRead(*content, ids.value_or(QList<qint64>())));
    }
    if (op == u"mark_comments_unread") {
        const auto ids = idListArg(args, "comment_ids", &e, true);
        if (e)
            return e;
        return done(m_store->markCommentsUnread(*ids));
    }
    if (op == u"pin" || op == u"unpin") {
        const auto c = conv();
        if (e)
            return e;
        return done(m_store->setPinned(*c, op == u"pin"));
    }
    if (op == u"archive" || op == u"unarchive") {
        const auto c = conv();
        if (e)
            return e;
        return done(m_store->setArchived(*c, op == u"archive"));
    }
    if (op == u"mute") {
        const auto c = conv();
        const auto until = intArg(args, "until", &e);
        if (e)
            return e;
        if (*until != -1 && *until <= now())
            return badArg(Master::tr("A mute needs a time in the future, or -1 for until unmuted."));
        return done(m_store->setMutedUntil(*c, *until == -1 ? kMutedForever : *until));
    }
    if (op == u"unmute") {
        const auto c = conv();
        if (e)
            return e;
        return done(m_store->setMutedUntil(*c, 0));
    }
    if (op == u"create_tag" || op == u"update_tag") {
        const auto name = stringArg(args, "name", &e);
        const auto color = stringArg(args, "color", &e, false);
        const auto tag = op == u"update_tag" ? intArg(args, "tag_id", &e) : std::optional<qint64>();
        if (e)
            return e;
        return done(op == u"create_tag" ? m_store->createTag(*name, color.value_or(QString()))
                                        : m_store->updateTag(*tag, *name, color.value_or(QString())));
    }
    if (op == u"delete_tag") {
        const auto tag = intArg(args, "tag_id", &e);
        if (e)
            return e;
        return done(m_store->deleteTag(*tag));
    }
    if (op == u"tag" || op == u"untag") {
        const auto c = conv();
        const auto tag = intArg(args, "tag_id", &e);
        if (e)
            return e;
        return done(op == u"tag" ? m_store->tagConversation(*c, *tag) : m_store->untagConversation(*c, *tag));
    }
    if (op == u"reply") {
        const auto text = stringArg(args, "text", &e);
        const auto c = intArg(args, "conversation_id", &e, false);
        const auto content = intArg(args, "content_id", &e, false);
        const auto parent = intArg(args, "parent_id", &e, false);
        if (e)
            return e;
        if (c.has_value() == content.has_value())
            return badArg(Master::tr(
                "A reply goes to a conversation (conversation_id) or under a video (content_id)."));
        // The command id makes the reply idempotent; a caller without one gets a fresh one.
        const QString ref =
            commandId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : commandId;
        auto r = c ? m_store->recordReply(ItemKind::Message, *c, 0, *text, ref)
                   : m_store->recordReply(ItemKind::Comment, *content, parent.value_or(0), *text, ref);
        auto out = done(r);
        if (r && r->changed)
            routeReply(r->itemId);
        return out;
    }
    if (op == u"retry_reply") {
        const auto itemId = intArg(args, "item_id", &e);
        if (e)
            return e;
        auto item = m_store->item(*itemId);
        if (!item)
            return item.error();
        if (!item.value() || item.value()->clientRef.isEmpty())
            return Error{ErrorCode::NotFound, Master::tr("There is no reply %1 to retry.").arg(*itemId)};
        if (item.value()->delivery == Delivery::Sent)
            return Error{ErrorCode::Conflict, Master::tr("The reply was already sent.")};
        auto r = m_store->setReplyResult(*itemId, Delivery::Pending, QString(), QString());
        auto out = done(r);
        if (r && r->changed)
            routeReply(*itemId);
        return out;
    }
    if (op == u"recall" || op == u"delete_item") {
        const auto itemId = intArg(args, "item_id", &e);
        if (e)
            return e;
        return done(op == u"recall" ? m_store->recallItem(*itemId) : m_store->deleteItem(*itemId));
    }
    if (op == u"search")
        return searchCommand(*m_store, args);
    if (op == u"user_profile") {
        const auto one = intArg(args, "user_id", &e, false);
        const auto many = idListArg(args, "user_ids", &e, false);
        if (e)
            return e;
        if (one.has_value() == many.has_value())
            return badArg(Master::tr("Ask for one user (user_id) or several (user_ids)."));
        auto users = m_store->users(one ? QList<qint64>{*one} : *many);
        if (!users)
            return users.error();
        if (one) {
            if (users->isEmpty())
                return Error{ErrorCode::NotFound, Master::tr("There is no user %1.").arg(*one)};
            return QJsonObject{{QStringLiteral("user"), toJson(users->first())}};
        }
        QJsonArray a;
        for (const User &u : *users)
            a.append(toJson(u));
        return QJsonObject{{QStringLiteral("users"), a}};
    }
    if (op == u"unread_summary") {
        auto r = m_store->unreadSummary();
        if (!r)
            return r.error();
        QJsonObject perAccount, perConversation;
        for (auto it = r->perAccount.cbegin(); it != r->perAccount.cend(); ++it)
            perAccount.insert(QString::number(it.key()), it.value());
        for (auto it = r->perConversation.cbegin(); it != r->perConversation.cend(); ++it)
            perConversation.insert(QString::number(it.key()), it.value());
        return QJsonObject{{QStringLiteral("total"), r->total},
                           {QStringLiteral("total_unmuted"), r->totalUnmuted},
                           {QStringLiteral("comments"), r->comments},
                           {QStringLiteral("per_account"), perAccount},
                           {QStringLiteral("per_conversation"), perConversation}};
    }
    if (op == u"status") {
        // Counting every table is the expensive part (tens of milliseconds at a million
        // messages); a window that only shows who is connected asks without it.
        const QJsonValue counts = args.value(QStringLiteral("counts"));
        if (!counts.isUndefined() && !counts.isBool())
            return badArg(Master::tr("counts must be true or false."));
        return status(counts.toBool(true));
    }
    return Error{ErrorCode::NotFound, Master::tr("Unknown operation “%1”.").arg(op)};
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
