// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace hiscrm::master {

// What the worker port allows a peer: docs/protocol.md ("Limits", "Connection lifetime") states
// the same numbers, and the two must stay in step. MasterOptions carries them so that tests can
// shorten the times; hiscrm-master and the desktop use the defaults.
struct WorkerLimits
{
    // Before a connection is authenticated (no valid Authorization header, no successful register)
    // a WebSocket frame or message is at most this; the WebSocket layer refuses a larger one from
    // its header (close 1009) so that nothing bigger is ever buffered for a stranger. A register
    // with the token in the frame fits in a few KiB.
    qint64 preAuthFrameBytes = 64 * 1024;
    // Connections that have not registered yet (still in the WebSocket handshake, or upgraded and
    // not registered): beyond this many, a new connection is closed as soon as it is accepted.
    int maxUnregistered = 64;
    // From acceptance to a successful register (the WebSocket handshake included). A connection
    // still unregistered after this is closed.
    int registerTimeoutMs = 10000;

    // Frames received but not yet processed, per connection. A frame beyond either bound is answered
    // rate_limited in its turn without being processed (one frame is always let in, however large).
    int maxQueuedFrames = 256;
    qint64 maxQueuedChars = 8 * 1024 * 1024;
    // Frames (queued or refused) still waiting for their answer: a peer that sends this many ahead of
    // its answers is closed (1008).
    int maxUnanswered = 1024;

    // A status frame costs this many frames of the rate limit (it reads every table) and is answered
    // from a snapshot at most statusCacheMs old.
    int statusCost = 10;
    int statusCacheMs = 1000;

    // A disconnected worker stays in status this long, and only the newest maxDisconnectedWorkers.
    qint64 keepDisconnectedMs = 10 * 60 * 1000;
    int maxDisconnectedWorkers = 100;

    // After the port failed to accept (out of descriptors or memory) the server tries again after
    // 25 ms, then twice as long each time up to this, until accepting works.
    int acceptRetryMs = 250;
};

} // namespace hiscrm::master
