<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>QObject</name>
    <message>
        <source>none found: is this device connected?</source>
        <translation>keine gefunden: Ist dieses Gerät mit einem Netzwerk verbunden?</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Can&apos;t see your device?&lt;/h3&gt;&lt;p&gt;Ferry finds other devices by multicast on the local network. When it hears nobody within a few seconds, it asks every address of this device&apos;s subnets (the 254 addresses that share the first three numbers) directly. A device can still stay hidden:&lt;/p&gt;&lt;p&gt;&lt;b&gt;This device&lt;/b&gt;: %1; receives on TCP port %2, finds peers on UDP port %3.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Ferry does not run there.&lt;/b&gt; Check: the other device&apos;s window says “Receiving as … on port …” at the bottom (&lt;code&gt;ferry-cli receive&lt;/code&gt; prints “Listening on”).&lt;/li&gt;&lt;li&gt;&lt;b&gt;A firewall.&lt;/b&gt; Ferry needs TCP port %2 and UDP port %3 open for incoming traffic on both devices. Linux with ufw: &lt;code&gt;sudo ufw allow %2/tcp&lt;/code&gt; and &lt;code&gt;sudo ufw allow %3/udp&lt;/code&gt;; with firewalld: &lt;code&gt;sudo firewall-cmd --permanent --add-port=%2/tcp --add-port=%3/udp&lt;/code&gt; then &lt;code&gt;sudo firewall-cmd --reload&lt;/code&gt;. Windows: Ferry&apos;s installer adds two inbound rules named “Ferry” (TCP %4, UDP %3) for every program, so both ferry.exe and ferry-cli.exe are reached; check with &lt;code&gt;netsh advfirewall firewall show rule name=Ferry&lt;/code&gt;. If Windows once asked whether to let Ferry through and the question was cancelled, it added rules blocking ferry.exe, which win over allowing ones: remove them under Windows Security → Firewall → Allow an app through firewall. Another TCP port chosen in Settings needs a rule of its own.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Access point or client isolation&lt;/b&gt; (often on guest and public Wi-Fi): the access point drops traffic between its clients. Check: &lt;code&gt;ping&lt;/code&gt; the other device&apos;s address; when it does not answer, turn isolation off in the router or use another network.&lt;/li&gt;&lt;li&gt;&lt;b&gt;A VPN&lt;/b&gt; on either device may send local traffic into its tunnel or block the local network. Check: disconnect it, or allow “local network access” in its settings.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Another subnet or VLAN&lt;/b&gt; (wired and Wi-Fi apart, a guest network): discovery stays on its link and Ferry asks only its own subnet. Check: compare the first three numbers of both addresses; if they differ, add the peer by address.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Multicast filtered&lt;/b&gt; (IGMP snooping, multicast turned into unicast by the access point): Ferry&apos;s direct questions cover the device&apos;s own subnet; beyond it, add the peer by address.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Adding a peer by address works wherever TCP port %2 is reachable: type the other device&apos;s address (e.g. 192.168.1.7) into the field under the peer list and press Enter, or use File → Add Peer….&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Ihr Gerät wird nicht angezeigt?&lt;/h3&gt;&lt;p&gt;Ferry findet andere Geräte per Multicast im lokalen Netzwerk. Meldet sich innerhalb weniger Sekunden niemand, fragt es jede Adresse der Subnetze dieses Geräts (die 254 Adressen mit denselben ersten drei Zahlen) direkt an. Ein Gerät kann trotzdem verborgen bleiben:&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dieses Gerät&lt;/b&gt;: %1; empfängt auf TCP-Port %2, findet andere Geräte auf UDP-Port %3.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Ferry läuft dort nicht.&lt;/b&gt; Prüfen: Das Fenster des anderen Geräts zeigt unten „Empfängt als … auf Port …“ (&lt;code&gt;ferry-cli receive&lt;/code&gt; gibt „Listening on“ aus).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Eine Firewall.&lt;/b&gt; Ferry braucht auf beiden Geräten TCP-Port %2 und UDP-Port %3 offen für eingehenden Verkehr. Linux mit ufw: &lt;code&gt;sudo ufw allow %2/tcp&lt;/code&gt; und &lt;code&gt;sudo ufw allow %3/udp&lt;/code&gt;; mit firewalld: &lt;code&gt;sudo firewall-cmd --permanent --add-port=%2/tcp --add-port=%3/udp&lt;/code&gt;, dann &lt;code&gt;sudo firewall-cmd --reload&lt;/code&gt;. Windows: Das Installationsprogramm von Ferry legt zwei eingehende Regeln namens „Ferry“ (TCP %4, UDP %3) für alle Programme an, sodass ferry.exe und ferry-cli.exe erreichbar sind; prüfen mit &lt;code&gt;netsh advfirewall firewall show rule name=Ferry&lt;/code&gt;. Hat Windows einmal gefragt, ob Ferry durchgelassen werden soll, und wurde die Frage abgebrochen, hat es Regeln angelegt, die ferry.exe blockieren und Vorrang vor erlaubenden Regeln haben: Entfernen Sie sie unter Windows-Sicherheit → Firewall → App durch Firewall zulassen. Ein anderer TCP-Port aus den Einstellungen braucht eine eigene Regel.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Access-Point- oder Client-Isolation&lt;/b&gt; (oft in Gast- und öffentlichen WLANs): Der Access Point verwirft den Verkehr zwischen seinen Clients. Prüfen: &lt;code&gt;ping&lt;/code&gt; an die Adresse des anderen Geräts; antwortet es nicht, schalten Sie die Isolation im Router ab oder nutzen Sie ein anderes Netzwerk.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Ein VPN&lt;/b&gt; auf einem der Geräte kann lokalen Verkehr in seinen Tunnel leiten oder das lokale Netzwerk sperren. Prüfen: Trennen Sie es oder erlauben Sie in seinen Einstellungen den „Zugriff auf das lokale Netzwerk“.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Ein anderes Subnetz oder VLAN&lt;/b&gt; (Kabel und WLAN getrennt, ein Gastnetz): Die Suche bleibt in ihrem Netzsegment, und Ferry fragt nur das eigene Subnetz an. Prüfen: Vergleichen Sie die ersten drei Zahlen beider Adressen; unterscheiden sie sich, fügen Sie das Gerät über seine Adresse hinzu.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Gefiltertes Multicast&lt;/b&gt; (IGMP-Snooping, vom Access Point in Unicast umgewandeltes Multicast): Ferrys direkte Anfragen decken das eigene Subnetz des Geräts ab; darüber hinaus fügen Sie das Gerät über seine Adresse hinzu.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Ein Gerät über seine Adresse hinzuzufügen funktioniert überall, wo TCP-Port %2 erreichbar ist: Geben Sie die Adresse des anderen Geräts (z. B. 192.168.1.7) in das Feld unter der Geräteliste ein und drücken Sie die Eingabetaste, oder wählen Sie Datei → Gerät hinzufügen….&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ferry</name>
    <message>
        <source>System default</source>
        <comment>the language</comment>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>You cancelled it.</source>
        <translation>Sie haben sie abgebrochen.</translation>
    </message>
    <message>
        <source>%1 cancelled it.</source>
        <translation>%1 hat sie abgebrochen.</translation>
    </message>
    <message>
        <source>%1 declined it.</source>
        <translation>%1 hat sie abgelehnt.</translation>
    </message>
    <message>
        <source>You declined it.</source>
        <translation>Sie haben sie abgelehnt.</translation>
    </message>
    <message>
        <source>%1 declined it without asking (it may be busy, or short of space).</source>
        <translation>%1 hat sie ohne Nachfrage abgelehnt (vielleicht ausgelastet oder mit zu wenig Speicherplatz).</translation>
    </message>
    <message>
        <source>Ferry declined it without asking (busy, short of space, or the offer was not valid).</source>
        <translation>Ferry hat sie ohne Nachfrage abgelehnt (ausgelastet, zu wenig Speicherplatz oder ein ungültiges Angebot).</translation>
    </message>
    <message>
        <source>Could not connect to %1. Check its address and port, that Ferry runs there, and that no firewall blocks it.</source>
        <translation>Keine Verbindung zu %1. Prüfen Sie Adresse und Port, ob Ferry dort läuft und ob eine Firewall die Verbindung blockiert.</translation>
    </message>
    <message>
        <source>%1 did not answer. Check its address and port, that Ferry runs there, and that no firewall blocks it.</source>
        <translation>%1 hat nicht geantwortet. Prüfen Sie Adresse und Port, ob Ferry dort läuft und ob eine Firewall die Verbindung blockiert.</translation>
    </message>
    <message>
        <source>Another device answered at %1&apos;s address, so nothing was sent. Check its verification code.</source>
        <translation>Unter der Adresse von %1 hat ein anderes Gerät geantwortet, daher wurde nichts gesendet. Prüfen Sie seinen Prüfcode.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost.</source>
        <translation>Die Verbindung zu %1 ist abgebrochen.</translation>
    </message>
    <message>
        <source>%1 stopped responding.</source>
        <translation>%1 reagiert nicht mehr.</translation>
    </message>
    <message>
        <source>%1 cannot write to its receive folder.</source>
        <translation>%1 kann nicht in seinen Empfangsordner schreiben.</translation>
    </message>
    <message>
        <source>The receive folder %1 cannot be written to. Choose another in Settings.</source>
        <translation>In den Empfangsordner %1 kann nicht geschrieben werden. Wählen Sie in den Einstellungen einen anderen.</translation>
    </message>
    <message>
        <source>%1 has no space left for it.</source>
        <translation>%1 hat keinen Platz mehr dafür.</translation>
    </message>
    <message>
        <source>The disk of the receive folder %1 is full. Free some space or choose another folder in Settings.</source>
        <translation>Der Datenträger des Empfangsordners %1 ist voll. Geben Sie Speicherplatz frei oder wählen Sie in den Einstellungen einen anderen Ordner.</translation>
    </message>
    <message>
        <source>A file could not be read. Check that it still exists and that you may read it.</source>
        <translation>Eine Datei konnte nicht gelesen werden. Prüfen Sie, ob sie noch existiert und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <source>%1 could not read one of its files.</source>
        <translation>%1 konnte eine seiner Dateien nicht lesen.</translation>
    </message>
    <message>
        <source>A file changed while it was being sent. Send it again when it is finished.</source>
        <translation>Eine Datei hat sich während des Sendens geändert. Senden Sie sie erneut, wenn sie fertig ist.</translation>
    </message>
    <message>
        <source>A file changed at %1 while it was being sent.</source>
        <translation>Eine Datei hat sich auf %1 während des Sendens geändert.</translation>
    </message>
    <message>
        <source>What arrived did not match what was sent, so it was not kept. Send it again.</source>
        <translation>Was ankam, stimmte nicht mit dem Gesendeten überein und wurde daher nicht behalten. Senden Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 sent something this Ferry does not understand (another version?).</source>
        <translation>%1 hat etwas gesendet, das dieses Ferry nicht versteht (eine andere Version?).</translation>
    </message>
    <message>
        <source>Resume sends the rest.</source>
        <translation>Fortsetzen sendet den Rest.</translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>a speed: bytes per second</comment>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>a duration: hours, minutes</comment>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <comment>a duration: minutes, seconds</comment>
        <translation>%1 Min. %2 Sek.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>a duration: seconds</comment>
        <translation>%1 Sek.</translation>
    </message>
    <message>
        <source>zero-copy</source>
        <translation>Zero-Copy</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direkt</translation>
    </message>
    <message>
        <source>buffered</source>
        <translation>gepuffert</translation>
    </message>
    <message>
        <source>Below the direct I/O threshold: sent from the page cache by the kernel, no copy through Ferry.</source>
        <translation>Unter der Direct-I/O-Schwelle: vom Kernel aus dem Seitencache gesendet, ohne Kopie durch Ferry.</translation>
    </message>
    <message>
        <source>At or above the direct I/O threshold: read and written around the page cache, so it stays free for other files.</source>
        <translation>Ab der Direct-I/O-Schwelle: am Seitencache vorbei gelesen und geschrieben, sodass er für andere Dateien frei bleibt.</translation>
    </message>
    <message>
        <source>Plain reads and writes through a buffer.</source>
        <translation>Einfaches Lesen und Schreiben über einen Puffer.</translation>
    </message>
    <message>
        <source>Ferry cannot start</source>
        <translation>Ferry kann nicht starten</translation>
    </message>
    <message>
        <source>Ferry could not load this device&apos;s identity or its pinned devices from %1:

