// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/inbox/ContentListModel.h"

#include "ui/common/ListDiff.h"
#include "ui/inbox/ConversationListModel.h"
#include "ui/thread/ThreadModel.h"

#include <QLoggingCategory>
#include <QSet>

namespace hiscrm::ui {

namespace {

Q_LOGGING_CATEGORY(lcContents, "hiscrm.ui")

constexpr int kStoreMaxPage = 500; // Store::contents() clamps larger limits

} // namespace

ContentListModel::ContentListModel(const store::StoreReader *store, QObject *parent)
    : PagedListModel(model::ItemKind::Comment, parent)
    , m_store(store)
{
    setFilter(0, false);
}

void ContentListModel::setFilter(qint64 accountId, bool unreadOnly)
{
    m_accountId = accountId;
    m_unreadOnly = unreadOnly;
    reload();
}

bool ContentListModel::readTop(int count, QList<Row> &out, bool &hasMore)
{
    return query(count, {}, out, hasMore);
}

bool ContentListModel::readMore(int count, QList<Row> &out, bool &hasMore)
{
    return query(count, m_rows, out, hasMore);
}

void ContentListModel::complete(QList<Row> &rows, bool)
{
    resolve(rows);
}

bool ContentListModel::sameRow(const Row &a, const Row &b) const
{
    const model::Content &x = a.content;
    const model::Content &y = b.content;
    return x.rev == y.rev && x.title == y.title && x.commentCount == y.commentCount &&
           x.unreadComments == y.unreadComments && x.lastCommentAt == y.lastCommentAt &&
           a.accountName == b.accountName && a.preview == b.preview && a.lastFromUs == b.lastFromUs;
}

bool ContentListModel::newActivity(const Row &shown, const Row &now) const
{
    return now.content.lastCommentAt > shown.content.lastCommentAt;
}

QVariant ContentListModel::data(const QModelIndex &index, int role) const
{
    const Row *at = rowAt(index);
    if (!at)
        return QVariant();
    const Row &row = *at;
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
    case CountLabelRole:
        return tr("%n comments", nullptr, int(c.commentCount));
    case AvatarColorRole:
        // Offset from peer ids, so a video and a fan with the same number rarely share a colour.
        return ConversationListModel::avatarColor(c.id ^ 0x5f3759df);
    case InboxRoles::Initials:
        return QString();
    case InboxRoles::IsVideo:
        return true;
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
        return rowData(row, role);
    }
}

QHash<int, QByteArray> ContentListModel::roleNames() const
{
    QHash<int, QByteArray> names = InboxListModel::roleNames();
    names.insert({
        {IdRole, "contentId"},
        {CommentCountRole, "commentCount"},
        {CountLabelRole, "countLabel"},
        {ContentRole, "content"},
    });
    return names;
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

} // namespace hiscrm::ui
