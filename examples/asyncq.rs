//! Real Python's `asyncq.py`: producers put random items on a queue,
//! consumers take them off and report how long each item waited.
//!
//! ```python
//! async def makeitem(size: int = 5) -> str:
//!     return os.urandom(size).hex()
//!
//! async def randsleep(caller=None) -> None:
//!     i = random.randint(0, 10)
//!     if caller:
//!         print(f"{caller} sleeping for {i} seconds.")
//!     await asyncio.sleep(i)
//!
//! async def produce(name: int, q: asyncio.Queue) -> None:
//!     n = random.randint(0, 10)
//!     for _ in it.repeat(None, n):  # Synchronous loop for each single producer
//!         await randsleep(caller=f"Producer {name}")
//!         i = await makeitem()
//!         t = time.perf_counter()
//!         await q.put((i, t))
//!         print(f"Producer {name} added <{i}> to queue.")
//!
//! async def consume(name: int, q: asyncio.Queue) -> None:
//!     while True:
//!         await randsleep(caller=f"Consumer {name}")
//!         i, t = await q.get()
//!         now = time.perf_counter()
//!         print(f"Consumer {name} got element <{i}> in {now-t:0.5f} seconds.")
//!         q.task_done()
//!
//! async def main(nprod: int, ncon: int):
//!     q = asyncio.Queue()
//!     producers = [asyncio.create_task(produce(n, q)) for n in range(nprod)]
//!     consumers = [asyncio.create_task(consume(n, q)) for n in range(ncon)]
//!     await asyncio.gather(*producers)
//!     await q.join()  # Implicitly awaits consumers, too
//!     for c in consumers:
//!         c.cancel()
//!
//! if __name__ == "__main__":
//!     import argparse
//!     random.seed(444)
//!     parser = argparse.ArgumentParser()
//!     parser.add_argument("-p", "--nprod", type=int, default=5)
//!     parser.add_argument("-c", "--ncon", type=int, default=10)
//!     ns = parser.parse_args()
//!     start = time.perf_counter()
//!     asyncio.run(main(**ns.__dict__))
//!     elapsed = time.perf_counter() - start
//!     print(f"Program completed in {elapsed:0.5f} seconds.")
//! ```
//!
//! In the Rust version each producer is an async generator (`produce`) that
//! yields its items as it makes them; a task per producer drains it into the
//! queue. The queue is bounded (a tokio `mpsc` channel whose receiver the
//! consumers share), and it counts unfinished items so that `join` can wait,
//! as `asyncio.Queue.join` does, until every item put on it has been
//! consumed. Each task has its own small seeded random number generator, so
//! a seed gives the same items on every run.
//!
//! ```text
//! cargo run --example asyncq -- [-p NPROD] [-c NCON] [--seed N] [--scale F]
//! ```
//!
//! `--scale 0.01` makes every sleep a hundred times shorter.

use std::ffi::OsString;
use std::fmt;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use coro::{Stream, anext, generator, yield_};
use tokio::sync::{Mutex, mpsc, watch};
use tokio::time::Instant;

const USAGE: &str = "usage: asyncq [-h] [-p NPROD] [-c NCON] [--seed N] [--scale F]";

const HELP: &str = "
Producers put random items on a queue; consumers take them off.

options:
  -h, --help             show this help and exit
  -p, --nprod NPROD      number of producers (default 5)
  -c, --ncon NCON        number of consumers, at least 1 (default 10)
      --seed N           seed of the random numbers (default 444)
      --scale F          multiply every sleep by F (default 1.0)";

/// The most producers or consumers a run may have.
const MAX_TASKS: usize = 10_000;

/// What a run does.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Config {
    /// How many producers.
    pub(crate) nprod: usize,
    /// How many consumers.
    pub(crate) ncon: usize,
    /// The seed every task's random numbers derive from.
    pub(crate) seed: u64,
    /// What every sleep is multiplied by (finite, not negative).
    pub(crate) scale: f64,
    /// How many items the queue holds before `put` waits (at least 1).
    pub(crate) capacity: usize,
    /// Print nothing.
    pub(crate) quiet: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            nprod: 5,
            ncon: 10,
            seed: 444,
            scale: 1.0,
            capacity: 10,
            quiet: false,
        }
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub(crate) enum Command {
    Run(Config),
    Help,
}

