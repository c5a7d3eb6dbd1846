// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/MainWindow.h"

#include "protocol/Protocol.h"
#include "ui/app/AppSession.h"
#include "ui/thread/Composer.h"
#include "ui/inbox/ContentListModel.h"
#include "ui/inbox/ConversationDelegate.h"
#include "ui/inbox/ConversationListModel.h"
#include "ui/thread/DraftStore.h"
#include "ui/common/ElidedLabel.h"
#include "ui/common/Icons.h"
#include "ui/thread/MessageDelegate.h"
#include "ui/search/SearchPanel.h"
#include "ui/settings/Settings.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/window/ShortcutsDialog.h"
#include "ui/common/TagChips.h"
#include "ui/thread/TagDialog.h"
#include "ui/thread/ThreadModel.h"
#include "ui/window/TrayNotifier.h"
#include "ui/window/WorkerSetupDialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hiscrm::ui {

using namespace model;

namespace {

constexpr int kViewKeyRole = Qt::UserRole + 1;
constexpr int kRefreshMs = 150;         // live updates are coalesced: at most ~7 repaints a second
constexpr int kStatusMs = 3000;         // how often the status bar is brought up to date
constexpr int kBadgesMs = 1000;         // badges are counted at most this often while messages stream
constexpr int kMarkAllConfirmAbove = 5; // "mark all read" asks first when it would read more chats

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// What the operator tried, for error messages ("Could not pin the conversation: ...").
QString actionName(const QString &op)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("mark_read"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "mark it read")},
        {QStringLiteral("mark_unread"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "mark it unread")},
        {QStringLiteral("mark_comments_read"),
         QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "mark the comments read")},
        {QStringLiteral("pin"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "pin the conversation")},
        {QStringLiteral("unpin"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "unpin the conversation")},
        {QStringLiteral("archive"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "archive the conversation")},
        {QStringLiteral("unarchive"),
         QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "unarchive the conversation")},
        {QStringLiteral("mute"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "mute the conversation")},
        {QStringLiteral("unmute"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "unmute the conversation")},
        {QStringLiteral("tag"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "add the tag")},
        {QStringLiteral("untag"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "remove the tag")},
        {QStringLiteral("create_tag"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "create the tag")},
        {QStringLiteral("reply"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "send the reply")},
        {QStringLiteral("retry_reply"), QT_TRANSLATE_NOOP("hiscrm::ui::MainWindow", "retry the reply")},
    };
    const char *name = names.value(op);
    return name ? QCoreApplication::translate("hiscrm::ui::MainWindow", name) : op;
}

QString platformName(const QString &platform)
{
    if (platform == u"demo")
        return MainWindow::tr("Demo");
    return platform;
}

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
    m_tray->setNotificationsEnabled(m_settings->notificationsEnabled());
    m_tray->setShowPreview(m_settings->notificationPreview());
    m_tray->setSoundEnabled(m_settings->notificationSound());
    buildActions();
    buildUi();
    retranslateUi();

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
    connect(session, &AppSession::changed, this, &MainWindow::onChanged);
    connect(session, &AppSession::connectorsChanged, this, &MainWindow::pollStatus);

    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(kStatusMs);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::pollStatus);
    m_statusTimer->start();

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
        case Settings::Key::QuickReplies:
            m_composer->setQuickReplies(m_settings->quickReplies());
            break;
        default:
            break;
        }
    });
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

    const QByteArray geometry = m_settings->windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    else
        resize(1200, 800);
    selectView(QStringLiteral("all"));
    // A crawler set up once reconnects by itself: the inbox listens again at start.
    if (m_settings->workersEnabled())
        connectExternalWorker(false);
    refreshNow(true);
    showWelcomeIfEmpty();
    pollStatus();
}

MainWindow::~MainWindow()
{
    saveDraft();
}

QAction *MainWindow::action(const char *name) const
{
    return m_actions.value(QString::fromLatin1(name));
}

