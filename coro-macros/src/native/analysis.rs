//! What each `yield_!` carries, and whether carrying it is sound.
//!
//! A yield carries the bindings in scope there that the rest of the body
//! (what runs after the generator resumes there) mentions, and every `_name`
//! guard in scope. At the yield they move into the state, and back out when
//! it resumes; the compiler rejects that if one of them is borrowed by
//! another, so the analysis must first show that none is, conservatively:
//!
//! * a binding *may borrow* a local if what it is made from (its `let`'s
//!   value, the scrutinee it was matched from, the iterable it came out of)
//!   takes a reference (`&x`, a `ref` pattern, a method call on a local or a
//!   temporary, whose result may borrow it, a closure that is not `move`),
//!   or mentions a binding that may borrow; or if something that may borrow
//!   is stored into it later (assigned, or passed to one of its methods);
//! * except through a shared reference the generator was given (`&self`, a
//!   `&T` parameter, what is matched or iterated out of those): that borrows
//!   the caller's data, not the generator's;
//! * and a binding that is reassigned whole must not be moved anywhere (it
//!   could be moved out when a yield needs it).
//!
//! When in doubt, the body is not native.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, Macro, Pat};

use super::Rejection;
use super::tree::{Binding, BindingId, Block, Node, Source, Tree};

/// What the emitter needs from the analysis.
pub(super) struct Plan {
    /// For each yield, the bindings it carries, in declaration order.
    pub(super) carried: Vec<Vec<BindingId>>,
    /// For each yield, the bindings in scope there that what follows
    /// overwrites before it uses them (`s = yield_!(s)`): not carried, but
    /// declared again, without a value, where they were declared.
    pub(super) overwritten: Vec<Vec<BindingId>>,
}

pub(super) fn plan(tree: &Tree) -> Result<Plan, Rejection> {
    let mut carried = vec![Vec::new(); tree.yields];
    let mut overwritten = vec![Vec::new(); tree.yields];
    let mut walker = Liveness {
        tree,
        scope: Vec::new(),
        carried: &mut carried,
        overwritten: &mut overwritten,
        error: None,
        loops: Vec::new(),
        facts: Facts::new(&tree.bindings),
    };
    walker.block(&tree.root, &After::default());
    if let Some(error) = walker.error {
        return Err(error);
    }
    let analysis = Borrows::new(tree);
    for ids in &carried {
        for &id in ids {
            analysis.check(id)?;
        }
    }
    check_unique_types(tree, &carried)?;
    Ok(Plan {
        carried,
        overwritten,
    })
}

/// Rejects a closure (or an `async` block, or a macro that may expand to
/// one) whose value flows into a carried binding from code the emitter
/// writes more than once.
///
/// Code that more than one resume point reaches is written once per arm of
/// the resume closure (a loop with a `yield_!` is entered fresh and
/// re-entered after each of its yields; what follows a yield inside an `if`
/// is reached from that yield and from the other branch). Each copy of a
/// closure expression has a type of its own, and a field of the state has
/// one type: storing both copies' values in it does not compile.
fn check_unique_types(tree: &Tree, carried: &[Vec<BindingId>]) -> Result<(), Rejection> {
    let carried: HashSet<BindingId> = carried.iter().flatten().copied().collect();
    let mut statements = Vec::new();
    collect_statements(&tree.root.nodes, false, &mut statements);
    // Bindings whose type may be one of those (made by a copied closure, or
    // from a value that is): a fixpoint over the statements that mention
    // them. Whatever such a statement mentions may now hold one too (`v.push(f)`).
    let name = |id: BindingId| normalize(&tree.bindings[id].ident.to_string());
    let mut tainted: HashSet<String> = HashSet::new();
    let mut culprit = None;
    // Where each copied statement makes a value of a type of its own; with
    // none, nothing is tainted. Then what each statement mentions: read
    // once, used by every round.
    let seeds: Vec<_> = statements
        .iter()
        .map(|statement| {
            (statement.copied && may_make_unique_type(&statement.tokens))
                .then(|| unique_type(&statement.tokens))
                .flatten()
        })
        .collect();
    if seeds.iter().all(Option::is_none) {
        return Ok(());
    }
    let read: Vec<_> = statements
        .iter()
        .zip(seeds)
        .map(|(statement, seed)| {
            let mut mentioned = HashSet::new();
            mentions(&statement.tokens, &mut mentioned);
            (mentioned, seed)
        })
        .collect();
    loop {
        let before = tainted.len();
        for (statement, (mentioned, seed)) in statements.iter().zip(&read) {
            let seed = *seed;
            if seed.is_some() || mentioned.iter().any(|n| tainted.contains(n)) {
                if culprit.is_none() {
                    culprit = seed;
                }
                tainted.extend(statement.declares.iter().map(|&id| name(id)));
                if seed.is_some() {
                    tainted.extend(
                        mentioned
                            .iter()
                            .filter(|n| {
                                tree.bindings
                                    .iter()
                                    .any(|b| normalize(&b.ident.to_string()) == **n)
                            })
                            .cloned(),
                    );
                }
            }
        }
        if tainted.len() == before {
            break;
        }
    }
    match carried.iter().find(|&&id| tainted.contains(&name(id))) {
        Some(_) => Err(Rejection::new(
            culprit.unwrap_or_else(proc_macro2::Span::call_site),
            "a closure (or an `async` block, or a macro that may hold one) kept across a \
             `yield_!` by code that runs again after it: each copy of that code the state \
             machine needs would have a type of its own",
        )),
        None => Ok(()),
    }
}

/// A statement (or a condition, or a scrutinee) for `check_unique_types`.
struct Statement {
    tokens: TokenStream,
    declares: Vec<BindingId>,
    /// Written more than once.
    copied: bool,
}

