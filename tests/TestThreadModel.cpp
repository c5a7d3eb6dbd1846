// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixtures.h"
#include "TestUtil.h"

#include "ui/thread/MessageDelegate.h"
#include "ui/thread/ThreadModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QImage>
#include <QListView>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardItemModel>

using namespace testutil;
using hiscrm::ui::MessageDelegate;
using hiscrm::ui::ThreadModel;

namespace {

constexpr int kMessages = 120;
constexpr qint64 kStep = 90 * 60 * 1000; // 90 minutes: a page spans several days

QString msgId(int i)
{
    return QStringLiteral("msg-%1").arg(i);
}

QString msgText(int i)
{
    return QStringLiteral("第 %1 条消息").arg(i);
}

QList<qint64> modelIds(const QAbstractItemModel &m)
{
    QList<qint64> ids;
    for (int r = 0; r < m.rowCount(); ++r)
        ids.append(m.index(r, 0).data(ThreadModel::IdRole).toLongLong());
    return ids;
}

bool ascending(const QList<qint64> &ids)
{
    return std::is_sorted(ids.cbegin(), ids.cend()) &&
           std::adjacent_find(ids.cbegin(), ids.cend()) == ids.cend();
}

QStyleOptionViewItem optionFor(int width)
{
    QStyleOptionViewItem option;
    option.font = QApplication::font();
    option.fontMetrics = QFontMetrics(option.font);
    option.palette = QApplication::palette();
    option.state = QStyle::State_Enabled | QStyle::State_Active;
    option.rect = QRect(0, 0, width, 10);
    return option;
}

// The lowest pixel row anything was painted on, or -1.
int lowestPaintedRow(const QImage &image)
{
    for (int y = image.height() - 1; y >= 0; --y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(line[x]) != 0)
                return y;
        }
    }
    return -1;
}

} // namespace

class TestThreadModel : public QObject
{
    Q_OBJECT

private:
    WriterAndReader m_db; // rw plays the master, ro is the UI thread's connection
    qint64 m_conv = 0;
    qint64 m_video = 0;

    // Even messages come from 小美, odd ones are the account's answers.
    static MessageRecord message(int i)
    {
        const bool out = i % 2 == 1;
        return dm(u"acc-1"_s, u"c1"_s, msgId(i), out ? QString() : u"u-1"_s, msgText(i), kT0 + i * kStep,
                  out ? Direction::Out : Direction::In);
    }

    qint64 itemId(const QString &platformId, ItemKind kind = ItemKind::Message)
    {
        const auto acc = m_db.rw->accountByPlatformId(u"demo"_s, u"acc-1"_s).value()->id;
        const auto it = m_db.rw->itemByPlatformId(acc, kind, platformId);
        return it && it.value() ? it.value()->id : 0;
    }

private slots:
    void init()
    {
        QVERIFY(m_db.openWriter(u"thread.db"_s));
        QList<MessageRecord> ms;
        for (int i = 0; i < kMessages; ++i)
            ms << message(i);
        Batch b =
            batch(ms, {comment(u"acc-1"_s, u"vid-1"_s, u"k1"_s, u"u-2"_s, u"这个视频在哪拍的？"_s, kT0),
                       comment(u"acc-1"_s, u"vid-1"_s, u"k2"_s, u"acc-1"_s, u"在杭州"_s, kT0 + 1000, u"k1"_s),
                       comment(u"acc-1"_s, u"vid-1"_s, u"k3"_s, u"u-3"_s, u"好美"_s, kT0 + 2000, u"k1"_s)});
        b.accounts << AccountRecord{u"acc-1"_s, u"店铺一"_s, {}};
        b.users << profile(u"u-1"_s, u"小美"_s) << profile(u"u-2"_s, u"alice"_s);
        QVERIFY(m_db.rw->ingest(b));
        m_conv = convId(*m_db.rw, u"c1"_s);
        QVERIFY(m_conv);
        m_video = m_db.rw->contents()->first().id;
        QVERIFY(m_db.openReadOnly());
    }

    void cleanup() { m_db.close(); }

