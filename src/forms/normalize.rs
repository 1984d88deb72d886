//! Normalisation of amounts, dates, percentages, names. Placeholder.