/// The statements of `nodes`, each with whether it is written more than
/// once (`copied`: the code around them is).
///
/// Code that more than one resume point reaches is written once per arm of
/// the resume closure (a loop with a `yield_!` is entered fresh and
/// re-entered after each of its yields; what follows a yield inside an `if`
/// is reached from that yield and from the other branch). Each copy of a
/// closure expression has a type of its own, and a field of the state has
/// one type: storing both copies' values in it does not compile.
fn collect_statements(nodes: &[Node], copied: bool, out: &mut Vec<Statement>) {
    // Whether a yield before this node, in a branch or a loop, reaches it
    // along with another entry.
    let mut after_branch = false;
    for node in nodes {
        let copied_here = copied || after_branch;
        match node {
            Node::Plain { stmt, declares } => out.push(Statement {
                tokens: stmt.clone(),
                declares: declares.clone(),
                copied: copied_here,
            }),
            Node::Yield { value, bind, .. } => out.push(Statement {
                tokens: value.to_token_stream(),
                declares: bind.iter().copied().collect(),
                copied: copied_here,
            }),
            Node::Block(block) => collect_statements(&block.nodes, copied_here, out),
            Node::If { cond, then, else_ } => {
                out.push(Statement {
                    tokens: cond.to_token_stream(),
                    declares: Vec::new(),
                    copied: copied_here,
                });
                collect_statements(&then.nodes, copied_here, out);
                if let Some(other) = else_ {
                    collect_statements(core::slice::from_ref(&**other), copied_here, out);
                }
            }
            Node::Loop { body, .. } => {
                let again = copied_here || contains_yield(&body.nodes);
                collect_statements(&body.nodes, again, out);
            }
            Node::Match { scrutinee, arms } => {
                out.push(Statement {
                    tokens: scrutinee.to_token_stream(),
                    declares: arms
                        .iter()
                        .flat_map(|arm| arm.declares.iter().copied())
                        .collect(),
                    copied: copied_here,
                });
                for arm in arms {
                    collect_statements(&arm.body.nodes, copied_here, out);
                }
            }
        }
        match node {
            // Only this yield's resume reaches what follows it.
            Node::Yield { .. } => after_branch = false,
            other if contains_yield(core::slice::from_ref(other)) => after_branch = true,
            _ => {}
        }
    }
}

fn contains_yield(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| match node {
        Node::Plain { .. } => false,
        Node::Yield { .. } => true,
        Node::Block(block) | Node::Loop { body: block, .. } => contains_yield(&block.nodes),
        Node::If { then, else_, .. } => {
            contains_yield(&then.nodes)
                || else_
                    .as_deref()
                    .is_some_and(|other| contains_yield(core::slice::from_ref(other)))
        }
        Node::Match { arms, .. } => arms.iter().any(|arm| contains_yield(&arm.body.nodes)),
    })
}

/// Whether `tokens` hold what [`unique_type`] looks for (`|`, `async` or
/// `!`), a cheaper test than parsing them.
fn may_make_unique_type(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        TokenTree::Punct(punct) => matches!(punct.as_char(), '|' | '!'),
        TokenTree::Ident(ident) => ident == "async",
        TokenTree::Group(group) => may_make_unique_type(&group.stream()),
        TokenTree::Literal(_) => false,
    })
}

/// Where `tokens` make a value of a type of its own: a closure, an `async`
/// block, or a macro call that may expand to one (any but the standard
/// macros whose value is a `String`, `()`, `bool` or `!`).
fn unique_type(tokens: &TokenStream) -> Option<proc_macro2::Span> {
    struct Find(Option<proc_macro2::Span>);
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr(&mut self, expr: &'ast Expr) {
            match expr {
                Expr::Closure(closure) => {
                    self.0.get_or_insert(closure.span());
                }
                Expr::Async(block) => {
                    self.0.get_or_insert(block.async_token.span);
                }
                _ => syn::visit::visit_expr(self, expr),
            }
        }
        fn visit_macro(&mut self, mac: &'ast Macro) {
            let name = mac.path.segments.last().map(|s| s.ident.to_string());
            match name.as_deref() {
                Some(name) if OWNED_MACROS.contains(&name) => {}
                Some("vec") => {
                    if let Ok(items) = mac.parse_body_with(
                        syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
                    ) {
                        for item in &items {
                            self.visit_expr(item);
                        }
                    } else {
                        self.0.get_or_insert(mac.path.span());
                    }
                }
                _ => {
                    self.0.get_or_insert(mac.path.span());
                }
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut find = Find(None);
    if let Ok(stmt) = syn::parse2::<syn::Stmt>(tokens.clone()) {
        find.visit_stmt(&stmt);
    } else if let Ok(expr) = syn::parse2::<Expr>(tokens.clone()) {
        find.visit_expr(&expr);
    }
    find.0
}

/// Every name in `tokens`, including those a format string captures
/// (`"{name}"`): an over-approximation of what the code uses.
pub(super) fn mentions(tokens: &TokenStream, names: &mut HashSet<String>) {
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(ident) => {
                names.insert(normalize(&ident.to_string()));
            }
            TokenTree::Group(group) => mentions(&group.stream(), names),
            TokenTree::Literal(literal) => {
                let text = literal.to_string();
                if text.starts_with('"') || text.starts_with('r') {
                    captures(&text, names);
                }
            }
            TokenTree::Punct(_) => {}
        }
    }
}

/// `self` and our local for it are the same binding.
fn normalize(name: &str) -> String {
    if name == "self" {
        "__coro_self".to_owned()
    } else {
        name.to_owned()
    }
}

/// The identifiers a format string names: `{x}`, `{x:?}`, `{0:x$}`...
fn captures(text: &str, names: &mut HashSet<String>) {
    let mut word = String::new();
    let mut in_braces = false;
    for c in text.chars() {
        if c == '{' {
            in_braces = true;
            word.clear();
        } else if in_braces && (c.is_alphanumeric() || c == '_') {
            word.push(c);
        } else {
            if in_braces && !word.is_empty() {
                names.insert(word.clone());
            }
            word.clear();
            in_braces = c != '}' && in_braces && (c == ':' || c == '$');
        }
    }
}

/// The names a statement uses: for a `let`, those of its value (its
/// pattern declares, it does not use).
fn stmt_uses(stmt: &TokenStream, parsed: Option<&syn::Stmt>) -> HashSet<String> {
    let mut names = HashSet::new();
    match parsed {
        Some(syn::Stmt::Local(local)) => {
            if let Some(init) = &local.init {
                mentions(&init.expr.to_token_stream(), &mut names);
                if let Some((_, diverge)) = &init.diverge {
                    mentions(&diverge.to_token_stream(), &mut names);
                }
            }
            // A type annotation names types, not locals; a pattern may name
            // constants, which are not bindings either.
        }
        _ => mentions(stmt, &mut names),
    }
    names
}

/// What the liveness walk asks of each node, computed once per node: the
/// walk asks it of every node once for each node before it in its block
/// (and again from every enclosing block), and each answer re-reads the
/// node's tokens.
struct Facts {
    /// Each binding's name (`normalize`d), by id.
    names: Vec<String>,
    nodes: RefCell<HashMap<*const Node, Rc<NodeFacts>>>,
    tails: RefCell<HashMap<*const Expr, Rc<HashSet<String>>>>,
}

