// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/inbox/InboxListView.h"

#include "ui/inbox/InboxRoles.h"

#include <QContextMenuEvent>
#include <QCursor>
#include <QEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QToolButton>

#include <limits>
#include <utility>

namespace hiscrm::ui {

namespace {

// Since when a row that was in its place before the view knew of any change has been there.
constexpr qint64 kLongAgo = std::numeric_limits<qint64>::min() / 2;

bool isNavigationKey(int key)
{
    switch (key) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
    case Qt::Key_Home:
    case Qt::Key_End:
        return true;
    default:
        return false;
    }
}

} // namespace

InboxListView::InboxListView(QWidget *parent)
    : QListView(parent)
{
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(false);
    setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_Hover);
    m_clock.start();

    m_keyboardHoldTimer.setSingleShot(true);
    m_keyboardHoldTimer.setInterval(kKeyboardHoldMs);
    connect(&m_keyboardHoldTimer, &QTimer::timeout, this, [this] { setKeyboardHold(false); });
    m_pointerCheck.setInterval(kPointerCheckMs);
    connect(&m_pointerCheck, &QTimer::timeout, this, [this] {
        const QPoint at = viewport()->mapFromGlobal(QCursor::pos());
        if (!viewport()->rect().contains(at) || !isVisible())
            setPointerInside(false);
    });

    // A child of the viewport, so that moving onto it does not count as leaving the list.
    m_newButton = new QToolButton(viewport());
    m_newButton->setObjectName(QStringLiteral("newActivityButton"));
    m_newButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_newButton->setArrowType(Qt::UpArrow);
    m_newButton->setAutoRaise(false);
    m_newButton->setCursor(Qt::PointingHandCursor);
    m_newButton->setFocusPolicy(Qt::NoFocus);
    m_newButton->hide();
    connect(m_newButton, &QToolButton::clicked, this, &InboxListView::jumpToNewRequested);
    retranslateUi();
}

void InboxListView::retranslateUi()
{
    m_newButton->setText(tr("%n new", nullptr, m_newCount));
    m_newButton->setToolTip(tr("Show the new activity at the top of the list"));
    m_newButton->setAccessibleName(
        tr("%n conversations with new activity; press to show them", nullptr, m_newCount));
    placeNewButton();
}

void InboxListView::setNewCount(int count)
{
    count = qMax(0, count);
    if (count == m_newCount)
        return;
    m_newCount = count;
    retranslateUi();
    m_newButton->setVisible(count > 0);
}

void InboxListView::placeNewButton()
{
    m_newButton->adjustSize();
    const QSize size = m_newButton->sizeHint();
    const int margin = qMax(4, fontMetrics().height() / 3);
    m_newButton->setGeometry((viewport()->width() - size.width()) / 2, margin, size.width(), size.height());
    m_newButton->raise();
}

void InboxListView::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemModel *old = this->model())
        disconnect(old, nullptr, this, nullptr);
    QListView::setModel(model);
    takeRows();
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsInserted, this, &InboxListView::noteRowsChanged);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &InboxListView::noteRowsChanged);
    connect(model, &QAbstractItemModel::rowsMoved, this, &InboxListView::noteRowsChanged);
    connect(model, &QAbstractItemModel::layoutChanged, this, &InboxListView::noteRowsChanged);
    // A reset is the operator's own doing (another view, another filter): the whole list is new
    // and seen as such.
    connect(model, &QAbstractItemModel::modelReset, this, &InboxListView::takeRows);
}

void InboxListView::noteRowsChanged()
{
    if (m_changedAt >= 0)
        return;
    m_changedAt = m_clock.elapsed();
    QMetaObject::invokeMethod(this, &InboxListView::compareRows, Qt::QueuedConnection);
}

void InboxListView::compareRows()
{
    if (m_changedAt < 0)
        return;
    const qint64 at = std::exchange(m_changedAt, -1);
    const int rows = model() ? model()->rowCount() : 0;
    QList<qint64> ids;
    ids.reserve(rows);
    for (int row = 0; row < rows; ++row)
        ids.append(model()->index(row, 0).data(InboxRoles::Id).toLongLong());
    QList<qint64> since(rows, kLongAgo);
    bool moved = false;
    for (int row = 0; row < rows; ++row) {
        if (row < m_rowIds.size() && m_rowIds.at(row) == ids.at(row)) {
            since[row] = m_rowSince.at(row);
            continue;
        }
        // Rows only added below the old last one (the next page) took empty space no one could
        // have aimed at a row in; rows pushed there by a change above them did move.
        if (row < m_rowIds.size() || moved) {
            since[row] = at;
            moved = true;
        }
    }
    m_rowIds = std::move(ids);
    m_rowSince = std::move(since);
}