%2</source>
        <translation>Ferry konnte die Identität dieses Geräts oder seine angehefteten Geräte nicht aus %1 laden:

%2</translation>
    </message>
    <message>
        <source>Ferry is in portable mode (a file named &quot;portable&quot; is next to it) but cannot create its data folder %1.</source>
        <translation>Ferry ist im portablen Modus (neben dem Programm liegt eine Datei namens „portable“), kann aber seinen Datenordner %1 nicht anlegen.</translation>
    </message>
    <message>
        <source>Ferry is already running</source>
        <translation>Ferry läuft bereits</translation>
    </message>
    <message>
        <source>Another Ferry of this user is running but does not answer. End it, then start Ferry again.</source>
        <translation>Ein anderes Ferry dieses Benutzers läuft, antwortet aber nicht. Beenden Sie es und starten Sie Ferry dann erneut.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <source>NOT the pinned device of that name</source>
        <translation>NICHT das angeheftete Gerät dieses Namens</translation>
    </message>
    <message>
        <source>New device</source>
        <translation>Neues Gerät</translation>
    </message>
    <message>
        <source>Fast mode</source>
        <translation>Schnellmodus</translation>
    </message>
    <message>
        <source>Encrypted, kernel TLS</source>
        <translation>Verschlüsselt, Kernel-TLS</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Verschlüsselt</translation>
    </message>
    <message>
        <source>Fast mode (file bytes unencrypted)</source>
        <translation>Schnellmodus (Dateiinhalte unverschlüsselt)</translation>
    </message>
    <message>
        <source>Encrypted: everything went over TLS 1.3 between the two devices&apos; identities; this computer&apos;s kernel encrypted what it sent, so files went zero-copy.</source>
        <translation>Verschlüsselt: Alles lief über TLS 1.3 zwischen den Identitäten der beiden Geräte; der Kernel dieses Computers hat das Gesendete verschlüsselt, sodass die Dateien per Zero-Copy übertragen wurden.</translation>
    </message>
    <message>
        <source>Fast mode: the devices checked each other&apos;s identity over TLS 1.3, then the file bytes went unencrypted (zero-copy), each file&apos;s digest authenticated with a key from TLS. Anyone on the network can read them: for trusted networks only.</source>
        <translation>Schnellmodus: Die Geräte haben ihre Identitäten gegenseitig über TLS 1.3 geprüft, dann wurden die Dateiinhalte unverschlüsselt (Zero-Copy) übertragen, die Prüfsumme jeder Datei mit einem Schlüssel aus TLS authentifiziert. Jeder im Netzwerk kann sie mitlesen: nur für vertrauenswürdige Netzwerke.</translation>
    </message>
    <message>
        <source>Encrypted: everything went over TLS 1.3 between the two devices&apos; identities.</source>
        <translation>Verschlüsselt: Alles lief über TLS 1.3 zwischen den Identitäten der beiden Geräte.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <comment>a count of files</comment>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) failed</source>
        <comment>a count of files</comment>
        <translation>
            <numerusform>%n Datei fehlgeschlagen</numerusform>
            <numerusform>%n Dateien fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1%</source>
        <comment>a percentage</comment>
        <translation>%1 %</translation>
    </message>
    <message numerus="yes">
        <source>Text, %n character(s)</source>
        <translation>
            <numerusform>Text, %n Zeichen</numerusform>
            <numerusform>Text, %n Zeichen</numerusform>
        </translation>
    </message>
    <message>
        <source>The text was kept in memory only and is gone: Ferry was closed.</source>
        <translation>Der Text wurde nur im Arbeitsspeicher gehalten und ist fort: Ferry wurde beendet.</translation>
    </message>
    <message>
        <source>%1

