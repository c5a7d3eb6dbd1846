// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/ChatMatchesModel.h"

#include "search/TextAnalysis.h"

#include <QDateTime>

namespace hiscrm::ui {

ChatMatchesModel::ChatMatchesModel(QObject *parent)
    : QAbstractListModel(parent)
{}

ChatMatchesModel::~ChatMatchesModel() = default;

void ChatMatchesModel::setChats(const QList<store::NamedChat> &chats, const QStringList &terms)
{
    beginResetModel();
    m_rows = chats;
    m_terms = terms;
    endResetModel();
}

bool ChatMatchesModel::updateConversation(const model::Conversation &conversation)
{
    const int row = rowOf(conversation.id);
    if (row < 0)
        return false;
    m_rows[row].conversation = conversation;
    emit dataChanged(index(row), index(row));
    return true;
}

qint64 ChatMatchesModel::conversationId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).conversation.id : 0;
}

int ChatMatchesModel::rowOf(qint64 conversationId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).conversation.id == conversationId)
            return i;
    }
    return -1;
}

int ChatMatchesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ChatMatchesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::NamedChat &chat = m_rows.at(index.row());
    const model::Conversation &c = chat.conversation;
    switch (role) {
    case Qt::DisplayRole:
    case PeerNameRole:
        return chat.peerName;
    case Qt::ToolTipRole:
        return tr("Chat with %1 on %2", "person, account").arg(chat.peerName, chat.accountName);
    case Qt::AccessibleTextRole: {
        QString text = tr("Chat with %1 on %2", "person, account").arg(chat.peerName, chat.accountName);
        if (const qint64 unread = c.unreadBadge())
            text += QLatin1String(", ") + tr("%n unread", "", int(qMin<qint64>(unread, 1 << 30)));
        if (c.archived)
            text += QLatin1String(", ") + tr("archived");
        return text;
    }
    case MarkedNameRole: // the whole name: a name is short, and the row elides it
        return search::makeSnippet(chat.peerName, m_terms, int(qMax<qsizetype>(64, chat.peerName.size())));
    case ConversationIdRole:
        return c.id;
    case AccountNameRole:
        return chat.accountName;
    case PreviewRole:
        return c.lastPreview;
    case TimeRole:
        return c.lastAt ? QDateTime::fromMSecsSinceEpoch(c.lastAt).toLocalTime() : QDateTime();
    case UnreadRole:
        return c.unreadBadge();
    case ArchivedRole:
        return c.archived;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatMatchesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ConversationIdRole, "conversationId");
    names.insert(PeerNameRole, "peerName");
    names.insert(AccountNameRole, "accountName");
    names.insert(PreviewRole, "preview");
    names.insert(TimeRole, "time");
    names.insert(UnreadRole, "unread");
    names.insert(ArchivedRole, "archived");
    names.insert(MarkedNameRole, "markedName");
    return names;
}

} // namespace hiscrm::ui
