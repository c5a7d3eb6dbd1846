// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace hiscrm {

// Names the calling thread as tools show it (top -H, perf, gdb; at most 15 bytes on Linux).
void nameThisThread(const char *name);

// Lowers the calling thread's scheduling priority for work that should take the cores only when
// latency-bound threads leave them: on Linux its nice value goes up by `steps` (at most 19; the
// nice value is per thread there, and an unprivileged process cannot take it back); elsewhere Qt's
// LowPriority. Returns whether the priority was changed.
bool lowerThisThreadPriority(int steps);

} // namespace hiscrm
