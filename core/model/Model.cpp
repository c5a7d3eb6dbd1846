// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Model.h"

#include <QJsonArray>
#include <QStringEncoder>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <type_traits>

namespace hiscrm::model {

namespace {

// One table per enum: the wire names are part of the protocol, so they live in one place.
template <typename E, std::size_t N> QString nameOf(const std::array<const char *, N> &names, E v)
{
    const auto i = std::size_t(v);
    return i < N ? QString::fromLatin1(names[i]) : QString();
}

template <typename E, std::size_t N>
bool parse(const std::array<const char *, N> &names, const QString &s, E *out)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (s == QLatin1String(names[i])) {
            *out = E(i);
            return true;
        }
    }
    return false;
}

constexpr std::array<const char *, 2> kKinds{"message", "comment"};
constexpr std::array<const char *, 2> kDirections{"in", "out"};
constexpr std::array<const char *, 5> kTypes{"text", "image", "video", "file", "sticker"};
constexpr std::array<const char *, 4> kDelivery{"none", "pending", "sent", "failed"};
constexpr std::array<const char *, 4> kLogin{"unknown", "logged_in", "logged_out", "error"};

} // namespace

QString toString(ItemKind v)
{
    return nameOf(kKinds, v);
}
QString toString(Direction v)
{
    return nameOf(kDirections, v);
}
QString toString(MessageType v)
{
    return nameOf(kTypes, v);
}
QString toString(Delivery v)
{
    return nameOf(kDelivery, v);
}
QString toString(LoginState v)
{
    return nameOf(kLogin, v);
}
bool fromString(const QString &s, ItemKind *out)
{
    return parse(kKinds, s, out);
}
bool fromString(const QString &s, Direction *out)
{
    return parse(kDirections, s, out);
}
bool fromString(const QString &s, MessageType *out)
{
    return parse(kTypes, s, out);
}
bool fromString(const QString &s, Delivery *out)
{
    return parse(kDelivery, s, out);
}
bool fromString(const QString &s, LoginState *out)
{
    return parse(kLogin, s, out);
}

