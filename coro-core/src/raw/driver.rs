//! The generator itself: the body's state machine beside its slot, and the
//! driver that steps it.
//!
//! A generator body is an `async` closure that takes a [`Co`] handle. The
//! compiler lowers it to a state machine (a future), so every Rust construct
//! works inside it and borrows across `yield_!` are checked as in any `async`
//! block. [`RawGen`] owns that future, pinned, together with the [`Slot`]
//! through which values pass between the body and the caller.

use core::cell::UnsafeCell;
use core::fmt;
use core::future::Future;
use core::marker::PhantomPinned;
use core::mem;
use core::pin::Pin;
use core::ptr::NonNull;
use core::task::{Context, Poll};

use super::frame::{
    DelegateStep, ErasedFrame, FinishChainOnUnwind, FramePtr, FrameStep, Frames, Owner,
};
use super::handle::Co;
use super::mode::{Async, Mode, SyncMode};
use super::panics::{
    aresumed_after_completion, awaited_in_sync_generator, only_a_fresh_generator_starts,
    polled_without_a_future, resumed_after_completion, started_without_argument,
};
use super::slot::{Slot, SlotPtr};
use crate::generator::{Locate, debug_generator};
use crate::{CoroutineState, Generator, Status};

/// The state machine of one generator: the body's future and the slot it
/// yields through. It must be pinned to run (the body may borrow its own
/// locals across a `yield_!`).
///
/// `M` is its [`Mode`], `S` the zero-sized function item that starts the
/// body and `Fut` the body's future type; see the crate's `__private`
/// constructors.
pub struct RawGen<Y, R, M: Mode, F, S, Fut> {
    // Field order is drop order: the body (which holds the handle and the
    // delegation frames) goes before the slot they point at.
    body: Body<F, Fut>,
    slot: Slot<Y, R, M>,
    start: S,
    _pinned: PhantomPinned,
}

/// Where the body is. Whether it is suspended in a delegation is not a
/// state of its own: it is whether the slot names a frame.
///
/// (The driver tests the variant on every step through `&mut`, from the
/// state itself, so that the test and the poll after it read the same tag;
/// `Body::phase` repeats it for `&self`. A phase that the hot path read
/// instead would be a second value the compiler cannot tie to the tag.)
enum State<F, Fut> {
    /// Not started: the body closure and its captures.
    Fresh(F),
    /// Started: the body's future, pinned.
    Running(Fut),
    /// Finished, or panicked: the future is gone.
    Done,
}

/// The variant of a [`State`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    Fresh,
    Running,
    /// Running, in the middle of a step of an async coroutine: it awaits a
    /// future that was not ready (see [`RawGen::poll_resume`]).
    Stepping,
    Done,
}

/// The body's state, and which one it is.
struct Body<F, Fut> {
    /// In an `UnsafeCell` because a suspended body may hold a `&mut` to one
    /// of its own locals, inside the future: a `&RawGen` (for `size_hint`,
    /// `is_terminated`, `Debug`) must not claim that the future's bytes are
    /// frozen, so it reads `phase` and never this.
    state: UnsafeCell<State<F, Fut>>,
    /// Which variant `state` is, for `&self`: set with it, by the methods
    /// below, the only ones that change the state.
    phase: Phase,
}

impl<F, Fut> Body<F, Fut> {
    /// Which variant the state is, read from the state itself (so that the
    /// test on each step and the poll that follows it read the same tag).
    #[inline]
    fn variant(&mut self) -> Phase {
        match self.state.get_mut() {
            State::Fresh(_) => Phase::Fresh,
            State::Running(_) => Phase::Running,
            State::Done => Phase::Done,
        }
    }

    /// Leaving `Fresh`: the body closure, to be started.
    #[inline]
    fn take_fresh(&mut self) -> F {
        let State::Fresh(f) = mem::replace(self.state.get_mut(), State::Done) else {
            only_a_fresh_generator_starts()
        };
        self.phase = Phase::Done;
        f
    }

    /// `Running`: the body's future.
    #[inline]
    fn run(&mut self, fut: Fut) {
        *self.state.get_mut() = State::Running(fut);
        self.phase = Phase::Running;
    }

    /// Ends the body (dropping its locals in place, as `Pin` allows).
    #[inline]
    fn finish(&mut self) {
        self.phase = Phase::Done;
        *self.state.get_mut() = State::Done;
    }
}

