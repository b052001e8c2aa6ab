// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/codeeditor.h"
#include "mainwindow/commandline.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/recoverystore.h"
#include "mainwindow/workspacecontroller.h"
#include "prompt/promptpane.h"
#include "prompt/promptvariablesmodel.h"
#include "schemaeditor/schemaeditorpane.h"
#include "testdata.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDropEvent>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Formwork;
using namespace Formwork::Ui;

namespace {

// Answers the window's questions the way a test says, and remembers every one.
struct Answers {
    QList<WorkspaceController::Question> asked;
    QMessageBox::StandardButton answer = QMessageBox::Ok;

    void install(MainWindow &window)
    {
        window.workspaceController()->setAskFunction([this](const WorkspaceController::Question &q) {
            asked.append(q);
            return q.buttons.testFlag(answer) ? answer : q.defaultButton;
        });
        window.workspaceController()->setChooseFileFunction(
            [this](WorkspaceController::FileChoice, const QString &) { return chosenPath; });
    }
    QString chosenPath;
};

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void typeSchema(MainWindow &window, const QString &text)
{
    // What typing does: the editor's text changes (setPlainText, unlike the pane's setText, is not a load).
    window.schemaEditor()->editor()->setPlainText(text);
}

const QString OddSchema = QStringLiteral("{\"title\":  \"Odd\",\n\t\"type\" : \"object\" }\n\n");

} // namespace

