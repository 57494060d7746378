//! A namespace's secrets, or every namespace's: a live, filterable, sortable
//! table that never holds a value (see `api::live_list`).

mod cert_check;
mod open_by_name;
mod selection_bar;
mod virtual_rows;

use crate::api::explain::{explain, Attempt};
use crate::api::live_list::{self, now_seconds, ListUpdate};
use crate::api::secrets::ListSelection;
use crate::api::ApiError;
use crate::model::list::live_state::Scope;
use crate::model::list::rows::{ListFilter, SecretList, SortKey};
use crate::model::list::selection::{AllShown, RowKey, Selection};
use crate::model::list::table::SecretRow;
use crate::model::page::view_state::ALL_NAMESPACES;
use crate::ui::first_screen;
use crate::ui::permission::{self, Permission};
use crate::ui::secret_import::SecretImport;
use cert_check::CertCheck;
use leptos::prelude::*;
use open_by_name::OpenByName;
use selection_bar::SelectionBar;
use virtual_rows::VirtualRows;
use web_sys::AbortController;

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading {
        loaded: usize,
        remaining: Option<i64>,
    },
    Ready,
    /// What the user is told, from `explain`.
    Failed(String),
}

/// Why the actions that need one namespace are off while all are shown.
const NEEDS_ONE_NAMESPACE: &str =
    "New secret, Check certificates and Open by name work in one namespace: choose it at the top, or open a secret from its row.";

