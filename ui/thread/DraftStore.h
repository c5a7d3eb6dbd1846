// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Unsent replies, one per conversation and one per video's comment thread, kept in a small JSON
// file in the data folder (drafts.json) so that they survive restarts. Drafts are the operator's
// own, local state: they never go to the master. Writes are coalesced and atomic (QSaveFile), so a
// crash loses at most the last second of typing and never the file.

#include "model/Model.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

namespace hiscrm::ui {

class DraftStore final : public QObject
{
    Q_OBJECT

public:
    struct Draft
    {
        QString text;
        qint64 replyTo = 0;   // comment threads: the comment the reply answers (0: the video)
        qint64 updatedAt = 0; // ms
    };

    static constexpr int kSaveDelayMs = 800;
    static constexpr int kMaxDraftChars = 10000;

    // Loads filePath when it exists. A damaged file is set aside as "<file>.damaged" and the store
    // starts empty, so one bad write never blocks typing.
    explicit DraftStore(QString filePath, QObject *parent = nullptr);
    ~DraftStore() override; // writes what is pending
    Q_DISABLE_COPY_MOVE(DraftStore)

    static QString key(model::ItemKind kind, qint64 threadId);

    Draft draft(model::ItemKind kind, qint64 threadId) const;
    QString text(model::ItemKind kind, qint64 threadId) const { return draft(kind, threadId).text; }
    // Empty (or whitespace-only) text removes the draft. Emits changed() only on a real change.
    void setDraft(model::ItemKind kind, qint64 threadId, const QString &text, qint64 replyTo = 0);
    void clear(model::ItemKind kind, qint64 threadId) { setDraft(kind, threadId, QString()); }
    int count() const { return int(m_drafts.size()); }

    // Writes now; false (with lastError()) when the file cannot be written.
    bool save();
    QString lastError() const { return m_error; }
    QString filePath() const { return m_path; }

signals:
    void changed(model::ItemKind kind, qint64 threadId);
    // A write failed: drafts stay in memory and the next change tries again.
    void saveFailed(const QString &message);

private:
    void load();

    QString m_path;
    QHash<QString, Draft> m_drafts;
    QTimer m_saveTimer;
    bool m_dirty = false;
    QString m_error;
};

} // namespace hiscrm::ui
