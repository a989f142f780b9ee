//! A recursive directory walk as a generator: Python's `os.walk` in the shape
//!
//! ```python
//! def walk(path):
//!     for entry in os.scandir(path):
//!         yield entry.path
//!         if entry.is_dir():
//!             yield from walk(entry.path)
//! ```
//!
//! Its item type is `io::Result<PathBuf>`, so `?` works in the body: an I/O
//! error becomes the last item and the walk stops there. The recursion needs
//! no boxing by hand: each generator is boxed already.
//!
//! `cargo run --example walk -- [DIR]` (default: this crate's `examples/`)

use std::path::{Path, PathBuf};
use std::{env, fs, io};

use coro::{generator, yield_};

/// Every path under `dir`, depth first, directories before their contents,
/// each directory's entries in name order.
#[generator]
fn walk(dir: PathBuf) -> impl Iterator<Item = io::Result<PathBuf>> {
    let mut entries = fs::read_dir(&dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    entries.sort();
    for path in entries {
        let is_dir = path.is_dir();
        yield_!(Ok(path.clone()));
        if is_dir {
            for inner in walk(path) {
                yield_!(inner);
            }
        }
    }
}

fn main() {
    let root = env::args_os().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"),
        PathBuf::from,
    );
    println!("walking {}", root.display());
    let mut files = 0;
    for entry in walk(root.clone()) {
        match entry {
            Ok(path) => {
                let depth = path
                    .strip_prefix(&root)
                    .map_or(0, |p| p.components().count());
                println!("{:indent$}{}", "", path.display(), indent = 2 * depth);
                files += 1;
            }
            Err(error) => println!("stopped: {error}"),
        }
    }
    println!("{files} entries");

    // A missing directory: the error is the one and only item.
    let missing: Vec<_> = walk(root.join("no such dir")).collect();
    println!(
        "walking a missing directory yields {} item: {:?}",
        missing.len(),
        missing[0].as_ref().map_err(io::Error::kind)
    );
}
