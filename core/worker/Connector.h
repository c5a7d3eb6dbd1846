// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// worker/: platform connectors and the host that runs them. A connector watches one platform for
// some accounts and pushes what it sees as batches; it sends the operator's replies. Depends on
// model/ and demo/; never on store/ (connectors know nothing of the database).

#include "model/Model.h"

#include <QMetaType>
#include <QObject>
#include <QStringList>

namespace hiscrm::worker {

// A reply the master asks a connector to post on the platform.
struct ReplyRequest
{
    qint64 itemId = 0; // the pending item in the master's store
    QString commandId; // the operator's command id (stable across retries)
    QString platform;
    QString accountId; // platform id of the account that answers
    model::ItemKind kind = model::ItemKind::Message;
    QString threadId; // platform id of the conversation (Message) or the video (Comment)
    QString parentId; // Comment: platform id of the comment answered, empty for top level
    QString text;
};

struct ReplyResult
{
    qint64 itemId = 0;
    bool sent = false;
    QString platformId; // the posted message's id on the platform, when sent
    QString error;      // why it failed, for the operator
};

// Runs in its own thread (WorkerHost moves it there). Every slot is called in that thread.
class Connector : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~Connector() override = default;

    virtual QString id() const = 0;           // stable worker id, e.g. "demo-1"
    virtual QString platform() const = 0;     // e.g. "demo"
    virtual QStringList accounts() const = 0; // platform ids of the accounts it serves

public slots:
    virtual void start() = 0;
    virtual void stop() = 0;
    virtual void sendReply(const hiscrm::worker::ReplyRequest &request) = 0;

signals:
    // A batch for the master. The host delivers it in order; a rejected batch counts as an error in
    // the connector's status (and is logged with the reason).
    void batchReady(quint64 seq, const hiscrm::model::Batch &batch);
    void accountStatus(const QString &accountId, hiscrm::model::LoginState state, const QString &error);
    void replyFinished(const hiscrm::worker::ReplyResult &result);
    // Something the connector cannot recover from by itself: the host stops it and starts it again
    // after a capped backoff.
    void failed(const QString &error);
};

} // namespace hiscrm::worker

Q_DECLARE_METATYPE(hiscrm::worker::ReplyRequest)
Q_DECLARE_METATYPE(hiscrm::worker::ReplyResult)
Q_DECLARE_METATYPE(hiscrm::model::Batch)
