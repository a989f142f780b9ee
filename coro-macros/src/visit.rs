//! The yield rewriter: finds the `yield_!` calls that belong to this
//! generator and routes them to its handle; reports the ones that cannot
//! belong to it.
//!
//! The walk keeps a [`Scope`]: the generator's own body, a closure, or an
//! `async` block nested in it. Only the body is part of the generator's state
//! machine, so only there can a `yield_!` suspend it. Nested items are not
//! walked (a nested `#[generator]` fn rewrites its own body), nor are nested
//! `iter!`/`stream!` blocks. Inside other macros (`println!`, `vec!`, ...)
//! the arguments are raw tokens, walked as tokens.
//!
//! A mistake does not stop the walk: the offending expression becomes a
//! `compile_error!` and the walk goes on, so one build reports every mistake.

use core::{iter, mem};

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item, Macro};

use crate::hygiene;
use crate::parse::Kind;

/// Where the walk is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scope {
    /// The generator's own body: `yield_!` suspends the generator here.
    Body,
    /// Inside a closure (`|..| ..`, `async |..| ..`): a separate function.
    Closure,
    /// Inside an `async` block: a separate future.
    Async,
}

/// How the generator was written, for messages that say what to do instead.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Form {
    /// `#[generator] fn`.
    Fn,
    /// `iter!` / `stream!`.
    Block,
}

/// What a `return` in the body of a generator becomes. The value is checked
/// against the type the signature promises in a `let`, so that a mismatch is
/// reported at the value (the closure the body becomes would report it at the
/// whole closure).
pub(crate) enum Returns {
    /// An iterator or stream: `return value;` is checked to be `()`.
    Unit,
    /// An iterator or stream whose body may use `?`: its output is
    /// `Result<(), E>`, so `return;` becomes `return Ok(())`.
    Fallible,
    /// A coroutine returning this type.
    Typed(TokenStream),
    /// A coroutine whose return type cannot be written in the body.
    Unchecked,
}

