// SPDX-License-Identifier: GPL-3.0-or-later
// The inbox's everyday details, on real widgets over the embedded master and a real worker:
// failed replies and Retry, tags, the search panel's ways out, the toolbar at 1024 px in both
// languages, the title's count, actions enabled only where they do something, a crawler address
// that stays put, quick replies with "/", the "New messages" line, marking a view read, the
// shortcuts list, and the list's rows under every style the app meets on Linux.

#include "InboxHarness.h"

#include "common/Translations.h"
#include "ui/common/Drawing.h"
#include "ui/common/ElidedLabel.h"
#include "ui/inbox/ConversationDelegate.h"
#include "ui/search/SearchPanel.h"
#include "ui/thread/MessageDelegate.h"
#include "ui/window/TrayNotifier.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStyleFactory>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

using namespace testutil;

class TestInbox : public InboxHarness
{
    Q_OBJECT

    TrayNotifier *tray() const { return m_window->findChild<TrayNotifier *>(); }
    QStackedWidget *listStack() const { return qobject_cast<QStackedWidget *>(list()->parentWidget()); }

    // Sends a reply in the open chat and returns the reply_request the worker got for it.
    QJsonObject replyAndTakeRequest(const QString &text)
    {
        composer()->setFocus();
        commit(composer(), text);
        QTest::keyClick(composer(), Qt::Key_Return);
        return takeReplyRequest();
    }

    QJsonObject takeReplyRequest()
    {
        QJsonObject found;
        (void)QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < m_worker->frames.size(); ++i) {
                    if (m_worker->frames[i].value(u"type"_s).toString() == u"reply_request") {
                        found = m_worker->frames.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            10000);
        return found;
    }

    int threadRowOf(qint64 itemId)
    {
        for (int r = 0; r < thread()->rowCount(); ++r) {
            if (thread()->index(r).data(ThreadModel::IdRole).toLongLong() == itemId)
                return r;
        }
        return -1;
    }

    bool command(const QString &op, const QJsonObject &args)
    {
        std::optional<bool> ok;
        m_session->link()->command(op, args, [&](const Result<QJsonObject> &r) { ok = bool(r); });
        return QTest::qWaitFor([&] { return ok.has_value(); }, 10000) && *ok;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Every test reads the English texts, whichever test switched languages before it.
        hiscrm::installTranslations(QLocale(u"en"_s));
    }
    void cleanup()
    {
        stop();
        hiscrm::installTranslations(QLocale(u"en"_s));
    }

    // Medium 7: a failed reply is marked on its row, notified, and one click on Retry resends it.
    void failedReplyIsMarkedNotifiedAndRetriedWithOneClick()
    {
        start();
        clickRow(list(), 5);
        const qint64 chat = m_window->currentConversation();
        const QJsonObject request = replyAndTakeRequest(u"已为您安排发货"_s);
        QVERIFY(!request.isEmpty());
        const qint64 item = request.value(u"item_id"_s).toInteger();
        const int before = tray()->notificationCount();
        const QJsonObject ack = m_worker->request({{u"type"_s, u"reply_result"_s},
                                                   {u"item_id"_s, item},
                                                   {u"sent"_s, false},
                                                   {u"error"_s, u"对方已关闭私信"_s}});
        QCOMPARE(ack.value(u"type"_s).toString(), u"ack"_s);
        QTRY_VERIFY(refreshed([&] {
            return threadRowOf(item) >= 0 &&
                   thread()->index(threadRowOf(item)).data(ThreadModel::DeliveryRole).toInt() ==
                       int(Delivery::Failed);
        }));
        // The list row says so, and so does a notification (the operator may be elsewhere).
        QCOMPARE(role(conversations()->index(conversations()->rowOf(chat)), "failedReply").toString(),
                 u"对方已关闭私信"_s);
        QTRY_COMPARE(tray()->notificationCount(), before + 1);
        QVERIFY(tray()->lastNotification().body.contains(u"对方已关闭私信"_s));

        // One click on Retry sends it again: the worker gets the same reply once more.
        auto *delegate = qobject_cast<MessageDelegate *>(threadView()->itemDelegate());
        QVERIFY(delegate);
        const QModelIndex index = thread()->index(threadRowOf(item));
        threadView()->scrollTo(index);
        QStyleOptionViewItem option;
        option.initFrom(threadView());
        option.rect = threadView()->visualRect(index);
        option.widget = threadView();
        const QRect retry = delegate->retryRect(option, index);
        QVERIFY(!retry.isEmpty());
        QTest::mouseClick(threadView()->viewport(), Qt::LeftButton, {}, retry.center());
        const QJsonObject again = takeReplyRequest();
        QCOMPARE(again.value(u"item_id"_s).toInteger(), item);
        QTRY_VERIFY(refreshed([&] {
            return role(conversations()->index(conversations()->rowOf(chat)), "failedReply")
                .toString()
                .isEmpty();
        }));
    }