/// What one step of a [`RawGen`] produced.
#[derive(Debug)]
pub(crate) enum Step<Y, O> {
    /// The body suspended at a `yield_!` with this item.
    Yielded(Y),
    /// The body finished with this output.
    Complete(O),
    /// The body awaits a future that is not ready (async generators only).
    Pending,
    /// The body finished (or panicked) at an earlier step.
    Done,
}

/// What polling a body once produced.
enum BodyStep<Y, O, R> {
    Yielded(Y),
    Complete(O),
    Pending,
    /// The body started a delegation (`yield_from!` of a coroutine): this
    /// frame runs it.
    Delegated(ErasedFrame<Y, R>),
}

// SAFETY: a `&RawGen` only reads which state the body is in (`is_done`,
// `Debug`) and, for `Debug`, the slot's `at` (a `Copy` pointer to static
// data, read with `Cell::get`): it is written only during a step, which
// takes `Pin<&mut Self>`, so no write overlaps a read through `&self`, and
// reads from several threads at once do not race. The rest of what is not
// `Sync` in it (the slot's other `Cell`s, the future in its `UnsafeCell`) is
// never reached through a shared reference. The bounds keep the generator
// `Sync` exactly when its state is.
unsafe impl<Y, R, M: Mode, F: Sync, S: Sync, Fut: Sync> Sync for RawGen<Y, R, M, F, S, Fut> {}

impl<Y, R, M: Mode, F, S, Fut> RawGen<Y, R, M, F, S, Fut> {
    /// Whether the body finished (or panicked): every further step is
    /// [`Step::Done`].
    #[inline]
    pub(crate) fn is_done(&self) -> bool {
        self.body.phase == Phase::Done
    }

    /// The slot's delegation frames, in the modes that have them.
    #[inline]
    fn frames(&self) -> Option<&Frames<Y, R>> {
        M::frames(self.slot.extra())
    }

    /// The frame of the delegation the body is suspended in, if any.
    #[inline]
    fn body_frame(&self) -> Option<ErasedFrame<Y, R>> {
        self.frames().and_then(Frames::frame)
    }

    #[inline]
    fn innermost(&self) -> Option<ErasedFrame<Y, R>> {
        self.frames().and_then(Frames::innermost)
    }

    /// Where the body is suspended: its own `yield_!` (or `yield_from!`),
    /// and while it delegates through a frame, where the innermost delegate
    /// waits.
    pub(crate) fn locate(&self) -> Locate {
        if self.body.phase != Phase::Running {
            return Locate::NOWHERE;
        }
        let at = self.slot.at().copied();
        // At the top of a chain the cache names the innermost frame; in a
        // delegate, the body's own frame leads down (each level asking the
        // next).
        let Some(frame) = self.innermost().or_else(|| self.body_frame()) else {
            return Locate {
                at,
                innermost: None,
            };
        };
        // SAFETY: the frames named in this generator's slot are alive while
        // they are named (`frame.rs`): they are in the bodies of this
        // generator and of its delegates, which it owns, and `&self` keeps
        // them from being resumed (or dropped) while the reference lives.
        // Only `&self` methods are called, which read the child.
        unsafe { frame.as_ref() }.child_locate().below(at)
    }

    #[inline]
    fn set_innermost(&self, frame: Option<ErasedFrame<Y, R>>) {
        if let Some(frames) = self.frames() {
            frames.set_innermost(frame);
        }
    }

    /// The address of the slot, for the body's handle, the waker it is
    /// polled with and its frames. Only called through the driver, which
    /// runs on a pinned generator.
    #[inline]
    fn slot_ptr(&self) -> SlotPtr<Y, R, M> {
        // SAFETY: the generator is pinned (every driver method is reached
        // through `Pin<&mut Self>`), so the slot stays where it is until it is
        // dropped, after the body (field order): the handle, the waker lent
        // to a poll of the body and the frames in it, which are all the
        // pointer goes to, cannot outlive it, and are used only by the thread
        // stepping the generator (or one it waits for).
        unsafe { SlotPtr::new(&self.slot) }
    }

    /// Ends the body now (dropping its locals), as after a panic in it.
    /// (The frames first: a destructor of the body's that panics leaves
    /// none behind.)
    #[inline]
    fn finish(&mut self) {
        self.set_innermost(None);
        self.body.finish();
    }

    /// Where the generator is, for [`Generator::status`].
    #[inline]
    pub(crate) fn status(&self) -> Status {
        match self.body.phase {
            Phase::Fresh => Status::Created,
            Phase::Running | Phase::Stepping => Status::Suspended,
            Phase::Done => Status::Closed,
        }
    }

