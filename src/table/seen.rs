//! The claim ids a table has yielded, kept small: a hash per id, the row that first gave it and
//! a hash of its claim, to find two rows that give one id different claims.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

pub(super) use crate::text::digest::id_key;

use crate::model::Claim;

/// The claim ids a table has yielded: a 128-bit hash of each id, with the row that first gave
/// it and a hash of the claim it gave (about 32 bytes an id, where the claims themselves took
/// more than a kilobyte).
#[derive(Debug, Default)]
pub(super) struct Seen(pub(super) HashMap<u128, (usize, u64)>);

/// A hash of a claim as it would be stored (its canonical JSON), to tell whether two rows
/// giving one id give the same claim.
pub(super) fn claim_digest(claim: &Claim) -> u64 {
    struct Feed(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Feed {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut feed = Feed(std::collections::hash_map::DefaultHasher::new());
    // Serialising a claim into a hasher cannot fail; were it to, the claim's Debug form is as
    // good a fingerprint.
    if serde_json::to_writer(&mut feed, claim).is_err() {
        format!("{claim:?}").hash(&mut feed.0);
    }
    feed.0.finish()
}
