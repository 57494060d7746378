//! The three sealing scopes and how each shows in the ciphertext (the OAEP
//! label) and in the manifest (an annotation).

/// `sealedsecrets.bitnami.com/` + `cluster-wide` / `namespace-wide`
/// (`SealedSecretClusterWideAnnotation`, `SealedSecretNamespaceWideAnnotation`
/// in the controller's `types.go`); the value is the string `"true"`.
pub const CLUSTER_WIDE_ANNOTATION: &str = "sealedsecrets.bitnami.com/cluster-wide";
pub const NAMESPACE_WIDE_ANNOTATION: &str = "sealedsecrets.bitnami.com/namespace-wide";

/// Where a SealedSecret may be unsealed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SealScope {
    /// Only under this exact namespace and name (kubeseal's default).
    #[default]
    Strict,
    /// Under any name, in this namespace.
    NamespaceWide,
    /// Under any name, in any namespace.
    ClusterWide,
}

impl SealScope {
    pub const ALL: [SealScope; 3] = [
        SealScope::Strict,
        SealScope::NamespaceWide,
        SealScope::ClusterWide,
    ];

    /// The RSA-OAEP label (`EncryptionLabel`): the controller decrypts with
    /// the label of the SealedSecret it reads, so a strict one renamed or
    /// moved no longer decrypts.
    pub fn label(self, namespace: &str, name: &str) -> Vec<u8> {
        match self {
            SealScope::Strict => format!("{namespace}/{name}").into_bytes(),
            SealScope::NamespaceWide => namespace.as_bytes().to_vec(),
            SealScope::ClusterWide => Vec::new(),
        }
    }

    /// The annotation kubeseal writes for this scope (`UpdateScopeAnnotations`);
    /// strict is the absence of both.
    pub fn annotation(self) -> Option<&'static str> {
        match self {
            SealScope::Strict => None,
            SealScope::NamespaceWide => Some(NAMESPACE_WIDE_ANNOTATION),
            SealScope::ClusterWide => Some(CLUSTER_WIDE_ANNOTATION),
        }
    }

    /// kubeseal's `--scope` value, also the form's option value.
    pub fn as_str(self) -> &'static str {
        match self {
            SealScope::Strict => "strict",
            SealScope::NamespaceWide => "namespace-wide",
            SealScope::ClusterWide => "cluster-wide",
        }
    }

    pub fn parse(value: &str) -> Option<SealScope> {
        SealScope::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// What the user is choosing, in words.
    pub fn description(self) -> &'static str {
        match self {
            SealScope::Strict => "only this name in this namespace",
            SealScope::NamespaceWide => "any name in this namespace",
            SealScope::ClusterWide => "any name in any namespace",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_those_of_encryption_label() {
        assert_eq!(SealScope::Strict.label("team-a", "db"), b"team-a/db");
        assert_eq!(SealScope::NamespaceWide.label("team-a", "db"), b"team-a");
        assert_eq!(SealScope::ClusterWide.label("team-a", "db"), b"");
    }

    #[test]
    fn strict_is_the_default_and_has_no_annotation() {
        assert_eq!(SealScope::default(), SealScope::Strict);
        assert_eq!(SealScope::Strict.annotation(), None);
        assert_eq!(
            SealScope::ClusterWide.annotation(),
            Some("sealedsecrets.bitnami.com/cluster-wide")
        );
    }

    #[test]
    fn names_round_trip() {
        for scope in SealScope::ALL {
            assert_eq!(SealScope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(SealScope::parse("wide"), None);
    }
}
