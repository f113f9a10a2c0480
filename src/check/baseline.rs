//! Baselines, for adopting `check` in a repository that already has
//! findings: `--write-baseline FILE` records today's findings by their
//! stable fingerprints; `--baseline FILE` then fails only on findings not in
//! it and reports the entries that no longer occur.
//!
//! A fingerprint hashes the file's path relative to the project root, the
//! workload, component, code and factor — never the line — so editing
//! around a component keeps its findings baselined, from any directory.
//! A `check --format json` report works as a baseline too: its findings
//! carry the same fingerprints.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{fingerprint, identity, FileCheck, Finding};

/// Version of the baseline file format.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What findings are matched by.
    pub fingerprint: String,
    /// The finding's code, for the reader.
    pub code: String,
    /// The file, relative to the project root when under it.
    pub path: String,
    /// The workload.
    pub workload: String,
    /// The component.
    pub component: String,
    /// The factor, for per-factor findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<String>,
    /// The message when it was recorded, for the reader (not matched).
    #[serde(default)]
    pub message: String,
}

impl Entry {
    /// The entry recording `f`, found in `file`.
    pub fn of(file: &FileCheck, f: &Finding) -> Entry {
        Entry {
            fingerprint: f.fingerprint.clone(),
            code: f.code.id().to_string(),
            path: file.root_path.clone().unwrap_or_else(|| file.path.clone()),
            workload: f.workload.clone(),
            component: f.component.clone(),
            factor: f.factor.clone(),
            message: f.message.clone(),
        }
    }
}

/// The baseline file as written.
#[derive(Serialize, Deserialize)]
struct File {
    ragfit_baseline: u32,
    findings: Vec<Entry>,
}

/// Render a baseline file (JSON, deterministic: entries in report order).
pub fn write(entries: &[Entry]) -> anyhow::Result<String> {
    let mut s = serde_json::to_string_pretty(&File {
        ragfit_baseline: VERSION,
        findings: entries.to_vec(),
    })?;
    s.push('\n');
    Ok(s)
}

/// A baseline read back: how many findings of each fingerprint it accepts.
#[derive(Debug, Default)]
pub struct Baseline {
    entries: Vec<Entry>,
    counts: HashMap<String, usize>,
}

impl Baseline {
    /// Parse a baseline file, or a `check --format json` report. The error
    /// says what the text is not.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let entries = if value.get("ragfit_baseline").is_some() {
            let file: File =
                serde_json::from_value(value).map_err(|e| format!("not a ragfit baseline: {e}"))?;
            if file.ragfit_baseline != VERSION {
                return Err(format!(
                    "baseline version {} is not supported (this ragfit writes version {VERSION})",
                    file.ragfit_baseline
                ));
            }
            file.findings
        } else if value.get("components").is_some_and(|c| c.is_array()) {
            from_report(&value)?
        } else {
            return Err(
                "neither a baseline (`check --write-baseline FILE`) nor a `check --format json` report"
                    .into(),
            );
        };
        let mut counts = HashMap::new();
        for e in &entries {
            *counts.entry(e.fingerprint.clone()).or_insert(0) += 1;
        }
        Ok(Baseline { entries, counts })
    }

    /// How many entries the baseline holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the baseline holds no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drop the findings of one file that the baseline accepts (each entry
    /// accepts one finding) and return the fingerprints used, once per
    /// finding dropped. Fingerprints include the path, so files never
    /// compete for an entry.
    pub fn apply(&self, file: &mut FileCheck) -> Vec<String> {
        let mut used: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        for c in &mut file.components {
            let before = c.findings.len();
            c.findings.retain(|f| {
                let allowed = self.counts.get(&f.fingerprint).copied().unwrap_or(0);
                let n = used.entry(f.fingerprint.clone()).or_insert(0);
                if *n < allowed {
                    *n += 1;
                    out.push(f.fingerprint.clone());
                    false
                } else {
                    true
                }
            });
            c.baselined += before - c.findings.len();
        }
        out
    }

    /// The entries that matched no finding, given every fingerprint used
    /// (with repetitions), in the baseline's order.
    pub fn gone(&self, used: &HashMap<String, usize>) -> Vec<&Entry> {
        let mut left = used.clone();
        self.entries
            .iter()
            .filter(|e| match left.get_mut(&e.fingerprint) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }
}

/// The findings of a `check --format json` report, as entries. A finding
/// without a `fingerprint` (a report from before fingerprints) gets one
/// from its parts.
fn from_report(v: &serde_json::Value) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    let text = |f: &serde_json::Value, k: &str| f[k].as_str().unwrap_or("").to_string();
    for c in v["components"].as_array().into_iter().flatten() {
        for f in c["findings"].as_array().into_iter().flatten() {
            let factor = f["factor"].as_str().map(str::to_string);
            let (path, workload, component, code) = (
                text(f, "path"),
                text(f, "workload"),
                text(f, "component"),
                text(f, "code"),
            );
            if code.is_empty() {
                return Err("a finding in the report has no `code`".into());
            }
            let fp = match f["fingerprint"].as_str() {
                Some(fp) => fp.to_string(),
                None => fingerprint(&identity(
                    &path,
                    &workload,
                    &component,
                    &code,
                    factor.as_deref(),
                )),
            };
            out.push(Entry {
                fingerprint: fp,
                code,
                path,
                workload,
                component,
                factor,
                message: text(f, "message"),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(fp: &str) -> Entry {
        Entry {
            fingerprint: fp.into(),
            code: "RF001".into(),
            path: "a.yaml".into(),
            workload: "w".into(),
            component: "c".into(),
            factor: None,
            message: String::new(),
        }
    }

    #[test]
    fn a_written_baseline_reads_back() {
        let text = write(&[entry("aa"), entry("aa"), entry("bb")]).unwrap();
        let b = Baseline::parse(&text).unwrap();
        assert_eq!(b.len(), 3);
        let used = HashMap::from([("aa".to_string(), 1)]);
        let gone: Vec<&str> = b
            .gone(&used)
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        assert_eq!(gone, ["aa", "bb"]);
    }

    #[test]
    fn other_json_is_refused_with_a_reason() {
        assert!(Baseline::parse("{}")
            .unwrap_err()
            .contains("neither a baseline"));
        assert!(Baseline::parse("nope").unwrap_err().starts_with("not JSON"));
        assert!(
            Baseline::parse("{\"ragfit_baseline\": 9, \"findings\": []}")
                .unwrap_err()
                .contains("version 9")
        );
    }
}
