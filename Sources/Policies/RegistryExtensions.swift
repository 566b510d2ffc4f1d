import Synchronization

/// Entries that a program built on virtsim (the `VirtsimKit` library) adds to a registry at
/// run time, after the built-in ones: a researcher's own placement policy, overload detector
/// or VM-selection policy, named in scenarios like any built-in one.
///
/// Register before decoding or running scenarios (typically first thing in `main`). A name
/// that is already taken — built in or registered — is refused, so a scenario's meaning never
/// depends on registration order. Safe to read from several threads (sweeps run scenarios in
/// parallel); registration takes a lock.
public final class RegistryExtensions<Entry: Sendable>: Sendable {
    private let entries = Mutex<[Entry]>([])

    /// An empty set of extensions.
    public init() {}

    /// The registered entries, in registration order.
    public var all: [Entry] { entries.withLock { $0 } }

    /// Adds `entry` unless `isTaken` says its name is in use (then returns false).
    func add(_ entry: Entry, isTaken: ([Entry]) -> Bool) -> Bool {
        entries.withLock { list in
            if isTaken(list) { return false }
            list.append(entry)
            return true
        }
    }
}
