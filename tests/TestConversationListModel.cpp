// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixtures.h"
#include "TestUtil.h"

#include "ui/common/ListDiff.h"
#include "ui/inbox/ContentListModel.h"
#include "ui/inbox/ConversationDelegate.h"
#include "ui/inbox/ConversationListModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QImage>
#include <QListView>
#include <QPainter>
#include <QRandomGenerator>
#include <QSignalSpy>

using namespace testutil;
using hiscrm::ui::ContentListModel;
using hiscrm::ui::ConversationDelegate;
using hiscrm::ui::ConversationListModel;

namespace {

constexpr int kConversations = 60;
constexpr qint64 kMinute = 60 * 1000;

QString convName(int i)
{
    return QStringLiteral("conv-%1").arg(i);
}

QString accountOf(int i)
{
    return i % 2 ? u"acc-2"_s : u"acc-1"_s;
}

QList<qint64> modelIds(const QAbstractItemModel &m)
{
    QList<qint64> ids;
    for (int r = 0; r < m.rowCount(); ++r)
        ids.append(m.index(r, 0).data(ConversationListModel::IdRole).toLongLong());
    return ids;
}

} // namespace

class TestConversationListModel : public QObject
{
    Q_OBJECT

private:
    WriterAndReader m_db; // rw plays the master, ro is the UI thread's connection

    qint64 cid(int i) { return convId(*m_db.rw, convName(i), accountOf(i)); }

    qint64 accountId(const QString &platformId)
    {
        auto a = m_db.rw->accountByPlatformId(u"demo"_s, platformId);
        return a && a.value() ? a.value()->id : 0;
    }

    QList<qint64> storeOrder(const ConversationFilter &f)
    {
        QList<qint64> ids;
        const auto page = m_db.ro->conversations(f, 500);
        for (const Conversation &c : page->conversations)
            ids.append(c.id);
        return ids;
    }

    // conv-i belongs to acc-1 or acc-2, its peer u-i is "粉丝i", and its only message (inbound,
    // unread) came i minutes after kT0: conv-59 is the most recent.
    void ingestFixture()
    {
        QList<MessageRecord> ms;
        Batch b;
        for (int i = 0; i < kConversations; ++i) {
            ms << dm(accountOf(i), convName(i), QStringLiteral("m-%1").arg(i), QStringLiteral("u-%1").arg(i),
                     QStringLiteral("你好 %1").arg(i), kT0 + i * kMinute);
            b.users << profile(QStringLiteral("u-%1").arg(i),
                               i == 1 ? u"alice wang"_s : QStringLiteral("粉丝%1").arg(i));
        }
        b.platform = u"demo"_s;
        b.messages = ms;
        b.accounts << AccountRecord{u"acc-1"_s, u"店铺一"_s, {}}
                   << AccountRecord{u"acc-2"_s, u"店铺二"_s, {}};
        QVERIFY(m_db.rw->ingest(b));
    }

    void newMessage(int conv, const QString &id, qint64 at, const QString &text = u"新消息"_s)
    {
        QVERIFY(m_db.rw->ingest(
            batch({dm(accountOf(conv), convName(conv), id, QStringLiteral("u-%1").arg(conv), text, at)})));
    }

private slots:
    void init()
    {
        QVERIFY(m_db.openWriter(u"ui.db"_s));
        ingestFixture();
        QVERIFY(m_db.openReadOnly());
    }

    void cleanup() { m_db.close(); }

