// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "master/Master.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace hiscrm::master {

// The one way clients act on a master and hear about its changes: in-process now
// (LocalMasterLink), over WebSocket in team mode. Lives in the client's thread; callbacks and
// signals arrive there.
class MasterLink : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const Result<QJsonObject> &result)>;
    using QObject::QObject;

    // Sends a command. An empty commandId gets a fresh one (a UUID); pass the same id again to
    // retry without a second effect. `done` may be empty.
    virtual void command(const QString &op, const QJsonObject &args, Done done = {},
                         const QString &commandId = QString()) = 0;

    static QString newCommandId();

    // Typed helpers, one per op of the command registry (master/Commands.h; docs/protocol.md,
    // "Commands"), over command(). Ops that change data take an optional command id: passing the
    // id of an earlier call retries it without a second effect.
    void markRead(qint64 conversationId, Done done = {}, qint64 upToItemId = 0,
                  const QString &commandId = {});
    void markUnread(qint64 conversationId, Done done = {}, const QString &commandId = {});
    // Empty commentIds: every comment of the content.
    void markCommentsRead(qint64 contentId, Done done = {}, const QList<qint64> &commentIds = {},
                          const QString &commandId = {});
    void markCommentsUnread(const QList<qint64> &commentIds, Done done = {}, const QString &commandId = {});
    void pin(qint64 conversationId, bool pinned, Done done = {}, const QString &commandId = {}); // pin, unpin
    void archive(qint64 conversationId, bool archived, Done done = {},
                 const QString &commandId = {}); // archive, unarchive
    // untilMs: ms since 1970, in the future; -1: until unmuted.
    void mute(qint64 conversationId, qint64 untilMs, Done done = {}, const QString &commandId = {});
    void unmute(qint64 conversationId, Done done = {}, const QString &commandId = {});
    void tag(qint64 conversationId, qint64 tagId, Done done = {}, const QString &commandId = {});
    void untag(qint64 conversationId, qint64 tagId, Done done = {}, const QString &commandId = {});
    // color: #rrggbb, or empty.
    void createTag(const QString &name, const QString &color, Done done = {}, const QString &commandId = {});
    void updateTag(qint64 tagId, const QString &name, const QString &color, Done done = {},
                   const QString &commandId = {});
    void deleteTag(qint64 tagId, Done done = {}, const QString &commandId = {});
    // Where a reply goes: a conversation, or a content (under the comment parentId, 0: top level).
    struct ReplyTarget
    {
        qint64 conversationId = 0;
        qint64 contentId = 0;
        qint64 parentId = 0;
        static ReplyTarget conversation(qint64 id) { return {id, 0, 0}; }
        static ReplyTarget content(qint64 id, qint64 parentCommentId = 0) { return {0, id, parentCommentId}; }
    };
    void reply(const ReplyTarget &to, const QString &text, Done done = {}, const QString &commandId = {});
    void retryReply(qint64 itemId, Done done = {}, const QString &commandId = {});
    void recall(qint64 itemId, Done done = {}, const QString &commandId = {});
    void deleteItem(qint64 itemId, Done done = {}, const QString &commandId = {});
    // Read-only ops. search sends the fields of the query the op knows (not snippetChars).
    void search(const store::SearchQuery &query, Done done);
    void userProfile(qint64 userId, Done done);
    void userProfiles(const QList<qint64> &userIds, Done done); // user_profile with user_ids
    void unreadSummary(Done done);
    // withCounts false leaves out the row counts, the one part that costs time on a large history.
    void status(bool withCounts, Done done);

    // Opens the master's port for external workers (Master::openWorkerPort); `done` gets where they
    // connect and the token they present.
    using EndpointDone = std::function<void(const Result<WorkerEndpoint> &endpoint)>;
    virtual void openWorkerPort(quint16 port, const QString &token, EndpointDone done) = 0;

signals:
    void changed(const hiscrm::master::ChangeNotice &notice);
    // The master found its database damaged and has stopped writing to it (Master::storeDamaged).
    // A new link also says so once when the damage was found before the link existed.
    void storeDamaged(const QString &message);
};

class LocalMasterLink final : public MasterLink
{
    Q_OBJECT

public:
    LocalMasterLink(Master *master, QObject *parent = nullptr);
    void command(const QString &op, const QJsonObject &args, Done done = {},
                 const QString &commandId = QString()) override;
    void openWorkerPort(quint16 port, const QString &token, EndpointDone done) override;

private:
    // Runs fn in the master thread; its result comes back to `done` in this link's thread, never
    // waited for.
    using MasterCall = std::function<Result<QJsonObject>(Master &master)>;
    void call(MasterCall fn, Done done);
    void onExecuted(quintptr requester, quint64 token, const QJsonObject &result, int errorCode,
                    const QString &errorMessage);
    QPointer<Master> m_master;
    QHash<quint64, Done> m_pending;
    quint64 m_nextToken = 0;
};

} // namespace hiscrm::master
