//! Affine matrices as PDF writes them: `[a b c d e f]`, row vectors, so a
//! point maps as `[x y 1] × M`.

/// A PDF transformation matrix `[a b c d e f]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub fn new(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> Matrix {
        Matrix { a, b, c, d, e, f }
    }

    pub fn translate(x: f64, y: f64) -> Matrix {
        Matrix::new(1.0, 0.0, 0.0, 1.0, x, y)
    }

    /// `self × other`: apply `self` first, then `other` (PDF's `cm`
    /// computes `new CTM = M × CTM`).
    #[must_use]
    pub fn then(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        (
            x * self.a + y * self.c + self.e,
            x * self.b + y * self.d + self.f,
        )
    }

    /// True when every entry is finite (a hostile `cm` can hold huge values).
    pub fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f]
            .iter()
            .all(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::Matrix;

    #[test]
    fn translate_then_scale() {
        // Translate by (10, 20), then scale by 2: (1, 1) → (11, 21) → (22, 42).
        let m = Matrix::translate(10.0, 20.0).then(&Matrix::new(2.0, 0.0, 0.0, 2.0, 0.0, 0.0));
        assert_eq!(m.apply(1.0, 1.0), (22.0, 42.0));
        // The other order scales first: (1, 1) → (2, 2) → (12, 22).
        let m = Matrix::new(2.0, 0.0, 0.0, 2.0, 0.0, 0.0).then(&Matrix::translate(10.0, 20.0));
        assert_eq!(m.apply(1.0, 1.0), (12.0, 22.0));
    }

    #[test]
    fn rotation_by_90_degrees() {
        // [0 1 -1 0 0 0] rotates counter-clockwise: (1, 0) → (0, 1), (0, 1) → (-1, 0).
        let r = Matrix::new(0.0, 1.0, -1.0, 0.0, 0.0, 0.0);
        assert_eq!(r.apply(1.0, 0.0), (0.0, 1.0));
        assert_eq!(r.apply(0.0, 1.0), (-1.0, 0.0));
        let twice = r.then(&r);
        assert_eq!(twice.apply(1.0, 0.0), (-1.0, 0.0));
        assert_eq!(Matrix::IDENTITY.then(&r), r);
    }
}
