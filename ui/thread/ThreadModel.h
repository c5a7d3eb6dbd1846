// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/common/ListDiff.h"

// The items of one thread (a conversation's messages or a video's comments), oldest at the top.
// Holds a window of the thread: the newest page after setThread(), or a page around an item after
// a jump from search, grown page by page towards either end. refresh() keeps the window live with
// row signals only (never a reset unless a flood of new items arrives), so the view keeps its
// selection and scroll position. Reads through a StoreReader, which cannot write.

#include "model/Model.h"
#include "store/StoreReader.h"
#include "ui/common/Metatypes.h"

#include <QAbstractListModel>
#include <QDate>
#include <QHash>
#include <QList>

namespace hiscrm::ui {

class ThreadModel final : public DiffListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        ItemRole,         // model::Item
        TextRole,         // QString: what to show ("Message recalled", "[Image]", or the text)
        OutgoingRole,     // bool
        TimeRole,         // qint64 ms
        SenderNameRole,   // QString: the sender's name; for outgoing items the account's name
        DeliveryRole,     // int: model::Delivery
        ErrorRole,        // QString: why a reply failed
        EditedRole,       // bool
        RecalledRole,     // bool
        OriginalTextRole, // QString: earlier texts of an edited or recalled item, oldest first
        DaySeparatorRole, // QString: a date label on the first item of each local calendar day
        ParentTextRole,   // QString: a short quote of the comment a reply answers
        NewMarkerRole,    // bool: the "New messages" line goes above this row
    };
    Q_ENUM(Role)

    static constexpr int kPageSize = 50;
    // More new items than this in one refresh: show the newest page instead of growing the window.
    static constexpr int kMaxRefreshGrowth = 500;

    explicit ThreadModel(const store::StoreReader *store, QObject *parent = nullptr);

    // Shows the newest page of a thread (a model reset).
    void setThread(model::ItemKind kind, qint64 threadId);
    // Shows a page centred on an item, of whichever thread holds it. False when the item is gone
    // (the model is left as it was).
    bool setThreadAround(qint64 itemId);
    void clear();
    model::ItemKind kind() const { return m_kind; }
    qint64 threadId() const { return m_threadId; }

    bool canLoadOlder() const { return m_threadId != 0 && m_hasOlder; }
    // Prepends the previous page; returns the number of rows added.
    int loadOlder();
    bool canLoadNewer() const { return m_threadId != 0 && m_hasNewer; }
    // Appends the next page towards the newest; returns the number of rows added.
    int loadNewer();

    // Re-reads the window (and, when it reaches the newest item, whatever came after it) and
    // applies the difference with row signals only.
    void refresh();

    int rowOf(qint64 itemId) const;

    // The first item the operator has not read: for a conversation the first inbound message after
    // readUpTo, for a video the first inbound comment not read. 0 when none is loaded.
    qint64 firstUnreadId(qint64 readUpTo) const;
    // Draws "New messages" above this item (0: nowhere). Cleared when another thread is shown.
    void setNewMarker(qint64 itemId);
    qint64 newMarker() const { return m_newMarker; }

    // "[Image]", "[Video]", ... for an item without text; empty for Text.
    static QString typeLabel(model::MessageType type);
    // "Today", "Yesterday" or the locale's long date.
    static QString dayLabel(const QDate &day, const QDate &today);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row
    {
        model::Item item;
        QDate day; // local calendar day of createdAt
    };

    QList<Row> toRows(const QList<model::Item> &items) const;
    void loadNames(const QList<Row> &rows);
    void resetTo(model::ItemKind kind, qint64 threadId, const store::ItemPage &page);
    void reloadNewest();
    QString displayText(const model::Item &item) const;
    QString senderName(const model::Item &item) const;
    QString originalText(const model::Item &item) const;
    QString parentText(const model::Item &item) const;
    bool startsDay(int row) const;
    void reindex();

    const store::StoreReader *m_store;
    model::ItemKind m_kind = model::ItemKind::Message;
    qint64 m_threadId = 0;
    QList<Row> m_rows;
    QHash<qint64, int> m_rowOf;
    bool m_hasOlder = false;
    bool m_hasNewer = false;
    qint64 m_newMarker = 0;
    QHash<qint64, QString> m_userNames;    // users.id -> name (or platform id)
    QHash<qint64, QString> m_accountNames; // accounts.id -> name
    // Filled on first use from data(): history and parents are read only for rows a view shows.
    mutable QHash<qint64, QString> m_originalTexts;
    mutable QHash<qint64, QString> m_parentTexts;
};

} // namespace hiscrm::ui
