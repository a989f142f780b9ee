//! `yield_from!` of a coroutine, run from the top: O(1) per item at any
//! depth.
//!
//! The delegating body awaits a [`Delegation`], which owns a frame (the
//! child, and what it returns) and, on its first poll, names that frame in
//! its generator's slot. The generator the caller resumes (the top) then
//! resumes the innermost delegate directly, following `outer` links back up
//! as delegates complete. So an item costs the same at any depth, and the
//! stack does not grow with it.
//!
//! # Why the pointers to frames are valid
//!
//! A frame is reached through an [`ErasedFrame`] from three places: the slot
//! of the generator whose body holds it, the `outer` link of the frame one
//! level down, and the `innermost` cache of the generator at the top of the
//! chain. All of them belong to generators in the subtree of delegations
//! that holds the frame, and that subtree is only touched while its top is
//! being resumed, through an exclusive borrow of the top.
//!
//! The slot names a frame from its `Delegation`'s first poll until its child
//! completes or the `Delegation` is dropped (its `Drop` unlinks it). That a
//! `Delegation` is not leaked, forgotten or dropped while its generator
//! lives on is the contract of [`Co::delegate`], an `unsafe fn`: the future
//! must be awaited in place by the body's own future, which the generator
//! owns, pinned, and drops only when it finishes or is dropped. The macros
//! call it only where that holds: a `yield_from!` in the body's own syntax.
//! (A `yield_from!` inside another macro's arguments, which that macro may
//! put in a future of its own, re-yields instead; see `co.rs`.)
//!
//! The `innermost` cache of a generator is reset each time it runs as a
//! delegate, so a cache never outlives the chain it was built for.
//!
//! # A delegate that panics
//!
//! It ends every generator of the chain the panic unwinds through, innermost
//! first, as unwinding functions would: the top's driver finishes the owner
//! of each frame from the one that was resumed up to its own (through the
//! [`Owner`] each slot keeps), and then itself.

use core::cell::Cell;
use core::fmt;
use core::future::Future;
use core::marker::{PhantomData, PhantomPinned};
use core::mem;
use core::pin::Pin;
use core::ptr::{self, NonNull};
use core::task::{Context, Poll};

use super::handle::Co;
use super::mode::Delegating;
use super::panics::delegation_polled_by_a_stranger;
use super::slot::SlotPtr;
use crate::Coroutine;
use crate::generator::Locate;

/// What the slot of a [`Delegating`] generator keeps for delegation.
pub struct Frames<Y, R> {
    /// The frame of the `yield_from!` the body is suspended in, if any.
    frame: Cell<Option<ErasedFrame<Y, R>>>,
    /// When this generator is the top of a chain: its innermost frame,
    /// which the next step resumes directly. `None`: start from `frame`.
    innermost: Cell<Option<ErasedFrame<Y, R>>>,
    /// How to finish this generator when a delegate below it panics; set
    /// when it starts.
    owner: Cell<Option<Owner>>,
}

impl<Y, R> Frames<Y, R> {
    pub(super) const fn new() -> Self {
        Frames {
            frame: Cell::new(None),
            innermost: Cell::new(None),
            owner: Cell::new(None),
        }
    }

    /// The frame of the delegation the body is suspended in.
    #[inline]
    pub(super) fn frame(&self) -> Option<ErasedFrame<Y, R>> {
        self.frame.get()
    }

    #[inline]
    pub(super) fn innermost(&self) -> Option<ErasedFrame<Y, R>> {
        self.innermost.get()
    }

    #[inline]
    pub(super) fn set_innermost(&self, frame: Option<ErasedFrame<Y, R>>) {
        self.innermost.set(frame);
    }

    #[inline]
    pub(super) fn set_owner(&self, owner: Owner) {
        self.owner.set(Some(owner));
    }
}

// SAFETY: the pointers lead into the delegations of the generator's own body
// and of its delegates (and to the generator itself), which move with it:
// whether they may go to another thread is up to the body's future, whose
// auto traits the generator's already include.
unsafe impl<Y, R> Send for Frames<Y, R> {}

impl<Y, R> fmt::Debug for Frames<Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frames")
            .field("delegating", &self.frame.get().is_some())
            .finish_non_exhaustive()
    }
}

/// A type-erased way to finish a generator (drop its body now, as a panic
/// unwinding through it would).
#[derive(Clone, Copy)]
pub(super) struct Owner {
    generator: NonNull<()>,
    finish: unsafe fn(NonNull<()>),
}

impl Owner {
    /// # Safety
    ///
    /// `generator` is pinned and stays alive as long as its slot names this
    /// owner; `finish`, given `generator`, finishes it.
    pub(super) const unsafe fn new(generator: NonNull<()>, finish: unsafe fn(NonNull<()>)) -> Self {
        Owner { generator, finish }
    }
}

