// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SearchPanel.h"

#include "search/TextAnalysis.h"
#include "store/SearchService.h"
#include "ui/common/Drawing.h"
#include "ui/common/ElidingComboBox.h"
#include "ui/common/Icons.h"
#include "ui/common/Placeholder.h"
#include "ui/common/PlatformName.h"
#include "ui/search/ChatMatchesModel.h"
#include "ui/search/SearchResultsModel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPixmap>
#include <QStyledItemDelegate>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace hiscrm::ui {

namespace {

constexpr int kRowMargin = 6;
constexpr int kLineSpacing = 2;
// Chats found by the person's name, shown above the messages and comments found.
constexpr int kChatLimit = 5;

QString formatTime(const QDateTime &time)
{
    const QLocale locale;
    const QDate today = QDate::currentDate();
    if (time.date() == today)
        return locale.toString(time.time(), QLocale::ShortFormat);
    return locale.toString(time.date(), QLocale::ShortFormat);
}

QIcon swatch(const QString &color, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    const QColor c(color);
    p.setBrush(c.isValid() ? c : QColor(Qt::gray));
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return QIcon(pixmap);
}

// The rows of both lists: two lines, the first with a name in bold, where (dimmed) and a time on
// the right. The style draws selection, hover and focus; subclasses draw the second line.
class TwoLineDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    struct Row
    {
        QRect second; // the second line's rectangle
        QColor text;  // for the text, on the row's background
        QColor dim;   // for what is secondary
        QPalette::ColorGroup group = QPalette::Active;
        bool selected = false;
    };

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        opt.text.clear();
        opt.icon = QIcon();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        Row row;
        row.selected = opt.state.testFlag(QStyle::State_Selected);
        row.group = colorGroup(opt);
        row.text = opt.palette.color(row.group, row.selected ? QPalette::HighlightedText : QPalette::Text);
        row.dim = row.selected ? row.text : opt.palette.color(row.group, QPalette::PlaceholderText);

        const QRect r = opt.rect.adjusted(kRowMargin, kRowMargin / 2, -kRowMargin, -kRowMargin / 2);
        const QFontMetrics fm(opt.font);
        QFont bold = opt.font;
        bold.setBold(true);
        const QFontMetrics boldFm(bold);
        painter->save();
        painter->setClipRect(opt.rect);

        const QString time = formatTime(index.data(timeRole()).toDateTime());
        QRect head(r.left(), r.top(), r.width(), fm.height());
        painter->setFont(opt.font);
        painter->setPen(row.dim);
        painter->drawText(head, Qt::AlignRight | Qt::AlignVCenter, time);
        head.setRight(head.right() - fm.horizontalAdvance(time) - kRowMargin);

        // The search's hits in the name as in a snippet; on a selected row, the other way round.
        const QColor hitBack =
            opt.palette.color(row.group, row.selected ? QPalette::HighlightedText : QPalette::Highlight);
        const QColor hitText =
            opt.palette.color(row.group, row.selected ? QPalette::Highlight : QPalette::HighlightedText);
        painter->setFont(bold);
        head.setLeft(head.left() +
                     drawMarked(painter, head, name(index), head.width() / 2, {row.text, hitBack, hitText}));
        painter->setFont(opt.font);
        painter->setPen(row.dim);
        painter->drawText(head, Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(QStringLiteral("  ") + where(index), Qt::ElideRight, head.width()));

        row.second = QRect(r.left(), head.bottom() + 1 + kLineSpacing, r.width(), fm.height() + 2);
        paintSecondLine(painter, opt, index, row);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        Q_UNUSED(index);
        const QFontMetrics fm(option.font);
        // The view stretches rows to its width and the row elides to fit, so this is only the
        // narrowest useful width: a wider hint would put the time off to the right, behind a
        // horizontal scroll bar, in a panel of the usual width.
        return {fm.averageCharWidth() * 20, kRowMargin + 2 * fm.height() + kLineSpacing + 2};
    }

