//! The one way request builders name an API path: a resource is its group
//! version prefix and plural, namespaced or cluster-wide; names and
//! namespaces are always percent-encoded.

use crate::model::page::url_encoding::encode_component;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resource {
    /// `/api/v1` for the core group, `/apis/GROUP/VERSION` otherwise.
    pub prefix: &'static str,
    pub plural: &'static str,
    pub namespaced: bool,
}

impl Resource {
    pub const fn namespaced(prefix: &'static str, plural: &'static str) -> Self {
        Resource {
            prefix,
            plural,
            namespaced: true,
        }
    }

    pub const fn cluster(prefix: &'static str, plural: &'static str) -> Self {
        Resource {
            prefix,
            plural,
            namespaced: false,
        }
    }

    /// The collection: in `namespace` for a namespaced resource (cluster-wide
    /// resources ignore it).
    pub fn collection(&self, namespace: &str) -> String {
        if self.namespaced {
            format!(
                "{}/namespaces/{}/{}",
                self.prefix,
                encode_component(namespace),
                self.plural
            )
        } else {
            format!("{}/{}", self.prefix, self.plural)
        }
    }

    /// One object of the collection.
    pub fn item(&self, namespace: &str, name: &str) -> String {
        format!("{}/{}", self.collection(namespace), encode_component(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRETS: Resource = Resource::namespaced("/api/v1", "secrets");
    const CLUSTER_ROLES: Resource =
        Resource::cluster("/apis/rbac.authorization.k8s.io/v1", "clusterroles");

    #[test]
    fn namespaced_paths_carry_the_namespace() {
        assert_eq!(
            SECRETS.collection("team-a"),
            "/api/v1/namespaces/team-a/secrets"
        );
        assert_eq!(
            SECRETS.item("team-a", "db"),
            "/api/v1/namespaces/team-a/secrets/db"
        );
    }

    #[test]
    fn cluster_paths_ignore_the_namespace() {
        assert_eq!(
            CLUSTER_ROLES.item("ignored", "view"),
            "/apis/rbac.authorization.k8s.io/v1/clusterroles/view"
        );
    }

    #[test]
    fn names_and_namespaces_are_encoded() {
        assert_eq!(
            SECRETS.item("a b", "x/y?z"),
            "/api/v1/namespaces/a%20b/secrets/x%2Fy%3Fz"
        );
    }
}
