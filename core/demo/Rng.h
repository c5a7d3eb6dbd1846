// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The demo's random source: the same seed gives the same data on every platform.

#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

namespace hiscrm::demo {

// One step of splitmix64: advances `state` and returns a well-mixed 64-bit value (seeds and
// per-entity streams are derived with it).
std::uint64_t splitmix64(std::uint64_t &state);

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

// Tables of UTF-16 literals: the demo's word lists.
template <std::size_t N> QStringList toList(const char16_t *const (&items)[N])
{
    QStringList out;
    out.reserve(qsizetype(N));
    for (const char16_t *s : items)
        out.append(QString::fromUtf16(s));
    return out;
}

// One entry, uniformly (one draw of rng).
template <std::size_t N> QString pick(Rng &rng, const char16_t *const (&items)[N])
{
    return QString::fromUtf16(items[rng.below(N)]);
}

// One entry, the first ones most often (one Zipf draw of rng).
template <std::size_t N> QString pickZipf(Rng &rng, const char16_t *const (&items)[N])
{
    return QString::fromUtf16(items[rng.zipf(N, 1.0)]);
}

} // namespace hiscrm::demo
