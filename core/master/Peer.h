// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace hiscrm::master {

// One WebSocket connection of the master's port, as the protocol handlers see it (WorkerServer
// implements it; ClientHub speaks the client side through it). Every call is made in the thread of
// the WorkerServer that serves the connection; a peer stays valid until the handler is told it is
// gone.
// A text message as the one WebSocket frame that carries it from a server (RFC 6455 5.2: FIN, opcode
// text, unmasked), made once and written as it is to every peer that gets the message. The message
// is written into bytes() after room for the frame's header, and take() puts the header in front
// of it without copying the message (pages and pushes are up to a MiB).
class TextFrame
{
public:
    explicit TextFrame(qsizetype reserve = 0);
    // The buffer to append the message (UTF-8) to; it begins with the room for the header.
    QByteArray &bytes()
    {
        if (m_buf.isNull()) // after take(): allocated when the next message begins
            m_buf = QByteArray(kHeaderRoom, '\0');
        return m_buf;
    }
    qsizetype messageSize() const { return m_buf.isNull() ? 0 : m_buf.size() - kHeaderRoom; }
    // The frame; the builder then starts the next message.
    QByteArray take();

private:
    static constexpr qsizetype kHeaderRoom = 10; // the longest header: 2 bytes and a 64-bit length
    QByteArray m_buf;
};
// The message such a frame carries.
QByteArrayView sharedFramePayload(const QByteArray &wsFrame);

class Peer
{
public:
    // Queues a whole frame. A peer that stops reading (its output backlog over the limit) is
    // dropped at the next check and nothing more is sent to it.
    virtual void send(const QByteArray &frame) = 0;
    // The same for a frame sent alike to many peers (a push), framed once for all of them: see
    // TextFrame.
    virtual void sendShared(const QByteArray &wsFrame) = 0;
    // The socket a shared frame may be written into directly, from any thread while this one waits
    // (DirectSender): a plain TCP connection, open, with nothing queued ahead in Qt; otherwise -1.
    virtual int directSocket() = 0;
    // Writes what is queued into the kernel now rather than when the event loop next runs (which may
    // be after the next commit): for pushes, whose latency counts.
    virtual void flush() = 0;
    // An answer: {type, v, re, ...body}.
    virtual void answer(QJsonObject body, const QJsonValue &re, const char *type) = 0;
    // An error answer (with `extra` fields beside code and message). Before the peer is
    // authenticated, errors add up and the fifth closes the connection (1008): the caller returns
    // right after.
    virtual void reject(const QJsonValue &re, const QString &code, const QString &message,
                        const QJsonObject &extra = {}) = 0;
    // Closes the connection with this WebSocket close code after what is queued.
    virtual void close(int closeCode, const QString &why) = 0;
    // The peer proved who it is: frames up to the protocol limit, no handshake timeout.
    virtual void markAuthenticated() = 0;
    // While held, the peer's next frames wait (queued, within its limits) instead of being handed
    // over: a request answered later, from another thread, keeps the answers in request order.
    virtual void hold(bool held) = 0;
    // Takes n frames from the peer's rate limit; false when it has not got them.
    virtual bool takeFrames(double n) = 0;
    // Bytes queued for the peer and not yet written.
    virtual qint64 backlog() const = 0;
    virtual QString address() const = 0;

protected:
    ~Peer() = default;
};

} // namespace hiscrm::master
