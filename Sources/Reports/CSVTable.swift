/// A CSV table declared column by column: each column's header (with its unit suffix,
/// e.g. `energy_kwh`) and how to read it from a row are written once, side by side.
public struct CSVTable<Row>: Sendable {
    public struct Column: Sendable {
        public let header: String
        public let value: @Sendable (Row) -> CSVField
        public init(_ header: String, _ value: @escaping @Sendable (Row) -> CSVField) { self.header = header; self.value = value }
    }

    public let columns: [Column]
    public init(_ columns: [Column]) { self.columns = columns }

    public var header: [String] { columns.map(\.header) }

    /// Writes `rows` (in the order given) to `path`, header first.
    public func write(_ rows: [Row], to path: String) throws {
        let w = try CSVWriter(path: path, header: header)
        for r in rows {
            w.beginRow()
            for c in columns { w.append(c.value(r)) }
            w.endRow()
        }
        try w.close()
    }

    /// The CSV text of `rows` (for tests and golden files).
    public func render(_ rows: [Row]) -> String {
        csvString(header: header, rows: rows.map { r in columns.map { $0.value(r) } })
    }
}

/// Decimal places used in every CSV: 6 (µW-level for watts, Wh/1000 for kWh).
public let csvDecimals = 6

@inlinable func num(_ x: Double) -> CSVField { .double(x, decimals: csvDecimals) }

/// A number, or an empty field when there is none (not a misleading 0).
@inlinable func optionalNum(_ x: Double?) -> CSVField { x.map(num) ?? .text("") }
