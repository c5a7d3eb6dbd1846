<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Admin</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>all accounts</source>
        <translation>全部账号</translation>
    </message>
    <message>
        <source>accounts %1</source>
        <translation>账号 %1</translation>
    </message>
    <message>
        <source>pair needs --name NAME: the device&apos;s name as the devices list shows it.</source>
        <translation>pair 需要 --name 名称：设备列表中显示的设备名称。</translation>
    </message>
    <message>
        <source>--role takes operator, admin or viewer.</source>
        <translation>--role 只能是 operator、admin 或 viewer。</translation>
    </message>
    <message>
        <source>--accounts takes account numbers separated by commas (see hiscrm-master accounts).</source>
        <translation>--accounts 需要用逗号分隔的账号编号（见 hiscrm-master accounts）。</translation>
    </message>
    <message>
        <source>Pairing code for “%1” (%2, %3): %4</source>
        <translation>“%1”的配对码（%2，%3）：%4</translation>
    </message>
    <message>
        <source>It pairs one device and expires at %1.</source>
        <translation>它只能配对一台设备，将于 %1 过期。</translation>
    </message>
    <message>
        <source>No link: the master has not listened yet. Start it, or give --url ws://HOST:PORT/client.</source>
        <translation>没有链接：主服务还没有监听过。请先启动它，或提供 --url ws://主机:端口/client。</translation>
    </message>
    <message>
        <source>Link: %1</source>
        <translation>链接：%1</translation>
    </message>
    <message>
        <source>No devices are paired. Pair one with: hiscrm-master pair --name NAME</source>
        <translation>还没有配对的设备。用以下命令配对：hiscrm-master pair --name 名称</translation>
    </message>
    <message>
        <source>%1	%2	%3	%4	paired %5	last seen %6%7</source>
        <translation>%1	%2	%3	%4	配对于 %5	最近在线 %6%7</translation>
    </message>
    <message>
        <source>	revoked %1</source>
        <translation>	已吊销于 %1</translation>
    </message>
    <message>
        <source>Revoked device %1 “%2”: its connections close within a second and its token no longer works.</source>
        <translation>已吊销设备 %1“%2”：它的连接会在一秒内关闭，它的令牌从此失效。</translation>
    </message>
    <message>
        <source>Device %1 is now called “%2”.</source>
        <translation>设备 %1 现在叫“%2”。</translation>
    </message>
    <message>
        <source>Use: hiscrm-master devices list | revoke ID | rename ID NAME</source>
        <translation>用法：hiscrm-master devices list | revoke 编号 | rename 编号 名称</translation>
    </message>
    <message>
        <source>No accounts yet: they appear when a worker syncs them.</source>
        <translation>还没有账号：工作节点同步后它们就会出现。</translation>
    </message>
    <message>
        <source>hiscrm-master %1: run on the master&apos;s machine, while it runs or not.</source>
        <translation>hiscrm-master %1：在主服务所在的机器上运行，主服务运行与否均可。</translation>
    </message>
    <message>
        <source>Database file [HISCRM_DB].</source>
        <translation>数据库文件 [HISCRM_DB]。</translation>
    </message>
    <message>
        <source>The device&apos;s name.</source>
        <translation>设备名称。</translation>
    </message>
    <message>
        <source>operator (default), admin or viewer (reads only).</source>
        <translation>operator（默认）、admin 或 viewer（只读）。</translation>
    </message>
    <message>
        <source>The accounts it may see, by number (default: all).</source>
        <translation>它可以查看的账号编号（默认：全部）。</translation>
    </message>
    <message>
        <source>The address desktops reach the master at (default: where it listens).</source>
        <translation>桌面端连接主服务的地址（默认：主服务监听的地址）。</translation>
    </message>
    <message>
        <source>There is no database at %1. Start hiscrm-master once (or give --db).</source>
        <translation>%1 处没有数据库。请先启动一次 hiscrm-master（或提供 --db）。</translation>
    </message>
    <message>
        <source>Use: hiscrm-master backup DEST (a new file)</source>
        <translation>用法：hiscrm-master backup 目标文件（一个新文件）</translation>
    </message>
    <message>
        <source>Backed up to %1 (revision %2). To restore: stop the master, put the file in place of the database (remove its -wal and -shm files and its -search.db), start the master.</source>
        <translation>已备份到 %1（版本 %2）。恢复方法：停止主服务，用该文件替换数据库（删除它的 -wal、-shm 文件和 -search.db），再启动主服务。</translation>
    </message>
    <message>
        <source>NUMBER	PLATFORM	ACCOUNT ID	NAME</source>
        <translation>编号	平台	账号 ID	名称</translation>
    </message>