    void firstPageIsPinnedThenActivity()
    {
        QVERIFY(m_db.rw->setPinned(cid(3), true));
        ConversationListModel model(m_db.ro.get());
        QCOMPARE(model.rowCount(), ConversationListModel::kPageSize);
        QVERIFY(model.canFetchMore(QModelIndex()));
        const QList<qint64> expected = storeOrder({});
        QCOMPARE(expected.size(), kConversations);
        QCOMPARE(modelIds(model), expected.first(ConversationListModel::kPageSize));
        QCOMPARE(model.idAt(0), cid(3));
        QCOMPARE(model.idAt(1), cid(59));
        QCOMPARE(model.idAt(2), cid(58));
        QCOMPARE(model.rowOf(cid(58)), 2);
        QCOMPARE(model.rowOf(987654), -1);
        QCOMPARE(model.idAt(-1), 0);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void fetchMoreCoversEveryRowOnce()
    {
        ConversationListModel model(m_db.ro.get());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        int pages = 0;
        while (model.canFetchMore(QModelIndex()) && pages < 10) {
            model.fetchMore(QModelIndex());
            ++pages;
        }
        QCOMPARE(pages, 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), ConversationListModel::kPageSize);
        const QList<qint64> ids = modelIds(model);
        QCOMPARE(ids, storeOrder({}));
        QCOMPARE(QSet<qint64>(ids.cbegin(), ids.cend()).size(), kConversations);
        QVERIFY(!model.canFetchMore(QModelIndex()));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowOf(model.idAt(r)), r);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void filters()
    {
        ConversationListModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < kConversations; i += 3)
            QVERIFY(m_db.rw->markRead(cid(i)));
        QVERIFY(m_db.rw->setPinned(cid(5), true));
        QVERIFY(m_db.rw->setPinned(cid(6), true));
        QVERIFY(m_db.rw->setArchived(cid(7), true));
        QVERIFY(m_db.rw->setArchived(cid(8), true));
        const qint64 tag = m_db.rw->createTag(u"VIP"_s, u"#ff0000"_s)->tagId;
        QVERIFY(tag);
        for (int i : {10, 11, 12})
            QVERIFY(m_db.rw->tagConversation(cid(i), tag));

