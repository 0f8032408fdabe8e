//! The bank's data: every question of every instrument, built from the
//! instruments' own option enums, wordings and ranges.

use crate::context::Sex;
use crate::instruments::activity::{self, HoursBand, Occupation, STRENGTH_DAYS};
use crate::instruments::audit::{self, DrinkingFrequency, HowOften, Occurrence, TypicalDayBand};
use crate::instruments::child_bmi::{self, CHILD_HEIGHT_CM, CHILD_WAIST_CM, CHILD_WEIGHT_KG};
use crate::instruments::fast::{self, ConcernRaised};
use crate::instruments::smoking::{
    self, CIGARETTES_PER_DAY, MINUTES_TO_FIRST_CIGARETTE, Product, QUIT_DAYS, QUIT_MONTHS,
    QUIT_WEEKS, QUIT_YEARS, YEARS_SMOKED,
};
use crate::instruments::{Instrument, bmi, pat};
use crate::units::{
    ALCOHOL_UNITS, Bounds, CO_PPM, GRAMS_PER_POUND, HEIGHT_CM, MM_PER_INCH, POUNDS_PER_STONE,
    WAIST_CM, WEEKLY_MINUTES, WEIGHT_KG,
};

use super::{
    AnswerForm, AnswerFormat, AnswerOption, BankQuestion, Compound, FormValue, InstrumentQuestions,
    Measure, QuestionBank, QuestionId, Recording, SexWording, Wording,
};

/// The question bank.
///
/// ```
/// let bank = mecc::questions::bank();
/// assert_eq!(bank.instruments[0].key, "pat");
/// assert_eq!(bank.questions().count(), mecc::questions::QuestionId::ALL.len());
/// ```
#[must_use]
pub fn bank() -> &'static QuestionBank {
    &BANK
}

/// The entry of `id`. Every id has one (tested).
pub(super) fn question(id: QuestionId) -> &'static BankQuestion {
    BANK.questions()
        .find(|q| q.id == id)
        .unwrap_or_else(|| unreachable!("every question id is in the bank"))
}

static BANK: QuestionBank = QuestionBank {
    version: super::BANK_VERSION,
    crate_version: crate::VERSION,
    instruments: &[
        instrument::<pat::Pat>(&PAT),
        instrument::<audit::Audit>(&AUDIT),
        instrument::<fast::Fast>(&FAST),
        instrument::<smoking::Smoking>(&SMOKING),
        instrument::<bmi::Bmi>(&BMI),
        instrument::<activity::Activity>(&ACTIVITY),
        instrument::<child_bmi::ChildBmi>(&CHILD_BMI),
    ],
};

const fn instrument<I: Instrument>(questions: &'static [BankQuestion]) -> InstrumentQuestions {
    InstrumentQuestions {
        key: I::KEY,
        name: I::NAME,
        version: I::VERSION,
        sources: I::SOURCES,
        questions,
    }
}

// ---------------------------------------------------------------- building blocks

/// An option of a `named_enum!` enum with a `const fn score`: its code and
/// score from the enum, its label from here.
macro_rules! scored {
    ($variant:expr, $label:literal) => {
        AnswerOption {
            code: $variant.as_str(),
            label: $label,
            score: Some($variant.score()),
        }
    };
}

/// An unscored option of a `named_enum!` enum.
macro_rules! unscored {
    ($variant:expr, $label:literal) => {
        AnswerOption {
            code: $variant.as_str(),
            label: $label,
            score: None,
        }
    };
}

const fn option(code: &'static str, label: &'static str) -> AnswerOption {
    AnswerOption {
        code,
        label,
        score: None,
    }
}

const fn same(text: &'static str) -> Wording {
    Wording::Same(text)
}

const fn by_sex(male: &'static str, female_or_not_known: &'static str) -> Wording {
    Wording::BySex(SexWording {
        male,
        female_or_not_known,
    })
}

const fn whole(bounds: &Bounds) -> Measure {
    Measure::of(bounds, true)
}

const fn decimal(bounds: &Bounds) -> Measure {
    Measure::of(bounds, false)
}

const fn form(kind: &'static str, label: &'static str, value: FormValue) -> AnswerForm {
    AnswerForm { kind, label, value }
}