impl Returns {
    fn rewrite(&self, ret: &mut syn::ExprReturn) -> Option<Expr> {
        let span = ret.return_token.span;
        let checked = hygiene::private_ident("return", span);
        let (ty, ok) = match self {
            Returns::Unchecked => return None,
            Returns::Unit if ret.expr.is_none() => return None,
            Returns::Unit => (quote!(()), None),
            Returns::Fallible => (
                quote!(()),
                Some(quote_spanned!(Span::mixed_site()=> ::core::result::Result::Ok(()))),
            ),
            Returns::Typed(ty) => (ty.clone(), None),
        };
        let value = ret
            .expr
            .take()
            .map_or_else(|| quote_spanned!(span=> ()), ToTokens::into_token_stream);
        let check = quote_spanned!(Span::mixed_site()=> let #checked: #ty = #value;);
        let result = ok.unwrap_or_else(|| checked.to_token_stream());
        Some(syn::parse_quote_spanned!(span=> return { #check #result }))
    }
}

/// Rewrites a generator body in place.
pub(crate) struct ReplaceYield<'a> {
    co: &'a Ident,
    kind: Kind,
    form: Form,
    /// What `return` in the body becomes.
    returns: &'a Returns,
    /// The generator is resumed with `()`: its yields need not take an
    /// argument back.
    unit_resume: bool,
    scope: Scope,
    /// Errors found in macro arguments, where no expression can be replaced.
    errors: Vec<syn::Error>,
}

impl<'a> ReplaceYield<'a> {
    pub(crate) fn new(co: &'a Ident, kind: Kind, form: Form, returns: &'a Returns) -> Self {
        ReplaceYield {
            co,
            kind,
            form,
            returns,
            unit_resume: kind != Kind::Coroutine,
            scope: Scope::Body,
            errors: Vec::new(),
        }
    }

    /// Whether the generator is resumed with `()` (a coroutine whose resume
    /// type is written `()` or left out).
    pub(crate) fn unit_resume(mut self, unit: bool) -> Self {
        self.unit_resume = unit;
        self
    }

    /// Rewrites `block`; returns the errors that must be emitted beside it.
    pub(crate) fn rewrite_block(mut self, block: &mut syn::Block) -> Vec<syn::Error> {
        self.visit_block_mut(block);
        self.errors
    }

    /// Rewrites statements; returns the errors that must be emitted beside
    /// them.
    pub(crate) fn rewrite_stmts(mut self, stmts: &mut [syn::Stmt]) -> Vec<syn::Error> {
        for stmt in stmts {
            self.visit_stmt_mut(stmt);
        }
        self.errors
    }

    fn in_scope(&mut self, scope: Scope, f: impl FnOnce(&mut Self)) {
        let saved = mem::replace(&mut self.scope, scope);
        f(self);
        self.scope = saved;
    }

    /// Why a `yield_!` in the current scope cannot suspend the generator.
    fn misplaced_yield(&self) -> Option<&'static str> {
        match self.scope {
            Scope::Body => None,
            Scope::Closure => Some(
                "`yield_!` cannot be used inside a closure: the closure is a separate function, \
                 not part of the generator's state machine; yield from the generator's own body \
                 (a `for` loop instead of `for_each`, say)",
            ),
            Scope::Async => Some(
                "`yield_!` cannot be used inside an `async` block: the block is a separate \
                 future, not part of the generator's state machine; yield from the generator's \
                 own body",
            ),
        }
    }

    /// Why `.await` cannot be used here, if it cannot.
    fn misplaced_await(&self) -> Option<&'static str> {
        if self.scope != Scope::Body || self.kind.is_async() {
            return None;
        }
        Some(match (self.kind, self.form) {
            (Kind::Coroutine, _) => {
                "`.await` cannot be used in a coroutine: it is resumed synchronously"
            }
            (_, Form::Fn) => {
                "`.await` cannot be used in a sync generator; make it an `async fn` returning \
                 `impl Stream<Item = T>`"
            }
            (_, Form::Block) => {
                "`.await` cannot be used in `iter!`; use `stream!` for an async generator"
            }
        })
    }

    /// The new arguments of a `yield_from!` call: the handle and the source,
    /// marked with the kind of source this generator delegates to.
    fn yield_from_arguments(&mut self, tokens: TokenStream) -> TokenStream {
        if let Some(message) = self.misplaced_yield() {
            let message = message.replacen("`yield_!`", "`yield_from!`", 1);
            return quote!(@__coro_error #message);
        }
        if tokens.is_empty() {
            let message = match self.kind {
                Kind::Stream => {
                    "`yield_from!` needs the stream to yield from: `yield_from!(stream)`"
                }
                _ => "`yield_from!` needs what to yield from: `yield_from!(iterable)`",
            };
            return quote!(@__coro_error #message);
        }
        let source = self.rewrite_tokens(tokens);
        let co = self.co;
        match self.kind {
            Kind::Stream => quote!(@__coro_stream #co #source),
            Kind::Iterator | Kind::Coroutine => quote!(@__coro_iter #co #source),
        }
    }

    /// The new arguments of a `yield_!` call: `yield_!(value)` becomes
    /// `yield_!(@__coro_yield __coro_co value)`, which the facade's `yield_!`
    /// expands to `__coro_co.yield_(value).await`. Where no yield can be, it
    /// becomes the error the facade's `yield_!` reports (at the user's call).
    /// Going through the user's own path keeps their import used.
    fn yield_arguments(&mut self, tokens: TokenStream) -> TokenStream {
        if let Some(message) = self.misplaced_yield() {
            return quote!(@__coro_error #message);
        }
        let value = self.rewrite_tokens(tokens);
        let value = if value.is_empty() { quote!(()) } else { value };
        let co = self.co;
        if self.unit_resume {
            quote!(@__coro_item #co #value)
        } else {
            quote!(@__coro_yield #co #value)
        }
    }

    /// Walks the raw tokens of a macro call that is not ours.
    fn rewrite_tokens(&mut self, tokens: TokenStream) -> TokenStream {
        let mut out = TokenStream::new();
        let mut iter = tokens.into_iter().peekable();
        while let Some(tt) = iter.next() {
            match tt {
                // `name!(..)`
                TokenTree::Ident(name) if iter.peek().is_some_and(|t| is_punct(t, '!')) => {
                    let bang = iter.next();
                    let args = iter.next_if(|t| matches!(t, TokenTree::Group(_)));
                    match args {
                        Some(TokenTree::Group(args)) => {
                            out.extend(self.rewrite_macro_call(name, bang, &args));
                        }
                        _ => out.extend(iter::once(TokenTree::Ident(name)).chain(bang).chain(args)),
                    }
                }
                // `async { .. }` / `async move { .. }`
                TokenTree::Ident(name) if name == "async" => {
                    out.extend([TokenTree::Ident(name)]);
                    out.extend(iter.next_if(|t| matches!(t, TokenTree::Ident(m) if m == "move")));
                    if let Some(TokenTree::Group(block)) = iter.next_if(
                        |t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace),
                    ) {
                        let mut inner = TokenStream::new();
                        self.in_scope(Scope::Async, |this| {
                            inner = this.rewrite_tokens(block.stream());
                        });
                        out.extend([regroup(&block, inner)]);
                    }
                }
                // `.await`
                TokenTree::Punct(dot) if dot.as_char() == '.' => {
                    if let Some(TokenTree::Ident(kw)) = iter.peek()
                        && kw == "await"
                        && let Some(message) = self.misplaced_await()
                    {
                        self.errors.push(syn::Error::new(kw.span(), message));
                    }
                    out.extend([TokenTree::Punct(dot)]);
                }
                TokenTree::Group(group) => {
                    let inner = self.rewrite_tokens(group.stream());
                    out.extend([regroup(&group, inner)]);
                }
                other => out.extend([other]),
            }
        }
        out
    }

    /// A macro call found among raw tokens: `name ! args`.
    fn rewrite_macro_call(
        &mut self,
        name: Ident,
        bang: Option<TokenTree>,
        args: &Group,
    ) -> TokenStream {
        let name_str = name.to_string();
        let args = match our_macro(&name_str) {
            Some(Ours::Yield) => regroup(args, self.yield_arguments(args.stream())),
            Some(Ours::YieldFrom) => regroup(args, self.yield_from_arguments(args.stream())),
            None if is_nested_generator(&name_str) => TokenTree::Group(args.clone()),
            None => regroup(args, self.rewrite_tokens(args.stream())),
        };
        iter::once(TokenTree::Ident(name))
            .chain(bang)
            .chain([args])
            .collect()
    }
}

impl VisitMut for ReplaceYield<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Closure(closure) => {
                self.in_scope(Scope::Closure, |this| {
                    visit_mut::visit_expr_closure_mut(this, closure);
                });
            }
            Expr::Async(block) => {
                self.in_scope(Scope::Async, |this| {
                    visit_mut::visit_expr_async_mut(this, block);
                });
            }
            Expr::Await(await_expr) => {
                visit_mut::visit_expr_await_mut(self, await_expr);
                if let Some(message) = self.misplaced_await() {
                    let span = await_expr.await_token.span;
                    *expr = syn::parse_quote_spanned!(span=> ::core::compile_error!(#message));
                }
            }
            Expr::Return(ret) if self.scope == Scope::Body => {
                visit_mut::visit_expr_return_mut(self, ret);
                if let Some(rewritten) = self.returns.rewrite(ret) {
                    *expr = rewritten;
                }
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        let Some(last) = mac.path.segments.last() else {
            return;
        };
        let name = last.ident.to_string();
        let tokens = mem::take(&mut mac.tokens);
        mac.tokens = match our_macro(&name) {
            Some(Ours::Yield) => self.yield_arguments(tokens),
            Some(Ours::YieldFrom) => self.yield_from_arguments(tokens),
            None if is_nested_generator(&name) => tokens,
            None => self.rewrite_tokens(tokens),
        };
    }

    fn visit_item_mut(&mut self, _: &mut Item) {
        // Do not recurse into nested items: they are not part of this
        // generator, and a nested `#[generator]` rewrites its own body.
    }
}

/// The paths of the first `yield_!` and the first `yield_from!` call in
/// `block`, to keep their imports used when the body is dropped.
pub(crate) fn our_macro_paths(block: &syn::Block) -> Vec<syn::Path> {
    struct Find(Vec<(Ours, syn::Path)>);
    impl VisitMut for Find {
        fn visit_macro_mut(&mut self, mac: &mut Macro) {
            let ours = mac
                .path
                .segments
                .last()
                .and_then(|s| our_macro(&s.ident.to_string()));
            if let Some(ours) = ours
                && !self.0.iter().any(|(seen, _)| *seen == ours)
            {
                self.0.push((ours, mac.path.clone()));
            }
        }
        fn visit_item_mut(&mut self, _: &mut Item) {}
    }
    let mut find = Find(Vec::new());
    find.visit_block_mut(&mut block.clone());
    find.0.into_iter().map(|(_, path)| path).collect()
}

/// The macros of ours that the walk rewrites.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ours {
    Yield,
    YieldFrom,
}

fn our_macro(name: &str) -> Option<Ours> {
    match name {
        "yield_" | "r#yield" => Some(Ours::Yield),
        "yield_from" => Some(Ours::YieldFrom),
        _ => None,
    }
}

/// Generators nested in the body rewrite their own yields.
fn is_nested_generator(name: &str) -> bool {
    matches!(name, "iter" | "stream" | "coroutine")
}

fn is_punct(tt: &TokenTree, ch: char) -> bool {
    matches!(tt, TokenTree::Punct(p) if p.as_char() == ch)
}

fn regroup(group: &Group, stream: TokenStream) -> TokenTree {
    let mut new = Group::new(group.delimiter(), stream);
    new.set_span(group.span());
    TokenTree::Group(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(kind: Kind, fallible: bool, body: TokenStream) -> (String, Vec<String>) {
        let returns = if fallible {
            Returns::Fallible
        } else {
            Returns::Unit
        };
        let mut block: syn::Block = syn::parse2(quote!({ #body })).unwrap();
        let co = hygiene::co();
        let errors = ReplaceYield::new(&co, kind, Form::Fn, &returns).rewrite_block(&mut block);
        (
            block.into_token_stream().to_string(),
            errors.into_iter().map(|e| e.to_string()).collect(),
        )
    }

    #[test]
    fn yields_in_the_body_go_to_the_handle() {
        let (out, errors) = rewrite(
            Kind::Iterator,
            false,
            quote! {
                yield_!(1);
                coro::yield_!(2);
                let () = yield_!();
                if x { r#yield!(3) }
            },
        );
        assert!(errors.is_empty());
        assert_eq!(out.matches("@ __coro_item __coro_co").count(), 4, "{out}");
        assert!(
            out.contains("coro :: yield_ ! (@ __coro_item __coro_co 2)"),
            "{out}"
        );
        assert!(
            out.contains("yield_ ! (@ __coro_item __coro_co ())"),
            "{out}"
        );
    }

    #[test]
    fn yields_inside_other_macros_are_rewritten() {
        let (out, errors) = rewrite(
            Kind::Iterator,
            false,
            quote! {
                println!("{}", yield_!(1));
                let v = vec![yield_!(2), { yield_!(3) }];
            },
        );
        assert!(errors.is_empty());
        assert_eq!(out.matches("@ __coro_item __coro_co").count(), 3, "{out}");
    }

    #[test]
    fn yields_in_closures_and_async_blocks_are_errors() {
        let (out, _) = rewrite(
            Kind::Iterator,
            false,
            quote! {
                let f = || yield_!(1);
                let g = async { yield_!(2) };
                let h = async move |x| { yield_!(3) };
                println!("{:?}", async { yield_!(4) });
            },
        );
        assert_eq!(out.matches("(@ __coro_error").count(), 4, "{out}");
        assert_eq!(out.matches("inside a closure").count(), 2, "{out}");
        assert_eq!(out.matches("inside an `async` block").count(), 2, "{out}");
        assert!(!out.contains("__coro_co"), "{out}");
    }

    #[test]
    fn nested_items_and_generators_are_left_alone() {
        let (out, errors) = rewrite(
            Kind::Iterator,
            false,
            quote! {
                fn inner() { yield_!(1) }
                let it = coro::iter! { yield_!(2) };
                let s = stream! { yield_!(3) };
            },
        );
        assert!(errors.is_empty());
        assert!(!out.contains("__coro_co"), "{out}");
    }

    #[test]
    fn await_is_an_error_in_sync_generators_only() {
        let (out, errors) = rewrite(
            Kind::Iterator,
            false,
            quote! {
                f.await;
                let b = async { g.await };
                println!("{}", h.await);
            },
        );
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
        assert!(out.contains("make it an `async fn`"), "{out}");
        assert_eq!(errors.len(), 1);
        let (out, errors) = rewrite(
            Kind::Stream,
            false,
            quote! { f.await; println!("{}", h.await); },
        );
        assert!(!out.contains("compile_error") && errors.is_empty(), "{out}");
    }

    #[test]
    fn returns_are_checked_and_become_ok_in_fallible_bodies() {
        let (out, _) = rewrite(
            Kind::Iterator,
            true,
            quote! {
                if done { return; }
                if other { return f(); }
                let f = || { return 5; };
            },
        );
        assert!(
            out.contains(
                "return { let __coro_return : () = () ; :: core :: result :: Result :: Ok (()) }"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "return { let __coro_return : () = f () ; :: core :: result :: Result :: Ok (()) }"
            ),
            "{out}"
        );
        assert!(out.contains("return 5"), "{out}");
        let (out, _) = rewrite(Kind::Iterator, false, quote! { return; return g(); });
        assert!(
            out.contains("return ; return { let __coro_return : () = g () ; __coro_return }"),
            "{out}"
        );
    }
}
