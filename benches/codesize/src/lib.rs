//! 100 small sync generators (`gens.rs`, written by `gen.py`) and `run`,
//! which uses each once. The library holds all of their code, so its
//! `.rlib` is the generators' cost without std's.

mod gens;

pub use gens::run;
