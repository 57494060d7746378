//! Copy-ready YAML for using this secret in a pod: an env var per key,
//! envFrom, a volume, and imagePullSecrets for registry credentials.

use crate::model::usage::snippets::{
    env_from_snippet, env_var_snippet, image_pull_secrets_snippet, suggested_env_name,
    suggested_mount_path, suggested_volume_name, volume_snippet,
};
use crate::ui::browser::copy_text;
use crate::ui::toast::Toasts;
use leptos::prelude::*;

#[component]
fn Snippet(title: String, text: String, testid: String) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let copied = text.clone();
    let label = title.clone();
    let aria = title.clone();
    view! {
        <div class="snippet" data-testid=testid>
            <div class="section-head">
                <h4>{title}</h4>
                <button type="button" class="btn-small" aria-label=format!("Copy: {label}")
                    on:click=move |_| {
                        let text = copied.clone();
                        let label = label.clone();
                        leptos::task::spawn_local(async move {
                            if copy_text(&text).await {
                                toasts.info(format!("Copied: {label}"));
                            }
                        });
                    }>"Copy"</button>
            </div>
            <pre class="manifest-text" tabindex="0" role="region" aria-label=aria>{text}</pre>
        </div>
    }
}

#[component]
pub fn References(secret_name: String, keys: Vec<String>, secret_type: String) -> impl IntoView {
    let (key, set_key) = signal(keys.first().cloned().unwrap_or_default());
    let is_registry =
        secret_type == "kubernetes.io/dockerconfigjson" || secret_type == "kubernetes.io/dockercfg";
    let name = StoredValue::new(secret_name);
    let env = move || {
        let k = key.get();
        name.with_value(|n| env_var_snippet(n, &k, &suggested_env_name(&k)))
    };
    let has_keys = !keys.is_empty();
    view! {
        <section class="references" aria-labelledby="references-title">
            <div class="section-head">
                {has_keys.then(|| view! {
                    <label class="inline">"Key "
                        <select data-testid="reference-key" on:change=move |ev| set_key.set(event_target_value(&ev))>
                            {keys.iter().map(|k| view! { <option value=k.clone()>{k.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                })}
            </div>
            {move || has_keys.then(|| view! {
                <Snippet title=format!("Environment variable from {}", key.get()) text=env() testid="snippet-env".into()/>
            })}
            <Snippet title="All keys as environment variables (envFrom)".into()
                text=name.with_value(|n| env_from_snippet(n)) testid="snippet-env-from".into()/>
            <Snippet title="All keys as files (volume and mount)".into()
                text=name.with_value(|n| volume_snippet(n, &suggested_volume_name(n), &suggested_mount_path(n))) testid="snippet-volume".into()/>
            {is_registry.then(|| view! {
                <Snippet title="Pull images with it (imagePullSecrets)".into()
                    text=name.with_value(|n| image_pull_secrets_snippet(n)) testid="snippet-pull".into()/>
            })}
        </section>
    }
}
