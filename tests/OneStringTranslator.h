// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A translator that knows one string, so a test checks that a widget retranslates on a language
// change without the real catalogue.

#include <QByteArray>
#include <QString>
#include <QTranslator>

namespace testutil {

class OneStringTranslator final : public QTranslator
{
public:
    // Translates `sourceText` of the tr() context `context` (e.g. "hiscrm::ui::SearchPanel") as
    // `translation`; every other string stays untranslated.
    OneStringTranslator(QByteArray context, QByteArray sourceText, QString translation)
        : m_context(std::move(context))
        , m_sourceText(std::move(sourceText))
        , m_translation(std::move(translation))
    {}

    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        if (QByteArrayView(context) == m_context && QByteArrayView(sourceText) == m_sourceText)
            return m_translation;
        return {};
    }
    bool isEmpty() const override { return false; }

private:
    QByteArray m_context;
    QByteArray m_sourceText;
    QString m_translation;
};

} // namespace testutil
