// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/SecretStore.h"

#include <QEventLoop>
#include <QTimer>

#include <atomic>

#if HISCRM_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace hiscrm::ui {

namespace {

std::atomic<bool> g_disabled{qEnvironmentVariableIsSet("HISCRM_NO_KEYCHAIN")};

#if HISCRM_HAVE_KEYCHAIN
QString service()
{
    return QCoreApplication::applicationName().isEmpty() ? QStringLiteral("HisCRM Desk")
                                                         : QCoreApplication::applicationName();
}

// Runs a keychain job to its end (or the timeout), with the event loop running meanwhile.
bool run(QKeychain::Job &job, QString *why)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(SecretStore::kTimeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    if (!finished) {
        *why = SecretStore::tr("the keychain did not answer within %1 s").arg(SecretStore::kTimeoutMs / 1000);
        return false;
    }
    if (job.error() != QKeychain::NoError) {
        *why = job.errorString();
        return false;
    }
    return true;
}
#endif

} // namespace

bool SecretStore::available()
{
#if HISCRM_HAVE_KEYCHAIN
    return !g_disabled;
#else
    return false;
#endif
}

void SecretStore::setDisabled(bool disabled)
{
    g_disabled = disabled;
}

Error SecretStore::write(const QString &key, const QString &secret)
{
#if HISCRM_HAVE_KEYCHAIN
    if (!available())
        return Error{ErrorCode::Io, tr("The system keychain is not used.")};
    QKeychain::WritePasswordJob job(service());
    job.setKey(key);
    job.setTextData(secret);
    QString why;
    if (!run(job, &why))
        return Error{ErrorCode::Io, tr("The system keychain refused to keep the secret: %1").arg(why)};
    return {};
#else
    Q_UNUSED(key);
    Q_UNUSED(secret);
    return Error{ErrorCode::Io, tr("This build has no system keychain support.")};
#endif
}

Result<QString> SecretStore::read(const QString &key)
{
#if HISCRM_HAVE_KEYCHAIN
    if (!available())
        return Error{ErrorCode::Io, tr("The system keychain is not used.")};
    QKeychain::ReadPasswordJob job(service());
    job.setKey(key);
    QString why;
    if (!run(job, &why))
        return Error{job.error() == QKeychain::EntryNotFound ? ErrorCode::NotFound : ErrorCode::Io,
                     tr("The system keychain did not give the secret: %1").arg(why)};
    return job.textData();
#else
    Q_UNUSED(key);
    return Error{ErrorCode::Io, tr("This build has no system keychain support.")};
#endif
}

Error SecretStore::remove(const QString &key)
{
#if HISCRM_HAVE_KEYCHAIN
    if (!available())
        return {};
    QKeychain::DeletePasswordJob job(service());
    job.setKey(key);
    QString why;
    if (!run(job, &why) && job.error() != QKeychain::EntryNotFound)
        return Error{ErrorCode::Io, tr("The system keychain did not delete the secret: %1").arg(why)};
    return {};
#else
    Q_UNUSED(key);
    return {};
#endif
}

} // namespace hiscrm::ui
