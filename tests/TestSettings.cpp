// SPDX-License-Identifier: GPL-3.0-or-later
#include "InputMethod.h"
#include "OneStringTranslator.h"

#include "common/Translations.h"
#include "ui/app/RunOptions.h"
#include "ui/common/AppIcon.h"
#include "ui/settings/Settings.h"
#include "ui/settings/SettingsDialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace hiscrm;
using namespace hiscrm::ui;
using namespace testutil;
using namespace Qt::StringLiterals;

namespace {

QString storeMessage()
{
    return QCoreApplication::translate("Store", "The file is not a HisCRM database.");
}

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString freshFile() { return m_dir.filePath(u"settings-%1.ini"_s.arg(++m_files)); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void cleanupTestCase() { installTranslations(QLocale(u"en"_s)); }

    // A test that sets the command line's overrides must not leak them into the next.
    void cleanup() { RunOptions::setCurrent({}); }

    void defaultsComeFromTheTable()
    {
        Settings s(freshFile());
        QCOMPARE(s.language(), u"system"_s);
        QCOMPARE(s.notificationsEnabled(), true);
        QCOMPARE(s.notificationPreview(), true);
        QCOMPARE(s.notificationSound(), false);
        QVERIFY(s.quickReplies().contains(u"您好，请问有什么可以帮您？"_s));
        QVERIFY(s.quickReplies().contains(u"稍等，我帮您查一下"_s));
        QVERIFY(s.quickReplies().contains(u"好的，已为您处理"_s));
        QVERIFY(s.quickReplies().contains(u"Thanks for your message!"_s));
        QCOMPARE(s.dataFolder(), QString());
        QCOMPARE(s.effectiveDataFolder(), Settings::defaultDataFolder());
        QCOMPARE(s.windowGeometry(), QByteArray());
        QCOMPARE(s.windowState(), QByteArray());
        for (Settings::Key key : Settings::keys()) {
            QCOMPARE(s.get(key), Settings::defaultValue(key));
            QVERIFY(!Settings::keyName(key).isEmpty());
        }
        QCOMPARE(Settings::keyName(Settings::Key::Language), u"ui/language"_s);
        QCOMPARE(Settings::keyName(Settings::Key::NotificationsPreview), u"notifications/showPreview"_s);
        QCOMPARE(Settings::keyName(Settings::Key::QuickReplies), u"composer/quickReplies"_s);
        QCOMPARE(Settings::keyName(Settings::Key::WindowState), u"window/state"_s);
    }

    void setEmitsChangedOnlyForRealChanges()
    {
        Settings s(freshFile());
        QSignalSpy spy(&s, &Settings::changed);
        s.setNotificationSound(true);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<Settings::Key>(), Settings::Key::NotificationsSound);
        s.setNotificationSound(true);
        s.set(Settings::Key::NotificationsSound, u"true"_s); // the same value, spelled as INI spells it
        QCOMPARE(spy.count(), 1);
        s.setNotificationSound(false);
        QCOMPARE(spy.count(), 2);
        s.setLanguage(u"system"_s); // already the default
        QCOMPARE(spy.count(), 2);
        s.setLanguage(u"klingon"_s); // unknown: means "system", so no change either
        QCOMPARE(spy.count(), 2);
        s.setQuickReplies(s.quickReplies());
        QCOMPARE(spy.count(), 2);
        s.setQuickReplies({u"新的回复"_s});
        QCOMPARE(spy.count(), 3);
        s.setWindowGeometry(QByteArray("\x01\x02", 2));
        s.setWindowGeometry(QByteArray("\x01\x02", 2));
        QCOMPARE(spy.count(), 4);
    }

