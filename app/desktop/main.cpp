// SPDX-License-Identifier: GPL-3.0-or-later
// hiscrm: the desktop inbox. Starts the embedded master on the user's data folder and opens the
// main window; everything else lives in hiscrm_ui and hiscrm_core.

#include "common/Translations.h"
#include "ui/app/AppSession.h"
#include "ui/app/DamageDialog.h"
#include "ui/app/RunOptions.h"
#include "ui/app/Screenshots.h"
#include "ui/common/AppIcon.h"
#include "ui/settings/Settings.h"
#include "ui/settings/Theme.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>
#include <optional>

using namespace hiscrm;

namespace {

// The demo connector's rate limits, as hiscrm-master has them.
constexpr double kMaxDemoRate = 100000;

void printErr(const QString &s)
{
    std::fprintf(stderr, "%s\n", s.toLocal8Bit().constData());
}

// The options, described in the language installed when this is made.
struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption demo{
        QStringLiteral("demo"),
        QCoreApplication::translate("main", "Start the demo connector (a simulated platform).")};
    // The same wording and variable as hiscrm-master's option.
    QCommandLineOption demoRate{
        QStringLiteral("demo-rate"),
        QCoreApplication::translate("main", "Demo messages per second [HISCRM_DEMO_RATE]."),
        QStringLiteral("n"),
        qEnvironmentVariableIsEmpty("HISCRM_DEMO_RATE") ? QString::number(ui::AppSession::kDefaultDemoRate)
                                                        : qEnvironmentVariable("HISCRM_DEMO_RATE")};
    QCommandLineOption dataDir{
        QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "Keep the message history in this folder."),
        QStringLiteral("folder")};
    QCommandLineOption lang{QStringLiteral("lang"),
                            QCoreApplication::translate("main", "Language: zh_CN or en."),
                            QStringLiteral("code")};
    // For the start-up benchmark: print when the window is interactive, then quit.
    QCommandLineOption measure{QStringLiteral("measure-startup")};
    // For the documentation: capture screenshots into a folder, then quit.
    QCommandLineOption shots{QStringLiteral("screenshots"), QString(), QStringLiteral("folder")};
    // For packaging checks: once the window is up, print its title and menus, then quit (exit 0).
    QCommandLineOption smoke{QStringLiteral("smoke-test")};

    CommandLine()
    {
        parser.setApplicationDescription(QCoreApplication::translate(
            "main", "HisCRM Desk: every account's messages and comments in one inbox."));
        parser.addHelpOption();
        parser.addVersionOption();
        measure.setFlags(QCommandLineOption::HiddenFromHelp);
        shots.setFlags(QCommandLineOption::HiddenFromHelp);
        smoke.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOptions({demo, demoRate, dataDir, lang, measure, shots, smoke});
    }

    // After parsing: whether only help or the version was asked for.
    bool wantsInformation() const
    {
        const QStringList given = parser.optionNames();
        for (const char *name : {"h", "?", "help", "help-all", "v", "version"}) {
            if (given.contains(QLatin1String(name)))
                return true;
        }
        return false;
    }

    std::optional<double> rate() const
    {
        bool ok = false;
        const double r = parser.value(demoRate).toDouble(&ok);
        if (!ok || !(r > 0) || r > kMaxDemoRate)
            return std::nullopt;
        return r;
    }

    // Exit code 2 and why, for a rate that is not one.
    int rejectRate() const
    {
        printErr(QCoreApplication::translate("main", "--demo-rate takes a number of messages per second."));
        if (!parser.isSet(demoRate))
            printErr(QCoreApplication::translate("main", "HISCRM_DEMO_RATE is set to “%1”.")
                         .arg(qEnvironmentVariable("HISCRM_DEMO_RATE")));
        return 2;
    }
};

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("HisCRM"));
    // macOS keeps the settings under the reversed domain: org.hiscrm.HisCRM Desk.plist, beside the
    // bundle's identifier org.hiscrm.desk (app/CMakeLists.txt).
    QCoreApplication::setOrganizationDomain(QStringLiteral("hiscrm.org"));
    QCoreApplication::setApplicationName(QStringLiteral("HisCRM Desk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HISCRM_VERSION));
}

// --lang first, so that --help itself and every message are in the chosen language.
QString languageToInstall(const ui::Settings &settings, const QString &langOption)
{
    return langOption.isEmpty() ? settings.effectiveLanguage() : langOption;
}

bool sameFolder(const QString &a, const QString &b)
{
    return QDir::cleanPath(QDir(a).absolutePath()) == QDir::cleanPath(QDir(b).absolutePath());
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    setIdentity();

    // Help, the version and a bad --demo-rate need no window, and must work on a terminal without
    // a display, where QApplication aborts before any parser could answer. So a first parse (no
    // application exists yet, so untranslated) decides which application to make. It still sees
    // Qt's own options (-style, -platform ...), which QApplication removes later: it takes them as
    // unknown long options, not as bundles of letters ("-stylesheet" is no "-h"), and an unknown
    // option is left for the real parse to report.
    QString langOption;
    bool runWindow = false;
    {
        QStringList args;
        for (int i = 0; i < argc; ++i)
            args << QString::fromLocal8Bit(argv[i]);
        CommandLine first;
        first.parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        first.parser.parse(args);
        runWindow = !first.wantsInformation() && first.rate().has_value();
        langOption = first.parser.value(first.lang);
    }

    if (!runWindow) {
        QCoreApplication app(argc, argv);
        ui::Settings settings;
        installTranslations(QLocale(languageToInstall(settings, langOption)));
        CommandLine cl;
        cl.parser.process(app); // prints help, the version or a mistake, and exits
        return cl.rejectRate(); // what is left: the rate
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("HisCRM Desk"));
    QApplication::setWindowIcon(ui::appIcon());
    // The desktop entry (resources/linux/org.hiscrm.Desk.desktop): Wayland compositors and docks
    // find the app's name and icon through it.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.hiscrm.Desk"));
    QApplication::setQuitOnLastWindowClosed(true);

    ui::Settings settings;
    const QString language = installTranslations(QLocale(languageToInstall(settings, langOption)));

    CommandLine cl;
    cl.parser.process(app);
    const std::optional<double> rate = cl.rate();
    if (!rate)
        return cl.rejectRate();

    // What the command line overrides for this run, for the settings dialog to show. An override
    // that says what the settings say anyway is none.
    ui::RunOptions run;
    if (!langOption.isEmpty() && settings.language() != language)
        run.language = language;
    if (cl.parser.isSet(cl.dataDir) &&
        !sameFolder(cl.parser.value(cl.dataDir), settings.effectiveDataFolder()))
        run.dataDir = QDir::cleanPath(QDir(cl.parser.value(cl.dataDir)).absolutePath());
    ui::RunOptions::setCurrent(run);

    // Before any window exists, so none is drawn in the platform's look first; and again at every
    // change of the theme or text size in Settings.
    ui::followAppearanceSettings(&settings);

    const QString folder = cl.parser.isSet(cl.dataDir) ? cl.parser.value(cl.dataDir) : settings.dataFolder();
    // Runs once, or again after the damaged history was moved aside: the files can move only once
    // the window, the master and every connection to them are gone.
    QString moveAsideIn;
    // The inbox shown: this computer's (empty) or a paired team master's (Settings::teamSource).
    // --demo asks for this computer's, with the demo platform.
    QString source = cl.parser.isSet(cl.demo) ? QString() : settings.teamSource();
    std::optional<ui::TeamPairing> forgetAfter; // "Disconnect": deleted once its session is gone
    for (;;) {
        if (forgetAfter) {
            if (Error e = ui::TeamPairings::forget(*forgetAfter))
                QMessageBox::warning(nullptr, QApplication::translate("main", "HisCRM Desk"), e.message);
            forgetAfter.reset();
        }
        if (!moveAsideIn.isEmpty()) {
            const Result<QStringList> moved = ui::AppSession::moveDamagedHistoryAside(moveAsideIn);
            if (!moved) {
                QMessageBox::critical(nullptr, QApplication::translate("main", "HisCRM Desk cannot start"),
                                      moved.error().message);
                return 1;
            }
            moveAsideIn.clear();
        }

        ui::AppSession session;
        session.setDemoRate(*rate);
        std::optional<ui::TeamPairing> pairing;
        if (!source.isEmpty()) {
            const QString dataDir = folder.isEmpty() ? ui::AppSession::defaultDataDir() : folder;
            auto loaded = ui::TeamPairings::load(dataDir, source);
            if (loaded) {
                pairing = *loaded;
            } else {
                QMessageBox::warning(
                    nullptr, QApplication::translate("main", "HisCRM Desk"),
                    QApplication::translate("main", "%1\n\nThe inbox on this computer opens instead.")
                        .arg(loaded.error().message));
                settings.setTeamSource(QString());
                source.clear();
            }
        }
        if (pairing) {
            if (Error e = session.startRemote(folder, *pairing)) {
                QMessageBox::critical(
                    nullptr, QApplication::translate("main", "HisCRM Desk cannot start"),
                    QApplication::translate("main",
                                            "The copy of the team master's inbox could not be opened.\n\n%1")
                        .arg(e.message));
                settings.setTeamSource(QString());
                return 1;
            }
        } else if (Error e = session.start(folder)) {
            if (ui::AppSession::isDamage(e)) {
                ui::DamageDialog ask(ui::DamageDialog::When::AtStart, session.dataDir(), e.message);
                ask.exec();
                if (ask.choice() == ui::DamageDialog::Choice::MoveAside) {
                    moveAsideIn = session.dataDir();
                    continue;
                }
                return 1;
            }
            QMessageBox::critical(
                nullptr, QApplication::translate("main", "HisCRM Desk cannot start"),
                QApplication::translate("main", "The message history could not be opened.\n\n%1")
                    .arg(e.message));
            return 1;
        }
        if (!session.isRemote() && (cl.parser.isSet(cl.demo) || settings.demoEnabled()))
            session.startDemo(*rate);
        // Another inbox source chosen in the window: this session ends, the loop starts that one.
        QObject::connect(
            &session, &ui::AppSession::sourceChangeRequested, &app, [] { QApplication::exit(0); },
            Qt::QueuedConnection);

        ui::MainWindow window(&session, &settings);
        // Damage found while the window runs (the end of the start-up check on a big history, or
        // a statement that met it): the master has stopped writing; the operator decides.
        QObject::connect(&session, &ui::AppSession::historyDamaged, &window, [&](const QString &message) {
            ui::DamageDialog ask(ui::DamageDialog::When::WhileRunning, session.dataDir(), message, &window);
            ask.exec();
            switch (ask.choice()) {
            case ui::DamageDialog::Choice::MoveAside:
                moveAsideIn = session.dataDir();
                QApplication::exit(0); // exit, not quit: a window kept in the tray must not veto it
                break;
            case ui::DamageDialog::Choice::Quit:
                QApplication::exit(1);
                break;
            case ui::DamageDialog::Choice::KeepReading:
                break;
            }
        });
        const bool shots = cl.parser.isSet(cl.shots);
        if (shots)
            window.resize(1200, 800);
        window.show();
        if (shots) {
            ui::captureScreenshots(&window, &settings, cl.parser.value(cl.shots), language,
                                   [](bool ok) { QApplication::exit(ok ? 0 : 1); });
        }
        if (cl.parser.isSet(cl.smoke)) {
            QTimer::singleShot(0, &window, [&] {
                QStringList menus;
                for (QAction *a : window.menuBar()->actions())
                    menus << a->text().remove(u'&');
                std::printf("window: %s\nvisible: %d\nmenus: %s\n", qUtf8Printable(window.windowTitle()),
                            int(window.isVisible()), qUtf8Printable(menus.join(u' ')));
                std::fflush(stdout);
                QTimer::singleShot(200, &app, &QApplication::quit);
            });
        }
        if (cl.parser.isSet(cl.measure)) {
            // Queued behind the first paint: the window is interactive once the event loop turns.
            QTimer::singleShot(0, &window, [&] {
                std::printf("first_window_ms %lld\n", static_cast<long long>(sinceStart.elapsed()));
                std::fflush(stdout);
                QTimer::singleShot(200, &app, &QApplication::quit);
            });
        }
        const int rc = app.exec();
        if (const std::optional<QString> next = session.requestedSource()) {
            source = *next;
            if (session.forgetPairing())
                forgetAfter = session.pairing();
        } else if (moveAsideIn.isEmpty()) {
            return rc;
        }
    }
}
