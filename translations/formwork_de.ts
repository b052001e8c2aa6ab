<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChunkedExtraction</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 of %2 chunks gave no valid value</source>
        <translation>%1 von %2 Abschnitten ergaben keinen gültigen Wert</translation>
    </message>
    <message>
        <source>the merged value is not valid: %1</source>
        <translation>der zusammengeführte Wert ist nicht gültig: %1</translation>
    </message>
    <message>
        <source>%1 of %2 chunk runs (%3 passes) gave no valid value</source>
        <translation>%1 von %2 Abschnittsläufen (%3 Durchgänge) ergaben keinen gültigen Wert</translation>
    </message>
</context>
<context>
    <name>DocumentText</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a PDF or is damaged</source>
        <translation>%1 ist kein PDF oder ist beschädigt</translation>
    </message>
    <message>
        <source>%1 is encrypted; save an unprotected copy first</source>
        <translation>%1 ist verschlüsselt; speichern Sie zuerst eine ungeschützte Kopie</translation>
    </message>
    <message>
        <source>%1 has no text layer (a scanned PDF?); run it through OCR first</source>
        <translation>%1 hat keine Textebene (ein gescanntes PDF?); wenden Sie zuerst eine Texterkennung (OCR) an</translation>
    </message>
    <message>
        <source>cannot read %1: this build of Formwork has no PDF support (it needs Poppler&apos;s Qt 6 binding, Debian package libpoppler-qt6-dev)</source>
        <translation>%1 kann nicht gelesen werden: Diese Formwork-Version unterstützt kein PDF (dafür wird die Qt-6-Anbindung von Poppler benötigt, Debian-Paket libpoppler-qt6-dev)</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text (nor a PDF).</source>
        <translation>%1 ist kein UTF-8-Text (und auch kein PDF).</translation>
    </message>
</context>
<context>
    <name>Formwork::BackendError</name>
    <message>
        <source>the model</source>
        <translation>das Modell</translation>
    </message>
    <message>
        <source>The server cannot be reached. Is it running?</source>
        <translation>Der Server ist nicht erreichbar. Läuft er?</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The model is not installed on the server.</source>
        <translation>Das Modell ist auf dem Server nicht installiert.</translation>
    </message>
    <message>
        <source>The model &quot;%1&quot; is not installed. Download it with `ollama pull %1`.</source>
        <translation>Das Modell &quot;%1&quot; ist nicht installiert. Laden Sie es mit `ollama pull %1` herunter.</translation>
    </message>
    <message>
        <source>%1 cannot call tools. Choose another mode or model.</source>
        <translation>%1 kann keine Tools aufrufen. Wählen Sie einen anderen Modus oder ein anderes Modell.</translation>
    </message>
    <message>
        <source>%1 does not support thinking.</source>
        <translation>%1 unterstützt kein Thinking.</translation>
    </message>
    <message>
        <source>%1 is an embedding model and cannot chat.</source>
        <translation>%1 ist ein Embedding-Modell und kann nicht chatten.</translation>
    </message>
    <message>
        <source>%1 does not support this feature (%2).</source>
        <translation>%1 unterstützt diese Funktion nicht (%2).</translation>
    </message>
    <message>
        <source>The server could not use the JSON schema.</source>
        <translation>Der Server konnte das JSON-Schema nicht verwenden.</translation>
    </message>
    <message>
        <source>The server rejected the request.</source>
        <translation>Der Server hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The prompt does not fit in the model&apos;s context.</source>
        <translation>Der Prompt passt nicht in den Kontext des Modells.</translation>
    </message>
    <message>
        <source>The server is busy. Try again shortly.</source>
        <translation>Der Server ist ausgelastet. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The model is still loading. Try again shortly.</source>
        <translation>Das Modell wird noch geladen. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The server could not load %1.</source>
        <translation>Der Server konnte %1 nicht laden.</translation>
    </message>
    <message>
        <source>The server refused the credentials. Check the API key.</source>
        <translation>Der Server hat die Zugangsdaten abgelehnt. Prüfen Sie den API-Schlüssel.</translation>
    </message>
    <message>
        <source>The server is too old for this feature. Update it.</source>
        <translation>Der Server ist für diese Funktion zu alt. Aktualisieren Sie ihn.</translation>
    </message>
    <message>
        <source>The server reported an internal error.</source>
        <translation>Der Server hat einen internen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>The server answered with HTTP status %1.</source>
        <translation>Der Server hat mit HTTP-Status %1 geantwortet.</translation>
    </message>
    <message>
        <source>The model stopped with an error while generating.</source>
        <translation>Das Modell ist beim Generieren mit einem Fehler abgebrochen.</translation>
    </message>
    <message>
        <source>The connection closed before the reply was complete.</source>
        <translation>Die Verbindung wurde geschlossen, bevor die Antwort vollständig war.</translation>
    </message>
    <message>
        <source>The server sent a reply that could not be read.</source>
        <translation>Der Server hat eine Antwort gesendet, die nicht gelesen werden konnte.</translation>
    </message>
    <message>
        <source>Unknown error.</source>
        <translation>Unbekannter Fehler.</translation>
    </message>
    <message>
        <source>The server at %1 cannot be reached. Is it running?</source>
        <translation>Der Server unter %1 ist nicht erreichbar. Läuft er?</translation>
    </message>
    <message>
        <source>The prompt does not fit in the model&apos;s context: %1 tokens, the context holds %2. Shorten the prompt or start the server with a larger context.</source>
        <translation>Der Prompt passt nicht in den Kontext des Modells: %1 Tokens, der Kontext fasst %2. Kürzen Sie den Prompt oder starten Sie den Server mit einem größeren Kontext.</translation>
    </message>
    <message>
        <source>The server has no such endpoint: %1. Check the address and the API kind.</source>
        <translation>Der Server hat keinen solchen Endpunkt: %1. Prüfen Sie die Adresse und die Art der API.</translation>
    </message>
    <message>
        <source>The server does not offer this API. Check the address and the API kind.</source>
        <translation>Der Server bietet diese API nicht an. Prüfen Sie die Adresse und die Art der API.</translation>
    </message>
</context>
<context>
    <name>Formwork::Batch</name>
    <message>
        <source>The batch has no server or no schema.</source>
        <translation>Der Stapellauf hat keinen Server oder kein Schema.</translation>
    </message>
    <message numerus="yes">
        <source>Every server was taken out; %n row(s) did not run.</source>
        <translation>
            <numerusform>Alle Server wurden herausgenommen; %n Zeile wurde nicht ausgeführt.</numerusform>
            <numerusform>Alle Server wurden herausgenommen; %n Zeilen wurden nicht ausgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1/%2 done, %3 valid first try, %4 after reasks, %5 failed</source>
        <translation>%1/%2 fertig, %3 beim ersten Versuch gültig, %4 nach Nachfragen, %5 fehlgeschlagen</translation>
    </message>
    <message>
        <source>, %1 rows/min</source>
        <translation>, %1 Zeilen/min</translation>
    </message>
    <message>
        <source>, ETA %1</source>
        <translation>, fertig in etwa %1</translation>
    </message>
    <message numerus="yes">
        <source>, %n failed check(s)</source>
        <translation>
            <numerusform>, %n fehlgeschlagene Prüfung</numerusform>
            <numerusform>, %n fehlgeschlagene Prüfungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (+%n soft)</source>
        <translation>
            <numerusform> (+%n weiche)</numerusform>
            <numerusform> (+%n weiche)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, model-judged rules: %1 tokens in %n request(s)</source>
        <translation>
            <numerusform>, Regelprüfer: %1 Tokens in %n Anfrage</numerusform>
            <numerusform>, Regelprüfer: %1 Tokens in %n Anfragen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Formwork::BatchInput</name>
    <message>
        <source>the text is not valid UTF-8 (save the file as UTF-8).</source>
        <translation>der Text ist kein gültiges UTF-8 (speichern Sie die Datei als UTF-8).</translation>
    </message>
    <message>
        <source>the expected value in &apos;%1&apos; is not JSON.</source>
        <translation>der erwartete Wert in &apos;%1&apos; ist kein JSON.</translation>
    </message>
    <message>
        <source>unexpected text after a closing quote (a field is quoted as a whole, and a quote inside it is doubled).</source>
        <translation>unerwarteter Text nach einem schließenden Anführungszeichen (ein Feld wird als Ganzes in Anführungszeichen gesetzt, und ein Anführungszeichen darin wird verdoppelt).</translation>
    </message>
    <message>
        <source>a quote inside an unquoted field (quote the whole field and double the quote: &quot;say &quot;&quot;hi&quot;&quot;&quot;).</source>
        <translation>ein Anführungszeichen in einem Feld ohne Anführungszeichen (setzen Sie das ganze Feld in Anführungszeichen und verdoppeln Sie das Anführungszeichen: &quot;sag &quot;&quot;hallo&quot;&quot;&quot;).</translation>
    </message>
    <message>
        <source>a quoted field opened on this line is never closed.</source>
        <translation>ein in dieser Zeile geöffnetes Feld in Anführungszeichen wird nie geschlossen.</translation>
    </message>
    <message>
        <source>%1 is empty: a CSV input needs a header row.</source>
        <translation>%1 ist leer: Eine CSV-Eingabe braucht eine Kopfzeile.</translation>
    </message>
    <message>
        <source>column %1 of the header has no name.</source>
        <translation>Spalte %1 der Kopfzeile hat keinen Namen.</translation>
    </message>
    <message>
        <source>the header names &apos;%1&apos; twice.</source>
        <translation>die Kopfzeile nennt &apos;%1&apos; zweimal.</translation>
    </message>
    <message>
        <source>there is no column &apos;%1&apos; (the columns are %2).</source>
        <translation>es gibt keine Spalte &apos;%1&apos; (die Spalten sind %2).</translation>
    </message>
    <message>
        <source>this row has %1 fields but the header has %2.</source>
        <translation>diese Zeile hat %1 Felder, die Kopfzeile aber %2.</translation>
    </message>
    <message>
        <source>this line is not a JSON object.</source>
        <translation>diese Zeile ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The input %1 does not exist.</source>
        <translation>Die Eingabe %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1: unknown input type (use a .csv, a .jsonl or a folder of .txt / .md files).</source>
        <translation>%1: unbekannter Eingabetyp (verwenden Sie eine .csv-Datei, eine .jsonl-Datei oder einen Ordner mit .txt- / .md-Dateien).</translation>
    </message>
    <message>
        <source>Extract the data from this input.</source>
        <translation>Extrahiere die Daten aus dieser Eingabe.</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>%1 holds no %2 files.</source>
        <translation>%1 enthält keine %2-Dateien.</translation>
    </message>
</context>
<context>
    <name>Formwork::Checks</name>
    <message>
        <source>the check has no &quot;%1&quot;</source>
        <translation>der Prüfung fehlt &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation>&quot;%1&quot; muss ein String sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false</source>
        <translation>&quot;%1&quot; muss true oder false sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3</source>
        <translation>&quot;%1&quot; muss eine ganze Zahl von %2 bis %3 sein</translation>
    </message>
    <message>
        <source>a check must be a JSON object</source>
        <translation>eine Prüfung muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>the check&apos;s name is empty</source>
        <translation>der Name der Prüfung ist leer</translation>
    </message>
    <message>
        <source>&quot;path&quot; must be a JSON Pointer (empty or starting with /)</source>
        <translation>&quot;path&quot; muss ein JSON Pointer sein (leer oder mit / beginnend)</translation>
    </message>
    <message>
        <source>&quot;severity&quot; must be &quot;hard&quot; or &quot;soft&quot;</source>
        <translation>&quot;severity&quot; muss &quot;hard&quot; oder &quot;soft&quot; sein</translation>
    </message>
    <message>
        <source>&quot;kind&quot; must be &quot;expression&quot;, &quot;grounding&quot; or &quot;rule&quot;</source>
        <translation>&quot;kind&quot; muss &quot;expression&quot;, &quot;grounding&quot; oder &quot;rule&quot; sein</translation>
    </message>
    <message>
        <source>an expression check needs a &quot;message&quot; for the model</source>
        <translation>eine Ausdrucksprüfung braucht eine &quot;message&quot; für das Modell</translation>
    </message>
    <message>
        <source>&quot;match&quot; must be &quot;exact&quot; or &quot;normalized&quot;</source>
        <translation>&quot;match&quot; muss &quot;exact&quot; oder &quot;normalized&quot; sein</translation>
    </message>
    <message>
        <source>the checks must be a JSON array</source>
        <translation>die Prüfungen müssen ein JSON-Array sein</translation>
    </message>
    <message>
        <source>two checks are named &quot;%1&quot;</source>
        <translation>zwei Prüfungen heißen &quot;%1&quot;</translation>
    </message>
    <message>
        <source>not a checks file (an object with &quot;formworkChecks&quot;: 1 and &quot;checks&quot;: [...] is expected)</source>
        <translation>keine Prüfungsdatei (erwartet wird ein Objekt mit &quot;formworkChecks&quot;: 1 und &quot;checks&quot;: [...])</translation>
    </message>
    <message>
        <source>checks file format %1 is not known</source>
        <translation>das Prüfungsdateiformat %1 ist nicht bekannt</translation>
    </message>
    <message>
        <source>the file has no &quot;checks&quot; array</source>
        <translation>die Datei hat kein Array &quot;checks&quot;</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The rule check &quot;%1&quot; has no server to ask.</source>
        <translation>Die Regelprüfung &quot;%1&quot; hat keinen Server, den sie fragen kann.</translation>
    </message>
    <message>
        <source>The rule check &quot;%1&quot; could not be judged: %2</source>
        <translation>Die Regelprüfung &quot;%1&quot; konnte nicht bewertet werden: %2</translation>
    </message>
    <message>
        <source>The expression check &quot;%1&quot; does not compile: %2</source>
        <translation>Die Ausdrucksprüfung &quot;%1&quot; lässt sich nicht kompilieren: %2</translation>
    </message>
    <message>
        <source>The expression check &quot;%1&quot; threw an exception: %2</source>
        <translation>Die Ausdrucksprüfung &quot;%1&quot; hat eine Ausnahme ausgelöst: %2</translation>
    </message>
    <message>
        <source>The expression check &quot;%1&quot; returned %2, not true or false.</source>
        <translation>Die Ausdrucksprüfung &quot;%1&quot; hat %2 zurückgegeben, nicht true oder false.</translation>
    </message>
    <message>
        <source>The expression check &quot;%1&quot; did not finish within %2 ms.</source>
        <translation>Die Ausdrucksprüfung &quot;%1&quot; wurde nicht innerhalb von %2 ms fertig.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n soft</source>
        <translation>
            <numerusform>%n weich</numerusform>
            <numerusform>%n weich</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2) %3</source>
        <translation>%1 (%2) %3</translation>
    </message>
    <message>
        <source>checks failed: %1</source>
        <translation>Prüfungen fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s), %1 tokens (%2 prompt, %3 completion), %4 s</source>
        <translation>
            <numerusform>%n Anfrage, %1 Tokens (%2 Prompt, %3 Antwort), %4 s</numerusform>
            <numerusform>%n Anfragen, %1 Tokens (%2 Prompt, %3 Antwort), %4 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Formwork::ChunkMerger</name>
    <message>
        <source>%1 (chunk %2)</source>
        <translation>%1 (Abschnitt %2)</translation>
    </message>
    <message>
        <source>conflict at %1: %2; kept %3</source>
        <translation>Konflikt bei %1: %2; behalten: %3</translation>
    </message>
</context>
<context>
    <name>Formwork::ChunkPlan</name>
    <message>
        <source>about %1 tokens do not fit the context of %2: split into chunks</source>
        <translation>etwa %1 Tokens passen nicht in den Kontext von %2: in Abschnitte geteilt</translation>
    </message>
    <message>
        <source>split into chunks (run options)</source>
        <translation>in Abschnitte geteilt (Laufoptionen)</translation>
    </message>
</context>
<context>
    <name>Formwork::Export</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>No file name was given.</source>
        <translation>Es wurde kein Dateiname angegeben.</translation>
    </message>
    <message>
        <source>%1: unknown output type (use .csv, .jsonl or .json).</source>
        <translation>%1: unbekannter Ausgabetyp (verwenden Sie .csv, .jsonl oder .json).</translation>
    </message>
</context>
<context>
    <name>Formwork::Extraction</name>
    <message>
        <source>No schema was given.</source>
        <translation>Es wurde kein Schema angegeben.</translation>
    </message>
    <message>
        <source>The number of attempts must be at least 1.</source>
        <translation>Die Anzahl der Versuche muss mindestens 1 sein.</translation>
    </message>
    <message>
        <source>The model %1 does not support tools; choose another mode or model.</source>
        <translation>Das Modell %1 unterstützt keine Tools; wählen Sie einen anderen Modus oder ein anderes Modell.</translation>
    </message>
    <message>
        <source>The model %1 does not support thinking; &apos;think&apos; is not sent.</source>
        <translation>Das Modell %1 unterstützt kein Thinking; &apos;think&apos; wird nicht gesendet.</translation>
    </message>
    <message>
        <source>Ollama ignores tool_choice: the model may answer without calling the tool (such an answer is reasked).</source>
        <translation>Ollama ignoriert tool_choice: Das Modell kann antworten, ohne das Tool aufzurufen (eine solche Antwort wird erneut angefragt).</translation>
    </message>
    <message>
        <source>Ollama&apos;s /v1 endpoint ignores tool_choice: the model may answer without calling the tool (such an answer is reasked).</source>
        <translation>Der /v1-Endpunkt von Ollama ignoriert tool_choice: Das Modell kann antworten, ohne das Tool aufzurufen (eine solche Antwort wird erneut angefragt).</translation>
    </message>
    <message>
        <source>The model %1 ignores the schema format (MLX, safetensors or cloud model); Formwork still validates the reply.</source>
        <translation>Das Modell %1 ignoriert das Schema-Format (MLX-, safetensors- oder Cloud-Modell); Formwork validiert die Antwort trotzdem.</translation>
    </message>
    <message>
        <source>No backend to send the request to.</source>
        <translation>Kein Backend, an das die Anfrage gesendet werden kann.</translation>
    </message>
    <message>
        <source>The backend was removed during the run.</source>
        <translation>Das Backend wurde während des Laufs entfernt.</translation>
    </message>
    <message>
        <source>The reply was cut off after a complete, valid value.</source>
        <translation>Die Antwort wurde nach einem vollständigen, gültigen Wert abgeschnitten.</translation>
    </message>
    <message>
        <source>Attempt %1 was cut off at num_predict %2 (done_reason length).</source>
        <translation>Versuch %1 wurde bei num_predict %2 abgeschnitten (done_reason length).</translation>
    </message>
    <message>
        <source>The next attempt raises num_predict to %1.</source>
        <translation>Der nächste Versuch erhöht num_predict auf %1.</translation>
    </message>
    <message>
        <source>The reply was cut off at num_predict %1, the highest allowed (%2).</source>
        <translation>Die Antwort wurde bei num_predict %1 abgeschnitten, dem höchsten zulässigen Wert (%2).</translation>
    </message>
    <message>
        <source>The token budget of %1 was used up (%2 tokens).</source>
        <translation>Das Token-Budget von %1 ist aufgebraucht (%2 Tokens).</translation>
    </message>
    <message numerus="yes">
        <source>No valid result after %n attempt(s).</source>
        <translation>
            <numerusform>Kein gültiges Ergebnis nach %n Versuch.</numerusform>
            <numerusform>Kein gültiges Ergebnis nach %n Versuchen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped by the deadline.</source>
        <translation>Durch die Frist gestoppt.</translation>
    </message>
    <message>
        <source>The deadline of %1 ms was reached.</source>
        <translation>Die Frist von %1 ms wurde erreicht.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The run was cancelled.</source>
        <translation>Der Lauf wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The chat template of %1 has no tool support: the model answers in plain text instead of calling the tool (such an answer is reasked).</source>
        <translation>Das Chat-Template von %1 unterstützt keine Tools: Das Modell antwortet mit reinem Text, statt das Tool aufzurufen (eine solche Antwort wird erneut angefragt).</translation>
    </message>
    <message>
        <source>Whether %1 honours tool_choice is not known: the model may answer without calling the tool (such an answer is reasked).</source>
        <translation>Ob %1 tool_choice beachtet, ist nicht bekannt: Das Modell kann antworten, ohne das Tool aufzurufen (eine solche Antwort wird erneut angefragt).</translation>
    </message>
    <message>
        <source>%1 serves only the model %2: the run uses it, not %3.</source>
        <translation>%1 stellt nur das Modell %2 bereit: Der Lauf verwendet es, nicht %3.</translation>
    </message>
    <message>
        <source>Whether %1 enforces json_object is not known; Formwork still validates the reply.</source>
        <translation>Ob %1 json_object durchsetzt, ist nicht bekannt; Formwork validiert die Antwort trotzdem.</translation>
    </message>
    <message>
        <source>Which schema keywords %1 enforces is not known; Formwork validates the reply against the whole schema.</source>
        <translation>Welche Schema-Schlüsselwörter %1 durchsetzt, ist nicht bekannt; Formwork validiert die Antwort gegen das ganze Schema.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; at %2 is not enforced by %3; the reply is still validated against the schema.</source>
        <translation>&apos;%1&apos; bei %2: %3 setzt es nicht durch; die Antwort wird trotzdem gegen das Schema validiert.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; at %2 is enforced differently by %3: %4.</source>
        <translation>&apos;%1&apos; bei %2: %3 setzt es anders durch: %4.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; at %2 may make %3 reject the schema: %4.</source>
        <translation>&apos;%1&apos; bei %2: %3 lehnt das Schema deshalb möglicherweise ab: %4.</translation>
    </message>
    <message>
        <source>The context is full: the prompt (%1 tokens) and the reply (%2 tokens) fill all %3 tokens of it, so more num_predict cannot help. Shorten the prompt or give the model a larger context (-c on llama-server, num_ctx on Ollama).</source>
        <translation>Der Kontext ist voll: Der Prompt (%1 Tokens) und die Antwort (%2 Tokens) füllen alle seine %3 Tokens, daher hilft ein größeres num_predict nicht. Kürzen Sie den Prompt oder geben Sie dem Modell einen größeren Kontext (-c bei llama-server, num_ctx bei Ollama).</translation>
    </message>
    <message>
        <source>%1 It was still unreachable at the deadline.</source>
        <translation>%1 Bei Ablauf der Frist war er immer noch nicht erreichbar.</translation>
    </message>
    <message numerus="yes">
        <source>Every attempt was cut off before its JSON was complete (%n attempt(s), the last at num_predict %1). Raise num_predict or ask for less.</source>
        <translation>
            <numerusform>Jeder Versuch wurde abgeschnitten, bevor sein JSON vollständig war (%n Versuch, der letzte mit num_predict %1). Erhöhen Sie num_predict oder verlangen Sie weniger.</numerusform>
            <numerusform>Jeder Versuch wurde abgeschnitten, bevor sein JSON vollständig war (%n Versuche, der letzte mit num_predict %1). Erhöhen Sie num_predict oder verlangen Sie weniger.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 The deadline leaves no time to resend.</source>
        <translation>%1 Die Frist lässt keine Zeit für ein erneutes Senden.</translation>
    </message>
    <message>
        <source>%1 Resent after %2 ms.</source>
        <translation>%1 Nach %2 ms erneut gesendet.</translation>
    </message>
    <message>
        <source>The token budget of %1 was used up (%2 tokens: %3 by the extraction, %4 by model-judged rules).</source>
        <translation>Das Token-Budget von %1 ist aufgebraucht (%2 Tokens: %3 durch die Extraktion, %4 durch vom Modell geprüfte Regeln).</translation>
    </message>
