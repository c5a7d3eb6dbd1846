// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/Generator.h"

#include "common/Log.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

namespace hiscrm::demo {

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
        name += Corpus::emoji(r);
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
    , m_rng(m_cfg.itemSeed != 0 ? m_cfg.itemSeed : m_cfg.seed)
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
    QString title;
    if (g.config().accountsWriteStockLines) {
        title = Corpus::videoTitle(i);
    } else {
        title = Corpus::instance().sample(r);
        for (int tries = 0; tries < 8 && title.size() < 8; ++tries)
            title = Corpus::instance().sample(r);
    }
    if (r.chance(0.5))
        title += u' ' + Corpus::hashtag(r);
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
        } else if (m.direction == model::Direction::Out &&
                   (m_rng.chance(0.6) || m_cfg.accountsWriteStockLines)) {
            m.text = Corpus::agentReply(m_rng);
        } else {
            m.text = corpus.sample(m_rng);
        }
        m.createdAt = m_clock;
        b.messages.append(std::move(m));
    }
    return b;
}

} // namespace hiscrm::demo