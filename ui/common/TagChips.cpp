// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/TagChips.h"

#include <QPainter>

namespace hiscrm::ui {

namespace {

int chipPadding(const QFontMetrics &fm)
{
    return qMax(3, fm.height() / 3);
}

} // namespace

int tagChipWidth(const QFontMetrics &fm, const QString &label)
{
    return fm.horizontalAdvance(label) + 2 * chipPadding(fm);
}

void paintTagChip(QPainter *p, const QRectF &rect, const QString &label, const QColor &color,
                  const QFont &font)
{
    const QColor c = color.isValid() ? color : QColor(Qt::gray);
    QColor fill = c;
    fill.setAlphaF(0.18f);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(c, 1));
    p->setBrush(fill);
    const qreal radius = rect.height() / 2.0;
    p->drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    p->setFont(font);
    // A very light colour would vanish on a light row: its darker shade carries the text.
    p->setPen(c.lightnessF() > 0.75 ? c.darker(170) : c);
    p->drawText(rect, Qt::AlignCenter, label);
    p->restore();
}

TagChipsLabel::TagChipsLabel(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void TagChipsLabel::setTags(const QList<TagChip> &tags)
{
    if (tags == m_tags)
        return;
    m_tags = tags;
    QStringList names;
    for (const TagChip &t : tags)
        names << t.name;
    setAccessibleName(tr("Tags: %1").arg(names.join(QStringLiteral(", "))));
    setToolTip(names.join(QStringLiteral(", ")));
    setVisible(!tags.isEmpty());
    updateGeometry();
    update();
}

QSize TagChipsLabel::sizeHint() const
{
    const QFontMetrics fm(font());
    int w = 0;
    for (const TagChip &t : m_tags)
        w += tagChipWidth(fm, t.name) + fm.averageCharWidth();
    return QSize(w, fm.height() + 2);
}

QSize TagChipsLabel::minimumSizeHint() const
{
    return QSize(0, QFontMetrics(font()).height() + 2);
}

void TagChipsLabel::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter p(this);
    const QFontMetrics fm(font());
    const int h = fm.height();
    int x = 0;
    for (const TagChip &t : std::as_const(m_tags)) {
        const QString label = fm.elidedText(t.name, Qt::ElideRight, fm.averageCharWidth() * 12);
        const int w = tagChipWidth(fm, label);
        if (x + w > width())
            break;
        paintTagChip(&p, QRectF(x, (height() - h) / 2.0, w, h), label, t.color, font());
        x += w + fm.averageCharWidth();
    }
}

} // namespace hiscrm::ui
