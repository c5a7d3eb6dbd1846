// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtil.h"

#include "demo/Generator.h"
#include "store/SearchIndexer.h"
#include "store/Sqlite.h"

#include <QAtomicInt>
#include <QMutex>
#include <QThread>

using namespace testutil;

namespace {

// Runs fn on a new thread; collects failures as text so the test thread can report them.
class Runner : public QThread
{
public:
    explicit Runner(std::function<void(QStringList &)> fn)
        : m_fn(std::move(fn))
    {}
    QStringList failures;

protected:
    void run() override { m_fn(failures); }

private:
    std::function<void(QStringList &)> m_fn;
};

} // namespace

class TestConcurrency : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void writerAndReadersNeverSeeBusy()
    {
        const QString path = m_dir.filePath(u"wr.db"_s);
        demo::GeneratorConfig cfg;
        cfg.seed = 3;
        cfg.users = 300;
        cfg.conversations = 100;
        {
            auto s = openStore(path);
            QVERIFY(s);
            QVERIFY(s->ingest(demo::Generator(cfg).directory()));
        }
        QAtomicInt writerDone(0);
        Runner writer([&](QStringList &fail) {
            auto s = openStore(path);
            if (!s) {
                fail << u"writer could not open"_s;
                writerDone = 1;
                return;
            }
            demo::Generator gen(cfg);
            for (int i = 0; i < 60; ++i) {
                auto r = s->ingest(gen.next(100));
                if (!r)
                    fail << u"ingest: "_s + r.error().message;
                auto list = s->conversations({}, 3);
                if (list && !list->conversations.isEmpty()) {
                    auto m = s->markRead(list->conversations.first().id);
                    if (!m)
                        fail << u"markRead: "_s + m.error().message;
                }
            }
            writerDone = 1;
        });
        QList<Runner *> readers;
        for (int t = 0; t < 3; ++t) {
            readers << new Runner([&, t](QStringList &fail) {
                Store::Options ro;
                ro.access = Store::Access::ReadOnly;
                Store::Options rw; // a reader on a read-write connection is just as valid
                auto s = openStore(path, t == 0 ? rw : ro);
                if (!s) {
                    fail << u"reader could not open"_s;
                    return;
                }
                qint64 cursor = 0;
                int rounds = 0;
                while (!writerDone.loadAcquire() || rounds < 5) {
                    ++rounds;
                    SearchQuery q;
                    q.text = rounds % 2 ? u"的"_s : u"好"_s;
                    if (auto r = s->search(q); !r)
                        fail << u"search: "_s + r.error().message;
                    if (auto r = s->conversations({}); !r)
                        fail << u"list: "_s + r.error().message;
                    if (auto r = s->unreadSummary(); !r)
                        fail << u"summary: "_s + r.error().message;
                    auto c = s->changes(cursor, 500);
                    if (!c) {
                        fail << u"changes: "_s + c.error().message;
                    } else {
                        if (c->next < cursor)
                            fail << u"cursor went back"_s;
                        cursor = c->next;
                    }
                }
            });
        }
        writer.start();
        for (Runner *r : readers)
            r->start();
        QVERIFY(writer.wait(300000));
        for (Runner *r : readers)
            QVERIFY(r->wait(300000));
        QVERIFY2(writer.failures.isEmpty(), qPrintable(writer.failures.join(u'\n')));
        for (Runner *r : readers) {
            QVERIFY2(r->failures.isEmpty(), qPrintable(r->failures.join(u'\n')));
            delete r;
        }
        auto s = openStore(path);
        QCOMPARE(*s->integrityCheck(), u"ok"_s);
    }

    void concurrentWritersKeepRevisionsUnique()
    {
        const QString path = m_dir.filePath(u"ww.db"_s);
        QVERIFY(openStore(path));
        QList<Runner *> writers;
        for (int w = 0; w < 3; ++w) {
            writers << new Runner([&, w](QStringList &fail) {
                auto s = openStore(path);
                if (!s) {
                    fail << u"open failed"_s;
                    return;
                }
                for (int i = 0; i < 40; ++i) {
                    QList<MessageRecord> ms;
                    for (int k = 0; k < 25; ++k)
                        ms << dm(
                            QStringLiteral("acc-%1").arg(w), QStringLiteral("conv-%1-%2").arg(w).arg(k % 5),
                            QStringLiteral("m-%1-%2-%3").arg(w).arg(i).arg(k), QStringLiteral("u-%1").arg(k),
                            QStringLiteral("并发写入 %1 %2").arg(i).arg(k), kT0 + i * 100 + k);
                    if (auto r = s->ingest(batch(ms)); !r)
                        fail << r.error().message;
                    if (auto r = s->recordReply(ItemKind::Message, 1 + (i % 3), 0, u"回复"_s,
                                                QStringLiteral("cmd-%1-%2").arg(w).arg(i));
                        !r && r.error().code != ErrorCode::NotFound)
                        fail << r.error().message;
                }
            });
        }
        for (Runner *r : writers)
            r->start();
        for (Runner *r : writers) {
            QVERIFY(r->wait(300000));
            QVERIFY2(r->failures.isEmpty(), qPrintable(r->failures.join(u'\n')));
            delete r;
        }
        auto s = openStore(path);
        auto feed = s->changes(0, 10000);
        QVERIFY(feed);
        QVERIFY(!feed->hasMore);
        QSet<qint64> revs;
        for (const Change &c : feed->changes)
            QVERIFY2(!revs.contains(c.rev), "a revision was handed out twice");
        qint64 messages = 0;
        const auto items = s->exportEntity(u"item"_s);
        QVERIFY(items);
        for (const QJsonObject &o : *items)
            messages += o.value(u"direction"_s).toString() == u"in";
        QCOMPARE(messages, 3 * 40 * 25);
        // Every conversation's unread counter matches its items.
        const auto list = s->conversations({}, 500);
        QVERIFY(list);
        for (const Conversation &c : list->conversations) {
            qint64 unread = 0;
            const auto page = s->thread(ItemKind::Message, c.id, 1000);
            QVERIFY(page);
            for (const Item &it : page->items)
                unread += it.direction == Direction::In && it.id > c.readUpTo;
            QCOMPARE(c.unreadCount, unread);
        }
        QCOMPARE(*s->integrityCheck(), u"ok"_s);
    }

    // The store's writer has the search index attached (for searches) while the indexer's thread
    // writes it: a write transaction of the store locks the store's file alone, so neither writer
    // waits out the other's transaction, while two writers of the store still take turns.
    void storeWritesDoNotLockTheSearchIndex()
    {
        const QString path = m_dir.filePath(u"lock.db"_s);
        QVERIFY(openStore(path));
        const QString index = searchIndexPath(path);
        QVERIFY(QFile::exists(index));

        Database writer(path, Database::Access::ReadWrite, 0);
        writer.cached("ATTACH DATABASE ?1 AS search").bind(1, index).run();
        writer.setMainWriteLock("UPDATE main.meta SET value = value WHERE 0");
        {
            WriteTransaction txn(writer);
            Database other(path, Database::Access::ReadWrite, 0);
            QVERIFY_THROWS_EXCEPTION(SqlError, other.exec("BEGIN IMMEDIATE")); // the store: taken
            Database indexer(index, Database::Access::ReadWrite, 0);
            indexer.exec("BEGIN IMMEDIATE"); // the index: free
            indexer.exec("COMMIT");
        }

        // Through the Store: a batch commits while another connection holds the index's write
        // lock (as an indexer's long round does), and is found once the index is free again.
        Store::Options o;
        o.busyTimeoutMs = 100;
        auto s = openStore(path, o);
        QVERIFY(s);
        Database indexer(index, Database::Access::ReadWrite, 5000); // waits out the indexer's round
        indexer.exec("BEGIN IMMEDIATE");
        const auto r = s->ingest(batch({dm(u"acc"_s, u"c"_s, u"m1"_s, u"u"_s, u"索引忙时照常写入"_s, kT0)}));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        indexer.exec("COMMIT");
        SearchQuery q;
        q.text = u"索引"_s;
        QVERIFY(QTest::qWaitFor([&] {
            const auto page = s->search(q);
            return page && page->hits.size() == 1;
        }));
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "TestConcurrency.moc"