void MainWindow::buildActions()
{
    const auto add = [this](const char *name, QKeySequence key = {}, std::optional<Glyph> glyph = {}) {
        auto *a = new QAction(this);
        a->setObjectName(QString::fromLatin1(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        if (glyph)
            a->setIcon(icon(*glyph));
        addAction(a);
        m_actions.insert(QString::fromLatin1(name), a);
        return a;
    };
    connect(add("actionSearch", QKeySequence(Qt::CTRL | Qt::Key_K), Glyph::Search), &QAction::triggered, this,
            &MainWindow::showSearch);
    connect(add("actionFind", QKeySequence(Qt::CTRL | Qt::Key_F)), &QAction::triggered, this, [this] {
        showSearch();
        if (m_currentConversation)
            m_search->setConversationScope(m_currentConversation, m_threadTitle->text());
    });
    connect(add("actionPrevious", QKeySequence(Qt::ALT | Qt::Key_Up)), &QAction::triggered, this,
            [this] { moveSelection(-1); });
    connect(add("actionNext", QKeySequence(Qt::ALT | Qt::Key_Down)), &QAction::triggered, this,
            [this] { moveSelection(1); });
    connect(add("actionNextUnread", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U)), &QAction::triggered,
            this, &MainWindow::nextUnread);
    connect(add("actionFocusComposer", QKeySequence(Qt::CTRL | Qt::Key_L), Glyph::Draft), &QAction::triggered,
            this, [this] {
                if (m_composer->isEnabled())
                    m_composer->setFocus(Qt::ShortcutFocusReason);
            });
    connect(add("actionEscape", QKeySequence(Qt::Key_Escape)), &QAction::triggered, this, [this] {
        if (m_listStack->currentWidget() == m_search) {
            m_listStack->setCurrentWidget(m_view == u"comments" ? static_cast<QWidget *>(m_contentView)
                                                                : static_cast<QWidget *>(m_conversationView));
            if (m_composer->isEnabled())
                m_composer->setFocus(Qt::OtherFocusReason);
        }
    });
    connect(add("actionMarkRead", QKeySequence(Qt::CTRL | Qt::Key_R), Glyph::MarkRead), &QAction::triggered,
            this, [this] {
                if (m_menuTarget == 0 && m_currentContent)
                    command(QStringLiteral("mark_comments_read"),
                            {{QStringLiteral("content_id"), m_currentContent}});
                else if (const qint64 id = menuTarget())
                    command(QStringLiteral("mark_read"), {{QStringLiteral("conversation_id"), id}});
            });
    connect(add("actionMarkUnread", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), Glyph::MarkUnread),
            &QAction::triggered, this, [this] {
                if (const qint64 id = menuTarget())
                    command(QStringLiteral("mark_unread"), {{QStringLiteral("conversation_id"), id}});
            });
    connect(add("actionPin", QKeySequence(Qt::CTRL | Qt::Key_P), Glyph::Pin), &QAction::triggered, this,
            [this] {
                const qint64 id = menuTarget();
                const auto c = m_session->store()->conversation(id);
                if (c && c.value())
                    command(c.value()->pinned ? QStringLiteral("unpin") : QStringLiteral("pin"),
                            {{QStringLiteral("conversation_id"), id}});
            });
    connect(add("actionArchive", QKeySequence(Qt::CTRL | Qt::Key_E), Glyph::Archive), &QAction::triggered,
            this, [this] {
                // The chat stays open (and in the list) until the operator leaves it.
                const qint64 id = menuTarget();
                const auto c = m_session->store()->conversation(id);
                if (c && c.value())
                    command(c.value()->archived ? QStringLiteral("unarchive") : QStringLiteral("archive"),
                            {{QStringLiteral("conversation_id"), id}});
            });
    // Triggered (the shortcut, or the menu entry) it toggles "muted until unmuted"; the toolbar
    // button and the context menu open the menu of durations.
    connect(add("actionMute", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), Glyph::Mute),
            &QAction::triggered, this, [this] {
                const qint64 id = menuTarget();
                const auto c = m_session->store()->conversation(id);
                if (!c || !c.value())
                    return;
                if (c.value()->isMuted(nowMs()))
                    command(QStringLiteral("unmute"), {{QStringLiteral("conversation_id"), id}});
                else
                    command(QStringLiteral("mute"),
                            {{QStringLiteral("conversation_id"), id}, {QStringLiteral("until"), -1}});
            });
    add("actionTags", QKeySequence(), Glyph::Tag);
    connect(add("actionCopy", QKeySequence::Copy), &QAction::triggered, this, [this] {
        const QModelIndex i = m_threadView->currentIndex();
        if (i.isValid())
            QGuiApplication::clipboard()->setText(i.data(ThreadModel::TextRole).toString());
    });
    connect(add("actionUserCard", QKeySequence(Qt::CTRL | Qt::Key_I), Glyph::UserCard), &QAction::triggered,
            this, [this] { showUserCard(menuTarget()); });
    connect(add("actionRetry", QKeySequence(), Glyph::Retry), &QAction::triggered, this, [this] {
        const QModelIndex i = m_threadView->currentIndex();
        if (i.isValid())
            retryReply(i.data(ThreadModel::IdRole).toLongLong());
    });
    connect(add("actionMarkViewRead", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)), &QAction::triggered,
            this, &MainWindow::markViewRead);
    connect(add("actionSettings", QKeySequence::Preferences, Glyph::Settings), &QAction::triggered, this,
            &MainWindow::openSettings);
    connect(add("actionShortcuts", QKeySequence(Qt::Key_F1), Glyph::Keyboard), &QAction::triggered, this,
            &MainWindow::showShortcuts);
    // A second key for the same list, as chat apps use: Ctrl+/.
    auto *slash = new QAction(this);
    slash->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    addAction(slash);
    connect(slash, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(add("actionQuit", QKeySequence::Quit), &QAction::triggered, qApp, &QApplication::quit);
    connect(add("actionStartDemo"), &QAction::triggered, this, [this] {
        if (m_session->demoRunning())
            return;
        m_session->startDemo();
        m_settings->setDemoEnabled(true);
        showWelcomeIfEmpty();
        updateActions();
    });
    connect(add("actionConnectWorker"), &QAction::triggered, this, [this] { connectExternalWorker(true); });
    connect(add("actionAbout"), &QAction::triggered, this, [this] {
        SettingsDialog dialog(m_settings, this);
        dialog.showAbout();
        dialog.exec();
    });

    m_muteMenu = new QMenu(this);
    m_muteMenu->setObjectName(QStringLiteral("muteMenu"));
    connect(m_muteMenu, &QMenu::aboutToShow, this, [this] { fillMuteMenu(m_muteMenu, menuTarget()); });
    action("actionMute")->setMenu(m_muteMenu);
    m_tagsMenu = new QMenu(this);
    m_tagsMenu->setObjectName(QStringLiteral("tagsMenu"));
    connect(m_tagsMenu, &QMenu::aboutToShow, this, [this] { fillTagsMenu(m_tagsMenu, menuTarget()); });
    action("actionTags")->setMenu(m_tagsMenu);
}

