//! `hub import` for one bundle file: import it, write its signed receipt
//! where the worker will look for it, and the coordinator's newest update
//! beside the receipt when the device does not have it yet. The binary
//! only prints what happened.

use std::path::{Path, PathBuf};

use super::HubError;
use crate::crypto::SecretKeys;
use crate::datadir::{write_private, DataDirError};
use crate::ids::BundleId;
use crate::store::hub::HubStore;
use crate::sync::{import_bundle, FactsSink, ImportError, ImportOptions, ImportReport, Receipt};

/// What became of one bundle file that was imported.
#[derive(Debug)]
pub struct Imported {
    pub report: ImportReport,
    /// The receipt written, or why it could not be: the bundle is stored
    /// either way, and importing the same file again writes the receipt.
    pub receipt: Result<Receipted, DataDirError>,
}

/// A receipt written, and the update that travels with it.
#[derive(Debug)]
pub struct Receipted {
    pub path: PathBuf,
    /// The coordinator's newest update written beside the receipt (its
    /// sequence and file), `None` when the device already has it or there
    /// is none; or why it could not be written.
    pub update: Result<Option<(u64, PathBuf)>, HubError>,
}

/// Where a bundle's receipt goes: in `folder`, or beside the bundle, named
/// after it (`week48.qgb` → `week48.receipt`), so the worker finds the
/// receipt for the file they brought. A bundle path with no file name
/// falls back to the first 16 characters of its id.
pub fn receipt_path(bundle: &Path, folder: Option<&Path>, bundle_id: &BundleId) -> PathBuf {
    let folder = folder
        .map(Path::to_path_buf)
        .or_else(|| bundle.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let stem = bundle
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| bundle_id.as_str().chars().take(16).collect());
    folder.join(format!("{stem}.receipt"))
}

/// The update pack that travels with a receipt: same folder, same name,
/// `.qgu` (`ack` installs it from there).
pub fn update_beside(receipt: &Path) -> PathBuf {
    receipt.with_extension("qgu")
}

/// Import one bundle file, then write its receipt (signed with the hub key
/// the bundle was made for, so a device that has not yet installed a new
/// hub card can check it) and, beside it, the newest update the device
/// said it lacks. A bundle refused whole is the error; a receipt or update
/// that cannot be written is said in [`Imported`].
pub fn import_file(
    store: &mut HubStore,
    keys: &SecretKeys,
    bundle: &Path,
    receipt_folder: Option<&Path>,
    options: &ImportOptions,
    facts: &dyn FactsSink,
) -> Result<Imported, ImportError> {
    let report = import_bundle(store, keys, &bundle, options, facts)?;
    let receipt = Receipt::for_import(&report, &keys.id, options.now);
    let path = receipt_path(bundle, receipt_folder, &report.bundle_id);
    let (_, signing) = keys.generation(report.hub_key);
    let receipt = write_private(&path, receipt.signed_by(signing).as_bytes(), true).map(|()| {
        let installed = report.installed.as_ref().and_then(|s| s.update);
        Receipted {
            update: write_update(store, &path, installed),
            path,
        }
    });
    Ok(Imported { report, receipt })
}

/// Write the hub's newest update beside a receipt, unless the device said
/// it already has it.
fn write_update(
    store: &HubStore,
    receipt: &Path,
    installed: Option<u64>,
) -> Result<Option<(u64, PathBuf)>, HubError> {
    let Some((sequence, pack)) = store.newest_update()? else {
        return Ok(None);
    };
    if installed.is_some_and(|have| have >= sequence) {
        return Ok(None);
    }
    let path = update_beside(receipt);
    write_private(&path, &pack, true)?;
    Ok(Some((sequence, path)))
}

#[cfg(test)]
mod tests {
    use super::{receipt_path, update_beside};
    use std::path::Path;

    #[test]
    fn a_receipt_is_named_after_its_bundle_where_the_worker_looks() {
        let id = crate::ids::BundleId::of_digest(&[0xab; 32]);
        let bundle = Path::new("/stick/week48.qgb");
        assert_eq!(
            receipt_path(bundle, None, &id),
            Path::new("/stick/week48.receipt")
        );
        assert_eq!(
            receipt_path(bundle, Some(Path::new("/receipts")), &id),
            Path::new("/receipts/week48.receipt")
        );
        assert_eq!(
            update_beside(Path::new("/stick/week48.receipt")),
            Path::new("/stick/week48.qgu")
        );
    }
}
