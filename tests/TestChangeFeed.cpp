// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtil.h"

#include "demo/Generator.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace testutil;

namespace {

const QStringList kEntities{u"account"_s, u"user"_s, u"content"_s, u"conversation"_s, u"item"_s, u"tag"_s};

// What a replica would hold: entity -> id -> row.
using Replica = QMap<QString, QMap<qint64, QJsonObject>>;

void apply(Replica &r, const ChangePage &page)
{
    for (const Change &c : page.changes) {
        if (c.deleted)
            r[c.entity].remove(c.id);
        else
            r[c.entity].insert(c.id, c.data);
    }
}

// Pages the feed from `since` until has_more is false; returns the final cursor.
qint64 drain(Store &s, Replica &r, qint64 since, int limit)
{
    for (int guard = 0; guard < 100000; ++guard) {
        auto page = s.changes(since, limit);
        if (!page)
            return -1;
        apply(r, *page);
        if (page->next < since)
            return -1; // a cursor never goes back
        since = page->next;
        if (!page->hasMore)
            return since;
    }
    return -1;
}

void compareWithStore(Store &s, const Replica &r)
{
    for (const QString &e : kEntities) {
        auto rows = s.exportEntity(e);
        QVERIFY(rows);
        QMap<qint64, QJsonObject> expected;
        for (const QJsonObject &o : *rows)
            expected.insert(o.value(u"id"_s).toInteger(), o);
        const QMap<qint64, QJsonObject> actual = r.value(e);
        QCOMPARE(actual.size(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            if (actual.value(it.key()) != it.value())
                QFAIL(qPrintable(
                    QStringLiteral("%1 %2 differs:\n store   %3\n replica %4")
                        .arg(e)
                        .arg(it.key())
                        .arg(QString::fromUtf8(QJsonDocument(it.value()).toJson(QJsonDocument::Compact)),
                             QString::fromUtf8(
                                 QJsonDocument(actual.value(it.key())).toJson(QJsonDocument::Compact)))));
        }
    }
}

} // namespace

class TestChangeFeed : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Store> fresh() { return openStore(m_dir.filePath(QStringLiteral("f%1.db").arg(++m_n))); }

    static demo::GeneratorConfig smallData(quint64 seed, int users, int conversations, int contents)
    {
        demo::GeneratorConfig cfg;
        cfg.seed = seed;
        cfg.users = users;
        cfg.conversations = conversations;
        cfg.contents = contents;
        return cfg;
    }

