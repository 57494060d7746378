//! Which rows of the list are ticked, for the actions on several secrets.
//!
//! A row is known by namespace and name (the all-namespaces list holds the
//! same name in many namespaces). Ranges follow the order the list shows
//! now: Shift extends from the row last ticked alone (the anchor) to the row
//! pressed, as in a file manager. Ticked rows the filter hides stay ticked
//! (the action panels name every secret they act on); rows that leave the
//! list (deleted, relisted without them) are dropped.

use std::collections::BTreeSet;

/// (namespace, name)
pub type RowKey = (String, String);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    chosen: BTreeSet<RowKey>,
    anchor: Option<RowKey>,
}

/// What the "select all shown" box shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllShown {
    None,
    Some,
    All,
}

impl Selection {
    pub fn contains(&self, key: &RowKey) -> bool {
        self.chosen.contains(key)
    }

    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    /// Every ticked row, ordered by namespace then name.
    pub fn keys(&self) -> Vec<RowKey> {
        self.chosen.iter().cloned().collect()
    }

    /// A plain click or Space: flips one row, which becomes the anchor.
    pub fn toggle(&mut self, key: &RowKey) {
        if !self.chosen.remove(key) {
            self.chosen.insert(key.clone());
        }
        self.anchor = Some(key.clone());
    }

    /// Shift: every row from the anchor to `key` in the shown `order` takes
    /// the anchor's state (ticks them, or unticks them when the anchor was
    /// unticked). Without an anchor in view it is a plain toggle.
    pub fn extend_to(&mut self, order: &[RowKey], key: &RowKey) {
        let anchor_at = self
            .anchor
            .as_ref()
            .and_then(|a| order.iter().position(|k| k == a));
        let (Some(from), Some(to)) = (anchor_at, order.iter().position(|k| k == key)) else {
            return self.toggle(key);
        };
        let tick = self.chosen.contains(&order[from]);
        let (low, high) = (from.min(to), from.max(to));
        for k in &order[low..=high] {
            if tick {
                self.chosen.insert(k.clone());
            } else {
                self.chosen.remove(k);
            }
        }
    }

    /// Shift+arrow (as in WAI-ARIA's multi-select listbox): the row left and
    /// the row moved to are both ticked, and the one moved to becomes the
    /// anchor, so a later Shift+click extends from where the keys stopped.
    pub fn step(&mut self, from: &RowKey, to: &RowKey) {
        self.chosen.insert(from.clone());
        self.chosen.insert(to.clone());
        self.anchor = Some(to.clone());
    }

    /// The header box: ticks every shown row, or unticks them when all are.
    pub fn toggle_all_shown(&mut self, order: &[RowKey]) {
        if self.all_shown(order) == AllShown::All {
            for k in order {
                self.chosen.remove(k);
            }
        } else {
            self.chosen.extend(order.iter().cloned());
        }
        self.anchor = None;
    }

    pub fn all_shown(&self, order: &[RowKey]) -> AllShown {
        let ticked = order.iter().filter(|k| self.chosen.contains(*k)).count();
        match ticked {
            0 => AllShown::None,
            n if n == order.len() => AllShown::All,
            _ => AllShown::Some,
        }
    }

    /// How many ticked rows the shown `order` leaves out (hidden by a filter).
    pub fn hidden(&self, order: &[RowKey]) -> usize {
        let shown = order.iter().filter(|k| self.chosen.contains(*k)).count();
        self.chosen.len() - shown
    }

    /// Drops rows that are no longer in the list at all. Returns whether
    /// anything changed, so a signal is only written when it did.
    pub fn retain_present(&mut self, present: impl Fn(&RowKey) -> bool) -> bool {
        let before = self.chosen.len();
        self.chosen.retain(|k| present(k));
        if self.anchor.as_ref().is_some_and(|a| !present(a)) {
            self.anchor = None;
        }
        before != self.chosen.len()
    }

