//! `check --format sarif`: SARIF 2.1.0, for GitHub code scanning and any
//! SARIF viewer. One rule per finding code; each result points at the
//! component's `architecture:` key (else `name:`).

use std::hash::Hasher;

use serde_json::{json, Value};

use crate::check::{CheckReport, Code, Finding, Severity};
use crate::diag::Diagnostic;

/// The schema URI SARIF consumers expect in `$schema`.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key; versioned so a future change of what is
/// hashed does not collide with old fingerprints.
pub const FINGERPRINT_KEY: &str = "ragfitFinding/v1";

/// Render the SARIF log.
pub fn render(report: &CheckReport) -> anyhow::Result<String> {
    let rules: Vec<Value> = Code::ALL.iter().map(|&c| rule(c)).collect();
    let results: Vec<Value> = report.findings.iter().map(result).collect();
    let notifications: Vec<Value> = report.errors.iter().map(notification).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ragfit",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    crate::report::style::json(&log)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule(c: Code) -> Value {
    json!({
        "id": c.id(),
        "name": c.name(),
        "shortDescription": {"text": c.description()},
        "fullDescription": {"text": c.description()},
        "help": {"text": c.help()},
        "defaultConfiguration": {"level": level(c.default_severity())},
    })
}

fn location(path: &str, line: usize, column: usize) -> Value {
    json!({"physicalLocation": {
        "artifactLocation": {"uri": uri(path)},
        "region": {"startLine": line, "startColumn": column},
    }})
}

fn result(f: &Finding) -> Value {
    let rule_index = Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0);
    let mut properties = json!({"workload": f.workload, "component": f.component});
    if let Some(factor) = &f.factor {
        properties["factor"] = json!(factor);
    }
    let mut r = json!({
        "ruleId": f.code.id(),
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [location(&f.path, f.line, f.column)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
        "properties": properties,
    });
    if let Some(w) = &f.waiver {
        r["properties"]["waiver"] = json!(w);
        // A waiver is a suppression in the source; SARIF viewers show it as such.
        if f.code == Code::WaivedMismatch {
            r["suppressions"] = json!([{
                "kind": "inSource",
                "justification": format!("{} (until {})", w.reason, w.expires),
            }]);
        }
    }
    r
}

fn notification(d: &Diagnostic) -> Value {
    let mut n = json!({"level": "error", "message": {"text": d.to_string()}});
    if let Some(pos) = d.pos {
        n["locations"] = json!([location(&d.path, pos.line, pos.column)]);
    } else {
        n["locations"] = json!([{"physicalLocation": {"artifactLocation": {"uri": uri(&d.path)}}}]);
    }
    n
}

/// A stable fingerprint: FNV-1a 64 (a fixed, documented algorithm, unlike
/// std's `DefaultHasher`) of path, workload, component, code and factor —
/// never the line, so editing above a component keeps its alerts.
pub fn fingerprint(f: &Finding) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(f.identity().as_bytes());
    format!("{:016x}", h.finish())
}

/// A path as a URI reference: relative paths stay relative (viewers resolve
/// them against the checkout), absolute ones become `file://`, and anything
/// outside the unreserved set is percent-encoded.
pub fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut out = String::new();
    if slashed.starts_with('/') {
        out.push_str("file://");
    } else if slashed.as_bytes().get(1) == Some(&b':') {
        out.push_str("file:///");
    }
    for b in slashed.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b':' if out.starts_with("file:///") && out.len() == 9 => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("examples/support.yaml"), "examples/support.yaml");
        assert_eq!(uri("a b/c#d.yaml"), "a%20b/c%23d.yaml");
        assert_eq!(uri("/tmp/x.yaml"), "file:///tmp/x.yaml");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("C:\\w\\x.yaml"), "file:///C:/w/x.yaml");
    }

    #[test]
    fn fnv_matches_the_published_test_vector() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c (Fowler/Noll/Vo reference vectors).
        let mut h = fnv::FnvHasher::default();
        h.write(b"a");
        assert_eq!(format!("{:016x}", h.finish()), "af63dc4c8601ec8c");
    }
}
