// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reads fortune-mod and fortunes-zh files (the "%"-separated quotation files of Unix) into
// sentences that read like chat messages: what the demo corpus adds when asked for them.

#include <QString>
#include <QStringList>

namespace hiscrm::demo {

// Where the fortune packages install their files on Linux, the BSDs and Homebrew.
QStringList fortuneDirs();
// The first of `dirs` holding `name` (preferring a UTF-8 "name.u8" beside a legacy-encoded one);
// empty if none does.
QString findFortuneFile(const QStringList &dirs, const QString &name);
// Appends the sentences of one fortune file to `out`; false if it is missing or not UTF-8.
bool readFortuneFile(const QString &path, bool chinese, QStringList &out);

} // namespace hiscrm::demo
