/// A model or policy that has a name in a registry list. Decoding (`type: linear`),
/// `virtsim list`, help texts, "valid names are …" errors and conformance tests are all
/// derived from the registry lists, so a model is named in exactly one place.
public protocol Registered {
    /// The name used in scenario files, e.g. `best-fit-decreasing`.
    static var name: String { get }
    /// One line for `virtsim list`.
    static var summary: String { get }
}
