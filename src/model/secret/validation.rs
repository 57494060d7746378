//! The apiserver's checks on a Secret, mirrored so the form can say what is
//! wrong before anything is sent. Rules and wording follow
//! `k8s.io/apimachinery/pkg/util/validation` (`IsDNS1123Subdomain`,
//! `IsConfigMapKey`, `IsQualifiedName`, `IsValidLabelValue`) minus the regex
//! the server appends, which helps nobody filling in a form.
//!
//! Lengths are in bytes, as Go's `len` counts them. Messages never repeat the
//! checked text: the caller knows which field it was.

/// The apiserver's limit on a Secret's data: the decoded values added up;
/// keys do not count (`core.MaxSecretSize`).
pub const MAX_SECRET_DATA_BYTES: usize = 1024 * 1024;

/// The apiserver's limit on all annotation keys and values of one object
/// added up (`TotalAnnotationSizeLimitB`).
pub const MAX_ANNOTATIONS_BYTES: usize = 256 * 1024;

const DNS1123_SUBDOMAIN_MAX: usize = 253;
const DNS1123_LABEL_MAX: usize = 63;
const QUALIFIED_NAME_MAX: usize = 63;
const LABEL_VALUE_MAX: usize = 63;

const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case \
     alphanumeric characters, '-' or '.', and must start and end with an alphanumeric \
     character (e.g. 'example.com')";
const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case \
     alphanumeric characters or '-', and must start and end with an alphanumeric character \
     (e.g. 'my-name', or '123-abc')";
const CONFIG_KEY_MSG: &str = "a valid config key must consist of alphanumeric characters, \
     '-', '_' or '.' (e.g. 'key.name', 'KEY_NAME' or 'key-name')";
const QUALIFIED_NAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', \
     and must start and end with an alphanumeric character (e.g. 'MyName', 'my.name' or \
     '123-abc')";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of \
     alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric \
     character (e.g. 'MyValue', 'my_value' or '12345')";

/// A Secret's name: a DNS-1123 subdomain, as for most objects.
pub fn validate_secret_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("name is required".into());
    }
    join(dns1123_subdomain_errors(name))
}

/// A namespace's name: a DNS-1123 label (`IsDNS1123Label`), so no dots and
/// at most 63 characters.
pub fn validate_namespace_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("namespace is required".into());
    }
    let mut errs = Vec::new();
    if name.len() > DNS1123_LABEL_MAX {
        errs.push(max_len(DNS1123_LABEL_MAX));
    }
    if !is_dns1123_label(name) {
        errs.push(DNS1123_LABEL_MSG.into());
    }
    join(errs)
}

/// A key of `data`, as `IsConfigMapKey`: it becomes a file name when the
/// secret is mounted, hence no `/`, and no `.`/`..` tricks.
pub fn validate_data_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("key is required".into());
    }
    let mut errs = Vec::new();
    if key.len() > DNS1123_SUBDOMAIN_MAX {
        errs.push(max_len(DNS1123_SUBDOMAIN_MAX));
    }
    if !key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
    {
        errs.push(CONFIG_KEY_MSG.into());
    }
    match key {
        "." => errs.push("must not be '.'".into()),
        ".." => errs.push("must not be '..'".into()),
        _ if key.starts_with("..") => errs.push("must not start with '..'".into()),
        _ => {}
    }
    join(errs)
}

/// A label key: a qualified name, `[prefix/]name`, the prefix a lowercase
/// DNS subdomain.
pub fn validate_label_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("key is required".into());
    }
    join(qualified_name_errors(key))
}

/// A label value: empty, or up to 63 alphanumerics, `-`, `_`, `.`, starting
/// and ending with an alphanumeric.
pub fn validate_label_value(value: &str) -> Result<(), String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX {
        errs.push(max_len(LABEL_VALUE_MAX));
    }
    if !value.is_empty() && !is_qualified_name_part(value) {
        errs.push(LABEL_VALUE_MSG.into());
    }
    join(errs)
}

/// An annotation key: a qualified name like a label key, except that the
/// apiserver lowercases it before checking, so `Example.com/x` passes here
/// while it fails as a label key.
pub fn validate_annotation_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("key is required".into());
    }
    join(qualified_name_errors(&key.to_ascii_lowercase()))
}