struct NodeFacts {
    /// The names the node uses before declaring them (`node_uses`).
    uses: HashSet<String>,
    /// `overwritten`.
    overwrites: Option<String>,
    /// `may_jump`.
    may_jump: bool,
    /// The names of the bindings it declares at its own level.
    declares: Vec<String>,
    /// For a statement, whether it always leaves (`leaves`).
    leaves: Option<Leaves>,
}

impl Facts {
    fn new(bindings: &[Binding]) -> Self {
        Facts {
            names: bindings
                .iter()
                .map(|b| normalize(&b.ident.to_string()))
                .collect(),
            nodes: RefCell::default(),
            tails: RefCell::default(),
        }
    }

    fn of(&self, node: &Node) -> Rc<NodeFacts> {
        let key: *const Node = node;
        if let Some(facts) = self.nodes.borrow().get(&key) {
            return Rc::clone(facts);
        }
        // A statement's tokens, parsed once for what it uses, overwrites and
        // leaves to.
        let parsed = match node {
            Node::Plain { stmt, .. } => syn::parse2::<syn::Stmt>(stmt.clone()).ok(),
            _ => None,
        };
        let facts = Rc::new(NodeFacts {
            uses: match node {
                Node::Plain { stmt, .. } => stmt_uses(stmt, parsed.as_ref()),
                _ => self.node_uses(node),
            },
            overwrites: parsed.as_ref().and_then(overwritten),
            may_jump: may_jump(node),
            declares: super::emit::declared(node)
                .into_iter()
                .map(|id| self.names[id].clone())
                .collect(),
            leaves: parsed.as_ref().and_then(leaves_of),
        });
        self.nodes.borrow_mut().insert(key, Rc::clone(&facts));
        facts
    }

    fn tail(&self, tail: &Expr) -> Rc<HashSet<String>> {
        let key: *const Expr = tail;
        if let Some(names) = self.tails.borrow().get(&key) {
            return Rc::clone(names);
        }
        let mut names = HashSet::new();
        mentions(&tail.to_token_stream(), &mut names);
        let names = Rc::new(names);
        self.tails.borrow_mut().insert(key, Rc::clone(&names));
        names
    }

    /// The names a sequence of nodes uses before declaring them (what it
    /// needs from the bindings in scope when it starts).
    fn seq_uses(&self, nodes: &[Node], tail: Option<&Expr>) -> HashSet<String> {
        self.seq_flow(nodes, tail).0
    }

    /// [`Facts::seq_uses`], and the names the sequence surely overwrites
    /// whole before using them (`x = value;` with no `x` in the value, at
    /// its top level, before anything that may jump elsewhere): what it
    /// needs of those is nothing, whatever the code after it uses.
    fn seq_flow(&self, nodes: &[Node], tail: Option<&Expr>) -> (HashSet<String>, HashSet<String>) {
        let mut declared: HashSet<&str> = HashSet::new();
        let mut uses = HashSet::new();
        let mut kills = HashSet::new();
        // Once a node may jump (`break`, `continue`), what follows it may
        // not run, and what it jumps to sees the old value: no more kills.
        let mut straight = true;
        let facts: Vec<_> = nodes.iter().map(|node| self.of(node)).collect();
        for facts in &facts {
            // `x = value;` mentions `x` only to overwrite it.
            let overwrites = facts.overwrites.as_ref().filter(|_| straight);
            for name in &facts.uses {
                if !declared.contains(name.as_str())
                    && !kills.contains(name)
                    && overwrites != Some(name)
                {
                    uses.insert(name.clone());
                }
            }
            if let Some(name) = overwrites
                && !uses.contains(name)
                && !declared.contains(name.as_str())
            {
                kills.insert(name.clone());
            }
            straight &= !facts.may_jump;
            declared.extend(facts.declares.iter().map(String::as_str));
        }
        if let Some(tail) = tail {
            uses.extend(
                self.tail(tail)
                    .iter()
                    .filter(|n| !declared.contains(n.as_str()) && !kills.contains(*n))
                    .cloned(),
            );
        }
        (uses, kills)
    }

    fn node_uses(&self, node: &Node) -> HashSet<String> {
        let mut names = HashSet::new();
        match node {
            Node::Plain { .. } => names.clone_from(&self.of(node).uses),
            Node::Yield { value, .. } => mentions(&value.to_token_stream(), &mut names),
            Node::Block(block) => names = self.seq_uses(&block.nodes, block.tail.as_ref()),
            Node::If { cond, then, else_ } => {
                mentions(&cond.to_token_stream(), &mut names);
                names.extend(self.seq_uses(&then.nodes, then.tail.as_ref()));
                if let Some(other) = else_ {
                    names.extend(self.of(other).uses.iter().cloned());
                }
            }
            Node::Loop { body, .. } => names = self.seq_uses(&body.nodes, body.tail.as_ref()),
            Node::Match { scrutinee, arms } => {
                mentions(&scrutinee.to_token_stream(), &mut names);
                for arm in arms {
                    let mut arm_uses = self.seq_uses(&arm.body.nodes, arm.body.tail.as_ref());
                    if let Some(guard) = &arm.guard {
                        mentions(&guard.to_token_stream(), &mut arm_uses);
                    }
                    for &id in &arm.declares {
                        arm_uses.remove(&self.names[id]);
                    }
                    names.extend(arm_uses);
                }
            }
        }
        names
    }
}

/// The name a statement `x = value;` overwrites whole (with no `x` in
/// `value`: `node_uses` then already counted it as used).
fn overwritten(stmt: &syn::Stmt) -> Option<String> {
    let syn::Stmt::Expr(Expr::Assign(assign), Some(_)) = stmt else {
        return None;
    };
    let Expr::Path(path) = &*assign.left else {
        return None;
    };
    let name = normalize(&path.path.get_ident()?.to_string());
    let mut in_value = HashSet::new();
    mentions(&assign.right.to_token_stream(), &mut in_value);
    (!in_value.contains(&name)).then_some(name)
}

