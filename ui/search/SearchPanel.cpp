// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SearchPanel.h"

#include "store/SearchService.h"
#include "ui/common/Drawing.h"
#include "ui/common/Placeholder.h"
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

// Two lines per result: who and where, then the snippet with its hits marked (HTML).
class ResultDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        // The style draws selection, hover and focus; the text is ours.
        opt.text.clear();
        opt.icon = QIcon();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        const bool selected = opt.state.testFlag(QStyle::State_Selected);
        const QPalette::ColorGroup group = colorGroup(opt);
        const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        const QColor dim = selected ? text : opt.palette.color(group, QPalette::PlaceholderText);

        const QRect r = opt.rect.adjusted(kRowMargin, kRowMargin / 2, -kRowMargin, -kRowMargin / 2);
        const QFontMetrics fm(opt.font);
        QFont bold = opt.font;
        bold.setBold(true);
        const QFontMetrics boldFm(bold);

        painter->save();
        painter->setClipRect(opt.rect);

        const QString time = formatTime(index.data(SearchResultsModel::TimeRole).toDateTime());
        const int timeWidth = fm.horizontalAdvance(time);
        QRect head(r.left(), r.top(), r.width(), fm.height());
        painter->setFont(opt.font);
        painter->setPen(dim);
        painter->drawText(head, Qt::AlignRight | Qt::AlignVCenter, time);
        head.setRight(head.right() - timeWidth - kRowMargin);

        const QString sender = boldFm.elidedText(index.data(SearchResultsModel::SenderNameRole).toString(),
                                                 Qt::ElideRight, head.width() / 2);
        painter->setFont(bold);
        painter->setPen(text);
        painter->drawText(head, Qt::AlignLeft | Qt::AlignVCenter, sender);
        head.setLeft(head.left() + boldFm.horizontalAdvance(sender));

        QString where = index.data(SearchResultsModel::ConversationTitleRole).toString();
        const QString account = index.data(SearchResultsModel::AccountNameRole).toString();
        if (!account.isEmpty())
            where = QCoreApplication::translate("hiscrm::ui::SearchPanel", "%1 · %2",
                                                "conversation or video title · account name")
                        .arg(where, account);
        painter->setFont(opt.font);
        painter->setPen(dim);
        painter->drawText(head, Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(QStringLiteral("  ") + where, Qt::ElideRight, head.width()));

        QTextDocument doc;
        doc.setDefaultFont(opt.font);
        doc.setDocumentMargin(0);
        QTextOption textOption = doc.defaultTextOption();
        textOption.setWrapMode(QTextOption::NoWrap);
        doc.setDefaultTextOption(textOption);
        // On a selected row the usual hit colour is the selection's own: invert it there.
        doc.setHtml(selected ? SearchResultsModel::snippetToHtml(
                                   index.data(SearchResultsModel::MarkedSnippetRole).toString(), text,
                                   opt.palette.color(group, QPalette::Highlight))
                             : index.data(SearchResultsModel::SnippetRole).toString());
        const QRect snippet(r.left(), head.bottom() + 1 + kLineSpacing, r.width(), fm.height() + 2);
        painter->translate(snippet.topLeft());
        const QRect clip(0, 0, snippet.width(), snippet.height());
        painter->setClipRect(clip, Qt::IntersectClip);
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = opt.palette;
        context.palette.setColor(QPalette::Text, text);
        context.clip = clip;
        doc.documentLayout()->draw(painter, context);
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
    m_closeButton->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_closeButton->setAutoRaise(true);
    // A click leaves the focus in the search box; Tab still reaches the button.
    m_closeButton->setFocusPolicy(Qt::TabFocus);

    m_accountFilter = new QComboBox(this);
    m_accountFilter->setObjectName(QStringLiteral("accountFilter"));
    m_accountFilter->addItem(QString(), qint64(0));
    m_accountFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_kindFilter = new QComboBox(this);
    m_kindFilter->setObjectName(QStringLiteral("kindFilter"));
    m_kindFilter->addItem(QString(), -1);
    m_kindFilter->addItem(QString(), int(model::ItemKind::Message));
    m_kindFilter->addItem(QString(), int(model::ItemKind::Comment));

    m_tagFilter = new QComboBox(this);
    m_tagFilter->setObjectName(QStringLiteral("tagFilter"));
    m_tagFilter->addItem(QString(), qint64(0));
    m_tagFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_dateFilter = new QComboBox(this);
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

    m_model = new SearchResultsModel(this);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("resultsView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ResultDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_accountFilter);
    filters->addWidget(m_kindFilter);
    filters->addWidget(m_tagFilter);
    filters->addWidget(m_dateFilter);
    filters->addWidget(m_dateFrom);
    filters->addWidget(m_dateTo);
    filters->addStretch(1);
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
    layout->addLayout(options);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    updateDateEdits();

    // No delay before searching: a search takes about a millisecond at a million messages, and
    // a newer keystroke interrupts it. An input method's composition (preedit) is not part of the
    // text and changes nothing here; only its committed text does.
    connect(m_edit, &QLineEdit::textChanged, this, &SearchPanel::onTextEdited);
    connect(m_closeButton, &QToolButton::clicked, this, &SearchPanel::closeRequested);

    for (QComboBox *combo : {m_accountFilter, m_kindFilter, m_tagFilter, m_orderCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &SearchPanel::startSearch);
    connect(m_dateFilter, &QComboBox::currentIndexChanged, this, [this] {
        updateDateEdits();
        startSearch();
    });
    for (QDateEdit *edit : {m_dateFrom, m_dateTo}) {
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            if (DateRange(m_dateFilter->currentData().toInt()) == DateRange::Custom)
                startSearch();
        });
    }
    connect(m_unreadFilter, &QCheckBox::toggled, this, &SearchPanel::startSearch);
    connect(m_senderChip, &QToolButton::clicked, this, &SearchPanel::clearSenderFilter);
    connect(m_scopeChip, &QToolButton::clicked, this, [this] { setConversationScope(0, QString()); });

    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = m_model->itemId(index.row()))
            emit openItem(id);
    });
    connect(m_model, &SearchResultsModel::moreRequested, this, &SearchPanel::fetchMore);
}

