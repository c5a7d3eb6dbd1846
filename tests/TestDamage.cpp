// SPDX-License-Identifier: GPL-3.0-or-later
// A history damaged past its first page, found at start and while running; files the master may
// not write; and what the operator is told: by the store, hiscrm-master and the desktop's session.
// The damage is real: bytes of b-tree pages overwritten in the file, found with dbstat.

#include "TestUtil.h"

#include "store/Health.h"
#include "store/SearchIndexer.h"
#include "ui/app/AppSession.h"
#include "ui/app/DamageDialog.h"

#include <sqlite3.h>

#include <QCommandLinkButton>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QMutex>
#include <QProcess>
#include <QSignalSpy>

#include <atomic>
#include <thread>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace testutil;

namespace {

QByteArray checksum(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray("missing");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

// Pages of one table or index, by name, from SQLite's dbstat (read-only: the file stays as it is).
QList<int> pagesOf(const QString &path, const char *name)
{
    QList<int> pages;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = ?1 ORDER BY pageno", -1, &st,
                               nullptr) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
            while (sqlite3_step(st) == SQLITE_ROW)
                pages << sqlite3_column_int(st, 0);
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return pages;
}

// Overwrites whole pages with bytes no b-tree page starts with, as a failing disk or a stray
// write would.
bool damagePages(const QString &path, const QList<int> &pages)
{
    QFile f(path);
    if (pages.isEmpty() || !f.open(QIODevice::ReadWrite))
        return false;
    constexpr int kPage = 4096; // SQLite's default, which the store keeps
    QByteArray junk(kPage, Qt::Uninitialized);
    for (int i = 0; i < kPage; ++i)
        junk[i] = char((i * 7919 + 13) & 0xff);
    for (int page : pages) {
        if (page <= 1 || !f.seek(qint64(page - 1) * kPage) || f.write(junk) != kPage)
            return false;
    }
    return f.flush();
}

// Log lines of one category, for "reported once, not every second".
struct LogCapture
{
    static inline QMutex mutex;
    static inline QStringList lines;
    static inline QtMessageHandler previous = nullptr;

    LogCapture()
    {
        QMutexLocker lock(&mutex);
        lines.clear();
        previous = qInstallMessageHandler(&handle);
    }
    ~LogCapture() { qInstallMessageHandler(previous); }

    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (type >= QtWarningMsg && context.category && QByteArray(context.category).startsWith("hiscrm.")) {
            QMutexLocker lock(&mutex);
            lines << QString::fromLatin1(context.category) + u": "_s + message;
        }
        if (previous)
            previous(type, context, message);
    }
    static int count(const QString &needle)
    {
        QMutexLocker lock(&mutex);
        int n = 0;
        for (const QString &l : std::as_const(lines))
            n += l.contains(needle) ? 1 : 0;
        return n;
    }
};

#ifdef Q_OS_UNIX
// Permission bits do not stop root; the tests that need them run as "nobody" for a moment.
struct AsUnprivileged
{
    bool switched = false;
    AsUnprivileged()
    {
        if (geteuid() == 0)
            switched = seteuid(65534) == 0;
    }
    ~AsUnprivileged()
    {
        if (switched && seteuid(0) != 0)
            qFatal("cannot become root again");
    }
};
#endif

std::atomic<bool> g_releaseCheck{true};

} // namespace