Kept in memory only, never written to disk: gone after Ferry closes. Copy it (Enter) to keep it.</source>
        <translation>%1

Nur im Arbeitsspeicher gehalten, nie auf die Festplatte geschrieben: fort, sobald Ferry beendet wird. Kopieren (Eingabetaste), um ihn zu behalten.</translation>
    </message>
    <message numerus="yes">
        <source>%n skipped by the receiver</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n vom Empfänger ausgelassen</numerusform>
            <numerusform>%n vom Empfänger ausgelassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not taken</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n nicht angenommen</numerusform>
            <numerusform>%n nicht angenommen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::gui::AddPeerDialog</name>
    <message>
        <source>Add Peer</source>
        <translation>Gerät hinzufügen</translation>
    </message>
    <message>
        <source>e.g. Office laptop</source>
        <translation>z. B. Büro-Laptop</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.7 or 192.168.1.7:%1</source>
        <translation>z. B. 192.168.1.7 oder 192.168.1.7:%1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
</context>
<context>
    <name>ferry::gui::AddressBar</name>
    <message>
        <source>Add a peer by address, e.g. 192.168.1.7, then press Enter</source>
        <translation>Gerät über seine Adresse hinzufügen, z. B. 192.168.1.7, dann Eingabetaste drücken</translation>
    </message>
    <message>
        <source>Add a peer by address</source>
        <translation>Gerät über seine Adresse hinzufügen</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>Problem mit der Adresse</translation>
    </message>
    <message>
        <source>Can&apos;t see your device?</source>
        <translation>Ihr Gerät wird nicht angezeigt?</translation>
    </message>
