// SPDX-License-Identifier: GPL-3.0-or-later
#include "master/Peer.h"
#include "protocol/Protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QtEndian>

using namespace hiscrm;
using namespace hiscrm::protocol;
using namespace Qt::StringLiterals;

namespace {

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// A batch with one record of every kind and every field set, so each field can be broken in turn.
// Raw strings in this file hold no "//" and no unbalanced brace: moc misreads either and then
// loses the test class.
QJsonObject validBatch()
{
    return parseObject(R"({
        "platform": "demo",
        "accounts": [{"platform_id": "acc-1", "name": "Shop", "avatar": "cdn.example/a/1.png"}],
        "users": [{"platform_id": "u-1", "name": "Mei", "avatar": "cdn.example/a/u.png", "signature": "hi",
                   "followers": 12, "following": 3, "videos": -1, "verified": true}],
        "contents": [{"account_id": "acc-1", "platform_id": "vid-1", "title": "Unboxing", "url": "cdn.example/v/1",
                      "cover": "cdn.example/c/1.jpg", "published_at": 1767225600000}],
        "conversations": [{"account_id": "acc-1", "platform_id": "conv-1", "peer_id": "u-1"}],
        "messages": [{"account_id": "acc-1", "conversation_id": "conv-1", "platform_id": "m-1", "sender_id": "u-1",
                      "direction": "in", "type": "text", "text": "你好", "media": "", "created_at": 1767225601000,
                      "recalled": false}],
        "comments": [{"account_id": "acc-1", "content_id": "vid-1", "platform_id": "c-1", "parent_id": "",
                      "author_id": "u-1", "text": "nice", "created_at": 1767225602000, "recalled": false}]
    })"_ba);
}

// validBatch() with list[0].key set to value (or removed when value is undefined).
QJsonObject withField(const QString &list, const QString &key, const QJsonValue &value)
{
    QJsonObject b = validBatch();
    QJsonArray a = b.value(list).toArray();
    QJsonObject r = a.at(0).toObject();
    if (value.isUndefined())
        r.remove(key);
    else
        r.insert(key, value);
    a[0] = r;
    b.insert(list, a);
    return b;
}

// QVERIFY2 evaluates its message even when the check passes, so it must not assume a failure.
template <typename T> QString messageOf(const std::variant<T, ProtocolError> &r)
{
    return std::holds_alternative<ProtocolError>(r) ? std::get<ProtocolError>(r).message : QString();
}

