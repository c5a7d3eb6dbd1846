// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/Generator.h"
#include "worker/Connector.h"

#include <QSet>
#include <QTimer>

namespace hiscrm::worker {

// Simulates a platform named "demo" well enough to demo and load-test the product: several
// accounts, fans with profiles, videos with comment threads, DMs in Chinese and English, bursts,
// edits and recalls of earlier items, and occasional reply failures. Deterministic for a seed (the
// data comes from demo::Generator, the one generator the benchmark uses too). For tests and demos
// of failures, a reply containing "#fail" always fails, "#failonce" fails its first attempt only,
// and "#ok" always goes through.
class DemoConnector : public Connector
{
    Q_OBJECT

public:
    struct Options
    {
        QString id = QStringLiteral("demo-1");
        demo::GeneratorConfig generator;
        double itemsPerSecond = 2.0;    // average rate; bursts come on top
        int maxBatch = 500;             // items per batch at most
        double editShare = 0.02;        // share of items later edited
        double recallShare = 0.01;      // share of items later recalled
        double replyFailureShare = 0.1; // share of replies that fail (network timeout, ...)
        int replyLatencyMs = 300;
        qint64 maxItems = -1; // stop producing after this many (-1: never)
        // Live: messages are stamped with the current time and their ids tagged per run, so the
        // desktop's demo keeps growing across restarts. Off (tests, benchmark): fully deterministic.
        bool live = false;
        int initialBacklog = 0; // live: items already there when the demo starts, spread over 3 hours
    };

    explicit DemoConnector(Options options, QObject *parent = nullptr);

    // The live demo's backlog for a store holding `stored` accounts: `wanted` on the demo's first
    // start there, none when the demo's accounts are already in (a later start goes on from the
    // inbox as it was left, with no second backlog over the same hours).
    static int initialBacklogFor(const QList<model::Account> &stored, int wanted);

    QString id() const override { return m_opt.id; }
    QString platform() const override { return m_opt.generator.platform; }
    QStringList accounts() const override;

    // Deterministic batches without timers, for tests and the benchmark: the same sequence the
    // running connector emits (directory first, then items with edits and recalls mixed in).
    model::Batch nextBatch(int items);

public slots:
    void start() override;
    void stop() override;
    void sendReply(const hiscrm::worker::ReplyRequest &request) override;

private:
    void tick();
    Options m_opt;
    demo::Generator m_gen;
    demo::Rng m_rng;
    QTimer m_timer;
    quint64 m_seq = 0;
    bool m_directorySent = false;
    double m_credit = 0;
    qint64 m_produced = 0;
    qint64 m_lastTickMs = 0;
    QList<model::MessageRecord> m_recentMessages; // candidates for edits and recalls
    QList<model::CommentRecord> m_recentComments;
    quint64 m_replySerial = 0;
    QSet<QString> m_failedOnce;
    qint64 m_runTag = 0; // live mode: the start time, as a per-run id prefix
    qint64 m_lastStamp = 0;
    qint64 m_backfillStepMs = 0; // while producing the backlog: the time between its items // command ids
                                 // whose first attempt "#failonce" already failed
};

} // namespace hiscrm::worker