</context>
<context>
    <name>ferry::gui::GroupList</name>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Drop files or folders onto a group to send them to every member.</source>
        <translation>Ziehen Sie Dateien oder Ordner auf eine Gruppe, um sie an jedes Mitglied zu senden.</translation>
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
        <translation>Empfängt als „%1“ auf Port %2</translation>
    </message>
    <message>
        <source>Not receiving: %1</source>
        <translation>Empfängt nicht: %1</translation>
    </message>
    <message>
        <source>Ferry cannot receive</source>
        <translation>Ferry kann nicht empfangen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Send &amp;Files…</source>
        <translation>&amp;Dateien senden…</translation>
    </message>
    <message>
        <source>Send F&amp;older…</source>
        <translation>&amp;Ordner senden…</translation>
    </message>
    <message>
        <source>&amp;Add Peer…</source>
        <translation>Gerät &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove Peer</source>
        <translation>Gerät &amp;entfernen</translation>
    </message>
    <message>
        <source>Save Selection as &amp;Group…</source>
        <translation>Auswahl als &amp;Gruppe speichern…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Ein&amp;stellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Transfers</source>
        <translation>Ü&amp;bertragungen</translation>
    </message>
    <message>
        <source>&amp;Cancel Transfer</source>
        <translation>Übertragung &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;Resume Transfer</source>
        <translation>Übertragung &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Limit &amp;Speed…</source>
        <translation>&amp;Geschwindigkeit begrenzen…</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>Abgeschlossene &amp;entfernen</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Send &amp;Files to Group…</source>
        <translation>&amp;Dateien an Gruppe senden…</translation>
    </message>
    <message>
        <source>Send F&amp;older to Group…</source>
        <translation>&amp;Ordner an Gruppe senden…</translation>
    </message>
    <message>
        <source>Re&amp;name Group…</source>
        <translation>Gruppe &amp;umbenennen…</translation>
    </message>
    <message>
        <source>Remo&amp;ve Group</source>
        <translation>Gruppe &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Can&apos;t See Your Device?</source>
        <translation>&amp;Gerät wird nicht angezeigt?</translation>
    </message>
    <message>
        <source>&amp;About Ferry</source>
        <translation>&amp;Über Ferry</translation>
    </message>
    <message>
        <source>About Ferry</source>
        <translation>Über Ferry</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ferry %1&lt;/b&gt;&lt;p&gt;Sends files to a peer on the local network, as fast as the hardware allows: zero-copy for small files, direct I/O for large ones.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Ferry %1&lt;/b&gt;&lt;p&gt;Sendet Dateien an ein Gerät im lokalen Netzwerk, so schnell wie die Hardware es erlaubt: Zero-Copy für kleine Dateien, Direct I/O für große.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Peers see this code when this device sends to them or they send to it: read it out to them so they can check it is really this device.</source>
        <translation>Andere Geräte sehen diesen Code, wenn dieses Gerät ihnen sendet oder sie ihm senden: Lesen Sie ihn vor, damit sie prüfen können, dass es wirklich dieses Gerät ist.</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <source>Receive folder</source>
        <translation>Empfangsordner</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open the receive folder</source>
        <translation>Den Empfangsordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>Ä&amp;ndern…</translation>
    </message>
    <message>
        <source>Change the receive folder</source>
        <translation>Den Empfangsordner ändern</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Übertragung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Tra&amp;nsfers</source>
        <translation>Über&amp;tragungen</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>&lt;b&gt;Peers&lt;/b&gt; — drop files or folders onto a peer to send them</source>
        <translation>&lt;b&gt;Geräte&lt;/b&gt; – ziehen Sie Dateien oder Ordner auf ein Gerät, um sie zu senden</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>&amp;Show Ferry</source>
        <translation>Ferry &amp;anzeigen</translation>
    </message>
    <message>
        <source>Open &amp;Receive Folder</source>
        <translation>&amp;Empfangsordner öffnen</translation>
    </message>
    <message>
        <source>Receive folder: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Empfangsordner: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This device: &lt;b&gt;%1&lt;/b&gt; — verification code &lt;span style=&quot;font-family: monospace; font-size: large; font-weight: bold&quot;&gt;%2&lt;/span&gt;</source>
        <translation>Dieses Gerät: &lt;b&gt;%1&lt;/b&gt; – Prüfcode &lt;span style=&quot;font-family: monospace; font-size: large; font-weight: bold&quot;&gt;%2&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Pinned devices not saved</source>
        <translation>Angeheftete Geräte nicht gespeichert</translation>
    </message>
    <message>
        <source>Ferry could not save the pinned devices, so they apply only until it quits: %1</source>
        <translation>Ferry konnte die angehefteten Geräte nicht speichern; sie gelten daher nur, bis Ferry beendet wird: %1</translation>
    </message>
    <message>
        <source>Change the receive folder?</source>
        <translation>Empfangsordner ändern?</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) running. Changing the receive folder stops them; sending them again continues where they stopped. Change the folder now?</source>
        <translation>
            <numerusform>Eine Übertragung läuft. Das Ändern des Empfangsordners stoppt sie; erneutes Senden setzt sie dort fort, wo sie stehen blieb. Ordner jetzt ändern?</numerusform>
            <numerusform>%n Übertragungen laufen. Das Ändern des Empfangsordners stoppt sie; erneutes Senden setzt sie dort fort, wo sie stehen blieben. Ordner jetzt ändern?</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit Ferry?</source>
        <translation>Ferry beenden?</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) still running. Quitting stops them. Quit anyway?</source>
        <translation>
            <numerusform>Eine Übertragung läuft noch. Beenden stoppt sie. Trotzdem beenden?</numerusform>
            <numerusform>%n Übertragungen laufen noch. Beenden stoppt sie. Trotzdem beenden?</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Add a peer first (File → Add Peer…), then send again.</source>
        <translation>Fügen Sie zuerst ein Gerät hinzu (Datei → Gerät hinzufügen…) und senden Sie dann erneut.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Senden an</translation>
    </message>
    <message>
        <source>Send %1 to:</source>
        <translation>%1 senden an:</translation>
    </message>
    <message>
        <source>Remove Peer</source>
        <translation>Gerät entfernen</translation>
    </message>
    <message>
        <source>Ferry is still sending to %1. Cancel that transfer or let it finish, then remove the peer.</source>
        <translation>Ferry sendet noch an %1. Brechen Sie diese Übertragung ab oder lassen Sie sie zu Ende laufen, und entfernen Sie das Gerät dann.</translation>
    </message>
    <message>
        <source>Send Files to %1</source>
        <translation>Dateien an %1 senden</translation>
    </message>
    <message>
        <source>Send Folder to %1</source>
        <translation>Ordner an %1 senden</translation>
    </message>
    <message>
        <source>Add a peer first (File → Add Peer…).</source>
        <translation>Fügen Sie zuerst ein Gerät hinzu (Datei → Gerät hinzufügen…).</translation>
    </message>
    <message numerus="yes">
        <source>%n peers</source>
        <translation>
            <numerusform>%n Gerät</numerusform>
            <numerusform>%n Geräte</numerusform>
        </translation>
    </message>
    <message>
        <source>Send to %1</source>
        <translation>An %1 senden</translation>
    </message>
    <message>
        <source>Nothing was sent: no member of “%1” is online (%2).</source>
        <translation>Nichts wurde gesendet: Kein Mitglied von „%1“ ist online (%2).</translation>
    </message>
    <message>
        <source>Not sent to %1: offline. The other members of “%2” get the files.</source>
        <translation>Nicht an %1 gesendet: offline. Die anderen Mitglieder von „%2“ erhalten die Dateien.</translation>
    </message>
    <message>
        <source>Save Selection as Group</source>
        <translation>Auswahl als Gruppe speichern</translation>
    </message>
    <message>
        <source>Select the peers first (Ctrl+click or Shift+click selects several).</source>
        <translation>Wählen Sie zuerst die Geräte aus (Strg+Klick oder Umschalt+Klick wählt mehrere).</translation>
    </message>
    <message numerus="yes">
        <source>Name for the group of %n peer(s) (a group of that name is replaced):</source>
        <translation>
            <numerusform>Name für die Gruppe aus %n Gerät (eine Gruppe dieses Namens wird ersetzt):</numerusform>
            <numerusform>Name für die Gruppe aus %n Geräten (eine Gruppe dieses Namens wird ersetzt):</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename Group</source>
        <translation>Gruppe umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Incoming files</source>
        <translation>Eingehende Dateien</translation>
    </message>
    <message>
        <source>%1 wants to send you %2.</source>
        <translation>%1 möchte Ihnen %2 senden.</translation>
    </message>
    <message>
        <source>A device</source>
        <translation>Ein Gerät</translation>
    </message>
    <message>
        <source>Offer declined</source>
        <translation>Angebot abgelehnt</translation>
    </message>
    <message>
        <source>Transfer finished</source>
        <translation>Übertragung abgeschlossen</translation>
    </message>
    <message>
        <source>Transfer failed</source>
        <translation>Übertragung fehlgeschlagen</translation>
    </message>
    <message>
        <source>To %1: %2</source>
        <translation>An %1: %2</translation>
    </message>
    <message>
        <source>From %1: %2</source>
        <translation>Von %1: %2</translation>
    </message>
    <message>
        <source>↑ to %1</source>
        <translation>↑ an %1</translation>
    </message>
    <message>
        <source>↓ from %1</source>
        <translation>↓ von %1</translation>
    </message>
    <message>
        <source>%1

