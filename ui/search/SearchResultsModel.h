// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Model.h"
#include "store/SearchService.h" // NamedHit
#include "ui/common/Metatypes.h" // ItemRole carries a model::Item

#include <QAbstractListModel>
#include <QColor>
#include <QList>
#include <QString>

namespace hiscrm::ui {

// The rows of a global search, page after page. Paging follows Qt's canFetchMore/fetchMore: the
// view asks for more when scrolled to the end and the owner answers with appendResults().
class SearchResultsModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        ItemRole,              // model::Item
        SnippetRole,           // HTML, hits in bold on the highlight colour
        SenderNameRole,        // QString
        ConversationTitleRole, // QString
        TimeRole,              // QDateTime, local time
        KindRole,              // int: model::ItemKind
        AccountNameRole,       // QString
        DirectionRole,         // int: model::Direction
        MarkedSnippetRole,     // QString: the snippet with its highlight markers, for custom rendering
    };
    Q_ENUM(Role)

    explicit SearchResultsModel(QObject *parent = nullptr);
    ~SearchResultsModel() override;
    Q_DISABLE_COPY_MOVE(SearchResultsModel)

    // Replaces every row (a new search).
    void setResults(const QList<store::NamedHit> &results, bool hasMore);
    // Adds the next page at the end.
    void appendResults(const QList<store::NamedHit> &results, bool hasMore);
    void clear();
    bool hasMore() const { return m_hasMore; }
    // The next page failed: no more asking for it until the next search.
    void stopFetching();

    qint64 itemId(int row) const;
    int rowOf(qint64 itemId) const;
    const store::NamedHit &result(int row) const { return m_rows.at(row); }

    // The colours hits are marked with in SnippetRole; by default the application palette's.
    void setHighlightColors(const QColor &background, const QColor &text);

    // The snippet as HTML: text escaped, each marked hit in bold on `background`.
    static QString snippetToHtml(const QString &snippet, const QColor &background, const QColor &text);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // The view reached the end and more rows exist: fetch the next page.
    void moreRequested();

private:
    QList<store::NamedHit> m_rows;
    bool m_hasMore = false;
    bool m_fetching = false;
    QColor m_highlight;
    QColor m_highlightText;
};

} // namespace hiscrm::ui