</context>
<context>
    <name>PairingLink</name>
    <message>
        <source>“%1” is not the address of a team master. It looks like team.example:7788, or wss://team.example:7788/client.</source>
        <translation>“%1”不是团队主控端的地址。地址形如 team.example:7788，或 wss://team.example:7788/client。</translation>
    </message>
    <message>
        <source>This is not a pairing link. The admin&apos;s “hiscrm-master pair” prints one that starts with hiscrm://pair?</source>
        <translation>这不是配对链接。管理员运行“hiscrm-master pair”会打印一个以 hiscrm://pair? 开头的链接。</translation>
    </message>
    <message>
        <source>The pairing link has no code. Copy the whole link the admin sent.</source>
        <translation>配对链接里没有配对码。请复制管理员发来的完整链接。</translation>
    </message>
    <message>
        <source>The pairing link has no certificate fingerprint, so this desktop could not tell the team master from an impostor. Copy the whole link the admin sent.</source>
        <translation>配对链接里没有证书指纹，本机无法分辨真正的团队主控端和冒充者。请复制管理员发来的完整链接。</translation>
    </message>
    <message>
        <source>The team master&apos;s certificate (%1) is not the one in the pairing link. Someone may be in between: nothing was sent. Ask the admin.</source>
        <translation>团队主控端的证书（%1）与配对链接中的不一致，可能有人在中间拦截：本机没有发送任何内容。请联系管理员。</translation>
    </message>
    <message>
        <source>The team master at %1 did not answer. Check the address and the network.</source>
        <translation>位于 %1 的团队主控端没有响应。请检查地址和网络。</translation>
    </message>
    <message>
        <source>The team master is refusing pairing codes for a minute after too many wrong ones. Try again in a minute.</source>
        <translation>错误的配对码太多，团队主控端在一分钟内拒绝配对。请一分钟后再试。</translation>
    </message>
    <message>
        <source>The team master refused the code: %1 Ask the admin for a new code.</source>
        <translation>团队主控端拒绝了这个配对码：%1 请向管理员要一个新的配对码。</translation>
    </message>
    <message>
        <source>The team master answered without a device token. Ask the admin.</source>
        <translation>团队主控端的应答里没有设备令牌。请联系管理员。</translation>
    </message>
    <message>
        <source>The team master at %1 could not be reached. Check the address and that the master is running.</source>
        <translation>无法连接位于 %1 的团队主控端。请检查地址，并确认主控端正在运行。</translation>
    </message>
    <message>
        <source>The team master does not know this pairing code. Check that it was typed as the admin gave it, or ask the admin for a new code.</source>
        <translation>团队主控端不认识这个配对码。请核对是否与管理员给你的完全一致，或向管理员要一个新的配对码。</translation>
    </message>
    <message>
        <source>This pairing code was used already: each code pairs one device. Ask the admin for a new code.</source>
        <translation>这个配对码已经用过了：每个配对码只能配对一台设备。请向管理员要一个新的配对码。</translation>
    </message>
    <message>
        <source>This pairing code has expired (a code lasts 10 minutes). Ask the admin for a new code.</source>
        <translation>这个配对码已过期（配对码 10 分钟内有效）。请向管理员要一个新的配对码。</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>钥匙串在 %1 秒内没有响应</translation>
    </message>
    <message>
        <source>The system keychain is not used.</source>
        <translation>未使用系统钥匙串。</translation>
    </message>
    <message>
        <source>The system keychain refused to keep the secret: %1</source>
        <translation>系统钥匙串拒绝保存该密钥：%1</translation>
    </message>
    <message>
        <source>This build has no system keychain support.</source>
        <translation>此版本不支持系统钥匙串。</translation>
    </message>
    <message>
        <source>The system keychain did not give the secret: %1</source>
        <translation>系统钥匙串没有给出该密钥：%1</translation>
    </message>
    <message>
        <source>The system keychain did not delete the secret: %1</source>
        <translation>系统钥匙串没有删除该密钥：%1</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>The file is not a HisCRM database (it is not a SQLite database, or it is damaged beyond repair). Move it away or choose another data folder.</source>
        <translation>该文件不是 HisCRM 数据库（不是 SQLite 数据库，或已损坏到无法修复）。请将其移走，或选择其他数据文件夹。</translation>
    </message>
    <message>
        <source>The database file is damaged. Restore it from a backup, or move it away to start with an empty history.</source>
        <translation>数据库文件已损坏。请从备份恢复，或将其移走后以空的历史记录重新开始。</translation>
    </message>
    <message>
        <source>The database file cannot be read: %1</source>
        <translation>无法读取数据库文件：%1</translation>
    </message>
    <message>
        <source>The file is a SQLite database of another application, not a HisCRM database. Choose another file or data folder; the file was left untouched.</source>
        <translation>该文件是其他应用的 SQLite 数据库，不是 HisCRM 数据库。请选择其他文件或数据文件夹；该文件未被改动。</translation>
    </message>
    <message>
        <source>The database was written by a newer version of HisCRM Desk (schema %1; this version knows up to %2). Update the app to open it.</source>
        <translation>该数据库由更新版本的 HisCRM Desk 写入（结构版本 %1；当前版本最高支持 %2）。请升级应用后再打开。</translation>
    </message>
    <message>
        <source>The disk is full; nothing was saved. Free some space and try again.</source>
        <translation>磁盘已满，未保存任何内容。请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>The database cannot be written (%1). Check the data folder&apos;s permissions.</source>
        <translation>无法写入数据库（%1）。请检查数据文件夹的权限。</translation>
    </message>
    <message>
        <source>The database stayed busy for too long; nothing was changed. Try again.</source>
        <translation>数据库长时间繁忙，未做任何更改。请重试。</translation>
    </message>
    <message>
        <source>The database file is damaged (%1). Restore a backup or move the file away.</source>
        <translation>数据库文件已损坏（%1）。请恢复备份或将该文件移走。</translation>
    </message>
    <message>
        <source>The file is not a HisCRM database.</source>
        <translation>该文件不是 HisCRM 数据库。</translation>
    </message>
    <message>
        <source>The search was cancelled.</source>
        <translation>搜索已取消。</translation>
    </message>
    <message>
        <source>The change conflicts with existing data: %1</source>
        <translation>此更改与现有数据冲突：%1</translation>
    </message>
    <message>
        <source>Unexpected database error: %1</source>
        <translation>意外的数据库错误：%1</translation>
    </message>
    <message>
        <source>This connection is read-only; send changes through the master.</source>
        <translation>此连接为只读；请通过主服务提交更改。</translation>
    </message>
    <message>
        <source>The database %1 does not exist yet.</source>
        <translation>数据库 %1 尚不存在。</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2. Check that the folder exists and is writable.</source>
        <translation>无法打开数据库 %1：%2。请检查文件夹是否存在且可写。</translation>
    </message>
    <message>
        <source>Full-text search is unavailable: %1</source>
        <translation>全文搜索不可用：%1</translation>
    </message>
    <message>
        <source>The database %1 cannot use write-ahead logging; is it on a network drive? Choose a local data folder.</source>
        <translation>数据库 %1 无法使用预写日志（WAL），它是否位于网络驱动器上？请选择本地数据文件夹。</translation>
    </message>
    <message>
        <source>The database has not been upgraded yet (schema %1 of %2); start the master first.</source>
        <translation>数据库尚未升级（结构版本 %1/%2）；请先启动主服务。</translation>
    </message>
    <message>
        <source>No %1 with id %2 exists; it may have been deleted. Refresh and try again.</source>
        <translation>不存在 id 为 %2 的%1，可能已被删除。请刷新后重试。</translation>
    </message>
    <message>
        <source>A tag name needs 1 to %1 characters.</source>
        <translation>标签名称需要 1 到 %1 个字符。</translation>
    </message>
    <message>
        <source>A tag colour is written #rrggbb, for example #e0533d.</source>
        <translation>标签颜色的格式为 #rrggbb，例如 #e0533d。</translation>
    </message>
    <message>
        <source>Message %1 is not in conversation %2.</source>
        <translation>消息 %1 不在会话 %2 中。</translation>
    </message>
    <message>
        <source>Comment %1 is not under video %2.</source>
        <translation>评论 %1 不属于视频 %2。</translation>
    </message>
    <message>
        <source>A mute needs a time in the future, or 0 to unmute.</source>
        <translation>免打扰需要一个将来的时间，或用 0 取消免打扰。</translation>
    </message>
    <message>
        <source>A tag named “%1” already exists.</source>
        <translation>名为“%1”的标签已存在。</translation>
    </message>
    <message>
        <source>A reply needs 1 to %1 characters of text.</source>
        <translation>回复内容需要 1 到 %1 个字符。</translation>
    </message>
    <message>
        <source>A reply needs a command id of 1 to %1 characters.</source>
        <translation>回复需要 1 到 %1 个字符的命令 id。</translation>
    </message>
    <message>
        <source>The reply&apos;s time is out of range.</source>
        <translation>回复的时间超出范围。</translation>
    </message>
    <message>
        <source>A reply&apos;s state is pending, sent or failed.</source>
        <translation>回复的状态只能是待发送、已发送或发送失败。</translation>
    </message>
    <message>
        <source>Item %1 is not a reply sent from here.</source>
        <translation>条目 %1 不是从这里发出的回复。</translation>
    </message>
    <message>
        <source>A change cursor is never negative.</source>
        <translation>变更游标不能为负数。</translation>
    </message>
    <message>
        <source>Unknown entity “%1”.</source>
        <translation>未知的实体“%1”。</translation>
    </message>
    <message>
        <source>The batch holds %1 records; send at most %2 per batch.</source>
        <translation>该批次包含 %1 条记录；每批最多发送 %2 条。</translation>
    </message>
    <message>
        <source>The message no longer exists.</source>
        <translation>该消息已不存在。</translation>
    </message>
    <message>
        <source>The search cursor is not valid; start the search again from the first page.</source>
        <translation>搜索游标无效；请从第一页重新搜索。</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>The search index is still being built; search again in a moment. (It is built by the master: is it running?)</source>
        <translation>搜索索引仍在建立中，请稍后再搜索。（索引由主控端建立：它在运行吗？）</translation>
    </message>
    <message>
        <source>The database file %1 is damaged (%2), so HisCRM does not write to it. Restore it from a backup, or move it aside (with its -wal and -shm files) to start with an empty history.</source>
        <translation>数据库文件 %1 已损坏（%2），HisCRM 不会再写入它。请从备份恢复，或者把它（连同它的 -wal 和 -shm 文件）移到别处，以空的历史记录重新开始。</translation>
    </message>
    <message>
        <source>HisCRM cannot create files in the folder %1, but it keeps the database&apos;s write-ahead log there (%2-wal and %2-shm). Make the folder writable, or choose another data folder.</source>
        <translation>HisCRM 无法在文件夹 %1 中创建文件，而数据库的预写日志（%2-wal 和 %2-shm）需要放在那里。请让该文件夹可写，或选择另一个数据文件夹。</translation>
    </message>
    <message>
        <source>The search index is damaged and is being rebuilt from the history; search again in a moment.</source>
        <translation>搜索索引已损坏，正在根据历史记录重建；请稍后再搜索。</translation>
    </message>
    <message>
        <source>The database file %1 is read-only, but HisCRM must write to it. Make it writable (its permissions, or its Read-only attribute), or choose another data folder.</source>
        <translation>数据库文件 %1 是只读的，但 HisCRM 需要写入它。请让它可写（修改权限或“只读”属性），或选择另一个数据文件夹。</translation>
    </message>
    <message>
        <source>%1[%2].%3 is missing; every record needs its platform ids.</source>
        <translation>%1[%2].%3 缺失；每条记录都需要平台 id。</translation>
    </message>
    <message>
        <source>%1[%2].%3 has %4 characters; at most %5 are accepted.</source>
        <translation>%1[%2].%3 有 %4 个字符；最多接受 %5 个。</translation>
    </message>
    <message>
        <source>%1[%2].%3 contains an unpaired UTF-16 surrogate; text must be valid Unicode.</source>
        <translation>%1[%2].%3 含有不成对的 UTF-16 代理项；文本必须是有效的 Unicode。</translation>
    </message>
    <message>
        <source>%1[%2].created_at (%3) is not a time in milliseconds since 1970 before the year 2200 (1 to %4).</source>
        <translation>%1[%2].created_at（%3）不是 1970 年以来、2200 年之前的毫秒时间（1 到 %4）。</translation>
    </message>
    <message>
        <source>The batch must name its platform in 1 to 64 characters of valid Unicode.</source>
        <translation>批次必须用 1 到 64 个有效 Unicode 字符写明平台。</translation>
    </message>
    <message>
        <source>A device name has 1 to %1 characters.</source>
        <translation>设备名称需要 1 到 %1 个字符。</translation>
    </message>
    <message>
        <source>The device name is not valid text.</source>
        <translation>设备名称不是有效的文本。</translation>
    </message>
    <message>
        <source>There is no device %1. List the devices to see their numbers.</source>
        <translation>没有设备 %1。请列出设备查看它们的编号。</translation>
    </message>
    <message>
        <source>There is no account %1. List the accounts to see their numbers.</source>
        <translation>没有账号 %1。请列出账号查看它们的编号。</translation>
    </message>
    <message>
        <source>The pairing code is wrong. Check it, or ask your admin for a new one.</source>
        <translation>配对码不正确。请检查，或向管理员要一个新的。</translation>
    </message>
    <message>
        <source>The pairing code was used already: each code pairs one device. Ask your admin for a new one.</source>
        <translation>该配对码已经用过：每个配对码只能配对一台设备。请向管理员要一个新的。</translation>
    </message>
    <message>
        <source>The pairing code has expired. Ask your admin for a new one.</source>
        <translation>该配对码已过期。请向管理员要一个新的。</translation>
    </message>
    <message>
        <source>The backup failed: %1. Nothing was written at the destination.</source>
        <translation>备份失败：%1。目标位置没有写入任何内容。</translation>
    </message>
    <message>
        <source>%1 exists already; choose a new file name for the backup.</source>
        <translation>%1 已存在；请为备份选择一个新的文件名。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>the copy does not pass SQLite&apos;s check (%1)</source>
        <translation>副本没有通过 SQLite 的检查（%1）</translation>
    </message>
    <message>
        <source>the copy could not be closed</source>
        <translation>无法关闭副本</translation>
    </message>
    <message>
        <source>cannot name the copy %1</source>
        <translation>无法将副本命名为 %1</translation>
    </message>
    <message>
        <source>The team master sent a %1 (id %2, revision %3) that cannot be read: %4.</source>
        <translation>团队主控端发来的 %1（id %2，版本 %3）无法读取：%4。</translation>
    </message>
    <message>
        <source>The team master&apos;s changes go back to revision %1; this copy is at %2.</source>
        <translation>团队主控端的变更回退到了版本 %1；本机副本已在版本 %2。</translation>
    </message>
    <message>
        <source>The team master sent a change (revision %1) beyond the page&apos;s end (%2).</source>
        <translation>团队主控端发来的变更（版本 %1）超出了本页的结尾（%2）。</translation>
    </message>
    <message>
        <source>There is no %1 %2 in this desktop&apos;s copy of the team inbox.</source>
        <translation>本机的团队收件箱副本中没有%1 %2。</translation>
    </message>
    <message>
        <source>“%1” needs the team master&apos;s answer: connect first, then try again.</source>
        <translation>“%1”需要团队主控端的应答：请先连接，再重试。</translation>
    </message>
    <message>
        <source>A command needs an id of 1 to %1 characters.</source>
        <translation>命令需要 1 到 %1 个字符的 id。</translation>
    </message>
    <message>
        <source>A mute needs a time in the future, or -1 for until unmuted.</source>
        <translation>免打扰需要一个将来的时间，或用 -1 表示直到取消。</translation>
    </message>
