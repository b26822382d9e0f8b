//! Work spread over threads, with its results taken in the order the work was given.
//!
//! [`ordered`] reads items on one thread, works on them on several, and hands each result to
//! the caller's thread in the order the items were read, so output streams as if made by one
//! thread. At most one item more than there are threads is read ahead of the last one handed
//! over, which bounds memory whatever the input's size.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

use anyhow::Result;

/// The most threads work is spread over (`extract --jobs` refuses more).
pub const MAX_THREADS: usize = 256;

/// The number of threads to work on: `requested`, else one per core the process may use;
/// from 1 to [`MAX_THREADS`].
pub fn threads(requested: Option<usize>) -> usize {
    requested
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, MAX_THREADS)
}

/// Runs `work` on every item `produce` yields (until it yields `None` or fails), on `jobs`
/// threads, and `consume` on each result in the order the items came.
///
/// With one job everything runs on the calling thread. Otherwise `produce` runs on a thread
/// of its own, `jobs` threads run `work`, and `consume` runs on the calling thread. When
/// `consume` fails, reading and working stop and its error is returned; when `produce` fails,
/// the results of the items before are still consumed, then its error is returned.
pub fn ordered<I, O>(
    jobs: usize,
    mut produce: impl FnMut() -> Result<Option<I>> + Send,
    work: impl Fn(I) -> O + Sync,
    mut consume: impl FnMut(O) -> Result<()>,
) -> Result<()>
where
    I: Send,
    O: Send,
{
    if jobs <= 1 {
        while let Some(item) = produce()? {
            consume(work(item))?;
        }
        return Ok(());
    }
    let ahead = jobs + 1;
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        // One credit per item that may be read and not yet consumed.
        let (credit_tx, credit_rx) = sync_channel::<()>(ahead);
        for _ in 0..ahead {
            // The channel holds `ahead` credits and its receiver is alive: this cannot fail.
            let _ = credit_tx.send(());
        }
        let (work_tx, work_rx) = sync_channel::<(usize, I)>(jobs);
        let (done_tx, done_rx) = sync_channel::<(usize, O)>(ahead);
        let stop = &stop;
        let producer = scope.spawn(move || -> Result<()> {
            let mut seq = 0usize;
            while credit_rx.recv().is_ok() && !stop.load(Ordering::Relaxed) {
                let Some(item) = produce()? else { break };
                if work_tx.send((seq, item)).is_err() {
                    break;
                }
                seq += 1;
            }
            Ok(())
        });
        let work_rx = Arc::new(Mutex::new(work_rx));
        let work = &work;
        for _ in 0..jobs {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            scope.spawn(move || {
                loop {
                    let next = match rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, item)) = next else { return };
                    if tx.send((seq, work(item))).is_err() {
                        return;
                    }
                }
            });
        }
        // The workers hold the only senders and receivers left: when they are gone, the
        // loop below ends and the producer's sends fail.
        drop(done_tx);
        drop(work_rx);
        let mut waiting = BTreeMap::new();
        let mut next = 0usize;
        let mut consumed = Ok(());
        'results: for (seq, out) in done_rx.iter() {
            waiting.insert(seq, out);
            while let Some(out) = waiting.remove(&next) {
                if let Err(e) = consume(out) {
                    consumed = Err(e);
                    break 'results;
                }
                next += 1;
                let _ = credit_tx.send(());
            }
        }
        if consumed.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        drop(done_rx);
        drop(credit_tx);
        let produced = match producer.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        consumed.and(produced)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn run(jobs: usize, n: usize) -> Vec<usize> {
        let mut i = 0;
        let mut seen = Vec::new();
        ordered(
            jobs,
            || {
                i += 1;
                Ok((i <= n).then_some(i))
            },
            |x| {
                // Later items finish sooner, so results arrive out of order.
                std::thread::sleep(std::time::Duration::from_micros(((n - x) % 7) as u64 * 50));
                x * 10
            },
            |y| {
                seen.push(y);
                Ok(())
            },
        )
        .unwrap();
        seen
    }

    #[test]
    fn results_come_in_the_order_of_the_items() {
        let want: Vec<usize> = (1..=200).map(|x| x * 10).collect();
        for jobs in [1, 2, 3, 8] {
            assert_eq!(run(jobs, 200), want, "{jobs} jobs");
        }
        assert!(run(4, 0).is_empty());
    }

    #[test]
    fn a_failing_consumer_stops_the_reading() {
        let read = AtomicUsize::new(0);
        let mut consumed = 0;
        let result = ordered(
            2,
            || Ok(Some(read.fetch_add(1, Ordering::Relaxed))),
            |x| x,
            |x| {
                consumed += 1;
                if x == 5 {
                    anyhow::bail!("closed at {x}")
                }
                Ok(())
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "closed at 5");
        assert_eq!(consumed, 6);
        // Reading stops within the items allowed ahead (3 for 2 jobs) of the failure.
        assert!(read.load(Ordering::Relaxed) <= 6 + 4 + 1, "{read:?}");
    }

    #[test]
    fn a_failing_producer_keeps_what_came_before() {
        let mut i = 0;
        let mut seen = Vec::new();
        let result = ordered(
            3,
            || {
                i += 1;
                if i == 50 {
                    anyhow::bail!("bad byte in item {i}")
                }
                Ok(Some(i))
            },
            |x| x,
            |x| {
                seen.push(x);
                Ok(())
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "bad byte in item 50");
        assert_eq!(seen, (1..50).collect::<Vec<_>>());
    }

    #[test]
    fn memory_stays_bounded_by_the_items_ahead() {
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let mut i = 0;
        ordered(
            2,
            || {
                i += 1;
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                Ok((i <= 500).then_some(i))
            },
            |x| x,
            |_| {
                in_flight.fetch_sub(1, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_micros(20));
                Ok(())
            },
        )
        .unwrap();
        assert!(most.load(Ordering::SeqCst) <= 2 + 1 + 1, "{most:?}");
    }
}
