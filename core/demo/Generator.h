// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// demo/: deterministic, realistic data for the demo connector and the benchmark tool (one
// generator for both): Rng (the random source), Corpus (the text, built in unless fortune files
// are asked for), FortuneReader (those files) and Generator (the platform's records). Depends on
// model/ and Qt Core.

#include "demo/Corpus.h"
#include "demo/Rng.h"
#include "model/Model.h"

#include <QStringList>

#include <cstdint>

namespace hiscrm::demo {

struct GeneratorConfig
{
    std::uint64_t seed = 1;
    QString platform = QStringLiteral("demo");
    int accounts = 8;
    int users = 5000;           // fans
    int conversations = 2000;   // DM threads, sizes Zipf-distributed
    int contents = 40;          // posted videos
    double commentShare = 0.25; // share of items that are comments
    double zipfS = 1.1;
    qint64 startMs = 1735689600000; // 2025-01-01T00:00:00Z
    qint64 stepMs = 1500;           // mean time between items
    // What the accounts write themselves (their messages, their videos' titles) only from the
    // lines an operator or a creator would write (the live demo a newcomer reads). Off, they also
    // draw from the corpus as the fans do: more varied text for the benchmark.
    bool accountsWriteStockLines = false;
    // Seeds the stream of messages and comments apart from the directory (accounts, fans, videos,
    // chats): 0 uses seed. The live demo draws a new one on every start, so that a restart goes
    // on with new messages instead of the same ones again.
    std::uint64_t itemSeed = 0;
};

// Produces batches of a synthetic platform: accounts, fans with profiles, videos with comment
// threads, DM conversations in Chinese and English. Deterministic for a given config.
class Generator
{
public:
    explicit Generator(GeneratorConfig config);

    // The accounts, users, contents and conversations (no messages or comments).
    model::Batch directory();
    // The next batch with `items` messages/comments (and any users/conversations they need).
    model::Batch next(int items);

    qint64 clockMs() const { return m_clock; }
    const GeneratorConfig &config() const { return m_cfg; }
    QString accountId(int i) const;
    QString userId(int i) const;
    QString conversationId(int i) const;
    QString contentId(int i) const;

private:
    GeneratorConfig m_cfg;
    Rng m_rng;
    qint64 m_clock;
    qint64 m_serial = 0;
    int m_burstLeft = 0;                 // items still due in the current burst (may span batches)
    QList<QStringList> m_recentComments; // per content, its latest comment ids: parents for replies
};

} // namespace hiscrm::demo