    /// [`finish`](Self::finish) through a type-erased pointer, for the
    /// delegations of another generator (see `frame.rs`).
    ///
    /// # Safety
    ///
    /// `generator` points to a live, pinned `Self`, which nothing else
    /// accesses meanwhile.
    unsafe fn finish_erased(generator: NonNull<()>) {
        // SAFETY: the caller's contract.
        unsafe { (*generator.cast::<Self>().as_ptr()).finish() };
    }
}

impl<Y, R, M: Mode, F, S, Fut> RawGen<Y, R, M, F, S, Fut>
where
    S: Fn(F, Co<'static, Y, R, M>, R) -> Fut,
    Fut: Future,
{
    /// A generator that has not started: `f` runs on the first resume.
    #[inline]
    pub(crate) fn new(f: F, start: S) -> Self {
        RawGen {
            body: Body {
                state: UnsafeCell::new(State::Fresh(f)),
                phase: Phase::Fresh,
            },
            slot: Slot::new(),
            start,
            _pinned: PhantomPinned,
        }
    }

    /// Runs the body to its next `yield_!`, its end, or (for async bodies)
    /// the next future that is not ready. `cx` reaches every `.await` of the
    /// body. A `yield_from!` of a coroutine is run here too, whatever its
    /// depth: each step resumes the innermost delegate directly.
    ///
    /// If the body (or a delegate) panics, the generator is finished and the
    /// panic propagates.
    ///
    /// The result goes to `then` on each path separately: the hot path (a
    /// running body that yields or returns) then meets the caller's `match`
    /// on a `Step` it built itself, which the compiler folds away, instead of
    /// a `Step` merged with the results of the out-of-line paths, which it
    /// would match through a jump table on every item.
    ///
    /// In a sync mode (`M::SYNC`), a step that would be `Pending` ends the
    /// generator (dropping the body's locals) and panics instead.
    ///
    /// For a generator by id (`M::BY_ID`), the paths other than the hot one
    /// (starting, finishing) are inlined into the caller rather than called:
    /// a call that takes the generator's address would keep the compiler
    /// from holding the generator's state in registers. A generator by
    /// address is in memory anyway, and a call keeps its loop short.
    #[inline]
    pub(crate) fn step_then<T>(
        self: Pin<&mut Self>,
        arg: R,
        cx: &mut Context<'_>,
        then: impl FnOnce(Step<Y, Fut::Output>) -> T,
    ) -> T {
        // SAFETY: nothing below moves the `RawGen` or its running future: the
        // future is only touched through `Pin::new_unchecked` on its place,
        // and only the `Fresh` and `Done` states, which are not pinned, are
        // replaced.
        let this = unsafe { self.get_unchecked_mut() };
        if this.body.variant() == Phase::Running && this.body_frame().is_none() {
            this.slot.put_arg(arg);
            return match this.poll_future(cx) {
                Step::Pending if M::BY_ID => then(this.pending_inline(cx)),
                Step::Pending => then(this.pending(cx)),
                step => then(step),
            };
        }
        if M::BY_ID {
            then(this.step_cold_inline(arg, cx))
        } else {
            then(this.step_cold(arg, cx))
        }
    }

    /// [`pending_inline`](Self::pending_inline), out of line.
    #[cold]
    fn pending(&mut self, cx: &mut Context<'_>) -> Step<Y, Fut::Output> {
        self.pending_inline(cx)
    }

    /// [`step_cold_inline`](Self::step_cold_inline), out of line.
    #[cold]
    fn step_cold(&mut self, arg: R, cx: &mut Context<'_>) -> Step<Y, Fut::Output> {
        self.step_cold_inline(arg, cx)
    }

    /// The body returned `Pending` with no item: it awaits a future (async
    /// generators), or it entered a delegation, which is run from here.
    #[expect(
        clippy::inline_always,
        reason = "a call that takes the generator's address keeps the generator in memory (see `step_then`)"
    )]
    #[inline(always)]
    fn pending_inline(&mut self, cx: &mut Context<'_>) -> Step<Y, Fut::Output> {
        let step = if self.body_frame().is_some() {
            // Delegating: at its `yield_from!`, which the delegation said.
            self.drive(None, cx)
        } else {
            // Waiting at an `.await`, not at the `yield_!` it last passed.
            self.slot.clear_at();
            Step::Pending
        };
        self.unless_waiting(step)
    }

    /// A step of a generator that is not running its body: it starts, or it
    /// runs its delegations, or it is finished.
    #[expect(
        clippy::inline_always,
        reason = "a call that takes the generator's address keeps the generator in memory (see `step_then`)"
    )]
    #[inline(always)]
    fn step_cold_inline(&mut self, arg: R, cx: &mut Context<'_>) -> Step<Y, Fut::Output> {
        let step = match self.body.variant() {
            // Suspended in a delegation. (A running body that is not is
            // stepped by `step_then`; the test of the mode's frames keeps the
            // call out of the modes that have none, where it would take the
            // generator's address.)
            Phase::Running if self.body_frame().is_some() => self.drive(Some(arg), cx),
            Phase::Fresh => {
                self.start_body(arg);
                match self.poll_body(cx) {
                    BodyStep::Yielded(item) => Step::Yielded(item),
                    BodyStep::Complete(output) => Step::Complete(output),
                    BodyStep::Pending => Step::Pending,
                    BodyStep::Delegated(_) => self.drive(None, cx),
                }
            }
            // (`Running` only in a mode without frames, where `step_then`
            // steps a running body itself: never reached.)
            Phase::Running | Phase::Stepping | Phase::Done => Step::Done,
        };
        self.unless_waiting(step)
    }

    /// `step`, for a sync generator: a body that waits is ended, and its
    /// driver panics.
    #[inline]
    fn unless_waiting(&mut self, step: Step<Y, Fut::Output>) -> Step<Y, Fut::Output> {
        if M::SYNC && matches!(step, Step::Pending) {
            // The body cannot go on: end it (dropping its locals) so that the
            // generator is finished, as after a panic in the body.
            self.finish();
            awaited_in_sync_generator();
        }
        step
    }

    /// `Fresh` → `Running`: calls the body closure with its handle and the
    /// first resume argument.
    #[inline]
    fn start_body(&mut self, first: R) {
        let f = self.body.take_fresh();
        let loc = M::start(self.slot_ptr());
        if self.frames().is_some() {
            // SAFETY: the generator is pinned (see `slot_ptr`) and its slot,
            // which keeps the owner, goes with it; `finish_erased` is given
            // the generator only by the driver at the top of a chain this
            // generator is in, which has it exclusively (`frame.rs`).
            let owner =
                unsafe { Owner::new(NonNull::from(&mut *self).cast(), Self::finish_erased) };
            if let Some(frames) = self.frames() {
                frames.set_owner(owner);
            }
        }
        let fut = (self.start)(f, Co::new(loc), first);
        self.body.run(fut);
    }

    /// Runs the delegations of a generator suspended in one from the top:
    /// resumes the innermost delegate with `arg` and follows what happens (a
    /// deeper delegation, a delegate completing and its parent continuing)
    /// until something yields or the body's own future returns. `arg` is
    /// `None` when the resume argument was already taken.
    fn drive(&mut self, mut arg: Option<R>, cx: &mut Context<'_>) -> Step<Y, Fut::Output> {
        loop {
            let frame = if let Some(frame) = self.innermost() {
                frame
            } else {
                let Some(frame) = self.body_frame() else {
                    // The body's delegation finished: the body goes on.
                    if let Some(arg) = arg.take() {
                        self.slot.put_arg(arg);
                    }
                    match self.poll_body(cx) {
                        BodyStep::Yielded(item) => return Step::Yielded(item),
                        BodyStep::Complete(output) => return Step::Complete(output),
                        BodyStep::Pending => return Step::Pending,
                        BodyStep::Delegated(_) => continue,
                    }
                };
                // The body's own delegation: the top of the chain.
                // SAFETY: the frame is alive (see `frame.rs`).
                unsafe { (*frame.as_ptr()).set_outer(None) };
                self.set_innermost(Some(frame));
                frame
            };
            // A delegate that panics ends the whole chain as the panic
            // unwinds: every generator from the frame's owner up (`frame.rs`),
            // then this one, innermost first, as unwinding functions would.
            let finish_self = FinishOnUnwind(&raw mut self.body);
            let finish_chain = FinishChainOnUnwind(frame);
            // SAFETY: the frame is alive: it is in the chain of delegations of
            // this generator's suspended body (see `frame.rs`), pinned in
            // place, and nothing else runs while this generator is resumed.
            let step = unsafe { Pin::new_unchecked(&mut *frame.as_ptr()) }.resume_child(&mut arg);
            mem::forget(finish_chain);
            mem::forget(finish_self);
            match step {
                FrameStep::Yielded(item) => return Step::Yielded(item),
                FrameStep::Delegated(inner) => {
                    // SAFETY: a delegate of this chain just reported the
                    // frame: it is alive.
                    unsafe { (*inner.as_ptr()).set_outer(Some(frame)) };
                    self.set_innermost(Some(inner));
                }
                FrameStep::ChildComplete => {
                    // SAFETY: the frame is alive (its child completed, but the
                    // frame is still where its generator's body awaits it).
                    self.set_innermost(unsafe { (*frame.as_ptr()).outer() });
                }
            }
        }
    }

    /// Polls the body once (it must hold its future), and says whether it
    /// suspended in a delegation.
    #[expect(
        clippy::inline_always,
        reason = "a call that takes the generator's address keeps the generator in memory (see `step_then`)"
    )]
    #[inline(always)]
    fn poll_body(&mut self, cx: &mut Context<'_>) -> BodyStep<Y, Fut::Output, R> {
        match self.poll_future(cx) {
            Step::Yielded(item) => BodyStep::Yielded(item),
            Step::Complete(output) => BodyStep::Complete(output),
            Step::Pending | Step::Done => match self.body_frame() {
                // Suspended in a delegation, at its `yield_from!` (which the
                // delegation said).
                Some(frame) => BodyStep::Delegated(frame),
                None => BodyStep::Pending,
            },
        }
    }

    /// Polls the body once (it must hold its future): `Pending` when it
    /// awaits something other than a `yield_!`, including a delegation,
    /// which [`poll_body`](Self::poll_body) tells apart. (The hot path of
    /// `step_then`: it returns `Step` itself, so that no second enum is
    /// matched on every item.)
    #[expect(
        clippy::inline_always,
        reason = "a call that takes the generator's address keeps the generator in memory (see `step_then`)"
    )]
    #[inline(always)]
    fn poll_future(&mut self, cx: &mut Context<'_>) -> Step<Y, Fut::Output> {
        let body: *mut Body<F, Fut> = &raw mut self.body;
        // SAFETY: `body` is valid; the reference ends with `poll`, before
        // the guard can use the pointer.
        let State::Running(fut) = (unsafe { &mut *(*body).state.get() }) else {
            polled_without_a_future()
        };
        let guard = FinishOnUnwind(body);
        // SAFETY: the future lives in the pinned `RawGen` and is never moved
        // out of it: it stays in place until it is dropped there.
        let poll = unsafe { Pin::new_unchecked(fut) }.poll(cx);
        mem::forget(guard);
        match poll {
            Poll::Ready(output) => {
                self.body.finish();
                Step::Complete(output)
            }
            Poll::Pending => match self.slot.take_item() {
                Some(item) => Step::Yielded(item),
                None => Step::Pending,
            },
        }
    }
}