    // A mixed workload: ingest, edits, recalls, commands, deletions, tags.
    static void mutate(Store &s, demo::Generator &gen, int round)
    {
        QVERIFY(s.ingest(gen.next(200)));
        auto list = s.conversations({}, 20);
        QVERIFY(list);
        const auto &cs = list->conversations;
        if (cs.size() < 4)
            return;
        QVERIFY(s.markRead(cs[0].id));
        QVERIFY(s.markUnread(cs[1].id));
        QVERIFY(s.setPinned(cs[2].id, round % 2 == 0));
        QVERIFY(s.setArchived(cs[3].id, true));
        auto tag = s.createTag(QStringLiteral("tag %1").arg(round), u"#123456"_s);
        QVERIFY(tag);
        QVERIFY(s.tagConversation(cs[0].id, tag->tagId));
        if (round % 3 == 2)
            QVERIFY(s.deleteTag(tag->tagId));
        auto items = s.thread(ItemKind::Message, cs[0].id, 10);
        QVERIFY(items);
        if (items->items.size() >= 3) {
            QVERIFY(s.deleteItem(items->items[0].id));
            QVERIFY(s.recallItem(items->items[1].id));
        }
        auto reply =
            s.recordReply(ItemKind::Message, cs[1].id, 0, u"收到"_s, QStringLiteral("cmd-%1").arg(round));
        QVERIFY(reply);
        QVERIFY(
            s.setReplyResult(reply->itemId, Delivery::Sent, QStringLiteral("sent-%1").arg(round), QString()));
    }

private slots:
    void pagingToTheEndEqualsTheStore_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::newRow("one change per page") << 1;
        QTest::newRow("small pages") << 7;
        QTest::newRow("large pages") << 5000;
    }

    void pagingToTheEndEqualsTheStore()
    {
        QFETCH(int, pageSize);
        auto s = fresh();
        demo::Generator gen(smallData(7, 200, 50, 5));
        QVERIFY(s->ingest(gen.directory()));
        Replica replica;
        qint64 cursor = 0;
        for (int round = 0; round < 4; ++round) {
            mutate(*s, gen, round);
            if (QTest::currentTestFailed())
                return;
            cursor = drain(*s, replica, cursor, pageSize);
            QVERIFY(cursor >= 0);
            QCOMPARE(cursor, *s->revision());
            compareWithStore(*s, replica);
            if (QTest::currentTestFailed())
                return;
        }
    }

    // changesFor reads the same pages as changes(), keeping only what its filter wants, with the
    // owners accountsOfChanges gives: the scoped sync and the pushes rely on it.
    void filteredPagesEqualTheWholeFeedFiltered_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("accountsSeen"); // 0: every account
        QTest::newRow("one change per page, one account") << 1 << 1;
        QTest::newRow("small pages, two accounts") << 7 << 2;
        QTest::newRow("large pages, one account") << 1000 << 1;
        QTest::newRow("large pages, every account") << 1000 << 0;
    }

    void filteredPagesEqualTheWholeFeedFiltered()
    {
        QFETCH(int, pageSize);
        QFETCH(int, accountsSeen);
        auto s = fresh();
        demo::GeneratorConfig cfg = smallData(11, 100, 40, 6);
        cfg.accounts = 4;
        demo::Generator gen(cfg);
        QVERIFY(s->ingest(gen.directory()));
        for (int round = 0; round < 3; ++round) {
            mutate(*s, gen, round);
            if (QTest::currentTestFailed())
                return;
        }
        const QList<Account> accounts = s->accounts().value();
        QVERIFY(accounts.size() >= 2);
        AccountScope scope;
        for (int i = 0; i < accountsSeen; ++i)
            scope.accounts << accounts[i].id;
        std::sort(scope.accounts.begin(), scope.accounts.end());
        const auto wanted = [&scope](const ChangeAccounts &owners) {
            return owners.visibleTo(scope);
        };
        int kept = 0;
        int left = 0;
        for (qint64 cursor = 0;;) {
            const auto whole = s->changes(cursor, pageSize);
            QVERIFY(whole);
            const auto owners = s->accountsOfChanges(whole->changes);
            QVERIFY(owners);
            const auto filtered = s->changesFor(cursor, pageSize, wanted);
            QVERIFY(filtered);
            QCOMPARE(filtered->next, whole->next);
            QCOMPARE(filtered->hasMore, whole->hasMore);
            QCOMPARE(filtered->owners.size(), filtered->changes.size());
            qsizetype k = 0;
            for (qsizetype i = 0; i < whole->changes.size(); ++i) {
                const Change &c = whole->changes[i];
                if (!owners->at(i).visibleTo(scope)) {
                    ++left;
                    continue;
                }
                QVERIFY2(k < filtered->changes.size(), qPrintable(u"missing rev %1"_s.arg(c.rev)));
                const Change &f = filtered->changes[k];
                QCOMPARE(f.rev, c.rev);
                QCOMPARE(f.entity, c.entity);
                QCOMPARE(f.id, c.id);
                QCOMPARE(f.deleted, c.deleted);
                QVERIFY(f.data.isEmpty()); // changesFor gives the row as text
                QCOMPARE(f.dataJson.isEmpty(), c.deleted);
                QCOMPARE(QJsonDocument::fromJson(f.dataJson).object(), c.data);
                QCOMPARE(filtered->owners[k].kind, owners->at(i).kind);
                QCOMPARE(filtered->owners[k].accounts, owners->at(i).accounts);
                ++k;
                ++kept;
            }
            QCOMPARE(k, filtered->changes.size());
            if (!whole->hasMore)
                break;
            cursor = whole->next;
        }
        QVERIFY(kept > 0);
        if (accountsSeen == 0)
            QCOMPARE(left, 0);
        else
            QVERIFY2(left > 0, "the scope should leave other accounts' rows out");
    }

    void repeatedAndOverlappingPagesDoNoHarm()
    {
        auto s = fresh();
        demo::Generator gen(smallData(11, 100, 30, demo::GeneratorConfig().contents));
        QVERIFY(s->ingest(gen.directory()));
        for (int round = 0; round < 3; ++round)
            mutate(*s, gen, round);
        Replica replica;
        qint64 cursor = 0;
        for (;;) {
            auto page = s->changes(cursor, 50);
            QVERIFY(page);
            apply(replica, *page);
            // Apply the same page again, and a page starting halfway back: nothing changes.
            apply(replica, *page);
            auto overlap = s->changes(qMax<qint64>(0, cursor - 25), 50);
            apply(replica, *overlap);
            cursor = page->next;
            if (!page->hasMore)
                break;
        }
        // Overlapping re-application can reintroduce an older row state only if the feed were
        // wrong; a final drain from the cursor must leave the replica equal to the store.
        QVERIFY(drain(*s, replica, cursor, 100) >= 0);
        compareWithStore(*s, replica);
    }

    // A replica store (Store::applyChanges) fed the pages of the mixed workload holds exactly the
    // master's rows, finds the same messages by search, and refuses a page it cannot read whole.
    // The outbox: a waiting command's effect is shown over the master's rows, stays shown when the
    // master sends a newer version of the row, goes once the master's rows with it arrive, and a
    // refused one leaves the master's version.
    void replicaOutboxShowsWaitingCommandsOverTheMastersRows()
    {
        auto master = fresh();
        auto replica = fresh();
        const qint64 masterId = master->storeId().value();
        demo::Generator gen(smallData(12, 50, 10, 3));
        QVERIFY(master->ingest(gen.directory()));
        QVERIFY(master->ingest(gen.next(200)));
        auto catchUp = [&] {
            for (;;) {
                auto page = master->changes(replica->revision().value(), 100);
                QVERIFY(page);
                QVERIFY(replica->applyChanges(page->changes, page->next, masterId));
                if (!page->hasMore)
                    break;
            }
        };
        catchUp();
        const auto list = master->conversations(ConversationFilter{}).value().conversations;
        QVERIFY(list.size() >= 2);
        const qint64 a = list.at(0).id, b = list.at(1).id;

        // Not queueable, bad ids, bad args: refused, nothing kept.
        QCOMPARE(replica->queueCommand(u"c0"_s, u"create_tag"_s, {{u"name"_s, u"x"_s}}, kT0).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(replica->queueCommand(u"c0"_s, u"pin"_s, {{u"conversation_id"_s, 999999}}, kT0).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(replica->queueCommand(u"c0"_s, u"pin"_s, {{u"conversation_id"_s, u"1"_s}}, kT0).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(
            replica->queueCommand(u"c0"_s, u"reply"_s, {{u"conversation_id"_s, a}, {u"text"_s, u"  "_s}}, kT0)
                .error()
                .code,
            ErrorCode::InvalidArgument);
        QCOMPARE(replica->queueCommand(u""_s, u"pin"_s, {{u"conversation_id"_s, a}}, kT0).error().code,
                 ErrorCode::InvalidArgument);
        QVERIFY(replica->outbox().value().isEmpty());

        const qint64 cursor = replica->revision().value();
        const auto pinned = replica->queueCommand(u"c1"_s, u"pin"_s, {{u"conversation_id"_s, a}}, kT0);
        QVERIFY(pinned);
        QCOMPARE(pinned->conversationIds, QList<qint64>{a});
        QVERIFY(
            replica->queueCommand(u"c1"_s, u"pin"_s, {{u"conversation_id"_s, a}}, kT0)); // the same id: once
        QVERIFY(
            replica->queueCommand(u"c2"_s, u"mute"_s, {{u"conversation_id"_s, b}, {u"until"_s, -1}}, kT0));
        QCOMPARE(replica->outbox().value().size(), 2);
        QCOMPARE(replica->revision().value(), cursor); // the cursor is the master's alone
        QVERIFY(replica->conversation(a).value()->pinned);
        QCOMPARE(replica->conversation(b).value()->mutedUntil, kMutedForever);

        // The master moves on (new messages in a): the replica shows them, a still pinned.
        QVERIFY(master->ingest(gen.next(300)));
        catchUp();
        const Conversation mine = replica->conversation(a).value().value();
        Conversation theirs = master->conversation(a).value().value();
        QVERIFY(mine.pinned);
        QVERIFY(!theirs.pinned);
        theirs.pinned = true;
        QCOMPARE(toJson(mine), toJson(theirs));

        // The master does c1; once its revision arrives, c1 leaves and the rows are the master's.
        const auto done = master->setPinned(a, true, Journal{u"c1"_s, u"pin"_s});
        QVERIFY(done);
        QVERIFY(replica->commandDone(u"c1"_s, done->revision));
        QCOMPARE(replica->outbox().value().size(), 2); // answered, its rows not here yet
        catchUp();
        QCOMPARE(replica->outbox().value().size(), 1);
        QCOMPARE(toJson(replica->conversation(a).value().value()),
                 toJson(master->conversation(a).value().value()));

        // c2 refused: b is the master's again; the entry stays, refused, until dismissed.
        QVERIFY(replica->commandRefused(u"c2"_s, u"forbidden"_s));
        QCOMPARE(toJson(replica->conversation(b).value().value()),
                 toJson(master->conversation(b).value().value()));
        const auto entries = replica->outbox().value();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.at(0).state, OutboxEntry::State::Refused);
        QCOMPARE(entries.at(0).error, u"forbidden"_s);
        QCOMPARE(replica->dismissRefused().value(), 1);
        QVERIFY(replica->outbox().value().isEmpty());
        for (const char *entity : {"conversation", "item"}) {
            const QString e = QString::fromLatin1(entity);
            QCOMPARE(replica->exportEntity(e).value(), master->exportEntity(e).value());
        }
    }

    void replicaStoreAppliesPagesAndRefusesBadOnes()
    {
        auto master = fresh();
        auto replica = fresh();
        const qint64 masterId = master->storeId().value();
        demo::Generator gen(smallData(11, 200, 50, 5));
        QVERIFY(master->ingest(gen.directory()));
        // The accounts change after their conversations: in the feed they come after them, even
        // pages later (the replica must not insist on references while it catches up).
        QVERIFY(master->ingest(gen.next(100)));
        const QList<Account> accounts = master->accounts().value();
        QVERIFY(!accounts.isEmpty());
        for (const Account &a : accounts)
            QVERIFY(master->setAccountStatus(a.id, LoginState::LoggedIn, QString(), kT0));
        for (int round = 0; round < 4; ++round) {
            mutate(*master, gen, round);
            if (QTest::currentTestFailed())
                return;
            for (;;) {
                const qint64 cursor = replica->revision().value();
                auto page = master->changes(cursor, 97);
                QVERIFY(page);
                QVERIFY(replica->applyChanges(page->changes, page->next, masterId));
                if (!page->hasMore)
                    break;
            }
            QCOMPARE(replica->revision().value(), master->revision().value());
            for (const char *entity : {"account", "user", "content", "conversation", "item", "tag"}) {
                const QString e = QString::fromLatin1(entity);
                QCOMPARE(replica->exportEntity(e).value(), master->exportEntity(e).value());
            }
        }
        QCOMPARE(replica->replicaState().value().masterStoreId, masterId);
        // The same page again changes nothing; search finds what the master finds.
        const auto again = master->changes(0, 50);
        QVERIFY(replica->applyChanges(again->changes, replica->revision().value(), masterId));
        const auto item = master->exportEntity(u"item"_s).value().value(5);
        SearchQuery q;
        q.text = item.value(u"text"_s).toString().left(4);
        QVERIFY(!q.text.isEmpty());
        QCOMPARE(replica->search(q).value().hits.size(), master->search(q).value().hits.size());

        // Bad pages: nothing of them is applied, the cursor stays.
        const qint64 cursor = replica->revision().value();
        const QJsonObject row = master->exportEntity(u"conversation"_s).value().value(0);
        QJsonObject noPinned = row;
        noPinned.remove(u"pinned"_s);
        QJsonObject wrongType = row;
        wrongType.insert(u"unread_count"_s, u"3"_s);
        QJsonObject badEnum = row;
        badEnum.insert(u"last_direction"_s, u"sideways"_s);
        const qint64 id = row.value(u"id"_s).toInteger();
        const QList<QList<Change>> bad{
            {Change{cursor + 1, u"conversation"_s, id, false, noPinned, 0, {}}},
            {Change{cursor + 1, u"conversation"_s, id, false, wrongType, 0, {}}},
            {Change{cursor + 1, u"conversation"_s, id, false, badEnum, 0, {}}},
            {Change{cursor + 1, u"table"_s, id, false, row, 0, {}}},
            // A good change first: it is rolled back with the bad one.
            {Change{cursor + 1,
                    u"tag"_s,
                    999,
                    false,
                    QJsonObject{
                        {u"id"_s, 999}, {u"name"_s, u"新"_s}, {u"color"_s, u""_s}, {u"rev"_s, cursor + 1}},
                    0,
                    {}},
             Change{cursor + 2, u"conversation"_s, id, false, noPinned, 0, {}}},
        };
        for (const QList<Change> &page : bad) {
            const auto r = replica->applyChanges(page, cursor + 2, masterId);
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
            QCOMPARE(replica->revision().value(), cursor);
        }
        QCOMPARE(replica->exportEntity(u"tag"_s).value(), master->exportEntity(u"tag"_s).value());
        // A cursor going back, or a change beyond the page's end, is refused too.
        QVERIFY(!replica->applyChanges({}, cursor - 1, masterId));
        QVERIFY(!replica->applyChanges({Change{cursor + 5, u"conversation"_s, id, false, row, 0, {}}},
                                       cursor + 1, masterId));
        QCOMPARE(replica->revision().value(), cursor);
    }

    void revisionsAreUniqueAndOrdered()
    {
        auto s = fresh();
        demo::Generator gen(demo::GeneratorConfig{});
        QVERIFY(s->ingest(gen.directory()));
        QVERIFY(s->ingest(gen.next(300)));
        auto page = s->changes(0, 10000);
        QVERIFY(page);
        QVERIFY(!page->hasMore);
        qint64 last = 0;
        for (const Change &c : page->changes) {
            QVERIFY(c.rev > last);
            last = c.rev;
        }
        QCOMPARE(page->next, *s->revision());
        auto empty = s->changes(page->next);
        QVERIFY(empty->changes.isEmpty());
        QCOMPARE(empty->next, page->next);
        QVERIFY(!s->changes(-1));
    }

    void editHistoryTravelsWithTheItem()
    {
        auto s = fresh();
        QVERIFY(s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"原文"_s, kT0)})));
        const qint64 cursor = *s->revision();
        QVERIFY(s->ingest(batch({dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"改过"_s, kT0)})));
        auto page = s->changes(cursor);
        auto it = std::find_if(page->changes.cbegin(), page->changes.cend(),
                               [](const Change &c) { return c.entity == u"item"; });
        QVERIFY(it != page->changes.cend());
        QCOMPARE(it->data.value(u"text"_s).toString(), u"改过"_s);
        QCOMPARE(it->data.value(u"history"_s).toArray().first().toObject().value(u"old_text"_s).toString(),
                 u"原文"_s);
    }
};

QTEST_GUILESS_MAIN(TestChangeFeed)
#include "TestChangeFeed.moc"
