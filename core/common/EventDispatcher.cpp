// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventDispatcher.h"

#include <QAbstractEventDispatcher>

#ifdef Q_OS_LINUX

#include <QCoreApplication>
#include <QEvent>
#include <QHash>
#include <QSocketNotifier>
#include <QTimerEvent>
#include <QVarLengthArray>
#include <QtGlobal>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <vector>

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

namespace hiscrm {

namespace {

qint64 nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// What wakes each kind of notifier: as poll() reports it to Qt's own dispatchers (a hang-up or an
// error wakes the reader and the writer, so that they find out; the kernel reports both unasked).
constexpr std::array<uint32_t, 3> kWakes = {
    EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR, // QSocketNotifier::Read
    EPOLLOUT | EPOLLHUP | EPOLLERR,             // QSocketNotifier::Write
    EPOLLPRI,                                   // QSocketNotifier::Exception
};
constexpr std::array<uint32_t, 3> kAsks = {EPOLLIN | EPOLLRDHUP, EPOLLOUT, EPOLLPRI};

class EpollDispatcher final : public QAbstractEventDispatcher
{
public:
    explicit EpollDispatcher(int epollFd, int wakeFd)
        : m_epoll(epollFd)
        , m_wake(wakeFd)
    {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = m_wake;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev);
    }
    ~EpollDispatcher() override
    {
        ::close(m_wake);
        ::close(m_epoll);
    }
    Q_DISABLE_COPY_MOVE(EpollDispatcher)

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override
    {
        m_interrupt.storeRelaxed(0);
        emit awake();
        QCoreApplication::sendPostedEvents();

        const bool withNotifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
        const bool withTimers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
        const bool wait = flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupt.loadRelaxed();
        if (wait)
            emit aboutToBlock();
        if (m_interrupt.loadRelaxed())
            return false;
        const int timeout = wait ? (withTimers ? msToNextTimer() : -1) : 0;

        int handled = 0;
        if (!withNotifiers) {
            // Only a wake-up may end the wait: ready sockets (level-triggered) would end it at once.
            pollfd p{m_wake, POLLIN, 0};
            if (::poll(&p, 1, timeout) > 0)
                handled += drainWakeUps();
        } else {
            std::array<epoll_event, 256> ready{};
            const int n = epoll_wait(m_epoll, ready.data(), int(ready.size()), timeout);
            // Collected first: a notifier's slot may enable, disable or delete others.
            QVarLengthArray<epoll_event, 64> sockets;
            for (int i = 0; i < n; ++i) {
                if (ready[size_t(i)].data.fd == m_wake)
                    handled += drainWakeUps();
                else
                    sockets.append(ready[size_t(i)]);
            }
            for (const epoll_event &ev : std::as_const(sockets)) {
                for (int type = 0; type < 3; ++type) {
                    if (!(ev.events & kWakes[size_t(type)]))
                        continue;
                    const auto it = m_fds.constFind(ev.data.fd); // looked up again for each
                    if (it == m_fds.constEnd())
                        break;
                    QSocketNotifier *notifier = it->notifiers[size_t(type)];
                    if (!notifier)
                        continue;
                    QEvent activated(QEvent::SockAct);
                    QCoreApplication::sendEvent(notifier, &activated);
                    ++handled;
                }
            }
        }
        if (withTimers)
            handled += activateTimers();
        return handled > 0;
    }

    void registerSocketNotifier(QSocketNotifier *notifier) override
    {
        const int fd = int(notifier->socket());
        Fd &entry = m_fds[fd];
        entry.notifiers[size_t(notifier->type())] = notifier;
        update(fd, entry);
    }

    void unregisterSocketNotifier(QSocketNotifier *notifier) override
    {
        const int fd = int(notifier->socket());
        const auto it = m_fds.find(fd);
        if (it == m_fds.end())
            return;
        QSocketNotifier *&slot = it->notifiers[size_t(notifier->type())];
        if (slot != notifier)
            return;
        slot = nullptr;
        if (update(fd, *it) == 0)
            m_fds.erase(it);
    }

    void registerTimer(int timerId, qint64 interval, Qt::TimerType type, QObject *object) override
    {
        if (type == Qt::VeryCoarseTimer) // whole seconds, as Qt's own dispatchers keep them
            interval = std::max<qint64>(1000, (interval + 500) / 1000 * 1000);
        m_timers.push_back({timerId, interval, type, object, nowNs() + interval * 1000000, false});
    }

    bool unregisterTimer(int timerId) override
    {
        const auto it = findTimer(timerId);
        if (it == m_timers.end())
            return false;
        m_timers.erase(it);
        return true;
    }

    bool unregisterTimers(QObject *object) override
    {
        const auto from = std::remove_if(m_timers.begin(), m_timers.end(),
                                         [object](const Timer &t) { return t.object == object; });
        const bool any = from != m_timers.end();
        m_timers.erase(from, m_timers.end());
        return any;
    }

