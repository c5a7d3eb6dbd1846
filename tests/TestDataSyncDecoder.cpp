// SPDX-License-Identifier: GPL-3.0-or-later
// The data_sync fast path (protocol/DataSyncDecoder) against the general path it stands in for
// (parseFrame, then batchFromJson): whatever it accepts, the general path accepts and reads the
// same; what it leaves alone, the general path decides. And it does take the frames workers send,
// or it would be no fast path at all.

#include "demo/Generator.h"
#include "protocol/DataSyncDecoder.h"
#include "protocol/Protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace hiscrm;
using namespace hiscrm::protocol;
using namespace Qt::StringLiterals;

namespace {

// JSON is written here with ' for ", readable in C++ string literals: moc misreads raw strings
// that hold unbalanced braces, and then loses the test class.
QByteArray json(QByteArray text)
{
    return text.replace('\'', '"');
}

QByteArray operator""_j(const char *text, std::size_t size)
{
    return json(QByteArray(text, qsizetype(size)));
}

// What the master's general path makes of a frame, when it is a data_sync it would ingest.
std::optional<DataSyncFrame> generalPath(const QByteArray &utf8)
{
    auto parsed = parseFrame(utf8);
    const auto *e = std::get_if<Envelope>(&parsed);
    if (!e || e->type != u"data_sync" || !e->body.value(u"batch"_s).isObject())
        return std::nullopt;
    auto batch = batchFromJson(e->body.value(u"batch"_s).toObject());
    if (!std::holds_alternative<model::Batch>(batch))
        return std::nullopt;
    return DataSyncFrame{e->id, std::get<model::Batch>(std::move(batch))};
}

// Empty when the fast path and the general path agree on the frame (the fast path may decline
// what the general path accepts, never the other way round); else what differs.
QString disagreement(const QByteArray &utf8)
{
    const std::optional<DataSyncFrame> fast = decodeDataSync(utf8);
    if (!fast)
        return QString();
    const std::optional<DataSyncFrame> general = generalPath(utf8);
    if (!general)
        return u"the fast path accepted a frame the general path refuses"_s;
    if (fast->id != general->id)
        return u"the ids differ"_s;
    if (!(fast->batch == general->batch))
        return u"the batches differ"_s;
    return QString();
}

QByteArray dataSync(const QJsonObject &batch, const QJsonValue &id = u"s-1"_s)
{
    QJsonObject o{{u"type"_s, u"data_sync"_s}, {u"v"_s, 1}, {u"batch"_s, batch}};
    if (!id.isUndefined())
        o.insert(u"id"_s, id);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A frame with one record of every kind, every field set: raw text, so that each byte can be
// broken in turn.
const QByteArray kEveryField =
    "{'type':'data_sync','id':7,'v':1,'batch':{'platform':'demo',"
    "'accounts':[{'platform_id':'acc-1','name':'Shop','avatar':'a.png'}],"
    "'users':[{'platform_id':'u-1','name':'Mei','avatar':'u.png','signature':"
    "'hi','followers':12,'following':0,'videos':-1,'verified':true}],"
    "'contents':[{'account_id':'acc-1','platform_id':'v-1','title':'Unboxing',"
    "'url':'v/1','cover':'c/1.jpg','published_at':1767225600000}],"
    "'conversations':[{'account_id':'acc-1','platform_id':'c-1','peer_id':'u-1'}],"
    "'messages':[{'account_id':'acc-1','conversation_id':'c-1','platform_id':"
    "'m-1','sender_id':'u-1','direction':'out','type':'image','text':"
    "'\\u4f60\\u597d \\'q\\' \\\\ \\/ \\b\\f\\n\\r\\t \\ud83d\\ude00 é😀','media':'m.png',"
    "'created_at':1767225601000,'recalled':false}],"
    "'comments':[{'account_id':'acc-1','content_id':'v-1','platform_id':'k-1',"
    "'parent_id':'','author_id':'u-1','text':'nice','created_at':2,'recalled':"
    "true}]}}"_j;

} // namespace

class TestDataSyncDecoder : public QObject
{
    Q_OBJECT

private slots:
    // Frames a worker sends: decoded by the fast path, exactly as the general path reads them.
    void decodesWhatWorkersSend_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("every field, every escape") << kEveryField;

