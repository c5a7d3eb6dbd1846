// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/thread/MessageDelegate.h"

#include "ui/common/Drawing.h"

#include "ui/thread/ThreadModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <cmath>

namespace hiscrm::ui {

namespace {

constexpr qreal kMaxBubbleShare = 0.7; // of the row's width

// Word wrap that also breaks a long unbroken run (URLs, strings of emoji) so no bubble overflows.
// Both measuring and drawing lay the text out here, so they always agree.
QSize layoutText(QTextLayout &layout, const QString &text, const QFont &font, int maxWidth)
{
    QString t = text;
    t.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    t.replace(u'\n', QChar::LineSeparator);
    layout.setText(t);
    layout.setFont(font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setAlignment(Qt::AlignLeft | Qt::AlignAbsolute);
    layout.setTextOption(option);
    layout.setCacheEnabled(true);
    qreal y = 0;
    qreal width = 0;
    layout.beginLayout();
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(maxWidth);
        line.setPosition(QPointF(0, y));
        y += line.height();
        width = qMax(width, line.naturalTextWidth());
    }
    layout.endLayout();
    return QSize(int(std::ceil(width)), int(std::ceil(y)));
}

struct Data
{
    QString text;
    QString separator;
    QString sender;
    QString quote;
    QString error;
    qint64 itemId = 0;
    qint64 time = 0;
    model::Delivery delivery = model::Delivery::None;
    bool outgoing = false;
    bool edited = false;
    bool recalled = false;
    bool comment = false;
    bool newMarker = false;

    explicit Data(const QModelIndex &index)
        : text(index.data(ThreadModel::TextRole).toString())
        , separator(index.data(ThreadModel::DaySeparatorRole).toString())
        , quote(index.data(ThreadModel::ParentTextRole).toString())
        , error(index.data(ThreadModel::ErrorRole).toString())
        , itemId(index.data(ThreadModel::IdRole).toLongLong())
        , time(index.data(ThreadModel::TimeRole).toLongLong())
        , delivery(model::Delivery(index.data(ThreadModel::DeliveryRole).toInt()))
        , outgoing(index.data(ThreadModel::OutgoingRole).toBool())
        , edited(index.data(ThreadModel::EditedRole).toBool())
        , recalled(index.data(ThreadModel::RecalledRole).toBool())
        , newMarker(index.data(ThreadModel::NewMarkerRole).toBool())
    {
        const auto item = index.data(ThreadModel::ItemRole).value<model::Item>();
        comment = item.kind == model::ItemKind::Comment;
        // In a DM the sender is always the peer the header names; under a video anyone may speak.
        if (comment && !outgoing)
            sender = index.data(ThreadModel::SenderNameRole).toString();
    }
    bool failed() const { return outgoing && delivery == model::Delivery::Failed; }
};

// Everything in item coordinates (origin at the row's top left).
struct Layout
{
    QFont body;
    QFont small;
    QFont bodyStyle; // the body font as the text is drawn (italic for a recall)
    int width = 0;
    int height = 0;
    int hpad = 0; // inside the bubble
    int vpad = 0;
    int mark = 0;      // size of a delivery mark
    int wrapWidth = 0; // the text wraps at this width in both measuring and drawing
    QRect separator;
    QRect marker; // "New messages"
    QRect sender;
    QRect quote;
    QRect bubble;
    QRect text;
    QRect meta;
    QRect failure;
    QRect retry; // the "Retry" link inside failure
    QString metaText;
};

int rowWidth(const QStyleOptionViewItem &option)
{
    // A list view passes no usable width to sizeHint(); its viewport is what rows wrap to.
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget)) {
        if (view->viewport()->width() > 0)
            return view->viewport()->width();
    }
    if (option.rect.width() > 0)
        return option.rect.width();
    return QFontMetrics(option.font).averageCharWidth() * 60;
}