Detail: %2</source>
        <translation>%1

Detail: %2</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Open the folder of the transfer %1 %2</source>
        <translation>Den Ordner der Übertragung %1 %2 öffnen</translation>
    </message>
    <message>
        <source>Ferry is still running</source>
        <translation>Ferry läuft weiter</translation>
    </message>
    <message>
        <source>Ferry keeps receiving files in the tray.</source>
        <translation>Ferry empfängt im Infobereich weiter Dateien.</translation>
    </message>
    <message>
        <source>Send &amp;Text…</source>
        <translation>&amp;Text senden…</translation>
    </message>
    <message>
        <source>Incoming text</source>
        <translation>Eingehender Text</translation>
    </message>
    <message>
        <source>%1 wants to send you a text.</source>
        <translation>%1 möchte Ihnen einen Text senden.</translation>
    </message>
    <message>
        <source>Text from %1</source>
        <translation>Text von %1</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Text kopieren</translation>
    </message>
    <message>
        <source>Copy the text of the transfer %1 %2</source>
        <translation>Den Text der Übertragung %1 %2 kopieren</translation>
    </message>
    <message>
        <source>Send &amp;Text to Group…</source>
        <translation>&amp;Text an Gruppe senden…</translation>
    </message>
    <message>
        <source>Not sent to %1: offline. The other members of “%2” get the text.</source>
        <translation>Nicht an %1 gesendet: offline. Die anderen Mitglieder von „%2“ erhalten den Text.</translation>
    </message>
