//! The one description of a generator that both engines' emitters take.
//!
//! ```text
//! #[generator] fn / iter! / stream! / coroutine!
//!   ─parse (parse.rs, args.rs)─▶ ─validate (validate.rs)─▶ Spec (here)
//!   ─▶ native::expand (native/)   the state machine the macro writes, if it can
//!   ─▶ emit_async::emit            the async engine's closure, otherwise
//!   (expand.rs picks, assembles and reports; diagnostics.rs carries the errors)
//! ```
//!
//! Each entry point builds its [`Spec`] here, with everything decided that
//! only makes sense together: what the body's end gives and how `return`
//! checks it, what the first resume argument becomes, which engine may or
//! must be used, and whether the result is boxed.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::visit_mut::VisitMut;
use syn::{FnArg, Ident, Pat, PatIdent, Signature, Type, TypeParamBound};

use crate::args::Args;
use crate::hygiene;
use crate::native::{self, Param, Rejection};
use crate::parse::{BlockKind, Kind, Output};
use crate::visit::{Form, Returns};

/// A generator, as both emitters need it.
pub(crate) struct Spec {
    /// Where `coro` is (`::coro`, the forwarder's `$crate`, or `crate = ..`).
    pub(crate) krate: TokenStream,
    pub(crate) kind: Kind,
    pub(crate) form: Form,
    /// What the body's end and its `return`s give, and how they are checked.
    pub(crate) returns: Returns,
    /// The yield type as an expression may write it (`_` if it cannot).
    pub(crate) yield_ty: TokenStream,
    /// The resume argument type (`()` for iterators and streams; `_` if it
    /// cannot be written).
    pub(crate) resume_ty: TokenStream,
    /// What the body's end gives: `()`, `Result<(), E>` for `?`, or the
    /// coroutine's return type (`_` if it cannot be written).
    pub(crate) output_ty: TokenStream,
    /// The generator is resumed with `()`: a `yield_!` takes nothing back.
    pub(crate) unit_resume: bool,
    /// What the first resume argument becomes.
    pub(crate) first: First,
    /// Where to warn that the first resume argument is dropped (the resume
    /// type, of a `#[generator]` coroutine without `first =` whose resume
    /// type is not `()`).
    pub(crate) warn_dropped_first: Option<Span>,
    /// The body, as written.
    pub(crate) body: syn::Block,
    /// What the native engine moves into its first state: a function's
    /// parameters, or a block's captures (or why they cannot be told).
    pub(crate) params: Result<Vec<Param>, Rejection>,
    /// What the async engine's closure starts with: the function's arguments
    /// moved in whole, as an `async fn` moves them.
    pub(crate) rebinds: Vec<TokenStream>,
    pub(crate) engine: Engine,
    pub(crate) boxing: Boxing,
    /// Where rustc locates the expansion's closure and state in messages.
    pub(crate) location: Span,
    /// A function's name: a body that calls it recurses, and cannot be
    /// native (its state would contain itself).
    pub(crate) name: Option<Ident>,
    /// Whether the generator's type can be seen to be `Clone`: a block's
    /// value, or a function whose return type says `+ Clone` (behind any
    /// other `impl Trait`, a `Clone` impl of the state could never be used,
    /// and would only cost compile time).
    pub(crate) cloneable: bool,
}

/// What the first resume argument becomes (no `yield_!` waits for it).
pub(crate) enum First {
    /// An iterator or a stream: it is `()`.
    Unit,
    /// A `#[generator]` coroutine drops it before the body runs.
    Discard,
    /// A `coroutine!` closure binds it to its parameter (`()` without one).
    Bind(Pat),
}

