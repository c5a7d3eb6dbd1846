// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SearchResultsModel.h"

#include "search/TextAnalysis.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QPalette>

namespace hiscrm::ui {

namespace {

QString plainSnippet(const QString &snippet)
{
    QString out = snippet;
    out.remove(search::kHighlightOpen);
    out.remove(search::kHighlightClose);
    return out;
}

} // namespace

SearchResultsModel::SearchResultsModel(QObject *parent)
    : QAbstractListModel(parent)
{}

SearchResultsModel::~SearchResultsModel() = default;

void SearchResultsModel::setResults(const QList<store::NamedHit> &results, bool hasMore)
{
    beginResetModel();
    m_rows = results;
    m_hasMore = hasMore;
    m_fetching = false;
    endResetModel();
}

void SearchResultsModel::appendResults(const QList<store::NamedHit> &results, bool hasMore)
{
    m_hasMore = hasMore;
    m_fetching = false;
    if (results.isEmpty())
        return;
    beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + results.size() - 1));
    m_rows += results;
    endInsertRows();
}

void SearchResultsModel::clear()
{
    setResults({}, false);
}

void SearchResultsModel::stopFetching()
{
    m_hasMore = false;
    m_fetching = false;
}

qint64 SearchResultsModel::itemId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).item.id : 0;
}

int SearchResultsModel::rowOf(qint64 itemId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).item.id == itemId)
            return i;
    }
    return -1;
}

void SearchResultsModel::setHighlightColors(const QColor &background, const QColor &text)
{
    m_highlight = background;
    m_highlightText = text;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {SnippetRole});
}

QString SearchResultsModel::snippetToHtml(const QString &snippet, const QColor &background,
                                          const QColor &text)
{
    const QString open = QStringLiteral("<b><span style=\"background-color:%1;color:%2\">")
                             .arg(background.name(QColor::HexRgb), text.name(QColor::HexRgb));
    const QString close = QStringLiteral("</span></b>");
    // Escape first: the markers are control characters that escaping leaves alone, and whatever the
    // sender typed must never become markup.
    const QString escaped = snippet.toHtmlEscaped();
    QString out;
    out.reserve(escaped.size() + 64);
    bool inHit = false;
    for (const QChar c : escaped) {
        if (c == search::kHighlightOpen) {
            if (!inHit)
                out += open;
            inHit = true;
        } else if (c == search::kHighlightClose) {
            if (inHit)
                out += close;
            inHit = false;
        } else {
            out += c;
        }
    }
    if (inHit)
        out += close;
    return out;
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::NamedHit &r = m_rows.at(index.row());
    const auto senderName = [&] {
        return r.senderName.isEmpty() ? tr("Unknown sender") : r.senderName;
    };
    const auto title = [&] {
        if (!r.conversationTitle.isEmpty())
            return r.conversationTitle;
        return r.item.kind == model::ItemKind::Comment ? tr("Video comment") : tr("Direct message");
    };
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return tr("%1 in %2: %3").arg(senderName(), title(), plainSnippet(r.snippet));
    case Qt::ToolTipRole:
        return r.item.text;
    case IdRole:
        return r.item.id;
    case ItemRole:
        return QVariant::fromValue(r.item);
    case SnippetRole: {
        const QPalette palette = QGuiApplication::palette();
        return snippetToHtml(
            r.snippet, m_highlight.isValid() ? m_highlight : palette.color(QPalette::Highlight),
            m_highlightText.isValid() ? m_highlightText : palette.color(QPalette::HighlightedText));
    }
    case SenderNameRole:
        return senderName();
    case ConversationTitleRole:
        return title();
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(r.item.createdAt);
    case KindRole:
        return int(r.item.kind);
    case AccountNameRole:
        return r.accountName;
    case DirectionRole:
        return int(r.item.direction);
    case MarkedSnippetRole:
        return r.snippet;
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchResultsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(ItemRole, "item");
    names.insert(SnippetRole, "snippet");
    names.insert(SenderNameRole, "senderName");
    names.insert(ConversationTitleRole, "conversationTitle");
    names.insert(TimeRole, "time");
    names.insert(KindRole, "kind");
    names.insert(AccountNameRole, "accountName");
    names.insert(DirectionRole, "direction");
    names.insert(MarkedSnippetRole, "markedSnippet");
    return names;
}

bool SearchResultsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_fetching;
}

void SearchResultsModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    emit moreRequested();
}

} // namespace hiscrm::ui
