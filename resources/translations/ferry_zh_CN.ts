<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>none found: is this device connected?</source>
        <translation>未找到：此设备是否已连接网络？</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Can&apos;t see your device?&lt;/h3&gt;&lt;p&gt;Ferry finds other devices by multicast on the local network. When it hears nobody within a few seconds, it asks every address of this device&apos;s subnets (the 254 addresses that share the first three numbers) directly. A device can still stay hidden:&lt;/p&gt;&lt;p&gt;&lt;b&gt;This device&lt;/b&gt;: %1; receives on TCP port %2, finds peers on UDP port %3.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Ferry does not run there.&lt;/b&gt; Check: the other device&apos;s window says “Receiving as … on port …” at the bottom (&lt;code&gt;ferry-cli receive&lt;/code&gt; prints “Listening on”).&lt;/li&gt;&lt;li&gt;&lt;b&gt;A firewall.&lt;/b&gt; Ferry needs TCP port %2 and UDP port %3 open for incoming traffic on both devices. Linux with ufw: &lt;code&gt;sudo ufw allow %2/tcp&lt;/code&gt; and &lt;code&gt;sudo ufw allow %3/udp&lt;/code&gt;; with firewalld: &lt;code&gt;sudo firewall-cmd --permanent --add-port=%2/tcp --add-port=%3/udp&lt;/code&gt; then &lt;code&gt;sudo firewall-cmd --reload&lt;/code&gt;. Windows: Ferry&apos;s installer adds two inbound rules named “Ferry” (TCP %4, UDP %3) for every program, so both ferry.exe and ferry-cli.exe are reached; check with &lt;code&gt;netsh advfirewall firewall show rule name=Ferry&lt;/code&gt;. If Windows once asked whether to let Ferry through and the question was cancelled, it added rules blocking ferry.exe, which win over allowing ones: remove them under Windows Security → Firewall → Allow an app through firewall. Another TCP port chosen in Settings needs a rule of its own.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Access point or client isolation&lt;/b&gt; (often on guest and public Wi-Fi): the access point drops traffic between its clients. Check: &lt;code&gt;ping&lt;/code&gt; the other device&apos;s address; when it does not answer, turn isolation off in the router or use another network.&lt;/li&gt;&lt;li&gt;&lt;b&gt;A VPN&lt;/b&gt; on either device may send local traffic into its tunnel or block the local network. Check: disconnect it, or allow “local network access” in its settings.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Another subnet or VLAN&lt;/b&gt; (wired and Wi-Fi apart, a guest network): discovery stays on its link and Ferry asks only its own subnet. Check: compare the first three numbers of both addresses; if they differ, add the peer by address.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Multicast filtered&lt;/b&gt; (IGMP snooping, multicast turned into unicast by the access point): Ferry&apos;s direct questions cover the device&apos;s own subnet; beyond it, add the peer by address.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Adding a peer by address works wherever TCP port %2 is reachable: type the other device&apos;s address (e.g. 192.168.1.7) into the field under the peer list and press Enter, or use File → Add Peer….&lt;/p&gt;</source>
        <translation>&lt;h3&gt;看不到你的设备？&lt;/h3&gt;&lt;p&gt;Ferry 通过本地网络上的组播查找其他设备。如果几秒内没有任何回应，它会直接询问此设备所在子网的每个地址（前三个数字相同的 254 个地址）。但设备仍可能无法被发现：&lt;/p&gt;&lt;p&gt;&lt;b&gt;此设备&lt;/b&gt;：%1；在 TCP 端口 %2 上接收，在 UDP 端口 %3 上查找其他设备。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;对方没有运行 Ferry。&lt;/b&gt;检查：对方设备窗口底部显示“正在以 … 的身份在端口 … 上接收”（&lt;code&gt;ferry-cli receive&lt;/code&gt; 会输出“Listening on”）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;防火墙。&lt;/b&gt;Ferry 需要两台设备都允许 TCP 端口 %2 和 UDP 端口 %3 的入站流量。使用 ufw 的 Linux：&lt;code&gt;sudo ufw allow %2/tcp&lt;/code&gt; 和 &lt;code&gt;sudo ufw allow %3/udp&lt;/code&gt;；使用 firewalld：&lt;code&gt;sudo firewall-cmd --permanent --add-port=%2/tcp --add-port=%3/udp&lt;/code&gt;，然后 &lt;code&gt;sudo firewall-cmd --reload&lt;/code&gt;。Windows：Ferry 的安装程序会为所有程序添加两条名为“Ferry”的入站规则（TCP %4、UDP %3），因此 ferry.exe 和 ferry-cli.exe 都能被访问；可用 &lt;code&gt;netsh advfirewall firewall show rule name=Ferry&lt;/code&gt; 检查。如果 Windows 曾询问是否允许 Ferry 通过而该询问被取消，它会添加阻止 ferry.exe 的规则，其优先级高于允许规则：请在“Windows 安全中心 → 防火墙 → 允许应用通过防火墙”中删除它们。在设置中选择的其他 TCP 端口需要单独的规则。&lt;/li&gt;&lt;li&gt;&lt;b&gt;接入点隔离或客户端隔离&lt;/b&gt;（常见于访客和公共 Wi-Fi）：接入点会丢弃其客户端之间的流量。检查：&lt;code&gt;ping&lt;/code&gt; 对方设备的地址；如果没有回应，请在路由器中关闭隔离，或换用其他网络。&lt;/li&gt;&lt;li&gt;&lt;b&gt;VPN&lt;/b&gt;：任一设备上的 VPN 都可能把本地流量送入其隧道，或阻止访问本地网络。检查：断开 VPN，或在其设置中允许“本地网络访问”。&lt;/li&gt;&lt;li&gt;&lt;b&gt;不同的子网或 VLAN&lt;/b&gt;（有线与 Wi-Fi 分开、访客网络）：发现只在本网段内进行，Ferry 也只询问自己的子网。检查：比较两个地址的前三个数字；如果不同，请按地址添加该设备。&lt;/li&gt;&lt;li&gt;&lt;b&gt;组播被过滤&lt;/b&gt;（IGMP 侦听、接入点把组播转为单播）：Ferry 的直接询问只覆盖设备自己的子网；在此之外，请按地址添加该设备。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;只要 TCP 端口 %2 可以访问，按地址添加设备就能工作：在设备列表下方的输入框中输入对方设备的地址（例如 192.168.1.7）并按回车，或使用“文件 → 添加设备…”。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ferry</name>
    <message>
        <source>System default</source>
        <comment>the language</comment>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>You cancelled it.</source>
        <translation>你取消了传输。</translation>
    </message>
    <message>
        <source>%1 cancelled it.</source>
        <translation>%1 取消了传输。</translation>
    </message>
    <message>
        <source>%1 declined it.</source>
        <translation>%1 拒绝了传输。</translation>
    </message>
    <message>
        <source>You declined it.</source>
        <translation>你拒绝了传输。</translation>
    </message>
    <message>
        <source>%1 declined it without asking (it may be busy, or short of space).</source>
        <translation>%1 未经询问就拒绝了传输（可能正忙，或空间不足）。</translation>
    </message>
    <message>
        <source>Ferry declined it without asking (busy, short of space, or the offer was not valid).</source>
        <translation>Ferry 未经询问就拒绝了传输（正忙、空间不足，或请求无效）。</translation>
    </message>
    <message>
        <source>Could not connect to %1. Check its address and port, that Ferry runs there, and that no firewall blocks it.</source>
        <translation>无法连接到 %1。请检查其地址和端口、对方是否正在运行 Ferry，以及是否有防火墙阻止连接。</translation>
    </message>
    <message>
        <source>%1 did not answer. Check its address and port, that Ferry runs there, and that no firewall blocks it.</source>
        <translation>%1 没有响应。请检查其地址和端口、对方是否正在运行 Ferry，以及是否有防火墙阻止连接。</translation>
    </message>
    <message>
        <source>Another device answered at %1&apos;s address, so nothing was sent. Check its verification code.</source>
        <translation>%1 的地址上应答的是另一台设备，因此没有发送任何内容。请核对它的验证码。</translation>
    </message>
    <message>
        <source>The connection to %1 was lost.</source>
        <translation>与 %1 的连接已断开。</translation>
    </message>
    <message>
        <source>%1 stopped responding.</source>
        <translation>%1 已停止响应。</translation>
    </message>
    <message>
        <source>%1 cannot write to its receive folder.</source>
        <translation>%1 无法写入其接收文件夹。</translation>
    </message>
    <message>
        <source>The receive folder %1 cannot be written to. Choose another in Settings.</source>
        <translation>无法写入接收文件夹 %1。请在设置中选择其他文件夹。</translation>
    </message>
    <message>
        <source>%1 has no space left for it.</source>
        <translation>%1 没有足够的空间。</translation>
    </message>
    <message>
        <source>The disk of the receive folder %1 is full. Free some space or choose another folder in Settings.</source>
        <translation>接收文件夹 %1 所在的磁盘已满。请释放一些空间，或在设置中选择其他文件夹。</translation>
    </message>
    <message>
        <source>A file could not be read. Check that it still exists and that you may read it.</source>
        <translation>无法读取某个文件。请检查它是否仍然存在，以及你是否有读取权限。</translation>
    </message>
    <message>
        <source>%1 could not read one of its files.</source>
        <translation>%1 无法读取其中一个文件。</translation>
    </message>
    <message>
        <source>A file changed while it was being sent. Send it again when it is finished.</source>
        <translation>某个文件在发送过程中被修改。请在它修改完成后重新发送。</translation>
    </message>
    <message>
        <source>A file changed at %1 while it was being sent.</source>
        <translation>某个文件在发送过程中于 %1 上被修改。</translation>
    </message>
    <message>
        <source>What arrived did not match what was sent, so it was not kept. Send it again.</source>
        <translation>收到的内容与发送的内容不一致，因此未保留。请重新发送。</translation>
    </message>
    <message>
        <source>%1 sent something this Ferry does not understand (another version?).</source>
        <translation>%1 发送了此 Ferry 无法理解的内容（版本不同？）。</translation>
    </message>
    <message>
        <source>Resume sends the rest.</source>
        <translation>继续传输会发送剩余部分。</translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>a speed: bytes per second</comment>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>a duration: hours, minutes</comment>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <comment>a duration: minutes, seconds</comment>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>a duration: seconds</comment>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>zero-copy</source>
        <translation>零拷贝</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>直接</translation>
    </message>
    <message>
        <source>buffered</source>
        <translation>缓冲</translation>
    </message>
    <message>
        <source>Below the direct I/O threshold: sent from the page cache by the kernel, no copy through Ferry.</source>
        <translation>低于直接 I/O 阈值：由内核从页面缓存发送，不经过 Ferry 复制。</translation>
    </message>
    <message>
        <source>At or above the direct I/O threshold: read and written around the page cache, so it stays free for other files.</source>
        <translation>达到或超过直接 I/O 阈值：绕过页面缓存读写，使缓存留给其他文件。</translation>
    </message>
    <message>
        <source>Plain reads and writes through a buffer.</source>
        <translation>通过缓冲区进行普通读写。</translation>
    </message>
    <message>
        <source>Ferry cannot start</source>
        <translation>Ferry 无法启动</translation>
    </message>
    <message>
        <source>Ferry could not load this device&apos;s identity or its pinned devices from %1:

