//! The ids of stored things, as plain values every layer may name: the
//! store hands them out, the engine and the window pass them around, and
//! a draft (`mail::compose`) remembers which message it answers. They live
//! below all layers so that naming one imports no store code.

/// A stored message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MsgId(pub i64);

/// A folder of an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FolderId(pub i64);