</context>
<context>
    <name>TeamPairings</name>
    <message>
        <source>The pairing with the team master in %1 is missing or unreadable. Connect to the team master again.</source>
        <translation>%1 中与团队主控端的配对信息缺失或无法读取。请重新连接团队主控端。</translation>
    </message>
    <message>
        <source>The pairing with the team master in %1 is damaged. Disconnect it and connect again.</source>
        <translation>%1 中与团队主控端的配对信息已损坏。请断开后重新连接。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the team master&apos;s inbox. Check that the data folder is writable.</source>
        <translation>无法为团队主控端的收件箱创建文件夹 %1。请检查数据文件夹是否可写。</translation>
    </message>
    <message>
        <source>Cannot keep the device token in %1.</source>
        <translation>无法在 %1 中保存设备令牌。</translation>
    </message>
    <message>
        <source>Cannot save the pairing in %1.</source>
        <translation>无法在 %1 中保存配对信息。</translation>
    </message>
    <message>
        <source>Cannot delete %1. Close other programs that use it and try again.</source>
        <translation>无法删除 %1。请关闭正在使用它的其他程序后重试。</translation>
    </message>
    <message>
        <source>The device token for the team master %1 could not be read from the system keychain (%2). Unlock the keychain and start again, or disconnect and pair again.</source>
        <translation>无法从系统钥匙串读取团队主控端 %1 的设备令牌（%2）。请解锁钥匙串后重新启动，或断开连接后重新配对。</translation>
    </message>
</context>
<context>
    <name>Tls</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>No PEM certificate in %1.</source>
        <translation>%1 中没有 PEM 证书。</translation>
    </message>
    <message>
        <source>No unencrypted PEM private key (EC or RSA) for %1.</source>
        <translation>没有 %1 对应的未加密 PEM 私钥（EC 或 RSA）。</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>无法创建 %1。</translation>
    </message>
    <message>
        <source>OpenSSL could not make a certificate.</source>
        <translation>OpenSSL 无法生成证书。</translation>
    </message>
    <message>
        <source>Cannot store the certificate in %1.</source>
        <translation>无法把证书保存到 %1。</translation>
    </message>
</context>
<context>
    <name>hiscrm::master::LocalMasterLink</name>
    <message>
        <source>The master has stopped.</source>
        <translation>主服务已停止。</translation>
    </message>
</context>
<context>
    <name>hiscrm::master::Master</name>
    <message>
        <source>The argument “%1” is missing.</source>
        <translation>缺少参数“%1”。</translation>
    </message>
    <message>
        <source>The argument “%1” must be a whole number.</source>
        <translation>参数“%1”必须是整数。</translation>
    </message>
    <message>
        <source>The argument “%1” must be text.</source>
        <translation>参数“%1”必须是文本。</translation>
    </message>
    <message>
        <source>The argument “%1” must be a list of ids.</source>
        <translation>参数“%1”必须是 id 列表。</translation>
    </message>
    <message>
        <source>“%1” is not an IP address to listen on.</source>
        <translation>“%1”不是可监听的 IP 地址。</translation>
    </message>
    <message>
        <source>The master is not running.</source>
        <translation>主服务未在运行。</translation>
    </message>
    <message>
        <source>The connector %1 stopped; it is being restarted.</source>
        <translation>连接器 %1 已停止，正在重新启动。</translation>
    </message>
    <message>
        <source>A command id has at most 128 characters.</source>
        <translation>命令 id 最多 128 个字符。</translation>
    </message>
    <message>
        <source>A mute needs a time in the future, or -1 for until unmuted.</source>
        <translation>免打扰需要一个将来的时间，或用 -1 表示直到手动取消。</translation>
    </message>
    <message>
        <source>A reply goes to a conversation (conversation_id) or under a video (content_id).</source>
        <translation>回复需要发往一个会话（conversation_id）或一个视频下（content_id）。</translation>
    </message>
    <message>
        <source>There is no reply %1 to retry.</source>
        <translation>没有可重试的回复 %1。</translation>
    </message>
    <message>
        <source>The reply was already sent.</source>
        <translation>该回复已发送。</translation>
    </message>
    <message>
        <source>Ask for one user (user_id) or several (user_ids).</source>
        <translation>请查询一个用户（user_id）或多个用户（user_ids）。</translation>
    </message>
    <message>
        <source>There is no user %1.</source>
        <translation>不存在用户 %1。</translation>
    </message>
    <message>
        <source>Unknown operation “%1”.</source>
        <translation>未知操作“%1”。</translation>
    </message>
    <message>
        <source>The argument “%1” contains an unpaired UTF-16 surrogate; text must be valid Unicode.</source>
        <translation>参数“%1”含有不成对的 UTF-16 代理项；文本必须是有效的 Unicode。</translation>
    </message>
    <message>
        <source>The argument “%1” must be an id: a whole number from 1 to 2^53 − 1.</source>
        <translation>参数“%1”必须是 id：1 到 2^53 − 1 之间的整数。</translation>
    </message>
    <message>
        <source>The argument “%1” must be true or false.</source>
        <translation>参数“%1”只能是 true 或 false。</translation>
    </message>
    <message>
        <source>The argument “%1” must be one of: %2.</source>
        <translation>参数“%1”只能是以下之一：%2。</translation>
    </message>
    <message>
        <source>The argument “%1” has %2 characters; at most %3 are accepted.</source>
        <translation>参数“%1”有 %2 个字符，最多接受 %3 个。</translation>
    </message>
    <message>
        <source>This device may only read: “%1” changes something.</source>
        <translation>此设备只能读取：“%1”会更改数据。</translation>
    </message>
    <message>
        <source>Only an admin device may ask for the master&apos;s status.</source>
        <translation>只有管理员设备可以查询主服务的状态。</translation>
    </message>
    <message>
        <source>unread_summary counts every account; a device that sees some of them counts its own replica instead.</source>
        <translation>unread_summary 统计所有账号；只能查看部分账号的设备请改用自己副本中的数据统计。</translation>
    </message>
    <message>
        <source>Account %1 is outside this device&apos;s accounts.</source>
        <translation>账号 %1 不在此设备可查看的账号之内。</translation>
    </message>
    <message>
        <source>User %1 is not seen in this device&apos;s accounts.</source>
        <translation>用户 %1 没有出现在此设备可查看的账号中。</translation>
    </message>
    <message>
        <source>%1 %2 belongs to an account outside this device&apos;s accounts.</source>
        <translation>%1 %2 属于此设备可查看范围之外的账号。</translation>
    </message>
</context>
<context>
    <name>hiscrm::master::WorkerServer</name>
    <message>
        <source>Cannot listen for workers on %1 port %2: %3</source>
        <translation>无法在 %1 的端口 %2 上监听工作节点：%3</translation>
    </message>
    <message>
        <source>Refusing to listen for workers on %1: without encryption the master listens only on this computer (127.0.0.1 or ::1). Serve TLS (--tls auto, or a certificate), or allow other addresses explicitly if the network is trusted.</source>
        <translation>拒绝在 %1 上监听工作节点：未加密时主服务只在本机（127.0.0.1 或 ::1）监听。请启用 TLS（--tls auto 或提供证书），或者在网络可信时明确允许其他地址。</translation>
    </message>
    <message>
        <source>TLS is not available on this platform yet; put the master behind a TLS proxy.</source>
        <translation>此平台暂不支持 TLS；请把主服务放在 TLS 代理之后。</translation>
    </message>
