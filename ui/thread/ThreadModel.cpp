// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/thread/ThreadModel.h"

#include "ui/common/ListDiff.h"

#include <QDateTime>
#include <QLocale>
#include <QLoggingCategory>
#include <QSet>

namespace hiscrm::ui {

namespace {

Q_LOGGING_CATEGORY(lcThread, "hiscrm.ui")

constexpr int kStoreMaxPage = 1000; // Store::thread()/threadAfter() clamp larger limits
constexpr int kQuoteChars = 60;

QString shortened(const QString &text)
{
    QString s = text.simplified();
    if (s.size() > kQuoteChars) {
        s.truncate(kQuoteChars);
        s.append(QChar(0x2026)); // …
    }
    return s;
}

} // namespace

ThreadModel::ThreadModel(const store::StoreReader *store, QObject *parent)
    : DiffListModel(parent)
    , m_store(store)
{}

void ThreadModel::setThread(model::ItemKind kind, qint64 threadId)
{
    auto page = m_store->thread(kind, threadId, kPageSize);
    if (!page) {
        // Still switch threads, empty, so that a later refresh() retries the right one.
        qCWarning(lcThread) << "thread query failed:" << page.error().message;
        resetTo(kind, threadId, store::ItemPage());
        return;
    }
    resetTo(kind, threadId, *page);
}

bool ThreadModel::setThreadAround(qint64 itemId)
{
    auto page = m_store->threadAround(itemId, kPageSize);
    if (!page)
        return false;
    for (const model::Item &item : std::as_const(page->items)) {
        if (item.id == itemId) {
            resetTo(item.kind, item.threadId, *page);
            return true;
        }
    }
    return false;
}

void ThreadModel::clear()
{
    beginResetModel();
    m_threadId = 0;
    m_rows.clear();
    m_hasOlder = false;
    m_hasNewer = false;
    m_originalTexts.clear();
    m_parentTexts.clear();
    reindex();
    endResetModel();
}

int ThreadModel::loadOlder()
{
    if (!canLoadOlder() || m_rows.isEmpty())
        return 0;
    auto page = m_store->thread(m_kind, m_threadId, kPageSize, m_rows.constFirst().item.id);
    if (!page) {
        qCWarning(lcThread) << "thread query failed:" << page.error().message;
        return 0;
    }
    m_hasOlder = page->hasOlder;
    QList<Row> rows = toRows(page->items);
    if (rows.isEmpty())
        return 0;
    loadNames(rows);
    const int n = int(rows.size());
    beginInsertRows(QModelIndex(), 0, n - 1);
    rows.append(m_rows);
    m_rows = std::move(rows);
    reindex();
    endInsertRows();
    // The former top row always carried a date; now it has a row above it on the same day.
    if (!startsDay(n))
        emit dataChanged(index(n), index(n), {DaySeparatorRole});
    return n;
}

int ThreadModel::loadNewer()
{
    if (!canLoadNewer() || m_rows.isEmpty())
        return 0;
    auto page = m_store->threadAfter(m_kind, m_threadId, m_rows.constLast().item.id, kPageSize);
    if (!page) {
        qCWarning(lcThread) << "thread query failed:" << page.error().message;
        return 0;
    }
    m_hasNewer = page->hasNewer;
    QList<Row> rows = toRows(page->items);
    if (rows.isEmpty())
        return 0;
    loadNames(rows);
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(rows.size()) - 1);
    m_rows.append(rows);
    reindex();
    endInsertRows();
    return int(rows.size());
}

