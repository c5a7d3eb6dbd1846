// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/thread/ThreadPane.h"

#include "ui/common/ElidedLabel.h"
#include "ui/common/Icons.h"
#include "ui/settings/Settings.h"
#include "ui/thread/Composer.h"
#include "ui/thread/MessageDelegate.h"
#include "ui/thread/ThreadModel.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace hiscrm::ui {

ThreadPane::ThreadPane(ThreadModel *thread, Settings *settings, const QList<QAction *> &toolbarActions,
                       QWidget *parent)
    : QWidget(parent)
    , m_thread(thread)
{
    setObjectName(QStringLiteral("threadPane"));
    auto *tl = new QVBoxLayout(this);
    // Room on the right, so the composer's buttons never touch the window's edge.
    const int edge = style()->pixelMetric(QStyle::PM_LayoutRightMargin);
    tl->setContentsMargins(0, 0, edge, edge / 2);
    tl->addWidget(buildHeader(toolbarActions));
    buildMessages();
    tl->addWidget(m_view, 1);
    m_replyTarget = new QLabel;
    m_replyTarget->setObjectName(QStringLiteral("replyTarget"));
    m_replyTarget->setForegroundRole(QPalette::PlaceholderText);
    m_replyTarget->setTextFormat(Qt::PlainText);
    m_replyTarget->hide();
    tl->addWidget(m_replyTarget);
    tl->addLayout(buildComposerRow(settings));
    retranslateUi();
    applyFonts();
}

QWidget *ThreadPane::buildHeader(const QList<QAction *> &toolbarActions)
{
    auto *headerWidget = new QWidget;
    auto *header = new QHBoxLayout(headerWidget);
    header->setContentsMargins(0, 0, 0, 0);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    m_title = new ElidedLabel;
    m_title->setObjectName(QStringLiteral("threadTitle"));
    m_subtitle = new ElidedLabel;
    m_subtitle->setObjectName(QStringLiteral("threadSubtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_tags = new TagChipsLabel;
    m_tags->setObjectName(QStringLiteral("threadTags"));
    m_tags->hide();
    auto *subtitleRow = new QHBoxLayout;
    subtitleRow->addWidget(m_subtitle, 1);
    subtitleRow->addWidget(m_tags);
    titles->addWidget(m_title);
    titles->addLayout(subtitleRow);
    header->addLayout(titles, 1);
    // One fixed set of icon buttons (tooltips name them with their keys): the same in every chat
    // and in both languages, so nothing hides behind an overflow arrow or shifts between chats.
    m_toolbar = new QToolBar;
    m_toolbar->setObjectName(QStringLiteral("threadToolbar"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    for (QAction *a : toolbarActions)
        m_toolbar->addAction(a);
    for (QToolButton *b : m_toolbar->findChildren<QToolButton *>()) {
        if (b->defaultAction() && b->defaultAction()->menu())
            b->setPopupMode(QToolButton::InstantPopup);
    }
    // Never squeezed into an overflow menu: the titles give way instead.
    m_toolbar->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    header->addWidget(m_toolbar);
    return headerWidget;
}

void ThreadPane::buildMessages()
{
    m_view = new QListView;
    m_view->setObjectName(QStringLiteral("threadView"));
    m_view->setModel(m_thread);
    auto *messages = new MessageDelegate(m_view);
    connect(messages, &MessageDelegate::retryRequested, this, &ThreadPane::retryRequested);
    m_view->setItemDelegate(messages);
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(false);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ThreadPane::currentItemChanged);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &ThreadPane::onScrolled);
    // A thread shown at its end stays there when the view's height changes under it (a video's
    // reply line appears below it, the window is resized) or its rows are laid out again: the
    // newest message stays whole on screen, and what arrives is seen and read.
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_followEnd)
            m_view->verticalScrollBar()->setValue(max);
    });
    // Another thread: where to show it is the opener's choice (scrollToEnd, or an item).
    connect(m_thread, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_followEnd = false; });
    m_jumpToUnread = new QToolButton(m_view);
    m_jumpToUnread->setObjectName(QStringLiteral("jumpToUnreadButton"));
    m_jumpToUnread->setIcon(icon(Glyph::JumpUp));
    m_jumpToUnread->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_jumpToUnread->setCursor(Qt::PointingHandCursor);
    m_jumpToUnread->setFocusPolicy(Qt::NoFocus);
    m_jumpToUnread->hide();
    connect(m_jumpToUnread, &QToolButton::clicked, this, [this] {
        const int row = m_thread->rowOf(m_thread->newMarker());
        if (row >= 0)
            m_view->scrollTo(m_thread->index(row), QAbstractItemView::PositionAtTop);
        m_jumpToUnread->hide();
    });
}

