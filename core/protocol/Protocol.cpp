// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/Protocol.h"

#include "protocol/JsonEscapes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUtf8StringView>

#include <cctype>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <optional>
#include <utility>

namespace hiscrm::protocol {

namespace {

ProtocolError fail(const char *code, const QString &message)
{
    return ProtocolError{QString::fromLatin1(code), message};
}

ProtocolError fail(const char *code, const QString &message, const QJsonValue &re)
{
    return ProtocolError{QString::fromLatin1(code), message, re};
}

QJsonValue usableId(const QJsonValue &id)
{
    return id.isString() || id.isDouble() ? id : QJsonValue(QJsonValue::Undefined);
}

// ---- Raw-text checks ----------------------------------------------------------------------------
// QJsonDocument accepts two things the protocol cannot: an escape of one half of a UTF-16
// surrogate pair ("\ud800"), which it decodes into a QString that turns into "?" on its way to
// UTF-8 (two different ids would become one row), and numbers beyond a double's range (1e400),
// which it refuses as a whole frame. Both are found in the frame's text: a frame that is valid
// UTF-8 can hold a surrogate only as an escape, so one scan for backslashes finds every one; and
// numbers are looked at only after the parser refused one, so valid frames pay nothing for it.

// The offset of the first escape of an unpaired surrogate in a frame that parsed as JSON, or -1.
// Only escapes matter: valid UTF-8 holds no surrogates, and in valid JSON every backslash starts an
// escape inside a string.
qsizetype loneSurrogateAt(QByteArrayView json)
{
    const char *const begin = json.data();
    const char *const end = begin + json.size();
    const char *p = begin;
    while (p < end && (p = static_cast<const char *>(std::memchr(p, '\\', size_t(end - p))))) {
        const int unit = escapedUnit(p, end);
        if (unit < 0) {
            p += 2; // \n, \", \\ ...: the escaped character is never the start of another escape
            continue;
        }
        if (unit < 0xD800 || unit > 0xDFFF) {
            p += 6;
            continue;
        }
        if (unit <= 0xDBFF) { // a high half: the low half must follow at once
            const int next = p + 6 < end && p[6] == '\\' ? escapedUnit(p + 6, end) : -1;
            if (next >= 0xDC00 && next <= 0xDFFF) {
                p += 12;
                continue;
            }
        }
        return p - begin;
    }
    return -1;
}

// Where an offset of a JSON text lies, as a path from the frame's root ("batch.messages[2].text").
// Runs only on the error paths, over text the parser accepted (up to the offset).
struct Location
{
    QString path;
    bool inKey = false; // the offset is inside a field name, not a value
};

Location locate(QByteArrayView json, qsizetype offset)
{
    struct Level
    {
        bool object = false;
        QString key;
        qsizetype index = 0;
    };
    QList<Level> stack;
    bool expectKey = false;
    const auto path = [&stack] {
        QString out;
        for (const Level &l : std::as_const(stack)) {
            if (!l.object)
                out += u'[' + QString::number(l.index) + u']';
            else if (!l.key.isNull())
                out += (out.isEmpty() ? QString() : QStringLiteral(".")) + l.key;
        }
        return out;
    };
    for (qsizetype i = 0; i < offset && i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            qsizetype j = i + 1;
            while (j < json.size() && json[j] != '"')
                j += json[j] == '\\' ? 2 : 1;
            const bool key = expectKey && !stack.isEmpty() && stack.last().object;
            if (offset < j) { // inside this string
                if (key) {
                    // The path ends at the object; name the field by what follows.
                    stack.last().key = QString();
                }
                return Location{path(), key};
            }
            if (key) {
                // Decoded as the parser did (escapes and all), for the message.
                const QByteArray quoted =
                    '[' + json.sliced(i, qMin(j + 1, json.size()) - i).toByteArray() + ']';
                stack.last().key = QJsonDocument::fromJson(quoted).array().at(0).toString();
            }
            i = j;
        } else if (c == '{' || c == '[') {
            stack.append(Level{c == '{', QString(), 0});
            expectKey = c == '{';
        } else if ((c == '}' || c == ']') && !stack.isEmpty()) {
            stack.removeLast();
            expectKey = false;
        } else if (c == ',' && !stack.isEmpty()) {
            if (stack.last().object)
                expectKey = true;
            else
                ++stack.last().index;
        } else if (c == ':') {
            expectKey = false;
        }
    }
    return Location{path(), false};
}

// RFC 8259's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(QByteArrayView t)
{
    qsizetype i = 0;
    const qsizetype n = t.size();
    const auto digits = [&] {
        const qsizetype from = i;
        while (i < n && t[i] >= '0' && t[i] <= '9')
            ++i;
        return i > from;
    };
    if (i < n && t[i] == '-')
        ++i;
    if (i < n && t[i] == '0')
        ++i;
    else if (i >= n || t[i] < '1' || t[i] > '9' || !digits())
        return false;
    if (i < n && t[i] == '.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == n;
}

// After QJsonDocument refused a number: when every number it refused is a well-formed JSON number
// out of a double's range (1e400, a 400-digit integer, 1e-400), and the frame is valid JSON apart
// from them, this is the bad_request that names the first one. Otherwise (a malformed number such
// as "+1" or "1e", or other broken JSON) the frame stays a bad_json.
std::optional<ProtocolError> numberOutOfRange(const QByteArray &utf8)
{
    QByteArray repaired = utf8;
    qsizetype first = -1;
    QString excerpt; // the first such number, as sent (shortened)
    bool inString = false;
    for (qsizetype i = 0; i < repaired.size(); ++i) {
        const char c = repaired[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9'))
            continue;
        qsizetype j = i;
        while (j < repaired.size() &&
               (std::isdigit(static_cast<unsigned char>(repaired[j])) || repaired[j] == '-' ||
                repaired[j] == '+' || repaired[j] == '.' || repaired[j] == 'e' || repaired[j] == 'E'))
            ++j;
        const QByteArray token = QByteArray::fromRawData(repaired.constData() + i, j - i);
        if (isJsonNumber(token)) {
            // The parser's own conversions: what they refuse, it refused.
            bool ok = false;
            (void)token.toLongLong(&ok);
            if (!ok)
                (void)token.toDouble(&ok);
            if (!ok) {
                if (first < 0) {
                    first = i;
                    excerpt = QString::fromLatin1(token.left(24)) +
                              (token.size() > 24 ? QStringLiteral("...") : QString());
                }
                // Same length, so offsets in the repaired text are the frame's; every such number
                // has at least 5 characters ("1e309"), room for "null".
                repaired.replace(i, j - i, QByteArray("null").leftJustified(j - i, ' '));
            }
        }
        i = j - 1;
    }
    if (first < 0)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(repaired, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QString where = locate(utf8, first).path;
    return fail(code::BadRequest,
                QStringLiteral("%1 is a number out of range (%2): integers must be at most 2^53 in magnitude")
                    .arg(where.isEmpty() ? QStringLiteral("a value") : where, excerpt),
                usableId(doc.object().value(QLatin1String("id"))));
}

} // namespace

bool safeInteger(const QJsonValue &v, qint64 *out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d)
        return false;
    // toInteger() is exact for integers the parser kept as such, where toDouble() would round.
    constexpr qint64 sentinel = std::numeric_limits<qint64>::min();
    const qint64 i = v.toInteger(sentinel);
    if (i == sentinel || i > kMaxSafeInteger || i < -kMaxSafeInteger)
        return false;
    *out = i;
    return true;
}

namespace {

// The wire names of an enum, for error messages: "in, out".
template <typename E> QString namesOf()
{
    QStringList names;
    for (int i = 0;; ++i) {
        const QString name = model::toString(E(i));
        if (name.isEmpty())
            break;
        names << name;
    }
    return names.join(QStringLiteral(", "));
}

// Reads one JSON object field by field, naming the field in the first error it meets. Absent and
// null optional fields keep their defaults (many worker languages write null for "no value");
// anything else of the wrong type is an error, so a typo never turns into a silent default.
class Reader
{
public:
    Reader(const QJsonObject &object, QString path)
        : m_o(object)
        , m_path(std::move(path))
    {}

    bool failed() const { return m_error.has_value(); }
    ProtocolError error() const { return *m_error; }

    void string(const char *key, QString *out, bool required = false)
    {
        const QJsonValue v = value(key, required);
        if (v.isUndefined())
            return;
        if (!v.isString())
            return setError(key, QStringLiteral("must be a string"));
        *out = v.toString();
    }

    void integer(const char *key, qint64 *out, bool required = false)
    {
        const QJsonValue v = value(key, required);
        if (v.isUndefined())
            return;
        if (!safeInteger(v, out))
            return setError(key, QStringLiteral("must be an integer (at most 2^53 in magnitude)"));
    }

    void boolean(const char *key, bool *out)
    {
        const QJsonValue v = value(key, false);
        if (v.isUndefined())
            return;
        if (!v.isBool())
            return setError(key, QStringLiteral("must be true or false"));
        *out = v.toBool();
    }

    template <typename E> void enumeration(const char *key, E *out)
    {
        const QJsonValue v = value(key, false);
        if (v.isUndefined())
            return;
        if (!v.isString() || !model::fromString(v.toString(), out))
            return setError(key, QStringLiteral("must be one of: %1").arg(namesOf<E>()));
    }

    // Unknown fields are refused so that a misspelt name ("created" for "created_at") is reported
    // rather than ignored.
    void onlyKnown(std::initializer_list<const char *> known)
    {
        if (failed())
            return;
        for (auto it = m_o.constBegin(); it != m_o.constEnd(); ++it) {
            bool ok = false;
            for (const char *k : known) {
                if (it.key() == QLatin1String(k)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                m_error =
                    fail(code::BadRequest, QStringLiteral("%1 is not a known field").arg(field(it.key())));
                return;
            }
        }
    }

private:
    QString field(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }

    // Undefined when absent, null (optional) or after an earlier error.
    QJsonValue value(const char *key, bool required)
    {
        if (failed())
            return QJsonValue(QJsonValue::Undefined);
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                setError(key, QStringLiteral("is required"));
            return QJsonValue(QJsonValue::Undefined);
        }
        return v;
    }

    void setError(const char *key, const QString &what)
    {
        m_error = fail(code::BadRequest, field(QLatin1String(key)) + u' ' + what);
    }

    const QJsonObject &m_o;
    QString m_path;
    std::optional<ProtocolError> m_error;
};

constexpr bool kRequired = true;

void read(Reader &r, model::AccountRecord &v)
{
    r.string("platform_id", &v.platformId, kRequired);
    r.string("name", &v.name);
    r.string("avatar", &v.avatar);
    r.onlyKnown({"platform_id", "name", "avatar"});
}

void read(Reader &r, model::UserRecord &v)
{
    r.string("platform_id", &v.platformId, kRequired);
    r.string("name", &v.name);
    r.string("avatar", &v.avatar);
    r.string("signature", &v.signature);
    r.integer("followers", &v.followers);
    r.integer("following", &v.following);
    r.integer("videos", &v.videos);
    r.boolean("verified", &v.verified);
    r.onlyKnown(
        {"platform_id", "name", "avatar", "signature", "followers", "following", "videos", "verified"});
}

void read(Reader &r, model::ContentRecord &v)
{
    r.string("account_id", &v.accountId, kRequired);
    r.string("platform_id", &v.platformId, kRequired);
    r.string("title", &v.title);
    r.string("url", &v.url);
    r.string("cover", &v.cover);
    r.integer("published_at", &v.publishedAt);
    r.onlyKnown({"account_id", "platform_id", "title", "url", "cover", "published_at"});
}

void read(Reader &r, model::ConversationRecord &v)
{
    r.string("account_id", &v.accountId, kRequired);
    r.string("platform_id", &v.platformId, kRequired);
    r.string("peer_id", &v.peerId);
    r.onlyKnown({"account_id", "platform_id", "peer_id"});
}

void read(Reader &r, model::MessageRecord &v)
{
    r.string("account_id", &v.accountId, kRequired);
    r.string("conversation_id", &v.conversationId, kRequired);
    r.string("platform_id", &v.platformId, kRequired);
    r.string("sender_id", &v.senderId);
    r.enumeration("direction", &v.direction);
    r.enumeration("type", &v.type);
    r.string("text", &v.text);
    r.string("media", &v.media);
    r.integer("created_at", &v.createdAt, kRequired);
    r.boolean("recalled", &v.recalled);
    r.onlyKnown({"account_id", "conversation_id", "platform_id", "sender_id", "direction", "type", "text",
                 "media", "created_at", "recalled"});
}

void read(Reader &r, model::CommentRecord &v)
{
    r.string("account_id", &v.accountId, kRequired);
    r.string("content_id", &v.contentId, kRequired);
    r.string("platform_id", &v.platformId, kRequired);
    r.string("parent_id", &v.parentId);
    r.string("author_id", &v.authorId);
    r.string("text", &v.text);
    r.integer("created_at", &v.createdAt, kRequired);
    r.boolean("recalled", &v.recalled);
    r.onlyKnown({"account_id", "content_id", "platform_id", "parent_id", "author_id", "text", "created_at",
                 "recalled"});
}

template <typename T>
std::optional<ProtocolError> readList(const QJsonArray &array, const QString &name, QList<T> *out)
{
    out->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("%1[%2]").arg(name).arg(i);
        const QJsonValue v = array.at(i);
        if (!v.isObject())
            return fail(code::BadRequest, path + QStringLiteral(" must be an object"));
        const QJsonObject o = v.toObject();
        Reader r(o, path);
        T record;
        read(r, record);
        if (r.failed())
            return r.error();
        out->append(std::move(record));
    }
    return std::nullopt;
}

QJsonObject write(const model::AccountRecord &v)
{
    return QJsonObject{
        {QStringLiteral("platform_id"), v.platformId},
        {QStringLiteral("name"), v.name},
        {QStringLiteral("avatar"), v.avatar},
    };
}

QJsonObject write(const model::UserRecord &v)
{
    return QJsonObject{
        {QStringLiteral("platform_id"), v.platformId}, {QStringLiteral("name"), v.name},
        {QStringLiteral("avatar"), v.avatar},          {QStringLiteral("signature"), v.signature},
        {QStringLiteral("followers"), v.followers},    {QStringLiteral("following"), v.following},
        {QStringLiteral("videos"), v.videos},          {QStringLiteral("verified"), v.verified},
    };
}

QJsonObject write(const model::ContentRecord &v)
{
    return QJsonObject{
        {QStringLiteral("account_id"), v.accountId}, {QStringLiteral("platform_id"), v.platformId},
        {QStringLiteral("title"), v.title},          {QStringLiteral("url"), v.url},
        {QStringLiteral("cover"), v.cover},          {QStringLiteral("published_at"), v.publishedAt},
    };
}

QJsonObject write(const model::ConversationRecord &v)
{
    return QJsonObject{
        {QStringLiteral("account_id"), v.accountId},
        {QStringLiteral("platform_id"), v.platformId},
        {QStringLiteral("peer_id"), v.peerId},
    };
}

QJsonObject write(const model::MessageRecord &v)
{
    return QJsonObject{
        {QStringLiteral("account_id"), v.accountId},
        {QStringLiteral("conversation_id"), v.conversationId},
        {QStringLiteral("platform_id"), v.platformId},
        {QStringLiteral("sender_id"), v.senderId},
        {QStringLiteral("direction"), model::toString(v.direction)},
        {QStringLiteral("type"), model::toString(v.type)},
        {QStringLiteral("text"), v.text},
        {QStringLiteral("media"), v.media},
        {QStringLiteral("created_at"), v.createdAt},
        {QStringLiteral("recalled"), v.recalled},
    };
}

QJsonObject write(const model::CommentRecord &v)
{
    return QJsonObject{
        {QStringLiteral("account_id"), v.accountId},   {QStringLiteral("content_id"), v.contentId},
        {QStringLiteral("platform_id"), v.platformId}, {QStringLiteral("parent_id"), v.parentId},
        {QStringLiteral("author_id"), v.authorId},     {QStringLiteral("text"), v.text},
        {QStringLiteral("created_at"), v.createdAt},   {QStringLiteral("recalled"), v.recalled},
    };
}

template <typename T> QJsonArray writeList(const QList<T> &list)
{
    QJsonArray a;
    for (const T &v : list)
        a.append(write(v));
    return a;
}

} // namespace

bool readString(const QJsonObject &o, const char *key, QString *out, bool required, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            *error = QStringLiteral("%1 is required").arg(QLatin1String(key));
        return !required;
    }
    if (!v.isString()) {
        *error = QStringLiteral("%1 must be a string").arg(QLatin1String(key));
        return false;
    }
    *out = v.toString();
    return true;
}

