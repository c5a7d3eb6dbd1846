// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/SettingsDialog.h"

#include "ui/common/AppIcon.h"

#include "common/Translations.h"
#include "ui/app/RunOptions.h"
#include "ui/settings/Settings.h"
#include "ui/settings/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <sqlite3.h>

namespace hiscrm::ui {

namespace {

constexpr int kSystemIndex = 0;
// The text size spin box shows "Default" one step below the smallest size: that step means 0.
constexpr int kDefaultFontStep = Settings::kMinFontSize - 1;
// A data-folder path wider than this many average characters is scrolled, not fitted.
constexpr int kMaxFolderChars = 72;

QListWidgetItem *makeReplyItem(const QString &text)
{
    auto *item = new QListWidgetItem(text);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    return item;
}

// A secondary line under a control: smaller and dimmer (the palette's placeholder colour, which
// the light and dark themes keep readable). Its font is set by SettingsDialog::updateFonts.
QLabel *makeNote(QWidget *parent, QList<QLabel *> *notes)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    notes->append(label);
    return label;
}

// `font` at `factor` times its size, whether the platform gave it in points or in pixels.
QFont scaledFont(QFont font, qreal factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else if (font.pixelSize() > 0)
        font.setPixelSize(qMax(1, qRound(font.pixelSize() * factor)));
    return font;
}

} // namespace

SettingsDialog::SettingsDialog(Settings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    Q_ASSERT(m_settings);
    setObjectName(QStringLiteral("settingsDialog"));
    const RunOptions run = RunOptions::current();
    m_languageOverride = run.language;
    m_dataDirOverride = run.dataDir;
    m_trayAvailable = QSystemTrayIcon::isSystemTrayAvailable();
    buildUi();
    retranslateUi();
    updateFonts();
    load();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::buildUi()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    // Every section's tab in sight, in either language: the dialog is at least as wide as they are.
    m_tabs->tabBar()->setUsesScrollButtons(false);

    buildGeneralPage();
    buildAppearancePage();
    buildNotificationsPage();
    buildQuickRepliesPage();
    buildAboutPage();

    m_buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    m_buttons->button(QDialogButtonBox::Apply)->setObjectName(QStringLiteral("applyButton"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_dataFolderBrowse, &QPushButton::clicked, this, &SettingsDialog::browseDataFolder);
    connect(m_addReply, &QPushButton::clicked, this, &SettingsDialog::addQuickReply);
    connect(m_editReply, &QPushButton::clicked, this, &SettingsDialog::editQuickReply);
    connect(m_removeReply, &QPushButton::clicked, this, &SettingsDialog::removeQuickReply);
    connect(m_upReply, &QPushButton::clicked, this, [this] { moveQuickReply(-1); });
    connect(m_downReply, &QPushButton::clicked, this, [this] { moveQuickReply(1); });

    connect(m_languageCombo, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateButtons);
    connect(m_dataFolderEdit, &QLineEdit::textChanged, this, &SettingsDialog::updateButtons);
    connect(m_closeToTrayCheck, &QCheckBox::toggled, this, &SettingsDialog::updateButtons);
    connect(m_themeCombo, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateButtons);
    connect(m_fontSizeSpin, &QSpinBox::valueChanged, this, &SettingsDialog::updateButtons);
    for (QCheckBox *c : {m_notificationsCheck, m_previewCheck, m_soundCheck})
        connect(c, &QCheckBox::toggled, this, &SettingsDialog::updateButtons);
    connect(m_quickReplies->model(), &QAbstractItemModel::dataChanged, this, &SettingsDialog::updateButtons);
    connect(m_quickReplies->model(), &QAbstractItemModel::rowsInserted, this, &SettingsDialog::updateButtons);
    connect(m_quickReplies->model(), &QAbstractItemModel::rowsRemoved, this, &SettingsDialog::updateButtons);
    connect(m_quickReplies->model(), &QAbstractItemModel::rowsMoved, this, &SettingsDialog::updateButtons);
    connect(m_quickReplies, &QListWidget::currentRowChanged, this, &SettingsDialog::updateButtons);
}

void SettingsDialog::buildGeneralPage()
{
    m_generalPage = new QWidget(m_tabs);
    m_generalPage->setObjectName(QStringLiteral("generalPage"));
    m_languageLabel = new QLabel(m_generalPage);
    m_languageCombo = new QComboBox(m_generalPage);
    m_languageCombo->setObjectName(QStringLiteral("languageCombo"));
    // Each language is named in itself: a reader of the other language must still find theirs.
    m_languageCombo->addItem(QString(), QStringLiteral("system"));
    m_languageCombo->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageLabel->setBuddy(m_languageCombo);
    m_languageNote = makeNote(m_generalPage, &m_notes);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));

    m_dataFolderLabel = new QLabel(m_generalPage);
    m_dataFolderEdit = new QLineEdit(m_generalPage);
    m_dataFolderEdit->setObjectName(QStringLiteral("dataFolderEdit"));
    m_dataFolderEdit->setPlaceholderText(QDir::toNativeSeparators(Settings::defaultDataFolder()));
    m_dataFolderLabel->setBuddy(m_dataFolderEdit);
    m_dataFolderBrowse = new QPushButton(m_generalPage);
    m_dataFolderBrowse->setObjectName(QStringLiteral("dataFolderBrowseButton"));
    m_dataFolderNote = makeNote(m_generalPage, &m_notes);
    m_dataFolderNote->setObjectName(QStringLiteral("dataFolderNote"));
    m_closeToTrayCheck = new QCheckBox(m_generalPage);
    m_closeToTrayCheck->setObjectName(QStringLiteral("closeToTrayCheck"));
    m_closeToTrayNote = makeNote(m_generalPage, &m_notes);
    m_closeToTrayNote->setObjectName(QStringLiteral("closeToTrayNote"));

    auto *languageBox = new QVBoxLayout;
    languageBox->addWidget(m_languageCombo);
    languageBox->addWidget(m_languageNote);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_dataFolderEdit, 1);
    folderRow->addWidget(m_dataFolderBrowse);
    auto *folderBox = new QVBoxLayout;
    folderBox->addLayout(folderRow);
    folderBox->addWidget(m_dataFolderNote);
    auto *trayBox = new QVBoxLayout;
    trayBox->addWidget(m_closeToTrayCheck);
    trayBox->addWidget(m_closeToTrayNote);
    auto *general = new QFormLayout(m_generalPage);
    // The folder field takes the width there is (some styles keep fields at their size hint).
    general->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    general->addRow(m_languageLabel, languageBox);
    general->addRow(m_dataFolderLabel, folderBox);
    general->addRow(trayBox);
    m_tabs->addTab(m_generalPage, QString());
}

