<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ferry</name>
    <message numerus="yes">
        <source>%n file(s)</source>
        <comment>a count of files</comment>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) failed</source>
        <comment>a count of files</comment>
        <translation>
            <numerusform>%n file failed</numerusform>
            <numerusform>%n files failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Text, %n character(s)</source>
        <translation>
            <numerusform>Text, %n character</numerusform>
            <numerusform>Text, %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped by the receiver</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n skipped by the receiver</numerusform>
            <numerusform>%n skipped by the receiver</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not taken</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n not taken</numerusform>
            <numerusform>%n not taken</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::gui::MainWindow</name>
    <message numerus="yes">
        <source>%n transfer(s) running. Changing the receive folder stops them; sending them again continues where they stopped. Change the folder now?</source>
        <translation>
            <numerusform>A transfer is running. Changing the receive folder stops it; sending it again continues where it stopped. Change the folder now?</numerusform>
            <numerusform>%n transfers are running. Changing the receive folder stops them; sending them again continues where they stopped. Change the folder now?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) still running. Quitting stops them. Quit anyway?</source>
        <translation>
            <numerusform>A transfer is still running. Quitting stops it. Quit anyway?</numerusform>
            <numerusform>%n transfers are still running. Quitting stops them. Quit anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n peers</source>
        <translation>
            <numerusform>%n peer</numerusform>
            <numerusform>%n peers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Name for the group of %n peer(s) (a group of that name is replaced):</source>
        <translation>
            <numerusform>Name for the group of %n peer (a group of that name is replaced):</numerusform>
            <numerusform>Name for the group of %n peers (a group of that name is replaced):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::gui::OfferDialog</name>
    <message numerus="yes">
        <source>%n name(s) cannot be stored on this system as offered: saved under a safe name (see the list)</source>
        <translation>
            <numerusform>%n name cannot be stored on this system as offered: saved under a safe name (see the list)</numerusform>
            <numerusform>%n names cannot be stored on this system as offered: saved under a safe name (see the list)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Receive %1 of %Ln file(s), %2</source>
        <translation>
            <numerusform>Receive %1 of %Ln file, %2</numerusform>
            <numerusform>Receive %1 of %Ln files, %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::gui::OfferTreeModel</name>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <comment>in a folder</comment>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::gui::SendTextDialog</name>
    <message numerus="yes">
        <source>%n character(s), %1 of at most %2.</source>
        <translation>
            <numerusform>%n character, %1 of at most %2.</numerusform>
            <numerusform>%n characters, %1 of at most %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::gui::TransferList</name>
    <message numerus="yes">
        <source>%n file(s) already there</source>
        <translation>
            <numerusform>%n file already there</numerusform>
            <numerusform>%n files already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more file(s)</source>
        <translation>
            <numerusform>… and %n more file</numerusform>
            <numerusform>… and %n more files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Text (%n character(s))</source>
        <translation>
            <numerusform>Text (%n character)</numerusform>
            <numerusform>Text (%n characters)</numerusform>
        </translation>
    </message>
</context>
</TS>