/// Which engine may build the generator.
#[derive(Clone, Copy)]
pub(crate) enum Engine {
    /// The native one if it can, else the async one.
    Either,
    /// The native one: `what` (`native`, `+ Clone`, at `span`) requires it,
    /// and a body that cannot have it is an error.
    Native { span: Span, what: &'static str },
    /// The async one (`fallback`, or a stream).
    Async,
}

/// How the generator is handed out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Boxing {
    /// The default: the async engine's state machine in one allocation (a
    /// native one is never boxed).
    Boxed,
    /// `#[generator(unboxed)]`: not boxed, pinned by the user.
    Unboxed,
    /// A boxed, type-erased return type (`BoxIter<'a, T>`...; `local`: not
    /// `Send`).
    Erased { local: bool },
}

/// Whether coro's own CI asks for the async engine wherever the native one
/// is not required (`CORO_TEST_ENGINE=fallback`), so that Miri runs the
/// whole test suite over the `unsafe` driver. Not for users: a generator
/// takes `#[generator(fallback)]`.
fn fallback_forced() -> bool {
    std::env::var_os("CORO_TEST_ENGINE").is_some_and(|engine| engine == "fallback")
}

/// The engine of a generator nothing requires one of: the native one, unless
/// CI forces the async one.
fn default_engine(kind: Kind) -> Engine {
    if kind.is_async() || fallback_forced() {
        Engine::Async
    } else {
        Engine::Either
    }
}

/// The `#[generator]` fn `sig` (whose arguments it renames, see
/// [`rebind_arguments`]) with `block`, returning `output`.
pub(crate) fn from_fn(
    sig: &mut Signature,
    block: syn::Block,
    output: &Output,
    args: &Args,
) -> Spec {
    let krate = args
        .krate
        .as_ref()
        .map_or_else(|| quote!(::coro), ToTokens::to_token_stream);
    let kind = output.kind;
    let returns = match kind {
        _ if kind.is_coroutine() => match nameable(&output.return_ty) {
            ty if ty.to_string() == "_" => Returns::Unchecked,
            ty => Returns::Typed(ty),
        },
        _ if output.fallible => Returns::Fallible,
        _ => Returns::Unit,
    };
    let original = sig.clone();
    let rebinds = rebind_arguments(sig);
    let cloneable = clone_bound(output).is_some();
    let engine = match (&args.native, clone_bound(output)) {
        _ if args.fallback.is_some() || kind.is_async() => Engine::Async,
        (Some(native), _) => Engine::Native {
            span: native.span(),
            what: "`native`",
        },
        (None, Some(span)) => Engine::Native {
            span,
            what: "`+ Clone`",
        },
        (None, None) => default_engine(kind),
    };
    let boxing = match (output.boxed, &args.unboxed) {
        (Some(boxed), _) => Boxing::Erased { local: boxed.local },
        (None, Some(_)) => Boxing::Unboxed,
        (None, None) => Boxing::Boxed,
    };
    Spec {
        output_ty: output_type(output, &krate),
        krate,
        kind,
        form: Form::Fn,
        returns,
        yield_ty: nameable(&output.yield_ty),
        resume_ty: nameable(&output.resume_ty),
        unit_resume: !kind.is_coroutine() || is_unit(&output.resume_ty),
        first: match (kind.is_coroutine(), &args.first) {
            // `first = _` drops it before the body runs, as leaving `first`
            // out does (a `_` parameter of the async engine's closure would
            // keep it until the body's end).
            (true, Some((_, Pat::Wild(_))) | None) => First::Discard,
            (true, Some((_, pat))) => First::Bind(pat.clone()),
            (false, _) => First::Unit,
        },
        warn_dropped_first: (kind.is_coroutine()
            && args.first.is_none()
            && !is_unit(&output.resume_ty))
        .then(|| syn::spanned::Spanned::span(&output.resume_ty)),
        params: Ok(native_params(&original, sig)),
        body: block,
        rebinds,
        engine,
        boxing,
        location: Span::call_site(),
        name: Some(original.ident),
        cloneable,
    }
}

