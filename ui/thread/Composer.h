// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The reply box: Enter sends (sendRequested), Shift+Enter starts a new line, Tab moves focus on
// instead of inserting a tab, and typing "/" at the start opens the quick replies, filtered by
// what follows ("/发货"), Enter or Tab taking the highlighted one. An input method's composition
// (pinyin being typed) is never sent by Enter: the input method consumes that Enter itself.

#include <QPlainTextEdit>

class QCompleter;
class QStringListModel;

namespace hiscrm::ui {

class Composer final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    void setQuickReplies(const QStringList &replies);
    QStringList quickReplies() const;
    // The quick-reply list is open.
    bool isCompleting() const;
    QCompleter *completer() const { return m_completer; }

signals:
    void sendRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool focusNextPrevChild(bool next) override;

private:
    void updateCompletion();
    void takeQuickReply(const QString &reply);

    QCompleter *m_completer = nullptr;
    QStringListModel *m_replies = nullptr;
};

} // namespace hiscrm::ui