void SettingsDialog::buildAppearancePage()
{
    m_appearancePage = new QWidget(m_tabs);
    m_appearancePage->setObjectName(QStringLiteral("appearancePage"));
    m_themeLabel = new QLabel(m_appearancePage);
    m_themeCombo = new QComboBox(m_appearancePage);
    m_themeCombo->setObjectName(QStringLiteral("themeCombo"));
    m_themeCombo->addItem(QString(), QStringLiteral("system"));
    m_themeCombo->addItem(QString(), QStringLiteral("light"));
    m_themeCombo->addItem(QString(), QStringLiteral("dark"));
    m_themeLabel->setBuddy(m_themeCombo);
    m_fontSizeLabel = new QLabel(m_appearancePage);
    m_fontSizeSpin = new QSpinBox(m_appearancePage);
    m_fontSizeSpin->setObjectName(QStringLiteral("fontSizeSpin"));
    m_fontSizeSpin->setRange(kDefaultFontStep, Settings::kMaxFontSize);
    m_fontSizeSpin->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed); // a number needs no room
    m_fontSizeLabel->setBuddy(m_fontSizeSpin);
    auto *appearance = new QFormLayout(m_appearancePage);
    appearance->addRow(m_themeLabel, m_themeCombo);
    appearance->addRow(m_fontSizeLabel, m_fontSizeSpin);
    m_tabs->addTab(m_appearancePage, QString());
}