namespace {

// Each row type's JSON fields, listed once: toJson() builds a QJsonObject from them and
// appendJson() writes the same object as text. f(key, value) takes a qint64, a bool, a QString,
// a Name (a wire name from the tables above), a NullableString (null when the QString is null)
// or a list of ids.
struct Name
{
    const char *latin1;
};
struct NullableString
{
    const QString &s;
};

template <typename E, std::size_t N> Name wireName(const std::array<const char *, N> &names, E v)
{
    const auto i = std::size_t(v);
    return Name{i < N ? names[i] : ""};
}

template <typename F> void fields(const Account &v, F &&f)
{
    f("id", v.id);
    f("platform", v.platform);
    f("platform_id", v.platformId);
    f("name", v.name);
    f("avatar", v.avatar);
    f("user_id", v.userId);
    f("login_state", wireName(kLogin, v.loginState));
    f("last_error", v.lastError);
    f("last_sync_at", v.lastSyncAt);
    f("rev", v.rev);
}

template <typename F> void fields(const User &v, F &&f)
{
    f("id", v.id);
    f("platform", v.platform);
    f("platform_id", v.platformId);
    f("name", v.name);
    f("avatar", v.avatar);
    f("signature", v.signature);
    f("followers", v.followers);
    f("following", v.following);
    f("videos", v.videos);
    f("verified", v.verified);
    f("rev", v.rev);
}

template <typename F> void fields(const Content &v, F &&f)
{
    f("id", v.id);
    f("account_id", v.accountId);
    f("platform_id", v.platformId);
    f("title", v.title);
    f("url", v.url);
    f("cover", v.cover);
    f("published_at", v.publishedAt);
    f("comment_count", v.commentCount);
    f("unread_comments", v.unreadComments);
    f("last_comment_at", v.lastCommentAt);
    f("rev", v.rev);
}

template <typename F> void fields(const Conversation &v, F &&f)
{
    f("id", v.id);
    f("account_id", v.accountId);
    f("platform_id", v.platformId);
    f("peer_user_id", v.peerUserId);
    f("last_item_id", v.lastItemId);
    f("last_at", v.lastAt);
    f("last_preview", v.lastPreview);
    f("last_direction", wireName(kDirections, v.lastDirection));
    f("read_upto", v.readUpTo);
    f("unread_count", v.unreadCount);
    f("marked_unread", v.markedUnread);
    f("pinned", v.pinned);
    f("archived", v.archived);
    // Muted "until unmuted" is INT64_MAX, which a JSON number cannot carry exactly.
    f("muted_until", v.mutedUntil == kMutedForever ? qint64(-1) : v.mutedUntil);
    f("tags", v.tagIds);
    f("rev", v.rev);
}

template <typename F> void fields(const Item &v, F &&f)
{
    f("id", v.id);
    f("kind", wireName(kKinds, v.kind));
    f("account_id", v.accountId);
    f("platform_id", NullableString{v.platformId});
    f("thread_id", v.threadId);
    f("parent_id", v.parentId);
    f("sender_id", v.senderId);
    f("direction", wireName(kDirections, v.direction));
    f("type", wireName(kTypes, v.type));
    f("text", v.text);
    f("media", v.media);
    f("created_at", v.createdAt);
    f("edited_at", v.editedAt);
    f("recalled", v.recalled);
    f("delivery", wireName(kDelivery, v.delivery));
    f("error", v.error);
    f("client_ref", NullableString{v.clientRef});
    f("read", v.read);
    f("rev", v.rev);
}

template <typename F> void fields(const ItemHistory &v, F &&f)
{
    f("item_id", v.itemId);
    f("old_text", v.oldText);
    f("changed_at", v.changedAt);
    f("recall", v.recall);
}

template <typename F> void fields(const Tag &v, F &&f)
{
    f("id", v.id);
    f("name", v.name);
    f("color", v.color);
    f("rev", v.rev);
}

// toJson's writer: one QJsonObject.
struct ObjectWriter
{
    QJsonObject o;

    static QJsonValue value(qint64 v) { return v; }
    static QJsonValue value(bool v) { return v; }
    static QJsonValue value(const QString &v) { return v; }
    static QJsonValue value(Name v) { return QString::fromLatin1(v.latin1); }
    static QJsonValue value(NullableString v) { return v.s.isNull() ? QJsonValue() : QJsonValue(v.s); }
    static QJsonValue value(const QList<qint64> &ids)
    {
        QJsonArray a;
        for (qint64 id : ids)
            a.append(id);
        return a;
    }
    template <typename V> void operator()(const char *key, const V &v)
    {
        o.insert(QLatin1String(key), value(v));
    }
};

// Whether a string goes into JSON as it is: no character to escape, no unpaired surrogate (most
// text). Such a string is encoded straight into place (putPlainString).
bool isPlainString(QStringView text)
{
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    for (; p < end; ++p) {
        const char16_t c = *p;
        if (c < 0x20 || c == u'"' || c == u'\\')
            return false;
        if (QChar::isSurrogate(c)) {
            if (!QChar::isHighSurrogate(c) || p + 1 == end || !QChar::isLowSurrogate(p[1]))
                return false;
            ++p;
        }
    }
    return true;
}

// The most a plain string takes: its quotes, and at most 3 bytes of UTF-8 for a UTF-16 unit.
qsizetype plainStringBound(QStringView text)
{
    return 2 + text.size() * 3;
}

// Writes a plain string (isPlainString) at p, which has room for plainStringBound(); returns its end.
char *putPlainString(char *p, QStringView text)
{
    *p++ = '"';
    p = QStringEncoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless).appendToBuffer(p, text);
    *p++ = '"';
    return p;
}

// appendJsonString's halves, for a string already known plain (isPlainString) or not.
void appendPlainString(QByteArray &out, QStringView s)
{
    const qsizetype at = out.size();
    out.resize(at + plainStringBound(s));
    out.truncate(putPlainString(out.data() + at, s) - out.constData());
}

