//! The input of the macros, read into what the expansion needs: the
//! function, and what kind of generator its return type asks for.

use proc_macro2::{Span, TokenStream};

use crate::diagnostics::Diagnostics;
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{
    Attribute, Block, GenericArgument, Item, PathArguments, ReturnType, Signature, Token, Type,
    TypeImplTrait, TypeParamBound, Visibility, braced, parenthesized,
};

/// A `fn` item (free function, method or trait method with a body).
pub(crate) struct GeneratorFn {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) sig: Signature,
    pub(crate) block: Block,
}

impl Parse for GeneratorFn {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        // `default fn` (specialization) and other prefixes are not functions
        // we can rewrite; let `Signature` report them.
        let sig: Signature = input.parse()?;
        if input.peek(Token![;]) {
            return Err(syn::Error::new_spanned(
                &sig,
                "`#[generator]` needs a function with a body",
            ));
        }
        let content;
        let brace_token = braced!(content in input);
        let inner_attrs = content.call(Attribute::parse_inner)?;
        let stmts = content.call(Block::parse_within)?;
        let mut attrs = attrs;
        attrs.extend(inner_attrs);
        Ok(GeneratorFn {
            attrs,
            vis,
            sig,
            block: Block { brace_token, stmts },
        })
    }
}

/// Reads the attribute's input as a function, or explains why it is not one.
pub(crate) fn parse_fn(item: &TokenStream) -> syn::Result<GeneratorFn> {
    match syn::parse2::<GeneratorFn>(item.clone()) {
        Ok(f) => Ok(f),
        Err(err) => match syn::parse2::<Item>(item.clone()) {
            // Something else that parses as an item: say what we accept.
            Ok(other) if !matches!(other, Item::Fn(_) | Item::Verbatim(_)) => Err(syn::Error::new(
                item_span(&other),
                "`#[generator]` can only be used on functions",
            )),
            _ => Err(err),
        },
    }
}

/// The span of an item's introducing keyword (or the whole item).
fn item_span(item: &Item) -> Span {
    match item {
        Item::Struct(i) => i.struct_token.span,
        Item::Enum(i) => i.enum_token.span,
        Item::Impl(i) => i.impl_token.span,
        Item::Mod(i) => i.mod_token.span,
        Item::Trait(i) => i.trait_token.span,
        Item::Const(i) => i.const_token.span,
        Item::Static(i) => i.static_token.span,
        Item::Type(i) => i.type_token.span,
        Item::Use(i) => i.use_token.span,
        other => other.span(),
    }
}

/// What a generator produces.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    /// `impl Iterator<Item = T>`, a sync generator.
    Iterator,
    /// `impl Stream<Item = T>`, an async generator.
    Stream,
    /// `impl Coroutine<R, Yield = Y, Return = T>`.
    Coroutine,
    /// `impl AsyncCoroutine<R, Yield = Y, Return = T>`, an async coroutine.
    AsyncCoroutine,
}

impl Kind {
    /// Whether its body may `.await`, and runs on the async engine.
    pub(crate) fn is_async(self) -> bool {
        matches!(self, Kind::Stream | Kind::AsyncCoroutine)
    }

    /// Whether it is resumed with arguments and returns a value: a
    /// coroutine, sync or async.
    pub(crate) fn is_coroutine(self) -> bool {
        matches!(self, Kind::Coroutine | Kind::AsyncCoroutine)
    }
}

/// The kind of an expression-form generator (`iter!` / `stream!`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum BlockKind {
    Iter,
    Stream,
}

impl BlockKind {
    pub(crate) fn kind(self) -> Kind {
        match self {
            BlockKind::Iter => Kind::Iterator,
            BlockKind::Stream => Kind::Stream,
        }
    }
}

