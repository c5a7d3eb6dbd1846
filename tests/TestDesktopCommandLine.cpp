// SPDX-License-Identifier: GPL-3.0-or-later
// The hiscrm binary's command line as a terminal sees it: --help and --version answer without a
// display (no DISPLAY, no QT_QPA_PLATFORM), and a bad --demo-rate is refused with exit code 2.

#include "DesktopProgram.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestDesktopCommandLine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Runs build/bin/hiscrm headless: without anything that would let it reach a display, and
    // with settings of its own so nothing of the user's is read or written.
    Run run(const QStringList &args, const QHash<QString, QString> &extraEnv = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "HISCRM_DEMO_RATE"})
            env.remove(QString::fromLatin1(name));
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
            env.insert(it.key(), it.value());
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(desktopProgram(), args);
        Run r;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            r.err = u"did not finish"_s;
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void helpWithoutDisplay()
    {
        const Run r = run({u"--help"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const QString &option : {u"--demo-rate"_s, u"--data-dir"_s, u"--lang"_s, u"--version"_s})
            QVERIFY2(r.out.contains(option), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"every account's messages and comments"_s), qPrintable(r.out));
        QVERIFY(!r.out.contains(u"--screenshots"_s)); // hidden: for the documentation only
    }

    void helpInTheChosenLanguage()
    {
        const Run r = run({u"--lang"_s, u"zh_CN"_s, u"--help"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"收件箱"_s), qPrintable(r.out));
        QVERIFY(r.out.contains(u"--demo-rate"_s));
    }

    void versionWithoutDisplay()
    {
        for (const QString &flag : {u"--version"_s, u"-v"_s}) {
            const Run r = run({flag});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QCOMPARE(r.out.trimmed(), QStringLiteral("HisCRM Desk " HISCRM_VERSION));
        }
    }

    void goodRateWithHelp()
    {
        const Run r = run({u"--demo-rate=50"_s, u"--help"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void badDemoRate_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("envRate");
        QTest::addColumn<QString>("expected");
        QTest::newRow("word") << QStringList{u"--demo-rate"_s, u"abc"_s} << QString() << u"--demo-rate"_s;
        QTest::newRow("zero") << QStringList{u"--demo-rate"_s, u"0"_s} << QString() << u"--demo-rate"_s;
        QTest::newRow("negative") << QStringList{u"--demo-rate=-3"_s} << QString() << u"--demo-rate"_s;
        QTest::newRow("environment") << QStringList{u"--demo"_s} << u"fast"_s << u"HISCRM_DEMO_RATE"_s;
    }

    void badDemoRate()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, envRate);
        QFETCH(QString, expected);
        QHash<QString, QString> env;
        if (!envRate.isEmpty())
            env.insert(u"HISCRM_DEMO_RATE"_s, envRate);
        // A data folder that must stay untouched: the app stops before opening anything.
        const QString data = m_dir.filePath(u"never"_s);
        const Run r = run(args + QStringList{u"--data-dir"_s, data}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"number"_s), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(data));
    }
};

QTEST_GUILESS_MAIN(TestDesktopCommandLine)
#include "TestDesktopCommandLine.moc"
