//! Parsing form bodies and query strings strictly: each parameter at most once (RFC 6749 §3.1).

use std::collections::BTreeMap;

/// Request parameters by name.
#[derive(Default)]
pub struct Params(BTreeMap<String, String>);

impl Params {
    /// Parses `application/x-www-form-urlencoded` bytes; a repeated name is an error.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let mut map = BTreeMap::new();
        for (name, value) in url::form_urlencoded::parse(bytes) {
            if map.insert(name.to_string(), value.into_owned()).is_some() {
                return Err(format!("parameter `{name}` was given more than once"));
            }
        }
        Ok(Self(map))
    }

    /// The value of `name`; an empty value counts as absent (RFC 6749 §3.1).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The value of `name`, or an error message naming it.
    pub fn require(&self, name: &str) -> Result<&str, String> {
        self.get(name)
            .ok_or_else(|| format!("the `{name}` parameter is required"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_repeats_and_treats_empty_as_absent() {
        assert!(Params::parse(b"a=1&a=2").is_err());
        let p = Params::parse(b"a=1&b=&c=x%20y").unwrap();
        assert_eq!(p.get("a"), Some("1"));
        assert_eq!(p.get("b"), None);
        assert_eq!(p.get("c"), Some("x y"));
        assert!(p.require("b").unwrap_err().contains("`b`"));
    }
}
