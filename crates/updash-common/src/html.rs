//! Small HTML helpers shared by every page updash serves (the callback pages and the
//! sandbox's forms) and reads (the sandbox sign-in from the keyboard).

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Undoes [`escape`] (for values read back out of a form).
pub fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A value for a template placeholder.
pub enum Value<'a> {
    /// Text, escaped when filled in.
    Text(&'a str),
    /// Markup produced by [`fill`] from a template; inserted as is.
    Html(String),
}

/// Replaces each `{{name}}` in `template` in one pass (so a value that itself contains
/// `{{...}}` is never re-scanned); unknown placeholders become empty.
pub fn fill(template: &str, values: &[(&str, Value<'_>)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, Value::Text(t))) => out.push_str(&escape(t)),
            Some((_, Value::Html(h))) => out.push_str(h),
            None => {}
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_unescapes_everything_that_matters() {
        let raw = r#"<script>alert("x")</script>&'"#;
        let escaped = escape(raw);
        assert_eq!(
            escaped,
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"
        );
        assert_eq!(unescape(&escaped), raw);
    }

    #[test]
    fn fills_in_one_pass() {
        let out = fill(
            "<h1>{{title}}</h1><p>{{message}}</p>{{missing}}",
            &[
                ("title", Value::Text("{{message}}")),
                ("message", Value::Html("<b>hi</b>".into())),
            ],
        );
        assert_eq!(out, "<h1>{{message}}</h1><p><b>hi</b></p>");
    }
}
