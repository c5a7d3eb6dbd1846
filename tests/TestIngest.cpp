// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixtures.h"
#include "TestUtil.h"

#include <QJsonDocument>
#include <QSet>

#include <functional>

using namespace testutil;

Q_DECLARE_METATYPE(hiscrm::model::Batch)

class TestIngest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    const Batch sample_ = sample();
    std::unique_ptr<Store> fresh() { return openStore(m_dir.filePath(QStringLiteral("t%1.db").arg(++m_n))); }

    static Batch sample()
    {
        Batch b =
            batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"你好，请问还有货吗？"_s, kT0 + 1000),
                   dm(u"acc-1"_s, u"conv-1"_s, u"m2"_s, u"u-1"_s, u"在吗"_s, kT0 + 2000),
                   dm(u"acc-1"_s, u"conv-2"_s, u"m3"_s, u"u-2"_s, u"Hello there"_s, kT0 + 3000)},
                  {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-3"_s, u"好看！"_s, kT0 + 500)});
        UserRecord u;
        u.platformId = u"u-1"_s;
        u.name = u"小美"_s;
        u.followers = 12;
        b.users << u;
        b.accounts << AccountRecord{u"acc-1"_s, u"官方旗舰店"_s, {}};
        b.contents << video(u"acc-1"_s, u"vid-1"_s, u"新品开箱"_s);
        return b;
    }

    // A batch with one record of every kind and every string field set, each of which the tests
    // below break in turn.
    static Batch everyField()
    {
        Batch b = sample();
        b.accounts[0].avatar = u"https://cdn.example/a.png"_s;
        b.users[0].avatar = u"https://cdn.example/u.png"_s;
        b.users[0].signature = u"每天都开心"_s;
        b.contents[0].url = u"https://example.com/v/1"_s;
        b.contents[0].cover = u"https://cdn.example/c.jpg"_s;
        ConversationRecord c;
        c.accountId = u"acc-1"_s;
        c.platformId = u"conv-1"_s;
        c.peerId = u"u-1"_s;
        b.conversations << c;
        b.messages[0].media = u"https://cdn.example/m.jpg"_s;
        b.comments << comment(u"acc-1"_s, u"vid-1"_s, u"c2"_s, u"u-3"_s, u"同问"_s, kT0 + 600, u"c1"_s);
        return b;
    }

    // Every string field of every record, with its limit in UTF-16 code units (docs/protocol.md,
    // "Limits") and a way to set it.
    struct StringField
    {
        const char *name;
        int limit;
        std::function<void(Batch &, const QString &)> set;
    };
    static QList<StringField> stringFields()
    {
        return {
            {"accounts[0].platform_id", 256,
             [](Batch &b, const QString &v) {
                 b.accounts[0].platformId = v;
             }},
            {"accounts[0].name", 256,
             [](Batch &b, const QString &v) {
                 b.accounts[0].name = v;
             }},
            {"accounts[0].avatar", 8192,
             [](Batch &b, const QString &v) {
                 b.accounts[0].avatar = v;
             }},
            {"users[0].platform_id", 256,
             [](Batch &b, const QString &v) {
                 b.users[0].platformId = v;
             }},
            {"users[0].name", 256,
             [](Batch &b, const QString &v) {
                 b.users[0].name = v;
             }},
            {"users[0].avatar", 8192,
             [](Batch &b, const QString &v) {
                 b.users[0].avatar = v;
             }},
            {"users[0].signature", 1024,
             [](Batch &b, const QString &v) {
                 b.users[0].signature = v;
             }},
            {"contents[0].account_id", 256,
             [](Batch &b, const QString &v) {
                 b.contents[0].accountId = v;
             }},
            {"contents[0].platform_id", 256,
             [](Batch &b, const QString &v) {
                 b.contents[0].platformId = v;
             }},
            {"contents[0].title", 4096,
             [](Batch &b, const QString &v) {
                 b.contents[0].title = v;
             }},
            {"contents[0].url", 8192,
             [](Batch &b, const QString &v) {
                 b.contents[0].url = v;
             }},
            {"contents[0].cover", 8192,
             [](Batch &b, const QString &v) {
                 b.contents[0].cover = v;
             }},
            {"conversations[0].account_id", 256,
             [](Batch &b, const QString &v) {
                 b.conversations[0].accountId = v;
             }},
            {"conversations[0].platform_id", 256,
             [](Batch &b, const QString &v) {
                 b.conversations[0].platformId = v;
             }},
            {"conversations[0].peer_id", 256,
             [](Batch &b, const QString &v) {
                 b.conversations[0].peerId = v;
             }},
            {"messages[0].account_id", 256,
             [](Batch &b, const QString &v) {
                 b.messages[0].accountId = v;
             }},
            {"messages[0].conversation_id", 256,
             [](Batch &b, const QString &v) {
                 b.messages[0].conversationId = v;
             }},
            {"messages[0].platform_id", 256,
             [](Batch &b, const QString &v) {
                 b.messages[0].platformId = v;
             }},
            {"messages[0].sender_id", 256,
             [](Batch &b, const QString &v) {
                 b.messages[0].senderId = v;
             }},
            {"messages[0].text", 65536,
             [](Batch &b, const QString &v) {
                 b.messages[0].text = v;
             }},
            {"messages[0].media", 8192,
             [](Batch &b, const QString &v) {
                 b.messages[0].media = v;
             }},
            {"comments[1].account_id", 256,
             [](Batch &b, const QString &v) {
                 b.comments[1].accountId = v;
             }},
            {"comments[1].content_id", 256,
             [](Batch &b, const QString &v) {
                 b.comments[1].contentId = v;
             }},
            {"comments[1].platform_id", 256,
             [](Batch &b, const QString &v) {
                 b.comments[1].platformId = v;
             }},
            {"comments[1].parent_id", 256,
             [](Batch &b, const QString &v) {
                 b.comments[1].parentId = v;
             }},
            {"comments[1].author_id", 256,
             [](Batch &b, const QString &v) {
                 b.comments[1].authorId = v;
             }},
            {"comments[1].text", 65536,
             [](Batch &b, const QString &v) {
                 b.comments[1].text = v;
             }},
        };
    }

    // One store for the many refusals below (a refusal leaves it as it was; opening a store per
    // row would cost seconds): it holds everyField() and whatever was accepted since.
    std::unique_ptr<Store> m_shared;
    Store &shared()
    {
        if (!m_shared) {
            m_shared = openStore(m_dir.filePath(u"shared.db"_s));
            if (!m_shared->ingest(everyField()))
                qFatal("the shared store refused everyField()");
        }
        return *m_shared;
    }

    // Ingests `bad` into a store that holds everyField() already: refused as invalid, naming
    // `field`, and nothing changed.
    void refusedChangingNothing(const Batch &bad, const QString &field)
    {
        Store *s = &shared();
        const qint64 rev = *s->revision();
        const auto r = s->ingest(bad);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(r.error().message.contains(field), qPrintable(r.error().message));
        QCOMPARE(*s->revision(), rev);
        QCOMPARE(s->changes(rev, 10)->changes.size(), 0);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void insertsEverything()
    {
        auto s = fresh();
        QVERIFY(s);
        auto r = s->ingest(sample());
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        // 1 account + its own user, 3 users (u-1 full, u-2 and u-3 stubs), 1 content, 2 conversations,
        // 3 messages, 1 comment.
        QCOMPARE(r->inserted, 12);
        QCOMPARE(r->updated, 0);
        QVERIFY(r->revision > 0);
        QCOMPARE(r->conversationIds.size(), 2);
        QCOMPARE(r->contentIds.size(), 1);

        const qint64 c1 = convId(*s, u"conv-1"_s);
        const Conversation c = conv(*s, c1);
        QCOMPARE(c.unreadCount, 2);
        QCOMPARE(c.lastPreview, u"在吗"_s);
        QVERIFY(c.awaitingReply());
        auto peer = s->user(c.peerUserId);
        QVERIFY(peer && peer.value());
        QCOMPARE(peer.value()->name, u"小美"_s);
        QCOMPARE(peer.value()->followers, 12);

        auto page = s->thread(ItemKind::Message, c1);
        QVERIFY(page);
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items[0].text, u"你好，请问还有货吗？"_s); // oldest first
        QVERIFY(page->items[0].id < page->items[1].id);
        QVERIFY(!page->hasOlder);

        auto contents = s->contents();
        QVERIFY(contents);
        QCOMPARE(contents->size(), 1);
        QCOMPARE(contents->first().title, u"新品开箱"_s);
        QCOMPARE(contents->first().unreadComments, 1);
        QCOMPARE(contents->first().commentCount, 1);
    }

    void resentBatchChangesNothing()
    {
        auto s = fresh();
        QVERIFY(s->ingest(sample()));
        const qint64 rev = *s->revision();
        auto before = s->changes(0, 10000);
        auto r = s->ingest(sample());
        QVERIFY(r);
        QCOMPARE(r->inserted, 0);
        QCOMPARE(r->updated, 0);
        QVERIFY(r->unchanged > 0);
        QCOMPARE(*s->revision(), rev);
        auto after = s->changes(0, 10000);
        QCOMPARE(after->changes.size(), before->changes.size());
        QCOMPARE(conv(*s, convId(*s, u"conv-1"_s)).unreadCount, 2);
        QCOMPARE(s->contents()->first().commentCount, 1);
    }

    // Group commit (Store::ingestAll): batches in one transaction, each answered as ingest would
    // answer it alone: an invalid one refused by itself, a repeat unchanged, revisions in order.
    void batchesCommittedTogetherAreAnsweredEach()
    {
        auto together = fresh();
        auto alone = fresh();
        Batch invalid = sample();
        invalid.messages[0].createdAt = -5;
        const Batch more = batch({dm(u"acc-1"_s, u"conv-2"_s, u"m4"_s, u"u-2"_s, u"还在吗？"_s, kT0 + 4000)});
        const QList<const Batch *> group{&invalid, &sample_, &sample_, &more};

        // The valid batches one transaction each, for comparison.
        QVERIFY(!alone->ingest(invalid));
        const Result<IngestResult> first = alone->ingest(sample_);
        QVERIFY(first && first->inserted > 0);
        QCOMPARE(alone->ingest(sample_)->inserted, 0);
        QCOMPARE(alone->ingest(more)->inserted, 1);

        const std::vector<Result<IngestResult>> r = together->ingestAll(group);
        QCOMPARE(r.size(), size_t(4));
        QVERIFY(!r[0]);
        QCOMPARE(r[0].error().code, ErrorCode::InvalidArgument);
        QVERIFY(r[1]);
        QCOMPARE(r[1]->inserted, first->inserted);
        QCOMPARE(r[1]->revision, first->revision);
        QVERIFY(r[2]); // the same batch again, in the same transaction: applied once
        QCOMPARE(r[2]->inserted, 0);
        QCOMPARE(r[2]->updated, 0);
        QVERIFY(r[2]->unchanged > 0);
        QCOMPARE(r[2]->revision, r[1]->revision);
        QVERIFY(r[3]);
        QCOMPARE(r[3]->inserted, 1);
        QVERIFY(r[3]->revision > r[1]->revision);
        QCOMPARE(*together->revision(), r[3]->revision);

        // The same rows as one transaction each, at the same revisions.
        QCOMPARE(*alone->revision(), *together->revision());
        const auto rows = [](Store &st) {
            QStringList out;
            const auto page = st.changes(0, 10000);
            for (const Change &c : page->changes)
                out << QString::fromUtf8(QJsonDocument(c.data).toJson(QJsonDocument::Compact));
            return out;
        };
        QCOMPARE(rows(*together), rows(*alone));
        QCOMPARE(conv(*together, convId(*together, u"conv-2"_s)).unreadCount, 2);

        // A group of refused batches changes nothing.
        const qint64 rev = *together->revision();
        const std::vector<Result<IngestResult>> none = together->ingestAll({&invalid, &invalid});
        QVERIFY(!none[0] && !none[1]);
        QCOMPARE(*together->revision(), rev);
        QVERIFY(together->ingestAll({}).empty());
    }

    void editKeepsHistory()
    {
        auto s = fresh();
        QVERIFY(s->ingest(sample()));
        Batch edit = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m2"_s, u"u-1"_s, u"在吗？急"_s, kT0 + 2000)});
        auto r = s->ingest(edit);
        QVERIFY(r);
        QCOMPARE(r->updated, 1);
        auto a = s->accountByPlatformId(u"demo"_s, u"acc-1"_s);
        auto it = s->itemByPlatformId(a.value()->id, ItemKind::Message, u"m2"_s);
        QVERIFY(it && it.value());
        QCOMPARE(it.value()->text, u"在吗？急"_s);
        QVERIFY(it.value()->editedAt > 0);
        auto h = s->history(it.value()->id);
        QCOMPARE(h->size(), 1);
        QCOMPARE(h->first().oldText, u"在吗"_s);
        QVERIFY(!h->first().recall);
        // The edit is the last message: the preview follows; the unread count does not grow.
        const Conversation c = conv(*s, convId(*s, u"conv-1"_s));
        QCOMPARE(c.lastPreview, u"在吗？急"_s);
        QCOMPARE(c.unreadCount, 2);
        // Sending the edit again is a no-op.
        auto again = s->ingest(edit);
        QCOMPARE(again->updated, 0);
        QCOMPARE(s->history(it.value()->id)->size(), 1);
    }

    void recallKeepsOriginalInHistory()
    {
        auto s = fresh();
        QVERIFY(s->ingest(sample()));
        MessageRecord m = dm(u"acc-1"_s, u"conv-1"_s, u"m2"_s, u"u-1"_s, u"在吗"_s, kT0 + 2000);
        m.recalled = true;
        QVERIFY(s->ingest(batch({m})));
        auto a = s->accountByPlatformId(u"demo"_s, u"acc-1"_s);
        auto it = s->itemByPlatformId(a.value()->id, ItemKind::Message, u"m2"_s);
        QVERIFY(it.value()->recalled);
        QVERIFY(it.value()->text.isEmpty());
        auto h = s->history(it.value()->id);
        QCOMPARE(h->size(), 1);
        QCOMPARE(h->first().oldText, u"在吗"_s);
        QVERIFY(h->first().recall);
        // A recalled unread message no longer counts.
        QCOMPARE(conv(*s, convId(*s, u"conv-1"_s)).unreadCount, 1);
        // ...and is not found by search any more.
        SearchQuery q;
        q.text = u"在吗"_s;
        QCOMPARE(s->search(q)->hits.size(), 0);
    }

    void outgoingFromPlatformMarksRead()
    {
        auto s = fresh();
        QVERIFY(s->ingest(sample()));
        QVERIFY(s->ingest(batch(
            {dm(u"acc-1"_s, u"conv-1"_s, u"m9"_s, QString(), u"有的，亲"_s, kT0 + 5000, Direction::Out)})));
        const Conversation c = conv(*s, convId(*s, u"conv-1"_s));
        QCOMPARE(c.unreadCount, 0);
        QVERIFY(!c.awaitingReply());
        QCOMPARE(c.lastPreview, u"有的，亲"_s);
        // The sender of an outgoing message without one is the account itself.
        auto page = s->thread(ItemKind::Message, c.id);
        auto acc = s->account(c.accountId);
        QCOMPARE(page->items.last().senderId, acc.value()->userId);
    }

    static MessageRecord recalled(MessageRecord m)
    {
        m.recalled = true;
        return m;
    }

    // Within one batch: what the operator answered on the platform is read, what came after is not.
    void replyInsideBatchSplitsReadAndUnread()
    {
        auto s = fresh();
        QVERIFY(s->ingest(sample())); // conv-1: 2 unread
        QVERIFY(s->ingest(batch({
            dm(u"acc-1"_s, u"conv-1"_s, u"m10"_s, u"u-1"_s, u"还在吗"_s, kT0 + 6000),
            dm(u"acc-1"_s, u"conv-1"_s, u"m11"_s, QString(), u"在的"_s, kT0 + 7000, Direction::Out),
            dm(u"acc-1"_s, u"conv-1"_s, u"m12"_s, u"u-1"_s, u"好的，那我下单了"_s, kT0 + 8000),
            recalled(dm(u"acc-1"_s, u"conv-1"_s, u"m13"_s, u"u-1"_s, u"撤回的"_s, kT0 + 9000)),
        })));
        const Conversation c = conv(*s, convId(*s, u"conv-1"_s));
        QCOMPARE(c.unreadCount, 1); // m12; m13 was recalled
        QVERIFY(c.readUpTo > 0);
        QCOMPARE(c.lastItemId, s->thread(ItemKind::Message, c.id)->items.last().id);

        // The same batch again changes nothing.
        const qint64 rev = *s->revision();
        QVERIFY(s->ingest(batch(
            {dm(u"acc-1"_s, u"conv-1"_s, u"m11"_s, QString(), u"在的"_s, kT0 + 7000, Direction::Out)})));
        QCOMPARE(*s->revision(), rev);
        QCOMPARE(conv(*s, c.id).unreadCount, 1);
    }

    // A reply backfilled behind newer stored messages reads only what is older than it.
    void backfilledReplyReadsOnlyOlderMessages()
    {
        auto s = fresh();
        QVERIFY(s->ingest(sample())); // conv-1: m1 (+1 s), m2 (+2 s), both unread
        QVERIFY(s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, u"m3b"_s, u"u-1"_s, u"多少钱"_s, kT0 + 9000)})));
        QVERIFY(s->ingest(batch(
            {dm(u"acc-1"_s, u"conv-1"_s, u"m1r"_s, QString(), u"您好"_s, kT0 + 1500, Direction::Out)})));
        const Conversation c = conv(*s, convId(*s, u"conv-1"_s));
        QCOMPARE(c.unreadCount, 2); // m2 and m3b came after the reply
        QCOMPARE(c.lastPreview, u"多少钱"_s);
        QVERIFY(c.lastDirection == Direction::In);
    }

    void olderHistoryDoesNotCountAsUnread()
    {
        auto s = fresh();
        QVERIFY(s->ingest(sample()));
        const qint64 c1 = convId(*s, u"conv-1"_s);
        QVERIFY(s->markRead(c1));
        // Backfill of a message older than what was read.
        QVERIFY(s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, u"m0"_s, u"u-1"_s, u"早"_s, kT0 + 10)})));
        const Conversation c = conv(*s, c1);
        QCOMPARE(c.unreadCount, 0);
        QCOMPARE(c.lastPreview, u"在吗"_s); // the newest message is still the last one
        auto page = s->thread(ItemKind::Message, c1);
        QCOMPARE(page->items.first().text, u"早"_s); // ids follow time, not arrival
    }

    void sameMillisecondKeepsOrderAndUniqueIds()
    {
        auto s = fresh();
        QList<MessageRecord> ms;
        for (int i = 0; i < 1500; ++i) // more than the 1024 slots of one millisecond
            ms << dm(u"acc-1"_s, u"conv-1"_s, QStringLiteral("m%1").arg(i), u"u-1"_s,
                     QStringLiteral("第%1条").arg(i), kT0);
        QVERIFY(s->ingest(batch(ms)));
        auto page = s->thread(ItemKind::Message, convId(*s, u"conv-1"_s), 1000);
        QCOMPARE(page->items.size(), 1000);
        QVERIFY(page->hasOlder);
        QCOMPARE(conv(*s, convId(*s, u"conv-1"_s)).unreadCount, 1500);
    }

    // Store::setPageCacheKib bounds the pages a connection keeps (hiscrm-master --cache-mb): about
    // 8 MB of messages through a store set to 512 KiB leave at most that in its cache (and the page
    // headers), while the default keeps several MB of them.
    void pageCacheStaysWithinItsSetting()
    {
        const auto cacheAfterIngest = [this](int kib) {
            Store::setPageCacheKib(kib);
            auto s = fresh();
            for (int b = 0; b < 5; ++b) {
                QList<MessageRecord> ms;
                for (int i = 0; i < 1000; ++i)
                    ms << dm(u"acc-1"_s, QStringLiteral("conv-%1").arg(i % 50),
                             QStringLiteral("m%1-%2").arg(b).arg(i), u"u-1"_s,
                             QStringLiteral("第%1条：").arg(i) + QString(500, QChar(char16_t(0x4E00 + i))),
                             kT0 + b * 1000 + i);
                if (!s->ingest(batch(ms)))
                    return qint64(-1);
            }
            return s->pageCacheBytes();
        };
        const qint64 small = cacheAfterIngest(512);
        const qint64 large = cacheAfterIngest(Store::kDefaultPageCacheKib);
        Store::setPageCacheKib(Store::kDefaultPageCacheKib);
        qInfo("page cache after ingest: %lld bytes at 512 KiB, %lld at the default", small, large);
        QVERIFY(small > 0);
        QVERIFY(small <= 640 * 1024);
        QVERIFY(large > 4 * 1024 * 1024);
    }

    void commentRepliesLinkToParent()
    {
        auto s = fresh();
        QVERIFY(s->ingest(
            batch({}, {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-3"_s, u"多少钱"_s, kT0),
                       comment(u"acc-1"_s, u"vid-1"_s, u"c2"_s, u"acc-1"_s, u"99元"_s, kT0 + 10, u"c1"_s)})));
        auto t = s->contents();
        QCOMPARE(t->size(), 1);
        QCOMPARE(t->first().unreadComments, 1); // our own reply is not unread
        auto page = s->thread(ItemKind::Comment, t->first().id);
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items[1].parentId, page->items[0].id);
        QVERIFY(page->items[1].direction == Direction::Out);
    }

    void invalidBatchChangesNothing_data()
    {
        QTest::addColumn<Batch>("bad");
        Batch noPlatform = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"x"_s, kT0)});
        noPlatform.platform.clear();
        QTest::newRow("no platform") << noPlatform;
        QTest::newRow("message without id")
            << batch({dm(u"acc-1"_s, u"conv-1"_s, QString(), u"u-1"_s, u"x"_s, kT0)});
        QTest::newRow("message without account")
            << batch({dm(QString(), u"conv-1"_s, u"m1"_s, u"u-1"_s, u"x"_s, kT0)});
        QTest::newRow("inbound without sender")
            << batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, QString(), u"x"_s, kT0)});
        QTest::newRow("time zero") << batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"x"_s, 0)});
        QTest::newRow("time negative") << batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"x"_s, -5)});
        QTest::newRow("time beyond year 2200")
            << batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"x"_s, qint64(1) << 60)});
        QTest::newRow("text too long")
            << batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, QString(70000, u'字'), kT0)});
        QTest::newRow("id too long") << batch(
            {dm(u"acc-1"_s, u"conv-1"_s, QString(300, u'x'), u"u-1"_s, u"x"_s, kT0)});
        QTest::newRow("bad comment after good message")
            << batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"x"_s, kT0)},
                     {comment(u"acc-1"_s, QString(), u"c1"_s, u"u-1"_s, u"x"_s, kT0)});
    }

    void invalidBatchChangesNothing()
    {
        QFETCH(Batch, bad);
        auto s = fresh();
        QVERIFY(s->ingest(sample()));
        const qint64 rev = *s->revision();
        auto r = s->ingest(bad);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!r.error().message.isEmpty());
        QCOMPARE(*s->revision(), rev);
        QCOMPARE(s->changes(rev, 10)->changes.size(), 0);
    }

    // Half a surrogate pair in any string (a connector that cut a string inside an emoji) is
    // refused: SQLite would store it as "?", merging ids and turning unchanged texts into edits.
    void loneSurrogatesAreRefused_data()
    {
        QTest::addColumn<Batch>("bad");
        QTest::addColumn<QString>("field");
        const QString high(QChar(0xD83D)); // the first half of 😀
        const QString low(QChar(0xDE00));  // its second half
        for (const StringField &f : stringFields()) {
            Batch b = everyField();
            f.set(b, u"x"_s + high);
            QTest::addRow("%s ends in a high half", f.name) << b << QString::fromLatin1(f.name);
            b = everyField();
            f.set(b, low + u"x"_s);
            QTest::addRow("%s starts with a low half", f.name) << b << QString::fromLatin1(f.name);
        }
        Batch b = everyField();
        b.platform = u"demo"_s + high;
        QTest::newRow("platform") << b << u"platform"_s;
    }

    void loneSurrogatesAreRefused()
    {
        QFETCH(Batch, bad);
        QFETCH(QString, field);
        refusedChangingNothing(bad, field);
    }

    // "m\ud800" and "m\udbff" are different ids: neither may be stored as the other.
    void idsDifferingInAHalfStayApart()
    {
        auto s = fresh();
        const QString a = u"m"_s + QChar(0xD800);
        const QString b = u"m"_s + QChar(0xDBFF);
        QVERIFY(!s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, a, u"u-1"_s, u"first"_s, kT0)})));
        QVERIFY(!s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, b, u"u-1"_s, u"second"_s, kT0 + 1)})));
        QCOMPARE(convId(*s, u"conv-1"_s), 0);

        // Whole pairs are fine, and ids that share a first half stay two rows.
        const QString grin = u"m😀"_s;
        const QString smile = u"m😁"_s;
        auto r = s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, grin, u"u-1"_s, u"first 😀"_s, kT0),
                                  dm(u"acc-1"_s, u"conv-1"_s, smile, u"u-1"_s, u"second 😁"_s, kT0 + 1)}));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        auto page = s->thread(ItemKind::Message, convId(*s, u"conv-1"_s));
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items.at(0).platformId, grin);
        QCOMPARE(page->items.at(1).platformId, smile);
        QCOMPARE(page->items.at(0).text, u"first 😀"_s);
    }

    // Sent again unchanged, a record is unchanged, however its text is made: astral characters,
    // U+FFFD, and never half a pair (refused every time, not stored as an edit).
    void unchangedTextIsUnchanged()
    {
        auto s = fresh();
        const QString text = u"好看😀\ufffd🎉 end"_s;
        const Batch b = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, text, kT0)},
                              {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-3"_s, text, kT0)});
        QVERIFY(s->ingest(b));
        const qint64 rev = *s->revision();
        for (int i = 0; i < 3; ++i) {
            auto r = s->ingest(b);
            QVERIFY(r);
            QCOMPARE(r->updated, 0);
            QCOMPARE(r->inserted, 0);
        }
        QCOMPARE(*s->revision(), rev);

        const QString cut = text.left(3); // 好看 and half of 😀
        for (int i = 0; i < 3; ++i)
            QVERIFY(!s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, cut, kT0)})));
        QCOMPARE(*s->revision(), rev);
        auto a = s->accountByPlatformId(u"demo"_s, u"acc-1"_s);
        auto it = s->itemByPlatformId(a.value()->id, ItemKind::Message, u"m1"_s);
        QCOMPARE(it.value()->text, text);
        QCOMPARE(it.value()->editedAt, 0);
        QCOMPARE(s->history(it.value()->id)->size(), 0);
    }

    // The latest accepted time is 2199-12-31T23:59:59.999Z (docs/protocol.md): a millisecond
    // with more messages than its 1024 id slots, and a reply after them, keep every id within
    // 2^53 - 1, exact in JSON.
    void fullMillisecondAtTheTimeBound()
    {
        constexpr qint64 kLast = 7258118399999;
        constexpr qint64 kMaxSafe = (qint64(1) << 53) - 1;
        auto s = fresh();
        QList<MessageRecord> ms;
        for (int i = 0; i < 1030; ++i)
            ms << dm(u"acc-1"_s, u"conv-1"_s, QStringLiteral("m%1").arg(i), u"u-1"_s,
                     QStringLiteral("第%1条").arg(i), kLast);
        auto r = s->ingest(batch(ms));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->inserted, 1030 + 4); // and the conversation, the account, its user, the peer
        const qint64 c = convId(*s, u"conv-1"_s);
        // Two pages (at most 1000 items each), oldest first.
        auto newer = s->thread(ItemKind::Message, c, 1000);
        QVERIFY(newer->hasOlder);
        auto older = s->thread(ItemKind::Message, c, 1000, newer->items.first().id);
        QList<Item> items = older->items + newer->items;
        QCOMPARE(items.size(), 1030);
        QSet<qint64> ids;
        for (const Item &it : std::as_const(items)) {
            QVERIFY2(it.id <= kMaxSafe, qPrintable(QString::number(it.id)));
            QCOMPARE(it.createdAt, kLast);
            ids.insert(it.id);
        }
        QCOMPARE(ids.size(), 1030);
        QCOMPARE(items.first().id, kLast * 1024);
        QCOMPARE(items.first().platformId, u"m0"_s);
        QCOMPARE(items.last().platformId, u"m1029"_s);

        auto reply = s->recordReply(ItemKind::Message, c, 0, u"收到"_s, u"cmd-1"_s);
        QVERIFY2(reply, qPrintable(reply ? QString() : reply.error().message));
        QVERIFY(reply->itemId > items.last().id);
        QVERIFY(reply->itemId <= kMaxSafe);

        // One millisecond later, and the old bound (2^43 - 1, whose full millisecond went past
        // 2^53), are refused.
        const qint64 rev = *s->revision();
        for (const qint64 at : {kLast + 1, (qint64(1) << 43) - 1}) {
            r = s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, u"late"_s, u"u-1"_s, u"x"_s, at)}));
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
            QVERIFY2(r.error().message.contains(u"created_at"_s), qPrintable(r.error().message));
        }
        QCOMPARE(*s->revision(), rev);
    }

    // Every string field has a limit: at the limit it is stored, one more is refused.
    void stringLimits_data()
    {
        QTest::addColumn<Batch>("atLimit");
        QTest::addColumn<Batch>("over");
        QTest::addColumn<QString>("field");
        for (const StringField &f : stringFields()) {
            Batch at = everyField();
            f.set(at, QString(f.limit, u'字'));
            Batch over = everyField();
            f.set(over, QString(f.limit + 1, u'字'));
            QTest::addRow("%s", f.name) << at << over << QString::fromLatin1(f.name);
        }
        Batch at = everyField();
        at.platform = QString(64, u'p');
        Batch over = everyField();
        over.platform = QString(65, u'p');
        QTest::newRow("platform") << at << over << u"platform"_s;
    }

    void stringLimits()
    {
        QFETCH(Batch, atLimit);
        QFETCH(Batch, over);
        QFETCH(QString, field);
        refusedChangingNothing(over, field);
        auto r = shared().ingest(atLimit);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    }

    void readOnlyStoreRefusesWrites()
    {
        const QString path = m_dir.filePath(u"ro.db"_s);
        {
            auto w = openStore(path);
            QVERIFY(w->ingest(sample()));
        }
        auto r = openReader(path);
        QVERIFY(r);
        QCOMPARE(r->conversations({})->conversations.size(), 2);
        auto w = r->ingest(sample());
        QVERIFY(!w);
        QCOMPARE(w.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestIngest)
#include "TestIngest.moc"
