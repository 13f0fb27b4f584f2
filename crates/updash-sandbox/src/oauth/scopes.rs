//! Scopes and audiences the sandbox grants.

/// Scopes a client may ask for, with what the consent page says about each.
pub const SUPPORTED: [(&str, &str); 6] = [
    (
        "offline_access",
        "Stay connected: keep access while you are away (refresh tokens).",
    ),
    ("openid", "Confirm who you are."),
    ("profile", "Read your basic profile."),
    ("email", "Read your email address."),
    ("public_metadata", "Read your account's public metadata."),
    ("private_metadata", "Read your account's private metadata."),
];

/// The scope granted when a client asks for none (what Upstash grants to partners).
pub const DEFAULT_SCOPE: &str = "offline_access";

/// Audiences tokens may be issued for.
pub const AUDIENCES: [&str; 1] = ["upstash-api"];

/// The audience when a client names none.
pub const DEFAULT_AUDIENCE: &str = "upstash-api";

/// Validates a space-separated scope list and normalizes it (no repeats, original order).
pub fn normalize(requested: Option<&str>) -> Result<String, String> {
    let Some(requested) = requested else {
        return Ok(DEFAULT_SCOPE.into());
    };
    let mut granted: Vec<&str> = Vec::new();
    for scope in requested.split(' ').filter(|s| !s.is_empty()) {
        if !SUPPORTED.iter().any(|(name, _)| *name == scope) {
            let shown: String = scope.chars().take(64).collect();
            return Err(format!("unknown scope `{shown}`"));
        }
        if !granted.contains(&scope) {
            granted.push(scope);
        }
    }
    if granted.is_empty() {
        return Ok(DEFAULT_SCOPE.into());
    }
    Ok(granted.join(" "))
}

/// Validates the `audience` parameter.
pub fn audience(requested: Option<&str>) -> Result<String, String> {
    match requested {
        None => Ok(DEFAULT_AUDIENCE.into()),
        Some(a) if AUDIENCES.contains(&a) => Ok(a.into()),
        Some(_) => Err(format!(
            "unknown audience; this server issues tokens for {}",
            AUDIENCES.join(", ")
        )),
    }
}

/// Whether every scope in `narrower` is in `wider`.
pub fn is_subset(narrower: &str, wider: &str) -> bool {
    let wider: Vec<&str> = wider.split(' ').collect();
    narrower.split(' ').all(|s| wider.contains(&s))
}

/// What the consent page says about a scope.
pub fn describe(scope: &str) -> &'static str {
    SUPPORTED
        .iter()
        .find(|(name, _)| *name == scope)
        .map(|(_, d)| *d)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_and_rejects_unknown() {
        assert_eq!(normalize(None).unwrap(), "offline_access");
        assert_eq!(
            normalize(Some("email  email openid")).unwrap(),
            "email openid"
        );
        assert!(normalize(Some("admin")).is_err());
        assert!(is_subset("email", "openid email"));
        assert!(!is_subset("email admin", "openid email"));
        assert!(audience(Some("other")).is_err());
    }
}
