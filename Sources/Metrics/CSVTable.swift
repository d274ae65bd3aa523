/// A CSV table built in memory and rendered as RFC 4180 text.
public struct CSVTable: Sendable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    /// Appends a row.
    ///
    /// - Precondition: it has as many fields as the header.
    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row has \(row.count) fields, header has \(header.count)")
        rows.append(row)
    }

    /// The table as text: header first, "\n" line ends, fields quoted when needed.
    public var text: String {
        var out = Self.line(header)
        for row in rows { out += Self.line(row) }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    /// Appends one row to `text` as ``text`` renders it (fields quoted when
    /// needed, a "\n" line end), for a table too long to hold as rows of
    /// strings (a long run's time series).
    public static func appendLine(_ fields: [String], to text: inout String) {
        for (i, field) in fields.enumerated() {
            if i > 0 { text += "," }
            text += escape(field)
        }
        text += "\n"
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        for ch in self {
            if String(ch) == target { result += replacement } else { result.append(ch) }
        }
        return result
    }
}

extension CSVTable {
    /// Reads CSV text written by ``text`` (RFC 4180: quoted fields may hold
    /// commas, quotes and line breaks).
    ///
    /// - Returns: nil when the text is empty or a row's field count differs from the header's.
    public static func parse(_ text: String) -> CSVTable? {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)
        var i = 0
        if chars.last != "\n" { chars.append("\n") }
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" {
                row.append(field)
                field = ""
                rows.append(row)
                row = []
            } else if c != "\r" {
                field.append(c)
            }
            i += 1
        }
        guard let header = rows.first else { return nil }
        var table = CSVTable(header: header)
        for r in rows.dropFirst() {
            guard r.count == header.count else { return nil }
            table.rows.append(r)
        }
        return table
    }
}
