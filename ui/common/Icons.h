// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The desktop's own toolbar and composer icons, drawn as vectors with QPainter so they stay crisp at
// any size and device pixel ratio without image files or the Qt SVG module, and so they take their
// colour from the palette at paint time: a theme switch (light/dark) recolours every icon already
// handed out, with nothing to recreate. Delegates paint the same glyphs directly with paintGlyph().

#include <QColor>
#include <QIcon>
#include <QRectF>

class QDialogButtonBox;
class QPainter;

namespace hiscrm::ui {

enum class Glyph
{
    MarkRead,
    MarkUnread,
    Pin,
    Unpin,
    Archive,
    Unarchive,
    Mute,
    Unmute,
    Tag,
    UserCard,
    Search,
    Close,
    Send,
    QuickReply,
    Retry,
    JumpUp,
    Keyboard,
    Settings,
    Draft,
    Failed,
};

inline constexpr int kGlyphCount = int(Glyph::Failed) + 1;

// An icon whose engine paints the glyph on demand: ButtonText for the Normal and Active modes, the
// same dimmed toward Button when Disabled, HighlightedText when Selected (Failed keeps its own red).
QIcon icon(Glyph glyph);

// Gives box's Close button the Close glyph, where the style shows icons on dialog buttons at all
// (Linux): the style's own is a black cross, lost on a dark palette.
void useCloseGlyph(QDialogButtonBox *box);

// Paints the glyph centred in the largest square that fits r, in color (Failed ignores color).
void paintGlyph(QPainter *p, const QRectF &r, Glyph glyph, const QColor &color);

} // namespace hiscrm::ui
