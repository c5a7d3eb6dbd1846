// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Translations.h"
#include "store/Store.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace hiscrm;
using namespace Qt::StringLiterals;

namespace {

struct Entry
{
    QString source;
    QString translation; // of a message that is not numerus
    QStringList forms;   // the <numerusform>s of a numerus message
    bool numerus = false;
    bool unfinished = false;
};

// Reads a <translation>: its text, or for a numerus message its <numerusform> children
// (readElementText() fails on those, they are child elements).
void readTranslation(QXmlStreamReader &xml, Entry &e)
{
    if (!e.numerus) {
        e.translation = xml.readElementText();
        return;
    }
    while (xml.readNextStartElement()) {
        if (xml.name() == u"numerusform")
            e.forms << xml.readElementText();
        else
            xml.skipCurrentElement();
    }
}

QList<Entry> readTs(const QString &path, QString *error)
{
    QList<Entry> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    Entry e;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"message") {
            e = Entry();
            e.numerus = xml.attributes().value(u"numerus"_s) == u"yes";
        } else if (xml.isStartElement() && xml.name() == u"source") {
            e.source = xml.readElementText();
        } else if (xml.isStartElement() && xml.name() == u"translation") {
            e.unfinished = xml.attributes().value(u"type"_s) == u"unfinished";
            readTranslation(xml, e);
        } else if (xml.isEndElement() && xml.name() == u"message") {
            out << e;
        }
    }
    if (xml.hasError())
        *error = u"line %1: %2"_s.arg(xml.lineNumber()).arg(xml.errorString());
    return out;
}

QStringList placeholders(const QString &s)
{
    static const QRegularExpression re(u"%\\d+"_s);
    QStringList out;
    for (auto it = re.globalMatch(s); it.hasNext();)
        out << it.next().captured();
    out.sort();
    return out;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void catalogueIsComplete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("pluralForms");
        // Chinese has one plural form ("%n 条评论"), English two ("%n comment", "%n comments").
        QTest::newRow("Simplified Chinese") << u"hiscrm_zh_CN.ts"_s << 1;
        QTest::newRow("English") << u"hiscrm_en.ts"_s << 2;
    }

    void catalogueIsComplete()
    {
        QFETCH(QString, file);
        QFETCH(int, pluralForms);
        QString error;
        const QList<Entry> entries =
            readTs(QStringLiteral(HISCRM_SOURCE_DIR "/translations/") + file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(file + u": "_s + error));
        QVERIFY(entries.size() > 20);
        int numerus = 0;
        for (const Entry &e : entries) {
            QVERIFY2(!e.unfinished, qPrintable(u"untranslated: "_s + e.source));
            if (!e.numerus) {
                QVERIFY2(!e.translation.isEmpty(), qPrintable(u"untranslated: "_s + e.source));
                QVERIFY2(placeholders(e.source) == placeholders(e.translation),
                         qPrintable(u"placeholders differ: "_s + e.source));
                continue;
            }
            ++numerus;
            QVERIFY2(
                e.forms.size() == pluralForms,
                qPrintable(u"expected %1 plural forms, found %2: "_s.arg(pluralForms).arg(e.forms.size()) +
                           e.source));
            for (const QString &form : e.forms) {
                QVERIFY2(!form.trimmed().isEmpty(), qPrintable(u"empty plural form: "_s + e.source));
                QVERIFY2(!e.source.contains(u"%n"_s) || form.contains(u"%n"_s),
                         qPrintable(u"plural form without %n: "_s + form));
                QVERIFY2(placeholders(e.source) == placeholders(form),
                         qPrintable(u"placeholders differ: "_s + form));
            }
        }
        QVERIFY2(numerus > 0, "no plural message read; is the numerus attribute still parsed?");
    }

    // The English catalogue says exactly what the source says: lupdate's "number heuristic" once
    // filled "%1m" (minutes) with another message's "%1+ {1m?}", which then showed in the list.
    void englishIsTheSourceItself()
    {
        QString error;
        const QList<Entry> entries =
            readTs(QStringLiteral(HISCRM_SOURCE_DIR "/translations/hiscrm_en.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const Entry &e : entries) {
            if (!e.numerus)
                QVERIFY2(e.translation == e.source, qPrintable(e.source + u" -> "_s + e.translation));
        }
    }

    void errorsReachTheUserInTheirLanguage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"junk.db"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();

        QCOMPARE(installTranslations(QLocale(QLocale::Chinese, QLocale::China)), u"zh_CN"_s);
        auto zh = store::Store::open(path);
        QVERIFY(!zh);
        QVERIFY2(zh.error().message.contains(u"不是 HisCRM 数据库"_s), qPrintable(zh.error().message));

        QCOMPARE(installTranslations(QLocale(QLocale::Chinese, QLocale::Taiwan)), u"zh_CN"_s);
        QCOMPARE(installTranslations(QLocale(QLocale::German)), u"en"_s);
        auto en = store::Store::open(path);
        QVERIFY(!en);
        QVERIFY2(en.error().message.contains(u"not a HisCRM database"_s), qPrintable(en.error().message));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
