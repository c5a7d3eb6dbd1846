// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/TextAnalysis.h"

#include <QTest>

#include <sqlite3.h>

using namespace hiscrm::search;
using namespace Qt::Literals::StringLiterals;

namespace {

// Tokens as readable strings: "~" marks a colocated token, "^" the suffix mark, "#" the facet mark.
QString renderToken(const QByteArray &text)
{
    QString out = QString::fromUtf8(text);
    out.replace(QChar(char16_t(kSuffixMark)), u'^');
    out.replace(QChar(char16_t(kFacetMark)), u'#');
    return out;
}

QStringList renderTokens(const QList<Token> &tokens)
{
    QStringList out;
    for (const Token &t : tokens)
        out.append((t.colocated ? u"~"_s : QString()) + renderToken(t.text));
    return out;
}

QString renderSnippet(QString snippet)
{
    snippet.replace(kHighlightOpen, u'[');
    snippet.replace(kHighlightClose, u']');
    return snippet;
}

QByteArray facets(int account)
{
    return kFacetMark + ("a" + QByteArray::number(account)) + ' ' + kFacetMark + "k0";
}

bool isWellFormed(const QString &s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].isHighSurrogate()) {
            if (i + 1 >= s.size() || !s[i + 1].isLowSurrogate())
                return false;
            ++i;
        } else if (s[i].isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

struct Collected
{
    QList<Token> tokens;
    int calls = 0;
    int failAt = -1; // the callback returns SQLITE_NOMEM on this call
};

int collectToken(void *ctx, int tflags, const char *token, int size, int start, int end)
{
    auto *c = static_cast<Collected *>(ctx);
    if (c->calls++ == c->failAt)
        return SQLITE_NOMEM;
    c->tokens.append(Token{QByteArray(token, size), start, end, (tflags & FTS5_TOKEN_COLOCATED) != 0});
    return SQLITE_OK;
}

struct Doc
{
    qint64 rowid;
    const char *text;
    int account;
};

// The corpus of the end-to-end test: every query row below states exactly which of these it finds.
const Doc kDocs[] = {
    {1, "你好世界", 1},
    {2, "你好，世界", 1},
    {3, "世界你好", 2},
    {4, "Hello World", 1},
    {5, "help me please", 2},
    {6, "The otherworldly shell", 1},
    {7, "A yellow submarine", 2},
    {8, "加我微信abc123", 1},
    {9, "微信 abc", 2},
    {10, "ＨＥＬＬＯ full-width", 3},
    {11, "联系电话 138-1234-5678", 3},
    {12, "订单号 A12345 已发货", 1},
    {13, "Café Straße", 2},
    {14, "今天天气不错", 3},
    {15, "天气预报说明天下雨", 3},
    {16, "Hello again, HELLO!", 3},
    {17, "he said hi", 1},
    {18, "信", 2},
    {19, "カタカナ テスト", 1},
    {20, "emoji 👍 thumbs up", 2},
    {21, "微 信", 1},
};

} // namespace

class TestTextAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void tokenize_data();
    void tokenize();
    void tokenOffsets_data();
    void tokenOffsets();
    void suffixLimit();
    void tokenSizeCap();
    void hugeInput();

    void ftsTokenizerDocumentMode_data();
    void ftsTokenizerDocumentMode();
    void ftsTokenizerQueryMode();
    void ftsTokenizerPropagatesErrors();
    void registerTokenizerErrors();

    void buildMatch_data();
    void buildMatch();
    void buildMatchLimits();
    void facetTokens();

    void endToEnd_data();
    void endToEnd();
    void hostileQueriesRun_data();
    void hostileQueriesRun();
    void contentlessDelete();

    void snippet_data();
    void snippet();
    void snippetFromBuildMatchTerms();

private:
    QList<qint64> search(const QByteArray &match, const char *table = "t");
    bool exec(const char *sql, bool expectFailure = false);
    bool insert(const char *table, qint64 rowid, const QByteArray &text, const QByteArray &facetText,
                bool remove = false);
    bool findTokenizer(fts5_tokenizer *tokenizer, Fts5Tokenizer **handle);

    sqlite3 *m_db = nullptr;
    QString m_lastError;
};

void TestTextAnalysis::initTestCase()
{
    QCOMPARE(sqlite3_open(":memory:", &m_db), SQLITE_OK);
    QString error;
    QVERIFY2(registerTokenizer(m_db, &error), qPrintable(error));
    QVERIFY(exec("CREATE VIRTUAL TABLE t USING fts5(text, facets, content='', tokenize='hiscrm')"));
    QVERIFY(exec("BEGIN"));
    for (const Doc &doc : kDocs)
        QVERIFY2(insert("t", doc.rowid, QByteArray(doc.text), facets(doc.account)), qPrintable(m_lastError));
    QVERIFY(exec("COMMIT"));
}

void TestTextAnalysis::cleanupTestCase()
{
    sqlite3_close(m_db);
    m_db = nullptr;
}

bool TestTextAnalysis::exec(const char *sql, bool expectFailure)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    m_lastError = QString::fromUtf8(message ? message : "");
    sqlite3_free(message);
    if (rc != SQLITE_OK && !expectFailure)
        qWarning("%s: %s", sql, qPrintable(m_lastError));
    return rc == SQLITE_OK;
}

bool TestTextAnalysis::insert(const char *table, qint64 rowid, const QByteArray &text,
                              const QByteArray &facetText, bool remove)
{
    const QByteArray sql =
        remove ? "INSERT INTO " + QByteArray(table) + "(" + table +
                     ", rowid, text, facets) VALUES('delete', ?1, ?2, ?3)"
               : "INSERT INTO " + QByteArray(table) + "(rowid, text, facets) VALUES(?1, ?2, ?3)";
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(stmt, 1, rowid);
        sqlite3_bind_text(stmt, 2, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 3, facetText.constData(), int(facetText.size()), SQLITE_TRANSIENT);
        rc = sqlite3_step(stmt);
    }
    m_lastError = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}