    pub fn clear(&mut self) {
        self.chosen.clear();
        self.anchor = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(name: &str) -> RowKey {
        ("default".into(), name.into())
    }

    fn order(names: &[&str]) -> Vec<RowKey> {
        names.iter().map(|n| key(n)).collect()
    }

    #[test]
    fn a_click_flips_one_row() {
        let mut s = Selection::default();
        s.toggle(&key("a"));
        assert!(s.contains(&key("a")));
        s.toggle(&key("a"));
        assert!(s.is_empty());
    }

    #[test]
    fn shift_ticks_the_range_from_the_anchor_either_way() {
        let rows = order(&["a", "b", "c", "d", "e"]);
        let mut s = Selection::default();
        s.toggle(&key("b"));
        s.extend_to(&rows, &key("d"));
        assert_eq!(s.keys(), order(&["b", "c", "d"]));
        // The anchor stays: a second Shift re-aims the range from b.
        s.extend_to(&rows, &key("a"));
        assert_eq!(s.keys(), order(&["a", "b", "c", "d"]));
    }

    #[test]
    fn shift_from_an_unticked_anchor_unticks_the_range() {
        let rows = order(&["a", "b", "c", "d"]);
        let mut s = Selection::default();
        s.toggle_all_shown(&rows);
        s.toggle(&key("b"));
        s.extend_to(&rows, &key("d"));
        assert_eq!(s.keys(), order(&["a"]));
    }

    #[test]
    fn shift_without_an_anchor_in_view_is_a_plain_toggle() {
        let rows = order(&["a", "b"]);
        let mut s = Selection::default();
        s.extend_to(&rows, &key("b"));
        assert_eq!(s.keys(), order(&["b"]));
        s.toggle(&key("x"));
        s.extend_to(&rows, &key("a"));
        assert_eq!(s.keys(), vec![key("a"), key("b"), key("x")]);
    }

    #[test]
    fn shift_arrows_tick_the_rows_they_pass() {
        let rows = order(&["a", "b", "c", "d"]);
        let mut s = Selection::default();
        // An anchor elsewhere does not widen a keyboard step.
        s.toggle(&key("a"));
        s.step(&key("c"), &key("d"));
        assert_eq!(s.keys(), order(&["a", "c", "d"]));
        // The step moved the anchor: Shift+click from d.
        s.extend_to(&rows, &key("b"));
        assert_eq!(s.keys(), rows);
    }

    #[test]
    fn same_name_in_two_namespaces_are_two_rows() {
        let mut s = Selection::default();
        s.toggle(&("a".into(), "db".into()));
        assert!(!s.contains(&("b".into(), "db".into())));
    }

    #[test]
    fn the_header_box_ticks_the_shown_rows_then_unticks_them() {
        let rows = order(&["a", "b", "c"]);
        let mut s = Selection::default();
        s.toggle(&key("hidden"));
        s.toggle(&key("b"));
        assert_eq!(s.all_shown(&rows), AllShown::Some);
        s.toggle_all_shown(&rows);
        assert_eq!(s.all_shown(&rows), AllShown::All);
        assert_eq!(s.hidden(&rows), 1);
        s.toggle_all_shown(&rows);
        assert_eq!(s.all_shown(&rows), AllShown::None);
        assert_eq!(s.keys(), vec![key("hidden")]);
    }

    #[test]
    fn rows_that_left_the_list_are_dropped() {
        let mut s = Selection::default();
        s.toggle(&key("a"));
        s.toggle(&key("b"));
        assert!(s.retain_present(|k| k.1 == "a"));
        assert_eq!(s.keys(), order(&["a"]));
        assert!(!s.retain_present(|k| k.1 == "a"));
        // The anchor b went with its row: Shift now toggles.
        s.extend_to(&order(&["a", "c"]), &key("c"));
        assert_eq!(s.keys(), order(&["a", "c"]));
    }

    proptest! {
        // Whatever the clicks, a Shift range changes only rows between the
        // anchor and the row pressed, and leaves them all in one state.
        #[test]
        fn a_range_touches_only_its_rows(
            clicks in proptest::collection::vec(0usize..8, 0..6),
            anchor in 0usize..8,
            target in 0usize..8,
        ) {
            let names: Vec<String> = (0..8).map(|i| format!("s{i}")).collect();
            let rows: Vec<RowKey> = names.iter().map(|n| key(n)).collect();
            let mut s = Selection::default();
            for c in clicks {
                s.toggle(&rows[c]);
            }
            s.toggle(&rows[anchor]);
            let before = s.clone();
            s.extend_to(&rows, &rows[target]);
            let (low, high) = (anchor.min(target), anchor.max(target));
            let state = s.contains(&rows[anchor]);
            for (i, k) in rows.iter().enumerate() {
                if (low..=high).contains(&i) {
                    prop_assert_eq!(s.contains(k), state);
                } else {
                    prop_assert_eq!(s.contains(k), before.contains(k));
                }
            }
        }
    }
}
