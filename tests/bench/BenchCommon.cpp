// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchCommon.h"

#include <QTextStream>

#if defined(Q_OS_WIN)
#include <windows.h>
#elif defined(Q_OS_UNIX)
#include <time.h>
#endif

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;

void fail(const QString &message)
{
    throw Failure{message};
}

void say(const QString &line)
{
    static QTextStream out(stdout);
    out << line << Qt::endl;
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

double threadCpuSeconds()
{
#if defined(Q_OS_WIN)
    FILETIME created, exited, kernel, user;
    if (!GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user))
        return -1;
    const auto ticks = [](const FILETIME &t) {
        return (quint64(t.dwHighDateTime) << 32) | t.dwLowDateTime;
    };
    return double(ticks(kernel) + ticks(user)) / 1e7; // 100 ns units
#elif defined(Q_OS_UNIX) && defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return -1;
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
#else
    return -1;
#endif
}

double median(std::vector<double> figures)
{
    if (figures.empty())
        return 0;
    std::sort(figures.begin(), figures.end());
    const size_t n = figures.size();
    return n % 2 ? figures[n / 2] : (figures[n / 2 - 1] + figures[n / 2]) / 2;
}

double Samples::percentileMs(double p) const
{
    if (m_ns.isEmpty())
        return 0;
    QList<qint64> sorted = m_ns;
    std::sort(sorted.begin(), sorted.end());
    // Nearest rank: the smallest sample with at least p% of the samples at or below it.
    const auto n = double(sorted.size());
    const auto rank = qsizetype(std::ceil(p / 100.0 * n));
    const qsizetype index = std::clamp<qsizetype>(rank, 1, sorted.size()) - 1;
    return double(sorted[index]) / 1e6;
}

double Samples::maxMs() const
{
    return m_ns.isEmpty() ? 0 : double(*std::max_element(m_ns.cbegin(), m_ns.cend())) / 1e6;
}

double Samples::meanMs() const
{
    if (m_ns.isEmpty())
        return 0;
    const double sum = std::accumulate(m_ns.cbegin(), m_ns.cend(), 0.0,
                                       [](double acc, qint64 v) { return acc + double(v); });
    return sum / double(m_ns.size()) / 1e6;
}

QString fixed3(double v)
{
    return QString::number(v, 'f', 3);
}

QString summary(const Samples &s)
{
    return u"p50 %1 ms, p90 %2 ms, p99 %3 ms, max %4 ms (%5 calls)"_s
        .arg(fixed3(s.percentileMs(50)), fixed3(s.percentileMs(90)), fixed3(s.percentileMs(99)),
             fixed3(s.maxMs()))
        .arg(s.count());
}

QStringList figureHeader()
{
    return {u"calls"_s, u"p50 ms"_s, u"p90 ms"_s, u"p99 ms"_s, u"max ms"_s};
}

QStringList figures(const Samples &s)
{
    return {QString::number(s.count()), fixed3(s.percentileMs(50)), fixed3(s.percentileMs(90)),
            fixed3(s.percentileMs(99)), fixed3(s.maxMs())};
}

void Table::print() const
{
    QList<qsizetype> widths;
    for (const QStringList &row : m_rows) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths.append(0);
            widths[c] = std::max(widths[c], row[c].size());
        }
    }
    for (const QStringList &row : m_rows) {
        QString line = u"  "_s;
        for (qsizetype c = 0; c < row.size(); ++c) {
            line += row[c].leftJustified(widths[c]);
            if (c + 1 < row.size())
                line += u"  "_s;
        }
        while (line.endsWith(u' '))
            line.chop(1);
        say(line);
    }
}

namespace {

QString jsonString(const QString &s)
{
    QString out = u"\""_s;
    for (const QChar ch : s) {
        const char16_t u = ch.unicode();
        if (u == u'"' || u == u'\\')
            out += u'\\' + QString(ch);
        else if (u < 0x20)
            out += u"\\u%1"_s.arg(int(u), 4, 16, QChar(u'0'));
        else
            out += ch;
    }
    return out + u'"';
}

} // namespace

JsonLine &JsonLine::add(const QString &key, const QString &value)
{
    m_members.append(jsonString(key) + u':' + jsonString(value));
    return *this;
}

JsonLine &JsonLine::add(const QString &key, qint64 value)
{
    m_members.append(jsonString(key) + u':' + QString::number(value));
    return *this;
}

JsonLine &JsonLine::add(const QString &key, double value)
{
    m_members.append(jsonString(key) + u':' + (std::isfinite(value) ? fixed3(value) : u"null"_s));
    return *this;
}

QString JsonLine::toString() const
{
    return u'{' + m_members.join(u',') + u'}';
}

} // namespace hiscrm::bench