    QList<TimerInfo> registeredTimers(QObject *object) const override
    {
        QList<TimerInfo> out;
        for (const Timer &t : m_timers) {
            if (t.object == object)
                out.append(TimerInfo(t.id, int(t.interval), t.type));
        }
        return out;
    }

    int remainingTime(int timerId) override
    {
        const auto it = findTimer(timerId);
        if (it == m_timers.end())
            return -1;
        return int(std::max<qint64>(0, (it->deadline - nowNs()) / 1000000));
    }

    void wakeUp() override
    {
        if (m_wakeUps.testAndSetAcquire(0, 1)) {
            const quint64 one = 1;
            while (::write(m_wake, &one, sizeof one) < 0 && errno == EINTR) {
            }
        }
    }

    void interrupt() override
    {
        m_interrupt.storeRelaxed(1);
        wakeUp();
    }

private:
    struct Fd
    {
        std::array<QSocketNotifier *, 3> notifiers{};
    };
    struct Timer
    {
        int id;
        qint64 interval; // ms
        Qt::TimerType type;
        QObject *object;
        qint64 deadline; // ns
        bool firing;     // its QTimerEvent is being delivered (a nested loop must not fire it again)
    };

    std::vector<Timer>::iterator findTimer(int id)
    {
        return std::find_if(m_timers.begin(), m_timers.end(), [id](const Timer &t) { return t.id == id; });
    }

    // Tells the kernel what fd's notifiers ask for; returns that mask (0: it left the set).
    uint32_t update(int fd, const Fd &entry)
    {
        uint32_t mask = 0;
        for (size_t type = 0; type < 3; ++type) {
            if (entry.notifiers[type])
                mask |= kAsks[type];
        }
        epoll_event ev{};
        ev.events = mask;
        ev.data.fd = fd;
        if (mask == 0) {
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &ev); // fails harmlessly once the fd is closed
        } else if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev) != 0 && errno == ENOENT) {
            if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0)
                qWarning("EpollDispatcher: cannot watch socket %d (errno %d)", fd, errno);
        }
        return mask;
    }

    int drainWakeUps()
    {
        quint64 count = 0;
        while (::read(m_wake, &count, sizeof count) < 0 && errno == EINTR) {
        }
        m_wakeUps.storeRelease(0);
        return 1;
    }

    int msToNextTimer() const
    {
        qint64 next = -1;
        for (const Timer &t : m_timers) {
            if (!t.firing && (next < 0 || t.deadline < next))
                next = t.deadline;
        }
        if (next < 0)
            return -1;
        const qint64 ns = next - nowNs();
        if (ns <= 0)
            return 0;
        return int(std::min<qint64>(INT_MAX, (ns + 999999) / 1000000)); // never early: no spinning
    }

    int activateTimers()
    {
        const qint64 now = nowNs();
        QVarLengthArray<std::pair<qint64, int>, 16> due; // (deadline, id), fired in that order
        for (const Timer &t : m_timers) {
            if (!t.firing && t.deadline <= now)
                due.append({t.deadline, t.id});
        }
        std::sort(due.begin(), due.end());
        int fired = 0;
        for (const auto &[deadline, id] : std::as_const(due)) {
            auto it = findTimer(id); // an earlier timer's handler may have killed or restarted it
            if (it == m_timers.end() || it->firing || it->deadline != deadline)
                continue;
            it->deadline += it->interval * 1000000;
            if (it->deadline <= now) // late: skip the missed ticks rather than catch up in a burst
                it->deadline = now + it->interval * 1000000;
            it->firing = true;
            QObject *object = it->object;
            QTimerEvent event(id);
            QCoreApplication::sendEvent(object, &event);
            ++fired;
            it = findTimer(id);
            if (it != m_timers.end())
                it->firing = false;
        }
        return fired;
    }

    const int m_epoll;
    const int m_wake;
    QAtomicInt m_wakeUps;
    QAtomicInt m_interrupt;
    QHash<int, Fd> m_fds;
    std::vector<Timer> m_timers;
};

} // namespace

QAbstractEventDispatcher *createScalableEventDispatcher()
{
    if (qgetenv("HISCRM_EVENT_DISPATCHER") == "qt")
        return nullptr;
    const int epollFd = epoll_create1(EPOLL_CLOEXEC);
    if (epollFd < 0)
        return nullptr;
    const int wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wakeFd < 0) {
        ::close(epollFd);
        return nullptr;
    }
    return new EpollDispatcher(epollFd, wakeFd);
}

} // namespace hiscrm

#else

namespace hiscrm {

QAbstractEventDispatcher *createScalableEventDispatcher()
{
    return nullptr;
}

} // namespace hiscrm

#endif
