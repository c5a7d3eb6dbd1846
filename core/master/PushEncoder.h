// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreReader.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace hiscrm::master {

// A change as the client protocol carries it (docs/protocol.md, "sync"): {rev, entity, id, data} or
// {rev, entity, id, deleted: true}, compact JSON.
void appendChange(QByteArray &out, const store::Change &change);
QByteArray encodeChange(const store::Change &change);

// The devices of one scope that receive pushes, as the encoder sees them.
struct PushFeed
{
    QString key; // the scope's key
    store::AccountScope scope;
    qint64 scanned = 0; // the changes up to this revision were looked at for the scope
    qint64 lastTo = 0;  // the `to` of the scope's last push: the next one's `from`
};

// What a round made for one feed: its state when the round began, and the push frames (framed once,
// sent alike to every device of the scope) that cover (lastTo, to]. None when the round had nothing for
// the scope: its lastTo then stays, and `scanned` moves on to `to`.
struct PushFrames
{
    PushFeed feed;
    QList<QByteArray> frames; // WebSocket frames (TextFrame)
};

struct PushRound
{
    qint64 to = 0; // the revision the round read up to
    QList<PushFrames> feeds;
    QString error; // the round failed (the store could not be read): nothing to send
};

// Reads the change feed after commits and makes the push frames: read() in the caller's thread (the
// clients thread, for a commit's few changes), or a round in a thread of its own beside it (a
// backlog), on a read-only connection of its own (WAL: it never waits for the writer, nor the writer
// for it). That thread runs at a lower priority (kBacklogNice): a flood's fan-out takes the cores
// the ingest leaves. Each page of changes is read once, whose each change is read once, each change
// is encoded once however many scopes see it, and each frame is made once per scope however many
// devices it has.
//
// One round at a time: encode() is called from the owner's thread and `done` is later called there
// (through the event loop of `owner`) with the round's result; a round reads at most a few pages,
// so a long backlog comes as several rounds.
class PushEncoder final
{
public:
    PushEncoder(const QString &dbPath, QObject *owner, std::function<void(const PushRound &)> done);
    ~PushEncoder(); // waits for a round that is running
    Q_DISABLE_COPY_MOVE(PushEncoder)

    void encode(const QList<PushFeed> &feeds);

    // One round, read and encoded in the calling thread from `store` (a connection of that thread).
    static PushRound read(const store::StoreReader &store, const QList<PushFeed> &feeds);

    // How far below the master's thread a backlog's round runs (nice steps on Linux).
    static constexpr int kBacklogNice = 10;
    // Up to this many pages of the change feed (1000 changes each) per round.
    static constexpr int kPagesPerRound = 4;
    // A push frame holds about this many bytes of changes at most (a larger commit comes as
    // several frames).
    static constexpr qsizetype kFrameBytes = 1024 * 1024;

private:
    struct Worker;
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr; // lives in m_thread
};

} // namespace hiscrm::master