Layout layoutFor(const QStyleOptionViewItem &option, const Data &d)
{
    Layout l;
    l.body = option.font;
    l.small = scaled(option.font, 0.85);
    l.bodyStyle = l.body;
    l.bodyStyle.setItalic(d.recalled);
    l.width = rowWidth(option);
    const QFontMetrics fm(l.body);
    const QFontMetrics sfm(l.small);
    const int line = fm.height();
    const int margin = qMax(4, qRound(line * 0.75)); // from the row's edges
    const int spacing = qMax(2, line / 6);
    l.hpad = qMax(4, qRound(line * 0.6));
    l.vpad = qMax(3, qRound(line * 0.35));
    l.mark = sfm.height();

    const int column = qMax(line * 4, int(l.width * kMaxBubbleShare));
    const auto place = [&](int w, int y, int h) {
        return d.outgoing ? QRect(l.width - margin - w, y, w, h) : QRect(margin, y, w, h);
    };

    int y = spacing * 2;
    if (!d.separator.isEmpty()) {
        l.separator = QRect(0, y, l.width, sfm.height() + line / 2);
        y = l.separator.bottom() + 1 + spacing * 2;
    }
    if (d.newMarker) {
        l.marker = QRect(0, y, l.width, sfm.height() + line / 2);
        y = l.marker.bottom() + 1 + spacing * 2;
    }
    if (!d.sender.isEmpty()) {
        // Slack of a character: elidedText() may elide at exactly the advance it measured.
        l.sender =
            place(qMin(column, sfm.horizontalAdvance(d.sender) + sfm.averageCharWidth()), y, sfm.height());
        y = l.sender.bottom() + 1 + spacing;
    }
    if (!d.quote.isEmpty()) {
        const int bar = qMax(2, line / 6);
        const int w = qMin(column, sfm.horizontalAdvance(d.quote) + bar + l.hpad);
        l.quote = place(w, y, sfm.height() + l.vpad);
        y = l.quote.bottom() + 1 + spacing;
    }
    l.wrapWidth = column - 2 * l.hpad;
    QTextLayout measure;
    const QSize textSize = layoutText(measure, d.text, l.bodyStyle, l.wrapWidth);
    const int bubbleWidth = qMax(textSize.width() + 2 * l.hpad, line * 2);
    l.bubble = place(bubbleWidth, y, qMax(textSize.height(), line) + 2 * l.vpad);
    l.text =
        QRect(l.bubble.left() + l.hpad, l.bubble.top() + l.vpad, bubbleWidth - 2 * l.hpad, textSize.height());
    y = l.bubble.bottom() + 1 + spacing;

    const QString time =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(d.time).time(), QLocale::ShortFormat);
    l.metaText = d.edited && !d.recalled ? MessageDelegate::tr("%1 (edited)").arg(time) : time;
    const bool hasMark = d.outgoing && d.delivery != model::Delivery::None;
    const int metaWidth = sfm.horizontalAdvance(l.metaText) + (hasMark ? spacing * 2 + l.mark : 0);
    l.meta = place(qMin(metaWidth, l.width - 2 * margin), y, sfm.height());
    y = l.meta.bottom() + 1;
    if (d.failed()) {
        l.failure = place(qMin(column, l.width - 2 * margin), y + spacing, sfm.height() + l.vpad);
        // Outgoing rows hug the right edge, so the line ends with the link there.
        const int retryWidth = sfm.horizontalAdvance(MessageDelegate::tr("Retry")) + 2 * l.hpad;
        l.retry = QRect(l.failure.right() + 1 - retryWidth, l.failure.top(), retryWidth, l.failure.height());
        y = l.failure.bottom() + 1;
    }
    l.height = y + spacing * 3;
    return l;
}

void drawClock(QPainter *p, const QRectF &r, const QColor &color)
{
    const qreal s = r.height();
    p->save();
    p->setPen(QPen(color, qMax<qreal>(1.0, s / 11), Qt::SolidLine, Qt::RoundCap));
    p->setBrush(Qt::NoBrush);
    const QPointF c = r.center();
    p->drawEllipse(c, s * 0.38, s * 0.38);
    p->drawLine(c, c + QPointF(0, -s * 0.24));
    p->drawLine(c, c + QPointF(s * 0.18, 0));
    p->restore();
}

