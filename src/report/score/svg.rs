//! `score --format svg`: every workload's quadrant and nothing else, one
//! under the other in one SVG document — to drop into slides or a wiki page.
//!
//! The document's height depends on how many workloads there are, so the
//! charts wait in a spool and the opening tag is written last
//! ([`Renderer::summary_first`]); each chart is moved into place by the
//! group that [`Renderer::before`] opens, which is written in path order,
//! where its position is known.

use super::{FileScore, Renderer, ScoreTotals};
use crate::report::chart::{self, svg, Quadrant};
use crate::report::Section;

/// The SVG format.
pub struct Svg {
    quadrant: Quadrant,
}

impl Svg {
    /// The format for a rule base's quadrant (`score` refuses the format
    /// for a rule base without two axes before it gets here).
    pub fn new(quadrant: Quadrant) -> Self {
        Svg { quadrant }
    }
}

fn chart_height() -> f64 {
    svg::height(true)
}

impl Renderer for Svg {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn summary_first(&self) -> bool {
        true
    }

    fn head(&self, totals: &ScoreTotals) -> anyhow::Result<String> {
        let w = svg::WIDTH;
        // Never zero: a document of no chart still opens in a viewer.
        let h = chart_height() * totals.files.max(1) as f64;
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n\
<title>ragfit: {} × {} quadrants</title>\n\
<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n",
            crate::report::style::html::escape(&self.quadrant.x.id),
            crate::report::style::html::escape(&self.quadrant.y.id),
        );
        if totals.files == 0 {
            out.push_str("<text x=\"20\" y=\"40\">no workload could be scored</text>\n");
        }
        Ok(out)
    }

    fn before(&self, n: usize) -> String {
        format!(
            "<g transform=\"translate(0 {})\">\n",
            chart_height() * n as f64
        )
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let q = &self.quadrant;
        let title = (f.summary.workload.as_str(), f.path.as_str());
        let mut out = svg::render(q, &chart::markers(q, &f.results), Some(title), None);
        out.push_str("</g>\n");
        Ok(out.into())
    }

    fn end(&self, _totals: &ScoreTotals) -> anyhow::Result<String> {
        Ok("</svg>\n".into())
    }
}