</context>
<context>
    <name>ferry::gui::OfferDialog</name>
    <message>
        <source>Pinned: you chose to trust this device before.</source>
        <translation>Angeheftet: Sie haben diesem Gerät schon früher vertraut.</translation>
    </message>
    <message>
        <source>New device — compare this code with the one the sender&apos;s Ferry shows.</source>
        <translation>Neues Gerät – vergleichen Sie diesen Code mit dem, den das Ferry des Absenders anzeigt.</translation>
    </message>
    <message>
        <source>Incoming files from %1</source>
        <translation>Eingehende Dateien von %1</translation>
    </message>
    <message>
        <source>Offered files</source>
        <translation>Angebotene Dateien</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Verification code:</source>
        <translation>Prüfcode:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Transfer:</source>
        <translation>Übertragung:</translation>
    </message>
    <message>
        <source>Al&amp;ways accept from this device</source>
        <translation>Von diesem Gerät &amp;immer annehmen</translation>
    </message>
    <message>
        <source>Pins this device&apos;s identity: its offers are accepted without asking from now on (Settings → Pinned devices).</source>
        <translation>Heftet die Identität dieses Geräts an: Seine Angebote werden ab jetzt ohne Nachfrage angenommen (Einstellungen → Angeheftete Geräte).</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Annehmen</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>A&amp;blehnen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Warning:&lt;/b&gt; this device uses the name “%1” of a device you pinned, but has a different identity: it may be an impostor. Accept only if you know why its identity changed (Ferry reinstalled there, say) and its code is the one its Ferry shows.</source>
        <translation>&lt;b&gt;Warnung:&lt;/b&gt; Dieses Gerät verwendet den Namen „%1“ eines angehefteten Geräts, hat aber eine andere Identität: Es könnte sich um einen Betrüger handeln. Nehmen Sie nur an, wenn Sie wissen, warum sich seine Identität geändert hat (etwa weil Ferry dort neu installiert wurde), und sein Code dem entspricht, den sein Ferry anzeigt.</translation>
    </message>
    <message>
        <source>Declined automatically in %1.</source>
        <translation>Wird in %1 automatisch abgelehnt.</translation>
    </message>
    <message>
        <source>Names:</source>
        <translation>Namen:</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) cannot be stored on this system as offered: saved under a safe name (see the list)</source>
        <translation>
            <numerusform>%n Name kann auf diesem System nicht so gespeichert werden: er erhält einen sicheren Namen (siehe Liste)</numerusform>
            <numerusform>%n Namen können auf diesem System nicht so gespeichert werden: sie erhalten einen sicheren Namen (siehe Liste)</numerusform>
        </translation>
    </message>
    <message>
        <source>Message from the sender</source>
        <translation>Nachricht des Absenders</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copies the message to the clipboard</source>
        <translation>Kopiert die Nachricht in die Zwischenablage</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Nachricht:</translation>
    </message>
    <message>
        <source>&amp;Files to receive:</source>
        <translation>Zu empfangende &amp;Dateien:</translation>
    </message>
    <message>
        <source>&amp;Save to…</source>
        <translation>&amp;Speichern in…</translation>
    </message>
    <message>
        <source>Saves this transfer into another folder</source>
        <translation>Speichert diese Übertragung in einem anderen Ordner</translation>
    </message>
    <message numerus="yes">
        <source>Receive %1 of %Ln file(s), %2</source>
        <translation>
            <numerusform>%1 von %Ln Datei empfangen, %2</numerusform>
            <numerusform>%1 von %Ln Dateien empfangen, %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder: the receive folder</source>
        <translation>Ordner: der Empfangsordner</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>Ordner: %1</translation>
    </message>
    <message>
        <source>Save This Transfer To</source>
        <translation>Diese Übertragung speichern in</translation>
    </message>
    <message>
        <source>%1 is not a folder: this transfer still goes to the folder above.</source>
        <translation>%1 ist kein Ordner: Diese Übertragung geht weiterhin in den oben genannten Ordner.</translation>
    </message>
    <message>
        <source>Ferry cannot save into %1: it writes only into the receive folder (%2) and the folders inside it. Choose a folder there, or change the receive folder in Settings.</source>
        <translation>Ferry kann nicht in %1 speichern: Es schreibt nur in den Empfangsordner (%2) und die Ordner darin. Wählen Sie dort einen Ordner oder ändern Sie den Empfangsordner in den Einstellungen.</translation>
    </message>
    <message>
        <source>Incoming text from %1</source>
        <translation>Eingehender Text von %1</translation>
    </message>
    <message>
        <source>%1 free on this disk</source>
        <translation>%1 frei auf diesem Datenträger</translation>
    </message>
    <message>
        <source>Needs %1 more than the %2 free on this disk: untick some files, or save to another disk.</source>
        <translation>Benötigt %1 mehr als die %2, die auf diesem Datenträger frei sind: Entfernen Sie bei einigen Dateien das Häkchen oder speichern Sie auf einem anderen Datenträger.</translation>
    </message>
</context>
<context>
    <name>ferry::gui::OfferTreeModel</name>
    <message>
        <source>%1, saved as %2</source>
        <translation>%1, gespeichert als %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <comment>in a folder</comment>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
</context>
<context>
    <name>ferry::gui::PeerList</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Prüfcode</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Drop files or folders onto a peer to send them. Ctrl+click or Shift+click selects several peers; a drop on one of them sends to all.</source>
        <translation>Ziehen Sie Dateien oder Ordner auf ein Gerät, um sie zu senden. Strg+Klick oder Umschalt+Klick wählt mehrere Geräte; Ablegen auf einem davon sendet an alle.</translation>
    </message>
    <message>
        <source>Added by address</source>
        <translation>Über Adresse hinzugefügt</translation>
    </message>
    <message>
        <source>Device id %1</source>
        <translation>Geräte-ID %1</translation>
    </message>
    <message>
        <source>On the network</source>
        <translation>Im Netzwerk</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Devices running Ferry on this network appear here. Drop files on one to send them.
Or type its address into the field below and press Enter.</source>
        <translation>Geräte in diesem Netzwerk, auf denen Ferry läuft, erscheinen hier. Ziehen Sie Dateien auf eines, um sie zu senden.