protected:
    struct Colors
    {
        QColor text, hitBackground, hitText;
    };
    // Draws `marked` (search::kHighlightOpen/Close around hits) left in `r` in the painter's font, at
    // most `maxWidth` wide and elided at the end; returns the width drawn.
    static int drawMarked(QPainter *painter, const QRect &r, const QString &marked, int maxWidth,
                          const Colors &colors)
    {
        QString plain;
        QList<bool> hit; // per character of plain
        bool inHit = false;
        for (const QChar c : marked) {
            if (c == search::kHighlightOpen || c == search::kHighlightClose) {
                inHit = c == search::kHighlightOpen;
                continue;
            }
            plain += c;
            hit += inHit;
        }
        const QFontMetrics fm(painter->font());
        const QString shown = fm.elidedText(plain, Qt::ElideRight, maxWidth);
        const bool elided = shown != plain;
        const qsizetype visible = elided ? qMax<qsizetype>(0, shown.size() - 1) : plain.size();
        int x = r.left();
        for (qsizetype from = 0; from < visible;) {
            qsizetype to = from + 1;
            while (to < visible && hit[to] == hit[from])
                ++to;
            const QString part = plain.mid(from, to - from);
            const int width = fm.horizontalAdvance(part);
            const QRect box(x, r.top(), width, r.height());
            if (hit[from])
                painter->fillRect(box, colors.hitBackground);
            painter->setPen(hit[from] ? colors.hitText : colors.text);
            painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter, part);
            x += width;
            from = to;
        }
        if (elided) {
            const QString ellipsis = shown.right(1);
            painter->setPen(colors.text);
            painter->drawText(QRect(x, r.top(), r.right() - x, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                              ellipsis);
            x += fm.horizontalAdvance(ellipsis);
        }
        return x - r.left();
    }

    virtual int timeRole() const = 0;
    // The row's name, with the search's hits marked (search::kHighlightOpen/Close) where it has any.
    virtual QString name(const QModelIndex &index) const = 0;
    virtual QString where(const QModelIndex &index) const = 0;
    virtual void paintSecondLine(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                                 const Row &row) const = 0;
};

// A message or comment found: who wrote it, in which chat or under which video, on which account;
// then the snippet with its hits marked (HTML).
class ResultDelegate final : public TwoLineDelegate
{
public:
    using TwoLineDelegate::TwoLineDelegate;

protected:
    int timeRole() const override { return SearchResultsModel::TimeRole; }
    QString name(const QModelIndex &index) const override
    {
        return index.data(SearchResultsModel::SenderNameRole).toString();
    }
    QString where(const QModelIndex &index) const override
    {
        const QString title = index.data(SearchResultsModel::ConversationTitleRole).toString();
        const QString account = index.data(SearchResultsModel::AccountNameRole).toString();
        if (account.isEmpty())
            return title;
        return QCoreApplication::translate("hiscrm::ui::SearchPanel", "%1 · %2",
                                           "conversation or video title · account name")
            .arg(title, account);
    }
    void paintSecondLine(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                         const Row &row) const override
    {
        QTextDocument doc;
        doc.setDefaultFont(opt.font);
        doc.setDocumentMargin(0);
        QTextOption textOption = doc.defaultTextOption();
        textOption.setWrapMode(QTextOption::NoWrap);
        doc.setDefaultTextOption(textOption);
        // On a selected row the usual hit colour is the selection's own: invert it there.
        doc.setHtml(row.selected ? SearchResultsModel::snippetToHtml(
                                       index.data(SearchResultsModel::MarkedSnippetRole).toString(), row.text,
                                       opt.palette.color(row.group, QPalette::Highlight))
                                 : index.data(SearchResultsModel::SnippetRole).toString());
        painter->translate(row.second.topLeft());
        const QRect clip(0, 0, row.second.width(), row.second.height());
        painter->setClipRect(clip, Qt::IntersectClip);
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = opt.palette;
        context.palette.setColor(QPalette::Text, row.text);
        context.clip = clip;
        doc.documentLayout()->draw(painter, context);
    }
};

// A chat found by the person's name: who, on which account, when; then its latest message and
// its unread badge.
class ChatDelegate final : public TwoLineDelegate
{
public:
    using TwoLineDelegate::TwoLineDelegate;

protected:
    int timeRole() const override { return ChatMatchesModel::TimeRole; }
    QString name(const QModelIndex &index) const override
    {
        return index.data(ChatMatchesModel::MarkedNameRole).toString();
    }
    QString where(const QModelIndex &index) const override
    {
        const QString account = index.data(ChatMatchesModel::AccountNameRole).toString();
        if (!index.data(ChatMatchesModel::ArchivedRole).toBool())
            return account;
        return QCoreApplication::translate("hiscrm::ui::SearchPanel", "%1 · archived",
                                           "account name · the chat is archived")
            .arg(account);
    }
    void paintSecondLine(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                         const Row &row) const override
    {
        QRect line = row.second;
        if (const qint64 unread = index.data(ChatMatchesModel::UnreadRole).toLongLong(); unread > 0) {
            const QString count = unread > 99 ? QCoreApplication::translate("hiscrm::ui::SearchPanel", "%1+",
                                                                            "more than 99 unread")
                                                    .arg(99)
                                              : QString::number(unread);
            const int width = drawCountBadge(painter, line.right(), line.top(), line.height(), count,
                                             opt.font, QColor::fromRgb(kAlertRed));
            line.setRight(line.right() - width - kRowMargin);
        }
        painter->setFont(opt.font);
        painter->setPen(row.text);
        const QString preview = index.data(ChatMatchesModel::PreviewRole).toString().simplified();
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(preview, Qt::ElideRight, line.width()));
    }
};

} // namespace

