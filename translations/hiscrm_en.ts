<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>Admin</name>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>all accounts</source>
        <translation>all accounts</translation>
    </message>
    <message>
        <source>accounts %1</source>
        <translation>accounts %1</translation>
    </message>
    <message>
        <source>pair needs --name NAME: the device&apos;s name as the devices list shows it.</source>
        <translation>pair needs --name NAME: the device&apos;s name as the devices list shows it.</translation>
    </message>
    <message>
        <source>--role takes operator, admin or viewer.</source>
        <translation>--role takes operator, admin or viewer.</translation>
    </message>
    <message>
        <source>--accounts takes account numbers separated by commas (see hiscrm-master accounts).</source>
        <translation>--accounts takes account numbers separated by commas (see hiscrm-master accounts).</translation>
    </message>
    <message>
        <source>Pairing code for “%1” (%2, %3): %4</source>
        <translation>Pairing code for “%1” (%2, %3): %4</translation>
    </message>
    <message>
        <source>It pairs one device and expires at %1.</source>
        <translation>It pairs one device and expires at %1.</translation>
    </message>
    <message>
        <source>No link: the master has not listened yet. Start it, or give --url ws://HOST:PORT/client.</source>
        <translation>No link: the master has not listened yet. Start it, or give --url ws://HOST:PORT/client.</translation>
    </message>
    <message>
        <source>Link: %1</source>
        <translation>Link: %1</translation>
    </message>
    <message>
        <source>No devices are paired. Pair one with: hiscrm-master pair --name NAME</source>
        <translation>No devices are paired. Pair one with: hiscrm-master pair --name NAME</translation>
    </message>
    <message>
        <source>%1	%2	%3	%4	paired %5	last seen %6%7</source>
        <translation>%1	%2	%3	%4	paired %5	last seen %6%7</translation>
    </message>
    <message>
        <source>	revoked %1</source>
        <translation>	revoked %1</translation>
    </message>
    <message>
        <source>Revoked device %1 “%2”: its connections close within a second and its token no longer works.</source>
        <translation>Revoked device %1 “%2”: its connections close within a second and its token no longer works.</translation>
    </message>
    <message>
        <source>Device %1 is now called “%2”.</source>
        <translation>Device %1 is now called “%2”.</translation>
    </message>
    <message>
        <source>Use: hiscrm-master devices list | revoke ID | rename ID NAME</source>
        <translation>Use: hiscrm-master devices list | revoke ID | rename ID NAME</translation>
    </message>
    <message>
        <source>No accounts yet: they appear when a worker syncs them.</source>
        <translation>No accounts yet: they appear when a worker syncs them.</translation>
    </message>
    <message>
        <source>hiscrm-master %1: run on the master&apos;s machine, while it runs or not.</source>
        <translation>hiscrm-master %1: run on the master&apos;s machine, while it runs or not.</translation>
    </message>
    <message>
        <source>Database file [HISCRM_DB].</source>
        <translation>Database file [HISCRM_DB].</translation>
    </message>
    <message>
        <source>The device&apos;s name.</source>
        <translation>The device&apos;s name.</translation>
    </message>
    <message>
        <source>operator (default), admin or viewer (reads only).</source>
        <translation>operator (default), admin or viewer (reads only).</translation>
    </message>
    <message>
        <source>The accounts it may see, by number (default: all).</source>
        <translation>The accounts it may see, by number (default: all).</translation>
    </message>
    <message>
        <source>The address desktops reach the master at (default: where it listens).</source>
        <translation>The address desktops reach the master at (default: where it listens).</translation>
    </message>
    <message>
        <source>There is no database at %1. Start hiscrm-master once (or give --db).</source>
        <translation>There is no database at %1. Start hiscrm-master once (or give --db).</translation>
    </message>
    <message>
        <source>Use: hiscrm-master backup DEST (a new file)</source>
        <translation>Use: hiscrm-master backup DEST (a new file)</translation>
    </message>
    <message>
        <source>Backed up to %1 (revision %2). To restore: stop the master, put the file in place of the database (remove its -wal and -shm files and its -search.db), start the master.</source>
        <translation>Backed up to %1 (revision %2). To restore: stop the master, put the file in place of the database (remove its -wal and -shm files and its -search.db), start the master.</translation>
    </message>
    <message>
        <source>NUMBER	PLATFORM	ACCOUNT ID	NAME</source>
        <translation>NUMBER	PLATFORM	ACCOUNT ID	NAME</translation>
    </message>
</context>
<context>
    <name>PairingLink</name>
    <message>
        <source>“%1” is not the address of a team master. It looks like team.example:7788, or wss://team.example:7788/client.</source>
        <translation>“%1” is not the address of a team master. It looks like team.example:7788, or wss://team.example:7788/client.</translation>
    </message>
    <message>
        <source>This is not a pairing link. The admin&apos;s “hiscrm-master pair” prints one that starts with hiscrm://pair?</source>
        <translation>This is not a pairing link. The admin&apos;s “hiscrm-master pair” prints one that starts with hiscrm://pair?</translation>
    </message>
    <message>
        <source>The pairing link has no code. Copy the whole link the admin sent.</source>
        <translation>The pairing link has no code. Copy the whole link the admin sent.</translation>
    </message>
    <message>
        <source>The pairing link has no certificate fingerprint, so this desktop could not tell the team master from an impostor. Copy the whole link the admin sent.</source>
        <translation>The pairing link has no certificate fingerprint, so this desktop could not tell the team master from an impostor. Copy the whole link the admin sent.</translation>
    </message>
    <message>
        <source>The team master&apos;s certificate (%1) is not the one in the pairing link. Someone may be in between: nothing was sent. Ask the admin.</source>
        <translation>The team master&apos;s certificate (%1) is not the one in the pairing link. Someone may be in between: nothing was sent. Ask the admin.</translation>
    </message>
    <message>
        <source>The team master at %1 did not answer. Check the address and the network.</source>
        <translation>The team master at %1 did not answer. Check the address and the network.</translation>
    </message>
    <message>
        <source>The team master is refusing pairing codes for a minute after too many wrong ones. Try again in a minute.</source>
        <translation>The team master is refusing pairing codes for a minute after too many wrong ones. Try again in a minute.</translation>
    </message>
    <message>
        <source>The team master refused the code: %1 Ask the admin for a new code.</source>
        <translation>The team master refused the code: %1 Ask the admin for a new code.</translation>
    </message>
    <message>
        <source>The team master answered without a device token. Ask the admin.</source>
        <translation>The team master answered without a device token. Ask the admin.</translation>
    </message>
    <message>
        <source>The team master at %1 could not be reached. Check the address and that the master is running.</source>
        <translation>The team master at %1 could not be reached. Check the address and that the master is running.</translation>
    </message>
    <message>
        <source>The team master does not know this pairing code. Check that it was typed as the admin gave it, or ask the admin for a new code.</source>
        <translation>The team master does not know this pairing code. Check that it was typed as the admin gave it, or ask the admin for a new code.</translation>
    </message>
    <message>
        <source>This pairing code was used already: each code pairs one device. Ask the admin for a new code.</source>
        <translation>This pairing code was used already: each code pairs one device. Ask the admin for a new code.</translation>
    </message>
    <message>
        <source>This pairing code has expired (a code lasts 10 minutes). Ask the admin for a new code.</source>
        <translation>This pairing code has expired (a code lasts 10 minutes). Ask the admin for a new code.</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>the keychain did not answer within %1 s</translation>
    </message>
    <message>
        <source>The system keychain is not used.</source>
        <translation>The system keychain is not used.</translation>
    </message>
    <message>
        <source>The system keychain refused to keep the secret: %1</source>
        <translation>The system keychain refused to keep the secret: %1</translation>
    </message>
    <message>
        <source>This build has no system keychain support.</source>
        <translation>This build has no system keychain support.</translation>
    </message>
    <message>
        <source>The system keychain did not give the secret: %1</source>
        <translation>The system keychain did not give the secret: %1</translation>
    </message>
    <message>
        <source>The system keychain did not delete the secret: %1</source>
        <translation>The system keychain did not delete the secret: %1</translation>
    </message>
