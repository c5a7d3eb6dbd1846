// SPDX-License-Identifier: GPL-3.0-or-later
// Online backup (hiscrm-master backup): SQLite's backup API copies the pages of one read snapshot,
// so the master keeps writing meanwhile (WAL: a reader never blocks the writer) and the copy is
// consistent as of one commit. The copy is written beside the destination and renamed into place
// only after SQLite's quick_check passed on it: a damaged or half-written backup never takes the
// destination's name.

#include "store/StoreImpl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace hiscrm::store {

namespace {

Error backupError(const QString &what)
{
    return {ErrorCode::Io,
            Store::tr("The backup failed: %1. Nothing was written at the destination.").arg(what)};
}

} // namespace

Result<qint64> Store::backupTo(const QString &destination)
{
    const QFileInfo dest(destination);
    if (dest.exists())
        return Error{ErrorCode::Conflict,
                     Store::tr("%1 exists already; choose a new file name for the backup.")
                         .arg(QDir::toNativeSeparators(destination))};
    if (!dest.absoluteDir().exists())
        return Error{
            ErrorCode::NotFound,
            Store::tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(dest.absolutePath()))};
    const QString partial = destination + QStringLiteral(".partial");
    QFile::remove(partial);
    sqlite3 *out = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(partial).constData(), &out,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        const QString why = QString::fromUtf8(sqlite3_errmsg(out));
        sqlite3_close(out);
        return backupError(why);
    }
    auto abandon = [&](const QString &why) -> Error {
        sqlite3_close(out);
        QFile::remove(partial);
        return backupError(why);
    };
    qint64 revision = 0;
    {
        auto q = d->db.cached("SELECT value FROM meta WHERE key = 'rev'");
        revision = q.next() ? q.int64(0) : 0;
    }
    sqlite3_backup *b = sqlite3_backup_init(out, "main", d->db.handle(), "main");
    if (!b)
        return abandon(QString::fromUtf8(sqlite3_errmsg(out)));
    // All pages in one step: one read snapshot, however long it takes; the writer goes on.
    const int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return abandon(QString::fromUtf8(sqlite3_errstr(rc)));
    // The copy's own revision: what it holds (the snapshot may be newer than the one read above).
    sqlite3_stmt *s = nullptr;
    QString check;
    if (sqlite3_prepare_v2(out, "SELECT value FROM meta WHERE key = 'rev'", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        revision = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (sqlite3_prepare_v2(out, "PRAGMA quick_check", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        check = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
    sqlite3_finalize(s);
    if (check != u"ok")
        return abandon(Store::tr("the copy does not pass SQLite's check (%1)").arg(check));
    if (sqlite3_close(out) != SQLITE_OK)
        return abandon(Store::tr("the copy could not be closed"));
    if (!QFile::rename(partial, destination)) {
        QFile::remove(partial);
        return backupError(Store::tr("cannot name the copy %1").arg(destination));
    }
    return revision;
}

} // namespace hiscrm::store
