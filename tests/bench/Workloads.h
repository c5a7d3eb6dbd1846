// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The workloads of hiscrm-bench. Each prints its figures to stdout and returns the one-line JSON
// summary; any store error is a Failure.

#include "BenchCommon.h"

namespace hiscrm::bench {

JsonLine runIngest(const Options &options);
JsonLine runSearch(const Options &options);
JsonLine runList(const Options &options);
JsonLine runOpen(const Options &options);
JsonLine runWorkerIngest(const Options &options);
JsonLine runStartup(const Options &options);
JsonLine runFanout(const Options &options);
JsonLine runFeed(const Options &options);
JsonLine runSync(const Options &options);
JsonLine runE2e(const Options &options);
JsonLine runSearchTyping(const Options &options); // needs a QApplication

} // namespace hiscrm::bench
