// SPDX-License-Identifier: GPL-3.0-or-later
// open: one very long conversation; its newest page, then scrolling up page by page.

#include "BenchData.h"
#include "Workloads.h"

#include <QMap>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr int kPageSize = 50;
constexpr int kPagesUp = 20;

// One account, one peer, one conversation, no videos (so no comments): every item lands in it.
demo::GeneratorConfig singleConversation(quint64 seed)
{
    demo::GeneratorConfig c;
    c.seed = seed;
    c.accounts = 1;
    c.users = 1;
    c.conversations = 1;
    c.contents = 0;
    c.commentShare = 0;
    return c;
}

} // namespace

JsonLine runOpen(const Options &options)
{
    const qint64 items = options.messages > 0 ? options.messages : 100'000;
    const int calls = options.calls > 0 ? options.calls : 1000;
    const DataSpec spec{.setup = u"open: none"_s, .config = singleConversation(options.seed), .items = items};
    Workspace workspace(options);
    const QString path = prepareStore(workspace, spec);

    const auto store = openStore(path);
    const QList<qint64> ids = allConversationIds(*store);
    if (ids.size() != 1)
        fail(u"the open store holds %1 conversations, not 1"_s.arg(ids.size()));
    const qint64 conversation = ids.first();

    // One visit: the newest page, then kPagesUp older pages (each before the first item shown).
    QMap<QString, Group> byPage; // "newest", "older"
    Samples all;
    qint64 ns = 0;
    const auto visit = [&](bool record, qint64 budget) {
        qint64 made = 0;
        qint64 before = 0;
        for (int page = 0; page <= kPagesUp && made < budget; ++page) {
            const store::ItemPage p =
                measure(&ns, u"opening conversation %1 (page %2)"_s.arg(conversation).arg(page), [&] {
                    return store->thread(model::ItemKind::Message, conversation, kPageSize, before);
                });
            ++made;
            const qint64 expected = std::min<qint64>(kPageSize, items - qint64(page) * kPageSize);
            if (p.items.size() != expected)
                fail(u"page %1 of conversation %2 holds %3 items, expected %4"_s.arg(page)
                         .arg(conversation)
                         .arg(p.items.size())
                         .arg(expected));
            if (record) {
                byPage[page == 0 ? u"newest"_s : u"older"_s].add(ns, p.items.size());
                all.add(ns);
            }
            if (!p.hasOlder)
                break;
            before = p.items.first().id;
        }
        return made;
    };
    visit(false, kPagesUp + 1); // warm-up
    for (qint64 done = 0; done < calls;)
        done += visit(true, calls - done);

    printGroups(u"page"_s, u"avg items"_s, byPage, [](const QString &k) { return k; });
    say(u"open: "_s + summary(all));

    return JsonLine()
        .add(u"workload"_s, u"open"_s)
        .add(u"messages"_s, items)
        .add(u"calls"_s, all.count())
        .add(u"p50_ms"_s, all.percentileMs(50))
        .add(u"p90_ms"_s, all.percentileMs(90))
        .add(u"p99_ms"_s, all.percentileMs(99))
        .add(u"max_ms"_s, all.maxMs())
        .add(u"p50_ms_newest"_s, byPage[u"newest"_s].samples.percentileMs(50))
        .add(u"p50_ms_older"_s, byPage[u"older"_s].samples.percentileMs(50));
}

} // namespace hiscrm::bench