void SettingsDialog::buildNotificationsPage()
{
    m_notificationsPage = new QWidget(m_tabs);
    m_notificationsPage->setObjectName(QStringLiteral("notificationsPage"));
    m_notificationsCheck = new QCheckBox(m_notificationsPage);
    m_notificationsCheck->setObjectName(QStringLiteral("notificationsCheck"));
    m_previewCheck = new QCheckBox(m_notificationsPage);
    m_previewCheck->setObjectName(QStringLiteral("previewCheck"));
    m_soundCheck = new QCheckBox(m_notificationsPage);
    m_soundCheck->setObjectName(QStringLiteral("soundCheck"));
    auto *notifications = new QVBoxLayout(m_notificationsPage);
    notifications->addWidget(m_notificationsCheck);
    // Indented: they only mean something while notifications are on.
    auto *dependent = new QVBoxLayout;
    dependent->setContentsMargins(style()->pixelMetric(QStyle::PM_IndicatorWidth) * 2, 0, 0, 0);
    dependent->addWidget(m_previewCheck);
    dependent->addWidget(m_soundCheck);
    notifications->addLayout(dependent);
    m_notificationsNote = makeNote(m_notificationsPage, &m_notes);
    m_notificationsNote->setObjectName(QStringLiteral("notificationsNote"));
    notifications->addWidget(m_notificationsNote);
    notifications->addStretch(1);
    m_tabs->addTab(m_notificationsPage, QString());
}

void SettingsDialog::buildQuickRepliesPage()
{
    m_quickRepliesPage = new QWidget(m_tabs);
    m_quickRepliesPage->setObjectName(QStringLiteral("quickRepliesPage"));
    m_quickReplies = new QListWidget(m_quickRepliesPage);
    m_quickReplies->setObjectName(QStringLiteral("quickRepliesList"));
    m_quickReplies->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_quickReplies->setSelectionMode(QAbstractItemView::SingleSelection);
    m_quickReplies->setWordWrap(true);
    m_addReply = new QPushButton(m_quickRepliesPage);
    m_addReply->setObjectName(QStringLiteral("quickReplyAddButton"));
    m_editReply = new QPushButton(m_quickRepliesPage);
    m_editReply->setObjectName(QStringLiteral("quickReplyEditButton"));
    m_removeReply = new QPushButton(m_quickRepliesPage);
    m_removeReply->setObjectName(QStringLiteral("quickReplyRemoveButton"));
    m_upReply = new QPushButton(m_quickRepliesPage);
    m_upReply->setObjectName(QStringLiteral("quickReplyUpButton"));
    m_downReply = new QPushButton(m_quickRepliesPage);
    m_downReply->setObjectName(QStringLiteral("quickReplyDownButton"));
    m_quickRepliesHint = makeNote(m_quickRepliesPage, &m_notes);
    m_quickRepliesHint->setObjectName(QStringLiteral("quickRepliesHint"));
    auto *replyButtons = new QVBoxLayout;
    for (QPushButton *b : {m_addReply, m_editReply, m_removeReply, m_upReply, m_downReply})
        replyButtons->addWidget(b);
    replyButtons->addStretch(1);
    auto *replyRow = new QHBoxLayout;
    replyRow->addWidget(m_quickReplies, 1);
    replyRow->addLayout(replyButtons);
    auto *replies = new QVBoxLayout(m_quickRepliesPage);
    replies->addLayout(replyRow, 1);
    replies->addWidget(m_quickRepliesHint);
    m_tabs->addTab(m_quickRepliesPage, QString());
}

