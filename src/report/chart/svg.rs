//! SVG quadrant (to come).