// Returns the matching rowids, newest first; sets m_lastError (empty on success).
QList<qint64> TestTextAnalysis::search(const QByteArray &match, const char *table)
{
    m_lastError.clear();
    const QByteArray sql =
        "SELECT rowid FROM " + QByteArray(table) + " WHERE " + table + " MATCH ?1 ORDER BY rowid DESC";
    sqlite3_stmt *stmt = nullptr;
    QList<qint64> rows;
    int rc = sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, match.constData(), int(match.size()), SQLITE_TRANSIENT);
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
            rows.append(sqlite3_column_int64(stmt, 0));
    }
    if (rc != SQLITE_DONE)
        m_lastError = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_finalize(stmt);
    return rows;
}

bool TestTextAnalysis::findTokenizer(fts5_tokenizer *tokenizer, Fts5Tokenizer **handle)
{
    fts5_api *api = nullptr;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK)
        return false;
    sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    void *context = nullptr;
    if (!api || api->xFindTokenizer(api, "hiscrm", &context, tokenizer) != SQLITE_OK)
        return false;
    return tokenizer->xCreate(context, nullptr, 0, handle) == SQLITE_OK;
}

// ---------------------------------------------------------------------------------------------
// Document tokens

void TestTextAnalysis::tokenize_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << QByteArray() << QStringList();
    QTest::newRow("punctuation only")
        << QByteArray("!?,.;:()[]{}<>@$%&*'\"-+=/\\|~` \t\r\n") << QStringList();
    QTest::newRow("english word with suffixes")
        << QByteArray("Hello") << QStringList{u"hello"_s, u"~^ello"_s, u"~^llo"_s};
    QTest::newRow("three-letter word has no suffix") << QByteArray("the") << QStringList{u"the"_s};
    QTest::newRow("short words") << QByteArray("a an the") << QStringList{u"a"_s, u"an"_s, u"the"_s};
    QTest::newRow("two words") << QByteArray("hello world")
                               << QStringList{u"hello"_s, u"~^ello"_s, u"~^llo"_s,
                                              u"world"_s, u"~^orld"_s, u"~^rld"_s};
    QTest::newRow("punctuation splits words")
        << QByteArray("hi,there!how") << QStringList{u"hi"_s, u"there"_s, u"~^here"_s, u"~^ere"_s, u"how"_s};
    QTest::newRow("upper case folds") << QByteArray("ABC xYz") << QStringList{u"abc"_s, u"xyz"_s};
    QTest::newRow("full-width folds to ascii")
        << QByteArray("Ｈｅｌｌｏ０１")
        << QStringList{u"hello01"_s, u"~^ello01"_s, u"~^llo01"_s, u"~^lo01"_s, u"~^o01"_s};
    QTest::newRow("full-width punctuation separates")
        << QByteArray("ａｂｃ！ｘｙｚ（１）") << QStringList{u"abc"_s, u"xyz"_s, u"1"_s};
    QTest::newRow("non-ascii case folding")
        << QByteArray("ÄÖÜ ΟΔΟΣ") << QStringList{u"äöü"_s, u"οδοσ"_s, u"~^δοσ"_s};
    QTest::newRow("final sigma folds") << QByteArray("οδος") << QStringList{u"οδοσ"_s, u"~^δοσ"_s};
    QTest::newRow("chinese run") << QByteArray("你好世界")
                                 << QStringList{u"你"_s, u"~你好"_s, u"好"_s, u"~好世"_s,
                                                u"世"_s, u"~世界"_s, u"界"_s};
    QTest::newRow("single chinese char") << QByteArray("好") << QStringList{u"好"_s};
    QTest::newRow("chinese punctuation separates runs")
        << QByteArray("你好，世界。")
        << QStringList{u"你"_s, u"~你好"_s, u"好"_s, u"世"_s, u"~世界"_s, u"界"_s};
    QTest::newRow("cjk then word") << QByteArray("微信abc")
                                   << QStringList{u"微"_s, u"~微信"_s, u"信"_s, u"abc"_s};
    QTest::newRow("word then cjk") << QByteArray("abc微信")
                                   << QStringList{u"abc"_s, u"微"_s, u"~微信"_s, u"信"_s};
    QTest::newRow("digits and cjk") << QByteArray("2024年3月")
                                    << QStringList{u"2024"_s, u"~^024"_s, u"年"_s, u"3"_s, u"月"_s};
    QTest::newRow("kana and hangul") << QByteArray("カタカナ 한국어")
                                     << QStringList{u"カ"_s,    u"~カタ"_s, u"タ"_s,    u"~タカ"_s,
                                                    u"カ"_s,    u"~カナ"_s, u"ナ"_s,    u"한"_s,
                                                    u"~한국"_s, u"국"_s,    u"~국어"_s, u"어"_s};
    QTest::newRow("katakana middle dot separates") << QByteArray("ア・イ") << QStringList{u"ア"_s, u"イ"_s};
    QTest::newRow("iteration mark stays in the run")
        << QByteArray("人々") << QStringList{u"人"_s, u"~人々"_s, u"々"_s};
    QTest::newRow("supplementary han") << QByteArray("𠀀𠀁") << QStringList{u"𠀀"_s, u"~𠀀𠀁"_s, u"𠀁"_s};
    QTest::newRow("emoji separates") << QByteArray("ok👍🏻go") << QStringList{u"ok"_s, u"go"_s};
    QTest::newRow("emoji variation selector is no token") << QByteArray("👍️ok") << QStringList{u"ok"_s};
    QTest::newRow("keycap emoji") << QByteArray("1️⃣ go") << QStringList{u"1"_s, u"go"_s};
    QTest::newRow("ideographic variation selector keeps the bigram")
        << QByteArray("葛\xf3\xa0\x84\x80城") << QStringList{u"葛"_s, u"~葛城"_s, u"城"_s};
    QTest::newRow("soft hyphen joins") << QByteArray("co\xc2\xad"
                                                     "op")
                                       << QStringList{u"coop"_s, u"~^oop"_s};
    QTest::newRow("combining marks join the word")
        << QByteArray("cafe\xcc\x81") << QStringList{u"cafe\u0301"_s, u"~^afe\u0301"_s, u"~^fe\u0301"_s};
    QTest::newRow("leading combining mark separates") << QByteArray("\xcc\x81"
                                                                    "abc")
                                                      << QStringList{u"abc"_s};
    QTest::newRow("control chars separate") << QByteArray("a\x01"
                                                          "b\x02"
                                                          "c\x00"
                                                          "d",
                                                          7)
                                            << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s};
    QTest::newRow("invalid byte") << QByteArray("ab\xff"
                                                "cd")
                                  << QStringList{u"ab"_s, u"cd"_s};
    QTest::newRow("stray continuation bytes") << QByteArray("\x80\xbf"
                                                            "ab\x80")
                                              << QStringList{u"ab"_s};
    QTest::newRow("overlong encodings") << QByteArray("a\xc0\xaf"
                                                      "b\xe0\x80\xaf"
                                                      "c\xc1\xbf"
                                                      "d")
                                        << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s};
    QTest::newRow("utf-8 encoded surrogate") << QByteArray("a\xed\xa0\x80"
                                                           "b")
                                             << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80"
                                                   "x\xf8\x88\x80\x80\x80"
                                                   "y")
                                     << QStringList{u"x"_s, u"y"_s};
    QTest::newRow("truncated sequence at end") << QByteArray("ab\xe4\xbd") << QStringList{u"ab"_s};
    QTest::newRow("truncated sequence before text") << QByteArray("\xe4\xbd"
                                                                  "abc")
                                                    << QStringList{u"abc"_s};
    QTest::newRow("invalid bytes inside chinese") << QByteArray("你\xff好") << QStringList{u"你"_s, u"好"_s};
    QTest::newRow("facets") << QByteArray("\x1f"
                                          "a42 \x1f"
                                          "c7 \x1f"
                                          "k0")
                            << QStringList{u"#a42"_s, u"#c7"_s, u"#k0"_s};
    QTest::newRow("facet is verbatim and never split") << QByteArray("\x1f"
                                                                     "Abc-Ü,x微信")
                                                       << QStringList{u"#Abc-Ü,x微信"_s};
    QTest::newRow("facet glued to a word")
        << QByteArray("hi\x1f"
                      "a1 there")
        << QStringList{u"hi"_s, u"#a1"_s, u"there"_s, u"~^here"_s, u"~^ere"_s};
    QTest::newRow("facet ends at a tab") << QByteArray("\x1f"
                                                       "a1\tb")
                                         << QStringList{u"#a1"_s, u"b"_s};
    QTest::newRow("lone facet mark") << QByteArray("\x1f") << QStringList{u"#"_s};
    QTest::newRow("suffix mark in a document separates") << QByteArray("\x01"
                                                                       "abc")
                                                         << QStringList{u"abc"_s};

    QStringList expected24{u"abcdefghijklmnopqrstuvwx"_s};
    for (int k = 1; k <= 21; ++k)
        expected24.append(u"~^"_s + expected24.front().mid(k));
    QTest::newRow("24-letter word gets every suffix") << QByteArray("ABCDEFGHIJKLMNOPQRSTUVWX") << expected24;
    QTest::newRow("25-letter word gets none")
        << QByteArray("abcdefghijklmnopqrstuvwxy") << QStringList{u"abcdefghijklmnopqrstuvwxy"_s};
}

