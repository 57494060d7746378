//! A bulk delete goes ahead only when the user has typed how many secrets it
//! deletes: a number read off the panel, so a stray Enter or a selection
//! larger than meant cannot delete anything.

/// Ok when `typed` is exactly `count` (spaces around it allowed); otherwise
/// the sentence to show next to the field. Empty input is not yet an error.
pub fn confirm_count(typed: &str, count: usize) -> Result<(), Option<String>> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(None);
    }
    if count == 0 {
        return Err(Some("Nothing is ready to delete.".into()));
    }
    match typed.parse::<usize>() {
        Ok(n) if n == count => Ok(()),
        _ => Err(Some(format!(
            "Type {count}, the number of secrets that will be deleted."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_count_confirms() {
        assert_eq!(confirm_count(" 3 ", 3), Ok(()));
        assert_eq!(confirm_count("", 3), Err(None));
        for wrong in ["2", "03x", "three", "-3", "30"] {
            assert_eq!(
                confirm_count(wrong, 3),
                Err(Some(
                    "Type 3, the number of secrets that will be deleted.".into()
                )),
                "{wrong}"
            );
        }
    }

    #[test]
    fn nothing_ready_confirms_nothing() {
        assert!(confirm_count("0", 0).is_err());
    }
}