/// A frame in a chain of delegations (see the module docs).
pub(super) trait Frame<Y, R> {
    /// Resumes the child with `arg` (taken if used) or, the first time, with
    /// the frame's own first argument.
    fn resume_child(self: Pin<&mut Self>, arg: &mut Option<R>) -> FrameStep<Y, R>;

    /// The frame whose child is the generator holding this frame (`None` if
    /// that generator is the top of the chain).
    fn outer(&self) -> Option<ErasedFrame<Y, R>>;

    /// Links this frame into the chain.
    fn set_outer(&mut self, outer: Option<ErasedFrame<Y, R>>);

    /// The slot of the generator whose body holds this frame.
    fn owner(&self) -> SlotPtr<Y, R, Delegating>;

    /// Where the child is suspended, for `Debug`.
    fn child_locate(&self) -> Locate;
}

/// What resuming a frame's child produced.
pub(super) enum FrameStep<Y, R> {
    Yielded(Y),
    /// The child is delegating in turn: this frame (in the child's body)
    /// runs that delegation.
    Delegated(ErasedFrame<Y, R>),
    /// The child returned; the frame keeps its return value for the body.
    ChildComplete,
}

/// A pointer to a frame, with the frame's lifetime erased (module docs).
pub(super) type ErasedFrame<Y, R> = NonNull<dyn Frame<Y, R>>;

/// Finishes, as a panic unwinds out of the frame `from`, the owner of every
/// frame from `from` up to the one the top's own body holds (excluded: the
/// top finishes itself), innermost first.
pub(super) struct FinishChainOnUnwind<Y, R>(pub(super) ErasedFrame<Y, R>);

impl<Y, R> Drop for FinishChainOnUnwind<Y, R> {
    fn drop(&mut self) {
        let mut frame = self.0;
        loop {
            // SAFETY: every frame of the chain is alive (module docs); the
            // frame's own resume, which the panic unwound out of, is over.
            let (outer, owner) = unsafe {
                let frame = frame.as_ref();
                (frame.outer(), frame.owner())
            };
            let Some(outer) = outer else { break };
            let owner = owner.with_extra(|frames| frames.owner.get());
            if let Some(owner) = owner {
                // SAFETY: `Owner::new`'s contract: the generator is alive
                // (its slot is, and named it). Finishing it drops its body,
                // and `frame` with it, which is not used again; `outer` is in
                // the body of a generator further up, still alive.
                unsafe { (owner.finish)(owner.generator) };
            }
            frame = outer;
        }
    }
}

/// A frame that a generator run as a delegate reports to the generator at
/// the top, which runs it from then on. Only coro's generators make them;
/// the lifetime ties it to the borrow of the delegate it came from.
pub struct FramePtr<'g, Y, R> {
    frame: ErasedFrame<Y, R>,
    _marker: PhantomData<&'g mut ()>,
}

impl<Y, R> FramePtr<'_, Y, R> {
    pub(super) fn new(frame: ErasedFrame<Y, R>) -> Self {
        FramePtr {
            frame,
            _marker: PhantomData,
        }
    }
}

impl<Y, R> fmt::Debug for FramePtr<'_, Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FramePtr").finish_non_exhaustive()
    }
}

/// One step of a coroutine run as a delegate of a `yield_from!`: what
/// [`Coroutine::__resume_delegating`](crate::Coroutine::__resume_delegating)
/// returns.
#[derive(Debug)]
pub enum DelegateStep<'g, Y, T, R> {
    /// It suspended with this value.
    Yielded(Y),
    /// It returned this value.
    Complete(T),
    /// It delegates in turn; the caller runs this frame from now on.
    Delegated(FramePtr<'g, Y, R>),
}

impl<'g, Y, T, R> DelegateStep<'g, Y, T, R> {
    /// The step of a coroutine that knows nothing of delegation.
    ///
    /// ```
    /// use coro::CoroutineState;
    /// use coro::__private::DelegateStep;
    ///
    /// let step = DelegateStep::<u8, (), ()>::from_state(CoroutineState::Yielded(1));
    /// assert!(matches!(step, DelegateStep::Yielded(1)));
    /// ```
    #[inline]
    pub fn from_state(state: crate::CoroutineState<Y, T>) -> Self {
        match state {
            crate::CoroutineState::Yielded(value) => DelegateStep::Yielded(value),
            crate::CoroutineState::Complete(value) => DelegateStep::Complete(value),
        }
    }

