//! Names the expansion introduces. They all start with `__coro_` and resolve
//! at the macro's definition site (`Span::mixed_site`), so user code can
//! neither name them nor be shadowed by them.

use proc_macro2::{Ident, Span};

/// An identifier of ours, located at `span` (for error messages) but
/// resolved privately.
pub(crate) fn private_ident(name: &str, span: Span) -> Ident {
    Ident::new(
        &format!("__coro_{name}"),
        span.resolved_at(Span::mixed_site()),
    )
}

/// The generator's yield handle, `__coro_co`.
pub(crate) fn co() -> Ident {
    private_ident("co", Span::call_site())
}
