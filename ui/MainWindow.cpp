// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "common/Translations.h"
#include "ui/AppSession.h"
#include "ui/ContentListModel.h"
#include "ui/ConversationDelegate.h"
#include "ui/ConversationListModel.h"
#include "ui/MessageDelegate.h"
#include "ui/SearchPanel.h"
#include "ui/Settings.h"
#include "ui/SettingsDialog.h"
#include "ui/ThreadModel.h"
#include "ui/TrayNotifier.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QColorDialog>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hiscrm::ui {

using namespace model;

namespace {

constexpr int kViewKeyRole = Qt::UserRole + 1;
constexpr int kRefreshMs = 150; // live updates are coalesced: at most ~7 repaints a second

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

} // namespace

MainWindow::MainWindow(AppSession *session, Settings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_startedAt(nowMs())
{
    setObjectName(QStringLiteral("mainWindow"));
    m_conversations = new ConversationListModel(session->store(), this);
    m_contents = new ContentListModel(session->store(), this);
    m_thread = new ThreadModel(session->store(), this);
    m_tray = new TrayNotifier(this);
    buildActions();
    buildUi();
    retranslateUi();

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshNow);
    connect(session, &AppSession::changed, this, &MainWindow::onChanged);
    connect(session, &AppSession::connectorsChanged, this, &MainWindow::pollStatus);

    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(2000);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::pollStatus);
    m_statusTimer->start();

    connect(m_tray, &TrayNotifier::showWindowRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_tray, &TrayNotifier::quitRequested, qApp, &QApplication::quit);
    connect(m_tray, &TrayNotifier::openConversation, this, [this](qint64 id) {
        showNormal();
        activateWindow();
        openConversation(id);
    });

    const QByteArray geometry = m_settings->windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    else
        resize(1200, 780);
    selectView(QStringLiteral("all"));
    updateBadges();
    showWelcomeIfEmpty();
    pollStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    const auto add = [this](const char *name, QKeySequence key = {}) {
        auto *a = new QAction(this);
        a->setObjectName(QString::fromLatin1(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        addAction(a);
        m_actions.insert(QString::fromLatin1(name), a);
        return a;
    };
    connect(add("actionSearch", QKeySequence(Qt::CTRL | Qt::Key_K)), &QAction::triggered, this,
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
    connect(add("actionEscape", QKeySequence(Qt::Key_Escape)), &QAction::triggered, this, [this] {
        if (m_listStack->currentWidget() == m_search)
            m_listStack->setCurrentWidget(m_view == u"comments" ? static_cast<QWidget *>(m_contentView)
                                                                : static_cast<QWidget *>(m_conversationView));
    });
    connect(add("actionMarkRead", QKeySequence(Qt::CTRL | Qt::Key_R)), &QAction::triggered, this, [this] {
        if (m_currentContent)
            command(QStringLiteral("mark_comments_read"), {{QStringLiteral("content_id"), m_currentContent}});
        else if (m_currentConversation)
            command(QStringLiteral("mark_read"),
                    {{QStringLiteral("conversation_id"), m_currentConversation}});
    });
    connect(add("actionMarkUnread", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)), &QAction::triggered,
            this, [this] {
                if (m_currentConversation)
                    command(QStringLiteral("mark_unread"),
                            {{QStringLiteral("conversation_id"), m_currentConversation}});
            });
    connect(add("actionPin", QKeySequence(Qt::CTRL | Qt::Key_P)), &QAction::triggered, this, [this] {
        const auto c = m_session->store()->conversation(m_currentConversation);
        if (c && c.value())
            command(c.value()->pinned ? QStringLiteral("unpin") : QStringLiteral("pin"),
                    {{QStringLiteral("conversation_id"), m_currentConversation}});
    });
    connect(add("actionArchive", QKeySequence(Qt::CTRL | Qt::Key_E)), &QAction::triggered, this, [this] {
        const auto c = m_session->store()->conversation(m_currentConversation);
        if (c && c.value())
            command(c.value()->archived ? QStringLiteral("unarchive") : QStringLiteral("archive"),
                    {{QStringLiteral("conversation_id"), m_currentConversation}});
    });
    add("actionMute");
    add("actionTags");
    connect(add("actionCopy", QKeySequence::Copy), &QAction::triggered, this, [this] {
        const QModelIndex i = m_threadView->currentIndex();
        if (i.isValid())
            QGuiApplication::clipboard()->setText(i.data(ThreadModel::TextRole).toString());
    });
    connect(add("actionUserCard", QKeySequence(Qt::CTRL | Qt::Key_I)), &QAction::triggered, this,
            &MainWindow::showUserCard);
    connect(add("actionRetry"), &QAction::triggered, this, [this] {
        const QModelIndex i = m_threadView->currentIndex();
        if (i.isValid() && i.data(ThreadModel::DeliveryRole).toInt() == int(Delivery::Failed))
            command(QStringLiteral("retry_reply"),
                    {{QStringLiteral("item_id"), i.data(ThreadModel::IdRole).toLongLong()}});
    });
    connect(add("actionSettings", QKeySequence::Preferences), &QAction::triggered, this,
            &MainWindow::openSettings);
    connect(add("actionQuit", QKeySequence::Quit), &QAction::triggered, qApp, &QApplication::quit);
    connect(add("actionStartDemo"), &QAction::triggered, this, [this] {
        m_session->startDemo();
        m_settings->setDemoEnabled(true);
        showWelcomeIfEmpty();
    });
    connect(add("actionConnectWorker"), &QAction::triggered, this, &MainWindow::connectExternalWorker);
    connect(add("actionAbout"), &QAction::triggered, this, [this] {
        SettingsDialog dialog(m_settings, this);
        dialog.showAbout();
        dialog.exec();
    });

    m_muteMenu = new QMenu(this);
    m_muteMenu->setObjectName(QStringLiteral("muteMenu"));
    connect(m_muteMenu, &QMenu::aboutToShow, this, &MainWindow::fillMuteMenu);
    m_actions.value(QStringLiteral("actionMute"))->setMenu(m_muteMenu);
    m_tagsMenu = new QMenu(this);
    m_tagsMenu->setObjectName(QStringLiteral("tagsMenu"));
    connect(m_tagsMenu, &QMenu::aboutToShow, this, &MainWindow::fillTagsMenu);
    m_actions.value(QStringLiteral("actionTags"))->setMenu(m_tagsMenu);
}

void MainWindow::buildUi()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_actions.value(QStringLiteral("actionStartDemo")));
    m_fileMenu->addAction(m_actions.value(QStringLiteral("actionConnectWorker")));
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actions.value(QStringLiteral("actionSettings")));
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actions.value(QStringLiteral("actionQuit")));
    m_conversationMenu = menuBar()->addMenu(QString());
    for (const char *n : {"actionMarkRead", "actionMarkUnread", "actionPin", "actionArchive", "actionMute",
                          "actionTags", "actionUserCard", "actionCopy", "actionRetry"})
        m_conversationMenu->addAction(m_actions.value(QString::fromLatin1(n)));
    m_viewMenu = menuBar()->addMenu(QString());
    for (const char *n : {"actionSearch", "actionFind", "actionPrevious", "actionNext", "actionNextUnread"})
        m_viewMenu->addAction(m_actions.value(QString::fromLatin1(n)));
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_actions.value(QStringLiteral("actionAbout")));

    m_central = new QStackedWidget(this);
    setCentralWidget(m_central);

    // Welcome page: shown while there is no account yet.
    auto *welcome = new QWidget;
    welcome->setObjectName(QStringLiteral("welcomePage"));
    auto *wl = new QVBoxLayout(welcome);
    wl->addStretch();
    m_welcomeTitle = new QLabel;
    QFont big = m_welcomeTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_welcomeTitle->setFont(big);
    m_welcomeTitle->setAlignment(Qt::AlignCenter);
    m_welcomeText = new QLabel;
    m_welcomeText->setWordWrap(true);
    m_welcomeText->setAlignment(Qt::AlignCenter);
    m_startDemo = new QPushButton;
    m_startDemo->setObjectName(QStringLiteral("startDemoButton"));
    connect(m_startDemo, &QPushButton::clicked, m_actions.value(QStringLiteral("actionStartDemo")),
            &QAction::trigger);
    m_connectWorker = new QPushButton;
    m_connectWorker->setObjectName(QStringLiteral("connectWorkerButton"));
    connect(m_connectWorker, &QPushButton::clicked, this, &MainWindow::connectExternalWorker);
    m_workerInfo = new QLabel;
    m_workerInfo->setObjectName(QStringLiteral("workerInfo"));
    m_workerInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_workerInfo->setAlignment(Qt::AlignCenter);
    m_workerInfo->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_startDemo);
    buttons->addWidget(m_connectWorker);
    buttons->addStretch();
    wl->addWidget(m_welcomeTitle);
    wl->addWidget(m_welcomeText);
    wl->addLayout(buttons);
    wl->addWidget(m_workerInfo);
    wl->addStretch();
    m_central->addWidget(welcome);

    // Inbox: sidebar | list | thread.
    auto *split = new QSplitter;
    split->setObjectName(QStringLiteral("inboxSplitter"));
    m_sidebar = new QTreeWidget;
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setHeaderHidden(true);
    m_sidebar->setColumnCount(2);
    m_sidebar->header()->setStretchLastSection(false);
    m_sidebar->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_sidebar->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_sidebar->setRootIsDecorated(false);
    connect(m_sidebar, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item && !item->data(0, kViewKeyRole).toString().isEmpty())
            selectView(item->data(0, kViewKeyRole).toString());
    });

    m_listStack = new QStackedWidget;
    m_conversationView = new QListView;
    m_conversationView->setObjectName(QStringLiteral("conversationList"));
    m_conversationView->setModel(m_conversations);
    m_conversationView->setItemDelegate(new ConversationDelegate(m_conversationView));
    m_conversationView->setUniformItemSizes(true);
    m_conversationView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_conversationView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_conversationView, &QWidget::customContextMenuRequested, this,
            &MainWindow::showConversationMenu);
    connect(m_conversationView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) { onConversationActivated(index); });
    m_contentView = new QListView;
    m_contentView->setObjectName(QStringLiteral("contentList"));
    m_contentView->setModel(m_contents);
    m_contentView->setItemDelegate(new ConversationDelegate(m_contentView));
    m_contentView->setUniformItemSizes(true);
    connect(m_contentView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) { onContentActivated(index); });
    m_search = new SearchPanel(m_session->databasePath());
    m_search->setObjectName(QStringLiteral("searchPanel"));
    connect(m_search, &SearchPanel::openItem, this, &MainWindow::openItem);
    connect(m_search, &SearchPanel::closeRequested, m_actions.value(QStringLiteral("actionEscape")),
            &QAction::trigger);
    m_listStack->addWidget(m_conversationView);
    m_listStack->addWidget(m_contentView);
    m_listStack->addWidget(m_search);

    auto *threadPane = new QWidget;
    auto *tl = new QVBoxLayout(threadPane);
    tl->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    m_threadTitle = new QLabel;
    m_threadTitle->setObjectName(QStringLiteral("threadTitle"));
    QFont bold = m_threadTitle->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_threadTitle->setFont(bold);
    m_threadSubtitle = new QLabel;
    m_threadSubtitle->setObjectName(QStringLiteral("threadSubtitle"));
    m_threadSubtitle->setForegroundRole(QPalette::PlaceholderText);
    titles->addWidget(m_threadTitle);
    titles->addWidget(m_threadSubtitle);
    header->addLayout(titles, 1);
    auto *toolbar = new QToolBar;
    toolbar->setObjectName(QStringLiteral("threadToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const char *n : {"actionMarkRead", "actionMarkUnread", "actionPin", "actionArchive", "actionMute",
                          "actionTags", "actionUserCard"})
        toolbar->addAction(m_actions.value(QString::fromLatin1(n)));
    for (QToolButton *b : toolbar->findChildren<QToolButton *>())
        b->setPopupMode(QToolButton::InstantPopup);
    header->addWidget(toolbar);
    tl->addLayout(header);

    m_threadView = new QListView;
    m_threadView->setObjectName(QStringLiteral("threadView"));
    m_threadView->setModel(m_thread);
    m_threadView->setItemDelegate(new MessageDelegate(m_threadView));
    m_threadView->setWordWrap(true);
    m_threadView->setUniformItemSizes(false);
    m_threadView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_threadView->setResizeMode(QListView::Adjust);
    m_threadView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_threadView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_threadView, &QWidget::customContextMenuRequested, this, &MainWindow::showThreadMenu);
    connect(m_threadView, &QListView::doubleClicked, this, [this](const QModelIndex &i) {
        if (i.data(ThreadModel::DeliveryRole).toInt() == int(Delivery::Failed))
            m_actions.value(QStringLiteral("actionRetry"))->trigger();
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
    });
    tl->addWidget(m_threadView, 1);

    auto *composerRow = new QHBoxLayout;
    m_composer = new QPlainTextEdit;
    m_composer->setObjectName(QStringLiteral("composer"));
    m_composer->setMaximumHeight(m_composer->fontMetrics().lineSpacing() * 5);
    m_composer->installEventFilter(this);
    connect(m_composer, &QPlainTextEdit::textChanged, this, [this] {
        const int n = int(m_composer->toPlainText().size());
        m_lengthLabel->setText(QStringLiteral("%1/%2").arg(n).arg(platformLimit()));
        m_lengthLabel->setForegroundRole(n > platformLimit() ? QPalette::Highlight
                                                             : QPalette::PlaceholderText);
        m_sendButton->setEnabled(n > 0 && n <= platformLimit() &&
                                 (m_currentConversation || m_currentContent));
    });
    m_quickReplies = new QToolButton;
    m_quickReplies->setObjectName(QStringLiteral("quickReplyButton"));
    m_quickReplies->setPopupMode(QToolButton::InstantPopup);
    auto *quickMenu = new QMenu(m_quickReplies);
    connect(quickMenu, &QMenu::aboutToShow, this, [this, quickMenu] {
        quickMenu->clear();
        for (const QString &q : m_settings->quickReplies())
            quickMenu->addAction(q, this, [this, q] { m_composer->insertPlainText(q); });
    });
    m_quickReplies->setMenu(quickMenu);
    m_lengthLabel = new QLabel;
    m_lengthLabel->setObjectName(QStringLiteral("lengthLabel"));
    m_sendButton = new QPushButton;
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setEnabled(false);
    connect(m_sendButton, &QPushButton::clicked, this, &MainWindow::sendReply);
    auto *side = new QVBoxLayout;
    side->addWidget(m_quickReplies);
    side->addWidget(m_lengthLabel);
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
    split->setSizes({200, 340, 660});
    m_central->addWidget(split);

    m_statusMaster = new QLabel;
    m_statusMaster->setObjectName(QStringLiteral("statusMaster"));
    m_statusConnectors = new QLabel;
    m_statusConnectors->setObjectName(QStringLiteral("statusConnectors"));
    m_statusRate = new QLabel;
    m_statusRate->setObjectName(QStringLiteral("statusRate"));
    statusBar()->addWidget(m_statusMaster);
    statusBar()->addWidget(m_statusConnectors, 1);
    statusBar()->addPermanentWidget(m_statusRate);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("HisCRM Desk"));
    m_fileMenu->setTitle(tr("&File"));
    m_conversationMenu->setTitle(tr("&Conversation"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    const auto text = [this](const char *name, const QString &t, const QString &accessible = QString()) {
        QAction *a = m_actions.value(QString::fromLatin1(name));
        a->setText(t);
        a->setToolTip(accessible.isEmpty() ? t : accessible);
    };
    text("actionSearch", tr("Search…"), tr("Search all messages and comments (Ctrl+K)"));
    text("actionFind", tr("Find in conversation…"), tr("Search in this conversation (Ctrl+F)"));
    text("actionPrevious", tr("Previous conversation"));
    text("actionNext", tr("Next conversation"));
    text("actionNextUnread", tr("Next unread"));
    text("actionEscape", tr("Close search"));
    text("actionMarkRead", tr("Mark read"));
    text("actionMarkUnread", tr("Mark unread"));
    text("actionPin", tr("Pin"), tr("Pin or unpin the conversation"));
    text("actionArchive", tr("Archive"), tr("Archive or unarchive the conversation"));
    text("actionMute", tr("Mute"));
    text("actionTags", tr("Tags"));
    text("actionCopy", tr("Copy message"));
    text("actionUserCard", tr("User card"), tr("Profile of the person you are talking to"));
    text("actionRetry", tr("Retry sending"));
    text("actionSettings", tr("Settings…"));
    text("actionQuit", tr("Quit"));
    text("actionStartDemo", tr("Start the demo connector"));
    text("actionConnectWorker", tr("Connect an external worker…"));
    text("actionAbout", tr("About HisCRM Desk"));
    m_welcomeTitle->setText(tr("Welcome to HisCRM Desk"));
    m_welcomeText->setText(
        tr("There is no account yet. Start the demo connector to see a working inbox with "
           "simulated fans, or connect an external worker that watches your real accounts."));
    m_startDemo->setText(tr("Start the demo"));
    m_startDemo->setAccessibleName(tr("Start the demo connector"));
    m_connectWorker->setText(tr("Connect an external worker"));
    m_connectWorker->setAccessibleName(tr("Connect an external worker"));
    m_sidebar->setAccessibleName(tr("Views and accounts"));
    m_conversationView->setAccessibleName(tr("Conversations"));
    m_contentView->setAccessibleName(tr("Videos with comments"));
    m_threadView->setAccessibleName(tr("Messages"));
    m_composer->setAccessibleName(tr("Reply"));
    m_composer->setPlaceholderText(tr("Write a reply — Enter sends, Shift+Enter starts a new line"));
    m_quickReplies->setText(tr("Quick replies"));
    m_quickReplies->setAccessibleName(tr("Insert a quick reply"));
    m_sendButton->setText(tr("Send"));
    m_sendButton->setAccessibleName(tr("Send the reply"));
    m_lengthLabel->setAccessibleName(tr("Characters used of the platform's limit"));
    m_statusMaster->setAccessibleName(tr("Master state"));
    m_statusConnectors->setAccessibleName(tr("Connector state"));
    m_statusRate->setAccessibleName(tr("Messages per second"));
    if (!m_currentConversation && !m_currentContent) {
        m_threadTitle->setText(tr("No conversation selected"));
        m_threadSubtitle->setText(tr("Pick a conversation on the left, or press Ctrl+K to search."));
    }
    rebuildSidebar();
    updateBadges();
    pollStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_fileMenu)
        retranslateUi();
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        maybeMarkRead();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    QMainWindow::closeEvent(event);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_composer && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            !(key->modifiers() & Qt::ShiftModifier)) {
            sendReply();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
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
        for (const Tag &t : *tags) {
            QTreeWidgetItem *i = item(tg, t.name, QStringLiteral("tag:%1").arg(t.id));
            if (!t.color.isEmpty())
                i->setForeground(0, QColor(t.color));
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
}

void MainWindow::updateBadges()
{
    const auto summary = m_session->store()->unreadSummary();
    if (!summary)
        return;
    m_tray->setUnread(summary->totalUnmuted);
    setWindowTitle(summary->totalUnmuted > 0 ? tr("HisCRM Desk (%1)").arg(summary->totalUnmuted)
                                             : tr("HisCRM Desk"));
    for (QTreeWidgetItemIterator it(m_sidebar); *it; ++it) {
        const QString key = (*it)->data(0, kViewKeyRole).toString();
        qint64 n = 0;
        if (key == u"all" || key == u"unread")
            n = summary->total - summary->comments;
        else if (key == u"comments")
            n = summary->comments;
        else if (key.startsWith(u"account:"))
            n = summary->perAccount.value(key.mid(8).toLongLong());
        (*it)->setText(1, n > 0 ? QString::number(n) : QString());
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
    const int row = m_conversations->rowOf(m_currentConversation);
    if (row >= 0)
        m_conversationView->setCurrentIndex(m_conversations->index(row));
}

void MainWindow::showSearch()
{
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
    refreshNow();
}

void MainWindow::refreshNow()
{
    const master::ChangeNotice notice = std::exchange(m_pending, master::ChangeNotice());
    const bool wasEmpty = m_central->currentIndex() == 0;
    m_conversations->refresh();
    if (m_listStack->currentWidget() == m_contentView || !notice.contentIds.isEmpty())
        m_contents->refresh();
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
    }
    if (!notice.accountIds.isEmpty() || wasEmpty)
        rebuildSidebar();
    updateBadges();
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

void MainWindow::onConversationActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 id = index.data(ConversationListModel::IdRole).toLongLong();
    if (id != m_currentConversation)
        showThread(ItemKind::Message, id, 0);
}

void MainWindow::onContentActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 id = index.data(ContentListModel::IdRole).toLongLong();
    if (id != m_currentContent)
        showThread(ItemKind::Comment, id, 0);
}

