// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/Settings.h"

#include <QSettings>
#include <QStandardPaths>

namespace hiscrm::ui {

namespace {

struct Entry
{
    Settings::Key key;
    const char16_t *name;
    QVariant defaultValue;
};

QString systemCode()
{
    return QStringLiteral("system");
}
QString chineseCode()
{
    return QStringLiteral("zh_CN");
}
QString englishCode()
{
    return QStringLiteral("en");
}

const QList<Entry> &table()
{
    // Quick replies are stored text, not UI text: the operator edits them, so they are not tr()'d.
    static const QList<Entry> entries = {
        {Settings::Key::Language, u"ui/language", systemCode()},
        {Settings::Key::NotificationsEnabled, u"notifications/enabled", true},
        {Settings::Key::NotificationsPreview, u"notifications/showPreview", true},
        {Settings::Key::NotificationsSound, u"notifications/sound", false},
        {Settings::Key::QuickReplies, u"composer/quickReplies",
         QStringList{QStringLiteral("您好，请问有什么可以帮您？"), QStringLiteral("稍等，我帮您查一下"),
                     QStringLiteral("好的，已为您处理"), QStringLiteral("感谢您的支持，祝您生活愉快！"),
                     QStringLiteral("Thanks for your message!"),
                     QStringLiteral("One moment please, I'm checking that for you.")}},
        {Settings::Key::DataFolder, u"data/folder", QString()},
        {Settings::Key::WindowGeometry, u"window/geometry", QByteArray()},
        {Settings::Key::WindowState, u"window/state", QByteArray()},
        {Settings::Key::DemoEnabled, u"demo/enabled", false},
        {Settings::Key::Theme, u"ui/theme", systemCode()},
        {Settings::Key::FontSize, u"ui/fontSize", 0},
        {Settings::Key::CloseToTray, u"window/closeToTray", true},
        {Settings::Key::CloseToTrayHintShown, u"window/closeToTrayHintShown", false},
        {Settings::Key::WorkersEnabled, u"workers/enabled", false},
        {Settings::Key::WorkerPort, u"workers/port", 0},
        {Settings::Key::WorkerToken, u"workers/token", QString()},
        {Settings::Key::TeamSource, u"team/source", QString()},
    };
    return entries;
}

const Entry &entry(Settings::Key key)
{
    for (const Entry &e : table()) {
        if (e.key == key)
            return e;
    }
    Q_UNREACHABLE();
}

QString normalizedLanguage(const QString &value)
{
    return value == chineseCode() || value == englishCode() ? value : systemCode();
}

// Values of the key's own type, so that "true" from an INI file equals true from the caller.
QVariant normalized(Settings::Key key, QVariant value)
{
    const QVariant &def = entry(key).defaultValue;
    if (def.metaType() == QMetaType::fromType<QStringList>()) {
        // QSettings reads an empty list back as an invalid value, and a one-element list as a string.
        return value.isValid() ? QVariant(value.toStringList()) : QVariant(QStringList());
    }
    if (!value.isValid() || !value.convert(def.metaType()))
        return def;
    if (key == Settings::Key::Language)
        return normalizedLanguage(value.toString());
    if (key == Settings::Key::Theme) {
        const QString theme = value.toString();
        return theme == u"light" || theme == u"dark" ? theme : systemCode();
    }
    if (key == Settings::Key::FontSize) {
        const int points = value.toInt();
        return points <= 0 ? 0 : qBound(Settings::kMinFontSize, points, Settings::kMaxFontSize);
    }
    if (key == Settings::Key::WorkerPort) {
        const int port = value.toInt();
        return port > 0 && port <= 65535 ? port : 0;
    }
    return value;
}

} // namespace

Settings::Settings(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(QStringLiteral("HisCRM"), QStringLiteral("HisCRM Desk")))
{}

Settings::Settings(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{}

Settings::~Settings() = default;

QList<Settings::Key> Settings::keys()
{
    QList<Key> out;
    for (const Entry &e : table())
        out << e.key;
    return out;
}

QString Settings::keyName(Key key)
{
    return QString::fromUtf16(entry(key).name);
}

QVariant Settings::defaultValue(Key key)
{
    return entry(key).defaultValue;
}

QVariant Settings::get(Key key) const
{
    const QString name = keyName(key);
    if (!m_settings->contains(name))
        return defaultValue(key);
    return normalized(key, m_settings->value(name));
}

void Settings::set(Key key, const QVariant &value)
{
    const QVariant next = normalized(key, value);
    if (get(key) == next)
        return;
    if (next == defaultValue(key))
        m_settings->remove(keyName(key));
    else
        m_settings->setValue(keyName(key), next);
    emit changed(key);
}

void Settings::reset(Key key)
{
    set(key, defaultValue(key));
}

void Settings::sync()
{
    m_settings->sync();
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

QString Settings::language() const
{
    return get(Key::Language).toString();
}

void Settings::setLanguage(const QString &language)
{
    set(Key::Language, language);
}

QString Settings::effectiveLanguage() const
{
    return resolveLanguage(language(), QLocale::system());
}

QString Settings::resolveLanguage(const QString &setting, const QLocale &system)
{
    const QString value = normalizedLanguage(setting);
    if (value != systemCode())
        return value;
    // Chinese of any region reads Simplified Chinese best among the languages we ship.
    return system.language() == QLocale::Chinese ? chineseCode() : englishCode();
}

bool Settings::notificationsEnabled() const
{
    return get(Key::NotificationsEnabled).toBool();
}

void Settings::setNotificationsEnabled(bool enabled)
{
    set(Key::NotificationsEnabled, enabled);
}

bool Settings::notificationPreview() const
{
    return get(Key::NotificationsPreview).toBool();
}

void Settings::setNotificationPreview(bool show)
{
    set(Key::NotificationsPreview, show);
}

bool Settings::notificationSound() const
{
    return get(Key::NotificationsSound).toBool();
}

void Settings::setNotificationSound(bool sound)
{
    set(Key::NotificationsSound, sound);
}

QStringList Settings::quickReplies() const
{
    return get(Key::QuickReplies).toStringList();
}

void Settings::setQuickReplies(const QStringList &replies)
{
    set(Key::QuickReplies, replies);
}

QString Settings::dataFolder() const
{
    return get(Key::DataFolder).toString();
}

void Settings::setDataFolder(const QString &folder)
{
    set(Key::DataFolder, folder.trimmed());
}

QString Settings::defaultDataFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Settings::effectiveDataFolder() const
{
    const QString folder = dataFolder();
    return folder.isEmpty() ? defaultDataFolder() : folder;
}

QByteArray Settings::windowGeometry() const
{
    return get(Key::WindowGeometry).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    set(Key::WindowGeometry, geometry);
}

QByteArray Settings::windowState() const
{
    return get(Key::WindowState).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    set(Key::WindowState, state);
}

} // namespace hiscrm::ui

namespace hiscrm::ui {

bool Settings::demoEnabled() const
{
    return get(Key::DemoEnabled).toBool();
}

void Settings::setDemoEnabled(bool enabled)
{
    set(Key::DemoEnabled, enabled);
}

QString Settings::teamSource() const
{
    return get(Key::TeamSource).toString();
}

void Settings::setTeamSource(const QString &pairingId)
{
    set(Key::TeamSource, pairingId);
}

} // namespace hiscrm::ui

namespace hiscrm::ui {

QString Settings::theme() const
{
    return get(Key::Theme).toString();
}

void Settings::setTheme(const QString &theme)
{
    set(Key::Theme, theme);
}

int Settings::fontSize() const
{
    return get(Key::FontSize).toInt();
}

void Settings::setFontSize(int points)
{
    set(Key::FontSize, points);
}

bool Settings::closeToTray() const
{
    return get(Key::CloseToTray).toBool();
}

void Settings::setCloseToTray(bool enabled)
{
    set(Key::CloseToTray, enabled);
}

bool Settings::closeToTrayHintShown() const
{
    return get(Key::CloseToTrayHintShown).toBool();
}

void Settings::setCloseToTrayHintShown(bool shown)
{
    set(Key::CloseToTrayHintShown, shown);
}

bool Settings::workersEnabled() const
{
    return get(Key::WorkersEnabled).toBool();
}

void Settings::setWorkersEnabled(bool enabled)
{
    set(Key::WorkersEnabled, enabled);
}

int Settings::workerPort() const
{
    return get(Key::WorkerPort).toInt();
}

void Settings::setWorkerPort(int port)
{
    set(Key::WorkerPort, port);
}

QString Settings::workerToken() const
{
    return get(Key::WorkerToken).toString();
}

void Settings::setWorkerToken(const QString &token)
{
    set(Key::WorkerToken, token);
}

} // namespace hiscrm::ui
