// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixtures.h"
#include "TestUtil.h"

#include "search/TextAnalysis.h"

#include <functional>

using namespace testutil;

namespace {

QStringList texts(const SearchPage &p)
{
    QStringList out;
    for (const SearchHit &h : p.hits)
        out << h.item.text;
    return out;
}

} // namespace

Q_DECLARE_METATYPE(hiscrm::store::SearchQuery)

class TestSearch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> s;
    qint64 acc1 = 0, acc2 = 0, conv1 = 0, conv2 = 0, conv3 = 0, video = 0, fan1 = 0, fan2 = 0;

    SearchPage find(SearchQuery q)
    {
        auto r = s->search(q);
        if (!r) {
            qWarning() << "search failed:" << r.error().message;
            return {};
        }
        return *r;
    }
    // A search for `text` with the filters `narrow` sets.
    static SearchQuery search(const QString &text, const std::function<void(SearchQuery &)> &narrow)
    {
        SearchQuery q;
        q.text = text;
        narrow(q);
        return q;
    }
    static PeerNameQuery byName(const QString &text)
    {
        PeerNameQuery q;
        q.text = text;
        return q;
    }
    SearchPage find(const QString &text)
    {
        SearchQuery q;
        q.text = text;
        return find(q);
    }

private slots:
    void initTestCase()
    {
        s = openStore(m_dir.filePath(u"search.db"_s));
        QVERIFY(s);
        Batch b = searchCorpus(
            {dm(u"acc-1"_s, u"conv-2"_s, u"m4"_s, u"u-2"_s, u"Hello, is the RED dress still available?"_s,
                kT0 + 4000),
             dm(u"acc-1"_s, u"conv-2"_s, u"m5"_s, u"u-2"_s, u"I ordered #12345, where is my parcel"_s,
                kT0 + 5000),
             dm(u"acc-2"_s, u"conv-3"_s, u"m6"_s, u"u-1"_s, u"我用微信iPhone15付款了"_s, kT0 + 6000),
             dm(u"acc-2"_s, u"conv-3"_s, u"m7"_s, u"u-1"_s, u"衣服尺码偏小吗"_s, kT0 + 7000),
             dm(u"acc-2"_s, u"conv-3"_s, u"m8"_s, u"u-1"_s, u"ＦＵＬＬＷＩＤＴＨ字母和数字１２３"_s,
                kT0 + 8000)},
            {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-3"_s, u"这件衣服真好看"_s, kT0 + 500),
             comment(u"acc-1"_s, u"vid-1"_s, u"c2"_s, u"u-4"_s, u"hello from the comments"_s, kT0 + 600)});
        QVERIFY(s->ingest(b));
        acc1 = s->accountByPlatformId(u"demo"_s, u"acc-1"_s).value()->id;
        acc2 = s->accountByPlatformId(u"demo"_s, u"acc-2"_s).value()->id;
        conv1 = convId(*s, u"conv-1"_s);
        conv2 = convId(*s, u"conv-2"_s);
        conv3 = convId(*s, u"conv-3"_s, u"acc-2"_s);
        video = s->contents()->first().id;
        fan1 = s->userByPlatformId(u"demo"_s, u"u-1"_s).value()->id;
        fan2 = s->userByPlatformId(u"demo"_s, u"u-2"_s).value()->id;
    }

    void finds_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected"); // newest first
        // The corpus texts that several rows expect.
        const QString inStock = u"你好，请问这件衣服还有货吗？"_s;
        const QString whenShipped = u"什么时候发货"_s;
        const QString shipsToday = u"亲，今天就发货哦"_s;
        const QString redDress = u"Hello, is the RED dress still available?"_s;
        const QString parcel = u"I ordered #12345, where is my parcel"_s;
        const QString weChat = u"我用微信iPhone15付款了"_s;
        const QString sizeSmall = u"衣服尺码偏小吗"_s;
        QTest::newRow("1-char Chinese") << u"货"_s << QStringList{shipsToday, whenShipped, inStock};
        QTest::newRow("2-char Chinese word")
            << u"衣服"_s << QStringList{sizeSmall, inStock, u"这件衣服真好看"_s};
        QTest::newRow("2-char Chinese not adjacent is no hit") << u"好货"_s << QStringList{};
        QTest::newRow("3-char Chinese") << u"发货哦"_s << QStringList{shipsToday};
        QTest::newRow("long Chinese phrase") << u"请问这件衣服"_s << QStringList{inStock};
        QTest::newRow("Chinese chars present but apart") << u"衣货"_s << QStringList{};
        QTest::newRow("English word") << u"dress"_s << QStringList{redDress};
        QTest::newRow("English word, any case") << u"DRESS"_s << QStringList{redDress};
        QTest::newRow("substring inside another word") << u"red"_s << QStringList{parcel, redDress};
        QTest::newRow("English prefix") << u"avail"_s << QStringList{redDress};
        QTest::newRow("English mid-word substring") << u"rcel"_s << QStringList{parcel};
        QTest::newRow("English in DMs and comments")
            << u"hello"_s << QStringList{redDress, u"hello from the comments"_s};
        QTest::newRow("number substring") << u"234"_s << QStringList{parcel};
        QTest::newRow("mixed Chinese and Latin") << u"微信iphone"_s << QStringList{weChat};
        QTest::newRow("mixed, Latin first") << u"iPhone15付款"_s << QStringList{weChat};
        QTest::newRow("two terms AND") << u"衣服 小"_s << QStringList{sizeSmall};
        QTest::newRow("full-width folds")
            << u"fullwidth"_s << QStringList{u"ＦＵＬＬＷＩＤＴＨ字母和数字１２３"_s};
        QTest::newRow("full-width query") << u"ＤＲＥＳＳ"_s << QStringList{redDress};
        QTest::newRow("punctuation around") << u"“发货”！"_s << QStringList{shipsToday, whenShipped};
        QTest::newRow("no match") << u"退款"_s << QStringList{};
    }

    void finds()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        QCOMPARE(texts(find(query)), expected);
    }

    void hostileQueries_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("double quote") << u"\""_s;
        QTest::newRow("unbalanced quotes") << u"\"衣服"_s;
        QTest::newRow("quoted phrase") << u"\"hello world\""_s;
        QTest::newRow("star") << u"*"_s;
        QTest::newRow("prefix star") << u"hel*"_s;
        QTest::newRow("NEAR") << u"NEAR(hello dress, 3)"_s;
        QTest::newRow("AND") << u"AND"_s;
        QTest::newRow("OR between") << u"hello OR dress"_s;
        QTest::newRow("NOT") << u"NOT hello"_s;
        QTest::newRow("minus") << u"-hello"_s;
        QTest::newRow("parentheses") << u"(衣服))"_s;
        QTest::newRow("column filter") << u"text:hello"_s;
        QTest::newRow("caret") << u"^hello"_s;
        QTest::newRow("plus") << u"a + b"_s;
        QTest::newRow("braces") << u"{text facets}: x"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("spaces") << u"   \t "_s;
        QTest::newRow("only punctuation") << u"，。！？…"_s;
        QTest::newRow("10 KB") << QString(10 * 1024, u'衣');
        QTest::newRow("10 KB of quotes") << QString(10 * 1024, u'"');
        QTest::newRow("lone high surrogate") << QString(QChar(0xD800));
        QTest::newRow("lone low surrogate in text") << (u"衣"_s + QChar(0xDC00) + u"服"_s);
        QTest::newRow("control characters") << u"\x01\x1f hello \x02\x03"_s;
        QTest::newRow("facet lookalike") << u"\x1f"
                                            "a1"_s;
        QTest::newRow("emoji") << u"😀🎉"_s;
    }

    void hostileQueries()
    {
        QFETCH(QString, query);
        for (SearchOrder order : {SearchOrder::Newest, SearchOrder::Relevance}) {
            SearchQuery q;
            q.text = query;
            q.order = order;
            auto r = s->search(q);
            QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        }
    }

    void quotesAreLiteral()
    {
        // "hello OR dress" is three words ANDed, not an OR: no message has all three.
        QCOMPARE(find(u"hello OR dress"_s).hits.size(), 0);
        QCOMPARE(find(u"NOT hello"_s).hits.size(), 0);
        // A facet token typed by a user does not unlock the facet index.
        QCOMPARE(find(QString(QChar(0x1f)) + u"a"_s + QString::number(acc1)).hits.size(), 0);
        // And a message whose text looks like a facet token does not pass a facet filter.
        QVERIFY(s->ingest(batch({dm(u"acc-2"_s, u"conv-8"_s, u"fake"_s, u"u-8"_s,
                                    u"冒充 "_s + QChar(0x1f) + u"a"_s + QString::number(acc1), kT0 + 50)})));
        SearchQuery q;
        q.text = u"冒充"_s;
        QCOMPARE(find(q).hits.size(), 1);
        q.accountIds = {acc1};
        QCOMPARE(find(q).hits.size(), 0);
    }

    // Each filter narrows a text search: the hits it leaves (their texts, newest first, where given).
    void filters_data()
    {
        QTest::addColumn<SearchQuery>("query");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("expected");
        const QString clothes = u"衣服"_s;
        const QString ships = u"货"_s;
        QTest::newRow("one account") << search(clothes, [&](SearchQuery &q) { q.accountIds = {acc2}; }) << 1
                                     << QStringList{u"衣服尺码偏小吗"_s};
        QTest::newRow("two accounts") << search(clothes, [&](SearchQuery &q) {
            q.accountIds = {acc1, acc2};
        }) << 3 << QStringList{};
        QTest::newRow("outgoing") << search(ships, [&](SearchQuery &q) { q.direction = Direction::Out; }) << 1
                                  << QStringList{u"亲，今天就发货哦"_s};
        QTest::newRow("incoming") << search(ships, [&](SearchQuery &q) { q.direction = Direction::In; }) << 2
                                  << QStringList{};
        QTest::newRow("comments") << search(clothes, [&](SearchQuery &q) { q.kind = ItemKind::Comment; }) << 1
                                  << QStringList{u"这件衣服真好看"_s};
        QTest::newRow("messages") << search(clothes, [&](SearchQuery &q) { q.kind = ItemKind::Message; }) << 2
                                  << QStringList{};
        QTest::newRow("one video") << search(clothes, [&](SearchQuery &q) { q.contentId = video; }) << 1
                                   << QStringList{u"这件衣服真好看"_s};
        QTest::newRow("one conversation")
            << search(clothes, [&](SearchQuery &q) { q.conversationId = conv3; }) << 1
            << QStringList{u"衣服尺码偏小吗"_s};
        QTest::newRow("one sender") << search(u"hello"_s, [&](SearchQuery &q) { q.senderId = fan2; }) << 1
                                    << QStringList{u"Hello, is the RED dress still available?"_s};
        QTest::newRow("platform") << search(clothes, [&](SearchQuery &q) { q.platform = u"demo"_s; }) << 3
                                  << QStringList{};
        QTest::newRow("other platform")
            << search(clothes, [&](SearchQuery &q) { q.platform = u"douyin"_s; }) << 0 << QStringList{};
        // Date range: [from, to).
        QTest::newRow("from and to") << search(ships, [&](SearchQuery &q) {
            q.fromMs = kT0 + 2000;
            q.toMs = kT0 + 3000;
        }) << 1 << QStringList{u"什么时候发货"_s};
        QTest::newRow("from only") << search(ships, [&](SearchQuery &q) { q.fromMs = kT0 + 2000; }) << 2
                                   << QStringList{};
    }

    void filters()
    {
        QFETCH(SearchQuery, query);
        QFETCH(int, count);
        QFETCH(QStringList, expected);
        const SearchPage page = find(query);
        QCOMPARE(page.hits.size(), count);
        if (!expected.isEmpty())
            QCOMPARE(texts(page), expected);
    }

    void tagAndUnreadFilters()
    {
        auto tag = s->createTag(u"售后"_s, QString());
        QVERIFY(tag);
        SearchQuery q;
        q.text = u"衣服"_s;
        q.tagId = tag->tagId;
        QCOMPARE(find(q).hits.size(), 0);
        QVERIFY(s->tagConversation(conv3, tag->tagId));
        QCOMPARE(texts(find(q)), QStringList{u"衣服尺码偏小吗"_s});

        // conv-1 has its outgoing reply, so it was read up to that; conv-3 is unread.
        q = {};
        q.text = u"衣服"_s;
        q.unreadOnly = true;
        QCOMPARE(texts(find(q)), (QStringList{u"衣服尺码偏小吗"_s, u"这件衣服真好看"_s}));
        QVERIFY(s->markRead(conv3));
        QCOMPARE(texts(find(q)), QStringList{u"这件衣服真好看"_s});
        QVERIFY(s->markCommentsRead(video));
        QCOMPARE(find(q).hits.size(), 0);
    }

    void snippetsHighlight()
    {
        auto p = find(u"衣服"_s);
        QVERIFY(!p.hits.isEmpty());
        const QString open = QString(search::kHighlightOpen), close = QString(search::kHighlightClose);
        for (const SearchHit &h : p.hits)
            QVERIFY2(h.snippet.contains(open + u"衣服"_s + close), qPrintable(h.snippet));
        auto e = find(u"dress"_s);
        QVERIFY(e.hits.first().snippet.contains(open + u"dress"_s + close));
        auto sub = find(u"rcel"_s);
        QVERIFY2(sub.hits.first().snippet.contains(u"pa"_s + open + u"rcel"_s + close),
                 qPrintable(sub.hits.first().snippet));
    }

    void pagingNewestAndRelevance()
    {
        // 120 messages with the same word; pages of 50 cover each exactly once.
        QList<MessageRecord> ms;
        for (int i = 0; i < 120; ++i)
            ms << dm(u"acc-1"_s, u"conv-9"_s, QStringLiteral("p%1").arg(i), u"u-9"_s,
                     i % 3 ? QStringLiteral("快递 %1").arg(i) : QStringLiteral("快递快递快递 %1").arg(i),
                     kT0 + 100000 + i);
        QVERIFY(s->ingest(batch(ms)));
        for (SearchOrder order : {SearchOrder::Newest, SearchOrder::Relevance}) {
            SearchQuery q;
            q.text = u"快递"_s;
            q.order = order;
            QSet<qint64> seen;
            int pages = 0;
            qint64 lastId = std::numeric_limits<qint64>::max();
            double lastScore = -1e300;
            do {
                SearchPage p = find(q);
                ++pages;
                for (const SearchHit &h : p.hits) {
                    QVERIFY(!seen.contains(h.item.id));
                    seen.insert(h.item.id);
                    if (order == SearchOrder::Newest) {
                        QVERIFY(h.item.id < lastId);
                        lastId = h.item.id;
                    } else {
                        QVERIFY(h.score >= lastScore);
                        lastScore = h.score;
                    }
                }
                q.cursor = p.next;
            } while (!q.cursor.isEmpty() && pages < 10);
            QCOMPARE(seen.size(), 120);
            QCOMPARE(pages, 3);
        }
        SearchQuery bad;
        bad.text = u"快递"_s;
        bad.cursor = u"garbage"_s;
        QVERIFY(!s->search(bad));
    }

    void relevancePrefersDenserMatches()
    {
        SearchQuery q;
        q.text = u"快递"_s;
        q.order = SearchOrder::Relevance;
        q.limit = 5;
        auto p = find(q);
        QVERIFY(!p.hits.isEmpty());
        QVERIFY(p.hits.first().item.text.startsWith(u"快递快递快递"_s));
    }

    void conversationsByPeerName()
    {
        auto r = s->conversationsByPeerName(byName(u"小美"_s));
        QVERIFY(r);
        QSet<qint64> ids;
        for (const Conversation &c : *r)
            ids.insert(c.id);
        QCOMPARE(ids, (QSet<qint64>{conv1, conv3}));
        auto a = s->conversationsByPeerName(byName(u"alice"_s));
        QCOMPARE(a->size(), 1);
        QCOMPARE(a->first().id, conv2);
        QVERIFY(s->conversationsByPeerName(byName(u"\"(*"_s)));
    }

    void conversationsByPeerNameFilters()
    {
        // 小美同学 has a chat with each account: conv-1 (acc-1) and conv-3 (acc-2).
        const auto found = [&](const std::function<void(PeerNameQuery &)> &narrow = {}) {
            PeerNameQuery q = byName(u"小美"_s);
            if (narrow)
                narrow(q);
            QList<qint64> ids;
            const auto r = s->conversationsByPeerName(q);
            if (!r)
                return QList<qint64>{-1};
            for (const Conversation &c : *r)
                ids << c.id;
            return ids;
        };
        const Conversation one = *s->conversation(conv1).value();
        const Conversation three = *s->conversation(conv3).value();
        QVERIFY(one.lastAt != three.lastAt);
        const Conversation &later = one.lastAt > three.lastAt ? one : three;
        const Conversation &earlier = one.lastAt > three.lastAt ? three : one;
        // Latest activity first; the limit keeps the latest.
        QCOMPARE(found(), (QList<qint64>{later.id, earlier.id}));
        // A chat with no message yet is in no list: not found either.
        Batch empty;
        empty.platform = u"demo"_s;
        empty.conversations << ConversationRecord{u"acc-1"_s, u"conv-empty"_s, u"u-1"_s};
        QVERIFY(s->ingest(empty));
        QVERIFY(convId(*s, u"conv-empty"_s));
        QCOMPARE(found(), (QList<qint64>{later.id, earlier.id}));
        QCOMPARE(found([&](PeerNameQuery &q) { q.limit = 1; }), QList<qint64>{later.id});
        QCOMPARE(found([&](PeerNameQuery &q) { q.accountIds = {acc2}; }), QList<qint64>{conv3});
        QCOMPARE(found([&](PeerNameQuery &q) { q.accountIds = {acc1, acc2}; }).size(), 2);
        QCOMPARE(found([&](PeerNameQuery &q) { q.fromMs = later.lastAt; }), QList<qint64>{later.id});
        QCOMPARE(found([&](PeerNameQuery &q) { q.toMs = later.lastAt; }), QList<qint64>{earlier.id});
        QCOMPARE(found([&](PeerNameQuery &q) {
                     q.fromMs = earlier.lastAt;
                     q.toMs = later.lastAt + 1;
                 }).size(),
                 2);

        auto tag = s->createTag(u"回头客"_s, QString());
        QVERIFY(tag);
        QCOMPARE(found([&](PeerNameQuery &q) { q.tagId = tag->tagId; }), QList<qint64>{});
        QVERIFY(s->tagConversation(conv1, tag->tagId));
        QCOMPARE(found([&](PeerNameQuery &q) { q.tagId = tag->tagId; }), QList<qint64>{conv1});
        QCOMPARE(found([&](PeerNameQuery &q) {
                     q.accountIds = {acc2};
                     q.tagId = tag->tagId;
                 }),
                 QList<qint64>{});

        QVERIFY(s->markRead(conv1));
        QVERIFY(s->markRead(conv3));
        QCOMPARE(found([&](PeerNameQuery &q) { q.unreadOnly = true; }), QList<qint64>{});
        QVERIFY(s->markUnread(conv3)); // marked unread by hand counts
        QCOMPARE(found([&](PeerNameQuery &q) { q.unreadOnly = true; }), QList<qint64>{conv3});
        QVERIFY(s->markRead(conv3));
    }

    void interruptAbortsTheRunningSearchOnly()
    {
        // Interrupted from inside the index query, where the search panel's UI thread interrupts a
        // search that a newer keystroke superseded.
        static Store *target = nullptr;
        static int rows = 0;
        target = s.get();
        struct Unhook
        {
            ~Unhook() { Store::setSearchRowHookForTesting(nullptr); }
        } unhook;
        for (SearchOrder order : {SearchOrder::Newest, SearchOrder::Relevance}) {
            SearchQuery q;
            q.text = u"hello"_s;
            q.order = order;
            rows = 0;
            Store::setSearchRowHookForTesting([](const SearchQuery &) {
                if (++rows == 1)
                    target->interrupt();
            });
            const auto interrupted = s->search(q);
            Store::setSearchRowHookForTesting(nullptr);
            QVERIFY(!interrupted);
            QCOMPARE(interrupted.error().code, ErrorCode::Conflict);
            QCOMPARE(rows, 1); // it stopped at the row it was interrupted on
            // The interrupt ended with that search, and so did its snapshot: the next one runs.
            QCOMPARE(find(q).hits.size(), 2);
        }
    }

    void renamedUserIsFoundByNewName()
    {
        Batch b;
        b.platform = u"demo"_s;
        b.users << profile(u"u-2"_s, u"Bob Li"_s);
        QVERIFY(s->ingest(b));
        QCOMPARE(s->conversationsByPeerName(byName(u"alice"_s))->size(), 0);
        QCOMPARE(s->conversationsByPeerName(byName(u"bob"_s))->size(), 1);
        QCOMPARE(*s->integrityCheck(), u"ok"_s);
    }

    void senderWithoutTextListsEverythingTheyWrote()
    {
        // A comment of theirs too: "messages from this user" is their messages and comments alike.
        QVERIFY(s->ingest(
            batch({}, {comment(u"acc-1"_s, u"vid-1"_s, u"c9"_s, u"u-1"_s, u"什么时候上新"_s, kT0 + 9000)})));
        const QStringList all{u"什么时候上新"_s,   u"ＦＵＬＬＷＩＤＴＨ字母和数字１２３"_s,
                              u"衣服尺码偏小吗"_s, u"我用微信iPhone15付款了"_s,
                              u"什么时候发货"_s,   u"你好，请问这件衣服还有货吗？"_s};
        // Newest first whichever order is asked for (nothing to rank by), in pages that meet.
        for (SearchOrder order : {SearchOrder::Newest, SearchOrder::Relevance}) {
            for (const QString &text : {QString(), u" \t "_s}) {
                SearchQuery q;
                q.text = text;
                q.senderId = fan1;
                q.order = order;
                q.limit = 4;
                QStringList seen;
                int pages = 0;
                do {
                    const SearchPage p = find(q);
                    ++pages;
                    for (const SearchHit &h : p.hits) {
                        QCOMPARE(h.item.senderId, fan1);
                        QCOMPARE(h.snippet, h.item.text); // short texts, nothing highlighted
                        seen << h.item.text;
                    }
                    q.cursor = p.next;
                } while (!q.cursor.isEmpty() && pages < 5);
                QCOMPARE(seen, all);
                QCOMPARE(pages, 2);
            }
        }
        // Narrowed as any search is.
        const auto from = [&](const std::function<void(SearchQuery &)> &narrow) {
            SearchQuery q = search(QString(), narrow);
            q.senderId = fan1;
            return texts(find(q));
        };
        QCOMPARE(from([&](SearchQuery &q) { q.accountIds = {acc1}; }),
                 (QStringList{u"什么时候上新"_s, u"什么时候发货"_s, u"你好，请问这件衣服还有货吗？"_s}));
        QCOMPARE(from([](SearchQuery &q) { q.kind = ItemKind::Comment; }), QStringList{u"什么时候上新"_s});
        QCOMPARE(from([&](SearchQuery &q) { q.conversationId = conv3; }).size(), 3);
        QCOMPARE(from([](SearchQuery &q) { q.text = u"衣服"_s; }),
                 (QStringList{u"衣服尺码偏小吗"_s, u"你好，请问这件衣服还有货吗？"_s}));
        // Text with nothing to look for finds nothing, with a sender or not; no text and no sender
        // is no search.
        QCOMPARE(from([](SearchQuery &q) { q.text = u"，。！"_s; }), QStringList{});
        QCOMPARE(find(SearchQuery{}).hits.size(), 0);
        // A relevance cursor makes no sense for such a listing.
        SearchQuery bad;
        bad.senderId = fan1;
        bad.cursor = u"r:1.5:12"_s;
        QVERIFY(!s->search(bad));
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "TestSearch.moc"