// Over 80 lines: the three cases of a refresh (empty, at the newest end, in history) share the
// window's bounds and the row diff, which would otherwise go between functions as arguments.
void ThreadModel::refresh()
{
    if (m_threadId == 0)
        return;
    m_parentTexts.clear(); // parents outside the window may have changed too; refilled on demand
    if (m_rows.isEmpty()) {
        auto page = m_store->thread(m_kind, m_threadId, kPageSize);
        if (!page) {
            qCWarning(lcThread) << "thread query failed:" << page.error().message;
            return;
        }
        m_hasOlder = page->hasOlder;
        m_hasNewer = page->hasNewer;
        QList<Row> rows = toRows(page->items);
        if (rows.isEmpty())
            return;
        loadNames(rows);
        beginInsertRows(QModelIndex(), 0, int(rows.size()) - 1);
        m_rows = std::move(rows);
        reindex();
        endInsertRows();
        return;
    }

    const qint64 lastId = m_rows.constLast().item.id;
    // After a jump the window ends short of the newest item: re-read only the window then.
    const bool toNewest = !m_hasNewer;
    const int pageSize = qBound(kPageSize, int(m_rows.size()) + kPageSize, kStoreMaxPage);
    QList<model::Item> fresh;
    bool hasOlder = false;
    bool hasNewer = false;
    int added = 0;
    qint64 after = m_rows.constFirst().item.id - 1;
    for (bool firstPage = true;; firstPage = false) {
        auto page = m_store->threadAfter(m_kind, m_threadId, after, pageSize);
        if (!page) {
            qCWarning(lcThread) << "thread query failed:" << page.error().message;
            return;
        }
        if (firstPage)
            hasOlder = page->hasOlder;
        bool done = !page->hasNewer || page->items.isEmpty();
        for (const model::Item &item : std::as_const(page->items)) {
            if (item.id > lastId) {
                if (!toNewest) {
                    hasNewer = true;
                    done = true;
                    break;
                }
                ++added;
            }
            fresh.append(item);
        }
        if (added > kMaxRefreshGrowth) {
            // Growing the window by a flood would keep every item of it in memory; the operator
            // wants the newest anyway.
            reloadNewest();
            return;
        }
        if (done)
            break;
        after = page->items.constLast().id;
    }

    QList<Row> target = toRows(fresh);
    loadNames(target);
    QHash<qint64, bool> startedDay; // every row shown now -> whether it carries a date
    startedDay.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        startedDay.insert(m_rows[i].item.id, startsDay(i));
    QSet<qint64> changedIds;

    ListDiffSignals s = diffSignals([this] { reindex(); });
    s.changed = [this, &changedIds](int first, int last) {
        for (int i = first; i <= last; ++i) {
            const qint64 id = m_rows[i].item.id;
            m_originalTexts.remove(id);
            changedIds.insert(id);
        }
        emit dataChanged(index(first), index(last));
    };
    const auto same = [](const Row &a, const Row &b) {
        const model::Item &x = a.item;
        const model::Item &y = b.item;
        return x.rev == y.rev && x.text == y.text && x.type == y.type && x.media == y.media &&
               x.recalled == y.recalled && x.editedAt == y.editedAt && x.delivery == y.delivery &&
               x.error == y.error && x.platformId == y.platformId && x.read == y.read &&
               x.senderId == y.senderId;
    };
    applyListDiff(
        m_rows, std::move(target), [](const Row &r) { return r.item.id; }, same, s);
    m_hasOlder = hasOlder;
    m_hasNewer = hasNewer;

    // Rows whose neighbours came or went may gain or lose their date, and replies show their
    // parent's text.
    for (int i = 0; i < m_rows.size(); ++i) {
        const model::Item &item = m_rows[i].item;
        if (changedIds.contains(item.id))
            continue;
        QList<int> roles;
        const auto before = startedDay.constFind(item.id);
        if (before != startedDay.cend() && *before != startsDay(i))
            roles.append(DaySeparatorRole);
        if (item.parentId != 0 && changedIds.contains(item.parentId))
            roles.append(ParentTextRole);
        if (!roles.isEmpty())
            emit dataChanged(index(i), index(i), roles);
    }
}

int ThreadModel::rowOf(qint64 itemId) const
{
    return m_rowOf.value(itemId, -1);
}

