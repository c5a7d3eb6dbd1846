// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/FortuneReader.h"

#include "common/Log.h"
#include "demo/Text.h"

#include <QFile>
#include <QStringDecoder>

namespace hiscrm::demo {

using namespace text;

namespace {

// The fortune files colour their attributions with ANSI escapes and underline with backspaces.
QString stripTerminalCodes(QStringView in)
{
    QString out;
    out.reserve(in.size());
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = in[i].unicode();
        if (c == 0x1b) {
            if (i + 1 < n && in[i + 1] == u'[') {
                i += 2;
                while (i < n && !(in[i].unicode() >= 0x40 && in[i].unicode() <= 0x7e))
                    ++i;
            }
            continue;
        }
        if (c == 0x08) {
            if (!out.isEmpty())
                out.chop(1);
            continue;
        }
        if (c == '\t') {
            out += u' ';
            continue;
        }
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            continue;
        out += in[i];
    }
    return out;
}

bool isAttributionOrTitle(const QString &line)
{
    return line.startsWith(u"--") || line.startsWith(u'—') || line.startsWith(u'―') ||
           line.startsWith(u"题目") || line.startsWith(u"作者") ||
           (line.startsWith(u'《') && line.endsWith(u'》'));
}

// Chinese text wraps without spaces; only a break between two Latin words needs one back.
QString joinLines(const QStringList &lines, bool chinese)
{
    QString out;
    for (const QString &line : lines) {
        if (!out.isEmpty() && (!chinese || (isAsciiAlnum(out.back()) && isAsciiAlnum(line.front()))))
            out += u' ';
        out += line;
    }
    return out.simplified();
}

bool endsWithAbbreviation(QStringView before)
{
    static const QString abbreviations[] = {
        QStringLiteral("Mr"), QStringLiteral("Mrs"),  QStringLiteral("Ms"),  QStringLiteral("Dr"),
        QStringLiteral("St"), QStringLiteral("Jr"),   QStringLiteral("Sr"),  QStringLiteral("vs"),
        QStringLiteral("Mt"), QStringLiteral("Prof"), QStringLiteral("Gen"), QStringLiteral("etc"),
    };
    qsizetype start = before.size();
    while (start > 0 && before[start - 1].isLetter())
        --start;
    const QStringView word = before.mid(start);
    // A single capital is an initial, as in John F. Kennedy.
    if (word.size() == 1 && word[0].isUpper())
        return true;
    return std::any_of(std::begin(abbreviations), std::end(abbreviations),
                       [&](const QString &a) { return word == a; });
}

QStringList splitSentences(const QString &text, bool chinese)
{
    QStringList out;
    const qsizetype n = text.size();
    qsizetype start = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        // A Latin full stop ends a sentence only before a space (not in 3.14 or file.txt) and
        // not after a title such as Dr.
        const bool end =
            isTerminator(c) ||
            (!chinese && c == u'.' && (i + 1 == n || text[i + 1] == u' ' || isClosingQuote(text[i + 1])) &&
             !endsWithAbbreviation(QStringView(text).left(i)));
        if (!end)
            continue;
        qsizetype j = i + 1;
        while (j < n && (isTerminator(text[j]) || text[j] == u'.' || isClosingQuote(text[j])))
            ++j;
        out.append(text.mid(start, j - start));
        start = j;
        i = j - 1;
    }
    if (start < n)
        out.append(text.mid(start));
    return out;
}

void dropUnbalanced(QString &s, QChar open, QChar close)
{
    if (s.count(open) != s.count(close)) {
        s.remove(open);
        s.remove(close);
    }
}

QString cleanSentence(QString s, bool chinese)
{
    s = s.simplified();
    if (!chinese && (s.startsWith(u"Q:") || s.startsWith(u"A:")))
        s = s.mid(2).trimmed();
    while (!s.isEmpty() && (s.front() == u'-' || s.front() == u'*' || s.front() == u'•'))
        s = s.mid(1).trimmed();
    // A sentence cut out of a longer quotation keeps only one of its quote marks.
    dropUnbalanced(s, u'“', u'”');
    dropUnbalanced(s, u'「', u'」');
    dropUnbalanced(s, u'『', u'』');
    dropUnbalanced(s, u'（', u'）');
    dropUnbalanced(s, u'(', u')');
    if (s.count(u'"') % 2 != 0)
        s.remove(u'"');
    while (!s.isEmpty() && isClauseBreak(s.back()) && !isTerminator(s.back()) && s.back() != u'.')
        s.chop(1);
    return s.trimmed();
}

