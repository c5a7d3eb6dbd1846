// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// sync/: a desktop paired with a team master keeps a replica of what its device may see. The
// SyncEngine alone writes the replica, in a thread of its own: it catches up with sync pages (each
// page applied in one transaction with the cursor), then applies the master's live pushes; a push
// that does not follow the cursor means something was missed, and a catch-up fills it. It
// reconnects after a network failure with capped exponential backoff and jitter, finds half-open
// connections by their silence, and after a restart resumes from the replica's cursor. A replica
// that the master no longer recognises (restored from an older backup, or another master) is
// rebuilt from nothing. The window reads the replica through its own read-only connection, as it
// reads a local master's store (docs/architecture.md, "Desktop paired with a team master").

#include "common/Error.h"
#include "master/Master.h"
#include "master/MasterLink.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QThread;

namespace hiscrm::sync {

// What a paired desktop keeps of its master (the token is a secret: never logged).
struct RemoteMaster
{
    QUrl url;            // ws://host:port/client or wss://…
    QString token;       // the device token from `paired`
    QString fingerprint; // wss: "sha256:<hex>" of the master's certificate, as the pairing link says
};

class SyncEngine final : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,
        Connecting, // connecting, or waiting for `welcome`
        CatchingUp, // sync pages
        Live,       // caught up: pushes arrive as the master commits
        Offline,    // the connection is down; a new attempt follows (retryAt())
        Refused     // the master refused the device (revoked, wrong token, certificate): no retry
    };
    Q_ENUM(State)

    SyncEngine(const QString &replicaPath, const RemoteMaster &remote, QObject *parent = nullptr);
    ~SyncEngine() override; // stops the thread; the replica keeps what it applied
    Q_DISABLE_COPY_MOVE(SyncEngine)

    // Opens (or creates) the replica, waiting for it, then connects in the background.
    Error start();
    QString replicaPath() const { return m_path; }

    // Sends a command (a `cmd` frame with this id, the command id); `done` gets the answer in this
    // object's thread.
    //
    // The ops an operator gives on the inbox (store::Store::isQueueable: marks, pin, archive, mute,
    // tags, replies) go to the replica's outbox first, which shows their effect at once, and are sent
    // from there in order, each once (its command id; a command sent again after a reconnect is
    // recognised by the master). `done` gets the master's result or refusal when the master
    // answers on this connection; when it cannot (offline, the connection lost, commands ahead of
    // it), `done` gets {"queued": true, "command_id": …} and a refusal that comes later stays in the
    // outbox, Refused with its reason (outboxChanged), after which the master's state is shown.
    //
    // Other ops need the master now: offline, or when the connection goes before the answer, they
    // fail with ErrorCode::Io; sending the same id again later is safe.
    void command(const QString &op, const QJsonObject &args, const QString &commandId,
                 master::MasterLink::Done done);
    // Forgets the refused commands of the outbox (the operator has seen them).
    void dismissRefused();

    // Tests and the "Reconnect" action: drops the connection now, as a network failure would, and
    // connects again at once (when now is true) or after the backoff.
    void reconnect(bool now = true);

    // Backoff between attempts: 0.5 s doubling to at most kMaxBackoffMs, each drawn between half and
    // all of it (jitter, so that a hundred desktops do not come back at the same moment).
    static constexpr int kFirstBackoffMs = 500;
    static constexpr int kMaxBackoffMs = 30000;
    static constexpr int kPageLimit = 1000;
    // Outbox commands sent and not answered yet, at most (within the master's rate limit).
    static constexpr int kOutboxWindow = 32;

signals:
    // detail: why (offline, refused) in the operator's language; empty otherwise.
    void stateChanged(hiscrm::sync::SyncEngine::State state, const QString &detail);
    // The replica's cursor and the master's latest revision (from welcome, then pushes).
    void progress(qint64 cursor, qint64 masterRevision);
    // The replica changed (a page or a push applied): what to refresh.
    void changed(const hiscrm::master::ChangeNotice &notice);
    // The replica was emptied to be rebuilt (the master did not recognise it). Readers of the
    // replica reopen it.
    void replicaReset(const QString &why);
    // The outbox: commands waiting to reach the master (or its answer), and commands it refused.
    void outboxChanged(int waiting, int refused);

private:
    struct Session;
    QString m_path;
    RemoteMaster m_remote;
    std::unique_ptr<QThread> m_thread;
    Session *m_session = nullptr; // lives in m_thread
};

} // namespace hiscrm::sync