/// A bad command line, with what is wrong with it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct UsageError(pub(crate) String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses the arguments after the program's name: `-p 3`, `-p3`,
/// `--nprod 3` and `--nprod=3` all work; a flag given twice takes its last
/// value.
pub(crate) fn parse_args<I>(args: I) -> Result<Command, UsageError>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut config = Config::default();
    let mut args = args.into_iter().map(Into::into);
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|arg| UsageError(format!("argument is not UTF-8: {}", arg.display())))?;
        let (flag, inline) = split_flag(&arg);
        let mut value = |name: &str| match inline {
            Some(value) => Ok(value.to_owned()),
            None => args
                .next()
                .ok_or_else(|| UsageError(format!("argument {name}: expected a value")))?
                .into_string()
                .map_err(|_| UsageError(format!("argument {name}: value is not UTF-8"))),
        };
        match flag {
            "-h" | "--help" if inline.is_none() => return Ok(Command::Help),
            "-p" | "--nprod" => {
                let name = "-p/--nprod";
                config.nprod = parse_count(name, &value(name)?, 0)?;
            }
            "-c" | "--ncon" => {
                let name = "-c/--ncon";
                config.ncon = parse_count(name, &value(name)?, 1)?;
            }
            "--seed" => {
                let value = value(flag)?;
                config.seed = value.parse().map_err(|_| {
                    UsageError(format!(
                        "argument --seed: invalid value {value:?} (expected a whole number)"
                    ))
                })?;
            }
            "--scale" => config.scale = parse_scale(flag, &value(flag)?)?,
            _ if flag.starts_with('-') => {
                return Err(UsageError(format!("unrecognized argument: {arg}")));
            }
            _ => return Err(UsageError(format!("unexpected argument: {arg}"))),
        }
    }
    Ok(Command::Run(config))
}

/// `--flag=value` and `-pVALUE` into the flag and its value.
fn split_flag(arg: &str) -> (&str, Option<&str>) {
    if arg.starts_with("--") {
        match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (arg, None),
        }
    } else if arg.len() > 2 && (arg.starts_with("-p") || arg.starts_with("-c")) {
        let (flag, value) = arg.split_at(2);
        (flag, Some(value))
    } else {
        (arg, None)
    }
}

fn parse_count(name: &str, value: &str, min: usize) -> Result<usize, UsageError> {
    match value.parse::<usize>() {
        Ok(n) if (min..=MAX_TASKS).contains(&n) => Ok(n),
        _ => Err(UsageError(format!(
            "argument {name}: invalid value {value:?} (expected a whole number from {min} to {MAX_TASKS})"
        ))),
    }
}

fn parse_scale(name: &str, value: &str) -> Result<f64, UsageError> {
    match value.parse::<f64>() {
        // The longest sleep, 10 seconds, must fit in a `Duration`.
        Ok(f) if f >= 0.0 && Duration::try_from_secs_f64(10.0 * f).is_ok() => Ok(f),
        Ok(f) if f >= 0.0 => Err(UsageError(format!(
            "argument {name}: {value:?} is too large"
        ))),
        _ => Err(UsageError(format!(
            "argument {name}: invalid value {value:?} (expected a number, 0 or more)"
        ))),
    }
}