SearchPanel::SearchPanel(QString databasePath, QWidget *parent)
    : QWidget(parent)
    , m_search(std::make_unique<store::SearchService>(std::move(databasePath)))
{
    setObjectName(QStringLiteral("searchPanel"));
    buildUi();
    retranslateUi();
    updateHighlightColors();
    updateStatus();
}

// The service (the last member, destroyed first) cancels what still runs and waits for its threads.
SearchPanel::~SearchPanel() = default;

// Long but straight: the panel's widgets, top to bottom as they appear, each with its name,
// tooltip and signal; pieces of it would only scatter one layout over several functions.
void SearchPanel::buildUi()
{
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("searchEdit"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    keepPlaceholderDim(m_edit);

    m_closeButton = new QToolButton(this);
    m_closeButton->setObjectName(QStringLiteral("searchCloseButton"));
    m_closeButton->setIcon(icon(Glyph::Close)); // the style's black cross is lost on a dark palette
    m_closeButton->setAutoRaise(true);
    // A click leaves the focus in the search box; Tab still reaches the button.
    m_closeButton->setFocusPolicy(Qt::TabFocus);

    m_accountFilter = new ElidingComboBox(this);
    m_accountFilter->setObjectName(QStringLiteral("accountFilter"));
    m_accountFilter->addItem(QString(), qint64(0));
    m_accountFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_kindFilter = new ElidingComboBox(this);
    m_kindFilter->setObjectName(QStringLiteral("kindFilter"));
    m_kindFilter->addItem(QString(), -1);
    m_kindFilter->addItem(QString(), int(model::ItemKind::Message));
    m_kindFilter->addItem(QString(), int(model::ItemKind::Comment));

    m_tagFilter = new ElidingComboBox(this);
    m_tagFilter->setObjectName(QStringLiteral("tagFilter"));
    m_tagFilter->addItem(QString(), qint64(0));
    m_tagFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_dateFilter = new ElidingComboBox(this);
    m_dateFilter->setObjectName(QStringLiteral("dateFilter"));
    for (DateRange range :
         {DateRange::Any, DateRange::Today, DateRange::Last7Days, DateRange::Last30Days, DateRange::Custom})
        m_dateFilter->addItem(QString(), int(range));
    const QDate today = QDate::currentDate();
    m_dateFrom = new QDateEdit(today.addDays(-6), this);
    m_dateFrom->setObjectName(QStringLiteral("dateFromEdit"));
    m_dateFrom->setCalendarPopup(true);
    m_dateTo = new QDateEdit(today, this);
    m_dateTo->setObjectName(QStringLiteral("dateToEdit"));
    m_dateTo->setCalendarPopup(true);
    // A date typed digit by digit counts once it is whole (Enter, Tab, an arrow, the calendar):
    // the "1" of a month 10 must not move the other end of the range along.
    m_dateFrom->setKeyboardTracking(false);
    m_dateTo->setKeyboardTracking(false);

    m_senderChip = new QToolButton(this);
    m_senderChip->setObjectName(QStringLiteral("senderFilter"));
    m_senderChip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_senderChip->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_senderChip->setAutoRaise(false);
    m_senderChip->setVisible(false);
    // Ctrl+F in a thread searches that conversation only, shown as a chip like the sender.
    m_scopeChip = new QToolButton(this);
    m_scopeChip->setObjectName(QStringLiteral("conversationFilter"));
    m_scopeChip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_scopeChip->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_scopeChip->setVisible(false);

    m_unreadFilter = new QCheckBox(this);
    m_unreadFilter->setObjectName(QStringLiteral("unreadFilter"));

    m_orderCombo = new QComboBox(this);
    m_orderCombo->setObjectName(QStringLiteral("orderCombo"));
    m_orderCombo->addItem(QString(), int(store::SearchOrder::Newest));
    m_orderCombo->addItem(QString(), int(store::SearchOrder::Relevance));

    const auto sectionHeader = [this](const QString &name) {
        auto *label = new QLabel(this);
        label->setObjectName(name);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        label->setWordWrap(true);
        label->setVisible(false);
        return label;
    };
    m_chatsHeader = sectionHeader(QStringLiteral("chatsHeader"));
    m_chats = new ChatMatchesModel(this);
    m_chatsView = new QListView(this);
    m_chatsView->setObjectName(QStringLiteral("chatsView"));
    m_chatsView->setModel(m_chats);
    m_chatsView->setItemDelegate(new ChatDelegate(m_chatsView));
    m_chatsView->setUniformItemSizes(true);
    m_chatsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chatsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // As tall as its few rows: the results below take the rest of the panel.
    m_chatsView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_chatsView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_chatsView->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_chatsView->setVisible(false);
    m_chatsView->installEventFilter(this);
    m_resultsHeader = sectionHeader(QStringLiteral("resultsHeader"));

    m_model = new SearchResultsModel(this);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("resultsView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ResultDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->installEventFilter(this);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("searchHint"));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setContentsMargins(0, fontMetrics().height(), 0, 0);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_accountFilter);
    filters->addWidget(m_kindFilter);
    filters->addWidget(m_tagFilter);
    filters->addWidget(m_dateFilter);
    filters->addStretch(1);
    // A custom range gets a row of its own: beside the filters its two dates widened the panel
    // (and the list that takes its place) at the thread's expense.
    m_dateRow = new QWidget(this);
    auto *dates = new QHBoxLayout(m_dateRow);
    dates->setContentsMargins(0, 0, 0, 0);
    m_dateToLabel = new QLabel(m_dateRow);
    dates->addWidget(m_dateFrom);
    dates->addWidget(m_dateToLabel);
    dates->addWidget(m_dateTo);
    dates->addStretch(1);
    auto *options = new QHBoxLayout;
    options->addWidget(m_senderChip);
    options->addWidget(m_scopeChip);
    options->addWidget(m_unreadFilter);
    options->addStretch(1);
    options->addWidget(m_orderCombo);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_edit, 1);
    searchRow->addWidget(m_closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(searchRow);
    layout->addLayout(filters);
    layout->addWidget(m_dateRow);
    layout->addLayout(options);
    layout->addWidget(m_chatsHeader);
    layout->addWidget(m_chatsView);
    layout->addWidget(m_resultsHeader);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_hint);
    layout->addStretch(0); // takes the room of the results while they are hidden (updateStatus)
    layout->addWidget(m_status);
    updateDateEdits();

    // No delay before searching: a search takes about a millisecond at a million messages, and
    // a newer keystroke interrupts it. An input method's composition (preedit) is not part of the
    // text and changes nothing here; only its committed text does.
    connect(m_edit, &QLineEdit::textChanged, this, &SearchPanel::onTextEdited);
    connect(m_closeButton, &QToolButton::clicked, this, &SearchPanel::closeRequested);

    for (QComboBox *combo : {m_accountFilter, m_kindFilter, m_tagFilter, m_orderCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &SearchPanel::startSearch);
    for (QComboBox *combo : filterCombos())
        combo->view()->installEventFilter(this);
    connect(m_dateFilter, &QComboBox::currentIndexChanged, this, [this] {
        const auto range = DateRange(m_dateFilter->currentData().toInt());
        if (range == DateRange::Custom)
            startCustomRange(m_dateRange);
        m_dateRange = range;
        updateDateEdits();
        startSearch();
    });
    // The range stays in order: a "from" after "to" moves "to" along, and the other way round, so
    // a slip of the calendar never turns into an empty result with no reason given.
    connect(m_dateFrom, &QDateEdit::dateChanged, this, [this](QDate from) {
        if (from > m_dateTo->date()) {
            const QSignalBlocker block(m_dateTo);
            m_dateTo->setDate(from);
        }
        if (m_dateRange == DateRange::Custom)
            startSearch();
    });
    connect(m_dateTo, &QDateEdit::dateChanged, this, [this](QDate to) {
        if (to < m_dateFrom->date()) {
            const QSignalBlocker block(m_dateFrom);
            m_dateFrom->setDate(to);
        }
        if (m_dateRange == DateRange::Custom)
            startSearch();
    });
    connect(m_unreadFilter, &QCheckBox::toggled, this, &SearchPanel::startSearch);
    connect(m_senderChip, &QToolButton::clicked, this, &SearchPanel::clearSenderFilter);
    connect(m_scopeChip, &QToolButton::clicked, this, [this] { setConversationScope(0, QString()); });

    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = m_model->itemId(index.row()))
            emit openItem(id);
    });
    connect(m_chatsView, &QListView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = m_chats->conversationId(index.row()))
            emit openConversation(id);
    });
    // One current row across both lists: a row made current in one leaves none in the other.
    connect(m_chatsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_view->selectionModel()->clear();
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_chatsView->selectionModel()->clear();
            });
    connect(m_model, &SearchResultsModel::moreRequested, this, &SearchPanel::fetchMore);
}

