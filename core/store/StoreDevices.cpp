// SPDX-License-Identifier: GPL-3.0-or-later
// Paired devices and pairing codes (store/Devices.h). Codes and tokens are random from the
// system's generator; only their SHA-256 digests are written. Every change to a device bumps the
// meta counter 'devices', which a running master watches to close a revoked device's connections.

#include "store/Devices.h"
#include "store/StoreImpl.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace hiscrm::store {

namespace {

constexpr char kCodeAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32
constexpr int kCodeChars = 10;

QByteArray digest(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex();
}

QString accountsText(const QList<qint64> &accounts)
{
    QStringList parts;
    for (qint64 a : accounts)
        parts << QString::number(a);
    return parts.join(u',');
}

QList<qint64> accountsFrom(const QString &text)
{
    QList<qint64> out;
    for (const QString &p : text.split(u',', Qt::SkipEmptyParts))
        out << p.toLongLong();
    return out;
}

QList<qint64> sortedUnique(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

Device readDevice(const Cached &q)
{
    Device d;
    d.id = q.int64(0);
    d.name = q.text(1);
    fromString(q.text(2), &d.role);
    d.accounts = accountsFrom(q.text(3));
    d.createdAt = q.int64(4);
    d.lastSeenAt = q.int64(5);
    d.revokedAt = q.int64(6);
    return d;
}

#define HISCRM_DEVICE_COLS "id, name, role, accounts, created_at, last_seen_at, revoked_at"

void bumpDevices(Store::Impl &d)
{
    d.db.cached("UPDATE meta SET value = value + 1 WHERE key = 'devices'").run();
}

Error checkName(const QString &name)
{
    const QString clean = name.trimmed();
    if (clean.isEmpty() || clean.size() > kMaxDeviceNameChars)
        return {ErrorCode::InvalidArgument,
                Store::tr("A device name has 1 to %1 characters.").arg(kMaxDeviceNameChars)};
    if (!clean.isValidUtf16())
        return {ErrorCode::InvalidArgument, Store::tr("The device name is not valid text.")};
    return {};
}

std::optional<Device> deviceById(Store::Impl &d, qint64 id)
{
    auto q = d.db.cached("SELECT " HISCRM_DEVICE_COLS " FROM devices WHERE id = ?1");
    q.bind(1, id);
    if (!q.next())
        return std::nullopt;
    return readDevice(q);
}

Error noSuchDevice(qint64 id)
{
    return {ErrorCode::NotFound,
            Store::tr("There is no device %1. List the devices to see their numbers.").arg(id)};
}

} // namespace

QString toString(DeviceRole role)
{
    switch (role) {
    case DeviceRole::Admin:
        return QStringLiteral("admin");
    case DeviceRole::Viewer:
        return QStringLiteral("viewer");
    case DeviceRole::Operator:
        break;
    }
    return QStringLiteral("operator");
}

bool fromString(const QString &name, DeviceRole *role)
{
    for (DeviceRole r : {DeviceRole::Operator, DeviceRole::Admin, DeviceRole::Viewer}) {
        if (name == toString(r)) {
            *role = r;
            return true;
        }
    }
    return false;
}

QString normalizePairingCode(const QString &code)
{
    QString out;
    for (QChar c : code) {
        if (c == u'-' || c.isSpace())
            continue;
        c = c.toUpper();
        if (c == u'O')
            c = u'0';
        else if (c == u'I' || c == u'L')
            c = u'1';
        out += c;
    }
    return out;
}

Result<Pairing> Store::createPairing(const PairingRequest &request, qint64 now)
{
    if (Error e = checkName(request.name))
        return e;
    if (Error e = d->checkWritable())
        return e;
    const QList<qint64> accounts = sortedUnique(request.accounts);
    return d->guarded([&]() -> Result<Pairing> {
        WriteTransaction txn(d->db);
        for (qint64 a : accounts) {
            auto q = d->db.cached("SELECT 1 FROM accounts WHERE id = ?1");
            q.bind(1, a);
            if (!q.next())
                return Error{
                    ErrorCode::NotFound,
                    Store::tr("There is no account %1. List the accounts to see their numbers.").arg(a)};
        }
        QString code;
        QRandomGenerator *random = QRandomGenerator::system();
        for (int i = 0; i < kCodeChars; ++i)
            code += QLatin1Char(kCodeAlphabet[random->bounded(32)]);
        Pairing p;
        p.expiresAt = now + request.ttlMs;
        p.code = code.left(5) + u'-' + code.mid(5);
        // Codes that ran out are of no use to anyone: they go when a new one is made.
        d->db.cached("DELETE FROM pairings WHERE expires_at < ?1").bind(1, now - 24 * 3600 * 1000).run();
        d->db
            .cached("INSERT INTO pairings(code_hash, name, role, accounts, created_at, expires_at) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
            .bindUtf8(1, digest(code))
            .bind(2, request.name.trimmed())
            .bind(3, toString(request.role))
            .bind(4, accountsText(accounts))
            .bind(5, now)
            .bind(6, p.expiresAt)
            .run();
        txn.commit();
        return p;
    });
}

QString toString(PairingRefusal refusal)
{
    switch (refusal) {
    case PairingRefusal::Wrong:
        return QStringLiteral("wrong_code");
    case PairingRefusal::Used:
        return QStringLiteral("used_code");
    case PairingRefusal::Expired:
        return QStringLiteral("expired_code");
    case PairingRefusal::None:
        break;
    }
    return {};
}

Result<PairedDevice> Store::redeemPairing(const QString &code, qint64 now, PairingRefusal *refusal)
{
    PairingRefusal ignored = PairingRefusal::None;
    PairingRefusal &why = refusal ? *refusal : ignored;
    why = PairingRefusal::None;
    if (Error e = d->checkWritable())
        return e;
    const QString clean = normalizePairingCode(code);
    return d->guarded([&]() -> Result<PairedDevice> {
        WriteTransaction txn(d->db);
        auto q = d->db.cached(
            "SELECT name, role, accounts, expires_at, used_at FROM pairings WHERE code_hash = ?1");
        q.bindUtf8(1, digest(clean));
        if (clean.size() != kCodeChars || !q.next()) {
            why = PairingRefusal::Wrong;
            return Error{ErrorCode::NotFound,
                         Store::tr("The pairing code is wrong. Check it, or ask your admin for a new one.")};
        }
        if (q.int64(4) != 0) {
            why = PairingRefusal::Used;
            return Error{ErrorCode::Conflict, Store::tr("The pairing code was used already: each code pairs "
                                                        "one device. Ask your admin for a new one.")};
        }
        if (q.int64(3) < now) {
            why = PairingRefusal::Expired;
            return Error{ErrorCode::Conflict,
                         Store::tr("The pairing code has expired. Ask your admin for a new one.")};
        }
        PairedDevice out;
        out.device.name = q.text(0);
        fromString(q.text(1), &out.device.role);
        out.device.accounts = accountsFrom(q.text(2));
        out.device.createdAt = now;
        QByteArray random(32, Qt::Uninitialized);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), 8);
        out.token =
            QStringLiteral("hcd_") + QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding |
                                                                         QByteArray::OmitTrailingEquals));
        d->db
            .cached("INSERT INTO devices(name, role, accounts, token_hash, created_at) VALUES(?1, ?2, ?3, "
                    "?4, ?5)")
            .bind(1, out.device.name)
            .bind(2, toString(out.device.role))
            .bind(3, accountsText(out.device.accounts))
            .bindUtf8(4, digest(out.token))
            .bind(5, now)
            .run();
        out.device.id = d->db.lastInsertId();
        d->db.cached("UPDATE pairings SET used_at = ?2, device_id = ?3 WHERE code_hash = ?1")
            .bindUtf8(1, digest(clean))
            .bind(2, now)
            .bind(3, out.device.id)
            .run();
        bumpDevices(*d);
        txn.commit();
        return out;
    });
}

