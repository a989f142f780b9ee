use coro::yield_;

fn main() {
    yield_!(1);
}
