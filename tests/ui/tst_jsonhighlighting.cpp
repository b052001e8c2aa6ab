// SPDX-License-Identifier: GPL-3.0-or-later
// The JsonHighlighting façade on whichever path this build took (issue 16): the same sample and the
// same checks on both; only what each token should look like is written once per path.
#include "highlighting/highlightingthememenu.h"
#include "highlighting/jsonhighlighting.h"

#include <QAction>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <algorithm>

using namespace Formwork::Ui;

namespace {

struct TokenLook {
    QColor color;
    bool bold = false;
};

struct ExpectedLook {
    TokenLook key;
    TokenLook string;
    TokenLook number;
    TokenLook keyword; // true, false, null
    QColor error; // underlines in the schema lint and the reply view
};

#ifdef FORMWORK_HAVE_KSYNTAXHIGHLIGHTING
// KSyntaxHighlighting's JSON definition (keys dsDataType, strings dsString, numbers dsDecVal,
// constants dsKeyword) in Breeze Light and Breeze Dark, the themes Repository::LightTheme and
// DarkTheme stand for; the error colour is the theme's Error text style.
const bool themesByName = true;
const ExpectedLook lightLook { { QColor(0x00, 0x57, 0xae) },
                               { QColor(0xbf, 0x03, 0x03) },
                               { QColor(0xb0, 0x80, 0x00) },
                               { QColor(0x1f, 0x1c, 0x1b), true },
                               QColor(0xbf, 0x03, 0x03) };
const ExpectedLook darkLook { { QColor(0x29, 0x80, 0xb9) },
                              { QColor(0xf4, 0x4f, 0x4f) },
                              { QColor(0xf6, 0x74, 0x00) },
                              { QColor(0xcf, 0xcf, 0xc2), true },
                              QColor(0xda, 0x44, 0x53) };
#else
// The built-in highlighter's light and dark schemes (ui/highlighting/jsonhighlighter.cpp).
const bool themesByName = false;
const ExpectedLook lightLook { { QColor(0x1a, 0x4f, 0xa0), true },
                               { QColor(0x2e, 0x7d, 0x32) },
                               { QColor(0xb3, 0x5c, 0x00) },
                               { QColor(0x7b, 0x1f, 0xa2), true },
                               QColor(0xc6, 0x28, 0x28) };
const ExpectedLook darkLook { { QColor(0x8a, 0xb4, 0xf8), true },
                              { QColor(0xa5, 0xd6, 0xa7) },
                              { QColor(0xf6, 0xc1, 0x77) },
                              { QColor(0xce, 0x93, 0xd8), true },
                              QColor(0xff, 0x6e, 0x6e) };
#endif

//                         0         1         2         3         4
//                         0123456789012345678901234567890123456789012345678
const char16_t sample[] = u"{\"name\": \"Ada\", \"age\": 36, \"ok\": true, \"x\": null}";
enum Position { KeyName = 2, StringAda = 10, NumberAge = 23, KeywordTrue = 34, KeywordNull = 45 };

QPalette paletteWithBase(const QColor &base)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    return palette;
}
const QPalette lightPalette = paletteWithBase(QColor(0xff, 0xff, 0xff));
const QPalette darkPalette = paletteWithBase(QColor(0x20, 0x20, 0x20));

// The format the highlighter gave the character at `position` of the first block.
QTextCharFormat formatAt(const QTextDocument &document, int position)
{
    const auto formats = document.firstBlock().layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        if (position >= range.start && position < range.start + range.length)
            return range.format;
    }
    return {};
}

void addPalettes()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<bool>("dark");
    QTest::newRow("light palette") << lightPalette << false;
    QTest::newRow("dark palette") << darkPalette << true;
}

void compareLook(const QTextCharFormat &format, const TokenLook &expected, const char *token)
{
    QVERIFY2(format.foreground().color() == expected.color,
             qPrintable(QStringLiteral("%1: %2, expected %3")
                            .arg(QLatin1String(token), format.foreground().color().name(), expected.color.name())));
    QVERIFY2((format.fontWeight() >= QFont::Bold) == expected.bold, token);
}

} // namespace

class TestJsonHighlighting final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FormworkTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_jsonhighlighting"));
        qInfo("highlighting path: %s", qPrintable(JsonHighlighting::implementationName()));
#ifdef FORMWORK_HAVE_KSYNTAXHIGHLIGHTING
        QCOMPARE(JsonHighlighting::implementationName(), QStringLiteral("KSyntaxHighlighting"));
#else
        QCOMPARE(JsonHighlighting::implementationName(), QStringLiteral("built-in"));
