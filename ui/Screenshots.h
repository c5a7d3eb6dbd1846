// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

namespace hiscrm::ui {

class MainWindow;
class Settings;

// Captures the documentation screenshots of a running window: the inbox with a conversation
// open, search results, and the settings dialog, as <dir>/<name>-<lang>.png. Waits for the demo
// data first; calls done(ok) when finished.
void captureScreenshots(MainWindow *window, Settings *settings, const QString &dir, const QString &lang,
                        std::function<void(bool ok)> done);

} // namespace hiscrm::ui