</context>
<context>
    <name>hiscrm::sync::SyncEngine</name>
    <message>
        <source>Not connected to the team master.</source>
        <translation>未连接到团队主控端。</translation>
    </message>
    <message>
        <source>This desktop shows a team master&apos;s inbox: crawlers connect to the team master, not to this desktop. Ask the admin.</source>
        <translation>本机显示的是团队主控端的收件箱：采集程序应连接团队主控端，而不是本机。请联系管理员。</translation>
    </message>
    <message>
        <source>The team master&apos;s certificate is not the one this desktop was paired with (%1). Someone may be in between: ask the admin, then pair again.</source>
        <translation>团队主控端的证书与本机配对时的不一致（%1），可能有人在中间拦截：请联系管理员，然后重新配对。</translation>
    </message>
    <message>
        <source>The connection to the team master was lost before it answered.</source>
        <translation>团队主控端应答之前，连接已断开。</translation>
    </message>
    <message>
        <source>The team master no longer accepts this desktop (%1). Pair it again with a new code from the admin.</source>
        <translation>团队主控端不再接受本机（%1）。请向管理员要一个新的配对码重新配对。</translation>
    </message>
    <message>
        <source>The team master does not recognise this desktop&apos;s copy (it was restored from an older backup, or replaced): the copy is being rebuilt.</source>
        <translation>团队主控端不认识本机的副本（它从较旧的备份恢复过，或已被替换）：正在重建副本。</translation>
    </message>
    <message>
        <source>The team master sent changes this version cannot read (%1). Update the app, or ask the admin.</source>
        <translation>团队主控端发来的变更当前版本无法读取（%1）。请升级应用，或联系管理员。</translation>
    </message>
    <message>
        <source>This desktop was disconnected from the team master by its admin (device revoked). Ask the admin for a new pairing code.</source>
        <translation>管理员已将本机从团队主控端断开（设备已吊销）。请向管理员要一个新的配对码。</translation>
    </message>
    <message>
        <source>The team master does not know this desktop&apos;s token. Pair it again with a new code from the admin.</source>
        <translation>团队主控端不认识本机的令牌。请向管理员要一个新的配对码重新配对。</translation>
    </message>
    <message>
        <source>The connection to the team master was lost.</source>
        <translation>与团队主控端的连接已断开。</translation>
    </message>
    <message>
        <source>The team master closed the connection: %1</source>
        <translation>团队主控端关闭了连接：%1</translation>
    </message>
    <message>
        <source>The desktop is closing.</source>
        <translation>桌面端正在关闭。</translation>
    </message>
    <message>
        <source>Reconnecting.</source>
        <translation>正在重新连接。</translation>
    </message>
    <message>
        <source>This desktop may not do that: the chat is not among the accounts the admin gave it, or its role does not allow it.</source>
        <translation>本机不能这样做：这个会话不在管理员分配给本机的账号中，或本机的角色不允许。</translation>
    </message>
    <message>
        <source>The team master does not have it (any more): it may have been deleted on another desktop.</source>
        <translation>团队主控端上（已）没有它：可能已在另一台电脑上被删除。</translation>
    </message>
    <message>
        <source>The team master did not accept it: %1</source>
        <translation>团队主控端没有接受：%1</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::AppSession</name>
    <message>
        <source>Cannot create the data folder %1. Choose a folder you can write to in Settings, or start with --data-dir.</source>
        <translation>无法创建数据文件夹 %1。请在设置中选择一个可写入的文件夹，或使用 --data-dir 启动。</translation>
    </message>
    <message>
        <source>The inbox is not running.</source>
        <translation>收件箱没有在运行。</translation>
    </message>
    <message>
        <source>Cannot move %1 aside in the folder %2. Check that no other program uses it and that the folder is writable.</source>
        <translation>无法在文件夹 %2 中移开 %1。请确认没有其他程序在使用它，并且该文件夹可写。</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ChatMatchesModel</name>
    <message>
        <source>Chat with %1 on %2</source>
        <comment>person, account</comment>
        <translation>与 %1 的聊天（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n 条未读</numerusform>
        </translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ContentListModel</name>
    <message>
        <source>Untitled video</source>
        <translation>无标题视频</translation>
    </message>
    <message>
        <source>%1
Account: %2</source>
        <translation>%1
账号：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n comments</source>
        <translation>
            <numerusform>%n 条评论</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread comments, latest: %2</source>
        <translation>
            <numerusform>%1，%n 条未读评论，最新：%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n comments, latest: %2</source>
        <translation>
            <numerusform>%1，%n 条评论，最新：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Comment recalled</source>
        <translation>评论已撤回</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>comment author: comment text</comment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ConversationController</name>
    <message>
        <source>mark it read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>mark it unread</source>
        <translation>标为未读</translation>
    </message>
    <message>
        <source>mark the comments read</source>
        <translation>将评论标为已读</translation>
    </message>
    <message>
        <source>pin the conversation</source>
        <translation>置顶会话</translation>
    </message>
    <message>
        <source>unpin the conversation</source>
        <translation>取消置顶会话</translation>
    </message>
    <message>
        <source>archive the conversation</source>
        <translation>归档会话</translation>
    </message>
    <message>
        <source>unarchive the conversation</source>
        <translation>取消归档会话</translation>
    </message>
    <message>
        <source>mute the conversation</source>
        <translation>对会话开启免打扰</translation>
    </message>
    <message>
        <source>unmute the conversation</source>
        <translation>取消会话免打扰</translation>
    </message>
    <message>
        <source>add the tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>remove the tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>create the tag</source>
        <translation>创建标签</translation>
    </message>
    <message>
        <source>send the reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>retry the reply</source>
        <translation>重试回复</translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation>未选择会话</translation>
    </message>
    <message>
        <source>Pick a chat, or press %1 to search.</source>
        <translation>在列表中选择一个会话，或按 %1 搜索。</translation>
    </message>
    <message>
        <source>Direct messages · %1</source>
        <translation>私信 · %1</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>已免打扰</translation>
    </message>
    <message>
        <source>Comments on your video</source>
        <translation>你的视频收到的评论</translation>
    </message>
    <message>
        <source>Replying to %1: “%2”</source>
        <translation>回复 %1：“%2”</translation>
    </message>
    <message>
        <source>Replying to the video; select a comment to answer it.</source>
        <translation>正在回复视频；选中一条评论即可回复该评论。</translation>
    </message>
    <message>
        <source>The reply is %1 characters long; the platform takes at most %2. Shorten it and send again.</source>
        <translation>回复有 %1 个字，平台最多允许 %2 个字。请删减后再发送。</translation>
    </message>
    <message>
        <source>Sending the reply again…</source>
        <translation>正在重新发送回复…</translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation>无法执行 %1：%2</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>取消归档</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>取消免打扰</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>免打扰</translation>
    </message>
    <message>
        <source>User card</source>
        <translation>用户名片</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Mark unread</source>
        <translation>标为未读</translation>
    </message>
    <message>
        <source>Muted until you unmute it</source>
        <translation>免打扰，直到你手动取消</translation>
    </message>
    <message>
        <source>Muted until %1</source>
        <translation>免打扰至 %1</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>For 8 hours</source>
        <translation>8 小时</translation>
    </message>
    <message>
        <source>For 1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>Until I unmute</source>
        <translation>直到手动取消</translation>
    </message>
    <message>
        <source>New tag…</source>
        <translation>新建标签…</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>新建标签</translation>
    </message>
    <message>
        <source>Done on this desktop; it goes to the team master when the connection is back.</source>
        <translation>已在本机完成；连接恢复后会发送到团队主控端。</translation>
    </message>
    <message>
        <source>Messages from %1</source>
        <translation>%1 的全部消息</translation>
    </message>
    <message>
        <source>muted until %1</source>
        <translation>免打扰至 %1</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ConversationDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>%1m</source>
        <comment>waiting time in minutes</comment>
        <translation>%1分钟</translation>
    </message>
    <message>
        <source>%1h</source>
        <comment>waiting time in hours</comment>
        <translation>%1小时</translation>
    </message>
    <message>
        <source>%1d</source>
        <comment>waiting time in days</comment>
        <translation>%1天</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>草稿：</translation>
    </message>
    <message>
        <source>You:</source>
        <translation>你：</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ConversationListModel</name>
    <message>
        <source>%1
Account: %2</source>
        <translation>%1
