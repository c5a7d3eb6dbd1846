// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The list view of the inbox (conversations, videos with comments). It turns only the operator's
// deliberate choices into "open this thread": a left click, Enter, or moving with the keyboard.
// Everything else that moves Qt's current index — a row removed under it, a model reset, focus
// arriving, a right click — opens nothing, so a filtered view can never walk through its rows and
// mark them read on its own.
//
// It also says when rows must hold still: while the pointer is over the list or the operator is
// moving through it with the keyboard, the model keeps its order and the view shows "N new" at
// the top instead; a click on it (or the hold ending) brings the new activity in.
//
// Printable keys typed while the list has focus are handed on (textTyped) instead of Qt's
// keyboard search, which would jump to — and open — whichever row starts with that letter.

#include <QListView>
#include <QTimer>

class QToolButton;

namespace hiscrm::ui {

class InboxListView final : public QListView
{
    Q_OBJECT
    Q_PROPERTY(bool holding READ isHolding NOTIFY holdingChanged)
    Q_PROPERTY(int newCount READ newCount)

public:
    enum class OpenReason
    {
        Click,    // the operator clicked the row
        Keyboard, // moved to it with the arrow keys, Page Up/Down, Home or End
        Enter,    // pressed Enter on it
    };
    Q_ENUM(OpenReason)

    // How long rows stay put after the last navigation key.
    static constexpr int kKeyboardHoldMs = 2500;
    static constexpr int kPointerCheckMs = 400;

    explicit InboxListView(QWidget *parent = nullptr);

    bool isHolding() const { return m_pointerInside || m_keyboardHold; }
    // The "N new" button over the top of the list; 0 hides it.
    void setNewCount(int count);
    int newCount() const { return m_newCount; }
    QToolButton *newButton() const { return m_newButton; }
    void retranslateUi();

signals:
    void openRequested(const QModelIndex &index, hiscrm::ui::InboxListView::OpenReason reason);
    void holdingChanged(bool holding);
    void jumpToNewRequested();
    void textTyped(const QString &text);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;
    void keyboardSearch(const QString &search) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    bool viewportEvent(QEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Input
    {
        None,
        Mouse,
        Keyboard
    };
    void setPointerInside(bool inside);
    void setKeyboardHold(bool hold);
    void placeNewButton();

    Input m_input = Input::None;
    bool m_opened = false; // an open was requested during the current input event
    bool m_pointerInside = false;
    bool m_keyboardHold = false;
    QTimer m_keyboardHoldTimer;
    // A missed Leave (a popup grabbed the mouse, a test moved it) must not hold the list forever:
    // while held, the pointer's position is checked now and then.
    QTimer m_pointerCheck;
    int m_newCount = 0;
    QToolButton *m_newButton = nullptr;
};

} // namespace hiscrm::ui
