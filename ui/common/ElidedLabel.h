// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A one-line label that gives way: it never asks for more width than it gets, and shows "…" where
// the text is cut (the full text is its tooltip). For headers that share a row with fixed
// controls, which a QLabel would push aside.

#include <QLabel>

namespace hiscrm::ui {

class ElidedLabel final : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    void setText(const QString &text);
    QString text() const { return m_text; }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
};

} // namespace hiscrm::ui
