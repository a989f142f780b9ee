use coro::{generator, yield_from};

fn not_a_generator() {
    yield_from!(vec![1, 2]);
}

#[generator]
fn empty() -> impl Iterator<Item = u32> {
    yield_from!();
}

#[generator]
fn in_closure(groups: Vec<Vec<u32>>) -> impl Iterator<Item = u32> {
    groups.into_iter().for_each(|g| yield_from!(g));
}

fn main() {}
