// `?` in an iterator whose items are not `Result`s: said at the `?`, with
// the fix; a `?` inside a closure of the body is the closure's business.
use coro::{Stream, generator, yield_};

#[generator]
fn numbers(text: &str) -> impl Iterator<Item = u32> + '_ {
    for word in text.split(' ') {
        yield_!(word.parse::<u32>()?);
    }
}

#[generator]
async fn stream_numbers(text: String) -> impl Stream<Item = u32> {
    let n: u32 = text.parse()?;
    yield_!(n);
}

#[generator]
fn closures_are_fine(text: &str) -> impl Iterator<Item = u32> + '_ {
    let parse = |w: &str| -> Result<u32, std::num::ParseIntError> { Ok(w.parse::<u32>()?) };
    for word in text.split(' ') {
        yield_!(parse(word).unwrap_or(0));
    }
}

fn main() {
    let _ = numbers("1");
    let _ = stream_numbers(String::new());
    let _ = closures_are_fine("1");
}
