//! `score --format html`: one self-contained page to pass around before an
//! architecture review. Per workload: its quadrant (inline SVG), the
//! recommendations with their reasons, gates, notes (with links to their
//! sources) and borderline alternatives, then each component's full
//! explanation, collapsed. A summary of how the techniques divide each
//! system is written last (it needs every file) and shown first.
//!
//! Streams like every format: a section per file, the summary rows as a
//! later part. Every string from a workload file is escaped; the only links
//! are the rule base's web sources and anchors within the page. The workload
//! section is shared with `check --format html`.

use super::table::{borderline_line, cost_cell, key_reasons};
use super::{FileScore, Renderer, ScoreTotals};
use crate::check::ComponentCheck;
use crate::report::chart::{self, svg, Quadrant};
use crate::report::explain::{html::details, ComponentExplain};
use crate::report::style::html::{
    anchor, badge, escape, page_end, page_start, sources_inline, SourceIndex,
};
use crate::report::Section;
use crate::result::{ComponentResult, WorkloadSummary};
use crate::rules::{Outcome, RuleBase};

/// The HTML format.
pub struct Html {
    quadrant: Option<Quadrant>,
    rule_base: String,
    sources: SourceIndex,
}

impl Html {
    /// The format for a rule base (no charts when it has no two axes).
    pub fn new(rb: &RuleBase) -> Self {
        Html {
            quadrant: Quadrant::of(rb),
            rule_base: rb.origin.clone(),
            sources: SourceIndex::of(rb),
        }
    }
}

impl Renderer for Html {
    fn begin(&self) -> anyhow::Result<String> {
        Ok(page_start(
            "ragfit recommendations",
            &format!("Rule base: {}", escape(&self.rule_base)),
        ))
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let page = Workload {
            path: &f.path,
            description: f.description.as_deref(),
            summary: &f.summary,
            rows: rows(&f.results, &f.explained, None),
        };
        Ok(Section {
            main: workload_section(self.quadrant.as_ref(), &page, &self.sources),
            later: vec![division_row(&page)],
        })
    }

    fn later_parts(&self) -> usize {
        1
    }

    fn middle(&self, _part: usize, t: &ScoreTotals) -> String {
        let mut out = summary_start(Some(t.files), t.components);
        out.push_str(&outcome_bar(&t.by_outcome, t.components));
        out.push_str(DIVISION_HEAD);
        out
    }

    fn end(&self, t: &ScoreTotals) -> anyhow::Result<String> {
        Ok(page_close(&t.errors, &self.sources))
    }

    fn detail(&self) -> bool {
        true
    }
}

/// One component as the page shows it: its result, its full explanation
/// (when the run made them), and the review's verdict for `check`.
pub struct Row<'a> {
    /// The recommendation.
    pub result: &'a ComponentResult<'a>,
    /// The full explanation.
    pub explain: Option<&'a ComponentExplain<'a>>,
    /// How `check` judged the declaration.
    pub review: Option<&'a ComponentCheck<'a>>,
}

/// Rows for results, explanations (possibly none) and reviews (possibly none).
pub fn rows<'a>(
    results: &'a [ComponentResult<'a>],
    explained: &'a [ComponentExplain<'a>],
    reviews: Option<&'a [ComponentCheck<'a>]>,
) -> Vec<Row<'a>> {
    results
        .iter()
        .enumerate()
        .map(|(i, r)| Row {
            result: r,
            explain: explained.get(i),
            review: reviews.and_then(|c| c.get(i)),
        })
        .collect()
}

/// One workload file as the page shows it.
pub struct Workload<'a> {
    /// The file.
    pub path: &'a str,
    /// The workload's description.
    pub description: Option<&'a str>,
    /// How its components divide between techniques.
    pub summary: &'a WorkloadSummary,
    /// Its components.
    pub rows: Vec<Row<'a>>,
}

/// A workload's section: heading, system summary, chart, table, explanations.
pub fn workload_section(q: Option<&Quadrant>, w: &Workload, refs: &SourceIndex) -> String {
    let s = w.summary;
    let mut out = format!(
        "<section class=\"workload\" id=\"{}\">\n<h2>{} <small>{}</small></h2>\n",
        anchor("w", &[w.path]),
        escape(&s.workload),
        escape(w.path)
    );
    if let Some(d) = w.description {
        out.push_str(&format!("<p>{}</p>\n", escape(d)));
    }
    out.push_str(&format!(
        "<p><span class=\"label\">System:</span> {}</p>\n",
        escape(&s.summary)
    ));
    let results: Vec<ComponentResult> = w.rows.iter().map(|r| r.result.clone()).collect();
    match q {
        Some(q) => out.push_str(&format!(
            "<figure>\n{}</figure>\n",
            svg::render(q, &chart::markers(q, &results), None, None)
        )),
        None => {
            out.push_str("<p class=\"note\">No chart: the rule base does not have two axes.</p>\n")
        }
    }
    recommendations(&mut out, w);
    if w.rows.iter().any(|r| r.explain.is_some()) {
        out.push_str("<h3>Full explanations</h3>\n");
        for r in &w.rows {
            if let Some(e) = r.explain {
                out.push_str(&details(
                    e,
                    &component_anchor(w.path, r.result.component),
                    refs,
                ));
            }
        }
    }
    out.push_str("</section>\n");
    out
}

