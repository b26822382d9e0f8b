//! The ground floor for text: helpers every layer may use and that use nothing of the crate.
//! `visible` makes control characters visible and escapes for markup (terminals, HTML, SVG);
//! `names` folds names for lookups, says what an id looks like and finds the nearest of a set
//! of names for "did you mean" hints; `digest` gives the SHA-256 in hex that sources record.

pub mod digest;
pub mod names;
pub mod visible;

pub use names::{fold, is_slug, nearest};
