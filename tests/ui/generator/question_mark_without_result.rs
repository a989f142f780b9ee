use coro::{generator, yield_};

#[generator]
fn parse(text: &str) -> impl Iterator<Item = u32> + '_ {
    for word in text.split(' ') {
        yield_!(word.parse::<u32>()?);
    }
}

fn main() {}
