//! The RCPCH UK-WHO BMI reference and the LMS method (CLINICAL-REFERENCE §8.3).
//!
//! The reference is a table of L (skewness), M (median) and S (coefficient of
//! variation) by sex and age. RCPCH's UK-WHO growth charts join two sources,
//! and so does this table:
//!
//! - from 2 to under 4 years, the WHO Child Growth Standards (2006), one row a
//!   day (ages in days ÷ 365.25);
//! - from 4 years, the UK 1990 reference (Cole, Freeman and Preece 1995, as
//!   reanalysed in 2009), one row a month.
//!
//! The figures are those the RCPCH `rcpchgrowth` package embeds; the table is
//! generated from it by `scripts/centiles/generate.py` (see
//! [`RCPCHGROWTH_VERSION`]).
//!
//! L, M and S at an exact age are interpolated as RCPCH does: cubically
//! (the Lagrange polynomial through the two rows below the age and the two
//! above), and linearly where the age lies in the first or last interval of a
//! table, where there are not two rows on each side.
//!
//! ```
//! use mecc::instruments::child_bmi::reference::{self, Reference, ReferenceSex};
//!
//! // A girl of 10 years 6 months with a BMI of 22.
//! let lms = reference::lms_at(ReferenceSex::Female, 10.5).ok_or("outside the reference")?;
//! assert_eq!(lms.reference, Reference::Uk90);
//! let z = lms.z(22.0).ok_or("no z")?;
//! assert!((z - 1.661).abs() < 0.001);
//! assert!((reference::normal_cdf(z) - 0.9516).abs() < 0.0001);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

#[path = "uk_who_bmi_lms.rs"]
mod uk_who_bmi_lms;

pub use uk_who_bmi_lms::{
    RCPCHGROWTH_VERSION, UK90_FEMALE, UK90_MALE, WHO_2006_FEMALE, WHO_2006_MALE,
};

/// The WHO 2006 standard is used from this age, in years.
pub const WHO_2006_FROM_YEARS: f64 = 2.0;
/// UK90 is used from this age, in years; the WHO 2006 standard below it
/// (RCPCH UK-WHO; CLINICAL-REFERENCE §8.3).
pub const UK90_FROM_YEARS: f64 = 4.0;
/// The UK90 BMI reference ends at this age, in years.
pub const UK90_TO_YEARS: f64 = 20.0;

/// One row of the reference: L, M and S at one age.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LmsRow {
    /// The age, in decimal years.
    pub age_years: f64,
    /// L, the Box-Cox power that removes the skewness.
    pub l: f64,
    /// M, the median BMI in kg/m².
    pub m: f64,
    /// S, the coefficient of variation.
    pub s: f64,
}

/// Which of the two sources of the UK-WHO reference applies at an age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Reference {
    /// WHO Child Growth Standards (2006): from 2 to under 4 years.
    #[serde(rename = "who_2006")]
    Who2006,
    /// UK 1990 reference (Cole, Freeman, Preece 1995): from 4 years.
    #[serde(rename = "uk90")]
    Uk90,
}

impl Reference {
    /// The reference RCPCH uses at `age_years`: WHO 2006 from 2 to under 4,
    /// UK90 from 4 (4.0 itself is UK90) to 20; `None` outside 2 to 20 or for
    /// an age that is not a number.
    #[must_use]
    pub fn at(age_years: f64) -> Option<Reference> {
        if (WHO_2006_FROM_YEARS..UK90_FROM_YEARS).contains(&age_years) {
            Some(Reference::Who2006)
        } else if (UK90_FROM_YEARS..=UK90_TO_YEARS).contains(&age_years) {
            Some(Reference::Uk90)
        } else {
            None
        }
    }

    /// The rows of this reference for one sex, youngest first.
    #[must_use]
    pub const fn rows(self, sex: ReferenceSex) -> &'static [LmsRow] {
        match (self, sex) {
            (Reference::Who2006, ReferenceSex::Male) => &WHO_2006_MALE,
            (Reference::Who2006, ReferenceSex::Female) => &WHO_2006_FEMALE,
            (Reference::Uk90, ReferenceSex::Male) => &UK90_MALE,
            (Reference::Uk90, ReferenceSex::Female) => &UK90_FEMALE,
        }
    }
}

