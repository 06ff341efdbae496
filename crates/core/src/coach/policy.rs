//! The coaching policy: which behaviour crosses a boundary, what follows each time, how it is
//! lowered again, and what an agent may not promise.
//!
//! A policy is TOML text; the documented default is `data/policy.default.toml`, compiled in.
//! Reading it is pure (the caller reads the file), and every error names the key at fault.

use std::fmt;

use toml::{Table, Value};

use super::boundary::Step;
use crate::types::SignalKind;

const DEFAULT: &str = include_str!("../../data/policy.default.toml");

/// What the last boundary step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FinalStep {
    /// Pass the conversation to a supervisor.
    Handover,
    /// Close the conversation.
    End,
}

/// The least step a severe crossing takes, whatever warnings were given before
/// ([`Step::None`]: no skipping, the next step of the ladder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Severity {
    /// A threat that names an act of violence or a weapon ("I'll smash your face in").
    pub threat: Step,
    /// Menace without a named act ("watch yourself", "I know where you live").
    pub veiled_threat: Step,
    /// Sexual harassment before the agent has set any boundary.
    pub harassment: Step,
    /// Sexual harassment after the agent has set a boundary.
    pub harassment_after_warning: Step,
}

/// Phrases that may not be promised, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Forbidden {
    pub reason: String,
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Signal kinds that cross a boundary (insults, profanity and threats only when aimed at a person).
    pub crossing: Vec<SignalKind>,
    /// A turn judged abusive crosses even when no listed signal fired.
    pub abusive_judgement: bool,
    pub final_step: FinalStep,
    /// Steps that severe crossings skip to.
    pub severity: Severity,
    /// Steps removed when the client apologises.
    pub apology_lowers: u8,
    /// Steps removed by a calm client turn that crosses nothing.
    pub calm_turn_lowers: u8,
    /// Largest refund an agent may promise on their own.
    pub max_refund: f64,
    /// Outcomes ("arrive", "be fixed") whose timing the agent cannot promise.
    pub uncontrolled: Vec<String>,
    pub forbidden: Vec<Forbidden>,
}

/// A policy that could not be read: where (`boundary.crossing[1]`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub key: String,
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.key, self.message)
        }
    }
}

impl std::error::Error for PolicyError {}

impl Default for Policy {
    fn default() -> Self {
        Policy::parse(DEFAULT).expect("the built-in policy is valid")
    }
}

impl Policy {
    /// The documented default policy as TOML text, for `print-default` style commands.
    pub const DEFAULT_TOML: &'static str = DEFAULT;

    /// Reads a policy from TOML. Missing keys take the default's value.
    pub fn parse(text: &str) -> Result<Policy, PolicyError> {
        let table: Table = text
            .parse()
            .map_err(|e: toml::de::Error| err("", e.message()))?;
        let base = if text == DEFAULT {
            None
        } else {
            Some(Policy::default())
        };
        let boundary = section(&table, "boundary")?;
        let promises = section(&table, "promises")?;
        Ok(Policy {
            crossing: or_base(
                &base,
                list(boundary, "boundary.crossing", signal_kind)?,
                |b| b.crossing.clone(),
            )?,
            abusive_judgement: or_base(
                &base,
                get(
                    boundary,
                    "boundary.abusive_judgement",
                    Value::as_bool,
                    "true or false",
                )?,
                |b| b.abusive_judgement,
            )?,
            final_step: or_base(
                &base,
                get(boundary, "boundary.final_step", Value::as_str, "a string")?
                    .map(final_step)
                    .transpose()?,
                |b| b.final_step,
            )?,
            severity: or_base(&base, severity(boundary, &base)?, |b| b.severity)?,
            apology_lowers: or_base(&base, steps(boundary, "boundary.apology_lowers")?, |b| {
                b.apology_lowers
            })?,
            calm_turn_lowers: or_base(&base, steps(boundary, "boundary.calm_turn_lowers")?, |b| {
                b.calm_turn_lowers
            })?,
            max_refund: or_base(&base, amount(promises, "promises.max_refund")?, |b| {
                b.max_refund
            })?,
            uncontrolled: or_base(
                &base,
                list(promises, "promises.uncontrolled", |s, _| {
                    Ok(s.to_lowercase())
                })?,
                |b| b.uncontrolled.clone(),
            )?,
            forbidden: or_base(&base, forbidden(promises)?, |b| b.forbidden.clone())?,
        })
    }
}

