// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Character classes and clause cuts for the demo's text: what the fortune reader splits
// sentences by and where the corpus cuts a message short.

#include <QList>
#include <QString>

namespace hiscrm::demo::text {

bool isHan(char32_t cp);
bool isAsciiLetter(char32_t c);
bool isAsciiAlnum(QChar c);
// Where a sentence ends.
bool isTerminator(QChar c);
// Where a clause ends: a place a person could have stopped typing.
bool isClauseBreak(QChar c);
bool isClosingQuote(QChar c);
// Positions just past each clause break (and the end), so a cut never lands mid-clause.
QList<qsizetype> clauseEnds(const QString &line);
// Trims spaces and a trailing clause break that does not end a sentence.
QString trimClause(QString s);

} // namespace hiscrm::demo::text