    void newestPageOldestFirst()
    {
        ThreadModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canLoadOlder());
        model.setThread(ItemKind::Message, m_conv);
        QVERIFY(model.kind() == ItemKind::Message);
        QCOMPARE(model.threadId(), m_conv);
        QCOMPARE(model.rowCount(), ThreadModel::kPageSize);
        QVERIFY(ascending(modelIds(model)));
        const QModelIndex last = model.index(model.rowCount() - 1);
        QCOMPARE(last.data(ThreadModel::TextRole).toString(), msgText(kMessages - 1));
        QCOMPARE(last.data(Qt::DisplayRole).toString(), msgText(kMessages - 1));
        QCOMPARE(last.data(ThreadModel::TimeRole).toLongLong(), kT0 + (kMessages - 1) * kStep);
        QVERIFY(last.data(ThreadModel::OutgoingRole).toBool());
        QCOMPARE(last.data(ThreadModel::SenderNameRole).toString(), u"店铺一"_s);
        const QModelIndex inbound = model.index(model.rowCount() - 2);
        QVERIFY(!inbound.data(ThreadModel::OutgoingRole).toBool());
        QCOMPARE(inbound.data(ThreadModel::SenderNameRole).toString(), u"小美"_s);
        QCOMPARE(inbound.data(ThreadModel::DeliveryRole).toInt(), int(Delivery::None));
        QVERIFY(!inbound.data(ThreadModel::EditedRole).toBool());
        QVERIFY(!inbound.data(ThreadModel::RecalledRole).toBool());
        QCOMPARE(inbound.data(ThreadModel::OriginalTextRole).toString(), QString());
        QCOMPARE(inbound.data(ThreadModel::ParentTextRole).toString(), QString());
        QCOMPARE(inbound.data(ThreadModel::ItemRole).value<Item>().text, msgText(kMessages - 2));
        const QString spoken = inbound.data(Qt::AccessibleTextRole).toString();
        QVERIFY2(spoken.startsWith(u"小美, "_s) && spoken.endsWith(msgText(kMessages - 2)),
                 qPrintable(spoken));
        QVERIFY(model.canLoadOlder());
        QVERIFY(!model.canLoadNewer());
        QCOMPARE(model.rowOf(model.index(3).data(ThreadModel::IdRole).toLongLong()), 3);
        QCOMPARE(model.rowOf(42), -1);

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.threadId(), 0);
        QVERIFY(!model.canLoadOlder());
    }

    void loadOlderPrependsInOrder()
    {
        ThreadModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThread(ItemKind::Message, m_conv);
        const qint64 firstBefore = model.index(0).data(ThreadModel::IdRole).toLongLong();
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QCOMPARE(model.loadOlder(), ThreadModel::kPageSize);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), ThreadModel::kPageSize - 1);
        QCOMPARE(model.rowOf(firstBefore), ThreadModel::kPageSize);
        QVERIFY(ascending(modelIds(model)));
        QCOMPARE(model.loadOlder(), kMessages - 2 * ThreadModel::kPageSize);
        QVERIFY(!model.canLoadOlder());
        QCOMPARE(model.loadOlder(), 0);
        QCOMPARE(model.rowCount(), kMessages);
        QVERIFY(ascending(modelIds(model)));
        QCOMPARE(model.index(0).data(ThreadModel::TextRole).toString(), msgText(0));
        QCOMPARE(reset.size(), 0);
    }

    void jumpCentresOnTheItem()
    {
        ThreadModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 target = itemId(msgId(30));
        QVERIFY(model.setThreadAround(target));
        QCOMPARE(model.threadId(), m_conv);
        QCOMPARE(model.rowOf(target), ThreadModel::kPageSize / 2);
        QCOMPARE(model.rowCount(), ThreadModel::kPageSize);
        QVERIFY(ascending(modelIds(model)));
        QVERIFY(model.canLoadOlder());
        QVERIFY(model.canLoadNewer());

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(model.loadNewer(), ThreadModel::kPageSize);
        QCOMPARE(inserted.first().at(1).toInt(), ThreadModel::kPageSize);
        QVERIFY(model.canLoadNewer());
        model.loadNewer();
        QVERIFY(!model.canLoadNewer());
        QCOMPARE(model.index(model.rowCount() - 1).data(ThreadModel::TextRole).toString(),
                 msgText(kMessages - 1));
        QVERIFY(ascending(modelIds(model)));

        // After a jump, a refresh keeps the window and only notes that newer items exist.
        QVERIFY(model.setThreadAround(target));
        QVERIFY(m_db.rw->ingest(batch({message(kMessages)})));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.rowCount(), ThreadModel::kPageSize);
        QVERIFY(model.canLoadNewer());

        // A vanished item: false, and the model stays as it was.
        QVERIFY(m_db.rw->deleteItem(target));
        const QList<qint64> before = modelIds(model);
        QVERIFY(!model.setThreadAround(target));
        QCOMPARE(modelIds(model), before);
        model.refresh();
        QCOMPARE(model.rowOf(target), -1);
        QCOMPARE(model.rowCount(), ThreadModel::kPageSize - 1);
    }

    void refreshAppendsAndUpdatesDelivery()
    {
        ThreadModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThread(ItemKind::Message, m_conv);
        QListView view;
        view.setModel(&model);
        view.setCurrentIndex(model.index(10));
        const qint64 current = model.index(10).data(ThreadModel::IdRole).toLongLong();
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // Nothing new: no signals.
        model.refresh();
        QCOMPARE(inserted.size() + removed.size() + changed.size(), 0);

        QVERIFY(m_db.rw->ingest(batch({message(kMessages)})));
        model.refresh();
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), ThreadModel::kPageSize);
        QCOMPARE(inserted.first().at(2).toInt(), ThreadModel::kPageSize);
        QCOMPARE(model.index(model.rowCount() - 1).data(ThreadModel::TextRole).toString(),
                 msgText(kMessages));
        inserted.clear();

        const qint64 replyAt = kT0 + (kMessages + 1) * kStep;
        const qint64 reply =
            m_db.rw->recordReply(ItemKind::Message, m_conv, 0, u"好的，马上发货"_s, u"cmd-1"_s, replyAt)
                ->itemId;
        QVERIFY(reply);
        model.refresh();
        QCOMPARE(inserted.size(), 1);
        int row = model.rowOf(reply);
        QCOMPARE(row, model.rowCount() - 1);
        QCOMPARE(model.index(row).data(ThreadModel::DeliveryRole).toInt(), int(Delivery::Pending));
        QVERIFY(model.index(row).data(ThreadModel::OutgoingRole).toBool());
        QCOMPARE(model.index(row).data(ThreadModel::SenderNameRole).toString(), u"店铺一"_s);

        changed.clear();
        QVERIFY(m_db.rw->setReplyResult(reply, Delivery::Sent, u"p-1"_s, {}));
        model.refresh();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), row);
        QCOMPARE(model.index(row).data(ThreadModel::DeliveryRole).toInt(), int(Delivery::Sent));

        const qint64 failed =
            m_db.rw->recordReply(ItemKind::Message, m_conv, 0, u"在吗"_s, u"cmd-2"_s, replyAt + 1000)->itemId;
        QVERIFY(m_db.rw->setReplyResult(failed, Delivery::Failed, {}, u"网络错误"_s));
        model.refresh();
        row = model.rowOf(failed);
        QCOMPARE(model.index(row).data(ThreadModel::DeliveryRole).toInt(), int(Delivery::Failed));
        QCOMPARE(model.index(row).data(ThreadModel::ErrorRole).toString(), u"网络错误"_s);

        // A deleted item goes away with one removal.
        removed.clear();
        QVERIFY(m_db.rw->deleteItem(failed));
        model.refresh();
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowOf(failed), -1);

        QCOMPARE(reset.size(), 0);
        QCOMPARE(view.selectionModel()->currentIndex().data(ThreadModel::IdRole).toLongLong(), current);
        QVERIFY(ascending(modelIds(model)));
    }

    void floodResetsToTheNewestPage()
    {
        ThreadModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThread(ItemKind::Message, m_conv);
        QList<MessageRecord> flood;
        for (int i = kMessages; i < kMessages + ThreadModel::kMaxRefreshGrowth + 10; ++i)
            flood << message(i);
        QVERIFY(m_db.rw->ingest(batch(flood)));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), ThreadModel::kPageSize);
        QCOMPARE(model.index(model.rowCount() - 1).data(ThreadModel::TextRole).toString(),
                 msgText(kMessages + ThreadModel::kMaxRefreshGrowth + 9));
    }

    void recalledAndEditedItems()
    {
        ThreadModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThread(ItemKind::Message, m_conv);
        const int recalledRow = model.rowOf(itemId(msgId(kMessages - 2)));
        const int editedRow = model.rowOf(itemId(msgId(kMessages - 4)));
        QVERIFY(recalledRow >= 0 && editedRow >= 0);

        MessageRecord recall = message(kMessages - 2);
        recall.recalled = true;
        MessageRecord edit = message(kMessages - 4);
        edit.text = u"改过的内容"_s;
        QVERIFY(m_db.rw->ingest(batch({recall, edit})));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refresh();
        QVERIFY(changed.size() >= 1);

        const QModelIndex r = model.index(recalledRow);
        QVERIFY(r.data(ThreadModel::RecalledRole).toBool());
        QCOMPARE(r.data(ThreadModel::TextRole).toString(), u"Message recalled"_s);
        QCOMPARE(r.data(ThreadModel::OriginalTextRole).toString(), msgText(kMessages - 2));

        const QModelIndex e = model.index(editedRow);
        QVERIFY(e.data(ThreadModel::EditedRole).toBool());
        QCOMPARE(e.data(ThreadModel::TextRole).toString(), u"改过的内容"_s);
        QCOMPARE(e.data(ThreadModel::OriginalTextRole).toString(), msgText(kMessages - 4));

        // A second edit: the cache of the first is dropped with the change.
        edit.text = u"又改了"_s;
        QVERIFY(m_db.rw->ingest(batch({edit})));
        model.refresh();
        QCOMPARE(model.index(editedRow).data(ThreadModel::OriginalTextRole).toString(),
                 msgText(kMessages - 4) + u'\n' + u"改过的内容"_s);

        // Items without text show their type.
        MessageRecord image = dm(u"acc-1"_s, u"c1"_s, u"img"_s, u"u-1"_s, {}, kT0 + kMessages * kStep);
        image.type = MessageType::Image;
        image.media = u"https://example.invalid/a.jpg"_s;
        QVERIFY(m_db.rw->ingest(batch({image})));
        model.refresh();
        QCOMPARE(model.index(model.rowCount() - 1).data(ThreadModel::TextRole).toString(), u"[Image]"_s);
    }

    void daySeparatorsOnlyAtDayBoundaries()
    {
        ThreadModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThread(ItemKind::Message, m_conv);
        const auto check = [&] {
            int separators = 0;
            for (int r = 0; r < model.rowCount(); ++r) {
                const QString label = model.index(r).data(ThreadModel::DaySeparatorRole).toString();
                const QDate day =
                    QDateTime::fromMSecsSinceEpoch(model.index(r).data(ThreadModel::TimeRole).toLongLong())
                        .date();
                const QDate previous = r == 0
                                           ? QDate()
                                           : QDateTime::fromMSecsSinceEpoch(
                                                 model.index(r - 1).data(ThreadModel::TimeRole).toLongLong())
                                                 .date();
                QCOMPARE(!label.isEmpty(), r == 0 || day != previous);
                if (!label.isEmpty()) {
                    QCOMPARE(label, ThreadModel::dayLabel(day, QDate::currentDate()));
                    ++separators;
                }
            }
            QVERIFY(separators > 1);
            QVERIFY(separators < model.rowCount() / 4);
        };
        check();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        while (model.canLoadOlder())
            model.loadOlder();
        check();

        const QDate today(2026, 5, 20);
        QCOMPARE(ThreadModel::dayLabel(today, today), u"Today"_s);
        QCOMPARE(ThreadModel::dayLabel(today.addDays(-1), today), u"Yesterday"_s);
        QCOMPARE(ThreadModel::dayLabel(QDate(2026, 1, 3), today),
                 QLocale().toString(QDate(2026, 1, 3), QLocale::LongFormat));
    }

    void commentRepliesQuoteTheirParent()
    {
        ThreadModel model(m_db.ro.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThread(ItemKind::Comment, m_video);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0).data(ThreadModel::ParentTextRole).toString(), QString());
        QCOMPARE(model.index(1).data(ThreadModel::ParentTextRole).toString(), u"这个视频在哪拍的？"_s);
        QVERIFY(model.index(1).data(ThreadModel::OutgoingRole).toBool());
        QCOMPARE(model.index(2).data(ThreadModel::ParentTextRole).toString(), u"这个视频在哪拍的？"_s);
        QCOMPARE(model.index(0).data(ThreadModel::SenderNameRole).toString(), u"alice"_s);

        // Jumping to a reply.
        QVERIFY(model.setThreadAround(itemId(u"k3"_s, ItemKind::Comment)));
        QCOMPARE(model.index(model.rowOf(itemId(u"k3"_s, ItemKind::Comment)))
                     .data(ThreadModel::ParentTextRole)
                     .toString(),
                 u"这个视频在哪拍的？"_s);

        // A recalled parent: the replies' quotes follow.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_db.rw->recallItem(itemId(u"k1"_s, ItemKind::Comment)));
        model.refresh();
        QCOMPARE(model.index(2).data(ThreadModel::ParentTextRole).toString(), u"Message recalled"_s);
        bool quoteSignalled = false;
        for (const auto &args : std::as_const(changed)) {
            const int first = args.at(0).value<QModelIndex>().row();
            const int last = args.at(1).value<QModelIndex>().row();
            quoteSignalled = quoteSignalled || (first <= 2 && last >= 2);
        }
        QVERIFY(quoteSignalled);
    }

    void delegateHeightsGrowWithText()
    {
        QStandardItemModel rows;
        for (const int length : {4, 80, 400, 2000}) {
            auto *item = new QStandardItem;
            item->setData(QString(length, u'字'), ThreadModel::TextRole);
            item->setData(kT0, ThreadModel::TimeRole);
            rows.appendRow(item);
        }
        MessageDelegate delegate;
        const QStyleOptionViewItem option = optionFor(400);
        int previous = 0;
        for (int r = 0; r < rows.rowCount(); ++r) {
            const int h = delegate.sizeHint(option, rows.index(r, 0)).height();
            QVERIFY2(h > previous,
                     qPrintable(QStringLiteral("row %1: %2 after %3").arg(r).arg(h).arg(previous)));
            previous = h;
        }
        // Narrower views wrap into more lines.
        QVERIFY(delegate.sizeHint(optionFor(250), rows.index(2, 0)).height() >
                delegate.sizeHint(optionFor(600), rows.index(2, 0)).height());
        // A long unbroken run wraps as well.
        rows.item(0)->setData(QString(300, u'x'), ThreadModel::TextRole);
        QVERIFY(delegate.sizeHint(option, rows.index(0, 0)).height() > 3 * option.fontMetrics.height());
    }

    void delegatePaintsEveryKindWithinItsSize()
    {
        // In, out, pending, failed, recalled, edited, image, day separators...
        QVERIFY(m_db.rw->recallItem(itemId(msgId(kMessages - 2))));
        MessageRecord edit = message(kMessages - 4);
        edit.text = u"改过的内容，而且比原来长很多很多很多很多很多很多很多很多很多"_s;
        QVERIFY(m_db.rw->ingest(batch({edit})));
        const qint64 pending =
            m_db.rw->recordReply(ItemKind::Message, m_conv, 0, u"稍等"_s, u"cmd-p"_s, kT0 + kMessages * kStep)
                ->itemId;
        const qint64 failed = m_db.rw
                                  ->recordReply(ItemKind::Message, m_conv, 0, u"失败的回复"_s, u"cmd-f"_s,
                                                kT0 + kMessages * kStep + 1000)
                                  ->itemId;
        QVERIFY(m_db.rw->setReplyResult(failed, Delivery::Failed, {}, u"账号已掉线，请重新登录"_s));
        QVERIFY(pending && failed);

        MessageDelegate delegate;
        ThreadModel messages(m_db.ro.get());
        QAbstractItemModelTester tester(&messages, QAbstractItemModelTester::FailureReportingMode::QtTest);
        messages.setThread(ItemKind::Message, m_conv);
        ThreadModel comments(m_db.ro.get());
        comments.setThread(ItemKind::Comment, m_video);
        for (ThreadModel *model : {&messages, &comments}) {
            for (int r = 0; r < model->rowCount(); ++r) {
                QStyleOptionViewItem option = optionFor(420);
                option.state.setFlag(QStyle::State_Selected, r % 7 == 0);
                const QSize size = delegate.sizeHint(option, model->index(r));
                QVERIFY(size.height() > option.fontMetrics.height());
                option.rect = QRect(0, 0, 420, size.height());
                QImage image(420, size.height() + 40, QImage::Format_ARGB32_Premultiplied);
                image.fill(Qt::transparent);
                {
                    QPainter painter(&image);
                    delegate.paint(&painter, option, model->index(r));
                }
                const int lowest = lowestPaintedRow(image);
                QVERIFY2(lowest < size.height(),
                         qPrintable(QStringLiteral("row %1 paints at %2, beyond its height %3")
                                        .arg(r)
                                        .arg(lowest)
                                        .arg(size.height())));
                QVERIFY2(lowest >= size.height() * 3 / 5,
                         qPrintable(QStringLiteral("row %1 leaves its bottom empty (%2 of %3)")
                                        .arg(r)
                                        .arg(lowest)
                                        .arg(size.height())));
            }
        }

        // Inside a real view, which gives no width to sizeHint().
        QListView view;
        view.setResizeMode(QListView::Adjust);
        view.setUniformItemSizes(false);
        view.setWordWrap(true);
        view.setItemDelegate(&delegate);
        view.setModel(&messages);
        view.resize(480, 640);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.scrollToBottom();
        QVERIFY(!view.grab().isNull());
        const QRect lastRect = view.visualRect(messages.index(messages.rowCount() - 1));
        QVERIFY(lastRect.height() > view.fontMetrics().height() * 2);
    }
};

QTEST_MAIN(TestThreadModel)
#include "TestThreadModel.moc"
