// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/MainWindow.h"

#include "common/Clock.h"
#include "protocol/Protocol.h"
#include "ui/app/AppSession.h"
#include "ui/common/Icons.h"
#include "ui/common/PlatformName.h"
#include "ui/inbox/ContentListModel.h"
#include "ui/inbox/ConversationDelegate.h"
#include "ui/inbox/ConversationListModel.h"
#include "ui/search/SearchPanel.h"
#include "ui/settings/Settings.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/thread/Composer.h"
#include "ui/thread/ConversationController.h"
#include "ui/thread/DraftStore.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadPane.h"
#include "ui/window/PairDialog.h"
#include "ui/window/ShortcutsDialog.h"
#include "ui/window/Sidebar.h"
#include "ui/window/TrayNotifier.h"
#include "ui/window/WindowActions.h"
#include "ui/window/WorkerSetupDialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVBoxLayout>

namespace hiscrm::ui {

using namespace model;

namespace {

constexpr int kRefreshMs = 150;         // live updates are coalesced: at most ~7 repaints a second
constexpr int kStatusMs = 3000;         // how often the status bar is brought up to date
constexpr int kBadgesMs = 1000;         // badges are counted at most this often while messages stream
constexpr int kMarkAllConfirmAbove = 5; // "mark all read" asks first when it would read more chats

// 128 random bits, as the master makes its own.
QString newWorkerToken()
{
    QByteArray raw(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 4);
    return QString::fromLatin1(raw.toHex());
}

} // namespace

MainWindow::MainWindow(AppSession *session, Settings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_actions(std::make_unique<WindowActions>(this))
    , m_startedAt(nowMs())
{
    setObjectName(QStringLiteral("mainWindow"));
    m_drafts = new DraftStore(QDir(session->dataDir()).filePath(QStringLiteral("drafts.json")), this);
    m_conversations = new ConversationListModel(session->store(), this);
    m_contents = new ContentListModel(session->store(), this);
    m_conversations->setDrafts(m_drafts);
    m_contents->setDrafts(m_drafts);
    m_thread = new ThreadModel(session->store(), this);
    m_tray = new TrayNotifier(this);
    const WindowActions &a = *m_actions;
    m_pane =
        new ThreadPane(m_thread, m_settings,
                       {a.markRead, a.markUnread, a.pin, a.archive, a.mute, a.tags, a.userCard, a.search});
    m_current = new ConversationController(
        {m_session, m_drafts, m_conversations, m_contents, m_thread, m_pane, m_actions.get()}, this);
    connect(m_current, &ConversationController::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_current, &ConversationController::commandDone, this, &MainWindow::flushRefresh);
    connect(m_current, &ConversationController::tagsChanged, this, &MainWindow::rebuildSidebar);
    connect(m_current, &ConversationController::openRequested, this,
            [this](qint64 id) { openThread(ItemKind::Message, id, 0, OpenReason::Elsewhere); });
    connect(m_current, &ConversationController::searchSenderRequested, this, &MainWindow::searchSender);
    connectActions();
    buildMenus();
    m_central = new QStackedWidget(this);
    setCentralWidget(m_central);
    m_central->addWidget(buildWelcome());
    buildLists();
    // Inbox: sidebar | list | thread.
    auto *split = new QSplitter;
    split->setObjectName(QStringLiteral("inboxSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(m_sidebar);
    split->addWidget(m_listStack);
    split->addWidget(m_pane);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 2);
    split->setSizes({190, 360, 650});
    m_central->addWidget(split);
    buildStatusBar();
    applyFonts();
    retranslateUi();

    startTimers();
    connect(session, &AppSession::changed, this, &MainWindow::onChanged);
    connect(session, &AppSession::connectorsChanged, this, &MainWindow::pollStatus);
    connect(session, &AppSession::workerEndpointChanged, this, &MainWindow::pollStatus);
    followSettings();
    connectTray();

    const QByteArray geometry = m_settings->windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    else
        placeFirstWindow();
    selectView(QStringLiteral("all"));
    // A crawler set up once reconnects by itself: the inbox listens again at start.
    if (m_settings->workersEnabled())
        connectExternalWorker(false);
    refreshNow(true);
    showWelcomeIfEmpty();
    pollStatus();
}

// The first start: 1200 × 800 where the screen has room for it, else nine tenths of the screen's
// free area (a 1366 × 768 laptop with its task bar), centred there, so that the status bar (where
// the inbox comes from, what waits to be sent) and the reply box are on the screen. The title bar
// and the frame are drawn around this, in the tenth left over.
void MainWindow::placeFirstWindow()
{
    const QScreen *s = screen();
    if (!s) {
        resize(1200, 800);
        return;
    }
    const QRect free = s->availableGeometry();
    resize(QSize(qMin(1200, free.width() * 9 / 10), qMin(800, free.height() * 9 / 10))
               .expandedTo(minimumSizeHint()));
    const QPoint centred = free.center() - rect().center();
    move(qMax(free.left(), centred.x()), qMax(free.top(), centred.y()));
}

MainWindow::~MainWindow()
{
    m_current->saveDraft();
}

qint64 MainWindow::currentConversation() const
{
    return m_current->conversation();
}

qint64 MainWindow::currentContent() const
{
    return m_current->content();
}

void MainWindow::startTimers()
{
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] { refreshNow(false); });
    // Counting the badges reads every conversation that counts (about 10 ms at 20,000 chats):
    // while messages stream in they are counted at most once a second, not at every refresh.
    m_badgeTimer = new QTimer(this);
    m_badgeTimer->setSingleShot(true);
    m_badgeTimer->setInterval(kBadgesMs);
    connect(m_badgeTimer, &QTimer::timeout, this, [this] {
        if (std::exchange(m_badgesDue, false)) {
            updateBadges();
            m_badgeTimer->start();
        }
    });
    // Team mode: the status bar and an empty inbox's page follow the connection at once.
    connect(m_session, &AppSession::syncStateChanged, this, [this] {
        pollStatus();
        if (m_central->currentIndex() == 0 && m_session->isRemote())
            m_welcomeText->setText(teamWelcomeText());
    });
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(kStatusMs);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::pollStatus);
    m_statusTimer->start();
}

void MainWindow::followSettings()
{
    m_tray->setNotificationsEnabled(m_settings->notificationsEnabled());
    m_tray->setShowPreview(m_settings->notificationPreview());
    m_tray->setSoundEnabled(m_settings->notificationSound());
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        switch (key) {
        case Settings::Key::NotificationsEnabled:
            m_tray->setNotificationsEnabled(m_settings->notificationsEnabled());
            break;
        case Settings::Key::NotificationsPreview:
            m_tray->setShowPreview(m_settings->notificationPreview());
            break;
        case Settings::Key::NotificationsSound:
            m_tray->setSoundEnabled(m_settings->notificationSound());
            break;
        default:
            break;
        }
    });
}