void SettingsDialog::buildAboutPage()
{
    m_aboutPage = new QWidget(m_tabs);
    m_aboutPage->setObjectName(QStringLiteral("aboutPage"));
    m_aboutIcon = new QLabel(m_aboutPage);
    m_aboutIcon->setObjectName(QStringLiteral("aboutIcon"));
    m_aboutIcon->setPixmap(appIcon().pixmap(QSize(64, 64), devicePixelRatioF()));
    m_aboutName = new QLabel(m_aboutPage);
    m_aboutName->setObjectName(QStringLiteral("aboutNameLabel"));
    m_aboutVersion = new QLabel(m_aboutPage);
    m_aboutVersion->setObjectName(QStringLiteral("aboutVersionLabel"));
    m_aboutQt = new QLabel(m_aboutPage);
    m_aboutQt->setObjectName(QStringLiteral("aboutQtLabel"));
    m_aboutSqlite = new QLabel(m_aboutPage);
    m_aboutSqlite->setObjectName(QStringLiteral("aboutSqliteLabel"));
    m_aboutDescription = new QLabel(m_aboutPage);
    m_aboutDescription->setObjectName(QStringLiteral("aboutDescriptionLabel"));
    m_aboutDescription->setWordWrap(true);
    m_aboutLicense = makeNote(m_aboutPage, &m_notes);
    m_aboutLicense->setObjectName(QStringLiteral("aboutLicenseLabel"));
    // Versions are what a bug report needs: let the user copy them.
    for (QLabel *l : {m_aboutVersion, m_aboutQt, m_aboutSqlite})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *about = new QVBoxLayout(m_aboutPage);
    auto *title = new QHBoxLayout;
    title->addWidget(m_aboutIcon);
    title->addWidget(m_aboutName, 1);
    about->addLayout(title);
    about->addWidget(m_aboutDescription);
    about->addSpacing(fontMetrics().height());
    about->addWidget(m_aboutVersion);
    about->addWidget(m_aboutQt);
    about->addWidget(m_aboutSqlite);
    about->addStretch(1);
    about->addWidget(m_aboutLicense);
    m_tabs->addTab(m_aboutPage, QString());
}

// About 80 lines: one text per widget of the five pages, in one place so a language switch
// misses none.
void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    m_tabs->setAccessibleName(tr("Settings sections"));
    m_tabs->setTabText(m_tabs->indexOf(m_generalPage), tr("General"));
    m_tabs->setTabText(m_tabs->indexOf(m_appearancePage), tr("Appearance"));
    m_tabs->setTabText(m_tabs->indexOf(m_notificationsPage), tr("Notifications"));
    m_tabs->setTabText(m_tabs->indexOf(m_quickRepliesPage), tr("Quick replies"));
    m_tabs->setTabText(m_tabs->indexOf(m_aboutPage), tr("About"));

    m_languageLabel->setText(tr("&Language:"));
    m_languageCombo->setItemText(kSystemIndex, tr("Follow system"));
    m_languageCombo->setAccessibleName(tr("Language"));
    m_languageCombo->setToolTip(tr("The language of the application"));
    m_dataFolderLabel->setText(tr("&Data folder:"));
    m_dataFolderEdit->setAccessibleName(tr("Data folder"));
    m_dataFolderEdit->setToolTip(
        tr("Where the message database is kept. Leave empty for the default folder."));
    m_dataFolderBrowse->setText(tr("Browse…"));
    m_dataFolderBrowse->setAccessibleName(tr("Browse for the data folder"));
    m_closeToTrayCheck->setText(tr("&Keep running in the tray when the window is closed"));
    m_closeToTrayCheck->setAccessibleName(tr("Keep running in the tray"));
    m_closeToTrayCheck->setToolTip(
        tr("New messages still arrive and notify while the window is closed; quit from the tray menu."));

    m_themeLabel->setText(tr("&Theme:"));
    m_themeCombo->setItemText(0, tr("Follow system"));
    m_themeCombo->setItemText(1, tr("Light"));
    m_themeCombo->setItemText(2, tr("Dark"));
    m_themeCombo->setAccessibleName(tr("Theme"));
    m_themeCombo->setToolTip(tr("Follow system uses the desktop's own style and colours"));
    m_fontSizeLabel->setText(tr("Text &size:"));
    const int systemPoints = systemFont().pointSize();
    m_fontSizeSpin->setSpecialValueText(systemPoints > 0 ? tr("Default (%1 pt)").arg(systemPoints)
                                                         : tr("Default"));
    m_fontSizeSpin->setSuffix(tr(" pt"));
    m_fontSizeSpin->setAccessibleName(tr("Text size"));
    // Its editor is a child widget of its own; some screen readers reach it directly.
    if (auto *editor = m_fontSizeSpin->findChild<QLineEdit *>())
        editor->setAccessibleName(tr("Text size"));
    m_fontSizeSpin->setToolTip(tr("The size of the text in every window; Default follows the system"));
    updateNotes();

    m_notificationsCheck->setText(tr("Show desktop &notifications for new messages"));
    m_notificationsCheck->setAccessibleName(tr("Desktop notifications"));
    m_previewCheck->setText(tr("Show message &preview"));
    m_previewCheck->setAccessibleName(tr("Message preview in notifications"));
    m_previewCheck->setToolTip(
        tr("Turn off when others can see your screen: notifications then only say that a message arrived."));
    m_soundCheck->setText(tr("Play a &sound"));
    m_soundCheck->setAccessibleName(tr("Notification sound"));

    m_quickReplies->setAccessibleName(tr("Quick replies"));
    m_addReply->setText(tr("&Add"));
    m_addReply->setAccessibleName(tr("Add a quick reply"));
    m_editReply->setText(tr("&Edit"));
    m_editReply->setAccessibleName(tr("Edit the selected quick reply"));
    m_removeReply->setText(tr("&Remove"));
    m_removeReply->setAccessibleName(tr("Remove the selected quick reply"));
    m_upReply->setText(tr("Move &up"));
    m_upReply->setAccessibleName(tr("Move the selected quick reply up"));
    m_downReply->setText(tr("Move &down"));
    m_downReply->setAccessibleName(tr("Move the selected quick reply down"));
    m_quickRepliesHint->setText(
        tr("Quick replies are offered in the reply box. Double-click a reply to edit it; empty replies are "
           "dropped."));

    m_aboutName->setText(tr("HisCRM Desk"));
    m_aboutVersion->setText(tr("Version %1").arg(QStringLiteral(HISCRM_VERSION)));
    m_aboutQt->setText(tr("Qt %1").arg(QString::fromLatin1(qVersion())));
    m_aboutSqlite->setText(tr("SQLite %1").arg(QString::fromLatin1(sqlite3_libversion())));
    m_aboutDescription->setText(
        tr("A desktop inbox for operators of many social-media accounts: the direct messages and comments of "
           "every account in one place, searchable, kept on this computer."));
    m_aboutLicense->setText(tr("Free software under the GNU General Public License, version 3 or later."));

    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    m_buttons->button(QDialogButtonBox::Apply)->setAccessibleName(tr("Apply"));
}

