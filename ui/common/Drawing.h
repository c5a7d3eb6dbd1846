// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the delegates (the inbox's, the thread's, the search results') and the icons share when
// they paint: the few colours fixed instead of taken from the palette (each means the same in light
// and dark themes, so it must not change with them), and the helpers that derive sizes and colours
// from the option they are given.

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QRgb>
#include <QStyleOption>

#include <cmath>

namespace hiscrm::ui {

// "Needs you": unread badges, a failed reply, its mark and icon.
constexpr QRgb kAlertRed = 0xE5483F;
// "Answer soon": how long a fan has waited.
constexpr QRgb kWaitAmber = 0xD98A1A;

// The font at `factor` times its size, whether it is set in points or pixels.
inline QFont scaled(const QFont &base, qreal factor)
{
    QFont f = base;
    if (base.pointSizeF() > 0)
        f.setPointSizeF(base.pointSizeF() * factor);
    else if (base.pixelSize() > 0)
        f.setPixelSize(qMax(1, qRound(base.pixelSize() * factor)));
    return f;
}

// The colour t of the way from a to b (0: a, 1: b).
inline QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// WCAG 2 contrast ratio of two opaque colours: 1 (none) to 21 (black on white).
inline qreal contrastRatio(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](qreal v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

// A colour with alpha as it shows over an opaque background.
inline QColor over(const QColor &top, const QColor &background)
{
    return blend(background, QColor(top.rgb()), top.alphaF());
}

// The palette's colour group for an item as its state says: disabled, active or inactive.
inline QPalette::ColorGroup colorGroup(const QStyleOption &option)
{
    return !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
           : (option.state & QStyle::State_Active) ? QPalette::Active
                                                   : QPalette::Inactive;
}

// "This did not go out": a red disc with a white "!" filling `circle`.
inline void drawAlertMark(QPainter *p, const QRectF &circle, const QFont &font)
{
    p->save();
    p->setPen(Qt::NoPen);
    p->setBrush(QColor::fromRgb(kAlertRed));
    p->drawEllipse(circle);
    QFont bold = font;
    bold.setBold(true);
    p->setFont(bold);
    p->setPen(Qt::white);
    p->drawText(circle, Qt::AlignCenter, QStringLiteral("!"));
    p->restore();
}

// A count (unread messages) in white bold on a `fill` pill that ends at `right`, centred on the
// line that starts at `top` and is `lineHeight` high. Returns the pill's width.
inline int drawCountBadge(QPainter *p, int right, int top, int lineHeight, const QString &count,
                          const QFont &font, const QColor &fill)
{
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const int h = fm.height();
    const int w = qMax(h, fm.horizontalAdvance(count) + h / 2 + 2);
    const QRectF badge(right - w, top + (lineHeight - h) / 2.0, w, h);
    p->save();
    p->setPen(Qt::NoPen);
    p->setBrush(fill);
    p->drawRoundedRect(badge, h / 2.0, h / 2.0);
    p->setFont(bold);
    p->setPen(Qt::white);
    p->drawText(badge, Qt::AlignCenter, count);
    p->restore();
    return w;
}

} // namespace hiscrm::ui
