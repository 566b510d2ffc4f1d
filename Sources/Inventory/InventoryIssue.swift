/// One problem found in an inventory file: where (file, 1-based line, the column's header as the
/// file spells it) and what was found and expected.
///
/// Rendered `FILE:LINE: column "CPUs": expected …` (the `column` part only when a column is
/// concerned, the `:LINE` part only when a line is), the way compilers and editors expect.
public struct InventoryIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// The inventory file, as it was named.
    public var file: String
    /// 1-based line of the row (the line its first field starts on), nil for the file as a whole.
    public var line: Int?
    /// The column's header as written in the file, nil when no column is concerned.
    public var column: String?
    /// What was found and what was expected, on one line.
    public var message: String

    /// Creates an issue.
    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE: column "X": message`, leaving out the parts that are nil.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ": column \"\(column)\"" }
        return s + ": " + message
    }
}
