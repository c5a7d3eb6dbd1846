// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ConversationDelegate.h"

#include "ui/ConversationListModel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace hiscrm::ui {

namespace {

// The one fixed colour besides the avatar palette: a badge must read as "unread" in any theme.
constexpr QRgb kBadgeRed = 0xE5483F;

QFont scaled(const QFont &base, qreal factor)
{
    QFont f = base;
    if (base.pointSizeF() > 0)
        f.setPointSizeF(base.pointSizeF() * factor);
    else if (base.pixelSize() > 0)
        f.setPixelSize(qMax(1, qRound(base.pixelSize() * factor)));
    return f;
}

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// Every size derives from the font, so the row scales with the user's font and the screen's DPI.
struct Geometry
{
    int line = 0;    // height of a line of body text
    int vpad = 0;    // above the first and below the second line
    int gap = 0;     // between the two lines
    int hmargin = 0; // left and right of the content
    int avatar = 0;  // diameter
    int height = 0;
};

Geometry geometryFor(const QStyleOptionViewItem &option)
{
    const QFontMetrics fm(option.font);
    Geometry g;
    g.line = fm.height();
    g.vpad = qRound(g.line * 0.75);
    g.gap = qMax(2, g.line / 5);
    const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    const int styleMargin = style->pixelMetric(QStyle::PM_LayoutLeftMargin, nullptr, option.widget);
    g.hmargin = qMax(styleMargin, qRound(g.line * 0.6));
    g.height = 2 * g.vpad + 2 * g.line + g.gap;
    g.avatar = qRound(g.height * 0.68);
    return g;
}

void drawPin(QPainter *p, const QRectF &r, const QColor &color)
{
    // A thumbtack leaning right: round head, short body, needle.
    p->save();
    p->translate(r.center());
    p->rotate(40);
    const qreal s = r.height();
    p->setPen(Qt::NoPen);
    p->setBrush(color);
    p->drawEllipse(QPointF(0, -s * 0.22), s * 0.2, s * 0.2);
    p->drawRect(QRectF(-s * 0.12, -s * 0.1, s * 0.24, s * 0.22));
    p->setPen(QPen(color, qMax<qreal>(1.0, s / 10), Qt::SolidLine, Qt::RoundCap));
    p->drawLine(QPointF(0, s * 0.1), QPointF(0, s * 0.45));
    p->restore();
}

void drawMuted(QPainter *p, const QRectF &r, const QColor &color)
{
    // A bell struck through.
    const qreal s = r.height();
    const qreal x = r.left();
    const qreal y = r.top();
    QPainterPath bell;
    bell.moveTo(x + s * 0.2, y + s * 0.72);
    bell.cubicTo(x + s * 0.28, y + s * 0.55, x + s * 0.2, y + s * 0.15, x + s * 0.5, y + s * 0.15);
    bell.cubicTo(x + s * 0.8, y + s * 0.15, x + s * 0.72, y + s * 0.55, x + s * 0.8, y + s * 0.72);
    bell.closeSubpath();
    p->save();
    p->setPen(QPen(color, qMax<qreal>(1.0, s / 12)));
    p->setBrush(Qt::NoBrush);
    p->drawPath(bell);
    p->drawLine(QPointF(x + s * 0.42, y + s * 0.84), QPointF(x + s * 0.58, y + s * 0.84));
    p->drawLine(QPointF(x + s * 0.12, y + s * 0.1), QPointF(x + s * 0.88, y + s * 0.9));
    p->restore();
}

} // namespace

