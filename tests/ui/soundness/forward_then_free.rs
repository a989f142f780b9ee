// Issue 10, an attack through the hidden `Coroutine::__resume_delegating`: a
// user's coroutine forwards it to a generator it owns (so that the driver at
// the top will run that generator's frame) and then frees the generator in
// the same call. The frame's pointer is tied to the borrow of the generator
// (`FramePtr<'g>`), so this is a borrow error.
use std::pin::Pin;

use coro::__private::DelegateStep;
use coro::{Coroutine, CoroutineState};

struct Forward<C> {
    inner: Option<Pin<Box<C>>>,
}

impl<C: Coroutine<Yield = u32, Return = ()>> Coroutine for Forward<C> {
    type Yield = u32;
    type Return = ();

    fn resume(self: Pin<&mut Self>, (): ()) -> CoroutineState<u32, ()> {
        CoroutineState::Complete(())
    }

    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<()>,
    ) -> DelegateStep<'g, u32, (), ()> {
        let this = Pin::into_inner(self);
        let step = match this.inner.as_mut() {
            Some(inner) => inner.as_mut().__resume_delegating(arg),
            None => DelegateStep::Complete(()),
        };
        this.inner = None;
        step
    }
}

impl<C> Unpin for Forward<C> {}

fn main() {}