class TestDamage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString newFolder()
    {
        const QString folder = m_dir.filePath(QStringLiteral("d%1").arg(++m_n));
        QDir().mkpath(folder);
        return folder;
    }

    static Batch history(int messages, int from = 0)
    {
        QList<MessageRecord> ms;
        for (int i = from; i < from + messages; ++i)
            ms << dm(u"acc-1"_s, QStringLiteral("conv-%1").arg(i % 40), QStringLiteral("m%1").arg(i),
                     QStringLiteral("u-%1").arg(i % 40),
                     QStringLiteral("第%1条消息：请问这个订单什么时候发货？谢谢 order %1").arg(i),
                     kT0 + i * 1000);
        return batch(ms);
    }

    // A store with a history of a few hundred pages, closed (so everything is in the file itself).
    static bool buildStore(const QString &path, int messages = 3000)
    {
        auto s = openStore(path);
        if (!s || !s->ingest(history(messages)) || s->waitForSearchIndex(30000))
            return false;
        s.reset();
        return !QFile::exists(path + u"-wal"_s) || QFileInfo(path + u"-wal"_s).size() == 0;
    }

    // The file's bytes with the items' data pages from the middle on overwritten.
    static bool damageItems(const QString &path)
    {
        const QList<int> pages = pagesOf(path, "items");
        if (pages.size() < 10)
            return false;
        return damagePages(path, pages.mid(pages.size() / 2));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Readable for "nobody" (AsUnprivileged) too.
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                                QFileDevice::ExeGroup);
    }

    void damagedFileIsRefusedAtOpenAndLeftUntouched()
    {
        const QString path = QDir(newFolder()).filePath(u"h.db"_s);
        QVERIFY(buildStore(path));
        QVERIFY(damageItems(path));
        const QByteArray before = checksum(path);

        auto r = Store::open(path);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
        QVERIFY2(r.error().message.contains(u"damaged"_s), qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(path));
        QCOMPARE(checksum(path), before);
        // Asked again (a restart), it is still refused and still untouched.
        QCOMPARE(Store::open(path).error().code, ErrorCode::Corrupt);
        QCOMPARE(checksum(path), before);
    }

    void checkInTheBackgroundHoldsTheFirstWrite()
    {
        const QString path = QDir(newFolder()).filePath(u"h.db"_s);
        QVERIFY(buildStore(path));
        QVERIFY(damageItems(path));
        const QByteArray before = checksum(path);

        // The check is held until the store is open: as on a history too big for the time budget.
        g_releaseCheck = false;
        FileHealth::setCheckHookForTesting([](const QString &) {
            while (!g_releaseCheck)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
        });
        Store::Options o;
        o.integrityWaitMs = 50;
        auto r = Store::open(path, o);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        auto s = std::move(r.value());
        QVERIFY(!s->damage());
        std::atomic<int> told{0};
        s->setDamageListener([&](const Error &e) {
            QCOMPARE(e.code, ErrorCode::Corrupt);
            ++told;
        });
        std::thread release([] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            g_releaseCheck = true;
        });
        // Writes nothing until the check is done, then nothing at all.
        auto tag = s->createTag(u"VIP"_s, QString());
        release.join();
        FileHealth::setCheckHookForTesting(nullptr);
        QVERIFY(!tag);
        QCOMPARE(tag.error().code, ErrorCode::Corrupt);
        QCOMPARE(s->ingest(history(10, 5000)).error().code, ErrorCode::Corrupt);
        QCOMPARE(told.load(), 1);
        s.reset(); // no checkpoint at close either
        QCOMPARE(checksum(path), before);
    }

    void damageMetWhileRunningRefusesEveryWriteAndIsReportedOnce()
    {
        const QString path = QDir(newFolder()).filePath(u"h.db"_s);
        QVERIFY(buildStore(path));
        auto s = openStore(path);
        QVERIFY(s);
        std::atomic<int> told{0};
        s->setDamageListener([&](const Error &) { ++told; });
        const qint64 conv = convId(*s, u"conv-3"_s);
        QVERIFY(conv);

        LogCapture log;
        QVERIFY(damageItems(path)); // under the running store
        const QByteArray before = checksum(path);
        // A read meets the damage ...
        auto page = s->thread(ItemKind::Message, conv, 3000);
        QVERIFY(!page);
        QCOMPARE(page.error().code, ErrorCode::Corrupt);
        QVERIFY(s->damage());
        // ... and from then on nothing is written, not even what would not touch a damaged page.
        auto tag = s->createTag(u"VIP"_s, QString());
        QVERIFY(!tag);
        QCOMPARE(tag.error().code, ErrorCode::Corrupt);
        QVERIFY(tag.error().message.contains(u"damaged"_s));
        Batch profile;
        profile.platform = u"demo"_s;
        UserRecord user;
        user.platformId = u"u-new"_s;
        user.name = u"新用户"_s;
        profile.users << user;
        QCOMPARE(s->ingest(profile).error().code, ErrorCode::Corrupt);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(s->ingest(history(10, 9000 + i * 10)).error().code, ErrorCode::Corrupt);
        QCOMPARE(s->markRead(conv).error().code, ErrorCode::Corrupt);
        QCOMPARE(told.load(), 1);
        QCOMPARE(LogCapture::count(u"is damaged"_s), 1);
        s.reset();
        QCOMPARE(checksum(path), before);
        QCOMPARE(Store::open(path).error().code, ErrorCode::Corrupt); // and at the next start
    }

    void indexerStopsQuietlyWhenTheStoreIsDamaged()
    {
        const QString path = QDir(newFolder()).filePath(u"h.db"_s);
        QVERIFY(buildStore(path));
        auto s = openStore(path);
        QVERIFY(s);
        LogCapture log;
        // The index of revisions, which the indexer reads, damaged under the running store; then
        // a commit of another connection that the indexer goes to read.
        QVERIFY(damagePages(path, pagesOf(path, "items_rev")));
        {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
            sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
            QCOMPARE(sqlite3_exec(db, "UPDATE meta SET value = value + 1 WHERE key = 'rev'", nullptr, nullptr,
                                  nullptr),
                     SQLITE_OK);
            sqlite3_close(db);
        }
        QTRY_VERIFY_WITH_TIMEOUT(s->damage(), 5000);
        QCOMPARE(s->damage().code, ErrorCode::Corrupt);
        // It does not try again every second, and a search says why at once instead of waiting.
        QTest::qWait(2500);
        QCOMPARE(LogCapture::count(u"search index"_s), 0);
        QCOMPARE(LogCapture::count(u"is damaged"_s), 1);
        QElapsedTimer t;
        t.start();
        QCOMPARE(s->waitForSearchIndex(10000).code, ErrorCode::Corrupt);
        SearchQuery q;
        q.text = u"订单"_s;
        QCOMPARE(s->search(q).error().code, ErrorCode::Corrupt);
        QVERIFY(t.elapsed() < 2000);
    }

    void damagedSearchIndexIsRebuilt()
    {
        const QString path = QDir(newFolder()).filePath(u"h.db"_s);
        QVERIFY(buildStore(path, 2000));
        const QString index = searchIndexPath(path);
        // Its postings, not its header or bookkeeping: opening the index still works.
        QVERIFY(damagePages(index, pagesOf(index, "items_fts_data")));
        auto s = openStore(path);
        QVERIFY(s);
        SearchQuery q;
        q.text = u"订单"_s;
        q.limit = 200;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto r = s->search(q);
                return r && r->hits.size() == 200;
            }(),
            20000);
        // The index is the store's to rebuild, not the store's damage: it goes on working.
        QVERIFY(!s->damage());
        QVERIFY(s->ingest(history(10, 5000)));
        q.text = u"第5005条消息"_s;
        QTRY_COMPARE_WITH_TIMEOUT(s->search(q)->hits.size(), 1, 10000);
    }

