//! `differential!`: one body, compiled on both engines (and, for the forms
//! of `iter!` and `coroutine!`, as those blocks too), each copy also with a
//! panic hook after every `yield_!`; and a test that runs every copy through
//! the scenarios of `harness` and compares them with the async engine's.
//!
//! ```text
//! differential! {
//!     iter NAME [GENERICS]? (PARAMS) -> (RETURN TYPE) [where CLAUSES]?
//!         ENGINE [BOUNDS] traits [Send, Sync] (or [Send; not Sync])
//!         { BODY }
//!         (setup { STATEMENTS })?
//!         calls(log) [(ARGS), ...]
//!
//!     coro NAME ... calls(log) [(ARGS) [RESUME ARGS], ...]
//!
//!     iter_block NAME (CAPTURE: TYPE, ...) -> ITEM, ENGINE [BOUNDS] traits [..] { BODY } ...
//!     coro_block NAME (CAPTURE: TYPE, ...) |FIRST: R| -> (YIELD, RETURN), ENGINE [..] ...
//!     coro_block NAME (CAPTURE: TYPE, ...) || -> (YIELD, RETURN), ENGINE [..] ...
//! }
//! ```
//!
//! * `ENGINE [BOUNDS]` is `native []` or `native [+ Clone]`: the copy with
//!   `#[generator(native)]` (which proves at compile time that the body is
//!   native) gets the bounds, and `+ Clone` adds the clone scenarios; or
//!   `fallback_only ["why"]`, for a body the native engine rejects: the copy
//!   with a plain `#[generator]` is checked (at run time) to be on the async
//!   engine, and compared with `#[generator(fallback)]`; or
//!   `fallback_only [async "why"]` (fn forms only), for a body that the
//!   default engine does not even compile (a bug): both copies are the async
//!   engine's.
//! * `log` is bound to a fresh `&Log` in each argument (and resume argument)
//!   expression, which are evaluated anew for every run.
//! * The block forms compile the body a further two times: as the block
//!   itself (shown native by its type: `harness::native_iter`), and as the
//!   block forced onto the async engine (by a borrow held across its
//!   yields: two locals of no consequence). Their `#[generator]` copies take
//!   the captures as parameters; a `coroutine!`'s first resume argument,
//!   which a `#[generator]` coroutine drops, is passed as its first
//!   parameter instead.