    void valuesPersist()
    {
        const QString file = freshFile();
        const QByteArray state("\x00\xff state", 8);
        {
            Settings s(file);
            s.setLanguage(u"zh_CN"_s);
            s.setNotificationsEnabled(false);
            s.setNotificationPreview(false);
            s.setNotificationSound(true);
            s.setQuickReplies({u"您好"_s, u"Thanks, with a comma"_s});
            s.setDataFolder(u"/tmp/数据"_s);
            s.setWindowGeometry("geometry");
            s.setWindowState(state);
        }
        {
            Settings s(file);
            QCOMPARE(s.language(), u"zh_CN"_s);
            QCOMPARE(s.notificationsEnabled(), false);
            QCOMPARE(s.notificationPreview(), false);
            QCOMPARE(s.notificationSound(), true);
            QCOMPARE(s.quickReplies(), QStringList({u"您好"_s, u"Thanks, with a comma"_s}));
            QCOMPARE(s.dataFolder(), u"/tmp/数据"_s);
            QCOMPARE(s.effectiveDataFolder(), u"/tmp/数据"_s);
            QCOMPARE(s.windowGeometry(), QByteArray("geometry"));
            QCOMPARE(s.windowState(), state);
            // Lists of one and of none survive too (QSettings reads them back as other types).
            s.setQuickReplies({u"只有一条"_s});
        }
        {
            Settings s(file);
            QCOMPARE(s.quickReplies(), QStringList({u"只有一条"_s}));
            s.setQuickReplies({});
        }
        {
            Settings s(file);
            QCOMPARE(s.quickReplies(), QStringList());
            s.reset(Settings::Key::QuickReplies);
            QCOMPARE(s.quickReplies(), Settings::defaultValue(Settings::Key::QuickReplies).toStringList());
        }
    }

