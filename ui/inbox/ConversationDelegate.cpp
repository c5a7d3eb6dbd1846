// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/inbox/ConversationDelegate.h"

#include "ui/common/Drawing.h"

#include "ui/common/TagChips.h"
#include "ui/inbox/InboxRoles.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace hiscrm::ui {

namespace {

constexpr int kMaxChips = 2;
constexpr int kWaitShownAfterMinutes = 5;

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

// Tag chips right-aligned before `right`, at most kMaxChips and "+n" for the rest, fewer when the
// line is short (the preview keeps a third of it); returns the new right edge.
int drawChips(QPainter *p, const QList<TagChip> &tags, int left, int right, int top, int lineHeight,
              const QFont &font, int spacing, bool selected)
{
    if (tags.isEmpty())
        return right;
    const QFontMetrics fm(font);
    const int h = fm.height();
    QList<TagChip> shown = tags.mid(0, kMaxChips);
    for (TagChip &t : shown)
        t.name = fm.elidedText(t.name, Qt::ElideRight, fm.averageCharWidth() * 8);
    const auto moreText = [&] {
        return QStringLiteral("+%1").arg(tags.size() - shown.size());
    };
    const auto width = [&] {
        int w = 0;
        for (const TagChip &t : std::as_const(shown))
            w += tagChipWidth(fm, t.name) + spacing;
        if (shown.size() < tags.size())
            w += fm.horizontalAdvance(moreText()) + spacing;
        return w;
    };
    const int budget = (right - left) * 2 / 3;
    while (!shown.isEmpty() && width() > budget)
        shown.removeLast();
    if (width() > budget)
        return right;
    const int start = right - width();
    int x = start + spacing;
    for (const TagChip &t : std::as_const(shown)) {
        const int w = tagChipWidth(fm, t.name);
        paintTagChip(p, QRectF(x, top + (lineHeight - h) / 2.0, w, h), t.name, t.color, font, selected);
        x += w + spacing;
    }
    if (shown.size() < tags.size()) {
        p->setFont(font);
        p->drawText(QRect(x, top, right - x, lineHeight), Qt::AlignLeft | Qt::AlignVCenter, moreText());
    }
    return start;
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

QString ConversationDelegate::waitLabel(qint64 sinceMs, qint64 nowMs)
{
    if (sinceMs <= 0 || nowMs <= sinceMs)
        return QString();
    const qint64 minutes = (nowMs - sinceMs) / 60000;
    // A few minutes is a normal pace of chat, not a wait worth pointing at.
    if (minutes < kWaitShownAfterMinutes)
        return QString();
    if (minutes < 60)
        return tr("%1m", "waiting time in minutes").arg(minutes);
    if (minutes < 48 * 60)
        return tr("%1h", "waiting time in hours").arg(minutes / 60);
    return tr("%1d", "waiting time in days").arg(minutes / (24 * 60));
}

// Over 80 lines: one pass over the row's two lines, whose pieces share the positions measured
// from the right edge; split up, each part would take a dozen of them as arguments.
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

    const QString title = index.data(InboxRoles::Title).toString();
    const QString account = index.data(InboxRoles::Account).toString();
    const QString preview = index.data(InboxRoles::Preview).toString();
    const QString draft = index.data(InboxRoles::Draft).toString().simplified();
    const QString failed = index.data(InboxRoles::FailedReply).toString();
    const bool fromUs = index.data(InboxRoles::LastFromUs).toBool();
    const bool video = index.data(InboxRoles::IsVideo).toBool();
    const qint64 unread = index.data(InboxRoles::Unread).toLongLong();
    const bool pinned = index.data(InboxRoles::Pinned).toBool();
    const bool muted = index.data(InboxRoles::Muted).toBool();
    const QColor avatarColor = index.data(InboxRoles::AvatarColor).value<QColor>();
    const QString initials = index.data(InboxRoles::Initials).toString();
    const QList<TagChip> tags = index.data(InboxRoles::Tags).value<QList<TagChip>>();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const QString waited = waitLabel(index.data(InboxRoles::AwaitingSince).toLongLong(), nowMs);
    const QString time =
        relativeTime(index.data(InboxRoles::LastAt).toLongLong(), QDateTime::currentDateTime());

    const QPalette::ColorGroup group = colorGroup(opt);
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor background = opt.palette.color(group, selected ? QPalette::Highlight : QPalette::Base);
    const QColor secondary = blend(background, text, 0.62);
    // Red reads as "needs you" on any background except a red selection: use the text colour there.
    const QColor alert = selected ? text : QColor::fromRgb(kAlertRed);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    const QRect r = opt.rect;

    // Avatar: a person's initials in a circle, or a play mark in a rounded square for a video.
    const QRectF avatarRect(r.left() + g.hmargin, r.top() + (r.height() - g.avatar) / 2.0, g.avatar,
                            g.avatar);
    painter->setPen(Qt::NoPen);
    painter->setBrush(avatarColor.isValid() ? avatarColor : opt.palette.color(QPalette::Mid));
    if (video) {
        painter->drawRoundedRect(avatarRect, g.avatar * 0.22, g.avatar * 0.22);
        const qreal s = g.avatar * 0.36;
        const QPointF c = avatarRect.center() + QPointF(s * 0.12, 0);
        QPainterPath play;
        play.moveTo(c + QPointF(-s * 0.45, -s * 0.55));
        play.lineTo(c + QPointF(s * 0.6, 0));
        play.lineTo(c + QPointF(-s * 0.45, s * 0.55));
        play.closeSubpath();
        painter->setBrush(Qt::white);
        painter->drawPath(play);
    } else {
        painter->drawEllipse(avatarRect);
        QFont initialsFont = scaled(opt.font, 1.15);
        initialsFont.setBold(true);
        painter->setFont(initialsFont);
        painter->setPen(Qt::white);
        painter->drawText(avatarRect, Qt::AlignCenter, initials);
    }

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

    // Line 2, from the right: badge, marks (failed reply, muted, pinned), the fan's waiting time,
    // tag chips; the preview (or the draft) takes the rest.
    int x = right;
    if (unread > 0) {
        const QString count = unread > 99 ? tr("%1+").arg(99) : QString::number(unread);
        const QColor fill = muted ? opt.palette.color(group, QPalette::Mid) : QColor::fromRgb(kAlertRed);
        x -= drawCountBadge(painter, x, line2, g.line, count, smallFont, fill) + spacing;
    }
    const qreal mark = smallFm.height() * 0.85;
    const qreal markTop = line2 + (g.line - mark) / 2.0;
    if (!failed.isEmpty()) {
        drawAlertMark(painter, QRectF(x - mark, markTop, mark, mark), smallFont);
        x -= qRound(mark) + spacing;
    }
    if (muted) {
        drawMuted(painter, QRectF(x - mark, markTop, mark, mark), secondary);
        x -= qRound(mark) + spacing;
    }
    if (pinned) {
        drawPin(painter, QRectF(x - mark, markTop, mark, mark), secondary);
        x -= qRound(mark) + spacing;
    }
    if (!waited.isEmpty() && !muted) {
        painter->setFont(smallFont);
        painter->setPen(selected ? text : QColor::fromRgb(kWaitAmber));
        const int w = smallFm.horizontalAdvance(waited);
        painter->drawText(QRect(x - w, line2, w, g.line), Qt::AlignRight | Qt::AlignVCenter, waited);
        x -= w + spacing;
    }
    painter->setPen(secondary); // for the "+n" of tags that do not fit
    x = drawChips(painter, tags, left, x, line2, g.line, smallFont, spacing, selected);

    int textLeft = left;
    const QString body = draft.isEmpty() ? preview : draft;
    painter->setFont(opt.font);
    if (!draft.isEmpty() || fromUs) {
        const QString prefix = !draft.isEmpty() ? tr("Draft:") : tr("You:");
        painter->setPen(!draft.isEmpty() ? alert : secondary);
        const int w = opt.fontMetrics.horizontalAdvance(prefix);
        if (textLeft + w < x) {
            painter->drawText(QRect(textLeft, line2, w, g.line), Qt::AlignLeft | Qt::AlignVCenter, prefix);
            // "Draft: text", but "草稿：文字": a full-width colon carries its own space.
            const bool wide = prefix.back().unicode() >= 0x3000;
            textLeft += w + (wide ? 0 : opt.fontMetrics.horizontalAdvance(QLatin1Char(' ')));
        }
    }
    const int previewSpace = qMax(0, x - textLeft);
    painter->setPen(!draft.isEmpty() ? text : secondary);
    painter->drawText(QRect(textLeft, line2, previewSpace, g.line), Qt::AlignLeft | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(body, Qt::ElideRight, previewSpace));

    if (opt.state & QStyle::State_HasFocus) {
        // The frame only: a brush left over from the badge made some styles (Adwaita) fill the
        // whole focused row with it, hiding the content.
        painter->setBrush(Qt::NoBrush);
        painter->setPen(text);
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.backgroundColor = background;
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
    painter->restore();
}

} // namespace hiscrm::ui
