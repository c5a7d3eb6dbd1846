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
// Rows can still move while the pointer is on its way to the list. A click (or right click) on a
// row that took its place less than kSettleMs ago opens nothing and shows no menu: the operator
// aimed at the row that was there before, and no one can see, read and aim at a row that fast.
// The view says so (clickHeldBack) and the next click, once the row has settled, works.
//
// Printable keys typed while the list has focus are handed on (textTyped) instead of Qt's
// keyboard search, which would jump to — and open — whichever row starts with that letter.

#include <QElapsedTimer>
#include <QList>
#include <QListView>
#include <QTimer>

class QToolButton;

namespace hiscrm::ui {

class InboxListView final : public QListView
{
    Q_OBJECT
    Q_PROPERTY(bool holding READ isHolding NOTIFY holdingChanged)
    Q_PROPERTY(int newCount READ newCount)
    Q_PROPERTY(int settleMs READ settleMs WRITE setSettleMs)

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
    // How long a row must have been in its place before a click on it counts.
    static constexpr int kSettleMs = 400;

    explicit InboxListView(QWidget *parent = nullptr);

    bool isHolding() const { return m_pointerInside || m_keyboardHold; }
    // The "N new" button over the top of the list; 0 hides it.
    void setNewCount(int count);
    int newCount() const { return m_newCount; }
    QToolButton *newButton() const { return m_newButton; }
    void retranslateUi();
    void setModel(QAbstractItemModel *model) override;
    // Whether the row at `pos` (viewport coordinates) has been in its place for the settle time;
    // true where there is no row.
    Q_INVOKABLE bool isSettledAt(const QPoint &pos);
    void setSettleMs(int ms) { m_settleMs = ms; }
    int settleMs() const { return m_settleMs; }

signals:
    void openRequested(const QModelIndex &index, hiscrm::ui::InboxListView::OpenReason reason);
    void holdingChanged(bool holding);
    void jumpToNewRequested();
    void textTyped(const QString &text);
    // A click or right click on a row that had only just moved there did nothing.
    void clickHeldBack();

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
    // Notes that rows were added, removed or moved by the model; which rows changed their
    // occupant is worked out once, after the model's signals of this round (compareRows).
    void noteRowsChanged();
    void compareRows();
    void takeRows(); // after a reset: every row counts as settled

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
    int m_settleMs = kSettleMs;
    QElapsedTimer m_clock;
    QList<qint64> m_rowIds;   // the thread id in each row, as of the last comparison
    QList<qint64> m_rowSince; // m_clock time since which each row has held that id
    qint64 m_changedAt = -1;  // when uncompared changes began; -1: none
};

} // namespace hiscrm::ui
