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
// archived ones too. Activating a conversation accepts the dialog; chosen() names it.
class UserCardDialog final : public QDialog
{
    Q_OBJECT

public:
    UserCardDialog(const store::StoreReader *store, const model::User &user, QWidget *parent = nullptr);
    // The card of the peer of this conversation; nullptr when it or its peer is not stored.
    static std::unique_ptr<UserCardDialog> forConversation(const store::StoreReader *store,
                                                           qint64 conversationId, QWidget *parent);
    qint64 chosen() const { return m_chosen; }

private:
    void fillConversations(QListWidget *list, const store::StoreReader *store, qint64 userId);
    qint64 m_chosen = 0;
};

} // namespace hiscrm::ui