ConversationDelegate::ConversationDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QString ConversationDelegate::relativeTime(qint64 ms, const QDateTime &now)
{
    if (ms <= 0)
        return QString();
    const QLocale locale;
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(ms);
    const QDate day = when.date();
    const QDate today = now.date();
    if (day == today)
        return locale.toString(when.time(), QLocale::ShortFormat);
    if (day == today.addDays(-1))
        return tr("Yesterday");
    if (day < today && day > today.addDays(-7))
        return locale.dayName(day.dayOfWeek(), QLocale::ShortFormat);
    return locale.toString(day, QLocale::ShortFormat);
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const Geometry g = geometryFor(opt);
    // List views stretch rows to the viewport; this is only the narrowest useful width.
    const int width = g.avatar + 2 * g.hmargin + QFontMetrics(opt.font).averageCharWidth() * 16;
    return QSize(width, g.height);
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    const Geometry g = geometryFor(opt);

    // Selection and hover exactly as the platform style draws them for any item view.
    opt.text.clear();
    opt.icon = QIcon();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    using M = ConversationListModel;
    const QString title = index.data(M::TitleRole).toString();
    const QString account = index.data(M::AccountRole).toString();
    const QString preview = index.data(M::PreviewRole).toString();
    const qint64 unread = index.data(M::UnreadRole).toLongLong();
    const bool pinned = index.data(M::PinnedRole).toBool();
    const bool muted = index.data(M::MutedRole).toBool();
    const QColor avatarColor = index.data(M::AvatarColorRole).value<QColor>();
    const QString initials = index.data(M::InitialsRole).toString();
    const QString time = relativeTime(index.data(M::LastAtRole).toLongLong(), QDateTime::currentDateTime());

    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (opt.state & QStyle::State_Active) ? QPalette::Active
                                                                            : QPalette::Inactive;
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor background = opt.palette.color(group, selected ? QPalette::Highlight : QPalette::Base);
    const QColor secondary = blend(background, text, 0.62);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    const QRect r = opt.rect;

    // Avatar
    const QRectF avatarRect(r.left() + g.hmargin, r.top() + (r.height() - g.avatar) / 2.0, g.avatar,
                            g.avatar);
    painter->setPen(Qt::NoPen);
    painter->setBrush(avatarColor.isValid() ? avatarColor : opt.palette.color(QPalette::Mid));
    painter->drawEllipse(avatarRect);
    QFont initialsFont = scaled(opt.font, 1.15);
    initialsFont.setBold(true);
    painter->setFont(initialsFont);
    painter->setPen(Qt::white);
    painter->drawText(avatarRect, Qt::AlignCenter, initials);

    const int left = qRound(avatarRect.right()) + g.hmargin;
    const int right = r.right() - g.hmargin;
    const int line1 = r.top() + g.vpad;
    const int line2 = line1 + g.line + g.gap;
    const QFont smallFont = scaled(opt.font, 0.88);
    const QFontMetrics smallFm(smallFont);
    const int spacing = qMax(4, g.line / 3);

    // Line 1: time on the right, then the title and the account's name in what remains.
    painter->setFont(smallFont);
    painter->setPen(secondary);
    const int timeWidth = smallFm.horizontalAdvance(time);
    painter->drawText(QRect(right - timeWidth, line1, timeWidth, g.line), Qt::AlignRight | Qt::AlignVCenter,
                      time);
    QFont titleFont = opt.font;
    titleFont.setBold(unread > 0);
    const QFontMetrics titleFm(titleFont);
    const int titleSpace = qMax(0, right - timeWidth - spacing - left);
    const QString shownTitle = titleFm.elidedText(title, Qt::ElideRight, titleSpace);
    const int titleWidth = titleFm.horizontalAdvance(shownTitle);
    painter->setFont(titleFont);
    painter->setPen(text);
    painter->drawText(QRect(left, line1, titleWidth, g.line), Qt::AlignLeft | Qt::AlignVCenter, shownTitle);
    const int accountSpace = titleSpace - titleWidth - spacing;
    if (!account.isEmpty() && shownTitle == title && accountSpace > smallFm.averageCharWidth() * 3) {
        painter->setFont(smallFont);
        painter->setPen(secondary);
        painter->drawText(QRect(left + titleWidth + spacing, line1, accountSpace, g.line),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          smallFm.elidedText(account, Qt::ElideRight, accountSpace));
    }

    // Line 2, from the right: badge, mute mark, pin mark; the preview takes the rest.
    int x = right;
    if (unread > 0) {
        const QString count = unread > 99 ? tr("%1+").arg(99) : QString::number(unread);
        QFont badgeFont = smallFont;
        badgeFont.setBold(true);
        const QFontMetrics badgeFm(badgeFont);
        const int h = badgeFm.height();
        const int w = qMax(h, badgeFm.horizontalAdvance(count) + h / 2 + 2);
        const QRectF badge(x - w, line2 + (g.line - h) / 2.0, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(muted ? opt.palette.color(group, QPalette::Mid) : QColor::fromRgb(kBadgeRed));
        painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, count);
        x -= w + spacing;
    }
    const qreal mark = smallFm.height() * 0.85;
    const qreal markTop = line2 + (g.line - mark) / 2.0;
    if (muted) {
        drawMuted(painter, QRectF(x - mark, markTop, mark, mark), secondary);
        x -= qRound(mark) + spacing;
    }
    if (pinned) {
        drawPin(painter, QRectF(x - mark, markTop, mark, mark), secondary);
        x -= qRound(mark) + spacing;
    }
    const int previewSpace = qMax(0, x - left);
    painter->setFont(opt.font);
    painter->setPen(secondary);
    painter->drawText(QRect(left, line2, previewSpace, g.line), Qt::AlignLeft | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(preview, Qt::ElideRight, previewSpace));

    if (opt.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.backgroundColor = background;
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
    painter->restore();
}

} // namespace hiscrm::ui
