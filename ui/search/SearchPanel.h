// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Global search over messages and comments (Ctrl+K). Above what it finds in the words, it lists the
// chats whose person's name matches (a few, see store::SearchService::run), so a customer can be
// found by name as well as by what was said; Up and Down move through both lists as one. Searches run in the
// panel's own store::SearchService (its threads, each with its own read-only Store on the database file), so
// typing never waits for SQLite and the UI thread's connection is never shared. Every edit starts
// a search at once; a newer one cancels the searches still running for older texts, whose results
// never show.

#include "model/Model.h"
#include "store/SearchService.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListView;
class QToolButton;

namespace hiscrm::ui {

class ChatMatchesModel;
class SearchResultsModel;

class SearchPanel final : public QWidget
{
    Q_OBJECT

public:
    enum class DateRange
    {
        Any,
        Today,
        Last7Days,
        Last30Days,
        Custom
    };
    Q_ENUM(DateRange)

    explicit SearchPanel(QString databasePath, QWidget *parent = nullptr);
    ~SearchPanel() override;
    Q_DISABLE_COPY_MOVE(SearchPanel)

    void focusSearch();
    void setAccounts(const QList<model::Account> &accounts);
    void setTags(const QList<model::Tag> &tags);
    // Only items from this user ("messages from this user" in the user card); 0 clears.
    void setSenderFilter(qint64 userId, const QString &name);
    void clearSenderFilter();
    // Searches one conversation only (0: every conversation again).
    void setConversationScope(qint64 conversationId, const QString &title);
    qint64 conversationScope() const { return m_scopeId; }
    qint64 senderFilter() const { return m_senderId; }
    // Re-runs the current query now, e.g. after new data arrived.
    void refresh();
    // The chats found by name among `conversationIds` show their state as `reader` has it now: a
    // chat opened (and so read) from here loses its badge. The rows stay where they are.
    void updateChats(const store::StoreReader &reader, const QList<qint64> &conversationIds);

    QString text() const;
    void setText(const QString &text);
    int resultCount() const;
    bool isBusy() const;
    // The last search's error for people; empty when it succeeded.
    QString lastError() const { return m_error; }
    SearchResultsModel *resultsModel() const { return m_model; }
    // The chats found by the person's name, shown above the results.
    ChatMatchesModel *chatsModel() const { return m_chats; }
    // What became of the panel's searches (tests: a superseded one was interrupted).
    store::SearchService::Stats searchStats() const { return m_search->stats(); }
    // Results per page (tests use small pages to reach "load more").
    void setPageSize(int size);

signals:
    void openItem(qint64 itemId);
    // A chat found by the person's name, to be opened at its newest message.
    void openConversation(qint64 conversationId);
    void closeRequested();
    // After each completed search or page, with the number of rows now shown.
    void resultsReady(int count);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    QList<QComboBox *> filterCombos() const;
    void retranslateUi();
    void updateStatus();
    void updateDateEdits();
    // The dates a custom range starts with, after `previous` was shown.
    void startCustomRange(DateRange previous);
    void updateHighlightColors();
    store::SearchQuery currentQuery() const;
    void startSearch();
    void fetchMore();
    void run(const store::SearchQuery &query, bool append);
    void onFinished(const Result<store::NamedSearchPage> &page, bool append);
    // `more`: the search found more chats than these.
    void showChats(const QList<store::NamedChat> &chats, bool more);
    void retranslateChatsHeader();
    void fitChatsView(); // as tall as its rows
    // The current row across both lists, the chats first (-1: none), and making one current.
    int currentPosition() const;
    void setCurrentPosition(int position);
    bool crossBetweenLists(QObject *watched, const QKeyEvent *key);
    void moveSelection(int delta);
    void openCurrent();
    bool handleEscape();
    void onTextEdited();

    qint64 m_senderId = 0;
    QString m_senderName;
    int m_pageSize = 50;

    quint64 m_generation = 0;      // the current query's, from the search service
    quint64 m_shownGeneration = 0; // the query whose first page the rows show
    QString m_next;                // cursor of the next page of the current query
    QString m_error;
    bool m_searched = false;      // results (or an error) of the current text are shown
    bool m_busy = false;          // a search or page of the current query is running
    bool m_openWhenShown = false; // Enter came before the current query's results
    bool m_moreChats = false;     // the search found more chats by name than the panel shows

    QLineEdit *m_edit = nullptr;
    QToolButton *m_closeButton = nullptr;
    QComboBox *m_accountFilter = nullptr;
    QComboBox *m_kindFilter = nullptr;
    QToolButton *m_senderChip = nullptr;
    QToolButton *m_scopeChip = nullptr;
    qint64 m_scopeId = 0;
    QString m_scopeTitle;
    QComboBox *m_dateFilter = nullptr;
    QDateEdit *m_dateFrom = nullptr;
    QDateEdit *m_dateTo = nullptr;
    QWidget *m_dateRow = nullptr; // the two dates of a custom range, on a row of their own
    QLabel *m_dateToLabel = nullptr;
    DateRange m_dateRange = DateRange::Any; // the date filter's choice as the search has it
    QComboBox *m_tagFilter = nullptr;
    QCheckBox *m_unreadFilter = nullptr;
    QComboBox *m_orderCombo = nullptr;
    QLabel *m_chatsHeader = nullptr;
    QListView *m_chatsView = nullptr;
    QLabel *m_resultsHeader = nullptr;
    QListView *m_view = nullptr;
    QLabel *m_hint = nullptr; // what to do, in the results' place before there is anything to search
    QLabel *m_status = nullptr;
    ChatMatchesModel *m_chats = nullptr;
    SearchResultsModel *m_model = nullptr;
    // Last member, so destroyed first: it cancels the searches still running and waits for them
    // while the rows they would report to still exist.
    std::unique_ptr<store::SearchService> m_search;
};

} // namespace hiscrm::ui
