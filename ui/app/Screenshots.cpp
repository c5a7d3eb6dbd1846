// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/Screenshots.h"

#include "ui/app/AppSession.h"
#include "ui/inbox/ConversationListModel.h"
#include "ui/search/SearchPanel.h"
#include "ui/settings/Settings.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/window/MainWindow.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QListView>
#include <QPixmap>
#include <QTimer>

namespace hiscrm::ui {

namespace {

constexpr int kSettleMs = 900; // the demo's replies land after ~300 ms; a refresh tick is 150 ms

// Each scene sets the window up as an operator would (through its own actions and commands), waits
// for it to settle, and saves it.
struct Shooter : QObject
{
    MainWindow *window = nullptr;
    Settings *settings = nullptr;
    AppSession *session = nullptr;
    QString dir;
    QString lang;
    std::function<void(bool)> done;
    QElapsedTimer waited;
    bool ok = true;
    qint64 tagged = 0;
    qint64 failed = 0;

    bool zh() const { return lang.startsWith(u"zh"); }
    QListView *list() const { return window->findChild<QListView *>(QStringLiteral("conversationList")); }
    qint64 idAt(int row) const
    {
        QListView *l = list();
        return l && row < l->model()->rowCount()
                   ? l->model()->index(row, 0).data(ConversationListModel::IdRole).toLongLong()
                   : 0;
    }

    bool save(QWidget *w, const QString &scene)
    {
        window->flushRefresh();
        const QString path =
            QDir(dir).filePath(QStringLiteral("%1-%2-%3.png").arg(scene, settings->theme(), lang));
        const bool saved = w->grab().save(path);
        ok &= saved;
        return saved;
    }

    void next(int n, int delayMs = kSettleMs)
    {
        QTimer::singleShot(delayMs, this, [this, n] { run(n); });
    }

    void run(int n)
    {
        switch (n) {
        case 0: // the demo fills the inbox
            // Without a window manager nothing activates the window, and only an active window
            // reads what it opens.
            window->activateWindow();
            window->flushRefresh();
            if ((!list() || list()->model()->rowCount() < 14) && waited.elapsed() < 30000)
                return next(0, 200);
            window->selectView(QStringLiteral("all"));
            window->openConversation(idAt(1));
            return next(1);
        case 1:
            save(window, QStringLiteral("inbox"));
            window->selectView(QStringLiteral("unread"));
            window->openConversation(idAt(2));
            return next(2);
        case 2:
            save(window, QStringLiteral("unread"));
            window->selectView(QStringLiteral("comments"));
            window->openFirstContent();
            return next(3);
        case 3: {
            save(window, QStringLiteral("comments"));
            window->selectView(QStringLiteral("all"));
            tagged = idAt(3);
            // Two tags, created and assigned through the same commands the Tags menu sends.
            const auto tag = [this](const QString &name, const QString &color) {
                session->link()->createTag(name, color, [this](const Result<QJsonObject> &r) {
                    if (r)
                        session->link()->tag(tagged, r->value(QStringLiteral("tag_id")).toInteger());
                });
            };
            tag(zh() ? QStringLiteral("VIP客户") : QStringLiteral("VIP"), QStringLiteral("#c9a227"));
            tag(zh() ? QStringLiteral("售后") : QStringLiteral("After-sales"), QStringLiteral("#2e8fd8"));
            window->openConversation(tagged);
            return next(4);
        }
        case 4:
            window->openConversation(tagged); // its header picks up the tags
            return next(5, 300);
        case 5: {
            save(window, QStringLiteral("tagged"));
            // The demo platform refuses a reply marked #fail, as a real one refuses a closed chat.
            failed = idAt(5) == tagged ? idAt(6) : idAt(5);
            window->openConversation(failed);
            session->link()->reply(master::MasterLink::ReplyTarget::conversation(failed),
                                   zh() ? QStringLiteral("今天下午给您发顺丰 #fail")
                                        : QStringLiteral("It ships this afternoon #fail"));
            return next(6, 1500);
        }
        case 6:
            window->openConversation(failed);
            return next(7, 300);
        case 7:
            save(window, QStringLiteral("failed"));
            window->showSearch();
            if (auto *search = window->findChild<SearchPanel *>())
                search->setText(zh() ? QStringLiteral("发货") : QStringLiteral("ship"));
            return next(8, 1500);
        case 8: {
            save(window, QStringLiteral("search"));
            auto *dialog = new SettingsDialog(settings, window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
            QTimer::singleShot(600, this, [this, dialog] {
                save(dialog, QStringLiteral("settings"));
                dialog->showAbout();
                QTimer::singleShot(400, this, [this, dialog] {
                    save(dialog, QStringLiteral("about"));
                    dialog->close();
                    done(ok);
                    deleteLater();
                });
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
    s->session = window->session();
    s->dir = dir;
    s->lang = lang;
    s->done = std::move(done);
    s->waited.start();
    s->next(0, 0);
}

} // namespace hiscrm::ui
