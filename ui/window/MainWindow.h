// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Master.h"
#include "model/Model.h"
#include "ui/inbox/InboxListView.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

class QAction;
class QLabel;
class QListView;
class QMenu;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace hiscrm::ui {

class AppSession;
class Composer;
class ContentListModel;
class ConversationListModel;
class DraftStore;
class ElidedLabel;
class SearchPanel;
class Settings;
class TagChipsLabel;
class ThreadModel;
class TrayNotifier;

// The inbox: sidebar of views and accounts, the conversation list, the thread with its composer,
// search, tray and status bar. Reads through the session's read-only store; acts only through
// the session's MasterLink.
//
// Triage is safe by construction: a thread opens only on the operator's deliberate choice (a click,
// Enter, keyboard navigation in the list, a search result, a notification, the user card), never
// because a list changed under it; only the open thread of the active window is marked read; the
// open chat stays in the list until the operator leaves it; and each thread keeps its own draft.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(AppSession *session, Settings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a conversation as the operator's choice (tray, tests), optionally at an item.
    void openConversation(qint64 conversationId, qint64 itemId = 0);
    void openItem(qint64 itemId);
    // Opens the video at the top of the Comments view (screenshots).
    void openFirstContent();
    AppSession *session() const { return m_session; }
    qint64 currentConversation() const { return m_currentConversation; }
    qint64 currentContent() const { return m_currentContent; }
    void selectView(const QString &key); // "all", "unread", "awaiting", "pinned", "comments", "archived",
                                         // "tag:<id>", "account:<id>"
    QString currentView() const { return m_view; }
    void showSearch();
    // Runs pending refreshes now instead of at the next coalescing tick (tests).
    void flushRefresh();
    DraftStore *drafts() const { return m_drafts; }

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    enum class OpenReason
    {
        List,     // a click or Enter in a list
        Keyboard, // moving through a list with the keys: focus stays in the list
        Elsewhere // search, notification, user card: the caret goes to the reply box
    };

    void buildUi();
    void applyFonts();
    void buildActions();
    void retranslateUi();
    void rebuildSidebar();
    void updateBadges();
    void updateActions();
    void onChanged(const master::ChangeNotice &notice);
    // urgent: the operator acted (or a test flushes): badges are counted now, not within a second.
    void refreshNow(bool urgent);
    void scheduleBadges();
    void openThread(model::ItemKind kind, qint64 threadId, qint64 itemId, OpenReason reason);
    void showThread(model::ItemKind kind, qint64 threadId, qint64 itemId);
    void updateThreadHeader();
    void syncListSelection();
    void setListHeld(InboxListView *view, bool held);
    void saveDraft();
    void restoreDraft();
    void maybeMarkRead(bool opening = false);
    void updateJumpToUnread();
    void sendReply();
    void command(const QString &op, const QJsonObject &args);
    void pollStatus();
    void showWelcomeIfEmpty();
    void moveSelection(int delta);
    void nextUnread();
    void markViewRead();
    void showUserCard(qint64 conversationId);
    void fillTagsMenu(QMenu *menu, qint64 conversationId);
    void fillMuteMenu(QMenu *menu, qint64 conversationId);
    void newTag(qint64 conversationId);
    void showConversationMenu(const QPoint &pos);
    void showContentMenu(const QPoint &pos);
    void showThreadMenu(const QPoint &pos);
    void showSidebarMenu(const QPoint &pos);
    void notifyNewMessages(const QList<qint64> &conversationIds);
    void notifyFailedReplies(const QList<store::FailedReply> &failed);
    void connectExternalWorker(bool showDialog);
    void workersListening(const Result<QString> &url, bool showDialog);
    void retryReply(qint64 itemId);
    void openSettings();
    void showShortcuts();
    int platformLimit() const;
    qint64 menuTarget() const { return m_menuTarget ? m_menuTarget : m_currentConversation; }
    QAction *action(const char *name) const;

    AppSession *m_session;
    Settings *m_settings;
    DraftStore *m_drafts = nullptr;
    ConversationListModel *m_conversations = nullptr;
    ContentListModel *m_contents = nullptr;
    ThreadModel *m_thread = nullptr;
    TrayNotifier *m_tray = nullptr;
    SearchPanel *m_search = nullptr;

    QStackedWidget *m_central = nullptr; // welcome / inbox
    QTreeWidget *m_sidebar = nullptr;
    QStackedWidget *m_listStack = nullptr; // conversations / contents / search
    InboxListView *m_conversationView = nullptr;
    InboxListView *m_contentView = nullptr;
    ElidedLabel *m_threadTitle = nullptr;
    ElidedLabel *m_threadSubtitle = nullptr;
    TagChipsLabel *m_threadTags = nullptr;
    QListView *m_threadView = nullptr;
    QToolButton *m_jumpToUnread = nullptr;
    Composer *m_composer = nullptr;
    QToolButton *m_quickReplies = nullptr;
    QLabel *m_lengthLabel = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_replyTarget = nullptr;
    QLabel *m_statusSource = nullptr;
    QLabel *m_statusConnectors = nullptr;
    QLabel *m_statusWorkers = nullptr;
    // Welcome page
    QLabel *m_welcomeTitle = nullptr;
    QLabel *m_welcomeText = nullptr;
    QPushButton *m_startDemo = nullptr;
    QPushButton *m_connectWorker = nullptr;

    QHash<QString, QAction *> m_actions;
    QMenu *m_muteMenu = nullptr;
    QMenu *m_tagsMenu = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_conversationMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_statusTimer = nullptr;
    QTimer *m_badgeTimer = nullptr;
    bool m_badgesDue = false;

    QString m_view = QStringLiteral("all");
    qint64 m_currentConversation = 0;
    qint64 m_currentContent = 0;
    qint64 m_menuTarget = 0;              // the row a context menu acts on, while it is open
    bool m_loadingDraft = false;          // the composer is being filled from a draft
    master::ChangeNotice m_pending;       // coalesced until the next refresh tick
    QHash<qint64, qint64> m_lastSeenItem; // conversation -> newest item already notified
    QSet<qint64> m_knownFailed;           // failed replies already announced
    bool m_failedPrimed = false;          // the first read of failures announces nothing
    qint64 m_startedAt = 0;
};

} // namespace hiscrm::ui