/// Whether a node may leave the code after it other than by `return` or
/// `?` (after which nothing of the body's runs): a `break` or `continue`
/// anywhere in it (conservatively, even one of a loop inside it), or a loop
/// (whose own `break` leaves to what follows it).
fn may_jump(node: &Node) -> bool {
    match node {
        Node::Plain { stmt, .. } => jumps_in(stmt.clone()),
        Node::Yield { value, .. } => jumps_in(value.to_token_stream()),
        Node::Block(block) => block_may_jump(block),
        Node::If { cond, then, else_ } => {
            jumps_in(cond.to_token_stream())
                || block_may_jump(then)
                || else_.as_deref().is_some_and(may_jump)
        }
        Node::Loop { .. } => true,
        Node::Match { scrutinee, arms } => {
            jumps_in(scrutinee.to_token_stream())
                || arms.iter().any(|arm| {
                    block_may_jump(&arm.body)
                        || arm
                            .guard
                            .as_ref()
                            .is_some_and(|guard| jumps_in(guard.to_token_stream()))
                })
        }
    }
}

fn block_may_jump(block: &Block) -> bool {
    block.nodes.iter().any(may_jump)
        || block
            .tail
            .as_ref()
            .is_some_and(|tail| jumps_in(tail.to_token_stream()))
}

/// Whether `tokens` hold a `break` or `continue`, in any group.
fn jumps_in(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => ident == "break" || ident == "continue",
        TokenTree::Group(group) => jumps_in(group.stream()),
        _ => false,
    })
}

/// What runs after a point, level by level: each level is code that sees
/// the bindings of a prefix of the scope (`visible` of them, plus those the
/// node being walked declares, which shadow theirs), and the names it uses.
#[derive(Clone, Default)]
struct After {
    /// Shared: each node's `After` is its block's with one level more.
    levels: Vec<Rc<Level>>,
}

struct Level {
    visible: usize,
    shadowing: HashSet<String>,
    uses: HashSet<String>,
    /// The names this level overwrites before it uses them: the levels
    /// after it (those before it in `levels`) see the new value.
    kills: HashSet<String>,
}

impl After {
    fn with(&self, level: Level) -> After {
        let mut after = self.clone();
        after.levels.push(Rc::new(level));
        after
    }
}

/// Finds, for each yield, the bindings in scope that what follows it
/// mentions.
struct Liveness<'t> {
    tree: &'t Tree,
    /// The bindings in scope, innermost last.
    scope: Vec<BindingId>,
    carried: &'t mut Vec<Vec<BindingId>>,
    overwritten: &'t mut Vec<Vec<BindingId>>,
    error: Option<Rejection>,
    /// The loops around the node being walked, innermost last: each one's
    /// label, and the index in `After::levels` of its next iteration.
    loops: Vec<(Option<String>, usize)>,
    facts: Facts,
}

/// How a statement leaves the code after it for good.
pub(super) enum Leaves {
    Return,
    Break(Option<String>),
    Continue(Option<String>),
}

/// Whether `stmt` always leaves (`return ..;`, `break;`, `continue 'a;`).
pub(super) fn leaves(stmt: &TokenStream) -> Option<Leaves> {
    leaves_of(&syn::parse2::<syn::Stmt>(stmt.clone()).ok()?)
}

fn leaves_of(stmt: &syn::Stmt) -> Option<Leaves> {
    let label = |label: &Option<syn::Lifetime>| label.as_ref().map(|l| l.ident.to_string());
    match stmt {
        syn::Stmt::Expr(Expr::Return(_), _) => Some(Leaves::Return),
        syn::Stmt::Expr(Expr::Break(brk), _) => Some(Leaves::Break(label(&brk.label))),
        syn::Stmt::Expr(Expr::Continue(cont), _) => Some(Leaves::Continue(label(&cont.label))),
        _ => None,
    }
}

