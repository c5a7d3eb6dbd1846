// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The seam to the system keychain: the Secret Service or KWallet on Linux, the Credential Manager
// on Windows, the Keychain on macOS (through qtkeychain, when the build has it). A paired desktop
// keeps its device token here. Calls wait for the keychain (at most kTimeoutMs, with the event loop
// running), so they are for moments the operator started: pairing, opening a team inbox.

#include "common/Error.h"

#include <QCoreApplication>
#include <QString>

namespace hiscrm::ui {

class SecretStore
{
    Q_DECLARE_TR_FUNCTIONS(SecretStore)

public:
    // Whether this build can reach a keychain at all (it may still be locked or missing).
    static bool available();
    // key: unique within the app (the service is the application's name).
    static Error write(const QString &key, const QString &secret);
    static Result<QString> read(const QString &key);
    static Error remove(const QString &key); // a missing entry is not an error
    static constexpr int kTimeoutMs = 10000;
    // Tests: the keychain is not used (as in a build without qtkeychain).
    static void setDisabled(bool disabled);
};

} // namespace hiscrm::ui
