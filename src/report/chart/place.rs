//! Where a marker's name goes on the SVG chart: beside the marker, in the
//! first of a fixed list of places where it overlaps nothing (other names,
//! markers, region labels), stays inside the plot and does not cross into
//! another region; failing that, where it overlaps least. Widths are
//! estimated from the character count (the SVG renderer's fonts are unknown),
//! generously.

/// Estimated advance of one character of a 12-unit font (wide enough for
/// DejaVu Sans, the widest common sans-serif): overestimating only costs space.
pub const CHAR_WIDTH: f64 = 7.2;
/// The markers' radius.
pub const MARKER: f64 = 7.0;

fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * CHAR_WIDTH
}

/// A box on the chart: what a label must not overlap.
#[derive(Clone, Copy, Debug)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    /// The area two boxes share.
    pub fn overlap(&self, o: &Rect) -> f64 {
        let w = self.x1.min(o.x1) - self.x0.max(o.x0);
        let h = self.y1.min(o.y1) - self.y0.max(o.y0);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }

    /// Whether this box lies within `o`.
    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }
}

/// The first place beside a marker where its name overlaps nothing and stays
/// inside the plot; failing that, the place with the least overlap.
pub fn place_label(
    name: &str,
    x: f64,
    y: f64,
    taken: &[Rect],
    bounds: &Rect,
    region: &Rect,
) -> (f64, f64, &'static str, Rect) {
    let w = text_width(name);
    let gap = MARKER + 4.0;
    // (anchor x, baseline y, anchor) — right, left, above, below, then
    // further out diagonally.
    let candidates = [
        (x + gap, y + 4.0, "start"),
        (x - gap, y + 4.0, "end"),
        (x, y - gap - 2.0, "middle"),
        (x, y + gap + 11.0, "middle"),
        (x + gap, y - gap, "start"),
        (x + gap, y + gap + 8.0, "start"),
        (x - gap, y - gap, "end"),
        (x - gap, y + gap + 8.0, "end"),
        (x, y - gap - 16.0, "middle"),
        (x, y + gap + 25.0, "middle"),
    ];
    let rect_of = |(tx, ty, anchor): (f64, f64, &str)| {
        let x0 = match anchor {
            "start" => tx,
            "end" => tx - w,
            _ => tx - w / 2.0,
        };
        Rect {
            x0,
            y0: ty - 11.0,
            x1: x0 + w,
            y1: ty + 3.0,
        }
    };
    let cost = |r: &Rect| {
        let overlap: f64 = taken.iter().map(|t| t.overlap(r)).sum();
        // Leaving the plot is worse than touching another label; crossing
        // a threshold line into another region would misread as belonging
        // there, so that is avoided too.
        let outside = if r.inside(bounds) { 0.0 } else { 1e6 };
        let across = if r.inside(region) { 0.0 } else { 1e4 };
        overlap + outside + across
    };
    let mut best = (f64::INFINITY, candidates[0]);
    for c in candidates {
        let r = rect_of(c);
        let score = cost(&r);
        if score == 0.0 {
            return (c.0, c.1, c.2, r);
        }
        if score < best.0 {
            best = (score, c);
        }
    }
    let c = best.1;
    (c.0, c.1, c.2, rect_of(c))
}
