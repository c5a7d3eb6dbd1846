// SPDX-License-Identifier: GPL-3.0-or-later
#include "worker/WorkerHost.h"

#include "common/Clock.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QThread>
#include <QTimer>

namespace hiscrm::worker {

namespace {

Q_LOGGING_CATEGORY(lcWorker, "hiscrm.worker", QtInfoMsg)

// A connector that ran this long without failing counts as healthy: its next failure starts the
// backoff over instead of doubling it.
constexpr qint64 kHealthyRunMs = 5 * 60 * 1000;

void registerMetaTypes()
{
    static const bool registered = [] {
        qRegisterMetaType<hiscrm::model::Batch>();
        qRegisterMetaType<hiscrm::worker::ReplyRequest>();
        qRegisterMetaType<hiscrm::worker::ReplyResult>();
        qRegisterMetaType<hiscrm::model::LoginState>();
        qRegisterMetaType<hiscrm::worker::ConnectorStatus>();
        return true;
    }();
    Q_UNUSED(registered);
}

// How connector and sink threads reach the host without outliving it: the host clears `host`
// under the mutex before it goes away, and Qt drops the events already posted to a destroyed
// object, so nothing posted here can run against a dead host.
struct HostLink
{
    QMutex mutex;
    WorkerHost *host = nullptr;

