//! From rulings and glyphs to rows of cells.
//!
//! Ruling segments are snapped (segments within [`SNAP`] of each other share
//! one coordinate) and joined (collinear segments with gaps up to [`SNAP`]
//! become one). Segments that cross make tables; each table's x and y
//! coordinates make an elementary grid, and two neighbouring grid cells with
//! no ruling between them belong to one merged cell. Rows come out like
//! pdfplumber's `extract_tables()`: a fixed number of slots, a merged cell's
//! text in its top-left slot and empty strings in the slots it covers.
//! Glyphs outside every table become one-cell rows, one a line; everything is
//! in reading order, top to bottom.

use crate::interp::{GlyphBox, PageContent, Segment};

/// Snapping and joining tolerance, in points (pdfplumber's default is 3).
pub const SNAP: f64 = 3.0;
/// Shortest segment kept after joining.
const MIN_LENGTH: f64 = 2.0;
/// Most segments (after joining) a page may have for its tables to be read.
pub const MAX_TABLE_SEGMENTS: usize = 5_000;

/// One output row with the y of its top edge, for ordering.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub top: f64,
    pub cells: Vec<String>,
}

/// Snap and join segments (see the module docs).
pub fn merge_segments(mut segs: Vec<Segment>) -> Vec<Segment> {
    segs.retain(|s| s.at.is_finite() && s.from.is_finite() && s.to.is_finite());
    segs.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        // A cluster: consecutive coordinates no more than SNAP apart.
        let mut j = i + 1;
        while j < segs.len() && segs[j].at - segs[j - 1].at <= SNAP {
            j += 1;
        }
        let cluster = &mut segs[i..j];
        let at = cluster.iter().map(|s| s.at).sum::<f64>() / cluster.len() as f64;
        cluster.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut cur: Option<Segment> = None;
        for s in cluster.iter() {
            match &mut cur {
                Some(c) if s.from <= c.to + SNAP => c.to = c.to.max(s.to),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Segment {
                        at,
                        from: s.from,
                        to: s.to,
                    });
                }
            }
        }
        out.extend(cur);
        i = j;
    }
    out.retain(|s| s.to - s.from >= MIN_LENGTH);
    out
}

fn crosses(h: &Segment, v: &Segment) -> bool {
    v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// A table: its grid coordinates and, per elementary cell, the merged
/// cell it belongs to (the index of the merged cell's top-left elementary
/// cell).
#[derive(Debug)]
pub struct Table {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    owner: Vec<usize>,
}

impl Table {
    fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.xs[0]
            && x <= self.xs[self.xs.len() - 1]
            && y >= self.ys[0]
            && y <= self.ys[self.ys.len() - 1]
    }

    /// The elementary cell under a point inside the table.
    fn cell_at(&self, x: f64, y: f64) -> usize {
        let c = self
            .xs
            .partition_point(|&v| v <= x)
            .clamp(1, self.xs.len() - 1)
            - 1;
        let r = self
            .ys
            .partition_point(|&v| v <= y)
            .clamp(1, self.ys.len() - 1)
            - 1;
        r * self.cols() + c
    }
}

