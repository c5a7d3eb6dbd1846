// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoFixtures.h"
#include "StoreFixtures.h"
#include "TestUtil.h"

#include "demo/Corpus.h"
#include "worker/DemoConnector.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSignalSpy>

#include <algorithm>
#include <optional>

using namespace testutil;
using demofixtures::compareBatches;
using demofixtures::demoReply;
using hiscrm::worker::DemoConnector;
using hiscrm::worker::ReplyRequest;
using hiscrm::worker::ReplyResult;

namespace {

DemoConnector::Options smallOptions(std::uint64_t seed)
{
    DemoConnector::Options o;
    o.generator = {.seed = seed, .accounts = 3, .users = 300, .conversations = 120, .contents = 8};
    // High enough that a few dozen batches certainly hold both kinds of change.
    o.editShare = 0.05;
    o.recallShare = 0.03;
    o.replyLatencyMs = 5;
    return o;
}

// Varied sizes, so that edits are drawn across batch boundaries of every kind.
int batchSize(int n)
{
    static const int sizes[] = {20, 1, 35, 0, 12, 50, 7, 20};
    return sizes[n % int(std::size(sizes))];
}

QString errorOf(const Result<IngestResult> &r)
{
    return r ? QString() : r.error().message;
}

qint64 accountRowId(Store &s, const QString &platformId)
{
    auto a = s.accountByPlatformId(u"demo"_s, platformId);
    return a && a.value() ? a.value()->id : 0;
}

std::optional<Item> storedItem(Store &s, const QString &account, ItemKind kind, const QString &platformId)
{
    auto it = s.itemByPlatformId(accountRowId(s, account), kind, platformId);
    return it ? it.value() : std::nullopt;
}

ReplyResult takeResult(QSignalSpy &spy)
{
    return spy.takeFirst().at(0).value<ReplyResult>();
}

} // namespace

class TestDemoConnector : public QObject
{
    Q_OBJECT

private:
    FreshStores m_stores;
    std::unique_ptr<Store> freshStore() { return m_stores.open(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_stores.isValid());
        qRegisterMetaType<Batch>();
        qRegisterMetaType<ReplyResult>();
        qRegisterMetaType<LoginState>();
    }

    void accountsAreTheGeneratorsAccounts()
    {
        DemoConnector c(smallOptions(1));
        QCOMPARE(c.accounts(), (QStringList{u"acc-0"_s, u"acc-1"_s, u"acc-2"_s}));
        QCOMPARE(c.platform(), u"demo"_s);
        QCOMPARE(c.id(), u"demo-1"_s);
    }

    void firstBatchIsTheDirectoryWithTheFirstItems()
    {
        DemoConnector c(smallOptions(1));
        const Batch first = c.nextBatch(10);
        QCOMPARE(first.accounts.size(), 3);
        QCOMPARE(first.users.size(), 300);
        QCOMPARE(first.contents.size(), 8);
        QCOMPARE(first.conversations.size(), 120);
        QCOMPARE(first.messages.size() + first.comments.size(), 10);

        const Batch second = c.nextBatch(10);
        QVERIFY(second.users.size() < 300); // only those the items need
        QVERIFY(second.messages.size() + second.comments.size() >= 10);
    }

