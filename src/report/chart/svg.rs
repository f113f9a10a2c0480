//! The quadrant as SVG, for the HTML report (inline) and `score --format
//! svg` (one document of every workload's chart): the four regions shaded
//! and labelled with their outcomes, the thresholds as dashed lines, one
//! marker per component (its shape and colour say its recommendation) with
//! its name beside it and a `<title>` tooltip with the figures.
//!
//! Self-contained and deterministic: no script, no font or image fetched,
//! coordinates printed to one decimal. Names are placed beside their
//! markers where they overlap nothing (other names, markers, region labels,
//! the plot's edges); text widths are estimated, generously, from the
//! character count, since an SVG is drawn by a renderer whose fonts are
//! unknown.

use super::place::{place_label, Rect, CHAR_WIDTH, MARKER};
use super::{Marker, Quadrant};
use crate::report::style::html::escape;
use crate::rules::Outcome;

/// Width of a chart, in SVG user units (pixels at 100%).
pub const WIDTH: f64 = 640.0;

const PLOT_LEFT: f64 = 64.0;
const PLOT_RIGHT: f64 = WIDTH - 20.0;
const PLOT_HEIGHT: f64 = 400.0;
const TITLE_SPACE: f64 = 40.0;
const TOP: f64 = 16.0;
const BOTTOM_SPACE: f64 = 56.0;
const FONT: f64 = 12.0;

/// Height of a chart, with or without a title line.
pub fn height(titled: bool) -> f64 {
    top(titled) + PLOT_HEIGHT + BOTTOM_SPACE
}

fn top(titled: bool) -> f64 {
    if titled {
        TITLE_SPACE
    } else {
        TOP
    }
}

/// The colour of an outcome's markers and label.
pub fn outcome_color(o: Outcome) -> &'static str {
    match o {
        Outcome::Rag => "#1d4ed8",
        Outcome::FineTune => "#7e22ce",
        Outcome::Hybrid => "#0e7490",
        Outcome::PromptOnly => "#15803d",
    }
}

/// The light shade of an outcome's region.
pub fn region_color(o: Outcome) -> &'static str {
    match o {
        Outcome::Rag => "#dbeafe",
        Outcome::FineTune => "#f3e8ff",
        Outcome::Hybrid => "#cffafe",
        Outcome::PromptOnly => "#dcfce7",
    }
}

/// Score to position: each axis spans `lo - 0.5 ..= hi + 0.5`, so markers at
/// the edge stay inside, and the threshold line sits half a point below the
/// threshold: a score exactly at it is visibly on the high side.
struct Frame {
    q: Quadrant,
    top: f64,
}

impl Frame {
    fn bottom(&self) -> f64 {
        self.top + PLOT_HEIGHT
    }

    fn x(&self, v: f64) -> f64 {
        let a = &self.q.x;
        let span = (a.hi - a.lo) as f64 + 1.0;
        PLOT_LEFT + (v - a.lo as f64 + 0.5) / span * (PLOT_RIGHT - PLOT_LEFT)
    }

    fn y(&self, v: f64) -> f64 {
        let a = &self.q.y;
        let span = (a.hi - a.lo) as f64 + 1.0;
        self.bottom() - (v - a.lo as f64 + 0.5) / span * PLOT_HEIGHT
    }

    fn threshold_x(&self) -> f64 {
        self.x(self.q.x.threshold as f64 - 0.5)
    }

    fn threshold_y(&self) -> f64 {
        self.y(self.q.y.threshold as f64 - 0.5)
    }

    fn plot(&self) -> Rect {
        Rect {
            x0: PLOT_LEFT,
            y0: self.top,
            x1: PLOT_RIGHT,
            y1: self.bottom(),
        }
    }

    /// The region a point is in, as a box (markers are kept inside theirs).
    fn region_of(&self, x_high: bool, y_high: bool) -> Rect {
        let (tx, ty) = (self.threshold_x(), self.threshold_y());
        Rect {
            x0: if x_high { tx } else { PLOT_LEFT },
            x1: if x_high { PLOT_RIGHT } else { tx },
            y0: if y_high { self.top } else { ty },
            y1: if y_high { ty } else { self.bottom() },
        }
    }
}

