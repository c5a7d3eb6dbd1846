// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <memory>

class QListWidget;

namespace hiscrm::store {
class StoreReader;
}

namespace hiscrm::model {
struct User;
}

namespace hiscrm::ui {

// The user card: a fan's profile and their conversations on every account of the platform,
// archived ones too. Activating a conversation accepts the dialog; chosen() names it. "Messages from
// NAME" accepts it with searchSender() true: everything the fan wrote, on every account.
class UserCardDialog final : public QDialog
{
    Q_OBJECT

public:
    UserCardDialog(const store::StoreReader *store, const model::User &user, QWidget *parent = nullptr);
    // The card of the peer of this conversation; nullptr when it or its peer is not stored.
    static std::unique_ptr<UserCardDialog> forConversation(const store::StoreReader *store,
                                                           qint64 conversationId, QWidget *parent);
    qint64 chosen() const { return m_chosen; }
    bool searchSender() const { return m_searchSender; }
    qint64 userId() const { return m_userId; }
    QString userName() const { return m_userName; }

private:
    void fillConversations(QListWidget *list, const store::StoreReader *store, qint64 userId);
    qint64 m_chosen = 0;
    bool m_searchSender = false;
    qint64 m_userId = 0;
    QString m_userName;
};

} // namespace hiscrm::ui
