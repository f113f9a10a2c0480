//! `rules test --format junit`: JUnit XML for CI test views. One test suite
//! per case file, one test case per case; a case that did not hold is a
//! `<failure>` with every reason; case files that could not be read are test
//! cases with an `<error>`, so a report never looks green when a file was unusable.

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::{decided_lines, invalid_files, TestReport};
use crate::cases::{CaseReport, FileReport};
use crate::diag::Diagnostic;
use crate::report::check::junit::{testsuite, xml_safe};

type W = Writer<Vec<u8>>;

/// Render the report as one JUnit XML document.
pub fn render(report: &TestReport) -> anyhow::Result<String> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let s = &report.summary;
    let bad = invalid_files(&report.errors);
    let tests = (s.cases + bad).to_string();
    let failures = s.failed.to_string();
    let errors = bad.to_string();
    w.create_element("testsuites")
        .with_attributes([
            ("name", "ragfit rules test"),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", errors.as_str()),
        ])
        .write_inner_content(|w| {
            for f in &report.files {
                suite(w, f)?;
            }
            if !report.errors.is_empty() {
                input_suite(w, &report.errors)?;
            }
            Ok(())
        })?;
    let mut out = String::from_utf8(w.into_inner())?;
    out.push('\n');
    Ok(out)
}

fn suite(w: &mut W, f: &FileReport) -> std::io::Result<()> {
    testsuite(w, &f.path, f.failed(), &f.cases, |w, c| case(w, f, c))
}

fn case(w: &mut W, f: &FileReport, c: &CaseReport) -> std::io::Result<()> {
    let name = xml_safe(&c.name);
    let file = xml_safe(&f.path);
    let line = c.line.to_string();
    let el = w.create_element("testcase").with_attributes([
        ("name", name.as_str()),
        ("classname", file.as_str()),
        ("file", file.as_str()),
        ("line", line.as_str()),
    ]);
    if c.passed {
        el.write_empty()?;
        return Ok(());
    }
    el.write_inner_content(|w| {
        let message = xml_safe(&c.failures.join("; "));
        let mut body = c.failures.clone();
        body.extend(decided_lines(c));
        w.create_element("failure")
            .with_attributes([("message", message.as_str()), ("type", "expectation")])
            .write_text_content(BytesText::new(&xml_safe(&body.join("\n"))))?;
        Ok(())
    })?;
    Ok(())
}

fn input_suite(w: &mut W, errors: &[Diagnostic]) -> std::io::Result<()> {
    let n = invalid_files(errors).to_string();
    w.create_element("testsuite")
        .with_attributes([
            ("name", "input"),
            ("tests", n.as_str()),
            ("failures", "0"),
            ("errors", n.as_str()),
            ("skipped", "0"),
        ])
        .write_inner_content(|w| {
            let mut i = 0;
            while i < errors.len() {
                let path = &errors[i].path;
                let group: Vec<String> = errors[i..]
                    .iter()
                    .take_while(|d| &d.path == path)
                    .map(|d| d.to_string())
                    .collect();
                i += group.len();
                let name = xml_safe(path);
                let message = xml_safe(&group[0]);
                w.create_element("testcase")
                    .with_attributes([("name", name.as_str()), ("classname", "ragfit.input")])
                    .write_inner_content(|w| {
                        w.create_element("error")
                            .with_attributes([("message", message.as_str()), ("type", "input")])
                            .write_text_content(BytesText::new(&xml_safe(&group.join("\n"))))?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}
