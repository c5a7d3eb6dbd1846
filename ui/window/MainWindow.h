// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Master.h"
#include "model/Model.h"
#include "ui/inbox/InboxListView.h"

#include <QHash>
#include <QMainWindow>
#include <QSet>

#include <memory>

class QLabel;
class QMenu;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace hiscrm::store {
struct OutboxEntry;
struct FailedReply;
} // namespace hiscrm::store

namespace hiscrm::ui {

class AppSession;
class ContentListModel;
class InboxListModel;
class ConversationController;
class ConversationListModel;
class DraftStore;
class SearchPanel;
class Settings;
class Sidebar;
struct TeamPairing;
class ThreadModel;
class ThreadPane;
class TrayNotifier;
struct WindowActions;

// The inbox's frame: the menus and actions, the welcome page, the sidebar (Sidebar), the list of
// conversations, videos or search results, the open thread (ThreadPane, driven by the
// ConversationController), the tray and the status bar; it coalesces the master's change notices
// into refreshes and turns new messages and failed replies into notifications. Reads through the
// session's read-only store; acts only through the session's MasterLink, and never waits for the
// master: answers come back as callbacks in this thread.
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
    qint64 currentConversation() const;
    qint64 currentContent() const;
    void selectView(const QString &key); // "all", "unread", "awaiting", "pinned", "comments", "archived",
                                         // "tag:<id>", "account:<id>"
    QString currentView() const { return m_view; }
    void showSearch();
    // The search panel listing everything this person wrote (the user card, a message's menu).
    void searchSender(qint64 userId, const QString &name);
    // Runs pending refreshes now instead of at the next coalescing tick (tests).
    void flushRefresh();
    // After pairing again with a team master this desktop was already paired with (the admin
    // revoked the old device, or gave it another scope), the new pairing replaces the earlier
    // ones: their copies are deleted (the one open now once its session ends). One whose copy
    // still has changes to send is kept, unless the master has refused it. Returns what the
    // operator is told, or nothing when there was no earlier pairing.
    QString replaceEarlierPairings(const TeamPairing &paired);
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

    void connectActions();
    void buildMenus();
    QWidget *buildWelcome();
    void buildLists();
    void setUpList(InboxListView *view, InboxListModel *model, model::ItemKind kind);
    // What the status bar says when a click on a row that had just moved opened nothing.
    QString clickHeldBackText() const;
    void buildStatusBar();
    void connectTray();
    void startTimers();
    void placeFirstWindow();
    void followSettings();
    void applyFonts();
    void retranslateUi();
    void rebuildSidebar();
    static QList<QPair<qint64, qint64>> tagVersions(const QList<model::Tag> &tags);
    bool tagsChangedElsewhere() const;
    void updateBadges();
    void updateActions();
    void onChanged(const master::ChangeNotice &notice);
    // urgent: the operator acted (or a test flushes): badges are counted now, not within a second.
    void refreshNow(bool urgent);
    void scheduleBadges();
    void openThread(model::ItemKind kind, qint64 threadId, qint64 itemId, OpenReason reason);
    void syncListSelection();
    void setListHeld(InboxListView *view, bool held);
    void leaveSearch();
    void pollStatus();
    QString connectorsText() const;
    void showWelcomeIfEmpty();
    void moveSelection(int delta);
    void nextUnread();
    void markViewRead();
    void showConversationMenu(const QPoint &pos);
    void showContentMenu(const QPoint &pos);
    void showSidebarMenu(const QPoint &pos);
    void notifyNewMessages(const QList<qint64> &conversationIds);
    void notifyFailedReplies(const QList<store::FailedReply> &failed);
    void connectExternalWorker(bool showDialog);
    void workersListening(const Result<QString> &url, bool showDialog);
    void showShortcuts();
    // Team mode: the status line, the Inbox source menu, pairing and forgetting a pairing.
    QString teamStatusText() const;
    // The refused commands of a paired desktop's outbox, and the operator's words for one.
    void showRefusedCommands();
    QString describeCommand(const store::OutboxEntry &e) const;
    QString teamWelcomeText() const; // the page of an empty team inbox
    void fillSourceMenu();
    void switchSource(const QString &pairingId);
    void connectTeam();
    void disconnectTeam();

    AppSession *m_session;
    Settings *m_settings;
    std::unique_ptr<WindowActions> m_actions;
    DraftStore *m_drafts = nullptr;
    ConversationListModel *m_conversations = nullptr;
    ContentListModel *m_contents = nullptr;
    ThreadModel *m_thread = nullptr;
    TrayNotifier *m_tray = nullptr;
    ConversationController *m_current = nullptr;

    QStackedWidget *m_central = nullptr; // welcome / inbox
    Sidebar *m_sidebar = nullptr;
    QStackedWidget *m_listStack = nullptr; // conversations / contents / search
    InboxListView *m_conversationView = nullptr;
    InboxListView *m_contentView = nullptr;
    SearchPanel *m_search = nullptr;
    ThreadPane *m_pane = nullptr;
    QLabel *m_statusSource = nullptr;
    QLabel *m_statusConnectors = nullptr;
    QLabel *m_statusWorkers = nullptr;
    // Welcome page
    QLabel *m_welcomeTitle = nullptr;
    QLabel *m_welcomeText = nullptr;
    QPushButton *m_startDemo = nullptr;
    QPushButton *m_connectWorker = nullptr;
    QPushButton *m_connectTeam = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_sourceMenu = nullptr; // Inbox source: this computer, or a paired team master
    QMenu *m_conversationMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_statusTimer = nullptr;
    QTimer *m_badgeTimer = nullptr;
    bool m_badgesDue = false;

    QString m_view = QStringLiteral("all");
    master::ChangeNotice m_pending;             // coalesced until the next refresh tick
    QHash<qint64, qint64> m_lastSeenItem;       // conversation -> newest item already notified
    QSet<qint64> m_knownFailed;                 // failed replies already announced
    bool m_failedPrimed = false;                // the first read of failures announces nothing
    QList<QPair<qint64, qint64>> m_tagVersions; // (id, rev) of the tags the sidebar and search show
    qint64 m_startedAt = 0;
};

} // namespace hiscrm::ui
