use coro::generator;

#[generator]
struct Counter {
    n: u32,
}

fn main() {
    let _ = Counter { n: 0 }.n;
}