/// `iter! { stmts }` / `stream! { stmts }`.
pub(crate) fn from_block(
    kind: BlockKind,
    krate: TokenStream,
    stmts: Vec<syn::Stmt>,
    location: Span,
) -> Spec {
    let kind = kind.kind();
    Spec {
        params: block_params(None, &stmts),
        krate,
        kind,
        form: Form::Block,
        returns: Returns::Unit,
        yield_ty: quote!(_),
        resume_ty: quote!(()),
        output_ty: quote!(()),
        unit_resume: true,
        first: First::Unit,
        warn_dropped_first: None,
        body: block_of(stmts),
        rebinds: Vec::new(),
        engine: default_engine(kind),
        boxing: Boxing::Boxed,
        location,
        name: None,
        cloneable: true,
    }
}

/// `coroutine!(|first: R| -> T { body })`.
pub(crate) fn from_coroutine(krate: TokenStream, closure: syn::ExprClosure) -> Spec {
    // Where rustc locates the generated closure: the user's, not the
    // forwarder's (the call site is inside coro).
    let location = syn::spanned::Spanned::span(&closure);
    let param = closure.inputs.first().cloned();
    let resume_ty = match &param {
        Some(Pat::Type(typed)) => nameable(&typed.ty),
        Some(_) => quote!(_),
        None => quote!(()),
    };
    let (returns, output_ty) = match &closure.output {
        syn::ReturnType::Type(_, ty) => {
            let ty = nameable(ty);
            let returns = if ty.to_string() == "_" {
                Returns::Unchecked
            } else {
                Returns::Typed(ty.clone())
            };
            (returns, ty)
        }
        syn::ReturnType::Default => (Returns::Unchecked, quote!(_)),
    };
    let body: syn::Block = match *closure.body {
        syn::Expr::Block(block) if block.attrs.is_empty() && block.label.is_none() => block.block,
        other => syn::parse_quote!({ #other }),
    };
    Spec {
        params: block_params(param.as_ref(), &body.stmts),
        krate,
        kind: Kind::Coroutine,
        form: Form::Block,
        returns,
        yield_ty: quote!(_),
        resume_ty,
        output_ty,
        unit_resume: param.is_none(),
        first: First::Bind(param.unwrap_or_else(|| syn::parse_quote!(()))),
        warn_dropped_first: None,
        body,
        rebinds: Vec::new(),
        engine: default_engine(Kind::Coroutine),
        boxing: Boxing::Boxed,
        location,
        name: None,
        cloneable: true,
    }
}

fn block_of(stmts: Vec<syn::Stmt>) -> syn::Block {
    syn::Block {
        brace_token: syn::token::Brace::default(),
        stmts,
    }
}

/// A block's captures, which the native engine moves into its first state
/// (a `coroutine!`'s parameter is bound by the body, not captured).
fn block_params(param: Option<&Pat>, stmts: &[syn::Stmt]) -> Result<Vec<Param>, Rejection> {
    Ok(native::captures(param, stmts)?
        .into_iter()
        .map(|ident| Param {
            pat: (ident != "self").then(|| syn::parse_quote!(mut #ident)),
            name: ident,
            shared_ref: false,
            reference: false,
        })
        .collect())
}

/// The type a sync body's end gives: `()`, `Result<(), E>` for `?`, or the
/// coroutine's return type.
fn output_type(output: &Output, krate: &TokenStream) -> TokenStream {
    match output.kind {
        kind if kind.is_coroutine() => nameable(&output.return_ty),
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
fn native_params(original: &Signature, rebound: &Signature) -> Vec<Param> {
    original
        .inputs
        .iter()
        .zip(&rebound.inputs)
        .map(|(before, after)| match (before, after) {
            (FnArg::Receiver(receiver), _) => Param {
                name: Ident::new("self", receiver.self_token.span),
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
            (FnArg::Typed(before), FnArg::Typed(after)) => Param {
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
fn with_call_site_hygiene(ident: &Ident) -> Ident {
    Ident::new(
        &ident.to_string(),
        ident.span().resolved_at(Span::call_site()),
    )
}

/// `()`, as written.
fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty())
}

/// The type as it may be written in an expression: `impl Trait` and `_` are
/// left to inference.
pub(crate) fn nameable(ty: &Type) -> TokenStream {
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
