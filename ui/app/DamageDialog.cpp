// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/DamageDialog.h"

#include <QApplication>
#include <QCommandLinkButton>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QScreen>
#include <QStyle>
#include <QVBoxLayout>

namespace hiscrm::ui {

// Over 80 lines: the dialog's few widgets and texts, top to bottom, as the user reads them.
DamageDialog::DamageDialog(When when, const QString &dataDir, const QString &detail, QWidget *parent)
    : QDialog(parent)
{
    const bool running = when == When::WhileRunning;
    setObjectName(QStringLiteral("damageDialog"));
    setWindowTitle(running ? tr("The message history is damaged") : tr("HisCRM Desk cannot start"));
    setModal(true);

    auto *icon = new QLabel;
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, this).pixmap(iconSize));
    icon->setAlignment(Qt::AlignTop);

    auto *headline =
        new QLabel(running ? tr("The message history is damaged. HisCRM Desk has stopped saving "
                                "new messages and actions to it.")
                           : tr("The message history is damaged, so HisCRM Desk cannot open it."));
    QFont bold = headline->font();
    bold.setBold(true);
    headline->setFont(bold);
    headline->setWordWrap(true);
    auto *body =
        new QLabel(tr("HisCRM Desk keeps no backup of its own. If you have a backup of the data folder "
                      "%1, quit and put hiscrm.db back from it, without the hiscrm.db-wal and "
                      "hiscrm.db-shm files next to it.")
                       .arg(QDir::toNativeSeparators(dataDir)));
    body->setWordWrap(true);
    body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // What SQLite found, for whoever helps: selectable, and smaller than what the operator reads.
    auto *details = new QLabel(detail);
    details->setObjectName(QStringLiteral("damageDetails"));
    details->setWordWrap(true);
    details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details->setForegroundRole(QPalette::PlaceholderText);
    QFont small = details->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    details->setFont(small);

    auto *moveAside = new QCommandLinkButton(
        tr("Move the damaged file aside and start with an empty history"),
        tr("The files stay in the data folder as hiscrm.db.damaged-<date>; HisCRM Desk starts again at "
           "once."));
    moveAside->setObjectName(QStringLiteral("moveAside"));
    auto *quit =
        new QCommandLinkButton(tr("Quit"), tr("Restore the history from your backup, then start HisCRM "
                                              "Desk again."));
    quit->setObjectName(QStringLiteral("quit"));
    QCommandLinkButton *keep = nullptr;
    if (running) {
        keep =
            new QCommandLinkButton(tr("Keep reading"), tr("The window stays open; nothing you do or receive "
                                                          "is saved."));
        keep->setObjectName(QStringLiteral("keepReading"));
    }
    connect(moveAside, &QAbstractButton::clicked, this, [this] {
        m_choice = Choice::MoveAside;
        accept();
    });
    connect(quit, &QAbstractButton::clicked, this, [this] {
        m_choice = Choice::Quit;
        reject();
    });
    if (keep) {
        connect(keep, &QAbstractButton::clicked, this, [this] {
            m_choice = Choice::KeepReading;
            accept();
        });
    }
    // Enter quits: moving files aside takes a deliberate choice. A button with focus would take
    // Enter for itself (autoDefault), and the first one in the layout gets focus by default.
    moveAside->setAutoDefault(false);
    if (keep)
        keep->setAutoDefault(false);
    quit->setDefault(true);
    m_quit = quit;

    auto *text = new QVBoxLayout;
    text->addWidget(headline);
    text->addWidget(body);
    text->addWidget(details);
    text->addSpacing(6);
    text->addWidget(moveAside);
    text->addWidget(quit);
    if (keep)
        text->addWidget(keep);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(icon);
    layout->addLayout(text, 1);
    setMinimumWidth(qMin(560, screen() ? screen()->availableGeometry().width() - 40 : 560));
}

void DamageDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_quit->setFocus(Qt::OtherFocusReason);
}

} // namespace hiscrm::ui
