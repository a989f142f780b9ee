//! A recursive generator: the in-order walk of a binary search tree, which
//! delegates to itself for each subtree with `yield_from!` (Python's
//! `yield from walk(node.left)`). Each generator is boxed already, so the
//! recursion needs no `Box::pin` by hand; the walk yields references into
//! the tree it borrows.
//!
//! ```python
//! def in_order(node):
//!     if node.left:
//!         yield from in_order(node.left)
//!     yield node.key
//!     if node.right:
//!         yield from in_order(node.right)
//! ```
//!
//! The second walk is a coroutine: it yields the keys too, and returns the
//! height of the tree, which `yield_from!` hands back to each parent.
//!
//! `cargo run --example tree`

use coro::{Coroutine, Yields, generator, yield_, yield_from};

/// A binary search tree.
#[derive(Debug, Default)]
struct Tree {
    root: Option<Box<Node>>,
}

#[derive(Debug)]
struct Node {
    key: i32,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

impl Tree {
    fn insert(&mut self, key: i32) {
        let mut slot = &mut self.root;
        while let Some(node) = slot {
            slot = if key < node.key {
                &mut node.left
            } else {
                &mut node.right
            };
        }
        *slot = Some(Box::new(Node {
            key,
            left: None,
            right: None,
        }));
    }

    /// The keys in order.
    #[generator]
    fn keys(&self) -> impl Iterator<Item = &i32> + '_ {
        if let Some(root) = &self.root {
            yield_from!(in_order(root));
        }
    }
}

#[generator]
fn in_order(node: &Node) -> impl Iterator<Item = &i32> + '_ {
    if let Some(left) = &node.left {
        yield_from!(in_order(left));
    }
    yield_!(&node.key);
    if let Some(right) = &node.right {
        yield_from!(in_order(right));
    }
}

/// The keys in order, returning the height of the subtree.
#[generator]
fn measured(node: &Node) -> impl Coroutine<Yield = i32, Return = u32> + '_ {
    let left = match &node.left {
        Some(left) => yield_from!(measured(left)),
        None => 0,
    };
    yield_!(node.key);
    let right = match &node.right {
        Some(right) => yield_from!(measured(right)),
        None => 0,
    };
    1 + left.max(right)
}

fn main() {
    let mut tree = Tree::default();
    for key in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65] {
        tree.insert(key);
    }

    let keys: Vec<&i32> = tree.keys().collect();
    println!("in order: {keys:?}");

    // Lazy: stop as soon as the answer is known.
    let first_above_42 = tree.keys().find(|&&k| k > 42);
    println!("first key above 42: {first_above_42:?}");

    if let Some(root) = &tree.root {
        let mut walk = Yields::new(measured(root));
        let keys: Vec<i32> = walk.by_ref().collect();
        println!("in order again: {keys:?}");
        println!("height: {:?}", walk.return_value());
    }

    // A deeper tree: 2^16 - 1 keys, recursion 16 levels deep.
    let mut deep = Tree::default();
    let mut keys: Vec<i32> = Vec::new();
    let (mut lo, mut hi) = (vec![0], vec![1 << 16]);
    while let (Some(l), Some(h)) = (lo.pop(), hi.pop()) {
        if h - l > 1 {
            let mid = i32::midpoint(l, h);
            keys.push(mid);
            lo.extend([l, mid]);
            hi.extend([mid, h]);
        }
    }
    for key in keys {
        deep.insert(key);
    }
    let count = deep.keys().count();
    let sorted = deep.keys().zip(deep.keys().skip(1)).all(|(a, b)| a < b);
    println!("a tree of {count} keys, walked in order: {sorted}");
}
