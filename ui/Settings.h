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
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

signals:
    void changed(hiscrm::ui::Settings::Key key);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace hiscrm::ui
