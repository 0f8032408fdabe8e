//! A maternity booking appointment: a pregnant woman of 29 who drinks a
//! little, has never smoked but whose carbon-monoxide reading is 5 ppm (her
//! partner smokes at home), and whose BMI at booking is 32.
//!
//! The plan prompts the midwife to ask about domestic abuse when she is
//! alone, gives the advice not to drink at all in pregnancy, asks about
//! smoking in the household with smokefree-home advice and the stop smoking
//! service for her partner, and gives the booking-BMI actions without any
//! weight-loss advice (CLINICAL-REFERENCE §9). Each action prints the
//! midwife's text and, where she reads one, hers.
//!
//! Run with `cargo run --example maternity_booking`.

use mecc::policy::Policy;
use mecc::{Answers, assess};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contact = serde_json::from_str(
        r#"{
        "age": 29, "sex": "female", "pregnant": "yes", "family_background": "black_african",
        "setting": "maternity", "time_available": "extended",
        "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    }"#,
    )?;
    let answers: Answers = serde_json::from_str(
        r#"{
        "audit": {
            "audit_c": {"frequency": {"kind": "answered", "value": "monthly_or_less"},
                        "typical_day": {"kind": "answered", "value": {"kind": "band", "value": "one_to_two"}},
                        "heavy_drinking": {"kind": "answered", "value": "never"}},
            "unable_to_stop": {"kind": "not_asked"}, "failed_expectations": {"kind": "not_asked"},
            "morning_drink": {"kind": "not_asked"}, "guilt": {"kind": "not_asked"},
            "memory_loss": {"kind": "not_asked"}, "injury": {"kind": "not_asked"},
            "others_concerned": {"kind": "not_asked"}},
        "smoking": {"status": {"kind": "never_smoked"}, "vaping": {"kind": "answered", "value": "never"},
                    "co_ppm": {"kind": "answered", "value": 5}},
        "bmi": {"height": {"kind": "cm", "value": 163}, "weight": {"kind": "kg", "value": 85},
                "waist": {"kind": "not_asked"}}
    }"#,
    )?;
    let policy = Policy::national_default()?;
    let assessment = assess(&contact, &answers, &policy)?;
    if let Some(smoking) = &assessment.findings.smoking {
        println!("CO reading: {:?}", smoking.co);
    }
    if let Some(bmi) = &assessment.findings.bmi {
        println!("BMI at booking: {}\n", bmi.bmi_display());
    }
    println!("{assessment}");
    Ok(())
}