/// The sexes the reference is given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReferenceSex {
    /// Boys.
    Male,
    /// Girls.
    Female,
}

/// L, M and S at one exact age, and the reference they come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lms {
    /// L, the Box-Cox power.
    pub l: f64,
    /// M, the median BMI in kg/m².
    pub m: f64,
    /// S, the coefficient of variation.
    pub s: f64,
    /// The reference the values come from.
    pub reference: Reference,
}

impl Lms {
    /// The z-score of `bmi` (CLINICAL-REFERENCE §8.3):
    /// `((BMI/M)^L − 1) / (L·S)`, or `ln(BMI/M) / S` when L is 0.
    ///
    /// `None` when `bmi` is not a positive finite number (or the result would
    /// not be finite). The power is computed as `expm1(L·ln(BMI/M))`, the same
    /// value as `(BMI/M)^L − 1` without losing digits when L is small.
    #[must_use]
    pub fn z(&self, bmi: f64) -> Option<f64> {
        if !(bmi.is_finite() && bmi > 0.0) {
            return None;
        }
        let log_ratio = (bmi / self.m).ln();
        let z = if self.l == 0.0 {
            log_ratio / self.s
        } else {
            (self.l * log_ratio).exp_m1() / (self.l * self.s)
        };
        z.is_finite().then_some(z)
    }
}

/// L, M and S for `sex` at `age_years`, from the reference RCPCH uses at that
/// age ([`Reference::at`]), interpolated as RCPCH does; `None` outside 2 to
/// 20 years.
///
/// **Decision:** the WHO 2006 table's first row is at 731 days (2.0014
/// years). RCPCH reads an age of exactly 2.0 as that row; this does the same
/// for any age from 2.0 up to it (less than a day), where `rcpchgrowth` would
/// otherwise have no row below to interpolate from.
#[must_use]
pub fn lms_at(sex: ReferenceSex, age_years: f64) -> Option<Lms> {
    let reference = Reference::at(age_years)?;
    let rows = reference.rows(sex);
    let first = rows.first()?;
    let last = rows.last()?;
    let age = age_years.max(first.age_years);
    if age > last.age_years {
        return None;
    }
    // The first row at or after the age.
    let above = rows.partition_point(|r| r.age_years < age);
    let lms = |l, m, s| Lms { l, m, s, reference };
    // A row whose age agrees to four decimal places is used as it stands, as
    // RCPCH does: rows are at least a day (0.0027 years) apart, so only the
    // rows either side can agree.
    let key = four_places(age);
    if let Some(row) = [above.checked_sub(1), Some(above)]
        .into_iter()
        .flatten()
        .filter_map(|i| rows.get(i))
        .find(|r| (four_places(r.age_years) - key).abs() < 0.5)
    {
        return Some(lms(row.l, row.m, row.s));
    }
    // `age` lies strictly between rows[below] and rows[above].
    let below = above.checked_sub(1)?;
    let (r1, r2) = (rows.get(below)?, rows.get(above)?);
    if below >= 1
        && let (Some(r0), Some(r3)) = (rows.get(below - 1), rows.get(above + 1))
    {
        let ages = [r0.age_years, r1.age_years, r2.age_years, r3.age_years];
        let cubic = |p: fn(&LmsRow) -> f64| lagrange(age, ages, [p(r0), p(r1), p(r2), p(r3)]);
        Some(lms(cubic(|r| r.l), cubic(|r| r.m), cubic(|r| r.s)))
    } else {
        let t = (age - r1.age_years) / (r2.age_years - r1.age_years);
        let linear = |a: f64, b: f64| a + (b - a) * t;
        Some(lms(
            linear(r1.l, r2.l),
            linear(r1.m, r2.m),
            linear(r1.s, r2.s),
        ))
    }
}

