// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Error.h"
#include "sync/Pairing.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace hiscrm::ui {

// "Connect to a team master…": the operator pastes the pairing link the admin sent (or types the
// address and the code), compares the certificate fingerprint it shows with the admin's, and
// connects: the code is exchanged for a device token. Accepted once paired (paired()).
class PairDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PairDialog(QWidget *parent = nullptr);
    const std::optional<sync::PairedDevice> &paired() const { return m_paired; }

    // Tests: the link field and the connect button.
    QLineEdit *linkEdit() const { return m_link; }
    void connectNow();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void linkEdited();
    std::optional<sync::PairingLink> current(QString *why) const;

    QLabel *m_intro;
    QLabel *m_linkLabel;
    QLineEdit *m_link;
    QLabel *m_addressLabel;
    QLineEdit *m_address;
    QLabel *m_codeLabel;
    QLineEdit *m_code;
    QLabel *m_fingerprintLabel;
    QLabel *m_fingerprint;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QString m_pinned; // the fingerprint the link named
    bool m_busy = false;
    std::optional<sync::PairedDevice> m_paired;
};

} // namespace hiscrm::ui
