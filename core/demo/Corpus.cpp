// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/Corpus.h"

#include "common/Log.h"
#include "demo/FortuneReader.h"
#include "demo/Text.h"

namespace hiscrm::demo {

using namespace text;

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

// Videos' titles as creators write them, about one in five in English; video i has title i.
const char16_t *const kVideoTitles[] = {
    u"新品开箱｜这款保温杯真的太好用了",
    u"三分钟教你选对粉底色号",
    u"夏季清爽穿搭，一周不重样",
    u"直播回放：周年庆福利专场",
    u"Unboxing our new collection",
    u"工厂实拍，带你看看生产线",
    u"平价好物分享，学生党必看",
    u"秋冬护肤步骤，一次讲清楚",
    u"买前必看：尺码到底怎么选",
    u"How to pick the right size",
    u"今晚八点直播间见，福利不停",
    u"用了一个月的真实感受",
    u"小个子女生显高穿搭技巧",
    u"厨房收纳好物，告别杂乱",
    u"Behind the scenes at our workshop",
    u"老板亲自讲解两种面料的区别",
    u"粉丝问得最多的十个问题",
    u"从下单到发货，仓库的一天",
    u"新款连衣裙试穿，三种颜色对比",
    u"Weekend live stream highlights",
    u"一分钟学会系丝巾",
    u"通勤包里都装了什么",
    u"宝宝辅食怎么做，跟着做就对了",
    u"真假对比：教你辨别正品",
    u"Five ways to wear one scarf",
    u"露营装备清单，新手照着买",
    u"办公室午餐便当一周合集",
    u"护发误区，你中了几个",
    u"开学季文具好物推荐",
    u"Packing orders with the team",
    u"夜跑装备分享，安全第一",
    u"客服小姐姐的一天",
    u"老顾客返图合集，谢谢大家",
    u"冬季保暖内搭怎么选",
    u"Customer photos of the month",
    u"打包发货现场，今天发了五百单",
    u"新店开业，感谢一路支持",
    u"不同肤质怎么选防晒",
    u"家居小改造，花小钱变大样",
    u"Our answers to your top questions",
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

Corpus Corpus::builtin()
{
    Corpus c;
    c.finish();
    return c;
}

Corpus Corpus::withFortunes(const QStringList &dirs)
{
    Corpus c;
    const QStringList chineseFiles = {QStringLiteral("chinese"), QStringLiteral("tang300"),
                                      QStringLiteral("song100")};
    const QStringList englishFiles = {QStringLiteral("fortunes"), QStringLiteral("literature"),
                                      QStringLiteral("riddles"),  QStringLiteral("wisdom"),
                                      QStringLiteral("people"),   QStringLiteral("science")};
    for (const QString &name : chineseFiles) {
        const QString path = findFortuneFile(dirs, name);
        if (!path.isEmpty() && readFortuneFile(path, true, c.m_chinese))
            c.m_fromSystem = true;
    }
    for (const QString &name : englishFiles) {
        const QString path = findFortuneFile(dirs, name);
        if (!path.isEmpty() && readFortuneFile(path, false, c.m_english))
            c.m_fromSystem = true;
    }
    if (!c.m_fromSystem)
        qCWarning(lcDemo) << "no fortune files in" << dirs << "- the demo uses its built-in lines";
    c.finish();
    return c;
}

void Corpus::finish()
{
    m_chinese += crmChinese();
    m_english += crmEnglish();
    // Sorted so that the order files were read in never shows in the data.
    for (QStringList *list : {&m_chinese, &m_english}) {
        list->sort(Qt::CaseSensitive);
        list->removeDuplicates();
    }
}

QString Corpus::description() const
{
    return m_fromSystem ? QStringLiteral("with fortune files") : QStringLiteral("built in");
}

const Corpus &Corpus::instance()
{
    static const Corpus corpus = [] {
        const QString asked = qEnvironmentVariable("HISCRM_DEMO_CORPUS");
        Corpus c = asked.isEmpty() || asked == u"builtin" ? builtin()
                   : asked == u"fortunes"                 ? withFortunes(fortuneDirs())
                                                          : withFortunes({asked});
        qCInfo(lcDemo).nospace() << "demo corpus: " << c.m_chinese.size() << " Chinese and "
                                 << c.m_english.size() << " English lines (" << c.description() << ")";
        return c;
    }();
    return corpus;
}

QString Corpus::agentReply(Rng &rng)
{
    return rng.chance(0.8) ? pick(rng, kAgentChinese) : pick(rng, kAgentEnglish);
}

QStringList Corpus::agentReplies()
{
    return toList(kAgentChinese) + toList(kAgentEnglish);
}

QString Corpus::videoTitle(int i)
{
    const auto n = std::size(kVideoTitles);
    return QString::fromUtf16(kVideoTitles[(std::size_t(i) % n + n) % n]);
}

QStringList Corpus::videoTitles()
{
    return toList(kVideoTitles);
}

QString Corpus::emoji(Rng &rng)
{
    return pick(rng, kEmoji);
}

QString Corpus::hashtag(Rng &rng)
{
    return pick(rng, kHashtags);
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

} // namespace hiscrm::demo
