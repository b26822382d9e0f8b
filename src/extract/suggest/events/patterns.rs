//! The event patterns: for each event type, the words that report it (its trigger) in each
//! form (an active verb "Russia and Kazakhstan signed", a passive "was signed by", a noun "the
//! signing of", "drills involving") and the predicate the event is claimed under. How the
//! slots of each type are filled (the actors, the object, the place) is the frame's, in
//! `slots.rs`; the scores are calibrated per rule in `calibration.rs`.
//!
//! Triggers are matched folded (lower case, accents off) on word boundaries. A trigger inside
//! a known name ("Collective Security Treaty") is part of the name and not read.

/// Which slots an event fills and how (see `slots.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    /// An exercise held: the exercise (subject), its `participant`s, its `place`; its figures
    /// become `forces_involved` and `forces_contributed` claims of their own.
    Exercise,
    /// Something done to an agreement (signed, ratified, in force, extended, expiring): the
    /// agreement (subject), its `party` list, `signatory`, `by`, `place`.
    Agreement,
    /// A state's membership changes (joined, suspended, left, restored): the states
    /// (subjects, one claim each) and the organisation (object).
    Membership,
    /// A base or presence opened, handed over, evicted or closed: the facility (subject), the
    /// state that acts (`from`, `by`).
    Base,
    /// Arms ordered, delivered or given: the supplier (subject), the figure (value), the
    /// `recipient`.
    Transfer,
    /// An organisation or a unit established or dissolved: the organisation (subject), who set
    /// it up (`by`).
    Founding,
    /// A force or unit (subject) deployed in or sent to a country (object).
    Deployment,
    /// A figure of a state's or a unit's forces: its strength, its defence budget, its military
    /// spending, how many items of one kind it holds. The owner (subject), the figure (value).
    Figure,
}

/// How the trigger stands to its actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// The actors come before the verb: "Russia and Tajikistan signed".
    Active,
    /// The actors follow "by" (or are not named): "was signed by", "was ratified".
    Passive,
    /// A noun: the actors follow "of", "between", "involving", "by", or stand before it.
    Nominal,
}

/// How the time of an event is read off its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Timing {
    /// On the date (or throughout the range) the sentence gives.
    On,
    /// From the date on: "entered into force on 20 April 1994" is `1994-04-20/..`.
    From,
    /// Until the date: "prolonged until 2042", "expires in 2016" are `../2042`.
    Until,
}

/// One trigger of one event type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    pub(crate) trigger: &'static str,
    pub(crate) frame: Frame,
    pub(crate) form: Form,
    pub(crate) predicate: &'static str,
    pub(crate) timing: Timing,
}

const fn p(
    trigger: &'static str,
    frame: Frame,
    form: Form,
    predicate: &'static str,
    timing: Timing,
) -> Pattern {
    Pattern {
        trigger,
        frame,
        form,
        predicate,
        timing,
    }
}

use Form::{Active, Nominal, Passive};
use Frame::{Agreement, Base, Deployment, Exercise, Figure, Founding, Membership, Transfer};
use Timing::{From, On, Until};

