//! Reading and writing a factor's answers: parsing text into a typed value,
//! what a factor accepts (for hints), and the canonical text of a value.

use super::{Factor, FactorKind, Value};

impl Factor {
    /// Parse a textual answer (`weekly`, `300`, `true`) for this factor.
    /// `Ok(None)` is `unknown`. The error says what was expected.
    pub fn parse_value(&self, text: &str) -> Result<Option<Value>, String> {
        let text = text.trim();
        if text == "unknown" {
            return Ok(None);
        }
        match &self.kind {
            FactorKind::Choice { values, .. } => values
                .iter()
                .position(|c| c.id == text)
                .map(|i| Some(Value::Choice(i)))
                .ok_or_else(|| format!("`{text}` is not a value of `{}`", self.id)),
            FactorKind::Number { min, max, integer } => {
                let n: f64 = text
                    .parse()
                    .ok()
                    .filter(|n: &f64| n.is_finite())
                    .ok_or_else(|| format!("`{}` takes a number, not `{text}`", self.id))?;
                // Beyond 2^53 - 1 a number is no longer exact (`…993` reads as
                // `…992`), so it cannot be compared reliably.
                if n.abs() > super::limits::MAX_EXACT {
                    return Err(format!("{text} is too large for `{}`", self.id));
                }
                if *integer && n.fract() != 0.0 {
                    return Err(format!("`{}` takes a whole number, not `{text}`", self.id));
                }
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                    return Err(format!("{text} is outside the range of `{}`", self.id));
                }
                Ok(Some(Value::Number(n)))
            }
            FactorKind::Boolean => match text {
                // YAML 1.2 core schema booleans only: `yes`/`no` are strings there.
                "true" | "True" | "TRUE" => Ok(Some(Value::Bool(true))),
                "false" | "False" | "FALSE" => Ok(Some(Value::Bool(false))),
                _ => Err(format!("`{}` takes true or false, not `{text}`", self.id)),
            },
        }
    }

    /// What answers this factor accepts, for hints ("one of: a, b", "a number >= 0").
    pub fn expected(&self) -> String {
        match &self.kind {
            FactorKind::Choice { values, .. } => {
                let ids: Vec<&str> = values.iter().map(|c| c.id.as_str()).collect();
                format!("expected one of: {}, or unknown", ids.join(", "))
            }
            FactorKind::Number { min, max, integer } => {
                let what = if *integer {
                    "a whole number"
                } else {
                    "a number"
                };
                match (min, max) {
                    (Some(lo), Some(hi)) => {
                        format!("expected {what} from {lo} to {hi}, or unknown")
                    }
                    (Some(lo), None) => format!("expected {what} >= {lo}, or unknown"),
                    (None, Some(hi)) => format!("expected {what} <= {hi}, or unknown"),
                    (None, None) => format!("expected {what}, or unknown"),
                }
            }
            FactorKind::Boolean => "expected true or false, or unknown".into(),
        }
    }

    /// The canonical text of a value of this factor (`weekly`, `300`, `true`).
    pub fn format_value(&self, value: Option<Value>) -> String {
        match (value, &self.kind) {
            (None, _) => "unknown".into(),
            (Some(Value::Choice(i)), FactorKind::Choice { values, .. }) => values
                .get(i)
                .map(|c| c.id.clone())
                .unwrap_or_else(|| "unknown".into()),
            (Some(Value::Number(n)), _) => format_number(n),
            (Some(Value::Bool(b)), _) => b.to_string(),
            (Some(Value::Choice(i)), _) => i.to_string(),
        }
    }
}

/// Numbers print without a trailing `.0` when whole, so `300` stays `300`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
