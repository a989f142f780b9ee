//! The native expansion.
//!
//! ```text
//! // Input:
//! //     fn count(n: u32) -> impl Iterator<Item = u32> { for i in 0..n { yield_!(i); } }
//! // Output (names simplified; checked by expand.rs's
//! // `the_native_emitter_writes_what_its_comment_says`):
//! {
//!     #[derive(Clone)]
//!     enum State<T0, T1> { Start { p0: T0 }, S0 { c1: T1 }, Done }
//!     fn sites(k: u16) -> &'static str { match k { 0 => concat!(file!(), ":", line!(), ":", column!()), _ => "" } } // where each yield is, for `Debug`
//!     let mut state = State::Start { p0: n };
//!     let generator = native_iter::<u32, (), _, _, _>(move |order| {
//!         if let Order::Close = order { drop(mem::replace(&mut state, State::Done)); return Resumed::Finished; }
//!         match mem::replace(&mut state, State::Done) {
//!             State::Start { p0 } => {
//!                 let end: () = {
//!                     let n = p0;
//!                     { let mut iter1 = IntoIterator::into_iter(0..n);
//!                       loop { let i = match iter1.next() { Some(v) => v, None => break };
//!                              { let value = i; state = State::S0 { c1: iter1 }; return Resumed::Yielded(value, 0); } } }
//!                 };
//!                 Resumed::Returned(end)
//!             }
//!             State::S0 { c1 } => {
//!                 let end: () = { { let mut iter1 = c1; loop { /* the loop again */ } } };
//!                 Resumed::Returned(end)
//!             }
//!             State::Done => Resumed::Finished,
//!         }
//!     }, Sites, ()); // `()`: no `yield_from!`, no delegate to locate
//!     generator
//! }
//! ```
//!
//! Each yield stores the locals it carries and returns; the arm of a yield
//! re-enters the constructs around it (the rest of each block, and each
//! enclosing loop again as a real loop), rebinding each carried local where
//! it was declared, so that scopes, shadowing and drops are as written.
//! The variants hold their fields latest-declared first, so that dropping a
//! suspended generator drops its locals in the order plain Rust would.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};

use super::Rejection;
use super::analysis::{Leaves, Plan, leaves};
use super::tree::{Arm, BindingId, Block, Node, Tree, arg_ident};
use crate::hygiene;
use crate::model::{First, Spec};
use crate::parse::Kind;
use crate::visit::Returns;

struct Emitter<'a> {
    input: &'a Spec,
    tree: &'a Tree,
    plan: &'a Plan,
    state_ty: syn::Ident,
    state: syn::Ident,
    resumed: TokenStream,
    /// How many labels of ours were made (each is unique).
    labels: std::cell::Cell<usize>,
    /// A construct found while writing that the emitter cannot write
    /// soundly for the analysis's plan.
    rejected: std::cell::RefCell<Option<Rejection>>,
}

