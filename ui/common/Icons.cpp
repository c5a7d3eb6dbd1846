// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/Icons.h"

#include "ui/common/Drawing.h"

#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QPalette>
#include <QPixmap>
#include <QPushButton>
#include <QStyle>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <numbers>

namespace hiscrm::ui {

namespace {

// Failed is kAlertRed in every theme and mode, like the conversation list's badge.
constexpr QRgb kFailedMark = 0xFFFFFF;

// How far the Disabled colour moves from ButtonText toward Button.
constexpr qreal kDisabledBlend = 0.4;

// Glyphs are designed on a 24-unit grid. The pen is 1.5 px at 16 px and grows with the size.
constexpr qreal kGrid = 24.0;
constexpr qreal kMinPen = 1.5;
constexpr qreal kPenPerPixel = 1.0 / 12.0;
// The clearance a strike-through or a badge keeps from the outline beneath it, in pens.
constexpr qreal kGapPerPen = 0.6;

// Shapes shared by a glyph and its struck-through or decorated twin.
constexpr const char *kPinShape =
    "M8 2.5 H16 M10 2.5 V9.5 L6.5 13 V15.5 H17.5 V13 L14 9.5 V2.5 M12 15.5 V21.5";
constexpr const char *kBellShape =
    "M4.5 17.5 H19.5 L18 15.5 V11 A6 6 0 0 0 6 11 V15.5 Z M12 2.5 V5 M10.2 20.5 A2 2 0 0 0 13.8 20.5";
constexpr const char *kBoxShape = "R2 3.5 20 5 1 M4 8.5 V18.5 A2 2 0 0 0 6 20.5 H18 A2 2 0 0 0 20 18.5 V8.5";
constexpr const char *kSlash = "M3.5 3.5 L20.5 20.5";

// One glyph: the paths below use SVG path syntax (M L H V C Q A Z, absolute or relative) plus two
// shorthands, "O cx cy r" for a circle and "R x y w h r" for a rounded rectangle. The top layer is
// painted over the base; when it is in the glyph's colour the base keeps a gap around it, so a
// strike-through or a badge stands apart instead of merging into the outline.
struct GlyphSpec
{
    const char *name;
    const char *stroke;         // base outlines, drawn with the pen
    const char *fill = "";      // base solid areas
    const char *topStroke = ""; // top layer outlines
    const char *topFill = "";   // top layer solid areas
    QRgb baseColor = 0;         // fixed colours; 0 takes the requested colour
    QRgb topColor = 0;
};

// Indexed by Glyph.
constexpr std::array<GlyphSpec, kGlyphCount> kGlyphs = {{
    {"mark-read", "M3 10 L12 3.5 L21 10 V19 A2 2 0 0 1 19 21 H5 A2 2 0 0 1 3 19 Z M3 10 L12 15.5 L21 10"},
    {"mark-unread", "R2 6 17 14 2 M2.5 8 L10.5 13.5 L18.5 8", "", "", "O19.5 5.5 3.5"},
    {"pin", kPinShape},
    {"unpin", kPinShape, "", kSlash},
    {"archive", kBoxShape, "", "M10 12.5 H14"},
    {"unarchive", kBoxShape, "", "M12 18 V12 M9.5 14.5 L12 12 L14.5 14.5"},
    {"mute", kBellShape, "", kSlash},
    {"unmute", kBellShape},
    {"tag", "M3 4 A1 1 0 0 1 4 3 H11.5 L21 12.5 L12.5 21 L3 11.5 Z", "O7.5 7.5 2"},
    {"user-card", "R2 3 20 18 2.5 O12 9.5 3 M6.5 21 A5.5 5.5 0 0 1 17.5 21"},
    {"search", "O10.5 10.5 6.5 M15.5 15.5 L21 21"},
    {"close", "M6 6 L18 18 M18 6 L6 18"},
    {"send", "M21.5 2.5 L2.5 9.5 L10.5 13.5 L14.5 21.5 Z M21.5 2.5 L10.5 13.5"},
    {"quick-reply", "M13 2 L4 14 H12 L11 22 L20 10 H12 Z"},
    {"retry", "M20 12 A8 8 0 1 1 17.66 6.34 V1.84 M17.66 6.34 H13.16"},
    {"jump-up", "M12 20 V4.5 M5.5 11 L12 4.5 L18.5 11"},
    {"keyboard", "R2 5 20 14 2 M6 9.5 h0 M10 9.5 h0 M14 9.5 h0 M18 9.5 h0 M7.5 14.5 H16.5"},
    {"settings",
     "M9.96 4.89 L10.44 2.12 A10 10 0 0 1 13.56 2.12 L14.04 4.89 A7.4 7.4 0 0 1 15.59 5.53 L17.88 3.91 "
     "A10 10 0 0 1 20.09 6.12 L18.47 8.41 A7.4 7.4 0 0 1 19.11 9.96 L21.88 10.44 A10 10 0 0 1 21.88 13.56 "
     "L19.11 14.04 A7.4 7.4 0 0 1 18.47 15.59 L20.09 17.88 A10 10 0 0 1 17.88 20.09 L15.59 18.47 "
     "A7.4 7.4 0 0 1 14.04 19.11 L13.56 21.88 A10 10 0 0 1 10.44 21.88 L9.96 19.11 A7.4 7.4 0 0 1 8.41 18.47 "
     "L6.12 20.09 A10 10 0 0 1 3.91 17.88 L5.53 15.59 A7.4 7.4 0 0 1 4.89 14.04 L2.12 13.56 "
     "A10 10 0 0 1 2.12 10.44 L4.89 9.96 A7.4 7.4 0 0 1 5.53 8.41 L3.91 6.12 A10 10 0 0 1 6.12 3.91 "
     "L8.41 5.53 A7.4 7.4 0 0 1 9.96 4.89 Z O12 12 3"},
    {"draft",
     "M3.2 20.8 L8.29 19.39 L20.45 7.22 A2.6 2.6 0 0 0 16.78 3.55 L4.61 15.71 Z M17.62 10.05 L13.95 6.38"},
    {"failed", "", "O12 12 10", "M12 6.5 V12.5 M12 17 h0", "", kAlertRed, kFailedMark},
}};
static_assert(std::ranges::all_of(kGlyphs, [](const GlyphSpec &g) { return g.name != nullptr; }),
              "every Glyph has an entry");

// Reads the next number of a path, skipping separators; false at the end or at a command letter.
bool nextNumber(const char *&s, qreal &out)
{
    while (*s == ' ' || *s == ',')
        ++s;
    if (*s == '\0' || std::isalpha(static_cast<unsigned char>(*s)))
        return false;
    // from_chars, unlike strtod, ignores the locale that QCoreApplication sets from the environment.
    const auto [end, error] = std::from_chars(s, s + std::strlen(s), out);
    if (error != std::errc())
        return false;
    s = end;
    return true;
}

// QPainterPath drops a line to where it already is; a hair-long one stays, and the pen's round
// cap draws it as a dot.
void lineTo(QPainterPath &path, QPointF to)
{
    path.lineTo(to == path.currentPosition() ? to + QPointF(0.01, 0) : to);
}

// SVG's endpoint arc (without rotation) as QPainterPath's centre-and-angles arc.
void arcTo(QPainterPath &path, QPointF from, qreal rx, qreal ry, bool large, bool sweep, QPointF to)
{
    if (rx <= 0 || ry <= 0 || from == to) {
        path.lineTo(to);
        return;
    }
    const qreal hx = (from.x() - to.x()) / 2, hy = (from.y() - to.y()) / 2;
    const qreal lambda = hx * hx / (rx * rx) + hy * hy / (ry * ry);
    if (lambda > 1) {
        rx *= std::sqrt(lambda);
        ry *= std::sqrt(lambda);
    }
    const qreal num = rx * rx * ry * ry - rx * rx * hy * hy - ry * ry * hx * hx;
    const qreal den = rx * rx * hy * hy + ry * ry * hx * hx;
    const qreal k = (large != sweep ? 1 : -1) * std::sqrt(std::max<qreal>(0, num / den));
    const qreal cx = k * rx * hy / ry + (from.x() + to.x()) / 2;
    const qreal cy = -k * ry * hx / rx + (from.y() + to.y()) / 2;
    const qreal a1 = std::atan2((from.y() - cy) / ry, (from.x() - cx) / rx);
    qreal delta = std::atan2((to.y() - cy) / ry, (to.x() - cx) / rx) - a1;
    if (sweep && delta < 0)
        delta += 2 * std::numbers::pi;
    else if (!sweep && delta > 0)
        delta -= 2 * std::numbers::pi;
    // Qt measures angles counter-clockwise on screen, SVG clockwise.
    const qreal toDegrees = 180 / std::numbers::pi;
    path.arcTo(QRectF(cx - rx, cy - ry, 2 * rx, 2 * ry), -a1 * toDegrees, -delta * toDegrees);
}

QPainterPath parsePath(const char *s)
{
    QPainterPath path;
    char command = 0;
    qreal v[7] = {};
    const auto read = [&](int count) {
        for (int i = 0; i < count; ++i) {
            if (!nextNumber(s, v[i]))
                return false;
        }
        return true;
    };
    for (;;) {
        while (*s == ' ' || *s == ',')
            ++s;
        if (*s == '\0')
            break;
        if (std::isalpha(static_cast<unsigned char>(*s)))
            command = *s++;
        const bool relative = std::islower(static_cast<unsigned char>(command));
        const QPointF at = path.currentPosition();
        const QPointF base = relative ? at : QPointF();
        switch (std::toupper(static_cast<unsigned char>(command))) {
        case 'M':
            if (!read(2))
                return path;
            path.moveTo(base + QPointF(v[0], v[1]));
            command = relative ? 'l' : 'L'; // further pairs are lines
            break;
        case 'L':
            if (!read(2))
                return path;
            lineTo(path, base + QPointF(v[0], v[1]));
            break;
        case 'H':
            if (!read(1))
                return path;
            lineTo(path, QPointF(base.x() + v[0], at.y()));
            break;
        case 'V':
            if (!read(1))
                return path;
            lineTo(path, QPointF(at.x(), base.y() + v[0]));
            break;
        case 'C':
            if (!read(6))
                return path;
            path.cubicTo(base + QPointF(v[0], v[1]), base + QPointF(v[2], v[3]), base + QPointF(v[4], v[5]));
            break;
        case 'Q':
            if (!read(4))
                return path;
            path.quadTo(base + QPointF(v[0], v[1]), base + QPointF(v[2], v[3]));
            break;
        case 'A':
            if (!read(7))
                return path;
            arcTo(path, at, v[0], v[1], v[3] != 0, v[4] != 0, base + QPointF(v[5], v[6]));
            break;
        case 'Z':
            path.closeSubpath();
            command = 0;
            break;
        case 'O':
            if (!read(3))
                return path;
            path.addEllipse(QPointF(v[0], v[1]), v[2], v[2]);
            break;
        case 'R':
            if (!read(5))
                return path;
            path.addRoundedRect(QRectF(v[0], v[1], v[2], v[3]), v[4], v[4]);
            break;
        default:
            Q_ASSERT_X(false, "parsePath", "unknown command");
            return path;
        }
    }
    return path;
}

// A glyph's paths, parsed once, in grid units.
struct GlyphPaths
{
    QPainterPath stroke, fill, topStroke, topFill;
};

const GlyphPaths &pathsFor(Glyph glyph)
{
    static const std::array<GlyphPaths, kGlyphCount> parsed = [] {
        std::array<GlyphPaths, kGlyphCount> all;
        for (int i = 0; i < kGlyphCount; ++i) {
            const GlyphSpec &g = kGlyphs[size_t(i)];
            all[size_t(i)] = {parsePath(g.stroke), parsePath(g.fill), parsePath(g.topStroke),
                              parsePath(g.topFill)};
        }
        return all;
    }();
    return parsed[size_t(glyph)];
}

// Where a glyph lands on the device, and the pen it is drawn with there.
struct Raster
{
    QTransform toDevice; // grid units to device pixels
    qreal pen = 0;       // in device pixels
    bool snap = false;   // the device is an axis-aligned pixel grid: hint outlines onto it
};

// Moves an outline's points so that the pen's edges fall on pixel boundaries, which keeps the
// horizontal and vertical strokes of a small glyph sharp instead of smeared over two grey pixels.
// In a subpath with straight segments every end point is hinted and a curve's control points follow
// their end point; a subpath of curves alone (a circle) moves as a whole, so it stays round. A
// segment that collapses to a point is kept a hair long, so the pen's round cap still draws a dot.
QPainterPath hinted(const QPainterPath &path, const Raster &raster)
{
    if (!raster.snap)
        return path;
    const auto snap = [&](QPointF c) {
        const auto axis = [&](qreal v) {
            return std::round(v - raster.pen / 2) + raster.pen / 2;
        };
        return QPointF(axis(c.x()), axis(c.y()));
    };
    QPainterPath out = path;
    const int count = out.elementCount();
    const auto move = [&](int i, QPointF shift) {
        const QPointF at = QPointF(out.elementAt(i)) + shift;
        out.setElementPositionAt(i, at.x(), at.y());
    };
    for (int first = 0; first < count;) {
        int end = first + 1;
        bool straight = false;
        for (; end < count && out.elementAt(end).type != QPainterPath::MoveToElement; ++end)
            straight = straight || out.elementAt(end).type == QPainterPath::LineToElement;
        if (!straight) {
            QPointF topLeft = out.elementAt(first);
            for (int i = first; i < end; ++i)
                topLeft =
                    QPointF(qMin(topLeft.x(), out.elementAt(i).x), qMin(topLeft.y(), out.elementAt(i).y));
            const QPointF shift = snap(topLeft) - topLeft;
            for (int i = first; i < end; ++i)
                move(i, shift);
        } else {
            QPointF last, lastShift;
            for (int i = first; i < end; ++i) {
                const QPainterPath::Element e = out.elementAt(i);
                if (e.type == QPainterPath::CurveToElement && i + 2 < end) {
                    const QPointF to = out.elementAt(i + 2);
                    const QPointF shift = snap(to) - to;
                    move(i, lastShift);
                    move(i + 1, shift);
                    move(i + 2, shift);
                    last = to + shift;
                    lastShift = shift;
                    i += 2;
                    continue;
                }
                QPointF to = snap(e);
                if (e.type == QPainterPath::LineToElement && to == last)
                    to.rx() += 0.01;
                lastShift = to - QPointF(e);
                move(i, lastShift);
                last = to;
            }
        }
        first = end;
    }
    return out;
}

// The area a layer covers in device pixels: its outlines widened by the pen, plus its solid parts.
QPainterPath area(const Raster &raster, const QPainterPath &stroke, const QPainterPath &fill)
{
    QPainterPath out;
    out.setFillRule(Qt::WindingFill);
    if (!stroke.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(raster.pen);
        stroker.setCapStyle(Qt::RoundCap);
        stroker.setJoinStyle(Qt::RoundJoin);
        out.addPath(stroker.createStroke(hinted(raster.toDevice.map(stroke), raster)));
    }
    if (!fill.isEmpty())
        out.addPath(raster.toDevice.map(fill));
    return out.simplified();
}

QColor orFixed(QRgb fixed, const QColor &color)
{
    return fixed ? QColor(fixed) : color;
}

QColor colorFor(QIcon::Mode mode)
{
    const QPalette palette = QGuiApplication::palette();
    const QColor text = palette.color(QPalette::Active, QPalette::ButtonText);
    switch (mode) {
    case QIcon::Disabled: {
        const QColor button = palette.color(QPalette::Active, QPalette::Button);
        const auto mix = [](int from, int to) {
            return qRound(from + (to - from) * kDisabledBlend);
        };
        return QColor(mix(text.red(), button.red()), mix(text.green(), button.green()),
                      mix(text.blue(), button.blue()));
    }
    case QIcon::Selected:
        return palette.color(QPalette::Active, QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active:
        break;
    }
    return text;
}

class GlyphIconEngine final : public QIconEngine
{
public:
    explicit GlyphIconEngine(Glyph glyph)
        : m_glyph(glyph)
    {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        paintGlyph(painter, rect, m_glyph, colorFor(mode));
    }

    // Square: the glyph fills the largest square inside the requested size.
    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override
    {
        const int side = qMax(0, qMin(size.width(), size.height()));
        return {side, side};
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return render(actualSize(size, mode, state), 1.0, mode);
    }

    // QIcon::pixmap() asks for a high-DPI pixmap here: until Qt 6.7 with size in device pixels,
    // from Qt 6.8 on in device-independent pixels.
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        return render(actualSize(size, mode, state) * scale, scale, mode);
#else
        return render(actualSize(size, mode, state), scale, mode);
#endif
    }

    QIconEngine *clone() const override
    {
        return new GlyphIconEngine(m_glyph);
    }
    QString key() const override
    {
        return QStringLiteral("hiscrm-glyph");
    }
    QString iconName() override
    {
        return QLatin1String("hiscrm-") + QLatin1String(kGlyphs[size_t(m_glyph)].name);
    }
    bool isNull() override
    {
        return false;
    }

private:
    // A pixmap of device pixels at the given device pixel ratio, transparent around the glyph.
    QPixmap render(const QSize &device, qreal scale, QIcon::Mode mode) const
    {
        if (device.isEmpty() || scale <= 0)
            return {};
        QPixmap pm(device);
        pm.fill(Qt::transparent);
        pm.setDevicePixelRatio(scale);
        QPainter p(&pm);
        paintGlyph(&p, QRectF(QPointF(0, 0), QSizeF(device) / scale), m_glyph, colorFor(mode));
        return pm;
    }

    Glyph m_glyph;
};

} // namespace

QIcon icon(Glyph glyph)
{
    return QIcon(new GlyphIconEngine(glyph));
}

void useCloseGlyph(QDialogButtonBox *box)
{
    QPushButton *close = box ? box->button(QDialogButtonBox::Close) : nullptr;
    if (close && close->style()->styleHint(QStyle::SH_DialogButtonBox_ButtonsHaveIcons, nullptr, close))
        close->setIcon(icon(Glyph::Close));
}

void paintGlyph(QPainter *p, const QRectF &r, Glyph glyph, const QColor &color)
{
    const int index = int(glyph);
    const qreal side = qMin(r.width(), r.height());
    if (!p || side <= 0 || index < 0 || index >= kGlyphCount)
        return;
    const GlyphSpec &spec = kGlyphs[size_t(index)];
    const GlyphPaths &paths = pathsFor(glyph);

    QTransform toRect;
    toRect.translate(r.center().x() - side / 2, r.center().y() - side / 2);
    toRect.scale(side / kGrid, side / kGrid);
    const qreal pen = qMax(kMinPen, side * kPenPerPixel);

    // Shapes are built in device pixels when the painter maps onto them without rotation or shear
    // (a widget, a pixmap at any device pixel ratio), and in the painter's own units otherwise.
    const QTransform device = p->deviceTransform();
    Raster raster;
    raster.snap = device.type() <= QTransform::TxScale && device.isInvertible();
    const QTransform toDevice = raster.snap ? device : QTransform();
    raster.toDevice = toRect * toDevice;
    raster.pen = pen * std::sqrt(std::abs(toDevice.determinant()));
    if (raster.snap) // whole and half pixels hint best
        raster.pen = qMax(kMinPen, std::round(raster.pen * 2) / 2);

    QPainterPath base = area(raster, paths.stroke, paths.fill);
    QPainterPath top = area(raster, paths.topStroke, paths.topFill);
    if (!top.isEmpty() && !spec.topColor) {
        QPainterPathStroker margin;
        margin.setWidth(2 * kGapPerPen * raster.pen);
        margin.setJoinStyle(Qt::RoundJoin);
        base = base.subtracted(top.united(margin.createStroke(top)));
    }
    const QTransform back = toDevice.inverted();

    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(Qt::NoPen);
    p->fillPath(back.map(base), orFixed(spec.baseColor, color));
    p->fillPath(back.map(top), orFixed(spec.topColor, color));
    p->restore();
}

} // namespace hiscrm::ui
