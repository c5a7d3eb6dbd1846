// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

class QAction;
class QMenu;
class QWidget;

namespace hiscrm::ui {

// The window's actions, typed: made once with their object names (tests and the shortcuts list
// find them by name), keys and icons, and added to the window so their keys work everywhere in it.
// Who triggers what is wired by their owners: the frame (MainWindow) and the current
// conversation's controller (ConversationController).
struct WindowActions
{
    explicit WindowActions(QWidget *window);

    // Its text, and a tooltip that names the key.
    static void setText(QAction *action, const QString &text, const QString &tip = QString());
    // What the shortcuts dialog lists, in its order.
    QList<QAction *> withShortcuts() const;

    QAction *search;
    QAction *find;
    QAction *previous;
    QAction *next;
    QAction *nextUnread;
    QAction *focusComposer;
    QAction *escape;
    QAction *markRead;
    QAction *markUnread;
    QAction *pin;
    QAction *archive;
    QAction *mute; // triggered: toggles "muted until unmuted"; its menu holds the durations
    QAction *tags; // its menu holds the tags
    QAction *copy;
    QAction *userCard;
    QAction *retry;
    QAction *markViewRead;
    QAction *settings;
    QAction *shortcuts;
    QAction *shortcutsSlash; // a second key for the same list, as chat apps use: Ctrl+/
    QAction *quit;
    QAction *startDemo;
    QAction *connectWorker;
    QAction *connectTeam;    // Connect to a team master…
    QAction *disconnectTeam; // Disconnect from the team master shown…
    QAction *about;
    QMenu *muteMenu;
    QMenu *tagsMenu;
};

} // namespace hiscrm::ui
