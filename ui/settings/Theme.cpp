// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/Theme.h"

#include "ui/settings/Settings.h"

#include <QApplication>
#include <QPointer>
#include <QStyle>
#include <QStyleFactory>

namespace hiscrm::ui {

namespace {

// The colours a theme chooses; the bevel shades are derived from them as Fusion's own palettes do.
// Contrasts (WCAG) are checked by tests/TestTheme.cpp: text >= 7:1, placeholder 2.5-4.5:1 (visibly
// dimmer than text, still readable), selection >= 4.5:1.
struct Colours
{
    QColor window, windowText, base, alternateBase, text, button, buttonText, brightText;
    QColor highlight, highlightedText, link, linkVisited, toolTipBase, toolTipText, placeholder;
    QColor shadow;
    // The Disabled group: text clearly dimmer than in the Active group, fields flatter.
    QColor disabledText, disabledBase, disabledButton, disabledHighlight, disabledPlaceholder;
};

const Colours &lightColours()
{
    static const Colours c{
        .window = QColor(0xef, 0xef, 0xef),
        .windowText = QColor(0x1b, 0x1b, 0x1b),
        .base = QColor(0xff, 0xff, 0xff),
        // Chat bubbles and alternating rows: a cool grey that stands apart from white.
        .alternateBase = QColor(0xea, 0xee, 0xf4),
        .text = QColor(0x1b, 0x1b, 0x1b),
        .button = QColor(0xf6, 0xf6, 0xf6),
        .buttonText = QColor(0x1b, 0x1b, 0x1b),
        .brightText = QColor(0xff, 0xff, 0xff),
        .highlight = QColor(0x2a, 0x64, 0xc0),
        .highlightedText = QColor(0xff, 0xff, 0xff),
        .link = QColor(0x1a, 0x5f, 0xb4),
        .linkVisited = QColor(0x81, 0x3d, 0x9c),
        .toolTipBase = QColor(0xff, 0xfb, 0xe0),
        .toolTipText = QColor(0x1b, 0x1b, 0x1b),
        .placeholder = QColor(0x85, 0x85, 0x85),
        .shadow = QColor(0x76, 0x76, 0x76),
        .disabledText = QColor(0x9c, 0x9c, 0x9c),
        .disabledBase = QColor(0xf6, 0xf6, 0xf6),
        .disabledButton = QColor(0xef, 0xef, 0xef),
        .disabledHighlight = QColor(0x91, 0x91, 0x91),
        .disabledPlaceholder = QColor(0xb4, 0xb4, 0xb4),
    };
    return c;
}

const Colours &darkColours()
{
    static const Colours c{
        .window = QColor(0x2b, 0x2b, 0x2b),
        .windowText = QColor(0xe6, 0xe6, 0xe6),
        .base = QColor(0x1f, 0x1f, 0x1f),
        .alternateBase = QColor(0x2e, 0x35, 0x40),
        .text = QColor(0xe6, 0xe6, 0xe6),
        .button = QColor(0x36, 0x36, 0x36),
        .buttonText = QColor(0xe6, 0xe6, 0xe6),
        .brightText = QColor(0xff, 0xff, 0xff),
        // The same blue as light: white on it stays above 4.5:1, and a lighter blue would not.
        .highlight = QColor(0x2a, 0x64, 0xc0),
        .highlightedText = QColor(0xff, 0xff, 0xff),
        .link = QColor(0x78, 0xae, 0xed),
        .linkVisited = QColor(0xc0, 0x9a, 0xe8),
        .toolTipBase = QColor(0x3a, 0x3a, 0x3a),
        .toolTipText = QColor(0xe6, 0xe6, 0xe6),
        .placeholder = QColor(0x7d, 0x7d, 0x7d),
        .shadow = QColor(0x0c, 0x0c, 0x0c),
        .disabledText = QColor(0x6b, 0x6b, 0x6b),
        .disabledBase = QColor(0x26, 0x26, 0x26),
        .disabledButton = QColor(0x30, 0x30, 0x30),
        .disabledHighlight = QColor(0x50, 0x50, 0x50),
        .disabledPlaceholder = QColor(0x55, 0x55, 0x55),
    };
    return c;
}

QPalette makePalette(const Colours &c)
{
    QPalette p;
    // QPalette::All sets the Active, Inactive and Disabled groups alike; Disabled is refined below.
    const auto all = [&p](QPalette::ColorRole role, const QColor &colour) {
        p.setColor(QPalette::All, role, colour);
    };
    all(QPalette::Window, c.window);
    all(QPalette::WindowText, c.windowText);
    all(QPalette::Base, c.base);
    all(QPalette::AlternateBase, c.alternateBase);
    all(QPalette::Text, c.text);
    all(QPalette::Button, c.button);
    all(QPalette::ButtonText, c.buttonText);
    all(QPalette::BrightText, c.brightText);
    all(QPalette::Light, c.button.lighter(150));
    all(QPalette::Mid, c.button.darker(130));
    all(QPalette::Midlight, c.button.darker(130).lighter(110));
    all(QPalette::Dark, c.button.darker(150));
    all(QPalette::Shadow, c.shadow);
    all(QPalette::Highlight, c.highlight);
    all(QPalette::HighlightedText, c.highlightedText);
    all(QPalette::Link, c.link);
    all(QPalette::LinkVisited, c.linkVisited);
    all(QPalette::ToolTipBase, c.toolTipBase);
    all(QPalette::ToolTipText, c.toolTipText);
    all(QPalette::PlaceholderText, c.placeholder);
#if QT_VERSION >= QT_VERSION_CHECK(6, 6, 0)
    all(QPalette::Accent, c.highlight);
#endif

    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText,
                                     QPalette::ToolTipText, QPalette::Link, QPalette::LinkVisited})
        p.setColor(QPalette::Disabled, role, c.disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, c.disabledBase);
    p.setColor(QPalette::Disabled, QPalette::Button, c.disabledButton);
    p.setColor(QPalette::Disabled, QPalette::Highlight, c.disabledHighlight);
    p.setColor(QPalette::Disabled, QPalette::PlaceholderText, c.disabledPlaceholder);
#if QT_VERSION >= QT_VERSION_CHECK(6, 6, 0)
    p.setColor(QPalette::Disabled, QPalette::Accent, c.disabledHighlight);
#endif
    return p;
}

