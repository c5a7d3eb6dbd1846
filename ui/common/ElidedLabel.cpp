// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/ElidedLabel.h"

#include <QPainter>
#include <QStyle>

namespace hiscrm::ui {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidedLabel::setText(const QString &text)
{
    m_text = text;
    QLabel::setText(text); // for accessibility and tests
    setToolTip(fontMetrics().horizontalAdvance(text) > width() ? text : QString());
    update();
}

QSize ElidedLabel::minimumSizeHint() const
{
    return QSize(0, fontMetrics().height());
}

QSize ElidedLabel::sizeHint() const
{
    return QSize(fontMetrics().horizontalAdvance(m_text), fontMetrics().height());
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter p(this);
    const QRect r = contentsRect();
    const QString shown = fontMetrics().elidedText(m_text, Qt::ElideRight, r.width());
    style()->drawItemText(&p, r, int(alignment()), palette(), isEnabled(), shown, foregroundRole());
}

} // namespace hiscrm::ui
