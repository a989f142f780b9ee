//! Checks that a `#[generator]` function is one coro can turn into a
//! generator. Every problem found is reported, not just the first.

use syn::Signature;

use crate::args::Args;
use crate::diagnostics::Diagnostics;
use crate::parse::{Kind, Output};

/// The checks on the signature and the attribute's arguments.
pub(crate) fn validate(sig: &Signature, output: &Output, args: &Args, errors: &mut Diagnostics) {
    if let Some(token) = &sig.constness {
        errors.push(syn::Error::new(
            token.span,
            "a generator cannot be a `const fn`: it is a state machine built at run time",
        ));
    }
    if let syn::Safety::Unsafe(token) = &sig.safety {
        errors.push(syn::Error::new(
            token.span,
            "`#[generator]` cannot be used on an `unsafe fn`: the body runs later, each time the \
             generator is resumed, outside the caller's `unsafe` block; use `unsafe` blocks inside \
             the body instead",
        ));
    }
    if let Some(abi) = &sig.abi {
        errors.push(syn::Error::new_spanned(
            abi,
            "a generator cannot have an `extern` ABI: it returns a Rust generator type",
        ));
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(syn::Error::new_spanned(
            variadic,
            "a generator cannot be variadic",
        ));
    }
    check_asyncness(sig, output, errors);
    if let (Some(unboxed), Some(_)) = (&args.unboxed, output.boxed) {
        errors.push(syn::Error::new(
            unboxed.span(),
            "`unboxed` cannot be used with a boxed return type: the generator is boxed to be \
             returned as a trait object; return `impl Iterator`, `impl Stream`, \
             `impl Coroutine` or `impl AsyncCoroutine` for an unboxed one",
        ));
    }
    if let (Some(native), Some(fallback)) = (&args.native, &args.fallback) {
        let mut error = syn::Error::new(
            fallback.span(),
            "`native` and `fallback` cannot both be used: `native` requires the state machine \
             coro builds itself, `fallback` the async engine",
        );
        error.combine(syn::Error::new(native.span(), "`native` is here"));
        errors.push(error);
    }
    if let Some(native) = &args.native
        && output.kind.is_async()
    {
        errors.push(syn::Error::new(
            native.span(),
            "`native` is for sync generators: an async generator or coroutine runs on the async \
             engine",
        ));
    }
    if let Some((first, _)) = &args.first
        && !output.kind.is_coroutine()
    {
        errors.push(syn::Error::new(
            first.span(),
            "`first` is for coroutines: it binds the first argument of `resume`, and only an \
             `impl Coroutine<R, ..>` or `impl AsyncCoroutine<R, ..>` generator is resumed with \
             arguments",
        ));
    }
    if let (Some(unboxed), Kind::Iterator) = (&args.unboxed, output.kind)
        && output.boxed.is_none()
    {
        errors.push(syn::Error::new(
            unboxed.span(),
            "an `unboxed` generator cannot be an `Iterator`: it must stay pinned while it runs, \
             and `Iterator::next` takes `&mut self`; return `impl Coroutine<Yield = T>` and \
             iterate it with `coro::Yields`",
        ));
    }
}

