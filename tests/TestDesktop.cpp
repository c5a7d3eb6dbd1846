// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop as an operator uses it: real widgets (offscreen), the embedded master in its thread,
// the demo connector feeding it, a temporary data folder.

#include "TestUtil.h"

#include "ui/app/AppSession.h"
#include "ui/inbox/ConversationListModel.h"
#include "ui/inbox/InboxListView.h"
#include "ui/search/SearchPanel.h"
#include "ui/settings/Settings.h"
#include "ui/thread/ThreadModel.h"
#include "ui/window/MainWindow.h"
#include "ui/window/TrayNotifier.h"

#include <QAction>
#include <QApplication>
#include <QInputMethodEvent>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>

using namespace testutil;
using namespace hiscrm::ui;

class TestDesktop : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    int m_n = 0;
    QString m_data;

    QListView *list() const { return m_window->findChild<QListView *>(u"conversationList"_s); }
    QListView *threadView() const { return m_window->findChild<QListView *>(u"threadView"_s); }
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }
    ConversationListModel *conversations() const
    {
        return qobject_cast<ConversationListModel *>(list()->model());
    }
    ThreadModel *thread() const { return qobject_cast<ThreadModel *>(threadView()->model()); }
    TrayNotifier *tray() const { return m_window->findChild<TrayNotifier *>(); }

    bool refreshed(const std::function<bool()> &condition)
    {
        m_window->flushRefresh();
        return condition();
    }

    void start(bool demo, bool freshFolder = true)
    {
        if (freshFolder)
            m_data = m_dir.filePath(QStringLiteral("data%1").arg(++m_n));
        m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings%1.ini").arg(m_n)));
        m_session = std::make_unique<AppSession>();
        QVERIFY(!m_session->start(m_data));
        if (demo)
            m_session->startDemo(1000, 600);
        m_window = std::make_unique<MainWindow>(m_session.get(), m_settings.get());
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // The pointer may still be where an earlier test left it, over this window's list.
        leaveList();
        if (demo) {
            // Let the demo platform deliver its burst, so the chats hold still while a test acts.
            QTRY_VERIFY_WITH_TIMEOUT(refreshed([this] {
                                         const auto c = m_session->store()->counts();
                                         return c && c->value(u"messages"_s).toInteger() +
                                                             c->value(u"comments"_s).toInteger() >=
                                                         600;
                                     }),
                                     30000);
            QTRY_VERIFY2_WITH_TIMEOUT(refreshed([this] { return conversations()->rowCount() >= 10; }),
                                      qPrintable(QStringLiteral("%1 rows, holding %2, %3 new")
                                                     .arg(conversations()->rowCount())
                                                     .arg(inboxList()->isHolding())
                                                     .arg(inboxList()->newCount())),
                                      20000);
        }
    }

    void stop()
    {
        m_window.reset();
        m_session.reset();
        m_settings.reset();
    }

    InboxListView *inboxList() { return static_cast<InboxListView *>(list()); }

    // As the operator does: the pointer rests on the row (the list holds still under it, while the
    // demo goes on) until it is one that could have been aimed at, then a click.
    qint64 openRow(int row)
    {
        const QModelIndex i = conversations()->index(row);
        list()->scrollTo(i);
        const QPoint at = list()->visualRect(i).center();
        QTest::mouseMove(list()->viewport(), at);
        [&] {
            QTRY_VERIFY(inboxList()->isSettledAt(at));
        }();
        const qint64 id = list()->indexAt(at).data(ConversationListModel::IdRole).toLongLong();
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, at);
        [&] {
            QTRY_COMPARE(m_window->currentConversation(), id);
        }();
        return id;
    }

    // The list holds its rows still while the pointer is over it; the operator moves on.
    void leaveList()
    {
        QTest::mouseMove(threadView()->viewport(), QPoint(10, 10));
        QTRY_VERIFY(!inboxList()->isHolding());
    }

    qint64 unreadOf(qint64 id)
    {
        const int row = conversations()->rowOf(id);
        return row < 0 ? -1
                       : conversations()->index(row).data(ConversationListModel::UnreadRole).toLongLong();
    }

    // Chinese arrives as an input method's commit, as it does from a real IME.
    static void typeText(QWidget *w, const QString &text)
    {
        QInputMethodEvent commit;
        commit.setCommitString(text);
        QApplication::sendEvent(w, &commit);
    }

    // Types a reply and sends it with Enter; returns the new item's row text once it shows.
    void sendReply(const QString &text)
    {
        auto *composer = m_window->findChild<QPlainTextEdit *>(u"composer"_s);
        QVERIFY(composer);
        composer->setFocus();
        typeText(composer, text);
        QTest::keyClick(composer, Qt::Key_Return);
        QCOMPARE(composer->toPlainText(), QString()); // Enter sent it
    }

    QString dumpThread()
    {
        QString out;
        const auto page = m_session->store()->thread(ItemKind::Message, m_window->currentConversation(), 5);
        for (const Item &it : page->items)
            out += u" | "_s + QString::number(it.id) + u" "_s + it.text + u" "_s +
                   QString::number(int(it.delivery));
        for (int r = 0; r < thread()->rowCount(); ++r)
            out += u" || row "_s + QString::number(thread()->index(r).data(ThreadModel::IdRole).toLongLong());
        return out;
    }

    int rowWithText(const QString &text)
    {
        for (int r = thread()->rowCount() - 1; r >= 0; --r) {
            if (thread()->index(r).data(ThreadModel::TextRole).toString() == text)
                return r;
        }
        return -1;
    }

