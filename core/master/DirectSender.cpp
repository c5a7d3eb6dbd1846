// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/DirectSender.h"

#include "common/Threads.h"

#include <cerrno>

#ifdef Q_OS_LINUX
#include <sys/socket.h>
#endif

namespace hiscrm::master {

DirectSender::DirectSender()
    : m_helper([this] { helperLoop(); })
{}

DirectSender::~DirectSender()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_helper.join();
}

qsizetype DirectSender::sendNow(int fd, QByteArrayView bytes)
{
#ifdef Q_OS_LINUX
    ssize_t n = -1;
    do {
        n = fd < 0 ? -1 : ::send(fd, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    return n > 0 ? qsizetype(n) : 0;
#else
    Q_UNUSED(fd);
    Q_UNUSED(bytes);
    return 0;
#endif
}

void DirectSender::sendJob(Job &job)
{
    const QList<QByteArray> &frames = *job.frames;
    while (job.frame < frames.size()) {
        const QByteArray &f = frames[job.frame];
        const qsizetype n = sendNow(job.fd, QByteArrayView(f).sliced(job.offset));
        if (n == 0)
            return; // full, or an error: the caller queues the rest through Qt
        job.offset += n;
        if (job.offset < f.size())
            return;
        ++job.frame;
        job.offset = 0;
    }
}

void DirectSender::run(std::span<Job> jobs)
{
    if (jobs.size() < minParallel()) {
        for (Job &j : jobs)
            sendJob(j);
        return;
    }
    const size_t half = jobs.size() / 2;
    {
        std::lock_guard lock(m_mutex);
        m_work = jobs.subspan(half);
        m_busy = true;
    }
    m_wake.notify_one();
    for (Job &j : jobs.first(half))
        sendJob(j);
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return !m_busy; });
}

void DirectSender::helperLoop()
{
    nameThisThread("sends");
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_busy || m_stop; });
        if (m_stop)
            return;
        const std::span<Job> work = m_work;
        lock.unlock();
        for (Job &j : work)
            sendJob(j);
        lock.lock();
        m_busy = false;
        m_done.notify_one();
    }
}

} // namespace hiscrm::master
