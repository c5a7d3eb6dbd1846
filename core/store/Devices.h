// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Paired devices (team mode): desktops that sync with a master and send it commands. An admin makes
// a one-time pairing code on the master's machine (hiscrm-master pair); a desktop exchanges it for a
// device token. The store keeps only SHA-256 digests of codes and tokens, never the secrets.

#include <QList>
#include <QString>
#include <QtGlobal>

namespace hiscrm::store {

enum class DeviceRole
{
    Operator, // reads its scope and acts on it
    Admin,    // an operator who may also ask for the master's status
    Viewer    // reads its scope; every command that changes something is refused
};
QString toString(DeviceRole role);
bool fromString(const QString &name, DeviceRole *role);

struct Device
{
    qint64 id = 0;
    QString name;
    DeviceRole role = DeviceRole::Operator;
    QList<qint64> accounts; // its scope (store account ids, sorted); empty: every account
    qint64 createdAt = 0;   // ms since 1970
    qint64 lastSeenAt = 0;  // 0: never connected
    qint64 revokedAt = 0;   // 0: not revoked
};

struct PairingRequest
{
    QString name; // the device's name as the admin lists it
    DeviceRole role = DeviceRole::Operator;
    QList<qint64> accounts;        // empty: every account
    qint64 ttlMs = 10 * 60 * 1000; // a code is good for 10 minutes
};

struct Pairing
{
    QString code; // shown once: XXXXX-XXXXX (Crockford base32, 50 bits)
    qint64 expiresAt = 0;
};

struct PairedDevice
{
    Device device;
    QString token; // shown once to the device: "hcd_" + 43 base64url characters (256 bits)
};

// Why a pairing code was refused, for the device to tell its user in the user's language (the
// protocol's `reason` of the `pair` error: wrong_code, used_code, expired_code).
enum class PairingRefusal
{
    None,
    Wrong,
    Used,
    Expired
};
QString toString(PairingRefusal refusal); // "wrong_code", ...; empty for None

constexpr int kMaxDeviceNameChars = 100;

// Codes are typed by people: case, dashes and spaces do not matter, and O/I/L read as 0/1/1.
QString normalizePairingCode(const QString &code);

} // namespace hiscrm::store
