// SPDX-License-Identifier: GPL-3.0-or-later
// Triage as an operator does it, on real widgets (offscreen) over the embedded master: a worker on
// a real WebSocket brings a known set of chats, then the test clicks, types and points the way an
// operator would and checks that the app never reads, opens or sends anything by accident.

#include "InboxHarness.h"

#include "ui/inbox/ConversationDelegate.h"
#include "ui/search/ChatMatchesModel.h"
#include "ui/search/SearchPanel.h"
#include "ui/search/SearchResultsModel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QToolButton>

using namespace testutil;

class TestTriage : public InboxHarness
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { stop(); }

    // Critical 1: one click in Unread reads exactly that chat; nothing cascades through the view.
    void unreadViewClickReadsExactlyOneChat()
    {
        start();
        m_window->selectView(u"unread"_s);
        const qint64 before = unreadChats();
        QVERIFY(before >= 10);
        QCOMPARE(conversations()->rowCount(), int(before));
        const qint64 chosen = idAt(3);
        clickRow(list(), 3);
        QTRY_COMPARE(m_window->currentConversation(), chosen);
        QTRY_VERIFY(refreshed([&] { return unreadOf(chosen) == 0; }));
        // Read, and still listed and current while open, with the pointer on the list or not.
        QVERIFY(holdsFor(600, [&] { return unreadChats() == before - 1; }));
        leaveList();
        QVERIFY(holdsFor(600, [&] {
            return unreadChats() == before - 1 && m_window->currentConversation() == chosen &&
                   list()->currentIndex().data(ConversationListModel::IdRole).toLongLong() == chosen;
        }));
        // Moving on to the next chat reads that one only; the first leaves the view.
        const int next = conversations()->rowOf(chosen) + 1;
        const qint64 second = idAt(next);
        clickRow(list(), next);
        QTRY_VERIFY(refreshed([&] { return unreadOf(second) == 0; }));
        leaveList();
        QVERIFY(holdsFor(600, [&] { return unreadChats() == before - 2; }));
        QTRY_VERIFY(refreshed([&] { return conversations()->rowOf(chosen) < 0; }));
        QCOMPARE(m_window->currentConversation(), second);
        // The open chat is listed (and current) in any view chosen while it is open.
        m_window->selectView(u"pinned"_s);
        QCOMPARE(list()->currentIndex().data(ConversationListModel::IdRole).toLongLong(), second);
        m_window->selectView(u"unread"_s);
        QCOMPARE(list()->currentIndex().data(ConversationListModel::IdRole).toLongLong(), second);
        QCOMPARE(unreadChats(), before - 2);
    }

    // Keyboard navigation is a deliberate choice too: each key opens (and reads) one chat.
    void keyboardWalkReadsOneChatPerKey()
    {
        start();
        m_window->selectView(u"unread"_s);
        const qint64 before = unreadChats();
        clickRow(list(), 0);
        QTRY_VERIFY(refreshed([&] { return unreadChats() == before - 1; }));
        list()->setFocus();
        QTest::keyClick(list(), Qt::Key_Down);
        QTRY_VERIFY(refreshed([&] { return unreadChats() == before - 2; }));
        QVERIFY(list()->hasFocus()); // the keys keep moving through the list
        QTest::keyClick(list(), Qt::Key_Down);
        QTRY_VERIFY(refreshed([&] { return unreadChats() == before - 3; }));
        QVERIFY(holdsFor(800, [&] { return unreadChats() == before - 3; }));
        // Letters typed in the list go to the reply box, never jump to another chat.
        const qint64 open = m_window->currentConversation();
        QTest::keyClicks(list(), u"ok"_s);
        QCOMPARE(m_window->currentConversation(), open);
        QCOMPARE(composer()->toPlainText(), u"ok"_s);
        QVERIFY(composer()->hasFocus());
        QVERIFY(holdsFor(400, [&] { return unreadChats() == before - 3; }));
    }

    // Archive keeps the chat open; nothing else opens or is read.
    void archiveOpensNothingElse()
    {
        start();
        clickRow(list(), 0);
        const qint64 chosen = m_window->currentConversation();
        QVERIFY(chosen);
        QTRY_VERIFY(refreshed([&] { return unreadOf(chosen) == 0; }));
        const qint64 before = unreadChats();
        leaveList();
        QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(refreshed([&] { return conv(store(), chosen).archived; }));
        QVERIFY(holdsFor(600, [&] {
            return m_window->currentConversation() == chosen && unreadChats() == before &&
                   list()->currentIndex().data(ConversationListModel::IdRole).toLongLong() == chosen;
        }));
        // The toolbar now offers to undo it.
        QCOMPARE(action("actionArchive")->text(), u"Unarchive"_s);
    }

    // Replying in Awaiting reply answers the chat: it stays open, and no neighbour opens.
    void replyInAwaitingViewStaysOnTheChat()
    {
        start();
        m_window->selectView(u"awaiting"_s);
        clickRow(list(), 2);
        const qint64 chosen = m_window->currentConversation();
        QTRY_VERIFY(refreshed([&] { return unreadOf(chosen) == 0; }));
        const qint64 before = unreadChats();
        leaveList();
        QVERIFY(composer()->hasFocus());
        commit(composer(), u"马上为您处理"_s);
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_VERIFY(refreshed([&] { return !conv(store(), chosen).awaitingReply(); }));
        QVERIFY(holdsFor(600, [&] {
            return m_window->currentConversation() == chosen && unreadChats() == before &&
                   conversations()->rowOf(chosen) >= 0;
        }));
    }

    // A right click shows the row's menu; pinning from it neither opens nor reads the chat.
    void rightClickPinReadsNothing()
    {
        start();
        m_window->selectView(u"unread"_s);
        const qint64 target = idAt(4);
        const qint64 before = unreadChats();
        QAction *pin = nullptr;
        onNextPopup([&](QWidget *w) {
            auto *menu = qobject_cast<QMenu *>(w);
            QVERIFY(menu);
            for (QAction *a : menu->actions()) {
                if (a->objectName() == u"actionPin")
                    pin = a;
            }
            QVERIFY(pin);
            QVERIFY(pin->isEnabled());
            menu->close();
            pin->trigger();
        });
        rightClick(list(), restOnRow(list(), 4));
        QVERIFY(pin);
        QTRY_VERIFY(refreshed([&] { return conv(store(), target).pinned; }));
        QCOMPARE(m_window->currentConversation(), 0);
        QVERIFY(holdsFor(600, [&] { return unreadChats() == before && unreadOf(target) == 2; }));
    }

    // The user card opens exactly the chat chosen, archived or not.
    void userCardOpensTheChosenArchivedChat()
    {
        start();
        const qint64 archived = cid(u"c-z1"_s);
        const qint64 other = cid(u"c-z2"_s, u"acc-2"_s);
        QVERIFY(archived && other);
        bool done = false;
        m_session->link()->command(u"archive"_s, {{u"conversation_id"_s, archived}},
                                   [&](const Result<QJsonObject> &) { done = true; });
        QTRY_VERIFY(done);
        QTRY_VERIFY(refreshed([&] { return conversations()->rowOf(archived) < 0; }));
        m_window->openConversation(other);
        QTRY_COMPARE(m_window->currentConversation(), other);
        onNextPopup([&](QWidget *w) {
            auto *chats = w->findChild<QListWidget *>(u"userConversations"_s);
            QVERIFY(chats);
            for (int r = 0; r < chats->count(); ++r) {
                if (chats->item(r)->data(Qt::UserRole).toLongLong() == archived) {
                    emit chats->itemActivated(chats->item(r));
                    return;
                }
            }
            QFAIL("the archived chat is not on the card");
        });
        action("actionUserCard")->trigger();
        QTRY_COMPARE(m_window->currentConversation(), archived);
        QTRY_COMPARE(list()->currentIndex().data(ConversationListModel::IdRole).toLongLong(), archived);
        QTRY_VERIFY(composer()->hasFocus());
    }

    // "Messages from 张三" on the user card lists what the fan wrote on every account, newest first,
    // and opens and reads nothing; a message's menu in the thread offers the same.
    void messagesFromTheFanOpenAndReadNothing()
    {
        start();
        const qint64 first = cid(u"c-z1"_s);
        const qint64 second = cid(u"c-z2"_s, u"acc-2"_s);
        m_window->openConversation(second);
        QTRY_COMPARE(m_window->currentConversation(), second);
        QTRY_VERIFY(refreshed([&] { return unreadOf(second) == 0; }));
        const qint64 before = unreadChats();
        onNextPopup([](QWidget *w) {
            auto *button = w->findChild<QPushButton *>(u"searchSenderButton"_s);
            QVERIFY(button);
            QVERIFY(button->text().contains(u"张三"_s));
            button->click();
        });
        action("actionUserCard")->trigger();
        auto *panel = m_window->findChild<SearchPanel *>(u"searchPanel"_s);
        QVERIFY(panel);
        QTRY_VERIFY(panel->isVisible());
        QTRY_COMPARE(panel->resultCount(), 2);
        QCOMPARE(panel->resultsModel()->result(0).item.text, u"第二个店的问题"_s);
        QCOMPARE(panel->resultsModel()->result(1).item.text, u"第一个店的问题"_s);
        auto *chip = panel->findChild<QToolButton *>(u"senderFilter"_s);
        QVERIFY(chip->isVisible() && chip->text().contains(u"张三"_s));
        QVERIFY(holdsFor(600, [&] {
            return unreadChats() == before && unreadOf(first) == 1 &&
                   m_window->currentConversation() == second;
        }));

        // Without the filter and any words the panel is empty; the message's menu brings it back.
        QTest::mouseClick(chip, Qt::LeftButton);
        QTRY_COMPARE(panel->resultCount(), 0);
        QTRY_VERIFY(thread()->rowCount() > 0);
        const QModelIndex message = thread()->index(thread()->rowCount() - 1);
        QAction *messages = nullptr;
        onNextPopup([&](QWidget *w) {
            auto *menu = qobject_cast<QMenu *>(w);
            QVERIFY(menu);
            messages = menu->findChild<QAction *>(u"searchSenderAction"_s);
            QVERIFY(messages);
            QVERIFY(messages->text().contains(u"张三"_s));
            menu->close();
            messages->trigger();
        });
        rightClick(threadView(), threadView()->visualRect(message).center());
        QVERIFY(messages);
        QTRY_COMPARE(panel->resultCount(), 2);
        QVERIFY(chip->isVisible());
        QVERIFY(holdsFor(600, [&] {
            return unreadChats() == before && unreadOf(first) == 1 &&
                   m_window->currentConversation() == second;
        }));

        // Ctrl+K in the open search keeps the filter; the search closed and opened again with
        // Ctrl+K searches everything (the chip gone, the filters above it kept), as does Ctrl+F
        // in the open chat (its own chip only).
        action("actionSearch")->trigger();
        QVERIFY(chip->isVisible());
        QCOMPARE(panel->resultCount(), 2);
        action("actionEscape")->trigger();
        QTRY_VERIFY(!panel->isVisible());
        action("actionSearch")->trigger();
        QTRY_VERIFY(panel->isVisible());
        QVERIFY(!chip->isVisible());
        QTRY_COMPARE(panel->resultCount(), 0); // no words, no one: nothing listed
        auto *scope = panel->findChild<QToolButton *>(u"conversationFilter"_s);
        panel->setSenderFilter(m_window->session()->store()->conversation(second).value()->peerUserId,
                               u"张三"_s);
        QTRY_COMPARE(panel->resultCount(), 2);
        action("actionEscape")->trigger();
        action("actionFind")->trigger();
        QTRY_VERIFY(panel->isVisible());
        QVERIFY(scope->isVisible() && !chip->isVisible());
        action("actionEscape")->trigger();
        action("actionSearch")->trigger();
        QTRY_VERIFY(panel->isVisible());
        QVERIFY(!scope->isVisible() && !chip->isVisible());
        QVERIFY(holdsFor(300, [&] {
            return unreadChats() == before && unreadOf(first) == 1 &&
                   m_window->currentConversation() == second;
        }));
    }

    // Critical 2: a draft per chat, restored on return, kept across restarts, shown in the list.
    void draftsSurviveSwitchingAndRestart()
    {
        start();
        clickRow(list(), 0);
        const qint64 a = m_window->currentConversation();
        commit(composer(), u"给第一位客户的回复"_s);
        clickRow(list(), 1);
        const qint64 b = m_window->currentConversation();
        QVERIFY(a != b);
        QCOMPARE(composer()->toPlainText(), QString()); // nothing carried over to the new chat
        // Enter in b sends nothing of a's text (b's box is empty: nothing is sent at all).
        QTest::keyClick(composer(), Qt::Key_Return);
        QVERIFY(holdsFor(300, [&] { return conv(store(), b).lastDirection == Direction::In; }));
        commit(composer(), u"second draft"_s);
        // a's row says there is a draft; the open chat's row does not repeat it.
        QCOMPARE(role(conversations()->index(conversations()->rowOf(a)), "draft").toString(),
                 u"给第一位客户的回复"_s);
        QCOMPARE(role(conversations()->index(conversations()->rowOf(b)), "draft").toString(), QString());
        clickRow(list(), conversations()->rowOf(a));
        QCOMPARE(m_window->currentConversation(), a);
        QCOMPARE(composer()->toPlainText(), u"给第一位客户的回复"_s);

        stop();
        start(false);
        m_window->openConversation(a);
        QCOMPARE(composer()->toPlainText(), u"给第一位客户的回复"_s);
        m_window->openConversation(b);
        QCOMPARE(composer()->toPlainText(), u"second draft"_s);
        // Sent: the draft is gone, here and after a restart.
        QTest::keyClick(composer(), Qt::Key_Return);
        QCOMPARE(composer()->toPlainText(), QString());
        QTRY_VERIFY(refreshed([&] { return conv(store(), b).lastDirection == Direction::Out; }));
        stop();
        start(false);
        m_window->openConversation(b);
        QCOMPARE(composer()->toPlainText(), QString());
        m_window->openConversation(a);
        QCOMPARE(composer()->toPlainText(), u"给第一位客户的回复"_s);
    }

    // Critical 3: opening from search (or the list) puts the caret in the reply box; Tab leaves
    // it; Ctrl+L comes back.
    void openingFromSearchPutsTheCaretInTheComposer()
    {
        start();
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        auto *panel = m_window->findChild<SearchPanel *>();
        auto *edit = panel->findChild<QLineEdit *>(u"searchEdit"_s);
        QVERIFY(edit->hasFocus());
        QSignalSpy ready(panel, &SearchPanel::resultsReady);
        commit(edit, u"在吗 7"_s);
        QTRY_VERIFY(ready.size() > 0 && panel->resultCount() > 0 && !panel->isBusy());
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE(m_window->currentConversation(), cid(u"c-7"_s));
        QVERIFY(composer()->hasFocus());
        QTest::keyClick(composer(), Qt::Key_Tab);
        QVERIFY(!composer()->hasFocus());
        QCOMPARE(composer()->toPlainText(), QString()); // no tab character
        QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(composer()->hasFocus());
        // From the list, likewise.
        m_window->selectView(u"all"_s);
        clickRow(list(), 5);
        QVERIFY(composer()->hasFocus());
    }

    // Ctrl+K finds a customer by name: moving through the chats found reads nothing; Enter opens
    // the chosen one at its end and reads that one only, and its row in the panel loses its badge.
    void searchByNameOpensOnlyTheChosenChat()
    {
        start();
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        auto *panel = m_window->findChild<SearchPanel *>();
        auto *edit = panel->findChild<QLineEdit *>(u"searchEdit"_s);
        QVERIFY(edit->hasFocus());
        const qint64 first = cid(u"c-z1"_s), second = cid(u"c-z2"_s, u"acc-2"_s);
        QVERIFY(unreadOf(first) > 0 && unreadOf(second) > 0);
        const qint64 before = unreadChats();
        QSignalSpy ready(panel, &SearchPanel::resultsReady);
        commit(edit, u"张三"_s);
        QTRY_VERIFY(ready.size() > 0 && !panel->isBusy());
        auto *chats = panel->chatsModel();
        QCOMPARE(chats->rowCount(), 2);
        QCOMPARE(chats->conversationId(0), second); // latest activity first
        QCOMPARE(chats->conversationId(1), first);
        QCOMPARE(panel->resultCount(), 0);
        QTest::keyClick(edit, Qt::Key_Down);
        QTest::keyClick(edit, Qt::Key_Down);
        QVERIFY(
            holdsFor(400, [&] { return m_window->currentConversation() == 0 && unreadChats() == before; }));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE(m_window->currentConversation(), first);
        QTRY_VERIFY(refreshed([&] { return unreadOf(first) == 0; }));
        QTRY_COMPARE(chats->index(1).data(ChatMatchesModel::UnreadRole).toLongLong(), 0);
        QVERIFY(holdsFor(600, [&] {
            return unreadChats() == before - 1 && unreadOf(second) > 0 &&
                   chats->index(0).data(ChatMatchesModel::UnreadRole).toLongLong() > 0;
        }));
        QCOMPARE(chats->conversationId(1), first); // the rows stayed in place
        QVERIFY(composer()->hasFocus());
        // The account filter narrows the chats: only the second shop's.
        auto *account = panel->findChild<QComboBox *>(u"accountFilter"_s);
        QCOMPARE(account->count(), 3); // all, and the two shops
        account->setCurrentIndex(account->findText(u"店铺二"_s, Qt::MatchStartsWith));
        QTRY_VERIFY(chats->rowCount() == 1 && !panel->isBusy());
        QCOMPARE(chats->conversationId(0), second);
    }

    // Critical 4: every view's rows show what they should: title, preview, time, avatar.
    void everyViewShowsTitlePreviewTimeAndAvatar()
    {
        start();
        ConversationDelegate delegate;
        const auto check = [&](QAbstractItemModel *model, const QString &view) {
            QVERIFY2(model->rowCount() > 0, qPrintable(view));
            for (int r = 0; r < model->rowCount(); ++r) {
                const QModelIndex i = model->index(r, 0);
                QStyleOptionViewItem option;
                option.initFrom(list());
                option.font = list()->font();
                option.fontMetrics = QFontMetrics(option.font);
                option.state = QStyle::State_Enabled | QStyle::State_Active;
                option.rect = QRect(QPoint(0, 0), QSize(420, delegate.sizeHint(option, i).height()));
                PaintRecorder rec(option.rect.size());
                QPainter p(&rec);
                delegate.paint(&p, option, i);
                p.end();
                const QString title = role(i, "title").toString();
                const QString preview = role(i, "preview").toString();
                const QString time = ConversationDelegate::relativeTime(role(i, "lastAt").toLongLong(),
                                                                        QDateTime::currentDateTime());
                const QString where =
                    u"%1 row %2: drew %3"_s.arg(view).arg(r).arg(rec.lines().join(u" | "_s));
                QVERIFY2(!title.isEmpty() && rec.drew(title), qPrintable(where));
                QVERIFY2(!preview.isEmpty() && rec.drew(preview.left(4)), qPrintable(where));
                // A preview is text people wrote, never a number that leaked from another role.
                bool number = false;
                preview.toLongLong(&number);
                QVERIFY2(!number, qPrintable(where));
                QVERIFY2(!time.isEmpty() && rec.drew(time), qPrintable(where));
                const QColor avatar = role(i, "avatarColor").value<QColor>();
                QVERIFY2(avatar.isValid() && rec.filledWith(avatar), qPrintable(where));
            }
        };
        for (const QString &view : {u"all"_s, u"unread"_s, u"awaiting"_s, u"archived"_s, u"pinned"_s}) {
            if (view == u"archived") {
                bool done = false;
                m_session->link()->command(u"archive"_s, {{u"conversation_id"_s, cid(u"c-3"_s)}},
                                           [&](const Result<QJsonObject> &) { done = true; });
                QTRY_VERIFY(done);
            } else if (view == u"pinned") {
                bool done = false;
                m_session->link()->command(u"pin"_s, {{u"conversation_id"_s, cid(u"c-4"_s)}},
                                           [&](const Result<QJsonObject> &) { done = true; });
                QTRY_VERIFY(done);
            }
            m_window->selectView(view);
            m_window->flushRefresh();
            check(list()->model(), view);
        }
        m_window->selectView(u"comments"_s);
        m_window->flushRefresh();
        QAbstractItemModel *videos = contentList()->model();
        check(videos, u"comments"_s);
        const QModelIndex video = videos->index(0, 0);
        QCOMPARE(role(video, "title").toString(), u"新品开箱"_s);
        QCOMPARE(role(video, "preview").toString(), u"粉丝6: 多少钱？"_s);
        QCOMPARE(role(video, "unread").toLongLong(), 2);
        QVERIFY(role(video, "isVideo").toBool());
    }

    // Critical 5: while the pointer is on the list, new activity does not move the rows.
    void rowDoesNotMoveUnderTheHoveredPointer()
    {
        start();
        const int row = 6;
        const qint64 aimed = idAt(row);
        const QPoint at = rowCenter(list(), row);
        QTest::mouseMove(list()->viewport(), at);
        QTest::qWait(50); // the pointer rests there
        // The oldest chat gets a message: it would jump to the top, above the aimed row.
        const qint64 bottom = idAt(conversations()->rowCount() - 1);
        const QString platformId = conv(store(), bottom).platformId;
        QVERIFY(m_worker->sync(batch({dm(u"acc-1"_s, platformId, u"late-1"_s, u"u-0"_s, u"还在吗？"_s,
                                         QDateTime::currentMSecsSinceEpoch())})));
        QTRY_VERIFY(refreshed([&] { return conv(store(), bottom).unreadBadge() == 3 || bottom == 0; }));
        QVERIFY(holdsFor(500, [&] {
            return list()->indexAt(at).data(ConversationListModel::IdRole).toLongLong() == aimed;
        }));
        // The list says what waits, and the click hits the row aimed at.
        QTRY_COMPARE(newCount(list()), 1);
        QVERIFY(newButton() && newButton()->isVisible());
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(m_window->currentConversation(), aimed);
        // Away from the list, the order catches up; "1 new" leads there too.
        leaveList();
        QTRY_VERIFY(refreshed([&] { return idAt(0) == bottom; }));
        QCOMPARE(newCount(list()), 0);
    }

    // Rows can move while the pointer is on its way to the list (it holds them only once the
    // pointer is over it). A click or right click on a row that had only just taken its place
    // does nothing, and says so; rows that stayed put take clicks at once; once the row has been
    // there a moment, a click opens it.
    void clickOnARowThatJustMovedOpensNothing()
    {
        start();
        QVERIFY(list()->setProperty("settleMs", 60 * 1000)); // nothing settles during the test
        auto *status = m_window->findChild<QStatusBar *>();
        QVERIFY(status);
        QList<qint64> before;
        for (int row = 0; row < conversations()->rowCount(); ++row)
            before << idAt(row);
        // A chat in the middle gets a message, away from the pointer: the rows above it move down.
        const qint64 moved = cid(u"c-5"_s);
        const int middle = int(before.indexOf(moved));
        QVERIFY(middle >= 4 && middle + 2 < before.size());
        QVERIFY(m_worker->sync(batch({dm(u"acc-1"_s, u"c-5"_s, u"late-1"_s, u"u-5"_s, u"还在吗？"_s,
                                         QDateTime::currentMSecsSinceEpoch())})));
        QTRY_VERIFY(refreshed([&] { return idAt(0) == moved; }));
        const int shifted = middle / 2; // took the place of the chat above it
        const int stayed = middle + 2;  // below the change: the same chat as before
        QCOMPARE(idAt(shifted), before.at(shifted - 1));
        QCOMPARE(idAt(stayed), before.at(stayed));
        const qint64 unread = unreadChats();

        const QPoint onShifted = rowCenter(list(), shifted);
        QTest::mouseMove(list()->viewport(), onShifted);
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, onShifted);
        QVERIFY(status->currentMessage().contains(u"Click again"_s));
        bool menu = false;
        onNextPopup([&](QWidget *w) {
            menu = true;
            w->close();
        });
        rightClick(list(), onShifted);
        QVERIFY(holdsFor(
            300, [&] { return !menu && m_window->currentConversation() == 0 && unreadChats() == unread; }));

        // The row that stayed in its place opens at once, and "click again" no longer applies.
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, rowCenter(list(), stayed));
        QTRY_COMPARE(m_window->currentConversation(), before.at(stayed));
        QCOMPARE(status->currentMessage(), QString());
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, onShifted);
        QVERIFY(status->currentMessage().contains(u"Click again"_s));
        QCOMPARE(m_window->currentConversation(), before.at(stayed));

        // The shifted row, once settled, takes the click; the list held still meanwhile.
        QVERIFY(list()->setProperty("settleMs", 50));
        QTRY_VERIFY(settledAt(list(), onShifted));
        QCOMPARE(idAt(shifted), before.at(shifted - 1));
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, onShifted);
        QTRY_COMPARE(m_window->currentConversation(), before.at(shifted - 1));
        QCOMPARE(status->currentMessage(), QString());
        QTRY_VERIFY(refreshed([&] { return unreadChats() == unread - 2; }));
    }
};

QTEST_MAIN(TestTriage)
#include "TestTriage.moc"
