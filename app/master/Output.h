// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdio>

// hiscrm-master's lines for people and scripts, in the system's encoding; standard output is
// flushed at once so that a script reading it (or a test) sees each line when it is printed.
inline void printErr(const QString &s)
{
    std::fprintf(stderr, "%s\n", s.toLocal8Bit().constData());
}

inline void printOut(const QString &s)
{
    std::fprintf(stdout, "%s\n", s.toLocal8Bit().constData());
    std::fflush(stdout);
}