#endif
    }

    void init()
    {
        QSettings().clear();
        JsonHighlighting::setChosenTheme(QString());
    }

    void sample_tokensGetTheThemesFormats()
    {
        QFETCH(QPalette, palette);
        QFETCH(bool, dark);
        const ExpectedLook &look = dark ? darkLook : lightLook;
        QTextDocument document;
        JsonHighlighting highlighting(&document);
        document.setPlainText(QString::fromUtf16(sample));
        highlighting.applyPalette(palette); // highlights the whole document

        compareLook(formatAt(document, KeyName), look.key, "key");
        compareLook(formatAt(document, StringAda), look.string, "string");
        compareLook(formatAt(document, NumberAge), look.number, "number");
        compareLook(formatAt(document, KeywordTrue), look.keyword, "true");
        compareLook(formatAt(document, KeywordNull), look.keyword, "null");
        QCOMPARE(highlighting.errorColor(), look.error);
    }
    void sample_tokensGetTheThemesFormats_data()
    {
        addPalettes();
    }

    // The reply view colours JSON itself with colorScheme(): it must be what the document gets.
    void colorScheme_isWhatTheDocumentGets()
    {
        QFETCH(QPalette, palette);
        QTextDocument document;
        JsonHighlighting highlighting(&document);
        document.setPlainText(QString::fromUtf16(sample));
        highlighting.applyPalette(palette); // highlights the whole document
        const JsonColorScheme scheme = highlighting.colorScheme();
        QCOMPARE(scheme.key.foreground().color(), formatAt(document, KeyName).foreground().color());
        QCOMPARE(scheme.string.foreground().color(), formatAt(document, StringAda).foreground().color());
        QCOMPARE(scheme.number.foreground().color(), formatAt(document, NumberAge).foreground().color());
        QCOMPARE(scheme.keyword.foreground().color(), formatAt(document, KeywordTrue).foreground().color());
        QCOMPARE(scheme.keyword.fontWeight(), formatAt(document, KeywordTrue).fontWeight());
        QCOMPARE(scheme.error.underlineColor(), highlighting.errorColor());
        QVERIFY(!scheme.themeBackground.isValid()); // following the palette: the view keeps its own
    }
    void colorScheme_isWhatTheDocumentGets_data()
    {
        addPalettes();
    }

    void paletteChange_rehighlightsInTheOtherTheme()
    {
        QTextDocument document;
        JsonHighlighting highlighting(&document);
        document.setPlainText(QString::fromUtf16(sample));
        highlighting.applyPalette(lightPalette);
        compareLook(formatAt(document, KeyName), lightLook.key, "key, light");
        highlighting.applyPalette(darkPalette);
        compareLook(formatAt(document, KeyName), darkLook.key, "key, dark");
    }

    void themeChosenByName_appliesToEveryViewAndBringsItsBackground()
    {
        if (!themesByName) {
            QVERIFY(JsonHighlighting::availableThemes().isEmpty());
            QSKIP("the built-in highlighter has no themes to choose by name");
        }
        const auto themes = JsonHighlighting::availableThemes();
        QVERIFY(std::any_of(themes.begin(), themes.end(), [](const auto &t) { return t.first == u"Breeze Dark"; }));

        QPlainTextEdit view;
        JsonHighlighting highlighting(view.document());
        view.setPlainText(QString::fromUtf16(sample));
        highlighting.applyPalette(lightPalette);
        QSignalSpy changed(&highlighting, &JsonHighlighting::themeChanged);

        JsonHighlighting::setChosenTheme(QStringLiteral("Breeze Dark")); // on a light palette
        QCOMPARE(changed.count(), 1);
        QCOMPARE(highlighting.themeName(), QStringLiteral("Breeze Dark"));
        compareLook(formatAt(*view.document(), KeyName), darkLook.key, "key");
        QCOMPARE(highlighting.errorColor(), darkLook.error);
        highlighting.styleView(&view);
        QCOMPARE(view.palette().color(QPalette::Base), QColor(0x23, 0x26, 0x29));
        QCOMPARE(view.palette().color(QPalette::Text), QColor(0xcf, 0xcf, 0xc2));

        JsonHighlighting::setChosenTheme(QString()); // back to following the palette
        compareLook(formatAt(*view.document(), KeyName), lightLook.key, "key");
        highlighting.styleView(&view);
        QVERIFY(!view.testAttribute(Qt::WA_SetPalette));
    }

    void themeChosenByName_unknownToThisBuild_followsThePalette()
    {
        QTextDocument document;
        JsonHighlighting highlighting(&document);
        document.setPlainText(QString::fromUtf16(sample));
        highlighting.applyPalette(darkPalette);
        JsonHighlighting::setChosenTheme(QStringLiteral("No Such Theme"));
        compareLook(formatAt(document, KeyName), darkLook.key, "key");
        QVERIFY(!highlighting.colorScheme().themeBackground.isValid());
    }

    void themeMenu_remembersTheChoice()
    {
        QWidget window;
        auto *menu = new HighlightingThemeMenu(&window);
        QCOMPARE(menu->objectName(), QStringLiteral("menuHighlightingTheme"));
        auto *follow = menu->findChild<QAction *>(QStringLiteral("actionHighlightingThemeFollowPalette"));
        QVERIFY(follow);
        QVERIFY(follow->isChecked());
        if (!themesByName) {
            QVERIFY(!menu->menuAction()->isVisible()); // nothing to choose: hidden
            return;
        }
        QVERIFY(menu->menuAction()->isVisible());
        auto *breezeDark = menu->findChild<QAction *>(QStringLiteral("actionHighlightingTheme:Breeze Dark"));
        QVERIFY(breezeDark);
        QVERIFY(!breezeDark->toolTip().isEmpty());
        breezeDark->trigger();
        QCOMPARE(JsonHighlighting::chosenTheme(), QStringLiteral("Breeze Dark"));
        QCOMPARE(QSettings().value(HighlightingThemeMenu::settingsKey()).toString(), QStringLiteral("Breeze Dark"));

        JsonHighlighting::setChosenTheme(QString());
        HighlightingThemeMenu restored(&window); // the next start
        QCOMPARE(JsonHighlighting::chosenTheme(), QStringLiteral("Breeze Dark"));
        QVERIFY(restored.findChild<QAction *>(QStringLiteral("actionHighlightingTheme:Breeze Dark"))->isChecked());

        restored.findChild<QAction *>(QStringLiteral("actionHighlightingThemeFollowPalette"))->trigger();
        QVERIFY(JsonHighlighting::chosenTheme().isEmpty());
        QVERIFY(!QSettings().contains(HighlightingThemeMenu::settingsKey()));
    }
};

QTEST_MAIN(TestJsonHighlighting)
#include "tst_jsonhighlighting.moc"