</context>
<context>
    <name>Formwork::History</name>
    <message>
        <source>The history %1 could not be written: %2</source>
        <translation>Der Verlauf %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The history cannot be opened: Qt&apos;s SQLite driver is missing (install libqt6sql6-sqlite).</source>
        <translation>Der Verlauf kann nicht geöffnet werden: Der SQLite-Treiber von Qt fehlt (installieren Sie libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <source>The history %1 cannot be opened: %2</source>
        <translation>Der Verlauf %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The history %1 was not opened and was left untouched: %2</source>
        <translation>Der Verlauf %1 wurde nicht geöffnet und bleibt unverändert: %2</translation>
    </message>
    <message>
        <source>it is not a SQLite database or it is damaged (%1). Move it away to start a new history.</source>
        <translation>er ist keine SQLite-Datenbank oder ist beschädigt (%1). Verschieben Sie ihn, um einen neuen Verlauf zu beginnen.</translation>
    </message>
    <message>
        <source>it is damaged (%1).</source>
        <translation>er ist beschädigt (%1).</translation>
    </message>
    <message>
        <source>it is damaged (%1). Move it away to start a new history.</source>
        <translation>er ist beschädigt (%1). Verschieben Sie ihn, um einen neuen Verlauf zu beginnen.</translation>
    </message>
    <message>
        <source>it was written by a newer Formwork (history version %1; this one reads up to %2).</source>
        <translation>er wurde von einer neueren Formwork-Version geschrieben (Verlaufsversion %1; diese liest bis %2).</translation>
    </message>
    <message>
        <source>it is a SQLite database of another program.</source>
        <translation>er ist die SQLite-Datenbank eines anderen Programms.</translation>
    </message>
    <message>
        <source>Interrupted before it finished.</source>
        <translation>Vor dem Ende unterbrochen.</translation>
    </message>
    <message>
        <source>The earlier history %1 could not be copied to %2: %3</source>
        <translation>Der frühere Verlauf %1 konnte nicht nach %2 kopiert werden: %3</translation>
    </message>
    <message>
        <source>note: the history is now %1 (from the window&apos;s %2); formwork-cli&apos;s earlier runs stay in %3 (use --history %3 to see them).</source>
        <translation>Hinweis: Der Verlauf ist jetzt %1 (übernommen aus %2 des Fensters); die früheren Läufe von formwork-cli bleiben in %3 (mit --history %3 anzeigen).</translation>
    </message>
    <message>
        <source>note: the history is now %1, shared by the window and formwork-cli (copied from %2, which is left as it was).</source>
        <translation>Hinweis: Der Verlauf ist jetzt %1, gemeinsam genutzt vom Fenster und von formwork-cli (kopiert aus %2, das unverändert bleibt).</translation>
    </message>
</context>
<context>
    <name>Formwork::JsonParser</name>
    <message>
        <source>the document is empty</source>
        <translation>das Dokument ist leer</translation>
    </message>
    <message>
        <source>expected a value</source>
        <translation>Wert erwartet</translation>
    </message>
    <message>
        <source>expected a string key or &apos;}&apos;</source>
        <translation>String-Schlüssel oder &apos;}&apos; erwartet</translation>
    </message>
    <message>
        <source>expected a string key after &apos;,&apos;</source>
        <translation>String-Schlüssel nach &apos;,&apos; erwartet</translation>
    </message>
    <message>
        <source>expected &apos;:&apos; after object key</source>
        <translation>&apos;:&apos; nach Objektschlüssel erwartet</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos; after object member</source>
        <translation>&apos;,&apos; oder &apos;}&apos; nach Objekteintrag erwartet</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos; after array element</source>
        <translation>&apos;,&apos; oder &apos;]&apos; nach Array-Element erwartet</translation>
    </message>
    <message>
        <source>unexpected end of input inside a string</source>
        <translation>unerwartetes Ende der Eingabe innerhalb eines Strings</translation>
    </message>
    <message>
        <source>unexpected end of input inside an object</source>
        <translation>unerwartetes Ende der Eingabe innerhalb eines Objekts</translation>
    </message>
    <message>
        <source>unexpected end of input inside an array</source>
        <translation>unerwartetes Ende der Eingabe innerhalb eines Arrays</translation>
    </message>
    <message>
        <source>unexpected end of input inside a number</source>
        <translation>unerwartetes Ende der Eingabe innerhalb einer Zahl</translation>
    </message>
    <message>
        <source>unexpected end of input inside true, false or null</source>
        <translation>unerwartetes Ende der Eingabe innerhalb von true, false oder null</translation>
    </message>
    <message>
        <source>invalid literal; expected true, false or null</source>
        <translation>ungültiges Literal; true, false oder null erwartet</translation>
    </message>
    <message>
        <source>invalid number: leading zeros are not allowed</source>
        <translation>ungültige Zahl: führende Nullen sind nicht erlaubt</translation>
    </message>
    <message>
        <source>invalid number: expected a digit after &apos;-&apos;</source>
        <translation>ungültige Zahl: Ziffer nach &apos;-&apos; erwartet</translation>
    </message>
    <message>
        <source>invalid number: expected a digit after the decimal point</source>
        <translation>ungültige Zahl: Ziffer nach dem Dezimalpunkt erwartet</translation>
    </message>
    <message>
        <source>invalid number: expected a digit in the exponent</source>
        <translation>ungültige Zahl: Ziffer im Exponenten erwartet</translation>
    </message>
    <message>
        <source>number is too large to be represented</source>
        <translation>Zahl ist zu groß, um dargestellt zu werden</translation>
    </message>
    <message>
        <source>control character in string; it must be written as an escape such as \n</source>
        <translation>Steuerzeichen im String; es muss als Escape-Sequenz wie \n geschrieben werden</translation>
    </message>
    <message>
        <source>invalid escape sequence in string</source>
        <translation>ungültige Escape-Sequenz im String</translation>
    </message>
    <message>
        <source>invalid \u escape: expected four hexadecimal digits</source>
        <translation>ungültiges \u-Escape: vier Hexadezimalziffern erwartet</translation>
    </message>
    <message>
        <source>\u escape is half of a UTF-16 surrogate pair without the other half</source>
        <translation>\u-Escape ist die Hälfte eines UTF-16-Surrogatpaars ohne die andere Hälfte</translation>
    </message>
    <message>
        <source>invalid UTF-8 byte sequence</source>
        <translation>ungültige UTF-8-Bytefolge</translation>
    </message>
    <message>
        <source>unexpected text after the JSON value</source>
        <translation>unerwarteter Text nach dem JSON-Wert</translation>
    </message>
    <message>
        <source>nesting is deeper than the limit of %1 levels</source>
        <translation>die Verschachtelung ist tiefer als das Limit von %1 Ebenen</translation>
    </message>
    <message>
        <source>duplicate key &quot;%1&quot;; the last value is used</source>
        <translation>doppelter Schlüssel &quot;%1&quot;; der letzte Wert wird verwendet</translation>
    </message>
    <message>
        <source>unexpected end of input inside the byte order mark</source>
        <translation>unerwartetes Ende der Eingabe innerhalb der Byte-Reihenfolge-Markierung</translation>
    </message>
</context>
<context>
    <name>Formwork::ModelCatalog</name>
    <message>
        <source>No server selected.</source>
        <translation>Kein Server ausgewählt.</translation>
    </message>
    <message>
        <source>Asking the server for its models…</source>
        <translation>Modelle werden vom Server abgefragt…</translation>
    </message>
    <message>
        <source>The server has no chat models. Download one with `ollama pull &lt;name&gt;`.</source>
        <translation>Der Server hat keine Chat-Modelle. Laden Sie eines mit `ollama pull &lt;name&gt;` herunter.</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n Modell</numerusform>
            <numerusform>%n Modelle</numerusform>
        </translation>
    </message>
    <message>
        <source>No server at %1: start it with `ollama serve` or change the address.</source>
        <translation>Kein Server unter %1: Starten Sie ihn mit `ollama serve` oder ändern Sie die Adresse.</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>geladen</translation>
    </message>
    <message>
        <source>This server accepts a JSON schema for %1 but does not enforce it; Formwork still validates every answer.</source>
        <translation>Dieser Server akzeptiert ein JSON-Schema für %1, setzt es aber nicht durch; Formwork validiert trotzdem jede Antwort.</translation>
    </message>
    <message>
        <source>%1 tokens (trained maximum)</source>
        <translation>%1 Tokens (trainiertes Maximum)</translation>
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
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>Geladen</translation>
    </message>
</context>
<context>
    <name>Formwork::PromptSettings</name>
    <message>
        <source>An image has an empty path.</source>
        <translation>Ein Bild hat einen leeren Pfad.</translation>
    </message>
    <message>
        <source>The image %1 does not exist.</source>
        <translation>Das Bild %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The image %1 is not a file.</source>
        <translation>Das Bild %1 ist keine Datei.</translation>
    </message>
    <message>
        <source>The image %1 is larger than %2 MB.</source>
        <translation>Das Bild %1 ist größer als %2 MB.</translation>
    </message>
    <message>
        <source>The image %1 cannot be read: %2</source>
        <translation>Das Bild %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The image %1 is empty.</source>
        <translation>Das Bild %1 ist leer.</translation>
    </message>
    <message>
        <source>The user prompt is empty: write what the model should extract from.</source>
        <translation>Der Benutzer-Prompt ist leer: Schreiben Sie, woraus das Modell was extrahieren soll.</translation>
    </message>
    <message>
        <source>The user prompt is empty once its variables are filled in: give %1 a value.</source>
        <translation>Der Benutzer-Prompt ist leer, sobald seine Variablen eingesetzt sind: Geben Sie %1 einen Wert.</translation>
    </message>
</context>
<context>
    <name>Formwork::Server</name>
    <message>
        <source>the server</source>
        <translation>der Server</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>llama.cpp&apos;s llama-server</source>
        <translation>llama-server von llama.cpp</translation>
    </message>
    <message>
        <source>vLLM</source>
        <translation>vLLM</translation>
    </message>
    <message>
        <source>LM Studio</source>
        <translation>LM Studio</translation>
    </message>
    <message>
        <source>an OpenAI-compatible server of unknown kind</source>
        <translation>ein OpenAI-kompatibler Server unbekannter Art</translation>
    </message>
    <message>
        <source>Server: not recognised.</source>
        <translation>Server: nicht erkannt.</translation>
    </message>
    <message>
        <source> (build %1)</source>
        <translation> (Build %1)</translation>
    </message>
    <message>
        <source> %1</source>
        <translation> %1</translation>
    </message>
    <message>
        <source>, serving %1</source>
        <translation>, stellt %1 bereit</translation>
    </message>
    <message>
        <source> with %1 tokens of context per slot</source>
        <translation> mit %1 Tokens Kontext pro Slot</translation>
    </message>
    <message>
        <source>Server: %1.</source>
        <translation>Server: %1.</translation>
    </message>
</context>
<context>
    <name>Formwork::StoredRunReplay</name>
    <message>
        <source>pass %1, chunk %2</source>
        <translation>Durchgang %1, Abschnitt %2</translation>
    </message>
    <message>
        <source>chunk %1</source>
        <translation>Abschnitt %1</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::AdvisorButton</name>
    <message>
        <source>Problem:</source>
        <translation>Problem:</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>Warnung:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Hinweis:</translation>
    </message>
    <message>
        <source>advisor: no warnings</source>
        <translation>Berater: keine Warnungen</translation>
    </message>
    <message>
        <source>advisor: 1 warning</source>
        <translation>Berater: 1 Warnung</translation>
    </message>
    <message>
        <source>advisor: %1 warnings</source>
        <translation>Berater: %1 Warnungen</translation>
    </message>
    <message>
        <source>&lt;p&gt;What the advisor noticed about the model, the mode and the schema (click for the list):&lt;/p&gt;%1</source>
        <translation>&lt;p&gt;Was dem Berater an Modell, Modus und Schema aufgefallen ist (klicken für die Liste):&lt;/p&gt;%1</translation>
    </message>
    <message>
        <source>The advisor checks the model&apos;s capabilities, the mode and the schema before a run; nothing to report.</source>
        <translation>Der Berater prüft vor einem Lauf die Fähigkeiten des Modells, den Modus und das Schema; es gibt nichts zu melden.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::ApiKeyStore</name>
    <message>
        <source>The key will be stored in the desktop keyring.</source>
        <translation>Der Schlüssel wird im Schlüsselbund der Arbeitsumgebung gespeichert.</translation>
    </message>
    <message>
        <source>The key is stored in the desktop keyring.</source>
        <translation>Der Schlüssel ist im Schlüsselbund der Arbeitsumgebung gespeichert.</translation>
    </message>
    <message>
        <source>No keyring service is running: the key is kept for this session only.</source>
        <translation>Es läuft kein Schlüsselbund-Dienst: Der Schlüssel wird nur für diese Sitzung behalten.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::AttemptErrorModel</name>
    <message>
        <source>%1
Schema: %2</source>
        <translation>%1
Schema: %2</translation>
    </message>
    <message>
        <source>(reply)</source>
        <translation>(Antwort)</translation>
    </message>
    <message>
        <source>parse</source>
        <translation>Syntax</translation>
    </message>
    <message>
        <source>Instance path</source>
        <translation>Instanzpfad</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Schlüsselwort</translation>
    </message>
    <message>
        <source>%1 (soft)</source>
        <translation>%1 (weich)</translation>
    </message>
    <message>
        <source>schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>expression</source>
        <translation>Ausdruck</translation>
    </message>
    <message>
        <source>grounding</source>
        <translation>Verortung</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::AttemptTimelineModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Attempt %1 is under way.</source>
        <translation>Versuch %1 läuft.</translation>
    </message>
    <message>
        <source>Attempt %1: %2</source>
        <translation>Versuch %1: %2</translation>
    </message>
    <message>
        <source>done_reason: %1</source>
        <translation>done_reason: %1</translation>
    </message>
    <message>
        <source>resending...</source>
        <translation>wird erneut gesendet...</translation>
    </message>
    <message>
        <source>streaming...</source>
        <translation>wird empfangen...</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message numerus="yes">
        <source>invalid, %n error(s)</source>
        <translation>
            <numerusform>ungültig, %n Fehler</numerusform>
            <numerusform>ungültig, %n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>parse failure</source>
        <translation>kein gültiges JSON</translation>
    </message>
    <message>
        <source>no JSON</source>
        <translation>kein JSON</translation>
    </message>
    <message>
        <source>truncated</source>
        <translation>abgeschnitten</translation>
    </message>
    <message>
        <source>backend failure</source>
        <translation>Backend-Fehler</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>all attempts used</source>
        <translation>alle Versuche aufgebraucht</translation>
    </message>
    <message>
        <source>deadline reached</source>
        <translation>Frist erreicht</translation>
    </message>
    <message>
        <source>token budget used up</source>
        <translation>Token-Budget aufgebraucht</translation>
    </message>
    <message>
        <source>reply cut off at the largest num_predict</source>
        <translation>Antwort beim höchsten num_predict abgeschnitten</translation>
    </message>
    <message>
        <source>configuration refused</source>
        <translation>Konfiguration abgelehnt</translation>
    </message>
    <message>
        <source>Attempt %1 of %2 under way.</source>
        <translation>Versuch %1 von %2 läuft.</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>Wird gestartet...</translation>
    </message>
    <message>
        <source>Valid on attempt %1 of %2.</source>
        <translation>Gültig bei Versuch %1 von %2.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Failed (%1).</source>
        <translation>Fehlgeschlagen (%1).</translation>
    </message>
    <message>
        <source>The value of attempt %1 was accepted anyway, its failures kept.</source>
        <translation>Der Wert von Versuch %1 wurde trotzdem übernommen, seine Fehler bleiben markiert.</translation>
    </message>
    <message>
        <source>the context is full</source>
        <translation>der Kontext ist voll</translation>
    </message>
    <message>
        <source>context full</source>
        <translation>Kontext voll</translation>
    </message>
    <message>
        <source>#%1 · chunk %2</source>
        <translation>#%1 · Abschnitt %2</translation>
    </message>
    <message>
        <source>Resent</source>
        <translation>Wiederholt</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>1st token</source>
        <translation>1. Token</translation>
    </message>
    <message>
        <source>The attempt&apos;s number in the run; the first is the original request, later ones are reasks</source>
        <translation>Die Nummer des Versuchs im Lauf; der erste ist die ursprüngliche Anfrage, spätere sind Nachfragen</translation>
    </message>
    <message>
        <source>What came of the attempt: valid, invalid with its error count, or why it failed</source>
        <translation>Was aus dem Versuch wurde: gültig, ungültig mit der Anzahl seiner Fehler oder warum er fehlschlug</translation>
    </message>
    <message>
        <source>How often the same request was sent again after a transport failure (not counted as attempts)</source>
        <translation>Wie oft dieselbe Anfrage nach einem Übertragungsfehler erneut gesendet wurde (zählt nicht als Versuch)</translation>
    </message>
    <message>
        <source>Tokens in: the prompt tokens the server counted for this attempt</source>
        <translation>Tokens ein: die Prompt-Tokens, die der Server für diesen Versuch gezählt hat</translation>
    </message>
    <message>
        <source>Tokens out: the tokens the model wrote in this attempt</source>
        <translation>Tokens aus: die Tokens, die das Modell in diesem Versuch geschrieben hat</translation>
    </message>
    <message>
        <source>Wall time of the attempt, from sending the request to the last byte of the reply</source>
        <translation>Laufzeit des Versuchs, vom Senden der Anfrage bis zum letzten Byte der Antwort</translation>
    </message>
    <message>
        <source>Time to the first token of the reply</source>
        <translation>Zeit bis zum ersten Token der Antwort</translation>
    </message>
    <message>
        <source>Attempt %1 (chunk %2) is under way; its reply shows when it ends.</source>
        <translation>Versuch %1 (Abschnitt %2) läuft; seine Antwort erscheint, wenn er endet.</translation>
    </message>
    <message>
        <source>No run yet. Run (Ctrl+Return) sends the prompt; each attempt&apos;s request, reply and errors show here.</source>
        <translation>Noch kein Lauf. Ausführen (Strg+Eingabe) sendet den Prompt; Anfrage, Antwort und Fehler jedes Versuchs erscheinen hier.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::BatchPane</name>
    <message>
        <source>optional: a column with the expected JSON</source>
        <translation>optional: eine Spalte mit dem erwarteten JSON</translation>
    </message>
    <message>
        <source>Rows sent at once (a local Ollama serializes unless OLLAMA_NUM_PARALLEL is set)</source>
        <translation>Gleichzeitig gesendete Zeilen (ein lokales Ollama arbeitet sie nacheinander ab, außer OLLAMA_NUM_PARALLEL ist gesetzt)</translation>
    </message>
    <message>
        <source>File...</source>
        <translation>Datei...</translation>
    </message>
    <message>
        <source>Choose a CSV or JSONL file of rows</source>
        <translation>Eine CSV- oder JSONL-Datei mit Zeilen wählen</translation>
    </message>
    <message>
        <source>Folder...</source>
        <translation>Ordner...</translation>
    </message>
    <message>
        <source>Save the valid rows as CSV, JSONL or JSON, each with its row id</source>
        <translation>Die gültigen Zeilen als CSV, JSONL oder JSON speichern, jede mit ihrer Zeilen-ID</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>Alle Zeilen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Retried</source>
        <translation>Wiederholt</translation>
    </message>
    <message>
        <source>Disagreeing with expected</source>
        <translation>Abweichend vom Erwarteten</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>&amp;Eingabe:</translation>
    </message>
    <message>
        <source>&amp;Expected column:</source>
        <translation>Erwartete &amp;Spalte:</translation>
    </message>
    <message>
        <source>Rows at &amp;once:</source>
        <translation>Zeilen &amp;gleichzeitig:</translation>
    </message>
    <message>
        <source>The input has no rows.</source>
        <translation>Die Eingabe hat keine Zeilen.</translation>
    </message>
    <message>
        <source>No failed rows to run again.</source>
        <translation>Keine fehlgeschlagenen Zeilen zum erneuten Ausführen.</translation>
    </message>
    <message>
        <source>The batch has nothing to run with.</source>
        <translation>Dem Stapellauf fehlt, womit er laufen kann.</translation>
    </message>
    <message>
        <source>The prompt uses {{%1}} but the input has no such column (it has: %2).</source>
        <translation>Der Prompt verwendet {{%1}}, aber die Eingabe hat keine solche Spalte (sie hat: %2).</translation>
    </message>
    <message>
        <source>%1 The batch runs without a history.</source>
        <translation>%1 Der Stapellauf läuft ohne Verlauf.</translation>
    </message>
    <message>
        <source>%1 taken out: %2</source>
        <translation>%1 herausgenommen: %2</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation> (angehalten)</translation>
    </message>
    <message>
        <source>Batch Input</source>
        <translation>Eingabe des Stapellaufs</translation>
    </message>
    <message>
        <source>Rows (*.csv *.jsonl *.ndjson)</source>
        <translation>Zeilen (*.csv *.jsonl *.ndjson)</translation>
    </message>
    <message>
        <source>Export Batch Results</source>
        <translation>Ergebnisse des Stapellaufs exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON Lines (*.jsonl);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON Lines (*.jsonl);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Open Row in Timeline</source>
        <translation>Zeile im Bereich &amp;Versuche öffnen</translation>
    </message>
    <message>
        <source>Show the selected row&apos;s attempts in the Attempts pane: every request, reply and error, read-only (Return or double-click)</source>
        <translation>Die Versuche der ausgewählten Zeile im Bereich Versuche anzeigen: jede Anfrage, jede Antwort und jeden Fehler, schreibgeschützt (Return oder Doppelklick)</translation>
    </message>
    <message>
        <source>Choose an input file or folder first.</source>
        <translation>Wählen Sie zuerst eine Eingabedatei oder einen Eingabeordner.</translation>
    </message>
    <message>
        <source>Reading %1: %2 of %3 KB</source>
        <translation>%1 wird gelesen: %2 von %3 KB</translation>
    </message>
    <message>
        <source>Reading %1...</source>
        <translation>%1 wird gelesen...</translation>
    </message>
    <message>
        <source>Select a row to open.</source>
        <translation>Wählen Sie eine Zeile zum Öffnen aus.</translation>
    </message>
    <message>
        <source>Row %1 has not run yet.</source>
        <translation>Zeile %1 wurde noch nicht ausgeführt.</translation>
    </message>
    <message>
        <source>Row %1 was not stored in the history, so its attempts cannot be shown.</source>
        <translation>Zeile %1 wurde nicht im Verlauf gespeichert, daher können ihre Versuche nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>The run of row %1 is no longer in the history.</source>
        <translation>Der Lauf von Zeile %1 ist nicht mehr im Verlauf.</translation>
    </message>
    <message>
        <source>rows.csv, rows.jsonl or a folder of documents (.txt, .md, .pdf, .html)</source>
        <translation>rows.csv, rows.jsonl oder ein Ordner mit Dokumenten (.txt, .md, .pdf, .html)</translation>
    </message>
    <message>
        <source>Show every row, the failed ones, the ones that needed reasks, or the ones whose result differs from the expected value</source>
        <translation>Alle Zeilen anzeigen, die fehlgeschlagenen, die mit Nachfragen oder die, deren Ergebnis vom erwarteten Wert abweicht</translation>
    </message>
    <message>
        <source>&amp;Rows</source>
        <translation>&amp;Zeilen</translation>
    </message>
    <message>
        <source>&amp;Comparison</source>
        <translation>&amp;Vergleich</translation>
    </message>
    <message>
        <source>Run &amp;Batch</source>
        <translation>Stapellauf &amp;starten</translation>
    </message>
    <message>
        <source>Run every row of the input through the current schema, prompt and model (Ctrl+Shift+B)</source>
        <translation>Jede Zeile der Eingabe mit dem aktuellen Schema, Prompt und Modell ausführen (Strg+Umschalt+B)</translation>
    </message>
    <message>
        <source>&amp;Pause Batch</source>
        <translation>Stapellauf &amp;anhalten</translation>
    </message>
    <message>
        <source>Res&amp;ume Batch</source>
        <translation>Stapellauf &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Cancel Batch</source>
        <translation>Stapellauf a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Stop the batch or the comparison; finished rows stay in the grid and the history (Resume Batch goes on)</source>
        <translation>Den Stapellauf oder den Vergleich abbrechen; fertige Zeilen bleiben in der Tabelle und im Verlauf (Stapellauf fortsetzen macht weiter)</translation>
    </message>
    <message>
        <source>Re-run &amp;Failed Rows</source>
        <translation>Fehlgeschlagene &amp;Zeilen erneut ausführen</translation>
    </message>
    <message>
        <source>Run the invalid and failed rows of the grid again</source>
        <translation>Die ungültigen und fehlgeschlagenen Zeilen der Tabelle erneut ausführen</translation>
    </message>
    <message>
        <source>&amp;Export Batch Results...</source>
        <translation>Ergebnisse des Stapellaufs &amp;exportieren...</translation>
    </message>
    <message>
        <source>Choose Batch &amp;Input File...</source>
        <translation>E&amp;ingabedatei für Stapellauf wählen...</translation>
    </message>
    <message>
        <source>Choose Batch Input &amp;Folder...</source>
        <translation>Eingabe&amp;ordner für Stapellauf wählen...</translation>
    </message>
    <message>
        <source>Choose a folder of documents: .txt, .md, .pdf and .html files ({{text}} and {{filename}})</source>
        <translation>Einen Ordner mit Dokumenten wählen: .txt-, .md-, .pdf- und .html-Dateien ({{text}} und {{filename}})</translation>
    </message>
    <message>
        <source>C&amp;ompare Variants</source>
        <translation>&amp;Varianten vergleichen</translation>
    </message>
    <message>
        <source>Run the input once per variant checked in the Comparison tab (models × modes) and show their figures side by side</source>
        <translation>Die Eingabe einmal pro Variante ausführen, die im Reiter Vergleich ausgewählt ist (Modelle × Modi), und ihre Kennzahlen nebeneinander anzeigen</translation>
    </message>
    <message>
        <source>The models to compare (from the Model pane&apos;s server)</source>
        <translation>Die zu vergleichenden Modelle (vom Server aus dem Bereich Modell)</translation>
    </message>
    <message>
        <source>Compare the %1 mode</source>
        <translation>Den Modus %1 vergleichen</translation>
    </message>
    <message>
        <source>optional: another user prompt</source>
        <translation>optional: ein weiterer Benutzer-Prompt</translation>
    </message>
    <message>
        <source>When given, every model and mode also runs with this user prompt instead of the window&apos;s, as a variant of its own</source>
        <translation>Falls angegeben, läuft jedes Modell mit jedem Modus zusätzlich mit diesem Benutzer-Prompt statt dem des Fensters, als eigene Variante</translation>
    </message>
    <message>
        <source>&amp;Models:</source>
        <translation>&amp;Modelle:</translation>
    </message>
    <message>
        <source>Mo&amp;des:</source>
        <translation>Mo&amp;di:</translation>
    </message>
    <message>
        <source>Second &amp;prompt:</source>
        <translation>Zweiter &amp;Prompt:</translation>
    </message>
    <message>
        <source>Asking the server what it is...</source>
        <translation>Server wird nach seinem Typ gefragt...</translation>
    </message>
    <message>
        <source>Every row has run; nothing to resume.</source>
        <translation>Alle Zeilen wurden ausgeführt; es gibt nichts fortzusetzen.</translation>
    </message>
    <message>
        <source>Check at least one model and one mode.</source>
        <translation>Wählen Sie mindestens ein Modell und einen Modus aus.</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s), each over every row of the input.</source>
        <translation>
            <numerusform>%n Variante, jeweils über alle Zeilen der Eingabe.</numerusform>
            <numerusform>%n Varianten, jeweils über alle Zeilen der Eingabe.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check at least one model and one mode in the Comparison tab.</source>
        <translation>Wählen Sie im Reiter Vergleich mindestens ein Modell und einen Modus aus.</translation>
    </message>
    <message>
        <source>The second prompt uses {{%1}} but the input has no such column (it has: %2).</source>
        <translation>Der zweite Prompt verwendet {{%1}}, aber die Eingabe hat keine solche Spalte (vorhanden: %2).</translation>
    </message>
    <message>
        <source>Variant %1 of %2 (%3): %4/%5 rows</source>
        <translation>Variante %1 von %2 (%3): %4/%5 Zeilen</translation>
    </message>
    <message>
        <source>The comparison stopped: %1 of %2 variants ran to the end.</source>
        <translation>Der Vergleich wurde abgebrochen: %1 von %2 Varianten liefen bis zum Ende.</translation>
    </message>
    <message numerus="yes">
        <source>Comparison of %n variant(s) done.</source>
        <translation>
            <numerusform>Vergleich von %n Variante abgeschlossen.</numerusform>
            <numerusform>Vergleich von %n Varianten abgeschlossen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder of Documents</source>
        <translation>Ordner mit Dokumenten</translation>
    </message>
    <message>
        <source>How many finished rows failed each named check (hard, and soft apart), rows resumed from the history included</source>
        <translation>Wie viele fertige Zeilen jede benannte Prüfung nicht bestanden haben (harte und, getrennt davon, weiche), einschließlich der aus dem Verlauf fortgesetzten Zeilen</translation>
    </message>
    <message>
        <source>Send no new rows of the batch or the comparison until resumed; rows under way finish</source>
        <translation>Bis zum Fortsetzen keine neuen Zeilen des Stapellaufs oder des Vergleichs senden; laufende Zeilen werden noch beendet</translation>
    </message>
    <message>
        <source>Go on after a pause, or run what a cancelled batch or comparison did not finish (finished rows are not sent again)</source>
        <translation>Nach einer Pause weitermachen oder ausführen, was ein abgebrochener Stapellauf oder Vergleich nicht beendet hat (fertige Zeilen werden nicht erneut gesendet)</translation>
    </message>
    <message>
        <source>prompt 2</source>
        <translation>Prompt 2</translation>
    </message>
    <message>
        <source>No stopped comparison to resume.</source>
        <translation>Kein abgebrochener Vergleich zum Fortsetzen.</translation>
    </message>
    <message>
        <source>The comparison stopped: %1 of %2 variants ran to the end (Resume Batch goes on).</source>
        <translation>Der Vergleich wurde abgebrochen: %1 von %2 Varianten liefen bis zum Ende (Stapellauf fortsetzen macht weiter).</translation>
    </message>
    <message>
        <source>Checking the schema; the batch starts when it is checked.</source>
        <translation>Das Schema wird geprüft; der Stapellauf beginnt, sobald es geprüft ist.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::BatchResultsModel</name>
    <message>
        <source>pending</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>ungültig</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 of %2 values of %3 were found in their row&apos;s input text</source>
        <translation>%1 von %2 Werten von %3 wurden im Eingabetext ihrer Zeile gefunden</translation>
    </message>
    <message>
        <source>%1 (%2% grounded)</source>
        <translation>%1 (%2 % verortet)</translation>
    </message>
    <message numerus="yes">
        <source>%n soft check(s) failed</source>
        <translation>
            <numerusform>%n weiche Prüfung fehlgeschlagen</numerusform>
            <numerusform>%n weiche Prüfungen fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (+%n soft)</source>
        <translation>
            <numerusform>%1 (+%n weiche)</numerusform>
            <numerusform>%1 (+%n weiche)</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed checks:</source>
        <translation>Fehlgeschlagene Prüfungen:</translation>
    </message>
    <message>
        <source>soft, not reasked</source>
        <translation>weich, ohne Nachfrage</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>hart</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>%1 (%2, %3) at %4: %5</source>
        <translation>%1 (%2, %3) bei %4: %5</translation>
    </message>
    <message>
        <source>Extraction: %1 tokens (%2 prompt, %3 completion), %4 s</source>
        <translation>Extraktion: %1 Tokens (%2 Prompt, %3 Antwort), %4 s</translation>
    </message>
    <message>
        <source>Model-judged rules: %1</source>
        <translation>Regelprüfer: %1</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::CapabilityAdvisor</name>
    <message>
        <source>%1 does not list the `tools` capability, so the server will refuse tools mode. Choose schema mode, or a model with tools.</source>
        <translation>%1 führt die Fähigkeit `tools` nicht auf, daher lehnt der Server den Modus tools ab. Wählen Sie den Modus schema oder ein Modell mit tools.</translation>
    </message>
    <message>
        <source>Ollama&apos;s native API has no tool_choice: the model may answer in prose instead of calling the tool, which costs a reask. Schema mode is enforced by the grammar instead.</source>
        <translation>Die native API von Ollama kennt kein tool_choice: Das Modell kann in Prosa antworten, statt das Tool aufzurufen, was eine Nachfrage kostet. Der Modus schema wird dagegen von der Grammatik durchgesetzt.</translation>
    </message>
    <message>
        <source>Ollama&apos;s /v1 endpoint ignores tool_choice: the model may answer in prose instead of calling the tool, which costs a reask. Schema mode is enforced by the grammar instead.</source>
        <translation>Der /v1-Endpunkt von Ollama ignoriert tool_choice: Das Modell kann in Prosa antworten, statt das Tool aufzurufen, was eine Nachfrage kostet. Der Modus schema wird dagegen von der Grammatik durchgesetzt.</translation>
    </message>
    <message>
        <source>%1 is a thinking model and thinks before every answer by default. Set Think to Off for faster runs, or to a level; the thinking text is not held to the schema.</source>
        <translation>%1 ist ein Thinking-Modell und denkt standardmäßig vor jeder Antwort nach. Stellen Sie Thinking für schnellere Läufe auf &quot;aus&quot; oder auf eine Stufe; der Thinking-Text wird nicht gegen das Schema geprüft.</translation>
    </message>
    <message>
        <source>%1 does not list the `thinking` capability, so the Think setting is not sent. Set Think to Default, or choose a thinking model.</source>
        <translation>%1 führt die Fähigkeit `thinking` nicht auf, daher wird die Thinking-Einstellung nicht gesendet. Stellen Sie Thinking auf &quot;Modellstandard&quot; oder wählen Sie ein Thinking-Modell.</translation>
    </message>
    <message>
        <source>The prompts and the schema come to about %1 tokens, more than the %2 tokens %3 can read. Shorten the document or the schema, or choose a model with a longer context.</source>
        <translation>Prompts und Schema ergeben etwa %1 Tokens, mehr als die %2 Tokens, die %3 lesen kann. Kürzen Sie das Dokument oder das Schema, oder wählen Sie ein Modell mit längerem Kontext.</translation>
    </message>
    <message>
        <source>The prompts and the schema come to about %1 tokens, more than the context of %2 tokens this run uses; the server would cut the prompt. Raise num_ctx to at least %3.</source>
        <translation>Prompts und Schema ergeben etwa %1 Tokens, mehr als der Kontext von %2 Tokens, den dieser Lauf verwendet; der Server würde den Prompt abschneiden. Erhöhen Sie num_ctx auf mindestens %3.</translation>
    </message>
    <message>
        <source>The server accepts a schema for %1 but ignores it (MLX/safetensors and cloud models do). Formwork still validates and reasks, but expect more attempts; a GGUF model is held to the schema.</source>
        <translation>Der Server akzeptiert ein Schema für %1, ignoriert es aber (wie bei MLX-/safetensors- und Cloud-Modellen). Formwork validiert trotzdem und fragt nach, rechnen Sie aber mit mehr Versuchen; ein GGUF-Modell hält sich an das Schema.</translation>
    </message>
    <message>
        <source>The server may refuse this schema because of %1. See the enforcement report in the schema editor for what to change.</source>
        <translation>Der Server lehnt dieses Schema möglicherweise wegen %1 ab. Der Durchsetzungsbericht im Schema-Editor zeigt, was zu ändern ist.</translation>
    </message>
    <message>
        <source>1 image would go to %2, which does not list the `vision` capability. Remove the image, or choose a vision model.</source>
        <translation>1 Bild würde an %2 gehen, das die Fähigkeit `vision` nicht aufführt. Entfernen Sie das Bild oder wählen Sie ein Vision-Modell.</translation>
    </message>
    <message>
        <source>%1 images would go to %2, which does not list the `vision` capability. Remove the images, or choose a vision model.</source>
        <translation>%1 Bilder würden an %2 gehen, das die Fähigkeit `vision` nicht aufführt. Entfernen Sie die Bilder oder wählen Sie ein Vision-Modell.</translation>
    </message>
    <message>
        <source>Whether %1 honours tool_choice is not known: the model may answer in prose instead of calling the tool, which costs a reask.</source>
        <translation>Ob %1 tool_choice beachtet, ist nicht bekannt: Das Modell kann in Prosa antworten, statt das Tool aufzurufen, was eine Nachfrage kostet.</translation>
    </message>
    <message>
        <source>Which schema keywords %1 enforces is not known. Formwork validates every reply against the whole schema and reasks.</source>
        <translation>Welche Schema-Schlüsselwörter %1 durchsetzt, ist nicht bekannt. Formwork validiert jede Antwort gegen das ganze Schema und fragt nach.</translation>
    </message>
    <message>
        <source>the grammar of %1</source>
        <translation>die Grammatik von %1</translation>
    </message>
    <message>
        <source>the grammar</source>
        <translation>die Grammatik</translation>
    </message>
    <message>
        <source>1 schema keyword is not enforced by %3 (%2): the model can break it and Formwork reasks. Express it with enum, pattern or integer bounds where you can.</source>
        <translation>1 Schema-Schlüsselwort (%2) liegt außerhalb dessen, was %3 durchsetzt: Das Modell kann es verletzen, und Formwork fragt nach. Drücken Sie es, wo möglich, mit enum, pattern oder Ganzzahlgrenzen aus.</translation>
    </message>
    <message>
        <source>%1 schema keywords are not enforced by %3 (%2): the model can break them and Formwork reasks. Express them with enum, pattern or integer bounds where you can.</source>
        <translation>%1 Schema-Schlüsselwörter (%2) liegen außerhalb dessen, was %3 durchsetzt: Das Modell kann sie verletzen, und Formwork fragt nach. Drücken Sie sie, wo möglich, mit enum, pattern oder Ganzzahlgrenzen aus.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::CapabilityBadgeDelegate</name>
    <message>
        <source>tools: can call a tool (tools mode)</source>
        <translation>tools: kann ein Tool aufrufen (Modus tools)</translation>
    </message>
    <message>
        <source>thinking: reasons before it answers (the Think setting)</source>
        <translation>thinking: denkt vor der Antwort nach (die Thinking-Einstellung)</translation>
    </message>
    <message>
        <source>vision: reads images</source>
        <translation>vision: liest Bilder</translation>
    </message>
    <message>
        <source>schema ignored: the server accepts a schema for this model but does not enforce it</source>
        <translation>Schema ignoriert: Der Server akzeptiert für dieses Modell ein Schema, setzt es aber nicht durch</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::CheckEditDialog</name>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>normalized (case, spaces, punctuation, accents ignored)</source>
        <translation>normalisiert (Groß-/Kleinschreibung, Leerzeichen, Satzzeichen und Akzente werden ignoriert)</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <source>hard: fails the attempt and is reasked</source>
        <translation>hart: Der Versuch schlägt fehl, und es wird nachgefragt</translation>
    </message>
    <message>
        <source>soft: reported only</source>
        <translation>weich: wird nur gemeldet</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>/total, or /lineItems/*/description</source>
        <translation>/total oder /lineItems/*/description</translation>
    </message>
    <message>
        <source>total == lineItems.reduce((s, i) =&gt; s + i.total, 0)</source>
        <translation>total == lineItems.reduce((s, i) =&gt; s + i.total, 0)</translation>
    </message>
    <message>
        <source>Each fact is about the person named in name.</source>
        <translation>Jede Tatsache betrifft die in name genannte Person.</translation>
    </message>
    <message>
        <source>the extraction&apos;s model</source>
        <translation>das Modell der Extraktion</translation>
    </message>
    <message>
        <source>What the model reads when the check fails</source>
        <translation>Was das Modell liest, wenn die Prüfung fehlschlägt</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation>&amp;Pfad:</translation>
    </message>
    <message>
        <source>E&amp;xpression:</source>
        <translation>Aus&amp;druck:</translation>
    </message>
    <message>
        <source>&amp;Time limit:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>M&amp;atch:</source>
        <translation>Ab&amp;gleich:</translation>
    </message>
    <message>
        <source>&amp;Rule:</source>
        <translation>&amp;Regel:</translation>
    </message>
    <message>
        <source>&amp;Judging model:</source>
        <translation>&amp;Bewertendes Modell:</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Meldung:</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>&amp;Schweregrad:</translation>
    </message>
    <message>
        <source>Give the check a name.</source>
        <translation>Geben Sie der Prüfung einen Namen.</translation>
    </message>
    <message>
        <source>The path is a JSON Pointer: empty for the whole value, else starting with /.</source>
        <translation>Der Pfad ist ein JSON Pointer: leer für den ganzen Wert, sonst mit / beginnend.</translation>
    </message>
    <message>
        <source>Write the expression that must be true.</source>
        <translation>Schreiben Sie den Ausdruck, der wahr sein muss.</translation>
    </message>
    <message>
        <source>Write the message the model reads when the expression is false.</source>
        <translation>Schreiben Sie die Meldung, die das Modell liest, wenn der Ausdruck falsch ist.</translation>
    </message>
    <message>
        <source>Write the rule in plain words.</source>
        <translation>Schreiben Sie die Regel in einfachen Worten.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::CheckListModel</name>
    <message>
        <source>soft</source>
        <translation>weich</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>hart</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Last test</source>
        <translation>Letzter Test</translation>
    </message>
    <message>
        <source>expression</source>
        <translation>Ausdruck</translation>
    </message>
    <message>
        <source>grounding</source>
        <translation>Verortung</translation>
    </message>
    <message>
        <source>rule (model-judged)</source>
        <translation>Regel (vom Modell bewertet)</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::ChecksPane</name>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Add a check beyond the schema: an expression, grounding in the input, or a rule</source>
        <translation>Eine Prüfung über das Schema hinaus hinzufügen: einen Ausdruck, eine Verortung in der Eingabe oder eine Regel</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected check</source>
        <translation>Die ausgewählte Prüfung bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected check</source>
        <translation>Die ausgewählte Prüfung entfernen</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Run the checks against the current result (rules need a model and are skipped)</source>
        <translation>Die Prüfungen gegen das aktuelle Ergebnis ausführen (Regeln brauchen ein Modell und werden übersprungen)</translation>
    </message>
    <message>
        <source>check %1</source>
        <translation>Prüfung %1</translation>
    </message>
    <message>
        <source>There is no result to test against yet: run the extraction or validate some JSON.</source>
        <translation>Es gibt noch kein Ergebnis, gegen das getestet werden kann: Führen Sie die Extraktion aus oder validieren Sie JSON.</translation>
    </message>
    <message>
        <source>a rule is judged by a model during a run</source>
        <translation>eine Regel wird während eines Laufs von einem Modell bewertet</translation>
    </message>
    <message>
        <source>there is no input text to look in</source>
        <translation>es gibt keinen Eingabetext, in dem gesucht werden kann</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed on the current result.</source>
        <translation>
            <numerusform>%n Prüfung ist beim aktuellen Ergebnis fehlgeschlagen.</numerusform>
            <numerusform>%n Prüfungen sind beim aktuellen Ergebnis fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every check passed on the current result.</source>
        <translation>Alle Prüfungen wurden beim aktuellen Ergebnis bestanden.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::ChunkingForm</name>
    <message>
        <source>Long documents</source>
        <translation>Lange Dokumente</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>auto (when the prompt does not fit the context)</source>
        <translation>auto (wenn der Prompt nicht in den Kontext passt)</translation>
    </message>
    <message>
        <source>always</source>
        <translation>immer</translation>
    </message>
    <message>
        <source>Split a long document into chunks, extract each chunk (validated and reasked as usual) and merge the results.
