// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// File > Connect your own crawler: explains in an operator's words what an external worker is
// (a program that watches real accounts and hands their messages to this inbox), and gives the
// address and the key it needs, each with a copy button. Both stay the same across restarts.

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace hiscrm::ui {

class WorkerSetupDialog final : public QDialog
{
    Q_OBJECT

public:
    WorkerSetupDialog(const QString &url, const QString &token, QWidget *parent = nullptr);

    QString url() const;
    QString token() const;

private:
    QLineEdit *addRow(const QString &value, const QString &objectName, const QString &copiedWhat);

    QLineEdit *m_url = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_copied = nullptr;
};

} // namespace hiscrm::ui
