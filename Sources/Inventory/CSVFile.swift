import DatacenterModel
import Foundation

/// A CSV file read whole (RFC 4180): a header row and data rows, each row with the 1-based line
/// it starts on, so every problem can name `file:line`.
///
/// Accepted: a UTF-8 byte-order mark, CRLF, LF or CR line ends, quoted fields with commas, line
/// breaks and doubled quotes (`"a ""b"", c"`), blank lines (skipped), and `;` or tab as the
/// separator when the header row has no comma (spreadsheet exports in comma-decimal locales).
/// Not accepted (an ``InventoryIssue``, never a crash): an unreadable or non-UTF-8 file, an
/// empty file, a quote left open at the end of the file.
///
/// Hand-written rather than a dependency: the CSV packages at hand (SwiftCSV, CSV.swift) give
/// row indices, not the line a row starts on, and a quoted field with a line break makes the two
/// differ.
public struct CSVFile: Sendable {
    /// One data row: its fields and the 1-based line its first field starts on.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// The file as it was named.
    public let path: String
    /// The header row, each name trimmed of spaces.
    public let header: [String]
    /// The data rows, in file order (blank lines left out).
    public let rows: [Row]

    /// Reads and parses `path`.
    /// - Throws: ``InventoryIssue`` when the file cannot be read, is not UTF-8, is empty or has
    ///   a quote left open.
    public init(path: String) throws(InventoryIssue) {
        if let reason = notRegularFileReason(path) {
            throw InventoryIssue(file: path, message: "cannot read the file: \(reason)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InventoryIssue(file: path, message: "cannot read the file (missing or not readable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InventoryIssue(file: path, message: "not UTF-8 text: export the sheet as CSV (UTF-8)")
        }
        try self.init(path: path, text: text)
    }

    /// Parses `text` as the contents of `path`.
    /// - Throws: ``InventoryIssue`` when the text is empty or a quote is left open.
    /// - Complexity: O(n) in the text's length.
    public init(path: String, text: String) throws(InventoryIssue) {
        self.path = path
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let firstLineEnd = bytes.firstIndex { $0 == 10 || $0 == 13 } ?? bytes.count
        let head = bytes[..<firstLineEnd]
        let separator: UInt8 = head.contains(44) ? 44 : head.contains(59) ? 59 : head.contains(9) ? 9 : 44
        var records = try Self.parse(bytes, separator: separator, path: path)
        guard !records.isEmpty else { throw InventoryIssue(file: path, line: 1, message: "empty file: expected a header row and data rows") }
        let first = records.removeFirst()
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = records
    }

    /// The index of the header `name` (compared case-insensitively, spaces trimmed), or nil.
    public func column(_ name: String) -> Int? {
        let wanted = name.lowercased()
        return header.firstIndex { $0.lowercased() == wanted }
    }

    private static func parse(_ b: [UInt8], separator: UInt8, path: String) throws(InventoryIssue) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, rowLine = 1
        var i = 0
        var inQuotes = false, quoteLine = 0
        var rowHasContent = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRow() {
            endField()
            // rows of empty fields only (",,,", trailing blank rows of spreadsheet exports) are skipped
            if fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) { rows.append(Row(line: rowLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            rowHasContent = false
        }
        while i < b.count {
            let c = b[i]
            if inQuotes {
                if c == 34 {
                    if i + 1 < b.count && b[i + 1] == 34 { field.append(34); i += 2; continue }
                    inQuotes = false
                } else {
                    if c == 10 || (c == 13 && (i + 1 >= b.count || b[i + 1] != 10)) { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case 34 where field.isEmpty:
                inQuotes = true; quoteLine = line; rowHasContent = true
            case separator:
                endField(); rowHasContent = true
            case 13, 10:
                if c == 13 && i + 1 < b.count && b[i + 1] == 10 { i += 1 }
                endRow()
                line += 1
                rowLine = line
            default:
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw InventoryIssue(file: path, line: quoteLine, message: "a quoted field opened here is never closed") }
        if !field.isEmpty || !fields.isEmpty || rowHasContent { endRow() }
        return rows
    }
}