void drawCheck(QPainter *p, const QRectF &r, const QColor &color)
{
    const qreal s = r.height();
    QPainterPath path;
    path.moveTo(r.left() + s * 0.15, r.top() + s * 0.52);
    path.lineTo(r.left() + s * 0.4, r.top() + s * 0.76);
    path.lineTo(r.left() + s * 0.86, r.top() + s * 0.26);
    p->save();
    p->setPen(QPen(color, qMax<qreal>(1.2, s / 9), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p->setBrush(Qt::NoBrush);
    p->drawPath(path);
    p->restore();
}

} // namespace

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const Layout l = layoutFor(opt, Data(index));
    // List views stretch rows to the viewport; reporting less keeps a horizontal scroll bar away.
    return QSize(qMax(1, l.width - QFontMetrics(opt.font).averageCharWidth() * 4), l.height);
}

QColor MessageDelegate::incomingFill(const QPalette &palette, QPalette::ColorGroup group)
{
    // AlternateBase when it stands out from Base; many styles (Adwaita-Dark among them) make the
    // two equal, and a faint tint vanishes on dark backgrounds, so it is tinted until it shows.
    const QColor base = palette.color(group, QPalette::Base);
    const QColor text = palette.color(group, QPalette::Text);
    const QColor alternate = over(palette.color(group, QPalette::AlternateBase), base);
    if (contrastRatio(alternate, base) >= kMinBubbleContrast)
        return alternate;
    QColor fill = alternate;
    for (qreal t = 0.05; t <= 0.3 && contrastRatio(fill, base) < kMinBubbleContrast; t += 0.01)
        fill = blend(base, text, t);
    return fill;
}

