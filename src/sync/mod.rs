//! Sync by file: a device exports a signed, encrypted bundle of its sealed
//! records; the hub imports it and writes a signed receipt; the device
//! acknowledges the receipt and forgets what the hub now holds.
//! The formats are specified in `docs/bundle-format.md`.

pub mod bundle;
pub mod export;
pub mod import;
pub mod receipt;

pub use bundle::{BundleError, BundleHeader, BundleReader, BundleRecord, BundleWriter};
pub use export::{export_bundle, plan_export, write_bundle, ExportError, ExportPlan, Exported};
pub use import::{
    import_bundle, BundleSource, FactsSink, FactsWorker, ImportError, ImportOptions, ImportReport,
    NoFacts, Rejection,
};
pub use receipt::{acknowledge, Acknowledged, Receipt, ReceiptError};
