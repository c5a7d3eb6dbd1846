// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/inbox/ConversationListModel.h"

#include "ui/common/ListDiff.h"
#include "ui/thread/ThreadModel.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSet>

#include <array>

namespace hiscrm::ui {

namespace {

Q_LOGGING_CATEGORY(lcList, "hiscrm.ui")

constexpr int kStoreMaxPage = 500; // Store::conversations() clamps larger limits

bool isCjk(char32_t cp)
{
    switch (QChar::script(cp)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul:
    case QChar::Script_Bopomofo:
        return true;
    default:
        return false;
    }
}

} // namespace

ConversationListModel::ConversationListModel(const store::StoreReader *store, QObject *parent)
    : PagedListModel(model::ItemKind::Message, parent)
    , m_store(store)
{
    setFilter(store::ConversationFilter());
}

void ConversationListModel::setFilter(const store::ConversationFilter &filter)
{
    m_filter = filter;
    reload();
}

bool ConversationListModel::readTop(int count, QList<Row> &out, bool &hasMore)
{
    return query(count, std::nullopt, out, hasMore);
}

bool ConversationListModel::readMore(int count, QList<Row> &out, bool &hasMore)
{
    const model::Conversation &last = m_rows.constLast().conversation;
    return query(count, store::ConversationCursor{last.pinned, last.lastAt, last.id}, out, hasMore);
}

void ConversationListModel::complete(QList<Row> &rows, bool top)
{
    resolve(rows, top);
    if (top)
        addKept(rows); // the open chat is in every view while it is open
}

bool ConversationListModel::sameRow(const Row &a, const Row &b) const
{
    const model::Conversation &x = a.conversation;
    const model::Conversation &y = b.conversation;
    return x.rev == y.rev && x.lastItemId == y.lastItemId && x.lastAt == y.lastAt &&
           x.unreadCount == y.unreadCount && x.markedUnread == y.markedUnread && x.pinned == y.pinned &&
           x.archived == y.archived && x.mutedUntil == y.mutedUntil && x.tagIds == y.tagIds &&
           a.title == b.title && a.accountName == b.accountName && a.preview == b.preview &&
           a.platform == b.platform && a.tags == b.tags && a.awaitingSince == b.awaitingSince;
}

bool ConversationListModel::newActivity(const Row &shown, const Row &now) const
{
    // New activity: a chat not shown yet, or one whose last message changed.
    return now.conversation.lastItemId != shown.conversation.lastItemId &&
           now.conversation.lastAt >= shown.conversation.lastAt;
}

void ConversationListModel::addKept(QList<Row> &target)
{
    const qint64 open = openId();
    if (open == 0)
        return;
    for (const Row &r : std::as_const(target)) {
        if (r.conversation.id == open)
            return;
    }
    auto kept = m_store->conversation(open);
    if (!kept || !kept.value() || kept.value()->lastItemId == 0)
        return; // gone (or never spoken in): nothing to keep
    QList<Row> one{Row{*kept.value(), {}, {}, {}, {}, {}, 0}};
    resolve(one, false);
    // The list's own order: pinned first, then newest activity, then higher id.
    const auto before = [](const model::Conversation &a, const model::Conversation &b) {
        if (a.pinned != b.pinned)
            return a.pinned;
        if (a.lastAt != b.lastAt)
            return a.lastAt > b.lastAt;
        return a.id > b.id;
    };
    qsizetype at = 0;
    while (at < target.size() && before(target[at].conversation, one.first().conversation))
        ++at;
    // Beyond the loaded range it lands at the end: still shown, as the row the operator is on.
    target.insert(at, one.first());
}

void ConversationListModel::refreshConversations(const QList<qint64> &ids)
{
    Q_UNUSED(ids)
    refresh();
}

QColor ConversationListModel::avatarColor(qint64 id)
{
    // Mid-tone hues that carry white initials in both light and dark themes.
    static constexpr std::array<QRgb, 10> kPalette = {0xE0584F, 0xD9547F, 0x9C5BC0, 0x5A6ACF, 0x2E8FD8,
                                                      0x1F9E8F, 0x4CA55A, 0xE08A2E, 0x8A6B5E, 0x6B7F8C};
    // A fixed mix rather than qHash, whose seed differs per process: colours must not change
    // between runs. Neighbouring ids still land on different colours.
    quint64 x = quint64(id) + 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return QColor::fromRgb(kPalette[x % kPalette.size()]);
}

QString ConversationListModel::initialsOf(const QString &name)
{
    const QList<uint> cps = name.trimmed().toUcs4();
    if (cps.isEmpty())
        return QString();
    qsizetype start = 0;
    while (start < cps.size() && !QChar::isLetterOrNumber(cps[start]))
        ++start;
    if (start == cps.size()) {
        // Only symbols or emoji: the first one still tells names apart.
        const char32_t first = cps.first();
        return QString::fromUcs4(&first, 1);
    }
    if (isCjk(cps[start])) {
        const char32_t first = cps[start];
        return QString::fromUcs4(&first, 1);
    }
    // The first letter of each of the first two words, else the first two letters of the only word.
    QList<char32_t> picked;
    bool inWord = false;
    for (qsizetype i = start; i < cps.size() && picked.size() < 2; ++i) {
        const bool letter = QChar::isLetterOrNumber(cps[i]);
        if (letter && !inWord && !isCjk(cps[i]))
            picked.append(cps[i]);
        inWord = letter;
    }
    if (picked.size() < 2) {
        picked = {cps[start]};
        for (qsizetype i = start + 1; i < cps.size(); ++i) {
            if (QChar::isLetterOrNumber(cps[i]) && !isCjk(cps[i])) {
                picked.append(cps[i]);
                break;
            }
        }
    }
    return QString::fromUcs4(picked.constData(), picked.size()).toUpper();
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    const Row *at = rowAt(index);
    if (!at)
        return QVariant();
    const Row &row = *at;
    const model::Conversation &c = row.conversation;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return row.title;
    case Qt::ToolTipRole:
        return row.accountName.isEmpty() ? row.title : tr("%1\nAccount: %2").arg(row.title, row.accountName);
    case Qt::AccessibleTextRole: {
        const qint64 unread = c.unreadBadge();
        const QString preview = row.preview.isEmpty() ? tr("no messages") : row.preview;
        if (unread > 0)
            return tr("%1, %n unread, last message: %2", nullptr, int(unread)).arg(row.title, preview);
        return tr("%1, last message: %2").arg(row.title, preview);
    }
    case PlatformRole:
        return row.platform;
    case PinnedRole:
        return c.pinned;
    case MutedRole:
        return c.isMuted(QDateTime::currentMSecsSinceEpoch());
    case ArchivedRole:
        return c.archived;
    case AwaitingReplyRole:
        return c.awaitingReply();
    case TagsRole:
        return QVariant::fromValue(row.tags);
    case AwaitingSinceRole:
        return row.awaitingSince;
    case InboxRoles::IsVideo:
        return false;
    case TagIdsRole:
        return QVariant::fromValue(c.tagIds);
    case PeerIdRole:
        return c.peerUserId;
    case AvatarColorRole:
        return avatarColor(c.peerUserId != 0 ? c.peerUserId : c.id);
    case InitialsRole:
        return initialsOf(row.title);
    case ConversationRole:
        return QVariant::fromValue(c);
    default:
        return rowData(row, role);
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = InboxListModel::roleNames();
    names.insert({
        {IdRole, "conversationId"},
        {PlatformRole, "platform"},
        {PinnedRole, "pinned"},
        {MutedRole, "muted"},
        {ArchivedRole, "archived"},
        {AwaitingReplyRole, "awaitingReply"},
        {TagIdsRole, "tagIds"},
        {PeerIdRole, "peerId"},
        {InitialsRole, "initials"},
        {ConversationRole, "conversation"},
        {TagsRole, "tags"},
        {AwaitingSinceRole, "awaitingSince"},
    });
    return names;
}

bool ConversationListModel::query(int count, const std::optional<store::ConversationCursor> &after,
                                  QList<Row> &out, bool &hasMore)
{
    hasMore = false;
    std::optional<store::ConversationCursor> cursor = after;
    int got = 0;
    while (got < count) {
        auto page = m_store->conversations(m_filter, qMin(count - got, kStoreMaxPage), cursor);
        if (!page) {
            qCWarning(lcList) << "conversation list query failed:" << page.error().message;
            return false;
        }
        for (const model::Conversation &c : std::as_const(page->conversations))
            out.append(Row{c, {}, {}, {}, {}, {}, 0});
        got += int(page->conversations.size());
        hasMore = page->next.has_value();
        if (!hasMore)
            break;
        cursor = page->next;
    }
    return true;
}

void ConversationListModel::resolve(QList<Row> &rows, bool reloadPeers)
{
    bool unknownAccount = false;
    QList<qint64> peers;
    QSet<qint64> asked;
    for (const Row &r : std::as_const(rows)) {
        const model::Conversation &c = r.conversation;
        unknownAccount = unknownAccount || !m_accounts.contains(c.accountId);
        if (c.peerUserId != 0 && (reloadPeers || !m_peerTitles.contains(c.peerUserId)) &&
            !asked.contains(c.peerUserId)) {
            asked.insert(c.peerUserId);
            peers.append(c.peerUserId);
        }
    }
    if (unknownAccount) {
        if (auto accounts = m_store->accounts()) {
            m_accounts.clear();
            for (const model::Account &a : std::as_const(*accounts))
                m_accounts.insert(a.id, Account{a.name.isEmpty() ? a.platformId : a.name, a.platform});
        } else {
            qCWarning(lcList) << "account query failed:" << accounts.error().message;
        }
    }
    if (!peers.isEmpty()) {
        if (auto users = m_store->users(peers)) {
            for (const model::User &u : std::as_const(*users))
                m_peerTitles.insert(u.id, u.name.isEmpty() ? u.platformId : u.name);
        } else {
            qCWarning(lcList) << "user query failed:" << users.error().message;
        }
    }
    if (reloadPeers) {
        // Tags are few; reading them with each refresh keeps renamed or recoloured chips right.
        if (auto tags = m_store->tags()) {
            m_tags.clear();
            for (const model::Tag &t : std::as_const(*tags))
                m_tags.insert(t.id, TagChip{t.id, t.name, QColor(t.color)});
        }
    }
    for (Row &r : rows) {
        const model::Conversation &c = r.conversation;
        r.tags.clear();
        for (qint64 tag : c.tagIds) {
            if (const auto it = m_tags.constFind(tag); it != m_tags.cend())
                r.tags.append(*it);
        }
        r.awaitingSince = awaitingSinceFor(c);
        r.title = m_peerTitles.value(c.peerUserId, c.platformId);
        const Account account = m_accounts.value(c.accountId);
        r.accountName = account.name;
        r.platform = account.platform;
        r.preview = previewFor(c);
    }
}

QString ConversationListModel::previewFor(const model::Conversation &c)
{
    if (!c.lastPreview.isEmpty() || c.lastItemId == 0)
        return c.lastPreview;
    // The store leaves the preview empty both for a recalled message and for one without text;
    // one look at the last item tells them apart, and only for rows whose state changed.
    const auto cached = m_emptyPreviews.constFind(c.id);
    if (cached != m_emptyPreviews.cend() && cached->first == c.rev)
        return cached->second;
    QString label;
    if (auto item = m_store->item(c.lastItemId)) {
        if (!item->has_value() || (*item)->recalled)
            label = tr("Message recalled");
        else if ((*item)->type != model::MessageType::Text)
            label = ThreadModel::typeLabel((*item)->type);
    } else {
        qCWarning(lcList) << "item query failed:" << item.error().message;
        return QString();
    }
    m_emptyPreviews.insert(c.id, {c.rev, label});
    return label;
}

qint64 ConversationListModel::awaitingSinceFor(const model::Conversation &c)
{
    if (!c.awaitingReply())
        return 0;
    const auto cached = m_awaitingSince.constFind(c.id);
    if (cached != m_awaitingSince.cend() && cached->first == c.lastItemId)
        return cached->second;
    auto since = m_store->awaitingSince(c.id);
    if (!since) {
        qCWarning(lcList) << "awaiting query failed:" << since.error().message;
        return c.lastAt;
    }
    m_awaitingSince.insert(c.id, {c.lastItemId, *since});
    return *since;
}

} // namespace hiscrm::ui
