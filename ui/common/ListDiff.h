// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One diff for every live list model: turns the rows a model shows into the rows a fresh query
// returned using the smallest set of row signals we can cheaply find, so that views keep their
// selection, current index and scroll position across live updates. A model reset would lose all
// three, which is why refresh paths go through here instead.

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>

#include <functional>
#include <vector>

namespace hiscrm::ui {

// begin*/end* of QAbstractItemModel are protected, so the model forwards them through these.
// Each end* is called once the row list already has its new shape, so a slot connected to the
// model's signals always sees consistent rows.
struct ListDiffSignals
{
    std::function<void(int first, int last)> beginInsert;
    std::function<void()> endInsert;
    std::function<void(int first, int last)> beginRemove;
    std::function<void()> endRemove;
    // destination as beginMoveRows() takes it: the index before which the row lands, counted
    // before the move.
    std::function<void(int from, int destination)> beginMove;
    std::function<void()> endMove;
    std::function<void(int first, int last)> changed;
};

namespace detail {

// Marks the members of one longest strictly increasing subsequence: the rows that can keep
// their place while every other row moves around them. O(n log n).
inline std::vector<bool> longestIncreasing(const QList<int> &seq)
{
    const int n = int(seq.size());
    QList<int> tailIndex; // tailIndex[len - 1]: where the best run of length len ends
    std::vector<int> previous(
        static_cast<std::size_t>(n)); // the element before i in the best run ending at i
    for (int i = 0; i < n; ++i) {
        int lo = 0;
        int hi = int(tailIndex.size());
        while (lo < hi) {
            const int mid = (lo + hi) / 2;
            if (seq[tailIndex[mid]] < seq[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        previous[std::size_t(i)] = lo > 0 ? tailIndex[lo - 1] : -1;
        if (lo == tailIndex.size())
            tailIndex.append(i);
        else
            tailIndex[lo] = i;
    }
    std::vector<bool> keep(static_cast<std::size_t>(n), false);
    for (int i = tailIndex.isEmpty() ? -1 : tailIndex.constLast(); i >= 0; i = previous[std::size_t(i)])
        keep[std::size_t(i)] = true;
    return keep;
}

} // namespace detail

// Rewrites rows into target: removals first (contiguous runs), then moves for the rows outside
// the longest run already in order, then insertions (contiguous runs), then dataChanged for the
// rows where same() says the shown data differs. Keys must be unique within target; a duplicate
// key in target is ignored after its first occurrence.
template <typename Row, typename KeyOf, typename Same>
void applyListDiff(QList<Row> &rows, QList<Row> target, KeyOf keyOf, Same same, const ListDiffSignals &s)
{
    QHash<qint64, int> targetPos;
    targetPos.reserve(target.size());
    for (qsizetype i = 0; i < target.size();) {
        const qint64 key = keyOf(target[i]);
        if (targetPos.contains(key)) {
            target.removeAt(i);
            continue;
        }
        targetPos.insert(key, int(i));
        ++i;
    }

    // A row vanishes when the fresh query lacks it, or when it repeats a key seen above it.
    {
        QSet<qint64> seen;
        std::vector<bool> vanish(std::size_t(rows.size()), false);
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const qint64 key = keyOf(rows[i]);
            vanish[std::size_t(i)] = !targetPos.contains(key) || seen.contains(key);
            seen.insert(key);
        }
        for (int i = int(rows.size()) - 1; i >= 0;) {
            if (!vanish[std::size_t(i)]) {
                --i;
                continue;
            }
            const int last = i;
            while (i >= 0 && vanish[std::size_t(i)])
                --i;
            const int first = i + 1;
            s.beginRemove(first, last);
            rows.remove(first, last - first + 1);
            s.endRemove();
        }
    }

    QList<qint64> keys; // parallel to rows, so positions are found without calling keyOf again
    keys.reserve(rows.size());
    QList<int> order;
    order.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        keys.append(keyOf(row));
        order.append(targetPos.value(keys.constLast()));
    }
    const QSet<qint64> existing(keys.cbegin(), keys.cend());

    QSet<qint64> placed;
    {
        const std::vector<bool> keep = detail::longestIncreasing(order);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (keep[std::size_t(i)])
                placed.insert(keys[i]);
        }
    }
    // Each remaining row goes right after the nearest row before it in target order that already
    // has its final relative place; placed rows therefore stay in target order throughout.
    for (qsizetype t = 0; t < target.size(); ++t) {
        const qint64 key = keyOf(target[t]);
        if (!existing.contains(key) || placed.contains(key))
            continue;
        const int from = int(keys.indexOf(key));
        int destination = 0;
        for (qsizetype p = t - 1; p >= 0; --p) {
            const qint64 before = keyOf(target[p]);
            if (placed.contains(before)) {
                destination = int(keys.indexOf(before)) + 1;
                break;
            }
        }
        if (destination != from && destination != from + 1) {
            const int to = destination > from ? destination - 1 : destination;
            s.beginMove(from, destination);
            rows.move(from, to);
            keys.move(from, to);
            s.endMove();
        }
        placed.insert(key);
    }

