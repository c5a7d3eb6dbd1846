// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Paints a row of either inbox list (the roles of InboxRoles): round avatar with initials (a play
// mark for a video), the name or title (bold while unread) with the account's name, the last
// message ("You: ..." when the operator spoke last, "Draft: ..." when a reply waits unsent),
// relative time, unread badge, tag chips, how long a fan has waited, and marks for a failed
// reply, mute and pin. Sizes follow the font and the style, colours follow the palette.

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
    // How long a fan has waited for an answer: "12m", "3h", "2d"; empty when not waiting or for
    // less than five minutes.
    static QString waitLabel(qint64 sinceMs, qint64 nowMs);
};

} // namespace hiscrm::ui
