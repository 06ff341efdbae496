//! Sentence vectors from token vectors: masked mean, then unit length, as sentence-transformers does.

use candle_core::{Result, Tensor};

/// Averages `hidden` (texts x tokens x dim) over the tokens whose `mask` (texts x tokens) is 1.
pub(crate) fn mean_pool(hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let mask = mask.to_dtype(hidden.dtype())?.unsqueeze(2)?;
    let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
    // A text always has [CLS] and [SEP]; the floor only guards against dividing by zero.
    let counts = mask.sum(1)?.clamp(1e-9, f64::MAX)?;
    summed.broadcast_div(&counts)
}

/// Scales each row of `vectors` (texts x dim) to unit L2 length; an all-zero row stays zero.
pub(crate) fn l2_normalise(vectors: &Tensor) -> Result<Tensor> {
    let norms = vectors
        .sqr()?
        .sum_keepdim(1)?
        .sqrt()?
        .clamp(1e-12, f64::MAX)?;
    vectors.broadcast_div(&norms)
}

#[cfg(test)]
mod tests {
    use candle_core::Device;

    use super::*;

    #[test]
    fn mean_pool_skips_masked_tokens() {
        let hidden = Tensor::new(
            &[
                [[1f32, 2.], [3., 4.], [100., 100.]],
                [[5., 6.], [7., 8.], [9., 10.]],
            ],
            &Device::Cpu,
        )
        .unwrap();
        let mask = Tensor::new(&[[1u32, 1, 0], [1, 1, 1]], &Device::Cpu).unwrap();
        let pooled = mean_pool(&hidden, &mask).unwrap().to_vec2::<f32>().unwrap();
        assert_eq!(pooled, vec![vec![2., 3.], vec![7., 8.]]);
    }

    #[test]
    fn l2_normalise_gives_unit_rows_and_keeps_zero_rows() {
        let vectors = Tensor::new(&[[3f32, 4.], [0., 0.]], &Device::Cpu).unwrap();
        let normed = l2_normalise(&vectors).unwrap().to_vec2::<f32>().unwrap();
        assert_eq!(normed, vec![vec![0.6, 0.8], vec![0., 0.]]);
    }
}