void MainWindow::openConversation(qint64 conversationId, qint64 itemId)
{
    if (m_listStack->currentWidget() != m_conversationView)
        m_listStack->setCurrentWidget(m_conversationView);
    showThread(ItemKind::Message, conversationId, itemId);
    const int row = m_conversations->rowOf(conversationId);
    if (row >= 0) {
        QSignalBlocker block(m_conversationView->selectionModel());
        m_conversationView->setCurrentIndex(m_conversations->index(row));
    }
}

void MainWindow::openItem(qint64 itemId)
{
    const auto it = m_session->store()->item(itemId);
    if (!it || !it.value())
        return;
    if (it.value()->kind == ItemKind::Message) {
        openConversation(it.value()->threadId, itemId);
    } else {
        showThread(ItemKind::Comment, it.value()->threadId, itemId);
    }
}

void MainWindow::showThread(ItemKind kind, qint64 threadId, qint64 itemId)
{
    m_currentConversation = kind == ItemKind::Message ? threadId : 0;
    m_currentContent = kind == ItemKind::Comment ? threadId : 0;
    if (itemId && m_thread->setThreadAround(itemId)) {
        const int row = m_thread->rowOf(itemId);
        m_threadView->setCurrentIndex(m_thread->index(row));
        m_threadView->scrollTo(m_thread->index(row), QAbstractItemView::PositionAtCenter);
    } else {
        m_thread->setThread(kind, threadId);
        m_threadView->scrollToBottom();
    }
    if (kind == ItemKind::Message) {
        const int row = m_conversations->rowOf(threadId);
        const QModelIndex i = m_conversations->index(row);
        const auto c = m_session->store()->conversation(threadId);
        QString title = row >= 0 ? i.data(Qt::DisplayRole).toString() : QString();
        QString account = row >= 0 ? i.data(ConversationListModel::AccountRole).toString() : QString();
        if (title.isEmpty() && c && c.value()) {
            const auto peer = m_session->store()->user(c.value()->peerUserId);
            title = peer && peer.value() ? peer.value()->name : c.value()->platformId;
        }
        m_threadTitle->setText(title);
        m_threadSubtitle->setText(tr("Direct messages · %1").arg(account));
    } else {
        const auto content = m_session->store()->content(threadId);
        m_threadTitle->setText(content && content.value() ? content.value()->title : QString());
        m_threadSubtitle->setText(tr("Comments on your video"));
    }
    m_composer->setEnabled(true);
    emit m_composer->textChanged();
    updateActions();
    maybeMarkRead(true);
}