void TestTextAnalysis::tokenize()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QCOMPARE(renderTokens(tokenizeDocument(input)), expected);
}

void TestTextAnalysis::tokenOffsets_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected"); // token=the input bytes its offsets cover

    QTest::newRow("full-width, cjk and suffixes")
        << QByteArray("Ｈｉ你好 Hello")
        << QStringList{u"hi=Ｈｉ"_s,     u"你=你"_s,       u"~你好=你好"_s, u"好=好"_s,
                       u"hello=Hello"_s, u"~^ello=ello"_s, u"~^llo=llo"_s};
    QTest::newRow("after invalid bytes") << QByteArray("\xff\xfe"
                                                       "ab \xc3(cdé")
                                         << QStringList{u"ab=ab"_s, u"cdé=cdé"_s};
    QTest::newRow("mixed runs") << QByteArray("x微信y")
                                << QStringList{u"x=x"_s, u"微=微"_s, u"~微信=微信"_s, u"信=信"_s, u"y=y"_s};
    QTest::newRow("facet") << QByteArray("x \x1f"
                                         "a1 ")
                           << QStringList{u"x=x"_s, u"#a1=#a1"_s};
    QTest::newRow("ignorable inside a word") << QByteArray("ab\xc2\xad"
                                                           "cd")
                                             << QStringList{u"abcd=ab\u00ADcd"_s, u"~^bcd=b\u00ADcd"_s};
    QTest::newRow("supplementary characters")
        << QByteArray("😀𠀀𠀁") << QStringList{u"𠀀=𠀀"_s, u"~𠀀𠀁=𠀀𠀁"_s, u"𠀁=𠀁"_s};
}

void TestTextAnalysis::tokenOffsets()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QStringList actual;
    for (const Token &t : tokenizeDocument(input)) {
        QVERIFY(t.start >= 0 && t.start < t.end && t.end <= input.size());
        actual.append((t.colocated ? u"~"_s : QString()) + renderToken(t.text) + u'=' +
                      renderToken(input.mid(t.start, t.end - t.start)));
    }
    QCOMPARE(actual, expected);
}

void TestTextAnalysis::suffixLimit()
{
    const QByteArray word24(kMaxSuffixWord, 'q');
    QCOMPARE(tokenizeDocument(word24).size(), 1 + kMaxSuffixWord - 3);
    QCOMPARE(tokenizeDocument(word24 + 'q').size(), 1);
    // Characters, not bytes, decide: 24 two-byte letters still get their suffixes.
    QByteArray wide;
    for (int k = 0; k < kMaxSuffixWord; ++k)
        wide += "é";
    const QList<Token> tokens = tokenizeDocument(wide);
    QCOMPARE(tokens.size(), 1 + kMaxSuffixWord - 3);
    QCOMPARE(tokens.last().text, kSuffixMark + QByteArray("ééé"));
    QCOMPARE(tokens.last().start, 2 * (kMaxSuffixWord - 3));
    QCOMPARE(tokens.last().end, 2 * kMaxSuffixWord);
}

void TestTextAnalysis::tokenSizeCap()
{
    QList<Token> tokens = tokenizeDocument(QByteArray(300, 'x'));
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens[0].text, QByteArray(256, 'x'));
    QCOMPARE(tokens[0].start, 0);
    QCOMPARE(tokens[0].end, 300);

    QByteArray thai = "ab";
    for (int k = 0; k < 100; ++k)
        thai += "ก"; // three bytes each: 256 falls inside a character
    tokens = tokenizeDocument(thai);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens[0].text.size(), 2 + 84 * 3);
    QVERIFY(QString::fromUtf8(tokens[0].text).endsWith(u"กก"_s));
    QCOMPARE(QString::fromUtf8(tokens[0].text).toUtf8(), tokens[0].text);

    tokens = tokenizeDocument(kFacetMark + thai);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens[0].text.size(), 1 + 2 + 84 * 3);
    QCOMPARE(tokens[0].end, thai.size() + 1);

    tokens = tokenizeDocument(kFacetMark + QByteArray(300, 'a'));
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens[0].text.size(), 256);
}

