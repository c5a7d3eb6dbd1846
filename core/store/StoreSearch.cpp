// SPDX-License-Identifier: GPL-3.0-or-later
// Full-text search over messages and comments.
//
// The selective filters fixed per item (account, conversation/video, sender) are tokens in the
// facets column, ANDed into the MATCH expression: FTS5 intersects posting lists, so such a filter
// makes a search cheaper, not dearer. A platform is the OR of its accounts. The date range is a
// rowid range (ids are time-ordered), which FTS5 also answers from the index. Filters on changing
// state (tag, unread) become facet ORs over the few threads concerned, or a check per hit when
// many are; kind and direction, which most items share, are checked per hit.
// "Newest first" streams the index backwards and stops after one page.

#include "common/Log.h"
#include "search/TextAnalysis.h"
#include "store/StoreImpl.h"

#include <QCoreApplication>

#include <algorithm>
#include <atomic>

namespace hiscrm::store {

using namespace model;

namespace {

// Above this many conversations a tag/unread filter is checked per hit instead of in the index.
constexpr int kMaxFacetOr = 400;
// Relevance ranks the newest this-many matches; for a term that common, recency is what helps.
constexpr int kRelevanceCandidates = 1000;
// How long a search waits for the index to catch up with the store before it gives up.
constexpr int kIndexWaitMs = 15000;

struct Cursor
{
    qint64 id = std::numeric_limits<qint64>::max();
    double score = -std::numeric_limits<double>::infinity();
    bool valid = true;
};

Cursor parseCursor(const QString &s, SearchOrder order)
{
    Cursor c;
    if (s.isEmpty())
        return c;
    const QStringList p = s.split(u':');
    bool ok = false;
    if (order == SearchOrder::Newest && p.size() == 2 && p[0] == u"n") {
        c.id = p[1].toLongLong(&ok);
    } else if (order == SearchOrder::Relevance && p.size() == 3 && p[0] == u"r") {
        bool ok2 = false;
        c.score = p[1].toDouble(&ok2);
        c.id = p[2].toLongLong(&ok);
        ok = ok && ok2;
    }
    c.valid = ok;
    return c;
}

std::atomic<Store::SearchRowHook> g_rowHook{nullptr};

void rowHook(const SearchQuery &query)
{
    if (const Store::SearchRowHook hook = g_rowHook.load(std::memory_order_relaxed))
        hook(query);
}

// Damage met while preparing or stepping a statement over the search index alone is the index's
// (rebuilt from the store), not the store's; Impl::fail tells them apart by this mark.
template <typename F> auto inIndex(F &&f)
{
    try {
        return f();
    } catch (SqlError &e) {
        e.inSearchIndex = true;
        throw;
    }
}

QByteArray orOf(const QList<QByteArray> &tokens)
{
    if (tokens.size() == 1)
        return tokens.first();
    QByteArray s = "(";
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (i)
            s += " OR ";
        s += tokens[i];
    }
    return s + ')';
}

} // namespace

void Store::setSearchRowHookForTesting(SearchRowHook hook)
{
    g_rowHook.store(hook);
}

Error Store::waitForSearchIndex(int timeoutMs)
{
    try {
        return d->awaitSearchIndex(timeoutMs);
    } catch (const SqlError &e) {
        return d->fail(e);
    }
}