    template <typename F> void post(F &&f)
    {
        QMutexLocker lock(&mutex);
        if (host)
            QMetaObject::invokeMethod(host, std::forward<F>(f), Qt::QueuedConnection);
    }
};

} // namespace

QString toString(ConnectorStatus::State state)
{
    switch (state) {
    case ConnectorStatus::State::Stopped:
        return QStringLiteral("stopped");
    case ConnectorStatus::State::Starting:
        return QStringLiteral("starting");
    case ConnectorStatus::State::Running:
        return QStringLiteral("running");
    case ConnectorStatus::State::Backoff:
        return QStringLiteral("backoff");
    case ConnectorStatus::State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("stopped");
}

// Everything here belongs to the host's thread; the connector object itself is only reached
// through queued invocations while its thread runs.
struct WorkerHost::Slot
{
    std::function<std::unique_ptr<Connector>()> factory;
    ConnectorStatus status;
    Connector *connector = nullptr; // the running instance, owned here, lives in `thread`
    std::unique_ptr<QThread> thread;
    std::shared_ptr<HostLink> link = std::make_shared<HostLink>();
    QHash<QString, model::LoginState> logins;
    // Bumped for every instance, so late signals of a replaced instance cannot change its state.
    quint64 generation = 0;
    int lastBackoffMs = 0; // 0: the next failure waits the initial backoff
    qint64 runningSinceMs = 0;
    QTimer restart;

    void updateLoggedIn()
    {
        bool all = !status.accounts.isEmpty();
        for (const QString &account : std::as_const(status.accounts))
            all = all && logins.value(account) == model::LoginState::LoggedIn;
        status.loggedIn = all;
    }

    // Stops the running instance and joins its thread. False when nothing was running.
    bool shutDown()
    {
        restart.stop();
        if (!connector)
            return false;
        Connector *c = connector;
        connector = nullptr;
        ++generation;
        if (thread && thread->isRunning()) {
            // Deleted in its own thread: sockets and timers a connector owns must die where they
            // were made. The thread runs the deferred delete before it finishes, so wait() returns
            // with the connector gone.
            QMetaObject::invokeMethod(
                c,
                [c] {
                    c->stop();
                    c->deleteLater();
                },
                Qt::BlockingQueuedConnection);
            thread->quit();
            thread->wait();
        } else {
            // Its thread ended on its own; nothing runs there any more.
            delete c;
        }
        thread.reset();
        logins.clear();
        status.loggedIn = false;
        runningSinceMs = 0;
        return true;
    }
};

WorkerHost::WorkerHost(QObject *parent)
    : QObject(parent)
{
    registerMetaTypes();
}

WorkerHost::~WorkerHost()
{
    for (const auto &slot : m_slots) {
        QMutexLocker lock(&slot->link->mutex);
        slot->link->host = nullptr;
    }
    stopAll();
}

void WorkerHost::setSink(ConnectorSink *sink, QObject *sinkThreadContext)
{
    m_sink = sink;
    m_sinkContext = sinkThreadContext ? sinkThreadContext : this;
}

void WorkerHost::add(std::function<std::unique_ptr<Connector>()> factory)
{
    if (!m_sink)
        qCWarning(lcWorker) << "connector added before the sink was set: its output is dropped";
    auto slot = std::make_unique<Slot>();
    slot->factory = std::move(factory);
    slot->link->host = this;
    slot->restart.setSingleShot(true);
    Slot *s = slot.get();
    connect(&slot->restart, &QTimer::timeout, this, [this, s] { startSlot(*s); });
    m_slots.push_back(std::move(slot));
    startSlot(*s);
}

void WorkerHost::startSlot(Slot &slot)
{
    slot.restart.stop();
    std::unique_ptr<Connector> made = slot.factory ? slot.factory() : nullptr;
    if (!made) {
        slot.status.state = ConnectorStatus::State::Failed;
        slot.status.lastError = QStringLiteral("the connector factory made no connector");
        ++slot.status.errors;
        slot.status.nextStartMs = 0;
        qCWarning(lcWorker) << "connector factory returned nothing for" << slot.status.id;
        emit statusChanged(slot.status);
        return;
    }

    Connector *c = made.release();
    const quint64 gen = ++slot.generation;
    slot.status.id = c->id();
    slot.status.platform = c->platform();
    slot.status.accounts = c->accounts();
    slot.status.state = ConnectorStatus::State::Starting;
    slot.status.nextStartMs = 0;
    slot.logins.clear();
    slot.updateLoggedIn();
    slot.thread = std::make_unique<QThread>();
    slot.thread->setObjectName(QStringLiteral("connector %1").arg(slot.status.id));
    c->moveToThread(slot.thread.get());
    slot.connector = c;

    // Captured by value: these lambdas run in the connector's and the sink's threads, where the
    // host must not be touched except through the link.
    const QString id = slot.status.id;
    const QString platform = slot.status.platform;
    const QStringList accounts = slot.status.accounts;
    ConnectorSink *sink = m_sink;
    QObject *sinkContext = m_sinkContext;
    const std::shared_ptr<HostLink> link = slot.link;
    Slot *s = &slot;

    connect(
        c, &Connector::batchReady, c,
        [this, s, id, sink, sinkContext, link](quint64, const model::Batch &batch) {
            if (!sink)
                return;
            QMetaObject::invokeMethod(
                sinkContext,
                [this, s, id, sink, link, batch] {
                    const QString error = sink->ingestFromConnector(id, batch);
                    const quint64 items = quint64(batch.messages.size() + batch.comments.size());
                    link->post([this, s, id, error, items] {
                        if (error.isEmpty()) {
                            ++s->status.batches;
                            s->status.messages += items;
                            s->status.lastSyncMs = nowMs();
                        } else {
                            // A lasting refusal (a damaged database refuses every batch) is logged
                            // once, not once per batch; the status counts every one.
                            if (error != s->status.lastError)
                                qCWarning(lcWorker) << "batch of" << id << "rejected:" << error;
                            ++s->status.errors;
                            s->status.lastError = error;
                        }
                        emit statusChanged(s->status);
                    });
                },
                Qt::QueuedConnection);
        },
        Qt::DirectConnection);

    connect(
        c, &Connector::accountStatus, c,
        [this, s, gen, id, platform, sink, sinkContext, link](const QString &account, model::LoginState state,
                                                              const QString &error) {
            if (sink) {
                QMetaObject::invokeMethod(
                    sinkContext,
                    [sink, id, platform, account, state, error] {
                        sink->accountStatusFromConnector(id, platform, account, state, error);
                    },
                    Qt::QueuedConnection);
            }
            link->post([this, s, gen, account, state, error] {
                if (s->generation != gen)
                    return;
                s->logins.insert(account, state);
                s->updateLoggedIn();
                if (!error.isEmpty())
                    s->status.lastError = error;
                emit statusChanged(s->status);
            });
        },
        Qt::DirectConnection);

    connect(
        c, &Connector::replyFinished, c,
        [this, s, id, sink, sinkContext, link](const ReplyResult &result) {
            if (sink) {
                QMetaObject::invokeMethod(
                    sinkContext, [sink, id, result] { sink->replyResultFromConnector(id, result); },
                    Qt::QueuedConnection);
            }
            if (result.sent)
                return;
            link->post([this, s, error = result.error] {
                ++s->status.errors;
                s->status.lastError = error;
                emit statusChanged(s->status);
            });
        },
        Qt::DirectConnection);

    connect(
        c, &Connector::failed, c,
        [this, s, gen, link](const QString &error) {
            link->post([this, s, gen, error] {
                if (s->generation == gen)
                    onFailed(*s, error);
            });
        },
        Qt::DirectConnection);

    slot.thread->start();
    if (sink) {
        QMetaObject::invokeMethod(
            sinkContext, [sink, id, platform, accounts] { sink->connectorOnline(id, platform, accounts); },
            Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(
        c,
        [this, c, s, gen, link] {
            c->start();
            link->post([this, s, gen] {
                // A failure during start() was posted first and has replaced this instance.
                if (s->generation != gen || s->status.state != ConnectorStatus::State::Starting)
                    return;
                s->status.state = ConnectorStatus::State::Running;
                s->runningSinceMs = nowMs();
                emit statusChanged(s->status);
            });
        },
        Qt::QueuedConnection);
    qCInfo(lcWorker) << "started connector" << id << "for" << accounts.size() << "accounts";
    emit statusChanged(slot.status);
}

void WorkerHost::onFailed(Slot &slot, const QString &error)
{
    const qint64 now = nowMs();
    const bool healthy = slot.status.state == ConnectorStatus::State::Running && slot.runningSinceMs > 0 &&
                         now - slot.runningSinceMs >= kHealthyRunMs;
    const bool wasUp = slot.shutDown();

    const qint64 backoff = (healthy || slot.lastBackoffMs <= 0)
                               ? qint64(m_initialBackoffMs)
                               : qMin(qint64(slot.lastBackoffMs) * 2, qint64(m_maxBackoffMs));
    slot.lastBackoffMs = int(backoff);
    ++slot.status.errors;
    ++slot.status.restarts;
    slot.status.lastError = error;
    slot.status.state = ConnectorStatus::State::Backoff;
    slot.status.nextStartMs = now + backoff;
    qCWarning(lcWorker) << "connector" << slot.status.id << "failed:" << error << "- restarting in" << backoff
                        << "ms";

    if (wasUp && m_sink) {
        ConnectorSink *sink = m_sink;
        const QString id = slot.status.id;
        QMetaObject::invokeMethod(
            m_sinkContext, [sink, id] { sink->connectorOffline(id); }, Qt::QueuedConnection);
    }
    slot.restart.start(int(backoff));
    emit statusChanged(slot.status);
}

void WorkerHost::stopAll()
{
    for (const auto &slot : m_slots) {
        const bool wasUp = slot->shutDown();
        const ConnectorStatus::State before = slot->status.state;
        if (before == ConnectorStatus::State::Stopped || before == ConnectorStatus::State::Failed)
            continue;
        slot->status.state = ConnectorStatus::State::Stopped;
        slot->status.nextStartMs = 0;
        if (wasUp && m_sink) {
            ConnectorSink *sink = m_sink;
            const QString id = slot->status.id;
            QMetaObject::invokeMethod(
                m_sinkContext, [sink, id] { sink->connectorOffline(id); }, Qt::QueuedConnection);
        }
        qCInfo(lcWorker) << "stopped connector" << slot->status.id;
        emit statusChanged(slot->status);
    }
}

QList<ConnectorStatus> WorkerHost::status() const
{
    QList<ConnectorStatus> out;
    out.reserve(qsizetype(m_slots.size()));
    for (const auto &slot : m_slots)
        out.append(slot->status);
    return out;
}

bool WorkerHost::sendReply(const QString &connectorId, const ReplyRequest &request)
{
    for (const auto &slot : m_slots) {
        Connector *c = slot->connector;
        if (!c || slot->status.id != connectorId)
            continue;
        QMetaObject::invokeMethod(
            c, [c, request] { c->sendReply(request); }, Qt::QueuedConnection);
        return true;
    }
    return false;
}

void WorkerHost::setBackoff(int initialMs, int maxMs)
{
    m_initialBackoffMs = qMax(1, initialMs);
    m_maxBackoffMs = qMax(m_initialBackoffMs, maxMs);
}

} // namespace hiscrm::worker
