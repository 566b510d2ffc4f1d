#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One CSV field: text (quoted when needed) or a number (formatted locale-independently).
public enum CSVField: Sendable, Equatable {
    /// Text, written as is or RFC 4180-quoted if it contains `,`, `"`, CR or LF.
    case text(String)
    /// An integer in decimal ASCII.
    case int(Int)
    /// A double rounded to `decimals` places with trailing zeros stripped
    /// (see `formatFixed(_:decimals:)`).
    case double(Double, decimals: Int)
}

/// An error from `CSVWriter`; its description names the file.
public enum CSVWriterError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened for writing (`reason` is the system's message).
    case cannotOpen(path: String, reason: String)
    /// Writing, flushing or closing the file failed (disk full, I/O error…).
    case writeFailed(path: String, reason: String)

    /// A one-line message naming the path, e.g. `cannot open 'out/x.csv' for writing: No such
    /// file or directory`.
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open '\(path)' for writing: \(reason)"
        case let .writeFailed(path, reason): "cannot write '\(path)': \(reason)"
        }
    }
}

/// Encodes CSV rows into a byte buffer: RFC 4180 quoting, `\n` line endings,
/// locale-independent numbers. The part of `CSVWriter` that does not touch files.
public struct CSVEncoder: Sendable {
    /// The encoded bytes so far.
    public var bytes: [UInt8] = []
    /// Fields appended to the current row so far.
    public private(set) var fieldsInRow = 0

    /// An empty encoder; `capacity` bytes are reserved up front.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends a whole row (`fields` joined by commas, then `\n`).
    public mutating func row(_ fields: [CSVField]) {
        for f in fields { append(f) }
        endRow()
    }

    /// Appends a whole row of text fields (a header).
    public mutating func row(_ fields: [String]) {
        for f in fields { append(f) }
        endRow()
    }

    /// Appends one field to the current row.
    @inline(__always)
    public mutating func append(_ field: CSVField) {
        switch field {
        case .text(let s): append(s)
        case .int(let v): append(v)
        case let .double(x, decimals): append(x, decimals: decimals)
        }
    }

    /// Appends a text field, RFC 4180-quoted if it contains `,`, `"`, CR or LF (inner
    /// quotes doubled).
    public mutating func append(_ text: String) {
        separate()
        var s = text
        s.withUTF8 { utf8 in
            guard csvNeedsQuotes(utf8) else { bytes.append(contentsOf: utf8); return }
            bytes.append(0x22)
            for b in utf8 {
                if b == 0x22 { bytes.append(0x22) }
                bytes.append(b)
            }
            bytes.append(0x22)
        }
    }

    /// Appends an integer field.
    public mutating func append(_ value: Int) {
        separate()
        appendInt(value, to: &bytes)
    }

    /// Appends a double field rounded to `decimals` places (see `formatFixed(_:decimals:)`).
    public mutating func append(_ value: Double, decimals: Int) {
        separate()
        appendFixed(value, decimals: decimals, to: &bytes)
    }

    /// Ends the current row with `\n`.
    public mutating func endRow() {
        bytes.append(0x0A)
        fieldsInRow = 0
    }

    /// Removes the encoded bytes, keeping the capacity (the row in progress is unaffected).
    public mutating func removeAllBytes() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always)
    mutating func separate() {
        if fieldsInRow > 0 { bytes.append(0x2C) }
        fieldsInRow += 1
    }
}

/// Encodes a header and rows as a CSV document (for tests and golden files).
/// - Parameters:
///   - header: the column names, written once as the first line.
///   - rows: the rows; each should have `header.count` fields (not checked here).
/// - Returns: the CSV text, every line ending in `\n`.
public func csvString(header: [String], rows: [[CSVField]]) -> String {
    var enc = CSVEncoder()
    enc.row(header)
    for r in rows { enc.row(r) }
    return String(decoding: enc.bytes, as: UTF8.self)
}

/// Whether a field must be quoted (RFC 4180): it contains `,`, `"`, CR or LF.
@inline(__always)
func csvNeedsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return true }
    return false
}

