// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SyncEngine.h"

#include "store/SearchIndexer.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSync, "hiscrm.sync", QtInfoMsg)

namespace hiscrm::sync {

namespace {

QByteArray frame(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The changes of a `changes` frame as the store takes them; false when one does not read.
bool readChanges(const QJsonArray &array, QList<store::Change> *out, QString *why)
{
    out->reserve(array.size());
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        store::Change c;
        c.rev = o.value(QLatin1String("rev")).toInteger(-1);
        c.entity = o.value(QLatin1String("entity")).toString();
        c.id = o.value(QLatin1String("id")).toInteger(-1);
        c.deleted = o.value(QLatin1String("deleted")).toBool();
        c.data = o.value(QLatin1String("data")).toObject();
        c.accountId = o.value(QLatin1String("account_id")).toInteger(0);
        if (!v.isObject() || c.rev < 1 || c.id < 1 || c.entity.isEmpty() ||
            (!c.deleted && !o.value(QLatin1String("data")).isObject())) {
            *why = QStringLiteral("a change without rev, entity, id or data");
            return false;
        }
        out->append(c);
    }
    return true;
}

QString fingerprintOf(const QSslCertificate &cert)
{
    return QStringLiteral("sha256:") + QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex());
}

} // namespace

// The engine's side in its thread: the replica, the connection and the state machine.
struct SyncEngine::Session final : public QObject
{
    SyncEngine *engine; // signals only: emitted from here, delivered queued to the engine's thread
    QString path;
    RemoteMaster remote;
    std::unique_ptr<store::Store> replica;
    QWebSocket *socket = nullptr;
    QTimer retry{this};
    QTimer watchdog{this}; // half-open connections: nothing heard for 3 heartbeats
    QTimer pinger{this};   // a ping every heartbeat, so a quiet master is heard from (its pong)
    int attempts = 0;
    State state = State::Stopped;
    qint64 masterRevision = 0;
    qint64 masterStoreId = 0;
    int heartbeatMs = 10000;
    bool syncing = false; // a sync request is out
    qint64 nextId = 1;
    struct Pending
    {
        master::MasterLink::Done done;
    };
    QHash<QString, Pending> commands; // by command id, while their answer is due
    // The outbox's commands sent on this connection and not answered yet (at most kOutboxWindow);
    // a callback when the command was given on this connection and is waited for.
    QHash<QString, master::MasterLink::Done> inFlight;
    QTimer pumpLater{this}; // the master asked to send again later (rate_limited, internal)
    int lastWaiting = -1, lastRefused = -1;
    QDateTime offlineSince;

    Session(SyncEngine *e, const QString &p, const RemoteMaster &pr)
        : engine(e)
        , path(p)
        , remote(pr)
    {
        retry.setSingleShot(true);
        connect(&retry, &QTimer::timeout, this, [this] { connectNow(); });
        pumpLater.setSingleShot(true);
        connect(&pumpLater, &QTimer::timeout, this, [this] { pump(); });
        connect(&pinger, &QTimer::timeout, this, [this] {
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                socket->ping();
        });
        connect(&watchdog, &QTimer::timeout, this, [this] {
            if (socket && socket->state() == QAbstractSocket::ConnectedState) {
                qCInfo(lcSync) << "the master went silent; reconnecting";
                socket->abort(); // disconnected() follows
            }
        });
    }

    Error open()
    {
        store::Store::Options o;
        o.durability = store::Store::Durability::Normal; // a copy: the master has it all
        // As the desktop's own history: the window does not wait for the whole integrity check of a
        // big replica; damage found later refuses the next page (and says so).
        o.integrityWaitMs = 100;
        auto s = store::Store::open(path, o);
        if (!s)
            return s.error();
        replica = std::move(s.value());
        reportOutbox();
        return {};
    }

    void setState(State s, const QString &detail = QString())
    {
        state = s;
        emit engine->stateChanged(s, detail);
    }

