/// A line of a byte buffer: [start, end) without its LF (a CR before it is kept).
struct Line {
    var start: Int, end: Int, number: Int

    /// True if the line holds only blanks and CR.
    func isBlank(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = start
        while i < end, p[i].isBlank || p[i] == 0x0D { i += 1 }
        return i == end
    }
}

/// Iterates the lines of a byte buffer (a final line without LF included; none after a final LF),
/// after a UTF-8 byte order mark if the buffer starts with one (spreadsheets write it; it used to
/// end up in the first header name: `header lacks column "Timestamp [ms]"; found "Timestamp [ms]"`).
struct LineCursor {
    let p: UnsafeBufferPointer<UInt8>
    var position = 0, number = 0
    /// The first blank line since the last data row, for `nextRow`.
    private var blankLine: Int? = nil

    init(_ p: UnsafeBufferPointer<UInt8>) {
        self.p = p
        if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { position = 3 }
    }

    mutating func next() -> Line? {
        guard position < p.count else { return nil }
        var e = position
        while e < p.count, p[e] != 0x0A { e += 1 }
        number += 1
        defer { position = e + 1 }
        return Line(start: position, end: e, number: number)
    }

    /// The next line that is not blank (blanks and CR only), nil at the end: blank lines are
    /// allowed only at the end of a file.
    /// - Throws: `WorkloadInputError` at the first blank line before a row.
    mutating func nextRow(path: String) throws(WorkloadInputError) -> Line? {
        while let l = next() {
            if l.isBlank(p) {
                if blankLine == nil { blankLine = l.number }
                continue
            }
            if let b = blankLine {
                throw WorkloadInputError(
                    file: path, line: b, column: 1, message: "blank line: expected a data row (blank lines are allowed only at the end)")
            }
            return l
        }
        return nil
    }
}
