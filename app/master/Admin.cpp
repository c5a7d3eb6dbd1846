// SPDX-License-Identifier: GPL-3.0-or-later
#include "Admin.h"

#include "Output.h"

#include "common/Clock.h"
#include "master/WorkerServer.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QHostInfo>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

#include <cstdio>

using namespace hiscrm;

namespace {

// The admin commands' texts (translated like the rest of hiscrm-master).
struct Admin
{
    Q_DECLARE_TR_FUNCTIONS(Admin)
};

QString defaultDb()
{
    const QString env = qEnvironmentVariable("HISCRM_DB");
    if (!env.isEmpty())
        return env;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("master.db"));
}

QString when(qint64 ms)
{
    return ms == 0 ? Admin::tr("never") : QDateTime::fromMSecsSinceEpoch(ms).toString(Qt::ISODate);
}

QString scopeText(const QList<qint64> &accounts)
{
    if (accounts.isEmpty())
        return Admin::tr("all accounts");
    QStringList ids;
    for (qint64 a : accounts)
        ids << QString::number(a);
    return Admin::tr("accounts %1").arg(ids.join(u','));
}

// The address a desktop reaches the master at: what the running master recorded, with a wildcard
// address replaced by this machine's name.
QString clientUrl(store::Store &s, const QString &given)
{
    if (!given.isEmpty())
        return given;
    QString url = s.serverSetting(QStringLiteral("client_url")).value();
    if (url.isEmpty())
        return url;
    QUrl u(url);
    if (u.host() == u"0.0.0.0" || u.host() == u"::")
        u.setHost(QHostInfo::localHostName());
    return u.toString();
}

int pair(store::Store &s, const QCommandLineParser &p)
{
    store::PairingRequest request;
    request.name = p.value(QStringLiteral("name"));
    if (request.name.trimmed().isEmpty()) {
        printErr(Admin::tr("pair needs --name NAME: the device's name as the devices list shows it."));
        return 2;
    }
    if (!store::fromString(p.value(QStringLiteral("role")), &request.role)) {
        printErr(Admin::tr("--role takes operator, admin or viewer."));
        return 2;
    }
    for (const QString &id : p.value(QStringLiteral("accounts")).split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 n = id.trimmed().toLongLong(&ok);
        if (!ok || n <= 0) {
            printErr(Admin::tr(
                "--accounts takes account numbers separated by commas (see hiscrm-master accounts)."));
            return 2;
        }
        request.accounts << n;
    }
    const Result<store::Pairing> pairing = s.createPairing(request, nowMs());
    if (!pairing) {
        printErr(pairing.error().message);
        return 1;
    }
    printOut(Admin::tr("Pairing code for “%1” (%2, %3): %4")
                 .arg(request.name.trimmed(), store::toString(request.role), scopeText(request.accounts),
                      pairing->code));
    printOut(
        Admin::tr("It pairs one device and expires at %1.")
            .arg(QDateTime::fromMSecsSinceEpoch(pairing->expiresAt).toString(QStringLiteral("HH:mm:ss"))));
    const QString url = clientUrl(s, p.value(QStringLiteral("url")));
    if (url.isEmpty()) {
        printOut(Admin::tr(
            "No link: the master has not listened yet. Start it, or give --url ws://HOST:PORT/client."));
        return 0;
    }
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("url"), url);
    q.addQueryItem(QStringLiteral("code"), pairing->code);
    const QString fingerprint = s.serverSetting(QStringLiteral("tls_fingerprint")).value();
    if (!fingerprint.isEmpty())
        q.addQueryItem(QStringLiteral("fp"), fingerprint);
    QUrl link(QStringLiteral("hiscrm://pair"));
    link.setQuery(q);
    printOut(Admin::tr("Link: %1").arg(QString::fromLatin1(link.toEncoded())));
    return 0;
}