void MainWindow::connectTray()
{
    connect(m_tray, &TrayNotifier::showWindowRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_tray, &TrayNotifier::hideWindowRequested, this, &QWidget::hide);
    connect(m_tray, &TrayNotifier::quitRequested, qApp, &QApplication::quit);
    connect(m_tray, &TrayNotifier::openConversation, this, [this](qint64 id) {
        showNormal();
        raise();
        activateWindow();
        openConversation(id);
    });
    m_tray->show();
}

void MainWindow::connectActions()
{
    // The conversation's own actions are the ConversationController's; these are the frame's.
    const WindowActions &a = *m_actions;
    // Ctrl+K searches everything and Ctrl+F the open chat: opened anew, the search drops the chips
    // that "Find in conversation" and "Messages from" left (the filters above them stay), so
    // nothing narrows it that the operator did not just ask for.
    const auto openSearch = [this](qint64 conversationScope) {
        const bool anew = m_listStack->currentWidget() != m_search;
        showSearch();
        if (m_listStack->currentWidget() != m_search)
            return;
        if (anew)
            m_search->clearSenderFilter();
        if (anew || conversationScope)
            m_search->setConversationScope(conversationScope,
                                           conversationScope ? m_pane->title() : QString());
    };
    connect(a.search, &QAction::triggered, this, [openSearch] { openSearch(0); });
    connect(a.find, &QAction::triggered, this, [this, openSearch] { openSearch(m_current->conversation()); });
    connect(a.previous, &QAction::triggered, this, [this] { moveSelection(-1); });
    connect(a.next, &QAction::triggered, this, [this] { moveSelection(1); });
    connect(a.nextUnread, &QAction::triggered, this, &MainWindow::nextUnread);
    connect(a.escape, &QAction::triggered, this, &MainWindow::leaveSearch);
    connect(a.markViewRead, &QAction::triggered, this, &MainWindow::markViewRead);
    // Settings opened on a page: none (where it opens), About or Quick replies.
    const auto openSettings = [this](void (SettingsDialog::*page)()) {
        SettingsDialog dialog(m_settings, this);
        if (page)
            (dialog.*page)();
        dialog.exec();
    };
    connect(a.settings, &QAction::triggered, this, [openSettings] { openSettings(nullptr); });
    connect(m_pane, &ThreadPane::editQuickRepliesRequested, this,
            [openSettings] { openSettings(&SettingsDialog::showQuickReplies); });
    connect(a.shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(a.shortcutsSlash, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(a.quit, &QAction::triggered, qApp, &QApplication::quit);
    connect(a.startDemo, &QAction::triggered, this, [this] {
        if (m_session->demoRunning())
            return;
        m_session->startDemo();
        m_settings->setDemoEnabled(true);
        showWelcomeIfEmpty();
        updateActions();
    });
    connect(a.connectWorker, &QAction::triggered, this, [this] { connectExternalWorker(true); });
    connect(a.connectTeam, &QAction::triggered, this, &MainWindow::connectTeam);
    connect(a.disconnectTeam, &QAction::triggered, this, &MainWindow::disconnectTeam);
    connect(a.about, &QAction::triggered, this, [openSettings] { openSettings(&SettingsDialog::showAbout); });
}

void MainWindow::buildMenus()
{
    const WindowActions &a = *m_actions;
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addActions({a.startDemo, a.connectWorker});
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(a.connectTeam);
    m_sourceMenu = m_fileMenu->addMenu(QString());
    m_sourceMenu->setObjectName(QStringLiteral("sourceMenu"));
    connect(m_sourceMenu, &QMenu::aboutToShow, this, &MainWindow::fillSourceMenu);
    m_fileMenu->addAction(a.disconnectTeam);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(a.settings);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(a.quit);
    m_conversationMenu = menuBar()->addMenu(QString());
    m_conversationMenu->addActions(
        {a.markRead, a.markUnread, a.pin, a.archive, a.mute, a.tags, a.userCard, a.focusComposer});
    m_conversationMenu->addSeparator();
    m_conversationMenu->addAction(a.markViewRead);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions({a.search, a.find, a.previous, a.next, a.nextUnread});
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addActions({a.shortcuts, a.about});
}

QWidget *MainWindow::buildWelcome()
{
    // Welcome page: shown while there is no account yet.
    auto *welcome = new QWidget;
    welcome->setObjectName(QStringLiteral("welcomePage"));
    auto *wl = new QVBoxLayout(welcome);
    wl->addStretch();
    m_welcomeTitle = new QLabel;
    m_welcomeTitle->setAlignment(Qt::AlignCenter);
    m_welcomeText = new QLabel;
    m_welcomeText->setObjectName(QStringLiteral("welcomeText"));
    m_welcomeText->setWordWrap(true);
    m_welcomeText->setAlignment(Qt::AlignCenter);
    m_startDemo = new QPushButton;
    m_startDemo->setObjectName(QStringLiteral("startDemoButton"));
    connect(m_startDemo, &QPushButton::clicked, m_actions->startDemo, &QAction::trigger);
    m_connectWorker = new QPushButton;
    m_connectWorker->setObjectName(QStringLiteral("connectWorkerButton"));
    connect(m_connectWorker, &QPushButton::clicked, this, [this] { connectExternalWorker(true); });
    m_connectTeam = new QPushButton;
    m_connectTeam->setObjectName(QStringLiteral("connectTeamButton"));
    connect(m_connectTeam, &QPushButton::clicked, m_actions->connectTeam, &QAction::trigger);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_startDemo);
    buttons->addWidget(m_connectWorker);
    buttons->addWidget(m_connectTeam);
    buttons->addStretch();
    wl->addWidget(m_welcomeTitle);
    wl->addWidget(m_welcomeText);
    wl->addLayout(buttons);
    wl->addStretch();
    return welcome;
}

void MainWindow::buildLists()
{
    m_sidebar = new Sidebar(m_session->store());
    connect(m_sidebar, &QWidget::customContextMenuRequested, this, &MainWindow::showSidebarMenu);
    connect(m_sidebar, &Sidebar::viewChosen, this, &MainWindow::selectView);
    // Clicking the view already chosen still leaves the search for its list.
    connect(m_sidebar, &Sidebar::viewClicked, this, [this](const QString &key) {
        if (m_listStack->currentWidget() == m_search)
            selectView(key);
    });
    m_listStack = new QStackedWidget;
    m_conversationView = new InboxListView;
    m_conversationView->setObjectName(QStringLiteral("conversationList"));
    setUpList(m_conversationView, m_conversations, ItemKind::Message);
    connect(m_conversationView, &QWidget::customContextMenuRequested, this,
            &MainWindow::showConversationMenu);
    m_contentView = new InboxListView;
    m_contentView->setObjectName(QStringLiteral("contentList"));
    setUpList(m_contentView, m_contents, ItemKind::Comment);
    connect(m_contentView, &QWidget::customContextMenuRequested, this, &MainWindow::showContentMenu);
    m_search = new SearchPanel(m_session->databasePath());
    m_search->setObjectName(QStringLiteral("searchPanel"));
    connect(m_search, &SearchPanel::openItem, this, &MainWindow::openItem);
    connect(m_search, &SearchPanel::openConversation, this, [this](qint64 id) { openConversation(id); });
    connect(m_search, &SearchPanel::closeRequested, m_actions->escape, &QAction::trigger);
    m_listStack->addWidget(m_conversationView);
    m_listStack->addWidget(m_contentView);
    m_listStack->addWidget(m_search);
}

QString MainWindow::clickHeldBackText() const
{
    return tr("The list changed just as you clicked, so nothing was opened. Click again to open it.");
}

void MainWindow::setUpList(InboxListView *view, InboxListModel *model, ItemKind kind)
{
    view->setModel(model);
    view->setItemDelegate(new ConversationDelegate(view));
    view->setUniformItemSizes(true);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &InboxListView::openRequested, this,
            [this, kind](const QModelIndex &index, InboxListView::OpenReason reason) {
                // "Click again" is answered.
                if (statusBar()->currentMessage() == clickHeldBackText())
                    statusBar()->clearMessage();
                const qint64 id = index.data(InboxRoles::Id).toLongLong();
                openThread(kind, id, 0,
                           reason == InboxListView::OpenReason::Keyboard ? OpenReason::Keyboard
                                                                         : OpenReason::List);
            });
    connect(view, &InboxListView::holdingChanged, this, [this, view](bool held) { setListHeld(view, held); });
    connect(view, &InboxListView::clickHeldBack, this,
            [this] { statusBar()->showMessage(clickHeldBackText(), 5000); });
    connect(model, &InboxListModel::heldNewCountChanged, view, &InboxListView::setNewCount);
    connect(view, &InboxListView::jumpToNewRequested, this, [this, view, model] {
        model->setHeld(false);
        syncListSelection();
        view->scrollToTop();
        model->setHeld(view->isHolding());
    });
    // Typing in the list writes in the open thread's reply box instead of jumping to a row.
    connect(view, &InboxListView::textTyped, this, [this](const QString &text) {
        Composer *composer = m_pane->composer();
        if (!composer->isEnabled())
            return;
        composer->setFocus(Qt::OtherFocusReason);
        composer->insertPlainText(text);
    });
}