void TestTextAnalysis::hugeInput()
{
    const QByteArray word(1 << 20, 'z');
    QCOMPARE(tokenizeDocument(word).size(), 1);

    QByteArray han;
    for (int k = 0; k < 100000; ++k)
        han += "中";
    const QList<Token> tokens = tokenizeDocument(han);
    QCOMPARE(tokens.size(), 2 * 100000 - 1);
    QCOMPARE(tokens.last().start, 3 * 99999);

    QByteArray garbage(1 << 16, '\0');
    for (int k = 0; k < garbage.size(); ++k)
        garbage[k] = char(0x80 + (k * 37) % 0x80);
    for (const Token &t : tokenizeDocument(garbage))
        QVERIFY(!t.text.isEmpty());
}

// ---------------------------------------------------------------------------------------------
// The FTS5 tokenizer itself

void TestTextAnalysis::ftsTokenizerDocumentMode_data()
{
    tokenize_data();
}

void TestTextAnalysis::ftsTokenizerDocumentMode()
{
    QFETCH(QByteArray, input);
    fts5_tokenizer tokenizer{};
    Fts5Tokenizer *handle = nullptr;
    QVERIFY(findTokenizer(&tokenizer, &handle));
    const QList<Token> expected = tokenizeDocument(input);
    for (const int flags : {FTS5_TOKENIZE_DOCUMENT, FTS5_TOKENIZE_AUX}) {
        Collected collected;
        QCOMPARE(tokenizer.xTokenize(handle, &collected, flags, input.constData(), int(input.size()),
                                     collectToken),
                 SQLITE_OK);
        QCOMPARE(collected.tokens.size(), expected.size());
        for (qsizetype k = 0; k < expected.size(); ++k) {
            QCOMPARE(collected.tokens[k].text, expected[k].text);
            QCOMPARE(collected.tokens[k].start, expected[k].start);
            QCOMPARE(collected.tokens[k].end, expected[k].end);
            QCOMPARE(collected.tokens[k].colocated, expected[k].colocated);
        }
        if (!expected.isEmpty())
            QVERIFY(!collected.tokens.front().colocated);
    }
    tokenizer.xDelete(handle);
}

void TestTextAnalysis::ftsTokenizerQueryMode()
{
    fts5_tokenizer tokenizer{};
    Fts5Tokenizer *handle = nullptr;
    QVERIFY(findTokenizer(&tokenizer, &handle));
    const QByteArray query = kSuffixMark + QByteArray("Hello 你好, World");
    for (const int flags : {FTS5_TOKENIZE_QUERY, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX}) {
        Collected collected;
        QCOMPARE(tokenizer.xTokenize(handle, &collected, flags, query.constData(), int(query.size()),
                                     collectToken),
                 SQLITE_OK);
        QCOMPARE(collected.tokens.size(), 1);
        QCOMPARE(collected.tokens[0].text, query);
        QCOMPARE(collected.tokens[0].start, 0);
        QCOMPARE(collected.tokens[0].end, query.size());
        QVERIFY(!collected.tokens[0].colocated);

        Collected none;
        QCOMPARE(tokenizer.xTokenize(handle, &none, flags, "", 0, collectToken), SQLITE_OK);
        QCOMPARE(none.calls, 0);
    }
    tokenizer.xDelete(handle);
}

void TestTextAnalysis::ftsTokenizerPropagatesErrors()
{
    fts5_tokenizer tokenizer{};
    Fts5Tokenizer *handle = nullptr;
    QVERIFY(findTokenizer(&tokenizer, &handle));
    const QByteArray text("hello 你好 \x1f"
                          "a1 world");
    const int total = int(tokenizeDocument(text).size());
    for (int failAt = 0; failAt < total; ++failAt) {
        Collected collected;
        collected.failAt = failAt;
        QCOMPARE(tokenizer.xTokenize(handle, &collected, FTS5_TOKENIZE_DOCUMENT, text.constData(),
                                     int(text.size()), collectToken),
                 SQLITE_NOMEM);
        QCOMPARE(collected.calls, failAt + 1);
    }
    Collected collected;
    collected.failAt = 0;
    QCOMPARE(tokenizer.xTokenize(handle, &collected, FTS5_TOKENIZE_QUERY, "x", 1, collectToken),
             SQLITE_NOMEM);
    tokenizer.xDelete(handle);
}

