//! The inputs of the typed create forms (TLS, docker registry, basic auth,
//! SSH, service-account token). They only edit a [`TypeFormInput`]; checking and
//! turning it into a Secret is the model's job (`model::secret_types::form`).

use crate::api::{client, workloads};
use crate::model::problem::{Problem, Severity};
use crate::model::secret_types::docker::config::{
    parse_docker_config, RegistryCredential, RegistryField, RegistryInput,
};
use crate::model::secret_types::form::{TypeFormField, TypeFormInput};
use crate::model::usage::objects::ServiceAccount;
use crate::ui::file_input::read_selected_file;
use leptos::prelude::*;

type Problems = RwSignal<Vec<Problem<TypeFormField>>>;

/// The message shown under `field`: its first error, else its first warning.
fn message_for(
    problems: Problems,
    field: TypeFormField,
) -> impl Fn() -> Option<(String, Severity)> {
    move || {
        problems.with(|ps| {
            ps.iter()
                .filter(|p| p.field == field)
                .min_by_key(|p| !p.is_error())
                .map(|p| (p.message.clone(), p.severity))
        })
    }
}

#[component]
fn FieldMessage(problems: Problems, field: TypeFormField) -> impl IntoView {
    let message = message_for(problems, field);
    move || {
        message().map(|(text, severity)| {
            let class = match severity {
                Severity::Error => "field-error",
                Severity::Warning => "field-warning",
            };
            view! { <p class=class data-testid=class>{text}</p> }
        })
    }
}

#[component]
pub fn TypeFormFields(
    input: RwSignal<Option<TypeFormInput>>,
    problems: Problems,
    namespace: String,
) -> impl IntoView {
    // Re-render only when the form's kind changes, not on every keystroke.
    let kind = Memo::new(move |_| input.with(|i| i.as_ref().map(TypeFormInput::kind)));
    move || {
        kind.get()?;
        let view = match input.get_untracked()? {
            TypeFormInput::Tls { .. } => {
                view! { <TlsFields input=input problems=problems/> }.into_any()
            }
            TypeFormInput::Docker { .. } => {
                view! { <DockerFields input=input problems=problems/> }.into_any()
            }
            TypeFormInput::BasicAuth { .. } => {
                view! { <BasicAuthFields input=input problems=problems/> }.into_any()
            }
            TypeFormInput::Ssh { .. } => {
                view! { <SshFields input=input problems=problems/> }.into_any()
            }
            TypeFormInput::ServiceAccountToken { .. } => {
                view! { <TokenFields input=input problems=problems namespace=namespace.clone()/> }
                    .into_any()
            }
        };
        Some(view)
    }
}

/// A PEM text area with an upload button, editing one field of the form.
#[component]
fn PemArea(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    input: RwSignal<Option<TypeFormInput>>,
    problems: Problems,
    field: TypeFormField,
) -> impl IntoView {
    let value = {
        let field = field.clone();
        move || {
            input.with(|i| {
                i.as_ref()
                    .and_then(|i| i.pem_input(&field))
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .unwrap_or_default()
            })
        }
    };
    let set = {
        let field = field.clone();
        Callback::new(move |bytes: Vec<u8>| {
            input.update(|i| {
                if let Some(i) = i {
                    i.set_pem_input(&field, bytes)
                }
            })
        })
    };
    let invalid = {
        let message = message_for(problems, field.clone());
        move || matches!(message(), Some((_, Severity::Error))).to_string()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint">{hint}</p>
            <textarea id=id data-testid=id rows="6" spellcheck="false" autocomplete="off" class="pem"
                aria-invalid=invalid
                prop:value=value
                on:input=move |ev| set.run(event_target_value(&ev).into_bytes())></textarea>
            <label class="btn-small file-label">{format!("Upload {label}")}
                <input type="file" class="visually-hidden" data-testid=format!("{id}-file")
                    on:change=move |ev| read_selected_file(&ev, move |_, bytes| set.run(bytes)) /></label>
            <FieldMessage problems=problems field=field/>
        </div>
    }
}

#[component]
fn TlsFields(input: RwSignal<Option<TypeFormInput>>, problems: Problems) -> impl IntoView {
    view! {
        <fieldset class="typed" data-testid="tls-fields">
            <legend>"TLS certificate and key"</legend>
            <PemArea id="tls-cert" label="Certificate (tls.crt)"
                hint="PEM; the server certificate first, then any intermediates."
                input=input problems=problems field=TypeFormField::Certificate/>
            <PemArea id="tls-key" label="Private key (tls.key)"
                hint="PEM, unencrypted: PKCS#1, PKCS#8 or EC. It must belong to the first certificate."
                input=input problems=problems field=TypeFormField::Key/>
        </fieldset>
    }
}