void MainWindow::buildStatusBar()
{
    m_statusSource = new QLabel;
    m_statusSource->setObjectName(QStringLiteral("statusSource"));
    m_statusConnectors = new QLabel;
    m_statusConnectors->setObjectName(QStringLiteral("statusConnectors"));
    m_statusWorkers = new QLabel;
    m_statusWorkers->setObjectName(QStringLiteral("statusWorkers"));
    statusBar()->addWidget(m_statusSource);
    statusBar()->addWidget(m_statusConnectors, 1);
    statusBar()->addPermanentWidget(m_statusWorkers);
    connect(m_statusWorkers, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == u"refused")
            showRefusedCommands();
    });
}

QString MainWindow::describeCommand(const store::OutboxEntry &e) const
{
    const store::StoreReader *store = m_session->store();
    QString chat = tr("a chat");
    if (e.conversationId != 0) {
        chat = tr("chat %1").arg(e.conversationId);
        const auto c = store->conversation(e.conversationId);
        if (c && c.value()) {
            if (const auto peer = store->user(c.value()->peerUserId);
                peer && peer.value() && !peer.value()->name.isEmpty())
                chat = tr("the chat with %1").arg(peer.value()->name);
        }
    }
    const QString &op = e.op;
    if (op == u"mark_read")
        return tr("Mark %1 read").arg(chat);
    if (op == u"mark_unread")
        return tr("Mark %1 unread").arg(chat);
    if (op == u"pin")
        return tr("Pin %1").arg(chat);
    if (op == u"unpin")
        return tr("Unpin %1").arg(chat);
    if (op == u"archive")
        return tr("Archive %1").arg(chat);
    if (op == u"unarchive")
        return tr("Unarchive %1").arg(chat);
    if (op == u"mute")
        return tr("Mute %1").arg(chat);
    if (op == u"unmute")
        return tr("Unmute %1").arg(chat);
    if (op == u"tag" || op == u"untag") {
        QString name = QString::number(e.args.value(QStringLiteral("tag_id")).toInteger());
        if (const auto tags = store->tags()) {
            for (const model::Tag &t : *tags) {
                if (t.id == e.args.value(QStringLiteral("tag_id")).toInteger())
                    name = t.name;
            }
        }
        return (op == u"tag" ? tr("Tag %1 “%2”") : tr("Remove the tag “%2” from %1")).arg(chat, name);
    }
    if (op == u"mark_comments_read" || op == u"mark_comments_unread")
        return op == u"mark_comments_read" ? tr("Mark comments read") : tr("Mark comments unread");
    if (op == u"reply") {
        const QString text = e.args.value(QStringLiteral("text")).toString();
        return e.conversationId != 0 ? tr("Reply in %1: “%2”").arg(chat, text)
                                     : tr("Reply to a comment: “%1”").arg(text);
    }
    return op;
}

void MainWindow::showRefusedCommands()
{
    const auto entries = m_session->store()->outbox();
    if (!entries)
        return;
    QStringList lines;
    for (const store::OutboxEntry &e : *entries) {
        if (e.state == store::OutboxEntry::State::Refused)
            lines << tr("%1 (%2): %3")
                         .arg(describeCommand(e),
                              QLocale().toString(QDateTime::fromMSecsSinceEpoch(e.createdAt),
                                                 QLocale::ShortFormat),
                              e.error);
    }
    if (lines.isEmpty())
        return;
    QMessageBox box(QMessageBox::Warning, tr("Changes refused"),
                    tr("The team master refused %n of your changes. The inbox shows the team master's state; "
                       "do them again if they are still wanted (a refused reply's text is below, to copy).",
                       nullptr, int(lines.size())),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("refusedCommands"));
    box.setDetailedText(lines.join(u'\n'));
    box.setInformativeText(lines.mid(0, 5).join(u'\n') +
                           (lines.size() > 5 ? QStringLiteral("\n…") : QString()));
    QPushButton *dismiss = box.addButton(tr("Dismiss"), QMessageBox::AcceptRole);
    box.addButton(tr("Keep for later"), QMessageBox::RejectRole);
    box.setDefaultButton(dismiss);
    box.exec();
    if (box.clickedButton() == dismiss)
        m_session->dismissRefusedCommands();
}

