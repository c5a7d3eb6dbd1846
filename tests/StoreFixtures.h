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

// One store file in a temporary folder of its own, written by one connection (playing the master)
// and read by a read-only one (the desktop's UI thread), as the desktop's models meet it.
struct WriterAndReader
{
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<Store> rw;
    std::unique_ptr<Store> ro;

    // A fresh folder with the writer open on the file `name` in it; false on failure.
    bool openWriter(const QString &name)
    {
        dir = std::make_unique<QTemporaryDir>();
        if (!dir->isValid())
            return false;
        m_path = dir->filePath(name);
        rw = openStore(m_path);
        return bool(rw);
    }
    // The read-only connection to the writer's file (open it once the writer has made the schema).
    bool openReadOnly()
    {
        ro = openReader(m_path);
        return bool(ro);
    }
    // Closes the reader, then the writer, then removes the folder.
    void close()
    {
        ro.reset();
        rw.reset();
        dir.reset();
    }

private:
    QString m_path;
};

// A user profile with only its platform id and name reported.
inline UserRecord profile(const QString &platformId, const QString &name)
{
    UserRecord u;
    u.platformId = platformId;
    u.name = name;
    return u;
}

// conv-1 of acc-1: fan u-1 asks whether the clothes are in stock (m1, kT0 + 1s) and when they
// ship (m2, + 2s); the account answers they ship today (m3, + 3s). The start of the search tests'
// corpus.
inline QList<MessageRecord> shippingQuestion()
{
    return {
        dm(u"acc-1"_s, u"conv-1"_s, u"m1"_s, u"u-1"_s, u"你好，请问这件衣服还有货吗？"_s, kT0 + 1000),
        dm(u"acc-1"_s, u"conv-1"_s, u"m2"_s, u"u-1"_s, u"什么时候发货"_s, kT0 + 2000),
        dm(u"acc-1"_s, u"conv-1"_s, u"m3"_s, QString(), u"亲，今天就发货哦"_s, kT0 + 3000, Direction::Out)};
}

// The search tests' corpus: shippingQuestion() followed by these messages, these comments, and
// the profiles of fans u-1 (小美同学) and u-2 (Alice Wang).
inline Batch searchCorpus(const QList<MessageRecord> &messages, const QList<CommentRecord> &comments)
{
    Batch b = batch(shippingQuestion() + messages, comments);
    b.users << profile(u"u-1"_s, u"小美同学"_s) << profile(u"u-2"_s, u"Alice Wang"_s);
    return b;
}

// A posted video with only its account, platform id and title reported.
inline ContentRecord video(const QString &account, const QString &platformId, const QString &title)
{
    ContentRecord v;
    v.accountId = account;
    v.platformId = platformId;
    v.title = title;
    return v;
}

} // namespace testutil
