//! `check --format junit`: JUnit XML for CI test reports (GitLab, Jenkins,
//! Azure). One test suite per workload file, one test case per component; a
//! component fails when it has findings at or above `--fail-on`. Files that
//! could not be checked become test cases with an `<error>`, so a report never
//! looks green when input was unusable.

use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{CheckTotals, Section, Settings};
use crate::check::{ComponentCheck, FailOn, FileCheck, Finding};
use crate::diag::Diagnostic;

type W = Writer<Vec<u8>>;

/// The JUnit format. `<testsuites>` carries the run's totals, so the
/// suites wait for the end of the run ([`super::Renderer::summary_first`]).
pub struct Junit {
    /// The review's settings (`--fail-on` decides what fails).
    pub settings: Settings,
}

impl super::Renderer for Junit {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn summary_first(&self) -> bool {
        true
    }

    fn begin(&self, totals: Option<&CheckTotals>) -> anyhow::Result<String> {
        let t = totals.cloned().unwrap_or_default();
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let tests = (t.summary.components + t.errors.len()).to_string();
        let failures = t.summary.failing_components.to_string();
        let errors = t.errors.len().to_string();
        w.write_event(Event::Start(BytesStart::new("testsuites").with_attributes(
            [
                ("name", "ragfit check"),
                ("tests", tests.as_str()),
                ("failures", failures.as_str()),
                ("errors", errors.as_str()),
            ],
        )))?;
        Ok(String::from_utf8(w.into_inner())?)
    }

    fn file(&self, f: &FileCheck) -> anyhow::Result<Section> {
        let fail_on = self.settings.fail_on;
        Ok(nested(|w| suite(w, f, fail_on))?.into())
    }

    fn end(&self, t: &CheckTotals) -> anyhow::Result<String> {
        let mut out = String::new();
        if !t.errors.is_empty() {
            out.push_str(&nested(|w| input_suite(w, &t.errors))?);
        }
        out.push_str("\n</testsuites>\n");
        Ok(out)
    }
}

/// XML written by `write` as if inside `<testsuites>`: indented one level,
/// starting on a new line, so that parts written separately read as one
/// document.
fn nested(write: impl FnOnce(&mut W) -> std::io::Result<()>) -> anyhow::Result<String> {
    const OPEN: &str = "<testsuites>";
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Start(BytesStart::new("testsuites")))?;
    write(&mut w)?;
    let s = String::from_utf8(w.into_inner())?;
    Ok(s.strip_prefix(OPEN).unwrap_or(&s).to_string())
}

fn fails(c: &ComponentCheck, fail_on: FailOn) -> bool {
    c.findings.iter().any(|f| fail_on.fails(f.severity))
}

fn suite(w: &mut W, f: &FileCheck, fail_on: FailOn) -> std::io::Result<()> {
    let failures = f.components.iter().filter(|c| fails(c, fail_on)).count();
    testsuite(w, &f.path, failures, &f.components, |w, c| {
        case(w, c, fail_on)
    })
}

/// One `<testsuite>` named `name` with a test case per item (written by
/// `case`), of which `failures` failed; shared with `rules test`'s JUnit.
pub fn testsuite<T>(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    failures: usize,
    items: &[T],
    mut case: impl FnMut(&mut Writer<Vec<u8>>, &T) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = xml_safe(name);
    let tests = items.len().to_string();
    let failures = failures.to_string();
    w.create_element("testsuite")
        .with_attributes([
            ("name", name.as_str()),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", "0"),
            ("skipped", "0"),
        ])
        .write_inner_content(|w| {
            for item in items {
                case(w, item)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn case(w: &mut W, c: &ComponentCheck, fail_on: FailOn) -> std::io::Result<()> {
    let (failing, other): (Vec<&Finding>, Vec<&Finding>) =
        c.findings.iter().partition(|f| fail_on.fails(f.severity));
    let name = xml_safe(c.result.component);
    let classname = xml_safe(c.result.workload);
    let file = xml_safe(c.result.path);
    let line = c.line.to_string();
    let el = w.create_element("testcase").with_attributes([
        ("name", name.as_str()),
        ("classname", classname.as_str()),
        ("file", file.as_str()),
        ("line", line.as_str()),
    ]);
    if failing.is_empty() && other.is_empty() {
        el.write_empty()?;
        return Ok(());
    }
    el.write_inner_content(|w| {
        if let Some(first) = failing.first() {
            let message = xml_safe(&first.message);
            w.create_element("failure")
                .with_attributes([("message", message.as_str()), ("type", first.code.id())])
                .write_text_content(BytesText::new(&lines(&failing)))?;
        }
        if !other.is_empty() {
            w.create_element("system-out")
                .write_text_content(BytesText::new(&lines(&other)))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn input_suite(w: &mut W, errors: &[Diagnostic]) -> std::io::Result<()> {
    let n = errors.len().to_string();
    w.create_element("testsuite")
        .with_attributes([
            ("name", "input"),
            ("tests", n.as_str()),
            ("failures", "0"),
            ("errors", n.as_str()),
            ("skipped", "0"),
        ])
        .write_inner_content(|w| {
            for (d, name) in errors.iter().zip(case_names(errors)) {
                let name = xml_safe(&name);
                let message = xml_safe(&d.to_string());
                w.create_element("testcase")
                    .with_attributes([("name", name.as_str()), ("classname", "ragfit.input")])
                    .write_inner_content(|w| {
                        w.create_element("error")
                            .with_attributes([("message", message.as_str()), ("type", "input")])
                            .write_empty()?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// A test case name per input problem, unique in the suite: the path, with
/// the position when the problem has one, and a counter when two problems
/// share both (CI test views merge or drop test cases that share a name).
fn case_names(errors: &[Diagnostic]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    errors
        .iter()
        .map(|d| {
            let base = match d.pos {
                Some(p) => format!("{}:{}:{}", d.path, p.line, p.column),
                None => d.path.clone(),
            };
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            match *n {
                1 => base,
                n => format!("{base} ({n})"),
            }
        })
        .collect()
}

/// Findings in the text format, one per line.
fn lines(findings: &[&Finding]) -> String {
    let text: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {}[{}]: {}",
                f.path, f.line, f.column, f.severity, f.code, f.message
            )
        })
        .collect();
    xml_safe(&text.join("\n"))
}

/// Replace characters XML 1.0 cannot carry at all (most C0 controls), which
/// a YAML double-quoted string can still produce. quick-xml escapes the rest.
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_case_names_are_unique() {
        use crate::diag::Pos;
        let errors = [
            Diagnostic::at("a.yaml", Pos::new(5, 7), "x"),
            Diagnostic::at("a.yaml", Pos::new(6, 1), "y"),
            Diagnostic::at("a.yaml", Pos::new(6, 1), "z"),
            Diagnostic::file("a.yaml", "w"),
        ];
        assert_eq!(
            case_names(&errors),
            ["a.yaml:5:7", "a.yaml:6:1", "a.yaml:6:1 (2)", "a.yaml"]
        );
    }

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(xml_safe("a\u{1}b\tc"), "a\u{FFFD}b\tc");
        assert_eq!(xml_safe("<&>\"'"), "<&>\"'");
    }
}