fn component_anchor(path: &str, component: &str) -> String {
    anchor("c", &[path, component])
}

/// The recommendation table: one row per component, its reasons, gates,
/// notes and (when borderline) alternatives in the last column.
fn recommendations(out: &mut String, w: &Workload) {
    let Some(first) = w.rows.first() else {
        return;
    };
    let review = first.review.is_some();
    // `score --cost`: the recommended outcome's monthly cost, and (in the
    // reasons) what the cheapest outcome would save when it is another.
    let cost = w.rows.iter().any(|r| r.result.cost.is_some());
    // Column widths (the table's layout is fixed): name, outcome, figures,
    // declared, review; the reasons take the rest.
    out.push_str("<table class=\"recommendations\">\n<colgroup><col class=\"name\"><col class=\"outcome\"><col class=\"num\">");
    for _ in &first.result.scores.0 {
        out.push_str("<col class=\"num\">");
    }
    out.push_str("<col class=\"outcome\">");
    if cost {
        out.push_str("<col class=\"num\">");
    }
    if review {
        out.push_str("<col class=\"review\">");
    }
    out.push_str("<col></colgroup>\n<thead><tr><th>component</th><th>recommended</th><th class=\"num\">confidence</th>");
    for (axis, _) in &first.result.scores.0 {
        out.push_str(&format!("<th class=\"num\">{}</th>", escape(axis)));
    }
    out.push_str("<th>declared</th>");
    if cost {
        out.push_str("<th class=\"num\">cost a month</th>");
    }
    out.push_str(if review {
        "<th>review</th><th>why</th></tr></thead>\n<tbody>\n"
    } else {
        "<th>why</th></tr></thead>\n<tbody>\n"
    });
    for row in &w.rows {
        let r = row.result;
        let name = match row.explain {
            Some(_) => format!(
                "<a href=\"#{}\">{}</a>",
                component_anchor(w.path, r.component),
                escape(r.component)
            ),
            None => escape(r.component),
        };
        let conf = if r.borderline {
            format!(
                "{:.2}<br><span class=\"borderline\">borderline</span>",
                r.confidence
            )
        } else {
            format!("{:.2}", r.confidence)
        };
        out.push_str(&format!(
            "<tr><td class=\"name\">{name}</td><td>{}</td><td class=\"num\">{conf}</td>",
            badge(r.recommendation)
        ));
        for ((_, score), (_, threshold)) in r.scores.0.iter().zip(&r.thresholds.0) {
            out.push_str(&format!("<td class=\"num\">{score} / {threshold}</td>"));
        }
        let declared = match (r.architecture, r.matches) {
            (Some(a), Some(true)) => format!("{} <span class=\"agree\">✓</span>", badge(a)),
            (Some(a), _) => format!("{} <span class=\"disagree\">✗</span>", badge(a)),
            (None, _) => "—".into(),
        };
        out.push_str(&format!("<td>{declared}</td>"));
        if cost {
            let cell = cost_cell(r).unwrap_or_else(|| "—".into());
            out.push_str(&format!("<td class=\"num\">{}</td>", escape(&cell)));
        }
        if let Some(c) = row.review {
            out.push_str(&format!("<td class=\"review\">{}</td>", review_cell(c)));
        }
        out.push_str(&format!("<td class=\"why\">{}</td></tr>\n", why(row)));
    }
    out.push_str("</tbody>\n</table>\n");
}

/// `check`'s verdict and findings for a component.
fn review_cell(c: &ComponentCheck) -> String {
    let status = format!("{:?}", c.status).to_lowercase();
    let mut out = format!("<span class=\"{status}\">{status}</span>");
    for f in &c.findings {
        let sev = f.severity.to_string();
        out.push_str(&format!(
            "<br><span class=\"{sev}\">{sev}[{}]</span> {} <span class=\"path\">line {}</span>",
            f.code,
            escape(&f.message),
            f.line
        ));
    }
    out
}