/// Rewrites each `yield_!(v)` of a body into `hook(yield_!(v))`, through
/// every group, and hands the result to `differential! { CALLBACK { BODY } }`.
/// A group with no `yield_!` inside is kept as it was written (with its
/// spans: `line!()` in it is the line of the case).
///
/// The state: `@go CALLBACK STACK CHANGED [OUTPUT] INPUT..`, where a frame
/// of the stack is `(KIND ORIGINAL) CHANGED [OUTPUT] [REST] PARENT`, and
/// `CHANGED` is `[]` or `[y]` (a `yield_!` was rewritten at this level).
macro_rules! inject_hooks {
    (@start [$($cb:tt)*] $($body:tt)*) => {
        inject_hooks! { @go [$($cb)*] [] [] [] $($body)* }
    };
    (@start_group $cb:tt { $($body:tt)* }) => {
        inject_hooks! { @go $cb [] [] [] $($body)* }
    };

    // The end.
    (@go [$($cb:tt)*] [] $changed:tt [$($out:tt)*]) => {
        differential! { $($cb)* { $($out)* } }
    };

    // The end of a group: back to its parent, with the group as it was, or
    // rewritten.
    (@go $cb:tt [($kind:ident $orig:tt) $pc:tt [$($o:tt)*] [$($r:tt)*] $up:tt] [] $out:tt) => {
        inject_hooks! { @go $cb $up $pc [$($o)* $orig] $($r)* }
    };
    (@go $cb:tt [(paren $orig:tt) $pc:tt [$($o:tt)*] [$($r:tt)*] $up:tt] [y] [$($out:tt)*]) => {
        inject_hooks! { @go $cb $up [y] [$($o)* ($($out)*)] $($r)* }
    };
    (@go $cb:tt [(bracket $orig:tt) $pc:tt [$($o:tt)*] [$($r:tt)*] $up:tt] [y] [$($out:tt)*]) => {
        inject_hooks! { @go $cb $up [y] [$($o)* [$($out)*]] $($r)* }
    };
    (@go $cb:tt [(brace $orig:tt) $pc:tt [$($o:tt)*] [$($r:tt)*] $up:tt] [y] [$($out:tt)*]) => {
        inject_hooks! { @go $cb $up [y] [$($o)* {$($out)*}] $($r)* }
    };
    // The end of a `yield_!`'s argument: the hook around it.
    (@go $cb:tt [(yield paren [$($p:tt)*]) $pc:tt [$($o:tt)*] [$($r:tt)*] $up:tt] $c:tt [$($out:tt)*]) => {
        inject_hooks! { @go $cb $up [y] [$($o)* $crate::harness::hook($($p)* ! ($($out)*))] $($r)* }
    };
    (@go $cb:tt [(yield bracket [$($p:tt)*]) $pc:tt [$($o:tt)*] [$($r:tt)*] $up:tt] $c:tt [$($out:tt)*]) => {
        inject_hooks! { @go $cb $up [y] [$($o)* $crate::harness::hook($($p)* ! [$($out)*])] $($r)* }
    };
    // A `yield_! { .. }` is a statement (it needs no `;`); as a call it
    // does.
    (@go $cb:tt [(yield brace [$($p:tt)*]) $pc:tt [$($o:tt)*] [$($r:tt)*] $up:tt] $c:tt [$($out:tt)*]) => {
        inject_hooks! { @go $cb $up [y] [$($o)* $crate::harness::hook($($p)* ! {$($out)*});] $($r)* }
    };

    // A `yield_!`, by each of its names.
    (@go $cb:tt $up:tt $c:tt $out:tt coro :: yield_ ! $group:tt $($rest:tt)*) => {
        inject_hooks! { @yield $cb $up $c $out [coro :: yield_] $group $($rest)* }
    };
    (@go $cb:tt $up:tt $c:tt $out:tt coro :: r#yield ! $group:tt $($rest:tt)*) => {
        inject_hooks! { @yield $cb $up $c $out [coro :: r#yield] $group $($rest)* }
    };
    (@go $cb:tt $up:tt $c:tt $out:tt yield_ ! $group:tt $($rest:tt)*) => {
        inject_hooks! { @yield $cb $up $c $out [yield_] $group $($rest)* }
    };
    (@go $cb:tt $up:tt $c:tt $out:tt r#yield ! $group:tt $($rest:tt)*) => {
        inject_hooks! { @yield $cb $up $c $out [r#yield] $group $($rest)* }
    };
    (@yield $cb:tt $up:tt $c:tt $out:tt $path:tt ($($a:tt)*) $($rest:tt)*) => {
        inject_hooks! { @go $cb [(yield paren $path) $c $out [$($rest)*] $up] [] [] $($a)* }
    };
    (@yield $cb:tt $up:tt $c:tt $out:tt $path:tt [$($a:tt)*] $($rest:tt)*) => {
        inject_hooks! { @go $cb [(yield bracket $path) $c $out [$($rest)*] $up] [] [] $($a)* }
    };
    (@yield $cb:tt $up:tt $c:tt $out:tt $path:tt {$($a:tt)*} $($rest:tt)*) => {
        inject_hooks! { @go $cb [(yield brace $path) $c $out [$($rest)*] $up] [] [] $($a)* }
    };

    // Any other token: a group is entered, anything else kept.
    (@go $cb:tt $up:tt $c:tt $out:tt $t:tt $($rest:tt)*) => {
        inject_hooks! { @token $cb $up $c $out $t $t $($rest)* }
    };
    (@token $cb:tt $up:tt $c:tt $out:tt ($($g:tt)*) $orig:tt $($rest:tt)*) => {
        inject_hooks! { @go $cb [(paren $orig) $c $out [$($rest)*] $up] [] [] $($g)* }
    };
    (@token $cb:tt $up:tt $c:tt $out:tt [$($g:tt)*] $orig:tt $($rest:tt)*) => {
        inject_hooks! { @go $cb [(bracket $orig) $c $out [$($rest)*] $up] [] [] $($g)* }
    };
    (@token $cb:tt $up:tt $c:tt $out:tt {$($g:tt)*} $orig:tt $($rest:tt)*) => {
        inject_hooks! { @go $cb [(brace $orig) $c $out [$($rest)*] $up] [] [] $($g)* }
    };
    (@token $cb:tt $up:tt $c:tt [$($out:tt)*] $t:tt $orig:tt $($rest:tt)*) => {
        inject_hooks! { @go $cb $up $c [$($out)* $t] $($rest)* }
    };
}

/// Whether the value of `$e` is `$trait` (an auto trait, `Clone`, ...), as
/// a `bool` decided at compile time by autoref specialisation: the method
/// found without an extra `&` exists only for types of the trait. So a test
/// can assert that a type is *not* `Sync`. (On an opaque type, as the
/// generators are: on a closure in the body being checked, rustc decides
/// auto traits only after the method is chosen.)
macro_rules! implements {
    ($trait:ident, $e:expr) => {{
        struct Probe<T: ?Sized>(::core::marker::PhantomData<T>);
        #[allow(dead_code, reason = "one of the two methods is found")]
        trait Yes {
            fn implements(&self) -> bool {
                true
            }
        }
        impl<T: ?Sized + $trait> Yes for Probe<T> {}
        #[allow(dead_code, reason = "one of the two methods is found")]
        trait No {
            fn implements(&self) -> bool {
                false
            }
        }
        impl<T: ?Sized> No for &Probe<T> {}
        fn probe<T: ?Sized>(_: &T) -> Probe<T> {
            Probe(::core::marker::PhantomData)
        }
        (&probe(&$e)).implements()
    }};
}

macro_rules! differential {
    // --- What `inject_hooks!` hands back, and the plain copies ------------

    (@munched_fn [$($head:tt)*] { $($body:tt)* }) => {
        $($head)* { $($body)* }
    };
    (@munched_iter [$($head:tt)*] [$($wrap:tt)*] [$($prefix:tt)*] { $($body:tt)* }) => {
        $($head)* { $($wrap)*(coro::iter! { $($prefix)* $($body)* }) }
    };
    (@munched_co [$($head:tt)*] [$($wrap:tt)*] [$($closure:tt)*] [$($prefix:tt)*] { $($body:tt)* }) => {
        $($head)* { $($wrap)*(coro::coroutine!($($closure)* { $($prefix)* $($body)* })) }
    };

    // Each copy of a `#[generator]` fn, `[ATTRIBUTE COPY BOUNDS]`: the fn
    // keeps the case's name (so that a body may call itself), in a module of
    // its own named after the copy, and is imported as `COPY`.
    (@fns $name:ident [$([$attr:meta $copy:ident [$($nb:tt)*]])*] $gen:tt $params:tt $ret:tt $wc:tt $body:tt) => {
        $(differential!(@fn $name [$attr] $copy [$($nb)*] $gen $params $ret $wc $body);)*
    };
    (@fn $name:ident [$attr:meta] $copy:ident [$($nb:tt)*] [$($gen:tt)*] [$($params:tt)*] [$($ret:tt)*] [$($wc:tt)*] [$($body:tt)*]) => {
        pub(super) mod $copy {
            #[allow(unused_imports)]
            use super::*;

            #[$attr]
            pub(crate) fn $name<$($gen)*>($($params)*) -> $($ret)* $($nb)* $($wc)* {
                $($body)*
            }
        }
        pub(super) use self::$copy::$name as $copy;
    };
    (@injected_fns $name:ident [$([$attr:meta $copy:ident [$($nb:tt)*]])*] $gen:tt $params:tt $ret:tt $wc:tt $body:tt) => {
        $(differential!(@injected_fn $name [$attr] $copy [$($nb)*] $gen $params $ret $wc $body);)*
    };
    (@injected_fn $name:ident [$attr:meta] $copy:ident [$($nb:tt)*] [$($gen:tt)*] [$($params:tt)*] [$($ret:tt)*] [$($wc:tt)*] [$($body:tt)*]) => {
        pub(super) mod $copy {
            #[allow(unused_imports)]
            use super::*;

            inject_hooks!(@start [@munched_fn [
                #[$attr]
                pub(crate) fn $name<$($gen)*>($($params)*) -> $($ret)* $($nb)* $($wc)*
            ]] $($body)*);
        }
        pub(super) use self::$copy::$name as $copy;
    };

    // The copies each engine choice makes: `[ATTRIBUTE COPY BOUNDS]`, plain
    // then injected.
    (@copies $name:ident native [$($nb:tt)*] $($rest:tt)*) => {
        differential!(@fns $name [
            [coro::generator(fallback) fallback []]
            [coro::generator(native) native [$($nb)*]]
        ] $($rest)*);
        differential!(@injected_fns $name [
            [coro::generator(fallback) fallback_injected []]
            [coro::generator(native) native_injected [$($nb)*]]
        ] $($rest)*);
    };
    // A body the default engine does not compile (a bug of the native
    // engine, which takes it and writes code that does not borrow-check):
    // the async engine's copy twice, so that the body still runs.
    (@copies $name:ident fallback_only [async $why:literal] $($rest:tt)*) => {
        differential!(@fns $name [
            [coro::generator(fallback) fallback []]
            [coro::generator(fallback) native []]
        ] $($rest)*);
        differential!(@injected_fns $name [
            [coro::generator(fallback) fallback_injected []]
            [coro::generator(fallback) native_injected []]
        ] $($rest)*);
    };
    (@copies $name:ident fallback_only [$why:literal] $($rest:tt)*) => {
        differential!(@fns $name [
            [coro::generator(fallback) fallback []]
            [coro::generator native []]
        ] $($rest)*);
        differential!(@injected_fns $name [
            [coro::generator(fallback) fallback_injected []]
            [coro::generator native_injected []]
        ] $($rest)*);
    };

    // --- `#[generator]` fns returning `impl Iterator` -----------------------

    (iter $name:ident $([$($gen:tt)*])? ($($params:tt)*) -> ($($ret:tt)*) $([where $($wc:tt)*])?
        $engine:ident $nb:tt traits $traits:tt
        { $($body:tt)* }
        $(setup { $($setup:tt)* })?
        calls($log:ident) [$($call:tt),* $(,)?]
        $($more:tt)*
    ) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            differential!(@copies $name $engine $nb [$($($gen)*)?] [$($params)*] [$($ret)*]
                [$(where $($wc)*)?] [$($body)*]);

            #[test]
            fn differential() {
                $crate::harness::quiet();
                $($($setup)*)?
                $(differential!(@iter_call fn $engine $nb $traits $log $call);)*
            }
        }
        differential! { $($more)* }
    };

    // --- `iter!` blocks, and the same body as `#[generator]` fns ------------

    (iter_block $name:ident ($($($p:ident)+ : $t:ty),* $(,)?) -> $item:ty,
        $engine:ident $nb:tt traits $traits:tt
        { $($body:tt)* }
        $(setup { $($setup:tt)* })?
        calls($log:ident) [$($call:tt),* $(,)?]
        $($more:tt)*
    ) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            differential!(@copies $name $engine $nb [] [$($($p)+: $t),*]
                [impl Iterator<Item = $item>] [] [$($body)*]);
            differential!(@iter_blocks $engine $nb ($($($p)+: $t),*) [$item] {$($body)*});

            #[test]
            fn differential() {
                $crate::harness::quiet();
                $($($setup)*)?
                $(differential!(@iter_call block $engine $nb $traits $log $call);)*
            }
        }
        differential! { $($more)* }
    };
    (@iter_blocks native [$($nb:tt)*] $params:tt $item:tt $body:tt) => {
        differential!(@iter_block_copies [
            [block_native block_native_injected [$($nb)*] [$crate::harness::native_iter] []]
            [block_fallback block_fallback_injected [] [$crate::harness::not_native] [
                let force_fallback = 0_u8;
                let _force_fallback = &force_fallback;
            ]]
        ] $params $item $body);
    };
    (@iter_blocks fallback_only $why:tt $params:tt $item:tt $body:tt) => {
        differential!(@iter_block_copies [
            [block_native block_native_injected [] [$crate::harness::not_native] []]
        ] $params $item $body);
    };
    (@iter_block_copies [$([$copy:ident $injected:ident [$($nb:tt)*] [$($wrap:tt)*] [$($prefix:tt)*]])*]
        $params:tt [$item:ty] $body:tt) => {$(
        differential!(@munched_iter [
            pub(super) fn $copy $params -> impl $crate::harness::IterGen<Item = $item> $($nb)*
        ] [$($wrap)*] [$($prefix)*] $body);
        inject_hooks!(@start_group [@munched_iter [
            pub(super) fn $injected $params -> impl $crate::harness::IterGen<Item = $item> $($nb)*
        ] [$($wrap)*] [$($prefix)*]] $body);
    )*};

    // --- Comparing the copies of an iterator, for one call -----------------

    (@iter_call $form:ident $engine:ident $nb:tt $traits:tt $log:ident ($($arg:expr),* $(,)?)) => {{
        let ctx = $crate::harness::Ctx::new(module_path!(), stringify!(($($arg),*)));
        let reference = $crate::harness::record_iter(
            &|#[allow(unused_variables)] $log: &$crate::harness::Log| fallback($($arg),*),
            None,
        );
        let panics = $crate::harness::record_panics_iter(
            &|#[allow(unused_variables)] $log: &$crate::harness::Log| fallback_injected($($arg),*),
            None,
        );
        ctx.same(
            "the async engine's copy with hooks",
            "the full run",
            &reference.full,
            &panics.unpanicked,
        );
        differential!(@iter_copy $engine $nb ctx reference panics "#[generator] fn" $log
            native native_injected ($($arg),*));
        differential!(@iter_blocks_call $form $engine $nb ctx reference panics $log ($($arg),*));
        differential!(@iter_traits $form $engine $traits $log ($($arg),*));
    }};
    (@iter_blocks_call fn $($rest:tt)*) => {};
    (@iter_blocks_call block native $nb:tt $ctx:ident $reference:ident $panics:ident $log:ident $args:tt) => {
        differential!(@iter_copy native $nb $ctx $reference $panics "iter!" $log
            block_native block_native_injected $args);
        differential!(@iter_copy native [] $ctx $reference $panics "iter! forced onto the async engine" $log
            block_fallback block_fallback_injected $args);
    };
    (@iter_blocks_call block fallback_only $nb:tt $ctx:ident $reference:ident $panics:ident $log:ident $args:tt) => {
        differential!(@iter_copy fallback_only $nb $ctx $reference $panics "iter!" $log
            block_native block_native_injected $args);
    };
    (@iter_copy $engine:ident [$($nb:tt)*] $ctx:ident $reference:ident $panics:ident $label:literal $log:ident
        $copy:ident $injected:ident ($($arg:expr),*)) => {
        let label = differential!(@label $engine $label);
        let make = |#[allow(unused_variables)] $log: &$crate::harness::Log| $copy($($arg),*);
        differential!(@engine_check $engine { make(&$crate::harness::Log::new()) });
        $ctx.same_iter(label, &$reference, &$crate::harness::record_iter(&make, Some(&$reference)));
        $ctx.same_panics(
            label,
            &$panics,
            &$crate::harness::record_panics_iter(
                &|#[allow(unused_variables)] $log: &$crate::harness::Log| $injected($($arg),*),
                Some(&$panics),
            ),
        );
        differential!(@clones iter [$($nb)*] $ctx label make $reference);
    };

    // --- `#[generator]` fns returning `impl Coroutine` ----------------------

    (coro $name:ident $([$($gen:tt)*])? ($($params:tt)*) -> ($($ret:tt)*) $([where $($wc:tt)*])?
        $engine:ident $nb:tt traits $traits:tt
        { $($body:tt)* }
        $(setup { $($setup:tt)* })?
        calls($log:ident) [$($call:tt $resumes:tt),* $(,)?]
        $($more:tt)*
    ) => {
        mod $name {
            #![allow(
                deprecated,
                reason = "the cases are primed: their first resume argument is dropped on purpose"
            )]
            #[allow(unused_imports)]
            use super::*;

            differential!(@copies $name $engine $nb [$($($gen)*)?] [$($params)*] [$($ret)*]
                [$(where $($wc)*)?] [$($body)*]);

            #[test]
            fn differential() {
                $crate::harness::quiet();
                $($($setup)*)?
                $(differential!(@co_call fn [] $engine $nb $traits $log $call $resumes);)*
            }
        }
        differential! { $($more)* }
    };

    // --- `coroutine!` blocks, and the same body as `#[generator]` fns -------

    (coro_block $name:ident ($($($p:ident)+ : $t:ty),* $(,)?) |$first:ident : $r:ty| -> ($y:ty, $rt:ty),
        $engine:ident $nb:tt traits $traits:tt
        { $($body:tt)* }
        $(setup { $($setup:tt)* })?
        calls($log:ident) [$($call:tt $resumes:tt),* $(,)?]
        $($more:tt)*
    ) => {
        mod $name {
            #![allow(
                deprecated,
                reason = "the fn copies take the first argument as a parameter and drop the \
                          first resume's"
            )]
            #[allow(unused_imports)]
            use super::*;

            differential!(@copies $name $engine $nb [] [$first: $r, $($($p)+: $t),*]
                [impl coro::Coroutine<$r, Yield = $y, Return = $rt>] [] [$($body)*]);
            differential!(@co_blocks $engine $nb ($($($p)+: $t),*) [|$first: $r| -> $rt]
                [$r, $y, $rt] {$($body)*});

            #[test]
            fn differential() {
                $crate::harness::quiet();
                $($($setup)*)?
                $(differential!(@co_call block [first] $engine $nb $traits $log $call $resumes);)*
            }
        }
        differential! { $($more)* }
    };
    (coro_block $name:ident ($($($p:ident)+ : $t:ty),* $(,)?) || -> ($y:ty, $rt:ty),
        $engine:ident $nb:tt traits $traits:tt
        { $($body:tt)* }
        $(setup { $($setup:tt)* })?
        calls($log:ident) [$($call:tt $resumes:tt),* $(,)?]
        $($more:tt)*
    ) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            differential!(@copies $name $engine $nb [] [$($($p)+: $t),*]
                [impl coro::Coroutine<(), Yield = $y, Return = $rt>] [] [$($body)*]);
            differential!(@co_blocks $engine $nb ($($($p)+: $t),*) [|| -> $rt]
                [(), $y, $rt] {$($body)*});

            #[test]
            fn differential() {
                $crate::harness::quiet();
                $($($setup)*)?
                $(differential!(@co_call block [] $engine $nb $traits $log $call $resumes);)*
            }
        }
        differential! { $($more)* }
    };
    (@co_blocks native [$($nb:tt)*] $params:tt $closure:tt $types:tt $body:tt) => {
        differential!(@co_block_copies [
            [block_native block_native_injected [$($nb)*] [$crate::harness::native_coroutine] []]
            [block_fallback block_fallback_injected [] [$crate::harness::not_native] [
                let force_fallback = 0_u8;
                let _force_fallback = &force_fallback;
            ]]
        ] $params $closure $types $body);
    };
    (@co_blocks fallback_only $why:tt $params:tt $closure:tt $types:tt $body:tt) => {
        differential!(@co_block_copies [
            [block_native block_native_injected [] [$crate::harness::not_native] []]
        ] $params $closure $types $body);
    };
    (@co_block_copies [$([$copy:ident $injected:ident [$($nb:tt)*] [$($wrap:tt)*] [$($prefix:tt)*]])*]
        $params:tt $closure:tt [$r:ty, $y:ty, $rt:ty] $body:tt) => {$(
        differential!(@munched_co [
            pub(super) fn $copy $params
                -> impl coro::Coroutine<$r, Yield = $y, Return = $rt> + Unpin $($nb)*
        ] [$($wrap)*] $closure [$($prefix)*] $body);
        inject_hooks!(@start_group [@munched_co [
            pub(super) fn $injected $params
                -> impl coro::Coroutine<$r, Yield = $y, Return = $rt> + Unpin $($nb)*
        ] [$($wrap)*] $closure [$($prefix)*]] $body);
    )*};

    // --- Comparing the copies of a coroutine, for one call -----------------

    (@co_call $form:ident [$($first:ident)?] $engine:ident $nb:tt $traits:tt $log:ident
        ($($arg:expr),* $(,)?) $resumes:tt) => {{
        let ctx = $crate::harness::Ctx::new(module_path!(), stringify!(($($arg),*) $resumes));
        let resumes = |#[allow(unused_variables)] $log: &$crate::harness::Log| vec! $resumes;
        let reference = $crate::harness::record_co(
            &|#[allow(unused_variables)] $log: &$crate::harness::Log, first: Option<&_>| {
                let _ = &first;
                fallback($(differential!(@first $first first),)? $($arg),*)
            },
            &resumes,
            None,
        );
        let panics = $crate::harness::record_panics_co(
            &|#[allow(unused_variables)] $log: &$crate::harness::Log, first: Option<&_>| {
                let _ = &first;
                fallback_injected($(differential!(@first $first first),)? $($arg),*)
            },
            &resumes,
            None,
        );
        ctx.same(
            "the async engine's copy with hooks",
            "the full run",
            &reference.full,
            &panics.unpanicked,
        );
        differential!(@co_copy $engine $nb ctx reference panics resumes "#[generator] fn" $log
            native native_injected [$($first)?] ($($arg),*));
        differential!(@co_blocks_call $form $engine $nb ctx reference panics resumes $log ($($arg),*));
        differential!(@co_traits $form [$($first)?] $engine $traits resumes $log ($($arg),*));
    }};
    (@first $first:ident $value:ident) => {
        ::core::clone::Clone::clone($value.expect("a first resume argument"))
    };
    (@co_blocks_call fn $($rest:tt)*) => {};
    (@co_blocks_call block native $nb:tt $ctx:ident $reference:ident $panics:ident $resumes:ident $log:ident $args:tt) => {
        differential!(@co_copy native $nb $ctx $reference $panics $resumes "coroutine!" $log
            block_native block_native_injected [] $args);
        differential!(@co_copy native [] $ctx $reference $panics $resumes "coroutine! forced onto the async engine" $log
            block_fallback block_fallback_injected [] $args);
    };
    (@co_blocks_call block fallback_only $nb:tt $ctx:ident $reference:ident $panics:ident $resumes:ident $log:ident $args:tt) => {
        differential!(@co_copy fallback_only $nb $ctx $reference $panics $resumes "coroutine!" $log
            block_native block_native_injected [] $args);
    };
    (@co_copy $engine:ident [$($nb:tt)*] $ctx:ident $reference:ident $panics:ident $resumes:ident $label:literal
        $log:ident $copy:ident $injected:ident [$($first:ident)?] ($($arg:expr),*)) => {
        let label = differential!(@label $engine $label);
        let make = |#[allow(unused_variables)] $log: &$crate::harness::Log, first: Option<&_>| {
            let _ = &first;
            $copy($(differential!(@first $first first),)? $($arg),*)
        };
        differential!(@engine_check $engine {
            let log = $crate::harness::Log::new();
            let args = $resumes(&log);
            make(&log, args.first())
        });
        $ctx.same_co(label, &$reference, &$crate::harness::record_co(&make, &$resumes, Some(&$reference)));
        $ctx.same_panics(
            label,
            &$panics,
            &$crate::harness::record_panics_co(
                &|#[allow(unused_variables)] $log: &$crate::harness::Log, first: Option<&_>| {
                    let _ = &first;
                    $injected($(differential!(@first $first first),)? $($arg),*)
                },
                &$resumes,
                Some(&$panics),
            ),
        );
        differential!(@clones co [$($nb)*] $ctx label make $reference $resumes);
    };

    // --- Shared pieces -------------------------------------------------------

    (@label native $label:literal) => {
        concat!("the native engine's ", $label)
    };
    (@label fallback_only $label:literal) => {
        concat!("the default engine's ", $label, " (the async one: the native engine rejects this body)")
    };

    // A `fallback_only` body's default copy must be on the async engine.
    (@engine_check native $e:block) => {};
    (@engine_check fallback_only $e:block) => {
        drop($crate::harness::not_native($e));
    };

    (@clones $kind:ident [] $($rest:tt)*) => {};
    (@clones $kind:ident [$why:literal] $($rest:tt)*) => {};
    (@clones $kind:ident [async $why:literal] $($rest:tt)*) => {};
    (@clones iter [+ Clone] $ctx:ident $label:ident $make:ident $reference:ident) => {
        $crate::harness::check_clones_iter(&$ctx, $label, &$make, &$reference);
    };
    (@clones co [+ Clone] $ctx:ident $label:ident $make:ident $reference:ident $resumes:ident) => {
        $crate::harness::check_clones_co(&$ctx, $label, &$make, &$resumes, &$reference);
    };

    // `Send`, `Sync`: of every copy, at compile time.
    (@iter_traits fn $engine:ident $traits:tt $log:ident ($($arg:expr),*)) => {
        differential!(@traits $traits $log [(native($($arg),*)) (fallback($($arg),*))]);
    };
    (@iter_traits block native $traits:tt $log:ident ($($arg:expr),*)) => {
        differential!(@traits $traits $log [
            (native($($arg),*)) (fallback($($arg),*))
            (block_native($($arg),*)) (block_fallback($($arg),*))
        ]);
    };
    (@iter_traits block fallback_only $traits:tt $log:ident ($($arg:expr),*)) => {
        differential!(@traits $traits $log [
            (native($($arg),*)) (fallback($($arg),*)) (block_native($($arg),*))
        ]);
    };
    (@co_traits fn [] $engine:ident $traits:tt $resumes:ident $log:ident ($($arg:expr),*)) => {
        differential!(@traits $traits $log [(native($($arg),*)) (fallback($($arg),*))]);
    };
    (@co_traits block [$($first:ident)?] native $traits:tt $resumes:ident $log:ident ($($arg:expr),*)) => {
        differential!(@traits $traits $log [
            (native($(differential!(@first_of $first $resumes $log),)? $($arg),*))
            (fallback($(differential!(@first_of $first $resumes $log),)? $($arg),*))
            (block_native($($arg),*)) (block_fallback($($arg),*))
        ]);
    };
    (@co_traits block [$($first:ident)?] fallback_only $traits:tt $resumes:ident $log:ident ($($arg:expr),*)) => {
        differential!(@traits $traits $log [
            (native($(differential!(@first_of $first $resumes $log),)? $($arg),*))
            (fallback($(differential!(@first_of $first $resumes $log),)? $($arg),*))
            (block_native($($arg),*))
        ]);
    };
    (@first_of $first:ident $resumes:ident $log:ident) => {
        $resumes($log).into_iter().next().expect("a first resume argument")
    };
    (@traits [] $($rest:tt)*) => {};
    (@traits [$($tr:ident),* $(; not $($ntr:ident),+)?] $log:ident $exprs:tt) => {
        differential!(@implements [$($tr),*] $log $exprs);
        $($(differential!(@lacks $ntr $log $exprs);)+)?
    };
    (@implements [] $($rest:tt)*) => {};
    (@implements [$($tr:ident),+] $log:ident [$(($($e:tt)*))*]) => {{
        fn check<T: ?Sized $(+ $tr)+>(_: &T) {}
        #[allow(unused_variables)]
        let $log = &$crate::harness::Log::new();
        $(check(&$($e)*);)*
    }};
    (@lacks $ntr:ident $log:ident [$(($($e:tt)*))*]) => {{
        #[allow(unused_variables)]
        let $log = &$crate::harness::Log::new();
        $(assert!(
            !implements!($ntr, $($e)*),
            concat!("`", stringify!($($e)*), "` is `", stringify!($ntr), "`")
        );)*
    }};

    // The end of the cases.
    () => {};
}

