//! Progress on stderr for long imports and exports: a spinner with a count and a rate, drawn
//! only when stderr is a terminal (indicatif hides itself otherwise), so pipes, logs and tests
//! see nothing of it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A counter of claims, e.g. "importing 120,000 claims (41,000/s)". Call `set_position` as the
/// count grows and `finish_and_clear` at the end.
pub fn claims(verb: &'static str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    let style = ProgressStyle::with_template(&format!(
        "{{spinner}} {verb} {{human_pos}} claims ({{per_sec}}, {{elapsed}})"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar
}

/// A bar of database pages copied, e.g. "copying the database [=====>    ] 52%".
pub fn pages(verb: &'static str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    let style =
        ProgressStyle::with_template(&format!("{verb} [{{bar:30}}] {{percent}}% ({{elapsed}})"))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}