/// A key the text gave, else the default's value (the default itself must give every key).
fn or_base<T>(
    base: &Option<Policy>,
    found: Option<T>,
    fallback: impl FnOnce(&Policy) -> T,
) -> Result<T, PolicyError> {
    match (found, base) {
        (Some(v), _) => Ok(v),
        (None, Some(b)) => Ok(fallback(b)),
        (None, None) => Err(err("", "the default policy misses a key")),
    }
}

fn err(key: &str, message: impl Into<String>) -> PolicyError {
    PolicyError {
        key: key.to_string(),
        message: message.into(),
    }
}

fn section<'t>(table: &'t Table, key: &str) -> Result<Option<&'t Table>, PolicyError> {
    table
        .get(key)
        .map(|v| v.as_table().ok_or_else(|| err(key, "expected a table")))
        .transpose()
}

fn get<'t, T>(
    table: Option<&'t Table>,
    key: &str,
    as_t: fn(&'t Value) -> Option<T>,
    expected: &str,
) -> Result<Option<T>, PolicyError> {
    let name = key.rsplit('.').next().unwrap_or(key);
    table
        .and_then(|t| t.get(name))
        .map(|v| as_t(v).ok_or_else(|| err(key, format!("expected {expected}"))))
        .transpose()
}

fn steps(table: Option<&Table>, key: &str) -> Result<Option<u8>, PolicyError> {
    get(table, key, Value::as_integer, "a whole number")?
        .map(|n| {
            u8::try_from(n)
                .ok()
                .filter(|n| *n <= 3)
                .ok_or_else(|| err(key, "expected 0 to 3 steps"))
        })
        .transpose()
}

fn amount(table: Option<&Table>, key: &str) -> Result<Option<f64>, PolicyError> {
    let number = |v: &Value| v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
    get(table, key, number, "a number")?
        .map(|n| {
            if n >= 0.0 {
                Ok(n)
            } else {
                Err(err(key, "expected a non-negative amount"))
            }
        })
        .transpose()
}

fn list<T>(
    table: Option<&Table>,
    key: &str,
    item: fn(&str, &str) -> Result<T, PolicyError>,
) -> Result<Option<Vec<T>>, PolicyError> {
    let Some(values) = get(table, key, Value::as_array, "a list of strings")? else {
        return Ok(None);
    };
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let at = format!("{key}[{i}]");
            v.as_str()
                .ok_or_else(|| err(&at, "expected a string"))
                .and_then(|s| item(s, &at))
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

fn signal_kind(s: &str, at: &str) -> Result<SignalKind, PolicyError> {
    SignalKind::ALL
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| err(at, format!("unknown signal kind {s:?}")))
}

fn final_step(s: &str) -> Result<FinalStep, PolicyError> {
    match s {
        "handover" => Ok(FinalStep::Handover),
        "end" => Ok(FinalStep::End),
        _ => Err(err(
            "boundary.final_step",
            format!("expected \"handover\" or \"end\", got {s:?}"),
        )),
    }
}

/// The `[boundary.severity]` table; a key it leaves out keeps the default's value.
fn severity(
    boundary: Option<&Table>,
    base: &Option<Policy>,
) -> Result<Option<Severity>, PolicyError> {
    let Some(table) = get(boundary, "boundary.severity", Value::as_table, "a table")? else {
        return Ok(None);
    };
    let base = base.as_ref().map(|p| p.severity);
    let key = |name: &str, fallback: fn(&Severity) -> Step| -> Result<Step, PolicyError> {
        let at = format!("boundary.severity.{name}");
        match get(Some(table), &at, Value::as_str, "a string")? {
            Some(s) => step(s, &at),
            None => base
                .as_ref()
                .map(fallback)
                .ok_or_else(|| err(&at, "the default policy misses this key")),
        }
    };
    Ok(Some(Severity {
        threat: key("threat", |s| s.threat)?,
        veiled_threat: key("veiled_threat", |s| s.veiled_threat)?,
        harassment: key("harassment", |s| s.harassment)?,
        harassment_after_warning: key("harassment_after_warning", |s| s.harassment_after_warning)?,
    }))
}

