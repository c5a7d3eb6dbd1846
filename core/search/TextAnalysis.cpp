// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/TextAnalysis.h"

#include <QChar>
#include <QStringView>
#include <QVarLengthArray>

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <functional>
#include <utility>
#include <vector>

namespace hiscrm::search {
namespace {

// A hostile megabyte-long "word" must not become a megabyte index key.
constexpr int kMaxTokenBytes = 256;
// A pasted novel in the search box must cost no more than a short query.
constexpr qsizetype kMaxQueryChars = 1000;
constexpr qsizetype kMaxQueryTerms = 16;
constexpr int kMinSuffixChars = 3;
constexpr char16_t kEllipsis = 0x2026;

enum class Cls : unsigned char
{
    Separator,
    Word,
    Mark, // joins the word before it; on its own it separates
    Cjk,
    Ignorable, // invisible format characters: neither a character of a token nor a break between two
};

struct Folded
{
    char32_t cp; // folded code point
    Cls cls;
};

inline Folded classifyAscii(char32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return {c, Cls::Word};
    if (c >= 'A' && c <= 'Z')
        return {c + ('a' - 'A'), Cls::Word};
    return {c, Cls::Separator};
}

constexpr bool isCjk(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3FFFF)
           // 々〆〇 are Han by script: they must not cut a Han run into pieces.
           || (c >= 0x3005 && c <= 0x3007)
           // The two punctuation marks inside the Katakana block (゠ and ・) are not part of words.
           || (c >= 0x3040 && c <= 0x30FF && c != 0x30A0 && c != 0x30FB) || (c >= 0xAC00 && c <= 0xD7AF);
}

// Variation selectors, joiners and the soft hyphen: "葛󠄀城" (with an ideographic variation selector)
// and "co\u00ADoperate" must index as if the invisible character were not there.
constexpr bool isIgnorable(char32_t c)
{
    return c == 0x00AD || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

Folded classify(char32_t c)
{
    if (c < 0x80)
        return classifyAscii(c);
    if (c >= 0xFF01 && c <= 0xFF5E) // full-width ASCII: users type ＡＢＣ１２３ with a CJK input method
        return classifyAscii(c - 0xFEE0);
    if (isCjk(c))
        return {c, Cls::Cjk};
    if (isIgnorable(c))
        return {c, Cls::Ignorable};
    if (QChar::isLetterOrNumber(c))
        return {QChar::toCaseFolded(c), Cls::Word};
    // An enclosing mark (the keycap in 1️⃣) decorates a symbol; it does not spell a word.
    if (QChar::isMark(c) && QChar::category(c) != QChar::Mark_Enclosing)
        return {QChar::toCaseFolded(c), Cls::Mark};
    return {c, Cls::Separator};
}

constexpr char32_t kBadSequence = 0xFFFFFFFF;

// A malformed sequence costs exactly one byte, so whatever valid text follows it still decodes.
inline char32_t decodeUtf8(const unsigned char *s, int n, int &i)
{
    const unsigned b0 = s[i];
    int len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        ++i;
        return b0 < 0x80 ? char32_t(b0) : kBadSequence;
    }
    if (n - i < len) {
        ++i;
        return kBadSequence;
    }
    for (int k = 1; k < len; ++k) {
        const unsigned b = s[i + k];
        if ((b & 0xC0) != 0x80) {
            ++i;
            return kBadSequence;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return kBadSequence;
    }
    i += len;
    return cp;
}

inline int utf8Length(char32_t c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

inline char *putUtf8(char *p, char32_t c)
{
    if (c < 0x80) {
        *p++ = char(c);
    } else if (c < 0x800) {
        *p++ = char(0xC0 | (c >> 6));
        *p++ = char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *p++ = char(0xE0 | (c >> 12));
        *p++ = char(0x80 | ((c >> 6) & 0x3F));
        *p++ = char(0x80 | (c & 0x3F));
    } else {
        *p++ = char(0xF0 | (c >> 18));
        *p++ = char(0x80 | ((c >> 12) & 0x3F));
        *p++ = char(0x80 | ((c >> 6) & 0x3F));
        *p++ = char(0x80 | (c & 0x3F));
    }
    return p;
}

inline bool isAsciiSpace(unsigned char b)
{
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

struct SegChar
{
    char32_t cp; // folded
    int start;   // byte span in the input
    int end;
};

// Encodes as many whole characters as fit in cap bytes; returns the byte count.
int encodeChars(const SegChar *chars, qsizetype count, char *out, int cap)
{
    char *p = out;
    for (qsizetype k = 0; k < count; ++k) {
        if (p - out + utf8Length(chars[k].cp) > cap)
            break;
        p = putUtf8(p, chars[k].cp);
    }
    return int(p - out);
}

// The one segmenter behind the index, the query builder and the snippet matcher, so the three can
// never disagree about what a word is. The visitor sees words (at most kMaxTokenBytes characters
// kept, all counted), CJK characters one by one together with their left neighbour in the same
// run (so a run of any length needs no buffer), and facet chunks. A non-zero visitor result stops
// the scan and is returned: FTS5 needs its callback's error propagated unchanged.
template <typename Visitor> int segment(QByteArrayView input, bool facets, Visitor &visitor)
{
    const auto *s = reinterpret_cast<const unsigned char *>(input.data());
    const int n = int(std::min<qsizetype>(input.size(), INT_MAX));
    SegChar word[kMaxTokenBytes];
    int stored = 0;
    int total = 0;
    int wordStart = 0;
    int wordEnd = 0;
    SegChar prevCjk{0, 0, 0};
    bool inCjk = false;

    const auto flushWord = [&]() -> int {
        if (total == 0)
            return 0;
        const int rc = visitor.word(word, stored, total, wordStart, wordEnd);
        stored = 0;
        total = 0;
        return rc;
    };

    int i = 0;
    while (i < n) {
        const int start = i;
        Folded f;
        if (s[i] < 0x80) {
            if (facets && s[i] == static_cast<unsigned char>(kFacetMark)) {
                if (const int rc = flushWord())
                    return rc;
                inCjk = false;
                int j = i + 1;
                while (j < n && !isAsciiSpace(s[j]))
                    ++j;
                if (const int rc = visitor.facet(i, j))
                    return rc;
                i = j;
                continue;
            }
            f = classifyAscii(s[i]);
            ++i;
        } else {
            const char32_t cp = decodeUtf8(s, n, i);
            f = cp == kBadSequence ? Folded{0, Cls::Separator} : classify(cp);
        }

        switch (f.cls) {
        case Cls::Mark:
            if (total == 0) {
                inCjk = false;
                break;
            }
            [[fallthrough]];
        case Cls::Word:
            inCjk = false;
            if (total == 0)
                wordStart = start;
            if (stored < kMaxTokenBytes)
                word[stored++] = {f.cp, start, i};
            ++total;
            wordEnd = i;
            break;
        case Cls::Cjk: {
            if (const int rc = flushWord())
                return rc;
            const SegChar c{f.cp, start, i};
            if (const int rc = visitor.cjk(c, inCjk ? &prevCjk : nullptr))
                return rc;
            prevCjk = c;
            inCjk = true;
            break;
        }
        case Cls::Ignorable:
            break;
        case Cls::Separator:
            if (const int rc = flushWord())
                return rc;
            inCjk = false;
            break;
        }
    }
    return flushWord();
}

// Turns segments into the document token stream; Sink is
// int(const char *token, int size, int start, int end, bool colocated).
template <typename Sink> class DocumentEmitter
{
public:
    DocumentEmitter(const char *input, Sink &sink)
        : m_input(input)
        , m_sink(sink)
    {}

    int word(const SegChar *chars, int stored, int total, int start, int end)
    {
        if (total > kMaxSuffixWord) {
            const int size = encodeChars(chars, stored, m_buf, kMaxTokenBytes);
            return m_sink(m_buf, size, start, end, false);
        }
        // Short words: encode once, then every suffix is a tail of that encoding.
        int offsets[kMaxSuffixWord];
        char *p = m_buf;
        for (int k = 0; k < total; ++k) {
            offsets[k] = int(p - m_buf);
            p = putUtf8(p, chars[k].cp);
        }
        const int size = int(p - m_buf);
        if (const int rc = m_sink(m_buf, size, start, end, false))
            return rc;
        char suffix[kMaxTokenBytes];
        suffix[0] = kSuffixMark;
        for (int k = 1; total - k >= kMinSuffixChars; ++k) {
            const int tail = size - offsets[k];
            std::memcpy(suffix + 1, m_buf + offsets[k], size_t(tail));
            if (const int rc = m_sink(suffix, tail + 1, chars[k].start, end, true))
                return rc;
        }
        return 0;
    }

    // Called per character with its left neighbour, the bigram comes before the unigram: the order
    // unigram c0, bigram c0c1, unigram c1, bigram c1c2, ... keeps each bigram colocated with its
    // first character.
    int cjk(const SegChar &c, const SegChar *prev)
    {
        if (prev) {
            char *p = putUtf8(putUtf8(m_buf, prev->cp), c.cp);
            if (const int rc = m_sink(m_buf, int(p - m_buf), prev->start, c.end, true))
                return rc;
        }
        char *p = putUtf8(m_buf, c.cp);
        return m_sink(m_buf, int(p - m_buf), c.start, c.end, false);
    }

    int facet(int start, int end)
    {
        int size = end - start;
        if (size > kMaxTokenBytes) {
            size = kMaxTokenBytes;
            while (size > 1 && (static_cast<unsigned char>(m_input[start + size]) & 0xC0) == 0x80)
                --size;
        }
        return m_sink(m_input + start, size, start, end, false);
    }

private:
    const char *m_input;
    Sink &m_sink;
    char m_buf[kMaxTokenBytes];
};

template <typename Sink> int emitDocumentTokens(QByteArrayView utf8, Sink &sink)
{
    DocumentEmitter<Sink> emitter(utf8.data(), sink);
    return segment(utf8, true, emitter);
}

struct Run
{
    bool cjk = false;
    QVarLengthArray<SegChar, 32> chars; // a word keeps at most kMaxTokenBytes of them
    int total = 0;                      // characters, stored or not
    int start = 0;
    int end = 0;
};

class RunCollector
{
public:
    std::vector<Run> runs;

    int word(const SegChar *chars, int stored, int total, int start, int end)
    {
        Run run;
        run.chars.append(chars, stored);
        run.total = total;
        run.start = start;
        run.end = end;
        runs.push_back(std::move(run));
        return 0;
    }

    int cjk(const SegChar &c, const SegChar *prev)
    {
        if (!prev) {
            Run run;
            run.cjk = true;
            run.start = c.start;
            runs.push_back(std::move(run));
        }
        Run &run = runs.back();
        run.chars.append(c);
        ++run.total;
        run.end = c.end;
        return 0;
    }

    int facet(int, int) { return 0; }
};

// A user's text never yields facet tokens: kFacetMark typed into the search box is punctuation.
std::vector<Run> collectRuns(QByteArrayView utf8)
{
    RunCollector collector;
    segment(utf8, false, collector);
    return std::move(collector.runs);
}

QByteArray encodeRun(const Run &run, qsizetype from, qsizetype count)
{
    char buf[kMaxTokenBytes];
    const int size = encodeChars(run.chars.data() + from, count, buf, kMaxTokenBytes);
    return QByteArray(buf, size);
}

void appendQuoted(QByteArray &out, QByteArrayView token)
{
    out += '"';
    for (const char ch : token) {
        if (ch == '"')
            out += '"';
        out += ch;
    }
    out += '"';
}

QByteArray termExpression(const std::vector<Run> &runs)
{
    QByteArray out;
    if (runs.size() == 1) {
        const Run &run = runs.front();
        if (run.cjk) {
            if (run.total == 1) {
                appendQuoted(out, encodeRun(run, 0, 1));
                return out;
            }
            for (int k = 0; k + 1 < run.total; ++k) {
                if (k > 0)
                    out += " + ";
                appendQuoted(out, encodeRun(run, k, 2));
            }
            return out;
        }
        const QByteArray word = encodeRun(run, 0, run.chars.size());
        if (run.total < kMinSuffixChars || run.total > kMaxSuffixWord) {
            appendQuoted(out, word);
            out += " *";
            return out;
        }
        // The word itself covers a match at its start, the marked suffixes one anywhere inside.
        out += '(';
        appendQuoted(out, word);
        out += " * OR ";
        appendQuoted(out, kSuffixMark + word);
        out += " *)";
        return out;
    }

    // A phrase must advance one position per character of a CJK run, as the document does: a run
    // followed by another one contributes its bigrams and then its last character.
    const auto add = [&out](const QByteArray &token) {
        if (!out.isEmpty())
            out += " + ";
        appendQuoted(out, token);
    };
    for (size_t r = 0; r < runs.size(); ++r) {
        const Run &run = runs[r];
        if (!run.cjk) {
            add(encodeRun(run, 0, run.chars.size()));
            continue;
        }
        if (run.total == 1) {
            add(encodeRun(run, 0, 1));
            continue;
        }
        for (int k = 0; k + 1 < run.total; ++k)
            add(encodeRun(run, k, 2));
        if (r + 1 < runs.size())
            add(encodeRun(run, run.total - 1, 1));
    }
    // Search as you type: the last word may still be incomplete.
    if (!runs.back().cjk)
        out += " *";
    return out;
}

QString foldedText(QByteArrayView utf8)
{
    const auto *s = reinterpret_cast<const unsigned char *>(utf8.data());
    const int n = int(std::min<qsizetype>(utf8.size(), INT_MAX));
    QString out;
    out.reserve(n);
    int i = 0;
    while (i < n) {
        const char32_t cp = decodeUtf8(s, n, i);
        if (cp == kBadSequence)
            continue;
        const Folded f = classify(cp);
        if (f.cls == Cls::Ignorable)
            continue;
        if (QChar::requiresSurrogates(f.cp)) {
            out += QChar(QChar::highSurrogate(f.cp));
            out += QChar(QChar::lowSurrogate(f.cp));
        } else {
            out += QChar(char16_t(f.cp));
        }
    }
    return out;
}

} // namespace

QList<Token> tokenizeDocument(QByteArrayView utf8)
{
    QList<Token> tokens;
    auto sink = [&tokens](const char *text, int size, int start, int end, bool colocated) {
        tokens.append(Token{QByteArray(text, size), start, end, colocated});
        return 0;
    };
    emitDocumentTokens(utf8, sink);
    return tokens;
}

namespace {

int ftsCreate(void *, const char **, int nArg, Fts5Tokenizer **out)
{
    // The tokenizer has no state; FTS5 only needs a handle it can give back to us.
    static char instance = 0;
    *out = reinterpret_cast<Fts5Tokenizer *>(&instance);
    // Arguments would mean a table declared for some other variant of this tokenizer.
    return nArg == 0 ? SQLITE_OK : SQLITE_ERROR;
}

void ftsDelete(Fts5Tokenizer *) {}

int ftsTokenize(Fts5Tokenizer *, void *ctx, int flags, const char *text, int size,
                int (*xToken)(void *, int, const char *, int, int, int))
{
    if (!text || size <= 0)
        return SQLITE_OK;
    // Query strings come from buildMatch() or facetToken(): already exactly one token each.
    if (flags & (FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX))
        return xToken(ctx, 0, text, size, 0, size);
    auto sink = [ctx, xToken](const char *token, int tokenSize, int start, int end, bool colocated) {
        return xToken(ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, token, tokenSize, start, end);
    };
    return emitDocumentTokens(QByteArrayView(text, size), sink);
}

} // namespace

namespace {

// Relevance without bm25's IDF: bm25 counts the matching rows of every phrase once per query, a
// whole-index scan for a common character such as 的. Hits in the text column, per length, order
// the (already recency-bounded) candidates well for messages a few dozen characters long.
void rankFunction(const Fts5ExtensionApi *api, Fts5Context *ctx, sqlite3_context *out, int, sqlite3_value **)
{
    int instances = 0;
    int rc = api->xInstCount(ctx, &instances);
    int hits = 0;
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(ctx, i, &phrase, &column, &offset);
        hits += column == 0;
    }
    int tokens = 0;
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(ctx, 0, &tokens);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(out, rc);
        return;
    }
    // Lower is better, as with bm25().
    sqlite3_result_double(out, -double(hits) / (1.0 + 0.05 * tokens));
}

} // namespace

bool registerTokenizer(sqlite3 *db, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!db)
        return fail(QStringLiteral("cannot register the search tokenizer: no database connection"));