void MainWindow::maybeMarkRead(bool opening)
{
    // Opening a conversation scrolled to the end means reading it; a jump into history does not.
    // While it stays open, only new inbound messages are read: a chat the operator marked unread
    // by hand stays unread until they open it again.
    if (!isActiveWindow())
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

int MainWindow::platformLimit() const
{
    // Platforms cap a DM or comment; the demo platform uses a typical 500.
    return m_currentContent ? 300 : 500;
}

void MainWindow::sendReply()
{
    const QString text = m_composer->toPlainText().trimmed();
    if (text.isEmpty() || text.size() > platformLimit() || (!m_currentConversation && !m_currentContent))
        return;
    QJsonObject args{{QStringLiteral("text"), text}};
    if (m_currentConversation) {
        args.insert(QStringLiteral("conversation_id"), m_currentConversation);
    } else {
        args.insert(QStringLiteral("content_id"), m_currentContent);
        const QModelIndex i = m_threadView->currentIndex();
        if (i.isValid() && !i.data(ThreadModel::OutgoingRole).toBool())
            args.insert(QStringLiteral("parent_id"), i.data(ThreadModel::IdRole).toLongLong());
    }
    m_composer->clear();
    command(QStringLiteral("reply"), args);
    m_threadView->scrollToBottom();
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
    const auto c = m_currentConversation ? m_session->store()->conversation(m_currentConversation)
                                         : Result<std::optional<Conversation>>(std::nullopt);
    const bool conv = c && c.value();
    for (const char *n :
         {"actionMarkUnread", "actionPin", "actionArchive", "actionMute", "actionTags", "actionUserCard"})
        m_actions.value(QString::fromLatin1(n))->setEnabled(conv);
    m_actions.value(QStringLiteral("actionMarkRead"))->setEnabled(conv || m_currentContent);
    if (conv) {
        m_actions.value(QStringLiteral("actionPin"))->setText(c.value()->pinned ? tr("Unpin") : tr("Pin"));
        m_actions.value(QStringLiteral("actionArchive"))
            ->setText(c.value()->archived ? tr("Unarchive") : tr("Archive"));
        m_actions.value(QStringLiteral("actionMute"))
            ->setText(c.value()->isMuted(nowMs()) ? tr("Muted") : tr("Mute"));
    }
}

void MainWindow::fillMuteMenu()
{
    m_muteMenu->clear();
    const auto mute = [this](const QString &label, qint64 until) {
        m_muteMenu->addAction(label, this, [this, until] {
            command(QStringLiteral("mute"), {{QStringLiteral("conversation_id"), m_currentConversation},
                                             {QStringLiteral("until"), until}});
        });
    };
    mute(tr("For 1 hour"), nowMs() + 3600LL * 1000);
    mute(tr("For 8 hours"), nowMs() + 8 * 3600LL * 1000);
    mute(tr("For 1 day"), nowMs() + 24 * 3600LL * 1000);
    mute(tr("Until I unmute"), -1);
    m_muteMenu->addSeparator();
    m_muteMenu->addAction(tr("Unmute"), this, [this] {
        command(QStringLiteral("unmute"), {{QStringLiteral("conversation_id"), m_currentConversation}});
    });
}

void MainWindow::fillTagsMenu()
{
    m_tagsMenu->clear();
    const auto c = m_session->store()->conversation(m_currentConversation);
    const QList<qint64> has = c && c.value() ? c.value()->tagIds : QList<qint64>();
    const auto tags = m_session->store()->tags();
    if (tags) {
        for (const Tag &t : *tags) {
            QAction *a = m_tagsMenu->addAction(t.name);
            a->setCheckable(true);
            a->setChecked(has.contains(t.id));
            if (!t.color.isEmpty()) {
                QPixmap dot(12, 12);
                dot.fill(QColor(t.color));
                a->setIcon(QIcon(dot));
            }
            connect(a, &QAction::toggled, this, [this, id = t.id](bool on) {
                command(on ? QStringLiteral("tag") : QStringLiteral("untag"),
                        {{QStringLiteral("conversation_id"), m_currentConversation},
                         {QStringLiteral("tag_id"), id}});
            });
        }
        m_tagsMenu->addSeparator();
    }
    m_tagsMenu->addAction(tr("New tag…"), this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("New tag"), tr("Tag name:"), QLineEdit::Normal, QString(), &ok);
        if (!ok || name.trimmed().isEmpty())
            return;
        const QColor color = QColorDialog::getColor(QColor(0xe0, 0x53, 0x3d), this, tr("Tag colour"));
        const qint64 conversation = m_currentConversation;
        QPointer<MainWindow> self(this);
        m_session->link()->command(
            QStringLiteral("create_tag"),
            {{QStringLiteral("name"), name.trimmed()},
             {QStringLiteral("color"), color.isValid() ? color.name() : QString()}},
            [self, conversation](const Result<QJsonObject> &r) {
                if (!self)
                    return;
                if (!r) {
                    QMessageBox::warning(self, tr("New tag"), r.error().message);
                    return;
                }
                if (conversation)
                    self->command(QStringLiteral("tag"),
                                  {{QStringLiteral("conversation_id"), conversation},
                                   {QStringLiteral("tag_id"), r->value(QStringLiteral("tag_id"))}});
                self->rebuildSidebar();
            });
    });
}

