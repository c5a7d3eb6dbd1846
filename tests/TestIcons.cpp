// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/Icons.h"

#include <QApplication>
#include <QHash>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSet>
#include <QTest>

using namespace hiscrm::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr QRgb kFailedRed = 0xE5483F;

QList<Glyph> allGlyphs()
{
    QList<Glyph> glyphs;
    for (int i = 0; i < kGlyphCount; ++i)
        glyphs.append(Glyph(i));
    return glyphs;
}

QImage render(const QIcon &icon, int size, QIcon::Mode mode = QIcon::Normal, qreal dpr = 1.0)
{
    return icon.pixmap(QSize(size, size), dpr, mode).toImage().convertToFormat(QImage::Format_ARGB32);
}

// Calls f(x, y, pixel) for every pixel of the image.
template <typename F> void forEachPixel(const QImage &image, F f)
{
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            f(x, y, image.pixel(x, y));
    }
}

double perPixel(const QImage &image, double total)
{
    return total / double(image.width() * image.height());
}

// Share of the image's pixels that are not fully transparent.
double coverage(const QImage &image)
{
    double painted = 0;
    forEachPixel(image, [&](int, int, QRgb px) { painted += qAlpha(px) > 0 ? 1 : 0; });
    return perPixel(image, painted);
}

// Share of the image covered by ink, partly covered pixels counting by their alpha.
double ink(const QImage &image)
{
    double sum = 0;
    forEachPixel(image, [&](int, int, QRgb px) { sum += qAlpha(px) / 255.0; });
    return perPixel(image, sum);
}

// The most frequent colour among the fully opaque pixels: the colour the glyph is drawn in.
QColor dominantColor(const QImage &image)
{
    QHash<QRgb, int> counts;
    forEachPixel(image, [&](int, int, QRgb px) {
        if (qAlpha(px) == 255)
            ++counts[px];
    });
    QRgb best = 0;
    int bestCount = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > bestCount) {
            best = it.key();
            bestCount = it.value();
        }
    }
    return bestCount ? QColor(best) : QColor();
}

int differingPixels(const QImage &a, const QImage &b)
{
    int n = 0;
    forEachPixel(a, [&](int x, int y, QRgb px) { n += px != b.pixel(x, y) ? 1 : 0; });
    return n;
}

QPalette paletteWith(const QColor &buttonText, const QColor &button,
                     const QColor &highlightedText = Qt::white)
{
    QPalette palette = QApplication::palette();
    for (const auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        palette.setColor(group, QPalette::ButtonText, buttonText);
        palette.setColor(group, QPalette::Button, button);
        palette.setColor(group, QPalette::HighlightedText, highlightedText);
    }
    return palette;
}

} // namespace

class TestIcons : public QObject
{
    Q_OBJECT

private:
    QPalette m_original;

private slots:
    void initTestCase() { m_original = QApplication::palette(); }
    void init() { QApplication::setPalette(paletteWith(Qt::black, Qt::white)); }
    void cleanup() { QApplication::setPalette(m_original); }

    void paintsOnlyInsideItsSquare_data()
    {
        QTest::addColumn<int>("glyph");
        QTest::addColumn<int>("size");
        for (const Glyph g : allGlyphs()) {
            for (const int size : {16, 24, 32}) {
                const QString name = icon(g).name() + u'@' + QString::number(size);
                QTest::newRow(qPrintable(name)) << int(g) << size;
            }
        }
    }

    void paintsOnlyInsideItsSquare()
    {
        QFETCH(int, glyph);
        QFETCH(int, size);
        const QIcon ic = icon(Glyph(glyph));

        const QImage pm = render(ic, size);
        QCOMPARE(pm.size(), QSize(size, size));
        const double share = coverage(pm);
        QVERIFY2(share >= 0.05 && share <= 0.70, qPrintable(u"coverage %1"_s.arg(share)));

        // Painted through QIcon::paint into a larger canvas, nothing lands outside the target square.
        const int margin = 8;
        QImage canvas(size + 2 * margin, size + 2 * margin, QImage::Format_ARGB32);
        canvas.fill(Qt::transparent);
        {
            QPainter p(&canvas);
            ic.paint(&p, QRect(margin, margin, size, size));
        }
        const QRect inside(margin, margin, size, size);
        int outside = 0, within = 0;
        forEachPixel(canvas, [&](int x, int y, QRgb px) {
            if (qAlpha(px) > 0)
                ++(inside.contains(x, y) ? within : outside);
        });
        QCOMPARE(outside, 0);
        QVERIFY(within > 0);
    }

    void glyphsAreDistinct()
    {
        for (const int size : {16, 24, 32}) {
            QList<QImage> images;
            for (const Glyph g : allGlyphs())
                images.append(render(icon(g), size));
            for (int a = 0; a < images.size(); ++a) {
                for (int b = a + 1; b < images.size(); ++b) {
                    const int differ = differingPixels(images[a], images[b]);
                    QVERIFY2(differ >= size * size / 20,
                             qPrintable(u"%1 and %2 at %3 px differ in %4 pixels"_s
                                            .arg(icon(Glyph(a)).name(), icon(Glyph(b)).name())
                                            .arg(size)
                                            .arg(differ)));
                }
            }
        }
    }

