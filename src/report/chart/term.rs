//! The quadrant in a terminal: the two axes with their threshold lines, the
//! four regions labelled with their outcomes, one key (`1`, `2`, …) per
//! component where its scores put it, and a legend with the true scores.
//!
//! Fitted to the style's width (40 to 100 columns), readable at 60. With
//! colour, keys and region labels take their outcome's colour; without, the
//! chart is the same characters and nothing else, so it reads in a log or a
//! pasted issue just as well.

use super::{Marker, Quadrant};
use crate::report::style::{ansi, outcome_ansi, Style};
use crate::rules::Outcome;

/// Data rows per half for a plot `plot` columns wide: about one row per
/// fourteen columns, so that the chart keeps the shape of a square chart on
/// a terminal (cells are twice as tall as wide) and stays short enough to sit
/// above a table; never fewer than four rows, never more than seven.
fn half_rows(plot: usize) -> usize {
    (plot / 14).clamp(4, 7)
}

/// One character of the drawing and the ANSI style it is shown in.
#[derive(Clone, Copy)]
struct Cell {
    ch: char,
    style: Option<&'static str>,
    marker: bool,
}

const BLANK: Cell = Cell {
    ch: ' ',
    style: None,
    marker: false,
};

/// The plot area: rows of cells between the y axis and the right edge.
struct Grid {
    rows: Vec<Vec<Cell>>,
    /// Columns left of the vertical threshold line (the low half across).
    left: usize,
    /// Columns right of it (the high half across).
    right: usize,
    /// Data rows in each half up.
    half: usize,
}

impl Grid {
    fn new(left: usize, right: usize, half: usize) -> Grid {
        let mut rows = vec![vec![BLANK; left + 1 + right]; 2 * half + 3];
        let threshold_row = half + 1;
        for (r, row) in rows.iter_mut().enumerate() {
            if r == threshold_row {
                row.iter_mut().for_each(|c| c.ch = '┄');
                row[left].ch = '┼';
            } else {
                row[left].ch = '┆';
            }
        }
        Grid {
            rows,
            left,
            right,
            half,
        }
    }

    fn text(&mut self, row: usize, col: usize, text: &str, style: Option<&'static str>) {
        for (i, ch) in text.chars().enumerate() {
            if let Some(cell) = self.rows[row].get_mut(col + i) {
                *cell = Cell {
                    ch,
                    style,
                    marker: false,
                };
            }
        }
    }

    /// The column of a score across: the low half maps `lo..threshold-1`
    /// onto its columns, the high half `threshold..hi` onto its own.
    fn col(&self, q: &Quadrant, score: i64) -> usize {
        let a = &q.x;
        let v = a.shown(score);
        if v >= a.threshold {
            self.left + 1 + scale(v - a.threshold, a.hi - a.threshold, self.right)
        } else {
            scale(v - a.lo, a.threshold - 1 - a.lo, self.left)
        }
    }

    /// The row of a score up (row 1 is the top of the high half).
    fn row(&self, q: &Quadrant, score: i64) -> usize {
        let a = &q.y;
        let v = a.shown(score);
        let half = self.half;
        if v >= a.threshold {
            half - scale(v - a.threshold, a.hi - a.threshold, half)
        } else {
            half + 2 + scale(a.threshold - 1 - v, a.threshold - 1 - a.lo, half)
        }
    }

    /// Whether a key may go at `(row, col)`: no other key there or right
    /// beside it, so that keys `1` and `2` never read as `12`.
    fn free(&self, row: usize, col: usize) -> bool {
        let cells = &self.rows[row];
        (col.saturating_sub(1)..=(col + 1).min(cells.len() - 1)).all(|c| !cells[c].marker)
    }

    /// Put a marker as near its place as the other markers allow, always in
    /// its own region (a key never crosses a threshold line).
    fn place(&mut self, q: &Quadrant, m: &Marker, color: bool) {
        let (row, col) = (self.row(q, m.y), self.col(q, m.x));
        let half = self.half;
        let rows = if row <= half {
            1..=half
        } else {
            half + 2..=2 * half + 1
        };
        let cols = if col < self.left {
            0..=self.left - 1
        } else {
            self.left + 1..=self.left + self.right
        };
        let mut best: Option<(usize, usize, usize)> = None;
        for r in rows {
            for c in cols.clone() {
                if !self.free(r, c) {
                    continue;
                }
                // Rows are about four times as tall as columns are wide.
                let d = 4 * r.abs_diff(row) + c.abs_diff(col);
                if best.is_none_or(|(bd, _, _)| d < bd) {
                    best = Some((d, r, c));
                }
            }
        }
        let (_, r, c) = best.unwrap_or((0, row, col));
        self.rows[r][c] = Cell {
            ch: m.key,
            style: color.then(|| marker_style(m.outcome)),
            marker: true,
        };
    }
}