QLayout *ThreadPane::buildComposerRow(Settings *settings)
{
    auto *composerRow = new QHBoxLayout;
    m_composer = new Composer;
    m_composer->setQuickReplies(settings->quickReplies());
    m_composer->setEnabled(false);
    connect(settings, &Settings::changed, this, [this, settings](Settings::Key key) {
        if (key == Settings::Key::QuickReplies)
            m_composer->setQuickReplies(settings->quickReplies());
    });
    connect(m_composer, &Composer::sendRequested, this, &ThreadPane::sendRequested);
    connect(m_composer, &QPlainTextEdit::textChanged, this, [this] {
        updateLength();
        emit replyEdited();
    });
    m_quickReplies = new QToolButton;
    m_quickReplies->setObjectName(QStringLiteral("quickReplyButton"));
    m_quickReplies->setPopupMode(QToolButton::InstantPopup);
    m_quickReplies->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_quickReplies->setIcon(icon(Glyph::QuickReply));
    auto *quickMenu = new QMenu(m_quickReplies);
    connect(quickMenu, &QMenu::aboutToShow, this, [this, quickMenu, settings] {
        quickMenu->clear();
        const QStringList replies = settings->quickReplies();
        for (const QString &q : replies) {
            const QString shown = q.size() > 60 ? q.left(59) + QChar(0x2026) : q;
            quickMenu->addAction(shown, this, [this, q] {
                m_composer->insertPlainText(q);
                m_composer->setFocus(Qt::OtherFocusReason);
            });
        }
        if (replies.isEmpty())
            quickMenu->addAction(tr("No quick replies yet"))->setEnabled(false);
        quickMenu->addSeparator();
        QAction *edit =
            quickMenu->addAction(tr("Edit quick replies…"), this, &ThreadPane::editQuickRepliesRequested);
        edit->setObjectName(QStringLiteral("editQuickRepliesAction"));
    });
    m_quickReplies->setMenu(quickMenu);
    m_lengthLabel = new QLabel;
    m_lengthLabel->setObjectName(QStringLiteral("lengthLabel"));
    m_lengthLabel->setAlignment(Qt::AlignCenter);
    m_sendButton = new QPushButton;
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setIcon(icon(Glyph::Send));
    m_sendButton->setEnabled(false);
    connect(m_sendButton, &QPushButton::clicked, this, &ThreadPane::sendRequested);
    auto *side = new QVBoxLayout;
    auto *sideTop = new QHBoxLayout;
    sideTop->addWidget(m_quickReplies);
    sideTop->addWidget(m_lengthLabel, 1);
    side->addLayout(sideTop);
    side->addStretch(1);
    side->addWidget(m_sendButton);
    composerRow->addWidget(m_composer, 1);
    composerRow->addLayout(side);
    return composerRow;
}

void ThreadPane::retranslateUi()
{
    m_view->setAccessibleName(tr("Messages"));
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
}

void ThreadPane::applyFonts()
{
    // The few widgets with a font of their own follow the application's (the text size setting).
    const QFont base = QApplication::font();
    QFont title = base;
    title.setBold(true);
    title.setPointSizeF(base.pointSizeF() * 1.15);
    m_title->setFont(title);
    m_composer->setMaximumHeight(QFontMetrics(base).lineSpacing() * 5 + 2 * m_composer->frameWidth() +
                                 int(m_composer->document()->documentMargin() * 2));
    const int iconSize = qMax(20, QFontMetrics(base).height() + 4);
    m_toolbar->setIconSize(QSize(iconSize, iconSize));
}

void ThreadPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_composer)
        retranslateUi();
    if (event->type() == QEvent::FontChange && m_composer)
        applyFonts();
    QWidget::changeEvent(event);
}

QString ThreadPane::title() const
{
    return m_title->text();
}

void ThreadPane::setHeader(const QString &title, const QString &subtitle, const QList<TagChip> &tags)
{
    m_title->setText(title);
    m_subtitle->setText(subtitle);
    m_tags->setTags(tags);
}

void ThreadPane::setReplyTarget(const QString &text)
{
    m_replyTarget->setText(text);
    m_replyTarget->setVisible(!text.isEmpty());
}

void ThreadPane::setReplyLimit(int limit, bool threadOpen)
{
    m_limit = limit;
    m_threadOpen = threadOpen;
    updateLength();
}

void ThreadPane::updateLength()
{
    const int n = int(m_composer->toPlainText().trimmed().size());
    m_lengthLabel->setText(QStringLiteral("%1/%2").arg(n).arg(m_limit));
    m_lengthLabel->setForegroundRole(n > m_limit ? QPalette::Highlight : QPalette::PlaceholderText);
    m_sendButton->setEnabled(n > 0 && n <= m_limit && m_threadOpen);
}

qint64 ThreadPane::selectedInbound() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() && !i.data(ThreadModel::OutgoingRole).toBool()
               ? i.data(ThreadModel::IdRole).toLongLong()
               : 0;
}

void ThreadPane::selectItem(qint64 itemId)
{
    const int row = m_thread->rowOf(itemId);
    if (row >= 0)
        m_view->setCurrentIndex(m_thread->index(row));
}

void ThreadPane::scrollToEnd()
{
    // A window into history first becomes the newest page: the end is the thread's end.
    if (m_thread->canLoadNewer())
        m_thread->setThread(m_thread->kind(), m_thread->threadId());
    m_followEnd = true;
    m_view->scrollToBottom();
}

bool ThreadPane::atEnd() const
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    return bar->value() >= bar->maximum() - kEndSlack;
}

void ThreadPane::onScrolled(int value)
{
    QScrollBar *bar = m_view->verticalScrollBar();
    if (value == bar->minimum() && m_thread->canLoadOlder()) {
        // Older messages load as the operator scrolls up; the view stays on what they read.
        const QModelIndex top = m_view->indexAt(QPoint(4, 4));
        const qint64 anchor = top.data(ThreadModel::IdRole).toLongLong();
        m_thread->loadOlder();
        const int row = m_thread->rowOf(anchor);
        if (row >= 0)
            m_view->scrollTo(m_thread->index(row), QAbstractItemView::PositionAtTop);
    }
    // Opened at an old message, the thread reads on downwards: the next messages load below what
    // shows as the operator reaches the bottom, and the view stays where it is.
    // Laid out at once, so that the range, and with it "at the end", counts the new rows.
    if (value == bar->maximum() && bar->maximum() > 0 && m_thread->canLoadNewer()) {
        m_followEnd = false;
        if (m_thread->loadNewer() > 0)
            m_view->doItemsLayout();
    }
    m_followEnd = value >= bar->maximum() - kEndSlack && !m_thread->canLoadNewer();
    if (value == bar->maximum())
        emit scrolledToEnd();
    updateJumpToUnread();
}

void ThreadPane::updateJumpToUnread()
{
    const int row = m_thread->rowOf(m_thread->newMarker());
    bool above = false;
    if (row >= 0) {
        const QRect r = m_view->visualRect(m_thread->index(row));
        above = r.bottom() < 0;
    }
    if (above) {
        m_jumpToUnread->adjustSize();
        const int margin = fontMetrics().height() / 2;
        m_jumpToUnread->move((m_view->width() - m_jumpToUnread->width()) / 2, margin);
        m_jumpToUnread->raise();
    }
    m_jumpToUnread->setVisible(above);
}

} // namespace hiscrm::ui