    void effectiveLanguage_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QLocale>("system");
        QTest::addColumn<QString>("expected");
        QTest::newRow("system, Chinese (China)") << u"system"_s << QLocale(u"zh_CN"_s) << u"zh_CN"_s;
        QTest::newRow("system, Chinese (Taiwan)") << u"system"_s << QLocale(u"zh_TW"_s) << u"zh_CN"_s;
        QTest::newRow("system, Chinese (Hong Kong)") << u"system"_s << QLocale(u"zh_HK"_s) << u"zh_CN"_s;
        QTest::newRow("system, English") << u"system"_s << QLocale(u"en_US"_s) << u"en"_s;
        QTest::newRow("system, German") << u"system"_s << QLocale(u"de_DE"_s) << u"en"_s;
        QTest::newRow("system, C") << u"system"_s << QLocale::c() << u"en"_s;
        QTest::newRow("Chinese chosen on an English system")
            << u"zh_CN"_s << QLocale(u"en_US"_s) << u"zh_CN"_s;
        QTest::newRow("English chosen on a Chinese system") << u"en"_s << QLocale(u"zh_CN"_s) << u"en"_s;
        QTest::newRow("garbage means system") << u"xx"_s << QLocale(u"zh_CN"_s) << u"zh_CN"_s;
    }

    void effectiveLanguage()
    {
        QFETCH(QString, setting);
        QFETCH(QLocale, system);
        QFETCH(QString, expected);
        QCOMPARE(Settings::resolveLanguage(setting, system), expected);
    }

    void effectiveLanguageOfThisMachine()
    {
        Settings s(freshFile());
        QCOMPARE(s.effectiveLanguage(), Settings::resolveLanguage(u"system"_s, QLocale::system()));
        s.setLanguage(u"zh_CN"_s);
        QCOMPARE(s.effectiveLanguage(), u"zh_CN"_s);
        s.setLanguage(u"en"_s);
        QCOMPARE(s.effectiveLanguage(), u"en"_s);
    }

    void dialogSwitchesLanguage()
    {
        Settings s(freshFile());
        SettingsDialog dialog(&s);
        auto *combo = dialog.findChild<QComboBox *>(u"languageCombo"_s);
        QVERIFY(combo);
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->currentData().toString(), u"system"_s);
        QCOMPARE(combo->itemText(1), u"简体中文"_s);
        QCOMPARE(combo->itemText(2), u"English"_s);
        auto *apply = dialog.findChild<QPushButton *>(u"applyButton"_s);
        QVERIFY(apply);
        QVERIFY(!apply->isEnabled());
        QSignalSpy languageSpy(&dialog, &SettingsDialog::languageChanged);

        combo->setCurrentIndex(combo->findData(u"en"_s));
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(languageSpy.count(), 1);
        QCOMPARE(languageSpy.at(0).at(0).toString(), u"en"_s);
        QCOMPARE(s.language(), u"en"_s);
        QCOMPARE(storeMessage(), u"The file is not a HisCRM database."_s);
        QVERIFY(!apply->isEnabled());

        combo->setCurrentIndex(combo->findData(u"zh_CN"_s));
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(languageSpy.count(), 2);
        QCOMPARE(languageSpy.at(1).at(0).toString(), u"zh_CN"_s);
        QCOMPARE(s.language(), u"zh_CN"_s);
        QCOMPARE(storeMessage(), u"该文件不是 HisCRM 数据库。"_s);
        // Retranslation (posted to the dialog) keeps the choice and the language names.
        QCoreApplication::processEvents();
        QCOMPARE(combo->currentData().toString(), u"zh_CN"_s);
        QCOMPARE(combo->itemText(1), u"简体中文"_s);

        // Applying again without a change installs nothing.
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(languageSpy.count(), 2);

        installTranslations(QLocale(u"en"_s));
        QCOMPARE(storeMessage(), u"The file is not a HisCRM database."_s);
    }

    void dialogRetranslatesOnLanguageChange()
    {
        Settings s(freshFile());
        SettingsDialog dialog(&s);
        auto *tabs = dialog.findChild<QTabWidget *>(u"settingsTabs"_s);
        QVERIFY(tabs);
        const QString before = tabs->tabText(0);
        QVERIFY(!before.isEmpty());
        OneStringTranslator translator("hiscrm::ui::SettingsDialog", "General", u"常规（测试）"_s);
        QCoreApplication::installTranslator(&translator);
        QTRY_COMPARE(tabs->tabText(0), u"常规（测试）"_s);
        QCoreApplication::removeTranslator(&translator);
        QTRY_COMPARE(tabs->tabText(0), before);
    }

    void dialogWritesOnlyOnApply()
    {
        Settings s(freshFile());
        SettingsDialog dialog(&s);
        auto *notifications = dialog.findChild<QCheckBox *>(u"notificationsCheck"_s);
        auto *preview = dialog.findChild<QCheckBox *>(u"previewCheck"_s);
        auto *sound = dialog.findChild<QCheckBox *>(u"soundCheck"_s);
        auto *folder = dialog.findChild<QLineEdit *>(u"dataFolderEdit"_s);
        QVERIFY(notifications && preview && sound && folder);
        QVERIFY(notifications->isChecked() && preview->isChecked() && !sound->isChecked());

        notifications->setChecked(false);
        QVERIFY(!preview->isEnabled()); // meaningless without notifications
        QVERIFY(!sound->isEnabled());
        folder->setText(u"/srv/hiscrm"_s);
        QCOMPARE(s.notificationsEnabled(), true);
        QVERIFY(dialog.hasPendingChanges());

        dialog.load(); // cancel-like: the edits are dropped
        QVERIFY(notifications->isChecked());
        QCOMPARE(folder->text(), QString());

        notifications->setChecked(false);
        sound->setChecked(true);
        folder->setText(u"/srv/hiscrm"_s);
        dialog.accept();
        QCOMPARE(s.notificationsEnabled(), false);
        QCOMPARE(s.notificationSound(), true);
        QCOMPARE(s.dataFolder(), u"/srv/hiscrm"_s);
    }

    void quickReplyEditsPersist()
    {
        const QString file = freshFile();
        {
            Settings s(file);
            SettingsDialog dialog(&s);
            auto *tabs = dialog.findChild<QTabWidget *>(u"settingsTabs"_s);
            auto *list = dialog.findChild<QListWidget *>(u"quickRepliesList"_s);
            auto *add = dialog.findChild<QPushButton *>(u"quickReplyAddButton"_s);
            auto *edit = dialog.findChild<QPushButton *>(u"quickReplyEditButton"_s);
            auto *remove = dialog.findChild<QPushButton *>(u"quickReplyRemoveButton"_s);
            auto *up = dialog.findChild<QPushButton *>(u"quickReplyUpButton"_s);
            auto *down = dialog.findChild<QPushButton *>(u"quickReplyDownButton"_s);
            QVERIFY(tabs && list && add && edit && remove && up && down);
            tabs->setCurrentWidget(list->parentWidget());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            const QStringList defaults = s.quickReplies();
            QCOMPARE(list->count(), defaults.size());

            list->setCurrentRow(0);
            QVERIFY(!up->isEnabled());
            QVERIFY(down->isEnabled());
            QTest::mouseClick(remove, Qt::LeftButton); // the first default goes
            QCOMPARE(list->count(), defaults.size() - 1);

            // Add after the last reply and type it in the editor that opens.
            list->setCurrentRow(list->count() - 1);
            QTest::mouseClick(add, Qt::LeftButton);
            QCOMPARE(list->count(), defaults.size());
            QCOMPARE(list->currentRow(), list->count() - 1);
            QLineEdit *editor = nullptr;
            QTRY_VERIFY((editor = list->viewport()->findChild<QLineEdit *>()) != nullptr);
            sendCommit(editor, u"亲，包邮"_s);
            QTest::keyClick(editor, Qt::Key_Return);
            QTRY_COMPARE(list->currentItem()->text(), u"亲，包邮"_s);

            // Edit it: the Edit button opens the editor on the selected reply.
            QTest::mouseClick(edit, Qt::LeftButton);
            QTRY_VERIFY((editor = list->viewport()->findChild<QLineEdit *>()) != nullptr &&
                        editor->isVisible());
            QTest::keyClick(editor, Qt::Key_End);
            sendCommit(editor, u"哦"_s);
            QTest::keyClick(editor, Qt::Key_Return);
            QTRY_COMPARE(list->currentItem()->text(), u"亲，包邮哦"_s);

            QTest::mouseClick(up, Qt::LeftButton);
            QCOMPARE(list->currentRow(), list->count() - 2);
            QTest::mouseClick(down, Qt::LeftButton);
            QCOMPARE(list->currentRow(), list->count() - 1);
            QVERIFY(!down->isEnabled());
            QTest::mouseClick(up, Qt::LeftButton);

            // A reply added and never written is dropped.
            list->setCurrentRow(0);
            QTest::mouseClick(add, Qt::LeftButton);
            QCOMPARE(list->count(), defaults.size() + 1);

            dialog.apply();
        }
        Settings s(file);
        QStringList expected = Settings::defaultValue(Settings::Key::QuickReplies).toStringList().mid(1);
        expected.insert(expected.size() - 1, u"亲，包邮哦"_s);
        QCOMPARE(s.quickReplies(), expected);
    }

    void everyControlHasAnAccessibleName()
    {
        Settings s(freshFile());
        SettingsDialog dialog(&s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        int controls = 0;
        const QList<QWidget *> widgets = dialog.findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            if (!qobject_cast<QAbstractButton *>(w) && !qobject_cast<QComboBox *>(w) &&
                !qobject_cast<QLineEdit *>(w) && !qobject_cast<QListWidget *>(w) &&
                !qobject_cast<QAbstractSpinBox *>(w))
                continue;
            ++controls;
            QVERIFY2(!w->accessibleName().isEmpty(),
                     qPrintable(u"no accessible name: %1 (%2)"_s.arg(
                         w->objectName(), QString::fromLatin1(w->metaObject()->className()))));
        }
        QVERIFY(controls >= 18);
    }

    void appearanceValuesAreNormalized()
    {
        Settings s(freshFile());
        QCOMPARE(s.theme(), u"system"_s);
        QCOMPARE(s.fontSize(), 0);
        QCOMPARE(s.closeToTray(), true);
        QCOMPARE(s.closeToTrayHintShown(), false);
        s.setTheme(u"dark"_s);
        QCOMPARE(s.theme(), u"dark"_s);
        s.setTheme(u"purple"_s);
        QCOMPARE(s.theme(), u"system"_s);
        s.setFontSize(30);
        QCOMPARE(s.fontSize(), Settings::kMaxFontSize);
        s.setFontSize(3);
        QCOMPARE(s.fontSize(), Settings::kMinFontSize);
        s.setFontSize(-4);
        QCOMPARE(s.fontSize(), 0);
    }

    void dialogAppearanceRoundTrips()
    {
        const QString file = freshFile();
        {
            Settings s(file);
            SettingsDialog dialog(&s);
            auto *theme = dialog.findChild<QComboBox *>(u"themeCombo"_s);
            auto *size = dialog.findChild<QSpinBox *>(u"fontSizeSpin"_s);
            auto *apply = dialog.findChild<QPushButton *>(u"applyButton"_s);
            QVERIFY(theme && size && apply);
            QCOMPARE(theme->count(), 3);
            QCOMPARE(theme->currentData().toString(), u"system"_s);
            // "Default" sits below the smallest size and is what 0 shows as.
            QCOMPARE(size->value(), size->minimum());
            QVERIFY(size->text().startsWith(size->specialValueText()));
            QCOMPARE(size->minimum(), Settings::kMinFontSize - 1);
            QCOMPARE(size->maximum(), Settings::kMaxFontSize);

            QSignalSpy changed(&s, &Settings::changed);
            theme->setCurrentIndex(theme->findData(u"dark"_s));
            QVERIFY(apply->isEnabled());
            size->setValue(16);
            QCOMPARE(s.theme(), u"system"_s); // nothing written before Apply
            QTest::mouseClick(apply, Qt::LeftButton);
            QCOMPARE(s.theme(), u"dark"_s);
            QCOMPARE(s.fontSize(), 16);
            QVERIFY(!apply->isEnabled());
            // Settings::changed is what main.cpp applies the appearance from.
            QList<Settings::Key> keys;
            for (const QList<QVariant> &args : std::as_const(changed))
                keys << args.at(0).value<Settings::Key>();
            QVERIFY(keys.contains(Settings::Key::Theme));
            QVERIFY(keys.contains(Settings::Key::FontSize));
        }
        {
            Settings s(file);
            SettingsDialog dialog(&s);
            auto *theme = dialog.findChild<QComboBox *>(u"themeCombo"_s);
            auto *size = dialog.findChild<QSpinBox *>(u"fontSizeSpin"_s);
            QCOMPARE(theme->currentData().toString(), u"dark"_s);
            QCOMPARE(size->value(), 16);
            theme->setCurrentIndex(theme->findData(u"light"_s));
            size->setValue(size->minimum());
            dialog.accept();
            QCOMPARE(s.theme(), u"light"_s);
            QCOMPARE(s.fontSize(), 0);
        }
    }

    void dialogCloseToTray()
    {
        Settings s(freshFile());
        SettingsDialog dialog(&s);
        auto *check = dialog.findChild<QCheckBox *>(u"closeToTrayCheck"_s);
        auto *note = dialog.findChild<QLabel *>(u"closeToTrayNote"_s);
        auto *notificationsNote = dialog.findChild<QLabel *>(u"notificationsNote"_s);
        QVERIFY(check && note && notificationsNote);
        // By default the dialog asks the platform.
        QCOMPARE(check->isEnabled(), QSystemTrayIcon::isSystemTrayAvailable());

        dialog.setSystemTrayAvailable(true);
        QVERIFY(check->isEnabled());
        QVERIFY(check->isChecked()); // the default
        QVERIFY(note->isHidden());
        QVERIFY(notificationsNote->isHidden());
        check->setChecked(false);
        QVERIFY(dialog.hasPendingChanges());
        dialog.apply();
        QCOMPARE(s.closeToTray(), false);
        dialog.load();
        QVERIFY(!check->isChecked());
        check->setChecked(true);
        dialog.apply();
        QCOMPARE(s.closeToTray(), true);

        // Without a tray, closing quits: the box says so and the saved choice is left alone.
        dialog.setSystemTrayAvailable(false);
        QVERIFY(!check->isEnabled());
        QVERIFY(!check->isChecked());
        QVERIFY(!note->isHidden());
        QVERIFY(!note->text().isEmpty());
        // The Notifications page says what happens instead of a notification.
        QVERIFY(!notificationsNote->isHidden());
        QVERIFY(notificationsNote->text().contains(u"taskbar"_s));
        QVERIFY(!dialog.hasPendingChanges());
        dialog.apply();
        QCOMPARE(s.closeToTray(), true);
    }

    // The About page shows the app's icon, embedded in every size the platforms ask for (the
    // window and the tray at rest use the same icon).
    void aboutShowsTheAppIcon()
    {
        const QIcon icon = appIcon();
        QVERIFY(!icon.isNull());
        for (int size : appIconSizes()) {
            const QImage image = icon.pixmap(QSize(size, size), 1.0).toImage();
            QCOMPARE(image.size(), QSize(size, size));
            // The blue square fills the middle; the corners stay transparent.
            QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
            QVERIFY(qAlpha(image.pixel(size / 2, size / 8)) > 200);
        }
        Settings s(freshFile());
        SettingsDialog dialog(&s);
        auto *label = dialog.findChild<QLabel *>(u"aboutIcon"_s);
        QVERIFY(label);
        QCOMPARE(label->pixmap().toImage().convertToFormat(QImage::Format_ARGB32),
                 icon.pixmap(QSize(64, 64), dialog.devicePixelRatioF())
                     .toImage()
                     .convertToFormat(QImage::Format_ARGB32));
    }

    void dialogShowsTheCommandLineOverrides()
    {
        Settings s(freshFile());
        const QString runFolder = m_dir.filePath(u"run-folder"_s);
        RunOptions::setCurrent({u"zh_CN"_s, runFolder});
        SettingsDialog dialog(&s);
        auto *combo = dialog.findChild<QComboBox *>(u"languageCombo"_s);
        auto *languageNote = dialog.findChild<QLabel *>(u"languageNote"_s);
        auto *folder = dialog.findChild<QLineEdit *>(u"dataFolderEdit"_s);
        auto *folderNote = dialog.findChild<QLabel *>(u"dataFolderNote"_s);
        QVERIFY(combo && languageNote && folder && folderNote);

        // What this run uses, not "Follow system" and the default folder.
        QCOMPARE(combo->currentData().toString(), u"zh_CN"_s);
        QVERIFY(!languageNote->isHidden());
        QVERIFY(languageNote->text().contains(u"--lang"_s));
        QCOMPARE(QDir::fromNativeSeparators(folder->text()), runFolder);
        QVERIFY(folderNote->text().contains(u"--data-dir"_s));
        QVERIFY(folderNote->text().contains(QDir::toNativeSeparators(runFolder)));
        // Showing an override is no edit: applying it untouched saves nothing.
        QVERIFY(!dialog.hasPendingChanges());
        QSignalSpy languageSpy(&dialog, &SettingsDialog::languageChanged);
        dialog.apply();
        QCOMPARE(s.language(), u"system"_s);
        QCOMPARE(s.dataFolder(), QString());
        QCOMPARE(languageSpy.count(), 0);

        // A folder chosen here is saved for the next runs; this run still uses --data-dir's.
        folder->setText(u"/srv/next"_s);
        QVERIFY(dialog.hasPendingChanges());
        dialog.apply();
        QCOMPARE(s.dataFolder(), u"/srv/next"_s);
        QVERIFY(folderNote->text().contains(QDir::toNativeSeparators(runFolder)));

        // A language chosen here is saved, installed, and ends --lang's part.
        combo->setCurrentIndex(combo->findData(u"en"_s));
        QVERIFY(dialog.hasPendingChanges());
        dialog.apply();
        QCOMPARE(s.language(), u"en"_s);
        QCOMPARE(languageSpy.count(), 1);
        QCOMPARE(languageSpy.at(0).at(0).toString(), u"en"_s);
        QVERIFY(languageNote->isHidden());
        QCOMPARE(RunOptions::current().language, QString());
        QCOMPARE(RunOptions::current().dataDir, runFolder);

        // Without overrides the controls show the settings again.
        dialog.setCommandLineOverrides({}, {});
        QCOMPARE(combo->currentData().toString(), u"en"_s);
        QCOMPARE(QDir::fromNativeSeparators(folder->text()), u"/srv/next"_s);
        QVERIFY(!folderNote->text().contains(u"--data-dir"_s));
    }

    void dialogOverrideOfFollowSystemInstallsOnChange()
    {
        // --lang zh_CN on a machine that follows the system (English here): picking "Follow system"
        // changes no setting, but the language in effect, so it is installed.
        Settings s(freshFile());
        SettingsDialog dialog(&s);
        dialog.setCommandLineOverrides(u"zh_CN"_s, {});
        auto *combo = dialog.findChild<QComboBox *>(u"languageCombo"_s);
        QCOMPARE(combo->currentData().toString(), u"zh_CN"_s);
        QSignalSpy languageSpy(&dialog, &SettingsDialog::languageChanged);
        combo->setCurrentIndex(combo->findData(u"system"_s));
        QVERIFY(dialog.hasPendingChanges());
        dialog.apply();
        QCOMPARE(s.language(), u"system"_s);
        QCOMPARE(languageSpy.count(), 1);
        QCOMPARE(languageSpy.at(0).at(0).toString(), s.effectiveLanguage());
        QVERIFY(!dialog.hasPendingChanges());
        installTranslations(QLocale(u"en"_s));
    }

    // Notes and the About title are sized from the dialog's font: a new text size reaches them.
    void dialogFontsFollowTheTextSize()
    {
        Settings s(freshFile());
        SettingsDialog dialog(&s);
        auto *note = dialog.findChild<QLabel *>(u"dataFolderNote"_s);
        auto *title = dialog.findChild<QLabel *>(u"aboutNameLabel"_s);
        QVERIFY(note && title);
        const QFont original = QApplication::font();
        QFont bigger = original;
        bigger.setPointSize(20);
        QApplication::setFont(bigger);
        QTRY_COMPARE(note->font().pointSizeF(), 18.0);
        QCOMPARE(title->font().pointSizeF(), 28.0);
        QApplication::setFont(original);
        QTRY_COMPARE(note->font().pointSizeF(), original.pointSizeF() * 0.9);
    }

    void dialogFitsTheDataFolder_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << u"en"_s;
        QTest::newRow("zh_CN") << u"zh_CN"_s;
    }

    // A trial found the data folder cut off: the field must show the whole path, next to its
    // label and the Browse button, in either language, however small the dialog is made.
    void dialogFitsTheDataFolder()
    {
        QFETCH(QString, language);
        installTranslations(QLocale(language));
        Settings s(freshFile());
        SettingsDialog dialog(&s);
        const QString longFolder = u"/home/operator/Documents/HisCRM Desk history/shop accounts 2024"_s;
        dialog.setCommandLineOverrides({}, longFolder);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.resize(50, 50); // the layout keeps it at its minimum
        QCoreApplication::processEvents();

        auto *folder = dialog.findChild<QLineEdit *>(u"dataFolderEdit"_s);
        auto *browse = dialog.findChild<QPushButton *>(u"dataFolderBrowseButton"_s);
        QVERIFY(folder && browse);
        const QFontMetrics fm(folder->font());
        // QLineEdit draws its text inside the frame, 2 px in from each side.
        const int frame = folder->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, folder);
        const int textWidth = folder->width() - 2 * frame - 4;
        for (const QString &path : {QDir::toNativeSeparators(longFolder), folder->placeholderText()}) {
            QVERIFY2(
                textWidth >= fm.horizontalAdvance(path),
                qPrintable(
                    u"%1 px for %2 px of \"%3\""_s.arg(textWidth).arg(fm.horizontalAdvance(path)).arg(path)));
        }
        QVERIFY(browse->width() >= browse->sizeHint().width());
        QVERIFY(folder->geometry().right() < browse->geometry().left());
        QVERIFY(browse->mapTo(&dialog, browse->rect().bottomRight()).x() < dialog.width());
        installTranslations(QLocale(u"en"_s));
    }
};

QTEST_MAIN(TestSettings)
#include "TestSettings.moc"