QString ThreadModel::typeLabel(model::MessageType type)
{
    switch (type) {
    case model::MessageType::Image:
        return tr("[Image]");
    case model::MessageType::Video:
        return tr("[Video]");
    case model::MessageType::File:
        return tr("[File]");
    case model::MessageType::Sticker:
        return tr("[Sticker]");
    case model::MessageType::Text:
        break;
    }
    return QString();
}

QString ThreadModel::dayLabel(const QDate &day, const QDate &today)
{
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

int ThreadModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ThreadModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &row = m_rows[index.row()];
    const model::Item &item = row.item;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return displayText(item);
    case Qt::AccessibleTextRole: {
        const QString when =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(item.createdAt), QLocale::ShortFormat);
        return tr("%1, %2: %3").arg(senderName(item), when, displayText(item));
    }
    case IdRole:
        return item.id;
    case ItemRole:
        return QVariant::fromValue(item);
    case OutgoingRole:
        return item.direction == model::Direction::Out;
    case TimeRole:
        return item.createdAt;
    case SenderNameRole:
        return senderName(item);
    case DeliveryRole:
        return int(item.delivery);
    case ErrorRole:
        return item.error;
    case EditedRole:
        return item.editedAt != 0;
    case RecalledRole:
        return item.recalled;
    case OriginalTextRole:
        return originalText(item);
    case Qt::ToolTipRole:
        // Hovering an edited or recalled message shows what it said before; a failed reply, why.
        if (item.recalled || item.editedAt != 0)
            return tr("Originally: %1").arg(originalText(item));
        if (item.delivery == model::Delivery::Failed)
            return tr("Not sent: %1. Click Retry to send it again.").arg(item.error);
        return QVariant();
    case DaySeparatorRole:
        return startsDay(index.row()) ? dayLabel(row.day, QDate::currentDate()) : QString();
    case ParentTextRole:
        return parentText(item);
    case NewMarkerRole:
        return m_newMarker != 0 && item.id == m_newMarker;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> ThreadModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({
        {IdRole, "itemId"},
        {ItemRole, "item"},
        {TextRole, "text"},
        {OutgoingRole, "outgoing"},
        {TimeRole, "time"},
        {SenderNameRole, "senderName"},
        {DeliveryRole, "delivery"},
        {ErrorRole, "error"},
        {EditedRole, "edited"},
        {RecalledRole, "recalled"},
        {OriginalTextRole, "originalText"},
        {DaySeparatorRole, "daySeparator"},
        {ParentTextRole, "parentText"},
        {NewMarkerRole, "newMarker"},
    });
    return names;
}

QList<ThreadModel::Row> ThreadModel::toRows(const QList<model::Item> &items) const
{
    QList<Row> rows;
    rows.reserve(items.size());
    for (const model::Item &item : items)
        rows.append(Row{item, QDateTime::fromMSecsSinceEpoch(item.createdAt).date()});
    return rows;
}

void ThreadModel::loadNames(const QList<Row> &rows)
{
    QList<qint64> users;
    QSet<qint64> asked;
    bool unknownAccount = false;
    for (const Row &r : rows) {
        const qint64 sender = r.item.senderId;
        if (sender != 0 && !m_userNames.contains(sender) && !asked.contains(sender)) {
            asked.insert(sender);
            users.append(sender);
        }
        unknownAccount = unknownAccount || !m_accountNames.contains(r.item.accountId);
    }
    if (!users.isEmpty()) {
        if (auto found = m_store->users(users)) {
            for (const model::User &u : std::as_const(*found))
                m_userNames.insert(u.id, u.name.isEmpty() ? u.platformId : u.name);
        } else {
            qCWarning(lcThread) << "user query failed:" << found.error().message;
        }
    }
    if (unknownAccount) {
        if (auto accounts = m_store->accounts()) {
            m_accountNames.clear();
            for (const model::Account &a : std::as_const(*accounts))
                m_accountNames.insert(a.id, a.name.isEmpty() ? a.platformId : a.name);
        } else {
            qCWarning(lcThread) << "account query failed:" << accounts.error().message;
        }
    }
}