/// An age rounded to four decimal places, as a whole number of ten-thousandths
/// of a year, for comparing ages as RCPCH does: two such whole numbers are
/// equal when they differ by less than a half.
fn four_places(age_years: f64) -> f64 {
    (age_years * 10_000.0).round()
}

/// The value at `x` of the cubic through the four points `(xs[i], ys[i])`.
fn lagrange(x: f64, xs: [f64; 4], ys: [f64; 4]) -> f64 {
    let mut sum = 0.0;
    for i in 0..4 {
        let mut term = ys[i];
        for j in 0..4 {
            if i != j {
                term *= (x - xs[j]) / (xs[i] - xs[j]);
            }
        }
        sum += term;
    }
    sum
}

/// The z-score of `bmi` for `sex` at `age_years` on the UK-WHO reference;
/// `None` outside 2 to 20 years or for a BMI that is not a positive number.
///
/// ```
/// use mecc::instruments::child_bmi::reference::{z_score, ReferenceSex};
///
/// // A BMI at the median has z 0.
/// let median = mecc::instruments::child_bmi::reference::UK90_MALE[0].m;
/// assert_eq!(z_score(ReferenceSex::Male, 4.0, median), Some(0.0));
/// assert_eq!(z_score(ReferenceSex::Male, 1.5, 16.0), None);
/// ```
#[must_use]
pub fn z_score(sex: ReferenceSex, age_years: f64, bmi: f64) -> Option<f64> {
    lms_at(sex, age_years)?.z(bmi)
}

// ---------------------------------------------------------------- normal CDF

/// `1/√π`.
const FRAC_1_SQRT_PI: f64 = 0.564_189_583_547_756_3;

/// Beyond this, erfc is computed from its continued fraction, which converges
/// fast there; below it, from the series for erf, which has no cancellation.
const ERFC_CONTINUED_FRACTION_FROM: f64 = 3.0;

/// The standard normal cumulative distribution function Φ(z): the centile
/// of a z-score, as a fraction (CLINICAL-REFERENCE §8.3).
///
/// Computed as `erfc(−z/√2) / 2`, with erfc accurate to about 1e-15 relative
/// over the whole range, so that even far tails keep their digits. NaN gives
/// NaN.
///
/// ```
/// use mecc::instruments::child_bmi::reference::normal_cdf;
///
/// assert_eq!(normal_cdf(0.0), 0.5);
/// assert!((normal_cdf(-2.0) - 0.022_750_131_948_179_2).abs() < 1e-15);
/// assert!((normal_cdf(8.0 / 3.0) - 0.996_169_619_432_410_2).abs() < 1e-15);
/// ```
#[must_use]
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / core::f64::consts::SQRT_2)
}

/// The complementary error function.
fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    if x < ERFC_CONTINUED_FRACTION_FROM {
        1.0 - erf_series(x)
    } else {
        erfc_continued_fraction(x)
    }
}

/// erf(x) for 0 ≤ x < 3, from the series
/// `erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))`, whose terms are
/// all positive.
fn erf_series(x: f64) -> f64 {
    let x2 = x * x;
    let mut term = x;
    let mut sum = x;
    // At x < 3 the terms fall below 1e-17 of the sum well before 120 terms.
    for n in 1..120_u32 {
        term *= 2.0 * x2 / f64::from(2 * n + 1);
        sum += term;
        if term < sum * 1e-17 {
            break;
        }
    }
    2.0 * FRAC_1_SQRT_PI * (-x2).exp() * sum
}

