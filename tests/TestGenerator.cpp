// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoFixtures.h"
#include "demo/Generator.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace hiscrm;
using namespace hiscrm::demo;
using demofixtures::compareBatches;
using namespace Qt::StringLiterals;

namespace {

GeneratorConfig smallConfig(std::uint64_t seed)
{
    return {.seed = seed, .accounts = 4, .users = 500, .conversations = 200, .contents = 12};
}

bool hasHan(const QString &s)
{
    const QList<uint> cps = s.toUcs4();
    return std::any_of(cps.begin(), cps.end(),
                       [](uint cp) { return QChar::script(char32_t(cp)) == QChar::Script_Han; });
}

int asciiLetters(const QString &s)
{
    return int(std::count_if(s.begin(), s.end(),
                             [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }));
}

QStringList texts(const model::Batch &b)
{
    QStringList out;
    for (const auto &m : b.messages)
        out << m.text;
    for (const auto &c : b.comments)
        out << c.text;
    return out;
}

} // namespace

class TestGenerator : public QObject
{
    Q_OBJECT

private slots:
    void rngMatchesReference();
    void belowStaysInRange();
    void uniformStaysInRange();
    void zipfStaysInRangeAndFavoursRankZero();
    void zipfEdgeCases();
    void corpusHasChineseAndEnglish();
    void corpusIsBuiltInUnlessFortunesAreAskedFor();
    void samplesLookLikeMessages();
    void chineseWordHasExactlyNHan();
    void englishWordIsALowercaseWord();
    void sameSeedSameData();
    void differentSeedDiffers();
    void batchSizeDoesNotChangeTheStream();
    void conversationSizesAreSkewed();
    void batchesReferenceKnownIds();
    void itemsHaveTheExpectedMix();
    void emptyConfigProducesNoItems();
};

void TestGenerator::rngMatchesReference()
{
    // Pins the exact sequence: the data must be the same on every platform and compiler.
    Rng rng(42);
    QCOMPARE(rng.next(), 1546998764402558742ULL);
    QCOMPARE(rng.next(), 6990951692964543102ULL);
    QCOMPARE(rng.next(), 12544586762248559009ULL);
    QCOMPARE(rng.next(), 17057574109182124193ULL);
    Rng zero(0);
    QCOMPARE(zero.next(), 0x99ec5f36cb75f2b4ULL);
    QCOMPARE(zero.next(), 0xbf6e1f784956452aULL);
}

void TestGenerator::belowStaysInRange()
{
    Rng rng(7);
    for (const std::uint64_t n : {1ULL, 2ULL, 3ULL, 7ULL, 1000ULL, (1ULL << 63) + 1, ~0ULL}) {
        for (int i = 0; i < 2000; ++i)
            QVERIFY(rng.below(n) < n);
    }
    QCOMPARE(rng.below(0), 0ULL);
    // Every residue turns up: no value is unreachable.
    QList<int> seen(6, 0);
    for (int i = 0; i < 6000; ++i)
        ++seen[qsizetype(rng.below(6))];
    for (const int c : seen)
        QVERIFY2(c > 800 && c < 1200, qPrintable(QString::number(c)));
}

void TestGenerator::uniformStaysInRange()
{
    Rng rng(8);
    double sum = 0;
    for (int i = 0; i < 100000; ++i) {
        const double u = rng.uniform();
        QVERIFY(u >= 0.0 && u < 1.0);
        sum += u;
    }
    QVERIFY(std::abs(sum / 100000 - 0.5) < 0.01);
}