const MM_PER_CM: f64 = 10.0;
const CM_PER_INCH: f64 = MM_PER_INCH / MM_PER_CM;
const KG_PER_POUND: f64 = GRAMS_PER_POUND / 1000.0;

/// The forms of a length: centimetres, or feet and inches.
const fn height_forms(bounds: &Bounds) -> [AnswerForm; 2] {
    [
        form("cm", "centimetres", FormValue::Number(decimal(bounds))),
        form(
            "feet_and_inches",
            "feet and inches",
            FormValue::Compound(Compound {
                first: "feet",
                second: "inches",
                per: 12,
                total: Measure::converted(bounds, "in", CM_PER_INCH),
            }),
        ),
    ]
}

/// The forms of a weight: kilograms, pounds, or stones and pounds.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "14 pounds to the stone"
)]
const fn weight_forms(bounds: &Bounds) -> [AnswerForm; 3] {
    [
        form("kg", "kilograms", FormValue::Number(decimal(bounds))),
        form(
            "pounds",
            "pounds",
            FormValue::Number(Measure::converted(bounds, "lb", KG_PER_POUND)),
        ),
        form(
            "stones_and_pounds",
            "stones and pounds",
            FormValue::Compound(Compound {
                first: "stones",
                second: "pounds",
                per: POUNDS_PER_STONE as u8,
                total: Measure::converted(bounds, "lb", KG_PER_POUND),
            }),
        ),
    ]
}

/// The forms of a waist: centimetres or inches.
const fn waist_forms(bounds: &Bounds) -> [AnswerForm; 2] {
    [
        form("cm", "centimetres", FormValue::Number(decimal(bounds))),
        form(
            "inches",
            "inches",
            FormValue::Number(Measure::converted(bounds, "in", CM_PER_INCH)),
        ),
    ]
}

const fn ask(
    id: QuestionId,
    number: Option<u8>,
    wording: Wording,
    help: Option<&'static str>,
    answer: AnswerFormat,
    pointer: &'static str,
    recorded_as: Recording,
) -> BankQuestion {
    BankQuestion {
        id,
        number,
        wording,
        help,
        answer,
        pointer,
        recorded_as,
    }
}

// ---------------------------------------------------------------- PAT

const PAT_FREQUENCY: [AnswerForm; 3] = [
    form("every_day", "every day", FormValue::Nothing),
    form(
        "times_per_week",
        "on some days each week (how many)",
        FormValue::Number(whole(&pat::TIMES_PER_WEEK)),
    ),
    form(
        "less_than_weekly",
        "less than once a week",
        FormValue::Nothing,
    ),
];

const DRINK_AMOUNT: [AnswerForm; 2] = [
    form(
        "units",
        "UK units",
        FormValue::Number(decimal(&ALCOHOL_UNITS)),
    ),
    form("drinks", "a list of the drinks", FormValue::Drinks),
];

const fn pat_question(q: pat::Question) -> Wording {
    same(q.text())
}

static PAT: [BankQuestion; 5] = [
    ask(
        QuestionId::PatDrinksAlcohol,
        Some(pat::Question::DrinksAlcohol.number()),
        pat_question(pat::Question::DrinksAlcohol),
        Some("Ask once the reason for attending has been dealt with. No ends the test."),
        AnswerFormat::YesNo,
        "/pat/drinks_alcohol",
        Recording::Reply,
    ),
    ask(
        QuestionId::PatMostInOneDay,
        Some(pat::Question::MostInOneDay.number()),
        pat_question(pat::Question::MostInOneDay),
        Some(
            "Give the amount in UK units, or list the drinks and they are added up. \
             More than 8 units for a man, or 6 for a woman, is positive.",
        ),
        AnswerFormat::Forms(&DRINK_AMOUNT),
        "/pat/most_in_one_day",
        Recording::Reply,
    ),
    ask(
        QuestionId::PatFrequency,
        Some(pat::Question::Frequency.number()),
        pat_question(pat::Question::Frequency),
        Some("Every day marks a daily drinker, who may be dependent."),
        AnswerFormat::Forms(&PAT_FREQUENCY),
        "/pat/frequency",
        Recording::Reply,
    ),
    ask(
        QuestionId::PatAttendanceRelated,
        Some(pat::Question::AttendanceRelated.number()),
        pat_question(pat::Question::AttendanceRelated),
        Some("Yes is positive whatever the amount."),
        AnswerFormat::YesNo,
        "/pat/attendance_related",
        Recording::Reply,
    ),
    ask(
        QuestionId::PatWillingToSeeSpecialist,
        Some(pat::Question::WillingToSeeSpecialist.number()),
        pat_question(pat::Question::WillingToSeeSpecialist),
        Some("Asked only when the test is positive: it is the offer a positive result leads to."),
        AnswerFormat::YesNo,
        "/pat/willing_to_see_specialist",
        Recording::Reply,
    ),
];