int devices(store::Store &s, const QStringList &args)
{
    const QString action = args.value(0, QStringLiteral("list"));
    if (action == u"list") {
        const Result<QList<store::Device>> all = s.devices();
        if (!all) {
            printErr(all.error().message);
            return 1;
        }
        if (all->isEmpty())
            printOut(Admin::tr("No devices are paired. Pair one with: hiscrm-master pair --name NAME"));
        for (const store::Device &d : *all) {
            printOut(Admin::tr("%1\t%2\t%3\t%4\tpaired %5\tlast seen %6%7")
                         .arg(d.id)
                         .arg(d.name, store::toString(d.role), scopeText(d.accounts), when(d.createdAt),
                              when(d.lastSeenAt),
                              d.revokedAt ? Admin::tr("\trevoked %1").arg(when(d.revokedAt)) : QString()));
        }
        return 0;
    }
    bool ok = false;
    const qint64 id = args.value(1).toLongLong(&ok);
    if (action == u"revoke" && ok && args.size() == 2) {
        const Result<store::Device> d = s.revokeDevice(id, nowMs());
        if (!d) {
            printErr(d.error().message);
            return 1;
        }
        printOut(
            Admin::tr("Revoked device %1 “%2”: its connections close within a second and its token no longer "
                      "works.")
                .arg(d->id)
                .arg(d->name));
        return 0;
    }
    if (action == u"rename" && ok && args.size() == 3) {
        const Result<store::Device> d = s.renameDevice(id, args.at(2));
        if (!d) {
            printErr(d.error().message);
            return 1;
        }
        printOut(Admin::tr("Device %1 is now called “%2”.").arg(d->id).arg(d->name));
        return 0;
    }
    printErr(Admin::tr("Use: hiscrm-master devices list | revoke ID | rename ID NAME"));
    return 2;
}

int accounts(store::Store &s)
{
    const Result<QList<model::Account>> all = s.accounts();
    if (!all) {
        printErr(all.error().message);
        return 1;
    }
    if (all->isEmpty()) {
        printOut(Admin::tr("No accounts yet: they appear when a worker syncs them."));
        return 0;
    }
    // A header for the person choosing numbers for pair --accounts; the rows stay tab-separated.
    printOut(Admin::tr("NUMBER\tPLATFORM\tACCOUNT ID\tNAME"));
    for (const model::Account &a : *all)
        printOut(QStringLiteral("%1\t%2\t%3\t%4").arg(a.id).arg(a.platform, a.platformId, a.name));
    return 0;
}

int backup(store::Store &s, const QStringList &args)
{
    if (args.size() != 1) {
        printErr(Admin::tr("Use: hiscrm-master backup DEST (a new file)"));
        return 2;
    }
    const Result<qint64> revision = s.backupTo(args.first());
    if (!revision) {
        printErr(revision.error().message);
        return 1;
    }
    printOut(Admin::tr("Backed up to %1 (revision %2). To restore: stop the master, put the file in place of "
                       "the database (remove its -wal and -shm files and its -search.db), start the master.")
                 .arg(QDir::toNativeSeparators(args.first()))
                 .arg(*revision));
    return 0;
}

} // namespace

int runAdminCommand(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    if (command != u"pair" && command != u"devices" && command != u"accounts" && command != u"backup")
        return -1;
    QCommandLineParser p;
    p.setApplicationDescription(
        Admin::tr("hiscrm-master %1: run on the master's machine, while it runs or not.").arg(command));
    p.addHelpOption();
    p.addOption(
        {QStringLiteral("db"), Admin::tr("Database file [HISCRM_DB]."), QStringLiteral("path"), defaultDb()});
    if (command == u"pair") {
        p.addOption({QStringLiteral("name"), Admin::tr("The device's name."), QStringLiteral("name")});
        p.addOption({QStringLiteral("role"), Admin::tr("operator (default), admin or viewer (reads only)."),
                     QStringLiteral("role"), QStringLiteral("operator")});
        p.addOption({QStringLiteral("accounts"),
                     Admin::tr("The accounts it may see, by number (default: all)."), QStringLiteral("ids")});
        p.addOption({QStringLiteral("url"),
                     Admin::tr("The address desktops reach the master at (default: where it "
                               "listens)."),
                     QStringLiteral("ws-url")});
    }
    p.process(arguments.mid(1));
    const QString path = p.value(QStringLiteral("db"));
    if (!QFileInfo::exists(path)) {
        printErr(Admin::tr("There is no database at %1. Start hiscrm-master once (or give --db).").arg(path));
        return 1;
    }
    store::Store::Options o;
    o.integrityWaitMs = 0; // the running master checks the file; an admin command need not wait
    auto opened = store::Store::open(path, o);
    if (!opened) {
        printErr(opened.error().message);
        return 1;
    }
    store::Store &s = **opened;
    if (command == u"pair")
        return pair(s, p);
    if (command == u"devices")
        return devices(s, p.positionalArguments());
    if (command == u"backup")
        return backup(s, p.positionalArguments());
    return accounts(s);
}