void MainWindow::applyFonts()
{
    // The welcome title has a font of its own that follows the application's (the text size).
    QFont big = QApplication::font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_welcomeTitle->setFont(big);
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_conversationMenu->setTitle(tr("&Conversation"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    const WindowActions &a = *m_actions;
    const auto text = &WindowActions::setText;
    text(a.search, tr("Search…"), tr("Search all messages and comments"));
    text(a.find, tr("Find in conversation…"), tr("Search in this conversation"));
    text(a.previous, tr("Previous conversation"), QString());
    text(a.next, tr("Next conversation"), QString());
    text(a.nextUnread, tr("Next unread"), QString());
    text(a.focusComposer, tr("Write a reply"), tr("Put the caret in the reply box"));
    text(a.escape, tr("Close search"), QString());
    text(a.markRead, tr("Mark read"), QString());
    text(a.markUnread, tr("Mark unread"), QString());
    text(a.tags, tr("Tags"), tr("Add or remove tags"));
    text(a.copy, tr("Copy message"), QString());
    text(a.retry, tr("Retry sending"), QString());
    text(a.markViewRead, tr("Mark all in this view read…"), QString());
    text(a.settings, tr("Settings…"), QString());
    text(a.shortcuts, tr("Keyboard shortcuts"), QString());
    text(a.quit, tr("Quit"), QString());
    text(a.startDemo, tr("Start the demo"), tr("Fill the inbox with a simulated platform's fans"));
    text(a.connectWorker, tr("Connect your own crawler…"), QString());
    text(a.about, tr("About HisCRM Desk"), QString());
    text(a.connectTeam, tr("Connect to a team master…"),
         tr("Show the inbox a team master shares with this desktop"));
    text(a.disconnectTeam,
         m_session->isRemote() ? tr("Disconnect from %1…").arg(m_session->pairing().host())
                               : tr("Disconnect from the team master…"),
         QString());
    m_sourceMenu->setTitle(tr("Inbox source"));
    m_connectTeam->setText(tr("Connect to a team master"));
    m_connectTeam->setAccessibleName(tr("Connect to a team master"));
    m_welcomeTitle->setText(tr("Welcome to HisCRM Desk"));
    m_welcomeText->setText(
        m_session->isRemote()
            ? teamWelcomeText()
            : tr("There is no account yet. Start the demo to see a working inbox with simulated fans, "
                 "connect the crawler that watches your real accounts, or connect to your team's master."));
    m_startDemo->setText(tr("Start the demo"));
    m_startDemo->setAccessibleName(tr("Start the demo"));
    m_connectWorker->setText(tr("Connect your own crawler"));
    m_connectWorker->setAccessibleName(tr("Connect your own crawler"));
    m_sidebar->setAccessibleName(tr("Views and accounts"));
    m_conversationView->setAccessibleName(tr("Conversations"));
    m_contentView->setAccessibleName(tr("Videos with comments"));
    m_statusSource->setAccessibleName(tr("Where the inbox comes from"));
    m_statusConnectors->setAccessibleName(tr("Platform connections"));
    m_statusWorkers->setAccessibleName(tr("Crawlers"));
    rebuildSidebar();
    updateActions();
    m_current->updateHeader();
    pollStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_fileMenu)
        retranslateUi();
    if (event->type() == QEvent::FontChange && m_fileMenu) {
        applyFonts();
        rebuildSidebar(); // its group titles are bold copies of the font
    }
    if (event->type() == QEvent::PaletteChange && m_fileMenu)
        rebuildSidebar(); // account rows carry a colour taken from the palette
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && m_current)
        m_current->maybeMarkRead();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_current->saveDraft();
    m_drafts->save();
    // With a tray, closing the window keeps the inbox (and its connectors) running there.
    if (m_settings->closeToTray() && m_tray->isTrayAvailable() && m_tray->trayIcon()->isVisible()) {
        hide();
        m_tray->setWindowVisible(false);
        if (!m_settings->closeToTrayHintShown()) {
            m_tray->trayIcon()->showMessage(
                tr("HisCRM Desk is still running"),
                tr("New messages keep arriving and notify you. Quit from the tray icon's menu or with "
                   "File > Quit; Settings can make closing the window quit instead."));
            m_settings->setCloseToTrayHintShown(true);
        }
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::rebuildSidebar()
{
    m_sidebar->rebuild(m_view);
    // The search's filters offer the same accounts and tags.
    if (const auto accounts = m_session->store()->accounts())
        m_search->setAccounts(*accounts);
    if (const auto tags = m_session->store()->tags()) {
        m_search->setTags(*tags);
        m_tagVersions = tagVersions(*tags);
    }
    updateBadges();
}

QList<QPair<qint64, qint64>> MainWindow::tagVersions(const QList<model::Tag> &tags)
{
    QList<QPair<qint64, qint64>> versions;
    versions.reserve(tags.size());
    for (const model::Tag &t : tags)
        versions.append({t.id, t.rev});
    return versions;
}

bool MainWindow::tagsChangedElsewhere() const
{
    const auto tags = m_session->store()->tags();
    return tags && tagVersions(*tags) != m_tagVersions;
}

void MainWindow::scheduleBadges()
{
    if (m_badgeTimer->isActive()) {
        m_badgesDue = true;
        return;
    }
    updateBadges();
    m_badgeTimer->start();
}

void MainWindow::updateBadges()
{
    const auto counts = m_session->store()->viewCounts();
    if (!counts)
        return;
    // The title and the tray count what needs reading: unread chats plus unread comments (muted
    // chats never count). The title ends with the app's name, so the platform adds it no twice.
    const qint64 total = counts->unreadChats + counts->unreadComments;
    m_tray->setUnread(total);
    setWindowTitle(total > 0 ? tr("(%1) HisCRM Desk").arg(total) : tr("HisCRM Desk"));
    m_sidebar->setBadges(*counts);
}

void MainWindow::selectView(const QString &key)
{
    m_view = key;
    store::ConversationFilter f;
    if (key == u"unread")
        f.unreadOnly = true;
    else if (key == u"awaiting")
        f.awaitingReplyOnly = true;
    else if (key == u"pinned")
        f.pinnedOnly = true;
    else if (key == u"archived")
        f.archived = store::ArchivedFilter::Only;
    else if (key.startsWith(u"tag:"))
        f.tagId = key.mid(4).toLongLong();
    else if (key.startsWith(u"account:"))
        f.accountIds = {key.mid(8).toLongLong()};
    if (key == u"comments") {
        m_contents->refresh();
        m_listStack->setCurrentWidget(m_contentView);
    } else {
        m_conversations->setFilter(f);
        m_listStack->setCurrentWidget(m_conversationView);
    }
    m_sidebar->showCurrent(key);
    syncListSelection();
    updateActions();
}

void MainWindow::showSearch()
{
    // Not on the welcome page: there is nothing to search, and the inbox must open on its list.
    if (m_central->currentIndex() == 0)
        return;
    m_listStack->setCurrentWidget(m_search);
    m_search->focusSearch();
}

void MainWindow::searchSender(qint64 userId, const QString &name)
{
    showSearch();
    if (m_listStack->currentWidget() != m_search)
        return;
    // Everything the person wrote, in every chat and under every video: no text, no chat scope.
    m_search->setConversationScope(0, QString());
    m_search->setText(QString());
    m_search->setSenderFilter(userId, name);
}

void MainWindow::leaveSearch()
{
    if (m_listStack->currentWidget() != m_search)
        return;
    m_listStack->setCurrentWidget(m_view == u"comments" ? static_cast<QWidget *>(m_contentView)
                                                        : static_cast<QWidget *>(m_conversationView));
    if (m_pane->composer()->isEnabled())
        m_pane->composer()->setFocus(Qt::OtherFocusReason);
}

void MainWindow::onChanged(const master::ChangeNotice &notice)
{
    // Coalesce: at 1,000 messages a second the notices come far faster than anyone can read.
    m_pending.revision = qMax(m_pending.revision, notice.revision);
    m_pending.conversationIds += notice.conversationIds;
    m_pending.accountIds += notice.accountIds;
    m_pending.contentIds += notice.contentIds;
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void MainWindow::flushRefresh()
{
    m_refreshTimer->stop();
    refreshNow(true);
}

void MainWindow::refreshNow(bool urgent)
{
    const master::ChangeNotice notice = std::exchange(m_pending, master::ChangeNotice());
    const bool wasEmpty = m_central->currentIndex() == 0;
    if (auto failed = m_session->store()->failedReplies()) {
        m_conversations->setFailedReplies(*failed);
        m_contents->setFailedReplies(*failed);
        notifyFailedReplies(*failed);
    }
    m_conversations->refresh();
    if (m_listStack->currentWidget() == m_contentView || !notice.contentIds.isEmpty())
        m_contents->refresh();
    syncListSelection();
    m_search->updateChats(*m_session->store(), notice.conversationIds);
    m_current->refresh(notice);
    // A tag made, renamed or deleted (here, or on another desktop of the team) changes no account.
    if (!notice.accountIds.isEmpty() || wasEmpty || tagsChangedElsewhere())
        rebuildSidebar();
    else if (urgent)
        updateBadges();
    else
        scheduleBadges();
    updateActions();
    notifyNewMessages(notice.conversationIds);
    if (wasEmpty)
        showWelcomeIfEmpty();
}

void MainWindow::notifyNewMessages(const QList<qint64> &conversationIds)
{
    QSet<qint64> seen;
    for (qint64 id : conversationIds) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        const auto c = m_session->store()->conversation(id);
        if (!c || !c.value())
            continue;
        const Conversation &conv = *c.value();
        const qint64 before = m_lastSeenItem.value(id, 0);
        m_lastSeenItem.insert(id, conv.lastItemId);
        // Only what arrived after the window opened, inbound, and not yet notified.
        if (conv.lastItemId <= before || conv.lastDirection != Direction::In || conv.lastAt < m_startedAt)
            continue;
        const bool focused = id == m_current->conversation();
        if (!TrayNotifier::shouldNotify(m_settings->notificationsEnabled(), conv.isMuted(nowMs()), focused,
                                        isActiveWindow()))
            continue;
        const int row = m_conversations->rowOf(id);
        const QString title =
            row >= 0 ? m_conversations->index(row).data(Qt::DisplayRole).toString() : tr("New message");
        const QString body = m_settings->notificationPreview() ? conv.lastPreview : tr("New message");
        m_tray->notify(id, title, body);
    }
}

void MainWindow::notifyFailedReplies(const QList<store::FailedReply> &failed)
{
    QSet<qint64> now;
    for (const store::FailedReply &f : failed) {
        now.insert(f.itemId);
        if (!m_failedPrimed || m_knownFailed.contains(f.itemId))
            continue;
        QString where;
        if (f.kind == ItemKind::Message) {
            const int row = m_conversations->rowOf(f.threadId);
            where = row >= 0 ? m_conversations->index(row).data(Qt::DisplayRole).toString() : QString();
        } else if (const auto c = m_session->store()->content(f.threadId); c && c.value()) {
            where = c.value()->title;
        }
        const QString message = where.isEmpty() ? tr("A reply was not sent: %1").arg(f.error)
                                                : tr("Your reply to %1 was not sent: %2").arg(where, f.error);
        statusBar()->showMessage(message + QLatin1Char(' ') + tr("Open the chat and press Retry."), 15000);
        // Always worth a notification: a customer is waiting for an answer that never left.
        if (m_settings->notificationsEnabled())
            m_tray->notify(f.kind == ItemKind::Message ? f.threadId : 0, tr("Reply not sent"), message,
                           false);
    }
    m_knownFailed = now;
    m_failedPrimed = true;
}

void MainWindow::openConversation(qint64 conversationId, qint64 itemId)
{
    openThread(ItemKind::Message, conversationId, itemId, OpenReason::Elsewhere);
}

void MainWindow::openItem(qint64 itemId)
{
    const auto it = m_session->store()->item(itemId);
    if (!it || !it.value())
        return;
    openThread(it.value()->kind, it.value()->threadId, itemId, OpenReason::Elsewhere);
}

void MainWindow::openFirstContent()
{
    if (m_contents->rowCount() > 0)
        openThread(ItemKind::Comment, m_contents->idAt(0), 0, OpenReason::Elsewhere);
}

void MainWindow::openThread(ItemKind kind, qint64 threadId, qint64 itemId, OpenReason reason)
{
    if (threadId <= 0)
        return;
    m_current->open(kind, threadId, itemId);
    syncListSelection();
    updateActions();
    // Typing goes to the reply box, never to the list, where letters would pick other chats;
    // moving through the list with the keys keeps focus there for the next key.
    if (reason != OpenReason::Keyboard && m_pane->composer()->isEnabled())
        m_pane->composer()->setFocus(Qt::OtherFocusReason);
}

void MainWindow::syncListSelection()
{
    // The open thread is the list's current row; nothing else ever is. Setting it here opens
    // nothing (only the operator's input does, see InboxListView).
    const auto sync = [](InboxListView *view, InboxListModel *model, qint64 open) {
        const int row = open ? model->rowOf(open) : -1;
        if (row >= 0) {
            const QModelIndex index = model->index(row);
            if (view->currentIndex() != index || !view->selectionModel()->isSelected(index))
                view->setCurrentIndex(index);
        } else if (view->currentIndex().isValid() || view->selectionModel()->hasSelection()) {
            view->selectionModel()->clear();
        }
    };
    sync(m_conversationView, m_conversations, m_current->conversation());
    sync(m_contentView, m_contents, m_current->content());
}

void MainWindow::setListHeld(InboxListView *view, bool held)
{
    InboxListModel *model = view == m_contentView ? static_cast<InboxListModel *>(m_contents)
                                                  : static_cast<InboxListModel *>(m_conversations);
    model->setHeld(held);
    if (!held)
        syncListSelection();
}

void MainWindow::updateActions()
{
    m_current->updateActions();
    const WindowActions &a = *m_actions;
    a.startDemo->setEnabled(!m_session->demoRunning() && !m_session->isRemote());
    // A team master's inbox has its workers on the master: nothing of the local master's here.
    a.startDemo->setVisible(!m_session->isRemote());
    a.connectWorker->setVisible(!m_session->isRemote());
    m_startDemo->setVisible(!m_session->isRemote());
    m_connectWorker->setVisible(!m_session->isRemote());
    a.disconnectTeam->setVisible(m_session->isRemote());
    // On the welcome page there is no list to move through or search.
    const bool inbox = m_central->currentIndex() == 1;
    for (QAction *action : {a.search, a.previous, a.next, a.nextUnread, a.markViewRead})
        action->setEnabled(inbox);
    a.find->setEnabled(inbox && m_current->conversation());
}

void MainWindow::showConversationMenu(const QPoint &pos)
{
    // The menu acts on the row under the pointer and opens nothing: pinning a chat "for later"
    // must not read it.
    const QModelIndex i = m_conversationView->indexAt(pos);
    if (!i.isValid())
        return;
    const qint64 target = i.data(InboxRoles::Id).toLongLong();
    m_current->setMenuTarget(target);
    const WindowActions &a = *m_actions;
    QMenu menu(this);
    menu.addActions({a.markRead, a.markUnread, a.pin, a.archive});
    QMenu *mute = menu.addMenu(icon(Glyph::Mute), a.mute->text());
    m_current->fillMuteMenu(mute, target);
    QMenu *tags = menu.addMenu(icon(Glyph::Tag), tr("Tags"));
    m_current->fillTagsMenu(tags, target);
    menu.addAction(a.userCard);
    menu.exec(m_conversationView->viewport()->mapToGlobal(pos));
    m_current->setMenuTarget(0);
    updateActions();
}

void MainWindow::showContentMenu(const QPoint &pos)
{
    const QModelIndex i = m_contentView->indexAt(pos);
    if (!i.isValid())
        return;
    const qint64 id = i.data(InboxRoles::Id).toLongLong();
    QMenu menu(this);
    QAction *read = menu.addAction(icon(Glyph::MarkRead), tr("Mark comments read"), this, [this, id] {
        m_current->link()->markCommentsRead(id, m_current->reporting(tr("mark the comments read")));
    });
    read->setEnabled(i.data(InboxRoles::Unread).toLongLong() > 0);
    menu.exec(m_contentView->viewport()->mapToGlobal(pos));
}

void MainWindow::showSidebarMenu(const QPoint &pos)
{
    const QString key = Sidebar::keyOf(m_sidebar->itemAt(pos));
    if (key.isEmpty() || key == u"comments")
        return;
    if (key != m_view)
        selectView(key);
    QMenu menu(this);
    menu.addAction(m_actions->markViewRead);
    menu.exec(m_sidebar->viewport()->mapToGlobal(pos));
}

void MainWindow::markViewRead()
{
    // Every unread chat of the current view, as the list's own filter finds them.
    store::ConversationFilter f = m_conversations->filter();
    if (m_view == u"comments")
        return;
    f.unreadOnly = true;
    QList<qint64> ids;
    std::optional<store::ConversationCursor> cursor;
    do {
        auto page = m_session->store()->conversations(f, 500, cursor);
        if (!page) {
            statusBar()->showMessage(
                tr("Could not %1: %2").arg(ConversationController::markReadAction(), page.error().message),
                8000);
            return;
        }
        for (const Conversation &c : std::as_const(page->conversations))
            ids << c.id;
        cursor = page->next;
    } while (cursor);
    if (ids.isEmpty()) {
        statusBar()->showMessage(tr("Everything in this view is read."), 4000);
        return;
    }
    if (ids.size() > kMarkAllConfirmAbove) {
        QMessageBox box(QMessageBox::Question, tr("Mark all read"),
                        tr("Mark %n chats in this view as read?", nullptr, int(ids.size())),
                        QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("markAllReadBox"));
        QPushButton *yes = box.addButton(tr("Mark read"), QMessageBox::AcceptRole);
        box.setDefaultButton(yes);
        box.exec();
        if (box.clickedButton() != yes)
            return;
    }
    for (qint64 id : std::as_const(ids))
        m_current->link()->markRead(id, m_current->reporting(ConversationController::markReadAction()));
}

void MainWindow::moveSelection(int delta)
{
    // Alt+Up/Down: the previous or next row of the list shown, opened as the operator's choice.
    const bool contents = m_listStack->currentWidget() == m_contentView;
    InboxListView *view = contents ? m_contentView : m_conversationView;
    QAbstractItemModel *model = view->model();
    const int rows = model->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = view->currentIndex();
    const int row = current.isValid() ? qBound(0, current.row() + delta, rows - 1) : 0;
    const QModelIndex next = model->index(row, 0);
    view->scrollTo(next);
    openThread(contents ? ItemKind::Comment : ItemKind::Message, next.data(InboxRoles::Id).toLongLong(), 0,
               OpenReason::Elsewhere);
}

void MainWindow::nextUnread()
{
    const int start = m_conversationView->currentIndex().row();
    const int rows = m_conversations->rowCount();
    for (int k = 1; k <= rows; ++k) {
        const QModelIndex i = m_conversations->index((start + k) % rows);
        if (i.data(ConversationListModel::UnreadRole).toLongLong() > 0) {
            m_listStack->setCurrentWidget(m_conversationView);
            m_conversationView->scrollTo(i);
            openThread(ItemKind::Message, i.data(InboxRoles::Id).toLongLong(), 0, OpenReason::Elsewhere);
            return;
        }
    }
    statusBar()->showMessage(tr("No unread conversation in this view."), 4000);
}

QString MainWindow::connectorsText() const
{
    QStringList parts;
    for (const worker::ConnectorStatus &s : m_session->connectors()) {
        const QString who = s.platform == u"demo" ? tr("Demo platform") : platformName(s.platform);
        QString state;
        switch (s.state) {
        case worker::ConnectorStatus::State::Running:
            state = s.loggedIn ? tr("connected") : tr("connected, not logged in");
            break;
        case worker::ConnectorStatus::State::Starting:
            state = tr("connecting…");
            break;
        case worker::ConnectorStatus::State::Backoff:
            state = tr("reconnecting after a problem");
            break;
        case worker::ConnectorStatus::State::Failed:
            state = tr("stopped by an error: %1").arg(s.lastError);
            break;
        case worker::ConnectorStatus::State::Stopped:
            state = tr("stopped");
            break;
        }
        QString part = tr("%1: %2").arg(who, state);
        if (s.lastSyncMs > 0)
            part += tr(", new messages at %1")
                        .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.lastSyncMs).time(),
                                                QLocale::ShortFormat));
        parts << part;
    }
    return parts.isEmpty() ? tr("No platform connected") : parts.join(QStringLiteral("  ·  "));
}