    fts5_api *api = nullptr;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(stmt);
        return fail(QStringLiteral("SQLite was built without FTS5: %1").arg(message));
    }
    sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (!api)
        return fail(QStringLiteral("SQLite did not hand out its FTS5 API"));
    if (api->iVersion < 2)
        return fail(QStringLiteral("SQLite's FTS5 API is too old (version %1)").arg(api->iVersion));

    // Kept static because the documentation does not promise that FTS5 copies it.
    static fts5_tokenizer tokenizer{ftsCreate, ftsDelete, ftsTokenize};
    int rc = api->xCreateTokenizer(api, "hiscrm", nullptr, &tokenizer, nullptr);
    if (rc != SQLITE_OK)
        return fail(QStringLiteral("cannot register the search tokenizer: %1")
                        .arg(QString::fromUtf8(sqlite3_errstr(rc))));
    rc = api->xCreateFunction(api, "hiscrm_rank", nullptr, rankFunction, nullptr);
    if (rc != SQLITE_OK)
        return fail(QStringLiteral("cannot register the search ranking: %1")
                        .arg(QString::fromUtf8(sqlite3_errstr(rc))));
    return true;
}

MatchPlan buildMatch(const QString &userText)
{
    MatchPlan plan;
    QStringView text(userText);
    if (text.size() > kMaxQueryChars) {
        qsizetype cut = kMaxQueryChars;
        if (text[cut - 1].isHighSurrogate())
            --cut;
        text = text.first(cut);
    }

    QByteArrayList parts;
    qsizetype i = 0;
    while (parts.size() < kMaxQueryTerms) {
        while (i < text.size() && text[i].isSpace())
            ++i;
        const qsizetype begin = i;
        while (i < text.size() && !text[i].isSpace())
            ++i;
        if (begin == i)
            break;
        const QByteArray utf8 = text.sliced(begin, i - begin).toUtf8();
        const std::vector<Run> runs = collectRuns(utf8);
        if (runs.empty())
            continue;
        parts.append(termExpression(runs));
        plan.terms.append(foldedText(
            QByteArrayView(utf8).sliced(runs.front().start, runs.back().end - runs.front().start)));
    }
    plan.match = parts.join(" AND ");
    return plan;
}