/// The types a generator's return type declares.
pub(crate) struct Output {
    pub(crate) kind: Kind,
    /// The item (`Iterator`, `Stream`) or yield (`Coroutine`) type; `_` when
    /// the return type does not say (which was reported).
    pub(crate) yield_ty: Type,
    /// The resume argument type (`()` unless a `Coroutine<R>`).
    pub(crate) resume_ty: Type,
    /// The return type of a `Coroutine` (`()` otherwise).
    pub(crate) return_ty: Type,
    /// The item type is written `..Result<..>`, so `?` may be used.
    pub(crate) fallible: bool,
    /// The `impl ..` of the return type, to add a `Fused*` bound to; `None`
    /// for one of coro's boxed types.
    pub(crate) impl_trait: Option<TypeImplTrait>,
    /// The return type is one of coro's boxed, type-erased types
    /// (`BoxIter<'a, T>`, `LocalBoxStream<'a, T>`, ...).
    pub(crate) boxed: Option<Boxed>,
    /// Whether the return type should promise `FusedIterator` /
    /// `FusedStream` beside what it says (it does not say it already, and
    /// it names the iterator or stream itself).
    pub(crate) add_fused: bool,
    /// Whether the return type should promise `Coroutine<Yield = T, Return =
    /// ()>` beside what it says: a sync generator is one.
    pub(crate) add_coroutine: bool,
}

/// Which of coro's boxed types a generator returns.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Boxed {
    /// The `Local..` form: not `Send`.
    pub(crate) local: bool,
}

const ACCEPTED: &str = "`impl Iterator<Item = T>`, `impl Stream<Item = T>` (on an `async fn`), \
                        `impl Coroutine<R, Yield = Y, Return = T>`, \
                        `impl AsyncCoroutine<R, Yield = Y, Return = T>` (on an `async fn`), or \
                        one of coro's boxed types (`BoxIter<'a, T>`, `BoxStream<'a, T>`, \
                        `BoxCoroutine<'a, Y, T, R>`, `BoxAsyncCoroutine<'a, Y, T, R>` and their \
                        `Local` forms)";

/// Reads the kind of generator off the function's return type. A return
/// type of another shape is an error; a recognized one that lacks its item
/// type is reported in `errors` and read with `_` for it.
pub(crate) fn parse_output(sig: &Signature, errors: &mut Diagnostics) -> syn::Result<Output> {
    let ty = match &sig.output {
        ReturnType::Type(_, ty) => ty,
        ReturnType::Default => {
            return Err(syn::Error::new(
                sig.paren_token.span.close(),
                format!("a `#[generator]` fn must return {ACCEPTED}"),
            ));
        }
    };
    let not_accepted = || {
        syn::Error::new_spanned(
            ty,
            format!(
                "`#[generator]` cannot return `{}`; it returns {ACCEPTED}",
                display(ty)
            ),
        )
    };
    // A type from a `macro_rules!` fragment (`$ret:ty`) comes in an
    // invisible group.
    let mut ty = &**ty;
    while let Type::Group(group) = ty {
        ty = &group.elem;
    }
    let impl_trait = match ty {
        Type::ImplTrait(impl_trait) => impl_trait,
        Type::Path(path) if path.qself.is_none() => {
            return boxed_output(path).ok_or_else(not_accepted);
        }
        _ => return Err(not_accepted()),
    };

    let mut found = None;
    let mut says_fused = false;
    let mut says_coroutine = false;
    for bound in &impl_trait.bounds {
        let TypeParamBound::Trait(bound) = bound else {
            continue;
        };
        let Some(last) = bound.path.segments.last() else {
            continue;
        };
        let (kind, fused) = match last.ident.to_string().as_str() {
            "Iterator" | "IntoIterator" => (Kind::Iterator, false),
            "FusedIterator" => (Kind::Iterator, true),
            "Stream" => (Kind::Stream, false),
            "FusedStream" => (Kind::Stream, true),
            "Coroutine" => (Kind::Coroutine, false),
            "AsyncCoroutine" => (Kind::AsyncCoroutine, false),
            _ => continue,
        };
        says_fused |= fused;
        says_coroutine |= kind == Kind::Coroutine;
        if found.is_none() {
            found = Some((kind, last));
        }
    }
    let Some((kind, segment)) = found else {
        return Err(not_accepted());
    };

    let (yield_ty, resume_ty, return_ty) = declared_types(kind, segment);
    let yield_ty = yield_ty.unwrap_or_else(|| {
        let assoc = if kind.is_coroutine() { "Yield" } else { "Item" };
        errors.push(syn::Error::new_spanned(
            segment,
            format!(
                "`#[generator]` needs the type of the values it yields: `impl {}<{assoc} = T>`",
                segment.ident
            ),
        ));
        syn::parse_quote!(_)
    });
    let unit: Type = syn::parse_quote!(());
    let name = segment.ident.to_string();
    let names_itself = matches!(name.as_str(), "Iterator" | "Stream");
    let names_iterator = matches!(name.as_str(), "Iterator" | "FusedIterator");
    let yield_known = !matches!(yield_ty, Type::Infer(_));
    Ok(Output {
        add_coroutine: names_iterator && !says_coroutine && yield_known,
        kind,
        fallible: !kind.is_coroutine() && is_result(&yield_ty),
        yield_ty,
        resume_ty: resume_ty.unwrap_or_else(|| unit.clone()),
        return_ty: return_ty.unwrap_or(unit),
        impl_trait: Some(impl_trait.clone()),
        boxed: None,
        add_fused: names_itself && !says_fused,
    })
}

