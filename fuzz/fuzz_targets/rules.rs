//! Any bytes as a rule base: loading never panics, every problem has a line
//! and column and no Rust type name, and a rule base that loads scores the
//! example workloads without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

const EXAMPLES: [&str; 4] = [
    include_str!("../../examples/support.yaml"),
    include_str!("../../examples/coding-assistant.yaml"),
    include_str!("../../examples/doc-pipeline.yaml"),
    include_str!("../../examples/knowledge-assistant.yaml"),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ragfit::rules::load_str(text, "r.yaml") {
        Err(e) => {
            for d in e.diagnostics() {
                let pos = d.pos.unwrap_or_else(|| panic!("no position: {d}"));
                assert!(pos.line > 0 && pos.column > 0, "{d}");
                assert!(!d.message.contains("struct "), "{d}");
            }
        }
        Ok(rb) => {
            for example in EXAMPLES {
                if let Ok(w) = ragfit::workload::parse(&rb, "w.yaml", example) {
                    for c in &w.components {
                        let _ = ragfit::engine::assess(&rb, &c.answers);
                    }
                }
            }
        }
    }
});
