<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Formwork::Ui::JsonSyntax</name>
    <message>
        <source>The schema is empty.</source>
        <translation>Das Schema ist leer.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::MainWindow</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Model picker</source>
        <translation>Modellauswahl</translation>
    </message>
    <message>
        <source>Lists the models of your Ollama server with size, quantization, context length and capabilities.</source>
        <translation>Listet die Modelle Ihres Ollama-Servers mit Größe, Quantisierung, Kontextlänge und Fähigkeiten auf.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>System and user prompts, template variables, images and run options.</source>
        <translation>System- und Benutzer-Prompts, Vorlagenvariablen, Bilder und Ausführungsoptionen.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Result viewer</source>
        <translation>Ergebnisansicht</translation>
    </message>
    <message>
        <source>Shows the validated object as a tree and as highlighted JSON, ready to copy and export.</source>
        <translation>Zeigt das validierte Objekt als Baum und als hervorgehobenes JSON, bereit zum Kopieren und Exportieren.</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Attempt timeline</source>
        <translation>Versuchsverlauf</translation>
    </message>
    <message>
        <source>One entry per attempt: the request, the raw reply with failing values underlined, and the errors.</source>
        <translation>Ein Eintrag pro Versuch: die Anfrage, die Rohantwort mit unterstrichenen fehlerhaften Werten und die Fehler.</translation>
    </message>
    <message>
        <source>Ready. Highlighting: %1.</source>
        <translation>Bereit. Hervorhebung: %1.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Schema...</source>
        <translation>Schema ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>&amp;Save Schema</source>
        <translation>Schema &amp;speichern</translation>
    </message>
    <message>
        <source>Save Schema &amp;As...</source>
        <translation>Schema speichern &amp;unter...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Formwork</source>
        <translation>Ü&amp;ber Formwork</translation>
    </message>
    <message>
        <source>Unsaved schema</source>
        <translation>Ungespeichertes Schema</translation>
    </message>
    <message>
        <source>The schema has changes that are not saved. Save them before closing?</source>
        <translation>Das Schema hat ungespeicherte Änderungen. Vor dem Schließen speichern?</translation>
    </message>
    <message>
        <source>Open Schema</source>
        <translation>Schema öffnen</translation>
    </message>
    <message>
        <source>JSON Schema (*.json);;All files (*)</source>
        <translation>JSON-Schema (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save Schema</source>
        <translation>Schema speichern</translation>
    </message>
    <message>
        <source>Untitled schema</source>
        <translation>Unbenanntes Schema</translation>
    </message>
    <message>
        <source>About Formwork</source>
        <translation>Über Formwork</translation>
    </message>
    <message>
        <source>&lt;b&gt;Formwork %1&lt;/b&gt;&lt;p&gt;Validated, structured JSON from local LLMs.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Formwork %1&lt;/b&gt;&lt;p&gt;Validiertes, strukturiertes JSON aus lokalen LLMs.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::PlannedPane</name>
    <message>
        <source>Not implemented yet.</source>
        <translation>Noch nicht umgesetzt.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::SchemaEditorPane</name>
    <message>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Could not open %1: the file is larger than %2 MB.</source>
        <translation>%1 konnte nicht geöffnet werden: Die Datei ist größer als %2 MB.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not open %1: the file is not UTF-8 text.</source>
        <translation>%1 konnte nicht geöffnet werden: Die Datei ist kein UTF-8-Text.</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Could not save %1: %2. Your text is still here, unsaved.</source>
        <translation>%1 konnte nicht gespeichert werden: %2. Ihr Text ist noch da, ungespeichert.</translation>
    </message>
    <message>
        <source>Not valid JSON: line %1, column %2: %3</source>
        <translation>Kein gültiges JSON: Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>Valid JSON.</source>
        <translation>Gültiges JSON.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Usage: formwork-cli &lt;command&gt; [options]</source>
        <translation>Aufruf: formwork-cli &lt;Befehl&gt; [Optionen]</translation>
    </message>
    <message>
        <source>Formwork without a window: validate JSON, run extractions.</source>
        <translation>Formwork ohne Fenster: JSON validieren, Extraktionen ausführen.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Run &apos;formwork-cli &lt;command&gt; --help&apos; for the options of a command.</source>
        <translation>&apos;formwork-cli &lt;Befehl&gt; --help&apos; zeigt die Optionen eines Befehls.</translation>
    </message>
    <message>
        <source>formwork-cli: missing command.</source>
        <translation>formwork-cli: Befehl fehlt.</translation>
    </message>
    <message>
        <source>formwork-cli: unknown command &apos;%1&apos;.</source>
        <translation>formwork-cli: unbekannter Befehl &apos;%1&apos;.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Validated, structured JSON from local LLMs.</source>
        <translation>Validiertes, strukturiertes JSON aus lokalen LLMs.</translation>
    </message>
    <message>
        <source>Show the main window, then quit with status 0.</source>
        <translation>Das Hauptfenster zeigen, dann mit Status 0 beenden.</translation>
    </message>
</context>
</TS>