void MainWindow::buildUi()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(action("actionStartDemo"));
    m_fileMenu->addAction(action("actionConnectWorker"));
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(action("actionSettings"));
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(action("actionQuit"));
    m_conversationMenu = menuBar()->addMenu(QString());
    for (const char *n : {"actionMarkRead", "actionMarkUnread", "actionPin", "actionArchive", "actionMute",
                          "actionTags", "actionUserCard", "actionFocusComposer"})
        m_conversationMenu->addAction(action(n));
    m_conversationMenu->addSeparator();
    m_conversationMenu->addAction(action("actionMarkViewRead"));
    m_viewMenu = menuBar()->addMenu(QString());
    for (const char *n : {"actionSearch", "actionFind", "actionPrevious", "actionNext", "actionNextUnread"})
        m_viewMenu->addAction(action(n));
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(action("actionShortcuts"));
    m_helpMenu->addAction(action("actionAbout"));

    m_central = new QStackedWidget(this);
    setCentralWidget(m_central);

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
    connect(m_startDemo, &QPushButton::clicked, action("actionStartDemo"), &QAction::trigger);
    m_connectWorker = new QPushButton;
    m_connectWorker->setObjectName(QStringLiteral("connectWorkerButton"));
    connect(m_connectWorker, &QPushButton::clicked, this, [this] { connectExternalWorker(true); });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_startDemo);
    buttons->addWidget(m_connectWorker);
    buttons->addStretch();
    wl->addWidget(m_welcomeTitle);
    wl->addWidget(m_welcomeText);
    wl->addLayout(buttons);
    wl->addStretch();
    m_central->addWidget(welcome);

    // Inbox: sidebar | list | thread.
    auto *split = new QSplitter;
    split->setObjectName(QStringLiteral("inboxSplitter"));
    split->setChildrenCollapsible(false);
    m_sidebar = new QTreeWidget;
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setHeaderHidden(true);
    m_sidebar->setColumnCount(2);
    m_sidebar->header()->setStretchLastSection(false);
    m_sidebar->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_sidebar->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_sidebar->setRootIsDecorated(false);
    m_sidebar->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_sidebar, &QWidget::customContextMenuRequested, this, &MainWindow::showSidebarMenu);
    connect(m_sidebar, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item && !item->data(0, kViewKeyRole).toString().isEmpty())
            selectView(item->data(0, kViewKeyRole).toString());
    });
    // Clicking the view already chosen still leaves the search for its list.
    connect(m_sidebar, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const QString key = item ? item->data(0, kViewKeyRole).toString() : QString();
        if (!key.isEmpty() && m_listStack->currentWidget() == m_search)
            selectView(key);
    });

    m_listStack = new QStackedWidget;
    const auto setUpList = [this](InboxListView *view, InboxListModel *model, ItemKind kind) {
        view->setModel(model);
        view->setItemDelegate(new ConversationDelegate(view));
        view->setUniformItemSizes(true);
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &InboxListView::openRequested, this,
                [this, kind](const QModelIndex &index, InboxListView::OpenReason reason) {
                    const qint64 id = index.data(InboxRoles::Id).toLongLong();
                    openThread(kind, id, 0,
                               reason == InboxListView::OpenReason::Keyboard ? OpenReason::Keyboard
                                                                             : OpenReason::List);
                });
        connect(view, &InboxListView::holdingChanged, this,
                [this, view](bool held) { setListHeld(view, held); });
        connect(model, &InboxListModel::heldNewCountChanged, view, &InboxListView::setNewCount);
        connect(view, &InboxListView::jumpToNewRequested, this, [this, view, model] {
            model->setHeld(false);
            syncListSelection();
            view->scrollToTop();
            model->setHeld(view->isHolding());
        });
        // Typing in the list writes in the open thread's reply box instead of jumping to a row.
        connect(view, &InboxListView::textTyped, this, [this](const QString &text) {
            if (!m_composer->isEnabled())
                return;
            m_composer->setFocus(Qt::OtherFocusReason);
            m_composer->insertPlainText(text);
        });
    };
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
    connect(m_search, &SearchPanel::closeRequested, action("actionEscape"), &QAction::trigger);
    m_listStack->addWidget(m_conversationView);
    m_listStack->addWidget(m_contentView);
    m_listStack->addWidget(m_search);

    auto *threadPane = new QWidget;
    threadPane->setObjectName(QStringLiteral("threadPane"));
    auto *tl = new QVBoxLayout(threadPane);
    // Room on the right, so the composer's buttons never touch the window's edge.
    const int edge = style()->pixelMetric(QStyle::PM_LayoutRightMargin);
    tl->setContentsMargins(0, 0, edge, edge / 2);
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    m_threadTitle = new ElidedLabel;
    m_threadTitle->setObjectName(QStringLiteral("threadTitle"));
    m_threadSubtitle = new ElidedLabel;
    m_threadSubtitle->setObjectName(QStringLiteral("threadSubtitle"));
    m_threadSubtitle->setForegroundRole(QPalette::PlaceholderText);
    m_threadTags = new TagChipsLabel;
    m_threadTags->setObjectName(QStringLiteral("threadTags"));
    m_threadTags->hide();
    auto *subtitleRow = new QHBoxLayout;
    subtitleRow->addWidget(m_threadSubtitle, 1);
    subtitleRow->addWidget(m_threadTags);
    titles->addWidget(m_threadTitle);
    titles->addLayout(subtitleRow);
    header->addLayout(titles, 1);
    // One fixed set of icon buttons (tooltips name them with their keys): the same in every chat
    // and in both languages, so nothing hides behind an overflow arrow or shifts between chats.
    auto *toolbar = new QToolBar;
    toolbar->setObjectName(QStringLiteral("threadToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    for (const char *n : {"actionMarkRead", "actionMarkUnread", "actionPin", "actionArchive", "actionMute",
                          "actionTags", "actionUserCard", "actionSearch"})
        toolbar->addAction(action(n));
    for (QToolButton *b : toolbar->findChildren<QToolButton *>()) {
        if (b->defaultAction() && b->defaultAction()->menu())
            b->setPopupMode(QToolButton::InstantPopup);
    }
    // Never squeezed into an overflow menu: the titles give way instead.
    toolbar->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    header->addWidget(toolbar);
    tl->addLayout(header);

    m_threadView = new QListView;
    m_threadView->setObjectName(QStringLiteral("threadView"));
    m_threadView->setModel(m_thread);
    auto *messages = new MessageDelegate(m_threadView);
    connect(messages, &MessageDelegate::retryRequested, this, &MainWindow::retryReply);
    m_threadView->setItemDelegate(messages);
    m_threadView->setWordWrap(true);
    m_threadView->setUniformItemSizes(false);
    m_threadView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_threadView->setResizeMode(QListView::Adjust);
    m_threadView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_threadView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_threadView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_threadView, &QWidget::customContextMenuRequested, this, &MainWindow::showThreadMenu);
    connect(m_threadView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        // Under a video, the selected comment is the one a reply answers: keep it with the draft.
        if (m_currentContent)
            saveDraft();
        updateThreadHeader();
    });
    connect(m_threadView->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        QScrollBar *bar = m_threadView->verticalScrollBar();
        if (value == bar->minimum() && m_thread->canLoadOlder()) {
            // Older messages load as the operator scrolls up; the view stays on what they read.
            const QModelIndex top = m_threadView->indexAt(QPoint(4, 4));
            const qint64 anchor = top.data(ThreadModel::IdRole).toLongLong();
            m_thread->loadOlder();
            const int row = m_thread->rowOf(anchor);
            if (row >= 0)
                m_threadView->scrollTo(m_thread->index(row), QAbstractItemView::PositionAtTop);
        }
        if (value == bar->maximum())
            maybeMarkRead();
        updateJumpToUnread();
    });
    m_jumpToUnread = new QToolButton(m_threadView);
    m_jumpToUnread->setObjectName(QStringLiteral("jumpToUnreadButton"));
    m_jumpToUnread->setIcon(icon(Glyph::JumpUp));
    m_jumpToUnread->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_jumpToUnread->setCursor(Qt::PointingHandCursor);
    m_jumpToUnread->setFocusPolicy(Qt::NoFocus);
    m_jumpToUnread->hide();
    connect(m_jumpToUnread, &QToolButton::clicked, this, [this] {
        const int row = m_thread->rowOf(m_thread->newMarker());
        if (row >= 0)
            m_threadView->scrollTo(m_thread->index(row), QAbstractItemView::PositionAtTop);
        m_jumpToUnread->hide();
    });
    tl->addWidget(m_threadView, 1);

    m_replyTarget = new QLabel;
    m_replyTarget->setObjectName(QStringLiteral("replyTarget"));
    m_replyTarget->setForegroundRole(QPalette::PlaceholderText);
    m_replyTarget->setTextFormat(Qt::PlainText);
    m_replyTarget->hide();
    tl->addWidget(m_replyTarget);

    auto *composerRow = new QHBoxLayout;
    m_composer = new Composer;
    m_composer->setQuickReplies(m_settings->quickReplies());
    m_composer->setEnabled(false);
    connect(m_composer, &Composer::sendRequested, this, &MainWindow::sendReply);
    connect(m_composer, &QPlainTextEdit::textChanged, this, [this] {
        const int n = int(m_composer->toPlainText().trimmed().size());
        m_lengthLabel->setText(QStringLiteral("%1/%2").arg(n).arg(platformLimit()));
        m_lengthLabel->setForegroundRole(n > platformLimit() ? QPalette::Highlight
                                                             : QPalette::PlaceholderText);
        m_sendButton->setEnabled(n > 0 && n <= platformLimit() &&
                                 (m_currentConversation || m_currentContent));
        if (!m_loadingDraft)
            saveDraft();
    });
    m_quickReplies = new QToolButton;
    m_quickReplies->setObjectName(QStringLiteral("quickReplyButton"));
    m_quickReplies->setPopupMode(QToolButton::InstantPopup);
    m_quickReplies->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_quickReplies->setIcon(icon(Glyph::QuickReply));
    auto *quickMenu = new QMenu(m_quickReplies);
    connect(quickMenu, &QMenu::aboutToShow, this, [this, quickMenu] {
        quickMenu->clear();
        for (const QString &q : m_settings->quickReplies()) {
            const QString shown = q.size() > 60 ? q.left(59) + QChar(0x2026) : q;
            quickMenu->addAction(shown, this, [this, q] {
                m_composer->insertPlainText(q);
                m_composer->setFocus(Qt::OtherFocusReason);
            });
        }
    });
    m_quickReplies->setMenu(quickMenu);
    m_lengthLabel = new QLabel;
    m_lengthLabel->setObjectName(QStringLiteral("lengthLabel"));
    m_lengthLabel->setAlignment(Qt::AlignCenter);
    m_sendButton = new QPushButton;
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setIcon(icon(Glyph::Send));
    m_sendButton->setEnabled(false);
    connect(m_sendButton, &QPushButton::clicked, this, &MainWindow::sendReply);
    auto *side = new QVBoxLayout;
    auto *sideTop = new QHBoxLayout;
    sideTop->addWidget(m_quickReplies);
    sideTop->addWidget(m_lengthLabel, 1);
    side->addLayout(sideTop);
    side->addStretch(1);
    side->addWidget(m_sendButton);
    composerRow->addWidget(m_composer, 1);
    composerRow->addLayout(side);
    tl->addLayout(composerRow);

    split->addWidget(m_sidebar);
    split->addWidget(m_listStack);
    split->addWidget(threadPane);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 2);
    split->setSizes({190, 360, 650});
    m_central->addWidget(split);

    m_statusSource = new QLabel;
    m_statusSource->setObjectName(QStringLiteral("statusSource"));
    m_statusConnectors = new QLabel;
    m_statusConnectors->setObjectName(QStringLiteral("statusConnectors"));
    m_statusWorkers = new QLabel;
    m_statusWorkers->setObjectName(QStringLiteral("statusWorkers"));
    statusBar()->addWidget(m_statusSource);
    statusBar()->addWidget(m_statusConnectors, 1);
    statusBar()->addPermanentWidget(m_statusWorkers);
    applyFonts();
}

