// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/ShortcutsDialog.h"

#include "ui/common/Icons.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hiscrm::ui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, const QList<Entry> &more, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    for (const QAction *a : actions) {
        if (a->shortcut().isEmpty())
            continue;
        QString what = a->text();
        what.remove(u'&');
        if (what.endsWith(QChar(0x2026)))
            what.chop(1);
        m_entries.append(Entry{what, a->shortcut().toString(QKeySequence::NativeText)});
    }
    m_entries.append(more);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("shortcutsList"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Action"), tr("Keys")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    for (const Entry &e : std::as_const(m_entries))
        new QTreeWidgetItem(m_list, {e.what, e.keys});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    useCloseGlyph(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 70, fontMetrics().height() * 30);
}

} // namespace hiscrm::ui
