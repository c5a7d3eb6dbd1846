// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/MasterLink.h"

#include "common/JsonIds.h"
#include "master/Commands.h"

#include <QUuid>

namespace hiscrm::master {

QString MasterLink::newCommandId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

LocalMasterLink::LocalMasterLink(Master *master, QObject *parent)
    : MasterLink(parent)
    , m_master(master)
{
    // Signals cross the thread boundary queued, and their connections die with either object, so a
    // result never reaches a link that is gone.
    connect(master, &Master::changed, this, &MasterLink::changed);
    connect(master, &Master::storeDamaged, this, &MasterLink::storeDamaged);
    connect(master, &Master::commandExecuted, this, &LocalMasterLink::onExecuted);
    // Damage found before this link was connected is told once too (a listener that heard it
    // already may hear it again).
    call(
        [](Master &m) -> Result<QJsonObject> {
            if (Error e = m.damage())
                return e;
            return QJsonObject();
        },
        [this](const Result<QJsonObject> &r) {
            if (!r)
                emit storeDamaged(r.error().message);
        });
}

void LocalMasterLink::command(const QString &op, const QJsonObject &args, Done done, const QString &commandId)
{
    const QString id = commandId.isEmpty() ? newCommandId() : commandId;
    call([id, op, args](Master &master) { return master.execute(id, op, args); }, std::move(done));
}

void LocalMasterLink::openWorkerPort(quint16 port, const QString &token, EndpointDone done)
{
    call(
        [port, token](Master &master) -> Result<QJsonObject> {
            const auto e = master.openWorkerPort(port, token);
            if (!e)
                return e.error();
            return QJsonObject{{QStringLiteral("url"), e->url},
                               {QStringLiteral("token"), e->token},
                               {QStringLiteral("port"), int(e->port)}};
        },
        [done = std::move(done)](const Result<QJsonObject> &r) {
            if (!done)
                return;
            if (!r)
                return done(r.error());
            done(WorkerEndpoint{r->value(QStringLiteral("url")).toString(),
                                r->value(QStringLiteral("token")).toString(),
                                quint16(r->value(QStringLiteral("port")).toInt())});
        });
}

void LocalMasterLink::call(MasterCall fn, Done done)
{
    Master *master = m_master.data();
    if (!master) {
        if (done)
            done(Error{ErrorCode::Io, tr("The master has stopped.")});
        return;
    }
    const quint64 token = ++m_nextToken;
    if (done)
        m_pending.insert(token, std::move(done));
    const auto requester = reinterpret_cast<quintptr>(this);
    QMetaObject::invokeMethod(
        master,
        [master, requester, token, fn = std::move(fn)] {
            const Result<QJsonObject> r = fn(*master);
            emit master->commandExecuted(requester, token, r ? *r : QJsonObject(),
                                         int(r ? ErrorCode::None : r.error().code),
                                         r ? QString() : r.error().message);
        },
        Qt::QueuedConnection);
}

void LocalMasterLink::onExecuted(quintptr requester, quint64 token, const QJsonObject &result, int errorCode,
                                 const QString &errorMessage)
{
    if (requester != reinterpret_cast<quintptr>(this))
        return;
    const Done done = m_pending.take(token);
    if (!done)
        return;
    if (errorCode != int(ErrorCode::None))
        done(Error{ErrorCode(errorCode), errorMessage});
    else
        done(result);
}

namespace {

QString name(QLatin1String op)
{
    return QString(op);
}

} // namespace

void MasterLink::markRead(qint64 conversationId, Done done, qint64 upToItemId, const QString &commandId)
{
    QJsonObject args{{QStringLiteral("conversation_id"), conversationId}};
    if (upToItemId)
        args.insert(QStringLiteral("up_to"), upToItemId);
    command(name(op::MarkRead), args, std::move(done), commandId);
}

void MasterLink::markUnread(qint64 conversationId, Done done, const QString &commandId)
{
    command(name(op::MarkUnread), {{QStringLiteral("conversation_id"), conversationId}}, std::move(done),
            commandId);
}

void MasterLink::markCommentsRead(qint64 contentId, Done done, const QList<qint64> &commentIds,
                                  const QString &commandId)
{
    QJsonObject args{{QStringLiteral("content_id"), contentId}};
    if (!commentIds.isEmpty())
        args.insert(QStringLiteral("comment_ids"), idsToJson(commentIds));
    command(name(op::MarkCommentsRead), args, std::move(done), commandId);
}

void MasterLink::markCommentsUnread(const QList<qint64> &commentIds, Done done, const QString &commandId)
{
    command(name(op::MarkCommentsUnread), {{QStringLiteral("comment_ids"), idsToJson(commentIds)}},
            std::move(done), commandId);
}

void MasterLink::pin(qint64 conversationId, bool pinned, Done done, const QString &commandId)
{
    command(name(pinned ? op::Pin : op::Unpin), {{QStringLiteral("conversation_id"), conversationId}},
            std::move(done), commandId);
}

void MasterLink::archive(qint64 conversationId, bool archived, Done done, const QString &commandId)
{
    command(name(archived ? op::Archive : op::Unarchive),
            {{QStringLiteral("conversation_id"), conversationId}}, std::move(done), commandId);
}

void MasterLink::mute(qint64 conversationId, qint64 untilMs, Done done, const QString &commandId)
{
    command(name(op::Mute),
            {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("until"), untilMs}},
            std::move(done), commandId);
}

