// SPDX-License-Identifier: GPL-3.0-or-later
// MasterLink's typed helpers, one per op, against a real Master in its own thread.
#include "MasterFixture.h"

#include <QJsonArray>
#include <QSignalSpy>

using namespace testutil;
using namespace hiscrm::master;

class TestMasterLink : public QObject, private MasterFixture
{
    Q_OBJECT

private:
    qint64 m_conv = 0;
    qint64 m_content = 0;
    qint64 m_comment = 0;
    qint64 m_peer = 0;

    template <typename F> Result<QJsonObject> call(F send) { return answerOf(send); }

    qint64 revision()
    {
        return inMaster([](Store &s) { return *s.revision(); });
    }

private slots:
    void init()
    {
        startMaster();
        if (QTest::currentTestFailed())
            return;
        Batch b = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"在吗？有货吗"_s, kT0 + 1000)},
                        {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-2"_s, u"好看"_s, kT0)});
        bool ok = false;
        m_master->runSync([&] { ok = bool(m_master->master()->ingest(u"test"_s, b)); });
        QVERIFY(ok);
        m_conv = inMaster([](Store &s) { return convId(s, u"conv-1"_s); });
        m_peer = inMaster([this](Store &s) { return conv(s, m_conv).peerUserId; });
        const Item c = inMaster([](Store &s) {
            auto a = s.accountByPlatformId(u"demo"_s, u"acc-1"_s);
            return *s.itemByPlatformId(a.value()->id, ItemKind::Comment, u"c1"_s).value();
        });
        m_comment = c.id;
        m_content = c.threadId;
        QVERIFY(m_conv && m_peer && m_comment && m_content);
    }

    void cleanup() { stopMaster(); }

    void readState()
    {
        using D = MasterLink::Done;
        QVERIFY(call([&](D d) { m_link->markUnread(m_conv, d); }));
        QVERIFY(inMaster([&](Store &s) { return conv(s, m_conv).markedUnread; }));
        QVERIFY(call([&](D d) { m_link->markRead(m_conv, d); }));
        QVERIFY(!inMaster([&](Store &s) { return conv(s, m_conv).markedUnread; }));
        QCOMPARE(inMaster([&](Store &s) { return conv(s, m_conv).unreadCount; }), 0);

        QVERIFY(call([&](D d) { m_link->markCommentsRead(m_content, d); }));
        QVERIFY(inMaster([&](Store &s) { return s.item(m_comment).value()->read; }));
        QVERIFY(call([&](D d) { m_link->markCommentsUnread({m_comment}, d); }));
        QVERIFY(!inMaster([&](Store &s) { return s.item(m_comment).value()->read; }));
        QVERIFY(call([&](D d) { m_link->markCommentsRead(m_content, d, {m_comment}); }));
        QVERIFY(inMaster([&](Store &s) { return s.item(m_comment).value()->read; }));
    }

    void flags()
    {
        using D = MasterLink::Done;
        QVERIFY(call([&](D d) { m_link->pin(m_conv, true, d); }));
        QVERIFY(inMaster([&](Store &s) { return conv(s, m_conv).pinned; }));
        QVERIFY(call([&](D d) { m_link->pin(m_conv, false, d); }));
        QVERIFY(!inMaster([&](Store &s) { return conv(s, m_conv).pinned; }));
        QVERIFY(call([&](D d) { m_link->archive(m_conv, true, d); }));
        QVERIFY(inMaster([&](Store &s) { return conv(s, m_conv).archived; }));
        QVERIFY(call([&](D d) { m_link->archive(m_conv, false, d); }));
        QVERIFY(!inMaster([&](Store &s) { return conv(s, m_conv).archived; }));
        const qint64 until = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        QVERIFY(call([&](D d) { m_link->mute(m_conv, until, d); }));
        QCOMPARE(inMaster([&](Store &s) { return conv(s, m_conv).mutedUntil; }), until);
        QVERIFY(call([&](D d) { m_link->unmute(m_conv, d); }));
        QCOMPARE(inMaster([&](Store &s) { return conv(s, m_conv).mutedUntil; }), 0);
        // A mute in the past is refused and changes nothing.
        const qint64 rev = revision();
        auto past = call([&](D d) { m_link->mute(m_conv, 1000, d); });
        QVERIFY(!past);
        QCOMPARE(past.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(revision(), rev);
        // A conversation that does not exist.
        auto missing = call([&](D d) { m_link->pin(424242, true, d); });
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void tags()
    {
        using D = MasterLink::Done;
        auto made = call([&](D d) { m_link->createTag(u"VIP"_s, u"#e0533d"_s, d); });
        QVERIFY(made);
        const qint64 tag = made->value(u"tag_id"_s).toInteger();
        QVERIFY(tag > 0);
        auto twice = call([&](D d) { m_link->createTag(u"VIP"_s, QString(), d); });
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, ErrorCode::Conflict);
        QVERIFY(call([&](D d) { m_link->updateTag(tag, u"重要客户"_s, u"#00aa00"_s, d); }));
        QCOMPARE(inMaster([](Store &s) { return s.tags()->first().name; }), u"重要客户"_s);
        QVERIFY(call([&](D d) { m_link->tag(m_conv, tag, d); }));
        QCOMPARE(inMaster([&](Store &s) { return conv(s, m_conv).tagIds; }), QList<qint64>{tag});
        QVERIFY(call([&](D d) { m_link->untag(m_conv, tag, d); }));
        QVERIFY(inMaster([&](Store &s) { return conv(s, m_conv).tagIds; }).isEmpty());
        QVERIFY(call([&](D d) { m_link->deleteTag(tag, d); }));
        QVERIFY(inMaster([](Store &s) { return s.tags()->isEmpty(); }));
    }

    void replies()
    {
        using D = MasterLink::Done;
        const QString id = MasterLink::newCommandId();
        auto first = call(
            [&](D d) { m_link->reply(MasterLink::ReplyTarget::conversation(m_conv), u"有的"_s, d, id); });
        QVERIFY(first);
        const qint64 item = first->value(u"item_id"_s).toInteger();
        QCOMPARE(inMaster([&](Store &s) { return int(s.item(item).value()->delivery); }),
                 int(Delivery::Pending));
        // The same command id again: the recorded result, no second reply.
        auto again = call(
            [&](D d) { m_link->reply(MasterLink::ReplyTarget::conversation(m_conv), u"有的"_s, d, id); });
        QVERIFY(again && again->value(u"repeated"_s).toBool());
        QCOMPARE(again->value(u"item_id"_s).toInteger(), item);
        QCOMPARE(inMaster([&](Store &s) { return s.thread(ItemKind::Message, m_conv)->items.size(); }), 2);

        auto under = call([&](D d) {
            m_link->reply(MasterLink::ReplyTarget::content(m_content, m_comment), u"谢谢"_s, d);
        });
        QVERIFY(under);
        const qint64 commentReply = under->value(u"item_id"_s).toInteger();
        QCOMPARE(inMaster([&](Store &s) { return s.item(commentReply).value()->parentId; }), m_comment);

        // Pending (no connector serves acc-1): a retry changes nothing but is no error.
        auto retry = call([&](D d) { m_link->retryReply(item, d); });
        QVERIFY(retry);
        QVERIFY(!retry->value(u"changed"_s).toBool());
        auto notReply = call([&](D d) { m_link->retryReply(m_comment, d); });
        QVERIFY(!notReply);
        QCOMPARE(notReply.error().code, ErrorCode::NotFound);

        QVERIFY(call([&](D d) { m_link->recall(commentReply, d); }));
        QVERIFY(inMaster([&](Store &s) { return s.item(commentReply).value()->recalled; }));
        QVERIFY(call([&](D d) { m_link->deleteItem(commentReply, d); }));
        QVERIFY(!inMaster([&](Store &s) { return s.item(commentReply).value().has_value(); }));
    }

    void readOnlyOps()
    {
        using D = MasterLink::Done;
        const qint64 rev = revision();
        store::SearchQuery q;
        q.text = u"有货"_s;
        q.kind = ItemKind::Message;
        q.direction = Direction::In;
        auto found = call([&](D d) { m_link->search(q, d); });
        QVERIFY(found);
        QCOMPARE(found->value(u"hits"_s).toArray().size(), 1);
        q.kind = ItemKind::Comment;
        found = call([&](D d) { m_link->search(q, d); });
        QVERIFY(found);
        QCOMPARE(found->value(u"hits"_s).toArray().size(), 0);

        auto one = call([&](D d) { m_link->userProfile(m_peer, d); });
        QVERIFY(one);
        QCOMPARE(one->value(u"user"_s).toObject().value(u"id"_s).toInteger(), m_peer);
        auto none = call([&](D d) { m_link->userProfile(424242, d); });
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::NotFound);
        auto many = call([&](D d) { m_link->userProfiles({m_peer, 424242}, d); });
        QVERIFY(many);
        QCOMPARE(many->value(u"users"_s).toArray().size(), 1);

        auto summary = call([&](D d) { m_link->unreadSummary(d); });
        QVERIFY(summary);
        QCOMPARE(summary->value(u"total"_s).toInteger(), 2); // the message and the comment

        auto full = call([&](D d) { m_link->status(true, d); });
        QVERIFY(full);
        QCOMPARE(full->value(u"counts"_s).toObject().value(u"messages"_s).toInteger(), 1);
        auto light = call([&](D d) { m_link->status(false, d); });
        QVERIFY(light && !light->contains(u"counts"_s) && light->contains(u"workers"_s));
        QCOMPARE(revision(), rev); // read-only ops changed nothing
    }

    // What the link announces comes from the commands it sent.
    void changesAreAnnounced()
    {
        QSignalSpy changed(m_link.get(), &MasterLink::changed);
        QVERIFY(call([&](MasterLink::Done d) { m_link->pin(m_conv, true, d); }));
        QTRY_VERIFY(!changed.isEmpty());
        QCOMPARE(changed.last().first().value<ChangeNotice>().conversationIds, QList<qint64>{m_conv});
    }
};

QTEST_GUILESS_MAIN(TestMasterLink)
#include "TestMasterLink.moc"
