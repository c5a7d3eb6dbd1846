// SPDX-License-Identifier: GPL-3.0-or-later
// The light and dark themes' palettes (contrast by WCAG 2), switching themes and text size live,
// and "system" giving back exactly the platform's style, palette and font.

#include "ui/common/Icons.h"
#include "ui/common/TagChips.h"
#include "ui/search/SearchPanel.h"
#include "ui/settings/Settings.h"
#include "ui/settings/Theme.h"
#include "ui/thread/TagDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPainter>
#include <QProxyStyle>
#include <QPushButton>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>

using namespace hiscrm::ui;
using namespace Qt::StringLiterals;

namespace {

// WCAG 2 relative luminance of an sRGB colour.
double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

// WCAG 2 contrast ratio, 1 (none) to 21 (black on white).
double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QString describe(const QPalette &p, QPalette::ColorGroup group, QPalette::ColorRole fg,
                 QPalette::ColorRole bg)
{
    return u"%1 on %2 (group %3): %4 on %5 = %6:1"_s.arg(int(fg))
        .arg(int(bg))
        .arg(int(group))
        .arg(p.color(group, fg).name(), p.color(group, bg).name())
        .arg(contrastRatio(p.color(group, fg), p.color(group, bg)), 0, 'f', 2);
}

// The roles a palette has in Qt 6.4 and later, NoRole aside.
QList<QPalette::ColorRole> roles()
{
    QList<QPalette::ColorRole> out;
    for (int r = 0; r < QPalette::NColorRoles; ++r) {
        if (r != QPalette::NoRole)
            out << QPalette::ColorRole(r);
    }
    return out;
}

bool samePalette(const QPalette &a, const QPalette &b, QString *difference)
{
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        for (QPalette::ColorRole r : roles()) {
            if (a.brush(g, r) != b.brush(g, r)) {
                *difference = u"group %1 role %2: %3 vs %4"_s.arg(int(g)).arg(int(r)).arg(
                    a.color(g, r).name(QColor::HexArgb), b.color(g, r).name(QColor::HexArgb));
                return false;
            }
        }
    }
    return true;
}

// Fusion, showing icons on dialog buttons or not.
class IconsOnDialogButtons : public QProxyStyle
{
public:
    explicit IconsOnDialogButtons(bool shown)
        : QProxyStyle(QStyleFactory::create(u"Fusion"_s))
        , m_shown(shown)
    {}
    int styleHint(StyleHint hint, const QStyleOption *option, const QWidget *widget,
                  QStyleHintReturn *returnData) const override
    {
        if (hint == SH_DialogButtonBox_ButtonsHaveIcons)
            return m_shown ? 1 : 0;
        return QProxyStyle::styleHint(hint, option, widget, returnData);
    }

private:
    bool m_shown;
};

