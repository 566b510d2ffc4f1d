import DatacenterModel

/// Host types a planner's servers are matched to: the bundled SPECpower_ssj2008 curves
/// (`SpecPowerLibrary`) by server model, a stated default otherwise, and the default modern
/// consolidation host of generated scenarios.
public enum HostCatalogue {
    /// The curve for servers whose model matches none: IBM x3550 with Xeon X5670 (SPEC
    /// 2010q2-00239), a 2-socket 2010 server, the middle of the bundled generations (an
    /// assumption, stated in each generated scenario).
    public static let defaultPhysicalCurve = "ibm-x3550-x5670"

    /// The consolidation host of generated scenarios: the newest, largest bundled curve,
    /// DCSim's 2 × 16-core 2.4 GHz server (SPEC 2012q3-00478); 32 cores at 2,400 MHz. Its RAM,
    /// 256 GiB, is a planner's choice (the SPEC run used 128 GB; the curve is kept).
    public static let consolidationCurve = "dcsim-2x16-2.4ghz"
    public static let consolidationCores = 32
    public static let consolidationSockets = 2
    public static let consolidationMHz = 2400.0
    public static let consolidationRAMGiB = 256

    /// The bundled curve whose server `model` names, or nil.
    ///
    /// Rule: lower-case words of letters and digits; an entry matches when every word of its
    /// description's server part (before the comma: "HP ProLiant ML110 G4", "IBM x3550") is in
    /// the model's words, or its name is; among several, the one sharing most words with the
    /// whole description (the CPU: "Xeon X5675") wins, the first listed on a tie.
    public static func match(model: String) -> String? {
        let words = Set(tokens(model))
        guard !words.isEmpty else { return nil }
        var best: (name: String, score: Int)? = nil
        for e in SpecPowerLibrary.entries {
            let server = tokens(String(e.description.split(separator: ",").first ?? ""))
            guard (!server.isEmpty && server.allSatisfy(words.contains)) || model.lowercased() == e.name else { continue }
            let score = Set(tokens(e.description)).intersection(words).count
            if best == nil || score > best!.score { best = (e.name, score) }
        }
        return best?.name
    }

    static func tokens(_ s: String) -> [String] {
        s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
