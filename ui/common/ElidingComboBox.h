// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A combo box that shows "…" where its current text is cut when the row gives it less width than
// the text needs (the search panel's filters in English at the panel's usual width), instead of
// clipping it mid-letter ("All accou"). The cut text is its tooltip; the list shows every item whole.

#include <QComboBox>

namespace hiscrm::ui {

class ElidingComboBox final : public QComboBox
{
    Q_OBJECT

public:
    explicit ElidingComboBox(QWidget *parent = nullptr);
    // The text as painted now: the current text, elided to the field's width.
    QString shownText() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateToolTip();
};

} // namespace hiscrm::ui
