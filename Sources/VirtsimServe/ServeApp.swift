import Foundation
import Hummingbird
import Scenario
import VirtsimCore
import Yams

/// What `virtsim serve` was asked to do.
public struct ServeOptions: Sendable {
    /// The served folder: every path the page reads or writes is under it.
    public var folder: String
    /// A scenario to mark on the list (relative to the folder), when a file was given.
    public var preselected: String?
    /// Address to bind: loopback unless asked otherwise.
    public var host = "127.0.0.1"
    /// Port; 0 picks a free one.
    public var port = 8080
    /// The virtsim executable each run starts (`virtsim run`).
    public var executable: String
    /// Longest run, wall seconds: a run over it is ended with a message.
    public var maxRunSeconds: Double = 120
    /// Largest request (URI, or form body), bytes.
    public var maxRequestBytes = 64 * 1024

    public init(folder: String, preselected: String? = nil, executable: String) {
        self.folder = folder
        self.preselected = preselected
        self.executable = executable
    }
}

/// The runs' previous savings, by scenario, for "change from the previous run".
actor ServeState {
    private var last: [String: [SavingsRow]] = [:]
    private var counter = 0

    func nextRun() -> Int {
        counter += 1
        return counter
    }

    /// Records a run's savings and returns those of the run before (nil for the first).
    func record(_ scenario: String, _ rows: [SavingsRow]) -> [SavingsRow]? {
        defer { last[scenario] = rows }
        return last[scenario]
    }
}

/// The folder under the served folder where the runs write, one subfolder per run.
let runsFolder = ".virtsim-serve"

/// The what-if server for `options`, not started: `run()` serves until cancelled;
/// `onRunning` is given the bound port.
public func makeServeApplication(_ o: ServeOptions, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    let folder: ServedFolder
    folder = try ServedFolder(path: o.folder)
    let catalog = KnobCatalog()
    let slot = RunSlot(executable: o.executable, timeLimitS: o.maxRunSeconds)
    let state = ServeState()
    let limit = o.maxRequestBytes
    let router = Router()
    router.add(middleware: RequestBound(maxBytes: limit))

    router.get("/") { _, _ -> Response in
        html(ServePages.index(folder: folder.root, scenarios: folder.scenarioFiles(), preselected: o.preselected))
    }
    router.get("/scenario") { request, _ -> Response in
        let q = formFields(request.uri.query ?? "")
        let (rel, real) = try scenarioPath(q["path"], in: folder)
        return scenarioPage(rel: rel, real: real, catalog: catalog, values: [:])
    }
    router.post("/run") { request, _ -> Response in
        var request = request
        let fields = formFields(String(buffer: try await request.collectBody(upTo: limit)))
        let (rel, real) = try scenarioPath(fields["path"], in: folder)
        let doc: YAMLDocument
        do { doc = try YAMLDocument.load(path: real) } catch { return scenarioPage(rel: rel, real: real, catalog: catalog, values: fields) }
        let knobs = catalog.knobs(of: doc.root)
        let overrides: [String]
        do { overrides = try KnobCatalog.overrides(knobs: knobs, submitted: fields) } catch let error as FormRefused {
            return html(ServePages.page(rel, ServePages.form(path: rel, knobs: knobs, values: fields, issues: [error.message])), status: .badRequest)
        }
        let n = await state.nextRun()
        let runRel = "\(runsFolder)/\(rel.replacingOccurrences(of: "/", with: "__"))/run-\(n)"
        let end = await slot.run(scenario: rel, overrides: overrides, outDir: folder.root + "/" + runRel, workingDir: folder.root)
        var rows: [SavingsRow] = [], previous: [SavingsRow]? = nil, files: [String] = []
        if case .finished(let out, _, _) = end {
            rows = SavingsRow.read(out + "/savings.csv")
            previous = await state.record(rel, rows)
            files = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).sorted().map { runRel + "/" + $0 }
            pruneRuns(in: (out as NSString).deletingLastPathComponent, keeping: 2)
        }
        let form = ServePages.form(path: rel, knobs: knobs, values: fields, issues: [])
        return html(ServePages.page(rel, form + ServePages.result(end, overrides: overrides, savings: rows, previous: previous, files: files)))
    }
    // how far the run in progress has got (the page polls it while a run is pending)
    router.get("/progress") { _, _ -> Response in
        let text = await slot.progress()
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
    router.post("/save") { request, _ -> Response in
        var request = request
        let fields = formFields(String(buffer: try await request.collectBody(upTo: limit)))
        let (rel, real) = try scenarioPath(fields["path"], in: folder)
        return saveScenario(rel: rel, real: real, fields: fields, folder: folder, catalog: catalog)
    }
    router.get("/file") { request, _ -> Response in
        let q = formFields(request.uri.query ?? "")
        guard let rel = q["path"], rel.hasPrefix(runsFolder + "/") else { return refused("only a run's files can be downloaded") }
        let real: String
        do { real = try folder.resolve(rel) } catch let error as PathRefused { return refused(error.description) }
        let ext = (real as NSString).pathExtension
        guard let type = ["csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8", "json": "application/json"][ext],
            let data = FileManager.default.contents(atPath: real)
        else { return refused("not a run's CSV, report or manifest") }
        var headers: HTTPFields = [.contentType: type]
        if ext == "csv" { headers[.contentDisposition] = "attachment; filename=\"\((real as NSString).lastPathComponent)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(o.host, port: o.port), serverName: "virtsim"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
}

/// Serves `o` until interrupted (SIGINT, SIGTERM).
public func serve(_ o: ServeOptions, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
    try await makeServeApplication(o, onRunning: onRunning).runService()
}

/// Refuses requests whose URI or declared body is over the bound (the body is also collected
/// with that bound).
struct RequestBound<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let declared = request.headers[.contentLength].flatMap { Int($0) } ?? 0
        if request.uri.description.utf8.count > maxBytes || declared > maxBytes {
            return html(ServePages.message("too large", "request over \(maxBytes) bytes", error: true), status: .contentTooLarge)
        }
        do { return try await next(request, context) } catch let e as PathRefused { return refused(e.description) }
    }
}

