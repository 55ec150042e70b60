//! Exact arithmetic for the statuses: measures taken as the decimals the school wrote, so
//! that a threshold is judged on the value shown, never on floating-point noise.
//!
//! `12.6 → 8.46` towards 8 is exactly 90 % of the way; in `f64` it is 0.8999999999999998.
//! Here each value becomes the shortest decimal that reads back as the same `f64` (what
//! the school typed, for up to 15 significant digits), then integers do the rest.

/// Decimals kept at most: far beyond any real measure, and small enough for the products
/// below to stay within `i128` for every plausible value (|x| ≤ 10¹⁵, `numfmt::MAX_VALUE`).
const MAX_SCALE: u32 = 18;

/// A value as a decimal: `digits × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    digits: i128,
    scale: u32,
}

impl Decimal {
    /// The decimal an `f64` was written as. Only plausible values (`numfmt::plausible`)
    /// reach here; anything else is read as 0 rather than overflow.
    pub fn of(x: f64) -> Decimal {
        if !crate::numfmt::plausible(x) {
            return Decimal {
                digits: 0,
                scale: 0,
            };
        }
        // `{:e}` is the shortest round-trip form: « 1.26e1 », « -4e-3 ».
        let s = format!("{x:e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let frac_len = mantissa.split_once('.').map_or(0, |(_, f)| f.len() as i32);
        let shift = exp - frac_len;
        if shift < -(MAX_SCALE as i32) {
            // A value with more than 18 decimals: rounded to 18, which no measure needs.
            return Decimal::digits_of(&format!("{x:.18}"), MAX_SCALE);
        }
        let d = Decimal::digits_of(mantissa, 0);
        if shift >= 0 {
            Decimal {
                digits: d.digits * 10i128.pow(shift.unsigned_abs()),
                scale: 0,
            }
        } else {
            Decimal {
                digits: d.digits,
                scale: shift.unsigned_abs(),
            }
        }
    }

    /// The integer spelled by the digits of `s` (sign, digits, a point ignored).
    fn digits_of(s: &str, scale: u32) -> Decimal {
        let mut digits: i128 = 0;
        for c in s.chars() {
            if let Some(d) = c.to_digit(10) {
                digits = digits.saturating_mul(10).saturating_add(i128::from(d));
            }
        }
        if s.starts_with('-') {
            digits = -digits;
        }
        Decimal { digits, scale }
    }

    /// The digits at a larger scale.
    fn at(self, scale: u32) -> i128 {
        self.digits
            .saturating_mul(10i128.pow(scale.saturating_sub(self.scale)))
    }
}

/// The progress of an indicator as an exact fraction: (latest − baseline) / (target − baseline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    num: i128,
    /// Always positive.
    den: i128,
}

impl Ratio {
    /// `(latest − baseline) / (target − baseline)`, `None` when the target equals the baseline.
    pub fn progress(depart: Decimal, derniere: Decimal, cible: Decimal) -> Option<Ratio> {
        let scale = depart.scale.max(derniere.scale).max(cible.scale);
        let d = depart.at(scale);
        let num = derniere.at(scale) - d;
        let den = cible.at(scale) - d;
        match den.signum() {
            0 => None,
            1 => Some(Ratio { num, den }),
            _ => Some(Ratio {
                num: -num,
                den: -den,
            }),
        }
    }

    /// The share of the period elapsed: `(annee − debut) / (fin − debut)`, between 0 and 1;
    /// a period of one year (or less) is wholly elapsed from its end.
    pub fn elapsed(periode: (i64, i64), annee: i64) -> Ratio {
        let (debut, fin) = periode;
        if fin <= debut {
            let num = i128::from(annee >= fin);
            return Ratio { num, den: 1 };
        }
        let den = i128::from(fin) - i128::from(debut);
        let num = (i128::from(annee) - i128::from(debut)).clamp(0, den);
        Ratio { num, den }
    }

    /// The whole percentage, rounded down: what every output prints and what is judged.
    /// Rounded down, so that « 90 % » is at least 90 % and « 100 % » the target reached.
    pub fn percent(self) -> i64 {
        let p = self.num.saturating_mul(100).div_euclid(self.den);
        i64::try_from(p).unwrap_or(if p > 0 { i64::MAX } else { i64::MIN })
    }

    /// The nearest `f64`, for the JSON output and the charts.
    pub fn value(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

/// Whether `a` is worse than `b` for an indicator that improves upwards (`hausse`) or not.
pub fn worse(a: Decimal, b: Decimal, hausse: bool) -> bool {
    let scale = a.scale.max(b.scale);
    let (a, b) = (a.at(scale), b.at(scale));
    if hausse { a < b } else { a > b }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(d: f64, l: f64, c: f64) -> i64 {
        Ratio::progress(Decimal::of(d), Decimal::of(l), Decimal::of(c))
            .unwrap()
            .percent()
    }

    #[test]
    fn values_are_read_as_written() {
        assert_eq!(
            Decimal::of(12.6),
            Decimal {
                digits: 126,
                scale: 1
            }
        );
        assert_eq!(
            Decimal::of(-0.004),
            Decimal {
                digits: -4,
                scale: 3
            }
        );
        assert_eq!(
            Decimal::of(48200.0),
            Decimal {
                digits: 48200,
                scale: 0
            }
        );
        assert_eq!(
            Decimal::of(0.0),
            Decimal {
                digits: 0,
                scale: 0
            }
        );
        assert_eq!(Decimal::of(1e-30).scale, MAX_SCALE);
    }

    #[test]
    fn thresholds_are_exact() {
        // Both lines of issue 35, wrong by one ulp in f64.
        assert_eq!(pct(12.6, 8.46, 8.0), 90);
        assert_eq!(pct(0.4, 0.7, 0.9), 60);
        assert_eq!(Ratio::elapsed((2021, 2026), 2024).percent(), 60);
        // Rounded down: 99.9 % is not the target, −0.1 % is a fall.
        assert_eq!(pct(0.0, 99.9, 100.0), 99);
        assert_eq!(pct(10.0, 9.999, 20.0), -1);
        assert_eq!(pct(11.4, 7.1, 6.0), 79);
    }

    #[test]
    fn extremes_do_not_overflow() {
        let huge = Ratio::progress(Decimal::of(0.0), Decimal::of(1e15), Decimal::of(1e-18));
        assert_eq!(huge.unwrap().percent(), i64::MAX);
        assert!(Ratio::progress(Decimal::of(3.0), Decimal::of(5.0), Decimal::of(3.0)).is_none());
        assert_eq!(Ratio::elapsed((2026, 2021), 2030).percent(), 100);
        assert_eq!(Ratio::elapsed((2021, 2026), 2019).percent(), 0);
    }
}
