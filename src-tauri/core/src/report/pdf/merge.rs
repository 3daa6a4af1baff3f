//! Joins the parts of a long PDF report into one file (issue 15). See `render` in `report/pdf.rs`
//! for why a long report is typeset in parts.
//!
//! The parts are PDFs written by typst (`typst-pdf`, through krilla) from one template, so they
//! share a shape, and that shape is all this reads: a classic cross-reference table, no object
//! streams, stream lengths written as numbers, one flat page tree, a tagged structure tree whose
//! root holds one `Document` element, a flat parent tree, and an outline. Anything else is refused
//! with an error naming it, never joined half-way: a typst upgrade that changes the shape fails the
//! tests (`tests/report_pdf_parts.rs` joins reports of many small parts and compares them with the
//! same reports typeset whole) instead of writing a broken file.
//!
//! The joined file is what one typst run would write, part after part:
//! - one page tree, over the parts' page trees;
//! - the first part's catalog, document information and metadata (they describe the whole report:
//!   same title, author, language and date in every part);
//! - one structure tree: the later parts' elements become children of the first part's `Document`
//!   element, their marked-content keys (`StructParents`, `StructParent`) shifted past the earlier
//!   parts', their table-cell IDs prefixed so they stay unique;
//! - one outline: the later parts' entries (one per claim) follow the first part's, under its title;
//! - the page numbers ("3 / 120"), which no part can know, stamped on every page from overlay PDFs
//!   (one page per page, nothing on it but the number, typeset by the same template) as form
//!   XObjects, marked as pagination artifacts as typst marks its own footers.

use std::collections::{HashMap, HashSet, VecDeque};

/// A PDF object as read; numbers, names and strings keep their bytes as written.
#[derive(Debug, Clone, PartialEq)]
enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(Vec<u8>),
    /// Without the leading `/`.
    Name(Vec<u8>),
    /// With its delimiters: `(…)` or `<…>`.
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    /// An indirect reference (generation 0: typst writes no other).
    Ref(u32),
}

/// A dictionary, in the order written; keys without the leading `/`.
#[derive(Debug, Clone, Default, PartialEq)]
struct Dict(Vec<(Vec<u8>, Obj)>);

impl Dict {
    fn get(&self, key: &str) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key.as_bytes()).map(|(_, v)| v)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Obj> {
        self.0.iter_mut().find(|(k, _)| k == key.as_bytes()).map(|(_, v)| v)
    }

    fn set(&mut self, key: &str, value: Obj) {
        match self.get_mut(key) {
            Some(v) => *v = value,
            None => self.0.push((key.as_bytes().to_vec(), value)),
        }
    }

    fn is(&self, key: &str, name: &str) -> bool {
        matches!(self.get(key), Some(Obj::Name(n)) if n == name.as_bytes())
    }

    fn get_ref(&self, key: &str) -> Option<u32> {
        match self.get(key) {
            Some(Obj::Ref(r)) => Some(*r),
            _ => None,
        }
    }

    fn get_int(&self, key: &str) -> Option<i64> {
        match self.get(key) {
            Some(Obj::Int(i)) => Some(*i),
            _ => None,
        }
    }

    fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.0.iter().map(|(k, _)| k.as_slice())
    }
}

/// Why a part could not be joined: a plain sentence for the typeset error.
type Fail = String;

fn fail<T>(what: impl Into<String>) -> Result<T, Fail> {
    Err(what.into())
}

// ---- reading ----

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn at(b: &'a [u8], i: usize) -> Parser<'a> {
        Parser { b, i }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_white(&mut self) {
        while let Some(c) = self.peek() {
            if is_white(c) {
                self.i += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A run of regular characters (a number, a keyword, a name's body).
    fn word(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.peek().is_some_and(|c| !is_white(c) && !is_delim(c)) {
            self.i += 1;
        }
        &self.b[start..self.i]
    }

    fn keyword(&mut self, kw: &str) -> Result<(), Fail> {
        self.skip_white();
        let w = self.word();
        if w == kw.as_bytes() {
            Ok(())
        } else {
            fail(format!("expected `{kw}`, found `{}`", String::from_utf8_lossy(w)))
        }
    }

    fn int(&mut self) -> Result<i64, Fail> {
        self.skip_white();
        let w = self.word();
        std::str::from_utf8(w).ok().and_then(|s| s.parse().ok()).map_or_else(
            || fail(format!("expected a number, found `{}`", String::from_utf8_lossy(w))),
            Ok,
        )
    }

    fn object(&mut self) -> Result<Obj, Fail> {
        self.skip_white();
        let Some(c) = self.peek() else { return fail("the file ends inside an object") };
        match c {
            b'<' if self.b.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                let mut d = Dict::default();
                loop {
                    self.skip_white();
                    match self.peek() {
                        Some(b'>') if self.b.get(self.i + 1) == Some(&b'>') => {
                            self.i += 2;
                            return Ok(Obj::Dict(d));
                        }
                        Some(b'/') => {
                            self.i += 1;
                            let key = self.word().to_vec();
                            let value = self.object()?;
                            d.0.push((key, value));
                        }
                        _ => return fail("a dictionary key is not a name"),
                    }
                }
            }
            b'<' => {
                let start = self.i;
                match self.b[start..].iter().position(|&c| c == b'>') {
                    Some(n) => {
                        self.i = start + n + 1;
                        Ok(Obj::Str(self.b[start..self.i].to_vec()))
                    }
                    None => fail("a hex string is not closed"),
                }
            }
            b'(' => {
                let start = self.i;
                let mut depth = 0usize;
                while let Some(c) = self.peek() {
                    self.i += 1;
                    match c {
                        b'\\' => self.i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                return Ok(Obj::Str(self.b[start..self.i].to_vec()));
                            }
                        }
                        _ => {}
                    }
                }
                fail("a string is not closed")
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    if self.peek() == Some(b']') {
                        self.i += 1;
                        return Ok(Obj::Array(items));
                    }
                    items.push(self.object()?);
                }
            }
            b'/' => {
                self.i += 1;
                Ok(Obj::Name(self.word().to_vec()))
            }
            _ => {
                let w = self.word();
                match w {
                    b"true" => Ok(Obj::Bool(true)),
                    b"false" => Ok(Obj::Bool(false)),
                    b"null" => Ok(Obj::Null),
                    _ if w.contains(&b'.') => Ok(Obj::Real(w.to_vec())),
                    _ => {
                        let n: i64 = std::str::from_utf8(w)
                            .ok()
                            .and_then(|s| s.parse().ok())
                            .map_or_else(|| fail(format!("unexpected `{}`", String::from_utf8_lossy(w))), Ok)?;
                        // `n 0 R` is a reference.
                        let back = self.i;
                        self.skip_white();
                        let generation = self.word();
                        if !generation.is_empty() && generation.iter().all(u8::is_ascii_digit) {
                            self.skip_white();
                            if self.word() == b"R" {
                                if generation != b"0" {
                                    return fail("a reference to an object of another generation");
                                }
                                return u32::try_from(n).map(Obj::Ref).map_err(|_| "a bad object number".to_string());
                            }
                        }
                        self.i = back;
                        Ok(Obj::Int(n))
                    }
                }
            }
        }
    }
}

/// One object of a part: its value, and its stream's bytes if it is a stream.
struct Stored<'a> {
    obj: Obj,
    stream: Option<&'a [u8]>,
}

