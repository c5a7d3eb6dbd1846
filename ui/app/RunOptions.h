// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the command line decided for this run only, where it overrides a setting. main.cpp fills
// it before any window exists; widgets that show those settings (SettingsDialog) read it, so they
// show what is in effect instead of what is saved, and nothing between them has to pass it along.

#include <QString>

namespace hiscrm::ui {

struct RunOptions
{
    // The catalogue installed because of --lang ("zh_CN" or "en"); empty without --lang.
    QString language;
    // The folder --data-dir opened, absolute; empty without --data-dir.
    QString dataDir;

    static RunOptions current();
    static void setCurrent(const RunOptions &options);
    // The user chose a language in the settings during the run: --lang no longer describes it.
    static void clearLanguage();
};

} // namespace hiscrm::ui