void MainWindow::applyFonts()
{
    // The few widgets with a font of their own follow the application's (the text size setting).
    const QFont base = QApplication::font();
    QFont big = base;
    big.setPointSizeF(base.pointSizeF() * 1.6);
    big.setBold(true);
    m_welcomeTitle->setFont(big);
    QFont title = base;
    title.setBold(true);
    title.setPointSizeF(base.pointSizeF() * 1.15);
    m_threadTitle->setFont(title);
    m_composer->setMaximumHeight(QFontMetrics(base).lineSpacing() * 5 + 2 * m_composer->frameWidth() +
                                 int(m_composer->document()->documentMargin() * 2));
    const int iconSize = qMax(20, QFontMetrics(base).height() + 4);
    if (auto *toolbar = findChild<QToolBar *>(QStringLiteral("threadToolbar")))
        toolbar->setIconSize(QSize(iconSize, iconSize));
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_conversationMenu->setTitle(tr("&Conversation"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    const auto text = [this](const char *name, const QString &t, const QString &tip = QString()) {
        QAction *a = action(name);
        a->setText(t);
        QString toolTip = tip.isEmpty() ? t : tip;
        toolTip.remove(u'&');
        if (!a->shortcut().isEmpty())
            toolTip = tr("%1 (%2)", "action (shortcut)")
                          .arg(toolTip, a->shortcut().toString(QKeySequence::NativeText));
        a->setToolTip(toolTip);
    };
    text("actionSearch", tr("Search…"), tr("Search all messages and comments"));
    text("actionFind", tr("Find in conversation…"), tr("Search in this conversation"));
    text("actionPrevious", tr("Previous conversation"));
    text("actionNext", tr("Next conversation"));
    text("actionNextUnread", tr("Next unread"));
    text("actionFocusComposer", tr("Write a reply"), tr("Put the caret in the reply box"));
    text("actionEscape", tr("Close search"));
    text("actionMarkRead", tr("Mark read"));
    text("actionMarkUnread", tr("Mark unread"));
    text("actionTags", tr("Tags"), tr("Add or remove tags"));
    text("actionCopy", tr("Copy message"));
    text("actionRetry", tr("Retry sending"));
    text("actionMarkViewRead", tr("Mark all in this view read…"));
    text("actionSettings", tr("Settings…"));
    text("actionShortcuts", tr("Keyboard shortcuts"));
    text("actionQuit", tr("Quit"));
    text("actionStartDemo", tr("Start the demo"), tr("Fill the inbox with a simulated platform's fans"));
    text("actionConnectWorker", tr("Connect your own crawler…"));
    text("actionAbout", tr("About HisCRM Desk"));
    m_welcomeTitle->setText(tr("Welcome to HisCRM Desk"));
    m_welcomeText->setText(
        tr("There is no account yet. Start the demo to see a working inbox with simulated fans, or "
           "connect the crawler that watches your real accounts."));
    m_startDemo->setText(tr("Start the demo"));
    m_startDemo->setAccessibleName(tr("Start the demo"));
    m_connectWorker->setText(tr("Connect your own crawler"));
    m_connectWorker->setAccessibleName(tr("Connect your own crawler"));
    m_sidebar->setAccessibleName(tr("Views and accounts"));
    m_conversationView->setAccessibleName(tr("Conversations"));
    m_contentView->setAccessibleName(tr("Videos with comments"));
    m_threadView->setAccessibleName(tr("Messages"));
    m_composer->setAccessibleName(tr("Reply"));
    m_composer->setPlaceholderText(
        tr("Write a reply — Enter sends, Shift+Enter starts a new line, / picks a quick reply"));
    m_quickReplies->setToolTip(tr("Quick replies (or type / in the reply box)"));
    m_quickReplies->setAccessibleName(tr("Insert a quick reply"));
    m_sendButton->setText(tr("Send"));
    m_sendButton->setToolTip(tr("Send the reply (Enter)"));
    m_sendButton->setAccessibleName(tr("Send the reply"));
    m_lengthLabel->setAccessibleName(tr("Characters used of the platform's limit"));
    m_jumpToUnread->setText(tr("First unread"));
    m_jumpToUnread->setToolTip(tr("Scroll up to the first message you have not read"));
    m_statusSource->setAccessibleName(tr("Where the inbox comes from"));
    m_statusConnectors->setAccessibleName(tr("Platform connections"));
    m_statusWorkers->setAccessibleName(tr("Crawlers"));
    rebuildSidebar();
    updateActions();
    updateThreadHeader();
    updateBadges();
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
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        maybeMarkRead();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    saveDraft();
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
    const QString current = m_view;
    QSignalBlocker block(m_sidebar);
    m_sidebar->clear();
    const auto group = [this](const QString &title) {
        auto *g = new QTreeWidgetItem(m_sidebar, {title});
        g->setFlags(Qt::ItemIsEnabled);
        QFont f = g->font(0);
        f.setBold(true);
        g->setFont(0, f);
        g->setExpanded(true);
        return g;
    };
    const auto item = [](QTreeWidgetItem *parent, const QString &title, const QString &key) {
        auto *i = new QTreeWidgetItem(parent, {title});
        i->setData(0, kViewKeyRole, key);
        i->setData(0, Qt::AccessibleTextRole, title);
        return i;
    };
    QTreeWidgetItem *views = group(tr("Inbox"));
    item(views, tr("All"), QStringLiteral("all"));
    item(views, tr("Unread"), QStringLiteral("unread"));
    item(views, tr("Awaiting reply"), QStringLiteral("awaiting"));
    item(views, tr("Pinned"), QStringLiteral("pinned"));
    item(views, tr("Comments"), QStringLiteral("comments"));
    item(views, tr("Archived"), QStringLiteral("archived"));
    const auto tags = m_session->store()->tags();
    if (tags && !tags->isEmpty()) {
        QTreeWidgetItem *tg = group(tr("Tags"));
        const int size = m_sidebar->style()->pixelMetric(QStyle::PM_SmallIconSize);
        for (const Tag &t : *tags) {
            QTreeWidgetItem *i = item(tg, t.name, QStringLiteral("tag:%1").arg(t.id));
            QPixmap dot(size, size);
            dot.fill(Qt::transparent);
            QPainter p(&dot);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(t.color));
            p.drawEllipse(QRectF(size * 0.2, size * 0.2, size * 0.6, size * 0.6));
            i->setIcon(0, QIcon(dot));
        }
    }
    const auto accounts = m_session->store()->accounts();
    if (accounts && !accounts->isEmpty()) {
        QTreeWidgetItem *ag = group(tr("Accounts"));
        for (const Account &a : *accounts) {
            const QString state = a.loginState == LoginState::LoggedIn    ? tr("online")
                                  : a.loginState == LoginState::LoggedOut ? tr("logged out")
                                  : a.loginState == LoginState::Error     ? tr("error")
                                                                          : tr("offline");
            QTreeWidgetItem *i = item(ag,
                                      QStringLiteral("%1 · %2").arg(a.name.isEmpty() ? a.platformId : a.name,
                                                                    platformName(a.platform)),
                                      QStringLiteral("account:%1").arg(a.id));
            i->setToolTip(0, tr("%1 on %2: %3").arg(a.name, platformName(a.platform), state) +
                                 (a.lastError.isEmpty() ? QString() : QStringLiteral("\n") + a.lastError));
            i->setData(0, Qt::AccessibleTextRole, i->toolTip(0));
            if (a.loginState != LoginState::LoggedIn)
                i->setForeground(0, palette().color(QPalette::PlaceholderText));
        }
    }
    for (QTreeWidgetItemIterator it(m_sidebar); *it; ++it) {
        if ((*it)->data(0, kViewKeyRole).toString() == current)
            m_sidebar->setCurrentItem(*it);
    }
    updateBadges();
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
    for (QTreeWidgetItemIterator it(m_sidebar); *it; ++it) {
        const QString key = (*it)->data(0, kViewKeyRole).toString();
        if (key.isEmpty())
            continue;
        qint64 n = 0;
        QString tip;
        if (key == u"all" || key == u"unread") {
            n = counts->unreadChats;
            tip = tr("%n unread chats", nullptr, int(n));
        } else if (key == u"awaiting") {
            n = counts->awaitingReply;
            tip = tr("%n chats waiting for your reply", nullptr, int(n));
        } else if (key == u"pinned") {
            n = counts->pinnedUnread;
            tip = tr("%n unread pinned chats", nullptr, int(n));
        } else if (key == u"archived") {
            n = counts->archivedUnread;
            tip = tr("%n unread archived chats", nullptr, int(n));
        } else if (key == u"comments") {
            n = counts->unreadComments;
            tip = tr("%n unread comments", nullptr, int(n));
        } else if (key.startsWith(u"tag:")) {
            n = counts->tagUnread.value(key.mid(4).toLongLong());
            tip = tr("%n unread chats with this tag", nullptr, int(n));
        } else if (key.startsWith(u"account:")) {
            n = counts->accountUnread.value(key.mid(8).toLongLong());
            tip = tr("%n unread chats and comments", nullptr, int(n));
        }
        (*it)->setText(1, n > 0 ? QLocale().toString(n) : QString());
        (*it)->setToolTip(1, tip);
        if (!key.startsWith(u"account:"))
            (*it)->setToolTip(0, tip);
    }
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
    for (QTreeWidgetItemIterator it(m_sidebar); *it; ++it) {
        if ((*it)->data(0, kViewKeyRole).toString() == key && m_sidebar->currentItem() != *it) {
            QSignalBlocker block(m_sidebar);
            m_sidebar->setCurrentItem(*it);
        }
    }
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
    const bool threadTouched =
        (m_currentConversation && notice.conversationIds.contains(m_currentConversation)) ||
        (m_currentContent && notice.contentIds.contains(m_currentContent));
    if (threadTouched) {
        QScrollBar *bar = m_threadView->verticalScrollBar();
        const bool atEnd = bar->value() >= bar->maximum() - 4;
        m_thread->refresh();
        if (atEnd)
            m_threadView->scrollToBottom();
        maybeMarkRead();
        updateThreadHeader();
    }
    if (!notice.accountIds.isEmpty() || wasEmpty)
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
        const bool focused = id == m_currentConversation;
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
    const bool same =
        kind == ItemKind::Message ? m_currentConversation == threadId : m_currentContent == threadId;
    if (!same || itemId)
        showThread(kind, threadId, itemId);
    syncListSelection();
    // Typing goes to the reply box, never to the list, where letters would pick other chats;
    // moving through the list with the keys keeps focus there for the next key.
    if (reason != OpenReason::Keyboard && m_composer->isEnabled())
        m_composer->setFocus(Qt::OtherFocusReason);
}

void MainWindow::showThread(ItemKind kind, qint64 threadId, qint64 itemId)
{
    const bool switching =
        (kind == ItemKind::Message ? m_currentConversation : m_currentContent) != threadId ||
        (kind == ItemKind::Message ? m_currentContent : m_currentConversation) != 0;
    if (switching)
        saveDraft(); // the thread being left keeps what was typed for it
    m_currentConversation = kind == ItemKind::Message ? threadId : 0;
    m_currentContent = kind == ItemKind::Comment ? threadId : 0;
    // The open chat stays in its list until the operator leaves it.
    m_conversations->setOpenId(m_currentConversation);
    m_contents->setOpenId(m_currentContent);

    // Where the operator stopped reading, for the "New messages" line.
    qint64 readUpTo = 0;
    if (kind == ItemKind::Message) {
        if (const auto c = m_session->store()->conversation(threadId); c && c.value())
            readUpTo = c.value()->markedUnread ? qMin(c.value()->readUpTo, c.value()->lastItemId - 1)
                                               : c.value()->readUpTo;
    }
    if (itemId && m_thread->setThreadAround(itemId)) {
        const int row = m_thread->rowOf(itemId);
        m_threadView->setCurrentIndex(m_thread->index(row));
        m_threadView->scrollTo(m_thread->index(row), QAbstractItemView::PositionAtCenter);
    } else {
        m_thread->setThread(kind, threadId);
        if (switching || m_thread->newMarker() == 0)
            m_thread->setNewMarker(m_thread->firstUnreadId(readUpTo));
        m_threadView->scrollToBottom();
    }
    if (switching) {
        m_composer->setEnabled(true);
        restoreDraft();
    }
    updateThreadHeader();
    emit m_composer->textChanged();
    updateActions();
    maybeMarkRead(true);
    // After the view has laid the rows out: is the first unread above what shows?
    QTimer::singleShot(0, this, &MainWindow::updateJumpToUnread);
}

void MainWindow::updateThreadHeader()
{
    if (!m_currentConversation && !m_currentContent) {
        m_threadTitle->setText(tr("No conversation selected"));
        m_threadSubtitle->setText(
            tr("Pick a conversation in the list, or press %1 to search.")
                .arg(action("actionSearch")->shortcut().toString(QKeySequence::NativeText)));
        m_threadTags->setTags({});
        m_replyTarget->hide();
        return;
    }
    if (m_currentConversation) {
        const auto c = m_session->store()->conversation(m_currentConversation);
        if (!c || !c.value())
            return;
        const Conversation &conv = *c.value();
        QString title;
        if (const auto peer = m_session->store()->user(conv.peerUserId); peer && peer.value())
            title = peer.value()->name.isEmpty() ? peer.value()->platformId : peer.value()->name;
        QString account;
        if (const auto a = m_session->store()->account(conv.accountId); a && a.value())
            account = a.value()->name.isEmpty() ? a.value()->platformId : a.value()->name;
        m_threadTitle->setText(title.isEmpty() ? conv.platformId : title);
        QStringList parts{tr("Direct messages · %1").arg(account)};
        if (conv.archived)
            parts << tr("archived");
        if (conv.isMuted(nowMs()))
            parts << tr("muted");
        m_threadSubtitle->setText(parts.join(QStringLiteral(" · ")));
        QList<TagChip> chips;
        if (const auto tags = m_session->store()->tags()) {
            for (const Tag &t : *tags) {
                if (conv.tagIds.contains(t.id))
                    chips.append(TagChip{t.id, t.name, QColor(t.color)});
            }
        }
        m_threadTags->setTags(chips);
        m_replyTarget->hide();
        return;
    }
    const auto content = m_session->store()->content(m_currentContent);
    m_threadTitle->setText(content && content.value() ? content.value()->title : QString());
    m_threadSubtitle->setText(tr("Comments on your video"));
    m_threadTags->setTags({});
    // Whom a reply under a video answers: the selected comment, else the video itself.
    const QModelIndex i = m_threadView->currentIndex();
    const bool toComment = i.isValid() && !i.data(ThreadModel::OutgoingRole).toBool();
    m_replyTarget->setText(toComment
                               ? tr("Replying to %1: “%2”")
                                     .arg(i.data(ThreadModel::SenderNameRole).toString(),
                                          i.data(ThreadModel::TextRole).toString().simplified().left(40))
                               : tr("Replying to the video; select a comment to answer it."));
    m_replyTarget->show();
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
    sync(m_conversationView, m_conversations, m_currentConversation);
    sync(m_contentView, m_contents, m_currentContent);
}

void MainWindow::setListHeld(InboxListView *view, bool held)
{
    InboxListModel *model = view == m_contentView ? static_cast<InboxListModel *>(m_contents)
                                                  : static_cast<InboxListModel *>(m_conversations);
    model->setHeld(held);
    if (!held)
        syncListSelection();
}

void MainWindow::saveDraft()
{
    if (m_loadingDraft || !m_composer)
        return;
    const QString text = m_composer->toPlainText();
    if (m_currentConversation) {
        m_drafts->setDraft(ItemKind::Message, m_currentConversation, text);
    } else if (m_currentContent) {
        const QModelIndex i = m_threadView->currentIndex();
        const qint64 replyTo = i.isValid() && !i.data(ThreadModel::OutgoingRole).toBool()
                                   ? i.data(ThreadModel::IdRole).toLongLong()
                                   : 0;
        m_drafts->setDraft(ItemKind::Comment, m_currentContent, text, replyTo);
    }
}

void MainWindow::restoreDraft()
{
    const ItemKind kind = m_currentConversation ? ItemKind::Message : ItemKind::Comment;
    const qint64 id = m_currentConversation ? m_currentConversation : m_currentContent;
    const DraftStore::Draft d = m_drafts->draft(kind, id);
    m_loadingDraft = true;
    m_composer->setPlainText(d.text);
    m_composer->moveCursor(QTextCursor::End);
    if (kind == ItemKind::Comment && d.replyTo) {
        const int row = m_thread->rowOf(d.replyTo);
        if (row >= 0)
            m_threadView->setCurrentIndex(m_thread->index(row));
    }
    m_loadingDraft = false;
}

void MainWindow::maybeMarkRead(bool opening)
{
    // Reading means: this thread is open, in the active window, scrolled to its end. A jump into
    // history does not read. While it stays open, only new inbound messages are read: a chat the
    // operator marked unread by hand stays unread until they open it again.
    if (!isActiveWindow() || !isVisible() || m_central->currentIndex() == 0)
        return;
    QScrollBar *bar = m_threadView->verticalScrollBar();
    if (bar->value() < bar->maximum() - 4 || m_thread->canLoadNewer())
        return;
    if (m_currentConversation) {
        const auto c = m_session->store()->conversation(m_currentConversation);
        if (c && c.value() && (opening ? c.value()->unreadBadge() : c.value()->unreadCount) > 0)
            command(QStringLiteral("mark_read"),
                    {{QStringLiteral("conversation_id"), m_currentConversation}});
    } else if (m_currentContent) {
        const auto c = m_session->store()->content(m_currentContent);
        if (c && c.value() && c.value()->unreadComments > 0)
            command(QStringLiteral("mark_comments_read"), {{QStringLiteral("content_id"), m_currentContent}});
    }
}

void MainWindow::updateJumpToUnread()
{
    const int row = m_thread->rowOf(m_thread->newMarker());
    bool above = false;
    if (row >= 0) {
        const QRect r = m_threadView->visualRect(m_thread->index(row));
        above = r.bottom() < 0;
    }
    if (above) {
        m_jumpToUnread->adjustSize();
        const int margin = fontMetrics().height() / 2;
        m_jumpToUnread->move((m_threadView->width() - m_jumpToUnread->width()) / 2, margin);
        m_jumpToUnread->raise();
    }
    m_jumpToUnread->setVisible(above);
}

int MainWindow::platformLimit() const
{
    // Platforms cap a DM or comment; the demo platform uses a typical 500.
    return m_currentContent ? 300 : 500;
}

void MainWindow::sendReply()
{
    const QString text = m_composer->toPlainText().trimmed();
    if (text.isEmpty() || (!m_currentConversation && !m_currentContent))
        return;
    if (text.size() > platformLimit()) {
        statusBar()->showMessage(
            tr("The reply is %1 characters long; the platform takes at most %2. Shorten it "
               "and send again.")
                .arg(text.size())
                .arg(platformLimit()),
            8000);
        return;
    }
    QJsonObject args{{QStringLiteral("text"), text}};
    if (m_currentConversation) {
        args.insert(QStringLiteral("conversation_id"), m_currentConversation);
    } else {
        args.insert(QStringLiteral("content_id"), m_currentContent);
        const QModelIndex i = m_threadView->currentIndex();
        if (i.isValid() && !i.data(ThreadModel::OutgoingRole).toBool())
            args.insert(QStringLiteral("parent_id"), i.data(ThreadModel::IdRole).toLongLong());
    }
    // The reply is on its way: the draft is done with, for this thread only.
    m_composer->clear();
    if (m_currentConversation)
        m_drafts->clear(ItemKind::Message, m_currentConversation);
    else
        m_drafts->clear(ItemKind::Comment, m_currentContent);
    command(QStringLiteral("reply"), args);
    m_threadView->scrollToBottom();
}

void MainWindow::retryReply(qint64 itemId)
{
    const auto it = m_session->store()->item(itemId);
    if (!it || !it.value() || it.value()->delivery != Delivery::Failed)
        return;
    command(QStringLiteral("retry_reply"), {{QStringLiteral("item_id"), itemId}});
    statusBar()->showMessage(tr("Sending the reply again…"), 4000);
}

void MainWindow::command(const QString &op, const QJsonObject &args)
{
    QPointer<MainWindow> self(this);
    m_session->link()->command(op, args, [self, op](const Result<QJsonObject> &r) {
        if (!self)
            return;
        if (!r) {
            self->statusBar()->showMessage(tr("Could not %1: %2").arg(actionName(op), r.error().message),
                                           8000);
            return;
        }
        self->flushRefresh();
    });
}

void MainWindow::updateActions()
{
    // Every action is enabled only where it would do something, for the chat it acts on (the
    // open one, or the row of an open context menu).
    const qint64 id = menuTarget();
    const auto c =
        id ? m_session->store()->conversation(id) : Result<std::optional<Conversation>>(std::nullopt);
    const bool conv = c && c.value();
    const bool contentOpen = m_menuTarget == 0 && m_currentContent != 0;
    qint64 unreadComments = 0;
    if (contentOpen) {
        if (const auto content = m_session->store()->content(m_currentContent); content && content.value())
            unreadComments = content.value()->unreadComments;
    }
    for (const char *n : {"actionPin", "actionArchive", "actionMute", "actionTags", "actionUserCard"})
        action(n)->setEnabled(conv);
    action("actionMarkRead")->setEnabled(conv ? c.value()->unreadBadge() > 0 : unreadComments > 0);
    action("actionMarkUnread")->setEnabled(conv && c.value()->unreadBadge() == 0);
    action("actionFind")->setEnabled(m_currentConversation != 0);
    action("actionFocusComposer")->setEnabled(m_currentConversation || m_currentContent);
    action("actionStartDemo")->setEnabled(!m_session->demoRunning());
    const bool inbox = m_central->currentIndex() == 1;
    for (const char *n : {"actionSearch", "actionFind", "actionPrevious", "actionNext", "actionNextUnread",
                          "actionMarkViewRead"})
        action(n)->setEnabled(inbox && (qstrcmp(n, "actionFind") != 0 || m_currentConversation));

    const auto toggle = [this](const char *name, bool on, const QString &onText, const QString &offText,
                               Glyph onGlyph, Glyph offGlyph) {
        QAction *a = action(name);
        a->setText(on ? onText : offText);
        a->setIcon(icon(on ? onGlyph : offGlyph));
        a->setToolTip(tr("%1 (%2)", "action (shortcut)")
                          .arg(a->text(), a->shortcut().toString(QKeySequence::NativeText)));
    };
    const Conversation state = conv ? *c.value() : Conversation();
    toggle("actionPin", state.pinned, tr("Unpin"), tr("Pin"), Glyph::Unpin, Glyph::Pin);
    toggle("actionArchive", state.archived, tr("Unarchive"), tr("Archive"), Glyph::Unarchive, Glyph::Archive);
    toggle("actionMute", state.isMuted(nowMs()), tr("Unmute"), tr("Mute"), Glyph::Unmute, Glyph::Mute);
    toggle("actionUserCard", false, QString(), tr("User card"), Glyph::UserCard, Glyph::UserCard);
    toggle("actionMarkRead", false, QString(), tr("Mark read"), Glyph::MarkRead, Glyph::MarkRead);
    toggle("actionMarkUnread", false, QString(), tr("Mark unread"), Glyph::MarkUnread, Glyph::MarkUnread);
}

void MainWindow::fillMuteMenu(QMenu *menu, qint64 conversationId)
{
    menu->clear();
    const auto c = m_session->store()->conversation(conversationId);
    if (!c || !c.value())
        return;
    if (c.value()->isMuted(nowMs())) {
        const qint64 until = c.value()->mutedUntil;
        menu->addAction(until == kMutedForever
                            ? tr("Muted until you unmute it")
                            : tr("Muted until %1")
                                  .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(until),
                                                          QLocale::ShortFormat)))
            ->setEnabled(false);
        menu->addAction(icon(Glyph::Unmute), tr("Unmute"), this, [this, conversationId] {
            command(QStringLiteral("unmute"), {{QStringLiteral("conversation_id"), conversationId}});
        });
        return;
    }
    const auto mute = [this, menu, conversationId](const QString &label, qint64 forMs) {
        menu->addAction(label, this, [this, conversationId, forMs] {
            command(QStringLiteral("mute"), {{QStringLiteral("conversation_id"), conversationId},
                                             {QStringLiteral("until"), forMs < 0 ? -1 : nowMs() + forMs}});
        });
    };
    mute(tr("For 1 hour"), 3600LL * 1000);
    mute(tr("For 8 hours"), 8 * 3600LL * 1000);
    mute(tr("For 1 day"), 24 * 3600LL * 1000);
    mute(tr("Until I unmute"), -1);
}

