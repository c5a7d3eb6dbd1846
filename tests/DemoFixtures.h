// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the tests of the demo data: a field-by-field comparison of two worker batches
// (the generator and the demo connector must be deterministic), and a reply request to the demo
// connector.
#pragma once

#include "model/Model.h"
#include "worker/Connector.h"

#include <QTest>

namespace demofixtures {

using namespace hiscrm::model;

inline void compareRecord(const AccountRecord &x, const AccountRecord &y)
{
    QCOMPARE(x.platformId, y.platformId);
    QCOMPARE(x.name, y.name);
    QCOMPARE(x.avatar, y.avatar);
}

inline void compareRecord(const UserRecord &x, const UserRecord &y)
{
    QCOMPARE(x.platformId, y.platformId);
    QCOMPARE(x.name, y.name);
    QCOMPARE(x.avatar, y.avatar);
    QCOMPARE(x.signature, y.signature);
    QCOMPARE(x.followers, y.followers);
    QCOMPARE(x.following, y.following);
    QCOMPARE(x.videos, y.videos);
    QCOMPARE(x.verified, y.verified);
}

inline void compareRecord(const ContentRecord &x, const ContentRecord &y)
{
    QCOMPARE(x.accountId, y.accountId);
    QCOMPARE(x.platformId, y.platformId);
    QCOMPARE(x.title, y.title);
    QCOMPARE(x.url, y.url);
    QCOMPARE(x.cover, y.cover);
    QCOMPARE(x.publishedAt, y.publishedAt);
}

inline void compareRecord(const ConversationRecord &x, const ConversationRecord &y)
{
    QCOMPARE(x.accountId, y.accountId);
    QCOMPARE(x.platformId, y.platformId);
    QCOMPARE(x.peerId, y.peerId);
}

inline void compareRecord(const MessageRecord &x, const MessageRecord &y)
{
    QCOMPARE(x.accountId, y.accountId);
    QCOMPARE(x.conversationId, y.conversationId);
    QCOMPARE(x.platformId, y.platformId);
    QCOMPARE(x.senderId, y.senderId);
    QCOMPARE(int(x.direction), int(y.direction));
    QCOMPARE(int(x.type), int(y.type));
    QCOMPARE(x.text, y.text);
    QCOMPARE(x.media, y.media);
    QCOMPARE(x.createdAt, y.createdAt);
    QCOMPARE(x.recalled, y.recalled);
}

inline void compareRecord(const CommentRecord &x, const CommentRecord &y)
{
    QCOMPARE(x.accountId, y.accountId);
    QCOMPARE(x.contentId, y.contentId);
    QCOMPARE(x.platformId, y.platformId);
    QCOMPARE(x.parentId, y.parentId);
    QCOMPARE(x.authorId, y.authorId);
    QCOMPARE(x.text, y.text);
    QCOMPARE(x.createdAt, y.createdAt);
    QCOMPARE(x.recalled, y.recalled);
}

// Same length, then record by record; stops at the first difference.
template <typename Record> void compareRecords(const QList<Record> &a, const QList<Record> &b)
{
    QCOMPARE(a.size(), b.size());
    for (qsizetype i = 0; i < a.size() && !QTest::currentTestFailed(); ++i)
        compareRecord(a[i], b[i]);
}

// Check QTest::currentTestFailed() after the call: QCOMPARE can only return from here.
inline void compareBatches(const Batch &a, const Batch &b)
{
    QCOMPARE(a.platform, b.platform);
    compareRecords(a.accounts, b.accounts);
    if (!QTest::currentTestFailed())
        compareRecords(a.users, b.users);
    if (!QTest::currentTestFailed())
        compareRecords(a.contents, b.contents);
    if (!QTest::currentTestFailed())
        compareRecords(a.conversations, b.conversations);
    if (!QTest::currentTestFailed())
        compareRecords(a.messages, b.messages);
    if (!QTest::currentTestFailed())
        compareRecords(a.comments, b.comments);
}

// A reply to item itemId in the demo connector's first conversation (conversation i belongs to
// account i % accounts); "#ok" or "#fail" in the text chooses the outcome.
inline hiscrm::worker::ReplyRequest demoReply(qint64 itemId, const QString &text)
{
    hiscrm::worker::ReplyRequest r;
    r.itemId = itemId;
    r.commandId = QStringLiteral("cmd-%1").arg(itemId);
    r.platform = QStringLiteral("demo");
    r.accountId = QStringLiteral("acc-0");
    r.kind = ItemKind::Message;
    r.threadId = QStringLiteral("conv-0");
    r.text = text;
    return r;
}

} // namespace demofixtures