账号：%2</translation>
    </message>
    <message>
        <source>no messages</source>
        <translation>暂无消息</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread, last message: %2</source>
        <translation>
            <numerusform>%1，%n 条未读，最新消息：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, last message: %2</source>
        <translation>%1，最新消息：%2</translation>
    </message>
    <message>
        <source>Message recalled</source>
        <translation>消息已撤回</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::DamageDialog</name>
    <message>
        <source>The message history is damaged</source>
        <translation>消息历史记录已损坏</translation>
    </message>
    <message>
        <source>HisCRM Desk cannot start</source>
        <translation>HisCRM Desk 无法启动</translation>
    </message>
    <message>
        <source>The message history is damaged. HisCRM Desk has stopped saving new messages and actions to it.</source>
        <translation>消息历史记录已损坏。HisCRM Desk 已停止向其中保存新消息和操作。</translation>
    </message>
    <message>
        <source>The message history is damaged, so HisCRM Desk cannot open it.</source>
        <translation>消息历史记录已损坏，HisCRM Desk 无法打开它。</translation>
    </message>
    <message>
        <source>HisCRM Desk keeps no backup of its own. If you have a backup of the data folder %1, quit and put hiscrm.db back from it, without the hiscrm.db-wal and hiscrm.db-shm files next to it.</source>
        <translation>HisCRM Desk 自身不保留备份。如果你有数据文件夹 %1 的备份，请退出，然后从备份中放回 hiscrm.db，并且不要保留它旁边的 hiscrm.db-wal 和 hiscrm.db-shm 文件。</translation>
    </message>
    <message>
        <source>Move the damaged file aside and start with an empty history</source>
        <translation>把损坏的文件移到一边，以空的历史记录开始</translation>
    </message>
    <message>
        <source>The files stay in the data folder as hiscrm.db.damaged-&lt;date&gt;; HisCRM Desk starts again at once.</source>
        <translation>这些文件会以 hiscrm.db.damaged-&lt;日期&gt; 的名字留在数据文件夹中；HisCRM Desk 会立即重新启动。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Restore the history from your backup, then start HisCRM Desk again.</source>
        <translation>请从你的备份恢复历史记录，然后重新启动 HisCRM Desk。</translation>
    </message>
    <message>
        <source>Keep reading</source>
        <translation>继续阅读</translation>
    </message>
    <message>
        <source>The window stays open; nothing you do or receive is saved.</source>
        <translation>窗口保持打开；你的操作和收到的消息都不会被保存。</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::DraftStore</name>
    <message>
        <source>Drafts could not be saved to %1: %2</source>
        <translation>草稿无法保存到 %1：%2</translation>
    </message>
    <message>
        <source>Drafts could not be read from %1: %2</source>
        <translation>无法从 %1 读取草稿：%2</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::InboxListModel</name>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::InboxListView</name>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n 条新动态</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the new activity at the top of the list</source>
        <translation>在列表顶部显示新动态</translation>
    </message>
    <message numerus="yes">
        <source>%n conversations with new activity; press to show them</source>
        <translation>
            <numerusform>%n 个会话有新动态，按下即可显示</numerusform>
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
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>会话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
    <message>
        <source>Find in conversation…</source>
        <translation>在会话中查找…</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>上一个会话</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>下一个会话</translation>
    </message>
    <message>
        <source>Next unread</source>
        <translation>下一个未读会话</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>关闭搜索</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Mark unread</source>
        <translation>标为未读</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>复制消息</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>重试发送</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>About HisCRM Desk</source>
        <translation>关于 HisCRM Desk</translation>
    </message>
    <message>
        <source>Welcome to HisCRM Desk</source>
        <translation>欢迎使用 HisCRM Desk</translation>
    </message>
    <message>
        <source>Start the demo</source>
        <translation>启动演示</translation>
    </message>
    <message>
        <source>Views and accounts</source>
        <translation>视图和账号</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Videos with comments</source>
        <translation>有评论的视频</translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>新消息</translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation>无法执行 %1：%2</translation>
    </message>
    <message>
        <source>No unread conversation in this view.</source>
        <translation>此视图中没有未读会话。</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>action (shortcut)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Search all messages and comments</source>
        <translation>搜索全部私信和评论</translation>
    </message>
    <message>
        <source>Search in this conversation</source>
        <translation>在此会话中搜索</translation>
    </message>
    <message>
        <source>Write a reply</source>
        <translation>写回复</translation>
    </message>
    <message>
        <source>Put the caret in the reply box</source>
        <translation>把光标放到回复框</translation>
    </message>
    <message>
        <source>Add or remove tags</source>
        <translation>添加或移除标签</translation>
    </message>
    <message>
        <source>Mark all in this view read…</source>
        <translation>将此视图全部标为已读…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Fill the inbox with a simulated platform&apos;s fans</source>
        <translation>用模拟平台的粉丝消息填充收件箱</translation>
    </message>
    <message>
        <source>Connect your own crawler…</source>
        <translation>连接你自己的采集程序…</translation>
    </message>
    <message>
        <source>Connect your own crawler</source>
        <translation>连接你自己的采集程序</translation>
    </message>
    <message>
        <source>Where the inbox comes from</source>
        <translation>收件箱的来源</translation>
    </message>
    <message>
        <source>Platform connections</source>
        <translation>平台连接</translation>
    </message>
    <message>
        <source>Crawlers</source>
        <translation>采集程序</translation>
    </message>
    <message>
        <source>HisCRM Desk is still running</source>
        <translation>HisCRM Desk 仍在运行</translation>
    </message>
    <message>
        <source>New messages keep arriving and notify you. Quit from the tray icon&apos;s menu or with File &gt; Quit; Settings can make closing the window quit instead.</source>
        <translation>新消息会继续到达并通知你。要退出，请使用托盘图标菜单或“文件 &gt; 退出”；也可以在设置中改为关闭窗口即退出。</translation>
    </message>
    <message>
        <source>(%1) HisCRM Desk</source>
        <translation>(%1) HisCRM Desk</translation>
    </message>
    <message>
        <source>A reply was not sent: %1</source>
        <translation>一条回复没有发出：%1</translation>
    </message>
    <message>
        <source>Your reply to %1 was not sent: %2</source>
        <translation>你给 %1 的回复没有发出：%2</translation>
    </message>
    <message>
        <source>Open the chat and press Retry.</source>
        <translation>请打开该会话并点击“重试”。</translation>
    </message>
    <message>
        <source>Reply not sent</source>
        <translation>回复未发出</translation>
    </message>
    <message>
        <source>Mark comments read</source>
        <translation>将评论标为已读</translation>
    </message>
    <message>
        <source>Everything in this view is read.</source>
        <translation>此视图中的会话都已读。</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>全部标为已读</translation>
    </message>
    <message numerus="yes">
        <source>Mark %n chats in this view as read?</source>
        <translation>
            <numerusform>将此视图中的 %n 个会话标为已读？</numerusform>
        </translation>
    </message>
    <message>
        <source>Inbox on this computer</source>
        <translation>收件箱在本机</translation>
    </message>
    <message>
        <source>Inbox stopped</source>
        <translation>收件箱已停止</translation>
    </message>
    <message>
        <source>Demo platform</source>
        <translation>演示平台</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>connected, not logged in</source>
        <translation>已连接，未登录</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>reconnecting after a problem</source>
        <translation>出现问题，正在重新连接</translation>
    </message>
    <message>
        <source>stopped by an error: %1</source>
        <translation>因错误停止：%1</translation>
    </message>
    <message>
        <source>, new messages at %1</source>
        <translation>，最新消息 %1</translation>
    </message>
    <message>
        <source>No platform connected</source>
        <translation>没有已连接的平台</translation>
    </message>
    <message numerus="yes">
        <source>%n crawlers connected</source>
        <translation>
            <numerusform>已连接 %n 个采集程序</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for your crawler</source>
        <translation>等待你的采集程序连接</translation>
    </message>
    <message>
        <source>Crawlers connect to %1</source>
        <translation>采集程序连接到 %1</translation>
    </message>
    <message>
        <source>The demo is starting; the inbox appears in a moment.</source>
        <translation>演示正在启动，收件箱马上出现。</translation>
    </message>
    <message>
        <source>The inbox could not open its door for crawlers: %1</source>
        <translation>收件箱无法为采集程序开放连接：%1</translation>
    </message>
    <message>
        <source>Crawlers cannot connect: %1</source>
        <translation>采集程序无法连接：%1</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>New line in the reply</source>
        <translation>在回复中换行</translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation>Shift+Enter</translation>
    </message>
    <message>
        <source>Pick a quick reply</source>
        <translation>选择快捷回复</translation>
    </message>
    <message>
        <source>/ at the start of the reply</source>
        <translation>在回复开头输入 /</translation>
    </message>
    <message>
        <source>Leave the reply box</source>
        <translation>离开回复框</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Move through the list</source>
        <translation>在列表中移动</translation>
    </message>
    <message>
        <source>↑ ↓ Page Up Page Down Home End</source>
        <translation>↑ ↓ Page Up Page Down Home End</translation>
    </message>
    <message>
        <source>Open the chat of the list&apos;s current row</source>
        <translation>打开列表当前行的会话</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>关闭搜索</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>mark the comments read</source>
        <translation>将评论标为已读</translation>
    </message>
    <message>
        <source>Connect to a team master…</source>
        <translation>连接团队主控端…</translation>
    </message>
    <message>
        <source>Show the inbox a team master shares with this desktop</source>
        <translation>显示团队主控端共享给本机的收件箱</translation>
    </message>
    <message>
        <source>Disconnect from %1…</source>
        <translation>断开与 %1 的连接…</translation>
    </message>
    <message>
        <source>Disconnect from the team master…</source>
        <translation>断开与团队主控端的连接…</translation>
    </message>
    <message>
        <source>Inbox source</source>
        <translation>收件箱来源</translation>
    </message>
    <message>
        <source>Connect to a team master</source>
        <translation>连接团队主控端</translation>
    </message>
    <message>
        <source>Team master %1</source>
        <translation>团队主控端 %1</translation>
    </message>
    <message>
        <source>%1: connected</source>
        <translation>%1：已连接</translation>
    </message>
    <message>
        <source>%1: catching up, %2%</source>
        <translation>%1：正在同步，%2%</translation>
    </message>
    <message>
        <source>%1: offline since %2, trying again; what is synced can still be read and searched</source>
        <translation>%1：自 %2 起离线，正在重试；已同步的内容仍可阅读和搜索</translation>
    </message>
    <message>
        <source>%1: refused. %2</source>
        <translation>%1：被拒绝。%2</translation>
    </message>
    <message>
        <source>%1: connecting…</source>
        <translation>%1：正在连接…</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Disconnect from the team master</source>
        <translation>断开与团队主控端的连接</translation>
    </message>
    <message>
        <source>Forget the pairing with %1? This desktop&apos;s copy of the team inbox is deleted; the team master keeps everything. To come back you need a new pairing code from the admin.</source>
        <translation>要忘记与 %1 的配对吗？本机的团队收件箱副本将被删除；团队主控端保留全部内容。以后要重新连接，需要向管理员要新的配对码。</translation>
    </message>
    <message>
        <source>There is no account yet. Start the demo to see a working inbox with simulated fans, connect the crawler that watches your real accounts, or connect to your team&apos;s master.</source>
        <translation>还没有账号。启动演示可以看到有模拟粉丝的收件箱，也可以连接监控你真实账号的采集程序，或者连接团队主控端。</translation>
    </message>
    <message>
        <source>The team master %1 has no account yet. Its inbox appears here as soon as the team&apos;s crawlers add one.</source>
        <translation>团队主控端 %1 还没有账号。团队的采集程序添加账号后，收件箱就会出现在这里。</translation>
    </message>
    <message>
        <source>Fetching the team inbox from %1…</source>
        <translation>正在从 %1 获取团队收件箱…</translation>
    </message>
    <message>
        <source>a chat</source>
        <translation>一个会话</translation>
    </message>
    <message>
        <source>chat %1</source>
        <translation>会话 %1</translation>
    </message>
    <message>
        <source>the chat with %1</source>
        <translation>与 %1 的会话</translation>
    </message>
    <message>
        <source>Mark %1 read</source>
        <translation>将%1标为已读</translation>
    </message>
    <message>
        <source>Mark %1 unread</source>
        <translation>将%1标为未读</translation>
    </message>
    <message>
        <source>Pin %1</source>
        <translation>置顶%1</translation>
    </message>
    <message>
        <source>Unpin %1</source>
        <translation>取消置顶%1</translation>
    </message>
    <message>
        <source>Archive %1</source>
        <translation>归档%1</translation>
    </message>
    <message>
        <source>Unarchive %1</source>
        <translation>取消归档%1</translation>
    </message>
    <message>
        <source>Mute %1</source>
        <translation>将%1设为免打扰</translation>
    </message>
    <message>
        <source>Unmute %1</source>
        <translation>取消%1的免打扰</translation>
    </message>
    <message>
        <source>Tag %1 “%2”</source>
        <translation>给%1加标签“%2”</translation>
    </message>
    <message>
        <source>Remove the tag “%2” from %1</source>
        <translation>从%1移除标签“%2”</translation>
    </message>
    <message>
        <source>Mark comments unread</source>
        <translation>将评论标为未读</translation>
    </message>
    <message>
        <source>Reply in %1: “%2”</source>
        <translation>在%1中回复：“%2”</translation>
    </message>
    <message>
        <source>Reply to a comment: “%1”</source>
        <translation>回复评论：“%1”</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>Changes refused</source>
        <translation>更改被拒绝</translation>
    </message>
    <message numerus="yes">
        <source>The team master refused %n of your changes. The inbox shows the team master&apos;s state; do them again if they are still wanted (a refused reply&apos;s text is below, to copy).</source>
        <translation>
            <numerusform>团队主控端拒绝了你的 %n 项更改。收件箱显示的是团队主控端的状态；如果仍然需要，请重新操作（被拒绝的回复内容在下方，可以复制）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Keep for later</source>
        <translation>稍后再看</translation>
    </message>
    <message numerus="yes">
        <source>%n changes waiting to be sent</source>
        <translation>
            <numerusform>%n 项更改等待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Shown in the inbox already; they go to the team master in order as soon as it is reachable.</source>
        <translation>已在收件箱中显示；一旦能连上团队主控端，就会按顺序发送过去。</translation>
    </message>
    <message numerus="yes">
        <source>%n changes refused by the team master: review</source>
        <translation>
            <numerusform>团队主控端拒绝了 %n 项更改：查看</numerusform>
        </translation>
    </message>
    <message>
        <source>Show which changes the team master refused, and why.</source>
        <translation>查看团队主控端拒绝了哪些更改，以及原因。</translation>
    </message>
    <message>
        <source>This desktop is paired with the team master %1 as “%2”. Its inbox opens now; the first catch-up may take a moment.</source>
        <translation>本机已作为“%2”与团队主控端 %1 配对。现在打开它的收件箱；首次同步可能需要一点时间。</translation>
    </message>
    <message>
        <source>The device token is kept in the system keychain.</source>
        <translation>设备令牌保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>The system keychain could not keep the device token (%1), so it is kept in a file only your user can read (%2). Anyone with your user&apos;s files can use it: keep this computer&apos;s account to yourself.</source>
        <translation>系统钥匙串无法保存设备令牌（%1），因此它保存在只有你的用户可以读取的文件中（%2）。能访问你用户文件的人都可以使用它：请不要与他人共用这台电脑上的账户。</translation>
    </message>
    <message>
        <source>The list changed just as you clicked, so nothing was opened. Click again to open it.</source>
        <translation>点击时列表刚好有变动，所以这次点击没有打开任何内容。请再点一次。</translation>
    </message>
    <message>
        <source>Team master %1 (“%2”)</source>
        <translation>团队主控端 %1（“%2”）</translation>
    </message>
    <message>
        <source>The earlier pairing “%1” is kept: its copy could not be read (%2).</source>
        <translation>之前的配对“%1”已保留：无法读取它在本机的副本（%2）。</translation>
    </message>
    <message>
        <source>It replaces the earlier pairing “%1”; this desktop&apos;s copy of it is deleted.</source>
        <translation>它取代了之前的配对“%1”；本机上那份副本已删除。</translation>
    </message>
    <message numerus="yes">
        <source>The team master had refused that device, so its %n changes waiting to be sent never reached it.</source>
        <translation>
            <numerusform>团队主控端已拒绝那台设备，因此它等待发送的 %n 项更改没有送达。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The earlier pairing “%1” is kept until its %n changes waiting to be sent reach the team master; then open it from File → Inbox source and disconnect from it in the File menu.</source>
        <translation>
            <numerusform>之前的配对“%1”会保留，直到它等待发送的 %n 项更改送达团队主控端；之后请在“文件 → 收件箱来源”中打开它，再从“文件”菜单断开连接。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::MessageDelegate</name>
    <message>
        <source>%1 (edited)</source>
        <translation>%1（已编辑）</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>新消息</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发出：%1</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::PairDialog</name>
    <message>
        <source>Connect to a team master</source>
        <translation>连接团队主控端</translation>
    </message>
    <message>
        <source>Paste the pairing link your admin sent you (from “hiscrm-master pair”), or type the master&apos;s address and the code. The code works once, for 10 minutes.</source>
        <translation>粘贴管理员发给你的配对链接（来自“hiscrm-master pair”），或输入主控端地址和配对码。配对码只能用一次，10 分钟内有效。</translation>
    </message>
    <message>
        <source>Pairing &amp;link:</source>
        <translation>配对链接(&amp;L)：</translation>
    </message>
    <message>
        <source>hiscrm://pair?url=…&amp;code=…</source>
        <translation>hiscrm://pair?url=…&amp;code=…</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>team.example:7788</source>
        <translation>team.example:7788</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>配对码(&amp;C)：</translation>
    </message>
    <message>
        <source>XXXXX-XXXXX</source>
        <translation>XXXXX-XXXXX</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>证书：</translation>
    </message>
    <message>
        <source>None: the connection is not encrypted (fine on a trusted office network or the same computer).</source>
        <translation>无：连接未加密（在可信的办公网络或同一台电脑上可以使用）。</translation>
    </message>
    <message>
        <source>SHA-256 %1
