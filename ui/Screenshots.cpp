// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/Screenshots.h"

#include "ui/ConversationListModel.h"
#include "ui/MainWindow.h"
#include "ui/SearchPanel.h"
#include "ui/SettingsDialog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QListView>
#include <QPixmap>
#include <QTimer>

namespace hiscrm::ui {

namespace {

struct Shooter : QObject
{
    MainWindow *window;
    Settings *settings;
    QString dir;
    QString lang;
    std::function<void(bool)> done;
    QElapsedTimer waited;
    bool ok = true;

    bool save(QWidget *w, const QString &name)
    {
        const QString path = QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(name, lang));
        const bool saved = w->grab().save(path);
        ok &= saved;
        return saved;
    }

    void step(int n, int delayMs)
    {
        QTimer::singleShot(delayMs, this, [this, n] { run(n); });
    }

    void run(int n)
    {
        auto *list = window->findChild<QListView *>(QStringLiteral("conversationList"));
        switch (n) {
        case 0: // the demo fills the inbox
            window->flushRefresh();
            if ((!list || list->model()->rowCount() < 12) && waited.elapsed() < 30000)
                return step(0, 200);
            if (list && list->model()->rowCount() > 1)
                list->setCurrentIndex(list->model()->index(1, 0));
            return step(1, 800);
        case 1:
            window->flushRefresh();
            save(window, QStringLiteral("main"));
            window->showSearch();
            if (auto *search = window->findChild<SearchPanel *>())
                search->setText(lang.startsWith(u"zh") ? QStringLiteral("发货") : QStringLiteral("ship"));
            return step(2, 1500);
        case 2: {
            save(window, QStringLiteral("search"));
            auto *dialog = new SettingsDialog(settings, window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
            QTimer::singleShot(600, this, [this, dialog] {
                save(dialog, QStringLiteral("settings"));
                dialog->close();
                done(ok);
                deleteLater();
            });
            return;
        }
        }
    }
};

} // namespace

void captureScreenshots(MainWindow *window, Settings *settings, const QString &dir, const QString &lang,
                        std::function<void(bool ok)> done)
{
    QDir().mkpath(dir);
    auto *s = new Shooter;
    s->setParent(window);
    s->window = window;
    s->settings = settings;
    s->dir = dir;
    s->lang = lang;
    s->done = std::move(done);
    s->waited.start();
    s->step(0, 0);
}

} // namespace hiscrm::ui
