//! What the SSH view prints about an `ssh-privatekey`: type, size,
//! fingerprint, comment and whether a passphrase protects it. Nothing
//! private: [`SshKeySummary`] holds only public facts.

use crate::model::secret_types::ssh::key::SshKeySummary;
use crate::model::secret_types::token::facts::Facts;

pub fn ssh_facts(key: &SshKeySummary) -> Facts {
    let mut facts: Facts = vec![("Type", key.key_type.clone())];
    if let Some(bits) = key.bits {
        facts.push(("Bits", bits.to_string()));
    }
    facts.push(("Fingerprint", key.fingerprint.clone()));
    facts.push((
        "Comment",
        key.comment.clone().unwrap_or_else(|| {
            if key.encrypted {
                "(not readable without the passphrase)".into()
            } else {
                "(none)".into()
            }
        }),
    ));
    facts.push((
        "Encrypted",
        if key.encrypted {
            "yes: protected by a passphrase, which whatever uses this key must also have".into()
        } else {
            "no".into()
        },
    ));
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::secret_types::ssh::key::parse_ssh_private_key;

    #[test]
    fn an_ed25519_key() {
        let key =
            parse_ssh_private_key(include_bytes!("../../test_fixtures/ssh/id_ed25519")).unwrap();
        let facts = ssh_facts(&key);
        assert_eq!(facts[0], ("Type", "ssh-ed25519".to_owned()));
        assert_eq!(facts[1], ("Bits", "256".to_owned()));
        assert_eq!(facts[2].0, "Fingerprint");
        assert!(facts[2].1.starts_with("SHA256:"));
        assert_eq!(facts[4], ("Encrypted", "no".to_owned()));
    }

    #[test]
    fn an_encrypted_key_hides_its_comment() {
        let key = parse_ssh_private_key(include_bytes!(
            "../../test_fixtures/ssh/id_ed25519_encrypted"
        ))
        .unwrap();
        let facts = ssh_facts(&key);
        assert_eq!(
            facts[3],
            (
                "Comment",
                "(not readable without the passphrase)".to_owned()
            )
        );
        assert!(facts[4].1.starts_with("yes"));
    }
}
