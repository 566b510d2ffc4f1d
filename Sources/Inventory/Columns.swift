import Foundation

/// A column an inventory reader looks for: a canonical key, the header names it goes by (every
/// spelling in use, compared case-insensitively), and whether a file without it is refused.
struct ColumnSpec: Sendable {
    var key: String
    var names: [String]
    var required = false
    /// What a value must be, for messages ("an integer ≥ 1").
    var expected: String
}

/// The columns of one CSV file bound to their specs: which index holds which key.
struct BoundColumns {
    let file: CSVFile
    var index: [String: Int] = [:]

    /// Binds `specs` to `file`'s header; a missing required column is an issue at line 1 naming
    /// every spelling accepted.
    init(_ file: CSVFile, specs: [ColumnSpec], what: String, issues: inout [InventoryIssue]) {
        self.file = file
        for s in specs {
            if let i = s.names.lazy.compactMap({ file.column($0) }).first {
                index[s.key] = i
            } else if s.required {
                let spellings = s.names.map { "\"\($0)\"" }.joined(separator: " or ")
                issues.append(InventoryIssue(file: file.path, line: 1, message: "missing required column \(spellings) (\(what): \(s.expected))"))
            }
        }
    }

    /// Whether the file has the column `key`.
    func has(_ key: String) -> Bool { index[key] != nil }

    /// The header of `key` as the file spells it.
    func header(_ key: String) -> String? { index[key].map { file.header[$0] } }
}

/// Typed reads of one row, each problem recorded with file:line and the column's header.
struct RowReader {
    let columns: BoundColumns
    let row: CSVFile.Row
    var issues: [InventoryIssue] = []

    init(_ columns: BoundColumns, _ row: CSVFile.Row) {
        self.columns = columns
        self.row = row
    }

    /// The trimmed text of `key`; nil when the column is absent or the cell empty.
    func text(_ key: String) -> String? {
        guard let i = columns.index[key], i < row.fields.count else { return nil }
        let t = row.fields[i].trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    mutating func problem(_ key: String, _ message: String) {
        issues.append(InventoryIssue(file: columns.file.path, line: row.line, column: columns.header(key), message: message))
    }

    /// Like ``text(_:)``, but an empty cell of a present column is an issue.
    mutating func requiredText(_ key: String, expected: String) -> String? {
        if let t = text(key) { return t }
        if columns.has(key) { problem(key, "empty: expected \(expected)") }
        return nil
    }

    /// A number (a decimal point, no thousands separators; a trailing `%` allowed) in `range`;
    /// nil when empty (an issue if `required`) or malformed (an issue).
    mutating func number(_ key: String, range: ClosedRange<Double>, required: Bool = false, expected: String) -> Double? {
        guard let t = required ? requiredText(key, expected: expected) : text(key) else { return nil }
        let s = t.hasSuffix("%") ? String(t.dropLast()).trimmingCharacters(in: .whitespaces) : t
        guard let x = Double(s), x.isFinite else { problem(key, "expected \(expected), found \"\(t)\""); return nil }
        guard range.contains(x) else { problem(key, "expected \(expected), found \(t)"); return nil }
        return x
    }

    /// An integer in `range` (a number with a zero fraction, `4.0`, is accepted).
    mutating func int(_ key: String, range: ClosedRange<Int>, required: Bool = false, expected: String) -> Int? {
        guard let x = number(key, range: Double(range.lowerBound)...Double(range.upperBound), required: required, expected: expected) else { return nil }
        guard x.rounded() == x else { problem(key, "expected \(expected), found \(text(key) ?? "")"); return nil }
        return Int(x)
    }

    /// `True`/`False` (any case), `yes`/`no`, `1`/`0`; nil when empty.
    mutating func bool(_ key: String) -> Bool? {
        guard let t = text(key) else { return nil }
        switch t.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: problem(key, "expected True or False, found \"\(t)\""); return nil
        }
    }
}
