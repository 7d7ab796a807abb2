//! One module per section of 二、考评内容 and 四、考评结果运用, each opening with the clause it implements.

pub(crate) mod adjustments;
pub mod deposits;
pub(crate) mod dongchu;
pub(crate) mod loan_input;
pub(crate) mod loan_structure;
pub(crate) mod outcomes;
