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
    QString translation;
    bool unfinished = false;
};

QList<Entry> readTs(const QString &path)
{
    QList<Entry> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    Entry e;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"message") {
            e = Entry();
        } else if (xml.isStartElement() && xml.name() == u"source") {
            e.source = xml.readElementText();
        } else if (xml.isStartElement() && xml.name() == u"translation") {
            e.unfinished = xml.attributes().value(u"type"_s) == u"unfinished";
            e.translation = xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == u"message") {
            out << e;
        }
    }
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
        QTest::newRow("Simplified Chinese") << u"hiscrm_zh_CN.ts"_s;
        QTest::newRow("English") << u"hiscrm_en.ts"_s;
    }

    void catalogueIsComplete()
    {
        QFETCH(QString, file);
        const QList<Entry> entries = readTs(QStringLiteral(HISCRM_SOURCE_DIR "/translations/") + file);
        QVERIFY(entries.size() > 20);
        for (const Entry &e : entries) {
            QVERIFY2(!e.unfinished && !e.translation.isEmpty(), qPrintable(u"untranslated: "_s + e.source));
            QVERIFY2(placeholders(e.source) == placeholders(e.translation),
                     qPrintable(u"placeholders differ: "_s + e.source));
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
