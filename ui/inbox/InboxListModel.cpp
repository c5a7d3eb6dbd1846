// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/inbox/InboxListModel.h"

#include "ui/inbox/InboxRoles.h"
#include "ui/thread/DraftStore.h"

namespace hiscrm::ui {

QHash<int, QByteArray> InboxListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({
        {InboxRoles::Title, "title"},
        {InboxRoles::Account, "account"},
        {InboxRoles::AccountId, "accountId"},
        {InboxRoles::Unread, "unread"},
        {InboxRoles::LastAt, "lastAt"},
        {InboxRoles::Preview, "preview"},
        {InboxRoles::AvatarColor, "avatarColor"},
        {InboxRoles::Draft, "draft"},
        {InboxRoles::FailedReply, "failedReply"},
        {InboxRoles::LastFromUs, "lastFromUs"},
        {InboxRoles::Open, "open"},
        {InboxRoles::IsVideo, "isVideo"},
    });
    return names;
}

InboxListModel::InboxListModel(model::ItemKind kind, QObject *parent)
    : DiffListModel(parent)
    , m_kind(kind)
{}

void InboxListModel::setOpenId(qint64 id)
{
    if (id == m_openId)
        return;
    const qint64 previous = std::exchange(m_openId, id);
    emitRowChanged(previous, {InboxRoles::Open, InboxRoles::Draft});
    emitRowChanged(id, {InboxRoles::Open, InboxRoles::Draft});
    refresh();
}

void InboxListModel::setHeld(bool held)
{
    if (held == m_held)
        return;
    m_held = held;
    if (!held) {
        m_letGo.clear();
        refresh();
    }
}

void InboxListModel::letGo(qint64 id)
{
    if (id != 0)
        m_letGo.insert(id);
}

void InboxListModel::setDrafts(DraftStore *drafts)
{
    if (m_drafts)
        disconnect(m_drafts, nullptr, this, nullptr);
    m_drafts = drafts;
    if (drafts) {
        connect(drafts, &DraftStore::changed, this, [this](model::ItemKind kind, qint64 id) {
            if (kind == m_kind)
                emitRowChanged(id, {InboxRoles::Draft});
        });
    }
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1), {InboxRoles::Draft});
}

QString InboxListModel::draftFor(qint64 id) const
{
    return m_drafts && id != m_openId ? m_drafts->text(m_kind, id) : QString();
}

QVariant InboxListModel::threadData(qint64 id, int role) const
{
    switch (role) {
    case InboxRoles::Draft:
        return draftFor(id);
    case InboxRoles::FailedReply:
        return failedFor(id);
    case InboxRoles::Open:
        return id != 0 && id == m_openId;
    default:
        return QVariant();
    }
}

void InboxListModel::setFailedReplies(const QList<store::FailedReply> &failed)
{
    QHash<qint64, QString> next;
    for (const store::FailedReply &f : failed) {
        // Newest first: the first one of a thread is the one to show.
        if (f.kind == m_kind && !next.contains(f.threadId))
            next.insert(f.threadId, f.error.isEmpty() ? tr("unknown error") : f.error);
    }
    if (next == m_failed)
        return;
    QSet<qint64> touched;
    for (auto it = next.cbegin(); it != next.cend(); ++it) {
        if (m_failed.value(it.key()) != it.value())
            touched.insert(it.key());
    }
    for (auto it = m_failed.cbegin(); it != m_failed.cend(); ++it) {
        if (!next.contains(it.key()))
            touched.insert(it.key());
    }
    m_failed = std::move(next);
    for (qint64 id : std::as_const(touched))
        emitRowChanged(id, {InboxRoles::FailedReply});
}

void InboxListModel::addHeldNew(const QSet<qint64> &ids)
{
    const qsizetype before = m_heldNew.size();
    m_heldNew += ids;
    if (m_heldNew.size() != before)
        emit heldNewCountChanged(int(m_heldNew.size()));
}

void InboxListModel::clearHeldNew()
{
    if (m_heldNew.isEmpty())
        return;
    m_heldNew.clear();
    emit heldNewCountChanged(0);
}

void InboxListModel::emitRowChanged(qint64 id, const QList<int> &roles)
{
    const int row = id != 0 ? rowOf(id) : -1;
    if (row >= 0)
        emit dataChanged(index(row), index(row), roles);
}

} // namespace hiscrm::ui
