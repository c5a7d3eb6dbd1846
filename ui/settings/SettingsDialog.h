// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace hiscrm::ui {

class Settings;

// Preferences: General (language, data folder, close to tray), Appearance (theme, text size),
// Notifications, Quick replies, About. Edits stay in the widgets until OK or Apply writes them to
// Settings; whoever follows Settings::changed applies them (main.cpp: the appearance).
//
// The dialog shows what is in effect for this run: where the command line overrides a setting
// (--lang, --data-dir; see RunOptions), the control shows the override with a note, and only a
// change the user makes there is saved.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(Settings *settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // Widgets from the settings (and the command line's overrides), dropping unapplied edits.
    void load();
    // What the command line chose for this run: the language code installed because of --lang and
    // the folder given with --data-dir (empty: not given). The constructor takes them from
    // RunOptions::current(). Reloads the widgets.
    void setCommandLineOverrides(const QString &language, const QString &dataDir);
    // Whether closing to the tray can work here; the constructor asks QSystemTrayIcon. Without a
    // tray the option is shown off and disabled, with the reason, and applying leaves it alone.
    void setSystemTrayAvailable(bool available);
    // Opens on the About page (Help > About).
    void showAbout();
    // Opens on the Quick replies page, its list focused (the reply box's quick replies menu).
    void showQuickReplies();
    // Widgets to the settings. A new language is installed at once (installTranslations) and
    // announced with languageChanged.
    void apply();
    // Whether the widgets hold edits not applied yet.
    bool hasPendingChanges() const;

    void accept() override;

signals:
    // The catalogue now installed: "zh_CN" or "en".
    void languageChanged(const QString &code);
    void applied();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void buildGeneralPage();
    void buildAppearancePage();
    void buildNotificationsPage();
    void buildQuickRepliesPage();
    void buildAboutPage();
    void retranslateUi();
    void updateButtons();
    void updateNotes();
    void updateFonts();
    void updateFieldWidths();
    void loadCloseToTray();
    int fontSizeFromSpin() const;
    QString dataFolderFromEdit() const;
    void browseDataFolder();
    void addQuickReply();
    void editQuickReply();
    void removeQuickReply();
    void moveQuickReply(int delta);
    QStringList quickRepliesFromList() const;

    Settings *m_settings = nullptr;
    QString m_languageOverride; // --lang's catalogue, until the user picks a language here
    QString m_dataDirOverride;  // --data-dir's folder
    bool m_trayAvailable = false;
    // What the language and folder controls were loaded with (the override or the setting): only a
    // change from these is an edit to save.
    QString m_shownLanguage;
    QString m_shownDataFolder;

    QTabWidget *m_tabs = nullptr;
    QWidget *m_generalPage = nullptr;
    QWidget *m_appearancePage = nullptr;
    QWidget *m_notificationsPage = nullptr;
    QWidget *m_quickRepliesPage = nullptr;
    QWidget *m_aboutPage = nullptr;

    QLabel *m_languageLabel = nullptr;
    QComboBox *m_languageCombo = nullptr;
    QLabel *m_languageNote = nullptr;
    QLabel *m_dataFolderLabel = nullptr;
    QLineEdit *m_dataFolderEdit = nullptr;
    QPushButton *m_dataFolderBrowse = nullptr;
    QLabel *m_dataFolderNote = nullptr;
    QCheckBox *m_closeToTrayCheck = nullptr;
    QLabel *m_closeToTrayNote = nullptr;

    QLabel *m_themeLabel = nullptr;
    QComboBox *m_themeCombo = nullptr;
    QLabel *m_fontSizeLabel = nullptr;
    QSpinBox *m_fontSizeSpin = nullptr;

    QCheckBox *m_notificationsCheck = nullptr;
    QCheckBox *m_previewCheck = nullptr;
    QCheckBox *m_soundCheck = nullptr;
    QLabel *m_notificationsNote = nullptr; // no system tray: what happens instead

    QListWidget *m_quickReplies = nullptr;
    QPushButton *m_addReply = nullptr;
    QPushButton *m_editReply = nullptr;
    QPushButton *m_removeReply = nullptr;
    QPushButton *m_upReply = nullptr;
    QPushButton *m_downReply = nullptr;
    QLabel *m_quickRepliesHint = nullptr;

    QLabel *m_aboutIcon = nullptr;
    QLabel *m_aboutName = nullptr;
    QLabel *m_aboutVersion = nullptr;
    QLabel *m_aboutQt = nullptr;
    QLabel *m_aboutSqlite = nullptr;
    QLabel *m_aboutDescription = nullptr;
    QLabel *m_aboutLicense = nullptr;

    QDialogButtonBox *m_buttons = nullptr;
    QList<QLabel *> m_notes; // smaller than the dialog's font, kept so when that font changes
};

} // namespace hiscrm::ui
