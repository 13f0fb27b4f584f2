//! The rules for names, regions, plans and budgets, each with an error that says the rule.

use super::reply::ApiError;
use std::collections::HashSet;
use updash_common::regions;

/// The longest database name accepted.
pub const MAX_NAME_CHARS: usize = 64;

/// A database name: 1 to 64 ASCII letters, digits, `-` or `_`.
pub fn database_name(name: &str) -> Result<(), ApiError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "invalid database name \"{}\": use 1 to {MAX_NAME_CHARS} characters, each a letter, digit, '-' or '_'",
            name.chars().take(80).collect::<String>()
        )))
    }
}

/// `aws` or `gcp`.
pub fn platform(platform: &str) -> Result<&'static str, ApiError> {
    regions::PLATFORMS
        .iter()
        .find(|p| **p == platform)
        .copied()
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "invalid platform \"{platform}\": must be \"aws\" or \"gcp\""
            ))
        })
}

/// A primary region that exists and, when `platform` is given, runs on that platform.
/// Returns the region's platform.
pub fn primary_region(code: &str, platform: Option<&str>) -> Result<&'static str, ApiError> {
    let region = regions::find(code).ok_or_else(|| {
        ApiError::bad_request(format!(
            "invalid primary_region \"{code}\": not a region Upstash offers (e.g. us-east-1, eu-west-1, us-central1)"
        ))
    })?;
    match platform {
        Some(p) if p != region.platform => Err(ApiError::bad_request(format!(
            "primary_region \"{code}\" is a {} region, but platform is \"{p}\"",
            region.platform
        ))),
        _ => Ok(region.platform),
    }
}

/// Read regions: each exists on the primary's platform, none is the primary, no duplicates,
/// and at most one on the free plan.
pub fn read_regions(
    read: &[String],
    primary: &str,
    platform: &str,
    free_plan: bool,
) -> Result<(), ApiError> {
    let mut seen = HashSet::new();
    for code in read {
        let region = regions::find(code).ok_or_else(|| {
            ApiError::bad_request(format!(
                "invalid read region \"{code}\": not a region Upstash offers"
            ))
        })?;
        if region.platform != platform {
            return Err(ApiError::bad_request(format!(
                "read region \"{code}\" is a {} region; read regions must be on the primary region's platform ({platform})",
                region.platform
            )));
        }
        if code == primary {
            return Err(ApiError::bad_request(format!(
                "read region \"{code}\" is the primary region; a primary cannot also be a read region"
            )));
        }
        if !seen.insert(code.as_str()) {
            return Err(ApiError::bad_request(format!(
                "read region \"{code}\" is listed twice"
            )));
        }
    }
    if free_plan && read.len() > 1 {
        return Err(ApiError::bad_request(
            "the free plan allows at most one read region",
        ));
    }
    Ok(())
}

/// A monthly budget: zero or more.
pub fn budget(budget: i64) -> Result<(), ApiError> {
    if budget < 0 {
        Err(ApiError::bad_request(format!(
            "invalid budget {budget}: must be zero or more"
        )))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names() {
        for ok in ["a", "my-db_1", &"x".repeat(64)] {
            database_name(ok).expect(ok);
        }
        for bad in ["", "has space", "dot.name", "ünï", &"x".repeat(65)] {
            let e = database_name(bad).expect_err(bad);
            assert!(e.message().contains("letter, digit"), "{}", e.message());
        }
    }

    #[test]
    fn regions_and_platforms() {
        assert_eq!(primary_region("us-central1", None).ok(), Some("gcp"));
        assert!(primary_region("us-central1", Some("aws")).is_err());
        assert!(primary_region("mars-1", None).is_err());
        assert!(platform("azure").is_err());
        read_regions(&v(&["us-west-2", "eu-west-1"]), "us-east-1", "aws", false).expect("ok");
        for (read, free) in [
            (v(&["us-central1"]), false),
            (v(&["us-east-1"]), false),
            (v(&["eu-west-1", "eu-west-1"]), false),
            (v(&["eu-west-1", "us-west-2"]), true),
            (v(&["nowhere-1"]), false),
        ] {
            assert!(
                read_regions(&read, "us-east-1", "aws", free).is_err(),
                "{read:?}"
            );
        }
        assert!(budget(-1).is_err());
        budget(0).expect("zero");
    }
}
