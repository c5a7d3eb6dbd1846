// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/Generator.h"

#include "common/Log.h"

#include <QFile>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

namespace hiscrm::demo {

namespace {

std::uint64_t splitmix64(std::uint64_t &x)
{
    x += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

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

// ---- Rng -----------------------------------------------------------------------------------------

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

// ---- Corpus --------------------------------------------------------------------------------------

namespace {

// What customers write to a shop or a creator. These keep the demo looking like a CRM inbox even
// when the fortune files (proverbs, Tang poems, jokes) are installed.
const char16_t *const kCrmChinese[] = {
    u"你好，请问这个还有货吗？",
    u"什么时候发货呀？",
    u"视频里的衣服在哪里买？",
    u"链接在哪里，找不到",
    u"这个多少钱？",
    u"可以便宜一点吗？",
    u"我昨天下的单，今天能发吗？",
    u"快递到哪了，三天了还没动",
    u"收到了，质量很好，下次还来",
    u"尺码偏大还是偏小？",
    u"身高一米六五，体重一百斤穿什么码？",
    u"能开发票吗？",
    u"有没有优惠券？",
    u"直播间的福利还有吗？",
    u"主播身上那件外套是什么牌子的？",
    u"请问支持七天无理由退货吗？",
    u"东西坏了，怎么申请售后？",
    u"包装破了，里面的杯子碎了一个",
    u"颜色和图片不太一样",
    u"发错货了，我买的是黑色",
    u"可以改地址吗？我填错了",
    u"想问一下，这款适合油皮吗？",
    u"敏感肌能用吗？",
    u"孕妇可以用吗？",
    u"保质期到什么时候？",
    u"几点开播？",
    u"今天还有直播吗？",
    u"上次说的赠品没收到",
    u"求教程！这个妆怎么画的",
    u"背景音乐叫什么名字？",
    u"拍得太好看了，用的什么相机？",
    u"博主在哪个城市呀？",
    u"期待下一期视频",
    u"第一次刷到你，已关注",
    u"太实用了，收藏了",
    u"这个价格也太划算了吧",
    u"已经买了三次了，回购",
    u"能不能出一期平价好物推荐？",
    u"退款什么时候到账？",
    u"我申请退款三天了还没处理",
    u"客服在吗？急！",
    u"能帮我查一下订单吗？",
    u"订单号发你了，麻烦看一下",
    u"物流显示已签收，但我没收到",
    u"可以寄到香港吗？",
    u"新疆包邮吗？",
    u"两件一起买能优惠吗？",
    u"有小号吗？我平时穿S码",
    u"这个是正品吗？",
    u"有没有防伪码？",
    u"味道怎么样，会不会太甜？",
    u"小孩子能吃吗？",
    u"一盒有多少片？",
    u"说明书上的字太小了看不清",
    u"充电器是单独卖的吗？",
    u"蓝牙连不上怎么办？",
    u"用了一周就坏了，能换新吗？",
    u"上次买的还没用完，又来囤货了",
    u"想合作，请问怎么联系商务？",
    u"你们招主播吗？",
    u"我们是源头工厂，可以带货吗？",
    u"视频里说的那个方法真的有用",
    u"按你说的做了，效果很好，谢谢",
    u"为什么我下单显示库存不足？",
    u"付款的时候一直失败",
    u"能货到付款吗？",
    u"有实体店吗？",
    u"广州有门店可以试穿吗？",
    u"衣服洗了会缩水吗？",
    u"面料是纯棉的吗？",
    u"冬天穿会冷吗？",
    u"能不能再上一次架？",
    u"什么时候补货？等了好久了",
    u"预售要等多久？",
    u"六一八有活动吗？",
    u"双十一会降价吗？",
    u"昨天在直播间抢到了，开心",
    u"拆开了，比想象中还好看",
    u"给妈妈买的，她很喜欢",
    u"朋友推荐来的",
    u"麻烦快点发货，周末要用",
    u"送人的，帮我备注一下不要放价格单",
    u"可以写贺卡吗？",
    u"有礼盒包装吗？",
    u"怎么没有回复我？",
    u"已经等了两天了，还没人理",
    u"刚刚的消息发错了，不好意思",
    u"晚上好，想咨询一下",
    u"在吗在吗",
    u"请问老板在吗？",
    u"这个颜色显白吗？",
    u"求同款！",
    u"你们家的售后太好了，点赞",
    u"第二个视频里的杯子还有吗？",
    u"地址是北京市朝阳区，几天能到？",
    u"能不能顺丰发货？我补运费",
    u"赠品可以换成别的颜色吗？",
};

const char16_t *const kCrmEnglish[] = {
    u"Hi, is this still available?",
    u"When will my order ship?",
    u"Where can I buy the jacket from the video?",
    u"Do you ship internationally?",
    u"How much is shipping to Canada?",
    u"I can't find the link in your bio.",
    u"What size should I get? I'm usually a medium.",
    u"My package says delivered but it's not here.",
    u"Can I change my shipping address?",
    u"The item arrived damaged, what should I do?",
    u"Is there a discount code?",
    u"Love your videos, keep it up!",
    u"What camera do you use?",
    u"What's the song in this video?",
    u"Just ordered, so excited!",
    u"How long does the refund take?",
    u"I got the wrong color.",
    u"Do you have this in black?",
    u"Is it waterproof?",
    u"Does it come with a charger?",
    u"Can I return it if it doesn't fit?",
    u"Thanks for the quick reply!",
    u"Any plans for a restock?",
    u"When is the next live stream?",
    u"Is this suitable for sensitive skin?",
    u"Where are you based?",
    u"Please check my order, the number is in my last message.",
    u"I've been waiting a week for a response.",
    u"Great quality, will buy again.",
    u"Could you do a tutorial on this?",
    u"Is the sale still on?",
    u"Do you offer gift wrapping?",
    u"The tracking number doesn't work.",
    u"Can I pay with PayPal?",
    u"Are you open to collaborations?",
    u"How do I contact your business team?",
    u"This is exactly what I was looking for.",
    u"Does the price include tax?",
    u"My friend recommended your shop.",
    u"Can you send me the size chart?",
    u"I ordered two but only received one.",
    u"Hello? Anyone there?",
    u"Sorry, wrong chat.",
    u"The zipper broke after two days.",
    u"Can I cancel my order?",
    u"Is this made of real leather?",
    u"Do you have a store in London?",
    u"How many pieces are in a box?",
    u"This video saved me so much time.",
    u"First time seeing your channel, subscribed!",
    u"Can you ship before the weekend?",
    u"What's your return policy?",
    u"Will there be a Black Friday sale?",
    u"Is it safe for kids?",
    u"Does it work with an iPhone?",
    u"The app keeps saying payment failed.",
    u"Could you add a note that it's a gift?",
    u"Loved the packaging, so cute!",
    u"Is the blue one sold out?",
    u"Any updates on my refund?",
    u"Can I get an invoice for this order?",
    u"Where did you get that lamp in the background?",
    u"I'd like to buy in bulk, do you have wholesale prices?",
    u"How do I use the coupon?",
    u"Is this the original or a copy?",
};

// Ordered by how often people send them: the Zipf rank makes the first ones dominate.
const char16_t *const kShortChinese[] = {
    u"好的", u"谢谢",     u"在吗？", u"嗯嗯",   u"收到",   u"好的谢谢", u"哈哈哈", u"多少钱？",
    u"可以", u"有货吗？", u"👍",      u"已下单", u"求链接", u"在的",     u"好滴",   u"辛苦了",
    u"666",  u"谢谢亲",   u"不用了", u"没收到", u"了解",   u"啊？",     u"好嘞",   u"🙏🙏",
};

const char16_t *const kShortEnglish[] = {
    u"ok", u"thanks!", u"hi", u"hello?", u"thank you", u"lol", u"yes", u"got it", u"no", u"nice", u"wow",
};

// What an operator answers, for the outbound side of a conversation.
const char16_t *const kAgentChinese[] = {
    u"亲，在的，请问有什么可以帮您？",
    u"您好，已经为您安排发货了～",
    u"稍等，我帮您查一下",
    u"亲，这款目前有货哦",
    u"链接已经发您了，请查收",
    u"抱歉给您带来不便，我们马上处理",
    u"退款已经提交，一到三个工作日到账",
    u"建议您选大一码",
    u"感谢支持，欢迎下次光临！",
    u"亲，可以的",
    u"麻烦发一下订单号",
    u"已为您备注，请放心",
    u"周末也正常发货哦",
    u"需要补发的话，请提供一下照片",
    u"直播间晚上八点开播，记得来哦",
    u"新人券已经发到您账户啦",
    u"好的，收到",
    u"不客气～",
    u"这款是纯棉面料，不会缩水",
    u"快递已经在路上了，明天应该能到",
};

const char16_t *const kAgentEnglish[] = {
    u"Hi! How can I help you today?",
    u"Your order has shipped, here is the tracking link.",
    u"Sorry for the trouble, we'll send a replacement.",
    u"Let me check that for you.",
    u"Yes, it's in stock.",
    u"Refund processed, it should arrive in 3-5 business days.",
    u"Thanks for your support!",
    u"Could you send us a photo of the item?",
};

// English that Chinese chat uses as is.
const char16_t *const kLoanwords[] = {
    u"ok", u"OK", u"size", u"logo", u"vlog", u"iPhone", u"link", u"VIP", u"App", u"bug", u"wifi", u"nice",
};

const char16_t *const kEmoji[] = {
    u"😂", u"👍", u"🙏", u"❤️", u"🔥", u"😭", u"🥰", u"😅", u"🎉", u"🤔",
};

const char16_t *const kHashtags[] = {
    u"#好物分享", u"#开箱", u"#日常vlog", u"#穿搭", u"#美食", u"#护肤", u"#新品", u"#直播预告",
};

template <std::size_t N> QStringList toList(const char16_t *const (&items)[N])
{
    QStringList out;
    out.reserve(qsizetype(N));
    for (const char16_t *s : items)
        out.append(QString::fromUtf16(s));
    return out;
}

template <std::size_t N> QString pick(Rng &rng, const char16_t *const (&items)[N])
{
    return QString::fromUtf16(items[rng.below(N)]);
}

template <std::size_t N> QString pickZipf(Rng &rng, const char16_t *const (&items)[N])
{
    return QString::fromUtf16(items[rng.zipf(N, 1.0)]);
}

const QStringList &crmChinese()
{
    static const QStringList list = toList(kCrmChinese);
    return list;
}

const QStringList &crmEnglish()
{
    static const QStringList list = toList(kCrmEnglish);
    return list;
}

bool isHan(char32_t cp)
{
    return QChar::script(cp) == QChar::Script_Han;
}

bool isAsciiLetter(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAsciiAlnum(QChar c)
{
    return c.unicode() < 0x80 && c.isLetterOrNumber();
}

// Where a sentence ends.
bool isTerminator(QChar c)
{
    switch (c.unicode()) {
    case u'。':
    case u'！':
    case u'？':
    case u'；':
    case u'…':
    case '!':
    case '?':
    case ';':
        return true;
    default:
        return false;
    }
}

// Where a clause ends: a place a person could have stopped typing.
bool isClauseBreak(QChar c)
{
    if (isTerminator(c))
        return true;
    switch (c.unicode()) {
    case u'，':
    case u'、':
    case u'：':
    case u'～':
    case ',':
    case ':':
    case '.':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isClosingQuote(QChar c)
{
    switch (c.unicode()) {
    case u'”':
    case u'’':
    case u'」':
    case u'』':
    case u'）':
    case u'》':
    case '"':
    case '\'':
    case ')':
        return true;
    default:
        return false;
    }
}

// The fortune files colour their attributions with ANSI escapes and underline with backspaces.
QString stripTerminalCodes(QStringView in)
{
    QString out;
    out.reserve(in.size());
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = in[i].unicode();
        if (c == 0x1b) {
            if (i + 1 < n && in[i + 1] == u'[') {
                i += 2;
                while (i < n && !(in[i].unicode() >= 0x40 && in[i].unicode() <= 0x7e))
                    ++i;
            }
            continue;
        }
        if (c == 0x08) {
            if (!out.isEmpty())
                out.chop(1);
            continue;
        }
        if (c == '\t') {
            out += u' ';
            continue;
        }
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            continue;
        out += in[i];
    }
    return out;
}

bool isAttributionOrTitle(const QString &line)
{
    return line.startsWith(u"--") || line.startsWith(u'—') || line.startsWith(u'―') ||
           line.startsWith(u"题目") || line.startsWith(u"作者") ||
           (line.startsWith(u'《') && line.endsWith(u'》'));
}

// Chinese text wraps without spaces; only a break between two Latin words needs one back.
QString joinLines(const QStringList &lines, bool chinese)
{
    QString out;
    for (const QString &line : lines) {
        if (!out.isEmpty() && (!chinese || (isAsciiAlnum(out.back()) && isAsciiAlnum(line.front()))))
            out += u' ';
        out += line;
    }
    return out.simplified();
}

bool endsWithAbbreviation(QStringView before)
{
    static const QString abbreviations[] = {
        QStringLiteral("Mr"), QStringLiteral("Mrs"),  QStringLiteral("Ms"),  QStringLiteral("Dr"),
        QStringLiteral("St"), QStringLiteral("Jr"),   QStringLiteral("Sr"),  QStringLiteral("vs"),
        QStringLiteral("Mt"), QStringLiteral("Prof"), QStringLiteral("Gen"), QStringLiteral("etc"),
    };
    qsizetype start = before.size();
    while (start > 0 && before[start - 1].isLetter())
        --start;
    const QStringView word = before.mid(start);
    // A single capital is an initial, as in John F. Kennedy.
    if (word.size() == 1 && word[0].isUpper())
        return true;
    return std::any_of(std::begin(abbreviations), std::end(abbreviations),
                       [&](const QString &a) { return word == a; });
}

QStringList splitSentences(const QString &text, bool chinese)
{
    QStringList out;
    const qsizetype n = text.size();
    qsizetype start = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        // A Latin full stop ends a sentence only before a space (not in 3.14 or file.txt) and
        // not after a title such as Dr.
        const bool end =
            isTerminator(c) ||
            (!chinese && c == u'.' && (i + 1 == n || text[i + 1] == u' ' || isClosingQuote(text[i + 1])) &&
             !endsWithAbbreviation(QStringView(text).left(i)));
        if (!end)
            continue;
        qsizetype j = i + 1;
        while (j < n && (isTerminator(text[j]) || text[j] == u'.' || isClosingQuote(text[j])))
            ++j;
        out.append(text.mid(start, j - start));
        start = j;
        i = j - 1;
    }
    if (start < n)
        out.append(text.mid(start));
    return out;
}

void dropUnbalanced(QString &s, QChar open, QChar close)
{
    if (s.count(open) != s.count(close)) {
        s.remove(open);
        s.remove(close);
    }
}

QString cleanSentence(QString s, bool chinese)
{
    s = s.simplified();
    if (!chinese && (s.startsWith(u"Q:") || s.startsWith(u"A:")))
        s = s.mid(2).trimmed();
    while (!s.isEmpty() && (s.front() == u'-' || s.front() == u'*' || s.front() == u'•'))
        s = s.mid(1).trimmed();
    // A sentence cut out of a longer quotation keeps only one of its quote marks.
    dropUnbalanced(s, u'“', u'”');
    dropUnbalanced(s, u'「', u'」');
    dropUnbalanced(s, u'『', u'』');
    dropUnbalanced(s, u'（', u'）');
    dropUnbalanced(s, u'(', u')');
    if (s.count(u'"') % 2 != 0)
        s.remove(u'"');
    while (!s.isEmpty() && isClauseBreak(s.back()) && !isTerminator(s.back()) && s.back() != u'.')
        s.chop(1);
    return s.trimmed();
}

bool acceptSentence(const QString &s, bool chinese)
{
    if (s.size() < 2 || s.size() > 120)
        return false;
    int nonSpace = 0, letters = 0, han = 0, ascii = 0, upper = 0, digits = 0;
    for (const char32_t cp : s.toUcs4()) {
        if (QChar::isSpace(cp))
            continue;
        ++nonSpace;
        if (QChar::isLetter(cp))
            ++letters;
        if (isHan(cp))
            ++han;
        if (cp >= '0' && cp <= '9')
            ++digits;
        if (isAsciiLetter(cp)) {
            ++ascii;
            if (cp <= 'Z')
                ++upper;
        }
    }
    if (nonSpace == 0 || letters < nonSpace * 0.6)
        return false; // ASCII art, rules, lists of numbers
    // Latin letters and digits in the Chinese files come from the Debian tips (commands, table
    // numbers); the mixed messages get theirs spliced in on purpose instead.
    if (chinese)
        return han >= 2 && han >= nonSpace * 0.6 && ascii == 0 && digits == 0;
    if (han > 0 || ascii < nonSpace * 0.6)
        return false;
    if (ascii >= 6 && upper * 2 > ascii)
        return false; // headings shouted in capitals
    static const QString artChars = QStringLiteral("|\\{}<>=_#~^@/");
    for (const QChar c : s)
        if (artChars.contains(c))
            return false;
    return s.count(u' ') >= 1; // a lone word is rarely a message
}

// Reads one fortune file into sentences; false if it is missing or not UTF-8.
bool loadFortunes(const QString &path, bool chinese, QStringList &out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QStringDecoder decoder(QStringConverter::Utf8);
    const QString raw = decoder.decode(file.readAll());
    if (decoder.hasError()) {
        qCInfo(lcDemo) << "skipping fortune file that is not UTF-8:" << path;
        return false;
    }
    const QString text = stripTerminalCodes(raw);
    const qsizetype before = out.size();
    QStringList paragraph;
    auto flush = [&] {
        if (paragraph.isEmpty())
            return;
        for (const QString &sentence : splitSentences(joinLines(paragraph, chinese), chinese)) {
            const QString s = cleanSentence(sentence, chinese);
            if (acceptSentence(s, chinese))
                out.append(s);
        }
        paragraph.clear();
    };
    for (const QStringView lineView : QStringView(text).split(u'\n')) {
        const QString line = lineView.trimmed().toString();
        if (line.isEmpty() || line == u"%") {
            flush();
            continue;
        }
        if (isAttributionOrTitle(line))
            continue;
        paragraph.append(line);
    }
    flush();
    qCDebug(lcDemo) << "loaded" << (out.size() - before) << "lines from" << path;
    return true;
}

QString firstExisting(const QStringList &dirs, const QString &name)
{
    for (const QString &dir : dirs) {
        // Some distributions keep a legacy-encoded plain file next to a UTF-8 ".u8" one.
        for (const QString &candidate : {name + QStringLiteral(".u8"), name}) {
            const QString path = dir + u'/' + candidate;
            if (QFile::exists(path))
                return path;
        }
    }
    return {};
}

// Positions just past each clause break (and the end), so a cut never lands mid-clause.
QList<qsizetype> clauseEnds(const QString &line)
{
    QList<qsizetype> ends;
    const qsizetype n = line.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (!isClauseBreak(line[i]))
            continue;
        qsizetype j = i + 1;
        while (j < n && (isClauseBreak(line[j]) || isClosingQuote(line[j])))
            ++j;
        ends.append(j);
        i = j - 1;
    }
    if (ends.isEmpty() || ends.back() != n)
        ends.append(n);
    return ends;
}

QString trimClause(QString s)
{
    s = s.trimmed();
    while (!s.isEmpty() && isClauseBreak(s.back()) && !isTerminator(s.back()))
        s.chop(1);
    return s.trimmed();
}

// A message that stops early, as chats do: Zipf-distributed length, so short ones dominate.
QString fragment(const QString &line, Rng &rng)
{
    const QList<qsizetype> ends = clauseEnds(line);
    qsizetype start = 0;
    if (ends.size() > 1 && rng.chance(0.4))
        start = ends[qsizetype(rng.below(std::uint64_t(ends.size() - 1)))];
    const qsizetype target = start + 2 + qsizetype(rng.zipf(79, 1.2));
    qsizetype end = -1;
    for (const qsizetype e : ends) {
        if (e <= start)
            continue;
        if (end < 0 || e <= target)
            end = e;
        if (e >= target)
            break;
    }
    const QString cut = trimClause(line.mid(start, end - start));
    return cut.size() >= 2 ? cut : line;
}

// Keeps a message within 80 UTF-16 units, cutting at a clause or word when there is one.
QString fit(const QString &line)
{
    constexpr qsizetype kMax = 80;
    if (line.size() <= kMax)
        return line;
    qsizetype cut = -1;
    for (qsizetype i = kMax; i > 10; --i) {
        if (isClauseBreak(line[i - 1]) || line[i] == u' ') {
            cut = i;
            break;
        }
    }
    if (cut < 0)
        cut = line[kMax - 1].isHighSurrogate() ? kMax - 1 : kMax;
    const QString out = trimClause(line.left(cut));
    return out.size() >= 2 ? out : line.left(cut);
}

// "这个有货吗 size？" rather than "这个有货吗？ size".
QString beforeFinalStop(const QString &line, const QString &word)
{
    qsizetype end = line.size();
    while (end > 0 && (isTerminator(line[end - 1]) || line[end - 1] == u'.'))
        --end;
    return line.left(end) + u' ' + word + line.mid(end);
}

} // namespace

Corpus::Corpus()
{
    // Lets benchmarks produce the same data on machines with different fortune packages.
    const bool builtinOnly = qEnvironmentVariable("HISCRM_DEMO_CORPUS") == u"builtin";
    if (!builtinOnly) {
        const QStringList dirs = {
            QStringLiteral("/usr/share/games/fortunes"),
            QStringLiteral("/usr/share/fortunes"),
            QStringLiteral("/usr/share/fortune"),
            QStringLiteral("/usr/share/games/fortune"),
            QStringLiteral("/usr/local/share/games/fortunes"),
            QStringLiteral("/usr/local/share/fortune"),
            QStringLiteral("/opt/homebrew/share/games/fortunes"),
        };
        const QStringList chineseFiles = {QStringLiteral("chinese"), QStringLiteral("tang300"),
                                          QStringLiteral("song100")};
        const QStringList englishFiles = {QStringLiteral("fortunes"), QStringLiteral("literature"),
                                          QStringLiteral("riddles"),  QStringLiteral("wisdom"),
                                          QStringLiteral("people"),   QStringLiteral("science")};
        for (const QString &name : chineseFiles) {
            const QString path = firstExisting(dirs, name);
            if (!path.isEmpty() && loadFortunes(path, true, m_chinese))
                m_fromSystem = true;
        }
        for (const QString &name : englishFiles) {
            const QString path = firstExisting(dirs, name);
            if (!path.isEmpty() && loadFortunes(path, false, m_english))
                m_fromSystem = true;
        }
    }
    m_chinese += crmChinese();
    m_english += crmEnglish();
    // Sorted so that the order files were read in never shows in the data.
    for (QStringList *list : {&m_chinese, &m_english}) {
        list->sort(Qt::CaseSensitive);
        list->removeDuplicates();
    }
    qCInfo(lcDemo).nospace() << "demo corpus: " << m_chinese.size() << " Chinese and " << m_english.size()
                             << " English lines" << (m_fromSystem ? " (with fortune files)" : " (built in)");
}

const Corpus &Corpus::instance()
{
    static const Corpus corpus;
    return corpus;
}

QString Corpus::sample(Rng &rng) const
{
    // About a third of everything comes from the CRM lines: the short replies plus crmShare of the rest.
    constexpr double kCrmShare = 0.2;
    const double language = rng.uniform();
    if (language < 0.70) {
        if (rng.chance(0.16))
            return pickZipf(rng, kShortChinese);
        const QStringList &from = rng.chance(kCrmShare) ? crmChinese() : m_chinese;
        const QString line = from[qsizetype(rng.below(std::uint64_t(from.size())))];
        return fit(rng.chance(0.3) ? fragment(line, rng) : line);
    }
    if (language < 0.92) {
        if (rng.chance(0.16))
            return pickZipf(rng, kShortEnglish);
        const QStringList &from = rng.chance(kCrmShare) ? crmEnglish() : m_english;
        const QString line = from[qsizetype(rng.below(std::uint64_t(from.size())))];
        return fit(rng.chance(0.3) ? fragment(line, rng) : line);
    }
    // Mixed: Chinese with a Latin word, a number or an emoji spliced in.
    const QStringList &from = rng.chance(0.5) ? crmChinese() : m_chinese;
    QString line = from[qsizetype(rng.below(std::uint64_t(from.size())))];
    if (rng.chance(0.3))
        line = fragment(line, rng);
    switch (rng.below(4)) {
    case 0:
        line = rng.chance(0.5) ? pick(rng, kLoanwords) + u'，' + line
                               : beforeFinalStop(line, pick(rng, kLoanwords));
        break;
    case 1:
        line = beforeFinalStop(line, englishWord(rng));
        break;
    case 2: {
        static const QString units[] = {QStringLiteral("件"), QStringLiteral("元"), QStringLiteral("号"),
                                        QStringLiteral("码"), QString()};
        line += u' ' + QString::number(1 + rng.below(rng.chance(0.8) ? 200 : 100000)) + units[rng.below(5)];
        break;
    }
    default: {
        const QString emoji = pick(rng, kEmoji);
        line += emoji.repeated(qsizetype(1 + rng.below(3)));
        break;
    }
    }
    return fit(line);
}

QString Corpus::chineseWord(Rng &rng, int chars) const
{
    if (chars <= 0 || m_chinese.isEmpty())
        return {};
    const auto n = qsizetype(chars);
    // Random lines first; a full scan only if luck runs out (chars longer than most lines).
    const qsizetype lines = m_chinese.size();
    const qsizetype first = qsizetype(rng.below(std::uint64_t(lines)));
    for (qsizetype attempt = 0; attempt < 200 + lines; ++attempt) {
        const QString &line = attempt < 200 ? m_chinese[qsizetype(rng.below(std::uint64_t(lines)))]
                                            : m_chinese[(first + attempt - 200) % lines];
        const QList<uint> cps = line.toUcs4();
        QList<qsizetype> starts; // every start of a long enough run of Han characters
        qsizetype run = 0;
        for (qsizetype i = 0; i < cps.size(); ++i) {
            run = isHan(char32_t(cps[i])) ? run + 1 : 0;
            if (run >= n)
                starts.append(i + 1 - n);
        }
        if (starts.isEmpty())
            continue;
        const qsizetype at = starts[qsizetype(rng.below(std::uint64_t(starts.size())))];
        return QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData() + at), n);
    }
    return {};
}

QString Corpus::englishWord(Rng &rng) const
{
    const qsizetype lines = m_english.size();
    for (int attempt = 0; attempt < 1000 && lines > 0; ++attempt) {
        const QString &line = m_english[qsizetype(rng.below(std::uint64_t(lines)))];
        QStringList words;
        // Apostrophes stay inside the token so that "don't" is rejected rather than cut to "don".
        qsizetype i = 0;
        while (i < line.size()) {
            if (!isAsciiLetter(line[i].unicode())) {
                ++i;
                continue;
            }
            qsizetype j = i;
            bool pure = true;
            while (j < line.size() && (isAsciiLetter(line[j].unicode()) || line[j] == u'\'')) {
                pure = pure && line[j] != u'\'';
                ++j;
            }
            if (pure && j - i >= 3)
                words.append(line.mid(i, j - i).toLower());
            i = j;
        }
        if (!words.isEmpty())
            return words[qsizetype(rng.below(std::uint64_t(words.size())))];
    }
    return QStringLiteral("hello");
}

// ---- Generator -----------------------------------------------------------------------------------

namespace {

// Separate streams per entity, so a user's profile is the same whichever batch first needs it.
enum class Stream : std::uint64_t
{
    User = 1,
    Content = 2,
    ConversationRank = 3,
    ContentRank = 4,
    UserRank = 5,
    Peer = 6
};

std::uint64_t derive(std::uint64_t seed, Stream stream, std::uint64_t index)
{
    std::uint64_t x = seed;
    std::uint64_t h = splitmix64(x) ^ (std::uint64_t(stream) << 56) ^ index;
    return splitmix64(h);
}

// A bijection on [0, n): turns Zipf ranks into indexes so the busiest threads are spread over
// accounts instead of all being the first few rows.
struct Spread
{
    std::uint64_t n = 1, mult = 1, offset = 0;
    int operator()(std::uint64_t r) const { return int((r * mult + offset) % n); }
};

Spread makeSpread(std::uint64_t seed, Stream stream, int n)
{
    Spread s;
    if (n <= 1)
        return s;
    const std::uint64_t x = derive(seed, stream, 0);
    s.n = std::uint64_t(n);
    s.mult = 1 + (x % s.n);
    while (std::gcd(s.mult, s.n) != 1)
        ++s.mult;
    s.offset = (x >> 32) % s.n;
    return s;
}

// Effective sizes: a thread needs an account and a peer, so a zero anywhere empties what depends on it.
struct Dims
{
    int accounts = 0, users = 0, conversations = 0, contents = 0;

