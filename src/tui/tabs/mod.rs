//! Every tab's state, one field per tab of the tab list (`tab.rs`), and the way to reach a
//! tab's state by its [`Tab`] id. Each tab is one folder: its state, update and view.

pub mod accounts;
pub mod connect;
pub mod data;
pub mod databases;
pub mod products;

use crate::tui::init::AppInit;
use crate::tui::tab::{Tab, tab_list};
use crate::tui::tab_state::TabState;

macro_rules! tabs {
    ($($tab:ident $module:ident $state:ident $title:literal,)*) => {
        /// The state of every tab.
        #[derive(Debug)]
        pub struct Tabs {
            $(#[doc = $title] pub $module: $module::$state,)*
        }

        impl Tabs {
            /// Every tab as it starts.
            pub fn new(init: &AppInit) -> Self {
                Self { $($module: $module::$state::new(init),)* }
            }

            /// The state of `tab`.
            pub fn get(&self, tab: Tab) -> &dyn TabState {
                match tab {
                    $(Tab::$tab => &self.$module,)*
                }
            }

            /// The state of `tab`, to update.
            pub fn get_mut(&mut self, tab: Tab) -> &mut dyn TabState {
                match tab {
                    $(Tab::$tab => &mut self.$module,)*
                }
            }
        }
    };
}
tab_list!(tabs);