/// A buffered CSV file writer: a header row, then rows of fields.
///
/// Bytes collect in a fixed memory buffer and go to the file with `fwrite` in chunks of
/// about `bufferSize` bytes. RFC 4180 quoting for text, `\n` line endings,
/// locale-independent numbers (`formatFixed(_:decimals:)`).
///
/// Two ways to write a row:
/// ```swift
/// let w = try CSVWriter(path: "out/hosts.csv", header: ["time_s", "host", "power_w"])
/// w.row([.double(t, decimals: 3), .text(name), .double(p, decimals: 1)])
/// w.beginRow(); w.append(t, decimals: 3); w.append(name); w.append(p, decimals: 1); w.endRow()
/// try w.close()
/// ```
/// The second form allocates nothing per row (numbers are formatted straight into the
/// buffer; ≈ 1 M rows/s for 8 columns at 6 decimals). Every row must have as many fields as
/// the header (checked when the row ends).
///
/// Write errors after opening (disk full…) are remembered and thrown by the next `flush()`
/// or by `close()`, so the row functions do not throw. Call `close()`: a writer released
/// without it still writes what is buffered and closes the file, but can report no error.
/// Not `Sendable`: one writer belongs to one run.
public final class CSVWriter {
    /// The file being written.
    public let path: String
    /// The number of columns (the header's field count).
    public let columnCount: Int

    // The hot state is a raw buffer and plain integers, accessed by simple loads and
    // stores: no `inout` access to a class property spans a call, so the optimizer drops
    // the runtime exclusivity checks that a `[UInt8]` property would cost on every field.
    private let buffer: UnsafeMutablePointer<UInt8>
    /// Bytes held before a write; the buffer has `slack` more for the row in progress.
    private let bufferSize: Int
    private static let slack = 4096
    private var used = 0
    private var fieldsInRow = 0
    private var file: UnsafeMutablePointer<FILE>?
    private var deferredError: CSVWriterError?

    /// Creates (or truncates) the file at `path` and writes the header row.
    /// - Parameters:
    ///   - path: the file to write; its folder must exist.
    ///   - header: the column names, written once as the first line.
    ///   - bufferSize: bytes collected before each `fwrite` (default 1 MiB, at least 4 KiB).
    /// - Throws: `CSVWriterError.cannotOpen` naming `path` if the file cannot be opened.
    public init(path: String, header: [String], bufferSize: Int = 1 << 20) throws {
        guard let f = fopen(path, "wb") else {
            throw CSVWriterError.cannotOpen(path: path, reason: Self.systemMessage(errno))
        }
        self.path = path
        self.file = f
        self.columnCount = header.count
        self.bufferSize = Swift.max(bufferSize, 4096)
        self.buffer = .allocate(capacity: self.bufferSize + Self.slack)
        for h in header { append(h) }
        fieldsInRow = 0
        buffer[used] = 0x0A
        used += 1
    }

    deinit {
        if file != nil { try? close() }
        buffer.deallocate()
    }

    /// Writes one row.
    /// - Precondition: `fields.count == columnCount`, and no row is in progress.
    public func row(_ fields: [CSVField]) {
        precondition(fieldsInRow == 0, "row(_:) inside beginRow()/endRow() (\(path))")
        for f in fields { append(f) }
        endRow()
    }

    /// Starts a row for `append` calls; `endRow()` finishes it.
    /// - Precondition: the previous row was ended.
    @inline(__always)
    public func beginRow() {
        precondition(fieldsInRow == 0, "beginRow() inside an unfinished row (\(path))")
    }

    /// Appends a text field to the current row, RFC 4180-quoted if it contains `,`, `"`,
    /// CR or LF (inner quotes doubled).
    public func append(_ text: String) {
        var s = text
        s.withUTF8 { utf8 in
            let quoted = csvNeedsQuotes(utf8)
            let worst = quoted ? 2 * utf8.count + 3 : utf8.count + 1
            guard reserve(worst) else { writeLargeText(utf8, quoted: quoted); return }
            var n = used
            if fieldsInRow > 0 { buffer[n] = 0x2C; n += 1 }
            if quoted {
                buffer[n] = 0x22; n += 1
                for b in utf8 {
                    if b == 0x22 { buffer[n] = 0x22; n += 1 }
                    buffer[n] = b; n += 1
                }
                buffer[n] = 0x22; n += 1
            } else if let base = utf8.baseAddress {
                (buffer + n).update(from: base, count: utf8.count)
                n += utf8.count
            }
            used = n
            fieldsInRow += 1
        }
    }

