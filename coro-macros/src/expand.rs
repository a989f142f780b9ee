//! The entry points: parse → validate → [`Spec`](crate::model::Spec) → one
//! of the two emitters, with every error reported here, once, beside an
//! expansion that still compiles.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{Signature, Type, TypeParamBound};

use crate::args::Args;
use crate::diagnostics::{Diagnostics, not_native};
use crate::emit_async;
use crate::model::{self, Boxing, Engine, Spec};
use crate::native;
use crate::parse::{self, BlockInput, BlockKind, GeneratorFn, Kind, Output};
use crate::validate;
use crate::visit::our_macro_paths;

/// `#[generator]`.
//
// Input:
//
//     #[generator]
//     pub fn odds(start: u32, mut end: u32) -> impl Iterator<Item = u32> { body }
//
// Output: the function with its signature as written (its `async` gone, the
// bounds a generator promises added, its arguments renamed as
// `model::rebind_arguments` says) and, as its body, what an emitter made of
// the `Spec`:
//
//     pub fn odds(start: u32, end: u32)
//         -> impl Iterator<Item = u32> + ::core::iter::FusedIterator + ::coro::Coroutine<..>
//     {
//         native expansion (native/emit.rs) or async one (emit_async.rs)
//     }
pub(crate) fn generator(args: TokenStream, item: &TokenStream) -> TokenStream {
    let f = match parse::parse_fn(item) {
        Ok(f) => f,
        // Not a function: keep the item so that the error is the only one.
        Err(error) => {
            let error = error.into_compile_error();
            return quote!(#error #item);
        }
    };
    let mut diagnostics = Diagnostics::default();
    let output = match parse::parse_output(&f.sig, &mut diagnostics) {
        Ok(output) => output,
        Err(error) => return fallback(&f, &error),
    };
    let args = Args::parse(args).unwrap_or_else(|error| {
        diagnostics.push(error);
        Args::default()
    });
    validate::validate(&f.sig, &output, &args, &mut diagnostics);
    let GeneratorFn {
        attrs,
        vis,
        mut sig,
        block,
    } = f;
    let spec = model::from_fn(&mut sig, block, &output, &args);
    let body = emit(&spec, &mut diagnostics);
    // (Not beside an error: the function must be fixed first, and its
    // `first =` may be what the error is about.)
    let warn_dropped_first = spec
        .warn_dropped_first
        .filter(|_| !diagnostics.has_errors())
        .map(|span| {
            let krate = &spec.krate;
            quote_spanned!(span=> #krate::__private::first_resume_argument_dropped();)
        });

    // What could not be accepted was reported; the expansion goes on without
    // it so that the report stays the only error.
    sig.asyncness = None;
    sig.constness = None;
    sig.safety = syn::Safety::Default;
    sig.abi = None;
    sig.variadic = None;
    let allow_fused = add_bounds(&mut sig, &output, &spec.krate).then(|| {
        quote::quote_spanned! {Span::mixed_site()=>
            #[allow(
                clippy::implied_bounds_in_impls,
                reason = "`#[generator]` adds bounds to the return type written"
            )]
        }
    });
    let errors = diagnostics.into_compile_errors();
    quote! {
        #errors
        #(#attrs)*
        #allow_fused
        #vis #sig {
            #warn_dropped_first
            #body
        }
    }
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

/// `iter! { .. }` / `stream! { .. }`.
//
// Input:   iter! { body }   (the `macro_rules!` forwarder adds `($crate)`)
// Output:  { errors  expansion }   (native, or `$crate::__private::iter::<..>(async move ..)`)
pub(crate) fn block(kind: BlockKind, input: TokenStream) -> TokenStream {
    let BlockInput {
        krate,
        stmts,
        location,
    } = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.into_compile_error(),
    };
    let spec = model::from_block(kind, krate, stmts, location);
    expression(&spec)
}

