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
            var needsQuotes = false
            for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
                needsQuotes = true
                break
            }
            guard needsQuotes else { bytes.append(contentsOf: utf8); return }
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

/// A buffered CSV file writer: a header row, then rows of fields.
///
/// Bytes collect in memory and go to the file with `fwrite` in chunks of about
/// `bufferSize` bytes. RFC 4180 quoting for text, `\n` line endings, locale-independent
/// numbers (`formatFixed(_:decimals:)`).
///
/// Two ways to write a row:
/// ```swift
/// let w = try CSVWriter(path: "out/hosts.csv", header: ["time_s", "host", "power_w"])
/// w.row([.double(t, decimals: 3), .text(name), .double(p, decimals: 1)])
/// w.beginRow(); w.append(t, decimals: 3); w.append(name); w.append(p, decimals: 1); w.endRow()
/// try w.close()
/// ```
/// The second form allocates nothing per row. Every row must have as many fields as the
/// header (checked when the row ends).
///
/// Write errors after opening (disk full…) are remembered and thrown by the next `flush()`
/// or by `close()`, so the row functions do not throw. Call `close()`; a writer that is
/// released without it still flushes and closes the file, but can report no error.
/// Not `Sendable`: one writer belongs to one run.
public final class CSVWriter {
    /// The file being written.
    public let path: String
    /// The number of columns (the header's field count).
    public let columnCount: Int

    private var encoder: CSVEncoder
    private var file: UnsafeMutablePointer<FILE>?
    private let bufferSize: Int
    private var deferredError: CSVWriterError?

    /// Creates (or truncates) the file at `path` and writes the header row.
    /// - Parameters:
    ///   - path: the file to write; its folder must exist.
    ///   - header: the column names, written once as the first line.
    ///   - bufferSize: bytes collected before each `fwrite` (default 1 MiB).
    /// - Throws: `CSVWriterError.cannotOpen` naming `path` if the file cannot be opened.
    public init(path: String, header: [String], bufferSize: Int = 1 << 20) throws {
        guard let f = fopen(path, "wb") else {
            throw CSVWriterError.cannotOpen(path: path, reason: Self.systemMessage(errno))
        }
        self.path = path
        self.file = f
        self.columnCount = header.count
        self.bufferSize = Swift.max(bufferSize, 4096)
        self.encoder = CSVEncoder(capacity: self.bufferSize + 4096)
        encoder.row(header)
    }

    deinit {
        if file != nil { try? close() }
    }

    /// Writes one row.
    /// - Precondition: `fields.count == columnCount`.
    public func row(_ fields: [CSVField]) {
        precondition(fields.count == columnCount,
                     "CSV row has \(fields.count) fields, header has \(columnCount) (\(path))")
        precondition(encoder.fieldsInRow == 0, "row(_:) called inside beginRow()/endRow()")
        encoder.row(fields)
        flushIfFull()
    }

    /// Starts a row for `append` calls; `endRow()` finishes it.
    @inline(__always)
    public func beginRow() {
        precondition(encoder.fieldsInRow == 0, "beginRow() inside an unfinished row (\(path))")
    }

    /// Appends a text field to the current row (quoted if needed).
    @inline(__always)
    public func append(_ text: String) { encoder.append(text) }

    /// Appends an integer field to the current row.
    @inline(__always)
    public func append(_ value: Int) { encoder.append(value) }

    /// Appends a double field to the current row, rounded to `decimals` places.
    @inline(__always)
    public func append(_ value: Double, decimals: Int) { encoder.append(value, decimals: decimals) }

    /// Appends a field to the current row.
    @inline(__always)
    public func append(_ field: CSVField) { encoder.append(field) }

    /// Ends the current row.
    /// - Precondition: the row has `columnCount` fields.
    public func endRow() {
        precondition(encoder.fieldsInRow == columnCount,
                     "CSV row has \(encoder.fieldsInRow) fields, header has \(columnCount) (\(path))")
        encoder.endRow()
        flushIfFull()
    }

    /// Writes the buffered bytes to the file and flushes the C stream.
    /// - Throws: `CSVWriterError.writeFailed` for this or an earlier failed write.
    public func flush() throws {
        writeBuffer()
        if let f = file, fflush(f) != 0, deferredError == nil {
            deferredError = .writeFailed(path: path, reason: Self.systemMessage(errno))
        }
        if let e = deferredError { throw e }
    }

    /// Writes what is buffered and closes the file. Further calls do nothing.
    /// - Throws: `CSVWriterError.writeFailed` if any write, or the close, failed.
    public func close() throws {
        guard let f = file else { return }
        writeBuffer()
        file = nil
        if fclose(f) != 0, deferredError == nil {
            deferredError = .writeFailed(path: path, reason: Self.systemMessage(errno))
        }
        if let e = deferredError { throw e }
    }

    @inline(__always)
    private func flushIfFull() {
        if encoder.bytes.count >= bufferSize { writeBuffer() }
    }

    private func writeBuffer() {
        guard let f = file, !encoder.bytes.isEmpty else { return }
        let written = encoder.bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        if written != encoder.bytes.count, deferredError == nil {
            deferredError = .writeFailed(path: path, reason: Self.systemMessage(errno))
        }
        encoder.removeAllBytes()
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }
}