// ---------------------------------------------------------------- AUDIT

const DRINKING_FREQUENCY: [AnswerOption; 5] = [
    scored!(DrinkingFrequency::Never, "Never"),
    scored!(DrinkingFrequency::MonthlyOrLess, "Monthly or less"),
    scored!(
        DrinkingFrequency::TwoToFourTimesPerMonth,
        "2 to 4 times a month"
    ),
    scored!(
        DrinkingFrequency::TwoToThreeTimesPerWeek,
        "2 to 3 times a week"
    ),
    scored!(
        DrinkingFrequency::FourOrMoreTimesPerWeek,
        "4 or more times a week"
    ),
];

const TYPICAL_DAY_BANDS: [AnswerOption; 5] = [
    scored!(TypicalDayBand::OneToTwo, "1 to 2"),
    scored!(TypicalDayBand::ThreeToFour, "3 to 4"),
    scored!(TypicalDayBand::FiveToSix, "5 to 6"),
    scored!(TypicalDayBand::SevenToNine, "7 to 9"),
    scored!(TypicalDayBand::TenOrMore, "10 or more"),
];

const TYPICAL_DAY: [AnswerForm; 3] = [
    form(
        "band",
        "the band ticked on the form",
        FormValue::Choice(&TYPICAL_DAY_BANDS),
    ),
    form(
        "units",
        "UK units",
        FormValue::Number(decimal(&ALCOHOL_UNITS)),
    ),
    form("drinks", "a list of the drinks", FormValue::Drinks),
];

const HOW_OFTEN: [AnswerOption; 5] = [
    scored!(HowOften::Never, "Never"),
    scored!(HowOften::LessThanMonthly, "Less than monthly"),
    scored!(HowOften::Monthly, "Monthly"),
    scored!(HowOften::Weekly, "Weekly"),
    scored!(HowOften::DailyOrAlmostDaily, "Daily or almost daily"),
];

const OCCURRENCE: [AnswerOption; 3] = [
    scored!(Occurrence::No, "No"),
    scored!(
        Occurrence::YesButNotInTheLastYear,
        "Yes, but not in the last year"
    ),
    scored!(
        Occurrence::YesDuringTheLastYear,
        "Yes, during the last year"
    ),
];

