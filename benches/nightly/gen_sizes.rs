//! The size of nightly Rust's `gen` blocks for the bodies of coro's
//! benchmark workloads (benches/src/lib.rs), to compare with the size of
//! coro's generator for the same body (`count_instructions sizes`).
//!
//! Not part of the benchmark workspace (it needs nightly): `run.sh` compiles
//! it with `rustc +nightly -O` and runs it. It prints one line per workload,
//! `WORKLOAD BYTES`, where BYTES is `size_of_val` of the generator as made,
//! before its first `next` (for the recursive `tree`, of the top generator's
//! box: a `gen` block cannot name its own type, so each child is a
//! `Box<dyn Iterator>`).

#![feature(gen_blocks, async_iterator)]

use std::hint::black_box;

fn count(n: u64) -> impl Iterator<Item = u64> {
    gen move {
        for i in 0..n {
            yield i;
        }
    }
}

fn filter_map(n: u64) -> impl Iterator<Item = u64> {
    gen move {
        for i in 0..n {
            if !i.is_multiple_of(3) {
                yield i * i;
            }
        }
    }
}

fn three(first: u64) -> impl Iterator<Item = u64> {
    gen move {
        yield first;
        yield first + 1;
        yield first + 2;
    }
}

fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80
}

fn tokens(text: &str) -> impl Iterator<Item = &str> + '_ {
    gen move {
        let len = text.len();
        let mut i = 0;
        while i < len {
            let byte = text.as_bytes()[i];
            if byte == b' ' {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            if is_word(byte) {
                while i < len && is_word(text.as_bytes()[i]) {
                    i += 1;
                }
            }
            yield &text[start..i];
        }
    }
}

struct Node {
    value: u64,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

fn in_order(root: &Node) -> impl Iterator<Item = u64> + '_ {
    gen move {
        let mut stack: Vec<&Node> = Vec::with_capacity(64);
        let mut spine = Some(root);
        while let Some(node) = spine {
            stack.push(node);
            spine = node.left.as_deref();
        }
        while let Some(node) = stack.pop() {
            let mut child = node.right.as_deref();
            while let Some(below) = child {
                stack.push(below);
                child = below.left.as_deref();
            }
            yield node.value;
        }
    }
}

fn walk(node: &Node) -> Box<dyn Iterator<Item = u64> + '_> {
    Box::new(gen move {
        if let Some(left) = &node.left {
            for item in walk(left) {
                yield item;
            }
        }
        yield node.value;
        if let Some(right) = &node.right {
            for item in walk(right) {
                yield item;
            }
        }
    })
}

fn walk_size(node: &Node) -> usize {
    let walk = walk(node);
    size_of_val(&*walk)
}

fn async_count(n: u64) -> impl std::async_iter::AsyncIterator<Item = u64> {
    async gen move {
        for i in 0..n {
            yield i;
        }
    }
}

fn main() {
    let leaf = Node {
        value: 0,
        left: None,
        right: None,
    };
    let text = "a b";
    println!("count {}", size_of_val(&black_box(count(black_box(3)))));
    println!("filter_map {}", size_of_val(&black_box(filter_map(black_box(3)))));
    println!("tokenizer {}", size_of_val(&black_box(tokens(black_box(text)))));
    println!("tree {}", walk_size(black_box(&leaf)));
    println!("stack_tree {}", size_of_val(&black_box(in_order(black_box(&leaf)))));
    println!("create {}", size_of_val(&black_box(three(black_box(3)))));
    println!("async_count {}", size_of_val(&black_box(async_count(black_box(3)))));
}