off: the whole prompt in one run.
auto: only when the prompt and schema come to more tokens than the model&apos;s context (num_ctx, the loaded runner&apos;s, else the trained length); the chunks are made small enough to fit.
always: whenever the document is longer than the chunk size.
The document is the longest {{variable}} value that makes up most of the user prompt, else the whole user prompt.</source>
        <translation>Ein langes Dokument in Abschnitte teilen, jeden Abschnitt extrahieren (wie gewohnt validiert, mit Nachfragen) und die Ergebnisse zusammenführen.
aus: der ganze Prompt in einem Lauf.
auto: nur wenn Prompt und Schema mehr Tokens ergeben, als der Kontext des Modells fasst (num_ctx, der des geladenen Runners, sonst die trainierte Länge); die Abschnitte werden so klein gemacht, dass sie passen.
immer: sobald das Dokument länger als die Abschnittsgröße ist.
Das Dokument ist der längste {{Variablen}}-Wert, der den Großteil des Benutzer-Prompts ausmacht, sonst der ganze Benutzer-Prompt.</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> Zeichen</translation>
    </message>
    <message>
        <source>The most characters of the document in one chunk. Chunks end at paragraph and sentence ends. About four characters of English are one token.</source>
        <translation>Die größte Anzahl Zeichen des Dokuments in einem Abschnitt. Abschnitte enden an Absatz- und Satzenden. Etwa vier Zeichen englischen Texts ergeben ein Token.</translation>
    </message>
    <message>
        <source>The text two neighbouring chunks share, so a fact on a chunk&apos;s edge is seen whole. Items found twice in the overlap are merged into one.</source>
        <translation>Der Text, den zwei benachbarte Abschnitte gemeinsam haben, damit eine Angabe am Rand eines Abschnitts vollständig gesehen wird. Elemente, die in der Überlappung doppelt gefunden werden, werden zu einem zusammengeführt.</translation>
    </message>
    <message>
        <source>Recall passes: each chunk is extracted this many times, one pass after another. The passes after the first add only items not found before; they never change a value an earlier pass gave.</source>
        <translation>Durchgänge: Jeder Abschnitt wird so oft extrahiert, ein Durchgang nach dem anderen. Die Durchgänge nach dem ersten fügen nur Elemente hinzu, die vorher nicht gefunden wurden; sie ändern nie einen Wert, den ein früherer Durchgang geliefert hat.</translation>
    </message>
    <message>
        <source>equal items are one item</source>
        <translation>gleiche Elemente sind ein Element</translation>
    </message>
    <message>
        <source>When merging the chunks, array items with the same value of this member (e.g. id or name) are one item, merged member by member. Empty: only equal items are one item.</source>
        <translation>Beim Zusammenführen der Abschnitte gelten Array-Elemente mit demselben Wert dieses Felds (z. B. id oder name) als ein Element und werden Feld für Feld zusammengeführt. Leer: Nur gleiche Elemente gelten als ein Element.</translation>
    </message>
    <message>
        <source>Split into &amp;chunks:</source>
        <translation>In &amp;Abschnitte teilen:</translation>
    </message>
    <message>
        <source>Chunk si&amp;ze:</source>
        <translation>Abschnitts&amp;größe:</translation>
    </message>
    <message>
        <source>O&amp;verlap:</source>
        <translation>Über&amp;lappung:</translation>
    </message>
    <message>
        <source>Recall &amp;passes:</source>
        <translation>&amp;Durchgänge:</translation>
    </message>
    <message>
        <source>Merge &amp;key:</source>
        <translation>Zusammenführungs&amp;schlüssel:</translation>
    </message>
    <message>
        <source>How many chunks are extracted at the same time. The server must serve that many requests at once to gain from it (Ollama: OLLAMA_NUM_PARALLEL; llama-server: --parallel); otherwise they wait in its queue. Cancel stops them all.</source>
        <translation>Wie viele Abschnitte gleichzeitig extrahiert werden. Das bringt nur etwas, wenn der Server so viele Anfragen gleichzeitig bedient (Ollama: OLLAMA_NUM_PARALLEL; llama-server: --parallel); sonst warten sie in seiner Warteschlange. Abbrechen stoppt alle.</translation>
    </message>
    <message>
        <source>At the same &amp;time:</source>
        <translation>&amp;Gleichzeitig:</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::CommandLine</name>
    <message>
        <source>The run did not start; see the window for why.</source>
        <translation>Der Lauf wurde nicht gestartet; der Grund steht im Fenster.</translation>
    </message>
    <message>
        <source>The run did not end in time; no screenshot was taken.</source>
        <translation>Der Lauf wurde nicht rechtzeitig beendet; es wurde kein Bildschirmfoto aufgenommen.</translation>
    </message>
    <message>
        <source>Could not write the screenshot %1.</source>
        <translation>Das Bildschirmfoto %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The batch did not end in time; no screenshot was taken.</source>
        <translation>Der Stapellauf wurde nicht rechtzeitig beendet; es wurde kein Screenshot aufgenommen.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::ComparisonModel</name>
    <message>
        <source>running…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1% (%2/%3)</source>
        <translation>%1 % (%2/%3)</translation>
    </message>
    <message>
        <source>%1 prompt + %2 completion tokens over every attempt</source>
        <translation>%1 Prompt- + %2 Antwort-Tokens über alle Versuche</translation>
    </message>
    <message>
        <source>Wall time per finished row, reasks included</source>
        <translation>Laufzeit pro fertiger Zeile, Nachfragen eingeschlossen</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <source>Give an expected column to compare the values</source>
        <translation>Geben Sie eine Spalte mit erwarteten Werten an, um die Werte zu vergleichen</translation>
    </message>
    <message>
        <source>Valid first try</source>
        <translation>Beim ersten Versuch gültig</translation>
    </message>
    <message>
        <source>Valid after reasks</source>
        <translation>Gültig nach Nachfragen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Mean latency</source>
        <translation>Mittlere Latenz</translation>
    </message>
    <message>
        <source>Field agreement</source>
        <translation>Feldübereinstimmung</translation>
    </message>
    <message>
        <source>Higher is better; the best is in bold</source>
        <translation>Höher ist besser; der beste Wert ist fett</translation>
    </message>
    <message>
        <source>Lower is better; the best is in bold</source>
        <translation>Niedriger ist besser; der beste Wert ist fett</translation>
    </message>
    <message>
        <source>Rows made valid by reasking (neither better nor worse: compare with the rows above and below)</source>
        <translation>Durch Nachfragen gültig gewordene Zeilen (weder besser noch schlechter: mit den Zeilen darüber und darunter vergleichen)</translation>
    </message>
    <message>
        <source>%1 (%2/%3)</source>
        <translation>%1 (%2/%3)</translation>
    </message>
    <message>
        <source>%1 (stopped)</source>
        <translation>%1 (abgebrochen)</translation>
    </message>
    <message>
        <source>Model %1, %2 mode</source>
        <translation>Modell %1, Modus %2</translation>
    </message>
    <message>
        <source>User prompt: %1</source>
        <translation>Benutzer-Prompt: %1</translation>
    </message>
    <message>
        <source>Model-judged rules, not counted above: %1</source>
        <translation>Vom Modell bewertete Regeln, oben nicht mitgezählt: %1</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::HighlightingThemeMenu</name>
    <message>
        <source>Highlighting &amp;Theme</source>
        <translation>&amp;Farbthema der Hervorhebung</translation>
    </message>
    <message>
        <source>Colours of the JSON in the schema editor and the replies</source>
        <translation>Farben des JSON im Schema-Editor und in den Antworten</translation>
    </message>
    <message>
        <source>&amp;Follow the Palette</source>
        <translation>Der &amp;Palette folgen</translation>
    </message>
    <message>
        <source>A light or a dark theme, whichever suits the window&apos;s colours</source>
        <translation>Ein helles oder ein dunkles Farbthema, je nachdem, was zu den Farben des Fensters passt</translation>
    </message>
    <message>
        <source>Highlight JSON with the %1 theme</source>
        <translation>JSON mit dem Farbthema %1 hervorheben</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::HistoryPane</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Re-validate</source>
        <translation>Neu validieren</translation>
    </message>
    <message>
        <source>Search model, input or result</source>
        <translation>Modell, Eingabe oder Ergebnis suchen</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Read the history again</source>
        <translation>Den Verlauf neu einlesen</translation>
    </message>
    <message>
        <source>Delete the selected runs and their attempts</source>
        <translation>Die ausgewählten Läufe und ihre Versuche löschen</translation>
    </message>
    <message>
        <source>Check the stored replies against the current schema, without calling a model, and show which verdicts change</source>
        <translation>Die gespeicherten Antworten gegen das aktuelle Schema prüfen, ohne ein Modell aufzurufen, und zeigen, welche Urteile sich ändern</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the runs to delete.</source>
        <translation>Wählen Sie die zu löschenden Läufe aus.</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n run(s).</source>
        <translation>
            <numerusform>%n Lauf gelöscht.</numerusform>
            <numerusform>%n Läufe gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>The schema is not valid yet, so there is nothing to re-validate against.</source>
        <translation>Das Schema ist noch nicht gültig, daher gibt es nichts, wogegen neu validiert werden kann.</translation>
    </message>
    <message>
        <source>%1 runs re-validated against the current schema; %2 change verdict.</source>
        <translation>%1 Läufe gegen das aktuelle Schema neu validiert; bei %2 ändert sich das Urteil.</translation>
    </message>
    <message>
        <source>This schema</source>
        <translation>Dieses Schema</translation>
    </message>
    <message>
        <source>&amp;Open in Timeline</source>
        <translation>Im Bereich &amp;Versuche öffnen</translation>
    </message>
    <message>
        <source>Show only the runs that ended like this</source>
        <translation>Nur die Läufe anzeigen, die so geendet haben</translation>
    </message>
    <message>
        <source>Show only the runs of this model</source>
        <translation>Nur die Läufe dieses Modells anzeigen</translation>
    </message>
    <message>
        <source>Any model</source>
        <translation>Jedes Modell</translation>
    </message>
    <message>
        <source>Show only the runs made with the schema being edited, exactly as it stands</source>
        <translation>Nur die Läufe anzeigen, die mit dem gerade bearbeiteten Schema in genau seinem jetzigen Stand ausgeführt wurden</translation>
    </message>
    <message>
        <source>Show only the runs started in this time</source>
        <translation>Nur die Läufe anzeigen, die in diesem Zeitraum gestartet wurden</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Jeder Zeitraum</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Between...</source>
        <translation>Zwischen...</translation>
    </message>
    <message>
        <source>The first day shown</source>
        <translation>Der erste angezeigte Tag</translation>
    </message>
    <message>
        <source>The last day shown</source>
        <translation>Der letzte angezeigte Tag</translation>
    </message>
    <message>
        <source>Show the selected run in the Attempts pane as it happened: every request, reply and error, read-only (Return or double-click)</source>
        <translation>Den ausgewählten Lauf so im Bereich Versuche anzeigen, wie er abgelaufen ist: jede Anfrage, jede Antwort und jeden Fehler, schreibgeschützt (Return oder Doppelklick)</translation>
    </message>
    <message>
        <source>The schema is not valid yet, so no run can match it.</source>
        <translation>Das Schema ist noch nicht gültig, daher kann kein Lauf dazu passen.</translation>
    </message>
    <message>
        <source>Select a run to open.</source>
        <translation>Wählen Sie einen Lauf zum Öffnen aus.</translation>
    </message>
    <message>
        <source>Run %1 is no longer in the history.</source>
        <translation>Lauf %1 ist nicht mehr im Verlauf.</translation>
    </message>
    <message>
        <source>Checking the schema; the list follows when it is checked.</source>
        <translation>Das Schema wird geprüft; die Liste folgt, sobald es geprüft ist.</translation>
    </message>
    <message>
        <source>Checking the schema; the runs are re-validated when it is checked.</source>
        <translation>Das Schema wird geprüft; die Läufe werden neu validiert, sobald es geprüft ist.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::HistoryRunsModel</name>
    <message>
        <source>now %1</source>
        <translation>jetzt %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Re-validated</source>
        <translation>Neu validiert</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::InferSchemaDialog</name>
    <message>
        <source>Infer Schema from Example</source>
        <translation>Schema aus Beispiel ableiten</translation>
    </message>
    <message>
        <source>Paste an example of the JSON you want the model to produce. Every key becomes a required property; arrays of objects are merged; nulls make a field nullable; dates, e-mail addresses, URIs and UUIDs get a format. The schema replaces the editor&apos;s text (Ctrl+Z brings it back).</source>
        <translation>Fügen Sie ein Beispiel für das JSON ein, das das Modell erzeugen soll. Jeder Schlüssel wird zu einer Pflichteigenschaft; Arrays von Objekten werden zusammengeführt; null macht ein Feld nullable; Datumsangaben, E-Mail-Adressen, URIs und UUIDs erhalten ein format. Das Schema ersetzt den Text des Editors (Strg+Z holt ihn zurück).</translation>
    </message>
    <message>
        <source>The example JSON value</source>
        <translation>Der JSON-Beispielwert</translation>
    </message>
    <message>
        <source>Infer Schema</source>
        <translation>Schema ableiten</translation>
    </message>
    <message>
        <source>Replace the schema with one inferred from the example</source>
        <translation>Das Schema durch eines ersetzen, das aus dem Beispiel abgeleitet ist</translation>
    </message>
    <message>
        <source>Not JSON: line %1, column %2: %3</source>
        <translation>Kein JSON: Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::JsonHighlighting</name>
    <message>
        <source>Built-in dark</source>
        <translation>Integriert (dunkel)</translation>
    </message>
    <message>
        <source>Built-in light</source>
        <translation>Integriert (hell)</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::JsonInputDialog</name>
    <message>
        <source>Open File...</source>
        <translation>Datei öffnen...</translation>
    </message>
    <message>
        <source>Load a JSON file into the editor</source>
        <translation>Eine JSON-Datei in den Editor laden</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 64 MB; check it with formwork-cli validate instead.</source>
        <translation>%1 ist größer als 64 MB; prüfen Sie die Datei stattdessen mit formwork-cli validate.</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text.</source>
        <translation>%1 ist kein UTF-8-Text.</translation>
    </message>
    <message>
        <source>Loaded %1.</source>
        <translation>%1 geladen.</translation>
    </message>
    <message>
        <source>Open JSON</source>
        <translation>JSON öffnen</translation>
    </message>
    <message>
        <source>JSON (*.json *.jsonl);;All files (*)</source>
        <translation>JSON (*.json *.jsonl);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::MainWindow</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
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
        <source>JSON Schema (*.json);;All files (*)</source>
        <translation>JSON-Schema (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>About Formwork</source>
        <translation>Über Formwork</translation>
    </message>
    <message>
        <source>&lt;b&gt;Formwork %1&lt;/b&gt;&lt;p&gt;Validated, structured JSON from local LLMs.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Formwork %1&lt;/b&gt;&lt;p&gt;Validiertes, strukturiertes JSON aus lokalen LLMs.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Import Schema...</source>
        <translation>Schema &amp;importieren...</translation>
    </message>
    <message>
        <source>Replace the schema with the text of a JSON Schema file</source>
        <translation>Das Schema durch den Text einer JSON-Schema-Datei ersetzen</translation>
    </message>
    <message>
        <source>&amp;Export Schema...</source>
        <translation>Schema &amp;exportieren...</translation>
    </message>
    <message>
        <source>Write the schema text to a JSON file of its own</source>
        <translation>Den Schematext in eine eigene JSON-Datei schreiben</translation>
    </message>
    <message>
        <source>Close Formwork (asks about unsaved changes first)</source>
        <translation>Formwork schließen (fragt zuerst nach ungespeicherten Änderungen)</translation>
    </message>
    <message>
        <source>&amp;Schema</source>
        <translation>&amp;Schema</translation>
    </message>
    <message>
        <source>&amp;Infer Schema from Example JSON...</source>
        <translation>Schema aus Beispiel-JSON &amp;ableiten...</translation>
    </message>
    <message>
        <source>Paste an example of the JSON you want and get a schema for it (types, required fields, arrays of objects, formats)</source>
        <translation>Ein Beispiel für das gewünschte JSON einfügen und ein Schema dafür erhalten (Typen, Pflichtfelder, Arrays von Objekten, Formate)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Cannot infer a schema: %1</source>
        <translation>Es kann kein Schema abgeleitet werden: %1</translation>
    </message>
    <message>
        <source>Import Schema</source>
        <translation>Schema importieren</translation>
    </message>
    <message>
        <source>Export Schema</source>
        <translation>Schema exportieren</translation>
    </message>
    <message>
        <source>Replace the schema?</source>
        <translation>Schema ersetzen?</translation>
    </message>
    <message>
        <source>Load %1 into the schema editor? The current schema text is replaced and cannot be undone.</source>
        <translation>%1 in den Schema-Editor laden? Der aktuelle Schematext wird ersetzt; das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Show the run&apos;s input text with each extracted value highlighted</source>
        <translation>Den Eingabetext des Laufs mit jedem extrahierten Wert hervorgehoben anzeigen</translation>
    </message>
    <message>
        <source>The schema is not valid yet: %1</source>
        <translation>Das Schema ist noch nicht gültig: %1</translation>
    </message>
    <message>
        <source>Choose a model in the Model pane first.</source>
        <translation>Wählen Sie zuerst im Bereich Modell ein Modell aus.</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Show the checks beyond the schema: expressions, grounding in the input, model-judged rules</source>
        <translation>Die Prüfungen über das Schema hinaus anzeigen: Ausdrücke, Verortung in der Eingabe, vom Modell bewertete Regeln</translation>
    </message>
    <message>
        <source>%1 is the value of {{%2}}.</source>
        <translation>%1 ist der Wert von {{%2}}.</translation>
    </message>
    <message>
        <source>%1 was added to the user message.</source>
        <translation>%1 wurde der Benutzernachricht hinzugefügt.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Open &amp;Document...</source>
        <translation>&amp;Dokument öffnen...</translation>
    </message>
    <message>
        <source>Make a text, Markdown, HTML or PDF file the input: the value of {{document}} (Ctrl+Shift+O; dropping the file onto the window does the same)</source>
        <translation>Eine Text-, Markdown-, HTML- oder PDF-Datei zur Eingabe machen: zum Wert von {{document}} (Strg+Umschalt+O; die Datei auf das Fenster zu ziehen bewirkt dasselbe)</translation>
    </message>
    <message>
        <source>&amp;Draft Schema...</source>
        <translation>Schema &amp;entwerfen...</translation>
    </message>
    <message>
        <source>Describe what to extract in words and let the chosen model write the schema (checked against the JSON Schema metaschema); see the changes before using it</source>
        <translation>In Worten beschreiben, was extrahiert werden soll, und das gewählte Modell das Schema schreiben lassen (gegen das Metaschema von JSON Schema geprüft); die Änderungen vor der Übernahme ansehen</translation>
    </message>
    <message>
        <source>Choose a model in the Model pane first: it writes the draft.</source>
        <translation>Wählen Sie zuerst im Bereich Modell ein Modell aus: Es schreibt den Entwurf.</translation>
    </message>
    <message>
        <source>Open Document</source>
        <translation>Dokument öffnen</translation>
    </message>
    <message>
        <source>Documents (*.txt *.md *.markdown *.html *.htm *.xhtml *.pdf);;All files (*)</source>
        <translation>Dokumente (*.txt *.md *.markdown *.html *.htm *.xhtml *.pdf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The run was not stored in the history: %1</source>
        <translation>Der Lauf wurde nicht im Verlauf gespeichert: %1</translation>
    </message>
    <message>
        <source>A run is under way; cancel it (Esc) before opening a stored one.</source>
        <translation>Ein Lauf ist im Gange; brechen Sie ihn ab (Esc), bevor Sie einen gespeicherten öffnen.</translation>
    </message>
    <message>
        <source>Showing stored run #%1 (read-only).</source>
        <translation>Gespeicherter Lauf #%1 wird angezeigt (schreibgeschützt).</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>S&amp;tapel</translation>
    </message>
    <message>
        <source>The schema changed and is being checked; start again when it is checked.</source>
        <translation>Das Schema wurde geändert und wird geprüft; starten Sie erneut, sobald es geprüft ist.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::ModelPickerPane</name>
    <message>
        <source>&amp;Refresh Models</source>
        <translation>Modelle a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Ask the server for its models again (GET /api/tags and /api/ps, or /v1/models)</source>
        <translation>Die Modelle erneut vom Server abfragen (GET /api/tags und /api/ps oder /v1/models)</translation>
    </message>
    <message>
        <source>Filter models (name, family, tools, vision…)</source>
        <translation>Modelle filtern (Name, Familie, tools, vision…)</translation>
    </message>
    <message>
        <source>Show only the models whose name, family, size, quantization or capabilities contain every word typed here</source>
        <translation>Nur die Modelle anzeigen, deren Name, Familie, Größe, Quantisierung oder Fähigkeiten jedes hier eingegebene Wort enthalten</translation>
    </message>
    <message>
        <source>The server&apos;s chat models; the selected one runs the extraction</source>
        <translation>Die Chat-Modelle des Servers; das ausgewählte führt die Extraktion aus</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>The server&apos;s address, e.g. localhost:11434 or https://example.com/ollama. Empty: OLLAMA_HOST, else http://127.0.0.1:11434</source>
        <translation>Die Adresse des Servers, z. B. localhost:11434 oder https://example.com/ollama. Leer: OLLAMA_HOST, sonst http://127.0.0.1:11434</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Ollama&apos;s native API (/api/chat: schemas, think, num_ctx), or the OpenAI-compatible /v1/chat/completions of Ollama, llama-server, LM Studio or vLLM</source>
        <translation>Die native API von Ollama (/api/chat: Schemas, think, num_ctx) oder das OpenAI-kompatible /v1/chat/completions von Ollama, llama-server, LM Studio oder vLLM</translation>
    </message>
    <message>
        <source>A&amp;PI:</source>
        <translation>A&amp;PI:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Sent as &quot;Authorization: Bearer …&quot; on every request to this server; kept in the desktop keyring, never in settings or workspaces</source>
        <translation>Wird bei jeder Anfrage an diesen Server als &quot;Authorization: Bearer …&quot; gesendet; im Schlüsselbund der Arbeitsumgebung aufbewahrt, nie in Einstellungen oder Arbeitsbereichen</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Ask the server who it is: GET /api/version (Ollama) or GET /v1/models</source>
        <translation>Den Server fragen, wer er ist: GET /api/version (Ollama) oder GET /v1/models</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Ask the server for its models again</source>
        <translation>Die Modelle erneut vom Server abfragen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address. Write it like localhost:11434 or https://example.com.</source>
        <translation>&quot;%1&quot; ist keine Serveradresse. Schreiben Sie sie wie localhost:11434 oder https://example.com.</translation>
    </message>
    <message>
        <source>Warning: the key would travel unencrypted over plain http to %1. Use https, or an SSH tunnel to localhost.</source>
        <translation>Warnung: Der Schlüssel würde unverschlüsselt über einfaches http an %1 übertragen. Verwenden Sie https oder einen SSH-Tunnel nach localhost.</translation>
    </message>
    <message>
        <source>Cannot reach the Ollama server at %1. Start it with `ollama serve`, or check the address.</source>
        <translation>Der Ollama-Server unter %1 ist nicht erreichbar. Starten Sie ihn mit `ollama serve` oder prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Start it, or check the address.</source>
        <translation>Der Server unter %1 ist nicht erreichbar. Starten Sie ihn oder prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The server at %1 did not list its models: %2</source>
        <translation>Der Server unter %1 hat seine Modelle nicht aufgelistet: %2</translation>
    </message>
    <message>
        <source>1 chat model on %1</source>
        <translation>1 Chat-Modell auf %1</translation>
    </message>
    <message>
        <source>%1 chat models on %2</source>
        <translation>%1 Chat-Modelle auf %2</translation>
    </message>
    <message>
        <source>%1 is not on this server. Download it with `ollama pull %1`, or pick another model.</source>
        <translation>%1 ist nicht auf diesem Server. Laden Sie es mit `ollama pull %1` herunter oder wählen Sie ein anderes Modell.</translation>
    </message>
    <message>
        <source>What answers at this address, asked when the address is set and by Test Connection.</source>
        <translation>Was unter dieser Adresse antwortet; wird abgefragt, wenn die Adresse gesetzt wird, und mit &quot;Verbindung testen&quot;.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::PromptImageList</name>
    <message>
        <source>%1
Cannot be read: %2</source>
        <translation>%1
Kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1
Sent to the model inline as base64 with the user message. Delete removes it.</source>
        <translation>%1
Wird inline als Base64 mit der Benutzernachricht an das Modell gesendet. Entf entfernt es.</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>Datei nicht vorhanden</translation>
    </message>
    <message>
        <source>%1 is not an image that can be read (%2).</source>
        <translation>%1 ist kein lesbares Bild (%2).</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>Die Zwischenablage enthält kein Bild.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for pasted images.</source>
        <translation>Der Ordner %1 für eingefügte Bilder kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write the pasted image to %1.</source>
        <translation>Das eingefügte Bild kann nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>Paste Image</source>
        <translation>Bild einfügen</translation>
    </message>
    <message>
        <source>Adds the clipboard&apos;s image, saved as a PNG file.</source>
        <translation>Fügt das Bild aus der Zwischenablage hinzu, als PNG-Datei gespeichert.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Removes the selected images from the prompt (the files stay on disk).</source>
        <translation>Entfernt die ausgewählten Bilder aus dem Prompt (die Dateien bleiben auf dem Datenträger).</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::PromptPane</name>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>The system and user prompts.</source>
        <translation>System- und Benutzer-Prompt.</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <source>Variables and images: the values of the prompts&apos; {{variables}}, and images for vision models.</source>
        <translation>Variablen und Bilder: die Werte der {{Variablen}} in den Prompts und Bilder für Vision-Modelle.</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Mode, attempts, sampling options and limits of the run.</source>
        <translation>Modus, Versuche, Sampling-Optionen und Grenzen des Laufs.</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>The schema prompt and the reask texts Formwork sends.</source>
        <translation>Der Schema-Prompt und die Nachfragetexte, die Formwork sendet.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>The exact request JSON the first attempt sends.</source>
        <translation>Das genaue Anfrage-JSON, das der erste Versuch sendet.</translation>
    </message>
    <message>
        <source>Optional. For example: You extract facts from documents exactly as written.</source>
        <translation>Optional. Zum Beispiel: Du extrahierst Fakten aus Dokumenten genau so, wie sie geschrieben sind.</translation>
    </message>
    <message>
        <source>Sent first, as the system message. Formwork appends the schema prompt to it (see Templates); when it is empty, the schema prompt alone is the system message. {{name}} is replaced by the variable&apos;s value.</source>
        <translation>Wird zuerst gesendet, als Systemnachricht. Formwork hängt den Schema-Prompt an (siehe Vorlagen); ist er leer, ist der Schema-Prompt allein die Systemnachricht. {{name}} wird durch den Wert der Variablen ersetzt.</translation>
    </message>
    <message>
        <source>What to extract, and from what. For example:
Extract the people named in this text:

{{document}}</source>
        <translation>Was extrahiert werden soll, und woraus. Zum Beispiel:
Extrahiere die in diesem Text genannten Personen:

{{document}}</translation>
    </message>
    <message>
        <source>Sent as the user message, with the images. {{name}} is replaced by the variable&apos;s value (Inputs tab).</source>
        <translation>Wird als Benutzernachricht gesendet, mit den Bildern. {{name}} wird durch den Wert der Variablen ersetzt (Reiter Eingaben).</translation>
    </message>
    <message>
        <source>&amp;System prompt</source>
        <translation>&amp;System-Prompt</translation>
    </message>
    <message>
        <source>&amp;User prompt</source>
        <translation>&amp;Benutzer-Prompt</translation>
    </message>
    <message>
        <source>A rough count (about four characters per token) of both prompts with their variables filled in, without the schema prompt and images.</source>
        <translation>Eine grobe Zählung (etwa vier Zeichen pro Token) beider Prompts mit eingesetzten Variablen, ohne Schema-Prompt und Bilder.</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>Every {{name}} of the system and user prompts. Its value replaces it, as written, when the request is built.</source>
        <translation>Jedes {{name}} in System- und Benutzer-Prompt. Beim Erstellen der Anfrage wird es durch seinen Wert ersetzt, genau wie geschrieben.</translation>
    </message>
    <message>
        <source>From File…</source>
        <translation>Aus Datei…</translation>
    </message>
    <message>
        <source>Value of {{%1}}</source>
        <translation>Wert von {{%1}}</translation>
    </message>
    <message>
        <source>The value of the selected variable; a whole document fits here.</source>
        <translation>Der Wert der ausgewählten Variablen; ein ganzes Dokument passt hier hinein.</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Adds image files to the user message (sent inline as base64: images on /api/chat, image_url data: URLs on /v1).</source>
        <translation>Fügt der Benutzernachricht Bilddateien hinzu (inline als Base64 gesendet: images bei /api/chat, image_url-data:-URLs bei /v1).</translation>
    </message>
    <message>
        <source>Add Images</source>
        <translation>Bilder hinzufügen</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Adds the clipboard&apos;s image, saved as a PNG file in Formwork&apos;s data folder so the workspace can refer to it (%1).</source>
        <translation>Fügt das Bild aus der Zwischenablage hinzu, als PNG-Datei im Datenordner von Formwork gespeichert, damit der Arbeitsbereich darauf verweisen kann (%1).</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Removes the selected images from the prompt; the files stay on disk (%1).</source>
        <translation>Entfernt die ausgewählten Bilder aus dem Prompt; die Dateien bleiben auf dem Datenträger (%1).</translation>
    </message>
    <message>
        <source>Images sent with the user message, for vision models. Drop image files here, or paste an image.</source>
        <translation>Bilder, die mit der Benutzernachricht gesendet werden, für Vision-Modelle. Ziehen Sie Bilddateien hierher oder fügen Sie ein Bild ein.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copies the request JSON, image data in full, to the clipboard.</source>
        <translation>Kopiert das Anfrage-JSON mit vollständigen Bilddaten in die Zwischenablage.</translation>
    </message>
    <message>
        <source>The body of the first attempt&apos;s request, as it will be sent (image data shortened here). Later attempts add the reask messages.</source>
        <translation>Der Rumpf der Anfrage des ersten Versuchs, so wie er gesendet wird (Bilddaten hier gekürzt). Spätere Versuche fügen die Nachfragen hinzu.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB; split it or use a batch run.</source>
        <translation>%1 ist größer als %2 MB; teilen Sie die Datei auf oder verwenden Sie einen Stapellauf.</translation>
    </message>
    <message>
        <source>&amp;Value of {{%1}}:</source>
        <translation>&amp;Wert von {{%1}}:</translation>
    </message>
    <message>
        <source>No variables: write {{name}} in a prompt to add one.</source>
        <translation>Keine Variablen: Schreiben Sie {{name}} in einen Prompt, um eine anzulegen.</translation>
    </message>
    <message>
        <source>Select a variable to edit its value.</source>
        <translation>Wählen Sie eine Variable aus, um ihren Wert zu bearbeiten.</translation>
    </message>
    <message>
        <source>Prompt text: about %1 tokens</source>
        <translation>Prompt-Text: etwa %1 Tokens</translation>
    </message>
    <message>
        <source>⚠ %1 has no vision capability: it cannot see these images (the server may refuse them or ignore them). Choose a vision model or remove the images.</source>
        <translation>⚠ %1 hat nicht die Fähigkeit vision: Es kann diese Bilder nicht sehen (der Server lehnt sie möglicherweise ab oder ignoriert sie). Wählen Sie ein Vision-Modell oder entfernen Sie die Bilder.</translation>
    </message>
    <message>
        <source>⚠ %1 has no vision capability: images added here are not seen.</source>
        <translation>⚠ %1 hat nicht die Fähigkeit vision: Hier hinzugefügte Bilder werden nicht gesehen.</translation>
    </message>
    <message>
        <source>The model&apos;s capabilities (from /api/show) do not list `vision`.</source>
        <translation>Die Fähigkeiten des Modells (aus /api/show) enthalten `vision` nicht.</translation>
    </message>
    <message>
        <source>First attempt: %1</source>
        <translation>Erster Versuch: %1</translation>
    </message>
    <message>
        <source>First attempt: %1, model %2, mode %3</source>
        <translation>Erster Versuch: %1, Modell %2, Modus %3</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Warnungen:</translation>
    </message>
    <message>
        <source>Replaces the selected variable&apos;s value with the text of a document (text, Markdown, HTML or PDF), e.g. the one to extract from. Dropping a document onto the window does the same for {{document}}.</source>
        <translation>Ersetzt den Wert der ausgewählten Variablen durch den Text eines Dokuments (Text, Markdown, HTML oder PDF), z. B. des Dokuments, aus dem extrahiert werden soll. Ein Dokument auf das Fenster zu ziehen bewirkt dasselbe für {{document}}.</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Die Datei wird gelesen…</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::PromptVariablesModel</name>
    <message>
        <source>{{%1}} in the prompts is replaced by this value when the request is built.</source>
        <translation>{{%1}} in den Prompts wird beim Erstellen der Anfrage durch diesen Wert ersetzt.</translation>
    </message>
    <message>
        <source>Empty: {{%1}} is replaced by nothing.</source>
        <translation>Leer: {{%1}} wird durch nichts ersetzt.</translation>
    </message>
    <message>
        <source>%1 characters</source>
        <translation>%1 Zeichen</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::RecoveryStore</name>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Autosave to %1 failed: %2</source>
        <translation>Automatisches Speichern nach %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::ReplyView</name>
    <message>
        <source>Laying out the reply...</source>
        <translation>Antwort wird aufbereitet...</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::ResultPane</name>
    <message>
        <source>Tree</source>
        <translation>Baum</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Write the result to a file: JSON, or CSV with one header row and one row</source>
        <translation>Das Ergebnis in eine Datei schreiben: JSON oder CSV mit einer Kopfzeile und einer Zeile</translation>
    </message>
    <message>
        <source>Copy Value</source>
        <translation>Wert kopieren</translation>
    </message>
    <message>
        <source>Copy the selected value to the clipboard (a string as plain text, anything else as JSON)</source>
        <translation>Den ausgewählten Wert in die Zwischenablage kopieren (einen String als reinen Text, alles andere als JSON)</translation>
    </message>
    <message>
        <source>Copy JSON Pointer</source>
        <translation>JSON Pointer kopieren</translation>
    </message>
    <message>
        <source>Copy the path of the selected value as a JSON Pointer, e.g. /items/0/price</source>
        <translation>Den Pfad des ausgewählten Werts als JSON Pointer kopieren, z. B. /items/0/price</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>Als JSON kopieren</translation>
    </message>
    <message>
        <source>Copy the selected value as indented JSON text</source>
        <translation>Den ausgewählten Wert als eingerückten JSON-Text kopieren</translation>
    </message>
    <message>
        <source>Accept Anyway</source>
        <translation>Trotzdem übernehmen</translation>
    </message>
    <message>
        <source>Use the last value of the failed run as the result; its validation failures stay flagged</source>
        <translation>Den letzten Wert des fehlgeschlagenen Laufs als Ergebnis verwenden; seine Validierungsfehler bleiben markiert</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <source>Save the result as an indented JSON file, key order kept</source>
        <translation>Das Ergebnis als eingerückte JSON-Datei speichern, Reihenfolge der Schlüssel bleibt erhalten</translation>
    </message>
    <message>
        <source>CSV (One Row)…</source>
        <translation>CSV (eine Zeile)…</translation>
    </message>
    <message>
        <source>Save the result as CSV: a header row and one row, nested fields as dotted columns in schema order</source>
        <translation>Das Ergebnis als CSV speichern: eine Kopfzeile und eine Zeile, verschachtelte Felder als Spalten mit Punktnotation in Schema-Reihenfolge</translation>
    </message>
    <message>
        <source>Formatting the JSON…</source>
        <translation>JSON wird formatiert…</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2. Copy as JSON or Export gives the whole value.</source>
        <translation>Angezeigt werden die ersten %1 von %2. &quot;Als JSON kopieren&quot; oder &quot;Exportieren&quot; liefert den ganzen Wert.</translation>
    </message>
    <message>
        <source>No result yet. Run the extraction to see the value here.</source>
        <translation>Noch kein Ergebnis. Führen Sie die Extraktion aus, um den Wert hier zu sehen.</translation>
    </message>
    <message>
        <source>Running attempt %1 of %2…</source>
        <translation>Versuch %1 von %2 läuft…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Valid on attempt %1 of %2.</source>
        <translation>Gültig bei Versuch %1 von %2.</translation>
    </message>
    <message numerus="yes">
        <source>Accepted with %n failure(s): the value of attempt %1 does not match the schema; the failing values are flagged.</source>
        <translation>
            <numerusform>Mit %n Fehler übernommen: Der Wert von Versuch %1 entspricht nicht dem Schema; die fehlerhaften Werte sind markiert.</numerusform>
            <numerusform>Mit %n Fehlern übernommen: Der Wert von Versuch %1 entspricht nicht dem Schema; die fehlerhaften Werte sind markiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Accept anyway to use the value of attempt %1 with its %n failure(s) flagged.</source>
        <translation>
            <numerusform>Wählen Sie &quot;Trotzdem übernehmen&quot;, um den Wert von Versuch %1 mit %n markiertem Fehler zu verwenden.</numerusform>
            <numerusform>Wählen Sie &quot;Trotzdem übernehmen&quot;, um den Wert von Versuch %1 mit %n markierten Fehlern zu verwenden.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no result to export yet.</source>
        <translation>Es gibt noch kein Ergebnis zum Exportieren.</translation>
    </message>
    <message>
        <source>Export Result as JSON</source>
        <translation>Ergebnis als JSON exportieren</translation>
    </message>
    <message>
        <source>Export Result as CSV</source>
        <translation>Ergebnis als CSV exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected value, its JSON Pointer, or it as JSON</source>
        <translation>Den ausgewählten Wert kopieren, seinen JSON Pointer oder ihn als JSON</translation>
    </message>
    <message>
        <source>The chunks of the document gave different values here; the value most chunks gave is kept (on a tie, the earliest chunk&apos;s). Check them in the Source pane.</source>
        <translation>Die Abschnitte des Dokuments lieferten hier unterschiedliche Werte; behalten wird der Wert, den die meisten Abschnitte lieferten (bei Gleichstand der des frühesten Abschnitts). Prüfen Sie sie im Bereich Quelle.</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) between chunks:</source>
        <translation>
            <numerusform>%n Konflikt zwischen Abschnitten:</numerusform>
            <numerusform>%n Konflikte zwischen Abschnitten:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The merged value does not match the schema (%n error(s)):</source>
        <translation>
            <numerusform>Der zusammengeführte Wert passt nicht zum Schema (%n Fehler):</numerusform>
            <numerusform>Der zusammengeführte Wert passt nicht zum Schema (%n Fehler):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::ResultTreeModel</name>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>(root)</source>
        <translation>(Wurzel)</translation>
    </message>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n Schlüssel}</numerusform>
            <numerusform>{%n Schlüssel}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n Element]</numerusform>
            <numerusform>[%n Elemente]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) inside</source>
        <translation>
            <numerusform>%n Fehler darin</numerusform>
            <numerusform>%n Fehler darin</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found in the input text: a possible invention</source>
        <translation>Nicht im Eingabetext gefunden: möglicherweise erfunden</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::RunController</name>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Send the prompt to the model, validate the reply against the schema and reask with the errors until it is valid or the attempts are used up (Ctrl+Return)</source>
        <translation>Den Prompt an das Modell senden, die Antwort gegen das Schema validieren und mit den Fehlern nachfragen, bis sie gültig ist oder die Versuche aufgebraucht sind (Strg+Return)</translation>
    </message>
    <message>
        <source>&amp;Cancel Run</source>
        <translation>Lauf a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Stop the run: the request in flight is aborted and the attempts so far are kept (Esc)</source>
        <translation>Den Lauf anhalten: Die laufende Anfrage wird abgebrochen, die bisherigen Versuche bleiben erhalten (Esc)</translation>
    </message>
    <message>
        <source>&amp;Validate JSON...</source>
        <translation>JSON &amp;validieren...</translation>
    </message>
    <message>
        <source>Paste or open any JSON and check it against the current schema, without a model (Ctrl+Shift+V)</source>
        <translation>Beliebiges JSON einfügen oder öffnen und gegen das aktuelle Schema prüfen, ohne Modell (Strg+Umschalt+V)</translation>
    </message>
    <message>
        <source>A run is already under way; cancel it first (Esc).</source>
        <translation>Es läuft bereits ein Lauf; brechen Sie ihn zuerst ab (Esc).</translation>
    </message>
    <message>
        <source>The schema is not valid yet: %1</source>
        <translation>Das Schema ist noch nicht gültig: %1</translation>
    </message>
    <message>
        <source>Choose a model in the Model pane first.</source>
        <translation>Wählen Sie zuerst im Bereich Modell ein Modell aus.</translation>
    </message>
    <message>
        <source>Validate JSON</source>
        <translation>JSON validieren</translation>
    </message>
    <message>
        <source>Paste JSON here, or open a file. It is checked against the current schema; no model is called.</source>
        <translation>Fügen Sie hier JSON ein oder öffnen Sie eine Datei. Es wird gegen das aktuelle Schema geprüft; kein Modell wird aufgerufen.</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Validieren</translation>
    </message>
    <message>
        <source>Check the JSON against the schema and show the result in the Result and Attempts panes</source>
        <translation>Das JSON gegen das Schema prüfen und das Ergebnis in den Bereichen Ergebnis und Versuche anzeigen</translation>
    </message>
    <message>
        <source>no model chosen</source>
        <translation>kein Modell gewählt</translation>
    </message>
    <message numerus="yes">
        <source>%1 on %2 · %3 mode · %n attempt(s)</source>
        <translation>
            <numerusform>%1 auf %2 · Modus %3 · %n Versuch</numerusform>
            <numerusform>%1 auf %2 · Modus %3 · %n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>What Run sends: the model and server from the Model pane, the mode and the number of attempts (the first included) from the prompt&apos;s Options tab</source>
        <translation>Was &quot;Ausführen&quot; sendet: Modell und Server aus dem Bereich Modell, Modus und Anzahl der Versuche (der erste eingeschlossen) aus dem Reiter Optionen des Prompts</translation>
    </message>
    <message>
        <source>The chunks of the document extracted so far (each chunk is validated and reasked on its own; the results are merged at the end)</source>
        <translation>Die bisher extrahierten Abschnitte des Dokuments (jeder Abschnitt wird für sich validiert und nachgefragt; die Ergebnisse werden am Ende zusammengeführt)</translation>
    </message>
    <message>
        <source>Split into C&amp;hunks</source>
        <translation>In Abschnitte &amp;teilen</translation>
    </message>
    <message>
        <source>The prompt does not fit the model&apos;s context: split the document into chunks, extract each and merge the results (sets Long documents to auto in the prompt&apos;s Options tab)</source>
        <translation>Der Prompt passt nicht in den Kontext des Modells: das Dokument in Abschnitte teilen, jeden extrahieren und die Ergebnisse zusammenführen (setzt Lange Dokumente im Reiter Optionen des Prompts auf auto)</translation>
    </message>
    <message>
        <source>Long documents: a run that does not fit the context is split into chunks.</source>
        <translation>Lange Dokumente: Ein Lauf, der nicht in den Kontext passt, wird in Abschnitte geteilt.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n chunk(s)</source>
        <translation>
            <numerusform>%1: %n Abschnitt</numerusform>
            <numerusform>%1: %n Abschnitte</numerusform>
        </translation>
    </message>
    <message>
        <source>chunk %1/%2</source>
        <translation>Abschnitt %1/%2</translation>
    </message>
    <message>
        <source>pass %1/%2 · %3</source>
        <translation>Durchgang %1/%2 · %3</translation>
    </message>
    <message>
        <source>Or split the document into chunks (Run → Split into Chunks).</source>
        <translation>Oder teilen Sie das Dokument in Abschnitte (Ausführen → In Abschnitte teilen).</translation>
    </message>
    <message>
        <source>Long documents is on: the run is split into chunks that fit.</source>
        <translation>Lange Dokumente ist eingeschaltet: Der Lauf wird in passende Abschnitte geteilt.</translation>
    </message>
    <message>
        <source>%1 · %2 at once</source>
        <translation>%1 · %2 gleichzeitig</translation>
    </message>
    <message>
        <source>Checking the schema; the run starts when it is checked.</source>
        <translation>Das Schema wird geprüft; der Lauf beginnt, sobald es geprüft ist.</translation>
    </message>
    <message>
        <source>Checking the schema; the JSON is validated when it is checked.</source>
        <translation>Das Schema wird geprüft; das JSON wird validiert, sobald es geprüft ist.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::RunOptionsForm</name>
    <message>
        <source>How the schema reaches the model.
