//! The exit codes of the `factline` binary, by name. The README and `--help` document them.

use std::process::ExitCode;

/// How a command ended, as the shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: the command did what was asked (and found nothing to report).
    Ok,
    /// 1: the command found something to act on (open conflicts, failed checks); for `search`,
    /// as for grep, that nothing matched.
    Found,
    /// 2: a usage or data error; nothing was written.
    Error,
}

impl Exit {
    /// [`Exit::Found`] when `found`, else [`Exit::Ok`].
    pub fn found_if(found: bool) -> Exit {
        if found { Exit::Found } else { Exit::Ok }
    }

    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Found => 1,
            Exit::Error => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_documented_ones() {
        assert_eq!(
            [Exit::Ok, Exit::Found, Exit::Error].map(Exit::code),
            [0, 1, 2]
        );
        assert_eq!(Exit::found_if(true), Exit::Found);
        assert_eq!(Exit::found_if(false), Exit::Ok);
    }
}
