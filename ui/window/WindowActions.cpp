// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/WindowActions.h"

#include "ui/common/Icons.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QWidget>

#include <optional>

namespace hiscrm::ui {

namespace {

QAction *make(QWidget *window, const char *name, QKeySequence key = {}, std::optional<Glyph> glyph = {})
{
    auto *a = new QAction(window);
    a->setObjectName(QString::fromLatin1(name));
    if (!key.isEmpty())
        a->setShortcut(key);
    if (glyph)
        a->setIcon(icon(*glyph));
    window->addAction(a);
    return a;
}

// The platform's key for Settings (Ctrl+, on macOS, Ctrl+Shift+, on KDE); Windows and the other
// Linux desktops have none, so there it is Ctrl+, as in most apps.
QKeySequence preferencesKey()
{
    const QKeySequence platform(QKeySequence::Preferences);
    return platform.isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Comma) : platform;
}

} // namespace

WindowActions::WindowActions(QWidget *window)
    : search(make(window, "actionSearch", QKeySequence(Qt::CTRL | Qt::Key_K), Glyph::Search))
    , find(make(window, "actionFind", QKeySequence(Qt::CTRL | Qt::Key_F)))
    , previous(make(window, "actionPrevious", QKeySequence(Qt::ALT | Qt::Key_Up)))
    , next(make(window, "actionNext", QKeySequence(Qt::ALT | Qt::Key_Down)))
    , nextUnread(make(window, "actionNextUnread", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U)))
    , focusComposer(make(window, "actionFocusComposer", QKeySequence(Qt::CTRL | Qt::Key_L), Glyph::Draft))
    , escape(make(window, "actionEscape", QKeySequence(Qt::Key_Escape)))
    , markRead(make(window, "actionMarkRead", QKeySequence(Qt::CTRL | Qt::Key_R), Glyph::MarkRead))
    , markUnread(
          make(window, "actionMarkUnread", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), Glyph::MarkUnread))
    , pin(make(window, "actionPin", QKeySequence(Qt::CTRL | Qt::Key_P), Glyph::Pin))
    , archive(make(window, "actionArchive", QKeySequence(Qt::CTRL | Qt::Key_E), Glyph::Archive))
    , mute(make(window, "actionMute", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), Glyph::Mute))
    , tags(make(window, "actionTags", QKeySequence(), Glyph::Tag))
    , copy(make(window, "actionCopy", QKeySequence::Copy))
    , userCard(make(window, "actionUserCard", QKeySequence(Qt::CTRL | Qt::Key_I), Glyph::UserCard))
    , retry(make(window, "actionRetry", QKeySequence(), Glyph::Retry))
    , markViewRead(make(window, "actionMarkViewRead", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)))
    , settings(make(window, "actionSettings", preferencesKey(), Glyph::Settings))
    , shortcuts(make(window, "actionShortcuts", QKeySequence(Qt::Key_F1), Glyph::Keyboard))
    , shortcutsSlash(make(window, "actionShortcutsSlash", QKeySequence(Qt::CTRL | Qt::Key_Slash)))
    , quit(make(window, "actionQuit", QKeySequence::Quit))
    , startDemo(make(window, "actionStartDemo"))
    , connectWorker(make(window, "actionConnectWorker"))
    , connectTeam(make(window, "actionConnectTeam"))
    , disconnectTeam(make(window, "actionDisconnectTeam"))
    , about(make(window, "actionAbout"))
    , muteMenu(new QMenu(window))
    , tagsMenu(new QMenu(window))
{
    muteMenu->setObjectName(QStringLiteral("muteMenu"));
    mute->setMenu(muteMenu);
    tagsMenu->setObjectName(QStringLiteral("tagsMenu"));
    tags->setMenu(tagsMenu);
}

void WindowActions::setText(QAction *action, const QString &text, const QString &tip)
{
    action->setText(text);
    QString toolTip = tip.isEmpty() ? text : tip;
    toolTip.remove(u'&');
    if (!action->shortcut().isEmpty())
        toolTip = QCoreApplication::translate("hiscrm::ui::MainWindow", "%1 (%2)", "action (shortcut)")
                      .arg(toolTip, action->shortcut().toString(QKeySequence::NativeText));
    action->setToolTip(toolTip);
}

QList<QAction *> WindowActions::withShortcuts() const
{
    return {search,  find, focusComposer, previous,     next, nextUnread, markRead,  markUnread, pin,
            archive, mute, userCard,      markViewRead, copy, settings,   shortcuts, quit};
}

} // namespace hiscrm::ui
