// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/thread/DraftStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

namespace hiscrm::ui {

namespace {

Q_LOGGING_CATEGORY(lcDrafts, "hiscrm.ui")

constexpr int kFormatVersion = 1;

} // namespace

DraftStore::DraftStore(QString filePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(filePath))
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kSaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { save(); });
    load();
}

DraftStore::~DraftStore()
{
    if (m_dirty)
        save();
}

QString DraftStore::key(model::ItemKind kind, qint64 threadId)
{
    return (kind == model::ItemKind::Message ? QStringLiteral("conversation:") : QStringLiteral("content:")) +
           QString::number(threadId);
}

DraftStore::Draft DraftStore::draft(model::ItemKind kind, qint64 threadId) const
{
    return m_drafts.value(key(kind, threadId));
}

void DraftStore::setDraft(model::ItemKind kind, qint64 threadId, const QString &text, qint64 replyTo)
{
    if (threadId <= 0)
        return;
    const QString k = key(kind, threadId);
    const bool keep = !text.trimmed().isEmpty();
    const auto it = m_drafts.constFind(k);
    if (!keep) {
        if (it == m_drafts.cend())
            return;
        m_drafts.remove(k);
    } else {
        const QString kept = text.left(kMaxDraftChars);
        if (it != m_drafts.cend() && it->text == kept && it->replyTo == replyTo)
            return;
        m_drafts.insert(k, Draft{kept, replyTo, QDateTime::currentMSecsSinceEpoch()});
    }
    m_dirty = true;
    m_saveTimer.start();
    emit changed(kind, threadId);
}

bool DraftStore::save()
{
    m_saveTimer.stop();
    if (m_path.isEmpty())
        return true;
    QJsonObject drafts;
    for (auto it = m_drafts.cbegin(); it != m_drafts.cend(); ++it) {
        drafts.insert(it.key(), QJsonObject{{QStringLiteral("text"), it->text},
                                            {QStringLiteral("reply_to"), it->replyTo},
                                            {QStringLiteral("updated_at"), it->updatedAt}});
    }
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion}, {QStringLiteral("drafts"), drafts}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        m_error = tr("Drafts could not be saved to %1: %2").arg(m_path, file.errorString());
        qCWarning(lcDrafts).noquote() << m_error;
        emit saveFailed(m_error);
        return false;
    }
    m_error.clear();
    m_dirty = false;
    return true;
}

void DraftStore::load()
{
    QFile file(m_path);
    if (m_path.isEmpty() || !file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = tr("Drafts could not be read from %1: %2").arg(m_path, file.errorString());
        qCWarning(lcDrafts).noquote() << m_error;
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    const QJsonObject root = doc.object();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() ||
        root.value(QStringLiteral("version")).toInt() != kFormatVersion) {
        // Keep the damaged file for a look, and start afresh rather than refuse to keep drafts.
        const QString aside = m_path + QStringLiteral(".damaged");
        QFile::remove(aside);
        QFile::rename(m_path, aside);
        qCWarning(lcDrafts).noquote() << "drafts file unreadable, set aside as" << aside;
        return;
    }
    const QJsonObject drafts = root.value(QStringLiteral("drafts")).toObject();
    for (auto it = drafts.constBegin(); it != drafts.constEnd(); ++it) {
        const QJsonObject d = it.value().toObject();
        const QString text = d.value(QStringLiteral("text")).toString().left(kMaxDraftChars);
        const bool known = it.key().startsWith(u"conversation:") || it.key().startsWith(u"content:");
        if (!known || text.trimmed().isEmpty())
            continue;
        m_drafts.insert(it.key(), Draft{text, d.value(QStringLiteral("reply_to")).toInteger(),
                                        d.value(QStringLiteral("updated_at")).toInteger()});
    }
}

} // namespace hiscrm::ui
