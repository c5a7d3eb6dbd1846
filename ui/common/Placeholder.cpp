// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/Placeholder.h"

#include "ui/common/Drawing.h"

#include <QApplication>
#include <QEvent>
#include <QWidget>

namespace hiscrm::ui {

namespace {

// A placeholder whose contrast with the field is at least this share of the text's own is too
// strong to tell apart from typed text.
constexpr qreal kTooStrong = 0.8;

class PlaceholderDimmer final : public QObject
{
public:
    using QObject::QObject;

    void apply(QWidget *field)
    {
        // What the application (style, theme) gives this field, not what we set on it before.
        const QPalette source = QApplication::palette(field);
        QPalette p = field->palette();
        for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
            const QColor base = source.color(group, QPalette::Base);
            const QColor text = source.color(group, QPalette::Text);
            const QColor placeholder = source.color(group, QPalette::PlaceholderText);
            const qreal textContrast = contrastRatio(text, base);
            const bool tooStrong =
                contrastRatio(over(placeholder, base), base) - 1 >= (textContrast - 1) * kTooStrong;
            p.setColor(group, QPalette::PlaceholderText, tooStrong ? blend(base, text, 0.5) : placeholder);
        }
        m_applying = true;
        field->setPalette(p);
        m_applying = false;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        const QEvent::Type t = event->type();
        if (!m_applying && (t == QEvent::PaletteChange || t == QEvent::StyleChange))
            apply(static_cast<QWidget *>(watched));
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_applying = false;
};

} // namespace

void keepPlaceholderDim(QWidget *field)
{
    auto *dimmer = new PlaceholderDimmer(field);
    field->installEventFilter(dimmer);
    dimmer->apply(field);
}

} // namespace hiscrm::ui