QList<QComboBox *> SearchPanel::filterCombos() const
{
    return {m_accountFilter, m_kindFilter, m_tagFilter, m_dateFilter, m_orderCombo};
}

void SearchPanel::retranslateUi()
{
    m_edit->setPlaceholderText(tr("Search messages, comments and names (Ctrl+K)"));
    m_edit->setAccessibleName(tr("Search messages, comments and names"));
    m_closeButton->setToolTip(tr("Close search (Esc)"));
    m_closeButton->setAccessibleName(tr("Close search"));
    m_accountFilter->setItemText(0, tr("All accounts"));
    m_accountFilter->setAccessibleName(tr("Account filter"));
    m_kindFilter->setItemText(0, tr("All kinds"));
    m_kindFilter->setItemText(1, tr("Direct messages"));
    m_kindFilter->setItemText(2, tr("Comments"));
    m_kindFilter->setAccessibleName(tr("Message kind filter"));
    m_tagFilter->setItemText(0, tr("All tags"));
    m_tagFilter->setAccessibleName(tr("Tag filter"));
    m_dateFilter->setItemText(0, tr("Any time"));
    m_dateFilter->setItemText(1, tr("Today"));
    m_dateFilter->setItemText(2, tr("Last 7 days"));
    m_dateFilter->setItemText(3, tr("Last 30 days"));
    m_dateFilter->setItemText(4, tr("Custom range…"));
    m_dateFilter->setAccessibleName(tr("Date filter"));
    m_dateFrom->setAccessibleName(tr("From date"));
    m_dateTo->setAccessibleName(tr("To date"));
    m_dateToLabel->setText(tr("to", "a date range: 2026/11/29 to 2026/12/5"));
    m_unreadFilter->setText(tr("Unread only"));
    m_unreadFilter->setAccessibleName(tr("Only unread messages and comments"));
    m_orderCombo->setItemText(0, tr("Newest first"));
    m_orderCombo->setItemText(1, tr("Most relevant first"));
    m_orderCombo->setAccessibleName(tr("Result order"));
    m_senderChip->setText(tr("From: %1").arg(m_senderName));
    m_senderChip->setToolTip(tr("Remove this filter"));
    m_senderChip->setAccessibleName(tr("Sender filter: %1. Press to remove.").arg(m_senderName));
    m_scopeChip->setText(tr("In: %1").arg(m_scopeTitle));
    m_scopeChip->setToolTip(tr("Search every conversation again"));
    m_scopeChip->setAccessibleName(tr("Conversation filter: %1. Press to remove.").arg(m_scopeTitle));
    retranslateChatsHeader();
    m_chatsView->setAccessibleName(tr("Chats found by the person's name"));
    m_view->setAccessibleName(tr("Search results"));
    m_status->setAccessibleName(tr("Search status"));
    updateStatus(); // and the results' header
}

