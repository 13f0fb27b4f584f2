//! The Redis regions Upstash offers, kept as data so new ones need no code change.

/// A cloud platform a database runs on.
pub const PLATFORMS: [&str; 2] = ["aws", "gcp"];

/// One region a global database can use as primary or read region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The region code sent to the API, e.g. `eu-west-1`.
    pub code: &'static str,
    /// `aws` or `gcp`.
    pub platform: &'static str,
    /// Where it is, for people.
    pub location: &'static str,
}

/// Every region of the Developer API's global databases.
pub const REGIONS: &[Region] = &[
    Region {
        code: "us-east-1",
        platform: "aws",
        location: "N. Virginia",
    },
    Region {
        code: "us-east-2",
        platform: "aws",
        location: "Ohio",
    },
    Region {
        code: "us-west-1",
        platform: "aws",
        location: "N. California",
    },
    Region {
        code: "us-west-2",
        platform: "aws",
        location: "Oregon",
    },
    Region {
        code: "ca-central-1",
        platform: "aws",
        location: "Central Canada",
    },
    Region {
        code: "sa-east-1",
        platform: "aws",
        location: "São Paulo",
    },
    Region {
        code: "eu-west-1",
        platform: "aws",
        location: "Ireland",
    },
    Region {
        code: "eu-west-2",
        platform: "aws",
        location: "London",
    },
    Region {
        code: "eu-central-1",
        platform: "aws",
        location: "Frankfurt",
    },
    Region {
        code: "ap-south-1",
        platform: "aws",
        location: "Mumbai",
    },
    Region {
        code: "ap-southeast-1",
        platform: "aws",
        location: "Singapore",
    },
    Region {
        code: "ap-northeast-1",
        platform: "aws",
        location: "Tokyo",
    },
    Region {
        code: "ap-southeast-2",
        platform: "aws",
        location: "Sydney",
    },
    Region {
        code: "af-south-1",
        platform: "aws",
        location: "Cape Town",
    },
    Region {
        code: "us-central1",
        platform: "gcp",
        location: "Iowa",
    },
    Region {
        code: "us-east4",
        platform: "gcp",
        location: "Virginia",
    },
    Region {
        code: "europe-west1",
        platform: "gcp",
        location: "Belgium",
    },
    Region {
        code: "asia-northeast1",
        platform: "gcp",
        location: "Tokyo",
    },
];

/// The region with this code, if Upstash offers it.
pub fn find(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// The platform a region code belongs to: the table first, then the naming rule (AWS codes
/// end in `-N`; GCP codes end in a digit glued to the name, like `us-central1`).
pub fn platform_of(code: &str) -> Option<&'static str> {
    if let Some(r) = find(code) {
        return Some(r.platform);
    }
    let (head, last) = code.rsplit_once('-')?;
    if head.is_empty() || last.is_empty() {
        return None;
    }
    if last.chars().all(|c| c.is_ascii_digit()) {
        Some("aws")
    } else if last.ends_with(|c: char| c.is_ascii_digit()) {
        Some("gcp")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_from_table_and_rule() {
        assert_eq!(platform_of("eu-west-1"), Some("aws"));
        assert_eq!(platform_of("us-central1"), Some("gcp"));
        assert_eq!(platform_of("me-central-9"), Some("aws"));
        assert_eq!(platform_of("southamerica-east1"), Some("gcp"));
        assert_eq!(platform_of("global"), None);
        assert_eq!(platform_of("-1"), None);
    }

    #[test]
    fn every_region_has_a_known_platform() {
        for r in REGIONS {
            assert!(PLATFORMS.contains(&r.platform), "{}", r.code);
            assert_eq!(platform_of(r.code), Some(r.platform));
        }
    }
}
