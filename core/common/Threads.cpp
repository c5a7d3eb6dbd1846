// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Threads.h"

#include <QtGlobal>

#if defined(Q_OS_LINUX) || defined(Q_OS_MACOS)
#include <pthread.h>
#endif

namespace hiscrm {

void nameThisThread(const char *name)
{
#if defined(Q_OS_LINUX)
    pthread_setname_np(pthread_self(), name);
#elif defined(Q_OS_MACOS)
    pthread_setname_np(name);
#else
    Q_UNUSED(name);
#endif
}

} // namespace hiscrm
