// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

// Turns SIGINT/SIGTERM (Ctrl+C / console close on Windows) into a Qt signal delivered in the main
// thread, so shutdown runs the normal, orderly path.
class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

signals:
    void shutdownRequested(int signal);
};