private slots:
    void cleanup() { stop(); }

    void welcomeOffersTheDemo()
    {
        start(false);
        auto *central = m_window->centralWidget();
        auto *stack = qobject_cast<QStackedWidget *>(central);
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget()->objectName(), u"welcomePage"_s);
        auto *demo = m_window->findChild<QPushButton *>(u"startDemoButton"_s);
        QVERIFY(demo);
        QVERIFY(!demo->accessibleName().isEmpty());
        QTest::mouseClick(demo, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            refreshed([&] { return stack->currentWidget()->objectName() != u"welcomePage"; }), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([this] { return conversations()->rowCount() > 0; }), 20000);
    }

    // Before any geometry is saved the window fits the screen (here the offscreen platform's), so
    // the status bar and the reply box are not below its bottom edge. Its width is at least what
    // the three panes need (about 800 pixels), which this screen only just has.
    void firstWindowFitsTheScreen()
    {
        start(false);
        const QRect free = m_window->screen()->availableGeometry();
        const QRect frame = m_window->frameGeometry();
        const QString where = u"%1 × %2 at %3,%4 on a free area of %5 × %6"_s.arg(frame.width())
                                  .arg(frame.height())
                                  .arg(frame.x())
                                  .arg(frame.y())
                                  .arg(free.width())
                                  .arg(free.height());
        QVERIFY2(frame.top() >= free.top() && frame.bottom() <= free.bottom(), qPrintable(where));
        QVERIFY2(frame.left() >= free.left(), qPrintable(where));
        if (m_window->minimumSizeHint().width() <= free.width())
            QVERIFY2(frame.right() <= free.right(), qPrintable(where));
        auto *status = m_window->statusBar();
        QVERIFY(status->isVisible());
        QVERIFY(status->mapToGlobal(QPoint(0, status->height())).y() <= free.bottom() + 1);
    }

    void replyAppearsPendingThenSent()
    {
        start(true);
        openRow(0);
        sendReply(u"好的，今天发货 #ok"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(refreshed([this] { return rowWithText(u"好的，今天发货 #ok"_s) >= 0; }),
                                  qPrintable(u"status: "_s + m_window->statusBar()->currentMessage() +
                                             u", rows "_s + QString::number(thread()->rowCount()) +
                                             u", thread "_s + QString::number(thread()->threadId()) +
                                             u", current "_s +
                                             QString::number(m_window->currentConversation()) + dumpThread()),
                                  20000);
        const int row = rowWithText(u"好的，今天发货 #ok"_s);
        QVERIFY(thread()->index(row).data(ThreadModel::OutgoingRole).toBool());
        // The demo platform answers after ~300 ms: pending first, then sent.
        QCOMPARE(thread()->index(row).data(ThreadModel::DeliveryRole).toInt(), int(Delivery::Pending));
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([this] {
                                     const int r = rowWithText(u"好的，今天发货 #ok"_s);
                                     return r >= 0 &&
                                            thread()->index(r).data(ThreadModel::DeliveryRole).toInt() ==
                                                int(Delivery::Sent);
                                 }),
                                 20000);
    }

    void failedReplyShowsReasonAndRetrySends()
    {
        start(true);
        openRow(1);
        sendReply(u"稍后联系您 #failonce"_s);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([this] {
                                     const int r = rowWithText(u"稍后联系您 #failonce"_s);
                                     return r >= 0 &&
                                            thread()->index(r).data(ThreadModel::DeliveryRole).toInt() ==
                                                int(Delivery::Failed);
                                 }),
                                 20000);
        const int row = rowWithText(u"稍后联系您 #failonce"_s);
        QVERIFY(!thread()->index(row).data(ThreadModel::ErrorRole).toString().isEmpty());
        threadView()->setCurrentIndex(thread()->index(row));
        action("actionRetry")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([this] {
                                     const int r = rowWithText(u"稍后联系您 #failonce"_s);
                                     return r >= 0 &&
                                            thread()->index(r).data(ThreadModel::DeliveryRole).toInt() ==
                                                int(Delivery::Sent);
                                 }),
                                 20000);
    }

    void markUnreadAndReadUpdateBadgesAndTray()
    {
        start(true);
        const qint64 id = openRow(2);
        // Opening it at its end read it.
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([&] { return unreadOf(id) == 0; }), 20000);
        const qint64 trayBefore = tray()->unread();
        action("actionMarkUnread")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([&] { return unreadOf(id) == 1; }), 20000);
        QCOMPARE(tray()->unread(), trayBefore + 1);
        action("actionMarkRead")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([&] { return unreadOf(id) == 0; }), 20000);
        QCOMPARE(tray()->unread(), trayBefore);
    }

    void pinMovesToTopAndSurvivesRestart()
    {
        start(true);
        const qint64 id = openRow(5);
        leaveList();
        action("actionPin")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([&] { return conversations()->rowOf(id) == 0; }), 20000);
        // The selection stayed on the conversation while it moved.
        QCOMPARE(list()->currentIndex().data(ConversationListModel::IdRole).toLongLong(), id);
        QVERIFY(conversations()->index(0).data(ConversationListModel::PinnedRole).toBool());
        stop();
        start(false, false); // same data folder, no demo this time
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([&] { return conversations()->rowOf(id) == 0; }), 20000);
        QVERIFY(conversations()->index(0).data(ConversationListModel::PinnedRole).toBool());
    }

    void searchTwoCharChineseAndOpenAtTheMessage()
    {
        start(true);
        // A message of the history with a two-character Chinese word in it.
        static const QRegularExpression han(u"[\\x{4e00}-\\x{9fff}]{2}"_s);
        qint64 itemId = 0;
        QString word;
        auto page = m_session->store()->conversations({}, 50);
        for (const Conversation &c : page->conversations) {
            auto t = m_session->store()->thread(ItemKind::Message, c.id, 20);
            for (const Item &it : t->items) {
                const auto m = han.match(it.text);
                if (m.hasMatch() && it.direction == Direction::In) {
                    itemId = it.id;
                    word = m.captured();
                    break;
                }
            }
            if (itemId)
                break;
        }
        QVERIFY(itemId);
        action("actionSearch")->trigger();
        auto *panel = m_window->findChild<SearchPanel *>();
        QVERIFY(panel && panel->isVisible());
        auto *edit = panel->findChild<QLineEdit *>(u"searchEdit"_s);
        QVERIFY(edit && edit->hasFocus());
        QSignalSpy ready(panel, &SearchPanel::resultsReady);
        typeText(edit, word);
        QVERIFY(ready.wait(10000));
        QTRY_VERIFY(!panel->isBusy());
        auto *results = panel->findChild<QListView *>(u"resultsView"_s);
        QVERIFY(results);
        int row = -1;
        for (int r = 0; r < results->model()->rowCount(); ++r) {
            if (results->model()->index(r, 0).data(Qt::UserRole + 1).toLongLong() == itemId)
                row = r;
        }
        if (row < 0) {
            // Newest first: the message may be below the first page; narrow to its conversation.
            const auto it = m_session->store()->item(itemId);
            m_window->openItem(itemId);
            QCOMPARE(m_window->currentConversation(), it.value()->threadId);
        } else {
            results->setCurrentIndex(results->model()->index(row, 0));
            QTest::keyClick(edit, Qt::Key_Return);
        }
        const auto it = m_session->store()->item(itemId);
        QTRY_COMPARE(m_window->currentConversation(), it.value()->threadId);
        QTRY_COMPARE(threadView()->currentIndex().data(ThreadModel::IdRole).toLongLong(), itemId);
    }

    void tagAChatAndFilterByTheTag()
    {
        start(true);
        const qint64 id = openRow(3);
        std::optional<qint64> tagId;
        m_session->link()->command(u"create_tag"_s, {{u"name"_s, u"售后"_s}, {u"color"_s, u"#e0533d"_s}},
                                   [&](const Result<QJsonObject> &r) {
                                       if (r)
                                           tagId = r->value(u"tag_id"_s).toInteger();
                                   });
        QTRY_VERIFY(tagId.has_value());
        auto *menu = m_window->findChild<QMenu *>(u"tagsMenu"_s);
        QVERIFY(menu);
        emit menu->aboutToShow();
        QAction *tagAction = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->text() == u"售后")
                tagAction = a;
        }
        QVERIFY(tagAction);
        tagAction->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            refreshed([&] { return conv(*m_session->store(), id).tagIds.contains(*tagId); }), 20000);
        m_window->selectView(QStringLiteral("tag:%1").arg(*tagId));
        QTRY_COMPARE(conversations()->rowCount(), 1);
        QCOMPARE(conversations()->index(0).data(ConversationListModel::IdRole).toLongLong(), id);
    }

    void archiveHidesFromAllShowsInArchived()
    {
        start(true);
        const qint64 id = openRow(4);
        action("actionArchive")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed([&] { return conv(*m_session->store(), id).archived; }), 20000);
        // Still open, so still listed (and current) until the operator leaves it...
        QVERIFY(conversations()->rowOf(id) >= 0);
        QCOMPARE(m_window->currentConversation(), id);
        QCOMPARE(list()->currentIndex().data(ConversationListModel::IdRole).toLongLong(), id);
        // ...for another chat, which the operator chose: the archived one leaves All.
        const qint64 other = openRow(conversations()->rowOf(id) == 0 ? 1 : 0);
        QVERIFY(other != id);
        leaveList();
        QTRY_VERIFY(refreshed([&] { return conversations()->rowOf(id) < 0; }));
        m_window->selectView(u"archived"_s);
        QTRY_VERIFY(conversations()->rowOf(id) >= 0);
        m_window->selectView(u"all"_s);
        QVERIFY(conversations()->rowOf(id) < 0);
    }

    void keyboardMovesBetweenConversations()
    {
        start(true);
        const qint64 first = openRow(0);
        action("actionNext")->trigger();
        QTRY_VERIFY(m_window->currentConversation() != first);
        action("actionPrevious")->trigger();
        QTRY_COMPARE(m_window->currentConversation(), first);
    }
};

QTEST_MAIN(TestDesktop)
#include "TestDesktop.moc"