void TestTextAnalysis::registerTokenizerErrors()
{
    QString error;
    QVERIFY(!registerTokenizer(nullptr, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!registerTokenizer(nullptr, nullptr));

    // Registering again on the same connection is harmless.
    QVERIFY(registerTokenizer(m_db, nullptr));

    // The tokenizer takes no arguments: a table declaring some is a mistake worth an error.
    QVERIFY(!exec("CREATE VIRTUAL TABLE bad USING fts5(x, tokenize='hiscrm porter')", true));
}

// ---------------------------------------------------------------------------------------------
// Query building

void TestTextAnalysis::buildMatch_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("match");
    QTest::addColumn<QStringList>("terms");

    const QByteArray s(1, kSuffixMark);

    QTest::newRow("empty") << QString() << QByteArray() << QStringList();
    QTest::newRow("whitespace only") << u"  \t\n\u3000\u00a0 "_s << QByteArray() << QStringList();
    QTest::newRow("punctuation only") << u"!!! ,,, （） 👍"_s << QByteArray() << QStringList();
    QTest::newRow("1-char word is a prefix") << u"h"_s << QByteArray("\"h\" *") << QStringList{u"h"_s};
    QTest::newRow("2-char word is a prefix") << u"He"_s << QByteArray("\"he\" *") << QStringList{u"he"_s};
    QTest::newRow("3-char word is a substring")
        << u"Hel"_s << QByteArray("(\"hel\" * OR \"" + s + "hel\" *)") << QStringList{u"hel"_s};
    QTest::newRow("word is a substring")
        << u"Hello"_s << QByteArray("(\"hello\" * OR \"" + s + "hello\" *)") << QStringList{u"hello"_s};
    QTest::newRow("24-char word is a substring")
        << u"abcdefghijklmnopqrstuvwx"_s
        << QByteArray("(\"abcdefghijklmnopqrstuvwx\" * OR \"" + s + "abcdefghijklmnopqrstuvwx\" *)")
        << QStringList{u"abcdefghijklmnopqrstuvwx"_s};
    QTest::newRow("25-char word is only a prefix")
        << u"abcdefghijklmnopqrstuvwxy"_s << QByteArray("\"abcdefghijklmnopqrstuvwxy\" *")
        << QStringList{u"abcdefghijklmnopqrstuvwxy"_s};
    QTest::newRow("full-width word folds")
        << u"ＨＥＬＬＯ"_s << QByteArray("(\"hello\" * OR \"" + s + "hello\" *)") << QStringList{u"hello"_s};
    QTest::newRow("surrounding punctuation dropped")
        << u"(hello),"_s << QByteArray("(\"hello\" * OR \"" + s + "hello\" *)") << QStringList{u"hello"_s};
    QTest::newRow("1 chinese char") << u"好"_s << QByteArray("\"好\"") << QStringList{u"好"_s};
    QTest::newRow("2 chinese chars are one bigram")
        << u"你好"_s << QByteArray("\"你好\"") << QStringList{u"你好"_s};
    QTest::newRow("3 chinese chars") << u"天下雨"_s << QByteArray("\"天下\" + \"下雨\"")
                                     << QStringList{u"天下雨"_s};
    QTest::newRow("4 chinese chars") << u"你好世界"_s << QByteArray("\"你好\" + \"好世\" + \"世界\"")
                                     << QStringList{u"你好世界"_s};
    QTest::newRow("cjk then word") << u"微信ABC"_s << QByteArray("\"微信\" + \"信\" + \"abc\" *")
                                   << QStringList{u"微信abc"_s};
    QTest::newRow("word then cjk") << u"abc微信"_s << QByteArray("\"abc\" + \"微信\"")
                                   << QStringList{u"abc微信"_s};
    QTest::newRow("one cjk char between words")
        << u"a微b"_s << QByteArray("\"a\" + \"微\" + \"b\" *") << QStringList{u"a微b"_s};
    QTest::newRow("three runs with a long cjk run")
        << u"x你好世y"_s << QByteArray("\"x\" + \"你好\" + \"好世\" + \"世\" + \"y\" *")
        << QStringList{u"x你好世y"_s};
    QTest::newRow("cjk runs split by punctuation")
        << u"你好，世界"_s << QByteArray("\"你好\" + \"好\" + \"世界\"") << QStringList{u"你好,世界"_s};
    QTest::newRow("phone number") << u"138-1234"_s << QByteArray("\"138\" + \"1234\" *")
                                  << QStringList{u"138-1234"_s};
    QTest::newRow("two terms") << u"Hello 你好"_s
                               << QByteArray("(\"hello\" * OR \"" + s + "hello\" *) AND \"你好\"")
                               << QStringList{u"hello"_s, u"你好"_s};
    QTest::newRow("ideographic space splits terms")
        << u"你好\u3000世界"_s << QByteArray("\"你好\" AND \"世界\"") << QStringList{u"你好"_s, u"世界"_s};
    QTest::newRow("term without tokens is dropped")
        << u"hi !!! 好"_s << QByteArray("\"hi\" * AND \"好\"") << QStringList{u"hi"_s, u"好"_s};

    // Hostile input: everything FTS5 could read as syntax ends up inside quotes or is dropped.
    QTest::newRow("lone quote") << u"\""_s << QByteArray() << QStringList();
    QTest::newRow("unbalanced quote")
        << u"\"hello"_s << QByteArray("(\"hello\" * OR \"" + s + "hello\" *)") << QStringList{u"hello"_s};
    QTest::newRow("quote inside a word")
        << u"he\"llo"_s << QByteArray("\"he\" + \"llo\" *") << QStringList{u"he\"llo"_s};
    QTest::newRow("star") << u"*"_s << QByteArray() << QStringList();
    QTest::newRow("trailing star") << u"hel*"_s << QByteArray("(\"hel\" * OR \"" + s + "hel\" *)")
                                   << QStringList{u"hel"_s};
    QTest::newRow("boolean keywords are words")
        << u"a AND b"_s << QByteArray("\"a\" * AND (\"and\" * OR \"" + s + "and\" *) AND \"b\" *")
        << QStringList{u"a"_s, u"and"_s, u"b"_s};
    QTest::newRow("OR and NOT") << u"OR NOT"_s << QByteArray("\"or\" * AND (\"not\" * OR \"" + s + "not\" *)")
                                << QStringList{u"or"_s, u"not"_s};
    QTest::newRow("NEAR group") << u"NEAR(a b)"_s << QByteArray("\"near\" + \"a\" * AND \"b\" *")
                                << QStringList{u"near(a"_s, u"b"_s};
    QTest::newRow("minus and parentheses") << u"-(x)"_s << QByteArray("\"x\" *") << QStringList{u"x"_s};
    QTest::newRow("column filter") << u"text:abc"_s << QByteArray("\"text\" + \"abc\" *")
                                   << QStringList{u"text:abc"_s};
    QTest::newRow("caret and plus") << u"^a + b"_s << QByteArray("\"a\" * AND \"b\" *")
                                    << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("typed facet mark is punctuation")
        << (QChar(0x1f) + u"a42"_s) << QByteArray("(\"a42\" * OR \"" + s + "a42\" *)")
        << QStringList{u"a42"_s};
    QTest::newRow("typed suffix mark is punctuation")
        << (QChar(0x01) + u"ello"_s) << QByteArray("(\"ello\" * OR \"" + s + "ello\" *)")
        << QStringList{u"ello"_s};
    QTest::newRow("nul character") << (u"ab"_s + QChar(0) + u"cd"_s) << QByteArray("\"ab\" + \"cd\" *")
                                   << QStringList{u"ab"_s + QChar(0) + u"cd"_s};
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) << QByteArray() << QStringList();
    QTest::newRow("lone surrogate in a word")
        << (u"ab"_s + QChar(0xDC00) + u"cd"_s)
        << QByteArray("\"ab\" + \"cd\" *")
        // Qt replaces the lone surrogate when converting to UTF-8; whatever it becomes, it separates.
        << QStringList{u"ab"_s + QString::fromUtf8(QString(QChar(0xDC00)).toUtf8()) + u"cd"_s};
    QTest::newRow("sql injection") << u"'; DROP TABLE t; --"_s
                                   << QByteArray("(\"drop\" * OR \"" + s +
                                                 "drop\" *) AND (\"table\" * OR \"" + s +
                                                 "table\" *) AND \"t\" *")
                                   << QStringList{u"drop"_s, u"table"_s, u"t"_s};
}

