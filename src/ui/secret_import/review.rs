//! The import's two network steps: review every document (read the secret
//! it would replace, run the form's checks, dry-run the write) and then
//! write the ones the user confirmed.

use k8s_openapi::api::core::v1::Secret;

use crate::api::explain::{explain, Attempt};
use crate::api::request::WriteParams;
use crate::api::{client, secrets, ApiError};
use crate::model::import::candidate::Candidate;
use crate::model::import::check::check;
pub use crate::model::import::outcome::RowState;
use crate::model::import::outcome::{write_action, WriteAction};

/// One document of the import as the page shows it. `secret` holds values:
/// never printed (no `Debug`), only sent.
#[derive(Clone)]
pub struct Row {
    pub id: usize,
    /// "document 2" or "document 1, item 3".
    pub origin: String,
    pub name: String,
    pub namespace: Option<String>,
    /// The document names a namespace other than the one browsed.
    pub other_namespace: bool,
    /// Key names and value sizes; the values stay in `secret`.
    pub keys: Vec<(String, usize)>,
    /// For an update: the changed keys, as sentences.
    pub changes: Vec<String>,
    pub notes: Vec<String>,
    pub state: RowState,
    pub secret: Option<Secret>,
}

/// Checks and dry-runs each candidate, one after another (a paste holds a
/// handful of documents; parallel writes would only race each other).
pub async fn review(candidates: Vec<Candidate>, now: i64) -> Vec<Row> {
    let mut rows = Vec::with_capacity(candidates.len());
    for (id, candidate) in candidates.into_iter().enumerate() {
        rows.push(review_one(id, candidate, now).await);
    }
    rows
}

async fn review_one(id: usize, candidate: Candidate, now: i64) -> Row {
    let mut row = Row {
        id,
        origin: candidate.origin.to_string(),
        name: candidate.name,
        namespace: None,
        other_namespace: false,
        keys: Vec::new(),
        changes: Vec::new(),
        notes: Vec::new(),
        state: RowState::WillCreate,
        secret: None,
    };
    let found = match candidate.outcome {
        Ok(found) => found,
        Err(why) => {
            row.state = RowState::Refused(why);
            return row;
        }
    };
    let ns = found.draft.namespace.clone();
    row.namespace = Some(ns.clone());
    row.other_namespace = found.other_namespace;
    row.keys = found
        .draft
        .entries
        .iter()
        .map(|e| (e.key.clone(), e.value.len()))
        .collect();
    // A secret that is not there, or that the user may not read, is
    // reviewed as a create: the dry run then says what the server thinks.
    let stored = client::send_json::<Secret>(&secrets::get(&ns, &row.name))
        .await
        .ok();
    let checked = check(&found, stored.as_ref(), now);
    row.notes = checked.warnings;
    row.changes = checked.changes.iter().map(ToString::to_string).collect();
    let Some(secret) = checked.secret else {
        row.state = RowState::Invalid(checked.errors);
        return row;
    };
    let updating = stored.is_some();
    match write(&ns, &secret, updating, WriteParams::DRY_RUN).await {
        Ok(()) => {
            row.state = if updating {
                RowState::WillUpdate
            } else {
                RowState::WillCreate
            };
            row.secret = Some(secret);
        }
        Err(e) => row.state = RowState::DryRunFailed(explain(&e, Attempt::WriteSecret)),
    }
    row
}

/// Writes the rows that are ready: every create, and the updates whose ids
/// are in `confirmed_updates`. Each row says what happened to it.
pub async fn write_confirmed(rows: Vec<Row>, confirmed_updates: Vec<usize>) -> Vec<Row> {
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        let updating = match write_action(&row.state, confirmed_updates.contains(&row.id)) {
            WriteAction::Create => false,
            WriteAction::Update => true,
            WriteAction::Skip => {
                row.state = RowState::Skipped;
                out.push(row);
                continue;
            }
            WriteAction::Leave => {
                out.push(row);
                continue;
            }
        };
        if let (Some(ns), Some(secret)) = (row.namespace.clone(), row.secret.take()) {
            row.state = match write(&ns, &secret, updating, WriteParams::SAVE).await {
                Ok(()) if updating => RowState::Updated,
                Ok(()) => RowState::Created,
                Err(e) => RowState::WriteFailed(explain(&e, Attempt::WriteSecret)),
            };
        }
        out.push(row);
    }
    out
}

async fn write(
    ns: &str,
    secret: &Secret,
    updating: bool,
    params: WriteParams,
) -> Result<(), ApiError> {
    let name = secret.metadata.name.clone().unwrap_or_default();
    let req = if updating {
        secrets::replace(ns, &name, secret, params)?
    } else {
        secrets::create(ns, secret, params)?
    };
    client::send_json::<serde_json::Value>(&req)
        .await
        .map(|_| ())
}
