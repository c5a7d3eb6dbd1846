// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Help > Keyboard shortcuts (F1): what each key does, listed from the window's own actions so the
// list can never drift from what the keys really do, plus the keys that belong to widgets
// (Enter in the reply box, arrows in the list).

#include <QDialog>

class QAction;
class QTreeWidget;

namespace hiscrm::ui {

class ShortcutsDialog final : public QDialog
{
    Q_OBJECT

public:
    struct Entry
    {
        QString what;
        QString keys; // as shown, in the platform's notation
    };

    // Actions without a shortcut are left out.
    ShortcutsDialog(const QList<QAction *> &actions, const QList<Entry> &more, QWidget *parent = nullptr);

    QList<Entry> entries() const { return m_entries; }

private:
    QList<Entry> m_entries;
    QTreeWidget *m_list = nullptr;
};

} // namespace hiscrm::ui
