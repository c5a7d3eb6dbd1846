// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace hiscrm::master {

// Writes a push round's frames straight into many plain TCP connections, two threads at once: the
// calling thread (the clients thread) and a helper thread each take the next jobs not yet taken
// (kTake at a time), and the caller waits for the helper to finish those it took before it goes on,
// so nothing else writes into those sockets meanwhile and their Qt objects are touched by the
// caller only. On loopback, and on a busy server, each send() does the kernel's work for that
// connection (about 5-10 µs here); a round reaches 200 devices in half the time. Jobs are taken as
// the threads go rather than split in halves up front: a helper that gets a core late (it has to be
// woken) then takes fewer, instead of its half ending the round late while the caller waits idle;
// one that has not woken when the caller took the last job is not waited for.
//
// A job stops at the first frame the kernel does not take whole (its buffer is full) or at an
// error, and says how far it got; the caller queues the rest through Qt, which meets the error
// and reports it as usual.
class DirectSender
{
public:
    struct Job
    {
        int fd = -1;
        const QList<QByteArray> *frames = nullptr;
        qsizetype frame = 0;  // out: frames[frame] is the first not sent whole
        qsizetype offset = 0; // out: bytes of it sent
    };

    DirectSender();
    ~DirectSender();
    DirectSender(const DirectSender &) = delete;
    DirectSender &operator=(const DirectSender &) = delete;

    // Sends every job's frames in order; returns when all are done. Fewer than minParallel() jobs are
    // sent by the caller alone (waking the helper costs more than they do).
    void run(std::span<Job> jobs);
    static constexpr size_t minParallel() { return 16; }

    // Sends one job's frames from where it stands, without blocking.
    static void sendJob(Job &job);
    // One non-blocking send() (Linux): the bytes the kernel took, 0 when it took none or failed (a
    // write through Qt then meets the error and reports it).
    static qsizetype sendNow(int fd, QByteArrayView bytes);

private:
    void helperLoop();
    // Takes jobs from the current round until none is left.
    void drain();

    static constexpr size_t kTake = 4; // jobs taken at once

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::span<Job> m_work; // the current round
    bool m_busy = false;   // the current round is the helper's to join
    bool m_joined = false; // the helper took up the current round
    bool m_stop = false;
    std::thread m_helper;
    // The current round's next job not yet taken, on a cache line of its own (the last member).
    alignas(64) std::atomic<size_t> m_next = 0;
};

} // namespace hiscrm::master