void MainWindow::showConversationMenu(const QPoint &pos)
{
    const QModelIndex i = m_conversationView->indexAt(pos);
    if (!i.isValid())
        return;
    m_conversationView->setCurrentIndex(i);
    QMenu menu(this);
    for (const char *n : {"actionMarkRead", "actionMarkUnread", "actionPin", "actionArchive", "actionMute",
                          "actionTags", "actionUserCard"})
        menu.addAction(m_actions.value(QString::fromLatin1(n)));
    menu.exec(m_conversationView->viewport()->mapToGlobal(pos));
}

void MainWindow::showThreadMenu(const QPoint &pos)
{
    const QModelIndex i = m_threadView->indexAt(pos);
    if (!i.isValid())
        return;
    m_threadView->setCurrentIndex(i);
    QMenu menu(this);
    menu.addAction(m_actions.value(QStringLiteral("actionCopy")));
    if (i.data(ThreadModel::DeliveryRole).toInt() == int(Delivery::Failed))
        menu.addAction(m_actions.value(QStringLiteral("actionRetry")));
    menu.exec(m_threadView->viewport()->mapToGlobal(pos));
}

void MainWindow::moveSelection(int delta)
{
    QListView *view = m_listStack->currentWidget() == m_contentView ? m_contentView : m_conversationView;
    const int rows = view->model()->rowCount();
    if (rows == 0)
        return;
    const int row = qBound(0, view->currentIndex().row() + delta, rows - 1);
    view->setCurrentIndex(view->model()->index(row, 0));
}

