// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTreeWidget>

namespace hiscrm::store {
class StoreReader;
struct ViewCounts;
} // namespace hiscrm::store

namespace hiscrm::ui {

// The window's left column: the inbox's views, the tags and the accounts, each row a view key
// ("all", "unread", "awaiting", "pinned", "comments", "archived", "tag:<id>", "account:<id>"),
// with its unread badge. Reads the tags and accounts from the store; choosing a row only says so.
class Sidebar final : public QTreeWidget
{
    Q_OBJECT

public:
    explicit Sidebar(const store::StoreReader *store, QWidget *parent = nullptr);

    // Reads the tags and accounts again and keeps `currentKey` chosen.
    void rebuild(const QString &currentKey);
    void setBadges(const store::ViewCounts &counts);
    // Marks the row of this key as chosen, without viewChosen().
    void showCurrent(const QString &key);
    static QString keyOf(const QTreeWidgetItem *item);

signals:
    // The operator chose a row (also one already chosen, clicked again).
    void viewChosen(const QString &key);
    void viewClicked(const QString &key);

private:
    const store::StoreReader *m_store;
};

} // namespace hiscrm::ui
