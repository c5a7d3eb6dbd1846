// SPDX-License-Identifier: GPL-3.0-or-later
// The command registry (master/Commands.h) against docs/protocol.md, and its argument schema.
#include "master/Commands.h"

#include <QFile>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <limits>

using namespace hiscrm;
using namespace hiscrm::master;
using namespace Qt::StringLiterals;

namespace {

// What docs/protocol.md says of one op: the argument names in its row, and those marked optional
// ("name?").
struct DocumentedOp
{
    QSet<QString> args;
    QSet<QString> optional;
    int rows = 0;
};

// The "## Commands" section of docs/protocol.md.
QString commandsSection()
{
    QFile f(QStringLiteral(HISCRM_PROTOCOL_DOC));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QString doc = QString::fromUtf8(f.readAll());
    const qsizetype start = doc.indexOf(u"\n## Commands\n"_s);
    if (start < 0)
        return {};
    const qsizetype end = doc.indexOf(u"\n## "_s, start + 1);
    return doc.mid(start, end < 0 ? -1 : end - start);
}

QStringList backticked(const QString &text)
{
    static const QRegularExpression re(u"`([^`]+)`"_s);
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

// The table of ops: a row is "| `op`, `op` | args | result |". Argument names are the backticked
// identifiers of the args cell ("name" or "name?"); enum values in it are told apart by the
// registry's choices, so a value the registry does not know shows up as an argument and fails.
QMap<QString, DocumentedOp> documentedOps()
{
    QMap<QString, DocumentedOp> out;
    static const QRegularExpression identifier(u"^[a-z_]+\\??$"_s);
    const QStringList lines = commandsSection().split(u'\n');
    for (const QString &line : lines) {
        if (!line.startsWith(u"| `"_s))
            continue;
        const QStringList cells = line.split(u'|');
        if (cells.size() < 4)
            continue;
        QSet<QString> choices;
        for (const QString &op : backticked(cells[1])) {
            if (const CommandSpec *spec = findCommand(op)) {
                for (const ArgSpec &a : spec->args)
                    choices.unite(QSet<QString>(a.choices.cbegin(), a.choices.cend()));
            }
        }
        DocumentedOp d;
        for (const QString &token : backticked(cells[2])) {
            if (!identifier.match(token).hasMatch() || choices.contains(token))
                continue;
            QString name = token;
            if (name.endsWith(u'?')) {
                name.chop(1);
                d.optional.insert(name);
            }
            d.args.insert(name);
        }
        for (const QString &op : backticked(cells[1])) {
            DocumentedOp &o = out[op];
            o.args = d.args;
            o.optional = d.optional;
            ++o.rows;
        }
    }
    return out;
}

QSet<QString> registryOps()
{
    QSet<QString> out;
    for (const CommandSpec &c : commands())
        out.insert(QString(c.name));
    return out;
}

QString joined(QSet<QString> set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list.join(u", ");
}

} // namespace

class TestCommandRegistry : public QObject
{
    Q_OBJECT

private slots:
    void theDocumentIsRead()
    {
        // The parser finds the table at all: without this, an unreadable document would pass.
        QVERIFY2(!commandsSection().isEmpty(), HISCRM_PROTOCOL_DOC);
        QVERIFY(documentedOps().size() >= 20);
    }

    void everyOpIsDocumentedAndEveryDocumentedOpExists()
    {
        const QMap<QString, DocumentedOp> documented = documentedOps();
        const QSet<QString> inDoc(documented.keyBegin(), documented.keyEnd());
        const QSet<QString> inRegistry = registryOps();
        QVERIFY2((inRegistry - inDoc).isEmpty(),
                 qPrintable(u"ops missing in docs/protocol.md: "_s + joined(inRegistry - inDoc)));
        QVERIFY2((inDoc - inRegistry).isEmpty(),
                 qPrintable(u"ops documented but not in the registry: "_s + joined(inDoc - inRegistry)));
        QCOMPARE(inRegistry.size(), commands().size()); // no op registered twice
        for (auto it = documented.cbegin(); it != documented.cend(); ++it)
            QVERIFY2(it->rows == 1, qPrintable(it.key() + u" is in more than one row"_s));
    }