QRect MessageDelegate::retryRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const Data d(index);
    if (!d.failed())
        return QRect();
    const Layout l = layoutFor(opt, d);
    return l.retry.translated(opt.rect.topLeft());
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        auto *mouse = static_cast<QMouseEvent *>(event);
        const QRect retry = retryRect(option, index);
        if (mouse->button() == Qt::LeftButton && retry.contains(mouse->position().toPoint())) {
            emit retryRequested(index.data(ThreadModel::IdRole).toLongLong());
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

// Over 80 lines: it draws, in order, the parts layoutFor() placed (separator, new-messages rule,
// sender, quote, bubble, time and delivery, failure and Retry), each a few lines over one Layout.
void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const Data d(index);
    const Layout l = layoutFor(opt, d);

    const QPalette::ColorGroup group = colorGroup(opt);
    const QPalette &pal = opt.palette;
    const QColor base = pal.color(group, QPalette::Base);
    const QColor text = pal.color(group, QPalette::Text);
    const QColor secondary = blend(base, text, 0.55);
    const QColor red = QColor::fromRgb(kAlertRed);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    if (opt.state & QStyle::State_Selected) {
        QColor band = pal.color(group, QPalette::Highlight);
        band.setAlphaF(0.18f);
        painter->fillRect(opt.rect, band);
    }
    painter->translate(opt.rect.topLeft());

    if (!l.separator.isNull()) {
        const QFontMetrics sfm(l.small);
        const int textWidth = sfm.horizontalAdvance(d.separator) + l.hpad * 2;
        const int cx = l.separator.center().x();
        const int cy = l.separator.center().y();
        QColor rule = secondary;
        rule.setAlphaF(0.45f);
        painter->setPen(QPen(rule, 1));
        const int inset = l.hpad * 2;
        if (cx - textWidth / 2 > inset) {
            painter->drawLine(inset, cy, cx - textWidth / 2, cy);
            painter->drawLine(cx + textWidth / 2, cy, l.width - inset, cy);
        }
        painter->setFont(l.small);
        painter->setPen(secondary);
        painter->drawText(l.separator, Qt::AlignCenter, d.separator);
    }

    if (!l.marker.isNull()) {
        // The first message not read yet: an accent rule across the thread with its label.
        const QColor accent = pal.color(group, QPalette::Highlight);
        const QString label = tr("New messages");
        const QFontMetrics sfm(l.small);
        const int textWidth = sfm.horizontalAdvance(label) + l.hpad * 2;
        const int cy = l.marker.center().y();
        painter->setPen(QPen(accent, 1));
        painter->drawLine(0, cy, (l.width - textWidth) / 2, cy);
        painter->drawLine((l.width + textWidth) / 2, cy, l.width, cy);
        QFont bold = l.small;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(accent);
        painter->drawText(l.marker, Qt::AlignCenter, label);
    }

    if (!l.sender.isNull()) {
        painter->setFont(l.small);
        painter->setPen(secondary);
        painter->drawText(l.sender, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(l.small).elidedText(d.sender, Qt::ElideRight, l.sender.width()));
    }

    if (!l.quote.isNull()) {
        const int bar = qMax(2, QFontMetrics(l.body).height() / 6);
        QColor barColor = pal.color(group, QPalette::Highlight);
        painter->fillRect(QRect(l.quote.left(), l.quote.top(), bar, l.quote.height()), barColor);
        painter->setFont(l.small);
        painter->setPen(secondary);
        const QRect quoteText = l.quote.adjusted(bar + l.hpad / 2, 0, 0, 0);
        painter->drawText(quoteText, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(l.small).elidedText(d.quote, Qt::ElideRight, quoteText.width()));
    }

    // Bubble
    const qreal radius = qMin<qreal>(l.vpad * 2.2, l.bubble.height() / 2.0);
    QColor fill;
    if (d.outgoing) {
        fill = blend(base, pal.color(group, QPalette::Highlight), 0.28);
    } else {
        fill = incomingFill(pal, group);
    }
    QColor outline = blend(base, text, 0.14);
    if (d.recalled) {
        painter->setPen(QPen(outline, 1, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
    } else {
        painter->setPen(d.outgoing ? Qt::NoPen : QPen(outline, 1));
        painter->setBrush(fill);
    }
    painter->drawRoundedRect(QRectF(l.bubble).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);

    QTextLayout layout;
    layoutText(layout, d.text, l.bodyStyle, l.wrapWidth);
    painter->setPen(d.recalled ? secondary : text);
    layout.draw(painter, l.text.topLeft());

    // Time, "(edited)" and the delivery mark under the bubble.
    painter->setFont(l.small);
    painter->setPen(secondary);
    const QFontMetrics sfm(l.small);
    const int metaTextWidth = sfm.horizontalAdvance(l.metaText);
    painter->drawText(QRect(l.meta.left(), l.meta.top(), metaTextWidth, l.meta.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, l.metaText);
    if (d.outgoing && d.delivery != model::Delivery::None) {
        const QRectF markRect(l.meta.right() + 1 - l.mark, l.meta.top(), l.mark, l.meta.height());
        switch (d.delivery) {
        case model::Delivery::Pending:
            drawClock(painter, markRect, secondary);
            break;
        case model::Delivery::Sent:
            drawCheck(painter, markRect, secondary);
            break;
        case model::Delivery::Failed: {
            // The mark fills 90% of the line, centred.
            const qreal s = markRect.height() * 0.9;
            drawAlertMark(painter, QRectF(markRect.center() - QPointF(s / 2, s / 2), QSizeF(s, s)), l.small);
            break;
        }
        case model::Delivery::None:
            break;
        }
    }

    if (!l.failure.isNull()) {
        const int gap = sfm.averageCharWidth();
        const int reasonWidth = qMax(0, l.retry.left() - gap - l.failure.left());
        const QString reason =
            sfm.elidedText(tr("Not sent: %1").arg(d.error.isEmpty() ? tr("unknown error") : d.error),
                           Qt::ElideRight, reasonWidth);
        const int used = sfm.horizontalAdvance(reason);
        painter->setPen(red);
        painter->drawText(QRect(l.retry.left() - gap - used, l.failure.top(), used, l.failure.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, reason);
        // A button, not a link: one click sends it again (editorEvent).
        QColor face = red;
        face.setAlphaF(0.12f);
        painter->setPen(QPen(red, 1));
        painter->setBrush(face);
        const qreal rr = l.retry.height() / 2.0;
        painter->drawRoundedRect(QRectF(l.retry).adjusted(0.5, 0.5, -0.5, -0.5), rr, rr);
        QFont bold = l.small;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(red);
        painter->drawText(l.retry, Qt::AlignCenter, tr("Retry"));
    }
    painter->restore();
}

} // namespace hiscrm::ui
