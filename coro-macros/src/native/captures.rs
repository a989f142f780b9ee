//! What an `iter!`/`coroutine!` body uses from around it.
//!
//! The async engine moves those captures into an `async move` closure. The
//! native engine's resume closure is called once per item, so it cannot move
//! out of its captures: it moves them into its first state instead, as a
//! `#[generator] fn` moves its parameters, and the body binds them there.
//! That needs their names, which only name resolution knows; this finds them
//! conservatively:
//!
//! * a capture is a one-segment path in an expression (`v`, `self`) that the
//!   body never binds, and that is not a type, a variant or a constant by
//!   the naming convention (`None`, `MAX`), nor a function of the prelude;
//! * a name the body binds somewhere (`let v`, `|v|`, a pattern) and also
//!   uses where it may be a capture is ambiguous: the body is not native;
//! * so is a macro whose input does not read as expressions (its names
//!   cannot be told apart).
//!
//! Getting it wrong is never unsound: a name taken for a capture that is a
//! lowercase `const` or function is moved (copied) into the state and works;
//! a lowercase `static` of a type that is not `Copy` is a compile error.

use std::collections::HashSet;

use proc_macro2::TokenTree;
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{Expr, Ident, Item, Macro, Pat, Stmt, Token};

use super::Rejection;

/// Functions of the prelude a body may call by their bare names.
const PRELUDE: &[&str] = &["drop", "size_of", "size_of_val", "align_of", "align_of_val"];

/// The captures of `stmts`, in the order of their first use, with `param`
/// (a closure's parameter) bound around them; or why they cannot be told.
pub(crate) fn captures(param: Option<&Pat>, stmts: &[Stmt]) -> Result<Vec<Ident>, Rejection> {
    let mut finder = Finder::default();
    finder.scopes.push(Vec::new());
    if let Some(param) = param {
        finder.bind(param);
    }
    for stmt in stmts {
        finder.visit_stmt(stmt);
    }
    if let Some(error) = finder.error {
        return Err(error);
    }
    let mut seen = HashSet::new();
    let mut captures = Vec::new();
    for ident in finder.used {
        let name = ident.to_string();
        if finder.bound.contains(&name) {
            return Err(Rejection::new(
                ident.span(),
                format!("`{name}` is both a local of the body and a name from around it"),
            ));
        }
        if seen.insert(name) {
            captures.push(ident);
        }
    }
    Ok(captures)
}

#[derive(Default)]
struct Finder {
    /// Every name a pattern of the body binds.
    bound: HashSet<String>,
    /// The names bound around the node being visited, innermost last.
    scopes: Vec<Vec<String>>,
    /// Every use of a name not bound around it.
    used: Vec<Ident>,
    error: Option<Rejection>,
}

/// Whether `name` may name a local (not a type, a variant or a constant).
fn may_be_local(name: &str) -> bool {
    name == "self"
        || (name.starts_with(|c: char| c.is_lowercase() || c == '_')
            && !PRELUDE.contains(&name)
            && name != "_")
}

impl Finder {
    fn in_scope(&self, name: &str) -> bool {
        self.scopes.iter().flatten().any(|bound| bound == name)
    }

