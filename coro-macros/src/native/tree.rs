//! The body as the native emitter sees it: statements without a `yield_!`
//! stay as they are; the constructs with one become nodes (blocks, `if`,
//! `loop`, `match`), `for`, `while` and `while let` desugared into them, and
//! each `yield_!` its own node, hoisted out of the expression it was in.
//!
//! Every statement is rewritten once, here: `return` becomes the closure's
//! `Resumed::Returned`, `?` a `match` that returns the error as the last
//! item, and `self` a local of ours (a closure cannot bind `self`).

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item, Macro, Pat, Stmt};

use super::{Param, Rejection};
use crate::hygiene;
use crate::model::{First, Spec};
use crate::parse::Kind;
use crate::visit::Returns;

/// A local of the body: a `let`, a pattern binding, a parameter, or one of
/// ours (a `for` loop's iterator, a value hoisted out of an expression).
pub(super) struct Binding {
    pub(super) ident: Ident,
    pub(super) mutable: bool,
    /// Bound by reference (`ref x`): it borrows what it was bound from.
    pub(super) by_ref: bool,
    /// What its value comes from, for the borrow analysis.
    pub(super) source: Source,
    /// A parameter of reference type: nothing moves out of it.
    pub(super) reference: bool,
}

impl Binding {
    /// A `_name` guard, kept alive to the end of its scope.
    pub(super) fn is_guard(&self) -> bool {
        let name = self.ident.to_string();
        name.starts_with('_') && name.len() > 1 && !name.starts_with("__coro_")
    }
}

/// Where a binding's value comes from.
pub(super) enum Source {
    /// A parameter: whether it is a shared reference, and whether it is a
    /// reference at all.
    Param(bool, bool),
    /// `let pat = init` (or hoisted `let __coro_tN = init`).
    Init(Expr),
    /// A binding of a pattern matched against this scrutinee (`match`,
    /// `if let`, `while let`).
    Scrutinee(Expr),
    /// A binding of a `for` pattern, or the loop's iterator, from this
    /// iterable.
    Iterable(Expr),
    /// The value of a `yield_!` (a resume argument): owned.
    Resumed,
    /// Bound by a `let` with no initializer: not carried.
    Uninit,
}

pub(super) type BindingId = usize;

/// A node of the body.
pub(super) enum Node {
    /// A statement without `yield_!`, and the bindings it declares.
    Plain {
        stmt: TokenStream,
        declares: Vec<BindingId>,
    },
    /// `yield_!(value)`, and the hoisted local its resume argument goes to.
    Yield {
        id: usize,
        value: Expr,
        bind: Option<BindingId>,
    },
    Block(Block),
    If {
        cond: Expr,
        then: Block,
        else_: Option<Box<Node>>,
    },
    Loop {
        label: Option<syn::Label>,
        body: Block,
    },
    Match {
        scrutinee: Expr,
        arms: Vec<Arm>,
    },
}

pub(super) struct Block {
    pub(super) nodes: Vec<Node>,
    /// The value of the body's root block (no `yield_!` in it).
    pub(super) tail: Option<Expr>,
}

pub(super) struct Arm {
    pub(super) pat: Pat,
    pub(super) guard: Option<Expr>,
    pub(super) body: Block,
    pub(super) declares: Vec<BindingId>,
}

/// The body as a tree, with its bindings.
pub(super) struct Tree {
    pub(super) root: Block,
    pub(super) bindings: Vec<Binding>,
    /// The number of `yield_!` nodes.
    pub(super) yields: usize,
    /// Where each `yield_!` is in the user's source (its `yield_` path; a
    /// `yield_from!`'s own, for the yield of its loop), by id.
    pub(super) sites: Vec<Span>,
    /// For the yield of a `yield_from!`'s loop, by id: the expression that
    /// says where its delegate waits (for `Debug`), evaluated as it yields.
    pub(super) inners: Vec<Option<TokenStream>>,
    /// The parameters' bindings and how the first state holds them: the
    /// first state's field, and the binding of the user's pattern.
    pub(super) params: Vec<(Ident, TokenStream)>,
    /// Every statement and expression of the body, for the analysis of what
    /// may store a borrow where.
    pub(super) all: Vec<TokenStream>,
}

/// `self` in the body becomes this local.
pub(super) fn self_ident() -> Ident {
    hygiene::private_ident("self", Span::call_site())
}

struct Builder<'a> {
    input: &'a Spec,
    bindings: Vec<Binding>,
    yields: usize,
    sites: Vec<Span>,
    inners: Vec<Option<TokenStream>>,
    /// The locator of the `yield_from!` whose loop is being built, for its
    /// yield.
    pending_inner: Option<TokenStream>,
    temps: usize,
    all: Vec<TokenStream>,
}

