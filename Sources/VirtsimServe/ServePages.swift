import Foundation
import Inventory
import Reports

/// One row of a run's `savings.csv`, as the page shows it.
public struct SavingsRow: Sendable, Equatable {
    public let arm: String
    public let category: String
    public let unit: String
    public let baseline: Double
    public let value: Double
    public let savingPct: Double?

    /// The rows of a `savings.csv` file; empty when there is none (no baseline arm).
    public static func read(_ path: String) -> [SavingsRow] {
        guard let csv = try? CSVFile(path: path) else { return [] }
        let col = { (name: String) in csv.column(name) ?? -1 }
        let (a, c, u, b, v, p) = (col("arm"), col("category"), col("unit"), col("baseline"), col("value"), col("saving_pct"))
        func field(_ r: CSVFile.Row, _ i: Int) -> String { r.fields.indices.contains(i) ? r.fields[i] : "" }
        return csv.rows.map { r in
            SavingsRow(
                arm: field(r, a), category: field(r, c), unit: field(r, u), baseline: Double(field(r, b)) ?? .nan, value: Double(field(r, v)) ?? .nan,
                savingPct: Double(field(r, p)))
        }
    }
}

/// The HTML of `virtsim serve`'s pages: plain forms that work without script, every text
/// escaped. One small inline script (``rerunScript``) adds what a form cannot: a changed knob
/// runs again by itself, and a run still going after two seconds shows how far it has got.
enum ServePages {
    static let css = """
        body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:72rem;color:#222}
        table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}
        td:first-child,td:nth-child(2),th{text-align:left}.err{color:#a00;white-space:pre-wrap;font-family:monospace}
        .hint{color:#666;font-size:.85em}label{display:inline-block;min-width:22rem;font-family:monospace}
        .knob{margin:.25rem 0}.ok{color:#060}iframe{width:100%;height:60rem;border:1px solid #ccc}
        .up{color:#a00}.down{color:#060}
        """

    static func page(_ title: String, _ body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>\(escapeXML(title))</title>\n<style>\(css)</style>\n</head>\n<body>\n"
            + body + "</body>\n</html>\n"
    }

    static func link(_ route: String, path: String) -> String { route + "?path=" + percentEncoded(path) }

    static func index(folder: String, scenarios: [String], preselected: String?) -> String {
        var b = "<h1>virtsim: what if?</h1>\n<p>Scenarios under <code>\(escapeXML(folder))</code>:</p>\n<ul id=\"scenarios\">\n"
        for s in scenarios {
            let mark = s == preselected ? " <strong>(selected)</strong>" : ""
            b += "<li><a href=\"\(escapeXML(link("/scenario", path: s)))\">\(escapeXML(s))</a>\(mark)</li>\n"
        }
        if scenarios.isEmpty { b += "<li>none (no *.yaml file)</li>\n" }
        return page("virtsim serve", b + "</ul>\n")
    }

    /// The form of a scenario's knobs, with `values` (submitted) in place of the file's.
    static func form(path: String, knobs: [Knob], values: [String: String], issues: [String]) -> String {
        var b = "<p><a href=\"/\">all scenarios</a></p>\n<h1>\(escapeXML(path))</h1>\n"
        if !issues.isEmpty { b += "<h2>Problems in the scenario</h2>\n<div class=\"err\" id=\"issues\">\(escapeXML(issues.joined(separator: "\n")))</div>\n" }
        b += "<form method=\"post\" action=\"/run\" id=\"knobs\">\n<input type=\"hidden\" name=\"path\" value=\"\(escapeXML(path))\"/>\n"
        for k in knobs {
            let v = values[k.path] ?? k.value
            let id = "k-" + k.path
            b += "<div class=\"knob\"><label for=\"\(escapeXML(id))\">\(escapeXML(k.path))</label> "
            if k.choices.isEmpty {
                b += "<input type=\"text\" id=\"\(escapeXML(id))\" name=\"\(escapeXML(k.path))\" value=\"\(escapeXML(v))\" placeholder=\"not set\"/>"
            } else {
                b += "<select id=\"\(escapeXML(id))\" name=\"\(escapeXML(k.path))\">"
                if k.value.isEmpty { b += "<option value=\"\"\(v.isEmpty ? " selected" : "")>(not set)</option>" }
                for c in k.choices { b += "<option\(c == v ? " selected" : "")>\(escapeXML(c))</option>" }
                b += "</select>"
            }
            b += " <span class=\"hint\">\(escapeXML(k.hint))</span></div>\n"
        }
        b += "<p><button type=\"submit\" id=\"run\">Run</button> <span class=\"hint\" id=\"progress\" aria-live=\"polite\"></span></p>\n"
        b += "<p>Save as <input type=\"text\" name=\"save_as\" id=\"save_as\" placeholder=\"new-name.yaml\"/>"
        b += " <label style=\"min-width:0\"><input type=\"checkbox\" name=\"overwrite\" value=\"yes\"/> overwrite if it exists</label>"
        b += " <button type=\"submit\" formaction=\"/save\" id=\"save\">Save as scenario</button></p>\n</form>\n"
        return b + "<script>" + rerunScript + "</script>\n"
    }

