//! `check --format sarif`: SARIF 2.1.0, for GitHub code scanning and any
//! SARIF viewer. One rule per finding code; each result points at the
//! component's `architecture:` key (else `name:`).

use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{json, Value};

use super::{CheckTotals, Section};
use crate::check::{Code, FileCheck, Finding, Severity};
use crate::diag::Diagnostic;
use crate::report::style::{json_at, json_lines};
use crate::root::Root;

/// The base id every location under the project root is relative to.
pub const SRCROOT: &str = "%SRCROOT%";

/// The schema URI SARIF consumers expect in `$schema`.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key; versioned so a future change of what is
/// hashed does not collide with old fingerprints.
pub const FINGERPRINT_KEY: &str = "ragfitFinding/v1";

/// The SARIF format: the log's head (tool and rules) first, then the
/// results as files come, then the invocation, whose success is known only
/// at the end (SARIF readers do not depend on the order of keys).
pub struct Sarif {
    rules: Vec<Value>,
    root: Option<Root>,
}

impl Sarif {
    /// The SARIF format, with one rule per finding code; locations under
    /// `root` are relative to it (`%SRCROOT%`).
    pub fn new(root: Option<Root>) -> Self {
        Sarif {
            rules: Code::ALL.iter().map(|&c| rule(c)).collect(),
            root,
        }
    }
}

impl super::Renderer for Sarif {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn begin(&self, _: Option<&CheckTotals>) -> anyhow::Result<String> {
        let tool = json!({"driver": {
            "name": "ragfit",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": env!("CARGO_PKG_HOMEPAGE"),
            "rules": self.rules,
        }});
        let bases = match &self.root {
            Some(root) => format!(
                "\n      \"originalUriBaseIds\": {},",
                json_at(
                    &json!({SRCROOT: {
                        "uri": root.uri(),
                        "description": {"text": "The project root: --root, else the git root of the directory ragfit ran in."},
                    }}),
                    6
                )?
            ),
            None => String::new(),
        };
        Ok(format!(
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \
             \"tool\": {},{bases}\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
            json_at(&tool, 6)?
        ))
    }

    fn file(&self, f: &FileCheck) -> anyhow::Result<Section> {
        let root = f.root_path.as_deref();
        Ok(json_lines(f.findings().map(|x| result(x, root)), 8)?.into())
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, t: &CheckTotals) -> anyhow::Result<String> {
        let close = if t.summary.errors + t.summary.warnings + t.summary.notes > 0 {
            "\n      ]"
        } else {
            "]"
        };
        let notifications: Vec<Value> = t
            .errors
            .iter()
            .map(|d| {
                let rel = self.root.as_ref().and_then(|r| r.relative(&d.path));
                notification(d, rel.as_deref())
            })
            .collect();
        let invocations = json!([{
            "executionSuccessful": t.errors.is_empty(),
            "toolExecutionNotifications": notifications,
        }]);
        Ok(format!(
            "{close},\n      \"invocations\": {}\n    }}\n  ]\n}}\n",
            json_at(&invocations, 6)?
        ))
    }
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
        "helpUri": help_uri(c),
        "defaultConfiguration": {"level": level(c.default_severity())},
    })
}

/// Where a code is documented: its row in the README's table of codes
/// (`<a id="rf001">` anchors), on the repository's home page.
pub fn help_uri(c: Code) -> String {
    format!(
        "{}#{}",
        env!("CARGO_PKG_REPOSITORY"),
        c.id().to_ascii_lowercase()
    )
}

// A result, typed rather than built as a `serde_json::Value`: a Value is a
// sorted map of owned strings, and building one per finding was a tenth of
// a `check -f sarif` run's allocations. The fields are declared in the
// byte order of their names, the order the Value's map wrote them in, so
// the output stayed byte for byte the same.

/// An artifact's location: relative to `%SRCROOT%` when under the root,
/// else the path as a URI (absolute paths as `file://`).
#[derive(Serialize)]
struct Artifact {
    uri: String,
    #[serde(rename = "uriBaseId", skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

fn artifact(path: &str, root_path: Option<&str>) -> Artifact {
    match root_path {
        Some(rel) => Artifact {
            uri: uri(rel),
            uri_base_id: Some(SRCROOT),
        },
        None => Artifact {
            uri: uri(path),
            uri_base_id: None,
        },
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: Physical,
}

fn location(path: &str, root_path: Option<&str>, at: Option<(usize, usize)>) -> Location {
    Location {
        physical_location: Physical {
            artifact_location: artifact(path, root_path),
            region: at.map(|(line, column)| Region {
                start_column: column,
                start_line: line,
            }),
        },
    }
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

/// `partialFingerprints`: one entry, under the versioned key.
struct Fingerprints<'a>(&'a str);

impl Serialize for Fingerprints<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(FINGERPRINT_KEY, self.0)?;
        map.end()
    }
}

#[derive(Serialize)]
struct Properties<'a> {
    component: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    factor: Option<&'a str>,
    // Through a Value, as before: its keys come out sorted.
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver: Option<Value>,
    workload: &'a str,
}

#[derive(Serialize)]
struct Suppression {
    justification: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [Location; 1],
    message: Text<'a>,
    partial_fingerprints: Fingerprints<'a>,
    properties: Properties<'a>,
    rule_id: &'static str,
    rule_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression; 1]>,
}

fn result<'a>(f: &'a Finding, root_path: Option<&str>) -> SarifResult<'a> {
    let rule_index = Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0);
    // A waiver is a suppression in the source; SARIF viewers show it as such.
    let suppressions = match &f.waiver {
        Some(w) if f.code == Code::WaivedMismatch => Some([Suppression {
            justification: format!("{} (until {})", w.reason, w.expires),
            kind: "inSource",
        }]),
        _ => None,
    };
    SarifResult {
        level: level(f.severity),
        locations: [location(&f.path, root_path, Some((f.line, f.column)))],
        message: Text { text: &f.message },
        partial_fingerprints: Fingerprints(&f.fingerprint),
        properties: Properties {
            component: &f.component,
            factor: f.factor.as_deref(),
            waiver: f.waiver.as_ref().map(|w| json!(w)),
            workload: &f.workload,
        },
        rule_id: f.code.id(),
        rule_index,
        suppressions,
    }
}

fn notification(d: &Diagnostic, root_path: Option<&str>) -> Value {
    let at = d.pos.map(|pos| (pos.line, pos.column));
    json!({
        "level": "error",
        "message": {"text": d.to_string()},
        "locations": [location(&d.path, root_path, at)],
    })
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
        assert_eq!(crate::check::fingerprint("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn every_rule_links_to_its_row_in_the_readme() {
        let readme = include_str!("../../../README.md");
        for c in Code::ALL {
            let anchor = help_uri(c).rsplit('#').next().unwrap().to_string();
            assert!(
                readme.contains(&format!("<a id=\"{anchor}\"></a>{}", c.id())),
                "README has no anchor for {}",
                c.id()
            );
        }
    }
}