    // Existing rows are now in target order, so any mismatch at i is a row the query added.
    for (int i = 0; i < int(target.size());) {
        if (i < rows.size() && keys[i] == keyOf(target[i])) {
            if (same(rows[i], target[i])) {
                rows[i] = target[i];
                ++i;
                continue;
            }
            const int first = i;
            while (i < rows.size() && i < target.size() && keys[i] == keyOf(target[i]) &&
                   !same(rows[i], target[i])) {
                rows[i] = target[i];
                ++i;
            }
            s.changed(first, i - 1);
            continue;
        }
        int end = i;
        while (end < target.size() && !existing.contains(keyOf(target[end])))
            ++end;
        if (end == i) {
            Q_ASSERT_X(false, "applyListDiff", "existing rows out of target order");
            break;
        }
        s.beginInsert(i, end - 1);
        for (int k = i; k < end; ++k) {
            rows.insert(k, target[k]);
            keys.insert(k, keyOf(target[k]));
        }
        s.endInsert();
        i = end;
    }
    Q_ASSERT(rows.size() == target.size());
}

// The held form of applyListDiff(), for while the operator points at the list: no row moves,
// appears or disappears; rows present in both take their new data in place (dataChanged only).
// Returns the keys of target rows that would have moved up or appeared, judged by newer(old, new)
// for rows already shown ("N new" counts them).
template <typename Row, typename KeyOf, typename Same, typename Newer>
QSet<qint64> applyInPlace(QList<Row> &rows, const QList<Row> &target, KeyOf keyOf, Same same, Newer newer,
                          const ListDiffSignals &s)
{
    QHash<qint64, int> shown;
    shown.reserve(rows.size());
    for (int i = 0; i < int(rows.size()); ++i)
        shown.insert(keyOf(rows[i]), i);
    QSet<qint64> arrived;
    for (const Row &t : target) {
        const qint64 key = keyOf(t);
        const auto it = shown.constFind(key);
        if (it == shown.cend()) {
            arrived.insert(key);
            continue;
        }
        Row &row = rows[*it];
        if (newer(row, t))
            arrived.insert(key);
        if (!same(row, t)) {
            row = t;
            s.changed(*it, *it);
        }
    }
    return arrived;
}

// A list model that applies applyListDiff() changes with the matching begin/end signals; its
// subclasses only say how to rebuild their id -> row index after each structural step.
class DiffListModel : public QAbstractListModel
{
public:
    using QAbstractListModel::QAbstractListModel;

protected:
    ListDiffSignals diffSignals(std::function<void()> reindex)
    {
        ListDiffSignals s;
        s.beginInsert = [this](int first, int last) {
            beginInsertRows(QModelIndex(), first, last);
        };
        s.endInsert = [this, reindex] {
            reindex();
            endInsertRows();
        };
        s.beginRemove = [this](int first, int last) {
            beginRemoveRows(QModelIndex(), first, last);
        };
        s.endRemove = [this, reindex] {
            reindex();
            endRemoveRows();
        };
        s.beginMove = [this](int from, int destination) {
            beginMoveRows(QModelIndex(), from, from, QModelIndex(), destination);
        };
        s.endMove = [this, reindex] {
            reindex();
            endMoveRows();
        };
        s.changed = [this](int first, int last) {
            emit dataChanged(index(first), index(last));
        };
        return s;
    }
};

} // namespace hiscrm::ui
