//! Evaluation against gold data.