void MainWindow::fillTagsMenu(QMenu *menu, qint64 conversationId)
{
    menu->clear();
    const auto c = m_session->store()->conversation(conversationId);
    const QList<qint64> has = c && c.value() ? c.value()->tagIds : QList<qint64>();
    const auto tags = m_session->store()->tags();
    if (tags) {
        for (const Tag &t : *tags) {
            QAction *a = menu->addAction(t.name);
            a->setCheckable(true);
            a->setChecked(has.contains(t.id));
            QPixmap dot(12, 12);
            dot.fill(QColor(t.color));
            a->setIcon(QIcon(dot));
            connect(a, &QAction::toggled, this, [this, conversationId, id = t.id](bool on) {
                command(
                    on ? QStringLiteral("tag") : QStringLiteral("untag"),
                    {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("tag_id"), id}});
            });
        }
        if (!tags->isEmpty())
            menu->addSeparator();
    }
    menu->addAction(tr("New tag…"), this, [this, conversationId] { newTag(conversationId); });
}

void MainWindow::newTag(qint64 conversationId)
{
    QStringList names;
    if (const auto tags = m_session->store()->tags()) {
        for (const Tag &t : *tags)
            names << t.name;
    }
    TagDialog dialog(names, this);
    if (dialog.exec() != QDialog::Accepted)
        return; // Cancel creates nothing
    QPointer<MainWindow> self(this);
    m_session->link()->command(
        QStringLiteral("create_tag"),
        {{QStringLiteral("name"), dialog.name()}, {QStringLiteral("color"), dialog.color().name()}},
        [self, conversationId](const Result<QJsonObject> &r) {
            if (!self)
                return;
            if (!r) {
                QMessageBox::warning(
                    self, tr("New tag"),
                    tr("Could not %1: %2").arg(actionName(QStringLiteral("create_tag")), r.error().message));
                return;
            }
            if (conversationId)
                self->command(QStringLiteral("tag"),
                              {{QStringLiteral("conversation_id"), conversationId},
                               {QStringLiteral("tag_id"), r->value(QStringLiteral("tag_id"))}});
            self->rebuildSidebar();
        });
}

