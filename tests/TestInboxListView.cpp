// SPDX-License-Identifier: GPL-3.0-or-later
// The inbox list view on its own (offscreen), over a plain model: which row changes make a click
// wait until the row has settled, and which do not.

#include "TestUtil.h"

#include "ui/inbox/InboxListView.h"
#include "ui/inbox/InboxRoles.h"

#include <QSignalSpy>
#include <QStandardItemModel>

using hiscrm::ui::InboxListView;
using hiscrm::ui::InboxRoles;

class TestInboxListView : public QObject
{
    Q_OBJECT

    QStandardItemModel m_model;
    std::unique_ptr<InboxListView> m_view;
    qint64 m_nextId = 1;

    QStandardItem *item()
    {
        auto *i = new QStandardItem(QStringLiteral("chat %1").arg(m_nextId));
        i->setData(m_nextId++, InboxRoles::Id);
        return i;
    }
    QPoint centerOf(int row) { return m_view->visualRect(m_model.index(row, 0)).center(); }
    bool settled(int row) { return m_view->isSettledAt(centerOf(row)); }

private slots:
    void init()
    {
        m_model.clear();
        m_nextId = 1;
        for (int i = 0; i < 8; ++i)
            m_model.appendRow(item());
        m_view = std::make_unique<InboxListView>();
        m_view->setModel(&m_model);
        m_view->setUniformItemSizes(true);
        m_view->resize(300, 600);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setSettleMs(60 * 1000);
    }
    void cleanup() { m_view.reset(); }

    void rowsShownFromTheStartAreSettled()
    {
        for (int row = 0; row < m_model.rowCount(); ++row)
            QVERIFY(settled(row));
        QVERIFY(m_view->isSettledAt(QPoint(5, m_view->viewport()->height() - 2))); // no row there
    }

    // A row inserted above others moves every row below it; the rows above stay settled.
    void insertedRowMovesTheRowsBelow()
    {
        m_model.insertRow(3, item());
        for (int row = 0; row < 3; ++row)
            QVERIFY(settled(row));
        for (int row = 3; row < m_model.rowCount(); ++row)
            QVERIFY2(!settled(row), qPrintable(QString::number(row)));
    }

    void movedRowMovesTheRowsBetween()
    {
        m_model.insertRow(1, m_model.takeRow(5)); // row 5 moves up to row 1
        QVERIFY(settled(0));
        for (int row = 1; row <= 5; ++row)
            QVERIFY(!settled(row));
        QVERIFY(settled(6));
        QVERIFY(settled(7));
    }

    void removedRowMovesTheRowsBelow()
    {
        m_model.removeRow(6);
        QVERIFY(settled(5));
        QVERIFY(!settled(6));
    }

    // The next page only fills empty space below the last row: nothing moved.
    void appendedPageIsSettled()
    {
        for (int i = 0; i < 3; ++i)
            m_model.appendRow(item());
        for (int row = 0; row < m_model.rowCount(); ++row)
            QVERIFY(settled(row));
    }

    // A reset is the operator's own doing (another view): the new rows are seen as new.
    void resetRowsAreSettled()
    {
        m_model.insertRow(0, item());
        QVERIFY(!settled(1));
        m_model.clear();
        for (int i = 0; i < 4; ++i)
            m_model.appendRow(item());
        for (int row = 0; row < m_model.rowCount(); ++row)
            QVERIFY(settled(row));
    }

    // A click on an unsettled row changes nothing and says so; once settled, it counts.
    void clickWaitsForTheRowToSettle()
    {
        QSignalSpy held(m_view.get(), &InboxListView::clickHeldBack);
        QSignalSpy open(m_view.get(), &InboxListView::openRequested);
        const QPersistentModelIndex current = m_view->currentIndex();
        m_model.insertRow(0, item());
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, centerOf(2));
        QCOMPARE(held.size(), 1);
        QCOMPARE(open.size(), 0);
        QCOMPARE(QPersistentModelIndex(m_view->currentIndex()), current);
        m_view->setSettleMs(20);
        QTRY_VERIFY(settled(2));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, centerOf(2));
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.at(0).at(0).toModelIndex().row(), 2);
        QCOMPARE(held.size(), 1);
    }
};

QTEST_MAIN(TestInboxListView)
#include "TestInboxListView.moc"
