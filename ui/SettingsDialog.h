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
class QTabWidget;

namespace hiscrm::ui {

class Settings;

// Preferences: General (language, data folder), Notifications, Quick replies, About. Edits stay in
// the widgets until OK or Apply writes them to Settings.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(Settings *settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // Widgets from the settings, dropping unapplied edits.
    void load();
    // Opens on the About page (Help > About).
    void showAbout();
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
    void retranslateUi();
    void updateButtons();
    void browseDataFolder();
    void addQuickReply();
    void editQuickReply();
    void removeQuickReply();
    void moveQuickReply(int delta);
    QStringList quickRepliesFromList() const;

    Settings *m_settings = nullptr;

    QTabWidget *m_tabs = nullptr;
    QWidget *m_generalPage = nullptr;
    QWidget *m_notificationsPage = nullptr;
    QWidget *m_quickRepliesPage = nullptr;
    QWidget *m_aboutPage = nullptr;

    QLabel *m_languageLabel = nullptr;
    QComboBox *m_languageCombo = nullptr;
    QLabel *m_dataFolderLabel = nullptr;
    QLineEdit *m_dataFolderEdit = nullptr;
    QPushButton *m_dataFolderBrowse = nullptr;
    QLabel *m_dataFolderNote = nullptr;

    QCheckBox *m_notificationsCheck = nullptr;
    QCheckBox *m_previewCheck = nullptr;
    QCheckBox *m_soundCheck = nullptr;

    QListWidget *m_quickReplies = nullptr;
    QPushButton *m_addReply = nullptr;
    QPushButton *m_editReply = nullptr;
    QPushButton *m_removeReply = nullptr;
    QPushButton *m_upReply = nullptr;
    QPushButton *m_downReply = nullptr;
    QLabel *m_quickRepliesHint = nullptr;

    QLabel *m_aboutName = nullptr;
    QLabel *m_aboutVersion = nullptr;
    QLabel *m_aboutQt = nullptr;
    QLabel *m_aboutSqlite = nullptr;
    QLabel *m_aboutDescription = nullptr;
    QLabel *m_aboutLicense = nullptr;

    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace hiscrm::ui
