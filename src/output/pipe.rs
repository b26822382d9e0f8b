//! Standard output whose reader may leave early (`factline timeline | head -1`).
//!
//! The binary writes through [`Stdout`], which remembers when a write failed because the reader
//! closed the pipe. That is not an error: the command stops writing, and it still ends with
//! the exit code it would have had (`factline conflicts | head -1` exits 1 while open conflicts
//! exist, so a CI gate does not pass). The flag is kept here, once for every command, because
//! the error itself does not always survive the writers in between (the `csv` crate, for one,
//! does not keep the `io::Error` it wraps as a source).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write to stdout found the reader gone.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// True once a write to stdout failed because its reader closed the pipe.
pub fn stdout_closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

/// A writer (the process's stdout) that records a closed pipe. After the reader has gone,
/// every write fails again with the same error, so a command streaming rows stops at once.
#[derive(Debug)]
pub struct Stdout<W: Write> {
    inner: W,
}

impl<W: Write> Stdout<W> {
    pub fn new(inner: W) -> Stdout<W> {
        Stdout { inner }
    }

    fn seen<T>(result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result
            && e.kind() == io::ErrorKind::BrokenPipe
        {
            CLOSED.store(true, Ordering::Relaxed);
        }
        result
    }

    fn gone() -> io::Error {
        io::Error::new(
            io::ErrorKind::BrokenPipe,
            "the reader of standard output has closed it",
        )
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if stdout_closed() {
            return Err(Self::gone());
        }
        Self::seen(self.inner.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        if stdout_closed() {
            return Err(Self::gone());
        }
        Self::seen(self.inner.flush())
    }
}

/// `result` of writing to stdout, with a closed pipe counted as done: the reader has all it
/// wanted.
pub fn unless_closed<T: Default>(result: anyhow::Result<T>) -> anyhow::Result<T> {
    match result {
        Err(_) if stdout_closed() => Ok(T::default()),
        other => other,
    }
}