/// Builds the tree of `input`'s body, or says why it cannot be native.
pub(super) fn build(input: &Spec, given: &[Param]) -> Result<Tree, Rejection> {
    let mut builder = Builder {
        input,
        bindings: Vec::new(),
        yields: 0,
        sites: Vec::new(),
        inners: Vec::new(),
        pending_inner: None,
        temps: 0,
        all: Vec::new(),
    };
    // The parameters, bound at the start from the first state's fields.
    let mut root = Vec::new();
    let mut params = Vec::new();
    for (index, param) in given.iter().enumerate() {
        let field = format_ident!("__coro_p{}", index, span = Span::mixed_site());
        params.push((field.clone(), param.name.to_token_stream()));
        match &param.pat {
            None => {
                let id = builder.bind(
                    self_ident(),
                    true,
                    false,
                    Source::Param(param.shared_ref, param.reference),
                );
                let ident = self_ident();
                root.push(Node::Plain {
                    stmt: quote!(let #ident = #field;),
                    declares: vec![id],
                });
            }
            Some(pat) => {
                let mut declares = Vec::new();
                builder.bind_pattern(
                    pat,
                    &Source::Param(param.shared_ref, param.reference),
                    &mut declares,
                )?;
                let let_token = quote_spanned!(Span::mixed_site()=> let);
                root.push(Node::Plain {
                    stmt: quote!(#[allow(unused_mut)] #let_token #pat = #field;),
                    declares,
                });
            }
        }
    }
    if let First::Bind(pat) = &input.first {
        let mut declares = Vec::new();
        builder.bind_pattern(pat, &Source::Resumed, &mut declares)?;
        let arg = arg_ident();
        root.push(Node::Plain {
            stmt: quote!(let #pat = #arg;),
            declares,
        });
    }
    let mut block = builder.block(&input.body.stmts, true)?;
    root.append(&mut block.nodes);
    Ok(Tree {
        root: Block {
            nodes: root,
            tail: block.tail,
        },
        bindings: builder.bindings,
        yields: builder.yields,
        sites: builder.sites,
        inners: builder.inners,
        params,
        all: builder.all,
    })
}

/// The resume argument of the closure.
pub(super) fn arg_ident() -> Ident {
    hygiene::private_ident("arg", Span::call_site())
}

/// What a statement holds of ours.
#[derive(Default)]
struct Found {
    /// A `yield_!` in the body's own syntax.
    yields: bool,
    /// Where one of our macros is where the native engine cannot lower it:
    /// a `yield_from!`, or one inside another macro, a closure or an
    /// `async` block, or an `.await`.
    unsupported: Option<(Span, &'static str)>,
}

impl Builder<'_> {
    /// Whether the body's value is `()`.
    fn returns_unit(&self) -> bool {
        match &self.input.returns {
            Returns::Unit | Returns::Fallible => true,
            Returns::Typed(ty) => ty.to_string().replace(' ', "") == "()",
            Returns::Unchecked => false,
        }
    }

    fn bind(&mut self, ident: Ident, mutable: bool, by_ref: bool, source: Source) -> BindingId {
        let reference = matches!(source, Source::Param(_, true));
        self.bindings.push(Binding {
            ident,
            mutable,
            by_ref,
            source,
            reference,
        });
        self.bindings.len() - 1
    }

    /// Registers the bindings of `pat`, each from `source`.
    fn bind_pattern(
        &mut self,
        pat: &Pat,
        source: &Source,
        declares: &mut Vec<BindingId>,
    ) -> Result<(), Rejection> {
        struct Idents<'p>(Vec<&'p syn::PatIdent>, Option<Span>);
        impl<'p> Visit<'p> for Idents<'p> {
            fn visit_pat_ident(&mut self, pat: &'p syn::PatIdent) {
                self.0.push(pat);
                visit_pat_ident_sub(self, pat);
            }
            fn visit_expr_macro(&mut self, pat: &'p syn::ExprMacro) {
                self.1 = Some(pat.span());
            }
            // Paths in patterns are constants or variants, not bindings;
            // an identifier pattern may be one too (`None`), which makes a
            // binding here that is never used: harmless.
        }
        fn visit_pat_ident_sub<'p>(this: &mut Idents<'p>, pat: &'p syn::PatIdent) {
            if let Some((_, sub)) = &pat.subpat {
                this.visit_pat(sub);
            }
        }
        let mut idents = Idents(Vec::new(), None);
        idents.visit_pat(pat);
        if let Some(span) = idents.1 {
            return Err(Rejection::new(span, "a macro in a pattern"));
        }
        for ident in idents.0 {
            // `None`, `Ordering::Less`: a variant or constant, not a binding.
            if ident.subpat.is_none()
                && ident.by_ref.is_none()
                && ident.mutability.is_none()
                && ident
                    .ident
                    .to_string()
                    .starts_with(|c: char| c.is_uppercase())
            {
                continue;
            }
            let source = match source {
                Source::Param(shared, reference) => Source::Param(*shared, *reference),
                Source::Init(e) => Source::Init(e.clone()),
                Source::Scrutinee(e) => Source::Scrutinee(e.clone()),
                Source::Iterable(e) => Source::Iterable(e.clone()),
                Source::Resumed => Source::Resumed,
                Source::Uninit => Source::Uninit,
            };
            declares.push(self.bind(
                ident.ident.clone(),
                ident.mutability.is_some(),
                ident.by_ref.is_some(),
                source,
            ));
        }
        Ok(())
    }

    /// The nodes of a statement list. `root`: the body's own block, whose
    /// tail is its value.
    fn block(&mut self, stmts: &[Stmt], root: bool) -> Result<Block, Rejection> {
        let mut nodes = Vec::new();
        let mut tail = None;
        for (index, stmt) in stmts.iter().enumerate() {
            let last = index + 1 == stmts.len();
            match stmt {
                // A loop, `if` or `match` ending the body of a generator whose
                // body gives `()` is a statement like any other; so is a
                // `loop` that only a `return` leaves.
                Stmt::Expr(expr, None)
                    if last
                        && root
                        && !(is_control(expr) && self.returns_unit())
                        && !is_endless(expr) =>
                {
                    let found = find(stmt);
                    reject_unsupported(&found)?;
                    if found.yields {
                        let (mut pre, value) = self.hoist(expr.clone())?;
                        nodes.append(&mut pre);
                        tail = Some(self.rewrite_expr(value)?);
                    } else {
                        tail = Some(self.rewrite_expr(expr.clone())?);
                    }
                }
                _ => self.stmt(stmt, &mut nodes)?,
            }
        }
        Ok(Block { nodes, tail })
    }

    fn stmt(&mut self, stmt: &Stmt, nodes: &mut Vec<Node>) -> Result<(), Rejection> {
        let found = find(stmt);
        reject_unsupported(&found)?;
        if !found.yields {
            return self.plain(stmt, nodes);
        }
        match stmt {
            Stmt::Local(local) => {
                let init = local
                    .init
                    .as_ref()
                    .ok_or_else(|| Rejection::new(local.span(), "a `let` without a value"))?;
                if let Some((_, diverge)) = &init.diverge
                    && find_expr(diverge).yields
                {
                    return Err(Rejection::new(
                        diverge.span(),
                        "a `yield_!` in a `let else`",
                    ));
                }
                let (mut pre, value) = self.hoist((*init.expr).clone())?;
                nodes.append(&mut pre);
                let mut local = local.clone();
                if let Some(init) = &mut local.init {
                    *init.expr = value;
                }
                self.plain(&Stmt::Local(local), nodes)
            }
            Stmt::Macro(mac) => self.expr_stmt(&mac_expr(&mac.mac, &mac.attrs), nodes),
            Stmt::Expr(expr, _) => self.expr_stmt(expr, nodes),
            Stmt::Item(_) => unreachable!("items are not searched"),
        }
    }

    /// `while cond { body }` / `while let pat = e { body }`: a `loop`.
    fn while_node(
        &mut self,
        expr_while: &syn::ExprWhile,
        nodes: &mut Vec<Node>,
    ) -> Result<(), Rejection> {
        if find_expr(&expr_while.cond).yields {
            return Err(Rejection::new(
                expr_while.cond.span(),
                "a `yield_!` in a condition",
            ));
        }
        let (body, label) = (&expr_while.body, expr_while.label.clone());
        let body = match &*expr_while.cond {
            Expr::Let(expr_let) => {
                // `while let pat = e { body }`: a `match` in a
                // `loop`, which keeps `e`'s temporaries for the body
                // as `while let` does.
                let arm = self.arm(&expr_let.pat, None, &body.stmts, &expr_let.expr)?;
                let brk = quote_spanned!(Span::mixed_site()=> break);
                let stop = Self::plain_tokens(quote!(_ => #brk,));
                Block {
                    nodes: vec![Node::Match {
                        scrutinee: self.rewrite_expr((*expr_let.expr).clone())?,
                        arms: vec![arm, stop],
                    }],
                    tail: None,
                }
            }
            cond => {
                let cond = self.rewrite_expr(cond.clone())?;
                let brk = quote_spanned!(Span::mixed_site()=> break);
                let stop = quote!(if !(#cond) { #brk; });
                self.all.push(stop.clone());
                let mut nodes = vec![Node::Plain {
                    stmt: stop,
                    declares: Vec::new(),
                }];
                let mut inner = self.block(&body.stmts, false)?;
                nodes.append(&mut inner.nodes);
                Block { nodes, tail: None }
            }
        };
        nodes.push(Node::Loop { label, body });
        Ok(())
    }

    /// `for pat in iterable { body }`: the iterator, and a `loop` that
    /// takes its items.
    fn for_node(
        &mut self,
        expr_for: &syn::ExprForLoop,
        nodes: &mut Vec<Node>,
    ) -> Result<(), Rejection> {
        if find_expr(&expr_for.expr).yields {
            return Err(Rejection::new(
                expr_for.expr.span(),
                "a `yield_!` in a `for` loop's iterable",
            ));
        }
        let iterable = self.rewrite_expr((*expr_for.expr).clone())?;
        self.temps += 1;
        // Located at the iterable, where a borrow it holds is reported.
        let iter = hygiene::private_ident(&format!("iter{}", self.temps), expr_for.expr.span());
        let iter_id = self.bind(
            iter.clone(),
            true,
            false,
            Source::Iterable(iterable.clone()),
        );
        let into_iter = quote_spanned! {Span::mixed_site()=>
            let mut #iter = ::core::iter::IntoIterator::into_iter(#iterable);
        };
        self.all.push(into_iter.clone());
        let mut declares = Vec::new();
        self.bind_pattern(&expr_for.pat, &Source::Iterable(iterable), &mut declares)?;
        let pat = &expr_for.pat;
        let value = hygiene::private_ident("next", Span::call_site());
        let next = quote_spanned! {Span::mixed_site()=>
            let #pat = match ::core::iter::Iterator::next(&mut #iter) {
                ::core::option::Option::Some(#value) => #value,
                ::core::option::Option::None => break,
            };
        };
        self.all.push(next.clone());
        let mut body_nodes = vec![Node::Plain {
            stmt: next,
            declares,
        }];
        let mut inner = self.block(&expr_for.body.stmts, false)?;
        body_nodes.append(&mut inner.nodes);
        nodes.push(Node::Block(Block {
            nodes: vec![
                Node::Plain {
                    stmt: into_iter,
                    declares: vec![iter_id],
                },
                Node::Loop {
                    label: expr_for.label.clone(),
                    body: Block {
                        nodes: body_nodes,
                        tail: None,
                    },
                },
            ],
            tail: None,
        }));
        Ok(())
    }

    fn match_node(
        &mut self,
        expr_match: &syn::ExprMatch,
        nodes: &mut Vec<Node>,
    ) -> Result<(), Rejection> {
        if find_expr(&expr_match.expr).yields {
            return Err(Rejection::new(
                expr_match.expr.span(),
                "a `yield_!` in a `match`'s scrutinee",
            ));
        }
        let mut arms = Vec::new();
        for arm in &expr_match.arms {
            // In `syn` 3 a guard is part of the arm's pattern.
            let (pat, guard) = match &arm.pat {
                Pat::Guard(guarded) => (&*guarded.pat, Some(&*guarded.guard)),
                pat => (pat, None),
            };
            if let Some(guard) = guard
                && find_expr(guard).yields
            {
                return Err(Rejection::new(guard.span(), "a `yield_!` in a match guard"));
            }
            let stmts = arm_stmts(&arm.body);
            let guard = match guard {
                Some(guard) => Some(self.rewrite_expr(guard.clone())?),
                None => None,
            };
            arms.push(self.arm(pat, guard, &stmts, &expr_match.expr)?);
        }
        nodes.push(Node::Match {
            scrutinee: self.rewrite_expr((*expr_match.expr).clone())?,
            arms,
        });
        Ok(())
    }

    /// A statement with no `yield_!`: kept, rewritten, and its bindings
    /// registered.
    fn plain(&mut self, stmt: &Stmt, nodes: &mut Vec<Node>) -> Result<(), Rejection> {
        // A macro call as a statement may declare locals (`bind!(x = 5);`)
        // that the analysis cannot see, unless it is one of the standard
        // ones that do not.
        if let Stmt::Macro(mac) = stmt
            && !mac
                .mac
                .path
                .segments
                .last()
                .is_some_and(|s| super::analysis::declares_nothing(&s.ident.to_string()))
        {
            return Err(Rejection::new(
                mac.mac.path.span(),
                "a macro call as a statement, which may declare locals the native engine cannot \
                 see",
            ));
        }
        let mut stmt = stmt.clone();
        self.rewrite(&mut stmt)?;
        let mut declares = Vec::new();
        if let Stmt::Local(local) = &stmt {
            let source = match &local.init {
                None => Source::Uninit,
                Some(init) => Source::Init((*init.expr).clone()),
            };
            let pat = match &local.pat {
                Pat::Type(typed) => &*typed.pat,
                pat => pat,
            };
            self.bind_pattern(pat, &source, &mut declares)?;
        }
        let tokens = stmt.to_token_stream();
        self.all.push(tokens.clone());
        nodes.push(Node::Plain {
            stmt: tokens,
            declares,
        });
        Ok(())
    }

    /// An expression statement with a `yield_!` somewhere in it.
    fn expr_stmt(&mut self, expr: &Expr, nodes: &mut Vec<Node>) -> Result<(), Rejection> {
        match expr {
            Expr::If(expr_if) => {
                let node = self.if_node(expr_if)?;
                nodes.push(node);
            }
            Expr::Block(block) if block.label.is_none() => {
                if block.block.stmts.is_empty() {
                    return Ok(());
                }
                let inner = self.block(&block.block.stmts, false)?;
                nodes.push(Node::Block(inner));
            }
            Expr::Loop(expr_loop) => {
                let body = self.block(&expr_loop.body.stmts, false)?;
                nodes.push(Node::Loop {
                    label: expr_loop.label.clone(),
                    body,
                });
            }
            Expr::While(expr_while) => self.while_node(expr_while, nodes)?,
            Expr::ForLoop(expr_for) => self.for_node(expr_for, nodes)?,
            Expr::Match(expr_match) => self.match_node(expr_match, nodes)?,
            Expr::Macro(mac) if is_yield(&mac.mac) => {
                let value = yield_value(&mac.mac)?;
                let (mut pre, value) = self.hoist(value)?;
                nodes.append(&mut pre);
                self.push_yield(value, None, site(&mac.mac), nodes)?;
            }
            Expr::Paren(paren) => self.expr_stmt(&paren.expr, nodes)?,
            other => {
                let (mut pre, value) = self.hoist(other.clone())?;
                nodes.append(&mut pre);
                let value = self.rewrite_expr(value)?;
                let tokens = quote!(#value;);
                self.all.push(tokens.clone());
                nodes.push(Node::Plain {
                    stmt: tokens,
                    declares: Vec::new(),
                });
            }
        }
        Ok(())
    }

    fn if_node(&mut self, expr_if: &syn::ExprIf) -> Result<Node, Rejection> {
        if find_expr(&expr_if.cond).yields {
            return Err(Rejection::new(
                expr_if.cond.span(),
                "a `yield_!` in a condition",
            ));
        }
        if let Expr::Let(expr_let) = &*expr_if.cond {
            // `if let pat = e { a } else { b }`: a `match`.
            let arm = self.arm(
                &expr_let.pat,
                None,
                &expr_if.then_branch.stmts,
                &expr_let.expr,
            )?;
            let other = match &expr_if.else_branch {
                None => Self::plain_tokens(quote!(_ => {})),
                Some((_, other)) => {
                    let block = match &**other {
                        Expr::Block(block) => self.block(&block.block.stmts, false)?,
                        other_if => {
                            let mut nodes = Vec::new();
                            self.expr_stmt(other_if, &mut nodes)?;
                            Block { nodes, tail: None }
                        }
                    };
                    Arm {
                        pat: syn::parse_quote!(_),
                        guard: None,
                        body: block,
                        declares: Vec::new(),
                    }
                }
            };
            return Ok(Node::Match {
                scrutinee: self.rewrite_expr((*expr_let.expr).clone())?,
                arms: vec![arm, other],
            });
        }
        if contains_let(&expr_if.cond) {
            return Err(Rejection::new(expr_if.cond.span(), "a `let` chain"));
        }
        let cond = self.rewrite_expr((*expr_if.cond).clone())?;
        let then = self.block(&expr_if.then_branch.stmts, false)?;
        let else_ = match &expr_if.else_branch {
            None => None,
            Some((_, other)) => Some(Box::new(match &**other {
                Expr::Block(block) => Node::Block(self.block(&block.block.stmts, false)?),
                Expr::If(other_if) => self.if_node(other_if)?,
                other => return Err(Rejection::new(other.span(), "an unusual `else`")),
            })),
        };
        Ok(Node::If { cond, then, else_ })
    }

    /// A match arm whose body may yield.
    fn arm(
        &mut self,
        pat: &Pat,
        guard: Option<Expr>,
        stmts: &[Stmt],
        scrutinee: &Expr,
    ) -> Result<Arm, Rejection> {
        let mut declares = Vec::new();
        let scrutinee = self.rewrite_expr(scrutinee.clone())?;
        self.bind_pattern(pat, &Source::Scrutinee(scrutinee), &mut declares)?;
        let body = self.block(stmts, false)?;
        Ok(Arm {
            pat: pat.clone(),
            guard,
            body,
            declares,
        })
    }

    /// A match arm of ours with no `yield_!` (`_ => break`).
    fn plain_tokens(arm: TokenStream) -> Arm {
        let arm: syn::Arm = syn::parse2(arm).expect("our arm parses");
        let body = match &*arm.body {
            Expr::Block(block) => block.block.stmts.clone(),
            other => vec![Stmt::Expr(other.clone(), Some(syn::token::Semi::default()))],
        };
        let nodes = body
            .iter()
            .map(|stmt| {
                let tokens = stmt.to_token_stream();
                Node::Plain {
                    stmt: tokens,
                    declares: Vec::new(),
                }
            })
            .collect();
        Arm {
            pat: arm.pat,
            guard: None,
            body: Block { nodes, tail: None },
            declares: Vec::new(),
        }
    }

    fn push_yield(
        &mut self,
        value: Expr,
        bind: Option<BindingId>,
        site: Span,
        nodes: &mut Vec<Node>,
    ) -> Result<(), Rejection> {
        let value = self.rewrite_expr(value)?;
        self.all.push(quote!(let _ = #value;));
        nodes.push(Node::Yield {
            id: self.yields,
            value,
            bind,
        });
        self.yields += 1;
        self.sites.push(site);
        self.inners.push(self.pending_inner.take());
        Ok(())
    }

    /// Moves every `yield_!` of `expr` out of it, in the order of
    /// evaluation: what is evaluated before a yield goes to a local of ours
    /// first (places and literals stay, as evaluating them has no effect),
    /// and the yield's resume argument to another. Returns the nodes to run
    /// first and what remains of `expr`.
    fn hoist(&mut self, expr: Expr) -> Result<(Vec<Node>, Expr), Rejection> {
        let mut pre = Vec::new();
        let expr = self.hoist_into(expr, &mut pre)?;
        Ok((pre, expr))
    }

    fn hoist_into(&mut self, expr: Expr, pre: &mut Vec<Node>) -> Result<Expr, Rejection> {
        if !find_expr(&expr).yields {
            return Ok(expr);
        }
        let span = expr.span();
        Ok(match expr {
            Expr::Macro(mac) if ours(&mac.mac) == Some("yield_from") => {
                self.yield_from(&mac.mac, pre)?
            }
            Expr::Macro(mac) if is_yield(&mac.mac) => {
                let value = yield_value(&mac.mac)?;
                let value = self.hoist_into(value, pre)?;
                self.temps += 1;
                let temp = hygiene::private_ident(&format!("t{}", self.temps), span);
                let id = self.bind(temp.clone(), false, false, Source::Resumed);
                self.push_yield(value, Some(id), site(&mac.mac), pre)?;
                syn::parse_quote!(#temp)
            }
            Expr::Paren(mut paren) => {
                *paren.expr = self.hoist_into(*paren.expr, pre)?;
                Expr::Paren(paren)
            }
            Expr::Unary(mut unary) => {
                *unary.expr = self.hoist_into(*unary.expr, pre)?;
                Expr::Unary(unary)
            }
            // `yield_from!(until_err(..))?`: the `?` looks at the operand's
            // value once it has one.
            Expr::Try(mut try_expr) => {
                *try_expr.expr = self.hoist_into(*try_expr.expr, pre)?;
                Expr::Try(try_expr)
            }
            Expr::Reference(mut reference) => {
                *reference.expr = self.hoist_into(*reference.expr, pre)?;
                Expr::Reference(reference)
            }
            Expr::Cast(mut cast) => {
                *cast.expr = self.hoist_into(*cast.expr, pre)?;
                Expr::Cast(cast)
            }
            Expr::Field(mut field) => {
                *field.base = self.hoist_into(*field.base, pre)?;
                Expr::Field(field)
            }
            Expr::Binary(mut binary) if !is_lazy(&binary.op) => {
                let [left, right] = self.hoist_operands([*binary.left, *binary.right], pre)?;
                *binary.left = left;
                *binary.right = right;
                Expr::Binary(binary)
            }
            Expr::Assign(mut assign) => {
                // The place is evaluated after the value.
                if find_expr(&assign.left).yields {
                    return Err(Rejection::new(span, "a `yield_!` in an assignment's place"));
                }
                *assign.right = self.hoist_into(*assign.right, pre)?;
                Expr::Assign(assign)
            }
            Expr::Index(mut index) => {
                let [base, at] = self.hoist_operands([*index.expr, *index.index], pre)?;
                *index.expr = base;
                *index.index = at;
                Expr::Index(index)
            }
            other => self.hoist_compound(other, pre)?,
        })
    }

    /// `hoist_into` for expressions of several operands evaluated in order
    /// (calls, tuples, arrays, struct literals, eager macros).
    fn hoist_compound(&mut self, expr: Expr, pre: &mut Vec<Node>) -> Result<Expr, Rejection> {
        Ok(match expr {
            Expr::Call(mut call) => {
                let mut operands = vec![*call.func];
                operands.extend(call.args);
                let mut operands = self.hoist_list(operands, pre)?.into_iter();
                *call.func = operands.next().expect("the function");
                call.args = operands.collect();
                Expr::Call(call)
            }
            Expr::MethodCall(mut call) => {
                let mut operands = vec![*call.receiver];
                operands.extend(call.args);
                let mut operands = self.hoist_list(operands, pre)?.into_iter();
                *call.receiver = operands.next().expect("the receiver");
                call.args = operands.collect();
                Expr::MethodCall(call)
            }
            Expr::Tuple(mut tuple) => {
                tuple.elems = self
                    .hoist_list(tuple.elems.into_iter().collect(), pre)?
                    .into_iter()
                    .collect();
                Expr::Tuple(tuple)
            }
            Expr::Array(mut array) => {
                array.elems = self
                    .hoist_list(array.elems.into_iter().collect(), pre)?
                    .into_iter()
                    .collect();
                Expr::Array(array)
            }
            Expr::Macro(mut mac) if eager_args(&mac.mac).is_some() => {
                let args = eager_args(&mac.mac).unwrap_or_default();
                let (names, values): (Vec<_>, Vec<_>) = args.into_iter().unzip();
                let values = self.hoist_list(values, pre)?;
                let args = names
                    .into_iter()
                    .zip(values)
                    .map(|(name, value)| match name {
                        Some(name) => quote!(#name = #value),
                        None => value.into_token_stream(),
                    });
                mac.mac.tokens = quote!(#(#args),*);
                Expr::Macro(mac)
            }
            Expr::Struct(mut lit) if lit.rest.is_none() => {
                let values = lit.fields.iter().map(|f| f.expr.clone()).collect();
                let values = self.hoist_list(values, pre)?;
                for (field, value) in lit.fields.iter_mut().zip(values) {
                    field.expr = value;
                }
                Expr::Struct(lit)
            }
            other => {
                return Err(Rejection::new(
                    other.span(),
                    "a `yield_!` inside an expression that is evaluated conditionally or in \
                     parts (`&&`, `if`, a block, a closure, a macro)",
                ));
            }
        })
    }

    /// `yield_from!(source)` / `yield_from!(source, first)`: statements that
    /// step the delegate (the loop in `coro_core::co::native_delegate`'s
    /// documentation), put before the expression, which becomes the
    /// delegate's return value.
    fn yield_from(&mut self, mac: &Macro, pre: &mut Vec<Node>) -> Result<Expr, Rejection> {
        let mut args = yield_from_args(mac)?.into_iter();
        let source = args.next().expect("`yield_from_args` gives one or two");
        let first = args.next();
        let source = self.hoist_into(source, pre)?;
        let first = match first {
            Some(first) => Some(self.hoist_into(first, pre)?),
            None => None,
        };
        self.temps += 1;
        let n = self.temps;
        let span = source.span();
        let private = span.resolved_at(Span::mixed_site());
        let name = |what: &str| hygiene::private_ident(&format!("{what}{n}"), span);
        let (src, from, item, arg) = (name("src"), name("from"), name("item"), name("arg"));
        let (d, types, strategy, c, held) = (
            hygiene::private_ident("d", span),
            hygiene::private_ident("types", span),
            hygiene::private_ident("strategy", span),
            hygiene::private_ident("c", span),
            hygiene::private_ident("held", span),
        );
        let first_out = hygiene::private_ident("started_with", span);
        let p = {
            let krate = &self.input.krate;
            quote_spanned!(private=> #krate::__private)
        };
        let yield_ty = &self.input.yield_ty;
        let resume_ty = if self.input.kind == Kind::Coroutine {
            self.input.resume_ty.clone()
        } else {
            quote!(())
        };
        let let_token = quote_spanned!(Span::mixed_site()=> let);
        // As in the async engine (`visit.rs`, `delegation`): rustc reports a
        // source that cannot be delegated to at the arguments of `prepare`,
        // which span the user's source, and names the call at the macro.
        let tokens = source.to_token_stream();
        let start = tokens.clone().into_iter().next().map_or(span, |t| t.span());
        let end = tokens.into_iter().last().map_or(start, |t| t.span());
        let call = mac.path.segments.last().map_or(span, |s| s.ident.span());
        let types_arg = {
            let amp = quote_spanned!(start=> &);
            let types = spanned_group(Delimiter::Parenthesis, types.to_token_stream(), end);
            quote!(#amp #types)
        };
        let source_arg = {
            let d = spanned_group(Delimiter::Parenthesis, d.to_token_stream(), start);
            let mut zero = proc_macro2::Literal::usize_unsuffixed(0);
            zero.set_span(end);
            quote_spanned!(start=> #d.#zero)
        };
        let (first_stmt, prepare) = if let Some(first) = first {
            let first_var = name("first");
            let prepare = quote_spanned!(call=> prepare_with);
            let args = spanned_group(
                Delimiter::Parenthesis,
                quote!(#types_arg, #source_arg, #first_var),
                end,
            );
            (
                quote!(#let_token #first_var = #first;),
                quote!(#strategy.#prepare #args),
            )
        } else {
            let prepare = quote_spanned!(call=> prepare);
            let args = spanned_group(Delimiter::Parenthesis, quote!(#types_arg, #source_arg), end);
            (TokenStream::new(), quote!(#strategy.#prepare #args))
        };
        // (At the `yield_from!`: where a suspended generator says it is.)
        let yield_path = Ident::new("yield_", call);
        let stmts: syn::Block = syn::parse_quote_spanned! {private=> {
            #let_token #src = #source;
            #first_stmt
            #let_token mut #from = {
                #let_token (#d, #types) = #p::native_delegate::<#yield_ty, #resume_ty, _>(#src);
                #let_token #strategy = #d.__coro_pick();
                #let_token (#c, #first_out) = #prepare;
                #let_token #held = #p::NativeHold::new(#c, &#types);
                #let_token #c = #held.__coro_pick_hold().hold(#held.0);
                #strategy.__coro_native(#c, #first_out)
            };
            loop {
                #let_token #item = match #p::NativeFrom::step(&mut #from) {
                    ::core::option::Option::Some(#item) => #item,
                    ::core::option::Option::None => break,
                };
                #let_token #arg = #yield_path!(#item);
                #p::NativeFrom::send(&mut #from, #arg);
            }
        }};
        // The loop's yield says where the delegate waits.
        self.pending_inner = Some(quote_spanned!(private=> #p::LocateFrom(&#from).__coro_locate()));
        for stmt in &stmts.stmts {
            self.stmt(stmt, pre)?;
        }
        debug_assert!(self.pending_inner.is_none(), "the loop has a yield");
        self.pending_inner = None;
        Ok(syn::parse_quote_spanned!(private=> #p::NativeFrom::finish(#from)))
    }

    fn hoist_operands<const N: usize>(
        &mut self,
        operands: [Expr; N],
        pre: &mut Vec<Node>,
    ) -> Result<[Expr; N], Rejection> {
        let list = self.hoist_list(operands.into_iter().collect(), pre)?;
        Ok(list
            .try_into()
            .unwrap_or_else(|_| unreachable!("as many as given")))
    }

    /// Operands evaluated left to right: those before the last one with a
    /// `yield_!` are evaluated first, into locals of ours.
    fn hoist_list(
        &mut self,
        operands: Vec<Expr>,
        pre: &mut Vec<Node>,
    ) -> Result<Vec<Expr>, Rejection> {
        let Some(last) = operands.iter().rposition(|e| find_expr(e).yields) else {
            return Ok(operands);
        };
        let mut out = Vec::new();
        for (index, operand) in operands.into_iter().enumerate() {
            if index > last {
                out.push(operand);
                continue;
            }
            let has_yield = find_expr(&operand).yields;
            let operand = self.hoist_into(operand, pre)?;
            if index == last || (!has_yield && is_place_or_literal(&operand)) {
                out.push(operand);
                continue;
            }
            // Evaluated now, before the yields that follow.
            self.temps += 1;
            let temp = hygiene::private_ident(&format!("t{}", self.temps), operand.span());
            let operand = self.rewrite_expr(operand)?;
            let id = self.bind(temp.clone(), false, false, Source::Init(operand.clone()));
            let let_token = quote_spanned!(Span::mixed_site()=> let);
            let stmt = quote!(#let_token #temp = #operand;);
            self.all.push(stmt.clone());
            pre.push(Node::Plain {
                stmt,
                declares: vec![id],
            });
            out.push(syn::parse_quote!(#temp));
        }
        Ok(out)
    }

    fn rewrite(&self, stmt: &mut Stmt) -> Result<(), Rejection> {
        let mut rewrite = Rewrite::new(self.input);
        rewrite.visit_stmt_mut(stmt);
        rewrite.result()
    }

    fn rewrite_expr(&self, mut expr: Expr) -> Result<Expr, Rejection> {
        let mut rewrite = Rewrite::new(self.input);
        rewrite.visit_expr_mut(&mut expr);
        rewrite.result().map(|()| expr)
    }
}

fn reject_unsupported(found: &Found) -> Result<(), Rejection> {
    match found.unsupported {
        Some((span, why)) => Err(Rejection::new(span, why)),
        None => Ok(()),
    }
}

/// The statements of a match arm's body.
fn arm_stmts(body: &Expr) -> Vec<Stmt> {
    match body {
        Expr::Block(block) if block.label.is_none() && block.attrs.is_empty() => {
            block.block.stmts.clone()
        }
        other => vec![Stmt::Expr(other.clone(), Some(syn::token::Semi::default()))],
    }
}

fn mac_expr(mac: &Macro, attrs: &[syn::Attribute]) -> Expr {
    Expr::Macro(syn::ExprMacro {
        attrs: attrs.to_vec(),
        mac: mac.clone(),
    })
}

/// A construct the tree lowers as a statement.
fn is_control(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::If(_)
            | Expr::Loop(_)
            | Expr::While(_)
            | Expr::ForLoop(_)
            | Expr::Match(_)
            | Expr::Block(_)
    )
}

/// A `loop` with no `break` that could leave it (a `break` inside a nested
/// loop or closure leaves that one; a labeled `break` is counted): its type
/// is `!`, so it ends a body of any type.
fn is_endless(expr: &Expr) -> bool {
    struct Breaks(bool);
    impl<'ast> Visit<'ast> for Breaks {
        fn visit_expr_break(&mut self, expr: &'ast syn::ExprBreak) {
            if expr.label.is_some() {
                self.0 = true;
            }
            syn::visit::visit_expr_break(self, expr);
        }
        fn visit_expr_loop(&mut self, expr: &'ast syn::ExprLoop) {
            self.visit_block(&expr.body);
        }
        fn visit_expr_while(&mut self, expr: &'ast syn::ExprWhile) {
            self.visit_expr(&expr.cond);
            self.visit_block(&expr.body);
        }
        fn visit_expr_for_loop(&mut self, expr: &'ast syn::ExprForLoop) {
            self.visit_expr(&expr.expr);
            self.visit_block(&expr.body);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'ast Item) {}
        fn visit_macro(&mut self, mac: &'ast Macro) {
            // A macro may expand to a `break`.
            fn has_break(tokens: TokenStream) -> bool {
                tokens.into_iter().any(|tt| match tt {
                    TokenTree::Ident(ident) => ident == "break",
                    TokenTree::Group(group) => has_break(group.stream()),
                    _ => false,
                })
            }
            self.0 |= has_break(mac.tokens.clone());
        }
    }
    // Its own unlabeled `break`s are at the top level of its body.
    struct Own(bool);
    impl<'ast> Visit<'ast> for Own {
        fn visit_expr_break(&mut self, _: &'ast syn::ExprBreak) {
            self.0 = true;
        }
        fn visit_expr_loop(&mut self, _: &'ast syn::ExprLoop) {}
        fn visit_expr_while(&mut self, _: &'ast syn::ExprWhile) {}
        fn visit_expr_for_loop(&mut self, _: &'ast syn::ExprForLoop) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'ast Item) {}
    }
    let Expr::Loop(outer) = expr else {
        return false;
    };
    let mut breaks = Breaks(false);
    let mut own = Own(false);
    own.visit_block(&outer.body);
    breaks.visit_block(&outer.body);
    !own.0 && !breaks.0
}

fn is_lazy(op: &syn::BinOp) -> bool {
    matches!(op, syn::BinOp::And(_) | syn::BinOp::Or(_))
}

/// An expression whose evaluation has no effect and gives the same value
/// later: a local, a field of one, a literal.
fn is_place_or_literal(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(_) => true,
        Expr::Path(path) => path.qself.is_none(),
        Expr::Field(field) => is_place_or_literal(&field.base),
        Expr::Paren(paren) => is_place_or_literal(&paren.expr),
        _ => false,
    }
}

fn contains_let(expr: &Expr) -> bool {
    match expr {
        Expr::Let(_) => true,
        Expr::Binary(binary) => contains_let(&binary.left) || contains_let(&binary.right),
        Expr::Paren(paren) => contains_let(&paren.expr),
        _ => false,
    }
}

/// Which of our macros a macro path names.
fn ours(mac: &Macro) -> Option<&'static str> {
    let name = mac.path.segments.last()?.ident.to_string();
    match name.as_str() {
        "yield_" | "r#yield" => Some("yield_"),
        "yield_from" => Some("yield_from"),
        _ => None,
    }
}

fn is_yield(mac: &Macro) -> bool {
    ours(mac) == Some("yield_")
}

fn spanned_group(delimiter: Delimiter, stream: TokenStream, span: Span) -> TokenTree {
    let mut group = Group::new(delimiter, stream);
    group.set_span(span);
    TokenTree::Group(group)
}

/// The arguments of `yield_from!(source)` / `yield_from!(source, first)`.
fn yield_from_args(mac: &Macro) -> Result<Vec<Expr>, Rejection> {
    let args = mac
        .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated)
        .map_err(|e| Rejection::new(e.span(), "a `yield_from!` whose arguments do not parse"))?;
    if args.is_empty() || args.len() > 2 {
        return Err(Rejection::new(
            mac.span(),
            "a `yield_from!` without one or two arguments",
        ));
    }
    Ok(args.into_iter().collect())
}

/// Where a `yield_!` is: its path's last segment.
fn site(mac: &Macro) -> Span {
    mac.path
        .segments
        .last()
        .map_or_else(|| mac.path.span(), |segment| segment.ident.span())
}

/// The value of `yield_!(value)` (`()` for `yield_!()`).
fn yield_value(mac: &Macro) -> Result<Expr, Rejection> {
    if mac.tokens.is_empty() {
        return Ok(syn::parse_quote_spanned!(mac.span()=> ()));
    }
    syn::parse2(mac.tokens.clone())
        .map_err(|e| Rejection::new(e.span(), "a `yield_!` that is not one expression"))
}

fn find(stmt: &Stmt) -> Found {
    let mut finder = Finder::default();
    finder.visit_stmt(stmt);
    finder.found
}

fn find_expr(expr: &Expr) -> Found {
    let mut finder = Finder::default();
    finder.visit_expr(expr);
    finder.found
}

/// Finds our macros, and what the native engine cannot lower.
#[derive(Default)]
struct Finder {
    found: Found,
    /// Inside a closure or an `async` block.
    nested: bool,
}

impl Finder {
    fn unsupported(&mut self, span: Span, why: &'static str) {
        self.found.unsupported.get_or_insert((span, why));
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        match expr {
            Expr::Closure(_) | Expr::Async(_) => {
                let saved = core::mem::replace(&mut self.nested, true);
                syn::visit::visit_expr(self, expr);
                self.nested = saved;
            }
            Expr::Await(await_expr) => {
                self.unsupported(await_expr.await_token.span, "an `.await`");
                syn::visit::visit_expr(self, expr);
            }
            _ => syn::visit::visit_expr(self, expr),
        }
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        match ours(mac) {
            Some("yield_") if !self.nested => {
                self.found.yields = true;
                // Its argument may hold more.
                if let Ok(value) = syn::parse2::<Expr>(mac.tokens.clone()) {
                    self.visit_expr(&value);
                }
            }
            Some("yield_from") if !self.nested => {
                self.found.yields = true;
                if let Ok(args) = yield_from_args(mac) {
                    for arg in &args {
                        self.visit_expr(arg);
                    }
                }
            }
            Some(_) => self.unsupported(
                mac.span(),
                "a `yield_!` inside a closure or an `async` block",
            ),
            None if is_nested_generator(mac) => {}
            None => {
                if !tokens_have_ours(mac.tokens.clone()) {
                    return;
                }
                match eager_args(mac) {
                    Some(args) => {
                        for (_, arg) in &args {
                            self.visit_expr(arg);
                        }
                    }
                    None => self.unsupported(
                        mac.span(),
                        "a `yield_!` inside the arguments of a macro other than `println!`, \
                         `format!`, `write!`, `vec!`, `assert!`, `assert_eq!`... (whose \
                         arguments are expressions evaluated in order)",
                    ),
                }
            }
        }
    }

    fn visit_item(&mut self, _: &'ast Item) {}
}

/// The arguments of a standard macro that evaluates them as expressions, in
/// order, every time (`println!`, `format!`, `write!`, `vec![a, b]`,
/// `assert_eq!`...), each with its name if it is a named format argument;
/// `None` for another macro, or one whose arguments do not parse so. Of
/// `assert!` and `assert_eq!`, only the operands count: their message is
/// evaluated only on failure, so an argument of ours there is refused.
fn eager_args(mac: &Macro) -> Option<Vec<(Option<Ident>, Expr)>> {
    let name = mac.path.segments.last()?.ident.to_string();
    let eager = match name.as_str() {
        "println" | "print" | "eprintln" | "eprint" | "format" | "panic" | "write" | "writeln"
        | "vec" | "dbg" | "todo" | "unimplemented" | "unreachable" => usize::MAX,
        "assert" => 1,
        "assert_eq" | "assert_ne" => 2,
        _ => return None,
    };
    let args = mac
        .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated)
        .ok()?;
    let mut out = Vec::new();
    for (index, arg) in args.into_iter().enumerate() {
        if index >= eager && tokens_have_ours(arg.to_token_stream()) {
            return None;
        }
        out.push(match arg {
            Expr::Assign(assign) if matches!(&*assign.left, Expr::Path(p) if p.path.get_ident().is_some()) => {
                let Expr::Path(path) = *assign.left else {
                    unreachable!("matched above")
                };
                (path.path.get_ident().cloned(), *assign.right)
            }
            other => (None, other),
        });
    }
    Some(out)
}

fn is_nested_generator(mac: &Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "iter" | "stream" | "coroutine"
        )
    })
}

/// Whether raw tokens call one of our macros (outside a nested generator).
fn tokens_have_ours(tokens: TokenStream) -> bool {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, tt) in tokens.iter().enumerate() {
        match tt {
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let bang = matches!(tokens.get(index + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                // (The arguments of a nested `iter!`, `stream!` or
                // `coroutine!` are its own: the group case skips them.)
                if bang && matches!(name.as_str(), "yield_" | "r#yield" | "yield_from") {
                    return true;
                }
            }
            TokenTree::Group(group) => {
                let nested = index >= 2
                    && matches!(&tokens[index - 1], TokenTree::Punct(p) if p.as_char() == '!')
                    && matches!(&tokens[index - 2], TokenTree::Ident(i) if matches!(i.to_string().as_str(), "iter" | "stream" | "coroutine"));
                if !nested && tokens_have_ours(group.stream()) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Rewrites a statement of the body for the resume closure.
struct Rewrite<'a> {
    input: &'a Spec,
    /// Inside a closure or an `async` block: `return` and `?` are theirs.
    nested: bool,
    error: Option<Rejection>,
}

impl<'a> Rewrite<'a> {
    fn new(input: &'a Spec) -> Self {
        Rewrite {
            input,
            nested: false,
            error: None,
        }
    }

    fn result(self) -> Result<(), Rejection> {
        self.error.map_or(Ok(()), Err)
    }

    fn resumed(&self) -> TokenStream {
        let krate = &self.input.krate;
        quote_spanned!(Span::mixed_site()=> #krate::__private::Resumed)
    }

    /// `return value` → `return Resumed::Returned(value)`, the value checked
    /// against the type the signature promises.
    fn rewrite_return(&mut self, ret: &mut syn::ExprReturn) -> Expr {
        let span = ret.return_token.span;
        let resumed = self.resumed();
        let checked = hygiene::private_ident("return", span);
        let value = match ret.expr.take() {
            None => quote_spanned!(span=> ()),
            Some(value) => self.input.returns.returned(*value, &self.input.krate),
        };
        let (ty, result) = match &self.input.returns {
            Returns::Unit => (quote!(()), quote!(#checked)),
            Returns::Fallible => (
                quote!(()),
                quote_spanned!(Span::mixed_site()=> ::core::result::Result::Ok(#checked)),
            ),
            Returns::Typed(ty) => (ty.clone(), quote!(#checked)),
            Returns::Unchecked => (quote!(_), quote!(#checked)),
        };
        let check = quote_spanned!(Span::mixed_site()=> let #checked: #ty = #value;);
        syn::parse_quote_spanned!(span=> return #resumed::Returned({ #check #result }))
    }

    /// `e?` in a generator whose items are `Result`s: the error, converted,
    /// is the last item.
    fn rewrite_try(&mut self, expr: &mut syn::ExprTry) -> Option<Expr> {
        if !matches!(self.input.returns, Returns::Fallible) || self.input.kind != Kind::Iterator {
            self.error.get_or_insert(Rejection::new(
                expr.question_token.span,
                "`?` in a generator whose items are not `Result`s",
            ));
            return None;
        }
        let resumed = self.resumed();
        let inner = &expr.expr;
        let span = expr.question_token.span;
        let value = hygiene::private_ident("ok", span);
        let error = hygiene::private_ident("err", span);
        Some(
            syn::parse_quote_spanned! {span.resolved_at(Span::mixed_site())=>
                match #inner {
                    ::core::result::Result::Ok(#value) => #value,
                    ::core::result::Result::Err(#error) => {
                        return #resumed::Returned(::core::result::Result::Err(
                            ::core::convert::From::from(#error),
                        ))
                    }
                }
            },
        )
    }
}

impl VisitMut for Rewrite<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Closure(_) | Expr::Async(_) => {
                let saved = core::mem::replace(&mut self.nested, true);
                visit_mut::visit_expr_mut(self, expr);
                self.nested = saved;
            }
            Expr::Return(ret) if !self.nested => {
                visit_mut::visit_expr_return_mut(self, ret);
                *expr = self.rewrite_return(ret);
            }
            Expr::Try(try_expr) if !self.nested => {
                visit_mut::visit_expr_try_mut(self, try_expr);
                if let Some(rewritten) = self.rewrite_try(try_expr) {
                    *expr = rewritten;
                }
            }
            Expr::Path(path) if path.qself.is_none() && path.path.is_ident("self") => {
                let ident = self_ident();
                *expr = syn::parse_quote!(#ident);
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        mac.tokens = replace_self(core::mem::take(&mut mac.tokens));
    }

    fn visit_item_mut(&mut self, _: &mut Item) {}
}

/// `self` among raw tokens (not `self::path`) → our local.
fn replace_self(tokens: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    for (index, tt) in tokens.iter().enumerate() {
        match tt {
            TokenTree::Ident(ident) if ident == "self" => {
                let path = matches!(tokens.get(index + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                if path {
                    out.push(tt.clone());
                } else {
                    out.push(TokenTree::Ident(self_ident()));
                }
            }
            TokenTree::Group(group) => {
                let mut new = Group::new(group.delimiter(), replace_self(group.stream()));
                new.set_span(group.span());
                out.push(TokenTree::Group(new));
            }
            other => out.push(other.clone()),
        }
    }
    let _ = Delimiter::None;
    out.into_iter().collect()
}