void SearchPanel::retranslateChatsHeader()
{
    m_chatsHeader->setText(m_moreChats
                               ? tr("Chats: the %n latest (type more of the name to narrow them down)", "",
                                    int(m_chats->rowCount()))
                               : tr("Chats"));
}

void SearchPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitChatsView();
    else if (event->type() == QEvent::PaletteChange)
        updateHighlightColors();
    QWidget::changeEvent(event);
}

void SearchPanel::updateHighlightColors()
{
    m_model->setHighlightColors(palette().color(QPalette::Highlight),
                                palette().color(QPalette::HighlightedText));
}

void SearchPanel::updateDateEdits()
{
    m_dateRow->setVisible(DateRange(m_dateFilter->currentData().toInt()) == DateRange::Custom);
}

void SearchPanel::startCustomRange(DateRange previous)
{
    // A custom range starts as the range that was shown, counted from today (the app may have
    // been open for days), so that only the day to change needs changing.
    const QDate today = QDate::currentDate();
    QDate from = today.addDays(-6);
    if (previous == DateRange::Today)
        from = today;
    else if (previous == DateRange::Last30Days)
        from = today.addDays(-29);
    const QSignalBlocker blockFrom(m_dateFrom);
    const QSignalBlocker blockTo(m_dateTo);
    m_dateTo->setDate(today);
    m_dateFrom->setDate(from);
}

