// SPDX-License-Identifier: GPL-3.0-or-later
#include "MasterFixture.h"
#include "worker/DemoConnector.h"

#include <QJsonArray>
#include <QSignalSpy>

using namespace testutil;
using namespace hiscrm::master;

namespace {

// A platform that fails the first attempt of every reply and accepts the retry, like a flaky
// network; it serves one account.
class FlakyConnector : public worker::Connector
{
    Q_OBJECT

public:
    explicit FlakyConnector(QSet<QString> *seen)
        : m_seen(seen)
    {}
    QString id() const override { return u"flaky"_s; }
    QString platform() const override { return u"demo"_s; }
    QStringList accounts() const override { return {u"acc-1"_s}; }

public slots:
    void start() override { emit accountStatus(u"acc-1"_s, LoginState::LoggedIn, QString()); }
    void stop() override {}
    void sendReply(const worker::ReplyRequest &r) override
    {
        worker::ReplyResult result;
        result.itemId = r.itemId;
        // m_seen belongs to the test; only this connector's thread touches it while running.
        if (!m_seen->contains(r.commandId)) {
            m_seen->insert(r.commandId);
            result.error = u"网络超时，请重试"_s;
        } else {
            result.sent = true;
            result.platformId = u"sent-"_s + r.commandId;
        }
        emit replyFinished(result);
    }

private:
    QSet<QString> *m_seen;
};

// A connector the test speaks through: it serves acc-1 on demo and sends what the test makes it
// emit, from its own thread.
class ScriptedConnector : public worker::Connector
{
    Q_OBJECT

public:
    QString id() const override { return u"scripted"_s; }
    QString platform() const override { return u"demo"_s; }
    QStringList accounts() const override { return {u"acc-1"_s}; }

public slots:
    void start() override {}
    void stop() override {}
    void sendReply(const worker::ReplyRequest &) override {}
};

Result<QJsonObject> call(MasterLink &link, const QString &op, const QJsonObject &args, const QString &id = {})
{
    return answerOf([&](const MasterLink::Done &done) { link.command(op, args, done, id); });
}

} // namespace

class TestMaster : public QObject, private MasterFixture
{
    Q_OBJECT

private:
    void seed()
    {
        Batch b = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"在吗？"_s, kT0 + 1000),
                         dm(u"acc-1"_s, u"conv-1"_s, u"m2"_s, u"u-1"_s, u"这个有货吗"_s, kT0 + 2000)},
                        {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-2"_s, u"好看"_s, kT0)});
        bool ok = false;
        m_master->runSync([&] { ok = bool(m_master->master()->ingest(u"test"_s, b)); });
        QVERIFY(ok);
    }

    qint64 conv1()
    {
        return inMaster([](Store &s) { return convId(s, u"conv-1"_s); });
    }

