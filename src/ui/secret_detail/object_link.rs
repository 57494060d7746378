//! An owner or a workload, named as a link to its object in the API (it
//! opens in a new tab: Keyhole has no page of its own for it).

use crate::api::object_link::object_url;
use leptos::prelude::*;

pub fn object_link(
    api_version: &str,
    kind: &str,
    namespace: &str,
    name: &str,
    text: String,
) -> AnyView {
    match object_url(api_version, kind, namespace, name) {
        Some(url) => view! {
            <a href=url target="_blank" rel="noopener noreferrer" data-testid="object-link"
                title="Opens the object as the API returns it, in a new tab">{text}</a>
        }
        .into_any(),
        None => text.into_any(),
    }
}