fn qualified_name_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".into());
            } else {
                errs.extend(
                    dns1123_subdomain_errors(prefix)
                        .into_iter()
                        .map(|e| format!("prefix part {e}")),
                );
            }
            *name
        }
        _ => {
            return vec![format!(
                "a qualified name {QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix \
                 and '/' (e.g. 'example.com/MyName')"
            )]
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".into());
    } else if name.len() > QUALIFIED_NAME_MAX {
        errs.push(format!("name part {}", max_len(QUALIFIED_NAME_MAX)));
    }
    if !is_qualified_name_part(name) {
        errs.push(format!("name part {QUALIFIED_NAME_MSG}"));
    }
    errs
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
fn is_qualified_name_part(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && b.iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

fn dns1123_subdomain_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX {
        errs.push(max_len(DNS1123_SUBDOMAIN_MAX));
    }
    if !value.split('.').all(is_dns1123_label) {
        errs.push(DNS1123_SUBDOMAIN_MSG.into());
    }
    errs
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?` — every dot-separated part of a subdomain
/// must match this, so `a-.b` and `a..b` are invalid names.
fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    match (b.first(), b.last()) {
        (Some(first), Some(last)) => {
            alnum(first) && alnum(last) && b.iter().all(|c| alnum(c) || *c == b'-')
        }
        _ => false,
    }
}

fn max_len(n: usize) -> String {
    format!("must be no more than {n} characters")
}

fn join(errs: Vec<String>) -> Result<(), String> {
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(r: Result<(), String>) -> bool {
        r.is_ok()
    }

    #[test]
    fn namespace_names_are_dns_labels() {
        for ok_name in ["default", "team-a", "0", &"a".repeat(63)] {
            assert_eq!(validate_namespace_name(ok_name), Ok(()), "{ok_name}");
        }
        assert_eq!(
            validate_namespace_name(""),
            Err("namespace is required".into())
        );
        for bad in ["Team", "a.b", "-a", "a-", "a_b", "ü"] {
            assert_eq!(
                validate_namespace_name(bad),
                Err(DNS1123_LABEL_MSG.to_string()),
                "{bad}"
            );
        }
        assert_eq!(
            validate_namespace_name(&"a".repeat(64)),
            Err("must be no more than 63 characters".into())
        );
    }

    #[test]
    fn secret_names() {
        let long_ok = format!("{}.{}", "a".repeat(63), "b".repeat(189));
        assert_eq!(long_ok.len(), 253);
        let cases: &[(&str, bool)] = &[
            ("db-credentials", true),
            ("a", true),
            ("0", true),
            ("tls.example.com", true),
            ("a-b.c-d", true),
            (&long_ok, true),
            ("DB", false),
            ("-a", false),
            ("a-", false),
            (".a", false),
            ("a.", false),
            ("a..b", false),
            ("a-.b", false),
            ("a.-b", false),
            ("a_b", false),
            ("a b", false),
            ("ü", false),
        ];
        for (name, valid) in cases {
            assert_eq!(ok(validate_secret_name(name)), *valid, "{name:?}");
        }
        assert_eq!(validate_secret_name(""), Err("name is required".into()));
        assert_eq!(
            validate_secret_name(&format!("{long_ok}c")),
            Err("must be no more than 253 characters".into())
        );
        assert_eq!(
            validate_secret_name("My-Secret"),
            Err(DNS1123_SUBDOMAIN_MSG.to_string())
        );
        assert!(DNS1123_SUBDOMAIN_MSG.starts_with(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \
             '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')"
        ));
    }

    #[test]
    fn data_keys() {
        let cases: &[(&str, bool)] = &[
            ("password", true),
            ("tls.crt", true),
            (".dockerconfigjson", true),
            ("KEY_NAME", true),
            ("-leading-dash", true),
            ("a..b", true),
            (".a", true),
            ("a.", true),
            ("123", true),
            (&"k".repeat(253), true),
            (&"k".repeat(254), false),
            (".", false),
            ("..", false),
            ("..a", false),
            ("a/b", false),
            ("a b", false),
            ("a:b", false),
            ("ключ", false),
        ];
        for (key, valid) in cases {
            assert_eq!(ok(validate_data_key(key)), *valid, "{key:?}");
        }
        assert_eq!(validate_data_key(""), Err("key is required".into()));
        assert_eq!(validate_data_key(".."), Err("must not be '..'".into()));
        assert_eq!(
            validate_data_key("..a/b"),
            Err(format!("{CONFIG_KEY_MSG}; must not start with '..'"))
        );
    }

    #[test]
    fn label_keys() {
        let cases: &[(&str, bool)] = &[
            ("app", true),
            ("App.Name_1", true),
            ("app.kubernetes.io/name", true),
            ("example.com/MyName", true),
            (&"n".repeat(63), true),
            (&"n".repeat(64), false),
            (&format!("{}/n", "p".repeat(253)), true),
            (&format!("{}/n", "p".repeat(254)), false),
            ("Example.com/name", false),
            ("/name", false),
            ("example.com/", false),
            ("a/b/c", false),
            ("-app", false),
            ("app-", false),
            ("_app", false),
            ("a b", false),
        ];
        for (key, valid) in cases {
            assert_eq!(ok(validate_label_key(key)), *valid, "{key:?}");
        }
        assert_eq!(
            validate_label_key("/x"),
            Err("prefix part must be non-empty".into())
        );
        assert_eq!(
            validate_label_key(&"n".repeat(64)),
            Err("name part must be no more than 63 characters".into())
        );
    }

    #[test]
    fn label_values() {
        let cases: &[(&str, bool)] = &[
            ("", true),
            ("web", true),
            ("MyValue", true),
            ("my_value.1-2", true),
            ("12345", true),
            (&"v".repeat(63), true),
            (&"v".repeat(64), false),
            ("-web", false),
            ("web.", false),
            ("a/b", false),
            ("a b", false),
        ];
        for (value, valid) in cases {
            assert_eq!(ok(validate_label_value(value)), *valid, "{value:?}");
        }
    }

    #[test]
    fn label_value_errors_do_not_repeat_the_value() {
        let err = validate_label_value("not a valid value!").unwrap_err();
        assert!(!err.contains("not a valid value!"), "{err}");
    }

    #[test]
    fn annotation_keys_are_lowercased_before_checking() {
        assert!(validate_annotation_key("Example.com/Owner").is_ok());
        assert!(
            validate_annotation_key("kubectl.kubernetes.io/last-applied-configuration").is_ok()
        );
        assert!(validate_annotation_key("a/b/c").is_err());
        assert!(validate_annotation_key(&"n".repeat(64)).is_err());
        assert_eq!(validate_annotation_key(""), Err("key is required".into()));
    }
}