/// A generator is an `async fn` exactly when its return type is async (a
/// stream or an async coroutine).
fn check_asyncness(sig: &Signature, output: &Output, errors: &mut Diagnostics) {
    let (iterator, stream, coroutine, async_coroutine) = if output.boxed.is_some() {
        (
            "`BoxIter`",
            "`BoxStream<'a, T>`",
            "`BoxCoroutine`",
            "`BoxAsyncCoroutine<'a, Y, T, R>`",
        )
    } else {
        (
            "`impl Iterator`",
            "`impl Stream<Item = T>`",
            "`impl Coroutine`",
            "`impl AsyncCoroutine<R, Yield = Y, Return = T>`",
        )
    };
    match (output.kind, &sig.asyncness) {
        (Kind::Iterator, Some(token)) => errors.push(syn::Error::new(
            token.span,
            format!(
                "an `async fn` generator returns {stream}, not {iterator}; remove `async` for a \
                 sync generator"
            ),
        )),
        (Kind::Stream, None) => errors.push(syn::Error::new(
            sig.fn_token.span,
            format!("a generator returning {stream} must be an `async fn`"),
        )),
        (Kind::Coroutine, Some(token)) => errors.push(syn::Error::new(
            token.span,
            format!(
                "an `async fn` coroutine returns {async_coroutine}, not {coroutine}; remove \
                 `async` for a sync coroutine"
            ),
        )),
        (Kind::AsyncCoroutine, None) => errors.push(syn::Error::new(
            sig.fn_token.span,
            format!("a generator returning {async_coroutine} must be an `async fn`"),
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_output;
    use quote::quote;

    fn check(args: proc_macro2::TokenStream, sig: proc_macro2::TokenStream) -> Vec<String> {
        let sig: Signature = syn::parse2(sig).unwrap();
        let mut errors = Diagnostics::default();
        let output = parse_output(&sig, &mut errors).unwrap();
        let args = Args::parse(args).unwrap();
        validate(&sig, &output, &args, &mut errors);
        match errors.into_result() {
            Ok(()) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn accepted() {
        assert!(check(quote!(), quote!(fn f() -> impl Iterator<Item = u8>)).is_empty());
        assert!(check(quote!(), quote!(async fn f() -> impl Stream<Item = u8>)).is_empty());
        assert!(
            check(
                quote!(unboxed),
                quote!(async fn f() -> impl Stream<Item = u8>)
            )
            .is_empty()
        );
        assert!(
            check(
                quote!(),
                quote!(fn f(&self) -> impl Coroutine<u8, Yield = u8>)
            )
            .is_empty()
        );
    }

    #[test]
    fn every_problem_is_reported() {
        let errors = check(
            quote!(unboxed),
            quote!(const unsafe extern "C" fn f() -> impl Iterator<Item = u8>),
        );
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].starts_with("a generator cannot be a `const fn`"));
        assert!(errors[1].starts_with("`#[generator]` cannot be used on an `unsafe fn`"));
        assert!(errors[2].starts_with("a generator cannot have an `extern` ABI"));
        assert!(errors[3].starts_with("an `unboxed` generator cannot be an `Iterator`"));
    }

    #[test]
    fn sync_and_async_must_match() {
        let errors = check(quote!(), quote!(async fn f() -> impl Iterator<Item = u8>));
        assert!(errors[0].starts_with("an `async fn` generator returns `impl Stream"));
        let errors = check(quote!(), quote!(fn f() -> impl Stream<Item = u8>));
        assert!(errors[0].starts_with("a generator returning `impl Stream<Item = T>` must be"));
        let errors = check(quote!(), quote!(fn f() -> BoxStream<'_, u8>));
        assert_eq!(
            errors,
            ["a generator returning `BoxStream<'a, T>` must be an `async fn`"]
        );
        let errors = check(quote!(unboxed), quote!(fn f() -> BoxIter<'_, u8>));
        assert!(errors[0].starts_with("`unboxed` cannot be used with a boxed return type"));
    }

    #[test]
    fn async_coroutines_are_async_fns() {
        assert!(
            check(
                quote!(first = x),
                quote!(async fn f() -> impl AsyncCoroutine<u8, Yield = u8, Return = u8>)
            )
            .is_empty()
        );
        assert!(
            check(
                quote!(),
                quote!(async fn f() -> LocalBoxAsyncCoroutine<'_, u8>)
            )
            .is_empty()
        );
        let errors = check(quote!(), quote!(fn f() -> impl AsyncCoroutine<Yield = u8>));
        assert_eq!(
            errors,
            [
                "a generator returning `impl AsyncCoroutine<R, Yield = Y, Return = T>` must be an \
                 `async fn`"
            ]
        );
        let errors = check(quote!(), quote!(async fn f() -> BoxCoroutine<'_, u8>));
        assert_eq!(
            errors,
            [
                "an `async fn` coroutine returns `BoxAsyncCoroutine<'a, Y, T, R>`, not \
                 `BoxCoroutine`; remove `async` for a sync coroutine"
            ]
        );
        let errors = check(
            quote!(native),
            quote!(async fn f() -> impl AsyncCoroutine<Yield = u8>),
        );
        assert!(errors[0].starts_with("`native` is for sync generators"));
    }
}
