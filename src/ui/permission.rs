//! "May I?" for the current user, asked of the API server before an action is
//! offered. A denied action is shown disabled with the reason — not hidden,
//! and not left to fail.

use crate::api::access_review::{self_subject_access_review, Question};
use crate::api::client;
use crate::api::explain::{explain, Attempt};
use k8s_openapi::api::authorization::v1::SelfSubjectAccessReview;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Permission {
    Checking,
    Allowed,
    /// The server answered no.
    Denied(String),
    /// The question could not be asked (a read-only proxy refuses the review
    /// itself, the cluster is down): the sentence says why. Not a no: an
    /// action that only reads may still work.
    Unknown(String),
}

impl Permission {
    pub fn allowed(&self) -> bool {
        matches!(self, Permission::Allowed)
    }

    /// Whether the server answered no.
    pub fn denied(&self) -> bool {
        matches!(self, Permission::Denied(_))
    }

    /// The reason to show next to a disabled control, if any.
    pub fn reason(&self) -> Option<String> {
        match self {
            Permission::Denied(why) | Permission::Unknown(why) => Some(why.clone()),
            _ => None,
        }
    }
}

/// Asks once, when created, whether the user may `verb` the `resource`
/// (plural, in API `group`) — one named object if `name` is given.
pub fn ask(
    verb: &str,
    group: &str,
    resource: &str,
    namespace: &str,
    name: Option<&str>,
) -> RwSignal<Permission> {
    let answer = RwSignal::new(Permission::Checking);
    ask_into(answer, verb, group, resource, namespace, name);
    answer
}

/// Like [`ask`], writing the answer into an existing signal (for questions
/// that change with the namespace).
pub fn ask_into(
    answer: RwSignal<Permission>,
    verb: &str,
    group: &str,
    resource: &str,
    namespace: &str,
    name: Option<&str>,
) {
    answer.set(Permission::Checking);
    let question = Owned {
        verb: verb.into(),
        group: group.into(),
        resource: resource.into(),
        namespace: namespace.into(),
        name: name.map(String::from),
    };
    leptos::task::spawn_local(async move { answer.set(question.ask().await) });
}

/// A question that can wait for its answer (the copy checks each target in turn).
pub struct Owned {
    pub verb: String,
    pub group: String,
    pub resource: String,
    pub namespace: String,
    pub name: Option<String>,
}

impl Owned {
    pub async fn ask(&self) -> Permission {
        let req = self_subject_access_review(&Question {
            verb: &self.verb,
            group: &self.group,
            resource: &self.resource,
            namespace: &self.namespace,
            name: self.name.as_deref(),
        });
        let (verb, resource, namespace) = (&self.verb, &self.resource, &self.namespace);
        let what = match &self.name {
            Some(n) => format!("{verb} {resource}/{n} in {namespace}"),
            None => format!("{verb} {resource} in {namespace}"),
        };
        match client::send_json::<SelfSubjectAccessReview>(&req).await {
            Ok(review) => match review.status {
                Some(s) if s.allowed => Permission::Allowed,
                _ => Permission::Denied(format!("You may not {what}.")),
            },
            Err(e) => Permission::Unknown(explain(&e, Attempt::CheckPermission { what: &what })),
        }
    }
}