QString codeOf(const std::variant<model::Batch, ProtocolError> &r)
{
    return std::holds_alternative<ProtocolError>(r) ? std::get<ProtocolError>(r).code : QString();
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void parseFrame_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code"); // empty: accepted

        QTest::newRow("minimal frame") << R"({"type":"heartbeat"})"_ba << QString();
        QTest::newRow("string id and version 1") << R"({"type":"x","id":"a-1","v":1})"_ba << QString();
        QTest::newRow("number id") << R"({"type":"x","id":7})"_ba << QString();
        QTest::newRow("version written as 1.0") << R"({"type":"x","v":1.0})"_ba << QString();

        QTest::newRow("one byte over the limit") << QByteArray(kMaxFrameBytes + 1, ' ') << u"too_large"_s;
        QTest::newRow("invalid UTF-8 byte") << "{\"type\":\"\xff\"}"_ba << u"bad_json"_s;
        QTest::newRow("overlong UTF-8 encoding") << "{\"type\":\"\xc0\xaf\"}"_ba << u"bad_json"_s;
        QTest::newRow("truncated UTF-8 sequence") << "{\"type\":\"\xe4\xbd\"}"_ba << u"bad_json"_s;
        QTest::newRow("not JSON") << "hello"_ba << u"bad_json"_s;
        QTest::newRow("empty frame") << QByteArray() << u"bad_json"_s;
        QTest::newRow("JSON array") << R"([{"type":"x"}])"_ba << u"bad_json"_s;
        QTest::newRow("JSON string") << R"("type")"_ba << u"bad_json"_s;
        QTest::newRow("JSON number") << "42"_ba << u"bad_json"_s;
        QTest::newRow("trailing garbage") << "{\"type\":\"x\"} {"_ba << u"bad_json"_s;
        QTest::newRow("unterminated object") << "{\"type\":\"x\""_ba << u"bad_json"_s;
        QTest::newRow("missing type") << R"({"id":1})"_ba << u"bad_request"_s;
        QTest::newRow("type is a number") << R"({"type":1})"_ba << u"bad_request"_s;
        QTest::newRow("type is null") << R"({"type":null})"_ba << u"bad_request"_s;
        QTest::newRow("type is empty") << R"({"type":""})"_ba << u"bad_request"_s;
        QTest::newRow("version 2") << R"({"type":"x","v":2})"_ba << u"unsupported"_s;
        QTest::newRow("version 0") << R"({"type":"x","v":0})"_ba << u"unsupported"_s;
        QTest::newRow("version as a string") << R"({"type":"x","v":"1"})"_ba << u"unsupported"_s;
        QTest::newRow("version 1.5") << R"({"type":"x","v":1.5})"_ba << u"unsupported"_s;
        QTest::newRow("id is null") << R"({"type":"x","id":null})"_ba << u"bad_request"_s;
        QTest::newRow("id is an object") << R"({"type":"x","id":{}})"_ba << u"bad_request"_s;
        QTest::newRow("id is an array") << R"({"type":"x","id":[1]})"_ba << u"bad_request"_s;
        QTest::newRow("id is a boolean") << R"({"type":"x","id":true})"_ba << u"bad_request"_s;
    }

    void parseFrame()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        const auto r = protocol::parseFrame(bytes);
        if (code.isEmpty()) {
            QVERIFY2(std::holds_alternative<Envelope>(r), qPrintable(messageOf(r)));
        } else {
            QVERIFY(std::holds_alternative<ProtocolError>(r));
            QCOMPARE(std::get<ProtocolError>(r).code, code);
            QVERIFY(!std::get<ProtocolError>(r).message.isEmpty());
        }
    }

    void envelopeFields()
    {
        const auto r = protocol::parseFrame(R"({"type":"data_sync","id":"x-9","v":1,"batch":{}})"_ba);
        QVERIFY(std::holds_alternative<Envelope>(r));
        const Envelope &e = std::get<Envelope>(r);
        QCOMPARE(e.type, u"data_sync"_s);
        QCOMPARE(e.id, QJsonValue(u"x-9"_s));
        QVERIFY(e.body.value(u"batch"_s).isObject());

        const auto noId = protocol::parseFrame(R"({"type":"heartbeat"})"_ba);
        QVERIFY(std::get<Envelope>(noId).id.isUndefined());
    }

    // Half a surrogate pair, escaped (what JavaScript's JSON.stringify writes for a string cut
    // inside an emoji), is refused wherever it is: QJsonDocument would decode it into a QString that
    // SQLite stores as "?", so "m\ud800" and "m\udbff" would become one row.
    void loneSurrogatesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("field"); // the message must name it
        QTest::addColumn<QJsonValue>("re");

        const auto sync = [](const QByteArray &messages) {
            return "{\"type\":\"data_sync\",\"id\":\"s-1\",\"batch\":{\"platform\":\"demo\",\"messages\":[" +
                   messages + "]}}";
        };
        const auto message = [](const QByteArray &id, const QByteArray &text) {
            return "{\"account_id\":\"acc-1\",\"conversation_id\":\"conv-1\",\"platform_id\":\"" + id +
                   "\",\"sender_id\":\"u-1\",\"text\":\"" + text + "\",\"created_at\":1767225601000}";
        };
        const QByteArray ok = message("m-0", "fine");
        const QJsonValue s1(u"s-1"_s);

        QTest::newRow("high half in a platform id") << sync(ok + ',' + ok + ',' + message("m\\ud800", "x"))
                                                    << u"batch.messages[2].platform_id"_s << s1;
        // A data_sync of one message with this id and text; field is the message's field to name.
        const auto oneMessage = [&](const char *name, const QByteArray &id, const QByteArray &text,
                                    const QString &field) {
            QTest::newRow(name) << sync(message(id, text)) << u"batch.messages[0]."_s + field << s1;
        };
        oneMessage("another high half in a platform id", "m\\udbff", "x", u"platform_id"_s);
        oneMessage("capital hex digits", "m\\uD800", "x", u"platform_id"_s);
        oneMessage("low half alone in a text", "m-1", "ok \\udc00", u"text"_s);
        oneMessage("high half before a plain escape", "m-1", "\\ud83d\\u0041", u"text"_s);
        oneMessage("halves in the wrong order", "m-1", "\\ude00\\ud83d", u"text"_s);
        oneMessage("high half at the end of a text", "m-1", "cut \\ud83d", u"text"_s);
        QTest::newRow("register worker_id") << "{\"type\":\"register\",\"id\":1,\"token\":\"t\",\"worker_"
                                               "id\":\"w\\ud800\",\"platform\":\"demo\","
                                               "\"accounts\":[]}"_ba
                                            << u"worker_id"_s << QJsonValue(1);
        QTest::newRow("register accounts")
            << "{\"type\":\"register\",\"id\":2,\"token\":\"t\",\"worker_id\":\"w\",\"platform\":\"demo\","
               "\"accounts\":[\"acc-1\",\"acc-\\udfff\"]}"_ba
            << u"accounts[1]"_s << QJsonValue(2);
        QTest::newRow("account_status error")
            << "{\"type\":\"account_status\",\"id\":3,\"account_id\":\"acc-1\",\"state\":\"error\","
               "\"error\":\"\\ud800\"}"_ba
            << u"error"_s << QJsonValue(3);
        QTest::newRow("reply_result platform_id")
            << "{\"type\":\"reply_result\",\"id\":4,\"item_id\":5,\"sent\":true,\"platform_id\":\"pm\\ud800\"}"_ba
            << u"platform_id"_s << QJsonValue(4);
        QTest::newRow("type") << "{\"type\":\"heart\\ud800\",\"id\":5}"_ba << u"type"_s << QJsonValue(5);
        QTest::newRow("a field the master ignores")
            << "{\"type\":\"heartbeat\",\"id\":6,\"note\":[\"\\ud800\"]}"_ba << u"note[0]"_s << QJsonValue(6);
        QTest::newRow("a field name")
            << "{\"type\":\"heartbeat\",\"id\":7,\"n\\ud800\":1}"_ba << u"field name"_s << QJsonValue(7);
        // An id that is not what the worker sent cannot be answered.
        QTest::newRow("the id itself") << "{\"type\":\"heartbeat\",\"id\":\"h\\ud800\"}"_ba << u"id"_s
                                       << QJsonValue(QJsonValue::Undefined);
    }

    void loneSurrogatesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, field);
        QFETCH(QJsonValue, re);
        QVERIFY2(!QJsonDocument::fromJson(bytes).isNull(), "the frame itself must be valid JSON");
        const auto r = protocol::parseFrame(bytes);
        QVERIFY(std::holds_alternative<ProtocolError>(r));
        const ProtocolError &e = std::get<ProtocolError>(r);
        QCOMPARE(e.code, u"bad_request"_s);
        QVERIFY2(e.message.contains(field), qPrintable(e.message));
        QVERIFY2(e.message.contains(u"unpaired UTF-16 surrogate"_s), qPrintable(e.message));
        QCOMPARE(e.re, re);
    }

    void validUnicodeIsAccepted_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("escaped pair") << "{\"type\":\"x\",\"t\":\"a\\ud83d\\ude00\"}"_ba << u"a😀"_s;
        QTest::newRow("capital pair") << "{\"type\":\"x\",\"t\":\"\\uD83D\\uDE00\"}"_ba << u"😀"_s;
        QTest::newRow("emoji as UTF-8") << "{\"type\":\"x\",\"t\":\"\xf0\x9f\x98\x80\"}"_ba << u"😀"_s;
        QTest::newRow("escaped backslash before u")
            << "{\"type\":\"x\",\"t\":\"\\\\ud800\"}"_ba << u"\\ud800"_s;
        QTest::newRow("escapes next to a pair")
            << "{\"type\":\"x\",\"t\":\"\\\"\\n\\ud83d\\ude00\\u00e9\"}"_ba << u"\"\n😀é"_s;
        QTest::newRow("replacement character") << "{\"type\":\"x\",\"t\":\"\\ufffd\"}"_ba << u"\ufffd"_s;
    }

    void validUnicodeIsAccepted()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        const auto r = protocol::parseFrame(bytes);
        QVERIFY2(std::holds_alternative<Envelope>(r), qPrintable(messageOf(r)));
        QCOMPARE(std::get<Envelope>(r).body.value(u"t"_s).toString(), text);
    }

    // Numbers a double cannot hold are refused by Qt's parser as a whole frame; the protocol makes
    // them a bad_request that names the field, as for any other unsafe integer.
    void numbersOutOfRange_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field"); // bad_request: the message names it
        QTest::addColumn<QJsonValue>("re");

        const QByteArray digits400(400, '9');
        const auto sync = [](const QByteArray &createdAt) {
            return "{\"type\":\"data_sync\",\"id\":\"s-2\",\"batch\":{\"platform\":\"demo\",\"messages\":[{"
                   "\"account_id\":\"a\",\"conversation_id\":\"c\",\"platform_id\":\"m\",\"created_at\":" +
                   createdAt + "}]}}";
        };
        const QJsonValue s2(u"s-2"_s);
        QTest::newRow("1e400") << sync("1e400") << u"bad_request"_s << u"batch.messages[0].created_at"_s
                               << s2;
        QTest::newRow("-1E+400") << sync("-1E+400") << u"bad_request"_s << u"batch.messages[0].created_at"_s
                                 << s2;
        QTest::newRow("1e-400") << sync("1e-400") << u"bad_request"_s << u"batch.messages[0].created_at"_s
                                << s2;
        QTest::newRow("400-digit integer")
            << sync(digits400) << u"bad_request"_s << u"batch.messages[0].created_at"_s << s2;
        QTest::newRow("in an array after a string holding a number")
            << "{\"type\":\"x\",\"id\":3,\"a\":\"1e400\",\"b\":[1,\"]\",2e999]}"_ba << u"bad_request"_s
            << u"b[2]"_s << QJsonValue(3);
        QTest::newRow("reply_result item_id")
            << "{\"type\":\"reply_result\",\"id\":4,\"item_id\":1e400,\"sent\":true}"_ba << u"bad_request"_s
            << u"item_id"_s << QJsonValue(4);
        QTest::newRow("as the id") << "{\"type\":\"heartbeat\",\"id\":1e400}"_ba << u"bad_request"_s
                                   << u"id"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("several") << "{\"type\":\"x\",\"id\":5,\"a\":1e400,\"b\":-" + digits400 + "}"
                                 << u"bad_request"_s << u"a"_s << QJsonValue(5);

        // Not JSON numbers at all, or not JSON around them: the frame stays bad_json.
        const QJsonValue none(QJsonValue::Undefined);
        QTest::newRow("plus sign") << "{\"type\":\"x\",\"a\":+1}"_ba << u"bad_json"_s << QString() << none;
        QTest::newRow("exponent without digits")
            << "{\"type\":\"x\",\"a\":1e}"_ba << u"bad_json"_s << QString() << none;
        QTest::newRow("lone minus") << "{\"type\":\"x\",\"a\":-}"_ba << u"bad_json"_s << QString() << none;
        QTest::newRow("1e400 in broken JSON")
            << "{\"type\":\"x\",\"id\":1,\"a\":1e400,}"_ba << u"bad_json"_s << QString() << none;
        QTest::newRow("1e400 in an array frame") << "[1e400]"_ba << u"bad_json"_s << QString() << none;
    }

    void numbersOutOfRange()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        QFETCH(QString, field);
        QFETCH(QJsonValue, re);
        const auto r = protocol::parseFrame(bytes);
        QVERIFY(std::holds_alternative<ProtocolError>(r));
        const ProtocolError &e = std::get<ProtocolError>(r);
        QCOMPARE(e.code, code);
        QVERIFY2(e.message.contains(field), qPrintable(e.message));
        QCOMPARE(e.re, re);
    }

    // Errors found after the JSON was read answer the frame's id.
    void envelopeErrorsCarryTheId()
    {
        const auto noType = protocol::parseFrame("{\"id\":3}"_ba);
        QCOMPARE(std::get<ProtocolError>(noType).re, QJsonValue(3));
        const auto v2 = protocol::parseFrame("{\"type\":\"x\",\"id\":\"h\",\"v\":2}"_ba);
        QCOMPARE(std::get<ProtocolError>(v2).code, u"unsupported"_s);
        QCOMPARE(std::get<ProtocolError>(v2).re, QJsonValue(u"h"_s));
        const auto objectId = protocol::parseFrame("{\"type\":\"x\",\"id\":{}}"_ba);
        QVERIFY(std::get<ProtocolError>(objectId).re.isUndefined());
        const auto broken = protocol::parseFrame("{\"type\":\"x\",\"id\":1"_ba);
        QVERIFY(std::get<ProtocolError>(broken).re.isUndefined());
    }

    void frameAtTheLimitIsAccepted()
    {
        const QByteArray head = "{\"type\":\"x\",\"pad\":\""_ba;
        const QByteArray tail = "\"}"_ba;
        const QByteArray bytes = head + QByteArray(kMaxFrameBytes - head.size() - tail.size(), 'a') + tail;
        QCOMPARE(bytes.size(), kMaxFrameBytes);
        QVERIFY(std::holds_alternative<Envelope>(protocol::parseFrame(bytes)));
    }

    void validBatchIsAccepted()
    {
        const auto r = batchFromJson(validBatch());
        QVERIFY2(std::holds_alternative<model::Batch>(r), qPrintable(messageOf(r)));
        const model::Batch &b = std::get<model::Batch>(r);
        QCOMPARE(b.platform, u"demo"_s);
        QCOMPARE(b.size(), 6);
        QCOMPARE(b.messages.at(0).text, u"你好"_s);
        QCOMPARE(b.messages.at(0).createdAt, 1767225601000);
        QCOMPARE(b.users.at(0).videos, -1);
        QVERIFY(b.users.at(0).verified);
        QCOMPARE(b.contents.at(0).publishedAt, 1767225600000);
        QCOMPARE(b.comments.at(0).contentId, u"vid-1"_s);
    }

    void optionalFieldsMayBeAbsentOrNull()
    {
        const QJsonObject o = parseObject(R"({
            "platform": "demo",
            "users": [{"platform_id": "u-1", "name": null}],
            "messages": [{"account_id": "a", "conversation_id": "c", "platform_id": "m", "created_at": 5,
                          "direction": null, "media": null}],
            "comments": null
        })"_ba);
        const auto r = batchFromJson(o);
        QVERIFY2(std::holds_alternative<model::Batch>(r), qPrintable(messageOf(r)));
        const model::Batch &b = std::get<model::Batch>(r);
        QCOMPARE(b.users.at(0).followers, -1);
        QCOMPARE(model::toString(b.messages.at(0).direction), model::toString(model::Direction::In));
        QCOMPARE(model::toString(b.messages.at(0).type), model::toString(model::MessageType::Text));
        QVERIFY(b.comments.isEmpty());
    }

    void batchFromJsonRefuses_data()
    {
        QTest::addColumn<QJsonObject>("batch");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field"); // the message must name it

        // Every field of every record with a value of the wrong JSON type.
        const QJsonObject valid = validBatch();
        for (const QString &list : valid.keys()) {
            if (list == u"platform"_s)
                continue;
            const QJsonObject record = valid.value(list).toArray().at(0).toObject();
            for (auto it = record.constBegin(); it != record.constEnd(); ++it) {
                const QJsonValue wrong = it->isString() ? QJsonValue(42) : QJsonValue(u"42"_s);
                const QString field = u"%1[0].%2"_s.arg(list, it.key());
                QTest::addRow("%s is of the wrong type", qPrintable(field))
                    << withField(list, it.key(), wrong) << u"bad_request"_s << field;
            }
        }

        QTest::newRow("boolean given as a number")
            << withField(u"messages"_s, u"recalled"_s, 1) << u"bad_request"_s << u"messages[0].recalled"_s;
        QTest::newRow("integer with a fraction") << withField(u"messages"_s, u"created_at"_s, 1.5)
                                                 << u"bad_request"_s << u"messages[0].created_at"_s;
        QTest::newRow("integer above 2^53")
            << QJsonObject(parseObject(
                   R"({"platform":"demo","users":[{"platform_id":"u","followers":9007199254740993}]})"_ba))
            << u"bad_request"_s << u"users[0].followers"_s;
        QTest::newRow("integer far beyond 64 bits") << withField(u"contents"_s, u"published_at"_s, 1e300)
                                                    << u"bad_request"_s << u"contents[0].published_at"_s;
        QTest::newRow("integer given as a boolean")
            << withField(u"users"_s, u"followers"_s, true) << u"bad_request"_s << u"users[0].followers"_s;
        QTest::newRow("unknown direction") << withField(u"messages"_s, u"direction"_s, u"sideways"_s)
                                           << u"bad_request"_s << u"messages[0].direction"_s;
        QTest::newRow("direction in capitals") << withField(u"messages"_s, u"direction"_s, u"IN"_s)
                                               << u"bad_request"_s << u"messages[0].direction"_s;
        QTest::newRow("unknown message type") << withField(u"messages"_s, u"type"_s, u"hologram"_s)
                                              << u"bad_request"_s << u"messages[0].type"_s;
        QTest::newRow("message type as its number")
            << withField(u"messages"_s, u"type"_s, 0) << u"bad_request"_s << u"messages[0].type"_s;
        QTest::newRow("required id missing")
            << withField(u"messages"_s, u"platform_id"_s, QJsonValue(QJsonValue::Undefined))
            << u"bad_request"_s << u"messages[0].platform_id"_s;
        QTest::newRow("required id null") << withField(u"comments"_s, u"content_id"_s, QJsonValue())
                                          << u"bad_request"_s << u"comments[0].content_id"_s;
        QTest::newRow("created_at missing")
            << withField(u"comments"_s, u"created_at"_s, QJsonValue(QJsonValue::Undefined))
            << u"bad_request"_s << u"comments[0].created_at"_s;
        QTest::newRow("misspelt field")
            << withField(u"messages"_s, u"created"_s, 5) << u"bad_request"_s << u"messages[0].created"_s;

        QJsonObject b = validBatch();
        b.remove(u"platform"_s);
        QTest::newRow("platform missing") << b << u"bad_request"_s << u"platform"_s;
        b.insert(u"platform"_s, 3);
        QTest::newRow("platform is a number") << b << u"bad_request"_s << u"platform"_s;
        b.insert(u"platform"_s, QString());
        QTest::newRow("platform is empty") << b << u"bad_request"_s << u"platform"_s;
        b.insert(u"platform"_s, QString(65, u'p'));
        QTest::newRow("platform of 65 characters") << b << u"bad_request"_s << u"platform"_s;

        b = validBatch();
        b.insert(u"extra"_s, 1);
        QTest::newRow("unknown list") << b << u"bad_request"_s << u"extra"_s;
        b = validBatch();
        b.insert(u"messages"_s, QJsonObject());
        QTest::newRow("list is an object") << b << u"bad_request"_s << u"messages"_s;
        b = validBatch();
        b.insert(u"users"_s, QJsonArray{validBatch().value(u"users"_s).toArray().at(0), u"u-2"_s});
        QTest::newRow("record is a string") << b << u"bad_request"_s << u"users[1]"_s;

        QJsonArray users;
        for (int i = 0; i < kMaxBatchRecords; ++i)
            users.append(QJsonObject{{u"platform_id"_s, u"u-%1"_s.arg(i)}});
        b = validBatch(); // 6 records already
        b.insert(u"users"_s, users);
        QTest::newRow("too many records") << b << u"too_large"_s << QString::number(kMaxBatchRecords);
    }

    void batchFromJsonRefuses()
    {
        QFETCH(QJsonObject, batch);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const auto r = batchFromJson(batch);
        QVERIFY(std::holds_alternative<ProtocolError>(r));
        const ProtocolError &e = std::get<ProtocolError>(r);
        QCOMPARE(e.code, code);
        QVERIFY2(e.message.contains(field), qPrintable(e.message));
    }

    void recordLimitIsInclusive()
    {
        QJsonArray users;
        for (int i = 0; i < kMaxBatchRecords; ++i)
            users.append(QJsonObject{{u"platform_id"_s, u"u-%1"_s.arg(i)}});
        const QJsonObject b{{u"platform"_s, u"demo"_s}, {u"users"_s, users}};
        QCOMPARE(codeOf(batchFromJson(b)), QString());
    }

    void largestSafeIntegerIsAccepted()
    {
        const auto r = batchFromJson(parseObject(
            R"({"platform":"demo","users":[{"platform_id":"u","followers":9007199254740992}]})"_ba));
        QCOMPARE(codeOf(r), QString());
        QCOMPARE(std::get<model::Batch>(r).users.at(0).followers, qint64(1) << 53);
    }

    void roundTrip()
    {
        model::Batch b;
        b.platform = u"douyin"_s;
        b.accounts << model::AccountRecord{u"acc-1"_s, u"店铺"_s, u"https://a"_s};
        b.users << model::UserRecord{u"u-1"_s, u"小美"_s, u"https://u"_s, u"签名"_s, 9007199254740992, 0,
                                     -1,       true};
        b.contents << model::ContentRecord{u"acc-1"_s,     u"vid-1"_s,     u"标题"_s,
                                           u"https://v"_s, u"https://c"_s, 42};
        b.conversations << model::ConversationRecord{u"acc-1"_s, u"conv-1"_s, u"u-1"_s};
        model::MessageRecord m;
        m.accountId = u"acc-1"_s;
        m.conversationId = u"conv-1"_s;
        m.platformId = u"m-1"_s;
        m.senderId = u"acc-1"_s;
        m.direction = model::Direction::Out;
        m.type = model::MessageType::Sticker;
        m.text = u"\"quoted\" \\ and\nnewline 🎉"_s;
        m.media = u"sticker:42"_s;
        m.createdAt = 1767225600123;
        m.recalled = true;
        b.messages << m;
        b.comments << model::CommentRecord{u"acc-1"_s, u"vid-1"_s, u"c-2"_s, u"c-1"_s,
                                           u"u-1"_s,   u"好看"_s,  7,        true};

        const QJsonObject json = batchToJson(b);
        // Through text, as on the wire.
        const QByteArray wire = frame(json);
        const auto r = batchFromJson(parseObject(wire));
        QVERIFY2(std::holds_alternative<model::Batch>(r), qPrintable(messageOf(r)));
        const model::Batch &back = std::get<model::Batch>(r);
        QCOMPARE(batchToJson(back), json);
        QCOMPARE(back.size(), b.size());
        QCOMPARE(back.messages.at(0).text, m.text);
        QCOMPARE(model::toString(back.messages.at(0).direction), model::toString(model::Direction::Out));
        QCOMPARE(model::toString(back.messages.at(0).type), model::toString(model::MessageType::Sticker));
        QCOMPARE(back.messages.at(0).recalled, true);
        QCOMPARE(back.users.at(0).followers, 9007199254740992);
        QCOMPARE(back.users.at(0).videos, -1);
        QCOMPARE(back.comments.at(0).parentId, u"c-1"_s);
        QCOMPARE(json.value(u"messages"_s).toArray().at(0).toObject().value(u"direction"_s).toString(),
                 u"out"_s);
    }

    // The change feed writes rows as text (model::appendJson), not through QJsonObject: the text
    // must parse to exactly what toJson gives, whatever the strings hold.
    void rowTextEqualsRowObject_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("arrives"); // what the text is once parsed
        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls += QChar(c);
        const auto same = [](const QString &t) {
            return t;
        };
        QTest::newRow("null") << QString() << QString();
        QTest::newRow("chinese") << same(u"你好，世界"_s) << u"你好，世界"_s;
        QTest::newRow("quotes and backslashes")
            << u"\"a\" \\ \\\\\" \\u0041 /"_s << u"\"a\" \\ \\\\\" \\u0041 /"_s;
        QTest::newRow("every control character") << controls + u"\x7f"_s << controls + u"\x7f"_s;
        QTest::newRow("emoji and line separators")
            << u"🎉👍🏽\u2028\u2029\uFEFF"_s << u"🎉👍🏽\u2028\u2029\uFEFF"_s;
        QTest::newRow("looks like json") << u"\"},{\"rev\":1,"_s << u"\"},{\"rev\":1,"_s;
        // Rows are written through a 2 KiB buffer: texts that fill it part way, that overflow it
        // where they start, and that it can never hold, plain and escaped.
        const QString medium = u"中文English混合"_s.repeated(40); // 440 units: up to 1,322 bytes reserved
        const QString huge = u"长"_s.repeated(1000);              // 3,002 bytes: never in the buffer
        QTest::newRow("medium") << medium << medium;
        QTest::newRow("huge") << huge << huge;
        QTest::newRow("huge with escapes") << huge + u"\"\n"_s + huge << huge + u"\"\n"_s + huge;
        // The store's strings come from UTF-8 and never hold one; if one did, it would not be sent
        // as an escape a client refuses (protocol: lone surrogates), but replaced.
        QTest::newRow("lone surrogates") << QString(QChar(0xD800)) + u"x"_s + QChar(0xDC00) << u"?x?"_s;
    }

    void rowTextEqualsRowObject()
    {
        QFETCH(QString, text);
        QFETCH(QString, arrives);
        const auto check = [&](auto make) {
            QByteArray out = "prefix";
            model::appendJson(out, make(text));
            QVERIFY(out.startsWith("prefix")); // appended, nothing before it touched
            out.remove(0, 6);
            QJsonParseError err;
            const QJsonDocument doc = QJsonDocument::fromJson(out, &err);
            QVERIFY2(err.error == QJsonParseError::NoError,
                     qPrintable(err.errorString() + u": "_s + QString::fromUtf8(out)));
            for (char c : std::as_const(out))
                QVERIFY2(static_cast<unsigned char>(c) >= 0x20, "a control character left unescaped");
            QCOMPARE(QString::fromUtf8(out).toUtf8(), out); // valid UTF-8
            QCOMPARE(doc.object(), model::toJson(make(arrives)));
        };
        check([](const QString &t) {
            return model::Account{7, u"douyin"_s, t, t, t, 9, model::LoginState::Error, t, 1767225600000, 3};
        });
        check(
            [](const QString &t) { return model::User{8, t, t, t, t, t, -1, 0, 9007199254740991, true, 4}; });
        check([](const QString &t) { return model::Content{9, 7, t, t, t, t, 1, 2, 3, 4, 5}; });
        for (const QList<qint64> &tags : {QList<qint64>{}, QList<qint64>{1, 5, 9007199254740991}}) {
            for (qint64 muted : {qint64(0), qint64(1767225600000), model::kMutedForever}) {
                check([&](const QString &t) {
                    model::Conversation c;
                    c.id = 10;
                    c.accountId = 7;
                    c.platformId = t;
                    c.lastPreview = t;
                    c.lastDirection = model::Direction::Out;
                    c.pinned = true;
                    c.mutedUntil = muted;
                    c.tagIds = tags;
                    return c;
                });
            }
        }
        for (bool nullIds : {true, false}) {
            check([&](const QString &t) {
                model::Item i;
                i.id = 11;
                i.kind = model::ItemKind::Comment;
                i.text = t;
                i.media = t;
                i.error = t;
                i.type = model::MessageType::Sticker;
                i.delivery = model::Delivery::Failed;
                // Null: JSON null; empty: "".
                i.platformId = nullIds ? QString() : (t.isNull() ? u""_s : t);
                i.clientRef = nullIds ? QString() : u""_s;
                return i;
            });
        }
        check([](const QString &t) { return model::ItemHistory{11, t, 12, true}; });
        check([](const QString &t) { return model::Tag{13, t, t, 14}; });
        QVERIFY(model::toJson(model::Item{}).value(u"client_ref"_s).isNull());
    }

    // Pages and pushes are framed in place (TextFrame): the header has the shortest length form
    // (RFC 6455 5.2) and the payload is the message, byte for byte, around each form's limits.
    void textFramesHaveTheShortestHeader_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("header");
        for (int n : {0, 1, 125})
            QTest::addRow("%d bytes", n) << n << 2;
        for (int n : {126, 127, 65535})
            QTest::addRow("%d bytes", n) << n << 4;
        for (int n : {65536, 1 << 20})
            QTest::addRow("%d bytes", n) << n << 10;
    }

    void textFramesHaveTheShortestHeader()
    {
        QFETCH(int, size);
        QFETCH(int, header);
        QByteArray message(size, 'x');
        for (int i = 0; i < size; i += 7)
            message[i] = char('a' + i % 26);
        hiscrm::master::TextFrame f;
        f.bytes().append(message);
        QCOMPARE(f.messageSize(), size);
        const QByteArray frame = f.take();
        QCOMPARE(frame.size(), header + size);
        QCOMPARE(quint8(frame[0]), quint8(0x81)); // FIN, text, unmasked
        quint64 length = quint8(frame[1]);
        if (header == 4)
            length = qFromBigEndian<quint16>(frame.constData() + 2);
        else if (header == 10)
            length = qFromBigEndian<quint64>(frame.constData() + 2);
        QCOMPARE(length, quint64(size));
        QVERIFY(quint8(frame[1]) < 126 ? header == 2 : quint8(frame[1]) == 126 ? header == 4 : header == 10);
        QCOMPARE(hiscrm::master::sharedFramePayload(frame), QByteArrayView(message));
        QCOMPARE(f.messageSize(), 0); // emptied: ready for the next frame
    }

    void codeFor()
    {
        QCOMPARE(protocol::codeFor(Error{ErrorCode::InvalidArgument, {}}), code::Invalid);
        QCOMPARE(protocol::codeFor(Error{ErrorCode::NotFound, {}}), code::NotFound);
        QCOMPARE(protocol::codeFor(Error{ErrorCode::Conflict, {}}), code::Conflict);
        QCOMPARE(protocol::codeFor(Error{ErrorCode::Io, {}}), code::Internal);
        QCOMPARE(protocol::codeFor(Error{ErrorCode::Corrupt, {}}), code::Internal);
    }

    void errorFrameShape()
    {
        const QByteArray bytes = errorFrame(u"r-1"_s, QString::fromLatin1(code::BadJson), u"broken"_s);
        QVERIFY(!bytes.contains('\n'));
        const QJsonObject o = parseObject(bytes);
        QCOMPARE(o.size(), 5);
        QCOMPARE(o.value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(o.value(u"v"_s).toInt(), 1);
        QCOMPARE(o.value(u"re"_s).toString(), u"r-1"_s);
        QCOMPARE(o.value(u"code"_s).toString(), u"bad_json"_s);
        QCOMPARE(o.value(u"message"_s).toString(), u"broken"_s);

        // No id to answer: re is null, present.
        const QJsonObject anon = parseObject(errorFrame(QJsonValue(QJsonValue::Undefined), u"x"_s, u"y"_s));
        QVERIFY(anon.contains(u"re"_s));
        QVERIFY(anon.value(u"re"_s).isNull());
        QCOMPARE(parseObject(errorFrame(12, u"x"_s, u"y"_s)).value(u"re"_s).toInt(), 12);
    }

    void frameIsCompact()
    {
        const QByteArray bytes = frame(QJsonObject{{u"type"_s, u"ack"_s}, {u"re"_s, 1}});
        QCOMPARE(bytes, R"({"re":1,"type":"ack"})"_ba);
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "TestProtocol.moc"