private slots:
    void init() { startMaster(); }
    void cleanup() { stopMaster(); }

    void commandsChangeStateAndAnnounce()
    {
        seed();
        QSignalSpy changed(m_link.get(), &MasterLink::changed);
        auto r = call(*m_link, u"pin"_s, {{u"conversation_id"_s, conv1()}});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QVERIFY(r->value(u"changed"_s).toBool());
        QVERIFY(r->value(u"revision"_s).toInteger() > 0);
        QTRY_VERIFY(!changed.isEmpty());
        const auto notice = changed.last().first().value<ChangeNotice>();
        QCOMPARE(notice.conversationIds, QList<qint64>{conv1()});
        QVERIFY(inMaster([&](Store &s) { return conv(s, conv1()).pinned; }));

        auto read = call(*m_link, u"mark_read"_s, {{u"conversation_id"_s, conv1()}});
        QVERIFY(read);
        auto summary = call(*m_link, u"unread_summary"_s, {});
        QVERIFY(summary);
        QCOMPARE(summary->value(u"total"_s).toInteger(), 1); // the comment
        auto found = call(*m_link, u"search"_s, {{u"text"_s, u"有货"_s}});
        QVERIFY(found);
        QCOMPARE(found->value(u"hits"_s).toArray().size(), 1);
        // No text and a sender: everything that person wrote, newest first; no text alone: nothing.
        const qint64 fan =
            inMaster([](Store &s) { return s.userByPlatformId(u"demo"_s, u"u-1"_s).value()->id; });
        auto theirs = call(*m_link, u"search"_s, {{u"text"_s, u""_s}, {u"sender_id"_s, fan}});
        QVERIFY(theirs);
        const QJsonArray hits = theirs->value(u"hits"_s).toArray();
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits[0].toObject().value(u"text"_s).toString(), u"这个有货吗"_s);
        QCOMPARE(hits[1].toObject().value(u"text"_s).toString(), u"在吗？"_s);
        QCOMPARE(call(*m_link, u"search"_s, {{u"text"_s, u""_s}})->value(u"hits"_s).toArray().size(), 0);
        auto status = call(*m_link, u"status"_s, {});
        QVERIFY(status);
        QCOMPARE(status->value(u"counts"_s).toObject().value(u"messages"_s).toInteger(), 2);
        // Without the counts (what the desktop's status bar asks for), and a wrong type refused.
        auto light = call(*m_link, u"status"_s, {{u"counts"_s, false}});
        QVERIFY(light && !light->contains(u"counts"_s) && light->contains(u"workers"_s));
        QVERIFY(!call(*m_link, u"status"_s, {{u"counts"_s, u"no"_s}}));
    }

    // Batches committed together are announced together: one notice, at the last batch's revision,
    // naming each conversation once, so that devices get one push round for the commit.
    void batchesCommittedTogetherAreAnnouncedOnce()
    {
        seed();
        const Batch first = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m3"_s, u"u-1"_s, u"还在吗"_s, kT0 + 3000),
                                   dm(u"acc-1"_s, u"conv-2"_s, u"m4"_s, u"u-3"_s, u"你好"_s, kT0 + 3000)});
        const Batch again = first; // changes nothing: no revision of its own
        const Batch second = batch({dm(u"acc-1"_s, u"conv-2"_s, u"m5"_s, u"u-3"_s, u"在线吗"_s, kT0 + 4000),
                                    dm(u"acc-1"_s, u"conv-3"_s, u"m6"_s, u"u-4"_s, u"哈喽"_s, kT0 + 4000)});
        QCoreApplication::sendPostedEvents(); // seed's own notice, posted to this thread already
        QSignalSpy changed(m_link.get(), &MasterLink::changed);
        std::vector<Result<IngestResult>> results;
        m_master->runSync([&] {
            results = m_master->master()->ingestAll(u"test"_s, QList<const Batch *>{&first, &again, &second});
        });
        QCOMPARE(results.size(), size_t(3));
        QVERIFY(results[0] && results[1] && results[2]);
        QCOMPARE(results[1]->inserted, 0);
        // Every notice of the commit was posted to this thread before runSync returned.
        QCoreApplication::sendPostedEvents();
        QCOMPARE(changed.size(), 1);
        const auto notice = changed.first().first().value<ChangeNotice>();
        QCOMPARE(notice.revision, results[2]->revision);
        const QList<qint64> expected = inMaster([](Store &s) {
            QList<qint64> ids{convId(s, u"conv-1"_s), convId(s, u"conv-2"_s), convId(s, u"conv-3"_s)};
            std::sort(ids.begin(), ids.end());
            return ids;
        });
        QCOMPARE(notice.conversationIds, expected);
    }

    void repeatedCommandIdHasOneEffect()
    {
        seed();
        const qint64 c = conv1();
        auto a = call(*m_link, u"mark_unread"_s, {{u"conversation_id"_s, c}}, u"cmd-unread"_s);
        QVERIFY(a && a->value(u"changed"_s).toBool());
        QVERIFY(call(*m_link, u"mark_read"_s, {{u"conversation_id"_s, c}}, u"cmd-read"_s));
        // The first command arrives again (a client retrying after a lost answer): no second effect.
        auto again = call(*m_link, u"mark_unread"_s, {{u"conversation_id"_s, c}}, u"cmd-unread"_s);
        QVERIFY(again);
        QVERIFY(again->value(u"repeated"_s).toBool());
        QVERIFY(!inMaster([&](Store &s) { return conv(s, c).markedUnread; }));

        auto t1 = call(*m_link, u"create_tag"_s, {{u"name"_s, u"VIP"_s}}, u"cmd-tag"_s);
        auto t2 = call(*m_link, u"create_tag"_s, {{u"name"_s, u"VIP"_s}}, u"cmd-tag"_s);
        QVERIFY(t1 && t2);
        QCOMPARE(t2->value(u"tag_id"_s).toInteger(), t1->value(u"tag_id"_s).toInteger());
        auto t3 = call(*m_link, u"create_tag"_s, {{u"name"_s, u"VIP"_s}}, u"cmd-tag-2"_s);
        QVERIFY(!t3);
        QCOMPARE(t3.error().code, ErrorCode::Conflict);

        auto r1 =
            call(*m_link, u"reply"_s, {{u"conversation_id"_s, c}, {u"text"_s, u"有的"_s}}, u"cmd-reply"_s);
        auto r2 =
            call(*m_link, u"reply"_s, {{u"conversation_id"_s, c}, {u"text"_s, u"有的"_s}}, u"cmd-reply"_s);
        QVERIFY(r1 && r2);
        QCOMPARE(r2->value(u"item_id"_s).toInteger(), r1->value(u"item_id"_s).toInteger());
        QCOMPARE(inMaster([&](Store &s) { return s.thread(ItemKind::Message, c)->items.size(); }), 3);
    }

    void badCommandsChangeNothing_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QJsonObject>("args");
        QTest::addColumn<int>("code");
        const int invalid = int(ErrorCode::InvalidArgument);
        QTest::newRow("unknown op") << u"format_disk"_s << QJsonObject() << int(ErrorCode::NotFound);
        QTest::newRow("missing id") << u"pin"_s << QJsonObject() << invalid;
        QTest::newRow("id as text") << u"pin"_s << QJsonObject{{u"conversation_id"_s, u"1"_s}} << invalid;
        QTest::newRow("fractional id") << u"pin"_s << QJsonObject{{u"conversation_id"_s, 1.5}} << invalid;
        QTest::newRow("id 1e300") << u"pin"_s << QJsonObject{{u"conversation_id"_s, 1e300}} << invalid;
        QTest::newRow("id 2^53") << u"pin"_s << QJsonObject{{u"conversation_id"_s, 9007199254740992.0}}
                                 << invalid;
        QTest::newRow("id 0") << u"archive"_s << QJsonObject{{u"conversation_id"_s, 0}} << invalid;
        QTest::newRow("ids with 1e300")
            << u"mark_comments_unread"_s << QJsonObject{{u"comment_ids"_s, QJsonArray{1, 1e300}}} << invalid;
        QTest::newRow("mute until 1e300")
            << u"mute"_s << QJsonObject{{u"conversation_id"_s, 1}, {u"until"_s, 1e300}} << invalid;
        QTest::newRow("no such conversation")
            << u"archive"_s << QJsonObject{{u"conversation_id"_s, 424242}} << int(ErrorCode::NotFound);
        QTest::newRow("mute in the past")
            << u"mute"_s << QJsonObject{{u"conversation_id"_s, 1}, {u"until"_s, 1000}} << invalid;
        QTest::newRow("reply to both")
            << u"reply"_s << QJsonObject{{u"conversation_id"_s, 1}, {u"content_id"_s, 1}, {u"text"_s, u"x"_s}}
            << invalid;
        QTest::newRow("reply without text")
            << u"reply"_s << QJsonObject{{u"conversation_id"_s, 1}} << invalid;
        QTest::newRow("search with a bad order")
            << u"search"_s << QJsonObject{{u"text"_s, u"x"_s}, {u"order"_s, u"random"_s}} << invalid;
        QTest::newRow("ids not a list")
            << u"mark_comments_unread"_s << QJsonObject{{u"comment_ids"_s, 5}} << invalid;
        QTest::newRow("user_profile without id") << u"user_profile"_s << QJsonObject() << invalid;
        // Half a surrogate pair would be stored as "?" (two tag names would become one, a reply
        // would go out altered): refused like any invalid argument.
        QTest::newRow("tag name with half a surrogate pair")
            << u"create_tag"_s << QJsonObject{{u"name"_s, u"VIP"_s + QChar(0xD83D)}} << invalid;
        QTest::newRow("reply with half a surrogate pair")
            << u"reply"_s << QJsonObject{{u"conversation_id"_s, 1}, {u"text"_s, QChar(0xDE00) + u"ok"_s}}
            << invalid;
    }

    void badCommandsChangeNothing()
    {
        QFETCH(QString, op);
        QFETCH(QJsonObject, args);
        QFETCH(int, code);
        seed();
        const qint64 rev = inMaster([](Store &s) { return *s.revision(); });
        auto r = call(*m_link, op, args, u"bad-1"_s);
        QVERIFY(!r);
        QCOMPARE(int(r.error().code), code);
        QVERIFY(!r.error().message.isEmpty());
        QCOMPARE(inMaster([](Store &s) { return *s.revision(); }), rev);
    }

    void replyPendingFailedRetrySent()
    {
        seed();
        const qint64 c = conv1();
        QSet<QString> seen;
        m_master->runSync([&] {
            m_master->workers()->setBackoff(20, 100);
            m_master->workers()->add([&seen] { return std::make_unique<FlakyConnector>(&seen); });
        });
        auto r = call(*m_link, u"reply"_s, {{u"conversation_id"_s, c}, {u"text"_s, u"今天发货"_s}});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        const qint64 item = r->value(u"item_id"_s).toInteger();
        // The first attempt fails with the platform's reason...
        QTRY_VERIFY_WITH_TIMEOUT(
            inMaster([&](Store &s) { return s.item(item).value()->delivery == Delivery::Failed; }), 10000);
        QCOMPARE(inMaster([&](Store &s) { return s.item(item).value()->error; }), u"网络超时，请重试"_s);
        // ...and the retry goes out.
        QVERIFY(call(*m_link, u"retry_reply"_s, {{u"item_id"_s, item}}));
        QTRY_VERIFY_WITH_TIMEOUT(
            inMaster([&](Store &s) { return s.item(item).value()->delivery == Delivery::Sent; }), 10000);
        QVERIFY(inMaster([&](Store &s) { return s.item(item).value()->platformId.startsWith(u"sent-"_s); }));
        auto again = call(*m_link, u"retry_reply"_s, {{u"item_id"_s, item}});
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
    }

    void replyWaitsForItsConnector()
    {
        seed();
        const qint64 c = conv1();
        // No connector serves acc-1 yet: the reply stays pending.
        auto r = call(*m_link, u"reply"_s, {{u"conversation_id"_s, c}, {u"text"_s, u"稍等"_s}}, u"early"_s);
        QVERIFY(r);
        const qint64 item = r->value(u"item_id"_s).toInteger();
        QSet<QString> seen{u"early"_s}; // this connector accepts at the first attempt
        QCOMPARE(inMaster([&](Store &s) { return int(s.item(item).value()->delivery); }),
                 int(Delivery::Pending));
        m_master->runSync(
            [&] { m_master->workers()->add([&seen] { return std::make_unique<FlakyConnector>(&seen); }); });
        QTRY_VERIFY_WITH_TIMEOUT(
            inMaster([&](Store &s) { return s.item(item).value()->delivery == Delivery::Sent; }), 10000);
        auto status = call(*m_link, u"status"_s, {});
        QVERIFY(status);
        const QJsonArray workers = status->value(u"workers"_s).toArray();
        QCOMPARE(workers.size(), 1);
        QCOMPARE(workers.first().toObject().value(u"id"_s).toString(), u"flaky"_s);
    }

    // The ownership policy holds for in-process connectors as for external workers: a connector
    // speaks only for the accounts it serves, and what it says of others changes nothing.
    void connectorSpeaksOnlyForItsAccounts()
    {
        seed();
        Batch other = batch({dm(u"acc-2"_s, u"conv-2"_s, u"o1"_s, u"u-3"_s, u"别家的"_s, kT0 + 3000)});
        bool ok = false;
        m_master->runSync([&] { ok = bool(m_master->master()->ingest(u"test"_s, other)); });
        QVERIFY(ok);
        const qint64 conv2 = inMaster([](Store &s) { return convId(s, u"conv-2"_s, u"acc-2"_s); });
        auto reply = call(*m_link, u"reply"_s, {{u"conversation_id"_s, conv2}, {u"text"_s, u"稍等"_s}});
        QVERIFY(reply);
        const qint64 foreignReply = reply->value(u"item_id"_s).toInteger();

        ScriptedConnector *connector = nullptr;
        m_master->runSync([&] {
            m_master->workers()->add([&connector] {
                auto c = std::make_unique<ScriptedConnector>();
                connector = c.get();
                return c;
            });
        });
        QVERIFY(connector);
        const auto inConnector = [connector](std::function<void(ScriptedConnector *)> fn) {
            QMetaObject::invokeMethod(
                connector, [connector, fn] { fn(connector); }, Qt::QueuedConnection);
        };
        const auto hostStatus = [this] {
            QList<worker::ConnectorStatus> st;
            m_master->runSync([&] { st = m_master->workers()->status(); });
            return st.value(0);
        };
        QTRY_VERIFY(hostStatus().state == worker::ConnectorStatus::State::Running);
        const qint64 rev = inMaster([](Store &s) { return *s.revision(); });

        // The login state and a reply result of acc-2, then a batch naming acc-2 and one for another
        // platform: in this order, so that when the second batch is refused everything was heard.
        inConnector([](ScriptedConnector *c) {
            emit c->accountStatus(u"acc-2"_s, LoginState::LoggedOut, QString());
        });
        inConnector([foreignReply](ScriptedConnector *c) {
            worker::ReplyResult r;
            r.itemId = foreignReply;
            r.sent = true;
            r.platformId = u"p-1"_s;
            emit c->replyFinished(r);
        });
        Batch foreign = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m3"_s, u"u-1"_s, u"mine"_s, kT0 + 4000),
                               dm(u"acc-2"_s, u"conv-2"_s, u"o2"_s, u"u-3"_s, u"not mine"_s, kT0 + 4000)});
        inConnector([foreign](ScriptedConnector *c) { emit c->batchReady(1, foreign); });
        Batch elsewhere = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m4"_s, u"u-1"_s, u"hi"_s, kT0 + 5000)});
        elsewhere.platform = u"douyin"_s;
        inConnector([elsewhere](ScriptedConnector *c) { emit c->batchReady(2, elsewhere); });

        QTRY_COMPARE(hostStatus().errors, quint64(2));
        QVERIFY2(hostStatus().lastError.contains(u"platform douyin"_s), qPrintable(hostStatus().lastError));
        QCOMPARE(hostStatus().batches, quint64(0));
        QCOMPARE(inMaster([](Store &s) { return *s.revision(); }), rev); // nothing changed
        QCOMPARE(inMaster([&](Store &s) { return int(s.item(foreignReply).value()->delivery); }),
                 int(Delivery::Pending));
        QCOMPARE(inMaster([](Store &s) {
                     return int(s.accountByPlatformId(u"demo"_s, u"acc-2"_s).value()->loginState);
                 }),
                 int(LoginState::Unknown));
        QCOMPARE(inMaster([](Store &s) {
                     return s.thread(ItemKind::Message, convId(s, u"conv-1"_s))->items.size();
                 }),
                 2); // not even the record of its own account in the refused batch

        // What it may say is heard.
        Batch own = batch({dm(u"acc-1"_s, u"conv-1"_s, u"m3"_s, u"u-1"_s, u"mine"_s, kT0 + 4000)});
        inConnector([own](ScriptedConnector *c) { emit c->batchReady(3, own); });
        QTRY_COMPARE(hostStatus().batches, quint64(1));
        QCOMPARE(inMaster([](Store &s) {
                     return s.thread(ItemKind::Message, convId(s, u"conv-1"_s))->items.size();
                 }),
                 3);
    }

    void demoConnectorFeedsTheMaster()
    {
        m_master->runSync([&] {
            m_master->workers()->add([] {
                worker::DemoConnector::Options d;
                d.itemsPerSecond = 500;
                d.maxItems = 300;
                d.generator.users = 100;
                d.generator.conversations = 30;
                return std::make_unique<worker::DemoConnector>(d);
            });
        });
        QTRY_VERIFY_WITH_TIMEOUT(inMaster([](Store &s) {
                                     auto c = s.counts();
                                     return c->value(u"messages"_s).toInteger() +
                                            c->value(u"comments"_s).toInteger();
                                 }) >= 300,
                                 20000);
        const QJsonObject status = m_master->master() ? QJsonObject() : QJsonObject();
        Q_UNUSED(status);
        auto st = call(*m_link, u"status"_s, {});
        QVERIFY(st);
        const QJsonObject w = st->value(u"workers"_s).toArray().first().toObject();
        QCOMPARE(w.value(u"state"_s).toString(), u"running"_s);
        QVERIFY(w.value(u"messages"_s).toInteger() >= 300);
        QVERIFY(st->value(u"uptime_s"_s).toInteger() >= 0);
    }
};

QTEST_GUILESS_MAIN(TestMaster)
#include "TestMaster.moc"
