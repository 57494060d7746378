//! A section of the secret's page the user can fold away. Open by default;
//! whether it is folded is remembered nowhere (the URL holds the page's only
//! state), so a reload shows everything again.

use leptos::prelude::*;

#[component]
pub fn Fold(
    title: &'static str,
    /// The heading's id, which the section inside names itself by.
    title_id: &'static str,
    testid: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="fold" open=true data-testid=testid>
            <summary><h3 id=title_id>{title}</h3></summary>
            <div class="fold-body">{children()}</div>
        </details>
    }
}
