// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/inbox/PagedListModel.h"

// The conversation list: one filtered view of the store's conversations, newest activity first
// with pinned chats on top, loaded a page at a time and kept live by refresh() without ever
// resetting (so views keep their selection and scroll position while messages stream in).
// Reads through a StoreReader, which cannot write.
//
// Two rules keep triage safe. The open chat is kept (setOpenId): it stays in the list while it is
// open even when it stops matching the filter (read in Unread, answered in Awaiting reply,
// archived), so the view never loses its current row and never picks a neighbour by itself. And
// while held (setHeld: the pointer is over the list) rows never move, appear or vanish; changed
// rows update in place and heldNewCount() says how many chats have new activity waiting.

#include "model/Model.h"
#include "store/StoreReader.h"
#include "ui/common/Metatypes.h"
#include "ui/inbox/InboxRoles.h"

#include <QAbstractListModel>
#include <QColor>
#include <QHash>
#include <QList>
#include <QSet>

namespace hiscrm::ui {

// One row of the conversation list.
struct ConversationRow
{
    model::Conversation conversation;
    QString title;
    QString accountName;
    QString platform;
    QString preview;
    QList<TagChip> tags;
    qint64 awaitingSince = 0;

    qint64 accountId() const { return conversation.accountId; }
    qint64 lastAt() const { return conversation.lastAt; }
    qint64 unread() const { return conversation.unreadBadge(); }
    bool isLastFromUs() const
    {
        return conversation.lastItemId != 0 && conversation.lastDirection == model::Direction::Out;
    }
};

class ConversationListModel final : public PagedListModel<ConversationRow>
{
    Q_OBJECT

public:
    // The shared roles of InboxRoles (what the delegate draws), then this model's own.
    enum Role
    {
        IdRole = InboxRoles::Id,
        TitleRole = InboxRoles::Title,                 // QString: the peer's name, else their platform id
        AccountRole = InboxRoles::Account,             // QString: the account's name
        AccountIdRole = InboxRoles::AccountId,         // qint64
        PreviewRole = InboxRoles::Preview,             // QString: the last message, or "Message recalled"
        LastAtRole = InboxRoles::LastAt,               // qint64 ms
        UnreadRole = InboxRoles::Unread,               // qint64: the badge count
        PinnedRole = InboxRoles::Pinned,               // bool
        MutedRole = InboxRoles::Muted,                 // bool, now
        ArchivedRole = InboxRoles::Archived,           // bool
        AvatarColorRole = InboxRoles::AvatarColor,     // QColor, stable per peer
        InitialsRole = InboxRoles::Initials,           // QString
        DraftRole = InboxRoles::Draft,                 // QString: the unsent reply kept for this chat
        TagsRole = InboxRoles::Tags,                   // QList<TagChip>
        FailedReplyRole = InboxRoles::FailedReply,     // QString: why a reply in it was refused
        LastFromUsRole = InboxRoles::LastFromUs,       // bool
        AwaitingSinceRole = InboxRoles::AwaitingSince, // qint64 ms, 0 when answered
        OpenRole = InboxRoles::Open,                   // bool: the chat open on the right
        PlatformRole = InboxRoles::FirstModelRole,     // QString
        AwaitingReplyRole,                             // bool: the last message is inbound
        TagIdsRole,                                    // QList<qint64>
        PeerIdRole,                                    // qint64 users.id
        ConversationRole,                              // model::Conversation
    };
    Q_ENUM(Role)

    // Starts with the first page under the default filter (every unarchived conversation).
    explicit ConversationListModel(const store::StoreReader *store, QObject *parent = nullptr);

    // Replaces the rows with the first page under this filter (a model reset).
    void setFilter(const store::ConversationFilter &filter);
    const store::ConversationFilter &filter() const { return m_filter; }

    // The order may change with any conversation, so this is a full refresh().
    void refreshConversations(const QList<qint64> &ids);

    // A stable, pleasant colour for an avatar, from any id.
    static QColor avatarColor(qint64 id);
    // One CJK character, or the first letters of two Latin words (or two letters of one word).
    static QString initialsOf(const QString &name);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

protected:
    bool readTop(int count, QList<ConversationRow> &out, bool &hasMore) override;
    bool readMore(int count, QList<ConversationRow> &out, bool &hasMore) override;
    void complete(QList<ConversationRow> &rows, bool top) override;
    qint64 idOf(const ConversationRow &row) const override { return row.conversation.id; }
    bool sameRow(const ConversationRow &a, const ConversationRow &b) const override;
    bool newActivity(const ConversationRow &shown, const ConversationRow &now) const override;

private:
    using Row = ConversationRow;

    // Up to count rows from the top under the current filter, in pages the store allows.
    // hasMore: whether rows exist beyond them. False when the store failed.
    bool query(int count, const std::optional<store::ConversationCursor> &after, QList<Row> &out,
               bool &hasMore);
    void resolve(QList<Row> &rows, bool reloadPeers);
    QString previewFor(const model::Conversation &c);
    qint64 awaitingSinceFor(const model::Conversation &c);
    // Puts the kept chat into target at its place in the order when the query left it out.
    void addKept(QList<Row> &target);

    const store::StoreReader *m_store;
    store::ConversationFilter m_filter;
    QHash<qint64, QString> m_peerTitles; // users.id -> name (or platform id)
    struct Account
    {
        QString name;
        QString platform;
    };
    QHash<qint64, Account> m_accounts;
    // Conversation id -> (rev, label) for an empty preview: a recall or a message without text.
    // Keyed on rev because a recall of the last item changes the conversation but not its last id.
    QHash<qint64, std::pair<qint64, QString>> m_emptyPreviews;
    // Conversation id -> (last item id, awaiting since): recomputed only when the chat changes.
    QHash<qint64, std::pair<qint64, qint64>> m_awaitingSince;
    QHash<qint64, TagChip> m_tags;
};

} // namespace hiscrm::ui