void MainWindow::nextUnread()
{
    const int start = m_conversationView->currentIndex().row();
    const int rows = m_conversations->rowCount();
    for (int k = 1; k <= rows; ++k) {
        const QModelIndex i = m_conversations->index((start + k) % rows);
        if (i.data(ConversationListModel::UnreadRole).toLongLong() > 0) {
            m_listStack->setCurrentWidget(m_conversationView);
            m_conversationView->setCurrentIndex(i);
            return;
        }
    }
    statusBar()->showMessage(tr("No unread conversation in this view."), 4000);
}

void MainWindow::showUserCard()
{
    const auto c = m_session->store()->conversation(m_currentConversation);
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
    const auto accounts = m_session->store()->accounts();
    if (convs) {
        for (const Conversation &conv : convs->conversations) {
            QString accountName;
            if (accounts) {
                for (const Account &a : *accounts) {
                    if (a.id == conv.accountId)
                        accountName = a.name;
                }
            }
            auto *item =
                new QListWidgetItem(QStringLiteral("%1 — %2").arg(accountName, conv.lastPreview), list);
            item->setData(Qt::UserRole, conv.id);
        }
    }
    connect(list, &QListWidget::itemActivated, &dialog, [this, &dialog](QListWidgetItem *item) {
        dialog.accept();
        selectView(QStringLiteral("all"));
        openConversation(item->data(Qt::UserRole).toLongLong());
    });
    layout->addWidget(list);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(box);
    dialog.resize(420, 480);
    dialog.exec();
}