// ---------------------------------------------------------------------------
// Copies written by hand, where `differential!` cannot put each in a module
// (methods), or its calls need more than `COPY(ARGS)` (a turbofish, a wrapper)
// ---------------------------------------------------------------------------

/// The four copies of a method body: `#[ATTRIBUTE]` (`generator(native)`,
/// or a plain `generator` for a body the native engine rejects),
/// `#[generator(fallback)]`, and each with hooks.
macro_rules! copies {
    ($attr:meta, [$native:ident $fallback:ident $native_injected:ident $fallback_injected:ident] [$($nb:tt)*]
        $([$($gen:tt)*])? ($($params:tt)*) -> ($($ret:tt)*) { $($body:tt)* }) => {
        #[$attr]
        fn $native$(<$($gen)*>)?($($params)*) -> $($ret)* $($nb)* { $($body)* }
        #[coro::generator(fallback)]
        fn $fallback$(<$($gen)*>)?($($params)*) -> $($ret)* { $($body)* }
        inject_hooks!(@start [@munched_fn [
            #[$attr]
            fn $native_injected$(<$($gen)*>)?($($params)*) -> $($ret)* $($nb)*
        ]] $($body)*);
        inject_hooks!(@start [@munched_fn [
            #[coro::generator(fallback)]
            fn $fallback_injected$(<$($gen)*>)?($($params)*) -> $($ret)*
        ]] $($body)*);
    };
}