/// A PDF written by typst, read whole.
struct File<'a> {
    /// By object number; None for free entries.
    objects: Vec<Option<Stored<'a>>>,
    trailer: Dict,
    version: &'a [u8],
}

impl<'a> File<'a> {
    fn read(b: &'a [u8]) -> Result<File<'a>, Fail> {
        let version = b
            .strip_prefix(b"%PDF-")
            .and_then(|rest| rest.split(|c| is_white(*c)).next())
            .ok_or_else(|| "not a PDF file".to_string())?;
        let tail = &b[b.len().saturating_sub(64)..];
        let at = tail.windows(9).rposition(|w| w == b"startxref").ok_or("no startxref")?;
        let xref = Parser::at(tail, at + 9).int()?;
        let mut p = Parser::at(b, usize::try_from(xref).map_err(|_| "a bad xref offset")?);
        p.keyword("xref")?;
        let mut offsets: Vec<Option<usize>> = Vec::new();
        loop {
            p.skip_white();
            if b[p.i..].starts_with(b"trailer") {
                p.i += 7;
                break;
            }
            let first = usize::try_from(p.int()?).map_err(|_| "a bad xref section")?;
            let count = usize::try_from(p.int()?).map_err(|_| "a bad xref section")?;
            p.skip_white();
            if offsets.len() < first + count {
                offsets.resize(first + count, None);
            }
            for n in 0..count {
                let entry = b.get(p.i..p.i + 20).ok_or("the xref table is cut short")?;
                let offset: usize = std::str::from_utf8(&entry[..10]).ok().and_then(|s| s.parse().ok()).ok_or("a bad xref entry")?;
                if entry[17] == b'n' {
                    offsets[first + n] = Some(offset);
                }
                p.i += 20;
            }
        }
        let Obj::Dict(trailer) = p.object()? else { return fail("the trailer is not a dictionary") };
        let read_int_at = |offset: usize| -> Result<i64, Fail> {
            let mut q = Parser::at(b, offset);
            q.int()?;
            q.int()?;
            q.keyword("obj")?;
            match q.object()? {
                Obj::Int(n) => Ok(n),
                _ => fail("a stream length is not a number"),
            }
        };
        let mut objects = Vec::with_capacity(offsets.len());
        for (n, offset) in offsets.iter().enumerate() {
            let Some(offset) = *offset else {
                objects.push(None);
                continue;
            };
            let mut q = Parser::at(b, offset);
            if q.int()? != n as i64 || q.int()? != 0 {
                return fail(format!("object {n} is not where the xref table says"));
            }
            q.keyword("obj")?;
            let obj = q.object()?;
            q.skip_white();
            let mut stream = None;
            if b[q.i..].starts_with(b"stream") {
                let Obj::Dict(d) = &obj else { return fail("a stream without a dictionary") };
                if d.is("Type", "ObjStm") || d.is("Type", "XRef") {
                    return fail("the part has object streams");
                }
                let len = match d.get("Length") {
                    Some(Obj::Int(n)) => *n,
                    Some(Obj::Ref(r)) => read_int_at(offsets.get(*r as usize).copied().flatten().ok_or("a missing stream length")?)?,
                    _ => return fail("a stream without a length"),
                };
                let mut start = q.i + 6;
                if b.get(start) == Some(&b'\r') {
                    start += 1;
                }
                if b.get(start) == Some(&b'\n') {
                    start += 1;
                }
                let end = start + usize::try_from(len).map_err(|_| "a bad stream length")?;
                stream = Some(b.get(start..end).ok_or("a stream runs past the end of the file")?);
                q.i = end;
                q.keyword("endstream")?;
            }
            q.keyword("endobj")?;
            objects.push(Some(Stored { obj, stream }));
        }
        Ok(File { objects, trailer, version })
    }

    fn get(&self, id: u32) -> Result<&Stored<'a>, Fail> {
        self.objects.get(id as usize).and_then(Option::as_ref).ok_or_else(|| format!("object {id} is missing"))
    }

    fn dict(&self, id: u32) -> Result<&Dict, Fail> {
        match &self.get(id)?.obj {
            Obj::Dict(d) => Ok(d),
            _ => fail(format!("object {id} is not a dictionary")),
        }
    }

