//! The `bantin` command: the library, search and exports from a terminal or
//! a script. Everything the desktop app can do is reachable here too.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