class TestWorkspaceController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_workspacecontroller"));
    }

    void init()
    {
        QSettings().clear();
        QFile::remove(RecoveryStore::defaultFilePath());
    }

    void saveAndOpen_roundTripSchemaTextVerbatim()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("round.formwork.json"));
        {
            MainWindow window;
            Answers answers;
            answers.install(window);
            typeSchema(window, OddSchema);
            QVERIFY(window.workspaceController()->isModified());
            QVERIFY(window.workspaceController()->saveAs(path));
            QVERIFY(!window.workspaceController()->isModified());
            QVERIFY(answers.asked.isEmpty());
            QVERIFY(readFile(path).contains("\"schemaText\""));
        }
        MainWindow window;
        Answers answers;
        answers.install(window);
        QVERIFY(window.openWorkspace(path));
        QCOMPARE(window.schemaEditor()->text(), OddSchema);
        QCOMPARE(window.workspaceController()->filePath(), path);
        QVERIFY(!window.workspaceController()->isModified());
        QVERIFY(answers.asked.isEmpty());
    }

    void open_thenIdle_staysUnmodified()
    {
        // Highlighting and the background lint (with error marks) must not count as a change.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idle.formwork.json"));
        Workspace workspace;
        workspace.schemaText = QStringLiteral("{\n  \"type\": \"nope\",\n  \"properties\": [1\n");
        QVERIFY(!saveWorkspace(workspace, path));
        MainWindow window;
        Answers answers;
        answers.install(window);
        window.show();
        QVERIFY(window.openWorkspace(path));
        QSignalSpy modified(window.workspaceController(), &WorkspaceController::modifiedChanged);
        // The wait is the point: idle for three times the editor's lint delay (200 ms), so the
        // background lint and its marks have run; none of it may count as a change.
        QTest::qWait(600);
        QVERIFY(modified.isEmpty());
        QVERIFY(!window.workspaceController()->isModified());
        QVERIFY(!window.workspaceController()->recovery()->isSavePending());
    }

    void save_keepsWhatPanesDoNotShowYet()
    {
        // Until the prompt pane and model picker are wired, their part of a workspace survives a save.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.formwork.json"));
        QVERIFY(QFile::copy(QStringLiteral(":/examples/invoice.formwork.json"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        MainWindow window;
        Answers answers;
        answers.install(window);
        QVERIFY(window.openWorkspace(path));
        typeSchema(window, QStringLiteral("{\n  \"type\": \"object\"\n}"));
        QVERIFY(window.workspaceController()->save());
        auto loaded = loadWorkspace(path);
        QVERIFY(loaded);
        QCOMPARE(loaded->server.model, QStringLiteral("llama3.1:8b"));
        QVERIFY(loaded->prompt.userPrompt.contains(QStringLiteral("{{invoice}}")));
        QCOMPARE(loaded->schemaText, QStringLiteral("{\n  \"type\": \"object\"\n}"));
    }

    void untitledSave_asksForAPath()
    {
        QTemporaryDir dir;
        MainWindow window;
        Answers answers;
        answers.install(window);
        answers.chosenPath = dir.filePath(QStringLiteral("chosen"));
        typeSchema(window, QStringLiteral("true"));
        QVERIFY(window.workspaceController()->save());
        QCOMPARE(window.workspaceController()->filePath(), dir.filePath(QStringLiteral("chosen.formwork.json")));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("chosen.formwork.json"))));
    }

    void crash_thenNextStart_offersAndRestoresUnsavedText()
    {
        const QString unsaved = QStringLiteral("{\n  \"title\": \"typed before the crash\"\n}");
        {
            auto window = std::make_unique<MainWindow>();
            Answers answers;
            answers.install(*window);
            RecoveryStore *recovery = window->workspaceController()->recovery();
            QVERIFY(recovery->isActive());
            QCOMPARE(recovery->delay(), RecoveryStore::DefaultDelayMs);
            recovery->setDelay(20);
            QSignalSpy saved(recovery, &RecoveryStore::saved);
            typeSchema(*window, unsaved);
            QVERIFY(recovery->isSavePending());
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 5000);
            QVERIFY(QFile::exists(RecoveryStore::defaultFilePath()));
            // The crash: the window goes away without closeEvent.
        }
        QVERIFY(QFile::exists(RecoveryStore::defaultFilePath()));

        MainWindow window;
        Answers answers;
        answers.answer = QMessageBox::Yes;
        answers.install(window);
        QVERIFY(window.schemaEditor()->text() != unsaved);
        QVERIFY(window.workspaceController()->offerRecovery());
        QCOMPARE(answers.asked.size(), 1);
        QVERIFY(answers.asked.constFirst().text.contains(QStringLiteral("untitled")));
        QCOMPARE(window.schemaEditor()->text(), unsaved);
        QVERIFY(window.workspaceController()->isModified());
        QVERIFY(window.isWindowModified());

        // A clean close (changes discarded on purpose) removes the recovery file.
        answers.answer = QMessageBox::Discard;
        window.show();
        QVERIFY(window.close());
        QCOMPARE(answers.asked.size(), 2);
        QVERIFY(!QFile::exists(RecoveryStore::defaultFilePath()));
    }

    // Starting with a file on the command line after a crash must not throw the autosave away
    // unseen: it is offered first, and a restore wins over the file.
    void crash_thenStartWithAFile_offersRecoveryFirst()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.formwork.json"));
        const QString unsaved = QStringLiteral("{\n  \"title\": \"typed before the crash\"\n}");
        {
            auto window = std::make_unique<MainWindow>();
            Answers answers;
            answers.chosenPath = path;
            answers.install(*window);
            QVERIFY(window->workspaceController()->saveAs(path)); // a file to name on the command line
            RecoveryStore *recovery = window->workspaceController()->recovery();
            recovery->setDelay(20);
            QSignalSpy saved(recovery, &RecoveryStore::saved);
            typeSchema(*window, unsaved);
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 5000);
        }
        QVERIFY(QFile::exists(RecoveryStore::defaultFilePath()));

        MainWindow window;
        Answers answers;
        answers.answer = QMessageBox::Yes;
        answers.install(window);
        CommandLine commandLine;
        QVERIFY(commandLine.parse({ QStringLiteral("formwork"), path }));
        QCOMPARE(commandLine.start(window), -1);
        QCOMPARE(answers.asked.size(), 1);
        QCOMPARE(answers.asked.constFirst().title, QStringLiteral("Restore unsaved work?"));
        QCOMPARE(window.schemaEditor()->text(), unsaved);
        QVERIFY(QFile::exists(RecoveryStore::defaultFilePath()));
    }

    // Typing on without a pause still gets saved: a change does not push the save back. With a
    // key at least every 20 ms and a 200 ms delay, the save lands within about ten keys; a save
    // that each key pushed back would never land while the keys keep coming.
    void continuousTyping_isStillAutosaved()
    {
        MainWindow window;
        RecoveryStore *recovery = window.workspaceController()->recovery();
        recovery->setDelay(200);
        QSignalSpy saved(recovery, &RecoveryStore::saved);
        int key = 0;
        while (saved.isEmpty() && key < 60) {
            typeSchema(window, QStringLiteral("{\"title\": \"%1\"}").arg(++key));
            QTest::qWait(20); // far quicker than the save delay
        }
        QCOMPARE(saved.count(), 1);
        QVERIFY2(key < 60, qPrintable(QString::number(key)));
    }

    void recovery_keepsTheWorkspacePathItBelongsTo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("owned.formwork.json"));
        {
            auto window = std::make_unique<MainWindow>();
            Answers answers;
            answers.install(*window);
            QVERIFY(window->workspaceController()->saveAs(path));
            typeSchema(*window, QStringLiteral("[1, 2"));
            QVERIFY(window->workspaceController()->recovery()->saveNow());
        }
        MainWindow window;
        Answers answers;
        answers.answer = QMessageBox::Yes;
        answers.install(window);
        QVERIFY(window.workspaceController()->offerRecovery());
        QCOMPARE(window.workspaceController()->filePath(), path);
        QCOMPARE(window.schemaEditor()->text(), QStringLiteral("[1, 2"));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("owned[*]")));
    }

    void recoveryDeclined_removesTheFile()
    {
        {
            auto window = std::make_unique<MainWindow>();
            typeSchema(*window, QStringLiteral("{}"));
            QVERIFY(window->workspaceController()->recovery()->saveNow());
        }
        MainWindow window;
        Answers answers;
        answers.answer = QMessageBox::No;
        answers.install(window);
        const QString before = window.schemaEditor()->text();
        QVERIFY(!window.workspaceController()->offerRecovery());
        QCOMPARE(answers.asked.size(), 1);
        QCOMPARE(window.schemaEditor()->text(), before);
        QVERIFY(!QFile::exists(RecoveryStore::defaultFilePath()));
        // Nothing left: the next start asks nothing.
        QVERIFY(!window.workspaceController()->offerRecovery());
        QCOMPARE(answers.asked.size(), 1);
    }

    // The timer's save is written on a worker (a workspace with a long schema took hundreds of
    // milliseconds to write on the GUI thread): the event that starts it returns at once, a change
    // while it is written is saved after it with the state then, and a discard meanwhile waits
    // for the write, so no file is left behind.
    void autosave_writtenOnAWorker_theNewestStateLandsLast_discardLeavesNoFile()
    {
        MainWindow window;
        Answers answers;
        answers.install(window);
        RecoveryStore *recovery = window.workspaceController()->recovery();
        recovery->setDelay(1);
        QSignalSpy saved(recovery, &RecoveryStore::saved);
        // The event that ends the pause starts the write and returns: it is under way after it.
        const auto untilWriting = [recovery] {
            QDeadlineTimer deadline(10000);
            while (!recovery->isWriting() && !deadline.hasExpired())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
            return recovery->isWriting();
        };
        const QString longSchema = Formwork::Test::longPersonSchema(2 * 1024 * 1024);
        typeSchema(window, longSchema);
        QVERIFY(untilWriting());
        QCOMPARE(saved.count(), 0);
        typeSchema(window, longSchema + QStringLiteral(" "));
        typeSchema(window, QStringLiteral("{\"title\": \"newest\"}"));
        QTRY_VERIFY_WITH_TIMEOUT(!recovery->isSavePending(), 20000);
        QCOMPARE(saved.count(), 2); // one write after the first, for both changes
        QFile file(RecoveryStore::defaultFilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("newest"));
        file.close();

        typeSchema(window, longSchema);
        QVERIFY(untilWriting());
        recovery->discard();
        QVERIFY(!QFile::exists(RecoveryStore::defaultFilePath()));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 3, 20000); // the write that discard waited for
        QVERIFY(!recovery->isSavePending());
        QVERIFY(!QFile::exists(RecoveryStore::defaultFilePath()));
    }

    void savingTheWorkspace_removesTheRecoveryFile()
    {
        QTemporaryDir dir;
        MainWindow window;
        Answers answers;
        answers.install(window);
        typeSchema(window, QStringLiteral("{}"));
        QVERIFY(window.workspaceController()->recovery()->saveNow());
        QVERIFY(QFile::exists(RecoveryStore::defaultFilePath()));
        QVERIFY(window.workspaceController()->saveAs(dir.filePath(QStringLiteral("s.formwork.json"))));
        QVERIFY(!QFile::exists(RecoveryStore::defaultFilePath()));
        QVERIFY(!window.workspaceController()->recovery()->isSavePending());
    }

    void secondInstance_doesNotTouchTheFirstOnesRecovery()
    {
        MainWindow first;
        MainWindow second;
        QVERIFY(first.workspaceController()->recovery()->isActive());
        QVERIFY(!second.workspaceController()->recovery()->isActive());
        typeSchema(second, QStringLiteral("{}"));
        QVERIFY(!second.workspaceController()->recovery()->saveNow());
    }

    void brokenWorkspace_givesLineAndColumn_andWindowKeepsItsText()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.formwork.json"));
        QVERIFY(writeFile(path, "{\n  \"formwork\": 1,\n  \"prompt\": {\"user\": \"hi\"},,\n}\n"));
        MainWindow window;
        Answers answers;
        answers.install(window);
        typeSchema(window, QStringLiteral("{\"mine\": true}"));
        const QString title = window.windowTitle();
        QVERIFY(!window.openWorkspace(path));
        QCOMPARE(answers.asked.size(), 1);
        const QString expected = QDir::toNativeSeparators(path) + QStringLiteral(":3:28:");
        QVERIFY2(answers.asked.constFirst().text.contains(expected), qPrintable(answers.asked.constFirst().text));
        QCOMPARE(answers.asked.constFirst().icon, QMessageBox::Warning);
        QVERIFY2(window.statusBar()->currentMessage().contains(expected),
                 qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(window.schemaEditor()->text(), QStringLiteral("{\"mine\": true}"));
        QCOMPARE(window.windowTitle(), title);
        QVERIFY(window.workspaceController()->isModified());
        QVERIFY(window.workspaceController()->filePath().isEmpty());
    }

    void title_showsNameAndUnsavedMark()
    {
        QTemporaryDir dir;
        MainWindow window;
        Answers answers;
        answers.install(window);
        QCOMPARE(window.windowTitle(), QStringLiteral("Untitled[*] - Formwork"));
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.workspaceController()->saveAs(dir.filePath(QStringLiteral("demo.formwork.json"))));
        QCOMPARE(window.windowTitle(), QStringLiteral("demo[*] - Formwork"));
        QVERIFY(!window.isWindowModified());
        typeSchema(window, QStringLiteral("{}"));
        QVERIFY(window.isWindowModified());
        QVERIFY(window.workspaceController()->save());
        QVERIFY(!window.isWindowModified());
    }

    void close_withChanges_asks()
    {
        MainWindow window;
        Answers answers;
        answers.install(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        typeSchema(window, QStringLiteral("{}"));
        answers.answer = QMessageBox::Cancel;
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        QCOMPARE(answers.asked.size(), 1);
        QCOMPARE(answers.asked.constFirst().buttons, QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
        answers.answer = QMessageBox::Discard;
        QVERIFY(window.close());
        QCOMPARE(answers.asked.size(), 2);
    }

    void close_withoutChanges_asksNothing()
    {
        MainWindow window;
        Answers answers;
        answers.install(window);
        window.show();
        QVERIFY(window.close());
        QVERIFY(answers.asked.isEmpty());
    }

    void close_saveChosenButCancelledDialog_staysOpen()
    {
        MainWindow window;
        Answers answers;
        answers.install(window);
        window.show();
        typeSchema(window, QStringLiteral("{}"));
        answers.answer = QMessageBox::Save; // untitled: the file dialog comes up and is cancelled
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
    }

    void recentFiles_listedNewestFirst_atMostEight()
    {
        QTemporaryDir dir;
        MainWindow window;
        Answers answers;
        answers.install(window);
        QStringList paths;
        for (int i = 0; i < 10; ++i) {
            paths.append(dir.filePath(QStringLiteral("w%1.formwork.json").arg(i)));
            QVERIFY(window.workspaceController()->saveAs(paths.last()));
        }
        QVERIFY(window.openWorkspace(paths.at(4)));
        const QStringList recent = window.workspaceController()->recentFiles();
        QCOMPARE(recent.size(), WorkspaceController::MaxRecentFiles);
        QCOMPARE(recent.at(0), paths.at(4));
        QCOMPARE(recent.at(1), paths.at(9));
        QVERIFY(!recent.contains(paths.at(0)));

        auto *menu = window.findChild<QMenu *>(QStringLiteral("menuOpenRecent"));
        QVERIFY(menu);
        const QList<QAction *> actions = menu->actions();
        QVERIFY(actions.size() >= WorkspaceController::MaxRecentFiles);
        QCOMPARE(actions.at(0)->toolTip(), QDir::toNativeSeparators(paths.at(4)));
        // Choosing one opens it.
        actions.at(1)->trigger();
        QCOMPARE(window.workspaceController()->filePath(), paths.at(9));

        // A new window (the next start) lists them too.
        MainWindow next;
        QCOMPARE(next.workspaceController()->recentFiles().constFirst(), paths.at(9));
    }

    void dropWorkspaceFile_opensIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dropped.formwork.json"));
        Workspace workspace;
        workspace.schemaText = QStringLiteral("{\n  \"title\": \"dropped\"\n}");
        QVERIFY(!saveWorkspace(workspace, path));

        MainWindow window;
        Answers answers;
        answers.install(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        // Over the schema editor, which would otherwise paste the path as text.
        QWidget *target = window.schemaEditor()->editor()->viewport();
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(window.workspaceController()->filePath(), path);
        QCOMPARE(window.schemaEditor()->text(), workspace.schemaText);
    }

    void dropSchemaFile_opensItInTheSchemaEditor()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("person.json"));
        QVERIFY(writeFile(path, "{\"type\": \"string\"}"));
        MainWindow window;
        Answers answers;
        answers.install(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        // Qt delivers the drop to the widget that accepted the drag's enter event.
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        // The schema in the editor is replaced only when the user says so.
        const QString before = window.schemaEditor()->text();
        answers.answer = QMessageBox::Cancel;
        QDropEvent cancelled(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &cancelled);
        QCOMPARE(answers.asked.size(), 1);
        QCOMPARE(window.schemaEditor()->text(), before);
        answers.answer = QMessageBox::Yes;
        QDragEnterEvent again(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &again);
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(answers.asked.size(), 2);
        QCOMPARE(window.schemaEditor()->text(), QStringLiteral("{\"type\": \"string\"}"));
        QVERIFY(window.workspaceController()->filePath().isEmpty());
        QVERIFY(window.workspaceController()->isModified());
    }

    void dropMissingFileOrFolder_isNotTaken()
    {
        QTemporaryDir dir;
        MainWindow window;
        QMimeData mime;
        mime.setUrls(
            { QUrl::fromLocalFile(dir.filePath(QStringLiteral("gone.txt"))), QUrl::fromLocalFile(dir.path()) });
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        enter.ignore();
        QApplication::sendEvent(&window, &enter);
        QVERIFY(!enter.isAccepted());
        QVERIFY(!window.workspaceController()->canDrop(&mime));
    }

    // A document dropped onto the prompt is read (off the GUI thread) into {{document}}, not
    // pasted as a path; an image goes to the user message (issue 13).
    void dropDocumentOrImage_ontoThePrompt_becomesTheInput()
    {
        QTemporaryDir dir;
        const QString document = dir.filePath(QStringLiteral("letter.html"));
        QVERIFY(writeFile(document, "<p>Dear <i>Ada</i>,</p>"));
        const QString image = dir.filePath(QStringLiteral("scan.png"));
        QImage pixels(4, 4, QImage::Format_RGB32);
        pixels.fill(Qt::white);
        QVERIFY(pixels.save(image));

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QPlainTextEdit *user = window.promptPane()->userPromptEdit();
        user->setPlainText(QStringLiteral("Who is the letter for?"));
        QSignalSpy loaded(window.promptPane(), &PromptPane::variableFileLoaded);
        const auto dropOnto = [](QWidget *target, const QString &path) {
            QMimeData mime;
            mime.setUrls({ QUrl::fromLocalFile(path) });
            QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(target, &enter);
            QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(target, &drop);
            return enter.isAccepted() && drop.isAccepted();
        };
        QVERIFY(dropOnto(user->viewport(), document));
        QCOMPARE(user->toPlainText(), QStringLiteral("Who is the letter for?\n\n{{document}}"));
        QVERIFY(loaded.wait());
        QCOMPARE(window.promptPane()->variablesModel()->value(QStringLiteral("document")), QStringLiteral("Dear Ada,"));
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("letter.html")),
                 qPrintable(window.statusBar()->currentMessage()));

        QVERIFY(dropOnto(&window, image));
        QCOMPARE(window.promptPane()->imagePaths(), QStringList({ image }));
        QCOMPARE(loaded.count(), 1);
    }

    void newFromExample_loadsItUntitled()
    {
        MainWindow window;
        Answers answers;
        answers.install(window);
        const QStringList examples = WorkspaceController::exampleFiles();
        QCOMPARE(examples.size(), 4);
        auto *menu = window.findChild<QMenu *>(QStringLiteral("menuNewFromExample"));
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 4);
        QAction *invoice = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->objectName() == u"example:invoice.formwork.json")
                invoice = action;
        }
        QVERIFY(invoice);
        invoice->trigger();
        QVERIFY(window.schemaEditor()->text().contains(QStringLiteral("\"lineItems\"")));
        QVERIFY(window.workspaceController()->filePath().isEmpty());
        QCOMPARE(window.windowTitle(), QStringLiteral("Invoice[*] - Formwork"));
        QVERIFY(!window.workspaceController()->isModified());
        QCOMPARE(window.workspaceController()->appliedWorkspace().server.model, QStringLiteral("llama3.1:8b"));
    }

    void new_withChanges_asksThenResets()
    {
        MainWindow window;
        Answers answers;
        answers.install(window);
        const QString blank = window.schemaEditor()->text();
        typeSchema(window, QStringLiteral("{}"));
        answers.answer = QMessageBox::Cancel;
        QVERIFY(!window.workspaceController()->newWorkspace());
        QCOMPARE(window.schemaEditor()->text(), QStringLiteral("{}"));
        answers.answer = QMessageBox::Discard;
        QVERIFY(window.workspaceController()->newWorkspace());
        QCOMPARE(window.schemaEditor()->text(), blank);
        QVERIFY(!window.workspaceController()->isModified());
    }

    void fileMenu_hasWorkspaceActionsWithShortcuts()
    {
        MainWindow window;
        const struct {
            const char *name;
            QKeySequence keys;
        } expected[] = {
            { "actionNewWorkspace", QKeySequence(QKeySequence::New) },
            { "actionOpenWorkspace", QKeySequence(QKeySequence::Open) },
            { "actionSaveWorkspace", QKeySequence(QKeySequence::Save) },
            { "actionSaveWorkspaceAs", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S) },
            { "actionQuit", QKeySequence(QKeySequence::Quit) },
        };
        for (const auto &e : expected) {
            auto *action = window.findChild<QAction *>(QString::fromLatin1(e.name));
            QVERIFY2(action, e.name);
            QCOMPARE(action->shortcut(), e.keys);
            QVERIFY2(!action->toolTip().isEmpty(), e.name);
        }
        QVERIFY(window.findChild<QAction *>(QStringLiteral("actionImportSchema")));
        QVERIFY(window.findChild<QAction *>(QStringLiteral("actionExportSchema")));
    }
};

QTEST_MAIN(TestWorkspaceController)
#include "tst_workspacecontroller.moc"
