// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/Store.h"

#include <QMutex>
#include <QSemaphore>
#include <QString>
#include <QTest>

#include <utility>

// Holds the search for one text inside the store's index query (the store's test hook), where the
// interrupt of a newer search reaches it, until the test lets it go on, and counts the index rows
// that search read. Declare it after the panel or search service: it must release a held search
// before they wait for their threads.
class SearchGate final
{
public:
    explicit SearchGate(const QString &text)
    {
        const QMutexLocker lock(&s_mutex);
        // Permits an earlier gate left (released without holding anything) mean nothing here.
        s_held.tryAcquire(s_held.available());
        s_release.tryAcquire(s_release.available());
        s_text = text;
        s_armed = true;
        s_rows = 0;
        hiscrm::store::Store::setSearchRowHookForTesting(&SearchGate::onRow);
    }
    ~SearchGate()
    {
        hiscrm::store::Store::setSearchRowHookForTesting(nullptr);
        release();
    }
    Q_DISABLE_COPY_MOVE(SearchGate)

    // Whether the search for the text reached the index query and is held there.
    // The event loop runs meanwhile, for whatever the panel does before it searches.
    bool waitUntilHeld()
    {
        return QTest::qWaitFor([] { return s_held.tryAcquire(); }, 10000);
    }
    void release() { s_release.release(); }
    // Index rows the search for the text has read so far.
    static int rows()
    {
        const QMutexLocker lock(&s_mutex);
        return s_rows;
    }

private:
    static void onRow(const hiscrm::store::SearchQuery &query)
    {
        bool hold = false;
        {
            const QMutexLocker lock(&s_mutex);
            if (query.text != s_text)
                return;
            ++s_rows;
            hold = std::exchange(s_armed, false);
        }
        if (hold) {
            s_held.release();
            s_release.acquire();
        }
    }

    static inline QMutex s_mutex;
    static inline QString s_text;
    static inline bool s_armed = false;
    static inline int s_rows = 0;
    static inline QSemaphore s_held{0};
    static inline QSemaphore s_release{0};
};