Result<SearchPage> Store::search(const SearchQuery &query) const
{
    const int limit = qBound(1, query.limit, 200);
    // No text and a sender: every item of that sender ("messages from this user"), newest first,
    // as nothing ranks one above another. Text that only holds what is never indexed finds nothing.
    const bool everyItemOfSender = query.senderId != 0 && query.text.trimmed().isEmpty();
    const SearchOrder order = everyItemOfSender ? SearchOrder::Newest : query.order;
    const Cursor cursor = parseCursor(query.cursor, order);
    if (!cursor.valid)
        return Error{ErrorCode::InvalidArgument, Store::tr("The search cursor is not valid; start the "
                                                           "search again from the first page.")};
    const search::MatchPlan plan = search::buildMatch(query.text);
    SearchPage page;
    if (plan.match.isEmpty() && !everyItemOfSender)
        return page;

    return d->guarded([&]() -> Result<SearchPage> {
        // Everything committed before the search is in the index once this returns (see
        // store/SearchIndexer.h); after an upgrade the index may still be catching up.
        if (Error e = d->awaitSearchIndex(kIndexWaitMs))
            return e;
        ReadTransaction snapshot(d->db);
        QByteArray match = plan.match.isEmpty() ? QByteArray() : '(' + plan.match + ')';
        QList<QByteArray> facets;
        if (!query.accountIds.isEmpty()) {
            QList<QByteArray> acc;
            for (qint64 a : query.accountIds)
                acc << search::facetToken('a', a);
            facets << orOf(acc);
        }
        if (!query.platform.isEmpty()) {
            QList<QByteArray> acc;
            auto q = d->db.cached("SELECT id FROM accounts WHERE platform = ?1");
            q.bind(1, query.platform);
            while (q.next())
                acc << search::facetToken('a', q.int64(0));
            if (acc.isEmpty())
                return page;
            facets << orOf(acc);
        }
        if (query.conversationId)
            facets << search::facetToken('c', query.conversationId);
        if (query.contentId)
            facets << search::facetToken('v', query.contentId);
        if (query.senderId)
            facets << search::facetToken('s', query.senderId);

        // Tag and unread: the set of threads they allow, put in the index query when small.
        bool checkTag = false;
        bool checkUnread = false;
        if (query.tagId) {
            QList<QByteArray> convs;
            auto q = d->db.cached("SELECT conversation_id FROM conversation_tags WHERE tag_id = ?1 LIMIT ?2");
            q.bind(1, query.tagId).bind(2, kMaxFacetOr + 1);
            while (q.next())
                convs << search::facetToken('c', q.int64(0));
            if (convs.isEmpty())
                return page;
            if (convs.size() <= kMaxFacetOr)
                facets << orOf(convs);
            checkTag = convs.size() > kMaxFacetOr;
        }
        if (query.unreadOnly) {
            QList<QByteArray> threads;
            {
                auto q = d->db.cached("SELECT id FROM conversations WHERE unread_count > 0 LIMIT ?1");
                q.bind(1, kMaxFacetOr + 1);
                while (q.next())
                    threads << search::facetToken('c', q.int64(0));
            }
            {
                auto q = d->db.cached("SELECT id FROM contents WHERE unread_comments > 0 LIMIT ?1");
                q.bind(1, kMaxFacetOr + 1);
                while (q.next())
                    threads << search::facetToken('v', q.int64(0));
            }
            if (threads.isEmpty())
                return page;
            if (threads.size() <= kMaxFacetOr)
                facets << orOf(threads);
            checkUnread = true; // items before the read marker of an unread chat are read
        }
        // The column filter keeps a message whose text happens to hold a facet-like token out.
        for (const QByteArray &f : std::as_const(facets)) {
            if (!match.isEmpty())
                match += " AND ";
            match += "facets : " + (f.startsWith('(') ? f : '(' + f + ')');
        }

        qint64 lo = query.fromMs > 0 ? query.fromMs * kIdSlotsPerMs : 0;
        qint64 hi = query.toMs > 0 ? query.toMs * kIdSlotsPerMs : std::numeric_limits<qint64>::max();
        if (order == SearchOrder::Newest)
            hi = qMin(hi, cursor.id);
        if (lo >= hi)
            return page;

        QHash<qint64, std::pair<qint64, bool>> convState; // id -> (read_upto, tagged)
        const auto accept = [&](const Item &it) {
            if ((query.kind && it.kind != *query.kind) ||
                (query.direction && it.direction != *query.direction))
                return false;
            if (!checkTag && !checkUnread)
                return true;
            if (it.kind == ItemKind::Comment)
                return !checkTag && !it.read && it.direction == Direction::In;
            auto st = convState.find(it.threadId);
            if (st == convState.end()) {
                qint64 readUpTo = 0;
                {
                    auto q = d->db.cached("SELECT read_upto FROM conversations WHERE id = ?1");
                    q.bind(1, it.threadId);
                    if (q.next())
                        readUpTo = q.int64(0);
                }
                bool tagged = true;
                if (checkTag) {
                    auto q = d->db.cached(
                        "SELECT 1 FROM conversation_tags WHERE conversation_id = ?1 AND tag_id = ?2");
                    q.bind(1, it.threadId).bind(2, query.tagId);
                    tagged = q.next();
                }
                st = convState.insert(it.threadId, {readUpTo, tagged});
            }
            if (!st->second)
                return false;
            return !checkUnread || (it.direction == Direction::In && it.id > st->first);
        };

        if (order == SearchOrder::Newest) {
            Statement s = inIndex([&] {
                return d->db.prepare("SELECT rowid FROM search.items_fts WHERE items_fts MATCH ?1 AND "
                                     "rowid >= ?2 AND rowid < ?3 ORDER BY rowid DESC");
            });
            s.bindUtf8(1, match).bind(2, lo).bind(3, hi);
            while (inIndex([&] { return s.next(); })) {
                rowHook(query);
                const auto it = d->loadItem(s.int64(0));
                if (!it || !accept(*it))
                    continue;
                if (page.hits.size() == limit) {
                    page.next = QStringLiteral("n:%1").arg(page.hits.constLast().item.id);
                    break;
                }
                page.hits.append(
                    SearchHit{*it, search::makeSnippet(it->text, plan.terms, query.snippetChars), 0});
            }
            return page;
        }

        // Relevance: hiscrm_rank over the newest candidates, then (score, id) keyset order.
        QList<std::pair<double, qint64>> ranked;
        {
            Statement s = inIndex([&] {
                return d->db.prepare("SELECT rowid, hiscrm_rank(items_fts) FROM search.items_fts WHERE "
                                     "items_fts MATCH ?1 AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid DESC "
                                     "LIMIT ?4");
            });
            s.bindUtf8(1, match).bind(2, lo).bind(3, hi).bind(4, kRelevanceCandidates);
            while (inIndex([&] { return s.next(); })) {
                rowHook(query);
                ranked.append({s.real(1), s.int64(0)});
            }
        }
        std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first < b.first : a.second > b.second;
        });
        const auto after = [&](const std::pair<double, qint64> &r) {
            return r.first > cursor.score || (r.first == cursor.score && r.second < cursor.id);
        };
        for (const auto &r : std::as_const(ranked)) {
            if (!query.cursor.isEmpty() && !after(r))
                continue;
            const auto it = d->loadItem(r.second);
            if (!it || !accept(*it))
                continue;
            if (page.hits.size() == limit) {
                const SearchHit &last = page.hits.constLast();
                page.next = QStringLiteral("r:%1:%2").arg(last.score, 0, 'g', 17).arg(last.item.id);
                break;
            }
            page.hits.append(
                SearchHit{*it, search::makeSnippet(it->text, plan.terms, query.snippetChars), r.first});
        }
        return page;
    });
}

} // namespace hiscrm::store
