/// Which share of a sweep's runs this process runs: shard K of N takes the runs whose index
/// is K modulo N (round-robin, so expensive and cheap points spread over the shards).
public enum ShardRequest: Sendable, Equatable {
    /// `--shard K/N`.
    case explicit(index: Int, count: Int)
    /// `--shards N` (or `--shards auto`: N from `SLURM_ARRAY_TASK_COUNT`), K from the
    /// scheduler's task index variable (see ``ShardRequest/indexVariables``).
    case fromEnvironment(count: Int?)

    /// Task index variables, in the order they are looked up: Slurm job arrays, Kubernetes
    /// Indexed Jobs, AWS Batch array jobs.
    public static let indexVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"]

    /// Parses `--shard K/N` and `--shards N|auto` (at most one of them).
    /// - Returns: nil when neither is given.
    /// - Throws: ``SweepError`` for malformed values or both options.
    public static func parse(shard: String?, shards: String?) throws -> ShardRequest? {
        switch (shard, shards) {
        case (nil, nil): return nil
        case (.some, .some): throw SweepError("give --shard K/N or --shards N, not both")
        case let (s?, nil):
            let parts = s.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 0, k < n else {
                throw SweepError("--shard \(s): expected K/N with 0 ≤ K < N, e.g. --shard 0/4")
            }
            return .explicit(index: k, count: n)
        case let (nil, n?):
            if n == "auto" { return .fromEnvironment(count: nil) }
            guard let count = Int(n), count >= 1 else { throw SweepError("--shards \(n): expected a number of shards ≥ 1 or auto") }
            return .fromEnvironment(count: count)
        }
    }

    /// The shard (K, N) this process runs.
    /// - Parameter environment: The process environment.
    /// - Throws: ``SweepError`` naming the variables when K or N cannot be found or K ≥ N.
    public func resolve(environment: [String: String]) throws -> (index: Int, count: Int) {
        switch self {
        case let .explicit(k, n): return (k, n)
        case let .fromEnvironment(given):
            guard let name = Self.indexVariables.first(where: { environment[$0] != nil }), let text = environment[name] else {
                throw SweepError(
                    "--shards needs the shard index from \(Self.indexVariables.joined(separator: ", ")); none is set (use --shard K/N outside a scheduler)")
            }
            guard let k = Int(text), k >= 0 else { throw SweepError("\(name)=\(text): expected a task index ≥ 0") }
            let n: Int
            if let given {
                n = given
            } else {
                guard let c = environment["SLURM_ARRAY_TASK_COUNT"], let count = Int(c), count >= 1 else {
                    throw SweepError("--shards auto takes the number of shards from SLURM_ARRAY_TASK_COUNT, which is not set; give --shards N")
                }
                n = count
            }
            guard k < n else {
                throw SweepError("\(name)=\(k) is not a shard of \(n) (shards are 0…\(n - 1)); the array's task ids must run from 0 to N−1")
            }
            return (k, n)
        }
    }
}

/// The run indices of shard `k` of `n` among `total` runs: k, k+n, k+2n, …
func shareOf(shard k: Int, of n: Int, total: Int) -> [Int] {
    k < total ? Array(stride(from: k, to: total, by: n)) : []
}
