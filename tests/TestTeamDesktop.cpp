// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop paired with a team master, as an operator does it: real widgets (offscreen), the
// pairing dialog fed the link `hiscrm-master pair` printed, the window on the replica, a message a
// worker sends to the master appearing in the conversation list, an action going to the master.

#include "OneStringTranslator.h"
#include "StoreFixtures.h"
#include "TeamFixture.h"
#include "TestUtil.h"

#include "protocol/Protocol.h"
#include "store/Store.h"
#include "sync/SyncEngine.h"
#include "ui/app/AppSession.h"
#include "ui/app/SecretStore.h"
#include "ui/app/TeamPairings.h"
#include "ui/inbox/InboxRoles.h"
#include "ui/search/ChatMatchesModel.h"
#include "ui/search/SearchPanel.h"
#include "ui/settings/Settings.h"
#include "ui/window/MainWindow.h"
#include "ui/window/PairDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTimer>
#include <QWebSocket>

using namespace testutil;
using namespace teamfixture;
using namespace hiscrm::ui;
using hiscrm::sync::RemoteMaster;
using hiscrm::sync::SyncEngine;

class TestTeamDesktop : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static bool sendBatch(QWebSocket &w, const QJsonObject &frame, int *acks)
    {
        w.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        const int before = *acks;
        return QTest::qWaitFor([&] { return *acks > before; }, 10000);
    }

    // A worker registered for acc-1 that has sent `n` messages.
    static bool workerWithMessages(QWebSocket &w, quint16 port, int n, int *acks)
    {
        QObject::connect(&w, &QWebSocket::textMessageReceived, &w, [acks](const QString &) { ++*acks; });
        w.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
        if (!QTest::qWaitFor([&] { return w.state() == QAbstractSocket::ConnectedState; }, 10000))
            return false;
        return sendBatch(w,
                         {{u"type"_s, u"register"_s},
                          {u"id"_s, 1},
                          {u"token"_s, u"s3cret"_s},
                          {u"worker_id"_s, u"w1"_s},
                          {u"platform"_s, u"demo"_s},
                          {u"accounts"_s, QJsonArray{u"acc-1"_s}}},
                         acks) &&
               sendBatch(w,
                         {{u"type"_s, u"data_sync"_s},
                          {u"id"_s, 2},
                          {u"batch"_s, protocol::batchToJson(batch(messages(u"acc-1"_s, 0, n)))}},
                         acks);
    }

    // Where the token of a new pairing went: the keychain (and no file), or a 0600 file (and why).
    static void verifyTokenKept(const TeamPairing &pairing, const QString &token)
    {
        const QString file = QDir(pairing.folder).filePath(u"token"_s);
        if (pairing.tokenInKeychain) {
            QVERIFY(!QFile::exists(file));
            QCOMPARE(SecretStore::read(u"device-token:"_s + QDir(pairing.folder).absolutePath()).value(),
                     token);
        } else {
            QVERIFY(QFile::permissions(file) == (QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                 QFileDevice::ReadUser | QFileDevice::WriteUser));
            QVERIFY(!pairing.keychainProblem.isEmpty());
        }
        QCOMPARE(pairing.remote.token, token);
    }

    static hiscrm::sync::PairedDevice device(const QString &token)
    {
        hiscrm::sync::PairedDevice d;
        d.remote.url = QUrl(u"ws://team.example:7788/client"_s);
        d.remote.token = token;
        d.deviceId = 7;
        d.name = u"前台电脑"_s;
        d.role = u"operator"_s;
        return d;
    }

