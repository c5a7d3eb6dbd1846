// SPDX-License-Identifier: GPL-3.0-or-later
// The epoll event dispatcher (common/EventDispatcher.h) that the master's clients thread runs on.
// This test's own main thread runs on it too (main() below), so QTest's waits, nested event loops
// and timers all go through it; the cases check what Qt code relies on: posted events, timers
// (single, repeating, killed from a handler, moved between threads), level-triggered socket
// notifiers (enabled, disabled, deleted by a sibling's slot, hang-ups), many TCP connections at
// once, and a thread's quit() from another thread.

#include "common/EventDispatcher.h"

#include <QAbstractEventDispatcher>
#include <QElapsedTimer>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

#include <unistd.h>

using namespace hiscrm;

namespace {

// A pipe whose ends close with it.
struct Pipe
{
    int fds[2] = {-1, -1};
    Pipe() { QVERIFY2(::pipe(fds) == 0, "pipe"); }
    ~Pipe()
    {
        for (int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    Q_DISABLE_COPY_MOVE(Pipe)
    void write() const { QCOMPARE(::write(fds[1], "x", 1), 1); }
    void closeWriter()
    {
        ::close(fds[1]);
        fds[1] = -1;
    }
};

class TimerCounter : public QObject
{
public:
    std::atomic<int> fired{0};
    int killAfter = -1; // kills its timer on that activation
    int id = 0;

protected:
    void timerEvent(QTimerEvent *e) override
    {
        if (e->timerId() != id)
            return;
        if (++fired == killAfter)
            killTimer(id);
    }
};

} // namespace

class TestEventDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void thisThreadRunsOnIt()
    {
#ifdef Q_OS_LINUX
        QVERIFY(QThread::currentThread()->eventDispatcher());
        QVERIFY(QThread::currentThread()->eventDispatcher()->inherits("QAbstractEventDispatcher"));
        QCOMPARE(QByteArray(QThread::currentThread()->eventDispatcher()->metaObject()->className()),
                 QByteArray("QAbstractEventDispatcher")); // ours: not glib's nor Qt's Unix one
#else
        QSKIP("the epoll dispatcher is Linux only");
#endif
    }

    void theEnvironmentCanTurnItOff()
    {
        qputenv("HISCRM_EVENT_DISPATCHER", "qt");
        QAbstractEventDispatcher *d = createScalableEventDispatcher();
        qunsetenv("HISCRM_EVENT_DISPATCHER");
        QVERIFY(!d);
    }

    void postedEventsAndQueuedCallsRun()
    {
        int ran = 0;
        for (int i = 0; i < 100; ++i)
            QMetaObject::invokeMethod(
                this, [&ran] { ++ran; }, Qt::QueuedConnection);
        QTRY_COMPARE(ran, 100);
        QPointer<QObject> doomed = new QObject;
        doomed->deleteLater();
        QTRY_VERIFY(doomed.isNull());
    }

    void singleShotTimersFireOnceInOrder()
    {
        QList<int> order;
        QElapsedTimer clock;
        clock.start();
        qint64 at30 = 0;
        QTimer::singleShot(60, this, [&] { order << 60; });
        QTimer::singleShot(30, this, [&] {
            order << 30;
            at30 = clock.elapsed();
        });
        QTimer::singleShot(0, this, [&] { order << 0; });
        QTRY_COMPARE(order.size(), 3);
        QCOMPARE(order, (QList<int>{0, 30, 60}));
        QVERIFY2(at30 >= 29, qPrintable(QString::number(at30))); // never early
        QTest::qWait(100);
        QCOMPARE(order.size(), 3);
    }

    void repeatingTimersRepeatAndStop()
    {
        TimerCounter c;
        c.id = c.startTimer(5, Qt::PreciseTimer);
        QVERIFY(c.id > 0);
        const int remaining = QThread::currentThread()->eventDispatcher()->remainingTime(c.id);
        QVERIFY2(remaining >= 0 && remaining <= 5, qPrintable(QString::number(remaining)));
        QTRY_VERIFY(c.fired >= 5);
        c.killTimer(c.id);
        QCOMPARE(QThread::currentThread()->eventDispatcher()->remainingTime(c.id), -1);
        const int now = c.fired;
        QTest::qWait(50);
        QCOMPARE(c.fired.load(), now);

        // Killed from its own handler: never fires again.
        TimerCounter k;
        k.killAfter = 3;
        k.id = k.startTimer(2);
        QTRY_COMPARE(k.fired.load(), 3);
        QTest::qWait(30);
        QCOMPARE(k.fired.load(), 3);
    }

    void aTimerHandlersNestedLoopDoesNotFireItAgain()
    {
        int entered = 0;
        int depth = 0;
        int deepest = 0;
        QTimer t;
        t.setInterval(1);
        connect(&t, &QTimer::timeout, this, [&] {
            ++entered;
            ++depth;
            deepest = std::max(deepest, depth);
            if (entered == 1)
                QTest::qWait(30); // a nested event loop while this timer's event is delivered
            --depth;
        });
        t.start();
        QTRY_VERIFY(entered >= 3);
        t.stop();
        QCOMPARE(deepest, 1);
    }

