// SPDX-License-Identifier: GPL-3.0-or-later
// Triage as an operator does it, on real widgets (offscreen) over the embedded master: a worker on
// a real WebSocket brings a known set of chats, then the test clicks, types and points the way an
// operator would and checks that the app never reads, opens or sends anything by accident.

#include "PaintRecorder.h"
#include "TestUtil.h"

#include "protocol/Protocol.h"
#include "ui/AppSession.h"
#include "ui/ConversationDelegate.h"
#include "ui/ConversationListModel.h"
#include "ui/MainWindow.h"
#include "ui/SearchPanel.h"
#include "ui/Settings.h"
#include "ui/ThreadModel.h"

#include <QAction>
#include <QApplication>
#include <QInputMethodEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QWebSocket>

using namespace testutil;
using namespace hiscrm::ui;

namespace {

const QString kPlatform = u"douyin"_s;
constexpr qint64 kMinute = 60 * 1000;

// The tests reach the window through object names, Qt's own widget types and role names only, so
// that the same file also builds against an older window and shows what it got wrong.

// A crawler on a real WebSocket, as docs/protocol.md describes one.
class Worker : public QObject
{
public:
    QWebSocket ws;
    QList<QJsonObject> frames;
    int nextId = 1;

    Worker()
    {
        connect(&ws, &QWebSocket::textMessageReceived, this,
                [this](const QString &t) { frames << QJsonDocument::fromJson(t.toUtf8()).object(); });
    }

    bool open(const QString &url)
    {
        ws.open(QUrl(url));
        return QTest::qWaitFor([this] { return ws.state() == QAbstractSocket::ConnectedState; }, 5000);
    }

    QJsonObject request(QJsonObject o)
    {
        const int id = nextId++;
        o.insert(u"id"_s, id);
        o.insert(u"v"_s, 1);
        ws.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        QJsonObject answer;
        (void)QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < frames.size(); ++i) {
                    if (frames[i].value(u"re"_s).toInt() == id) {
                        answer = frames.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            10000);
        return answer;
    }

    bool registerFor(const QString &token, const QStringList &accounts)
    {
        const QJsonObject r = request({{u"type"_s, u"register"_s},
                                       {u"token"_s, token},
                                       {u"worker_id"_s, u"triage-worker"_s},
                                       {u"platform"_s, kPlatform},
                                       {u"accounts"_s, QJsonArray::fromStringList(accounts)}});
        return r.value(u"type"_s).toString() == u"registered";
    }

    bool sync(const Batch &b)
    {
        Batch copy = b;
        copy.platform = kPlatform;
        const QJsonObject r =
            request({{u"type"_s, u"data_sync"_s}, {u"batch"_s, hiscrm::protocol::batchToJson(copy)}});
        if (r.value(u"type"_s).toString() != u"data_sync_ack")
            qWarning() << "data_sync refused:" << r;
        return r.value(u"type"_s).toString() == u"data_sync_ack";
    }
};

} // namespace

