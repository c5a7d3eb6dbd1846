// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// TLS for the master's port (wss://): a certificate and key given by the admin, or one the master
// makes and keeps itself ("--tls auto": self-signed; desktops pin its fingerprint, which the
// pairing link carries).

#include "common/Error.h"

#include <QSslConfiguration>
#include <QString>

namespace hiscrm::master {

struct TlsSetup
{
    QSslConfiguration configuration; // the server's certificate and key
    QString fingerprint;             // "sha256:" + the certificate's SHA-256, hex
};

// Reads a PEM certificate (the first of the file is the server's; the rest, its chain) and its
// PEM private key (RSA or EC, unencrypted).
Result<TlsSetup> loadTls(const QString &certificatePath, const QString &keyPath);
// The certificate in `folder` (cert.pem, key.pem), made on first use: an EC P-256 key and a
// self-signed certificate for `hostName`, valid for 10 years. The key file is readable by its
// owner only.
Result<TlsSetup> autoTls(const QString &folder, const QString &hostName);
// "sha256:ab12..." of a certificate.
QString fingerprintOf(const QSslCertificate &certificate);

} // namespace hiscrm::master
