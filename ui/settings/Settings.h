// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The desktop's preferences over QSettings. Every key and its default live in one table in
// Settings.cpp, so a key is spelled once and a default is decided once.

#include <QByteArray>
#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

class QSettings;

namespace hiscrm::ui {

class Settings final : public QObject
{
    Q_OBJECT

public:
    enum class Key
    {
        Language,             // "ui/language": "system" | "zh_CN" | "en"
        NotificationsEnabled, // "notifications/enabled"
        NotificationsPreview, // "notifications/showPreview"
        NotificationsSound,   // "notifications/sound"
        QuickReplies,         // "composer/quickReplies"
        DataFolder,           // "data/folder": empty = the default AppDataLocation
        WindowGeometry,       // "window/geometry"
        WindowState,          // "window/state"
        DemoEnabled,          // "demo/enabled": start the demo connector with the app
        Theme,                // "ui/theme": "system" | "light" | "dark"
        FontSize,             // "ui/fontSize": points of the inbox's text; 0 = the system's
        CloseToTray,          // "window/closeToTray": closing the window keeps the app in the tray
        CloseToTrayHintShown, // "window/closeToTrayHintShown": the first-time hint was shown
        WorkersEnabled,       // "workers/enabled": listen for external workers at start
        WorkerPort,           // "workers/port": loopback port workers connect to (kept across starts)
        WorkerToken,          // "workers/token": the token workers present (kept across starts)
        TeamSource,           // "team/source": the paired team master shown (its folder under
                              // <data>/team); empty = the local inbox
    };
    Q_ENUM(Key)

    // The user's settings of "HisCRM" / "HisCRM Desk".
    explicit Settings(QObject *parent = nullptr);
    // An INI file of its own (tests, portable installs).
    explicit Settings(const QString &filePath, QObject *parent = nullptr);
    ~Settings() override;
    Q_DISABLE_COPY_MOVE(Settings)

    static QList<Key> keys();
    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

    // Always of the key's type; the default when unset or unreadable.
    QVariant get(Key key) const;
    // Emits changed(key) only when the value really changes. Setting the default forgets the key,
    // so a later version's better default reaches users who never chose otherwise.
    void set(Key key, const QVariant &value);
    void reset(Key key);
    void sync();
    QString fileName() const;

    QString language() const;
    void setLanguage(const QString &language);
    // "zh_CN" or "en": "system" resolved through QLocale::system().
    QString effectiveLanguage() const;
    // What a language setting means on a machine whose locale is `system`.
    static QString resolveLanguage(const QString &setting, const QLocale &system);

    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    bool notificationPreview() const;
    void setNotificationPreview(bool show);
    bool notificationSound() const;
    void setNotificationSound(bool sound);

    QStringList quickReplies() const;
    void setQuickReplies(const QStringList &replies);

    // As set: empty means the default folder.
    QString dataFolder() const;
    void setDataFolder(const QString &folder);
    static QString defaultDataFolder();
    QString effectiveDataFolder() const;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    bool demoEnabled() const;
    void setDemoEnabled(bool enabled);
    // The paired team master whose inbox the app shows (TeamPairing::id), or empty for the local one.
    QString teamSource() const;
    void setTeamSource(const QString &pairingId);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    // "system", "light" or "dark".
    QString theme() const;
    void setTheme(const QString &theme);
    // Points; 0 = the system's size. Clamped to kMinFontSize..kMaxFontSize otherwise.
    static constexpr int kMinFontSize = 8;
    static constexpr int kMaxFontSize = 24;
    int fontSize() const;
    void setFontSize(int points);
    bool closeToTray() const;
    void setCloseToTray(bool enabled);
    bool closeToTrayHintShown() const;
    void setCloseToTrayHintShown(bool shown);

    bool workersEnabled() const;
    void setWorkersEnabled(bool enabled);
    int workerPort() const; // 0: none chosen yet
    void setWorkerPort(int port);
    QString workerToken() const; // empty: none made yet
    void setWorkerToken(const QString &token);

signals:
    void changed(hiscrm::ui::Settings::Key key);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace hiscrm::ui
