// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Pairing a desktop with a team master (docs/protocol.md, "Devices and pairing"): the link the
// admin's `hiscrm-master pair` prints, and the exchange of its one-time code for a device token.

#include "common/Error.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QObject;

namespace hiscrm::sync {

// hiscrm://pair?url=ws://team.example:7788/client&code=7KQ2M-XD94P[&fp=sha256:…]
struct PairingLink
{
    Q_DECLARE_TR_FUNCTIONS(PairingLink)

public:
    QUrl url;            // the master's client URL (ws:// or wss://, path /client)
    QString code;        // the one-time pairing code
    QString fingerprint; // wss: the master certificate's "sha256:<hex>"

    // A pasted link (surrounding spaces and a trailing full stop forgiven). nullopt, with *why in
    // the operator's language, when it is not one.
    static std::optional<PairingLink> parse(const QString &text, QString *why);
    // An address typed by hand ("team.example:7788", "ws://…", "wss://…"): the client URL.
    static std::optional<QUrl> urlFromAddress(const QString &address, QString *why);
};

struct PairedDevice
{
    RemoteMaster remote; // where, the token, the pinned fingerprint
    qint64 deviceId = 0;
    QString name;           // as the admin named the device
    QString role;           // operator, admin, viewer
    QList<qint64> accounts; // empty: every account
};

// Exchanges the link's code for a device token on a connection of its own. Call it in context's
// thread; `done` is called once, there (nothing when context is gone first). Gives up after timeoutMs.
void pairWithMaster(const PairingLink &link, const QString &deviceName, QObject *context,
                    std::function<void(const Result<PairedDevice> &)> done, int timeoutMs = 15000);

} // namespace hiscrm::sync
