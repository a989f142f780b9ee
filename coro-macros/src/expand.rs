//! The expansions: parse → validate → rewrite → emit, with errors turned into
//! `compile_error!` here and nowhere else.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::visit_mut::VisitMut;
use syn::{FnArg, Pat, PatIdent, Signature, Type, TypeParamBound};

use crate::args::Args;
use crate::hygiene;
use crate::native;
use crate::parse::{self, BlockInput, BlockKind, GeneratorFn, Kind, Output};
use crate::validate::{self, Errors};
use crate::visit::{Form, ReplaceYield, Returns, our_macro_paths};

/// `#[generator]`.
pub(crate) fn generator(args: TokenStream, item: &TokenStream) -> TokenStream {
    let f = match parse::parse_fn(item) {
        Ok(f) => f,
        // Not a function: keep the item so that the error is the only one.
        Err(error) => {
            let error = error.into_compile_error();
            return quote!(#error #item);
        }
    };
    let mut errors = Errors::default();
    let output = match parse::parse_output(&f.sig, &mut errors) {
        Ok(output) => output,
        Err(error) => return fallback(&f, &error),
    };
    let args = Args::parse(args).unwrap_or_else(|error| {
        errors.push(error);
        Args::default()
    });
    validate::validate(&f.sig, &output, &args, &mut errors);
    let expansion = expand_fn(f, &output, &args, &mut errors);
    let errors = errors
        .into_result()
        .err()
        .map(syn::Error::into_compile_error);
    quote!(#errors #expansion)
}

/// The function with its signature as written and a body that type-checks
/// whatever the return type, beside `error`: the user sees that one error
/// rather than a cascade.
fn fallback(f: &GeneratorFn, error: &syn::Error) -> TokenStream {
    let GeneratorFn {
        attrs,
        vis,
        sig,
        block,
    } = f;
    let error = error.to_compile_error();
    // The body is gone, but its `yield_` import stays used.
    let uses_yield = our_macro_paths(block)
        .into_iter()
        .map(|path| quote!(#path!(@__coro_unused);));
    quote! {
        #error
        #(#attrs)*
        #vis #sig {
            #(#uses_yield)*
            ::core::unreachable!("`#[generator]` reported an error; this body never compiles")
        }
    }
}

// Input:
//
//     #[generator]
//     pub fn odds(start: u32, mut end: u32) -> impl Iterator<Item = u32> {
//         body
//     }
//
// Output:
//
//     pub fn odds(start: u32, end: u32) -> impl Iterator<Item = u32> + ::core::iter::FusedIterator {
//         ::coro::__private::iter::<u32, (), _>(async move |mut __coro_co, ()| {
//             let start = start;      // moves each argument in whole, as `async fn` does
//             let mut end = end;
//             body                    // with `yield_!(v)` → `yield_!(@__coro_yield __coro_co v)`
//         })
//     }
//
// An `async fn` loses its `async` and calls `stream`; a `Coroutine` calls
// `coroutine` and drops the first resume argument; `unboxed` picks the
// `*_unboxed` constructors. A boxed return type (`BoxIter<'a, T>`, ...) wraps
// the unboxed constructor in the function that boxes it as a trait object
// (`box_iter(iter_raw::<..>(..))`). When the item type is a `Result`, the body
// is followed by `Ok(())` and its `return`s become `return Ok(())`, so that
// `?` works in it.
fn expand_fn(f: GeneratorFn, output: &Output, args: &Args, errors: &mut Errors) -> TokenStream {
    let GeneratorFn {
        attrs,
        vis,
        mut sig,
        mut block,
    } = f;
    let krate = args
        .krate
        .as_ref()
        .map_or_else(|| quote!(::coro), ToTokens::to_token_stream);
    let co = hygiene::co();
    let kind = output.kind;

    let returns = match kind {
        Kind::Coroutine => match nameable(&output.return_ty) {
            ty if ty.to_string() == "_" => Returns::Unchecked,
            ty => Returns::Typed(ty),
        },
        _ if output.fallible => Returns::Fallible,
        _ => Returns::Unit,
    };
    let unit_resume = kind != Kind::Coroutine || is_unit(&output.resume_ty);
    let original_sig = sig.clone();
    let original_block = block.clone();
    let rewrite = ReplaceYield::new(&co, kind, Form::Fn, &returns).unit_resume(unit_resume);
    let (rewrite_errors, delegates) = rewrite.rewrite_block_delegating(&mut block);
    let rewrite_failed = !rewrite_errors.is_empty();
    for error in rewrite_errors {
        errors.push(error);
    }
    let rebinds = rebind_arguments(&mut sig);

    let needs_native = args
        .native
        .as_ref()
        .map(|a| (a.span(), "`native`"))
        .or_else(|| clone_bound(output).map(|span| (span, "`+ Clone`")));
    // The native engine, for a sync body it can build; else the async one.
    let wanted = args.fallback.is_none() && (needs_native.is_some() || !fallback_forced());
    let native = (kind != Kind::Stream && wanted && !rewrite_failed).then(|| {
        let input = native::Input {
            krate: &krate,
            kind,
            returns: &returns,
            yield_ty: nameable(&output.yield_ty),
            resume_ty: nameable(&output.resume_ty),
            output_ty: output_type(output, &krate),
            params: native_params(&original_sig, &sig),
            first: native::First::Discard,
            body: &original_block,
            name: Some(&original_sig.ident),
            location: Span::call_site(),
        };
        native::expand(&input)
    });
    let call = match native {
        Some(Ok(native)) => match output.boxed.map(|_| boxer(output, &krate)) {
            Some(wrap) => quote!(#wrap(#native)),
            None => native,
        },
        other => {
            if let (Some((span, what)), Some(Err(rejection))) = (needs_native, &other) {
                errors.push(not_native(span, what, rejection));
            }
            let body = body_closure(&krate, &co, kind, &returns, &rebinds, &block);
            let (call, wrap) = constructor(output, args, &krate, delegates);
            let call = quote!(#call(async move #body));
            match wrap {
                Some(wrap) => quote!(#wrap(#call)),
                None => call,
            }
        }
    };

    // What could not be accepted was reported; the expansion goes on without
    // it so that the report stays the only error.
    sig.asyncness = None;
    sig.constness = None;
    sig.safety = syn::Safety::Default;
    sig.abi = None;
    sig.variadic = None;
    let allow_fused = add_bounds(&mut sig, output, &krate).then(|| {
        quote_spanned! {Span::mixed_site()=>
            #[allow(
                clippy::implied_bounds_in_impls,
                reason = "`#[generator]` adds bounds to the return type written"
            )]
        }
    });

    quote! {
        #(#attrs)*
        #allow_fused
        #vis #sig {
            #call
        }
    }
}

/// Whether coro's own CI asks for the async engine wherever the native one
/// is not required (`CORO_TEST_ENGINE=fallback`), so that Miri runs the
/// whole test suite over the `unsafe` driver. Not for users: a generator
/// takes `#[generator(fallback)]`.
fn fallback_forced() -> bool {
    std::env::var_os("CORO_TEST_ENGINE").is_some_and(|engine| engine == "fallback")
}

/// The type a sync body's end gives: `()`, `Result<(), E>` for `?`, or the
/// coroutine's return type.
fn output_type(output: &Output, krate: &TokenStream) -> TokenStream {
    match output.kind {
        Kind::Coroutine => nameable(&output.return_ty),
        _ if output.fallible => {
            let yield_ty = nameable(&output.yield_ty);
            quote!(::core::result::Result<(), <#yield_ty as #krate::__private::TryItem>::Error>)
        }
        _ => quote!(()),
    }
}

/// The parameters as the native engine moves them into the generator: the
/// name the signature gives each (after `rebind_arguments`) and the pattern
/// the body binds it to.
fn native_params(original: &Signature, rebound: &Signature) -> Vec<native::Param> {
    original
        .inputs
        .iter()
        .zip(&rebound.inputs)
        .map(|(before, after)| match (before, after) {
            (FnArg::Receiver(receiver), _) => native::Param {
                name: syn::Ident::new("self", receiver.self_token.span),
                pat: None,
                shared_ref: match &receiver.kind {
                    syn::ReceiverKind::Reference(_, _, mutability) => mutability.is_none(),
                    syn::ReceiverKind::Typed(_, ty) => {
                        matches!(&**ty, Type::Reference(r) if r.mutability.is_none())
                    }
                    _ => false,
                },
                reference: match &receiver.kind {
                    syn::ReceiverKind::Reference(..) => true,
                    syn::ReceiverKind::Typed(_, ty) => matches!(&**ty, Type::Reference(_)),
                    _ => false,
                },
            },
            (FnArg::Typed(before), FnArg::Typed(after)) => native::Param {
                name: match &*after.pat {
                    Pat::Ident(ident) => ident.ident.clone(),
                    _ => unreachable!("`rebind_arguments` names every parameter"),
                },
                pat: Some((*before.pat).clone()),
                shared_ref: matches!(&*before.ty, Type::Reference(r) if r.mutability.is_none()),
                reference: matches!(&*before.ty, Type::Reference(_)),
            },
            (FnArg::Typed(_), FnArg::Receiver(_)) => unreachable!("the same signature"),
        })
        .collect()
}

/// The `Clone` bound of the return type, if it has one.
fn clone_bound(output: &Output) -> Option<Span> {
    output
        .impl_trait
        .as_ref()?
        .bounds
        .iter()
        .find_map(|bound| match bound {
            TypeParamBound::Trait(bound) => bound
                .path
                .segments
                .last()
                .filter(|s| s.ident == "Clone")
                .map(|s| s.ident.span()),
            _ => None,
        })
}

/// The error for `native` or `+ Clone` on a body that cannot be native.
fn not_native(span: Span, what: &str, rejection: &native::Rejection) -> syn::Error {
    let mut error = syn::Error::new(
        span,
        format!(
            "{what} needs the state machine coro builds itself, and this generator's body \
             cannot have one"
        ),
    );
    let fix = if rejection.borrow {
        "iterate by index or own the data instead of borrowing it across the `yield_!`"
    } else {
        "write this part another way (the native engine does not lower it yet)"
    };
    error.combine(syn::Error::new(
        rejection.span,
        format!(
            "because of this: {}; {fix}, or drop {what}",
            rejection.reason
        ),
    ));
    error
}

/// The function that boxes a native generator for a boxed return type.
fn boxer(output: &Output, krate: &TokenStream) -> TokenStream {
    let local = output.boxed.is_some_and(|b| b.local);
    let name = match (output.kind, local) {
        (Kind::Coroutine, false) => quote!(box_coroutine),
        (Kind::Coroutine, true) => quote!(local_box_coroutine),
        (_, false) => quote!(box_iter),
        (_, true) => quote!(local_box_iter),
    };
    quote!(#krate::__private::#name)
}

/// The closure the body becomes: `|mut __coro_co, first| { .. }`.
///
/// The body's value is checked in a `let` against the type the signature
/// promises, so that a mismatch is reported at its tail (the closure would
/// report it at the whole closure). When the body never finishes, the
/// statement after that `let` is unreachable: the warning would be about our
/// code, not the user's.
fn body_closure(
    krate: &TokenStream,
    co: &syn::Ident,
    kind: Kind,
    returns: &Returns,
    rebinds: &[TokenStream],
    block: &syn::Block,
) -> TokenStream {
    let end = hygiene::private_ident("end", Span::call_site());
    let first = hygiene::private_ident("first", Span::call_site());
    let (first_param, drop_first) = if kind == Kind::Coroutine {
        // No `yield_!` receives the first resume argument.
        (
            quote!(#first),
            quote_spanned!(Span::mixed_site()=> #krate::__private::discard(#first);),
        )
    } else {
        (quote!(()), TokenStream::new())
    };
    let (check, tail) = match returns {
        Returns::Typed(ty) => (quote!(: #ty), quote!(#end)),
        Returns::Unchecked => (TokenStream::new(), quote!(#end)),
        Returns::Fallible => (quote!(: ()), quote!(::core::result::Result::Ok(#end))),
        Returns::Unit => (quote!(: ()), quote!(#end)),
    };
    quote_spanned! {Span::mixed_site()=>
        |mut #co, #first_param| {
            #drop_first
            #(#rebinds)*
            let #end #check = #block;
            #[allow(unreachable_code)]
            let #end = #tail;
            #end
        }
    }
}

/// `::coro::__private::iter::<Mode, Item, Finish, _>` and its siblings;
/// for a boxed return type, the unboxed constructor inside the function that
/// boxes it (`::coro::__private::box_iter(::coro::__private::iter_raw::<..>)`),
/// which is where the body's `Send`-ness is checked.
fn constructor(
    output: &Output,
    args: &Args,
    krate: &TokenStream,
    delegates: bool,
) -> (TokenStream, Option<TokenStream>) {
    let yield_ty = nameable(&output.yield_ty);
    let unboxed = args.unboxed.is_some() || output.boxed.is_some();
    let mode = sync_mode(krate, delegates);
    let call = match output.kind {
        Kind::Iterator | Kind::Stream => {
            let finish = if output.fallible {
                quote!(::core::result::Result<(), <#yield_ty as #krate::__private::TryItem>::Error>)
            } else {
                quote!(())
            };
            match (output.kind, unboxed) {
                (Kind::Stream, true) => {
                    quote!(#krate::__private::stream_unboxed::<#yield_ty, #finish, _>)
                }
                (Kind::Stream, false) => quote!(#krate::__private::stream::<#yield_ty, #finish, _>),
                (_, true) if output.boxed.is_some() => {
                    quote!(#krate::__private::iter_raw::<#mode, #yield_ty, #finish, _>)
                }
                _ => quote!(#krate::__private::iter::<#mode, #yield_ty, #finish, _>),
            }
        }
        Kind::Coroutine => {
            let ctor = if unboxed {
                quote!(coroutine_unboxed)
            } else {
                quote!(coroutine)
            };
            let resume_ty = nameable(&output.resume_ty);
            let return_ty = nameable(&output.return_ty);
            quote!(#krate::__private::#ctor::<#mode, #yield_ty, #resume_ty, #return_ty, _>)
        }
    };
    let wrap = output.boxed.map(|boxed| {
        let name = match (output.kind, boxed.local) {
            (Kind::Iterator, false) => quote!(box_iter),
            (Kind::Iterator, true) => quote!(local_box_iter),
            (Kind::Stream, false) => quote!(box_stream),
            (Kind::Stream, true) => quote!(local_box_stream),
            (Kind::Coroutine, false) => quote!(box_coroutine),
            (Kind::Coroutine, true) => quote!(local_box_coroutine),
        };
        quote!(#krate::__private::#name)
    });
    (call, wrap)
}

/// `iter! { .. }` / `stream! { .. }`.
//
// Input:   iter! { body }   (the `macro_rules!` forwarder adds `($crate)`)
// Output:  $crate::__private::iter::<_, (), _>(async move |mut __coro_co, ()| { body })
pub(crate) fn block(kind: BlockKind, input: TokenStream) -> TokenStream {
    let BlockInput {
        krate,
        mut stmts,
        location,
    } = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.into_compile_error(),
    };
    if kind == BlockKind::Iter
        && !fallback_forced()
        && let Ok(native) = native_block(
            &krate,
            Kind::Iterator,
            &Returns::Unit,
            None,
            &stmts,
            location,
        )
    {
        return native;
    }
    let co = hygiene::co();
    let (errors, delegates) =
        ReplaceYield::new(&co, kind.kind(), Form::Block, &Returns::Unit).rewrite_stmts(&mut stmts);
    let errors = errors.into_iter().map(syn::Error::into_compile_error);
    let ctor = match kind {
        BlockKind::Iter => {
            let mode = sync_mode(&krate, delegates);
            quote!(iter::<#mode, _, (), _>)
        }
        BlockKind::Stream => quote!(stream::<_, (), _>),
    };
    let closure = quote_spanned! {Span::mixed_site().located_at(location)=>
        async move |mut #co, ()| {
            #(#stmts)*
        }
    };
    quote! {
        {
            #(#errors)*
            #krate::__private::#ctor(#closure)
        }
    }
}

/// `coroutine!(|first: R| -> T { body })`.
//
// Input:   coroutine!(|first: i64| -> usize { body })   (the forwarder adds `($crate)`)
// Output:  $crate::__private::coroutine::<_, i64, usize, _>(async move |mut __coro_co, first: i64| {
//              let __coro_end: usize = { body };
//              __coro_end
//          })
//
// The closure's parameter receives the first resume argument, as a nightly
// coroutine closure's does; without one, the coroutine is resumed with `()`.
pub(crate) fn coroutine_block(input: TokenStream) -> TokenStream {
    let parse::CoroutineInput { krate, closure } = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.into_compile_error(),
    };
    // Where rustc locates the generated closure: the user's, not the
    // forwarder's (the call site is inside coro).
    let location = syn::spanned::Spanned::span(&closure);
    let co = hygiene::co();
    let (first, resume_ty) = match closure.inputs.first() {
        Some(Pat::Type(typed)) => (quote!(#typed), nameable(&typed.ty)),
        Some(pat) => (quote!(#pat), quote!(_)),
        None => (quote!(()), quote!(())),
    };
    let (returns, return_ty) = match &closure.output {
        syn::ReturnType::Type(_, ty) => {
            let ty = nameable(ty);
            (
                if ty.to_string() == "_" {
                    Returns::Unchecked
                } else {
                    Returns::Typed(ty.clone())
                },
                ty,
            )
        }
        syn::ReturnType::Default => (Returns::Unchecked, quote!(_)),
    };
    let mut body: syn::Block = match *closure.body {
        syn::Expr::Block(block) if block.attrs.is_empty() && block.label.is_none() => block.block,
        other => syn::parse_quote!({ #other }),
    };
    if !fallback_forced()
        && let Ok(native) = native_block(
            &krate,
            Kind::Coroutine,
            &returns,
            Some((closure.inputs.first(), &resume_ty, &return_ty)),
            &body.stmts,
            location,
        )
    {
        return native;
    }
    let (errors, delegates) = ReplaceYield::new(&co, Kind::Coroutine, Form::Block, &returns)
        .unit_resume(closure.inputs.is_empty())
        .rewrite_block_delegating(&mut body);
    let mode = sync_mode(&krate, delegates);
    let errors = errors.into_iter().map(syn::Error::into_compile_error);
    let end = hygiene::private_ident("end", Span::call_site());
    let check = match &returns {
        Returns::Typed(ty) => quote!(: #ty),
        _ => TokenStream::new(),
    };
    let closure = quote_spanned! {Span::mixed_site().located_at(location)=>
        async move |mut #co, #first| {
            let #end #check = #body;
            #[allow(unreachable_code)]
            let #end = #end;
            #end
        }
    };
    quote! {
        {
            #(#errors)*
            #krate::__private::coroutine::<#mode, _, #resume_ty, #return_ty, _>(#closure)
        }
    }
}

/// The native expansion of an `iter!` (`coroutine` is `None`) or a
/// `coroutine!` (its first parameter, resume and return types), if its body
/// can be native. Its captures become the first state's fields.
fn native_block(
    krate: &TokenStream,
    kind: Kind,
    returns: &Returns,
    coroutine: Option<(Option<&Pat>, &TokenStream, &TokenStream)>,
    stmts: &[syn::Stmt],
    location: Span,
) -> Result<TokenStream, native::Rejection> {
    let params = native::captures(coroutine.and_then(|(first, _, _)| first), stmts)?
        .into_iter()
        .map(|ident| native::Param {
            pat: (ident != "self").then(|| syn::parse_quote!(mut #ident)),
            name: ident,
            shared_ref: false,
            reference: false,
        })
        .collect();
    let body = syn::Block {
        brace_token: syn::token::Brace::default(),
        stmts: stmts.to_vec(),
    };
    let (first, resume_ty, output_ty) = match coroutine {
        Some((first, resume_ty, return_ty)) => (
            first.map_or(native::First::Discard, |pat| {
                native::First::Bind(pat.clone())
            }),
            resume_ty.clone(),
            return_ty.clone(),
        ),
        None => (native::First::Discard, quote!(()), quote!(())),
    };
    let input = native::Input {
        krate,
        kind,
        returns,
        yield_ty: quote!(_),
        resume_ty,
        output_ty,
        params,
        first,
        body: &body,
        name: None,
        location,
    };
    native::expand(&input)
}

/// The mode of a sync generator: `Delegating` for a body with a
/// `yield_from!` of its own (which may run a coroutine from the top, through
/// a frame), else `ById` (whose handle finds its slot by the generator's id,
/// so that the compiler can keep the whole generator in registers).
fn sync_mode(krate: &TokenStream, delegates: bool) -> TokenStream {
    if delegates {
        quote!(#krate::__private::Delegating)
    } else {
        quote!(#krate::__private::ById)
    }
}

/// Moves every argument into the generator whole, as `async fn` does (a
/// closure would capture only the fields its body uses, dropping the rest of
/// an argument when the generator is created). Arguments with patterns get a
/// private name in the signature and are destructured inside.
fn rebind_arguments(sig: &mut Signature) -> Vec<TokenStream> {
    let mut rebinds = Vec::new();
    for (index, input) in sig.inputs.iter_mut().enumerate() {
        match input {
            FnArg::Receiver(receiver) => {
                // `&self` / `&mut self` are moved whole already (a `move`
                // closure captures a reference itself); a `self` by value is
                // not, unless the body uses it whole.
                if !matches!(receiver.kind, syn::ReceiverKind::Reference(..)) {
                    let self_token = &receiver.self_token;
                    rebinds.push(quote_spanned!(Span::mixed_site()=> let _ = &#self_token;));
                }
            }
            FnArg::Typed(arg) => match &mut *arg.pat {
                Pat::Ident(PatIdent {
                    by_ref: None,
                    mutability,
                    ident,
                    subpat: None,
                    attrs,
                }) if attrs.is_empty() => {
                    let mutability = mutability.take();
                    let let_token = quote_spanned!(Span::mixed_site()=> let);
                    // The moved-from name is ours, not the user's: lints about
                    // using a name (`_guard`, say) must not fire on it.
                    let from = with_call_site_hygiene(ident);
                    // The new binding is the user's, so that warnings about it
                    // (an unused argument) point at their parameter; except
                    // for `_name`, whose binding lints would otherwise flag.
                    let to = if ident.to_string().starts_with('_') {
                        from.clone()
                    } else {
                        ident.clone()
                    };
                    rebinds.push(quote!(#let_token #mutability #to = #from;));
                    // The parameter takes the moved-from name's hygiene too,
                    // so that the two resolve to each other wherever the
                    // function was written (a `macro_rules!` that writes it
                    // with its caller's parameter names, say).
                    *ident = from;
                }
                pat => {
                    let name = hygiene::private_ident(&format!("arg{index}"), Span::call_site());
                    let pat = core::mem::replace(pat, syn::parse_quote!(#name));
                    rebinds.push(quote_spanned!(Span::mixed_site()=> let #pat = #name;));
                }
            },
        }
    }
    rebinds
}

/// `ident`, located where it is but resolved (and seen by lints) as code of
/// the expansion.
fn with_call_site_hygiene(ident: &syn::Ident) -> syn::Ident {
    syn::Ident::new(
        &ident.to_string(),
        ident.span().resolved_at(Span::call_site()),
    )
}

/// `impl Iterator<Item = T>` also promises `FusedIterator` and
/// `Coroutine<Yield = T, Return = ()>`, and `impl Stream<..>` `FusedStream`:
/// a finished generator stays finished, and a sync generator is a coroutine.
/// Returns whether it added a bound.
fn add_bounds(sig: &mut Signature, output: &Output, krate: &TokenStream) -> bool {
    let mut bounds: Vec<TypeParamBound> = Vec::new();
    if output.add_fused {
        match output.kind {
            Kind::Iterator => bounds.push(syn::parse_quote!(::core::iter::FusedIterator)),
            Kind::Stream => bounds.push(syn::parse_quote!(#krate::__private::FusedStream)),
            Kind::Coroutine => {}
        }
    }
    if output.add_coroutine {
        let yield_ty = &output.yield_ty;
        bounds.push(syn::parse_quote!(#krate::Coroutine<Yield = #yield_ty, Return = ()>));
    }
    if bounds.is_empty() {
        return false;
    }
    let Some(mut impl_trait) = output.impl_trait.clone() else {
        return false;
    };
    impl_trait.bounds.extend(bounds);
    if let syn::ReturnType::Type(_, ty) = &mut sig.output {
        **ty = Type::ImplTrait(impl_trait);
    }
    true
}

/// `()`, as written.
fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty())
}

/// The type as it may be written in an expression: `impl Trait` and `_` are
/// left to inference.
fn nameable(ty: &Type) -> TokenStream {
    struct HasImpl(bool);
    impl VisitMut for HasImpl {
        fn visit_type_impl_trait_mut(&mut self, _: &mut syn::TypeImplTrait) {
            self.0 = true;
        }
    }
    let mut has_impl = HasImpl(false);
    has_impl.visit_type_mut(&mut ty.clone());
    if has_impl.0 {
        quote!(_)
    } else {
        ty.to_token_stream()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(args: TokenStream, item: TokenStream) -> String {
        generator(args, &item).to_string()
    }

    #[test]
    fn iterator() {
        let out = expand(
            quote!(fallback),
            quote! {
                /// Docs stay.
                pub fn odds(start: u32, mut end: u32) -> impl Iterator<Item = u32> {
                    yield_!(start);
                }
            },
        );
        assert!(
            out.starts_with("# [doc = r\" Docs stay.\"] # [allow"),
            "{out}"
        );
        assert!(
            out.contains("pub fn odds (start : u32 , end : u32)"),
            "{out}"
        );
        assert!(
            out.contains("-> impl Iterator < Item = u32 > + :: core :: iter :: FusedIterator + :: coro :: Coroutine < Yield = u32 , Return = () >"),
            "{out}"
        );
        // No `yield_from!`: the constructor without delegation.
        assert!(out.contains(":: coro :: __private :: iter :: < :: coro :: __private :: ById , u32 , () , _ > (async move | mut __coro_co , () |"), "{out}");
        assert!(
            out.contains("let start = start ; let mut end = end ;"),
            "{out}"
        );
        assert!(!out.contains("compile_error"), "{out}");
    }

    #[test]
    fn a_body_with_yield_from_gets_the_delegating_constructor() {
        // Natively, a loop that steps the delegate.
        let out = expand(
            TokenStream::new(),
            quote! {
                fn f(it: Vec<u32>) -> impl Iterator<Item = u32> { if true { yield_from!(it); } }
            },
        );
        assert!(
            out.contains(":: coro :: __private :: native_delegate :: < u32 , () , _ >"),
            "{out}"
        );
        // On the async engine, the delegating constructor.
        let out = expand(
            quote!(fallback),
            quote! {
                fn f(it: Vec<u32>) -> impl Iterator<Item = u32> { if true { yield_from!(it); } }
            },
        );
        assert!(
            out.contains(
                ":: coro :: __private :: iter :: < :: coro :: __private :: Delegating , u32"
            ),
            "{out}"
        );
        let out = expand(
            quote!(unboxed, fallback),
            quote! {
                fn f() -> impl Coroutine<Yield = u32> { let _ = [yield_from!(g())]; }
            },
        );
        assert!(
            out.contains(
                ":: coro :: __private :: coroutine_unboxed :: < :: coro :: __private :: Delegating ,"
            ),
            "{out}"
        );
        let out = block(
            BlockKind::Iter,
            quote!((::coro) let v = [1]; for i in &v { yield_!(*i); } yield_from!(0..2);),
        )
        .to_string();
        assert!(
            out.contains(":: coro :: __private :: iter :: < :: coro :: __private :: Delegating ,"),
            "{out}"
        );
        // (A body that borrows its own local across a yield, which the
        // native engine leaves to this one.)
        let out = block(
            BlockKind::Iter,
            quote!((::coro) let v = [1, 2]; for i in &v { yield_!(*i); }),
        )
        .to_string();
        assert!(
            out.contains(":: coro :: __private :: iter :: < :: coro :: __private :: ById ,"),
            "{out}"
        );
    }

    #[test]
    fn fallible_stream_with_patterns() {
        let out = expand(
            quote!(crate = my::coro),
            quote! {
                async fn f((a, b): (u8, u8)) -> impl Stream<Item = io::Result<u8>> { yield_!(Ok(a)); }
            },
        );
        assert!(out.contains("fn f (__coro_arg0 : (u8 , u8))"), "{out}");
        assert!(out.contains("my :: coro :: __private :: stream :: < io :: Result < u8 > , :: core :: result :: Result < () , < io :: Result < u8 > as my :: coro :: __private :: TryItem > :: Error > , _ >"), "{out}");
        assert!(out.contains("let (a , b) = __coro_arg0 ;"), "{out}");
        assert!(out.contains("let __coro_end : () = {"), "{out}");
        assert!(
            out.contains("let __coro_end = :: core :: result :: Result :: Ok (__coro_end) ;"),
            "{out}"
        );
    }

    #[test]
    fn coroutine() {
        let out = expand(
            quote!(unboxed, fallback),
            quote! {
                fn f(&self) -> impl Coroutine<i64, Yield = i64, Return = usize> + '_ { 0 }
            },
        );
        assert!(
            out.contains(
                ":: coro :: __private :: coroutine_unboxed :: < :: coro :: __private :: ById , i64 , i64 , usize , _ >"
            ),
            "{out}"
        );
        assert!(
            out.contains(":: coro :: __private :: discard (__coro_first)"),
            "{out}"
        );
        assert!(out.contains("let __coro_end : usize = { 0 } ;"), "{out}");
        assert!(!out.contains("FusedIterator"), "{out}");
    }

    #[test]
    fn a_body_without_self_borrows_is_native() {
        let out = expand(
            quote!(),
            quote! {
                fn count(n: u32) -> impl Iterator<Item = u32> { for i in 0..n { yield_!(i); } }
            },
        );
        assert!(
            out.contains(":: coro :: __private :: native_iter :: < u32 , () , _ >"),
            "{out}"
        );
        assert!(!out.contains("async"), "{out}");
        // The user's import of `yield_` stays used.
        assert!(out.contains("yield_ ! (@ __coro_unused) ;"), "{out}");
        // A borrow of a local across the yield: the async engine.
        let out = expand(
            quote!(),
            quote! {
                fn each(v: Vec<u32>) -> impl Iterator<Item = u32> { for x in &v { yield_!(*x); } }
            },
        );
        assert!(out.contains(":: coro :: __private :: iter :: <"), "{out}");
        // Unless `native` is asked for: an error at the borrow.
        let out = expand(
            quote!(native),
            quote! {
                fn each(v: Vec<u32>) -> impl Iterator<Item = u32> { for x in &v { yield_!(*x); } }
            },
        );
        assert!(out.contains("compile_error"), "{out}");
        assert!(
            out.contains("`native` needs the state machine coro builds itself"),
            "{out}"
        );
    }

    #[test]
    fn blocks_move_their_captures_into_the_first_state() {
        let out = block(
            BlockKind::Iter,
            quote!((::coro) for i in 0..n { yield_!(i + k); }),
        )
        .to_string();
        assert!(out.contains("native_iter :: < _ , () , _ >"), "{out}");
        assert!(out.contains("__coro_p0 : n , __coro_p1 : k"), "{out}");
        // A name both bound and captured: the async engine.
        let out = block(BlockKind::Iter, quote!((::coro) let n = n + 1; yield_!(n);)).to_string();
        assert!(out.contains(":: coro :: __private :: iter :: <"), "{out}");
        // The closure's parameter is no capture.
        let out = coroutine_block(quote!((::coro) |x: u32| -> u32 { let y = yield_!(x + k); y }))
            .to_string();
        assert!(
            out.contains("native_coroutine :: < _ , u32 , u32 , _ >"),
            "{out}"
        );
        assert!(out.contains("__coro_p0 : k ,"), "{out}");
        assert!(!out.contains(": x ,"), "{out}");
    }

    #[test]
    fn errors_keep_the_expansion() {
        let out = expand(
            quote!(bogus),
            quote! {
                unsafe fn f() -> impl Iterator<Item = u8> {}
            },
        );
        assert_eq!(out.matches("compile_error").count(), 2, "{out}");
        assert!(out.contains("fn f () -> impl Iterator"), "{out}");
        assert!(!out.contains("unsafe fn f"), "{out}");
    }

    #[test]
    fn bad_return_type_falls_back() {
        let out = expand(
            quote!(),
            quote!(
                fn f() -> Vec<u8> {
                    yield_!(1)
                }
            ),
        );
        assert!(out.contains("compile_error"), "{out}");
        assert!(
            out.contains(
                "fn f () -> Vec < u8 > { yield_ ! (@ __coro_unused) ; :: core :: unreachable ! ("
            ),
            "{out}"
        );
    }

    #[test]
    fn not_a_function_keeps_the_item() {
        let out = expand(
            quote!(),
            quote!(
                struct S;
            ),
        );
        assert!(
            out.contains("compile_error") && out.ends_with("struct S ;"),
            "{out}"
        );
    }
}
