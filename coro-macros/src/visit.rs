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

use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item, Macro, Stmt, Token};

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
    /// `return value` as the body must write it (`krate`: where `coro`
    /// is), or `None` if it stays as it is.
    fn rewrite(&self, ret: &mut syn::ExprReturn, krate: &TokenStream) -> Option<Expr> {
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
        let value = match ret.expr.take() {
            None => quote_spanned!(span=> ()),
            Some(value) => self.returned(*value, krate),
        };
        let check = quote_spanned!(Span::mixed_site()=> let #checked: #ty = #value;);
        let result = ok.unwrap_or_else(|| checked.to_token_stream());
        Some(syn::parse_quote_spanned!(span=> return { #check #result }))
    }
}

impl Returns {
    /// The value of a `return value` as it is checked: an iterator or a
    /// stream returns no value, which a bound only `()` meets says, at the
    /// value (`krate`: where `coro` is). Shared by both engines.
    pub(crate) fn returned(&self, value: Expr, krate: &TokenStream) -> TokenStream {
        if !matches!(self, Returns::Unit) {
            return value.into_token_stream();
        }
        let value_span = syn::spanned::Spanned::span(&value);
        let nothing = quote_spanned!(value_span=> #krate::__private::returns_nothing);
        quote!(#nothing(#value))
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
    /// Whether the walk is in the body's own syntax or among another macro's
    /// tokens (which decides what a `yield_from!` becomes).
    place: Place,
    /// Errors found in macro arguments, where no expression can be replaced.
    errors: Vec<syn::Error>,
    /// Whether the body has a `yield_from!` in its own syntax, which may
    /// delegate to a coroutine through a frame: the generator then needs the
    /// driver's delegation paths (the `Delegating` mode).
    delegates: bool,
    /// Where `coro` is, for the functions the rewritten body calls.
    krate: TokenStream,
    /// Whether a mistake was reported by a `compile_error!` put in place of
    /// an expression: the expansion must then be this rewritten body (the
    /// native engine would report the original's mistake its own way).
    reported_inline: bool,
    /// For a body without a declared item type (`iter!`, `stream!`): the
    /// local each `yield_!` assigns its value to before yielding it, so that
    /// the first one decides the type and a mismatch is reported at the
    /// user's value, not at coro's handle method.
    item_local: Option<Ident>,
    /// The first `yield_!` that assigns `item_local` (which must then be
    /// declared, located there: the type comes from it).
    assigns_item: Option<Span>,
}

/// What [`ReplaceYield::rewrite_block_delegating`] found.
pub(crate) struct Rewritten {
    /// The errors to emit beside the expansion.
    pub(crate) errors: Vec<syn::Error>,
    /// Whether the body has a `yield_from!` of its own.
    pub(crate) delegates: bool,
    /// Whether a mistake is reported inside the rewritten body.
    pub(crate) reported_inline: bool,
    /// The local the `yield_!`s assign their items to, to declare at the
    /// start of the body (see `ReplaceYield::item_local`).
    pub(crate) item_local: Option<Ident>,
}

impl<'a> ReplaceYield<'a> {
    pub(crate) fn new(co: &'a Ident, kind: Kind, form: Form, returns: &'a Returns) -> Self {
        ReplaceYield {
            co,
            kind,
            form,
            returns,
            unit_resume: !kind.is_coroutine(),
            scope: Scope::Body,
            place: Place::InBody,
            errors: Vec::new(),
            delegates: false,
            reported_inline: false,
            krate: quote!(::coro),
            item_local: None,
            assigns_item: None,
        }
    }

    /// For a body whose item type is not declared: route each `yield_!`'s
    /// value through a local of ours.
    pub(crate) fn item_local(mut self, local: Option<Ident>) -> Self {
        self.item_local = local;
        self
    }

    /// Whether the generator is resumed with `()` (a coroutine whose resume
    /// type is written `()` or left out).
    pub(crate) fn unit_resume(mut self, unit: bool) -> Self {
        self.unit_resume = unit;
        self
    }

    /// Where `coro` is (`::coro` unless told).
    pub(crate) fn krate(mut self, krate: &TokenStream) -> Self {
        self.krate = krate.clone();
        self
    }

    /// Rewrites `block`; returns the errors that must be emitted beside it.
    #[cfg(test)]
    pub(crate) fn rewrite_block(self, block: &mut syn::Block) -> Vec<syn::Error> {
        self.rewrite_block_delegating(block).errors
    }

    /// [`rewrite_block`](Self::rewrite_block), and whether the body has a
    /// `yield_from!`.
    pub(crate) fn rewrite_block_delegating(mut self, block: &mut syn::Block) -> Rewritten {
        self.visit_block_mut(block);
        Rewritten {
            errors: self.errors,
            delegates: self.delegates,
            reported_inline: self.reported_inline,
            item_local: self.item_local.zip(self.assigns_item).map(|(item, first)| {
                // The same name and hygiene, located at the first `yield_!`.
                let mut item = item;
                item.set_span(item.span().located_at(first));
                item
            }),
        }
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
            (Kind::Coroutine, Form::Fn) => {
                "`.await` cannot be used in a sync coroutine: it is resumed synchronously; make it \
                 an `async fn` returning `impl AsyncCoroutine<R, Yield = Y, Return = T>`, \
                 resumed with `coro::aresume`"
            }
            (Kind::Coroutine, Form::Block) => {
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

    /// What a `yield_from!(args)` call becomes: the expansion that replaces
    /// the call, or (for a call that cannot delegate from here) the new
    /// arguments of the call, which the facade's `yield_from!` turns into an
    /// error at the call.
    fn yield_from(&mut self, call: Span, tokens: TokenStream) -> YieldFrom {
        if let Some(message) = self.misplaced_yield() {
            let message = message.replacen("`yield_!`", "`yield_from!`", 1);
            return YieldFrom::Args(quote!(@__coro_error #message));
        }
        if tokens.is_empty() {
            let message = match self.kind {
                Kind::Stream => {
                    "`yield_from!` needs the stream to yield from: `yield_from!(stream)`"
                }
                Kind::AsyncCoroutine => {
                    "`yield_from!` needs what to yield from: `yield_from!(async_coroutine)` or \
                     `yield_from!(stream)`"
                }
                Kind::Iterator | Kind::Coroutine => {
                    "`yield_from!` needs what to yield from: `yield_from!(iterable)`"
                }
            };
            return YieldFrom::Args(quote!(@__coro_error #message));
        }
        let args = match Punctuated::<Expr, Token![,]>::parse_terminated.parse2(tokens) {
            Ok(args) => args,
            Err(error) => {
                self.errors.push(error);
                return YieldFrom::Replace(quote!(::core::unreachable!()));
            }
        };
        let mut args = args.into_iter().map(|mut arg| {
            self.visit_expr_mut(&mut arg);
            arg
        });
        let (Some(source), first, extra) = (args.next(), args.next(), args.next()) else {
            // `parse_terminated` of tokens that are not empty parses an
            // expression or fails.
            return YieldFrom::Replace(quote!(::core::unreachable!()));
        };
        let first = match (self.kind, first, extra) {
            (Kind::Stream, Some(first), _) => {
                self.errors.push(syn::Error::new_spanned(
                    first,
                    "`yield_from!` in an async generator takes only the stream: a stream has no \
                     resume argument to start it with",
                ));
                None
            }
            (_, first, Some(extra)) => {
                self.errors.push(syn::Error::new_spanned(
                    extra,
                    "`yield_from!` takes what to yield from and, for a coroutine, the argument \
                     to start it with: `yield_from!(coroutine, first)`",
                ));
                first
            }
            (_, first, None) => first,
        };
        // Async bodies never delegate through frames (their `yield_from!`
        // re-yields), so they stay in the `Async` mode.
        let place = if self.kind.is_async() {
            Place::InTokens
        } else {
            self.place
        };
        if place == Place::InBody {
            self.delegates = true;
        }
        YieldFrom::Replace(self.delegation(call, &source, first.as_ref(), place))
    }

    /// The expansion of `yield_from!(source)` / `yield_from!(source, first)`
    /// (`coro_core::co` describes the strategies):
    ///
    /// ```text
    /// match (source) {
    ///     s => {
    ///         let s = co.__coro_delegate(s);
    ///         let strategy = s.__coro_pick();
    ///         let (s, first) = strategy.prepare(&(co), (s).0);
    ///         unsafe { strategy.yield_from_in_place(&mut co, s, first, at) }.await  // in the body
    ///         strategy.yield_from(&mut co, s, first, at).await                      // in tokens
    ///     }
    /// }
    /// ```
    ///
    /// In the body's own syntax, the delegation is awaited right there, in
    /// place, by the body's future: what `yield_from_in_place` (an `unsafe
    /// fn`) requires, so that a coroutine is run from the top through a frame
    /// (O(1) per item). The `unsafe` block holds only tokens of ours, which
    /// the user cannot reach, and keeps the call-site hygiene of the
    /// expansion, so a crate with `#![forbid(unsafe_code)]` accepts it.
    /// Inside another macro's arguments the tokens may end up anywhere (in
    /// an `async` block of that macro's, which could be leaked), so there the
    /// expansion is the safe `yield_from`, which re-yields each item.
    ///
    /// `prepare` reports a source that cannot be delegated to, and rustc
    /// reports it at the argument of `prepare` it blames. Both arguments
    /// begin with a token spanned at the first token of the user's `source`
    /// and end with one spanned at its last (the `(..)` hide our names), so
    /// they span the whole of it. The name `prepare` is spanned at the name
    /// of the macro (`call`), where rustc says which call required the bound.
    /// (The `match` keeps the temporaries of `source` alive until the
    /// delegation ends, as a `for` loop does.)
    fn delegation(
        &self,
        call: Span,
        source: &Expr,
        first: Option<&Expr>,
        place: Place,
    ) -> TokenStream {
        let tokens = source.to_token_stream();
        let start = tokens
            .clone()
            .into_iter()
            .next()
            .map_or_else(Span::call_site, |t| t.span());
        let end = tokens.into_iter().last().map_or(start, |t| t.span());
        let private = start.resolved_at(Span::mixed_site());
        let co = Ident::new(&self.co.to_string(), private);
        let var = hygiene::private_ident("source", start);
        let strategy = hygiene::private_ident("strategy", start);
        let first_var = hygiene::private_ident("first", start);
        let delegate = match self.kind {
            Kind::Stream => quote_spanned!(private=> __coro_delegate_stream),
            Kind::AsyncCoroutine => quote_spanned!(private=> __coro_delegate_async),
            Kind::Iterator | Kind::Coroutine => quote_spanned!(private=> __coro_delegate),
        };
        let (prepare, first) = match first {
            Some(first) => (quote_spanned!(call=> prepare_with), quote!(, #first)),
            None => (quote_spanned!(call=> prepare), TokenStream::new()),
        };
        let borrowed_co = {
            let amp = quote_spanned!(start=> &);
            let co = group(Delimiter::Parenthesis, co.to_token_stream(), end);
            quote!(#amp #co)
        };
        let moved_source = {
            let var = group(Delimiter::Parenthesis, var.to_token_stream(), start);
            let mut zero = Literal::usize_unsuffixed(0);
            zero.set_span(end);
            quote_spanned!(start=> #var.#zero)
        };
        let args = group(
            Delimiter::Parenthesis,
            quote!(#borrowed_co, #moved_source #first),
            end,
        );
        // Where the generator is suspended while it delegates, for `Debug`.
        let at = quote_spanned! {call=>
            &::core::concat!(::core::file!(), ":", ::core::line!(), ":", ::core::column!())
        };
        let run = match place {
            Place::InBody => quote_spanned! {private=>
                unsafe { #strategy.yield_from_in_place(&mut #co, #var, #first_var, #at) }.await
            },
            Place::InTokens => quote_spanned! {private=>
                #strategy.yield_from(&mut #co, #var, #first_var, #at).await
            },
        };
        // In parentheses: `match S { .. } {` would read a struct literal's
        // braces as the match's.
        let source = group(Delimiter::Parenthesis, source.to_token_stream(), private);
        quote_spanned! {private=>
            match #source {
                #var => {
                    let #var = #co.#delegate(#var);
                    let #strategy = #var.__coro_pick();
                    let (#var, #first_var) = #strategy.#prepare #args;
                    #run
                }
            }
        }
    }

    /// `yield_from!(..)` in an expression or a statement: the block that
    /// replaces it, or `None` when the call stays (with new arguments).
    fn replace_yield_from(&mut self, mac: &mut Macro) -> Option<TokenStream> {
        let call = mac
            .path
            .segments
            .last()
            .map_or_else(Span::call_site, |s| s.ident.span());
        match self.yield_from(call, mem::take(&mut mac.tokens)) {
            YieldFrom::Args(tokens) => {
                mac.tokens = tokens;
                None
            }
            YieldFrom::Replace(expansion) => {
                Some(replacement(&mac.path.to_token_stream(), &expansion))
            }
        }
    }

    /// The new arguments of a `yield_!` call: `yield_!(value)` becomes
    /// `yield_!(@__coro_yield_at __coro_co [&"file:line:column"] value)`,
    /// which the facade's `yield_!` expands to
    /// `__coro_co.yield_at(&"file:line:column", value).await`. Where no yield
    /// can be, it becomes the error the facade's `yield_!` reports (at the
    /// user's call). Going through the user's own path keeps their import
    /// used. `site` is the `yield_!`'s name: where the generator says it is
    /// suspended (`Debug`).
    fn yield_arguments(&mut self, site: Span, tokens: TokenStream) -> TokenStream {
        if let Some(message) = self.misplaced_yield() {
            return quote!(@__coro_error #message);
        }
        // An expression, as it must be: walked as the body is (so that a
        // `?` in it is seen); tokens otherwise, for the facade's `yield_!`
        // to report.
        // (Its `yield_from!`s re-yield, as among any macro's tokens: the
        // `yield_!` that takes them may be a user's macro of that name.)
        let value = match syn::parse2::<Expr>(tokens.clone()) {
            Ok(mut expr) => {
                let saved = mem::replace(&mut self.place, Place::InTokens);
                self.visit_expr_mut(&mut expr);
                self.place = saved;
                expr.into_token_stream()
            }
            Err(_) => self.rewrite_tokens(tokens),
        };
        let value = if value.is_empty() { quote!(()) } else { value };
        let co = self.co;
        let at = quote_spanned! {site=>
            [&::core::concat!(::core::file!(), ":", ::core::line!(), ":", ::core::column!())]
        };
        // (Only in the body's own syntax: among another macro's tokens the
        // `yield_!` may be inside an `async` block, which would capture the
        // local, or dropped.)
        let item_local = match self.place {
            Place::InBody => self.item_local.as_ref(),
            Place::InTokens => None,
        };
        match (item_local, self.unit_resume) {
            (Some(item), true) => {
                self.assigns_item.get_or_insert(site);
                quote!(@__coro_item_into #co #item #at #value)
            }
            (Some(item), false) => {
                self.assigns_item.get_or_insert(site);
                quote!(@__coro_yield_into #co #item #at #value)
            }
            (None, true) => quote!(@__coro_item_at #co #at #value),
            (None, false) => quote!(@__coro_yield_at #co #at #value),
        }
    }

    /// The expression a `yield_!(value)` in the body becomes (`value`
    /// rewritten already): what the facade's `yield_!` makes of the
    /// arguments [`yield_arguments`](Self::yield_arguments) gives it.
    fn yield_expression(&self, site: Span, value: &TokenStream) -> Expr {
        let co = Ident::new(&self.co.to_string(), Span::mixed_site());
        let at = quote_spanned! {site=>
            &::core::concat!(::core::file!(), ":", ::core::line!(), ":", ::core::column!())
        };
        if self.unit_resume {
            syn::parse_quote_spanned!(Span::mixed_site()=> #co.yield_item_at(#at, #value).await)
        } else {
            syn::parse_quote_spanned!(Span::mixed_site()=> #co.yield_at(#at, #value).await)
        }
    }

    /// Walks the raw tokens of a macro call that is not ours.
    fn rewrite_tokens(&mut self, tokens: TokenStream) -> TokenStream {
        let saved = mem::replace(&mut self.place, Place::InTokens);
        let out = self.rewrite_tokens_inner(tokens);
        self.place = saved;
        out
    }

    fn rewrite_tokens_inner(&mut self, tokens: TokenStream) -> TokenStream {
        let mut out = Vec::new();
        let mut iter = tokens.into_iter().peekable();
        while let Some(tt) = iter.next() {
            match tt {
                // `name!(..)`
                TokenTree::Ident(name) if iter.peek().is_some_and(|t| is_punct(t, '!')) => {
                    let bang = iter.next();
                    let args = iter.next_if(|t| matches!(t, TokenTree::Group(_)));
                    match args {
                        Some(TokenTree::Group(args)) => {
                            let path = take_path(&mut out);
                            out.extend(self.rewrite_macro_call(path, name, bang, &args));
                        }
                        _ => out.extend(iter::once(TokenTree::Ident(name)).chain(bang).chain(args)),
                    }
                }
                // `async { .. }` / `async move { .. }`, or an async closure
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
                    } else if iter.peek().is_some_and(|t| is_punct(t, '|')) {
                        self.rewrite_closure_tokens(&mut iter, &mut out);
                    }
                }
                // A closure: `|..| body` where an expression starts (the
                // start of a group, after `,` `;` `=` `=>` or `move`); its
                // body runs to the next `,` or `;`.
                TokenTree::Punct(bar) if bar.as_char() == '|' && starts_expression(&out) => {
                    out.push(TokenTree::Punct(bar));
                    self.rewrite_closure_tokens(&mut iter, &mut out);
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
        out.into_iter().collect()
    }

    /// The rest of a closure found among raw tokens, after its opening `|`
    /// (already in `out`) or before it (an `async` closure): its parameters
    /// unchanged, then its body, up to the next `,` or `;`, in the closure's
    /// scope, so that a `yield_!` there is reported as in any closure.
    fn rewrite_closure_tokens(
        &mut self,
        iter: &mut iter::Peekable<proc_macro2::token_stream::IntoIter>,
        out: &mut Vec<TokenTree>,
    ) {
        // The parameters: up to the closing `|` (or none, for `||`).
        let opened = matches!(out.last(), Some(t) if is_punct(t, '|'));
        if !opened {
            out.extend(iter.next_if(|t| is_punct(t, '|')));
        }
        let empty = matches!(out.last(), Some(TokenTree::Punct(p)) if p.as_char() == '|' && p.spacing() == proc_macro2::Spacing::Joint);
        if empty {
            out.extend(iter.next_if(|t| is_punct(t, '|')));
        } else {
            for tt in iter.by_ref() {
                let end = is_punct(&tt, '|');
                out.push(tt);
                if end {
                    break;
                }
            }
        }
        let mut body = TokenStream::new();
        while let Some(tt) = iter.next_if(|t| !is_punct(t, ',') && !is_punct(t, ';')) {
            body.extend([tt]);
        }
        self.in_scope(Scope::Closure, |this| {
            out.extend(this.rewrite_tokens(body));
        });
    }

    /// A macro call found among raw tokens: `path name ! args`, where
    /// `path` is what comes before the name (`coro ::`, say).
    fn rewrite_macro_call(
        &mut self,
        path: Vec<TokenTree>,
        name: Ident,
        bang: Option<TokenTree>,
        args: &Group,
    ) -> TokenStream {
        let name_str = name.to_string();
        let args = match our_macro(&name_str) {
            Some(Ours::Yield) => regroup(args, self.yield_arguments(name.span(), args.stream())),
            Some(Ours::YieldFrom) => match self.yield_from(name.span(), args.stream()) {
                YieldFrom::Args(tokens) => regroup(args, tokens),
                YieldFrom::Replace(expansion) => {
                    let path = path.into_iter().chain([TokenTree::Ident(name)]);
                    let block = replacement(&path.collect(), &expansion);
                    return quote!((#block));
                }
            },
            None if is_nested_generator(&name_str) => TokenTree::Group(args.clone()),
            None => regroup(args, self.rewrite_tokens(args.stream())),
        };
        path.into_iter()
            .chain([TokenTree::Ident(name)])
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
            Expr::Macro(mac) if is_yield_from(&mac.mac) => {
                if let Some(block) = self.replace_yield_from(&mut mac.mac) {
                    // In parentheses: a block would end an expression
                    // statement it begins (`yield_from!(c) + 1;`).
                    let attrs = &mac.attrs;
                    *expr = Expr::Verbatim(quote!(#(#attrs)* (#block)));
                }
            }
            Expr::Return(ret) if self.scope == Scope::Body => {
                visit_mut::visit_expr_return_mut(self, ret);
                if let Some(rewritten) = self.returns.rewrite(ret, &self.krate) {
                    *expr = rewritten;
                }
            }
            // `yield value` (or `yield!(value)`, which parses as `yield
            // !(value)`): the keyword of nightly's coroutines, which the
            // parser has already reported as unstable. Say what to write,
            // and go on as if it were written, so that this is the only
            // error of coro's.
            Expr::Yield(yielded) => {
                let span = yielded.yield_token.span;
                let (value, shown) = match yielded.expr.take().map(|e| *e) {
                    Some(Expr::Unary(syn::ExprUnary {
                        op: syn::UnOp::Not(_),
                        expr: inner,
                        ..
                    })) if matches!(*inner, Expr::Paren(_)) => {
                        let Expr::Paren(paren) = *inner else {
                            unreachable!("matched above")
                        };
                        (Some(*paren.expr), "yield!(..)")
                    }
                    other => (other, "yield .."),
                };
                let message = format!(
                    "write `yield_!(value)` instead of `{shown}`: `yield` is a keyword reserved for \
                     Rust's unstable coroutines (the error beside this one), and coro's macro is \
                     `yield_!`; import it with `use coro::yield_;`"
                );
                if self.misplaced_yield().is_some() {
                    // Where no `yield_!` could be either: that comes next.
                    self.reported_inline = true;
                    *expr = syn::parse_quote_spanned!(span=> ::core::compile_error!(#message));
                    return;
                }
                self.errors.push(syn::Error::new(span, message));
                let mut value = value.map_or_else(|| quote!(()), ToTokens::into_token_stream);
                value = self.rewrite_tokens(value);
                *expr = self.yield_expression(span, &value);
            }
            Expr::Try(tried)
                if self.scope == Scope::Body && matches!(self.returns, Returns::Unit) =>
            {
                visit_mut::visit_expr_try_mut(self, tried);
                let span = tried.question_token.span;
                let message = question_mark_message(self.kind);
                self.reported_inline = true;
                *expr = syn::parse_quote_spanned!(span=> ::core::compile_error!(#message));
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_stmt_mut(&mut self, stmt: &mut Stmt) {
        if let Stmt::Macro(mac) = stmt
            && is_yield_from(&mac.mac)
        {
            if let Some(block) = self.replace_yield_from(&mut mac.mac) {
                let attrs = &mac.attrs;
                let expr = Expr::Verbatim(quote!(#(#attrs)* #block));
                *stmt = Stmt::Expr(expr, mac.semi_token);
            }
            return;
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        let Some(last) = mac.path.segments.last() else {
            return;
        };
        let name = last.ident.to_string();
        let tokens = mem::take(&mut mac.tokens);
        mac.tokens = match our_macro(&name) {
            Some(Ours::Yield) => self.yield_arguments(last.ident.span(), tokens),
            // Not in an expression (a pattern or a type): the facade's
            // `yield_from!` reports what it is given there.
            Some(Ours::YieldFrom) => tokens,
            None if is_nested_generator(&name) => tokens,
            None => self.rewrite_tokens(tokens),
        };
    }

    fn visit_item_mut(&mut self, _: &mut Item) {
        // Do not recurse into nested items: they are not part of this
        // generator, and a nested `#[generator]` rewrites its own body.
    }
}

/// Why `?` cannot be used in the body of an iterator or stream whose item
/// is not a `Result`.
fn question_mark_message(kind: Kind) -> &'static str {
    match kind {
        Kind::Stream => {
            "`?` needs the stream's item type to be a `Result`: write \
             `impl Stream<Item = Result<T, E>>`, and an error ends the stream as its last item \
             (or handle it here, with `match` or `if let`)"
        }
        _ => {
            "`?` needs the iterator's item type to be a `Result`: write \
             `impl Iterator<Item = Result<T, E>>`, and an error ends the iteration as its last \
             item (or handle it here, with `match` or `if let`)"
        }
    }
}

/// Where a `yield_from!` call is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
    /// In the body's own syntax: its delegation is awaited in place.
    InBody,
    /// Among the raw tokens of another macro's arguments, which that macro
    /// may put anywhere.
    InTokens,
}

/// What a `yield_from!` call becomes.
enum YieldFrom {
    /// The call stays, with these arguments.
    Args(TokenStream),
    /// This expression replaces the call.
    Replace(TokenStream),
}

fn is_yield_from(mac: &Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|last| our_macro(&last.ident.to_string()) == Some(Ours::YieldFrom))
}

/// `{ path!(@__coro_unused); expansion }`: the expansion of a `yield_from!`
/// call, beside a call that keeps the user's import of `yield_from` used.
fn replacement(path: &TokenStream, expansion: &TokenStream) -> TokenStream {
    quote!({ #path!(@__coro_unused); #expansion })
}

/// Takes the path before a macro name off the end of `out`: the `a ::` of
/// `a :: name ! (..)`, or a leading `::`.
fn take_path(out: &mut Vec<TokenTree>) -> Vec<TokenTree> {
    let mut start = out.len();
    while start >= 2 && is_punct(&out[start - 1], ':') && is_punct(&out[start - 2], ':') {
        start -= 2;
        if start >= 1 && matches!(out[start - 1], TokenTree::Ident(_)) {
            start -= 1;
        } else {
            break;
        }
    }
    out.split_off(start)
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

/// Whether an expression may start after `out`: at the start of a group, or
/// after `,` `;` `=` `=>` or `move` (so that a `|` there opens a closure
/// rather than being a bitwise or).
fn starts_expression(out: &[TokenTree]) -> bool {
    match out.last() {
        None => true,
        Some(TokenTree::Punct(p)) => {
            matches!(p.as_char(), ',' | ';')
                || (p.as_char() == '=' && p.spacing() == proc_macro2::Spacing::Alone)
                || (p.as_char() == '>'
                    && matches!(out.iter().rev().nth(1), Some(TokenTree::Punct(q)) if q.as_char() == '=' && q.spacing() == proc_macro2::Spacing::Joint))
        }
        Some(TokenTree::Ident(i)) => i == "move" || i == "return",
        _ => false,
    }
}

fn is_punct(tt: &TokenTree, ch: char) -> bool {
    matches!(tt, TokenTree::Punct(p) if p.as_char() == ch)
}

fn group(delimiter: Delimiter, stream: TokenStream, span: Span) -> TokenTree {
    let mut group = Group::new(delimiter, stream);
    group.set_span(span);
    TokenTree::Group(group)
}

fn regroup(group: &Group, stream: TokenStream) -> TokenTree {
    let mut new = Group::new(group.delimiter(), stream);
    new.set_span(group.span());
    TokenTree::Group(new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::{count, has, says};

    fn rewrite(kind: Kind, fallible: bool, body: TokenStream) -> (TokenStream, Vec<String>) {
        let returns = if fallible {
            Returns::Fallible
        } else {
            Returns::Unit
        };
        let mut block: syn::Block = syn::parse2(quote!({ #body })).unwrap();
        let co = hygiene::co();
        let errors = ReplaceYield::new(&co, kind, Form::Fn, &returns).rewrite_block(&mut block);
        (
            block.into_token_stream(),
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
        assert_eq!(count(&out, "@ __coro_item_at __coro_co"), 4, "{out}");
        assert!(
            has(
                &out,
                "coro :: yield_ ! (@ __coro_item_at __coro_co [& :: core :: concat ! (:: core :: file ! () , \":\" , :: core :: line ! () , \":\" , :: core :: column ! ())] 2)"
            ),
            "{out}"
        );
        assert!(
            has(
                &out,
                "yield_ ! (@ __coro_item_at __coro_co [& :: core :: concat ! (:: core :: file ! () , \":\" , :: core :: line ! () , \":\" , :: core :: column ! ())] ())"
            ),
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
        assert_eq!(count(&out, "@ __coro_item_at __coro_co"), 3, "{out}");
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
        assert_eq!(count(&out, "(@ __coro_error"), 4, "{out}");
        assert_eq!(
            out.to_string().matches("inside a closure").count(),
            2,
            "{out}"
        );
        assert_eq!(
            out.to_string().matches("inside an `async` block").count(),
            2,
            "{out}"
        );
        assert!(!has(&out, "__coro_co"), "{out}");
    }

    #[test]
    fn closures_among_other_macros_tokens_are_closures() {
        let (out, _) = rewrite(
            Kind::Iterator,
            false,
            quote! {
                let v = vec![(|| yield_!(1))(), 0];
                let w = vec![0, x.map(|y| y + yield_!(2)).sum(), yield_!(3)];
                println!("{:?}", async || yield_!(4));
                println!("{:?}", async move |a, b| yield_!(5));
                let m = vec![move || yield_!(6)];
                let o = vec![a | yield_!(7), b || yield_!(8)];
            },
        );
        assert_eq!(
            out.to_string().matches("inside a closure").count(),
            5,
            "{out}"
        );
        // After the closure's `,`, and in a bitwise or, yields are the body's.
        assert_eq!(count(&out, "@ __coro_item_at __coro_co"), 3, "{out}");
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
        assert!(!has(&out, "__coro_co"), "{out}");
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
        assert_eq!(count(&out, "compile_error"), 1, "{out}");
        assert!(says(&out, "make it an `async fn`"), "{out}");
        assert_eq!(errors.len(), 1);
        let (out, errors) = rewrite(
            Kind::Stream,
            false,
            quote! { f.await; println!("{}", h.await); },
        );
        assert!(!has(&out, "compile_error") && errors.is_empty(), "{out}");
    }

    #[test]
    fn yield_from_becomes_a_delegation_beside_the_users_path() {
        let (out, errors) = rewrite(
            Kind::Iterator,
            false,
            quote! {
                yield_from!(v);
                let r = coro::yield_from!(c, 1);
                println!("{:?}", ::coro::yield_from!(w));
                let f = |w| yield_from!(w);
            },
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(count(&out, "__coro_delegate ("), 3, "{out}");
        assert_eq!(count(&out, ". prepare ("), 2, "{out}");
        assert_eq!(count(&out, ". prepare_with ("), 1, "{out}");
        assert!(
            has(&out, "{ yield_from ! (@ __coro_unused) ; match (v) {"),
            "{out}"
        );
        assert!(
            has(
                &out,
                "({ coro :: yield_from ! (@ __coro_unused) ; match (c) {"
            ),
            "{out}"
        );
        assert!(
            has(
                &out,
                "({ :: coro :: yield_from ! (@ __coro_unused) ; match (w) {"
            ),
            "{out}"
        );
        assert!(has(&out, "yield_from ! (@ __coro_error"), "{out}");
        // In the body's own syntax, the delegation runs in place; inside
        // `println!`'s arguments, it re-yields.
        assert_eq!(
            count(
                &out,
                "unsafe { __coro_strategy . yield_from_in_place (& mut __coro_co"
            ),
            2,
            "{out}"
        );
        assert_eq!(
            count(&out, "__coro_strategy . yield_from (& mut __coro_co"),
            1,
            "{out}"
        );
    }

    #[test]
    fn yield_from_among_other_macros_tokens_never_runs_in_place() {
        // However deep: a `yield_from!` in the source of a `yield_from!`
        // that is itself among `vec!`'s tokens, or in a `yield_!`'s value.
        let (out, errors) = rewrite(
            Kind::Iterator,
            false,
            quote! {
                let v = vec![yield_from!(yield_from!(c))];
                yield_!(yield_from!(d));
                my_macro!({ let x = yield_from!(e); x });
            },
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(!has(&out, "unsafe"), "{out}");
        assert!(!has(&out, "yield_from_in_place"), "{out}");
        assert_eq!(count(&out, ". yield_from (& mut __coro_co"), 4, "{out}");
    }

    #[test]
    fn yield_from_in_async_generators_takes_one_stream() {
        let (out, errors) = rewrite(
            Kind::Stream,
            false,
            quote! {
                yield_from!(s);
                yield_from!(t, 1);
                yield_from!(c, 1, 2);
            },
        );
        assert_eq!(count(&out, "__coro_delegate_stream ("), 3, "{out}");
        assert!(!has(&out, "prepare_with"), "{out}");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors.iter().all(|e| e.contains("takes only the stream")),
            "{errors:?}"
        );
    }

    #[test]
    fn the_yield_keyword_is_reported_and_read_as_yield_() {
        let (out, errors) = rewrite(
            Kind::Iterator,
            false,
            quote! { yield 1; yield!(2); let f = || yield 3; },
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("write `yield_!(value)` instead of `yield ..`"));
        assert!(errors[1].starts_with("write `yield_!(value)` instead of `yield!(..)`"));
        // Each goes on as a `yield_!` of its value (`yield!(2)` of 2).
        assert!(has(&out, "__coro_co . yield_item_at ("), "{out}");
        assert!(says(&out, ", 1) . await"), "{out}");
        assert!(says(&out, ", 2) . await"), "{out}");
        // In a closure, where no yield can be: reported in place.
        assert!(has(&out, "let f = | | :: core :: compile_error !"), "{out}");
    }

    #[test]
    fn question_marks_need_a_result_item() {
        let (out, errors) = rewrite(
            Kind::Iterator,
            false,
            quote! {
                yield_!(x.parse()?);
                let y = f()?;
                let g = || -> Option<u8> { Some(h()?) };
            },
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            out.to_string()
                .matches("`?` needs the iterator's item type")
                .count(),
            2,
            "{out}"
        );
        assert!(has(&out, "Some (h () ?)"), "{out}");
        // With `Result` items, `?` is the body's to rewrite as it always was.
        let (out, _) = rewrite(Kind::Iterator, true, quote! { let y = f()?; });
        assert!(!has(&out, "compile_error"), "{out}");
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
            has(
                &out,
                "return { let __coro_return : () = () ; :: core :: result :: Result :: Ok (()) }"
            ),
            "{out}"
        );
        assert!(
            has(
                &out,
                "return { let __coro_return : () = f () ; :: core :: result :: Result :: Ok (()) }"
            ),
            "{out}"
        );
        assert!(has(&out, "return 5"), "{out}");
        let (out, _) = rewrite(Kind::Iterator, false, quote! { return; return g(); });
        assert!(
            has(
                &out,
                "return ; return { let __coro_return : () = :: coro :: __private :: returns_nothing (g ()) ; __coro_return }"
            ),
            "{out}"
        );
    }
}