/// erfc(x) for x ≥ 3, from the continued fraction
/// `erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))`,
/// evaluated from a fixed depth upwards.
fn erfc_continued_fraction(x: f64) -> f64 {
    // At x ≥ 3, 60 levels give full double precision.
    let mut tail = x;
    for k in (1..=60_u32).rev() {
        tail = x + f64::from(k) / 2.0 / tail;
    }
    FRAC_1_SQRT_PI * (-x * x).exp() / tail
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values of Φ from `scipy.stats.norm.cdf`.
    #[test]
    fn normal_cdf_matches_reference_values() {
        let cases = [
            (0.0, 0.5),
            (1.0, 0.841_344_746_068_542_9),
            (-1.0, 0.158_655_253_931_457_07),
            (-2.0, 0.022_750_131_948_179_195),
            (2.0, 0.977_249_868_051_820_8),
            (4.0 / 3.0, 0.908_788_780_274_132_1),
            (8.0 / 3.0, 0.996_169_619_432_410_2),
            (-2.0 / 3.0, 0.252_492_537_546_922_9),
            (0.5, 0.691_462_461_274_013_1),
            (-0.1, 0.460_172_162_722_971),
            (3.0, 0.998_650_101_968_369_9),
            (-3.0, 0.001_349_898_031_630_093_3),
            (5.0, 0.999_999_713_348_428_1),
            (6.0, 0.999_999_999_013_412_3),
        ];
        for (z, p) in cases {
            let got = normal_cdf(z);
            assert!((got - p).abs() < 1e-15, "Φ({z}) = {got}, expected {p}");
        }
        // Far tails: relative accuracy.
        for (z, p) in [
            (-5.0, 2.866_515_718_791_933e-7),
            (-8.0, 6.220_960_574_271_74e-16),
            (-10.0, 7.619_853_024_160_47e-24),
        ] {
            let got = normal_cdf(z);
            assert!(
                ((got - p) / p).abs() < 1e-13,
                "Φ({z}) = {got}, expected {p}"
            );
        }
    }

    #[test]
    fn normal_cdf_is_monotone_symmetric_and_bounded() {
        let mut previous = 0.0;
        for i in -4000..=4000 {
            let z = f64::from(i) / 400.0;
            let p = normal_cdf(z);
            assert!((0.0..=1.0).contains(&p), "Φ({z}) = {p}");
            assert!(p >= previous, "Φ not monotone at {z}");
            assert!(
                (p + normal_cdf(-z) - 1.0).abs() < 1e-15,
                "Φ not symmetric at {z}"
            );
            previous = p;
        }
        assert_eq!(normal_cdf(f64::INFINITY), 1.0);
        assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
        assert!(normal_cdf(f64::NAN).is_nan());
    }

    #[test]
    fn the_two_methods_of_erfc_agree_where_they_meet() {
        let x = ERFC_CONTINUED_FRACTION_FROM;
        let series = 1.0 - erf_series(x);
        let fraction = erfc_continued_fraction(x);
        assert!(((series - fraction) / fraction).abs() < 1e-10);
    }

    #[test]
    fn interpolation_passes_through_the_rows() {
        for row in UK90_FEMALE
            .iter()
            .chain(&WHO_2006_MALE[..WHO_2006_MALE.len() - 2])
        {
            let sex = if UK90_FEMALE.contains(row) {
                ReferenceSex::Female
            } else {
                ReferenceSex::Male
            };
            let lms = lms_at(sex, row.age_years).unwrap();
            assert_eq!((lms.l, lms.m, lms.s), (row.l, row.m, row.s));
        }
    }

    #[test]
    fn reference_by_age() {
        assert_eq!(Reference::at(1.99), None);
        assert_eq!(Reference::at(2.0), Some(Reference::Who2006));
        assert_eq!(Reference::at(3.999_999), Some(Reference::Who2006));
        assert_eq!(Reference::at(4.0), Some(Reference::Uk90));
        assert_eq!(Reference::at(20.0), Some(Reference::Uk90));
        assert_eq!(Reference::at(20.01), None);
        assert_eq!(Reference::at(f64::NAN), None);
    }

    #[test]
    fn z_is_refused_for_impossible_bmis() {
        let lms = lms_at(ReferenceSex::Male, 10.0).unwrap();
        for bmi in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(lms.z(bmi), None, "{bmi}");
        }
        let zero_l = Lms { l: 0.0, ..lms };
        assert!((zero_l.z(lms.m * 1.1).unwrap() - 1.1f64.ln() / lms.s).abs() < 1e-15);
    }
}