QByteArray facetToken(char kind, qint64 value)
{
    QByteArray raw;
    raw += kFacetMark;
    raw += kind;
    raw += QByteArray::number(value);
    QByteArray out;
    appendQuoted(out, raw);
    return out;
}

QByteArray facetToken(char kind, const QString &value)
{
    QByteArray raw;
    raw += kFacetMark;
    raw += kind;
    for (const QChar ch : value.toLower()) {
        const char16_t u = ch.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'_')
            raw += char(u);
    }
    // The index keeps no more of a chunk than this, so neither may the query.
    raw.truncate(kMaxTokenBytes);
    QByteArray out;
    appendQuoted(out, raw);
    return out;
}

QString makeSnippet(const QString &text, const QStringList &terms, int maxChars)
{
    if (maxChars <= 0)
        return {};

    QString clean;
    clean.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t u = ch.unicode();
        if (ch == kHighlightOpen || ch == kHighlightClose)
            continue;
        const bool lineBreak =
            u == u'\n' || u == u'\r' || u == u'\t' || u == u'\v' || u == u'\f' || u == 0x2028 || u == 0x2029;
        clean += lineBreak ? QChar(u' ') : ch;
    }

    // cpPos: where each code point starts (window arithmetic counts code points, so a surrogate
    // pair is never cut). The searchable characters leave out ignorables, as the index does.
    std::vector<qsizetype> cpPos;
    std::vector<char32_t> folded;
    std::vector<Cls> classes;
    std::vector<qsizetype> charStart;
    std::vector<qsizetype> charEnd;
    cpPos.reserve(size_t(clean.size()) + 1);
    for (qsizetype i = 0; i < clean.size();) {
        cpPos.push_back(i);
        char32_t cp = clean[i].unicode();
        qsizetype len = 1;
        Folded f{cp, Cls::Separator};
        if (QChar::isHighSurrogate(cp) && i + 1 < clean.size() && clean[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(clean[i], clean[i + 1]);
            len = 2;
            f = classify(cp);
        } else if (!QChar::isSurrogate(cp)) {
            f = classify(cp);
        }
        if (f.cls != Cls::Ignorable) {
            folded.push_back(f.cp);
            classes.push_back(f.cls);
            charStart.push_back(i);
            charEnd.push_back(i + len);
        }
        i += len;
    }
    const auto codePoints = qsizetype(cpPos.size());
    cpPos.push_back(clean.size());

    std::vector<std::pair<qsizetype, qsizetype>> hits; // QString positions, end exclusive
    const auto searchable = qsizetype(folded.size());
    for (const QString &term : terms) {
        const std::vector<Run> runs = collectRuns(term.toUtf8());
        if (runs.empty())
            continue;
        std::vector<std::vector<char32_t>> patterns;
        for (const Run &run : runs) {
            std::vector<char32_t> pattern;
            for (const SegChar &c : run.chars)
                pattern.push_back(c.cp);
            patterns.push_back(std::move(pattern));
        }
        // The rest of a several-run term follows the first run across any separators, as the
        // phrase query does; two words or two CJK runs need at least one separator between them,
        // otherwise they would have been a single run.
        const auto matchRest = [&](qsizetype at) -> qsizetype {
            for (size_t r = 1; r < patterns.size(); ++r) {
                qsizetype k = at;
                while (k < searchable && classes[size_t(k)] == Cls::Separator)
                    ++k;
                if (k == at && runs[r - 1].cjk == runs[r].cjk)
                    return -1;
                const std::vector<char32_t> &pattern = patterns[r];
                if (searchable - k < qsizetype(pattern.size()) ||
                    !std::equal(pattern.begin(), pattern.end(), folded.begin() + k))
                    return -1;
                at = k + qsizetype(pattern.size());
            }
            return at;
        };
        const std::boyer_moore_horspool_searcher searcher(patterns.front().begin(), patterns.front().end());
        auto searchFrom = folded.cbegin();
        while (true) {
            const auto [first, last] = searcher(searchFrom, folded.cend());
            if (first == folded.cend())
                break;
            const qsizetype begin = first - folded.cbegin();
            const qsizetype end = matchRest(last - folded.cbegin());
            if (end > begin)
                hits.emplace_back(charStart[size_t(begin)], charEnd[size_t(end - 1)]);
            searchFrom = first + 1;
        }
    }

    std::sort(hits.begin(), hits.end());
    std::vector<std::pair<qsizetype, qsizetype>> merged;
    for (const auto &hit : hits) {
        if (!merged.empty() && hit.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, hit.second);
        else
            merged.push_back(hit);
    }

    const auto isSpaceAt = [&](qsizetype cp) {
        return clean[cpPos[size_t(cp)]].isSpace();
    };
    qsizetype ws = 0;
    qsizetype we = std::min<qsizetype>(codePoints, maxChars);
    if (!merged.empty()) {
        const qsizetype firstHit =
            std::lower_bound(cpPos.begin(), cpPos.end(), merged.front().first) - cpPos.begin();
        // Some context before the hit, but never so much that the hit itself is pushed out.
        const qsizetype lead = std::min<qsizetype>(std::max(maxChars / 4, 3), (maxChars - 1) / 2);
        ws = std::max<qsizetype>(0, firstHit - lead);
        we = std::min<qsizetype>(codePoints, ws + maxChars);
        ws = std::max<qsizetype>(0, we - maxChars);
        while (ws > 0 && ws < firstHit && isSpaceAt(ws))
            ++ws;
    }
    while (we < codePoints && we - 1 > ws && isSpaceAt(we - 1))
        --we;

    const qsizetype from = cpPos[size_t(ws)];
    const qsizetype to = cpPos[size_t(we)];
    const QStringView view(clean);
    QString out;
    out.reserve(to - from + 2 * qsizetype(merged.size()) + 2);
    if (ws > 0)
        out += QChar(kEllipsis);
    qsizetype at = from;
    for (const auto &[hitStart, hitEnd] : merged) {
        const qsizetype s = std::max(hitStart, from);
        const qsizetype e = std::min(hitEnd, to);
        if (s >= e)
            continue;
        out += view.sliced(at, s - at);
        out += kHighlightOpen;
        out += view.sliced(s, e - s);
        out += kHighlightClose;
        at = e;
    }
    out += view.sliced(at, to - at);
    if (we < codePoints)
        out += QChar(kEllipsis);
    return out;
}

} // namespace hiscrm::search