pub(super) fn emit(input: &Spec, tree: &Tree, plan: &Plan) -> Result<TokenStream, Rejection> {
    let emitter = Emitter {
        input,
        tree,
        plan,
        state_ty: hygiene::private_ident("State", Span::call_site()),
        state: hygiene::private_ident("state", Span::call_site()),
        resumed: {
            let krate = &input.krate;
            quote_spanned!(Span::mixed_site()=> #krate::__private::Resumed)
        },
        labels: std::cell::Cell::new(0),
        rejected: std::cell::RefCell::new(None),
    };
    let expansion = emitter.expansion();
    match emitter.rejected.into_inner() {
        Some(rejection) => Err(rejection),
        None => Ok(expansion),
    }
}

/// The field of the state that holds a binding.
fn field(id: BindingId) -> syn::Ident {
    hygiene::private_ident(&format!("c{id}"), Span::call_site())
}

/// The variant of the state before the body starts.
fn start_variant() -> syn::Ident {
    hygiene::private_ident("Start", Span::call_site())
}

/// The variant of the state after the body ended (or panicked).
fn done_variant() -> syn::Ident {
    hygiene::private_ident("Done", Span::call_site())
}

/// The variant of the state for the `k`th yield.
fn variant(k: usize) -> syn::Ident {
    format_ident!("__coro_S{}", k, span = Span::mixed_site())
}

impl Emitter<'_> {
    /// Where rustc locates the state enum and the closure in its messages:
    /// the user's code (for a block macro, the call site would be inside
    /// coro's forwarder); resolved privately.
    fn site(&self) -> Span {
        Span::mixed_site().located_at(self.input.location)
    }

    /// The state enum: a variant for the start (the parameters), one per
    /// yield (the bindings it carries), and one for the end; each field of
    /// its own type parameter, which rustc infers.
    fn state_enum(&self) -> TokenStream {
        let state_ty = &self.state_ty;
        let mut params: HashMap<BindingId, syn::Ident> = HashMap::new();
        let mut order = Vec::new();
        for ids in &self.plan.carried {
            for &id in ids {
                if !params.contains_key(&id) {
                    let ty = format_ident!(
                        "__CoroT{}",
                        params.len() + self.tree.params.len(),
                        span = Span::mixed_site()
                    );
                    params.insert(id, ty.clone());
                    order.push(ty);
                }
            }
        }
        let param_tys: Vec<syn::Ident> = (0..self.tree.params.len())
            .map(|i| format_ident!("__CoroT{}", i, span = Span::mixed_site()))
            .collect();
        let all_tys: Vec<&syn::Ident> = param_tys.iter().chain(order.iter()).collect();
        let start_fields = self
            .tree
            .params
            .iter()
            .zip(&param_tys)
            .map(|((field, _), ty)| quote!(#field: #ty));
        let variants = self.plan.carried.iter().enumerate().map(|(k, ids)| {
            let variant = variant(k);
            // Latest declared first: dropping the variant drops its fields
            // in declaration order, as plain Rust drops locals in reverse.
            let fields = ids.iter().rev().map(|id| {
                let field = field(*id);
                let ty = &params[id];
                quote!(#field: #ty)
            });
            quote!(#variant { #(#fields,)* })
        });
        let generics = if all_tys.is_empty() {
            TokenStream::new()
        } else {
            quote!(<#(#all_tys),*>)
        };
        let (start, done) = (start_variant(), done_variant());
        let derive = self
            .input
            .cloneable
            .then(|| quote_spanned!(self.site()=> #[derive(Clone)]));
        quote_spanned! {self.site()=>
            #[allow(non_camel_case_types, dead_code, clippy::all, clippy::pedantic)]
            #derive
            enum #state_ty #generics {
                #start { #(#start_fields,)* },
                #(#variants,)*
                #done,
            }
        }
    }

    /// The arms of the resume closure's `match`: the start, and each yield.
    fn arms(&self) -> TokenStream {
        let krate = &self.input.krate;
        let state_ty = &self.state_ty;
        let start = start_variant();
        let start_pattern = self.tree.params.iter().map(|(field, _)| quote!(#field));
        let start_arm = {
            let body = self.fresh_block(&self.tree.root, true);
            let discard = match (&self.input.first, self.input.kind) {
                (First::Discard, Kind::Coroutine) => {
                    let arg = arg_ident();
                    quote!(#krate::__private::discard(#arg);)
                }
                _ => TokenStream::new(),
            };
            self.arm_end(&discard, &body)
        };
        let resume_arms = (0..self.tree.yields).map(|k| {
            let variant = variant(k);
            let fields = self.plan.carried[k].iter().map(|id| field(*id));
            let cont = self
                .block_cont(&self.tree.root, k)
                .unwrap_or_else(|| unreachable!("every yield is in the body"));
            let body = quote!({ #cont });
            let arm = self.arm_end(&TokenStream::new(), &body);
            quote!(#state_ty::#variant { #(#fields),* } => #arm)
        });
        quote! {
            #state_ty::#start { #(#start_pattern),* } => #start_arm
            #(#resume_arms)*
        }
    }

    fn expansion(&self) -> TokenStream {
        let krate = &self.input.krate;
        let state_ty = &self.state_ty;
        let state = &self.state;
        let resumed = &self.resumed;
        let (start, done) = (start_variant(), done_variant());
        let state_enum = self.state_enum();
        let arms = self.arms();
        let start_values = self
            .tree
            .params
            .iter()
            .map(|(field, name)| quote!(#field: #name));
        let (yield_ty, output_ty) = (&self.input.yield_ty, &self.input.output_ty);
        let order = hygiene::private_ident("order", Span::call_site());
        let order_ty = quote!(#krate::__private::Order);
        // `close()`: the state goes (every live local dropped), and the
        // closure answers as a finished body does.
        let close = quote! {
            ::core::mem::drop(::core::mem::replace(&mut #state, #state_ty::#done));
            return #resumed::Finished;
        };
        let (ctor, types, take_order) = if self.input.kind == Kind::Coroutine {
            let resume_ty = &self.input.resume_ty;
            let arg = arg_ident();
            (
                quote!(native_coroutine),
                quote!(<#yield_ty, #resume_ty, #output_ty, _, _, _>),
                quote! {
                    let #arg = match #order {
                        #order_ty::Resume(#arg) => #arg,
                        #order_ty::Close => { #close }
                    };
                },
            )
        } else {
            (
                quote!(native_iter),
                quote!(<#yield_ty, #output_ty, _, _, _>),
                quote! {
                    if let #order_ty::Close = #order { #close }
                },
            )
        };
        // The user's imports of our macros stay used.
        let uses = crate::visit::our_macro_paths(&self.input.body)
            .into_iter()
            .map(|path| quote!(#path!(@__coro_unused);));
        let generator = hygiene::private_ident("generator", Span::call_site());
        let (sites_item, locate) = self.locate();
        let item_decl = match self.item_local() {
            Some(local) => quote_spanned!(Span::mixed_site()=> let mut #local;),
            None => TokenStream::new(),
        };
        // Where a `yield_from!`'s delegate waits is kept only by a body that
        // has one.
        let inner = if self.tree.inners.iter().any(Option::is_some) {
            quote_spanned!(Span::mixed_site()=> #krate::__private::DelegateAt::default())
        } else {
            quote!(())
        };
        // The closure owns the state (see `NativeIter` for why).
        quote_spanned! {self.site()=>
            {
                #(#uses)*
                #state_enum
                #sites_item
                #[allow(unused_mut)]
                let mut #state = #state_ty::#start { #(#start_values,)* };
                #[allow(
                    unreachable_code,
                    unused_labels,
                    unused_mut,
                    unused_variables,
                    unused_braces,
                    clippy::all,
                    clippy::pedantic,
                )]
                let #generator = #krate::__private::#ctor::#types(
                    move |#order| {
                        #take_order
                        #item_decl
                        match ::core::mem::replace(&mut #state, #state_ty::#done) {
                            #arms
                            #state_ty::#done => #resumed::Finished,
                        }
                    },
                    #locate,
                    #inner,
                );
                #generator
            }
        }
    }

    /// Where each yield is, for `Debug`: a function of ours that maps a
    /// yield's number to its `file:line:column` in the user's source
    /// (`line!()` and `column!()` at the `yield_!`'s own span give its),
    /// passed as its fn item (`Sites`: zero-sized, and no impl of its own
    /// for rustc to check). Returns the item and the value to pass.
    fn locate(&self) -> (TokenStream, TokenStream) {
        let k = hygiene::private_ident("k", Span::call_site());
        let sites = hygiene::private_ident("sites", Span::call_site());
        let arms = self.tree.sites.iter().enumerate().map(|(point, &site)| {
            let point =
                proc_macro2::Literal::u16_suffixed(u16::try_from(point).unwrap_or(u16::MAX));
            let place = quote_spanned! {site=>
                ::core::concat!(::core::file!(), ":", ::core::line!(), ":", ::core::column!())
            };
            quote!(#point => #place,)
        });
        // Located at the user's code, as the resume closure is, so that
        // messages naming its type point there.
        let item = quote_spanned! {self.site()=>
            fn #sites(#k: ::core::primitive::u16) -> &'static ::core::primitive::str {
                match #k {
                    #(#arms)*
                    _ => "",
                }
            }
        };
        (item, quote!(#sites))
    }

    /// An arm: the body from where it resumes, its value checked against the
    /// type the signature promises and returned.
    fn arm_end(&self, prefix: &TokenStream, body: &TokenStream) -> TokenStream {
        let resumed = &self.resumed;
        let end = hygiene::private_ident("end", Span::call_site());
        let (check, value) = match &self.input.returns {
            Returns::Typed(ty) => (quote!(: #ty), quote!(#end)),
            Returns::Unchecked => (TokenStream::new(), quote!(#end)),
            Returns::Fallible => (
                quote!(: ()),
                quote_spanned!(Span::mixed_site()=> ::core::result::Result::Ok(#end)),
            ),
            Returns::Unit => (quote!(: ()), quote!(#end)),
        };
        quote_spanned! {Span::mixed_site()=>
            {
                #prefix
                let #end #check = #body;
                #resumed::Returned(#value)
            }
        }
    }

    // --- The code of the body, from its start ------------------------------

    /// A block, run from its start; every yield in it suspends.
    fn fresh_block(&self, block: &Block, braces: bool) -> TokenStream {
        let nodes = self.fresh_nodes(&block.nodes);
        let tail = if ends_in_yield(&block.nodes) {
            TokenStream::new()
        } else {
            block.tail.to_token_stream()
        };
        if braces {
            quote!({ #nodes #tail })
        } else {
            quote!(#nodes #tail)
        }
    }

    /// Nodes, run in turn, up to a yield at their own level (after which
    /// nothing of theirs runs: the yield's arm takes over).
    fn fresh_nodes(&self, nodes: &[Node]) -> TokenStream {
        let mut out = TokenStream::new();
        for node in nodes {
            out.extend(self.fresh(node));
            if matches!(node, Node::Yield { .. }) {
                break;
            }
        }
        out
    }

    fn fresh(&self, node: &Node) -> TokenStream {
        match node {
            Node::Plain { stmt, .. } => stmt.clone(),
            Node::Yield { id, value, .. } => self.suspend(*id, value),
            Node::Block(block) => {
                let block = self.fresh_block(block, true);
                quote!(#block)
            }
            Node::If { cond, then, else_ } => {
                let if_expr = self.fresh_if(cond, then, else_.as_deref());
                quote!(#if_expr;)
            }
            Node::Loop { label, body } => {
                let body = self.fresh_block(body, true);
                quote!(#label loop #body;)
            }
            Node::Match { scrutinee, arms } => {
                let arms = arms.iter().map(|arm| {
                    let Arm {
                        pat, guard, body, ..
                    } = arm;
                    let guard = guard.as_ref().map(|g| quote!(if #g));
                    let body = self.fresh_block(body, true);
                    quote!(#pat #guard => #body)
                });
                quote!(match #scrutinee { #(#arms)* })
            }
        }
    }

    fn fresh_if(&self, cond: &syn::Expr, then: &Block, else_: Option<&Node>) -> TokenStream {
        let then = self.fresh_block(then, true);
        let else_ = else_.map(|other| match other {
            Node::If { cond, then, else_ } => {
                let inner = self.fresh_if(cond, then, else_.as_deref());
                quote!(else #inner)
            }
            Node::Block(block) => {
                let block = self.fresh_block(block, true);
                quote!(else #block)
            }
            other => {
                let other = self.fresh(other);
                quote!(else { #other })
            }
        });
        quote!(if #cond #then #else_)
    }

    /// `yield_!(value)`: stores the locals the yield carries, and returns
    /// the value.
    /// The local every yield of a body without a declared item type
    /// assigns its item to (see `suspend`), located at the first `yield_!`.
    fn item_local(&self) -> Option<syn::Ident> {
        let first = self.tree.sites.first()?;
        (self.input.yield_ty.to_string() == "_").then(|| hygiene::private_ident("item", *first))
    }

    fn suspend(&self, k: usize, value: &syn::Expr) -> TokenStream {
        let state_ty = &self.state_ty;
        let state = &self.state;
        let resumed = &self.resumed;
        let variant = variant(k);
        let fields = self.plan.carried[k].iter().map(|&id| {
            let field = field(id);
            let ident = &self.tree.bindings[id].ident;
            quote!(#field: #ident)
        });
        let yielded = hygiene::private_ident("value", Span::call_site());
        let point = proc_macro2::Literal::u16_suffixed(u16::try_from(k).unwrap_or(u16::MAX));
        let ty = &self.input.yield_ty;
        let annotation = if ty.to_string() == "_" {
            TokenStream::new()
        } else {
            quote!(: #ty)
        };
        // Without a type to check the item against (`iter!`), the first
        // item decides; a wrong one is reported where the user wrote it.
        let (assign, item) = match self.item_local() {
            // Without a type to check the item against (`iter!`), the
            // first item decides, through a local that every yield assigns:
            // a wrong one is reported where the user wrote it ("expected
            // `u8`, found `char`"), and the first `yield_!` as where the
            // type came from.
            Some(local) if annotation.is_empty() => (quote!(#local = #value;), local),
            _ => (quote!(let #yielded #annotation = #value;), yielded.clone()),
        };
        if let Some(inner) = &self.tree.inners[k] {
            let at = hygiene::private_ident("at", Span::call_site());
            return quote_spanned! {Span::mixed_site()=>
                {
                    #assign
                    let #at = #inner;
                    #state = #state_ty::#variant { #(#fields),* };
                    return #resumed::Delegated(#item, #point, #at);
                }
            };
        }
        quote_spanned! {Span::mixed_site()=>
            {
                #assign
                #state = #state_ty::#variant { #(#fields),* };
                return #resumed::Yielded(#item, #point);
            }
        }
    }

    // --- The code of the body after a yield ----------------------------------

    /// The rest of `block` after yield `k`, if `k` is in it.
    fn block_cont(&self, block: &Block, k: usize) -> Option<TokenStream> {
        self.block_cont_escaping(block, k).map(|(tokens, _)| tokens)
    }

    /// The code that runs after yield `k` resumes, through the end of
    /// `block`, and how it leaves `block` for good, if it does: past that,
    /// nothing is written (it would not run, and would name locals that
    /// this resume point does not carry).
    fn block_cont_escaping(&self, block: &Block, k: usize) -> Option<(TokenStream, Escape)> {
        for (index, node) in block.nodes.iter().enumerate() {
            if let Some((inner, escape)) = self.node_cont(node, k) {
                let rebinds = block.nodes[..index]
                    .iter()
                    .flat_map(declared)
                    .map(|id| self.rebind(id, k));
                if escape != Escape::No {
                    return Some((quote!(#(#rebinds)* #inner), escape));
                }
                let later = &block.nodes[index + 1..];
                let leaving = later.iter().enumerate().find_map(|(at, node)| match node {
                    Node::Plain { stmt, .. } => leaves(stmt).map(|how| {
                        let escape = match how {
                            Leaves::Return => Escape::Out,
                            Leaves::Break(label) | Leaves::Continue(label) => Escape::Jump(label),
                        };
                        (at, escape)
                    }),
                    _ => None,
                });
                let (runs, tail, escape) = match leaving {
                    Some((at, escape)) => (&later[..=at], TokenStream::new(), escape),
                    // (After a yield, nothing of the block's runs.)
                    None if ends_in_yield(later) => (later, TokenStream::new(), Escape::No),
                    None => (later, block.tail.to_token_stream(), Escape::No),
                };
                let rest = self.fresh_nodes(runs);
                return Some((quote!(#(#rebinds)* #inner #rest #tail), escape));
            }
        }
        None
    }

    /// `let x = <its field>;` for a binding yield `k` carries, `let x;`
    /// for one that what follows it overwrites before using.
    fn rebind(&self, id: BindingId, k: usize) -> TokenStream {
        let binding = &self.tree.bindings[id];
        let ident = &binding.ident;
        let mutability = binding.mutable.then(|| quote!(mut));
        let let_token = quote_spanned!(Span::mixed_site()=> let);
        if self.plan.carried[k].contains(&id) {
            let field = field(id);
            quote!(#let_token #mutability #ident = #field;)
        } else if self.plan.overwritten[k].contains(&id) {
            quote!(#let_token #mutability #ident;)
        } else {
            TokenStream::new()
        }
    }

    fn node_cont(&self, node: &Node, k: usize) -> Option<(TokenStream, Escape)> {
        match node {
            Node::Plain { .. } => None,
            Node::Yield { id, bind, .. } => (*id == k).then(|| {
                let arg = arg_ident();
                let tokens = match (bind, self.input.kind) {
                    (Some(temp), Kind::Coroutine) => {
                        let temp = &self.tree.bindings[*temp].ident;
                        let let_token = quote_spanned!(Span::mixed_site()=> let);
                        quote!(#let_token #temp = #arg;)
                    }
                    (Some(temp), _) => {
                        let temp = &self.tree.bindings[*temp].ident;
                        quote_spanned!(Span::mixed_site()=> let #temp = ();)
                    }
                    (None, Kind::Coroutine) => quote_spanned!(Span::mixed_site()=> let _ = #arg;),
                    (None, _) => TokenStream::new(),
                };
                (tokens, Escape::No)
            }),
            Node::Block(block) => self
                .block_cont_escaping(block, k)
                .map(|(t, escape)| (quote!({ #t }), escape)),
            Node::If { then, else_, .. } => self
                .block_cont_escaping(then, k)
                .map(|(t, escape)| (quote!({ #t }), escape))
                .or_else(|| else_.as_deref().and_then(|other| self.node_cont(other, k))),
            Node::Loop { label, body } => {
                self.block_cont_escaping(body, k).map(|(rest, escape)| {
                    let name = label.as_ref().map(|l| l.name.ident.to_string());
                    match escape {
                        // A jump of this loop's: the rest runs in a labeled
                        // block that turns it into whether the loop goes on.
                        Escape::No => (self.reenter(label.as_ref(), body, &rest), Escape::No),
                        Escape::Jump(target) if target.is_none() || target == name => {
                            (self.reenter(label.as_ref(), body, &rest), Escape::No)
                        }
                        // It leaves the loop for good, unless a jump on
                        // the way leaves it first: then what follows the
                        // loop would run, and the analysis did not keep
                        // what it uses.
                        escape if jumps_to(&rest, label.as_ref()) => {
                            self.rejected.replace(Some(Rejection::new(
                                label
                                    .as_ref()
                                    .map_or_else(Span::call_site, |l| l.name.span()),
                                "a `yield_!` in a loop followed by both a `break` or `continue` \
                                 and a `return` that leaves it",
                            )));
                            let _ = escape;
                            (self.reenter(label.as_ref(), body, &rest), Escape::No)
                        }
                        // It leaves the loop for good: the loop is not
                        // entered again.
                        escape => (quote!({ #rest }), escape),
                    }
                })
            }
            Node::Match { arms, .. } => arms.iter().find_map(|arm| {
                self.block_cont_escaping(&arm.body, k).map(|(t, escape)| {
                    let rebinds = arm.declares.iter().map(|&id| self.rebind(id, k));
                    (quote!({ #(#rebinds)* #t }), escape)
                })
            }),
        }
    }

    /// The rest of a loop's iteration after a resume point, then the loop
    /// again.
    fn reenter(&self, label: Option<&syn::Label>, body: &Block, rest: &TokenStream) -> TokenStream {
        let again = self.fresh_block(body, true);
        if mentions_jump(rest) {
            // The rest of the iteration runs once, in a labeled block that
            // its `break` and `continue` of this loop leave, saying whether
            // the loop goes on.
            let count = self.labels.get();
            self.labels.set(count + 1);
            let block_label =
                syn::Lifetime::new(&format!("'__coro_rest{count}"), Span::mixed_site());
            let rest = jumps_out(rest, label, &block_label);
            let jump = hygiene::private_ident("jump", Span::call_site());
            quote_spanned! {Span::mixed_site()=>
                {
                    let #jump: ::core::ops::ControlFlow<(), ()> = #block_label: {
                        #rest
                        ::core::ops::ControlFlow::Continue(())
                    };
                    if let ::core::ops::ControlFlow::Continue(()) = #jump {
                        #label loop #again
                    }
                }
            }
        } else {
            quote!({ { #rest } #label loop #again })
        }
    }
}

/// How the code after a resume point leaves the construct it is in, for
/// good: not at all, out of the generator (a `return`, or another yield),
/// or by a `break` / `continue` of a loop (`None`: the innermost).
#[derive(PartialEq, Eq)]
enum Escape {
    No,
    Out,
    Jump(Option<String>),
}

/// The bindings a node declares at its own level.
pub(super) fn declared(node: &Node) -> Vec<BindingId> {
    match node {
        Node::Plain { declares, .. } => declares.clone(),
        Node::Yield {
            bind: Some(bind), ..
        } => vec![*bind],
        _ => Vec::new(),
    }
}

/// Whether nodes run at their level ends in a yield (so nothing after it
/// runs).
fn ends_in_yield(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| matches!(n, Node::Yield { .. }))
}

/// `rest` with its `break` and `continue` of the loop `label` (unlabeled
/// ones outside nested loops and closures, and those that name `label`)
/// turned into `break 'block ControlFlow::Break(())` / `Continue(())`.
fn jumps_out(rest: &TokenStream, label: Option<&syn::Label>, block: &syn::Lifetime) -> TokenStream {
    use syn::visit_mut::VisitMut;

    struct Jumps<'a> {
        label: Option<&'a syn::Lifetime>,
        block: &'a syn::Lifetime,
        /// Nested loops (whose unlabeled jumps are their own).
        depth: usize,
    }

    impl Jumps<'_> {
        fn ours(&self, jump_label: Option<&syn::Lifetime>) -> bool {
            match jump_label {
                None => self.depth == 0,
                Some(l) => self.label.is_some_and(|ours| ours.ident == l.ident),
            }
        }
    }

    impl VisitMut for Jumps<'_> {
        fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
            let block = self.block;
            match expr {
                syn::Expr::Closure(_) | syn::Expr::Async(_) => {}
                syn::Expr::Loop(_) | syn::Expr::While(_) | syn::Expr::ForLoop(_) => {
                    self.depth += 1;
                    syn::visit_mut::visit_expr_mut(self, expr);
                    self.depth -= 1;
                }
                syn::Expr::Break(brk) if brk.expr.is_none() && self.ours(brk.label.as_ref()) => {
                    *expr = syn::parse_quote_spanned!(Span::mixed_site()=>
                        break #block ::core::ops::ControlFlow::Break(()));
                }
                syn::Expr::Continue(cont) if self.ours(cont.label.as_ref()) => {
                    *expr = syn::parse_quote_spanned!(Span::mixed_site()=>
                        break #block ::core::ops::ControlFlow::Continue(()));
                }
                _ => syn::visit_mut::visit_expr_mut(self, expr),
            }
        }

        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }

    let Ok(mut parsed) = syn::parse2::<syn::Block>(quote!({ #rest })) else {
        return rest.clone();
    };
    let mut jumps = Jumps {
        label: label.map(|l| &l.name),
        block,
        depth: 0,
    };
    for stmt in &mut parsed.stmts {
        jumps.visit_stmt_mut(stmt);
    }
    let stmts = parsed.stmts;
    quote!(#(#stmts)*)
}

/// Whether the rest of a loop's iteration has a `break` or `continue` of
/// that loop (`label`'s, or an unlabeled one outside nested loops).
fn jumps_to(rest: &TokenStream, label: Option<&syn::Label>) -> bool {
    let probe = syn::Lifetime::new("'__coro_probe", Span::mixed_site());
    mentions_ident(&jumps_out(rest, label, &probe), "__coro_probe")
}

/// Whether code has a `break` or `continue` (which, in the rest of a loop's
/// iteration, may be the loop's).
fn mentions_ident(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(ident) => ident == name,
        proc_macro2::TokenTree::Group(group) => mentions_ident(&group.stream(), name),
        _ => false,
    })
}

fn mentions_jump(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(ident) => ident == "break" || ident == "continue",
        proc_macro2::TokenTree::Group(group) => mentions_jump(&group.stream()),
        _ => false,
    })
}
