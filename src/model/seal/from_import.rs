//! Sealing an import instead of writing it: every document passes the same
//! checks as an import (nothing is read from the cluster, nothing written),
//! and all must pass, so a SealedSecret stream never silently lacks one.

use super::source::SealInput;
use crate::model::import::candidate::Candidate;
use crate::model::import::check::check;

/// The inputs to seal, or one sentence per document that stops it.
pub fn seal_inputs(candidates: &[Candidate], now: i64) -> Result<Vec<SealInput>, Vec<String>> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for candidate in candidates {
        let label = match candidate.name.as_str() {
            "" => candidate.origin.to_string(),
            name => format!("{} ({name})", candidate.origin),
        };
        let found = match &candidate.outcome {
            Ok(found) => found,
            Err(why) => {
                problems.push(format!("{label}: {why}"));
                continue;
            }
        };
        let checked = check(found, None, now);
        match checked.secret {
            Some(secret) => inputs.push(SealInput::from_secret(&secret, &found.draft.namespace)),
            None => problems.push(format!("{label}: {}", checked.errors.join("; "))),
        }
    }
    match (problems.is_empty(), inputs.is_empty()) {
        (true, false) => Ok(inputs),
        (true, true) => Err(vec!["The manifest holds no Secret to seal.".into()]),
        (false, _) => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::import::candidate::candidates;
    use crate::model::import::parse::parse_documents;

    fn run(text: &str) -> Result<Vec<SealInput>, Vec<String>> {
        let docs = parse_documents(text).unwrap();
        seal_inputs(&candidates(&docs, "team-a"), 0)
    }

    #[test]
    fn seals_every_secret_of_a_stream_in_its_namespace() {
        let inputs = run(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nstringData: {k: v}\n---\n\
             apiVersion: v1\nkind: Secret\nmetadata: {name: b, namespace: ops}\ndata: {k: AP8=}\n",
        )
        .unwrap();
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0].target.namespace, "team-a");
        assert_eq!(inputs[0].values["k"], b"v");
        assert_eq!(inputs[1].target.namespace, "ops");
        assert_eq!(inputs[1].values["k"], vec![0x00, 0xff]);
    }

    #[test]
    fn one_bad_document_stops_the_whole_stream_and_is_named() {
        let problems = run(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nstringData: {k: v}\n---\n\
             apiVersion: v1\nkind: Secret\nmetadata: {name: Bad_Name}\nstringData: {k: v}\n",
        )
        .err()
        .unwrap();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("document 2 (Bad_Name)"),
            "{problems:?}"
        );
        let none = run("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
            .err()
            .unwrap();
        assert_eq!(none.len(), 1, "{none:?}");
    }
}
