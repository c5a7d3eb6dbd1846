// SPDX-License-Identifier: GPL-3.0-or-later
// hiscrm: the desktop inbox. Starts the embedded master on the user's data folder and opens the
// main window; everything else lives in hiscrm_ui and hiscrm_core.

#include "common/Translations.h"
#include "ui/AppSession.h"
#include "ui/MainWindow.h"
#include "ui/Screenshots.h"
#include "ui/Settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

using namespace hiscrm;

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("HisCRM"));
    QApplication::setApplicationName(QStringLiteral("HisCRM Desk"));
    QApplication::setApplicationDisplayName(QStringLiteral("HisCRM Desk"));
    QApplication::setApplicationVersion(QStringLiteral(HISCRM_VERSION));
    QApplication::setQuitOnLastWindowClosed(true);

    ui::Settings settings;
    // --lang is read before the parser so that --help itself is in the chosen language.
    QString lang = settings.effectiveLanguage();
    const QStringList args = QCoreApplication::arguments();
    if (const qsizetype at = args.indexOf(QStringLiteral("--lang")); at >= 0 && at + 1 < args.size())
        lang = args.at(at + 1);
    installTranslations(QLocale(lang));

    QCommandLineParser p;
    p.setApplicationDescription(
        QApplication::translate("main", "HisCRM Desk: every account's messages and comments in one inbox."));
    p.addHelpOption();
    p.addVersionOption();
    QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate("main", "Start the demo connector (a simulated platform)."));
    QCommandLineOption dataDir(QStringLiteral("data-dir"),
                               QApplication::translate("main", "Keep the message history in this folder."),
                               QStringLiteral("folder"));
    // For the start-up benchmark: print when the window is interactive, then quit.
    QCommandLineOption measure(QStringLiteral("measure-startup"));
    measure.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption langOption(QStringLiteral("lang"),
                                  QApplication::translate("main", "Language: zh_CN or en."),
                                  QStringLiteral("code"));
    // For the documentation: capture screenshots into a folder, then quit.
    QCommandLineOption shots(QStringLiteral("screenshots"), QString(), QStringLiteral("folder"));
    shots.setFlags(QCommandLineOption::HiddenFromHelp);
    p.addOptions({demo, dataDir, langOption, measure, shots});
    p.process(app);

    ui::AppSession session;
    const QString folder = p.isSet(dataDir) ? p.value(dataDir) : settings.dataFolder();
    if (Error e = session.start(folder)) {
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "HisCRM Desk cannot start"),
            QApplication::translate("main", "The message history could not be opened.\n\n%1").arg(e.message));
        return 1;
    }
    if (p.isSet(demo) || settings.demoEnabled())
        session.startDemo();

    ui::MainWindow window(&session, &settings);
    if (p.isSet(shots))
        window.resize(1280, 800);
    window.show();
    if (p.isSet(shots)) {
        ui::captureScreenshots(&window, &settings, p.value(shots),
                               lang.startsWith(u"zh") ? QStringLiteral("zh_CN") : QStringLiteral("en"),
                               [](bool ok) { QApplication::exit(ok ? 0 : 1); });
    }
    if (p.isSet(measure)) {
        // Queued behind the first paint: the window is interactive once the event loop turns.
        QTimer::singleShot(0, &window, [&] {
            std::printf("first_window_ms %lld\n", static_cast<long long>(sinceStart.elapsed()));
            std::fflush(stdout);
            QTimer::singleShot(200, &app, &QApplication::quit);
        });
    }
    return app.exec();
}
