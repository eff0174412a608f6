//! The layers stay visible: no module of the library or of the binary
//! depends on another that depends back on it, and every library module
//! uses only the layers below its own in docs/architecture.md's table.
//!
//! A dependency is any `crate::module` path in a module's source, outside
//! comments and `#[cfg(test)]` blocks. The test fails on a new cycle and
//! names it, so it is fixed where it appears rather than found later.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The modules a crate root declares (`mod x;` / `pub mod x;`).
fn declared_modules(root: &str) -> BTreeSet<String> {
    let text = fs::read_to_string(src().join(root)).unwrap();
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(str::to_owned)
        })
        .collect()
}

/// The source files of a top-level module: `src/x.rs` and `src/x/**.rs`.
fn module_files(module: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let single = src().join(format!("{module}.rs"));
    if single.is_file() {
        files.push(single);
    }
    let mut folders = vec![src().join(module)];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// Source without comments and without `#[cfg(test)]` items (their
/// braces are matched, so a test module in the middle of a file is cut too).
fn code_only(source: &str) -> String {
    let mut code = String::new();
    for line in source.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        let line = match line.find("// ") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        };
        code.push_str(line);
        code.push('\n');
    }
    while let Some(at) = code.find("#[cfg(test)]") {
        let Some(open) = code[at..].find('{').map(|o| at + o) else {
            break;
        };
        let semicolon = code[at..].find(';').map(|s| at + s);
        if semicolon.is_some_and(|s| s < open) {
            // `#[cfg(test)] use …;` or `mod tests;`: one statement.
            let end = semicolon.unwrap_or(open) + 1;
            code.replace_range(at..end, "");
            continue;
        }
        let mut depth = 0usize;
        let mut end = code.len();
        for (offset, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + offset + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        code.replace_range(at..end, "");
    }
    code
}

fn graph_of(root: &str) -> Graph {
    let modules = declared_modules(root);
    let mut graph = Graph::new();
    for module in &modules {
        let edges = graph.entry(module.clone()).or_default();
        for file in module_files(module) {
            let code = code_only(&fs::read_to_string(&file).unwrap());
            // A grouped path would hide its modules from this reading.
            assert!(
                !code.contains("crate::{"),
                "{}: write `use crate::a; use crate::b;`, not `use crate::{{a, b}}`, so the layer tests see each use",
                file.display()
            );
            for (at, _) in code.match_indices("crate::") {
                let name: String = code[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if &name != module && modules.contains(&name) {
                    edges.insert(name);
                }
            }
        }
    }
    graph
}

/// Every strongly connected component with more than one module (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        next: usize,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(state: &mut State<'g>, node: &'g str) {
        state.index.insert(node, state.next);
        state.low.insert(node, state.next);
        state.next += 1;
        state.stack.push(node);
        for next in &state.graph[node] {
            let next = next.as_str();
            if !state.index.contains_key(next) {
                visit(state, next);
                let low = state.low[node].min(state.low[next]);
                state.low.insert(node, low);
            } else if state.stack.contains(&next) {
                let low = state.low[node].min(state.index[next]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(member) = state.stack.pop() {
                component.push(member.to_owned());
                if member == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        next: 0,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.found
}

#[test]
fn the_library_has_no_cycle_between_its_modules() {
    let graph = graph_of("lib.rs");
    assert!(graph.len() > 20, "the library's modules were not found");
    assert_eq!(cycles(&graph), Vec::<Vec<String>>::new());
}

#[test]
fn the_binary_has_no_cycle_between_its_modules() {
    let graph = graph_of("main.rs");
    assert!(graph.contains_key("commands") && graph.contains_key("ui"));
    assert_eq!(cycles(&graph), Vec::<Vec<String>>::new());
}

#[test]
fn the_vocabulary_sits_below_protocol_and_engine_and_golden_cases_above() {
    let graph = graph_of("lib.rs");
    let depends = |a: &str, b: &str| graph[a].contains(b);
    assert!(
        !depends("protocol", "engine"),
        "protocol must not use engine"
    );
    assert!(!depends("protocol", "catalog"));
    assert!(depends("catalog", "engine") && depends("catalog", "protocol"));
    assert!(!depends("store", "sync"), "the store takes no sync type");
    assert!(!depends("sync", "report"), "sync does not build the report");
}

/// Each library module's layer, read from the table in
/// `docs/architecture.md` (`| 3 — judgement | `engine` | …`).
fn documented_layers() -> BTreeMap<String, usize> {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
            .unwrap();
    let mut layers = BTreeMap::new();
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(layer) = cells
            .get(1)
            .and_then(|c| c.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue;
        };
        for name in cells[2].split('`').skip(1).step_by(2) {
            let before = layers.insert(name.to_owned(), layer);
            assert!(
                before.is_none(),
                "`{name}` has two rows in docs/architecture.md"
            );
        }
    }
    layers
}

/// The doc's layer table is the code's: every module has a row, and a
/// module uses only modules of the rows above its own (the leaves of row
/// 0 may use one another, without a cycle).
#[test]
fn every_module_uses_only_the_layers_below_it_as_documented() {
    let graph = graph_of("lib.rs");
    let layers = documented_layers();
    let missing: Vec<&String> = graph.keys().filter(|m| !layers.contains_key(*m)).collect();
    assert!(
        missing.is_empty(),
        "modules with no row in docs/architecture.md: {missing:?}"
    );
    let stale: Vec<&String> = layers.keys().filter(|m| !graph.contains_key(*m)).collect();
    assert!(
        stale.is_empty(),
        "docs/architecture.md lists modules that do not exist: {stale:?}"
    );
    let mut upward = Vec::new();
    for (module, uses) in &graph {
        for used in uses {
            let (from, to) = (layers[module], layers[used]);
            if to > from || (to == from && from != 0) {
                upward.push(format!("{module} (layer {from}) uses {used} (layer {to})"));
            }
        }
    }
    assert!(upward.is_empty(), "{upward:#?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph.entry(from.into()).or_default().insert(to.into());
        graph.entry(to.into()).or_default();
    }
    assert_eq!(cycles(&graph), vec![vec!["a", "b", "c"]]);
    let code =
        code_only("use crate::x;\n// crate::y\n#[cfg(test)]\nmod tests {\n use crate::z;\n}\n");
    assert!(code.contains("crate::x") && !code.contains("crate::y") && !code.contains("crate::z"));
}