/// Bold in the outcome's colour.
fn marker_style(o: Outcome) -> &'static str {
    match o {
        Outcome::Rag => "1;34",
        Outcome::FineTune => "1;35",
        Outcome::Hybrid => "1;36",
        Outcome::PromptOnly => "1;32",
    }
}

/// `offset` of `range` as one of `cells` positions (0 when there is only one).
fn scale(offset: i64, range: i64, cells: usize) -> usize {
    if cells <= 1 || range <= 0 {
        return 0;
    }
    let f = offset.clamp(0, range) as f64 / range as f64;
    (f * (cells - 1) as f64).round() as usize
}

/// Cells as text, styled runs wrapped in ANSI codes, trailing blanks dropped.
fn line(cells: &[Cell]) -> String {
    let end = cells.iter().rposition(|c| c.ch != ' ').map_or(0, |i| i + 1);
    let mut out = String::new();
    let mut i = 0;
    while i < end {
        let style = cells[i].style;
        let mut run = String::new();
        while i < end && cells[i].style == style {
            run.push(cells[i].ch);
            i += 1;
        }
        match style {
            Some(code) => out.push_str(&ansi(code, &run, true)),
            None => out.push_str(&run),
        }
    }
    out
}

/// The chart of `markers` at the style's width, ending with a newline.
pub fn render(q: &Quadrant, markers: &[Marker], style: Style) -> String {
    let width = usize::from(style.width);
    let ticks = [q.y.hi, q.y.threshold, q.y.lo].map(|v| v.to_string());
    let gutter = ticks.iter().map(String::len).max().unwrap_or(1);
    // Gutter, a space, the y axis; then the plot, its threshold column in the middle.
    let plot = width.saturating_sub(gutter + 2).max(21);
    let left = (plot - 1) / 2;
    let half = half_rows(plot);
    let mut grid = Grid::new(left, plot - 1 - left, half);
    let region_style = |o: Outcome| style.color.then(|| outcome_ansi(o));
    for (row, y_high) in [(0, true), (2 * half + 2, false)] {
        for (col, x_high) in [(1, false), (left + 2, true)] {
            let o = q.region(x_high, y_high);
            grid.text(row, col, o.id(), region_style(o));
        }
    }
    for m in markers {
        grid.place(q, m, style.color);
    }

    let mut out = format!("↑ {}\n", q.y.id);
    for (r, cells) in grid.rows.iter().enumerate() {
        let (tick, axis) = match r {
            1 => (ticks[0].as_str(), '┤'),
            r if r == half + 1 => (ticks[1].as_str(), '├'),
            r if r == 2 * half + 1 => (ticks[2].as_str(), '┤'),
            _ => ("", '│'),
        };
        out.push_str(&format!("{tick:>gutter$} {axis}{}\n", line(cells)));
    }
    let mut axis = format!("{:gutter$} └{}", "", "─".repeat(plot));
    let corner = gutter + 2 + left;
    axis = axis
        .chars()
        .enumerate()
        .map(|(i, c)| if i == corner { '┴' } else { c })
        .collect();
    out.push_str(&axis);
    out.push('\n');
    out.push_str(&x_ticks(q, gutter + 1, corner, gutter + 2 + plot));
    out.push_str(&format!(
        "{:>w$}\n",
        format!("{} →", q.x.id),
        w = gutter + 2 + plot
    ));
    legend(&mut out, q, markers, style);
    out
}

/// The tick labels across: `lo` under the corner, the threshold under its
/// line, `hi` ending at the right edge.
fn x_ticks(q: &Quadrant, start: usize, threshold_col: usize, end: usize) -> String {
    let mut row = vec![' '; end];
    let mut put = |at: usize, s: &str| {
        for (i, ch) in s.chars().enumerate() {
            if let Some(c) = row.get_mut(at + i) {
                *c = ch;
            }
        }
    };
    put(start, &q.x.lo.to_string());
    let t = q.x.threshold.to_string();
    put(threshold_col.saturating_sub(t.len() / 2), &t);
    let hi = q.x.hi.to_string();
    put(end.saturating_sub(hi.len()), &hi);
    let s: String = row.into_iter().collect();
    format!("{}\n", s.trim_end())
}