void appendEscapedString(QByteArray &out, QStringView s)
{
    // UTF-8 first (an unpaired surrogate becomes "?", as QString::toUtf8 writes it), then the escapes
    // JSON requires: the quote, the backslash and the control characters.
    const QByteArray utf8 = s.toUtf8();
    static constexpr char kHex[] = "0123456789abcdef";
    out.append('"');
    const char *p = utf8.constData();
    const char *const end = p + utf8.size();
    const char *run = p; // the start of bytes to copy as they are
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default: {
            const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
            out.append(u, sizeof u);
        }
        }
    }
    out.append(run, end - run);
    out.append('"');
}

// appendJson's writer: compact JSON text, the keys in the order listed. A row is written into a
// buffer on the stack and goes into `out` in one append, or a few for long texts: each
// QByteArray::append is a call into Qt with its checks, which were a seventh of encoding a row
// when every field took one or more.
struct TextWriter
{
    QByteArray &out;
    bool first = true;
    qsizetype used = 0;
    char buf[2048];

    explicit TextWriter(QByteArray &o)
        : out(o)
    {}

    void flush()
    {
        out.append(buf, used);
        used = 0;
    }
    // Room for n more bytes in buf, flushing it first if need be; null when n is more than it holds.
    char *room(qsizetype n)
    {
        if (used + n > qsizetype(sizeof buf))
            flush();
        return n <= qsizetype(sizeof buf) ? buf + used : nullptr;
    }
    void put(const char *p, qsizetype n)
    {
        if (char *to = room(n)) {
            std::memcpy(to, p, size_t(n));
            used += n;
        } else {
            out.append(p, n);
        }
    }

    void value(qint64 v)
    {
        char *to = room(24);
        used = std::to_chars(to, to + 24, v).ptr - buf;
    }
    void value(bool v) { put(v ? "true" : "false", v ? 4 : 5); }
    void value(const QString &v)
    {
        const bool plain = isPlainString(v); // scanned once, whichever way it goes
        if (plain) {
            if (char *to = room(plainStringBound(v))) {
                used = putPlainString(to, v) - buf;
                return;
            }
        }
        flush();
        if (plain)
            appendPlainString(out, v);
        else
            appendEscapedString(out, v);
    }
    void value(Name v)
    {
        const qsizetype n = qsizetype(std::strlen(v.latin1)); // wire names are plain ASCII words
        char *to = room(n + 2);
        *to++ = '"';
        std::memcpy(to, v.latin1, size_t(n));
        to[n] = '"';
        used += n + 2;
    }
    void value(NullableString v)
    {
        if (v.s.isNull())
            put("null", 4);
        else
            value(v.s);
    }
    void value(const QList<qint64> &ids)
    {
        put("[", 1);
        for (qsizetype i = 0; i < ids.size(); ++i) {
            if (i > 0)
                put(",", 1);
            value(ids[i]);
        }
        put("]", 1);
    }
    // A field: its head ({"key": or ,"key":) and, for a number or a bool, its value. The keys are
    // the model's short literals.
    template <std::size_t N, typename V> void operator()(const char (&key)[N], const V &v)
    {
        static_assert(N <= 40, "a field name of the model is a short word");
        char *p = room(N + 28); // {"key": and the longest number
        *p++ = first ? '{' : ',';
        *p++ = '"';
        std::memcpy(p, key, N - 1);
        p += N - 1;
        *p++ = '"';
        *p++ = ':';
        first = false;
        if constexpr (std::is_same_v<V, bool>) {
            p = std::copy_n(v ? "true" : "false", v ? 4 : 5, p);
        } else if constexpr (std::is_integral_v<V>) {
            p = std::to_chars(p, p + 24, qint64(v)).ptr;
        } else {
            used = p - buf;
            value(v);
            return;
        }
        used = p - buf;
    }
};

template <typename T> QJsonObject objectOf(const T &v)
{
    ObjectWriter w;
    fields(v, w);
    return w.o;
}

template <typename T> void textOf(QByteArray &out, const T &v)
{
    TextWriter w{out};
    fields(v, w);
    w.put("}", 1);
    w.flush();
}

} // namespace

