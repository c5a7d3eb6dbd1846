// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtil.h"

#include <QDateTime>

using namespace testutil;

class TestCommands : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Store> s;
    qint64 c1 = 0, c2 = 0;

    // Recounts unread from the items themselves, to check the stored counters.
    static qint64 recount(Store &st, qint64 convId)
    {
        const Conversation c = conv(st, convId);
        qint64 n = 0;
        auto page = st.thread(ItemKind::Message, convId, 1000);
        for (const Item &it : page->items)
            n += it.direction == Direction::In && !it.recalled && it.id > c.readUpTo;
        return n;
    }

private slots:
    void init()
    {
        s = openStore(m_dir.filePath(QStringLiteral("c%1.db").arg(++m_n)));
        QVERIFY(s);
        QVERIFY(s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"第一条"_s, kT0 + 1000),
                                 dm(u"acc-1"_s, u"conv-1"_s, u"m2"_s, u"u-1"_s, u"第二条"_s, kT0 + 2000),
                                 dm(u"acc-1"_s, u"conv-1"_s, u"m3"_s, u"u-1"_s, u"第三条"_s, kT0 + 3000),
                                 dm(u"acc-1"_s, u"conv-2"_s, u"m4"_s, u"u-2"_s, u"hi"_s, kT0 + 4000)},
                                {comment(u"acc-1"_s, u"vid-1"_s, u"k1"_s, u"u-3"_s, u"好"_s, kT0),
                                 comment(u"acc-1"_s, u"vid-1"_s, u"k2"_s, u"u-4"_s, u"赞"_s, kT0 + 1)})));
        c1 = convId(*s, u"conv-1"_s);
        c2 = convId(*s, u"conv-2"_s);
    }
    void cleanup() { s.reset(); }

    void unreadCountsThroughReadAndUnread()
    {
        QCOMPARE(conv(*s, c1).unreadCount, 3);
        auto sum = s->unreadSummary();
        QCOMPARE(sum->total, 3 + 1 + 2);
        QCOMPARE(sum->comments, 2);
        QCOMPARE(sum->perConversation.value(c1), 3);

        // Read up to the second message.
        auto page = s->thread(ItemKind::Message, c1);
        QVERIFY(s->markRead(c1, page->items[1].id));
        QCOMPARE(conv(*s, c1).unreadCount, 1);
        QCOMPARE(recount(*s, c1), 1);

        // Read all, then mark unread by hand: a badge of 1 without changing the marker.
        QVERIFY(s->markRead(c1));
        QCOMPARE(conv(*s, c1).unreadCount, 0);
        QCOMPARE(conv(*s, c1).unreadBadge(), 0);
        QVERIFY(s->markUnread(c1));
        QCOMPARE(conv(*s, c1).unreadBadge(), 1);
        QCOMPARE(s->unreadSummary()->perConversation.value(c1), 1);
        ConversationFilter unread;
        unread.unreadOnly = true;
        QCOMPARE(s->conversations(unread)->conversations.size(), 2);

        // A new inbound message counts; the manual flag stays until read.
        QVERIFY(s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, u"m5"_s, u"u-1"_s, u"又来了"_s, kT0 + 9000)})));
        QCOMPARE(conv(*s, c1).unreadCount, 1);
        QCOMPARE(recount(*s, c1), 1);
        QVERIFY(s->markRead(c1));
        QCOMPARE(conv(*s, c1).unreadBadge(), 0);
        QVERIFY(!conv(*s, c1).markedUnread);
        // Reading never moves the marker backwards.
        QVERIFY(s->markRead(c1, page->items[0].id));
        QCOMPARE(conv(*s, c1).unreadCount, 0);
    }

    void markReadRejectsForeignMessage()
    {
        auto other = s->thread(ItemKind::Message, c2);
        auto r = s->markRead(c1, other->items[0].id);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        auto missing = s->markRead(987654);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void repeatedCommandsChangeNothing()
    {
        auto p1 = s->setPinned(c1, true);
        QVERIFY(p1 && p1->changed);
        auto p2 = s->setPinned(c1, true);
        QVERIFY(p2 && !p2->changed);
        QCOMPARE(p2->revision, p1->revision);
        QVERIFY(s->markRead(c1)->changed);
        QVERIFY(!s->markRead(c1)->changed);
        QVERIFY(s->setArchived(c2, true)->changed);
        QVERIFY(!s->setArchived(c2, true)->changed);
    }

    void pinnedFirstArchivedHidden()
    {
        auto list = s->conversations({});
        QCOMPARE(list->conversations.first().id, c2); // newest activity first
        QVERIFY(s->setPinned(c1, true));
        list = s->conversations({});
        QCOMPARE(list->conversations.first().id, c1);
        QVERIFY(s->setArchived(c1, true));
        list = s->conversations({});
        QCOMPARE(list->conversations.size(), 1);
        ConversationFilter archived;
        archived.archived = ArchivedFilter::Only;
        QCOMPARE(s->conversations(archived)->conversations.size(), 1);
        QCOMPARE(s->conversations(archived)->conversations.first().id, c1);
        QVERIFY(s->setArchived(c1, false));
        QCOMPARE(s->conversations({})->conversations.size(), 2);
    }

    void muteUntil()
    {
        const qint64 now = kT0 + 100000;
        QVERIFY(s->setMutedUntil(c1, now + 3600000));
        ConversationFilter muted;
        muted.mutedOnly = true;
        muted.nowMs = now;
        QCOMPARE(s->conversations(muted)->conversations.size(), 1);
        QCOMPARE(s->unreadSummary(now)->totalUnmuted, 1 + 2); // c2 and two comments
        muted.nowMs = now + 3600001;                          // the mute ran out
        QCOMPARE(s->conversations(muted)->conversations.size(), 0);
        QVERIFY(s->setMutedUntil(c1, kMutedForever));
        QVERIFY(conv(*s, c1).isMuted(now + 1000LL * 3600 * 24 * 365 * 100));
        QVERIFY(s->setMutedUntil(c1, 0));
        QVERIFY(!conv(*s, c1).isMuted(now));
        QVERIFY(!s->setMutedUntil(c1, -5));
    }

    void tags()
    {
        auto t = s->createTag(u"VIP客户"_s, u"#e0533d"_s);
        QVERIFY(t);
        const qint64 vip = t->tagId;
        auto dup = s->createTag(u"vip客户"_s, QString());
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, ErrorCode::Conflict);
        QVERIFY(!s->createTag(QString(), QString()));
        QVERIFY(!s->createTag(u"x"_s, u"red"_s));
        QVERIFY(s->tagConversation(c1, vip));
        QVERIFY(!s->tagConversation(c1, vip)->changed);
        QCOMPARE(conv(*s, c1).tagIds, QList<qint64>{vip});
        ConversationFilter byTag;
        byTag.tagId = vip;
        QCOMPARE(s->conversations(byTag)->conversations.size(), 1);
        QVERIFY(s->updateTag(vip, u"重要"_s, u"#00aa00"_s));
        QCOMPARE(s->tags()->first().name, u"重要"_s);
        QVERIFY(s->untagConversation(c1, vip));
        QCOMPARE(s->conversations(byTag)->conversations.size(), 0);
        QVERIFY(s->tagConversation(c2, vip));
        const qint64 rev = *s->revision();
        QVERIFY(s->deleteTag(vip));
        QVERIFY(conv(*s, c2).tagIds.isEmpty());
        auto feed = s->changes(rev);
        bool tombstone = false, convChanged = false;
        for (const Change &c : feed->changes) {
            tombstone |= c.deleted && c.entity == u"tag" && c.id == vip;
            convChanged |= c.entity == u"conversation" && c.id == c2;
        }
        QVERIFY(tombstone);
        QVERIFY(convChanged);
        QVERIFY(!s->tagConversation(c1, vip)); // gone
    }

    void replyPendingSentFailedRetry()
    {
        auto r = s->recordReply(ItemKind::Message, c1, 0, u"有货的"_s, u"cmd-1"_s);
        QVERIFY(r);
        const qint64 id = r->itemId;
        auto it = s->item(id);
        QVERIFY(it.value()->delivery == Delivery::Pending);
        QCOMPARE(conv(*s, c1).unreadCount, 0); // replying means having read
        QCOMPARE(conv(*s, c1).lastItemId, id);
        QVERIFY(!conv(*s, c1).awaitingReply());
        // The same command id again: the same item, nothing new.
        auto again = s->recordReply(ItemKind::Message, c1, 0, u"有货的"_s, u"cmd-1"_s);
        QCOMPARE(again->itemId, id);
        QVERIFY(!again->changed);
        // Failed with a reason, then retried and sent.
        QVERIFY(s->setReplyResult(id, Delivery::Failed, QString(), u"network timeout"_s));
        QCOMPARE(s->item(id).value()->error, u"network timeout"_s);
        QVERIFY(s->setReplyResult(id, Delivery::Pending, QString(), QString()));
        QVERIFY(s->item(id).value()->error.isEmpty());
        QVERIFY(s->setReplyResult(id, Delivery::Sent, u"pm-77"_s, QString()));
        it = s->item(id);
        QVERIFY(it.value()->delivery == Delivery::Sent);
        QCOMPARE(it.value()->platformId, u"pm-77"_s);
        // The platform now reports the sent message: it is the same item, not a second one.
        QVERIFY(s->ingest(batch(
            {dm(u"acc-1"_s, u"conv-1"_s, u"pm-77"_s, QString(), u"有货的"_s, kT0 + 99999, Direction::Out)})));
        QCOMPARE(s->thread(ItemKind::Message, c1)->items.size(), 4);
        // Bad input.
        QVERIFY(!s->recordReply(ItemKind::Message, c1, 0, u"  "_s, u"cmd-2"_s));
        QVERIFY(!s->recordReply(ItemKind::Message, 424242, 0, u"x"_s, u"cmd-3"_s));
        QVERIFY(!s->setReplyResult(s->thread(ItemKind::Message, c1)->items[0].id, Delivery::Sent, QString(),
                                   QString()));
    }

    void replyComesAfterMessagesFromAFastClock()
    {
        // The platform's clock is a minute ahead of ours: the reply still lands after the message.
        const qint64 ahead = QDateTime::currentMSecsSinceEpoch() + 60000;
        QVERIFY(s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, u"future"_s, u"u-1"_s, u"来自未来"_s, ahead)})));
        auto r = s->recordReply(ItemKind::Message, c1, 0, u"收到"_s, u"cmd-late"_s);
        QVERIFY(r);
        const auto items = s->thread(ItemKind::Message, c1)->items;
        QCOMPARE(items.last().id, r->itemId);
        QCOMPARE(conv(*s, c1).lastItemId, r->itemId);
    }

    void observedCopyBeforeResultIsMerged()
    {
        auto r = s->recordReply(ItemKind::Message, c2, 0, u"hello"_s, u"cmd-9"_s);
        QVERIFY(s->ingest(batch(
            {dm(u"acc-1"_s, u"conv-2"_s, u"pm-9"_s, QString(), u"hello"_s, kT0 + 99999, Direction::Out)})));
        QCOMPARE(s->thread(ItemKind::Message, c2)->items.size(), 3);
        QVERIFY(s->setReplyResult(r->itemId, Delivery::Sent, u"pm-9"_s, QString()));
        auto items = s->thread(ItemKind::Message, c2)->items;
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.last().id, r->itemId);
    }

    void commentReadAndReply()
    {
        const qint64 v = s->contents()->first().id;
        auto comments = s->thread(ItemKind::Comment, v)->items;
        QVERIFY(s->markCommentsRead(v, {comments[0].id}));
        QCOMPARE(s->content(v).value()->unreadComments, 1);
        QVERIFY(s->markCommentsRead(v));
        QCOMPARE(s->content(v).value()->unreadComments, 0);
        QVERIFY(s->markCommentsUnread({comments[1].id}));
        QCOMPARE(s->content(v).value()->unreadComments, 1);
        QCOMPARE(s->unreadSummary()->comments, 1);
        auto r = s->recordReply(ItemKind::Comment, v, comments[1].id, u"谢谢支持"_s, u"cmd-c"_s);
        QVERIFY(r);
        QCOMPARE(s->item(r->itemId).value()->parentId, comments[1].id);
        QCOMPARE(s->content(v).value()->commentCount, 3);
        QVERIFY(!s->recordReply(ItemKind::Comment, v, 12345, u"x"_s, u"cmd-d"_s));
    }

    void recallAndDelete()
    {
        auto items = s->thread(ItemKind::Message, c1)->items;
        QVERIFY(s->recallItem(items[2].id));
        QCOMPARE(conv(*s, c1).unreadCount, 2);
        QCOMPARE(s->history(items[2].id)->first().oldText, u"第三条"_s);
        QVERIFY(!s->recallItem(items[2].id)->changed);
        const qint64 rev = *s->revision();
        QVERIFY(s->deleteItem(items[1].id));
        QCOMPARE(conv(*s, c1).unreadCount, 1);
        QVERIFY(!s->item(items[1].id).value());
        QVERIFY(!s->deleteItem(items[1].id)->changed);
        auto feed = s->changes(rev);
        QVERIFY(std::any_of(feed->changes.cbegin(), feed->changes.cend(), [&](const Change &c) {
            return c.deleted && c.entity == u"item" && c.id == items[1].id;
        }));
        SearchQuery q;
        q.text = u"第二条"_s;
        QCOMPARE(s->search(q)->hits.size(), 0);
        QCOMPARE(*s->integrityCheck(), u"ok"_s);
    }

    void accountStatus()
    {
        const qint64 acc = s->accounts()->first().id;
        QVERIFY(s->setAccountStatus(acc, LoginState::LoggedOut, u"cookie expired"_s, kT0));
        auto a = s->account(acc);
        QVERIFY(a.value()->loginState == LoginState::LoggedOut);
        QCOMPARE(a.value()->lastError, u"cookie expired"_s);
        QVERIFY(!s->setAccountStatus(acc, LoginState::LoggedOut, u"cookie expired"_s, kT0)->changed);
        QVERIFY(!s->setAccountStatus(9999, LoginState::LoggedIn, QString(), 0));
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "TestCommands.moc"
