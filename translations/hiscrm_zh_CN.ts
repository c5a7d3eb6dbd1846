<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>The database cannot be written (%1). Check the data folder's permissions.</source>
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
        <source>The reply's time is out of range.</source>
        <translation>回复的时间超出范围。</translation>
    </message>
    <message>
        <source>A reply's state is pending, sent or failed.</source>
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
        <source>%1[%2].%3 is %4; every record needs its platform id (at most %5 characters).</source>
        <translation>%1[%2].%3 %4；每条记录都需要平台 id（最多 %5 个字符）。</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <source>%1[%2].created_at (%3) is not a time in milliseconds since 1970.</source>
        <translation>%1[%2].created_at（%3）不是自 1970 年起的毫秒时间。</translation>
    </message>
    <message>
        <source>%1[%2].text is longer than %3 characters.</source>
        <translation>%1[%2].text 超过 %3 个字符。</translation>
    </message>
    <message>
        <source>The batch does not name its platform.</source>
        <translation>该批次未指明所属平台。</translation>
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
        <source>“kind” is message or comment.</source>
        <translation>“kind”只能是 message 或 comment。</translation>
    </message>
    <message>
        <source>“direction” is in or out.</source>
        <translation>“direction”只能是 in 或 out。</translation>
    </message>
    <message>
        <source>“order” is newest or relevance.</source>
        <translation>“order”只能是 newest 或 relevance。</translation>
    </message>
    <message>
        <source>“unread” is true or false.</source>
        <translation>“unread”只能是 true 或 false。</translation>
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
</context>
<context>
    <name>hiscrm::master::WorkerServer</name>
    <message>
        <source>Refusing to listen for workers on %1: without encryption the master listens only on this computer (127.0.0.1 or ::1). Allow other addresses explicitly if the network is trusted.</source>
        <translation>拒绝在 %1 上监听工作节点：未加密时主服务只在本机（127.0.0.1 或 ::1）监听。如果网络可信，请明确允许其他地址。</translation>
    </message>
    <message>
        <source>Cannot listen for workers on %1 port %2: %3</source>
        <translation>无法在 %1 的端口 %2 上监听工作节点：%3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>HisCRM master: stores what workers send and serves the worker protocol.
Every option can also be set through the environment variable named in brackets.</source>
        <translation>HisCRM 主服务：保存工作节点发送的数据，并提供工作节点协议。
每个选项也可以通过方括号中的环境变量设置。</translation>
    </message>
    <message>
        <source>Database file [HISCRM_DB].</source>
        <translation>数据库文件 [HISCRM_DB]。</translation>
    </message>
    <message>
        <source>Address and port for workers, or "none" [HISCRM_LISTEN]. Default 127.0.0.1:%1.</source>
        <translation>工作节点连接的地址和端口，或 "none" [HISCRM_LISTEN]。默认 127.0.0.1:%1。</translation>
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
        <source>workers: ws://%1:%2/  token: %3</source>
        <translation>工作节点：ws://%1:%2/  令牌：%3</translation>
    </message>
    <message>
        <source>workers: not listening (--listen none)</source>
        <translation>工作节点：未监听（--listen none）</translation>
    </message>
    <message>
        <source>shutting down (signal %1)</source>
        <translation>正在关闭（信号 %1）</translation>
    </message>
</context>
</TS>