QString themeCode(const QString &theme)
{
    return theme == u"light" || theme == u"dark" ? theme : QStringLiteral("system");
}

// What "system" restores: taken from the running application just before we first replace it, so
// it is whatever the platform (or -style, QT_STYLE_OVERRIDE) chose at start-up.
struct State
{
    bool themed = false; // our style and palette are installed
    QString styleName;
    QPalette palette;
    QPointer<QStyle> fusion; // the Fusion we installed, reused between light and dark

    bool fontChanged = false;
    QFont font;
};

State &state()
{
    static State s;
    return s;
}

} // namespace

void applyAppearance(const QString &theme, int fontPoints)
{
    Q_ASSERT(qobject_cast<QApplication *>(QCoreApplication::instance()));
    State &s = state();
    const QString code = themeCode(theme);
    if (code == u"system") {
        if (s.themed) {
            // A new instance by name: the old one was deleted when ours replaced it. The palette as
            // remembered: when the platform set none explicitly, that is an empty one, and
            // setPalette() then falls back to the platform's palette for the restored style.
            QApplication::setStyle(s.styleName);
            QApplication::setPalette(s.palette);
            s.themed = false;
            s.fusion = nullptr;
        }
    } else {
        if (!s.themed) {
            s.styleName = QApplication::style()->name();
            s.palette = QApplication::palette();
            s.themed = true;
        }
        if (!s.fusion || QApplication::style() != s.fusion) {
            s.fusion = QStyleFactory::create(QStringLiteral("Fusion"));
            QApplication::setStyle(s.fusion);
        }
        QApplication::setPalette(themePalette(code));
    }

    const int points =
        fontPoints <= 0 ? 0 : qBound(Settings::kMinFontSize, fontPoints, Settings::kMaxFontSize);
    if (points == 0) {
        if (s.fontChanged) {
            QApplication::setFont(s.font);
            s.fontChanged = false;
        }
    } else {
        if (!s.fontChanged) {
            s.font = QApplication::font();
            s.fontChanged = true;
        }
        QFont font = s.font;
        font.setPointSize(points);
        QApplication::setFont(font);
    }
}

void followAppearanceSettings(Settings *settings)
{
    Q_ASSERT(settings);
    applyAppearance(settings->theme(), settings->fontSize());
    QObject::connect(settings, &Settings::changed, settings, [settings](Settings::Key key) {
        if (key == Settings::Key::Theme || key == Settings::Key::FontSize)
            applyAppearance(settings->theme(), settings->fontSize());
    });
}

QString systemStyleName()
{
    const State &s = state();
    return s.themed ? s.styleName : QApplication::style()->name();
}

QPalette themePalette(const QString &theme)
{
    const QString code = themeCode(theme);
    if (code == u"light")
        return makePalette(lightColours());
    if (code == u"dark")
        return makePalette(darkColours());
    const State &s = state();
    return s.themed ? s.palette : QApplication::palette();
}

QFont systemFont()
{
    const State &s = state();
    return s.fontChanged ? s.font : QApplication::font();
}

} // namespace hiscrm::ui