void ThreadModel::resetTo(model::ItemKind kind, qint64 threadId, const store::ItemPage &page)
{
    QList<Row> rows = toRows(page.items);
    loadNames(rows);
    beginResetModel();
    if (kind != m_kind || threadId != m_threadId)
        m_newMarker = 0;
    m_kind = kind;
    m_threadId = threadId;
    m_rows = std::move(rows);
    m_hasOlder = page.hasOlder;
    m_hasNewer = page.hasNewer;
    m_originalTexts.clear();
    m_parentTexts.clear();
    reindex();
    endResetModel();
}

qint64 ThreadModel::firstUnreadId(qint64 readUpTo) const
{
    for (const Row &r : m_rows) {
        const model::Item &it = r.item;
        if (it.direction != model::Direction::In)
            continue;
        const bool unread = m_kind == model::ItemKind::Message ? it.id > readUpTo : !it.read;
        if (unread)
            return it.id;
    }
    return 0;
}

void ThreadModel::setNewMarker(qint64 itemId)
{
    if (itemId == m_newMarker)
        return;
    const int before = rowOf(m_newMarker);
    m_newMarker = itemId;
    if (before >= 0)
        emit dataChanged(index(before), index(before), {NewMarkerRole});
    if (const int now = rowOf(itemId); now >= 0)
        emit dataChanged(index(now), index(now), {NewMarkerRole});
}

void ThreadModel::reloadNewest()
{
    setThread(m_kind, m_threadId);
}

QString ThreadModel::displayText(const model::Item &item) const
{
    if (item.recalled)
        return tr("Message recalled");
    if (item.text.isEmpty())
        return typeLabel(item.type);
    return item.text;
}

QString ThreadModel::senderName(const model::Item &item) const
{
    if (item.direction == model::Direction::Out) {
        const QString account = m_accountNames.value(item.accountId);
        if (!account.isEmpty())
            return account;
    }
    const QString name = m_userNames.value(item.senderId);
    return name.isEmpty() ? tr("Unknown") : name;
}

QString ThreadModel::originalText(const model::Item &item) const
{
    if (item.editedAt == 0 && !item.recalled)
        return QString();
    const auto cached = m_originalTexts.constFind(item.id);
    if (cached != m_originalTexts.cend())
        return *cached;
    auto history = m_store->history(item.id);
    if (!history) {
        qCWarning(lcThread) << "history query failed:" << history.error().message;
        return QString();
    }
    QStringList texts;
    for (const model::ItemHistory &h : std::as_const(*history)) {
        if (!h.oldText.isEmpty())
            texts.append(h.oldText);
    }
    const QString joined = texts.join(u'\n');
    m_originalTexts.insert(item.id, joined);
    return joined;
}

QString ThreadModel::parentText(const model::Item &item) const
{
    if (item.kind != model::ItemKind::Comment || item.parentId == 0)
        return QString();
    if (const int row = rowOf(item.parentId); row >= 0)
        return shortened(displayText(m_rows[row].item));
    const auto cached = m_parentTexts.constFind(item.parentId);
    if (cached != m_parentTexts.cend())
        return *cached;
    auto parent = m_store->item(item.parentId);
    if (!parent) {
        qCWarning(lcThread) << "item query failed:" << parent.error().message;
        return QString();
    }
    const QString text = parent->has_value() ? shortened(displayText(**parent)) : tr("Comment deleted");
    m_parentTexts.insert(item.parentId, text);
    return text;
}

bool ThreadModel::startsDay(int row) const
{
    return row == 0 || m_rows[row - 1].day != m_rows[row].day;
}

void ThreadModel::reindex()
{
    m_rowOf.clear();
    m_rowOf.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows[i].item.id, i);
}

} // namespace hiscrm::ui