/// Every pattern, by event type.
pub(crate) const PATTERNS: &[Pattern] = &[
    // Exercises.
    p("exercise", Exercise, Nominal, "exercise_held", On),
    p("exercises", Exercise, Nominal, "exercise_held", On),
    p("drill", Exercise, Nominal, "exercise_held", On),
    p("drills", Exercise, Nominal, "exercise_held", On),
    p("manoeuvres", Exercise, Nominal, "exercise_held", On),
    p("maneuvers", Exercise, Nominal, "exercise_held", On),
    p("war games", Exercise, Nominal, "exercise_held", On),
    p("drills involving", Exercise, Nominal, "exercise_held", On),
    p(
        "exercises involving",
        Exercise,
        Nominal,
        "exercise_held",
        On,
    ),
    // A known exercise for its subject: "The Steppe Eagle-2014 was held in Germany".
    p("was held", Exercise, Passive, "exercise_held", On),
    p("were held", Exercise, Passive, "exercise_held", On),
    p("was conducted", Exercise, Passive, "exercise_held", On),
    p("took place", Exercise, Passive, "exercise_held", On),
    // Taking part in an exercise named next to it or spoken of before ("took part in the
    // event").
    p("took part in", Exercise, Active, "exercise_held", On),
    p("take part in", Exercise, Active, "exercise_held", On),
    p("taking part in", Exercise, Active, "exercise_held", On),
    p("participated in", Exercise, Active, "exercise_held", On),
    // Agreements.
    p("signed", Agreement, Active, "signed", On),
    p("have signed", Agreement, Active, "signed", On),
    p("was signed", Agreement, Passive, "signed", On),
    p("were signed", Agreement, Passive, "signed", On),
    p("signing of", Agreement, Nominal, "signed", On),
    p("signing", Agreement, Nominal, "signed", On),
    p("ratified", Agreement, Active, "ratified", On),
    p("was ratified", Agreement, Passive, "ratified", On),
    p("ratification of", Agreement, Nominal, "ratified", On),
    p(
        "law on the ratification",
        Agreement,
        Nominal,
        "ratified",
        On,
    ),
    p("law on ratification", Agreement, Nominal, "ratified", On),
    p("entered into force", Agreement, Active, "in_effect", From),
    p("came into force", Agreement, Active, "in_effect", From),
    p("became effective", Agreement, Active, "in_effect", From),
    p("took effect", Agreement, Active, "in_effect", From),
    p("entry into force", Agreement, Nominal, "in_effect", From),
    p("extended until", Agreement, Passive, "in_effect", Until),
    p("extended to", Agreement, Passive, "in_effect", Until),
    p("prolonged until", Agreement, Passive, "in_effect", Until),
    p("prolong", Agreement, Active, "in_effect", Until),
    p("prolonged", Agreement, Active, "in_effect", Until),
    p("extension of", Agreement, Nominal, "in_effect", Until),
    p("expires", Agreement, Active, "in_effect", Until),
    p("expires in", Agreement, Active, "in_effect", Until),
    p("will expire", Agreement, Active, "in_effect", Until),
    p("valid until", Agreement, Passive, "in_effect", Until),
    // Memberships.
    p("joined", Membership, Active, "joined", On),
    p("re-joined", Membership, Active, "joined", On),
    p("rejoined", Membership, Active, "joined", On),
    p("became a member of", Membership, Active, "joined", On),
    p("acceded to", Membership, Active, "joined", On),
    p("accession to", Membership, Nominal, "joined", On),
    p("was admitted to", Membership, Passive, "joined", On),
    p(
        "suspended its membership",
        Membership,
        Active,
        "membership_suspended",
        On,
    ),
    p(
        "suspending its membership",
        Membership,
        Active,
        "membership_suspended",
        On,
    ),
    p(
        "suspension of its membership",
        Membership,
        Nominal,
        "membership_suspended",
        On,
    ),
    p(
        "froze its membership",
        Membership,
        Active,
        "membership_suspended",
        On,
    ),
    p(
        "restored its membership",
        Membership,
        Active,
        "membership_restored",
        On,
    ),
    p(
        "resumed its membership",
        Membership,
        Active,
        "membership_restored",
        On,
    ),
    p("quit", Membership, Active, "left", On),
    p("withdrew from", Membership, Active, "left", On),
    p("pulled out of", Membership, Active, "left", On),
    p("left the", Membership, Active, "left", On),
    p("withdrawal from", Membership, Nominal, "left", On),
    p("as observers", Membership, Nominal, "observer_of", On),
    p("as an observer", Membership, Nominal, "observer_of", On),
    p("as observer", Membership, Nominal, "observer_of", On),
    p("observer states", Membership, Nominal, "observer_of", On),
    p("observer status in", Membership, Nominal, "observer_of", On),
    p("observer status", Membership, Nominal, "observer_of", On),
    p("observers to", Membership, Nominal, "observer_of", On),
    p("observers in", Membership, Nominal, "observer_of", On),
    p("observers of", Membership, Nominal, "observer_of", On),
    p("summit of", Membership, Nominal, "member_of", On),
    // "all six members of the SCO": the six states the text named with it.
    p("members of", Membership, Nominal, "member_of", On),
    p("member states of", Membership, Nominal, "member_of", On),
    // Relations begun: "Kazakhstan began its relationship with NATO in 1992".
    p(
        "began its relationship with",
        Membership,
        Active,
        "relations_with",
        From,
    ),
    p(
        "began its relations with",
        Membership,
        Active,
        "relations_with",
        From,
    ),
    // Bases and presences.
    p("evicted", Base, Active, "evicted", On),
    p("was evicted", Base, Passive, "evicted", On),
    p("expelled", Base, Active, "evicted", On),
    p("closed", Base, Active, "evicted", On),
    p("closure of", Base, Nominal, "evicted", On),
    p("eviction of", Base, Nominal, "evicted", On),
    p("opened", Base, Active, "launched", On),
    p("was opened", Base, Passive, "launched", On),
    p("opening of", Base, Nominal, "launched", On),
    p("handed over", Base, Active, "handed_over", On),
    p("was handed over", Base, Passive, "handed_over", On),
    p("handover of", Base, Nominal, "handed_over", On),
    // Arms orders, deliveries, gifts.
    p("donated", Transfer, Active, "military_aid", On),
    p("free of charge", Transfer, Active, "military_aid", On),
    p("gratis", Transfer, Active, "military_aid", On),
    p("aid package", Transfer, Nominal, "military_aid", On),
    p("military aid", Transfer, Nominal, "military_aid", On),
    p("delivered", Transfer, Active, "arms_supply", On),
    p("was delivered", Transfer, Passive, "arms_supply", On),
    p("were delivered", Transfer, Passive, "arms_supply", On),
    p("delivery of", Transfer, Nominal, "arms_supply", On),
    p("deliveries of", Transfer, Nominal, "arms_supply", On),
    p("supplied", Transfer, Active, "arms_supply", On),
    p("will supply", Transfer, Active, "arms_supply", On),
    p("supply of", Transfer, Nominal, "arms_supply", On),
    p("sold", Transfer, Active, "arms_supply", On),
    p("ordered", Transfer, Active, "arms_order", On),
    p("purchased", Transfer, Active, "arms_order", On),
    p("bought", Transfer, Active, "arms_order", On),
    p("order for", Transfer, Nominal, "arms_order", On),
    p("purchase of", Transfer, Nominal, "arms_order", On),
    p("contract for", Transfer, Nominal, "arms_order", On),
    // Organisations and units established or dissolved.
    p("established", Founding, Active, "launched", On),
    p("was established", Founding, Passive, "launched", On),
    p("were established", Founding, Passive, "launched", On),
    p("founded", Founding, Active, "launched", On),
    p("was founded", Founding, Passive, "launched", On),
    p("was formed", Founding, Passive, "launched", On),
    p("were formed", Founding, Passive, "launched", On),
    p("was created", Founding, Passive, "launched", On),
    p("was set up", Founding, Passive, "launched", On),
    p("were set up", Founding, Passive, "launched", On),
    p("establishment of", Founding, Nominal, "launched", On),
    p("founding of", Founding, Nominal, "launched", On),
    p("formation of", Founding, Nominal, "launched", On),
    p("dissolved", Founding, Active, "dissolved", On),
    p("was dissolved", Founding, Passive, "dissolved", On),
    p("disbanded", Founding, Active, "dissolved", On),
    p("was disbanded", Founding, Passive, "dissolved", On),
    p("dissolution of", Founding, Nominal, "dissolved", On),
    // Forces deployed.
    p("deployed to", Deployment, Passive, "deployed_in", On),
    p("deployed in", Deployment, Passive, "deployed_in", On),
    p("stationed in", Deployment, Passive, "deployed_in", On),
    p("deploy", Deployment, Active, "deployed_in", On),
    p("sent", Deployment, Active, "deployed_in", On),
    p("deployment of", Deployment, Nominal, "deployed_in", On),
    // Figures of forces.
    // "the 5,000-strong division": the hyphen folds away; the frame reads it.
    p("strong", Figure, Nominal, "strength", On),
    p("defense budget", Figure, Nominal, "defence_budget", On),
    p("defence budget", Figure, Nominal, "defence_budget", On),
    p("military budget", Figure, Nominal, "defence_budget", On),
    p("for defense", Figure, Nominal, "defence_budget", On),
    p("for defence", Figure, Nominal, "defence_budget", On),
    p("on defense", Figure, Nominal, "defence_budget", On),
    p("on defence", Figure, Nominal, "defence_budget", On),
    p(
        "military expenditure",
        Figure,
        Nominal,
        "military_expenditure",
        On,
    ),
    p(
        "military expenditures",
        Figure,
        Nominal,
        "military_expenditure",
        On,
    ),
    p(
        "military spending",
        Figure,
        Nominal,
        "military_expenditure",
        On,
    ),
    p(
        "defense spending",
        Figure,
        Nominal,
        "military_expenditure",
        On,
    ),
    p(
        "defence spending",
        Figure,
        Nominal,
        "military_expenditure",
        On,
    ),
    p("equipped with", Figure, Nominal, "equipment_count", On),
    // "the 1,300-kilometer border between Tajikistan and Afghanistan".
    p("border between", Figure, Nominal, "border_length", On),
    // "The Manas base, operated by about 1,000 troops".
    p("operated by", Figure, Nominal, "strength", On),
    p("manned by", Figure, Nominal, "strength", On),
    p("staffed by", Figure, Nominal, "strength", On),
    p("armed with", Figure, Nominal, "equipment_count", On),
];

/// The frames' names, as they appear in rules (`event.exercise.nominal`) and in the benches.
pub(crate) fn frame_name(f: Frame) -> &'static str {
    match f {
        Frame::Exercise => "exercise",
        Frame::Agreement => "agreement",
        Frame::Membership => "membership",
        Frame::Base => "base",
        Frame::Transfer => "transfer",
        Frame::Founding => "founding",
        Frame::Deployment => "deployment",
        Frame::Figure => "figure",
    }
}

/// The forms' names, as they appear in rules.
pub(crate) fn form_name(f: Form) -> &'static str {
    match f {
        Form::Active => "active",
        Form::Passive => "passive",
        Form::Nominal => "nominal",
    }
}