fn step(s: &str, at: &str) -> Result<Step, PolicyError> {
    match s {
        "ladder" => Ok(Step::None),
        "statement" => Ok(Step::Statement),
        "final_warning" => Ok(Step::FinalWarning),
        "handover" => Ok(Step::Final(FinalStep::Handover)),
        "end" => Ok(Step::Final(FinalStep::End)),
        _ => Err(err(
            at,
            format!(
                "expected \"ladder\", \"statement\", \"final_warning\", \"handover\" or \"end\", got {s:?}"
            ),
        )),
    }
}

fn forbidden(promises: Option<&Table>) -> Result<Option<Vec<Forbidden>>, PolicyError> {
    let Some(groups) = get(
        promises,
        "promises.forbidden",
        Value::as_array,
        "a list of tables",
    )?
    else {
        return Ok(None);
    };
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let at = format!("promises.forbidden[{i}]");
            let group = g.as_table().ok_or_else(|| err(&at, "expected a table"))?;
            let reason = get(
                Some(group),
                &format!("{at}.reason"),
                Value::as_str,
                "a string",
            )?
            .ok_or_else(|| err(&format!("{at}.reason"), "missing"))?;
            let phrases = list(Some(group), &format!("{at}.phrases"), |s, _| {
                Ok(s.to_lowercase())
            })?
            .ok_or_else(|| err(&format!("{at}.phrases"), "missing"))?;
            Ok(Forbidden {
                reason: reason.to_string(),
                phrases,
            })
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_reads_and_matches_the_documented_file() {
        let p = Policy::default();
        assert_eq!(
            p.crossing,
            [
                SignalKind::Insult,
                SignalKind::Threat,
                SignalKind::Slur,
                SignalKind::Profanity,
                SignalKind::Harassment,
                SignalKind::Prejudice
            ]
        );
        assert_eq!(
            p.severity,
            Severity {
                threat: Step::Final(FinalStep::End),
                veiled_threat: Step::Final(FinalStep::Handover),
                harassment: Step::Final(FinalStep::Handover),
                harassment_after_warning: Step::Final(FinalStep::End),
            }
        );
        assert_eq!(p.final_step, FinalStep::Handover);
        assert_eq!((p.apology_lowers, p.calm_turn_lowers), (1, 1));
        assert_eq!(p.max_refund, 100.0);
        assert_eq!(p.forbidden.len(), 2);
    }

    #[test]
    fn partial_policy_keeps_defaults() {
        let p = Policy::parse("[boundary]\nfinal_step = \"end\"\n[promises]\nmax_refund = 250.5\n")
            .unwrap();
        assert_eq!(p.final_step, FinalStep::End);
        assert_eq!(p.max_refund, 250.5);
        assert_eq!(p.crossing, Policy::default().crossing);
    }

    #[test]
    fn an_older_file_without_severity_reads_and_a_partial_one_keeps_the_rest() {
        let old = "[boundary]\ncrossing = [\"insult\", \"threat\"]\nfinal_step = \"handover\"\n";
        assert_eq!(
            Policy::parse(old).unwrap().severity,
            Policy::default().severity
        );
        let p = Policy::parse("[boundary.severity]\nthreat = \"ladder\"\n").unwrap();
        assert_eq!(p.severity.threat, Step::None);
        assert_eq!(p.severity.harassment, Policy::default().severity.harassment);
    }

    #[test]
    fn errors_name_the_key() {
        let e = Policy::parse("[boundary]\ncrossing = [\"insult\", \"rudeness\"]\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "boundary.crossing[1]: unknown signal kind \"rudeness\""
        );
        let e = Policy::parse("[boundary]\napology_lowers = 9\n").unwrap_err();
        assert_eq!(e.key, "boundary.apology_lowers");
        let e = Policy::parse("[[promises.forbidden]]\nphrases = [\"x\"]\n").unwrap_err();
        assert_eq!(e.key, "promises.forbidden[0].reason");
        assert!(Policy::parse("not = = toml").is_err());
        let e = Policy::parse("[boundary.severity]\nharassment = \"warn\"\n").unwrap_err();
        assert_eq!(e.key, "boundary.severity.harassment");
        let e = Policy::parse("[boundary]\nseverity = 3\n").unwrap_err();
        assert_eq!(e.key, "boundary.severity");
    }
}