impl<Y, R, M: SyncMode, F, S, Fut> RawGen<Y, R, M, F, S, Fut>
where
    S: Fn(F, Co<'static, Y, R, M>, R) -> Fut,
    Fut: Future,
{
    /// [`step_then`](Self::step_then) for sync generators, polled with the
    /// context their mode makes (see `mode.rs`).
    #[inline]
    pub(crate) fn step_sync_then<T>(
        self: Pin<&mut Self>,
        arg: R,
        then: impl FnOnce(Step<Y, Fut::Output>) -> T,
    ) -> T {
        let slot = self.slot_ptr();
        M::with_context(slot, |cx| self.step_then(arg, cx, then))
    }

    /// One step of this generator run as a delegate of another one's
    /// `yield_from!`: what [`Coroutine::__resume_delegating`] does.
    ///
    /// `arg` is taken if the step uses it. A body that starts a delegation
    /// is reported (`Delegated`) rather than run, and so is a delegation in
    /// progress: the generator at the top runs them.
    ///
    /// [`Coroutine::__resume_delegating`]: crate::Coroutine::__resume_delegating
    pub(crate) fn step_delegate<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<R>,
    ) -> DelegateStep<'g, Y, Fut::Output, R> {
        // SAFETY: as in `step_then`.
        let this = unsafe { self.get_unchecked_mut() };
        // The top of this chain is elsewhere now; frames cached here may be
        // gone by the time this generator is the top again.
        this.set_innermost(None);
        match this.body.variant() {
            Phase::Running => {
                if let Some(frame) = this.body_frame() {
                    return DelegateStep::Delegated(FramePtr::new(frame));
                }
                if let Some(arg) = arg.take() {
                    this.slot.put_arg(arg);
                }
            }
            Phase::Fresh => {
                let Some(first) = arg.take() else {
                    started_without_argument()
                };
                this.start_body(first);
            }
            // (`variant` is never `Stepping`: that is `phase`, of async
            // coroutines only.)
            Phase::Stepping | Phase::Done => resumed_after_completion(),
        }
        let slot = this.slot_ptr();
        let step = M::with_context(slot, |cx| this.poll_body(cx));
        match step {
            BodyStep::Yielded(item) => DelegateStep::Yielded(item),
            BodyStep::Complete(output) => DelegateStep::Complete(output),
            BodyStep::Pending => {
                this.finish();
                awaited_in_sync_generator()
            }
            BodyStep::Delegated(frame) => DelegateStep::Delegated(FramePtr::new(frame)),
        }
    }
}

