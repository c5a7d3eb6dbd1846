// SPDX-License-Identifier: GPL-3.0-or-later
// search: a fixed mix of queries (short and long Chinese, English words and substrings, mixed), each
// plain and with a filter, against a LIKE scan of the items table as the baseline.

#include "BenchData.h"
#include "Workloads.h"

#include <QMap>

#include <algorithm>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr int kWarmupQueries = 50;
constexpr int kBaselineQueries = 60;
constexpr int kTaggedConversations = 50;
constexpr int kBusyConversations = 20;
const QString kTagName = u"bench-search"_s;

using Category = QueryKind; // what a query asks for, as opposed to how it filters

enum class Filter
{
    None,
    Account,
    Comments,
    Messages,
    Inbound,
    DateRange,
    Conversation,
    Tag,
    Unread,
    Count
};

QString name(Category c)
{
    static const QString names[] = {u"cjk-1"_s,   u"cjk-2"_s,        u"cjk-3"_s, u"cjk-4"_s,
                                    u"en-word"_s, u"en-substring"_s, u"mixed"_s};
    return names[int(c)];
}

QString name(Filter f)
{
    static const QString names[] = {u"none"_s,         u"account"_s,      u"kind=comment"_s,
                                    u"kind=message"_s, u"direction=in"_s, u"date-range"_s,
                                    u"conversation"_s, u"tag"_s,          u"unread"_s};
    return names[int(f)];
}

// What the filters refer to, read from the prepared store.
struct Context
{
    QList<qint64> accounts;
    qint64 minAt = 0;
    qint64 maxAt = 0;
    QList<qint64> busyConversations;
    qint64 tagId = 0;
};

struct BenchQuery
{
    Category category;
    Filter filter;
    store::SearchQuery query;
};

