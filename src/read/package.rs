//! Package-level facts shared by the OOXML readers: content types, relationships, document properties, macros, embeddings. Placeholder.
