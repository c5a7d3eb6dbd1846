// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/SearchService.h" // NamedChat

#include <QAbstractListModel>
#include <QList>

namespace hiscrm::ui {

// The chats a search found by the name of the person on the other side: the few rows the search
// panel shows above the messages and comments it found (see store::SearchService::run).
class ChatMatchesModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        ConversationIdRole = Qt::UserRole + 1, // qint64
        PeerNameRole,                          // QString
        AccountNameRole,                       // QString
        PreviewRole,                           // QString: the latest message
        TimeRole,                              // QDateTime, local: the latest activity
        UnreadRole,                            // qint64: what the chat's badge shows
        ArchivedRole,                          // bool
        MarkedNameRole, // QString: the name with the search's hits between search::kHighlightOpen/Close
    };
    Q_ENUM(Role)

    explicit ChatMatchesModel(QObject *parent = nullptr);
    ~ChatMatchesModel() override;
    Q_DISABLE_COPY_MOVE(ChatMatchesModel)

    // `terms`: the search's terms (search::buildMatch), marked where they occur in each name.
    void setChats(const QList<store::NamedChat> &chats, const QStringList &terms = {});
    void clear() { setChats({}); }
    // The chat's row shows `conversation` as it is now (its badge, latest message, time); false when
    // no row shows that chat.
    bool updateConversation(const model::Conversation &conversation);
    qint64 conversationId(int row) const;
    int rowOf(qint64 conversationId) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<store::NamedChat> m_rows;
    QStringList m_terms;
};

} // namespace hiscrm::ui
