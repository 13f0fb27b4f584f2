//! The Products tab's forms: what is typed, and the exact request it makes (shown before it
//! is sent; a bad value says why instead).

use super::product::{Product, Row};
use crate::tui::text_input::TextInput;
use crate::upstash::products::{
    QSTASH_PLANS, SEARCH_PLANS, SEARCH_REGIONS, SIMILARITY_FUNCTIONS, VECTOR_CREATE_PLANS,
    VECTOR_PLANS, VECTOR_REGIONS,
};
use crate::upstash::{CreateSearchIndex, CreateVectorIndex, IndexKind, ProductCall, Team};

/// What a one-line form does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Rename an index.
    Rename,
    /// Delete an index: the name must be typed.
    Delete,
    /// Transfer to a team (ID or name).
    Transfer,
    /// Change the plan.
    Plan,
    /// Set the QStash budget.
    Budget,
    /// Create an index (several fields).
    Create,
}

/// An open form: its kind, the record it acts on, its fields and the one in focus.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// What it does.
    pub kind: FormKind,
    /// The product.
    pub product: Product,
    /// The record (none for create).
    pub target: Option<Row>,
    /// Field labels and inputs.
    pub fields: Vec<(&'static str, TextInput)>,
    /// The focused field.
    pub focus: usize,
    /// Why the last send was refused.
    pub error: Option<String>,
}

fn input(value: &str) -> TextInput {
    let mut input = TextInput::new(false).with_limit(256);
    input.paste(value);
    input
}

impl Form {
    /// A one-line form of `kind` on `target`.
    pub fn one_line(kind: FormKind, product: Product, target: Row) -> Self {
        let (label, start) = match kind {
            FormKind::Rename => ("New name", target.name.clone()),
            FormKind::Delete => ("Name", String::new()),
            FormKind::Transfer => ("Team", String::new()),
            FormKind::Plan => ("Plan", target.plan.clone()),
            FormKind::Budget => ("Dollars", String::new()),
            FormKind::Create => ("Name", String::new()),
        };
        Self {
            kind,
            product,
            target: Some(target),
            fields: vec![(label, input(&start))],
            focus: 0,
            error: None,
        }
    }

    /// The create form of `product` (Vector or Search), with the usual choices filled in.
    pub fn create(product: Product) -> Self {
        let fields = match product {
            Product::Search => vec![
                ("Name", input("")),
                ("Region", input(SEARCH_REGIONS[0])),
                ("Plan", input(SEARCH_PLANS[0])),
            ],
            _ => vec![
                ("Name", input("")),
                ("Region", input(VECTOR_REGIONS[0])),
                ("Similarity", input(SIMILARITY_FUNCTIONS[0])),
                ("Dimensions", input("1536")),
                ("Plan", input(VECTOR_CREATE_PLANS[0])),
            ],
        };
        Self {
            kind: FormKind::Create,
            product,
            target: None,
            fields,
            focus: 0,
            error: None,
        }
    }

    /// The value of field `i`, trimmed.
    fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |(_, f)| f.value().trim())
    }

    /// The call the form makes as typed, or why it cannot be made yet.
    pub fn call(&self, teams: &[Team]) -> Result<ProductCall, String> {
        // QStash's forms (team, plan, budget) make no index call, so the kind goes unused.
        let kind = self.product.index_kind().unwrap_or(IndexKind::Vector);
        let id = self
            .target
            .as_ref()
            .map(|t| t.id.clone())
            .unwrap_or_default();
        let name = self.target.as_ref().map(|t| t.name.as_str()).unwrap_or("");
        let typed = self.value(0);
        match self.kind {
            FormKind::Rename if typed.is_empty() => Err("The new name is empty.".into()),
            FormKind::Rename if typed == name => Err("That is its name already.".into()),
            FormKind::Rename => Ok(ProductCall::RenameIndex {
                kind,
                id,
                name: typed.to_string(),
            }),
            FormKind::Delete if typed != name => Err(format!("Type {name} exactly to delete it.")),
            FormKind::Delete => Ok(ProductCall::DeleteIndex { kind, id }),
            FormKind::Transfer => {
                let team = find_team(teams, typed)?;
                Ok(match self.product {
                    Product::QStash => ProductCall::MoveQStashToTeam { id, team_id: team },
                    _ => ProductCall::TransferIndex {
                        kind,
                        id,
                        team_id: team,
                    },
                })
            }
            FormKind::Plan => {
                let plans = match self.product {
                    Product::QStash => QSTASH_PLANS,
                    _ => VECTOR_PLANS,
                };
                one_of("plan", typed, plans)?;
                Ok(match self.product {
                    Product::QStash => ProductCall::SetQStashPlan {
                        id,
                        plan: typed.to_string(),
                    },
                    _ => ProductCall::SetVectorPlan {
                        id,
                        plan: typed.to_string(),
                    },
                })
            }
            FormKind::Budget => match typed.parse::<u64>() {
                Ok(b) if b == 0 || (20..=10_000).contains(&b) => {
                    Ok(ProductCall::SetQStashBudget { id, budget: b })
                }
                _ => Err("A budget is 0 (no limit) or 20 to 10000 dollars.".into()),
            },
            FormKind::Create => self.create_call(),
        }
    }

    fn create_call(&self) -> Result<ProductCall, String> {
        let name = self.value(0);
        if name.is_empty() {
            return Err("The name is empty.".into());
        }
        if self.product == Product::Search {
            one_of("region", self.value(1), SEARCH_REGIONS)?;
            one_of("plan", self.value(2), SEARCH_PLANS)?;
            return Ok(ProductCall::CreateSearchIndex {
                request: CreateSearchIndex {
                    name: name.to_string(),
                    region: self.value(1).to_string(),
                    plan: self.value(2).to_string(),
                },
            });
        }
        one_of("region", self.value(1), VECTOR_REGIONS)?;
        let similarity = self.value(2).to_uppercase();
        one_of("similarity", &similarity, SIMILARITY_FUNCTIONS)?;
        let dimensions: u32 = self
            .value(3)
            .parse()
            .ok()
            .filter(|d| (1..=3072).contains(d))
            .ok_or("Dimensions are a number from 1 to 3072.")?;
        one_of("plan", self.value(4), VECTOR_CREATE_PLANS)?;
        let mut request = CreateVectorIndex::new(name, self.value(1), similarity, dimensions);
        request.plan = Some(self.value(4).to_string());
        Ok(ProductCall::CreateVectorIndex { request })
    }
}

