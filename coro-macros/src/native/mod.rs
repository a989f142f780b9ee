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

/// Where the body may call the function it belongs to (`name(..)`,
/// `Self::name(..)`, `self.name(..)`, or `name` as a value where no local
/// has that name; in another macro's tokens, `name (`), if it may: its
/// state would contain itself. Labels, fields, other types' methods and
/// locals of that name are not calls.
fn calls_itself(body: &syn::Block, name: &Ident) -> Option<Span> {
    use syn::visit::Visit;
    struct Find<'n> {
        name: &'n Ident,
        locals: bool,
        found: Option<Span>,
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
            let segments: Vec<_> = path.path.segments.iter().collect();
            let hit = match segments.as_slice() {
                [one] => one.ident == *self.name && !self.locals,
                [first, last] => first.ident == "Self" && last.ident == *self.name,
                _ => false,
            };
            if hit {
                self.found.get_or_insert(
                    path.path
                        .segments
                        .last()
                        .map_or_else(Span::call_site, |s| s.ident.span()),
                );
            }
            syn::visit::visit_expr_path(self, path);
        }
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let syn::Expr::Path(path) = &*call.func
                && let Some(callee) = path.path.get_ident()
                && callee == self.name
            {
                self.found.get_or_insert(callee.span());
            }
            syn::visit::visit_expr_call(self, call);
        }
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            if call.method == *self.name
                && matches!(&*call.receiver, syn::Expr::Path(p) if p.path.is_ident("self"))
            {
                self.found.get_or_insert(call.method.span());
            }
            syn::visit::visit_expr_method_call(self, call);
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if let Some(span) = called_in_tokens(mac.tokens.clone(), self.name) {
                self.found.get_or_insert(span);
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    struct Locals<'n>(&'n Ident, bool);
    impl<'ast> Visit<'ast> for Locals<'_> {
        fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
            self.1 |= pat.ident == *self.0;
            syn::visit::visit_pat_ident(self, pat);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut locals = Locals(name, false);
    locals.visit_block(body);
    let mut find = Find {
        name,
        locals: locals.1,
        found: None,
    };
    find.visit_block(body);
    find.found
}

/// Whether tokens end in `x .` for an `x` that is not `self`: what follows
/// is a method of another value.
fn method_of_another(before: &[proc_macro2::TokenTree]) -> bool {
    match before {
        [.., receiver, proc_macro2::TokenTree::Punct(dot)] if dot.as_char() == '.' => {
            !matches!(receiver, proc_macro2::TokenTree::Ident(i) if i == "self")
        }
        _ => false,
    }
}

/// `name (` among raw tokens.
fn called_in_tokens(tokens: TokenStream, name: &Ident) -> Option<Span> {
    let tokens: Vec<_> = tokens.into_iter().collect();
    for (index, tt) in tokens.iter().enumerate() {
        match tt {
            proc_macro2::TokenTree::Ident(ident)
                if ident == name
                    && !method_of_another(&tokens[..index])
                    && matches!(
                        tokens.get(index + 1),
                        Some(proc_macro2::TokenTree::Group(g))
                            if g.delimiter() == proc_macro2::Delimiter::Parenthesis
                    ) =>
            {
                return Some(ident.span());
            }
            proc_macro2::TokenTree::Group(group) => {
                if let Some(span) = called_in_tokens(group.stream(), name) {
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
        && let Some(span) = calls_itself(&input.body, name)
    {
        return Err(Rejection::new(
            span,
            format!("`{name}` calls itself: its state would contain itself"),
        ));
    }
    let params = input.params.as_ref().map_err(Clone::clone)?;
    let tree = tree::build(input, params)?;
    let plan = analysis::plan(&tree)?;
    emit::emit(input, &tree, &plan)
}
