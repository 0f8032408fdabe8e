//! Every public validating constructor, called with arbitrary numbers, then
//! whatever was built assembled into answers and scored: no constructor or
//! scoring function panics, every refusal is a typed error with a message, and
//! every value built round-trips through JSON.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use mecc::context::{Age, Contact, ContactFields};
use mecc::instruments::activity::{
    self, ExerciseAndCycling, ExerciseAndCyclingBands, ExerciseAndCyclingMinutes, GppaqAnswers,
    HoursBand, Occupation, StrengthDays, WalkingPace, WeeklyActivity,
};
use mecc::instruments::pat::{
    self, CustomDrink, Drink, DrinkCount, Frequency, MostInOneDay, TimesPerWeek,
};
use mecc::instruments::smoking::{
    self, CigarettesPerDay, CurrentSmoking, CurrentSmokingFields, MinutesToFirstCigarette,
    PackYears, Product, Products, QuitTime, SmokingStatus, Vaping, YearsSmoked,
};
use mecc::instruments::{Reply, bmi};
use mecc::units::{AlcoholUnits, CoPpm, Height, Waist, WeeklyMinutes, Weight};
use mecc::{Answers, Findings, assess};
// A constructor's result must keep the contract; `None` when refused.
use mecc_fuzz::accepted_round_trip as built;
use mecc_fuzz::{
    accepted, accepted_round_trip, check_plan, contacts, national_default_policy, round_trip,
};

/// A number, either any `f64` bit pattern (NaN, infinities, huge) or one near
/// the plausible ranges, which raw bit patterns almost never hit.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Num {
    Bits(f64),
    Hundredths(i32),
    Whole(i16),
}

impl Num {
    fn get(self) -> f64 {
        match self {
            Num::Bits(x) => x,
            Num::Hundredths(n) => f64::from(n) / 100.0,
            Num::Whole(n) => f64::from(n),
        }
    }
}

/// A whole number: any `u32`, or a small one.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Count {
    Any(u32),
    Small(u16),
}

