//! Renders only the rows in view (plus a margin), so 10,000 secrets cost a few
//! dozen DOM nodes. Rows have a fixed height; a spacer gives the scrollbar its
//! true length. Positions are set through the CSSOM (`style:top`), which the
//! page's CSP allows, unlike `style="…"` attributes.

use crate::model::list::age::age_label;
use crate::model::list::selection::Selection;
use crate::model::list::table::SecretRow;
use crate::ui::app_link::{href, opens_in_place};
use leptos::html::Div;
use leptos::prelude::*;
use std::time::Duration;

pub const ROW_HEIGHT: f64 = 40.0;
/// Rows rendered past each edge of the view, so a scroll shows rows at once.
const OVERSCAN: usize = 8;

#[component]
pub fn VirtualRows(
    rows: Memo<Vec<SecretRow>>,
    /// Whether the rows are every namespace's: they show a Namespace column.
    all_namespaces: Signal<bool>,
    now: Signal<i64>,
    /// Opens a row's secret in its namespace (each row says which).
    on_open: Callback<(String, String)>,
    /// Set to a row's index to scroll it into view and give it focus (the
    /// list's arrow keys); the row may not be rendered yet when asked.
    focus_request: RwSignal<Option<usize>>,
    /// The ticked rows.
    selection: Signal<Selection>,
    /// A row's box was pressed: (its index, whether with Shift).
    on_tick: Callback<(usize, bool)>,
) -> impl IntoView {
    let viewport = NodeRef::<Div>::new();
    let (scroll_top, set_scroll_top) = signal(0.0f64);
    let (height, set_height) = signal(600.0f64);
    // None past the edges until the first frame is drawn: rows nobody sees
    // yet would only delay the ones they do (half the rows at start-up).
    let (overscan, set_overscan) = signal(0usize);

    Effect::new(move |_| {
        let Some(index) = focus_request.get() else {
            return;
        };
        let Some(el) = viewport.get_untracked() else {
            return;
        };
        let top = index as f64 * ROW_HEIGHT;
        let view_height = el.client_height().max(200) as f64;
        let current = el.scroll_top() as f64;
        let wanted = if top < current {
            top
        } else if top + ROW_HEIGHT > current + view_height {
            top + ROW_HEIGHT - view_height
        } else {
            current
        };
        if wanted != current {
            el.set_scroll_top(wanted as i32);
            set_scroll_top.set(wanted);
        }
        // A row already on screen gets focus now, so quick key presses each
        // move one row; one scrolled into view renders on the next frame.
        let selector = format!("[data-index=\"{index}\"] .row-open");
        if !crate::ui::keyboard::focus(&selector) {
            request_animation_frame(move || {
                crate::ui::keyboard::focus(&selector);
            });
        }
    });

    let measure = move || {
        if let Some(el) = viewport.get_untracked() {
            set_height.set(el.client_height().max(200) as f64);
        }
    };
    // Measured on the next frame: reading a height right after mounting would
    // force a layout of the half-built page (tens of milliseconds at start-up).
    Effect::new(move |_| {
        if viewport.get().is_some() {
            request_animation_frame(move || {
                measure();
                // After that frame's paint.
                set_timeout(move || set_overscan.set(OVERSCAN), Duration::ZERO);
            });
        }
    });
    // A taller window shows more rows at once, without waiting for a scroll.
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let window = move || {
        let total = rows.with(Vec::len);
        let margin = overscan.get();
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(margin);
        let count = (height.get() / ROW_HEIGHT).ceil() as usize + 2 * margin;
        let last = (first + count).min(total);
        (first.min(last), last)
    };
    let visible = move || {
        let (first, last) = window();
        rows.with(|r| {
            r[first..last]
                .iter()
                .enumerate()
                .map(|(i, row)| (first + i, row.clone()))
                .collect::<Vec<_>>()
        })
    };

    view! {
        <div class="rows-viewport" node_ref=viewport role="rowgroup" data-testid="rows-viewport"
            on:scroll=move |_| {
                if let Some(el) = viewport.get() {
                    set_scroll_top.set(el.scroll_top() as f64);
                }
            }>
            <div class="rows-spacer" style:height=move || format!("{}px", rows.with(Vec::len) as f64 * ROW_HEIGHT)>
                <For each=visible key=|(i, row)| (*i, row.namespace.clone(), row.name.clone(), row.resource_version.clone(), row.keys) let:item>
                    {
                        let (index, row) = item;
                        let name = row.name.clone();
                        let ns = row.namespace.clone();
                        // `?ns=<its namespace>&secret=<name>`, whichever list it is in.
                        let link = href(&ns, Some(&name));
                        let open = {
                            let ns = ns.clone();
                            move |ev: leptos::ev::MouseEvent| {
                                if opens_in_place(&ev) {
                                    on_open.run((ns.clone(), name.clone()));
                                }
                            }
                        };
                        let key = (ns.clone(), row.name.clone());
                        let ticked = {
                            let key = key.clone();
                            move || selection.with(|s| s.contains(&key))
                        };
                        // The box shows the selection, whatever the click did to it.
                        let tick = {
                            let ticked = ticked.clone();
                            move |ev: leptos::ev::MouseEvent| {
                                on_tick.run((index, ev.shift_key()));
                                event_target::<web_sys::HtmlInputElement>(&ev).set_checked(ticked());
                            }
                        };
                        // Space with Shift extends too (a plain Space clicks).
                        let tick_key = {
                            let ticked = ticked.clone();
                            move |ev: leptos::ev::KeyboardEvent| {
                                if ev.key() == " " && ev.shift_key() {
                                    ev.prevent_default();
                                    on_tick.run((index, true));
                                    event_target::<web_sys::HtmlInputElement>(&ev).set_checked(ticked());
                                }
                            }
                        };
                        let select_label = if all_namespaces.get_untracked() {
                            format!("Select {} in {}", key.1, key.0)
                        } else {
                            format!("Select {}", key.1)
                        };
                        let row_ticked = ticked.clone();
                        let created = row.created.clone();
                        let age = move || match &created {
                            Some(c) => age_label(c, now.get()),
                            None => row.age_cell.clone(),
                        };

                        view! {
                            <div class="row" role="row" data-testid="secret-row" data-name=row.name.clone()
                                data-namespace=ns.clone()
                                data-index=index.to_string() aria-rowindex=(index + 2).to_string()
                                style:top=format!("{}px", index as f64 * ROW_HEIGHT)
                                class:selected=row_ticked>
                                <span role="cell" class="cell cell-select">
                                    <input type="checkbox" class="row-select" data-testid="row-select"
                                        aria-label=select_label prop:checked=ticked
                                        on:click=tick on:keydown=tick_key/>
                                </span>
                                {all_namespaces.get_untracked().then(|| view! {
                                    <span role="cell" class="cell cell-namespace" data-testid="row-namespace">{ns.clone()}</span>
                                })}
                                <span role="cell" class="cell cell-name">
                                    <a class="row-open" href=link on:click=open>{row.name.clone()}</a>
                                </span>
                                <span role="cell" class="cell cell-type">{row.secret_type.clone()}</span>
                                <span role="cell" class="cell cell-keys">{row.keys}</span>
                                <span role="cell" class="cell cell-age">{age}</span>
                            </div>
                        }
                    }
                </For>
            </div>
        </div>
    }
}