void MainWindow::showConversationMenu(const QPoint &pos)
{
    // The menu acts on the row under the pointer and opens nothing: pinning a chat "for later"
    // must not read it.
    const QModelIndex i = m_conversationView->indexAt(pos);
    if (!i.isValid())
        return;
    m_menuTarget = i.data(InboxRoles::Id).toLongLong();
    updateActions();
    QMenu menu(this);
    for (const char *n : {"actionMarkRead", "actionMarkUnread", "actionPin", "actionArchive"})
        menu.addAction(action(n));
    QMenu *mute = menu.addMenu(icon(Glyph::Mute), action("actionMute")->text());
    fillMuteMenu(mute, m_menuTarget);
    QMenu *tags = menu.addMenu(icon(Glyph::Tag), tr("Tags"));
    fillTagsMenu(tags, m_menuTarget);
    menu.addAction(action("actionUserCard"));
    menu.exec(m_conversationView->viewport()->mapToGlobal(pos));
    m_menuTarget = 0;
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
        command(QStringLiteral("mark_comments_read"), {{QStringLiteral("content_id"), id}});
    });
    read->setEnabled(i.data(InboxRoles::Unread).toLongLong() > 0);
    menu.exec(m_contentView->viewport()->mapToGlobal(pos));
}

void MainWindow::showThreadMenu(const QPoint &pos)
{
    const QModelIndex i = m_threadView->indexAt(pos);
    if (!i.isValid())
        return;
    m_threadView->setCurrentIndex(i);
    QMenu menu(this);
    menu.addAction(action("actionCopy"));
    if (i.data(ThreadModel::DeliveryRole).toInt() == int(Delivery::Failed))
        menu.addAction(action("actionRetry"));
    menu.exec(m_threadView->viewport()->mapToGlobal(pos));
}

