// SPDX-License-Identifier: GPL-3.0-or-later
#include "worker/DemoConnector.h"

#include "common/Clock.h"
#include "common/Log.h"

#include <QDateTime>
#include <QSet>
#include <QVariant>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <limits>

namespace hiscrm::worker {

namespace {

constexpr int kTickMs = 100;
constexpr qsizetype kRecentLimit = 200;
// Per 100 ms tick: a burst of 5-30 items about every 20 s, so bursts liven the demo without
// swamping the configured rate.
constexpr double kBurstChance = 0.005;
constexpr int kMaxBatchesPerTick = 20;
// Marks the timers that hold a reply back for its latency, so stop() can tell them from m_timer.
constexpr char kPendingReplyProperty[] = "hiscrmPendingReplyItem";

// What the platform says when it refuses a message (shown to the operator as is).
const char16_t *const kReplyFailures[] = {
    u"网络超时，请重试",
    u"对方设置了私信权限",
    u"发送过于频繁，请稍后再试",
};

qint64 monotonicMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Separate from the generator's stream, so edits and reply outcomes do not shift the data itself.
std::uint64_t connectorSeed(std::uint64_t generatorSeed)
{
    return generatorSeed ^ 0x6a09e667f3bcc909ULL;
}

QString failureReason(demo::Rng &rng)
{
    return QString::fromUtf16(kReplyFailures[rng.below(std::size(kReplyFailures))]);
}

// How people edit a message after sending it: mark it, add what they forgot, or retype it. An
// operator retypes one of the stock replies when `stock`.
QString editedText(const QString &text, bool stock, demo::Rng &rng)
{
    const QString marker = QStringLiteral("（已编辑）");
    QString edited;
    switch (rng.below(3)) {
    case 0:
        edited = stock ? demo::Corpus::agentReply(rng) : demo::Corpus::instance().sample(rng);
        break;
    case 1:
        edited = text + QStringLiteral("，麻烦尽快回复");
        break;
    default:
        edited = text + marker;
        break;
    }
    return edited == text ? text + marker : edited;
}

template <typename Record> void keepRecent(QList<Record> &recent, const QList<Record> &fresh)
{
    recent.append(fresh);
    if (recent.size() > kRecentLimit)
        recent.remove(0, recent.size() - kRecentLimit);
}

// The live demo is what a newcomer reads: what "you" said is always something an operator says (a
// fan's question sent by the account reads as a fault), a video's title a creator's; and a restart
// brings new messages, not the last run's again. Tests and the benchmark keep the mix.
demo::GeneratorConfig generatorFor(const DemoConnector::Options &o)
{
    demo::GeneratorConfig c = o.generator;
    if (o.live) {
        c.accountsWriteStockLines = true;
        if (c.itemSeed == 0) // new messages on every start, in the same chats
            c.itemSeed = c.seed ^ std::uint64_t(nowMs());
    }
    return c;
}

} // namespace

DemoConnector::DemoConnector(Options options, QObject *parent)
    : Connector(parent)
    , m_opt(std::move(options))
    , m_gen(generatorFor(m_opt))
    , m_rng(connectorSeed(m_opt.generator.seed))
    , m_timer(this) // a child, so moveToThread takes it along
    , m_runTag(m_opt.live ? nowMs() : 0)
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &DemoConnector::tick);
}

int DemoConnector::initialBacklogFor(const QList<model::Account> &stored, int wanted)
{
    const QString platform = Options().generator.platform;
    const bool ranBefore = std::any_of(stored.begin(), stored.end(), [&platform](const model::Account &a) {
        return a.platform == platform;
    });
    return ranBefore ? 0 : wanted;
}

QStringList DemoConnector::accounts() const
{
    QStringList out;
    for (int i = 0; i < m_opt.generator.accounts; ++i)
        out.append(m_gen.accountId(i));
    return out;
}

