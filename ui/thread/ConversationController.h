// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Master.h"
#include "master/MasterLink.h"
#include "model/Model.h"

#include <QObject>
#include <QTimer>

class QMenu;
class QWidget;

namespace hiscrm::ui {

class AppSession;
class ContentListModel;
class ConversationListModel;
class DraftStore;
class ThreadModel;
class ThreadPane;
struct WindowActions;

// The current conversation (or video): which thread is open and what the operator does to it.
// One place for the rules of triage that concern the open thread: it opens only when asked
// (open()), it stays in its list until another opens, it is read only while open in the active
// window and scrolled to its end, and each thread keeps its own draft. Every change goes to the
// master as a command through the session's link; a failure becomes a status message.
class ConversationController final : public QObject
{
    Q_OBJECT

public:
    struct Parts
    {
        AppSession *session;
        DraftStore *drafts;
        ConversationListModel *conversations;
        ContentListModel *contents;
        ThreadModel *thread;
        ThreadPane *pane;
        WindowActions *actions;
    };
    // `window` is the one whose activity counts for reading, and the parent of dialogs and menus.
    ConversationController(const Parts &parts, QWidget *window);

    qint64 conversation() const { return m_conversation; }
    qint64 content() const { return m_content; }
    // What the conversation actions act on: the row of an open context menu, else the open chat.
    qint64 target() const { return m_menuTarget ? m_menuTarget : m_conversation; }
    // While a context menu is open on a row (0: none).
    void setMenuTarget(qint64 conversationId);

    // Opens a thread, optionally at an item. Opening the one already open only moves to the item.
    void open(model::ItemKind kind, qint64 threadId, qint64 itemId);
    // Brings the open thread up to date after changes (refresh of the window).
    void refresh(const master::ChangeNotice &notice);
    // Whether the inbox (not the welcome page) shows: a thread is read only there.
    void setInboxShown(bool shown) { m_inboxShown = shown; }
    void maybeMarkRead(bool opening = false);
    void saveDraft();
    void updateHeader();
    // Enables the conversation actions where they would do something and names their toggles.
    void updateActions();

    // The link commands go through, and what their answer does here: `what` (in the operator's
    // words, "pin the conversation") names a failure in the status bar; a success is commandDone().
    master::MasterLink *link() const;
    master::MasterLink::Done reporting(const QString &what);
    // The operator's words for marking a chat read, for the failures of "mark all read".
    static QString markReadAction() { return tr("mark it read"); }
    void retryReply(qint64 itemId);
    void fillMuteMenu(QMenu *menu, qint64 conversationId);
    void fillTagsMenu(QMenu *menu, qint64 conversationId);
    void showUserCard(qint64 conversationId);
    void showThreadMenu(const QPoint &pos);

signals:
    // A thread was opened or moved to an item: the lists show it as their current row.
    void opened();
    // A command took effect: what it changed is worth showing at once.
    void commandDone();
    void statusMessage(const QString &text, int timeoutMs);
    void tagsChanged();
    // The user card asked for this chat.
    void openRequested(qint64 conversationId);
    // The user card or a message's menu asked for everything this person wrote.
    void searchSenderRequested(qint64 userId, const QString &name);

private:
    void connectActions();
    void show(model::ItemKind kind, qint64 threadId, qint64 itemId);
    void restoreDraft();
    void sendReply();
    void newTag(qint64 conversationId);
    int replyLimit() const;
    std::optional<model::Conversation> stored(qint64 conversationId) const;

    AppSession *m_session;
    DraftStore *m_drafts;
    ConversationListModel *m_conversations;
    ContentListModel *m_contents;
    ThreadModel *m_thread;
    ThreadPane *m_pane;
    WindowActions *m_actions;
    QWidget *m_window;
    qint64 m_conversation = 0;
    qint64 m_content = 0;
    qint64 m_menuTarget = 0;     // the row a context menu acts on, while it is open
    bool m_loadingDraft = false; // the composer is being filled from a draft
    bool m_inboxShown = false;
    // Fires when the open chat's timed mute ends, so its header and the Mute action say so then.
    QTimer m_muteEnds;
};

} // namespace hiscrm::ui
