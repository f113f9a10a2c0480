//! `score --format svg`: one well-formed SVG document with a chart per
//! workload and a marker per component, and what it looks like: the charts
//! are rendered to PNG with resvg and the pixels checked for the regions'
//! and markers' colours.
//!
//! `RAGFIT_SCREENSHOTS=1 cargo test --test svg_report` also writes the
//! rendering of `examples/support.yaml`'s chart to `docs/chart.png`, the
//! README's picture of it.

use assert_cmd::Command;

fn svg_of(args: &[&str]) -> String {
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .env_remove("RAGFIT_RULES")
        .env_remove("COLUMNS")
        .args(["score", "-f", "svg"])
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_svg_parses_as_xml_with_a_chart_per_workload_and_a_marker_per_component() {
    let text = svg_of(&["examples/"]);
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("height"), Some("1984"), "four charts of 496");
    let charts = root
        .descendants()
        .filter(|n| n.has_tag_name("svg") && *n != root)
        .count();
    assert_eq!(charts, 4);
    let markers: Vec<_> = root
        .descendants()
        .filter(|n| n.attribute("class") == Some("marker"))
        .collect();
    assert_eq!(markers.len(), 13, "one per component of examples/");
    // Each marker has its tooltip and its name.
    for m in &markers {
        let title = m.children().find(|c| c.has_tag_name("title")).unwrap();
        assert!(title.text().unwrap().contains("confidence"), "{title:?}");
        assert!(m.children().any(|c| c.has_tag_name("text")));
    }
    // Nothing to fetch: no reference to anything outside the document.
    for n in root.descendants() {
        for a in n.attributes() {
            assert!(
                !a.value().contains("http") || a.name() == "xmlns",
                "{}={}",
                a.name(),
                a.value()
            );
        }
    }
    assert_eq!(text, svg_of(&["examples/"]), "deterministic");
}

#[test]
fn a_hostile_name_stays_text_in_the_svg() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.yaml");
    std::fs::write(
        &path,
        "workload: \"<svg onload=alert(1)>\"\ncomponents:\n  - name: \"<script>alert(1)</script>\"\n    answers: {}\n",
    )
    .unwrap();
    let text = svg_of(&[path.to_str().unwrap()]);
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
    assert!(doc.descendants().all(|n| n.attribute("onload").is_none()));
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/// Render an SVG to an RGBA pixmap with the system's fonts.
fn render(svg: &str) -> resvg::tiny_skia::Pixmap {
    let mut opt = resvg::usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(svg, &opt).expect("resvg parses it");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
}

fn has_colour(p: &resvg::tiny_skia::Pixmap, hex: &str) -> bool {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
    let (r, g, b) = ((v >> 16) as u8, (v >> 8) as u8, v as u8);
    p.pixels()
        .iter()
        .any(|px| px.red() == r && px.green() == g && px.blue() == b && px.alpha() == 255)
}

#[test]
fn the_rendered_chart_shows_the_regions_and_the_markers() {
    let text = svg_of(&["examples/"]);
    let png = render(&text);
    assert_eq!((png.width(), png.height()), (640, 1984));
    // The four region shades and the four outcomes' marker colours.
    for c in ["#dbeafe", "#f3e8ff", "#cffafe", "#dcfce7"] {
        assert!(has_colour(&png, c), "region colour {c} missing");
    }
    for c in ["#1d4ed8", "#7e22ce", "#0e7490", "#15803d"] {
        assert!(has_colour(&png, c), "marker colour {c} missing");
    }
    png.save_png(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("examples.png"))
        .unwrap();
    if std::env::var_os("RAGFIT_SCREENSHOTS").is_some() {
        render(&svg_of(&["examples/support.yaml"]))
            .save_png("docs/chart.png")
            .unwrap();
    }
}
