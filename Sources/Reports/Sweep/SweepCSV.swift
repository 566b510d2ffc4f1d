/// Reads CSV text written by ``CSVEncoder``/``CSVWriter`` (RFC 4180: `,` separators, `"`
/// quoting with doubled inner quotes, `\n` or `\r\n` line ends).
package enum SweepCSV {
    /// The records of `bytes`, each a list of fields; `nil` if the text is not well formed
    /// (an unterminated quote, text after a closing quote) or does not end with a line end.
    /// - Complexity: O(bytes).
    package static func parse(_ bytes: [UInt8]) -> [[String]]? {
        guard !bytes.isEmpty else { return [] }
        guard bytes.last == 0x0A else { return nil }
        var records: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x22 && field.isEmpty {
                // quoted field
                i += 1
                var closed = false
                while i < n {
                    if bytes[i] == 0x22 {
                        if i + 1 < n && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                        closed = true
                        i += 1
                        break
                    }
                    field.append(bytes[i])
                    i += 1
                }
                guard closed, i < n, bytes[i] == 0x2C || bytes[i] == 0x0A || bytes[i] == 0x0D else { return nil }
                continue
            }
            switch b {
            case 0x2C:
                fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true)
            case 0x0D where i + 1 < n && bytes[i + 1] == 0x0A:
                break
            case 0x0A:
                fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true)
                records.append(fields); fields.removeAll(keepingCapacity: true)
            default:
                field.append(b)
            }
            i += 1
        }
        return records
    }

    /// Encodes records (all text) as CSV with the same quoting rules as the writer, so
    /// parsing and re-encoding a file reproduces it byte for byte.
    package static func encode(_ records: [[String]], into encoder: inout CSVEncoder) {
        for r in records {
            for f in r { encoder.append(f) }
            encoder.endRow()
        }
    }
}
