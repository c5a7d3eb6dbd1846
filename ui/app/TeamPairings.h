// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The team masters this desktop is paired with. Each has a folder of its own under
// <data folder>/team/<id>/: pairing.json (where the master is, its certificate's fingerprint, the
// device's name and role; no secret), the device token, and the replica (replica.db with its
// search index). The token is kept in the system keychain (SecretStore); where there is none (no
// Secret Service running, a build without qtkeychain) it is kept in a file only the user can read
// ("token", mode 0600), and the operator is told.

#include "common/Error.h"
#include "sync/Pairing.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace hiscrm::ui {

struct TeamPairing
{
    QString id;     // the folder's name under <data>/team
    QString folder; // absolute
    sync::RemoteMaster remote;
    QString deviceName; // as the admin named the device
    QString role;
    bool tokenInKeychain = false;
    QString keychainProblem; // why the token is in a file (save() only), for the operator
    QString host() const { return remote.url.host() + u':' + QString::number(remote.url.port()); }
    QString replicaPath() const;
};

class TeamPairings
{
    Q_DECLARE_TR_FUNCTIONS(TeamPairings)

public:
    static QString root(const QString &dataDir); // <data>/team
    static QList<TeamPairing> list(const QString &dataDir);
    // withToken false leaves remote.token empty and the keychain unasked (menus, lists).
    static Result<TeamPairing> load(const QString &dataDir, const QString &id, bool withToken = true);
    // Keeps a new pairing; a desktop paired again with the same master gets a folder of its own.
    static Result<TeamPairing> save(const QString &dataDir, const sync::PairedDevice &device);
    // Forgets the pairing: its folder with the token and the replica, and its keychain entry.
    static Error forget(const TeamPairing &pairing);
    // The other pairings with the master `pairing` is paired with (the same address): a desktop
    // paired again after the admin revoked it, or for another scope.
    static QList<TeamPairing> sameMaster(const QString &dataDir, const TeamPairing &pairing);
    // The operator's changes in a pairing's copy that the master has not done yet (waiting, or sent
    // and not answered); 0 when there is no copy yet. Reads the copy, which may be open elsewhere.
    static Result<int> unsentChanges(const TeamPairing &pairing);
};

} // namespace hiscrm::ui
