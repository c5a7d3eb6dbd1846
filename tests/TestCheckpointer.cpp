// SPDX-License-Identifier: GPL-3.0-or-later
// The background checkpointer on a real WAL database: every committed row stays readable, the WAL
// starts over instead of growing, a reader holding an old snapshot only delays that, and the
// thread stops cleanly whatever it is doing.

#include "store/Checkpointer.h"
#include "store/Sqlite.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace hiscrm::store;
using namespace Qt::StringLiterals;

class TestCheckpointer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    QString freshPath() { return m_dir.filePath(u"ckpt-%1.sqlite"_s.arg(++m_n)); }

    static void setUp(Database &db)
    {
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = FULL");
        db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    }

    // One transaction of `rows` rows of 1 KB: a few WAL frames each.
    static void writeBatch(Database &db, int first, int rows)
    {
        WriteTransaction txn(db);
        for (int i = first; i < first + rows; ++i)
            db.cached("INSERT INTO t(id, body) VALUES(?1, ?2)")
                .bind(1, qint64(i))
                .bind(2, QString(1000, QChar(u'a' + i % 26)))
                .run();
        txn.commit();
    }

    static qint64 walFrames(const QString &path)
    {
        const qint64 size = QFileInfo(path + u"-wal"_s).size();
        return size <= 32 ? 0 : (size - 32) / (4096 + 24);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void walStartsOverAndEveryRowStays()
    {
        const QString path = freshPath();
        Database writer(path, Database::Access::ReadWrite, 5000);
        setUp(writer);
        Database reader(path, Database::Access::ReadOnly, 5000);
        qint64 framesWritten = 0;
        Checkpointer::Stats stats;
        {
            Checkpointer ckpt(path, writer.handle(), {50, 20, 400});
            int next = 0;
            for (int b = 0; b < 400; ++b) {
                writeBatch(writer, next, 10);
                next += 10;
                framesWritten += 10 / 3 + 2;
                // Another connection sees every committed row, wherever its page currently lives.
                if (b % 40 == 0)
                    QCOMPARE(reader.scalar("SELECT count(*) FROM t"), qint64(next));
            }
            stats = ckpt.stats();
        }
        QCOMPARE(reader.scalar("SELECT count(*) FROM t"), qint64(4000));
        QCOMPARE(reader.scalar("SELECT count(DISTINCT body) FROM t"), qint64(26));
        QVERIFY(stats.backgroundRounds + stats.writerRounds > 0);
        // Without restarts the WAL would hold every frame written; it was reused instead.
        QVERIFY2(walFrames(path) < framesWritten / 2,
                 qPrintable(u"WAL has %1 frames of %2 written"_s.arg(walFrames(path)).arg(framesWritten)));
        Statement check = writer.prepare("PRAGMA integrity_check");
        QVERIFY(check.next());
        QCOMPARE(check.text(0), u"ok"_s);
    }

    // Commits larger than the tail: the writer still finishes rounds, so the WAL starts over long
    // before the hard limit.
    void bigCommitsStillRestart()
    {
        const QString path = freshPath();
        Database writer(path, Database::Access::ReadWrite, 5000);
        setUp(writer);
        Checkpointer::Stats stats;
        {
            Checkpointer ckpt(path, writer.handle(), {100, 5, 1000000});
            for (int b = 0; b < 200; ++b)
                writeBatch(writer, b * 100, 100); // about 30 frames per commit
            stats = ckpt.stats();
        }
        QVERIFY(stats.writerRounds > 0);
        QVERIFY2(walFrames(path) < 2000, qPrintable(u"WAL has %1 frames"_s.arg(walFrames(path))));
        QCOMPARE(writer.scalar("SELECT count(*) FROM t"), qint64(20000));
    }

    // A reader keeps its snapshot while the WAL grows; once it lets go, the WAL starts over.
    void readerSnapshotOnlyDelaysTheRestart()
    {
        const QString path = freshPath();
        Database writer(path, Database::Access::ReadWrite, 5000);
        setUp(writer);
        Database reader(path, Database::Access::ReadOnly, 5000);
        Checkpointer ckpt(path, writer.handle(), {20, 10, 200});
        writeBatch(writer, 0, 10);
        {
            ReadTransaction snapshot(reader);
            QCOMPARE(reader.scalar("SELECT count(*) FROM t"), qint64(10));
            for (int b = 1; b <= 150; ++b)
                writeBatch(writer, b * 10, 10);
            QCOMPARE(reader.scalar("SELECT count(*) FROM t"), qint64(10)); // still its snapshot
        }
        const qint64 grown = walFrames(path);
        QVERIFY(grown > 200);
        // The writer finishes the copy after one of its commits and the next transaction reuses
        // the WAL from its start: the file stops growing.
        for (int b = 151; b <= 400; ++b)
            writeBatch(writer, b * 10, 10);
        QCOMPARE(reader.scalar("SELECT count(*) FROM t"), qint64(4010));
        QVERIFY2(walFrames(path) <= grown + 200,
                 qPrintable(u"WAL grew from %1 to %2 frames"_s.arg(grown).arg(walFrames(path))));
    }

    // Destroying the checkpointer at any moment joins its thread; the writer carries on alone.
    void stopsWhileBusy()
    {
        const QString path = freshPath();
        Database writer(path, Database::Access::ReadWrite, 5000);
        setUp(writer);
        int next = 0;
        for (int round = 0; round < 20; ++round) {
            Checkpointer ckpt(path, writer.handle(), {5, 2, 100});
            for (int b = 0; b < 5; ++b) {
                writeBatch(writer, next, 10);
                next += 10;
            }
        }
        writeBatch(writer, next, 10); // no hook left behind
        QCOMPARE(writer.scalar("SELECT count(*) FROM t"), qint64(next + 10));
    }

    void refusesAMissingDatabase()
    {
        Database writer(freshPath(), Database::Access::ReadWrite, 5000);
        bool threw = false;
        try {
            Checkpointer ckpt(m_dir.filePath(u"no/such/dir/x.sqlite"_s), writer.handle(), {});
        } catch (const SqlError &e) {
            threw = true;
            QVERIFY(e.rc != SQLITE_OK);
        }
        QVERIFY(threw);
    }
};

QTEST_GUILESS_MAIN(TestCheckpointer)
#include "TestCheckpointer.moc"
