// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The roles both inbox lists answer: the conversation list and the list of videos with comments.
// One delegate (ConversationDelegate) draws either, so each role means the same in both models;
// a model's own roles start at FirstModelRole. (Before this table the Comments view showed an epoch
// time as its preview: the delegate read one model's role numbers from the other.)

#include <QColor>
#include <QList>
#include <QMetaType>
#include <QString>

namespace hiscrm::ui {

// A tag as a row or the thread header shows it.
struct TagChip
{
    qint64 id = 0;
    QString name;
    QColor color;
    friend bool operator==(const TagChip &a, const TagChip &b)
    {
        return a.id == b.id && a.name == b.name && a.color == b.color;
    }
};

struct InboxRoles
{
    enum : int
    {
        Id = 0x0101,   // qint64: conversation or content id (Qt::UserRole + 1)
        Title,         // QString: the peer's name, or the video's title
        Account,       // QString: the account's name
        AccountId,     // qint64
        Preview,       // QString: the last message or comment (without "You: ")
        LastAt,        // qint64 ms: last activity
        Unread,        // qint64: the badge count
        Pinned,        // bool
        Muted,         // bool, now
        Archived,      // bool
        AvatarColor,   // QColor, stable per peer or video
        Initials,      // QString: what the avatar says (empty for a video)
        IsVideo,       // bool: a video's comment thread rather than a chat
        Draft,         // QString: an unsent reply kept for this thread; empty when none
        Tags,          // QList<TagChip>
        FailedReply,   // QString: why the latest failed reply was refused; empty when none
        LastFromUs,    // bool: the last message was sent by the operator's account
        AwaitingSince, // qint64 ms: when the fan's unanswered messages began; 0 when answered
        Open,          // bool: this is the thread open on the right
        FirstModelRole = 0x0140,
    };
};

} // namespace hiscrm::ui

Q_DECLARE_METATYPE(hiscrm::ui::TagChip)
