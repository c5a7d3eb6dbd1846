// SPDX-License-Identifier: GPL-3.0-or-later
// The search service: the desktop's path (a pool thread's read-only store) and the master's
// `search` command find the same hits with the same names; a superseded search is interrupted on
// its own connection only and delivers nothing; hostile queries give a clear error or none.
#include "SearchGate.h"
#include "TestUtil.h"

#include "master/Master.h"
#include "master/MasterLink.h"
#include "store/SearchService.h"

#include <QJsonArray>

#include <optional>

using namespace testutil;
using hiscrm::store::NamedChat;
using hiscrm::store::NamedHit;
using hiscrm::store::NamedSearchPage;
using hiscrm::store::SearchService;

namespace {

constexpr int kParcels = 2000; // relevance order ranks the newest 1000 matches: a slow query

// What the service delivered for one search, or nothing (superseded).
struct Outcome
{
    std::optional<Result<NamedSearchPage>> page;
    int calls = 0;
};

SearchService::Done into(Outcome &o)
{
    return [&o](const Result<NamedSearchPage> &r) {
        o.page = r;
        ++o.calls;
    };
}

// One search through the service, waited for in this thread's event loop.
Result<NamedSearchPage> viaService(SearchService &service, const SearchQuery &q, int chatLimit = 0)
{
    Outcome o;
    service.supersede();
    service.search(q, into(o), chatLimit);
    if (!QTest::qWaitFor([&] { return o.page.has_value(); }, 20000))
        return Error{ErrorCode::Internal, u"no outcome"_s};
    return *o.page;
}

QJsonObject queryArgs(const SearchQuery &q)
{
    QJsonObject args{{u"text"_s, q.text},
                     {u"order"_s, q.order == SearchOrder::Newest ? u"newest"_s : u"relevance"_s},
                     {u"limit"_s, q.limit}};
    if (!q.cursor.isEmpty())
        args.insert(u"cursor"_s, q.cursor);
    if (q.kind)
        args.insert(u"kind"_s, *q.kind == ItemKind::Message ? u"message"_s : u"comment"_s);
    return args;
}

QJsonValue nameOrNull(const QString &name)
{
    return name.isEmpty() ? QJsonValue() : QJsonValue(name);
}

} // namespace

