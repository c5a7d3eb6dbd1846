// SPDX-License-Identifier: GPL-3.0-or-later
// master::DirectSender: the push round's frames written straight into many sockets by two threads.
// Real sockets (socket pairs, so that a test decides when the reading end reads): every job's
// frames arrive whole and in order, from either thread; a job whose socket is full stops exactly
// where the kernel stopped taking bytes; a job whose peer is gone stops without a signal killing the
// process; the helper thread is reused round after round, and rounds back to back send each job
// once.

#include "master/DirectSender.h"

#include <QTest>

#include <cerrno>
#include <vector>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace hiscrm::master;

namespace {

struct SocketPair
{
    int writer = -1;
    int reader = -1;
    SocketPair()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0) {
            writer = fds[0];
            reader = fds[1];
            fcntl(reader, F_SETFL, fcntl(reader, F_GETFL) | O_NONBLOCK);
        }
    }
    ~SocketPair()
    {
        if (writer >= 0)
            ::close(writer);
        if (reader >= 0)
            ::close(reader);
    }
    SocketPair(const SocketPair &) = delete;
    SocketPair &operator=(const SocketPair &) = delete;

    QByteArray readAll() const
    {
        QByteArray out;
        char buf[65536];
        for (;;) {
            const ssize_t n = ::read(reader, buf, sizeof buf);
            if (n <= 0)
                return out;
            out.append(buf, n);
        }
    }
};

QByteArray pattern(char tag, qsizetype size)
{
    QByteArray b(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        b[i] = char(tag + i % 7);
    return b;
}

} // namespace

class TestDirectSender : public QObject
{
    Q_OBJECT

private slots:
    void everyJobGetsItsFramesInOrder()
    {
#ifndef Q_OS_LINUX
        QSKIP("direct sends are Linux only");
#endif
        DirectSender sender;
        for (const int count : {1, int(DirectSender::minParallel()) - 1, 40, 200}) { // alone, and two threads
            std::vector<std::unique_ptr<SocketPair>> pairs;
            QList<QList<QByteArray>> frames;
            std::vector<DirectSender::Job> jobs;
            for (int i = 0; i < count; ++i) {
                pairs.push_back(std::make_unique<SocketPair>());
                QVERIFY(pairs.back()->writer >= 0);
                frames.append({pattern('a', 10 + i), pattern('k', 3000), pattern('x', 1 + i % 5)});
            }
            for (int i = 0; i < count; ++i)
                jobs.push_back({pairs[size_t(i)]->writer, &frames[i]});
            sender.run(jobs);
            for (int i = 0; i < count; ++i) {
                QCOMPARE(jobs[size_t(i)].frame, frames[i].size());
                QCOMPARE(jobs[size_t(i)].offset, 0);
                QCOMPARE(pairs[size_t(i)]->readAll(), frames[i].join());
            }
        }
    }

