// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/DataSyncDecoder.h"

#include "protocol/JsonEscapes.h"
#include "protocol/Protocol.h"

#include <QUtf8StringView>

#include <cstring>
#include <type_traits>
#include <variant>

namespace hiscrm::protocol {

namespace {

using namespace model;

// Reads JSON text one token at a time. Every method returns false on anything it does not accept
// (malformed or merely unusual JSON alike), and the decoder then gives up on the frame: the general
// path decides about it. The text has been checked to be valid UTF-8 as a whole.
class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {}

    bool take(char c)
    {
        space();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    bool atEnd()
    {
        space();
        return m_p == m_end;
    }

    bool null() { return word("null", 4); }

    // A field name and its colon. Only names without escapes: every name the protocol knows is
    // plain ASCII, and an escaped one goes the general way.
    bool key(QByteArrayView *out)
    {
        if (!take('"'))
            return false;
        const char *start = m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\' || uchar(*m_p) < 0x20)
                return false;
            ++m_p;
        }
        if (m_p == m_end)
            return false;
        *out = QByteArrayView(start, m_p - start);
        ++m_p;
        return take(':');
    }

    bool string(QString *out)
    {
        if (!take('"'))
            return false;
        const char *run = m_p;
        const char *q = plainRun(run);
        if (q == m_end)
            return false;
        if (*q == '"') { // the common case: no escape
            *out = QString::fromUtf8(run, q - run);
            m_p = q + 1;
            return true;
        }
        QString s;
        s.reserve(q - run + 8);
        for (;;) {
            s += QString::fromUtf8(run, q - run);
            if (q == m_end || uchar(*q) < 0x20) // unterminated, or a raw control character
                return false;
            if (*q == '"')
                break;
            if (!escape(&q, &s)) // *q is a backslash
                return false;
            run = q;
            q = plainRun(run);
        }
        *out = std::move(s);
        m_p = q + 1;
        return true;
    }

    // A plain integer within ±2^53, as safeInteger accepts it. Fractions and exponents (1.0, 1e3)
    // go the general way.
    bool integer(qint64 *out)
    {
        space();
        const char *q = m_p;
        const bool negative = q < m_end && *q == '-';
        if (negative)
            ++q;
        const char *digits = q;
        qint64 v = 0;
        while (q < m_end && *q >= '0' && *q <= '9' && q - digits < 17)
            v = v * 10 + (*q++ - '0');
        const qsizetype n = q - digits;
        if (n == 0 || n > 16 || (n > 1 && *digits == '0') || v > kMaxSafeInteger)
            return false;
        if (q < m_end && (*q == '.' || *q == 'e' || *q == 'E' || (*q >= '0' && *q <= '9')))
            return false;
        *out = negative ? -v : v;
        m_p = q;
        return true;
    }

    bool boolean(bool *out)
    {
        if (word("true", 4)) {
            *out = true;
            return true;
        }
        if (word("false", 5)) {
            *out = false;
            return true;
        }
        return false;
    }

    bool startsString()
    {
        space();
        return m_p < m_end && *m_p == '"';
    }

private:
    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool word(const char *w, qsizetype n)
    {
        space();
        if (m_end - m_p < n || std::memcmp(m_p, w, size_t(n)) != 0)
            return false;
        m_p += n;
        return true;
    }

    // The end of the run of characters from p that need no decoding: the closing quote, a
    // backslash, a control character or the end of the text.
    const char *plainRun(const char *p) const
    {
        while (p < m_end && *p != '"' && *p != '\\' && uchar(*p) >= 0x20)
            ++p;
        return p;
    }

