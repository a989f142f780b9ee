//! The native engine: sync generators whose state machine the macro writes
//! itself, as an enum with one variant per `yield_!` holding exactly the
//! locals live there, and a closure that resumes the body from the variant
//! it finds.
//!
//! ```text
//! body ──tree──▶ Tree (yields found, loops desugared, `?`/`return`/`self` rewritten)
//!      ──analysis──▶ Plan (what each yield carries; or why the body cannot be native)
//!      ──emit──▶ the enum, the closure, and the call of `native_iter` / `native_coroutine`
//! ```
//!
//! A body is native when the analysis can show that no borrow of its own
//! locals is held across a `yield_!` (moving the locals into the enum at a
//! yield would break such a borrow), and when every `yield_!` is where the
//! lowering handles it. Anything else goes to the async engine, which
//! handles every body; `Rejection` says why, for the `native` argument and
//! `+ Clone` (which need this engine).
//!
//! # The rule, for the documentation
//!
//! A local that the body does not use after a `yield_!` is dropped when the
//! generator suspends there (plain Rust would drop it at the end of its
//! scope), except `_name` guards, which live to the end of their scope.

mod analysis;
mod captures;
mod emit;
mod tree;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::{Ident, Pat};

use crate::model::Spec;

pub(crate) use captures::captures;

/// A parameter of a `#[generator]` fn, or a capture of a block macro.
pub(crate) struct Param {
    /// The name the signature gives it (moved into the first state).
    pub(crate) name: Ident,
    /// The pattern the body binds it to (`mut x`, `(a, b)`), or `None` for
    /// `self`.
    pub(crate) pat: Option<Pat>,
    /// The parameter's type is a shared reference (`&T`, `&self`): borrowing
    /// through it does not borrow the generator's own state.
    pub(crate) shared_ref: bool,
    /// The parameter's type is a reference (`&T`, `&mut T`, `&self`...):
    /// nothing can be moved out of it.
    pub(crate) reference: bool,
}

/// Why a body cannot be native.
#[derive(Debug, Clone)]
pub(crate) struct Rejection {
    pub(crate) span: Span,
    pub(crate) reason: String,
    /// A borrow of the generator's own state across a `yield_!` (which the
    /// user can remove by owning the data or indexing), rather than a
    /// construct the native engine does not lower.
    pub(crate) borrow: bool,
}

impl Rejection {
    fn new(span: Span, reason: impl Into<String>) -> Self {
        Rejection {
            span,
            reason: reason.into(),
            borrow: false,
        }
    }

    fn borrow(span: Span, reason: impl Into<String>) -> Self {
        Rejection {
            borrow: true,
            ..Rejection::new(span, reason)
        }
    }
}

/// Where `tokens` name `name`, if they do.
fn find_ident(tokens: TokenStream, name: &Ident) -> Option<Span> {
    for tt in tokens {
        match tt {
            proc_macro2::TokenTree::Ident(ident) if ident == *name => return Some(ident.span()),
            proc_macro2::TokenTree::Group(group) => {
                if let Some(span) = find_ident(group.stream(), name) {
                    return Some(span);
                }
            }
            _ => {}
        }
    }
    None
}

/// The native expansion of a generator: an expression of a `NativeIter` or
/// `NativeCoroutine`, or why the body cannot be native.
pub(crate) fn expand(input: &Spec) -> Result<TokenStream, Rejection> {
    if let Some(name) = &input.name
        && let Some(span) = find_ident(input.body.to_token_stream(), name)
    {
        return Err(Rejection::new(
            span,
            format!("`{name}` calls itself: its state would contain itself"),
        ));
    }
    let params = input.params.as_ref().map_err(Clone::clone)?;
    let tree = tree::build(input, params)?;
    let plan = analysis::plan(&tree)?;
    Ok(emit::emit(input, &tree, &plan))
}
