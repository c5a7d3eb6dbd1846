// SPDX-License-Identifier: GPL-3.0-or-later
// Operator commands. Each runs in one write transaction; a command that finds the state already
// as asked changes nothing and takes no revision (changed = false), so repeating one is harmless.

#include "store/StoreImpl.h"

#include "common/JsonIds.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace hiscrm::store {

using namespace model;

namespace {

Error notFound(const char *what, qint64 id)
{
    return {ErrorCode::NotFound,
            Store::tr("No %1 with id %2 exists; it may have been deleted. Refresh and try again.")
                .arg(Store::tr(what))
                .arg(id)};
}

// A command about an item reports the thread it belongs to: its conversation or its content.
void reportThread(CommandResult &r, ItemKind kind, qint64 threadId)
{
    (kind == ItemKind::Message ? r.conversationIds : r.contentIds) = {threadId};
}

// Recounts the thread of an item that changed or went.
void refreshThread(Store::Impl &d, const Item &item)
{
    if (item.kind == ItemKind::Message)
        d.refreshConversation(item.threadId);
    else
        d.refreshContent(item.threadId);
}

// Deletes an item with its edit history, and leaves a tombstone for the change feed.
void deleteItemRow(Store::Impl &d, qint64 itemId)
{
    qint64 accountId = -1;
    {
        auto q = d.db.cached("SELECT account_id FROM items WHERE id = ?1");
        q.bind(1, itemId);
        if (q.next())
            accountId = q.int64(0);
    }
    d.db.cached("DELETE FROM item_history WHERE item_id = ?1").bind(1, itemId).run();
    d.db.cached("DELETE FROM items WHERE id = ?1").bind(1, itemId).run();
    d.tombstone("item", itemId, accountId);
}

// Tags or untags a conversation with `sql` (?1 the conversation, ?2 the tag); the conversation
// takes a new revision only when a row changed.
void changeTag(Store::Impl &d, CommandResult &r, const char *sql, qint64 conversationId, qint64 tagId)
{
    r.conversationIds = {conversationId};
    r.tagId = tagId;
    d.db.cached(sql).bind(1, conversationId).bind(2, tagId).run();
    if (d.db.changes() > 0)
        d.touchConversation(conversationId);
}

template <typename F> Result<CommandResult> writeCommand(Store::Impl &d, const Journal &journal, F &&body)
{
    if (Error e = d.checkWritable())
        return e;
    const QString &commandId = journal.commandId;
    try {
        WriteTransaction txn(d.db);
        d.beginWrite();
        if (!commandId.isEmpty()) {
            auto q = d.db.cached("SELECT result FROM command_log WHERE id = ?1");
            q.bind(1, commandId);
            if (q.next()) {
                CommandResult r = CommandResult::fromJson(QJsonDocument::fromJson(q.utf8(0)).object());
                r.repeated = true;
                r.changed = false;
                return r; // read-only transaction: nothing to commit
            }
        }
        const qint64 before = d.rev;
        CommandResult r;
        if (Error e = body(r)) {
            d.abandonWrite();
            return e; // the transaction rolls back
        }
        r.revision = d.rev;
        r.changed = d.rev != before;
        if (!commandId.isEmpty()) {
            d.db.cached("INSERT INTO command_log(id, op, result, at) VALUES(?1, ?2, ?3, ?4)")
                .bind(1, commandId)
                .bind(2, journal.op)
                .bindUtf8(3, QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact))
                .bind(4, nowMs())
                .run();
        }
        d.saveRev();
        txn.commit();
        // Commands never change what the write cache holds (names, titles, peers, ids).
        d.endWrite();
        return r;
    } catch (const SqlError &e) {
        d.abandonWrite();
        return d.fail(e);
    }
}

Error checkTag(const QString &name, const QString &color)
{
    if (name.trimmed().isEmpty() || name.size() > kMaxTagNameChars)
        return {ErrorCode::InvalidArgument,
                Store::tr("A tag name needs 1 to %1 characters.").arg(kMaxTagNameChars)};
    static const QRegularExpression colorRe(QStringLiteral("^(#[0-9a-fA-F]{6})?$"));
    if (!colorRe.match(color).hasMatch())
        return {ErrorCode::InvalidArgument,
                Store::tr("A tag colour is written #rrggbb, for example #e0533d.")};
    return {};
}

} // namespace