/// The reasons (the strongest rules the way the result went, or the gate
/// that decided it), the gates that excluded outcomes, the notes with
/// their sources, and what a borderline result would become.
fn why(row: &Row) -> String {
    let r = row.result;
    let mut out = String::from("<ul>");
    let reasons = key_reasons(r, 3);
    if let Some(gate) = r.excluded.iter().find(|e| e.outcome == r.table_outcome) {
        if r.table_outcome != r.recommendation {
            out.push_str(&format!(
                "<li>gate <code>{}</code> excludes {}: {}</li>",
                escape(gate.gate),
                gate.outcome,
                escape(gate.reason)
            ));
        }
    }
    if !reasons.starts_with("gate:") {
        for id in reasons.split(", ").filter(|s| !s.is_empty()) {
            let because = r
                .rationale
                .iter()
                .find(|c| c.rule == id)
                .and_then(|c| c.because)
                .unwrap_or("");
            out.push_str(&format!(
                "<li><code>{}</code> {}</li>",
                escape(id),
                escape(because)
            ));
        }
    }
    out.push_str("</ul>");
    // One entry per gate, with every outcome it excludes.
    let mut by_gate: Vec<(&crate::result::Excluded, Vec<&str>)> = Vec::new();
    for e in &r.excluded {
        match by_gate.iter_mut().find(|(g, _)| g.gate == e.gate) {
            Some((_, outcomes)) => outcomes.push(e.outcome.id()),
            None => by_gate.push((e, vec![e.outcome.id()])),
        }
    }
    let excluded: Vec<String> = by_gate
        .iter()
        .map(|(e, outcomes)| {
            let may = if e.may_apply { " (may apply)" } else { "" };
            format!(
                "{} excluded by <code>{}</code>{may}: {}",
                outcomes.join(", "),
                escape(e.gate),
                escape(e.reason)
            )
        })
        .collect();
    if !excluded.is_empty() {
        out.push_str(&format!(
            "<p><span class=\"label\">Gates:</span> {}</p>",
            excluded.join("; ")
        ));
    }
    match row.explain {
        Some(e) => {
            for n in &e.note_details {
                out.push_str(&format!(
                    "<p><span class=\"label\">Note:</span> {} <span class=\"path\">({})</span></p>",
                    escape(&n.text),
                    sources_inline(&n.sources)
                ));
            }
        }
        None => {
            for n in &r.notes {
                out.push_str(&format!(
                    "<p><span class=\"label\">Note:</span> {}</p>",
                    escape(n)
                ));
            }
        }
    }
    if let Some(v) = crate::report::cost::verdict(r) {
        out.push_str(&format!(
            "<p class=\"cost\"><span class=\"label\">Cost:</span> {}</p>",
            escape(&v)
        ));
    }
    if let Some(line) = borderline_line(r) {
        let text = line.split_once(": ").map_or(line.as_str(), |(_, t)| t);
        let text = text.split_once(": ").map_or(text, |(_, t)| t);
        out.push_str(&format!(
            "<p class=\"borderline\"><span class=\"label\">Borderline:</span> {}</p>",
            escape(text)
        ));
    }
    out
}

/// The opening of the summary section: what the run covered (the number
/// of workloads when it is counted).
pub fn summary_start(files: Option<usize>, components: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let within = files.map_or(String::new(), |n| format!(" in {}", plural(n, "workload")));
    format!(
        "<section id=\"summary\">\n<h2>How the techniques divide the system</h2>\n<p>{}{within}.</p>\n",
        plural(components, "component"),
    )
}

/// A bar of the components per outcome, each part as wide as its share.
pub fn outcome_bar(counts: &[usize; 4], total: usize) -> String {
    if total == 0 {
        return String::new();
    }
    let mut out = String::from("<div class=\"bar\">");
    for (o, &n) in Outcome::ALL.iter().zip(counts) {
        if n > 0 {
            out.push_str(&format!(
                "<span class=\"{0}\" style=\"width:{1:.1}%\" title=\"{0}: {n}\">{0} {n}</span>",
                o.id(),
                100.0 * n as f64 / total as f64
            ));
        }
    }
    out.push_str("</div>\n");
    out
}

/// The head of the per-workload division table.
pub const DIVISION_HEAD: &str = "<table>\n<thead><tr><th>workload</th><th>rag</th>\
<th>fine-tune</th><th>hybrid</th><th>prompt-only</th></tr></thead>\n<tbody>\n";

/// The end of the summary section.
const DIVISION_END: &str = "</tbody>\n</table>\n</section>\n";

/// A workload's row of the division table: its components per outcome.
pub fn division_row(w: &Workload) -> String {
    let mut out = format!(
        "<tr><td><a href=\"#{}\">{}</a><br><span class=\"path\">{}</span></td>",
        anchor("w", &[w.path]),
        escape(&w.summary.workload),
        escape(w.path)
    );
    for o in Outcome::ALL {
        let names: Vec<String> = w
            .rows
            .iter()
            .filter(|r| r.result.recommendation == o)
            .map(|r| escape(r.result.component))
            .collect();
        out.push_str(&format!("<td>{}</td>", names.join("<br>")));
    }
    out.push_str("</tr>\n");
    out
}

/// The end of the page after the last division row (`score` and `check`):
/// the summary closed, the inputs that could not be assessed, the sources.
pub fn page_close(errors: &[crate::diag::Diagnostic], sources: &SourceIndex) -> String {
    let mut out = String::from(DIVISION_END);
    out.push_str(&errors_section(errors));
    out.push_str(&sources.section());
    out.push_str(&page_end());
    out
}

/// The files that could not be read or assessed.
fn errors_section(errors: &[crate::diag::Diagnostic]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let mut out =
        String::from("<section id=\"errors\">\n<h2>Input problems (not assessed)</h2>\n<ul>\n");
    for e in errors {
        out.push_str(&format!(
            "<li><code>{}</code></li>\n",
            escape(&e.to_string())
        ));
    }
    out.push_str("</ul>\n</section>\n");
    out
}