void MainWindow::pollStatus()
{
    // The connectors' states are the session's copy; the crawlers' come from the master's status,
    // answered later in this thread: the status bar never waits for the master.
    if (m_session->isRemote()) {
        m_statusSource->setText(teamStatusText());
        m_statusSource->setToolTip(m_session->syncDetail());
        // The outbox: what the operator did that the master has not answered yet, and what it refused.
        const int waiting = m_session->outboxWaiting();
        m_statusConnectors->setText(waiting > 0 ? tr("%n changes waiting to be sent", nullptr, waiting)
                                                : QString());
        m_statusConnectors->setToolTip(
            waiting > 0
                ? tr("Shown in the inbox already; they go to the team master in order as soon as it is "
                     "reachable.")
                : QString());
        const int refused = m_session->outboxRefused();
        m_statusWorkers->setText(
            refused > 0 ? QStringLiteral("<a href=\"refused\">%1</a>")
                              .arg(tr("%n changes refused by the team master: review", nullptr, refused)
                                       .toHtmlEscaped())
                        : QString());
        m_statusWorkers->setToolTip(refused > 0 ? tr("Show which changes the team master refused, and why.")
                                                : QString());
        return;
    }
    m_statusSource->setText(m_session->isRunning() ? tr("Inbox on this computer") : tr("Inbox stopped"));
    m_statusConnectors->setText(connectorsText());
    if (m_session->workerUrl().isEmpty()) {
        m_statusWorkers->clear();
        return;
    }
    QPointer<MainWindow> self(this);
    m_session->link()->status(false, [self](const Result<QJsonObject> &r) {
        if (!self || !r)
            return;
        // Crawlers connected now; the list also keeps those that went away a while ago.
        int external = 0;
        for (const QJsonValue &v : r->value(QStringLiteral("workers")).toArray()) {
            const QJsonObject w = v.toObject();
            external += w.value(QStringLiteral("kind")).toString() == u"external" &&
                        w.value(QStringLiteral("state")).toString() == u"connected";
        }
        self->m_statusWorkers->setText(external > 0 ? tr("%n crawlers connected", nullptr, external)
                                                    : tr("Waiting for your crawler"));
        self->m_statusWorkers->setToolTip(tr("Crawlers connect to %1").arg(self->m_session->workerUrl()));
    });
}

