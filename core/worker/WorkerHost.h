// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "worker/Connector.h"

#include <QDateTime>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace hiscrm::worker {

// What the host reports of one connector.
struct ConnectorStatus
{
    enum class State
    {
        Stopped,
        Starting,
        Running,
        Backoff,
        Failed
    };
    QString id;
    QString platform;
    QStringList accounts;
    State state = State::Stopped;
    bool loggedIn = false; // every account it serves reported logged in
    qint64 lastSyncMs = 0; // last committed batch
    quint64 batches = 0;   // committed batches
    quint64 messages = 0;  // committed items (messages + comments)
    quint64 errors = 0;    // failures, rejected batches, failed replies
    QString lastError;
    int restarts = 0;
    qint64 nextStartMs = 0; // Backoff: when it starts again
};
QString toString(ConnectorStatus::State state);

// Where the host delivers what connectors produce: the master, in the master's thread. The host
// calls these from the thread it lives in, through queued connections; implementations run in
// the thread of the object given to setSink.
class ConnectorSink
{
public:
    virtual ~ConnectorSink() = default;
    // Commit the batch; return an empty string on success, or the reason it was rejected.
    virtual QString ingestFromConnector(const QString &connectorId, const model::Batch &batch) = 0;
    virtual void accountStatusFromConnector(const QString &connectorId, const QString &platform,
                                            const QString &accountId, model::LoginState state,
                                            const QString &error) = 0;
    virtual void replyResultFromConnector(const QString &connectorId, const ReplyResult &result) = 0;
    // A connector now serves these accounts (after start or restart) or stopped serving them.
    virtual void connectorOnline(const QString &connectorId, const QString &platform,
                                 const QStringList &accounts) = 0;
    virtual void connectorOffline(const QString &connectorId) = 0;
};

// Runs each connector in its own thread, restarts a failed one with capped exponential backoff
// (1 s, 2 s, 4 s ... at most 60 s, reset after 5 minutes of running well), and keeps its status.
// Lives in the thread that creates it (the app's main thread or the master's thread).
class WorkerHost : public QObject
{
    Q_OBJECT

public:
    explicit WorkerHost(QObject *parent = nullptr);
    ~WorkerHost() override; // stops every connector and joins its thread

    // The sink and the object whose thread runs it (the master). Must be set before add().
    void setSink(ConnectorSink *sink, QObject *sinkThreadContext);

    // Takes ownership; starts it at once. A factory makes a fresh connector for each restart.
    void add(std::function<std::unique_ptr<Connector>()> factory);
    void stopAll();

    QList<ConnectorStatus> status() const;

    // Hands a reply to the connector with this id (in its thread). False if it is not running.
    bool sendReply(const QString &connectorId, const ReplyRequest &request);

    // Backoff bounds, shortened by tests.
    void setBackoff(int initialMs, int maxMs);

signals:
    void statusChanged(const hiscrm::worker::ConnectorStatus &status);

private:
    struct Slot;
    void startSlot(Slot &slot);
    void onFailed(Slot &slot, const QString &error);
    std::vector<std::unique_ptr<Slot>> m_slots;
    ConnectorSink *m_sink = nullptr;
    QObject *m_sinkContext = nullptr;
    int m_initialBackoffMs = 1000;
    int m_maxBackoffMs = 60000;
};

} // namespace hiscrm::worker

Q_DECLARE_METATYPE(hiscrm::worker::ConnectorStatus)