Oder geben Sie seine Adresse in das Feld unten ein und drücken Sie die Eingabetaste.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sendet…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Last send failed</source>
        <translation>Letztes Senden fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ferry::gui::PinnedDevicesEditor</name>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Prüfcode</translation>
    </message>
    <message>
        <source>Accept without asking</source>
        <translation>Ohne Nachfrage annehmen</translation>
    </message>
    <message>
        <source>Fast mode (unencrypted)</source>
        <translation>Schnellmodus (unverschlüsselt)</translation>
    </message>
    <message>
        <source>Fast mode (unencrypted file bytes, zero-copy) — only on trusted networks.</source>
        <translation>Schnellmodus (unverschlüsselte Dateiinhalte, Zero-Copy) – nur in vertrauenswürdigen Netzwerken.</translation>
    </message>
    <message>
        <source>Pinned devices</source>
        <translation>Angeheftete Geräte</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Devices are pinned when you accept an offer with “Always accept from this device” (or with ferry-cli trust). “Accept without asking” applies unless the consent (General) is “Ask every time”. Fast mode sends file bytes unencrypted (zero-copy): use it only on trusted networks.</source>
        <translation>Geräte werden angeheftet, wenn Sie ein Angebot mit „Von diesem Gerät immer annehmen“ annehmen (oder mit ferry-cli trust). „Ohne Nachfrage annehmen“ gilt, außer die Zustimmung (Allgemein) steht auf „Jedes Mal fragen“. Der Schnellmodus sendet Dateiinhalte unverschlüsselt (Zero-Copy): Nutzen Sie ihn nur in vertrauenswürdigen Netzwerken.</translation>
    </message>
</context>
<context>
    <name>ferry::gui::ReachabilityHelp</name>
    <message>
        <source>Can&apos;t See Your Device?</source>
        <translation>Gerät wird nicht angezeigt?</translation>
    </message>
    <message>
        <source>Why a device may not appear</source>
        <translation>Warum ein Gerät nicht erscheint</translation>
    </message>
</context>
<context>
    <name>ferry::gui::SendTextDialog</name>
    <message>
        <source>Send Text to %1</source>
        <translation>Text an %1 senden</translation>
    </message>
    <message>
        <source>Text to send</source>
        <translation>Zu sendender Text</translation>
    </message>
    <message>
        <source>&amp;Text for %1 (taken from the clipboard; edit it as you like):</source>
        <translation>&amp;Text für %1 (aus der Zwischenablage; nach Belieben bearbeiten):</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>%1 bytes (%2)</source>
        <translation>%1 Byte (%2)</translation>
    </message>
    <message>
        <source>Too long to send: %1 bytes, at most %2.</source>
        <translation>Zu lang zum Senden: %1 Byte, höchstens %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s), %1 of at most %2.</source>
        <translation>
            <numerusform>%n Zeichen, %1 von höchstens %2.</numerusform>
            <numerusform>%n Zeichen, %1 von höchstens %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::gui::SettingsDialog</name>
    <message>
        <source>Ferry Settings</source>
        <translation>Ferry-Einstellungen</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Gerätename</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <source>What another computer needs to pin this one: ferry-cli trust FINGERPRINT</source>
        <translation>Was ein anderer Computer braucht, um diesen anzuheften: ferry-cli trust FINGERABDRUCK</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the fingerprint</source>
        <translation>Den Fingerabdruck kopieren</translation>
    </message>
    <message>
        <source>&amp;Discover peers on the local network and announce this device</source>
        <translation>Geräte im lokalen Netzwerk &amp;suchen und dieses Gerät bekannt geben</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <source>Device &amp;name:</source>
        <translation>Geräte&amp;name:</translation>
    </message>
    <message>
        <source>&amp;Fingerprint:</source>
        <translation>&amp;Fingerabdruck:</translation>
    </message>
    <message>
        <source>Receive folder</source>
        <translation>Empfangsordner</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Nobody: ask every time, even pinned devices</source>
        <translation>Niemand: jedes Mal fragen, auch bei angehefteten Geräten</translation>
    </message>
    <message>
        <source>Pinned devices set to accept without asking</source>
        <translation>Angeheftete Geräte mit „Ohne Nachfrage annehmen“</translation>
    </message>
    <message>
        <source>Everybody (not recommended)</source>
        <translation>Jeder (nicht empfohlen)</translation>
    </message>
    <message>
        <source>A device that uses the name of a pinned device with another identity is always asked about.</source>
        <translation>Bei einem Gerät, das den Namen eines angehefteten Geräts mit einer anderen Identität verwendet, wird immer nachgefragt.</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>&amp;Receive folder:</source>
        <translation>&amp;Empfangsordner:</translation>
    </message>
    <message>
        <source>&amp;Who may send without asking:</source>
        <translation>&amp;Wer ohne Nachfrage senden darf:</translation>
    </message>
    <message>
        <source>Limit &amp;upload speed to</source>
        <translation>&amp;Upload-Geschwindigkeit begrenzen auf</translation>
    </message>
    <message>
        <source>Limit upload speed</source>
        <translation>Upload-Geschwindigkeit begrenzen</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>All transfers together, for a slow or shared link; applies at once. One transfer&apos;s own limit: Limit Speed… in its menu.</source>
        <translation>Alle Übertragungen zusammen, für eine langsame oder geteilte Verbindung; gilt sofort. Die Grenze einer einzelnen Übertragung: Geschwindigkeit begrenzen… in ihrem Menü.</translation>
    </message>
    <message>
        <source>Start &amp;minimized to the tray</source>
        <translation>&amp;Minimiert im Infobereich starten</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>System: light or dark as the desktop is set.</source>
        <translation>System: hell oder dunkel, wie der Desktop eingestellt ist.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>Farbsc&amp;hema:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>Automatic (by size)</source>
        <translation>Automatisch (nach Größe)</translation>
    </message>
    <message>
        <source>Always zero-copy</source>
        <translation>Immer Zero-Copy</translation>
    </message>
    <message>
        <source>Always direct I/O</source>
        <translation>Immer Direct I/O</translation>
    </message>
    <message>
        <source>Always buffered</source>
        <translation>Immer gepuffert</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Beliebiger freier Port</translation>
    </message>
    <message>
        <source>Direct I/O &amp;threshold:</source>
        <translation>Direct-I/O-&amp;Schwelle:</translation>
    </message>
    <message>
        <source>Files this big or bigger bypass the page cache, so one large transfer does not push out what other programs keep there.</source>
        <translation>Dateien ab dieser Größe umgehen den Seitencache, damit eine große Übertragung nicht verdrängt, was andere Programme dort halten.</translation>
    </message>
    <message>
        <source>&amp;Strategy:</source>
        <translation>S&amp;trategie:</translation>
    </message>
    <message>
        <source>For diagnosis: move every file the same way, whatever its size.</source>
        <translation>Zur Diagnose: jede Datei auf dieselbe Weise übertragen, unabhängig von ihrer Größe.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Where this device listens for offers (53740 unless you change it).</source>
        <translation>Wo dieses Gerät auf Angebote wartet (53740, sofern Sie es nicht ändern).</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <source>P&amp;inned devices</source>
        <translation>Angeheftete &amp;Geräte</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>E&amp;rweitert</translation>
    </message>
    <message>
        <source>&amp;Keep the executable bit and read-only flag of received files</source>
        <translation>Ausführbar-Bit und Schreibschutz empfangener Dateien &amp;beibehalten</translation>
    </message>
    <message>
        <source>Where both systems have them. Modification times are always kept.</source>
        <translation>Sofern beide Systeme sie kennen. Änderungszeiten bleiben immer erhalten.</translation>
    </message>
