//! Any bytes as a workload file under the default rule base: parsing never
//! panics, every problem has a line and column, and every component scores.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ragfit::rules::RuleBase;

fn rules() -> &'static RuleBase {
    static RULES: OnceLock<RuleBase> = OnceLock::new();
    RULES.get_or_init(|| ragfit::rules::load_default().expect("the default rule base loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rb = rules();
    match ragfit::workload::parse(rb, "w.yaml", text) {
        Err(problems) => {
            for d in &problems {
                let pos = d.pos.unwrap_or_else(|| panic!("no position: {d}"));
                assert!(pos.line > 0 && pos.column > 0, "{d}");
            }
        }
        Ok(w) => {
            for c in &w.components {
                let a = ragfit::engine::assess(rb, &c.answers);
                assert!((0.0..=1.0).contains(&a.confidence));
            }
        }
    }
});