        ConversationFilter f;
        model.setFilter(f);
        while (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), kConversations - 2);
        QCOMPARE(model.rowOf(cid(7)), -1);

        f.unreadOnly = true;
        model.setFilter(f);
        QVERIFY(model.filter().unreadOnly);
        while (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        QCOMPARE(modelIds(model), storeOrder(f));
        QCOMPARE(model.rowCount(), kConversations - kConversations / 3 - 2); // minus read and archived
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.index(r).data(ConversationListModel::UnreadRole).toLongLong() > 0);

        f = {};
        f.pinnedOnly = true;
        model.setFilter(f);
        QCOMPARE(modelIds(model), (QList<qint64>{cid(6), cid(5)}));
        QVERIFY(model.index(0).data(ConversationListModel::PinnedRole).toBool());

        f = {};
        f.archived = ArchivedFilter::Only;
        model.setFilter(f);
        QCOMPARE(modelIds(model), (QList<qint64>{cid(8), cid(7)}));
        QVERIFY(model.index(0).data(ConversationListModel::ArchivedRole).toBool());

        f = {};
        f.tagId = tag;
        model.setFilter(f);
        QCOMPARE(modelIds(model), (QList<qint64>{cid(12), cid(11), cid(10)}));
        QVERIFY(model.index(0).data(ConversationListModel::TagIdsRole).value<QList<qint64>>().contains(tag));

        f = {};
        f.accountIds = {accountId(u"acc-2"_s)};
        model.setFilter(f);
        while (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), kConversations / 2 - 1); // conv-7 is archived
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.index(r).data(ConversationListModel::AccountIdRole).toLongLong(),
                     f.accountIds.first());
            QCOMPARE(model.index(r).data(ConversationListModel::AccountRole).toString(), u"店铺二"_s);
        }
    }

    void roles()
    {
        // An image without text, and a recalled last message.
        MessageRecord image = dm(accountOf(20), convName(20), u"img"_s, u"u-20"_s, {}, kT0 + 100 * kMinute);
        image.type = MessageType::Image;
        image.media = u"https://example.invalid/a.jpg"_s;
        QVERIFY(m_db.rw->ingest(batch({image})));
        QVERIFY(m_db.rw->setMutedUntil(cid(4), kMutedForever));

        ConversationListModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex five = model.index(model.rowOf(cid(5)));
        QCOMPARE(five.data(ConversationListModel::TitleRole).toString(), u"粉丝5"_s);
        QCOMPARE(five.data(Qt::DisplayRole).toString(), u"粉丝5"_s);
        QCOMPARE(five.data(ConversationListModel::AccountRole).toString(), u"店铺二"_s);
        QCOMPARE(five.data(ConversationListModel::PlatformRole).toString(), u"demo"_s);
        QCOMPARE(five.data(ConversationListModel::PreviewRole).toString(), u"你好 5"_s);
        QCOMPARE(five.data(ConversationListModel::LastAtRole).toLongLong(), kT0 + 5 * kMinute);
        QCOMPARE(five.data(ConversationListModel::UnreadRole).toLongLong(), 1);
        QVERIFY(five.data(ConversationListModel::AwaitingReplyRole).toBool());
        QVERIFY(!five.data(ConversationListModel::PinnedRole).toBool());
        QVERIFY(!five.data(ConversationListModel::MutedRole).toBool());
        QVERIFY(five.data(Qt::ToolTipRole).toString().contains(u"店铺二"_s));
        const QString spoken = five.data(Qt::AccessibleTextRole).toString();
        QVERIFY2(spoken.contains(u"粉丝5"_s) && spoken.contains(u"1 unread"_s) &&
                     spoken.contains(u"你好 5"_s),
                 qPrintable(spoken));
        const qint64 peer = five.data(ConversationListModel::PeerIdRole).toLongLong();
        QVERIFY(peer != 0);
        const QColor colour = five.data(ConversationListModel::AvatarColorRole).value<QColor>();
        QVERIFY(colour.isValid());
        QCOMPARE(colour, ConversationListModel::avatarColor(peer));
        QCOMPARE(five.data(ConversationListModel::InitialsRole).toString(), u"粉"_s);
        const auto c = five.data(ConversationListModel::ConversationRole).value<Conversation>();
        QCOMPARE(c.id, cid(5));
        QVERIFY(model.index(model.rowOf(cid(4))).data(ConversationListModel::MutedRole).toBool());
        QVERIFY(model.roleNames().value(ConversationListModel::PreviewRole) == "preview");

        QCOMPARE(model.index(model.rowOf(cid(1))).data(ConversationListModel::InitialsRole).toString(),
                 u"AW"_s);
        QCOMPARE(model.index(model.rowOf(cid(20))).data(ConversationListModel::PreviewRole).toString(),
                 u"[Image]"_s);

        // Recalling the last message empties the store's preview; the list says what happened.
        const qint64 last = conv(*m_db.rw, cid(9)).lastItemId;
        QVERIFY(m_db.rw->recallItem(last));
        model.refresh();
        QCOMPARE(model.index(model.rowOf(cid(9))).data(ConversationListModel::PreviewRole).toString(),
                 u"Message recalled"_s);
    }

    void initials_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("initials");
        QTest::newRow("a CJK name gives its first character") << u"小美"_s << u"小"_s;
        QTest::newRow("two Latin words give two initials") << u"alice wang"_s << u"AW"_s;
        QTest::newRow("one Latin word gives two letters") << u"bob"_s << u"BO"_s;
        QTest::newRow("leading symbols are skipped") << u"  @carol_li "_s << u"CL"_s;
        QTest::newRow("a Japanese name gives one character") << u"さくら"_s << u"さ"_s;
        QTest::newRow("an empty name gives nothing") << QString() << QString();
        QTest::newRow("emoji only keeps the emoji") << u"🌸"_s << u"🌸"_s;
    }

    void initials()
    {
        QFETCH(QString, name);
        QFETCH(QString, initials);
        QCOMPARE(ConversationListModel::initialsOf(name), initials);
    }

    void avatarColoursAreStableAndVaried()
    {
        QSet<QRgb> seen;
        for (qint64 id = 1; id <= 100; ++id) {
            QCOMPARE(ConversationListModel::avatarColor(id), ConversationListModel::avatarColor(id));
            seen.insert(ConversationListModel::avatarColor(id).rgb());
        }
        QCOMPARE(seen.size(), 10);
    }

    void liveUpdatesKeepTheSelection()
    {
        ConversationListModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QListView view;
        view.setModel(&model);
        view.resize(320, 480);
        const qint64 selected = cid(45);
        view.setCurrentIndex(model.index(model.rowOf(selected)));
        QCOMPARE(view.selectionModel()->currentIndex().data(ConversationListModel::IdRole).toLongLong(),
                 selected);
        QVERIFY(view.selectionModel()->isSelected(view.selectionModel()->currentIndex()));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const auto clearSpies = [&] {
            moved.clear();
            inserted.clear();
            removed.clear();
            changed.clear();
        };
        const auto checkSelection = [&] {
            QCOMPARE(reset.size(), 0);
            QCOMPARE(view.selectionModel()->currentIndex().data(ConversationListModel::IdRole).toLongLong(),
                     selected);
            QCOMPARE(view.selectionModel()->selectedIndexes().size(), 1);
            QCOMPARE(modelIds(model), storeOrder({}).first(model.rowCount()));
            for (int r = 0; r < model.rowCount(); ++r)
                QCOMPARE(model.rowOf(model.idAt(r)), r);
        };

        // A new message to a conversation lower down lifts it to the top: one move.
        const int before = model.rowOf(cid(30));
        QVERIFY(before > 10);
        newMessage(30, u"m-30b"_s, kT0 + 200 * kMinute);
        model.refresh();
        QCOMPARE(moved.size(), 1);
        QCOMPARE(moved.first().at(1).toInt(), before);
        QCOMPARE(moved.first().at(4).toInt(), 0);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(model.rowOf(cid(30)), 0);
        QCOMPARE(model.index(0).data(ConversationListModel::PreviewRole).toString(), u"新消息"_s);
        QCOMPARE(model.index(0).data(ConversationListModel::UnreadRole).toLongLong(), 2);
        checkSelection();
        clearSpies();

        // A conversation the list has never seen: inserted at its place.
        QVERIFY(m_db.rw->ingest(
            batch({dm(u"acc-1"_s, u"conv-new"_s, u"m-new"_s, u"u-new"_s, u"在吗"_s, kT0 + 300 * kMinute)})));
        model.refresh();
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 0);
        QCOMPARE(moved.size(), 0);
        QCOMPARE(model.idAt(0), convId(*m_db.rw, u"conv-new"_s));
        QCOMPARE(model.index(0).data(ConversationListModel::TitleRole).toString(), u"u-new"_s);
        checkSelection();
        clearSpies();

        // Archiving removes the row under the default filter.
        const int archivedRow = model.rowOf(cid(50));
        QVERIFY(m_db.rw->setArchived(cid(50), true));
        model.refresh();
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(1).toInt(), archivedRow);
        QCOMPARE(model.rowOf(cid(50)), -1);
        QCOMPARE(moved.size(), 0);
        checkSelection();
        clearSpies();

        // Pinning lifts a row above everything.
        QVERIFY(m_db.rw->setPinned(cid(12), true));
        model.refresh();
        QCOMPARE(moved.size(), 1);
        QCOMPARE(model.rowOf(cid(12)), 0);
        QVERIFY(model.index(0).data(ConversationListModel::PinnedRole).toBool());
        checkSelection();
        clearSpies();

        // Marking read changes data only.
        const int readRow = model.rowOf(cid(40));
        QVERIFY(m_db.rw->markRead(cid(40)));
        model.refresh();
        QCOMPARE(moved.size(), 0);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.first().at(0).value<QModelIndex>().row() <= readRow);
        QVERIFY(changed.first().at(1).value<QModelIndex>().row() >= readRow);
        QCOMPARE(model.index(readRow).data(ConversationListModel::UnreadRole).toLongLong(), 0);
        checkSelection();
        clearSpies();

        // Unpinning sends the row back down to its place by activity: still one move.
        QVERIFY(m_db.rw->setPinned(cid(12), false));
        model.refresh();
        QCOMPARE(moved.size(), 1);
        checkSelection();
        clearSpies();

        // The selected row itself moving keeps it selected.
        newMessage(45, u"m-45b"_s, kT0 + 400 * kMinute);
        model.refresh();
        QCOMPARE(moved.size(), 1);
        QCOMPARE(model.rowOf(selected), 0);
        checkSelection();
        clearSpies();

        // Nothing changed: no signals at all.
        model.refreshConversations({cid(45)});
        QCOMPARE(moved.size() + inserted.size() + removed.size() + changed.size(), 0);
        checkSelection();
    }

    void refreshKeepsTheLoadedRangeOnly()
    {
        // Only the first page is loaded: a new conversation pushes the last row out of the
        // range, which comes back with the next fetchMore.
        ConversationListModel model(m_db.ro.get());
        QCOMPARE(model.rowCount(), ConversationListModel::kPageSize);
        const qint64 lastLoaded = model.idAt(model.rowCount() - 1);
        QVERIFY(m_db.rw->ingest(
            batch({dm(u"acc-1"_s, u"conv-new"_s, u"m-new"_s, u"u-new"_s, u"在吗"_s, kT0 + 300 * kMinute)})));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.rowCount(), ConversationListModel::kPageSize);
        QCOMPARE(model.rowOf(lastLoaded), -1);
        QVERIFY(model.canFetchMore(QModelIndex()));
        model.fetchMore(QModelIndex());
        QCOMPARE(modelIds(model), storeOrder({}));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    // A held list keeps its rows where they are and counts the new activity instead; an empty one
    // has nothing to hold still, so its first rows come in.
    void heldListKeepsItsRowsButAnEmptyOneFills()
    {
        ConversationListModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m_db.rw->ingest(
            batch({dm(u"acc-3"_s, u"conv-a"_s, u"m-a"_s, u"u-a"_s, u"在吗"_s, kT0 + 300 * kMinute)})));
        const qint64 account3 = accountId(u"acc-3"_s);
        QVERIFY(account3);
        ConversationFilter f;
        f.accountIds = {account3 + 1}; // the account of the next chat (acc-4), not here yet
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 0);
        model.setHeld(true);
        QVERIFY(m_db.rw->ingest(
            batch({dm(u"acc-4"_s, u"conv-b"_s, u"m-b"_s, u"u-b"_s, u"你好"_s, kT0 + 301 * kMinute)})));
        QCOMPARE(accountId(u"acc-4"_s), account3 + 1);
        model.refresh();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.heldNewCount(), 0);
        const qint64 first = model.idAt(0);
        QVERIFY(m_db.rw->ingest(
            batch({dm(u"acc-4"_s, u"conv-c"_s, u"m-c"_s, u"u-c"_s, u"还有货吗"_s, kT0 + 302 * kMinute)})));
        model.refresh();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.idAt(0), first);
        QCOMPARE(model.heldNewCount(), 1);
        model.setHeld(false);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(first), 1);
        QCOMPARE(model.heldNewCount(), 0);
    }

    // Held, a row the operator archived from its context menu (letGo) leaves at once and the rows
    // below close up; the rest hold still: one archived elsewhere waits for the release.
    void heldListLetsTheOperatorsArchivedRowGo()
    {
        ConversationListModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHeld(true);
        const qint64 mine = model.idAt(2);
        const qint64 below = model.idAt(3);
        const qint64 theirs = model.idAt(5);
        model.letGo(mine);
        model.refresh(); // not archived yet: nothing leaves
        QCOMPARE(model.rowOf(mine), 2);
        QVERIFY(m_db.rw->setArchived(mine, true));
        QVERIFY(m_db.rw->setArchived(theirs, true));
        model.refresh();
        QCOMPARE(model.rowOf(mine), -1);
        QCOMPARE(model.rowOf(below), 2);
        QCOMPARE(model.rowOf(theirs), 4); // still shown, one up
        model.setHeld(false);
        QCOMPARE(model.rowOf(theirs), -1);
        // Unarchived while held and not let go, it waits for the release to come back.
        model.setHeld(true);
        QVERIFY(m_db.rw->setArchived(mine, false));
        QVERIFY(m_db.rw->setArchived(theirs, false));
        model.refresh();
        QCOMPARE(model.rowOf(mine), -1);
        model.setHeld(false);
        QCOMPARE(model.rowOf(mine), 2);
        QCOMPARE(model.rowOf(theirs), 5);
    }

    void listDiffReachesTheTargetWithFewMoves()
    {
        // Replays the signals on a mirror, as a view would, and checks it ends up equal.
        QRandomGenerator rng(20260101);
        struct Row
        {
            qint64 id;
            int value;
        };
        for (int round = 0; round < 300; ++round) {
            QList<Row> rows;
            const int n = int(rng.bounded(0, 40));
            for (int i = 0; i < n; ++i)
                rows.append(Row{i, 0});
            QList<Row> target = rows;
            // Remove some, move some, insert some, change some.
            for (int k = int(rng.bounded(0, 5)); k > 0 && !target.isEmpty(); --k)
                target.removeAt(rng.bounded(int(target.size())));
            const int moves = int(rng.bounded(0, 4));
            for (int k = moves; k > 0 && target.size() > 1; --k)
                target.move(rng.bounded(int(target.size())), rng.bounded(int(target.size())));
            for (int k = int(rng.bounded(0, 5)); k > 0; --k)
                target.insert(rng.bounded(int(target.size()) + 1), Row{1000 + round * 10 + k, 0});
            for (Row &r : target) {
                if (rng.bounded(5) == 0)
                    r.value = 1;
            }

            QList<qint64> mirror;
            for (const Row &r : rows)
                mirror.append(r.id);
            int moveSignals = 0;
            int pendingInsertFirst = -1;
            int pendingInsertLast = -1;
            const auto ids = [&rows] {
                QList<qint64> out;
                for (const Row &r : rows)
                    out.append(r.id);
                return out;
            };
            hiscrm::ui::ListDiffSignals s;
            s.beginRemove = [&](int first, int last) {
                mirror.remove(first, last - first + 1);
            };
            s.endRemove = [&] {
                QCOMPARE(ids(), mirror);
            };
            s.beginMove = [&](int from, int destination) {
                QVERIFY(destination != from && destination != from + 1);
                mirror.move(from, destination > from ? destination - 1 : destination);
                ++moveSignals;
            };
            s.endMove = [&] {
                QCOMPARE(ids(), mirror);
            };
            s.beginInsert = [&](int first, int last) {
                pendingInsertFirst = first;
                pendingInsertLast = last;
            };
            s.endInsert = [&] {
                for (int i = pendingInsertFirst; i <= pendingInsertLast; ++i)
                    mirror.insert(i, rows[i].id);
                QCOMPARE(ids(), mirror);
            };
            int changedRows = 0;
            s.changed = [&](int first, int last) {
                for (int i = first; i <= last; ++i) {
                    QCOMPARE(rows[i].value, 1);
                    ++changedRows;
                }
            };
            hiscrm::ui::applyListDiff(
                rows, target, [](const Row &r) { return r.id; },
                [](const Row &a, const Row &b) { return a.value == b.value; }, s);
            QList<qint64> want;
            int wantChanged = 0;
            for (const Row &r : target) {
                want.append(r.id);
                wantChanged += r.value == 1 && r.id < 1000;
            }
            QCOMPARE(ids(), want);
            QCOMPARE(mirror, want);
            QVERIFY2(moveSignals <= moves, qPrintable(QStringLiteral("round %1: %2 moves for %3 shuffles")
                                                          .arg(round)
                                                          .arg(moveSignals)
                                                          .arg(moves)));
            QCOMPARE(changedRows, wantChanged);
        }
    }

    void contentListPagesAndRefreshes()
    {
        // 70 videos with one comment each, three to a millisecond, so one such group straddles the
        // boundary of the first page.
        QList<CommentRecord> cs;
        for (int i = 0; i < 70; ++i)
            cs << comment(u"acc-1"_s, QStringLiteral("vid-%1").arg(i), QStringLiteral("k-%1").arg(i),
                          QStringLiteral("u-%1").arg(i), u"好看"_s, kT0 + (i / 3) * kMinute);
        QVERIFY(m_db.rw->ingest(batch({}, cs)));
        ContentListModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        while (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), 70);
        QSet<qint64> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids.insert(model.idAt(r));
        QCOMPARE(ids.size(), 70);
        QList<qint64> expected;
        const auto all = m_db.ro->contents(0, false, 100);
        QVERIFY(all);
        for (const Content &c : *all)
            expected.append(c.id);
        QList<qint64> shown;
        for (int r = 0; r < model.rowCount(); ++r)
            shown.append(model.idAt(r));
        QCOMPARE(shown, expected);
        const QModelIndex top = model.index(0);
        // The preview is the latest comment with its author (a profile without a name: its id).
        const QString preview = top.data(ContentListModel::PreviewRole).toString();
        QVERIFY2(preview.startsWith(u"u-"_s) && preview.endsWith(u": 好看"_s), qPrintable(preview));
        QVERIFY(top.data(ContentListModel::CountLabelRole).toString().startsWith(u"1 "_s));
        QCOMPARE(top.data(ContentListModel::UnreadRole).toLongLong(), 1);
        QCOMPARE(top.data(ContentListModel::AccountRole).toString(), u"店铺一"_s);

        // A new comment under an old video lifts it to the top with a move.
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(m_db.rw->ingest(batch(
            {}, {comment(u"acc-1"_s, u"vid-3"_s, u"k-3b"_s, u"u-9"_s, u"再来"_s, kT0 + 500 * kMinute)})));
        model.refresh();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(model.index(0).data(ContentListModel::CommentCountRole).toLongLong(), 2);
        QCOMPARE(model.index(0).data(ContentListModel::UnreadRole).toLongLong(), 2);
    }

    void delegatePaintsEveryRow()
    {
        QVERIFY(m_db.rw->setPinned(cid(2), true));
        QVERIFY(m_db.rw->setMutedUntil(cid(4), kMutedForever));
        ConversationListModel model(m_db.ro.get());
        ConversationDelegate delegate;
        QStyleOptionViewItem option;
        option.font = QApplication::font();
        option.fontMetrics = QFontMetrics(option.font);
        option.palette = QApplication::palette();
        option.state = QStyle::State_Enabled | QStyle::State_Active;
        const int height = delegate.sizeHint(option, model.index(0)).height();
        QVERIFY(height >= 2 * option.fontMetrics.height());
        QImage image(360, height, QImage::Format_ARGB32_Premultiplied);
        for (int r = 0; r < model.rowCount(); ++r) {
            image.fill(Qt::transparent);
            QPainter painter(&image);
            option.rect = QRect(0, 0, image.width(), height);
            option.state.setFlag(QStyle::State_Selected, r % 2 == 0);
            QCOMPARE(delegate.sizeHint(option, model.index(r)).height(), height);
            delegate.paint(&painter, option, model.index(r));
        }
        QCOMPARE(image.isNull(), false);

        const QDateTime now(QDate(2026, 3, 12), QTime(15, 0)); // a Thursday
        QCOMPARE(
            ConversationDelegate::relativeTime(QDateTime(now.date(), QTime(14, 5)).toMSecsSinceEpoch(), now),
            QLocale().toString(QTime(14, 5), QLocale::ShortFormat));
        QCOMPARE(ConversationDelegate::relativeTime(now.addDays(-1).toMSecsSinceEpoch(), now),
                 u"Yesterday"_s);
        QCOMPARE(ConversationDelegate::relativeTime(now.addDays(-3).toMSecsSinceEpoch(), now),
                 QLocale().dayName(1, QLocale::ShortFormat));
        QCOMPARE(ConversationDelegate::relativeTime(now.addDays(-30).toMSecsSinceEpoch(), now),
                 QLocale().toString(now.addDays(-30).date(), QLocale::ShortFormat));
        QCOMPARE(ConversationDelegate::relativeTime(0, now), QString());
    }
};

QTEST_MAIN(TestConversationListModel)
#include "TestConversationListModel.moc"