void MasterLink::unmute(qint64 conversationId, Done done, const QString &commandId)
{
    command(name(op::Unmute), {{QStringLiteral("conversation_id"), conversationId}}, std::move(done),
            commandId);
}

void MasterLink::tag(qint64 conversationId, qint64 tagId, Done done, const QString &commandId)
{
    command(name(op::Tag),
            {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("tag_id"), tagId}},
            std::move(done), commandId);
}

void MasterLink::untag(qint64 conversationId, qint64 tagId, Done done, const QString &commandId)
{
    command(name(op::Untag),
            {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("tag_id"), tagId}},
            std::move(done), commandId);
}

void MasterLink::createTag(const QString &tagName, const QString &color, Done done, const QString &commandId)
{
    QJsonObject args{{QStringLiteral("name"), tagName}};
    if (!color.isEmpty())
        args.insert(QStringLiteral("color"), color);
    command(name(op::CreateTag), args, std::move(done), commandId);
}

void MasterLink::updateTag(qint64 tagId, const QString &tagName, const QString &color, Done done,
                           const QString &commandId)
{
    QJsonObject args{{QStringLiteral("tag_id"), tagId}, {QStringLiteral("name"), tagName}};
    if (!color.isEmpty())
        args.insert(QStringLiteral("color"), color);
    command(name(op::UpdateTag), args, std::move(done), commandId);
}

void MasterLink::deleteTag(qint64 tagId, Done done, const QString &commandId)
{
    command(name(op::DeleteTag), {{QStringLiteral("tag_id"), tagId}}, std::move(done), commandId);
}

void MasterLink::reply(const ReplyTarget &to, const QString &text, Done done, const QString &commandId)
{
    QJsonObject args{{QStringLiteral("text"), text}};
    if (to.conversationId)
        args.insert(QStringLiteral("conversation_id"), to.conversationId);
    if (to.contentId)
        args.insert(QStringLiteral("content_id"), to.contentId);
    if (to.parentId)
        args.insert(QStringLiteral("parent_id"), to.parentId);
    command(name(op::Reply), args, std::move(done), commandId);
}

void MasterLink::retryReply(qint64 itemId, Done done, const QString &commandId)
{
    command(name(op::RetryReply), {{QStringLiteral("item_id"), itemId}}, std::move(done), commandId);
}

void MasterLink::recall(qint64 itemId, Done done, const QString &commandId)
{
    command(name(op::Recall), {{QStringLiteral("item_id"), itemId}}, std::move(done), commandId);
}

void MasterLink::deleteItem(qint64 itemId, Done done, const QString &commandId)
{
    command(name(op::DeleteItem), {{QStringLiteral("item_id"), itemId}}, std::move(done), commandId);
}

void MasterLink::search(const store::SearchQuery &q, Done done)
{
    QJsonObject args{{QStringLiteral("text"), q.text}, {QStringLiteral("limit"), q.limit}};
    const auto setNonZero = [&args](const char *key, qint64 id) {
        if (id)
            args.insert(QLatin1String(key), id);
    };
    if (!q.accountIds.isEmpty())
        args.insert(QStringLiteral("account_ids"), idsToJson(q.accountIds));
    if (!q.platform.isEmpty())
        args.insert(QStringLiteral("platform"), q.platform);
    setNonZero("conversation_id", q.conversationId);
    setNonZero("content_id", q.contentId);
    setNonZero("sender_id", q.senderId);
    setNonZero("from", q.fromMs);
    setNonZero("to", q.toMs);
    setNonZero("tag_id", q.tagId);
    if (q.kind)
        args.insert(QStringLiteral("kind"), model::toString(*q.kind));
    if (q.direction)
        args.insert(QStringLiteral("direction"), model::toString(*q.direction));
    if (q.unreadOnly)
        args.insert(QStringLiteral("unread"), true);
    args.insert(QStringLiteral("order"), q.order == store::SearchOrder::Relevance
                                             ? QStringLiteral("relevance")
                                             : QStringLiteral("newest"));
    if (!q.cursor.isEmpty())
        args.insert(QStringLiteral("cursor"), q.cursor);
    command(name(op::Search), args, std::move(done));
}

void MasterLink::userProfile(qint64 userId, Done done)
{
    command(name(op::UserProfile), {{QStringLiteral("user_id"), userId}}, std::move(done));
}

void MasterLink::userProfiles(const QList<qint64> &userIds, Done done)
{
    command(name(op::UserProfile), {{QStringLiteral("user_ids"), idsToJson(userIds)}}, std::move(done));
}

void MasterLink::unreadSummary(Done done)
{
    command(name(op::UnreadSummary), {}, std::move(done));
}

void MasterLink::status(bool withCounts, Done done)
{
    command(name(op::Status), {{QStringLiteral("counts"), withCounts}}, std::move(done));
}

} // namespace hiscrm::master
