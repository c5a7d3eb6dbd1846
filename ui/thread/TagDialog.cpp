// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/thread/TagDialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace hiscrm::ui {

namespace {

constexpr int kMaxNameChars = 40;

QIcon swatch(const QColor &color, int size, bool ring)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    const qreal inset = size * 0.18;
    p.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset));
    if (ring) {
        p.setPen(QPen(color, qMax(1.5, size / 12.0)));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3));
    }
    return QIcon(pixmap);
}

} // namespace

QList<QColor> TagDialog::palette()
{
    // Mid-tone hues that stay legible as chip text on light and dark rows alike.
    return {QColor(0xE0533D), QColor(0xE08A2E), QColor(0xC9A227), QColor(0x4CA55A), QColor(0x1F9E8F),
            QColor(0x2E8FD8), QColor(0x5A6ACF), QColor(0x9C5BC0), QColor(0xD9547F), QColor(0x6B7F8C)};
}

TagDialog::TagDialog(const QStringList &existingNames, QWidget *parent)
    : QDialog(parent)
    , m_existing(existingNames)
{
    setObjectName(QStringLiteral("tagDialog"));
    setWindowTitle(tr("New tag"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("tagNameEdit"));
    m_name->setMaxLength(kMaxNameChars);
    m_name->setPlaceholderText(tr("For example: VIP, After-sales, Wholesale"));
    m_name->setAccessibleName(tr("Tag name"));

    auto *colors = new QHBoxLayout;
    colors->setSpacing(2);
    m_colors = new QButtonGroup(this);
    m_colors->setExclusive(true);
    const int size = fontMetrics().height() * 2;
    const QList<QColor> choices = palette();
    for (int i = 0; i < choices.size(); ++i) {
        auto *b = new QToolButton(this);
        b->setObjectName(QStringLiteral("tagColor%1").arg(i));
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setIconSize(QSize(size, size));
        b->setProperty("tagColor", choices[i]);
        b->setAccessibleName(tr("Colour %1").arg(choices[i].name()));
        b->setToolTip(choices[i].name());
        QIcon icon;
        icon.addPixmap(swatch(choices[i], size, false).pixmap(size), QIcon::Normal, QIcon::Off);
        icon.addPixmap(swatch(choices[i], size, true).pixmap(size), QIcon::Normal, QIcon::On);
        b->setIcon(icon);
        m_colors->addButton(b, i);
        colors->addWidget(b);
    }
    colors->addStretch(1);
    m_colors->button(0)->setChecked(true);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("tagHint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create tag"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &TagDialog::validate);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Colour:"), colors);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);
    // Wide enough for the title bar's text and the palette in either language.
    setMinimumWidth(qMax(fontMetrics().averageCharWidth() * 48, (size + 8) * int(choices.size()) + 80));
    validate();
}

QString TagDialog::name() const
{
    return m_name->text().simplified();
}

QColor TagDialog::color() const
{
    const QAbstractButton *b = m_colors->checkedButton();
    return b ? b->property("tagColor").value<QColor>() : QColor();
}

void TagDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void TagDialog::setColor(const QColor &color)
{
    for (QAbstractButton *b : m_colors->buttons()) {
        if (b->property("tagColor").value<QColor>() == color)
            b->setChecked(true);
    }
}

void TagDialog::validate()
{
    const QString n = name();
    bool taken = false;
    for (const QString &e : std::as_const(m_existing))
        taken = taken || e.compare(n, Qt::CaseInsensitive) == 0;
    m_hint->setText(taken ? tr("A tag named “%1” already exists.").arg(n) : QString());
    m_hint->setVisible(taken);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!n.isEmpty() && !taken);
}

} // namespace hiscrm::ui
