//! Money and counts as reports print them: dollars to the cent with
//! thousands separators, prices with the digits they were written with.
//! Every format rounds the same way, so a figure reads the same everywhere.

/// Round to `places` decimals (half away from zero), for figures in JSON and CSV.
pub fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    let r = (x * f).round() / f;
    // No `-0`: a figure that rounds to nothing is nothing.
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// `1234567.891` → `1,234,567.89`: `places` decimals, commas between thousands.
pub fn grouped(x: f64, places: usize) -> String {
    let text = format!("{:.*}", places, round(x, places as i32).abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if x < 0.0 && round(x, places as i32) != 0.0 {
        out.insert(0, '-');
    }
    out
}

/// Dollars to the cent: `$1,234.56`.
pub fn usd(x: f64) -> String {
    let text = grouped(x, 2);
    match text.strip_prefix('-') {
        Some(rest) => format!("-${rest}"),
        None => format!("${text}"),
    }
}

/// A small amount to four decimals (per 1k requests): `$0.0630`.
pub fn usd_fine(x: f64) -> String {
    format!("${}", grouped(x, 4))
}

/// A unit price as written in a price book: at least two decimals, more
/// only when the price has them (`0.15`, `3.00`, `0.0833`).
pub fn price(x: f64) -> String {
    for places in 2..=6 {
        if (round(x, places as i32) - x).abs() < 1e-12 {
            return grouped(x, places);
        }
    }
    grouped(x, 6)
}

/// A count: `176,703`.
pub fn count(x: f64) -> String {
    grouped(x, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_the_same_in_every_format() {
        assert_eq!(usd(1234.567), "$1,234.57");
        assert_eq!(usd(0.0), "$0.00");
        assert_eq!(usd(-0.001), "$0.00");
        assert_eq!(usd(-12.5), "-$12.50");
        assert_eq!(usd(1_000_000.0), "$1,000,000.00");
        assert_eq!(usd_fine(0.063), "$0.0630");
        assert_eq!(price(0.15), "0.15");
        assert_eq!(price(3.0), "3.00");
        assert_eq!(price(0.0833), "0.0833");
        assert_eq!(count(176_702.56), "176,703");
        assert_eq!(count(68.5), "69");
        assert_eq!(round(0.1 + 0.2, 2), 0.3);
    }
}
