// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What an input method sends to a widget, for tests and the benchmark tool: Chinese arrives as a
// composition (pinyin, shown underlined, not yet text) and then a commit of the characters picked.

#include <QCoreApplication>
#include <QInputMethodEvent>
#include <QTextCharFormat>
#include <QWidget>

namespace testutil {

// The user composes: the input method shows `preedit` in the widget.
inline void sendPreedit(QWidget *target, const QString &preedit)
{
    QTextCharFormat format;
    format.setFontUnderline(true);
    QInputMethodEvent event(preedit, {{QInputMethodEvent::TextFormat, 0, int(preedit.size()), format},
                                      {QInputMethodEvent::Cursor, int(preedit.size()), 1, QVariant()}});
    QCoreApplication::sendEvent(target, &event);
}

// The user picks the characters: the composition ends and the text is committed.
inline void sendCommit(QWidget *target, const QString &text)
{
    QInputMethodEvent event;
    event.setCommitString(text);
    QCoreApplication::sendEvent(target, &event);
}

} // namespace testutil
