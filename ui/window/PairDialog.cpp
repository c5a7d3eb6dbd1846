// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/PairDialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

namespace hiscrm::ui {

namespace {

// "sha256:d96034ea…" as people compare it: the hex in groups of four, which can wrap.
QString grouped(const QString &fingerprint)
{
    const QString hex = fingerprint.section(u':', 1).toUpper();
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << hex.mid(i, 4);
    return groups.join(u' ');
}

} // namespace

PairDialog::PairDialog(QWidget *parent)
    : QDialog(parent)
    , m_intro(new QLabel)
    , m_linkLabel(new QLabel)
    , m_link(new QLineEdit)
    , m_addressLabel(new QLabel)
    , m_address(new QLineEdit)
    , m_codeLabel(new QLabel)
    , m_code(new QLineEdit)
    , m_fingerprintLabel(new QLabel)
    , m_fingerprint(new QLabel)
    , m_message(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("pairDialog"));
    m_intro->setWordWrap(true);
    m_link->setObjectName(QStringLiteral("pairingLink"));
    m_link->setClearButtonEnabled(true);
    m_address->setObjectName(QStringLiteral("pairingAddress"));
    m_code->setObjectName(QStringLiteral("pairingCode"));
    m_fingerprint->setObjectName(QStringLiteral("pairingFingerprint"));
    m_fingerprint->setWordWrap(true);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("pairingMessage"));
    m_message->setWordWrap(true);
    m_linkLabel->setBuddy(m_link);
    m_addressLabel->setBuddy(m_address);
    m_codeLabel->setBuddy(m_code);

    auto *form = new QFormLayout;
    form->addRow(m_linkLabel, m_link);
    form->addRow(m_addressLabel, m_address);
    form->addRow(m_codeLabel, m_code);
    form->addRow(m_fingerprintLabel, m_fingerprint);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_link, &QLineEdit::textChanged, this, &PairDialog::linkEdited);
    connect(m_address, &QLineEdit::textEdited, this, [this] { m_message->clear(); });
    connect(m_code, &QLineEdit::textEdited, this, [this] { m_message->clear(); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PairDialog::connectNow);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslate();
    setMinimumWidth(560);
}

void PairDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void PairDialog::retranslate()
{
    setWindowTitle(tr("Connect to a team master"));
    m_intro->setText(tr("Paste the pairing link your admin sent you (from “hiscrm-master pair”), or type "
                        "the master's address and the code. The code works once, for 10 minutes."));
    m_linkLabel->setText(tr("Pairing &link:"));
    m_link->setPlaceholderText(tr("hiscrm://pair?url=…&code=…"));
    m_addressLabel->setText(tr("&Address:"));
    m_address->setPlaceholderText(tr("team.example:7788"));
    m_codeLabel->setText(tr("&Code:"));
    m_code->setPlaceholderText(tr("XXXXX-XXXXX"));
    m_fingerprintLabel->setText(tr("Certificate:"));
    if (m_pinned.isEmpty())
        m_fingerprint->setText(tr("None: the connection is not encrypted (fine on a trusted office network "
                                  "or the same computer)."));
    else
        m_fingerprint->setText(tr("SHA-256 %1\nCompare it with the one your admin sees; connect only if they "
                                  "are the same.")
                                   .arg(grouped(m_pinned)));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("C&onnect"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}

void PairDialog::linkEdited()
{
    m_message->clear();
    if (m_link->text().trimmed().isEmpty())
        return;
    QString why;
    const auto link = sync::PairingLink::parse(m_link->text(), &why);
    if (!link) {
        m_message->setText(why);
        return;
    }
    m_address->setText(link->url.toString(QUrl::RemoveUserInfo));
    m_code->setText(link->code);
    m_pinned = link->fingerprint;
    retranslate();
}

std::optional<sync::PairingLink> PairDialog::current(QString *why) const
{
    const auto url = sync::PairingLink::urlFromAddress(m_address->text(), why);
    if (!url)
        return std::nullopt;
    sync::PairingLink l;
    l.url = *url;
    l.code = m_code->text().trimmed();
    l.fingerprint = m_pinned;
    if (l.code.isEmpty()) {
        *why = tr("Type the pairing code, or paste the whole link.");
        return std::nullopt;
    }
    if (l.url.scheme() == QLatin1String("wss") && l.fingerprint.isEmpty()) {
        *why = tr("An encrypted (wss://) master needs its certificate's fingerprint: paste the whole link.");
        return std::nullopt;
    }
    return l;
}

void PairDialog::connectNow()
{
    if (m_busy)
        return;
    QString why;
    const auto link = current(&why);
    if (!link) {
        m_message->setText(why);
        return;
    }
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_message->setText(tr("Connecting to %1…").arg(link->url.host()));
    sync::pairWithMaster(*link, QSysInfo::machineHostName(), this,
                         [this](const Result<sync::PairedDevice> &r) {
                             m_busy = false;
                             m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
                             if (!r) {
                                 m_message->setText(r.error().message);
                                 return;
                             }
                             m_paired = *r;
                             accept();
                         });
}

} // namespace hiscrm::ui
