use coro::{generator, iter, yield_};

#[generator]
fn odds(start: u32, end: u32) -> impl Iterator<Item = u32> {
    let mut n = start | 1;
    while n <= end {
        yield_!(n);
        n += 2;
    }
}

#[test]
fn smoke() {
    assert_eq!(odds(0, 9).collect::<Vec<_>>(), [1, 3, 5, 7, 9]);
    let v = vec![1, 2];
    let it = iter! { for x in &v { yield_!(*x * 2) } };
    assert_eq!(it.collect::<Vec<_>>(), [2, 4]);
}
