// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/common/TagChips.h"

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QToolBar;
class QToolButton;

namespace hiscrm::ui {

class Composer;
class ElidedLabel;
class Settings;
class ThreadModel;

// The open thread as the operator sees it: a header (title, subtitle, tags and the fixed row of
// conversation actions), the messages, "First unread", whom a reply under a video answers, and the
// reply box with its quick replies, length and Send. It shows what it is told; what is open, what
// a reply does and when a thread is read is the ConversationController's.
class ThreadPane final : public QWidget
{
    Q_OBJECT

public:
    ThreadPane(ThreadModel *thread, Settings *settings, const QList<QAction *> &toolbarActions,
               QWidget *parent = nullptr);

    QListView *view() const { return m_view; }
    Composer *composer() const { return m_composer; }

    QString title() const; // as set, not elided
    void setHeader(const QString &title, const QString &subtitle, const QList<TagChip> &tags);
    // Empty: no line about whom a reply answers.
    void setReplyTarget(const QString &text);
    // The platform's limit for a reply and whether a thread is open: the length label and Send
    // follow the text.
    void setReplyLimit(int limit, bool threadOpen);
    int replyLimit() const { return m_limit; }
    // The message selected, unless it is our own: the comment a reply under a video answers.
    qint64 selectedInbound() const;
    void selectItem(qint64 itemId);
    bool atEnd() const;
    // Shows "First unread" when the first unread message is above what shows.
    void updateJumpToUnread();
    // Shows the thread's newest message at the bottom, and keeps showing the end as the view's
    // height or the thread changes, until the operator scrolls away.
    void scrollToEnd();
    void applyFonts();

signals:
    void sendRequested();
    void retryRequested(qint64 itemId);
    void scrolledToEnd();
    void currentItemChanged();
    // The operator edited the reply (not a draft being filled in).
    void replyEdited();
    // The operator asked to edit the quick replies (from their menu).
    void editQuickRepliesRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildHeader(const QList<QAction *> &toolbarActions);
    void buildMessages();
    QLayout *buildComposerRow(Settings *settings);
    void retranslateUi();
    void onScrolled(int value);
    void updateLength();

    ThreadModel *m_thread;
    ElidedLabel *m_title = nullptr;
    ElidedLabel *m_subtitle = nullptr;
    TagChipsLabel *m_tags = nullptr;
    QToolBar *m_toolbar = nullptr;
    QListView *m_view = nullptr;
    QToolButton *m_jumpToUnread = nullptr;
    // Pixels from the bottom that still count as the thread's end.
    static constexpr int kEndSlack = 4;
    // The view showed the thread's end when it last scrolled: it keeps showing it.
    bool m_followEnd = true;
    QLabel *m_replyTarget = nullptr;
    Composer *m_composer = nullptr;
    QToolButton *m_quickReplies = nullptr;
    QLabel *m_lengthLabel = nullptr;
    QPushButton *m_sendButton = nullptr;
    int m_limit = 500;
    bool m_threadOpen = false;
};

} // namespace hiscrm::ui
