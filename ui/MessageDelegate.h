// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Paints a row of ThreadModel as a chat bubble: inbound on the left, outgoing on the right, the
// time and delivery state underneath, a date line above the first item of a day, the quoted parent
// above a comment reply, and the reason with a retry hint under a failed reply. sizeHint() and
// paint() share one layout, so rows never overlap or leave gaps.
//
// Rows wrap to the width of the view's viewport: give the view setResizeMode(QListView::Adjust)
// so that rows are measured again when it is resized.

#include <QStyledItemDelegate>

namespace hiscrm::ui {

class MessageDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit MessageDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace hiscrm::ui