    void sameSeedGivesTheSameBatches()
    {
        DemoConnector a(smallOptions(7));
        DemoConnector b(smallOptions(7));
        for (int n = 0; n < 60; ++n) {
            compareBatches(a.nextBatch(batchSize(n)), b.nextBatch(batchSize(n)));
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(u"batch %1 differs"_s.arg(n)));
        }
    }

    void differentSeedGivesDifferentBatches()
    {
        DemoConnector a(smallOptions(7));
        DemoConnector b(smallOptions(8));
        a.nextBatch(0);
        b.nextBatch(0);
        QStringList textsA, textsB;
        for (int n = 0; n < 5; ++n) {
            const Batch x = a.nextBatch(20);
            const Batch y = b.nextBatch(20);
            for (const MessageRecord &m : x.messages)
                textsA << m.conversationId + u':' + m.text;
            for (const MessageRecord &m : y.messages)
                textsB << m.conversationId + u':' + m.text;
        }
        QVERIFY(!textsA.isEmpty());
        QVERIFY(textsA != textsB);
    }

    // The live demo (the app's) never has an account send a fan's words, nor title its video with
    // them; the benchmark's keeps its more varied mix.
    void liveDemoAccountsWriteWhatOperatorsWrite()
    {
        const QStringList stock = hiscrm::demo::Corpus::agentReplies();
        const QStringList titles = hiscrm::demo::Corpus::videoTitles();
        struct Own
        {
            QStringList texts, titles;
            QHash<QString, QString> titleOf; // video id → its title
        };
        const auto ownWords = [](DemoConnector &c) {
            Own out;
            for (int n = 0; n < 40; ++n) {
                const Batch b = c.nextBatch(50);
                for (const MessageRecord &m : b.messages) {
                    if (m.direction == Direction::Out && m.type == MessageType::Text)
                        out.texts << m.text;
                }
                for (const ContentRecord &v : b.contents) {
                    out.titles << v.title.section(u" #"_s, 0, 0); // without its hashtag
                    out.titleOf.insert(v.platformId, out.titles.last());
                }
            }
            return out;
        };
        const auto notIn = [](const QStringList &lines, const QStringList &set) {
            return std::any_of(lines.begin(), lines.end(),
                               [&set](const QString &t) { return !set.contains(t); });
        };
        DemoConnector::Options o = smallOptions(4);
        DemoConnector mixed(o);
        const Own mixedWords = ownWords(mixed);
        QVERIFY(notIn(mixedWords.texts, stock));
        QVERIFY(notIn(mixedWords.titles, titles));

        o.live = true;
        DemoConnector live(o);
        const Own liveWords = ownWords(live);
        QVERIFY(liveWords.texts.size() > 100);
        QVERIFY(!liveWords.titles.isEmpty());
        // An edit may add to a stock reply or retype another.
        for (QString t : liveWords.texts) {
            for (const QString &suffix : {u"（已编辑）"_s, u"，麻烦尽快回复"_s}) {
                while (t.endsWith(suffix))
                    t.chop(suffix.size());
            }
            QVERIFY2(stock.contains(t), qPrintable(t));
        }
        for (const QString &t : liveWords.titles)
            QVERIFY2(titles.contains(t), qPrintable(t));
        // Every video its own title.
        const QStringList videoTitles = liveWords.titleOf.values();
        QCOMPARE(QSet<QString>(videoTitles.begin(), videoTitles.end()).size(), videoTitles.size());
    }

    // A live demo started again goes on in the same chats with new messages (a start's own seed),
    // not the last start's messages over again; its backlog comes on the first start only.
    void liveDemoStartedAgainBringsNewMessages()
    {
        const auto firstTexts = [](DemoConnector &c, Batch *directory) {
            *directory = c.nextBatch(0);
            QStringList out;
            for (int n = 0; n < 5; ++n) {
                for (const MessageRecord &m : c.nextBatch(40).messages)
                    out << m.conversationId + u':' + m.text;
            }
            return out;
        };
        DemoConnector::Options o = smallOptions(6);
        o.live = true;
        Batch dirA, dirB, dirC;
        DemoConnector a(o);
        const QStringList textsA = firstTexts(a, &dirA);
        // The next start comes at a later millisecond.
        const qint64 started = QDateTime::currentMSecsSinceEpoch();
        while (QDateTime::currentMSecsSinceEpoch() == started) {
        }
        DemoConnector b(o);
        const QStringList textsB = firstTexts(b, &dirB);
        QVERIFY(textsA != textsB);
        QCOMPARE(dirA.accounts, dirB.accounts);
        QCOMPARE(dirA.users, dirB.users);
        QCOMPARE(dirA.conversations, dirB.conversations);
        QCOMPARE(dirA.contents, dirB.contents);
        // A seed given is kept: the same messages.
        o.generator.itemSeed = 99;
        DemoConnector c(o), d(o);
        const QStringList textsC = firstTexts(c, &dirC);
        QCOMPARE(firstTexts(d, &dirB), textsC);

        Account demoAccount;
        demoAccount.platform = u"demo"_s;
        Account other;
        other.platform = u"douyin"_s;
        QCOMPARE(DemoConnector::initialBacklogFor({}, 400), 400);
        QCOMPARE(DemoConnector::initialBacklogFor({other}, 400), 400);
        QCOMPARE(DemoConnector::initialBacklogFor({other, demoAccount}, 400), 0);
    }

    void editsAndRecallsReachTheStoreAsHistory()
    {
        auto store = freshStore();
        QVERIFY(store);
        DemoConnector c(smallOptions(3));

        struct Change
        {
            QString account;
            ItemKind kind;
            QString platformId;
            QString text;
            bool recalled;
        };
        QHash<QString, QString> lastText; // platform id -> text last reported
        QList<Change> changes;
        // Messages and comments alike: an item reported again is an edit (its text differs) or a
        // recall. Check QTest::currentTestFailed() after a call.
        const auto observe = [&](const auto &records, ItemKind kind) {
            for (const auto &r : records) {
                if (lastText.contains(r.platformId)) {
                    if (!r.recalled)
                        QVERIFY2(r.text != lastText.value(r.platformId), qPrintable(r.platformId));
                    changes.append({r.accountId, kind, r.platformId, r.text, r.recalled});
                }
                lastText.insert(r.platformId, r.text);
            }
        };
        for (int n = 0; n < 50; ++n) {
            const Batch b = c.nextBatch(batchSize(n));
            observe(b.messages, ItemKind::Message);
            if (QTest::currentTestFailed())
                return;
            observe(b.comments, ItemKind::Comment);
            if (QTest::currentTestFailed())
                return;
            const auto r = store->ingest(b);
            QVERIFY2(r, qPrintable(errorOf(r)));
        }

        int edits = 0, recalls = 0;
        QSet<QString> recalledIds;
        for (const Change &ch : changes) {
            if (ch.recalled)
                recalledIds.insert(ch.platformId);
        }
        for (const Change &ch : changes) {
            const std::optional<Item> item = storedItem(*store, ch.account, ch.kind, ch.platformId);
            QVERIFY2(item, qPrintable(ch.platformId));
            const auto history = store->history(item->id);
            QVERIFY(history);
            QVERIFY2(!history->isEmpty(), qPrintable(ch.platformId));
            if (ch.recalled) {
                ++recalls;
                QVERIFY(item->recalled);
                QVERIFY(std::any_of(history->cbegin(), history->cend(),
                                    [](const ItemHistory &h) { return h.recall; }));
            } else {
                ++edits;
                QVERIFY(std::any_of(history->cbegin(), history->cend(),
                                    [](const ItemHistory &h) { return !h.recall; }));
                if (!recalledIds.contains(ch.platformId)) {
                    QVERIFY(item->editedAt > 0);
                    // A later edit of the same item supersedes this text.
                    if (lastText.value(ch.platformId) == ch.text)
                        QCOMPARE(item->text, ch.text);
                }
            }
        }
        QVERIFY2(edits > 0, "no edits in 50 batches");
        QVERIFY2(recalls > 0, "no recalls in 50 batches");
    }

    void ingestingABatchTwiceChangesNothing()
    {
        auto store = freshStore();
        QVERIFY(store);
        DemoConnector c(smallOptions(5));
        bool sawChanges = false;
        for (int n = 0; n < 30; ++n) {
            const Batch b = c.nextBatch(batchSize(n));
            const auto first = store->ingest(b);
            QVERIFY2(first, qPrintable(errorOf(first)));
            sawChanges = sawChanges || first->updated > 0;
            const auto again = store->ingest(b);
            QVERIFY2(again, qPrintable(errorOf(again)));
            QCOMPARE(again->inserted, 0);
            QCOMPARE(again->updated, 0);
            QCOMPARE(again->revision, first->revision);
        }
        QVERIFY2(sawChanges, "no batch held an edit or a recall");
    }

    void replyMarkedFailFailsWithAReason()
    {
        DemoConnector c(smallOptions(1));
        QSignalSpy results(&c, &DemoConnector::replyFinished);
        c.sendReply(demoReply(41, u"抱歉 #fail"_s));
        QVERIFY(results.wait(5000));
        const ReplyResult r = takeResult(results);
        QCOMPARE(r.itemId, qint64(41));
        QVERIFY(!r.sent);
        QVERIFY(r.platformId.isEmpty());
        QVERIFY(!r.error.isEmpty());
    }

    void replyMarkedOkIsSentAndShowsUpAsOutgoing()
    {
        auto store = freshStore();
        QVERIFY(store);
        DemoConnector c(smallOptions(1));
        QVERIFY(store->ingest(c.nextBatch(5)));
        QSignalSpy results(&c, &DemoConnector::replyFinished);
        QSignalSpy batches(&c, &DemoConnector::batchReady);

        c.sendReply(demoReply(42, u"亲，已发货 #ok"_s));
        QVERIFY(results.wait(5000));
        const ReplyResult r = takeResult(results);
        QCOMPARE(r.itemId, qint64(42));
        QVERIFY(r.sent);
        QVERIFY(r.error.isEmpty());
        QVERIFY(r.platformId.startsWith(u"demo-reply-"_s));

        QTRY_VERIFY_WITH_TIMEOUT(!batches.isEmpty(), 5000);
        std::optional<MessageRecord> echo;
        for (const QList<QVariant> &args : std::as_const(batches)) {
            for (const MessageRecord &m : args.at(1).value<Batch>().messages) {
                if (m.platformId == r.platformId)
                    echo = m;
            }
        }
        QVERIFY(echo);
        QVERIFY(echo->direction == Direction::Out);
        QCOMPARE(echo->text, u"亲，已发货 #ok"_s);
        QCOMPARE(echo->conversationId, u"conv-0"_s);
        QCOMPARE(echo->accountId, u"acc-0"_s);

        for (const QList<QVariant> &args : std::as_const(batches))
            QVERIFY(store->ingest(args.at(1).value<Batch>()));
        const std::optional<Item> item = storedItem(*store, u"acc-0"_s, ItemKind::Message, r.platformId);
        QVERIFY(item);
        QVERIFY(item->direction == Direction::Out);
        QCOMPARE(item->threadId, convId(*store, u"conv-0"_s, u"acc-0"_s));
    }

    void commentReplyShowsUpAsOwnComment()
    {
        DemoConnector c(smallOptions(1));
        c.nextBatch(0);
        QSignalSpy results(&c, &DemoConnector::replyFinished);
        QSignalSpy batches(&c, &DemoConnector::batchReady);
        ReplyRequest req = demoReply(43, u"谢谢支持 #ok"_s);
        req.kind = ItemKind::Comment;
        req.threadId = u"vid-0"_s;
        req.parentId = u"c-1"_s;
        c.sendReply(req);
        QVERIFY(results.wait(5000));
        const ReplyResult r = takeResult(results);
        QVERIFY(r.sent);
        QTRY_VERIFY_WITH_TIMEOUT(!batches.isEmpty(), 5000);
        const Batch b = batches.takeFirst().at(1).value<Batch>();
        QCOMPARE(b.comments.size(), 1);
        QCOMPARE(b.comments[0].platformId, r.platformId);
        QCOMPARE(b.comments[0].authorId, u"acc-0"_s);
        QCOMPARE(b.comments[0].parentId, u"c-1"_s);
        QCOMPARE(b.comments[0].contentId, u"vid-0"_s);
    }

    void successiveRepliesGetDistinctPlatformIds()
    {
        DemoConnector c(smallOptions(1));
        QSignalSpy results(&c, &DemoConnector::replyFinished);
        c.sendReply(demoReply(1, u"one #ok"_s));
        c.sendReply(demoReply(2, u"two #ok"_s));
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 2, 5000);
        const ReplyResult a = takeResult(results);
        const ReplyResult b = takeResult(results);
        QVERIFY(a.sent && b.sent);
        QVERIFY(a.platformId != b.platformId);
    }

    void replyFromAnUnknownAccountFails()
    {
        DemoConnector c(smallOptions(1));
        QSignalSpy results(&c, &DemoConnector::replyFinished);
        ReplyRequest req = demoReply(44, u"hello #ok"_s);
        req.accountId = u"acc-99"_s;
        c.sendReply(req);
        QVERIFY(results.wait(5000));
        const ReplyResult r = takeResult(results);
        QVERIFY(!r.sent);
        QVERIFY(!r.error.isEmpty());
    }

    void stopAnswersRepliesStillInFlight()
    {
        DemoConnector::Options o = smallOptions(1);
        o.replyLatencyMs = 60000;
        DemoConnector c(o);
        QSignalSpy results(&c, &DemoConnector::replyFinished);
        c.sendReply(demoReply(45, u"later #ok"_s));
        QVERIFY(results.isEmpty());
        c.stop();
        QCOMPARE(results.size(), 1);
        const ReplyResult r = takeResult(results);
        QCOMPARE(r.itemId, qint64(45));
        QVERIFY(!r.sent);
        QVERIFY(!r.error.isEmpty());
    }

    void runningConnectorSendsDirectoryLoginsThenItemsUpToMaxItems()
    {
        DemoConnector::Options o = smallOptions(2);
        o.itemsPerSecond = 2000;
        o.maxBatch = 50;
        o.maxItems = 300;
        DemoConnector c(o);
        QSignalSpy batches(&c, &DemoConnector::batchReady);
        QSignalSpy logins(&c, &DemoConnector::accountStatus);
        c.start();
        // Synchronously: the directory, then every account logged in.
        QCOMPARE(batches.size(), 1);
        QCOMPARE(batches.at(0).at(1).value<Batch>().accounts.size(), 3);
        QCOMPARE(logins.size(), 3);
        for (const QList<QVariant> &args : std::as_const(logins))
            QVERIFY(args.at(1).value<LoginState>() == LoginState::LoggedIn);

        // Fresh items are those not seen before; edits and recalls re-send earlier ones.
        auto freshItems = [&] {
            QSet<QString> seen;
            for (const QList<QVariant> &args : std::as_const(batches)) {
                const Batch b = args.at(1).value<Batch>();
                for (const MessageRecord &m : b.messages)
                    seen.insert(m.platformId);
                for (const CommentRecord &cm : b.comments)
                    seen.insert(cm.platformId);
            }
            return seen.size();
        };
        QTRY_COMPARE_WITH_TIMEOUT(freshItems(), qsizetype(300), 10000);

        QSet<QString> seen;
        quint64 expectedSeq = 0;
        for (const QList<QVariant> &args : std::as_const(batches)) {
            QCOMPARE(args.at(0).value<quint64>(), ++expectedSeq);
            const Batch b = args.at(1).value<Batch>();
            int fresh = 0;
            for (const MessageRecord &m : b.messages)
                fresh += seen.contains(m.platformId) ? 0 : 1;
            for (const CommentRecord &cm : b.comments)
                fresh += seen.contains(cm.platformId) ? 0 : 1;
            QVERIFY(fresh <= 50);
            for (const MessageRecord &m : b.messages)
                seen.insert(m.platformId);
            for (const CommentRecord &cm : b.comments)
                seen.insert(cm.platformId);
        }
        c.stop();
    }
};

QTEST_GUILESS_MAIN(TestDemoConnector)
#include "TestDemoConnector.moc"