#ifdef Q_OS_UNIX
    void readOnlyFileIsRefusedAtOpen()
    {
        const QString path = QDir(newFolder()).filePath(u"h.db"_s);
        QVERIFY(buildStore(path, 100));
        // The folder may be written (by "nobody" too); the file may not.
        QFile::setPermissions(QFileInfo(path).absolutePath(), QFile::permissions(m_dir.path()) |
                                                                  QFileDevice::WriteGroup |
                                                                  QFileDevice::WriteOther);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        const QByteArray before = checksum(path);
        Result<std::unique_ptr<Store>> r = Error{};
        {
            AsUnprivileged nobody;
            r = Store::open(path);
        }
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Io);
        QVERIFY2(r.error().message.contains(u"read-only"_s), qPrintable(r.error().message));
        QCOMPARE(checksum(path), before);
    }

    void readOnlyFolderIsRefusedAtOpen()
    {
        const QString folder = newFolder();
        const QString path = QDir(folder).filePath(u"h.db"_s);
        QVERIFY(buildStore(path, 100));
        // The file may be written; the folder, where the -wal and -shm files go, may not.
        if (geteuid() == 0)
            QCOMPARE(chown(path.toLocal8Bit().constData(), 65534, 65534), 0);
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                          QFileDevice::ReadGroup | QFileDevice::ExeGroup |
                                          QFileDevice::ReadOther | QFileDevice::ExeOther);
        Result<std::unique_ptr<Store>> r = Error{};
        Result<std::unique_ptr<Store>> fresh = Error{};
        {
            AsUnprivileged nobody;
            r = Store::open(path);
            fresh = Store::open(QDir(folder).filePath(u"new.db"_s));
        }
        QFile::setPermissions(folder, QFile::permissions(m_dir.path()) | QFileDevice::WriteOwner);
        for (const auto *result : {&r, &fresh}) {
            QVERIFY(!*result);
            QCOMPARE(result->error().code, ErrorCode::Io);
            QVERIFY2(result->error().message.contains(u"cannot create files in the folder"_s),
                     qPrintable(result->error().message));
            QVERIFY(result->error().message.contains(u"-wal"_s));
        }
    }
