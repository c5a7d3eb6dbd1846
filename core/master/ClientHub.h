// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Commands.h"
#include "master/Peer.h"
#include "protocol/Protocol.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QMutex>
#include <QObject>

#include <memory>

namespace hiscrm::master {

class Master;
class PushEncoder;
class DirectSender;
struct ChangeNotice;
struct PushRound;

// The client side of the protocol (docs/protocol.md, "Clients"): paired desktops on the master's
// port, path /client. A connection pairs (a one-time code for a device token) or says hello with its
// token; then it catches up with sync pages, receives a push after every commit, and sends commands
// that run through the same registry as the desktop's own, within its device's role and scope.
//
// Fan-out: after a commit the new changes are read, filtered and encoded in the push thread
// (PushEncoder), once per scope whatever the number of devices of that scope; this hub sends the
// frames. Lives in the clients thread, beside the master's: it reads the database on a connection of
// its own and has the master's thread do the writes (pairing, commands, last-seen times).
// The devices connected, as the master's `status` lists them: the ClientHub (in the clients thread)
// publishes the list, the master's thread reads it.
struct ConnectedDevices
{
    QJsonArray list() const
    {
        const QMutexLocker lock(&mutex);
        return devices;
    }
    void set(QJsonArray d)
    {
        const QMutexLocker lock(&mutex);
        devices = std::move(d);
    }

private:
    mutable QMutex mutex;
    QJsonArray devices;
};

class ClientHub final : public QObject
{
    Q_OBJECT

public:
    // In the clients thread (see WorkerServer): it reads the master database at dbPath on a
    // connection of its own and has the master's thread write, through masterSide (an object of
    // that thread).
    ClientHub(Master *master, const QString &dbPath, QObject *masterSide,
              std::shared_ptr<ConnectedDevices> devices, QObject *parent = nullptr);
    ~ClientHub() override;

    // A frame of a client connection (parsed, its rate paid).
    void frame(Peer *peer, const protocol::Envelope &e);
    // The connection is gone (or being dropped): forget it.
    void gone(Peer *peer);
    // Whether the connection said a valid hello.
    bool isAuthenticated(Peer *peer) const;
    int deviceCount() const;

    // Pairing: wrong codes per connection before it is closed, and over the whole port per minute
    // before every pairing attempt is refused until the minute is over.
    static constexpr int kWrongCodesPerConnection = 3;
    static constexpr int kWrongCodesPerMinute = 10;
    // A sync page holds at most this many changes and about this many bytes.
    static constexpr int kMaxSyncLimit = 1000;
    static constexpr qsizetype kPageBytes = 1024 * 1024;

private:
    struct Client
    {
        Peer *peer = nullptr;
        bool authenticated = false;
        bool live = false; // caught up: receives pushes
        Caller caller;
        QString name;
        QString scopeKey;
        int wrongCodes = 0;
        quint64 serial = 0; // names the connection to answers that come back from the master's thread
    };
    struct ScopeFeed
    {
        store::AccountScope scope;
        qint64 scanned = 0;  // the changes up to this revision were looked at for the scope
        qint64 lastTo = 0;   // the `to` of the last push of this scope
        QList<Peer *> peers; // the connections of this scope receiving pushes
    };

    Client &client(Peer *peer);
    void onPair(Client &c, const protocol::Envelope &e);
    void paid(Client &c, const QJsonValue &re, qint64 now, const Result<store::PairedDevice> &paired,
              store::PairingRefusal why);
    template <typename Work, typename Then> void viaMaster(Client &c, Work work, Then then);
    void publishDevices();
    void onHello(Client &c, const protocol::Envelope &e);
    void onSync(Client &c, const protocol::Envelope &e);
    void onCommand(Client &c, const protocol::Envelope &e);
    void goLive(Client &c, qint64 cursor);
    void leaveLive(Client &c);
    void push();
    void checkDevices();
    // Sends a round of the push encoder's frames (see PushEncoder) to the devices of each scope.
    void pushed(const PushRound &round);

    Master *m_master;
    QObject *m_masterSide;
    const QString m_dbPath;
    std::shared_ptr<ConnectedDevices> m_devices;
    std::unique_ptr<store::Store> m_store; // read-only, this thread's
    QHash<Peer *, Client> m_clients;
    QHash<quint64, Peer *> m_bySerial;
    quint64 m_serials = 0;
    // The list `status` shows is published on the next tick, once however many devices came, went
    // or went live meanwhile (a thousand reconnecting would otherwise rebuild it a thousand times).
    bool m_devicesChanged = false;
    QHash<QString, ScopeFeed> m_feeds;      // by scope key
    std::unique_ptr<PushEncoder> m_encoder; // started with the first live device
    std::unique_ptr<DirectSender> m_sender; // likewise
    bool m_encoding = false;                // a round is running: the next waits for it
    qint64 m_revision = 0;                  // the newest revision known committed
    // A round of at most this many changes is read and encoded in this thread (push()).
    static constexpr qint64 kInlineChanges = 256;
    qint64 m_devicesVersion = -1;
    QList<qint64> m_wrongCodeTimes;   // ms, the last minute's wrong pairing codes on the port
    QHash<qint64, qint64> m_lastSeen; // device -> ms, written at the next tick
};

} // namespace hiscrm::master