void SettingsDialog::updateNotes()
{
    m_languageNote->setText(tr("This run uses the language given on the command line (--lang). A language "
                               "chosen here applies at once and is kept for the next starts."));
    m_languageNote->setVisible(!m_languageOverride.isEmpty());
    if (m_dataDirOverride.isEmpty()) {
        m_dataFolderNote->setText(tr("Takes effect after restart"));
    } else {
        // The path on a line of its own: word wrap would break it at a slash.
        m_dataFolderNote->setText(tr("This run uses the folder given with --data-dir, which overrides this "
                                     "setting:\n%1\nA folder set here is used from the next start without "
                                     "--data-dir.")
                                      .arg(QDir::toNativeSeparators(m_dataDirOverride)));
    }
    m_closeToTrayNote->setText(
        tr("No system tray was found on this desktop, so closing the window quits HisCRM Desk."));
    m_closeToTrayNote->setVisible(!m_trayAvailable);
    m_notificationsNote->setText(tr("No system tray was found on this desktop, so notifications cannot pop "
                                    "up; when a message arrives, HisCRM Desk asks for attention in the "
                                    "taskbar instead."));
    m_notificationsNote->setVisible(!m_trayAvailable);
    updateFieldWidths();
}

// Fonts relative to the dialog's, so a new text size (Settings: FontSize) reaches them too.
void SettingsDialog::updateFonts()
{
    const QFont noteFont = scaledFont(font(), 0.9);
    for (QLabel *note : std::as_const(m_notes))
        note->setFont(noteFont);
    QFont titleFont = scaledFont(font(), 1.4);
    titleFont.setBold(true);
    m_aboutName->setFont(titleFont);
    updateFieldWidths();
}