Result<CommandResult> Store::markRead(qint64 conversationId, qint64 upToItemId, const Journal &journal)
{
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        const auto c = d->loadConversation(conversationId);
        if (!c)
            return notFound(QT_TRANSLATE_NOOP("Store", "conversation"), conversationId);
        qint64 target = c->lastItemId;
        if (upToItemId != 0) {
            const auto it = d->loadItem(upToItemId);
            if (!it || it->kind != ItemKind::Message || it->threadId != conversationId)
                return {
                    ErrorCode::InvalidArgument,
                    Store::tr("Message %1 is not in conversation %2.").arg(upToItemId).arg(conversationId)};
            target = upToItemId;
        }
        target = qMax(target, c->readUpTo);
        r.conversationIds = {conversationId};
        if (target == c->readUpTo && !c->markedUnread)
            return {};
        d->db.cached("UPDATE conversations SET read_upto = ?2, marked_unread = 0 WHERE id = ?1")
            .bind(1, conversationId)
            .bind(2, target)
            .run();
        d->refreshConversation(conversationId);
        return {};
    });
}

Result<CommandResult> Store::markUnread(qint64 conversationId, const Journal &journal)
{
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        const auto c = d->loadConversation(conversationId);
        if (!c)
            return notFound(QT_TRANSLATE_NOOP("Store", "conversation"), conversationId);
        r.conversationIds = {conversationId};
        if (c->markedUnread)
            return {};
        d->db.cached("UPDATE conversations SET marked_unread = 1, rev = ?2 WHERE id = ?1")
            .bind(1, conversationId)
            .bind(2, d->nextRev())
            .run();
        return {};
    });
}

Result<CommandResult> Store::markCommentsRead(qint64 contentId, const QList<qint64> &commentIds,
                                              const Journal &journal)
{
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        {
            auto q = d->db.cached("SELECT 1 FROM contents WHERE id = ?1");
            q.bind(1, contentId);
            if (!q.next())
                return notFound(QT_TRANSLATE_NOOP("Store", "video"), contentId);
        }
        QList<qint64> ids;
        if (commentIds.isEmpty()) {
            auto q = d->db.cached("SELECT id FROM items WHERE kind = 1 AND thread_id = ?1 AND read = 0");
            q.bind(1, contentId);
            while (q.next())
                ids.append(q.int64(0));
        } else {
            for (qint64 id : commentIds) {
                const auto it = d->loadItem(id);
                if (!it || it->kind != ItemKind::Comment || it->threadId != contentId)
                    return {ErrorCode::InvalidArgument,
                            Store::tr("Comment %1 is not under video %2.").arg(id).arg(contentId)};
                if (!it->read)
                    ids.append(id);
            }
        }
        r.contentIds = {contentId};
        if (ids.isEmpty())
            return {};
        for (qint64 id : ids)
            d->db.cached("UPDATE items SET read = 1, rev = ?2 WHERE id = ?1")
                .bind(1, id)
                .bind(2, d->nextRev())
                .run();
        d->refreshContent(contentId);
        return {};
    });
}

Result<CommandResult> Store::markCommentsUnread(const QList<qint64> &commentIds, const Journal &journal)
{
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        QList<qint64> contents;
        for (qint64 id : commentIds) {
            const auto it = d->loadItem(id);
            if (!it || it->kind != ItemKind::Comment)
                return notFound(QT_TRANSLATE_NOOP("Store", "comment"), id);
            if (!it->read || it->direction == Direction::Out)
                continue;
            d->db.cached("UPDATE items SET read = 0, rev = ?2 WHERE id = ?1")
                .bind(1, id)
                .bind(2, d->nextRev())
                .run();
            if (!contents.contains(it->threadId))
                contents.append(it->threadId);
        }
        for (qint64 c : contents)
            d->refreshContent(c);
        r.contentIds = contents;
        return {};
    });
}

namespace {

// Sets one flag-like column of a conversation; a no-op when it already holds the value.
template <typename Sql>
Result<CommandResult> setConversationColumn(Store::Impl &d, qint64 conversationId, Sql select, Sql update,
                                            qint64 value, const Journal &journal)
{
    return writeCommand(d, journal, [&](CommandResult &r) -> Error {
        qint64 current = 0;
        {
            auto q = d.db.cached(select);
            q.bind(1, conversationId);
            if (!q.next())
                return notFound(QT_TRANSLATE_NOOP("Store", "conversation"), conversationId);
            current = q.int64(0);
        }
        r.conversationIds = {conversationId};
        if (current == value)
            return {};
        d.db.cached(update).bind(1, conversationId).bind(2, value).bind(3, d.nextRev()).run();
        return {};
    });
}

} // namespace

