// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Paints a row of ThreadModel as a chat bubble: inbound on the left, outgoing on the right, the
// time and delivery state underneath, a date line above the first item of a day, the quoted parent
// above a comment reply, "New messages" above the first unread item, and under a failed reply the
// reason with a Retry button that sends it again on one click (retryRequested). sizeHint() and
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
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // An incoming bubble's colour: distinct from Base by at least kMinBubbleContrast in any palette.
    static constexpr qreal kMinBubbleContrast = 1.15;
    static QColor incomingFill(const QPalette &palette, QPalette::ColorGroup group);

    // Where the Retry button of a failed reply is, in view coordinates (empty for other rows).
    QRect retryRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;

signals:
    void retryRequested(qint64 itemId);
};

} // namespace hiscrm::ui