void MainWindow::showSidebarMenu(const QPoint &pos)
{
    QTreeWidgetItem *item = m_sidebar->itemAt(pos);
    const QString key = item ? item->data(0, kViewKeyRole).toString() : QString();
    if (key.isEmpty() || key == u"comments")
        return;
    if (key != m_view)
        selectView(key);
    QMenu menu(this);
    menu.addAction(action("actionMarkViewRead"));
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
                tr("Could not %1: %2").arg(actionName(QStringLiteral("mark_read")), page.error().message),
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
        command(QStringLiteral("mark_read"), {{QStringLiteral("conversation_id"), id}});
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

void MainWindow::showUserCard(qint64 conversationId)
{
    const auto c = m_session->store()->conversation(conversationId);
    if (!c || !c.value())
        return;
    const auto user = m_session->store()->user(c.value()->peerUserId);
    if (!user || !user.value())
        return;
    const User &u = *user.value();
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("userCard"));
    dialog.setWindowTitle(tr("User card"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *form = new QFormLayout;
    const auto count = [](qint64 n) {
        return n < 0 ? tr("unknown") : QLocale().toString(n);
    };
    auto *name = new QLabel(u.verified ? tr("%1 ✔ verified").arg(u.name) : u.name);
    QFont f = name->font();
    f.setBold(true);
    name->setFont(f);
    form->addRow(tr("Name:"), name);
    form->addRow(tr("Platform id:"), new QLabel(u.platformId));
    auto *signature = new QLabel(u.signature.isEmpty() ? tr("(no signature)") : u.signature);
    signature->setWordWrap(true);
    form->addRow(tr("Signature:"), signature);
    form->addRow(tr("Followers:"), new QLabel(count(u.followers)));
    form->addRow(tr("Following:"), new QLabel(count(u.following)));
    form->addRow(tr("Videos:"), new QLabel(count(u.videos)));
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Conversations with %1 on every account:").arg(u.name)));
    auto *list = new QListWidget;
    list->setObjectName(QStringLiteral("userConversations"));
    list->setAccessibleName(tr("Conversations with this user"));
    store::ConversationFilter filter;
    filter.peerUserId = u.id;
    filter.archived = store::ArchivedFilter::Any;
    const auto convs = m_session->store()->conversations(filter, 100);
    QHash<qint64, QString> accountNames;
    if (const auto accounts = m_session->store()->accounts()) {
        for (const Account &a : *accounts)
            accountNames.insert(a.id, a.name.isEmpty() ? a.platformId : a.name);
    }
    if (convs) {
        for (const Conversation &conv : convs->conversations) {
            QString text =
                QStringLiteral("%1 — %2").arg(accountNames.value(conv.accountId), conv.lastPreview);
            if (conv.archived)
                text = tr("%1 (archived)").arg(text);
            auto *item = new QListWidgetItem(text, list);
            item->setData(Qt::UserRole, conv.id);
        }
    }
    qint64 chosen = 0;
    connect(list, &QListWidget::itemActivated, &dialog, [&dialog, &chosen](QListWidgetItem *item) {
        chosen = item->data(Qt::UserRole).toLongLong();
        dialog.accept();
    });
    layout->addWidget(list);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(box);
    dialog.resize(440, 480);
    dialog.exec();
    // Exactly the chat chosen, archived or not, in whatever view is shown: it joins the list.
    if (chosen) {
        activateWindow(); // back from the card, where the reply box is
        openThread(ItemKind::Message, chosen, 0, OpenReason::Elsewhere);
    }
}

void MainWindow::pollStatus()
{
    m_statusSource->setText(m_session->isRunning() ? tr("Inbox on this computer") : tr("Inbox stopped"));
    const QList<worker::ConnectorStatus> connectors = m_session->connectors();
    QStringList parts;
    for (const worker::ConnectorStatus &s : connectors) {
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
    m_statusConnectors->setText(parts.isEmpty() ? tr("No platform connected")
                                                : parts.join(QStringLiteral("  ·  ")));
    if (m_session->workerUrl().isEmpty()) {
        m_statusWorkers->clear();
        return;
    }
    QPointer<MainWindow> self(this);
    m_session->link()->command(
        QStringLiteral("status"), {{QStringLiteral("counts"), false}}, [self](const Result<QJsonObject> &r) {
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
    if (empty && m_session->demoRunning())
        m_welcomeText->setText(tr("The demo is starting; the inbox appears in a moment."));
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

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, this);
    dialog.exec();
}

void MainWindow::showShortcuts()
{
    QList<QAction *> list;
    for (const char *n : {"actionSearch", "actionFind", "actionFocusComposer", "actionPrevious", "actionNext",
                          "actionNextUnread", "actionMarkRead", "actionMarkUnread", "actionPin",
                          "actionArchive", "actionMute", "actionUserCard", "actionMarkViewRead", "actionCopy",
                          "actionSettings", "actionShortcuts", "actionQuit"})
        list << action(n);
    const QList<ShortcutsDialog::Entry> more{
        {tr("Send the reply"), tr("Enter")},
        {tr("New line in the reply"), tr("Shift+Enter")},
        {tr("Pick a quick reply"), tr("/ at the start of the reply")},
        {tr("Leave the reply box"), tr("Tab")},
        {tr("Move through the list"), tr("↑ ↓ Page Up Page Down Home End")},
        {tr("Open the chat of the list's current row"), tr("Enter")},
        {tr("Close the search"), tr("Esc")},
    };
    ShortcutsDialog dialog(list, more, this);
    dialog.exec();
}

} // namespace hiscrm::ui
