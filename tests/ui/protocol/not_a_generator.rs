// `+ Generator` on a return type that coro does not build, and a
// hand-written coroutine boxed as a `BoxCoroutine`, which holds generators.
use core::pin::Pin;
use coro::{Coroutine, CoroutineState, Generator};

fn numbers() -> impl Iterator<Item = u32> + Generator {
    0..3
}

struct Count(u32);

impl Coroutine for Count {
    type Yield = u32;
    type Return = ();

    fn resume(mut self: Pin<&mut Self>, (): ()) -> CoroutineState<u32, ()> {
        self.0 += 1;
        CoroutineState::Yielded(self.0)
    }
}

fn boxed() -> coro::BoxCoroutine<'static, u32> {
    Box::pin(Count(0))
}

fn main() {
    let _ = numbers();
    let _ = boxed();
}
