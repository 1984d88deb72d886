//! Safe XML reading (DOCTYPE refusal, depth limit). Placeholder.
