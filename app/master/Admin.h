// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// The admin commands of hiscrm-master, run on the master's machine against its database while the
// master runs (or not): pair, devices list|revoke|rename, accounts. Returns the exit code, or -1 when
// the arguments name no admin command (then they are the server's).
int runAdminCommand(const QStringList &arguments);