    // Decodes the escape at *q (a backslash) into s and moves *q past it. A surrogate must come as
    // a high and a low half in a row: one alone is refused, as parseFrame refuses it.
    bool escape(const char **q, QString *s) const
    {
        const char *p = *q;
        if (m_end - p < 2)
            return false;
        char16_t c = 0;
        switch (p[1]) {
        case '"':
        case '\\':
        case '/':
            c = char16_t(p[1]);
            break;
        case 'b':
            c = u'\b';
            break;
        case 'f':
            c = u'\f';
            break;
        case 'n':
            c = u'\n';
            break;
        case 'r':
            c = u'\r';
            break;
        case 't':
            c = u'\t';
            break;
        case 'u': {
            const int u = escapedUnit(p, m_end);
            if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF))
                return false;
            if (u >= 0xD800 && u <= 0xDBFF) {
                const int low = escapedUnit(p + 6, m_end);
                if (low < 0xDC00 || low > 0xDFFF)
                    return false;
                s->append(QChar(char16_t(u)));
                s->append(QChar(char16_t(low)));
                *q = p + 12;
                return true;
            }
            s->append(QChar(char16_t(u)));
            *q = p + 6;
            return true;
        }
        default:
            return false;
        }
        s->append(QChar(c));
        *q = p + 2;
        return true;
    }

    const char *m_p;
    const char *m_end;
};

// Reads an object's fields: `field` is called with each name, positioned at its value.
template <typename OnField> bool readObject(Scanner &s, OnField &&field)
{
    if (!s.take('{'))
        return false;
    if (s.take('}'))
        return true;
    do {
        QByteArrayView name;
        if (!s.key(&name) || !field(name))
            return false;
    } while (s.take(','));
    return s.take('}');
}

// The fields of one kind of record, as batchFromJson's readers (Protocol.cpp) take them.
template <typename T> struct Field
{
    QByteArrayView name;
    std::variant<QString T::*, qint64 T::*, bool T::*, Direction T::*, MessageType T::*> member;
    bool required = false;
};

constexpr bool kRequired = true;

const Field<AccountRecord> kAccountFields[] = {
    {"platform_id", &AccountRecord::platformId, kRequired},
    {"name", &AccountRecord::name},
    {"avatar", &AccountRecord::avatar},
};

const Field<UserRecord> kUserFields[] = {
    {"platform_id", &UserRecord::platformId, kRequired},
    {"name", &UserRecord::name},
    {"avatar", &UserRecord::avatar},
    {"signature", &UserRecord::signature},
    {"followers", &UserRecord::followers},
    {"following", &UserRecord::following},
    {"videos", &UserRecord::videos},
    {"verified", &UserRecord::verified},
};

const Field<ContentRecord> kContentFields[] = {
    {"account_id", &ContentRecord::accountId, kRequired},
    {"platform_id", &ContentRecord::platformId, kRequired},
    {"title", &ContentRecord::title},
    {"url", &ContentRecord::url},
    {"cover", &ContentRecord::cover},
    {"published_at", &ContentRecord::publishedAt},
};

const Field<ConversationRecord> kConversationFields[] = {
    {"account_id", &ConversationRecord::accountId, kRequired},
    {"platform_id", &ConversationRecord::platformId, kRequired},
    {"peer_id", &ConversationRecord::peerId},
};

const Field<MessageRecord> kMessageFields[] = {
    {"account_id", &MessageRecord::accountId, kRequired},
    {"conversation_id", &MessageRecord::conversationId, kRequired},
    {"platform_id", &MessageRecord::platformId, kRequired},
    {"sender_id", &MessageRecord::senderId},
    {"direction", &MessageRecord::direction},
    {"type", &MessageRecord::type},
    {"text", &MessageRecord::text},
    {"media", &MessageRecord::media},
    {"created_at", &MessageRecord::createdAt, kRequired},
    {"recalled", &MessageRecord::recalled},
};

const Field<CommentRecord> kCommentFields[] = {
    {"account_id", &CommentRecord::accountId, kRequired},
    {"content_id", &CommentRecord::contentId, kRequired},
    {"platform_id", &CommentRecord::platformId, kRequired},
    {"parent_id", &CommentRecord::parentId},
    {"author_id", &CommentRecord::authorId},
    {"text", &CommentRecord::text},
    {"created_at", &CommentRecord::createdAt, kRequired},
    {"recalled", &CommentRecord::recalled},
};

template <typename E> bool enumeration(Scanner &s, E *out)
{
    QString name;
    return s.string(&name) && model::fromString(name, out);
}