    /// Maps the return value.
    ///
    /// ```
    /// use coro::__private::DelegateStep;
    ///
    /// let step = DelegateStep::<u8, u8, ()>::Complete(1).map_complete(|v| v + 1);
    /// assert!(matches!(step, DelegateStep::Complete(2)));
    /// ```
    #[inline]
    pub fn map_complete<U>(self, f: impl FnOnce(T) -> U) -> DelegateStep<'g, Y, U, R> {
        match self {
            DelegateStep::Yielded(value) => DelegateStep::Yielded(value),
            DelegateStep::Complete(value) => DelegateStep::Complete(f(value)),
            DelegateStep::Delegated(frame) => DelegateStep::Delegated(frame),
        }
    }
}

/// The future a `yield_from!` of a coroutine awaits in a [`Delegating`]
/// body: it names its frame in the body's slot, so that the driver runs
/// `child` from the top, and is ready with the child's return value when the
/// child completes.
#[must_use = "a delegation runs only when its future is awaited"]
pub struct Delegation<'co, C: Coroutine<R>, Y, R> {
    frame: DelegateFrame<C, Y, R>,
    /// Whether the frame was named in the slot.
    started: bool,
    /// The `yield_from!`, which the generator's `Debug` shows while it
    /// delegates.
    at: Option<&'static &'static str>,
    _marker: PhantomData<&'co mut ()>,
    _pinned: PhantomPinned,
}

struct DelegateFrame<C: Coroutine<R>, Y, R> {
    child: C,
    /// The argument the child is started with.
    first: Option<R>,
    /// What the child returned, until the body takes it.
    result: Option<C::Return>,
    /// The slot of the generator whose body holds this frame.
    owner: SlotPtr<Y, R, Delegating>,
    outer: Option<ErasedFrame<Y, R>>,
}

// SAFETY: as for `Co`, whose exclusive borrow this future stands for; the
// frame owns the child, its first argument and its result.
unsafe impl<C: Coroutine<R> + Send, Y: Send, R: Send> Send for Delegation<'_, C, Y, R> where
    C::Return: Send
{
}

// SAFETY: `poll` takes `Pin<&mut Self>`; a `&Delegation` can do nothing.
unsafe impl<C: Coroutine<R>, Y, R> Sync for Delegation<'_, C, Y, R> {}

impl<Y, R> Co<'_, Y, R, Delegating> {
    /// Delegates to the coroutine `child`, started with `first`: each resume
    /// argument goes to it and each of its yields out, and the future is
    /// ready with what it returns. The generator's driver runs the child
    /// directly, however deep the delegations nest.
    ///
    /// # Safety
    ///
    /// The returned future must be awaited at once, in place, by the body
    /// this handle was given to: `co.delegate(child, first).await` in the
    /// body's own code, not inside another future (an `async` block or
    /// closure, a combinator, a box) that could be leaked, forgotten or
    /// dropped while the generator lives on. (The driver resumes the child
    /// through a pointer the future leaves in the generator's slot, which
    /// only the future's destructor removes.)
    ///
    /// # Examples
    ///
    /// ```
    /// # use core::pin::Pin;
    /// # use coro::{Coroutine, CoroutineState};
    /// use coro::__private::{Delegating, coroutine};
    ///
    /// let mut outer = coroutine::<Delegating, u8, (), char, _>(async move |mut co, ()| {
    ///     let inner = coro::coroutine!(|| { coro::yield_!(1u8); 'r' });
    ///     // SAFETY: awaited here, by the body itself.
    ///     unsafe { co.delegate(inner, ()) }.await
    /// });
    /// assert_eq!(Pin::new(&mut outer).resume(()), CoroutineState::Yielded(1));
    /// assert_eq!(Pin::new(&mut outer).resume(()), CoroutineState::Complete('r'));
    /// ```
    #[inline]
    pub unsafe fn delegate<C: Coroutine<R, Yield = Y>>(
        &mut self,
        child: C,
        first: R,
    ) -> Delegation<'_, C, Y, R> {
        // SAFETY: the caller's contract is `delegate_at`'s.
        unsafe { self.delegate_at(child, first, None) }
    }

    /// [`Co::delegate`], saying where the `yield_from!` is
    /// (`file:line:column`), which the generator's `Debug` shows while it
    /// delegates.
    ///
    /// # Safety
    ///
    /// As for [`Co::delegate`].
    ///
    /// ```
    /// # use core::pin::Pin;
    /// # use coro::{Coroutine, CoroutineState};
    /// use coro::__private::{Delegating, coroutine};
    ///
    /// let mut outer = coroutine::<Delegating, u8, (), char, _>(async move |mut co, ()| {
    ///     let inner = coro::coroutine!(|| { coro::yield_!(1u8); 'r' });
    ///     // SAFETY: awaited here, by the body itself.
    ///     unsafe { co.delegate_at(inner, (), Some(&"src/main.rs:6:5")) }.await
    /// });
    /// assert_eq!(Pin::new(&mut outer).resume(()), CoroutineState::Yielded(1));
    /// // It is at its `yield_from!`; its delegate is at its `yield_!` (in
    /// // this doctest's file).
    /// let shown = format!("{outer:?}");
    /// assert!(shown.starts_with(r#"Generator { status: Suspended, at: "src/main.rs:6:5", innermost: ""#));
    /// ```
    #[inline]
    pub unsafe fn delegate_at<C: Coroutine<R, Yield = Y>>(
        &mut self,
        child: C,
        first: R,
        at: Option<&'static &'static str>,
    ) -> Delegation<'_, C, Y, R> {
        Delegation {
            frame: DelegateFrame {
                child,
                first: Some(first),
                result: None,
                owner: self.loc,
                outer: None,
            },
            started: false,
            at,
            _marker: PhantomData,
            _pinned: PhantomPinned,
        }
    }
}