    // Medium 8: tags show as chips on rows and in the header; Cancel in "New tag" creates nothing.
    void tagsShowAsChipsAndCancelCreatesNothing()
    {
        start();
        clickRow(list(), 3);
        const qint64 chat = m_window->currentConversation();
        leaveList();
        auto *menu = m_window->findChild<QMenu *>(u"tagsMenu"_s);
        QVERIFY(menu);
        const auto newTag = [&] {
            emit menu->aboutToShow();
            for (QAction *a : menu->actions()) {
                if (a->text().startsWith(u"New tag"_s))
                    return a;
            }
            return static_cast<QAction *>(nullptr);
        };
        // Cancel after choosing a name and a colour: no tag.
        onNextPopup([](QWidget *w) {
            w->findChild<QLineEdit *>(u"tagNameEdit"_s)->setText(u"VIP"_s);
            w->findChild<QAbstractButton *>(u"tagColor3"_s)->click();
            w->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
        });
        newTag()->trigger();
        QVERIFY(holdsFor(300, [&] { return store().tags()->isEmpty(); }));
        // OK: the tag exists, in the chosen colour, on the chat.
        onNextPopup([](QWidget *w) {
            w->findChild<QLineEdit *>(u"tagNameEdit"_s)->setText(u"VIP"_s);
            w->findChild<QAbstractButton *>(u"tagColor3"_s)->click();
            w->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        newTag()->trigger();
        QTRY_VERIFY(refreshed([&] { return conv(store(), chat).tagIds.size() == 1; }));
        const Tag tag = store().tags()->first();
        QCOMPARE(tag.name, u"VIP"_s);
        QCOMPARE(QColor(tag.color), QColor(0x4CA55A));
        // On the row (drawn) and in the header.
        const QModelIndex row = conversations()->index(conversations()->rowOf(chat));
        const auto chips = role(row, "tags").value<QList<TagChip>>();
        QCOMPARE(chips.size(), 1);
        QCOMPARE(chips.first().name, u"VIP"_s);
        ConversationDelegate delegate;
        QStyleOptionViewItem option;
        option.initFrom(list());
        option.rect = QRect(0, 0, 420, delegate.sizeHint(option, row).height());
        PaintRecorder rec(option.rect.size());
        QPainter p(&rec);
        delegate.paint(&p, option, row);
        p.end();
        QVERIFY2(rec.drew(u"VIP"_s), qPrintable(rec.lines().join(u" | "_s)));
        auto *header = m_window->findChild<QWidget *>(u"threadTags"_s);
        QTRY_VERIFY(header && header->isVisible());
        QVERIFY(header->accessibleName().contains(u"VIP"_s));

        // A tag made elsewhere (on another desktop of the team; here through the link) is offered
        // at once by the sidebar and by the search's tag filter, though no account changed.
        auto *tagFilter = m_window->findChild<SearchPanel *>()->findChild<QComboBox *>(u"tagFilter"_s);
        QVERIFY(tagFilter);
        QVERIFY(tagFilter->findText(u"VIP"_s) >= 0);
        QVERIFY(command(u"create_tag"_s, {{u"name"_s, u"售后"_s}, {u"color"_s, u"#e0533d"_s}}));
        QTRY_VERIFY(tagFilter->findText(u"售后"_s) >= 0);
        auto *sidebar = m_window->findChild<QTreeWidget *>(u"sidebar"_s);
        QVERIFY(sidebar);
        QVERIFY(!sidebar->findItems(u"售后"_s, Qt::MatchRecursive).isEmpty());
    }

    // Medium 9: the search closes by its button and by choosing a view; not on the welcome page.
    void searchHasWaysOut()
    {
        start();
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        auto *panel = m_window->findChild<SearchPanel *>();
        QCOMPARE(listStack()->currentWidget(), panel);
        auto *close = panel->findChild<QAbstractButton *>(u"searchCloseButton"_s);
        QVERIFY(close);
        close->click();
        QCOMPARE(listStack()->currentWidget(), list());
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QCOMPARE(listStack()->currentWidget(), panel);
        // Esc in a filter's open list closes that list only: the search stays, with its text.
        panel->setText(u"你好"_s);
        for (const QString &name :
             {u"accountFilter"_s, u"kindFilter"_s, u"tagFilter"_s, u"dateFilter"_s, u"orderCombo"_s}) {
            auto *combo = panel->findChild<QComboBox *>(name);
            QVERIFY(combo);
            combo->showPopup();
            QTRY_VERIFY(combo->view()->isVisible());
            QTest::keyClick(combo->view(), Qt::Key_Escape);
            QTRY_VERIFY2(!combo->view()->isVisible(), qPrintable(name));
            QCOMPARE(listStack()->currentWidget(), panel);
            QCOMPARE(panel->text(), u"你好"_s);
        }
        auto *sidebar = m_window->findChild<QTreeWidget *>(u"sidebar"_s);
        QTreeWidgetItem *all = sidebar->currentItem();
        QVERIFY(all);
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, sidebar->visualItemRect(all).center());
        QCOMPARE(listStack()->currentWidget(), list());
        stop();

        // An empty inbox: Ctrl+K does nothing there, and the demo opens on its list.
        m_data = m_dir.filePath(u"empty"_s);
        m_settings = std::make_unique<Settings>(m_dir.filePath(u"empty.ini"_s));
        m_session = std::make_unique<AppSession>();
        QVERIFY(!m_session->start(m_data));
        m_window = std::make_unique<MainWindow>(m_session.get(), m_settings.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(!action("actionSearch")->isEnabled());
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        m_session->startDemo(1000, 50);
        QTRY_VERIFY(refreshed(
            [&] { return qobject_cast<QStackedWidget *>(m_window->centralWidget())->currentIndex() == 1; }));
        QCOMPARE(listStack()->currentWidget(), list());
        QVERIFY(action("actionSearch")->isEnabled());
    }

    // Medium 6: one stable set of toolbar buttons that fits at 1024 px, in both languages.
    void toolbarFitsAt1024InBothLanguages()
    {
        start();
        m_window->resize(1024, 700);
        for (const QString &lang : {u"zh_CN"_s, u"en"_s}) {
            hiscrm::installTranslations(QLocale(lang));
            QCoreApplication::processEvents();
            auto *toolbar = m_window->findChild<QToolBar *>(u"threadToolbar"_s);
            QVERIFY(toolbar);
            QList<int> widths;
            for (int row : {0, 4, 9}) {
                clickRow(list(), row);
                QCoreApplication::processEvents();
                // Every action's button shows; nothing is pushed into the overflow menu.
                for (QAction *a : toolbar->actions()) {
                    QWidget *button = toolbar->widgetForAction(a);
                    QVERIFY2(button && button->isVisible(), qPrintable(lang + u": "_s + a->objectName()));
                    QVERIFY(!a->toolTip().isEmpty());
                }
                for (QToolButton *b : toolbar->findChildren<QToolButton *>()) {
                    if (b->objectName() == u"qt_toolbar_ext_button")
                        QVERIFY2(!b->isVisible(), qPrintable(lang));
                }
                widths << toolbar->width();
            }
            QCOMPARE(widths[0], widths[1]); // no shifting between chats
            QCOMPARE(widths[1], widths[2]);
        }
        QVERIFY(!action("actionMute")->shortcut().isEmpty());
    }

    // Low: the title ends with the app's name once, and counts what the badges count.
    void titleCountsUnreadChatsAndComments()
    {
        start();
        const auto counts = store().viewCounts();
        const qint64 n = counts->unreadChats + counts->unreadComments;
        QVERIFY(n > 0);
        QCOMPARE(m_window->windowTitle(), u"(%1) HisCRM Desk"_s.arg(n));
        auto *sidebar = m_window->findChild<QTreeWidget *>(u"sidebar"_s);
        QTreeWidgetItem *all = sidebar->currentItem();
        QCOMPARE(all->text(1).toLongLong() + counts->unreadComments, n);
    }

    // Low: actions are enabled only where they would do something.
    void actionsDoSomethingWhenEnabled()
    {
        start();
        for (const char *n : {"actionMarkRead", "actionMarkUnread", "actionPin", "actionArchive",
                              "actionMute", "actionTags", "actionUserCard", "actionFocusComposer"})
            QVERIFY2(!action(n)->isEnabled(), n);
        clickRow(list(), 0);
        const qint64 chat = m_window->currentConversation();
        QTRY_VERIFY(refreshed([&] { return conv(store(), chat).unreadBadge() == 0; }));
        QVERIFY(!action("actionMarkRead")->isEnabled());
        QVERIFY(action("actionMarkUnread")->isEnabled());
        QCOMPARE(action("actionMute")->text(), u"Mute"_s);
        auto *mute = m_window->findChild<QMenu *>(u"muteMenu"_s);
        emit mute->aboutToShow();
        for (QAction *a : mute->actions())
            QVERIFY(!a->text().contains(u"Unmute"_s));
        QTest::keyClick(m_window.get(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(
            refreshed([&] { return conv(store(), chat).isMuted(QDateTime::currentMSecsSinceEpoch()); }));
        QCOMPARE(action("actionMute")->text(), u"Unmute"_s);
        auto *subtitle = m_window->findChild<ElidedLabel *>(u"threadSubtitle"_s);
        QVERIFY(subtitle);
        QTRY_VERIFY2(refreshed([&] { return subtitle->text().endsWith(u" · muted"_s); }),
                     qPrintable(subtitle->text()));
        // A mute for an hour says until when, in the header and in its menu.
        QTest::keyClick(m_window.get(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier); // unmuted
        QTRY_VERIFY(
            refreshed([&] { return !conv(store(), chat).isMuted(QDateTime::currentMSecsSinceEpoch()); }));
        emit mute->aboutToShow();
        const QList<QAction *> choices = mute->actions();
        const auto hour = std::find_if(choices.begin(), choices.end(),
                                       [](QAction *a) { return a->text() == u"For 1 hour"_s; });
        QVERIFY(hour != choices.end());
        (*hour)->trigger();
        QTRY_VERIFY(refreshed([&] { return conv(store(), chat).mutedUntil > 0; }));
        const QDateTime until = QDateTime::fromMSecsSinceEpoch(conv(store(), chat).mutedUntil);
        const QString end = until.date() == QDate::currentDate()
                                ? QLocale().toString(until.time(), QLocale::ShortFormat)
                                : QLocale().toString(until, QLocale::ShortFormat);
        QTRY_VERIFY2(refreshed([&] { return subtitle->text().endsWith(u" · muted until "_s + end); }),
                     qPrintable(subtitle->text()));
        emit mute->aboutToShow();
        QCOMPARE(mute->actions().first()->text(), u"Muted until "_s + end);
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(refreshed([&] { return conv(store(), chat).unreadBadge() == 1; }));
        QVERIFY(action("actionMarkRead")->isEnabled());
        QVERIFY(!action("actionMarkUnread")->isEnabled());
    }

    // A timed mute's end shows when it comes, with nothing else happening to the chat: the header
    // stops saying "muted until" and the action offers Mute again.
    void timedMuteEndsOnTime()
    {
        start();
        clickRow(list(), 0);
        const qint64 chat = m_window->currentConversation();
        auto *subtitle = m_window->findChild<ElidedLabel *>(u"threadSubtitle"_s);
        QVERIFY(chat && subtitle);
        m_session->link()->mute(chat, QDateTime::currentMSecsSinceEpoch() + 1500);
        QTRY_VERIFY2(refreshed([&] { return subtitle->text().contains(u" · muted until "_s); }),
                     qPrintable(subtitle->text()));
        QCOMPARE(action("actionMute")->text(), u"Unmute"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(!subtitle->text().contains(u"muted"_s), qPrintable(subtitle->text()),
                                  10000);
        QCOMPARE(action("actionMute")->text(), u"Mute"_s);
    }

    // Medium 11: the crawler's address and key stay the same across restarts.
    void crawlerAddressAndKeyStayAcrossRestarts()
    {
        start();
        QString url;
        QString token;
        onNextPopup([&](QWidget *w) {
            url = w->findChild<QLineEdit *>(u"workerUrlEdit"_s)->text();
            token = w->findChild<QLineEdit *>(u"workerTokenEdit"_s)->text();
            QVERIFY(w->findChild<QPushButton *>(u"workerUrlEditCopy"_s));
            qobject_cast<QDialog *>(w)->reject();
        });
        action("actionConnectWorker")->trigger();
        // The dialog comes once the master listens: nothing on the UI thread waits for it.
        QTRY_VERIFY(url.startsWith(u"ws://127.0.0.1:"_s));
        QCOMPARE(token.size(), 32);
        QCOMPARE(m_settings->workerToken(), token);
        stop();
        start(false);
        // Listening again by itself, at the same address with the same key: the crawler set up
        // once reconnects.
        QTRY_COMPARE(m_session->workerUrl(), url);
        QCOMPARE(m_session->workerToken(), token);
        auto *crawlers = m_window->findChild<QLabel *>(u"statusWorkers"_s);
        QTRY_COMPARE(crawlers->text(), u"Waiting for your crawler"_s);
        {
            Worker again;
            QVERIFY(again.open(url));
            QVERIFY(again.registerFor(token, {u"acc-1"_s}));
            // The status bar says so (within its next update), and not for a crawler that left.
            QTRY_COMPARE_WITH_TIMEOUT(crawlers->text(), u"1 crawler connected"_s, 20000);
            again.ws.close();
            QTRY_COMPARE(again.ws.state(), QAbstractSocket::UnconnectedState);
        }
        QTRY_COMPARE_WITH_TIMEOUT(crawlers->text(), u"Waiting for your crawler"_s, 20000);
    }

    // Low: "/" in the reply box offers the quick replies; Enter takes one and sends nothing.
    void slashPicksAQuickReply()
    {
        start();
        clickRow(list(), 2);
        const qint64 chat = m_window->currentConversation();
        const auto lastBefore = conv(store(), chat).lastItemId;
        QTest::keyClick(composer(), Qt::Key_Slash);
        commit(composer(), u"稍等"_s);
        auto *completer = composer()->findChild<QCompleter *>(u"quickReplyCompleter"_s);
        QVERIFY(completer);
        QTRY_VERIFY(completer->popup()->isVisible());
        QTest::keyClick(composer(), Qt::Key_Return);
        QCOMPARE(composer()->toPlainText(), u"稍等，我帮您查一下"_s);
        QVERIFY(holdsFor(300, [&] { return conv(store(), chat).lastItemId == lastBefore; }));
        // A second Enter sends it.
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_VERIFY(refreshed([&] { return conv(store(), chat).lastDirection == Direction::Out; }));
    }

    // The quick replies' menu by the reply box lists them and leads to where they are edited:
    // Settings, on its Quick replies page. With none, it says so instead of opening empty.
    void quickRepliesMenuLeadsToTheirEditor()
    {
        start();
        clickRow(list(), 2);
        auto *button = m_window->findChild<QToolButton *>(u"quickReplyButton"_s);
        QVERIFY(button && button->menu());
        const auto openMenu = [&] {
            QStringList entries;
            QString page;
            onNextPopup([&](QWidget *w) {
                auto *menu = qobject_cast<QMenu *>(w);
                QVERIFY(menu);
                for (QAction *a : menu->actions()) {
                    if (!a->isSeparator())
                        entries << (a->isEnabled() ? a->text() : u"(off) "_s + a->text());
                }
                onNextPopup([&](QWidget *dialog) {
                    page = dialog->findChild<QTabWidget *>(u"settingsTabs"_s)->currentWidget()->objectName();
                    qobject_cast<QDialog *>(dialog)->reject();
                });
                menu->setActiveAction(menu->findChild<QAction *>(u"editQuickRepliesAction"_s));
                QTest::keyClick(menu, Qt::Key_Return);
            });
            QTest::mouseClick(button, Qt::LeftButton);
            return std::make_pair(entries, page);
        };
        auto [entries, page] = openMenu();
        QCOMPARE(entries.first(), u"您好，请问有什么可以帮您？"_s);
        QCOMPARE(entries.size(), m_settings->quickReplies().size() + 1);
        QCOMPARE(entries.last(), u"Edit quick replies…"_s);
        QCOMPARE(page, u"quickRepliesPage"_s);

        m_settings->setQuickReplies({});
        std::tie(entries, page) = openMenu();
        QCOMPARE(entries, QStringList({u"(off) No quick replies yet"_s, u"Edit quick replies…"_s}));
        QCOMPARE(page, u"quickRepliesPage"_s);
    }

    // Low: opening a chat with unread messages draws "New messages" above the first of them.
    void newMessagesLineMarksTheFirstUnread()
    {
        start();
        const qint64 chat = cid(u"c-7"_s);
        const qint64 firstUnread = store().thread(ItemKind::Message, chat, 10)->items.first().id;
        m_window->openConversation(chat);
        const int row = threadRowOf(firstUnread);
        QVERIFY(row >= 0);
        QVERIFY(thread()->index(row).data(ThreadModel::NewMarkerRole).toBool());
        QCOMPARE(thread()->newMarker(), firstUnread);
        // Read now; reopened later, the line is gone.
        QTRY_VERIFY(refreshed([&] { return conv(store(), chat).unreadBadge() == 0; }));
        m_window->openConversation(cid(u"c-8"_s));
        m_window->openConversation(chat);
        QCOMPARE(thread()->newMarker(), 0);
    }

    // A thread shown at its end stays at its end when the pane's height changes under it (a
    // video's "Replying to the video" line appears below it, the window is resized), so its
    // newest comment shows whole and new ones are read as they come.
    void threadStaysAtItsEndWhenThePaneChangesHeight()
    {
        start();
        QList<CommentRecord> comments;
        for (int i = 0; i < 30; ++i)
            comments << comment(u"acc-1"_s, u"vid-1"_s, u"k-more-%1"_s.arg(i), u"u-%1"_s.arg(i % 12),
                                u"第 %1 条评论：什么时候发货？"_s.arg(i), m_t0 + 40 * kMinute + i * 1000);
        QVERIFY(m_worker->sync(batch({}, comments)));
        m_window->openConversation(cid(u"c-3"_s)); // a chat: no line below its thread
        m_window->selectView(u"comments"_s);
        QTRY_VERIFY(
            refreshed([&] { return role(contentList()->model()->index(0, 0), "unread").toInt() == 32; }));
        clickRow(contentList(), 0);
        QScrollBar *bar = threadView()->verticalScrollBar();
        const auto atEnd = [&] {
            return bar->maximum() > 0 && bar->value() == bar->maximum();
        };
        QTRY_VERIFY(atEnd());
        QVERIFY(holdsFor(400, atEnd)); // after the pane has laid itself out again
        QTRY_VERIFY(
            refreshed([&] { return role(contentList()->model()->index(0, 0), "unread").toInt() == 0; }));

        m_window->resize(m_window->width(), m_window->height() - 150);
        QVERIFY(holdsFor(400, atEnd));

        QVERIFY(m_worker->sync(batch({}, {comment(u"acc-1"_s, u"vid-1"_s, u"k-last"_s, u"u-2"_s,
                                                  u"最后一条"_s, QDateTime::currentMSecsSinceEpoch())})));
        QTRY_VERIFY(refreshed([&] {
            const QModelIndex last = thread()->index(thread()->rowCount() - 1);
            return last.data(ThreadModel::TextRole).toString() == u"最后一条"_s && atEnd() &&
                   role(contentList()->model()->index(0, 0), "unread").toInt() == 0;
        }));
    }

    // Opened at an old message (a search result), a long chat reads on downwards: scrolling to
    // the bottom brings the next messages, one page at a time, up to the newest, and only the
    // newest end reads the chat.
    void historyOpenedAtAnOldMessageScrollsOnToTheNewest()
    {
        start();
        QList<MessageRecord> messages;
        for (int i = 0; i < 180; ++i)
            messages << dm(u"acc-1"_s, u"c-4"_s, u"long-%1"_s.arg(i), u"u-4"_s,
                           u"第 %1 条：还有货吗？"_s.arg(i), m_t0 + 45 * kMinute + i * 1000);
        QVERIFY(m_worker->sync(batch(messages)));
        const qint64 chat = cid(u"c-4"_s);
        QTRY_VERIFY(refreshed([&] { return conv(store(), chat).unreadBadge() == 182; }));
        qint64 old = 0;
        const auto page = store().thread(ItemKind::Message, chat, 500);
        QVERIFY(page);
        for (const model::Item &item : page->items) {
            if (item.text == u"第 10 条：还有货吗？"_s)
                old = item.id;
        }
        QVERIFY(old);
        m_window->openConversation(chat, old);
        QScrollBar *bar = threadView()->verticalScrollBar();
        const auto lastText = [&] {
            return thread()->index(thread()->rowCount() - 1).data(ThreadModel::TextRole).toString();
        };
        QVERIFY(lastText() != u"第 179 条：还有货吗？"_s);
        int pages = 0;
        while (lastText() != u"第 179 条：还有货吗？"_s && pages < 10) {
            const int rows = thread()->rowCount();
            bar->setValue(bar->maximum()); // as the wheel does, at the bottom
            QTRY_VERIFY(thread()->rowCount() > rows);
            ++pages;
            // Each page lands below what was shown: the view did not run on to the end by itself.
            QTRY_VERIFY(bar->value() < bar->maximum());
            QVERIFY(refreshed([&] { return conv(store(), chat).unreadBadge() == 182; }));
        }
        QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
        QCOMPARE(lastText(), u"第 179 条：还有货吗？"_s);
        bar->setValue(bar->maximum());
        QTRY_VERIFY(refreshed([&] { return conv(store(), chat).unreadBadge() == 0; }));

        // A reply sent from deep in history shows where it goes: at the newest end.
        m_window->openConversation(chat, old);
        QVERIFY(thread()->rowOf(old) >= 0);
        QVERIFY(lastText() != u"第 179 条：还有货吗？"_s);
        QVERIFY(!replyAndTakeRequest(u"有的，今天发货"_s).isEmpty());
        QTRY_VERIFY(refreshed([&] { return lastText() == u"有的，今天发货"_s; }));
        QVERIFY(holdsFor(300, [&] { return bar->maximum() > 0 && bar->value() == bar->maximum(); }));
    }

    // Low: mark every chat of a view read, after saying how many.
    void markAllReadInAView()
    {
        start();
        m_window->selectView(u"unread"_s);
        const qint64 before = unreadChats();
        QVERIFY(before > 5);
        QString asked;
        onNextPopup([&](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            QVERIFY(box);
            asked = box->text();
            for (QAbstractButton *b : box->buttons()) {
                if (box->buttonRole(b) == QMessageBox::AcceptRole)
                    b->click();
            }
        });
        action("actionMarkViewRead")->trigger();
        QVERIFY(asked.contains(QString::number(before)));
        QTRY_VERIFY(refreshed([&] { return unreadChats() == 0; }));
    }

    // Low: F1 lists the keys, from the actions themselves.
    void shortcutsHelpListsTheKeys()
    {
        start();
        QStringList shown, cut;
        onNextPopup([&](QWidget *w) {
            auto *tree = w->findChild<QTreeWidget *>(u"shortcutsList"_s);
            QVERIFY(tree);
            for (int r = 0; r < tree->topLevelItemCount(); ++r)
                shown << tree->topLevelItem(r)->text(0) + u" = "_s + tree->topLevelItem(r)->text(1);
            // Every line in full: no action or keys cut short.
            const QFontMetrics fm(tree->font());
            for (int r = 0; r < tree->topLevelItemCount(); ++r) {
                for (int c : {0, 1}) {
                    const QString text = tree->topLevelItem(r)->text(c);
                    if (fm.horizontalAdvance(text) >= tree->columnWidth(c))
                        cut << text;
                }
            }
            qobject_cast<QDialog *>(w)->reject();
        });
        QTest::keyClick(m_window.get(), Qt::Key_F1);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u", "_s)));
        QVERIFY2(shown.contains(u"Mark read = "_s +
                                QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText)),
                 qPrintable(shown.join(u"\n"_s)));
        QVERIFY(shown.contains(u"Send the reply = Enter"_s));

        // Settings has a key on every platform: the platform's own (macOS, KDE) or Ctrl+, where
        // the platform has none (Windows, GNOME and the others).
        QKeySequence settingsKey(QKeySequence::Preferences);
        if (settingsKey.isEmpty())
            settingsKey = QKeySequence(Qt::CTRL | Qt::Key_Comma);
        QVERIFY2(shown.contains(u"Settings = "_s + settingsKey.toString(QKeySequence::NativeText)),
                 qPrintable(shown.join(u"\n"_s)));
        QString opened;
        onNextPopup([&](QWidget *w) {
            opened = w->objectName();
            qobject_cast<QDialog *>(w)->reject();
        });
        m_window->activateWindow(); // the shortcuts dialog had the focus
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keySequence(m_window.get(), settingsKey);
        QCOMPARE(opened, u"settingsDialog"_s);
    }

    // Medium 10: under Fusion, Adwaita and Adwaita-Dark a focused selected row shows its content:
    // the focus frame is a frame, not a block painted over the row.
    void focusedRowsShowTheirContentUnderEveryStyle_data()
    {
        QTest::addColumn<QString>("styleName");
        for (const QString &name : {u"Fusion"_s, u"Adwaita"_s, u"Adwaita-Dark"_s})
            QTest::newRow(qPrintable(name)) << name;
    }

    void focusedRowsShowTheirContentUnderEveryStyle()
    {
        QFETCH(QString, styleName);
        std::unique_ptr<QStyle> style(QStyleFactory::create(styleName));
        if (!style)
            QSKIP(qPrintable(styleName + u" is not installed (Debian: adwaita-qt6)"_s));
        start();
        QListView *view = list();
        view->setStyle(style.get());
        view->setPalette(style->standardPalette());
        const QModelIndex row = conversations()->index(0);
        ConversationDelegate delegate;
        const auto render = [&](QStyle::State extra) {
            QStyleOptionViewItem option;
            option.initFrom(view);
            option.widget = view;
            option.state |= QStyle::State_Enabled | QStyle::State_Active | QStyle::State_Selected | extra;
            option.rect = QRect(0, 0, 420, delegate.sizeHint(option, row).height());
            QImage image(option.rect.size(), QImage::Format_ARGB32_Premultiplied);
            image.fill(option.palette.color(QPalette::Base));
            QPainter p(&image);
            delegate.paint(&p, option, row);
            return image;
        };
        const QImage plain = render({});
        const QImage focused = render(QStyle::State_HasFocus);
        qint64 differ = 0;
        for (int y = 0; y < plain.height(); ++y) {
            for (int x = 0; x < plain.width(); ++x)
                differ += plain.pixel(x, y) != focused.pixel(x, y);
        }
        const qint64 area = qint64(plain.width()) * plain.height();
        QVERIFY2(differ * 10 < area,
                 qPrintable(u"%1 of %2 pixels changed by the focus frame"_s.arg(differ).arg(area)));
        view->setStyle(nullptr);
    }

    // Medium 10: in every style's palette, incoming bubbles stand out from the thread and the reply
    // box's placeholder reads as a hint, dimmer than typed text.
    void bubblesAndPlaceholdersReadUnderEveryStyle_data()
    {
        focusedRowsShowTheirContentUnderEveryStyle_data();
    }

    void bubblesAndPlaceholdersReadUnderEveryStyle()
    {
        QFETCH(QString, styleName);
        std::unique_ptr<QStyle> style(QStyleFactory::create(styleName));
        if (!style)
            QSKIP(qPrintable(styleName + u" is not installed (Debian: adwaita-qt6)"_s));
        const QPalette palette = style->standardPalette();
        const QColor base = palette.color(QPalette::Active, QPalette::Base);
        const QColor bubble = MessageDelegate::incomingFill(palette, QPalette::Active);
        QVERIFY2(contrastRatio(bubble, base) >= MessageDelegate::kMinBubbleContrast,
                 qPrintable(u"%1 on %2"_s.arg(bubble.name(), base.name())));

        QApplication::setPalette(palette);
        start();
        const QPalette shown = composer()->palette();
        const QColor text = shown.color(QPalette::Active, QPalette::Text);
        const QColor hint = over(shown.color(QPalette::Active, QPalette::PlaceholderText), base);
        const qreal textContrast = contrastRatio(text, base);
        const qreal hintContrast = contrastRatio(hint, base);
        QApplication::setPalette(QPalette());
        QVERIFY2(hintContrast > 1.5 && hintContrast - 1 < (textContrast - 1) * 0.8,
                 qPrintable(u"text %1, placeholder %2"_s.arg(textContrast).arg(hintContrast)));
    }
};

QTEST_MAIN(TestInbox)
#include "TestInbox.moc"