void TestTextAnalysis::buildMatch()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, match);
    QFETCH(QStringList, terms);
    const MatchPlan plan = hiscrm::search::buildMatch(input);
    QCOMPARE(plan.match, match);
    QCOMPARE(plan.terms, terms);
}

void TestTextAnalysis::buildMatchLimits()
{
    // 10 KB of words: only the first 16 terms count.
    QString words;
    for (int k = 0; words.size() < 10240; ++k)
        words += u"w%1 "_s.arg(k);
    MatchPlan plan = hiscrm::search::buildMatch(words);
    QCOMPARE(plan.terms.size(), 16);
    QCOMPARE(plan.terms.front(), u"w0"_s);
    QCOMPARE(plan.terms.back(), u"w15"_s);
    QCOMPARE(plan.match.count(" AND "), 15);

    // One 10 KB word: cut at 1,000 characters, its token at 256 bytes like the index's.
    plan = hiscrm::search::buildMatch(QString(10240, u'x'));
    QCOMPARE(plan.match, '"' + QByteArray(256, 'x') + "\" *");
    QCOMPARE(plan.terms, QStringList{QString(1000, u'x')});

    // 10 KB of Chinese: 1,000 characters, 999 bigrams.
    plan = hiscrm::search::buildMatch(QString(10240, QChar(0x4E2D)));
    QCOMPARE(plan.match.count(" + "), 998);

    // The cut never leaves half a surrogate pair.
    plan = hiscrm::search::buildMatch(QString(999, u'a') + u"😀"_s);
    QCOMPARE(plan.terms.size(), 1);
    QVERIFY(isWellFormed(plan.terms.front()));
    QCOMPARE(plan.terms.front().size(), 999);
}

void TestTextAnalysis::facetTokens()
{
    QCOMPARE(facetToken('a', 42), QByteArray("\"\x1f"
                                             "a42\""));
    QCOMPARE(facetToken('c', 0), QByteArray("\"\x1f"
                                            "c0\""));
    QCOMPARE(facetToken('c', -7), QByteArray("\"\x1f"
                                             "c-7\""));
    QCOMPARE(facetToken('c', Q_INT64_C(9007199254740993)), QByteArray("\"\x1f"
                                                                      "c9007199254740993\""));
    QCOMPARE(facetToken('p', u"WeChat"_s), QByteArray("\"\x1f"
                                                      "pwechat\""));
    QCOMPARE(facetToken('p', u"We Chat-2_x\"微"_s), QByteArray("\"\x1f"
                                                               "pwechat2_x\""));
    QCOMPARE(facetToken('p', QString()), QByteArray("\"\x1f"
                                                    "p\""));

    // What facetToken() asks for is exactly what the document tokenizer makes of the stored text.
    const QList<Token> tokens = tokenizeDocument(QByteArray("\x1f"
                                                            "a42 \x1f"
                                                            "pwechat"));
    QCOMPARE(tokens.size(), 2);
    QCOMPARE('"' + tokens[0].text + '"', facetToken('a', 42));
    QCOMPARE('"' + tokens[1].text + '"', facetToken('p', u"WeChat"_s));
}

// ---------------------------------------------------------------------------------------------
// End to end: a real FTS5 table with the tokenizer

void TestTextAnalysis::endToEnd_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("account"); // 0: no facet restriction
    QTest::addColumn<QList<qint64>>("expected");

    using Rows = QList<qint64>;
    QTest::newRow("1-char chinese") << u"信"_s << 0 << Rows{21, 18, 9, 8};
    QTest::newRow("1-char chinese, other char") << u"微"_s << 0 << Rows{21, 9, 8};
    QTest::newRow("2-char chinese needs adjacency") << u"微信"_s << 0 << Rows{9, 8};
    QTest::newRow("2-char chinese") << u"你好"_s << 0 << Rows{3, 2, 1};
    QTest::newRow("4-char chinese phrase only when adjacent") << u"你好世界"_s << 0 << Rows{1};
    QTest::newRow("3-char chinese phrase") << u"天下雨"_s << 0 << Rows{15};
    QTest::newRow("4-char chinese phrase inside a run") << u"明天下雨"_s << 0 << Rows{15};
    QTest::newRow("chinese in two runs") << u"天气"_s << 0 << Rows{15, 14};
    QTest::newRow("english word, also inside longer words") << u"world"_s << 0 << Rows{6, 4};
    QTest::newRow("english 2-char prefix") << u"he"_s << 0 << Rows{17, 16, 10, 5, 4};
    QTest::newRow("english 3-char substring") << u"hel"_s << 0 << Rows{16, 10, 6, 5, 4};
    QTest::newRow("english mid-word substring") << u"ello"_s << 0 << Rows{16, 10, 7, 4};
    QTest::newRow("case-insensitive") << u"HELLO"_s << 0 << Rows{16, 10, 4};
    QTest::newRow("full-width query") << u"ｈｅｌｌｏ"_s << 0 << Rows{16, 10, 4};
    QTest::newRow("full-width document") << u"FULL"_s << 0 << Rows{10};
    QTest::newRow("accented word") << u"CAFÉ"_s << 0 << Rows{13};
    QTest::newRow("sharp s") << u"straße"_s << 0 << Rows{13};
    QTest::newRow("katakana bigram") << u"タカ"_s << 0 << Rows{19};
    QTest::newRow("katakana phrase") << u"テスト"_s << 0 << Rows{19};
    QTest::newRow("digits inside a code") << u"2345"_s << 0 << Rows{12};
    QTest::newRow("letters and digits") << u"a123"_s << 0 << Rows{12};
    QTest::newRow("mixed term") << u"微信abc"_s << 0 << Rows{9, 8};
    QTest::newRow("mixed term, prefix on the last word") << u"微信abc1"_s << 0 << Rows{8};
    QTest::newRow("mixed term, 1-char cjk run") << u"信abc"_s << 0 << Rows{9, 8};
    QTest::newRow("mixed term, word then cjk") << u"abc123"_s << 0 << Rows{8};
    QTest::newRow("phone number start") << u"138-1234"_s << 0 << Rows{11};
    QTest::newRow("phone number end") << u"1234-5678"_s << 0 << Rows{11};
    QTest::newRow("phone number out of order") << u"5678-1234"_s << 0 << Rows{};
    QTest::newRow("multi-term AND, english") << u"hello world"_s << 0 << Rows{4};
    QTest::newRow("multi-term AND, chinese") << u"天气 明天"_s << 0 << Rows{15};
    QTest::newRow("multi-term AND, mixed") << u"hello 你好"_s << 0 << Rows{};
    QTest::newRow("emoji only finds nothing") << u"👍"_s << 0 << Rows{};
    QTest::newRow("word next to an emoji") << u"thumbs"_s << 0 << Rows{20};
    QTest::newRow("no match") << u"xyz"_s << 0 << Rows{};
    QTest::newRow("typed facet mark is not a facet") << (QChar(0x1f) + u"k0"_s) << 0 << Rows{};
    QTest::newRow("typed suffix mark is not a suffix")
        << (QChar(0x01) + u"ello"_s) << 0 << Rows{16, 10, 7, 4};
    QTest::newRow("facet restricts english") << u"hello"_s << 1 << Rows{4};
    QTest::newRow("facet restricts english, other account") << u"hello"_s << 3 << Rows{16, 10};
    QTest::newRow("facet restricts chinese") << u"信"_s << 2 << Rows{18, 9};
    QTest::newRow("facet alone") << QString() << 3 << Rows{16, 15, 14, 11, 10};
}