fn distinct(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        match out.last() {
            Some(&l) if x - l <= SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

/// Coordinates where at least two distinct perpendicular lines end beyond
/// the outermost ruling: the missing border of a table cut by a page break.
fn extend(mut coords: Vec<f64>, across: &[&Segment]) -> Vec<f64> {
    let (Some(&first), Some(&last)) = (coords.first(), coords.last()) else {
        return coords;
    };
    let before: Vec<&&Segment> = across.iter().filter(|s| s.from < first - SNAP).collect();
    if distinct(before.iter().map(|s| s.at).collect()).len() >= 2 {
        let top = before
            .iter()
            .map(|s| s.from)
            .fold(f64::NEG_INFINITY, f64::max);
        coords.insert(0, top);
    }
    let after: Vec<&&Segment> = across.iter().filter(|s| s.to > last + SNAP).collect();
    if distinct(after.iter().map(|s| s.at).collect()).len() >= 2 {
        let bottom = after.iter().map(|s| s.to).fold(f64::INFINITY, f64::min);
        coords.push(bottom);
    }
    coords
}

/// Find the tables drawn by the (merged) segments.
pub fn find_tables(horizontal: &[Segment], vertical: &[Segment]) -> Vec<Table> {
    let nh = horizontal.len();
    let mut uf = UnionFind::new(nh + vertical.len());
    for (i, h) in horizontal.iter().enumerate() {
        for (j, v) in vertical.iter().enumerate() {
            if crosses(h, v) {
                uf.union(i, nh + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<&Segment>, Vec<&Segment>)> =
        std::collections::BTreeMap::new();
    for (i, h) in horizontal.iter().enumerate() {
        groups.entry(uf.find(i)).or_default().0.push(h);
    }
    for (j, v) in vertical.iter().enumerate() {
        groups.entry(uf.find(nh + j)).or_default().1.push(v);
    }
    let mut tables = Vec::new();
    for (hs, vs) in groups.into_values() {
        if hs.is_empty() || vs.len() < 2 {
            continue;
        }
        let xs = extend(distinct(vs.iter().map(|s| s.at).collect()), &hs);
        let ys = extend(distinct(hs.iter().map(|s| s.at).collect()), &vs);
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        let (cols, rows) = (xs.len() - 1, ys.len() - 1);
        if cols.saturating_mul(rows) > 1_000_000 {
            continue;
        }
        let vwall = |x: f64, y: f64| {
            vs.iter()
                .any(|s| (s.at - x).abs() <= SNAP && s.from <= y && s.to >= y)
        };
        let hwall = |y: f64, x: f64| {
            hs.iter()
                .any(|s| (s.at - y).abs() <= SNAP && s.from <= x && s.to >= x)
        };
        let mut cells = UnionFind::new(cols * rows);
        for r in 0..rows {
            let my = f64::midpoint(ys[r], ys[r + 1]);
            for c in 0..cols {
                let mx = f64::midpoint(xs[c], xs[c + 1]);
                if c + 1 < cols && !vwall(xs[c + 1], my) {
                    cells.union(r * cols + c, r * cols + c + 1);
                }
                if r + 1 < rows && !hwall(ys[r + 1], mx) {
                    cells.union(r * cols + c, (r + 1) * cols + c);
                }
            }
        }
        // The union keeps the smallest index as the root: the top-left
        // elementary cell of each merged cell (row-major order).
        let owner = (0..cols * rows).map(|i| cells.find(i)).collect();
        tables.push(Table { xs, ys, owner });
    }
    tables
}

fn joins_with_space(prev: &GlyphBox, next: &GlyphBox) -> bool {
    let size = prev.size.max(next.size).max(1.0);
    next.x0 - prev.x1 > 0.2 * size
}

/// Group glyphs into lines (by their vertical centre), each sorted left to
/// right, and write each line's text with spaces where the glyphs leave a gap
/// or draw a space. A line keeps one trailing space when it ends with a
/// drawn space (the space at a wrap point). Returns `(top, text)` per line,
/// top to bottom; lines of spaces only are dropped.
pub fn lines(mut glyphs: Vec<&GlyphBox>) -> Vec<(f64, String)> {
    glyphs.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.cx().total_cmp(&b.cx())));
    let mut groups: Vec<Vec<&GlyphBox>> = Vec::new();
    for g in glyphs {
        match groups.last_mut() {
            Some(line)
                if (g.cy() - line[0].cy()).abs() <= 0.45 * line[0].size.max(g.size).max(1.0) =>
            {
                line.push(g);
            }
            _ => groups.push(vec![g]),
        }
    }
    groups
        .into_iter()
        .filter_map(|mut line| {
            line.sort_by(|a, b| a.cx().total_cmp(&b.cx()));
            let top = line.iter().map(|g| g.y0).fold(f64::INFINITY, f64::min);
            let mut text = String::new();
            let mut prev: Option<&GlyphBox> = None;
            for g in line {
                let space = g.text == " ";
                let gap = prev.is_some_and(|p| joins_with_space(p, g));
                if (space || gap) && !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                }
                if !space {
                    text.push_str(&g.text);
                    prev = Some(g);
                }
            }
            (!text.trim().is_empty()).then_some((top, text))
        })
        .collect()
}

/// A cell's lines: a line that ends with a drawn space continues after one
/// space; other lines are kept apart with `\n` (the grid grammar joins
/// wrapped CJK without a space and Latin words with one).
fn cell_text(lines: Vec<(f64, String)>) -> String {
    let mut out = String::new();
    for (_, line) in lines {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out.trim_end().to_owned()
}

/// The rows of one page. `tables_read` is false when the page had too many
/// rulings to look for tables (its text is then read line by line).
pub fn page_rows(page: &PageContent) -> (Vec<Row>, bool) {
    let horizontal = merge_segments(page.horizontal.clone());
    let vertical = merge_segments(page.vertical.clone());
    let too_many = horizontal.len() + vertical.len() > MAX_TABLE_SEGMENTS
        || page.horizontal.len() + page.vertical.len() >= crate::interp::MAX_SEGMENTS * 5;
    let tables = if too_many {
        Vec::new()
    } else {
        find_tables(&horizontal, &vertical)
    };
    let mut per_cell: Vec<Vec<Vec<&GlyphBox>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.owner.len()])
        .collect();
    let mut outside = Vec::new();
    for g in &page.glyphs {
        let (x, y) = (g.cx(), g.cy());
        match tables.iter().position(|t| t.contains(x, y)) {
            Some(ti) => {
                let t = &tables[ti];
                per_cell[ti][t.owner[t.cell_at(x, y)]].push(g);
            }
            None => outside.push(g),
        }
    }
    let mut rows = Vec::new();
    for (t, cells) in tables.iter().zip(per_cell) {
        let cols = t.cols();
        let texts: Vec<String> = cells.into_iter().map(|gs| cell_text(lines(gs))).collect();
        for r in 0..t.ys.len() - 1 {
            let row: Vec<String> = (0..cols)
                .map(|c| {
                    let i = r * cols + c;
                    if t.owner[i] == i {
                        texts[i].clone()
                    } else {
                        String::new()
                    }
                })
                .collect();
            rows.push(Row {
                top: t.ys[r],
                cells: row,
            });
        }
    }
    for (top, text) in lines(outside) {
        rows.push(Row {
            top,
            cells: vec![text.trim().to_owned()],
        });
    }
    rows.sort_by(|a, b| a.top.total_cmp(&b.top));
    (rows, !too_many)
}

#[cfg(test)]
mod tests {
    use super::{find_tables, merge_segments, Segment};

    fn seg(at: f64, from: f64, to: f64) -> Segment {
        Segment { at, from, to }
    }

    #[test]
    fn snapping_and_joining() {
        let merged = merge_segments(vec![
            seg(100.0, 0.0, 50.0),
            seg(101.0, 49.0, 100.0),  // snaps to the first, overlaps: joined
            seg(100.5, 102.5, 150.0), // a gap of 2.5: joined
            seg(100.0, 160.0, 200.0), // a gap of 10: separate
            seg(110.0, 0.0, 50.0),    // 10 points below: another line
            seg(120.0, 0.0, 1.0),     // too short to be a ruling
        ]);
        assert_eq!(merged.len(), 3);
        // The cluster's mean: (100 + 101 + 100.5 + 100) / 4.
        assert!((merged[0].at - 100.375).abs() < 1e-9);
        assert_eq!((merged[0].from, merged[0].to), (0.0, 150.0));
        assert_eq!((merged[1].from, merged[1].to), (160.0, 200.0));
        assert!((merged[2].at - 110.0).abs() < 1e-9);
    }

    #[test]
    fn merged_cell_from_a_missing_wall() {
        // A 2×2 grid on x 0/50/100, y 0/20/40 whose middle vertical line
        // stops at y 20: the bottom row is one merged cell.
        let h = [
            seg(0.0, 0.0, 100.0),
            seg(20.0, 0.0, 100.0),
            seg(40.0, 0.0, 100.0),
        ];
        let v = [
            seg(0.0, 0.0, 40.0),
            seg(50.0, 0.0, 20.0),
            seg(100.0, 0.0, 40.0),
        ];
        let tables = find_tables(&h, &v);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.xs, [0.0, 50.0, 100.0]);
        assert_eq!(t.ys, [0.0, 20.0, 40.0]);
        assert_eq!(t.owner, [0, 1, 2, 2]);
    }

    #[test]
    fn a_table_cut_by_a_page_break_gets_its_top_border_back() {
        // No ruling at y 10, but all three column lines start there.
        let h = [seg(30.0, 0.0, 100.0), seg(50.0, 0.0, 100.0)];
        let v = [
            seg(0.0, 10.0, 50.0),
            seg(40.0, 10.0, 50.0),
            seg(100.0, 10.0, 50.0),
        ];
        let t = &find_tables(&h, &v)[0];
        assert_eq!(t.ys, [10.0, 30.0, 50.0]);
        assert_eq!(t.owner, [0, 1, 2, 3]);
        // One line reaching above is not a border: `LibreOffice` draws the
        // right edge of a borderless title row.
        let v = [
            seg(0.0, 30.0, 50.0),
            seg(40.0, 30.0, 50.0),
            seg(100.0, 0.0, 50.0),
        ];
        assert_eq!(find_tables(&h, &v)[0].ys, [30.0, 50.0]);
    }
}