/// `BoxIter<'a, T>`, `BoxStream<'a, T>`, `BoxCoroutine<'a, Y, T, R>`,
/// `BoxAsyncCoroutine<'a, Y, T, R>` and their `Local` forms, recognized by the last segment of their path (the
/// user may have imported or renamed the module, not the type). `None` for
/// any other path.
fn boxed_output(path: &syn::TypePath) -> Option<Output> {
    let segment = path.path.segments.last()?;
    let name = segment.ident.to_string();
    let local = name.starts_with("Local");
    let kind = match name.trim_start_matches("Local") {
        "BoxIter" => Kind::Iterator,
        "BoxStream" => Kind::Stream,
        "BoxCoroutine" => Kind::Coroutine,
        "BoxAsyncCoroutine" => Kind::AsyncCoroutine,
        _ => return None,
    };
    let types: Vec<Type> = match &segment.arguments {
        PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|arg| match arg {
                GenericArgument::Type(ty) => Some(ty.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut types = types.into_iter();
    // Without its type arguments the return type is not a type at all, and
    // rustc says so (with the fix); the expansion goes on with `_`.
    let yield_ty = types.next().unwrap_or_else(|| syn::parse_quote!(_));
    let unit: Type = syn::parse_quote!(());
    let (return_ty, resume_ty) = if kind.is_coroutine() {
        (
            types.next().unwrap_or_else(|| unit.clone()),
            types.next().unwrap_or_else(|| unit.clone()),
        )
    } else {
        (unit.clone(), unit)
    };
    Some(Output {
        kind,
        fallible: !kind.is_coroutine() && is_result(&yield_ty),
        yield_ty,
        resume_ty,
        return_ty,
        impl_trait: None,
        boxed: Some(Boxed { local }),
        add_fused: false,
        add_coroutine: false,
    })
}

/// The yield, resume and return types the trait's generic arguments name:
/// `Iterator<Item = Y>`, `Coroutine<R, Yield = Y, Return = T>` (and
/// `AsyncCoroutine<..>`).
fn declared_types(
    kind: Kind,
    segment: &syn::PathSegment,
) -> (Option<Type>, Option<Type>, Option<Type>) {
    let (mut yield_ty, mut resume_ty, mut return_ty) = (None, None, None);
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return (yield_ty, resume_ty, return_ty);
    };
    for arg in &args.args {
        match arg {
            GenericArgument::AssocType(assoc) => {
                match (kind.is_coroutine(), assoc.ident.to_string().as_str()) {
                    (false, "Item") | (true, "Yield") => yield_ty = Some(assoc.ty.clone()),
                    (true, "Return") => return_ty = Some(assoc.ty.clone()),
                    _ => {}
                }
            }
            GenericArgument::Type(ty) if kind.is_coroutine() && resume_ty.is_none() => {
                resume_ty = Some(ty.clone());
            }
            _ => {}
        }
    }
    (yield_ty, resume_ty, return_ty)
}

/// Code as a person would write it in a message: `Vec<u32>`, not
/// `Vec < u32 >`.
pub(crate) fn display(tokens: &impl ToTokens) -> String {
    let mut text = tokens.to_token_stream().to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" ,", ","),
        ("& ", "&"),
        ("( ", "("),
        (" )", ")"),
    ] {
        text = text.replace(from, to);
    }
    text
}