template <typename T, std::size_t N> bool readRecord(Scanner &s, const Field<T> (&fields)[N], T *record)
{
    static_assert(N <= 32);
    quint32 seen = 0;
    quint32 required = 0;
    for (std::size_t i = 0; i < N; ++i)
        required |= fields[i].required ? quint32(1) << i : 0;
    const bool ok = readObject(s, [&](QByteArrayView name) {
        std::size_t i = 0;
        while (i < N && fields[i].name != name)
            ++i;
        if (i == N || (seen & (quint32(1) << i))) // unknown (an error) or twice
            return false;
        seen |= quint32(1) << i;
        if (s.null()) // null keeps the default, as absent does; a required field is missing
            return !fields[i].required;
        return std::visit(
            [&](auto member) {
                auto *target = &(record->*member);
                using V = std::remove_pointer_t<decltype(target)>;
                if constexpr (std::is_same_v<V, QString>)
                    return s.string(target);
                else if constexpr (std::is_same_v<V, qint64>)
                    return s.integer(target);
                else if constexpr (std::is_same_v<V, bool>)
                    return s.boolean(target);
                else
                    return enumeration(s, target);
            },
            fields[i].member);
    });
    return ok && (seen & required) == required;
}

template <typename T, std::size_t N>
bool readList(Scanner &s, const Field<T> (&fields)[N], QList<T> *out, qsizetype *total)
{
    if (s.null()) // as absent
        return true;
    if (!s.take('['))
        return false;
    if (s.take(']'))
        return true;
    do {
        if (++*total > kMaxBatchRecords) // too_large, worded by the general path
            return false;
        T record;
        if (!readRecord(s, fields, &record))
            return false;
        out->append(std::move(record));
    } while (s.take(','));
    return s.take(']');
}

bool readBatch(Scanner &s, Batch *b)
{
    static const QByteArrayView kNames[] = {"platform",      "accounts", "users",   "contents",
                                            "conversations", "messages", "comments"};
    quint32 seen = 0;
    qsizetype total = 0;
    const bool ok = readObject(s, [&](QByteArrayView name) {
        std::size_t i = 0;
        while (i < std::size(kNames) && kNames[i] != name)
            ++i;
        if (i == std::size(kNames) || (seen & (quint32(1) << i)))
            return false;
        seen |= quint32(1) << i;
        switch (i) {
        case 0:
            return s.string(&b->platform); // null: required, an error
        case 1:
            return readList(s, kAccountFields, &b->accounts, &total);
        case 2:
            return readList(s, kUserFields, &b->users, &total);
        case 3:
            return readList(s, kContentFields, &b->contents, &total);
        case 4:
            return readList(s, kConversationFields, &b->conversations, &total);
        case 5:
            return readList(s, kMessageFields, &b->messages, &total);
        default:
            return readList(s, kCommentFields, &b->comments, &total);
        }
    });
    return ok && (seen & 1) && !b->platform.isEmpty() && b->platform.size() <= kMaxPlatformChars;
}

} // namespace

std::optional<DataSyncFrame> decodeDataSync(QByteArrayView utf8)
{
    if (utf8.size() > kMaxFrameBytes || !QUtf8StringView(utf8).isValidUtf8())
        return std::nullopt;
    Scanner s(utf8);
    DataSyncFrame f;
    enum : quint32
    {
        Type = 1,
        Id = 2,
        Version = 4,
        BatchField = 8
    };
    quint32 seen = 0;
    const bool ok = readObject(s, [&](QByteArrayView name) {
        quint32 field = 0;
        if (name == "type")
            field = Type;
        else if (name == "id")
            field = Id;
        else if (name == "v")
            field = Version;
        else if (name == "batch")
            field = BatchField;
        if (!field || (seen & field))
            return false;
        seen |= field;
        switch (field) {
        case Type: {
            QString type;
            return s.string(&type) && type == u"data_sync";
        }
        case Id: {
            if (s.startsString()) {
                QString id;
                if (!s.string(&id))
                    return false;
                f.id = id;
                return true;
            }
            qint64 id = 0;
            if (!s.integer(&id))
                return false;
            f.id = id;
            return true;
        }
        case Version: {
            qint64 v = 0;
            return s.integer(&v) && v == kVersion;
        }
        default:
            return readBatch(s, &f.batch);
        }
    });
    if (!ok || !s.atEnd() || (seen & (Type | BatchField)) != (Type | BatchField))
        return std::nullopt;
    return f;
}

} // namespace hiscrm::protocol
