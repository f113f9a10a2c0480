//! An ordered parallel map with bounded memory: items are processed by a
//! pool of threads (the calling thread among them), in batches of a few
//! consecutive items, and handed to the consumer strictly in input order
//! through a reorder window of at most [`WINDOW_PER_THREAD`] × threads items,
//! so memory does not grow with the number of items.
//!
//! Why not rayon: `par_iter().map().collect()` holds every result until the
//! end, and `par_bridge` gives up order. What is needed here — parallel work,
//! in-order output, bounded look-ahead, early stop — is a few dozen lines on
//! `std::thread::scope`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// How far past the item being written workers may run, per thread: enough
/// to keep every thread busy when items differ in cost, small enough that
/// memory stays flat.
pub const WINDOW_PER_THREAD: usize = 64;

/// How many consecutive items a worker takes at a time.
const BATCH: usize = 16;

/// Whether the consumer wants more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Stop: no further item is started, and the ones under way are dropped
    /// (a closed pipe, a failed write).
    Stop,
}

/// The number of worker threads to use: the machine's parallelism, capped by
/// the number of items (no idle threads for a single file).
pub fn threads_for(items: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.max(1))
}

/// Run `work` on every item on `threads` threads and give each result to
/// `each` in item order. Returns whether it ran to the end (false: `each`
/// stopped it).
pub fn for_each_ordered<I, T, W, E>(items: &[I], threads: usize, work: W, mut each: E) -> bool
where
    I: Sync,
    T: Send,
    W: Fn(usize, &I) -> T + Sync,
    E: FnMut(T) -> Flow,
{
    if items.is_empty() {
        return true;
    }
    let threads = threads.clamp(1, items.len());
    if threads == 1 {
        // No threads to coordinate: the same order, without the machinery.
        for (i, item) in items.iter().enumerate() {
            if each(work(i, item)) == Flow::Stop {
                return false;
            }
        }
        return true;
    }
    let window = threads * WINDOW_PER_THREAD;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The index of the next item to be written: helpers wait while they are
    // a whole window ahead of it. Read without the lock; the lock and the
    // condition variable are only for a helper that must wait, and `waiting`
    // says whether anyone needs waking (a wake-up per item written was a
    // futex call per item).
    let written = AtomicUsize::new(0);
    let waiting = AtomicUsize::new(0);
    let lock = Mutex::new(());
    let advanced = Condvar::new();
    // Items go out in batches of consecutive ones: a message per item made
    // the channel's wake-ups a noticeable part of a run over small files.
    // Room for a window's worth of batches, so that a send never blocks.
    let (tx, rx) = mpsc::sync_channel::<(usize, Vec<T>)>(window / BATCH + threads);
    let run = |start: usize| {
        let end = (start + BATCH).min(items.len());
        (start..end).map(|i| work(i, &items[i])).collect::<Vec<T>>()
    };
    let mut completed = true;
    std::thread::scope(|scope| {
        // `threads - 1` helpers; the calling thread is the last worker and
        // the writer, so that no more threads are runnable than asked for
        // (a separate writer thread was preempting the workers thousands of
        // times a run).
        for _ in 1..threads {
            let tx = tx.clone();
            let (next, stop, written, waiting, lock, advanced, run) =
                (&next, &stop, &written, &waiting, &lock, &advanced, &run);
            scope.spawn(move || loop {
                let start = next.fetch_add(BATCH, Ordering::Relaxed);
                if start >= items.len() || stop.load(Ordering::Relaxed) {
                    return;
                }
                if start + BATCH > written.load(Ordering::SeqCst) + window {
                    let mut guard = lock.lock().unwrap_or_else(|e| e.into_inner());
                    waiting.fetch_add(1, Ordering::SeqCst);
                    while start + BATCH > written.load(Ordering::SeqCst) + window
                        && !stop.load(Ordering::SeqCst)
                    {
                        guard = advanced.wait(guard).unwrap_or_else(|e| e.into_inner());
                    }
                    waiting.fetch_sub(1, Ordering::SeqCst);
                }
                if stop.load(Ordering::Relaxed) || tx.send((start, run(start))).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let wake = || {
            // Paired with the helper's increment-then-check (both SeqCst):
            // either this sees the waiter, or the waiter sees the new count.
            if waiting.load(Ordering::SeqCst) > 0 {
                let _guard = lock.lock().unwrap_or_else(|e| e.into_inner());
                advanced.notify_all();
            }
        };
        // Owned here, so that an early return drops it and a helper's send fails.
        let rx = rx;
        let mut pending: BTreeMap<usize, Vec<T>> = BTreeMap::new();
        let mut want = 0usize;
        while want < items.len() {
            // Write whatever is next in order.
            while let Some(batch) = pending.remove(&want) {
                for out in batch {
                    want += 1;
                    if each(out) == Flow::Stop {
                        completed = false;
                        stop.store(true, Ordering::SeqCst);
                        let _guard = lock.lock().unwrap_or_else(|e| e.into_inner());
                        advanced.notify_all();
                        return;
                    }
                }
                written.store(want, Ordering::SeqCst);
                wake();
            }
            if want >= items.len() {
                break;
            }
            while let Ok((start, out)) = rx.try_recv() {
                pending.insert(start, out);
            }
            if pending.contains_key(&want) {
                continue;
            }
            // Nothing to write yet: work on a batch, unless that would run
            // past the window (a helper holds the next batch; wait for it).
            let start = next.load(Ordering::Relaxed);
            if start < items.len()
                && start + BATCH <= want + window
                && next
                    .compare_exchange(start, start + BATCH, Ordering::Relaxed, Ordering::Relaxed)
                    .is_ok()
            {
                pending.insert(start, run(start));
                continue;
            }
            match rx.recv() {
                Ok((start, out)) => {
                    pending.insert(start, out);
                }
                // Every helper is done: what they sent is all in `pending`,
                // and the rest is left for this thread. (A batch lost for
                // good would mean a helper died; say the run did not finish.)
                Err(_) => {
                    if !pending.contains_key(&want) && next.load(Ordering::Relaxed) >= items.len() {
                        completed = false;
                        break;
                    }
                }
            }
        }
    });
    completed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_timing() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        // Later items finish first: the reorder window must restore order.
        let done = for_each_ordered(
            &items,
            4,
            |_, &x| {
                if x % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                x * 2
            },
            |y| {
                seen.push(y);
                Flow::Continue
            },
        );
        assert!(done);
        assert_eq!(seen, items.iter().map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn workers_never_run_more_than_a_window_ahead() {
        let items: Vec<usize> = (0..2000).collect();
        let threads = 3;
        let taken = AtomicUsize::new(0);
        let mut max_ahead = 0usize;
        let mut consumed = 0usize;
        for_each_ordered(
            &items,
            threads,
            |_, &x| {
                taken.fetch_max(x + 1, Ordering::Relaxed);
                x
            },
            |_| {
                consumed += 1;
                max_ahead = max_ahead.max(taken.load(Ordering::Relaxed) - consumed);
                Flow::Continue
            },
        );
        assert_eq!(consumed, items.len());
        // Started but not yet written: at most a window (plus one per thread
        // claimed before it waits).
        assert!(
            max_ahead <= threads * WINDOW_PER_THREAD + threads,
            "{max_ahead}"
        );
    }

    #[test]
    fn a_stop_ends_the_run_early() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let mut n = 0;
        let done = for_each_ordered(
            &items,
            2,
            |_, &x| {
                started.fetch_add(1, Ordering::Relaxed);
                x
            },
            |_| {
                n += 1;
                if n == 10 {
                    Flow::Stop
                } else {
                    Flow::Continue
                }
            },
        );
        assert!(!done);
        assert_eq!(n, 10);
        assert!(started.load(Ordering::Relaxed) < 200);
    }
}