#[component]
fn SshFields(input: RwSignal<Option<TypeFormInput>>, problems: Problems) -> impl IntoView {
    view! {
        <fieldset class="typed" data-testid="ssh-fields">
            <legend>"SSH private key"</legend>
            <PemArea id="ssh-key" label="Private key (ssh-privatekey)"
                hint="An OpenSSH or PEM private key, e.g. the content of ~/.ssh/id_ed25519."
                input=input problems=problems field=TypeFormField::SshKey/>
        </fieldset>
    }
}

#[component]
fn BasicAuthFields(input: RwSignal<Option<TypeFormInput>>, problems: Problems) -> impl IntoView {
    let get = move |password: bool| {
        input.with(|i| match i {
            Some(TypeFormInput::BasicAuth {
                username,
                password: p,
            }) => {
                if password {
                    p.clone()
                } else {
                    username.clone()
                }
            }
            _ => String::new(),
        })
    };
    let set = move |password: bool, value: String| {
        input.update(|i| {
            if let Some(TypeFormInput::BasicAuth {
                username,
                password: p,
            }) = i
            {
                if password {
                    *p = value
                } else {
                    *username = value
                }
            }
        })
    };
    view! {
        <fieldset class="typed" data-testid="basic-auth-fields">
            <legend>"Basic authentication"</legend>
            <div class="field">
                <label for="basic-username">"Username"</label>
                <input id="basic-username" type="text" data-testid="basic-username" spellcheck="false" autocomplete="off"
                    prop:value=move || get(false) on:input=move |ev| set(false, event_target_value(&ev)) />
                <FieldMessage problems=problems field=TypeFormField::Username/>
            </div>
            <div class="field">
                <label for="basic-password">"Password"</label>
                <input id="basic-password" type="password" data-testid="basic-password" autocomplete="new-password"
                    prop:value=move || get(true) on:input=move |ev| set(true, event_target_value(&ev)) />
                <FieldMessage problems=problems field=TypeFormField::Password/>
            </div>
        </fieldset>
    }
}

#[component]
fn DockerFields(input: RwSignal<Option<TypeFormInput>>, problems: Problems) -> impl IntoView {
    let notes = RwSignal::new(Vec::<String>::new());
    let count = Memo::new(move |_| {
        input.with(|i| match i {
            Some(TypeFormInput::Docker { registries }) => registries.len(),
            _ => 0,
        })
    });
    let update = move |f: &dyn Fn(&mut Vec<RegistryCredential>)| {
        input.update(|i| {
            if let Some(TypeFormInput::Docker { registries }) = i {
                f(registries)
            }
        })
    };
    let load = move |ev: leptos::ev::Event| {
        read_selected_file(&ev, move |file_name, bytes| {
            match parse_docker_config(&bytes, false) {
                Ok(config) => {
                    let loaded = config.credentials.len();
                    update(&|r| *r = config.credentials.clone());
                    let mut n = vec![format!("Loaded {loaded} registries from {file_name}.")];
                    n.extend(config.notes);
                    notes.set(n);
                    problems.set(Vec::new());
                }
                Err(why) => problems.set(vec![Problem::error(
                    TypeFormField::Registries,
                    format!("{file_name}: {why}"),
                )]),
            }
        })
    };
    view! {
        <fieldset class="typed" data-testid="docker-fields">
            <legend>"Registries"</legend>
            <p class="hint">"The password is stored as given, and also inside the auth field (base64 of username:password), the way kubectl and docker write it."</p>
            {move || (0..count.get()).map(|index| view! {
                <RegistryRow index=index input=input problems=problems
                    on_remove=Callback::new(move |()| update(&|r| { if index < r.len() { r.remove(index); } }))/>
            }).collect_view()}
            <div class="entry-actions">
                <button type="button" class="btn-small" data-testid="add-registry"
                    on:click=move |_| update(&|r| r.push(RegistryCredential::default()))>"Add a registry"</button>
                <label class="btn-small file-label">"Load a docker config.json"
                    <input type="file" class="visually-hidden" data-testid="docker-config-file" on:change=load /></label>
            </div>
            <FieldMessage problems=problems field=TypeFormField::Registries/>
            {move || notes.get().into_iter().map(|n| view! { <p class="hint" data-testid="docker-note">{n}</p> }).collect_view()}
        </fieldset>
    }
}