impl<Y, R, F, S, Fut> RawGen<Y, R, Async, F, S, Fut>
where
    S: Fn(F, Co<'static, Y, R, Async>, R) -> Fut,
    Fut: Future,
{
    /// One poll of a step of an async coroutine (`AsyncCoroutine::poll_resume`).
    ///
    /// A step starts when the body is fresh or waits at a `yield_!`: `arg`
    /// is taken and delivered. Until the step ends (the next `yield_!` or
    /// the body's end) the generator is `Stepping` between polls, and a
    /// poll goes on with the step, leaving `arg` as it is: that is how the
    /// caller learns that the step was begun by an earlier, dropped future.
    ///
    /// # Panics
    ///
    /// If a step would start without an argument, or after the body
    /// finished.
    pub(crate) fn poll_resume(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        arg: &mut Option<R>,
    ) -> Poll<CoroutineState<Y, Fut::Output>> {
        // SAFETY: as in `step_then`.
        let this = unsafe { self.get_unchecked_mut() };
        let step = match this.body.phase {
            Phase::Stepping => this.poll_future(cx),
            Phase::Running => {
                let Some(arg) = arg.take() else {
                    started_without_argument()
                };
                this.slot.put_arg(arg);
                this.poll_future(cx)
            }
            Phase::Fresh => {
                let Some(first) = arg.take() else {
                    started_without_argument()
                };
                this.start_body(first);
                this.poll_future(cx)
            }
            Phase::Done => aresumed_after_completion(),
        };
        match step {
            Step::Yielded(item) => {
                this.body.phase = Phase::Running;
                Poll::Ready(CoroutineState::Yielded(item))
            }
            // (`poll_future` finished the body.)
            Step::Complete(output) => Poll::Ready(CoroutineState::Complete(output)),
            Step::Pending => {
                this.slot.clear_at();
                this.body.phase = Phase::Stepping;
                Poll::Pending
            }
            Step::Done => aresumed_after_completion(),
        }
    }
}

/// Finishes a generator if its body or a delegate panics, so that it is
/// fused: the future is dropped in place as the panic unwinds.
struct FinishOnUnwind<F, Fut>(*mut Body<F, Fut>);

impl<F, Fut> Drop for FinishOnUnwind<F, Fut> {
    fn drop(&mut self) {
        // SAFETY: only reached while unwinding out of a poll of the body or
        // a resume of a delegate, when no reference into the body is live;
        // the pointer is to the live body. The future is dropped in place,
        // as `Pin` allows.
        unsafe { (*self.0).finish() };
    }
}

impl<Y, R, M: Mode, F, S, Fut> Generator for RawGen<Y, R, M, F, S, Fut> {
    #[inline]
    fn status(&self) -> Status {
        RawGen::status(self)
    }

    #[inline]
    fn __locate(&self) -> Locate {
        self.locate()
    }

    /// Drops the body's future in place (its locals, and with them the
    /// generator it delegates to, innermost first: a future drops what it
    /// awaits before its own locals), as a panic in it would.
    fn close(self: Pin<&mut Self>) {
        // SAFETY: nothing is moved: the running future is dropped in place,
        // as `Pin` allows, and replaced by `Done`, which is not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        this.finish();
    }
}

impl<Y, R, M: Mode, F, S, Fut> fmt::Debug for RawGen<Y, R, M, F, S, Fut> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_generator(f, "Generator", self.status(), self.locate())
    }
}