%2</source>
        <translation>Ferry 无法从 %1 加载此设备的身份或已固定的设备：

%2</translation>
    </message>
    <message>
        <source>Ferry is in portable mode (a file named &quot;portable&quot; is next to it) but cannot create its data folder %1.</source>
        <translation>Ferry 处于便携模式（程序旁有一个名为“portable”的文件），但无法创建其数据文件夹 %1。</translation>
    </message>
    <message>
        <source>Ferry is already running</source>
        <translation>Ferry 已在运行</translation>
    </message>
    <message>
        <source>Another Ferry of this user is running but does not answer. End it, then start Ferry again.</source>
        <translation>此用户的另一个 Ferry 正在运行，但没有响应。请结束它，然后重新启动 Ferry。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <source>NOT the pinned device of that name</source>
        <translation>并非该名称的已固定设备</translation>
    </message>
    <message>
        <source>New device</source>
        <translation>新设备</translation>
    </message>
    <message>
        <source>Fast mode</source>
        <translation>快速模式</translation>
    </message>
    <message>
        <source>Encrypted, kernel TLS</source>
        <translation>已加密，内核 TLS</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <source>Fast mode (file bytes unencrypted)</source>
        <translation>快速模式（文件内容未加密）</translation>
    </message>
    <message>
        <source>Encrypted: everything went over TLS 1.3 between the two devices&apos; identities; this computer&apos;s kernel encrypted what it sent, so files went zero-copy.</source>
        <translation>已加密：所有内容都在两台设备的身份之间通过 TLS 1.3 传输；本机内核加密了发送的内容，因此文件以零拷贝方式传输。</translation>
    </message>
    <message>
        <source>Fast mode: the devices checked each other&apos;s identity over TLS 1.3, then the file bytes went unencrypted (zero-copy), each file&apos;s digest authenticated with a key from TLS. Anyone on the network can read them: for trusted networks only.</source>
        <translation>快速模式：两台设备先通过 TLS 1.3 互相验证身份，然后文件内容以未加密方式（零拷贝）传输，每个文件的摘要用来自 TLS 的密钥认证。网络中的任何人都能读取这些内容：仅限可信网络使用。</translation>
    </message>
    <message>
        <source>Encrypted: everything went over TLS 1.3 between the two devices&apos; identities.</source>
        <translation>已加密：所有内容都在两台设备的身份之间通过 TLS 1.3 传输。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <comment>a count of files</comment>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) failed</source>
        <comment>a count of files</comment>
        <translation>
            <numerusform>%n 个文件失败</numerusform>
        </translation>
    </message>
    <message>
        <source>%1%</source>
        <comment>a percentage</comment>
        <translation>%1%</translation>
    </message>
    <message numerus="yes">
        <source>Text, %n character(s)</source>
        <translation>
            <numerusform>文本，%n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>The text was kept in memory only and is gone: Ferry was closed.</source>
        <translation>该文本仅保存在内存中，Ferry 已关闭，文本已不复存在。</translation>
    </message>
    <message>
        <source>%1