/// Compares the copies `copies!` wrote, called on the receiver `$recv`
/// (evaluated anew for each run) with each list of arguments.
macro_rules! compare_methods {
    ($test:ident [$native:ident $fallback:ident $native_injected:ident $fallback_injected:ident]
        clone $clone:tt
        calls($log:ident) [$(($recv:expr) ($($arg:expr),*)),* $(,)?]) => {
        #[test]
        fn $test() {
            $crate::harness::quiet();
            $({
                let ctx = $crate::harness::Ctx::new(
                    concat!(module_path!(), "::", stringify!($test)),
                    stringify!(($recv) ($($arg),*)),
                );
                let native = |#[allow(unused_variables)] $log: &$crate::harness::Log| $recv.$native($($arg),*);
                let reference = $crate::harness::compare_iter(
                    &ctx,
                    "the native engine",
                    &|#[allow(unused_variables)] $log: &$crate::harness::Log| $recv.$fallback($($arg),*),
                    &|#[allow(unused_variables)] $log: &$crate::harness::Log| $recv.$fallback_injected($($arg),*),
                    &native,
                    &|#[allow(unused_variables)] $log: &$crate::harness::Log| $recv.$native_injected($($arg),*),
                );
                compare_methods!(@clone $clone ctx native reference);
            })*
        }
    };
    (@clone false $ctx:ident $native:ident $reference:ident) => {
        let _ = (&$ctx, &$native, &$reference);
    };
    (@clone true $ctx:ident $native:ident $reference:ident) => {
        $crate::harness::check_clones_iter(&$ctx, "the native engine", &$native, &$reference);
    };
}

/// `compare_methods!` for free functions written by `copies!`, each result
/// passed through `$wrap` (`harness::AsCoroutine::new` for a `BoxIter`).
macro_rules! compare_fns {
    ($test:ident [$native:ident $fallback:ident $native_injected:ident $fallback_injected:ident]
        wrap $wrap:path,
        calls($log:ident) [$(($($arg:expr),*)),* $(,)?]) => {
        #[test]
        fn $test() {
            $crate::harness::quiet();
            $({
                let ctx = $crate::harness::Ctx::new(
                    concat!(module_path!(), "::", stringify!($test)),
                    stringify!(($($arg),*)),
                );
                $crate::harness::compare_iter(
                    &ctx,
                    "the native engine",
                    &|#[allow(unused_variables)] $log: &$crate::harness::Log| $wrap($fallback($($arg),*)),
                    &|#[allow(unused_variables)] $log: &$crate::harness::Log| $wrap($fallback_injected($($arg),*)),
                    &|#[allow(unused_variables)] $log: &$crate::harness::Log| $wrap($native($($arg),*)),
                    &|#[allow(unused_variables)] $log: &$crate::harness::Log| $wrap($native_injected($($arg),*)),
                );
            })*
        }
    };
}
