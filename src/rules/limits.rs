//! Limits on what a rule base may hold. A rule base is input like any other:
//! these keep every sum the engine makes exact (points times rules stays far
//! inside `i64`), every search bounded, and every recursion shallow, however
//! hostile the file. The default rule base uses a small fraction of each.

/// Largest number of points one rule may add to an axis (either sign).
pub const MAX_POINTS: i64 = 1_000;
/// Largest axis threshold and `min_support` (either sign).
pub const MAX_THRESHOLD: i64 = 1_000_000;
/// Largest `margin_cap`: the margin search steps one point at a time up to it.
pub const MAX_MARGIN_CAP: i64 = 100;
/// Largest magnitude of a number in a rule base or an answer: beyond
/// 2^53 − 1 not every whole number has an exact `f64`, so `…993` would
/// silently become `…992`.
pub const MAX_EXACT: f64 = 9_007_199_254_740_991.0;
/// Most factors.
pub const MAX_FACTORS: usize = 200;
/// Most values of one choice factor.
pub const MAX_VALUES: usize = 100;
/// Most rules, gates, notes and conflicts together.
pub const MAX_ITEMS: usize = 1_000;
/// Deepest nesting of `all`/`any`/`not` in one condition.
pub const MAX_DEPTH: usize = 16;
/// Most condition parts (comparisons, combinators and listed values)
/// in the whole rule base.
pub const MAX_CONDITION_PARTS: usize = 5_000;
