// SPDX-License-Identifier: GPL-3.0-or-later
// list: the first page of the conversation list under each filter the inbox offers, and a second page.

#include "BenchData.h"
#include "Workloads.h"

#include <QMap>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr int kPageSize = 50;
constexpr int kWarmupRounds = 5;
const QString kTagNames[] = {u"vip"_s, u"follow-up"_s, u"refund"_s};

enum class Variant
{
    All,
    Account,
    Unread,
    Pinned,
    Archived,
    Muted,
    AwaitingReply,
    Tag,
    Platform,
    NextPage,
    Count
};

QString name(Variant v)
{
    static const QString names[] = {u"none"_s,     u"account"_s,  u"unread"_s,         u"pinned"_s,
                                    u"archived"_s, u"muted"_s,    u"awaiting-reply"_s, u"tag"_s,
                                    u"platform"_s, u"next-page"_s};
    return names[int(v)];
}

// Operator state on a fixed random share of conversations: pinned 1%, archived 5%, muted 2%,
// one of three tags 10%, read 30%.
void operatorState(store::Store &store, quint64 seed)
{
    QList<qint64> tags;
    for (const QString &name : kTagNames)
        tags.append(check(store.createTag(name, u"#e0533d"_s), u"creating tag %1"_s.arg(name)).tagId);
    demo::Rng rng(seed ^ 0x1157'0001);
    for (const qint64 id : allConversationIds(store)) {
        const QString what = u"conversation %1"_s.arg(id);
        if (rng.chance(0.01))
            check(store.setPinned(id, true), u"pinning "_s + what);
        if (rng.chance(0.05))
            check(store.setArchived(id, true), u"archiving "_s + what);
        if (rng.chance(0.02))
            check(store.setMutedUntil(id, model::kMutedForever), u"muting "_s + what);
        if (rng.chance(0.10))
            check(store.tagConversation(id, tags[qsizetype(rng.below(3))]), u"tagging "_s + what);
        if (rng.chance(0.30))
            check(store.markRead(id), u"marking read "_s + what);
    }
}

struct Context
{
    QList<qint64> accounts;
    QList<qint64> tags;
    QString platform;
    std::optional<store::ConversationCursor> secondPage;
};

Context readContext(store::Store &store, const QString &platform)
{
    Context ctx;
    ctx.platform = platform;
    ctx.accounts = allAccountIds(store);
    for (const model::Tag &t : check(store.tags(), u"listing tags"_s))
        ctx.tags.append(t.id);
    ctx.secondPage = check(store.conversations({}, kPageSize), u"listing conversations"_s).next;
    if (ctx.accounts.isEmpty() || ctx.tags.isEmpty())
        fail(u"the list store lacks accounts or tags"_s);
    return ctx;
}

// The call for a variant; `round` rotates the account and tag asked for.
Result<store::ConversationPage> listPage(store::Store &store, Variant v, qint64 round, const Context &ctx)
{
    store::ConversationFilter f;
    std::optional<store::ConversationCursor> after;
    switch (v) {
    case Variant::Account:
        f.accountIds = {ctx.accounts[round % ctx.accounts.size()]};
        break;
    case Variant::Unread:
        f.unreadOnly = true;
        break;
    case Variant::Pinned:
        f.pinnedOnly = true;
        break;
    case Variant::Archived:
        f.archived = store::ArchivedFilter::Only;
        break;
    case Variant::Muted:
        f.mutedOnly = true;
        break;
    case Variant::AwaitingReply:
        f.awaitingReplyOnly = true;
        break;
    case Variant::Tag:
        f.tagId = ctx.tags[round % ctx.tags.size()];
        break;
    case Variant::Platform:
        f.platform = ctx.platform;
        break;
    case Variant::NextPage:
        after = ctx.secondPage;
        break;
    case Variant::All:
    case Variant::Count:
        break;
    }
    return store.conversations(f, kPageSize, after);
}

} // namespace

JsonLine runList(const Options &options)
{
    const qint64 conversations = options.conversations > 0 ? options.conversations : 20'000;
    const qint64 items = options.messages > 0 ? options.messages : 5 * conversations;
    const int calls = options.calls > 0 ? options.calls : 2000;
    const DataSpec spec{.setup = u"list: 3 tags; pinned 1%, archived 5%, muted 2%, tagged 10%, read 30%"_s,
                        .config = benchConfig(options.seed, items, conversations),
                        .items = items,
                        .prepare = [&](store::Store &store) {
                            operatorState(store, options.seed);
                        }};
    Workspace workspace(options);
    const QString path = prepareStore(workspace, spec);

    const auto store = openStore(path);
    const Context ctx = readContext(*store, spec.config.platform);
    const int variants = int(Variant::Count);
    qint64 ns = 0;
    const auto call = [&](qint64 i) {
        const auto v = Variant(i % variants);
        const qint64 round = i / variants;
        return measure(&ns, u"listing conversations (%1)"_s.arg(name(v)),
                       [&] { return listPage(*store, v, round, ctx); });
    };
    for (qint64 i = 0; i < kWarmupRounds * variants; ++i)
        call(i);

    Samples all;
    QMap<Variant, Group> byVariant;
    for (qint64 i = 0; i < calls; ++i) {
        const store::ConversationPage page = call(i);
        byVariant[Variant(i % variants)].add(ns, page.conversations.size());
        all.add(ns);
    }

    printGroups(u"filter"_s, u"avg rows"_s, byVariant, [](Variant v) { return name(v); });
    say(u"list: "_s + summary(all));

    return JsonLine()
        .add(u"workload"_s, u"list"_s)
        .add(u"conversations"_s, conversations)
        .add(u"messages"_s, items)
        .add(u"calls"_s, all.count())
        .add(u"p50_ms"_s, all.percentileMs(50))
        .add(u"p90_ms"_s, all.percentileMs(90))
        .add(u"p99_ms"_s, all.percentileMs(99))
        .add(u"max_ms"_s, all.maxMs());
}

} // namespace hiscrm::bench