    /// Re-runs on change and progress. A changed knob submits the form after 0.3 s (a Run
    /// click in between submits at once, once); the server ends the run in progress when a new
    /// one comes (``RunSlot``). While a run is pending the page asks `/progress` every half
    /// second and shows the answer from the second second on. The save fields do not run.
    static let rerunScript = """
        (function(){var f=document.getElementById('knobs'),p=document.getElementById('progress');if(!f||!p)return;
        var pending=null,poll=null,t0=0;
        f.addEventListener('change',function(e){var n=e.target.name;if(n==='save_as'||n==='overwrite')return;
        clearTimeout(pending);pending=setTimeout(function(){f.requestSubmit(document.getElementById('run'));},300);});
        f.addEventListener('submit',function(e){clearTimeout(pending);if(e.submitter&&e.submitter.id==='save')return;
        t0=Date.now();clearInterval(poll);poll=setInterval(function(){if(Date.now()-t0<2000)return;
        fetch('/progress',{cache:'no-store'}).then(function(r){return r.text();}).then(function(t){if(t)p.textContent='running: '+t;}).catch(function(){});},500);});
        })();
        """

    /// A run's outcome: the savings table with the change from the previous run, links to
    /// the CSV files, and the report embedded.
    static func result(_ end: RunEnd, overrides: [String], savings: [SavingsRow], previous: [SavingsRow]?, files: [String]) -> String {
        var b = "<h2>Run</h2>\n<p class=\"hint\" id=\"overrides\">virtsim run … \(escapeXML(overrides.map { "--set " + $0 }.joined(separator: " ")))</p>\n"
        switch end {
        case .cancelled(let reason): return b + "<p class=\"err\" id=\"run-error\">\(escapeXML(reason))</p>\n"
        case .failed(let errors): return b + "<div class=\"err\" id=\"run-error\">\(escapeXML(errors.joined(separator: "\n")))</div>\n"
        case .finished(_, let wall, let warning):
            b += "<p class=\"ok\">Finished in \(formatFixed(wall, decimals: 1)) s.</p>\n"
            if let warning { b += "<p class=\"err\">\(escapeXML(warning))</p>\n" }
        }
        if savings.isEmpty {
            b += "<p>No savings table: the scenario has no baseline arm.</p>\n"
        } else {
            b += "<h2>Savings against the baseline</h2>\n<table id=\"savings\">\n<tr><th>arm</th><th>category</th><th>baseline</th><th>value</th>"
            b += "<th>saving</th><th>change from the previous run</th></tr>\n"
            for r in savings {
                let before = previous?.first { $0.arm == r.arm && $0.category == r.category }
                var change = previous == nil ? "(first run)" : "—"
                if let before, before.value != r.value {
                    let d = r.value - before.value
                    change = "<span class=\"\(d > 0 ? "up" : "down")\">\(d > 0 ? "+" : "−")\(formatGrouped(abs(d), decimals: 2)) \(escapeXML(r.unit))</span>"
                }
                let pct = r.savingPct.map { formatFixed($0, decimals: 1) + "%" } ?? ""
                b += "<tr data-arm=\"\(escapeXML(r.arm))\" data-category=\"\(escapeXML(r.category))\"><td>\(escapeXML(r.arm))</td>"
                b += "<td>\(escapeXML(r.category)) (\(escapeXML(r.unit)))</td><td>\(formatGrouped(r.baseline, decimals: 2))</td>"
                b += "<td class=\"value\">\(formatGrouped(r.value, decimals: 2))</td><td>\(pct)</td><td>\(change)</td></tr>\n"
            }
            b += "</table>\n"
        }
        let csvs = files.filter { $0.hasSuffix(".csv") }
        if !csvs.isEmpty {
            b +=
                "<p id=\"downloads\">Download: "
                + csvs.map { "<a href=\"\(escapeXML(link("/file", path: $0)))\" download>\(escapeXML(($0 as NSString).lastPathComponent))</a>" }
                .joined(separator: " · ") + "</p>\n"
        }
        if let report = files.first(where: { $0.hasSuffix("/report.html") }) {
            b += "<h2>Report</h2>\n<iframe id=\"report\" src=\"\(escapeXML(link("/file", path: report)))\" title=\"report\"></iframe>\n"
        }
        return b
    }

    static func message(_ title: String, _ text: String, error: Bool) -> String {
        page(title, "<p><a href=\"/\">all scenarios</a></p>\n<p class=\"\(error ? "err" : "ok")\" id=\"message\">\(escapeXML(text))</p>\n")
    }
}

/// `text` percent-encoded for a query value (unreserved characters and `/` kept).
func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

/// The fields of a query string or an `application/x-www-form-urlencoded` body, decoded once
/// (`+` is a space); the first of a repeated name wins.
func formFields(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    for pair in text.split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let decode = { (s: Substring) in String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
        guard let k = decode(kv[0]), let v = kv.count > 1 ? decode(kv[1]) : "" else { continue }
        if out[k] == nil { out[k] = v }
    }
    return out
}
