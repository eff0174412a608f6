//! When each device last synced: a report lists every trusted device with
//! its last import and how many days ago it was, so a laptop that has not
//! been brought in for a month stands out.

use serde::Serialize;

use crate::crypto::mac::RowKey;
use crate::ids::DeviceId;
use crate::store::hub::DeviceRow;
use crate::time::Timestamp;

/// A device that has not synced for this many days (or, never synced, was
/// enrolled this long ago) is marked.
pub const STALE_DAYS: i64 = 30;

/// One trusted device's last sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceSync {
    pub device_id: DeviceId,
    pub name: Option<String>,
    pub region: Option<String>,
    pub last_import_at: Option<Timestamp>,
    /// Whole days since the last import; `None` when it never synced.
    pub days_since_import: Option<i64>,
    /// No import for [`STALE_DAYS`] days or more (counted from enrolment
    /// when it never synced).
    pub stale: bool,
}

fn days_between(from: Timestamp, to: Timestamp) -> i64 {
    (to.as_datetime() - from.as_datetime()).num_days().max(0)
}

/// The trusted devices (enrolled, not revoked, and whose row checks out),
/// the longest silent first.
pub fn device_sync(devices: &[DeviceRow], key: &RowKey, now: Timestamp) -> Vec<DeviceSync> {
    let mut list: Vec<DeviceSync> = devices
        .iter()
        .filter(|d| d.revoked_at.is_none() && d.verify(key))
        .map(|d| {
            let days = d.last_import_at.map(|at| days_between(at, now));
            let silent = days.unwrap_or_else(|| days_between(d.enrolled_at, now));
            DeviceSync {
                device_id: d.device_id.clone(),
                name: d.name.clone(),
                region: d.region.clone(),
                last_import_at: d.last_import_at,
                days_since_import: days,
                stale: silent >= STALE_DAYS,
            }
        })
        .collect();
    list.sort_by(|a, b| {
        let silent = |d: &DeviceSync| d.days_since_import.unwrap_or(i64::MAX);
        silent(b)
            .cmp(&silent(a))
            .then_with(|| a.device_id.cmp(&b.device_id))
    });
    list
}
