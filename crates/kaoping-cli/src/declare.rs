//! `kaoping template --xlsx 申报.xlsx --bank icbc [--from FILE]`: one bank's 申报表, for it to fill in
//! and return (三、考评组织: 各银行业金融机构申报).

use kaoping_engine::{Scenario, Scheme};
use kaoping_sheets::form;

use crate::{about, check_bank, load, write_file, Failure};

/// Writes the bank's form to `out`; its boxes are filled from `from`'s figures for the bank, if given.
pub(crate) fn form(year: u16, out: &str, from: Option<&str>, bank: &str) -> Result<String, Failure> {
    let (scheme, scenario) = match from {
        Some(file) => load(file)?,
        None => {
            let scheme = Scheme::builtin(year).map_err(|e| Failure::input(e.to_string()))?;
            (scheme, Scenario::new(scheme.year))
        }
    };
    check_bank(scheme, bank)?;
    write_file(out, &form::write(scheme, &scenario, bank, &about()).map_err(Failure::input)?)?;
    Ok(String::new())
}
