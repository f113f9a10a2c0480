//! The progress line of long batch runs, on stderr.

use std::io::IsTerminal;

/// Progress of a long batch run on stderr: shown only when stderr is a
/// terminal, the run is not under CI, and it has taken more than a second,
/// so that short runs, pipes and CI logs never see it.
pub struct Progress {
    total: u64,
    done: u64,
    started: std::time::Instant,
    bar: Option<indicatif::ProgressBar>,
    enabled: bool,
}

/// How long a run goes before its progress is shown.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

impl Progress {
    /// Progress over `total` files.
    pub fn new(total: usize) -> Self {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        Progress {
            total: total as u64,
            done: 0,
            started: std::time::Instant::now(),
            bar: None,
            enabled: !ci && std::io::stderr().is_terminal(),
        }
    }

    /// One more file done.
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.enabled {
            return;
        }
        match &self.bar {
            Some(bar) => bar.set_position(self.done),
            None if self.started.elapsed() >= PROGRESS_AFTER => {
                let bar = indicatif::ProgressBar::with_draw_target(
                    Some(self.total),
                    indicatif::ProgressDrawTarget::stderr(),
                );
                if let Ok(style) = indicatif::ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} files, {per_sec}, {eta} left",
                ) {
                    bar.set_style(style);
                }
                bar.set_position(self.done);
                self.bar = Some(bar);
            }
            None => {}
        }
    }

    /// Print a message on stderr without tearing the bar (it is hidden
    /// while the message is written, then drawn again below it).
    pub fn say(&self, print: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// The run is over: the bar goes away, leaving stderr as it was.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
