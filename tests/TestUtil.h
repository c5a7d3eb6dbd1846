// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the store tests: a fresh database file in a temporary folder, and terse
// builders for worker batches.

#include "model/Model.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace testutil {

using namespace hiscrm;
using namespace hiscrm::model;
using namespace hiscrm::store;
using namespace Qt::StringLiterals;

constexpr qint64 kT0 = 1767225600000; // 2026-01-01T00:00:00Z

inline std::unique_ptr<Store> openStore(const QString &path, Store::Options options = {})
{
    auto r = Store::open(path, options);
    if (!r) {
        qWarning() << "open failed:" << r.error().message;
        return nullptr;
    }
    return std::move(r.value());
}

// What a message and a comment both carry: the account, the platform's id, the text and the time.
template <typename Record>
Record posted(const QString &account, const QString &id, const QString &text, qint64 at)
{
    Record r;
    r.accountId = account;
    r.platformId = id;
    r.text = text;
    r.createdAt = at;
    return r;
}

inline MessageRecord dm(const QString &account, const QString &conv, const QString &id, const QString &sender,
                        const QString &text, qint64 at, Direction dir = Direction::In)
{
    auto m = posted<MessageRecord>(account, id, text, at);
    m.conversationId = conv;
    m.senderId = sender;
    m.direction = dir;
    return m;
}

inline CommentRecord comment(const QString &account, const QString &content, const QString &id,
                             const QString &author, const QString &text, qint64 at,
                             const QString &parent = {})
{
    auto c = posted<CommentRecord>(account, id, text, at);
    c.contentId = content;
    c.authorId = author;
    c.parentId = parent;
    return c;
}

inline Batch batch(const QList<MessageRecord> &messages, const QList<CommentRecord> &comments = {})
{
    Batch b;
    b.platform = QStringLiteral("demo");
    b.messages = messages;
    b.comments = comments;
    return b;
}

// Id of a conversation by its platform id (account "acc-1" unless given).
inline qint64 convId(Store &s, const QString &conv, const QString &account = QStringLiteral("acc-1"))
{
    auto a = s.accountByPlatformId(QStringLiteral("demo"), account);
    if (!a || !a.value())
        return 0;
    auto c = s.conversationByPlatformId(a.value()->id, conv);
    return c && c.value() ? c.value()->id : 0;
}

inline Conversation conv(const hiscrm::store::StoreReader &s, qint64 id)
{
    auto c = s.conversation(id);
    return c && c.value() ? *c.value() : Conversation();
}

// Linux: the nice values of process `pid`'s threads named `name` (0: this process), from
// /proc/<pid>/task/<tid>/stat, whose 19th field it is, counted after the command's closing
// parenthesis since a thread's name may hold spaces.
inline QList<int> niceOfThreads(const QByteArray &name, qint64 pid = 0)
{
    QList<int> out;
    const QDir tasks(pid > 0 ? u"/proc/%1/task"_s.arg(pid) : u"/proc/self/task"_s);
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + u"/comm"_s));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name)
            continue;
        QFile stat(tasks.filePath(tid + u"/stat"_s));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        out << fields.value(16).toInt(); // this list starts at the 3rd field
    }
    return out;
}

} // namespace testutil
