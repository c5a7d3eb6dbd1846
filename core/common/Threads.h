// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace hiscrm {

// Names the calling thread as tools show it (top -H, perf, gdb; at most 15 bytes on Linux).
void nameThisThread(const char *name);

} // namespace hiscrm
