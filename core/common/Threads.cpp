// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Threads.h"

#include <QThread>
#include <QtGlobal>

#include <algorithm>

#if defined(Q_OS_LINUX) || defined(Q_OS_MACOS)
#include <pthread.h>
#endif
#if defined(Q_OS_LINUX)
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>
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

bool lowerThisThreadPriority(int steps)
{
#if defined(Q_OS_LINUX)
    // Qt's QThread priorities do nothing under SCHED_OTHER on Linux; the nice value does.
    const auto tid = id_t(gettid());
    errno = 0;
    const int now = getpriority(PRIO_PROCESS, tid);
    if (now == -1 && errno != 0)
        return false;
    const int wanted = std::min(19, now + std::max(0, steps));
    return wanted != now && setpriority(PRIO_PROCESS, tid, wanted) == 0;
#else
    Q_UNUSED(steps);
    QThread *self = QThread::currentThread();
    if (!self || self->priority() == QThread::LowPriority)
        return false;
    self->setPriority(QThread::LowPriority);
    return true;
#endif
}

} // namespace hiscrm
