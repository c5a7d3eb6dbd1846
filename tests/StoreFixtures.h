// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// More shared test helpers, next to TestUtil.h: a read-only store (the desktop's reader), fresh
// store files for tests that need many, and a terse builder for the user profiles a batch carries.

#include "TestUtil.h"

namespace testutil {

// The store at path opened read-only, as the desktop opens it; null (with a warning) on failure.
inline std::unique_ptr<Store> openReader(const QString &path)
{
    Store::Options ro;
    ro.access = Store::Access::ReadOnly;
    return openStore(path, ro);
}

// Numbered store files in one temporary folder: each call gives a test a database of its own.
class FreshStores
{
public:
    bool isValid() const { return m_dir.isValid(); }
    std::unique_ptr<Store> open() { return openStore(m_dir.filePath(u"s%1.db"_s.arg(++m_n))); }

private:
    QTemporaryDir m_dir;
    int m_n = 0;
};

// A user profile with only its platform id and name reported.
inline UserRecord profile(const QString &platformId, const QString &name)
{
    UserRecord u;
    u.platformId = platformId;
    u.name = name;
    return u;
}

} // namespace testutil