</context>
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
        <source>The database cannot be written (%1). Check the data folder&apos;s permissions.</source>
        <translation>The database cannot be written (%1). Check the data folder&apos;s permissions.</translation>
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
        <source>The reply&apos;s time is out of range.</source>
        <translation>The reply&apos;s time is out of range.</translation>
    </message>
    <message>
        <source>A reply&apos;s state is pending, sent or failed.</source>
        <translation>A reply&apos;s state is pending, sent or failed.</translation>
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
    <message>
        <source>The search index is still being built; search again in a moment. (It is built by the master: is it running?)</source>
        <translation>The search index is still being built; search again in a moment. (It is built by the master: is it running?)</translation>
    </message>
    <message>
        <source>The database file %1 is damaged (%2), so HisCRM does not write to it. Restore it from a backup, or move it aside (with its -wal and -shm files) to start with an empty history.</source>
        <translation>The database file %1 is damaged (%2), so HisCRM does not write to it. Restore it from a backup, or move it aside (with its -wal and -shm files) to start with an empty history.</translation>
    </message>
    <message>
        <source>HisCRM cannot create files in the folder %1, but it keeps the database&apos;s write-ahead log there (%2-wal and %2-shm). Make the folder writable, or choose another data folder.</source>
        <translation>HisCRM cannot create files in the folder %1, but it keeps the database&apos;s write-ahead log there (%2-wal and %2-shm). Make the folder writable, or choose another data folder.</translation>
    </message>
    <message>
        <source>The search index is damaged and is being rebuilt from the history; search again in a moment.</source>
        <translation>The search index is damaged and is being rebuilt from the history; search again in a moment.</translation>
    </message>
    <message>
        <source>The database file %1 is read-only, but HisCRM must write to it. Make it writable (its permissions, or its Read-only attribute), or choose another data folder.</source>
        <translation>The database file %1 is read-only, but HisCRM must write to it. Make it writable (its permissions, or its Read-only attribute), or choose another data folder.</translation>
    </message>
    <message>
        <source>%1[%2].%3 is missing; every record needs its platform ids.</source>
        <translation>%1[%2].%3 is missing; every record needs its platform ids.</translation>
    </message>
    <message>
        <source>%1[%2].%3 has %4 characters; at most %5 are accepted.</source>
        <translation>%1[%2].%3 has %4 characters; at most %5 are accepted.</translation>
    </message>
    <message>
        <source>%1[%2].%3 contains an unpaired UTF-16 surrogate; text must be valid Unicode.</source>
        <translation>%1[%2].%3 contains an unpaired UTF-16 surrogate; text must be valid Unicode.</translation>
    </message>
    <message>
        <source>%1[%2].created_at (%3) is not a time in milliseconds since 1970 before the year 2200 (1 to %4).</source>
        <translation>%1[%2].created_at (%3) is not a time in milliseconds since 1970 before the year 2200 (1 to %4).</translation>
    </message>
    <message>
        <source>The batch must name its platform in 1 to 64 characters of valid Unicode.</source>
        <translation>The batch must name its platform in 1 to 64 characters of valid Unicode.</translation>
    </message>
    <message>
        <source>A device name has 1 to %1 characters.</source>
        <translation>A device name has 1 to %1 characters.</translation>
    </message>
    <message>
        <source>The device name is not valid text.</source>
        <translation>The device name is not valid text.</translation>
    </message>
    <message>
        <source>There is no device %1. List the devices to see their numbers.</source>
        <translation>There is no device %1. List the devices to see their numbers.</translation>
    </message>
    <message>
        <source>There is no account %1. List the accounts to see their numbers.</source>
        <translation>There is no account %1. List the accounts to see their numbers.</translation>
    </message>
    <message>
        <source>The pairing code is wrong. Check it, or ask your admin for a new one.</source>
        <translation>The pairing code is wrong. Check it, or ask your admin for a new one.</translation>
    </message>
    <message>
        <source>The pairing code was used already: each code pairs one device. Ask your admin for a new one.</source>
        <translation>The pairing code was used already: each code pairs one device. Ask your admin for a new one.</translation>
    </message>
    <message>
        <source>The pairing code has expired. Ask your admin for a new one.</source>
        <translation>The pairing code has expired. Ask your admin for a new one.</translation>
    </message>
    <message>
        <source>The backup failed: %1. Nothing was written at the destination.</source>
        <translation>The backup failed: %1. Nothing was written at the destination.</translation>
    </message>
    <message>
        <source>%1 exists already; choose a new file name for the backup.</source>
        <translation>%1 exists already; choose a new file name for the backup.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>the copy does not pass SQLite&apos;s check (%1)</source>
        <translation>the copy does not pass SQLite&apos;s check (%1)</translation>
    </message>
    <message>
        <source>the copy could not be closed</source>
        <translation>the copy could not be closed</translation>
    </message>
    <message>
        <source>cannot name the copy %1</source>
        <translation>cannot name the copy %1</translation>
    </message>
    <message>
        <source>The team master sent a %1 (id %2, revision %3) that cannot be read: %4.</source>
        <translation>The team master sent a %1 (id %2, revision %3) that cannot be read: %4.</translation>
    </message>
    <message>
        <source>The team master&apos;s changes go back to revision %1; this copy is at %2.</source>
        <translation>The team master&apos;s changes go back to revision %1; this copy is at %2.</translation>
    </message>
    <message>
        <source>The team master sent a change (revision %1) beyond the page&apos;s end (%2).</source>
        <translation>The team master sent a change (revision %1) beyond the page&apos;s end (%2).</translation>
    </message>
    <message>
        <source>There is no %1 %2 in this desktop&apos;s copy of the team inbox.</source>
        <translation>There is no %1 %2 in this desktop&apos;s copy of the team inbox.</translation>
    </message>
    <message>
        <source>“%1” needs the team master&apos;s answer: connect first, then try again.</source>
        <translation>“%1” needs the team master&apos;s answer: connect first, then try again.</translation>
    </message>
    <message>
        <source>A command needs an id of 1 to %1 characters.</source>
        <translation>A command needs an id of 1 to %1 characters.</translation>
    </message>
    <message>
        <source>A mute needs a time in the future, or -1 for until unmuted.</source>
        <translation>A mute needs a time in the future, or -1 for until unmuted.</translation>
    </message>
</context>
<context>
    <name>TeamPairings</name>
    <message>
        <source>The pairing with the team master in %1 is missing or unreadable. Connect to the team master again.</source>
        <translation>The pairing with the team master in %1 is missing or unreadable. Connect to the team master again.</translation>
    </message>
    <message>
        <source>The pairing with the team master in %1 is damaged. Disconnect it and connect again.</source>
        <translation>The pairing with the team master in %1 is damaged. Disconnect it and connect again.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the team master&apos;s inbox. Check that the data folder is writable.</source>
        <translation>Cannot create the folder %1 for the team master&apos;s inbox. Check that the data folder is writable.</translation>
    </message>
    <message>
        <source>Cannot keep the device token in %1.</source>
        <translation>Cannot keep the device token in %1.</translation>
    </message>
    <message>
        <source>Cannot save the pairing in %1.</source>
        <translation>Cannot save the pairing in %1.</translation>
    </message>
    <message>
        <source>Cannot delete %1. Close other programs that use it and try again.</source>
        <translation>Cannot delete %1. Close other programs that use it and try again.</translation>
    </message>
    <message>
        <source>The device token for the team master %1 could not be read from the system keychain (%2). Unlock the keychain and start again, or disconnect and pair again.</source>
        <translation>The device token for the team master %1 could not be read from the system keychain (%2). Unlock the keychain and start again, or disconnect and pair again.</translation>
    </message>