// The data folder must be readable whole (a trial found it cut off): the field is at least as wide
// as the longest path it shows, so the dialog's minimum width fits it, the label and the Browse
// button in the current language and font. Very long paths scroll instead of widening the dialog
// past the screen.
void SettingsDialog::updateFieldWidths()
{
    const QFontMetrics fm(m_dataFolderEdit->font());
    int text = 0;
    for (const QString &path : {m_dataFolderEdit->placeholderText(), m_dataFolderEdit->text(),
                                QDir::toNativeSeparators(m_dataDirOverride)})
        text = qMax(text, fm.horizontalAdvance(path));
    text = qMin(text, fm.averageCharWidth() * kMaxFolderChars);
    // The frame and margins around the text: the size hint is 17 'x' wide plus those.
    const int frame = m_dataFolderEdit->sizeHint().width() - fm.horizontalAdvance(u'x') * 17;
    m_dataFolderEdit->setMinimumWidth(text + frame + fm.averageCharWidth());
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::FontChange)
        updateFonts();
    QDialog::changeEvent(event);
}

void SettingsDialog::load()
{
    m_shownLanguage = m_languageOverride.isEmpty() ? m_settings->language() : m_languageOverride;
    const int language = m_languageCombo->findData(m_shownLanguage);
    m_languageCombo->setCurrentIndex(language < 0 ? kSystemIndex : language);
    m_shownLanguage = m_languageCombo->currentData().toString();
    m_shownDataFolder = m_dataDirOverride.isEmpty() ? m_settings->dataFolder() : m_dataDirOverride;
    m_dataFolderEdit->setText(QDir::toNativeSeparators(m_shownDataFolder));
    loadCloseToTray();
    const int theme = m_themeCombo->findData(m_settings->theme());
    m_themeCombo->setCurrentIndex(theme < 0 ? 0 : theme);
    const int points = m_settings->fontSize();
    m_fontSizeSpin->setValue(points <= 0 ? kDefaultFontStep : points);
    m_notificationsCheck->setChecked(m_settings->notificationsEnabled());
    m_previewCheck->setChecked(m_settings->notificationPreview());
    m_soundCheck->setChecked(m_settings->notificationSound());
    m_quickReplies->clear();
    for (const QString &reply : m_settings->quickReplies())
        m_quickReplies->addItem(makeReplyItem(reply));
    updateNotes();
    updateButtons();
}

void SettingsDialog::setCommandLineOverrides(const QString &language, const QString &dataDir)
{
    m_languageOverride = language;
    m_dataDirOverride = dataDir;
    load();
}

void SettingsDialog::setSystemTrayAvailable(bool available)
{
    m_trayAvailable = available;
    loadCloseToTray();
    updateNotes();
    updateButtons();
}

// Without a tray, closing the window can only quit: the box says so (off, disabled) whatever is
// saved, and the saved choice is kept for a desktop that has one.
void SettingsDialog::loadCloseToTray()
{
    m_closeToTrayCheck->setEnabled(m_trayAvailable);
    m_closeToTrayCheck->setChecked(m_trayAvailable && m_settings->closeToTray());
}

int SettingsDialog::fontSizeFromSpin() const
{
    const int value = m_fontSizeSpin->value();
    return value <= kDefaultFontStep ? 0 : value;
}

QString SettingsDialog::dataFolderFromEdit() const
{
    return QDir::fromNativeSeparators(m_dataFolderEdit->text().trimmed());
}

QStringList SettingsDialog::quickRepliesFromList() const
{
    QStringList out;
    for (int i = 0; i < m_quickReplies->count(); ++i) {
        const QString text = m_quickReplies->item(i)->text().trimmed();
        if (!text.isEmpty())
            out << text;
    }
    return out;
}

bool SettingsDialog::hasPendingChanges() const
{
    return m_languageCombo->currentData().toString() != m_shownLanguage ||
           dataFolderFromEdit() != m_shownDataFolder ||
           (m_trayAvailable && m_closeToTrayCheck->isChecked() != m_settings->closeToTray()) ||
           m_themeCombo->currentData().toString() != m_settings->theme() ||
           fontSizeFromSpin() != m_settings->fontSize() ||
           m_notificationsCheck->isChecked() != m_settings->notificationsEnabled() ||
           m_previewCheck->isChecked() != m_settings->notificationPreview() ||
           m_soundCheck->isChecked() != m_settings->notificationSound() ||
           quickRepliesFromList() != m_settings->quickReplies();
}