void MainWindow::pollStatus()
{
    const QList<worker::ConnectorStatus> connectors = m_session->connectors();
    QStringList parts;
    for (const worker::ConnectorStatus &s : connectors) {
        QString state;
        switch (s.state) {
        case worker::ConnectorStatus::State::Running:
            state = s.loggedIn ? tr("running, logged in") : tr("running");
            break;
        case worker::ConnectorStatus::State::Starting:
            state = tr("starting");
            break;
        case worker::ConnectorStatus::State::Backoff:
            state = tr("restarting after an error");
            break;
        case worker::ConnectorStatus::State::Failed:
            state = tr("failed: %1").arg(s.lastError);
            break;
        case worker::ConnectorStatus::State::Stopped:
            state = tr("stopped");
            break;
        }
        QString part = tr("%1: %2").arg(s.id, state);
        if (s.lastSyncMs > 0)
            part += tr(", last sync %1")
                        .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.lastSyncMs).time(),
                                                QLocale::ShortFormat));
        parts << part;
    }
    m_statusMaster->setText(m_session->isRunning() ? tr("Master: running") : tr("Master: stopped"));
    const QString url = m_session->workerUrl();
    if (!url.isEmpty())
        parts << tr("workers connect to %1").arg(url);
    m_statusConnectors->setText(parts.isEmpty() ? tr("No connector running")
                                                : parts.join(QStringLiteral("  ·  ")));
    QPointer<MainWindow> self(this);
    m_session->link()->command(QStringLiteral("status"), {}, [self](const Result<QJsonObject> &r) {
        if (self && r)
            self->m_statusRate->setText(
                tr("%1 msgs/s")
                    .arg(QLocale().toString(r->value(QStringLiteral("ingest_per_s")).toDouble(), 'f', 1)));
    });
}