Kept in memory only, never written to disk: gone after Ferry closes. Copy it (Enter) to keep it.</source>
        <translation>%1

仅保存在内存中，从不写入磁盘：Ferry 关闭后即消失。如需保留，请复制（回车键）。</translation>
    </message>
    <message numerus="yes">
        <source>%n skipped by the receiver</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n 个被接收方跳过</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not taken</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n 个未接收</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::gui::AddPeerDialog</name>
    <message>
        <source>Add Peer</source>
        <translation>添加设备</translation>
    </message>
    <message>
        <source>e.g. Office laptop</source>
        <translation>例如：办公室笔记本</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.7 or 192.168.1.7:%1</source>
        <translation>例如：192.168.1.7 或 192.168.1.7:%1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>ferry::gui::AddressBar</name>
    <message>
        <source>Add a peer by address, e.g. 192.168.1.7, then press Enter</source>
        <translation>按地址添加设备，例如 192.168.1.7，然后按回车</translation>
    </message>
    <message>
        <source>Add a peer by address</source>
        <translation>按地址添加设备</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>地址有误</translation>
    </message>
    <message>
        <source>Can&apos;t see your device?</source>
        <translation>看不到你的设备？</translation>
    </message>
</context>
<context>
    <name>ferry::gui::GroupList</name>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Drop files or folders onto a group to send them to every member.</source>
        <translation>把文件或文件夹拖放到组上，即可发送给每个成员。</translation>
    </message>
