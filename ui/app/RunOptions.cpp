// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/RunOptions.h"

namespace hiscrm::ui {

namespace {

// Written by main() before the UI exists and read on the UI thread only: no lock needed.
RunOptions &instance()
{
    static RunOptions options;
    return options;
}

} // namespace

RunOptions RunOptions::current()
{
    return instance();
}

void RunOptions::setCurrent(const RunOptions &options)
{
    instance() = options;
}

void RunOptions::clearLanguage()
{
    instance().language.clear();
}

} // namespace hiscrm::ui
