//! `ragfit ask`: the interactive questionnaire.

use crate::cli::{AskArgs, GlobalArgs};
use crate::error::Error;

/// Not built yet.
pub fn run(_global: &GlobalArgs, _args: &AskArgs) -> anyhow::Result<i32> {
    Err(Error::Usage("this command is not implemented yet".into()).into())
}