/// Refuses a value that is not one of `choices`, naming them.
fn one_of(what: &str, value: &str, choices: &[&str]) -> Result<(), String> {
    if choices.contains(&value) {
        Ok(())
    } else {
        Err(format!("The {what} is one of: {}.", choices.join(", ")))
    }
}

/// The ID of the team whose ID or only name is `query`.
fn find_team(teams: &[Team], query: &str) -> Result<String, String> {
    if query.is_empty() {
        return Err("Type a team's name or ID.".into());
    }
    if let Some(t) = teams.iter().find(|t| t.team_id == query) {
        return Ok(t.team_id.clone());
    }
    let named: Vec<&Team> = teams.iter().filter(|t| t.team_name == query).collect();
    match named.as_slice() {
        [one] => Ok(one.team_id.clone()),
        [] => {
            let known: Vec<&str> = teams.iter().map(|t| t.team_name.as_str()).collect();
            Err(format!(
                "No team is called that; teams: {}.",
                known.join(", ")
            ))
        }
        _ => Err("Several teams have that name; type the ID.".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Row {
        Row {
            id: "id-1".into(),
            name: "docs".into(),
            region: "eu-west-1".into(),
            plan: "payg".into(),
            extra: String::new(),
        }
    }

    fn typed(mut form: Form, text: &str) -> Form {
        form.fields[form.focus].1.clear();
        form.fields[form.focus].1.paste(text);
        form
    }

    #[test]
    fn one_line_forms_refuse_until_the_value_fits() {
        let rename = Form::one_line(FormKind::Rename, Product::Vector, row());
        assert!(rename.call(&[]).is_err(), "same name");
        let rename = typed(rename, "docs-2");
        assert_eq!(
            rename.call(&[]).map(|c| c.request_line()),
            Ok("POST /v2/vector/index/id-1/rename {\"name\":\"docs-2\"}".to_string())
        );
        let delete = Form::one_line(FormKind::Delete, Product::Search, row());
        assert!(typed(delete.clone(), "doc").call(&[]).is_err());
        assert_eq!(
            typed(delete, "docs").call(&[]).map(|c| c.request_line()),
            Ok("DELETE /v2/search/id-1".to_string())
        );
        let budget = Form::one_line(FormKind::Budget, Product::QStash, row());
        for bad in ["5", "10001", "x", ""] {
            assert!(typed(budget.clone(), bad).call(&[]).is_err(), "{bad}");
        }
        assert!(typed(budget, "0").call(&[]).is_ok());
        let plan = Form::one_line(FormKind::Plan, Product::QStash, row());
        assert!(typed(plan.clone(), "gold").call(&[]).is_err());
        assert!(typed(plan, "paid").call(&[]).is_ok());
    }

    #[test]
    fn transfer_names_a_team_by_id_or_only_name() {
        let teams: Vec<Team> = serde_json::from_value(serde_json::json!([
            {"team_id": "t1", "team_name": "Ops"},
            {"team_id": "t2", "team_name": "Dup"},
            {"team_id": "t3", "team_name": "Dup"}
        ]))
        .unwrap_or_default();
        let form = Form::one_line(FormKind::Transfer, Product::QStash, row());
        let line = |f: Form| f.call(&teams).map(|c| c.request_line());
        assert!(
            line(typed(form.clone(), "Ops")).is_ok_and(|l| l.contains("\"target_team_id\":\"t1\""))
        );
        assert!(line(typed(form.clone(), "t3")).is_ok_and(|l| l.contains("\"t3\"")));
        assert!(line(typed(form.clone(), "Dup")).is_err());
        assert!(line(typed(form, "nobody")).is_err());
    }

    #[test]
    fn the_create_form_checks_every_field() {
        let form = Form::create(Product::Vector);
        assert!(form.call(&[]).is_err(), "no name yet");
        let form = typed(form, "idx");
        let line = form.call(&[]).map(|c| c.request_line()).unwrap_or_default();
        assert!(line.starts_with("POST /v2/vector/index "), "{line}");
        assert!(line.contains("\"dimension_count\":1536"), "{line}");
        let mut bad = form.clone();
        bad.focus = 3;
        assert!(typed(bad, "0").call(&[]).is_err());
        let search = typed(Form::create(Product::Search), "s");
        assert!(
            search
                .call(&[])
                .is_ok_and(|c| c.request_line().starts_with("POST /v2/search "))
        );
    }
}
