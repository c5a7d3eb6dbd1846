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
</TS>