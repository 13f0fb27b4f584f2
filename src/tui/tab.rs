//! The tabs of the dashboard, in order. Adding a tab is its folder under `tabs/` (declared
//! there with `pub mod`) and one line in [`tab_list!`]: the [`Tab`] ids here and the
//! container of every tab's state (`tabs::Tabs`) are both made from that list.

/// Hands the tab list to the macro `$then`: for each tab, its id, module under `tabs/`, state
/// type and title.
macro_rules! tab_list {
    ($then:ident) => {
        $then! {
            Connect connect ConnectState "Connect",
            Accounts accounts AccountsState "Accounts",
            Databases databases DatabasesState "Databases",
            Data data DataState "Data",
            Products products ProductsState "Products",
        }
    };
}
pub(crate) use tab_list;

macro_rules! tab_ids {
    ($($tab:ident $module:ident $state:ident $title:literal,)*) => {
        /// A tab of the dashboard.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Tab {
            $(#[doc = $title] $tab,)*
        }

        impl Tab {
            /// Every tab, in order.
            pub const ALL: &'static [Tab] = &[$(Tab::$tab,)*];

            /// The title on the screen.
            pub fn title(self) -> &'static str {
                match self {
                    $(Tab::$tab => $title,)*
                }
            }
        }
    };
}
tab_list!(tab_ids);

impl Tab {
    /// Position in [`Tab::ALL`].
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab `step` tabs away, wrapping around.
    pub fn cycle(self, step: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }
}
