// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/DirectSender.h"

#include "common/Threads.h"

#include <algorithm>
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
    {
        std::lock_guard lock(m_mutex);
        m_work = jobs;
        m_next.store(0, std::memory_order_relaxed);
        m_busy = true;
    }
    m_wake.notify_one();
    drain();
    std::unique_lock lock(m_mutex);
    if (m_joined) // it may be sending the last job it took
        m_done.wait(lock, [this] { return !m_busy; });
    m_busy = false; // a helper not woken yet finds nothing to join
    m_work = {};
}

void DirectSender::drain()
{
    // Each job is taken by one thread only: the counter hands out each index once, a few at a time
    // (the counter's cache line then goes back and forth between the cores a few times less).
    const std::span<Job> work = m_work; // fixed until the round ends
    for (size_t first = m_next.fetch_add(kTake, std::memory_order_relaxed); first < work.size();
         first = m_next.fetch_add(kTake, std::memory_order_relaxed)) {
        for (Job &j : work.subspan(first, std::min(kTake, work.size() - first)))
            sendJob(j);
    }
}

void DirectSender::helperLoop()
{
    nameThisThread("sends");
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_busy || m_stop; });
        if (m_stop)
            return;
        m_joined = true;
        lock.unlock();
        drain();
        lock.lock();
        m_joined = false;
        m_busy = false;
        m_done.notify_one();
    }
}

} // namespace hiscrm::master