const char *codeFor(const Error &error)
{
    switch (error.code) {
    case ErrorCode::InvalidArgument:
        return code::Invalid;
    case ErrorCode::NotFound:
        return code::NotFound;
    case ErrorCode::Conflict:
        return code::Conflict;
    case ErrorCode::Forbidden:
        return code::Forbidden;
    default:
        return code::Internal;
    }
}

std::variant<Envelope, ProtocolError> parseFrame(const QByteArray &utf8)
{
    if (utf8.size() > kMaxFrameBytes)
        return fail(code::TooLarge, QStringLiteral("The frame has %1 bytes; at most %2 are accepted.")
                                        .arg(utf8.size())
                                        .arg(kMaxFrameBytes));
    if (!QUtf8StringView(utf8).isValidUtf8())
        return fail(code::BadJson, QStringLiteral("The frame is not valid UTF-8 text."));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (parseError.error == QJsonParseError::IllegalNumber) {
            if (std::optional<ProtocolError> e = numberOutOfRange(utf8))
                return *e;
        }
        return fail(code::BadJson, QStringLiteral("The frame is not valid JSON: %1 at offset %2.")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset));
    }
    if (!doc.isObject())
        return fail(code::BadJson, QStringLiteral("A frame must be a JSON object."));

    Envelope e;
    e.body = doc.object();
    e.id = e.body.value(QLatin1String("id"));
    const QJsonValue re = usableId(e.id);

    // Before anything reads a string: an unpaired surrogate would be read as something else than
    // the worker sent (see loneSurrogateAt). Refused rather than replaced by U+FFFD, because
    // replacing would still make two different ids one.
    if (const qsizetype at = loneSurrogateAt(utf8); at >= 0) {
        const Location where = locate(utf8, at);
        const QString unit = QString::fromLatin1(utf8.mid(at, 6));
        const QString message =
            where.inKey ? QStringLiteral("%1 has a field name that contains an unpaired UTF-16 surrogate "
                                         "(%2 at byte %3); strings must be valid Unicode")
                              .arg(where.path.isEmpty() ? QStringLiteral("The frame") : where.path, unit,
                                   QString::number(at))
                        : QStringLiteral("%1 contains an unpaired UTF-16 surrogate (%2 at byte %3); strings "
                                         "must be valid Unicode")
                              .arg(where.path, unit, QString::number(at));
        // An id that holds one is no id the worker could recognise.
        return fail(code::BadRequest, message, where.path == u"id" ? QJsonValue(QJsonValue::Undefined) : re);
    }

    const QJsonValue type = e.body.value(QLatin1String("type"));
    if (type.isUndefined())
        return fail(code::BadRequest, QStringLiteral("The frame has no \"type\"."), re);
    if (!type.isString() || type.toString().isEmpty())
        return fail(code::BadRequest, QStringLiteral("\"type\" must be a non-empty string."), re);
    e.type = type.toString();

    const QJsonValue v = e.body.value(QLatin1String("v"));
    qint64 version = 0;
    if (!v.isUndefined() && (!safeInteger(v, &version) || version != kVersion))
        return fail(
            code::Unsupported,
            QStringLiteral("\"v\" must be %1: this master speaks protocol version %1 only.").arg(kVersion),
            re);

    if (!e.id.isUndefined() && re.isUndefined())
        return fail(code::BadRequest, QStringLiteral("\"id\" must be a string or a number."));
    return e;
}