#[component]
pub fn SecretListView(
    /// A namespace, or `ALL_NAMESPACES`.
    namespace: Signal<String>,
    /// Whether Helm's release records are listed (the URL's `helm=1`).
    helm_records: Signal<bool>,
    on_helm_records: Callback<bool>,
    /// Opens a secret of this namespace by name.
    on_open: Callback<String>,
    /// Opens a row's secret in its own namespace.
    on_open_in: Callback<(String, String)>,
    on_create: Callback<()>,
) -> impl IntoView {
    let all = Memo::new(move |_| namespace.get() == ALL_NAMESPACES);
    let list = RwSignal::new(SecretList::default());
    let phase = RwSignal::new(Phase::Loading {
        loaded: 0,
        remaining: None,
    });
    let live_problem = RwSignal::new(None::<ApiError>);
    let name_filter = RwSignal::new(String::new());
    let namespace_filter = RwSignal::new(String::new());
    let type_filter = RwSignal::new(String::new());
    let label_selector = RwSignal::new(String::new());
    let sort = RwSignal::new((SortKey::Name, false));
    let controller = StoredValue::new(None::<AbortController>);
    let can_create = RwSignal::new(Permission::Checking);
    // "Check certificates" starts from the list: without `list`, nothing to check.
    let can_list = RwSignal::new(Permission::Checking);
    let focus_request = RwSignal::new(None::<usize>);
    // How many times "check certificates" was pressed here; 0 = panel closed.
    let cert_check_run = RwSignal::new(0u32);
    // The import panel is open (above the list, which stays live under it).
    let importing = RwSignal::new(false);
    // Rows ticked for the actions on several secrets.
    let selection = RwSignal::new(Selection::default());
    Effect::new(move |_| {
        namespace.track();
        cert_check_run.set(0);
        selection.update(Selection::clear);
        if !all.get() {
            namespace_filter.set(String::new());
            sort.update(|(k, _)| {
                if *k == SortKey::Namespace {
                    *k = SortKey::Name
                }
            });
        }
    });
    // Only a definite no disables it: where the question cannot be asked
    // (a read-only proxy refuses the review), reading may still work.
    let cert_check_denied = move || {
        if all.get() {
            return None;
        }
        let answer = can_list.get();
        answer
            .denied()
            .then(|| answer.reason())
            .flatten()
            .map(|why| format!("{why} Check certificates reads the TLS secrets the list shows."))
    };

    // The clock for the AGE column, ticking once a second.
    let now = RwSignal::new(now_seconds());
    set_interval(
        move || now.set(now_seconds()),
        std::time::Duration::from_secs(1),
    );

    Effect::new(move |_| {
        let ns = namespace.get();
        let scope = if ns == ALL_NAMESPACES {
            Scope::All
        } else {
            Scope::Namespace(ns)
        };
        let attempt = match scope {
            Scope::All => Attempt::ListAllSecrets,
            Scope::Namespace(_) => Attempt::ListSecrets,
        };
        let selection = ListSelection {
            label_selector: label_selector.get(),
            helm_records: helm_records.get(),
        };
        if let Some(old) = controller.get_value() {
            old.abort();
        }
        let Ok(ctl) = AbortController::new() else {
            return;
        };
        controller.set_value(Some(ctl.clone()));
        list.set(SecretList::default());
        phase.set(Phase::Loading {
            loaded: 0,
            remaining: None,
        });
        live_problem.set(None);
        leptos::task::spawn_local(live_list::run(scope, selection, ctl, move |update| {
            // The rows (or why there are none) are the first screen.
            if !matches!(update, ListUpdate::Live | ListUpdate::Event(_)) {
                first_screen::drawn();
            }
            match update {
                ListUpdate::Progress {
                    list: partial,
                    remaining,
                } => {
                    // A relist after 410 keeps the complete old rows on screen.
                    if !matches!(phase.get_untracked(), Phase::Ready) {
                        phase.set(Phase::Loading {
                            loaded: partial.len(),
                            remaining,
                        });
                        list.set(partial);
                    }
                }
                ListUpdate::Complete(full) => {
                    list.set(full);
                    phase.set(Phase::Ready);
                    live_problem.set(None);
                }
                ListUpdate::Live => live_problem.set(None),
                ListUpdate::Event(event) => {
                    live_problem.set(None);
                    list.update(|l| l.apply(event));
                }
                // A load the user cancelled by moving on is nobody's news.
                ListUpdate::Failed(ApiError::Aborted)
                | ListUpdate::NamespacesFailed(ApiError::Aborted) => {}
                ListUpdate::Failed(e) | ListUpdate::NamespacesFailed(e)
                    if matches!(phase.get_untracked(), Phase::Ready) =>
                {
                    live_problem.set(Some(e));
                }
                ListUpdate::Failed(e) => phase.set(Phase::Failed(explain(&e, attempt))),
                ListUpdate::NamespacesFailed(e) => {
                    phase.set(Phase::Failed(explain(&e, Attempt::ListNamespacesForAll)))
                }
            }
        }));
    });
    // Asked of one namespace only; with all of them these actions are off.
    // Asked once the rows are drawn: the buttons show "checking" till then.
    Effect::new(move |_| {
        if !all.get() {
            let ns = namespace.get();
            first_screen::after_first_screen(move || {
                // The user may have moved on before the first screen was drawn.
                if namespace.get_untracked() == ns {
                    permission::ask_into(can_create, "create", "", "secrets", &ns, None);
                    permission::ask_into(can_list, "list", "", "secrets", &ns, None);
                }
            });
        }
    });
    on_cleanup(move || {
        if let Some(ctl) = controller.get_value() {
            ctl.abort();
        }
    });

    let rows = Memo::new(move |_| {
        let filter = ListFilter {
            name: name_filter.get(),
            secret_type: type_filter.get(),
            namespace: namespace_filter.get(),
        };
        let (key, descending) = sort.get();
        list.with(|l| {
            l.rows_filtered_sorted(&filter, key, descending)
                .into_iter()
                .cloned()
                .collect::<Vec<SecretRow>>()
        })
    });
    let types = Memo::new(move |_| list.with(|l| l.types()));
    // The shown rows' keys, in the order shown: what Shift ranges follow.
    let order = Memo::new(move |_| {
        rows.with(|r| {
            r.iter()
                .map(|row| (row.namespace.clone(), row.name.clone()))
                .collect::<Vec<RowKey>>()
        })
    });
    // A deleted secret leaves the selection with its row.
    Effect::new(move |_| {
        list.with(|l| {
            let mut current = selection.get_untracked();
            if current.retain_present(|(ns, name)| l.get(ns, name).is_some()) {
                selection.set(current);
            }
        })
    });
    // A tick on row `index` (`shift`: a range from the last row ticked).
    let on_tick = Callback::new(move |(index, shift): (usize, bool)| {
        order.with_untracked(|order| {
            let Some(key) = order.get(index) else { return };
            selection.update(|s| {
                if shift {
                    s.extend_to(order, key)
                } else {
                    s.toggle(key)
                }
            });
        })
    });
    let all_shown = move || order.with(|o| selection.with(|s| s.all_shown(o)));
    let total = move || list.with(SecretList::len);

    let header = move |label: &'static str, key: SortKey, class: &'static str| {
        let aria = move || match sort.get() {
            (k, false) if k == key => "ascending",
            (k, true) if k == key => "descending",
            _ => "none",
        };
        view! {
            <span role="columnheader" class=format!("cell {class}") aria-sort=aria>
                <button type="button" class="sort" on:click=move |_| sort.update(|(k, d)| {
                    if *k == key { *d = !*d } else { *k = key; *d = false }
                })>{label}<span class="sort-mark" aria-hidden="true">{move || match aria() { "ascending" => "▲", "descending" => "▼", _ => "" }}</span></button>
            </span>
        }
    };

    view! {
        <section class="secret-list" aria-label="Secrets" on:keydown=move |ev| {
            if let Some(index) = arrow_target(&ev, rows.with(Vec::len)) {
                ev.prevent_default();
                // Shift+arrows tick the rows they pass, from the row left.
                if ev.shift_key() && matches!(ev.key().as_str(), "ArrowDown" | "ArrowUp") {
                    order.with_untracked(|order| {
                        let from = current_row(&ev).and_then(|i| order.get(i));
                        if let (Some(from), Some(to)) = (from, order.get(index)) {
                            selection.update(|s| s.step(from, to));
                        }
                    });
                }
                focus_request.set(Some(index));
            }
        }>
            <div class="toolbar">
                <input type="search" class="filter" placeholder="Filter by name" aria-label="Filter by name"
                    data-testid="filter-name"
                    prop:value=move || name_filter.get()
                    on:input=move |ev| name_filter.set(event_target_value(&ev)) />
                {move || all.get().then(|| view! {
                    <input type="search" class="filter" placeholder="Filter by namespace" aria-label="Filter by namespace"
                        data-testid="filter-namespace"
                        prop:value=move || namespace_filter.get()
                        on:input=move |ev| namespace_filter.set(event_target_value(&ev)) />
                })}
                <select aria-label="Filter by type" data-testid="filter-type"
                    on:change=move |ev| type_filter.set(event_target_value(&ev))>
                    <option value="">"All types"</option>
                    {move || types.get().into_iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                </select>
                <input type="text" class="filter" placeholder="Labels, e.g. app=web" aria-label="Label selector"
                    data-testid="filter-labels" spellcheck="false"
                    on:change=move |ev| label_selector.set(event_target_value(&ev).trim().to_string()) />
                <span class="count" data-testid="list-count">{move || {
                    let shown = rows.with(Vec::len);
                    let every = total();
                    if shown == every { format!("{every} secrets") } else { format!("{shown} of {every} secrets") }
                }}</span>
                <OpenByName on_open=on_open
                    unavailable=Signal::derive(move || all.get().then_some(NEEDS_ONE_NAMESPACE))/>
                <button type="button" data-testid="check-certificates"
                    disabled=move || all.get() || cert_check_denied().is_some()
                    title=move || if all.get() { NEEDS_ONE_NAMESPACE.into() } else { cert_check_denied().unwrap_or_else(|| "Reads the values of every kubernetes.io/tls secret in this namespace (one GET each) to check their certificates' expiry".into()) }
                    on:click=move |_| cert_check_run.update(|n| *n += 1)>"Check certificates"</button>
                <button type="button" data-testid="import-open" aria-expanded=move || importing.get().to_string()
                    title="Create or update secrets from pasted or uploaded YAML or JSON"
                    on:click=move |_| importing.set(true)>"Import"</button>
                <button type="button" class="btn-primary" data-testid="new-secret"
                    disabled=move || all.get() || !can_create.get().allowed()
                    title=move || if all.get() { NEEDS_ONE_NAMESPACE.into() } else { can_create.get().reason().unwrap_or_else(|| "Create a secret in this namespace".into()) }
                    on:click=move |_| on_create.run(())>"New secret"</button>
            </div>
            // Disabled controls' titles are out of the keyboard's reach: say it on the page.
            {move || all.get().then(|| view! { <p class="hint" data-testid="needs-one-namespace">{NEEDS_ONE_NAMESPACE}</p> })}
            // A disabled button's title is out of the keyboard's reach: say it on the page too.
            {move || cert_check_denied().map(|why| view! { <p class="hint" data-testid="cert-check-denied">{why}</p> })}
            // Below the toolbar, which keeps to one line on a laptop screen.
            <div class="list-options">
                <label class="toggle" title="Helm keeps one record per release revision (type helm.sh/release.v1); they are left out of the list unless shown">
                    <input type="checkbox" data-testid="show-helm-records"
                        prop:checked=move || helm_records.get()
                        on:change=move |ev| on_helm_records.run(event_target_checked(&ev)) />
                    "Show Helm release records"
                </label>
            </div>
            {move || match phase.get() {
                Phase::Loading { loaded, remaining } => {
                    let (max, label) = match remaining {
                        Some(r) => ((loaded as i64 + r).to_string(), format!("Loading… {loaded} of {}", loaded as i64 + r)),
                        None => (String::new(), format!("Loading… {loaded}")),
                    };
                    view! {
                        <div class="progress" data-testid="list-progress">
                            <progress max=max value=loaded.to_string() aria-label="Loading secrets"></progress>
                            <span>{label}</span>
                        </div>
                    }.into_any()
                }
                Phase::Failed(text) => {
                    view! { <p class="error-text" role="alert" data-testid="list-error">{text}</p> }.into_any()
                }
                Phase::Ready => ().into_any(),
            }}
            <SelectionBar selection order list/>
            {move || importing.get().then(|| view! {
                <SecretImport namespace on_close=Callback::new(move |()| importing.set(false))/>
            })}
            {move || (cert_check_run.get() > 0).then(|| {
                let names: Vec<String> = list.with_untracked(|l| {
                    let tls = ListFilter { secret_type: "kubernetes.io/tls".into(), ..ListFilter::default() };
                    l.rows_filtered_sorted(&tls, SortKey::Name, false).into_iter().map(|r| r.name.clone()).collect()
                });
                view! { <CertCheck namespace=namespace.get_untracked() names on_open
                    on_close=Callback::new(move |()| cert_check_run.set(0))/> }
            })}
            {move || live_problem.get().map(|e| view! {
                <p class="warn-text" role="status" data-testid="live-problem">{format!("Live updates paused, reconnecting: {e}")}</p>
            })}
            <div class="table" class:all-namespaces=move || all.get() role="table" aria-label="Secrets" aria-rowcount=move || rows.with(Vec::len).to_string()>
                <div class="row row-head" role="row">
                    <span role="columnheader" class="cell cell-select">
                        <input type="checkbox" data-testid="select-all-shown"
                            aria-label="Select every secret shown"
                            disabled=move || rows.with(Vec::is_empty)
                            prop:checked=move || all_shown() == AllShown::All
                            prop:indeterminate=move || all_shown() == AllShown::Some
                            on:click=move |_| order.with_untracked(|o| selection.update(|s| s.toggle_all_shown(o)))/>
                    </span>
                    {move || all.get().then(|| header("Namespace", SortKey::Namespace, "cell-namespace"))}
                    {header("Name", SortKey::Name, "cell-name")}
                    {header("Type", SortKey::Type, "cell-type")}
                    {header("Keys", SortKey::Keys, "cell-keys")}
                    {header("Age", SortKey::Age, "cell-age")}
                </div>
                // Grey placeholder rows until the first page arrives.
                {move || (matches!(phase.get(), Phase::Loading { .. }) && total() == 0).then(|| view! {
                    <div class="skeleton-rows" aria-hidden="true" data-testid="list-skeleton">
                        {(0..8).map(|_| view! {
                            <div class="row skeleton">
                                <span class="cell cell-select"></span>
                                {all.get_untracked().then(|| view! { <span class="cell cell-namespace"><span class="bar"></span></span> })}
                                <span class="cell cell-name"><span class="bar"></span></span>
                                <span class="cell cell-type"><span class="bar"></span></span>
                                <span class="cell cell-keys"><span class="bar"></span></span>
                                <span class="cell cell-age"><span class="bar"></span></span>
                            </div>
                        }).collect_view()}
                    </div>
                })}
                <VirtualRows rows=rows all_namespaces=all.into() now=now.into() on_open=on_open_in focus_request=focus_request
                    selection=selection.into() on_tick/>
                {move || (matches!(phase.get(), Phase::Ready) && rows.with(Vec::is_empty)).then(|| view! {
                    <p class="empty-state" data-testid="list-empty">{move || if total() == 0 && all.get() {
                        "No secrets in any namespace."
                    } else if total() == 0 {
                        "No secrets in this namespace yet. Create one with New secret, or choose another namespace at the top."
                    } else {
                        "No secret matches the filter."
                    }}</p>
                })}
            </div>
        </section>
    }
}

/// Where an arrow key (or Home/End) moves the focus in a list of `count`
/// rows: from the filter box to the first row, from a row to its neighbour.
/// `None` for other keys, and for arrows pressed in other fields.
fn arrow_target(ev: &web_sys::KeyboardEvent, count: usize) -> Option<usize> {
    use wasm_bindgen::JsCast;
    if count == 0 {
        return None;
    }
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let current = current_row(ev);
    let from_filter = target.get_attribute("data-testid").as_deref() == Some("filter-name");
    match (ev.key().as_str(), current) {
        ("ArrowDown", None) if from_filter => Some(0),
        ("ArrowDown", Some(i)) => Some((i + 1).min(count - 1)),
        ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
        ("Home", Some(_)) => Some(0),
        ("End", Some(_)) => Some(count - 1),
        _ => None,
    }
}

/// The index of the row the key was pressed in, if any.
fn current_row(ev: &web_sys::KeyboardEvent) -> Option<usize> {
    use wasm_bindgen::JsCast;
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-index]")
        .ok()
        .flatten()
        .and_then(|row| row.get_attribute("data-index"))
        .and_then(|i| i.parse::<usize>().ok())
}
