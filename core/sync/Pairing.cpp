// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/Pairing.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

namespace hiscrm::sync {

std::optional<QUrl> PairingLink::urlFromAddress(const QString &address, QString *why)
{
    QString a = address.trimmed();
    if (!a.contains(QLatin1String("://")))
        a.prepend(QLatin1String("ws://"));
    QUrl url(a, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
        *why = tr("“%1” is not the address of a team master. It looks like team.example:7788, or "
                  "wss://team.example:7788/client.")
                   .arg(address.trimmed());
        return std::nullopt;
    }
    if (url.port() < 0)
        url.setPort(7788);
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QStringLiteral("/client"));
    return url;
}

std::optional<PairingLink> PairingLink::parse(const QString &text, QString *why)
{
    QString t = text.trimmed();
    while (t.endsWith(u'.') || t.endsWith(u'。'))
        t.chop(1);
    const QUrl link(t, QUrl::StrictMode);
    if (!link.isValid() || link.scheme() != QLatin1String("hiscrm") || link.host() != QLatin1String("pair")) {
        *why = tr("This is not a pairing link. The admin's “hiscrm-master pair” prints one that starts "
                  "with hiscrm://pair?");
        return std::nullopt;
    }
    const QUrlQuery q(link);
    PairingLink out;
    const auto url = urlFromAddress(q.queryItemValue(QStringLiteral("url"), QUrl::FullyDecoded), why);
    if (!url)
        return std::nullopt;
    out.url = *url;
    out.code = q.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).trimmed();
    out.fingerprint = q.queryItemValue(QStringLiteral("fp"), QUrl::FullyDecoded).trimmed();
    if (out.code.isEmpty()) {
        *why = tr("The pairing link has no code. Copy the whole link the admin sent.");
        return std::nullopt;
    }
    if (out.url.scheme() == QLatin1String("wss") && !out.fingerprint.startsWith(QLatin1String("sha256:"))) {
        *why = tr("The pairing link has no certificate fingerprint, so this desktop could not tell the "
                  "team master from an impostor. Copy the whole link the admin sent.");
        return std::nullopt;
    }
    return out;
}

namespace {

// One pairing exchange; deletes itself when done.
class Exchange final : public QObject
{
public:
    Exchange(const PairingLink &link, const QString &deviceName, QObject *context,
             std::function<void(const Result<PairedDevice> &)> done, int timeoutMs)
        : m_link(link)
        , m_deviceName(deviceName)
        , m_context(context)
        , m_done(std::move(done))
    {
        connect(context, &QObject::destroyed, this, [this] { finish(Error{ErrorCode::Io, {}}, false); });
        connect(&m_socket, &QWebSocket::connected, this, [this] {
            const QJsonObject pair{{QStringLiteral("type"), QStringLiteral("pair")},
                                   {QStringLiteral("id"), 1},
                                   {QStringLiteral("code"), m_link.code},
                                   {QStringLiteral("device_name"), m_deviceName.left(128)}};
            m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(pair).toJson(QJsonDocument::Compact)));
        });
        connect(&m_socket, &QWebSocket::textMessageReceived, this,
                [this](const QString &text) { answer(text); });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            fail(m_why.isEmpty()
                     ? PairingLink::tr("The team master at %1 could not be reached. Check the address "
                                       "and that the master is running.")
                           .arg(m_link.url.toString(QUrl::RemoveUserInfo))
                     : m_why);
        });
        connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &) {
            const QSslCertificate cert = m_socket.sslConfiguration().peerCertificate();
            const QString fp = QStringLiteral("sha256:") +
                               QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex());
            if (fp.compare(m_link.fingerprint, Qt::CaseInsensitive) == 0) {
                m_socket.ignoreSslErrors();
                return;
            }
            m_why = PairingLink::tr("The team master's certificate (%1) is not the one in the pairing link. "
                                    "Someone may be in between: nothing was sent. Ask the admin.")
                        .arg(fp);
        });
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            fail(PairingLink::tr("The team master at %1 did not answer. Check the address and the network.")
                     .arg(m_link.url.toString(QUrl::RemoveUserInfo)));
        });
        m_timer.start(timeoutMs);
        m_socket.open(m_link.url);
    }

private:
    void answer(const QString &text)
    {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        if (o.value(QLatin1String("type")).toString() != u"paired") {
            fail(refusal(o));
            return;
        }
        PairedDevice d;
        d.remote.url = m_link.url;
        d.remote.fingerprint = m_link.fingerprint;
        d.remote.token = o.value(QLatin1String("token")).toString();
        d.deviceId = o.value(QLatin1String("device_id")).toInteger();
        d.name = o.value(QLatin1String("name")).toString();
        d.role = o.value(QLatin1String("role")).toString();
        for (const QJsonValue &a : o.value(QLatin1String("accounts")).toArray())
            d.accounts.append(a.toInteger());
        if (d.remote.token.isEmpty()) {
            fail(PairingLink::tr("The team master answered without a device token. Ask the admin."));
            return;
        }
        finish(d, true);
    }
    // What the operator is told, in their language: the master's `message` is English for
    // developers, so only a master that names no `reason` (an older one) gets it quoted.
    static QString refusal(const QJsonObject &error)
    {
        const QString code = error.value(QLatin1String("code")).toString();
        const QString reason = error.value(QLatin1String("reason")).toString();
        if (code == u"rate_limited")
            return PairingLink::tr("The team master is refusing pairing codes for a minute after too many "
                                   "wrong ones. Try again in a minute.");
        if (reason == u"wrong_code")
            return PairingLink::tr("The team master does not know this pairing code. Check that it was typed "
                                   "as the admin gave it, or ask the admin for a new code.");
        if (reason == u"used_code")
            return PairingLink::tr("This pairing code was used already: each code pairs one device. Ask "
                                   "the admin for a new code.");
        if (reason == u"expired_code")
            return PairingLink::tr("This pairing code has expired (a code lasts 10 minutes). Ask the admin "
                                   "for a new code.");
        return PairingLink::tr("The team master refused the code: %1 Ask the admin for a new code.")
            .arg(error.value(QLatin1String("message")).toString());
    }
    void fail(const QString &why) { finish(Error{ErrorCode::Io, why}, true); }
    void finish(const Result<PairedDevice> &r, bool call)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_timer.stop();
        m_socket.disconnect(this);
        m_socket.abort();
        if (call && m_context && m_done)
            m_done(r);
        deleteLater();
    }

    PairingLink m_link;
    QString m_deviceName;
    QPointer<QObject> m_context;
    std::function<void(const Result<PairedDevice> &)> m_done;
    QWebSocket m_socket;
    QTimer m_timer;
    QString m_why; // a reason found before the connection ended (the certificate)
    bool m_finished = false;
};

} // namespace

void pairWithMaster(const PairingLink &link, const QString &deviceName, QObject *context,
                    std::function<void(const Result<PairedDevice> &)> done, int timeoutMs)
{
    new Exchange(link, deviceName, context, std::move(done), timeoutMs); // deletes itself
}

} // namespace hiscrm::sync
