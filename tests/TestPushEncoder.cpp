// SPDX-License-Identifier: GPL-3.0-or-later
// A push round (PushEncoder::read) against the change feed read scope by scope: every scope of a
// round receives exactly the changes it may see, each once and in order, whatever the other scopes
// of the round are (one account, several, every account, an account with no rows), for rows of
// one account, profiles seen in several, tags (everyone's) and deletions.

#include "TestUtil.h"
#include "master/PushEncoder.h"

#include <QJsonArray>
#include <QJsonDocument>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace testutil;
using hiscrm::master::PushEncoder;
using hiscrm::master::PushFeed;

namespace {

// The payload of a server's (unmasked) WebSocket frame.
QByteArray payloadOf(const QByteArray &frame)
{
    const int length = quint8(frame.at(1)) & 0x7f;
    const int header = length < 126 ? 2 : length == 126 ? 4 : 10;
    return frame.mid(header);
}

// "rev entity id" of each change, as a scope receives or reads them.
QStringList describe(const QJsonArray &changes)
{
    QStringList out;
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        out << u"%1 %2 %3"_s.arg(c.value(u"rev"_s).toInteger())
                   .arg(c.value(u"entity"_s).toString())
                   .arg(c.value(u"id"_s).toInteger());
    }
    return out;
}

} // namespace

