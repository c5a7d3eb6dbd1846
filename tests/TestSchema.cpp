// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixtures.h"
#include "TestUtil.h"
#include "model/Model.h"
#include "store/SearchIndexer.h"
#include "store/Sqlite.h"

#include <sqlite3.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace testutil;

class TestSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("s%1.db").arg(++m_n)); }

    static Batch sample()
    {
        Batch b = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"老版本里的消息"_s, kT0 + 1000),
                         dm(u"acc-1"_s, u"conv-1"_s, u"m2"_s, u"u-1"_s, u"old message"_s, kT0 + 2000)},
                        {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-2"_s, u"老评论"_s, kT0)});
        b.users << profile(u"u-1"_s, u"老用户"_s);
        return b;
    }

    static void rawExec(const QString &path, const char *sql)
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        char *err = nullptr;
        const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
        QVERIFY2(rc == SQLITE_OK, err);
        sqlite3_close(db);
    }

    static qint64 rawScalar(const QString &path, const char *sql)
    {
        sqlite3 *db = nullptr;
        sqlite3_open(path.toUtf8().constData(), &db);
        sqlite3_stmt *st = nullptr;
        qint64 v = -1;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
        return v;
    }

    // The rows version 1 of the app wrote for sample(), by hand: that version had no search index.
    static void writeVersion1Rows(const QString &path)
    {
        const QByteArray t1 = QByteArray::number((kT0 + 1000) * 1024),
                         t2 = QByteArray::number((kT0 + 2000) * 1024), t0 = QByteArray::number(kT0 * 1024),
                         at1 = QByteArray::number(kT0 + 1000), at2 = QByteArray::number(kT0 + 2000),
                         at0 = QByteArray::number(kT0);
        const QByteArray sql =
            "INSERT INTO users(id, platform, platform_id, name, rev) VALUES(1, 'demo', 'acc-1', '', 1), "
            "(2, 'demo', 'u-1', '老用户', 2), (3, 'demo', 'u-2', '', 3);"
            "INSERT INTO accounts(id, platform, platform_id, user_id, rev) VALUES(1, 'demo', 'acc-1', 1, 4);"
            "INSERT INTO conversations(id, account_id, platform_id, peer_user_id, last_item_id, last_at, "
            "last_preview, "
            "unread_count, rev) VALUES(1, 1, 'conv-1', 2, " +
            t2 + ", " + at2 +
            ", 'old message', 2, 9);"
            "INSERT INTO contents(id, account_id, platform_id, comment_count, unread_comments, "
            "last_comment_at, rev) "
            "VALUES(1, 1, 'vid-1', 1, 1, " +
            at0 +
            ", 10);"
            "INSERT INTO items(id, kind, account_id, platform_id, thread_id, sender_id, direction, text, "
            "created_at, rev) "
            "VALUES(" +
            t1 + ", 0, 1, 'm1', 1, 2, 0, '老版本里的消息', " + at1 +
            ", 5), "
            "(" +
            t2 + ", 0, 1, 'm2', 1, 2, 0, 'old message', " + at2 +
            ", 6), "
            "(" +
            t0 + ", 1, 1, 'c1', 1, 3, 0, '老评论', " + at0 +
            ", 7);"
            "UPDATE meta SET value = 10 WHERE key = 'rev';";
        rawExec(path, sql.constData());
    }

