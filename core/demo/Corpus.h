// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The demo's text: what customers write, what agents answer, names' decorations. Built in, so
// the demo and the benchmarks give the same data on every machine; fortune files (fortunes-zh,
// fortune-mod) are added only when asked for, through HISCRM_DEMO_CORPUS.

#include "demo/Rng.h"

#include <QStringList>

namespace hiscrm::demo {

class Corpus
{
public:
    // What the process uses, chosen once from the environment variable HISCRM_DEMO_CORPUS:
    // unset, empty or "builtin": the built-in lines only; "fortunes": plus the fortune files
    // found in the usual directories (fortuneDirs()); any other value: plus the fortune files in
    // that folder. A folder without fortune files leaves the built-in lines (and says so).
    static const Corpus &instance();
    // The built-in lines only.
    static Corpus builtin();
    // The built-in lines plus the fortune files found in `dirs`.
    static Corpus withFortunes(const QStringList &dirs);

    const QStringList &chinese() const { return m_chinese; }
    const QStringList &english() const { return m_english; }
    bool fromSystem() const { return m_fromSystem; }
    // "built in" or "with fortune files", for logs and benchmark reports.
    QString description() const;

    // A message-like snippet: a sentence or fragment, 2..80 characters, mostly Chinese.
    QString sample(Rng &rng) const;
    // A random 1..3 character Chinese word / English word found in the corpus (for queries).
    QString chineseWord(Rng &rng, int chars) const;
    QString englishWord(Rng &rng) const;
    // What an agent answers (Chinese four times in five), an emoji, a video's hashtag.
    static QString agentReply(Rng &rng);
    // Every line agentReply can give.
    static QStringList agentReplies();
    // A title a creator gives a video, a different one for each of the first 40 (Chinese four
    // times in five); every one of them.
    static QString videoTitle(int i);
    static QStringList videoTitles();
    static QString emoji(Rng &rng);
    static QString hashtag(Rng &rng);

private:
    Corpus() = default;
    void finish(); // adds the built-in lines, sorts and deduplicates

    QStringList m_chinese;
    QStringList m_english;
    bool m_fromSystem = false;
};

} // namespace hiscrm::demo
