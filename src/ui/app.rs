//! The application shell: header, connection banner, and the main view — the
//! list of a namespace's secrets, one opened secret, or the create form.

use super::browser::{current_view_state, write_view_state};
use super::connection::{probe, Connection};
use super::connection_banner::ConnectionBanner;
use super::first_screen::after_first_screen;
use super::header::Header;
use super::leave_guard::LeaveGuard;
use super::secret_detail::SecretDetail;
use super::secret_editor::{EditorMode, SecretEditor};
use super::secret_list::SecretListView;
use super::secret_seal::SealedSecretPage;
use super::toast::{ToastRegion, Toasts};
use crate::model::page::view_state::ViewState;
use leptos::prelude::*;
use std::time::Duration;

/// How often to re-probe: quickly while down, so recovery needs no reload;
/// rarely while up (live views notice outages on their own).
const RETRY_WHILE_DOWN: Duration = Duration::from_secs(3);
const RECHECK_WHILE_UP: Duration = Duration::from_secs(15);

#[component]
pub fn App() -> impl IntoView {
    let (connection, set_connection) = signal(Connection::Checking);
    let (view_state, set_view_state) = signal(current_view_state());
    let (serving, set_serving) = signal(None);
    provide_context(Toasts::new());
    let guard = LeaveGuard::provide();

    // Not needed for the first screen's rows (see `first_screen`); the
    // namespace picker's names wait for the probe's answer in turn.
    after_first_screen(move || {
        probe_forever(set_connection);
        leptos::task::spawn_local(
            async move { set_serving.set(crate::api::serving::load().await) },
        );
    });

    let creating = RwSignal::new(false);
    // Browser back/forward restores the view the URL describes, unless that
    // leaves a form with changes the user chose to keep: the URL then goes
    // back to the form's.
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        if guard.may_leave() {
            creating.set(false);
            set_view_state.set(current_view_state());
        } else {
            write_view_state(&view_state.get_untracked(), true);
        }
    });

    let navigate = move |change: &dyn Fn(&mut ViewState)| {
        set_view_state.update(|s| change(s));
        write_view_state(&view_state.get_untracked(), true);
    };

    let namespace =
        Signal::derive(move || view_state.with(|s| s.namespace_or_default().to_string()));
    let all_namespaces = Memo::new(move |_| view_state.with(ViewState::all_namespaces));
    let selected = Memo::new(move |_| view_state.with(|s| s.opened_secret().map(String::from)));
    let helm_records = Memo::new(move |_| view_state.with(|s| s.helm_records));
    let sealed = Memo::new(move |_| view_state.with(|s| s.opened_sealed().map(String::from)));
    let on_helm_records = Callback::new(move |on: bool| navigate(&|s| s.helm_records = on));
    let on_namespace = Callback::new(move |ns: String| {
        let ns = ns.trim().to_string();
        if ns == view_state.with_untracked(|s| s.namespace_or_default().to_string())
            || !guard.may_leave()
        {
            return;
        }
        creating.set(false);
        navigate(&|s| {
            s.namespace = Some(ns.clone()).filter(|n| !n.is_empty());
            s.secret = None;
            s.sealed = None;
        });
    });
    let on_open = Callback::new(move |name: String| {
        creating.set(false);
        navigate(&|s| {
            s.sealed = None;
            s.secret = Some(name.clone());
        })
    });
    // A row of the all-namespaces list opens its secret in its namespace.
    let on_open_in = Callback::new(move |(ns, name): (String, String)| {
        creating.set(false);
        navigate(&|s| {
            s.namespace = Some(ns.clone());
            s.secret = Some(name.clone());
        })
    });
    let on_close = Callback::new(move |()| {
        navigate(&|s| {
            s.secret = None;
            s.sealed = None;
        })
    });
    let on_create = Callback::new(move |()| creating.set(true));
    let cancel_create = Callback::new(move |()| creating.set(false));
    // Esc leaves the open form (asking first if it has changes), else an
    // opened secret for the list.
    super::keyboard::install(Callback::new(move |()| {
        if !guard.leave_form()
            && !creating.get_untracked()
            && (selected.get_untracked().is_some() || sealed.get_untracked().is_some())
        {
            on_close.run(());
        }
    }));

    view! {
        <Header connection=connection serving=serving namespace=namespace on_namespace=on_namespace/>
        <ConnectionBanner connection=connection serving=serving/>
        <main class="main-view" data-testid="main-view">
            {move || match (selected.get(), creating.get(), sealed.get()) {
                (None, false, Some(name)) => view! {
                    <SealedSecretPage namespace=namespace.get_untracked() name=name on_close=on_close on_open=on_open/>
                }.into_any(),
                (_, true, _) if !all_namespaces.get() => view! {
                    <SecretEditor mode=EditorMode::Create namespace=namespace.get_untracked()
                        on_done=on_open on_cancel=cancel_create/>
                }.into_any(),
                (Some(name), false, _) => view! {
                    <SecretDetail namespace=namespace.get_untracked() name=name on_close=on_close on_open=on_open/>
                }.into_any(),
                _ => view! {
                    <h1 class="view-title">{move || if all_namespaces.get() {
                        view! { "Secrets in all namespaces" }.into_any()
                    } else {
                        view! { "Secrets in "<span class="ns-name">{namespace}</span> }.into_any()
                    }}</h1>
                    <SecretListView namespace=namespace helm_records=helm_records.into()
                        on_helm_records=on_helm_records on_open=on_open on_open_in=on_open_in on_create=on_create/>
                }.into_any(),
            }}
        </main>
        <ToastRegion/>
    }
}

/// Probes now, then again after a delay that depends on the outcome.
fn probe_forever(set_connection: WriteSignal<Connection>) {
    leptos::task::spawn_local(async move {
        let result = probe().await;
        let delay = if result.is_connected() {
            RECHECK_WHILE_UP
        } else {
            RETRY_WHILE_DOWN
        };
        set_connection.set(result);
        set_timeout(move || probe_forever(set_connection), delay);
    });
}