</context>
<context>
    <name>ferry::gui::SpeedLimitDialog</name>
    <message>
        <source>Limit Speed</source>
        <translation>Geschwindigkeit begrenzen</translation>
    </message>
    <message>
        <source>How fast this transfer to %1 may send, from now on.</source>
        <translation>Wie schnell diese Übertragung an %1 ab jetzt senden darf.</translation>
    </message>
    <message>
        <source>&amp;Limit this transfer to</source>
        <translation>Diese Übertragung &amp;begrenzen auf</translation>
    </message>
    <message>
        <source>Limit this transfer&apos;s speed</source>
        <translation>Die Geschwindigkeit dieser Übertragung begrenzen</translation>
    </message>
    <message>
        <source>All transfers together send at most %1 (Settings).</source>
        <translation>Alle Übertragungen zusammen senden höchstens %1 (Einstellungen).</translation>
    </message>
    <message>
        <source>All transfers together: no limit (Settings can set one).</source>
        <translation>Alle Übertragungen zusammen: keine Grenze (in den Einstellungen festlegbar).</translation>
    </message>
</context>
<context>
    <name>ferry::gui::SpeedLimitEditor</name>
    <message>
        <source> MiB/s</source>
        <translation> MiB/s</translation>
    </message>
    <message>
        <source>Upload speed limit in MiB/s</source>
        <translation>Upload-Geschwindigkeitsgrenze in MiB/s</translation>
    </message>
</context>
<context>
    <name>ferry::gui::ThresholdEditor</name>
    <message>
        <source>Direct I/O threshold</source>
        <translation>Direct-I/O-Schwelle</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Direct I/O threshold in MiB</source>
        <translation>Direct-I/O-Schwelle in MiB</translation>
    </message>
    <message>
        <source>Reset to &amp;default</source>
        <translation>Auf &amp;Standard zurücksetzen</translation>
    </message>
    <message>
        <source>Files below the threshold go zero-copy through the page cache: fastest for small, often-used files. Files at or above it use direct I/O, which keeps huge files from pushing everything else out of the page cache.</source>
        <translation>Dateien unter der Schwelle gehen per Zero-Copy durch den Seitencache: am schnellsten für kleine, oft genutzte Dateien. Dateien ab der Schwelle nutzen Direct I/O, damit riesige Dateien nicht alles andere aus dem Seitencache verdrängen.</translation>
    </message>
</context>
<context>
    <name>ferry::gui::TransferList</name>
    <message>
        <source>Transfer</source>
        <translation>Übertragung</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sendet…</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Empfängt…</translation>
    </message>
    <message>
        <source>%1%2 · %3</source>
        <translation>%1%2 · %3</translation>
    </message>
    <message>
        <source>%1 at %2, code %3: %4</source>
        <translation>%1 unter %2, Code %3: %4</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Already there</source>
        <translation>Bereits vorhanden</translation>
    </message>
    <message>
        <source>The receiver already had this file, identical: nothing was sent.</source>
        <translation>Der Empfänger hatte diese Datei bereits, identisch: Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Done · %1 · resumed at %2</source>
        <translation>Fertig · %1 · fortgesetzt bei %2</translation>
    </message>
    <message>
        <source>Done · %1</source>
        <translation>Fertig · %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1

Detail: %2</source>
        <translation>%1

Detail: %2</translation>
    </message>
    <message>
        <source>Waiting for %1 to accept…</source>
        <translation>Warte auf Annahme durch %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) already there</source>
        <translation>
            <numerusform>%n Datei bereits vorhanden</numerusform>
            <numerusform>%n Dateien bereits vorhanden</numerusform>
        </translation>
    </message>
    <message>
        <source>Done in %1</source>
        <translation>Fertig in %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed, resumed in a new transfer</source>
        <translation>Fehlgeschlagen, in einer neuen Übertragung fortgesetzt</translation>
    </message>
    <message>
        <source>Limited to %1</source>
        <translation>Begrenzt auf %1</translation>
    </message>
    <message>
        <source>Cancel transfer</source>
        <translation>Übertragung abbrechen</translation>
    </message>
    <message>
        <source>Resume transfer</source>
        <translation>Übertragung fortsetzen</translation>
    </message>
    <message>
        <source>Limit speed…</source>
        <translation>Geschwindigkeit begrenzen…</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Abgeschlossene entfernen</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more file(s)</source>
        <translation>
            <numerusform>… und %n weitere Datei</numerusform>
            <numerusform>… und %n weitere Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Text (%n character(s))</source>
        <translation>
            <numerusform>Text (%n Zeichen)</numerusform>
            <numerusform>Text (%n Zeichen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped by the receiver</source>
        <translation>Vom Empfänger ausgelassen</translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation>Nicht angenommen</translation>
    </message>
    <message>
        <source>Failed: %1 · %2</source>
        <translation>Fehlgeschlagen: %1 · %2</translation>
    </message>
</context>
</TS>