Result<CommandResult> Store::setPinned(qint64 conversationId, bool pinned, const Journal &journal)
{
    return setConversationColumn(*d, conversationId, "SELECT pinned FROM conversations WHERE id = ?1",
                                 "UPDATE conversations SET pinned = ?2, rev = ?3 WHERE id = ?1",
                                 pinned ? 1 : 0, journal);
}

Result<CommandResult> Store::setArchived(qint64 conversationId, bool archived, const Journal &journal)
{
    return setConversationColumn(*d, conversationId, "SELECT archived FROM conversations WHERE id = ?1",
                                 "UPDATE conversations SET archived = ?2, rev = ?3 WHERE id = ?1",
                                 archived ? 1 : 0, journal);
}

Result<CommandResult> Store::setMutedUntil(qint64 conversationId, qint64 untilMs, const Journal &journal)
{
    if (untilMs < 0)
        return Error{ErrorCode::InvalidArgument,
                     Store::tr("A mute needs a time in the future, or 0 to unmute.")};
    return setConversationColumn(*d, conversationId, "SELECT muted_until FROM conversations WHERE id = ?1",
                                 "UPDATE conversations SET muted_until = ?2, rev = ?3 WHERE id = ?1", untilMs,
                                 journal);
}

Result<CommandResult> Store::createTag(const QString &name, const QString &color, const Journal &journal)
{
    if (Error e = checkTag(name, color))
        return e;
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        const QString clean = name.trimmed();
        {
            auto q = d->db.cached("SELECT id FROM tags WHERE name = ?1");
            q.bind(1, clean);
            if (q.next()) {
                r.tagId = q.int64(0);
                return {ErrorCode::Conflict, Store::tr("A tag named “%1” already exists.").arg(clean)};
            }
        }
        d->db.cached("INSERT INTO tags(name, color, rev) VALUES(?1, ?2, ?3)")
            .bind(1, clean)
            .bind(2, color)
            .bind(3, d->nextRev())
            .run();
        r.tagId = d->db.lastInsertId();
        return {};
    });
}

Result<CommandResult> Store::updateTag(qint64 tagId, const QString &name, const QString &color,
                                       const Journal &journal)
{
    if (Error e = checkTag(name, color))
        return e;
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        const QString clean = name.trimmed();
        r.tagId = tagId;
        QString oldName, oldColor;
        {
            auto q = d->db.cached("SELECT name, color FROM tags WHERE id = ?1");
            q.bind(1, tagId);
            if (!q.next())
                return notFound(QT_TRANSLATE_NOOP("Store", "tag"), tagId);
            oldName = q.text(0);
            oldColor = q.text(1);
        }
        if (oldName == clean && oldColor == color)
            return {};
        {
            auto q = d->db.cached("SELECT id FROM tags WHERE name = ?1 AND id <> ?2");
            q.bind(1, clean).bind(2, tagId);
            if (q.next())
                return {ErrorCode::Conflict, Store::tr("A tag named “%1” already exists.").arg(clean)};
        }
        d->db.cached("UPDATE tags SET name = ?2, color = ?3, rev = ?4 WHERE id = ?1")
            .bind(1, tagId)
            .bind(2, clean)
            .bind(3, color)
            .bind(4, d->nextRev())
            .run();
        return {};
    });
}

Result<CommandResult> Store::deleteTag(qint64 tagId, const Journal &journal)
{
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        {
            auto q = d->db.cached("SELECT 1 FROM tags WHERE id = ?1");
            q.bind(1, tagId);
            if (!q.next())
                return {}; // already gone: deleting twice is not an error
        }
        {
            auto q = d->db.cached("SELECT conversation_id FROM conversation_tags WHERE tag_id = ?1");
            q.bind(1, tagId);
            while (q.next())
                r.conversationIds.append(q.int64(0));
        }
        d->db.cached("DELETE FROM conversation_tags WHERE tag_id = ?1").bind(1, tagId).run();
        for (qint64 c : std::as_const(r.conversationIds))
            d->touchConversation(c);
        d->db.cached("DELETE FROM tags WHERE id = ?1").bind(1, tagId).run();
        d->tombstone("tag", tagId);
        r.tagId = tagId;
        return {};
    });
}