Result<std::optional<Device>> Store::deviceByToken(const QString &token) const
{
    return d->guarded([&]() -> std::optional<Device> {
        auto q = d->db.cached("SELECT " HISCRM_DEVICE_COLS " FROM devices WHERE token_hash = ?1");
        q.bindUtf8(1, digest(token));
        if (!q.next())
            return std::nullopt;
        return readDevice(q);
    });
}

Result<std::optional<Device>> Store::device(qint64 id) const
{
    return d->guarded([&] { return deviceById(*d, id); });
}

Result<QList<Device>> Store::devices() const
{
    return d->guarded([&] {
        QList<Device> out;
        auto q = d->db.cached("SELECT " HISCRM_DEVICE_COLS " FROM devices ORDER BY id");
        while (q.next())
            out.append(readDevice(q));
        return out;
    });
}

// Changes a device in one transaction: `change` edits it and writes the change (returning false when
// there is nothing to write); the change is announced to running masters (bumpDevices).
template <typename F> Result<Device> changeDevice(Store::Impl &d, qint64 id, F &&change)
{
    if (Error e = d.checkWritable())
        return e;
    return d.guarded([&]() -> Result<Device> {
        WriteTransaction txn(d.db);
        std::optional<Device> dev = deviceById(d, id);
        if (!dev)
            return noSuchDevice(id);
        if (change(*dev)) {
            bumpDevices(d);
            txn.commit();
        }
        return *dev;
    });
}

