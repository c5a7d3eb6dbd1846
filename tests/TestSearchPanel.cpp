// SPDX-License-Identifier: GPL-3.0-or-later
#include "InputMethod.h"
#include "OneStringTranslator.h"
#include "SearchGate.h"
#include "StoreFixtures.h"
#include "TestUtil.h"

#include "search/TextAnalysis.h"
#include "ui/common/ElidingComboBox.h"
#include "ui/search/ChatMatchesModel.h"
#include "ui/search/SearchPanel.h"
#include "ui/search/SearchResultsModel.h"
#include "ui/window/TrayNotifier.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QImage>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTextCharFormat>
#include <QToolButton>
#include <QTranslator>

#include <utility>

using namespace testutil;
using hiscrm::ui::ChatMatchesModel;
using hiscrm::ui::SearchPanel;
using hiscrm::ui::SearchResultsModel;
using hiscrm::ui::TrayNotifier;

class TestSearchPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    QList<Account> m_accounts;
    qint64 m_acc1 = 0, m_acc2 = 0, m_fan1 = 0;
    qint64 m_shipId = 0;    // the DM "什么时候发货"
    qint64 m_shipOutId = 0; // the reply "亲，今天就发货哦"
    qint64 m_commentId = 0; // the comment mentioning 发货
    // The chats of 小美同学 (u-1) on each account, of Alice Wang (u-2) on each account.
    qint64 m_xiaomei1 = 0, m_xiaomei2 = 0, m_alice1 = 0, m_alice2 = 0;
    qint64 m_aliceSaidId = 0; // a message that names Alice

    std::unique_ptr<SearchPanel> makePanel()
    {
        auto panel = std::make_unique<SearchPanel>(m_path);
        panel->setAccounts(m_accounts);
        panel->resize(640, 480);
        return panel;
    }
    // A panel shown on screen, so keys and focus reach it; null when its window never appeared.
    std::unique_ptr<SearchPanel> shownPanel()
    {
        auto panel = makePanel();
        panel->show();
        if (!QTest::qWaitForWindowExposed(panel.get()))
            return nullptr;
        return panel;
    }

    static QLineEdit *edit(SearchPanel &p) { return p.findChild<QLineEdit *>(u"searchEdit"_s); }
    static QComboBox *combo(SearchPanel &p, const QString &name) { return p.findChild<QComboBox *>(name); }
    static QString status(SearchPanel &p) { return p.findChild<QLabel *>(u"searchStatus"_s)->text(); }

    // Runs the panel's search for `text` now and waits for its results.
    static bool searchFor(SearchPanel &panel, const QString &text)
    {
        QSignalSpy ready(&panel, &SearchPanel::resultsReady);
        panel.setText(text);
        panel.refresh();
        return ready.wait(10000) || ready.count() > 0;
    }

    static QList<qint64> ids(SearchPanel &p)
    {
        QList<qint64> out;
        for (int i = 0; i < p.resultsModel()->rowCount(); ++i)
            out << p.resultsModel()->itemId(i);
        return out;
    }

    static QList<qint64> chatIds(SearchPanel &p)
    {
        QList<qint64> out;
        for (int i = 0; i < p.chatsModel()->rowCount(); ++i)
            out << p.chatsModel()->conversationId(i);
        return out;
    }
    // Pixels of the selection colour in the head line of the row (the name, the account and the
    // time) as the list paints it: the marked part of a name when the row is not selected.
    static int highlightedPixels(QListView &view, int row)
    {
        const QImage image = view.viewport()->grab().toImage();
        const QColor highlight = view.palette().color(QPalette::Active, QPalette::Highlight);
        QRect head = view.visualRect(view.model()->index(row, 0));
        head.setHeight(head.height() / 2);
        int n = 0;
        for (int y = head.top(); y <= head.bottom(); ++y) {
            for (int x = head.left(); x <= head.right(); ++x)
                n += image.pixelColor(x * image.width() / view.viewport()->width(),
                                      y * image.height() / view.viewport()->height()) == highlight;
        }
        return n;
    }
    static QListView *chatsView(SearchPanel &p) { return p.findChild<QListView *>(u"chatsView"_s); }
    static QListView *resultsView(SearchPanel &p) { return p.findChild<QListView *>(u"resultsView"_s); }

    static QList<QVariant> column(SearchPanel &p, int role)
    {
        QList<QVariant> out;
        const SearchResultsModel *m = p.resultsModel();
        for (int i = 0; i < m->rowCount(); ++i)
            out << m->data(m->index(i), role);
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"panel.db"_s);
        auto s = openStore(m_path);
        QVERIFY(s);
        Batch b = searchCorpus(
            {dm(u"acc-1"_s, u"conv-2"_s, u"m4"_s, u"u-2"_s,
                u"Hello, is the <b>RED</b> dress still available?"_s, kT0 + 4000),
             dm(u"acc-2"_s, u"conv-3"_s, u"m5"_s, u"u-1"_s, u"发货太慢了"_s, kT0 + 5000)},
            {comment(u"acc-1"_s, u"vid-1"_s, u"c1"_s, u"u-3"_s, u"已经下单，等发货"_s, kT0 + 500),
             comment(u"acc-1"_s, u"vid-1"_s, u"c2"_s, u"u-4"_s, u"hello from the comments"_s, kT0 + 600)});
        b.contents << video(u"acc-1"_s, u"vid-1"_s, u"春季新款连衣裙"_s);
        b.accounts << AccountRecord{u"acc-1"_s, u"小店一号"_s, {}}
                   << AccountRecord{u"acc-2"_s, u"小店二号"_s, {}};
        // Someone else's message that names Alice, and a customer with many chats.
        b.messages << dm(u"acc-1"_s, u"conv-5"_s, u"m6"_s, u"u-5"_s, u"Alice said the size runs small"_s,
                         kT0 + 6000);
        b.users << profile(u"u-6"_s, u"王多多"_s);
        for (int i = 0; i < 7; ++i)
            b.messages << dm(u"acc-2"_s, u"conv-many-%1"_s.arg(i), u"many-%1"_s.arg(i), u"u-6"_s,
                             u"在线等 %1"_s.arg(i), kT0 + 7000 + i);
        // Enough matches of one word for several pages.
        for (int i = 0; i < 30; ++i)
            b.messages << dm(u"acc-2"_s, u"conv-4"_s, u"bulk-%1"_s.arg(i), u"u-2"_s,
                             u"parcel number %1 is on its way"_s.arg(i), kT0 + 10000 + i);
        QVERIFY(s->ingest(b));
        m_accounts = *s->accounts();
        QCOMPARE(m_accounts.size(), 2);
        m_acc1 = s->accountByPlatformId(u"demo"_s, u"acc-1"_s).value()->id;
        m_acc2 = s->accountByPlatformId(u"demo"_s, u"acc-2"_s).value()->id;
        m_fan1 = s->userByPlatformId(u"demo"_s, u"u-1"_s).value()->id;
        m_shipId = s->itemByPlatformId(m_acc1, ItemKind::Message, u"m2"_s).value()->id;
        m_shipOutId = s->itemByPlatformId(m_acc1, ItemKind::Message, u"m3"_s).value()->id;
        m_commentId = s->itemByPlatformId(m_acc1, ItemKind::Comment, u"c1"_s).value()->id;
        m_aliceSaidId = s->itemByPlatformId(m_acc1, ItemKind::Message, u"m6"_s).value()->id;
        const auto conversation = [&](qint64 account, const QString &platformId) {
            const auto c = s->conversationByPlatformId(account, platformId);
            return c && c.value() ? c.value()->id : 0;
        };
        m_xiaomei1 = conversation(m_acc1, u"conv-1"_s);
        m_xiaomei2 = conversation(m_acc2, u"conv-3"_s);
        m_alice1 = conversation(m_acc1, u"conv-2"_s);
        m_alice2 = conversation(m_acc2, u"conv-4"_s);
        QVERIFY(m_xiaomei1 && m_xiaomei2 && m_alice1 && m_alice2);
    }

    void typingFindsAndHighlights()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        QCOMPARE(edit(*panel)->placeholderText(), u"Search messages, comments and names (Ctrl+K)"_s);
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        QTest::keyClicks(edit(*panel), u"dress"_s);
        // Every key starts a search, but each newer one supersedes the last: only the whole
        // word's results arrive.
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 1);
        QCOMPARE(ready.count(), 1);

        // Chinese arrives through the input method as a committed string.
        edit(*panel)->clear();
        QInputMethodEvent commit;
        commit.setCommitString(u"发货"_s);
        QCoreApplication::sendEvent(edit(*panel), &commit);
        QTRY_VERIFY_WITH_TIMEOUT(ids(*panel).contains(m_shipId), 10000);
        QCOMPARE(panel->resultCount(), 4);
        // Newest first.
        const QList<qint64> found = ids(*panel);
        QVERIFY(std::is_sorted(found.rbegin(), found.rend()));
        QVERIFY(found.contains(m_commentId));
        QCOMPARE(status(*panel), u"4 results"_s);
        QVERIFY(!panel->isBusy());

        const SearchResultsModel *m = panel->resultsModel();
        const int row = m->rowOf(m_shipId);
        const QModelIndex index = m->index(row);
        const QString html = index.data(SearchResultsModel::SnippetRole).toString();
        QVERIFY2(html.contains(u"<b><span style=\"background-color:"_s), qPrintable(html));
        QVERIFY2(html.contains(u"\">发货</span></b>"_s), qPrintable(html));
        QVERIFY(!html.contains(hiscrm::search::kHighlightOpen));
        QCOMPARE(index.data(SearchResultsModel::IdRole).toLongLong(), m_shipId);
        QCOMPARE(index.data(SearchResultsModel::SenderNameRole).toString(), u"小美同学"_s);
        QCOMPARE(index.data(SearchResultsModel::ConversationTitleRole).toString(), u"小美同学"_s);
        QCOMPARE(index.data(SearchResultsModel::AccountNameRole).toString(), u"小店一号"_s);
        QCOMPARE(index.data(SearchResultsModel::KindRole).toInt(), int(ItemKind::Message));
        QCOMPARE(index.data(SearchResultsModel::TimeRole).toDateTime().toMSecsSinceEpoch(), kT0 + 2000);
        QCOMPARE(index.data(SearchResultsModel::ItemRole).value<Item>().text, u"什么时候发货"_s);
        // A reply sent by the account is attributed to the account.
        QCOMPARE(m->index(m->rowOf(m_shipOutId)).data(SearchResultsModel::SenderNameRole).toString(),
                 u"小店一号"_s);
        // A comment's title is its video's.
        QCOMPARE(m->index(m->rowOf(m_commentId)).data(SearchResultsModel::ConversationTitleRole).toString(),
                 u"春季新款连衣裙"_s);

        // The delegate paints the rows (no crash, sensible height).
        QVERIFY(panel->findChild<QListView *>(u"resultsView"_s)->sizeHintForRow(0) > 20);
        panel->grab();
    }

    // In the window the panel is about 350 pixels wide, and operators enlarge the font: each row,
    // its time at the right included, stays within the list's width (the row elides its text),
    // with no horizontal scroll bar, even where 30 characters of the font do not fit across.
    void narrowPanelShowsWholeRows()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        QVERIFY(searchFor(*panel, u"发货"_s));
        QCOMPARE(panel->resultCount(), 4);
        auto *view = panel->findChild<QListView *>(u"resultsView"_s);
        QFont font = view->font();
        while (QFontMetrics(font).averageCharWidth() * 30 <= view->viewport()->width())
            font.setPointSizeF(font.pointSizeF() + 1);
        view->setFont(font);
        QCoreApplication::processEvents();
        view->doItemsLayout();
        for (int row = 0; row < panel->resultCount(); ++row) {
            const QRect rect = view->visualRect(view->model()->index(row, 0));
            QVERIFY2(rect.left() >= 0 && rect.right() < view->viewport()->width(),
                     qPrintable(u"row %1 spans %2..%3 of %4"_s.arg(row)
                                    .arg(rect.left())
                                    .arg(rect.right())
                                    .arg(view->viewport()->width())));
        }
        QTRY_VERIFY(!view->horizontalScrollBar()->isVisible());
    }

    void snippetHtmlIsEscaped()
    {
        const QString snippet = u"a <b>x</b> & "_s + hiscrm::search::kHighlightOpen + u"RED"_s +
                                hiscrm::search::kHighlightClose + u" \"q\""_s;
        const QString html =
            SearchResultsModel::snippetToHtml(snippet, QColor(u"#ffff00"_s), QColor(u"#000000"_s));
        QCOMPARE(html,
                 u"a &lt;b&gt;x&lt;/b&gt; &amp; <b><span style=\"background-color:#ffff00;color:#000000\">"
                 u"RED</span></b> &quot;q&quot;"_s);
        // An unclosed hit is closed; a stray close is dropped.
        QCOMPARE(SearchResultsModel::snippetToHtml(hiscrm::search::kHighlightClose + u"a"_s +
                                                       hiscrm::search::kHighlightOpen + u"b"_s,
                                                   Qt::yellow, Qt::black),
                 u"a<b><span style=\"background-color:#ffff00;color:#000000\">b</span></b>"_s);
    }

    void filtersChangeResults()
    {
        auto panel = makePanel();
        QVERIFY(searchFor(*panel, u"发货"_s));
        QCOMPARE(panel->resultCount(), 4);

        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        QComboBox *kind = combo(*panel, u"kindFilter"_s);
        QCOMPARE(kind->count(), 3);
        kind->setCurrentIndex(kind->findData(int(ItemKind::Comment)));
        QVERIFY(ready.wait(10000));
        QCOMPARE(ids(*panel), QList<qint64>{m_commentId});

        kind->setCurrentIndex(kind->findData(int(ItemKind::Message)));
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 3);
        for (const QVariant &k : column(*panel, SearchResultsModel::KindRole))
            QCOMPARE(k.toInt(), int(ItemKind::Message));

        QComboBox *account = combo(*panel, u"accountFilter"_s);
        QCOMPARE(account->count(), 3); // all + two accounts
        account->setCurrentIndex(account->findData(m_acc2));
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 1);
        QCOMPARE(panel->resultsModel()->result(0).item.text, u"发货太慢了"_s);

        // The sender chip: set from outside, removed by a click.
        account->setCurrentIndex(0);
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 3);
        auto *chip = panel->findChild<QToolButton *>(u"senderFilter"_s);
        QVERIFY(chip);
        QVERIFY(chip->isHidden());
        panel->setSenderFilter(m_fan1, u"小美同学"_s);
        QVERIFY(!chip->isHidden());
        QVERIFY(chip->text().contains(u"小美同学"_s));
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 2); // its DM in each account, not the account's reply
        QTest::mouseClick(chip, Qt::LeftButton);
        QVERIFY(chip->isHidden());
        QCOMPARE(panel->senderFilter(), 0);
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 3);

        // A date range that excludes everything (the data is from 2026-01-01).
        QComboBox *date = combo(*panel, u"dateFilter"_s);
        date->setCurrentIndex(date->findData(int(SearchPanel::DateRange::Custom)));
        QVERIFY(ready.wait(10000));
        auto *from = panel->findChild<QDateEdit *>(u"dateFromEdit"_s);
        auto *to = panel->findChild<QDateEdit *>(u"dateToEdit"_s);
        QVERIFY(from && to && from->isVisibleTo(panel.get()));
        // A day either side: the data's day in any time zone.
        from->setDate(QDate(2025, 12, 31));
        QVERIFY(ready.wait(10000));
        to->setDate(QDate(2026, 1, 2));
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 3);
        from->setDate(QDate(2025, 11, 1));
        QVERIFY(ready.wait(10000));
        to->setDate(QDate(2025, 11, 30));
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 0);
        QCOMPARE(status(*panel), u"No results"_s);
        date->setCurrentIndex(0);
        QVERIFY(ready.wait(10000));
        QVERIFY(!from->isVisibleTo(panel.get()));

        // Unread only: the account's reply in conv-1 read that chat; conv-3 is still unread.
        panel->findChild<QCheckBox *>(u"unreadFilter"_s)->setChecked(true);
        QVERIFY(ready.wait(10000));
        QCOMPARE(ids(*panel), QList<qint64>{panel->resultsModel()->itemId(0)});
        QCOMPARE(panel->resultsModel()->result(0).item.text, u"发货太慢了"_s);
    }

    void customDatesStayInOrderOnARowOfTheirOwn()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        QVERIFY(searchFor(*panel, u"发货"_s));
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        QComboBox *date = combo(*panel, u"dateFilter"_s);
        auto *from = panel->findChild<QDateEdit *>(u"dateFromEdit"_s);
        auto *to = panel->findChild<QDateEdit *>(u"dateToEdit"_s);
        // The two dates do not widen the panel (beside the filters they did, at the thread's cost).
        const auto minimumWidth = [&] {
            panel->layout()->activate(); // hints as they are now, not as last laid out
            return panel->minimumSizeHint().width();
        };
        const int narrowest = minimumWidth();
        const QDate today = QDate::currentDate();
        date->setCurrentIndex(date->findData(int(SearchPanel::DateRange::Last30Days)));
        QVERIFY(ready.wait(10000));
        date->setCurrentIndex(date->findData(int(SearchPanel::DateRange::Custom)));
        QVERIFY(ready.wait(10000));
        QVERIFY(from->isVisibleTo(panel.get()) && to->isVisibleTo(panel.get()));
        const int custom = minimumWidth();
        QVERIFY2(custom <= narrowest, qPrintable(u"%1 > %2"_s.arg(custom).arg(narrowest)));
        // It starts as the range shown before, counted from today.
        QCOMPARE(from->date(), today.addDays(-29));
        QCOMPARE(to->date(), today);
        date->setCurrentIndex(date->findData(int(SearchPanel::DateRange::Today)));
        QVERIFY(ready.wait(10000));
        date->setCurrentIndex(date->findData(int(SearchPanel::DateRange::Custom)));
        QVERIFY(ready.wait(10000));
        QCOMPARE(from->date(), today);
        QCOMPARE(to->date(), today);

        // The data's day (2026-01-01) with a day either side, then each end moved past the other:
        // the other end follows, and each change is one search.
        from->setDate(QDate(2025, 12, 31));
        QVERIFY(ready.wait(10000));
        to->setDate(QDate(2026, 1, 2));
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 4);
        to->setDate(QDate(2025, 12, 30));
        QVERIFY(ready.wait(10000));
        QCOMPARE(from->date(), QDate(2025, 12, 30));
        QCOMPARE(panel->resultCount(), 0);
        from->setDate(QDate(2026, 1, 1));
        QVERIFY(ready.wait(10000));
        QCOMPARE(to->date(), QDate(2026, 1, 1));
        QTRY_COMPARE(panel->resultCount(), 4);
        QCOMPARE(ready.count(), 8);

        // A day typed digit by digit counts when it is whole: the "1" of month 10 (January, before
        // "from") neither searches nor moves "from".
        from->setDate(QDate(2026, 9, 15));
        QVERIFY(ready.wait(10000));
        to->setDate(QDate(2026, 12, 5));
        QVERIFY(ready.wait(10000));
        to->setDisplayFormat(u"yyyy/M/d"_s); // as zh_CN and en_US show it: a month of one digit
        to->setFocus();
        to->setSelectedSection(QDateTimeEdit::MonthSection); // as a double-click on it does
        QTest::keyClicks(to, u"1"_s);
        QCOMPARE(from->date(), QDate(2026, 9, 15));
        QTest::keyClicks(to, u"0"_s);
        QTest::keyClick(to, Qt::Key_Return);
        QCOMPARE(to->date(), QDate(2026, 10, 5));
        QCOMPARE(from->date(), QDate(2026, 9, 15));
        QVERIFY(ready.wait(10000));
        QCOMPARE(ready.count(), 11);
    }

    void senderWithoutTextListsEverythingTheyWrote()
    {
        auto panel = makePanel();
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        QComboBox *order = combo(*panel, u"orderCombo"_s);
        order->setCurrentIndex(order->findData(int(SearchOrder::Relevance)));
        panel->setSenderFilter(m_fan1, u"小美同学"_s);
        QVERIFY(ready.wait(10000));
        // Their messages on both accounts, newest first; not the account's reply in their chat.
        QCOMPARE(panel->resultCount(), 3);
        QCOMPARE(panel->resultsModel()->result(0).item.text, u"发货太慢了"_s);
        QCOMPARE(panel->resultsModel()->result(1).item.id, m_shipId);
        QCOMPARE(panel->resultsModel()->result(2).item.text, u"你好，请问这件衣服还有货吗？"_s);
        QCOMPARE(status(*panel), u"3 results"_s);
        QVERIFY(!order->isEnabled()); // nothing to rank by
        QVERIFY(chatIds(*panel).isEmpty());
        // Words narrow it; without the sender they search everyone again.
        QVERIFY(searchFor(*panel, u"发货"_s));
        QCOMPARE(panel->resultCount(), 2);
        QVERIFY(order->isEnabled());
        panel->clearSenderFilter();
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 4);
        // No words and no sender: no search.
        QVERIFY(searchFor(*panel, QString()));
        QCOMPARE(panel->resultCount(), 0);
        QCOMPARE(status(*panel), QString());
    }

    void tagsFilter()
    {
        qint64 tag = 0;
        {
            auto s = openStore(m_path);
            QVERIFY(s);
            auto created = s->createTag(u"VIP"_s, u"#ff0000"_s);
            QVERIFY(created);
            tag = created->tagId;
            QVERIFY(s->tagConversation(convId(*s, u"conv-3"_s, u"acc-2"_s), tag));
        }
        auto panel = makePanel();
        panel->setTags({Tag{tag, u"VIP"_s, u"#ff0000"_s, 0}});
        QVERIFY(searchFor(*panel, u"发货"_s));
        QCOMPARE(panel->resultCount(), 4);
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        QComboBox *tags = combo(*panel, u"tagFilter"_s);
        tags->setCurrentIndex(tags->findData(tag));
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 1);
        QCOMPARE(panel->resultsModel()->result(0).item.text, u"发货太慢了"_s);
        // The tag disappears: the filter falls back to all tags and searches again.
        panel->setTags({});
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 4);
    }

    void staleResultsAreDropped()
    {
        auto panel = makePanel();
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        panel->setText(u"发货"_s);
        panel->refresh();
        panel->setText(u"hello"_s);
        panel->refresh();
        QVERIFY(panel->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 10000);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(panel->resultCount(), 2);
        for (const QVariant &text : column(*panel, Qt::ToolTipRole))
            QVERIFY(text.toString().contains(u"hello"_s, Qt::CaseInsensitive));
        // Nothing else arrives late.
        QVERIFY(!ready.wait(300));
        QCOMPARE(panel->resultCount(), 2);
    }

    void keystrokeSearchesAtOnce()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        panel->focusSearch();
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        QTest::keyClick(edit(*panel), 'h');
        // Running already when the key has been handled: no timer stands before it.
        QVERIFY(panel->isBusy());
        QVERIFY(ready.wait(10000));
        QCOMPARE(ready.count(), 1);
        QCOMPARE(panel->resultCount(), 2); // "h" is a prefix of the two hellos
        QTest::keyClick(edit(*panel), 'e');
        QVERIFY(panel->isBusy());
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->text(), u"he"_s);
        QCOMPARE(panel->resultCount(), 2);
    }

    void supersededSearchIsInterrupted()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        panel->focusSearch();
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        {
            SearchGate gate(u"parcel"_s);
            QTest::keyClicks(edit(*panel), u"parcel"_s);
            QVERIFY(gate.waitUntilHeld()); // inside the index query, 30 matches to read
            QCOMPARE(SearchGate::rows(), 1);
            // The operator goes on to another word before it finished.
            panel->focusSearch();
            sendCommit(edit(*panel), u"发货"_s);
            QVERIFY(panel->isBusy());
            gate.release();
            QVERIFY(ready.wait(10000));
            // Only the latest text's results ever showed, and no error for the interrupted one.
            QCOMPARE(ready.count(), 1);
            QCOMPARE(panel->text(), u"发货"_s);
            QCOMPARE(panel->resultCount(), 4);
            QVERIFY(ids(*panel).contains(m_shipId));
            QVERIFY2(panel->lastError().isEmpty(), qPrintable(panel->lastError()));
            QCOMPARE(status(*panel), u"4 results"_s);
            // The held search was stopped by the interrupt (by the time the newer one's results
            // came, on the other thread, it may still be unwinding: the panel waits for it). The
            // searches of the word's first letters may have been stopped too, or dropped.
            QTRY_VERIFY(panel->searchStats().interrupted >= 1);
            // Once every search has ended (the panel waits for them), the held one has read no
            // row after the one it was interrupted on.
            panel.reset();
            QCOMPARE(SearchGate::rows(), 1);
        }
    }

    void enterWaitsForTheLatestResults()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        QVERIFY(searchFor(*panel, u"发货"_s));
        panel->focusSearch();
        QSignalSpy open(panel.get(), &SearchPanel::openItem);
        SearchGate gate(u"hello"_s);
        QTest::keyClicks(edit(*panel), u"hello"_s);
        QVERIFY(gate.waitUntilHeld());
        // The rows shown are still the last text's: Enter must not open one of them.
        QCOMPARE(panel->resultCount(), 4);
        QTest::keyClick(edit(*panel), Qt::Key_Return);
        QCOMPARE(open.count(), 0);
        gate.release();
        // It opens the best match of the text typed, once that arrives.
        QTRY_COMPARE_WITH_TIMEOUT(open.count(), 1, 10000);
        QCOMPARE(panel->resultCount(), 2);
        QCOMPARE(open.at(0).at(0).toLongLong(), panel->resultsModel()->itemId(0));
        QVERIFY(panel->resultsModel()->result(0).item.text.startsWith(u"Hello"_s));
        // Once: a later refresh does not open it again.
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        panel->refresh();
        QVERIFY(ready.wait(10000));
        QCOMPARE(open.count(), 1);
    }

    void inputMethodCommitsSearchPreeditDoesNot()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        panel->focusSearch();
        QLineEdit *e = edit(*panel);
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        // Pinyin being composed is not text yet: nothing to search for.
        for (const QString &preedit : {u"f"_s, u"fa"_s, u"fah"_s, u"fahuo"_s}) {
            sendPreedit(e, preedit);
            QVERIFY(!panel->isBusy());
            QCOMPARE(panel->text(), QString());
        }
        QCOMPARE(ready.count(), 0);
        sendCommit(e, u"发货"_s);
        QVERIFY(panel->isBusy());
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->text(), u"发货"_s);
        QCOMPARE(panel->resultCount(), 4);
        // Composing the next word changes nothing until it is committed.
        sendPreedit(e, u"tai"_s);
        sendPreedit(e, u"taiman"_s);
        QVERIFY(!panel->isBusy());
        QCOMPARE(panel->text(), u"发货"_s);
        sendCommit(e, u"太慢"_s);
        QVERIFY(panel->isBusy());
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->text(), u"发货太慢"_s);
        QCOMPARE(panel->resultCount(), 1);
        QCOMPARE(ready.count(), 2);
    }

    void closeButtonRequestsClose()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        auto *close = panel->findChild<QToolButton *>(u"searchCloseButton"_s);
        QVERIFY(close);
        QCOMPARE(close->toolTip(), u"Close search (Esc)"_s);
        QVERIFY(!close->accessibleName().isEmpty());
        QVERIFY(!close->icon().isNull());
        // At the right of the search box, on its line.
        const QRect box = edit(*panel)->geometry();
        QVERIFY(close->geometry().left() >= box.right());
        QVERIFY(box.contains(QPoint(box.center().x(), close->geometry().center().y())));
        QSignalSpy closed(panel.get(), &SearchPanel::closeRequested);
        QTest::mouseClick(close, Qt::LeftButton);
        QCOMPARE(closed.count(), 1);
        // The keyboard closes too: Space on the button once Tab has reached it.
        close->setFocus(Qt::TabFocusReason);
        QTest::keyClick(close, Qt::Key_Space);
        QCOMPARE(closed.count(), 2);
    }

    void loadsMoreAtTheEnd()
    {
        auto panel = makePanel();
        panel->setPageSize(10);
        panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        panel->setText(u"parcel"_s);
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel->resultCount(), 10);
        QCOMPARE(status(*panel), u"10+ results"_s);
        auto *view = panel->findChild<QListView *>(u"resultsView"_s);
        // Scrolling to the end fetches the next pages, appended in order, until the last one.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                view->scrollToBottom();
                return panel->resultCount() == 30 && !panel->isBusy();
            }(),
            10000);
        const QList<qint64> found = ids(*panel);
        QCOMPARE(QSet<qint64>(found.begin(), found.end()).size(), 30);
        QVERIFY(std::is_sorted(found.rbegin(), found.rend()));
        QCOMPARE(status(*panel), u"30 results"_s);
        QVERIFY(!panel->resultsModel()->canFetchMore(QModelIndex()));
    }

    void keyboardOpensResults()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        panel->focusSearch();
        QVERIFY(searchFor(*panel, u"发货"_s));
        QSignalSpy open(panel.get(), &SearchPanel::openItem);
        QLineEdit *e = edit(*panel);
        QTest::keyClick(e, Qt::Key_Down);
        QTest::keyClick(e, Qt::Key_Down);
        QTest::keyClick(e, Qt::Key_Return);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toLongLong(), panel->resultsModel()->itemId(1));
        QTest::keyClick(e, Qt::Key_Up);
        QTest::keyClick(e, Qt::Key_Up); // stays on the first
        QTest::keyClick(e, Qt::Key_Enter);
        QCOMPARE(open.count(), 2);
        QCOMPARE(open.at(1).at(0).toLongLong(), panel->resultsModel()->itemId(0));
        QCOMPARE(panel->resultsModel()->itemId(1), m_shipOutId);
        // Enter in the results list opens too.
        auto *view = panel->findChild<QListView *>(u"resultsView"_s);
        view->setFocus();
        view->setCurrentIndex(panel->resultsModel()->index(2));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(open.count(), 3);
        QCOMPARE(open.at(2).at(0).toLongLong(), panel->resultsModel()->itemId(2));
    }

    // A customer is found by name as well as by what was said: the chats whose person's name
    // matches are listed above the messages and comments, in their own section.
    // Before there is anything to search, the results' place says what to type (an empty box said
    // nothing); a search in one chat names it. The hint goes while there are words, and comes back.
    void emptySearchSaysWhatToType()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        auto *hint = panel->findChild<QLabel *>(u"searchHint"_s);
        auto *results = panel->findChild<QListView *>(u"resultsView"_s);
        QVERIFY(hint && results);
        QVERIFY(hint->isVisible() && !results->isVisible());
        QVERIFY2(hint->text().contains(u"every account"_s), qPrintable(hint->text()));
        QVERIFY(searchFor(*panel, u"发货"_s));
        QVERIFY(!hint->isVisible() && results->isVisible());
        panel->setText(QString()); // nothing to search: at once, no search runs
        QVERIFY(hint->isVisible() && !results->isVisible());
        panel->setConversationScope(m_xiaomei1, u"小美同学"_s);
        QVERIFY2(hint->text().contains(u"“小美同学”"_s), qPrintable(hint->text()));
        QVERIFY(hint->isVisible());
        panel->setConversationScope(0, QString());
        QVERIFY(hint->text().contains(u"every account"_s));
    }

    void findsChatsByThePersonsName()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        QListView *chats = chatsView(*panel);
        auto *chatsHeader = panel->findChild<QLabel *>(u"chatsHeader"_s);
        auto *resultsHeader = panel->findChild<QLabel *>(u"resultsHeader"_s);
        QVERIFY(chats && chatsHeader && resultsHeader);
        QVERIFY(!chats->isVisible() && !chatsHeader->isVisible());

        QVERIFY(searchFor(*panel, u"小美"_s));                              // a name in no message
        QCOMPARE(chatIds(*panel), (QList<qint64>{m_xiaomei2, m_xiaomei1})); // latest activity first
        QCOMPARE(panel->resultCount(), 0);
        QVERIFY(chats->isVisible() && chatsHeader->isVisible() && resultsHeader->isVisible());
        QCOMPARE(chatsHeader->text(), u"Chats"_s);
        QCOMPARE(status(*panel), u"2 chats, no messages or comments"_s);
        // No empty box under the messages' header: the header says none matched.
        auto *results = panel->findChild<QListView *>(u"resultsView"_s);
        QVERIFY(results && !results->isVisible());
        QCOMPARE(resultsHeader->text(), u"Messages and comments: none found"_s);
        const QModelIndex first = panel->chatsModel()->index(0);
        QCOMPARE(first.data(ChatMatchesModel::PeerNameRole).toString(), u"小美同学"_s);
        QCOMPARE(first.data(ChatMatchesModel::AccountNameRole).toString(), u"小店二号"_s);
        QCOMPARE(first.data(ChatMatchesModel::PreviewRole).toString(), u"发货太慢了"_s);
        QCOMPARE(first.data(ChatMatchesModel::UnreadRole).toLongLong(), 1);
        QCOMPARE(first.data(ChatMatchesModel::TimeRole).toDateTime().toMSecsSinceEpoch(), kT0 + 5000);
        QVERIFY(first.data(Qt::AccessibleTextRole).toString().contains(u"小美同学"_s));
        // As tall as its rows: none hidden behind a scroll bar, none cut.
        QCOMPARE(chats->height(), chats->sizeHintForRow(0) * 2 + 2 * chats->frameWidth());
        QVERIFY(chats->sizeHintForRow(0) > 20);
        // The part of the name that matched is marked, as a snippet's hits are, and painted so.
        const QString open = QString(search::kHighlightOpen), close = QString(search::kHighlightClose);
        QCOMPARE(first.data(ChatMatchesModel::MarkedNameRole).toString(),
                 open + u"小美"_s + close + u"同学"_s);
        chats->clearSelection();
        chats->setCurrentIndex(QModelIndex());
        QVERIFY(highlightedPixels(*chats, 0) > 50);

        // Either part of a Latin name, in any case.
        QVERIFY(searchFor(*panel, u"WANG"_s));
        QCOMPARE(chatIds(*panel), (QList<qint64>{m_alice2, m_alice1}));
        QCOMPARE(panel->chatsModel()->index(0).data(ChatMatchesModel::MarkedNameRole).toString(),
                 u"Alice "_s + open + u"Wang"_s + close);
        // A name that is also in a message: both sections.
        QVERIFY(searchFor(*panel, u"alice"_s));
        QCOMPARE(chatIds(*panel), (QList<qint64>{m_alice2, m_alice1}));
        QCOMPARE(ids(*panel), QList<qint64>{m_aliceSaidId});
        QVERIFY2(status(*panel).startsWith(u"2 chats, 1 "_s), qPrintable(status(*panel)));
        QVERIFY(results->isVisible());
        QCOMPARE(resultsHeader->text(), u"Messages and comments"_s);

        // The filters that apply to chats narrow them too.
        QSignalSpy ready(panel.get(), &SearchPanel::resultsReady);
        QComboBox *account = combo(*panel, u"accountFilter"_s);
        account->setCurrentIndex(account->findData(m_acc1));
        QVERIFY(ready.wait(10000));
        QCOMPARE(chatIds(*panel), QList<qint64>{m_alice1});
        account->setCurrentIndex(0);
        QVERIFY(ready.wait(10000));
        QComboBox *kind = combo(*panel, u"kindFilter"_s);
        kind->setCurrentIndex(kind->findData(int(ItemKind::Comment))); // comments: no chat
        QVERIFY(ready.wait(10000));
        QCOMPARE(chatIds(*panel), QList<qint64>{});
        QVERIFY(!chats->isVisible() && !chatsHeader->isVisible() && !resultsHeader->isVisible());
        kind->setCurrentIndex(0);
        QVERIFY(ready.wait(10000));
        QCOMPARE(chatIds(*panel).size(), 2);

        // Words in no name: no chats section at all.
        QVERIFY(searchFor(*panel, u"发货"_s));
        QCOMPARE(chatIds(*panel), QList<qint64>{});
        QVERIFY(!chats->isVisible() && !resultsHeader->isVisible() && results->isVisible());
        QCOMPARE(status(*panel), u"4 results"_s);

        // More chats than shown: the latest five, and the header says how to reach the others.
        QVERIFY(searchFor(*panel, u"王多多"_s));
        QCOMPARE(chatIds(*panel).size(), 5);
        QCOMPARE(panel->chatsModel()->index(0).data(ChatMatchesModel::PreviewRole).toString(), u"在线等 6"_s);
        QVERIFY2(chatsHeader->text().contains(u"5 latest"_s), qPrintable(chatsHeader->text()));
        QVERIFY2(status(*panel).startsWith(u"5+ chats"_s), qPrintable(status(*panel)));
        QCOMPARE(chats->height(), chats->sizeHintForRow(0) * 5 + 2 * chats->frameWidth());

        // An empty search clears the chats with the rest.
        QVERIFY(searchFor(*panel, QString()));
        QCOMPARE(chatIds(*panel), QList<qint64>{});
        QVERIFY(!chats->isVisible());
    }

    // Up and Down go through the chats and then the results as one list, from the search box or
    // from either list; Enter opens the chat (at its end) or the message that is current.
    void keyboardMovesThroughChatsAndResults()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        panel->focusSearch();
        QVERIFY(searchFor(*panel, u"alice"_s));
        QCOMPARE(chatIds(*panel), (QList<qint64>{m_alice2, m_alice1}));
        QCOMPARE(ids(*panel), QList<qint64>{m_aliceSaidId});
        QSignalSpy chat(panel.get(), &SearchPanel::openConversation);
        QSignalSpy item(panel.get(), &SearchPanel::openItem);
        QLineEdit *e = edit(*panel);
        QListView *chats = chatsView(*panel);
        QListView *results = resultsView(*panel);

        // Enter right after typing opens the top row: the first chat.
        QTest::keyClick(e, Qt::Key_Return);
        QCOMPARE(chat.count(), 1);
        QCOMPARE(chat.at(0).at(0).toLongLong(), m_alice2);

        QTest::keyClick(e, Qt::Key_Down); // first chat
        QTest::keyClick(e, Qt::Key_Down); // second chat
        QCOMPARE(chats->currentIndex().row(), 1);
        QVERIFY(!results->currentIndex().isValid());
        QTest::keyClick(e, Qt::Key_Down); // on into the results
        QVERIFY(!chats->currentIndex().isValid());
        QVERIFY(chats->selectionModel()->selectedIndexes().isEmpty());
        QCOMPARE(results->currentIndex().row(), 0);
        QTest::keyClick(e, Qt::Key_Down); // the last row stays
        QTest::keyClick(e, Qt::Key_Return);
        QCOMPARE(item.count(), 1);
        QCOMPARE(item.at(0).at(0).toLongLong(), m_aliceSaidId);
        QTest::keyClick(e, Qt::Key_Up); // back to the last chat
        QCOMPARE(chats->currentIndex().row(), 1);
        QVERIFY(!results->currentIndex().isValid());
        QTest::keyClick(e, Qt::Key_Enter);
        QCOMPARE(chat.count(), 2);
        QCOMPARE(chat.at(1).at(0).toLongLong(), m_alice1);
        QTest::keyClick(e, Qt::Key_PageUp);
        QCOMPARE(chats->currentIndex().row(), 0);
        QCOMPARE(item.count(), 1); // moving opened nothing
        QCOMPARE(chat.count(), 2);

        // In the lists themselves the arrows cross from one to the other, with the focus.
        chats->setFocus();
        chats->setCurrentIndex(panel->chatsModel()->index(1));
        QTest::keyClick(chats, Qt::Key_Down);
        QVERIFY(results->hasFocus());
        QCOMPARE(results->currentIndex().row(), 0);
        QVERIFY(!chats->currentIndex().isValid());
        QTest::keyClick(results, Qt::Key_Up);
        QVERIFY(chats->hasFocus());
        QCOMPARE(chats->currentIndex().row(), 1);
        QVERIFY(!results->currentIndex().isValid());
        QTest::keyClick(chats, Qt::Key_Up); // inside the chats: the list's own move
        QCOMPARE(chats->currentIndex().row(), 0);
        QTest::keyClick(chats, Qt::Key_Return);
        QCOMPARE(chat.count(), 3);
        QCOMPARE(chat.at(2).at(0).toLongLong(), m_alice2);
        // A click on a result leaves no chat current; a double-click on a chat opens it.
        const QRect resultRect = results->visualRect(panel->resultsModel()->index(0));
        QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, resultRect.center());
        QVERIFY(!chats->currentIndex().isValid());
        const QRect chatRect = chats->visualRect(panel->chatsModel()->index(1));
        QTest::mouseClick(chats->viewport(), Qt::LeftButton, {}, chatRect.center());
        QCOMPARE(chat.count(), 3); // one click only selects
        QCOMPARE(chats->currentIndex().row(), 1);
        QVERIFY(!results->currentIndex().isValid());
        QTest::mouseDClick(chats->viewport(), Qt::LeftButton, {}, chatRect.center());
        QCOMPARE(chat.count(), 4);
        QCOMPARE(chat.at(3).at(0).toLongLong(), m_alice1);
        QCOMPARE(item.count(), 1);
    }

    // A chat's row shows the chat as it is now: opened (and read) from here, it loses its badge;
    // the rows stay in place.
    void chatRowsFollowTheChatsState()
    {
        auto panel = makePanel();
        QVERIFY(searchFor(*panel, u"小美"_s));
        QCOMPARE(chatIds(*panel), (QList<qint64>{m_xiaomei2, m_xiaomei1}));
        const QModelIndex row = panel->chatsModel()->index(0);
        QCOMPARE(row.data(ChatMatchesModel::UnreadRole).toLongLong(), 1);
        QSignalSpy changed(panel->chatsModel(), &QAbstractItemModel::dataChanged);
        auto writer = openStore(m_path);
        QVERIFY(writer);
        QVERIFY(writer->markRead(m_xiaomei2));
        // Only the chats named are looked at.
        panel->updateChats(*writer, {m_alice1});
        QCOMPARE(changed.count(), 0);
        QCOMPARE(row.data(ChatMatchesModel::UnreadRole).toLongLong(), 1);
        panel->updateChats(*writer, {m_alice1, m_xiaomei2});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(row.data(ChatMatchesModel::UnreadRole).toLongLong(), 0);
        QCOMPARE(chatIds(*panel), (QList<qint64>{m_xiaomei2, m_xiaomei1}));
        QVERIFY(writer->markUnread(m_xiaomei2));
        panel->updateChats(*writer, {m_xiaomei2});
        QCOMPARE(row.data(ChatMatchesModel::UnreadRole).toLongLong(), 1); // marked unread by hand
    }

    void escapeClearsThenCloses()
    {
        auto panel = makePanel();
        QVERIFY(searchFor(*panel, u"发货"_s));
        QSignalSpy close(panel.get(), &SearchPanel::closeRequested);
        QTest::keyClick(edit(*panel), Qt::Key_Escape);
        QCOMPARE(edit(*panel)->text(), QString());
        QCOMPARE(panel->resultCount(), 0);
        QCOMPARE(close.count(), 0);
        QTest::keyClick(edit(*panel), Qt::Key_Escape);
        QCOMPARE(close.count(), 1);
    }

    void hostileInputIsNoError_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("FTS syntax") << u"\"(*"_s;
        QTest::newRow("operators") << u"NOT OR AND NEAR( a* ^b -c"_s;
        QTest::newRow("only punctuation") << u"!!! ，。？"_s;
        QTest::newRow("control characters") << hiscrm::search::kHighlightOpen + u"发货"_s +
                                                   hiscrm::search::kHighlightClose + QChar(0) + u"x"_s;
        QString big;
        while (big.size() < 10 * 1024)
            big += u"发货 \"(* hello OR NOT 衣服 "_s;
        QTest::newRow("10 KB") << big;
        QTest::newRow("10 KB one word") << QString(10 * 1024, u'a');
    }

    void hostileInputIsNoError()
    {
        QFETCH(QString, text);
        auto panel = makePanel();
        QVERIFY(searchFor(*panel, text));
        QVERIFY2(panel->lastError().isEmpty(), qPrintable(panel->lastError()));
        QVERIFY(!status(*panel).contains(u"fail"_s, Qt::CaseInsensitive));
    }

    void missingDatabaseIsAnError()
    {
        SearchPanel panel(m_dir.filePath(u"missing.db"_s));
        QVERIFY(searchFor(panel, u"发货"_s));
        QVERIFY(!panel.lastError().isEmpty());
        QVERIFY(status(panel).contains(panel.lastError()));
        QCOMPARE(panel.resultCount(), 0);
    }

    void everyControlHasAnAccessibleName()
    {
        auto panel = makePanel();
        for (QWidget *w : panel->findChildren<QWidget *>()) {
            if (w->parentWidget() != panel.get())
                continue; // parts of a control (clear buttons, spin boxes' editors)
            if (!qobject_cast<QAbstractButton *>(w) && !qobject_cast<QComboBox *>(w) &&
                !qobject_cast<QLineEdit *>(w) && !qobject_cast<QAbstractItemView *>(w) &&
                !qobject_cast<QAbstractSpinBox *>(w))
                continue;
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
    }

    void retranslatesOnLanguageChange()
    {
        auto panel = makePanel();
        QComboBox *accounts = combo(*panel, u"accountFilter"_s);
        accounts->setCurrentIndex(accounts->findData(m_acc2));
        const QString before = combo(*panel, u"kindFilter"_s)->itemText(2);
        OneStringTranslator translator("hiscrm::ui::SearchPanel", "Comments", u"评论（测试）"_s);
        QCoreApplication::installTranslator(&translator);
        QTRY_COMPARE(combo(*panel, u"kindFilter"_s)->itemText(2), u"评论（测试）"_s);
        QCOMPARE(accounts->currentData().toLongLong(), m_acc2); // the choice survives
        QCoreApplication::removeTranslator(&translator);
        QTRY_COMPARE(combo(*panel, u"kindFilter"_s)->itemText(2), before);
    }

    // ---- TrayNotifier -----------------------------------------------------------------------

    void shouldNotify_data()
    {
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<bool>("muted");
        QTest::addColumn<bool>("focused");
        QTest::addColumn<bool>("active");
        QTest::addColumn<bool>("expected");
        for (int bits = 0; bits < 16; ++bits) {
            const bool enabled = bits & 1, muted = bits & 2, focused = bits & 4, active = bits & 8;
            const bool expected = enabled && !muted && !(focused && active);
            QTest::addRow("enabled=%d muted=%d focused=%d active=%d", enabled, muted, focused, active)
                << enabled << muted << focused << active << expected;
        }
    }

    void shouldNotify()
    {
        QFETCH(bool, enabled);
        QFETCH(bool, muted);
        QFETCH(bool, focused);
        QFETCH(bool, active);
        QFETCH(bool, expected);
        QCOMPARE(TrayNotifier::shouldNotify(enabled, muted, focused, active), expected);
    }

    void trayShowsUnread()
    {
        TrayNotifier tray;
        QCOMPARE(tray.unread(), 0);
        QVERIFY(!tray.icon().isNull());
        tray.setUnread(5);
        QCOMPARE(tray.unread(), 5);
        QVERIFY(tray.toolTip().contains(u"5"_s));
        QVERIFY(tray.toolTip().contains(u"HisCRM Desk"_s));
        tray.setUnread(1234);
        QCOMPARE(tray.unread(), 1234);
        QVERIFY(tray.toolTip().contains(u"1234"_s));
        tray.setUnread(-3);
        QCOMPARE(tray.unread(), 0);

        // The icon is drawn, not loaded: the square's colour at its centre, transparent corners.
        const QImage icon = TrayNotifier::renderIcon(0, Qt::blue, Qt::white, 32).toImage();
        QCOMPARE(icon.size(), QSize(32, 32));
        QCOMPARE(icon.pixelColor(0, 0).alpha(), 0);
        QCOMPARE(icon.pixelColor(16, 4), QColor(Qt::blue));
        const QImage big = TrayNotifier::renderIcon(150, Qt::blue, Qt::white, 32).toImage();
        QVERIFY(big != TrayNotifier::renderIcon(99, Qt::blue, Qt::white, 32).toImage());
        QCOMPARE(big, TrayNotifier::renderIcon(100, Qt::blue, Qt::white, 32).toImage()); // both "99+"
    }

    void trayRecordsNotifications()
    {
        TrayNotifier tray;
        QSignalSpy show(&tray, &TrayNotifier::showWindowRequested);
        QSignalSpy hide(&tray, &TrayNotifier::hideWindowRequested);
        QSignalSpy quit(&tray, &TrayNotifier::quitRequested);
        tray.show(); // no tray under offscreen: harmless
        tray.notify(42, u"小美同学"_s, u"什么时候发货"_s);
        QCOMPARE(tray.notificationCount(), 1);
        QCOMPARE(tray.lastNotification().conversationId, 42);
        QCOMPARE(tray.lastNotification().title, u"小美同学"_s);
        QCOMPARE(tray.lastNotification().body, u"什么时候发货"_s);

        tray.setShowPreview(false);
        tray.notify(43, u"Alice"_s, u"secret text"_s);
        QCOMPARE(tray.notificationCount(), 2);
        QCOMPARE(tray.lastNotification().conversationId, 43);
        QVERIFY(!tray.lastNotification().body.contains(u"secret"_s));

        tray.setNotificationsEnabled(false);
        tray.notify(44, u"Bob"_s, u"hi"_s);
        QCOMPARE(tray.notificationCount(), 2);
        QCOMPARE(tray.lastNotification().conversationId, 43);

        // Clicking the notification opens the conversation it was about.
        QSignalSpy open(&tray, &TrayNotifier::openConversation);
        emit tray.trayIcon()->messageClicked();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toLongLong(), 43);

        // The menu: Hide while the window shows, Show while hidden, and Quit.
        const QList<QAction *> actions = tray.menu()->actions();
        QAction *toggle = tray.menu()->findChild<QAction *>(u"toggleWindowAction"_s);
        QAction *quitAction = tray.menu()->findChild<QAction *>(u"quitAction"_s);
        QVERIFY(toggle && quitAction && actions.contains(toggle) && actions.contains(quitAction));
        toggle->trigger();
        QCOMPARE(hide.count(), 1);
        tray.setWindowVisible(false);
        toggle->trigger();
        QCOMPARE(show.count(), 1);
        quitAction->trigger();
        QCOMPARE(quit.count(), 1);
        QCOMPARE(tray.attentionCount(), 0); // no window to flash
    }

    // A filter squeezed below its text's width (English at a narrow panel) shows "All acc…" with the
    // whole text as its tooltip, not "All accou" cut mid-letter; given the room, the whole text.
    void squeezedFiltersElideTheirText()
    {
        auto panel = shownPanel();
        QVERIFY(panel);
        for (const char *name : {"accountFilter", "kindFilter", "tagFilter", "dateFilter"})
            QVERIFY2(qobject_cast<hiscrm::ui::ElidingComboBox *>(combo(*panel, QString::fromLatin1(name))),
                     name);
        hiscrm::ui::ElidingComboBox box;
        box.addItem(u"All accounts"_s);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        box.resize(box.sizeHint());
        QCOMPARE(box.shownText(), u"All accounts"_s);
        QVERIFY(box.toolTip().isEmpty());
        box.resize(box.sizeHint().width() / 2, box.height());
        QVERIFY2(box.shownText().endsWith(QChar(0x2026)) && box.shownText().size() < 12,
                 qPrintable(box.shownText()));
        QCOMPARE(box.toolTip(), u"All accounts"_s);
        box.addItem(u"小店"_s);
        box.setCurrentIndex(1); // fits again
        QCOMPARE(box.shownText(), u"小店"_s);
        QVERIFY(box.toolTip().isEmpty());
    }

    // Notified while the operator is in another window, the inbox asks for attention in the taskbar:
    // on a desktop without a tray that is the only sign that something came in.
    void notificationAsksForAttentionUnlessTheWindowIsActive()
    {
        QWidget window;
        auto *tray = new TrayNotifier(&window);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        tray->notify(1, u"小美同学"_s, u"什么时候发货"_s);
        QCOMPARE(tray->notificationCount(), 1);
        QCOMPARE(tray->attentionCount(), 0);

        QWidget elsewhere;
        elsewhere.show();
        elsewhere.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&elsewhere));
        tray->notify(2, u"Alice"_s, u"hello"_s);
        QCOMPARE(tray->attentionCount(), 1);
        tray->notify(3, u"Tray"_s, u"reply not sent"_s, false);
        QCOMPARE(tray->attentionCount(), 2);

        tray->setNotificationsEnabled(false);
        tray->notify(4, u"Bob"_s, u"hi"_s);
        QCOMPARE(tray->attentionCount(), 2);
    }
};

QTEST_MAIN(TestSearchPanel)
#include "TestSearchPanel.moc"
