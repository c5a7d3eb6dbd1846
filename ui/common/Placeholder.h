// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Keeps a text field's placeholder visibly dimmer than its text. Some styles (Adwaita and
// Adwaita-Dark) set PlaceholderText to the text colour itself, so "Write a reply…" reads as if it
// had been typed. The field follows every palette and style change.

class QWidget;

namespace hiscrm::ui {

void keepPlaceholderDim(QWidget *field);

} // namespace hiscrm::ui
