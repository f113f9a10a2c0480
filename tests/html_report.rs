//! `score --format html` and `check --format html`, end to end: the page
//! parses as HTML5, has a chart marker and a full explanation per
//! component, links nowhere but to the rule base's sources and within
//! itself, runs no script, and keeps a hostile workload file's strings text.

use std::collections::BTreeSet;

use assert_cmd::Command;
use scraper::{Html, Selector};

fn ragfit(args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .env_remove("RAGFIT_RULES")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("RAGFIT_TODAY", "2030-01-01")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

fn parse(text: &str) -> Html {
    let doc = Html::parse_document(text);
    assert!(
        doc.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        doc.errors
    );
    doc
}

fn count(doc: &Html, css: &str) -> usize {
    doc.select(&Selector::parse(css).unwrap()).count()
}

/// Every web link the default rule base cites.
fn source_links() -> BTreeSet<String> {
    let rb = ragfit::rules::load_default().unwrap();
    let all = rb
        .rules
        .iter()
        .flat_map(|r| &r.sources)
        .chain(rb.gates.iter().flat_map(|g| &g.sources))
        .chain(rb.notes.iter().flat_map(|n| &n.sources));
    all.filter_map(|s| s.link()).collect()
}

/// The page is self-contained: no script, no fetched resource, and every
/// link is an anchor in the page or a source of the rule base.
fn assert_self_contained(doc: &Html, text: &str) {
    let sources = source_links();
    for tag in [
        "script", "link", "img", "iframe", "object", "embed", "base", "form",
    ] {
        assert_eq!(count(doc, tag), 0, "a <{tag}> element");
    }
    let mut links = 0;
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}={value}");
            assert!(name != "src" && !name.ends_with(":href"), "{name}={value}");
            if name == "href" {
                links += 1;
                assert!(
                    value.starts_with('#') || sources.contains(value),
                    "a link to {value} that is no source"
                );
            }
        }
    }
    assert!(links > 0);
    for needle in ["url(", "@import", "@font-face", "javascript:"] {
        assert!(!text.contains(needle), "{needle} in the page");
    }
}

#[test]
fn score_html_for_the_examples() {
    let (text, code) = ragfit(&["score", "examples/", "-f", "html"]);
    assert_eq!(code, 0);
    let doc = parse(&text);
    assert_eq!(count(&doc, "section.workload"), 4);
    assert_eq!(count(&doc, "section.workload figure svg"), 4);
    assert_eq!(count(&doc, "g.marker"), 13, "one marker per component");
    assert_eq!(count(&doc, "g.marker > title"), 13, "each with its tooltip");
    assert_eq!(count(&doc, "details"), 13, "one explanation per component");
    assert_eq!(count(&doc, "table.recommendations tbody tr"), 13);
    assert_eq!(
        count(&doc, "#summary tbody tr"),
        4,
        "a division row per workload"
    );
    // Notes link their sources; the examples have notes.
    assert!(count(&doc, "td.why a[href^='https://']") > 0);
    assert_self_contained(&doc, &text);
    // Every anchor points at an id of the page.
    let ids: BTreeSet<String> = doc
        .select(&Selector::parse("[id]").unwrap())
        .map(|e| e.value().id().unwrap().to_string())
        .collect();
    for a in doc.select(&Selector::parse("a[href^='#']").unwrap()) {
        let target = &a.value().attr("href").unwrap()[1..];
        assert!(ids.contains(target), "dangling #{target}");
    }
    assert_eq!(
        text,
        ragfit(&["score", "examples/", "-f", "html"]).0,
        "deterministic"
    );
}

#[test]
fn score_cost_html_shows_each_recommendations_monthly_cost() {
    let (text, code) = ragfit(&["score", "examples/support.yaml", "--cost", "-f", "html"]);
    assert_eq!(code, 0);
    let doc = parse(&text);
    assert_self_contained(&doc, &text);
    let head: Vec<String> = doc
        .select(&Selector::parse("table.recommendations thead th").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert!(head.iter().any(|h| h == "cost a month"), "{head:?}");
    // The same figure as the JSON report's, for every component.
    let json = Command::cargo_bin("ragfit")
        .unwrap()
        .env_remove("RAGFIT_RULES")
        .args(["score", "examples/support.yaml", "--cost", "-f", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let col = head.iter().position(|h| h == "cost a month").unwrap();
    let rows: Vec<Vec<String>> = doc
        .select(&Selector::parse("table.recommendations tbody tr").unwrap())
        .map(|tr| {
            tr.select(&Selector::parse("td").unwrap())
                .map(|td| td.text().collect())
                .collect()
        })
        .collect();
    let results = v["results"].as_array().unwrap();
    assert_eq!(rows.len(), results.len());
    for (row, r) in rows.iter().zip(results) {
        let rec = r["recommendation"].as_str().unwrap();
        let usd = r["cost"]["monthly_usd"][rec].as_f64().unwrap();
        let shown: f64 = row[col]
            .trim_start_matches('$')
            .replace(',', "")
            .parse()
            .unwrap();
        assert!((shown - usd).abs() < 0.006, "{row:?} vs {usd}");
    }
    // Without --cost there is no cost column.
    let (plain, _) = ragfit(&["score", "examples/support.yaml", "-f", "html"]);
    assert!(!plain.contains("cost a month"));
}

#[test]
fn check_html_judges_each_declaration() {
    let (text, code) = ragfit(&["check", "examples/", "-f", "html"]);
    assert_eq!(code, 1, "examples/ has one mismatch");
    let doc = parse(&text);
    assert_eq!(count(&doc, "g.marker"), 13);
    assert_eq!(count(&doc, "td.review"), 13);
    assert_eq!(count(&doc, "td.review .disagree"), 1);
    assert!(text.contains("error[RF001]"));
    assert_self_contained(&doc, &text);
}

#[test]
fn hostile_strings_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.yaml");
    std::fs::write(
        &path,
        r#"workload: "</title><script>alert(1)</script>"
description: "<img src=x onerror=alert(1)> & <a href='https://evil.example'>x</a>"
components:
  - name: "<script>alert(1)</script>"
    description: "\"><svg onload=alert(1)>"
    answers: {}
"#,
    )
    .unwrap();
    let file = path.to_str().unwrap();
    for cmd in ["score", "check"] {
        let (text, _) = ragfit(&[cmd, file, "-f", "html"]);
        let doc = parse(&text);
        assert_eq!(count(&doc, "script"), 0, "{cmd}");
        assert_eq!(count(&doc, "img"), 0, "{cmd}");
        assert_eq!(count(&doc, "g.marker"), 1, "{cmd}");
        assert!(!text.contains("https://evil.example'>"), "{cmd}");
        assert_self_contained(&doc, &text);
        // The name is shown, as text, in the table, the chart and the details.
        let name = "<script>alert(1)</script>";
        let in_table = doc
            .select(&Selector::parse("td.name").unwrap())
            .any(|td| td.text().collect::<String>() == name);
        assert!(in_table, "{cmd}: the name is not shown as text");
        assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}
