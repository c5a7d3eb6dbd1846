// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Tag chips as the inbox draws them: a rounded pill tinted with the tag's colour, on list rows
// (ConversationDelegate) and in the thread header (TagChipsLabel).

#include "ui/inbox/InboxRoles.h"

#include <QFont>
#include <QWidget>

namespace hiscrm::ui {

// The chip's width for this (already elided) label.
int tagChipWidth(const QFontMetrics &fm, const QString &label);
// On a selected row (onSelection) the tinted pill would vanish into the highlight, its text
// unreadable (red on blue): it is filled with the tag's colour instead, with text that contrasts.
void paintTagChip(QPainter *p, const QRectF &rect, const QString &label, const QColor &color,
                  const QFont &font, bool onSelection = false);
// The text on a chip filled with `fill`: white, unless it contrasts less than 3:1 with it (a
// light gold or orange), then black.
QColor tagChipTextOnFill(const QColor &fill);

// The tags of the open chat under its title.
class TagChipsLabel final : public QWidget
{
    Q_OBJECT

public:
    explicit TagChipsLabel(QWidget *parent = nullptr);
    void setTags(const QList<TagChip> &tags);
    QList<TagChip> tags() const { return m_tags; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<TagChip> m_tags;
};

} // namespace hiscrm::ui
