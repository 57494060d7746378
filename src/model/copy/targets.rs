//! Which namespaces a copy goes to, and under which name: checked here as
//! the apiserver would, so a bad entry is named next to its field and
//! nothing is sent.

use crate::model::problem::Problem;
use crate::model::secret::validation::{validate_namespace_name, validate_secret_name};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyField {
    Namespaces,
    Name,
}

/// What the user chose: namespaces ticked in the list, namespaces typed
/// (separated by commas, spaces or new lines), and a new name (empty: the
/// original's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyRequest<'a> {
    pub ticked: &'a [String],
    pub typed: &'a str,
    pub new_name: &'a str,
    /// Where the original lives and what it is called: copying it onto
    /// itself is no copy.
    pub source_namespace: &'a str,
    pub source_name: &'a str,
}

/// The targets, in the order chosen, each once — or every problem found.
pub fn copy_targets(request: &CopyRequest) -> Result<Vec<String>, Vec<Problem<CopyField>>> {
    let mut problems = Vec::new();
    let name = request.new_name.trim();
    if !name.is_empty() {
        if let Err(e) = validate_secret_name(name) {
            problems.push(Problem::error(CopyField::Name, format!("Name: {e}")));
        }
    }
    let mut targets: Vec<String> = Vec::new();
    let typed = request
        .typed
        .split(|c: char| c == ',' || c.is_ascii_whitespace())
        .filter(|s| !s.is_empty());
    for namespace in request.ticked.iter().map(String::as_str).chain(typed) {
        if targets.iter().any(|t| t == namespace) {
            continue;
        }
        match validate_namespace_name(namespace) {
            Ok(()) => targets.push(namespace.to_string()),
            Err(e) => problems.push(Problem::error(
                CopyField::Namespaces,
                format!("\u{201c}{namespace}\u{201d} is not a namespace name: {e}"),
            )),
        }
    }
    let final_name = if name.is_empty() {
        request.source_name
    } else {
        name
    };
    if final_name == request.source_name && targets.iter().any(|t| t == request.source_namespace) {
        problems.push(Problem::error(
            CopyField::Namespaces,
            format!(
                "{} is the original's namespace: give the copy a new name, or choose another namespace",
                request.source_namespace
            ),
        ));
    }
    if targets.is_empty() && problems.is_empty() {
        problems.push(Problem::error(
            CopyField::Namespaces,
            "Choose or type at least one namespace",
        ));
    }
    if problems.is_empty() {
        Ok(targets)
    } else {
        Err(problems)
    }
}

/// The targets of a copy of several secrets (each keeps its name): the
/// same checks as for one, and no target may be where one of them lives.
pub fn bulk_copy_targets(
    ticked: &[String],
    typed: &str,
    sources: &[(String, String)],
) -> Result<Vec<String>, Vec<Problem<CopyField>>> {
    let request = CopyRequest {
        ticked,
        typed,
        ..CopyRequest::default()
    };
    let targets = copy_targets(&request)?;
    let problems: Vec<Problem<CopyField>> = targets
        .iter()
        .filter_map(|target| {
            let here: Vec<&str> = sources
                .iter()
                .filter(|(ns, _)| ns == target)
                .map(|(_, name)| name.as_str())
                .collect();
            (!here.is_empty()).then(|| {
                Problem::error(
                    CopyField::Namespaces,
                    format!(
                        "{target} already holds {} (the original{}): a copy keeps its name, so choose other namespaces",
                        here.join(", "),
                        if here.len() == 1 { "" } else { "s" }
                    ),
                )
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(targets)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request<'a>(ticked: &'a [String], typed: &'a str, new_name: &'a str) -> CopyRequest<'a> {
        CopyRequest {
            ticked,
            typed,
            new_name,
            source_namespace: "default",
            source_name: "db",
        }
    }

    fn messages(r: Result<Vec<String>, Vec<Problem<CopyField>>>) -> Vec<(CopyField, String)> {
        r.unwrap_err()
            .into_iter()
            .map(|p| (p.field, p.message))
            .collect()
    }

    #[test]
    fn ticked_and_typed_namespaces_are_joined_in_order_once_each() {
        let ticked = ["team-a".to_string(), "team-b".to_string()];
        assert_eq!(
            copy_targets(&request(&ticked, " team-c,team-a\nteam-d  ", "")),
            Ok(vec![
                "team-a".into(),
                "team-b".into(),
                "team-c".into(),
                "team-d".into()
            ])
        );
    }

    #[test]
    fn a_bad_namespace_or_name_is_named_next_to_its_field() {
        let found = messages(copy_targets(&request(&[], "team-a, Team_B", "Bad Name")));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, CopyField::Name);
        assert!(found[0]
            .1
            .starts_with("Name: a lowercase RFC 1123 subdomain"));
        assert_eq!(found[1].0, CopyField::Namespaces);
        assert!(found[1].1.starts_with(
            "\u{201c}Team_B\u{201d} is not a namespace name: a lowercase RFC 1123 label"
        ));
    }

    #[test]
    fn nothing_chosen_asks_for_a_namespace() {
        assert_eq!(
            messages(copy_targets(&request(&[], " , ", ""))),
            [(
                CopyField::Namespaces,
                "Choose or type at least one namespace".to_string()
            )]
        );
    }

    #[test]
    fn the_original_is_no_target_unless_renamed() {
        let found = messages(copy_targets(&request(&[], "default", "")));
        assert!(found[0]
            .1
            .starts_with("default is the original's namespace"));
        assert_eq!(
            copy_targets(&request(&[], "default", "db-2")),
            Ok(vec!["default".into()])
        );
    }

    #[test]
    fn a_bulk_copy_may_not_target_an_originals_namespace() {
        let sources = vec![
            ("team-a".to_string(), "db".to_string()),
            ("team-a".to_string(), "api".to_string()),
            ("team-b".to_string(), "web".to_string()),
        ];
        let problems = bulk_copy_targets(&["team-a".into()], "team-c", &sources).unwrap_err();
        assert_eq!(
            problems[0].message,
            "team-a already holds db, api (the originals): a copy keeps its name, so choose other namespaces"
        );
        assert_eq!(
            bulk_copy_targets(&[], "team-c, team-d", &sources).unwrap(),
            vec!["team-c".to_string(), "team-d".to_string()]
        );
        // The one-secret checks hold too.
        assert!(bulk_copy_targets(&[], "Bad_NS", &sources).is_err());
        assert!(bulk_copy_targets(&[], "", &sources).is_err());
    }
}
