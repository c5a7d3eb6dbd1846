// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The system tray icon with the unread count, its menu, and desktop notifications. Whether a
// message deserves a notification is decided by shouldNotify(); the caller asks it first.

#include <QColor>
#include <QIcon>
#include <QObject>
#include <QPixmap>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace hiscrm::ui {

class TrayNotifier final : public QObject
{
    Q_OBJECT

public:
    struct Notification
    {
        qint64 conversationId = 0;
        QString title;
        QString body;
    };

    explicit TrayNotifier(QObject *parent = nullptr);
    ~TrayNotifier() override;
    Q_DISABLE_COPY_MOVE(TrayNotifier)

    // Notify unless notifications are off, the chat is muted, or the operator is looking at it.
    static bool shouldNotify(bool enabled, bool conversationMuted, bool conversationFocused,
                             bool windowActive);
    // The tray icon: a rounded square in `background` with the count ("99+" above 99).
    static QPixmap renderIcon(qint64 unread, const QColor &background, const QColor &foreground,
                              int size = 64);

    // Shows the icon in the tray, where there is one.
    void show();
    void hide();
    bool isTrayAvailable() const;

    void setUnread(qint64 n);
    int unread() const;
    QString toolTip() const;
    QIcon icon() const;

    // Settings the notifications follow (notifications/enabled, showPreview, sound).
    void setNotificationsEnabled(bool enabled);
    bool notificationsEnabled() const { return m_enabled; }
    void setShowPreview(bool show);
    void setSoundEnabled(bool sound);
    // So the menu offers the right one of Show and Hide.
    void setWindowVisible(bool visible);

    // A desktop notification for a new message, when notifications are enabled. Without a system
    // tray (offscreen, some desktops) none is shown, but the decision is still recorded. Either way,
    // the window this belongs to (its parent, when a widget) asks for attention in the taskbar
    // unless it is the active window (QApplication::alert: a flashing entry, a bouncing dock icon,
    // the urgency hint), so a desktop without a tray still shows that something came in.
    // bodyIsMessageText: the body quotes a customer (hidden when previews are off); an alert of the
    // app's own (a reply that failed) is always shown.
    void notify(qint64 conversationId, const QString &title, const QString &body,
                bool bodyIsMessageText = true);
    Notification lastNotification() const { return m_last; }
    int notificationCount() const { return m_notificationCount; }
    int attentionCount() const { return m_attentionCount; } // times the window asked for attention

    QSystemTrayIcon *trayIcon() const { return m_tray; }
    QMenu *menu() const { return m_menu; }

public slots:
    void retranslateUi();

signals:
    void showWindowRequested();
    void hideWindowRequested();
    void quitRequested();
    void openConversation(qint64 conversationId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateIcon();

    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_toggleWindow = nullptr;
    QAction *m_quit = nullptr;
    qint64 m_unread = 0;
    bool m_enabled = true;
    bool m_showPreview = true;
    bool m_sound = false;
    bool m_windowVisible = true;
    Notification m_last;
    int m_notificationCount = 0;
    int m_attentionCount = 0;
};

} // namespace hiscrm::ui
