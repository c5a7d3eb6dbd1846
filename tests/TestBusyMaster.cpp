// SPDX-License-Identifier: GPL-3.0-or-later
// The window never waits for the master thread: while the master commits batches that take
// seconds, the operator starts the demo and connects a crawler, and the window's event loop keeps
// answering all along (measured as the longest gap between the ticks of a fast timer).
//
// Before this rule, AppSession ran these calls with MasterThread::runSync (a blocking queued
// call): the UI thread waited until the master had finished the batch in hand, so the longest
// gap was about the rest of the master's busy time, and this test failed.

#include "InboxHarness.h"

#include <QDialog>
#include <QLineEdit>

#include <atomic>
#include <memory>

using namespace hiscrm;
using namespace hiscrm::model;
using namespace testutil;

class TestBusyMaster : public InboxHarness
{
    Q_OBJECT

    // Batches that keep the master's thread busy for seconds: 5 x 40,000 messages in 400 chats
    // each (a batch holds at most 50,000 records), committed one after the other in one go.
    static Batch bigBatch(int part)
    {
        Batch b;
        b.platform = kPlatform;
        b.accounts = {AccountRecord{u"acc-1"_s, u"店铺一"_s, {}}};
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 24 * 60 * kMinute;
        for (int c = part * 400; c < (part + 1) * 400; ++c) {
            UserRecord u;
            u.platformId = u"busy-u-%1"_s.arg(c);
            u.name = u"粉丝%1"_s.arg(c);
            b.users << u;
            for (int m = 0; m < 100; ++m)
                b.messages << dm(u"acc-1"_s, u"busy-c-%1"_s.arg(c), u"busy-%1-%2"_s.arg(c).arg(m),
                                 u.platformId, u"第 %1 条消息，关于订单 %2 的问题"_s.arg(m).arg(c * 100 + m),
                                 t0 + (c * 100 + m) * 500);
        }
        return b;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { stop(); }

    void windowAnswersWhileTheMasterIsBusy()
    {
        m_data = m_dir.filePath(u"busy"_s);
        start(false); // a fresh folder without a crawler: the welcome page, demo not started
        master::Master *m = m_session->masterThread()->master();

        // The master's thread takes the batch; the clock runs on the master's side of it. What the
        // master thread touches is shared, so an early end of the test leaves it nothing dangling.
        struct Busy
        {
            QElapsedTimer clock;
            QList<Batch> batches{bigBatch(0), bigBatch(1), bigBatch(2), bigBatch(3), bigBatch(4)};
            std::atomic<qint64> from{-1};
            std::atomic<qint64> until{-1}; // -2: a batch was refused
        };
        const auto busy = std::make_shared<Busy>();
        busy->clock.start();
        const QElapsedTimer &clock = busy->clock;
        QMetaObject::invokeMethod(
            m,
            [busy, m] {
                busy->from = busy->clock.elapsed();
                bool ok = true;
                for (const Batch &b : std::as_const(busy->batches))
                    ok = ok && bool(m->ingest(u"busy-test"_s, b));
                busy->until = ok ? busy->clock.elapsed() : -2;
            },
            Qt::QueuedConnection);
        QTRY_VERIFY(busy->from >= 0);

        // The UI thread's pulse: the longest time between two ticks of a 5 ms timer.
        qint64 lastTick = clock.elapsed();
        qint64 longestGap = 0;
        QTimer pulse;
        pulse.setInterval(5);
        connect(&pulse, &QTimer::timeout, &pulse, [&] {
            const qint64 now = clock.elapsed();
            longestGap = qMax(longestGap, now - lastTick);
            lastTick = now;
        });
        pulse.start();

        // What the operator does meanwhile: every call that reaches the master thread.
        bool dialogShown = false;
        onNextPopup([&](QWidget *w) {
            dialogShown = w->findChild<QLineEdit *>(u"workerUrlEdit"_s) != nullptr;
            qobject_cast<QDialog *>(w)->reject();
        });
        const qint64 actedAt = clock.elapsed();
        const bool busyWhenActing = busy->until < 0;
        action("actionStartDemo")->trigger();
        action("actionConnectWorker")->trigger();
        m_window->flushRefresh();
        QVERIFY2(busyWhenActing, "the batches were committed before the window acted; make them bigger");

        QTRY_VERIFY_WITH_TIMEOUT(busy->until != -1, 120000);
        QVERIFY(busy->until > 0);
        // The answers come once the master is free: the crawler's dialog, the demo's chats.
        QTRY_VERIFY(dialogShown);
        QTRY_VERIFY(refreshed([this] { return conversations()->rowCount() > 0; }));
        pulse.stop();

        const qint64 busyMs = busy->until - actedAt;
        qInfo("master busy for %lld ms after the window acted; longest gap between UI ticks: %lld ms",
              qint64(busyMs), qint64(longestGap));
        // A generous bound relative to the busy time, not an absolute one: waiting for the master
        // would make the gap about as long as busyMs.
        QVERIFY2(longestGap * 4 < busyMs,
                 qPrintable(
                     u"the UI thread stalled for %1 ms while the master was busy for %2 ms"_s.arg(longestGap)
                         .arg(busyMs)));
        QCOMPARE(m_session->workerUrl().startsWith(u"ws://127.0.0.1:"_s), true);
        QVERIFY(m_session->demoRunning());
    }
};

QTEST_MAIN(TestBusyMaster)
#include "TestBusyMaster.moc"