#endif

    void masterProcessRefusesADamagedDatabase()
    {
        const QString path = QDir(newFolder()).filePath(u"h.db"_s);
        QVERIFY(buildStore(path));
        // Committed but not yet copied into the file: a start that replayed and checkpointed the
        // log would write the file.
        {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
            sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
            QCOMPARE(
                sqlite3_exec(db, "UPDATE accounts SET name = 'still in the log'", nullptr, nullptr, nullptr),
                SQLITE_OK);
            sqlite3_close(db);
        }
        QVERIFY(QFileInfo(path + u"-wal"_s).size() > 0);
        QVERIFY(damageItems(path));
        const QByteArray before = checksum(path);
        const QByteArray walBefore = checksum(path + u"-wal"_s);

        QProcess p;
        p.start(QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s,
                {u"--db"_s, path, u"--listen"_s, u"none"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 3);
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(err.contains(u"is damaged"_s) && err.contains(path), qPrintable(err));
        QVERIFY(err.contains(u"backup"_s));
        QCOMPARE(checksum(path), before);
        QCOMPARE(checksum(path + u"-wal"_s), walBefore);

        // --help documents the code.
        p.start(QCoreApplication::applicationDirPath() + u"/hiscrm-master"_s, {u"--help"_s});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(p.readAllStandardOutput().contains("3 the database is damaged"));
    }

    void desktopSessionRefusesADamagedHistory()
    {
        const QString data = newFolder();
        const QString path = QDir(data).filePath(u"hiscrm.db"_s);
        QVERIFY(buildStore(path));
        QVERIFY(damageItems(path));
        QFile drafts(QDir(data).filePath(u"drafts.json"_s));
        QVERIFY(drafts.open(QIODevice::WriteOnly));
        drafts.write(R"({"m:1":{"text":"未发出的回复"}})");
        drafts.close();
        const QByteArray before = checksum(path);

        {
            ui::AppSession session;
            const Error e = session.start(data);
            QCOMPARE(e.code, ErrorCode::Corrupt);
            QVERIFY(ui::AppSession::isDamage(e));
            QVERIFY(!session.isRunning());
        }
        QCOMPARE(checksum(path), before);

        // "Move the damaged file aside and start with an empty history".
        const auto moved = ui::AppSession::moveDamagedHistoryAside(data);
        QVERIFY2(moved, qPrintable(moved ? QString() : moved.error().message));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(searchIndexPath(path)));
        QVERIFY(!QFile::exists(drafts.fileName()));
        QString aside;
        for (const QString &f : *moved) {
            if (QFileInfo(f).fileName().startsWith(u"hiscrm.db.damaged-"_s) && !f.endsWith(u"-wal"_s) &&
                !f.endsWith(u"-shm"_s))
                aside = f;
        }
        QVERIFY2(!aside.isEmpty(), qPrintable(moved->join(u", "_s)));
        QCOMPARE(checksum(aside), before);
        QVERIFY(QDir(data).entryList({u"hiscrm-search.db.damaged-*"_s}).size() >= 1);
        QCOMPARE(QDir(data).entryList({u"drafts.json.damaged-*"_s}).size(), 1);

        ui::AppSession session;
        const Error e = session.start(data);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(session.store()->conversations({})->conversations.size(), 0);
        QCOMPARE(checksum(aside), before);
    }

    void desktopSessionTellsOfDamageFoundWhileRunning()
    {
        const QString data = newFolder();
        const QString path = QDir(data).filePath(u"hiscrm.db"_s);
        QVERIFY(buildStore(path));
        ui::AppSession session;
        QVERIFY(!session.start(data));
        QSignalSpy damaged(&session, &ui::AppSession::historyDamaged);
        qint64 conv = 0;
        {
            Store::Options readOnly;
            readOnly.access = Store::Access::ReadOnly;
            auto lookup = Store::open(path, readOnly);
            QVERIFY(lookup);
            conv = convId(*lookup.value(), u"conv-3"_s);
        }
        QVERIFY(conv);

        QVERIFY(damageItems(path));
        // The window's own read-only connection meets it; the master stops writing.
        QCOMPARE(session.store()->thread(ItemKind::Message, conv, 3000).error().code, ErrorCode::Corrupt);
        QVERIFY(damaged.wait(5000));
        QVERIFY(damaged.first().first().toString().contains(u"damaged"_s));
        std::optional<Error> answer;
        session.link()->command(u"pin"_s, QJsonObject{{u"conversation_id"_s, conv}},
                                [&](const Result<QJsonObject> &r) { answer = r ? Error{} : r.error(); });
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(answer->code, ErrorCode::Corrupt);
        QTest::qWait(300);
        QCOMPARE(damaged.size(), 1);
    }

    void damageDialogOffersTheWaysOut()
    {
        for (const auto when : {ui::DamageDialog::When::AtStart, ui::DamageDialog::When::WhileRunning}) {
            const bool running = when == ui::DamageDialog::When::WhileRunning;
            ui::DamageDialog dialog(when, u"/home/op/.local/share/HisCRM"_s,
                                    u"Page 7: btreeInitPage() returns error code 11"_s);
            const auto *moveAside = dialog.findChild<QCommandLinkButton *>(u"moveAside"_s);
            auto *quit = dialog.findChild<QCommandLinkButton *>(u"quit"_s);
            auto *keep = dialog.findChild<QCommandLinkButton *>(u"keepReading"_s);
            QVERIFY(moveAside && quit);
            QCOMPARE(moveAside->text(), u"Move the damaged file aside and start with an empty history"_s);
            QCOMPARE(keep != nullptr, running);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&dialog));
            // A stray Enter quits; nothing is moved but by choosing it.
            QCOMPARE(dialog.focusWidget(), quit);
            QTest::keyClick(&dialog, Qt::Key_Return);
            QVERIFY(!dialog.isVisible());
            QCOMPARE(dialog.choice(), ui::DamageDialog::Choice::Quit);
            dialog.show();
            QTest::mouseClick(const_cast<QCommandLinkButton *>(moveAside), Qt::LeftButton);
            QCOMPARE(dialog.choice(), ui::DamageDialog::Choice::MoveAside);
            if (keep) {
                dialog.show();
                QTest::mouseClick(keep, Qt::LeftButton);
                QCOMPARE(dialog.choice(), ui::DamageDialog::Choice::KeepReading);
            }
            // The long labels fit: the buttons are as wide as they ask to be.
            QVERIFY(moveAside->width() >= moveAside->minimumSizeHint().width());
            QVERIFY(dialog.findChild<QLabel *>(u"damageDetails"_s)->text().contains(u"Page 7"_s));
        }
    }
};

QTEST_MAIN(TestDamage)
#include "TestDamage.moc"