Result<CommandResult> Store::tagConversation(qint64 conversationId, qint64 tagId, const Journal &journal)
{
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        if (!d->loadConversation(conversationId))
            return notFound(QT_TRANSLATE_NOOP("Store", "conversation"), conversationId);
        {
            auto q = d->db.cached("SELECT 1 FROM tags WHERE id = ?1");
            q.bind(1, tagId);
            if (!q.next())
                return notFound(QT_TRANSLATE_NOOP("Store", "tag"), tagId);
        }
        changeTag(*d, r, "INSERT OR IGNORE INTO conversation_tags(conversation_id, tag_id) VALUES(?1, ?2)",
                  conversationId, tagId);
        return {};
    });
}

Result<CommandResult> Store::untagConversation(qint64 conversationId, qint64 tagId, const Journal &journal)
{
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        if (!d->loadConversation(conversationId))
            return notFound(QT_TRANSLATE_NOOP("Store", "conversation"), conversationId);
        changeTag(*d, r, "DELETE FROM conversation_tags WHERE conversation_id = ?1 AND tag_id = ?2",
                  conversationId, tagId);
        return {};
    });
}

Result<CommandResult> Store::recordReply(ItemKind kind, qint64 threadId, qint64 parentId, const QString &text,
                                         const QString &clientRef, qint64 createdAtMs, const Journal &journal)
{
    if (text.trimmed().isEmpty() || text.size() > kMaxTextChars)
        return Error{ErrorCode::InvalidArgument,
                     Store::tr("A reply needs 1 to %1 characters of text.").arg(kMaxTextChars)};
    if (clientRef.isEmpty() || clientRef.size() > kMaxClientRefChars)
        return Error{ErrorCode::InvalidArgument,
                     Store::tr("A reply needs a command id of 1 to %1 characters.").arg(kMaxClientRefChars)};
    if (createdAtMs < 0 || createdAtMs > kMaxTimestampMs)
        return Error{ErrorCode::InvalidArgument, Store::tr("The reply's time is out of range.")};
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        {
            auto q = d->db.cached("SELECT id, kind, thread_id FROM items WHERE client_ref = ?1");
            q.bind(1, clientRef);
            if (q.next()) {
                // The same command again: it already had its effect.
                r.itemId = q.int64(0);
                reportThread(r, ItemKind(q.int64(1)), q.int64(2));
                return {};
            }
        }
        qint64 accountId = 0;
        if (kind == ItemKind::Message) {
            const auto c = d->loadConversation(threadId);
            if (!c)
                return notFound(QT_TRANSLATE_NOOP("Store", "conversation"), threadId);
            accountId = c->accountId;
            r.conversationIds = {threadId};
        } else {
            auto q = d->db.cached("SELECT account_id FROM contents WHERE id = ?1");
            q.bind(1, threadId);
            if (!q.next())
                return notFound(QT_TRANSLATE_NOOP("Store", "video"), threadId);
            accountId = q.int64(0);
            r.contentIds = {threadId};
        }
        if (kind == ItemKind::Comment && parentId != 0) {
            const auto parent = d->loadItem(parentId);
            if (!parent || parent->kind != ItemKind::Comment || parent->threadId != threadId)
                return {ErrorCode::InvalidArgument,
                        Store::tr("Comment %1 is not under video %2.").arg(parentId).arg(threadId)};
        }
        qint64 senderId = 0;
        {
            auto q = d->db.cached("SELECT user_id FROM accounts WHERE id = ?1");
            q.bind(1, accountId);
            if (q.next())
                senderId = q.int64(0);
        }
        Item it;
        it.kind = kind;
        it.accountId = accountId;
        it.threadId = threadId;
        it.parentId = kind == ItemKind::Comment ? parentId : 0;
        it.senderId = senderId;
        it.direction = Direction::Out;
        it.type = MessageType::Text;
        it.text = text;
        it.createdAt = createdAtMs > 0 ? createdAtMs : nowMs();
        if (createdAtMs == 0) {
            // A reply comes after everything the operator saw in the thread, even when the
            // platform's clock runs ahead of ours: thread order must not depend on two clocks.
            auto q = d->db.cached("SELECT max(id) FROM items WHERE kind = ?1 AND thread_id = ?2");
            q.bind(1, int(kind)).bind(2, threadId);
            if (q.next() && !q.isNull(0))
                it.createdAt = qMax(it.createdAt, q.int64(0) / kIdSlotsPerMs + 1);
        }
        it.delivery = Delivery::Pending;
        it.clientRef = clientRef;
        it.read = true;
        it.id = d->allocateItemId(it.createdAt);
        it.rev = d->nextRev();
        d->db
            .cached("INSERT INTO items(id, kind, account_id, platform_id, thread_id, parent_id, sender_id, "
                    "direction, "
                    "type, text, created_at, delivery, client_ref, read, rev) "
                    "VALUES(?1, ?2, ?3, NULL, ?4, ?5, ?6, 1, 0, ?7, ?8, 1, ?9, 1, ?10)")
            .bind(1, it.id)
            .bind(2, int(kind))
            .bind(3, accountId)
            .bind(4, threadId)
            .bind(5, it.parentId)
            .bind(6, senderId)
            .bind(7, text)
            .bind(8, it.createdAt)
            .bind(9, clientRef)
            .bind(10, it.rev)
            .run();
        r.itemId = it.id;
        if (kind == ItemKind::Message) {
            // Answering a chat means having read it.
            d->db
                .cached("UPDATE conversations SET read_upto = max(read_upto, ?2), marked_unread = 0 WHERE id "
                        "= ?1")
                .bind(1, threadId)
                .bind(2, it.id)
                .run();
            d->refreshConversation(threadId);
        } else {
            d->refreshContent(threadId);
        }
        return {};
    });
}