class TestPushEncoder : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir; // each test's own

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void everyScopeGetsWhatItMaySee()
    {
        const QString path = m_dir->filePath(u"m.db"_s);
        auto store = openStore(path);
        QVERIFY(store);
        for (const QString &account : {u"acc-1"_s, u"acc-2"_s, u"acc-3"_s}) {
            QList<MessageRecord> ms;
            for (int i = 0; i < 20; ++i)
                ms << dm(account, account + u"-conv-"_s + QString::number(i % 4),
                         account + u"-m"_s + QString::number(i),
                         account + u"-fan-"_s + QString::number(i % 4), u"你好 %1"_s.arg(i), kT0 + i);
            QVERIFY(store->ingest(batch(ms)));
        }
        // A fan seen in two accounts: the profile is theirs both.
        QVERIFY(store->ingest(batch({dm(u"acc-1"_s, u"s1"_s, u"s1-m"_s, u"shared"_s, u"一"_s, kT0 + 100),
                                     dm(u"acc-2"_s, u"s2"_s, u"s2-m"_s, u"shared"_s, u"二"_s, kT0 + 101)})));
        // A tag is everyone's; a deleted message keeps its account.
        auto tag = store->createTag(u"VIP"_s, u"#d04040"_s);
        QVERIFY(tag);
        const qint64 c1 = convId(*store, u"acc-1-conv-1"_s);
        QVERIFY(store->tagConversation(c1, tag->tagId));
        const auto page = store->thread(ItemKind::Message, c1, 1);
        QVERIFY(page && !page->items.isEmpty());
        QVERIFY(store->deleteItem(page->items.first().id));
        const qint64 middle = store->revision().value() / 2;
        QVERIFY(
            store->ingest(batch({dm(u"acc-3"_s, u"late"_s, u"late-m"_s, u"shared"_s, u"三"_s, kT0 + 200)})));

        QList<qint64> ids;
        for (const QString &account : {u"acc-1"_s, u"acc-2"_s, u"acc-3"_s})
            ids << store->accountByPlatformId(u"demo"_s, account).value()->id;
        const auto scope = [](QList<qint64> accounts) {
            std::sort(accounts.begin(), accounts.end());
            return AccountScope{accounts};
        };
        QList<PushFeed> feeds{
            {u"one"_s, scope({ids[0]}), 0, 0},
            {u"other"_s, scope({ids[1]}), 0, 0},
            {u"two"_s, scope({ids[1], ids[0]}), 0, 0},
            {u"third"_s, scope({ids[2]}), 0, 0},
            {u"all"_s, AccountScope{}, 0, 0},
            {u"none"_s, scope({ids[2] + 1000}), 0, 0},
            {u"two, later"_s, scope({ids[0], ids[1]}), middle, middle},
        };

        auto reader = testutil::openStore(path, Store::Options{Store::Access::ReadOnly});
        QVERIFY(reader);
        const hiscrm::master::PushRound round = PushEncoder::read(*reader, feeds);
        QVERIFY2(round.error.isEmpty(), qPrintable(round.error));
        QCOMPARE(round.to, store->revision().value());
        QCOMPARE(round.feeds.size(), feeds.size());

        int tags = 0;
        int deletions = 0;
        int sharedProfile = 0;
        for (const auto &made : round.feeds) {
            // What the scope may see, read for it alone.
            QJsonArray expected;
            for (qint64 since = made.feed.scanned;;) {
                const auto page = reader->changesFor(since, 1000, [&](const ChangeAccounts &owners) {
                    return owners.visibleTo(made.feed.scope);
                });
                QVERIFY(page);
                for (const Change &c : page->changes)
                    expected.append(QJsonDocument::fromJson(hiscrm::master::encodeChange(c)).object());
                since = page->next;
                if (!page->hasMore)
                    break;
            }
            QJsonArray received;
            qint64 from = made.feed.lastTo;
            for (const QByteArray &frame : made.frames) {
                const QJsonObject push = QJsonDocument::fromJson(payloadOf(frame)).object();
                QCOMPARE(push.value(u"from"_s).toInteger(), from);
                from = push.value(u"to"_s).toInteger();
                for (const QJsonValue &c : push.value(u"changes"_s).toArray())
                    received.append(c);
            }
            if (!made.frames.isEmpty())
                QCOMPARE(from, round.to);
            QCOMPARE(describe(received), describe(expected));
            QCOMPARE(received, expected);
            for (const QJsonValue &v : std::as_const(received)) {
                const QJsonObject c = v.toObject();
                tags += c.value(u"entity"_s) == u"tag"_s ? 1 : 0;
                deletions += c.value(u"deleted"_s).toBool() ? 1 : 0;
            }
            if (made.feed.key == u"two")
                sharedProfile =
                    int(std::count_if(received.cbegin(), received.cend(), [](const QJsonValue &v) {
                        return v.toObject().value(u"data"_s).toObject().value(u"platform_id"_s).toString() ==
                               u"shared";
                    }));
            if (made.feed.key == u"none") { // the tags only, which are everyone's
                QVERIFY(!received.isEmpty());
                for (const QJsonValue &v : std::as_const(received))
                    QCOMPARE(v.toObject().value(u"entity"_s).toString(), u"tag"_s);
            }
        }
        // The cases the round must cover did occur.
        QVERIFY(tags >= 5);      // the tag reached every scope that was looked at from the start
        QVERIFY(deletions >= 3); // the deletion reached acc-1's scopes
        QCOMPARE(sharedProfile, 1);
    }

    // A backlog's round is read in the encoder's thread, which runs below the priority of the thread
    // that made it (the master's threads), and comes back to its owner's thread the same as read().
    void backlogRoundsRunBelowTheOwnersPriority()
    {
        const QString path = m_dir->filePath(u"m.db"_s);
        auto store = openStore(path);
        QVERIFY(store);
        QList<MessageRecord> ms;
        for (int i = 0; i < 300; ++i)
            ms << dm(u"acc-1"_s, u"conv-%1"_s.arg(i % 7), u"m%1"_s.arg(i), u"fan-%1"_s.arg(i % 7),
                     u"第%1条消息"_s.arg(i), kT0 + i);
        QVERIFY(store->ingest(batch(ms)));
        const QList<PushFeed> feeds{{u"all"_s, AccountScope{}, 0, 0}};

        QObject owner;
        std::optional<hiscrm::master::PushRound> got;
        QThread *calledIn = nullptr;
        PushEncoder encoder(path, &owner, [&](const hiscrm::master::PushRound &round) {
            got = round;
            calledIn = QThread::currentThread();
        });
        encoder.encode(feeds);
        QTRY_VERIFY(got.has_value());
        QCOMPARE(calledIn, QThread::currentThread());
        QVERIFY2(got->error.isEmpty(), qPrintable(got->error));
        auto reader = testutil::openStore(path, Store::Options{Store::Access::ReadOnly});
        QVERIFY(reader);
        const hiscrm::master::PushRound direct = PushEncoder::read(*reader, feeds);
        QCOMPARE(got->to, direct.to);
        QCOMPARE(got->feeds.size(), 1);
        QCOMPARE(got->feeds.first().frames, direct.feeds.first().frames);

#ifdef Q_OS_LINUX
        errno = 0;
        const int mine = getpriority(PRIO_PROCESS, id_t(gettid()));
        QCOMPARE(errno, 0);
        const QList<int> nice = niceOfThreads("pushes");
        QCOMPARE(nice.size(), 1);
        QCOMPARE(nice.first(), std::min(19, mine + PushEncoder::kBacklogNice));
        QVERIFY(mine == 19 || nice.first() > mine);
#endif
    }
};

QTEST_GUILESS_MAIN(TestPushEncoder)
#include "TestPushEncoder.moc"
