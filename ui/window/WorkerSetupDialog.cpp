// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/WorkerSetupDialog.h"

#include "ui/common/Icons.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hiscrm::ui {

WorkerSetupDialog::WorkerSetupDialog(const QString &url, const QString &token, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("workerSetupDialog"));
    setWindowTitle(tr("Connect your own crawler"));
    auto *intro = new QLabel(
        tr("A crawler is a program that stays logged in to your real accounts (for example a "
           "browser-automation script your team runs) and hands their new messages and comments to "
           "this inbox. Replies you write here go back out through it.\n\n"
           "Give the person who set up the crawler these two values. They stay the same every time you "
           "start HisCRM Desk, so a crawler set up once keeps working. Only programs on this computer "
           "can connect."),
        this);
    intro->setWordWrap(true);
    m_copied = new QLabel(this);
    m_copied->setObjectName(QStringLiteral("copiedNote"));
    m_copied->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_url = addRow(url, QStringLiteral("workerUrlEdit"), tr("The address"));
    m_token = addRow(token, QStringLiteral("workerTokenEdit"), tr("The key"));
    form->addRow(tr("Address:"), m_url->parentWidget());
    form->addRow(tr("Key:"), m_token->parentWidget());

    auto *both = new QPushButton(tr("Copy both"), this);
    both->setObjectName(QStringLiteral("copyBothButton"));
    connect(both, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(tr("Address: %1\nKey: %2").arg(m_url->text(), m_token->text()));
        m_copied->setText(tr("Both copied to the clipboard."));
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    useCloseGlyph(buttons);
    buttons->addButton(both, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_copied);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
}

QLineEdit *WorkerSetupDialog::addRow(const QString &value, const QString &objectName,
                                     const QString &copiedWhat)
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *edit = new QLineEdit(value, row);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setAccessibleName(copiedWhat);
    auto *copy = new QPushButton(tr("Copy"), row);
    copy->setObjectName(objectName + QStringLiteral("Copy"));
    copy->setAccessibleName(tr("Copy %1").arg(copiedWhat));
    connect(copy, &QPushButton::clicked, this, [this, edit, copiedWhat] {
        QGuiApplication::clipboard()->setText(edit->text());
        m_copied->setText(tr("%1 was copied to the clipboard.").arg(copiedWhat));
    });
    h->addWidget(edit, 1);
    h->addWidget(copy);
    return edit;
}

QString WorkerSetupDialog::url() const
{
    return m_url->text();
}

QString WorkerSetupDialog::token() const
{
    return m_token->text();
}

} // namespace hiscrm::ui