// Tags a fixed random set of conversations (prepare step of the search store).
void tagSome(store::Store &store, quint64 seed)
{
    const qint64 tag = check(store.createTag(kTagName, u"#3d7be0"_s), u"creating a tag"_s).tagId;
    QList<qint64> ids = allConversationIds(store);
    demo::Rng rng(seed ^ 0x7a6'0001);
    const qsizetype n = std::min<qsizetype>(kTaggedConversations, ids.size());
    for (qsizetype i = 0; i < n; ++i) {
        // A partial Fisher-Yates shuffle: the first n are a uniform sample.
        std::swap(ids[i], ids[i + qsizetype(rng.below(quint64(ids.size() - i)))]);
        check(store.tagConversation(ids[i], tag), u"tagging conversation %1"_s.arg(ids[i]));
    }
}

Context readContext(store::Store &store, const QString &path)
{
    Context ctx;
    ctx.accounts = allAccountIds(store);
    for (const model::Tag &t : check(store.tags(), u"listing tags"_s)) {
        if (t.name == kTagName)
            ctx.tagId = t.id;
    }
    RawDb raw(path, true);
    ctx.minAt = raw.scalar("SELECT min(created_at) FROM items");
    ctx.maxAt = raw.scalar("SELECT max(created_at) FROM items");
    RawStatement busy(raw, "SELECT thread_id FROM items WHERE kind = 0 GROUP BY thread_id "
                           "ORDER BY count(*) DESC, thread_id LIMIT ?1");
    busy.bind(1, qint64(kBusyConversations));
    while (busy.step())
        ctx.busyConversations.append(busy.int64(0));
    if (ctx.accounts.isEmpty() || ctx.busyConversations.isEmpty() || ctx.tagId == 0)
        fail(u"the search store %1 lacks accounts, conversations or the tag %2"_s.arg(path, kTagName));
    return ctx;
}

QString queryText(Category c, demo::Rng &rng)
{
    const demo::Corpus &corpus = demo::Corpus::instance();
    switch (c) {
    case Category::Cjk1:
        return corpus.chineseWord(rng, 1);
    case Category::Cjk2:
        return corpus.chineseWord(rng, 2);
    case Category::Cjk3:
        return corpus.chineseWord(rng, 3);
    case Category::Cjk4:
        return corpus.chineseWord(rng, 4);
    case Category::EnglishWord:
        return corpus.englishWord(rng);
    case Category::EnglishSubstring:
        return englishSubstring(rng);
    case Category::Mixed:
    case Category::Count:
        break;
    }
    // Chinese around an English word, as in the generator's mixed messages: both must match.
    return corpus.chineseWord(rng, 1) + u' ' + corpus.englishWord(rng);
}

void applyFilter(Filter f, store::SearchQuery &q, const Context &ctx, demo::Rng &rng)
{
    const auto pick = [&rng](const QList<qint64> &from) {
        return from[qsizetype(rng.below(quint64(from.size())))];
    };
    switch (f) {
    case Filter::Account:
        q.accountIds = {pick(ctx.accounts)};
        break;
    case Filter::Comments:
        q.kind = model::ItemKind::Comment;
        break;
    case Filter::Messages:
        q.kind = model::ItemKind::Message;
        break;
    case Filter::Inbound:
        q.direction = model::Direction::In;
        break;
    case Filter::DateRange: {
        // A tenth of the data's time span, anywhere in it.
        const qint64 span = std::max<qint64>(1, ctx.maxAt - ctx.minAt);
        const qint64 width = std::max<qint64>(1, span / 10);
        q.fromMs = ctx.minAt + qint64(rng.below(quint64(span - width + 1)));
        q.toMs = q.fromMs + width;
        break;
    }
    case Filter::Conversation:
        q.conversationId = pick(ctx.busyConversations);
        break;
    case Filter::Tag:
        q.tagId = ctx.tagId;
        break;
    case Filter::Unread:
        q.unreadOnly = true;
        break;
    case Filter::None:
    case Filter::Count:
        break;
    }
}

// Query texts cycle through the categories; each runs plain, then with a random filter. Half the
// pairs ask for the newest first, the others for relevance.
QList<BenchQuery> buildMix(int count, quint64 seed, const Context &ctx)
{
    demo::Rng rng(seed);
    QList<BenchQuery> mix;
    for (int pair = 0; mix.size() < count; ++pair) {
        const auto category = Category(pair % int(Category::Count));
        store::SearchQuery q;
        q.text = queryText(category, rng);
        if (q.text.trimmed().isEmpty())
            fail(u"the corpus gave no query text for %1"_s.arg(name(category)));
        q.order = rng.chance(0.5) ? store::SearchOrder::Newest : store::SearchOrder::Relevance;
        mix.append({category, Filter::None, q});
        if (mix.size() == count)
            break;
        const auto filter = Filter(1 + rng.below(quint64(Filter::Count) - 1));
        applyFilter(filter, q, ctx, rng);
        mix.append({category, filter, q});
    }
    return mix;
}

QString describe(const BenchQuery &q)
{
    return u"search for \"%1\" (%2, %3)"_s.arg(q.query.text, name(q.category), name(q.filter));
}

struct Baseline
{
    Samples samples;
    QList<QList<qint64>> ids; // per text: the ids found, newest first
};

// The LIKE scan over the same file, through a separate read-only connection.
Baseline runBaseline(const QString &path, const QList<QString> &texts)
{
    RawDb raw(path, true);
    RawStatement like(
        raw, "SELECT id, text FROM items WHERE text LIKE '%' || ?1 || '%' ORDER BY id DESC LIMIT 50");
    const auto run = [&like](const QString &text) {
        like.bind(1, text);
        QList<qint64> ids;
        while (like.step()) {
            // Read the row as a caller would.
            if (!like.text(1).isNull())
                ids.append(like.int64(0));
        }
        like.reset();
        return ids;
    };
    for (qsizetype i = 0; i < std::min<qsizetype>(3, texts.size()); ++i)
        run(texts[i]); // warm-up
    Baseline b;
    for (const QString &text : texts) {
        qint64 ns = 0;
        b.ids.append(timeNs(&ns, [&] { return run(text); }));
        b.samples.add(ns);
    }
    return b;
}

// Whether the store's newest-first page equals the LIKE scan's for the same text (untimed). Mixed
// queries are left out: the store ANDs their words, LIKE looks for the whole string.
void compareWithBaseline(store::Store &store, const QList<BenchQuery> &queries, const Baseline &baseline,
                         int *compared, int *agreed)
{
    *compared = 0;
    *agreed = 0;
    QStringList differing;
    for (qsizetype i = 0; i < queries.size(); ++i) {
        if (queries[i].category == Category::Mixed)
            continue;
        store::SearchQuery q;
        q.text = queries[i].query.text;
        q.order = store::SearchOrder::Newest;
        const store::SearchPage page = check(store.search(q), describe(queries[i]));
        QList<qint64> ids;
        for (const store::SearchHit &hit : page.hits)
            ids.append(hit.item.id);
        ++*compared;
        if (ids == baseline.ids[i])
            ++*agreed;
        else
            differing.append(u"\"%1\" (%2): store %3 hits, LIKE %4"_s.arg(q.text, name(queries[i].category))
                                 .arg(ids.size())
                                 .arg(baseline.ids[i].size()));
    }
    say(u"first pages equal to the LIKE scan's: %1 of %2 queries (mixed queries left out)"_s.arg(*agreed).arg(
        *compared));
    for (const QString &d : std::as_const(differing))
        say(u"  differs: "_s + d);
}

} // namespace

