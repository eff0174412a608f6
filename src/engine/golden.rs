//! Golden cases: the answers a protocol's authors wrote down with the result
//! they must give. Every protocol is scored against them when it is loaded.

use crate::diagnostic::Diagnostic;
use crate::protocol::Protocol;

use super::score;

/// Score every golden case of a protocol; a problem for each case whose result
/// differs from what the case expects.
pub fn run_golden_cases(protocol: &Protocol, path: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for case in &protocol.cases {
        let outcome = score(protocol, &case.answers);
        let mut differences = Vec::new();
        if outcome.band != case.band {
            differences.push(format!(
                "expected band {}, got {} (rule {})",
                case.band, outcome.band, outcome.rule
            ));
        }
        if let Some(expected) = &case.positive_domains {
            let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            expected.sort_unstable();
            let mut actual = outcome.positive_domains();
            actual.sort_unstable();
            if expected != actual {
                differences.push(format!(
                    "expected positive domains [{}], got [{}]",
                    expected.join(", "),
                    actual.join(", ")
                ));
            }
        }
        if let Some(expected) = &case.fired {
            let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            expected.sort_unstable();
            let mut actual: Vec<&str> = outcome.fired.iter().map(String::as_str).collect();
            actual.sort_unstable();
            if expected != actual {
                differences.push(format!(
                    "expected fired [{}], got [{}]",
                    expected.join(", "),
                    actual.join(", ")
                ));
            }
        }
        if !differences.is_empty() {
            problems.push(Diagnostic {
                path: path.to_owned(),
                line: case.line,
                col: 1,
                message: format!("golden case `{}`: {}", case.name, differences.join("; ")),
            });
        }
    }
    problems
}