        demo::GeneratorConfig config;
        config.seed = 7;
        config.commentShare = 0.4;
        config.users = 400; // the directory in one batch, within the record limit
        config.conversations = 200;
        demo::Generator generator(config);
        const QJsonObject directory = batchToJson(generator.directory());
        QTest::newRow("the demo directory") << dataSync(directory);
        QTest::newRow("a demo batch") << dataSync(batchToJson(generator.next(500)));
        QTest::newRow("a demo batch, indented")
            << QJsonDocument(QJsonObject{{u"type"_s, u"data_sync"_s},
                                         {u"id"_s, u"x"_s},
                                         {u"batch"_s, batchToJson(generator.next(200))}})
                   .toJson(QJsonDocument::Indented);
        QTest::newRow("integer id") << dataSync(directory, 42);
        QTest::newRow("negative id") << dataSync(directory, -3);
        QTest::newRow("largest safe id") << dataSync(directory, double(kMaxSafeInteger));
        QTest::newRow("no id") << dataSync(directory, QJsonValue(QJsonValue::Undefined));
        QTest::newRow("escaped id") << dataSync(directory, u"a\"b\\c\u00e9"_s);
        QTest::newRow("no v, fields in another order, spaces")
            << " \r\n\t{ \"batch\" : { \"messages\" : [ ] , \"platform\" : \"demo\" } , \"type\" : "
               "\"data_sync\" }\n"_ba;
        QTest::newRow("nulls and empty lists")
            << "{'type':'data_sync','batch':{'platform':'demo','accounts':null,'users':[],'messages':[{"
               "'account_id':'a','conversation_id':'c','platform_id':'m','created_at':-0,'sender_id':null,"
               "'direction':null,'type':null,'text':null,'media':null,'recalled':null}],'comments':null}}"_j;
        QTest::newRow("the largest safe integers")
            << "{'type':'data_sync','batch':{'platform':'demo','users':[{'platform_id':'u',"
               "'followers':9007199254740992,'following':-9007199254740992,'videos':0}]}}"_j;
        QTest::newRow("UTF-8 of every length")
            << "{\"type\":\"data_sync\",\"batch\":{\"platform\":\"d\xc3\xa9\xe4\xbd\xa0\xf0\x9f\x98\x80\x7f\"}}"_ba;
        QTest::newRow("escapes at both ends of a string")
            << "{'type':'data_sync','batch':{'platform':'\\u0041b\\n'}}"_j;
        QTest::newRow("an escaped type") << "{'type':'data\\u005fsync','batch':{'platform':'d'}}"_j;
        QTest::newRow("an escaped NUL") << "{'type':'data_sync','batch':{'platform':'a\\u0000b'}}"_j;
    }

    void decodesWhatWorkersSend()
    {
        QFETCH(QByteArray, frame);
        QVERIFY2(generalPath(frame).has_value(), "the general path must accept the frame");
        QVERIFY2(decodeDataSync(frame).has_value(), "the fast path must take the frame");
        const QString d = disagreement(frame);
        QVERIFY2(d.isEmpty(), qPrintable(d));
    }

    void readsTheValuesSent()
    {
        const std::optional<DataSyncFrame> f = decodeDataSync(kEveryField);
        QVERIFY(f);
        QCOMPARE(f->id, QJsonValue(7));
        const model::Batch &b = f->batch;
        QCOMPARE(b.size(), 6);
        QCOMPARE(b.messages.at(0).text, u"你好 \"q\" \\ / \b\f\n\r\t 😀 é😀"_s);
        QCOMPARE(model::toString(b.messages.at(0).direction), u"out"_s);
        QCOMPARE(model::toString(b.messages.at(0).type), u"image"_s);
        QCOMPARE(b.messages.at(0).createdAt, 1767225601000);
        QCOMPARE(b.users.at(0).videos, -1);
        QCOMPARE(b.users.at(0).following, 0);
        QVERIFY(b.users.at(0).verified);
        QVERIFY(b.comments.at(0).recalled);
        QCOMPARE(b.contents.at(0).publishedAt, 1767225600000);
    }

