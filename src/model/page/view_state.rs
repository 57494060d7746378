//! The part of the UI state that lives in the page URL, so that every view is
//! a bookmark and survives a reload under `kubectl proxy --www` (which serves
//! no index fallback for deep paths, so state goes in the query string).
//!
//! Secret *values* never go here: only names the user navigated to.

use crate::model::page::url_encoding::{format_query, parse_query};

/// `?ns=*`: every namespace at once. Namespace names are DNS labels
/// (lowercase letters, digits, `-`), so no namespace is called `*`.
pub const ALL_NAMESPACES: &str = "*";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The namespace being browsed, or [`ALL_NAMESPACES`]; `None` means
    /// "the default one".
    pub namespace: Option<String>,
    /// The secret opened in the detail view.
    pub secret: Option<String>,
    /// Whether the list includes Helm's release records (`helm=1`); off by
    /// default, and then the server leaves them out.
    pub helm_records: bool,
    /// A SealedSecret opened in the namespace (its own page).
    pub sealed: Option<String>,
}

impl ViewState {
    pub fn from_query(query: &str) -> Self {
        let mut state = ViewState::default();
        for (key, value) in parse_query(query) {
            let value = Some(value).filter(|v| !v.is_empty());
            match key.as_str() {
                "ns" => state.namespace = value,
                "secret" => state.secret = value,
                "helm" => state.helm_records = value.as_deref() == Some("1"),
                "sealed" => state.sealed = value,
                _ => {}
            }
        }
        state
    }

    /// The query string for this state, including the leading `?`, or an
    /// empty string when there is nothing to keep.
    pub fn to_query(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(ns) = &self.namespace {
            pairs.push(("ns", ns.as_str()));
        }
        if let Some(secret) = &self.secret {
            pairs.push(("secret", secret.as_str()));
        }
        if self.helm_records {
            pairs.push(("helm", "1"));
        }
        if let Some(sealed) = &self.sealed {
            pairs.push(("sealed", sealed.as_str()));
        }
        if pairs.is_empty() {
            String::new()
        } else {
            // `*` may stand unescaped in a query (RFC 3986 sub-delims), and
            // `?ns=*` is what a person would type and bookmark.
            let query = format_query(&pairs).replacen("ns=%2A&", "ns=*&", 1);
            let query = if query == "ns=%2A" {
                "ns=*".into()
            } else {
                query
            };
            format!("?{query}")
        }
    }

    /// Whether every namespace is browsed at once.
    pub fn all_namespaces(&self) -> bool {
        self.namespace.as_deref() == Some(ALL_NAMESPACES)
    }

    /// The secret shown on its own page. A secret is opened in its own
    /// namespace: with all of them browsed, the list shows instead.
    pub fn opened_secret(&self) -> Option<&str> {
        self.secret.as_deref().filter(|_| !self.all_namespaces())
    }

    /// The SealedSecret shown on its own page, on the same terms.
    pub fn opened_sealed(&self) -> Option<&str> {
        self.sealed.as_deref().filter(|_| !self.all_namespaces())
    }

    /// Whether the page is a list (of one namespace or of all of them).
    pub fn shows_list(&self) -> bool {
        self.opened_secret().is_none() && self.opened_sealed().is_none()
    }

    /// The namespace to browse: the one in the URL, else `default`.
    pub fn namespace_or_default(&self) -> &str {
        self.namespace.as_deref().unwrap_or("default")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opened_secret_or_sealed_secret_is_its_own_page_except_across_namespaces() {
        let page = |q: &str| {
            let s = ViewState::from_query(q);
            (
                s.opened_secret().map(String::from),
                s.opened_sealed().map(String::from),
                s.shows_list(),
            )
        };
        assert_eq!(page("?ns=a"), (None, None, true));
        assert_eq!(page("?ns=a&secret=db"), (Some("db".into()), None, false));
        assert_eq!(page("?ns=a&sealed=db"), (None, Some("db".into()), false));
        assert_eq!(page("?ns=*&secret=db&sealed=db"), (None, None, true));
    }

    #[test]
    fn reads_namespace_and_secret() {
        let s = ViewState::from_query("?ns=team-a&secret=db-credentials&unknown=1");
        assert_eq!(s.namespace.as_deref(), Some("team-a"));
        assert_eq!(s.secret.as_deref(), Some("db-credentials"));
    }

    #[test]
    fn empty_values_mean_absent() {
        let s = ViewState::from_query("ns=&secret=");
        assert_eq!(s, ViewState::default());
        assert_eq!(s.namespace_or_default(), "default");
        assert_eq!(s.to_query(), "");
    }

    #[test]
    fn all_namespaces_is_a_star_that_no_namespace_can_be() {
        let all = ViewState::from_query("?ns=*");
        assert!(all.all_namespaces());
        assert_eq!(all.namespace_or_default(), ALL_NAMESPACES);
        assert_eq!(all.to_query(), "?ns=*");
        // Escaped by hand (or by another tool), it still means all.
        assert!(ViewState::from_query("ns=%2A").all_namespaces());
        assert!(!ViewState::from_query("ns=default").all_namespaces());
        assert!(!ViewState::default().all_namespaces());
        // A namespace called `*` cannot exist: it is not a DNS label.
        assert!(crate::model::namespace_choice::validate_namespace_name(ALL_NAMESPACES).is_err());
        let with_secret = ViewState {
            namespace: Some(ALL_NAMESPACES.into()),
            secret: Some("x".into()),
            ..ViewState::default()
        };
        assert_eq!(with_secret.to_query(), "?ns=*&secret=x");
        assert_eq!(ViewState::from_query(&with_secret.to_query()), with_secret);
    }

    #[test]
    fn round_trips_through_the_url() {
        let s = ViewState {
            namespace: Some("kube-system".into()),
            secret: Some("a.b-c".into()),
            helm_records: false,
            sealed: None,
        };
        assert_eq!(s.to_query(), "?ns=kube-system&secret=a.b-c");
        assert_eq!(ViewState::from_query(&s.to_query()), s);
    }

    #[test]
    fn a_sealed_secret_has_its_own_page() {
        let s = ViewState::from_query("?ns=team-a&sealed=db");
        assert_eq!(s.sealed.as_deref(), Some("db"));
        assert_eq!(s.to_query(), "?ns=team-a&sealed=db");
    }

    #[test]
    fn helm_records_are_hidden_unless_asked_for() {
        assert!(!ViewState::from_query("?ns=a").helm_records);
        assert!(!ViewState::from_query("?ns=a&helm=0").helm_records);
        let s = ViewState::from_query("?ns=a&helm=1");
        assert!(s.helm_records);
        assert_eq!(s.to_query(), "?ns=a&helm=1");
        assert_eq!(ViewState::from_query(&s.to_query()), s);
    }
}
