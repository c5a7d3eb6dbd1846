<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>Store</name>
    <message>
        <source>The file is not a HisCRM database (it is not a SQLite database, or it is damaged beyond repair). Move it away or choose another data folder.</source>
        <translation>The file is not a HisCRM database (it is not a SQLite database, or it is damaged beyond repair). Move it away or choose another data folder.</translation>
    </message>
    <message>
        <source>The database file is damaged. Restore it from a backup, or move it away to start with an empty history.</source>
        <translation>The database file is damaged. Restore it from a backup, or move it away to start with an empty history.</translation>
    </message>
    <message>
        <source>The database file cannot be read: %1</source>
        <translation>The database file cannot be read: %1</translation>
    </message>
    <message>
        <source>The file is a SQLite database of another application, not a HisCRM database. Choose another file or data folder; the file was left untouched.</source>
        <translation>The file is a SQLite database of another application, not a HisCRM database. Choose another file or data folder; the file was left untouched.</translation>
    </message>
    <message>
        <source>The database was written by a newer version of HisCRM Desk (schema %1; this version knows up to %2). Update the app to open it.</source>
        <translation>The database was written by a newer version of HisCRM Desk (schema %1; this version knows up to %2). Update the app to open it.</translation>
    </message>
    <message>
        <source>The disk is full; nothing was saved. Free some space and try again.</source>
        <translation>The disk is full; nothing was saved. Free some space and try again.</translation>
    </message>
    <message>
        <source>The database cannot be written (%1). Check the data folder's permissions.</source>
        <translation>The database cannot be written (%1). Check the data folder's permissions.</translation>
    </message>
    <message>
        <source>The database stayed busy for too long; nothing was changed. Try again.</source>
        <translation>The database stayed busy for too long; nothing was changed. Try again.</translation>
    </message>
    <message>
        <source>The database file is damaged (%1). Restore a backup or move the file away.</source>
        <translation>The database file is damaged (%1). Restore a backup or move the file away.</translation>
    </message>
    <message>
        <source>The file is not a HisCRM database.</source>
        <translation>The file is not a HisCRM database.</translation>
    </message>
    <message>
        <source>The search was cancelled.</source>
        <translation>The search was cancelled.</translation>
    </message>
    <message>
        <source>The change conflicts with existing data: %1</source>
        <translation>The change conflicts with existing data: %1</translation>
    </message>
    <message>
        <source>Unexpected database error: %1</source>
        <translation>Unexpected database error: %1</translation>
    </message>
    <message>
        <source>This connection is read-only; send changes through the master.</source>
        <translation>This connection is read-only; send changes through the master.</translation>
    </message>
    <message>
        <source>The database %1 does not exist yet.</source>
        <translation>The database %1 does not exist yet.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2. Check that the folder exists and is writable.</source>
        <translation>Cannot open the database %1: %2. Check that the folder exists and is writable.</translation>
    </message>
    <message>
        <source>Full-text search is unavailable: %1</source>
        <translation>Full-text search is unavailable: %1</translation>
    </message>
    <message>
        <source>The database %1 cannot use write-ahead logging; is it on a network drive? Choose a local data folder.</source>
        <translation>The database %1 cannot use write-ahead logging; is it on a network drive? Choose a local data folder.</translation>
    </message>
    <message>
        <source>The database has not been upgraded yet (schema %1 of %2); start the master first.</source>
        <translation>The database has not been upgraded yet (schema %1 of %2); start the master first.</translation>
    </message>
    <message>
        <source>No %1 with id %2 exists; it may have been deleted. Refresh and try again.</source>
        <translation>No %1 with id %2 exists; it may have been deleted. Refresh and try again.</translation>
    </message>
    <message>
        <source>A tag name needs 1 to %1 characters.</source>
        <translation>A tag name needs 1 to %1 characters.</translation>
    </message>
    <message>
        <source>A tag colour is written #rrggbb, for example #e0533d.</source>
        <translation>A tag colour is written #rrggbb, for example #e0533d.</translation>
    </message>
    <message>
        <source>Message %1 is not in conversation %2.</source>
        <translation>Message %1 is not in conversation %2.</translation>
    </message>
    <message>
        <source>Comment %1 is not under video %2.</source>
        <translation>Comment %1 is not under video %2.</translation>
    </message>
    <message>
        <source>A mute needs a time in the future, or 0 to unmute.</source>
        <translation>A mute needs a time in the future, or 0 to unmute.</translation>
    </message>
    <message>
        <source>A tag named “%1” already exists.</source>
        <translation>A tag named “%1” already exists.</translation>
    </message>
    <message>
        <source>A reply needs 1 to %1 characters of text.</source>
        <translation>A reply needs 1 to %1 characters of text.</translation>
    </message>
    <message>
        <source>A reply needs a command id of 1 to %1 characters.</source>
        <translation>A reply needs a command id of 1 to %1 characters.</translation>
    </message>
    <message>
        <source>The reply's time is out of range.</source>
        <translation>The reply's time is out of range.</translation>
    </message>
    <message>
        <source>A reply's state is pending, sent or failed.</source>
        <translation>A reply's state is pending, sent or failed.</translation>
    </message>
    <message>
        <source>Item %1 is not a reply sent from here.</source>
        <translation>Item %1 is not a reply sent from here.</translation>
    </message>
    <message>
        <source>A change cursor is never negative.</source>
        <translation>A change cursor is never negative.</translation>
    </message>
    <message>
        <source>Unknown entity “%1”.</source>
        <translation>Unknown entity “%1”.</translation>
    </message>
    <message>
        <source>%1[%2].%3 is %4; every record needs its platform id (at most %5 characters).</source>
        <translation>%1[%2].%3 is %4; every record needs its platform id (at most %5 characters).</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>too long</translation>
    </message>
    <message>
        <source>%1[%2].created_at (%3) is not a time in milliseconds since 1970.</source>
        <translation>%1[%2].created_at (%3) is not a time in milliseconds since 1970.</translation>
    </message>
    <message>
        <source>%1[%2].text is longer than %3 characters.</source>
        <translation>%1[%2].text is longer than %3 characters.</translation>
    </message>
    <message>
        <source>The batch does not name its platform.</source>
        <translation>The batch does not name its platform.</translation>
    </message>
    <message>
        <source>The batch holds %1 records; send at most %2 per batch.</source>
        <translation>The batch holds %1 records; send at most %2 per batch.</translation>
    </message>
    <message>
        <source>The message no longer exists.</source>
        <translation>The message no longer exists.</translation>
    </message>
    <message>
        <source>The search cursor is not valid; start the search again from the first page.</source>
        <translation>The search cursor is not valid; start the search again from the first page.</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>conversation</translation>
    </message>
    <message>
        <source>video</source>
        <translation>video</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>comment</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>tag</translation>
    </message>
    <message>
        <source>message</source>
        <translation>message</translation>
    </message>
    <message>
        <source>account</source>
        <translation>account</translation>
    </message>