    void connectNow()
    {
        retry.stop();
        if (state == State::Refused)
            return;
        dropSocket();
        setState(State::Connecting);
        socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        QWebSocket *ws = socket;
        connect(ws, &QWebSocket::connected, this, [this, ws] {
            if (ws == socket)
                hello();
        });
        connect(ws, &QWebSocket::disconnected, this, [this, ws] {
            if (ws == socket)
                lost(int(ws->closeCode()), ws->closeReason());
        });
        connect(ws, &QWebSocket::textMessageReceived, this, [this, ws](const QString &text) {
            if (ws == socket) {
                watchdog.start(3 * heartbeatMs);
                received(text);
            }
        });
        connect(ws, &QWebSocket::pong, this, [this, ws] {
            if (ws == socket)
                watchdog.start(3 * heartbeatMs);
        });
        connect(ws, &QWebSocket::sslErrors, this, [this, ws](const QList<QSslError> &) {
            // The master's certificate is its own (self-signed): accepted when it is the one the
            // pairing link named, and only then.
            const QString fp = fingerprintOf(ws->sslConfiguration().peerCertificate());
            if (!remote.fingerprint.isEmpty() && fp.compare(remote.fingerprint, Qt::CaseInsensitive) == 0)
                ws->ignoreSslErrors();
            else
                refuse(SyncEngine::tr("The team master's certificate is not the one this desktop was paired "
                                      "with (%1). Someone may be in between: ask the admin, then pair again.")
                           .arg(fp));
        });
        ws->open(remote.url);
    }

    void dropSocket()
    {
        watchdog.stop();
        pinger.stop();
        syncing = false;
        if (!socket)
            return;
        QWebSocket *old = socket;
        socket = nullptr; // its signals are ignored from now on
        old->disconnect(this);
        old->abort();
        old->deleteLater();
        failCommands(SyncEngine::tr("The connection to the team master was lost before it answered."));
        releaseInFlight();
    }

    // The outbox keeps its commands: sent again, with the same ids, later (the next connection, or
    // after a rebuild). Whoever waited for an answer hears that they wait.
    void releaseInFlight()
    {
        const auto waiting = std::exchange(inFlight, {});
        for (auto it = waiting.cbegin(); it != waiting.cend(); ++it) {
            if (it.value())
                it.value()(queued(it.key()));
        }
    }

    static QJsonObject queued(const QString &commandId)
    {
        return {{QStringLiteral("queued"), true}, {QStringLiteral("command_id"), commandId}};
    }

    void dismissRefused()
    {
        if (replica && replica->dismissRefused())
            reportOutbox();
    }

    void failCommands(const QString &why)
    {
        const auto pending = std::exchange(commands, {});
        for (const Pending &p : pending) {
            if (p.done)
                p.done(Error{ErrorCode::Io, why});
        }
    }

    void send(const QJsonObject &o)
    {
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->sendTextMessage(QString::fromUtf8(frame(o)));
    }