class TestSearchService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<master::MasterThread> m_master;
    std::unique_ptr<master::LocalMasterLink> m_link;
    std::unique_ptr<SearchService> m_service;

    Result<QJsonObject> command(const QString &op, const QJsonObject &args)
    {
        std::optional<Result<QJsonObject>> out;
        m_link->command(op, args, [&](const Result<QJsonObject> &r) { out = r; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
            return Error{ErrorCode::Internal, u"no answer"_s};
        return *out;
    }

    // The same query through both paths: the same hits, in the same order, with the same names.
    // Returns the next page's cursor.
    QString compareBothPaths(const SearchQuery &q, int *hits = nullptr)
    {
        const auto desktop = viaService(*m_service, q);
        const auto op = command(u"search"_s, queryArgs(q));
        if (!desktop || !op) {
            qWarning() << "search failed:" << (desktop ? QString() : desktop.error().message)
                       << (op ? QString() : op.error().message);
            return u"<failed>"_s;
        }
        const QJsonArray json = op->value(u"hits"_s).toArray();
        if (json.size() != desktop->hits.size()) {
            qWarning() << q.text << ": the desktop found" << desktop->hits.size() << "hits, the op"
                       << json.size();
            return u"<failed>"_s;
        }
        for (int i = 0; i < json.size(); ++i) {
            const QJsonObject o = json.at(i).toObject();
            const NamedHit &h = desktop->hits.at(i);
            const bool same = o.value(u"id"_s).toInteger() == h.item.id &&
                              o.value(u"snippet"_s).toString() == h.snippet &&
                              o.value(u"score"_s).toDouble() == h.score &&
                              o.value(u"sender_name"_s) == nameOrNull(h.senderName) &&
                              o.value(u"conversation_title"_s) == nameOrNull(h.conversationTitle) &&
                              o.value(u"account_name"_s) == nameOrNull(h.accountName);
            if (!same) {
                qWarning() << q.text << "hit" << i << "differs:" << o << h.item.id << h.senderName
                           << h.conversationTitle << h.accountName;
                return u"<failed>"_s;
            }
        }
        const QString next = op->value(u"next"_s).toString();
        if (next != desktop->next) {
            qWarning() << q.text << ": next cursors differ" << next << desktop->next;
            return u"<failed>"_s;
        }
        if (hits)
            *hits = int(json.size());
        return next;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"search.db"_s);
        master::MasterOptions o;
        o.dbPath = m_path;
        m_master = std::make_unique<master::MasterThread>(o);
        QVERIFY(!m_master->start());
        m_link = std::make_unique<master::LocalMasterLink>(m_master->master());

        Batch b = batch(
            {dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"什么时候发货"_s, kT0 + 1000),
             dm(u"acc-1"_s, u"conv-1"_s, u"m2"_s, QString(), u"亲，今天就发货哦"_s, kT0 + 2000,
                Direction::Out),
             dm(u"acc-2"_s, u"conv-2"_s, u"m3"_s, u"u-2"_s, u"Where is my parcel? 发货了吗"_s, kT0 + 3000),
             // A sender the store knows no profile of: its name stays unknown on both paths.
             dm(u"acc-2"_s, u"conv-3"_s, u"m4"_s, u"u-nameless"_s, u"parcel 发货 nameless"_s, kT0 + 4000)},
            {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-3"_s, u"已经下单，等发货"_s, kT0 + 500)});
        const auto user = [](const QString &platformId, const QString &name) {
            UserRecord u;
            u.platformId = platformId;
            u.name = name;
            return u;
        };
        // u-3 has no name: its platform id stands in.
        b.users << user(u"u-1"_s, u"小美同学"_s) << user(u"u-2"_s, u"Alice Wang"_s)
                << user(u"u-3"_s, QString());
        ContentRecord video;
        video.accountId = u"acc-1"_s;
        video.platformId = u"vid-1"_s;
        video.title = u"春季新款连衣裙"_s;
        b.contents << video;
        b.accounts << AccountRecord{u"acc-1"_s, u"小店一号"_s, {}}
                   << AccountRecord{u"acc-2"_s, u"小店二号"_s, {}};
        for (int i = 0; i < kParcels; ++i)
            b.messages << dm(u"acc-2"_s, u"conv-bulk-%1"_s.arg(i % 40), u"bulk-%1"_s.arg(i), u"u-2"_s,
                             u"parcel number %1 is on its way"_s.arg(i), kT0 + 10000 + i);
        bool ok = false;
        m_master->runSync([&] { ok = bool(m_master->master()->ingest(u"test"_s, b)); });
        QVERIFY(ok);
        m_service = std::make_unique<SearchService>(m_path);
    }

    void cleanupTestCase()
    {
        m_service.reset();
        m_link.reset();
        m_master.reset();
    }

    void namesAreResolved()
    {
        SearchQuery q;
        q.text = u"发货"_s;
        const auto page = viaService(*m_service, q);
        QVERIFY(page);
        QCOMPARE(page->hits.size(), 5);
        QHash<QString, NamedHit> byText;
        for (const NamedHit &h : page->hits)
            byText.insert(h.item.text, h);
        const NamedHit in = byText.value(u"什么时候发货"_s);
        QCOMPARE(in.senderName, u"小美同学"_s);
        QCOMPARE(in.conversationTitle, u"小美同学"_s);
        QCOMPARE(in.accountName, u"小店一号"_s);
        // A reply from here has no sender profile: the account spoke.
        const NamedHit out = byText.value(u"亲，今天就发货哦"_s);
        QCOMPARE(out.senderName, u"小店一号"_s);
        QCOMPARE(out.conversationTitle, u"小美同学"_s);
        const NamedHit onVideo = byText.value(u"已经下单，等发货"_s);
        QCOMPARE(onVideo.conversationTitle, u"春季新款连衣裙"_s);
        QCOMPARE(onVideo.senderName, u"u-3"_s);
        const NamedHit nameless = byText.value(u"parcel 发货 nameless"_s);
        QCOMPARE(nameless.accountName, u"小店二号"_s);
        QVERIFY(nameless.senderName.isEmpty() || nameless.senderName == u"u-nameless"_s);
    }

    void chatsAreFoundByThePeersName()
    {
        SearchQuery q;
        q.text = u"alice"_s; // in no message: only her chats match
        auto page = viaService(*m_service, q, 5);
        QVERIFY(page);
        QCOMPARE(page->hits.size(), 0);
        // Alice Wang (u-2) writes in conv-2 and in 40 bulk chats, all on the second account.
        QCOMPARE(page->chats.size(), 5);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const NamedChat &c : std::as_const(page->chats)) {
            QCOMPARE(c.peerName, u"Alice Wang"_s);
            QCOMPARE(c.accountName, u"小店二号"_s);
            QVERIFY(c.conversation.lastAt <= previous); // latest activity first
            previous = c.conversation.lastAt;
        }

        q.text = u"小美"_s;
        page = viaService(*m_service, q, 5);
        QVERIFY(page);
        QCOMPARE(page->chats.size(), 1);
        QCOMPARE(page->chats.first().peerName, u"小美同学"_s);
        QCOMPARE(page->chats.first().accountName, u"小店一号"_s);
        QCOMPARE(page->chats.first().conversation.lastPreview, u"亲，今天就发货哦"_s);

        // Words and names together: the hits are the words', the chats the name's.
        q.text = u"发货"_s;
        page = viaService(*m_service, q, 5);
        QVERIFY(page);
        QCOMPARE(page->hits.size(), 5);
        QCOMPARE(page->chats.size(), 0);

        // Not asked for, not on later pages, and not where no chat could be meant.
        q.text = u"alice"_s;
        QCOMPARE(viaService(*m_service, q)->chats.size(), 0);
        const auto none = [&](const std::function<void(SearchQuery &)> &narrow) {
            SearchQuery n = q;
            narrow(n);
            const auto r = viaService(*m_service, n, 5);
            return r && r->chats.isEmpty();
        };
        QVERIFY(!none([](SearchQuery &) {}));
        QVERIFY(none([](SearchQuery &n) { n.kind = ItemKind::Comment; }));
        QVERIFY(!none([](SearchQuery &n) { n.kind = ItemKind::Message; }));
        QVERIFY(none([](SearchQuery &n) { n.senderId = 1; }));
        QVERIFY(none([](SearchQuery &n) { n.conversationId = 1; }));
        SearchQuery first;
        first.text = u"parcel"_s;
        first.limit = 1;
        const QString cursor = viaService(*m_service, first)->next;
        QVERIFY(!cursor.isEmpty());
        QVERIFY(none([&](SearchQuery &n) { n.cursor = cursor; })); // later pages list none
        const auto master = SearchService::run(*openStore(m_path, readOnly()), q);
        QVERIFY(master);
        QCOMPARE(master->chats.size(), 0); // the master's `search` command lists none
    }

    void desktopAndMasterFindTheSame_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("order");
        QTest::addColumn<int>("kind"); // -1: any
        QTest::newRow("chinese") << u"发货"_s << int(SearchOrder::Newest) << -1;
        QTest::newRow("chinese, relevance") << u"发货"_s << int(SearchOrder::Relevance) << -1;
        QTest::newRow("comments only") << u"发货"_s << int(SearchOrder::Newest) << int(ItemKind::Comment);
        QTest::newRow("substring") << u"rcel"_s << int(SearchOrder::Newest) << -1;
        QTest::newRow("mixed, relevance") << u"parcel 发货"_s << int(SearchOrder::Relevance) << -1;
        QTest::newRow("fts syntax is text") << u"(\"parcel*\" 发货"_s << int(SearchOrder::Newest) << -1;
        QTest::newRow("nothing") << u"zzzqqq"_s << int(SearchOrder::Newest) << -1;
    }

    void desktopAndMasterFindTheSame()
    {
        QFETCH(QString, text);
        QFETCH(int, order);
        QFETCH(int, kind);
        SearchQuery q;
        q.text = text;
        q.order = SearchOrder(order);
        if (kind >= 0)
            q.kind = ItemKind(kind);
        q.limit = 40;
        // Page by page, following the cursors, for three pages at most.
        int total = 0;
        for (int page = 0; page < 3; ++page) {
            int hits = 0;
            q.cursor = compareBothPaths(q, &hits);
            QVERIFY(q.cursor != u"<failed>"_s);
            total += hits;
            if (q.cursor.isEmpty())
                break;
        }
        if (text != u"zzzqqq"_s)
            QVERIFY(total > 0);
    }

    void supersededSearchIsInterrupted_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("two threads") << 2;
        // The newer search waits for the same thread, and runs on the connection just interrupted.
        QTest::newRow("one thread") << 1;
    }

    void supersededSearchIsInterrupted()
    {
        QFETCH(int, threads);
        SearchService service(m_path, threads);
        SearchQuery slow;
        slow.text = u"parcel"_s;
        slow.order = SearchOrder::Relevance;

        // How many index rows the search reads when nothing stops it.
        int fullRows = 0;
        {
            SearchGate gate(slow.text);
            gate.release(); // holds nothing: only counts
            const auto page = viaService(service, slow);
            QVERIFY(page);
            QCOMPARE(page->hits.size(), 50);
            fullRows = SearchGate::rows();
        }
        QCOMPARE(fullRows, 1000); // the newest 1000 matches are ranked

        SearchQuery newer;
        newer.text = u"发货"_s;
        const auto expected = SearchService::run(*openStore(m_path, readOnly()), newer);
        QVERIFY(expected);
        const SearchService::Stats before = service.stats();
        Outcome superseded;
        Outcome latest;
        {
            SearchGate gate(slow.text);
            service.supersede();
            service.search(slow, into(superseded));
            QVERIFY(gate.waitUntilHeld()); // inside the index query, at its first row
            QCOMPARE(SearchGate::rows(), 1);
            service.supersede(); // interrupts the held search's connection
            service.search(newer, into(latest));
            gate.release();
            QVERIFY(QTest::qWaitFor([&] { return latest.calls > 0; }, 20000));
            service.waitForIdle();
            // It stopped at the row it was interrupted on, of the 1000 it would have read.
            QCOMPARE(SearchGate::rows(), 1);
        }
        QCoreApplication::processEvents();
        QCOMPARE(superseded.calls, 0); // neither results nor an error
        QCOMPARE(latest.calls, 1);
        QVERIFY(*latest.page);
        QCOMPARE(ids(latest.page->value().hits), ids(expected->hits));
        const SearchService::Stats after = service.stats();
        QCOMPARE(after.interrupted - before.interrupted, 1u);
        QCOMPARE(after.delivered - before.delivered, 1u);
        QCOMPARE(after.dropped - before.dropped, 0u);

        // The interrupt ended with that search: the same connection searches on as before.
        const auto again = viaService(service, slow);
        QVERIFY(again);
        QCOMPARE(again->hits.size(), 50);
    }

    void searchesNotStartedAreSkipped()
    {
        SearchService service(m_path, 1);
        SearchQuery slow;
        slow.text = u"parcel"_s;
        slow.order = SearchOrder::Relevance;
        Outcome first;
        Outcome queued;
        Outcome latest;
        {
            SearchGate gate(slow.text);
            service.supersede();
            service.search(slow, into(first));
            QVERIFY(gate.waitUntilHeld());
            SearchQuery other;
            other.text = u"发货"_s;
            service.supersede();
            service.search(other, into(queued)); // waits for the one thread
            service.supersede();
            service.search(other, into(latest));
            gate.release();
            QVERIFY(QTest::qWaitFor([&] { return latest.calls > 0; }, 20000));
            service.waitForIdle();
        }
        QCoreApplication::processEvents();
        QCOMPARE(first.calls, 0);
        QCOMPARE(queued.calls, 0);
        QCOMPARE(latest.calls, 1);
        QCOMPARE(latest.page->value().hits.size(), 5);
        const SearchService::Stats stats = service.stats();
        QCOMPARE(stats.interrupted, 1u);
        QCOMPARE(stats.skipped, 1u); // no SQL ran for it
        QCOMPARE(stats.delivered, 1u);
    }

    void outcomeOfAnOlderGenerationIsDropped()
    {
        // Finished, but superseded before this thread's event loop delivered it.
        SearchService service(m_path, 1);
        Outcome older;
        SearchQuery q;
        q.text = u"发货"_s;
        service.supersede();
        service.search(q, into(older));
        service.waitForIdle(); // done and queued for delivery
        service.supersede();
        QCoreApplication::processEvents();
        QCOMPARE(older.calls, 0);
        QCOMPARE(service.stats().dropped, 1u);
    }

    void hostileQueriesGiveAClearError()
    {
        // A cursor that is not one of ours: the same error from both paths, nothing else.
        SearchQuery q;
        q.text = u"parcel"_s;
        q.cursor = u"r:not-a-score:')--"_s;
        const auto desktop = viaService(*m_service, q);
        QVERIFY(!desktop);
        QCOMPARE(desktop.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(desktop.error().message.contains(u"cursor"_s), qPrintable(desktop.error().message));
        const auto op = command(u"search"_s, queryArgs(q));
        QVERIFY(!op);
        QCOMPARE(op.error().code, desktop.error().code);
        QCOMPARE(op.error().message, desktop.error().message);

        // Arguments of the wrong type or value are refused by name.
        for (const auto &[name, value] :
             {std::pair{u"kind"_s, QJsonValue(u"video"_s)}, std::pair{u"order"_s, QJsonValue(u"random"_s)},
              std::pair{u"unread"_s, QJsonValue(u"yes"_s)}, std::pair{u"limit"_s, QJsonValue(u"all"_s)}}) {
            QJsonObject args{{u"text"_s, u"parcel"_s}};
            args.insert(name, value);
            const auto r = command(u"search"_s, args);
            QVERIFY2(!r, qPrintable(name));
            QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
            QVERIFY2(r.error().message.contains(name), qPrintable(r.error().message));
        }

        // A limit beyond any page is a full page, not a wrapped-around one.
        const auto huge = command(u"search"_s, {{u"text"_s, u"parcel"_s}, {u"limit"_s, 4294967297.0}});
        QVERIFY(huge);
        QCOMPARE(huge->value(u"hits"_s).toArray().size(), 200);

        // Text that looks like FTS syntax, control characters and 10 KB: searched as text, no error.
        for (const QString &text :
             {u"\"unbalanced"_s, u"NOT AND OR ( ) * ^ : -"_s, u"a\u0001b\u0000c"_s, QString(10240, u'x')}) {
            SearchQuery hostile;
            hostile.text = text;
            QVERIFY(compareBothPaths(hostile) != u"<failed>"_s);
        }
        // Half a surrogate pair: the desktop's search ignores it; the command, like every command,
        // refuses text that is not valid Unicode, naming the argument.
        SearchQuery broken;
        broken.text = QString(QChar(0xD800)) + u"parcel"_s;
        const auto page = viaService(*m_service, broken);
        QVERIFY(page);
        QCOMPARE(page->hits.size(), 50);
        const auto refused = command(u"search"_s, queryArgs(broken));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message.contains(u"text"_s), qPrintable(refused.error().message));
    }

    void missingDatabaseIsAClearError()
    {
        SearchService service(m_dir.filePath(u"missing/none.db"_s));
        SearchQuery q;
        q.text = u"parcel"_s;
        const auto r = viaService(service, q);
        QVERIFY(!r);
        QVERIFY(!r.error().message.isEmpty());
        QVERIFY(r.error().code != ErrorCode::Internal);
    }

private:
    static Store::Options readOnly()
    {
        Store::Options o;
        o.access = Store::Access::ReadOnly;
        return o;
    }
    static QList<qint64> ids(const QList<NamedHit> &hits)
    {
        QList<qint64> out;
        for (const NamedHit &h : hits)
            out << h.item.id;
        return out;
    }
};

QTEST_GUILESS_MAIN(TestSearchService)
#include "TestSearchService.moc"