QJsonObject toJson(const Account &v)
{
    return objectOf(v);
}
QJsonObject toJson(const User &v)
{
    return objectOf(v);
}
QJsonObject toJson(const Content &v)
{
    return objectOf(v);
}
QJsonObject toJson(const Conversation &v)
{
    return objectOf(v);
}
QJsonObject toJson(const Item &v)
{
    return objectOf(v);
}
QJsonObject toJson(const ItemHistory &v)
{
    return objectOf(v);
}
QJsonObject toJson(const Tag &v)
{
    return objectOf(v);
}

void appendJson(QByteArray &out, const Account &v)
{
    textOf(out, v);
}
void appendJson(QByteArray &out, const User &v)
{
    textOf(out, v);
}
void appendJson(QByteArray &out, const Content &v)
{
    textOf(out, v);
}
void appendJson(QByteArray &out, const Conversation &v)
{
    textOf(out, v);
}
void appendJson(QByteArray &out, const Item &v)
{
    textOf(out, v);
}
void appendJson(QByteArray &out, const ItemHistory &v)
{
    textOf(out, v);
}
void appendJson(QByteArray &out, const Tag &v)
{
    textOf(out, v);
}

void appendJsonString(QByteArray &out, QStringView s)
{
    if (isPlainString(s)) // most text: encoded straight into place
        appendPlainString(out, s);
    else
        appendEscapedString(out, s);
}

namespace {

// Reads the fields of one row; the first missing or mistyped one is the error.
class RowReader
{
public:
    RowReader(const QJsonObject &o, QString *error)
        : m_o(o)
        , m_error(error)
    {}
    bool ok() const { return m_ok; }

    qint64 integer(const char *key, qint64 min = 0)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        const double d = v.toDouble(-1e300);
        if (!v.isDouble() || d != double(qint64(d)) || qint64(d) < min || d >= 9007199254740992.0)
            return failed(key, "an integer");
        return qint64(d);
    }
    QString string(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isString())
            return failed(key, "a string"), QString();
        return v.toString();
    }
    QString stringOrNull(const char *key) // null stays a null QString
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isNull())
            return QString();
        return string(key);
    }
    bool boolean(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isBool())
            return failed(key, "true or false");
        return v.toBool();
    }
    template <typename E> E enumeration(const char *key, E fallback)
    {
        E out = fallback;
        if (!fromString(string(key), &out) && m_ok)
            failed(key, "one of its names");
        return out;
    }
    QList<qint64> ids(const char *key)
    {
        QList<qint64> out;
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isArray())
            return failed(key, "an array of ids"), out;
        for (const QJsonValue &e : v.toArray()) {
            const double d = e.toDouble(-1);
            if (!e.isDouble() || d < 1 || d != double(qint64(d)) || d >= 9007199254740992.0)
                return failed(key, "an array of ids"), out;
            out.append(qint64(d));
        }
        return out;
    }

private:
    int failed(const char *key, const char *what)
    {
        if (m_ok && m_error)
            *m_error = QStringLiteral("%1 must be %2").arg(QLatin1String(key), QLatin1String(what));
        m_ok = false;
        return 0;
    }
    const QJsonObject &m_o;
    QString *m_error;
    bool m_ok = true;
};

} // namespace