#[component]
fn RegistryRow(
    index: usize,
    input: RwSignal<Option<TypeFormInput>>,
    problems: Problems,
    on_remove: Callback<()>,
) -> impl IntoView {
    let get = move |field: RegistryField| {
        input.with(|i| match i {
            Some(TypeFormInput::Docker { registries }) => registries
                .get(index)
                .map(|c| match field {
                    RegistryField::Server => c.server.clone(),
                    RegistryField::Username => c.username.clone(),
                    RegistryField::Password => c.password.clone(),
                    RegistryField::Email => c.email.clone(),
                })
                .unwrap_or_default(),
            _ => String::new(),
        })
    };
    let set = move |field: RegistryField, value: String| {
        input.update(|i| {
            if let Some(TypeFormInput::Docker { registries }) = i {
                if let Some(c) = registries.get_mut(index) {
                    match field {
                        RegistryField::Server => c.server = value,
                        RegistryField::Username => c.username = value,
                        RegistryField::Password => c.password = value,
                        RegistryField::Email => c.email = value,
                    }
                }
            }
        })
    };
    let input_for = move |field: RegistryField,
                          label: &'static str,
                          kind: &'static str,
                          placeholder: &'static str,
                          testid: &'static str| {
        let id = format!("registry-{index}-{testid}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type=kind data-testid=format!("registry-{testid}") spellcheck="false"
                    autocomplete=if kind == "password" { "new-password" } else { "off" } placeholder=placeholder
                    prop:value=move || get(field) on:input=move |ev| set(field, event_target_value(&ev)) />
                <FieldMessage problems=problems field=TypeFormField::Registry(RegistryInput { row: index, column: field })/>
            </div>
        }
    };
    view! {
        <div class="registry-row" data-testid="registry-form-row" role="group" aria-label=format!("Registry {}", index + 1)>
            {input_for(RegistryField::Server, "Server", "text", "registry.example.com", "server")}
            {input_for(RegistryField::Username, "Username", "text", "", "username")}
            {input_for(RegistryField::Password, "Password", "password", "", "password")}
            {input_for(RegistryField::Email, "Email (optional)", "email", "", "email")}
            <button type="button" class="btn-small btn-danger-quiet" data-testid="remove-registry"
                aria-label=format!("Remove registry {}", index + 1) on:click=move |_| on_remove.run(())>"Remove"</button>
        </div>
    }
}

#[component]
fn TokenFields(
    input: RwSignal<Option<TypeFormInput>>,
    problems: Problems,
    namespace: String,
) -> impl IntoView {
    // The namespace's service accounts to choose from; when they cannot be
    // listed (forbidden, say) the user types the name instead.
    let accounts = RwSignal::new(None::<Result<Vec<String>, String>>);
    let req = workloads::list(workloads::WorkloadResource::ServiceAccounts, &namespace);
    leptos::task::spawn_local(async move {
        let result = client::send_list::<ServiceAccount>(&req).await;
        accounts.set(Some(
            result
                .map(|list| list.into_iter().filter_map(|sa| sa.metadata.name).collect())
                .map_err(|e| e.to_string()),
        ));
    });
    let current = move || {
        input.with(|i| match i {
            Some(TypeFormInput::ServiceAccountToken { service_account }) => service_account.clone(),
            _ => String::new(),
        })
    };
    let set = move |value: String| {
        input.update(|i| {
            if let Some(TypeFormInput::ServiceAccountToken { service_account }) = i {
                *service_account = value
            }
        })
    };
    view! {
        <fieldset class="typed" data-testid="token-fields">
            <legend>"Service-account token"</legend>
            <p class="hint">"The cluster fills in a long-lived token for this service account, plus ca.crt and the namespace. Such a token does not expire: prefer short-lived tokens (kubectl create token) where you can, and delete this secret to revoke it."</p>
            <div class="field">
                <label for="token-account">"Service account"</label>
                {move || match accounts.get() {
                    Some(Ok(names)) => view! {
                        <select id="token-account" data-testid="token-account" on:change=move |ev| set(event_target_value(&ev))>
                            <option value="" selected=move || current().is_empty()>"Choose…"</option>
                            {names.into_iter().map(|n| {
                                let selected = { let n = n.clone(); move || current() == n };
                                view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                            }).collect_view()}
                        </select>
                    }.into_any(),
                    // Still listing: a field to type in now would be replaced under the user's fingers.
                    None => view! {
                        <select id="token-account" data-testid="token-account" disabled=true aria-busy="true">
                            <option>"Listing service accounts…"</option>
                        </select>
                    }.into_any(),
                    other => view! {
                        <input id="token-account" type="text" data-testid="token-account" spellcheck="false" autocomplete="off"
                            prop:value=current on:input=move |ev| set(event_target_value(&ev)) />
                        {match other {
                            Some(Err(why)) => Some(view! { <p class="hint">{format!("The service accounts could not be listed ({why}); type the name.")}</p> }),
                            _ => None,
                        }}
                    }.into_any(),
                }}
                <FieldMessage problems=problems field=TypeFormField::ServiceAccount/>
            </div>
        </fieldset>
    }
}
