// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The paging the two inbox lists share: rows read a page at a time from the top, more pages as the
// view scrolls (fetchMore), a refresh that re-reads the loaded range and applies the difference
// with row signals only (ListDiff), or only in-place changes while the list is held.

#include "ui/inbox/InboxListModel.h"
#include "ui/inbox/InboxRoles.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <algorithm>

namespace hiscrm::ui {

// Row: what one row shows. A derived model reads the rows (readTop, readMore), completes them
// (names, previews) and says how rows compare; it keeps its own roles in data().
template <typename Row> class PagedListModel : public InboxListModel
{
public:
    static constexpr int kPageSize = 50;
    using InboxListModel::InboxListModel;

    // Re-reads the loaded range and applies the difference with row signals only.
    void refresh() override
    {
        if (m_updating)
            return;
        QList<Row> target;
        bool hasMore = false;
        // On a failed read the rows we show are still the best we know; the next notice retries.
        if (!readTop(int(qMax<qsizetype>(m_rows.size(), kPageSize)), target, hasMore))
            return;
        complete(target, true);
        const ListDiffSignals s = diffSignals([this] { reindex(); });
        const auto same = [this](const Row &a, const Row &b) {
            return sameRow(a, b);
        };
        const auto key = [this](const Row &r) {
            return idOf(r);
        };
        m_updating = true;
        // An empty list has no row anyone could be aiming at: its first rows come in even while
        // held (a window that opens under a resting pointer would otherwise show only "N new").
        if (isHeld() && !m_rows.isEmpty()) {
            removeLetGo(target);
            const auto newer = [this](const Row &shown, const Row &now) {
                return newActivity(shown, now);
            };
            const QSet<qint64> arrived = applyInPlace(m_rows, target, key, same, newer, s);
            m_updating = false;
            addHeldNew(arrived);
            return;
        }
        applyListDiff(m_rows, std::move(target), key, same, s);
        m_updating = false;
        m_hasMore = hasMore;
        reindex();
        clearHeldNew();
    }

    int rowOf(qint64 id) const override { return m_rowOf.value(id, -1); }
    // The row an index stands for; null for an index that is not one of this list's rows.
    const Row *rowAt(const QModelIndex &index) const
    {
        return checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
                   ? &m_rows[index.row()]
                   : nullptr;
    }
    qint64 idAt(int row) const { return row >= 0 && row < m_rows.size() ? idOf(m_rows[row]) : 0; }
    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    bool canFetchMore(const QModelIndex &parent) const override
    {
        return !parent.isValid() && m_hasMore && !m_updating;
    }
    void fetchMore(const QModelIndex &parent) override
    {
        if (parent.isValid() || !m_hasMore || m_updating || m_rows.isEmpty())
            return;
        QList<Row> more;
        bool hasMore = false;
        if (!readMore(kPageSize, more, hasMore)) {
            // Stop views from asking again in a loop; the next refresh() re-reads the state.
            m_hasMore = false;
            return;
        }
        m_hasMore = hasMore;
        // A row may already be here when it changed position between two reads.
        more.removeIf([this](const Row &r) { return m_rowOf.contains(idOf(r)); });
        if (more.isEmpty())
            return;
        complete(more, false);
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(more.size()) - 1);
        m_rows.append(more);
        reindex();
        m_updating = true; // a slot of rowsInserted fetching again would nest inside this insertion
        endInsertRows();
        m_updating = false;
    }

protected:
    // Up to count rows from the top, in the list's order; hasMore: whether rows exist beyond them.
    // False when the store failed.
    virtual bool readTop(int count, QList<Row> &out, bool &hasMore) = 0;
    // Up to count rows after the loaded ones (m_rows).
    virtual bool readMore(int count, QList<Row> &out, bool &hasMore) = 0;
    // Fills in what the rows show beyond the store's row; top: they are the list's top rows (a
    // reset or a refresh), not a further page.
    virtual void complete(QList<Row> &rows, bool top) = 0;
    virtual qint64 idOf(const Row &row) const = 0;
    virtual bool sameRow(const Row &a, const Row &b) const = 0;
    // Whether `now` shows new activity against `shown` (counted as "N new" while held).
    virtual bool newActivity(const Row &shown, const Row &now) const = 0;

    // The roles both lists answer alike from a row (Id, Account, AccountId, Preview, LastAt, Unread,
    // LastFromUs) and those that depend on its id alone (threadData); an invalid QVariant for any
    // other role. Row has the members accountName and preview, and accountId(), lastAt(), unread()
    // and isLastFromUs().
    QVariant rowData(const Row &row, int role) const
    {
        switch (role) {
        case InboxRoles::Id:
            return idOf(row);
        case InboxRoles::Account:
            return row.accountName;
        case InboxRoles::AccountId:
            return row.accountId();
        case InboxRoles::Preview:
            return row.preview;
        case InboxRoles::LastAt:
            return row.lastAt();
        case InboxRoles::Unread:
            return row.unread();
        case InboxRoles::LastFromUs:
            return row.isLastFromUs();
        default:
            return threadData(idOf(row), role);
        }
    }

    // Replaces the rows with the first page (a model reset), e.g. after the filter changed.
    void reload()
    {
        beginResetModel();
        m_rows.clear();
        QList<Row> rows;
        bool hasMore = false;
        if (readTop(kPageSize, rows, hasMore)) {
            complete(rows, true);
            m_rows = std::move(rows);
        }
        m_hasMore = hasMore;
        reindex();
        // Slots of modelReset must not append a page while the reset is still being announced.
        m_updating = true;
        endResetModel();
        m_updating = false;
    }

    QList<Row> m_rows;
    QHash<qint64, int> m_rowOf;
    bool m_hasMore = false;
    // Set while rows are being rewritten or a change announced: fetchMore() must not nest inside.
    bool m_updating = false;

private:
    // Held: the rows the operator's own command took out of the list (letGo) and that target no
    // longer has leave; nothing else moves.
    void removeLetGo(const QList<Row> &target)
    {
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            const qint64 id = idOf(m_rows[row]);
            if (!isLetGo(id))
                continue;
            const bool gone = std::none_of(target.begin(), target.end(),
                                           [this, id](const Row &r) { return idOf(r) == id; });
            if (!gone)
                continue;
            forgetLetGo(id);
            beginRemoveRows(QModelIndex(), row, row);
            m_rows.removeAt(row);
            reindex();
            endRemoveRows();
        }
    }

    void reindex()
    {
        m_rowOf.clear();
        m_rowOf.reserve(m_rows.size());
        for (int i = 0; i < m_rows.size(); ++i)
            m_rowOf.insert(idOf(m_rows[i]), i);
    }
};

} // namespace hiscrm::ui
