use coro::{iter, yield_};

fn main() {
    let _ = iter! {
        let n = std::future::ready(1).await;
        yield_!(n);
    };
}