/// One chart as an `<svg>` element (with its namespace, so it stands alone
/// or nests), `title` (a workload's name and path) on a line above the plot
/// when given, placed at `y` inside an enclosing SVG when given.
pub fn render(
    q: &Quadrant,
    markers: &[Marker],
    title: Option<(&str, &str)>,
    y: Option<f64>,
) -> String {
    let f = Frame {
        q: q.clone(),
        top: top(title.is_some()),
    };
    let h = height(title.is_some());
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{} width=\"{WIDTH}\" height=\"{h}\" \
viewBox=\"0 0 {WIDTH} {h}\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" \
font-size=\"{FONT}\" role=\"img\">\n",
        y.map(|y| format!(" x=\"0\" y=\"{y}\"")).unwrap_or_default()
    );
    let label = format!(
        "{} × {} quadrant{}",
        q.x.id,
        q.y.id,
        title
            .map(|(name, path)| format!(": {name} ({path})"))
            .unwrap_or_default()
    );
    out.push_str(&format!("<title>{}</title>\n", escape(&label)));
    if let Some((name, path)) = title {
        // Bold 15px runs about 9.6 units a character: the name gets what it
        // needs up to most of the line, the path (smaller) what is left.
        let room = WIDTH - PLOT_LEFT - 8.0;
        let name = clip(name, (room * 0.7 / 9.6) as usize);
        let left = room - name.chars().count() as f64 * 9.6 - 8.0;
        let path = clip(&format!("({path})"), (left / CHAR_WIDTH).max(0.0) as usize);
        out.push_str(&format!(
            "<text x=\"{PLOT_LEFT}\" y=\"24\" fill=\"#111827\"><tspan font-size=\"15\" \
font-weight=\"bold\">{}</tspan> <tspan fill=\"#4b5563\">{}</tspan></text>\n",
            escape(&name),
            escape(&path)
        ));
    }
    let labels = regions(&mut out, &f);
    axes(&mut out, &f);
    plot_markers(&mut out, &f, markers, labels);
    out.push_str("</svg>\n");
    out
}

/// `s`, cut to `n` characters with an ellipsis when longer.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut c: String = s.chars().take(n.saturating_sub(1)).collect();
    c.push('…');
    c
}

/// The shaded regions and their labels (whose boxes names must avoid).
fn regions(out: &mut String, f: &Frame) -> Vec<Rect> {
    let mut boxes = Vec::new();
    for (x_high, y_high) in [(false, true), (true, true), (false, false), (true, false)] {
        let o = f.q.region(x_high, y_high);
        let r = f.region_of(x_high, y_high);
        out.push_str(&format!(
            "<rect class=\"region\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>\n",
            r.x0,
            r.y0,
            r.x1 - r.x0,
            r.y1 - r.y0,
            region_color(o)
        ));
        // Labels sit in the region's outer corner, clear of the thresholds.
        let w = o.id().len() as f64 * 9.0;
        let (x, anchor, x0) = if x_high {
            (r.x1 - 8.0, "end", r.x1 - 8.0 - w)
        } else {
            (r.x0 + 8.0, "start", r.x0 + 8.0)
        };
        let y = if y_high { r.y0 + 20.0 } else { r.y1 - 10.0 };
        out.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" font-size=\"14\" \
font-weight=\"bold\" fill=\"{}\" fill-opacity=\"0.75\">{}</text>\n",
            outcome_color(o),
            o.id()
        ));
        boxes.push(Rect {
            x0,
            y0: y - 14.0,
            x1: x0 + w,
            y1: y + 4.0,
        });
    }
    boxes
}

