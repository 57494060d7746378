//! Bringing manifests in: pasted or uploaded YAML or JSON → the Secrets it
//! holds, each checked like the create form, everything else refused by
//! document. The UI (`ui::secret_import`) adds the dry run and the writes.

pub mod candidate;
pub mod check;
pub mod outcome;
pub mod parse;