Result<CommandResult> Store::setReplyResult(qint64 itemId, Delivery delivery, const QString &platformId,
                                            const QString &error, const Journal &journal)
{
    if (delivery == Delivery::None)
        return Error{ErrorCode::InvalidArgument, Store::tr("A reply's state is pending, sent or failed.")};
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        const auto it = d->loadItem(itemId);
        if (!it)
            return notFound(QT_TRANSLATE_NOOP("Store", "message"), itemId);
        if (it->direction != Direction::Out || it->clientRef.isEmpty())
            return {ErrorCode::InvalidArgument,
                    Store::tr("Item %1 is not a reply sent from here.").arg(itemId)};
        r.itemId = itemId;
        reportThread(r, it->kind, it->threadId);
        const QString newPid = platformId.isEmpty() ? it->platformId : platformId;
        const QString newError = delivery == Delivery::Failed ? error : QString();
        if (it->delivery == delivery && it->platformId == newPid && it->error == newError)
            return {};
        if (!newPid.isEmpty() && newPid != it->platformId) {
            // The connector may have reported our own reply as an observed message before the
            // reply result came back: keep one copy, ours.
            std::optional<Item> dup;
            {
                auto q = d->db.cached("SELECT " HISCRM_ITEM_COLS
                                      " FROM items i WHERE i.account_id = ?1 AND i.kind = ?2 "
                                      "AND i.platform_id = ?3");
                q.bind(1, it->accountId).bind(2, int(it->kind)).bind(3, newPid);
                if (q.next())
                    dup = readItem(q);
            }
            if (dup && dup->id != itemId) {
                deleteItemRow(*d, dup->id);
            }
        }
        auto q = d->db.cached(
            "UPDATE items SET delivery = ?2, platform_id = ?3, error = ?4, rev = ?5 WHERE id = ?1");
        q.bind(1, itemId).bind(2, int(delivery));
        if (newPid.isEmpty())
            q.bindNull(3);
        else
            q.bind(3, newPid);
        q.bind(4, newError).bind(5, d->nextRev()).run();
        refreshThread(*d, *it);
        return {};
    });
}

Result<CommandResult> Store::recallItem(qint64 itemId, const Journal &journal)
{
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        const auto it = d->loadItem(itemId);
        if (!it)
            return notFound(QT_TRANSLATE_NOOP("Store", "message"), itemId);
        r.itemId = itemId;
        reportThread(r, it->kind, it->threadId);
        if (it->recalled)
            return {};
        d->db.cached("INSERT INTO item_history(item_id, changed_at, old_text, recall) VALUES(?1, ?2, ?3, 1)")
            .bind(1, itemId)
            .bind(2, nowMs())
            .bind(3, it->text)
            .run();
        d->db.cached("UPDATE items SET recalled = 1, text = '', rev = ?2 WHERE id = ?1")
            .bind(1, itemId)
            .bind(2, d->nextRev())
            .run();
        refreshThread(*d, *it);
        return {};
    });
}