</context>
<context>
    <name>Tls</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>No PEM certificate in %1.</source>
        <translation>No PEM certificate in %1.</translation>
    </message>
    <message>
        <source>No unencrypted PEM private key (EC or RSA) for %1.</source>
        <translation>No unencrypted PEM private key (EC or RSA) for %1.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>Cannot create %1.</translation>
    </message>
    <message>
        <source>OpenSSL could not make a certificate.</source>
        <translation>OpenSSL could not make a certificate.</translation>
    </message>
    <message>
        <source>Cannot store the certificate in %1.</source>
        <translation>Cannot store the certificate in %1.</translation>
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
    <message>
        <source>The argument “%1” contains an unpaired UTF-16 surrogate; text must be valid Unicode.</source>
        <translation>The argument “%1” contains an unpaired UTF-16 surrogate; text must be valid Unicode.</translation>
    </message>
    <message>
        <source>The argument “%1” must be an id: a whole number from 1 to 2^53 − 1.</source>
        <translation>The argument “%1” must be an id: a whole number from 1 to 2^53 − 1.</translation>
    </message>
    <message>
        <source>The argument “%1” must be true or false.</source>
        <translation>The argument “%1” must be true or false.</translation>
    </message>
    <message>
        <source>The argument “%1” must be one of: %2.</source>
        <translation>The argument “%1” must be one of: %2.</translation>
    </message>
    <message>
        <source>The argument “%1” has %2 characters; at most %3 are accepted.</source>
        <translation>The argument “%1” has %2 characters; at most %3 are accepted.</translation>
    </message>
    <message>
        <source>This device may only read: “%1” changes something.</source>
        <translation>This device may only read: “%1” changes something.</translation>
    </message>
    <message>
        <source>Only an admin device may ask for the master&apos;s status.</source>
        <translation>Only an admin device may ask for the master&apos;s status.</translation>
    </message>
    <message>
        <source>unread_summary counts every account; a device that sees some of them counts its own replica instead.</source>
        <translation>unread_summary counts every account; a device that sees some of them counts its own replica instead.</translation>
    </message>
    <message>
        <source>Account %1 is outside this device&apos;s accounts.</source>
        <translation>Account %1 is outside this device&apos;s accounts.</translation>
    </message>
    <message>
        <source>User %1 is not seen in this device&apos;s accounts.</source>
        <translation>User %1 is not seen in this device&apos;s accounts.</translation>
    </message>
    <message>
        <source>%1 %2 belongs to an account outside this device&apos;s accounts.</source>
        <translation>%1 %2 belongs to an account outside this device&apos;s accounts.</translation>
    </message>
</context>
<context>
    <name>hiscrm::master::WorkerServer</name>
    <message>
        <source>Cannot listen for workers on %1 port %2: %3</source>
        <translation>Cannot listen for workers on %1 port %2: %3</translation>
    </message>
    <message>
        <source>Refusing to listen for workers on %1: without encryption the master listens only on this computer (127.0.0.1 or ::1). Serve TLS (--tls auto, or a certificate), or allow other addresses explicitly if the network is trusted.</source>
        <translation>Refusing to listen for workers on %1: without encryption the master listens only on this computer (127.0.0.1 or ::1). Serve TLS (--tls auto, or a certificate), or allow other addresses explicitly if the network is trusted.</translation>
    </message>
    <message>
        <source>TLS is not available on this platform yet; put the master behind a TLS proxy.</source>
        <translation>TLS is not available on this platform yet; put the master behind a TLS proxy.</translation>
    </message>
</context>
<context>
    <name>hiscrm::sync::SyncEngine</name>
    <message>
        <source>Not connected to the team master.</source>
        <translation>Not connected to the team master.</translation>
    </message>
    <message>
        <source>This desktop shows a team master&apos;s inbox: crawlers connect to the team master, not to this desktop. Ask the admin.</source>
        <translation>This desktop shows a team master&apos;s inbox: crawlers connect to the team master, not to this desktop. Ask the admin.</translation>
    </message>
    <message>
        <source>The team master&apos;s certificate is not the one this desktop was paired with (%1). Someone may be in between: ask the admin, then pair again.</source>
        <translation>The team master&apos;s certificate is not the one this desktop was paired with (%1). Someone may be in between: ask the admin, then pair again.</translation>
    </message>
    <message>
        <source>The connection to the team master was lost before it answered.</source>
        <translation>The connection to the team master was lost before it answered.</translation>
    </message>
    <message>
        <source>The team master no longer accepts this desktop (%1). Pair it again with a new code from the admin.</source>
        <translation>The team master no longer accepts this desktop (%1). Pair it again with a new code from the admin.</translation>
    </message>
    <message>
        <source>The team master does not recognise this desktop&apos;s copy (it was restored from an older backup, or replaced): the copy is being rebuilt.</source>
        <translation>The team master does not recognise this desktop&apos;s copy (it was restored from an older backup, or replaced): the copy is being rebuilt.</translation>
    </message>
    <message>
        <source>The team master sent changes this version cannot read (%1). Update the app, or ask the admin.</source>
        <translation>The team master sent changes this version cannot read (%1). Update the app, or ask the admin.</translation>
    </message>
    <message>
        <source>This desktop was disconnected from the team master by its admin (device revoked). Ask the admin for a new pairing code.</source>
        <translation>This desktop was disconnected from the team master by its admin (device revoked). Ask the admin for a new pairing code.</translation>
    </message>
    <message>
        <source>The team master does not know this desktop&apos;s token. Pair it again with a new code from the admin.</source>
        <translation>The team master does not know this desktop&apos;s token. Pair it again with a new code from the admin.</translation>
    </message>
    <message>
        <source>The connection to the team master was lost.</source>
        <translation>The connection to the team master was lost.</translation>
    </message>
    <message>
        <source>The team master closed the connection: %1</source>
        <translation>The team master closed the connection: %1</translation>
    </message>
    <message>
        <source>The desktop is closing.</source>
        <translation>The desktop is closing.</translation>
    </message>
    <message>
        <source>Reconnecting.</source>
        <translation>Reconnecting.</translation>
    </message>
    <message>
        <source>This desktop may not do that: the chat is not among the accounts the admin gave it, or its role does not allow it.</source>
        <translation>This desktop may not do that: the chat is not among the accounts the admin gave it, or its role does not allow it.</translation>
    </message>
    <message>
        <source>The team master does not have it (any more): it may have been deleted on another desktop.</source>
        <translation>The team master does not have it (any more): it may have been deleted on another desktop.</translation>
    </message>
    <message>
        <source>The team master did not accept it: %1</source>
        <translation>The team master did not accept it: %1</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::AppSession</name>
    <message>
        <source>Cannot create the data folder %1. Choose a folder you can write to in Settings, or start with --data-dir.</source>
        <translation>Cannot create the data folder %1. Choose a folder you can write to in Settings, or start with --data-dir.</translation>
    </message>
    <message>
        <source>The inbox is not running.</source>
        <translation>The inbox is not running.</translation>
    </message>
    <message>
        <source>Cannot move %1 aside in the folder %2. Check that no other program uses it and that the folder is writable.</source>
        <translation>Cannot move %1 aside in the folder %2. Check that no other program uses it and that the folder is writable.</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ChatMatchesModel</name>
    <message>
        <source>Chat with %1 on %2</source>
        <comment>person, account</comment>
        <translation>Chat with %1 on %2</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archived</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ContentListModel</name>
    <message>
        <source>Untitled video</source>
        <translation>Untitled video</translation>
    </message>
    <message>
        <source>%1
Account: %2</source>
        <translation>%1