/// The AUDIT question's words: question 3 names 8 units for a man and 6
/// for a woman; the others are the same for everyone.
const fn audit_wording(q: audit::Question) -> Wording {
    let male = q.text(Sex::Male);
    let female = q.text(Sex::Female);
    if str_eq(male, female) {
        same(male)
    } else {
        by_sex(male, female)
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn audit_item(
    id: QuestionId,
    q: audit::Question,
    help: Option<&'static str>,
    options: &'static [AnswerOption],
    pointer: &'static str,
) -> BankQuestion {
    ask(
        id,
        Some(q.number()),
        audit_wording(q),
        help,
        AnswerFormat::Choice(options),
        pointer,
        Recording::Reply,
    )
}

static AUDIT: [BankQuestion; 10] = [
    audit_item(
        QuestionId::AuditFrequency,
        audit::Question::Frequency,
        Some("Never skips questions 2 and 3, and the AUDIT-C total is 0."),
        &DRINKING_FREQUENCY,
        "/audit/audit_c/frequency",
    ),
    ask(
        QuestionId::AuditTypicalDay,
        Some(audit::Question::TypicalDay.number()),
        audit_wording(audit::Question::TypicalDay),
        Some(
            "Tick the band, or give the units or the drinks and the band is worked out \
             (0 to 2 units scores 0).",
        ),
        AnswerFormat::Forms(&TYPICAL_DAY),
        "/audit/audit_c/typical_day",
        Recording::Reply,
    ),
    audit_item(
        QuestionId::AuditHeavyDrinking,
        audit::Question::HeavyDrinking,
        Some("8 units for a man; 6 for a woman, or when sex is not known."),
        &HOW_OFTEN,
        "/audit/audit_c/heavy_drinking",
    ),
    audit_item(
        QuestionId::AuditUnableToStop,
        audit::Question::UnableToStop,
        None,
        &HOW_OFTEN,
        "/audit/unable_to_stop",
    ),
    audit_item(
        QuestionId::AuditFailedExpectations,
        audit::Question::FailedExpectations,
        None,
        &HOW_OFTEN,
        "/audit/failed_expectations",
    ),
    audit_item(
        QuestionId::AuditMorningDrink,
        audit::Question::MorningDrink,
        Some("Any answer but never suggests possible dependence."),
        &HOW_OFTEN,
        "/audit/morning_drink",
    ),
    audit_item(
        QuestionId::AuditGuilt,
        audit::Question::Guilt,
        None,
        &HOW_OFTEN,
        "/audit/guilt",
    ),
    audit_item(
        QuestionId::AuditMemoryLoss,
        audit::Question::MemoryLoss,
        None,
        &HOW_OFTEN,
        "/audit/memory_loss",
    ),
    audit_item(
        QuestionId::AuditInjury,
        audit::Question::Injury,
        None,
        &OCCURRENCE,
        "/audit/injury",
    ),
    audit_item(
        QuestionId::AuditOthersConcerned,
        audit::Question::OthersConcerned,
        None,
        &OCCURRENCE,
        "/audit/others_concerned",
    ),
];

// ---------------------------------------------------------------- FAST

const CONCERN_RAISED: [AnswerOption; 3] = [
    scored!(ConcernRaised::No, "No"),
    scored!(ConcernRaised::YesOnOneOccasion, "Yes, on one occasion"),
    scored!(
        ConcernRaised::YesOnMoreThanOneOccasion,
        "Yes, on more than one occasion"
    ),
];

const fn fast_wording(q: fast::Question) -> Wording {
    let male = q.text(Sex::Male);
    let female = q.text(Sex::Female);
    if str_eq(male, female) {
        same(male)
    } else {
        by_sex(male, female)
    }
}

const fn fast_item(
    id: QuestionId,
    q: fast::Question,
    help: Option<&'static str>,
    options: &'static [AnswerOption],
    pointer: &'static str,
) -> BankQuestion {
    ask(
        id,
        Some(q.number()),
        fast_wording(q),
        help,
        AnswerFormat::Choice(options),
        pointer,
        Recording::Reply,
    )
}

static FAST: [BankQuestion; 4] = [
    fast_item(
        QuestionId::FastHeavyDrinking,
        fast::Question::HeavyDrinking,
        Some(
            "Never: negative, stop. Weekly or daily: positive, stop. Less than monthly or \
             monthly: go on to questions 2 to 4.",
        ),
        &HOW_OFTEN,
        "/fast/heavy_drinking",
    ),
    fast_item(
        QuestionId::FastFailedExpectations,
        fast::Question::FailedExpectations,
        None,
        &HOW_OFTEN,
        "/fast/failed_expectations",
    ),
    fast_item(
        QuestionId::FastMemoryLoss,
        fast::Question::MemoryLoss,
        None,
        &HOW_OFTEN,
        "/fast/memory_loss",
    ),
    fast_item(
        QuestionId::FastOthersConcerned,
        fast::Question::OthersConcerned,
        Some("The four scores together: 3 or more is positive."),
        &CONCERN_RAISED,
        "/fast/others_concerned",
    ),
];

// ---------------------------------------------------------------- smoking

const STATUS: [AnswerForm; 3] = [
    form("never_smoked", "never smoked", FormValue::Nothing),
    form(
        "ex_smoker",
        "used to smoke",
        FormValue::FollowUps(&[QuestionId::SmokingQuit]),
    ),
    form(
        "current_smoker",
        "smokes now",
        FormValue::FollowUps(&[
            QuestionId::SmokingProducts,
            QuestionId::SmokingCigarettesPerDay,
            QuestionId::SmokingMinutesToFirstCigarette,
            QuestionId::SmokingYearsSmoked,
        ]),
    ),
];

const PRODUCTS: [AnswerOption; 6] = [
    unscored!(Product::ManufacturedCigarettes, "Manufactured cigarettes"),
    unscored!(Product::HandRolled, "Hand-rolled tobacco"),
    unscored!(Product::Cigars, "Cigars"),
    unscored!(Product::Pipe, "Pipe"),
    unscored!(Product::Shisha, "Shisha (waterpipe)"),
    unscored!(
        Product::Smokeless,
        "Smokeless tobacco (chewed, sucked or sniffed)"
    ),
];

const QUIT: [AnswerForm; 5] = [
    form("days", "days ago", FormValue::Number(whole(&QUIT_DAYS))),
    form("weeks", "weeks ago", FormValue::Number(whole(&QUIT_WEEKS))),
    form(
        "months",
        "months ago",
        FormValue::Number(whole(&QUIT_MONTHS)),
    ),
    form("years", "years ago", FormValue::Number(whole(&QUIT_YEARS))),
    form("not_known", "not known", FormValue::Nothing),
];

// `Vaping` is a plain serde enum; its codes are checked against it by test.
const VAPING: [AnswerOption; 3] = [
    option("never", "Never vaped"),
    option("current", "Vapes now"),
    option("ex", "Used to vape"),
];

static SMOKING: [BankQuestion; 8] = [
    ask(
        QuestionId::SmokingStatus,
        None,
        same("Do you smoke tobacco at all, or have you smoked in the past?"),
        Some(
            "Asking is the first step of very brief advice. For someone who used to \
             smoke, ask when they stopped; for someone who smokes, what they smoke.",
        ),
        AnswerFormat::Forms(&STATUS),
        "/smoking/status",
        Recording::Value,
    ),
    ask(
        QuestionId::SmokingProducts,
        None,
        same(
            "What do you smoke or use: cigarettes, roll-ups, cigars, a pipe, shisha, or tobacco you chew?",
        ),
        Some("Tick every product used; at least one."),
        AnswerFormat::Several(&PRODUCTS),
        "/smoking/status/value/products",
        Recording::Value,
    ),
    ask(
        QuestionId::SmokingCigarettesPerDay,
        None,
        same("How many cigarettes do you smoke on a typical day?"),
        Some("With the time to the first cigarette, gives the Heaviness of Smoking Index."),
        AnswerFormat::Number(whole(&CIGARETTES_PER_DAY)),
        "/smoking/status/value/cigarettes_per_day",
        Recording::Reply,
    ),
    ask(
        QuestionId::SmokingMinutesToFirstCigarette,
        None,
        same("How soon after you wake up do you have your first cigarette?"),
        Some("In minutes; within 5 minutes scores highest on the Heaviness of Smoking Index."),
        AnswerFormat::Number(whole(&MINUTES_TO_FIRST_CIGARETTE)),
        "/smoking/status/value/minutes_to_first_cigarette",
        Recording::Reply,
    ),
    ask(
        QuestionId::SmokingYearsSmoked,
        None,
        same("For how many years have you smoked, in all?"),
        Some("With cigarettes a day, gives pack-years."),
        AnswerFormat::Number(whole(&YEARS_SMOKED)),
        "/smoking/status/value/years_smoked",
        Recording::Reply,
    ),
    ask(
        QuestionId::SmokingQuit,
        None,
        same("How long ago did you stop smoking?"),
        Some(
            "Within the last 2 weeks still counts as smoking for support and CO readings; \
             within 12 months, relapse-prevention support is offered.",
        ),
        AnswerFormat::Forms(&QUIT),
        "/smoking/status/value/quit",
        Recording::Value,
    ),
    ask(
        QuestionId::SmokingVaping,
        None,
        same("Do you use an e-cigarette or vape, or have you in the past?"),
        Some("Recorded apart from tobacco."),
        AnswerFormat::Choice(&VAPING),
        "/smoking/vaping",
        Recording::Reply,
    ),
    ask(
        QuestionId::SmokingCoPpm,
        None,
        same("Exhaled carbon monoxide reading (breathe into the monitor)."),
        Some(
            "Offered routinely in pregnancy: 4 ppm or more leads to an opt-out referral. \
             Above 10 ppm in a non-smoker, possible carbon monoxide poisoning.",
        ),
        AnswerFormat::Number(whole(&CO_PPM)),
        "/smoking/co_ppm",
        Recording::Reply,
    ),
];

// ---------------------------------------------------------------- BMI

const ADULT_HEIGHT: [AnswerForm; 2] = height_forms(&HEIGHT_CM);
const ADULT_WEIGHT: [AnswerForm; 3] = weight_forms(&WEIGHT_KG);
const ADULT_WAIST: [AnswerForm; 2] = waist_forms(&WAIST_CM);

const HEIGHT_HELP: &str =
    "Measured, without shoes, where possible; a height the person gives is accepted.";
const WEIGHT_HELP: &str = "Measured in light clothing where possible.";
const WAIST_HELP: &str =
    "Measured midway between the lowest rib and the top of the hip bone, after breathing out.";

static BMI: [BankQuestion; 3] = [
    ask(
        QuestionId::BmiHeight,
        None,
        same("Height."),
        Some(HEIGHT_HELP),
        AnswerFormat::Forms(&ADULT_HEIGHT),
        "/bmi/height",
        Recording::Value,
    ),
    ask(
        QuestionId::BmiWeight,
        None,
        same("Weight."),
        Some(WEIGHT_HELP),
        AnswerFormat::Forms(&ADULT_WEIGHT),
        "/bmi/weight",
        Recording::Value,
    ),
    ask(
        QuestionId::BmiWaist,
        None,
        same("Waist circumference."),
        Some(WAIST_HELP),
        AnswerFormat::Forms(&ADULT_WAIST),
        "/bmi/waist",
        Recording::Reply,
    ),
];

// ---------------------------------------------------------------- activity

const OCCUPATION: [AnswerOption; 5] = [
    unscored!(Occupation::NotInEmployment, "Not in employment"),
    unscored!(Occupation::Sedentary, "Mostly sitting (as in an office)"),
    unscored!(
        Occupation::Standing,
        "Mostly standing or walking, with little physical effort"
    ),
    unscored!(
        Occupation::Physical,
        "Definite physical effort (tools, heavy objects)"
    ),
    unscored!(
        Occupation::HeavyManual,
        "Vigorous work (very heavy objects)"
    ),
];

const HOURS: [AnswerOption; 4] = [
    unscored!(HoursBand::None, "None"),
    unscored!(HoursBand::SomeButLessThan1, "Some, but less than 1 hour"),
    unscored!(HoursBand::OneToLessThan3, "1 hour, but less than 3 hours"),
    unscored!(HoursBand::ThreeOrMore, "3 hours or more"),
];

// `WalkingPace` is a plain serde enum; its codes are checked against it by test.
const PACE: [AnswerOption; 4] = [
    option("slow", "Slow (less than 3 mph)"),
    option("steady", "Steady"),
    option("brisk", "Brisk"),
    option("fast", "Fast (over 4 mph)"),
];

const LAST_WEEK_HELP: &str = "In the last week; the bands are hours in the whole week.";

static ACTIVITY: [BankQuestion; 10] = [
    ask(
        QuestionId::ActivityOccupation,
        Some(1),
        same("Which best describes the physical activity of your work?"),
        Some("Not in employment is scored as sedentary."),
        AnswerFormat::Choice(&OCCUPATION),
        "/activity/gppaq/value/occupation",
        Recording::Reply,
    ),
    ask(
        QuestionId::ActivityExercise,
        Some(2),
        same(
            "In the last week, how many hours did you spend on physical exercise, such as swimming, jogging, aerobics, football, tennis or gym workouts?",
        ),
        Some(
            "Scored with cycling. Exact minutes of both may be given instead, as {\"kind\": \"minutes\"}.",
        ),
        AnswerFormat::Choice(&HOURS),
        "/activity/gppaq/value/exercise_and_cycling/value/value/exercise",
        Recording::Value,
    ),
    ask(
        QuestionId::ActivityCycling,
        Some(2),
        same(
            "In the last week, how many hours did you spend cycling, including to work or for leisure?",
        ),
        Some("Scored with exercise."),
        AnswerFormat::Choice(&HOURS),
        "/activity/gppaq/value/exercise_and_cycling/value/value/cycling",
        Recording::Value,
    ),
    ask(
        QuestionId::ActivityWalking,
        Some(2),
        same(
            "In the last week, how many hours did you spend walking, including to work, shopping or for pleasure?",
        ),
        Some(LAST_WEEK_HELP),
        AnswerFormat::Choice(&HOURS),
        "/activity/gppaq/value/walking",
        Recording::Reply,
    ),
    ask(
        QuestionId::ActivityHouseworkAndChildcare,
        Some(2),
        same("In the last week, how many hours did you spend on housework or childcare?"),
        Some(LAST_WEEK_HELP),
        AnswerFormat::Choice(&HOURS),
        "/activity/gppaq/value/housework_and_childcare",
        Recording::Reply,
    ),
    ask(
        QuestionId::ActivityGardeningAndDiy,
        Some(2),
        same("In the last week, how many hours did you spend on gardening or DIY?"),
        Some(LAST_WEEK_HELP),
        AnswerFormat::Choice(&HOURS),
        "/activity/gppaq/value/gardening_and_diy",
        Recording::Reply,
    ),
    ask(
        QuestionId::ActivityWalkingPace,
        Some(3),
        same("How would you describe your usual walking pace?"),
        Some("Recorded, not scored."),
        AnswerFormat::Choice(&PACE),
        "/activity/gppaq/value/walking_pace",
        Recording::Reply,
    ),
    ask(
        QuestionId::ActivityModerateMinutesPerWeek,
        None,
        same(
            "In a usual week, how many minutes of moderate activity do you do, the kind that makes you breathe faster but still able to talk?",
        ),
        Some("Vigorous minutes count double towards the 150-minute guideline."),
        AnswerFormat::Number(whole(&WEEKLY_MINUTES)),
        "/activity/weekly/value/moderate_minutes_per_week",
        Recording::Value,
    ),
    ask(
        QuestionId::ActivityVigorousMinutesPerWeek,
        None,
        same(
            "In a usual week, how many minutes of vigorous activity do you do, the kind that leaves you too out of breath to say more than a few words?",
        ),
        None,
        AnswerFormat::Number(whole(&WEEKLY_MINUTES)),
        "/activity/weekly/value/vigorous_minutes_per_week",
        Recording::Value,
    ),
    ask(
        QuestionId::ActivityStrengthDaysPerWeek,
        None,
        same("On how many days in a usual week do you do activities that strengthen your muscles?"),
        Some("Adults are advised at least 2 days a week."),
        AnswerFormat::Number(whole(&STRENGTH_DAYS)),
        "/activity/weekly/value/strength_days_per_week",
        Recording::Reply,
    ),
];

// ---------------------------------------------------------------- children's BMI

const CHILD_HEIGHT: [AnswerForm; 2] = height_forms(&CHILD_HEIGHT_CM);
const CHILD_WEIGHT: [AnswerForm; 3] = weight_forms(&CHILD_WEIGHT_KG);
const CHILD_WAIST: [AnswerForm; 2] = waist_forms(&CHILD_WAIST_CM);

static CHILD_BMI: [BankQuestion; 3] = [
    ask(
        QuestionId::ChildBmiHeight,
        None,
        same("The child's height."),
        Some("Measured, without shoes; the centile needs the age in months."),
        AnswerFormat::Forms(&CHILD_HEIGHT),
        "/child_bmi/height",
        Recording::Value,
    ),
    ask(
        QuestionId::ChildBmiWeight,
        None,
        same("The child's weight."),
        Some(WEIGHT_HELP),
        AnswerFormat::Forms(&CHILD_WEIGHT),
        "/child_bmi/weight",
        Recording::Value,
    ),
    ask(
        QuestionId::ChildBmiWaist,
        None,
        same("The child's waist circumference."),
        Some(WAIST_HELP),
        AnswerFormat::Forms(&CHILD_WAIST),
        "/child_bmi/waist",
        Recording::Reply,
    ),
];