QByteArray frame(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray errorFrame(const QJsonValue &re, const QString &code, const QString &message,
                      const QJsonObject &extra)
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("type"), QStringLiteral("error"));
    o.insert(QStringLiteral("v"), kVersion);
    o.insert(QStringLiteral("re"), re.isUndefined() ? QJsonValue(QJsonValue::Null) : re);
    o.insert(QStringLiteral("code"), code);
    o.insert(QStringLiteral("message"), message);
    return frame(o);
}

std::variant<model::Batch, ProtocolError> batchFromJson(const QJsonObject &object)
{
    model::Batch b;
    Reader top(object, QString());
    top.string("platform", &b.platform, kRequired);
    top.onlyKnown({"platform", "accounts", "users", "contents", "conversations", "messages", "comments"});
    if (top.failed())
        return top.error();
    if (b.platform.isEmpty() || b.platform.size() > kMaxPlatformChars)
        return fail(code::BadRequest,
                    QStringLiteral("platform must have 1 to %1 characters").arg(kMaxPlatformChars));

    // Every list is checked for shape and counted before any record is read, so an oversized batch
    // costs no conversion work.
    static const char *const kLists[] = {"accounts",      "users",    "contents",
                                         "conversations", "messages", "comments"};
    QJsonArray lists[std::size(kLists)];
    qsizetype total = 0;
    for (std::size_t i = 0; i < std::size(kLists); ++i) {
        const QJsonValue v = object.value(QLatin1String(kLists[i]));
        if (v.isUndefined() || v.isNull())
            continue;
        if (!v.isArray())
            return fail(code::BadRequest,
                        QStringLiteral("%1 must be an array").arg(QLatin1String(kLists[i])));
        lists[i] = v.toArray();
        total += lists[i].size();
    }
    if (total > kMaxBatchRecords)
        return fail(code::TooLarge,
                    QStringLiteral("The batch holds %1 records; send at most %2 per data_sync.")
                        .arg(total)
                        .arg(kMaxBatchRecords));

    std::optional<ProtocolError> e;
    if (!e)
        e = readList(lists[0], QStringLiteral("accounts"), &b.accounts);
    if (!e)
        e = readList(lists[1], QStringLiteral("users"), &b.users);
    if (!e)
        e = readList(lists[2], QStringLiteral("contents"), &b.contents);
    if (!e)
        e = readList(lists[3], QStringLiteral("conversations"), &b.conversations);
    if (!e)
        e = readList(lists[4], QStringLiteral("messages"), &b.messages);
    if (!e)
        e = readList(lists[5], QStringLiteral("comments"), &b.comments);
    if (e)
        return *e;
    return b;
}

QJsonObject batchToJson(const model::Batch &batch)
{
    return QJsonObject{
        {QStringLiteral("platform"), batch.platform},
        {QStringLiteral("accounts"), writeList(batch.accounts)},
        {QStringLiteral("users"), writeList(batch.users)},
        {QStringLiteral("contents"), writeList(batch.contents)},
        {QStringLiteral("conversations"), writeList(batch.conversations)},
        {QStringLiteral("messages"), writeList(batch.messages)},
        {QStringLiteral("comments"), writeList(batch.comments)},
    };
}

} // namespace hiscrm::protocol