    void everyOpTakesTheDocumentedArguments()
    {
        const QMap<QString, DocumentedOp> documented = documentedOps();
        for (const CommandSpec &c : commands()) {
            const QString name(c.name);
            const DocumentedOp d = documented.value(name);
            QSet<QString> args;
            for (const ArgSpec &a : c.args) {
                args.insert(QString::fromLatin1(a.name));
                // "name?" in the document is optional in the registry too.
                if (d.optional.contains(QString::fromLatin1(a.name)))
                    QVERIFY2(!a.required, qPrintable(name + u": "_s + QString::fromLatin1(a.name)));
            }
            QVERIFY2(args == d.args, qPrintable(u"%1: registry takes {%2}, docs/protocol.md lists {%3}"_s.arg(
                                         name, joined(args), joined(d.args))));
            QVERIFY2(c.handler, qPrintable(name));
        }
    }

    // protocol.md names the read-only ops ("Read-only ops (search, ...) may go without one"): those
    // are exactly the ops the registry does not journal.
    void readOnlyOpsAreTheDocumentedOnes()
    {
        static const QRegularExpression re(u"Read-only ops \\(([^)]*)\\)"_s);
        const auto m = re.match(commandsSection());
        QVERIFY(m.hasMatch());
        QSet<QString> documented;
        for (const QString &op : m.captured(1).split(u',', Qt::SkipEmptyParts))
            documented.insert(op.trimmed());
        QSet<QString> readOnly;
        for (const CommandSpec &c : commands()) {
            if (!c.journaled)
                readOnly.insert(QString(c.name));
        }
        QCOMPARE(joined(readOnly), joined(documented));
    }

    void findsByName()
    {
        QVERIFY(findCommand(u"mark_read"));
        QCOMPARE(QString(findCommand(u"mark_read")->name), u"mark_read"_s);
        QVERIFY(!findCommand(u"format_disk"));
        QVERIFY(!findCommand(u""));
        QVERIFY(findCommand(u"status")->whileDamaged);
        QVERIFY(!findCommand(u"pin")->whileDamaged);
    }

