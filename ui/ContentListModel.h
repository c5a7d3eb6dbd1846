// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/InboxListModel.h"

// The "Comments" view: posted videos that have comments, latest comment first, loaded a page at a
// time and kept live by refresh() with row signals only (never a reset), like the conversation
// list. Answers the roles of InboxRoles, so the same delegate draws it: the latest comment with
// its author as the preview, its time, and a video avatar. Held like the conversation list while
// the pointer is over it. Reads through a StoreReader, which cannot write.

#include "model/Model.h"
#include "store/StoreReader.h"
#include "ui/InboxRoles.h"
#include "ui/Metatypes.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace hiscrm::ui {

class ContentListModel final : public InboxListModel
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

    static constexpr int kPageSize = 50;

    // Starts with the first page over every account.
    explicit ContentListModel(const store::StoreReader *store, QObject *parent = nullptr);

    // accountId 0: every account. Replaces the rows with the first page (a model reset).
    void setFilter(qint64 accountId, bool unreadOnly);
    qint64 accountId() const { return m_accountId; }
    bool unreadOnly() const { return m_unreadOnly; }

    // Re-reads the loaded range and applies the difference with row signals only.
    void refresh() override;

    int rowOf(qint64 id) const override;
    qint64 idAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    struct Row
    {
        model::Content content;
        QString accountName;
        QString preview; // "author: text" of the latest comment
        bool lastFromUs = false;
    };
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
    void reindex();

    const store::StoreReader *m_store;
    qint64 m_accountId = 0;
    bool m_unreadOnly = false;
    QList<Row> m_rows;
    QHash<qint64, int> m_rowOf;
    bool m_hasMore = false;
    // Set while rows are being rewritten or a change announced: fetchMore() must not nest inside.
    bool m_updating = false;
    QHash<qint64, QString> m_accountNames;
    QHash<qint64, Latest> m_latest; // content id -> its latest comment, re-read when the video changes
    QHash<qint64, QString> m_userNames;
};

} // namespace hiscrm::ui
