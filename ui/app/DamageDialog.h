// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Tells the operator that the message history is damaged and what can be done about it. The app
// keeps no backup of its own, so the choices are: quit and restore a backup by hand, or set the
// damaged files aside and start with an empty history (AppSession::moveDamagedHistoryAside). While
// the window runs, reading on is a third: the master has stopped saving, the window still shows
// what it can read. The choices are command buttons stacked one above the other, so their long,
// plain labels fit on any screen (a QMessageBox lays them out in one row of limited width).

#include <QDialog>

class QCommandLinkButton;

namespace hiscrm::ui {

class DamageDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class When
    {
        AtStart,     // the history could not be opened: no window yet
        WhileRunning // found while the window runs
    };
    enum class Choice
    {
        Quit, // also Esc and closing the dialog: nothing is moved by accident
        MoveAside,
        KeepReading,
    };

    DamageDialog(When when, const QString &dataDir, const QString &detail, QWidget *parent = nullptr);
    Choice choice() const { return m_choice; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    Choice m_choice = Choice::Quit;
    QCommandLinkButton *m_quit = nullptr;
};

} // namespace hiscrm::ui