void TestGenerator::zipfStaysInRangeAndFavoursRankZero()
{
    Rng rng(9);
    constexpr std::uint64_t n = 50;
    constexpr int draws = 200000;
    QList<int> counts(n, 0);
    for (int i = 0; i < draws; ++i) {
        const std::uint64_t r = rng.zipf(n, 1.1);
        QVERIFY(r < n);
        ++counts[qsizetype(r)];
    }
    QCOMPARE(std::max_element(counts.begin(), counts.end()) - counts.begin(), 0);
    // The shape, not just the order: P(k) ~ (k + 1)^-s.
    double norm = 0;
    for (std::uint64_t k = 1; k <= n; ++k)
        norm += std::pow(double(k), -1.1);
    const double expected0 = draws / norm;
    QVERIFY2(std::abs(counts[0] - expected0) < expected0 * 0.03,
             qPrintable(QStringLiteral("%1 vs %2").arg(counts[0]).arg(expected0)));
    const double ratio = double(counts[0]) / counts[1];
    QVERIFY2(std::abs(ratio - std::pow(2.0, 1.1)) < 0.1, qPrintable(QString::number(ratio)));

    // s == 1 takes a different path through the hat function.
    for (int i = 0; i < 10000; ++i)
        QVERIFY(rng.zipf(1000, 1.0) < 1000);
    for (int i = 0; i < 10000; ++i)
        QVERIFY(rng.zipf(3'000'000'000ULL, 1.3) < 3'000'000'000ULL);
}

void TestGenerator::zipfEdgeCases()
{
    Rng rng(10);
    QCOMPARE(rng.zipf(0, 1.1), 0ULL);
    QCOMPARE(rng.zipf(1, 1.1), 0ULL);
    for (int i = 0; i < 1000; ++i) {
        QVERIFY(rng.zipf(5, 0.0) < 5);
        QVERIFY(rng.zipf(2, 3.0) < 2);
    }
}

void TestGenerator::corpusHasChineseAndEnglish()
{
    const Corpus &c = Corpus::instance();
    qInfo() << "corpus from system:" << c.fromSystem() << "chinese" << c.chinese().size() << "english"
            << c.english().size();
    QVERIFY(c.chinese().size() >= 80);
    QVERIFY(c.english().size() >= 60);
    for (const QString &line : c.chinese()) {
        QVERIFY2(hasHan(line), qPrintable(line));
        QVERIFY(line.size() <= 120);
    }
    for (const QString &line : c.english()) {
        QVERIFY2(!hasHan(line), qPrintable(line));
        QVERIFY(line.size() <= 120);
    }
    // Sorted and unique: what makes the corpus independent of directory order.
    QStringList sorted = c.chinese();
    sorted.sort(Qt::CaseSensitive);
    sorted.removeDuplicates();
    QCOMPARE(sorted, c.chinese());
}

void TestGenerator::corpusIsBuiltInUnlessFortunesAreAskedFor()
{
    // The test runs without HISCRM_DEMO_CORPUS: the process corpus is the built-in one.
    QVERIFY(qEnvironmentVariableIsEmpty("HISCRM_DEMO_CORPUS"));
    const Corpus builtin = Corpus::builtin();
    QVERIFY(!builtin.fromSystem());
    QCOMPARE(Corpus::instance().chinese(), builtin.chinese());
    QCOMPARE(Corpus::instance().english(), builtin.english());

    // A folder with fortune files adds their sentences; attributions and "%" lines do not come in.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile chinese(dir.filePath(u"chinese"_s));
    QVERIFY(chinese.open(QIODevice::WriteOnly));
    chinese.write(
        u"山不在高，有仙则名。水不在深，有龙则灵。\n\t\t-- 刘禹锡\n%\n海内存知己，天涯若比邻。\n%\n"_s
            .toUtf8());
    chinese.close();
    const Corpus fortunes = Corpus::withFortunes({dir.path()});
    QVERIFY(fortunes.fromSystem());
    QVERIFY(fortunes.chinese().contains(u"海内存知己，天涯若比邻。"_s));
    QVERIFY(fortunes.chinese().contains(u"山不在高，有仙则名。"_s));
    QVERIFY(std::none_of(fortunes.chinese().begin(), fortunes.chinese().end(),
                         [](const QString &l) { return l.contains(u"刘禹锡"_s) || l.contains(u'%'); }));
    QCOMPARE(fortunes.english(), builtin.english()); // no English files there
    for (const QString &line : builtin.chinese())
        QVERIFY(fortunes.chinese().contains(line));

    // A folder without fortune files leaves the built-in lines.
    QTemporaryDir empty;
    const Corpus none = Corpus::withFortunes({empty.path()});
    QVERIFY(!none.fromSystem());
    QCOMPARE(none.chinese(), builtin.chinese());
}

void TestGenerator::samplesLookLikeMessages()
{
    Rng rng(11);
    const Corpus &c = Corpus::instance();
    int chinese = 0, english = 0, mixed = 0, shortOnes = 0;
    constexpr int n = 5000;
    for (int i = 0; i < n; ++i) {
        const QString s = c.sample(rng);
        QVERIFY2(s.size() >= 2 && s.size() <= 80, qPrintable(s));
        QCOMPARE(s, s.trimmed());
        const bool han = hasHan(s);
        const int latin = asciiLetters(s);
        if (han && latin == 0)
            ++chinese;
        else if (!han && latin > 0)
            ++english;
        else if (han)
            ++mixed;
        if (s.size() <= 4)
            ++shortOnes;
    }
    QVERIFY2(chinese > n / 2, qPrintable(QString::number(chinese)));
    QVERIFY2(english > n / 10, qPrintable(QString::number(english)));
    QVERIFY2(mixed > n / 50, qPrintable(QString::number(mixed)));
    QVERIFY2(shortOnes > n / 20, qPrintable(QString::number(shortOnes)));
}

void TestGenerator::chineseWordHasExactlyNHan()
{
    Rng rng(12);
    const Corpus &c = Corpus::instance();
    for (int chars = 1; chars <= 4; ++chars) {
        for (int i = 0; i < 100; ++i) {
            const QString w = c.chineseWord(rng, chars);
            const QList<uint> cps = w.toUcs4();
            QCOMPARE(cps.size(), qsizetype(chars));
            for (const uint cp : cps)
                QVERIFY2(QChar::script(char32_t(cp)) == QChar::Script_Han, qPrintable(w));
            QVERIFY(std::any_of(c.chinese().begin(), c.chinese().end(),
                                [&](const QString &line) { return line.contains(w); }));
        }
    }
    QVERIFY(c.chineseWord(rng, 0).isEmpty());
}

void TestGenerator::englishWordIsALowercaseWord()
{
    Rng rng(13);
    for (int i = 0; i < 500; ++i) {
        const QString w = Corpus::instance().englishWord(rng);
        QVERIFY2(w.size() >= 3, qPrintable(w));
        for (const QChar ch : w)
            QVERIFY2(ch >= u'a' && ch <= u'z', qPrintable(w));
    }
}

void TestGenerator::sameSeedSameData()
{
    Generator a(smallConfig(5));
    Generator b(smallConfig(5));
    compareBatches(a.directory(), b.directory());
    if (QTest::currentTestFailed())
        return;
    for (int i = 0; i < 20; ++i) {
        compareBatches(a.next(150), b.next(150));
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(a.clockMs(), b.clockMs());
}

void TestGenerator::differentSeedDiffers()
{
    Generator a(smallConfig(5));
    Generator b(smallConfig(6));
    const model::Batch da = a.directory();
    const model::Batch db = b.directory();
    QStringList namesA, namesB;
    for (const auto &u : da.users)
        namesA << u.name;
    for (const auto &u : db.users)
        namesB << u.name;
    QVERIFY(namesA != namesB);
    QVERIFY(texts(a.next(200)) != texts(b.next(200)));
}

void TestGenerator::batchSizeDoesNotChangeTheStream()
{
    // Bursts and reply parents are generator state, so how the items are cut into batches
    // must not matter.
    Generator whole(smallConfig(3));
    Generator parts(smallConfig(3));
    const model::Batch big = whole.next(600);
    QList<model::MessageRecord> messages;
    QList<model::CommentRecord> comments;
    for (const int n : {1, 7, 92, 300, 200}) {
        const model::Batch b = parts.next(n);
        messages += b.messages;
        comments += b.comments;
    }
    model::Batch joined = big;
    joined.accounts.clear();
    joined.users.clear();
    joined.contents.clear();
    joined.conversations.clear();
    joined.messages = messages;
    joined.comments = comments;
    model::Batch bigItems = big;
    bigItems.accounts.clear();
    bigItems.users.clear();
    bigItems.contents.clear();
    bigItems.conversations.clear();
    compareBatches(bigItems, joined);
    QCOMPARE(whole.clockMs(), parts.clockMs());
}

void TestGenerator::conversationSizesAreSkewed()
{
    GeneratorConfig cfg = smallConfig(21);
    cfg.commentShare = 0.2;
    Generator g(cfg);
    QHash<QString, int> sizes;
    for (int i = 0; i < 10; ++i) {
        for (const auto &m : g.next(500).messages)
            ++sizes[m.conversationId];
    }
    QList<int> all;
    for (int i = 0; i < cfg.conversations; ++i)
        all << sizes.value(g.conversationId(i));
    std::sort(all.begin(), all.end());
    const int top = all.back();
    const int median = all[all.size() / 2];
    qInfo() << "top conversation" << top << "median" << median;
    QVERIFY2(top >= 10 * std::max(1, median), qPrintable(QStringLiteral("%1 vs %2").arg(top).arg(median)));
}

void TestGenerator::batchesReferenceKnownIds()
{
    Generator g(smallConfig(17));
    const model::Batch dir = g.directory();
    QSet<QString> accounts, users, contents, conversations;
    for (const auto &a : dir.accounts)
        accounts << a.platformId;
    for (const auto &u : dir.users)
        users << u.platformId;
    for (const auto &c : dir.contents) {
        contents << c.platformId;
        QVERIFY(accounts.contains(c.accountId));
    }
    for (const auto &c : dir.conversations) {
        conversations << c.platformId;
        QVERIFY(accounts.contains(c.accountId));
        QVERIFY(users.contains(c.peerId));
    }
    QCOMPARE(accounts.size(), 4);
    QCOMPARE(users.size(), 500);
    QCOMPARE(contents.size(), 12);
    QCOMPARE(conversations.size(), 200);

    QHash<QString, QString> commentContent; // every comment produced so far -> its content
    QSet<QString> itemIds;
    // True when the item's id tells its kind by its prefix ("m-", "c-") and was not seen before.
    const auto isNewItem = [&itemIds](const QString &id, QStringView prefix) {
        const bool fresh = id.startsWith(prefix) && !itemIds.contains(id);
        itemIds << id;
        return fresh;
    };
    qint64 lastAt = 0;
    for (int round = 0; round < 10; ++round) {
        const model::Batch b = g.next(round == 0 ? 1 : 300);
        QCOMPARE(b.platform, QStringLiteral("demo"));
        // What the batch itself carries, so a store can ingest it without the directory.
        QSet<QString> bAccounts, bUsers, bContents, bConversations;
        for (const auto &a : b.accounts) {
            QVERIFY(accounts.contains(a.platformId));
            bAccounts << a.platformId;
        }
        for (const auto &u : b.users) {
            QVERIFY(users.contains(u.platformId));
            bUsers << u.platformId;
        }
        for (const auto &c : b.contents) {
            QVERIFY(contents.contains(c.platformId));
            QVERIFY(bAccounts.contains(c.accountId));
            bContents << c.platformId;
        }
        for (const auto &c : b.conversations) {
            QVERIFY(conversations.contains(c.platformId));
            QVERIFY(bAccounts.contains(c.accountId));
            QVERIFY(bUsers.contains(c.peerId));
            bConversations << c.platformId;
        }
        for (const auto &m : b.messages) {
            QVERIFY2(isNewItem(m.platformId, u"m-"), qPrintable(m.platformId));
            QVERIFY(bAccounts.contains(m.accountId));
            QVERIFY(bConversations.contains(m.conversationId));
            if (m.direction == model::Direction::In)
                QVERIFY(bUsers.contains(m.senderId));
            else
                QCOMPARE(m.senderId, m.accountId);
            QVERIFY(m.createdAt > 0);
        }
        // Comments and messages interleave in time; collect both to check the clock.
        QList<qint64> times;
        for (const auto &m : b.messages)
            times << m.createdAt;
        for (const auto &c : b.comments) {
            QVERIFY2(isNewItem(c.platformId, u"c-"), qPrintable(c.platformId));
            QVERIFY(bAccounts.contains(c.accountId));
            QVERIFY(bContents.contains(c.contentId));
            QVERIFY(bUsers.contains(c.authorId));
            if (!c.parentId.isEmpty()) {
                QVERIFY2(commentContent.contains(c.parentId), qPrintable(c.parentId));
                QCOMPARE(commentContent.value(c.parentId), c.contentId);
            }
            commentContent.insert(c.platformId, c.contentId);
            times << c.createdAt;
        }
        std::sort(times.begin(), times.end());
        if (!times.isEmpty()) {
            QVERIFY(times.front() >= lastAt);
            lastAt = times.back();
        }
        QCOMPARE(lastAt, g.clockMs());
    }
}

void TestGenerator::itemsHaveTheExpectedMix()
{
    Generator g(smallConfig(29));
    int messages = 0, comments = 0, replies = 0, outbound = 0, nonText = 0;
    for (int i = 0; i < 10; ++i) {
        const model::Batch b = g.next(1000);
        messages += int(b.messages.size());
        comments += int(b.comments.size());
        for (const auto &m : b.messages) {
            if (m.direction == model::Direction::Out)
                ++outbound;
            if (m.type != model::MessageType::Text) {
                ++nonText;
                QVERIFY(m.media.startsWith(u"https://demo.invalid/media/"));
                QVERIFY(!m.text.isEmpty());
            } else {
                QVERIFY(m.media.isEmpty());
            }
        }
        for (const auto &c : b.comments)
            replies += c.parentId.isEmpty() ? 0 : 1;
    }
    QCOMPARE(messages + comments, 10000);
    QVERIFY2(comments > 2000 && comments < 3000, qPrintable(QString::number(comments)));
    QVERIFY2(replies > comments / 8 && replies < comments / 4, qPrintable(QString::number(replies)));
    QVERIFY2(outbound > messages / 8 && outbound < messages / 4, qPrintable(QString::number(outbound)));
    QVERIFY2(nonText > messages / 40 && nonText < messages / 10, qPrintable(QString::number(nonText)));
    // About stepMs per item on average.
    const double perItem = double(g.clockMs() - g.config().startMs) / 10000;
    QVERIFY2(perItem > 1000 && perItem < 1700, qPrintable(QString::number(perItem)));
}

void TestGenerator::emptyConfigProducesNoItems()
{
    GeneratorConfig cfg = smallConfig(1);
    cfg.accounts = 0;
    Generator g(cfg);
    QCOMPARE(g.directory().size(), 0);
    QCOMPARE(g.next(10).size(), 0);

    GeneratorConfig onlyComments = smallConfig(1);
    onlyComments.conversations = 0;
    Generator c(onlyComments);
    const model::Batch b = c.next(50);
    QCOMPARE(b.comments.size(), 50);
    QVERIFY(b.messages.isEmpty());
}

QTEST_GUILESS_MAIN(TestGenerator)
#include "TestGenerator.moc"
