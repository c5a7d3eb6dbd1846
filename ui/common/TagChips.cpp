// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/TagChips.h"

#include <QPainter>

#include <cmath>

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

QColor tagChipTextOnFill(const QColor &fill)
{
    // WCAG 2: relative luminance and white's contrast ratio with it.
    const auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const double l =
        0.2126 * linear(fill.redF()) + 0.7152 * linear(fill.greenF()) + 0.0722 * linear(fill.blueF());
    return 1.05 / (l + 0.05) >= 3.0 ? QColor(Qt::white) : QColor(Qt::black);
}

void paintTagChip(QPainter *p, const QRectF &rect, const QString &label, const QColor &color,
                  const QFont &font, bool onSelection)
{
    const QColor c = color.isValid() ? color : QColor(Qt::gray);
    QColor fill = c;
    if (!onSelection)
        fill.setAlphaF(0.18f);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(c, 1));
    p->setBrush(fill);
    const qreal radius = rect.height() / 2.0;
    p->drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    p->setFont(font);
    if (onSelection)
        p->setPen(tagChipTextOnFill(c));
    else // a very light colour would vanish on a light row: its darker shade carries the text
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
