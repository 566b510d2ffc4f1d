import Engine
import Scenario

/// The columns of `runs.csv` (and of `part-K.csv`): one row per run and arm.
///
/// `run_index, point_index, replication, seed, <one column per axis, named by its dotted
/// path>, arm, status, error`, then the columns of `summary.csv` after `arm`, then
/// `run_wall_s` (the run's wall time: loading, simulating every arm, seconds). A failed run
/// has one row with an empty `arm`, `status` `failed`, the error, and empty summary columns.
package struct SweepColumns: Sendable {
    /// The axes' dotted paths.
    package let axes: [String]
    package init(axes: [String]) { self.axes = axes }
    /// Summary columns after `arm`.
    package static var summaryColumns: [CSVTable<ArmResult>.Column] { summaryTable.columns.filter { $0.header != "arm" } }
    /// Column names ending in this suffix are wall times, excluded from determinism checks.
    package static let wallSuffix = "_wall_s"

    /// The header of `runs.csv`.
    package var header: [String] {
        ["run_index", "point_index", "replication", "seed"] + axes + ["arm", "status", "error"]
            + Self.summaryColumns.map(\.header) + ["run_wall_s"]
    }

    /// Index of the first column after the axes (`arm`).
    package var armColumn: Int { 4 + axes.count }
    /// Index of `status`.
    package var statusColumn: Int { armColumn + 1 }
    /// Index of the first summary column (`baseline`).
    package var firstSummaryColumn: Int { armColumn + 3 }

    /// The rows of a finished run: one per arm, or one `failed` row.
    package func rows(run: SweepRun, results: [ArmResult]?, error: String?, wallSeconds: Double) -> [[CSVField]] {
        let lead: [CSVField] =
            [.int(run.index), .int(run.pointIndex), .int(run.replication), .text(String(run.seed))]
            + run.values.map { .text($0) }
        let wall = CSVField.double(wallSeconds, decimals: 4)
        guard let results, error == nil else {
            return [
                lead + [.text(""), .text("failed"), .text(error ?? "unknown error")]
                    + Self.summaryColumns.map { _ in .text("") } + [wall]
            ]
        }
        return results.map { r in
            lead + [.text(r.arm), .text("ok"), .text("")] + Self.summaryColumns.map { $0.value(r) } + [wall]
        }
    }
}