/// `SplitMix64`: a small, fast, seedable pseudo-random number generator
/// (Steele, Lea and Flood, 2014), standing in for Python's `random`.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A new generator, seeded from this one: one per task.
    pub(crate) fn fork(&mut self) -> Self {
        Self::new(self.next_u64())
    }

    /// A number in `low..=high`: Python's `random.randint`.
    pub(crate) fn randint(&mut self, low: u32, high: u32) -> u32 {
        let span = u64::from(high - low) + 1;
        // Lemire's multiply-shift: `span * r / 2^64` is below `span`.
        let r = (u128::from(self.next_u64()) * u128::from(span)) >> 64;
        #[allow(
            clippy::cast_possible_truncation,
            reason = "r < span <= 2^32, and r <= high - low"
        )]
        let r = r as u32;
        low + r
    }

    /// `size` random bytes in hexadecimal: `os.urandom(size).hex()`.
    pub(crate) fn hex(&mut self, size: usize) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(2 * size);
        for _ in 0..size {
            let [byte, ..] = self.next_u64().to_le_bytes();
            s.push(char::from(DIGITS[usize::from(byte >> 4)]));
            s.push(char::from(DIGITS[usize::from(byte & 0xf)]));
        }
        s
    }
}

/// A bounded queue for many producers and many consumers, with
/// `asyncio.Queue`'s `task_done` and `join`.
#[derive(Debug)]
struct Queue<T> {
    tx: mpsc::Sender<T>,
    rx: Mutex<mpsc::Receiver<T>>,
    /// Items put and not yet marked done.
    unfinished: watch::Sender<usize>,
}

impl<T> Queue<T> {
    fn new(capacity: usize) -> Self {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        Self {
            tx,
            rx: Mutex::new(rx),
            unfinished: watch::Sender::new(0),
        }
    }

    /// Puts `item` on the queue, waiting while it is full.
    async fn put(&self, item: T) {
        self.unfinished.send_modify(|n| *n += 1);
        // The queue holds a receiver, so the channel is never closed.
        let _ = self.tx.send(item).await;
    }

    /// Takes the next item off the queue, waiting while it is empty. Only
    /// `None` if the channel is closed, which cannot happen while the queue
    /// holds its sender.
    async fn get(&self) -> Option<T> {
        self.rx.lock().await.recv().await
    }

    /// Marks an item taken with `get` as dealt with.
    fn task_done(&self) {
        self.unfinished.send_modify(|n| *n = n.saturating_sub(1));
    }

    /// Waits until every item put has been marked done.
    async fn join(&self) {
        // Errs only if the sender is gone, and `self` holds it.
        let _ = self.unfinished.subscribe().wait_for(|&n| n == 0).await;
    }
}

/// What a producer makes: a random id and when it was made.
#[derive(Debug)]
struct Item {
    id: String,
    made: Instant,
}

/// What every task shares: how long to sleep and whether to print.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    scale: f64,
    quiet: bool,
}

impl Ctx {
    fn say(self, line: fmt::Arguments<'_>) {
        if !self.quiet {
            println!("{line}");
        }
    }

    /// Sleeps for a random 0 to 10 seconds (times the scale).
    async fn randsleep(self, rng: &mut Rng, caller: &str) {
        let i = rng.randint(0, 10);
        self.say(format_args!("{caller} sleeping for {i} seconds."));
        // `parse_scale` checked that ten seconds times the scale fits.
        let duration = Duration::try_from_secs_f64(f64::from(i) * self.scale).unwrap_or_default();
        tokio::time::sleep(duration).await;
    }
}

/// A random id of `size` bytes. (Python's is an `async def` with nothing to
/// await; this is a plain function.)
fn makeitem(rng: &mut Rng, size: usize) -> String {
    rng.hex(size)
}

/// Producer `name`: `n` items, each after a random sleep.
#[generator]
async fn produce(name: usize, n: u32, mut rng: Rng, ctx: Ctx) -> impl Stream<Item = Item> {
    for _ in 0..n {
        ctx.randsleep(&mut rng, &format!("Producer {name}")).await;
        let id = makeitem(&mut rng, 5);
        yield_!(Item {
            id,
            made: Instant::now(),
        });
    }
}

