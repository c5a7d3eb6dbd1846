// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Lets the models hand whole rows to views and delegates through QVariant (ConversationRole,
// ItemRole, ContentRole) instead of one role per field.

#include "model/Model.h"

#include <QMetaType>

Q_DECLARE_METATYPE(hiscrm::model::Conversation)
Q_DECLARE_METATYPE(hiscrm::model::Item)
Q_DECLARE_METATYPE(hiscrm::model::Content)