void SearchPanel::updateStatus()
{
    const int rows = m_model->rowCount();
    const int chats = m_chats->rowCount();
    QString text;
    if (!m_error.isEmpty())
        text = tr("Search failed: %1").arg(m_error);
    else if (!m_searched)
        text = QString();
    else if (rows == 0 && chats == 0)
        text = tr("No results");
    else if (m_model->hasMore())
        text = tr("%n+ results", "", rows);
    else
        text = tr("%n results", "", rows);
    if (m_searched && m_error.isEmpty() && chats > 0) {
        const QString found = m_moreChats ? tr("%n+ chats", "", chats) : tr("%n chats", "", chats);
        text = rows == 0 ? tr("%1, no messages or comments", "chats found by name").arg(found)
                         : tr("%1, %2", "chats found by name, messages found").arg(found, text);
    }
    m_status->setText(text);
    // Chats found by name and no message or comment: an empty box under its header read as a
    // search still running or broken; the header says so instead and the box goes.
    const bool onlyChats = m_searched && m_error.isEmpty() && rows == 0 && chats > 0;
    // Nothing to search yet: what to type, where an empty box said nothing.
    const bool idle = !m_searched && m_error.isEmpty();
    m_hint->setText(m_scopeId != 0 ? tr("Type to search the messages and comments of “%1”.").arg(m_scopeTitle)
                                   : tr("Type to search the messages and comments of every account, and "
                                        "your customers' names. Chinese words of one or two characters "
                                        "work too; the filters above narrow the search."));
    m_hint->setVisible(idle);
    m_view->setVisible(!onlyChats && !idle);
    m_resultsHeader->setText(onlyChats ? tr("Messages and comments: none found")
                                       : tr("Messages and comments"));
}

void SearchPanel::focusSearch()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void SearchPanel::setAccounts(const QList<model::Account> &accounts)
{
    const qint64 current = m_accountFilter->currentData().toLongLong();
    int index = 0;
    {
        const QSignalBlocker blocker(m_accountFilter);
        while (m_accountFilter->count() > 1)
            m_accountFilter->removeItem(1);
        for (const model::Account &a : accounts) {
            const QString name = a.name.isEmpty() ? a.platformId : a.name;
            m_accountFilter->addItem(
                tr("%1 (%2)", "account name (platform)").arg(name, platformName(a.platform)), a.id);
            if (a.id == current)
                index = m_accountFilter->count() - 1;
        }
        m_accountFilter->setCurrentIndex(index);
    }
    if (current != 0 && index == 0)
        startSearch(); // the account filtered on is gone
}

void SearchPanel::setTags(const QList<model::Tag> &tags)
{
    const qint64 current = m_tagFilter->currentData().toLongLong();
    const int iconSize = m_tagFilter->style()->pixelMetric(QStyle::PM_SmallIconSize);
    int index = 0;
    {
        const QSignalBlocker blocker(m_tagFilter);
        while (m_tagFilter->count() > 1)
            m_tagFilter->removeItem(1);
        for (const model::Tag &t : tags) {
            m_tagFilter->addItem(swatch(t.color, iconSize), t.name, t.id);
            if (t.id == current)
                index = m_tagFilter->count() - 1;
        }
        m_tagFilter->setCurrentIndex(index);
    }
    if (current != 0 && index == 0)
        startSearch();
}

void SearchPanel::setSenderFilter(qint64 userId, const QString &name)
{
    if (userId == m_senderId && name == m_senderName)
        return;
    m_senderId = userId;
    m_senderName = userId ? name : QString();
    m_senderChip->setVisible(userId != 0);
    retranslateUi();
    startSearch();
}

void SearchPanel::clearSenderFilter()
{
    setSenderFilter(0, QString());
}

void SearchPanel::setConversationScope(qint64 conversationId, const QString &title)
{
    if (conversationId == m_scopeId && title == m_scopeTitle)
        return;
    m_scopeId = conversationId;
    m_scopeTitle = conversationId ? title : QString();
    m_scopeChip->setVisible(conversationId != 0);
    retranslateUi();
    startSearch();
}

void SearchPanel::refresh()
{
    startSearch();
}

void SearchPanel::updateChats(const store::StoreReader &reader, const QList<qint64> &conversationIds)
{
    for (qint64 id : conversationIds) {
        if (m_chats->rowOf(id) < 0)
            continue;
        if (auto c = reader.conversation(id); c && c.value())
            m_chats->updateConversation(*c.value());
    }
}

QString SearchPanel::text() const
{
    return m_edit->text();
}

void SearchPanel::setText(const QString &text)
{
    m_edit->setText(text);
}

int SearchPanel::resultCount() const
{
    return m_model->rowCount();
}

bool SearchPanel::isBusy() const
{
    return m_busy;
}

void SearchPanel::setPageSize(int size)
{
    m_pageSize = qBound(1, size, 200);
}