void MainWindow::showWelcomeIfEmpty()
{
    const auto accounts = m_session->store()->accounts();
    const bool empty = accounts && accounts->isEmpty();
    const bool wasWelcome = m_central->currentIndex() == 0;
    m_central->setCurrentIndex(empty ? 0 : 1);
    m_current->setInboxShown(!empty);
    if (empty && m_session->demoRunning())
        m_welcomeText->setText(tr("The demo is starting; the inbox appears in a moment."));
    if (empty && m_session->isRemote())
        m_welcomeText->setText(teamWelcomeText());
    if (wasWelcome && !empty) {
        // The inbox opens on its list, whatever was pressed on the welcome page.
        selectView(m_view);
    }
    updateActions();
}

void MainWindow::connectExternalWorker(bool showDialog)
{
    QString token = m_settings->workerToken();
    if (token.isEmpty()) {
        token = newWorkerToken();
        m_settings->setWorkerToken(token);
    }
    const quint16 port =
        quint16(m_settings->workerPort() > 0 ? m_settings->workerPort() : protocol::kDefaultPort);
    // The master answers later, in this thread; the window goes on meanwhile.
    QPointer<MainWindow> self(this);
    m_session->enableExternalWorkers(port, token, [self, showDialog](const Result<QString> &url) {
        if (self)
            self->workersListening(url, showDialog);
    });
}

