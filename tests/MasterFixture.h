// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A real master in its own thread with a LocalMasterLink in the test's thread: what the master
// tests share.

#include "TestUtil.h"

#include "master/Master.h"
#include "master/MasterLink.h"

#include <optional>

namespace testutil {

// Sends a command with send(done) and waits for its answer in this thread.
template <typename F> Result<QJsonObject> answerOf(F send)
{
    std::optional<Result<QJsonObject>> out;
    send([&](const Result<QJsonObject> &r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000))
        return Error{ErrorCode::Internal, QStringLiteral("no answer")};
    return *out;
}

class MasterFixture
{
protected:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<hiscrm::master::MasterThread> m_master;
    std::unique_ptr<hiscrm::master::LocalMasterLink> m_link;

    // A master on a fresh database. QVERIFY-style: check QTest::currentTestFailed() after it.
    void startMaster()
    {
        hiscrm::master::MasterOptions o;
        o.dbPath = m_dir.filePath(QStringLiteral("m%1.db").arg(++m_n));
        m_master = std::make_unique<hiscrm::master::MasterThread>(o);
        QVERIFY(!m_master->start());
        m_link = std::make_unique<hiscrm::master::LocalMasterLink>(m_master->master());
    }

    void stopMaster()
    {
        m_link.reset();
        m_master.reset();
    }

    // Runs fn against the master's store in the master's thread.
    template <typename F> auto inMaster(F fn)
    {
        decltype(fn(std::declval<Store &>())) out{};
        m_master->runSync([&] { out = fn(*m_master->master()->store()); });
        return out;
    }
};

} // namespace testutil
