/// The records of an RFC 4180 CSV text, as the runner writes it (`CSVTable`):
/// comma-separated, fields quoted when they hold a comma, quote or line end,
/// "\n" or "\r\n" line ends.
struct CSVRecords {
    /// One record, with the line of the file it starts on (1-based).
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// The first record.
    var header: [String]
    /// The records after the header.
    var records: [Record]

    /// Splits `text` into records.
    ///
    /// - Returns: nil when the text is empty or a quoted field is not closed.
    /// - Complexity: O(n) in the length of the text.
    static func parse(_ text: String) -> CSVRecords? {
        var all: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false, afterQuote = false
        var line = 1, recordLine = 1
        var atRecordStart = true
        func endRecord() {
            fields.append(field)
            all.append(Record(line: recordLine, fields: fields))
            fields = []
            field = ""
            atRecordStart = true
        }
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if atRecordStart {
                recordLine = line
                atRecordStart = false
            }
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else {
                            quoted = false
                            afterQuote = true
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\r":
                continue
            case "\n":
                endRecord()
                afterQuote = false
                line += 1
            default:
                field.unicodeScalars.append(c)
            }
        }
        if quoted { return nil }
        if !atRecordStart { endRecord() }
        guard let first = all.first else { return nil }
        return CSVRecords(header: first.fields, records: Array(all.dropFirst()))
    }
}
