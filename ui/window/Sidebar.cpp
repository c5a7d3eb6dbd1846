// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/Sidebar.h"

#include "store/StoreReader.h"
#include "ui/common/PlatformName.h"

#include <QHeaderView>
#include <QLocale>
#include <QPainter>

namespace hiscrm::ui {

using namespace model;

namespace {

constexpr int kViewKeyRole = Qt::UserRole + 1;

} // namespace

Sidebar::Sidebar(const store::StoreReader *store, QWidget *parent)
    : QTreeWidget(parent)
    , m_store(store)
{
    setObjectName(QStringLiteral("sidebar"));
    setHeaderHidden(true);
    setColumnCount(2);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setRootIsDecorated(false);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!keyOf(item).isEmpty())
            emit viewChosen(keyOf(item));
    });
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        if (!keyOf(item).isEmpty())
            emit viewClicked(keyOf(item));
    });
}

QString Sidebar::keyOf(const QTreeWidgetItem *item)
{
    return item ? item->data(0, kViewKeyRole).toString() : QString();
}

void Sidebar::rebuild(const QString &currentKey)
{
    QSignalBlocker block(this);
    clear();
    const auto group = [this](const QString &title) {
        auto *g = new QTreeWidgetItem(this, {title});
        g->setFlags(Qt::ItemIsEnabled);
        QFont f = g->font(0);
        f.setBold(true);
        g->setFont(0, f);
        g->setExpanded(true);
        return g;
    };
    const auto item = [](QTreeWidgetItem *parent, const QString &title, const QString &key) {
        auto *i = new QTreeWidgetItem(parent, {title});
        i->setData(0, kViewKeyRole, key);
        i->setData(0, Qt::AccessibleTextRole, title);
        return i;
    };
    QTreeWidgetItem *views = group(tr("Inbox"));
    item(views, tr("All"), QStringLiteral("all"));
    item(views, tr("Unread"), QStringLiteral("unread"));
    item(views, tr("Awaiting reply"), QStringLiteral("awaiting"));
    item(views, tr("Pinned"), QStringLiteral("pinned"));
    item(views, tr("Comments"), QStringLiteral("comments"));
    item(views, tr("Archived"), QStringLiteral("archived"));
    const auto tags = m_store->tags();
    if (tags && !tags->isEmpty()) {
        QTreeWidgetItem *tg = group(tr("Tags"));
        const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
        for (const Tag &t : *tags) {
            QTreeWidgetItem *i = item(tg, t.name, QStringLiteral("tag:%1").arg(t.id));
            QPixmap dot(size, size);
            dot.fill(Qt::transparent);
            QPainter p(&dot);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(t.color));
            p.drawEllipse(QRectF(size * 0.2, size * 0.2, size * 0.6, size * 0.6));
            i->setIcon(0, QIcon(dot));
        }
    }
    const auto accounts = m_store->accounts();
    if (accounts && !accounts->isEmpty()) {
        QTreeWidgetItem *ag = group(tr("Accounts"));
        for (const Account &a : *accounts) {
            const QString state = a.loginState == LoginState::LoggedIn    ? tr("online")
                                  : a.loginState == LoginState::LoggedOut ? tr("logged out")
                                  : a.loginState == LoginState::Error     ? tr("error")
                                                                          : tr("offline");
            QTreeWidgetItem *i = item(ag,
                                      QStringLiteral("%1 · %2").arg(a.name.isEmpty() ? a.platformId : a.name,
                                                                    platformName(a.platform)),
                                      QStringLiteral("account:%1").arg(a.id));
            i->setToolTip(0, tr("%1 on %2: %3").arg(a.name, platformName(a.platform), state) +
                                 (a.lastError.isEmpty() ? QString() : QStringLiteral("\n") + a.lastError));
            i->setData(0, Qt::AccessibleTextRole, i->toolTip(0));
            if (a.loginState != LoginState::LoggedIn)
                i->setForeground(0, palette().color(QPalette::PlaceholderText));
        }
    }
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        if (keyOf(*it) == currentKey)
            setCurrentItem(*it);
    }
}

void Sidebar::showCurrent(const QString &key)
{
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        if (keyOf(*it) == key && currentItem() != *it) {
            QSignalBlocker block(this);
            setCurrentItem(*it);
        }
    }
}

void Sidebar::setBadges(const store::ViewCounts &counts)
{
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        const QString key = keyOf(*it);
        if (key.isEmpty())
            continue;
        qint64 n = 0;
        QString tip;
        if (key == u"all" || key == u"unread") {
            n = counts.unreadChats;
            tip = tr("%n unread chats", nullptr, int(n));
        } else if (key == u"awaiting") {
            n = counts.awaitingReply;
            tip = tr("%n chats waiting for your reply", nullptr, int(n));
        } else if (key == u"pinned") {
            n = counts.pinnedUnread;
            tip = tr("%n unread pinned chats", nullptr, int(n));
        } else if (key == u"archived") {
            n = counts.archivedUnread;
            tip = tr("%n unread archived chats", nullptr, int(n));
        } else if (key == u"comments") {
            n = counts.unreadComments;
            tip = tr("%n unread comments", nullptr, int(n));
        } else if (key.startsWith(u"tag:")) {
            n = counts.tagUnread.value(key.mid(4).toLongLong());
            tip = tr("%n unread chats with this tag", nullptr, int(n));
        } else if (key.startsWith(u"account:")) {
            n = counts.accountUnread.value(key.mid(8).toLongLong());
            tip = tr("%n unread chats and comments", nullptr, int(n));
        }
        (*it)->setText(1, n > 0 ? QLocale().toString(n) : QString());
        (*it)->setToolTip(1, tip);
        if (!key.startsWith(u"account:"))
            (*it)->setToolTip(0, tip);
    }
}

} // namespace hiscrm::ui