private slots:
    void emptyFileGetsLatestSchema()
    {
        auto s = openStore(newPath());
        QVERIFY(s);
        QCOMPARE(s->schemaVersion(), Store::latestSchemaVersion());
        QCOMPARE(*s->integrityCheck(), u"ok"_s);
        QCOMPARE(*s->revision(), 0);
    }

    void migratesFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 1; v < Store::latestSchemaVersion(); ++v)
            QTest::newRow(qPrintable(QStringLiteral("from version %1").arg(v))) << v;
    }

    void migratesFromEveryEarlierVersion()
    {
        QFETCH(int, from);
        const QString path = newPath();
        qint64 rev = 0;
        {
            Store::Options o;
            o.migrateTo = from;
            auto old = openStore(path, o);
            QVERIFY(old);
            QCOMPARE(old->schemaVersion(), from);
            if (from >= 2) {
                // From version 2 on, today's ingest writes nothing a later step adds.
                auto r = old->ingest(sample());
                QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
            }
        }
        if (from == 1)
            writeVersion1Rows(path); // what version 1, which had no search index, stored
        {
            Store::Options o;
            o.migrateTo = from;
            rev = *openStore(path, o)->revision();
        }
        auto s = openStore(path);
        QVERIFY(s);
        QCOMPARE(s->schemaVersion(), Store::latestSchemaVersion());
        QCOMPARE(*s->revision(), rev);
        QCOMPARE(*s->integrityCheck(), u"ok"_s);
        // v6: messages are indexed in a database of their own (merging 8 segments at a time), for
        // this store only.
        QCOMPARE(rawScalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'items_fts'"), qint64(0));
        QVERIFY(rawScalar(path, "SELECT value FROM meta WHERE key = 'store_id'") > 0);
        QCOMPARE(s->conversations({})->conversations.size(), 1);
        QCOMPARE(s->conversations({})->conversations.first().unreadCount, 2);
        // Rows written before the search index existed are found.
        SearchQuery q;
        q.text = u"老"_s;
        QCOMPARE(s->search(q)->hits.size(), 2);
        q.text = u"old"_s;
        QCOMPARE(s->search(q)->hits.size(), 1);
        const QString index = searchIndexPath(path);
        QCOMPARE(rawScalar(index, "SELECT v FROM items_fts_config WHERE k = 'automerge'"), qint64(8));
        QCOMPARE(rawScalar(index, "SELECT value FROM meta WHERE key = 'store_id'"),
                 rawScalar(path, "SELECT value FROM meta WHERE key = 'store_id'"));
        PeerNameQuery byName;
        byName.text = u"老用户"_s;
        QCOMPARE(s->conversationsByPeerName(byName)->size(), 1);
        // v8: which account each profile was seen in (the account's own, the peer, the commenter).
        QCOMPARE(rawScalar(path, "SELECT count(*) FROM user_accounts WHERE account_id = 1"), qint64(3));
        // And the newest features work on the migrated file.
        auto tag = s->createTag(u"迁移后"_s, QString());
        QVERIFY(tag);
        QVERIFY(s->tagConversation(s->conversations({})->conversations.first().id, tag->tagId));
        // Re-sending the old batch still changes nothing.
        auto again = s->ingest(sample());
        QCOMPARE(again->inserted, 0);
        QCOMPARE(again->updated, 0);
    }

    void reopeningDoesNotMigrateAgain()
    {
        const QString path = newPath();
        {
            auto s = openStore(path);
            QVERIFY(s->ingest(sample()));
        }
        auto s = openStore(path);
        QVERIFY(s);
        SearchQuery q;
        q.text = u"老"_s;
        QCOMPARE(s->search(q)->hits.size(), 2); // not indexed twice
    }

    void garbageFileIsNotADatabase()
    {
        const QString path = newPath();
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray junk;
        for (int i = 0; i < 8192; ++i)
            junk += char((i * 7919) & 0xff);
        f.write(junk);
        f.close();
        auto r = Store::open(path);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::NotADatabase);
        QVERIFY(r.error().message.contains(u"not a HisCRM database"_s));
        // Untouched.
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), junk);
    }

    void textFileIsNotADatabase()
    {
        const QString path = newPath();
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("name,phone\nalice,123\n").repeated(200));
        f.close();
        auto r = Store::open(path);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::NotADatabase);
    }

    void foreignDatabaseIsRefusedAndUntouched()
    {
        const QString path = newPath();
        rawExec(path, "CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices "
                      "VALUES(1, 9.5);");
        const QByteArray before = [&] {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        auto r = Store::open(path);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::ForeignDatabase);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QVERIFY(!QFile::exists(path + u"-wal"_s));
    }

    void newerSchemaIsRefused()
    {
        const QString path = newPath();
        {
            auto s = openStore(path);
            QVERIFY(s);
        }
        rawExec(path,
                QByteArray("PRAGMA user_version = " + QByteArray::number(Store::latestSchemaVersion() + 1))
                    .constData());
        auto r = Store::open(path);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::TooNew);
    }

    void truncatedDatabaseGivesAClearError()
    {
        const QString path = newPath();
        {
            auto s = openStore(path);
            QVERIFY(s);
            QList<MessageRecord> ms;
            for (int i = 0; i < 3000; ++i)
                ms << dm(u"acc-1"_s, u"conv-1"_s, QStringLiteral("m%1").arg(i), u"u-1"_s,
                         QStringLiteral("消息内容 %1 一些填充文字让页面变多").arg(i), kT0 + i);
            QVERIFY(s->ingest(batch(ms)));
            rawExec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        // Keep the header page, damage everything after it.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(size > 64 * 1024);
        f.seek(4096);
        f.write(QByteArray(int(size - 4096), '\xA5'));
        f.close();
        auto r = Store::open(path);
        if (r) {
            // The header and schema may survive; then the damage must show as an error, not a crash.
            auto check = r.value()->integrityCheck();
            QVERIFY(!check || *check != u"ok"_s);
            auto list = r.value()->conversations({});
            if (!list)
                QVERIFY(list.error().code == ErrorCode::Corrupt || list.error().code == ErrorCode::Internal);
        } else {
            QVERIFY(r.error().code == ErrorCode::Corrupt || r.error().code == ErrorCode::NotADatabase);
            QVERIFY(!r.error().message.isEmpty());
        }
    }

    void readOnlyNeedsAnExistingMigratedFile()
    {
        Store::Options ro;
        ro.access = Store::Access::ReadOnly;
        auto missing = Store::open(m_dir.filePath(u"nope.db"_s), ro);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        const QString path = newPath();
        {
            Store::Options o;
            o.migrateTo = 1;
            QVERIFY(openStore(path, o));
        }
        auto old = Store::open(path, ro);
        QVERIFY(!old);
        QCOMPARE(old.error().code, ErrorCode::Conflict);
    }

    // Text goes into SQLite as UTF-8 and comes back through SQLite's UTF-8 too (Statement::bind,
    // Statement::text): every string the store can hold comes back equal, short or long, and bytes
    // that are not UTF-8 (a file written by something else) come back replaced, never cut.
    void textRoundTripsThroughSqlite_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("back");
        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls += QChar(c);
        const QString longChinese =
            u"长消息，"_s.repeated(120); // beyond the 200 characters bound on the stack
        QTest::newRow("empty") << u""_s << u""_s;
        QTest::newRow("chinese") << u"你好，世界"_s << u"你好，世界"_s;
        QTest::newRow("emoji") << u"🎉👍🏽 ok"_s << u"🎉👍🏽 ok"_s;
        QTest::newRow("control characters and NUL") << controls << controls;
        QTest::newRow("long") << longChinese << longChinese;
        // The store refuses these at its doors; if one came through, its end must not be lost.
        QTest::newRow("ends in half a pair") << u"ab"_s + QChar(0xD83D) << u"ab\uFFFD"_s;
    }

    void textRoundTripsThroughSqlite()
    {
        QFETCH(QString, text);
        QFETCH(QString, back);
        store::Database db(newPath(), store::Database::Access::ReadWrite, 1000);
        db.exec("CREATE TABLE t (v TEXT NOT NULL)");
        db.prepare("INSERT INTO t VALUES (?1)").bind(1, text).run();
        store::Statement q = db.prepare("SELECT v FROM t");
        QVERIFY(q.next());
        QCOMPARE(q.text(0), back);
        QCOMPARE(q.utf8(0), back.toUtf8());
        QByteArray json;
        model::appendJsonString(json, q.text(0));
        QCOMPARE(QJsonDocument::fromJson("[" + json + "]").array().at(0).toString(), back);
    }

    void bytesThatAreNotUtf8ComeBackReplaced()
    {
        store::Database db(newPath(), store::Database::Access::ReadWrite, 1000);
        db.exec("CREATE TABLE t (v TEXT NOT NULL)");
        db.prepare("INSERT INTO t VALUES (?1)")
            .bindUtf8(1, QByteArray("a\xff\xfe"
                                    "b\xe4\xbd"))
            .run();
        store::Statement q = db.prepare("SELECT v FROM t");
        QVERIFY(q.next());
        const QString text = q.text(0);
        QVERIFY(text.startsWith(u'a'));
        QVERIFY(text.contains(u'b'));
        QVERIFY(text.contains(QChar::ReplacementCharacter));
        QByteArray json;
        model::appendJsonString(json, text);
        QCOMPARE(QString::fromUtf8(json).toUtf8(), json); // what goes on the wire is UTF-8
        QCOMPARE(QJsonDocument::fromJson("[" + json + "]").array().at(0).toString(), text);
    }

    void unwritableFolderGivesAClearError()
    {
        auto r = Store::open(u"/proc/definitely/not/here.db"_s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Io);
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "TestSchema.moc"