/// Puts everything producer `name` makes on the queue; returns the ids.
async fn drain(
    name: usize,
    mut items: impl Stream<Item = Item> + Unpin,
    q: Arc<Queue<Item>>,
    ctx: Ctx,
) -> Vec<String> {
    let mut ids = Vec::new();
    while let Some(item) = anext(&mut items).await {
        let id = item.id.clone();
        q.put(item).await;
        ctx.say(format_args!("Producer {name} added <{id}> to queue."));
        ids.push(id);
    }
    ids
}

/// Consumer `name`: takes items off the queue until cancelled.
async fn consume(
    name: usize,
    mut rng: Rng,
    q: Arc<Queue<Item>>,
    consumed: Arc<Mutex<Vec<String>>>,
    ctx: Ctx,
) {
    loop {
        ctx.randsleep(&mut rng, &format!("Consumer {name}")).await;
        let Some(Item { id, made }) = q.get().await else {
            return;
        };
        let waited = made.elapsed().as_secs_f64();
        ctx.say(format_args!(
            "Consumer {name} got element <{id}> in {waited:0.5} seconds."
        ));
        consumed.lock().await.push(id);
        q.task_done();
    }
}

/// What a run did.
#[derive(Debug)]
pub(crate) struct Report {
    /// How many items the producers set out to make, all together.
    pub(crate) planned: usize,
    /// The ids put on the queue, producer by producer.
    pub(crate) produced: Vec<String>,
    /// The ids consumers took off the queue, in the order they did.
    pub(crate) consumed: Vec<String>,
    /// How long the run took (by tokio's clock).
    pub(crate) elapsed: Duration,
}

/// Runs `config.nprod` producers and `config.ncon` consumers until every
/// item produced has been consumed: Python's `main`.
///
/// # Panics
///
/// If a producer or consumer panics.
pub(crate) async fn run(config: Config) -> Report {
    let start = Instant::now();
    let ctx = Ctx {
        scale: config.scale,
        quiet: config.quiet,
    };
    let q = Arc::new(Queue::new(config.capacity));
    let consumed = Arc::new(Mutex::new(Vec::new()));
    let mut seeds = Rng::new(config.seed);

    let mut planned = 0;
    let mut producers = Vec::new();
    for name in 0..config.nprod {
        let mut rng = seeds.fork();
        let n = rng.randint(0, 10);
        planned += n as usize;
        let items = produce(name, n, rng, ctx);
        producers.push(tokio::spawn(drain(name, items, Arc::clone(&q), ctx)));
    }
    let mut consumers = Vec::new();
    for name in 0..config.ncon {
        let (q, consumed) = (Arc::clone(&q), Arc::clone(&consumed));
        consumers.push(tokio::spawn(consume(name, seeds.fork(), q, consumed, ctx)));
    }

    // `asyncio.gather(*producers)`
    let mut produced = Vec::new();
    for producer in producers {
        match producer.await {
            Ok(ids) => produced.extend(ids),
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            // Cancelled: only if the runtime is shutting down.
            Err(_) => {}
        }
    }
    q.join().await;
    for consumer in &consumers {
        consumer.abort();
    }
    for consumer in consumers {
        if let Err(e) = consumer.await
            && e.is_panic()
        {
            std::panic::resume_unwind(e.into_panic());
        }
    }

    let consumed = std::mem::take(&mut *consumed.lock().await);
    Report {
        planned,
        produced,
        consumed,
        elapsed: start.elapsed(),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Run(config)) => config,
        Ok(Command::Help) => {
            println!("{USAGE}\n{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{USAGE}\nasyncq: error: {e}");
            return ExitCode::from(2);
        }
    };
    if (config.scale - 1.0).abs() > f64::EPSILON {
        println!("(Every sleep is scaled by {}.)", config.scale);
    }
    let report = run(config).await;
    println!(
        "Producers planned {} items: produced {}, consumed {}.",
        report.planned,
        report.produced.len(),
        report.consumed.len()
    );
    println!(
        "Program completed in {:0.5} seconds.",
        report.elapsed.as_secs_f64()
    );
    ExitCode::SUCCESS
}
