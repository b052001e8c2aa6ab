// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/batchinput.h"

#include "common/compactjson.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>

namespace Formwork {

namespace {

using Json = nlohmann::ordered_json;

QString shown(const QString &fileName)
{
    return QDir::toNativeSeparators(fileName);
}

// "rows.csv:12: message"
QString at(const QString &fileName, int line, const QString &message)
{
    return QStringLiteral("%1:%2: %3").arg(shown(fileName)).arg(line).arg(message);
}

QByteArray fingerprintOf(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// The 1-based line of the first byte that is not UTF-8, or 0 when all of it is.
int invalidUtf8Line(const QByteArray &bytes)
{
    QStringDecoder whole(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString all = whole.decode(bytes);
    if (!whole.hasError())
        return 0;
    int line = 1;
    qsizetype from = 0;
    while (from <= bytes.size()) {
        qsizetype end = bytes.indexOf('\n', from);
        if (end < 0)
            end = bytes.size();
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString part = decoder.decode(QByteArrayView(bytes).sliced(from, end - from));
        if (decoder.hasError())
            return line;
        from = end + 1;
        ++line;
    }
    return line;
}

// The text without a BOM; nullopt (and `error` set) when it is not UTF-8.
std::optional<QString> decodeUtf8(const QByteArray &bytes, const QString &fileName, QString &error)
{
    if (const int line = invalidUtf8Line(bytes)) {
        error = at(fileName, line,
                   QCoreApplication::translate("Formwork::BatchInput",
                                               "the text is not valid UTF-8 (save the file as UTF-8)."));
        return std::nullopt;
    }
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text;
}

Result<std::optional<Json>, QString> parseExpected(const QString &text, const QString &fileName, int line,
                                                   const QString &column)
{
    if (text.trimmed().isEmpty())
        return std::optional<Json>();
    const std::string utf8 = text.toStdString();
    Json value = Json::parse(utf8, nullptr, false);
    if (value.is_discarded())
        return at(
            fileName, line,
            QCoreApplication::translate("Formwork::BatchInput", "the expected value in '%1' is not JSON.").arg(column));
    return std::optional<Json>(std::move(value));
}

struct CsvRecord {
    int line = 0; // where the record starts
    QStringList fields;
};

// RFC 4180 records. Line ends are CRLF or LF (a lone CR too); quoted fields may hold any of
// them, commas and doubled quotes. A completely empty line is skipped.
Result<QList<CsvRecord>, QString> csvRecords(const QString &text, const QString &fileName)
{
    QList<CsvRecord> records;
    CsvRecord record;
    QString field;
    int line = 1;
    int quoteLine = 0;
    bool inQuotes = false;
    bool afterQuote = false; // a quoted field just closed
    bool fieldStarted = false;
    record.line = 1;
    const qsizetype n = text.size();
    auto endRecord = [&](int nextLine) {
        if (fieldStarted || !record.fields.isEmpty() || !field.isEmpty()) {
            record.fields.append(field);
            records.append(record);
        }
        record = CsvRecord();
        record.line = nextLine;
        field.clear();
        fieldStarted = false;
        afterQuote = false;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == u',') {
            record.fields.append(field);
            field.clear();
            fieldStarted = true;
            afterQuote = false;
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n')
                ++i;
            ++line;
            endRecord(line);
        } else if (afterQuote) {
            return at(
                fileName, line,
                QCoreApplication::translate("Formwork::BatchInput",
                                            "unexpected text after a closing quote (a field is quoted as a whole, "
                                            "and a quote inside it is doubled)."));
        } else if (c == u'"') {
            if (!field.isEmpty())
                return at(
                    fileName, line,
                    QCoreApplication::translate("Formwork::BatchInput",
                                                "a quote inside an unquoted field (quote the whole field and double "
                                                "the quote: \"say \"\"hi\"\"\")."));
            inQuotes = true;
            quoteLine = line;
            fieldStarted = true;
        } else {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (inQuotes)
        return at(
            fileName, quoteLine,
            QCoreApplication::translate("Formwork::BatchInput", "a quoted field opened on this line is never closed."));
    endRecord(line);
    return records;
}

// A column named "id" whose values are all present and distinct names the rows (so results and
// failures can be matched to the user's own keys); otherwise rows are numbered from 1.
void applyIdColumn(BatchInput &input)
{
    QSet<QString> seen;
    QStringList ids;
    for (const BatchRow &row : std::as_const(input.rows)) {
        const auto it = std::find_if(row.variables.cbegin(), row.variables.cend(),
                                     [](const PromptVariable &v) { return v.name == u"id"; });
        if (it == row.variables.cend() || it->value.trimmed().isEmpty() || seen.contains(it->value.trimmed()))
            return;
        seen.insert(it->value.trimmed());
        ids.append(it->value.trimmed());
    }
    for (qsizetype i = 0; i < input.rows.size(); ++i)
        input.rows[i].id = ids.at(i);
}

} // namespace

Result<BatchInput, QString> parseCsvInput(const QByteArray &bytes, const QString &fileName,
                                          const BatchInputOptions &options)
{
    QString error;
    const auto text = decodeUtf8(bytes, fileName, error);
    if (!text)
        return error;
    auto records = csvRecords(*text, fileName);
    if (!records)
        return records.error();
    if (records->isEmpty())
        return QCoreApplication::translate("Formwork::BatchInput", "%1 is empty: a CSV input needs a header row.")
            .arg(shown(fileName));
    const CsvRecord header = records->takeFirst();
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields.at(i).trimmed();
        if (name.isEmpty())
            return at(
                fileName, header.line,
                QCoreApplication::translate("Formwork::BatchInput", "column %1 of the header has no name.").arg(i + 1));
        if (header.fields.indexOf(header.fields.at(i)) != i)
            return at(fileName, header.line,
                      QCoreApplication::translate("Formwork::BatchInput", "the header names '%1' twice.").arg(name));
    }
    const qsizetype expectedIndex
        = options.expectedColumn.isEmpty() ? -1 : header.fields.indexOf(options.expectedColumn);
    if (!options.expectedColumn.isEmpty() && expectedIndex < 0)
        return at(fileName, header.line,
                  QCoreApplication::translate("Formwork::BatchInput", "there is no column '%1' (the columns are %2).")
                      .arg(options.expectedColumn, header.fields.join(QStringLiteral(", "))));

    BatchInput input;
    input.path = fileName;
    input.fingerprint = fingerprintOf(bytes);
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        if (i != expectedIndex)
            input.columns.append(header.fields.at(i).trimmed());
    }
    int ordinal = 0;
    for (const CsvRecord &record : *records) {
        if (record.fields.size() != header.fields.size())
            return at(
                fileName, record.line,
                QCoreApplication::translate("Formwork::BatchInput", "this row has %1 fields but the header has %2.")
                    .arg(record.fields.size())
                    .arg(header.fields.size()));
        BatchRow row;
        row.id = QString::number(++ordinal);
        row.reference = QStringLiteral("%1:%2").arg(shown(fileName)).arg(record.line);
        for (qsizetype i = 0; i < record.fields.size(); ++i) {
            if (i == expectedIndex) {
                auto expected = parseExpected(record.fields.at(i), fileName, record.line, options.expectedColumn);
                if (!expected)
                    return expected.error();
                row.expected = std::move(expected).value();
            } else {
                row.variables.append(PromptVariable { header.fields.at(i).trimmed(), record.fields.at(i) });
            }
        }
        input.rows.append(std::move(row));
    }
    applyIdColumn(input);
    return input;
}

Result<BatchInput, QString> parseJsonLinesInput(const QByteArray &bytes, const QString &fileName,
                                                const BatchInputOptions &options)
{
    if (const int line = invalidUtf8Line(bytes))
        return at(fileName, line,
                  QCoreApplication::translate("Formwork::BatchInput",
                                              "the text is not valid UTF-8 (save the file as UTF-8)."));
    BatchInput input;
    input.path = fileName;
    input.fingerprint = fingerprintOf(bytes);
    QByteArrayView rest(bytes);
    if (rest.startsWith("\xEF\xBB\xBF"))
        rest = rest.sliced(3);
    int line = 0;
    int ordinal = 0;
    while (!rest.isEmpty()) {
        ++line;
        qsizetype end = rest.indexOf('\n');
        const QByteArrayView text = end < 0 ? rest : rest.first(end);
        rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
        if (text.trimmed().isEmpty())
            continue;
        const Json object = Json::parse(text.begin(), text.end(), nullptr, false);
        if (object.is_discarded() || !object.is_object())
            return at(fileName, line,
                      QCoreApplication::translate("Formwork::BatchInput", "this line is not a JSON object."));
        BatchRow row;
        row.id = QString::number(++ordinal);
        row.reference = QStringLiteral("%1:%2").arg(shown(fileName)).arg(line);
        for (const auto &[key, value] : object.items()) {
            const QString name = QString::fromStdString(key);
            if (!options.expectedColumn.isEmpty() && name == options.expectedColumn) {
                if (value.is_string()) {
                    auto expected
                        = parseExpected(QString::fromStdString(value.get<std::string>()), fileName, line, name);
                    if (!expected)
                        return expected.error();
                    row.expected = std::move(expected).value();
                } else if (!value.is_null()) {
                    row.expected = value;
                }
                continue;
            }
            const QString text
                = value.is_string() ? QString::fromStdString(value.get<std::string>()) : compactJsonText(value);
            row.variables.append(PromptVariable { name, text });
            if (!input.columns.contains(name))
                input.columns.append(name);
        }
        input.rows.append(std::move(row));
    }
    applyIdColumn(input);
    return input;
}

namespace {

QStringList folderPatterns(const BatchInputOptions &options)
{
    QStringList patterns = { QStringLiteral("*.txt"), QStringLiteral("*.md") };
    if (options.documents)
        patterns += options.documents->patterns;
    return patterns;
}

// "*.txt", "*.md", "*.pdf" -> ".txt, .md or .pdf"
QString suffixList(QStringList patterns)
{
    for (QString &pattern : patterns)
        pattern.remove(u'*');
    const QString last = patterns.takeLast();
    if (patterns.isEmpty())
        return last;
    return QCoreApplication::translate("Formwork::BatchInput", "%1 or %2")
        .arg(patterns.join(QStringLiteral(", ")), last);
}

bool isPlainText(const QString &name)
{
    const QString suffix = QFileInfo(name).suffix().toLower();
    return suffix == u"txt" || suffix == u"md";
}

Result<BatchInput, QString> readFolder(const QString &path, const BatchInputOptions &options)
{
    const QDir dir(path);
    const QStringList patterns = folderPatterns(options);
    const QStringList names = dir.entryList(patterns, QDir::Files | QDir::Readable, QDir::Name);
    if (names.isEmpty())
        return QCoreApplication::translate("Formwork::BatchInput", "%1 holds no %2 files.")
            .arg(shown(path), suffixList(patterns));
    BatchInput input;
    input.path = path;
    input.columns = { QStringLiteral("text"), QStringLiteral("filename") };
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return QCoreApplication::translate("Formwork::BatchInput", "Cannot read %1: %2")
                .arg(shown(file.fileName()), file.errorString());
        const QByteArray bytes = file.readAll();
        QString text;
        if (isPlainText(name)) {
            QString error;
            const auto decoded = decodeUtf8(bytes, file.fileName(), error);
            if (!decoded)
                return error;
            text = *decoded;
        } else {
            QString error;
            auto read = options.documents->read(file.fileName(), error);
            if (!read)
                return error;
            text = std::move(*read);
        }
        hash.addData(name.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(bytes);
        BatchRow row;
        row.id = name;
        row.reference = shown(file.fileName());
        row.variables
            = { PromptVariable { QStringLiteral("text"), text }, PromptVariable { QStringLiteral("filename"), name } };
        input.rows.append(std::move(row));
    }
    input.fingerprint = hash.result().toHex();
    return input;
}

} // namespace

Result<BatchInput, QString> readBatchInput(const QString &path, const BatchInputOptions &options)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QCoreApplication::translate("Formwork::BatchInput", "The input %1 does not exist.").arg(shown(path));
    if (info.isDir())
        return readFolder(path, options);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QCoreApplication::translate("Formwork::BatchInput", "Cannot read %1: %2")
            .arg(shown(path), file.errorString());
    // Read in blocks, so a big file reports how far it is (the GUI reads off its thread).
    constexpr qint64 Block = 1 << 20;
    const qint64 total = file.size();
    QByteArray bytes;
    bytes.reserve(qsizetype(total));
    while (!file.atEnd()) {
        const QByteArray block = file.read(Block);
        if (block.isEmpty() && file.error() != QFileDevice::NoError)
            return QCoreApplication::translate("Formwork::BatchInput", "Cannot read %1: %2")
                .arg(shown(path), file.errorString());
        if (block.isEmpty())
            break;
        bytes += block;
        if (options.progress)
            options.progress(bytes.size(), total);
    }
    const QString suffix = info.suffix().toLower();
    if (suffix == u"jsonl" || suffix == u"ndjson")
        return parseJsonLinesInput(bytes, path, options);
    if (suffix == u"csv")
        return parseCsvInput(bytes, path, options);
    return QCoreApplication::translate("Formwork::BatchInput",
                                       "%1: unknown input type (use a .csv, a .jsonl or a folder of .txt / .md files).")
        .arg(shown(path));
}

QString defaultBatchTemplate(const QStringList &columns)
{
    QString text = QCoreApplication::translate("Formwork::BatchInput", "Extract the data from this input.")
        + QStringLiteral("\n\n");
    for (const QString &column : columns)
        text += QStringLiteral("%1: {{%1}}\n").arg(column);
    return text;
}

} // namespace Formwork
