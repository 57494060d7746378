//! Copying a secret value: the toast says whether Keyhole will empty the
//! clipboard after 30 s, and then it does, if the clipboard still holds that
//! value. The decisions are in [`crate::model::page::clipboard`].

use super::browser::{clipboard_read_permission, copy_text, read_clipboard};
use super::toast::Toasts;
use crate::model::page::clipboard::{
    at_expiry, copied_notice, expiry_notice, AtExpiry, ClipboardAccess, CLEAR_AFTER,
};

/// Copies the value of `key` and schedules emptying the clipboard.
pub async fn copy_secret_value(key: String, text: String, toasts: Toasts) {
    if !copy_text(&text).await {
        toasts.error("The browser did not allow copying to the clipboard".to_string());
        return;
    }
    let access =
        ClipboardAccess::from_permission_state(clipboard_read_permission().await.as_deref());
    toasts.info(copied_notice(&key, access));
    if access == ClipboardAccess::CannotClear {
        return;
    }
    crate::api::live_list::sleep(CLEAR_AFTER).await;
    let outcome = at_expiry(read_clipboard().await.as_deref(), &text);
    let cleared = outcome == AtExpiry::Clear && copy_text("").await;
    if let Some(notice) = expiry_notice(&key, &outcome, cleared) {
        if cleared {
            toasts.info(notice);
        } else {
            toasts.error(notice);
        }
    }
}