Account: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n comments</source>
        <translation>
            <numerusform>%n comment</numerusform>
            <numerusform>%n comments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread comments, latest: %2</source>
        <translation>
            <numerusform>%1, %n unread comment, latest: %2</numerusform>
            <numerusform>%1, %n unread comments, latest: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n comments, latest: %2</source>
        <translation>
            <numerusform>%1, %n comment, latest: %2</numerusform>
            <numerusform>%1, %n comments, latest: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Comment recalled</source>
        <translation>Comment recalled</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>comment author: comment text</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ConversationController</name>
    <message>
        <source>mark it read</source>
        <translation>mark it read</translation>
    </message>
    <message>
        <source>mark it unread</source>
        <translation>mark it unread</translation>
    </message>
    <message>
        <source>mark the comments read</source>
        <translation>mark the comments read</translation>
    </message>
    <message>
        <source>pin the conversation</source>
        <translation>pin the conversation</translation>
    </message>
    <message>
        <source>unpin the conversation</source>
        <translation>unpin the conversation</translation>
    </message>
    <message>
        <source>archive the conversation</source>
        <translation>archive the conversation</translation>
    </message>
    <message>
        <source>unarchive the conversation</source>
        <translation>unarchive the conversation</translation>
    </message>
    <message>
        <source>mute the conversation</source>
        <translation>mute the conversation</translation>
    </message>
    <message>
        <source>unmute the conversation</source>
        <translation>unmute the conversation</translation>
    </message>
    <message>
        <source>add the tag</source>
        <translation>add the tag</translation>
    </message>
    <message>
        <source>remove the tag</source>
        <translation>remove the tag</translation>
    </message>
    <message>
        <source>create the tag</source>
        <translation>create the tag</translation>
    </message>
    <message>
        <source>send the reply</source>
        <translation>send the reply</translation>
    </message>
    <message>
        <source>retry the reply</source>
        <translation>retry the reply</translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation>No conversation selected</translation>
    </message>
    <message>
        <source>Pick a chat, or press %1 to search.</source>
        <translation>Pick a chat, or press %1 to search.</translation>
    </message>
    <message>
        <source>Direct messages · %1</source>
        <translation>Direct messages · %1</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archived</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>muted</translation>
    </message>
    <message>
        <source>Comments on your video</source>
        <translation>Comments on your video</translation>
    </message>
    <message>
        <source>Replying to %1: “%2”</source>
        <translation>Replying to %1: “%2”</translation>
    </message>
    <message>
        <source>Replying to the video; select a comment to answer it.</source>
        <translation>Replying to the video; select a comment to answer it.</translation>
    </message>
    <message>
        <source>The reply is %1 characters long; the platform takes at most %2. Shorten it and send again.</source>
        <translation>The reply is %1 characters long; the platform takes at most %2. Shorten it and send again.</translation>
    </message>
    <message>
        <source>Sending the reply again…</source>
        <translation>Sending the reply again…</translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation>Could not %1: %2</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Pin</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>Unarchive</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Unmute</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <source>User card</source>
        <translation>User card</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>Mark read</translation>
    </message>
    <message>
        <source>Mark unread</source>
        <translation>Mark unread</translation>
    </message>
    <message>
        <source>Muted until you unmute it</source>
        <translation>Muted until you unmute it</translation>
    </message>
    <message>
        <source>Muted until %1</source>
        <translation>Muted until %1</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>For 1 hour</translation>
    </message>
    <message>
        <source>For 8 hours</source>
        <translation>For 8 hours</translation>
    </message>
    <message>
        <source>For 1 day</source>
        <translation>For 1 day</translation>
    </message>
    <message>
        <source>Until I unmute</source>
        <translation>Until I unmute</translation>
    </message>
    <message>
        <source>New tag…</source>
        <translation>New tag…</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>New tag</translation>
    </message>
    <message>
        <source>Done on this desktop; it goes to the team master when the connection is back.</source>
        <translation>Done on this desktop; it goes to the team master when the connection is back.</translation>
    </message>
    <message>
        <source>Messages from %1</source>
        <translation>Messages from %1</translation>
    </message>
    <message>
        <source>muted until %1</source>
        <translation>muted until %1</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ConversationDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>%1m</source>
        <comment>waiting time in minutes</comment>
        <translation>%1m</translation>
    </message>
    <message>
        <source>%1h</source>
        <comment>waiting time in hours</comment>
        <translation>%1h</translation>
    </message>
    <message>
        <source>%1d</source>
        <comment>waiting time in days</comment>
        <translation>%1d</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>Draft:</translation>
    </message>
    <message>
        <source>You:</source>
        <translation>You:</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ConversationListModel</name>
    <message>
        <source>%1
Account: %2</source>
        <translation>%1
