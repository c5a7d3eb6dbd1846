// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Master.h"
#include "model/Model.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QListView;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace hiscrm::ui {

class AppSession;
class ContentListModel;
class ConversationListModel;
class SearchPanel;
class Settings;
class ThreadModel;
class TrayNotifier;

// The inbox: sidebar of views and accounts, the conversation list, the thread with its composer,
// search, tray and status bar. Reads through the session's read-only store; acts only through
// the session's MasterLink.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(AppSession *session, Settings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests and the tray: open a conversation (and optionally jump to an item).
    void openConversation(qint64 conversationId, qint64 itemId = 0);
    void openItem(qint64 itemId);
    qint64 currentConversation() const { return m_currentConversation; }
    qint64 currentContent() const { return m_currentContent; }
    void selectView(const QString &key); // "all", "unread", "awaiting", "pinned", "comments", "archived",
                                         // "tag:<id>", "account:<id>"
    QString currentView() const { return m_view; }
    void showSearch();
    // Runs pending refreshes now instead of at the next coalescing tick (tests).
    void flushRefresh();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void buildActions();
    void retranslateUi();
    void rebuildSidebar();
    void updateBadges();
    void updateActions();
    void onChanged(const master::ChangeNotice &notice);
    void refreshNow();
    void onConversationActivated(const QModelIndex &index);
    void onContentActivated(const QModelIndex &index);
    void showThread(model::ItemKind kind, qint64 threadId, qint64 itemId);
    void maybeMarkRead(bool opening = false);
    void sendReply();
    void command(const QString &op, const QJsonObject &args);
    void pollStatus();
    void showWelcomeIfEmpty();
    void moveSelection(int delta);
    void nextUnread();
    void showUserCard();
    void fillTagsMenu();
    void fillMuteMenu();
    void showConversationMenu(const QPoint &pos);
    void showThreadMenu(const QPoint &pos);
    void notifyNewMessages(const QList<qint64> &conversationIds);
    void connectExternalWorker();
    void openSettings();
    int platformLimit() const;

    AppSession *m_session;
    Settings *m_settings;
    ConversationListModel *m_conversations = nullptr;
    ContentListModel *m_contents = nullptr;
    ThreadModel *m_thread = nullptr;
    TrayNotifier *m_tray = nullptr;
    SearchPanel *m_search = nullptr;

    QStackedWidget *m_central = nullptr; // welcome / inbox
    QTreeWidget *m_sidebar = nullptr;
    QStackedWidget *m_listStack = nullptr; // conversations / contents / search
    QListView *m_conversationView = nullptr;
    QListView *m_contentView = nullptr;
    QLabel *m_threadTitle = nullptr;
    QLabel *m_threadSubtitle = nullptr;
    QListView *m_threadView = nullptr;
    QPlainTextEdit *m_composer = nullptr;
    QToolButton *m_quickReplies = nullptr;
    QLabel *m_lengthLabel = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_statusMaster = nullptr;
    QLabel *m_statusConnectors = nullptr;
    QLabel *m_statusRate = nullptr;
    // Welcome page
    QLabel *m_welcomeTitle = nullptr;
    QLabel *m_welcomeText = nullptr;
    QPushButton *m_startDemo = nullptr;
    QPushButton *m_connectWorker = nullptr;
    QLabel *m_workerInfo = nullptr;

    QHash<QString, QAction *> m_actions;
    QMenu *m_muteMenu = nullptr;
    QMenu *m_tagsMenu = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_conversationMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_statusTimer = nullptr;

    QString m_view = QStringLiteral("all");
    qint64 m_currentConversation = 0;
    qint64 m_currentContent = 0;
    master::ChangeNotice m_pending; // coalesced until the next refresh tick
    bool m_refreshPending = false;
    QHash<qint64, qint64> m_lastSeenItem; // conversation -> newest item already notified
    qint64 m_startedAt = 0;
};

} // namespace hiscrm::ui
