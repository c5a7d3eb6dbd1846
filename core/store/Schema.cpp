// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Schema.h"

#include "common/Log.h"
#include "search/TextAnalysis.h"
#include "store/Sqlite.h"
#include "store/Store.h"

#include <QCoreApplication>

#include <functional>

namespace hiscrm::store::schema {

namespace {

// v1: the domain tables. Revisions: every synced row carries the revision of its last write.
void v1(Database &db)
{
    db.exec(R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES('rev', 0);

CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  platform_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  avatar TEXT NOT NULL DEFAULT '',
  signature TEXT NOT NULL DEFAULT '',
  followers INTEGER NOT NULL DEFAULT -1,
  following INTEGER NOT NULL DEFAULT -1,
  videos INTEGER NOT NULL DEFAULT -1,
  verified INTEGER NOT NULL DEFAULT 0,
  rev INTEGER NOT NULL,
  UNIQUE(platform, platform_id));
CREATE INDEX users_rev ON users(rev);

CREATE TABLE accounts(
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  platform_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  avatar TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL DEFAULT 0,
  login_state INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  last_sync_at INTEGER NOT NULL DEFAULT 0,
  rev INTEGER NOT NULL,
  UNIQUE(platform, platform_id));
CREATE INDEX accounts_rev ON accounts(rev);

CREATE TABLE contents(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  platform_id TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  cover TEXT NOT NULL DEFAULT '',
  published_at INTEGER NOT NULL DEFAULT 0,
  comment_count INTEGER NOT NULL DEFAULT 0,
  unread_comments INTEGER NOT NULL DEFAULT 0,
  last_comment_at INTEGER NOT NULL DEFAULT 0,
  rev INTEGER NOT NULL,
  UNIQUE(account_id, platform_id));
CREATE INDEX contents_rev ON contents(rev);
CREATE INDEX contents_activity ON contents(last_comment_at);

CREATE TABLE conversations(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  platform_id TEXT NOT NULL,
  peer_user_id INTEGER NOT NULL DEFAULT 0,
  last_item_id INTEGER NOT NULL DEFAULT 0,
  last_at INTEGER NOT NULL DEFAULT 0,
  last_preview TEXT NOT NULL DEFAULT '',
  last_direction INTEGER NOT NULL DEFAULT 0,
  read_upto INTEGER NOT NULL DEFAULT 0,
  unread_count INTEGER NOT NULL DEFAULT 0,
  marked_unread INTEGER NOT NULL DEFAULT 0,
  pinned INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0,
  muted_until INTEGER NOT NULL DEFAULT 0,
  rev INTEGER NOT NULL,
  UNIQUE(account_id, platform_id));
CREATE INDEX conversations_rev ON conversations(rev);
CREATE INDEX conversations_order ON conversations(archived, pinned, last_at, id);
CREATE INDEX conversations_account ON conversations(account_id, archived, pinned, last_at, id);
CREATE INDEX conversations_peer ON conversations(peer_user_id);

-- DM messages and comments. id = created_at(ms) * 1024 + tie-breaker: id order is time order.
CREATE TABLE items(
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  platform_id TEXT,
  thread_id INTEGER NOT NULL,
  parent_id INTEGER NOT NULL DEFAULT 0,
  sender_id INTEGER NOT NULL DEFAULT 0,
  direction INTEGER NOT NULL,
  type INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  media TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  edited_at INTEGER NOT NULL DEFAULT 0,
  recalled INTEGER NOT NULL DEFAULT 0,
  delivery INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  client_ref TEXT,
  read INTEGER NOT NULL DEFAULT 0,
  rev INTEGER NOT NULL);
CREATE UNIQUE INDEX items_key ON items(account_id, kind, platform_id) WHERE platform_id IS NOT NULL;
CREATE UNIQUE INDEX items_client_ref ON items(client_ref) WHERE client_ref IS NOT NULL;
CREATE INDEX items_thread ON items(kind, thread_id, id);
CREATE INDEX items_rev ON items(rev);

CREATE TABLE item_history(
  item_id INTEGER NOT NULL,
  changed_at INTEGER NOT NULL,
  old_text TEXT NOT NULL,
  recall INTEGER NOT NULL DEFAULT 0);
CREATE INDEX item_history_item ON item_history(item_id);

CREATE TABLE tombstones(rev INTEGER PRIMARY KEY, entity TEXT NOT NULL, id INTEGER NOT NULL);
)sql");
}

// v2: full-text search. Contentless FTS5 tables (the text lives in items/users; snippets are cut
// from there), tokenized by our "hiscrm" tokenizer so 1-2 character Chinese queries hit the index.
// The facets column carries the selective filters as tokens: account, thread, sender.
void v2(Database &db)
{
    db.exec(R"sql(
CREATE VIRTUAL TABLE items_fts USING fts5(text, facets, content='', tokenize='hiscrm');
CREATE VIRTUAL TABLE users_fts USING fts5(name, content='', tokenize='hiscrm');
)sql");
    // Index what earlier versions stored.
    db.cached("INSERT INTO items_fts(rowid, text, facets) "
              "SELECT id, text, hiscrm_facets(kind, account_id, thread_id, sender_id) "
              "FROM items WHERE recalled = 0 AND text <> '' ORDER BY id")
        .run();
    db.exec("INSERT INTO users_fts(rowid, name) SELECT id, name FROM users WHERE name <> ''");
}

// v3: tags on conversations.
void v3(Database &db)
{
    db.exec(R"sql(
CREATE TABLE tags(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  color TEXT NOT NULL DEFAULT '',
  rev INTEGER NOT NULL);
CREATE INDEX tags_rev ON tags(rev);
CREATE TABLE conversation_tags(
  conversation_id INTEGER NOT NULL,
  tag_id INTEGER NOT NULL,
  PRIMARY KEY(conversation_id, tag_id)) WITHOUT ROWID;
CREATE INDEX conversation_tags_tag ON conversation_tags(tag_id, conversation_id);
)sql");
}

// v4: the command journal (a repeated command id has exactly one effect) and an index of replies
// still waiting for their connector.
void v4(Database &db)
{
    db.exec(R"sql(
CREATE TABLE command_log(
  id TEXT PRIMARY KEY,
  op TEXT NOT NULL,
  result TEXT NOT NULL,
  at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX command_log_at ON command_log(at);
CREATE INDEX items_pending ON items(account_id, id) WHERE delivery = 1;
)sql");
}

// v5: the search index merges 8 segments of a level at a time instead of 4. Every level costs a
// rewrite of all postings, so fewer levels make ingest cheaper; a query reads a few more segments
// (measured with hiscrm-bench: ingest +5%, search p99 4.5 -> 4.9 ms at 1M messages).
void v5(Database &db)
{
    db.exec("INSERT INTO items_fts(items_fts, rank) VALUES('automerge', 8)");
}

// v6: the search index of messages and comments moves to a database of its own, written by a
// thread of its own (store/SearchIndexer.h); it is rebuilt there from the items. The store gets an
// identity, so an index is never used with another store. User names stay indexed here.
void v6(Database &db)
{
    db.exec("DROP TABLE IF EXISTS items_fts");
    db.exec("INSERT INTO meta(key, value) VALUES('store_id', (random() & 9007199254740991) + 1)");
}

// v7: an index of replies that failed, so the inbox can mark their chats and threads without
// reading every item.
void v7(Database &db)
{
    db.exec("CREATE INDEX items_failed ON items(kind, thread_id) WHERE delivery = 3");
}

// v8: team mode. Which accounts a user profile was seen in (a device scoped to some accounts
// receives only the profiles seen there), the account of a deleted item's tombstone (same reason),
// the paired devices (only a hash of each device token is kept) and the pending pairing codes
// (hashed too), and a small table of server settings the admin commands read (the address and
// certificate fingerprint a pairing link carries).
void v8(Database &db)
{
    db.exec(R"sql(
CREATE TABLE user_accounts(
  user_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  PRIMARY KEY(user_id, account_id)) WITHOUT ROWID;
INSERT OR IGNORE INTO user_accounts(user_id, account_id)
  SELECT DISTINCT sender_id, account_id FROM items WHERE sender_id != 0;
INSERT OR IGNORE INTO user_accounts(user_id, account_id)
  SELECT peer_user_id, account_id FROM conversations WHERE peer_user_id != 0;
INSERT OR IGNORE INTO user_accounts(user_id, account_id)
  SELECT user_id, id FROM accounts WHERE user_id != 0;
ALTER TABLE tombstones ADD COLUMN account_id INTEGER NOT NULL DEFAULT 0;
UPDATE tombstones SET account_id = -1 WHERE entity = 'item';

CREATE TABLE devices(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  accounts TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL DEFAULT 0,
  revoked_at INTEGER NOT NULL DEFAULT 0);
CREATE TABLE pairings(
  code_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  accounts TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER NOT NULL DEFAULT 0,
  device_id INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE server_settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES('devices', 0);
)sql");
}

// v9: a paired desktop's outbox (in its replica): the commands the operator gave, kept until the
// master has them, in order, each with its command id; and the master's own version of each
// conversation a waiting command shows changed (the window shows the command's effect at once;
// when the master answers, or refuses, the master's version is what remains).
void v9(Database &db)
{
    db.exec(R"sql(
CREATE TABLE outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  command_id TEXT NOT NULL UNIQUE,
  op TEXT NOT NULL,
  args TEXT NOT NULL,
  conversation_id INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  state INTEGER NOT NULL DEFAULT 0,
  done_rev INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '');
CREATE INDEX outbox_conversation ON outbox(conversation_id) WHERE conversation_id != 0;
CREATE TABLE outbox_shadow(conversation_id INTEGER PRIMARY KEY, data TEXT NOT NULL);
)sql");
}

const std::function<void(Database &)> kSteps[] = {v1, v2, v3, v4, v5, v6, v7, v8, v9};

} // namespace

int latestVersion()
{
    return int(std::size(kSteps));
}

Error identify(Database &db, int *version)
{
    qint64 appId = 0;
    qint64 tables = 0;
    try {
        appId = db.scalar("PRAGMA application_id");
        *version = int(db.scalar("PRAGMA user_version"));
        tables = db.scalar("SELECT count(*) FROM sqlite_schema");
    } catch (const SqlError &e) {
        if ((e.rc & 0xff) == 26 /* SQLITE_NOTADB */)
            return {ErrorCode::NotADatabase,
                    Store::tr("The file is not a HisCRM database (it is not a SQLite database, or it is "
                              "damaged beyond repair). Move it away or choose another data folder.")};
        if ((e.rc & 0xff) == 11 /* SQLITE_CORRUPT */)
            return {ErrorCode::Corrupt,
                    Store::tr("The database file is damaged. Restore it from a backup, or move it away "
                              "to start with an empty history.")};
        return {ErrorCode::Io, Store::tr("The database file cannot be read: %1").arg(e.message)};
    }
    if (appId == 0 && tables == 0)
        return {}; // a new, empty file
    if (appId != kApplicationId)
        return {ErrorCode::ForeignDatabase,
                Store::tr("The file is a SQLite database of another application, not a HisCRM database. "
                          "Choose another file or data folder; the file was left untouched.")};
    if (*version > latestVersion())
        return {ErrorCode::TooNew,
                Store::tr("The database was written by a newer version of HisCRM Desk (schema %1; this "
                          "version knows up to %2). Update the app to open it.")
                    .arg(*version)
                    .arg(latestVersion())};
    return {};
}

void migrate(Database &db, int target)
{
    if (target < 0 || target > latestVersion())
        target = latestVersion();
    int version = int(db.scalar("PRAGMA user_version"));
    while (version < target) {
        WriteTransaction txn(db);
        // Re-read inside the write lock: another process may have migrated meanwhile.
        version = int(db.scalar("PRAGMA user_version"));
        if (version >= target)
            break;
        qCDebug(lcStore) << "migrating database schema" << version << "->" << version + 1;
        if (version == 0)
            db.exec(QByteArray("PRAGMA application_id = " + QByteArray::number(kApplicationId)).constData());
        kSteps[version](db);
        ++version;
        db.exec(QByteArray("PRAGMA user_version = " + QByteArray::number(version)).constData());
        txn.commit();
    }
}

} // namespace hiscrm::store::schema