Account: %2</translation>
    </message>
    <message>
        <source>no messages</source>
        <translation>no messages</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread, last message: %2</source>
        <translation>
            <numerusform>%1, %n unread, last message: %2</numerusform>
            <numerusform>%1, %n unread, last message: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, last message: %2</source>
        <translation>%1, last message: %2</translation>
    </message>
    <message>
        <source>Message recalled</source>
        <translation>Message recalled</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::DamageDialog</name>
    <message>
        <source>The message history is damaged</source>
        <translation>The message history is damaged</translation>
    </message>
    <message>
        <source>HisCRM Desk cannot start</source>
        <translation>HisCRM Desk cannot start</translation>
    </message>
    <message>
        <source>The message history is damaged. HisCRM Desk has stopped saving new messages and actions to it.</source>
        <translation>The message history is damaged. HisCRM Desk has stopped saving new messages and actions to it.</translation>
    </message>
    <message>
        <source>The message history is damaged, so HisCRM Desk cannot open it.</source>
        <translation>The message history is damaged, so HisCRM Desk cannot open it.</translation>
    </message>
    <message>
        <source>HisCRM Desk keeps no backup of its own. If you have a backup of the data folder %1, quit and put hiscrm.db back from it, without the hiscrm.db-wal and hiscrm.db-shm files next to it.</source>
        <translation>HisCRM Desk keeps no backup of its own. If you have a backup of the data folder %1, quit and put hiscrm.db back from it, without the hiscrm.db-wal and hiscrm.db-shm files next to it.</translation>
    </message>
    <message>
        <source>Move the damaged file aside and start with an empty history</source>
        <translation>Move the damaged file aside and start with an empty history</translation>
    </message>
    <message>
        <source>The files stay in the data folder as hiscrm.db.damaged-&lt;date&gt;; HisCRM Desk starts again at once.</source>
        <translation>The files stay in the data folder as hiscrm.db.damaged-&lt;date&gt;; HisCRM Desk starts again at once.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Restore the history from your backup, then start HisCRM Desk again.</source>
        <translation>Restore the history from your backup, then start HisCRM Desk again.</translation>
    </message>
    <message>
        <source>Keep reading</source>
        <translation>Keep reading</translation>
    </message>
    <message>
        <source>The window stays open; nothing you do or receive is saved.</source>
        <translation>The window stays open; nothing you do or receive is saved.</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::DraftStore</name>
    <message>
        <source>Drafts could not be saved to %1: %2</source>
        <translation>Drafts could not be saved to %1: %2</translation>
    </message>
    <message>
        <source>Drafts could not be read from %1: %2</source>
        <translation>Drafts could not be read from %1: %2</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::InboxListModel</name>
    <message>
        <source>unknown error</source>
        <translation>unknown error</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::InboxListView</name>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the new activity at the top of the list</source>
        <translation>Show the new activity at the top of the list</translation>
    </message>
    <message numerus="yes">
        <source>%n conversations with new activity; press to show them</source>
        <translation>
            <numerusform>%n conversation with new activity; press to show them</numerusform>
            <numerusform>%n conversations with new activity; press to show them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::MainWindow</name>
    <message>
        <source>HisCRM Desk</source>
        <translation>HisCRM Desk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Conversation</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Search…</translation>
    </message>
    <message>
        <source>Find in conversation…</source>
        <translation>Find in conversation…</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Previous conversation</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Next conversation</translation>
    </message>
    <message>
        <source>Next unread</source>
        <translation>Next unread</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>Close search</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>Mark read</translation>
    </message>
    <message>
        <source>Mark unread</source>
        <translation>Mark unread</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>Copy message</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>Retry sending</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>About HisCRM Desk</source>
        <translation>About HisCRM Desk</translation>
    </message>
    <message>
        <source>Welcome to HisCRM Desk</source>
        <translation>Welcome to HisCRM Desk</translation>
    </message>
    <message>
        <source>Start the demo</source>
        <translation>Start the demo</translation>
    </message>
    <message>
        <source>Views and accounts</source>
        <translation>Views and accounts</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Videos with comments</source>
        <translation>Videos with comments</translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation>Send the reply</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>New message</translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation>Could not %1: %2</translation>
    </message>
    <message>
        <source>No unread conversation in this view.</source>
        <translation>No unread conversation in this view.</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>action (shortcut)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Search all messages and comments</source>
        <translation>Search all messages and comments</translation>
    </message>
    <message>
        <source>Search in this conversation</source>
        <translation>Search in this conversation</translation>
    </message>
    <message>
        <source>Write a reply</source>
        <translation>Write a reply</translation>
    </message>
    <message>
        <source>Put the caret in the reply box</source>
        <translation>Put the caret in the reply box</translation>
    </message>
    <message>
        <source>Add or remove tags</source>
        <translation>Add or remove tags</translation>
    </message>
    <message>
        <source>Mark all in this view read…</source>
        <translation>Mark all in this view read…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Fill the inbox with a simulated platform&apos;s fans</source>
        <translation>Fill the inbox with a simulated platform&apos;s fans</translation>
    </message>
    <message>
        <source>Connect your own crawler…</source>
        <translation>Connect your own crawler…</translation>
    </message>
    <message>
        <source>Connect your own crawler</source>
        <translation>Connect your own crawler</translation>
    </message>
    <message>
        <source>Where the inbox comes from</source>
        <translation>Where the inbox comes from</translation>
    </message>
    <message>
        <source>Platform connections</source>
        <translation>Platform connections</translation>
    </message>
    <message>
        <source>Crawlers</source>
        <translation>Crawlers</translation>
    </message>
    <message>
        <source>HisCRM Desk is still running</source>
        <translation>HisCRM Desk is still running</translation>
    </message>
    <message>
        <source>New messages keep arriving and notify you. Quit from the tray icon&apos;s menu or with File &gt; Quit; Settings can make closing the window quit instead.</source>
        <translation>New messages keep arriving and notify you. Quit from the tray icon&apos;s menu or with File &gt; Quit; Settings can make closing the window quit instead.</translation>
    </message>
    <message>
        <source>(%1) HisCRM Desk</source>
        <translation>(%1) HisCRM Desk</translation>
    </message>
    <message>
        <source>A reply was not sent: %1</source>
        <translation>A reply was not sent: %1</translation>
    </message>
    <message>
        <source>Your reply to %1 was not sent: %2</source>
        <translation>Your reply to %1 was not sent: %2</translation>
    </message>
    <message>
        <source>Open the chat and press Retry.</source>
        <translation>Open the chat and press Retry.</translation>
    </message>
    <message>
        <source>Reply not sent</source>
        <translation>Reply not sent</translation>
    </message>
    <message>
        <source>Mark comments read</source>
        <translation>Mark comments read</translation>
    </message>
    <message>
        <source>Everything in this view is read.</source>
        <translation>Everything in this view is read.</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>Mark all read</translation>
    </message>
    <message numerus="yes">
        <source>Mark %n chats in this view as read?</source>
        <translation>
            <numerusform>Mark %n chat in this view as read?</numerusform>
            <numerusform>Mark %n chats in this view as read?</numerusform>
        </translation>
    </message>
    <message>
        <source>Inbox on this computer</source>
        <translation>Inbox on this computer</translation>
    </message>
    <message>
        <source>Inbox stopped</source>
        <translation>Inbox stopped</translation>
    </message>
    <message>
        <source>Demo platform</source>
        <translation>Demo platform</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>connected, not logged in</source>
        <translation>connected, not logged in</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>connecting…</translation>
    </message>
    <message>
        <source>reconnecting after a problem</source>
        <translation>reconnecting after a problem</translation>
    </message>
    <message>
        <source>stopped by an error: %1</source>
        <translation>stopped by an error: %1</translation>
    </message>
    <message>
        <source>, new messages at %1</source>
        <translation>, new messages at %1</translation>
    </message>
    <message>
        <source>No platform connected</source>
        <translation>No platform connected</translation>
    </message>
    <message numerus="yes">
        <source>%n crawlers connected</source>
        <translation>
            <numerusform>%n crawler connected</numerusform>
            <numerusform>%n crawlers connected</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for your crawler</source>
        <translation>Waiting for your crawler</translation>
    </message>
    <message>
        <source>Crawlers connect to %1</source>
        <translation>Crawlers connect to %1</translation>
    </message>
    <message>
        <source>The demo is starting; the inbox appears in a moment.</source>
        <translation>The demo is starting; the inbox appears in a moment.</translation>
    </message>
    <message>
        <source>The inbox could not open its door for crawlers: %1</source>
        <translation>The inbox could not open its door for crawlers: %1</translation>
    </message>
    <message>
        <source>Crawlers cannot connect: %1</source>
        <translation>Crawlers cannot connect: %1</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>New line in the reply</source>
        <translation>New line in the reply</translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation>Shift+Enter</translation>
    </message>
    <message>
        <source>Pick a quick reply</source>
        <translation>Pick a quick reply</translation>
    </message>
    <message>
        <source>/ at the start of the reply</source>
        <translation>/ at the start of the reply</translation>
    </message>
    <message>
        <source>Leave the reply box</source>
        <translation>Leave the reply box</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Move through the list</source>
        <translation>Move through the list</translation>
    </message>
    <message>
        <source>↑ ↓ Page Up Page Down Home End</source>
        <translation>↑ ↓ Page Up Page Down Home End</translation>
    </message>
    <message>
        <source>Open the chat of the list&apos;s current row</source>
        <translation>Open the chat of the list&apos;s current row</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>Close the search</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>mark the comments read</source>
        <translation>mark the comments read</translation>
    </message>
    <message>
        <source>Connect to a team master…</source>
        <translation>Connect to a team master…</translation>
    </message>
    <message>
        <source>Show the inbox a team master shares with this desktop</source>
        <translation>Show the inbox a team master shares with this desktop</translation>
    </message>
    <message>
        <source>Disconnect from %1…</source>
        <translation>Disconnect from %1…</translation>
    </message>
    <message>
        <source>Disconnect from the team master…</source>
        <translation>Disconnect from the team master…</translation>
    </message>
    <message>
        <source>Inbox source</source>
        <translation>Inbox source</translation>
    </message>
    <message>
        <source>Connect to a team master</source>
        <translation>Connect to a team master</translation>
    </message>
    <message>
        <source>Team master %1</source>
        <translation>Team master %1</translation>
    </message>
    <message>
        <source>%1: connected</source>
        <translation>%1: connected</translation>
    </message>
    <message>
        <source>%1: catching up, %2%</source>
        <translation>%1: catching up, %2%</translation>
    </message>
    <message>
        <source>%1: offline since %2, trying again; what is synced can still be read and searched</source>
        <translation>%1: offline since %2, trying again; what is synced can still be read and searched</translation>
    </message>
    <message>
        <source>%1: refused. %2</source>
        <translation>%1: refused. %2</translation>
    </message>
    <message>
        <source>%1: connecting…</source>
        <translation>%1: connecting…</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>Disconnect from the team master</source>
        <translation>Disconnect from the team master</translation>
    </message>
    <message>
        <source>Forget the pairing with %1? This desktop&apos;s copy of the team inbox is deleted; the team master keeps everything. To come back you need a new pairing code from the admin.</source>
        <translation>Forget the pairing with %1? This desktop&apos;s copy of the team inbox is deleted; the team master keeps everything. To come back you need a new pairing code from the admin.</translation>
    </message>
    <message>
        <source>There is no account yet. Start the demo to see a working inbox with simulated fans, connect the crawler that watches your real accounts, or connect to your team&apos;s master.</source>
        <translation>There is no account yet. Start the demo to see a working inbox with simulated fans, connect the crawler that watches your real accounts, or connect to your team&apos;s master.</translation>
    </message>
    <message>
        <source>The team master %1 has no account yet. Its inbox appears here as soon as the team&apos;s crawlers add one.</source>
        <translation>The team master %1 has no account yet. Its inbox appears here as soon as the team&apos;s crawlers add one.</translation>
    </message>
    <message>
        <source>Fetching the team inbox from %1…</source>
        <translation>Fetching the team inbox from %1…</translation>
    </message>
    <message>
        <source>a chat</source>
        <translation>a chat</translation>
    </message>
    <message>
        <source>chat %1</source>
        <translation>chat %1</translation>
    </message>
    <message>
        <source>the chat with %1</source>
        <translation>the chat with %1</translation>
    </message>
    <message>
        <source>Mark %1 read</source>
        <translation>Mark %1 read</translation>
    </message>
    <message>
        <source>Mark %1 unread</source>
        <translation>Mark %1 unread</translation>
    </message>
    <message>
        <source>Pin %1</source>
        <translation>Pin %1</translation>
    </message>
    <message>
        <source>Unpin %1</source>
        <translation>Unpin %1</translation>
    </message>
    <message>
        <source>Archive %1</source>
        <translation>Archive %1</translation>
    </message>
    <message>
        <source>Unarchive %1</source>
        <translation>Unarchive %1</translation>
    </message>
    <message>
        <source>Mute %1</source>
        <translation>Mute %1</translation>
    </message>
    <message>
        <source>Unmute %1</source>
        <translation>Unmute %1</translation>
    </message>
    <message>
        <source>Tag %1 “%2”</source>
        <translation>Tag %1 “%2”</translation>
    </message>
    <message>
        <source>Remove the tag “%2” from %1</source>
        <translation>Remove the tag “%2” from %1</translation>
    </message>
    <message>
        <source>Mark comments unread</source>
        <translation>Mark comments unread</translation>
    </message>
    <message>
        <source>Reply in %1: “%2”</source>
        <translation>Reply in %1: “%2”</translation>
    </message>
    <message>
        <source>Reply to a comment: “%1”</source>
        <translation>Reply to a comment: “%1”</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>Changes refused</source>
        <translation>Changes refused</translation>
    </message>
    <message numerus="yes">
        <source>The team master refused %n of your changes. The inbox shows the team master&apos;s state; do them again if they are still wanted (a refused reply&apos;s text is below, to copy).</source>
        <translation>
            <numerusform>The team master refused %n of your change. The inbox shows the team master&apos;s state; do them again if they are still wanted (a refused reply&apos;s text is below, to copy).</numerusform>
            <numerusform>The team master refused %n of your changes. The inbox shows the team master&apos;s state; do them again if they are still wanted (a refused reply&apos;s text is below, to copy).</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Keep for later</source>
        <translation>Keep for later</translation>
    </message>
    <message numerus="yes">
        <source>%n changes waiting to be sent</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>Shown in the inbox already; they go to the team master in order as soon as it is reachable.</source>
        <translation>Shown in the inbox already; they go to the team master in order as soon as it is reachable.</translation>
    </message>
    <message numerus="yes">
        <source>%n changes refused by the team master: review</source>
        <translation>
            <numerusform>%n change refused by the team master: review</numerusform>
            <numerusform>%n changes refused by the team master: review</numerusform>
        </translation>
    </message>
    <message>
        <source>Show which changes the team master refused, and why.</source>
        <translation>Show which changes the team master refused, and why.</translation>
    </message>
    <message>
        <source>This desktop is paired with the team master %1 as “%2”. Its inbox opens now; the first catch-up may take a moment.</source>
        <translation>This desktop is paired with the team master %1 as “%2”. Its inbox opens now; the first catch-up may take a moment.</translation>
    </message>
    <message>
        <source>The device token is kept in the system keychain.</source>
        <translation>The device token is kept in the system keychain.</translation>
    </message>
    <message>
        <source>The system keychain could not keep the device token (%1), so it is kept in a file only your user can read (%2). Anyone with your user&apos;s files can use it: keep this computer&apos;s account to yourself.</source>
        <translation>The system keychain could not keep the device token (%1), so it is kept in a file only your user can read (%2). Anyone with your user&apos;s files can use it: keep this computer&apos;s account to yourself.</translation>
    </message>
    <message>
        <source>The list changed just as you clicked, so nothing was opened. Click again to open it.</source>
        <translation>The list changed just as you clicked, so nothing was opened. Click again to open it.</translation>
    </message>
    <message>
        <source>Team master %1 (“%2”)</source>
        <translation>Team master %1 (“%2”)</translation>
    </message>
    <message>
        <source>The earlier pairing “%1” is kept: its copy could not be read (%2).</source>
        <translation>The earlier pairing “%1” is kept: its copy could not be read (%2).</translation>
    </message>
    <message>
        <source>It replaces the earlier pairing “%1”; this desktop&apos;s copy of it is deleted.</source>
        <translation>It replaces the earlier pairing “%1”; this desktop&apos;s copy of it is deleted.</translation>
    </message>
    <message numerus="yes">
        <source>The team master had refused that device, so its %n changes waiting to be sent never reached it.</source>
        <translation>
            <numerusform>The team master had refused that device, so its %n change waiting to be sent never reached it.</numerusform>
            <numerusform>The team master had refused that device, so its %n changes waiting to be sent never reached it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The earlier pairing “%1” is kept until its %n changes waiting to be sent reach the team master; then open it from File → Inbox source and disconnect from it in the File menu.</source>
        <translation>
            <numerusform>The earlier pairing “%1” is kept until its %n change waiting to be sent reaches the team master; then open it from File → Inbox source and disconnect from it in the File menu.</numerusform>
            <numerusform>The earlier pairing “%1” is kept until its %n changes waiting to be sent reach the team master; then open it from File → Inbox source and disconnect from it in the File menu.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::MessageDelegate</name>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (edited)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unknown error</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>New messages</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::PairDialog</name>
    <message>
        <source>Connect to a team master</source>
        <translation>Connect to a team master</translation>
    </message>
    <message>
        <source>Paste the pairing link your admin sent you (from “hiscrm-master pair”), or type the master&apos;s address and the code. The code works once, for 10 minutes.</source>
        <translation>Paste the pairing link your admin sent you (from “hiscrm-master pair”), or type the master&apos;s address and the code. The code works once, for 10 minutes.</translation>
    </message>
    <message>
        <source>Pairing &amp;link:</source>
        <translation>Pairing &amp;link:</translation>
    </message>
    <message>
        <source>hiscrm://pair?url=…&amp;code=…</source>
        <translation>hiscrm://pair?url=…&amp;code=…</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>team.example:7788</source>
        <translation>team.example:7788</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>XXXXX-XXXXX</source>
        <translation>XXXXX-XXXXX</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Certificate:</translation>
    </message>
    <message>
        <source>None: the connection is not encrypted (fine on a trusted office network or the same computer).</source>
        <translation>None: the connection is not encrypted (fine on a trusted office network or the same computer).</translation>
    </message>
    <message>
        <source>SHA-256 %1
