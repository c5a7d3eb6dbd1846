// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the two inbox lists (ConversationListModel, ContentListModel) share beyond the row diff:
// the thread open on the right, holding still while the operator points at the list (with the
// count of threads whose new activity waits), the drafts shown on rows, and failed replies.

#include "model/Model.h"
#include "store/StoreReader.h"
#include "ui/common/ListDiff.h"

#include <QHash>
#include <QSet>

namespace hiscrm::ui {

class DraftStore;

class InboxListModel : public DiffListModel
{
    Q_OBJECT

public:
    // kind: the threads the rows are (Message: conversations, Comment: videos).
    InboxListModel(model::ItemKind kind, QObject *parent = nullptr);

    virtual int rowOf(qint64 id) const = 0;
    // The names of the roles both lists answer (InboxRoles); each adds its own.
    QHash<int, QByteArray> roleNames() const override;
    // Re-reads the loaded range; held models only update rows in place.
    virtual void refresh() = 0;

    // The thread open on the right (0: none). Its row shows no draft (the composer holds it).
    void setOpenId(qint64 id);
    qint64 openId() const { return m_openId; }
    // While held, refresh() never moves, adds or removes a row; releasing applies everything.
    void setHeld(bool held);
    bool isHeld() const { return m_held; }
    // The operator's own command takes this thread out of the list (archived from its context
    // menu): its row leaves at the next refresh that finds it gone, held or not. Only that row;
    // the rest hold still. Forgotten once the list is released.
    void letGo(qint64 id);
    // Threads with new activity waiting while held.
    int heldNewCount() const { return int(m_heldNew.size()); }
    // Draft texts shown on the rows; may be null.
    void setDrafts(DraftStore *drafts);
    // Threads with a reply the platform refused (those of this model's kind are used).
    void setFailedReplies(const QList<store::FailedReply> &failed);

signals:
    void heldNewCountChanged(int count);

protected:
    QString draftFor(qint64 id) const;
    // The roles both lists answer from the thread's id alone (Draft, FailedReply, Open); an
    // invalid QVariant for any other role.
    QVariant threadData(qint64 id, int role) const;
    QString failedFor(qint64 id) const { return m_failed.value(id); }
    void addHeldNew(const QSet<qint64> &ids);
    void clearHeldNew();
    // Whether letGo() asked for id's row to leave; forgetLetGo once it has, or when released.
    bool isLetGo(qint64 id) const { return m_letGo.contains(id); }
    void forgetLetGo(qint64 id) { m_letGo.remove(id); }
    void emitRowChanged(qint64 id, const QList<int> &roles);

private:
    model::ItemKind m_kind;
    DraftStore *m_drafts = nullptr;
    QHash<qint64, QString> m_failed; // thread id -> error of its newest failed reply
    qint64 m_openId = 0;
    bool m_held = false;
    QSet<qint64> m_heldNew;
    QSet<qint64> m_letGo;
};

} // namespace hiscrm::ui
