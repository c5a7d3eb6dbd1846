// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ContentListModel.h"

#include "ui/ConversationListModel.h"
#include "ui/ListDiff.h"
#include "ui/ThreadModel.h"

#include <QLoggingCategory>
#include <QSet>

namespace hiscrm::ui {

namespace {

Q_LOGGING_CATEGORY(lcContents, "hiscrm.ui")

constexpr int kStoreMaxPage = 500; // Store::contents() clamps larger limits

} // namespace

ContentListModel::ContentListModel(const store::StoreReader *store, QObject *parent)
    : InboxListModel(model::ItemKind::Comment, parent)
    , m_store(store)
{
    setFilter(0, false);
}

void ContentListModel::setFilter(qint64 accountId, bool unreadOnly)
{
    beginResetModel();
    m_accountId = accountId;
    m_unreadOnly = unreadOnly;
    m_rows.clear();
    QList<Row> rows;
    bool hasMore = false;
    if (query(kPageSize, {}, rows, hasMore)) {
        resolve(rows);
        m_rows = std::move(rows);
    }
    m_hasMore = hasMore;
    reindex();
    // Slots of modelReset must not append a page while the reset is still being announced.
    m_updating = true;
    endResetModel();
    m_updating = false;
}

void ContentListModel::refresh()
{
    if (m_updating)
        return;
    QList<Row> target;
    bool hasMore = false;
    // On a failed read the rows we show are still the best we know; the next notice retries.
    if (!query(int(qMax<qsizetype>(m_rows.size(), kPageSize)), {}, target, hasMore))
        return;
    resolve(target);

    const ListDiffSignals s = diffSignals([this] { reindex(); });

    const auto same = [](const Row &a, const Row &b) {
        const model::Content &x = a.content;
        const model::Content &y = b.content;
        return x.rev == y.rev && x.title == y.title && x.commentCount == y.commentCount &&
               x.unreadComments == y.unreadComments && x.lastCommentAt == y.lastCommentAt &&
               a.accountName == b.accountName && a.preview == b.preview && a.lastFromUs == b.lastFromUs;
    };
    const auto key = [](const Row &r) {
        return r.content.id;
    };
    m_updating = true;
    if (isHeld()) {
        const auto newer = [](const Row &shown, const Row &now) {
            return now.content.lastCommentAt > shown.content.lastCommentAt;
        };
        const QSet<qint64> arrived = applyInPlace(m_rows, target, key, same, newer, s);
        m_updating = false;
        addHeldNew(arrived);
        return;
    }
    applyListDiff(m_rows, std::move(target), key, same, s);
    m_updating = false;
    m_hasMore = hasMore;
    reindex();
    clearHeldNew();
}

int ContentListModel::rowOf(qint64 id) const
{
    return m_rowOf.value(id, -1);
}

qint64 ContentListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].content.id : 0;
}

int ContentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ContentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &row = m_rows[index.row()];
    const model::Content &c = row.content;
    const auto title = [&c] {
        return c.title.isEmpty() ? tr("Untitled video") : c.title;
    };
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return title();
    case Qt::ToolTipRole:
        return row.accountName.isEmpty() ? title() : tr("%1\nAccount: %2").arg(title(), row.accountName);
    case Qt::AccessibleTextRole:
        if (c.unreadComments > 0)
            return tr("%1, %n unread comments, latest: %2", nullptr, int(c.unreadComments))
                .arg(title(), row.preview);
        return tr("%1, %n comments, latest: %2", nullptr, int(c.commentCount)).arg(title(), row.preview);
    case IdRole:
        return c.id;
    case AccountRole:
        return row.accountName;
    case AccountIdRole:
        return c.accountId;
    case UnreadRole:
        return c.unreadComments;
    case LastAtRole:
        return c.lastCommentAt;
    case PreviewRole:
        return row.preview;
    case CountLabelRole:
        return tr("%n comments", nullptr, int(c.commentCount));
    case AvatarColorRole:
        // Offset from peer ids, so a video and a fan with the same number rarely share a colour.
        return ConversationListModel::avatarColor(c.id ^ 0x5f3759df);
    case InboxRoles::Initials:
        return QString();
    case InboxRoles::IsVideo:
        return true;
    case DraftRole:
        return draftFor(c.id);
    case FailedReplyRole:
        return failedFor(c.id);
    case LastFromUsRole:
        return row.lastFromUs;
    case OpenRole:
        return c.id != 0 && c.id == openId();
    case InboxRoles::Pinned:
    case InboxRoles::Muted:
    case InboxRoles::Archived:
        return false;
    case InboxRoles::Tags:
        return QVariant::fromValue(QList<TagChip>());
    case InboxRoles::AwaitingSince:
        return qint64(0);
    case CommentCountRole:
        return c.commentCount;
    case ContentRole:
        return QVariant::fromValue(c);
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> ContentListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({
        {IdRole, "contentId"},
        {TitleRole, "title"},
        {AccountRole, "account"},
        {AccountIdRole, "accountId"},
        {UnreadRole, "unread"},
        {LastAtRole, "lastAt"},
        {PreviewRole, "preview"},
        {CommentCountRole, "commentCount"},
        {CountLabelRole, "countLabel"},
        {AvatarColorRole, "avatarColor"},
        {DraftRole, "draft"},
        {FailedReplyRole, "failedReply"},
        {LastFromUsRole, "lastFromUs"},
        {OpenRole, "open"},
        {InboxRoles::IsVideo, "isVideo"},
        {ContentRole, "content"},
    });
    return names;
}

