// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

namespace hiscrm::ui {

class MainWindow;
class Settings;

// Captures the documentation screenshots of a running window with the demo: the inbox with a
// chat open, the Unread view after opening a chat, the Comments view, a tagged chat, a failed
// reply, search results, and the settings dialog, as <dir>/<scene>-<theme>-<lang>.png (theme as
// the settings have it: "light" or "dark"). Waits for the demo data first; calls done(ok) when
// finished.
void captureScreenshots(MainWindow *window, Settings *settings, const QString &dir, const QString &lang,
                        std::function<void(bool ok)> done);

} // namespace hiscrm::ui