    explicit Dims(const GeneratorConfig &c)
    {
        accounts = std::max(0, c.accounts);
        users = accounts > 0 ? std::max(0, c.users) : 0;
        conversations = users > 0 ? std::max(0, c.conversations) : 0;
        contents = users > 0 ? std::max(0, c.contents) : 0;
    }
};

const char16_t *const kNickPrefix[] = {u"小", u"阿", u"大", u"老", u"萌", u"甜", u"酷"};
const char16_t *const kNickCore[] = {
    u"美", u"明", u"花", u"猫", u"鱼", u"糖", u"月", u"星", u"雨", u"乐", u"桃", u"柚", u"橙", u"兔",
    u"熊", u"宝", u"瓜", u"豆", u"米", u"云", u"风", u"雪", u"晴", u"夏", u"秋", u"可", u"琪", u"杰",
};
const char16_t *const kNickSuffix[] = {u"酱", u"子",     u"儿",     u"同学",     u"呀",     u"哥",
                                       u"姐", u"的日常", u"爱购物", u"不吃香菜", u"要减肥", u"在路上"};
const char16_t *const kHandleAdjective[] = {u"sunny", u"lazy",  u"happy", u"tiny",  u"cool",  u"misty",
                                            u"lucky", u"sweet", u"wild",  u"quiet", u"rainy", u"cozy"};
const char16_t *const kHandleNoun[] = {u"cat", u"fox",  u"panda", u"bean", u"cloud", u"river",
                                       u"tea", u"coco", u"momo",  u"kiki", u"mango", u"bunny"};
const char16_t *const kFirstNames[] = {u"lily", u"tom", u"jack", u"emma", u"leo",
                                       u"mia",  u"zoe", u"amy",  u"ken"};
const char16_t *const kAccountKinds[] = {u"官方旗舰店", u"品牌服务号", u"直播间", u"好物种草号"};
const char16_t *const kSignatures[] = {u"合作请私信", u"分享日常", u"每天进步一点点",
                                       u"认真生活",   u"只看不买", u"Just vibes"};

QString nickname(Rng &r)
{
    QString name;
    switch (r.below(4)) {
    case 0:
        name = pick(r, kNickPrefix) + pick(r, kNickCore);
        break;
    case 1: { // doubled, as in 糖糖
        const QString c = pick(r, kNickCore);
        name = c + c;
        break;
    }
    case 2:
        name = pick(r, kNickPrefix) + pick(r, kNickCore) + pick(r, kNickSuffix);
        break;
    default:
        name = pick(r, kNickCore) + pick(r, kNickCore) + pick(r, kNickSuffix);
        break;
    }
    if (r.chance(0.15))
        name += QString::number(r.below(1000));
    else if (r.chance(0.08))
        name += pick(r, kEmoji);
    return name;
}

QString handle(Rng &r)
{
    switch (r.below(3)) {
    case 0:
        return pick(r, kHandleAdjective) + u'_' + pick(r, kHandleNoun) + QString::number(r.below(100));
    case 1:
        return pick(r, kFirstNames) + u'.' + QChar(char16_t(u'a' + r.below(26)));
    default:
        return pick(r, kFirstNames) + QString::number(1980 + r.below(30));
    }
}

// Pareto-tailed like real follower counts: most have a few dozen, a handful have millions.
qint64 heavyTail(Rng &r, double alpha, double scale, qint64 cap)
{
    const double u = 1.0 - r.uniform(); // (0, 1]: pow(0, -x) would be infinite
    const double v = scale * (std::pow(u, -1.0 / alpha) - 1.0);
    return v >= double(cap) ? cap : qint64(v);
}

} // namespace

Generator::Generator(GeneratorConfig config)
    : m_cfg(std::move(config))
    , m_rng(m_cfg.seed)
    , m_clock(m_cfg.startMs)
{
    m_recentComments.resize(Dims(m_cfg).contents);
}

QString Generator::accountId(int i) const
{
    return QStringLiteral("acc-%1").arg(i);
}

QString Generator::userId(int i) const
{
    return QStringLiteral("u-%1").arg(i);
}

QString Generator::conversationId(int i) const
{
    return QStringLiteral("conv-%1").arg(i);
}

QString Generator::contentId(int i) const
{
    return QStringLiteral("vid-%1").arg(i);
}

namespace {

model::AccountRecord makeAccount(const Generator &g, int i)
{
    model::AccountRecord a;
    a.platformId = g.accountId(i);
    a.name = QStringLiteral("%1 %2").arg(
        QString::fromUtf16(kAccountKinds[std::size_t(i) % std::size(kAccountKinds)]), QString::number(i + 1));
    a.avatar = QStringLiteral("https://demo.invalid/avatar/%1.png").arg(a.platformId);
    return a;
}

model::UserRecord makeUser(const Generator &g, int i)
{
    Rng r(derive(g.config().seed, Stream::User, std::uint64_t(i)));
    model::UserRecord u;
    u.platformId = g.userId(i);
    u.name = r.chance(0.65) ? nickname(r) : handle(r);
    u.avatar = QStringLiteral("https://demo.invalid/avatar/%1.png").arg(u.platformId);
    const double sig = r.uniform();
    if (sig < 0.15)
        u.signature = pick(r, kSignatures);
    else if (sig < 0.75)
        u.signature = Corpus::instance().sample(r);
    u.followers = heavyTail(r, 0.8, 20.0, 50'000'000);
    u.following = qint64(r.below(r.chance(0.9) ? 500 : 5000));
    u.videos = heavyTail(r, 1.2, 3.0, 20'000);
    u.verified = u.followers >= 100'000 ? r.chance(0.5) : r.chance(0.005);
    return u;
}

model::ContentRecord makeContent(const Generator &g, int i, int accounts, int contents)
{
    Rng r(derive(g.config().seed, Stream::Content, std::uint64_t(i)));
    model::ContentRecord c;
    c.accountId = g.accountId(i % accounts);
    c.platformId = g.contentId(i);
    QString title = Corpus::instance().sample(r);
    for (int tries = 0; tries < 8 && title.size() < 8; ++tries)
        title = Corpus::instance().sample(r);
    if (r.chance(0.5))
        title += u' ' + pick(r, kHashtags);
    c.title = title;
    c.url = QStringLiteral("https://demo.invalid/video/%1").arg(i);
    c.cover = QStringLiteral("https://demo.invalid/cover/%1.jpg").arg(i);
    // Posted before the clock starts, older for lower indexes, about one every six hours.
    constexpr qint64 kSixHours = 6 * 3600 * 1000;
    c.publishedAt = g.config().startMs - qint64(contents - i) * kSixHours - qint64(r.below(kSixHours));
    return c;
}

int peerOf(const GeneratorConfig &cfg, int conversation, int users)
{
    // A bijection, so no user is the peer of two threads until there are more threads than users.
    return makeSpread(cfg.seed, Stream::Peer, users)(std::uint64_t(conversation) % std::uint64_t(users));
}

model::ConversationRecord makeConversation(const Generator &g, int i, const Dims &d)
{
    model::ConversationRecord c;
    c.accountId = g.accountId(i % d.accounts);
    c.platformId = g.conversationId(i);
    c.peerId = g.userId(peerOf(g.config(), i, d.users));
    return c;
}

} // namespace

model::Batch Generator::directory()
{
    const Dims d(m_cfg);
    model::Batch b;
    b.platform = m_cfg.platform;
    b.accounts.reserve(d.accounts);
    for (int i = 0; i < d.accounts; ++i)
        b.accounts.append(makeAccount(*this, i));
    b.users.reserve(d.users);
    for (int i = 0; i < d.users; ++i)
        b.users.append(makeUser(*this, i));
    b.contents.reserve(d.contents);
    for (int i = 0; i < d.contents; ++i)
        b.contents.append(makeContent(*this, i, d.accounts, d.contents));
    b.conversations.reserve(d.conversations);
    for (int i = 0; i < d.conversations; ++i)
        b.conversations.append(makeConversation(*this, i, d));
    return b;
}

model::Batch Generator::next(int items)
{
    constexpr qsizetype kRecentPerContent = 32;
    const Dims d(m_cfg);
    const Corpus &corpus = Corpus::instance();
    model::Batch b;
    b.platform = m_cfg.platform;
    if (items <= 0 || (d.conversations == 0 && d.contents == 0))
        return b;

    const Spread conversationRank = makeSpread(m_cfg.seed, Stream::ConversationRank, d.conversations);
    const Spread contentRank = makeSpread(m_cfg.seed, Stream::ContentRank, d.contents);
    const Spread userRank = makeSpread(m_cfg.seed, Stream::UserRank, d.users);

    QSet<int> haveAccount, haveUser, haveContent, haveConversation;
    auto needAccount = [&](int i) {
        if (!haveAccount.contains(i)) {
            haveAccount.insert(i);
            b.accounts.append(makeAccount(*this, i));
        }
    };
    auto needUser = [&](int i) {
        if (!haveUser.contains(i)) {
            haveUser.insert(i);
            b.users.append(makeUser(*this, i));
        }
    };

    const qint64 step = std::max<qint64>(0, m_cfg.stepMs);
    for (int n = 0; n < items; ++n) {
        if (m_burstLeft > 0) {
            --m_burstLeft;
            m_clock += qint64(m_rng.below(3));
        } else {
            // A burst: someone pasting several lines, or a flurry under a video that just went viral.
            if (m_rng.chance(0.03))
                m_burstLeft = 2 + int(m_rng.below(6));
            m_clock += qint64(double(step) * (0.25 + 1.5 * m_rng.uniform()));
        }
        ++m_serial;

        const bool comment = d.contents > 0 && (d.conversations == 0 || m_rng.chance(m_cfg.commentShare));
        if (comment) {
            const int content = contentRank(m_rng.zipf(std::uint64_t(d.contents), m_cfg.zipfS));
            const int account = content % d.accounts;
            // Commenters are spread more evenly than threads: a flatter exponent.
            const int author = userRank(m_rng.zipf(std::uint64_t(d.users), 0.6));
            needAccount(account);
            needUser(author);
            if (!haveContent.contains(content)) {
                haveContent.insert(content);
                b.contents.append(makeContent(*this, content, d.accounts, d.contents));
            }
            QStringList &recent = m_recentComments[content];
            model::CommentRecord c;
            c.accountId = accountId(account);
            c.contentId = contentId(content);
            c.platformId = QStringLiteral("c-%1").arg(m_serial);
            if (!recent.isEmpty() && m_rng.chance(0.2))
                c.parentId = recent[qsizetype(m_rng.below(std::uint64_t(recent.size())))];
            c.authorId = userId(author);
            c.text = corpus.sample(m_rng);
            c.createdAt = m_clock;
            recent.append(c.platformId);
            if (recent.size() > kRecentPerContent)
                recent.removeFirst();
            b.comments.append(std::move(c));
            continue;
        }

        const int conversation = conversationRank(m_rng.zipf(std::uint64_t(d.conversations), m_cfg.zipfS));
        const int account = conversation % d.accounts;
        const int peer = peerOf(m_cfg, conversation, d.users);
        needAccount(account);
        needUser(peer);
        if (!haveConversation.contains(conversation)) {
            haveConversation.insert(conversation);
            b.conversations.append(makeConversation(*this, conversation, d));
        }
        model::MessageRecord m;
        m.accountId = accountId(account);
        m.conversationId = conversationId(conversation);
        m.platformId = QStringLiteral("m-%1").arg(m_serial);
        m.direction = m_rng.chance(0.8) ? model::Direction::In : model::Direction::Out;
        m.senderId = m.direction == model::Direction::In ? userId(peer) : accountId(account);
        if (m_rng.chance(0.05)) {
            const std::uint64_t kind = m_rng.below(10);
            const char16_t *label = u"[图片]";
            const char16_t *ext = u"jpg";
            m.type = model::MessageType::Image;
            if (kind >= 9) {
                m.type = model::MessageType::File;
                label = u"[文件]";
                ext = u"pdf";
            } else if (kind >= 7) {
                m.type = model::MessageType::Video;
                label = u"[视频]";
                ext = u"mp4";
            } else if (kind >= 5) {
                m.type = model::MessageType::Sticker;
                label = u"[表情]";
                ext = u"gif";
            }
            m.text = QString::fromUtf16(label);
            m.media = QStringLiteral("https://demo.invalid/media/%1.%2")
                          .arg(QString::number(m_serial), QString::fromUtf16(ext));
        } else if (m.direction == model::Direction::Out && m_rng.chance(0.6)) {
            m.text = m_rng.chance(0.8) ? pick(m_rng, kAgentChinese) : pick(m_rng, kAgentEnglish);
        } else {
            m.text = corpus.sample(m_rng);
        }
        m.createdAt = m_clock;
        b.messages.append(std::move(m));
    }
    return b;
}

} // namespace hiscrm::demo