void MainWindow::workersListening(const Result<QString> &url, bool showDialog)
{
    if (!url) {
        if (showDialog)
            QMessageBox::warning(
                this, tr("Connect your own crawler"),
                tr("The inbox could not open its door for crawlers: %1").arg(url.error().message));
        else
            statusBar()->showMessage(tr("Crawlers cannot connect: %1").arg(url.error().message), 10000);
        return;
    }
    m_settings->setWorkerPort(m_session->workerPort());
    m_settings->setWorkersEnabled(true);
    pollStatus();
    if (showDialog) {
        WorkerSetupDialog dialog(*url, m_session->workerToken(), this);
        dialog.exec();
    }
}

void MainWindow::showShortcuts()
{
    const QList<ShortcutsDialog::Entry> more{
        {tr("Send the reply"), tr("Enter")},
        {tr("New line in the reply"), tr("Shift+Enter")},
        {tr("Pick a quick reply"), tr("/ at the start of the reply")},
        {tr("Leave the reply box"), tr("Tab")},
        {tr("Move through the list"), tr("↑ ↓ Page Up Page Down Home End")},
        {tr("Open the chat of the list's current row"), tr("Enter")},
        {tr("Close the search"), tr("Esc")},
    };
    ShortcutsDialog dialog(m_actions->withShortcuts(), more, this);
    dialog.exec();
}