impl Liveness<'_> {
    /// What `after` becomes past a statement that always leaves: nothing
    /// for a `return`, the loop's next iteration for a `continue`, what
    /// follows the loop for a `break` (unchanged if the loop is not known:
    /// a labeled block).
    fn left(&self, how: &Leaves, after: &After) -> After {
        let find = |label: &Option<String>| match label {
            None => self.loops.last().map(|(_, index)| *index),
            Some(name) => self
                .loops
                .iter()
                .rev()
                .find(|(label, _)| label.as_ref() == Some(name))
                .map(|(_, index)| *index),
        };
        let keep = match how {
            Leaves::Return => Some(0),
            Leaves::Continue(label) => find(label).map(|index| index + 1),
            Leaves::Break(label) => find(label),
        };
        match keep {
            Some(keep) => After {
                levels: after.levels[..keep.min(after.levels.len())].to_vec(),
            },
            None => after.clone(),
        }
    }

    fn name(&self, id: BindingId) -> &str {
        &self.facts.names[id]
    }

    /// `after`: what runs after the block.
    fn block(&mut self, block: &Block, after: &After) {
        let depth = self.scope.len();
        for (index, node) in block.nodes.iter().enumerate() {
            let declared = super::emit::declared(node);
            // The rest of the block runs up to a statement that always
            // leaves it; past that, only what it leaves to.
            let later = &block.nodes[index + 1..];
            let leaving = later.iter().enumerate().find_map(|(at, node)| {
                let facts = self.facts.of(node);
                facts.leaves.is_some().then_some((at, facts))
            });
            let (runs, tail, outer) = match &leaving {
                Some((at, facts)) => {
                    let how = facts.leaves.as_ref().expect("a statement that leaves");
                    (&later[..=*at], None, self.left(how, after))
                }
                None => (later, block.tail.as_ref(), after.clone()),
            };
            let (uses, kills) = self.facts.seq_flow(runs, tail);
            let rest = outer.with(Level {
                visible: self.scope.len(),
                shadowing: declared
                    .iter()
                    .map(|&id| self.name(id).to_owned())
                    .collect(),
                uses,
                kills,
            });
            self.node(node, &rest);
            self.scope.extend(declared);
        }
        self.scope.truncate(depth);
    }

    fn node(&mut self, node: &Node, after: &After) {
        match node {
            Node::Plain { .. } => {}
            Node::Yield { id, .. } => self.yield_point(*id, after),
            Node::Block(block) => self.block(block, after),
            Node::If { then, else_, .. } => {
                self.block(then, after);
                if let Some(other) = else_ {
                    self.node(other, after);
                }
            }
            Node::Loop { label, body } => {
                // After an iteration, the loop runs again.
                let (uses, kills) = self.facts.seq_flow(&body.nodes, body.tail.as_ref());
                let again = after.with(Level {
                    visible: self.scope.len(),
                    shadowing: HashSet::new(),
                    uses,
                    kills,
                });
                let label = label.as_ref().map(|l| l.name.ident.to_string());
                self.loops.push((label, again.levels.len() - 1));
                self.block(body, &again);
                self.loops.pop();
            }
            Node::Match { arms, .. } => {
                for arm in arms {
                    let depth = self.scope.len();
                    self.scope.extend(&arm.declares);
                    self.block(&arm.body, after);
                    self.scope.truncate(depth);
                }
            }
        }
    }

    /// Whether the binding at `position` of the scope is used by what runs
    /// after: by a level that sees it, under no binding of the same name,
    /// before a level that overwrites it whole. (The last level runs
    /// first.)
    fn is_live(&self, position: usize, after: &After) -> bool {
        self.sees(position, after, |level, name| level.uses.contains(name))
    }

    /// Whether what runs after overwrites the binding at `position` before
    /// using it: it is not carried, but it is assigned, so the resume arm
    /// declares it (without a value).
    fn is_overwritten(&self, position: usize, after: &After) -> bool {
        !self.is_live(position, after)
            && self.sees(position, after, |level, name| level.kills.contains(name))
    }

    /// Whether the first level (in the order they run) that sees the
    /// binding at `position` and uses or overwrites it is `hit`.
    fn sees(&self, position: usize, after: &After, hit: impl Fn(&Level, &str) -> bool) -> bool {
        let name = self.name(self.scope[position]);
        for level in after.levels.iter().rev() {
            let visible = position < level.visible
                && !level.shadowing.contains(name)
                && !self.scope[position + 1..level.visible]
                    .iter()
                    .any(|&later| self.name(later) == name);
            if !visible {
                continue;
            }
            if level.uses.contains(name) || level.kills.contains(name) {
                return hit(level, name);
            }
        }
        false
    }

    fn yield_point(&mut self, id: usize, after: &After) {
        let bindings = &self.tree.bindings;
        let mut carried = Vec::new();
        let mut overwritten = Vec::new();
        let mut rejected = None;
        for (position, &binding) in self.scope.iter().enumerate() {
            let b = &bindings[binding];
            let name = &self.facts.names[binding];
            let shadowed = self.scope[position + 1..]
                .iter()
                .any(|&later| self.facts.names[later] == *name);
            if b.is_guard() || self.is_live(position, after) {
                // The yield cannot name it to store it.
                if shadowed {
                    rejected.get_or_insert((
                        b,
                        "shadowed at a `yield_!` by a local of the same name, and used after it",
                    ));
                }
                if matches!(b.source, Source::Uninit) {
                    rejected.get_or_insert((b, "a `let` without a value, in scope at a `yield_!`"));
                }
                carried.push(binding);
            } else if self.is_overwritten(position, after) {
                overwritten.push(binding);
            }
        }
        if let Some((binding, why)) = rejected {
            self.reject(binding, why);
        }
        self.carried[id] = carried;
        self.overwritten[id] = overwritten;
    }

    fn reject(&mut self, binding: &Binding, why: &str) {
        self.error.get_or_insert(Rejection::new(
            binding.ident.span(),
            format!("`{}`: {why}", binding.ident),
        ));
    }
}

/// Which bindings may borrow the generator's own locals.
struct Borrows<'t> {
    tree: &'t Tree,
    /// Names of bindings that may borrow a local.
    suspect: HashSet<String>,
    /// Names of bindings that hold shared references to data outside the
    /// generator.
    outside: HashSet<String>,
    /// Names of all bindings.
    names: HashSet<String>,
    /// Names of bindings reassigned whole somewhere.
    assigned: HashSet<String>,
    /// Names moved (used by value) somewhere.
    moved: HashSet<String>,
    /// Names a field of which is used by value somewhere.
    partly_moved: HashSet<String>,
    /// Bindings made from a reference of (or into) another (`let r = &mut
    /// v;`): what is stored through them is stored into that one.
    aliases: HashMap<String, String>,
    /// Bindings that are closures, with the names their bodies mention
    /// (what calling them may store into).
    closures: HashMap<String, Vec<String>>,
}

/// Methods whose result does not borrow their receiver.
const OWNED_RESULT: &[&str] = &[
    "clone",
    "to_string",
    "to_owned",
    "to_vec",
    "len",
    "is_empty",
    "count",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "contains",
    "contains_key",
    "starts_with",
    "ends_with",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "abs",
    "pow",
    "min",
    "max",
    "wrapping_add",
    "wrapping_sub",
    "wrapping_mul",
    "checked_add",
    "checked_sub",
    "checked_mul",
    "checked_div",
    "saturating_add",
    "saturating_sub",
    "to_uppercase",
    "to_lowercase",
    "to_ascii_uppercase",
    "to_ascii_lowercase",
    "is_ascii_digit",
    "is_alphabetic",
    "is_alphanumeric",
    "is_whitespace",
    "is_numeric",
    "to_digit",
    "parse",
    "next",
    "pop",
    "take",
    "unwrap",
    "expect",
    "unwrap_or",
    "unwrap_or_default",
    "sum",
    "product",
    "push",
    "push_str",
    "remove",
    "swap_remove",
    "clear",
    "truncate",
    "extend",
    "collect_owned",
    "as_bytes_len",
    "into_inner",
    "into_boxed_slice",
    "into_bytes",
    "rem_euclid",
    "div_euclid",
];

/// Methods that keep borrowing what their receiver borrows, no more: a
/// chain of these on a shared reference the generator was given still
/// borrows only the caller's data.
const BORROW_THROUGH: &[&str] = &[
    "iter",
    "chars",
    "char_indices",
    "bytes",
    "lines",
    "split",
    "split_whitespace",
    "splitn",
    "rsplit",
    "split_terminator",
    "windows",
    "chunks",
    "keys",
    "values",
    "enumerate",
    "map",
    "filter",
    "filter_map",
    "rev",
    "skip",
    "take",
    "step_by",
    "peekable",
    "cloned",
    "copied",
    "flat_map",
    "flatten",
    "zip",
    "as_deref",
    "as_ref",
    "as_str",
    "as_slice",
    "get",
    "first",
    "last",
    "trim",
    "trim_start",
    "trim_end",
    "skip_while",
    "take_while",
    "chain",
];