store::SearchQuery SearchPanel::currentQuery() const
{
    store::SearchQuery q;
    q.text = m_edit->text();
    if (const qint64 account = m_accountFilter->currentData().toLongLong())
        q.accountIds = {account};
    if (const int kind = m_kindFilter->currentData().toInt(); kind >= 0)
        q.kind = model::ItemKind(kind);
    q.senderId = m_senderId;
    q.conversationId = m_scopeId;
    const QDate today = QDate::currentDate();
    switch (DateRange(m_dateFilter->currentData().toInt())) {
    case DateRange::Any:
        break;
    case DateRange::Today:
        q.fromMs = today.startOfDay().toMSecsSinceEpoch();
        break;
    case DateRange::Last7Days:
        q.fromMs = today.addDays(-6).startOfDay().toMSecsSinceEpoch();
        break;
    case DateRange::Last30Days:
        q.fromMs = today.addDays(-29).startOfDay().toMSecsSinceEpoch();
        break;
    case DateRange::Custom:
        // Both days inclusive: "to" is the start of the day after.
        q.fromMs = m_dateFrom->date().startOfDay().toMSecsSinceEpoch();
        q.toMs = m_dateTo->date().addDays(1).startOfDay().toMSecsSinceEpoch();
        break;
    }
    q.tagId = m_tagFilter->currentData().toLongLong();
    q.unreadOnly = m_unreadFilter->isChecked();
    q.order = store::SearchOrder(m_orderCombo->currentData().toInt());
    q.limit = m_pageSize;
    return q;
}

void SearchPanel::onTextEdited()
{
    // An Enter waiting for results was for the text before this edit.
    m_openWhenShown = false;
    startSearch();
}

void SearchPanel::startSearch()
{
    m_generation = m_search->supersede();
    m_next.clear();
    const store::SearchQuery query = currentQuery();
    // With a sender filter, no text lists everything that person wrote, newest first: with no
    // words to weigh, the order has no choice to offer.
    const bool noText = query.text.trimmed().isEmpty();
    m_orderCombo->setEnabled(!noText || query.senderId == 0);
    if (noText && query.senderId == 0) {
        m_busy = false;
        m_searched = false;
        m_error.clear();
        m_shownGeneration = m_generation;
        m_openWhenShown = false;
        m_model->clear();
        showChats({}, false);
        updateStatus();
        emit resultsReady(0);
        return;
    }
    run(query, false);
}

void SearchPanel::fetchMore()
{
    // The rows shown may belong to a query already superseded: its cursor is gone, and the new
    // query's first page is on its way.
    if (m_busy)
        return;
    if (m_next.isEmpty()) {
        m_model->stopFetching();
        return;
    }
    store::SearchQuery query = currentQuery();
    query.cursor = m_next;
    run(query, true);
}

void SearchPanel::run(const store::SearchQuery &query, bool append)
{
    m_busy = true;
    // The service hands over only the newest generation's outcome: a superseded search shows
    // neither results nor an error.
    // One chat more than shown tells whether there are more to narrow down to.
    m_search->search(
        query, [this, append](const Result<store::NamedSearchPage> &page) { onFinished(page, append); },
        append ? 0 : kChatLimit + 1);
}

void SearchPanel::onFinished(const Result<store::NamedSearchPage> &page, bool append)
{
    m_busy = false;
    m_searched = true;
    if (!append)
        m_shownGeneration = m_generation;
    if (!page) {
        m_error = page.error().message;
        m_openWhenShown = false;
        if (append) {
            m_model->stopFetching();
        } else {
            m_model->clear();
            showChats({}, false);
        }
    } else {
        m_error.clear();
        m_next = page->next;
        if (append) {
            m_model->appendResults(page->hits, !page->next.isEmpty());
        } else {
            // Keep the operator's place when the same row is still found (refresh after new data).
            const qint64 selectedItem = m_model->itemId(m_view->currentIndex().row());
            const qint64 selectedChat = m_chats->conversationId(m_chatsView->currentIndex().row());
            m_model->setResults(page->hits, !page->next.isEmpty());
            showChats(page->chats.mid(0, kChatLimit), page->chats.size() > kChatLimit);
            if (const int row = selectedItem ? m_model->rowOf(selectedItem) : -1; row >= 0)
                m_view->setCurrentIndex(m_model->index(row));
            if (const int row = selectedChat ? m_chats->rowOf(selectedChat) : -1; row >= 0)
                m_chatsView->setCurrentIndex(m_chats->index(row));
        }
    }
    updateStatus();
    emit resultsReady(m_model->rowCount());
    if (m_openWhenShown && !append) {
        m_openWhenShown = false;
        openCurrent();
    }
}

