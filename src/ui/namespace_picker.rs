//! Picks the namespace to browse, or all of them: a searchable combobox
//! (the WAI-ARIA combobox pattern with a listbox popup) that stays quick with
//! a thousand namespaces, since it renders only the first matches. Fed by
//! the API; when listing namespaces is forbidden (a normal, restricted user)
//! the user types a namespace name, checked as a DNS label, and nothing of it
//! is kept anywhere but the URL.

use super::connection::Connection;
use crate::api::explain::{explain, Attempt};
use crate::api::{self, client, ApiError};
use crate::model::cluster::namespace_names;
use crate::model::cluster::Namespace;
use crate::model::namespace_choice::{matching, validate_namespace_name, SHOWN_MATCHES};
use crate::model::page::view_state::ALL_NAMESPACES;
use leptos::html::Input;
use leptos::prelude::*;

const ALL_LABEL: &str = "All namespaces";
const LISTBOX_ID: &str = "namespace-listbox";
const HINT_ID: &str = "namespace-hint";

#[derive(Debug, Clone, PartialEq, Eq)]
enum Choices {
    Loading,
    Listed(Vec<String>),
    Unlisted(ApiError),
}

/// The options the popup shows for what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Offer {
    /// Values to choose: `ALL_NAMESPACES` or a namespace name.
    options: Vec<String>,
    /// How many more names match than are shown.
    more: usize,
    /// Why what was typed cannot be a namespace (typed names only).
    problem: Option<String>,
}

fn label_of(value: &str) -> String {
    if value == ALL_NAMESPACES {
        ALL_LABEL.into()
    } else {
        value.into()
    }
}

/// "All namespaces" first, when what was typed could be the start of it.
fn offers_all(query: &str) -> bool {
    ALL_LABEL
        .to_ascii_lowercase()
        .starts_with(&query.trim().to_ascii_lowercase())
}

fn offer(choices: &Choices, query: &str) -> Offer {
    let mut offer = Offer::default();
    if offers_all(query) {
        offer.options.push(ALL_NAMESPACES.into());
    }
    match choices {
        Choices::Listed(names) => {
            let found = matching(names, query, SHOWN_MATCHES);
            offer.more = found.more;
            offer
                .options
                .extend(found.shown.into_iter().map(String::from));
        }
        Choices::Unlisted(_) => {
            let typed = query.trim();
            // Even "a" or "all" may be a namespace's name: offered after All.
            if !typed.is_empty() {
                match validate_namespace_name(typed) {
                    Ok(()) => offer.options.push(typed.into()),
                    // Typing "All namespaces" is no mistake.
                    Err(_) if offers_all(typed) => {}
                    Err(why) => offer.problem = Some(why),
                }
            }
        }
        Choices::Loading => {}
    }
    offer
}

/// The option Enter takes at first: the name typed exactly, else the first.
fn first_active(offer: &Offer, query: &str) -> Option<usize> {
    let typed = query.trim();
    offer
        .options
        .iter()
        .position(|o| o == typed)
        .or((!offer.options.is_empty()).then_some(0))
}

