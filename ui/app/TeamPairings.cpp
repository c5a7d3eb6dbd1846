// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/TeamPairings.h"

#include "store/Store.h"
#include "ui/app/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace hiscrm::ui {

namespace {

constexpr char kPairingFile[] = "pairing.json";
constexpr char kTokenFile[] = "token";

// The keychain entry of a pairing's token: one per folder (two data folders, two entries).
QString keychainKey(const QString &folder)
{
    return QStringLiteral("device-token:") + QDir(folder).absolutePath();
}

} // namespace

QString TeamPairing::replicaPath() const
{
    return QDir(folder).filePath(QStringLiteral("replica.db"));
}

QString TeamPairings::root(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("team"));
}

QList<TeamPairing> TeamPairings::list(const QString &dataDir)
{
    QList<TeamPairing> out;
    const QDir dir(root(dataDir));
    for (const QString &id : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (auto p = load(dataDir, id, false))
            out.append(*p);
    }
    return out;
}

Result<TeamPairing> TeamPairings::load(const QString &dataDir, const QString &id, bool withToken)
{
    TeamPairing p;
    p.id = id;
    p.folder = QDir(root(dataDir)).filePath(id);
    QFile f(QDir(p.folder).filePath(QLatin1String(kPairingFile)));
    if (!f.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound, tr("The pairing with the team master in %1 is missing or "
                                             "unreadable. Connect to the team master again.")
                                              .arg(QDir::toNativeSeparators(p.folder))};
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    p.remote.url = QUrl(o.value(QLatin1String("url")).toString());
    p.remote.fingerprint = o.value(QLatin1String("fingerprint")).toString();
    p.deviceName = o.value(QLatin1String("device_name")).toString();
    p.role = o.value(QLatin1String("role")).toString();
    p.tokenInKeychain = o.value(QLatin1String("token_in")).toString() == u"keychain";
    if (!p.remote.url.isValid())
        return Error{ErrorCode::InvalidArgument, tr("The pairing with the team master in %1 is damaged. "
                                                    "Disconnect it and connect again.")
                                                     .arg(QDir::toNativeSeparators(p.folder))};
    if (!withToken)
        return p;
    if (p.tokenInKeychain) {
        const auto token = SecretStore::read(keychainKey(p.folder));
        if (!token)
            return Error{ErrorCode::Io, tr("The device token for the team master %1 could not be read from "
                                           "the system keychain (%2). Unlock the keychain and start again, "
                                           "or disconnect and pair again.")
                                            .arg(p.host(), token.error().message)};
        p.remote.token = token->trimmed();
    } else {
        QFile t(QDir(p.folder).filePath(QLatin1String(kTokenFile)));
        if (t.open(QIODevice::ReadOnly))
            p.remote.token = QString::fromUtf8(t.readAll()).trimmed();
    }
    if (p.remote.token.isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("The pairing with the team master in %1 is damaged. "
                                                    "Disconnect it and connect again.")
                                                     .arg(QDir::toNativeSeparators(p.folder))};
    return p;
}

Result<TeamPairing> TeamPairings::save(const QString &dataDir, const sync::PairedDevice &device)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString base = device.remote.url.host() + u'-' + QString::number(device.remote.url.port());
    base.replace(unsafe, QStringLiteral("_"));
    QDir dir(root(dataDir));
    QString id = base;
    for (int n = 2; dir.exists(id); ++n)
        id = base + u'-' + QString::number(n);
    if (!dir.mkpath(id))
        return Error{ErrorCode::Io, tr("Cannot create the folder %1 for the team master's inbox. Check "
                                       "that the data folder is writable.")
                                        .arg(QDir::toNativeSeparators(dir.filePath(id)))};
    const QString folder = dir.filePath(id);
    // The token goes to the system keychain; without one, to a file readable by the user only
    // (made so before it holds anything).
    QString keychainProblem;
    Error kept = SecretStore::write(keychainKey(folder), device.remote.token);
    const bool inKeychain = !kept;
    if (!inKeychain) {
        keychainProblem = kept.message;
        QFile t(QDir(folder).filePath(QLatin1String(kTokenFile)));
        if (!t.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            !t.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
            t.write(device.remote.token.toUtf8()) < 0 || !t.flush()) {
            QDir(folder).removeRecursively();
            return Error{ErrorCode::Io,
                         tr("Cannot keep the device token in %1.").arg(QDir::toNativeSeparators(folder))};
        }
    }
    QSaveFile f(QDir(folder).filePath(QLatin1String(kPairingFile)));
    const QJsonObject o{
        {QStringLiteral("url"), device.remote.url.toString()},
        {QStringLiteral("fingerprint"), device.remote.fingerprint},
        {QStringLiteral("device_name"), device.name},
        {QStringLiteral("role"), device.role},
        {QStringLiteral("device_id"), device.deviceId},
        {QStringLiteral("token_in"), inKeychain ? QStringLiteral("keychain") : QStringLiteral("file")}};
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit()) {
        if (inKeychain)
            static_cast<void>(SecretStore::remove(keychainKey(folder)));
        QDir(folder).removeRecursively();
        return Error{ErrorCode::Io,
                     tr("Cannot save the pairing in %1.").arg(QDir::toNativeSeparators(folder))};
    }
    auto saved = load(dataDir, id);
    if (saved)
        saved->keychainProblem = keychainProblem;
    return saved;
}

Error TeamPairings::forget(const TeamPairing &pairing)
{
    if (pairing.tokenInKeychain) {
        if (Error e = SecretStore::remove(keychainKey(pairing.folder)))
            return e;
    }
    if (!QDir(pairing.folder).removeRecursively())
        return Error{ErrorCode::Io, tr("Cannot delete %1. Close other programs that use it and try again.")
                                        .arg(QDir::toNativeSeparators(pairing.folder))};
    return {};
}

QList<TeamPairing> TeamPairings::sameMaster(const QString &dataDir, const TeamPairing &pairing)
{
    QList<TeamPairing> out;
    for (const TeamPairing &p : list(dataDir)) {
        if (p.id != pairing.id && p.host().compare(pairing.host(), Qt::CaseInsensitive) == 0)
            out.append(p);
    }
    return out;
}

Result<int> TeamPairings::unsentChanges(const TeamPairing &pairing)
{
    if (!QFile::exists(pairing.replicaPath()))
        return 0;
    auto replica = store::Store::openReader(pairing.replicaPath());
    if (!replica)
        return replica.error();
    const auto entries = replica.value()->outbox();
    if (!entries)
        return entries.error();
    int unsent = 0;
    for (const store::OutboxEntry &e : *entries)
        unsent += e.state == store::OutboxEntry::State::Waiting ? 1 : 0;
    return unsent;
}

} // namespace hiscrm::ui
