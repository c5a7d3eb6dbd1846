// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An event dispatcher for threads that hold many sockets (the master's clients thread: a thousand
// devices). Qt's dispatchers on Linux (glib's and its own) hand every socket to poll() on every
// turn of the event loop, so each wake-up costs time in proportion to the connections, most of them
// idle; this one keeps the sockets in an epoll set, and a wake-up costs in proportion to the sockets
// that are ready. Same semantics otherwise: level-triggered socket notifiers, posted events, timers
// in milliseconds, wakeUp() and interrupt() from any thread.
//
// Linux only. Elsewhere, or when the environment sets HISCRM_EVENT_DISPATCHER=qt (to compare, or to
// fall back should this one misbehave), the factory returns nullptr and the thread keeps Qt's own.

class QAbstractEventDispatcher;

namespace hiscrm {

// A new dispatcher for QThread::setEventDispatcher (before the thread starts) or
// QCoreApplication::setEventDispatcher (before the application exists); nullptr for Qt's default.
QAbstractEventDispatcher *createScalableEventDispatcher();

} // namespace hiscrm
