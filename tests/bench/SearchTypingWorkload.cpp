// SPDX-License-Identifier: GPL-3.0-or-later
// search-typing: the desktop's search panel (a real SearchPanel, shown on the offscreen platform)
// while an operator types queries: Chinese words committed by an input method after their pinyin
// was composed, English words key by key, at a steady pace. For every keystroke, the time from the
// event to the panel's resultsReady for that very text, and to the next paint of the results view
// after it. The baseline is Store::search on the same texts, called directly in this thread on a
// read-only store: what the panel adds on top of the store.

#include "../InputMethod.h"
#include "BenchData.h"
#include "Workloads.h"

#include "ui/search/SearchPanel.h"

#include <QApplication>
#include <QEventLoop>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QMap>
#include <QTextCharFormat>
#include <QTimer>
#include <QWindow>

#include <algorithm>

namespace hiscrm::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr int kDefaultQueries = 100;
constexpr int kDefaultIntervalMs = 100; // about 10 keys a second: a quick typist
constexpr int kWarmupQueries = 7;       // one of each kind: opens the pool's stores, warms caches
// The panel's size in the main window's middle column.
constexpr int kPanelWidth = 480;
constexpr int kPanelHeight = 720;

enum class Input
{
    ImeCommit, // an input method commits characters after composing them
    Key,       // a key press that types one character
};

QString name(Input i)
{
    return i == Input::ImeCommit ? u"ime-commit"_s : u"key"_s;
}

// One thing the operator does, and the text the search box holds after it.
struct Stroke
{
    Input input = Input::Key;
    QString typed;            // the committed characters, or the key's character
    QStringList preedit;      // ImeCommit: the composition the input method shows before committing
    bool startsQuery = false; // Ctrl+K before it: the old text is selected and this replaces it
    QString text;
};

// Stand-in pinyin: 2-4 letters per character, growing a letter per key as an input method shows
// it. Which letters does not matter; that composing sends events which must not search does.
QStringList composition(const QString &chinese, demo::Rng &rng)
{
    QStringList steps;
    QString preedit;
    for (qsizetype c = 0; c < chinese.size(); ++c) {
        if (c > 0)
            preedit += u'\'';
        const int letters = 2 + int(rng.below(3));
        for (int i = 0; i < letters; ++i) {
            preedit += QChar(u'a' + int(rng.below(26)));
            steps << preedit;
        }
    }
    return steps;
}

// The strokes of one query: Chinese through the input method, the rest key by key.
void appendQuery(QList<Stroke> &strokes, QueryKind kind, demo::Rng &rng)
{
    const demo::Corpus &corpus = demo::Corpus::instance();
    QString text;
    const auto commit = [&](const QString &chinese) {
        text += chinese;
        strokes.append({Input::ImeCommit, chinese, composition(chinese, rng), false, text});
    };
    const auto keys = [&](const QString &typed) {
        for (const QChar c : typed) {
            text += c;
            strokes.append({Input::Key, QString(c), {}, false, text});
        }
    };
    const qsizetype first = strokes.size();
    switch (kind) {
    case QueryKind::Cjk1:
    case QueryKind::Cjk2:
    case QueryKind::Cjk3:
    case QueryKind::Cjk4:
        commit(corpus.chineseWord(rng, 1 + int(kind) - int(QueryKind::Cjk1)));
        break;
    case QueryKind::EnglishWord:
        keys(corpus.englishWord(rng));
        break;
    case QueryKind::EnglishSubstring:
        keys(englishSubstring(rng));
        break;
    case QueryKind::Mixed:
    case QueryKind::Count:
        // Chinese, a space, an English word: both must match.
        commit(corpus.chineseWord(rng, 1));
        keys(u" "_s + corpus.englishWord(rng));
        break;
    }
    if (strokes.size() == first || text.trimmed().isEmpty())
        fail(u"the corpus gave no query text"_s);
    strokes[first].startsQuery = true;
}

QList<Stroke> buildStrokes(int queries, quint64 seed)
{
    demo::Rng rng(seed);
    QList<Stroke> strokes;
    for (int q = 0; q < queries; ++q)
        appendQuery(strokes, QueryKind(q % int(QueryKind::Count)), rng);
    return strokes;
}

// Watches the panel for the results of the latest keystroke's text and the paint after them.
class Probe final : public QObject
{
public:
    Probe(ui::SearchPanel &panel, QWidget *viewport, const QElapsedTimer &clock)
        : m_panel(panel)
        , m_viewport(viewport)
        , m_clock(clock)
    {
        connect(&panel, &ui::SearchPanel::resultsReady, this, [this] {
            // resultsReady comes only for the newest query; the text tells whether that is still
            // the keystroke's (the box may show another text by now).
            if (m_waiting && m_resultsNs < 0 && m_panel.text() == m_text) {
                m_resultsNs = m_clock.nsecsElapsed() - m_t0;
                m_rows = m_panel.resultCount();
            }
        });
        viewport->installEventFilter(this);
    }

