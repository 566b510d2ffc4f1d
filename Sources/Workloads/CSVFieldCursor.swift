import Foundation

/// One field of a CSV line: its content [start, end) — inside the quotes for a quoted field,
/// trimmed of blanks otherwise — and where it begins on the line (for error columns).
struct CSVField {
    var start: Int, end: Int
    /// Byte index of the field's first character (its opening quote, if quoted).
    var position: Int
    /// Whether the field was quoted (its content may hold `""` for a quote).
    var quoted: Bool

    /// True if the field has no content.
    var isEmpty: Bool { start == end }

    /// The field's text: UTF-8 (invalid bytes replaced), `""` unescaped in a quoted field.
    func text(_ p: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        return quoted && p[start..<end].contains(UInt8(ascii: "\"")) ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }
}

/// A CSV syntax problem on a line: where (byte index) and what was expected.
struct CSVSyntaxError: Error {
    var position: Int
    var message: String
}

/// Iterates the fields of one CSV line (RFC 4180): fields separated by `delimiter`; blanks
/// around a field ignored; a field may be quoted with `"`, a quote inside written `""`, so that
/// it may hold the delimiter. A quoted field must close on its line (fields spanning lines are
/// refused) and be followed only by blanks before the next delimiter. A CR before the LF is
/// ignored.
struct CSVFieldCursor {
    let p: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    var position: Int
    let end: Int
    var done = false

    init(_ p: UnsafeBufferPointer<UInt8>, _ l: Line, delimiter: UInt8) {
        self.p = p; self.delimiter = delimiter; position = l.start
        var e = l.end
        if e > l.start, p[e - 1] == 0x0D { e -= 1 }
        end = e
    }

    /// The next field, nil after the last one.
    /// - Throws: `CSVSyntaxError` for a quote left open at the end of the line, or text
    ///   between a closing quote and the next delimiter.
    mutating func next() throws(CSVSyntaxError) -> CSVField? {
        guard !done else { return nil }
        var s = position
        while s < end, p[s] != delimiter, p[s].isBlank { s += 1 }
        if s < end, p[s] == UInt8(ascii: "\"") {
            let open = s
            var i = s + 1
            while true {
                guard i < end else {
                    throw CSVSyntaxError(
                        position: open,
                        message: "unterminated quoted field: expected a closing \" on the same line (fields may not span lines)")
                }
                if p[i] == UInt8(ascii: "\"") {
                    if i + 1 < end, p[i + 1] == UInt8(ascii: "\"") { i += 2; continue }
                    break
                }
                i += 1
            }
            let field = CSVField(start: open + 1, end: i, position: open, quoted: true)
            var j = i + 1
            while j < end, p[j] != delimiter, p[j].isBlank { j += 1 }
            if j < end, p[j] != delimiter {
                throw CSVSyntaxError(
                    position: j, message: "text after a closing quote: expected the delimiter or the end of the line after a quoted field")
            }
            advance(past: j)
            return field
        }
        var e = s
        while e < end, p[e] != delimiter { e += 1 }
        advance(past: e)
        var t = e
        while t > s, p[t - 1].isBlank { t -= 1 }
        return CSVField(start: s, end: t, position: s, quoted: false)
    }

    /// Moves past the delimiter at `i`, or finishes at the end of the line.
    private mutating func advance(past i: Int) {
        if i >= end { done = true } else { position = i + 1 }
    }

    /// The delimiter of a CSV file, from its header line: `,` if the header holds one outside
    /// quotes, else `;` if it holds one, else a tab if it holds one, else `,`.
    static func delimiter(ofHeader p: UnsafeBufferPointer<UInt8>, _ l: Line) -> UInt8 {
        var seen: Set<UInt8> = []
        var quoted = false
        for i in l.start..<l.end {
            let b = p[i]
            if b == UInt8(ascii: "\"") { quoted.toggle() } else if !quoted { seen.insert(b) }
        }
        for d in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] where seen.contains(d) { return d }
        return UInt8(ascii: ",")
    }
}

extension Line {
    /// The 1-based column of byte `i` on this line, counted in characters (UTF-8 sequences), so
    /// that it matches what an editor shows for non-ASCII names.
    func column(of i: Int, in p: UnsafeBufferPointer<UInt8>) -> Int {
        var c = 1
        for j in start..<min(i, end) where p[j] & 0xC0 != 0x80 { c += 1 }
        return c
    }
}