void TestTextAnalysis::endToEnd()
{
    QFETCH(QString, query);
    QFETCH(int, account);
    QFETCH(QList<qint64>, expected);

    QByteArray match = hiscrm::search::buildMatch(query).match;
    if (account != 0)
        match = match.isEmpty() ? facetToken('a', account) : match + " AND " + facetToken('a', account);
    if (match.isEmpty()) {
        QVERIFY(expected.isEmpty());
        return;
    }
    const QList<qint64> rows = search(match);
    QVERIFY2(m_lastError.isEmpty(), qPrintable(m_lastError));
    QCOMPARE(rows, expected);
}

void TestTextAnalysis::hostileQueriesRun_data()
{
    QTest::addColumn<QString>("query");
    const QStringList hostile{
        u"\""_s,
        u"\"\""_s,
        u"\"hello"_s,
        u"hello\""_s,
        u"he\"llo\"world"_s,
        u"*"_s,
        u"hel*"_s,
        u"* *"_s,
        u"\"*\""_s,
        u"NEAR(a b)"_s,
        u"NEAR(a b, 2)"_s,
        u"NEAR"_s,
        u"a AND b"_s,
        u"AND"_s,
        u"OR"_s,
        u"NOT"_s,
        u"NOT hello"_s,
        u"hello NOT"_s,
        u"-hello"_s,
        u"+"_s,
        u"a + b"_s,
        u"("_s,
        u")"_s,
        u"((a)"_s,
        u"(a))"_s,
        u"^abc"_s,
        u"text:abc"_s,
        u"{text facets}:x"_s,
        u"-text:x"_s,
        u"'; DROP TABLE t; --"_s,
        u"\\\"\\"_s,
        u"微信\"abc"_s,
        u"\"你好\" OR \"世界\""_s,
        QString(QChar(0xD800)),
        u"ab"_s + QChar(0xDFFF) + u"cd"_s,
        QChar(0x1f) + u"a1"_s,
        QString(QChar(0)),
        u"\u3000"_s,
    };
    for (const QString &q : hostile)
        QTest::newRow(qPrintable(u"hostile "_s + q)) << q;

    QString longText;
    while (longText.size() < 10240)
        longText += u"hello \"world\" NEAR(你好 世界) AND -x* OR "_s;
    QTest::newRow("10 KB mixed") << longText;
    QTest::newRow("10 KB one word") << QString(10240, u'q');
    QTest::newRow("10 KB chinese") << QString(10240, QChar(0x4E2D));
}

void TestTextAnalysis::hostileQueriesRun()
{
    QFETCH(QString, query);
    const MatchPlan plan = hiscrm::search::buildMatch(query);
    if (plan.match.isEmpty())
        return;
    search(plan.match);
    QVERIFY2(m_lastError.isEmpty(), qPrintable(m_lastError + u" for "_s + QString::fromUtf8(plan.match)));
    search(plan.match + " AND " + facetToken('a', 1));
    QVERIFY2(m_lastError.isEmpty(), qPrintable(m_lastError));
}

void TestTextAnalysis::contentlessDelete()
{
    QVERIFY(exec("CREATE VIRTUAL TABLE d USING fts5(text, facets, content='', tokenize='hiscrm')"));
    const QByteArray keep("今天天气不错 hello");
    const QByteArray gone("删除测试 removable Hello 微信abc");
    QVERIFY(insert("d", 1, keep, facets(1)));
    QVERIFY(insert("d", 2, gone, facets(2)));

    const QByteArray removable = hiscrm::search::buildMatch(u"movab"_s).match;
    const QByteArray cjk = hiscrm::search::buildMatch(u"删除"_s).match;
    const QByteArray hello = hiscrm::search::buildMatch(u"hello"_s).match;
    QCOMPARE(search(removable, "d"), QList<qint64>{2});
    QCOMPARE(search(cjk, "d"), QList<qint64>{2});
    QCOMPARE(search(hello, "d"), (QList<qint64>{2, 1}));
    QCOMPARE(search(facetToken('a', 2), "d"), QList<qint64>{2});

    QVERIFY2(insert("d", 2, gone, facets(2), true), qPrintable(m_lastError));
    QCOMPARE(search(removable, "d"), QList<qint64>{});
    QCOMPARE(search(cjk, "d"), QList<qint64>{});
    QCOMPARE(search(facetToken('a', 2), "d"), QList<qint64>{});
    QCOMPARE(search(hello, "d"), QList<qint64>{1});
    QCOMPARE(search(facetToken('k', 0), "d"), QList<qint64>{1});
    QVERIFY(m_lastError.isEmpty());

    QVERIFY(exec("INSERT INTO d(d) VALUES('integrity-check')"));
    QVERIFY(exec("DROP TABLE d"));
}

