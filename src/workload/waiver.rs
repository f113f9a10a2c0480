//! A component's `waiver`: a reason and an expiry date, for `check`.

use super::{kind_name, pos, Parser, Waiver, WAIVER_KEYS};
use crate::diag::Pos;
use crate::yaml::tree::Node;

impl Parser<'_> {
    /// Read a `waiver` mapping; problems are recorded, and `None` returned.
    pub(super) fn waiver(&mut self, node: &Node, at: Pos) -> Option<Waiver> {
        let Node::Mapping(map) = node else {
            self.problem(
                pos(node),
                format!(
                    "`waiver` must be a mapping with `reason` and `expires`, not {}",
                    kind_name(node)
                ),
                None,
            );
            return None;
        };
        self.check_keys(map, &WAIVER_KEYS, "a waiver");
        let reason = self.string(map, "reason", true, "the waiver");
        let expires = self.string(map, "expires", true, "the waiver");
        let (reason, (expires, epos)) = (reason?, expires?);
        match expires.parse::<jiff::civil::Date>() {
            Ok(date) => Some(Waiver {
                reason: reason.0,
                expires: date,
                pos: at,
            }),
            Err(_) => {
                self.problem(
                    epos,
                    format!("`{expires}` is not a date"),
                    Some("write the date as YYYY-MM-DD, e.g. 2027-06-30".into()),
                );
                None
            }
        }
    }
}