#[component]
pub fn NamespacePicker(
    connection: ReadSignal<Connection>,
    /// A namespace, or `ALL_NAMESPACES`.
    namespace: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let (choices, set_choices) = signal(Choices::Loading);

    // (Re)load whenever the connection comes (back) up.
    Effect::new(move |was_connected: Option<bool>| {
        let connected = connection.with(Connection::is_connected);
        if connected && was_connected != Some(true) {
            leptos::task::spawn_local(async move {
                let result =
                    client::send_list::<Namespace>(&api::discovery::list_namespaces()).await;
                set_choices.set(match result {
                    Ok(items) => Choices::Listed(namespace_names(&items)),
                    Err(e) => Choices::Unlisted(e),
                });
            });
        }
        connected
    });

    let input = NodeRef::<Input>::new();
    let expanded = RwSignal::new(false);
    // What was typed since the popup opened; empty offers everything.
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(None::<usize>);
    let offered = Memo::new(move |_| choices.with(|c| offer(c, &query.get())));
    let option_id = |i: usize| format!("namespace-option-{i}");

    let show_current = move || {
        if let Some(el) = input.get_untracked() {
            el.set_value(&label_of(&namespace.get_untracked()));
        }
    };
    let close = move || {
        expanded.set(false);
        query.set(String::new());
        active.set(None);
        show_current();
    };
    let open_all = move || {
        query.set(String::new());
        expanded.set(true);
        // Start on the namespace browsed, so arrows move from where one is.
        let current = namespace.get_untracked();
        active.set(
            offered
                .with_untracked(|o| o.options.iter().position(|v| *v == current))
                .or(Some(0)),
        );
    };
    // The app may refuse to switch (a form with unsaved changes, and the user
    // chose to stay): the field then shows the namespace still browsed.
    let choose = move |value: String| {
        expanded.set(false);
        query.set(String::new());
        active.set(None);
        on_change.run(value);
        show_current();
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = offered.with_untracked(|o| o.options.len());
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if !expanded.get_untracked() => {
                ev.prevent_default();
                open_all();
            }
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" => {
                ev.prevent_default();
                if !expanded.get_untracked() {
                    return;
                }
                let chosen = active
                    .get_untracked()
                    .and_then(|i| offered.with_untracked(|o| o.options.get(i).cloned()));
                if let Some(value) = chosen {
                    choose(value);
                }
            }
            "Escape" if expanded.get_untracked() => {
                // Closing the popup is all Esc does here (not leaving a secret).
                ev.prevent_default();
                close();
            }
            _ => {}
        }
    };

    let listbox = move || {
        let o = offered.get();
        let current = namespace.get();
        o.options
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let chosen = value.clone();
                let is_current = *value == current;
                view! {
                    <li role="option" id=option_id(i) class="namespace-option"
                        class:all-option=value == ALL_NAMESPACES
                        class:active=move || active.get() == Some(i)
                        aria-selected=move || (active.get() == Some(i)).to_string()
                        data-value=value.clone()
                        // Keep the focus in the field, so the click is the choice.
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| choose(chosen.clone())>
                        <span class="check" aria-hidden="true">{if is_current { "✓" } else { "" }}</span>
                        {label_of(value)}
                    </li>
                }
            })
            .collect_view()
    };

    let field = move |disabled: bool| {
        view! {
            <input type="text" role="combobox" id="namespace-combobox" data-testid="namespace-select"
                class="namespace-input" spellcheck="false" autocomplete="off"
                aria-label="Namespace" aria-autocomplete="list" aria-controls=LISTBOX_ID
                aria-describedby=HINT_ID
                aria-expanded=move || expanded.get().to_string()
                aria-activedescendant=move || {
                    if expanded.get() { active.get().map(option_id) } else { None }
                }
                aria-invalid=move || offered.with(|o| o.problem.is_some()).to_string()
                aria-busy=disabled.then_some("true")
                disabled=disabled
                node_ref=input
                prop:value=move || label_of(&namespace.get())
                on:focus=move |_| {
                    if let Some(el) = input.get_untracked() {
                        el.select();
                    }
                }
                on:click=move |_| if !expanded.get_untracked() { open_all() }
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    query.set(typed.clone());
                    expanded.set(true);
                    active.set(offered.with_untracked(|o| first_active(o, &typed)));
                }
                on:keydown=on_keydown
                on:blur=move |_| if expanded.get_untracked() { close() } />
        }
    };

    let hint = move || match choices.get() {
        Choices::Unlisted(err) => Some(explain(&err, Attempt::ListNamespaces)),
        _ => None,
    };

    view! {
        <div class="namespace-picker">
            <label for="namespace-combobox">"Namespace"</label>
            <div class="combobox">
                {move || field(matches!(choices.get(), Choices::Loading))}
                <div class="namespace-popup" class:hidden=move || !expanded.get()>
                    <ul role="listbox" id=LISTBOX_ID aria-label="Namespaces" data-testid="namespace-options">
                        {listbox}
                    </ul>
                    {move || {
                        let o = offered.get();
                        (o.more > 0).then(|| view! {
                            <p class="namespace-more" data-testid="namespace-more">
                                {format!("and {} more — keep typing", o.more)}
                            </p>
                        })
                    }}
                    {move || (offered.with(|o| o.options.is_empty() && o.problem.is_none()) && !query.get().trim().is_empty()).then(|| view! {
                        <p class="namespace-more" data-testid="namespace-none">"No namespace matches."</p>
                    })}
                </div>
            </div>
            <span class="hint" id=HINT_ID data-testid="namespace-hint">
                {move || offered.with(|o| o.problem.clone()).map(|why| view! {
                    <span class="field-error" data-testid="namespace-problem">{why}" "</span>
                })}
                {hint}
            </span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(names: &[&str]) -> Choices {
        Choices::Listed(names.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn all_namespaces_comes_first_while_it_can_be_what_is_typed() {
        let c = listed(&["default", "alpha", "kube-system"]);
        assert_eq!(
            offer(&c, "").options,
            ["*", "default", "alpha", "kube-system"]
        );
        assert_eq!(offer(&c, "al").options, ["*", "alpha"]);
        assert_eq!(offer(&c, "All n").options, ["*"]);
        assert_eq!(offer(&c, "kube").options, ["kube-system"]);
    }

    #[test]
    fn enter_takes_the_name_typed_exactly_else_the_first() {
        let c = listed(&["ns-100", "ns-10", "ns-1"]);
        let o = offer(&c, "ns-10");
        assert_eq!(o.options, ["ns-100", "ns-10"]);
        assert_eq!(first_active(&o, "ns-10"), Some(1));
        assert_eq!(first_active(&offer(&c, "ns"), "ns"), Some(0));
        assert_eq!(first_active(&offer(&c, "zzz"), "zzz"), None);
    }

    #[test]
    fn a_typed_name_must_be_a_dns_label() {
        let c = Choices::Unlisted(ApiError::Aborted);
        assert_eq!(offer(&c, "team-a").options, ["team-a"]);
        let bad = offer(&c, "Team A");
        assert!(bad.options.is_empty());
        assert!(bad.problem.unwrap().contains("lowercase"));
        // A namespace may be called "all": Enter takes the name typed.
        let o = offer(&c, "all");
        assert_eq!(o.options, ["*", "all"]);
        assert_eq!(first_active(&o, "all"), Some(1));
        assert_eq!(offer(&c, "All names").options, ["*"]);
        assert_eq!(offer(&c, "").options, ["*"]);
    }
}
