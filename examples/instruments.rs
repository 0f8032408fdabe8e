//! Scores one person on all four instruments and prints what each found.
//!
//! Run with `cargo run --example instruments`.

use mecc::context::*;
use mecc::instruments::{Reply, activity, bmi, pat, smoking};
use mecc::units::{CoPpm, Height, Waist, Weight};

fn main() -> Result<(), mecc::Error> {
    // A 47-year-old man seen in the emergency department after a fall.
    let contact = Contact::new(ContactFields {
        age: Age::new(47)?,
        age_in_months: None,
        age_confirmed: false,
        sex: Sex::Male,
        pregnant: Pregnancy::No,
        family_background: Some(FamilyBackground::SouthAsian),
        setting: Setting::EmergencyDepartment,
        time_available: TimeAvailable::Brief,
        presenting_condition: Some(PresentingCondition::Fall),
        intoxicated: Some(YesNoNotKnown::No),
        priority_groups: Some(PriorityGroups::NONE),
        comorbidities: Some(Comorbidities {
            diabetes: Diabetes::None,
            hypertension: YesNoNotKnown::Yes,
            eating_disorder: EatingDisorder::No,
            bariatric_surgery: BariatricSurgery::None,
        }),
    })?;

    // Paddington Alcohol Test: four pints of strong lager on his heaviest day.
    let heaviest_day =
        pat::MostInOneDay::from_drinks(&[pat::DrinkCount::new(pat::Drink::PintStrong, 4)?])?;
    let pat_answers = pat::Answers::new(pat::AnswersFields {
        drinks_alcohol: Reply::Answered(true),
        most_in_one_day: Reply::Answered(heaviest_day),
        frequency: Reply::Answered(pat::Frequency::times_per_week(3)?),
        attendance_related: Reply::Answered(false),
        willing_to_see_specialist: Reply::NotAsked,
    })?;
    let pat = pat::score(&pat_answers, &contact);
    println!("Paddington Alcohol Test ({})", pat::VERSION);
    println!("  indicated:        {}", pat.indicated());
    println!("  result:           {:?}", pat.result);
    for reason in pat.reasons.iter() {
        match reason {
            pat::PositiveReason::ConsumptionAboveThreshold(c) => println!(
                "  reason:           {} units in a day, above {}",
                c.units.units(),
                c.threshold.units()
            ),
            pat::PositiveReason::AttendanceRelated => {
                println!("  reason:           attendance related to alcohol")
            }
        }
    }
    println!(
        "  threshold:        more than {} units",
        pat.threshold.units()
    );
    println!("  daily drinker:    {:?}", pat.daily_drinker);
    println!(
        "  next step:        {:?}",
        pat::next_step(&pat_answers, &contact)
    );

    // Smoking: 15 hand-rolled cigarettes a day, first one 20 minutes after waking.
    let smoking_answers = smoking::Answers {
        status: smoking::SmokingStatus::CurrentSmoker(smoking::CurrentSmoking::new(
            smoking::CurrentSmokingFields {
                products: smoking::Products::single(smoking::Product::HandRolled),
                cigarettes_per_day: Reply::Answered(smoking::CigarettesPerDay::new(15)?),
                minutes_to_first_cigarette: Reply::Answered(smoking::MinutesToFirstCigarette::new(
                    20,
                )?),
                years_smoked: Reply::Answered(smoking::YearsSmoked::new(30)?),
            },
        )?),
        vaping: Reply::Answered(smoking::Vaping::Never),
        co_ppm: Reply::Answered(CoPpm::new(18)?),
    };
    smoking_answers.validate_against(&contact)?;
    let smoking = smoking::score(&smoking_answers, &contact);
    println!("\nSmoking status ({})", smoking::VERSION);
    println!("  status:           {:?}", smoking.status);
    println!("  heaviness index:  {:?}", smoking.hsi);
    if let smoking::PackYearsResult::Computed(p) = smoking.pack_years {
        println!("  pack-years:       {:.1}", p.pack_years());
    }
    println!("  CO reading:       {:?}", smoking.co);

    // BMI: 5 ft 7 in, 13 st 2 lb, waist 38 in.
    let bmi_answers = bmi::Answers::new(
        Height::from_feet_and_inches(5, 7.0)?,
        Weight::from_stones_and_pounds(13, 2.0)?,
        Reply::Answered(Waist::from_inches(38.0)?),
    );
    let bmi = bmi::score(&bmi_answers, &contact);
    println!("\nBMI and waist-to-height ratio ({})", bmi::VERSION);
    println!(
        "  BMI:              {} (unrounded {:.3})",
        bmi.bmi_display(),
        bmi.bmi_unrounded()
    );
    println!("  classification:   {:?}", bmi.classification);
    if let Reply::Answered(whtr) = bmi.whtr {
        println!(
            "  WHtR:             {} {:?} (applies: {})",
            whtr.ratio_display(),
            whtr.band,
            whtr.applies
        );
    }

    // Physical activity: desk job, under an hour of exercise, no cycling.
    let activity_answers = activity::Answers {
        gppaq: Reply::Answered(activity::GppaqAnswers::scored_only(
            activity::Occupation::Sedentary,
            activity::ExerciseAndCycling::Bands(activity::ExerciseAndCyclingBands {
                exercise: activity::HoursBand::SomeButLessThan1,
                cycling: activity::HoursBand::None,
            }),
        )),
        weekly: Reply::Answered(activity::WeeklyActivity::try_new(
            60,
            0,
            Reply::Answered(activity::StrengthDays::new(0)?),
        )?),
    };
    let activity = activity::score(&activity_answers, &contact);
    println!("\nPhysical activity ({})", activity::VERSION);
    println!("  GPPAQ index:      {:?}", activity.index());
    println!("  weekly band:      {:?}", activity.weekly_band());
    println!(
        "  meets guideline:  {:?}",
        activity.meets_aerobic_guideline()
    );
    Ok(())
}