bool fromJson(const QJsonObject &o, Account *out, QString *error)
{
    RowReader r(o, error);
    Account v;
    v.id = r.integer("id", 1);
    v.platform = r.string("platform");
    v.platformId = r.string("platform_id");
    v.name = r.string("name");
    v.avatar = r.string("avatar");
    v.userId = r.integer("user_id");
    v.loginState = r.enumeration("login_state", LoginState::Unknown);
    v.lastError = r.string("last_error");
    v.lastSyncAt = r.integer("last_sync_at");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

bool fromJson(const QJsonObject &o, User *out, QString *error)
{
    RowReader r(o, error);
    User v;
    v.id = r.integer("id", 1);
    v.platform = r.string("platform");
    v.platformId = r.string("platform_id");
    v.name = r.string("name");
    v.avatar = r.string("avatar");
    v.signature = r.string("signature");
    v.followers = r.integer("followers", -1);
    v.following = r.integer("following", -1);
    v.videos = r.integer("videos", -1);
    v.verified = r.boolean("verified");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

bool fromJson(const QJsonObject &o, Content *out, QString *error)
{
    RowReader r(o, error);
    Content v;
    v.id = r.integer("id", 1);
    v.accountId = r.integer("account_id", 1);
    v.platformId = r.string("platform_id");
    v.title = r.string("title");
    v.url = r.string("url");
    v.cover = r.string("cover");
    v.publishedAt = r.integer("published_at");
    v.commentCount = r.integer("comment_count");
    v.unreadComments = r.integer("unread_comments");
    v.lastCommentAt = r.integer("last_comment_at");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

bool fromJson(const QJsonObject &o, Conversation *out, QString *error)
{
    RowReader r(o, error);
    Conversation v;
    v.id = r.integer("id", 1);
    v.accountId = r.integer("account_id", 1);
    v.platformId = r.string("platform_id");
    v.peerUserId = r.integer("peer_user_id");
    v.lastItemId = r.integer("last_item_id");
    v.lastAt = r.integer("last_at");
    v.lastPreview = r.string("last_preview");
    v.lastDirection = r.enumeration("last_direction", Direction::In);
    v.readUpTo = r.integer("read_upto");
    v.unreadCount = r.integer("unread_count");
    v.markedUnread = r.boolean("marked_unread");
    v.pinned = r.boolean("pinned");
    v.archived = r.boolean("archived");
    const qint64 muted = r.integer("muted_until", -1);
    v.mutedUntil = muted == -1 ? kMutedForever : muted;
    v.tagIds = r.ids("tags");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

bool fromJson(const QJsonObject &o, Item *out, QList<ItemHistory> *history, QString *error)
{
    RowReader r(o, error);
    Item v;
    v.id = r.integer("id", 1);
    v.kind = r.enumeration("kind", ItemKind::Message);
    v.accountId = r.integer("account_id", 1);
    v.platformId = r.stringOrNull("platform_id");
    v.threadId = r.integer("thread_id", 1);
    v.parentId = r.integer("parent_id");
    v.senderId = r.integer("sender_id");
    v.direction = r.enumeration("direction", Direction::In);
    v.type = r.enumeration("type", MessageType::Text);
    v.text = r.string("text");
    v.media = r.string("media");
    v.createdAt = r.integer("created_at");
    v.editedAt = r.integer("edited_at");
    v.recalled = r.boolean("recalled");
    v.delivery = r.enumeration("delivery", Delivery::None);
    v.error = r.string("error");
    v.clientRef = r.stringOrNull("client_ref");
    v.read = r.boolean("read");
    v.rev = r.integer("rev");
    QList<ItemHistory> h;
    const QJsonValue hv = o.value(QLatin1String("history"));
    if (!hv.isUndefined() && r.ok()) {
        if (!hv.isArray()) {
            if (error)
                *error = QStringLiteral("history must be an array");
            return false;
        }
        for (const QJsonValue &e : hv.toArray()) {
            const QJsonObject eo = e.toObject();
            RowReader er(eo, error);
            ItemHistory one;
            one.itemId = er.integer("item_id", 1);
            one.oldText = er.string("old_text");
            one.changedAt = er.integer("changed_at");
            one.recall = er.boolean("recall");
            if (!er.ok())
                return false;
            h.append(one);
        }
    }
    if (!r.ok())
        return false;
    *out = v;
    if (history)
        *history = h;
    return true;
}

bool fromJson(const QJsonObject &o, Tag *out, QString *error)
{
    RowReader r(o, error);
    Tag v;
    v.id = r.integer("id", 1);
    v.name = r.string("name");
    v.color = r.string("color");
    v.rev = r.integer("rev");
    if (r.ok())
        *out = v;
    return r.ok();
}

} // namespace hiscrm::model