Compare it with the one your admin sees; connect only if they are the same.</source>
        <translation>SHA-256 %1
请与管理员看到的指纹核对；两者一致时才连接。</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>连接(&amp;O)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type the pairing code, or paste the whole link.</source>
        <translation>请输入配对码，或粘贴完整链接。</translation>
    </message>
    <message>
        <source>An encrypted (wss://) master needs its certificate&apos;s fingerprint: paste the whole link.</source>
        <translation>加密（wss://）的主控端需要证书指纹：请粘贴完整链接。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::SearchPanel</name>
    <message>
        <source>Search messages, comments and names (Ctrl+K)</source>
        <translation>搜索消息、评论和名字（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search messages, comments and names</source>
        <translation>搜索消息、评论和名字</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>全部账号</translation>
    </message>
    <message>
        <source>Account filter</source>
        <translation>账号筛选</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Direct messages</source>
        <translation>私信</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Message kind filter</source>
        <translation>消息类型筛选</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation>标签筛选</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>自定义范围…</translation>
    </message>
    <message>
        <source>Date filter</source>
        <translation>日期筛选</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Unread only</source>
        <translation>仅未读</translation>
    </message>
    <message>
        <source>Only unread messages and comments</source>
        <translation>仅显示未读消息和评论</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新优先</translation>
    </message>
    <message>
        <source>Most relevant first</source>
        <translation>最相关优先</translation>
    </message>
    <message>
        <source>Result order</source>
        <translation>结果排序</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>发送者：%1</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>移除此筛选条件</translation>
    </message>
    <message>
        <source>Sender filter: %1. Press to remove.</source>
        <translation>发送者筛选：%1。点击即可移除。</translation>
    </message>
    <message>
        <source>In: %1</source>
        <translation>范围：%1</translation>
    </message>
    <message>
        <source>Search every conversation again</source>
        <translation>恢复搜索全部会话</translation>
    </message>
    <message>
        <source>Conversation filter: %1. Press to remove.</source>
        <translation>会话筛选：%1。点击即可移除。</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>搜索状态</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>没有结果</translation>
    </message>
    <message numerus="yes">
        <source>%n+ results</source>
        <translation>
            <numerusform>%n+ 条结果</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>account name (platform)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>conversation or video title · account name</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation>关闭搜索（Esc）</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>关闭搜索</translation>
    </message>
    <message>
        <source>%1 · archived</source>
        <comment>account name · the chat is archived</comment>
        <translation>%1 · 已归档</translation>
    </message>
    <message>
        <source>%1+</source>
        <comment>more than 99 unread</comment>
        <translation>%1+</translation>
    </message>
    <message>
        <source>Chats found by the person&apos;s name</source>
        <translation>按名字找到的聊天</translation>
    </message>
    <message>
        <source>Messages and comments</source>
        <translation>消息和评论</translation>
    </message>
    <message numerus="yes">
        <source>Chats: the %n latest (type more of the name to narrow them down)</source>
        <translation>
            <numerusform>聊天：最近的 %n 个（名字输入得更完整可缩小范围）</numerusform>
        </translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>聊天</translation>
    </message>
    <message numerus="yes">
        <source>%n+ chats</source>
        <translation>
            <numerusform>%n+ 个聊天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chats</source>
        <translation>
            <numerusform>%n 个聊天</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, no messages or comments</source>
        <comment>chats found by name</comment>
        <translation>%1，没有消息或评论</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>chats found by name, messages found</comment>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>to</source>
        <comment>a date range: 2026/11/29 to 2026/12/5</comment>
        <translation>至</translation>
    </message>
    <message>
        <source>Messages and comments: none found</source>
        <translation>消息和评论：没有找到</translation>
    </message>
    <message>
        <source>Type to search the messages and comments of “%1”.</source>
        <translation>输入文字，搜索“%1”的消息和评论。</translation>
    </message>
    <message>
        <source>Type to search the messages and comments of every account, and your customers&apos; names. Chinese words of one or two characters work too; the filters above narrow the search.</source>
        <translation>输入文字，搜索所有账号的私信、评论和客户名字。一两个字的中文词也能搜到；用上方的筛选缩小范围。</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::SearchResultsModel</name>
    <message>
        <source>Unknown sender</source>
        <translation>未知发送者</translation>
    </message>
    <message>
        <source>Video comment</source>
        <translation>视频评论</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>私信</translation>
    </message>
    <message>
        <source>%1 in %2: %3</source>
        <translation>%1 在“%2”中：%3</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>设置分类</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Quick replies</source>
        <translation>快捷回复</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Follow system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of the application</source>
        <translation>应用的界面语言</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>数据文件夹(&amp;D)：</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Where the message database is kept. Leave empty for the default folder.</source>
        <translation>消息数据库的存放位置。留空则使用默认文件夹。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Browse for the data folder</source>
        <translation>浏览并选择数据文件夹</translation>
    </message>
    <message>
        <source>Takes effect after restart</source>
        <translation>重启后生效</translation>
    </message>
    <message>
        <source>Show desktop &amp;notifications for new messages</source>
        <translation>收到新消息时显示桌面通知(&amp;N)</translation>
    </message>
    <message>
        <source>Desktop notifications</source>
        <translation>桌面通知</translation>
    </message>
    <message>
        <source>Show message &amp;preview</source>
        <translation>显示消息预览(&amp;P)</translation>
    </message>
    <message>
        <source>Message preview in notifications</source>
        <translation>在通知中预览消息</translation>
    </message>
    <message>
        <source>Turn off when others can see your screen: notifications then only say that a message arrived.</source>
        <translation>他人可能看到你的屏幕时请关闭此项：关闭后，通知只提示收到了新消息。</translation>
    </message>
    <message>
        <source>Play a &amp;sound</source>
        <translation>播放提示音(&amp;S)</translation>
    </message>
    <message>
        <source>Notification sound</source>
        <translation>通知提示音</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add a quick reply</source>
        <translation>添加快捷回复</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Edit the selected quick reply</source>
        <translation>编辑所选快捷回复</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected quick reply</source>
        <translation>删除所选快捷回复</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move the selected quick reply up</source>
        <translation>上移所选快捷回复</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Move the selected quick reply down</source>
        <translation>下移所选快捷回复</translation>
    </message>
    <message>
        <source>Quick replies are offered in the reply box. Double-click a reply to edit it; empty replies are dropped.</source>
        <translation>快捷回复可在回复框中选用。双击一条回复即可编辑；内容为空的回复会被移除。</translation>
    </message>
    <message>
        <source>HisCRM Desk</source>
        <translation>HisCRM Desk</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
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
        <translation>为运营多个社交媒体账号的用户打造的桌面收件箱：所有账号的私信和评论集中在一处，可随时搜索，数据保存在本机。</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or later.</source>
        <translation>本软件为自由软件，依据 GNU 通用公共许可证第 3 版或更高版本发布。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>关闭窗口时在托盘中继续运行(&amp;K)</translation>
    </message>
    <message>
        <source>Keep running in the tray</source>
        <translation>在托盘中继续运行</translation>
    </message>
    <message>
        <source>New messages still arrive and notify while the window is closed; quit from the tray menu.</source>
        <translation>窗口关闭后仍会接收新消息并通知你；请从托盘菜单退出。</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow system uses the desktop&apos;s own style and colours</source>
        <translation>“跟随系统”使用桌面自己的样式和颜色</translation>
    </message>
    <message>
        <source>Text &amp;size:</source>
        <translation>文字大小(&amp;S)：</translation>
    </message>
    <message>
        <source>Default (%1 pt)</source>
        <translation>默认（%1 磅）</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>The size of the text in every window; Default follows the system</source>
        <translation>所有窗口中文字的大小；“默认”跟随系统</translation>
    </message>
    <message>
        <source>This run uses the language given on the command line (--lang). A language chosen here applies at once and is kept for the next starts.</source>
        <translation>本次运行使用命令行指定的语言（--lang）。在这里选择的语言会立即生效，并在以后启动时保留。</translation>
    </message>
    <message>
        <source>This run uses the folder given with --data-dir, which overrides this setting:
%1
A folder set here is used from the next start without --data-dir.</source>
        <translation>本次运行使用 --data-dir 指定的文件夹，它优先于此设置：
%1
在这里设置的文件夹将在下次不带 --data-dir 启动时使用。</translation>
    </message>
    <message>
        <source>No system tray was found on this desktop, so closing the window quits HisCRM Desk.</source>
        <translation>此桌面没有系统托盘，所以关闭窗口会退出 HisCRM Desk。</translation>
    </message>
    <message>
        <source>No system tray was found on this desktop, so notifications cannot pop up; when a message arrives, HisCRM Desk asks for attention in the taskbar instead.</source>
        <translation>这个桌面没有系统托盘，所以无法弹出通知；有消息到达时，HisCRM Desk 会在任务栏中提醒你。</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::Sidebar</name>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Awaiting reply</source>
        <translation>待回复</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>logged out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>%1 on %2: %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n unread chats</source>
        <translation>
            <numerusform>%n 个未读会话</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chats waiting for your reply</source>
        <translation>
            <numerusform>%n 个会话等待你回复</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread pinned chats</source>
        <translation>
            <numerusform>%n 个未读置顶会话</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread archived chats</source>
        <translation>
            <numerusform>%n 个未读归档会话</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread comments</source>
        <translation>
            <numerusform>%n 条未读评论</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread chats with this tag</source>
        <translation>
            <numerusform>%n 个带此标签的未读会话</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread chats and comments</source>
        <translation>
            <numerusform>%n 个未读会话和评论</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::TagChipsLabel</name>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::TagDialog</name>
    <message>
        <source>New tag</source>
        <translation>新建标签</translation>
    </message>
    <message>
        <source>For example: VIP, After-sales, Wholesale</source>
        <translation>例如：VIP、售后、批发</translation>
    </message>
    <message>
        <source>Tag name</source>
        <translation>标签名称</translation>
    </message>
    <message>
        <source>Colour %1</source>
        <translation>颜色 %1</translation>
    </message>
    <message>
        <source>Create tag</source>
        <translation>创建标签</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>A tag named “%1” already exists.</source>
        <translation>已经有名为“%1”的标签。</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ThreadModel</name>
    <message>
        <source>[Image]</source>
        <translation>[图片]</translation>
    </message>
    <message>
        <source>[Video]</source>
        <translation>[视频]</translation>
    </message>
    <message>
        <source>[File]</source>
        <translation>[文件]</translation>
    </message>
    <message>
        <source>[Sticker]</source>
        <translation>[表情]</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
    <message>
        <source>Message recalled</source>
        <translation>消息已撤回</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知用户</translation>
    </message>
    <message>
        <source>Comment deleted</source>
        <translation>评论已删除</translation>
    </message>
    <message>
        <source>Originally: %1</source>
        <translation>原文：%1</translation>
    </message>
    <message>
        <source>Not sent: %1. Click Retry to send it again.</source>
        <translation>未发出：%1。点击“重试”重新发送。</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::ThreadPane</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Write a reply — Enter sends, Shift+Enter starts a new line, / picks a quick reply</source>
        <translation>输入回复 — Enter 发送，Shift+Enter 换行，输入 / 选择快捷回复</translation>
    </message>
    <message>
        <source>Quick replies (or type / in the reply box)</source>
        <translation>快捷回复（也可以在回复框输入 /）</translation>
    </message>
    <message>
        <source>Insert a quick reply</source>
        <translation>插入快捷回复</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the reply (Enter)</source>
        <translation>发送回复（Enter）</translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>Characters used of the platform&apos;s limit</source>
        <translation>已用字数 / 平台字数上限</translation>
    </message>
    <message>
        <source>First unread</source>
        <translation>第一条未读</translation>
    </message>
    <message>
        <source>Scroll up to the first message you have not read</source>
        <translation>向上滚动到你还没读的第一条消息</translation>
    </message>
    <message>
        <source>No quick replies yet</source>
        <translation>还没有快捷回复</translation>
    </message>
    <message>
        <source>Edit quick replies…</source>
        <translation>编辑快捷回复…</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::TrayNotifier</name>
    <message>
        <source>New message</source>
        <translation>新消息</translation>
    </message>
    <message numerus="yes">
        <source>HisCRM Desk — %n unread</source>
        <translation>
            <numerusform>HisCRM Desk — %n 条未读</numerusform>
        </translation>
    </message>
    <message>
        <source>HisCRM Desk</source>
        <translation>HisCRM Desk</translation>
    </message>
    <message>
        <source>&amp;Hide window</source>
        <translation>隐藏窗口(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation>显示窗口(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>HisCRM Desk tray menu</source>
        <translation>HisCRM Desk 托盘菜单</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::UserCardDialog</name>
    <message>
        <source>User card</source>
        <translation>用户名片</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 ✔ verified</source>
        <translation>%1 ✔ 已认证</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>昵称：</translation>
    </message>
    <message>
        <source>Platform id:</source>
        <translation>平台 ID：</translation>
    </message>
    <message>
        <source>(no signature)</source>
        <translation>（无签名）</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>签名：</translation>
    </message>
    <message>
        <source>Followers:</source>
        <translation>粉丝：</translation>
    </message>
    <message>
        <source>Following:</source>
        <translation>关注：</translation>
    </message>
    <message>
        <source>Videos:</source>
        <translation>视频：</translation>
    </message>
    <message>
        <source>Conversations with %1 on every account:</source>
        <translation>各账号与 %1 的会话：</translation>
    </message>
    <message>
        <source>Conversations with this user</source>
        <translation>与此用户的会话</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1（已归档）</translation>
    </message>
    <message>
        <source>Messages from %1</source>
        <translation>%1 的全部消息</translation>
    </message>
    <message>
        <source>Search everything %1 wrote, on every account, newest first</source>
        <translation>搜索 %1 在所有账号发过的消息和评论，最新的在前</translation>
    </message>
</context>
<context>
    <name>hiscrm::ui::WorkerSetupDialog</name>
    <message>
        <source>Connect your own crawler</source>
        <translation>连接你自己的采集程序</translation>
    </message>
    <message>
        <source>A crawler is a program that stays logged in to your real accounts (for example a browser-automation script your team runs) and hands their new messages and comments to this inbox. Replies you write here go back out through it.

Give the person who set up the crawler these two values. They stay the same every time you start HisCRM Desk, so a crawler set up once keeps working. Only programs on this computer can connect.</source>
        <translation>采集程序是一个保持登录你真实账号的程序（例如你的团队运行的浏览器自动化脚本），它把账号收到的新私信和评论交给这个收件箱。你在这里写的回复也会通过它发出去。

请把下面两项交给配置采集程序的人。每次启动 HisCRM Desk 它们都保持不变，所以采集程序只需配置一次。只有本机上的程序可以连接。</translation>
    </message>
    <message>
        <source>The address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>The key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>Copy both</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <source>Address: %1
Key: %2</source>
        <translation>地址：%1
密钥：%2</translation>
    </message>
    <message>
        <source>Both copied to the clipboard.</source>
        <translation>两项都已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>复制%1</translation>
    </message>
    <message>
        <source>%1 was copied to the clipboard.</source>
        <translation>%1已复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Database file [HISCRM_DB].</source>
        <translation>数据库文件 [HISCRM_DB]。</translation>
    </message>
    <message>
        <source>Address and port for workers, or &quot;none&quot; [HISCRM_LISTEN]. Default 127.0.0.1:%1.</source>
        <translation>工作节点连接的地址和端口，或 &quot;none&quot; [HISCRM_LISTEN]。默认 127.0.0.1:%1。</translation>
    </message>
    <message>
        <source>Worker token [HISCRM_TOKEN]; generated and printed when not given.</source>
        <translation>工作节点令牌 [HISCRM_TOKEN]；未提供时自动生成并打印。</translation>
    </message>
    <message>
        <source>Run the demo connector [HISCRM_DEMO=1].</source>
        <translation>运行演示连接器 [HISCRM_DEMO=1]。</translation>
    </message>
    <message>
        <source>Demo messages per second [HISCRM_DEMO_RATE].</source>
        <translation>演示数据每秒消息数 [HISCRM_DEMO_RATE]。</translation>
    </message>
    <message>
        <source>Allow plain ws on a non-loopback address [HISCRM_ALLOW_REMOTE=1].</source>
        <translation>允许在非本机地址上使用未加密的 ws [HISCRM_ALLOW_REMOTE=1]。</translation>
    </message>
    <message>
        <source>debug, info, warning or error [HISCRM_LOG_LEVEL].</source>
        <translation>debug、info、warning 或 error [HISCRM_LOG_LEVEL]。</translation>
    </message>
    <message>
        <source>Unknown log level “%1”; use debug, info, warning or error.</source>
        <translation>未知的日志级别“%1”；请使用 debug、info、warning 或 error。</translation>
    </message>
    <message>
        <source>--listen takes address:port, for example 127.0.0.1:%1.</source>
        <translation>--listen 需要 地址:端口，例如 127.0.0.1:%1。</translation>
    </message>
    <message>
        <source>--demo-rate takes a number of messages per second.</source>
        <translation>--demo-rate 需要每秒消息数。</translation>
    </message>
    <message>
        <source>The master could not start: %1</source>
        <translation>主服务无法启动：%1</translation>
    </message>
    <message>
        <source>hiscrm-master %1: database %2</source>
        <translation>hiscrm-master %1：数据库 %2</translation>
    </message>
    <message>
        <source>workers: not listening (--listen none)</source>
        <translation>工作节点：未监听（--listen none）</translation>
    </message>
    <message>
        <source>shutting down (signal %1)</source>
        <translation>正在关闭（信号 %1）</translation>
    </message>
    <message>
        <source>HisCRM Desk: every account&apos;s messages and comments in one inbox.</source>
        <translation>HisCRM Desk：所有账号的消息和评论，尽在一个收件箱。</translation>
    </message>
    <message>
        <source>Start the demo connector (a simulated platform).</source>
        <translation>启动演示连接器（模拟平台）。</translation>
    </message>
    <message>
        <source>Keep the message history in this folder.</source>
        <translation>将消息历史记录保存在此文件夹中。</translation>
    </message>
    <message>
        <source>HisCRM Desk cannot start</source>
        <translation>HisCRM Desk 无法启动</translation>
    </message>
    <message>
        <source>The message history could not be opened.

%1</source>
        <translation>无法打开消息历史记录。

%1</translation>
    </message>
    <message>
        <source>Language: zh_CN or en.</source>
        <translation>界面语言：zh_CN 或 en。</translation>
    </message>
    <message>
        <source>HISCRM_DEMO_RATE is set to “%1”.</source>
        <translation>HISCRM_DEMO_RATE 的值是“%1”。</translation>
    </message>
    <message>
        <source>desktops: %1  (pair one with: hiscrm-master pair --name NAME)</source>
        <translation>桌面端：%1  （配对命令：hiscrm-master pair --name 名称）</translation>
    </message>
    <message>
        <source>HisCRM master: stores what workers send, serves workers and paired desktops.
Admin commands (run them beside the running master): pair --name NAME [--role operator|admin|viewer] [--accounts ID,...]; devices list|revoke ID|rename ID NAME; accounts; backup DEST. Each takes --help.
Every option can also be set through the environment variable named in brackets.
Exit codes: 0 stopped by SIGINT or SIGTERM; 1 could not start (a database it refuses, a port in use, ...); 2 bad command line; 3 the database is damaged (it is left as it was).</source>
        <translation>HisCRM 主服务：保存工作节点发送的数据，为工作节点和已配对的桌面端提供服务。
管理命令（在运行中的主服务旁执行）：pair --name 名称 [--role operator|admin|viewer] [--accounts 编号,...]；devices list|revoke 编号|rename 编号 名称；accounts；backup 目标文件。每个命令都支持 --help。
每个选项也可以通过方括号中的环境变量设置。
退出码：0 因 SIGINT 或 SIGTERM 停止；1 无法启动（数据库被拒绝、端口被占用等）；2 命令行有误；3 数据库已损坏（文件保持原样）。</translation>
    </message>
    <message>
        <source>auto: serve wss:// with a self-signed certificate made and kept beside the database; off (default) [HISCRM_TLS].</source>
        <translation>auto：用自签名证书提供 wss://（证书只生成一次，保存在数据库旁）；off（默认）[HISCRM_TLS]。</translation>
    </message>
    <message>
        <source>Serve wss:// with this PEM certificate (chain) [HISCRM_TLS_CERT].</source>
        <translation>用此 PEM 证书（链）提供 wss:// [HISCRM_TLS_CERT]。</translation>
    </message>
    <message>
        <source>Its PEM private key [HISCRM_TLS_KEY].</source>
        <translation>证书的 PEM 私钥 [HISCRM_TLS_KEY]。</translation>
    </message>
    <message>
        <source>--tls takes auto or off.</source>
        <translation>--tls 只能是 auto 或 off。</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together.</source>
        <translation>--tls-cert 和 --tls-key 必须同时提供。</translation>
    </message>
    <message>
        <source>Cannot serve TLS: %1</source>
        <translation>无法启用 TLS：%1</translation>
    </message>
    <message>
        <source>workers: %1  token: %2</source>
        <translation>工作节点：%1  令牌：%2</translation>
    </message>
    <message>
        <source>TLS certificate %1</source>
        <translation>TLS 证书 %1</translation>
    </message>
    <message>
        <source>HisCRM Desk</source>
        <translation>HisCRM Desk</translation>
    </message>
    <message>
        <source>%1

The inbox on this computer opens instead.</source>
        <translation>%1

将改为打开本机的收件箱。</translation>
    </message>
    <message>
        <source>The copy of the team master&apos;s inbox could not be opened.

%1</source>
        <translation>无法打开团队主控端收件箱的副本。

%1</translation>
    </message>
    <message>
        <source>Database page cache per connection, in MB (1 to 1024) [HISCRM_CACHE_MB]. Default %1: a small server. Bulk imports of millions of messages run faster with 16.</source>
        <translation>每个数据库连接的页缓存，单位 MB（1 到 1024）[HISCRM_CACHE_MB]。默认 %1：适合小型服务器。批量导入数百万条消息时设为 16 更快。</translation>
    </message>
    <message>
        <source>--cache-mb takes a number of megabytes from 1 to 1024.</source>
        <translation>--cache-mb 需要 1 到 1024 之间的兆字节数。</translation>
    </message>
</context>
</TS>