void SearchPanel::retranslateUi()
{
    m_edit->setPlaceholderText(tr("Search messages and comments (Ctrl+K)"));
    m_edit->setAccessibleName(tr("Search messages and comments"));
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
    m_view->setAccessibleName(tr("Search results"));
    m_status->setAccessibleName(tr("Search status"));
    updateStatus();
}

void SearchPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
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
    const bool custom = DateRange(m_dateFilter->currentData().toInt()) == DateRange::Custom;
    m_dateFrom->setVisible(custom);
    m_dateTo->setVisible(custom);
}

void SearchPanel::updateStatus()
{
    const int rows = m_model->rowCount();
    QString text;
    if (!m_error.isEmpty())
        text = tr("Search failed: %1").arg(m_error);
    else if (!m_searched)
        text = QString();
    else if (rows == 0)
        text = tr("No results");
    else if (m_model->hasMore())
        text = tr("%n+ results", "", rows);
    else
        text = tr("%n results", "", rows);
    m_status->setText(text);
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
            m_accountFilter->addItem(tr("%1 (%2)", "account name (platform)").arg(name, a.platform), a.id);
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
    if (query.text.trimmed().isEmpty()) {
        m_busy = false;
        m_searched = false;
        m_error.clear();
        m_shownGeneration = m_generation;
        m_openWhenShown = false;
        m_model->clear();
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
    m_search->search(
        query, [this, append](const Result<store::NamedSearchPage> &page) { onFinished(page, append); });
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
        if (append)
            m_model->stopFetching();
        else
            m_model->clear();
    } else {
        m_error.clear();
        m_next = page->next;
        if (append) {
            m_model->appendResults(page->hits, !page->next.isEmpty());
        } else {
            // Keep the operator's place when the same item is still found (refresh after new data).
            const qint64 selected = m_model->itemId(m_view->currentIndex().row());
            m_model->setResults(page->hits, !page->next.isEmpty());
            if (const int row = selected ? m_model->rowOf(selected) : -1; row >= 0)
                m_view->setCurrentIndex(m_model->index(row));
        }
    }
    updateStatus();
    emit resultsReady(m_model->rowCount());
    if (m_openWhenShown && !append) {
        m_openWhenShown = false;
        openCurrent();
    }
}

void SearchPanel::moveSelection(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? qBound(0, current.row() + delta, rows - 1) : 0;
    const QModelIndex next = m_model->index(row);
    m_view->setCurrentIndex(next);
    m_view->scrollTo(next);
}

void SearchPanel::openCurrent()
{
    // The rows may still be an older text's (typing outruns the search): never open one of them;
    // open the current text's best match when its results arrive.
    if (m_shownGeneration != m_generation) {
        m_openWhenShown = true;
        return;
    }
    QModelIndex index = m_view->currentIndex();
    // Enter right after typing opens the best match, as in other command palettes.
    if (!index.isValid() && m_model->rowCount() > 0)
        index = m_model->index(0);
    if (const qint64 id = index.isValid() ? m_model->itemId(index.row()) : 0)
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
