// SPDX-License-Identifier: GPL-3.0-or-later
// The search index in its own database, kept by its own thread (store/SearchIndexer.h): a search
// finds everything committed before it, the index follows edits, recalls and deletions, survives
// being lost or left behind, and is never used for another store.
#include "StoreFixtures.h"
#include "TestUtil.h"
#include "search/TextAnalysis.h"
#include "store/SearchIndexer.h"

#include <sqlite3.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace testutil;

class TestSearchIndexer : public QObject
{
    Q_OBJECT

    // A search for text, with every other option left as it is.
    static SearchQuery byText(const QString &text)
    {
        SearchQuery q;
        q.text = text;
        return q;
    }

    static int hits(Store &s, const QString &text)
    {
        const auto page = s.search(byText(text));
        if (!page) {
            qWarning() << "search failed:" << page.error().message;
            return -1;
        }
        return int(page->hits.size());
    }

    // One message in conversation c1 of account acc-1.
    static bool say(Store &s, const QString &id, const QString &text, qint64 at)
    {
        return bool(s.ingest(batch({dm(u"acc-1"_s, u"c1"_s, id, u"u1"_s, text, at)})));
    }

    // A store at `path` holding these messages (m1, m2, ...), closed again.
    static void storeMessages(const QString &path, const QStringList &texts)
    {
        auto s = openStore(path);
        QVERIFY(s);
        for (qsizetype i = 0; i < texts.size(); ++i)
            QVERIFY(say(*s, u"m%1"_s.arg(i + 1), texts[i], kT0 + i));
    }

