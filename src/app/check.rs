//! `ragfit check`: the CI architecture-review step.

use crate::cli::{CheckArgs, GlobalArgs};
use crate::error::Error;

/// Not built yet.
pub fn run(_global: &GlobalArgs, _args: &CheckArgs) -> anyhow::Result<i32> {
    Err(Error::Usage("this command is not implemented yet".into()).into())
}