impl Count {
    fn get(self) -> u32 {
        match self {
            Count::Any(n) => n,
            Count::Small(n) => u32::from(n),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum HeightIn {
    Cm(Num),
    Mm(Count),
    FeetAndInches(Count, Num),
}

#[derive(Arbitrary, Debug)]
enum WeightIn {
    Kg(Num),
    Grams(Count),
    Pounds(Num),
    StonesAndPounds(Count, Num),
}

#[derive(Arbitrary, Debug)]
enum WaistIn {
    Cm(Num),
    Mm(Count),
    Inches(Num),
}

#[derive(Arbitrary, Debug)]
enum AlcoholIn {
    Units(Num),
    CentiUnits(Count),
    Volume(Num, Num),
}

#[derive(Arbitrary, Debug)]
struct DrinkIn {
    /// An index into the guide drinks; past them, a custom drink.
    kind: u8,
    volume_ml: Num,
    abv_percent: Num,
    count: Count,
}

#[derive(Arbitrary, Debug)]
enum MostIn {
    NotAsked,
    Units(Num),
    Drinks(Vec<DrinkIn>),
}

#[derive(Arbitrary, Debug)]
enum FrequencyIn {
    NotAsked,
    EveryDay,
    TimesPerWeek(Count),
    LessThanWeekly,
}

#[derive(Arbitrary, Debug)]
struct PatIn {
    drinks_alcohol: Option<bool>,
    most_in_one_day: MostIn,
    frequency: FrequencyIn,
    attendance_related: Option<bool>,
    willing_to_see_specialist: Option<bool>,
}

#[derive(Arbitrary, Debug)]
enum QuitIn {
    Days(Count),
    Weeks(Count),
    Months(Count),
    Years(Count),
    NotKnown,
}

#[derive(Arbitrary, Debug)]
enum StatusIn {
    Never,
    Ex(QuitIn),
    Current {
        products: Vec<u8>,
        cigarettes_per_day: Option<Count>,
        minutes_to_first_cigarette: Option<Count>,
        years_smoked: Option<Count>,
    },
}

#[derive(Arbitrary, Debug)]
struct SmokingIn {
    status: StatusIn,
    vaping: Option<u8>,
    co_ppm: Option<Count>,
}

#[derive(Arbitrary, Debug)]
enum ExerciseIn {
    Bands(u8, u8),
    Minutes(Count, Count),
}

#[derive(Arbitrary, Debug)]
struct GppaqIn {
    occupation: Option<u8>,
    exercise_and_cycling: Option<ExerciseIn>,
    walking: Option<u8>,
    housework_and_childcare: Option<u8>,
    gardening_and_diy: Option<u8>,
    walking_pace: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct WeeklyIn {
    moderate: Count,
    vigorous: Count,
    strength_days: Option<Count>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    contact: u8,
    age: Count,
    height: HeightIn,
    weight: WeightIn,
    waist: Option<WaistIn>,
    alcohol: (AlcoholIn, AlcoholIn),
    drinks: Vec<DrinkIn>,
    pat: PatIn,
    smoking: SmokingIn,
    pack_years: Num,
    gppaq: Option<GppaqIn>,
    weekly: Option<WeeklyIn>,
    weekly_minutes: Count,
}

const VAPING: [Vaping; 3] = [Vaping::Never, Vaping::Current, Vaping::Ex];
const PACE: [WalkingPace; 4] = [
    WalkingPace::Slow,
    WalkingPace::Steady,
    WalkingPace::Brisk,
    WalkingPace::Fast,
];

fn pick<T: Copy>(options: &[T], index: u8) -> T {
    options[usize::from(index) % options.len()]
}

fn reply<T>(answer: Option<T>) -> Reply<T> {
    answer.map_or(Reply::NotAsked, Reply::Answered)
}

/// `Reply::NotAsked` when not asked; `None` when asked but refused.
fn built_reply<T, A>(
    answer: Option<A>,
    build: impl FnOnce(A) -> Result<T, mecc::Error>,
) -> Option<Reply<T>>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    match answer {
        None => Some(Reply::NotAsked),
        Some(a) => built(build(a)).map(Reply::Answered),
    }
}

fn height(input: &HeightIn) -> Option<Height> {
    built(match *input {
        HeightIn::Cm(cm) => Height::from_cm(cm.get()),
        HeightIn::Mm(mm) => Height::from_mm(mm.get()),
        HeightIn::FeetAndInches(feet, inches) => {
            Height::from_feet_and_inches(feet.get(), inches.get())
        }
    })
}

fn weight(input: &WeightIn) -> Option<Weight> {
    built(match *input {
        WeightIn::Kg(kg) => Weight::from_kg(kg.get()),
        WeightIn::Grams(g) => Weight::from_grams(g.get()),
        WeightIn::Pounds(lb) => Weight::from_pounds(lb.get()),
        WeightIn::StonesAndPounds(st, lb) => Weight::from_stones_and_pounds(st.get(), lb.get()),
    })
}

fn waist(input: &WaistIn) -> Option<Waist> {
    built(match *input {
        WaistIn::Cm(cm) => Waist::from_cm(cm.get()),
        WaistIn::Mm(mm) => Waist::from_mm(mm.get()),
        WaistIn::Inches(inches) => Waist::from_inches(inches.get()),
    })
}

fn alcohol(input: &AlcoholIn) -> Option<AlcoholUnits> {
    built(match *input {
        AlcoholIn::Units(u) => AlcoholUnits::from_units(u.get()),
        AlcoholIn::CentiUnits(c) => AlcoholUnits::from_centi_units(c.get()),
        AlcoholIn::Volume(ml, abv) => AlcoholUnits::from_volume(ml.get(), abv.get()),
    })
}

fn drink(input: &DrinkIn) -> Option<DrinkCount> {
    let kind = match Drink::GUIDE.get(usize::from(input.kind)) {
        Some(&guide) => guide,
        None => Drink::Custom(built(CustomDrink::new(
            input.volume_ml.get(),
            input.abv_percent.get(),
        ))?),
    };
    round_trip(&kind);
    let _ = kind.units();
    built(DrinkCount::new(kind, input.count.get()))
}

/// The drinks that were accepted, and the most in one day from them.
fn drinks(inputs: &[DrinkIn]) -> Option<MostInOneDay> {
    let counted: Vec<DrinkCount> = inputs.iter().filter_map(drink).collect();
    accepted(pat::total_units(&counted)).inspect(round_trip);
    built(MostInOneDay::from_drinks(&counted))
}

fn pat_answers(input: &PatIn) -> Option<pat::Answers> {
    let most_in_one_day = match &input.most_in_one_day {
        MostIn::NotAsked => Reply::NotAsked,
        MostIn::Units(u) => Reply::Answered(built(MostInOneDay::from_units(u.get()))?),
        MostIn::Drinks(d) => Reply::Answered(drinks(d)?),
    };
    let frequency = match input.frequency {
        FrequencyIn::NotAsked => Reply::NotAsked,
        FrequencyIn::EveryDay => Reply::Answered(Frequency::EveryDay),
        FrequencyIn::LessThanWeekly => Reply::Answered(Frequency::LessThanWeekly),
        FrequencyIn::TimesPerWeek(n) => {
            built(TimesPerWeek::new(n.get()));
            Reply::Answered(built(Frequency::times_per_week(n.get()))?)
        }
    };
    built(pat::Answers::new(pat::AnswersFields {
        drinks_alcohol: reply(input.drinks_alcohol),
        most_in_one_day,
        frequency,
        attendance_related: reply(input.attendance_related),
        willing_to_see_specialist: reply(input.willing_to_see_specialist),
    }))
}

fn smoking_answers(input: &SmokingIn) -> Option<smoking::Answers> {
    let status = match &input.status {
        StatusIn::Never => SmokingStatus::NeverSmoked,
        StatusIn::Ex(quit) => SmokingStatus::ExSmoker {
            quit: match *quit {
                QuitIn::Days(n) => built(QuitTime::from_days(n.get()))?,
                QuitIn::Weeks(n) => built(QuitTime::from_weeks(n.get()))?,
                QuitIn::Months(n) => built(QuitTime::from_months(n.get()))?,
                QuitIn::Years(n) => built(QuitTime::from_years(n.get()))?,
                QuitIn::NotKnown => QuitTime::NOT_KNOWN,
            },
        },
        StatusIn::Current {
            products,
            cigarettes_per_day,
            minutes_to_first_cigarette,
            years_smoked,
        } => {
            let products = built(Products::try_from_iter(
                products.iter().map(|&i| pick(&Product::ALL, i)),
            ))?;
            let fields = CurrentSmokingFields {
                products,
                cigarettes_per_day: built_reply(*cigarettes_per_day, |n| {
                    CigarettesPerDay::new(n.get())
                })?,
                minutes_to_first_cigarette: built_reply(*minutes_to_first_cigarette, |n| {
                    MinutesToFirstCigarette::new(n.get())
                })?,
                years_smoked: built_reply(*years_smoked, |n| YearsSmoked::new(n.get()))?,
            };
            SmokingStatus::CurrentSmoker(built(CurrentSmoking::new(fields))?)
        }
    };
    let answers = smoking::Answers {
        status,
        vaping: reply(input.vaping.map(|i| pick(&VAPING, i))),
        co_ppm: built_reply(input.co_ppm, |n| CoPpm::new(n.get()))?,
    };
    round_trip(&answers);
    Some(answers)
}

fn gppaq_answers(input: &GppaqIn) -> Option<GppaqAnswers> {
    let band = |i: Option<u8>| reply(i.map(|i| pick(&HoursBand::ALL, i)));
    let exercise_and_cycling = match input.exercise_and_cycling {
        None => Reply::NotAsked,
        Some(ExerciseIn::Bands(exercise, cycling)) => {
            Reply::Answered(ExerciseAndCycling::Bands(ExerciseAndCyclingBands {
                exercise: pick(&HoursBand::ALL, exercise),
                cycling: pick(&HoursBand::ALL, cycling),
            }))
        }
        Some(ExerciseIn::Minutes(exercise, cycling)) => {
            Reply::Answered(ExerciseAndCycling::Minutes(built(
                ExerciseAndCyclingMinutes::try_new(exercise.get(), cycling.get()),
            )?))
        }
    };
    let answers = GppaqAnswers {
        occupation: reply(input.occupation.map(|i| pick(&Occupation::ALL, i))),
        exercise_and_cycling,
        walking: band(input.walking),
        housework_and_childcare: band(input.housework_and_childcare),
        gardening_and_diy: band(input.gardening_and_diy),
        walking_pace: reply(input.walking_pace.map(|i| pick(&PACE, i))),
    };
    round_trip(&answers);
    Some(answers)
}

fn weekly_activity(input: &WeeklyIn) -> Option<WeeklyActivity> {
    let strength_days = built_reply(input.strength_days, |n| StrengthDays::new(n.get()))?;
    built(WeeklyActivity::try_new(
        input.moderate.get(),
        input.vigorous.get(),
        strength_days,
    ))
}

/// `None` when neither part was asked, or an answer was refused.
fn activity_answers(
    gppaq: Option<&GppaqIn>,
    weekly: Option<&WeeklyIn>,
) -> Option<activity::Answers> {
    if gppaq.is_none() && weekly.is_none() {
        return None;
    }
    let gppaq = match gppaq {
        None => Reply::NotAsked,
        Some(g) => Reply::Answered(gppaq_answers(g)?),
    };
    let weekly = match weekly {
        None => Reply::NotAsked,
        Some(w) => Reply::Answered(weekly_activity(w)?),
    };
    let answers = activity::Answers { gppaq, weekly };
    round_trip(&answers);
    Some(answers)
}

fn contact(input: &Input) -> Contact {
    let base = pick(contacts(), input.contact);
    match built(Age::new(input.age.get())) {
        Some(age) => accepted(Contact::new(ContactFields {
            age,
            age_in_months: None,
            ..base.fields()
        }))
        .unwrap_or(base),
        None => base,
    }
}

fuzz_target!(|input: Input| {
    let contact = contact(&input);

    // Constructors with no instrument of their own to feed.
    if let (Some(a), Some(b)) = (alcohol(&input.alcohol.0), alcohol(&input.alcohol.1)) {
        built(a.checked_add(b));
    }
    drinks(&input.drinks);
    built(PackYears::from_pack_years(input.pack_years.get()));
    built(WeeklyMinutes::new(input.weekly_minutes.get()));

    let bmi = match (height(&input.height), weight(&input.weight)) {
        (Some(h), Some(w)) => match &input.waist {
            None => Some(bmi::Answers::new(h, w, Reply::NotAsked)),
            Some(waist_in) => {
                waist(waist_in).map(|waist| bmi::Answers::new(h, w, Reply::Answered(waist)))
            }
        },
        _ => None,
    };
    let activity = activity_answers(input.gppaq.as_ref(), input.weekly.as_ref());
    // AUDIT and FAST answers are reached through the JSON targets.
    let mut answers = Answers::NONE;
    answers.pat = pat_answers(&input.pat);
    answers.smoking = smoking_answers(&input.smoking);
    answers.bmi = bmi;
    answers.activity = activity;
    round_trip(&answers);

    // Each instrument alone, against the fuzzed contact and every fixed one.
    for c in std::iter::once(&contact).chain(contacts()) {
        if let Some(a) = &answers.pat {
            round_trip(&pat::score(a, c));
            round_trip(&pat::next_step(a, c));
        }
        if let Some(a) = &answers.smoking {
            accepted(a.validate_against(c));
            round_trip(&smoking::score(a, c));
        }
        if let Some(a) = &answers.bmi {
            let finding = bmi::score(a, c);
            round_trip(&finding);
            assert!(!finding.bmi_display().to_string().is_empty());
        }
        if let Some(a) = &answers.activity {
            round_trip(&activity::score(a, c));
        }
    }

    // All together, through the national default policy.
    let findings = Findings::score(&answers, &contact);
    round_trip(&findings);
    if let Some(assessment) =
        accepted_round_trip(assess(&contact, &answers, national_default_policy()))
    {
        assert_eq!(assessment.findings, findings);
        check_plan(&assessment.plan);
    }
});
