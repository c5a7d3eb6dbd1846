// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A real hiscrm-master process for the team-mode tests (TestTeamServer, TestSyncEngine,
// TestTeamDesktop), and what the admin does on its machine (hiscrm-master pair), as a shell would
// run them.

#include "TestUtil.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocket>

#include <sqlite3.h>

namespace teamfixture {

using namespace testutil;

inline QString masterProgram()
{
    return QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s;
}

inline QList<MessageRecord> messages(const QString &account, int from, int n, const QString &tag = u"m"_s)
{
    QList<MessageRecord> ms;
    for (int i = from; i < from + n; ++i)
        ms << dm(account, QStringLiteral("%1-conv-%2").arg(account).arg(i % 50),
                 QStringLiteral("%1-%2").arg(tag).arg(i),
                 QStringLiteral("%1-fan-%2").arg(account).arg(i % 50),
                 QStringLiteral("第%1条：请问什么时候发货？order %1").arg(i), kT0 + i);
    return ms;
}

class MasterProcess
{
public:
    QProcess process;
    quint16 port = 0;
    QString db;

    bool start(const QString &path, const QStringList &extra = {})
    {
        db = path;
        process.setProgram(masterProgram());
        process.setArguments(QStringList{u"--db"_s, db, u"--listen"_s, u"127.0.0.1:0"_s, u"--token"_s,
                                         u"s3cret"_s, u"--log-level"_s, u"warning"_s} +
                             extra);
        process.start();
        if (!process.waitForStarted(10000))
            return false;
        static const QRegularExpression re(u"wss?://127\\.0\\.0\\.1:(\\d+)/client"_s);
        QByteArray out;
        static_cast<void>(QTest::qWaitFor(
            [&] {
                out += process.readAllStandardOutput();
                return re.match(QString::fromUtf8(out)).hasMatch() || process.state() == QProcess::NotRunning;
            },
            15000));
        const auto m = re.match(QString::fromUtf8(out));
        if (!m.hasMatch())
            qWarning() << "master did not start:" << out << process.readAllStandardError();
        port = m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
        return port != 0;
    }
    ~MasterProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            if (!process.waitForFinished(10000))
                process.kill();
            process.waitForFinished(5000);
        }
    }
    qint64 rssKb() const
    {
        QFile f(u"/proc/%1/status"_s.arg(process.processId()));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
        return -1;
    }
};

// Runs an admin command of hiscrm-master; its standard output.
inline QString admin(const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.start(masterProgram(), args);
    p.waitForFinished(30000);
    if (exitCode)
        *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

// The query of the pairing link `hiscrm-master pair` prints (url, code, fp).
inline QUrlQuery pairingLink(const QString &db, const QStringList &extra = {})
{
    const QString out =
        admin(QStringList{u"pair"_s, u"--db"_s, db, u"--name"_s, u"Desk of Li Wei"_s} + extra);
    static const QRegularExpression link(u"hiscrm://pair\\?\\S+"_s);
    const auto m = link.match(out);
    if (!m.hasMatch())
        qWarning() << "no pairing link:" << out;
    return QUrlQuery(QUrl(m.captured(0)).query());
}

inline QString pairingCode(const QString &db, const QStringList &extra = {})
{
    return pairingLink(db, extra).queryItemValue(u"code"_s);
}

// Ages every pairing code not used yet past its 10 minutes, in the master's database as it runs
// (the admin's clock cannot be moved). False when the database could not be written.
inline bool expireUnusedPairingCodes(const QString &db)
{
    sqlite3 *raw = nullptr;
    bool ok = sqlite3_open(db.toUtf8().constData(), &raw) == SQLITE_OK;
    if (ok) {
        sqlite3_busy_timeout(raw, 10000);
        ok = sqlite3_exec(raw, "UPDATE pairings SET expires_at = 1 WHERE used_at = 0", nullptr, nullptr,
                          nullptr) == SQLITE_OK;
    }
    sqlite3_close(raw);
    return ok;
}

// Pairs a device with the code the admin printed; its token.
inline QString pairDevice(quint16 port, const QString &code)
{
    QWebSocket ws;
    QString token;
    QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws, [&](const QString &t) {
        token = QJsonDocument::fromJson(t.toUtf8()).object().value(u"token"_s).toString();
    });
    ws.open(QUrl(u"ws://127.0.0.1:%1/client"_s.arg(port)));
    if (!QTest::qWaitFor([&] { return ws.state() == QAbstractSocket::ConnectedState; }, 10000))
        return {};
    ws.sendTextMessage(u"{\"type\":\"pair\",\"id\":1,\"code\":\"%1\",\"device_name\":\"test\"}"_s.arg(code));
    static_cast<void>(QTest::qWaitFor([&] { return !token.isEmpty(); }, 10000));
    return token;
}

// A checksum of every synced table of the store at `db` as a device of this scope sees it (every
// account when empty): the rows in the change feed's form, by entity and id. A master's store and a
// replica of it have the same checksum when the replica holds exactly the rows the device may see.
inline QByteArray rowsChecksum(const QString &db, const QList<qint64> &scope = {})
{
    auto s = openStore(db, Store::Options{Store::Access::ReadOnly});
    if (!s)
        return {};
    AccountScope sc;
    sc.accounts = scope;
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const char *entity : {"account", "user", "content", "conversation", "item", "tag"}) {
        const auto rows = s->exportEntity(QString::fromLatin1(entity));
        if (!rows)
            return {};
        QList<Change> all;
        for (const QJsonObject &o : *rows)
            all.append(Change{o.value(u"rev"_s).toInteger(),
                              QString::fromLatin1(entity),
                              o.value(u"id"_s).toInteger(),
                              false,
                              o,
                              0,
                              {}});
        const QList<Change> visible = scope.isEmpty() ? all : s->visibleChanges(all, sc).value();
        for (const Change &c : visible) {
            h.addData(QByteArray(entity) + ':' + QByteArray::number(c.id));
            h.addData(QJsonDocument(c.data).toJson(QJsonDocument::Compact));
        }
    }
    return h.result().toHex();
}

} // namespace teamfixture