    // A keystroke that made the box hold `text` happened at t0.
    void expect(const QString &text, qint64 t0)
    {
        m_waiting = true;
        m_text = text;
        m_t0 = t0;
        m_resultsNs = -1;
        m_paintNs = -1;
    }
    void stop() { m_waiting = false; }
    qint64 resultsNs() const { return m_resultsNs; }
    qint64 paintNs() const { return m_paintNs; }
    int rows() const { return m_rows; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_viewport || event->type() != QEvent::Paint || m_inPaint || !m_waiting ||
            m_resultsNs < 0 || m_paintNs >= 0)
            return false;
        // Deliver the paint now, past this filter, so the time includes painting the rows.
        m_inPaint = true;
        QCoreApplication::sendEvent(m_viewport, event);
        m_inPaint = false;
        m_paintNs = m_clock.nsecsElapsed() - m_t0;
        return true;
    }

private:
    ui::SearchPanel &m_panel;
    QWidget *m_viewport;
    const QElapsedTimer &m_clock;
    bool m_waiting = false;
    bool m_inPaint = false;
    QString m_text;
    qint64 m_t0 = 0;
    qint64 m_resultsNs = -1;
    qint64 m_paintNs = -1;
    int m_rows = 0;
};

// Runs the event loop until the clock reads deadlineNs.
void runUntil(const QElapsedTimer &clock, qint64 deadlineNs)
{
    const qint64 left = deadlineNs - clock.nsecsElapsed();
    if (left <= 0) {
        QCoreApplication::processEvents();
        return;
    }
    QEventLoop loop;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(int((left + 999'999) / 1'000'000));
    loop.exec();
}

void sendKey(QWidget *target, QChar c)
{
    // Qt's key codes of printable Latin-1 characters are their upper-case code points.
    const int key = c == u' ' ? int(Qt::Key_Space) : int(c.toUpper().unicode());
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, QString(c));
    QCoreApplication::sendEvent(target, &press);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, QString(c));
    QCoreApplication::sendEvent(target, &release);
}

struct Typed
{
    Samples results;
    Samples paint;
    QMap<Input, Samples> resultsByInput;
    int superseded = 0; // the next keystroke came before the results
    int unpainted = 0;  // results came, but no paint before the next keystroke
    qint64 rows = 0;
};

// Types the strokes, one per interval, and measures each.
Typed type(ui::SearchPanel &panel, QLineEdit *edit, Probe &probe, const QElapsedTimer &clock,
           const QList<Stroke> &strokes, qint64 intervalNs)
{
    Typed out;
    qint64 next = clock.nsecsElapsed();
    for (const Stroke &stroke : strokes) {
        runUntil(clock, next);
        if (stroke.startsQuery)
            panel.focusSearch(); // Ctrl+K: the old text is selected, the next stroke replaces it
        if (stroke.input == Input::ImeCommit) {
            // Composing over the selected old text deletes it, as typing would: that is an edit (to
            // an empty box, which searches nothing). The composition itself must change nothing.
            const QString left = stroke.startsQuery ? QString() : panel.text();
            const bool busy = panel.isBusy();
            for (const QString &p : stroke.preedit) {
                testutil::sendPreedit(edit, p);
                QCoreApplication::processEvents();
            }
            if (panel.text() != left || (!busy && panel.isBusy()))
                fail(u"composing \"%1\" started a search (text \"%2\")"_s.arg(stroke.typed, panel.text()));
        }
        const qint64 t0 = clock.nsecsElapsed();
        if (stroke.input == Input::ImeCommit)
            testutil::sendCommit(edit, stroke.typed);
        else
            sendKey(edit, stroke.typed.front());
        if (panel.text() != stroke.text)
            fail(u"typing \"%1\" left \"%2\" in the search box, not \"%3\""_s.arg(stroke.typed, panel.text(),
                                                                                  stroke.text));
        probe.expect(stroke.text, t0);
        next = t0 + intervalNs;
        runUntil(clock, next);
        probe.stop();
        if (probe.resultsNs() < 0) {
            ++out.superseded;
            continue;
        }
        out.results.add(probe.resultsNs());
        out.resultsByInput[stroke.input].add(probe.resultsNs());
        out.rows += probe.rows();
        if (probe.paintNs() >= 0)
            out.paint.add(probe.paintNs());
        else
            ++out.unpainted;
    }
    return out;
}

QStringList percentiles(const QString &what, const Samples &s)
{
    return {what,
            QString::number(s.count()),
            fixed3(s.percentileMs(50)),
            fixed3(s.percentileMs(95)),
            fixed3(s.percentileMs(99)),
            fixed3(s.maxMs())};
}

} // namespace

