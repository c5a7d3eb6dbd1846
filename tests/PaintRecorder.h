// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A paint device that records what a delegate draws instead of rasterising it: every text run
// with where it went, and the colours of the filled shapes. Tests assert on what a row shows (its
// title, preview, time, avatar) rather than on pixels, which differ between fonts and styles.

#include <QMap>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainterPath>
#include <QStringList>
#include <QTextItem>

namespace testutil {

class PaintRecorder final : public QPaintDevice
{
public:
    struct Text
    {
        QString text;
        QPointF at;
        QColor color;
    };

    explicit PaintRecorder(QSize size)
        : m_size(size)
        , m_engine(this)
    {}

    QPaintEngine *paintEngine() const override { return const_cast<Engine *>(&m_engine); }

    QList<Text> texts;
    QList<QColor> fills; // brush colours of filled shapes, in order

    // What was drawn, one string per baseline, runs joined left to right. A font engine splits one
    // drawText() into runs per script ("粉丝" and "11" of "粉丝11"), so text is matched per line.
    QStringList lines() const
    {
        QMap<int, QMap<qreal, QString>> byLine;
        for (const Text &t : texts)
            byLine[qRound(t.at.y())][t.at.x()] += t.text;
        QStringList out;
        for (const auto &line : byLine) {
            QString joined;
            for (const QString &run : line)
                joined += run;
            out << joined;
        }
        return out;
    }
    // Whether some line shows `text`.
    bool drew(const QString &text) const
    {
        for (const QString &line : lines()) {
            if (line.contains(text))
                return true;
        }
        return false;
    }
    bool filledWith(const QColor &c) const
    {
        for (const QColor &f : fills) {
            if (f.rgb() == c.rgb())
                return true;
        }
        return false;
    }
    void clear()
    {
        texts.clear();
        fills.clear();
    }

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmWidthMM:
            return m_size.width() * 254 / 960;
        case PdmHeightMM:
            return m_size.height() * 254 / 960;
        case PdmNumColors:
            return 0x7fffffff;
        case PdmDepth:
            return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(QPaintDevice::devicePixelRatioFScale());
        default:
            return 0;
        }
    }

private:
    class Engine final : public QPaintEngine
    {
    public:
        explicit Engine(PaintRecorder *owner)
            : QPaintEngine(QPaintEngine::AllFeatures)
            , m_owner(owner)
        {}
        bool begin(QPaintDevice *) override { return true; }
        bool end() override { return true; }
        void updateState(const QPaintEngineState &state) override
        {
            if (state.state() & DirtyBrush)
                m_brush = state.brush();
            if (state.state() & DirtyPen)
                m_pen = state.pen();
            if (state.state() & DirtyTransform)
                m_transform = state.transform();
        }
        void drawTextItem(const QPointF &p, const QTextItem &item) override
        {
            m_owner->texts.append(Text{item.text(), m_transform.map(p), m_pen.color()});
        }
        void drawPath(const QPainterPath &) override { fill(); }
        void drawEllipse(const QRectF &) override { fill(); }
        void drawRects(const QRectF *, int) override { fill(); }
        void drawRects(const QRect *, int) override { fill(); }
        void drawPolygon(const QPointF *, int, PolygonDrawMode) override { fill(); }
        void drawPolygon(const QPoint *, int, PolygonDrawMode) override { fill(); }
        void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override {}
        void drawImage(const QRectF &, const QImage &, const QRectF &, Qt::ImageConversionFlags) override {}
        Type type() const override { return QPaintEngine::User; }

    private:
        void fill()
        {
            if (m_brush.style() != Qt::NoBrush)
                m_owner->fills.append(m_brush.color());
        }
        PaintRecorder *m_owner;
        QBrush m_brush;
        QPen m_pen;
        QTransform m_transform;
    };

    QSize m_size;
    Engine m_engine;
};

} // namespace testutil