    fn take_dict(&mut self, id: u32) -> Result<Dict, Fail> {
        match self.objects.get_mut(id as usize).and_then(Option::take) {
            Some(Stored { obj: Obj::Dict(d), stream: None }) => Ok(d),
            _ => fail(format!("object {id} is not a dictionary")),
        }
    }

    fn dict_mut(&mut self, id: u32) -> Result<&mut Dict, Fail> {
        match self.objects.get_mut(id as usize).and_then(Option::as_mut) {
            Some(Stored { obj: Obj::Dict(d), .. }) => Ok(d),
            _ => fail(format!("object {id} is not a dictionary")),
        }
    }

    /// The pages, in order, walking the page tree from `node`.
    fn pages(&self, node: u32, out: &mut Vec<u32>) -> Result<(), Fail> {
        let d = self.dict(node)?;
        if d.is("Type", "Page") {
            out.push(node);
            return Ok(());
        }
        let Some(Obj::Array(kids)) = d.get("Kids") else { return fail("a page tree node without kids") };
        for kid in kids {
            let Obj::Ref(k) = kid else { return fail("a page tree kid is not a reference") };
            self.pages(*k, out)?;
        }
        Ok(())
    }
}

/// The refs an object holds, recursively.
fn refs_in(o: &Obj, out: &mut Vec<u32>) {
    match o {
        Obj::Ref(r) => out.push(*r),
        Obj::Array(a) => a.iter().for_each(|x| refs_in(x, out)),
        Obj::Dict(d) => d.0.iter().for_each(|(_, v)| refs_in(v, out)),
        _ => {}
    }
}

