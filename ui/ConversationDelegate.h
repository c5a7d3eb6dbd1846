// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Paints a row of ConversationListModel: round avatar with initials, peer name (bold while unread)
// with the account's name, the last message, relative time, unread badge and pin/mute marks.
// Sizes follow the font and the style, colours follow the palette (light and dark alike).

#include <QDateTime>
#include <QStyledItemDelegate>

namespace hiscrm::ui {

class ConversationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ConversationDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The list's time column: "14:05" today, "Yesterday", a weekday within the week, else a date.
    static QString relativeTime(qint64 ms, const QDateTime &now);
};

} // namespace hiscrm::ui
