// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the inbox's delegates and icons share when they paint: the few colours fixed instead of
// taken from the palette (each means the same in light and dark themes, so it must not change with
// them), and the helpers that derive sizes and colours from the option they are given.

#include <QColor>
#include <QFont>
#include <QRgb>

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

} // namespace hiscrm::ui
