// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The application's look: the theme ("system", "light" or "dark") and the text size, applied to
// the whole QApplication at once, so every window, dialog and delegate follows without restarting.
//
// "system" is the platform's own style and palette as they were before the app changed anything.
// "light" and "dark" are the Fusion style with palettes of our own: every role of every colour
// group is set, so nothing falls back to platform colours that may not match (a dark platform
// palette behind our light one, or a placeholder as bright as text).

#include <QFont>
#include <QPalette>
#include <QString>

namespace hiscrm::ui {

class Settings;

// Applies `theme` ("system", "light" or "dark"; anything else means "system") and `fontPoints`
// (0 = the platform's font; otherwise that point size, clamped to 8-24) to the running
// QApplication. Widgets already shown update at once. Requires a QApplication.
void applyAppearance(const QString &theme, int fontPoints);

// Applies settings->theme() and settings->fontSize() now and again whenever either changes.
// The connection lives as long as `settings`.
void followAppearanceSettings(Settings *settings);

// The name (QStyle::name()) of the platform's style, the one "system" restores; also while
// "light" or "dark" is applied.
QString systemStyleName();

// The complete palette of "light" or "dark" (for anything else, the platform's palette "system"
// restores).
QPalette themePalette(const QString &theme);

// The application font that fontPoints 0 restores.
QFont systemFont();

} // namespace hiscrm::ui