model::Batch DemoConnector::nextBatch(int items)
{
    items = qMax(0, items);
    model::Batch b;
    if (!m_directorySent) {
        m_directorySent = true;
        b = m_gen.directory();
        // The directory already holds every account, user, content and conversation in full.
        model::Batch first = m_gen.next(items);
        b.messages = std::move(first.messages);
        b.comments = std::move(first.comments);
    } else {
        b = m_gen.next(items);
    }
    if (m_opt.live) {
        // A live demo continues the same fans and chats on every start, with new messages stamped
        // now: the run tag keeps this run's message ids apart from earlier runs' in the database.
        const QString tag = QStringLiteral("r%1-").arg(m_runTag);
        const auto stamp = [this] {
            m_lastStamp =
                m_backfillStepMs > 0 ? m_lastStamp + m_backfillStepMs : qMax(nowMs(), m_lastStamp + 1);
            return m_lastStamp;
        };
        for (model::MessageRecord &m : b.messages) {
            m.platformId = tag + m.platformId;
            m.createdAt = stamp();
        }
        for (model::CommentRecord &c : b.comments) {
            c.platformId = tag + c.platformId;
            if (!c.parentId.isEmpty())
                c.parentId = tag + c.parentId;
            c.createdAt = stamp();
        }
    }

    const QList<model::MessageRecord> freshMessages = b.messages;
    const QList<model::CommentRecord> freshComments = b.comments;
    const qsizetype fresh = freshMessages.size() + freshComments.size();
    // A platform reports an item once per batch; two changes to one item wait for a later batch.
    QSet<QString> touched;
    auto change = [&](bool recall) {
        const qsizetype candidates = m_recentMessages.size() + m_recentComments.size();
        if (candidates == 0)
            return;
        const auto pick = qsizetype(m_rng.below(std::uint64_t(candidates)));
        if (pick < m_recentMessages.size()) {
            model::MessageRecord &m = m_recentMessages[pick];
            if (touched.contains(m.platformId) || (!recall && m.type != model::MessageType::Text))
                return;
            touched.insert(m.platformId);
            model::MessageRecord changed = m;
            if (recall) {
                changed.recalled = true;
                // Recalled items cannot change again; keep them out of later picks.
                m_recentMessages.removeAt(pick);
            } else {
                const bool stock = m.direction == model::Direction::Out && m_opt.live;
                changed.text = editedText(m.text, stock, m_rng);
                m.text = changed.text;
            }
            b.messages.append(std::move(changed));
        } else {
            const qsizetype at = pick - m_recentMessages.size();
            model::CommentRecord &c = m_recentComments[at];
            if (touched.contains(c.platformId))
                return;
            touched.insert(c.platformId);
            model::CommentRecord changed = c;
            if (recall) {
                changed.recalled = true;
                m_recentComments.removeAt(at);
            } else {
                changed.text = editedText(c.text, false, m_rng);
                c.text = changed.text;
            }
            b.comments.append(std::move(changed));
        }
    };
    // Drawn per new item, so the shares hold for any batch size; only items from earlier batches
    // are candidates, as a change comes after the item was seen.
    for (qsizetype n = 0; n < fresh; ++n) {
        if (m_rng.chance(m_opt.editShare))
            change(false);
        if (m_rng.chance(m_opt.recallShare))
            change(true);
    }
    keepRecent(m_recentMessages, freshMessages);
    keepRecent(m_recentComments, freshComments);
    return b;
}

void DemoConnector::start()
{
    // The directory goes first so that the accounts exist before their login states arrive.
    if (!m_directorySent) {
        // A live demo opens on a lived-in inbox: a backlog spread over the last hours.
        const int backlog = m_opt.live ? qMax(0, m_opt.initialBacklog) : 0;
        m_backfillStepMs = backlog > 0 ? 3 * 3600 * 1000 / backlog : 0;
        m_lastStamp = nowMs() - qint64(backlog) * m_backfillStepMs;
        emit batchReady(++m_seq, nextBatch(backlog));
        m_produced += backlog;
        m_backfillStepMs = 0;
    }
    const QStringList ids = accounts();
    for (const QString &account : ids)
        emit accountStatus(account, model::LoginState::LoggedIn, QString());
    m_lastTickMs = monotonicMs();
    if (m_opt.maxItems < 0 || m_produced < m_opt.maxItems)
        m_timer.start();
}

void DemoConnector::stop()
{
    m_timer.stop();
    const QList<QTimer *> timers = findChildren<QTimer *>(Qt::FindDirectChildrenOnly);
    for (QTimer *t : timers) {
        // Fired ones are already answered and only wait for deleteLater.
        if (t == &m_timer || !t->isActive() || !t->property(kPendingReplyProperty).isValid())
            continue;
        t->stop();
        ReplyResult r;
        r.itemId = t->property(kPendingReplyProperty).toLongLong();
        r.error = QStringLiteral("连接已断开，消息未发送");
        delete t;
        emit replyFinished(r);
    }
}

