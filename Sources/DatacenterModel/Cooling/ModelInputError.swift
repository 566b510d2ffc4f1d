/// A problem in a data file a model reads (e.g. an outside-temperature series), with its
/// position.
public struct ModelInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file at fault, as given.
    public var file: String
    /// 1-based line, where known.
    public var line: Int?
    /// 1-based column (byte offset in the line + 1), where known.
    public var column: Int?
    /// What was found and what was expected.
    public var message: String

    /// An error in `file` at 1-based `line` and `column` (nil where unknown).
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    /// `file:line:column: message`, omitting the unknown parts.
    public var description: String {
        var s = file
        if let line { s += ":\(line)"; if let column { s += ":\(column)" } }
        return s + ": " + message
    }
}