JsonLine runSearch(const Options &options)
{
    const qint64 items = options.messages > 0 ? options.messages : 100'000;
    const int queries = options.queries > 0 ? options.queries : 600;
    const DataSpec spec{
        .setup = u"search: tag %1 on %2 random conversations"_s.arg(kTagName).arg(kTaggedConversations),
        .config = benchConfig(options.seed, items, options.conversations),
        .items = items,
        .prepare = [&](store::Store &store) {
            tagSome(store, options.seed);
        }};
    Workspace workspace(options);
    const QString path = prepareStore(workspace, spec);

    const auto store = openStore(path);
    const Context ctx = readContext(*store, path);
    const QList<BenchQuery> warmup = buildMix(kWarmupQueries, options.seed ^ 0x5ea7c4'0002, ctx);
    const QList<BenchQuery> mix = buildMix(queries, options.seed ^ 0x5ea7c4'0001, ctx);

    qint64 ns = 0;
    for (const BenchQuery &q : warmup)
        measure(&ns, describe(q), [&] { return store->search(q.query); });

    Samples all, cjkShort;
    QMap<Category, Group> byCategory;
    QMap<Filter, Group> byFilter;
    QList<qint64> nsOf(mix.size());
    for (qsizetype i = 0; i < mix.size(); ++i) {
        const BenchQuery &q = mix[i];
        const store::SearchPage page = measure(&ns, describe(q), [&] { return store->search(q.query); });
        nsOf[i] = ns;
        all.add(ns);
        if (q.category == Category::Cjk1 || q.category == Category::Cjk2)
            cjkShort.add(ns);
        byCategory[q.category].add(ns, page.hits.size());
        byFilter[q.filter].add(ns, page.hits.size());
    }

    // Baseline: the plain queries' texts, at most kBaselineQueries of them (a scan is slow).
    QList<BenchQuery> baselineQueries;
    QList<QString> baselineTexts;
    Samples storeOnBaselineSet;
    for (qsizetype i = 0; i < mix.size() && baselineTexts.size() < kBaselineQueries; ++i) {
        if (mix[i].filter != Filter::None || baselineTexts.contains(mix[i].query.text))
            continue;
        baselineQueries.append(mix[i]);
        baselineTexts.append(mix[i].query.text);
        storeOnBaselineSet.add(nsOf[i]);
    }
    const Baseline like = runBaseline(path, baselineTexts);
    const Samples &baseline = like.samples;

    printGroups(u"category"_s, u"avg hits"_s, byCategory, [](Category c) { return name(c); });
    printGroups(u"filter"_s, u"avg hits"_s, byFilter, [](Filter f) { return name(f); });
    say(u"store:    "_s + summary(all));
    say(u"cjk 1-2:  "_s + summary(cjkShort));
    say(u"baseline: "_s + summary(baseline) + u" (LIKE scan, plain texts)"_s);
    say(u"store on the baseline's queries: "_s + summary(storeOnBaselineSet));
    const double speedup = baseline.percentileMs(50) / storeOnBaselineSet.percentileMs(50);
    say(u"speedup at p50: %1x"_s.arg(fixed3(speedup)));
    int compared = 0, agreed = 0;
    compareWithBaseline(*store, baselineQueries, like, &compared, &agreed);

    return JsonLine()
        .add(u"workload"_s, u"search"_s)
        .add(u"messages"_s, items)
        .add(u"queries"_s, qint64(mix.size()))
        .add(u"p50_ms"_s, all.percentileMs(50))
        .add(u"p90_ms"_s, all.percentileMs(90))
        .add(u"p99_ms"_s, all.percentileMs(99))
        .add(u"max_ms"_s, all.maxMs())
        .add(u"p50_ms_cjk_short"_s, cjkShort.percentileMs(50))
        .add(u"p99_ms_cjk_short"_s, cjkShort.percentileMs(99))
        .add(u"baseline_p50_ms"_s, baseline.percentileMs(50))
        .add(u"baseline_queries"_s, baseline.count())
        .add(u"p50_ms_baseline_set"_s, storeOnBaselineSet.percentileMs(50))
        .add(u"speedup_p50"_s, speedup)
        .add(u"baseline_compared"_s, qint64(compared))
        .add(u"baseline_agreed"_s, qint64(agreed));
}

} // namespace hiscrm::bench
