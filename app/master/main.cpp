// SPDX-License-Identifier: GPL-3.0-or-later
// hiscrm-master: the headless master. Stores what workers send, serves the worker protocol on
// loopback, optionally runs the demo connector. Every flag has an environment variable.

#include "Admin.h"
#include "Output.h"
#include "Signals.h"

#include "common/Translations.h"
#include "master/Master.h"
#include "master/Tls.h"
#include "master/WorkerServer.h"
#include "protocol/Protocol.h"
#include "store/Store.h"
#include "worker/DemoConnector.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QHostInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

using namespace hiscrm;
using namespace Qt::StringLiterals;

namespace {

// The page cache of each database connection of a team server (docs/operations.md, "Memory"):
// with 2 MB, the master's memory stays under 50 MB while it serves 1,000 devices at 20,000
// deliveries a second; the desktop's embedded master keeps the store's 16 MB.
constexpr int kDefaultCacheMb = 2;
constexpr int kServerIndexerNice = 10; // nice steps below the master thread (Store::setIndexerNice)

QString envOr(const char *name, const QString &fallback)
{
    const QString v = qEnvironmentVariable(name);
    return v.isEmpty() ? fallback : v;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("HisCRM"));
    QCoreApplication::setApplicationName(QStringLiteral("hiscrm-master"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HISCRM_VERSION));
    installTranslations(QLocale::system());
    if (const int rc = runAdminCommand(QCoreApplication::arguments()); rc >= 0)
        return rc;

    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "main", "HisCRM master: stores what workers send, serves workers and paired desktops.\n"
                "Admin commands (run them beside the running master): pair --name NAME [--role "
                "operator|admin|viewer] [--accounts ID,...]; devices list|revoke ID|rename ID NAME; "
                "accounts; backup DEST. Each takes --help.\n"
                "Every option can also be set through the environment variable named in brackets.\n"
                "Exit codes: 0 stopped by SIGINT or SIGTERM; 1 could not start (a database it refuses, "
                "a port in use, ...); 2 bad command line; 3 the database is damaged (it is left as it "
                "was)."));
    p.addHelpOption();
    p.addVersionOption();
    const QString defaultDb = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                  .filePath(QStringLiteral("master.db"));
    QCommandLineOption db(QStringLiteral("db"),
                          QCoreApplication::translate("main", "Database file [HISCRM_DB]."),
                          QStringLiteral("path"), envOr("HISCRM_DB", defaultDb));
    QCommandLineOption listen(
        QStringLiteral("listen"),
        QCoreApplication::translate("main", "Address and port for workers, or \"none\" "
                                            "[HISCRM_LISTEN]. Default 127.0.0.1:%1.")
            .arg(protocol::kDefaultPort),
        QStringLiteral("address:port"),
        envOr("HISCRM_LISTEN", QStringLiteral("127.0.0.1:%1").arg(protocol::kDefaultPort)));
    QCommandLineOption token(QStringLiteral("token"),
                             QCoreApplication::translate("main", "Worker token [HISCRM_TOKEN]; generated and "
                                                                 "printed when not given."),
                             QStringLiteral("token"), qEnvironmentVariable("HISCRM_TOKEN"));
    QCommandLineOption demo(QStringLiteral("demo"),
                            QCoreApplication::translate("main", "Run the demo connector [HISCRM_DEMO=1]."));
    QCommandLineOption demoRate(
        QStringLiteral("demo-rate"),
        QCoreApplication::translate("main", "Demo messages per second [HISCRM_DEMO_RATE]."),
        QStringLiteral("n"), envOr("HISCRM_DEMO_RATE", QStringLiteral("2")));
    QCommandLineOption allowRemote(
        QStringList{QStringLiteral("allow-insecure"), QStringLiteral("allow-remote")},
        QCoreApplication::translate("main", "Allow plain ws on a non-loopback address "
                                            "[HISCRM_ALLOW_REMOTE=1]."));
    QCommandLineOption logLevel(QStringLiteral("log-level"),
                                QCoreApplication::translate("main", "debug, info, warning or error "
                                                                    "[HISCRM_LOG_LEVEL]."),
                                QStringLiteral("level"), envOr("HISCRM_LOG_LEVEL", QStringLiteral("info")));
    QCommandLineOption tls(
        QStringLiteral("tls"),
        QCoreApplication::translate("main", "auto: serve wss:// with a self-signed certificate made "
                                            "and kept beside the database; off (default) "
                                            "[HISCRM_TLS]."),
        QStringLiteral("auto|off"), envOr("HISCRM_TLS", QStringLiteral("off")));
    QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                               QCoreApplication::translate("main",
                                                           "Serve wss:// with this PEM certificate (chain) "
                                                           "[HISCRM_TLS_CERT]."),
                               QStringLiteral("file"), qEnvironmentVariable("HISCRM_TLS_CERT"));
    QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                              QCoreApplication::translate("main", "Its PEM private key [HISCRM_TLS_KEY]."),
                              QStringLiteral("file"), qEnvironmentVariable("HISCRM_TLS_KEY"));
    QCommandLineOption cacheMb(
        QStringLiteral("cache-mb"),
        QCoreApplication::translate("main", "Database page cache per connection, in MB (1 to 1024) "
                                            "[HISCRM_CACHE_MB]. Default %1: a small server. Bulk imports "
                                            "of millions of messages run faster with 16.")
            .arg(kDefaultCacheMb),
        QStringLiteral("mb"), envOr("HISCRM_CACHE_MB", QString::number(kDefaultCacheMb)));
    p.addOptions({db, listen, token, demo, demoRate, allowRemote, tls, tlsCert, tlsKey, cacheMb, logLevel});
    p.process(app);

    const QString level = p.value(logLevel);
    const QStringList levels{QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                             QStringLiteral("error")};
    if (!levels.contains(level)) {
        printErr(
            QCoreApplication::translate("main", "Unknown log level “%1”; use debug, info, warning or error.")
                .arg(level));
        return 2;
    }
    QString rules;
    for (qsizetype i = 0; i < levels.size(); ++i)
        // Qt's logging rules call the "error" level "critical".
        rules += QStringLiteral("hiscrm.*.%1=%2\n")
                     .arg(levels[i] == u"error" ? u"critical"_s : levels[i],
                          i < levels.indexOf(level) ? u"false"_s : u"true"_s);
    QLoggingCategory::setFilterRules(rules);

    master::MasterOptions o;
    o.dbPath = p.value(db);
    o.workerToken = p.value(token);
    o.allowNonLoopback = p.isSet(allowRemote) || qEnvironmentVariable("HISCRM_ALLOW_REMOTE") == u"1";
    const QString l = p.value(listen);
    if (l != u"none") {
        const qsizetype colon = l.lastIndexOf(u':');
        bool ok = false;
        const uint port = colon > 0 ? l.mid(colon + 1).toUInt(&ok) : 0;
        if (!ok || port > 65535) {
            printErr(
                QCoreApplication::translate("main", "--listen takes address:port, for example 127.0.0.1:%1.")
                    .arg(protocol::kDefaultPort));
            return 2;
        }
        o.listenAddress = l.left(colon);
        o.port = quint16(port);
    }
    bool rateOk = false;
    const double rate = p.value(demoRate).toDouble(&rateOk);
    if (!rateOk || rate <= 0 || rate > 100000) {
        printErr(QCoreApplication::translate("main", "--demo-rate takes a number of messages per second."));
        return 2;
    }
    bool cacheOk = false;
    const int cache = p.value(cacheMb).toInt(&cacheOk);
    if (!cacheOk || cache < 1 || cache > 1024) {
        printErr(
            QCoreApplication::translate("main", "--cache-mb takes a number of megabytes from 1 to 1024."));
        return 2;
    }
    // Before the master opens its database: every connection of this process gets it.
    store::Store::setPageCacheKib(cache * 1024);
    // A server's commits (acknowledged to workers, then pushed to devices) go before its search
    // index, which catches up once a flood is over (docs/architecture.md, "Search").
    store::Store::setIndexerNice(kServerIndexerNice);
    QDir().mkpath(QFileInfo(o.dbPath).absolutePath());
    QString fingerprint;
    const bool tlsAuto = p.value(tls) == u"auto";
    if (p.value(tls) != u"off" && !tlsAuto) {
        printErr(QCoreApplication::translate("main", "--tls takes auto or off."));
        return 2;
    }
    if (p.value(tlsCert).isEmpty() != p.value(tlsKey).isEmpty()) {
        printErr(QCoreApplication::translate("main", "--tls-cert and --tls-key go together."));
        return 2;
    }
    if (tlsAuto || !p.value(tlsCert).isEmpty()) {
        const Result<master::TlsSetup> setup =
            tlsAuto ? master::autoTls(QFileInfo(o.dbPath).absoluteDir().filePath(QStringLiteral("tls")),
                                      QHostInfo::localHostName())
                    : master::loadTls(p.value(tlsCert), p.value(tlsKey));
        if (!setup) {
            printErr(QCoreApplication::translate("main", "Cannot serve TLS: %1").arg(setup.error().message));
            return 1;
        }
        o.tls = setup->configuration;
        fingerprint = setup->fingerprint;
    }

    master::MasterThread master(o);
    if (Error e = master.start()) {
        // The store's message says what to do (restore a backup, or move the file aside).
        printErr(QCoreApplication::translate("main", "The master could not start: %1").arg(e.message));
        // A code of its own, so a service manager or script can tell it from a passing failure:
        // starting again does not help.
        return e.code == ErrorCode::Corrupt || e.code == ErrorCode::NotADatabase ? 3 : 1;
    }
    master.runSync([&] {
        printOut(QCoreApplication::translate("main", "hiscrm-master %1: database %2")
                     .arg(QStringLiteral(HISCRM_VERSION), o.dbPath));
        // The URL lines are read by scripts and tests: keep "ws://host:port/" (wss:// with TLS) in them.
        if (const quint16 port = master.master()->listeningPort()) {
            printOut(QCoreApplication::translate("main", "workers: %1  token: %2")
                         .arg(master.master()->workerUrl(), master.master()->workerToken()));
            // What `hiscrm-master pair` puts in its links.
            const QString clients =
                QStringLiteral("%1://%2:%3%4")
                    .arg(o.tls ? QStringLiteral("wss") : QStringLiteral("ws"), o.listenAddress)
                    .arg(port)
                    .arg(QLatin1String(master::kClientPath));
            master.master()->store()->setServerSetting(QStringLiteral("client_url"), clients);
            // The fingerprint desktops pin (the pairing link carries it); none without TLS.
            master.master()->store()->setServerSetting(QStringLiteral("tls_fingerprint"), fingerprint);
            if (!fingerprint.isEmpty())
                printOut(QCoreApplication::translate("main", "TLS certificate %1").arg(fingerprint));
            printOut(QCoreApplication::translate(
                         "main", "desktops: %1  (pair one with: hiscrm-master pair --name NAME)")
                         .arg(clients));
        } else
            printOut(QCoreApplication::translate("main", "workers: not listening (--listen none)"));
    });
    if (p.isSet(demo) || qEnvironmentVariable("HISCRM_DEMO") == u"1") {
        master.runSync([&] {
            // A backlog on the demo's first start in this database only.
            const auto stored = master.master()->store()->accounts();
            const int backlog = stored ? worker::DemoConnector::initialBacklogFor(stored.value(), 400) : 0;
            master.workers()->add([rate, backlog] {
                worker::DemoConnector::Options d;
                d.itemsPerSecond = rate;
                d.live = true;
                d.initialBacklog = backlog;
                return std::make_unique<worker::DemoConnector>(d);
            });
        });
    }

    ShutdownSignals shutdown;
    QObject::connect(&shutdown, &ShutdownSignals::shutdownRequested, &app, [](int sig) {
        printOut(QCoreApplication::translate("main", "shutting down (signal %1)").arg(sig));
        QCoreApplication::quit();
    });
    const int rc = app.exec();
    return rc; // ~MasterThread stops connectors, commits nothing half-way, closes the database
}
