//! Signals: a run ended by SIGINT, SIGTERM or SIGHUP removes the temporary
//! file it was writing (the destination keeps its old content), puts the
//! terminal back if `ask` had it in raw mode, and exits 128 + the signal
//! number, as shells report it (130, 143, 129).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written, to remove if a signal ends the run.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Install the handler (once, at start). A failure to install leaves the
/// default behaviour: the process dies, and a temporary file may remain.
pub fn install() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        // The handler runs on its own thread, outside signal context, so it
        // may take locks and touch the file system.
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                remove_temps();
                // Leave raw mode if `ask` entered it, and the prompt's line,
                // so the shell's prompt does not land in the middle of it.
                if crossterm::terminal::is_raw_mode_enabled().unwrap_or(false) {
                    let _ = crossterm::terminal::disable_raw_mode();
                    // The prompt's help line below the cursor goes too.
                    let _ = crossterm::execute!(
                        std::io::stderr(),
                        crossterm::terminal::Clear(crossterm::terminal::ClearType::FromCursorDown)
                    );
                    crate::output::message("");
                }
                std::process::exit(128 + signal);
            }
        });
    }
}

fn remove_temps() {
    let temps = TEMPS.lock().unwrap_or_else(|e| e.into_inner());
    for t in temps.iter() {
        let _ = std::fs::remove_file(t);
    }
}

/// A temporary file registered for removal on a signal, for as long as this
/// value lives (the file itself is removed by its owner otherwise).
#[derive(Debug)]
pub struct Tracked(PathBuf);

impl Tracked {
    /// Track `path`.
    pub fn new(path: &Path) -> Self {
        TEMPS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_path_buf());
        Tracked(path.to_path_buf())
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        let mut temps = TEMPS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = temps.iter().position(|t| *t == self.0) {
            temps.swap_remove(i);
        }
    }
}
