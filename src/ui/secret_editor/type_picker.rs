//! The type of a new secret. Choosing a built-in type swaps the key/value
//! rows for that type's form; what was typed into a form is kept per type, so
//! switching back and forth loses nothing.

use crate::model::problem::Problem;
use crate::model::secret_types::form::{TypeFormField, TypeFormInput};
use crate::model::secret_types::kinds::{SecretKind, BUILT_IN};
use leptos::prelude::*;
use std::collections::HashMap;

/// The types offered when creating, in the model's menu order: key/value
/// (Opaque) and every built-in type that has a form of its own.
fn offered() -> impl Iterator<Item = &'static SecretKind> {
    BUILT_IN
        .iter()
        .filter(|k| **k == SecretKind::Opaque || TypeFormInput::empty(k).is_some())
}

#[component]
pub fn TypePicker(
    typed: RwSignal<Option<TypeFormInput>>,
    secret_type: RwSignal<String>,
    problems: RwSignal<Vec<Problem<TypeFormField>>>,
) -> impl IntoView {
    let kept = StoredValue::new(HashMap::<String, TypeFormInput>::new());
    let choose = move |type_name: String| {
        if let Some(current) = typed.get_untracked() {
            kept.update_value(|k| {
                k.insert(current.kind().type_name().to_string(), current);
            });
        }
        let kind = SecretKind::from_type(&type_name);
        let next = kept
            .with_value(|k| k.get(&type_name).cloned())
            .or_else(|| TypeFormInput::empty(&kind));
        problems.set(Vec::new());
        typed.set(next);
        secret_type.set(kind.type_name().to_string());
    };
    view! {
        <div class="field">
            <label for="secret-type">"Type"</label>
            <select id="secret-type" data-testid="secret-type" on:change=move |ev| choose(event_target_value(&ev))>
                {offered().map(|kind| {
                    let name = kind.type_name().to_string();
                    let selected = { let name = name.clone(); move || secret_type.get() == name };
                    view! { <option value=name.clone() selected=selected>{format!("{} ({})", kind.label(), name)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