    void timersMoveWithTheirObjectBetweenThreads()
    {
        QThread thread;
        thread.setEventDispatcher(createScalableEventDispatcher());
        thread.start();
        auto *c = new TimerCounter;
        c->id = c->startTimer(2);
        QTRY_VERIFY(c->fired >= 2);
        c->moveToThread(
            &thread); // Qt asks this thread's dispatcher for the timers, then registers them there
        const int before = c->fired;
        QTRY_VERIFY(c->fired >= before + 5);
        QMetaObject::invokeMethod(
            c, [c] { delete c; }, Qt::BlockingQueuedConnection);
        thread.quit();
        QVERIFY(thread.wait(5000));
    }

    void notifiersAreLevelTriggered()
    {
        Pipe p;
        QSocketNotifier n(p.fds[0], QSocketNotifier::Read);
        int activations = 0;
        connect(&n, &QSocketNotifier::activated, this, [&] { ++activations; }); // reads nothing
        p.write();
        QTRY_VERIFY(activations >= 3); // still readable: activated again and again
        n.setEnabled(false);
        QCoreApplication::processEvents();
        const int now = activations;
        QTest::qWait(30);
        QCOMPARE(activations, now);
        n.setEnabled(true);
        QTRY_VERIFY(activations > now);
        char c = 0;
        QCOMPARE(::read(p.fds[0], &c, 1), 1);
        n.setEnabled(false);
    }

    void aSlotMayDeleteAnotherReadyNotifier()
    {
        Pipe a;
        Pipe b;
        auto *na = new QSocketNotifier(a.fds[0], QSocketNotifier::Read);
        auto *nb = new QSocketNotifier(b.fds[0], QSocketNotifier::Read);
        int aFired = 0;
        int bFired = 0;
        // Whichever fires first deletes the other, which was ready in the same wait.
        connect(na, &QSocketNotifier::activated, this, [&] {
            ++aFired;
            delete nb;
            nb = nullptr;
            na->setEnabled(false);
        });
        connect(nb, &QSocketNotifier::activated, this, [&] {
            ++bFired;
            delete na;
            na = nullptr;
            nb->setEnabled(false);
        });
        a.write();
        b.write();
        QTRY_COMPARE(aFired + bFired, 1);
        QTest::qWait(30);
        QCOMPARE(aFired + bFired, 1);
        delete na;
        delete nb;
    }

    void aHangUpWakesTheReader()
    {
        Pipe p;
        QSocketNotifier n(p.fds[0], QSocketNotifier::Read);
        bool eof = false;
        connect(&n, &QSocketNotifier::activated, this, [&] {
            char c = 0;
            if (::read(p.fds[0], &c, 1) == 0) {
                eof = true;
                n.setEnabled(false);
            }
        });
        p.closeWriter();
        QTRY_VERIFY(eof);
    }

    void manyConnectionsEchoAndClose()
    {
        constexpr int kPairs = 300;
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        std::vector<std::unique_ptr<QTcpSocket>> accepted;
        int echoed = 0;
        int serverSawClose = 0;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [s, &echoed] {
                    s->write(s->readAll());
                    ++echoed;
                });
                connect(s, &QTcpSocket::disconnected, this, [&serverSawClose] { ++serverSawClose; });
                accepted.emplace_back(s);
            }
        });
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        QList<QByteArray> replies(kPairs);
        for (int i = 0; i < kPairs; ++i) {
            auto c = std::make_unique<QTcpSocket>();
            QTcpSocket *raw = c.get();
            connect(raw, &QTcpSocket::connected, this,
                    [raw, i] { raw->write("ping " + QByteArray::number(i)); });
            connect(raw, &QTcpSocket::readyRead, this, [raw, i, &replies] { replies[i] += raw->readAll(); });
            raw->connectToHost(QHostAddress::LocalHost, server.serverPort());
            clients.push_back(std::move(c));
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int i = 0; i < kPairs; ++i) {
                    if (replies[i] != "ping " + QByteArray::number(i))
                        return false;
                }
                return true;
            }(),
            20000);
        QVERIFY(echoed >= kPairs);
        for (auto &c : clients)
            c->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(serverSawClose, kPairs, 20000);
    }

    void quitFromAnotherThreadEndsTheLoop()
    {
        QThread thread;
        thread.setEventDispatcher(createScalableEventDispatcher());
        thread.start();
        std::atomic<bool> ran{false};
        QMetaObject::invokeMethod(
            thread.eventDispatcher(), [&ran] { ran = true; }, Qt::QueuedConnection);
        QTRY_VERIFY(ran.load());
        thread.quit(); // the thread sleeps in epoll_wait with no timer: only a wake-up ends it
        QVERIFY(thread.wait(5000));
    }
};

int main(int argc, char *argv[])
{
    if (QAbstractEventDispatcher *d = createScalableEventDispatcher())
        QCoreApplication::setEventDispatcher(d);
    QCoreApplication app(argc, argv);
    TestEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestEventDispatcher.moc"