/// `coroutine!(|first: R| -> T { body })`.
//
// Input:   coroutine!(|first: i64| -> usize { body })   (the forwarder adds `($crate)`)
// Output:  { errors  expansion }
//
// The closure's parameter receives the first resume argument, as a nightly
// coroutine closure's does; without one, the coroutine is resumed with `()`.
pub(crate) fn coroutine_block(input: TokenStream) -> TokenStream {
    let parse::CoroutineInput { krate, closure } = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.into_compile_error(),
    };
    let spec = model::from_coroutine(krate, closure);
    expression(&spec)
}

/// A block macro's expansion: an expression, with its errors.
fn expression(spec: &Spec) -> TokenStream {
    let mut diagnostics = Diagnostics::default();
    let expansion = emit(spec, &mut diagnostics);
    let errors = diagnostics.into_compile_errors();
    quote! {
        {
            #errors
            #expansion
        }
    }
}

/// The generator's expression, from the engine its `Spec` allows: the
/// native one when it may and can build it, else the async one. A body the
/// async rewrite finds mistakes in gets the async expansion (which reports
/// them); one that requires the native engine and cannot have it is an
/// error at what prevents it.
fn emit(spec: &Spec, diagnostics: &mut Diagnostics) -> TokenStream {
    let (on_async, rewritten) = emit_async::emit(spec);
    if !rewritten.errors.is_empty() || rewritten.reported_inline {
        diagnostics.extend(rewritten.errors);
        return on_async;
    }
    if matches!(spec.engine, Engine::Async) || spec.kind.is_async() {
        return on_async;
    }
    match native::expand(spec) {
        Ok(native) => match spec.boxing {
            Boxing::Erased { local } => {
                let wrap = emit_async::boxer(spec.kind, local, &spec.krate);
                quote!(#wrap(#native))
            }
            Boxing::Boxed | Boxing::Unboxed => native,
        },
        Err(rejection) => {
            if let Engine::Native { span, what } = spec.engine {
                diagnostics.push(not_native(span, what, &rejection));
                return stand_in(spec, &on_async);
            }
            on_async
        }
    }
}

/// After the error that a required native body cannot be native: a native
/// generator that yields nothing, so that the signature's promises (`+
/// Clone`...) hold and the error stays the only one, beside the body on the
/// async engine in a closure never called, so that the body's own errors
/// are still reported.
fn stand_in(spec: &Spec, on_async: &TokenStream) -> TokenStream {
    let krate = &spec.krate;
    let (yield_ty, output_ty) = (&spec.yield_ty, &spec.output_ty);
    let nothing = if spec.kind == Kind::Coroutine {
        let resume_ty = &spec.resume_ty;
        quote! {
            #krate::__private::native_coroutine::<#yield_ty, #resume_ty, #output_ty, _, _, _>(
                |_| #krate::__private::Resumed::Finished,
                #krate::__private::NoSites,
                (),
            )
        }
    } else {
        quote! {
            #krate::__private::native_iter::<#yield_ty, #output_ty, _, _, _>(
                |_| #krate::__private::Resumed::Finished,
                #krate::__private::NoSites,
                (),
            )
        }
    };
    let nothing = match spec.boxing {
        Boxing::Erased { local } => {
            let wrap = emit_async::boxer(spec.kind, local, krate);
            quote!(#wrap(#nothing))
        }
        Boxing::Boxed | Boxing::Unboxed => nothing,
    };
    quote_spanned! {Span::mixed_site()=>
        {
            #[allow(unreachable_code, unused_variables, clippy::all)]
            let _ = move || #on_async;
            #nothing
        }
    }
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
            Kind::Stream => bounds.push(syn::parse_quote!(#krate::FusedStream)),
            Kind::Coroutine | Kind::AsyncCoroutine => {}
        }
    }
    if output.add_coroutine {
        let yield_ty = &output.yield_ty;
        bounds.push(syn::parse_quote!(#krate::Coroutine<Yield = #yield_ty, Return = ()>));
    }
    let Some(mut impl_trait) = output.impl_trait.clone() else {
        return false;
    };
    if bounds.is_empty() {
        return false;
    }
    impl_trait.bounds.extend(bounds);
    if let syn::ReturnType::Type(_, ty) = &mut sig.output {
        **ty = Type::ImplTrait(impl_trait);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::{count, has, says, starts};

    fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
        generator(args, &item)
    }

    // The Input/Output comments of the emitters (`emit_async.rs`,
    // `native/emit.rs`), checked on their own example.
    #[test]
    fn the_async_emitter_writes_what_its_comment_says() {
        let out = expand(
            quote!(fallback),
            quote! {
                fn odds(start: u32, mut end: u32) -> impl Iterator<Item = u32> { yield_!(start); }
            },
        );
        assert!(
            has(
                &out,
                ":: coro :: __private :: iter :: < :: coro :: __private :: ById , u32 , () , _ > \
                 (async move | mut __coro_co , () | { let start = start ; let mut end = end ; \
                 let __coro_end : () = { yield_ ! (@ __coro_item_at __coro_co [& :: core :: concat ! (:: core :: file ! () , \":\" , :: core :: line ! () , \":\" , :: core :: column ! ())] start) ; } ; \
                 # [allow (unreachable_code)] let __coro_end = __coro_end ; __coro_end })"
            ),
            "{out}"
        );
    }

    #[test]
    fn the_native_emitter_writes_what_its_comment_says() {
        let out = expand(
            TokenStream::new(),
            quote! {
                fn count(n: u32) -> impl Iterator<Item = u32> { for i in 0..n { yield_!(i); } }
            },
        );
        // The state: a variant for the start, one per yield, one for the end.
        assert!(
            has(
                &out,
                "enum __coro_State < __CoroT0 , __CoroT1 > { __coro_Start { __coro_p0 : __CoroT0 , } , \
                 __coro_S0 { __coro_c1 : __CoroT1 , } , __coro_Done , }"
            ),
            "{out}"
        );
        // The closure owns it, and resumes from the variant it finds.
        assert!(
            has(
                &out,
                "let mut __coro_state = __coro_State :: __coro_Start { __coro_p0 : n , } ;"
            ),
            "{out}"
        );
        // Told to close, it drops the state; otherwise it resumes.
        assert!(
            has(
                &out,
                ":: coro :: __private :: native_iter :: < u32 , () , _ , _ , _ > (move | __coro_order | { \
                 if let :: coro :: __private :: Order :: Close = __coro_order { \
                 :: core :: mem :: drop (:: core :: mem :: replace (& mut __coro_state , __coro_State :: __coro_Done)) ; \
                 return :: coro :: __private :: Resumed :: Finished ; } \
                 match :: core :: mem :: replace (& mut __coro_state , __coro_State :: __coro_Done) {"
            ),
            "{out}"
        );
        // A yield stores what is used after it, and returns the item and
        // its number.
        assert!(
            has(
                &out,
                "__coro_state = __coro_State :: __coro_S0 { __coro_c1 : __coro_iter1 } ; \
                 return :: coro :: __private :: Resumed :: Yielded (__coro_value , 0u16) ;"
            ),
            "{out}"
        );
        // Where each yield is, for `Debug`; no `yield_from!`, so nothing
        // kept for a delegate.
        assert!(has(&out, "__coro_sites , () ,"), "{out}");
        assert!(
            has(
                &out,
                "fn __coro_sites (__coro_k : :: core :: primitive :: u16) -> & 'static :: core :: primitive :: str { match __coro_k { \
                 0u16 => :: core :: concat ! (:: core :: file ! () , \":\" , :: core :: line ! () , \":\" , :: core :: column ! ()) , \
                 _ => \"\" , } }"
            ),
            "{out}"
        );
        assert!(
            has(
                &out,
                "__coro_State :: __coro_Done => :: coro :: __private :: Resumed :: Finished ,"
            ),
            "{out}"
        );
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
        assert!(starts(&out, "# [doc = r\" Docs stay.\"] # [allow"), "{out}");
        assert!(has(&out, "pub fn odds (start : u32 , end : u32)"), "{out}");
        assert!(
            has(
                &out,
                "-> impl Iterator < Item = u32 > + :: core :: iter :: FusedIterator + :: coro :: Coroutine < Yield = u32 , Return = () >"
            ),
            "{out}"
        );
        // No `yield_from!`: the constructor without delegation.
        assert!(
            has(
                &out,
                ":: coro :: __private :: iter :: < :: coro :: __private :: ById , u32 , () , _ > (async move | mut __coro_co , () |"
            ),
            "{out}"
        );
        assert!(
            has(&out, "let start = start ; let mut end = end ;"),
            "{out}"
        );
        assert!(!has(&out, "compile_error"), "{out}");
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
            has(
                &out,
                ":: coro :: __private :: native_delegate :: < u32 , () , _ >"
            ),
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
            has(
                &out,
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
            has(
                &out,
                ":: coro :: __private :: coroutine_unboxed :: < :: coro :: __private :: Delegating ,"
            ),
            "{out}"
        );
        let out = block(
            BlockKind::Iter,
            quote!((::coro) let v = [1]; for i in &v { yield_!(*i); } yield_from!(0..2);),
        );
        assert!(
            has(
                &out,
                ":: coro :: __private :: iter :: < :: coro :: __private :: Delegating ,"
            ),
            "{out}"
        );
        // (A body that borrows its own local across a yield, which the
        // native engine leaves to this one.)
        let out = block(
            BlockKind::Iter,
            quote!((::coro) let v = [1, 2]; for i in &v { yield_!(*i); }),
        );
        assert!(
            has(
                &out,
                ":: coro :: __private :: iter :: < :: coro :: __private :: ById ,"
            ),
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
        assert!(has(&out, "fn f (__coro_arg0 : (u8 , u8))"), "{out}");
        assert!(
            has(
                &out,
                "my :: coro :: __private :: stream :: < io :: Result < u8 > , :: core :: result :: Result < () , < io :: Result < u8 > as my :: coro :: __private :: TryItem > :: Error > , _ >"
            ),
            "{out}"
        );
        assert!(has(&out, "let (a , b) = __coro_arg0 ;"), "{out}");
        assert!(has(&out, "let __coro_end : () = {"), "{out}");
        assert!(
            has(
                &out,
                "let __coro_end = :: core :: result :: Result :: Ok (__coro_end) ;"
            ),
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
            has(
                &out,
                ":: coro :: __private :: coroutine_unboxed :: < :: coro :: __private :: ById , i64 , i64 , usize , _ >"
            ),
            "{out}"
        );
        assert!(
            has(&out, ":: coro :: __private :: discard (__coro_first)"),
            "{out}"
        );
        assert!(has(&out, "let __coro_end : usize = { 0 } ;"), "{out}");
        assert!(!has(&out, "FusedIterator"), "{out}");
    }

    #[test]
    fn a_parenthesized_block_is_the_body() {
        // `iter!({ .. })` (rustfmt's form) expands as `iter! { .. }` does.
        let braced = block(BlockKind::Iter, quote!((::coro) let a = 1; yield_!(a);));
        let parenthesized = block(BlockKind::Iter, quote!((::coro) { let a = 1; yield_!(a); }));
        assert_eq!(braced.to_string(), parenthesized.to_string());
        // A block with a label or attributes, or followed by more, is a
        // statement of the body.
        let labelled = block(BlockKind::Iter, quote!((::coro) 'a: { yield_!(1); }));
        assert!(has(&labelled, "'a : {"), "{labelled}");
    }

    #[test]
    fn a_dropped_first_argument_is_warned_about_unless_said() {
        let warned = |args: TokenStream, ret: TokenStream| {
            let out = expand(args, quote!(fn f() -> #ret { let _ = yield_!(1); }));
            has(
                &out,
                ":: coro :: __private :: first_resume_argument_dropped () ;",
            )
        };
        assert!(warned(quote!(), quote!(impl Coroutine<u8, Yield = u8>)));
        assert!(warned(
            quote!(fallback),
            quote!(BoxCoroutine<'static, u8, (), u8>)
        ));
        assert!(!warned(
            quote!(first = _),
            quote!(impl Coroutine<u8, Yield = u8>)
        ));
        assert!(!warned(
            quote!(first = x),
            quote!(impl Coroutine<u8, Yield = u8>)
        ));
        assert!(!warned(quote!(), quote!(impl Coroutine<(), Yield = u8>)));
        assert!(!warned(quote!(), quote!(impl Coroutine<Yield = u8>)));
        assert!(!warned(quote!(), quote!(impl Iterator<Item = u8>)));
        // Not beside an error.
        assert!(!warned(
            quote!(bogus),
            quote!(impl Coroutine<u8, Yield = u8>)
        ));
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
            has(
                &out,
                ":: coro :: __private :: native_iter :: < u32 , () , _ , _ , _ >"
            ),
            "{out}"
        );
        assert!(!has(&out, "async"), "{out}");
        // The user's import of `yield_` stays used.
        assert!(has(&out, "yield_ ! (@ __coro_unused) ;"), "{out}");
        // A borrow of a local across the yield: the async engine.
        let out = expand(
            quote!(),
            quote! {
                fn each(v: Vec<u32>) -> impl Iterator<Item = u32> { for x in &v { yield_!(*x); } }
            },
        );
        assert!(has(&out, ":: coro :: __private :: iter :: <"), "{out}");
        // Unless `native` is asked for: an error at the borrow.
        let out = expand(
            quote!(native),
            quote! {
                fn each(v: Vec<u32>) -> impl Iterator<Item = u32> { for x in &v { yield_!(*x); } }
            },
        );
        assert!(has(&out, "compile_error"), "{out}");
        assert!(
            says(&out, "`native` needs the state machine coro builds itself"),
            "{out}"
        );
    }

    #[test]
    fn blocks_move_their_captures_into_the_first_state() {
        let out = block(
            BlockKind::Iter,
            quote!((::coro) for i in 0..n { yield_!(i + k); }),
        );
        assert!(has(&out, "native_iter :: < _ , () , _ , _ , _ >"), "{out}");
        assert!(has(&out, "__coro_p0 : n , __coro_p1 : k"), "{out}");
        // A name both bound and captured: the async engine.
        let out = block(BlockKind::Iter, quote!((::coro) let n = n + 1; yield_!(n);));
        assert!(has(&out, ":: coro :: __private :: iter :: <"), "{out}");
        // The closure's parameter is no capture.
        let out = coroutine_block(quote!((::coro) |x: u32| -> u32 { let y = yield_!(x + k); y }));
        assert!(
            has(&out, "native_coroutine :: < _ , u32 , u32 , _ , _ , _ >"),
            "{out}"
        );
        assert!(has(&out, "__coro_p0 : k ,"), "{out}");
        assert!(!has(&out, ": x ,"), "{out}");
    }

    #[test]
    fn errors_keep_the_expansion() {
        let out = expand(
            quote!(bogus),
            quote! {
                unsafe fn f() -> impl Iterator<Item = u8> {}
            },
        );
        assert_eq!(count(&out, "compile_error"), 2, "{out}");
        assert!(has(&out, "fn f () -> impl Iterator"), "{out}");
        assert!(!has(&out, "unsafe fn f"), "{out}");
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
        assert!(has(&out, "compile_error"), "{out}");
        assert!(
            has(
                &out,
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
            has(&out, "compile_error") && out.to_string().ends_with("struct S ;"),
            "{out}"
        );
    }
}
