//! Evaluation against gold data: segmentation on UD Arabic-PUD.

pub mod conllu;
pub mod segmentation;

/// The harmonic mean of precision and recall (0 when both are 0).
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}