/// `Result<..>`, `io::Result<..>`, `::core::result::Result<..>`, ...
fn is_result(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => {
            path.qself.is_none()
                && path
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "Result")
        }
        Type::Group(group) => is_result(&group.elem),
        Type::Paren(paren) => is_result(&paren.elem),
        _ => false,
    }
}

/// The input of `coroutine!`: `($crate) |first: R| -> T { body }`.
pub(crate) struct CoroutineInput {
    pub(crate) krate: TokenStream,
    pub(crate) closure: syn::ExprClosure,
}

impl Parse for CoroutineInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        parenthesized!(content in input);
        let krate = content.parse()?;
        let closure: syn::ExprClosure = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "`coroutine!` takes a closure: `coroutine!(|first: R| { .. yield_!(..) .. })`",
            )
        })?;
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the closure"));
        }
        if let Some(token) = &closure.asyncness {
            return Err(syn::Error::new(
                token.span,
                "`coroutine!` takes a sync closure: for an async coroutine, write a \
                 `#[generator] async fn` returning `impl AsyncCoroutine<R, Yield = Y, Return = T>`; \
                 for an async generator, `stream!`",
            ));
        }
        if closure.inputs.len() > 1 {
            return Err(syn::Error::new_spanned(
                &closure.inputs,
                "a coroutine closure takes at most one parameter: the first resume argument",
            ));
        }
        Ok(CoroutineInput { krate, closure })
    }
}

/// The input of `iter!` / `stream!`: `($crate) body..`.
pub(crate) struct BlockInput {
    pub(crate) krate: TokenStream,
    pub(crate) stmts: Vec<syn::Stmt>,
    /// Where the user's body starts: the location rustc gives the generated
    /// closure in its messages (the call site is inside coro's forwarder).
    pub(crate) location: Span,
}

