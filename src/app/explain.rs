//! `ragfit explain`: the full reasoning behind recommendations.

use crate::cli::{ExplainArgs, GlobalArgs};
use crate::error::Error;

/// Not built yet.
pub fn run(_global: &GlobalArgs, _args: &ExplainArgs) -> anyhow::Result<i32> {
    Err(Error::Usage("this command is not implemented yet".into()).into())
}