void InboxListView::takeRows()
{
    m_changedAt = -1;
    m_rowIds.clear();
    m_rowSince.clear();
    if (!model())
        return;
    const int rows = model()->rowCount();
    for (int row = 0; row < rows; ++row)
        m_rowIds.append(model()->index(row, 0).data(InboxRoles::Id).toLongLong());
    m_rowSince.fill(kLongAgo, rows);
}

bool InboxListView::isSettledAt(const QPoint &pos)
{
    compareRows(); // changes signalled in this round count already
    const int row = indexAt(pos).row();
    if (row < 0 || row >= m_rowSince.size())
        return true;
    return m_clock.elapsed() - m_rowSince.at(row) >= m_settleMs;
}

void InboxListView::mousePressEvent(QMouseEvent *event)
{
    setPointerInside(true);
    // Only the left button chooses a row; a right click shows that row's menu and leaves the
    // current chat alone, and a click on empty space closes nothing.
    const QModelIndex index = indexAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || !index.isValid()) {
        event->accept();
        return;
    }
    if (!isSettledAt(event->position().toPoint())) {
        event->accept();
        emit clickHeldBack();
        return;
    }
    m_input = Input::Mouse;
    m_opened = false;
    QListView::mousePressEvent(event);
    m_input = Input::None;
    // A click on the row that is already current still means "this one": the caller focuses it.
    if (!m_opened && currentIndex() == index)
        emit openRequested(index, OpenReason::Click);
}

void InboxListView::mouseMoveEvent(QMouseEvent *event)
{
    setPointerInside(true);
    // Dragging with a button down would move the current row in Qt's list views.
    if (event->buttons() != Qt::NoButton) {
        event->accept();
        return;
    }
    QListView::mouseMoveEvent(event);
}

void InboxListView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        event->accept();
        return;
    }
    QListView::mouseDoubleClickEvent(event);
}

void InboxListView::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (isNavigationKey(event->key()) && (mods == Qt::NoModifier)) {
        setKeyboardHold(true);
        m_input = Input::Keyboard;
        QListView::keyPressEvent(event);
        m_input = Input::None;
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && mods == Qt::NoModifier) {
        if (currentIndex().isValid())
            emit openRequested(currentIndex(), OpenReason::Enter);
        event->accept();
        return;
    }
    const QString text = event->text();
    const bool printable = !text.isEmpty() && text.at(0).isPrint() &&
                           !(mods & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    if (printable) {
        emit textTyped(text);
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void InboxListView::inputMethodEvent(QInputMethodEvent *event)
{
    // An input method's commit would otherwise become a keyboard search.
    if (!event->commitString().isEmpty())
        emit textTyped(event->commitString());
    event->accept();
}

void InboxListView::keyboardSearch(const QString &search)
{
    Q_UNUSED(search)
}

void InboxListView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QListView::currentChanged(current, previous);
    if (m_input == Input::None || !current.isValid())
        return;
    m_opened = true;
    emit openRequested(current, m_input == Input::Keyboard ? OpenReason::Keyboard : OpenReason::Click);
}

bool InboxListView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::Enter:
    case QEvent::HoverEnter:
    case QEvent::HoverMove:
        setPointerInside(true);
        break;
    case QEvent::Leave:
    case QEvent::HoverLeave:
        setPointerInside(false);
        break;
    case QEvent::ContextMenu: {
        // A menu for a row that just moved under the pointer would act on a chat the operator
        // did not aim at (and does not name it). From the keyboard it is for the current row.
        const auto *menu = static_cast<QContextMenuEvent *>(event);
        if (menu->reason() == QContextMenuEvent::Mouse && !isSettledAt(menu->pos())) {
            event->accept();
            emit clickHeldBack();
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QListView::viewportEvent(event);
}

void InboxListView::focusOutEvent(QFocusEvent *event)
{
    setKeyboardHold(false);
    QListView::focusOutEvent(event);
}

void InboxListView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    placeNewButton();
}

void InboxListView::scrollContentsBy(int dx, int dy)
{
    // Scrolling moves the viewport's children along; the button stays at the top.
    QListView::scrollContentsBy(dx, dy);
    placeNewButton();
}

void InboxListView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QListView::changeEvent(event);
}

void InboxListView::setPointerInside(bool inside)
{
    if (inside == m_pointerInside)
        return;
    const bool was = isHolding();
    m_pointerInside = inside;
    if (inside)
        m_pointerCheck.start();
    else
        m_pointerCheck.stop();
    if (was != isHolding())
        emit holdingChanged(isHolding());
}

void InboxListView::setKeyboardHold(bool hold)
{
    if (hold)
        m_keyboardHoldTimer.start();
    else
        m_keyboardHoldTimer.stop();
    if (hold == m_keyboardHold)
        return;
    const bool was = isHolding();
    m_keyboardHold = hold;
    if (was != isHolding())
        emit holdingChanged(isHolding());
}

} // namespace hiscrm::ui
