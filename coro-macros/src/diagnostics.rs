//! Every error the macros report goes through here, and out at one place per
//! entry point (`expand.rs`): into a `compile_error!` beside an expansion
//! that still compiles (the signature as written, a body of the right type),
//! so that the user sees each mistake once and no cascade.
//!
//! The stages push what they find and go on: one build reports every
//! independent mistake.
//!
//! One kind of mistake is reported in place instead: a `yield_!` or
//! `yield_from!` where it cannot suspend the generator (in a closure, an
//! `async` block). `visit.rs` turns the call into `yield_!(@__coro_error
//! "..")`, which the facade's macro expands to a `compile_error!` at the
//! user's call: an error expression, which rustc unifies with any type, so
//! that no type error follows from the call having no value (an
//! `unreachable!()` there gave "cannot add `!` to `&u32`" and unused-variable
//! warnings).

use proc_macro2::{Span, TokenStream};

use crate::native::Rejection;

/// The errors found so far, combined into one.
#[derive(Default)]
pub(crate) struct Diagnostics(Option<syn::Error>);

impl Diagnostics {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn extend(&mut self, errors: impl IntoIterator<Item = syn::Error>) {
        for error in errors {
            self.push(error);
        }
    }

    /// Whether an error was reported.
    pub(crate) fn has_errors(&self) -> bool {
        self.0.is_some()
    }

    #[cfg(test)]
    pub(crate) fn into_result(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }

    /// The `compile_error!`s, or nothing.
    pub(crate) fn into_compile_errors(self) -> TokenStream {
        self.0
            .map(syn::Error::into_compile_error)
            .unwrap_or_default()
    }
}

/// The error for `native` or `+ Clone` (`what`, at `span`) on a body that
/// cannot be native, pointing at what prevents it.
pub(crate) fn not_native(span: Span, what: &str, rejection: &Rejection) -> syn::Error {
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