// ---------------------------------------------------------------------------------------------
// Snippets

void TestTextAnalysis::snippet_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("terms");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<QString>("expected"); // [ and ] stand for the highlight markers

    QTest::newRow("word") << u"Say Hello to everyone"_s << QStringList{u"hello"_s} << 64
                          << u"Say [Hello] to everyone"_s;
    QTest::newRow("mid-word substring")
        << u"A yellow submarine"_s << QStringList{u"ello"_s} << 64 << u"A y[ello]w submarine"_s;
    QTest::newRow("case-insensitive and full-width")
        << u"ＨＥＬＬＯ world"_s << QStringList{u"hello"_s} << 64 << u"[ＨＥＬＬＯ] world"_s;
    QTest::newRow("unfolded term") << u"hello world"_s << QStringList{u"WORLD"_s} << 64 << u"hello [world]"_s;
    QTest::newRow("every hit, every term") << u"hello world, hello"_s << QStringList{u"hello"_s, u"world"_s}
                                           << 64 << u"[hello] [world], [hello]"_s;
    QTest::newRow("overlapping hits merge")
        << u"xabcdefx"_s << QStringList{u"abcd"_s, u"cdef"_s} << 64 << u"x[abcdef]x"_s;
    QTest::newRow("cjk") << u"今天天气不错"_s << QStringList{u"天气"_s} << 64 << u"今天[天气]不错"_s;
    QTest::newRow("cjk single char") << u"微 信"_s << QStringList{u"信"_s} << 64 << u"微 [信]"_s;
    QTest::newRow("mixed term across a space")
        << u"加我微信 abc123"_s << QStringList{u"微信abc"_s} << 64 << u"加我[微信 abc]123"_s;
    QTest::newRow("mixed term exact")
        << u"加我微信abc123"_s << QStringList{u"微信abc"_s} << 64 << u"加我[微信abc]123"_s;
    QTest::newRow("mixed term with other punctuation")
        << u"tel 138.1234.5678"_s << QStringList{u"138-1234"_s} << 64 << u"tel [138.1234].5678"_s;
    QTest::newRow("two words need a separator")
        << u"1381234"_s << QStringList{u"138-1234"_s} << 64 << u"1381234"_s;
    QTest::newRow("ellipsis on both sides")
        << (QString(40, u'x') + u" target "_s + QString(40, u'y')) << QStringList{u"target"_s} << 20
        << (u"…xxxx [target] yyyyyyyy…"_s);
    QTest::newRow("hit near the end") << (QString(40, u'x') + u"end"_s) << QStringList{u"end"_s} << 20
                                      << (u"…"_s + QString(17, u'x') + u"[end]"_s);
    QTest::newRow("hit at the start")
        << (u"start "_s + QString(40, u'z')) << QStringList{u"start"_s} << 10 << u"[start] zzzz…"_s;
    QTest::newRow("cut whitespace is trimmed") << (QString(10, u'a') + u"   hit    "_s + QString(10, u'b'))
                                               << QStringList{u"hit"_s} << 8 << u"…[hit]…"_s;
    QTest::newRow("hit cut by the window")
        << (u"ab "_s + QString(30, u'q')) << QStringList{u"qqq"_s} << 8 << u"ab [qqqqq]…"_s;
    QTest::newRow("no hit") << u"abc def ghi"_s << QStringList{u"zzz"_s} << 5 << u"abc d…"_s;
    QTest::newRow("no terms") << u"short"_s << QStringList() << 64 << u"short"_s;
    QTest::newRow("empty and punctuation terms")
        << u"short text"_s << QStringList{QString(), u"!!"_s} << 64 << u"short text"_s;
    QTest::newRow("empty text") << QString() << QStringList{u"x"_s} << 64 << QString();
    QTest::newRow("markers in the text are stripped")
        << (u"a"_s + kHighlightOpen + u"b"_s + kHighlightClose + u"c hello"_s) << QStringList{u"hello"_s}
        << 64 << u"abc [hello]"_s;
    QTest::newRow("line breaks and tabs become spaces")
        << u"line1\nhello\tthere\r\n"_s << QStringList{u"hello"_s} << 64 << u"line1 [hello] there  "_s;
    QTest::newRow("supplementary cjk") << u"𠀀𠀁 test"_s << QStringList{u"𠀀𠀁"_s} << 64 << u"[𠀀𠀁] test"_s;
    QTest::newRow("surrogate pairs intact")
        << u"😀😀😀😀😀😀😀😀😀😀 你好 😀😀"_s << QStringList{u"你好"_s} << 6 << u"…😀 [你好] 😀…"_s;
    QTest::newRow("no hit keeps surrogate pairs") << u"😀😀😀😀"_s << QStringList{u"x"_s} << 3 << u"😀😀😀…"_s;
    QTest::newRow("variation selector inside a hit")
        << u"葛\U000E0100城市"_s << QStringList{u"葛城"_s} << 64 << u"[葛\U000E0100城]市"_s;
    QTest::newRow("zero maxChars") << u"hello"_s << QStringList{u"hello"_s} << 0 << QString();
}

void TestTextAnalysis::snippet()
{
    QFETCH(QString, text);
    QFETCH(QStringList, terms);
    QFETCH(int, maxChars);
    QFETCH(QString, expected);
    const QString snippet = makeSnippet(text, terms, maxChars);
    QVERIFY(isWellFormed(snippet));
    QCOMPARE(renderSnippet(snippet), expected);
}

void TestTextAnalysis::snippetFromBuildMatchTerms()
{
    const MatchPlan plan = hiscrm::search::buildMatch(u"ＷＯＲＬＤ  微信abc \"ell"_s);
    QCOMPARE(plan.terms, (QStringList{u"world"_s, u"微信abc"_s, u"ell"_s}));
    QCOMPARE(renderSnippet(makeSnippet(u"Hello World! 加微信 ABC"_s, plan.terms)),
             u"H[ell]o [World]! 加[微信 ABC]"_s);
}

QTEST_GUILESS_MAIN(TestTextAnalysis)
#include "TestTextAnalysis.moc"