/// Gives every reference its number in the joined file.
fn renumber(o: &mut Obj, map: &HashMap<u32, u32>) -> Result<(), Fail> {
    match o {
        Obj::Ref(r) => {
            *r = *map.get(r).ok_or_else(|| format!("a reference to object {r}, which is not carried over"))?;
        }
        Obj::Array(a) => {
            for x in a {
                renumber(x, map)?;
            }
        }
        Obj::Dict(d) => {
            for (_, v) in d.0.iter_mut() {
                renumber(v, map)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Shifts the marked-content keys of pages and annotations (`StructParents`, `StructParent`).
fn shift_keys(o: &mut Obj, by: i64) {
    match o {
        Obj::Dict(d) => {
            for (k, v) in d.0.iter_mut() {
                match v {
                    Obj::Int(n) if k == b"StructParents" || k == b"StructParent" => *n += by,
                    _ => shift_keys(v, by),
                }
            }
        }
        Obj::Array(a) => a.iter_mut().for_each(|x| shift_keys(x, by)),
        _ => {}
    }
}

/// A string's bytes (escapes resolved), for ordering and prefixing; None if it does not read.
fn string_bytes(raw: &[u8]) -> Option<Vec<u8>> {
    if raw.first() == Some(&b'<') {
        let hex: Vec<u8> = raw[1..raw.len() - 1].iter().copied().filter(|c| !is_white(*c)).collect();
        let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
        return hex.chunks(2).map(|p| Some(digit(p[0])? << 4 | p.get(1).map_or(Some(0), |&c| digit(c))?)).collect();
    }
    let inner = raw.strip_prefix(b"(")?.strip_suffix(b")")?;
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        let c = inner[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = inner.get(i) else { break };
        i += 1;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'\r' => {
                if inner.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {}
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match inner.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// A literal string token of `bytes`.
fn literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![b'('];
    for &c in bytes {
        match c {
            b'(' | b')' | b'\\' => out.extend([b'\\', c]),
            b'\r' => out.extend(b"\\r"),
            b'\n' => out.extend(b"\\n"),
            _ => out.push(c),
        }
    }
    out.push(b')');
    out
}

/// Prefixes the structure element IDs a later part uses (its `ID`s and the table cells' `Headers`
/// that point at them), so they cannot clash with another part's.
fn prefix_ids(d: &mut Dict, prefix: &[u8]) -> Result<(), Fail> {
    let with_prefix = |s: &mut Obj| -> Result<(), Fail> {
        let Obj::Str(raw) = s else { return fail("a structure element ID is not a string") };
        let bytes = string_bytes(raw).ok_or("a structure element ID does not read")?;
        *raw = literal(&[prefix, &bytes].concat());
        Ok(())
    };
    if let Some(id) = d.get_mut("ID") {
        with_prefix(id)?;
    }
    let mut attributes: Vec<&mut Dict> = Vec::new();
    match d.get_mut("A") {
        Some(Obj::Dict(a)) => attributes.push(a),
        Some(Obj::Array(list)) => attributes.extend(list.iter_mut().filter_map(|x| match x {
            Obj::Dict(a) => Some(a),
            _ => None,
        })),
        _ => {}
    }
    for a in attributes {
        if let Some(Obj::Array(headers)) = a.get_mut("Headers") {
            for h in headers {
                with_prefix(h)?;
            }
        }
    }
    Ok(())
}

/// The prefix of the resource names of the page-number forms.
const FORM_PREFIX: &[u8] = b"FdNum";

/// Prefixes the names of a form's resources (fonts, colour spaces…) with [`FORM_PREFIX`].
fn rename_resources(resources: &mut Dict) {
    for (_, kind) in resources.0.iter_mut() {
        if let Obj::Dict(names) = kind {
            for (name, _) in names.0.iter_mut() {
                *name = [FORM_PREFIX, name].concat();
            }
        }
    }
}

/// The names of a resource dictionary's resources (its fonts, colour spaces…).
fn resource_names(resources: &Dict) -> HashSet<Vec<u8>> {
    resources
        .0
        .iter()
        .filter_map(|(_, kind)| match kind {
            Obj::Dict(names) => Some(names.keys().map(<[u8]>::to_vec)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// A content stream with the resource names it uses (`names`) prefixed with [`FORM_PREFIX`], as
/// [`rename_resources`] renames the resources; strings (which hold glyph codes), other names
/// (`/DeviceRGB`…) and operators are copied as they are.
fn rename_in_content(data: &[u8], names: &HashSet<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 64);
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'(' => {
                let mut depth = 0usize;
                while i < data.len() {
                    let c = data[i];
                    out.push(c);
                    i += 1;
                    match c {
                        b'\\' if i < data.len() => {
                            out.push(data[i]);
                            i += 1;
                        }
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            b'<' if data.get(i + 1) != Some(&b'<') => {
                while i < data.len() {
                    out.push(data[i]);
                    i += 1;
                    if data[i - 1] == b'>' {
                        break;
                    }
                }
            }
            b'<' | b'>' => {
                // A dictionary's `<<` or `>>`.
                out.extend(&data[i..(i + 2).min(data.len())]);
                i += 2;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    out.push(data[i]);
                    i += 1;
                }
            }
            b'/' => {
                let end = data[i + 1..].iter().position(|&c| is_white(c) || is_delim(c)).map_or(data.len(), |n| i + 1 + n);
                out.push(b'/');
                if names.contains(&data[i + 1..end]) {
                    out.extend(FORM_PREFIX);
                }
                out.extend(&data[i + 1..end]);
                i = end;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

// ---- writing ----

fn write_obj(out: &mut Vec<u8>, o: &Obj) {
    match o {
        Obj::Null => out.extend(b"null"),
        Obj::Bool(b) => out.extend(if *b { &b"true"[..] } else { &b"false"[..] }),
        Obj::Int(n) => out.extend(n.to_string().as_bytes()),
        Obj::Real(r) => out.extend(r),
        Obj::Name(n) => {
            out.push(b'/');
            out.extend(n);
        }
        Obj::Str(s) => out.extend(s),
        Obj::Ref(r) => out.extend(format!("{r} 0 R").as_bytes()),
        Obj::Array(a) => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 && !starts_with_delim(x) {
                    out.push(b' ');
                }
                write_obj(out, x);
            }
            out.push(b']');
        }
        Obj::Dict(d) => {
            out.extend(b"<<");
            for (k, v) in &d.0 {
                out.push(b'/');
                out.extend(k);
                if !starts_with_delim(v) {
                    out.push(b' ');
                }
                write_obj(out, v);
            }
            out.extend(b">>");
        }
    }
}

fn starts_with_delim(o: &Obj) -> bool {
    matches!(o, Obj::Name(_) | Obj::Str(_) | Obj::Array(_) | Obj::Dict(_))
}

/// What the joined file takes from the first part and completes at the end.
struct Lead {
    catalog: (u32, Dict),
    info: Option<u32>,
    id: Option<Obj>,
    struct_root: Option<(u32, Dict)>,
    document: Option<(u32, Dict)>,
    outline_root: Option<(u32, Dict)>,
    /// Where the later parts' outline entries go: the first part's one top-level entry (the
    /// report's title), or the outline's root.
    container: Option<(u32, Dict)>,
}

/// Joins parts, written one after another as they come ([`Merger::add_part`]), then their page
/// numbers ([`Merger::add_numbers`]), into one PDF ([`Merger::finish`]).
pub(super) struct Merger {
    out: Vec<u8>,
    /// By object number in the joined file.
    offsets: Vec<Option<usize>>,
    parts: usize,
    lead: Option<Lead>,
    /// The page tree nodes of the parts, under the joined file's root node (object 1).
    page_nodes: Vec<u32>,
    pages: i64,
    /// The form XObject that will hold each page's number, in page order, awaiting its overlay.
    number_forms: VecDeque<u32>,
    /// The structure elements of the later parts, appended to the first part's `Document`.
    document_kids: Vec<Obj>,
    parent_tree: Vec<Obj>,
    next_key: i64,
    id_tree: Vec<(Vec<u8>, Obj)>,
    role_map: Dict,
    /// The last entry under the outline's container, written once the next part's first entry
    /// (its `Next`) is known.
    last_entry: Option<(u32, Dict)>,
    /// Visible outline entries added under the container by later parts.
    entries_added: i64,
}

/// An overlay page's content, to become the form XObject `form`: its stream object, resources,
/// media box and the names of its resources.
struct NumberForm {
    content: u32,
    form: u32,
    resources: Obj,
    bbox: Obj,
    names: HashSet<Vec<u8>>,
}

/// The joined file's page tree root.
const PAGES_ROOT: u32 = 1;
/// Marks each stamped page number as a pagination artifact (a footer), as typst marks its footers.
const STAMP: &[u8] = b"/Artifact<</Attached[/Bottom]/Subtype/Footer/Type/Pagination>>BDC\nq /FdPageNumber Do Q\nEMC\n";
const STAMP_NAME: &str = "FdPageNumber";

impl Merger {
    pub(super) fn new() -> Merger {
        Merger {
            out: Vec::new(),
            offsets: vec![None, None],
            parts: 0,
            lead: None,
            page_nodes: Vec::new(),
            pages: 0,
            number_forms: VecDeque::new(),
            document_kids: Vec::new(),
            parent_tree: Vec::new(),
            next_key: 0,
            id_tree: Vec::new(),
            role_map: Dict::default(),
            last_entry: None,
            entries_added: 0,
        }
    }

    /// Pages added so far.
    pub(super) fn pages(&self) -> usize {
        self.pages as usize
    }

    fn reserve(&mut self) -> u32 {
        self.offsets.push(None);
        (self.offsets.len() - 1) as u32
    }

    fn write(&mut self, id: u32, obj: &Obj, stream: Option<&[u8]>) {
        self.offsets[id as usize] = Some(self.out.len());
        self.out.extend(format!("{id} 0 obj\n").as_bytes());
        write_obj(&mut self.out, obj);
        if let Some(data) = stream {
            self.out.extend(b"\nstream\n");
            self.out.extend(data);
            self.out.extend(b"\nendstream");
        }
        self.out.extend(b"\nendobj\n");
    }

    /// Adds a part: its pages after the pages so far, its structure and outline joined to the
    /// first part's. Returns how many pages it has.
    pub(super) fn add_part(&mut self, pdf: &[u8]) -> Result<usize, Fail> {
        let mut f = File::read(pdf)?;
        let first = self.lead.is_none();
        let catalog_id = f.trailer.get_ref("Root").ok_or("no catalog")?;
        let catalog = f.take_dict(catalog_id)?;
        const KNOWN: [&str; 8] = ["Type", "Pages", "Metadata", "Lang", "StructTreeRoot", "MarkInfo", "ViewerPreferences", "Outlines"];
        if let Some(k) = catalog.keys().find(|k| !KNOWN.iter().any(|n| n.as_bytes() == *k)) {
            return fail(format!("the catalog has /{}", String::from_utf8_lossy(k)));
        }
        let pages_node = catalog.get_ref("Pages").ok_or("no page tree")?;
        let mut pages = Vec::new();
        f.pages(pages_node, &mut pages)?;

        // The roots of the part's structure tree and outline, taken out: the first part's are
        // completed at the end, the later parts' are not carried over.
        let struct_root = match catalog.get_ref("StructTreeRoot") {
            Some(id) => Some((id, f.take_dict(id)?)),
            None => None,
        };
        let document = match &struct_root {
            Some((_, root)) => {
                let id = match root.get("K") {
                    Some(Obj::Ref(d)) => *d,
                    Some(Obj::Array(k)) => match k.as_slice() {
                        [Obj::Ref(d)] => *d,
                        _ => return fail("the structure tree does not have one root element"),
                    },
                    _ => return fail("the structure tree does not have one root element"),
                };
                let d = f.take_dict(id)?;
                if !d.is("S", "Document") {
                    return fail("the structure tree's root element is not a Document");
                }
                Some((id, d))
            }
            None => None,
        };
        let outline = match catalog.get_ref("Outlines") {
            Some(id) => Some((id, f.take_dict(id)?)),
            None => None,
        };
        // The first part's outline entry that holds the report (its title), and its last entry.
        let mut container = None;
        let mut last_entry = None;
        if first {
            if let Some((_, root)) = &outline {
                if let (Some(a), Some(b)) = (root.get_ref("First"), root.get_ref("Last")) {
                    if a == b && f.dict(a)?.get("First").is_some() {
                        let title = f.take_dict(a)?;
                        let last = title.get_ref("Last").ok_or("the outline's title has no last entry")?;
                        last_entry = Some((last, f.take_dict(last)?));
                        container = Some((a, title));
                    } else {
                        last_entry = Some((b, f.take_dict(b)?));
                    }
                }
            }
        } else {
            for id in [f.trailer.get_ref("Info"), catalog.get_ref("Metadata")].into_iter().flatten() {
                f.objects[id as usize] = None;
            }
        }

        // Numbers in the joined file, in the part's order, with no gaps. A later part's pointers
        // to its own roots point at the first part's.
        let mut map: HashMap<u32, u32> = HashMap::new();
        let taken_back: Vec<u32> = if first {
            [Some(catalog_id), struct_root.as_ref().map(|r| r.0), document.as_ref().map(|d| d.0), outline.as_ref().map(|o| o.0)]
                .into_iter()
                .flatten()
                .chain(container.as_ref().map(|c| c.0))
                .chain(last_entry.as_ref().map(|e| e.0))
                .collect()
        } else {
            Vec::new()
        };
        for (id, o) in f.objects.iter().enumerate() {
            let id = id as u32;
            if o.is_some() || taken_back.contains(&id) {
                let new = self.reserve();
                map.insert(id, new);
            }
        }
        if !first {
            let lead = self.lead.as_ref().expect("the first part is in");
            if let (Some((d, _)), Some((lead_doc, _))) = (&document, &lead.document) {
                map.insert(*d, *lead_doc);
            }
            if let Some((o, _)) = &outline {
                let parent = lead.container.as_ref().map(|c| c.0).or(lead.outline_root.as_ref().map(|r| r.0));
                map.insert(*o, parent.ok_or("the first part has no outline")?);
            }
        }
        let renumbered = |d: Dict| -> Result<Dict, Fail> {
            let mut o = Obj::Dict(d);
            renumber(&mut o, &map)?;
            let Obj::Dict(d) = o else { unreachable!() };
            Ok(d)
        };
        for o in f.objects.iter_mut().flatten() {
            renumber(&mut o.obj, &map)?;
        }
        let old_of: HashMap<u32, u32> =
            map.iter().filter(|(o, _)| f.objects.get(**o as usize).is_some_and(Option::is_some)).map(|(o, n)| (*n, *o)).collect();

        // Marked-content keys after the earlier parts'; IDs, parent tree and roles collected.
        let key_base = self.next_key;
        if let Some((_, root)) = &struct_root {
            const ROOT_KEYS: [&str; 6] = ["Type", "RoleMap", "K", "ParentTree", "IDTree", "ParentTreeNextKey"];
            if let Some(k) = root.keys().find(|k| !ROOT_KEYS.iter().any(|n| n.as_bytes() == *k)) {
                return fail(format!("the structure tree root has /{}", String::from_utf8_lossy(k)));
            }
            let Some(Obj::Dict(tree)) = root.get("ParentTree") else { return fail("the parent tree is not a dictionary") };
            if tree.get("Kids").is_some() {
                return fail("the parent tree has kids");
            }
            let Some(Obj::Array(nums)) = tree.get("Nums") else { return fail("the parent tree has no Nums") };
            for pair in nums.chunks(2) {
                let [Obj::Int(k), v] = pair else { return fail("a bad parent tree entry") };
                let mut v = v.clone();
                renumber(&mut v, &map)?;
                self.parent_tree.extend([Obj::Int(k + key_base), v]);
            }
            self.next_key += root.get_int("ParentTreeNextKey").ok_or("no ParentTreeNextKey")?;
            if let Some(Obj::Dict(ids)) = root.get("IDTree") {
                if ids.get("Kids").is_some() {
                    return fail("the ID tree has kids");
                }
                let Some(Obj::Array(names)) = ids.get("Names") else { return fail("the ID tree has no Names") };
                for pair in names.chunks(2) {
                    let [Obj::Str(k), v] = pair else { return fail("a bad ID tree entry") };
                    let mut key = string_bytes(k).ok_or("an ID does not read")?;
                    if !first {
                        key = [format!("p{}:", self.parts).as_bytes(), &key].concat();
                    }
                    let mut v = v.clone();
                    renumber(&mut v, &map)?;
                    self.id_tree.push((key, v));
                }
            }
            if let Some(Obj::Dict(roles)) = root.get("RoleMap") {
                for (k, v) in &roles.0 {
                    if !self.role_map.0.iter().any(|(x, _)| x == k) {
                        self.role_map.0.push((k.clone(), v.clone()));
                    }
                }
            }
        }
        if key_base != 0 {
            for o in f.objects.iter_mut().flatten() {
                shift_keys(&mut o.obj, key_base);
            }
        }
        if !first {
            let prefix = format!("p{}:", self.parts).into_bytes();
            for o in f.objects.iter_mut().flatten() {
                if let Obj::Dict(d) = &mut o.obj {
                    if d.is("Type", "StructElem") {
                        prefix_ids(d, &prefix)?;
                    }
                }
            }
            if let Some((_, doc)) = document.as_ref() {
                let kids = match doc.get("K") {
                    Some(Obj::Array(k)) => k.clone(),
                    Some(x) => vec![x.clone()],
                    None => Vec::new(),
                };
                for mut x in kids {
                    renumber(&mut x, &map)?;
                    self.document_kids.push(x);
                }
            }
        }

        // The page tree: the part's root node goes under the joined file's root.
        f.dict_mut(pages_node)?.set("Parent", Obj::Ref(PAGES_ROOT));
        self.page_nodes.push(map[&pages_node]);
        self.pages += pages.len() as i64;

        // Each page gets its number: a stamp drawing a form XObject that an overlay fills.
        let mut resource_users: HashMap<u32, usize> = HashMap::new();
        for &p in &pages {
            if let Some(r) = f.dict(p)?.get_ref("Resources") {
                *resource_users.entry(r).or_default() += 1;
            }
        }
        let mut extra: Vec<(u32, Obj, Option<&[u8]>)> = Vec::new();
        for &p in &pages {
            let form = self.reserve();
            self.number_forms.push_back(form);
            let stamp = self.reserve();
            extra.push((stamp, Obj::Dict(Dict(vec![(b"Length".to_vec(), Obj::Int(STAMP.len() as i64))])), Some(STAMP)));
            let (mut resources, shared) = match f.dict(p)?.get("Resources") {
                Some(Obj::Dict(d)) => (d.clone(), None),
                Some(Obj::Ref(r)) => {
                    let old = *old_of.get(r).ok_or("a page's resources are not in the part")?;
                    (f.dict(old)?.clone(), Some((old, resource_users[r] > 1)))
                }
                _ => return fail("a page without resources"),
            };
            let mut xobjects = match resources.get("XObject") {
                None => Dict::default(),
                Some(Obj::Dict(x)) => x.clone(),
                Some(_) => return fail("a page's XObjects are not a dictionary"),
            };
            if xobjects.get(STAMP_NAME).is_some() {
                return fail("a page already has an XObject named like the page number's");
            }
            xobjects.set(STAMP_NAME, Obj::Ref(form));
            resources.set("XObject", Obj::Dict(xobjects));
            match shared {
                None => f.dict_mut(p)?.set("Resources", Obj::Dict(resources)),
                Some((old, false)) => *f.dict_mut(old)? = resources,
                Some((_, true)) => {
                    // Shared with other pages: this page gets its own copy, with its number.
                    let own = self.reserve();
                    extra.push((own, Obj::Dict(resources), None));
                    f.dict_mut(p)?.set("Resources", Obj::Ref(own));
                }
            }
            let page = f.dict_mut(p)?;
            let mut contents = match page.get("Contents") {
                Some(Obj::Ref(c)) => vec![Obj::Ref(*c)],
                Some(Obj::Array(a)) => a.clone(),
                _ => return fail("a page without contents"),
            };
            contents.push(Obj::Ref(stamp));
            page.set("Contents", Obj::Array(contents));
        }

        // Later parts: their top-level outline entries follow the entries so far, under the
        // first part's title.
        if let Some((root_id, root)) = outline.as_ref().filter(|_| !first) {
            let parent = map[root_id];
            // The root was taken out before the renumbering: its entries by their old numbers.
            let mut entry = match root.get_ref("First") {
                Some(e) => Some(*map.get(&e).ok_or("the outline's first entry is missing")?),
                None => None,
            };
            let mut last = None;
            while let Some(e) = entry {
                let d = f.dict_mut(*old_of.get(&e).ok_or("an outline entry is missing")?)?;
                d.set("Parent", Obj::Ref(parent));
                self.entries_added += 1 + d.get_int("Count").unwrap_or(0).max(0);
                if last.is_none() {
                    let (prev_id, mut prev) = self.last_entry.take().ok_or("the outline has no entry to follow")?;
                    prev.set("Next", Obj::Ref(e));
                    d.set("Prev", Obj::Ref(prev_id));
                    self.write(prev_id, &Obj::Dict(prev), None);
                }
                last = Some(e);
                entry = f.dict(old_of[&e])?.get_ref("Next");
            }
            if let Some(e) = last {
                self.last_entry = Some((e, f.take_dict(old_of[&e])?));
            }
        }

        if first {
            self.out.extend(b"%PDF-");
            self.out.extend(f.version);
            self.out.extend(b"\n%\x80\x80\x80\x80\n");
            let mut catalog = renumbered(catalog)?;
            catalog.set("Pages", Obj::Ref(PAGES_ROOT));
            let mut id = f.trailer.get("ID").cloned();
            if let Some(o) = id.as_mut() {
                renumber(o, &map)?;
            }
            let (container, outline_root) = match (container, outline) {
                (Some((cid, c)), Some((oid, o))) => (Some((map[&cid], renumbered(c)?)), Some((map[&oid], renumbered(o)?))),
                (None, Some((oid, o))) => (Some((map[&oid], renumbered(o)?)), None),
                _ => (None, None),
            };
            if let Some((id, d)) = last_entry {
                self.last_entry = Some((map[&id], renumbered(d)?));
            }
            self.lead = Some(Lead {
                catalog: (map[&catalog_id], catalog),
                info: f.trailer.get_ref("Info").map(|i| map[&i]),
                id,
                struct_root: match struct_root {
                    Some((sid, d)) => Some((map[&sid], renumbered(d)?)),
                    None => None,
                },
                document: match document {
                    Some((did, d)) => Some((map[&did], renumbered(d)?)),
                    None => None,
                },
                outline_root,
                container,
            });
        }
        for (id, stored) in f.objects.iter().enumerate() {
            if let Some(stored) = stored {
                self.write(map[&(id as u32)], &stored.obj, stored.stream);
            }
        }
        for (id, obj, stream) in extra {
            self.write(id, &obj, stream);
        }
        self.parts += 1;
        Ok(pages.len())
    }

    /// Adds an overlay of page numbers: its pages, in order, become the numbers of the next pages
    /// that have none yet. The overlay must be written uncompressed (typst's `pretty`), so that its
    /// forms can be given resource names of their own: a reader that looks fonts up by name alone
    /// (pdf-extract does) must not take a page's `/f0` for the number's.
    pub(super) fn add_numbers(&mut self, pdf: &[u8]) -> Result<(), Fail> {
        let f = File::read(pdf)?;
        let catalog = f.dict(f.trailer.get_ref("Root").ok_or("no catalog")?)?;
        let mut pages = Vec::new();
        f.pages(catalog.get_ref("Pages").ok_or("no page tree")?, &mut pages)?;
        // Each page's content becomes a form; what it uses (fonts, colour spaces) comes along.
        let mut map: HashMap<u32, u32> = HashMap::new();
        let mut forms: Vec<NumberForm> = Vec::new();
        let mut todo: Vec<u32> = Vec::new();
        let mut shared_resources: HashSet<u32> = HashSet::new();
        for &p in &pages {
            let page = f.dict(p)?;
            let Some(Obj::Ref(content)) = page.get("Contents") else { return fail("an overlay page's contents are not one stream") };
            let form = self.number_forms.pop_front().ok_or("more page numbers than pages")?;
            if map.insert(*content, form).is_some() {
                return fail("two overlay pages share their contents");
            }
            let resources = page.get("Resources").cloned().ok_or("an overlay page without resources")?;
            if let Obj::Ref(r) = resources {
                shared_resources.insert(r);
            }
            let names = match &resources {
                Obj::Dict(d) => resource_names(d),
                Obj::Ref(r) => resource_names(f.dict(*r)?),
                _ => return fail("an overlay page's resources are not a dictionary"),
            };
            let bbox = page.get("MediaBox").cloned().ok_or("an overlay page without a media box")?;
            refs_in(&resources, &mut todo);
            forms.push(NumberForm { content: *content, form, resources, bbox, names });
        }
        let mut carried: Vec<u32> = Vec::new();
        let mut seen: HashSet<u32> = HashSet::new();
        while let Some(id) = todo.pop() {
            if !seen.insert(id) {
                continue;
            }
            refs_in(&f.get(id)?.obj, &mut todo);
            carried.push(id);
        }
        carried.sort_unstable();
        for &id in &carried {
            let new = self.reserve();
            map.insert(id, new);
        }
        for id in carried {
            let stored = f.get(id)?;
            let mut obj = stored.obj.clone();
            if shared_resources.contains(&id) {
                let Obj::Dict(d) = &mut obj else { return fail("an overlay page's resources are not a dictionary") };
                rename_resources(d);
            }
            renumber(&mut obj, &map)?;
            self.write(map[&id], &obj, stored.stream);
        }
        for NumberForm { content, form, mut resources, bbox, names } in forms {
            let stored = f.get(content)?;
            let (Obj::Dict(mut d), Some(data)) = (stored.obj.clone(), stored.stream) else { return fail("an overlay page's contents are not a stream") };
            if d.get("Filter").is_some() {
                return fail("an overlay's contents are compressed");
            }
            if let Obj::Dict(r) = &mut resources {
                rename_resources(r);
            }
            renumber(&mut resources, &map)?;
            let data = rename_in_content(data, &names);
            d.set("Length", Obj::Int(data.len() as i64));
            d.set("Type", Obj::Name(b"XObject".to_vec()));
            d.set("Subtype", Obj::Name(b"Form".to_vec()));
            d.set("BBox", bbox);
            d.set("Resources", resources);
            self.write(form, &Obj::Dict(d), Some(&data));
        }
        Ok(())
    }

    /// The joined file.
    pub(super) fn finish(mut self) -> Result<Vec<u8>, Fail> {
        if !self.number_forms.is_empty() {
            return fail("pages without their numbers");
        }
        let mut lead = self.lead.take().ok_or("no parts")?;
        // The outline: its last entry, and the counts of what the later parts added.
        let last = self.last_entry.take();
        if let Some((id, d)) = &last {
            self.write(*id, &Obj::Dict(d.clone()), None);
        }
        let added = self.entries_added;
        if let Some((cid, mut c)) = lead.container.take() {
            if let Some((id, _)) = &last {
                c.set("Last", Obj::Ref(*id));
            }
            let count = c.get_int("Count").unwrap_or(0);
            let count = if count < 0 { count - added } else { count + added };
            c.set("Count", Obj::Int(count));
            // The container is the report's title, the root's one entry.
            if let Some((_, root)) = lead.outline_root.as_mut() {
                root.set("Count", Obj::Int(1 + count.max(0)));
            }
            self.write(cid, &Obj::Dict(c), None);
        }
        if let Some((id, root)) = lead.outline_root.take() {
            self.write(id, &Obj::Dict(root), None);
        }
        if let Some((id, mut doc)) = lead.document.take() {
            let mut kids = match doc.get("K") {
                Some(Obj::Array(k)) => k.clone(),
                Some(x) => vec![x.clone()],
                None => Vec::new(),
            };
            kids.append(&mut self.document_kids);
            doc.set("K", Obj::Array(kids));
            self.write(id, &Obj::Dict(doc), None);
        }
        if let Some((id, mut root)) = lead.struct_root.take() {
            root.set("ParentTree", Obj::Dict(Dict(vec![(b"Nums".to_vec(), Obj::Array(std::mem::take(&mut self.parent_tree)))])));
            root.set("ParentTreeNextKey", Obj::Int(self.next_key));
            if !self.role_map.0.is_empty() {
                root.set("RoleMap", Obj::Dict(std::mem::take(&mut self.role_map)));
            }
            if !self.id_tree.is_empty() {
                let mut names = std::mem::take(&mut self.id_tree);
                names.sort_by(|a, b| a.0.cmp(&b.0));
                let flat = names.into_iter().flat_map(|(k, v)| [Obj::Str(literal(&k)), v]).collect();
                root.set("IDTree", Obj::Dict(Dict(vec![(b"Names".to_vec(), Obj::Array(flat))])));
            }
            self.write(id, &Obj::Dict(root), None);
        }
        let (catalog_id, catalog) = std::mem::take(&mut lead.catalog);
        self.write(catalog_id, &Obj::Dict(catalog), None);
        let kids = self.page_nodes.iter().map(|n| Obj::Ref(*n)).collect();
        let root = Dict(vec![
            (b"Type".to_vec(), Obj::Name(b"Pages".to_vec())),
            (b"Count".to_vec(), Obj::Int(self.pages)),
            (b"Kids".to_vec(), Obj::Array(kids)),
        ]);
        self.write(PAGES_ROOT, &Obj::Dict(root), None);

        let xref = self.out.len();
        let size = self.offsets.len();
        self.out.extend(format!("xref\n0 {size}\n0000000000 65535 f\r\n").as_bytes());
        for (id, offset) in self.offsets.iter().enumerate().skip(1) {
            let offset = offset.ok_or_else(|| format!("object {id} was never written"))?;
            self.out.extend(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        let mut trailer = Dict(vec![(b"Size".to_vec(), Obj::Int(size as i64)), (b"Root".to_vec(), Obj::Ref(catalog_id))]);
        if let Some(info) = lead.info {
            trailer.set("Info", Obj::Ref(info));
        }
        if let Some(id) = lead.id {
            trailer.set("ID", id);
        }
        self.out.extend(b"trailer\n");
        write_obj(&mut self.out, &Obj::Dict(trailer));
        self.out.extend(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Obj {
        Parser::at(s.as_bytes(), 0).object().unwrap()
    }

    fn written(o: &Obj) -> String {
        let mut out = Vec::new();
        write_obj(&mut out, o);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn objects_read_back_as_written() {
        let src = "<</Type/Page/Kids[1 0 R 2 0 R]/W[0 31 602.0508]/T(a \\(b\\) 9 0 R)/H<0a0B>/N -4/B true/Z null/D<</X 3 0 R>>>>";
        let o = parse(src);
        let Obj::Dict(d) = &o else { panic!("{o:?}") };
        assert_eq!(d.get("Kids"), Some(&Obj::Array(vec![Obj::Ref(1), Obj::Ref(2)])));
        assert_eq!(d.get("W"), Some(&Obj::Array(vec![Obj::Int(0), Obj::Int(31), Obj::Real(b"602.0508".to_vec())])));
        assert_eq!(d.get_int("N"), Some(-4));
        // A reference written inside a string is text, not a reference.
        let mut refs = Vec::new();
        refs_in(&o, &mut refs);
        assert_eq!(refs, [1, 2, 3]);
        assert_eq!(parse(&written(&o)), o);
        let mut o = o;
        renumber(&mut o, &HashMap::from([(1, 10), (2, 20), (3, 30)])).unwrap();
        assert!(written(&o).contains("/Kids[10 0 R 20 0 R]") && written(&o).contains("9 0 R)"), "{}", written(&o));
        assert!(renumber(&mut parse("[7 0 R]"), &HashMap::new()).is_err(), "a dangling reference is refused");
    }

    #[test]
    fn strings_decode_and_encode() {
        assert_eq!(string_bytes(b"(a\\(b\\)\\101\\n)").unwrap(), b"a(b)A\n");
        assert_eq!(string_bytes(b"<41 42 4>").unwrap(), b"AB@");
        assert_eq!(string_bytes(&literal(b"p1:(x)\\")).unwrap(), b"p1:(x)\\");
    }

    #[test]
    fn only_resource_names_are_renamed_in_content() {
        let names = HashSet::from([b"f0".to_vec(), b"c0".to_vec()]);
        let content = b"/c0 cs BT /f0 8 Tf (/f0 \\) /f0) Tj <2f6630> Tj ET /DeviceRGB CS";
        let out = String::from_utf8(rename_in_content(content, &names)).unwrap();
        assert_eq!(out, "/FdNumc0 cs BT /FdNumf0 8 Tf (/f0 \\) /f0) Tj <2f6630> Tj ET /DeviceRGB CS");
    }
}