    void hello()
    {
        const auto st = replica->replicaState();
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("hello")},
                      {QStringLiteral("id"), QStringLiteral("hello")},
                      {QStringLiteral("token"), remote.token}};
        if (st) {
            o.insert(QStringLiteral("cursor"), st->cursor);
            if (st->masterStoreId != 0)
                o.insert(QStringLiteral("store_id"), st->masterStoreId);
        }
        send(o);
    }

    void received(const QString &text)
    {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = o.value(QLatin1String("type")).toString();
        const QJsonValue re = o.value(QLatin1String("re"));
        if (type == u"changes" && re.isUndefined())
            return push(o);
        if (re.isString() && re.toString() == u"hello")
            return welcome(o);
        if (re.isString() && re.toString().startsWith(u"sync-"))
            return page(o);
        if (re.isString() && inFlight.contains(re.toString()))
            return answered(re.toString(), o);
        if (re.isString()) {
            const auto it = commands.find(re.toString());
            if (it == commands.end())
                return;
            const Pending p = it.value();
            commands.erase(it);
            if (!p.done)
                return;
            if (type == u"result")
                p.done(o.value(QLatin1String("result")).toObject());
            else
                p.done(Error{errorFromWire(o.value(QLatin1String("code")).toString()),
                             refusalText(o.value(QLatin1String("code")).toString(),
                                         o.value(QLatin1String("message")).toString())});
        }
    }

    static ErrorCode errorFromWire(const QString &code)
    {
        if (code == u"forbidden")
            return ErrorCode::Forbidden;
        if (code == u"not_found")
            return ErrorCode::NotFound;
        if (code == u"conflict")
            return ErrorCode::Conflict;
        if (code == u"internal")
            return ErrorCode::Internal;
        return ErrorCode::InvalidArgument;
    }

    void welcome(const QJsonObject &o)
    {
        if (o.value(QLatin1String("type")).toString() != u"welcome") {
            const QString code = o.value(QLatin1String("code")).toString();
            refuse(code == u"unauthorized"
                       ? SyncEngine::tr("The team master no longer accepts this desktop (%1). Pair it again "
                                        "with a new code from the admin.")
                             .arg(o.value(QLatin1String("message")).toString())
                       : o.value(QLatin1String("message")).toString());
            return;
        }
        attempts = 0;
        heartbeatMs = std::max(1000, int(o.value(QLatin1String("heartbeat_ms")).toInt(10000)));
        watchdog.start(3 * heartbeatMs);
        pinger.start(heartbeatMs);
        masterRevision = o.value(QLatin1String("revision")).toInteger();
        masterStoreId = o.value(QLatin1String("store_id")).toInteger();
        const auto st = replica->replicaState();
        const bool foreign = st && st->masterStoreId != 0 && st->masterStoreId != masterStoreId;
        if (o.value(QLatin1String("reset")).toBool() || foreign) {
            if (Error e = rebuild(SyncEngine::tr("The team master does not recognise this desktop's copy (it "
                                                 "was restored from an older backup, or replaced): the copy "
                                                 "is being rebuilt."))) {
                return offline(e.message);
            }
        }
        setState(State::CatchingUp);
        syncFrom(replica->revision().value_or(0));
        pump(); // what the operator did while offline goes first, in order
    }

    // Empties the replica by making it anew (its search index with it); readers reopen it.
    Error rebuild(const QString &why)
    {
        qCWarning(lcSync) << "rebuilding the replica:" << why;
        // What the operator did that the master has not confirmed goes into the new replica.
        const QList<store::OutboxEntry> outbox = replica->outbox().value_or(QList<store::OutboxEntry>());
        releaseInFlight();
        replica.reset();
        for (const QString &f : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")})
            QFile::remove(f);
        store::removeSearchIndex(path);
        if (Error e = open())
            return e;
        if (Error e = replica->restoreOutbox(outbox))
            return e;
        lastWaiting = lastRefused = -1;
        reportOutbox();
        emit engine->replicaReset(why);
        return {};
    }

    void syncFrom(qint64 since)
    {
        syncing = true;
        send({{QStringLiteral("type"), QStringLiteral("sync")},
              {QStringLiteral("id"), QStringLiteral("sync-%1").arg(nextId++)},
              {QStringLiteral("since"), since},
              {QStringLiteral("limit"), kPageLimit}});
    }

    void page(const QJsonObject &o)
    {
        syncing = false;
        if (o.value(QLatin1String("type")).toString() != u"changes") {
            if (o.value(QLatin1String("code")).toString() == u"reset_required") {
                if (Error e = rebuild(o.value(QLatin1String("message")).toString()))
                    return offline(e.message);
                syncFrom(0);
                return pump();
            }
            return offline(o.value(QLatin1String("message")).toString());
        }
        const qint64 next = o.value(QLatin1String("next")).toInteger(-1);
        const bool more = o.value(QLatin1String("has_more")).toBool();
        // The next page is asked for before this one is applied, so the master reads and encodes it
        // while this thread writes (a failed apply drops the connection, and that answer with it).
        if (more && next >= 0)
            syncFrom(next);
        if (!apply(o.value(QLatin1String("changes")).toArray(), next))
            return;
        masterRevision = std::max(masterRevision, next);
        if (!more)
            setState(State::Live);
    }

    void push(const QJsonObject &o)
    {
        if (state != State::Live || syncing)
            return; // a catch-up is under way: it brings these changes, or a later push shows the gap
        const qint64 from = o.value(QLatin1String("from")).toInteger(-1);
        const qint64 to = o.value(QLatin1String("to")).toInteger(-1);
        const qint64 cursor = replica->revision().value_or(0);
        masterRevision = std::max(masterRevision, to);
        if (to <= cursor)
            return;          // overlaps what was applied
        if (from > cursor) { // something was missed
            qCInfo(lcSync) << "gap in the pushes: cursor" << cursor << "push from" << from;
            return syncFrom(cursor);
        }
        apply(o.value(QLatin1String("changes")).toArray(), to);
    }

    bool apply(const QJsonArray &array, qint64 next)
    {
        QList<store::Change> changes;
        QString why;
        if (next < 0 || !readChanges(array, &changes, &why)) {
            offline(SyncEngine::tr("The team master sent changes this version cannot read (%1). Update the "
                                   "app, or ask the admin.")
                        .arg(why.isEmpty() ? QStringLiteral("next") : why));
            return false;
        }
        const auto applied = replica->applyChanges(changes, next, masterStoreId);
        if (!applied) {
            offline(applied.error().message);
            return false;
        }
        master::ChangeNotice n;
        n.revision = applied->cursor;
        n.conversationIds = applied->conversationIds;
        n.contentIds = applied->contentIds;
        n.accountIds = applied->accountIds;
        emit engine->progress(applied->cursor, masterRevision);
        if (!changes.isEmpty())
            emit engine->changed(n);
        if (lastWaiting + lastRefused > 0)
            reportOutbox(); // commands the master did may have left the outbox
        return true;
    }

    void notify(const store::Store::Applied &a)
    {
        master::ChangeNotice n;
        n.revision = a.cursor;
        n.conversationIds = a.conversationIds;
        n.contentIds = a.contentIds;
        n.accountIds = a.accountIds;
        if (!n.conversationIds.isEmpty() || !n.contentIds.isEmpty() || !n.accountIds.isEmpty())
            emit engine->changed(n);
    }

    void reportOutbox()
    {
        const auto entries = replica->outbox();
        if (!entries)
            return;
        int waiting = 0, refused = 0;
        for (const store::OutboxEntry &e : *entries)
            (e.state == store::OutboxEntry::State::Refused ? refused : waiting) += 1;
        if (waiting == lastWaiting && refused == lastRefused)
            return;
        lastWaiting = waiting;
        lastRefused = refused;
        emit engine->outboxChanged(waiting, refused);
    }

    bool connected() const
    {
        return socket && socket->state() == QAbstractSocket::ConnectedState &&
               (state == State::CatchingUp || state == State::Live);
    }

    // Sends the outbox's waiting commands, in order, at most kOutboxWindow unanswered at a time.
    void pump(const QString &given = QString(), master::MasterLink::Done done = {})
    {
        if (!connected() || pumpLater.isActive() || inFlight.size() >= kOutboxWindow) {
            if (done)
                done(queued(given));
            return;
        }
        const auto entries = replica->outbox();
        if (!entries) {
            if (done)
                done(entries.error());
            return;
        }
        for (const store::OutboxEntry &e : *entries) {
            if (inFlight.size() >= kOutboxWindow)
                break;
            if (e.state != store::OutboxEntry::State::Waiting || inFlight.contains(e.commandId))
                continue;
            inFlight.insert(e.commandId,
                            e.commandId == given ? std::exchange(done, {}) : master::MasterLink::Done());
            send({{QStringLiteral("type"), QStringLiteral("cmd")},
                  {QStringLiteral("id"), e.commandId},
                  {QStringLiteral("op"), e.op},
                  {QStringLiteral("args"), e.args}});
        }
        if (done) // the given command waits behind others: the caller hears that it is queued
            done(queued(given));
    }

    // Why the master refused a command, for the operator in their language: the wire's `message`
    // is English for developers, so it is quoted only where its detail is the point (what was
    // not accepted).
    static QString refusalText(const QString &code, const QString &message)
    {
        if (code == u"forbidden")
            return SyncEngine::tr("This desktop may not do that: the chat is not among the accounts the "
                                  "admin gave it, or its role does not allow it.");
        if (code == u"not_found")
            return SyncEngine::tr("The team master does not have it (any more): it may have been deleted "
                                  "on another desktop.");
        return SyncEngine::tr("The team master did not accept it: %1").arg(message);
    }

    // The master answered a command of the outbox.
    void answered(const QString &commandId, const QJsonObject &o)
    {
        const master::MasterLink::Done done = inFlight.take(commandId);
        if (o.value(QLatin1String("type")).toString() == u"result") {
            const QJsonObject result = o.value(QLatin1String("result")).toObject();
            if (auto a = replica->commandDone(commandId, result.value(QLatin1String("revision")).toInteger()))
                notify(*a);
            if (done)
                done(result);
        } else {
            const QString code = o.value(QLatin1String("code")).toString();
            const QString message = o.value(QLatin1String("message")).toString();
            if (code == u"rate_limited" || code == u"internal") {
                // Not refused: the master asks for it again later. It stays first in the outbox.
                qCInfo(lcSync) << "command" << commandId << "to be sent again:" << code;
                if (done)
                    done(queued(commandId));
                pumpLater.start(1000);
                reportOutbox();
                return;
            }
            // Refused: the master's state wins. An operator who waits for the answer hears it;
            // otherwise the entry stays, marked, for the window to show.
            const QString why = refusalText(code, message);
            if (auto a = replica->commandRefused(commandId, why, !done))
                notify(*a);
            if (done)
                done(Error{errorFromWire(code), why});
        }
        reportOutbox();
        pump();
    }

    // The connection is lost or unusable: try again after the backoff.
    void offline(const QString &why)
    {
        if (state == State::Refused)
            return;
        qCInfo(lcSync) << "offline:" << why;
        dropSocket();
        if (state != State::Offline)
            offlineSince = QDateTime::currentDateTime();
        setState(State::Offline, why);
        const int base = std::min(kMaxBackoffMs, kFirstBackoffMs << std::min(attempts, 16));
        ++attempts;
        retry.start(base / 2 + int(QRandomGenerator::global()->bounded(base / 2 + 1)));
    }

    void refuse(const QString &why)
    {
        qCWarning(lcSync) << "refused:" << why;
        dropSocket();
        retry.stop();
        setState(State::Refused, why);
    }

    void lost(int closeCode, const QString &reason)
    {
        if (state == State::Refused)
            return;
        if (closeCode == 4003)
            return refuse(SyncEngine::tr("This desktop was disconnected from the team master by its admin "
                                         "(device revoked). Ask the admin for a new pairing code."));
        if (closeCode == 1008 && reason == u"unauthorized")
            return refuse(SyncEngine::tr("The team master does not know this desktop's token. Pair it again "
                                         "with a new code from the admin."));
        offline(reason.isEmpty() ? SyncEngine::tr("The connection to the team master was lost.")
                                 : SyncEngine::tr("The team master closed the connection: %1").arg(reason));
    }

    // The outbox still holds this command, answered or refused, until the replica has caught up:
    // the same id again goes to the master, which answers for it (a repeat has no second effect).
    bool answeredInOutbox(const QString &commandId)
    {
        const auto entries = replica->outbox();
        return entries && std::any_of(entries->cbegin(), entries->cend(), [&](const store::OutboxEntry &e) {
                   return e.commandId == commandId && e.state != store::OutboxEntry::State::Waiting;
               });
    }

    void command(const QString &op, const QJsonObject &args, const QString &commandId,
                 master::MasterLink::Done done)
    {
        if (store::Store::isQueueable(op) && !answeredInOutbox(commandId)) {
            // Kept in the replica's outbox first (its effect shown at once), then sent when it can be.
            const auto a = replica->queueCommand(commandId, op, args, QDateTime::currentMSecsSinceEpoch());
            if (!a) {
                if (done)
                    done(a.error());
                return;
            }
            notify(*a);
            reportOutbox();
            return pump(commandId, std::move(done));
        }
        if (!socket || state == State::Connecting || socket->state() != QAbstractSocket::ConnectedState) {
            if (done)
                done(Error{ErrorCode::Io, SyncEngine::tr("Not connected to the team master.")});
            return;
        }
        commands.insert(commandId, Pending{std::move(done)});
        send({{QStringLiteral("type"), QStringLiteral("cmd")},
              {QStringLiteral("id"), commandId},
              {QStringLiteral("op"), op},
              {QStringLiteral("args"), args}});
    }
};