/// Methods that take their receiver by reference (so calling one does not
/// move it).
const BY_REF: &[&str] = &[
    "len",
    "is_empty",
    "push",
    "push_str",
    "pop",
    "clear",
    "insert",
    "remove",
    "get",
    "get_mut",
    "iter",
    "iter_mut",
    "contains",
    "contains_key",
    "starts_with",
    "ends_with",
    "to_string",
    "to_uppercase",
    "to_lowercase",
    "clone",
    "as_str",
    "as_ref",
    "as_mut",
    "trim",
    "split",
    "chars",
    "bytes",
    "lines",
    "next",
    "peek",
    "extend",
    "truncate",
    "retain",
    "sort",
    "sort_unstable",
    "reverse",
    "first",
    "last",
    "take",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "eq",
    "ne",
    "cmp",
    "fmt",
    "borrow",
    "borrow_mut",
    "lock",
    "swap_remove",
    "drain",
];

impl<'t> Borrows<'t> {
    fn new(tree: &'t Tree) -> Self {
        let names = tree
            .bindings
            .iter()
            .map(|b| normalize(&b.ident.to_string()))
            .collect();
        let mut aliases = HashMap::new();
        let mut closures = HashMap::new();
        for binding in &tree.bindings {
            let name = normalize(&binding.ident.to_string());
            match &binding.source {
                Source::Init(Expr::Reference(r)) => {
                    if let Some(target) = place_root(&r.expr) {
                        aliases.insert(name, target);
                    }
                }
                Source::Init(Expr::Closure(closure)) => {
                    let mut mentioned = HashSet::new();
                    mentions(&closure.body.to_token_stream(), &mut mentioned);
                    closures.insert(name, mentioned.into_iter().collect());
                }
                _ => {}
            }
        }
        let mut this = Borrows {
            tree,
            suspect: HashSet::new(),
            outside: HashSet::new(),
            names,
            assigned: HashSet::new(),
            moved: HashSet::new(),
            partly_moved: HashSet::new(),
            aliases,
            closures,
        };
        // The body's code, parsed once for both walks.
        let blocks: Vec<syn::Block> = tree
            .all
            .iter()
            .filter_map(|tokens| syn::parse2(quote::quote!({ #tokens })).ok())
            .collect();
        this.find_outside();
        this.find_suspect(&blocks);
        this.find_moves(&blocks);
        this
    }

    fn check(&self, id: BindingId) -> Result<(), Rejection> {
        let binding = &self.tree.bindings[id];
        let name = normalize(&binding.ident.to_string());
        let span = binding.ident.span();
        if self.suspect.contains(&name) && name.starts_with("__coro_iter") {
            return Err(Rejection::borrow(
                span,
                "this `for` loop's iterator may borrow a local of the generator, and the loop \
                 has a `yield_!`",
            ));
        }
        if self.suspect.contains(&name) && name.starts_with("__coro_") {
            return Err(Rejection::borrow(
                span,
                "this value may borrow a local of the generator, and is held across a `yield_!`",
            ));
        }
        if binding.by_ref {
            return Err(Rejection::borrow(
                span,
                format!(
                    "`{}` is bound by reference and used after a `yield_!`",
                    binding.ident
                ),
            ));
        }
        if self.suspect.contains(&name) {
            return Err(Rejection::borrow(
                span,
                format!(
                    "`{}` may borrow a local of the generator, and is used after a `yield_!`",
                    binding.ident
                ),
            ));
        }
        if self.partly_moved.contains(&name) && !binding.reference {
            return Err(Rejection::borrow(
                span,
                format!(
                    "a field of `{}` may be moved out, and it is used after a `yield_!`",
                    binding.ident
                ),
            ));
        }
        if self.assigned.contains(&name) && self.moved.contains(&name) {
            return Err(Rejection::new(
                span,
                format!(
                    "`{}` is moved and reassigned, and used after a `yield_!`",
                    binding.ident
                ),
            ));
        }
        Ok(())
    }

    fn bindings_named<'b>(&'b self, name: &'b str) -> impl Iterator<Item = &'b Binding> + 'b {
        self.tree
            .bindings
            .iter()
            .filter(move |b| normalize(&b.ident.to_string()) == name)
    }

    /// The bindings that hold shared references to outside data.
    fn find_outside(&mut self) {
        loop {
            let mut changed = false;
            for binding in &self.tree.bindings {
                let name = normalize(&binding.ident.to_string());
                if self.outside.contains(&name) {
                    continue;
                }
                let outside = match &binding.source {
                    Source::Param(shared, _) => *shared,
                    Source::Init(e) | Source::Scrutinee(e) | Source::Iterable(e) => {
                        !binding.by_ref && self.is_outside(e)
                    }
                    Source::Resumed | Source::Uninit => false,
                };
                // Every binding of that name must be one.
                if outside
                    && self.bindings_named(&name).all(|b| match &b.source {
                        Source::Param(shared, _) => *shared,
                        Source::Init(e) | Source::Scrutinee(e) | Source::Iterable(e) => {
                            !b.by_ref && self.is_outside(e)
                        }
                        _ => false,
                    })
                {
                    self.outside.insert(name);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Whether `expr` is a shared reference into data outside the generator:
    /// such a binding, a `&` of a place through one, or a chain of
    /// borrowing-through methods on one.
    fn is_outside(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Reference(r) if r.mutability.is_none() => self.rooted_outside(&r.expr),
            Expr::MethodCall(call) => {
                BORROW_THROUGH.contains(&call.method.to_string().as_str())
                    && call.args.iter().all(|a| !self.borrows(a))
                    && (self.rooted_outside(&call.receiver) || self.is_outside(&call.receiver))
            }
            Expr::Paren(p) => self.is_outside(&p.expr),
            Expr::Path(_) => self.rooted_outside(expr),
            _ => false,
        }
    }

    /// Whether the place `expr` is reached through an outside reference.
    fn rooted_outside(&self, expr: &Expr) -> bool {
        match root(expr) {
            Some(name) => self.outside.contains(&name),
            None => false,
        }
    }

    fn find_suspect(&mut self, blocks: &[syn::Block]) {
        loop {
            let mut changed = false;
            for binding in &self.tree.bindings {
                let name = normalize(&binding.ident.to_string());
                if self.suspect.contains(&name) {
                    continue;
                }
                let suspect = binding.by_ref
                    || match &binding.source {
                        Source::Init(e) | Source::Scrutinee(e) | Source::Iterable(e) => {
                            self.borrows(e)
                        }
                        Source::Param(..) | Source::Resumed | Source::Uninit => false,
                    };
                if suspect {
                    self.suspect.insert(name);
                    changed = true;
                }
            }
            // What may borrow, stored into a binding later.
            for block in blocks {
                let mut stores = Stores {
                    analysis: self,
                    found: BTreeSet::new(),
                };
                stores.visit_block(block);
                for name in stores.found {
                    // Stored through a reference: into what it refers to.
                    let aliased = self.aliases.get(&name).cloned();
                    for name in core::iter::once(name).chain(aliased) {
                        if self.suspect.insert(name) {
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn find_moves(&mut self, blocks: &[syn::Block]) {
        let mut moves = Moves {
            assigned: HashSet::new(),
            moved: HashSet::new(),
            partly_moved: HashSet::new(),
        };
        for block in blocks {
            moves.visit_block(block);
        }
        self.assigned = moves.assigned;
        self.moved = moves.moved;
        self.partly_moved = moves.partly_moved;
    }

    /// Whether the value of `expr` may hold a borrow of a local of the
    /// generator (or of a temporary).
    fn borrows(&self, expr: &Expr) -> bool {
        let mut scan = Scan {
            analysis: self,
            found: false,
        };
        scan.visit_expr(expr);
        scan.found
    }

    fn mentions_local(&self, tokens: &TokenStream) -> bool {
        let mut names = HashSet::new();
        mentions(tokens, &mut names);
        names.iter().any(|n| self.names.contains(n))
    }

    /// A value of the expansion's own (`yield_from!`'s strategy, for
    /// example: a local of ours that is not one of the body's bindings),
    /// whose methods return what they are given, owned.
    fn is_ours(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Field(field) => self.is_ours(&field.base),
            Expr::Paren(paren) => self.is_ours(&paren.expr),
            Expr::MethodCall(call) => self.is_ours(&call.receiver),
            Expr::Path(path) => path.path.get_ident().is_some_and(|ident| {
                let name = ident.to_string();
                name.starts_with("__coro_") && !self.names.contains(&name)
            }),
            _ => false,
        }
    }

    fn mentions_suspect(&self, tokens: &TokenStream) -> bool {
        let mut names = HashSet::new();
        mentions(tokens, &mut names);
        names.iter().any(|n| self.suspect.contains(n))
    }
}

/// The local a place is rooted at: `x`, `x.f`, `x[i]`, `*x`, `(x)`.
/// `expr` without the parentheses around it.
fn unparen(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(paren) => unparen(&paren.expr),
        Expr::Group(group) => unparen(&group.expr),
        other => other,
    }
}

/// The local a place is rooted at, through method calls too: what
/// `x.last_mut().unwrap()` or `cell.borrow_mut()` reaches into is `x`'s or
/// `cell`'s (for the analysis of stores, which must not miss one).
fn place_root(expr: &Expr) -> Option<String> {
    match expr {
        Expr::MethodCall(call) => place_root(&call.receiver),
        Expr::Field(field) => place_root(&field.base),
        Expr::Index(index) => place_root(&index.expr),
        Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => place_root(&unary.expr),
        Expr::Paren(paren) => place_root(&paren.expr),
        Expr::Group(group) => place_root(&group.expr),
        other => root(other),
    }
}

fn root(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(path) if path.qself.is_none() => {
            path.path.get_ident().map(|i| normalize(&i.to_string()))
        }
        Expr::Field(field) => root(&field.base),
        Expr::Index(index) => root(&index.expr),
        Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => root(&unary.expr),
        Expr::Paren(paren) => root(&paren.expr),
        Expr::Group(group) => root(&group.expr),
        _ => None,
    }
}

impl Scan<'_, '_> {
    /// A macro call: what the standard macros that give owned values (or
    /// `()`) and `vec!` hold; any other may borrow what it mentions.
    fn scan_macro(&mut self, mac: &Macro) {
        let a = self.analysis;
        let name = mac.path.segments.last().map(|s| s.ident.to_string());
        let tokens = &mac.tokens;
        if name
            .as_deref()
            .is_some_and(|name| OWNED_MACROS.contains(&name))
        {
            if a.mentions_suspect(tokens) {
                self.found = true;
            }
        } else if name.as_deref() == Some("vec") {
            match syn::parse::Parser::parse2(
                syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
                tokens.clone(),
            ) {
                Ok(items) => {
                    for item in &items {
                        self.visit_expr(item);
                    }
                }
                Err(_) => {
                    if a.mentions_local(tokens) {
                        self.found = true;
                    }
                }
            }
        } else if a.mentions_local(tokens) || tokens.to_string().contains('&') {
            self.found = true;
        }
    }
}

/// Whether a statement calling the macro `name` declares no local: the
/// standard macros below, `vec!`, and ours.
pub(super) fn declares_nothing(name: &str) -> bool {
    OWNED_MACROS.contains(&name)
        || matches!(
            name,
            "vec"
                | "dbg"
                | "debug_assert"
                | "debug_assert_eq"
                | "debug_assert_ne"
                | "yield_"
                | "yield_from"
                | "unimplemented"
        )
}

/// Standard macros whose value holds no borrow of their arguments.
const OWNED_MACROS: &[&str] = &[
    "format",
    "matches",
    "concat",
    "stringify",
    "line",
    "column",
    "file",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "println",
    "print",
    "eprintln",
    "eprint",
    "write",
    "writeln",
    "panic",
    "unreachable",
    "todo",
    "env",
    "include_str",
    "include_bytes",
];

/// Finds a borrow source in an expression (see the module docs).
struct Scan<'a, 't> {
    analysis: &'a Borrows<'t>,
    found: bool,
}

impl<'ast> Visit<'ast> for Scan<'_, '_> {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        if self.found {
            return;
        }
        let a = self.analysis;
        match expr {
            Expr::Path(path) => {
                if let Some(ident) = path.path.get_ident()
                    && a.suspect.contains(&normalize(&ident.to_string()))
                {
                    self.found = true;
                }
            }
            Expr::Reference(r) => {
                // Through a shared reference the generator was given, or of
                // something that names no local (a constant, a static).
                // (Of anything else, `&e` borrows a temporary, which a `let`
                // extends to the end of the block: a local of the generator.)
                let exempt = (r.mutability.is_none() && a.rooted_outside(&r.expr))
                    || a.is_ours(&r.expr)
                    || (matches!(unparen(&r.expr), Expr::Path(_) | Expr::Lit(_))
                        && !a.mentions_local(&r.expr.to_token_stream()));
                if !exempt {
                    self.found = true;
                    return;
                }
                syn::visit::visit_expr(self, expr);
            }
            Expr::MethodCall(call) => {
                let method = call.method.to_string();
                // (A literal's methods borrow `'static` data, if any.)
                let exempt = OWNED_RESULT.contains(&method.as_str())
                    || a.is_ours(&call.receiver)
                    || matches!(&*call.receiver, Expr::Lit(_))
                    || (BORROW_THROUGH.contains(&method.as_str())
                        && (a.rooted_outside(&call.receiver) || a.is_outside(&call.receiver)));
                if !exempt {
                    self.found = true;
                    return;
                }
                syn::visit::visit_expr(self, expr);
            }
            Expr::Closure(closure) => {
                let tokens = closure.body.to_token_stream();
                if closure.capture.is_none() {
                    if a.mentions_local(&tokens) {
                        self.found = true;
                    }
                } else if a.mentions_suspect(&tokens) {
                    self.found = true;
                }
            }
            Expr::Async(block) => {
                let tokens = block.block.to_token_stream();
                if (block.capture.is_none() && a.mentions_local(&tokens))
                    || a.mentions_suspect(&tokens)
                {
                    self.found = true;
                }
            }
            Expr::Macro(mac) => self.scan_macro(&mac.mac),
            _ => syn::visit::visit_expr(self, expr),
        }
    }

    fn visit_pat(&mut self, pat: &'ast Pat) {
        if let Pat::Ident(ident) = pat
            && ident.by_ref.is_some()
        {
            self.found = true;
        }
        syn::visit::visit_pat(self, pat);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Finds the bindings something that may borrow is stored into: assigned
/// (`x = e`, `x.f = e`, `x += e`), or given to one of their methods
/// (`x.push(e)`), or to a call with `&mut x` (`f(&mut x, e)`).
struct Stores<'a, 't> {
    analysis: &'a Borrows<'t>,
    found: BTreeSet<String>,
}

impl<'ast> Visit<'ast> for Stores<'_, '_> {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        let a = self.analysis;
        match expr {
            Expr::Assign(assign) => {
                if let Some(name) = place_root(&assign.left)
                    && a.names.contains(&name)
                    && a.borrows(&assign.right)
                {
                    self.found.insert(name);
                }
            }
            Expr::Binary(binary) if is_compound(&binary.op) => {
                if let Some(name) = place_root(&binary.left)
                    && a.names.contains(&name)
                    && a.borrows(&binary.right)
                {
                    self.found.insert(name);
                }
            }
            Expr::MethodCall(call) => {
                if let Some(name) = place_root(&call.receiver)
                    && a.names.contains(&name)
                    && !a.outside.contains(&name)
                    && call.args.iter().any(|arg| a.borrows(arg))
                {
                    self.found.insert(name);
                }
            }
            Expr::Call(call) => {
                // A closure of the body's, called with what may borrow, may
                // store it into what it captures.
                if let Some(closure) = root(&call.func).and_then(|name| a.closures.get(&name))
                    && call.args.iter().any(|arg| a.borrows(arg))
                {
                    self.found.extend(closure.iter().cloned());
                }
                let borrowing = call.args.iter().filter(|arg| a.borrows(arg)).count();
                for arg in &call.args {
                    if let Expr::Reference(r) = arg
                        && r.mutability.is_some()
                        && let Some(name) = root(&r.expr)
                        && a.names.contains(&name)
                        && borrowing > 1
                    {
                        self.found.insert(name);
                    }
                }
            }
            _ => {}
        }
        syn::visit::visit_expr(self, expr);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

fn is_compound(op: &syn::BinOp) -> bool {
    use syn::BinOp::{
        AddAssign, BitAndAssign, BitOrAssign, BitXorAssign, DivAssign, MulAssign, RemAssign,
        ShlAssign, ShrAssign, SubAssign,
    };
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// The names reassigned whole, and the names used by value somewhere.
struct Moves {
    assigned: HashSet<String>,
    moved: HashSet<String>,
    partly_moved: HashSet<String>,
}

impl Moves {
    /// `expr` is used by value here.
    fn by_value(&mut self, expr: &Expr) {
        match expr {
            Expr::Path(path) => {
                if let Some(ident) = path.path.get_ident() {
                    self.moved.insert(normalize(&ident.to_string()));
                }
            }
            Expr::Field(_) => {
                if let Some(name) = root(expr) {
                    self.partly_moved.insert(name);
                }
            }
            Expr::Paren(paren) => self.by_value(&paren.expr),
            _ => {}
        }
    }
}

impl<'ast> Visit<'ast> for Moves {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        match expr {
            Expr::Assign(assign) => {
                if let Expr::Path(path) = &*assign.left
                    && let Some(ident) = path.path.get_ident()
                {
                    self.assigned.insert(normalize(&ident.to_string()));
                }
                self.by_value(&assign.right);
            }
            Expr::Call(call) => call.args.iter().for_each(|a| self.by_value(a)),
            Expr::MethodCall(call) => {
                call.args.iter().for_each(|a| self.by_value(a));
                if !BY_REF.contains(&call.method.to_string().as_str()) {
                    self.by_value(&call.receiver);
                }
            }
            Expr::Binary(binary) if !is_compound(&binary.op) && !is_comparison(&binary.op) => {
                self.by_value(&binary.left);
                self.by_value(&binary.right);
            }
            Expr::Tuple(tuple) => tuple.elems.iter().for_each(|e| self.by_value(e)),
            Expr::Array(array) => array.elems.iter().for_each(|e| self.by_value(e)),
            Expr::Struct(lit) => lit.fields.iter().for_each(|f| self.by_value(&f.expr)),
            Expr::Return(ret) => {
                if let Some(value) = &ret.expr {
                    self.by_value(value);
                }
            }
            Expr::Match(m) => self.by_value(&m.expr),
            Expr::Let(l) => self.by_value(&l.expr),
            Expr::ForLoop(f) => self.by_value(&f.expr),
            Expr::Macro(mac) => {
                // `vec![x]` moves `x`; a format macro does not.
                let name = mac.mac.path.segments.last().map(|s| s.ident.to_string());
                if name.as_deref() == Some("vec") {
                    let mut names = HashSet::new();
                    mentions(&mac.mac.tokens, &mut names);
                    self.moved.extend(names);
                }
            }
            _ => {}
        }
        syn::visit::visit_expr(self, expr);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            self.by_value(&init.expr);
        }
        syn::visit::visit_local(self, local);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

fn is_comparison(op: &syn::BinOp) -> bool {
    use syn::BinOp::{Eq, Ge, Gt, Le, Lt, Ne};
    matches!(op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_))
}