schema: format:&lt;schema&gt; on /api/chat, response_format json_schema on /v1 (grammar-constrained).
json: format:&quot;json&quot; / response_format json_object, the schema in the system prompt.
md-json: no constraint; the schema in the system prompt, the answer in a ```json fence.
tools: one tool whose parameters are the schema (tools, and tool_choice on /v1).</source>
        <translation>Wie das Schema zum Modell gelangt.
schema: format:&lt;schema&gt; bei /api/chat, response_format json_schema bei /v1 (durch Grammatik eingeschränkt).
json: format:&quot;json&quot; / response_format json_object, das Schema im System-Prompt.
md-json: keine Einschränkung; das Schema im System-Prompt, die Antwort in einem ```json-Block.
tools: ein Tool, dessen Parameter das Schema sind (tools, und tool_choice bei /v1).</translation>
    </message>
    <message>
        <source>The most requests the run sends for this prompt, the first one included. After a reply that fails to parse or validate, the next attempt echoes it and quotes the errors (reask). Resends after connection failures are not counted. Not sent to the server.</source>
        <translation>Die Höchstzahl an Anfragen, die der Lauf für diesen Prompt sendet, die erste eingeschlossen. Nach einer Antwort, die sich nicht parsen oder validieren lässt, wiederholt der nächste Versuch sie und zitiert die Fehler (Nachfrage). Erneutes Senden nach Verbindungsfehlern wird nicht gezählt. Wird nicht an den Server gesendet.</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>options.temperature on /api/chat; temperature on /v1. Lower is more deterministic (0 always takes the likeliest token). default: not sent, so the server decides (Ollama: the model&apos;s value, usually 0.8; Ollama&apos;s /v1 uses 1.0 when it is absent).</source>
        <translation>options.temperature bei /api/chat; temperature bei /v1. Niedriger ist deterministischer (0 nimmt immer das wahrscheinlichste Token). Standard: nicht gesendet, der Server entscheidet (Ollama: der Wert des Modells, meist 0.8; der /v1-Endpunkt von Ollama verwendet 1.0, wenn sie fehlt).</translation>
    </message>
    <message>
        <source>options.seed on /api/chat; seed on /v1. The same seed, prompt and options give the same reply. default: not sent (a random seed each time).</source>
        <translation>options.seed bei /api/chat; seed bei /v1. Gleicher Seed, gleicher Prompt und gleiche Optionen ergeben dieselbe Antwort. Standard: nicht gesendet (jedes Mal ein zufälliger Seed).</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>options.num_ctx on /api/chat: the context window in tokens (prompt and reply). /v1 cannot set it and Formwork does not send it there. default: not sent (Ollama picks 4096 to 262144 by free VRAM, or the Modelfile&apos;s value).</source>
        <translation>options.num_ctx bei /api/chat: das Kontextfenster in Tokens (Prompt und Antwort). /v1 kann es nicht setzen, und Formwork sendet es dort nicht. Standard: nicht gesendet (Ollama wählt je nach freiem VRAM 4096 bis 262144, oder den Wert aus dem Modelfile).</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>options.num_predict on /api/chat; max_tokens on /v1: the most tokens the reply may have. auto: a few times the schema&apos;s size (more for thinking models), so a runaway reply stops. A reply cut off at this limit raises it for the next attempt.</source>
        <translation>options.num_predict bei /api/chat; max_tokens bei /v1: die Höchstzahl an Tokens der Antwort. Automatisch: ein Mehrfaches der Schemagröße (mehr bei Thinking-Modellen), damit eine ausufernde Antwort endet. Wird eine Antwort an dieser Grenze abgeschnitten, erhöht der nächste Versuch sie.</translation>
    </message>
    <message>
        <source>model default</source>
        <translation>Modellstandard</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>max</source>
        <translation>maximal</translation>
    </message>
    <message>
        <source>Only for thinking models (capability `thinking`). think on /api/chat: false, true or &quot;low&quot;/&quot;medium&quot;/&quot;high&quot;/&quot;max&quot;, sent only when the model lists `thinking`. reasoning_effort on /v1: off becomes &quot;none&quot;, on is not sent. model default: not sent (thinking models then think). The thinking text is kept apart and never validated.</source>
        <translation>Nur für Thinking-Modelle (Fähigkeit `thinking`). think bei /api/chat: false, true oder &quot;low&quot;/&quot;medium&quot;/&quot;high&quot;/&quot;max&quot;, nur gesendet, wenn das Modell `thinking` aufführt. reasoning_effort bei /v1: aus wird zu &quot;none&quot;, an wird nicht gesendet. Modellstandard: nicht gesendet (Thinking-Modelle denken dann). Der Thinking-Text wird getrennt gehalten und nie validiert.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Wall-clock limit of the whole run (all attempts, resends and pauses). When it passes, the request in flight is aborted and the run fails. Not sent to the server.</source>
        <translation>Zeitlimit für den gesamten Lauf (alle Versuche, erneutes Senden und Pausen). Ist es abgelaufen, wird die laufende Anfrage abgebrochen und der Lauf schlägt fehl. Wird nicht an den Server gesendet.</translation>
    </message>
    <message>
        <source>Prompt plus reply tokens over all attempts, as the server counts them (prompt_eval_count + eval_count). No further attempt starts once it is spent. Not sent to the server.</source>
        <translation>Prompt- plus Antwort-Tokens über alle Versuche, so wie der Server sie zählt (prompt_eval_count + eval_count). Ist es aufgebraucht, startet kein weiterer Versuch. Wird nicht an den Server gesendet.</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Modus:</translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation>&amp;Versuche:</translation>
    </message>
    <message>
        <source>attempts, the first included</source>
        <translation>Versuche, der erste eingeschlossen</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>&amp;Temperatur:</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <source>num_&amp;ctx:</source>
        <translation>num_&amp;ctx:</translation>
    </message>
    <message>
        <source>num_&amp;predict:</source>
        <translation>num_&amp;predict:</translation>
    </message>
    <message>
        <source>T&amp;hink:</source>
        <translation>T&amp;hinking:</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Frist:</translation>
    </message>
    <message>
        <source>Token &amp;budget:</source>
        <translation>Token-&amp;Budget:</translation>
    </message>
    <message>
        <source>The server&apos;s grammar holds the reply to the schema; the schema is in the system prompt too.</source>
        <translation>Die Grammatik des Servers hält die Antwort an das Schema; das Schema steht auch im System-Prompt.</translation>
    </message>
    <message>
        <source>The server only makes the reply JSON; the schema is in the system prompt.</source>
        <translation>Der Server sorgt nur dafür, dass die Antwort JSON ist; das Schema steht im System-Prompt.</translation>
    </message>
    <message>
        <source>No constraint: the schema is in the system prompt, the answer comes in a ```json fence.</source>
        <translation>Keine Einschränkung: Das Schema steht im System-Prompt, die Antwort kommt in einem ```json-Block.</translation>
    </message>
    <message>
        <source>The model calls one tool whose parameters are the schema (needs a model with `tools`).</source>
        <translation>Das Modell ruft ein Tool auf, dessen Parameter das Schema sind (erfordert ein Modell mit `tools`).</translation>
    </message>
    <message>
        <source>%1 does not support tools: a run in this mode is refused. Choose another mode or model.</source>
        <translation>%1 unterstützt keine Tools: Ein Lauf in diesem Modus wird abgelehnt. Wählen Sie einen anderen Modus oder ein anderes Modell.</translation>
    </message>
    <message>
        <source>%1 ignores the schema format (MLX, safetensors or cloud model): the reply is still validated, but json or md-json may do as well.</source>
        <translation>%1 ignoriert das Schema-Format (MLX-, safetensors- oder Cloud-Modell): Die Antwort wird trotzdem validiert, aber json oder md-json funktionieren womöglich genauso gut.</translation>
    </message>
    <message>
        <source>Not sent: /v1 cannot set the context size (set it in a Modelfile or on the server).</source>
        <translation>Nicht gesendet: /v1 kann die Kontextgröße nicht setzen (setzen Sie sie in einem Modelfile oder auf dem Server).</translation>
    </message>
    <message>
        <source>%1 is not a thinking model: think is not sent.</source>
        <translation>%1 ist kein Thinking-Modell: think wird nicht gesendet.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::RunSession</name>
    <message numerus="yes">
        <source>The JSON does not match the schema: %n error(s).</source>
        <translation>
            <numerusform>Das JSON entspricht nicht dem Schema: %n Fehler.</numerusform>
            <numerusform>Das JSON entspricht nicht dem Schema: %n Fehler.</numerusform>
        </translation>
    </message>
    <message>
        <source>The text is not valid JSON: %1</source>
        <translation>Der Text ist kein gültiges JSON: %1</translation>
    </message>
    <message numerus="yes">
        <source>Resumed: %n chunk run(s) of the cancelled run kept, not asked again.</source>
        <translation>
            <numerusform>Fortgesetzt: %n Abschnittslauf des abgebrochenen Laufs übernommen, nicht erneut angefragt.</numerusform>
            <numerusform>Fortgesetzt: %n Abschnittsläufe des abgebrochenen Laufs übernommen, nicht erneut angefragt.</numerusform>
        </translation>
    </message>
    <message>
        <source>chunk %1/%2, its attempt %3</source>
        <translation>Abschnitt %1/%2, dessen Versuch %3</translation>
    </message>
    <message>
        <source>pass %1/%2, %3</source>
        <translation>Durchgang %1/%2, %3</translation>
    </message>
    <message>
        <source>merged value: %1</source>
        <translation>zusammengeführter Wert: %1</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::RunStatus</name>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message>
        <source>%1 tokens (%2 in, %3 out)</source>
        <translation>%1 Tokens (%2 Eingabe, %3 Ausgabe)</translation>
    </message>
    <message>
        <source>per attempt %1</source>
        <translation>pro Versuch %1</translation>
    </message>
    <message>
        <source>The last answer had no JSON in it.</source>
        <translation>Die letzte Antwort enthielt kein JSON.</translation>
    </message>
    <message>
        <source>The last answer was not valid JSON.</source>
        <translation>Die letzte Antwort war kein gültiges JSON.</translation>
    </message>
    <message numerus="yes">
        <source>The last answer broke %n rule(s) of the schema.</source>
        <translation>
            <numerusform>Die letzte Antwort verletzte %n Regel des Schemas.</numerusform>
            <numerusform>Die letzte Antwort verletzte %n Regeln des Schemas.</numerusform>
        </translation>
    </message>
    <message>
        <source>The last answer was cut off by the output token limit.</source>
        <translation>Die letzte Antwort wurde durch das Limit für Ausgabe-Tokens abgeschnitten.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>The answer had no JSON in it.</source>
        <translation>Die Antwort enthielt kein JSON.</translation>
    </message>
    <message>
        <source>The answer was not valid JSON.</source>
        <translation>Die Antwort war kein gültiges JSON.</translation>
    </message>
    <message numerus="yes">
        <source>The answer broke %n rule(s) of the schema.</source>
        <translation>
            <numerusform>Die Antwort verletzte %n Regel des Schemas.</numerusform>
            <numerusform>Die Antwort verletzte %n Regeln des Schemas.</numerusform>
        </translation>
    </message>
    <message>
        <source>The answer was cut off by the output token limit.</source>
        <translation>Die Antwort wurde durch das Limit für Ausgabe-Tokens abgeschnitten.</translation>
    </message>
    <message>
        <source>The server did not answer.</source>
        <translation>Der Server hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>The attempt was cancelled.</source>
        <translation>Der Versuch wurde abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>No valid result after %n attempt(s).</source>
        <translation>
            <numerusform>Kein gültiges Ergebnis nach %n Versuch.</numerusform>
            <numerusform>Kein gültiges Ergebnis nach %n Versuchen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The time limit ran out.</source>
        <translation>Das Zeitlimit ist abgelaufen.</translation>
    </message>
    <message>
        <source>The token budget was used up.</source>
        <translation>Das Token-Budget ist aufgebraucht.</translation>
    </message>
    <message>
        <source>The server failed.</source>
        <translation>Beim Server ist ein Fehler aufgetreten.</translation>
    </message>
    <message>
        <source>The run was cancelled.</source>
        <translation>Der Lauf wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The run could not start.</source>
        <translation>Der Lauf konnte nicht starten.</translation>
    </message>
    <message>
        <source>attempt %1/%2 running…</source>
        <translation>Versuch %1/%2 läuft…</translation>
    </message>
    <message>
        <source>attempt %1/%2 valid</source>
        <translation>Versuch %1/%2 gültig</translation>
    </message>
    <message numerus="yes">
        <source>attempt %1/%2 accepted with %n failure(s)</source>
        <translation>
            <numerusform>Versuch %1/%2 mit %n Fehler übernommen</numerusform>
            <numerusform>Versuch %1/%2 mit %n Fehlern übernommen</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled in attempt %1/%2</source>
        <translation>abgebrochen in Versuch %1/%2</translation>
    </message>
    <message>
        <source>failed after %1/%2 attempts: %3</source>
        <translation>fehlgeschlagen nach %1/%2 Versuchen: %3</translation>
    </message>
    <message>
        <source>The context is full: the prompt and the answer fill it.</source>
        <translation>Der Kontext ist voll: Prompt und Antwort füllen ihn aus.</translation>
    </message>
    <message>
        <source>The last answer was cut off because the model&apos;s context was full.</source>
        <translation>Die letzte Antwort wurde abgeschnitten, weil der Kontext des Modells voll war.</translation>
    </message>
    <message>
        <source>The answer was cut off because the model&apos;s context was full.</source>
        <translation>Die Antwort wurde abgeschnitten, weil der Kontext des Modells voll war.</translation>
    </message>
    <message>
        <source>chunk %1/%2</source>
        <translation>Abschnitt %1/%2</translation>
    </message>
    <message>
        <source>pass %1/%2</source>
        <translation>Durchgang %1/%2</translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) merged</source>
        <translation>
            <numerusform>%n Abschnitt zusammengeführt</numerusform>
            <numerusform>%n Abschnitte zusammengeführt</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled in %1</source>
        <translation>abgebrochen bei %1</translation>
    </message>
    <message>
        <source>chunks failed: %1</source>
        <translation>Abschnitte fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) between chunks</source>
        <translation>
            <numerusform>%n Konflikt zwischen Abschnitten</numerusform>
            <numerusform>%n Konflikte zwischen Abschnitten</numerusform>
        </translation>
    </message>
    <message>
        <source>Chunk %1 of %2: starting…</source>
        <translation>Abschnitt %1 von %2: wird gestartet…</translation>
    </message>
    <message>
        <source>Chunk %1 of %2: attempt %3 of %4 under way.</source>
        <translation>Abschnitt %1 von %2: Versuch %3 von %4 läuft.</translation>
    </message>
    <message>
        <source>Valid: %1 chunks merged.</source>
        <translation>Gültig: %1 Abschnitte zusammengeführt.</translation>
    </message>
    <message>
        <source>The merged value of the chunks was accepted anyway: %1</source>
        <translation>Der zusammengeführte Wert der Abschnitte wurde trotzdem übernommen: %1</translation>
    </message>
    <message>
        <source>Cancelled in chunk %1 of %2.</source>
        <translation>Abgebrochen in Abschnitt %1 von %2.</translation>
    </message>
    <message>
        <source>Failed: %1.</source>
        <translation>Fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>wird gestartet…</translation>
    </message>
    <message>
        <source>rule judges: %1 tokens, %2</source>
        <translation>Regelprüfer: %1 Tokens, %2</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::SchemaDraftDialog</name>
    <message>
        <source>&amp;Draft</source>
        <translation>&amp;Entwerfen</translation>
    </message>
    <message>
        <source>Draft Schema</source>
        <translation>Schema entwerfen</translation>
    </message>
    <message>
        <source>What to extract, in words: invoices: number, date, supplier, line items with quantity and price, total</source>
        <translation>Was extrahiert werden soll, in Worten: Rechnungen: Nummer, Datum, Lieferant, Positionen mit Menge und Preis, Gesamtbetrag</translation>
    </message>
    <message>
        <source>Ask %1 to write the schema; it is checked against the JSON Schema metaschema</source>
        <translation>%1 das Schema schreiben lassen; es wird gegen das Metaschema von JSON Schema geprüft</translation>
    </message>
    <message>
        <source>&amp;Use This Schema</source>
        <translation>Dieses Schema &amp;verwenden</translation>
    </message>
    <message>
        <source>Replace the schema in the editor with the draft</source>
        <translation>Das Schema im Editor durch den Entwurf ersetzen</translation>
    </message>
    <message>
        <source>Describe what to extract:</source>
        <translation>Beschreiben Sie, was extrahiert werden soll:</translation>
    </message>
    <message>
        <source>Describe what the schema is for first.</source>
        <translation>Beschreiben Sie zuerst, wofür das Schema gedacht ist.</translation>
    </message>
    <message>
        <source>Drafting (%1 of at most %2)…</source>
        <translation>Entwurf wird erstellt (%1 von höchstens %2)…</translation>
    </message>
    <message>
        <source>No valid schema: %1</source>
        <translation>Kein gültiges Schema: %1</translation>
    </message>
    <message numerus="yes">
        <source>A valid schema after %n draft(s). The changes against the current schema:</source>
        <translation>
            <numerusform>Ein gültiges Schema nach %n Entwurf. Die Änderungen gegenüber dem aktuellen Schema:</numerusform>
            <numerusform>Ein gültiges Schema nach %n Entwürfen. Die Änderungen gegenüber dem aktuellen Schema:</numerusform>
        </translation>
    </message>
    <message>
        <source>The draft against the current schema: lines starting with - are removed, + added</source>
        <translation>Der Entwurf im Vergleich zum aktuellen Schema: Zeilen mit - am Anfang werden entfernt, mit + hinzugefügt</translation>
    </message>
    <message>
        <source>The draft is the current schema.</source>
        <translation>Der Entwurf entspricht dem aktuellen Schema.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added</source>
        <translation>
            <numerusform>%n Zeile hinzugefügt</numerusform>
            <numerusform>%n Zeilen hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) removed</source>
        <translation>
            <numerusform>%n Zeile entfernt</numerusform>
            <numerusform>%n Zeilen entfernt</numerusform>
        </translation>
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
        <source>Keyword</source>
        <translation>Schlüsselwort</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Keywords of this schema that the server&apos;s grammar does not enforce. Formwork validates them after every reply.</source>
        <translation>Schlüsselwörter dieses Schemas, die die Grammatik des Servers nicht durchsetzt. Formwork validiert sie nach jeder Antwort.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Show the schema as JSON text</source>
        <translation>Das Schema als JSON-Text anzeigen</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>Show the schema as a tree of fields with a form for the selected one</source>
        <translation>Das Schema als Baum von Feldern anzeigen, mit einem Formular für das ausgewählte</translation>
    </message>
    <message numerus="yes">
        <source>... and %n more</source>
        <translation>
            <numerusform>... und %n weiteres</numerusform>
            <numerusform>... und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>Ollama native API</source>
        <translation>native Ollama-API</translation>
    </message>
    <message>
        <source>OpenAI-compatible API</source>
        <translation>OpenAI-kompatible API</translation>
    </message>
    <message>
        <source>Schema: ? tokens</source>
        <translation>Schema: ? Tokens</translation>
    </message>
    <message>
        <source>No estimate for %1 mode: %2</source>
        <translation>Keine Schätzung für den Modus %1: %2</translation>
    </message>
    <message>
        <source>Schema: ~%1 tokens (%2)</source>
        <translation>Schema: ~%1 Tokens (%2)</translation>
    </message>
    <message>
        <source>About %1 prompt tokens that this schema adds to every request in %2 mode (%3): the base request of an empty conversation is built as for a run, and its %4 counted with a rough rule (about four letters per token, each punctuation mark one), not the model&apos;s tokenizer.</source>
        <translation>Etwa %1 Prompt-Tokens, die dieses Schema im Modus %2 (%3) jeder Anfrage hinzufügt: Die Basisanfrage einer leeren Konversation wird wie für einen Lauf aufgebaut, und %4 mit einer groben Regel gezählt (etwa vier Buchstaben pro Token, jedes Satzzeichen als eines), nicht mit dem Tokenizer des Modells.</translation>
    </message>
    <message>
        <source>messages and tool definition are</source>
        <translation>ihre Nachrichten und die Tool-Definition werden</translation>
    </message>
    <message>
        <source>system message is</source>
        <translation>ihre Systemnachricht wird</translation>
    </message>
    <message>
        <source>The grammar sent as the response format costs no prompt tokens.</source>
        <translation>Die als Antwortformat gesendete Grammatik kostet keine Prompt-Tokens.</translation>
    </message>
    <message>
        <source>Checking the schema…</source>
        <translation>Das Schema wird geprüft…</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::SchemaFieldEditor</name>
    <message>
        <source>The fields of the schema. Edits here rewrite the schema text as one undo step (Ctrl+Z in the text undoes them).</source>
        <translation>Die Felder des Schemas. Änderungen hier schreiben den Schematext in einem Bearbeitungsschritt um (Strg+Z im Text macht sie rückgängig).</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a string field after the selected one</source>
        <translation>Ein String-Feld nach dem ausgewählten hinzufügen</translation>
    </message>
    <message>
        <source>Add inside</source>
        <translation>Darin hinzufügen</translation>
    </message>
    <message>
        <source>Add a field inside the selected object, array of objects or definition</source>
        <translation>Ein Feld im ausgewählten Objekt, Array von Objekten oder in der ausgewählten Definition hinzufügen</translation>
    </message>
    <message>
        <source>Add $defs</source>
        <translation>$defs hinzufügen</translation>
    </message>
    <message>
        <source>Add an object definition under $defs, for $ref</source>
        <translation>Eine Objektdefinition unter $defs hinzufügen, für $ref</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected field (and its name from &quot;required&quot;)</source>
        <translation>Das ausgewählte Feld entfernen (und seinen Namen aus &quot;required&quot;)</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move the selected field up: the model generates properties in this order</source>
        <translation>Das ausgewählte Feld nach oben verschieben: Das Modell erzeugt die Eigenschaften in dieser Reihenfolge</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Move the selected field down: the model generates properties in this order</source>
        <translation>Das ausgewählte Feld nach unten verschieben: Das Modell erzeugt die Eigenschaften in dieser Reihenfolge</translation>
    </message>
    <message>
        <source>The property name; renaming keeps its place and its entry in &quot;required&quot;</source>
        <translation>Der Name der Eigenschaft; beim Umbenennen bleiben ihre Position und ihr Eintrag in &quot;required&quot; erhalten</translation>
    </message>
    <message>
        <source>&quot;type&quot; of the field; $ref points it at a $defs entry</source>
        <translation>&quot;type&quot; des Felds; $ref verweist es auf einen Eintrag in $defs</translation>
    </message>
    <message>
        <source>&quot;items&quot;: the type of the array&apos;s elements</source>
        <translation>&quot;items&quot;: der Typ der Elemente des Arrays</translation>
    </message>
    <message>
        <source>&quot;$ref&quot;: the $defs entry this field (or its items) uses</source>
        <translation>&quot;$ref&quot;: der $defs-Eintrag, den dieses Feld (oder seine Elemente) verwendet</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
    <message>
        <source>Listed in the parent object&apos;s &quot;required&quot;</source>
        <translation>Im &quot;required&quot; des übergeordneten Objekts aufgeführt</translation>
    </message>
    <message>
        <source>Nullable</source>
        <translation>Nullable</translation>
    </message>
    <message>
        <source>Allows null: &quot;type&quot;: [T, &quot;null&quot;], or anyOf with {&quot;type&quot;: &quot;null&quot;} for a $ref</source>
        <translation>Erlaubt null: &quot;type&quot;: [T, &quot;null&quot;], oder anyOf mit {&quot;type&quot;: &quot;null&quot;} bei einem $ref</translation>
    </message>
    <message>
        <source>&quot;description&quot;: the model reads it, so say what belongs in the field</source>
        <translation>&quot;description&quot;: Das Modell liest sie, also beschreiben Sie, was in das Feld gehört</translation>
    </message>
    <message>
        <source>&quot;enum&quot;: one allowed value per line (empty: any value). Applied when the box loses focus.</source>
        <translation>&quot;enum&quot;: ein erlaubter Wert pro Zeile (leer: jeder Wert). Wird übernommen, wenn das Feld den Fokus verliert.</translation>
    </message>
    <message>
        <source>&quot;format&quot; of a string; Formwork checks it after the reply</source>
        <translation>&quot;format&quot; eines Strings; Formwork prüft es nach der Antwort</translation>
    </message>
    <message>
        <source>&quot;minimum&quot; of a number (empty: none)</source>
        <translation>&quot;minimum&quot; einer Zahl (leer: keines)</translation>
    </message>
    <message>
        <source>&quot;maximum&quot; of a number (empty: none)</source>
        <translation>&quot;maximum&quot; einer Zahl (leer: keines)</translation>
    </message>
    <message>
        <source>&quot;pattern&quot;: an ECMA-262 regular expression the string must match</source>
        <translation>&quot;pattern&quot;: ein regulärer Ausdruck nach ECMA-262, zu dem der String passen muss</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>$ref</source>
        <translation>$ref</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Enum</source>
        <translation>Enum</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>Cannot rename to &quot;%1&quot;: the name is empty or already used.</source>
        <translation>Umbenennen in &quot;%1&quot; nicht möglich: Der Name ist leer oder wird schon verwendet.</translation>
    </message>
    <message>
        <source>%1 must be a number.</source>
        <translation>%1 muss eine Zahl sein.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::SchemaFieldModel</name>
    <message>
        <source>Required: the object must have this property (listed in the parent&apos;s &quot;required&quot;).</source>
        <translation>Pflicht: Das Objekt muss diese Eigenschaft haben (im &quot;required&quot; des übergeordneten Objekts aufgeführt).</translation>
    </message>
    <message>
        <source>Nullable: null is allowed as well (&quot;type&quot;: [T, &quot;null&quot;], or anyOf with null).</source>
        <translation>Nullable: Auch null ist erlaubt (&quot;type&quot;: [T, &quot;null&quot;] oder anyOf mit null).</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>Nullable</source>
        <translation>Nullable</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>array of %1</source>
        <translation>Array von %1</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::SchemaLint</name>
    <message>
        <source>The schema is empty.</source>
        <translation>Das Schema ist leer.</translation>
    </message>
    <message>
        <source>Not valid JSON: line %1, column %2: %3</source>
        <translation>Kein gültiges JSON: Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>Not a valid schema: line %1, column %2 (%3): %4</source>
        <translation>Kein gültiges Schema: Zeile %1, Spalte %2 (%3): %4</translation>
    </message>
    <message>
        <source>Not a valid schema (%1 problems); first at line %2, column %3 (%4): %5</source>
        <translation>Kein gültiges Schema (%1 Probleme); das erste in Zeile %2, Spalte %3 (%4): %5</translation>
    </message>
    <message>
        <source>Valid schema. The server enforces every keyword.</source>
        <translation>Gültiges Schema. Der Server setzt jedes Schlüsselwort durch.</translation>
    </message>
    <message numerus="yes">
        <source>Valid schema. %n keyword(s) not enforced by the server; Formwork checks them after each reply.</source>
        <translation>
            <numerusform>Gültiges Schema. %n Schlüsselwort wird vom Server nicht durchgesetzt; Formwork prüft es nach jeder Antwort.</numerusform>
            <numerusform>Gültiges Schema. %n Schlüsselwörter werden vom Server nicht durchgesetzt; Formwork prüft sie nach jeder Antwort.</numerusform>
        </translation>
    </message>
    <message>
        <source>Valid schema. Which keywords this server enforces is not known; Formwork checks every reply against all of them.</source>
        <translation>Gültiges Schema. Welche Schlüsselwörter dieser Server durchsetzt, ist nicht bekannt; Formwork prüft jede Antwort gegen alle.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::ServerConnection</name>
    <message>
        <source>No server address is set.</source>
        <translation>Es ist keine Serveradresse festgelegt.</translation>
    </message>
    <message>
        <source>a development build</source>
        <translation>(Entwicklungs-Build)</translation>
    </message>
    <message>
        <source>Connected to Ollama %1 at %2.</source>
        <translation>Verbunden mit Ollama %1 unter %2.</translation>
    </message>
    <message>
        <source>1 model</source>
        <translation>1 Modell</translation>
    </message>
    <message>
        <source>%1 models</source>
        <translation>%1 Modelle</translation>
    </message>
    <message>
        <source>Connected to %1: the server offers %2.</source>
        <translation>Verbunden mit %1: Der Server bietet %2 an.</translation>
    </message>
    <message>
        <source>No connection to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <source>Ollama (native API)</source>
        <translation>Ollama (native API)</translation>
    </message>
    <message>
        <source>OpenAI-compatible (/v1)</source>
        <translation>OpenAI-kompatibel (/v1)</translation>
    </message>
    <message>
        <source>%1 does not speak Ollama&apos;s native API. Choose the OpenAI-compatible API.</source>
        <translation>%1 spricht nicht die native API von Ollama. Wählen Sie die OpenAI-kompatible API.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::SourceView</name>
    <message>
        <source>The run&apos;s input text; click a highlighted value to select its field in the result</source>
        <translation>Der Eingabetext des Laufs; klicken Sie auf einen hervorgehobenen Wert, um sein Feld im Ergebnis auszuwählen</translation>
    </message>
    <message>
        <source>Values not found in the source (possible inventions), found at several places, or found only as similar text</source>
        <translation>Werte, die nicht in der Quelle gefunden wurden (möglicherweise erfunden), an mehreren Stellen gefunden wurden oder nur als ähnlicher Text</translation>
    </message>
    <message>
        <source>Run an extraction to see its values in the input text.</source>
        <translation>Führen Sie eine Extraktion aus, um ihre Werte im Eingabetext zu sehen.</translation>
    </message>
    <message>
        <source>%1: “%2” not found in the source</source>
        <translation>%1: „%2“ nicht in der Quelle gefunden</translation>
    </message>
    <message numerus="yes">
        <source>%1: “%2” found at %n places</source>
        <translation>
            <numerusform>%1: „%2“ an %n Stelle gefunden</numerusform>
            <numerusform>%1: „%2“ an %n Stellen gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: only similar text found (%2% alike)</source>
        <translation>%1: nur ähnlicher Text gefunden (%2 % Übereinstimmung)</translation>
    </message>
    <message>
        <source>No values to look for in the source.</source>
        <translation>Keine Werte, die in der Quelle zu suchen wären.</translation>
    </message>
    <message numerus="yes">
        <source>All %n value(s) found in the source.</source>
        <translation>
            <numerusform>Der %n Wert wurde in der Quelle gefunden.</numerusform>
            <numerusform>Alle %n Werte wurden in der Quelle gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 values found in the source; %3 not found (possible inventions).</source>
        <translation>%1 von %2 Werten in der Quelle gefunden; %3 nicht gefunden (möglicherweise erfunden).</translation>
    </message>
    <message>
        <source>Laying out the document (%1 characters)…</source>
        <translation>Das Dokument wird gesetzt (%1 Zeichen)…</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::TemplatesEditor</name>
    <message>
        <source>Reset All to Defaults</source>
        <translation>Alle auf Standard zurücksetzen</translation>
    </message>
    <message>
        <source>Puts back Formwork&apos;s wording for all five texts below.</source>
        <translation>Stellt den Wortlaut von Formwork für alle fünf Texte unten wieder her.</translation>
    </message>
    <message>
        <source>What Formwork adds to your prompts. Sent as written, in English by default.</source>
        <translation>Was Formwork Ihren Prompts hinzufügt. Wird so gesendet, wie es geschrieben ist, standardmäßig auf Englisch.</translation>
    </message>
    <message>
        <source>Schema prompt</source>
        <translation>Schema-Prompt</translation>
    </message>
    <message>
        <source>Appended to the system message (after a blank line) in schema, json and md-json modes; {{schema}} becomes the schema, indented, property order kept. Not sent in tools mode.</source>
        <translation>Wird in den Modi schema, json und md-json an die Systemnachricht angehängt (nach einer Leerzeile); {{schema}} wird zum Schema, eingerückt, mit erhaltener Reihenfolge der Eigenschaften. Im Modus tools nicht gesendet.</translation>
    </message>
    <message>
        <source>Markdown request (md-json)</source>
        <translation>Markdown-Aufforderung (md-json)</translation>
    </message>
    <message>
        <source>md-json mode only: appended to the last user message (after a blank line) to ask for the answer in a ```json fence.</source>
        <translation>Nur im Modus md-json: wird an die letzte Benutzernachricht angehängt (nach einer Leerzeile), um die Antwort in einem ```json-Block anzufordern.</translation>
    </message>
    <message>
        <source>Reask (schema, json)</source>
        <translation>Nachfrage (schema, json)</translation>
    </message>
    <message>
        <source>schema and json modes: the user message sent after the echoed invalid reply; {{errors}} becomes the validation errors, one per line.</source>
        <translation>Modi schema und json: die Benutzernachricht, die nach der wiederholten ungültigen Antwort gesendet wird; {{errors}} wird zu den Validierungsfehlern, einer pro Zeile.</translation>
    </message>
    <message>
        <source>Reask (md-json)</source>
        <translation>Nachfrage (md-json)</translation>
    </message>
    <message>
        <source>md-json mode: the user message sent after the echoed invalid reply; {{errors}} becomes the validation errors, one per line.</source>
        <translation>Modus md-json: die Benutzernachricht, die nach der wiederholten ungültigen Antwort gesendet wird; {{errors}} wird zu den Validierungsfehlern, einer pro Zeile.</translation>
    </message>
    <message>
        <source>Reask (tools)</source>
        <translation>Nachfrage (tools)</translation>
    </message>
    <message>
        <source>tools mode: the content of the `tool` message answering each call (a user message when the model called no tool); {{errors}} becomes the validation errors.</source>
        <translation>Modus tools: der Inhalt der `tool`-Nachricht, die jeden Aufruf beantwortet (eine Benutzernachricht, wenn das Modell kein Tool aufgerufen hat); {{errors}} wird zu den Validierungsfehlern.</translation>
    </message>
    <message>
        <source>Reset to Default</source>
        <translation>Auf Standard zurücksetzen</translation>
    </message>
    <message>
        <source>Puts back Formwork&apos;s default text for &quot;%1&quot;.</source>
        <translation>Stellt den Standardtext von Formwork für &quot;%1&quot; wieder her.</translation>
    </message>
    <message>
        <source>No %1 in the text: the schema is not sent in the prompt.</source>
        <translation>Kein %1 im Text: Das Schema wird nicht im Prompt gesendet.</translation>
    </message>
    <message>
        <source>No %1 in the text: the model is not told what was wrong.</source>
        <translation>Kein %1 im Text: Dem Modell wird nicht gesagt, was falsch war.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::TimelinePane</name>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation>
            <numerusform>{%n Eintrag}</numerusform>
            <numerusform>{%n Einträge}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n Element]</numerusform>
            <numerusform>[%n Elemente]</numerusform>
        </translation>
    </message>
    <message>
        <source>One entry per attempt: outcome, resends after transport failures, tokens in and out, time and time to the first token</source>
        <translation>Ein Eintrag pro Versuch: Ergebnis, Wiederholungen nach Übertragungsfehlern, Eingabe- und Ausgabe-Tokens, Zeit und Zeit bis zum ersten Token</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Click an error to select its value in the reply and its keyword in the schema; double-click to show the reply</source>
        <translation>Klicken Sie auf einen Fehler, um seinen Wert in der Antwort und sein Schlüsselwort im Schema auszuwählen; Doppelklick zeigt die Antwort</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>What changed since the previous attempt: the value and the errors</source>
        <translation>Was sich seit dem vorigen Versuch geändert hat: der Wert und die Fehler</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Show or hide the model&apos;s thinking, kept apart from the reply</source>
        <translation>Das Thinking des Modells ein- oder ausblenden, getrennt von der Antwort gehalten</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>The value as it arrives: a field turns green or red once it is complete and checked against the schema</source>
        <translation>Der Wert, während er eintrifft: Ein Feld wird grün oder rot, sobald es vollständig ist und gegen das Schema geprüft wurde</translation>
    </message>
    <message>
        <source>&amp;Go to reask</source>
        <translation>Zur &amp;Nachfrage</translation>
    </message>
    <message>
        <source>Select the message that asked the model to fix the previous attempt&apos;s errors (the last user or tool message sent)</source>
        <translation>Die Nachricht auswählen, die das Modell aufgefordert hat, die Fehler des vorigen Versuchs zu beheben (die zuletzt gesendete Benutzer- oder Tool-Nachricht)</translation>
    </message>
    <message>
        <source>The request body sent for this attempt, indented</source>
        <translation>Der für diesen Versuch gesendete Anfragerumpf, eingerückt</translation>
    </message>
    <message>
        <source>The request is shown when the attempt ends.</source>
        <translation>Die Anfrage wird angezeigt, sobald der Versuch endet.</translation>
    </message>
    <message numerus="yes">
        <source>Thinking (%n character(s))</source>
        <translation>
            <numerusform>Thinking (%n Zeichen)</numerusform>
            <numerusform>Thinking (%n Zeichen)</numerusform>
        </translation>
    </message>
    <message>
        <source>No request was sent for this attempt.</source>
        <translation>Für diesen Versuch wurde keine Anfrage gesendet.</translation>
    </message>
    <message>
        <source>The request body is shown as sent (it is not valid JSON).</source>
        <translation>Der Anfragerumpf wird so angezeigt, wie er gesendet wurde (er ist kein gültiges JSON).</translation>
    </message>
    <message>
        <source>The first attempt: the base conversation, no reask.</source>
        <translation>Der erste Versuch: die Grundkonversation, keine Nachfrage.</translation>
    </message>
    <message>
        <source>Resent without a reask.</source>
        <translation>Ohne Nachfrage erneut gesendet.</translation>
    </message>
    <message>
        <source>Message %1 asks the model to fix attempt %2.</source>
        <translation>Nachricht %1 fordert das Modell auf, Versuch %2 zu korrigieren.</translation>
    </message>
    <message>
        <source>The first attempt: nothing to compare.</source>
        <translation>Der erste Versuch: nichts zu vergleichen.</translation>
    </message>
    <message>
        <source>Value: not compared (attempt %1 or %2 has no parsed value)</source>
        <translation>Wert: nicht verglichen (Versuch %1 oder %2 hat keinen geparsten Wert)</translation>
    </message>
    <message numerus="yes">
        <source>Value: %n change(s)</source>
        <translation>
            <numerusform>Wert: %n Änderung</numerusform>
            <numerusform>Wert: %n Änderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>... %n more</source>
        <translation>
            <numerusform>... %n weitere</numerusform>
            <numerusform>... %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>Fixed: the reply parses now</source>
        <translation>Behoben: Die Antwort ist jetzt gültiges JSON</translation>
    </message>
    <message>
        <source>Fixed errors: %1</source>
        <translation>Behobene Fehler: %1</translation>
    </message>
    <message>
        <source>New errors: %1</source>
        <translation>Neue Fehler: %1</translation>
    </message>
    <message>
        <source>Still failing: %1</source>
        <translation>Weiterhin bestehende Fehler: %1</translation>
    </message>
    <message>
        <source>(value)</source>
        <translation>(Wert)</translation>
    </message>
    <message>
        <source>Fails the schema</source>
        <translation>Verletzt das Schema</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Stored run #%1 of %2 (%3, %4 mode), reopened from the history: read-only. Nothing was sent; Run (Ctrl+Return) starts a new run.</source>
        <translation>Gespeicherter Lauf #%1 vom %2 (%3, Modus %4), aus dem Verlauf wieder geöffnet: schreibgeschützt. Es wurde nichts gesendet; Ausführen (Strg+Return) startet einen neuen Lauf.</translation>
    </message>
