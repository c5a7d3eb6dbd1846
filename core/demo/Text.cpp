// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/Text.h"

namespace hiscrm::demo::text {

bool isHan(char32_t cp)
{
    return QChar::script(cp) == QChar::Script_Han;
}

bool isAsciiLetter(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAsciiAlnum(QChar c)
{
    return c.unicode() < 0x80 && c.isLetterOrNumber();
}

bool isTerminator(QChar c)
{
    switch (c.unicode()) {
    case u'。':
    case u'！':
    case u'？':
    case u'；':
    case u'…':
    case '!':
    case '?':
    case ';':
        return true;
    default:
        return false;
    }
}

bool isClauseBreak(QChar c)
{
    if (isTerminator(c))
        return true;
    switch (c.unicode()) {
    case u'，':
    case u'、':
    case u'：':
    case u'～':
    case ',':
    case ':':
    case '.':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isClosingQuote(QChar c)
{
    switch (c.unicode()) {
    case u'”':
    case u'’':
    case u'」':
    case u'』':
    case u'）':
    case u'》':
    case '"':
    case '\'':
    case ')':
        return true;
    default:
        return false;
    }
}

QList<qsizetype> clauseEnds(const QString &line)
{
    QList<qsizetype> ends;
    const qsizetype n = line.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (!isClauseBreak(line[i]))
            continue;
        qsizetype j = i + 1;
        while (j < n && (isClauseBreak(line[j]) || isClosingQuote(line[j])))
            ++j;
        ends.append(j);
        i = j - 1;
    }
    if (ends.isEmpty() || ends.back() != n)
        ends.append(n);
    return ends;
}

QString trimClause(QString s)
{
    s = s.trimmed();
    while (!s.isEmpty() && isClauseBreak(s.back()) && !isTerminator(s.back()))
        s.chop(1);
    return s.trimmed();
}

} // namespace hiscrm::demo::text
