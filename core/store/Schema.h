// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Error.h"

namespace hiscrm::store {

class Database;

// "HCRD": marks a SQLite file as ours, so a foreign database is recognised before we touch it.
constexpr int kApplicationId = 0x48435244;

// Versioned migrations: schema version N is reached by running steps 1..N in order, each in its
// own transaction together with the PRAGMA user_version bump, so a crash leaves a whole version.
namespace schema {
int latestVersion();
// What the file is: Ok (ours or empty), or an Error saying why it cannot be used.
Error identify(Database &db, int *version);
// Runs the missing steps up to target (latestVersion() when -1). Throws SqlError.
void migrate(Database &db, int target);
} // namespace schema

} // namespace hiscrm::store
