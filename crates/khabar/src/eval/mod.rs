//! Evaluation against gold data: segmentation on UD Arabic-PUD.

pub mod conllu;
pub mod segmentation;
