// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The desktop as an operator meets it, for GUI tests: the real window (offscreen) over the
// embedded master, and a crawler on a real WebSocket that brings a known set of chats. Test
// classes derive from InboxHarness and reach the window through object names, Qt's own widget
// types and role names only, so that a test also builds against an older window and shows what
// that one got wrong.

#include "InputMethod.h"
#include "PaintRecorder.h"
#include "TestUtil.h"

#include "protocol/Protocol.h"
#include "ui/app/AppSession.h"
#include "ui/inbox/ConversationListModel.h"
#include "ui/settings/Settings.h"
#include "ui/thread/ThreadModel.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QInputMethodEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QListView>
#include <QPlainTextEdit>
#include <QTimer>
#include <QWebSocket>

namespace testutil {

using namespace hiscrm::ui;

inline const QString kPlatform = QStringLiteral("douyin");
constexpr qint64 kMinute = 60 * 1000;

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

// No Q_OBJECT: the test classes deriving from it hold the slots.
class InboxHarness : public QObject
{
protected:
    QTemporaryDir m_dir;
    QString m_data;
    int m_n = 0;
    qint64 m_t0 = 0;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Worker> m_worker;
    // The test's own read-only connection, for what the window's StoreReader does not answer
    // (platform ids).
    std::unique_ptr<Store> m_lookup;

    QListView *list() const { return m_window->findChild<QListView *>(u"conversationList"_s); }
    QListView *contentList() const { return m_window->findChild<QListView *>(u"contentList"_s); }
    QListView *threadView() const { return m_window->findChild<QListView *>(u"threadView"_s); }
    QPlainTextEdit *composer() const { return m_window->findChild<QPlainTextEdit *>(u"composer"_s); }
    // Whether a list holds its rows still for the pointer, and what its "N new" says.
    static bool holding(QListView *view) { return view->property("holding").toBool(); }
    // Whether a click at `at` counts: the row there has been in its place long enough to be aimed
    // at (true for a window that does not say).
    static bool settledAt(QListView *view, const QPoint &at)
    {
        bool settled = true;
        QMetaObject::invokeMethod(view, "isSettledAt", Q_RETURN_ARG(bool, settled), Q_ARG(QPoint, at));
        return settled;
    }
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
    const StoreReader &store() const { return *m_session->store(); }
    Store &lookup()
    {
        if (!m_lookup) {
            Store::Options readOnly;
            readOnly.access = Store::Access::ReadOnly;
            auto opened = Store::open(m_session->databasePath(), readOnly);
            if (!opened)
                qFatal("cannot open %s: %s", qPrintable(m_session->databasePath()),
                       qPrintable(opened.error().message));
            m_lookup = std::move(opened.value());
        }
        return *m_lookup;
    }
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
        m_lookup.reset();
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
        // The master answers later; the window never waits for it.
        auto listening = std::make_shared<std::optional<bool>>();
        m_session->enableExternalWorkers(0, QString(),
                                         [listening](const Result<QString> &url) { *listening = bool(url); });
        QTRY_VERIFY(listening->has_value());
        QVERIFY(**listening);
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
        m_lookup.reset();
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
        const auto a = lookup().accountByPlatformId(kPlatform, account);
        if (!a || !a.value())
            return 0;
        const auto c = lookup().conversationByPlatformId(a.value()->id, conversation);
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

    // As the operator aims: the pointer rests on the row (the list holds still under it) until the
    // row is one that could have been aimed at.
    QPoint restOnRow(QListView *view, int row)
    {
        const QPoint at = rowCenter(view, row);
        QTest::mouseMove(view->viewport(), at);
        [&] {
            QTRY_VERIFY(settledAt(view, at));
        }();
        return at;
    }

    void clickRow(QListView *view, int row)
    {
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, restOnRow(view, row));
    }

    // A right click as the platform delivers it: press, the context menu event, release.
    static void rightClick(QListView *view, const QPoint &at)
    {
        QTest::mousePress(view->viewport(), Qt::RightButton, {}, at);
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &event);
        QTest::mouseRelease(view->viewport(), Qt::RightButton, {}, at);
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

    static void commit(QWidget *w, const QString &text) { sendCommit(w, text); }
};

} // namespace testutil
