//! The arguments of `#[generator(..)]`.

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::{Ident, Path};

/// `#[generator]`, `#[generator(unboxed)]`, `#[generator(native)]`,
/// `#[generator(fallback)]`, `#[generator(crate = path)]`.
#[derive(Default)]
pub(crate) struct Args {
    /// Where the `coro` crate is, when the user renamed it.
    pub(crate) krate: Option<Path>,
    /// The generator is returned unboxed (no allocation; pin it to run it).
    pub(crate) unboxed: Option<Ident>,
    /// The generator must be native: an error says why, if it cannot be.
    pub(crate) native: Option<Ident>,
    /// The generator runs on the async engine, even if it could be native.
    pub(crate) fallback: Option<Ident>,
    /// `first = pat`: a coroutine's body binds the first resume argument
    /// (which no `yield_!` receives) to `pat`, and `first` is where it was
    /// written.
    pub(crate) first: Option<(Ident, syn::Pat)>,
}

impl Args {
    pub(crate) fn parse(tokens: TokenStream) -> syn::Result<Self> {
        let mut args = Args::default();
        syn::meta::parser(|meta| args.parse_one(&meta)).parse2(tokens)?;
        Ok(args)
    }

    fn parse_one(&mut self, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
        for (name, slot) in [
            ("unboxed", &mut self.unboxed),
            ("native", &mut self.native),
            ("fallback", &mut self.fallback),
        ] {
            if meta.path.is_ident(name) {
                if slot.is_some() {
                    return Err(meta.error(format_args!("duplicate `{name}` argument")));
                }
                *slot = meta.path.get_ident().cloned();
                return Ok(());
            }
        }
        if meta.path.is_ident("first") {
            if self.first.is_some() {
                return Err(meta.error("duplicate `first` argument"));
            }
            let name = meta
                .path
                .get_ident()
                .cloned()
                .expect("`first` is an identifier");
            let pat = syn::Pat::parse_single(meta.value()?)?;
            self.first = Some((name, pat));
            return Ok(());
        }
        if meta.path.is_ident("crate") {
            if self.krate.is_some() {
                return Err(meta.error("duplicate `crate` argument"));
            }
            self.krate = Some(meta.value()?.parse()?);
            Ok(())
        } else {
            Err(meta.error(format_args!(
                "unknown `#[generator]` argument `{}`; expected `unboxed`, `native`, `fallback`, \
                 `first = pattern` or `crate = path`",
                quote::ToTokens::to_token_stream(&meta.path)
                    .to_string()
                    .replace(' ', ""),
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Args;
    use quote::quote;

    #[test]
    fn empty() {
        let args = Args::parse(quote!()).unwrap();
        assert!(args.krate.is_none() && args.unboxed.is_none());
    }

    #[test]
    fn both() {
        let args = Args::parse(quote!(unboxed, crate = ::my::coro)).unwrap();
        assert!(args.unboxed.is_some());
        let krate = args.krate.unwrap();
        assert_eq!(quote!(#krate).to_string(), quote!(::my::coro).to_string());
    }

    #[test]
    fn first_takes_a_pattern() {
        let args = Args::parse(quote!(first = (a, mut b), fallback)).unwrap();
        let (name, pat) = args.first.unwrap();
        assert_eq!(name, "first");
        assert_eq!(quote!(#pat).to_string(), quote!((a, mut b)).to_string());
        assert!(args.fallback.is_some());
    }

    #[test]
    fn errors() {
        let err = |tokens| Args::parse(tokens).err().unwrap().to_string();
        assert_eq!(
            err(quote!(boxed)),
            "unknown `#[generator]` argument `boxed`; expected `unboxed`, `native`, `fallback`, \
             `first = pattern` or `crate = path`"
        );
        assert_eq!(
            err(quote!(unboxed, unboxed)),
            "duplicate `unboxed` argument"
        );
        assert_eq!(
            err(quote!(crate = a, crate = b)),
            "duplicate `crate` argument"
        );
    }
}