QString MainWindow::teamWelcomeText() const
{
    using State = sync::SyncEngine::State;
    const QString host = m_session->pairing().host();
    switch (m_session->syncState()) {
    case State::Live:
        return tr("The team master %1 has no account yet. Its inbox appears here as soon as the team's "
                  "crawlers add one.")
            .arg(host);
    case State::Offline:
    case State::Refused:
        return m_session->syncDetail();
    case State::CatchingUp:
    case State::Connecting:
    case State::Stopped:
        break;
    }
    return tr("Fetching the team inbox from %1…").arg(host);
}

QString MainWindow::teamStatusText() const
{
    using State = sync::SyncEngine::State;
    const QString where = tr("Team master %1").arg(m_session->pairing().host());
    switch (m_session->syncState()) {
    case State::Live:
        return tr("%1: connected").arg(where);
    case State::CatchingUp: {
        const qint64 total = std::max<qint64>(1, m_session->masterRevision());
        const int percent = int(std::min<qint64>(100, m_session->syncCursor() * 100 / total));
        return tr("%1: catching up, %2%").arg(where).arg(percent);
    }
    case State::Offline:
        return tr("%1: offline since %2, trying again; what is synced can still be read and searched")
            .arg(where, QLocale().toString(m_session->offlineSince().time(), QLocale::ShortFormat));
    case State::Refused:
        return tr("%1: refused. %2").arg(where, m_session->syncDetail());
    case State::Connecting:
    case State::Stopped:
        break;
    }
    return tr("%1: connecting…").arg(where);
}

void MainWindow::fillSourceMenu()
{
    m_sourceMenu->clear();
    auto *group = new QActionGroup(m_sourceMenu);
    const auto add = [&](const QString &text, const QString &id, bool current) {
        QAction *a = m_sourceMenu->addAction(text);
        a->setCheckable(true);
        a->setChecked(current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id, current] {
            if (!current)
                switchSource(id);
        });
    };
    add(tr("This computer"), QString(), !m_session->isRemote());
    const QList<TeamPairing> pairings = TeamPairings::list(m_session->dataDir());
    for (const TeamPairing &p : pairings) {
        // Two pairings with one master (one kept for its unsent changes) are told apart by the
        // name the admin gave each device.
        const bool twice = std::count_if(pairings.cbegin(), pairings.cend(), [&](const TeamPairing &o) {
                               return o.host().compare(p.host(), Qt::CaseInsensitive) == 0;
                           }) > 1;
        add(twice ? tr("Team master %1 (“%2”)").arg(p.host(), p.deviceName)
                  : tr("Team master %1").arg(p.host()),
            p.id, m_session->isRemote() && m_session->pairing().id == p.id);
    }
}

void MainWindow::switchSource(const QString &pairingId)
{
    m_settings->setTeamSource(pairingId);
    m_session->requestSource(pairingId);
}

void MainWindow::connectTeam()
{
    PairDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted || !dialog.paired())
        return;
    const auto saved = TeamPairings::save(m_session->dataDir(), *dialog.paired());
    if (!saved) {
        QMessageBox::warning(this, tr("Connect to a team master"), saved.error().message);
        return;
    }
    QString paired = tr("This desktop is paired with the team master %1 as “%2”. Its inbox opens now; the "
                        "first catch-up may take a moment.")
                         .arg(saved->host(), saved->deviceName);
    if (const QString replaced = replaceEarlierPairings(*saved); !replaced.isEmpty())
        paired += QStringLiteral("\n\n") + replaced;
    if (saved->tokenInKeychain)
        QMessageBox::information(this, tr("Connect to a team master"),
                                 paired + QStringLiteral("\n\n") +
                                     tr("The device token is kept in the system keychain."));
    else
        QMessageBox::warning(
            this, tr("Connect to a team master"),
            paired + QStringLiteral("\n\n") +
                tr("The system keychain could not keep the device token (%1), so it is kept in a "
                   "file only your user can read (%2). Anyone with your user's files can use it: "
                   "keep this computer's account to yourself.")
                    .arg(saved->keychainProblem, QDir::toNativeSeparators(saved->folder)));
    switchSource(saved->id);
}

QString MainWindow::replaceEarlierPairings(const TeamPairing &paired)
{
    QStringList told;
    for (const TeamPairing &earlier : TeamPairings::sameMaster(m_session->dataDir(), paired)) {
        const bool open = m_session->isRemote() && m_session->pairing().id == earlier.id;
        // A refused device (revoked, or the master's certificate changed) can send nothing more.
        const bool refused = open && m_session->syncState() == sync::SyncEngine::State::Refused;
        const Result<int> unsent =
            open ? Result<int>(m_session->outboxWaiting()) : TeamPairings::unsentChanges(earlier);
        if (!refused && !unsent) {
            told << tr("The earlier pairing “%1” is kept: its copy could not be read (%2).")
                        .arg(earlier.deviceName, unsent.error().message);
            continue;
        }
        if (!refused && *unsent > 0) {
            told << tr("The earlier pairing “%1” is kept until its %n changes waiting to be sent reach "
                       "the team master; then open it from File → Inbox source and disconnect from it in "
                       "the File menu.",
                       nullptr, *unsent)
                        .arg(earlier.deviceName);
            continue;
        }
        if (open) {
            m_session->forgetPairingWhenDone(); // its files go once its session is over
        } else if (Error e = TeamPairings::forget(earlier)) {
            told << e.message;
            continue;
        }
        QString replaced = tr("It replaces the earlier pairing “%1”; this desktop's copy of it is deleted.")
                               .arg(earlier.deviceName);
        if (refused && unsent && *unsent > 0)
            replaced += u' ' + tr("The team master had refused that device, so its %n changes waiting "
                                  "to be sent never reached it.",
                                  nullptr, *unsent);
        told << replaced;
    }
    return told.join(QStringLiteral("\n\n"));
}

void MainWindow::disconnectTeam()
{
    if (!m_session->isRemote())
        return;
    const TeamPairing pairing = m_session->pairing();
    const auto answer = QMessageBox::question(
        this, tr("Disconnect from the team master"),
        tr("Forget the pairing with %1? This desktop's copy of the team inbox is deleted; the team "
           "master keeps everything. To come back you need a new pairing code from the admin.")
            .arg(pairing.host()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    // The files go once this session is over (main() forgets the pairing after the window closes).
    m_settings->setTeamSource(QString());
    m_session->forgetPairingWhenDone();
    m_session->requestSource(QString());
}

} // namespace hiscrm::ui