bool ContentListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_updating;
}

void ContentListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_hasMore || m_updating)
        return;
    QList<Row> more;
    bool hasMore = false;
    if (!query(kPageSize, m_rows, more, hasMore)) {
        // Stop views from asking again in a loop; the next refresh() re-reads the state.
        m_hasMore = false;
        return;
    }
    m_hasMore = hasMore;
    if (more.isEmpty())
        return;
    resolve(more);
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(more.size()) - 1);
    m_rows.append(more);
    reindex();
    m_updating = true; // a slot of rowsInserted fetching again would nest inside this insertion
    endInsertRows();
    m_updating = false;
}

bool ContentListModel::query(int count, const QList<Row> &have, QList<Row> &out, bool &hasMore)
{
    // The store pages by "last comment before t" only, so rows sharing the boundary's time would
    // be skipped; instead each page starts at the boundary's time itself, asks for as many more rows
    // as already seen at that time, and drops the ones already known.
    QSet<qint64> known;
    for (const Row &r : have)
        known.insert(r.content.id);
    for (const Row &r : std::as_const(out))
        known.insert(r.content.id);
    const auto lastAt = [&]() -> const Row * {
        if (!out.isEmpty())
            return &out.constLast();
        return have.isEmpty() ? nullptr : &have.constLast();
    };
    hasMore = false;
    int got = 0;
    while (got < count) {
        qint64 before = 0;
        int ties = 0;
        if (const Row *last = lastAt()) {
            const qint64 at = last->content.lastCommentAt;
            before = at + 1;
            for (qsizetype i = out.size() - 1; i >= 0 && out[i].content.lastCommentAt == at; --i)
                ++ties;
            if (ties == out.size()) {
                for (qsizetype i = have.size() - 1; i >= 0 && have[i].content.lastCommentAt == at; --i)
                    ++ties;
            }
        }
        const int want = qMin(count - got + ties, kStoreMaxPage);
        auto page = m_store->contents(m_accountId, m_unreadOnly, want, before);
        if (!page) {
            qCWarning(lcContents) << "content list query failed:" << page.error().message;
            return false;
        }
        int added = 0;
        for (const model::Content &c : std::as_const(*page)) {
            if (known.contains(c.id))
                continue;
            if (got == count) {
                hasMore = true;
                break;
            }
            known.insert(c.id);
            out.append(Row{c, {}, {}, false});
            ++got;
            ++added;
        }
        if (page->size() < want) // the store had no more rows beyond this page
            break;
        if (added == 0) {
            // More rows share one millisecond than a page holds: nothing further is reachable.
            hasMore = false;
            break;
        }
        if (got == count) {
            hasMore = true;
            break;
        }
    }
    return true;
}

void ContentListModel::resolve(QList<Row> &rows)
{
    bool unknown = false;
    for (const Row &r : std::as_const(rows))
        unknown = unknown || !m_accountNames.contains(r.content.accountId);
    if (unknown) {
        if (auto accounts = m_store->accounts()) {
            m_accountNames.clear();
            for (const model::Account &a : std::as_const(*accounts))
                m_accountNames.insert(a.id, a.name.isEmpty() ? a.platformId : a.name);
        } else {
            qCWarning(lcContents) << "account query failed:" << accounts.error().message;
        }
    }
    QList<qint64> authors;
    for (Row &r : rows) {
        r.accountName = m_accountNames.value(r.content.accountId);
        const model::Content &c = r.content;
        auto cached = m_latest.constFind(c.id);
        if (cached == m_latest.cend() || cached->rev != c.rev) {
            // One indexed read per video that changed: the newest item of its thread.
            auto page = m_store->thread(model::ItemKind::Comment, c.id, 1);
            if (!page) {
                qCWarning(lcContents) << "latest comment query failed:" << page.error().message;
                continue;
            }
            Latest latest;
            latest.rev = c.rev;
            if (!page->items.isEmpty()) {
                const model::Item &it = page->items.constLast();
                latest.fromUs = it.direction == model::Direction::Out;
                latest.authorId = latest.fromUs ? 0 : it.senderId;
                latest.text = it.recalled ? tr("Comment recalled")
                                          : (it.text.isEmpty() ? ThreadModel::typeLabel(it.type) : it.text);
                latest.text = latest.text.simplified();
            }
            cached = m_latest.insert(c.id, latest);
        }
        if (cached->authorId != 0 && !m_userNames.contains(cached->authorId) &&
            !authors.contains(cached->authorId))
            authors.append(cached->authorId);
    }
    if (!authors.isEmpty()) {
        if (auto users = m_store->users(authors)) {
            for (const model::User &u : std::as_const(*users))
                m_userNames.insert(u.id, u.name.isEmpty() ? u.platformId : u.name);
        }
    }
    for (Row &r : rows) {
        const Latest latest = m_latest.value(r.content.id);
        r.lastFromUs = latest.fromUs;
        const QString name = m_userNames.value(latest.authorId);
        r.preview = name.isEmpty() ? latest.text
                                   : tr("%1: %2", "comment author: comment text").arg(name, latest.text);
    }
}

void ContentListModel::reindex()
{
    m_rowOf.clear();
    m_rowOf.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows[i].content.id, i);
}

} // namespace hiscrm::ui
