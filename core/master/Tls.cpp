// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/Tls.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSslKey>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <memory>

namespace hiscrm::master {

namespace {

// The messages name files and what is wrong with them, for the admin starting the master.
struct Tls
{
    Q_DECLARE_TR_FUNCTIONS(Tls)
};

Error tlsError(const QString &message)
{
    return {ErrorCode::InvalidArgument, message};
}

Result<QByteArray> readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Io,
                     Tls::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), f.errorString())};
    return f.readAll();
}

Error writeFile(const QString &path, const QByteArray &data, QFile::Permissions permissions)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || !f.setPermissions(permissions) ||
        f.write(data) != data.size() || !f.flush())
        return {ErrorCode::Io,
                Tls::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString())};
    return {};
}

QByteArray pem(const std::function<int(BIO *)> &write)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || write(bio.get()) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

// A new EC P-256 key and a self-signed certificate for hostName: (certificate PEM, key PEM).
std::optional<std::pair<QByteArray, QByteArray>> makeSelfSigned(const QString &hostName)
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    if (!key || !cert)
        return std::nullopt;
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return std::nullopt;
    serial[0] &= 0x7f; // a positive serial number
    std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(BN_bin2bn(serial, sizeof serial, nullptr), BN_free);
    const QByteArray cn = hostName.toUtf8().left(64);
    X509_NAME *name = X509_get_subject_name(cert.get());
    const bool ok = bn && X509_set_version(cert.get(), 2) == 1 &&
                    BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get())) &&
                    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) &&
                    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600) &&
                    X509_set_pubkey(cert.get(), key.get()) == 1 &&
                    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                               reinterpret_cast<const unsigned char *>(cn.constData()),
                                               int(cn.size()), -1, 0) == 1 &&
                    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                               reinterpret_cast<const unsigned char *>("HisCRM master"), -1,
                                               -1, 0) == 1 &&
                    X509_set_issuer_name(cert.get(), name) == 1 &&
                    X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
    if (!ok)
        return std::nullopt;
    const QByteArray certPem = pem([&](BIO *b) { return PEM_write_bio_X509(b, cert.get()); });
    const QByteArray keyPem = pem([&](BIO *b) {
        return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    if (certPem.isEmpty() || keyPem.isEmpty())
        return std::nullopt;
    return std::make_pair(certPem, keyPem);
}

Result<TlsSetup> setupFrom(const QByteArray &certPem, const QByteArray &keyPem, const QString &where)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty())
        return tlsError(Tls::tr("No PEM certificate in %1.").arg(where));
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        return tlsError(Tls::tr("No unencrypted PEM private key (EC or RSA) for %1.").arg(where));
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setLocalCertificateChain(chain);
    c.setPrivateKey(key);
    c.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with tokens, not certificates
    c.setProtocol(QSsl::TlsV1_2OrLater);
    return TlsSetup{c, fingerprintOf(chain.first())};
}

} // namespace

QString fingerprintOf(const QSslCertificate &certificate)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

Result<TlsSetup> loadTls(const QString &certificatePath, const QString &keyPath)
{
    const Result<QByteArray> cert = readAll(certificatePath);
    if (!cert)
        return cert.error();
    const Result<QByteArray> key = readAll(keyPath);
    if (!key)
        return key.error();
    return setupFrom(*cert, *key, QDir::toNativeSeparators(certificatePath));
}

Result<TlsSetup> autoTls(const QString &folder, const QString &hostName)
{
    const QString certPath = QDir(folder).filePath(QStringLiteral("cert.pem"));
    const QString keyPath = QDir(folder).filePath(QStringLiteral("key.pem"));
    if (QFile::exists(certPath) && QFile::exists(keyPath))
        return loadTls(certPath, keyPath);
    if (!QDir().mkpath(folder))
        return Error{ErrorCode::Io, Tls::tr("Cannot create %1.").arg(QDir::toNativeSeparators(folder))};
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const auto made = makeSelfSigned(hostName);
    if (!made)
        return Error{ErrorCode::Internal, Tls::tr("OpenSSL could not make a certificate.")};
    // The key first: a certificate without its key would be taken for a complete pair next time.
    if (Error e =
            writeFile(keyPath + QStringLiteral(".new"), made->second, QFile::ReadOwner | QFile::WriteOwner))
        return e;
    if (Error e = writeFile(certPath + QStringLiteral(".new"), made->first,
                            QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther))
        return e;
    QFile::remove(keyPath);
    QFile::remove(certPath);
    if (!QFile::rename(keyPath + QStringLiteral(".new"), keyPath) ||
        !QFile::rename(certPath + QStringLiteral(".new"), certPath))
        return Error{ErrorCode::Io, Tls::tr("Cannot store the certificate in %1.").arg(folder)};
    return setupFrom(made->first, made->second, QDir::toNativeSeparators(certPath));
}

} // namespace hiscrm::master