// How many of the icon's opaque pixels stand out from bg by 3:1 at least, at 16×16.
int inkAgainst(const QIcon &icon, const QColor &bg)
{
    const QImage image = icon.pixmap(16, 16).toImage().convertToFormat(QImage::Format_ARGB32);
    int ink = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            ink += c.alpha() >= 160 && contrastRatio(c, bg) >= 3.0 ? 1 : 0;
        }
    }
    return ink;
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void palettesAreComplete_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << u"light"_s;
        QTest::newRow("dark") << u"dark"_s;
    }

    // Every role of every group is ours, so nothing is filled in from a platform palette that may
    // be of the other brightness.
    void palettesAreComplete()
    {
        QFETCH(QString, theme);
        const QPalette p = themePalette(theme);
        for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
            for (QPalette::ColorRole r : roles())
                QVERIFY2(p.isBrushSet(g, r),
                         qPrintable(u"group %1 role %2 not set"_s.arg(int(g)).arg(int(r))));
        }
    }

    void contrast_data() { palettesAreComplete_data(); }

    void contrast()
    {
        QFETCH(QString, theme);
        const QPalette p = themePalette(theme);
        for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive}) {
            const auto atLeast = [&](QPalette::ColorRole fg, QPalette::ColorRole bg, double ratio) {
                return std::pair{contrastRatio(p.color(g, fg), p.color(g, bg)) >= ratio,
                                 describe(p, g, fg, bg)};
            };
            for (const auto &[ok, what] : {
                     atLeast(QPalette::Text, QPalette::Base, 7),
                     atLeast(QPalette::WindowText, QPalette::Window, 7),
                     atLeast(QPalette::ButtonText, QPalette::Button, 7),
                     atLeast(QPalette::ToolTipText, QPalette::ToolTipBase, 7),
                     // Chat bubbles: text on AlternateBase reads as well as on Base.
                     atLeast(QPalette::Text, QPalette::AlternateBase, 7),
                     atLeast(QPalette::HighlightedText, QPalette::Highlight, 4.5),
                     atLeast(QPalette::Link, QPalette::Base, 4.5),
                     atLeast(QPalette::LinkVisited, QPalette::Base, 4.5),
                 })
                QVERIFY2(ok, qPrintable(what));

            // The composer's placeholder: readable, yet visibly not text.
            const double placeholder =
                contrastRatio(p.color(g, QPalette::PlaceholderText), p.color(g, QPalette::Base));
            QVERIFY2(placeholder >= 2.5 && placeholder <= 4.5,
                     qPrintable(describe(p, g, QPalette::PlaceholderText, QPalette::Base)));
            QVERIFY(placeholder < contrastRatio(p.color(g, QPalette::Text), p.color(g, QPalette::Base)));

            // AlternateBase must be told apart from Base (bubbles, alternating rows).
            QVERIFY2(contrastRatio(p.color(g, QPalette::AlternateBase), p.color(g, QPalette::Base)) >= 1.1,
                     qPrintable(describe(p, g, QPalette::AlternateBase, QPalette::Base)));
        }

        // Disabled text is dimmer than active text, on the background it is drawn on.
        for (const auto &[fg, bg] :
             {std::pair{QPalette::Text, QPalette::Base}, std::pair{QPalette::WindowText, QPalette::Window},
              std::pair{QPalette::ButtonText, QPalette::Button}}) {
            const double active = contrastRatio(p.color(QPalette::Active, fg), p.color(QPalette::Active, bg));
            const double disabled =
                contrastRatio(p.color(QPalette::Disabled, fg), p.color(QPalette::Disabled, bg));
            QVERIFY2(disabled < active / 2,
                     qPrintable(describe(p, QPalette::Disabled, fg, bg) + u" vs active %1"_s.arg(active)));
            // Still legible as "there, but off".
            QVERIFY2(disabled >= 1.8, qPrintable(describe(p, QPalette::Disabled, fg, bg)));
        }
    }

    // A tag's chip on a selected row (the highlight behind it): filled with the tag's colour, its
    // name in white or black, whichever reads at 3:1 at least, for every colour a tag can have.
    // Tinted as on other rows, a red name on the blue highlight could not be read.
    void tagChipsReadOnASelectedRow()
    {
        const QColor highlight = themePalette(u"light"_s).color(QPalette::Highlight);
        for (const QColor &tag : TagDialog::palette()) {
            const QColor text = tagChipTextOnFill(tag);
            QVERIFY2(
                contrastRatio(text, tag) >= 3.0,
                qPrintable(u"%1 on %2: %3"_s.arg(text.name(), tag.name()).arg(contrastRatio(text, tag))));
            QImage image(120, 24, QImage::Format_RGB32);
            image.fill(highlight);
            {
                QPainter p(&image);
                QFont font;
                font.setPixelSize(14);
                paintTagChip(&p, QRectF(0, 0, 120, 24), u"重要客户"_s, tag, font, true);
            }
            int fill = 0, letters = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    fill += c == tag ? 1 : 0;
                    letters += c == text ? 1 : 0;
                }
            }
            QVERIFY2(fill > image.width() * image.height() / 3, qPrintable(tag.name()));
            QVERIFY2(letters > 20, qPrintable(tag.name()));
        }
    }

    // Under either theme the crosses that close things read against what is behind them: the
    // dialogs' Close buttons (where the style shows icons on them) and the search's close button,
    // which is nothing but its icon. The style's own cross is black, lost on the dark theme.
    void closeCrossesReadOnEitherTheme_data() { palettesAreComplete_data(); }

    void closeCrossesReadOnEitherTheme()
    {
        QFETCH(QString, theme);
        applyAppearance(theme, 0);
        const QPalette p = QApplication::palette();
        QTemporaryDir dir;
        SearchPanel panel(dir.filePath(u"none.db"_s));
        auto *searchClose = panel.findChild<QToolButton *>(u"searchCloseButton"_s);
        QVERIFY(searchClose);
        const int searchInk = inkAgainst(searchClose->icon(), p.color(QPalette::Window));
        // Dialog buttons: with icons as on Linux desktops (the offscreen platform shows none), and
        // without, where nothing is added.
        IconsOnDialogButtons withIcons(true), withoutIcons(false);
        int dialogInk = -1;
        bool plain = false;
        for (IconsOnDialogButtons *style : {&withIcons, &withoutIcons}) {
            QDialogButtonBox box(QDialogButtonBox::Close);
            QPushButton *close = box.button(QDialogButtonBox::Close);
            close->setIcon(QIcon()); // as the platform's hint would have it
            close->setStyle(style);
            useCloseGlyph(&box);
            if (style == &withIcons)
                dialogInk = inkAgainst(close->icon(), p.color(QPalette::Button));
            else
                plain = close->icon().isNull();
        }
        applyAppearance(u"system"_s, 0);
        QVERIFY2(searchInk >= 12, qPrintable(QString::number(searchInk)));
        QVERIFY2(dialogInk >= 12, qPrintable(QString::number(dialogInk)));
        QVERIFY(plain);
    }

    void themesDiffer()
    {
        const QPalette light = themePalette(u"light"_s);
        const QPalette dark = themePalette(u"dark"_s);
        QVERIFY(luminance(light.color(QPalette::Base)) > 0.8);
        QVERIFY(luminance(dark.color(QPalette::Base)) < 0.05);
        QVERIFY(luminance(light.color(QPalette::Window)) > luminance(dark.color(QPalette::Window)));
    }

    void switchingRestoresThePlatformLook_data()
    {
        QTest::addColumn<QString>("platformStyle");
        // Not Fusion: a platform style that light and dark really replace. Adwaita comes from
        // installer/setup-deps.sh (adwaita-qt6); Adwaita-Dark brings a dark palette of its own.
        for (const char *style : {"Windows", "Adwaita", "Adwaita-Dark"})
            QTest::newRow(style) << QString::fromLatin1(style);
    }

    void switchingRestoresThePlatformLook()
    {
        QFETCH(QString, platformStyle);
        if (!QStyleFactory::keys().contains(platformStyle, Qt::CaseInsensitive))
            QSKIP("style not installed (installer/setup-deps.sh installs adwaita-qt6)");
        // As if the platform had chosen it at start-up.
        applyAppearance(u"system"_s, 0);
        QVERIFY(QApplication::setStyle(platformStyle));
        const QString styleName = QApplication::style()->name();
        const QString styleObjectName = QApplication::style()->objectName();
        const QPalette palette = QApplication::palette();
        QCOMPARE(styleName, platformStyle.toLower());

        QLineEdit shown;
        shown.show();
        QVERIFY(QTest::qWaitForWindowExposed(&shown));

        QString difference;
        for (const QString &theme : {u"light"_s, u"dark"_s, u"light"_s}) {
            applyAppearance(theme, 0);
            QCOMPARE(QApplication::style()->name(), u"fusion"_s);
            QVERIFY2(samePalette(QApplication::palette(), themePalette(theme), &difference),
                     qPrintable(difference));
            // Live: the widget already on screen takes the new look once the event loop turns.
            QCOMPARE(shown.style(), QApplication::style());
            QTRY_COMPARE(shown.palette().color(QPalette::Base), themePalette(theme).color(QPalette::Base));
            QTRY_COMPARE(shown.palette().color(QPalette::PlaceholderText),
                         themePalette(theme).color(QPalette::PlaceholderText));
            QCOMPARE(systemStyleName(), styleName);
        }

        applyAppearance(u"system"_s, 0);
        QCOMPARE(QApplication::style()->name(), styleName);
        QCOMPARE(QApplication::style()->objectName(), styleObjectName);
        QCOMPARE(shown.style(), QApplication::style());
        QVERIFY2(samePalette(QApplication::palette(), palette, &difference), qPrintable(difference));
        QTRY_VERIFY2(samePalette(shown.palette(), palette, &difference), qPrintable(difference));
        QCOMPARE(systemStyleName(), styleName);

        // "system" again is no change at all: the style object stays.
        QStyle *before = QApplication::style();
        applyAppearance(u"system"_s, 0);
        QCOMPARE(QApplication::style(), before);
    }

    void unknownThemeMeansSystem()
    {
        applyAppearance(u"system"_s, 0);
        const QString styleName = QApplication::style()->name();
        applyAppearance(u"dark"_s, 0);
        applyAppearance(u"solarized"_s, 0);
        QCOMPARE(QApplication::style()->name(), styleName);
    }

    void fontSizeAppliesAndZeroRestores()
    {
        applyAppearance(u"system"_s, 0);
        const QFont original = QApplication::font();
        QLineEdit shown;
        shown.show();
        QVERIFY(QTest::qWaitForWindowExposed(&shown));
        const int other = original.pointSize() == 14 ? 15 : 14;

        applyAppearance(u"system"_s, other);
        QCOMPARE(QApplication::font().pointSize(), other);
        QCOMPARE(QApplication::font().family(), original.family());
        QTRY_COMPARE(shown.font().pointSize(), other);
        QCOMPARE(systemFont(), original);

        // A theme switch keeps the size, and the size survives it.
        applyAppearance(u"dark"_s, other);
        QCOMPARE(QApplication::font().pointSize(), other);

        applyAppearance(u"dark"_s, 30);
        QCOMPARE(QApplication::font().pointSize(), Settings::kMaxFontSize);
        applyAppearance(u"dark"_s, 3);
        QCOMPARE(QApplication::font().pointSize(), Settings::kMinFontSize);

        applyAppearance(u"system"_s, 0);
        QCOMPARE(QApplication::font(), original);
        QTRY_COMPARE(shown.font(), original);
    }

    void followsTheSettings()
    {
        applyAppearance(u"system"_s, 0);
        const QString styleName = QApplication::style()->name();
        const QPalette palette = QApplication::palette();
        const QFont font = QApplication::font();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Settings s(dir.filePath(u"settings.ini"_s));
        s.setTheme(u"dark"_s);
        s.setFontSize(17);
        QCOMPARE(QApplication::style()->name(), styleName); // not following yet

        followAppearanceSettings(&s); // applies what is set now
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 themePalette(u"dark"_s).color(QPalette::Window));
        QCOMPARE(QApplication::font().pointSize(), 17);

        s.setTheme(u"light"_s); // and every change
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 themePalette(u"light"_s).color(QPalette::Window));
        s.setFontSize(0);
        QCOMPARE(QApplication::font(), font);
        s.setTheme(u"system"_s);
        QCOMPARE(QApplication::style()->name(), styleName);
        QString difference;
        QVERIFY2(samePalette(QApplication::palette(), palette, &difference), qPrintable(difference));
    }
};

QTEST_MAIN(TestTheme)
#include "TestTheme.moc"
