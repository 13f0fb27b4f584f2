//! The service's rule for database names, checked before anything is sent: a name that
//! breaks it is a usage error here, not a round trip that echoes the name back.

/// The longest database name the service accepts.
pub const MAX_NAME_CHARS: usize = 64;

/// Checks `name` as the service does: 1 to 64 letters, digits, `-` or `_`.
pub fn check_database_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("Enter a name.".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("At most {MAX_NAME_CHARS} characters."));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        // `{c:?}` escapes controls and invisible characters.
        return Err(format!(
            "{c:?} is not allowed: use letters, digits, '-' and '_'."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_services_rule() {
        assert!(check_database_name("cache-eu_1").is_ok());
        assert_eq!(check_database_name("").unwrap_err(), "Enter a name.");
        assert!(check_database_name(&"a".repeat(65)).is_err());
        assert_eq!(
            check_database_name("a\u{1b}]0;T\u{7}").unwrap_err(),
            "'\\u{1b}' is not allowed: use letters, digits, '-' and '_'."
        );
        assert!(check_database_name("a b").is_err());
    }
}