    void modesHaveTheirColours()
    {
        const QColor text(Qt::black), button(Qt::white), selected(0x2060C0);
        QApplication::setPalette(paletteWith(text, button, selected));
        for (const Glyph g : allGlyphs()) {
            if (g == Glyph::Failed)
                continue;
            const QIcon ic = icon(g);
            const QColor normal = dominantColor(render(ic, 32, QIcon::Normal));
            const QColor active = dominantColor(render(ic, 32, QIcon::Active));
            const QColor disabled = dominantColor(render(ic, 32, QIcon::Disabled));
            QCOMPARE(normal, text);
            QCOMPARE(active, text);
            QCOMPARE(dominantColor(render(ic, 32, QIcon::Selected)), selected);
            // Disabled is dimmed: between ButtonText and Button, nearer the text.
            QVERIFY2(disabled != normal, qPrintable(ic.name()));
            QVERIFY(disabled.red() > text.red() && disabled.red() < (text.red() + button.red()) / 2);
            QCOMPARE(disabled.red(), disabled.green());
            QCOMPARE(disabled.green(), disabled.blue());
        }
    }

    void followsTheApplicationPalette()
    {
        // Icons made once keep following the palette, as on a switch between light and dark themes.
        QList<QIcon> icons;
        for (const Glyph g : allGlyphs())
            icons.append(icon(g));
        for (const QColor colour : {QColor(Qt::red), QColor(Qt::blue), QColor(0xEEEEEE)}) {
            QApplication::setPalette(paletteWith(colour, Qt::darkGray));
            for (const QIcon &ic : icons) {
                const QColor expected = ic.name() == "hiscrm-failed"_L1 ? QColor(kFailedRed) : colour;
                QCOMPARE(dominantColor(render(ic, 24)), expected);
            }
        }
    }

    void failedKeepsItsColoursInEveryMode()
    {
        const QIcon failed = icon(Glyph::Failed);
        for (const auto mode : {QIcon::Normal, QIcon::Active, QIcon::Disabled, QIcon::Selected}) {
            const QImage image = render(failed, 32, mode);
            QCOMPARE(dominantColor(image), QColor(kFailedRed));
            QVERIFY(image.pixelColor(16, 13) == QColor(Qt::white)); // the exclamation mark's bar
        }
    }

    void highDpiPixmapHasTwiceThePixels()
    {
        for (const Glyph g : allGlyphs()) {
            const QIcon ic = icon(g);
            for (const int size : {16, 24}) {
                const QPixmap pm = ic.pixmap(QSize(size, size), 2.0);
                QCOMPARE(pm.size(), QSize(2 * size, 2 * size));
                QCOMPARE(pm.deviceIndependentSize(), QSizeF(size, size));
                QCOMPARE(pm.devicePixelRatio(), 2.0);
                // The same drawing, finer: about the same share of the square is inked.
                const double fine = ink(pm.toImage().convertToFormat(QImage::Format_ARGB32));
                const double coarse = ink(render(ic, size));
                QVERIFY2(
                    qAbs(fine - coarse) < 0.2 * coarse,
                    qPrintable(u"%1 at %2 px: %3 vs %4"_s.arg(ic.name()).arg(size).arg(fine).arg(coarse)));
            }
        }
    }

    void engineDescribesItself()
    {
        QSet<QString> names;
        for (const Glyph g : allGlyphs()) {
            const QIcon ic = icon(g);
            QVERIFY(!ic.isNull());
            QVERIFY(ic.name().startsWith("hiscrm-"_L1));
            names.insert(ic.name());
            // Square: the largest square inside the requested size.
            QCOMPARE(ic.actualSize(QSize(40, 24)), QSize(24, 24));
            QCOMPARE(ic.pixmap(QSize(40, 24)).size(), QSize(24, 24));
            // A detached copy (clone()) draws the same.
            QIcon copy = ic;
            copy.detach();
            QCOMPARE(copy.name(), ic.name());
            QCOMPARE(render(copy, 24), render(ic, 24));
        }
        QCOMPARE(names.size(), kGlyphCount);
    }

    void paintGlyphUsesTheGivenColour()
    {
        QImage image(32, 32, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        {
            QPainter p(&image);
            paintGlyph(&p, QRectF(0, 0, 32, 32), Glyph::Search, QColor(0x00A050));
        }
        QCOMPARE(dominantColor(image), QColor(0x00A050));
        const double share = coverage(image);
        QVERIFY(share > 0.05 && share < 0.70);
    }
};

QTEST_MAIN(TestIcons)
#include "TestIcons.moc"
