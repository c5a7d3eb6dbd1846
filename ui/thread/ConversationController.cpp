// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/thread/ConversationController.h"

#include "common/Clock.h"
#include "ui/app/AppSession.h"
#include "ui/common/Icons.h"
#include "ui/inbox/ContentListModel.h"
#include "ui/inbox/ConversationListModel.h"
#include "ui/thread/Composer.h"
#include "ui/thread/DraftStore.h"
#include "ui/thread/TagDialog.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadPane.h"
#include "ui/thread/UserCardDialog.h"
#include "ui/window/WindowActions.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

namespace hiscrm::ui {

using namespace model;

namespace {

// When a timed mute ends, as briefly as it can be said: the time when it is today, else the date
// and time.
QString muteEnd(qint64 untilMs)
{
    const QDateTime until = QDateTime::fromMSecsSinceEpoch(untilMs);
    const QLocale locale;
    return until.date() == QDate::currentDate() ? locale.toString(until.time(), QLocale::ShortFormat)
                                                : locale.toString(until, QLocale::ShortFormat);
}

} // namespace

ConversationController::ConversationController(const Parts &parts, QWidget *window)
    : QObject(window)
    , m_session(parts.session)
    , m_drafts(parts.drafts)
    , m_conversations(parts.conversations)
    , m_contents(parts.contents)
    , m_thread(parts.thread)
    , m_pane(parts.pane)
    , m_actions(parts.actions)
    , m_window(window)
{
    m_muteEnds.setSingleShot(true);
    connect(&m_muteEnds, &QTimer::timeout, this, [this] {
        updateHeader();
        updateActions();
    });
    connectActions();
    connect(m_pane, &ThreadPane::sendRequested, this, &ConversationController::sendReply);
    connect(m_pane, &ThreadPane::retryRequested, this, &ConversationController::retryReply);
    connect(m_pane, &ThreadPane::scrolledToEnd, this, [this] { maybeMarkRead(); });
    connect(m_pane, &ThreadPane::replyEdited, this, [this] {
        if (!m_loadingDraft)
            saveDraft();
    });
    connect(m_pane, &ThreadPane::currentItemChanged, this, [this] {
        // Under a video, the selected comment is the one a reply answers: keep it with the draft.
        if (m_content)
            saveDraft();
        updateHeader();
    });
    connect(m_pane->view(), &QWidget::customContextMenuRequested, this,
            &ConversationController::showThreadMenu);
}

std::optional<Conversation> ConversationController::stored(qint64 conversationId) const
{
    const auto c = m_session->store()->conversation(conversationId);
    return c && c.value() ? c.value() : std::nullopt;
}

void ConversationController::connectActions()
{
    WindowActions &a = *m_actions;
    connect(a.markRead, &QAction::triggered, this, [this] {
        if (m_menuTarget == 0 && m_content)
            link()->markCommentsRead(m_content, reporting(tr("mark the comments read")));
        else if (const qint64 id = target())
            link()->markRead(id, reporting(markReadAction()));
    });
    connect(a.markUnread, &QAction::triggered, this, [this] {
        if (const qint64 id = target())
            link()->markUnread(id, reporting(tr("mark it unread")));
    });
    connect(a.pin, &QAction::triggered, this, [this] {
        if (const auto c = stored(target()))
            link()->pin(c->id, !c->pinned,
                        reporting(c->pinned ? tr("unpin the conversation") : tr("pin the conversation")));
    });
    // The chat stays open (and in the list) until the operator leaves it. One archived from its
    // context menu leaves the list at once, though the pointer holds the rest still.
    connect(a.archive, &QAction::triggered, this, [this] {
        if (const auto c = stored(target())) {
            if (c->id != m_conversation)
                m_conversations->letGo(c->id);
            link()->archive(
                c->id, !c->archived,
                reporting(c->archived ? tr("unarchive the conversation") : tr("archive the conversation")));
        }
    });
    // Triggered (the shortcut, or the menu entry) it toggles "muted until unmuted"; the toolbar
    // button and the context menu open the menu of durations.
    connect(a.mute, &QAction::triggered, this, [this] {
        const auto c = stored(target());
        if (!c)
            return;
        if (c->isMuted(nowMs()))
            link()->unmute(c->id, reporting(tr("unmute the conversation")));
        else
            link()->mute(c->id, -1, reporting(tr("mute the conversation")));
    });
    connect(a.muteMenu, &QMenu::aboutToShow, this, [this] { fillMuteMenu(m_actions->muteMenu, target()); });
    connect(a.tagsMenu, &QMenu::aboutToShow, this, [this] { fillTagsMenu(m_actions->tagsMenu, target()); });
    connect(a.copy, &QAction::triggered, this, [this] {
        const QModelIndex i = m_pane->view()->currentIndex();
        if (i.isValid())
            QGuiApplication::clipboard()->setText(i.data(ThreadModel::TextRole).toString());
    });
    connect(a.userCard, &QAction::triggered, this, [this] { showUserCard(target()); });
    connect(a.retry, &QAction::triggered, this, [this] {
        const QModelIndex i = m_pane->view()->currentIndex();
        if (i.isValid())
            retryReply(i.data(ThreadModel::IdRole).toLongLong());
    });
    connect(a.focusComposer, &QAction::triggered, this, [this] {
        if (m_pane->composer()->isEnabled())
            m_pane->composer()->setFocus(Qt::ShortcutFocusReason);
    });
}

void ConversationController::setMenuTarget(qint64 conversationId)
{
    m_menuTarget = conversationId;
    updateActions();
}

void ConversationController::open(ItemKind kind, qint64 threadId, qint64 itemId)
{
    const bool same = kind == ItemKind::Message ? m_conversation == threadId : m_content == threadId;
    if (!same || itemId)
        show(kind, threadId, itemId);
}

void ConversationController::show(ItemKind kind, qint64 threadId, qint64 itemId)
{
    const bool switching = (kind == ItemKind::Message ? m_conversation : m_content) != threadId ||
                           (kind == ItemKind::Message ? m_content : m_conversation) != 0;
    if (switching)
        saveDraft(); // the thread being left keeps what was typed for it
    m_conversation = kind == ItemKind::Message ? threadId : 0;
    m_content = kind == ItemKind::Comment ? threadId : 0;
    // The open chat stays in its list until the operator leaves it.
    m_conversations->setOpenId(m_conversation);
    m_contents->setOpenId(m_content);

    // Where the operator stopped reading, for the "New messages" line.
    qint64 readUpTo = 0;
    if (kind == ItemKind::Message) {
        if (const auto c = stored(threadId))
            readUpTo = c->markedUnread ? qMin(c->readUpTo, c->lastItemId - 1) : c->readUpTo;
    }
    QListView *view = m_pane->view();
    if (itemId && m_thread->setThreadAround(itemId)) {
        const int row = m_thread->rowOf(itemId);
        view->setCurrentIndex(m_thread->index(row));
        view->scrollTo(m_thread->index(row), QAbstractItemView::PositionAtCenter);
    } else {
        m_thread->setThread(kind, threadId);
        if (switching || m_thread->newMarker() == 0)
            m_thread->setNewMarker(m_thread->firstUnreadId(readUpTo));
        m_pane->scrollToEnd();
    }
    if (switching) {
        m_pane->composer()->setEnabled(true);
        restoreDraft();
    }
    updateHeader();
    m_pane->setReplyLimit(replyLimit(), true);
    updateActions();
    maybeMarkRead(true);
    // After the view has laid the rows out: is the first unread above what shows?
    QTimer::singleShot(0, m_pane, &ThreadPane::updateJumpToUnread);
}

void ConversationController::refresh(const master::ChangeNotice &notice)
{
    const bool touched = (m_conversation && notice.conversationIds.contains(m_conversation)) ||
                         (m_content && notice.contentIds.contains(m_content));
    if (!touched)
        return;
    const bool atEnd = m_pane->atEnd();
    m_thread->refresh();
    if (atEnd && !m_thread->canLoadNewer())
        m_pane->scrollToEnd();
    maybeMarkRead();
    updateHeader();
}

void ConversationController::updateHeader()
{
    m_muteEnds.stop();
    if (!m_conversation && !m_content) {
        m_pane->setHeader(tr("No conversation selected"),
                          tr("Pick a chat, or press %1 to search.")
                              .arg(m_actions->search->shortcut().toString(QKeySequence::NativeText)),
                          {});
        m_pane->setReplyTarget(QString());
        return;
    }
    const store::StoreReader *store = m_session->store();
    if (m_conversation) {
        const auto conv = stored(m_conversation);
        if (!conv)
            return;
        QString title;
        if (const auto peer = store->user(conv->peerUserId); peer && peer.value())
            title = peer.value()->name.isEmpty() ? peer.value()->platformId : peer.value()->name;
        QString account;
        if (const auto a = store->account(conv->accountId); a && a.value())
            account = a.value()->name.isEmpty() ? a.value()->platformId : a.value()->name;
        QStringList parts{tr("Direct messages · %1").arg(account)};
        if (conv->archived)
            parts << tr("archived");
        if (conv->isMuted(nowMs()) && conv->mutedUntil != kMutedForever) {
            constexpr qint64 kDayMs = 24 * 3600 * 1000; // a longer mute: looked at again in a day
            m_muteEnds.start(int(qBound<qint64>(0, conv->mutedUntil - nowMs() + 1, kDayMs)));
        }
        if (conv->isMuted(nowMs()))
            parts << (conv->mutedUntil == kMutedForever
                          ? tr("muted")
                          : tr("muted until %1").arg(muteEnd(conv->mutedUntil)));
        QList<TagChip> chips;
        if (const auto tags = store->tags()) {
            for (const Tag &t : *tags) {
                if (conv->tagIds.contains(t.id))
                    chips.append(TagChip{t.id, t.name, QColor(t.color)});
            }
        }
        m_pane->setHeader(title.isEmpty() ? conv->platformId : title, parts.join(QStringLiteral(" · ")),
                          chips);
        m_pane->setReplyTarget(QString());
        return;
    }
    const auto content = store->content(m_content);
    m_pane->setHeader(content && content.value() ? content.value()->title : QString(),
                      tr("Comments on your video"), {});
    // Whom a reply under a video answers: the selected comment, else the video itself.
    const QModelIndex i = m_pane->view()->currentIndex();
    const bool toComment = i.isValid() && !i.data(ThreadModel::OutgoingRole).toBool();
    m_pane->setReplyTarget(toComment
                               ? tr("Replying to %1: “%2”")
                                     .arg(i.data(ThreadModel::SenderNameRole).toString(),
                                          i.data(ThreadModel::TextRole).toString().simplified().left(40))
                               : tr("Replying to the video; select a comment to answer it."));
}

void ConversationController::saveDraft()
{
    if (m_loadingDraft)
        return;
    const QString text = m_pane->composer()->toPlainText();
    if (m_conversation)
        m_drafts->setDraft(ItemKind::Message, m_conversation, text);
    else if (m_content)
        m_drafts->setDraft(ItemKind::Comment, m_content, text, m_pane->selectedInbound());
}

void ConversationController::restoreDraft()
{
    const ItemKind kind = m_conversation ? ItemKind::Message : ItemKind::Comment;
    const DraftStore::Draft d = m_drafts->draft(kind, m_conversation ? m_conversation : m_content);
    m_loadingDraft = true;
    m_pane->composer()->setPlainText(d.text);
    m_pane->composer()->moveCursor(QTextCursor::End);
    if (kind == ItemKind::Comment && d.replyTo)
        m_pane->selectItem(d.replyTo);
    m_loadingDraft = false;
}

void ConversationController::maybeMarkRead(bool opening)
{
    // Reading means: this thread is open, in the active window, scrolled to its end. A jump into
    // history does not read. While it stays open, only new inbound messages are read: a chat the
    // operator marked unread by hand stays unread until they open it again.
    if (!m_window->isActiveWindow() || !m_window->isVisible() || !m_inboxShown)
        return;
    if (!m_pane->atEnd() || m_thread->canLoadNewer())
        return;
    if (m_conversation) {
        const auto c = stored(m_conversation);
        if (c && (opening ? c->unreadBadge() : c->unreadCount) > 0)
            link()->markRead(m_conversation, reporting(markReadAction()));
    } else if (m_content) {
        const auto c = m_session->store()->content(m_content);
        if (c && c.value() && c.value()->unreadComments > 0)
            link()->markCommentsRead(m_content, reporting(tr("mark the comments read")));
    }
}

int ConversationController::replyLimit() const
{
    // Platforms cap a DM or comment; the demo platform uses a typical 500.
    return m_content ? 300 : 500;
}

void ConversationController::sendReply()
{
    Composer *composer = m_pane->composer();
    const QString text = composer->toPlainText().trimmed();
    if (text.isEmpty() || (!m_conversation && !m_content))
        return;
    if (text.size() > replyLimit()) {
        emit statusMessage(tr("The reply is %1 characters long; the platform takes at most %2. Shorten it "
                              "and send again.")
                               .arg(text.size())
                               .arg(replyLimit()),
                           8000);
        return;
    }
    const auto to = m_conversation
                        ? master::MasterLink::ReplyTarget::conversation(m_conversation)
                        : master::MasterLink::ReplyTarget::content(m_content, m_pane->selectedInbound());
    // The reply is on its way: the draft is done with, for this thread only.
    composer->clear();
    if (m_conversation)
        m_drafts->clear(ItemKind::Message, m_conversation);
    else
        m_drafts->clear(ItemKind::Comment, m_content);
    link()->reply(to, text, reporting(tr("send the reply")));
    m_pane->scrollToEnd();
}

void ConversationController::retryReply(qint64 itemId)
{
    const auto it = m_session->store()->item(itemId);
    if (!it || !it.value() || it.value()->delivery != Delivery::Failed)
        return;
    link()->retryReply(itemId, reporting(tr("retry the reply")));
    emit statusMessage(tr("Sending the reply again…"), 4000);
}

master::MasterLink *ConversationController::link() const
{
    return m_session->link();
}

master::MasterLink::Done ConversationController::reporting(const QString &what)
{
    QPointer<ConversationController> self(this);
    return [self, what](const Result<QJsonObject> &r) {
        if (!self)
            return;
        if (!r) {
            emit self->statusMessage(tr("Could not %1: %2").arg(what, r.error().message), 8000);
            return;
        }
        // Team mode, offline: kept in the outbox, its effect shown already.
        if (r->value(QStringLiteral("queued")).toBool() &&
            self->m_session->syncState() != sync::SyncEngine::State::Live)
            emit self->statusMessage(
                tr("Done on this desktop; it goes to the team master when the connection "
                   "is back."),
                5000);
        emit self->commandDone();
    };
}

void ConversationController::updateActions()
{
    // Every action is enabled only where it would do something, for the chat it acts on (the
    // open one, or the row of an open context menu).
    const auto c = target() ? stored(target()) : std::nullopt;
    const bool conv = c.has_value();
    const bool contentOpen = m_menuTarget == 0 && m_content != 0;
    qint64 unreadComments = 0;
    if (contentOpen) {
        if (const auto content = m_session->store()->content(m_content); content && content.value())
            unreadComments = content.value()->unreadComments;
    }
    WindowActions &a = *m_actions;
    for (QAction *action : {a.pin, a.archive, a.mute, a.tags, a.userCard})
        action->setEnabled(conv);
    a.markRead->setEnabled(conv ? c->unreadBadge() > 0 : unreadComments > 0);
    a.markUnread->setEnabled(conv && c->unreadBadge() == 0);
    a.find->setEnabled(m_conversation != 0);
    a.focusComposer->setEnabled(m_conversation || m_content);

    const auto toggle = [](QAction *action, bool on, const QString &onText, const QString &offText,
                           Glyph onGlyph, Glyph offGlyph) {
        WindowActions::setText(action, on ? onText : offText);
        action->setIcon(icon(on ? onGlyph : offGlyph));
    };
    const Conversation state = conv ? *c : Conversation();
    toggle(a.pin, state.pinned, tr("Unpin"), tr("Pin"), Glyph::Unpin, Glyph::Pin);
    toggle(a.archive, state.archived, tr("Unarchive"), tr("Archive"), Glyph::Unarchive, Glyph::Archive);
    toggle(a.mute, state.isMuted(nowMs()), tr("Unmute"), tr("Mute"), Glyph::Unmute, Glyph::Mute);
    toggle(a.userCard, false, QString(), tr("User card"), Glyph::UserCard, Glyph::UserCard);
    toggle(a.markRead, false, QString(), tr("Mark read"), Glyph::MarkRead, Glyph::MarkRead);
    toggle(a.markUnread, false, QString(), tr("Mark unread"), Glyph::MarkUnread, Glyph::MarkUnread);
}

void ConversationController::fillMuteMenu(QMenu *menu, qint64 conversationId)
{
    menu->clear();
    const auto c = stored(conversationId);
    if (!c)
        return;
    if (c->isMuted(nowMs())) {
        const qint64 until = c->mutedUntil;
        menu->addAction(until == kMutedForever ? tr("Muted until you unmute it")
                                               : tr("Muted until %1").arg(muteEnd(until)))
            ->setEnabled(false);
        menu->addAction(icon(Glyph::Unmute), tr("Unmute"), this, [this, conversationId] {
            link()->unmute(conversationId, reporting(tr("unmute the conversation")));
        });
        return;
    }
    const auto mute = [this, menu, conversationId](const QString &label, qint64 forMs) {
        menu->addAction(label, this, [this, conversationId, forMs] {
            link()->mute(conversationId, forMs < 0 ? -1 : nowMs() + forMs,
                         reporting(tr("mute the conversation")));
        });
    };
    mute(tr("For 1 hour"), 3600LL * 1000);
    mute(tr("For 8 hours"), 8 * 3600LL * 1000);
    mute(tr("For 1 day"), 24 * 3600LL * 1000);
    mute(tr("Until I unmute"), -1);
}

void ConversationController::fillTagsMenu(QMenu *menu, qint64 conversationId)
{
    menu->clear();
    const auto c = stored(conversationId);
    const QList<qint64> has = c ? c->tagIds : QList<qint64>();
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
                if (on)
                    link()->tag(conversationId, id, reporting(tr("add the tag")));
                else
                    link()->untag(conversationId, id, reporting(tr("remove the tag")));
            });
        }
        if (!tags->isEmpty())
            menu->addSeparator();
    }
    menu->addAction(tr("New tag…"), this, [this, conversationId] { newTag(conversationId); });
}