    static void rawExec(const QString &path, const char *sql)
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        QString tokenizerError;
        QVERIFY(hiscrm::search::registerTokenizer(db, &tokenizerError));
        char *error = nullptr;
        const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
        const QString message = QString::fromUtf8(error ? error : "");
        sqlite3_free(error);
        sqlite3_close(db);
        QVERIFY2(rc == SQLITE_OK, qPrintable(message));
    }

    static void removeIndex(const QString &storePath)
    {
        QVERIFY(removeSearchIndex(storePath));
        QVERIFY(!QFile::exists(searchIndexPath(storePath)));
    }

    std::unique_ptr<QTemporaryDir> m_dir; // a fresh folder for each test
    QString m_path;                       // the store file s.db in it

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(u"s.db"_s);
    }

    void cleanup() { m_dir.reset(); }

    void indexLivesNextToTheStore()
    {
        QCOMPARE(searchIndexPath(u"/data/hiscrm.db"_s), u"/data/hiscrm-search.db"_s);
        QCOMPARE(searchIndexPath(u"/data/store.v2.sqlite"_s), u"/data/store.v2-search.sqlite"_s);
        QCOMPARE(searchIndexPath(u"/data/history"_s), u"/data/history-search"_s);
    }

    // Each search sees what was committed before it, with no wait in the test.
    void searchFindsEveryCommittedBatch()
    {
        auto s = openStore(m_path);
        QVERIFY(s);
        for (int i = 0; i < 20; ++i) {
            const QString word = u"token%1x"_s.arg(i);
            QVERIFY(say(*s, u"m%1"_s.arg(i), u"说 "_s + word, kT0 + i));
            QCOMPARE(hits(*s, word), 1);
            QCOMPARE(hits(*s, u"说"_s), i + 1);
        }
        QVERIFY(QFile::exists(searchIndexPath(m_path)));
    }

    void followsEditsRecallsAndDeletions()
    {
        auto s = openStore(m_path);
        QVERIFY(s);
        QVERIFY(s->ingest(batch({dm(u"acc-1"_s, u"c1"_s, u"m1"_s, u"u1"_s, u"原来的话"_s, kT0),
                                 dm(u"acc-1"_s, u"c1"_s, u"m2"_s, u"u1"_s, u"second message"_s, kT0 + 1),
                                 dm(u"acc-1"_s, u"c1"_s, u"m3"_s, u"u1"_s, u"third message"_s, kT0 + 2)})));
        QCOMPARE(hits(*s, u"原来"_s), 1);

        // Edited on the platform: the old text is no longer found, the new one is.
        QVERIFY(say(*s, u"m1"_s, u"改过的话"_s, kT0));
        QCOMPARE(hits(*s, u"原来"_s), 0);
        QCOMPARE(hits(*s, u"改过"_s), 1);

        // Reading changes the items' revisions but not their text: still found once.
        QVERIFY(s->markRead(convId(*s, u"c1"_s)));
        QCOMPARE(hits(*s, u"改过"_s), 1);
        QCOMPARE(hits(*s, u"message"_s), 2);

        // Recalled, then deleted.
        const auto found = [&](const QString &text) {
            return s->search(byText(text))->hits.first().item.id;
        };
        QVERIFY(s->recallItem(found(u"second"_s)));
        QCOMPARE(hits(*s, u"second"_s), 0);
        QVERIFY(s->deleteItem(found(u"third"_s)));
        QCOMPARE(hits(*s, u"third"_s), 0);
        QCOMPARE(hits(*s, u"message"_s), 0);
        QCOMPARE(*s->integrityCheck(), u"ok"_s);
    }

    // The index is derived data: lost or left behind, it is rebuilt from the store.
    void lostIndexIsRebuilt()
    {
        storeMessages(m_path, {u"找得到吗"_s});
        removeIndex(m_path);
        auto s = openStore(m_path);
        QVERIFY(s);
        QCOMPARE(hits(*s, u"找得到"_s), 1);
    }

    // A damaged index file never keeps the store from opening: it is built anew.
    void damagedIndexIsReplaced()
    {
        storeMessages(m_path, {u"损坏了也能找到"_s});
        removeIndex(m_path);
        QFile garbage(searchIndexPath(m_path));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        garbage.close();
        {
            // A reader says the index is not ready, not that the store is damaged.
            auto reader = openReader(m_path);
            QVERIFY(reader);
            const auto page = reader->search(byText(u"找到"_s));
            QVERIFY(!page);
            QVERIFY(page.error().message.contains(u"being built"_s));
        }
        auto s = openStore(m_path);
        QVERIFY(s);
        QCOMPARE(hits(*s, u"找到"_s), 1);
    }

    // A crash after the store's commit and before the index's: the index is behind.
    void indexBehindCatchesUp()
    {
        storeMessages(m_path, {u"first words"_s, u"later words"_s});
        // Back to the state after the first batch: its revision, its one row.
        const QString index = searchIndexPath(m_path);
        rawExec(index, "DELETE FROM items_fts WHERE rowid = (SELECT max(rowid) FROM items_fts)");
        rawExec(index, "UPDATE meta SET value = 1 WHERE key = 'indexed_rev'");
        auto s = openStore(m_path);
        QVERIFY(s);
        QCOMPARE(hits(*s, u"later"_s), 1);
        QCOMPARE(hits(*s, u"words"_s), 2);
    }

    // A store file replaced by another (restored, copied): the old index must not answer for it.
    void indexOfAnotherStoreIsNotUsed()
    {
        const QString a = m_dir->filePath(u"a.db"_s);
        const QString b = m_dir->filePath(u"b.db"_s);
        storeMessages(a, {u"apple"_s});
        storeMessages(b, {u"banana"_s});
        removeIndex(a);
        QVERIFY(QFile::copy(searchIndexPath(b), searchIndexPath(a)));
        {
            // A reader alone does not trust it...
            auto reader = openReader(a);
            QVERIFY(reader);
            QVERIFY(!reader->search(byText(u"banana"_s)));
        }
        // ... and the writer rebuilds it.
        auto s = openStore(a);
        QVERIFY(s);
        QCOMPARE(hits(*s, u"banana"_s), 0);
        QCOMPARE(hits(*s, u"apple"_s), 1);
    }

    // A read-only store (the desktop's reader) searches what the writer's indexer wrote.
    void readOnlyStoreSeesTheWritersIndex()
    {
        auto writer = openStore(m_path);
        QVERIFY(writer);
        QVERIFY(say(*writer, u"m0"_s, u"hello there"_s, kT0));
        auto reader = openReader(m_path);
        QVERIFY(reader);
        for (int i = 1; i <= 5; ++i) {
            QVERIFY(say(*writer, u"m%1"_s.arg(i), u"hello again"_s, kT0 + i));
            QCOMPARE(hits(*reader, u"hello"_s), i + 1);
        }
    }

    void readOnlyStoreWithoutAnIndexSaysSo()
    {
        storeMessages(m_path, {u"hello"_s});
        removeIndex(m_path);
        auto reader = openReader(m_path);
        QVERIFY(reader);
        const auto page = reader->search(byText(u"hello"_s));
        QVERIFY(!page);
        QCOMPARE(page.error().code, ErrorCode::Io);
        QVERIFY(page.error().message.contains(u"being built"_s));
        // Other reads are unaffected.
        QCOMPARE(reader->conversations({})->conversations.size(), 1);
    }

    // A writer thread ingests while a reader thread searches: every search finds at least what was
    // committed before it started, and never an error.
    void concurrentWriterAndSearcher()
    {
        auto writer = openStore(m_path);
        QVERIFY(writer);
        std::atomic<int> committed{0};
        std::atomic<bool> done{false};
        std::thread producer([&] {
            for (int i = 0; i < 60; ++i) {
                QList<MessageRecord> msgs;
                for (int k = 0; k < 50; ++k)
                    msgs << dm(u"acc-1"_s, u"c%1"_s.arg(k % 7), u"m%1-%2"_s.arg(i).arg(k), u"u1"_s,
                               u"并发测试 %1"_s.arg(k), kT0 + i * 100 + k);
                if (!writer->ingest(batch(msgs)))
                    break;
                committed = (i + 1) * 50;
            }
            done = true;
        });
        auto reader = openReader(m_path);
        QVERIFY(reader);
        int searches = 0;
        bool ok = true;
        while (!done || searches < 5) {
            const int before = committed;
            SearchQuery q;
            q.text = u"并发"_s;
            q.limit = 1;
            const auto page = reader->search(q);
            if (!page || (before > 0 && page->hits.isEmpty())) {
                ok = false;
                break;
            }
            ++searches;
        }
        producer.join();
        QVERIFY(ok);
        QCOMPARE(committed.load(), 3000);
        SearchQuery q;
        q.text = u"并发测试"_s;
        q.order = SearchOrder::Newest;
        q.limit = 200;
        int total = 0;
        for (;;) {
            const auto page = writer->search(q);
            QVERIFY(page);
            total += int(page->hits.size());
            if (page->next.isEmpty())
                break;
            q.cursor = page->next;
        }
        QCOMPARE(total, 3000);
    }
};

QTEST_GUILESS_MAIN(TestSearchIndexer)
#include "TestSearchIndexer.moc"