SyncEngine::SyncEngine(const QString &replicaPath, const RemoteMaster &remote, QObject *parent)
    : QObject(parent)
    , m_path(replicaPath)
    , m_remote(remote)
    , m_thread(std::make_unique<QThread>())
{
    qRegisterMetaType<hiscrm::sync::SyncEngine::State>();
    qRegisterMetaType<hiscrm::master::ChangeNotice>();
    m_thread->setObjectName(QStringLiteral("sync"));
}

SyncEngine::~SyncEngine()
{
    if (m_session) {
        Session *s = m_session;
        QMetaObject::invokeMethod(
            s,
            [s] {
                s->failCommands(SyncEngine::tr("The desktop is closing."));
                delete s;
            },
            Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
}

Error SyncEngine::start()
{
    if (m_session)
        return {};
    m_thread->start();
    m_session = new Session(this, m_path, m_remote);
    m_session->moveToThread(m_thread.get());
    Error opened;
    Session *s = m_session;
    QMetaObject::invokeMethod(
        s,
        [s, &opened] {
            opened = s->open();
            if (!opened)
                s->connectNow();
        },
        Qt::BlockingQueuedConnection);
    return opened;
}

void SyncEngine::command(const QString &op, const QJsonObject &args, const QString &commandId,
                         master::MasterLink::Done done)
{
    if (!m_session) {
        if (done)
            done(Error{ErrorCode::Io, tr("Not connected to the team master.")});
        return;
    }
    // The answer comes back to this thread.
    QPointer<SyncEngine> self(this);
    auto back = [self, done = std::move(done)](const Result<QJsonObject> &r) {
        if (!done)
            return;
        QMetaObject::invokeMethod(
            self ? static_cast<QObject *>(self.data()) : QCoreApplication::instance(),
            [self, done, r] {
                if (self)
                    done(r);
            },
            Qt::QueuedConnection);
    };
    Session *s = m_session;
    QMetaObject::invokeMethod(s, [s, op, args, commandId, back] { s->command(op, args, commandId, back); });
}

void SyncEngine::dismissRefused()
{
    if (Session *s = m_session)
        QMetaObject::invokeMethod(s, [s] { s->dismissRefused(); });
}

void SyncEngine::reconnect(bool now)
{
    if (!m_session)
        return;
    Session *s = m_session;
    QMetaObject::invokeMethod(s, [s, now] {
        if (now)
            s->connectNow();
        else
            s->offline(SyncEngine::tr("Reconnecting."));
    });
}

} // namespace hiscrm::sync