class TestTriage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;
    int m_n = 0;
    qint64 m_t0 = 0;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Worker> m_worker;

    QListView *list() const { return m_window->findChild<QListView *>(u"conversationList"_s); }
    QListView *contentList() const { return m_window->findChild<QListView *>(u"contentList"_s); }
    QListView *threadView() const { return m_window->findChild<QListView *>(u"threadView"_s); }
    QPlainTextEdit *composer() const { return m_window->findChild<QPlainTextEdit *>(u"composer"_s); }
    // Whether a list holds its rows still for the pointer, and what its "N new" says.
    static bool holding(QListView *view) { return view->property("holding").toBool(); }
    static int newCount(QListView *view) { return view->property("newCount").toInt(); }
    QWidget *newButton() const { return list()->findChild<QWidget *>(u"newActivityButton"_s); }
    // A role of the list by the name it publishes (models answer roleNames()).
    static QVariant role(const QModelIndex &index, const QByteArray &name)
    {
        return index.data(index.model()->roleNames().key(name, -1));
    }
    ConversationListModel *conversations() const
    {
        return qobject_cast<ConversationListModel *>(list()->model());
    }
    ThreadModel *thread() const { return qobject_cast<ThreadModel *>(threadView()->model()); }
    Store &store() const { return *m_session->store(); }
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }

    // Starts the app on a data folder (fresh unless told), lets the worker in and, on a fresh
    // folder, brings the chats: 12 on 店铺一 (two unanswered messages each, c-1 and c-2 answered
    // last), the same fan 张三 on both accounts (c-z1 archived later by tests), a video with comments.
    void start(bool fresh = true)
    {
        if (fresh)
            m_data = m_dir.filePath(u"data%1"_s.arg(++m_n));
        m_settings = std::make_unique<Settings>(m_dir.filePath(u"settings%1.ini"_s.arg(m_n)));
        m_session = std::make_unique<AppSession>();
        QVERIFY(!m_session->start(m_data));
        m_window = std::make_unique<MainWindow>(m_session.get(), m_settings.get());
        m_window->resize(1200, 800);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY(m_window->isActiveWindow());
        if (!fresh)
            return;
        QVERIFY(m_session->enableExternalWorkers());
        m_worker = std::make_unique<Worker>();
        QVERIFY(m_worker->open(m_session->workerUrl()));
        QVERIFY(m_worker->registerFor(m_session->workerToken(), {u"acc-1"_s, u"acc-2"_s}));
        QVERIFY(m_worker->sync(sampleBatch()));
        QTRY_VERIFY(refreshed([this] { return conversations()->rowCount() == 14; }));
        leaveList();
    }

    Batch sampleBatch()
    {
        m_t0 = QDateTime::currentMSecsSinceEpoch() - 60 * kMinute;
        Batch b;
        AccountRecord a1{u"acc-1"_s, u"店铺一"_s, {}};
        AccountRecord a2{u"acc-2"_s, u"店铺二"_s, {}};
        b.accounts = {a1, a2};
        for (int i = 0; i < 12; ++i) {
            UserRecord u;
            u.platformId = u"u-%1"_s.arg(i);
            u.name = u"粉丝%1"_s.arg(i);
            b.users << u;
            const QString c = u"c-%1"_s.arg(i);
            b.messages << dm(u"acc-1"_s, c, c + u"-a"_s, u.platformId, u"你好 %1"_s.arg(i),
                             m_t0 + i * kMinute)
                       << dm(u"acc-1"_s, c, c + u"-b"_s, u.platformId, u"在吗 %1"_s.arg(i),
                             m_t0 + i * kMinute + 1000);
            if (i == 1 || i == 2)
                b.messages << dm(u"acc-1"_s, c, c + u"-out"_s, QString(), u"您好，在的"_s,
                                 m_t0 + i * kMinute + 2000, Direction::Out);
        }
        UserRecord z;
        z.platformId = u"u-z"_s;
        z.name = u"张三"_s;
        b.users << z;
        b.messages << dm(u"acc-1"_s, u"c-z1"_s, u"z1"_s, u"u-z"_s, u"第一个店的问题"_s, m_t0 + 20 * kMinute)
                   << dm(u"acc-2"_s, u"c-z2"_s, u"z2"_s, u"u-z"_s, u"第二个店的问题"_s, m_t0 + 21 * kMinute);
        for (ConversationRecord c : {ConversationRecord{u"acc-1"_s, u"c-z1"_s, u"u-z"_s},
                                     ConversationRecord{u"acc-2"_s, u"c-z2"_s, u"u-z"_s}})
            b.conversations << c;
        ContentRecord video;
        video.accountId = u"acc-1"_s;
        video.platformId = u"vid-1"_s;
        video.title = u"新品开箱"_s;
        video.publishedAt = m_t0;
        b.contents << video;
        b.comments << comment(u"acc-1"_s, u"vid-1"_s, u"k-1"_s, u"u-5"_s, u"好看！"_s, m_t0 + 30 * kMinute)
                   << comment(u"acc-1"_s, u"vid-1"_s, u"k-2"_s, u"u-6"_s, u"多少钱？"_s, m_t0 + 31 * kMinute);
        return b;
    }

    void stop()
    {
        m_worker.reset();
        m_window.reset();
        m_session.reset();
        m_settings.reset();
    }

    bool refreshed(const std::function<bool()> &condition)
    {
        m_window->flushRefresh();
        return condition();
    }

    // Lets every refresh tick that a cascade would need run, then says whether `condition` held
    // throughout.
    bool holdsFor(int ms, const std::function<bool()> &condition)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            m_window->flushRefresh();
            if (!condition())
                return false;
            QTest::qWait(20);
        }
        return true;
    }

    qint64 cid(const QString &conversation, const QString &account = u"acc-1"_s)
    {
        const auto a = store().accountByPlatformId(kPlatform, account);
        if (!a || !a.value())
            return 0;
        const auto c = store().conversationByPlatformId(a.value()->id, conversation);
        return c && c.value() ? c.value()->id : 0;
    }

    // Chats with a badge (none is muted in these tests).
    qint64 unreadChats() { return store().unreadSummary()->perConversation.size(); }
    qint64 unreadOf(qint64 id) { return conv(store(), id).unreadBadge(); }

    QPoint rowCenter(QListView *view, int row)
    {
        const QModelIndex i = view->model()->index(row, 0);
        view->scrollTo(i);
        return view->visualRect(i).center();
    }

    void clickRow(QListView *view, int row)
    {
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, row));
    }

    qint64 idAt(int row)
    {
        return conversations()->index(row).data(ConversationListModel::IdRole).toLongLong();
    }

    void leaveList()
    {
        QTest::mouseMove(threadView()->viewport(), QPoint(20, 20));
        QTRY_VERIFY(!holding(list()));
        QTRY_VERIFY(!holding(contentList()));
    }

    // Runs `act` on the next popup or modal dialog that opens (a context menu, the user card).
    void onNextPopup(std::function<void(QWidget *)> act)
    {
        auto *timer = new QTimer(m_window.get());
        timer->setInterval(20);
        connect(timer, &QTimer::timeout, timer, [timer, act] {
            QWidget *w = QApplication::activePopupWidget();
            if (!w)
                w = QApplication::activeModalWidget();
            if (!w)
                return;
            timer->stop();
            timer->deleteLater();
            act(w);
        });
        timer->start();
    }

    static void commit(QWidget *w, const QString &text)
    {
        QInputMethodEvent e;
        e.setCommitString(text);
        QApplication::sendEvent(w, &e);
    }

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
        const QPoint at = rowCenter(list(), 4);
        QTest::mousePress(list()->viewport(), Qt::RightButton, {}, at);
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, list()->viewport()->mapToGlobal(at));
        QApplication::sendEvent(list()->viewport(), &event);
        QTest::mouseRelease(list()->viewport(), Qt::RightButton, {}, at);
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
        QTRY_VERIFY(holding(list()));
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
};

QTEST_MAIN(TestTriage)
#include "TestTriage.moc"
