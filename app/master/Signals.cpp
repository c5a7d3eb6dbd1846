// SPDX-License-Identifier: GPL-3.0-or-later
#include "Signals.h"

#include <QCoreApplication>

#include <csignal>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_fds[2] = {-1, -1};

void onSignal(int sig)
{
    // Only async-signal-safe work here: hand the number to the event loop through the socket.
    const char c = char(sig);
    [[maybe_unused]] const auto n = ::write(g_fds[0], &c, 1);
}
} // namespace

ShutdownSignals::ShutdownSignals(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_fds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char c = 0;
        if (::read(g_fds[1], &c, 1) == 1)
            emit shutdownRequested(int(c));
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

ShutdownSignals::~ShutdownSignals()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    ::close(g_fds[0]);
    ::close(g_fds[1]);
}

#elif defined(Q_OS_WIN)
#include <windows.h>

namespace {
ShutdownSignals *g_instance = nullptr;

BOOL WINAPI onConsoleEvent(DWORD type)
{
    if (!g_instance)
        return FALSE;
    QMetaObject::invokeMethod(
        g_instance, [type] { emit g_instance->shutdownRequested(int(type)); }, Qt::QueuedConnection);
    return TRUE;
}
} // namespace

ShutdownSignals::ShutdownSignals(QObject *parent)
    : QObject(parent)
{
    g_instance = this;
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

ShutdownSignals::~ShutdownSignals()
{
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    g_instance = nullptr;
}
#else
ShutdownSignals::ShutdownSignals(QObject *parent)
    : QObject(parent)
{}
ShutdownSignals::~ShutdownSignals() = default;
#endif
