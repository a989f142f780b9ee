// An item that borrows the generator's own local: the local is the
// generator's, and the item must outlive its next step.
use coro::{iter, yield_};

fn main() {
    let words = iter! {
        let text = String::from("a b c");
        for w in text.split(' ') {
            yield_!(w);
        }
    };
    for w in words {
        println!("{w}");
    }
}
