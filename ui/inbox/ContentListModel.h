// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/inbox/PagedListModel.h"

// The "Comments" view: posted videos that have comments, latest comment first, loaded a page at a
// time and kept live by refresh() with row signals only (never a reset), like the conversation
// list. Answers the roles of InboxRoles, so the same delegate draws it: the latest comment with
// its author as the preview, its time, and a video avatar. Held like the conversation list while
// the pointer is over it. Reads through a StoreReader, which cannot write.

#include "model/Model.h"
#include "store/StoreReader.h"
#include "ui/common/Metatypes.h"
#include "ui/inbox/InboxRoles.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace hiscrm::ui {

// One row of the list of videos.
struct ContentRow
{
    model::Content content;
    QString accountName;
    QString preview; // "author: text" of the latest comment
    bool lastFromUs = false;

    qint64 accountId() const { return content.accountId; }
    qint64 lastAt() const { return content.lastCommentAt; }
    qint64 unread() const { return content.unreadComments; }
    bool isLastFromUs() const { return lastFromUs; }
};

class ContentListModel final : public PagedListModel<ContentRow>
{
    Q_OBJECT

public:
    // The shared roles of InboxRoles (what the delegate draws), then this model's own.
    enum Role
    {
        IdRole = InboxRoles::Id,
        TitleRole = InboxRoles::Title,                 // QString: the video's title (a placeholder when none)
        AccountRole = InboxRoles::Account,             // QString: the account's name
        AccountIdRole = InboxRoles::AccountId,         // qint64
        UnreadRole = InboxRoles::Unread,               // qint64: unread comments
        LastAtRole = InboxRoles::LastAt,               // qint64 ms: the latest comment
        PreviewRole = InboxRoles::Preview,             // QString: "author: the latest comment"
        AvatarColorRole = InboxRoles::AvatarColor,     // QColor, stable per video
        DraftRole = InboxRoles::Draft,                 // QString: the unsent reply kept for this video
        FailedReplyRole = InboxRoles::FailedReply,     // QString: why a reply under it was refused
        LastFromUsRole = InboxRoles::LastFromUs,       // bool: the latest comment is the account's reply
        OpenRole = InboxRoles::Open,                   // bool: the video open on the right
        CommentCountRole = InboxRoles::FirstModelRole, // qint64
        CountLabelRole,                                // QString: "12 comments"
        ContentRole,                                   // model::Content
    };
    Q_ENUM(Role)

    // Starts with the first page over every account.
    explicit ContentListModel(const store::StoreReader *store, QObject *parent = nullptr);

    // accountId 0: every account. Replaces the rows with the first page (a model reset).
    void setFilter(qint64 accountId, bool unreadOnly);
    qint64 accountId() const { return m_accountId; }
    bool unreadOnly() const { return m_unreadOnly; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

protected:
    bool readTop(int count, QList<ContentRow> &out, bool &hasMore) override;
    bool readMore(int count, QList<ContentRow> &out, bool &hasMore) override;
    void complete(QList<ContentRow> &rows, bool top) override;
    qint64 idOf(const ContentRow &row) const override { return row.content.id; }
    bool sameRow(const ContentRow &a, const ContentRow &b) const override;
    bool newActivity(const ContentRow &shown, const ContentRow &now) const override;

private:
    using Row = ContentRow;
    // The newest comment of a video, as of the video's revision.
    struct Latest
    {
        qint64 rev = 0;
        qint64 authorId = 0; // users.id; 0 for the account's own reply
        QString text;
        bool fromUs = false;
    };

    // Up to count rows after the ones in `have` (their ids are skipped), appended to out.
    bool query(int count, const QList<Row> &have, QList<Row> &out, bool &hasMore);
    void resolve(QList<Row> &rows);

    const store::StoreReader *m_store;
    qint64 m_accountId = 0;
    bool m_unreadOnly = false;
    QHash<qint64, QString> m_accountNames;
    QHash<qint64, Latest> m_latest; // content id -> its latest comment, re-read when the video changes
    QHash<qint64, QString> m_userNames;
};

} // namespace hiscrm::ui