/// One line per marker: key, name, outcome, true scores, and whether the
/// chart had to draw it at an edge. When the longest of those lines would
/// not fit, each marker takes two: key, name and outcome, then the scores
/// indented under them (never a line broken mid-phrase).
fn legend(out: &mut String, q: &Quadrant, markers: &[Marker], style: Style) {
    let width = usize::from(style.width);
    let name_width = markers
        .iter()
        .map(|m| m.name.chars().count())
        .max()
        .unwrap_or(0);
    let scores = |m: &Marker| {
        let mut s = m.scores(q);
        if m.off_chart(q) {
            s.push_str(" (off the chart: drawn at its edge)");
        }
        s
    };
    let head = |m: &Marker| format!("{:<name_width$}  {:<11}", m.name, m.outcome.id());
    let one_line = markers
        .iter()
        .all(|m| 2 + head(m).chars().count() + 2 + scores(m).chars().count() <= width);
    for m in markers {
        let key = ansi(marker_style(m.outcome), &m.key.to_string(), style.color);
        if one_line {
            out.push_str(&format!("{key} {}  {}\n", head(m), scores(m)));
        } else {
            let head = format!("{}  {}", m.name, m.outcome.id());
            out.push_str(&format!("{key} {head}\n"));
            let opts = textwrap::Options::new(width)
                .initial_indent("    ")
                .subsequent_indent("    ");
            for l in textwrap::wrap(&scores(m), opts) {
                out.push_str(&format!("{l}\n"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quadrant() -> Quadrant {
        let rb = crate::rules::load_default().unwrap();
        Quadrant::of(&rb).unwrap()
    }

    fn marker(key: char, name: &str, outcome: Outcome, x: i64, y: i64) -> Marker {
        Marker {
            key,
            name: name.into(),
            outcome,
            confidence: 0.8,
            borderline: false,
            x,
            y,
        }
    }

    #[test]
    fn every_line_fits_the_width() {
        let q = quadrant();
        let ms = vec![
            marker(
                '1',
                "a-very-long-component-name-indeed",
                Outcome::Rag,
                11,
                0,
            ),
            marker('2', "b", Outcome::Hybrid, 40, -30),
        ];
        for width in [40u16, 60, 80, 100] {
            let text = render(
                &q,
                &ms,
                Style {
                    color: false,
                    width,
                },
            );
            for l in text.lines() {
                assert!(l.chars().count() <= usize::from(width), "{width}: {l:?}");
            }
        }
    }

    #[test]
    fn markers_stay_in_their_region_and_apart() {
        let q = quadrant();
        // Five components on one spot just above both thresholds.
        let ms: Vec<Marker> = (0..5)
            .map(|i| marker(super::super::key(i), "x", Outcome::Hybrid, 4, 4))
            .collect();
        let mut g = Grid::new(20, 20, 5);
        for m in &ms {
            g.place(&q, m, false);
        }
        let mut seen = 0;
        for (r, row) in g.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if cell.marker {
                    seen += 1;
                    assert!((1..=5).contains(&r), "row {r} is not in the high half");
                    assert!(c > 20, "column {c} is not right of the threshold");
                    assert!(!row[c + 1].marker, "two keys side by side in row {r}");
                }
            }
        }
        assert_eq!(seen, 5);
    }

    #[test]
    fn the_threshold_maps_to_the_first_high_cell() {
        let q = quadrant();
        let g = Grid::new(20, 20, 5);
        assert_eq!(g.col(&q, 4), 21);
        assert_eq!(g.col(&q, 3), 19);
        assert_eq!(g.col(&q, -100), 0);
        assert_eq!(g.col(&q, 100), 40);
        assert_eq!(g.row(&q, 4), 5);
        assert_eq!(g.row(&q, 3), 7);
        assert_eq!(g.row(&q, 16), 1);
        assert_eq!(g.row(&q, -8), 11);
    }

    #[test]
    fn without_colour_there_are_no_escape_codes_and_with_it_keys_are_coloured() {
        let q = quadrant();
        let ms = vec![marker('1', "a", Outcome::Rag, 11, 0)];
        let plain = render(
            &q,
            &ms,
            Style {
                color: false,
                width: 60,
            },
        );
        assert!(!plain.contains('\x1b'));
        let coloured = render(
            &q,
            &ms,
            Style {
                color: true,
                width: 60,
            },
        );
        assert!(coloured.contains("\x1b[1;34m1\x1b[0m"), "{coloured}");
    }
}
