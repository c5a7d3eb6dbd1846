// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/ShortcutsDialog.h"

#include "ui/common/Icons.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QScreen>
#include <QScrollBar>
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
    m_list->header()->setStretchLastSection(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    useCloseGlyph(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    // Wide enough for every action and its keys in full (both languages' longest lines are long),
    // within the screen.
    const int em = fontMetrics().averageCharWidth();
    const QMargins margins = layout->contentsMargins();
    const QAbstractItemView *view = m_list; // where sizeHintForColumn is public
    const int columns = view->sizeHintForColumn(0) + view->sizeHintForColumn(1) + 4 * em;
    const int chrome = 2 * m_list->frameWidth() + m_list->verticalScrollBar()->sizeHint().width() +
                       margins.left() + margins.right();
    int width = qMax(em * 40, columns + chrome);
    if (const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        width = qMin(width, screen->availableGeometry().width() * 9 / 10);
    resize(width, fontMetrics().height() * 30);
}

} // namespace hiscrm::ui