func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
}

func refused(_ text: String) -> Response { html(ServePages.message("refused", text, error: true), status: .forbidden) }

/// A scenario path from the page: under the folder, a YAML file.
func scenarioPath(_ rel: String?, in folder: ServedFolder) throws(PathRefused) -> (String, String) {
    guard let rel else { throw PathRefused(path: "", reason: "no path given") }
    let real = try folder.resolve(rel)
    guard real.hasSuffix(".yaml") || real.hasSuffix(".yml"), !isDirectory(real) else { throw PathRefused(path: rel, reason: "not a scenario file (*.yaml)") }
    return (rel, real)
}

/// The form of a scenario, with its problems (file:line:column) when it does not validate.
func scenarioPage(rel: String, real: String, catalog: KnobCatalog, values: [String: String]) -> Response {
    let doc = try? YAMLDocument.load(path: real)
    let issues = validateScenarioFile(path: real, overrides: []).map { $0.replacingOccurrences(of: real, with: rel) }
    let knobs = doc.map { catalog.knobs(of: $0.root) } ?? []
    return html(ServePages.page(rel, ServePages.form(path: rel, knobs: knobs, values: values, issues: issues)))
}

/// Removes all but the newest `keeping` run folders (`run-N`) of one scenario.
func pruneRuns(in folder: String, keeping: Int) {
    let runs = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).compactMap { name -> (Int, String)? in
        name.hasPrefix("run-") ? Int(name.dropFirst(4)).map { ($0, name) } : nil
    }
    for (_, name) in runs.sorted(by: { $0.0 > $1.0 }).dropFirst(keeping) { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
}