    // Errors of every kind, and valid frames written in ways the fast path leaves to the general
    // one: it declines them all.
    void leavesTheRestToTheGeneralPath_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("valid"); // whether the general path accepts it
        const auto batch = [](const QByteArray &inner) {
            return json("{'type':'data_sync','id':1,'batch':{'platform':'demo'," + inner + "}}");
        };
        const auto message = [&](const QByteArray &fields) {
            return batch("'messages':[{'account_id':'a','conversation_id':'c','platform_id':'m'," + fields +
                         "}]");
        };
        // Valid, but not the way workers write them.
        QTest::newRow("an integer written 5.0") << message("'created_at':5.0") << true;
        QTest::newRow("an integer written 5e0") << message("'created_at':5e0") << true;
        QTest::newRow("v written 1.0") << "{'type':'data_sync','v':1.0,'batch':{'platform':'d'}}"_j << true;
        QTest::newRow("an escaped field name") << message("'cre\\u0061ted_at':5") << true;
        QTest::newRow("another field at the top")
            << "{'type':'data_sync','note':'x','batch':{'platform':'d'}}"_j << true;
        QTest::newRow("a fractional id")
            << "{'type':'data_sync','id':1.5,'batch':{'platform':'d'}}"_j << true;
        // Errors.
        QTest::newRow("another type") << "{'type':'heartbeat','batch':{'platform':'d'}}"_j << false;
        QTest::newRow("no type") << "{'batch':{'platform':'d'}}"_j << false;
        QTest::newRow("no batch") << "{'type':'data_sync'}"_j << false;
        QTest::newRow("batch null") << "{'type':'data_sync','batch':null}"_j << false;
        QTest::newRow("v 2") << "{'type':'data_sync','v':2,'batch':{'platform':'d'}}"_j << false;
        QTest::newRow("id null") << "{'type':'data_sync','id':null,'batch':{'platform':'d'}}"_j << false;
        QTest::newRow("id true") << "{'type':'data_sync','id':true,'batch':{'platform':'d'}}"_j << false;
        QTest::newRow("no platform") << "{'type':'data_sync','batch':{}}"_j << false;
        QTest::newRow("empty platform") << "{'type':'data_sync','batch':{'platform':''}}"_j << false;
        QTest::newRow("platform too long") << json("{'type':'data_sync','batch':{'platform':'" +
                                                   QByteArray(kMaxPlatformChars + 1, 'p') + "'}}")
                                           << false;
        QTest::newRow("an unknown list") << batch("'likes':[]") << false;
        QTest::newRow("a list that is an object") << batch("'messages':{}") << false;
        QTest::newRow("a record that is null") << batch("'messages':[null]") << false;
        QTest::newRow("an unknown field") << message("'created_at':5,'created':5") << false;
        QTest::newRow("a required field missing") << message("'text':'x'") << false;
        QTest::newRow("a required field null") << message("'created_at':null") << false;
        QTest::newRow("a string that is a number") << message("'created_at':5,'text':5") << false;
        QTest::newRow("a number that is a string") << message("'created_at':'5'") << false;
        QTest::newRow("a boolean that is a number") << message("'created_at':5,'recalled':1") << false;
        QTest::newRow("an unknown direction") << message("'created_at':5,'direction':'up'") << false;
        QTest::newRow("an unsafe integer") << message("'created_at':9007199254740993") << false;
        QTest::newRow("a number out of range") << message("'created_at':1e400") << false;
        QTest::newRow("a leading zero") << message("'created_at':05") << false;
        QTest::newRow("a lone high surrogate") << message("'created_at':5,'text':'\\ud83d'") << false;
        QTest::newRow("a lone low surrogate") << message("'created_at':5,'text':'\\ude00x'") << false;
        // Qt's parser reads these two (as "x" and a tab); the protocol does not promise them.
        QTest::newRow("an unknown escape") << message("'created_at':5,'text':'\\x'") << true;
        QTest::newRow("a raw control character") << message("\"created_at\":5,\"text\":\"a\tb\"") << true;
        QTest::newRow("invalid UTF-8") << message("\"created_at\":5,\"text\":\"\xc3\x28\"") << false;
        QTest::newRow("an encoded surrogate")
            << message("\"created_at\":5,\"text\":\"\xed\xa0\x80\"") << false;
        QTest::newRow("trailing garbage") << "{'type':'data_sync','batch':{'platform':'d'}} x"_j << false;
        QTest::newRow("a trailing comma") << "{'type':'data_sync','batch':{'platform':'d',}}"_j << false;
        QTest::newRow("too many records")
            << batch("'conversations':[" +
                     QByteArray("{'account_id':'a','platform_id':'c'},").repeated(kMaxBatchRecords) +
                     "{'account_id':'a','platform_id':'c'}]")
            << false;
    }

    void leavesTheRestToTheGeneralPath()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, valid);
        QCOMPARE(generalPath(frame).has_value(), valid);
        QVERIFY(!decodeDataSync(frame).has_value());
    }

    void duplicateFieldsAreLeftAlone()
    {
        for (
            const QByteArray &frame : {
                "{'type':'data_sync','type':'data_sync','batch':{'platform':'d'}}"_j,
                "{'type':'data_sync','batch':{'platform':'d','platform':'e'}}"_j,
                "{'type':'data_sync','batch':{'platform':'d','users':[],'users':[]}}"_j,
                "{'type':'data_sync','batch':{'platform':'d','users':[{'platform_id':'u','name':'a','name':'b'}]}}"_j,
            })
            QVERIFY2(!decodeDataSync(frame).has_value(), frame.constData());
    }

    // The most records a batch may hold is accepted by both.
    void recordLimitIsInclusive()
    {
        const QByteArray frame =
            json("{'type':'data_sync','batch':{'platform':'d','conversations':[" +
                 QByteArray("{'account_id':'a','platform_id':'c'},").repeated(kMaxBatchRecords - 1) +
                 "{'account_id':'a','platform_id':'c'}]}}");
        const std::optional<DataSyncFrame> f = decodeDataSync(frame);
        QVERIFY(f);
        QCOMPARE(f->batch.conversations.size(), kMaxBatchRecords);
        QVERIFY(disagreement(frame).isEmpty());
    }

    // Characters at the edges of Unicode, where a decoder could differ from Qt's.
    void unusualCharactersAgree_data()
    {
        QTest::addColumn<QByteArray>("text"); // a JSON string's contents, as sent
        QTest::newRow("U+FFFE") << "\xef\xbf\xbe"_ba;
        QTest::newRow("U+FFFF") << "\xef\xbf\xbf"_ba;
        QTest::newRow("U+FDD0") << "\xef\xb7\x90"_ba;
        QTest::newRow("U+10FFFF") << "\xf4\x8f\xbf\xbf"_ba;
        QTest::newRow("beyond U+10FFFF") << "\xf4\x90\x80\x80"_ba;
        QTest::newRow("overlong slash") << "\xc0\xaf"_ba;
        QTest::newRow("BOM") << "\xef\xbb\xbf"_ba;
        QTest::newRow("escaped U+FFFF") << "\\uffff"_ba;
        QTest::newRow("escaped U+0000") << "\\u0000"_ba;
        QTest::newRow("DEL") << "\x7f"_ba;
        QTest::newRow("NUL") << QByteArray(1, '\0');
    }

    void unusualCharactersAgree()
    {
        QFETCH(QByteArray, text);
        const QByteArray frame =
            json("{'type':'data_sync','batch':{'platform':'d','accounts':[{'platform_id':'a','name':'") +
            text + json("'}]}}");
        const QString d = disagreement(frame);
        QVERIFY2(d.isEmpty(), qPrintable(d));
    }

    // Every prefix of a frame, and the frame with each byte replaced by a byte that matters to
    // JSON: wherever the fast path accepts, the general path accepts the same.
    void agreesOnEveryCutAndReplacement()
    {
        int accepted = 0;
        for (qsizetype n = 0; n <= kEveryField.size(); ++n) {
            const QByteArray cut = kEveryField.left(n);
            const QString d = disagreement(cut);
            QVERIFY2(d.isEmpty(), qPrintable(d + u" (first "_s + QString::number(n) + u" bytes)"_s));
        }
        const QByteArray replacements = "\"\\{}[],:0-1.eEnt \x01\xff\x80u"_ba;
        for (qsizetype i = 0; i < kEveryField.size(); ++i) {
            for (const char r : replacements) {
                QByteArray frame = kEveryField;
                frame[i] = r;
                const QString d = disagreement(frame);
                QVERIFY2(d.isEmpty(), qPrintable(d + u": "_s + QString::fromUtf8(frame)));
                accepted += decodeDataSync(frame).has_value() ? 1 : 0;
            }
        }
        QVERIFY2(accepted > 0, "some replacements (in texts) leave the frame valid");
    }

    // Random edits (a seeded generator, so a failure repeats): inserted, deleted and replaced
    // bytes anywhere.
    void agreesOnRandomEdits()
    {
        QRandomGenerator rng(20261204);
        const QByteArray alphabet = "\"\\{}[],:0123456789-+.eEtrufalsn u\x01\x7f\xc3\xa9\xed\xa0\x80"_ba;
        int accepted = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray frame = kEveryField;
            const int edits = 1 + int(rng.bounded(3));
            for (int k = 0; k < edits; ++k) {
                const qsizetype at = rng.bounded(int(frame.size()));
                const char c = alphabet.at(rng.bounded(int(alphabet.size())));
                switch (rng.bounded(3)) {
                case 0:
                    frame.insert(at, c);
                    break;
                case 1:
                    frame.remove(at, 1);
                    break;
                default:
                    frame[at] = c;
                }
            }
            const QString d = disagreement(frame);
            QVERIFY2(d.isEmpty(), qPrintable(d + u": "_s + QString::fromUtf8(frame.toPercentEncoding())));
            accepted += decodeDataSync(frame).has_value() ? 1 : 0;
        }
        QVERIFY2(accepted > 0, "some edits leave the frame valid");
    }
};

QTEST_GUILESS_MAIN(TestDataSyncDecoder)
#include "TestDataSyncDecoder.moc"
