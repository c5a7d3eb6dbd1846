// SPDX-License-Identifier: GPL-3.0-or-later
// The change feed: every row with a revision above the cursor, oldest revision first, across all
// synced tables and the tombstones, read in one snapshot. A consumer that applies a page and
// stores `next` in one transaction neither loses nor doubles an update; re-reading a page is
// harmless because each change carries the whole row.

#include "store/StoreImpl.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <memory>

namespace hiscrm::store {

using namespace model;
using namespace Qt::StringLiterals;

namespace {

struct EntityTable
{
    const char *name;
    const char *sinceSql; // rows with rev > ?1, by rev, at most ?2; rev is the last column
    const char *allSql;
    int accountColumn; // the row's account (content, conversation, item); -1: see ownersOf
};

const EntityTable kEntities[] = {
    {"account", "SELECT " HISCRM_ACCOUNT_COLS " FROM accounts a WHERE a.rev > ?1 ORDER BY a.rev LIMIT ?2",
     "SELECT " HISCRM_ACCOUNT_COLS " FROM accounts a ORDER BY a.id", -1},
    {"user", "SELECT " HISCRM_USER_COLS " FROM users u WHERE u.rev > ?1 ORDER BY u.rev LIMIT ?2",
     "SELECT " HISCRM_USER_COLS " FROM users u ORDER BY u.id", -1},
    {"content", "SELECT " HISCRM_CONTENT_COLS " FROM contents t WHERE t.rev > ?1 ORDER BY t.rev LIMIT ?2",
     "SELECT " HISCRM_CONTENT_COLS " FROM contents t ORDER BY t.id", 1},
    {"conversation",
     "SELECT " HISCRM_CONVERSATION_COLS " FROM conversations c WHERE c.rev > ?1 ORDER BY c.rev LIMIT ?2",
     "SELECT " HISCRM_CONVERSATION_COLS " FROM conversations c ORDER BY c.id", 1},
    {"item", "SELECT " HISCRM_ITEM_COLS " FROM items i WHERE i.rev > ?1 ORDER BY i.rev LIMIT ?2",
     "SELECT " HISCRM_ITEM_COLS " FROM items i ORDER BY i.id", 2},
    {"tag", "SELECT id, name, color, rev FROM tags WHERE rev > ?1 ORDER BY rev LIMIT ?2",
     "SELECT id, name, color, rev FROM tags ORDER BY id", -1},
};

constexpr const char *kTombstonesSince =
    "SELECT rev, entity, id, account_id FROM tombstones WHERE rev > ?1 ORDER BY rev LIMIT ?2";

// Whose a change is (see ChangeAccounts). accountId: the row's account, or the tombstone's.
ChangeAccounts ownersOf(Store::Impl &d, QStringView entity, qint64 id, bool deleted, qint64 accountId)
{
    ChangeAccounts a;
    if (deleted) {
        if (accountId == 0)
            a.kind = ChangeAccounts::Kind::Everyone;
        else if (accountId < 0)
            a.kind = ChangeAccounts::Kind::AllAccountsOnly;
        else
            a.accounts = {accountId};
    } else if (entity == u"tag") {
        a.kind = ChangeAccounts::Kind::Everyone;
    } else if (entity == u"account") {
        a.accounts = {id};
    } else if (entity == u"user") {
        auto q = d.db.cached("SELECT account_id FROM user_accounts WHERE user_id = ?1");
        q.bind(1, id);
        while (q.next())
            a.accounts.append(q.int64(0));
    } else { // content, conversation, item
        a.accounts = {accountId};
    }
    return a;
}

} // namespace

// The row a statement points at, as the feed sends it: JSON text.
static void appendRowJson(QByteArray &out, Store::Impl &d, const char *entity, const Statement &s)
{
    const QByteArrayView e(entity);
    if (e == "account") {
        appendJson(out, readAccount(s));
    } else if (e == "user") {
        appendJson(out, readUser(s));
    } else if (e == "content") {
        appendJson(out, readContent(s));
    } else if (e == "conversation") {
        Conversation c = readConversation(s);
        c.tagIds = d.tagsOf(c.id);
        appendJson(out, c);
    } else if (e == "item") {
        const Item it = readItem(s);
        appendJson(out, it);
        if (it.editedAt != 0 || it.recalled) {
            out.chop(1); // the object goes on with its history
            out.append(",\"history\":[");
            auto q = d.db.cached(
                "SELECT item_id, old_text, changed_at, recall FROM item_history WHERE item_id = ?1 "
                "ORDER BY changed_at, rowid");
            q.bind(1, it.id);
            for (bool first = true; q.next(); first = false) {
                if (!first)
                    out.append(',');
                appendJson(out, ItemHistory{q.int64(0), q.text(1), q.int64(2), q.int64(3) != 0});
            }
            out.append("]}");
        }
    } else {
        appendJson(out, Tag{s.int64(0), s.text(1), s.text(2), s.int64(3)});
    }
}

// The same as a QJsonObject.
static QJsonObject rowJson(Store::Impl &d, const char *entity, const Statement &s)
{
    QByteArray text;
    appendRowJson(text, d, entity, s);
    return QJsonDocument::fromJson(text).object();
}

Result<ChangePage> Store::changes(qint64 since, int limit) const
{
    limit = qBound(1, limit, 10000);
    if (since < 0)
        return Error{ErrorCode::InvalidArgument, Store::tr("A change cursor is never negative.")};
    return d->guarded([&] {
        ReadTransaction snapshot(d->db);
        QList<Change> all;
        for (const EntityTable &t : kEntities) {
            Statement s = d->db.prepare(QByteArray(t.sinceSql));
            s.bind(1, since).bind(2, limit + 1);
            while (s.next()) {
                Change c;
                c.entity = QString::fromLatin1(t.name);
                c.data = rowJson(*d, t.name, s);
                c.id = s.int64(0);
                c.rev = c.data.value(QStringLiteral("rev")).toInteger();
                all.append(std::move(c));
            }
        }
        {
            auto s = d->db.cached(kTombstonesSince);
            s.bind(1, since).bind(2, limit + 1);
            while (s.next())
                all.append(Change{s.int64(0), s.text(1), s.int64(2), true, {}, s.int64(3), {}});
        }
        std::sort(all.begin(), all.end(), [](const Change &a, const Change &b) { return a.rev < b.rev; });
        ChangePage page;
        page.hasMore = all.size() > limit;
        if (page.hasMore)
            all.resize(limit);
        page.next = all.isEmpty() ? since : all.constLast().rev;
        page.changes = std::move(all);
        return page;
    });
}

Result<QList<ChangeAccounts>> Store::accountsOfChanges(const QList<Change> &changes) const
{
    return d->guarded([&] {
        QList<ChangeAccounts> out;
        out.reserve(changes.size());
        for (const Change &c : changes) {
            const qint64 account =
                c.deleted ? c.accountId : c.data.value(QLatin1String("account_id")).toInteger(-1);
            out.append(ownersOf(*d, c.entity, c.id, c.deleted, account));
        }
        return out;
    });
}

Result<OwnedChangePage> Store::changesFor(qint64 since, int limit,
                                          const std::function<bool(const ChangeAccounts &)> &wanted) const
{
    limit = qBound(1, limit, 10000);
    if (since < 0)
        return Error{ErrorCode::InvalidArgument, Store::tr("A change cursor is never negative.")};
    static const QString kNames[] = {u"account"_s,      u"user"_s, u"content"_s,
                                     u"conversation"_s, u"item"_s, u"tag"_s};
    static_assert(std::size(kNames) == std::size(kEntities));
    return d->guarded([&] {
        ReadTransaction snapshot(d->db);
        // Each table's rows after the cursor, and the tombstones', merged by revision: every row is
        // read once and whole, and only what is wanted is made into JSON.
        constexpr int kTables = int(std::size(kEntities));
        constexpr int kTombstones = kTables; // the last source
        std::array<std::unique_ptr<Cached>, kTables + 1> sources;
        std::array<qint64, kTables + 1> revOf{}; // the source's current row; -1: it has no more
        std::array<int, kTables + 1> revColumn{};
        const auto step = [&](int k) {
            revOf[k] = sources[k]->next() ? sources[k]->int64(revColumn[k]) : -1;
        };
        for (int k = 0; k <= kTables; ++k) {
            sources[k].reset(
                new Cached(d->db.cached(k < kTables ? kEntities[k].sinceSql : kTombstonesSince)));
            sources[k]->bind(1, since).bind(2, limit + 1);
            revColumn[k] = k < kTables ? sqlite3_column_count(sources[k]->statement().handle()) - 1 : 0;
            step(k);
        }
        OwnedChangePage page;
        page.next = since;
        for (int taken = 0;; ++taken) {
            int k = -1; // the source with the lowest revision
            for (int j = 0; j <= kTables; ++j) {
                if (revOf[j] >= 0 && (k < 0 || revOf[j] < revOf[k]))
                    k = j;
            }
            if (k < 0)
                break;
            if (taken == limit) {
                page.hasMore = true;
                break;
            }
            const Statement &s = *sources[k];
            const qint64 rev = revOf[k];
            page.next = rev;
            if (k == kTombstones) {
                const QString entity = s.text(1);
                const qint64 id = s.int64(2);
                const qint64 account = s.int64(3);
                ChangeAccounts owners = ownersOf(*d, entity, id, true, account);
                if (!wanted || wanted(owners)) {
                    page.changes.append(Change{rev, entity, id, true, {}, account, {}});
                    page.owners.append(std::move(owners));
                }
            } else {
                const EntityTable &t = kEntities[k];
                const qint64 id = s.int64(0);
                ChangeAccounts owners =
                    ownersOf(*d, kNames[k], id, false, t.accountColumn >= 0 ? s.int64(t.accountColumn) : 0);
                if (!wanted || wanted(owners)) {
                    Change c{rev, kNames[k], id, false, {}, 0, {}};
                    appendRowJson(c.dataJson, *d, t.name, s);
                    page.changes.append(std::move(c));
                    page.owners.append(std::move(owners));
                }
            }
            step(k);
        }
        return page;
    });
}

Result<QList<Change>> Store::visibleChanges(const QList<Change> &changes, const AccountScope &scope) const
{
    if (scope.all())
        return changes;
    const Result<QList<ChangeAccounts>> accounts = accountsOfChanges(changes);
    if (!accounts)
        return accounts.error();
    QList<Change> out;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        if (accounts->at(i).visibleTo(scope))
            out.append(changes[i]);
    }
    return out;
}

Result<QList<qint64>> Store::accountsOfUser(qint64 userId) const
{
    return d->guarded([&] {
        QList<qint64> out;
        auto q = d->db.cached("SELECT account_id FROM user_accounts WHERE user_id = ?1 ORDER BY account_id");
        q.bind(1, userId);
        while (q.next())
            out.append(q.int64(0));
        return out;
    });
}

Result<QList<QJsonObject>> Store::exportEntity(const QString &entity)
{
    return d->guarded([&]() -> Result<QList<QJsonObject>> {
        ReadTransaction snapshot(d->db);
        for (const EntityTable &t : kEntities) {
            if (entity != QLatin1String(t.name))
                continue;
            QList<QJsonObject> out;
            Statement s = d->db.prepare(QByteArray(t.allSql));
            while (s.next())
                out.append(rowJson(*d, t.name, s));
            return out;
        }
        return Error{ErrorCode::InvalidArgument, Store::tr("Unknown entity “%1”.").arg(entity)};
    });
}

} // namespace hiscrm::store
