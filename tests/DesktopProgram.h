// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

// The desktop app beside the test and benchmark binaries (build/bin/): a bundle on macOS.
inline QString desktopProgram()
{
#if defined(Q_OS_MACOS)
    return QCoreApplication::applicationDirPath() +
           QStringLiteral("/HisCRM Desk.app/Contents/MacOS/HisCRM Desk");
#else
    return QCoreApplication::applicationDirPath() + QStringLiteral("/hiscrm");
#endif
}
