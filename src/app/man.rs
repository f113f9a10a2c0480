//! `ragfit man`: one manual page (roff, to stdout) for ragfit and every
//! subcommand, generated from the clap definition. clap_mangen renders one
//! command per page; a single page is what `ragfit man | man -l -` and an
//! install as `ragfit.1` want, so each subcommand's page is folded in as a
//! section of its own, its sections turned into subsections.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::exit;
use crate::output;

/// Print the manual page.
pub fn run() -> anyhow::Result<i32> {
    output::stdout(&render()?)?;
    Ok(exit::OK)
}

/// The whole page: ragfit's own, then a section per subcommand, depth first.
pub fn render() -> anyhow::Result<String> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    let mut out = rename_extra(&String::from_utf8(page)?, ".SH");
    for sub in cmd.get_subcommands() {
        section(sub, "ragfit", &mut out)?;
    }
    Ok(portable(&same_page_references(&out)))
}

/// The subcommand lists point at `ragfit-score(1)` pages; here every
/// subcommand is a section of this page, named `ragfit score`.
fn same_page_references(text: &str) -> String {
    text.lines()
        .map(|line| match line.strip_suffix("(1)") {
            Some(name) if name.starts_with("ragfit\\-") => {
                format!("\\fB{}\\fR (below)", name.replace("\\-", " "))
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Non-ASCII characters as groff escapes (`\[u2014]`), so the page renders
/// the same without an input-encoding preprocessor (`groff -man`, old `man`).
fn portable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", c as u32));
        }
    }
    out
}

fn section(cmd: &clap::Command, parent: &str, out: &mut String) -> anyhow::Result<()> {
    if cmd.is_hide_set() {
        return Ok(());
    }
    let name = format!("{parent} {}", cmd.get_name());
    // The subcommand's synopsis must show its full path (`ragfit rules test`).
    let man = clap_mangen::Man::new(cmd.clone().bin_name(name.clone()));
    out.push_str(&format!(".SH \"{}\"\n", name.to_uppercase()));
    let mut parts = Vec::new();
    man.render_description_section(&mut parts)?;
    man.render_synopsis_section(&mut parts)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut parts)?;
    }
    if cmd.get_after_help().is_some() || cmd.get_after_long_help().is_some() {
        man.render_extra_section(&mut parts)?;
    }
    let text = String::from_utf8(parts)?;
    // Each part starts with its own `.SH`; within the command's section they are subsections.
    let text = rename_extra(&text, ".SS");
    out.push_str(&text.replace("\n.SH ", "\n.SS ").replacen(".SH ", ".SS ", 1));
    for sub in cmd.get_subcommands() {
        section(sub, &name, out)?;
    }
    Ok(())
}

/// clap_mangen heads the text after the options "EXTRA": ragfit's is its
/// examples and exit codes.
fn rename_extra(text: &str, macro_name: &str) -> String {
    text.replace(
        ".SH EXTRA\n",
        &format!("{macro_name} \"EXAMPLES AND EXIT CODES\"\n"),
    )
}