void ConversationController::newTag(qint64 conversationId)
{
    QStringList names;
    if (const auto tags = m_session->store()->tags()) {
        for (const Tag &t : *tags)
            names << t.name;
    }
    TagDialog dialog(names, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return; // Cancel creates nothing
    QPointer<ConversationController> self(this);
    link()->createTag(
        dialog.name(), dialog.color().name(), [self, conversationId](const Result<QJsonObject> &r) {
            if (!self)
                return;
            if (!r) {
                QMessageBox::warning(self->m_window, tr("New tag"),
                                     tr("Could not %1: %2").arg(tr("create the tag"), r.error().message));
                return;
            }
            if (conversationId)
                self->link()->tag(conversationId, r->value(QStringLiteral("tag_id")).toInteger(),
                                  self->reporting(tr("add the tag")));
            emit self->tagsChanged();
        });
}

void ConversationController::showUserCard(qint64 conversationId)
{
    const auto dialog = UserCardDialog::forConversation(m_session->store(), conversationId, m_window);
    if (!dialog)
        return;
    dialog->exec();
    // Exactly the chat chosen, archived or not, in whatever view is shown: it joins the list.
    if (const qint64 chosen = dialog->chosen()) {
        m_window->activateWindow(); // back from the card, where the reply box is
        emit openRequested(chosen);
    } else if (dialog->searchSender()) {
        m_window->activateWindow();
        emit searchSenderRequested(dialog->userId(), dialog->userName());
    }
}

void ConversationController::showThreadMenu(const QPoint &pos)
{
    QListView *view = m_pane->view();
    const QModelIndex i = view->indexAt(pos);
    if (!i.isValid())
        return;
    view->setCurrentIndex(i);
    QMenu menu(m_window);
    menu.addAction(m_actions->copy);
    if (i.data(ThreadModel::DeliveryRole).toInt() == int(Delivery::Failed))
        menu.addAction(m_actions->retry);
    // A fan's message or comment: everything that person wrote, here and on every other account.
    const auto item = i.data(ThreadModel::ItemRole).value<Item>();
    if (item.direction == Direction::In && item.senderId != 0) {
        const QString name = i.data(ThreadModel::SenderNameRole).toString();
        menu.addSeparator();
        QAction *messages = menu.addAction(icon(Glyph::Search), tr("Messages from %1").arg(name));
        messages->setObjectName(QStringLiteral("searchSenderAction"));
        connect(messages, &QAction::triggered, this,
                [this, id = item.senderId, name] { emit searchSenderRequested(id, name); });
    }
    menu.exec(view->viewport()->mapToGlobal(pos));
}

} // namespace hiscrm::ui