</context>
<context>
    <name>hiscrm::master::LocalMasterLink</name>
    <message>
        <source>The master has stopped.</source>
        <translation>The master has stopped.</translation>
    </message>
</context>
<context>
    <name>hiscrm::master::Master</name>
    <message>
        <source>The argument “%1” is missing.</source>
        <translation>The argument “%1” is missing.</translation>
    </message>
    <message>
        <source>The argument “%1” must be a whole number.</source>
        <translation>The argument “%1” must be a whole number.</translation>
    </message>
    <message>
        <source>The argument “%1” must be text.</source>
        <translation>The argument “%1” must be text.</translation>
    </message>
    <message>
        <source>The argument “%1” must be a list of ids.</source>
        <translation>The argument “%1” must be a list of ids.</translation>
    </message>
    <message>
        <source>“%1” is not an IP address to listen on.</source>
        <translation>“%1” is not an IP address to listen on.</translation>
    </message>
    <message>
        <source>The master is not running.</source>
        <translation>The master is not running.</translation>
    </message>
    <message>
        <source>The connector %1 stopped; it is being restarted.</source>
        <translation>The connector %1 stopped; it is being restarted.</translation>
    </message>
    <message>
        <source>A command id has at most 128 characters.</source>
        <translation>A command id has at most 128 characters.</translation>
    </message>
    <message>
        <source>A mute needs a time in the future, or -1 for until unmuted.</source>
        <translation>A mute needs a time in the future, or -1 for until unmuted.</translation>
    </message>
    <message>
        <source>A reply goes to a conversation (conversation_id) or under a video (content_id).</source>
        <translation>A reply goes to a conversation (conversation_id) or under a video (content_id).</translation>
    </message>
    <message>
        <source>There is no reply %1 to retry.</source>
        <translation>There is no reply %1 to retry.</translation>
    </message>
    <message>
        <source>The reply was already sent.</source>
        <translation>The reply was already sent.</translation>
    </message>
    <message>
        <source>“kind” is message or comment.</source>
        <translation>“kind” is message or comment.</translation>
    </message>
    <message>
        <source>“direction” is in or out.</source>
        <translation>“direction” is in or out.</translation>
    </message>
    <message>
        <source>“order” is newest or relevance.</source>
        <translation>“order” is newest or relevance.</translation>
    </message>
    <message>
        <source>“unread” is true or false.</source>
        <translation>“unread” is true or false.</translation>
    </message>
    <message>
        <source>Ask for one user (user_id) or several (user_ids).</source>
        <translation>Ask for one user (user_id) or several (user_ids).</translation>
    </message>
    <message>
        <source>There is no user %1.</source>
        <translation>There is no user %1.</translation>
    </message>
    <message>
        <source>Unknown operation “%1”.</source>
        <translation>Unknown operation “%1”.</translation>
    </message>