void SearchPanel::showChats(const QList<store::NamedChat> &chats, bool more)
{
    m_chats->setChats(chats, chats.isEmpty() ? QStringList() : search::buildMatch(m_edit->text()).terms);
    m_moreChats = more;
    fitChatsView();
    retranslateChatsHeader();
    const bool any = !chats.isEmpty();
    m_chatsHeader->setVisible(any);
    m_chatsView->setVisible(any);
    m_resultsHeader->setVisible(any);
}

void SearchPanel::fitChatsView()
{
    if (const int rows = m_chats->rowCount())
        m_chatsView->setFixedHeight(m_chatsView->sizeHintForRow(0) * rows + 2 * m_chatsView->frameWidth());
}

int SearchPanel::currentPosition() const
{
    if (const QModelIndex chat = m_chatsView->currentIndex(); chat.isValid())
        return chat.row();
    if (const QModelIndex result = m_view->currentIndex(); result.isValid())
        return m_chats->rowCount() + result.row();
    return -1;
}

void SearchPanel::setCurrentPosition(int position)
{
    const int chats = m_chats->rowCount();
    QListView *view = position < chats ? m_chatsView : m_view;
    const QModelIndex index = view->model()->index(position < chats ? position : position - chats, 0);
    view->setCurrentIndex(index);
    view->scrollTo(index);
}

void SearchPanel::moveSelection(int delta)
{
    const int total = m_chats->rowCount() + m_model->rowCount();
    if (total == 0)
        return;
    const int current = currentPosition();
    setCurrentPosition(current >= 0 ? qBound(0, current + delta, total - 1) : 0);
}

// Down from the last chat goes on to the first result, Up from the first result back to the last
// chat, with the focus, as if the two lists were one.
bool SearchPanel::crossBetweenLists(QObject *watched, const QKeyEvent *key)
{
    const int chats = m_chats->rowCount();
    if (chats == 0 || key->modifiers() != Qt::NoModifier)
        return false;
    const bool down = key->key() == Qt::Key_Down;
    const bool up = key->key() == Qt::Key_Up;
    if (watched == m_chatsView && down && m_chatsView->currentIndex().row() == chats - 1 &&
        m_model->rowCount() > 0) {
        setCurrentPosition(chats);
        m_view->setFocus(Qt::OtherFocusReason);
        return true;
    }
    if (watched == m_view && up && m_view->currentIndex().row() == 0) {
        setCurrentPosition(chats - 1);
        m_chatsView->setFocus(Qt::OtherFocusReason);
        return true;
    }
    return false;
}

void SearchPanel::openCurrent()
{
    // The rows may still be an older text's (typing outruns the search): never open one of them;
    // open the current text's best match when its results arrive.
    if (m_shownGeneration != m_generation) {
        m_openWhenShown = true;
        return;
    }
    int position = currentPosition();
    // Enter right after typing opens the top row, as in other command palettes: a chat found by
    // the name, or else the best match.
    if (position < 0 && m_chats->rowCount() + m_model->rowCount() > 0)
        position = 0;
    const int chats = m_chats->rowCount();
    if (position < 0)
        return;
    if (position < chats)
        emit openConversation(m_chats->conversationId(position));
    else if (const qint64 id = m_model->itemId(position - chats))
        emit openItem(id);
}

bool SearchPanel::handleEscape()
{
    m_openWhenShown = false;
    if (!m_edit->text().isEmpty()) {
        m_edit->clear(); // searches (for nothing) through textChanged
        m_edit->setFocus(Qt::OtherFocusReason);
        return true;
    }
    emit closeRequested();
    return true;
}

bool SearchPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Esc in a filter's open list closes that list. Qt 6.4's combo box closes it but leaves the
    // key to the window's shortcuts, whose Esc then closed the whole search as well.
    if (event->type() == QEvent::ShortcutOverride &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Cancel)) {
        for (QComboBox *combo : filterCombos()) {
            if (watched == combo->view() && combo->view()->isVisible()) {
                combo->hidePopup();
                event->accept();
                return true;
            }
        }
    }
    if ((watched == m_chatsView || watched == m_view) && event->type() == QEvent::KeyPress &&
        crossBetweenLists(watched, static_cast<QKeyEvent *>(event)))
        return true;
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Down:
            moveSelection(1);
            return true;
        case Qt::Key_Up:
            moveSelection(-1);
            return true;
        case Qt::Key_PageDown:
            moveSelection(10);
            return true;
        case Qt::Key_PageUp:
            moveSelection(-10);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            openCurrent();
            return true;
        case Qt::Key_Escape:
            return handleEscape();
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SearchPanel::keyPressEvent(QKeyEvent *event)
{
    // Esc from the results list (which ignores it) behaves as in the search box.
    if (event->key() == Qt::Key_Escape) {
        handleEscape();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace hiscrm::ui