    void aFullSocketStopsWhereTheKernelStopped()
    {
#ifndef Q_OS_LINUX
        QSKIP("direct sends are Linux only");
#endif
        DirectSender sender;
        constexpr int kCount = 32;
        std::vector<std::unique_ptr<SocketPair>> pairs;
        QList<QList<QByteArray>> frames;
        for (int i = 0; i < kCount; ++i) {
            pairs.push_back(std::make_unique<SocketPair>());
            const int small = 4096;
            setsockopt(pairs.back()->writer, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
            frames.append({pattern('a', 100), pattern('b', 4 * 1024 * 1024), pattern('c', 100)});
        }
        std::vector<DirectSender::Job> jobs;
        for (int i = 0; i < kCount; ++i)
            jobs.push_back({pairs[size_t(i)]->writer, &frames[i]});
        sender.run(jobs);
        QByteArray firstArrived;
        for (int i = 0; i < kCount; ++i) {
            const DirectSender::Job &j = jobs[size_t(i)];
            QCOMPARE(j.frame, 1); // the 4 MiB frame cannot fit
            QVERIFY(j.offset < frames[i][1].size());
            // What arrived is exactly what the job says it sent.
            const QByteArray sent = frames[i][0] + frames[i][1].first(j.offset);
            const QByteArray arrived = pairs[size_t(i)]->readAll();
            QCOMPARE(arrived, sent);
            if (i == 0)
                firstArrived = arrived;
        }
        // Once read, the rest goes from where the job stopped (as the clients thread does through Qt).
        DirectSender::Job &j = jobs.front();
        QByteArray rest;
        for (int round = 0; round < 10000 && j.frame < frames[0].size(); ++round) {
            DirectSender::sendJob(j);
            rest += pairs.front()->readAll();
        }
        QCOMPARE(j.frame, frames[0].size());
        QCOMPARE(firstArrived + rest, frames[0].join());
    }

    void roundsBackToBackSendEachJobOnce()
    {
#ifndef Q_OS_LINUX
        QSKIP("direct sends are Linux only");
#endif
        // Rounds one after another, as a flood's commits come: the helper may wake after the caller
        // took every job of a round (and the round ended without it), or in the middle of the next
        // one. Each job is sent once, whole, by one of the two threads.
        DirectSender sender;
        constexpr int kJobs = int(DirectSender::minParallel()) + 4;
        constexpr int kRounds = 500;
        std::vector<std::unique_ptr<SocketPair>> pairs;
        for (int i = 0; i < kJobs; ++i) {
            pairs.push_back(std::make_unique<SocketPair>());
            QVERIFY(pairs.back()->writer >= 0);
        }
        std::vector<QByteArray> expected(kJobs);
        std::vector<QByteArray> arrived(kJobs);
        for (int round = 0; round < kRounds; ++round) {
            QList<QList<QByteArray>> frames;
            std::vector<DirectSender::Job> jobs;
            for (int i = 0; i < kJobs; ++i)
                frames.append({QByteArray::number(round) + ':' + QByteArray::number(i) + ';'});
            for (int i = 0; i < kJobs; ++i) {
                jobs.push_back({pairs[size_t(i)]->writer, &frames[i]});
                expected[size_t(i)] += frames[i].first();
            }
            sender.run(jobs);
            for (int i = 0; i < kJobs; ++i) {
                QCOMPARE(jobs[size_t(i)].frame, 1);
                arrived[size_t(i)] += pairs[size_t(i)]->readAll(); // the kernel's buffer stays small
            }
        }
        for (int i = 0; i < kJobs; ++i)
            QCOMPARE(arrived[size_t(i)], expected[size_t(i)]);
    }

    void aGonePeerStopsItsJobOnly()
    {
#ifndef Q_OS_LINUX
        QSKIP("direct sends are Linux only");
#endif
        DirectSender sender;
        constexpr int kCount = 20;
        std::vector<std::unique_ptr<SocketPair>> pairs;
        QList<QByteArray> frames = {pattern('p', 500), pattern('q', 500)};
        std::vector<DirectSender::Job> jobs;
        for (int i = 0; i < kCount; ++i) {
            pairs.push_back(std::make_unique<SocketPair>());
            jobs.push_back({pairs.back()->writer, &frames});
        }
        ::close(pairs[3]->reader); // that device went away: EPIPE, and no SIGPIPE
        pairs[3]->reader = -1;
        ::close(pairs[15]->reader);
        pairs[15]->reader = -1;
        sender.run(jobs);
        for (int i = 0; i < kCount; ++i) {
            if (i == 3 || i == 15) {
                QCOMPARE(jobs[size_t(i)].frame, 0);
                QCOMPARE(jobs[size_t(i)].offset, 0);
            } else {
                QCOMPARE(jobs[size_t(i)].frame, 2);
                QCOMPARE(pairs[size_t(i)]->readAll(), frames.join());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestDirectSender)
#include "TestDirectSender.moc"
