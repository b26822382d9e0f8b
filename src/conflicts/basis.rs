//! What a figure's quote says it is: a census count, official statistics, an international
//! estimate. A document's figure is judged first against the reference series whose basis its
//! quote names, so "official statistics put the population at 16.3 million" meets the census
//! before the World Bank's estimate.

use crate::model::Basis;

/// Words that name a basis, lower-case, in the order they are tried: the first that occurs in
/// the quote wins.
const NAMED: [(&str, Basis); 12] = [
    ("census", Basis::Census),
    ("official statistic", Basis::NationalEstimate),
    ("official figure", Basis::NationalEstimate),
    ("official data", Basis::NationalEstimate),
    ("official estimate", Basis::NationalEstimate),
    ("statistics agency", Basis::NationalEstimate),
    ("statistics committee", Basis::NationalEstimate),
    ("national statistic", Basis::NationalEstimate),
    ("world bank", Basis::InternationalEstimate),
    ("united nations", Basis::InternationalEstimate),
    ("un estimate", Basis::InternationalEstimate),
    ("survey", Basis::Survey),
];

/// The basis `quote` names, if any: `census`, `official statistics` (a national estimate),
/// `World Bank` (an international estimate), `survey`.
pub fn named_in(quote: &str) -> Option<Basis> {
    let lower = quote.to_lowercase();
    NAMED
        .iter()
        .find(|(words, _)| lower.contains(words))
        .map(|(_, basis)| *basis)
}

/// Whether a series on `series` is the one a quote naming `named` points to: the same basis,
/// or the same side of national against international (a census for "official statistics").
pub fn points_to(named: Basis, series: Basis) -> bool {
    named == series || (named.is_national() && series.is_national())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_name_their_basis() {
        assert_eq!(
            named_in("Official statistics put the population of Kazakhstan at 16,3 million"),
            Some(Basis::NationalEstimate)
        );
        assert_eq!(
            named_in("the 2009 Census counted 16 million"),
            Some(Basis::Census)
        );
        assert_eq!(
            named_in("According to the World Bank, 18.2 million"),
            Some(Basis::InternationalEstimate)
        );
        assert_eq!(named_in("population of Kazakhstan is 17.6 million"), None);
    }

    #[test]
    fn official_statistics_point_to_a_census() {
        assert!(points_to(Basis::NationalEstimate, Basis::Census));
        assert!(points_to(Basis::Census, Basis::NationalEstimate));
        assert!(!points_to(
            Basis::NationalEstimate,
            Basis::InternationalEstimate
        ));
        assert!(points_to(
            Basis::InternationalEstimate,
            Basis::InternationalEstimate
        ));
    }
}