impl Parse for BlockInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        parenthesized!(content in input);
        let krate = content.parse()?;
        let location = input.span();
        let mut stmts = input.call(Block::parse_within)?;
        // `iter!({ .. })`, the form rustfmt formats: the block is the body
        // (its braces would draw `unused_braces` around the body's value).
        if let [syn::Stmt::Expr(syn::Expr::Block(block), None)] = stmts.as_slice()
            && block.attrs.is_empty()
            && block.label.is_none()
        {
            let syn::Stmt::Expr(syn::Expr::Block(block), None) = stmts.remove(0) else {
                unreachable!("matched above")
            };
            stmts = block.block.stmts;
        }
        Ok(BlockInput {
            krate,
            stmts,
            location,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn output(sig: TokenStream) -> syn::Result<Output> {
        let mut errors = Diagnostics::default();
        let output = parse_output(&syn::parse2(sig).unwrap(), &mut errors)?;
        errors.into_result()?;
        Ok(output)
    }

    #[test]
    fn kinds() {
        let o = output(quote!(fn f() -> impl Iterator<Item = u32>)).unwrap();
        assert_eq!(o.kind, Kind::Iterator);
        assert!(!o.fallible && o.add_fused && o.add_coroutine);
        let o =
            output(quote!(fn f() -> impl core::iter::FusedIterator<Item = io::Result<u8>> + '_))
                .unwrap();
        assert_eq!(o.kind, Kind::Iterator);
        assert!(o.fallible && !o.add_fused && o.add_coroutine);
        let o = output(quote!(fn f(&self) -> impl IntoIterator<Item = &u8>)).unwrap();
        assert_eq!(o.kind, Kind::Iterator);
        assert!(!o.add_fused && !o.add_coroutine);
        let o = output(quote!(async fn f() -> impl Stream<Item = u32> + Send)).unwrap();
        assert_eq!(o.kind, Kind::Stream);
        let o = output(quote!(fn f() -> impl Coroutine<i64, Yield = i64, Return = usize>)).unwrap();
        assert_eq!(o.kind, Kind::Coroutine);
        assert_eq!(o.resume_ty.to_token_stream().to_string(), "i64");
        assert_eq!(o.return_ty.to_token_stream().to_string(), "usize");
        let o = output(quote!(fn f() -> impl Coroutine<Yield = u8>)).unwrap();
        assert_eq!(o.resume_ty.to_token_stream().to_string(), "()");
        assert!(!o.fallible);
    }

    #[test]
    fn boxed() {
        let o = output(quote!(fn f(&self) -> coro::BoxIter<'_, io::Result<u8>>)).unwrap();
        assert_eq!(o.kind, Kind::Iterator);
        assert_eq!(o.boxed, Some(Boxed { local: false }));
        assert!(o.fallible && !o.add_fused && !o.add_coroutine && o.impl_trait.is_none());
        let o = output(quote!(async fn f() -> LocalBoxStream<'static, u8>)).unwrap();
        assert_eq!(o.kind, Kind::Stream);
        assert_eq!(o.boxed, Some(Boxed { local: true }));
        let o = output(quote!(fn f() -> BoxCoroutine<'static, u8, usize, i64>)).unwrap();
        assert_eq!(o.kind, Kind::Coroutine);
        assert_eq!(o.yield_ty.to_token_stream().to_string(), "u8");
        assert_eq!(o.return_ty.to_token_stream().to_string(), "usize");
        assert_eq!(o.resume_ty.to_token_stream().to_string(), "i64");
        let o = output(quote!(fn f() -> LocalBoxCoroutine<'static, u8>)).unwrap();
        assert_eq!(o.return_ty.to_token_stream().to_string(), "()");
        assert_eq!(o.resume_ty.to_token_stream().to_string(), "()");
        // Missing arguments are rustc's to report (its error has the fix).
        let o = output(quote!(fn f() -> BoxIter)).unwrap();
        assert_eq!(o.yield_ty.to_token_stream().to_string(), "_");
    }

    #[test]
    fn rejected() {
        let err = |sig| output(sig).err().unwrap().to_string();
        assert!(err(quote!(fn f())).starts_with("a `#[generator]` fn must return `impl Iterator"));
        assert!(
            err(quote!(fn f() -> Vec<u32>)).starts_with("`#[generator]` cannot return `Vec<u32>`")
        );
        assert!(
            err(quote!(fn f() -> impl Display))
                .starts_with("`#[generator]` cannot return `impl Display`")
        );
        assert_eq!(
            err(quote!(fn f() -> impl Iterator)),
            "`#[generator]` needs the type of the values it yields: `impl Iterator<Item = T>`"
        );
    }

    #[test]
    fn not_a_function() {
        let err = parse_fn(&quote!(
            struct S;
        ))
        .err()
        .unwrap();
        assert_eq!(
            err.to_string(),
            "`#[generator]` can only be used on functions"
        );
        let err = parse_fn(&quote!(
            fn f() -> impl Iterator<Item = u8>;
        ))
        .err()
        .unwrap();
        assert_eq!(
            err.to_string(),
            "`#[generator]` needs a function with a body"
        );
    }
}