Result<Device> Store::revokeDevice(qint64 id, qint64 now)
{
    return changeDevice(*d, id, [&](Device &dev) {
        if (dev.revokedAt != 0)
            return false; // revoked already: the first time stays
        dev.revokedAt = now;
        d->db.cached("UPDATE devices SET revoked_at = ?2 WHERE id = ?1").bind(1, id).bind(2, now).run();
        return true;
    });
}

Result<Device> Store::renameDevice(qint64 id, const QString &name)
{
    if (Error e = checkName(name))
        return e;
    return changeDevice(*d, id, [&](Device &dev) {
        dev.name = name.trimmed();
        d->db.cached("UPDATE devices SET name = ?2 WHERE id = ?1").bind(1, id).bind(2, dev.name).run();
        return true;
    });
}

Error Store::touchDevices(const QHash<qint64, qint64> &lastSeen)
{
    if (lastSeen.isEmpty())
        return {};
    if (Error e = d->checkWritable())
        return e;
    Result<Done> r = d->guarded([&] {
        WriteTransaction txn(d->db);
        for (auto it = lastSeen.cbegin(); it != lastSeen.cend(); ++it)
            d->db.cached("UPDATE devices SET last_seen_at = max(last_seen_at, ?2) WHERE id = ?1")
                .bind(1, it.key())
                .bind(2, it.value())
                .run();
        txn.commit();
        return Done{};
    });
    return r ? Error{} : r.error();
}

Result<qint64> Store::devicesVersion() const
{
    return d->guarded([&] {
        auto q = d->db.cached("SELECT value FROM meta WHERE key = 'devices'");
        return q.next() ? q.int64(0) : qint64(0);
    });
}

Result<qint64> Store::storeId() const
{
    return d->guarded([&] {
        auto q = d->db.cached("SELECT value FROM meta WHERE key = 'store_id'");
        return q.next() ? q.int64(0) : qint64(0);
    });
}

Result<QString> Store::serverSetting(const QString &key) const
{
    return d->guarded([&] {
        auto q = d->db.cached("SELECT value FROM server_settings WHERE key = ?1");
        q.bind(1, key);
        return q.next() ? q.text(0) : QString();
    });
}

Error Store::setServerSetting(const QString &key, const QString &value)
{
    if (Error e = d->checkWritable())
        return e;
    Result<Done> r = d->guarded([&] {
        d->db
            .cached("INSERT INTO server_settings(key, value) VALUES(?1, ?2) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(1, key)
            .bind(2, value)
            .run();
        return Done{};
    });
    return r ? Error{} : r.error();
}

} // namespace hiscrm::store