bool acceptSentence(const QString &s, bool chinese)
{
    if (s.size() < 2 || s.size() > 120)
        return false;
    int nonSpace = 0, letters = 0, han = 0, ascii = 0, upper = 0, digits = 0;
    for (const char32_t cp : s.toUcs4()) {
        if (QChar::isSpace(cp))
            continue;
        ++nonSpace;
        if (QChar::isLetter(cp))
            ++letters;
        if (isHan(cp))
            ++han;
        if (cp >= '0' && cp <= '9')
            ++digits;
        if (isAsciiLetter(cp)) {
            ++ascii;
            if (cp <= 'Z')
                ++upper;
        }
    }
    if (nonSpace == 0 || letters < nonSpace * 0.6)
        return false; // ASCII art, rules, lists of numbers
    // Latin letters and digits in the Chinese files come from the Debian tips (commands, table
    // numbers); the mixed messages get theirs spliced in on purpose instead.
    if (chinese)
        return han >= 2 && han >= nonSpace * 0.6 && ascii == 0 && digits == 0;
    if (han > 0 || ascii < nonSpace * 0.6)
        return false;
    if (ascii >= 6 && upper * 2 > ascii)
        return false; // headings shouted in capitals
    static const QString artChars = QStringLiteral("|\\{}<>=_#~^@/");
    for (const QChar c : s)
        if (artChars.contains(c))
            return false;
    return s.count(u' ') >= 1; // a lone word is rarely a message
}

} // namespace

QStringList fortuneDirs()
{
    return {
        QStringLiteral("/usr/share/games/fortunes"),
        QStringLiteral("/usr/share/fortunes"),
        QStringLiteral("/usr/share/fortune"),
        QStringLiteral("/usr/share/games/fortune"),
        QStringLiteral("/usr/local/share/games/fortunes"),
        QStringLiteral("/usr/local/share/fortune"),
        QStringLiteral("/opt/homebrew/share/games/fortunes"),
    };
}

bool readFortuneFile(const QString &path, bool chinese, QStringList &out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QStringDecoder decoder(QStringConverter::Utf8);
    const QString raw = decoder.decode(file.readAll());
    if (decoder.hasError()) {
        qCInfo(lcDemo) << "skipping fortune file that is not UTF-8:" << path;
        return false;
    }
    const QString text = stripTerminalCodes(raw);
    const qsizetype before = out.size();
    QStringList paragraph;
    auto flush = [&] {
        if (paragraph.isEmpty())
            return;
        for (const QString &sentence : splitSentences(joinLines(paragraph, chinese), chinese)) {
            const QString s = cleanSentence(sentence, chinese);
            if (acceptSentence(s, chinese))
                out.append(s);
        }
        paragraph.clear();
    };
    for (const QStringView lineView : QStringView(text).split(u'\n')) {
        const QString line = lineView.trimmed().toString();
        if (line.isEmpty() || line == u"%") {
            flush();
            continue;
        }
        if (isAttributionOrTitle(line))
            continue;
        paragraph.append(line);
    }
    flush();
    qCDebug(lcDemo) << "loaded" << (out.size() - before) << "lines from" << path;
    return true;
}

QString findFortuneFile(const QStringList &dirs, const QString &name)
{
    for (const QString &dir : dirs) {
        // Some distributions keep a legacy-encoded plain file next to a UTF-8 ".u8" one.
        for (const QString &candidate : {name + QStringLiteral(".u8"), name}) {
            const QString path = dir + u'/' + candidate;
            if (QFile::exists(path))
                return path;
        }
    }
    return {};
}

} // namespace hiscrm::demo