/// The frame, the dashed threshold lines, the ticks and the axis titles.
fn axes(out: &mut String, f: &Frame) {
    let (tx, ty) = (f.threshold_x(), f.threshold_y());
    let (top, bottom) = (f.top, f.bottom());
    out.push_str(&format!(
        "<rect x=\"{PLOT_LEFT}\" y=\"{top}\" width=\"{}\" height=\"{PLOT_HEIGHT}\" fill=\"none\" stroke=\"#6b7280\"/>\n",
        PLOT_RIGHT - PLOT_LEFT
    ));
    out.push_str(&format!(
        "<line class=\"threshold\" x1=\"{tx:.1}\" y1=\"{top}\" x2=\"{tx:.1}\" y2=\"{bottom}\" stroke=\"#374151\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n\
<line class=\"threshold\" x1=\"{PLOT_LEFT}\" y1=\"{ty:.1}\" x2=\"{PLOT_RIGHT}\" y2=\"{ty:.1}\" stroke=\"#374151\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
    ));
    let tick = "fill=\"#374151\"";
    let (x, y) = (&f.q.x, &f.q.y);
    // Across: the ends and the threshold (labelled "≥ t": high from there).
    for (pos, text, anchor) in [
        (f.x(x.lo as f64), x.lo.to_string(), "middle"),
        (tx, format!("≥ {}", x.threshold), "middle"),
        (f.x(x.hi as f64), x.hi.to_string(), "middle"),
    ] {
        out.push_str(&format!(
            "<text x=\"{pos:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" {tick}>{}</text>\n",
            bottom + 16.0,
            escape(&text)
        ));
    }
    for (pos, text) in [
        (f.y(y.lo as f64), y.lo.to_string()),
        (ty, format!("≥ {}", y.threshold)),
        (f.y(y.hi as f64), y.hi.to_string()),
    ] {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" {tick}>{}</text>\n",
            PLOT_LEFT - 6.0,
            pos + 4.0,
            escape(&text)
        ));
    }
    out.push_str(&format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#111827\">{} need →</text>\n",
        (PLOT_LEFT + PLOT_RIGHT) / 2.0,
        bottom + 38.0,
        escape(&x.id)
    ));
    let cy = (top + bottom) / 2.0;
    out.push_str(&format!(
        "<text x=\"20\" y=\"{cy:.1}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#111827\" \
transform=\"rotate(-90 20 {cy:.1})\">{} need →</text>\n",
        escape(&y.id)
    ));
}

/// A marker's shape at `(x, y)`: circle (rag), square (fine-tune), diamond
/// (hybrid), triangle (prompt-only) — told apart without colour too.
fn shape(o: Outcome, x: f64, y: f64) -> String {
    let r = MARKER;
    let style = format!(
        "fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"",
        outcome_color(o)
    );
    match o {
        Outcome::Rag => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\" {style}/>"),
        Outcome::FineTune => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" {style}/>",
            x - r * 0.9,
            y - r * 0.9,
            r * 1.8,
            r * 1.8
        ),
        Outcome::Hybrid => format!(
            "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" {style}/>",
            x,
            y - r * 1.2,
            x + r * 1.2,
            y,
            x,
            y + r * 1.2,
            x - r * 1.2,
            y
        ),
        Outcome::PromptOnly => format!(
            "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" {style}/>",
            x,
            y - r * 1.15,
            x + r * 1.1,
            y + r * 0.8,
            x - r * 1.1,
            y + r * 0.8
        ),
    }
}

/// Where each marker goes: at its scores (clamped to the range shown), moved
/// off any marker already at the same spot along a small circle, and kept
/// inside its own region (a marker never crosses a threshold line).
fn positions(f: &Frame, markers: &[Marker]) -> Vec<(f64, f64)> {
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for m in markers {
        let (x0, y0) = (f.x(f.q.x.shown(m.x) as f64), f.y(f.q.y.shown(m.y) as f64));
        let region = f.region_of(m.x >= f.q.x.threshold, m.y >= f.q.y.threshold);
        let inside = |(x, y): (f64, f64)| {
            (
                x.clamp(region.x0 + MARKER + 2.0, region.x1 - MARKER - 2.0),
                y.clamp(region.y0 + MARKER + 2.0, region.y1 - MARKER - 2.0),
            )
        };
        let clear = |p: (f64, f64)| {
            placed
                .iter()
                .all(|q| (q.0 - p.0).hypot(q.1 - p.1) >= 2.0 * MARKER + 2.0)
        };
        let mut at = inside((x0, y0));
        'search: for ring in 1..=4 {
            if clear(at) {
                break;
            }
            for k in 0..8 {
                let a = std::f64::consts::FRAC_PI_4 * k as f64;
                let d = ring as f64 * (2.0 * MARKER + 3.0);
                let p = inside((x0 + d * a.cos(), y0 + d * a.sin()));
                if clear(p) {
                    at = p;
                    break 'search;
                }
            }
        }
        placed.push(at);
    }
    placed
}