    /// Appends an integer field to the current row.
    public func append(_ value: Int) {
        _ = reserve(maxIntLength + 1)
        var n = used
        if fieldsInRow > 0 { buffer[n] = 0x2C; n += 1 }
        n += writeInt(value, to: buffer + n)
        used = n
        fieldsInRow += 1
    }

    /// Appends a double field to the current row, rounded to `decimals` places (see
    /// `formatFixed(_:decimals:)`).
    public func append(_ value: Double, decimals: Int) {
        _ = reserve(maxFixedLength + 1)
        var n = used
        if fieldsInRow > 0 { buffer[n] = 0x2C; n += 1 }
        n += writeFixed(value, decimals: decimals, to: buffer + n)
        used = n
        fieldsInRow += 1
    }

    /// Appends a field to the current row.
    @inline(__always)
    public func append(_ field: CSVField) {
        switch field {
        case .text(let s): append(s)
        case .int(let v): append(v)
        case let .double(x, decimals): append(x, decimals: decimals)
        }
    }

    /// Ends the current row with `\n`.
    /// - Precondition: the row has `columnCount` fields.
    public func endRow() {
        precondition(
            fieldsInRow == columnCount,
            "CSV row has \(fieldsInRow) fields, header has \(columnCount) (\(path))")
        _ = reserve(1)
        buffer[used] = 0x0A
        used += 1
        fieldsInRow = 0
        if used >= bufferSize { writeBuffer() }
    }

    /// Writes the buffered bytes to the file and flushes the C stream (a row in progress
    /// is written as far as it goes).
    /// - Throws: `CSVWriterError.writeFailed` for this or an earlier failed write.
    public func flush() throws {
        writeBuffer()
        if let f = file, fflush(f) != 0 { fail(errno) }
        if let e = deferredError { throw e }
    }

    /// Writes what is buffered and closes the file. Further calls do nothing.
    /// - Throws: `CSVWriterError.writeFailed` if any write, or the close, failed.
    public func close() throws {
        guard let f = file else { return }
        writeBuffer()
        file = nil
        if fclose(f) != 0 { fail(errno) }
        if let e = deferredError { throw e }
    }

    /// Makes room for `count` more bytes, writing the buffer out if needed; false if
    /// `count` exceeds the whole buffer (only a huge text field can).
    @inline(__always)
    private func reserve(_ count: Int) -> Bool {
        if used + count <= bufferSize + Self.slack { return true }
        writeBuffer()
        return count <= bufferSize + Self.slack
    }

    /// Writes a text field larger than the buffer straight to the file.
    private func writeLargeText(_ utf8: UnsafeBufferPointer<UInt8>, quoted: Bool) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 * utf8.count + 3)
        if fieldsInRow > 0 { bytes.append(0x2C) }
        if quoted { bytes.append(0x22) }
        for b in utf8 {
            if quoted && b == 0x22 { bytes.append(0x22) }
            bytes.append(b)
        }
        if quoted { bytes.append(0x22) }
        bytes.withUnsafeBufferPointer { write($0) }
        fieldsInRow += 1
    }

    private func writeBuffer() {
        write(UnsafeBufferPointer(start: buffer, count: used))
        used = 0
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let f = file, bytes.count > 0 else { return }
        if fwrite(bytes.baseAddress, 1, bytes.count, f) != bytes.count { fail(errno) }
    }

    /// Remembers the first failure, to be thrown by `flush()` or `close()`.
    private func fail(_ code: Int32) {
        if deferredError == nil {
            deferredError = .writeFailed(path: path, reason: Self.systemMessage(code))
        }
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }
}