Compare it with the one your admin sees; connect only if they are the same.</source>
        <translation>SHA-256 %1
Compare it with the one your admin sees; connect only if they are the same.</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>C&amp;onnect</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Type the pairing code, or paste the whole link.</source>
        <translation>Type the pairing code, or paste the whole link.</translation>
    </message>
    <message>
        <source>An encrypted (wss://) master needs its certificate&apos;s fingerprint: paste the whole link.</source>
        <translation>An encrypted (wss://) master needs its certificate&apos;s fingerprint: paste the whole link.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::SearchPanel</name>
    <message>
        <source>Search messages, comments and names (Ctrl+K)</source>
        <translation>Search messages, comments and names (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search messages, comments and names</source>
        <translation>Search messages, comments and names</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>Account filter</source>
        <translation>Account filter</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Direct messages</source>
        <translation>Direct messages</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Message kind filter</source>
        <translation>Message kind filter</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>All tags</translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation>Tag filter</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Custom range…</translation>
    </message>
    <message>
        <source>Date filter</source>
        <translation>Date filter</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>To date</translation>
    </message>
    <message>
        <source>Unread only</source>
        <translation>Unread only</translation>
    </message>
    <message>
        <source>Only unread messages and comments</source>
        <translation>Only unread messages and comments</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <source>Most relevant first</source>
        <translation>Most relevant first</translation>
    </message>
    <message>
        <source>Result order</source>
        <translation>Result order</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>From: %1</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Remove this filter</translation>
    </message>
    <message>
        <source>Sender filter: %1. Press to remove.</source>
        <translation>Sender filter: %1. Press to remove.</translation>
    </message>
    <message>
        <source>In: %1</source>
        <translation>In: %1</translation>
    </message>
    <message>
        <source>Search every conversation again</source>
        <translation>Search every conversation again</translation>
    </message>
    <message>
        <source>Conversation filter: %1. Press to remove.</source>
        <translation>Conversation filter: %1. Press to remove.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Search status</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>No results</translation>
    </message>
    <message numerus="yes">
        <source>%n+ results</source>
        <translation>
            <numerusform>%n+ results</numerusform>
            <numerusform>%n+ results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>account name (platform)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>conversation or video title · account name</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation>Close search (Esc)</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>Close search</translation>
    </message>
    <message>
        <source>%1 · archived</source>
        <comment>account name · the chat is archived</comment>
        <translation>%1 · archived</translation>
    </message>
    <message>
        <source>%1+</source>
        <comment>more than 99 unread</comment>
        <translation>%1+</translation>
    </message>
    <message>
        <source>Chats found by the person&apos;s name</source>
        <translation>Chats found by the person&apos;s name</translation>
    </message>
    <message>
        <source>Messages and comments</source>
        <translation>Messages and comments</translation>
    </message>
    <message numerus="yes">
        <source>Chats: the %n latest (type more of the name to narrow them down)</source>
        <translation>
            <numerusform>Chats: the %n latest (type more of the name to narrow them down)</numerusform>
            <numerusform>Chats: the %n latest (type more of the name to narrow them down)</numerusform>
        </translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message numerus="yes">
        <source>%n+ chats</source>
        <translation>
            <numerusform>%n+ chats</numerusform>
            <numerusform>%n+ chats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chats</source>
        <translation>
            <numerusform>%n chat</numerusform>
            <numerusform>%n chats</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, no messages or comments</source>
        <comment>chats found by name</comment>
        <translation>%1, no messages or comments</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>chats found by name, messages found</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>to</source>
        <comment>a date range: 2026/11/29 to 2026/12/5</comment>
        <translation>to</translation>
    </message>
    <message>
        <source>Messages and comments: none found</source>
        <translation>Messages and comments: none found</translation>
    </message>
    <message>
        <source>Type to search the messages and comments of “%1”.</source>
        <translation>Type to search the messages and comments of “%1”.</translation>
    </message>
    <message>
        <source>Type to search the messages and comments of every account, and your customers&apos; names. Chinese words of one or two characters work too; the filters above narrow the search.</source>
        <translation>Type to search the messages and comments of every account, and your customers&apos; names. Chinese words of one or two characters work too; the filters above narrow the search.</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::SearchResultsModel</name>
    <message>
        <source>Unknown sender</source>
        <translation>Unknown sender</translation>
    </message>
    <message>
        <source>Video comment</source>
        <translation>Video comment</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>Direct message</translation>
    </message>
    <message>
        <source>%1 in %2: %3</source>
        <translation>%1 in %2: %3</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Settings sections</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Quick replies</source>
        <translation>Quick replies</translation>
    </message>
    <message>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>Follow system</source>
        <translation>Follow system</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>The language of the application</source>
        <translation>The language of the application</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Data folder:</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Where the message database is kept. Leave empty for the default folder.</source>
        <translation>Where the message database is kept. Leave empty for the default folder.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Browse for the data folder</source>
        <translation>Browse for the data folder</translation>
    </message>
    <message>
        <source>Takes effect after restart</source>
        <translation>Takes effect after restart</translation>
    </message>
    <message>
        <source>Show desktop &amp;notifications for new messages</source>
        <translation>Show desktop &amp;notifications for new messages</translation>
    </message>
    <message>
        <source>Desktop notifications</source>
        <translation>Desktop notifications</translation>
    </message>
    <message>
        <source>Show message &amp;preview</source>
        <translation>Show message &amp;preview</translation>
    </message>
    <message>
        <source>Message preview in notifications</source>
        <translation>Message preview in notifications</translation>
    </message>
    <message>
        <source>Turn off when others can see your screen: notifications then only say that a message arrived.</source>
        <translation>Turn off when others can see your screen: notifications then only say that a message arrived.</translation>
    </message>
    <message>
        <source>Play a &amp;sound</source>
        <translation>Play a &amp;sound</translation>
    </message>
    <message>
        <source>Notification sound</source>
        <translation>Notification sound</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Add a quick reply</source>
        <translation>Add a quick reply</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>Edit the selected quick reply</source>
        <translation>Edit the selected quick reply</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Remove the selected quick reply</source>
        <translation>Remove the selected quick reply</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>Move the selected quick reply up</source>
        <translation>Move the selected quick reply up</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Move &amp;down</translation>
    </message>
    <message>
        <source>Move the selected quick reply down</source>
        <translation>Move the selected quick reply down</translation>
    </message>
    <message>
        <source>Quick replies are offered in the reply box. Double-click a reply to edit it; empty replies are dropped.</source>
        <translation>Quick replies are offered in the reply box. Double-click a reply to edit it; empty replies are dropped.</translation>
    </message>
    <message>
        <source>HisCRM Desk</source>
        <translation>HisCRM Desk</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Qt %1</source>
        <translation>Qt %1</translation>
    </message>
    <message>
        <source>SQLite %1</source>
        <translation>SQLite %1</translation>
    </message>
    <message>
        <source>A desktop inbox for operators of many social-media accounts: the direct messages and comments of every account in one place, searchable, kept on this computer.</source>
        <translation>A desktop inbox for operators of many social-media accounts: the direct messages and comments of every account in one place, searchable, kept on this computer.</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or later.</source>
        <translation>Free software under the GNU General Public License, version 3 or later.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>Choose the data folder</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>&amp;Keep running in the tray when the window is closed</translation>
    </message>
    <message>
        <source>Keep running in the tray</source>
        <translation>Keep running in the tray</translation>
    </message>
    <message>
        <source>New messages still arrive and notify while the window is closed; quit from the tray menu.</source>
        <translation>New messages still arrive and notify while the window is closed; quit from the tray menu.</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Theme:</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Follow system uses the desktop&apos;s own style and colours</source>
        <translation>Follow system uses the desktop&apos;s own style and colours</translation>
    </message>
    <message>
        <source>Text &amp;size:</source>
        <translation>Text &amp;size:</translation>
    </message>
    <message>
        <source>Default (%1 pt)</source>
        <translation>Default (%1 pt)</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>The size of the text in every window; Default follows the system</source>
        <translation>The size of the text in every window; Default follows the system</translation>
    </message>
    <message>
        <source>This run uses the language given on the command line (--lang). A language chosen here applies at once and is kept for the next starts.</source>
        <translation>This run uses the language given on the command line (--lang). A language chosen here applies at once and is kept for the next starts.</translation>
    </message>
    <message>
        <source>This run uses the folder given with --data-dir, which overrides this setting:
%1
A folder set here is used from the next start without --data-dir.</source>
        <translation>This run uses the folder given with --data-dir, which overrides this setting:
%1
A folder set here is used from the next start without --data-dir.</translation>
    </message>
    <message>
        <source>No system tray was found on this desktop, so closing the window quits HisCRM Desk.</source>
        <translation>No system tray was found on this desktop, so closing the window quits HisCRM Desk.</translation>
    </message>
    <message>
        <source>No system tray was found on this desktop, so notifications cannot pop up; when a message arrives, HisCRM Desk asks for attention in the taskbar instead.</source>
        <translation>No system tray was found on this desktop, so notifications cannot pop up; when a message arrives, HisCRM Desk asks for attention in the taskbar instead.</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::Sidebar</name>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>Awaiting reply</source>
        <translation>Awaiting reply</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Pinned</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>logged out</source>
        <translation>logged out</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>%1 on %2: %3</source>
        <translation>%1 on %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n unread chats</source>
        <translation>
            <numerusform>%n unread chat</numerusform>
            <numerusform>%n unread chats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chats waiting for your reply</source>
        <translation>
            <numerusform>%n chat waiting for your reply</numerusform>
            <numerusform>%n chats waiting for your reply</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread pinned chats</source>
        <translation>
            <numerusform>%n unread pinned chat</numerusform>
            <numerusform>%n unread pinned chats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread archived chats</source>
        <translation>
            <numerusform>%n unread archived chat</numerusform>
            <numerusform>%n unread archived chats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread comments</source>
        <translation>
            <numerusform>%n unread comment</numerusform>
            <numerusform>%n unread comments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread chats with this tag</source>
        <translation>
            <numerusform>%n unread chat with this tag</numerusform>
            <numerusform>%n unread chats with this tag</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread chats and comments</source>
        <translation>
            <numerusform>%n unread chat and comments</numerusform>
            <numerusform>%n unread chats and comments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::TagChipsLabel</name>
    <message>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::TagDialog</name>
    <message>
        <source>New tag</source>
        <translation>New tag</translation>
    </message>
    <message>
        <source>For example: VIP, After-sales, Wholesale</source>
        <translation>For example: VIP, After-sales, Wholesale</translation>
    </message>
    <message>
        <source>Tag name</source>
        <translation>Tag name</translation>
    </message>
    <message>
        <source>Colour %1</source>
        <translation>Colour %1</translation>
    </message>
    <message>
        <source>Create tag</source>
        <translation>Create tag</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Colour:</translation>
    </message>
    <message>
        <source>A tag named “%1” already exists.</source>
        <translation>A tag named “%1” already exists.</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ThreadModel</name>
    <message>
        <source>[Image]</source>
        <translation>[Image]</translation>
    </message>
    <message>
        <source>[Video]</source>
        <translation>[Video]</translation>
    </message>
    <message>
        <source>[File]</source>
        <translation>[File]</translation>
    </message>
    <message>
        <source>[Sticker]</source>
        <translation>[Sticker]</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>Message recalled</source>
        <translation>Message recalled</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Comment deleted</source>
        <translation>Comment deleted</translation>
    </message>
    <message>
        <source>Originally: %1</source>
        <translation>Originally: %1</translation>
    </message>
    <message>
        <source>Not sent: %1. Click Retry to send it again.</source>
        <translation>Not sent: %1. Click Retry to send it again.</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ThreadPane</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Write a reply — Enter sends, Shift+Enter starts a new line, / picks a quick reply</source>
        <translation>Write a reply — Enter sends, Shift+Enter starts a new line, / picks a quick reply</translation>
    </message>
    <message>
        <source>Quick replies (or type / in the reply box)</source>
        <translation>Quick replies (or type / in the reply box)</translation>
    </message>
    <message>
        <source>Insert a quick reply</source>
        <translation>Insert a quick reply</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Send the reply (Enter)</source>
        <translation>Send the reply (Enter)</translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation>Send the reply</translation>
    </message>
    <message>
        <source>Characters used of the platform&apos;s limit</source>
        <translation>Characters used of the platform&apos;s limit</translation>
    </message>
    <message>
        <source>First unread</source>
        <translation>First unread</translation>
    </message>
    <message>
        <source>Scroll up to the first message you have not read</source>
        <translation>Scroll up to the first message you have not read</translation>
    </message>
    <message>
        <source>No quick replies yet</source>
        <translation>No quick replies yet</translation>
    </message>
    <message>
        <source>Edit quick replies…</source>
        <translation>Edit quick replies…</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::TrayNotifier</name>
    <message>
        <source>New message</source>
        <translation>New message</translation>
    </message>
    <message numerus="yes">
        <source>HisCRM Desk — %n unread</source>
        <translation>
            <numerusform>HisCRM Desk — %n unread</numerusform>
            <numerusform>HisCRM Desk — %n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>HisCRM Desk</source>
        <translation>HisCRM Desk</translation>
    </message>
    <message>
        <source>&amp;Hide window</source>
        <translation>&amp;Hide window</translation>
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation>&amp;Show window</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>HisCRM Desk tray menu</source>
        <translation>HisCRM Desk tray menu</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::UserCardDialog</name>
    <message>
        <source>User card</source>
        <translation>User card</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>%1 ✔ verified</source>
        <translation>%1 ✔ verified</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Platform id:</source>
        <translation>Platform id:</translation>
    </message>
    <message>
        <source>(no signature)</source>
        <translation>(no signature)</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>Signature:</translation>
    </message>
    <message>
        <source>Followers:</source>
        <translation>Followers:</translation>
    </message>
    <message>
        <source>Following:</source>
        <translation>Following:</translation>
    </message>
    <message>
        <source>Videos:</source>
        <translation>Videos:</translation>
    </message>
    <message>
        <source>Conversations with %1 on every account:</source>
        <translation>Conversations with %1 on every account:</translation>
    </message>
    <message>
        <source>Conversations with this user</source>
        <translation>Conversations with this user</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archived)</translation>
    </message>
    <message>
        <source>Messages from %1</source>
        <translation>Messages from %1</translation>
    </message>
    <message>
        <source>Search everything %1 wrote, on every account, newest first</source>
        <translation>Search everything %1 wrote, on every account, newest first</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::WorkerSetupDialog</name>
    <message>
        <source>Connect your own crawler</source>
        <translation>Connect your own crawler</translation>
    </message>
    <message>
        <source>A crawler is a program that stays logged in to your real accounts (for example a browser-automation script your team runs) and hands their new messages and comments to this inbox. Replies you write here go back out through it.

Give the person who set up the crawler these two values. They stay the same every time you start HisCRM Desk, so a crawler set up once keeps working. Only programs on this computer can connect.</source>
        <translation>A crawler is a program that stays logged in to your real accounts (for example a browser-automation script your team runs) and hands their new messages and comments to this inbox. Replies you write here go back out through it.

Give the person who set up the crawler these two values. They stay the same every time you start HisCRM Desk, so a crawler set up once keeps working. Only programs on this computer can connect.</translation>
    </message>
    <message>
        <source>The address</source>
        <translation>The address</translation>
    </message>
    <message>
        <source>The key</source>
        <translation>The key</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Key:</translation>
    </message>
    <message>
        <source>Copy both</source>
        <translation>Copy both</translation>
    </message>
    <message>
        <source>Address: %1
Key: %2</source>
        <translation>Address: %1
Key: %2</translation>
    </message>
    <message>
        <source>Both copied to the clipboard.</source>
        <translation>Both copied to the clipboard.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copy %1</translation>
    </message>
    <message>
        <source>%1 was copied to the clipboard.</source>
        <translation>%1 was copied to the clipboard.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Database file [HISCRM_DB].</source>
        <translation>Database file [HISCRM_DB].</translation>
    </message>
    <message>
        <source>Address and port for workers, or &quot;none&quot; [HISCRM_LISTEN]. Default 127.0.0.1:%1.</source>
        <translation>Address and port for workers, or &quot;none&quot; [HISCRM_LISTEN]. Default 127.0.0.1:%1.</translation>
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
        <source>workers: not listening (--listen none)</source>
        <translation>workers: not listening (--listen none)</translation>
    </message>
    <message>
        <source>shutting down (signal %1)</source>
        <translation>shutting down (signal %1)</translation>
    </message>
    <message>
        <source>HisCRM Desk: every account&apos;s messages and comments in one inbox.</source>
        <translation>HisCRM Desk: every account&apos;s messages and comments in one inbox.</translation>
    </message>
    <message>
        <source>Start the demo connector (a simulated platform).</source>
        <translation>Start the demo connector (a simulated platform).</translation>
    </message>
    <message>
        <source>Keep the message history in this folder.</source>
        <translation>Keep the message history in this folder.</translation>
    </message>
    <message>
        <source>HisCRM Desk cannot start</source>
        <translation>HisCRM Desk cannot start</translation>
    </message>
    <message>
        <source>The message history could not be opened.

%1</source>
        <translation>The message history could not be opened.

%1</translation>
    </message>
    <message>
        <source>Language: zh_CN or en.</source>
        <translation>Language: zh_CN or en.</translation>
    </message>
    <message>
        <source>HISCRM_DEMO_RATE is set to “%1”.</source>
        <translation>HISCRM_DEMO_RATE is set to “%1”.</translation>
    </message>
    <message>
        <source>desktops: %1  (pair one with: hiscrm-master pair --name NAME)</source>
        <translation>desktops: %1  (pair one with: hiscrm-master pair --name NAME)</translation>
    </message>
    <message>
        <source>HisCRM master: stores what workers send, serves workers and paired desktops.
Admin commands (run them beside the running master): pair --name NAME [--role operator|admin|viewer] [--accounts ID,...]; devices list|revoke ID|rename ID NAME; accounts; backup DEST. Each takes --help.
Every option can also be set through the environment variable named in brackets.
Exit codes: 0 stopped by SIGINT or SIGTERM; 1 could not start (a database it refuses, a port in use, ...); 2 bad command line; 3 the database is damaged (it is left as it was).</source>
        <translation>HisCRM master: stores what workers send, serves workers and paired desktops.
Admin commands (run them beside the running master): pair --name NAME [--role operator|admin|viewer] [--accounts ID,...]; devices list|revoke ID|rename ID NAME; accounts; backup DEST. Each takes --help.
Every option can also be set through the environment variable named in brackets.
Exit codes: 0 stopped by SIGINT or SIGTERM; 1 could not start (a database it refuses, a port in use, ...); 2 bad command line; 3 the database is damaged (it is left as it was).</translation>
    </message>
    <message>
        <source>auto: serve wss:// with a self-signed certificate made and kept beside the database; off (default) [HISCRM_TLS].</source>
        <translation>auto: serve wss:// with a self-signed certificate made and kept beside the database; off (default) [HISCRM_TLS].</translation>
    </message>
    <message>
        <source>Serve wss:// with this PEM certificate (chain) [HISCRM_TLS_CERT].</source>
        <translation>Serve wss:// with this PEM certificate (chain) [HISCRM_TLS_CERT].</translation>
    </message>
    <message>
        <source>Its PEM private key [HISCRM_TLS_KEY].</source>
        <translation>Its PEM private key [HISCRM_TLS_KEY].</translation>
    </message>
    <message>
        <source>--tls takes auto or off.</source>
        <translation>--tls takes auto or off.</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together.</source>
        <translation>--tls-cert and --tls-key go together.</translation>
    </message>
    <message>
        <source>Cannot serve TLS: %1</source>
        <translation>Cannot serve TLS: %1</translation>
    </message>
    <message>
        <source>workers: %1  token: %2</source>
        <translation>workers: %1  token: %2</translation>
    </message>
    <message>
        <source>TLS certificate %1</source>
        <translation>TLS certificate %1</translation>
    </message>
    <message>
        <source>HisCRM Desk</source>
        <translation>HisCRM Desk</translation>
    </message>
    <message>
        <source>%1

The inbox on this computer opens instead.</source>
        <translation>%1

The inbox on this computer opens instead.</translation>
    </message>
    <message>
        <source>The copy of the team master&apos;s inbox could not be opened.

%1</source>
        <translation>The copy of the team master&apos;s inbox could not be opened.

%1</translation>
    </message>
    <message>
        <source>Database page cache per connection, in MB (1 to 1024) [HISCRM_CACHE_MB]. Default %1: a small server. Bulk imports of millions of messages run faster with 16.</source>
        <translation>Database page cache per connection, in MB (1 to 1024) [HISCRM_CACHE_MB]. Default %1: a small server. Bulk imports of millions of messages run faster with 16.</translation>
    </message>
    <message>
        <source>--cache-mb takes a number of megabytes from 1 to 1024.</source>
        <translation>--cache-mb takes a number of megabytes from 1 to 1024.</translation>
    </message>
</context>
</TS>
