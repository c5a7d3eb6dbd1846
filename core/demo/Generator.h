// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// demo/: deterministic, realistic data for the demo connector and the benchmark tool (one
// generator for both). Depends on model/ and Qt Core.

#include "model/Model.h"

#include <QStringList>

#include <cstdint>

namespace hiscrm::demo {

// Small, fast, portable PRNG (xoshiro256**), seeded with splitmix64. The standard library's
// distributions differ between implementations, so every distribution here is our own: the same
// seed gives the same data on every platform.
class Rng
{
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n); // uniform in [0, n)
    double uniform();                     // [0, 1)
    bool chance(double p);
    // Zipf-distributed rank in [0, n) with exponent s (rank 0 most likely).
    std::uint64_t zipf(std::uint64_t n, double s);

private:
    std::uint64_t m_s[4];
};

// Text to draw messages from: fortunes-zh and fortune-mod files when installed (found under the
// usual fortune directories), else a built-in corpus of Chinese and English lines.
class Corpus
{
public:
    static const Corpus &instance();
    const QStringList &chinese() const { return m_chinese; }
    const QStringList &english() const { return m_english; }
    bool fromSystem() const { return m_fromSystem; }

    // A message-like snippet: a sentence or fragment, 2..80 characters, mostly Chinese.
    QString sample(Rng &rng) const;
    // A random 1..3 character Chinese word / English word found in the corpus (for queries).
    QString chineseWord(Rng &rng, int chars) const;
    QString englishWord(Rng &rng) const;

private:
    Corpus();
    QStringList m_chinese;
    QStringList m_english;
    bool m_fromSystem = false;
};

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