void DemoConnector::sendReply(const ReplyRequest &request)
{
    // Owned by the connector rather than QTimer::singleShot, so stop() can answer what is in
    // flight and nothing outlives the connector's thread.
    auto *latency = new QTimer(this);
    latency->setSingleShot(true);
    latency->setProperty(kPendingReplyProperty, QVariant::fromValue(request.itemId));
    connect(latency, &QTimer::timeout, this, [this, latency, request] {
        latency->deleteLater();
        ReplyResult r;
        r.itemId = request.itemId;
        bool ok = false;
        if (request.text.trimmed().isEmpty() || request.threadId.isEmpty() ||
            !accounts().contains(request.accountId)) {
            r.error = QStringLiteral("消息发送失败：参数错误");
        } else if (request.text.contains(u"#failonce") && !m_failedOnce.contains(request.commandId)) {
            // A transient failure: the retry of the same command goes through.
            m_failedOnce.insert(request.commandId);
            r.error = failureReason(m_rng);
        } else if (request.text.contains(u"#fail") && !request.text.contains(u"#failonce")) {
            r.error = failureReason(m_rng);
        } else if (request.text.contains(u"#ok") || request.text.contains(u"#failonce") ||
                   !m_rng.chance(m_opt.replyFailureShare)) {
            ok = true;
        } else {
            r.error = failureReason(m_rng);
        }
        if (!ok) {
            emit replyFinished(r);
            return;
        }
        r.sent = true;
        r.platformId = QStringLiteral("demo-reply-%1").arg(++m_replySerial);
        emit replyFinished(r);

        // The platform then shows the message among the account's own, as it would for one sent
        // from its app; the master matches it to the reply by platform id.
        model::Batch echo = nextBatch(0);
        const qint64 now = nowMs();
        if (request.kind == model::ItemKind::Comment) {
            model::CommentRecord c;
            c.accountId = request.accountId;
            c.contentId = request.threadId;
            c.platformId = r.platformId;
            c.parentId = request.parentId;
            c.authorId = request.accountId;
            c.text = request.text;
            c.createdAt = now;
            echo.comments.append(c);
        } else {
            model::MessageRecord m;
            m.accountId = request.accountId;
            m.conversationId = request.threadId;
            m.platformId = r.platformId;
            m.senderId = request.accountId;
            m.direction = model::Direction::Out;
            m.text = request.text;
            m.createdAt = now;
            echo.messages.append(m);
        }
        emit batchReady(++m_seq, echo);
    });
    latency->start(qMax(0, m_opt.replyLatencyMs));
}

void DemoConnector::tick()
{
    const qint64 now = monotonicMs();
    const qint64 elapsed = qMax<qint64>(0, now - m_lastTickMs);
    m_lastTickMs = now;
    const int maxBatch = qMax(1, m_opt.maxBatch);
    auto remaining = [this] {
        return m_opt.maxItems < 0 ? std::numeric_limits<qint64>::max() : m_opt.maxItems - m_produced;
    };

    m_credit += m_opt.itemsPerSecond * double(elapsed) / 1000.0;
    // A rate of zero means a quiet platform (replies only), bursts included.
    if (m_opt.itemsPerSecond > 0 && m_rng.chance(kBurstChance))
        m_credit += double(5 + m_rng.below(26));
    // Several batches per tick keep the configured rate when it exceeds maxBatch per tick.
    for (int n = 0; n < kMaxBatchesPerTick; ++n) {
        const qint64 items = qMin<qint64>(qMin<qint64>(qint64(std::floor(m_credit)), maxBatch), remaining());
        if (items < 1)
            break;
        m_credit -= double(items);
        m_produced += items;
        emit batchReady(++m_seq, nextBatch(int(items)));
    }
    // Credit the batches could not carry is dropped rather than piling up without bound.
    m_credit = qMin(m_credit, double(maxBatch));
    if (remaining() <= 0) {
        qCDebug(lcDemo) << "demo connector" << m_opt.id << "produced its" << m_produced << "items";
        m_timer.stop();
    }
}

} // namespace hiscrm::worker
