//! The async engine's emitter: the body as an `async` closure, its
//! `yield_!`s routed to the handle (`visit.rs`), passed to the constructor of
//! the generator's kind.
//!
//! ```text
//! // Input (a Spec of):
//! //     #[generator] fn odds(start: u32, mut end: u32) -> impl Iterator<Item = u32> { body }
//! // Output:
//! ::coro::__private::iter::<::coro::__private::ById, u32, (), _>(async move |mut __coro_co, ()| {
//!     let start = start;            // the arguments, moved in whole (`Spec::rebinds`)
//!     let mut end = end;
//!     let __coro_end: () = { body };  // `yield_!(v)` → `yield_!(@__coro_item_at __coro_co [&"file:line:col"] v)`
//!     #[allow(unreachable_code)]
//!     let __coro_end = __coro_end;
//!     __coro_end
//! })
//! ```
//!
//! A stream calls `stream`; a coroutine `coroutine` and an async coroutine
//! `async_coroutine` (and drop the first resume argument, or bind it to the
//! `first =` pattern or a `coroutine!` closure's parameter);
//! `unboxed` picks the `*_unboxed` constructors; a boxed return type
//! (`BoxIter<'a, T>`, ...) wraps the unboxed constructor in the function that
//! boxes it as a trait object (`box_iter(iter_raw::<..>(..))`). A body with a
//! `yield_from!` of its own gets the `Delegating` mode, else `ById`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::hygiene;
use crate::model::{Boxing, First, Spec};
use crate::parse::Kind;
use crate::visit::{ReplaceYield, Returns, Rewritten};

/// The expansion, and the errors the rewrite found (which are reported,
/// the expansion going on without what they were about).
pub(crate) fn emit(spec: &Spec) -> (TokenStream, Rewritten) {
    let co = hygiene::co();
    let mut body = spec.body.clone();
    let item_local = (spec.yield_ty.to_string() == "_")
        .then(|| hygiene::private_ident("item", Span::call_site()));
    let rewritten = ReplaceYield::new(&co, spec.kind, spec.form, &spec.returns)
        .unit_resume(spec.unit_resume)
        .krate(&spec.krate)
        .item_local(item_local)
        .rewrite_block_delegating(&mut body);
    let delegates = rewritten.delegates;
    let closure = closure(spec, &co, &body, rewritten.item_local.as_ref());
    let (call, wrap) = constructor(spec, delegates);
    let call = quote!(#call(#closure));
    let expansion = match wrap {
        Some(wrap) => quote!(#wrap(#call)),
        None => call,
    };
    (expansion, rewritten)
}

/// The closure the body becomes: `async move |mut __coro_co, first| { .. }`.
///
/// The body's value is checked in a `let` against the type the signature
/// promises, so that a mismatch is reported at its tail (the closure would
/// report it at the whole closure). When the body never finishes, the
/// statement after that `let` is unreachable: the warning would be about our
/// code, not the user's.
fn closure(
    spec: &Spec,
    co: &syn::Ident,
    body: &syn::Block,
    item_local: Option<&syn::Ident>,
) -> TokenStream {
    let krate = &spec.krate;
    let end = hygiene::private_ident("end", Span::call_site());
    let first = hygiene::private_ident("first", Span::call_site());
    let (first_param, drop_first) = match &spec.first {
        First::Unit => (quote!(()), TokenStream::new()),
        // No `yield_!` receives the first resume argument.
        First::Discard => (
            quote!(#first),
            quote_spanned!(Span::mixed_site()=> #krate::__private::discard(#first);),
        ),
        First::Bind(pat) => (quote!(#pat), TokenStream::new()),
    };
    let (check, tail) = match &spec.returns {
        Returns::Typed(ty) => (quote!(: #ty), quote!(#end)),
        Returns::Unchecked => (TokenStream::new(), quote!(#end)),
        Returns::Fallible => (quote!(: ()), quote!(::core::result::Result::Ok(#end))),
        Returns::Unit => (quote!(: ()), quote!(#end)),
    };
    let rebinds = &spec.rebinds;
    let item_decl = item_local
        .map(|item| quote_spanned!(Span::mixed_site()=> #[allow(unused_mut)] let mut #item;));
    quote_spanned! {Span::mixed_site().located_at(spec.location)=>
        async move |mut #co, #first_param| {
            #drop_first
            #item_decl
            #(#rebinds)*
            let #end #check = #body;
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
fn constructor(spec: &Spec, delegates: bool) -> (TokenStream, Option<TokenStream>) {
    let krate = &spec.krate;
    let (yield_ty, output_ty) = (&spec.yield_ty, &spec.output_ty);
    let mode = if delegates {
        quote!(#krate::__private::Delegating)
    } else {
        quote!(#krate::__private::ById)
    };
    let unboxed = spec.boxing != Boxing::Boxed;
    let erased = matches!(spec.boxing, Boxing::Erased { .. });
    let call = match (spec.kind, unboxed) {
        (Kind::Stream, true) => {
            quote!(#krate::__private::stream_unboxed::<#yield_ty, #output_ty, _>)
        }
        (Kind::Stream, false) => quote!(#krate::__private::stream::<#yield_ty, #output_ty, _>),
        (Kind::Iterator, _) if erased => {
            quote!(#krate::__private::iter_raw::<#mode, #yield_ty, #output_ty, _>)
        }
        (Kind::Iterator, _) => quote!(#krate::__private::iter::<#mode, #yield_ty, #output_ty, _>),
        (Kind::Coroutine, unboxed) => {
            let ctor = if unboxed {
                quote!(coroutine_unboxed)
            } else {
                quote!(coroutine)
            };
            let resume_ty = &spec.resume_ty;
            quote!(#krate::__private::#ctor::<#mode, #yield_ty, #resume_ty, #output_ty, _>)
        }
        // One mode: its `yield_from!`s re-yield (`coro_core::co`).
        (Kind::AsyncCoroutine, unboxed) => {
            let ctor = if unboxed {
                quote!(async_coroutine_unboxed)
            } else {
                quote!(async_coroutine)
            };
            let resume_ty = &spec.resume_ty;
            quote!(#krate::__private::#ctor::<#yield_ty, #resume_ty, #output_ty, _>)
        }
    };
    let wrap = match spec.boxing {
        Boxing::Erased { local } => Some(boxer(spec.kind, local, krate)),
        Boxing::Boxed | Boxing::Unboxed => None,
    };
    (call, wrap)
}

/// The function that boxes a generator of `kind` for a boxed return type.
pub(crate) fn boxer(kind: Kind, local: bool, krate: &TokenStream) -> TokenStream {
    let name = match (kind, local) {
        (Kind::Iterator, false) => quote!(box_iter),
        (Kind::Iterator, true) => quote!(local_box_iter),
        (Kind::Stream, false) => quote!(box_stream),
        (Kind::Stream, true) => quote!(local_box_stream),
        (Kind::Coroutine, false) => quote!(box_coroutine),
        (Kind::Coroutine, true) => quote!(local_box_coroutine),
        (Kind::AsyncCoroutine, false) => quote!(box_async_coroutine),
        (Kind::AsyncCoroutine, true) => quote!(local_box_async_coroutine),
    };
    quote!(#krate::__private::#name)
}
