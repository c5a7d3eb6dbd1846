// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/TrayNotifier.h"

#include "ui/common/AppIcon.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QSystemTrayIcon>
#include <QWidget>

#include <limits>

namespace hiscrm::ui {

namespace {

constexpr int kNotificationMs = 8000;

int clampedCount(qint64 n)
{
    return int(qBound<qint64>(0, n, qint64(std::numeric_limits<int>::max())));
}

} // namespace

TrayNotifier::TrayNotifier(QObject *parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_toggleWindow = m_menu->addAction(QString());
    m_toggleWindow->setObjectName(QStringLiteral("toggleWindowAction"));
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QString());
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_tray->setContextMenu(m_menu);
    // A QObject gets no LanguageChange of its own; the menu, a top-level widget, does.
    m_menu->installEventFilter(this);

    connect(m_toggleWindow, &QAction::triggered, this, [this] {
        if (m_windowVisible)
            emit hideWindowRequested();
        else
            emit showWindowRequested();
    });
    connect(m_quit, &QAction::triggered, this, &TrayNotifier::quitRequested);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit showWindowRequested();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (m_last.conversationId)
            emit openConversation(m_last.conversationId);
    });

    retranslateUi();
    updateIcon();
}

TrayNotifier::~TrayNotifier()
{
    m_tray->setContextMenu(nullptr);
    delete m_menu;
}

bool TrayNotifier::shouldNotify(bool enabled, bool conversationMuted, bool conversationFocused,
                                bool windowActive)
{
    return enabled && !conversationMuted && !(conversationFocused && windowActive);
}

QPixmap TrayNotifier::renderIcon(qint64 unread, const QColor &background, const QColor &foreground, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(background);
    const QRectF square(size * 0.04, size * 0.04, size * 0.92, size * 0.92);
    p.drawRoundedRect(square, size * 0.22, size * 0.22);

    p.setBrush(foreground);
    if (unread <= 0) {
        // Nothing unread: three dots, a chat at rest.
        const qreal r = size * 0.07;
        for (int i = -1; i <= 1; ++i)
            p.drawEllipse(QPointF(size / 2.0 + i * r * 3, size / 2.0), r, r);
        return pixmap;
    }
    const QString text = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    QFont font = QApplication::font();
    font.setBold(true);
    // The largest size at which the count fits: tray icons are tiny, every pixel counts.
    const qreal room = square.width() * 0.86;
    int pixels = int(size * 0.62);
    for (; pixels > 6; --pixels) {
        font.setPixelSize(pixels);
        const QFontMetricsF fm(font);
        if (fm.horizontalAdvance(text) <= room && fm.capHeight() <= square.height() * 0.6)
            break;
    }
    font.setPixelSize(pixels);
    p.setFont(font);
    p.setPen(foreground);
    p.drawText(square, Qt::AlignCenter, text);
    return pixmap;
}

void TrayNotifier::show()
{
    if (isTrayAvailable())
        m_tray->show();
}

void TrayNotifier::hide()
{
    m_tray->hide();
}

bool TrayNotifier::isTrayAvailable() const
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayNotifier::setUnread(qint64 n)
{
    n = qMax<qint64>(0, n);
    if (n == m_unread)
        return;
    m_unread = n;
    updateIcon();
    retranslateUi();
}

int TrayNotifier::unread() const
{
    return clampedCount(m_unread);
}

QString TrayNotifier::toolTip() const
{
    return m_tray->toolTip();
}

QIcon TrayNotifier::icon() const
{
    return m_tray->icon();
}

void TrayNotifier::setNotificationsEnabled(bool enabled)
{
    m_enabled = enabled;
}

void TrayNotifier::setShowPreview(bool show)
{
    m_showPreview = show;
}

void TrayNotifier::setSoundEnabled(bool sound)
{
    m_sound = sound;
}

void TrayNotifier::setWindowVisible(bool visible)
{
    m_windowVisible = visible;
    retranslateUi();
}

void TrayNotifier::notify(qint64 conversationId, const QString &title, const QString &body,
                          bool bodyIsMessageText)
{
    if (!m_enabled)
        return;
    // Without a preview the notification must not leak the text to whoever sees the screen.
    m_last =
        Notification{conversationId, title, m_showPreview || !bodyIsMessageText ? body : tr("New message")};
    ++m_notificationCount;
    if (m_sound)
        QApplication::beep();
    if (isTrayAvailable() && m_tray->isVisible())
        m_tray->showMessage(m_last.title, m_last.body, m_tray->icon(), kNotificationMs);
    if (auto *window = qobject_cast<QWidget *>(parent()); window && !window->isActiveWindow()) {
        QApplication::alert(window);
        ++m_attentionCount;
    }
}

void TrayNotifier::retranslateUi()
{
    const int n = clampedCount(m_unread);
    m_tray->setToolTip(n > 0 ? tr("HisCRM Desk — %n unread", "", n) : tr("HisCRM Desk"));
    m_toggleWindow->setText(m_windowVisible ? tr("&Hide window") : tr("&Show window"));
    m_quit->setText(tr("&Quit"));
    m_menu->setAccessibleName(tr("HisCRM Desk tray menu"));
}

bool TrayNotifier::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_menu && event->type() == QEvent::LanguageChange)
        retranslateUi();
    return QObject::eventFilter(watched, event);
}

void TrayNotifier::updateIcon()
{
    const QPalette palette = QApplication::palette();
    const QColor background = palette.color(QPalette::Highlight);
    const QColor foreground = palette.color(QPalette::HighlightedText);
    // At rest, the app's own icon; with unread chats, their count on the palette's highlight.
    if (m_unread <= 0) {
        m_tray->setIcon(appIcon());
        return;
    }
    QIcon icon;
    // Rendered per size rather than scaled: a scaled-down count blurs into a blob.
    for (int size : {16, 22, 24, 32, 48, 64})
        icon.addPixmap(renderIcon(m_unread, background, foreground, size));
    m_tray->setIcon(icon);
}

} // namespace hiscrm::ui