private slots:
    // The user's own keychain is left alone: only the run with a private one
    // (TestTeamDesktop-keychain) uses a keychain.
    void initTestCase() { SecretStore::setDisabled(!qEnvironmentVariableIsSet("HISCRM_REQUIRE_KEYCHAIN")); }

    // Without a keychain (none running, or a build without qtkeychain) the token goes to a file only
    // the user can read, the operator is told why, and Disconnect deletes it.
    void tokenFallsBackToAFileWithoutAKeychain()
    {
        SecretStore::setDisabled(true);
        const QString data = m_dir.filePath(u"desk-file"_s);
        const auto saved = TeamPairings::save(data, device(u"tok-file-1"_s));
        SecretStore::setDisabled(!qEnvironmentVariableIsSet("HISCRM_REQUIRE_KEYCHAIN"));
        QVERIFY(saved);
        QVERIFY(!saved->tokenInKeychain);
        verifyTokenKept(*saved, u"tok-file-1"_s);
        const auto loaded = TeamPairings::load(data, saved->id);
        QVERIFY(loaded);
        QCOMPARE(loaded->remote.token, u"tok-file-1"_s);
        QVERIFY(TeamPairings::load(data, saved->id, false)->remote.token.isEmpty()); // lists do not read it
        QVERIFY(!TeamPairings::forget(*loaded));
        QVERIFY(!QDir(saved->folder).exists());
    }

    // With the system keychain (the Secret Service here; CTest runs this under a private D-Bus with
    // gnome-keyring as TestTeamDesktop-keychain): the token is there and nowhere on disk; Disconnect
    // deletes the entry.
    void tokenKeptInTheSystemKeychain()
    {
        const bool required = qEnvironmentVariableIsSet("HISCRM_REQUIRE_KEYCHAIN");
        if (!SecretStore::available() || SecretStore::write(u"probe"_s, u"x"_s)) {
            if (required)
                QFAIL("no usable system keychain, and this run requires one");
            QSKIP("no usable system keychain here (TestTeamDesktop-keychain runs this with one)");
        }
        QVERIFY(!SecretStore::remove(u"probe"_s));
        const QString data = m_dir.filePath(u"desk-keychain"_s);
        const auto saved = TeamPairings::save(data, device(u"tok-keychain-1"_s));
        QVERIFY(saved);
        QVERIFY(saved->tokenInKeychain);
        verifyTokenKept(*saved, u"tok-keychain-1"_s);
        const QString key = u"device-token:"_s + QDir(saved->folder).absolutePath();
        QCOMPARE(TeamPairings::load(data, saved->id)->remote.token, u"tok-keychain-1"_s);
        QVERIFY(!TeamPairings::forget(*saved));
        QCOMPARE(SecretStore::read(key).error().code, ErrorCode::NotFound);
        // A keychain that lost the entry: the pairing says what to do, and opens nothing.
        const auto again = TeamPairings::save(data, device(u"tok-keychain-2"_s));
        QVERIFY(again);
        QVERIFY(!SecretStore::remove(u"device-token:"_s + QDir(again->folder).absolutePath()));
        const auto lost = TeamPairings::load(data, again->id);
        QVERIFY(!lost);
        QVERIFY(lost.error().message.contains(u"keychain"_s));
    }

    void pairShowsTheTeamInboxLive()
    {
        MasterProcess m;
        QVERIFY(m.start(m_dir.filePath(u"master.db"_s)));
        // A worker with the team's first messages.
        QWebSocket w;
        int acks = 0;
        QVERIFY(workerWithMessages(w, m.port, 30, &acks));

        // The operator pastes the link into "Connect to a team master…".
        const QUrlQuery link = pairingLink(m.db);
        PairDialog dialog;
        dialog.show();
        dialog.linkEdit()->setText(u"hiscrm://pair?"_s + link.toString(QUrl::FullyEncoded));
        QCOMPARE(dialog.findChild<QLineEdit *>(u"pairingCode"_s)->text(), link.queryItemValue(u"code"_s));
        dialog.connectNow();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.result() == QDialog::Accepted, 10000);
        QVERIFY(dialog.paired());
        const QString data = m_dir.filePath(u"desk"_s);
        const auto pairing = TeamPairings::save(data, *dialog.paired());
        QVERIFY(pairing);
        QCOMPARE(TeamPairings::list(data).size(), 1);
        verifyTokenKept(*pairing, dialog.paired()->remote.token);

        // The window on the team master's inbox.
        Settings settings(m_dir.filePath(u"settings.ini"_s));
        AppSession session;
        QVERIFY(!session.startRemote(data, *pairing));
        MainWindow window(&session, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *list = window.findChild<QListView *>(u"conversationList"_s);
        QVERIFY(list);
        const auto previews = [&] {
            window.flushRefresh();
            QStringList out;
            for (int r = 0; r < list->model()->rowCount(); ++r)
                out << list->model()->index(r, 0).data(InboxRoles::Preview).toString();
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(previews().size() >= 30, 20000);
        auto *status = window.findChild<QLabel *>(u"statusSource"_s);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"connected"_s), 10000);

        // A worker's new message reaches the list.
        MessageRecord fresh = dm(u"acc-1"_s, u"acc-1-new"_s, u"fresh-1"_s, u"acc-1-newfan"_s,
                                 u"团队收件箱的新消息"_s, kT0 + 100000);
        Batch freshBatch = batch({fresh});
        freshBatch.users << profile(u"acc-1-newfan"_s, u"新客户阿兰"_s);
        QVERIFY(sendBatch(
            w, {{u"type"_s, u"data_sync"_s}, {u"id"_s, 3}, {u"batch"_s, protocol::batchToJson(freshBatch)}},
            &acks));
        QTRY_VERIFY_WITH_TIMEOUT(previews().contains(u"团队收件箱的新消息"_s), 10000);

        // Ctrl+K finds that customer by name, on the replica.
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        auto *panel = window.findChild<SearchPanel *>();
        QVERIFY(panel && panel->isVisible());
        QSignalSpy found(panel, &SearchPanel::resultsReady);
        panel->setText(u"阿兰"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!found.isEmpty() && !panel->isBusy(), 10000);
        QCOMPARE(panel->chatsModel()->rowCount(), 1);
        QCOMPARE(panel->chatsModel()->index(0).data(ChatMatchesModel::PeerNameRole).toString(),
                 u"新客户阿兰"_s);
        QSignalSpy opened(panel, &SearchPanel::openConversation);
        QTest::keyClick(panel->findChild<QLineEdit *>(u"searchEdit"_s), Qt::Key_Return);
        QCOMPARE(opened.count(), 1);
        QTRY_COMPARE(window.currentConversation(), opened.at(0).at(0).toLongLong());
        QCOMPARE(session.store()->conversation(window.currentConversation()).value()->lastPreview,
                 u"团队收件箱的新消息"_s);
        QTest::keyClick(&window, Qt::Key_Escape);

        // The local master's things are not offered on a team master's inbox.
        QVERIFY(!window.findChild<QAction *>(u"actionStartDemo"_s)->isVisible());
        QVERIFY(window.findChild<QAction *>(u"actionDisconnectTeam"_s)->isVisible());

        // Two operators: another desktop pins a chat and answers another. This window shows both
        // within a moment, and the chat open here stays open and selected.
        const auto idAt = [&](int row) {
            return list->model()->index(row, 0).data(InboxRoles::Id).toLongLong();
        };
        QTRY_VERIFY_WITH_TIMEOUT(list->model()->rowCount() >= 6, 10000);
        const qint64 open = idAt(2);
        window.openConversation(open);
        QCOMPARE(idAt(list->currentIndex().row()), open);
        const int rows = list->model()->rowCount();
        const qint64 pinned = idAt(rows - 1), answered = idAt(rows - 2);
        QVERIFY(pinned != open && answered != open);
        RemoteMaster other;
        other.url = QUrl(u"ws://127.0.0.1:%1/client"_s.arg(m.port));
        other.token = pairDevice(m.port, pairingCode(m.db));
        SyncEngine desk2(m_dir.filePath(u"desk2.db"_s), other);
        QSignalSpy desk2States(&desk2, &SyncEngine::stateChanged);
        QVERIFY(!desk2.start());
        QTRY_VERIFY_WITH_TIMEOUT(!desk2States.isEmpty() &&
                                     desk2States.last().value(0).value<SyncEngine::State>() ==
                                         SyncEngine::State::Live,
                                 10000);
        int answers = 0;
        const auto counted = [&](const Result<QJsonObject> &r) {
            answers += r ? 1 : 0;
        };
        desk2.command(u"pin"_s, {{u"conversation_id"_s, pinned}}, u"desk2-pin"_s, counted);
        desk2.command(u"reply"_s, {{u"conversation_id"_s, answered}, {u"text"_s, u"另一位客服的回复"_s}},
                      u"desk2-reply"_s, counted);
        QTRY_VERIFY_WITH_TIMEOUT(answers == 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(idAt(0) == pinned, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(previews().contains(u"另一位客服的回复"_s), 10000);
        QCOMPARE(idAt(list->currentIndex().row()), open);
        QCOMPARE(list->selectionModel()->selectedIndexes().size(), 1);
        QCOMPARE(session.store()->conversation(pinned).value()->pinned, true);
    }

    // Offline, a change waits in the outbox (the status bar counts it); one the master refuses when it
    // is back (a mute that ended meanwhile) is undone, and listed with the reason until dismissed.
    void refusedChangesAreListedAndDismissed()
    {
        const QString db = m_dir.filePath(u"master-refused.db"_s);
        auto m = std::make_unique<MasterProcess>();
        QVERIFY(m->start(db));
        const quint16 port = m->port;
        QWebSocket w;
        int acks = 0;
        QVERIFY(workerWithMessages(w, port, 20, &acks));
        hiscrm::sync::PairedDevice paired;
        paired.remote.url = QUrl(u"ws://127.0.0.1:%1/client"_s.arg(port));
        paired.remote.token = pairDevice(port, pairingCode(db));
        paired.name = u"test"_s;
        paired.role = u"operator"_s;
        const QString data = m_dir.filePath(u"desk-refused"_s);
        const auto pairing = TeamPairings::save(data, paired);
        QVERIFY(pairing);
        Settings settings(m_dir.filePath(u"settings-refused.ini"_s));
        AppSession session;
        QVERIFY(!session.startRemote(data, *pairing));
        MainWindow window(&session, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *source = window.findChild<QLabel *>(u"statusSource"_s);
        QTRY_VERIFY_WITH_TIMEOUT(source->text().contains(u"connected"_s), 10000);
        auto *waiting = window.findChild<QLabel *>(u"statusConnectors"_s);
        auto *refused = window.findChild<QLabel *>(u"statusWorkers"_s);
        const qint64 conv =
            session.store()->conversations(ConversationFilter{}).value().conversations.value(0).id;

        m->process.kill();
        m->process.waitForFinished(5000);
        QTRY_VERIFY_WITH_TIMEOUT(source->text().contains(u"offline"_s), 10000);
        const qint64 until = QDateTime::currentMSecsSinceEpoch() + 300;
        session.link()->mute(conv, until);
        QTRY_VERIFY_WITH_TIMEOUT(waiting->text().contains(u"1 change"_s), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(session.store()->conversation(conv).value()->mutedUntil, until, 5000);
        QVERIFY(QTest::qWaitFor([&] { return QDateTime::currentMSecsSinceEpoch() > until + 50; }, 5000));

        m = std::make_unique<MasterProcess>();
        QVERIFY(m->start(db, {u"--listen"_s, u"127.0.0.1:%1"_s.arg(port)}));
        QTRY_VERIFY_WITH_TIMEOUT(refused->text().contains(u"refused"_s), 20000);
        QVERIFY(waiting->text().isEmpty());
        QCOMPARE(session.store()->conversation(conv).value()->mutedUntil, 0);

        // The operator follows the link: the list says what and why; Dismiss clears it.
        QString shown;
        auto *timer = new QTimer(&window);
        timer->setInterval(20);
        connect(timer, &QTimer::timeout, timer, [timer, &shown] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            timer->stop();
            shown = box->informativeText();
            for (QAbstractButton *b : box->buttons()) {
                if (box->buttonRole(b) == QMessageBox::AcceptRole)
                    b->click();
            }
        });
        timer->start();
        emit refused->linkActivated(u"refused"_s);
        QVERIFY2(shown.startsWith(u"Mute "_s) && shown.contains(u"future"_s), qPrintable(shown));
        QTRY_VERIFY_WITH_TIMEOUT(refused->text().isEmpty(), 5000);
        QVERIFY(session.store()->outbox().value().isEmpty());
    }

    // The admin revoked this desktop and gave the operator a new code: pairing again with the same
    // master replaces the revoked pairing (its copy goes once its session ends) instead of listing
    // the master twice. An earlier pairing whose copy still has changes to send is kept, and the
    // Inbox source menu tells the two apart by the device's name; one with nothing to send goes.
    void pairingAgainReplacesTheEarlierPairing()
    {
        const QString db = m_dir.filePath(u"master-again.db"_s);
        MasterProcess m;
        QVERIFY(m.start(db));
        QWebSocket w;
        int acks = 0;
        QVERIFY(workerWithMessages(w, m.port, 3, &acks));
        const QString data = m_dir.filePath(u"desk-again"_s);
        const auto pairWith = [&](const QString &name) {
            hiscrm::sync::PairedDevice d;
            d.remote.url = QUrl(u"ws://127.0.0.1:%1/client"_s.arg(m.port));
            d.remote.token = pairDevice(m.port, pairingCode(db, {u"--name"_s, name}));
            d.name = name;
            d.role = u"operator"_s;
            return TeamPairings::save(data, d);
        };
        const auto revoked = pairWith(u"Desk A"_s);
        const auto busy = pairWith(u"Desk K"_s);
        const auto idle = pairWith(u"Desk D"_s);
        QVERIFY(revoked && busy && idle);
        {
            // Desk K's copy has a reply that has not reached the master.
            auto copy = hiscrm::store::Store::open(busy->replicaPath());
            QVERIFY(copy);
            hiscrm::store::OutboxEntry e;
            e.commandId = u"k-1"_s;
            e.op = u"reply"_s;
            e.args = {{u"conversation_id"_s, 1}, {u"text"_s, u"稍等"_s}};
            e.conversationId = 1;
            QVERIFY(!copy.value()->restoreOutbox({e}));
        }
        QCOMPARE(TeamPairings::unsentChanges(*busy).value(), 1);
        QCOMPARE(TeamPairings::unsentChanges(*idle).value(), 0); // no copy yet

        Settings settings(m_dir.filePath(u"settings-again.ini"_s));
        AppSession session;
        QVERIFY(!session.startRemote(data, *revoked));
        MainWindow window(&session, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *source = window.findChild<QLabel *>(u"statusSource"_s);
        QTRY_VERIFY_WITH_TIMEOUT(source->text().contains(u"connected"_s), 10000);
        const QString list = admin({u"devices"_s, u"list"_s, u"--db"_s, db});
        static const QRegularExpression deskA(u"^\\s*(\\d+)\\s+Desk A\\b"_s,
                                              QRegularExpression::MultilineOption);
        const QString deviceId = deskA.match(list).captured(1);
        QVERIFY2(!deviceId.isEmpty(), qPrintable(list));
        admin({u"devices"_s, u"revoke"_s, deviceId, u"--db"_s, db});
        QTRY_VERIFY_WITH_TIMEOUT(source->text().contains(u"refused"_s), 10000);
        // A change made after the revocation waits for ever.
        const qint64 conv =
            session.store()->conversations(ConversationFilter{}).value().conversations.value(0).id;
        session.link()->pin(conv, true);
        QTRY_COMPARE_WITH_TIMEOUT(session.outboxWaiting(), 1, 5000);

        // The operator pairs again with the new code.
        const auto again = pairWith(u"Desk B"_s);
        QVERIFY(again);
        QCOMPARE(TeamPairings::sameMaster(data, *again).size(), 3);
        const QString told = window.replaceEarlierPairings(*again);
        QVERIFY2(told.contains(u"replaces the earlier pairing “Desk A”"_s) &&
                     told.contains(u"its 1 change"_s) && told.contains(u"never reached it"_s),
                 qPrintable(told));
        QVERIFY2(told.contains(u"“Desk K” is kept until its 1 change"_s), qPrintable(told));
        QVERIFY2(told.contains(u"replaces the earlier pairing “Desk D”"_s), qPrintable(told));
        QVERIFY(session.forgetPairing()); // Desk A, once its session is over
        QVERIFY(QDir(revoked->folder).exists());
        QVERIFY(!QDir(idle->folder).exists());
        QVERIFY(QDir(busy->folder).exists());

        // File → Inbox source: the master twice, each with its device's name.
        auto *menu = window.findChild<QMenu *>(u"sourceMenu"_s);
        QVERIFY(menu);
        emit menu->aboutToShow();
        QStringList entries;
        for (QAction *a : menu->actions())
            entries << a->text();
        const QString host = u"127.0.0.1:%1"_s.arg(m.port);
        QVERIFY2(entries.contains(u"Team master %1 (“Desk K”)"_s.arg(host)) &&
                     entries.contains(u"Team master %1 (“Desk B”)"_s.arg(host)),
                 qPrintable(entries.join(u" | "_s)));
        // Once Desk A is gone (main() forgets it when its session ends) and Desk K is disconnected,
        // the one pairing left is named by its address alone.
        QVERIFY(!TeamPairings::forget(*revoked));
        QVERIFY(!TeamPairings::forget(*busy));
        emit menu->aboutToShow();
        entries.clear();
        for (QAction *a : menu->actions())
            entries << a->text();
        QVERIFY2(entries.contains(u"Team master %1"_s.arg(host)), qPrintable(entries.join(u" | "_s)));
    }

    // A refused code is explained in the operator's language: the master's reason (wrong, used,
    // expired) picks the desktop's own words, and its English message for developers is not shown.
    void refusedCodesAreExplainedInTheUsersWords()
    {
        const QString db = m_dir.filePath(u"master-codes.db"_s);
        MasterProcess m;
        QVERIFY(m.start(db));
        testutil::OneStringTranslator zh(
            "PairingLink",
            "The team master does not know this pairing code. Check that it was typed as the admin gave "
            "it, or ask the admin for a new code.",
            u"团队主控端不认识这个配对码。"_s);
        QCoreApplication::installTranslator(&zh);
        const auto untranslate = qScopeGuard([&] { QCoreApplication::removeTranslator(&zh); });
        const auto attempt = [&](const QString &code) {
            PairDialog dialog;
            dialog.show();
            dialog.findChild<QLineEdit *>(u"pairingAddress"_s)->setText(u"127.0.0.1:%1"_s.arg(m.port));
            dialog.findChild<QLineEdit *>(u"pairingCode"_s)->setText(code);
            dialog.connectNow();
            auto *message = dialog.findChild<QLabel *>(u"pairingMessage"_s);
            if (!QTest::qWaitFor([&] { return !message->text().startsWith(u"Connecting"_s); }, 10000))
                return QString();
            return message->text();
        };
        QCOMPARE(attempt(u"00000-00000"_s), u"团队主控端不认识这个配对码。"_s);
        const QString used = pairingCode(db);
        QVERIFY(!pairDevice(m.port, used).isEmpty());
        const QString again = attempt(used);
        QVERIFY2(again.startsWith(u"This pairing code was used already"_s), qPrintable(again));
        QVERIFY(!again.contains(u"Ask your admin"_s)); // the master's own words
        const QString late = pairingCode(db);
        QVERIFY(expireUnusedPairingCodes(db));
        const QString expired = attempt(late);
        QVERIFY2(expired.startsWith(u"This pairing code has expired"_s), qPrintable(expired));
    }

    // A link that is not one, or one without its fingerprint for wss, is refused with a reason.
    void badLinksAreExplained()
    {
        QString why;
        QVERIFY(!hiscrm::sync::PairingLink::parse(u"https://example.com"_s, &why));
        QVERIFY(!why.isEmpty());
        QVERIFY(!hiscrm::sync::PairingLink::parse(u"hiscrm://pair?url=wss://a:1/client&code=X"_s, &why));
        QVERIFY(why.contains(u"fingerprint"_s));
        QVERIFY(!hiscrm::sync::PairingLink::parse(u"hiscrm://pair?url=ws://a:1/client"_s, &why));
        const auto ok = hiscrm::sync::PairingLink::parse(
            u" hiscrm://pair?url=ws://team.example:7788/client&code=7KQ2M-XD94P. "_s, &why);
        QVERIFY(ok);
        QCOMPARE(ok->url.host(), u"team.example"_s);
        QCOMPARE(ok->code, u"7KQ2M-XD94P"_s);
        const auto typed = hiscrm::sync::PairingLink::urlFromAddress(u"team.example"_s, &why);
        QVERIFY(typed);
        QCOMPARE(typed->toString(), u"ws://team.example:7788/client"_s);
    }
};

QTEST_MAIN(TestTeamDesktop)
#include "TestTeamDesktop.moc"
