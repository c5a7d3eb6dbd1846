// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// search/: how text becomes index tokens, how a user's query becomes an FTS5 MATCH expression, and
// how result snippets are cut and highlighted. Depends on Qt Core and the SQLite C API only.
//
// Tokens (document side, the "hiscrm" FTS5 tokenizer):
//  - Letters/digits of alphabetic scripts form words; a word is case-folded (full-width ASCII folded
//    to ASCII first) and emitted as one token. Every suffix of the word of 3 or more characters,
//    shorter than the word itself, is emitted too, colocated with the word and marked with a leading
//    kSuffixMark byte: a prefix query on marked tokens is a substring query (for words of at most
//    kMaxSuffixWord characters).
//  - CJK (Han, kana, Hangul) characters: each character is its own token (a unigram), and each
//    pair of neighbours in a run (a bigram) is emitted colocated with its first character. A 1-char
//    query is one unigram token, a 2-char query one bigram token, a longer one a phrase of bigrams:
//    all answered from the index.
//  - A chunk starting with kFacetMark is one token as it is (filters: account, conversation, ...).
//  - Everything else (spaces, punctuation, emoji, invalid UTF-8) separates tokens.
// Query side: the tokenizer emits each quoted string of the MATCH expression unchanged as a single
// token; buildMatch() already produced the tokens.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

struct sqlite3;

namespace hiscrm::search {

constexpr char kSuffixMark = '\x01';
constexpr char kFacetMark = '\x1f';
constexpr int kMaxSuffixWord = 24;
// Highlight markers in snippets: never present in stored text (control characters are removed
// from text on ingest... they are stripped by makeSnippet itself before marking).
constexpr QChar kHighlightOpen = QChar(0x0002);
constexpr QChar kHighlightClose = QChar(0x0003);

// Registers the FTS5 tokenizer named "hiscrm" and the ranking function hiscrm_rank(table) (lower is
// better: text-column hits per length) on a connection. Call on every connection before it touches
// an FTS table.
bool registerTokenizer(sqlite3 *db, QString *error);

struct Token
{
    QByteArray text; // UTF-8
    int start = 0;   // byte offsets into the input
    int end = 0;
    bool colocated = false;
};
// The document tokenization, exactly as the FTS5 tokenizer produces it (exposed for tests).
QList<Token> tokenizeDocument(QByteArrayView utf8);

// A user's search text turned into an FTS5 expression. Every token is quoted, so nothing the user
// types is FTS syntax.
struct MatchPlan
{
    QByteArray match;  // FTS5 MATCH expression; empty when the text has nothing searchable
    QStringList terms; // normalized terms, for highlighting with makeSnippet()
};
MatchPlan buildMatch(const QString &userText);

// The FTS5 expression for one facet token, e.g. facet('a', 42) -> "\x1fa42" quoted.
QByteArray facetToken(char kind, qint64 value);
QByteArray facetToken(char kind, const QString &value);

// A window of at most maxChars characters of text around the first hit of any term, with every
// hit wrapped in kHighlightOpen/kHighlightClose. Matching is case-insensitive (same folding as
// the index). Ellipsis (…) marks cut ends. Text without a hit gives its start.
QString makeSnippet(const QString &text, const QStringList &terms, int maxChars = 64);

} // namespace hiscrm::search
