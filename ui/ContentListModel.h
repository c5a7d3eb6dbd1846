// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/ListDiff.h"

// The "Comments" view: posted videos that have comments, latest comment first, loaded a page at a
// time and kept live by refresh() with row signals only (never a reset), like the conversation
// list. Reads through the UI thread's read-only Store; never writes.

#include "model/Model.h"
#include "store/Store.h"
#include "ui/Metatypes.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace hiscrm::ui {

class ContentListModel final : public DiffListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        TitleRole,        // QString: the video's title (a placeholder when it has none)
        AccountRole,      // QString: the account's name
        AccountIdRole,    // qint64
        UnreadRole,       // qint64: unread comments
        LastAtRole,       // qint64 ms: the latest comment
        PreviewRole,      // QString: "12 comments"
        CommentCountRole, // qint64
        ContentRole,      // model::Content
    };
    Q_ENUM(Role)

    static constexpr int kPageSize = 50;

    // Starts with the first page over every account.
    explicit ContentListModel(store::Store *store, QObject *parent = nullptr);

    // accountId 0: every account. Replaces the rows with the first page (a model reset).
    void setFilter(qint64 accountId, bool unreadOnly);
    qint64 accountId() const { return m_accountId; }
    bool unreadOnly() const { return m_unreadOnly; }

    // Re-reads the loaded range and applies the difference with row signals only.
    void refresh();

    int rowOf(qint64 id) const;
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
    };

    // Up to count rows after the ones in `have` (their ids are skipped), appended to out.
    bool query(int count, const QList<Row> &have, QList<Row> &out, bool &hasMore);
    void resolve(QList<Row> &rows);
    void reindex();

    store::Store *m_store;
    qint64 m_accountId = 0;
    bool m_unreadOnly = false;
    QList<Row> m_rows;
    QHash<qint64, int> m_rowOf;
    bool m_hasMore = false;
    // Set while rows are being rewritten or a change announced: fetchMore() must not nest inside.
    bool m_updating = false;
    QHash<qint64, QString> m_accountNames;
};

} // namespace hiscrm::ui