Result<CommandResult> Store::deleteItem(qint64 itemId, const Journal &journal)
{
    return writeCommand(*d, journal, [&](CommandResult &r) -> Error {
        const auto it = d->loadItem(itemId);
        r.itemId = itemId;
        if (!it)
            return {}; // already gone
        reportThread(r, it->kind, it->threadId);
        deleteItemRow(*d, itemId);
        refreshThread(*d, *it);
        return {};
    });
}

Result<CommandResult> Store::setAccountStatus(qint64 accountId, LoginState state, const QString &error,
                                              qint64 lastSyncAt)
{
    return writeCommand(*d, Journal(), [&](CommandResult &r) -> Error {
        auto q = d->db.cached("SELECT login_state, last_error, last_sync_at FROM accounts WHERE id = ?1");
        q.bind(1, accountId);
        if (!q.next())
            return notFound(QT_TRANSLATE_NOOP("Store", "account"), accountId);
        const qint64 sync = qMax(q.int64(2), lastSyncAt);
        if (q.int64(0) == int(state) && q.text(1) == error && sync == q.int64(2))
            return {};
        d->db
            .cached("UPDATE accounts SET login_state = ?2, last_error = ?3, last_sync_at = ?4, rev = ?5 "
                    "WHERE id = ?1")
            .bind(1, accountId)
            .bind(2, int(state))
            .bind(3, error)
            .bind(4, sync)
            .bind(5, d->nextRev())
            .run();
        Q_UNUSED(r);
        return {};
    });
}

Result<AccountStatusResult> Store::setAccountsStatus(const QString &platform, const QStringList &platformIds,
                                                     LoginState state, const QString &error)
{
    AccountStatusResult out;
    auto r = writeCommand(*d, Journal(), [&](CommandResult &) -> Error {
        for (const QString &platformId : platformIds) {
            auto q = d->db.cached(
                "SELECT id, login_state, last_error FROM accounts WHERE platform = ?1 AND platform_id = ?2");
            q.bind(1, platform).bind(2, platformId);
            if (!q.next())
                continue;
            const qint64 id = q.int64(0);
            if (q.int64(1) == int(state) && q.text(2) == error)
                continue;
            d->db.cached("UPDATE accounts SET login_state = ?2, last_error = ?3, rev = ?4 WHERE id = ?1")
                .bind(1, id)
                .bind(2, int(state))
                .bind(3, error)
                .bind(4, d->nextRev())
                .run();
            out.accountIds.append(id);
        }
        return {};
    });
    if (!r)
        return r.error();
    out.revision = r->revision;
    return out;
}

} // namespace hiscrm::store

namespace hiscrm::store {

namespace {

QList<qint64> idsFromJson(const QJsonValue &v)
{
    QList<qint64> out;
    for (const QJsonValue &x : v.toArray())
        out.append(x.toInteger());
    return out;
}

} // namespace

QJsonObject CommandResult::toJson() const
{
    return QJsonObject{{QStringLiteral("revision"), revision},
                       {QStringLiteral("changed"), changed},
                       {QStringLiteral("item_id"), itemId},
                       {QStringLiteral("tag_id"), tagId},
                       {QStringLiteral("conversation_ids"), idsToJson(conversationIds)},
                       {QStringLiteral("content_ids"), idsToJson(contentIds)}};
}

CommandResult CommandResult::fromJson(const QJsonObject &o)
{
    CommandResult r;
    r.revision = o.value(QStringLiteral("revision")).toInteger();
    r.changed = o.value(QStringLiteral("changed")).toBool();
    r.itemId = o.value(QStringLiteral("item_id")).toInteger();
    r.tagId = o.value(QStringLiteral("tag_id")).toInteger();
    r.conversationIds = idsFromJson(o.value(QStringLiteral("conversation_ids")));
    r.contentIds = idsFromJson(o.value(QStringLiteral("content_ids")));
    return r;
}

Result<int> Store::pruneCommandLog(qint64 olderThanMs)
{
    if (Error e = d->checkWritable())
        return e;
    return d->guarded([&] {
        WriteTransaction txn(d->db);
        d->db.cached("DELETE FROM command_log WHERE at < ?1").bind(1, olderThanMs).run();
        const int n = d->db.changes();
        txn.commit();
        return n;
    });
}

} // namespace hiscrm::store
