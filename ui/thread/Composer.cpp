// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/thread/Composer.h"

#include "ui/common/Placeholder.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringListModel>

namespace hiscrm::ui {

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("composer"));
    setTabChangesFocus(true);
    keepPlaceholderDim(this);
    m_replies = new QStringListModel(this);
    m_completer = new QCompleter(m_replies, this);
    m_completer->setObjectName(QStringLiteral("quickReplyCompleter"));
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setMaxVisibleItems(8);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &Composer::takeQuickReply);
    connect(this, &QPlainTextEdit::textChanged, this, &Composer::updateCompletion);
}

void Composer::setQuickReplies(const QStringList &replies)
{
    m_replies->setStringList(replies);
}

QStringList Composer::quickReplies() const
{
    return m_replies->stringList();
}

bool Composer::isCompleting() const
{
    return m_completer->popup()->isVisible();
}

void Composer::updateCompletion()
{
    const QString text = toPlainText();
    if (!text.startsWith(u'/') || text.contains(u'\n') || m_replies->rowCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(text.mid(1));
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    QRect r = cursorRect();
    r.setWidth(qMax(width() / 2, m_completer->popup()->sizeHintForColumn(0) +
                                     m_completer->popup()->verticalScrollBar()->sizeHint().width()));
    m_completer->complete(r);
    if (!m_completer->popup()->currentIndex().isValid())
        m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
}

void Composer::takeQuickReply(const QString &reply)
{
    m_completer->popup()->hide();
    setPlainText(reply);
    moveCursor(QTextCursor::End);
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (isCompleting()) {
        switch (key) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Tab: {
            const QModelIndex current = m_completer->popup()->currentIndex();
            if (current.isValid())
                takeQuickReply(current.data().toString());
            event->accept();
            return;
        }
        case Qt::Key_Escape:
        case Qt::Key_Backtab:
            event->ignore(); // the completer closes its list
            return;
        default:
            break;
        }
    }
    if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !(event->modifiers() & Qt::ShiftModifier)) {
        emit sendRequested();
        event->accept();
        return;
    }
    if ((key == Qt::Key_Return || key == Qt::Key_Enter) && (event->modifiers() & Qt::ShiftModifier)) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool Composer::focusNextPrevChild(bool next)
{
    // While the quick replies are open, Tab takes the highlighted one instead of leaving.
    if (isCompleting())
        return false;
    return QPlainTextEdit::focusNextPrevChild(next);
}

void Composer::focusOutEvent(QFocusEvent *event)
{
    // The list belongs to the box: it closes when focus leaves (but not for its own popup).
    if (event->reason() != Qt::PopupFocusReason)
        m_completer->popup()->hide();
    QPlainTextEdit::focusOutEvent(event);
}

} // namespace hiscrm::ui
