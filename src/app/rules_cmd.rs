//! `ragfit rules`: the active rule base, readable without opening YAML.

use crate::cli::{GlobalArgs, RulesArgs};
use crate::error::Error;

/// Not built yet.
pub fn run(_global: &GlobalArgs, _args: &RulesArgs) -> anyhow::Result<i32> {
    Err(Error::Usage("this command is not implemented yet".into()).into())
}