    void arguments_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QJsonObject>("args");
        QTest::addColumn<bool>("accepted");
        constexpr double kMaxId = 9007199254740991.0; // 2^53 - 1
        const auto pin = [](const QJsonValue &id) {
            return QJsonObject{{u"conversation_id"_s, id}};
        };
        QTest::newRow("id") << u"pin"_s << pin(42) << true;
        QTest::newRow("largest id") << u"pin"_s << pin(kMaxId) << true;
        QTest::newRow("id 2^53") << u"pin"_s << pin(kMaxId + 1) << false;
        QTest::newRow("id 1e300") << u"pin"_s << pin(1e300) << false;
        QTest::newRow("id -1e300") << u"pin"_s << pin(-1e300) << false;
        QTest::newRow("id infinite") << u"pin"_s << pin(std::numeric_limits<double>::infinity()) << false;
        QTest::newRow("id 0") << u"pin"_s << pin(0) << false;
        QTest::newRow("id -5") << u"pin"_s << pin(-5) << false;
        QTest::newRow("id 1.5") << u"pin"_s << pin(1.5) << false;
        QTest::newRow("id as text") << u"pin"_s << pin(u"42"_s) << false;
        QTest::newRow("id missing") << u"pin"_s << QJsonObject() << false;
        QTest::newRow("id null") << u"pin"_s << pin(QJsonValue::Null) << false;
        QTest::newRow("unknown argument ignored")
            << u"pin"_s << QJsonObject{{u"conversation_id"_s, 1}, {u"x"_s, 1}} << true;
        QTest::newRow("ids") << u"mark_comments_unread"_s << QJsonObject{{u"comment_ids"_s, QJsonArray{1, 2}}}
                             << true;
        QTest::newRow("ids with 1e300")
            << u"mark_comments_unread"_s << QJsonObject{{u"comment_ids"_s, QJsonArray{1, 1e300}}} << false;
        QTest::newRow("ids with 0") << u"mark_comments_unread"_s
                                    << QJsonObject{{u"comment_ids"_s, QJsonArray{0}}} << false;
        QJsonArray many;
        for (int i = 1; i <= 10001; ++i)
            many.append(i);
        QTest::newRow("10001 ids") << u"mark_comments_unread"_s << QJsonObject{{u"comment_ids"_s, many}}
                                   << false;
        many.removeLast();
        QTest::newRow("10000 ids") << u"mark_comments_unread"_s << QJsonObject{{u"comment_ids"_s, many}}
                                   << true;
        const auto mute = [](const QJsonValue &until) {
            return QJsonObject{{u"conversation_id"_s, 1}, {u"until"_s, until}};
        };
        QTest::newRow("until -1") << u"mute"_s << mute(-1) << true;
        QTest::newRow("until 1e300") << u"mute"_s << mute(1e300) << false;
        QTest::newRow("until fractional") << u"mute"_s << mute(0.5) << false;
        const auto reply = [](const QString &text) {
            return QJsonObject{{u"conversation_id"_s, 1}, {u"text"_s, text}};
        };
        QTest::newRow("reply of 65536") << u"reply"_s << reply(QString(65536, u'x')) << true;
        QTest::newRow("reply of 65537") << u"reply"_s << reply(QString(65537, u'x')) << false;
        QTest::newRow("reply with half a pair") << u"reply"_s << reply(u"ok"_s + QChar(0xD800)) << false;
        QTest::newRow("reply text as a number")
            << u"reply"_s << QJsonObject{{u"conversation_id"_s, 1}, {u"text"_s, 5}} << false;
        QTest::newRow("tag name of 40")
            << u"create_tag"_s << QJsonObject{{u"name"_s, QString(40, u'标')}} << true;
        QTest::newRow("tag name of 41")
            << u"create_tag"_s << QJsonObject{{u"name"_s, QString(41, u'标')}} << false;
        const auto search = [](const char *key, const QJsonValue &v) {
            return QJsonObject{{u"text"_s, u"x"_s}, {QLatin1String(key), v}};
        };
        QTest::newRow("kind comment") << u"search"_s << search("kind", u"comment"_s) << true;
        QTest::newRow("kind video") << u"search"_s << search("kind", u"video"_s) << false;
        QTest::newRow("order relevance") << u"search"_s << search("order", u"relevance"_s) << true;
        QTest::newRow("order random") << u"search"_s << search("order", u"random"_s) << false;
        QTest::newRow("unread true") << u"search"_s << search("unread", true) << true;
        QTest::newRow("unread as text") << u"search"_s << search("unread", u"yes"_s) << false;
        QTest::newRow("limit 1e300") << u"search"_s << search("limit", 1e300) << false;
        QTest::newRow("search without text") << u"search"_s << QJsonObject() << false;
        QTest::newRow("counts false") << u"status"_s << QJsonObject{{u"counts"_s, false}} << true;
        QTest::newRow("counts 1") << u"status"_s << QJsonObject{{u"counts"_s, 1}} << false;
    }

    // Every argument is checked by its type before any conversion: a huge or fractional number, a
    // wrong type, an over-long text is refused as InvalidArgument, with a message naming it.
    void arguments()
    {
        QFETCH(QString, op);
        QFETCH(QJsonObject, args);
        QFETCH(bool, accepted);
        const CommandSpec *spec = findCommand(op);
        QVERIFY(spec);
        const Error e = checkArguments(*spec, args);
        QCOMPARE(!e, accepted);
        if (!accepted) {
            QCOMPARE(e.code, ErrorCode::InvalidArgument);
            QVERIFY(!e.message.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestCommandRegistry)
#include "TestCommandRegistry.moc"