    /// Binds the names of `pat` in the innermost scope.
    fn bind(&mut self, pat: &Pat) {
        struct Names<'f>(&'f mut Finder);
        impl<'ast> Visit<'ast> for Names<'_> {
            fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
                let name = pat.ident.to_string();
                self.0.bound.insert(name.clone());
                if let Some(scope) = self.0.scopes.last_mut() {
                    scope.push(name);
                }
                syn::visit::visit_pat_ident(self, pat);
            }
            // A path in a pattern is a constant or a variant.
            fn visit_expr_path(&mut self, _: &'ast syn::ExprPath) {}
            // So is what a range pattern or a literal holds.
            fn visit_expr(&mut self, _: &'ast Expr) {}
        }
        Names(self).visit_pat(pat);
    }

    fn scoped(&mut self, visit: impl FnOnce(&mut Self)) {
        self.scopes.push(Vec::new());
        visit(self);
        self.scopes.pop();
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        if path.qself.is_none()
            && path.path.leading_colon.is_none()
            && let [segment] = path.path.segments.iter().collect::<Vec<_>>()[..]
            && segment.arguments.is_none()
        {
            let name = segment.ident.to_string();
            if may_be_local(&name) && !self.in_scope(&name) {
                self.used.push(segment.ident.clone());
            }
        }
        syn::visit::visit_expr_path(self, path);
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.scoped(|this| syn::visit::visit_block(this, block));
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        for attr in &local.attrs {
            self.visit_attribute(attr);
        }
        if let Some(init) = &local.init {
            self.visit_local_init(init);
        }
        // In scope from the next statement on (the current block's scope).
        self.bind(&local.pat);
    }

    fn visit_expr_let(&mut self, expr: &'ast syn::ExprLet) {
        // `if let` / `while let` / a chain: bound in the scope the condition
        // opened, which its body shares.
        self.visit_expr(&expr.expr);
        self.bind(&expr.pat);
    }

    fn visit_expr_if(&mut self, expr: &'ast syn::ExprIf) {
        self.scoped(|this| {
            this.visit_expr(&expr.cond);
            this.visit_block(&expr.then_branch);
        });
        if let Some((_, other)) = &expr.else_branch {
            self.visit_expr(other);
        }
    }

    fn visit_expr_while(&mut self, expr: &'ast syn::ExprWhile) {
        self.scoped(|this| {
            this.visit_expr(&expr.cond);
            this.visit_block(&expr.body);
        });
    }

    fn visit_expr_for_loop(&mut self, expr: &'ast syn::ExprForLoop) {
        self.visit_expr(&expr.expr);
        self.scoped(|this| {
            this.bind(&expr.pat);
            this.visit_block(&expr.body);
        });
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        self.scoped(|this| {
            // In `syn` 3 a guard is part of the arm's pattern.
            match &arm.pat {
                Pat::Guard(guarded) => {
                    this.bind(&guarded.pat);
                    this.visit_expr(&guarded.guard);
                }
                pat => this.bind(pat),
            }
            this.visit_expr(&arm.body);
        });
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        self.scoped(|this| {
            for input in &closure.inputs {
                this.bind(input);
            }
            this.visit_expr(&closure.body);
        });
    }

    fn visit_pat(&mut self, pat: &'ast Pat) {
        // Only reached for patterns not handled above: bind them where they
        // are (conservative: a use the scopes miss is still a capture, and
        // a capture that is also bound is refused).
        self.bind(pat);
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        // `name!(a, b)`, `vec![x; n]`, `assert!(c, "{x}")`: expressions,
        // and the names format strings capture.
        let exprs = mac
            .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            .or_else(|_| {
                mac.parse_body_with(|input: syn::parse::ParseStream<'_>| {
                    let value: Expr = input.parse()?;
                    let _: Token![;] = input.parse()?;
                    let count: Expr = input.parse()?;
                    Ok([value, count].into_iter().collect())
                })
            });
        match exprs {
            Ok(exprs) => {
                for expr in &exprs {
                    self.visit_expr(expr);
                    if let Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) = expr
                    {
                        self.format_captures(text);
                    }
                }
            }
            Err(_) if mentions_any_name(mac.tokens.clone()) => {
                self.error.get_or_insert(Rejection::new(
                    mac.path
                        .segments
                        .last()
                        .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
                    "a macro whose input is not expressions: what it uses from around the block \
                     cannot be told",
                ));
            }
            Err(_) => {}
        }
    }

    fn visit_item(&mut self, _: &'ast Item) {}
}

impl Finder {
    /// `"{x} {y:?}"`: the names the string captures.
    fn format_captures(&mut self, text: &syn::LitStr) {
        let mut names = HashSet::new();
        super::analysis::mentions(&quote::quote!(#text), &mut names);
        let mut names: Vec<String> = names.into_iter().collect();
        names.sort();
        for name in names {
            if may_be_local(&name)
                && !self.in_scope(&name)
                && syn::parse_str::<Ident>(&name).is_ok()
            {
                self.used.push(Ident::new(&name, text.span()));
            }
        }
    }
}

/// Whether `tokens` hold an identifier that may name a local.
fn mentions_any_name(tokens: proc_macro2::TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(ident) => may_be_local(&ident.to_string()),
        TokenTree::Group(group) => mentions_any_name(group.stream()),
        _ => false,
    })
}