JsonLine runSearchTyping(const Options &options)
{
    const qint64 items = options.messages > 0 ? options.messages : 100'000;
    const int queries = options.queries > 0 ? options.queries : kDefaultQueries;
    const int intervalMs = options.interval > 0 ? options.interval : kDefaultIntervalMs;
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        fail(u"search-typing needs a QApplication"_s);
    const DataSpec spec{.setup = u"search-typing: none"_s,
                        .config = benchConfig(options.seed, items, options.conversations),
                        .items = items};
    Workspace workspace(options);
    const QString path = prepareStore(workspace, spec);

    const QList<Stroke> warmup = buildStrokes(kWarmupQueries, options.seed ^ 0x7e9'0002);
    const QList<Stroke> strokes = buildStrokes(queries, options.seed ^ 0x7e9'0001);
    const auto imeCommits = std::count_if(strokes.cbegin(), strokes.cend(),
                                          [](const Stroke &s) { return s.input == Input::ImeCommit; });
    say(u"typing %1 queries: %2 keystrokes (%3 input-method commits, %4 keys), one every %5 ms"_s.arg(queries)
            .arg(strokes.size())
            .arg(imeCommits)
            .arg(strokes.size() - imeCommits)
            .arg(intervalMs));

    // The panel's searches run on its own read-only stores; this one lists the accounts for its
    // filter and then serves the baseline.
    store::Store::Options readOnly;
    readOnly.access = store::Store::Access::ReadOnly;
    readOnly.durability = store::Store::Durability::Normal;
    const auto direct = check(store::Store::open(path, readOnly), u"opening %1 read-only"_s.arg(path));

    Typed typed;
    {
        ui::SearchPanel panel(path);
        panel.setAccounts(check(direct->accounts(), u"listing accounts"_s));
        panel.resize(kPanelWidth, kPanelHeight);
        panel.show();
        panel.activateWindow();
        QElapsedTimer clock;
        clock.start();
        while (!(panel.windowHandle() && panel.windowHandle()->isExposed())) {
            if (clock.elapsed() > 10'000)
                fail(u"the search panel's window was never exposed (QT_QPA_PLATFORM?)"_s);
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        auto *edit = panel.findChild<QLineEdit *>(u"searchEdit"_s);
        auto *view = panel.findChild<QListView *>(u"resultsView"_s);
        if (!edit || !view)
            fail(u"the search panel has no searchEdit or resultsView"_s);
        Probe probe(panel, view->viewport(), clock);
        const qint64 intervalNs = qint64(intervalMs) * 1'000'000;
        type(panel, edit, probe, clock, warmup, intervalNs);
        typed = type(panel, edit, probe, clock, strokes, intervalNs);
    }

    // Baseline: the same texts, each searched directly in this thread, with the query the panel
    // makes of a text (newest first, a page of 50).
    const auto search = [&](const QString &text) {
        store::SearchQuery q;
        q.text = text;
        qint64 ns = 0;
        measure(&ns, u"search for \"%1\""_s.arg(text), [&] { return direct->search(q); });
        return ns;
    };
    for (const Stroke &s : warmup)
        search(s.text);
    Samples baseline;
    for (const Stroke &s : strokes)
        baseline.add(search(s.text));

    Table table({u"measure"_s, u"n"_s, u"p50 ms"_s, u"p95 ms"_s, u"p99 ms"_s, u"max ms"_s});
    table.addRow(percentiles(u"keystroke -> results"_s, typed.results));
    for (auto it = typed.resultsByInput.cbegin(); it != typed.resultsByInput.cend(); ++it)
        table.addRow(percentiles(u"  by %1"_s.arg(name(it.key())), *it));
    table.addRow(percentiles(u"keystroke -> paint"_s, typed.paint));
    table.addRow(percentiles(u"Store::search, direct"_s, baseline));
    table.print();
    say(u"keystrokes superseded before their results (the next key came first): %1; results without a "
        u"paint before the next key: %2; average rows shown: %3"_s.arg(typed.superseded)
            .arg(typed.unpainted)
            .arg(fixed3(typed.results.isEmpty() ? 0.0 : double(typed.rows) / double(typed.results.count()))));
    const double ratioResults = typed.results.percentileMs(50) / baseline.percentileMs(50);
    const double ratioPaint = typed.paint.percentileMs(50) / baseline.percentileMs(50);
    say(u"panel / direct search at p50: %1x to the results, %2x to the paint"_s.arg(fixed3(ratioResults),
                                                                                    fixed3(ratioPaint)));

    return JsonLine()
        .add(u"workload"_s, u"search-typing"_s)
        .add(u"messages"_s, items)
        .add(u"queries"_s, qint64(queries))
        .add(u"keystrokes"_s, qint64(strokes.size()))
        .add(u"interval_ms"_s, qint64(intervalMs))
        .add(u"superseded"_s, qint64(typed.superseded))
        .add(u"p50_ms_results"_s, typed.results.percentileMs(50))
        .add(u"p95_ms_results"_s, typed.results.percentileMs(95))
        .add(u"p99_ms_results"_s, typed.results.percentileMs(99))
        .add(u"p50_ms_paint"_s, typed.paint.percentileMs(50))
        .add(u"p95_ms_paint"_s, typed.paint.percentileMs(95))
        .add(u"p99_ms_paint"_s, typed.paint.percentileMs(99))
        .add(u"baseline_p50_ms"_s, baseline.percentileMs(50))
        .add(u"baseline_p95_ms"_s, baseline.percentileMs(95))
        .add(u"baseline_p99_ms"_s, baseline.percentileMs(99))
        .add(u"ratio_p50_results"_s, ratioResults)
        .add(u"ratio_p50_paint"_s, ratioPaint);
}

} // namespace hiscrm::bench