</context>
<context>
    <name>ferry::gui::MainWindow</name>
    <message>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message>
        <source>Receiving as “%1” on port %2</source>
        <translation>正在以“%1”的身份在端口 %2 上接收</translation>
    </message>
    <message>
        <source>Not receiving: %1</source>
        <translation>未在接收：%1</translation>
    </message>
    <message>
        <source>Ferry cannot receive</source>
        <translation>Ferry 无法接收</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Send &amp;Files…</source>
        <translation>发送文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Send F&amp;older…</source>
        <translation>发送文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Add Peer…</source>
        <translation>添加设备(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove Peer</source>
        <translation>移除设备(&amp;R)</translation>
    </message>
    <message>
        <source>Save Selection as &amp;Group…</source>
        <translation>将所选保存为组(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Transfers</source>
        <translation>传输(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Cancel Transfer</source>
        <translation>取消传输(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Resume Transfer</source>
        <translation>继续传输(&amp;R)</translation>
    </message>
    <message>
        <source>Limit &amp;Speed…</source>
        <translation>限制速度(&amp;S)…</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>清除已结束的传输(&amp;L)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Send &amp;Files to Group…</source>
        <translation>发送文件到组(&amp;F)…</translation>
    </message>
    <message>
        <source>Send F&amp;older to Group…</source>
        <translation>发送文件夹到组(&amp;O)…</translation>
    </message>
    <message>
        <source>Re&amp;name Group…</source>
        <translation>重命名组(&amp;N)…</translation>
    </message>
    <message>
        <source>Remo&amp;ve Group</source>
        <translation>删除组(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Can&apos;t See Your Device?</source>
        <translation>看不到你的设备？(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;About Ferry</source>
        <translation>关于 Ferry(&amp;A)</translation>
    </message>
    <message>
        <source>About Ferry</source>
        <translation>关于 Ferry</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ferry %1&lt;/b&gt;&lt;p&gt;Sends files to a peer on the local network, as fast as the hardware allows: zero-copy for small files, direct I/O for large ones.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Ferry %1&lt;/b&gt;&lt;p&gt;以硬件允许的最快速度向本地网络中的设备发送文件：小文件使用零拷贝，大文件使用直接 I/O。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Peers see this code when this device sends to them or they send to it: read it out to them so they can check it is really this device.</source>
        <translation>当此设备向其他设备发送文件或接收它们的文件时，对方会看到这个代码：把它念给对方听，以便对方确认确实是此设备。</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>此设备</translation>
    </message>
    <message>
        <source>Receive folder</source>
        <translation>接收文件夹</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Open the receive folder</source>
        <translation>打开接收文件夹</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>更改(&amp;C)…</translation>
    </message>
    <message>
        <source>Change the receive folder</source>
        <translation>更改接收文件夹</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Tra&amp;nsfers</source>
        <translation>传输(&amp;N)</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>历史记录(&amp;Y)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Peers&lt;/b&gt; — drop files or folders onto a peer to send them</source>
        <translation>&lt;b&gt;设备&lt;/b&gt; — 把文件或文件夹拖放到设备上即可发送</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>&amp;Show Ferry</source>
        <translation>显示 Ferry(&amp;S)</translation>
    </message>
    <message>
        <source>Open &amp;Receive Folder</source>
        <translation>打开接收文件夹(&amp;R)</translation>
    </message>
    <message>
        <source>Receive folder: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>接收文件夹：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This device: &lt;b&gt;%1&lt;/b&gt; — verification code &lt;span style=&quot;font-family: monospace; font-size: large; font-weight: bold&quot;&gt;%2&lt;/span&gt;</source>
        <translation>此设备：&lt;b&gt;%1&lt;/b&gt; — 验证码 &lt;span style=&quot;font-family: monospace; font-size: large; font-weight: bold&quot;&gt;%2&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Pinned devices not saved</source>
        <translation>已固定的设备未保存</translation>
    </message>
    <message>
        <source>Ferry could not save the pinned devices, so they apply only until it quits: %1</source>
        <translation>Ferry 无法保存已固定的设备，因此它们只在 Ferry 退出前有效：%1</translation>
    </message>
    <message>
        <source>Change the receive folder?</source>
        <translation>更改接收文件夹？</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) running. Changing the receive folder stops them; sending them again continues where they stopped. Change the folder now?</source>
        <translation>
            <numerusform>有 %n 个传输正在进行。更改接收文件夹会停止它们；重新发送时会从停止处继续。现在更改文件夹吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit Ferry?</source>
        <translation>退出 Ferry？</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) still running. Quitting stops them. Quit anyway?</source>
        <translation>
            <numerusform>仍有 %n 个传输正在进行。退出会停止它们。仍然退出吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Add a peer first (File → Add Peer…), then send again.</source>
        <translation>请先添加设备（文件 → 添加设备…），然后再发送。</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送到</translation>
    </message>
    <message>
        <source>Send %1 to:</source>
        <translation>将 %1 发送到：</translation>
    </message>
    <message>
        <source>Remove Peer</source>
        <translation>移除设备</translation>
    </message>
    <message>
        <source>Ferry is still sending to %1. Cancel that transfer or let it finish, then remove the peer.</source>
        <translation>Ferry 仍在向 %1 发送。请取消该传输或等它完成，然后再移除该设备。</translation>
    </message>
    <message>
        <source>Send Files to %1</source>
        <translation>发送文件到 %1</translation>
    </message>
    <message>
        <source>Send Folder to %1</source>
        <translation>发送文件夹到 %1</translation>
    </message>
    <message>
        <source>Add a peer first (File → Add Peer…).</source>
        <translation>请先添加设备（文件 → 添加设备…）。</translation>
    </message>
    <message numerus="yes">
        <source>%n peers</source>
        <translation>
            <numerusform>%n 台设备</numerusform>
        </translation>
    </message>
    <message>
        <source>Send to %1</source>
        <translation>发送到 %1</translation>
    </message>
    <message>
        <source>Nothing was sent: no member of “%1” is online (%2).</source>
        <translation>未发送任何内容：“%1”中没有在线的成员（%2）。</translation>
    </message>
    <message>
        <source>Not sent to %1: offline. The other members of “%2” get the files.</source>
        <translation>未发送到 %1：离线。“%2”的其他成员会收到这些文件。</translation>
    </message>
    <message>
        <source>Save Selection as Group</source>
        <translation>将所选保存为组</translation>
    </message>
    <message>
        <source>Select the peers first (Ctrl+click or Shift+click selects several).</source>
        <translation>请先选择设备（按住 Ctrl 或 Shift 单击可选择多个）。</translation>
    </message>
    <message numerus="yes">
        <source>Name for the group of %n peer(s) (a group of that name is replaced):</source>
        <translation>
            <numerusform>这 %n 台设备组成的组的名称（同名的组会被替换）：</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename Group</source>
        <translation>重命名组</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Incoming files</source>
        <translation>收到文件</translation>
    </message>
    <message>
        <source>%1 wants to send you %2.</source>
        <translation>%1 想向你发送 %2。</translation>
    </message>
    <message>
        <source>A device</source>
        <translation>一台设备</translation>
    </message>
    <message>
        <source>Offer declined</source>
        <translation>已拒绝传输请求</translation>
    </message>
    <message>
        <source>Transfer finished</source>
        <translation>传输完成</translation>
    </message>
    <message>
        <source>Transfer failed</source>
        <translation>传输失败</translation>
    </message>
    <message>
        <source>To %1: %2</source>
        <translation>发往 %1：%2</translation>
    </message>
    <message>
        <source>From %1: %2</source>
        <translation>来自 %1：%2</translation>
    </message>
    <message>
        <source>↑ to %1</source>
        <translation>↑ 发往 %1</translation>
    </message>
    <message>
        <source>↓ from %1</source>
        <translation>↓ 来自 %1</translation>
    </message>
    <message>
        <source>%1

Detail: %2</source>
        <translation>%1

详情：%2</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Open the folder of the transfer %1 %2</source>
        <translation>打开传输 %1 %2 的文件夹</translation>
    </message>
    <message>
        <source>Ferry is still running</source>
        <translation>Ferry 仍在运行</translation>
    </message>
    <message>
        <source>Ferry keeps receiving files in the tray.</source>
        <translation>Ferry 会在系统托盘中继续接收文件。</translation>
    </message>
    <message>
        <source>Send &amp;Text…</source>
        <translation>发送文本(&amp;T)…</translation>
    </message>
    <message>
        <source>Incoming text</source>
        <translation>收到文本</translation>
    </message>
    <message>
        <source>%1 wants to send you a text.</source>
        <translation>%1 想要向你发送一段文本。</translation>
    </message>
    <message>
        <source>Text from %1</source>
        <translation>来自 %1 的文本</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>复制文本</translation>
    </message>
    <message>
        <source>Copy the text of the transfer %1 %2</source>
        <translation>复制传输 %1 %2 的文本</translation>
    </message>
    <message>
        <source>Send &amp;Text to Group…</source>
        <translation>发送文本到组(&amp;T)…</translation>
    </message>
    <message>
        <source>Not sent to %1: offline. The other members of “%2” get the text.</source>
        <translation>未发送到 %1：离线。“%2”的其他成员会收到这段文本。</translation>
    </message>
</context>
<context>
    <name>ferry::gui::OfferDialog</name>
    <message>
        <source>Pinned: you chose to trust this device before.</source>
        <translation>已固定：你之前选择了信任此设备。</translation>
    </message>
    <message>
        <source>New device — compare this code with the one the sender&apos;s Ferry shows.</source>
        <translation>新设备 — 请将此代码与发送方 Ferry 显示的代码进行比对。</translation>
    </message>
    <message>
        <source>Incoming files from %1</source>
        <translation>来自 %1 的文件</translation>
    </message>
    <message>
        <source>Offered files</source>
        <translation>请求发送的文件</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>来自：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Verification code:</source>
        <translation>验证码：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Transfer:</source>
        <translation>传输：</translation>
    </message>
    <message>
        <source>Al&amp;ways accept from this device</source>
        <translation>始终接受来自此设备的文件(&amp;W)</translation>
    </message>
    <message>
        <source>Pins this device&apos;s identity: its offers are accepted without asking from now on (Settings → Pinned devices).</source>
        <translation>固定此设备的身份：从现在起，它的传输请求会被直接接受（设置 → 已固定的设备）。</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>拒绝(&amp;D)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Warning:&lt;/b&gt; this device uses the name “%1” of a device you pinned, but has a different identity: it may be an impostor. Accept only if you know why its identity changed (Ferry reinstalled there, say) and its code is the one its Ferry shows.</source>
        <translation>&lt;b&gt;警告：&lt;/b&gt;此设备使用了你已固定的设备名称“%1”，但身份不同：它可能是冒充者。只有在你知道其身份为何改变（例如对方重新安装了 Ferry），并且其代码与对方 Ferry 显示的一致时，才接受。</translation>
    </message>
    <message>
        <source>Declined automatically in %1.</source>
        <translation>将在 %1 后自动拒绝。</translation>
    </message>
    <message>
        <source>Names:</source>
        <translation>名称：</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) cannot be stored on this system as offered: saved under a safe name (see the list)</source>
        <translation>
            <numerusform>%n 个名称无法按原样保存在此系统上：将以安全名称保存（见列表）</numerusform>
        </translation>
    </message>
    <message>
        <source>Message from the sender</source>
        <translation>发送者的消息</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copies the message to the clipboard</source>
        <translation>将消息复制到剪贴板</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>消息(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Files to receive:</source>
        <translation>要接收的文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Save to…</source>
        <translation>保存到(&amp;S)…</translation>
    </message>
    <message>
        <source>Saves this transfer into another folder</source>
        <translation>将此次传输保存到另一个文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Receive %1 of %Ln file(s), %2</source>
        <translation>
            <numerusform>接收 %Ln 个文件中的 %1 个，%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder: the receive folder</source>
        <translation>文件夹：接收文件夹</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <source>Save This Transfer To</source>
        <translation>将此次传输保存到</translation>
    </message>
    <message>
        <source>%1 is not a folder: this transfer still goes to the folder above.</source>
        <translation>%1 不是文件夹：此次传输仍保存到上面的文件夹。</translation>
    </message>
    <message>
        <source>Ferry cannot save into %1: it writes only into the receive folder (%2) and the folders inside it. Choose a folder there, or change the receive folder in Settings.</source>
        <translation>Ferry 无法保存到 %1：它只写入接收文件夹（%2）及其中的文件夹。请在那里选择一个文件夹，或在设置中更改接收文件夹。</translation>
    </message>
    <message>
        <source>Incoming text from %1</source>
        <translation>来自 %1 的文本</translation>
    </message>
    <message>
        <source>%1 free on this disk</source>
        <translation>此磁盘可用空间 %1</translation>
    </message>
    <message>
        <source>Needs %1 more than the %2 free on this disk: untick some files, or save to another disk.</source>
        <translation>所需空间比此磁盘的可用空间 %2 多 %1：请取消勾选一些文件，或保存到其他磁盘。</translation>
    </message>
</context>
<context>
    <name>ferry::gui::OfferTreeModel</name>
    <message>
        <source>%1, saved as %2</source>
        <translation>%1，保存为 %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <comment>in a folder</comment>
        <translation>
            <numerusform>%Ln 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>ferry::gui::PeerList</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>验证码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Drop files or folders onto a peer to send them. Ctrl+click or Shift+click selects several peers; a drop on one of them sends to all.</source>
        <translation>把文件或文件夹拖放到设备上即可发送。按住 Ctrl 或 Shift 单击可选择多台设备；拖放到其中一台即发送给全部所选设备。</translation>
    </message>
    <message>
        <source>Added by address</source>
        <translation>按地址添加</translation>
    </message>
    <message>
        <source>Device id %1</source>
        <translation>设备 ID %1</translation>
    </message>
    <message>
        <source>On the network</source>
        <translation>在网络中</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Devices running Ferry on this network appear here. Drop files on one to send them.
Or type its address into the field below and press Enter.</source>
        <translation>此网络中运行 Ferry 的设备会显示在这里。把文件拖放到设备上即可发送。
也可以在下方输入框中输入其地址并按回车。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Last send failed</source>
        <translation>上次发送失败</translation>
    </message>
</context>
<context>
    <name>ferry::gui::PinnedDevicesEditor</name>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>验证码</translation>
    </message>
    <message>
        <source>Accept without asking</source>
        <translation>直接接受</translation>
    </message>
    <message>
        <source>Fast mode (unencrypted)</source>
        <translation>快速模式（未加密）</translation>
    </message>
    <message>
        <source>Fast mode (unencrypted file bytes, zero-copy) — only on trusted networks.</source>
        <translation>快速模式（文件内容未加密，零拷贝）— 仅限可信网络。</translation>
    </message>
    <message>
        <source>Pinned devices</source>
        <translation>已固定的设备</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Devices are pinned when you accept an offer with “Always accept from this device” (or with ferry-cli trust). “Accept without asking” applies unless the consent (General) is “Ask every time”. Fast mode sends file bytes unencrypted (zero-copy): use it only on trusted networks.</source>
        <translation>当你勾选“始终接受来自此设备的文件”接受传输请求时（或使用 ferry-cli trust），设备即被固定。除非“常规”中的许可设为“每次都询问”，否则“直接接受”生效。快速模式以未加密方式发送文件内容（零拷贝）：仅在可信网络中使用。</translation>
    </message>
</context>
<context>
    <name>ferry::gui::ReachabilityHelp</name>
    <message>
        <source>Can&apos;t See Your Device?</source>
        <translation>看不到你的设备？</translation>
    </message>
    <message>
        <source>Why a device may not appear</source>
        <translation>设备可能不显示的原因</translation>
    </message>
</context>
<context>
    <name>ferry::gui::SendTextDialog</name>
    <message>
        <source>Send Text to %1</source>
        <translation>向 %1 发送文本</translation>
    </message>
    <message>
        <source>Text to send</source>
        <translation>要发送的文本</translation>
    </message>
    <message>
        <source>&amp;Text for %1 (taken from the clipboard; edit it as you like):</source>
        <translation>给 %1 的文本(&amp;T)（取自剪贴板，可随意修改）：</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>%1 bytes (%2)</source>
        <translation>%1 字节（%2）</translation>
    </message>
    <message>
        <source>Too long to send: %1 bytes, at most %2.</source>
        <translation>太长，无法发送：%1 字节，最多 %2。</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s), %1 of at most %2.</source>
        <translation>
            <numerusform>%n 个字符，%1，最多 %2。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::gui::SettingsDialog</name>
    <message>
        <source>Ferry Settings</source>
        <translation>Ferry 设置</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>What another computer needs to pin this one: ferry-cli trust FINGERPRINT</source>
        <translation>另一台计算机固定此计算机所需的信息：ferry-cli trust 指纹</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>复制(&amp;O)</translation>
    </message>
    <message>
        <source>Copy the fingerprint</source>
        <translation>复制指纹</translation>
    </message>
    <message>
        <source>&amp;Discover peers on the local network and announce this device</source>
        <translation>在本地网络中发现设备并公布此设备(&amp;D)</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>此设备</translation>
    </message>
    <message>
        <source>Device &amp;name:</source>
        <translation>设备名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Fingerprint:</source>
        <translation>指纹(&amp;F)：</translation>
    </message>
    <message>
        <source>Receive folder</source>
        <translation>接收文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Nobody: ask every time, even pinned devices</source>
        <translation>无：每次都询问，已固定的设备也不例外</translation>
    </message>
    <message>
        <source>Pinned devices set to accept without asking</source>
        <translation>设为直接接受的已固定设备</translation>
    </message>
    <message>
        <source>Everybody (not recommended)</source>
        <translation>所有设备（不推荐）</translation>
    </message>
    <message>
        <source>A device that uses the name of a pinned device with another identity is always asked about.</source>
        <translation>如果某台设备使用已固定设备的名称但身份不同，总是会询问你。</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>&amp;Receive folder:</source>
        <translation>接收文件夹(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Who may send without asking:</source>
        <translation>无需询问即可发送的设备(&amp;W)：</translation>
    </message>
    <message>
        <source>Limit &amp;upload speed to</source>
        <translation>将上传速度限制为(&amp;U)</translation>
    </message>
    <message>
        <source>Limit upload speed</source>
        <translation>限制上传速度</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>All transfers together, for a slow or shared link; applies at once. One transfer&apos;s own limit: Limit Speed… in its menu.</source>
        <translation>所有传输合计，适用于慢速或共享的网络连接；立即生效。单个传输的限制：在其菜单中选择“限制速度…”。</translation>
    </message>
    <message>
        <source>Start &amp;minimized to the tray</source>
        <translation>启动时最小化到系统托盘(&amp;M)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
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
        <source>System: light or dark as the desktop is set.</source>
        <translation>跟随系统：按桌面设置使用浅色或深色。</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Automatic (by size)</source>
        <translation>自动（按大小）</translation>
    </message>
    <message>
        <source>Always zero-copy</source>
        <translation>始终零拷贝</translation>
    </message>
    <message>
        <source>Always direct I/O</source>
        <translation>始终直接 I/O</translation>
    </message>
    <message>
        <source>Always buffered</source>
        <translation>始终缓冲</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>Direct I/O &amp;threshold:</source>
        <translation>直接 I/O 阈值(&amp;T)：</translation>
    </message>
    <message>
        <source>Files this big or bigger bypass the page cache, so one large transfer does not push out what other programs keep there.</source>
        <translation>达到或超过此大小的文件会绕过页面缓存，以免一次大型传输挤掉其他程序缓存的内容。</translation>
    </message>
    <message>
        <source>&amp;Strategy:</source>
        <translation>策略(&amp;S)：</translation>
    </message>
    <message>
        <source>For diagnosis: move every file the same way, whatever its size.</source>
        <translation>用于诊断：无论大小，所有文件都用同一种方式传输。</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Where this device listens for offers (53740 unless you change it).</source>
        <translation>此设备监听传输请求的端口（默认为 53740）。</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <source>P&amp;inned devices</source>
        <translation>已固定的设备(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>高级(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keep the executable bit and read-only flag of received files</source>
        <translation>保留接收文件的可执行位和只读属性(&amp;K)</translation>
    </message>
    <message>
        <source>Where both systems have them. Modification times are always kept.</source>
        <translation>在两个系统都支持时保留。修改时间总会保留。</translation>
    </message>
</context>
<context>
    <name>ferry::gui::SpeedLimitDialog</name>
    <message>
        <source>Limit Speed</source>
        <translation>限制速度</translation>
    </message>
    <message>
        <source>How fast this transfer to %1 may send, from now on.</source>
        <translation>从现在起，这个发往 %1 的传输最快可以多快发送。</translation>
    </message>
    <message>
        <source>&amp;Limit this transfer to</source>
        <translation>将此传输限制为(&amp;L)</translation>
    </message>
    <message>
        <source>Limit this transfer&apos;s speed</source>
        <translation>限制此传输的速度</translation>
    </message>
    <message>
        <source>All transfers together send at most %1 (Settings).</source>
        <translation>所有传输合计最多发送 %1（设置）。</translation>
    </message>
    <message>
        <source>All transfers together: no limit (Settings can set one).</source>
        <translation>所有传输合计：不限速（可在设置中设定）。</translation>
    </message>
</context>
<context>
    <name>ferry::gui::SpeedLimitEditor</name>
    <message>
        <source> MiB/s</source>
        <translation> MiB/秒</translation>
    </message>
    <message>
        <source>Upload speed limit in MiB/s</source>
        <translation>上传速度限制，单位 MiB/秒</translation>
    </message>
</context>
<context>
    <name>ferry::gui::ThresholdEditor</name>
    <message>
        <source>Direct I/O threshold</source>
        <translation>直接 I/O 阈值</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Direct I/O threshold in MiB</source>
        <translation>直接 I/O 阈值，单位 MiB</translation>
    </message>
    <message>
        <source>Reset to &amp;default</source>
        <translation>恢复默认值(&amp;D)</translation>
    </message>
    <message>
        <source>Files below the threshold go zero-copy through the page cache: fastest for small, often-used files. Files at or above it use direct I/O, which keeps huge files from pushing everything else out of the page cache.</source>
        <translation>低于阈值的文件经页面缓存以零拷贝方式传输：对常用的小文件最快。达到或超过阈值的文件使用直接 I/O，以免超大文件把其他内容挤出页面缓存。</translation>
    </message>
</context>
<context>
    <name>ferry::gui::TransferList</name>
    <message>
        <source>Transfer</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>正在接收…</translation>
    </message>
    <message>
        <source>%1%2 · %3</source>
        <translation>%1%2 · %3</translation>
    </message>
    <message>
        <source>%1 at %2, code %3: %4</source>
        <translation>%1（%2），验证码 %3：%4</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Already there</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>The receiver already had this file, identical: nothing was sent.</source>
        <translation>接收方已有完全相同的此文件：未发送任何内容。</translation>
    </message>
    <message>
        <source>Done · %1 · resumed at %2</source>
        <translation>完成 · %1 · 从 %2 处继续</translation>
    </message>
    <message>
        <source>Done · %1</source>
        <translation>完成 · %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1

Detail: %2</source>
        <translation>%1

详情：%2</translation>
    </message>
    <message>
        <source>Waiting for %1 to accept…</source>
        <translation>正在等待 %1 接受…</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) already there</source>
        <translation>
            <numerusform>%n 个文件已存在</numerusform>
        </translation>
    </message>
    <message>
        <source>Done in %1</source>
        <translation>用时 %1 完成</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed, resumed in a new transfer</source>
        <translation>失败，已在新的传输中继续</translation>
    </message>
    <message>
        <source>Limited to %1</source>
        <translation>限速 %1</translation>
    </message>
    <message>
        <source>Cancel transfer</source>
        <translation>取消传输</translation>
    </message>
    <message>
        <source>Resume transfer</source>
        <translation>继续传输</translation>
    </message>
    <message>
        <source>Limit speed…</source>
        <translation>限制速度…</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已结束的传输</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more file(s)</source>
        <translation>
            <numerusform>… 以及另外 %n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Text (%n character(s))</source>
        <translation>
            <numerusform>文本（%n 个字符）</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped by the receiver</source>
        <translation>被接收方跳过</translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation>未接收</translation>
    </message>
    <message>
        <source>Failed: %1 · %2</source>
        <translation>失败：%1 · %2</translation>
    </message>
</context>
</TS>