</context>
<context>
    <name>Formwork::Ui::WorkspaceController</name>
    <message>
        <source>Formwork workspaces (*.formwork.json);;All files (*)</source>
        <translation>Formwork-Arbeitsbereiche (*.formwork.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Save Workspace</source>
        <translation>Arbeitsbereich speichern</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Example not loaded</source>
        <translation>Beispiel nicht geladen</translation>
    </message>
    <message>
        <source>New workspace from the example &quot;%1&quot;.</source>
        <translation>Neuer Arbeitsbereich aus dem Beispiel &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Workspace not opened</source>
        <translation>Arbeitsbereich nicht geöffnet</translation>
    </message>
    <message>
        <source>%1

The window keeps what it had.</source>
        <translation>%1

Das Fenster behält seinen bisherigen Inhalt.</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Workspace not saved</source>
        <translation>Arbeitsbereich nicht gespeichert</translation>
    </message>
    <message>
        <source>%1

Your changes are still in the window, unsaved.</source>
        <translation>%1

Ihre Änderungen sind noch im Fenster, ungespeichert.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The workspace &quot;%1&quot; has changes that are not saved. Save them?</source>
        <translation>Der Arbeitsbereich &quot;%1&quot; hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>an untitled workspace</source>
        <translation>einem unbenannten Arbeitsbereich</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>Ungespeicherte Arbeit wiederherstellen?</translation>
    </message>
    <message>
        <source>Formwork did not close cleanly last time. Changes to %1 from %2 were kept. Restore them?</source>
        <translation>Formwork wurde beim letzten Mal nicht sauber beendet. Änderungen an %1 vom %2 wurden aufbewahrt. Wiederherstellen?</translation>
    </message>
    <message>
        <source>Restored unsaved changes to %1.</source>
        <translation>Ungespeicherte Änderungen an %1 wiederhergestellt.</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Start an empty workspace (asks about unsaved changes first)</source>
        <translation>Einen leeren Arbeitsbereich beginnen (fragt zuerst nach ungespeicherten Änderungen)</translation>
    </message>
    <message>
        <source>New from E&amp;xample</source>
        <translation>Neu aus Beis&amp;piel</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>&amp;Öffnen...</translation>
    </message>
    <message>
        <source>Open a workspace file (*.formwork.json): schema, prompts, model and options</source>
        <translation>Eine Arbeitsbereichsdatei (*.formwork.json) öffnen: Schema, Prompts, Modell und Optionen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the workspace (schema, prompts, model, options; never an API key)</source>
        <translation>Den Arbeitsbereich speichern (Schema, Prompts, Modell, Optionen; nie einen API-Schlüssel)</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>Speichern &amp;unter...</translation>
    </message>
    <message>
        <source>Save the workspace under a new name</source>
        <translation>Den Arbeitsbereich unter einem neuen Namen speichern</translation>
    </message>
    <message>
        <source>A new untitled workspace with this example&apos;s schema, prompts and input</source>
        <translation>Ein neuer, unbenannter Arbeitsbereich mit Schema, Prompts und Eingabe dieses Beispiels</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Forget the recently used workspaces (the files stay)</source>
        <translation>Die zuletzt verwendeten Arbeitsbereiche vergessen (die Dateien bleiben erhalten)</translation>
    </message>
    <message>
        <source>%1[*] - Formwork</source>
        <translation>%1[*] – Formwork</translation>
    </message>
</context>
<context>
    <name>Formwork::Workspace</name>
    <message>
        <source>&quot;%1&quot; must be %2</source>
        <translation>&quot;%1&quot; muss %2 sein</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>ein String</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is out of range</source>
        <translation>&quot;%1&quot; liegt außerhalb des zulässigen Bereichs</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>an object with &quot;name&quot; and &quot;value&quot;</source>
        <translation>ein Objekt mit &quot;name&quot; und &quot;value&quot;</translation>
    </message>
    <message>
        <source>&quot;server.host&quot; is not a valid URL: %1</source>
        <translation>&quot;server.host&quot; ist keine gültige URL: %1</translation>
    </message>
    <message>
        <source>&quot;server.api&quot; must be &quot;ollama&quot; or &quot;openai&quot;, not &quot;%1&quot;</source>
        <translation>&quot;server.api&quot; muss &quot;ollama&quot; oder &quot;openai&quot; sein, nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;mode&quot; must be &quot;schema&quot;, &quot;json&quot;, &quot;md-json&quot; or &quot;tools&quot;, not &quot;%1&quot;</source>
        <translation>&quot;mode&quot; muss &quot;schema&quot;, &quot;json&quot;, &quot;md-json&quot; oder &quot;tools&quot; sein, nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;think&quot; must be one of default, off, on, low, medium, high, max; not &quot;%1&quot;</source>
        <translation>&quot;think&quot; muss einer der Werte default, off, on, low, medium, high, max sein; nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text (byte 0x%1 cannot be read)</source>
        <translation>die Datei ist kein UTF-8-Text (Byte 0x%1 kann nicht gelesen werden)</translation>
    </message>
    <message>
        <source>a workspace file holds one JSON object</source>
        <translation>eine Arbeitsbereichsdatei enthält ein JSON-Objekt</translation>
    </message>
    <message>
        <source>not a Formwork workspace (the &quot;formwork&quot; field is missing)</source>
        <translation>kein Formwork-Arbeitsbereich (das Feld &quot;formwork&quot; fehlt)</translation>
    </message>
    <message>
        <source>workspace format %1 is not known to this version of Formwork (it reads format %2)</source>
        <translation>das Arbeitsbereichsformat %1 ist dieser Version von Formwork nicht bekannt (sie liest Format %2)</translation>
    </message>
    <message>
        <source>cannot be written: %1</source>
        <translation>kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>die Datei existiert nicht</translation>
    </message>
    <message>
        <source>this is a folder, not a workspace file</source>
        <translation>dies ist ein Ordner, keine Arbeitsbereichsdatei</translation>
    </message>
    <message>
        <source>the file is too large to be a workspace (%1 MB)</source>
        <translation>die Datei ist zu groß für einen Arbeitsbereich (%1 MB)</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&quot;chunking.mode&quot; must be &quot;off&quot;, &quot;auto&quot; or &quot;always&quot;, not &quot;%1&quot;</source>
        <translation>&quot;chunking.mode&quot; muss &quot;off&quot;, &quot;auto&quot; oder &quot;always&quot; sein, nicht &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>RunReport</name>
    <message>
        <source>Formwork report: %1</source>
        <translation>Formwork-Bericht: %1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Tokens (prompt + completion)</source>
        <translation>Tokens (Prompt + Antwort)</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Found in the source</source>
        <translation>In der Quelle gefunden</translation>
    </message>
    <message>
        <source>%1 of %2 values</source>
        <translation>%1 von %2 Werten</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>In the source</source>
        <translation>In der Quelle</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>not looked for</source>
        <translation>nicht gesucht</translation>
    </message>
    <message>
        <source>Conflicts between chunks</source>
        <translation>Konflikte zwischen Abschnitten</translation>
    </message>
    <message>
        <source> (kept)</source>
        <translation> (behalten)</translation>
    </message>
    <message>
        <source>Attempt %1: %2, %3 + %4 tokens, %5 ms</source>
        <translation>Versuch %1: %2, %3 + %4 Tokens, %5 ms</translation>
    </message>
    <message>
        <source>Reask:</source>
        <translation>Nachfrage:</translation>
    </message>
    <message>
        <source>Made by Formwork; this page needs no network.</source>
        <translation>Erstellt von Formwork; diese Seite braucht kein Netzwerk.</translation>
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
    <message>
        <source>attempt %1 failed (%2):</source>
        <translation>Versuch %1 fehlgeschlagen (%2):</translation>
    </message>
    <message>
        <source>Extract validated JSON from a local LLM: the JSON goes to stdout, progress to stderr.</source>
        <translation>Validiertes JSON aus einem lokalen LLM extrahieren: Das JSON geht nach stdout, der Fortschritt nach stderr.</translation>
    </message>
    <message>
        <source>The model, e.g. llama3.1:8b.</source>
        <translation>Das Modell, z. B. llama3.1:8b.</translation>
    </message>
    <message>
        <source>The JSON Schema file.</source>
        <translation>Die JSON-Schema-Datei.</translation>
    </message>
    <message>
        <source>The user prompt.</source>
        <translation>Der Benutzer-Prompt.</translation>
    </message>
    <message>
        <source>Read the user prompt from a file.</source>
        <translation>Den Benutzer-Prompt aus einer Datei lesen.</translation>
    </message>
    <message>
        <source>A system prompt.</source>
        <translation>Ein System-Prompt.</translation>
    </message>
    <message>
        <source>When no attempt is valid, still print the last parsed value (exit 1).</source>
        <translation>Wenn kein Versuch gültig ist, trotzdem den zuletzt geparsten Wert ausgeben (Exit-Code 1).</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;.</source>
        <translation>unerwartetes Argument &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>give exactly one of --prompt and --input.</source>
        <translation>geben Sie genau eine der Optionen --prompt und --input an.</translation>
    </message>
    <message>
        <source>unknown mode &apos;%1&apos; (use schema, json, md-json or tools).</source>
        <translation>unbekannter Modus &apos;%1&apos; (verwenden Sie schema, json, md-json oder tools).</translation>
    </message>
    <message>
        <source>unknown API &apos;%1&apos; (use ollama or openai).</source>
        <translation>unbekannte API &apos;%1&apos; (verwenden Sie ollama oder openai).</translation>
    </message>
    <message>
        <source>--attempts needs a whole number of at least 1.</source>
        <translation>--attempts erfordert eine ganze Zahl von mindestens 1.</translation>
    </message>
    <message>
        <source>--num-ctx needs a positive whole number.</source>
        <translation>--num-ctx erfordert eine positive ganze Zahl.</translation>
    </message>
    <message>
        <source>--num-predict needs a positive whole number.</source>
        <translation>--num-predict erfordert eine positive ganze Zahl.</translation>
    </message>
    <message>
        <source>--seed needs a whole number.</source>
        <translation>--seed erfordert eine ganze Zahl.</translation>
    </message>
    <message>
        <source>--temperature needs a number of at least 0.</source>
        <translation>--temperature erfordert eine Zahl von mindestens 0.</translation>
    </message>
    <message>
        <source>--timeout needs a positive number of seconds.</source>
        <translation>--timeout erfordert eine positive Anzahl von Sekunden.</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>attempt %1/%2</source>
        <translation>Versuch %1/%2</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message numerus="yes">
        <source>valid after %n attempt(s); %1 tokens</source>
        <translation>
            <numerusform>gültig nach %n Versuch; %1 Tokens</numerusform>
            <numerusform>gültig nach %n Versuchen; %1 Tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>extract failed (%1): %2</source>
        <translation>extract fehlgeschlagen (%1): %2</translation>
    </message>
    <message>
        <source>printing the invalid value of attempt %1 (--accept-invalid)</source>
        <translation>der ungültige Wert von Versuch %1 wird ausgegeben (--accept-invalid)</translation>
    </message>
    <message>
        <source>List the models of an LLM server.</source>
        <translation>Die Modelle eines LLM-Servers auflisten.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>The bearer token for an OpenAI-compatible server is read from FORMWORK_API_KEY.</source>
        <translation>Das Bearer-Token für einen OpenAI-kompatiblen Server wird aus FORMWORK_API_KEY gelesen.</translation>
    </message>
    <message>
        <source>formwork-cli models: unexpected argument &apos;%1&apos;.</source>
        <translation>formwork-cli models: unerwartetes Argument &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>formwork-cli models: --api must be &apos;ollama&apos; or &apos;openai&apos;, not &apos;%1&apos;.</source>
        <translation>formwork-cli models: --api muss &apos;ollama&apos; oder &apos;openai&apos; sein, nicht &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>formwork-cli models: --timeout needs a positive number of seconds.</source>
        <translation>formwork-cli models: --timeout erfordert eine positive Anzahl von Sekunden.</translation>
    </message>
    <message>
        <source>no Ollama server at %1: start it with `ollama serve` or set --host</source>
        <translation>kein Ollama-Server unter %1: Starten Sie ihn mit `ollama serve` oder setzen Sie --host</translation>
    </message>
    <message>
        <source>no server at %1: start it or set --host</source>
        <translation>kein Server unter %1: Starten Sie ihn oder setzen Sie --host</translation>
    </message>
    <message>
        <source>formwork-cli models: %1</source>
        <translation>formwork-cli models: %1</translation>
    </message>
    <message>
        <source>server said (%1): %2</source>
        <translation>Antwort des Servers (%1): %2</translation>
    </message>
    <message>
        <source>The server at %1 has no models. Download one with `ollama pull &lt;name&gt;`.</source>
        <translation>Der Server unter %1 hat keine Modelle. Laden Sie eines mit `ollama pull &lt;name&gt;` herunter.</translation>
    </message>
    <message>
        <source>List the models of a server</source>
        <translation>Die Modelle eines Servers auflisten</translation>
    </message>
    <message>
        <source>%1 is not valid JSON</source>
        <translation>%1 ist kein gültiges JSON</translation>
    </message>
    <message>
        <source>FAIL %1: cannot load the file (%2)</source>
        <translation>FAIL %1: Die Datei kann nicht geladen werden (%2)</translation>
    </message>
    <message>
        <source>schema rejected: %1 at &quot;%2&quot;</source>
        <translation>Schema abgelehnt: %1 bei &quot;%2&quot;</translation>
    </message>
    <message>
        <source>isValid() and validate() disagree</source>
        <translation>isValid() und validate() stimmen nicht überein</translation>
    </message>
    <message>
        <source>expected valid, got: %1</source>
        <translation>gültig erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected invalid, got valid</source>
        <translation>ungültig erwartet, aber gültig erhalten</translation>
    </message>
    <message>
        <source>Run the official JSON-Schema-Test-Suite against Formwork&apos;s validator.</source>
        <translation>Die offizielle JSON-Schema-Test-Suite gegen den Validator von Formwork ausführen.</translation>
    </message>
    <message>
        <source>A JSON-Schema-Test-Suite checkout.</source>
        <translation>Ein Checkout der JSON-Schema-Test-Suite.</translation>
    </message>
    <message>
        <source>suite: expected one directory.</source>
        <translation>suite: genau ein Verzeichnis erwartet.</translation>
    </message>
    <message>
        <source>suite: unknown draft &apos;%1&apos; (use 2020-12 or 7).</source>
        <translation>suite: unbekannter Draft &apos;%1&apos; (verwenden Sie 2020-12 oder 7).</translation>
    </message>
    <message>
        <source>suite: %1 does not exist.</source>
        <translation>suite: %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed</source>
        <translation>%1 bestanden, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Run the JSON-Schema-Test-Suite (validator conformance)</source>
        <translation>Die JSON-Schema-Test-Suite ausführen (Konformität des Validators)</translation>
    </message>
    <message>
        <source>%1: cannot read the file: %2</source>
        <translation>%1: Die Datei kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1:%2:%3: invalid JSON: %4</source>
        <translation>%1:%2:%3: ungültiges JSON: %4</translation>
    </message>
    <message>
        <source>Validate JSON instances against a JSON Schema; one JSON line per instance.</source>
        <translation>JSON-Instanzen gegen ein JSON-Schema validieren; eine JSON-Zeile pro Instanz.</translation>
    </message>
    <message>
        <source>JSON files to check.</source>
        <translation>Zu prüfende JSON-Dateien.</translation>
    </message>
    <message>
        <source>validate: --schema and at least one instance file are required.</source>
        <translation>validate: --schema und mindestens eine Instanzdatei sind erforderlich.</translation>
    </message>
    <message>
        <source>validate: unknown draft &apos;%1&apos; (use 2020-12 or 7).</source>
        <translation>validate: unbekannter Draft &apos;%1&apos; (verwenden Sie 2020-12 oder 7).</translation>
    </message>
    <message>
        <source>%1:%2:%3: invalid schema at &quot;%4&quot;: %5</source>
        <translation>%1:%2:%3: ungültiges Schema bei &quot;%4&quot;: %5</translation>
    </message>
    <message>
        <source>Validate JSON files against a JSON Schema</source>
        <translation>JSON-Dateien gegen ein JSON-Schema validieren</translation>
    </message>
    <message>
        <source>agreement with expected values: %1/%2 rows, %3/%4 fields (%5%)</source>
        <translation>Übereinstimmung mit den erwarteten Werten: %1/%2 Zeilen, %3/%4 Felder (%5 %)</translation>
    </message>
    <message>
        <source>failures: %1</source>
        <translation>Fehlschläge: %1</translation>
    </message>
    <message>
        <source>batch: cannot resume: %1 changed since batch %2 began (run without --resume to start again).</source>
        <translation>batch: Fortsetzen nicht möglich: %1 hat sich seit Beginn des Stapellaufs %2 geändert (ohne --resume ausführen, um neu zu beginnen).</translation>
    </message>
    <message>
        <source>batch: cannot resume: batch %1 ran with another schema or model (run without --resume to start again).</source>
        <translation>batch: Fortsetzen nicht möglich: Stapellauf %1 lief mit einem anderen Schema oder Modell (ohne --resume ausführen, um neu zu beginnen).</translation>
    </message>
    <message>
        <source>batch: resuming batch %1</source>
        <translation>batch: Stapellauf %1 wird fortgesetzt</translation>
    </message>
    <message>
        <source>batch: nothing to resume for %1; starting a new batch.</source>
        <translation>batch: für %1 gibt es nichts fortzusetzen; ein neuer Stapellauf beginnt.</translation>
    </message>
    <message>
        <source>batch: batch %1 for this output did not finish; starting a new one (--resume continues it).</source>
        <translation>batch: Stapellauf %1 für diese Ausgabe wurde nicht beendet; ein neuer beginnt (--resume setzt ihn fort).</translation>
    </message>
    <message>
        <source>batch: %1 taken out: %2</source>
        <translation>batch: %1 herausgenommen: %2</translation>
    </message>
    <message>
        <source>The rows: a .csv (header row), a .jsonl (one object per line) or a folder of .txt/.md files.</source>
        <translation>Die Zeilen: eine .csv-Datei (mit Kopfzeile), eine .jsonl-Datei (ein Objekt pro Zeile) oder ein Ordner mit .txt/.md-Dateien.</translation>
    </message>
    <message>
        <source>The results: .csv, .jsonl or .json (an array), each with a row_id.</source>
        <translation>Die Ergebnisse: .csv, .jsonl oder .json (ein Array), jedes mit einer row_id.</translation>
    </message>
    <message>
        <source>The user prompt, with {{column}} variables (default: every column as &quot;name: value&quot;; a folder gives {{text}} and {{filename}}).</source>
        <translation>Der Benutzer-Prompt mit {{Spalte}}-Variablen (Standard: jede Spalte als &quot;Name: Wert&quot;; ein Ordner liefert {{text}} und {{filename}}).</translation>
    </message>
    <message>
        <source>--%1 is required.</source>
        <translation>--%1 ist erforderlich.</translation>
    </message>
    <message>
        <source>--out must end in .csv, .jsonl or .json.</source>
        <translation>--out muss auf .csv, .jsonl oder .json enden.</translation>
    </message>
    <message>
        <source>--concurrency needs a whole number of at least 1.</source>
        <translation>--concurrency erfordert eine ganze Zahl von mindestens 1.</translation>
    </message>
    <message>
        <source>%1 has no rows.</source>
        <translation>%1 hat keine Zeilen.</translation>
    </message>
    <message>
        <source>the template uses {{%1}} but %2 has no such column (it has: %3).</source>
        <translation>die Vorlage verwendet {{%1}}, aber %2 hat keine solche Spalte (vorhanden: %3).</translation>
    </message>
    <message>
        <source>batch: going on without a history (--resume will not be possible).</source>
        <translation>batch: weiter ohne Verlauf (--resume wird nicht möglich sein).</translation>
    </message>
    <message>
        <source>batch stopped: %1 Start the server and run again with --resume.</source>
        <translation>batch angehalten: %1 Starten Sie den Server und führen Sie den Befehl erneut mit --resume aus.</translation>
    </message>
    <message>
        <source>batch: %1 rows, %2 valid (%3 after reasks), %4 failed; results in %5</source>
        <translation>batch: %1 Zeilen, %2 gültig (%3 nach Nachfragen), %4 fehlgeschlagen; Ergebnisse in %5</translation>
    </message>
    <message>
        <source>grounding: %1 of %2 values found in the source (%3 exact, %4 tolerant, %5 fuzzy, %6 ambiguous)</source>
        <translation>Verortung: %1 von %2 Werten in der Quelle gefunden (%3 exakt, %4 tolerant, %5 unscharf, %6 mehrdeutig)</translation>
    </message>
    <message>
        <source>; not found in the source: %1</source>
        <translation>; nicht in der Quelle gefunden: %1</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>chunk %1/%2 (characters %3 to %4)</source>
        <translation>Abschnitt %1/%2 (Zeichen %3 bis %4)</translation>
    </message>
    <message>
        <source>chunk %1/%2 failed (%3): %4</source>
        <translation>Abschnitt %1/%2 fehlgeschlagen (%3): %4</translation>
    </message>
    <message>
        <source>merged value: %1: %2</source>
        <translation>zusammengeführter Wert: %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Valid: %n chunk(s) merged</source>
        <translation>
            <numerusform>Gültig: %n Abschnitt zusammengeführt</numerusform>
            <numerusform>Gültig: %n Abschnitte zusammengeführt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>valid: %n chunk(s) merged</source>
        <translation>
            <numerusform>gültig: %n Abschnitt zusammengeführt</numerusform>
            <numerusform>gültig: %n Abschnitte zusammengeführt</numerusform>
        </translation>
    </message>
    <message>
        <source>extract failed: %1</source>
        <translation>extract fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>--chunk-chars needs a whole number of at least 16.</source>
        <translation>--chunk-chars erfordert eine ganze Zahl von mindestens 16.</translation>
    </message>
    <message>
        <source>--chunk-overlap needs a whole number of at least 0.</source>
        <translation>--chunk-overlap erfordert eine ganze Zahl von mindestens 0.</translation>
    </message>
    <message>
        <source>--parallel needs a whole number of at least 1.</source>
        <translation>--parallel erfordert eine ganze Zahl von mindestens 1.</translation>
    </message>
    <message>
        <source>Valid on attempt %1</source>
        <translation>Gültig bei Versuch %1</translation>
    </message>
    <message>
        <source>Failed (%1): %2</source>
        <translation>Fehlgeschlagen (%1): %2</translation>
    </message>
    <message>
        <source>history: --limit and --batch need whole numbers.</source>
        <translation>history: --limit und --batch erfordern ganze Zahlen.</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n Versuch</numerusform>
            <numerusform>%n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>history: no runs.</source>
        <translation>history: keine Läufe.</translation>
    </message>
    <message>
        <source>history: there is no run &apos;%1&apos;.</source>
        <translation>history: es gibt keinen Lauf &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>history: revalidate needs --schema.</source>
        <translation>history: revalidate erfordert --schema.</translation>
    </message>
    <message>
        <source>history: --batch and --run need whole numbers.</source>
        <translation>history: --batch und --run erfordern ganze Zahlen.</translation>
    </message>
    <message>
        <source>history: %1 runs re-validated, %2 verdicts change (%3 valid -&gt; invalid, %4 invalid -&gt; valid)</source>
        <translation>history: %1 Läufe neu validiert, %2 Urteile ändern sich (%3 gültig -&gt; ungültig, %4 ungültig -&gt; gültig)</translation>
    </message>
    <message>
        <source>The run history: &apos;list&apos; the newest runs, &apos;show ID&apos; one run with every attempt (JSON),
&apos;revalidate --schema S.json&apos; the stored replies against a schema, without calling a model;
the runs whose verdict changes are printed as JSON lines.</source>
        <translation>Der Verlauf der Läufe: &apos;list&apos; zeigt die neuesten Läufe, &apos;show ID&apos; einen Lauf mit jedem Versuch (JSON),
&apos;revalidate --schema S.json&apos; prüft die gespeicherten Antworten gegen ein Schema, ohne ein Modell
aufzurufen; die Läufe, deren Urteil sich ändert, werden als JSON-Zeilen ausgegeben.</translation>
    </message>
    <message>
        <source>list, show or revalidate.</source>
        <translation>list, show oder revalidate.</translation>
    </message>
    <message>
        <source>revalidate: the schema to check against.</source>
        <translation>revalidate: das Schema, gegen das geprüft wird.</translation>
    </message>
    <message>
        <source>give an action: list, show ID or revalidate.</source>
        <translation>geben Sie eine Aktion an: list, show ID oder revalidate.</translation>
    </message>
    <message>
        <source>show needs one run ID.</source>
        <translation>show erfordert eine Lauf-ID.</translation>
    </message>
    <message>
        <source>%1: cannot read %2: %3</source>
        <translation>%1: %2 kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>A system prompt, may use {{column}} (default: none).</source>
        <translation>Ein System-Prompt, darf {{Spalte}} verwenden (Standard: keiner).</translation>
    </message>
    <message>
        <source>The number of rows at once per server (default: 1).</source>
        <translation>Die Anzahl gleichzeitiger Zeilen pro Server (Standard: 1).</translation>
    </message>
    <message>
        <source>A server address; repeat it to spread the rows over several servers; url#n runs n rows at once there (default: OLLAMA_HOST, else http://127.0.0.1:11434).</source>
        <translation>Eine Serveradresse; wiederholen, um die Zeilen auf mehrere Server zu verteilen; url#n führt dort n Zeilen gleichzeitig aus (Standard: OLLAMA_HOST, sonst http://127.0.0.1:11434).</translation>
    </message>
    <message>
        <source>The server&apos;s API: ollama (native) or openai (/v1, for llama-server, LM Studio, vLLM) (default: ollama).</source>
        <translation>Die API des Servers: ollama (nativ) oder openai (/v1, für llama-server, LM Studio, vLLM) (Standard: ollama).</translation>
    </message>
    <message>
        <source>How the schema is sent: schema, json, md-json or tools (default: schema).</source>
        <translation>Wie das Schema gesendet wird: schema, json, md-json oder tools (Standard: schema).</translation>
    </message>
    <message>
        <source>The number of attempts per row, the first included (default: 3).</source>
        <translation>Die Anzahl der Versuche pro Zeile, der erste eingeschlossen (Standard: 3).</translation>
    </message>
    <message>
        <source>The sampling temperature (default: the server&apos;s).</source>
        <translation>Die Sampling-Temperatur (Standard: die des Servers).</translation>
    </message>
    <message>
        <source>The random seed (default: none).</source>
        <translation>Der Zufalls-Seed (Standard: keiner).</translation>
    </message>
    <message>
        <source>Continue the unfinished batch that writes to the same --out: finished rows are not run again (default: off).</source>
        <translation>Den unfertigen Stapellauf fortsetzen, der in dasselbe --out schreibt: Fertige Zeilen werden nicht erneut ausgeführt (Standard: aus).</translation>
    </message>
    <message>
        <source>A column (or JSONL field) with the expected JSON of each row: report agreement per field (default: none).</source>
        <translation>Eine Spalte (oder ein JSONL-Feld) mit dem erwarteten JSON jeder Zeile: Übereinstimmung pro Feld melden (Standard: keine).</translation>
    </message>
    <message>
        <source>CSV: one record per element of an array of objects instead of JSON in a cell (default: off).</source>
        <translation>CSV: ein Datensatz pro Element eines Arrays von Objekten statt JSON in einer Zelle (Standard: aus).</translation>
    </message>
    <message>
        <source>CSV: start with a UTF-8 byte order mark, for spreadsheets (default: off).</source>
        <translation>CSV: mit einer UTF-8-Bytereihenfolge-Markierung (BOM) beginnen, für Tabellenkalkulationen (Standard: aus).</translation>
    </message>
    <message>
        <source>--host &apos;%1&apos; is not a server address (url or url#n).</source>
        <translation>--host &apos;%1&apos; ist keine Serveradresse (url oder url#n).</translation>
    </message>
    <message>
        <source>Usage: formwork-cli %1%2</source>
        <translation>Aufruf: formwork-cli %1%2</translation>
    </message>
    <message>
        <source>The history database (default: %1 in %2).</source>
        <translation>Die Verlaufsdatenbank (Standard: %1 in %2).</translation>
    </message>
    <message>
        <source>The server address (default: OLLAMA_HOST, else http://127.0.0.1:11434).</source>
        <translation>Die Serveradresse (Standard: OLLAMA_HOST, sonst http://127.0.0.1:11434).</translation>
    </message>
    <message>
        <source>The number of attempts, the first included (default: 3).</source>
        <translation>Die Anzahl der Versuche, der erste eingeschlossen (Standard: 3).</translation>
    </message>
    <message>
        <source>The deadline of the whole run in seconds (default: none).</source>
        <translation>Die Frist für den gesamten Lauf in Sekunden (Standard: keine).</translation>
    </message>
    <message>
        <source>The context length, Ollama API only (default: the server&apos;s).</source>
        <translation>Die Kontextlänge, nur Ollama-API (Standard: die des Servers).</translation>
    </message>
    <message>
        <source>The most tokens per reply (default: chosen from the schema size).</source>
        <translation>Die Höchstzahl an Tokens pro Antwort (Standard: anhand der Schemagröße gewählt).</translation>
    </message>
    <message>
        <source>Write every attempt as one JSON line to this file.</source>
        <translation>Jeden Versuch als eine JSON-Zeile in diese Datei schreiben.</translation>
    </message>
    <message>
        <source>Trace every extracted value to where it stands in the input text: each --trace line gets a grounding object, stderr a summary (default: off).</source>
        <translation>Jeden extrahierten Wert zu seiner Stelle im Eingabetext zurückverfolgen: Jede --trace-Zeile erhält ein grounding-Objekt, stderr eine Zusammenfassung (Standard: aus).</translation>
    </message>
    <message>
        <source>Write the final value&apos;s grounding (JSON Pointer -&gt; spans, match kind, score) to this file; implies --ground.</source>
        <translation>Die Verortung des endgültigen Werts (JSON Pointer -&gt; Textstellen, Art der Übereinstimmung, Bewertung) in diese Datei schreiben; schließt --ground ein.</translation>
    </message>
    <message>
        <source>Write the run as one self-contained HTML page to this file: the input with each value highlighted, the values, every attempt, the settings.</source>
        <translation>Den Lauf als eine eigenständige HTML-Seite in diese Datei schreiben: die Eingabe mit jedem Wert hervorgehoben, die Werte, jeder Versuch, die Einstellungen.</translation>
    </message>
    <message>
        <source>Split an input longer than n characters into chunks (at paragraph and sentence ends), extract each and merge the results (default: the whole input at once).</source>
        <translation>Eine Eingabe, die länger als n Zeichen ist, in Abschnitte teilen (an Absatz- und Satzenden), aus jedem extrahieren und die Ergebnisse zusammenführen (Standard: die ganze Eingabe auf einmal).</translation>
    </message>
    <message>
        <source>The characters two neighbouring chunks share (default: a tenth of --chunk-chars).</source>
        <translation>Die Zeichen, die zwei benachbarte Abschnitte gemeinsam haben (Standard: ein Zehntel von --chunk-chars).</translation>
    </message>
    <message>
        <source>When merging chunks, array items with the same value of this member are one item (default: equal items are one item).</source>
        <translation>Beim Zusammenführen von Abschnitten sind Array-Elemente mit gleichem Wert dieses Members ein Element (Standard: gleiche Elemente sind ein Element).</translation>
    </message>
    <message>
        <source>The number of chunks extracted at the same time (default: 1).</source>
        <translation>Die Anzahl gleichzeitig extrahierter Abschnitte (Standard: 1).</translation>
    </message>
    <message>
        <source>%1 Resending in %2 ms (retry %3).</source>
        <translation>%1 Erneutes Senden in %2 ms (Wiederholung %3).</translation>
    </message>
    <message>
        <source>list: at most n runs, newest first (default: 50).</source>
        <translation>list: höchstens n Läufe, die neuesten zuerst (Standard: 50).</translation>
    </message>
    <message>
        <source>list, revalidate: only the runs of this batch (default: every run).</source>
        <translation>list, revalidate: nur die Läufe dieses Stapellaufs (Standard: alle Läufe).</translation>
    </message>
    <message>
        <source>list: one JSON object per line (default: a table).</source>
        <translation>list: ein JSON-Objekt pro Zeile (Standard: eine Tabelle).</translation>
    </message>
    <message>
        <source>revalidate: only this run; repeat it for several (default: every run).</source>
        <translation>revalidate: nur dieser Lauf; für mehrere wiederholen (Standard: alle Läufe).</translation>
    </message>
    <message>
        <source>Print JSON instead of a table (default: a table).</source>
        <translation>JSON statt einer Tabelle ausgeben (Standard: eine Tabelle).</translation>
    </message>
    <message>
        <source>Seconds to wait for the server (default: 30).</source>
        <translation>Sekunden, die auf den Server gewartet wird (Standard: 30).</translation>
    </message>
    <message>
        <source>%1 does not speak Ollama&apos;s native API. Use --api openai.</source>
        <translation>%1 spricht nicht die native API von Ollama. Verwenden Sie --api openai.</translation>
    </message>
    <message>
        <source>The draft to run: 2020-12 or 7 (default: 2020-12).</source>
        <translation>Der auszuführende Draft: 2020-12 oder 7 (Standard: 2020-12).</translation>
    </message>
    <message>
        <source>Also run the optional tests, formats asserted (default: off).</source>
        <translation>Auch die optionalen Tests ausführen, format wird geprüft (Standard: aus).</translation>
    </message>
    <message>
        <source>The directory with draft7.json, draft2020-12.json and vocabularies.json (default: %1).</source>
        <translation>Das Verzeichnis mit draft7.json, draft2020-12.json und vocabularies.json (Standard: %1).</translation>
    </message>
    <message>
        <source>The draft when the schema has no $schema: 2020-12 or 7 (default: 2020-12).</source>
        <translation>Der Draft, wenn das Schema kein $schema hat: 2020-12 oder 7 (Standard: 2020-12).</translation>
    </message>
    <message>
        <source>Assert format (date, time, date-time, email, uuid, uri, ipv4, ipv6, hostname) instead of treating it as an annotation (default: off).</source>
        <translation>format prüfen (date, time, date-time, email, uuid, uri, ipv4, ipv6, hostname), statt es als Annotation zu behandeln (Standard: aus).</translation>
    </message>
    <message>
        <source>Checks beyond the schema (expressions, grounding in the input, model-judged rules) from this checks file.</source>
        <translation>Prüfungen über das Schema hinaus (Ausdrücke, Verortung in der Eingabe, vom Modell bewertete Regeln) aus dieser Prüfungsdatei.</translation>
    </message>
    <message>
        <source>Take the checks from this workspace file (*.formwork.json).</source>
        <translation>Die Prüfungen aus dieser Arbeitsbereichsdatei (*.formwork.json) übernehmen.</translation>
    </message>
    <message>
        <source>give at most one of --checks and --workspace.</source>
        <translation>geben Sie höchstens eine der Optionen --checks und --workspace an.</translation>
    </message>
    <message>
        <source>  soft check %1 (%2): %3</source>
        <translation>  weiche Prüfung %1 (%2): %3</translation>
    </message>
    <message>
        <source>draft %1/%2</source>
        <translation>Entwurf %1/%2</translation>
    </message>
    <message>
        <source>draft %1 is not a valid schema:</source>
        <translation>Entwurf %1 ist kein gültiges Schema:</translation>
    </message>
    <message>
        <source>Draft a JSON Schema from a description with a local LLM; the schema is checked against the 2020-12 metaschema and goes to stdout.</source>
        <translation>Ein JSON-Schema aus einer Beschreibung mit einem lokalen LLM entwerfen; das Schema wird gegen das Metaschema 2020-12 geprüft und geht nach stdout.</translation>
    </message>
    <message>
        <source>What to extract, in words (&quot;invoices: number, date, supplier, line items with quantity and price, total&quot;).</source>
        <translation>Was extrahiert werden soll, in Worten (&quot;Rechnungen: Nummer, Datum, Lieferant, Positionen mit Menge und Preis, Gesamtbetrag&quot;).</translation>
    </message>
    <message>
        <source>Write the schema to this file instead of stdout.</source>
        <translation>Das Schema in diese Datei statt nach stdout schreiben.</translation>
    </message>
    <message>
        <source>The number of drafts, the first included (default: 3).</source>
        <translation>Die Anzahl der Entwürfe, der erste eingeschlossen (Standard: 3).</translation>
    </message>
    <message>
        <source>--model and --describe are required.</source>
        <translation>--model und --describe sind erforderlich.</translation>
    </message>
    <message>
        <source>draft-schema: the official metaschemas were not found (python3-jsonschema); drafts are only compiled.</source>
        <translation>draft-schema: die offiziellen Metaschemas wurden nicht gefunden (python3-jsonschema); Entwürfe werden nur kompiliert.</translation>
    </message>
    <message>
        <source>draft-schema failed (%1): %2</source>
        <translation>draft-schema fehlgeschlagen (%1): %2</translation>
    </message>
    <message numerus="yes">
        <source>a valid schema after %n draft(s)</source>
        <translation>
            <numerusform>ein gültiges Schema nach %n Entwurf</numerusform>
            <numerusform>ein gültiges Schema nach %n Entwürfen</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not store this run in the history (default: stored).</source>
        <translation>Diesen Lauf nicht im Verlauf speichern (Standard: gespeichert).</translation>
    </message>
    <message>
        <source>extract: going on without storing the run.</source>
        <translation>extract: weiter, ohne den Lauf zu speichern.</translation>
    </message>
    <message>
        <source>extract: the history was not written: %1</source>
        <translation>extract: der Verlauf wurde nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>model-judged rules: %1 tokens (not counted below)</source>
        <translation>vom Modell bewertete Regeln: %1 Tokens (unten nicht mitgezählt)</translation>
    </message>
    <message>
        <source>validate: rule check &quot;%1&quot; skipped (it needs a model).</source>
        <translation>validate: Regelprüfung &quot;%1&quot; übersprungen (sie braucht ein Modell).</translation>
    </message>
    <message>
        <source>validate: grounding check &quot;%1&quot; skipped (no --source).</source>
        <translation>validate: Verortungsprüfung &quot;%1&quot; übersprungen (kein --source).</translation>
    </message>
    <message>
        <source>The input text the grounding checks look in (with --checks or --workspace; without it grounding checks are skipped).</source>
        <translation>Der Eingabetext, in dem die Verortungsprüfungen suchen (mit --checks oder --workspace; ohne ihn werden Verortungsprüfungen übersprungen).</translation>
    </message>
    <message>
        <source>batch: interrupted; stopping the rows in flight.</source>
        <translation>batch: unterbrochen; laufende Zeilen werden angehalten.</translation>
    </message>
    <message>
        <source>With --variant: print the grid as JSON (default: a table).</source>
        <translation>Mit --variant: die Übersicht als JSON ausgeben (Standard: als Tabelle).</translation>
    </message>
    <message>
        <source>--json prints the grid of --variant: give --variant too.</source>
        <translation>--json gibt die Übersicht von --variant aus: Geben Sie auch --variant an.</translation>
    </message>
    <message>
        <source>batch interrupted: %1 of %2 rows done (%3 failed); results so far in %4. Run again with --resume to finish.</source>
        <translation>batch unterbrochen: %1 von %2 Zeilen fertig (%3 fehlgeschlagen); bisherige Ergebnisse in %4. Führen Sie den Befehl erneut mit --resume aus, um ihn abzuschließen.</translation>
    </message>
    <message>
        <source>Extract validated JSON from every row of a CSV, JSONL or folder</source>
        <translation>Validiertes JSON aus jeder Zeile einer CSV- oder JSONL-Datei oder eines Ordners extrahieren</translation>
    </message>
    <message>
        <source>valid first try</source>
        <translation>beim ersten Versuch gültig</translation>
    </message>
    <message>
        <source>valid after reasks</source>
        <translation>gültig nach Nachfragen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>mean latency (ms)</source>
        <translation>mittlere Latenz (ms)</translation>
    </message>
    <message>
        <source>field agreement</source>
        <translation>Feldübereinstimmung</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>variant %1/%2: %3</source>
        <translation>Variante %1/%2: %3</translation>
    </message>
    <message>
        <source>batch: the server could not be reached; the grid is incomplete.</source>
        <translation>batch: der Server war nicht erreichbar; die Übersicht ist unvollständig.</translation>
    </message>
    <message>
        <source>Draft a JSON Schema from a description with a local LLM</source>
        <translation>Ein JSON-Schema aus einer Beschreibung mit einem lokalen LLM entwerfen</translation>
    </message>
    <message>
        <source>Extract validated JSON with a local LLM</source>
        <translation>Validiertes JSON mit einem lokalen LLM extrahieren</translation>
    </message>
    <message>
        <source>List, show and re-validate stored runs</source>
        <translation>Gespeicherte Läufe auflisten, anzeigen und neu validieren</translation>
    </message>
    <message>
        <source>%1: %2 at %3 does not speak Ollama&apos;s native API. Use --api openai.</source>
        <translation>%1: %2 unter %3 spricht nicht die native API von Ollama. Verwenden Sie --api openai.</translation>
    </message>
    <message>
        <source>Compare instead: run the rows once per variant (repeat it; a model, optionally with a mode and a user prompt file of its own instead of --template: llama3.1:8b:json:@short.txt) and print the grid of valid first try, after reasks, failed, attempts, tokens, latency and field agreement; no --out; kept in the history, so --resume continues an interrupted comparison (default: none).</source>
        <translation>Stattdessen vergleichen: die Zeilen einmal pro Variante ausführen (wiederholbar; ein Modell, optional mit einem Modus und einer eigenen Benutzer-Prompt-Datei statt --template: llama3.1:8b:json:@short.txt) und die Tabelle ausgeben: beim ersten Versuch gültig, nach Nachfragen, fehlgeschlagen, Versuche, Tokens, Latenz und Feldübereinstimmung; kein --out; im Verlauf gespeichert, daher setzt --resume einen unterbrochenen Vergleich fort (Standard: keine).</translation>
    </message>
    <message>
        <source>--variant &apos;%1&apos; names no model (model, model:mode or model:mode:@prompt-file).</source>
        <translation>--variant &apos;%1&apos; nennt kein Modell (model, model:mode oder model:mode:@prompt-file).</translation>
    </message>
    <message>
        <source>--variant &apos;%1&apos;: cannot read %2: %3</source>
        <translation>--variant &apos;%1&apos;: %2 kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>--variant &apos;%1&apos;: %2 is empty.</source>
        <translation>--variant &apos;%1&apos;: %2 ist leer.</translation>
    </message>
    <message>
        <source>--variant prints a grid: it writes no --out.</source>
        <translation>--variant gibt eine Tabelle aus: Es schreibt kein --out.</translation>
    </message>
    <message>
        <source>the prompt of --variant %1 uses {{%2}} but %3 has no such column (it has: %4).</source>
        <translation>der Prompt von --variant %1 verwendet {{%2}}, aber %3 hat keine solche Spalte (vorhanden: %4).</translation>
    </message>
    <message>
        <source>batch: cannot resume: the input or the schema changed since batch %1 (%2) began (run without --resume to start again).</source>
        <translation>batch: Fortsetzen nicht möglich: Die Eingabe oder das Schema hat sich seit Beginn des Stapellaufs %1 (%2) geändert (ohne --resume ausführen, um neu zu beginnen).</translation>
    </message>
    <message>
        <source>batch: resuming the comparison (batches %1)</source>
        <translation>batch: Vergleich wird fortgesetzt (Stapelläufe %1)</translation>
    </message>
    <message>
        <source>batch: nothing to resume for these variants; starting a new comparison.</source>
        <translation>batch: für diese Varianten gibt es nichts fortzusetzen; ein neuer Vergleich beginnt.</translation>
    </message>
    <message>
        <source>batch: a comparison of these variants over this input did not finish; starting a new one (--resume continues it).</source>
        <translation>batch: ein Vergleich dieser Varianten über diese Eingabe wurde nicht beendet; ein neuer beginnt (--resume setzt ihn fort).</translation>
    </message>
    <message>
        <source>Extract validated JSON from every row of a CSV, a JSONL file or a folder of documents (.txt,
.md, .pdf, .html): the valid results go to --out, failures to &lt;out&gt;.failures.jsonl, progress
to stderr. Every run is kept in the history, so --resume continues an interrupted batch
without redoing finished rows; Ctrl-C writes the rows finished so far and exits with 130.
With --variant, the rows run once per variant (each kept in the history as a batch of its
own) and the comparison grid goes to stdout instead.</source>
        <translation>Validiertes JSON aus jeder Zeile einer CSV-Datei, einer JSONL-Datei oder eines Ordners mit
Dokumenten (.txt, .md, .pdf, .html) extrahieren: Die gültigen Ergebnisse gehen nach --out,
Fehlschläge nach &lt;out&gt;.failures.jsonl, der Fortschritt nach stderr. Jeder Lauf wird im Verlauf
gespeichert, daher setzt --resume einen unterbrochenen Stapellauf fort, ohne fertige Zeilen
erneut auszuführen; Strg+C schreibt die bis dahin fertigen Zeilen und beendet mit 130.
Mit --variant laufen die Zeilen einmal pro Variante (jede im Verlauf als eigener Stapellauf
gespeichert), und die Vergleichstabelle geht stattdessen nach stdout.</translation>
    </message>
    <message>
        <source>pass %1/%2</source>
        <translation>Durchgang %1/%2</translation>
    </message>
    <message>
        <source>With --chunk-chars: extract each chunk n times; the passes after the first add only items not found before, to raise recall (default: 1).</source>
        <translation>Mit --chunk-chars: jeden Abschnitt n-mal extrahieren; die Durchgänge nach dem ersten fügen nur vorher nicht gefundene Elemente hinzu, um die Trefferquote zu erhöhen (Standard: 1).</translation>
    </message>
    <message>
        <source>--passes needs a whole number of at least 1.</source>
        <translation>--passes erfordert eine ganze Zahl von mindestens 1.</translation>
    </message>
    <message>
        <source>batch: model-judged rules: %1; not in the extraction&apos;s %2 tokens</source>
        <translation>batch: Regelprüfer: %1; nicht in den %2 Tokens der Extraktion</translation>
    </message>
    <message>
        <source>judge tokens (requests)</source>
        <translation>Regelprüfer-Tokens (Anfragen)</translation>
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
    <message>
        <source>A workspace file (*.formwork.json) to open.</source>
        <translation>Eine zu öffnende Arbeitsbereichsdatei (*.formwork.json).</translation>
    </message>
    <message>
        <source>Run the workspace as soon as the window is shown.</source>
        <translation>Den Arbeitsbereich ausführen, sobald das Fenster angezeigt wird.</translation>
    </message>
    <message>
        <source>Save the window as a PNG picture when the run ends (without --run: once the window is shown), then quit.</source>
        <translation>Das Fenster als PNG-Bild speichern, wenn der Lauf endet (ohne --run: sobald das Fenster angezeigt wird), dann beenden.</translation>
    </message>
    <message>
        <source>With --screenshot: select attempt N in the Attempts pane before the picture is taken (to show a failed attempt&apos;s underlined errors).</source>
        <translation>Mit --screenshot: Versuch N im Bereich Versuche auswählen, bevor das Bild aufgenommen wird (um die unterstrichenen Fehler eines fehlgeschlagenen Versuchs zu zeigen).</translation>
    </message>
    <message>
        <source>With --screenshot and --run: show the Source pane, the input text with the run&apos;s values highlighted, once they are grounded.</source>
        <translation>Mit --screenshot und --run: den Bereich Quelle zeigen, den Eingabetext mit den Werten des Laufs hervorgehoben, sobald sie verortet sind.</translation>
    </message>
    <message>
        <source>Run ROWS (a CSV, a JSONL file or a folder) as a batch in the Batch pane once the window is shown; with --screenshot, the picture is taken when it ends.</source>
        <translation>ROWS (eine CSV-Datei, eine JSONL-Datei oder einen Ordner) als Stapellauf im Bereich Stapel ausführen, sobald das Fenster angezeigt wird; mit --screenshot wird das Bild aufgenommen, wenn er endet.</translation>
    </message>
    <message>
        <source>With --batch: compare this variant instead of running the batch (repeat it; MODE is schema, json, md-json or tools).</source>
        <translation>Mit --batch: diese Variante vergleichen, statt den Stapellauf auszuführen (wiederholen; MODE ist schema, json, md-json oder tools).</translation>
    </message>
</context>
<context>
    <name>schema</name>
    <message>
        <source>absent: the grammar allows no keys besides &quot;properties&quot; (JSON Schema allows any)</source>
        <translation>fehlt: Die Grammatik erlaubt keine Schlüssel außer &quot;properties&quot; (JSON Schema erlaubt beliebige)</translation>
    </message>
    <message>
        <source>absent on an object without properties: the grammar allows any object</source>
        <translation>fehlt bei einem Objekt ohne properties: Die Grammatik erlaubt jedes Objekt</translation>
    </message>
    <message>
        <source>annotation: has no effect on the output</source>
        <translation>Annotation: hat keine Auswirkung auf die Ausgabe</translation>
    </message>
    <message>
        <source>definitions are used through local $ref</source>
        <translation>Definitionen werden über lokale $ref verwendet</translation>
    </message>
    <message>
        <source>a list of types becomes a union</source>
        <translation>eine Liste von Typen wird zu einer Vereinigung</translation>
    </message>
    <message>
        <source>unknown type value: the server answers &quot;Unrecognized schema&quot;</source>
        <translation>unbekannter type-Wert: Der Server antwortet &quot;Unrecognized schema&quot;</translation>
    </message>
    <message>
        <source>required properties are generated first, in properties order, then the optional ones</source>
        <translation>Pflichteigenschaften werden zuerst erzeugt, in der Reihenfolge von properties, danach die optionalen</translation>
    </message>
    <message>
        <source>names missing from &quot;properties&quot; are ignored by the grammar; Formwork checks them</source>
        <translation>Namen, die in &quot;properties&quot; fehlen, ignoriert die Grammatik; Formwork prüft sie</translation>
    </message>
    <message>
        <source>a plain union: matching several alternatives is not prevented</source>
        <translation>eine einfache Vereinigung: Die Übereinstimmung mit mehreren Alternativen wird nicht verhindert</translation>
    </message>
    <message>
        <source>only object properties are merged; other constraints are dropped</source>
        <translation>nur Objekteigenschaften werden zusammengeführt; andere Einschränkungen entfallen</translation>
    </message>
    <message>
        <source>only local references (#/...) are supported: the server answers &quot;Unsupported ref&quot;</source>
        <translation>nur lokale Referenzen (#/...) werden unterstützt: Der Server antwortet &quot;Unsupported ref&quot;</translation>
    </message>
    <message>
        <source>only enforced when type is exactly &quot;string&quot; without pattern or format</source>
        <translation>wird nur durchgesetzt, wenn type genau &quot;string&quot; ist, ohne pattern oder format</translation>
    </message>
    <message>
        <source>unsupported regex syntax is dropped with a warning</source>
        <translation>nicht unterstützte Regex-Syntax wird mit einer Warnung verworfen</translation>
    </message>
    <message>
        <source>the pattern must begin with ^ and end with $, or the server rejects the schema</source>
        <translation>das Muster muss mit ^ beginnen und mit $ enden, sonst lehnt der Server das Schema ab</translation>
    </message>
    <message>
        <source>only date, time, date-time and uuid formats are enforced; Formwork checks this one</source>
        <translation>nur die Formate date, time, date-time und uuid werden durchgesetzt; Formwork prüft dieses</translation>
    </message>
    <message>
        <source>bounds are only enforced on integers, not on numbers; Formwork checks them</source>
        <translation>Grenzen werden nur bei ganzen Zahlen durchgesetzt, nicht bei Zahlen allgemein; Formwork prüft sie</translation>
    </message>
    <message>
        <source>not enforced by the grammar; Formwork checks it</source>
        <translation>wird von der Grammatik nicht durchgesetzt; Formwork prüft es</translation>
    </message>
    <message>
        <source>unknown keyword: ignored</source>
        <translation>unbekanntes Schlüsselwort: wird ignoriert</translation>
    </message>
    <message>
        <source>%1 must be a string</source>
        <translation>%1 muss ein String sein</translation>
    </message>
    <message>
        <source>cannot resolve the reference &quot;%1&quot;</source>
        <translation>die Referenz &quot;%1&quot; kann nicht aufgelöst werden</translation>
    </message>
    <message>
        <source>%1 must be a non-negative integer</source>
        <translation>%1 muss eine nicht negative ganze Zahl sein</translation>
    </message>
    <message>
        <source>%1 must be a number</source>
        <translation>%1 muss eine Zahl sein</translation>
    </message>
    <message>
        <source>invalid regular expression &quot;%1&quot;: %2</source>
        <translation>ungültiger regulärer Ausdruck &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>properties must be an object</source>
        <translation>properties muss ein Objekt sein</translation>
    </message>
    <message>
        <source>%1 must be a non-empty array of schemas</source>
        <translation>%1 muss ein nicht leeres Array von Schemas sein</translation>
    </message>
    <message>
        <source>type must be a type name or a list of them</source>
        <translation>type muss ein Typname oder eine Liste davon sein</translation>
    </message>
    <message>
        <source>unknown type &quot;%1&quot;</source>
        <translation>unbekannter Typ &quot;%1&quot;</translation>
    </message>
    <message>
        <source>enum must be an array</source>
        <translation>enum muss ein Array sein</translation>
    </message>
    <message>
        <source>multipleOf must be greater than 0</source>
        <translation>multipleOf muss größer als 0 sein</translation>
    </message>
    <message>
        <source>pattern must be a string</source>
        <translation>pattern muss ein String sein</translation>
    </message>
    <message>
        <source>required must list property names</source>
        <translation>required muss Eigenschaftsnamen auflisten</translation>
    </message>
    <message>
        <source>required must be an array</source>
        <translation>required muss ein Array sein</translation>
    </message>
    <message>
        <source>a schema must be an object or a boolean</source>
        <translation>ein Schema muss ein Objekt oder ein Boolean sein</translation>
    </message>
    <message numerus="yes">
        <source>... and %n more error(s)</source>
        <translation>
            <numerusform>... und %n weiterer Fehler</numerusform>
            <numerusform>... und %n weitere Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON</source>
        <translation>%1 ist kein gültiges JSON</translation>
    </message>
    <message>
        <source>no value is allowed here</source>
        <translation>hier ist kein Wert erlaubt</translation>
    </message>
    <message>
        <source>the schema recurses too deeply at this point (a reference loop?)</source>
        <translation>das Schema ist an dieser Stelle zu tief rekursiv (eine Referenzschleife?)</translation>
    </message>
    <message>
        <source>expected %1, got %2 %3</source>
        <translation>erwartet: %1, erhalten: %2 %3</translation>
    </message>
    <message>
        <source>%1 is not one of %2</source>
        <translation>%1 ist keiner der Werte %2</translation>
    </message>
    <message>
        <source>%1 is not the expected value %2</source>
        <translation>%1 ist nicht der erwartete Wert %2</translation>
    </message>
    <message>
        <source>%1 does not match any of the %2 allowed alternatives (anyOf)</source>
        <translation>%1 passt zu keiner der %2 erlaubten Alternativen (anyOf)</translation>
    </message>
    <message>
        <source>%1 does not match any of the %2 alternatives (oneOf)</source>
        <translation>%1 passt zu keiner der %2 Alternativen (oneOf)</translation>
    </message>
    <message>
        <source>%1 matches more than one alternative (oneOf %2 and %3); it must match exactly one</source>
        <translation>%1 passt zu mehr als einer Alternative (oneOf %2 und %3); es muss genau eine sein</translation>
    </message>
    <message>
        <source>%1 must not match the schema under &quot;not&quot;</source>
        <translation>%1 darf nicht zum Schema unter &quot;not&quot; passen</translation>
    </message>
    <message>
        <source>item %1 is not allowed here (no schema keyword covers it)</source>
        <translation>Element %1 ist hier nicht erlaubt (kein Schema-Schlüsselwort deckt es ab)</translation>
    </message>
    <message>
        <source>property &quot;%1&quot; is not allowed</source>
        <translation>Eigenschaft &quot;%1&quot; ist nicht erlaubt</translation>
    </message>
    <message>
        <source>the schema refers back to itself here without consuming any input (a reference loop)</source>
        <translation>das Schema verweist hier auf sich selbst, ohne Eingabe zu verbrauchen (eine Referenzschleife)</translation>
    </message>
    <message>
        <source>%1 is less than the minimum of %2</source>
        <translation>%1 ist kleiner als das Minimum von %2</translation>
    </message>
    <message>
        <source>%1 is greater than the maximum of %2</source>
        <translation>%1 ist größer als das Maximum von %2</translation>
    </message>
    <message>
        <source>%1 must be greater than %2</source>
        <translation>%1 muss größer als %2 sein</translation>
    </message>
    <message>
        <source>%1 must be less than %2</source>
        <translation>%1 muss kleiner als %2 sein</translation>
    </message>
    <message>
        <source>%1 is not a multiple of %2</source>
        <translation>%1 ist kein Vielfaches von %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 is shorter than the minimum length of %n character(s)</source>
        <translation>
            <numerusform>%1 ist kürzer als die Mindestlänge von %n Zeichen</numerusform>
            <numerusform>%1 ist kürzer als die Mindestlänge von %n Zeichen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is longer than the maximum length of %n character(s)</source>
        <translation>
            <numerusform>%1 ist länger als die Höchstlänge von %n Zeichen</numerusform>
            <numerusform>%1 ist länger als die Höchstlänge von %n Zeichen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 does not match the pattern %2</source>
        <translation>%1 passt nicht zum Muster %2</translation>
    </message>
    <message>
        <source>%1 is not a valid %2</source>
        <translation>%1 ist kein gültiger %2-Wert</translation>
    </message>
    <message>
        <source>the array has %1 item(s), fewer than the minimum of %2</source>
        <translation>das Array hat %1 Element(e), weniger als das Minimum von %2</translation>
    </message>
    <message>
        <source>the array has %1 item(s), more than the maximum of %2</source>
        <translation>das Array hat %1 Element(e), mehr als das Maximum von %2</translation>
    </message>
    <message>
        <source>items %1 and %2 are equal; the items must be unique</source>
        <translation>die Elemente %1 und %2 sind gleich; die Elemente müssen eindeutig sein</translation>
    </message>
    <message>
        <source>the array has %1 item(s); only %2 are allowed</source>
        <translation>das Array hat %1 Element(e); nur %2 sind erlaubt</translation>
    </message>
    <message>
        <source>the array contains no item that matches the &quot;contains&quot; schema</source>
        <translation>das Array enthält kein Element, das zum &quot;contains&quot;-Schema passt</translation>
    </message>
    <message>
        <source>the array contains %1 matching item(s), fewer than the minimum of %2</source>
        <translation>das Array enthält %1 passende(s) Element(e), weniger als das Minimum von %2</translation>
    </message>
    <message>
        <source>the array contains %1 matching item(s), more than the maximum of %2</source>
        <translation>das Array enthält %1 passende(s) Element(e), mehr als das Maximum von %2</translation>
    </message>
    <message>
        <source>missing required property &quot;%1&quot;</source>
        <translation>Pflichteigenschaft &quot;%1&quot; fehlt</translation>
    </message>
    <message>
        <source>the object has %1 propert(ies), fewer than the minimum of %2</source>
        <translation>das Objekt hat %1 Eigenschaft(en), weniger als das Minimum von %2</translation>
    </message>
    <message>
        <source>the object has %1 propert(ies), more than the maximum of %2</source>
        <translation>das Objekt hat %1 Eigenschaft(en), mehr als das Maximum von %2</translation>
    </message>
    <message>
        <source>missing property &quot;%1&quot;, which is required when &quot;%2&quot; is present</source>
        <translation>Eigenschaft &quot;%1&quot; fehlt; sie ist erforderlich, wenn &quot;%2&quot; vorhanden ist</translation>
    </message>
    <message>
        <source>property &quot;%1&quot; is not allowed (the schema lists no such property)</source>
        <translation>Eigenschaft &quot;%1&quot; ist nicht erlaubt (das Schema führt keine solche Eigenschaft auf)</translation>
    </message>
    <message>
        <source>the property name &quot;%1&quot; does not match the &quot;propertyNames&quot; schema</source>
        <translation>der Eigenschaftsname &quot;%1&quot; passt nicht zum &quot;propertyNames&quot;-Schema</translation>
    </message>
    <message>
        <source>llama-server accepts the schema but ignores a pattern that does not begin with ^ and end with $; Formwork checks it</source>
        <translation>llama-server akzeptiert das Schema, ignoriert aber ein pattern, das nicht mit ^ beginnt und mit $ endet; Formwork prüft es</translation>
    </message>
</context>
</TS>
