//! Generators on a target with neither `std` nor `alloc`: `.ci/run` builds
//! this crate for `thumbv7m-none-eabi`, and runs its tests on the host.
#![no_std]

use core::pin::pin;
use core::task::{Context, Poll, Waker};

use coro::{Coroutine, Stream, Yields, generator, yield_};

/// A sync generator without a box: a coroutine, pinned where it is used.
#[generator(unboxed)]
pub fn countdown(from: u32) -> impl Coroutine<Yield = u32, Return = &'static str> {
    let mut n = from;
    while n > 0 {
        yield_!(n);
        n -= 1;
    }
    "liftoff"
}

/// An async generator without a box.
#[generator(unboxed)]
pub async fn ticks(n: u8) -> impl Stream<Item = u8> {
    for i in 0..n {
        core::future::ready(()).await;
        yield_!(i);
    }
}

/// Sums a countdown on the stack.
pub fn sum_countdown(from: u32) -> (u32, &'static str) {
    let coroutine = pin!(countdown(from));
    let mut yields = Yields::new(coroutine);
    let sum = yields.by_ref().sum();
    (sum, yields.take_return_value().unwrap_or("unfinished"))
}

/// Sums the ticks of a stream polled by hand.
pub fn sum_ticks(n: u8) -> u32 {
    let mut stream = pin!(ticks(n));
    let mut cx = Context::from_waker(Waker::noop());
    let mut sum = 0;
    while let Poll::Ready(Some(tick)) = stream.as_mut().poll_next(&mut cx) {
        sum += u32::from(tick);
    }
    sum
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_without_a_box() {
        assert_eq!(super::sum_countdown(4), (10, "liftoff"));
        assert_eq!(super::sum_ticks(4), 6);
    }
}
