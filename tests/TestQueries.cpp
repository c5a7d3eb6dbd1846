// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixtures.h"
#include "TestUtil.h"

using namespace testutil;

class TestQueries : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> s;

private slots:
    void initTestCase()
    {
        s = openStore(m_dir.filePath(u"q.db"_s));
        QVERIFY(s);
        // 30 conversations over 3 accounts; conversation i has i+1 messages, the last one at kT0 + i s.
        QList<MessageRecord> ms;
        for (int i = 0; i < 30; ++i) {
            for (int k = 0; k <= i; ++k) {
                const bool out = (i % 4 == 0) && k == i; // every 4th conversation was answered last
                ms << dm(QStringLiteral("acc-%1").arg(i % 3), QStringLiteral("conv-%1").arg(i),
                         QStringLiteral("m-%1-%2").arg(i).arg(k),
                         out ? QString() : QStringLiteral("u-%1").arg(i),
                         QStringLiteral("消息 %1/%2").arg(i).arg(k), kT0 + i * 1000 - (i - k),
                         out ? Direction::Out : Direction::In);
            }
        }
        Batch b = batch(ms);
        for (int i = 0; i < 30; ++i) {
            b.users << profile(QStringLiteral("u-%1").arg(i), QStringLiteral("粉丝%1").arg(i));
        }
        QVERIFY(s->ingest(b));
        // A second platform.
        Batch other = batch({dm(u"tt-1"_s, u"tconv"_s, u"t1"_s, u"tu"_s, u"hi"_s, kT0 + 500)});
        other.platform = u"tiktok"_s;
        QVERIFY(s->ingest(other));
    }

    void listPagesCoverEverythingOnce()
    {
        QSet<qint64> seen;
        std::optional<ConversationCursor> cursor;
        int pages = 0;
        qint64 lastAt = std::numeric_limits<qint64>::max();
        do {
            auto page = s->conversations({}, 7, cursor);
            QVERIFY(page);
            for (const Conversation &c : page->conversations) {
                QVERIFY(!seen.contains(c.id));
                QVERIFY(c.lastAt <= lastAt);
                lastAt = c.lastAt;
                seen.insert(c.id);
            }
            cursor = page->next;
            ++pages;
        } while (cursor && pages < 20);
        QCOMPARE(seen.size(), 31);
        QCOMPARE(pages, 5);
    }

    void cursorRoundTrip()
    {
        const ConversationCursor c{true, 12345, 678};
        const auto back = ConversationCursor::fromString(c.toString());
        QVERIFY(back);
        QCOMPARE(back->lastAt, 12345);
        QCOMPARE(back->id, 678);
        QVERIFY(back->pinned);
        QVERIFY(!ConversationCursor::fromString(u"x:1:2"_s));
        QVERIFY(!ConversationCursor::fromString(u"1:2"_s));
        QVERIFY(!ConversationCursor::fromString(u"5:1:2"_s));
        QVERIFY(!ConversationCursor::fromString(QString()));
    }

    void filters()
    {
        const auto acc0 = s->accountByPlatformId(u"demo"_s, u"acc-0"_s).value()->id;
        ConversationFilter f;
        f.accountIds = {acc0};
        QCOMPARE(s->conversations(f, 100)->conversations.size(), 10);
        f = {};
        f.platform = u"tiktok"_s;
        QCOMPARE(s->conversations(f, 100)->conversations.size(), 1);
        f = {};
        f.awaitingReplyOnly = true;
        QCOMPARE(s->conversations(f, 100)->conversations.size(), 31 - 8); // 8 answered last
        f = {};
        f.unreadOnly = true;
        QCOMPARE(s->conversations(f, 100)->conversations.size(), 31 - 8);
        f = {};
        f.peerUserId = s->userByPlatformId(u"demo"_s, u"u-5"_s).value()->id;
        QCOMPARE(s->conversations(f, 100)->conversations.size(), 1);
        // Combined: account and awaiting reply.
        f = {};
        f.accountIds = {acc0};
        f.awaitingReplyOnly = true;
        const auto page = s->conversations(f, 100);
        QVERIFY(page && !page->conversations.isEmpty());
        for (const Conversation &c : page->conversations) {
            QCOMPARE(c.accountId, acc0);
            QVERIFY(c.awaitingReply());
        }
    }

    void threadPaging()
    {
        const qint64 c = convId(*s, u"conv-29"_s, u"acc-2"_s);
        auto newest = s->thread(ItemKind::Message, c, 10);
        QVERIFY(newest);
        QCOMPARE(newest->items.size(), 10);
        QCOMPARE(newest->items.last().text, u"消息 29/29"_s);
        QVERIFY(newest->hasOlder);
        QVERIFY(!newest->hasNewer);
        auto older = s->thread(ItemKind::Message, c, 10, newest->items.first().id);
        QCOMPARE(older->items.last().text, u"消息 29/19"_s);
        QVERIFY(older->hasNewer);
        auto oldest = s->thread(ItemKind::Message, c, 10, older->items.first().id);
        QCOMPARE(oldest->items.size(), 10);
        QCOMPARE(oldest->items.first().text, u"消息 29/0"_s);
        QVERIFY(!oldest->hasOlder);
        auto after = s->threadAfter(ItemKind::Message, c, oldest->items.last().id, 10);
        QCOMPARE(after->items.first().text, u"消息 29/10"_s);
        QVERIFY(after->hasNewer);
        QVERIFY(after->hasOlder);
        // Around: the item in the middle with neighbours on both sides.
        const qint64 mid = older->items[4].id;
        auto around = s->threadAround(mid, 9);
        QVERIFY(around);
        QCOMPARE(around->items.size(), 9);
        QCOMPARE(around->items[4].id, mid);
        QVERIFY(around->hasOlder);
        QVERIFY(around->hasNewer);
        QVERIFY(!s->threadAround(1));
    }

    void usersInOrderAsked()
    {
        const qint64 a = s->userByPlatformId(u"demo"_s, u"u-3"_s).value()->id;
        const qint64 b = s->userByPlatformId(u"demo"_s, u"u-7"_s).value()->id;
        auto us = s->users({b, 999999, a});
        QVERIFY(us);
        QCOMPARE(us->size(), 2);
        QCOMPARE(us->at(0).name, u"粉丝7"_s);
        QCOMPARE(us->at(1).name, u"粉丝3"_s);
        QVERIFY(!s->user(999999).value());
    }

    void unreadSummaryPerAccount()
    {
        auto sum = s->unreadSummary();
        QVERIFY(sum);
        qint64 total = 0;
        for (auto it = sum->perAccount.cbegin(); it != sum->perAccount.cend(); ++it)
            total += it.value();
        QCOMPARE(total, sum->total);
        qint64 fromConvs = 0;
        for (auto it = sum->perConversation.cbegin(); it != sum->perConversation.cend(); ++it) {
            QCOMPARE(it.value(), conv(*s, it.key()).unreadBadge());
            fromConvs += it.value();
        }
        QCOMPARE(fromConvs + sum->comments, sum->total);
    }

    void viewCountsLeaveOutMutedAndCountChatsOnce()
    {
        auto v = openStore(m_dir.filePath(u"views.db"_s));
        QVERIFY(v);
        QList<MessageRecord> ms;
        for (int i = 0; i < 7; ++i)
            ms << dm(u"acc-1"_s, u"c%1"_s.arg(i), u"m%1"_s.arg(i), u"u%1"_s.arg(i), u"你好 %1"_s.arg(i),
                     kT0 + i * 1000);
        // c1 was answered last; two unread comments on a video of the same account.
        ms << dm(u"acc-1"_s, u"c1"_s, u"m1-out"_s, QString(), u"好的"_s, kT0 + 1500, Direction::Out);
        QVERIFY(
            v->ingest(batch(ms, {comment(u"acc-1"_s, u"vid"_s, u"k1"_s, u"u9"_s, u"好看"_s, kT0),
                                 comment(u"acc-1"_s, u"vid"_s, u"k2"_s, u"u9"_s, u"真好看"_s, kT0 + 1)})));
        const auto id = [&](int i) {
            return convId(*v, u"c%1"_s.arg(i));
        };
        QVERIFY(v->markRead(id(1)));
        QVERIFY(v->setPinned(id(2), true));
        QVERIFY(v->setArchived(id(3), true));
        QVERIFY(v->setMutedUntil(id(4), kMutedForever));
        const auto tag = v->createTag(u"售后"_s, u"#e0533d"_s);
        QVERIFY(tag);
        QVERIFY(v->tagConversation(id(5), tag->tagId));
        QVERIFY(v->markRead(id(6)));
        QVERIFY(v->markUnread(id(6)));

        const auto counts = v->viewCounts();
        QVERIFY(counts);
        // Unread and not archived, not muted: c0, c2, c5, c6 (marked unread by hand).
        QCOMPARE(counts->unreadChats, 4);
        // Inbound last, not archived, not muted: c0, c2, c5, c6 (c1 was answered).
        QCOMPARE(counts->awaitingReply, 4);
        QCOMPARE(counts->pinnedUnread, 1);
        QCOMPARE(counts->archivedUnread, 1);
        QCOMPARE(counts->tagUnread.value(tag->tagId), 1);
        QCOMPARE(counts->unreadComments, 2);
        const qint64 account = v->accountByPlatformId(u"demo"_s, u"acc-1"_s).value()->id;
        QCOMPARE(counts->accountUnread.value(account), 4 + 2);

        // Unmuting brings c4 back into every count it belongs to.
        QVERIFY(v->setMutedUntil(id(4), 0));
        QCOMPARE(v->viewCounts()->unreadChats, 5);
        QCOMPARE(v->viewCounts()->awaitingReply, 5);
    }

    void awaitingSinceIsTheFirstUnansweredMessage()
    {
        auto v = openStore(m_dir.filePath(u"awaiting.db"_s));
        QVERIFY(v);
        QVERIFY(v->ingest(
            batch({dm(u"acc-1"_s, u"c"_s, u"m1"_s, u"u"_s, u"在吗"_s, kT0),
                   dm(u"acc-1"_s, u"c"_s, u"m2"_s, QString(), u"在的"_s, kT0 + 1000, Direction::Out),
                   dm(u"acc-1"_s, u"c"_s, u"m3"_s, u"u"_s, u"发货了吗"_s, kT0 + 5000),
                   dm(u"acc-1"_s, u"c"_s, u"m4"_s, u"u"_s, u"？"_s, kT0 + 9000)})));
        const qint64 c = convId(*v, u"c"_s);
        QCOMPARE(*v->awaitingSince(c), kT0 + 5000);
        QVERIFY(v->ingest(
            batch({dm(u"acc-1"_s, u"c"_s, u"m5"_s, QString(), u"发了"_s, kT0 + 9500, Direction::Out)})));
        QCOMPARE(*v->awaitingSince(c), 0);
        QCOMPARE(*v->awaitingSince(987654), 0); // no such chat
        // Never answered: from the first message.
        QVERIFY(v->ingest(batch({dm(u"acc-1"_s, u"d"_s, u"n1"_s, u"w"_s, u"hi"_s, kT0 + 100),
                                 dm(u"acc-1"_s, u"d"_s, u"n2"_s, u"w"_s, u"hello?"_s, kT0 + 200)})));
        QCOMPARE(*v->awaitingSince(convId(*v, u"d"_s)), kT0 + 100);
    }

    void failedRepliesListsOnlyWhatStillFailed()
    {
        auto v = openStore(m_dir.filePath(u"failed.db"_s));
        QVERIFY(v);
        QVERIFY(v->ingest(batch({dm(u"acc-1"_s, u"c"_s, u"m"_s, u"u"_s, u"在吗"_s, kT0)},
                                {comment(u"acc-1"_s, u"vid"_s, u"k"_s, u"u"_s, u"好看"_s, kT0)})));
        const qint64 c = convId(*v, u"c"_s);
        const auto dmReply = v->recordReply(ItemKind::Message, c, 0, u"在的"_s, u"ref-1"_s);
        QVERIFY(dmReply);
        const qint64 content = v->contents()->first().id;
        const auto commentReply = v->recordReply(ItemKind::Comment, content, 0, u"谢谢"_s, u"ref-2"_s);
        QVERIFY(commentReply);
        QVERIFY(v->failedReplies()->isEmpty()); // pending is not failed

        QVERIFY(v->setReplyResult(dmReply->itemId, Delivery::Failed, QString(), u"对方已关闭私信"_s));
        QVERIFY(v->setReplyResult(commentReply->itemId, Delivery::Failed, QString(), u"评论已关闭"_s));
        auto failed = v->failedReplies();
        QVERIFY(failed);
        QCOMPARE(failed->size(), 2);
        QCOMPARE(failed->at(0).itemId, commentReply->itemId); // newest first
        QVERIFY(failed->at(0).kind == ItemKind::Comment);
        QCOMPARE(failed->at(0).threadId, content);
        QCOMPARE(failed->at(1).threadId, c);
        QCOMPARE(failed->at(1).error, u"对方已关闭私信"_s);

        // A retry makes it pending again; once sent it is gone for good.
        QVERIFY(v->setReplyResult(dmReply->itemId, Delivery::Pending, QString(), QString()));
        QCOMPARE(v->failedReplies()->size(), 1);
        QVERIFY(v->setReplyResult(commentReply->itemId, Delivery::Sent, u"p-1"_s, QString()));
        QVERIFY(v->failedReplies()->isEmpty());
    }

    void contentsPaging()
    {
        Batch b;
        b.platform = u"demo"_s;
        for (int v = 0; v < 5; ++v)
            b.comments << comment(u"acc-0"_s, QStringLiteral("vid-%1").arg(v), QStringLiteral("k-%1").arg(v),
                                  u"u-1"_s, u"评论"_s, kT0 + v * 10);
        QVERIFY(s->ingest(b));
        auto first = s->contents(0, false, 3);
        QCOMPARE(first->size(), 3);
        QCOMPARE(first->first().platformId, u"vid-4"_s);
        auto rest = s->contents(0, false, 3, first->last().lastCommentAt);
        QCOMPARE(rest->size(), 2);
        QCOMPARE(rest->last().platformId, u"vid-0"_s);
        QVERIFY(s->markCommentsRead(first->first().id));
        QCOMPARE(s->contents(0, true, 10)->size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestQueries)
#include "TestQueries.moc"
