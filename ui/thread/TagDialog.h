// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// "New tag": a name and one colour from a small palette chosen to read well on light and dark
// backgrounds. OK stays disabled until there is a name that no tag has yet; Cancel creates nothing.

#include <QColor>
#include <QDialog>
#include <QStringList>

class QButtonGroup;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace hiscrm::ui {

class TagDialog final : public QDialog
{
    Q_OBJECT

public:
    // existingNames: taken names (compared without case).
    explicit TagDialog(const QStringList &existingNames, QWidget *parent = nullptr);

    static QList<QColor> palette();
    QString name() const;
    QColor color() const;
    void setName(const QString &name);
    void setColor(const QColor &color);

private:
    void validate();

    QStringList m_existing;
    QLineEdit *m_name = nullptr;
    QButtonGroup *m_colors = nullptr;
    QLabel *m_hint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace hiscrm::ui
