//! `check --format junit`: JUnit XML for CI test reports (GitLab, Jenkins,
//! Azure). One test suite per workload file, one test case per component; a
//! component fails when it has findings at or above `--fail-on`. Files that
//! could not be checked become test cases with an `<error>`, so a report never
//! looks green when input was unusable.

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::check::{CheckReport, ComponentCheck, Finding};

type W = Writer<Vec<u8>>;

/// Render the JUnit XML report.
pub fn render(report: &CheckReport) -> anyhow::Result<String> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let failing_components = report
        .components
        .iter()
        .filter(|c| {
            report
                .findings_for(c)
                .any(|f| report.fail_on.fails(f.severity))
        })
        .count();
    let tests = (report.components.len() + report.errors.len()).to_string();
    let failures = failing_components.to_string();
    let errors = report.errors.len().to_string();
    w.create_element("testsuites")
        .with_attributes([
            ("name", "ragfit check"),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", errors.as_str()),
        ])
        .write_inner_content(|w| {
            for path in paths(report) {
                suite(w, report, path)?;
            }
            if !report.errors.is_empty() {
                input_suite(w, report)?;
            }
            Ok(())
        })?;
    let mut s = String::from_utf8(w.into_inner())?;
    s.push('\n');
    Ok(s)
}

fn paths(report: &CheckReport) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in &report.components {
        if !out.contains(&c.result.path.as_str()) {
            out.push(&c.result.path);
        }
    }
    out
}

fn suite(w: &mut W, report: &CheckReport, path: &str) -> std::io::Result<()> {
    let comps: Vec<&ComponentCheck> = report
        .components
        .iter()
        .filter(|c| c.result.path == path)
        .collect();
    let failures = comps
        .iter()
        .filter(|c| {
            report
                .findings_for(c)
                .any(|f| report.fail_on.fails(f.severity))
        })
        .count()
        .to_string();
    let tests = comps.len().to_string();
    let name = xml_safe(path);
    w.create_element("testsuite")
        .with_attributes([
            ("name", name.as_str()),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", "0"),
            ("skipped", "0"),
        ])
        .write_inner_content(|w| {
            for c in comps {
                case(w, report, c)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn case(w: &mut W, report: &CheckReport, c: &ComponentCheck) -> std::io::Result<()> {
    let (failing, other): (Vec<&Finding>, Vec<&Finding>) = report
        .findings_for(c)
        .partition(|f| report.fail_on.fails(f.severity));
    let name = xml_safe(&c.result.component);
    let classname = xml_safe(&c.result.workload);
    let file = xml_safe(&c.result.path);
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

fn input_suite(w: &mut W, report: &CheckReport) -> std::io::Result<()> {
    let n = report.errors.len().to_string();
    w.create_element("testsuite")
        .with_attributes([
            ("name", "input"),
            ("tests", n.as_str()),
            ("failures", "0"),
            ("errors", n.as_str()),
            ("skipped", "0"),
        ])
        .write_inner_content(|w| {
            for d in &report.errors {
                let name = xml_safe(&d.path);
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
    fn control_characters_are_replaced() {
        assert_eq!(xml_safe("a\u{1}b\tc"), "a\u{FFFD}b\tc");
        assert_eq!(xml_safe("<&>\"'"), "<&>\"'");
    }
}
