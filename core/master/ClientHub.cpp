// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/ClientHub.h"

#include "common/Clock.h"
#include "master/DirectSender.h"
#include "master/Master.h"
#include "master/PushEncoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcClients, "hiscrm.master.clients", QtInfoMsg)

namespace hiscrm::master {

using namespace protocol;

namespace {

constexpr int kDeviceCheckMs = 250; // a revoked device's connections close within this (plus a turn)
constexpr int kMaxTokenChars = 256;
constexpr int kMaxCodeChars = 64;

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// One JSON value as it appears in a frame (a request's id, as "re").
QByteArray jsonValue(const QJsonValue &v)
{
    const QByteArray array = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QString scopeKey(const store::AccountScope &scope)
{
    QStringList parts;
    for (qint64 a : scope.accounts)
        parts << QString::number(a);
    return parts.isEmpty() ? QStringLiteral("*") : parts.join(u',');
}

} // namespace

ClientHub::ClientHub(Master *master, const QString &dbPath, QObject *masterSide,
                     std::shared_ptr<ConnectedDevices> devices, QObject *parent)
    : QObject(parent)
    , m_master(master)
    , m_masterSide(masterSide)
    , m_dbPath(dbPath)
    , m_devices(std::move(devices))
{
    // Reads on a connection of this thread; writes in the master's thread (viaMaster).
    auto opened = store::Store::openReader(dbPath);
    if (opened)
        m_store = std::move(opened.value());
    else
        qCCritical(lcClients) << "cannot read the master database for paired devices:"
                              << opened.error().message;
    connect(m_master, &Master::changed, this, [this](const ChangeNotice &n) {
        m_revision = std::max(m_revision, n.revision);
        push();
    });
    auto *timer = new QTimer(this);
    timer->setInterval(kDeviceCheckMs);
    connect(timer, &QTimer::timeout, this, [this] {
        // Last-seen times of the tick in one commit: a thousand devices reconnecting after a
        // network blip cost one write, not a thousand.
        if (!m_lastSeen.isEmpty()) {
            QMetaObject::invokeMethod(m_masterSide, [master = m_master, seen = m_lastSeen] {
                if (!master->store())
                    return;
                if (Error e = master->store()->touchDevices(seen))
                    qCWarning(lcClients) << "cannot note when devices were last seen:" << e.message;
            });
            m_lastSeen.clear();
        }
        checkDevices();
        if (m_devicesChanged) {
            publishDevices();
            m_devicesChanged = false;
        }
        // A commit that announced nothing (or another process's) still reaches the devices.
        if (const store::Store *s = m_store.get(); s && !m_feeds.isEmpty()) {
            if (const Result<qint64> r = s->revision())
                m_revision = std::max(m_revision, *r);
        }
        push();
    });
    timer->start();
    checkDevices();
}

ClientHub::~ClientHub() = default;

void ClientHub::publishDevices()
{
    QJsonArray out;
    for (const Client &c : std::as_const(m_clients)) {
        if (!c.authenticated)
            continue;
        out.append(QJsonObject{{QStringLiteral("device_id"), c.caller.deviceId},
                               {QStringLiteral("name"), c.name},
                               {QStringLiteral("role"), store::toString(c.caller.role)},
                               {QStringLiteral("address"), c.peer->address()},
                               {QStringLiteral("live"), c.live}});
    }
    m_devices->set(std::move(out));
}

// Runs work(master) in the master's thread, which alone writes the master database, then
// then(client, result) back in this one, if the connection is still there. Meanwhile the
// connection's next frames wait (Peer::hold), so its answers keep the order of its requests.
template <typename Work, typename Then> void ClientHub::viaMaster(Client &c, Work work, Then then)
{
    const quint64 serial = c.serial;
    c.peer->hold(true);
    QMetaObject::invokeMethod(
        m_masterSide,
        [master = m_master, hub = this, serial, work = std::move(work), then = std::move(then)]() mutable {
            auto result = work(master);
            QMetaObject::invokeMethod(
                hub,
                [hub, serial, result = std::move(result), then = std::move(then)]() mutable {
                    const auto it = hub->m_bySerial.constFind(serial);
                    if (it == hub->m_bySerial.cend())
                        return; // the connection is gone
                    Client &c = hub->client(*it);
                    c.peer->hold(false);
                    then(c, result);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

ClientHub::Client &ClientHub::client(Peer *peer)
{
    auto it = m_clients.find(peer);
    if (it == m_clients.end()) {
        it = m_clients.insert(peer, Client());
        it->peer = peer;
        it->serial = ++m_serials;
        m_bySerial.insert(it->serial, peer);
    }
    return *it;
}

bool ClientHub::isAuthenticated(Peer *peer) const
{
    auto it = m_clients.constFind(peer);
    return it != m_clients.cend() && it->authenticated;
}

int ClientHub::deviceCount() const
{
    int n = 0;
    for (const Client &c : m_clients)
        n += c.authenticated ? 1 : 0;
    return n;
}

void ClientHub::gone(Peer *peer)
{
    auto it = m_clients.find(peer);
    if (it == m_clients.end())
        return;
    leaveLive(*it);
    const bool listed = it->authenticated;
    if (listed)
        m_lastSeen.insert(it->caller.deviceId, nowMs());
    m_bySerial.remove(it->serial);
    m_clients.erase(it);
    m_devicesChanged = m_devicesChanged || listed;
}

void ClientHub::frame(Peer *peer, const Envelope &e)
{
    Client &c = client(peer);
    if (!m_store) {
        peer->reject(e.id, str(code::Internal),
                     QStringLiteral("The master cannot read its database; see its log."));
        return;
    }
    if (e.type == u"pair")
        return onPair(c, e);
    if (e.type == u"hello")
        return onHello(c, e);
    if (!c.authenticated) {
        peer->reject(
            e.id, str(code::NotRegistered),
            QStringLiteral("Send hello with the device token (or pair with a code) before %1.").arg(e.type));
        return;
    }
    if (e.type == u"heartbeat")
        return peer->answer(QJsonObject(), e.id, "heartbeat_ack");
    if (e.type == u"sync")
        return onSync(c, e);
    if (e.type == u"cmd")
        return onCommand(c, e);
    peer->reject(e.id, str(code::UnknownType),
                 QStringLiteral("Unknown frame type \"%1\" for protocol v1.").arg(e.type));
}

void ClientHub::onPair(Client &c, const Envelope &e)
{
    QString ignored; // the answers below name the field and what it must be
    QString code;
    QString deviceName;
    if (!readString(e.body, "code", &code, false, &ignored) || code.isEmpty() ||
        code.size() > kMaxCodeChars) {
        c.peer->reject(e.id, str(code::BadRequest),
                       QStringLiteral("code must be the pairing code (a string)."));
        return;
    }
    if (!readString(e.body, "device_name", &deviceName, false, &ignored) ||
        deviceName.size() > store::kMaxDeviceNameChars) {
        c.peer->reject(e.id, str(code::BadRequest),
                       QStringLiteral("device_name must be a string of at most %1 characters.")
                           .arg(store::kMaxDeviceNameChars));
        return;
    }
    if (c.authenticated) {
        c.peer->reject(e.id, str(code::Conflict),
                       QStringLiteral("This connection already said hello as a device."));
        return;
    }
    const qint64 now = nowMs();
    while (!m_wrongCodeTimes.isEmpty() && m_wrongCodeTimes.first() < now - 60000)
        m_wrongCodeTimes.removeFirst();
    if (m_wrongCodeTimes.size() >= kWrongCodesPerMinute) {
        c.peer->reject(e.id, str(code::RateLimited),
                       QStringLiteral("Too many wrong pairing codes on this master in the last minute; try "
                                      "again in a minute."));
        return;
    }
    viaMaster(
        c,
        [code, now](Master *master) {
            store::PairingRefusal why = store::PairingRefusal::None;
            auto paired = master->store()
                              ? master->store()->redeemPairing(code, now, &why)
                              : Result<store::PairedDevice>(
                                    Error{ErrorCode::Io, QStringLiteral("The master database is not open.")});
            return std::pair{std::move(paired), why};
        },
        [this, re = e.id, now](Client &c,
                               const std::pair<Result<store::PairedDevice>, store::PairingRefusal> &r) {
            paid(c, re, now, r.first, r.second);
        });
}

void ClientHub::paid(Client &c, const QJsonValue &re, qint64 now, const Result<store::PairedDevice> &paired,
                     store::PairingRefusal why)
{
    if (!paired) {
        const bool refused =
            paired.error().code == ErrorCode::NotFound || paired.error().code == ErrorCode::Conflict;
        if (!refused) {
            c.peer->reject(re, str(codeFor(paired.error())), paired.error().message);
            return;
        }
        m_wrongCodeTimes.append(now);
        qCWarning(lcClients) << "refused a pairing code from" << c.peer->address();
        Peer *peer = c.peer;
        const bool last = ++c.wrongCodes >= kWrongCodesPerConnection;
        // The reason, for the device to say it in its user's language (the message is English).
        peer->reject(re, str(code::Unauthorized), paired.error().message,
                     why == store::PairingRefusal::None
                         ? QJsonObject()
                         : QJsonObject{{QStringLiteral("reason"), store::toString(why)}});
        if (last)
            peer->close(1008, QStringLiteral("too many wrong pairing codes"));
        return;
    }
    qCInfo(lcClients) << "paired device" << paired->device.id << paired->device.name << "from"
                      << c.peer->address();
    QJsonArray accounts;
    for (qint64 a : paired->device.accounts)
        accounts.append(a);
    c.peer->answer(
        QJsonObject{{QStringLiteral("device_id"), paired->device.id},
                    {QStringLiteral("name"), paired->device.name},
                    {QStringLiteral("role"), store::toString(paired->device.role)},
                    {QStringLiteral("accounts"),
                     paired->device.accounts.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(accounts)},
                    {QStringLiteral("token"), paired->token}},
        re, "paired");
}

void ClientHub::onHello(Client &c, const Envelope &e)
{
    QString ignored; // the answers below name the field and what it must be
    QString token;
    if (!readString(e.body, "token", &token, false, &ignored) || token.isEmpty() ||
        token.size() > kMaxTokenChars) {
        c.peer->reject(e.id, str(code::BadRequest),
                       QStringLiteral("token must be the device token (a string)."));
        return;
    }
    if (c.authenticated) {
        c.peer->reject(e.id, str(code::Conflict), QStringLiteral("This connection already said hello."));
        return;
    }
    qint64 cursor = 0;
    const QJsonValue cursorValue = e.body.value(QLatin1String("cursor"));
    if (!cursorValue.isUndefined() && !cursorValue.isNull() &&
        (!safeInteger(cursorValue, &cursor) || cursor < 0)) {
        c.peer->reject(e.id, str(code::BadRequest),
                       QStringLiteral("cursor must be a revision (an integer ≥ 0)."));
        return;
    }
    qint64 clientStore = 0;
    const QJsonValue storeValue = e.body.value(QLatin1String("store_id"));
    if (!storeValue.isUndefined() && !storeValue.isNull() && !safeInteger(storeValue, &clientStore)) {
        c.peer->reject(e.id, str(code::BadRequest), QStringLiteral("store_id must be an integer."));
        return;
    }
    const store::Store *s = m_store.get();
    const Result<std::optional<store::Device>> device = s->deviceByToken(token);
    if (!device) {
        c.peer->reject(e.id, str(codeFor(device.error())), device.error().message);
        return;
    }
    if (!*device || (*device)->revokedAt != 0) {
        Peer *peer = c.peer;
        peer->reject(e.id, str(code::Unauthorized),
                     *device ? QStringLiteral("This device was revoked. Pair it again with a new code.")
                             : QStringLiteral("The device token is wrong. Pair the device again."));
        peer->close(*device ? closecode::Revoked : 1008, QStringLiteral("unauthorized"));
        return;
    }
    const store::Device &d = **device;
    c.authenticated = true;
    c.caller.deviceId = d.id;
    c.caller.role = d.role;
    c.caller.scope.accounts = d.accounts;
    c.name = d.name;
    c.scopeKey = scopeKey(c.caller.scope);
    c.peer->markAuthenticated();
    m_lastSeen.insert(d.id, nowMs());
    m_devicesChanged = true;
    const qint64 revision = s->revision().value_or(0);
    const qint64 storeId = s->storeId().value_or(0);
    // A cursor ahead of the history, or of another store, is not of this master's history (it was
    // restored from an older backup, or replaced): the client must start over from 0.
    const bool reset = cursor > revision || (clientStore != 0 && clientStore != storeId);
    QJsonArray accounts;
    for (qint64 a : d.accounts)
        accounts.append(a);
    qCInfo(lcClients) << "device" << d.id << d.name << "connected from" << c.peer->address();
    c.peer->answer(QJsonObject{{QStringLiteral("device_id"), d.id},
                               {QStringLiteral("name"), d.name},
                               {QStringLiteral("role"), store::toString(d.role)},
                               {QStringLiteral("accounts"),
                                d.accounts.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(accounts)},
                               {QStringLiteral("revision"), revision},
                               {QStringLiteral("store_id"), storeId},
                               {QStringLiteral("reset"), reset},
                               {QStringLiteral("heartbeat_ms"), protocol::kHeartbeatIntervalMs}},
                   e.id, "welcome");
}

void ClientHub::onSync(Client &c, const Envelope &e)
{
    qint64 since = 0;
    qint64 limit = 500;
    if (!safeInteger(e.body.value(QLatin1String("since")), &since) || since < 0) {
        c.peer->reject(e.id, str(code::BadRequest),
                       QStringLiteral("since must be a revision (an integer ≥ 0)."));
        return;
    }
    const QJsonValue limitValue = e.body.value(QLatin1String("limit"));
    if (!limitValue.isUndefined() && !limitValue.isNull() &&
        (!safeInteger(limitValue, &limit) || limit < 1 || limit > kMaxSyncLimit)) {
        c.peer->reject(e.id, str(code::BadRequest),
                       QStringLiteral("limit must be an integer from 1 to %1.").arg(kMaxSyncLimit));
        return;
    }
    const store::Store *s = m_store.get();
    const qint64 revision = s->revision().value_or(0);
    m_revision = std::max(m_revision, revision);
    if (since > revision) {
        c.peer->reject(
            e.id, str(code::ResetRequired),
            QStringLiteral("The cursor %1 is ahead of this master's history (revision %2): the "
                           "master was restored from an older backup. Drop the replica and sync from 0.")
                .arg(since)
                .arg(revision));
        return;
    }
    // Filtering may leave little of a page: read on until the answer is full or the feed ends,
    // within a bound of reads per frame. Only the scope's rows are read, and each is encoded once,
    // into the answer as it is built.
    const store::AccountScope &scope = c.caller.scope;
    const auto visible = [&scope](const store::ChangeAccounts &owners) {
        return owners.visibleTo(scope);
    };
    // The answer is written in place, as Peer::answer would write it ("re" only when the request
    // had an id), up to a MiB, and framed without a copy (TextFrame); not converted to UTF-16 and
    // back (Peer::sendShared). Not reserved: the buffer stays queued until the device has read it.
    TextFrame frame;
    QByteArray &out = frame.bytes();
    out += "{\"type\":\"changes\",\"v\":1";
    if (!e.id.isUndefined())
        out += ",\"re\":" + jsonValue(e.id);
    out += ",\"changes\":[";
    const qsizetype bodyStart = out.size();
    qsizetype count = 0;
    qint64 next = since;
    bool hasMore = false;
    for (int reads = 0; reads < 20; ++reads) {
        const Result<store::OwnedChangePage> page = s->changesFor(next, kMaxSyncLimit, visible);
        if (!page) {
            c.peer->reject(e.id, str(codeFor(page.error())), page.error().message);
            return;
        }
        qint64 cut = page->next;
        bool full = false;
        for (const store::Change &ch : page->changes) {
            const qsizetype before = out.size();
            if (count > 0)
                out += ',';
            if (count < limit)
                appendChange(out, ch);
            if (count >= limit || (count > 0 && out.size() - bodyStart > kPageBytes)) {
                out.truncate(before);
                cut = ch.rev - 1; // this change and the rest come with the next page
                full = true;
                break;
            }
            ++count;
        }
        next = cut;
        hasMore = full || page->hasMore;
        if (full || !page->hasMore)
            break;
    }
    out += "],\"next\":" + QByteArray::number(next) + ",\"has_more\":" + (hasMore ? "true" : "false") + '}';
    c.peer->sendShared(frame.take());
    if (!hasMore)
        goLive(c, next);
}

void ClientHub::goLive(Client &c, qint64 cursor)
{
    if (c.live)
        return;
    c.live = true;
    m_devicesChanged = true;
    auto it = m_feeds.find(c.scopeKey);
    if (it == m_feeds.end()) {
        ScopeFeed f;
        f.scope = c.caller.scope;
        f.scanned = cursor;
        f.lastTo = cursor;
        it = m_feeds.insert(c.scopeKey, f);
    }
    it->peers.append(c.peer);
}

void ClientHub::leaveLive(Client &c)
{
    if (!c.live)
        return;
    c.live = false;
    m_devicesChanged = true;
    auto it = m_feeds.find(c.scopeKey);
    if (it == m_feeds.end())
        return;
    it->peers.removeOne(c.peer);
    if (it->peers.isEmpty())
        m_feeds.erase(it);
}

void ClientHub::onCommand(Client &c, const Envelope &e)
{
    QString ignored; // the answers below name the field and what it must be
    QString opName;
    if (!readString(e.body, "op", &opName, false, &ignored) || opName.isEmpty()) {
        c.peer->reject(e.id, str(code::BadRequest), QStringLiteral("op must be the name of a command."));
        return;
    }
    const QJsonValue argsValue = e.body.value(QLatin1String("args"));
    if (!argsValue.isUndefined() && !argsValue.isNull() && !argsValue.isObject()) {
        c.peer->reject(e.id, str(code::BadRequest), QStringLiteral("args must be an object."));
        return;
    }
    const CommandSpec *spec = findCommand(opName);
    if (!spec) {
        c.peer->reject(e.id, str(code::UnknownOp), QStringLiteral("Unknown op \"%1\".").arg(opName));
        return;
    }
    // The frame's id is the command id: the same id sent again (after a reconnect) has no second effect.
    QString commandId;
    if (e.id.isString())
        commandId = e.id.toString();
    else if (e.id.isDouble())
        commandId = QString::number(e.id.toInteger());
    // A write's id is a string: the number 17 and the string "17" would be one command id, and the
    // second of two different commands would be answered as a repeat of the first.
    if (spec->journaled && (!e.id.isString() || commandId.isEmpty())) {
        c.peer->reject(
            e.id, str(code::BadRequest),
            QStringLiteral("%1 changes something: give the cmd frame a string id (its command id, e.g. "
                           "a UUID), so that sending it again has no second effect.")
                .arg(opName));
        return;
    }
    if (commandId.size() > 128) {
        c.peer->reject(e.id, str(code::BadRequest),
                       QStringLiteral("A command id has at most 128 characters."));
        return;
    }
    if (spec->name == op::Status && !c.peer->takeFrames(9)) {
        c.peer->reject(e.id, str(code::RateLimited),
                       QStringLiteral("A status costs 10 frames of the rate limit."));
        return;
    }
    viaMaster(
        c,
        [caller = c.caller, commandId, opName, args = argsValue.toObject()](Master *master) {
            return master->executeAs(caller, commandId, opName, args);
        },
        [re = e.id](Client &c, const Result<QJsonObject> &r) {
            if (!r)
                c.peer->reject(re, str(codeFor(r.error())), r.error().message);
            else
                c.peer->answer(QJsonObject{{QStringLiteral("result"), *r}}, re, "result");
        });
}

void ClientHub::push()
{
    if (m_encoding || m_feeds.isEmpty() || !m_store)
        return;
    QList<PushFeed> behind;
    qint64 from = m_revision;
    for (auto it = m_feeds.cbegin(); it != m_feeds.cend(); ++it) {
        if (it->scanned < m_revision) {
            behind.append(PushFeed{it.key(), it->scope, it->scanned, it->lastTo});
            from = std::min(from, it->scanned);
        }
    }
    if (behind.isEmpty())
        return;
    if (!m_sender)
        m_sender = std::make_unique<DirectSender>();
    // A commit's few changes are read and encoded here, which saves the two hops between threads
    // that were most of their latency; a backlog goes to the encoder's thread, beside this one.
    if (m_revision - from <= kInlineChanges) {
        m_encoding = true;
        pushed(PushEncoder::read(*m_store, behind));
        return;
    }
    if (!m_encoder)
        m_encoder =
            std::make_unique<PushEncoder>(m_dbPath, this, [this](const PushRound &round) { pushed(round); });
    m_encoding = true;
    m_encoder->encode(behind);
}

void ClientHub::pushed(const PushRound &round)
{
    m_encoding = false;
    if (!round.error.isEmpty()) {
        qCWarning(lcClients) << "cannot read the change feed for pushes:" << round.error;
        return; // the next commit or tick tries again
    }
    // Plain connections with nothing queued take their frames straight from the kernel, two threads
    // at once (DirectSender); the others (TLS, a backlog) through Qt, in this thread.
    std::vector<DirectSender::Job> jobs;
    std::vector<Peer *> jobPeers;
    for (const PushFrames &p : round.feeds) {
        auto it = m_feeds.find(p.feed.key);
        // A feed that went (its last device left) and came back meanwhile starts from its own cursor.
        if (it == m_feeds.end() || it->scanned != p.feed.scanned || it->lastTo != p.feed.lastTo)
            continue;
        it->scanned = round.to;
        if (p.frames.isEmpty())
            continue;
        it->lastTo = round.to;
        for (Peer *peer : std::as_const(it->peers)) {
            if (const int fd = peer->directSocket(); fd >= 0) {
                jobs.push_back({fd, &p.frames});
                jobPeers.push_back(peer);
                continue;
            }
            for (const QByteArray &f : p.frames)
                peer->sendShared(f);
            peer->flush();
        }
    }
    m_sender->run(jobs);
    for (size_t i = 0; i < jobs.size(); ++i) {
        const DirectSender::Job &j = jobs[i];
        if (j.frame == j.frames->size())
            continue;
        // What the kernel did not take: queued behind in Qt's buffer (which reports an error).
        Peer *peer = jobPeers[i];
        peer->sendShared(j.offset > 0 ? j.frames->at(j.frame).sliced(j.offset) : j.frames->at(j.frame));
        for (qsizetype f = j.frame + 1; f < j.frames->size(); ++f)
            peer->sendShared(j.frames->at(f));
        peer->flush();
    }
    m_revision = std::max(m_revision, round.to);
    push(); // commits made while the round ran
}

void ClientHub::checkDevices()
{
    const store::Store *s = m_store.get();
    const Result<qint64> version = s ? s->devicesVersion() : Result<qint64>(qint64(-1));
    if (!version || *version == m_devicesVersion)
        return;
    m_devicesVersion = *version;
    QList<Peer *> revoked;
    for (Client &c : m_clients) {
        if (!c.authenticated)
            continue;
        const Result<std::optional<store::Device>> d = s->device(c.caller.deviceId);
        if (d && (!*d || (*d)->revokedAt != 0))
            revoked << c.peer;
        else if (d)
            c.name = (*d)->name;
    }
    m_devicesChanged = true; // a name or a revocation
    for (Peer *p : std::as_const(revoked)) {
        qCInfo(lcClients) << "closing a connection of a revoked device";
        Client &c = client(p);
        leaveLive(c);
        c.authenticated = false;
        p->close(closecode::Revoked, QStringLiteral("device revoked"));
    }
}

} // namespace hiscrm::master