/// The markers and their names, each in a group with its tooltip.
fn plot_markers(out: &mut String, f: &Frame, markers: &[Marker], mut taken: Vec<Rect>) {
    let at = positions(f, markers);
    taken.extend(at.iter().map(|&(x, y)| Rect {
        x0: x - MARKER - 1.0,
        y0: y - MARKER - 1.0,
        x1: x + MARKER + 1.0,
        y1: y + MARKER + 1.0,
    }));
    let bounds = f.plot();
    for (m, &(x, y)) in markers.iter().zip(&at) {
        let name = if m.off_chart(&f.q) {
            format!("{} ({}, {})", m.name, m.x, m.y)
        } else {
            m.name.clone()
        };
        let region = f.region_of(m.x >= f.q.x.threshold, m.y >= f.q.y.threshold);
        let (tx, ty, anchor, rect) = place_label(&name, x, y, &taken, &bounds, &region);
        taken.push(rect);
        let tip = format!(
            "{}: {} (confidence {:.2}{}); {} {} / {}, {} {} / {}{}",
            m.name,
            m.outcome.id(),
            m.confidence,
            if m.borderline { ", borderline" } else { "" },
            f.q.x.id,
            m.x,
            f.q.x.threshold,
            f.q.y.id,
            m.y,
            f.q.y.threshold,
            if m.off_chart(&f.q) {
                "; off the chart, drawn at its edge"
            } else {
                ""
            }
        );
        out.push_str(&format!(
            "<g class=\"marker\" data-outcome=\"{}\"><title>{}</title>{}\
<text x=\"{tx:.1}\" y=\"{ty:.1}\" text-anchor=\"{anchor}\" fill=\"#111827\" stroke=\"#ffffff\" \
stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">{}</text></g>\n",
            m.outcome.id(),
            escape(&tip),
            shape(m.outcome, x, y),
            escape(&name)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quadrant() -> Quadrant {
        Quadrant::of(&crate::rules::load_default().unwrap()).unwrap()
    }

    fn marker(name: &str, outcome: Outcome, x: i64, y: i64) -> Marker {
        Marker {
            key: '1',
            name: name.into(),
            outcome,
            confidence: 0.5,
            borderline: true,
            x,
            y,
        }
    }

    #[test]
    fn one_marker_per_component_with_an_escaped_name_and_tooltip() {
        let ms = vec![
            marker("<script>alert(1)</script>", Outcome::Rag, 11, 0),
            marker("b", Outcome::Hybrid, 9, 8),
        ];
        let svg = render(&quadrant(), &ms, Some(("w & co", "p")), None);
        assert_eq!(svg.matches("<g class=\"marker\"").count(), 2);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("w &amp; co"));
        assert!(svg.contains("confidence 0.50, borderline"));
    }

    #[test]
    fn markers_on_one_spot_are_spread_but_stay_in_their_region() {
        let q = quadrant();
        let f = Frame {
            q: q.clone(),
            top: TOP,
        };
        let ms: Vec<Marker> = (0..6).map(|_| marker("x", Outcome::Hybrid, 4, 4)).collect();
        let at = positions(&f, &ms);
        let region = f.region_of(true, true);
        for (i, a) in at.iter().enumerate() {
            assert!(a.0 > region.x0 && a.0 < region.x1 && a.1 > region.y0 && a.1 < region.y1);
            for b in &at[i + 1..] {
                assert!((a.0 - b.0).hypot(a.1 - b.1) >= 2.0 * MARKER, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_score_at_the_threshold_is_drawn_on_the_high_side() {
        let f = Frame {
            q: quadrant(),
            top: TOP,
        };
        assert!(f.x(4.0) > f.threshold_x());
        assert!(f.x(3.0) < f.threshold_x());
        assert!(f.y(4.0) < f.threshold_y());
    }

    #[test]
    fn off_chart_markers_carry_their_true_scores() {
        let svg = render(
            &quadrant(),
            &[marker("big", Outcome::Rag, 30, -20)],
            None,
            None,
        );
        assert!(svg.contains(">big (30, -20)</text>"), "{svg}");
        assert!(svg.contains("off the chart"));
    }
}
