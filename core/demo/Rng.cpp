// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/Rng.h"

#include <algorithm>
#include <cmath>

namespace hiscrm::demo {

namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

// (exp(x) - 1) / x and log(1 + x) / x, with their series near 0 where the quotient would lose
// every digit (and at exactly 0, which s == 1 produces).
double expm1OverX(double x)
{
    return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1.0 + x / 2.0 * (1.0 + x / 3.0);
}

double log1pOverX(double x)
{
    return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x / 3.0);
}

// The hat function of rejection-inversion sampling for P(k) ~ k^-s, k >= 1 (Hörmann & Derflinger,
// "Rejection-inversion to generate variates from monotone discrete distributions", 1996).
struct ZipfHat
{
    double s;

    double h(double x) const { return std::exp(-s * std::log(x)); }
    // Integral of h from 1 to x, written so that s == 1 needs no special case.
    double integral(double x) const
    {
        const double lx = std::log(x);
        return expm1OverX((1.0 - s) * lx) * lx;
    }
    double integralInverse(double y) const
    {
        // Rounding can push t just below -1, where log1p is undefined.
        const double t = std::max(-1.0, y * (1.0 - s));
        return std::exp(log1pOverX(t) * y);
    }
};

} // namespace

std::uint64_t splitmix64(std::uint64_t &x)
{
    x += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed)
{
    // splitmix64 spreads even seeds like 0, 1, 2 over the whole state and never yields the
    // all-zero state xoshiro cannot leave.
    std::uint64_t x = seed;
    for (auto &s : m_s)
        s = splitmix64(x);
}

std::uint64_t Rng::next()
{
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

std::uint64_t Rng::below(std::uint64_t n)
{
    if (n <= 1)
        return 0;
    // Values under 2^64 mod n would make the low residues more likely; throw them away.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t r = next();
        if (r >= threshold)
            return r % n;
    }
}

double Rng::uniform()
{
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

bool Rng::chance(double p)
{
    return uniform() < p;
}

std::uint64_t Rng::zipf(std::uint64_t n, double s)
{
    if (n <= 1)
        return 0;
    if (!(s > 0.0))
        return below(n);
    // Rejection-inversion: O(1) per draw with no table, so a large n costs nothing. libm's exp/log
    // may differ in the last ulp between platforms; that changes a draw only when it lands within an
    // ulp of a rank boundary, which does not happen in practice.
    const ZipfHat hat{s};
    const double nd = static_cast<double>(n);
    const double hX1 = hat.integral(1.5) - 1.0;
    const double hN = hat.integral(nd + 0.5);
    const double squeeze = 2.0 - hat.integralInverse(hat.integral(2.5) - hat.h(2.0));
    for (;;) {
        const double u = hN + uniform() * (hX1 - hN);
        const double x = hat.integralInverse(u);
        const double k = std::clamp(std::floor(x + 0.5), 1.0, nd);
        if (k - x <= squeeze || u >= hat.integral(k + 0.5) - hat.h(k))
            return static_cast<std::uint64_t>(k) - 1;
    }
}

} // namespace hiscrm::demo