</context>
<context>
    <name>hiscrm::master::WorkerServer</name>
    <message>
        <source>Refusing to listen for workers on %1: without encryption the master listens only on this computer (127.0.0.1 or ::1). Allow other addresses explicitly if the network is trusted.</source>
        <translation>Refusing to listen for workers on %1: without encryption the master listens only on this computer (127.0.0.1 or ::1). Allow other addresses explicitly if the network is trusted.</translation>
    </message>
    <message>
        <source>Cannot listen for workers on %1 port %2: %3</source>
        <translation>Cannot listen for workers on %1 port %2: %3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>HisCRM master: stores what workers send and serves the worker protocol.
Every option can also be set through the environment variable named in brackets.</source>
        <translation>HisCRM master: stores what workers send and serves the worker protocol.
Every option can also be set through the environment variable named in brackets.</translation>
    </message>
    <message>
        <source>Database file [HISCRM_DB].</source>
        <translation>Database file [HISCRM_DB].</translation>
    </message>
    <message>
        <source>Address and port for workers, or "none" [HISCRM_LISTEN]. Default 127.0.0.1:%1.</source>
        <translation>Address and port for workers, or "none" [HISCRM_LISTEN]. Default 127.0.0.1:%1.</translation>
    </message>
    <message>
        <source>Worker token [HISCRM_TOKEN]; generated and printed when not given.</source>
        <translation>Worker token [HISCRM_TOKEN]; generated and printed when not given.</translation>
    </message>
    <message>
        <source>Run the demo connector [HISCRM_DEMO=1].</source>
        <translation>Run the demo connector [HISCRM_DEMO=1].</translation>
    </message>
    <message>
        <source>Demo messages per second [HISCRM_DEMO_RATE].</source>
        <translation>Demo messages per second [HISCRM_DEMO_RATE].</translation>
    </message>
    <message>
        <source>Allow plain ws on a non-loopback address [HISCRM_ALLOW_REMOTE=1].</source>
        <translation>Allow plain ws on a non-loopback address [HISCRM_ALLOW_REMOTE=1].</translation>
    </message>
    <message>
        <source>debug, info, warning or error [HISCRM_LOG_LEVEL].</source>
        <translation>debug, info, warning or error [HISCRM_LOG_LEVEL].</translation>
    </message>
    <message>
        <source>Unknown log level “%1”; use debug, info, warning or error.</source>
        <translation>Unknown log level “%1”; use debug, info, warning or error.</translation>
    </message>
    <message>
        <source>--listen takes address:port, for example 127.0.0.1:%1.</source>
        <translation>--listen takes address:port, for example 127.0.0.1:%1.</translation>
    </message>
    <message>
        <source>--demo-rate takes a number of messages per second.</source>
        <translation>--demo-rate takes a number of messages per second.</translation>
    </message>
    <message>
        <source>The master could not start: %1</source>
        <translation>The master could not start: %1</translation>
    </message>
    <message>
        <source>hiscrm-master %1: database %2</source>
        <translation>hiscrm-master %1: database %2</translation>
    </message>
    <message>
        <source>workers: ws://%1:%2/  token: %3</source>
        <translation>workers: ws://%1:%2/  token: %3</translation>
    </message>
    <message>
        <source>workers: not listening (--listen none)</source>
        <translation>workers: not listening (--listen none)</translation>
    </message>
    <message>
        <source>shutting down (signal %1)</source>
        <translation>shutting down (signal %1)</translation>
    </message>
</context>
</TS>