impl<C: Coroutine<R, Yield = Y>, Y, R> Future for Delegation<'_, C, Y, R> {
    type Output = C::Return;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<C::Return> {
        // SAFETY: the frame is not moved out; it is named by address only
        // while the future stays pinned where it is.
        let this = unsafe { self.get_unchecked_mut() };
        if let Some(result) = this.frame.result.take() {
            return Poll::Ready(result);
        }
        if this.started {
            // Polled while the child runs: only something other than the
            // generator's driver does that.
            delegation_polled_by_a_stranger();
        }
        this.started = true;
        let frame: &mut (dyn Frame<Y, R> + '_) = &mut this.frame;
        // SAFETY: erases the frame's lifetime; the module docs say why the
        // pointer is used only while the frame is alive (`delegate`'s
        // contract, and `Drop` below).
        let frame: ErasedFrame<Y, R> = unsafe {
            mem::transmute::<NonNull<dyn Frame<Y, R> + '_>, ErasedFrame<Y, R>>(NonNull::from(frame))
        };
        this.frame
            .owner
            .with_extra(|frames| frames.frame.set(Some(frame)));
        if let Some(at) = this.at {
            this.frame.owner.set_at(at);
        }
        Poll::Pending
    }
}

impl<C: Coroutine<R>, Y, R> Drop for Delegation<'_, C, Y, R> {
    fn drop(&mut self) {
        if !self.started {
            return;
        }
        let ours: *const DelegateFrame<C, Y, R> = &raw const self.frame;
        self.frame.owner.with_extra(|frames| {
            if frames
                .frame
                .get()
                .is_some_and(|frame| ptr::addr_eq(frame.as_ptr(), ours))
            {
                frames.frame.set(None);
            }
        });
    }
}

impl<C: Coroutine<R, Yield = Y>, Y, R> Frame<Y, R> for DelegateFrame<C, Y, R> {
    fn resume_child(self: Pin<&mut Self>, arg: &mut Option<R>) -> FrameStep<Y, R> {
        // SAFETY: the child is structurally pinned in the frame, which is
        // pinned; nothing here moves either.
        let this = unsafe { self.get_unchecked_mut() };
        // SAFETY: as above: the child stays where it is until the frame is
        // dropped.
        let child = unsafe { Pin::new_unchecked(&mut this.child) };
        let mut first = this.first.take();
        let arg = if first.is_some() { &mut first } else { arg };
        let step = child.__resume_delegating(arg);
        if first.is_some() {
            // The child did not start yet (it is delegating already): the
            // first argument waits for it.
            this.first = first;
        }
        match step {
            DelegateStep::Yielded(value) => FrameStep::Yielded(value),
            DelegateStep::Delegated(frame) => FrameStep::Delegated(frame.frame),
            DelegateStep::Complete(value) => {
                this.result = Some(value);
                // The owner's body goes on when it is resumed next.
                this.owner.with_extra(|frames| frames.frame.set(None));
                FrameStep::ChildComplete
            }
        }
    }

    fn outer(&self) -> Option<ErasedFrame<Y, R>> {
        self.outer
    }

    fn child_locate(&self) -> Locate {
        self.child.__locate_delegate()
    }

    fn set_outer(&mut self, outer: Option<ErasedFrame<Y, R>>) {
        self.outer = outer;
    }

    fn owner(&self) -> SlotPtr<Y, R, Delegating> {
        self.owner
    }
}

impl<C: Coroutine<R>, Y, R> fmt::Debug for Delegation<'_, C, Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delegation")
            .field("started", &self.started)
            .finish_non_exhaustive()
    }
}
