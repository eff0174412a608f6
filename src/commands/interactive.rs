//! The interactive walk in the terminal (built in the next step).

use qorgau::datadir::DataDir;
use qorgau::protocol::Protocol;
use qorgau::screening::Screening;
use qorgau::setup::DeviceSetup;
use qorgau::store::Store;

use super::{Context, Failure};
use crate::ui::output::Output;

pub fn screen(
    _context: &Context,
    _out: &mut Output,
    _dir: &DataDir,
    _setup: &DeviceSetup,
    _protocol: &Protocol,
) -> Result<(), Failure> {
    Err(Failure::new("give the answers with --answers FILE"))
}

pub fn resume(
    _context: &Context,
    _out: &mut Output,
    _store: &mut Store,
    _screening: Screening<'_>,
) -> Result<(), Failure> {
    Err(Failure::new("give the answers with --answers FILE"))
}