void MainWindow::showWelcomeIfEmpty()
{
    const auto accounts = m_session->store()->accounts();
    const bool empty = accounts && accounts->isEmpty();
    m_central->setCurrentIndex(empty ? 0 : 1);
    if (empty && m_session->demoRunning())
        m_welcomeText->setText(tr("The demo connector is starting; the inbox appears in a moment."));
}

void MainWindow::connectExternalWorker()
{
    const auto url = m_session->enableExternalWorkers();
    if (!url) {
        QMessageBox::warning(this, tr("Connect an external worker"), url.error().message);
        return;
    }
    const QString token = m_session->workerToken();
    m_workerInfo->setText(tr("Workers connect to %1 with the worker token:\n%2\nSee docs/protocol.md for the "
                             "messages a worker sends.")
                              .arg(*url, token));
    QMessageBox box(this);
    box.setObjectName(QStringLiteral("workerInfoBox"));
    box.setWindowTitle(tr("Connect an external worker"));
    box.setText(
        tr("External workers (for example browser-automation crawlers) connect to this computer at:"));
    box.setInformativeText(QStringLiteral("%1\n%2: %3").arg(*url, tr("Worker token"), token));
    QPushButton *copy = box.addButton(tr("Copy URL and token"), QMessageBox::ActionRole);
    box.addButton(QMessageBox::Close);
    box.exec();
    if (box.clickedButton() == copy)
        QGuiApplication::clipboard()->setText(QStringLiteral("%1\n%2").arg(*url, token));
    pollStatus();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, this);
    dialog.exec();
}

} // namespace hiscrm::ui
