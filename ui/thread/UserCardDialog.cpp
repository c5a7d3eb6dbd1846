// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/thread/UserCardDialog.h"

#include "store/StoreReader.h"
#include "ui/common/Icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace hiscrm::ui {

using namespace model;

std::unique_ptr<UserCardDialog> UserCardDialog::forConversation(const store::StoreReader *store,
                                                                qint64 conversationId, QWidget *parent)
{
    const auto c = store->conversation(conversationId);
    if (!c || !c.value())
        return nullptr;
    const auto user = store->user(c.value()->peerUserId);
    if (!user || !user.value())
        return nullptr;
    return std::make_unique<UserCardDialog>(store, *user.value(), parent);
}

UserCardDialog::UserCardDialog(const store::StoreReader *store, const User &u, QWidget *parent)
    : QDialog(parent)
    , m_userId(u.id)
    , m_userName(u.name.isEmpty() ? u.platformId : u.name)
{
    setObjectName(QStringLiteral("userCard"));
    setWindowTitle(tr("User card"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    const auto count = [](qint64 n) {
        return n < 0 ? tr("unknown") : QLocale().toString(n);
    };
    auto *name = new QLabel(u.verified ? tr("%1 ✔ verified").arg(u.name) : u.name);
    QFont f = name->font();
    f.setBold(true);
    name->setFont(f);
    form->addRow(tr("Name:"), name);
    form->addRow(tr("Platform id:"), new QLabel(u.platformId));
    auto *signature = new QLabel(u.signature.isEmpty() ? tr("(no signature)") : u.signature);
    signature->setWordWrap(true);
    form->addRow(tr("Signature:"), signature);
    form->addRow(tr("Followers:"), new QLabel(count(u.followers)));
    form->addRow(tr("Following:"), new QLabel(count(u.following)));
    form->addRow(tr("Videos:"), new QLabel(count(u.videos)));
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Conversations with %1 on every account:").arg(u.name)));
    auto *list = new QListWidget;
    list->setObjectName(QStringLiteral("userConversations"));
    list->setAccessibleName(tr("Conversations with this user"));
    fillConversations(list, store, u.id);
    connect(list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        m_chosen = item->data(Qt::UserRole).toLongLong();
        accept();
    });
    layout->addWidget(list);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Close);
    useCloseGlyph(box);
    QPushButton *messages =
        box->addButton(tr("Messages from %1").arg(m_userName), QDialogButtonBox::ActionRole);
    messages->setObjectName(QStringLiteral("searchSenderButton"));
    messages->setIcon(icon(Glyph::Search));
    messages->setToolTip(tr("Search everything %1 wrote, on every account, newest first").arg(m_userName));
    messages->setAutoDefault(false);
    connect(messages, &QPushButton::clicked, this, [this] {
        m_searchSender = true;
        accept();
    });
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(box);
    resize(440, 480);
}

void UserCardDialog::fillConversations(QListWidget *list, const store::StoreReader *store, qint64 userId)
{
    store::ConversationFilter filter;
    filter.peerUserId = userId;
    filter.archived = store::ArchivedFilter::Any;
    const auto convs = store->conversations(filter, 100);
    QHash<qint64, QString> accountNames;
    if (const auto accounts = store->accounts()) {
        for (const Account &a : *accounts)
            accountNames.insert(a.id, a.name.isEmpty() ? a.platformId : a.name);
    }
    if (!convs)
        return;
    for (const Conversation &conv : convs->conversations) {
        QString text = QStringLiteral("%1 — %2").arg(accountNames.value(conv.accountId), conv.lastPreview);
        if (conv.archived)
            text = tr("%1 (archived)").arg(text);
        auto *item = new QListWidgetItem(text, list);
        item->setData(Qt::UserRole, conv.id);
    }
}

} // namespace hiscrm::ui