void SettingsDialog::apply()
{
    const QString languageBefore = m_settings->language();
    const QString languageInEffect =
        m_languageOverride.isEmpty() ? m_settings->effectiveLanguage() : m_languageOverride;
    // Only what the user changed is saved: a control showing a command-line override untouched
    // must not turn the override into a setting.
    const QString language = m_languageCombo->currentData().toString();
    const bool languageEdited = language != m_shownLanguage;
    if (languageEdited) {
        m_settings->setLanguage(language);
        m_shownLanguage = language;
        // The user's choice replaces --lang's from now on, in this dialog and the next ones.
        m_languageOverride.clear();
        RunOptions::clearLanguage();
    }
    const QString folder = dataFolderFromEdit();
    if (folder != m_shownDataFolder) {
        m_settings->setDataFolder(folder);
        m_shownDataFolder = folder;
    }
    if (m_trayAvailable)
        m_settings->setCloseToTray(m_closeToTrayCheck->isChecked());
    m_settings->setTheme(m_themeCombo->currentData().toString());
    m_settings->setFontSize(fontSizeFromSpin());
    m_settings->setNotificationsEnabled(m_notificationsCheck->isChecked());
    m_settings->setNotificationPreview(m_previewCheck->isChecked());
    m_settings->setNotificationSound(m_soundCheck->isChecked());
    m_settings->setQuickReplies(quickRepliesFromList());
    m_settings->sync();
    updateNotes();
    updateButtons();
    emit applied();
    if (languageEdited &&
        (m_settings->language() != languageBefore || m_settings->effectiveLanguage() != languageInEffect)) {
        const QString code = installTranslations(QLocale(m_settings->effectiveLanguage()));
        emit languageChanged(code);
    }
}

void SettingsDialog::accept()
{
    apply();
    QDialog::accept();
}

void SettingsDialog::updateButtons()
{
    const bool notify = m_notificationsCheck->isChecked();
    m_previewCheck->setEnabled(notify);
    m_soundCheck->setEnabled(notify);

    const int row = m_quickReplies->currentRow();
    const bool selected = row >= 0 && row < m_quickReplies->count();
    m_editReply->setEnabled(selected);
    m_removeReply->setEnabled(selected);
    m_upReply->setEnabled(selected && row > 0);
    m_downReply->setEnabled(selected && row < m_quickReplies->count() - 1);

    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(hasPendingChanges());
}

void SettingsDialog::browseDataFolder()
{
    const QString current = m_dataFolderEdit->text().trimmed();
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Choose the data folder"), current.isEmpty() ? Settings::defaultDataFolder() : current);
    if (!folder.isEmpty()) {
        m_dataFolderEdit->setText(QDir::toNativeSeparators(folder));
        updateFieldWidths();
    }
}

void SettingsDialog::addQuickReply()
{
    QListWidgetItem *item = makeReplyItem(QString());
    const int row = m_quickReplies->currentRow() + 1;
    m_quickReplies->insertItem(row, item);
    m_quickReplies->setCurrentItem(item);
    m_quickReplies->editItem(item);
}

void SettingsDialog::editQuickReply()
{
    if (QListWidgetItem *item = m_quickReplies->currentItem())
        m_quickReplies->editItem(item);
}

void SettingsDialog::removeQuickReply()
{
    const int row = m_quickReplies->currentRow();
    if (row < 0)
        return;
    delete m_quickReplies->takeItem(row);
    updateButtons();
}

void SettingsDialog::moveQuickReply(int delta)
{
    const int row = m_quickReplies->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_quickReplies->count())
        return;
    QListWidgetItem *item = m_quickReplies->takeItem(row);
    m_quickReplies->insertItem(target, item);
    m_quickReplies->setCurrentItem(item);
    updateButtons();
}

} // namespace hiscrm::ui

namespace hiscrm::ui {

void SettingsDialog::showAbout()
{
    m_tabs->setCurrentWidget(m_aboutPage);
}

void SettingsDialog::showQuickReplies()
{
    m_tabs->setCurrentWidget(m_quickRepliesPage);
    if (m_quickReplies->count() > 0 && !m_quickReplies->currentItem())
        m_quickReplies->setCurrentRow(0);
    m_quickReplies->setFocus(Qt::OtherFocusReason);
}

} // namespace hiscrm::ui
